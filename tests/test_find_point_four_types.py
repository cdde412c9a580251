"""Exact points of semi-algebraic sets of beliefs with four types (three free
coordinates): each way :func:`find_point` decides such a set against a different
algorithm on the same set.

- one quadratic constraint on a polytope (:func:`quadric_point`: extreme values over the
  faces) against the two-dimensional cylindrical decomposition, on triangles;
- a linear equation (one coordinate substituted, then the decomposition) against
  :func:`quadric_point`;
- an equation linear in one coordinate (solved for it, then the decomposition) against
  :func:`quadric_point`;
- an equation quadratic in every coordinate (solved for one by the quadratic formula, the
  other constraints' signs at either root given by sign conditions in the other two
  coordinates, then the decomposition) against :func:`quadric_point`, at planted points
  and at a point of tangency and next to it;
- inequalities only, where none of these applies: points near the numerically deepest
  one, rounded and checked exactly (small balls around planted points); and the split
  into the strict part and the faces, against the exact criterion for two products
  (on its boundary too) and at a tangency with irrational coordinates.

Every point returned is checked exactly (each constraint's sign by sympy, from the
minimal polynomial when 0), and the random games of ``survey_simplex.py --types 4`` whose
patterns were left out now solve with nothing left out, every equilibrium verified.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from _random_games import survey_game
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from alliance_games import solve
from alliance_games.solving.lp import LinearSystem
from alliance_games.solving.quadric import quadric_point
from alliance_games.solving.semialgebraic import find_point
from alliance_games.verify import verify

A, B, C, D = SYMS = sp.symbols("a b c d")
RELS = (">=", ">", "==")
_X = sp.Dummy("x")
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.filter_too_much])


def _sign(value) -> int:
    """The exact sign of a real algebraic number: 0 iff its minimal polynomial is x;
    otherwise the sign sympy's certified evaluation gives."""
    value = sp.expand(value)
    if value.is_Rational:
        return int(sp.sign(value))
    if sp.minimal_polynomial(value, _X) == _X:
        return 0
    s = sp.sign(value.evalf(60))
    assert s in (-1, 1)
    return int(s)


def _kind(point) -> str:
    return "empty" if point is None else "rational point" if all(
        sp.sympify(x).is_Rational for x in point) else "irrational point"


def _holds(constraints, symbols, point) -> bool:
    at = dict(zip(symbols, point))
    if _sign(1 - sum(point)) != 0 or any(_sign(x) < 0 for x in point):
        return False
    signs = [_sign(sp.sympify(e).xreplace(at)) for e, _ in constraints]
    return all(s >= 0 if rel == ">=" else s > 0 if rel == ">" else s == 0
               for s, (_, rel) in zip(signs, constraints))


def _system(rows, n: int) -> LinearSystem:
    """``(expr, rel)`` linear in the first ``n`` symbols, plus ``sum <= 1``."""
    eq, ge, gt = [], [(tuple([Fraction(-1)] * n), Fraction(-1))], []
    for e, rel in rows:
        p = sp.Poly(e, *SYMS[:n])
        a = tuple(Fraction(str(p.coeff_monomial(x))) for x in SYMS[:n])
        row = (a, -Fraction(str(p.coeff_monomial(1))))
        (eq if rel == "==" else ge if rel == ">=" else gt).append(row)
    return LinearSystem(n, tuple(eq), tuple(ge), tuple(gt))


_small = st.integers(-3, 3)


def _quadratic(cs, n: int) -> sp.Expr:
    xs = SYMS[:n]
    monomials = [sp.Integer(1), *xs, *(xs[i] * xs[j] for i in range(n) for j in range(i, n))]
    return sp.Add(*(c * m for c, m in zip(cs, monomials)))


def _linear(cs, n: int) -> sp.Expr:
    return cs[0] + sp.Add(*(c * x for c, x in zip(cs[1:], SYMS[:n])))


@SETTINGS
@given(st.lists(_small, min_size=6, max_size=6), st.sampled_from(RELS),
       st.lists(_small, min_size=3, max_size=3), st.sampled_from(RELS + (None,)))
