"""Three types, a family of on-path receiver mixings, and an off-path message whose
payoffs depend on the belief: is some member deterred at some belief?

The receiver is indifferent at the pooled message, so any mixing there is a best
response; the off-path message's payoffs move with the belief after it.  Which member and
which belief deter is a joint question.  It used to be asked at one witness belief (and
at the first member), and the pattern left out, with a note, when that failed.  It is
now decided exactly: the mixing is eliminated (Fourier-Motzkin) and the belief found or
proved not to exist by the cylindrical decomposition.

The reference is a brute force written from the definitions: a grid of the on-path
mixing, of the belief after the off-path message and of the mixture there.  A grid can
miss a point, so it is one-sided: every point it finds must be matched by a reported
equilibrium of that pattern.
"""

from __future__ import annotations

import random
from fractions import Fraction
from itertools import product

import numpy as np
import pytest
import sympy as sp
from _random_games import survey_game
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from alliance_games import SignallingGame, belief, solve
from alliance_games.solving import belief_simplex, simplex_backend, simplex_offpath
from alliance_games.verify import verify

TYPES = ["A", "B", "C"]
ACTIONS = [["a0", "a1"], ["a0", "a1"]]


def _game(sender, receiver) -> SignallingGame:
    return SignallingGame.from_arrays(["1/3", "1/3", "1/3"], sender, receiver, types=TYPES,
                                      messages=["m0", "m1"], actions=ACTIONS)


def _grid_point(game: SignallingGame, on: int, b_on: tuple, b_off: tuple) -> tuple | None:
    """A point of the pooling pattern (every type sends ``on``, answered by ``b_on``; the
    other message answered by ``b_off``) on a grid, from the definitions: the receiver's
    support optimal at the prior after ``on`` and at some belief after the other message,
    and some mixture there giving no type more than its pooling payoff."""
    off = 1 - on
    syms = game.belief_symbols
    terms = {}  # each payoff as exact (coefficient, exponents) terms in the belief

    def pay(table, t, m, a, mu):
        key = (id(table), t, m, a)
        if key not in terms:
            poly = sp.Poly(sp.sympify(table[t][m][a]), *syms)
            terms[key] = [(Fraction(int(k.p), int(k.q)), e) for e, k in poly.terms()]
        total = Fraction(0)
        for k, e in terms[key]:
            for x, n in zip(mu, e):
                k *= x ** n
            total += k
        return total

    def supported(m, acts, mu) -> bool:
        value = [sum(mu[t] * pay(game.receiver_payoffs, t, m, a, mu) for t in range(3))
                 for a in range(2)]
        return all(value[a] == max(value) for a in acts)

    prior = tuple(Fraction(1, 3) for _ in range(3))
    if not supported(on, b_on, prior):
        return None
    rs = [Fraction(k, 12) for k in range(1, 12)] if len(b_on) == 2 else [Fraction(1)]
    lams = [Fraction(k, 8) for k in range(1, 8)] if len(b_off) == 2 else [Fraction(1)]
    beliefs = [(Fraction(i, 12), Fraction(j, 12), Fraction(12 - i - j, 12))
               for i in range(13) for j in range(13 - i)]
    for r in rs:
        w_on = dict(zip(b_on, (r, 1 - r)))
        values = [sum(p * pay(game.sender_payoffs, t, on, a, prior) for a, p in w_on.items())
                  for t in range(3)]
        for mu, lam in product(beliefs, lams):
            if not supported(off, b_off, mu):
                continue
            w_off = dict(zip(b_off, (lam, 1 - lam)))
            if all(sum(p * pay(game.sender_payoffs, t, off, a, mu) for a, p in w_off.items())
                   <= values[t] for t in range(3)):
                return r, mu, lam
    return None


def _label(on: int, b_on: tuple, b_off: tuple) -> str:
    acts = {on: b_on, 1 - on: b_off}
    right = " ".join(f"m{m}:" + "+".join(f"a{a}" for a in acts[m]) for m in (0, 1))
    return f"A:m{on} B:m{on} C:m{on} | {right}"


def test_a_deterring_belief_away_from_the_first_witness_is_found():
    """The receiver is indifferent after the pooled ``m1`` (a family: ``a0`` with any
    probability ``r``) and after ``m0`` (its gain ``mu_A mu_B`` is not linear in the
    belief).  ``m0`` pays A ``2 mu_C``, so A is deterred iff ``r >= 2 mu_C``.  The first
    witness of ``m0``'s best-response set is the belief ``mu_C = 1``, where nothing
    deters A: the pattern was left out with a note.  At ``mu_C = 0`` every member deters:
    it is an equilibrium."""
    b, c = belief("B"), belief("C")
    game = _game([[[2 * c, 0], [1, 0]], [[0, 0], [1, 0]], [[0, 0], [0, 1]]],
                 [[[b, 0], [1, 0]], [[0, 0], [0, 0]], [[0, 0], [0, 1]]])
    res = solve(game)
    label = _label(1, (0, 1), (0,))
    assert res.notes == ()
    found = [e for e in res if e.label == label]
    assert found and all(verify(game, e).ok for e in found)
    assert _grid_point(game, 1, (0, 1), (0,)) is not None


