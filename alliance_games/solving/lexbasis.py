"""The lex Groebner basis of a zero-dimensional ideal, from a basis in another order.

The exact solver reads the solutions of a polynomial system off its lex basis (a
triangular set: one member in the last unknown alone, the others above it).  A graded
(``grevlex``) basis is far cheaper to compute, and FGLM converts it; sympy's FGLM
(``GroebnerBasis.fglm``) does its linear algebra on Python lists, 39 s for an ideal of
72 solutions (quadratic survey game 47).

When the powers ``1, x, ..., x^(D-1)`` of the last unknown ``x`` are a basis of the
quotient ring (``D`` its dimension: the ideal is in *shape position*, the case for
almost every ideal whose solutions ``x`` separates), the lex basis is ``x^D - c(x)`` and
``y - a_y(x)`` for every other unknown ``y``: ``c`` and each ``a_y`` solve one linear
system whose columns are the normal forms of those powers, and whose right-hand sides are
those of ``x^D`` and of each ``y``.  That takes 1.1 s on the same ideal with sympy's
:class:`~sympy.polys.matrices.DomainMatrix`.  Every other ideal goes to FGLM.
"""

from __future__ import annotations

import sympy as sp
from sympy.polys.matrices import DomainMatrix
from sympy.polys.matrices.exceptions import DMNonInvertibleMatrixError
from sympy.polys.rings import PolyRing

__all__ = ["lex_basis"]


def lex_basis(G: sp.GroebnerBasis) -> list[sp.Expr]:
    """The reduced lex Groebner basis of the zero-dimensional ideal with Groebner basis
    ``G`` (any order, not the unit ideal), lex in ``G.gens`` (the last the smallest), as
    ``G.fglm("lex")`` gives it: members monic, or with denominators cleared when ``G`` is
    over the integers; sorted by leading monomial, largest first.

    In shape position (see the module's text) it is built from the Krylov basis of
    multiplication by the last unknown; otherwise it is ``G.fglm("lex")``.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> G = sp.groebner([x**2 + y**2 - 1, 3 * x - y], x, y, order="grevlex")
    >>> lex_basis(G)
    [3*x - y, 10*y**2 - 9]
    >>> lex_basis(G) == list(G.fglm("lex").exprs)
    True

    Where ``y`` does not separate the solutions (``(1, 1)`` and ``(-1, 1)``) FGLM
    answers:

    >>> lex_basis(sp.groebner([x**2 - 1, y - 1], x, y, order="grevlex"))
    [x**2 - 1, y - 1]
    """
    if not G.is_zero_dimensional:
        raise ValueError("lex_basis needs a zero-dimensional ideal")
    gens, domain = G.gens, G.domain
    field = domain.get_field()
    ring = PolyRing(gens, field, G.order)
    basis = [ring.from_dict(p.as_dict()) for p in G.polys]
    standard = _standard_monomials([g.LM for g in basis], len(gens))
    shape = _shape_position(ring, basis, standard)
    if shape is None:
        return list(G.fglm("lex").exprs)
    out = [sp.Poly(member, *gens, domain=field) for member in shape]
    if not domain.is_Field:
        out = [p.clear_denoms(convert=True)[1] for p in out]
    return [p.as_expr() for p in out]


def _standard_monomials(leads: list[tuple], n: int) -> list[tuple]:
    """The exponent vectors that no leading monomial divides (a basis of the quotient
    ring, finite for a zero-dimensional ideal): every divisor of a standard monomial is
    one, so they are reached from ``1`` one unknown at a time."""
    def standard(m):
        return not any(all(a >= b for a, b in zip(m, lead)) for lead in leads)

    start = (0,) * n
    found, todo, seen = [], [start], {start}
    while todo:
        m = todo.pop()
        if not standard(m):
            continue
        found.append(m)
        for i in range(n):
            up = m[:i] + (m[i] + 1,) + m[i + 1:]
            if up not in seen:
                seen.add(up)
                todo.append(up)
    return sorted(found)


def _shape_position(ring: PolyRing, basis: list, standard: list[tuple]) -> list | None:
    """``[y_1 - a_1(x), ..., x^D - c(x)]`` (sympy expressions) when the powers of the
    last unknown ``x`` below ``D = len(standard)`` are independent modulo the ideal; None
    when they are not.  ``basis`` is a Groebner basis in ``ring``'s order."""
    n, size = ring.ngens, len(standard)
    index = {m: i for i, m in enumerate(standard)}
    field = ring.domain

    def normal_form(p) -> list:
        v = [field.zero] * size
        for m, c in p.rem(basis).terms():
            v[index[m]] = c
        return v

    def column(vectors: list[list]) -> DomainMatrix:
        return DomainMatrix([list(row) for row in zip(*vectors)], (size, len(vectors)),
                            field)

    x = ring.gens[-1]
    times_x = column([normal_form(ring({m: field.one}) * x) for m in standard])
    power = column([normal_form(ring.one)])
    powers = [power]
    for _ in range(size):
        power = times_x * power
        powers.append(power)
    krylov = DomainMatrix.hstack(*powers[:size])
    rhs = DomainMatrix.hstack(powers[size], *(column([normal_form(y)])
                                              for y in ring.gens[:-1]))
    try:
        solved = krylov.lu_solve(rhs).to_Matrix()
    except DMNonInvertibleMatrixError:
        return None
    sym = ring.symbols
    t = sym[-1]

    def in_x(j: int) -> sp.Expr:
        return sp.Add(*(solved[k, j] * t**k for k in range(size)))

    return [*(sym[i] - in_x(1 + i) for i in range(n - 1)), t**size - in_x(0)]
