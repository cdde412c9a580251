"""Three types and an off-path message answered by a mixture of three actions whose
payoffs depend on the belief.

Beliefs at which all three actions are best responses are where two indifference curves
meet: finitely many points, unless the curves share a component.  The deterring mixtures
used to be looked for at one witness of that set and at points of a rational grid, and the
pattern was left out (``no sample belief sustains a mixture``) when none deterred; now
every point of a finite set is tried (:func:`.simplex_offpath._region_points`), so "none
deters" is a proof.  The same points decide patterns whose on-path answer is a family of
mixings (the receiver indifferent at the pooled message): at each, the on-path and
off-path mixtures are variables of one exact linear system.

The reference is a brute force written from the definitions with other tools: the points
from ``sympy.solve`` of the two indifferences, and at each one an exact linear program
(every vertex enumerated, in fractions) for the mixture that maximises its smallest
probability subject to every type being deterred.  (sympy's own simplex, used here
before, can cycle or return a point off its constraints: sympy issue 28089.)
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from _exact_lp import vertex_max
from _random_games import survey_game
from _simplex_patterns import off_path_at_irrational_witness
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from alliance_games import SignallingGame, belief, solve
from alliance_games.solving import belief_simplex, simplex_backend, simplex_mixing, simplex_offpath
from alliance_games.solving.semialgebraic import all_points
from alliance_games.verify import verify

TYPES = ["A", "B", "C"]


def _pooling_sustained(game: SignallingGame, on: int, a: int | tuple) -> bool:
    """Brute force: every type sends ``on``, answered by action ``a`` (or a strict
    mixture of the actions of the tuple ``a``, at which the receiver must be indifferent);
    the other message by a strict mixture of its three actions.  Whether some belief
    after it makes all three best responses and some such mixtures deter every type
    (rational points only: the linear program is solved in fractions)."""
    syms = list(game.belief_symbols)
    prior = [sp.sympify(p) for p in game.prior]
    R, S = game.receiver_payoffs, game.sender_payoffs
    on_acts = (a,) if isinstance(a, int) else tuple(a)

    def at(e, mu):
        return sp.sympify(e).xreplace(dict(zip(syms, mu)))

    def value(m, b, mu):
        return sum(mu[t] * at(R[t][m][b], mu) for t in range(3))

    best = max(value(on, b, prior) for b in range(len(R[0][on])))
    if any(value(on, b, prior) != best for b in on_acts):
        return False
    off = 1 - on
    x, y = sp.symbols("x y")
    mu = (x, y, 1 - x - y)
    solutions = sp.solve([value(off, 0, mu) - value(off, 1, mu),
                          value(off, 0, mu) - value(off, 2, mu)], [x, y], dict=True)
    # variables r0, r1 (r2 = 1 - r0 - r1), q_0 .. q_{k-2} (the last q = 1 - the others),
    # z; maximise z <= every probability, every type deterred
    k = len(on_acts)
    n = 2 + (k - 1) + 1

    def prob(i, first, count):  # coefficients (row, constant) of probability i
        row = [Fraction(0)] * n
        if i < count - 1:
            row[first + i] = Fraction(1)
            return row, Fraction(0)
        for j in range(count - 1):
            row[first + j] = Fraction(-1)
        return row, Fraction(1)

    for s in solutions:
        assert x in s and y in s, "the brute force needs finitely many points"
        pt = (s[x], s[y], 1 - s[x] - s[y])
        if not all(v.is_real and v >= 0 for v in pt):
            continue
        rs = [prob(i, 0, 3) for i in range(3)]
        qs = [prob(i, 2, k) for i in range(k)]
        rows = []  # (coeffs, bound): coeffs . v <= bound
        for coef, const in rs + qs:
            rows.append(([-c for c in coef], const))  # probability >= 0
            rows.append(([-c for c in coef[:-1]] + [Fraction(1)], const))  # z <= it
        for t in range(3):
            lhs = [Fraction(0)] * n
            rhs = Fraction(0)
            for (coef, const), b in zip(rs, range(3)):
                w = _fraction(at(S[t][off][b], pt))
                lhs = [u + w * c for u, c in zip(lhs, coef)]
                rhs -= w * const
            for (coef, const), b in zip(qs, on_acts):
                w = _fraction(at(S[t][on][b], prior))
                lhs = [u - w * c for u, c in zip(lhs, coef)]
                rhs += w * const
            rows.append((lhs, rhs))
        top = vertex_max(rows, n, n - 1)
        if top is not None and top > 0:
            return True
    return False


def _fraction(v) -> Fraction:
    v = sp.sympify(v) if sp.sympify(v).is_Rational else sp.simplify(v)  # (exact)
    if not v.is_Rational:
        raise TypeError(f"the exact brute force takes rational points only: {v}")
    return Fraction(int(v.p), int(v.q))


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
    return survey_game(seed, "actions3")


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
    gd = simplex_backend.simplex_game(game)
    sols = simplex_mixing.solve_mixing(gd, ((0, 1),) * 3, ((0, 1), (0, 1)))
    assert len(sols) == 1
    eq = belief_simplex._assemble(gd, sols[0], False)
    assert eq.label == "A:m0+m1 B:m0+m1 C:m0+m1 | m0:a0+a1 m1:a0+a1"
    assert not eq.sender["C"]["m0"].is_Rational
    assert verify(game, eq).ok


def test_a_rational_three_action_mixture_that_deters_strictly():
    """Seed 40 of the survey's three-action games, all types pooling on ``m1`` and ``m0``
    answered by a mixture of all three actions: the witness belief after ``m0`` is
    irrational (a quartic point), so the deterrence rows there are too.  The mixture
    maximising its smallest probability is (1/3, 1/3, 1/3); written at the witness the
    decomposition gives (two root objects) it came out unsimplified, failed the
    ``is_Rational`` test, and the pattern was left out (at e8e46a2).  Now the witness
    is in one root's field (:func:`simplex_offpath._region_points`), the rows' rounded
    strict LP gives a rational mixture, checked exactly, and the equilibrium passes
    ``verify``."""
    game = _random_game(40)
    eq = off_path_at_irrational_witness(game, ((1,),) * 3, ((0, 1, 2), (2,)), 0,
                                        closest_irrational=False)
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
        assume(any(line))  # (f = 0: the conic alone, a curve or a point)
        assert got == _line_in_triangle(*line)
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


def _line_in_triangle(p: int, q: int, r: int, cut=(0, 0, 0)) -> list | None:
    """The points ``(a, b, 1 - a - b)`` of the triangle, with ``cut[0] + cut[1] a +
    cut[2] b >= 0``, on the line ``p + q a + r b = 0`` when they are finitely many (none,
    or one), else None: the line clipped to the four half-planes, in fractions."""
    if q == r == 0:
        if p != 0:
            return []
        # the whole plane: the triangle cut by the half-plane, finite only when the cut
        # leaves it at most a corner (its largest value over the triangle, at a corner,
        # is below 0 or 0 at one corner only)
        corners = [(0, 0), (1, 0), (0, 1)]
        values = [cut[0] + cut[1] * x + cut[2] * y for x, y in corners]
        top = max(values)
        if top < 0:
            return []
        at = [xy for xy, v in zip(corners, values) if v == top]
        if top > 0 or len(at) > 1:
            return None
        (x, y), = at
        return [(sp.Integer(x), sp.Integer(y), sp.Integer(1 - x - y))]
    # parametrise by t: (a, b) = (t, -(p + q t) / r), or (-p / q, t) when r = 0
    if r != 0:
        a, b = (Fraction(0), Fraction(1)), (Fraction(-p, r), Fraction(-q, r))
    else:
        a, b = (Fraction(-p, q), Fraction(0)), (Fraction(0), Fraction(1))
    lo, hi = -np.inf, np.inf
    cut_t = (cut[0] + cut[1] * a[0] + cut[2] * b[0], cut[1] * a[1] + cut[2] * b[1])
    for c0, c1 in (a, b, (1 - a[0] - b[0], -a[1] - b[1]), cut_t):  # c0 + c1 t >= 0
        if c1 == 0:
            if c0 < 0:
                return []
        elif c1 > 0:
            lo = max(lo, -c0 / c1)
        else:
            hi = min(hi, -c0 / c1)
    if lo > hi:
        return []
    if lo < hi:
        return None
    pa, pb = a[0] + a[1] * lo, b[0] + b[1] * lo
    return [(sp.Rational(pa.numerator, pa.denominator),
             sp.Rational(pb.numerator, pb.denominator),
             sp.Rational((1 - pa - pb).numerator, (1 - pa - pb).denominator))]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=3, max_size=3),
       st.lists(st.integers(-4, 4), min_size=3, max_size=3))
def test_all_points_on_one_line_against_clipping(line, cut):
    """One equation, a line, and a half-plane: the set is finite only where they leave
    one point of the line in the triangle (or none).  :func:`all_points` decides it from
    the decomposition's cell dimensions; the reference clips the line in fractions."""
    a, b, c = sp.symbols("a b c")
    f = line[0] + line[1] * a + line[2] * b
    h = cut[0] + cut[1] * a + cut[2] * b
    assert all_points([(f, "=="), (h, ">=")], (a, b, c)) == _line_in_triangle(*line, cut)


