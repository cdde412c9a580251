"""The lex basis by linear algebra (:func:`.lexbasis.lex_basis`), the exact sign of a
polynomial at a root object (:func:`.algebraic.root_sign`) and the solutions read off a
lex basis at an irrational root (``simplex_systems._triangular``), each against an
independent computation on random inputs:

- ``lex_basis`` against sympy's FGLM, member for member, on random zero-dimensional
  ideals in two and three unknowns, over the integers and the rationals, in shape
  position and not (both routes are taken);
- ``root_sign`` against :func:`.algebraic.algebraic_sign` of the expression, on random
  polynomials at random real roots and on near-zeros (a polynomial through a rational
  within ``10**-12`` of the root), and against the sign known by construction on planted
  zeros and ones (the root's own polynomial times another, plus 0 or 1);
- ``_triangular`` against ``_shape_solutions`` (a separate route: a separating linear
  form, its own basis and root objects) on random bases ``x - a(y)``, ``f(y)``: the same
  points in the box, compared by value.
"""

from __future__ import annotations

import sympy as sp
from hypothesis import event, given, settings
from hypothesis import strategies as st

from alliance_games.solving import simplex_backend, simplex_systems
from alliance_games.solving.algebraic import algebraic_sign, root_sign
from alliance_games.solving.lexbasis import lex_basis

x, y, z = sp.symbols("x y z")
R = sp.Rational

small = st.integers(-3, 3)


def _poly(coeffs: list[int], gens: tuple, degree: int) -> sp.Expr:
    """A polynomial of total degree below ``degree`` with the given coefficients."""
    monomials = sorted(sp.itermonomials(gens, degree - 1), key=sp.default_sort_key)
    return sp.Add(*(c * m for c, m in zip(coeffs, monomials)))


@settings(max_examples=60, deadline=None)
@given(st.lists(small, min_size=30, max_size=30), st.integers(2, 3), st.booleans(),
       st.booleans())
def test_lex_basis_is_fglms(coeffs, n, rational, symmetric):
    """Each unknown's square plus lower terms (zero-dimensional: the squares lead in the
    graded order); ``symmetric`` makes the last unknown a square root of the others'
    (``y**2`` only), so that it does not separate the solutions and FGLM answers."""
    gens = (x, y, z)[:n]
    chunk = 10 if n == 3 else 3
    eqs = []
    for i, v in enumerate(gens):
        low = _poly(coeffs[i * chunk:(i + 1) * chunk], gens, 2)
        eqs.append(v**2 + (low if not (symmetric and v == gens[-1]) else coeffs[0]))
    if rational:
        eqs = [e / 7 + R(1, 3) * gens[0] for e in eqs]
    G = sp.groebner(eqs, *gens, order="grevlex")
    if list(G.exprs) == [1]:
        return
    mine = lex_basis(G)
    last = gens[-1]
    event("shape position" if len(mine) == n and all(
        sp.Poly(g, *gens).degree(gens[i]) == 1 and sp.Poly(g, *gens).degree(last) <
        sp.Poly(mine[-1], *gens).degree(last) for i, g in enumerate(mine[:-1]))
        else "other")
    assert mine == list(G.fglm("lex").exprs)


@st.composite
def _root_and_polynomial(draw):
    """A real root object of an irreducible cubic or quintic, a polynomial and its sign
    there when known by construction: random or through a rational within ``10**-12`` of
    the root (sign unknown), or a multiple of the root's polynomial plus nothing (0) or
    1 (1)."""
    degree = draw(st.sampled_from([3, 5]))
    f = x**degree + sp.Add(*(draw(st.integers(-4, 4)) * x**k for k in range(degree)))
    f = sp.Poly(f, x)
    if not f.is_irreducible or f.count_roots() == 0:
        f = sp.Poly(x**3 - 3 * x - 1, x)  # three real roots, irreducible
    r = sp.CRootOf(f, draw(st.integers(0, f.count_roots() - 1)))
    kind = draw(st.sampled_from(["random", "near", "zero", "one"]))
    if kind == "random":
        return kind, sp.Poly(sp.Add(*(draw(small) * x**k
                                      for k in range(draw(st.integers(1, 7))))), x), r, None
    if kind == "near":
        c = sp.nsimplify(sp.Float(r.evalf(40), 40), rational=True, tolerance=R(1, 10**13))
        return kind, sp.Poly((x - c) * (x**2 + draw(st.integers(0, 3))), x), r, None
    q = sp.Poly(x**2 + draw(small) * x + 5, x)
    return kind, f * q + (0 if kind == "zero" else 1), r, int(kind == "one")


