"""Belief-dependent payoffs with two parameters: traced runs over several parameters,
their semi-algebraic cells, and the result against point-wise solving (issue 9)."""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from alliance_games import SignallingGame, belief, solve, verify
from alliance_games.alliance.model import alliance_game
from alliance_games.parametric.cells import cover
from alliance_games.parametric.regions import region_map
from alliance_games.solving.assemble import unnumbered
from alliance_games.solving.belief_parametric import (
    _axis_bounds,
    _local_certificate,
    _on_wall,
    _relation_test,
    _traced_run,
    solve_belief_parametric,
    solver_parameters,
)
from alliance_games.solving.box_signs import _one_sign_exact, _one_sign_float, one_sign
from alliance_games.solving.quadratic import from_sympy, qcmp, qsign
from alliance_games.solving.ratfunc import field, is_constant, poly_sign
from alliance_games.solving.traced import (
    NONZERO,
    Tracer,
    certificate_condition,
    certificate_holds,
    sign_matches,
)

P, C = sp.symbols("p c")


def _game(seed: int) -> SignallingGame:
    """A random 2x2x2 game: entries constant, linear in p or c, in the belief, or a
    parameter times the belief."""
    rng = random.Random(seed)
    mu = belief("H")

    def entry():
        r, k = rng.random(), sp.Integer(rng.randint(-3, 3))
        if r < 0.15:
            return k + rng.choice([1, -1, 2]) * P
        if r < 0.3:
            return k + rng.choice([1, -1]) * C
        if r < 0.5:
            return k + rng.choice([1, -1, 2]) * mu
        if r < 0.6:
            return k + rng.choice([P, C]) * mu
        return k

    sender = [[[entry() for _ in range(2)] for _ in range(2)] for _ in range(2)]
    receiver = [[[entry() for _ in range(2)] for _ in range(2)] for _ in range(2)]
    prior = rng.choice(["1/2", "1/3", "2/5"])
    return SignallingGame.from_arrays([prior, 1 - sp.Rational(prior)], sender, receiver,
                                      types=["L", "H"], parameters={P: (-2, 3), C: (0, 2)})


def _holds(cond: sp.Basic, at: dict) -> bool:
    return bool(cond.xreplace(at))


def _compare(g: SignallingGame, res, points) -> int:
    """The parametric result against point-wise solving and ``verify`` at each decided
    point; returns how many points were decided."""
    decided = 0
    for at in points:
        if _holds(res.undecided, at):
            continue
        decided += 1
        ref = sorted((unnumbered(e.label), e.intuitive_criterion, e.d1)
                     for e in solve(g.subs(at)))
        got = []
        for e in res:
            if not _holds(e.condition, at):
                continue
            got.append((unnumbered(e.label), _holds(e.intuitive_condition, at),
                        _holds(e.d1_condition, at)))
            check = verify(g, e, values=at)
            assert check.ok, (at, e.label, check.failures)
        assert sorted(got) == ref, (at, got, ref)
    return decided


def test_certificate_fixes_every_recorded_sign():
    """Wherever a run's certificate holds, every sign the run recorded is the same:
    checked exactly (sympy substitution, then exact quadratic arithmetic, independent of
    the tracer) at random rational points of the certificate's set."""
    rng = random.Random(1)
    checked = nonzero = 0
    for seed in range(6):
        g = _game(seed)
        if not (g.has_belief_payoffs and g.is_parametric):
            continue
        x0 = (Fraction(rng.randint(-1900, 2900), 1000), Fraction(rng.randint(1, 1999), 1000))
        _, tracer, _ = _traced_run(g, (P, C), x0, False, True)
        cert = tracer.certificate()
        cond = certificate_condition(cert, (P, C))
        for _ in range(40):
            x = (Fraction(rng.randint(-1999, 2999), 1000), Fraction(rng.randint(1, 1999), 1000))
            inside = certificate_holds(cert, x)
            at = {P: sp.Rational(x[0]), C: sp.Rational(x[1])}
            assert inside == _holds(cond, at)
            if not inside:
                continue
            for e, s in tracer.decisions.values():
                if s != 0:
                    value = from_sympy(tracer.to_sympy(e).xreplace(at))
                    # a number found not 0 is not 0 (NONZERO), else it has its sign
                    assert sign_matches(qsign(value), s), (seed, x)
                    checked += 1
                    nonzero += s == NONZERO
    assert checked > 50 and nonzero > 0


