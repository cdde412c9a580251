"""Belief-dependent payoffs with one parameter: traced numbers, their cells, and the
parametric result against point-wise solving (issue 9)."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp
from _random_games import line_game

from alliance_games import SignallingGame, belief, solve, verify
from alliance_games.errors import UnsupportedGameError
from alliance_games.solving.algebraic import algebraic_sign
from alliance_games.solving.belief_join import _equal_at_point, _region_set
from alliance_games.solving.belief_join import exact_numbers_at as exact_numbers
from alliance_games.solving.belief_parametric import (
    _solve_at_root,
    _traced_run,
    solve_belief_parametric,
)
from alliance_games.solving.belief_payoffs import solve_belief_game
from alliance_games.solving.lp import maximize_field
from alliance_games.solving.quadratic import QUAD, from_sympy, qcmp, qsame, qsign
from alliance_games.solving.refinements.family import VERDICT_NOTE
from alliance_games.solving.traced import Tracer, clear_caches, sign_matches
from alliance_games.solving.traced_at_root import AlgTracer
from alliance_games.solving.traced_roots import KNOWN_ROOTS, Root, real_roots

P = sp.Symbol("p")


def _exact_at(expr: sp.Expr, x) -> object:
    """An expression in ``p`` at a rational point, as an exact fast number (independent
    of the tracer: sympy substitution, then the quadratic field arithmetic)."""
    return from_sympy(expr.subs(P, sp.Rational(x)))


def _random_function(rng: random.Random) -> sp.Expr:
    num = sum(sp.Rational(rng.randint(-9, 9), rng.randint(1, 4)) * P ** k for k in range(3))
    den = 1 + rng.randint(0, 3) * P ** 2
    return num / den


def test_traced_arithmetic_matches_its_value():
    """Every traced number, as a function of p, takes its recorded value at the point."""
    rng = random.Random(3)
    for _ in range(60):
        x0 = Fraction(rng.randint(-3000, 3000), 997)
        tr = Tracer(P, x0)
        a, b = tr.convert(_random_function(rng)), tr.convert(_random_function(rng))
        if a.value == 0 or b.value == 0:
            continue
        s = (a if a.value > 0 else -a).sqrt()
        for t in (a + b, a - b, a * b, a / b, s, s * a + b, 1 / (s + 1), s * s):
            assert qcmp(_exact_at(t.sympy(), x0), t.value) == 0


def test_square_root_is_canonical():
    """sqrt(x)**2 - x is identically zero as a function, not only at the point."""
    tr = Tracer(P, Fraction(1, 3))
    x = tr.convert((P ** 2 + 1) * (P + 2) ** 2 / (3 * P + 5))
    root = x.sqrt()
    assert (root * root - x).elem.is_zero()


def test_cell_keeps_every_recorded_sign():
    """On the cell of a run, every recorded function has the sign it had at the point:
    checked exactly at rational points inside the cell, next to its ends."""
    rng = random.Random(5)
    for seed in range(4):
        g = _game(seed)
        x0 = Fraction(rng.randint(-1500, 2500), 1000)
        _, tracer, _ = _traced_run(g, P, x0, False, True)
        left, right = tracer.cell(Root.of(-2), Root.of(3))
        inside = _inner_points(left, right, rng)
        for e, s in tracer.decisions.values():
            if s == 0:
                continue
            expr = tracer.to_sympy(e)
            for x in inside:
                assert sign_matches(qsign(_exact_at(expr, x)), s), (seed, expr, x)


def _inner_points(left: Root, right: Root, rng: random.Random) -> list:
    lo = left.value if left.value.is_Rational else None
    hi = right.value if right.value.is_Rational else None
    while lo is None or hi is None:
        left.refine()
        right.refine()
        lo = left.value if left.value.is_Rational else (left.b if left.b < right.a else None)
        hi = right.value if right.value.is_Rational else (right.a if left.b < right.a
                                                          else None)
    lo, hi = Fraction(str(lo)), Fraction(str(hi))
    eps = (hi - lo) / 10 ** 6
    return [lo + eps, hi - eps] + [lo + (hi - lo) * Fraction(rng.randint(1, 99), 100)
                                   for _ in range(3)]


def _game(seed: int) -> SignallingGame:
    """A random 2x2x2 game: entries constant, linear in p, in the belief, or p * belief."""
    return line_game(seed)


def _ends(res) -> set:
    out = set()
    for e in res:
        for c in (e.condition, e.intuitive_condition, e.d1_condition):
            for a in c.atoms(sp.core.relational.Relational):
                out.add(a.rhs if a.lhs == P else a.lhs)
    return {x for x in out if x.is_Rational}


def _compare(g: SignallingGame, res, points) -> None:
    """The parametric result against point-wise solving and ``verify`` at each point."""
    for x in points:
        if res.undecided is not sp.false and res.undecided.subs(P, x) == sp.true:
            continue
        at = solve(g.subs({P: x}))
        here = [e for e in res if e.condition.subs(P, x) == sp.true]
        # a continuum whose verdicts are its representative's (the parametric solver
        # splits continua only at isolated parameter values) is compared by its pattern;
        # the point solve splits it
        noted = {e.label.split(" #")[0] for e in here if VERDICT_NOTE in e.notes}
        ref = sorted([(base, None, None) for base in {e.label.split(" #")[0] for e in at
                                                       if e.label.split(" #")[0] in noted}]
                     + [(e.label.split(" #")[0], e.intuitive_criterion, e.d1) for e in at
                        if e.label.split(" #")[0] not in noted])
        got = [(base, None, None) for base in noted]
        for e in here:
            check = verify(g, e, values={P: x})
            assert check.ok, (x, e.label, check.failures)
            if e.label.split(" #")[0] not in noted:
                got.append((e.label.split(" #")[0], e.intuitive_condition.subs(P, x) == sp.true,
                            e.d1_condition.subs(P, x) == sp.true))
        assert sorted(got) == ref, (x, got, ref)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 8, 12])  # 12: continua over intervals, split
def test_random_games_against_pointwise(seed):
    g = _game(seed)
    if not (g.has_belief_payoffs and g.is_parametric):
        pytest.skip("no belief term or no parameter drawn")
    res = solve(g)
    rng = random.Random(seed)
    points = [sp.Rational(rng.randint(-1999, 2999), 1000) for _ in range(6)]
    for x in _ends(res):
        if -2 < x < 3:
            points += [x, x + sp.Rational(1, 10 ** 6), x - sp.Rational(1, 10 ** 6)]
    _compare(g, res, points)


def test_a_continuum_at_an_isolated_parameter_value_is_split_by_its_verdicts():
    """``line_game(14, 2)``: the receiver is indifferent at the prior only at ``p = 9/4``,
    where pooling on ``m1`` is a continuum of its mixings ``rho[m1,a0]``.  D1 holds for
    the members up to ``191167/378944 - 1325 sqrt(577)/378944`` and fails above it.  The
    parametric solver used to keep such a continuum whole, with the representative's
    verdicts (D1 failing for all) and a note; a continuum that no cell has is now split
    at its point, as point-wise solving splits it, each part with its own verdicts."""
    g = line_game(14, 2)
    res = solve(g)
    at = {e.label: e for e in res if e.condition == sp.Eq(P, sp.Rational(9, 4))}
    assert not any(VERDICT_NOTE in e.notes for e in at.values())
    pool = "L:m1 H:m1 | m0:a1 m1:a0+a1"
    assert sorted(lab for lab in at if lab.startswith(pool)) == [f"{pool} #1", f"{pool} #2"]
    low, high = at[f"{pool} #1"], at[f"{pool} #2"]
    assert low.d1_condition == sp.Eq(P, sp.Rational(9, 4)) and high.d1_condition is sp.false
    assert low.intuitive_condition == high.intuitive_condition == low.condition
    assert "1325*sqrt(577)/378944]" in " ".join(low.notes)
    _compare(g, res, [sp.Rational(9, 4)])  # verify, and point-wise solving's parts


def test_a_radicand_that_is_a_square_of_large_primes_is_no_radical():
    """``line_game(92, 3)`` solved at ``p = 2 - 10**-6`` raised ZeroDivisionError ("division
    by a traced zero", found by a side run against point-wise solving, 2026-12-07): a
    continuum's traced run took the square root of ``(1999999/1207)**2`` times a radicand
    met before (``1999999 = 17 * 71 * 1657``; squares of primes above 1000 are left in
    radicands) as a new radical, and the product of the conjugates of ``a + b sqrt(R)``,
    nonzero, was 0."""
    g = line_game(92, 3)
    res = solve(g)
    _compare(g, res, [2 - sp.Rational(1, 10**6), sp.Rational(6, 5) - sp.Rational(1, 10**6)])


def test_a_division_whose_conjugate_vanishes_at_a_cell_end():
    """``line_game(124, 2)``: at ``p = 8/33 + 4 sqrt(37)/33``, a cell end, the run whose
    signs are decided at the root divides by ``r0 - r1`` (two Bayes ratios), whose
    conjugate vanishes there; the inverse as conjugate over norm had a pole at the root,
    its coefficients' signs read as 0, and the solve crashed ("division by a traced
    zero").  ``AlgTracer.inverse`` reduces such a divisor at the root first
    (``tests/test_traced_signs.py`` checks it on random roots).  The whole line is now
    decided, and agrees with point-wise solving and ``verify`` at random points."""
    g = line_game(124, 2)
    res = solve(g)
    assert res.undecided is sp.false, res.undecided
    rng = random.Random(124)
    _compare(g, res, [sp.Rational(rng.randint(-1999, 2999), 1000) for _ in range(3)])


def test_three_messages_both_types_mixing_over_all_is_decided():
    # line_game(1, 3): both types mixing over all three messages, the receiver mixing after
    # m0 (its posterior pinned), the posteriors after m1 and m2 free together.  Type H's
    # payoffs from m1 and m2 (-3 and 2p + 2) differ on the whole range, so no posteriors
    # make it indifferent: decided inside the traced runs, one posterior at a time
    # (before, the pattern was only sampled and most of the range was undecided)
    g = line_game(1, 3)
    res = solve(g)
    assert res.undecided is sp.false, res.undecided
    assert not any("L:m0+m1+m2 H:m0+m1+m2" in e.label for e in res)
    rng = random.Random(1)
    points = [sp.Rational(rng.randint(-1999, 2999), 1000) for _ in range(4)]
    for x in sorted(_ends(res)):
        if -2 < x < 3:
            points += [x, x + sp.Rational(1, 10 ** 6)]
    _compare(g, res, points)


def test_an_indifference_between_two_messages_answered_purely_pins_a_posterior():
    # line_game(11, 3) on p in (2, 11/5).  In the pattern L:m0+m1+m2 H:m0+m1+m2 | m0:a0+a1
    # m1:a0 m2:a1 each type's first message is answered by a mixture, so no indifference
    # equation was formed against it; but L's indifference between m1 and m2 (mu_H p + 1
    # = 3) pins mu_H at m1 to 2/p.  Paired with the first message answered purely, the
    # equation pins it and the posterior at m2 is the only free one: decided inside the
    # traced runs (before, the pattern was only sampled and all of (2, 11/5) but 13/6 was
    # undecided)
    g = line_game(11, 3)
    lo, hi = sp.Integer(2), sp.Rational(11, 5)
    g = SignallingGame.from_arrays(
        list(g.prior), g.sender_payoffs, g.receiver_payoffs, types=["L", "H"],
        parameters={P: (lo, hi)})
    assert g.sender_payoff("L", 1, 0) == belief("H") * P + 1 and g.sender_payoff("L", 2, 1) == 3
    res = solve(g)
    assert res.undecided is sp.false, res.undecided
    assert not res.undecided_patterns
    assert not any(e.label.startswith("L:m0+m1+m2 H:m0+m1+m2 | m0:a0+a1 m1:a0 m2:a1")
                   for e in res)
    rng = random.Random(11)
    points = [lo + (hi - lo) * sp.Rational(rng.randint(1, 999), 1000) for _ in range(3)]
    points += [sp.Rational(13, 6), sp.Rational(13, 6) + sp.Rational(1, 10 ** 6)]
    _compare(g, res, points)


def test_a_candidate_tried_before_is_skipped_without_cutting_the_cell():
    # line_game(8, 3) on p in (-29/50, -14/25).  After a free posterior's representatives
    # fail, the points of its cells are tried, skipping those equal to a representative;
    # that test only saves work, but asked as a sign it cut the run's cell wherever a
    # point crossed a representative (8 cells, ends of degree 7 and 10).  Asked as
    # "identical as functions of p" (qsame) it records nothing: 4 cells, same answer.
    p = sp.Symbol("p")
    tr = Tracer(p, Fraction(1, 2))
    a, b = tr.convert(2 * p - 1), tr.convert(p - sp.Rational(1, 2))
    assert not qsame(a, b) and qsame(a, 2 * b)  # a == b == 0 here, not identically
    assert not tr.decisions  # nothing recorded
    g = line_game(8, 3)
    lo, hi = sp.Rational(-29, 50), sp.Rational(-14, 25)
    g = SignallingGame.from_arrays(
        list(g.prior), g.sender_payoffs, g.receiver_payoffs, types=["L", "H"],
        parameters={P: (lo, hi)})
    res = solve(g)
    assert res.undecided is sp.false, res.undecided
    cells = int(res.notes[0].split()[0])
    assert cells <= 4, res.notes[0]
    rng = random.Random(8)
    points = [lo + (hi - lo) * sp.Rational(rng.randint(1, 999), 1000) for _ in range(3)]
    for x in _ends(res):
        if lo < x < hi:
            points += [x, x + sp.Rational(1, 10 ** 6), x - sp.Rational(1, 10 ** 6)]
    _compare(g, res, points)


def test_two_isolated_equilibria_of_one_pattern_along_the_parameter():
    # the receiver is indifferent after m0 where (8 mu - 5)(8 mu - 7) + p = 0, at
    # mu(H) = 3/4 -+ sqrt(1 - p)/8: two posteriors in the window (1/2, 1) Bayes' rule
    # allows when L mixes, for -3 < p < 1, one (a double root) at p = 1, none above.  L
    # mixes so that either is the posterior: two equilibria with one pattern, each with
    # its own exact posterior along the parameter
    mu = belief("H")
    q = 64 * mu**2 - 96 * mu + 35 + P
    g = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[2, 0], [1, 1]], [[2, 1], [0, 0]]],
        [[[q, 0], [1, 0]], [[q, 0], [1, 0]]], types=["L", "H"], parameters={P: (-5, 2)})
    res = solve(g)
    label = "L:m0+m1 H:m0 | m0:a0+a1 m1:a0"
    found = {e.label: e for e in res if e.label.startswith(label)}
    assert set(found) == {f"{label} #1", f"{label} #2", label}
    inside = sp.And(P > -3, P < 1)
    for k, sign in ((1, 1), (2, -1)):
        e = found[f"{label} #{k}"]
        assert e.condition == inside
        x = sp.Rational(-1, 2)
        assert sp.simplify(e.beliefs["m0"]["H"].subs(P, x)
                           - (sp.Rational(3, 4) + sign * sp.sqrt(1 - x) / 8)) == 0
    assert found[label].condition == sp.Eq(P, 1)
    _compare(g, res, [sp.Rational(k, 4) for k in range(-19, 8)])


def test_a_deterring_belief_is_decided_inside_traced_runs():
    # the pool on m0 with the receiver mixing, deterred after m1 by a belief q in
    # [7/10, p) (test_belief_engine_misses' narrow window, its top the parameter): an
    # equilibrium exactly for p > 7/10 (r >= 1 + (7/10 - p)/2 < 1).  Runs traced in p
    # tried q at sample points only: the result said "exact" and reported it for
    # p >= 3/4 only; then the cell 1/2 < p < 3/4 was left undecided.  The belief is now
    # a variable of the mixing's linear system (payoffs affine in it), decided in the
    # traced run, and the whole range is exact
    mu = belief("H")
    g = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[1, 1], [mu + sp.Rational(7, 10), 0]], [[2, 0], [2 + (1 - mu) - P, 0]]],
        [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"],
        parameters={P: (sp.Rational(1, 2), 1)})
    res = solve(g)
    assert res.undecided is sp.false
    label = "L:m0 H:m0 | m0:a0+a1 m1:a0"
    # one family, one representative on the whole range (the least r, deterred by the
    # belief 7/10 alone); trial beliefs first made it two: #1 (p > 3/4) and #2
    (eq,) = [e for e in res if e.label.split(" #")[0] == label]
    assert eq.label == label
    assert eq.condition.as_set() == sp.Interval.open(sp.Rational(7, 10), 1)
    assert eq.receiver["m0"]["a0"] == sp.Rational(27, 20) - P / 2
    assert eq.beliefs["m1"].contains({"L": sp.Rational(7, 10), "H": sp.Rational(3, 10)})
    # the pure pool answered by a0 after m1 needs q in [7/10, p]: p >= 7/10, one
    # equilibrium (at p = 7/10 its set [7/10, p] is the point the run there reports)
    (pure,) = [e for e in res if e.label == "L:m0 H:m0 | m0:a0 m1:a0"]
    assert pure.condition.as_set() == sp.Interval.Ropen(sp.Rational(7, 10), 1)
    for x in (sp.Rational(71, 100), sp.Rational(18, 25), sp.Rational(74, 100)):
        assert [e for e in solve(g.subs({P: x})) if e.label == label]  # by hand: exists
    _compare(g, res, [sp.Rational(k, 100) for k in range(51, 100, 3)]
             + [sp.Rational(7, 10), sp.Rational(3, 4)])


def test_a_mixture_on_a_range_of_beliefs_inside_traced_runs_is_undecided():
    # test_belief_engine_misses' window answered by a mixture, its top the parameter:
    # the pool on m0 answered by a0, with a mixture after m1 at some q in (7/10, p), is
    # an equilibrium exactly for p > 7/10.  A run traced in p cannot explore q: the
    # cells where the pattern is not settled are undecided (never "exact" without it),
    # points are solved exactly
    q = 1 - belief("H")
    g = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[1, 1], [sp.Rational(17, 10) - q, 5]], [[2, 0], [2 + q - P, 5]]],
        [[[1, 0], [0, 0]], [[0, 1], [0, 0]]], types=["L", "H"],
        parameters={P: (sp.Rational(1, 2), 1)})
    res = solve(g)
    label = "L:m0 H:m0 | m0:a0 m1:a0+a1"
    for x in (sp.Rational(71, 100), sp.Rational(4, 5), sp.Rational(99, 100)):
        here = [e for e in res if e.label.split(" #")[0] == label
                and e.condition.subs(P, x) == sp.true]
        assert here or res.undecided.subs(P, x) == sp.true, x
    # the cell ends above 7/10 are points solved exactly, and the pattern is found there
    points = [x for x in _ends(res) if sp.Rational(7, 10) < x < 1
              and res.undecided.subs(P, x) == sp.false]
    assert points
    for x in points:
        assert [e for e in res if e.label.split(" #")[0] == label
                and e.condition.subs(P, x) == sp.true], x
    _compare(g, res, [sp.Rational(k, 100) for k in range(51, 100, 6)]
             + [sp.Rational(7, 10), *points])


def test_worked_example_boundaries_are_decided():
    mu = belief("H")
    g = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[0, 1], [-1, 0]], [[0, P + mu], [1, 2]]],
        [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"], parameters={P: (0, 2)})
    res = solve(g)
    assert res.undecided is sp.false
    labels = {e.label: e for e in res}
    # exists from p = 1/2 on, and passes the Intuitive Criterion from p = 3/2 on
    eq = labels["L:m0 H:m0 | m0:a1 m1:a0"]
    assert eq.condition == sp.And(P >= sp.Rational(1, 2), P < 2)
    assert eq.intuitive_condition == sp.And(P >= sp.Rational(3, 2), P < 2)
    _compare(g, res, [sp.Rational(k, 8) for k in range(1, 16)])


def test_quadratic_irrational_points_on_the_general_backend():
    """The point solve used at quadratic irrational cell ends (the general backend on a
    game with irrational payoffs) agrees with the parametric result at generic quadratic
    irrational points inside cells, where that result comes from rational runs."""
    g = _game(3)
    res = solve(g)
    for x in (sp.sqrt(2) - 1, 1 + sp.sqrt(3) / 3, -sp.sqrt(5) / 2):
        at = g.subs({P: x})
        ref = sorted(e.label for e in solve(at))
        got = sorted(e.label.split(" #")[0] for e in res if e.condition.subs(P, x) == sp.true)
        assert got == ref, (x, got, ref)


@pytest.mark.parametrize("seed, n_m", [(3, 2), (5, 2)])
def test_quadratic_ends_by_a_run_at_the_root_against_the_general_backend(seed, n_m):
    """At a quadratic irrational cell end the engine runs once with every sign decided
    at the root (``_solve_at_root``, as at roots of cubics).  At each such end of two
    random games: the same equilibria as the general backend (sympy algebraic numbers)
    on the game with the end substituted, and each passes ``verify`` there."""
    g = line_game(seed, n_m)
    res = solve(g)
    ends = {a.rhs if a.lhs == P else a.lhs
            for e in res for a in e.condition.atoms(sp.core.relational.Relational)}
    ends = {x for x in ends if not x.is_Rational and sp.degree(sp.minimal_polynomial(x)) == 2}
    assert ends
    for x in ends:
        at = _solve_at_root(g, P, Root.of_number(from_sympy(x)), False, True)
        assert at is not None, x
        ref = solve_belief_game(g.subs({P: x}), fast=False)
        assert sorted(e.label.split(" #")[0] for e in at) == \
            sorted(e.label.split(" #")[0] for e in ref), x
        for e in res:
            if e.condition.subs(P, x) == sp.true:
                assert verify(g, e, values={P: x}).ok, (x, e.label)


def test_irrational_ends_are_decided():
    """Cell ends of any degree (quadratic irrationals, roots of cubics) are decided by one
    run whose signs are decided at the root."""
    g = _game(3)
    res = solve(g)  # its cell ends are rational or quadratic irrationals
    assert res.undecided is sp.false
    end = -sp.Rational(15, 4) + sp.sqrt(273) / 4  # one of them
    got = sorted(e.label.split(" #")[0] for e in res if e.condition.subs(P, end) == sp.true)
    assert got == sorted(e.label for e in solve(g.subs({P: end})))
    g = _game(13)  # two cell ends are roots of cubics (casus irreducibilis: CRootOf)
    res = solve(g)
    assert res.undecided is sp.false
    for poly in (P ** 3 + 5 * P ** 2 - 6 * P - 2, P ** 3 + 3 * P ** 2 - 4 * P - 4):
        x = sp.CRootOf(poly, 2)
        got = [e for e in res if e.condition.xreplace({P: x}) == sp.true]
        for e in got:  # the pure ones: verify is slow on mixed strategies at a CRootOf
            if all(v in (0, 1) for m in e.sender.values() for v in m.values()):
                assert verify(g, e, values={P: x}).ok
        for side in (-1, 1):  # nothing happens at these ends: the neighbours agree
            q = sp.Rational(sp.floor(x * 10 ** 12), 10 ** 12) + side * sp.Rational(1, 10 ** 9)
            assert sorted(e.label for e in solve(g.subs({P: q}))) == \
                sorted(e.label.split(" #")[0] for e in got)


def test_cube_root_threshold_and_its_isolated_equilibria():
    """A receiver payoff ``p**3 - 2``: best responses switch at ``2**(1/3)``, and
    equilibria exist only at that point.  The parametric result there against the general
    backend (sympy algebraic numbers) at the exact cube root, and ``verify``."""
    mu = belief("H")
    g = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[0, 1], [-1, 0]], [[0, 1 + mu], [1, 2]]],
        [[[P ** 3 - 2, 0], [1, 0]], [[P ** 3 - 2 + mu, 1], [0, 1]]], types=["L", "H"],
        parameters={P: (0, 2)})
    res = solve(g)
    assert res.undecided is sp.false
    points = {a.rhs for e in res for a in e.condition.atoms(sp.Eq)}
    assert sp.cbrt(2) in points
    for x in points:
        got = [e for e in res if e.condition.xreplace({P: x}) == sp.true]
        ref = solve_belief_game(g.subs({P: x}), fast=False)
        assert sorted(e.label.split(" #")[0] for e in got) == sorted(e.label for e in ref)
        for e in got:
            assert verify(g, e, values={P: x}).ok


def test_signs_at_an_algebraic_point():
    """:class:`AlgTracer` decides signs at a root of a cubic exactly: against 60-digit
    evaluation (away from 0) and exact zeros (multiples of the cubic, sqrt(x)**2 - x)."""
    cubic = sp.Poly(P ** 3 + 5 * P ** 2 - 6 * P - 2, P)
    root = real_roots(cubic)[2]
    x = sp.CRootOf(cubic.as_expr(), 2).evalf(60)
    rng = random.Random(7)
    tr = AlgTracer(P, root)
    for _ in range(40):
        f, h = _random_function(rng), _random_function(rng)
        a, b = tr.convert(f), tr.convert(h)
        value = (f + h).subs(P, x).evalf(60)
        if abs(value) > 1e-40:
            assert (a + b).sign() == (1 if value > 0 else -1)
        s = tr.convert(f * f + 1).sqrt()
        assert (s * s - tr.convert(f * f + 1)).sign() == 0
        w = (s - b).sign()
        num = (sp.sqrt(f * f + 1) - h).subs(P, x).evalf(60)
        assert w == (1 if num > 0 else -1)
    assert (tr.convert(cubic.as_expr() * (P + 1))).sign() == 0


def test_roots_of_polynomials_in_other_variables():
    """A quadratic irrational as a :class:`Root` (``Root.of_number``, its polynomial in
    ``t``) is the same number as that root of a multiple of the polynomial in ``P``:
    comparisons end, and an :class:`AlgTracer` in ``P`` decides signs at it."""
    from_q = Root.of_number(from_sympy(sp.Rational(-3, 2) + sp.sqrt(17) / 2))
    other = real_roots(sp.Poly(2 * P ** 2 + 6 * P - 4, P))  # roots -3/2 -+ sqrt(17)/2
    assert not from_q.less(other[1]) and not other[1].less(from_q)
    assert other[0].less(from_q) and from_q.less(Fraction(2, 3))
    assert Root.of_number(Fraction(1, 2)).value == sp.Rational(1, 2)
    tr = AlgTracer(P, from_q)
    assert tr.convert(P ** 2 + 3 * P - 2).sign() == 0
    assert tr.convert(P - sp.Rational(5, 9)).sign() == 1  # 0.5615... > 5/9
    assert tr.convert(P - sp.Rational(17, 30)).sign() == -1


def test_refused_with_a_clear_error():
    mu, q = belief("H"), sp.Symbol("q")
    three = SignallingGame.from_arrays(
        ["1/3", "1/3", "1/3"], [[[0, P]], [[q, mu]], [[1, 2]]], [[[1, 0]], [[0, 1]], [[0, 1]]],
        types=["L", "M", "H"], parameters={P: (0, 1), q: (0, 1)})
    with pytest.raises(UnsupportedGameError, match="two sender types"):
        solve(three)
    with pytest.raises(UnsupportedGameError, match="rational function"):
        SignallingGame.from_arrays(
            ["1/2", "1/2"], [[[0, sp.exp(P)], [1, 0]], [[0, mu], [1, 2]]],
            [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"], parameters={P: (0, 1)})


def test_skipping_zeros_records_no_sign():
    """The simplex skips zero entries without a decision: a traced number that is 0 at
    the point but not as a function is worked with, nothing is recorded, and the LP's
    answer is the numeric one at the point."""
    p = sp.Symbol("p")
    tr = Tracer(p, Fraction(1, 2))
    x = tr.convert(2 * p - 1)  # 0 here, not identically
    assert QUAD.nonzero(x) and not QUAD.nonzero(x - x) and not tr.decisions
    assert QUAD.nonzero(Fraction(1, 3)) and not QUAD.nonzero(Fraction(0))
    # maximise u + v subject to u + x v <= 1, v <= 2 (x = 2p - 1 = 0 at the point)
    status, sol, value = maximize_field(QUAD, [tr.number(1), tr.number(1)],
                                        [([tr.number(1), x], tr.number(1)),
                                         ([tr.number(0), tr.number(1)], tr.number(2))], [])
    assert status == "optimal" and value.value == 3 and [v.value for v in sol] == [1, 2]
    ref = maximize_field(QUAD, [Fraction(1), Fraction(1)],
                         [([Fraction(1), Fraction(0)], Fraction(1)),
                          ([Fraction(0), Fraction(1)], Fraction(2))], [])
    assert ref[2] == 3
    # the answer as a function of p: u = 1 - x v = 3 - 4p, valid where its decisions hold
    assert sp.expand(sol[0].sympy() - (3 - 4 * p)) == 0


def test_runs_that_run_out_leave_the_rest_undecided_and_say_so():
    """With too few runs for the line, the part no run reached is ``undecided`` and a
    note names it and the budget; where the short result decides, it agrees with the
    full one (on a grid of step 1/40, which holds the full result's cell ends 1/2 and
    3/2)."""
    p, mu = sp.Symbol("p"), belief("H")
    g = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[0, 1], [-1, 0]], [[0, p + mu], [1, 2]]],
        [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"], parameters={p: (0, 2)})
    full = solve_belief_parametric(g)
    assert full.undecided == sp.false
    assert not any(n.startswith("stopped after") for n in full.notes)
    short = solve_belief_parametric(g, max_runs=2)
    assert short.undecided != sp.false
    assert [n for n in short.notes if n.startswith("stopped after 2 runs: not decided on")]
    points = [Fraction(k, 40) for k in range(1, 80)]
    decided = 0
    for x in points:
        if short.undecided.subs(p, x) == sp.true:
            continue
        decided += 1
        here = sorted(e.label.split(" #")[0] for e in short if e.condition.subs(p, x))
        assert here == sorted(e.label.split(" #")[0] for e in full if e.condition.subs(p, x)), x
    assert 0 < decided < len(points)


def test_belief_sets_at_a_point_are_compared_exactly():
    """The join compares an equilibrium at a cell end with a region's by their belief
    sets at the end, exactly: at a root of ``p**3 - 3p - 1`` (no radical form; sympy
    leaves ``r**3 - 3r`` unsimplified, so the sets' text differs) a region's interval
    ``[p**3 - 3p, 2]`` is ``[1, 2]``, one whose ends meet is a point or nothing, and an
    end moved by 10**-12 is a different set."""
    root = real_roots(sp.Poly(P**3 - 3 * P - 1, P))[2]
    number = exact_numbers((P,), root)

    def at(region):
        return _region_set(region, number)

    one_two = at(sp.Interval(1, 2))
    assert at(sp.Interval(P**3 - 3 * P, 2)).same(one_two)
    assert not at(sp.Interval(P**3 - 3 * P + sp.Rational(1, 10**12), 2)).same(one_two)
    assert not at(sp.Interval.Lopen(P**3 - 3 * P, 2)).same(one_two)
    assert at(sp.Interval(sp.sqrt(P**3 - 3 * P + 3) - 1, 1)).same(at(sp.FiniteSet(1)))
    assert at(sp.Interval.open(P**3 - 3 * P - 1, 0)).parts == ()
    assert at(sp.Union(sp.Interval(0, (P**3 - 3 * P) / 2), sp.Interval.Lopen(
        sp.Rational(1, 2), 1))).same(at(sp.Interval(0, 1)))
    assert not at(sp.Union(sp.Interval.Ropen(0, (P**3 - 3 * P) / 2), sp.Interval.Lopen(
        sp.Rational(1, 2), 1))).same(at(sp.Interval(0, 1)))
    # at a rational point, on the rational tracer; a pole there is not a number
    half = exact_numbers((P,), Fraction(1, 2))
    assert _region_set(sp.Interval(P, 1), half).same(_region_set(sp.Interval.Lopen(
        sp.Rational(1, 4), 1), half) | _region_set(sp.FiniteSet(sp.Rational(1, 2)), half)) \
        is False
    assert _region_set(sp.Interval(P, 2 * P), half).same(_region_set(sp.Interval(
        sp.Rational(1, 2), 1), half))
    with pytest.raises(ZeroDivisionError):
        _region_set(sp.Interval(0, 1 / (2 * P - 1)), half)


@pytest.mark.parametrize("seed", range(3))
def test_values_at_a_cell_end_are_compared_exactly(seed):
    """A cell end's value joins a cell's expression when they are equal there
    (:func:`_equal_at_point`, the numbers of a run at the end), against sympy's algebraic
    sign of the difference at the root: random rational functions with a square root,
    each against itself reduced by the root's polynomial (equal at the root, not as
    functions), against that plus 10**-12, and at a pole."""
    rng = random.Random(seed)
    m = P**3 - 3 * P - 1
    root = real_roots(sp.Poly(m, P))[rng.randrange(3)]
    number = exact_numbers((P,), root)
    for _ in range(3):
        f = _random_function(rng) + rng.randint(1, 3) * sp.sqrt(P**2 + rng.randint(0, 4))
        g = f + m * (rng.randint(-3, 3) + P)
        for other, want in ((g, True), (g + sp.Rational(1, 10**12), False)):
            assert _equal_at_point(number, f, other) is want
            diff = sp.expand((f - other).xreplace({P: root.value}))
            assert (algebraic_sign(diff) == 0) is want
    assert _equal_at_point(number, 1 / m, 0) is False
    assert _equal_at_point(number, sp.Symbol("q") + P, P) is None


@pytest.mark.parametrize("seed", [4, 5])
def test_results_do_not_depend_on_how_far_roots_were_refined(seed):
    """The roots of the boundary polynomials are shared between solves (and refined by
    each use), yet a solve picks its runs' points from the numbers alone: a solve from
    cold caches and one after every cached root was refined 30 more times are the same,
    text for text."""
    g = line_game(seed, 2)
    clear_caches()
    cold = solve_belief_parametric(g)
    shared = [r for roots in KNOWN_ROOTS.values() for r in roots if r.lo != r.hi]
    assert shared  # (the line has irrational cell ends)
    for r in shared:
        for _ in range(30):
            r.refine()
    warm = solve_belief_parametric(g)
    assert [(e.label, str(e.condition), str(e.intuitive_condition)) for e in cold] == \
        [(e.label, str(e.condition), str(e.intuitive_condition)) for e in warm]


#: Assumptions on the one parameter: two pieces, ``[-sqrt 2, -1)`` and ``(-2/3, sqrt 2]``
#: (a closed irrational end on each side, a pole, a strict rational end).
_ASSUMED = (P ** 2 <= 2, 1 / (P + 1) < 3)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 8])
def test_assumptions_on_one_parameter_are_decided_to_their_ends(seed):
    """A game valid only where its assumptions hold, with one parameter: each run's
    tracer decides the assumptions too, so the set where they hold is covered by cells and
    their ends, all decided (``undecided`` is false), the closed irrational ends
    included; outside it nothing is claimed (no equilibrium there, nothing undecided)."""
    g = line_game(seed, assumptions=_ASSUMED)
    if not (g.has_belief_payoffs and g.is_parametric):
        pytest.skip("no belief term or no parameter drawn")
    res = solve(g)
    assert res.undecided is sp.false
    root2 = sp.sqrt(2)
    inside = [-root2, root2, -root2 + sp.Rational(1, 10 ** 6), root2 - sp.Rational(1, 10 ** 6),
              sp.Rational(-1000001, 10 ** 6), sp.Rational(-666666, 10 ** 6), sp.Rational(1, 3),
              sp.Rational(-6, 5)]
    rng = random.Random(seed)
    inside += [sp.Rational(rng.randint(-666, 1414), 1000) for _ in range(4)]
    for x in _ends(res):
        if x != -1 and all(a.subs(P, x) == sp.true for a in _ASSUMED):
            inside += [x]
    _compare(g, res, inside)
    for x in (-root2 - sp.Rational(1, 10 ** 6), sp.Integer(-1), sp.Rational(-2, 3),
              sp.Rational(-4, 5), root2 + sp.Rational(1, 10 ** 6), sp.Integer(2)):
        assert not any(e.condition.subs(P, x) == sp.true for e in res), x