def test_a_degenerate_three_action_mixture_at_one_corner():
    """Seed 89: after ``m1`` the receiver values ``a1`` and ``a2`` alike at every belief
    (``2 mu_A + mu_C``), so all three actions are best responses where ``a0`` ties with
    them, the line ``mu_B + 3 mu_C = 0``: on the simplex the corner ``mu_A = 1`` only.
    The indifferences' ideal is not zero-dimensional, and the pattern "pooling on ``m0``
    (answered by ``a1``), ``m1`` by a mixture of all three" was left out (no sampled belief
    sustained a mixture).  Now the decomposition proves the set finite and the corner is
    tried: there A gets at least ``-1`` from ``m1`` whatever the mixture, more than its
    ``-5/3`` from pooling, so the pattern has no equilibrium, with no note."""
    game = _random_game(89)
    gd = simplex_backend.simplex_game(game)
    gains = simplex_backend.response_gains(gd, 1, [0, 1, 2])
    assert simplex_offpath._region_points(gd, 1, (0, 1, 2), gains, None) == [(1, 0, 0)]
    res = solve(game)
    assert not res.notes
    assert "A:m0 B:m0 C:m0 | m0:a1 m1:a0+a1+a2" not in {e.label for e in res}
    assert all(verify(game, e).ok for e in res)