def test_one_quadratic_on_a_triangle_agrees_with_the_decomposition(cs, rel, row, rel2):
    """Two free coordinates: the faces' extreme values and the cylindrical decomposition
    (complete in two dimensions) agree on emptiness; each point satisfies the set."""
    p = _quadratic(cs, 2)
    assume(sp.Poly(p, A, B).total_degree() == 2)
    rows = [] if rel2 is None else [(_linear(row, 2), rel2)]
    assume(all(sp.Poly(e, A, B).total_degree() == 1 for e, _ in rows))
    point = quadric_point(_system(rows, 2), sp.Poly(p, A, B), rel)
    cons = [(p, rel)] + rows
    found = find_point(cons, (A, B, C))
    assert found.decided
    assert (point is None) == (found.point is None), (cons, point, found.point)
    event(_kind(point))
    if point is not None:
        assert _holds(cons, (A, B, C), (*point, 1 - sum(point)))


@SETTINGS
@given(st.lists(_small, min_size=10, max_size=10), st.sampled_from(RELS),
       st.lists(_small, min_size=4, max_size=4), st.lists(_small, min_size=4, max_size=4),
       st.sampled_from(RELS))
def test_a_linear_equation_agrees_with_the_faces(cs, rel, eq, row, rel2):
    """Four types, a linear equation and one quadratic constraint: :func:`find_point`
    substitutes the equation (then the two-dimensional decomposition);
    :func:`quadric_point` takes the equation as a face.  They agree."""
    p = _quadratic(cs, 3)
    assume(sp.Poly(p, A, B, C).total_degree() == 2)
    rows = [(_linear(eq, 3), "=="), (_linear(row, 3), rel2)]
    assume(all(sp.Poly(e, A, B, C).total_degree() == 1 for e, _ in rows))
    point = quadric_point(_system(rows, 3), sp.Poly(p, A, B, C), rel)
    cons = [(p, rel)] + rows
    found = find_point(cons, SYMS)
    assert found.decided
    assert (point is None) == (found.point is None), (cons, point, found.point)
    event(_kind(found.point))
    for pt in (found.point, None if point is None else (*point, 1 - sum(point))):
        assert pt is None or _holds(cons, SYMS, pt)


@SETTINGS
@given(st.lists(_small, min_size=4, max_size=4), st.lists(_small, min_size=6, max_size=6),
       st.sampled_from((A, B, C, D)), st.lists(_small, min_size=4, max_size=4),
       st.sampled_from(RELS))
def test_an_equation_solved_for_one_coordinate_agrees_with_the_faces(a, b, v, row, rel2):
    """Four types, ``a(x) v + b(x) == 0`` with ``a`` linear and ``b`` quadratic in the
    other coordinates: :func:`find_point` with an ``extra`` (which rules out the faces'
    method) solves it for ``v`` in the cases ``a != 0`` and ``a == 0``; without, it uses
    :func:`quadric_point`.  They agree."""
    assume(any(a[:3]))
    others = [x for x in SYMS if x != v][:2]
    lin = a[0] + a[1] * others[0] + a[2] * others[1]
    quad = b[0] + b[1] * others[0] + b[2] * others[1] + b[3] * others[0] ** 2 + \
        b[4] * others[0] * others[1] + b[5] * others[1] ** 2
    eq = sp.expand(lin * v + quad)
    cons = [(eq, "=="), (_linear(row, 3), rel2)]
    plain = find_point(cons, SYMS)
    solved = find_point(cons, SYMS, extra=([A + B], lambda signs: True))
    assert plain.decided and solved.decided
    assert (plain.point is None) == (solved.point is None), (cons, plain, solved)
    event(_kind(solved.point))
    for pt in (plain.point, solved.point):
        assert pt is None or _holds(cons, SYMS, pt)


def _coordinates_of_degree_one(eq) -> bool:
    """Whether ``eq`` has degree 1 in some coordinate, for some choice of the implicit one
    (then :func:`find_point` solves it linearly)."""
    for lead in SYMS:
        free = [x for x in SYMS if x != lead]
        e = sp.expand(eq.xreplace({lead: 1 - sum(free)}))
        if any(sp.Poly(e, x).degree() == 1 for x in free):
            return True
    return False


@SETTINGS
@given(st.lists(_small, min_size=10, max_size=10), st.lists(_small, min_size=4, max_size=4),
       st.sampled_from(RELS), st.sampled_from((">", ">=")))
