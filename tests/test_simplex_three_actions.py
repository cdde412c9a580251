"""Three types and an off-path message answered by a mixture of three actions whose
payoffs depend on the belief.

Beliefs at which all three actions are best responses are where two indifference curves
meet: finitely many points, unless the curves share a component.  The deterring mixtures
used to be looked for at one witness of that set and at points of a rational grid, and the
pattern was left out (``no sample belief sustains a mixture``) when none deterred; now
every point of a finite set is tried (:func:`.semialgebraic.all_points`), so "none
deters" is a proof.

The reference is a brute force written from the definitions with other tools: the points
from ``sympy.solve`` of the two indifferences, and at each one an exact linear program
(``sympy.solvers.simplex.lpmax``) for the mixture that maximises its smallest
probability subject to every type being deterred.
"""

from __future__ import annotations

import random

import sympy as sp
from _simplex_patterns import off_path_at_irrational_witness
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.solvers.simplex import lpmax

from alliance_games import SignallingGame, belief, solve
from alliance_games.solving import belief_simplex
from alliance_games.solving.semialgebraic import all_points
from alliance_games.verify import verify

TYPES = ["A", "B", "C"]


def _pooling_sustained(game: SignallingGame, on: int, a: int) -> bool:
    """Brute force: every type sends ``on``, answered by action ``a``; the other message
    by a strict mixture of its three actions.  Whether some belief after it makes all
    three best responses and some such mixture deters every type."""
    syms = list(game.belief_symbols)
    prior = [sp.sympify(p) for p in game.prior]
    R, S = game.receiver_payoffs, game.sender_payoffs

    def at(e, mu):
        return sp.sympify(e).xreplace(dict(zip(syms, mu)))

    def value(m, b, mu):
        return sum(mu[t] * at(R[t][m][b], mu) for t in range(3))

    if any(value(on, a, prior) < value(on, b, prior) for b in range(len(R[0][on]))):
        return False
    values = [at(S[t][on][a], prior) for t in range(3)]
    off = 1 - on
    x, y = sp.symbols("x y")
    mu = (x, y, 1 - x - y)
    solutions = sp.solve([value(off, 0, mu) - value(off, 1, mu),
                          value(off, 0, mu) - value(off, 2, mu)], [x, y], dict=True)
    assert solutions, "the brute force needs finitely many points"
    for s in solutions:
        pt = (s[x], s[y], 1 - s[x] - s[y])
        if not all(v.is_real and v >= 0 for v in pt):
            continue
        r, z = sp.symbols("r0:3"), sp.Symbol("z")
        cons = [sum(r) <= 1, sum(r) >= 1] + [z <= ri for ri in r] + [ri >= 0 for ri in r]
        cons += [sum(r[b] * at(S[t][off][b], pt) for b in range(3)) <= values[t]
                 for t in range(3)]
        try:
            best = lpmax(z, cons)[0]
        except Exception:  # sympy's InfeasibleLPError: no mixture deters here
            continue
        if best > 0:
            return True
    return False


def _label(on: int, a: int) -> str:
    senders = " ".join(f"{t}:m{on}" for t in TYPES)
    answers = {on: f"a{a}", 1 - on: "a0+a1+a2"}
    return f"{senders} | m0:{answers[0]} m1:{answers[1]}"


def _second_point_game() -> SignallingGame:
    """After ``m0`` the receiver is indifferent between ``a0`` and ``a1`` where ``mu_A =
    mu_B``, and between ``a0`` and ``a2`` where ``15 mu_A**2 - 8 mu_A + 1 = 0`` (``mu_A``
    is 1/5 or 1/3): all three are best responses at (1/5, 1/5, 3/5) and at (1/3, 1/3,
    1/3).  Every type's payoff from ``m0`` is ``3 mu_A - 9/10`` whatever the action, and 0
    from pooling on ``m1`` (answered by ``a0``): deterred at the first point (-3/10), not
    at the second (1/10).  The second is the witness the old search tried, and the
    first is on neither of its grids."""
    mu = belief("A")
    c = 15 * mu**2 - 7 * mu + 1
    d = 3 * mu - sp.Rational(9, 10)
    sender = [[[d, d, d], [0, 0, 0]] for _ in TYPES]
    receiver = [[[1, 0, c], [1, 0, 0]], [[0, 1, c], [1, 0, 0]], [[0, 0, c], [1, 0, 0]]]
    return SignallingGame.from_arrays(["1/3"] * 3, sender, receiver, types=TYPES)


def test_a_mixture_of_three_actions_deters_at_the_second_point():
    """The pooling equilibrium is reported, with the belief (1/5, 1/5, 3/5) after ``m0``;
    it was left out with a note before.  (The game's off-path answers that no belief
    makes best responses, such as ``a1`` after ``m1``, are also proved empty now; with an
    on-path family of mixings they were left out as well.)"""
    game = _second_point_game()
    res = solve(game)
    assert _pooling_sustained(game, 1, 0)
    eq = next(e for e in res if e.label == _label(1, 0))
    assert tuple(eq.beliefs["m0"].example().values()) == (sp.Rational(1, 5),
                                                         sp.Rational(1, 5),
                                                         sp.Rational(3, 5))
    assert verify(game, eq).ok
    assert not [n for n in res.notes if "sample belief" in n or "family" in n]