# ---------------------------------------------------------------- on-path families
def _pooling_slack(game: SignallingGame, on: int, on_acts: tuple) -> float:
    """Numeric brute force for :func:`_pooling_sustained` where its points are roots of
    quartics (``sympy.solve`` gives radicals its LP cannot order): the points from the
    resultants' roots (30 digits, both indifferences checked there) and, at each, the
    largest smallest probability ``z`` of an on-path and an off-path mixture that deter
    every type (``scipy.optimize.linprog``); ``-inf`` where no mixture deters at all.
    The on-path actions ``on_acts`` are taken to be best responses at the prior (the
    callers' games are built or checked so)."""
    syms = list(game.belief_symbols)
    prior = [sp.sympify(p) for p in game.prior]
    R, S = game.receiver_payoffs, game.sender_payoffs

    def at(e, mu):
        return sp.sympify(e).xreplace(dict(zip(syms, mu)))

    def value(m, b, mu):
        return sp.expand(sum(mu[t] * at(R[t][m][b], mu) for t in range(3)))

    off = 1 - on
    x, y = sp.symbols("x y")
    f = value(off, 0, (x, y, 1 - x - y)) - value(off, 1, (x, y, 1 - x - y))
    g = value(off, 0, (x, y, 1 - x - y)) - value(off, 2, (x, y, 1 - x - y))

    def real_roots(p, v):
        p = sp.Poly(sp.sqf_part(p), v)
        return [sp.re(r) for r in p.nroots(n=30, maxsteps=200) if abs(sp.im(r)) < 1e-25]

    xs, ys = real_roots(sp.resultant(f, g, y), x), real_roots(sp.resultant(f, g, x), y)
    points = [(x0, y0) for x0 in xs for y0 in ys
              if abs(f.subs({x: x0, y: y0})) < 1e-20 and abs(g.subs({x: x0, y: y0})) < 1e-20]
    k = len(on_acts)
    best = -np.inf
    for x0, y0 in points:
        pt = (float(x0), float(y0), float(1 - x0 - y0))
        if min(pt) < -1e-12:
            continue
        # variables: the on-path mixture (k), the off-path one (3), z; maximise z
        a_ub = [[-float(at(S[t][on][b], prior)) for b in on_acts]
                + [float(at(S[t][off][c], pt)) for c in range(3)] + [0.0] for t in range(3)]
        a_ub += [[-1.0 if j == i else 0.0 for j in range(k + 3)] + [1.0] for i in range(k + 3)]
        a_eq = [[1.0] * k + [0.0] * 4, [0.0] * k + [1.0] * 3 + [0.0]]
        out = linprog([0.0] * (k + 3) + [-1.0], A_ub=a_ub, b_ub=[0.0] * len(a_ub),
                      A_eq=a_eq, b_eq=[1.0, 1.0], bounds=[(0, 1)] * (k + 3) + [(-1, 1)])
        if out.status == 0:
            best = max(best, out.x[-1])
    return best


