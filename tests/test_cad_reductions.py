"""The two reductions of the two-dimensional decomposition against the plain one.

- An equation among the constraints (``==``, or ``p >= 0`` with ``-p >= 0``): only the
  cells on its curve are built (its factors' resultants with the others, not the others'
  among themselves; fibers of the curve only).
- Polynomials that only a predicate reads (``rel == "any"``): the full decomposition lifts
  only over the ranges of ``x`` where the other constraints' (smaller) decomposition has
  points.

On random curves through planted points (rational, so that the sets are often not
empty, and with denominators the grid of :func:`find_point` does not hold), random
inequalities and random predicates, the reduced decomposition and the plain one (both
reductions switched off) must agree on whether the set is empty and, where it is finite,
on its points; every point found is checked by exact substitution.
"""

from __future__ import annotations

from unittest import mock

import sympy as sp
from hypothesis import event, given, settings
from hypothesis import strategies as st

from alliance_games.solving import semialgebraic
from alliance_games.solving.semialgebraic import _cad_2d_cells, _Constraint, all_points

A, B, C = sp.symbols("a b c")
MONOMIALS = (1, A, B, A * B, A**2, B**2)


def _plain():
    """Both reductions switched off: every resultant, every fiber, no windows."""
    def cells(cons, ok):
        return ((x0, y0, dim) for x0, y0, dim, _, _ in semialgebraic._cad_2d_lift(cons, ok))
    return mock.patch.multiple(semialgebraic, _equation_factors=lambda cons: None,
                               _cad_2d_cells=cells)


def _through(coefs: list[int], point: tuple) -> sp.Expr:
    """The polynomial with these coefficients, shifted to vanish at ``point``."""
    f = sp.Add(*[k * m for k, m in zip(coefs, MONOMIALS)])
    return sp.expand(f - f.subs({A: point[0], B: point[1]}))


def _exact_sign(e: sp.Expr, point: tuple) -> int:
    """The sign of ``e`` at a point of real algebraic numbers: 0 exactly when its minimal
    polynomial is ``t`` (sympy, not the package's sign code), else the sign of 60 digits
    of a number known not to be 0."""
    v = sp.expand(e.subs({A: point[0], B: point[1]}))
    if v.is_Rational:
        return int(sp.sign(v))
    t = sp.Dummy("t")
    if sp.minimal_polynomial(v, t) == t:
        return 0
    return 1 if v.evalf(60) > 0 else -1


_coefs = st.lists(st.integers(-3, 3), min_size=6, max_size=6)
_point = st.tuples(st.integers(1, 5), st.integers(1, 5)).map(
    lambda p: (sp.Rational(p[0], 7), sp.Rational(p[1], 11)))


@settings(max_examples=40, deadline=None)
@given(_coefs, _point, st.integers(-1, 1), _coefs, st.sampled_from([">=", ">", "=="]),
       st.booleans(), st.booleans())
def test_a_curve_and_an_inequality_against_the_plain_decomposition(
        eq, at, vertical, ineq, rel, as_pair, second_eq):
    """Emptiness and finite point sets on a conic (times a vertical line through the
    planted point when ``vertical``), with an inequality or a second equation."""
    f = _through(eq, at)
    if vertical:
        f = sp.expand(f * (A - at[0]))
    g = _through(ineq, (at[0] + sp.Rational(vertical, 13), at[1]))
    eqs = [(f, ">="), (-f, ">=")] if as_pair else [(f, "==")]
    cons = eqs + [(g, "==" if second_eq else rel)]
    got = all_points(cons, (A, B, C))
    with _plain():
        want = all_points(cons, (A, B, C))
    event("infinite" if got is None else "points" if got else "empty")
    assert got == want
    for pt in got or []:
        assert _exact_sign(f, pt) == 0


@settings(max_examples=25, deadline=None)  # 40 took a minute of CI, the most of any test
@given(_coefs, _point, _coefs, _coefs, _coefs, st.integers(0, 3), st.booleans())
def test_a_predicate_on_other_polynomials_against_the_plain_decomposition(
        ineq, at, p1, p2, eq, rule, with_eq):
    """Emptiness of a set given by an inequality (and perhaps a curve) and a predicate on
    the signs of two more polynomials, which only the predicate reads."""
    g = _through(ineq, at)
    free = (A, B)

    def con(e, rel):
        return _Constraint(sp.Poly(e, *free, domain="QQ"), rel)

    hard = [con(-g, ">="), con(A, ">="), con(B, ">="), con(1 - A - B, ">=")]
    if with_eq:
        hard.append(con(_through(eq, at), "=="))
    others = [con(_through(p1, (at[0], at[1] + sp.Rational(1, 17))), "any"),
              con(_through(p2, (at[0] + sp.Rational(1, 19), at[1])), "any")]
    rules = (lambda s: s[0] > 0 and s[1] < 0, lambda s: s[0] == 0 or s[1] == 0,
             lambda s: s[0] * s[1] > 0, lambda s: s[0] >= 0 and s[1] == 0)

    def ok(pt, sign):
        return all(semialgebraic.relation_holds(sign(c), c.rel) for c in hard) and \
            rules[rule]([sign(c) for c in others])

    cons = hard + others
    got = next(_cad_2d_cells(cons, ok), None)
    with _plain():
        want = next(semialgebraic._cad_2d_cells(cons, ok), None)
    event("empty" if got is None else "found")
    assert (got is None) == (want is None)
    if got is not None:
        pt = got[:2]
        assert all(semialgebraic.relation_holds(_exact_sign(c.poly.as_expr(), pt), c.rel)
                   for c in hard)
        assert rules[rule]([_exact_sign(c.poly.as_expr(), pt) for c in others])