def test_tracer_with_two_parameters_and_square_roots():
    """Arithmetic over Q(p, c)[sqrt R] agrees with exact evaluation at the point."""
    tr = Tracer((P, C), (Fraction(1, 3), Fraction(3, 2)))
    x = tr.convert(P ** 2 + C)
    y = tr.convert((P - C) / (1 + C ** 2))
    r = x.sqrt()
    at = {P: sp.Rational(1, 3), C: sp.Rational(3, 2)}
    for t in (r * y + x, (r + 1) / (y - 2), x / r - y * y):
        assert qcmp(from_sympy(t.sympy().xreplace(at)), t.value) == 0
    assert (r * r - x).elem.is_zero()


@pytest.mark.parametrize("seed", [0, 2, 4, 6])
def test_random_games_against_pointwise(seed):
    g = _game(seed)
    if not (g.has_belief_payoffs and len(g.free_parameters) == 2):
        pytest.skip("no belief term or not two parameters drawn")
    res = solve(g, seed=seed)
    assert res.undecided is not sp.false  # boundaries are never claimed by sampling
    rng = random.Random(seed)
    points = [{P: sp.Rational(rng.randint(-1999, 2999), 1000),
               C: sp.Rational(rng.randint(1, 1999), 1000)} for _ in range(12)]
    assert _compare(g, res, points) >= 6


def test_cover_decides_boundary_points_exactly():
    """Given points (cell boundaries included) are all decided: those on a boundary are
    solved by themselves, and the result extends the one it starts from."""
    g = _game(0)
    res = solve(g)
    pts = [{P: sp.Rational(k, 2), C: sp.Rational(j, 2)} for k in range(-3, 6)
           for j in range(1, 4)]
    more = solve_belief_parametric(g, cover=pts, start=res)
    assert len(more.cells[0]) >= len(res.cells[0])
    assert more.cells[1]  # some of these points are on boundaries
    assert all(not _holds(more.undecided, at) for at in pts)
    assert _compare(g, more, pts) == len(pts)


def _answers(cov, i) -> dict | None:
    """The equilibria held at point ``i`` of a coverage: label -> the senders' exact
    strategies there."""
    held = cov.at(i)
    if held is None:
        return None
    at = cov.point(i)
    return {e.label: {(t, m): sp.sympify(x).xreplace(at) for t, row in e.sender.items()
                      for m, x in row.items()} for e in held.result}


@pytest.mark.parametrize("seed", [0, 3])
def test_cover_solving_small_cells_point_by_point_gives_the_same_answers(seed):
    """``cover`` switches to solving the open points one by one once its runs decide few
    points each: at every point the equilibria (labels and exact strategies) are the same
    as with cells only, and their labels those of point-wise ``solve``."""
    g = _game(seed)
    axes = {P: [sp.Rational(k, 3) for k in range(-6, 9)],
            C: [sp.Rational(j, 4) for j in range(1, 8)]}
    cells_only = cover(g, axes, progress=False, alone_below=0)
    one_by_one = cover(g, axes, progress=False, alone_below=10 ** 9)
    assert one_by_one.result.cells[1]  # after the first round, points solved alone
    assert not cells_only.result.cells[1] or len(cells_only.result.cells[1]) < len(
        one_by_one.result.cells[1])
    for i in range(len(cells_only.owner)):
        first, second = _answers(cells_only, i), _answers(one_by_one, i)
        assert (first is None) == (second is None)
        if first is None:
            continue
        assert sorted(first) == sorted(second), cells_only.point(i)
        for label, strategy in first.items():
            assert all(sp.simplify(v - second[label][k]) == 0 for k, v in strategy.items())
    for i in random.Random(seed).sample(range(len(cells_only.owner)), 6):
        if cells_only.at(i) is not None:
            assert sorted(_answers(cells_only, i)) == sorted(
                e.label for e in solve(g.subs(cells_only.point(i))))