@pytest.mark.parametrize("seed, on, on_acts, exists", [
    (43, 0, (1, 2), False), (46, 0, (1, 2), True), (52, 1, (0, 1), True)])
def test_families_with_a_three_action_mixture_off_the_path(seed, on, on_acts, exists):
    """Seeds 43, 46 and 52 of the survey's three-action games: every type pools, the
    receiver is indifferent at the pooled message (a family of mixings), and the other
    message is answered by a mixture of all three actions whose payoffs depend on the
    belief.  These were left out ("a family of on-path mixtures: no member found that
    deters"); the beliefs that make the three actions best responses are finitely many
    (seed 46: two, one on the simplex's edge; seeds 43 and 52: one, a quartic point), and
    at each the on-path and off-path mixtures are variables of one exact linear system,
    so each pattern is decided: against the numeric brute force (by a wide margin), and
    seed 46's against the exact one too.  The equilibria pass ``verify``."""
    game = _random_game(seed)
    gd = simplex_backend.simplex_game(game)
    S = ((on,),) * 3
    B = (on_acts, (0, 1, 2)) if on == 0 else ((0, 1, 2), on_acts)
    x = next(x for S2, B2, x in belief_simplex._pure_patterns(gd, False)
             if (S2, B2) == (S, B))
    sols = belief_simplex._solve_pure(gd, S, B, x)
    assert bool(sols) == exists
    slack = _pooling_slack(game, on, on_acts)
    assert slack > 0.05 if exists else slack < -0.05
    if seed == 46:
        assert _pooling_sustained(game, on, on_acts)
    for sol in sols:
        assert sol.family
        eq = belief_simplex._assemble(gd, sol, False)
        assert verify(game, eq).ok


def _family_game(data) -> SignallingGame:
    """A random game whose receiver is indifferent between ``a1`` and ``a2`` after
    ``m0`` at every belief (``a0`` worse): pooling on ``m0`` is a family of mixings.  The
    receiver's payoffs after ``m1`` are integers (its indifferences are lines, meeting
    in a rational point) or half the time some are plus a multiple of one type's
    posterior (conics, meeting in algebraic points); the sender's payoffs from ``m1``
    move with the belief."""
    mus = [belief(n) for n in TYPES]
    lines = data.draw(st.booleans())  # the receiver's payoffs after m1 numbers

    def entry(moving: bool):
        c = sp.Integer(data.draw(st.integers(-2, 2)))
        if moving and data.draw(st.booleans()):
            return c + data.draw(st.sampled_from([1, -1, 2])) * data.draw(st.sampled_from(mus))
        return c
    receiver, sender = [], []
    for _ in TYPES:
        c = data.draw(st.integers(-2, 2))
        receiver.append([[c - 3, c, c], [entry(not lines) for _ in range(3)]])
        sender.append([[entry(False) for _ in range(3)], [entry(True) for _ in range(3)]])
    return SignallingGame.from_arrays(["1/3"] * 3, sender, receiver, types=TYPES)


@settings(max_examples=12, deadline=None)
@given(st.data())
def test_three_action_families_against_the_brute_force(data):
    """Random games of :func:`_family_game`: the pooling pattern on ``m0`` (a family
    of mixings of ``a1`` and ``a2``) with ``m1`` answered by a mixture of all three
    actions is decided, and agrees with the exact brute force (the numeric one where the
    belief is irrational); its equilibrium verifies."""
    game = _family_game(data)
    R = game.receiver_payoffs
    x_, y_ = sp.symbols("x y")
    mu = (x_, y_, 1 - x_ - y_)
    syms = list(game.belief_symbols)
    vals = [sp.expand(sum(mu[t] * sp.sympify(R[t][1][b]).xreplace(dict(zip(syms, mu)))
                          for t in range(3))) for b in range(3)]
    f, g = sp.Poly(vals[0] - vals[1], x_, y_), sp.Poly(vals[0] - vals[2], x_, y_)
    assume(f.total_degree() > 0 and g.total_degree() > 0
           and sp.gcd(f, g).total_degree() == 0)  # finitely many points (brute force)
    gd = simplex_backend.simplex_game(game)
    S, B = ((0,),) * 3, ((1, 2), (0, 1, 2))
    x = next(x for S2, B2, x in belief_simplex._pure_patterns(gd, False)
             if (S2, B2) == (S, B))
    sols = belief_simplex._solve_pure(gd, S, B, x)
    if all(sp.sympify(R[t][1][b]).is_number for t in range(3) for b in range(3)):
        want = _pooling_sustained(game, 0, (1, 2))  # two lines: a rational point
    else:  # the numeric brute force (sympy's radicals are slow), by a clear margin
        slack = _pooling_slack(game, 0, (1, 2))
        assume(abs(slack) > 1e-9)
        want = slack > 0
    assert bool(sols) == want
    for sol in sols:
        assert verify(game, belief_simplex._assemble(gd, sol, False)).ok


