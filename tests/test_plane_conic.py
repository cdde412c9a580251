"""The geometry of a conic that is the graph of a rational function
(:mod:`alliance_games.solving.plane_conic`), against sympy's own evaluation."""

from fractions import Fraction

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.solving.plane_conic import (
    counterclockwise,
    edge_values,
    graph_of,
    side_point,
)

U, V = sp.symbols("u v")
_SMALL = st.fractions(min_value=-4, max_value=4, max_denominator=6)


@st.composite
def _conics(draw) -> tuple:
    """A quadratic ``(b0 z + b1) w + c0 z**2 + c1 z + c2`` with a product term or a
    square of ``z``, ``w`` either payoff, and the index of ``w`` (None when ``z`` has
    no square either: then either payoff may be solved for)."""
    b0, b1, c0, c1, c2 = (draw(_SMALL) for _ in range(5))
    if b0 == 0 and c0 == 0:
        c0 = Fraction(1)
    if b0 == 0 and b1 == 0:
        b1 = Fraction(1)
    w_index = draw(st.sampled_from([0, 1]))
    z, w = (V, U) if w_index == 0 else (U, V)
    expr = (sp.Rational(b0) * z + sp.Rational(b1)) * w + sp.Rational(c0) * z**2 + \
        sp.Rational(c1) * z + sp.Rational(c2)
    return sp.Poly(expr, U, V), w_index if c0 != 0 else None, expr


@settings(max_examples=150, deadline=None)
@given(_conics(), _SMALL, st.sampled_from([1, -1]), st.integers(1, 4))
def test_points_on_and_beside_the_graph(conic, z, sign, size):
    poly, w_index, expr = conic
    graph = graph_of(poly)
    assert graph is not None and w_index in (None, graph.w)
    w_index = graph.w
    if graph.pole is not None and z == graph.pole:
        return
    point = graph.point(z)
    assert all(isinstance(x, Fraction) for x in point)
    at = {U: sp.Rational(point[0]), V: sp.Rational(point[1])}
    assert expr.subs(at) == 0 and graph.value(point) == 0
    # a square around the point, in either order around it
    h = Fraction(size, 3)
    square = [[point[0] - h, point[1] - h], [point[0] + h, point[1] - h],
              [point[0] + h, point[1] + h], [point[0] - h, point[1] + h]]
    polygon = counterclockwise(square[::-1] if size % 2 else square)
    assert sum(p[0] * q[1] - q[0] * p[1]
               for p, q in zip(polygon, polygon[1:] + polygon[:1])) > 0
    beside = side_point(graph, polygon, z, sign)
    assert beside is not None
    value = expr.subs({U: sp.Rational(beside[0]), V: sp.Rational(beside[1])})
    assert sp.sign(value) == sign and graph.value(beside) == Fraction(str(value))
    assert all(x > 0 for x in edge_values(polygon, beside))
    assert beside[1 - w_index] == point[1 - w_index]  # (moved along w only)


def test_a_second_conic_keeps_its_sign_beside_the_first():
    # v = 1/u and v = u**2: the first's point (1/2, 2) has v - u**2 > 0, kept beside it
    first = graph_of(sp.Poly(U * V - 1, U, V))
    second = graph_of(sp.Poly(V - U**2, U, V))
    square = counterclockwise([[Fraction(0), Fraction(0)], [Fraction(4), Fraction(0)],
                               [Fraction(4), Fraction(4)], [Fraction(0), Fraction(4)]])
    for s in (1, -1):
        u = side_point(first, square, Fraction(1, 2), s, [(second, 1)])
        assert u is not None and second.value(u) > 0 and (first.value(u) > 0) == (s > 0)
    assert side_point(first, square, Fraction(1, 2), 1, [(second, -1)]) is None


def test_conics_with_both_squares_are_not_graphs():
    assert graph_of(sp.Poly(U**2 + V**2 - 1, U, V)) is None
    assert graph_of(sp.Poly(U**2 - V**2 + U * V, U, V)) is None