def test_a_continuum_at_a_point_solved_alone_is_split_by_its_verdicts():
    """``cover``'s points solved by themselves have the equilibria and verdicts of
    point-wise ``solve``, part by part: a continuum there whose pattern no cell has is
    split by its members' Intuitive Criterion and D1 verdicts.  Seed 1 at ``c = 1,
    p = 0``: the pools on ``m0`` with the receiver mixing after ``m0`` fail both tests
    for ``rho[m0,a0] < 1/4`` and pass them above; before, each kept its representative's
    verdicts (pass), with the note.  The joined result says the same there."""
    g = _game(1)
    axes = {P: [sp.Rational(k, 3) for k in range(-6, 9)],
            C: [sp.Rational(j, 4) for j in range(1, 8)]}
    cov = cover(g, axes, progress=False)
    split = 0
    for pt in cov.result.cells[1]:
        at = dict(zip(solver_parameters(g), (sp.Rational(v.numerator, v.denominator)
                                               for v in pt.at)))
        here = g.subs(at)
        ref = sorted((e.label, e.intuitive_criterion, e.d1) for e in solve(here))
        assert sorted((e.label, e.intuitive_criterion, e.d1) for e in pt.result) == ref, at
        parts = [e for e in pt.result if " #" in e.label]
        split += bool(parts)
        assert all(verify(here, e).ok for e in parts)
    assert split
    at = {C: 1, P: 0}
    pools = {e.label: (e.intuitive_condition, e.d1_condition) for e in cov.result
             if e.label.startswith("L:m0 H:m0 | m0:a0+a1 m1:a1") and _holds(e.condition, at)}
    assert sorted(pools) == ["L:m0 H:m0 | m0:a0+a1 m1:a1 #1", "L:m0 H:m0 | m0:a0+a1 m1:a1 #2"]
    assert [(_holds(ic, at), _holds(d1, at)) for _, (ic, d1) in sorted(pools.items())] == \
        [(False, False), (True, True)]
    assert _compare(g, cov.result, [at]) == 1


def test_a_run_where_a_divisors_conjugate_vanishes_gives_no_cell():
    """``_game(115)``: a run on a boundary at ``c = 2226/9967, p = 2`` divides by a number
    ``a + b sqrt(R)`` whose conjugate is 0 there (``R`` a square at that point).  The
    inverse, the conjugate over the norm, has coefficients with a pole at the point, and
    the run's certificate raised ``ZeroDivisionError`` from deep inside ``solve``.  The
    certificate now puts the point on a lower-dimensional piece (no cell there), and the
    result agrees with point-wise solving and ``verify``."""
    g = _game(115)
    res = solve(g, seed=115)
    rng = random.Random(115)
    points = [{P: sp.Rational(rng.randint(-1999, 2999), 1000),
               C: sp.Rational(rng.randint(1, 1999), 1000)} for _ in range(8)]
    assert _compare(g, res, points + [{C: sp.Rational(2226, 9967), P: 2}]) >= 6


def test_undecided_is_explicit_and_never_silent():
    """Points no cell covers are named undecided (the boundary lines between cells)."""
    g = _game(0)
    res = solve(g)
    on_lines = [{P: sp.Rational(k, 2), C: sp.Rational(j, 2)} for k in range(-3, 6)
                for j in range(1, 4)]
    for at in on_lines:
        if not any(_holds(e.condition, at) for e in res):
            assert _holds(res.undecided, at)


def test_region_map_is_exact_at_every_grid_point_checked():
    """The map of a two-parameter belief-dependent game (cells traced until every grid
    point is covered, boundary points solved by themselves) against point-wise solving:
    at random grid points and at every point that was solved by itself."""
    g = _game(2)
    # p runs over -3/2, -1, ..., 5/2: the grid meets cell boundaries (p = 1/2, ...)
    data = region_map(g, (P, sp.Rational(-7, 4), sp.Rational(11, 4)), (C, 0, 2), n=(9, 16),
                      progress=False)
    rng = random.Random(0)
    idx = {(rng.randrange(9), rng.randrange(16)) for _ in range(12)}
    exact = np.argwhere(data.uncertain)
    assert len(exact)  # grid points on boundaries, decided exactly
    idx |= {tuple(int(v) for v in i) for i in exact}
    for i in sorted(idx):
        at = data.point(i)
        ref = {e.label: e for e in solve(g.subs(at))}
        got = {lab for lab in data.labels if data.exists[lab][i]}
        assert got == set(ref), (at, got, set(ref))
        for lab, e in ref.items():
            assert data.ic[lab][i] == bool(e.intuitive_criterion)
            assert data.d1[lab][i] == bool(e.d1)


