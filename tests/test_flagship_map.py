"""Exact maps of the flagship's selected equilibrium by cells (alliance/maps.py) against
``solve_point`` at every grid point, including points on and next to cell and branch
boundaries (issue 10, aim 2)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from alliance_games.alliance.analysis import full_point, solve_point
from alliance_games.alliance.maps import selected_map
from alliance_games.alliance.model import alliance_game
from alliance_games.alliance.parameters import parameter
from alliance_games.errors import ParameterError
from alliance_games.solving.belief_parametric import _traced_run, solver_parameters

PI, A = parameter("pi_A").symbol, parameter("a").symbol


def _reference(values: dict, theatre: str = "land") -> tuple:
    """What the map must say at a point, from ``solve_point`` there."""
    res = solve_point(values, theatre=theatre)
    eq, s = res.selected_equilibrium, res.selected_summary
    designs = []
    for m in ("no_cs", "cs"):
        if m in eq.on_path:
            ds = [d for d, p in eq.receiver[m].items() if sp.sympify(p) != 0]
            designs.append(f"{m}:{'+'.join(ds)}")
    several = res.refined and len(res.survivors) > 1
    return f"{s.kind} ({', '.join(designs)})", str(eq.label), s.values["pr_cs"], several


def _check(m, xname, yname) -> int:
    checked = 0
    for i, xv in enumerate(m.x):
        for j, yv in enumerate(m.y):
            cls, label, pr, several = _reference({xname: xv, yname: yv}, m.theatre)
            at = (xv, yv)
            assert m.classes[i, j] == cls, at
            assert m.labels[i, j] == label, at
            assert sp.simplify(m.pr_cs_exact(i, j) - pr) == 0, at
            assert abs(m.pr_cs[i, j] - float(pr)) < 1e-9, at
            assert bool(m.several[i, j]) == several, at
            checked += 1
    return checked


def test_map_agrees_with_solve_point_everywhere():
    xs = [sp.Rational(1, 2) + sp.Rational(31, 2) * sp.Rational(i, 5) for i in range(6)]
    ys = [sp.Rational(2 * j) for j in range(4)]
    m = selected_map(("pi_A", xs), ("a", ys), progress=False)
    assert m.cells + m.points >= m.games >= 2  # several branch regions and cells
    assert len(set(m.classes.ravel())) >= 3
    assert _check(m, "pi_A", "a") == 24


def _boundaries_in_a(pi0, a0) -> list:
    """Exact values of ``a`` at ``pi_A = pi0`` where a branch condition or a cell of the
    traced run at ``(pi0, a0)`` changes: the roots of its polynomials linear in ``a``."""
    point = full_point({"pi_A": pi0, "a": a0}, theatre="land")
    g = alliance_game(point, theatre="land", symbolic=["pi_A", "a"])
    params = solver_parameters(g)
    assert params == (A, PI)
    x = tuple(Fraction(int(point[q].p), int(point[q].q)) for q in params)
    _, tracer, _ = _traced_run(g, params, x, False, True)
    exprs = [f.as_expr(*params) for f, _ in tracer.certificate()]
    exprs += [c.lhs - c.rhs for c in g.assumptions if isinstance(c, sp.core.relational.Relational)]
    out = set()
    for e in exprs:
        e = sp.sympify(e).subs(PI, pi0)
        num = sp.numer(sp.together(e))
        if num.free_symbols == {A} and sp.degree(num, A) == 1:
            root = sp.solve(num, A)[0]
            if 0 <= root <= 10:
                out.add(root)
    return sorted(out)


@pytest.mark.parametrize("pi0, a0", [(sp.Rational(16), sp.Integer(3)),
                                     (sp.Rational(8), sp.Integer(1)),
                                     (sp.Rational(1), sp.Rational(1, 2))])
def test_map_on_and_next_to_boundaries(pi0, a0):
    """Grid values of ``a`` exactly on the boundaries of the cell (and branch region)
    around ``(pi0, a0)`` and 10**-6 to either side: the map is exact there too."""
    roots = _boundaries_in_a(pi0, a0)
    roots = roots[:: max(len(roots) // 5, 1)]  # at most about 6 of them
    eps = sp.Rational(1, 10 ** 6)
    ys = sorted({max(r + d, sp.Integer(0)) for r in roots for d in (-eps, 0, eps)} | {a0})
    assert roots, "no boundary linear in a found"
    m = selected_map(("pi_A", [pi0]), ("a", ys), progress=False)
    assert _check(m, "pi_A", "a") == len(ys)


def test_theta_axis_and_errors():
    m = selected_map(("theta", ["1/5", "4/5"]), ("a", [1]), progress=False)
    assert m.names == ("theta", "a") and m.x == (sp.Rational(1, 5), sp.Rational(4, 5))
    for i, t in enumerate(m.x):
        assert m.classes[i, 0] == _reference({"theta": t, "a": 1})[0]
    with pytest.raises(ParameterError, match="theta depends on d"):
        selected_map(("theta", ["1/2"]), ("d", [1, 2]), progress=False)
    with pytest.raises(ParameterError, match="same parameter"):
        selected_map(("a", [1]), ("a", [2]), progress=False)


@pytest.mark.parametrize("bad, match", [
    ("x", "cannot read 'x'"), (float("nan"), "not the float nan"), (0.5, "not the float"),
    ("sqrt(2)", "cannot read"), (sp.oo, "not a finite rational"),
])
def test_axis_values_must_be_exact_rationals(bad, match):
    with pytest.raises(ParameterError, match=match):
        selected_map(("pi_A", [4, bad]), ("a", [1]), progress=False)
    with pytest.raises(ParameterError, match=match):
        selected_map(("theta", [bad]), ("a", [1]), progress=False)