def test_an_equation_quadratic_in_every_coordinate_agrees_with_the_faces(cs, row, rel2,
                                                                         rel3):
    """Four types, a quadric equation with no coordinate of degree 1 and a linear row:
    with the condition ``a - b rel3 0`` given as an ``extra`` sign condition,
    :func:`find_point` must solve the quadric for one coordinate by the quadratic formula;
    as a plain constraint, :func:`quadric_point` decides from the faces.  They agree, and each
    point satisfies the set exactly."""
    q = _quadratic(cs, 3)
    assume(sp.Poly(q, A, B, C).total_degree() == 2 and not _coordinates_of_degree_one(q))
    cons = [(q, "=="), (_linear(row, 3), rel2)]
    plain = find_point(cons + [(A - B, rel3)], SYMS)
    sign_ok = (lambda s: s[0] > 0) if rel3 == ">" else (lambda s: s[0] >= 0)
    solved = find_point(cons, SYMS, extra=([A - B], sign_ok))
    assert plain.decided and solved.decided
    assert (plain.point is None) == (solved.point is None), (cons, rel3, plain, solved)
    event(_kind(solved.point))
    for pt in (plain.point, solved.point):
        assert pt is None or _holds(cons + [(A - B, rel3)], SYMS, pt)


_planted = st.tuples(*(st.integers(1, 4) for _ in range(4))).filter(lambda t: sum(t) <= 11)


@settings(SETTINGS, max_examples=12)
@given(_planted, st.lists(_small, min_size=9, max_size=9),
       st.lists(_small, min_size=10, max_size=10), st.sampled_from((">=", ">")),
       st.lists(_small, min_size=4, max_size=4), st.sampled_from((">=", ">")))
def test_a_planted_point_on_a_quadric_is_found(num, cs, quad, rel, row, rel2):
    """Four types: a quadric through a planted point ``P`` (coordinates elevenths, off the
    grid of sixths) quadratic in every coordinate, with a quadratic and a linear
    inequality that ``P`` satisfies (each made tight at ``P`` where it holds weakly).  The
    set is not empty, so :func:`find_point` must return a point, and it satisfies the
    set."""
    point = [sp.Rational(x, 11) for x in num[:3]]
    at = dict(zip((A, B, C), point))
    q = _quadratic([0, *cs], 3)
    q = sp.expand(q - q.xreplace(at))
    assume(q != 0 and not _coordinates_of_degree_one(q))
    cons = [(q, "==")]
    for g, r in ((_quadratic(quad, 3), rel), (_linear(row, 3), rel2)):
        value = g.xreplace(at)
        if value < 0:
            g = -g
        elif value == 0 and r == ">":
            g = g + 1
        if r == ">=":
            g = sp.expand(g - g.xreplace(at))  # tight at P
        cons.append((g, r))
    assert _holds(cons, SYMS, (*point, 1 - sum(point)))
    found = find_point(cons, SYMS)
    assert found.decided and found.point is not None, (cons, found)
    assert _holds(cons, SYMS, found.point)
    event(_kind(found.point))


def test_a_sphere_tangent_to_a_plane_on_the_simplex():
    """``a**2 + b**2 + c**2 == 3/49`` with ``a + b + c >= t`` and ``a b >= c**2``: the
    sphere touches the plane at ``t = 3/7`` in the single point ``(1/7, 1/7, 1/7)``
    (Cauchy-Schwarz), so the set is that point at ``t = 3/7``, empty just above and has
    irrational points just below; no coordinate is linear in the sphere's equation."""
    sphere = A**2 + B**2 + C**2 - sp.Rational(3, 49)
    eps = sp.Rational(1, 1000)
    for t, want in ((sp.Rational(3, 7), "point"), (sp.Rational(3, 7) + eps, "empty"),
                    (sp.Rational(3, 7) - eps, "point")):
        cons = [(sphere, "=="), (A + B + C - t, ">="), (A * B - C**2, ">=")]
        found = find_point(cons, SYMS)
        assert found.decided
        assert ("empty" if found.point is None else "point") == want, (t, found)
        if found.point is not None:
            assert _holds(cons, SYMS, found.point)
        if t == sp.Rational(3, 7):
            assert tuple(found.point) == (sp.Rational(1, 7),) * 3 + (sp.Rational(4, 7),)


def test_what_stays_undecided_is_named():
    """An equation of degree 3 in every coordinate (whichever is the implicit one), which
    no reduction solves, through the only point of the closure of ``a b > 1/36``, ``c d >
    1/9`` (``a = b = 1/6``, ``c = d = 1/3``; the set is empty): halving the box cannot
    refute it, and the split into interior and faces needs inequalities only.  The answer
    says so instead of "empty"."""
    cubic = A**3 + 2 * B**3 + 3 * C**3 + 5 * D**3 - sp.Rational(67, 216)
    found = find_point([(A * B - sp.Rational(1, 36), ">"), (C * D - sp.Rational(1, 9), ">"),
                        (cubic, "==")], SYMS)
    assert not found.decided and found.point is None
    assert "implemented with" in found.reason and "halving the box" in found.reason