def test_post_answers_are_constant_on_each_cell():
    """``post`` runs on the traced numbers, so its comparisons refine the cells: at random
    points of each cell, the answer computed at the point equals the cell's."""
    g = _game(2)

    def post(res, convert):
        # the H type's best equilibrium payoff is above 1/2? (a comparison on the cell)
        vals = [convert(sp.sympify(e.sender_payoffs["H"])) for e in res]
        return any(bool(v > Fraction(1, 2)) for v in vals)

    res = solve_belief_parametric(g, post=post, max_runs=30)
    rng = random.Random(4)
    checked = 0
    for cell in res.cells[0]:
        for _ in range(30):
            x = (Fraction(rng.randint(1, 1999), 1000), Fraction(rng.randint(-1999, 2999), 1000))
            if not certificate_holds(cell.certificate, x):
                continue
            at = {C: sp.Rational(x[0]), P: sp.Rational(x[1])}  # the solver's order: c, p
            here = solve(g.subs(at))
            assert post(here, sp.sympify) == cell.extra
            checked += 1
    assert checked > 10


def test_one_parameter_with_assumptions_is_decided_inside_them():
    """A game with assumptions (valid only where they hold) and one parameter is decided
    on the whole set where they hold (``test_belief_parametric``: ends included);
    outside them nothing is claimed and nothing is undecided."""
    mu = belief("H")
    g = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[0, 1], [-1, 0]], [[0, P + mu], [1, 2]]],
        [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"], parameters={P: (0, 2)},
        assumptions=[P < sp.Rational(3, 2)])
    res = solve(g)
    assert res.undecided is sp.false
    for x in (sp.Rational(1, 5), sp.Rational(7, 10), sp.Rational(13, 10)):
        at = {P: x}
        if _holds(res.undecided, at):
            continue
        got = sorted(e.label.split(" #")[0] for e in res if _holds(e.condition, at))
        assert got == sorted(e.label for e in solve(g.subs(at)))
    outside = {P: sp.Rational(7, 4)}
    assert not _holds(res.undecided, outside)
    assert not any(_holds(e.condition, outside) for e in res)


@pytest.mark.parametrize("seed", [1, 2, 4])
def test_parameter_in_the_prior_against_pointwise(seed):
    """Two parameters, one of them the prior ``[p, 1 - p]`` (Bayes' rule then depends on
    it): the result against point-wise solving at random rational points."""
    rng = random.Random(seed)
    mu = belief("H")

    def entry():
        r, k = rng.random(), sp.Integer(rng.randint(-3, 3))
        if r < 0.25:
            return k + rng.choice([1, -1]) * C
        if r < 0.5:
            return k + rng.choice([1, -1, 2]) * mu
        return k

    sender = [[[entry() for _ in range(2)] for _ in range(2)] for _ in range(2)]
    receiver = [[[entry() for _ in range(2)] for _ in range(2)] for _ in range(2)]
    g = SignallingGame.from_arrays([1 - P, P], sender, receiver, types=["L", "H"],
                                   parameters={P: (sp.Rational(1, 10), sp.Rational(9, 10)),
                                               C: (0, 2)})
    if not (g.has_belief_payoffs and len(g.free_parameters) == 2):
        pytest.skip("no belief term or no c drawn")
    res = solve(g, seed=seed)
    points = [{P: sp.Rational(rng.randint(101, 899), 1000),
               C: sp.Rational(rng.randint(1, 1999), 1000)} for _ in range(8)]
    assert _compare(g, res, points) >= 4


