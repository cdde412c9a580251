"""Sign certificates of traced numbers over several parameters (``Tracer._sign_factors``).

For ``e = a + b*sqrt(R)`` the certificate keeps two of ``a``, ``b`` and
``N = a**2 - b**2*R`` (and ``R``), chosen by their signs at the run's point, instead of all
four.  Checked here against an independent computation: wherever the chosen polynomials
have the signs they have at the point, the element has its sign (decided exactly by a
fresh run at that point), at random rational points near the run's point, near the zeros
of the polynomials, and on a grid; and the chosen set is a subset of the four-part rule it
replaced, so the cells only grow.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.solving.algebraic import algebraic_sign
from alliance_games.solving.line import rational_inside
from alliance_games.solving.ratfunc import poly_sign
from alliance_games.solving.traced import (
    NONZERO,
    Tracer,
    _irreducible,
    certificate_holds,
    clear_caches,
)
from alliance_games.solving.traced_at_root import AlgTracer
from alliance_games.solving.traced_roots import Root, real_roots

p, q = sp.symbols("p q")


def _four_parts(t: Tracer, e, out: set) -> None:
    """The rule before: the signs of ``a``, ``b``, ``N`` and ``R``, recursively."""
    if e.is_zero():
        return
    if not e.radicals():
        c = e.terms[frozenset()]
        out.update(_irreducible(c.numer))
        out.update(_irreducible(c.denom))
        return
    a, b, R = t._split(e)
    for x in (a, b, t._norm_part(a, b, R), R):
        _four_parts(t, x, out)


def _poly(rng: random.Random, degree: int) -> sp.Expr:
    terms = [p ** i * q ** j for i in range(degree + 1) for j in range(degree + 1 - i)]
    return sp.Add(*(rng.randint(-3, 3) * m for m in terms))


def _element(rng: random.Random, x0: tuple) -> sp.Expr | None:
    """A random number with one or two square roots of polynomials positive at ``x0``."""
    at = {p: x0[0], q: x0[1]}
    radicands = []
    for _ in range(rng.choice([1, 2])):
        r = _poly(rng, 2)
        if r.xreplace(at) <= 0:
            r = r - r.xreplace(at) + rng.randint(1, 3)
        radicands.append(r)
    roots = [sp.sqrt(r) for r in radicands]
    expr = _poly(rng, 2) + _poly(rng, 1) * roots[0]
    if len(roots) == 2:
        expr += _poly(rng, 1) * roots[1] + rng.randint(-2, 2) * roots[0] * roots[1]
    return expr


def _points(rng: random.Random, x0: tuple, n: int) -> list[tuple]:
    out = []
    for _ in range(n):
        scale = Fraction(1, rng.choice([1, 2, 8, 64, 4096])) * rng.choice([1, 1, 4])  # near and far
        out.append(tuple(v + scale * Fraction(rng.randint(-64, 64), 64) for v in x0))
    return out


def _certified(rng: random.Random) -> tuple | None:
    """A random number traced at a random point: ``(expr, x0, sign there, the chosen
    factors, the four-part rule's factors)``, None where it is 0."""
    x0 = (Fraction(rng.randint(-8, 8), 4), Fraction(rng.randint(-8, 8), 4))
    expr = _element(rng, x0)
    t = Tracer((p, q), x0)
    x = t.convert(expr)
    s0 = x.sign()
    if s0 == 0:
        return None
    chosen: set = set()
    t._sign_factors(x.elem, chosen)
    old: set = set()
    _four_parts(t, x.elem, old)
    return expr, x0, s0, chosen, old


@pytest.mark.parametrize("seed", range(12))
def test_chosen_signs_fix_the_sign_and_are_a_subset_of_the_four_part_rule(seed):
    rng = random.Random(seed)
    checked = fewer = 0
    for _ in range(15):
        found = _certified(rng)
        if found is None:
            continue
        expr, x0, s0, chosen, old = found
        assert chosen <= old
        fewer += chosen < old
        signs = {f: poly_sign(f, x0) for f in chosen}
        for y in _points(rng, x0, 40):
            if any(poly_sign(f, y) != s for f, s in signs.items()):
                continue
            # an independent exact decision: a fresh run at y (its radicands are positive
            # there: their factors keep their signs)
            assert Tracer((p, q), y).convert(expr).sign() == s0, (expr, x0, y)
            checked += 1
    assert checked >= 30
    assert fewer or seed != 0


def test_the_cells_grow_somewhere():
    """Points where the new certificate holds and the old one does not exist (the change
    is not vacuous), and at each of them the sign is the point's."""
    rng = random.Random(1)
    grown = 0
    for _ in range(60):
        found = _certified(rng)
        if found is None:
            continue
        expr, x0, s0, chosen, old = found
        for y in _points(rng, x0, 30):
            if all(poly_sign(f, y) == poly_sign(f, x0) for f in chosen) and \
                    any(poly_sign(f, y) != poly_sign(f, x0) for f in old):
                assert Tracer((p, q), y).convert(expr).sign() == s0
                grown += 1
    assert grown > 0


def test_sign_of_agrees_with_the_recorded_sign():
    rng = random.Random(2)
    for _ in range(40):
        x0 = (Fraction(rng.randint(-8, 8), 3), Fraction(rng.randint(-8, 8), 5))
        expr = _element(rng, x0)
        t = Tracer((p, q), x0)
        x = t.convert(expr)
        assert t.sign_of(x.elem) == x.sign()


@pytest.mark.parametrize("seed", range(8))
def test_a_number_found_not_zero_is_not_zero_wherever_its_certificate_holds(seed):
    """``is_zero`` records only "not 0": its certificate (NONZERO entries, and the signs
    keeping the radicands positive) must exclude every point where the number vanishes.
    Each number is built to vanish at a chosen rational point (where its radicand is a
    square), and random points are checked too."""
    rng = random.Random(100 + seed)
    excluded = 0
    for _ in range(10):
        ystar = (Fraction(rng.randint(-8, 8), 4), Fraction(rng.randint(-8, 8), 4))
        at = {p: ystar[0], q: ystar[1]}
        r = Fraction(rng.randint(1, 6), rng.randint(1, 3))
        radicand = _poly(rng, 2)
        radicand = radicand - radicand.xreplace(at) + sp.Rational(r.numerator, r.denominator) ** 2
        b = _poly(rng, 1)
        a = _poly(rng, 2)
        a = a - a.xreplace(at) + b.xreplace(at) * sp.Rational(r.numerator, r.denominator)
        expr = a - b * sp.sqrt(radicand)  # 0 at ystar
        for x0 in _points(rng, ystar, 6):
            if radicand.xreplace({p: x0[0], q: x0[1]}) <= 0:
                continue
            t = Tracer((p, q), x0)
            x = t.convert(expr)
            if x.is_zero():
                continue
            cert = t.certificate()
            assert any(s == NONZERO for _, s in cert)
            assert not certificate_holds(cert, ystar), (expr, x0)
            excluded += 1
            for y in _points(rng, x0, 10):
                if certificate_holds(cert, y):
                    assert not Tracer((p, q), y).convert(expr).is_zero()
    assert excluded >= 10


@pytest.mark.parametrize("seed", range(8))
def test_an_inverse_whose_conjugate_vanishes_at_the_point_gives_no_cell(seed):
    """``1/d`` for ``d = a + b sqrt(R)`` whose conjugate ``a - b sqrt(R)`` is 0 at the
    run's rational point (``R`` a square there): written as the conjugate over the norm,
    the inverse has coefficients with a pole at the point, although ``d`` is not 0 there.
    A number holding it has its exact sign at the point, and its certificate (which raised
    ``ZeroDivisionError``) puts the point on a lower-dimensional piece: a sign 0, so no
    cell is claimed, and it holds at the point."""
    rng = random.Random(300 + seed)
    checked = 0
    for _ in range(10):
        ystar = (Fraction(rng.randint(-8, 8), 4), Fraction(rng.randint(-8, 8), 4))
        at = {p: ystar[0], q: ystar[1]}
        r = sp.Rational(rng.randint(1, 6), rng.randint(1, 3))
        radicand = _poly(rng, 2)
        radicand = radicand - radicand.xreplace(at) + r**2
        b = _poly(rng, 1)
        if b.xreplace(at) == 0:
            continue  # then d is 0 at the point too
        a = _poly(rng, 2)
        a = a - a.xreplace(at) + b.xreplace(at) * r  # a - b sqrt(R) = 0 at ystar
        extra = _poly(rng, 1)
        t = Tracer((p, q), ystar)
        x = t.convert(1 / (a + b * sp.sqrt(radicand)) + extra)
        value = 1 / (2 * a.xreplace(at)) + extra.xreplace(at)  # d = 2 a at ystar
        assert x.sign() == sp.sign(value)
        cert = t.certificate()
        assert any(s == 0 for _, s in cert), cert
        assert certificate_holds(cert, ystar)
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize("seed", range(3))
def test_root_comparisons_are_exact(seed):
    """``Root.less`` (isolating intervals cut by exact sign changes) against the exact
    sign of the difference, for roots of random irreducible quadratics and cubics, two
    roots of one polynomial, rationals between and just beside them, and a root compared
    with itself."""
    rng = random.Random(seed)
    t = sp.Symbol("t")
    roots = []
    while len(roots) < 12:
        deg = rng.choice([2, 3])
        poly = sp.Poly([rng.randint(1, 4)] + [rng.randint(-9, 9) for _ in range(deg)], t)
        if poly.is_irreducible and poly.count_roots() > 0:
            roots.extend(real_roots(poly))
    points = [Fraction(rng.randint(-40, 40), rng.randint(1, 9)) for _ in range(6)]
    for r in roots:  # rationals within 10**-9 of each root, on both sides
        mid = Fraction(str(sp.N(r.value, 15).round(12)))
        points += [mid + Fraction(1, 10**9), mid - Fraction(1, 10**9)]
    fresh = {id(r): (r.poly, r.key) for r in roots}
    for r in roots:
        for other in roots:
            truth = algebraic_sign(r.value - other.value) < 0
            assert r.less(other) == truth, (r.value, other.value)
        for x in points:
            assert r.less(x) == (algebraic_sign(r.value - sp.Rational(x)) < 0), (r.value, x)
            assert Root.of(sp.Rational(x)).less(r) == \
                (algebraic_sign(sp.Rational(x) - r.value) < 0), (x, r.value)
        assert (r.poly, r.key) == fresh[id(r)]  # (refining keeps the root's identity)


@pytest.mark.parametrize("seed", range(6))
def test_division_where_a_conjugate_vanishes_at_an_algebraic_point(seed):
    """At a root ``r`` of an irreducible quadratic or cubic, ``a = c + d sqrt(R)`` with
    ``R = (c/d)**2 + k * minpoly`` (so ``sqrt(R(r)) = |c(r)/d(r)|``): one of ``a`` and its
    conjugate vanishes at ``r``, and the norm ``c**2 - d**2 R`` with it, so the usual
    inverse (conjugate over norm) has a pole there.  ``AlgTracer`` divides by the one
    that does not vanish exactly (its value against 50 digits), and refuses the other
    (``line_game(124, 2)`` of ``tests/_random_games.py`` crashed at such a point, and
    signs of the pole's coefficients read as 0 before)."""
    rng = random.Random(seed)
    while True:
        deg = rng.choice([2, 3])
        poly = sp.Poly([rng.randint(1, 3)] + [rng.randint(-5, 5) for _ in range(deg)], p)
        roots = [x for x in real_roots(poly) if x.poly is not None] \
            if poly.is_irreducible else []
        if roots:
            break
    root = rng.choice(roots)
    value = sp.N(root.value, 50)
    c, d = rng.randint(-4, 4) + rng.randint(1, 3) * p, rng.choice([1, 2, p + 5])
    radicand = sp.expand((c / d) ** 2 + rng.randint(1, 3) * root.poly.as_expr().subs(
        root.poly.gen, p) ** 2)
    t = AlgTracer(p, root)
    for sign in (1, -1):
        a = t.convert(c + sign * d * sp.sqrt(radicand))
        exact = (c + sign * d * sp.sqrt(radicand)).subs(p, value)
        if abs(sp.N(exact, 50)) < sp.Float(10) ** -30:
            assert a.sign() == 0
            with pytest.raises(ZeroDivisionError):
                t.inverse(a.elem)
            continue
        inv = t.to_sympy(t.inverse(a.elem))
        assert abs(sp.N(inv.subs(p, value), 50) - 1 / sp.N(exact, 50)) < sp.Float(10) ** -30


@pytest.mark.parametrize("seed", range(4))
def test_polynomial_signs_at_an_algebraic_point_against_the_algebraic_backend(seed):
    """``AlgTracer`` decides the sign of a polynomial at a root of an irreducible
    polynomial (degree 2 to 4) by its remainder and an interval enclosure refined until
    it leaves out 0.  Checked against the general backend (``algebraic_sign``), on random
    polynomials, multiples of the root's polynomial (0 there), and ones that are very
    small there (a multiple plus ``10**-12``, the rational nearest the root).  The
    reference takes sympy's remainder by the root's polynomial and decides its sign at
    the root with ``algebraic_sign``."""
    rng = random.Random(seed)
    while True:
        deg = rng.choice([2, 3, 4])
        poly = sp.Poly([rng.randint(1, 3)] + [rng.randint(-6, 6) for _ in range(deg)], p)
        roots = [x for x in real_roots(poly) if x.poly is not None] \
            if poly.is_irreducible else []
        if roots:
            break
    minpoly = poly.as_expr()
    for root in roots:
        near = sp.Rational(str(sp.N(root.value, 30).round(20)))
        exprs = [minpoly * (p - rng.randint(-3, 3)), p - near, minpoly + sp.Rational(1, 10**12),
                 minpoly ** 2 - sp.Rational(1, 10**15), (p - near) * minpoly + p ** 5]
        exprs += [sum(rng.randint(-5, 5) * p ** k for k in range(rng.randint(1, 6)))
                  for _ in range(8)]
        t = AlgTracer(p, Root(root.value, root.poly, root.a, root.b, root.key))
        for e in exprs:
            # (the reference reduces by sympy's remainder first, as its sign rule needs)
            exact = sp.rem(sp.expand(e), minpoly, p).subs(p, root.value)
            assert t.convert(sp.expand(e)).sign() == algebraic_sign(exact), e


@pytest.mark.parametrize("seed", range(3))
def test_floor_and_ceil_of_roots_are_exact(seed):
    """``Root.floor`` and ``Root.ceil`` of ``scale * root`` against sympy's exact
    ``floor``/``ceiling`` of the algebraic number, for roots of random irreducible
    quadratics and cubics (some within 10**-9 of a multiple of ``1/scale``), rationals
    and integers."""
    rng = random.Random(seed)
    t = sp.Symbol("t")
    roots = [Root.of(sp.Rational(rng.randint(-50, 50), rng.choice([1, 2, 7]))) for _ in range(6)]
    while len(roots) < 18:
        deg = rng.choice([2, 3])
        poly = sp.Poly([rng.randint(1, 4)] + [rng.randint(-9, 9) for _ in range(deg)], t)
        if poly.is_irreducible and poly.count_roots() > 0:
            roots.extend(real_roots(poly))
    for k in (1, 2):  # (t - k/997)**2 - 10**-18: roots 10**-9 beside a grid point
        near = sp.Poly((t - sp.Rational(k, 997)) ** 2 - sp.Rational(1, 10 ** 18), t)
        roots.extend(real_roots(near))
    for r in roots:
        for scale in (1, 10, 997, 9970):
            x = scale * r.value
            assert r.floor(scale) == int(sp.floor(x)), (r.value, scale)
            assert r.ceil(scale) == int(sp.ceiling(x)), (r.value, scale)


def test_shared_roots_keep_their_identity_and_only_narrow():
    """:func:`real_roots` returns the same roots each time; refining one through a
    comparison narrows the interval every later use sees, which keeps holding the root.
    From a cold cache: the root cache is process-wide, and an earlier test in the same
    process may have refined this root already below the width the comparisons need, so
    that they do not narrow it (seen when the whole suite ran in one xdist worker)."""
    clear_caches()
    t = sp.Symbol("t")
    poly = sp.Poly(t ** 3 - 3 * t - 1, t)
    first = real_roots(poly)
    again = real_roots(poly)
    assert all(a is b for a, b in zip(first, again)) and first is not again
    r = first[2]
    width = r.hi - r.lo
    assert not r.less(Fraction(1879385241, 10 ** 9)) and r.less(Fraction(1879385242, 10 ** 9))
    assert real_roots(poly)[2].hi - real_roots(poly)[2].lo < width
    assert r.lo < r.value < r.hi and sp.Poly(poly, t).eval(r.lo) * poly.eval(r.hi) < 0


@pytest.mark.parametrize("seed", range(3))
def test_a_point_between_two_roots_does_not_depend_on_their_intervals(seed):
    """:func:`.line.rational_inside` draws from the grid points strictly between the two
    numbers, so the same draw gives the same point however far the roots' intervals were
    refined (shared roots are refined by every use), and the point lies between them."""
    rng = random.Random(seed)
    t = sp.Symbol("t")
    roots = [Root.of(sp.Rational(rng.randint(-20, 20), 7)), Root.of(-sp.oo), Root.of(sp.oo)]
    while len(roots) < 12:
        poly = sp.Poly([rng.randint(1, 4)] + [rng.randint(-9, 9) for _ in range(2)], t)
        if poly.is_irreducible and poly.count_roots() > 0:
            roots.extend(Root(r.value, r.poly, r.a, r.b, r.key) for r in real_roots(poly))
    roots.append(Root.of(roots[3].a))  # (an end of an isolating interval)
    for a in roots:
        for b in roots:
            if not a.less(b):
                continue
            first = rational_inside(a, b, random.Random(seed))
            for r in (a, b):
                for _ in range(rng.randint(0, 40)):
                    r.refine()
            assert rational_inside(a, b, random.Random(seed)) == first, (a.value, b.value)
            assert a.less(first) and Root.of(sp.Rational(first)).less(b)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**9))
def test_radicands_differing_by_a_rational_square_share_one_radical(seed):
    """Squares of primes above 1000 stay in radicands; such a radicand is the square of
    a rational times a radical met before (or a square): the root is that multiple, so
    an element whose conjugate vanishes (``1 + sqrt(k**2)/k = 2``) can be inverted."""
    rng = random.Random(seed)
    p = sp.Symbol("p")
    big = rng.choice([1009, 1657, 65537, 999983]) * rng.choice([1, 1013, 7919])
    k = sp.Rational(big, rng.randint(1, 9))
    m = rng.choice([2, 3, 5, 6, 7])
    f = p**2 + rng.randint(1, 9) * p + rng.randint(20, 40)  # positive for p >= 0
    t = Tracer(p, Fraction(rng.randint(0, 9), 7))
    x = t.convert(m * f).sqrt()
    y = t.convert(sp.expand(k**2 * m * f)).sqrt()
    assert (y - t.convert(k) * x).identically_zero()
    root = t.convert(sp.Integer(big**2)).sqrt()
    assert not root.elem.radicals() and root.value == big
    w = 1 + root / big  # = 2
    assert (1 / w - t.convert(sp.Rational(1, 2))).identically_zero()