@SETTINGS
@given(st.fractions(0, Fraction(1, 4), max_denominator=60),
       st.fractions(0, Fraction(1, 4), max_denominator=60),
       st.sampled_from(((A, B, C, D), (A, C, B, D), (A, D, B, C))),
       st.sampled_from((">=", ">")))
def test_two_products_are_decided(alpha, beta, pairs, rel):
    """``x y rel alpha`` and ``z w rel beta`` for the two pairs of a split of the four
    coordinates: no reduction applies; there is a point exactly when ``2 sqrt(alpha) + 2
    sqrt(beta) <= 1`` (``<`` for strict ``>``: ``x y <= (x + y)**2 / 4``, equal when ``x =
    y``).  :func:`find_point` always answers, and agrees (halving the box, or the interior
    and the faces)."""
    x, y, z, w = pairs
    cons = [(x * y - sp.Rational(alpha), rel), (z * w - sp.Rational(beta), rel)]
    found = find_point(cons, SYMS)
    margin = 2 * sp.sqrt(sp.Rational(alpha)) + 2 * sp.sqrt(sp.Rational(beta)) - 1
    assert found.decided
    if found.point is not None:
        assert _holds(cons, SYMS, found.point)
    assert (found.point is not None) == (margin <= 0 if rel == ">=" else margin < 0)
    event(_kind(found.point))


@pytest.mark.parametrize(("alpha", "beta"), [("1/16", "1/16"), ("1/36", "1/9"),
                                             ("1/100", "4/25"), ("9/400", "49/400")])
@pytest.mark.parametrize("rels", [(">", ">"), (">=", ">"), (">", ">="), (">=", ">=")])
def test_two_products_that_touch(alpha, beta, rels):
    """``a b rel alpha`` and ``c d rel beta`` with ``sqrt(alpha) + sqrt(beta) = 1/2``: the
    closure is the one point ``a = b = sqrt(alpha)``, ``c = d = sqrt(beta)`` (off the
    dyadic grid the box is halved on, except the first), so halving cannot refute the
    strict sets.  They are empty; with both ``>=`` that point is the set."""
    alpha, beta = sp.Rational(alpha), sp.Rational(beta)
    cons = [(A * B - alpha, rels[0]), (C * D - beta, rels[1])]
    found = find_point(cons, SYMS)
    assert found.decided
    if rels == (">=", ">="):
        s, t = sp.sqrt(alpha), sp.sqrt(beta)
        assert found.point == (s, s, t, t)
    else:
        assert found.point is None


def test_a_point_of_tangency_with_irrational_coordinates():
    """``a b >= 1/8`` and ``(a + b)**2 <= 1/2`` touch along ``a = b = sqrt(2)/4``: the set
    has no interior and no rational point; the face ``a b == 1/8`` (solved for a
    coordinate) has it.  Made strict, either one empties the set; a third constraint
    ``c d >= beta`` keeps a point exactly when ``beta <= (1 - sqrt(2)/2)**2 / 4``."""
    eighth, half = sp.Rational(1, 8), sp.Rational(1, 2)
    r = sp.sqrt(2) / 4
    for rels in [(">=", ">="), (">", ">="), (">=", ">")]:
        cons = [(A * B - eighth, rels[0]), (half - (A + B) ** 2, rels[1])]
        found = find_point(cons, SYMS)
        assert found.decided
        if rels == (">=", ">="):
            assert found.point[:2] == (r, r) and _holds(cons, SYMS, found.point)
        else:
            assert found.point is None
    bound = (1 - sp.sqrt(2) / 2) ** 2 / 4  # 0.0214...
    for beta in (sp.Rational(1, 50), sp.Rational(3, 140), sp.Rational(1, 46)):
        cons = [(A * B - eighth, ">="), (half - (A + B) ** 2, ">="), (C * D - beta, ">=")]
        found = find_point(cons, SYMS)
        assert found.decided and (found.point is not None) == (beta <= bound)
        assert found.point is None or _holds(cons, SYMS, found.point)