def test_three_actions_against_pointwise():
    """A 2x2x3 game (two parameters, belief terms, ties from small integers) against
    point-wise solving and ``verify`` at random rational points."""
    rng = random.Random(0)
    mu = belief("H")

    def entry():
        r, k = rng.random(), sp.Integer(rng.randint(-2, 2))
        if r < 0.12:
            return k + rng.choice([1, -1]) * P
        if r < 0.24:
            return k + rng.choice([1, -1]) * C
        if r < 0.4:
            return k + rng.choice([1, -1, 2]) * mu
        return k

    sender = [[[entry() for _ in range(3)] for _ in range(2)] for _ in range(2)]
    receiver = [[[entry() for _ in range(3)] for _ in range(2)] for _ in range(2)]
    g = SignallingGame.from_arrays(["1/2", "1/2"], sender, receiver, types=["L", "H"],
                                   parameters={P: (-2, 3), C: (0, 2)})
    assert g.has_belief_payoffs and len(g.free_parameters) == 2
    res = solve_belief_parametric(g, seed=0, max_runs=60)
    rng = random.Random(0)
    points = [{P: sp.Rational(rng.randint(-1999, 2999), 1000),
               C: sp.Rational(rng.randint(1, 1999), 1000)} for _ in range(5)]
    assert _compare(g, res, points) >= 3


def test_local_certificate_is_a_subset_of_the_cell_around_the_point():
    """The shrunk certificate of a cell (a box just outside the nearest roots of its
    one-variable polynomials, and the polynomials that cross the box) holds at the run's
    point, and wherever it holds the full certificate holds: exact checks at random
    rational points, many of them inside the box."""
    rng = random.Random(3)
    checked = shrunk = 0
    for seed in range(8):
        g = _game(seed)
        if not (g.has_belief_payoffs and g.is_parametric) or len(g.free_parameters) != 2:
            continue
        x0 = (Fraction(rng.randint(-1900, 2900), 1000), Fraction(rng.randint(1, 1999), 1000))
        _, tracer, _ = _traced_run(g, (C, P), x0[::-1], False, True)
        full = tracer.certificate()
        if any(s == 0 for _, s in full):
            continue
        ranges = ((Fraction(0), Fraction(2)), (Fraction(-2), Fraction(3)))
        local = _local_certificate(full, tracer, (C, P), x0[::-1], ranges)
        assert certificate_holds(local, x0[::-1])
        shrunk += len(local) < len(full)
        for _ in range(300):
            x = (Fraction(rng.randint(0, 2000), 1000), Fraction(rng.randint(-2000, 3000), 1000))
            if rng.random() < 0.5:  # near the point
                x = (x0[1] + Fraction(rng.randint(-50, 50), 1000),
                     x0[0] + Fraction(rng.randint(-50, 50), 1000))
            if certificate_holds(local, x):
                assert certificate_holds(full, x), (seed, x)
                checked += 1
    assert checked > 100 and shrunk >= 1


def test_one_sign_on_boxes_with_unbounded_sides():
    """``one_sign`` (exact interval arithmetic, infinities included) never claims one
    sign where the polynomial has two: random polynomials and boxes, checked at random
    exact points of the box (far out on unbounded sides too)."""
    K, (p, q) = field(2)
    rng = random.Random(5)
    claimed = 0
    for _ in range(400):
        f = K(rng.randint(-5, 5))
        for _ in range(rng.randint(1, 4)):
            f = f + rng.randint(-4, 4) * p ** rng.randint(0, 3) * q ** rng.randint(0, 2)
        if not f:
            continue
        box = []
        for _ in range(2):
            lo = Fraction(rng.randint(-3, 3), rng.randint(1, 3))
            hi = lo + Fraction(rng.randint(1, 6), rng.randint(1, 3))
            box.append((None if rng.random() < 0.3 else lo, None if rng.random() < 0.3 else hi))
        if not one_sign(f.numer, box):
            continue
        claimed += 1
        signs = set()
        for _ in range(60):
            pt = []
            for lo, hi in box:
                a = lo if lo is not None else (hi or Fraction(0)) - 10 ** rng.randint(0, 6)
                b = hi if hi is not None else (lo or Fraction(0)) + 10 ** rng.randint(0, 6)
                pt.append(a + (b - a) * Fraction(rng.randint(0, 1000), 1000))
            signs.add(poly_sign(f.numer, tuple(pt)))
        assert len(signs) == 1 and 0 not in signs, (f, box)
    assert claimed > 40


