"""A conic in the payoff plane that is the graph of a rational function, and the convex
polygon it crosses.

The plane split of a continuum (:func:`.belief_family._plane_parts`) cuts the payoffs
``(u(L), u(H))`` by the lines a run's answer rests on.  An answer may rest on the sign of
a quadratic that is not two lines, a conic.  When the conic has no square of one payoff
``w`` it reads ``q = B(z) w + C(z)``, ``B`` affine and ``C`` quadratic in the other payoff
``z``: its zero set is the graph ``w = -C(z) / B(z)`` (off the pole ``B(z) = 0``, where it
has no point: ``C`` does not vanish there, or ``q`` would be two lines), so

* it has a rational point at every rational ``z``, and a run along it is traced in ``z``
  alone;
* at each of its points ``q`` changes sign across it (``dq/dw = B(z) != 0``), so beside
  every point of it inside a polygon lie points of both signs.

This module holds that geometry, exact on rationals and quadratic irrationals
(:mod:`.quadratic`); the split itself is in :mod:`.belief_family`.

Examples
--------
>>> from fractions import Fraction as F
>>> u, v = sp.symbols("u v")
>>> g = graph_of(sp.Poly(u * v - 1, u, v))  # the hyperbola v = 1/u
>>> g.point(F(2)), g.pole, str(g.value([F(1), F(3)]))
([Fraction(2, 1), Fraction(1, 2)], Fraction(0, 1), '2')
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from .quadratic import qsign, to_sympy

__all__ = ["Graph", "counterclockwise", "edge_exprs", "edge_values", "graph_of", "side_point"]


@dataclass(frozen=True)
class Graph:
    """The conic ``q = B(z) w + C(z)`` with ``w`` the payoff of index ``w`` (0 or 1) and
    ``z`` the other: ``B(z) = b[0] z + b[1]``, ``C(z) = c[0] z**2 + c[1] z + c[2]``
    (rationals; ``conic`` the quadratic itself)."""

    conic: sp.Poly
    w: int
    b: tuple
    c: tuple

    @property
    def z(self) -> int:
        """The index of the payoff along which the graph runs."""
        return 1 - self.w

    @property
    def pole(self) -> Fraction | None:
        """The ``z`` at which ``B`` vanishes (no point of the conic), or None."""
        return -self.b[1] / self.b[0] if self.b[0] else None

    def point(self, z: Fraction) -> list:
        """The conic's point ``(u(L), u(H))`` at ``z`` (not the pole): rational at a
        rational ``z``."""
        w = -((self.c[0] * z + self.c[1]) * z + self.c[2]) / (self.b[0] * z + self.b[1])
        return [w, z] if self.w == 0 else [z, w]

    def exprs(self, z: sp.Symbol) -> list:
        """:meth:`point` as sympy expressions in the symbol ``z``."""
        b0, b1, c0, c1, c2 = (sp.Rational(v.numerator, v.denominator)
                              for v in (*self.b, *self.c))
        w = -(c0 * z**2 + c1 * z + c2) / (b0 * z + b1)
        return [w, z] if self.w == 0 else [z, w]

    def value(self, u: list[Fraction]) -> object:
        """``q`` at the payoffs ``u``."""
        z, w = u[self.z], u[self.w]
        return (self.b[0] * z + self.b[1]) * w + (self.c[0] * z + self.c[1]) * z + self.c[2]


def graph_of(conic: sp.Poly) -> Graph | None:
    """The conic (a quadratic in two payoffs, rational coefficients) as a :class:`Graph`,
    or None when it has the squares of both payoffs (or no term in the product and
    either payoff's first power beside the other's square: a pair of lines, see
    :func:`.belief_family._lines`).

    Examples
    --------
    >>> u, v = sp.symbols("u v")
    >>> graph_of(sp.Poly(u**2 + u*v - 2*v + 3, u, v)).w  # linear in v
    1
    >>> graph_of(sp.Poly(v**2 - u*v + u, u, v)).w  # linear in u
    0
    >>> graph_of(sp.Poly(u**2 + v**2 - 1, u, v)) is None
    True
    """
    u, v = conic.gens
    coeff = {m: Fraction(int(sp.Rational(conic.coeff_monomial(m)).p),
                         int(sp.Rational(conic.coeff_monomial(m)).q))
             for m in (u**2, u * v, v**2, u, v, 1)}
    a, b, cc, d, e, f = (coeff[m] for m in (u**2, u * v, v**2, u, v, 1))
    if cc == 0 and (b, e) != (0, 0):  # (b u + e) v + (a u**2 + d u + f)
        return Graph(conic, 1, (b, e), (a, d, f))
    if a == 0 and (b, d) != (0, 0):  # (b v + d) u + (cc v**2 + e v + f)
        return Graph(conic, 0, (b, d), (cc, e, f))
    return None


def counterclockwise(polygon: list) -> list:
    """The vertices of a convex polygon (at least three, in order around it) in
    counterclockwise order: the order given or its reverse, by the sign of the area.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> [[str(x) for x in p] for p in counterclockwise([[F(0), F(0)], [F(0), F(1)], [F(1), F(0)]])]
    [['1', '0'], ['0', '1'], ['0', '0']]
    """
    area = sum((p[0] * q[1] - q[0] * p[1] for p, q in zip(polygon, polygon[1:] + polygon[:1])),
               Fraction(0))
    return list(polygon) if qsign(area) > 0 else list(reversed(polygon))


def edge_values(polygon: list, u: list) -> list:
    """For each edge ``v -> v'`` of a counterclockwise polygon, ``(v' - v) x (u - v)``:
    positive on the polygon's side of the edge, 0 on its line.  ``u`` may hold traced
    numbers.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> square = [[F(0), F(0)], [F(1), F(0)], [F(1), F(1)], [F(0), F(1)]]
    >>> [str(x) for x in edge_values(square, [F(1, 2), F(0)])]
    ['0', '1/2', '1', '1/2']
    """
    out = []
    for p, q in zip(polygon, polygon[1:] + polygon[:1]):
        out.append((q[0] - p[0]) * (u[1] - p[1]) - (q[1] - p[1]) * (u[0] - p[0]))
    return out


def edge_exprs(polygon: list, u: list) -> list:
    """:func:`edge_values` as sympy expressions: ``u`` holds sympy expressions, the
    vertices rationals or quadratic irrationals.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> z = sp.Symbol("z")
    >>> square = [[F(0), F(0)], [F(1), F(0)], [F(1), F(1)], [F(0), F(1)]]
    >>> edge_exprs(square, [z, 1 / (z + 1)])
    [1/(z + 1), 1 - z, 1 - 1/(z + 1), z]
    """
    vertices = [[to_sympy(x) for x in p] for p in polygon]
    return edge_values(vertices, u)


def side_point(graph: Graph, polygon: list, z: Fraction, sign: int,
               keep: list | tuple = ()) -> list | None:
    """A rational point strictly inside the counterclockwise ``polygon`` at which the
    conic has the sign ``sign``: the conic's point at the rational ``z`` (strictly inside
    the polygon) moved along ``w`` by ``2**-k``, the first ``k`` from 1 to 60 that keeps
    it inside, and each other conic ``h`` of ``keep = [(h, s), ...]`` at its sign ``s``
    (not 0); None if none does.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> u, v = sp.symbols("u v")
    >>> g = graph_of(sp.Poly(u * v - 1, u, v))
    >>> square = [[F(0), F(0)], [F(4), F(0)], [F(4), F(4)], [F(0), F(4)]]
    >>> [side_point(g, square, F(1), s) for s in (1, -1)]
    [[Fraction(1, 1), Fraction(3, 2)], [Fraction(1, 1), Fraction(1, 2)]]
    """
    base = graph.point(z)
    z_value = base[graph.z]
    step = sign * qsign(graph.b[0] * z_value + graph.b[1])  # q = B(z) (w - w(z))
    for k in range(1, 61):
        u = list(base)
        u[graph.w] = base[graph.w] + Fraction(step, 2**k)
        if all(qsign(x) > 0 for x in edge_values(polygon, u)) and \
                all(qsign(h.value(u)) == s for h, s in keep):
            return u
    return None