def test_an_off_path_mixture_away_from_the_first_member_is_found():
    """The same family after ``m1``; ``m0`` is answered by a mixture (the receiver is
    indifferent there) that pays A ``3/4 + mu_C`` whatever its weights.  A is deterred
    iff ``r >= 3/4 + mu_C``: only members with ``r >= 3/4``, at ``mu_C = 0``.  The first
    member tried was not one of them and the pattern was left out; it is an
    equilibrium."""
    c = belief("C")
    top = sp.Rational(3, 4) + c
    game = _game([[[top, top], [1, 0]], [[0, 0], [1, 0]], [[0, 0], [0, 1]]],
                 [[[0, 0], [1, 0]], [[0, 0], [0, 0]], [[0, 0], [0, 1]]])
    res = solve(game)
    label = _label(1, (0, 1), (0, 1))
    assert res.notes == ()
    found = [e for e in res if e.label == label]
    assert found and all(verify(game, e).ok for e in found)
    assert _grid_point(game, 1, (0, 1), (0, 1)) is not None


def _seed_18() -> SignallingGame:
    a, b, c = belief("A"), belief("B"), belief("C")
    return _game(
        [[[1 - a, 2 * b + 1], [-b, -c - 2]], [[-1, -1], [2 * b - 1, -1]],
         [[1, -a], [1, 2 * b + 1]]],
        [[[2, 2 * c], [-2, 2 * a + 2]], [[-1, b + 1], [2, 2 * b - 1]],
         [[0, 2], [1, -a - 1]]])


def test_a_family_that_no_belief_deters_is_decided():
    """A random game (linear belief payoffs) whose pooling patterns on ``m1`` were left
    out.  By hand, for ``m0`` answered by ``a0``: pooling on ``m1`` (the receiver
    indifferent at the prior) pays A ``2 r - 7/3`` and ``m0`` pays A ``1 - mu_A >= 0``,
    so A is deterred only if ``r >= 7/6``: no member.  Every pattern is now decided, and
    the grid finds no point of the patterns the solver reports empty."""
    game = _seed_18()
    res = solve(game)
    assert res.notes == ()
    assert _grid_point(game, 1, (0, 1), (0,)) is None
    labels = {e.label for e in res}
    for b_off in ((0,), (1,), (0, 1)):
        if _grid_point(game, 1, (0, 1), b_off) is not None:
            assert _label(1, (0, 1), b_off) in labels
    assert all(verify(game, e).ok for e in res)


@pytest.mark.parametrize("seed", [8])
def test_families_against_the_grid_on_random_games(seed):
    """Random games built so that the receiver is indifferent at the pooled message (its
    payoffs there cancel at the prior), with belief-dependent payoffs after the other:
    each pooling pattern the grid finds a point of is reported, none is left out, and
    each reported equilibrium passes ``verify``."""
    rng = random.Random(seed)
    mus = [belief(t) for t in TYPES]

    def entry():
        e = sp.Integer(rng.randint(-2, 2))
        return e + rng.choice([0, 1, -1, 2]) * rng.choice(mus)

    sender = [[[entry() for _ in range(2)] for _ in range(2)] for _ in range(3)]
    receiver = [[[entry() for _ in range(2)] for _ in range(2)] for _ in range(3)]
    receiver[0][1] = [1, 0]  # at the prior after m1: a0 and a1 each worth 1/3
    receiver[1][1] = [0, 0]
    receiver[2][1] = [0, 1]
    game = _game(sender, receiver)
    res = solve(game)
    assert res.notes == res.undecided_patterns == ()
    labels = {e.label for e in res}
    for b_off in ((0,), (1,), (0, 1)):
        if _grid_point(game, 1, (0, 1), b_off) is not None:
            assert _label(1, (0, 1), b_off) in labels
    assert all(verify(game, e).ok for e in res)