def _random_game(seed: int) -> SignallingGame:
    """``benchmarks/survey_simplex.py --shape actions3``'s game of this seed."""
    rng = random.Random(seed)
    mus = [belief(n) for n in TYPES]

    def entry():
        r, c = rng.random(), sp.Integer(rng.randint(-2, 2))
        return c + rng.choice([1, -1, 2]) * rng.choice(mus) if r < 0.3 else c

    tables = [[[[entry() for _ in range(3)] for _ in range(2)] for _ in range(3)]
              for _ in range(2)]
    return SignallingGame.from_arrays([sp.Rational(1, 3)] * 3, *tables, types=TYPES)


def test_three_action_mixtures_against_the_brute_force_on_a_random_game():
    """Seed 3 of the survey's three-action games: its pattern with ``m1`` answered by a
    mixture of all three actions was left out; every such pooling pattern is now decided
    and agrees with the brute force, and every equilibrium verifies."""
    game = _random_game(3)
    res = solve(game)
    assert not [n for n in res.notes if "sample belief" in n]
    labels = {e.label for e in res}
    for on in (0, 1):
        for a in range(3):
            assert (_label(on, a) in labels) == _pooling_sustained(game, on, a), (on, a)
    assert all(verify(game, e).ok for e in res)


def test_irrational_every_type_mixing_off_a_triangular_basis():
    """Seed 52 of the survey's three-action games: every type mixing, the receiver
    mixing ``a0``/``a1`` after both messages.  The sender mixtures are irrational (a root of
    a sextic), and the lex basis fixes ``A``'s probability only through a member that holds
    ``B``'s too (``s_A + s_B + h(s_C)``), so reading each coordinate off a member in
    ``C``'s alone found nothing and the pattern was left out ("not in shape
    position").  Solving from the last coordinate up finds its one equilibrium, which
    verifies."""
    game = _random_game(52)
    gd = belief_simplex.simplex_game(game)
    sols = belief_simplex._solve_mixing(gd, ((0, 1),) * 3, ((0, 1), (0, 1)))
    assert len(sols) == 1
    eq = belief_simplex._assemble(gd, sols[0], False)
    assert eq.label == "A:m0+m1 B:m0+m1 C:m0+m1 | m0:a0+a1 m1:a0+a1"
    assert not eq.sender["C"]["m0"].is_Rational
    assert verify(game, eq).ok


def test_a_rational_three_action_mixture_that_deters_strictly():
    """Seed 40 of the survey's three-action games, all types pooling on ``m1`` and ``m0``
    answered by a mixture of all three actions: the witness belief after ``m0`` is
    irrational, so the mixture maximising its smallest probability was too, and the
    pattern was left out.  A mixture deterring every type strictly exists there, so one
    rounded to rationals (checked exactly) is taken; the equilibrium passes
    ``verify``."""
    game = _random_game(40)
    eq = off_path_at_irrational_witness(game, ((1,),) * 3, ((0, 1, 2), (2,)), 0)
    assert eq.label == "A:m1 B:m1 C:m1 | m0:a0+a1+a2 m1:a2"
    assert verify(game, eq).ok


_coef = st.integers(-3, 3)


@settings(max_examples=40, deadline=None)
@given(st.lists(_coef, min_size=3, max_size=3), st.lists(_coef, min_size=6, max_size=6))
def test_all_points_against_sympy_solve(line, conic):
    """Where a line and a conic (integer coefficients) meet in the triangle:
    :func:`all_points` against ``sympy.solve``, exactly (points compared by
    ``simplify(p - q) == 0``)."""
    a, b, c = sp.symbols("a b c")
    f = line[0] + line[1] * a + line[2] * b
    g = sp.Add(*[k * m for k, m in zip(conic, (1, a, b, a * b, a**2, b**2))])
    got = all_points([(f, "=="), (g, "==")], (a, b, c))
    fp, gp = sp.Poly(f, a, b), sp.Poly(g, a, b)
    coprime = fp.total_degree() > 0 and gp.total_degree() > 0 and \
        sp.gcd(fp, gp).total_degree() == 0
    if not coprime:
        assert got is None
        return
    want = []
    for s in sp.solve([f, g], [a, b], dict=True):
        pt = (s.get(a, a), s.get(b, b))
        if all(v.is_real and v >= 0 for v in pt) and 1 - pt[0] - pt[1] >= 0:
            want.append(pt)
    assert len(got) == len(want)
    for p in got:
        assert any(sp.simplify(p[0] - q[0]) == 0 and sp.simplify(p[1] - q[1]) == 0
                   for q in want)