@SETTINGS
@given(st.tuples(*[st.integers(4, 16)] * 3), st.integers(30, 60),
       st.tuples(*[st.integers(-1, 1)] * 3), st.sampled_from((">=", ">")))
def test_two_small_balls_the_grid_misses_are_found(center, inverse_radius, shift, rel):
    """Two nonlinear inequalities and no equation: no exact reduction applies.  Two
    balls of radius ``1/inverse_radius`` (too small for the grid of denominator 6) around
    a planted point of the simplex and a point next to it (a quarter radius away in each
    coordinate, so the intersection has interior): :func:`find_point` finds a rational
    point in both (the numerically deepest point, rounded and checked exactly), which the
    exact check here confirms."""
    c = [sp.Rational(v, 64) for v in center]
    r = sp.Rational(1, inverse_radius)
    c2 = [v + sp.Rational(s, 4 * inverse_radius) for v, s in zip(c, shift)]

    def ball(at):
        return r**2 - sum((x - v) ** 2 for x, v in zip((A, B, C), at))

    cons = [(sp.expand(ball(c)), rel), (sp.expand(ball(c2)), rel)]
    found = find_point(cons, SYMS)
    assert found.point is not None and _holds(cons, SYMS, found.point)


def test_the_former_undecided_examples_are_decided():
    """The sets :func:`find_point` used to leave undecided: ``a b >= 1`` (empty: at most
    1/4 on the simplex), ``a b - c d == 1/7`` (points, none with denominator 6), ``a b >=
    1/5`` with ``c d >= 1/5``, and ``a b c >= 1`` (empty: at most 1/27)."""
    assert find_point([(A * B - 1, ">=")], SYMS).empty
    # two nonlinear inequalities, proved empty by halving the box (round 50)
    fifth = sp.Rational(1, 5)
    assert find_point([(A * B - fifth, ">="), (C * D - fifth, ">=")], SYMS).empty
    assert find_point([(A * B * C - 1, ">=")], SYMS).empty
    point = find_point([(A * B - C * D - sp.Rational(1, 7), "==")], SYMS).point
    assert point is not None and _holds([(A * B - C * D - sp.Rational(1, 7), "==")],
                                        SYMS, point)


@SETTINGS
@given(st.lists(_small, min_size=10, max_size=10), st.sampled_from((">=", ">")),
       st.lists(_small, min_size=3, max_size=3), st.sampled_from((">=", ">")))
def test_a_quadratic_constraint_with_no_point_empties_the_set(cs, rel, c3, rel3):
    """Four types, a quadratic and a cubic inequality (no reduction applies to the pair;
    a quadratic equation is solved for a coordinate, tested above): when the quadratic
    one alone has no point on the simplex (:func:`quadric_point`), the set is empty, and
    no point of the rational grid of denominator 12 satisfies that constraint (a check by
    another means); otherwise a point returned satisfies both."""
    p = _quadratic(cs, 3)
    assume(sp.Poly(p, A, B, C).total_degree() == 2 and any(c3))
    cons = [(p, rel), (c3[0] * A * B * C + c3[1] * A**3 + c3[2] * D**3 - 1, rel3)]
    alone = quadric_point(_system([], 3), sp.Poly(p, A, B, C), rel)
    found = find_point(cons, SYMS)
    if alone is None:
        assert found.empty
        grid = [(sp.Rational(i, 12), sp.Rational(j, 12), sp.Rational(k, 12))
                for i in range(13) for j in range(13 - i) for k in range(13 - i - j)]
        assert not any(_holds([(p, rel)], SYMS, (*x, 1 - sum(x))) for x in grid)
        event("empty by the quadratic constraint")
    else:
        assert found.point is None or _holds(cons, SYMS, found.point)
        event(_kind(found.point) if found.decided else "undecided")


@pytest.mark.parametrize("seed", [6, 7, 8])
def test_four_type_survey_games_leave_nothing_out(seed):
    """``survey_simplex.py --types 4`` games 6 (one equilibrium more, with an off-path
    mixture at a quadric of beliefs), 7 and 8 (a pooling pattern whose off-path belief
    set is a quadric equation quadratic in every coordinate with sign conditions of the
    deterring mixture: formerly left out): every pattern decided, every equilibrium
    verified."""
    game = survey_game(seed, types=4)
    res = solve(game)
    assert not res.notes
    assert len(res) == {6: 6, 7: 3, 8: 7}[seed]
    for e in res:
        v = verify(game, e)
        assert v.ok, (e.label, v.failures)