def test_float_one_sign_claims_only_what_exact_interval_arithmetic_proves():
    """The rigorous float pass of ``one_sign`` answers only where it gives the exact
    interval arithmetic's answer: random polynomials with large, tiny and near-cancelling
    coefficients on boxes with close, wide, unbounded and zero sides; it answers most."""
    K, (p, q) = field(2)
    rng = random.Random(8)
    agree = claimed = 0
    for _ in range(1500):
        f = K(Fraction(rng.randint(-5, 5), rng.choice([1, 3, 10 ** rng.randint(0, 40)])))
        for _ in range(rng.randint(1, 5)):
            c = Fraction(rng.randint(-9, 9), rng.randint(1, 7)) * \
                Fraction(10) ** rng.randint(-30, 30)
            f = f + c * p ** rng.randint(0, 4) * q ** rng.randint(0, 3)
        if rng.random() < 0.3:  # a near-cancelling pair: (p - r)**2 + tiny
            r = Fraction(rng.randint(-20, 20), 7)
            f = (p - r) ** 2 + Fraction(rng.choice([1, -1]), 10 ** rng.randint(1, 30))
        if not f:
            continue
        box = []
        for _ in range(2):
            lo = Fraction(rng.randint(-30, 30), rng.randint(1, 9)) if rng.random() < 0.8 \
                else Fraction(0)
            hi = lo + Fraction(rng.randint(0, 60), rng.choice([1, 9, 10 ** 12]))
            box.append((None if rng.random() < 0.2 else lo, None if rng.random() < 0.2 else hi))
        fast, exact = _one_sign_float(f.numer, box), _one_sign_exact(f.numer, box)
        assert fast is None or fast == exact, (f, box, fast, exact)
        claimed += exact
        agree += fast is not None
    assert claimed > 300 and agree > 600


def test_axis_bounds_bracket_the_point_and_the_nearest_roots():
    """The box of a local certificate: ``lo <= x <= hi`` always, and each bound lies just
    outside a real root of the polynomial nearest the point (exact root counts)."""
    K, (p, q) = field(2)
    rng = random.Random(11)
    for _ in range(200):
        coeffs = [rng.randint(-9, 9) for _ in range(rng.choice([2, 3, 4, 5]))]
        if coeffs[-1] == 0:
            coeffs[-1] = 1
        f = sum((c * q ** e for e, c in enumerate(coeffs)), K(0))
        if is_constant(f):
            continue
        x = Fraction(rng.randint(-3000, 3000), 1000)
        lo, hi = _axis_bounds(f.numer, 1, x)
        poly = sp.Poly(sum(c * P ** e for e, c in enumerate(coeffs)), P)
        if lo is not None:
            assert lo <= x and poly.count_roots(sp.Rational(lo), sp.Rational(x)) >= 1
        if hi is not None:
            assert x <= hi and poly.count_roots(sp.Rational(x), sp.Rational(hi)) >= 1
        if lo is None:  # no root below, except within rounding of the point
            assert poly.count_roots(-sp.oo, sp.Rational(x) - sp.Rational(1, 10**6)) == 0
        if hi is None:
            assert poly.count_roots(sp.Rational(x) + sp.Rational(1, 10**6), sp.oo) == 0


def test_boundary_points_are_decided_along_their_curve():
    """A given point on one cell boundary that is linear in a parameter gets a cell on
    that boundary (a traced run with the parameter solved for): the boundary's points
    near it, on the same curve, are decided by it too, and agree with point-wise solving
    and ``verify`` (labels, IC, D1)."""
    g = _game(0)
    pts = [{P: sp.Rational(k, 2), C: sp.Rational(j, 2)} for k in range(-3, 6)
           for j in range(1, 4)]
    res = solve_belief_parametric(g, cover=pts, start=solve(g))
    on_curves = [c for c in res.cells[0] if any(s == 0 for _, s in c.certificate)]
    assert on_curves
    params = (C, P)  # the solver's order (by name)
    checked = 0
    for cell in on_curves:
        (wall,) = [f for f, s in cell.certificate if s == 0]
        expr = wall.as_expr(*params)
        q = P if sp.Poly(expr, P).degree() == 1 else C
        other = C if q == P else P
        poly = sp.Poly(expr, q)
        assert poly.degree() == 1
        g1, g0 = poly.all_coeffs()
        inside = [at for at in pts if expr.subs(at) == 0 and
                  certificate_holds(cell.certificate, tuple(_frac(at[s]) for s in params))]
        assert inside  # the cell was made for one of the given points
        for at in inside[:2]:
            for step in (sp.Rational(1, 1000), sp.Rational(-1, 10**6), sp.Rational(1, 7)):
                near = {other: at[other] + step}
                if g1.subs(near) == 0:
                    continue
                near[q] = sp.cancel((-g0 / g1).subs(near))
                if not (-2 < near[P] < 3 and 0 < near[C] < 2):
                    continue
                x = tuple(_frac(near[s]) for s in params)
                if certificate_holds(cell.certificate, x):
                    assert not _holds(res.undecided, near)
                    checked += _compare(g, res, [near])
    assert checked >= 3
    walls = {f for c in res.cells[0] for f, _ in c.certificate}
    on_walls = [at for at in pts
                if any(poly_sign(f, (_frac(at[C]), _frac(at[P]))) == 0 for f in walls)]
    assert len(res.cells[1]) < len(on_walls)  # boundary points decided by curve cells