@settings(max_examples=80, deadline=None)
@given(_root_and_polynomial())
def test_root_sign_is_algebraic_sign(case):
    """The sign known by construction, else :func:`.algebraic.algebraic_sign`'s (whose
    exact zero test, a minimal polynomial, is slow on the planted zeros)."""
    kind, p, r, known = case
    event(kind)
    expected = known if known is not None else algebraic_sign(p.as_expr().xreplace({x: r}))
    assert root_sign(p, r) == expected


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-6, 6), min_size=3, max_size=3),
       st.lists(st.integers(-3, 3), min_size=3, max_size=3), st.integers(1, 8))
def test_triangular_agrees_with_the_shape_route(f_coeffs, a_coeffs, scale):
    """``f(y)`` a quartic negative at 0 and positive at 1 (a root in ``(0, 1)``, most
    often irrational), and ``(2 + y**2) (x - 1/2 - a(y) / scale)`` with ``a`` quadratic
    (linear in ``x``, its coefficient not 1): the irrational points in the box from
    ``_triangular`` (one root at a time) and from ``_shape_solutions`` agree in number
    and, to 30 digits, in value; each satisfies the basis exactly."""
    lead = 8 + abs(1 - sum(f_coeffs))
    f = -1 + sp.Add(*(c * y**(k + 1) for k, c in enumerate(f_coeffs))) + lead * y**4
    a = sp.Add(*(c * y**k for k, c in enumerate(a_coeffs))) / scale + R(1, 2)
    basis = [sp.expand((2 + y**2) * (x - a)), f]
    roots = [r for r in dict.fromkeys(sp.Poly(f, y).real_roots())
             if not r.is_Rational and simplex_backend.in_unit_interval(r, False)]
    mine = [pt for r in roots for pt in simplex_systems._triangular(basis, [x, y], r)]
    theirs = [pt for pt in simplex_systems._shape_solutions(basis, [x, y])
              if not pt[-1].is_Rational]
    event(f"{len(mine)} points")
    event("a root object" if any(isinstance(r, sp.CRootOf) for r in roots) else "radicals")

    def values(points):
        return sorted(tuple(round(float(sp.N(c, 30)), 12) for c in pt) for pt in points)

    assert values(mine) == values(theirs)
    for pt in mine:
        assert all(algebraic_sign(g.xreplace(dict(zip([x, y], pt)))) == 0 for g in basis)


@settings(max_examples=40, deadline=None)
@given(_root_and_polynomial(), st.lists(small, min_size=2, max_size=2))
def test_the_simplex_sign_of_a_quotient_in_one_root(case, den):
    """``simplex_backend.ALG.sign`` of ``p(r) / d(r)`` (``d`` linear, not 0 at ``r``):
    the quotient is reduced to one polynomial in ``r`` and signed by ``root_sign``; the
    reference is the sign of ``p`` (known, or :func:`.algebraic.algebraic_sign`) times
    the sign of ``d`` at ``r`` (:func:`.algebraic.algebraic_sign`)."""
    kind, p, r, known = case
    d = (den[0] or 1) * x + den[1] + R(1, 3)
    value = p.as_expr().xreplace({x: r}) / d.xreplace({x: r})
    expected = known if known is not None else algebraic_sign(p.as_expr().xreplace({x: r}))
    assert simplex_backend.ALG.sign(value) == expected * algebraic_sign(d.xreplace({x: r}))