@settings(max_examples=15, deadline=None)
@given(st.lists(_coef, min_size=6, max_size=6), st.lists(_coef, min_size=6, max_size=6),
       st.lists(_coef, min_size=3, max_size=3),
       st.sampled_from([None, (0, 0), (1, 1), (2, 1), (0, 3), (5, 0), (1, 4)]))
def test_region_points_against_the_decomposition(first, second, third, through):
    """The beliefs at which three actions are all best responses
    (:func:`simplex_offpath._region_points`: a lex basis, its real solutions each in one
    root's field, the simplex's edges included) against the cylindrical decomposition's
    (:func:`all_points`): the same finite set or both None, point by point (30
    digits).  The indifference curves (two conics, or a conic and a line) are made to
    pass through the point ``through / 5`` of the simplex (corners and edges among them)
    for most examples, so that they meet there; their other points are algebraic."""
    a, b = belief("A"), belief("B")
    monomials = (1, a, b, a * b, a**2, b**2)
    payoffs = [sp.Add(*[k * m for k, m in zip(first, monomials)]),
               sp.Add(*[k * m for k, m in zip(second, monomials)]),
               sp.Add(*[k * m for k, m in zip(third, monomials[:3])])]
    if through is not None:
        at = {a: sp.Rational(through[0], 5), b: sp.Rational(through[1], 5)}
        payoffs[1] += (payoffs[0] - payoffs[1]).xreplace(at)
        payoffs[2] += (payoffs[0] - payoffs[2]).xreplace(at)
    game = SignallingGame.from_arrays(["1/3"] * 3, [[[0, 0, 0]]] * 3, [[payoffs]] * 3,
                                      types=TYPES)
    gd = simplex_backend.simplex_game(game)
    gains = simplex_backend.response_gains(gd, 0, (0, 1, 2))
    got = simplex_offpath._region_points(gd, 0, (0, 1, 2), gains, None)
    eqs = [gd.expected[0][0] - gd.expected[0][k] for k in (1, 2)]
    want = all_points([(e, "==") for e in eqs] + [(g, ">=") for g in gains],
                      game.belief_symbols)
    if want is None:
        assert got is None or got == []  # (an empty set: the ideal is (1))
        return
    assert got is not None and len(got) == len(want)
    for p in got:
        assert any(all(abs(sp.N(u - v, 30)) < 1e-25 for u, v in zip(p, q)) for q in want)


def test_a_two_action_family_mixture_with_a_linear_indifference():
    """Seed 46's other family pattern: pooling on ``m0`` (answered by a mixing of ``a1``
    and ``a2``), ``m1`` by a mixture of ``a1`` and ``a2`` whose payoffs move with the
    belief.  After the mixing is eliminated 9 rows are left, more than
    ``MAX_MIXTURE_ROWS``, so the decision was left to the caller, which left the pattern
    out.  The indifference between ``a1`` and ``a2`` after ``m1`` is ``mu_A = 1/2``;
    substituting it leaves 2 rows, the decomposition finds a belief and a member, and
    the equilibrium verifies."""
    game = _random_game(46)
    gd = simplex_backend.simplex_game(game)
    S, B = ((0,),) * 3, ((1, 2), (1, 2))
    x = {0: simplex_backend.bayes_posterior(gd, gd.prior)}
    assert simplex_offpath._linear_fixed(gd, 1, (1, 2))[game.belief_symbols[0]] == \
        sp.Rational(1, 2)
    point, decided = simplex_offpath._deterring_belief(gd, S, B, x, [], 1, (1, 2), [])
    assert decided and point[0] == sp.Rational(1, 2)
    (sol,) = belief_simplex._solve_pure(gd, S, B, x)
    assert sol.family
    assert verify(game, belief_simplex._assemble(gd, sol, False)).ok


