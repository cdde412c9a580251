"""Resultants and discriminants of polynomials with rational coefficients, the projection
step of the cylindrical decompositions in :mod:`.semialgebraic`.

sympy's ``resultant`` and ``discriminant`` up to sign (expanded), computed by python-flint's
multivariate rational polynomials when it is installed (the ``fast`` extra; C arithmetic: a
four-type survey game spent 135 of 300 s in sympy's subresultants of two-variable
polynomials; ``benchmarks/bench_resultants.py``), else by sympy.  The sign can differ:
flint's is the textbook one (``Res(y - 1, g) = g(1)``), sympy's is not always (it gives
``-2`` for ``Res(y, y**3 + 2)``).  The decompositions use only their zeros.
``tests/test_resultants.py`` compares the two on random polynomials.  Where ``v`` has degree
below 1 (below 2 for a discriminant), sympy computes it, as its conventions for those cases
are the ones kept.

Examples
--------
>>> import sympy as sp
>>> x, y = sp.symbols("x y")
>>> resultant(x * y - 1, y**2 - x, y)
1 - x**3
>>> discriminant(y**2 + x * y + 1, y)
x**2 - 4
"""

from __future__ import annotations

import sympy as sp
from sympy import QQ
from sympy.polys.polyutils import expr_from_dict

# the package's one python-flint switch: ``ratfunc.BACKEND`` is ``"flint"`` when it is
# installed and ``ALLIANCE_GAMES_RATFUNC=sympy`` is not set, ``flint`` None without it
from .ratfunc import BACKEND, flint

__all__ = ["BACKEND", "discriminant", "resultant", "resultant_poly"]


def resultant(f: sp.Expr, g: sp.Expr, v: sp.Symbol, backend: str | None = None) -> sp.Expr:
    """The resultant of ``f`` and ``g`` with respect to ``v``, expanded (sympy's
    ``resultant`` up to sign).

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> resultant(x * y**2 / 3 + 3 * x - y, y - x, y)
    x**3/3 + 2*x
    """
    if _backend(backend) == "sympy" or min(_degree(f, v), _degree(g, v)) < 1:
        return sp.expand(sp.resultant(f, g, v))
    gens, (pf, pg) = _to_flint((f, g), v)
    return _from_flint(pf.resultant(pg, "g0"), gens)


def resultant_poly(f: sp.Poly, g: sp.Poly, v: sp.Symbol, backend: str | None = None) -> sp.Poly:
    """:func:`resultant` of two polynomials in the same generators (rational
    coefficients), as a polynomial in the others, with no expression built on the way
    (the fibers of the decompositions take one per sample abscissa, of degree in the
    hundreds).

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> resultant_poly(sp.Poly(x**2 - 2, x, y), sp.Poly(x * y - 1, x, y), x)
    Poly(-2*y**2 + 1, y, domain='QQ')
    """
    gens = tuple(u for u in f.gens if u != v)
    if _backend(backend) == "sympy" or min(f.degree(v), g.degree(v)) < 1:
        return sp.Poly(resultant(f.as_expr(), g.as_expr(), v, backend), *gens, domain="QQ")
    order = [f.gens.index(u) for u in (v, *gens)]
    ctx = flint.fmpq_mpoly_ctx.get(tuple(f"g{i}" for i in range(len(order))), "lex")
    pf, pg = (ctx.from_dict({tuple(m[i] for i in order): flint.fmpq(int(c.p), int(c.q))
                             for m, c in h.terms()}) for h in (f, g))
    terms = {m[1:]: QQ(int(c.p), int(c.q)) for m, c in pf.resultant(pg, "g0").to_dict().items()}
    return sp.Poly.from_dict(terms, *gens, domain="QQ") if terms else \
        sp.Poly(0, *gens, domain="QQ")


def discriminant(f: sp.Expr, v: sp.Symbol, backend: str | None = None) -> sp.Expr:
    """The discriminant of ``f`` with respect to ``v``, expanded (sympy's
    ``discriminant`` up to sign).

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> discriminant(x * y**2 - y + 3, y)
    1 - 12*x
    """
    if _backend(backend) == "sympy" or _degree(f, v) < 2:
        return sp.expand(sp.discriminant(f, v))
    gens, (pf,) = _to_flint((f,), v)
    return _from_flint(pf.discriminant("g0"), gens)


def _backend(backend: str | None) -> str:
    backend = backend or BACKEND
    if backend not in ("flint", "sympy") or (backend == "flint" and flint is None):
        raise ValueError(f"no polynomial backend {backend!r} here")
    return backend


def _degree(e: sp.Expr, v: sp.Symbol) -> int:
    """The degree of ``e`` in ``v`` (-oo as -1 for 0): below 1 (2 for a discriminant)
    sympy's conventions apply, where flint's differ or it raises."""
    return max(sp.degree(e, v), -1)


def _to_flint(exprs: tuple, v: sp.Symbol) -> tuple[tuple, list]:
    """``v`` and the other unknowns of ``exprs`` (``v`` first, named ``g0, g1, ...`` in
    flint's context: two symbols may share a name), and each expression as a flint
    polynomial with rational coefficients in them."""
    others = sorted(set().union(*(sp.sympify(e).free_symbols for e in exprs)) - {v},
                    key=sp.default_sort_key)
    gens = (v, *others)
    ctx = flint.fmpq_mpoly_ctx.get(tuple(f"g{i}" for i in range(len(gens))), "lex")
    out = []
    for e in exprs:
        terms = sp.Poly(e, *gens, domain="QQ").as_dict()
        out.append(ctx.from_dict({m: flint.fmpq(int(c.numerator), int(c.denominator))
                                  for m, c in terms.items()}))
    return gens, out


def _from_flint(p, gens: tuple) -> sp.Expr:
    """A flint polynomial in ``g0, g1, ...`` as a sympy expression in ``gens``."""
    terms = {m: sp.Rational(int(c.p), int(c.q)) for m, c in p.to_dict().items()}
    return expr_from_dict(terms, *gens) if terms else sp.Integer(0)