def _last_only(gd, m, acts):
    syms = gd.game.belief_symbols
    return {syms[-1]: 1 - sp.Add(*syms[:-1])}


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_substituting_a_linear_indifference_keeps_the_answer(data):
    """:func:`simplex_offpath._deterring_belief` substitutes a belief coordinate that a
    linear indifference between the off-path mixture's actions fixes
    (:func:`simplex_offpath._linear_fixed`) before it prunes the rows.  On random family
    games (receiver indifferent at the pooled message ``m1``; ``m0`` answered by a
    mixture of both actions, the receiver's payoffs there integers) it decides the same
    as without the substitution, wherever both decide (without it, more than
    ``MAX_MIXTURE_ROWS`` rows are left to the caller)."""
    mus = [belief(t) for t in TYPES]

    def entry():
        e = sp.Integer(data.draw(st.integers(-2, 2)))
        return e + data.draw(st.sampled_from([0, 1, -1, 2])) * data.draw(st.sampled_from(mus))

    sender = [[[entry() for _ in range(2)] for _ in range(2)] for _ in range(3)]
    # after m0 integer payoffs: the indifference is linear in the belief
    receiver = [[[data.draw(st.integers(-2, 2)) for _ in range(2)], [1, 0]],
                [[data.draw(st.integers(-2, 2)) for _ in range(2)], [0, 0]],
                [[data.draw(st.integers(-2, 2)) for _ in range(2)], [0, 1]]]
    game = _game(sender, receiver)
    gd = simplex_backend.simplex_game(game)
    assume(len(simplex_offpath._linear_fixed(gd, 0, (0, 1))) == 2)  # (it substitutes)
    S, B = ((1,),) * 3, ((0, 1), (0, 1))
    x = {1: simplex_backend.bayes_posterior(gd, gd.prior)}
    with_sub = simplex_offpath._deterring_belief(gd, S, B, x, [], 0, (0, 1), [])
    original = simplex_offpath._linear_fixed
    simplex_offpath._linear_fixed = _last_only
    try:
        without = simplex_offpath._deterring_belief(gd, S, B, x, [], 0, (0, 1), [])
    finally:
        simplex_offpath._linear_fixed = original
    assume(with_sub is not None and without is not None and with_sub[1] and without[1])
    assert (with_sub[0] is None) == (without[0] is None)


def test_a_family_with_many_rows_is_decided_by_the_larger_decomposition():
    """Linear seed 60 of the survey: pooling on ``m1`` (the receiver indifferent at the
    prior), ``m0`` answered by a mixture of both actions, whose indifference is a conic.
    The elimination left 9 rows, more than ``MAX_MIXTURE_ROWS``, and no member is
    deterred at the tried beliefs, so the pattern was left out; the last resort
    (``LAST_MIXTURE_ROWS``) decided it: no equilibrium.  Substituting through the
    mixing's equations instead of splitting each into two inequalities
    (``belief_plane.eliminated``), 4 rows are left, and the first decomposition decides
    it.  A numeric check along the conic
    (201 abscissas, the roots in ``mu_B`` at 30 digits, and at each point ``linprog``
    for the two mixtures) finds no point where any mixtures deter, even with
    probabilities allowed to be 0."""
    game = survey_game(60)
    gd = simplex_backend.simplex_game(game)
    S, B = ((1,),) * 3, ((0, 1), (0, 1))
    x = {1: simplex_backend.bayes_posterior(gd, gd.prior)}
    assert simplex_offpath._deterring_belief(gd, S, B, x, [], 0, (0, 1), [], 3) is None
    assert simplex_offpath._deterring_belief(gd, S, B, x, [], 0, (0, 1), []) == (None, True)
    assert belief_simplex._solve_pure(gd, S, B, x) == []
    syms, R, U = list(game.belief_symbols), game.receiver_payoffs, game.sender_payoffs
    a, b = sp.symbols("a b")

    def at(e, mu):
        return sp.sympify(e).xreplace(dict(zip(syms, mu)))

    mu = (a, b, 1 - a - b)
    f = sp.expand(sum(mu[t] * (at(R[t][0][0], mu) - at(R[t][0][1], mu)) for t in range(3)))
    prior = [sp.Rational(1, 3)] * 3
    deterred = visited = 0
    for a0 in np.linspace(0, 1, 201):
        p = sp.Poly(f.subs(a, sp.Float(a0, 30)), b)
        roots = p.nroots(n=30) if p.degree() > 0 else []
        for b0 in (float(sp.re(r)) for r in roots if abs(sp.im(r)) < 1e-20):
            if b0 < -1e-12 or a0 + b0 > 1 + 1e-12:
                continue
            pt = (a0, b0, 1 - a0 - b0)
            visited += 1
            # the on-path mixing (2), the off-path mixture (2): every type deterred
            rows = [[-float(at(U[t][1][k], prior)) for k in (0, 1)]
                    + [float(at(U[t][0][k], pt)) for k in (0, 1)] for t in range(3)]
            out = linprog([0.0] * 4, A_ub=rows, b_ub=[0.0] * 3,
                          A_eq=[[1, 1, 0, 0], [0, 0, 1, 1]], b_eq=[1, 1], bounds=[(0, 1)] * 4)
            deterred += out.status == 0
    assert visited > 50 and deterred == 0  # (the conic crosses the simplex)