def test_a_family_mixture_with_eleven_rows_is_decided():
    """Seed 211 (of seeds 180-269, which no round had surveyed): pooling on ``m1``,
    answered by a mixing of ``a1`` and ``a2`` (a family), ``m0`` by a mixture of ``a1``
    and ``a2`` whose payoffs move with the belief.  The elimination leaves 11 rows, one
    more than the old ``LAST_MIXTURE_ROWS`` (10), so the pattern was left out; with the
    limit at 16 the decomposition proved that no belief and member deter every type.
    Substituting through the mixing's equations (``belief_plane.eliminated``) leaves 4
    rows, and the first decomposition decides it.  The game then leaves nothing out, and
    its equilibria verify."""
    game = _random_game(211)
    gd = simplex_backend.simplex_game(game)
    S, B = ((1,),) * 3, ((1, 2), (1, 2))
    x = {1: simplex_backend.bayes_posterior(gd, gd.prior)}
    assert simplex_offpath._deterring_belief(gd, S, B, x, [], 0, (1, 2), [], 3) is None
    assert simplex_offpath._deterring_belief(gd, S, B, x, [], 0, (1, 2), []) == (None, True)
    res = solve(game)
    assert res.notes == ()
    assert "A:m1 B:m1 C:m1 | m0:a1+a2 m1:a1+a2" not in {e.label for e in res}
    assert all(verify(game, e).ok for e in res)


def test_an_irrational_deterring_belief_with_a_rational_member():
    """Seed 70: pooling on ``m1`` (the receiver indifferent between ``a0`` and ``a1``
    there: a family of mixings), ``m0`` answered by a mixture of ``a0`` and ``a1``, whose
    indifference after ``m0`` is a conic and whose payoff to C moves with the belief.
    The decomposition finds the deterring belief on the conic at an irrational point;
    the on-path mixing was the LP's vertex at that belief, irrational, so the equilibrium
    payoffs were irrational and the pattern was left out (the off-path set's constraints
    would have had irrational coefficients).  A rational member of the family deters
    there too: it is taken, and the equilibrium verifies."""
    game = _random_game(70)
    gd = simplex_backend.simplex_game(game)
    S, B = ((1,),) * 3, ((0, 1), (0, 1))
    x = {1: simplex_backend.bayes_posterior(gd, gd.prior)}
    point, decided = simplex_offpath._deterring_belief(gd, S, B, x, [], 0, (0, 1), [])
    assert decided and not all(sp.sympify(c).is_Rational for c in point)
    (sol,) = belief_simplex._solve_pure(gd, S, B, x)
    assert sol.family and all(sp.sympify(v).is_Rational for v in sol.values)
    assert verify(game, belief_simplex._assemble(gd, sol, False)).ok


@pytest.mark.parametrize("seed, answers", [(62, ((0,), (1,))), (4, ((1,), (2,)))])
def test_a_continuum_the_grid_misses_is_sampled_numerically(seed, answers):
    """Seeds 62 and 4: every type mixes over both messages, answered by one action each.
    In seed 62 each type's payoffs from the two answers are equal constants, so every
    mixture makes every type indifferent: a three-dimensional continuum, on which the
    equilibrium conditions are the receiver's best replies at the posteriors, two
    quadratic inequalities in the three probabilities.  No exact reduction of
    :func:`.semialgebraic.find_point` applies, the grid (denominator 6 in the box scaled
    by 1/3: one interior point) has no point of the set, and the pattern was left out
    ("no sampled member").  A point near the numerically deepest one, rounded and checked
    exactly, is a member: the pattern's representative, which verifies."""
    game = _random_game(seed)
    gd = simplex_backend.simplex_game(game)
    (sol,) = simplex_mixing.solve_mixing(gd, ((0, 1),) * 3, answers)
    assert sol.family
    eq = belief_simplex._assemble(gd, sol, False)
    assert eq.label == "A:m0+m1 B:m0+m1 C:m0+m1 | " + " ".join(
        f"m{m}:a{a[0]}" for m, a in enumerate(answers))
    assert verify(game, eq).ok