def _frac(v) -> Fraction:
    v = sp.Rational(v)
    return Fraction(int(v.p), int(v.q))


def test_boundaries_are_explored_and_decided_exactly():
    """Sampling also traces cells along the cells' linear boundaries: an equilibrium that
    exists only on a line (here the hybrid ``L:m1 H:m0+m1`` on ``p = 1``) is reported
    there, and every boundary cell agrees with point-wise solving and ``verify`` at points
    of it; without the exploration it is missing."""
    g = _game(0)
    res = solve(g)
    hybrid = [e for e in res if e.label.startswith("L:m1 H:m0+m1")]
    assert hybrid
    on, off = {C: sp.Rational(1, 2), P: 1}, {C: sp.Rational(1, 2), P: sp.Rational(1001, 1000)}
    assert all(_holds(e.condition, on) and not _holds(e.condition, off) for e in hybrid)
    assert _compare(g, res, [on, off]) == 2
    assert not any(e.label.startswith("L:m1 H:m0+m1")
                   for e in solve_belief_parametric(g, boundaries=False))
    rng = random.Random(5)
    checked = 0
    for cell in (c for c in res.cells[0] if c.along):
        (wall,) = [f for f, s in cell.certificate if s == 0]
        found = 0
        for _ in range(200):
            x = _on_wall(wall, g, (C, P), rng)
            if x is not None and certificate_holds(cell.certificate, x):
                checked += _compare(g, res, [{C: sp.Rational(x[0]), P: sp.Rational(x[1])}])
                found += 1
                if found == 2:
                    break
    assert checked >= 10


def test_relation_test_agrees_with_substitution():
    """The compiled admissibility test gives what substituting the point gives: random
    relations of rational functions at random rational points, poles and zeros included,
    and the flagship's branch conditions."""
    rng = random.Random(3)
    rel = [sp.StrictGreaterThan, sp.GreaterThan, sp.StrictLessThan, sp.LessThan, sp.Eq, sp.Ne]
    checked = 0
    for _ in range(150):
        terms = [rng.randint(-3, 3) * P ** rng.randint(0, 2) * C ** rng.randint(0, 2)
                 for _ in range(3)]
        den = rng.choice([1, P - C, P + 1, C - Fraction(1, 2)])
        conds = [rng.choice(rel)(sum(terms) / den, rng.randint(-2, 2)) for _ in range(2)]
        cond = sp.And(*conds)
        test = _relation_test(cond, (C, P))
        if cond in (sp.true, sp.false):
            continue
        assert test is not None
        for _ in range(20):
            x = (Fraction(rng.randint(-4, 4), rng.choice([1, 2])),
                 Fraction(rng.randint(-4, 4), rng.choice([1, 2])))
            pt = {C: sp.Rational(x[0]), P: sp.Rational(x[1])}
            # at a pole of a relation's sides nothing holds (sympy would compare zoo)
            want = all(not (r.lhs - r.rhs).xreplace(pt).has(sp.zoo, sp.nan) and
                       r.xreplace(pt) is sp.true for r in conds)
            assert test(x) == want, (cond, x)
            checked += 1
    assert checked > 1000
    g = alliance_game(symbolic=["pi_A", "a"])
    params = solver_parameters(g)
    for cond in g.assumptions:
        test = _relation_test(cond, params)
        assert test is not None
        for _ in range(30):
            x = (Fraction(rng.randint(0, 6000), 1000), Fraction(rng.randint(0, 20000), 1000))
            assert test(x) == (cond.xreplace(dict(zip(params, map(sp.Rational, x))))
                               is sp.true)
