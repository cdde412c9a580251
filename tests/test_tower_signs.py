"""Signs of numbers in a tower of square roots over one root, decided exactly.

Issue 9: at the sea flagship's region ends the belief sets' end points are roots of
quadratics whose coefficients are in the field of the parameter value ``g`` (a root of
degree 10), and mixtures hold square roots of numbers in ``Q(sqrt(1065))``.  ``verify``
found such roots through a rational multiple of degree 20 and decided their exact zeros
by sympy's ``minimal_polynomial`` of a two-root expression: minutes, or "cannot verify
exactly"; the reported belief set's own ``contains`` built ``Eq(x, y)`` of two such
numbers (a minimal polynomial again, minutes) and answered False when sympy left it
unevaluated.  Now roots of quadratics are written by the formula, and a sign in
``Q(g)(sqrt(D))`` is decided by signs in ``Q(g)``, whose zeros are decided in the root's
field: in the verifier (:func:`alliance_games.verify_numbers._tower_sign`) and, written
separately, in the package's one exact sign (:func:`alliance_games.signs.algebraic_sign`),
which belief sets now use.  Each test forbids sympy's ``minimal_polynomial``, so it shows
the tower decides alone.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games import belief
from alliance_games.beliefs import BeliefSet
from alliance_games.signs import algebraic_sign
from alliance_games.verify_numbers import _tower_form, _tower_sign, exact_sign
from alliance_games.verify_sets import _X, _real_roots

# in their own variable: a root object whose polynomial is written in verify's ``_X``
# (sympy keeps the variable of the first equal root built in the process, whichever test
# built it) made ``Poly(..., _X)`` of a number holding it fail
_W = sp.Symbol("w")
_IRREDUCIBLE = [_W**3 - _W - 1, 7 * _W**4 - 3 * _W**2 - 1, _W**2 - 1065,
                _W**6 + 3 * _W**5 - _W**2 - 4 * _W + 2]


@contextmanager
def _no_minimal_polynomial() -> Iterator[None]:
    def refuse(e: sp.Expr, *args: object, **kwargs: object) -> bool:
        raise AssertionError(f"minimal polynomial needed for {str(e)[:200]}")
    with mock.patch("sympy.minimal_polynomial", refuse):
        yield


def _root(which: int) -> sp.Expr:
    f = _IRREDUCIBLE[which]
    return max(r for r in sp.Poly(f, _W).all_roots() if r.is_real)


def _element(rng: random.Random, g: sp.Expr) -> sp.Expr:
    """A random element of ``Q(g)``, written as a quotient of polynomials in ``g``."""
    def small() -> sp.Expr:
        return sp.Rational(rng.randint(-6, 6), rng.randint(1, 3))
    num = small() + small() * g + small() * g**2
    den = small() + g
    return num / (den if den != 0 else 1 + g**2)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(range(len(_IRREDUCIBLE))),
       st.sampled_from(["root", "square", "near", "any"]))
def test_tower_signs_against_the_construction(seed, which, kind):
    """Numbers in ``Q(g)(sqrt(D))``: a root ``r`` of ``y**2 - b y - c`` (``b, c`` in
    ``Q(g)``) put back in its quadratic (0); ``D`` a square in ``Q(g)`` so that ``r`` is in
    ``Q(g)`` but written with a square root (``r`` minus its value there is 0: the case
    ``a**2 = b**2 D`` of the rule); ``r`` minus a rational within ``1e-40`` of it; ``r``
    in a random polynomial.  Zero exactly when the construction says so, otherwise the
    sign 120 digits give; never by a minimal polynomial."""
    rng = random.Random(seed)
    g = _root(which)
    b = _element(rng, g)
    if kind == "square":
        w = _element(rng, g)
        c = sp.expand(w**2 - b**2) / 4  # D = b**2 + 4 c = w**2
    else:
        c = _element(rng, g) ** 2 + sp.Rational(1, 7)  # D > 0
    sign = rng.choice([-1, 1])
    r = (b + sign * sp.sqrt(sp.expand(b**2 + 4 * c))) / 2
    if kind == "root":
        x, truth = r**2 - b * r - c, 0
    elif kind == "square":
        x = r - (b + sign * (w if sp.N(w, 50) > 0 else -w)) / 2
        truth = 0
    else:
        other = sp.Rational(sp.N(r, 60)) if kind == "near" else (
            _element(rng, g) * r**2 + _element(rng, g) * r + _element(rng, g))
        x = r - other
        truth = 1 if sp.N(x, 120) > 0 else -1
    with _no_minimal_polynomial():
        assert _tower_sign(x) == truth, x
        assert exact_sign(x) == truth, x
        assert algebraic_sign(x) == truth, x


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(range(len(_IRREDUCIBLE))),
       st.sampled_from(["two", "double", "none", "linear"]))
def test_quadratic_roots_over_a_roots_field_by_the_formula(seed, which, kind):
    """``_real_roots`` of a quadratic in ``x`` with coefficients in ``Q(g)``: every root
    it gives is a root (exactly), and there are as many as the construction has (two,
    a double root once, none; a leading coefficient that is 0 written otherwise leaves
    one)."""
    rng = random.Random(seed)
    g = _root(which)
    m, d = _element(rng, g), _element(rng, g) ** 2 + sp.Rational(1, 5)
    lead = _element(rng, g) ** 2 + 1
    quad = {"two": (_X - m) ** 2 - d, "double": (_X - m) ** 2, "none": (_X - m) ** 2 + d,
            "linear": (g**3 - sp.expand(g**3)) * _X**2 + _X - m}[kind]
    part = sp.expand(lead * quad)
    with _no_minimal_polynomial():
        roots = _real_roots(part)
        assert len(roots) == {"two": 2, "double": 1, "none": 0, "linear": 1}[kind]
        for r in roots:
            assert exact_sign(part.xreplace({_X: r})) == 0


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(range(len(_IRREDUCIBLE))))
def test_tower_form_keeps_the_value_and_clears_the_denominator(seed, which):
    """``_tower_form`` writes ``(a + b s) / (c + d s)`` as ``A + B s``: the same number,
    with the square root ``s`` gone from every denominator."""
    rng = random.Random(seed)
    g = _root(which)
    s = sp.sqrt(_element(rng, g) ** 2 + 2)
    e = (_element(rng, g) + _element(rng, g) * s) / (_element(rng, g) ** 2 + 1 + g**2 * s)
    form = _tower_form(e)
    assert form is not None
    assert not any(den.has(sp.Pow) and any(not p.exp.is_Integer for p in den.atoms(sp.Pow))
                   for den in (sp.denom(t) for t in sp.Add.make_args(sp.expand(form))))
    with _no_minimal_polynomial():
        assert exact_sign(form - e) == 0


def test_a_belief_set_at_a_tower_number_contains_it_written_otherwise():
    """A belief set that is one point ``mu(L) = x``, ``x`` a root of a quadratic over a
    root's field: ``contains`` decides the point written another way (its tower form)
    as in the set, and points ``1e-30`` away as not, all without a minimal polynomial."""
    g = _root(3)
    x = (g + sp.sqrt(g**2 + 4 * g + 1)) / (2 * g + 7)
    mu_l, mu_h = belief("L"), belief("H")
    point = BeliefSet(("L", "H"), (sp.Eq(mu_l, x), sp.Eq(mu_l + mu_h, 1)), None, (x, 1 - x))
    other = _tower_form(x)
    assert other != x
    with _no_minimal_polynomial():
        assert point.contains({"L": other, "H": 1 - other})
        for d in (sp.Rational(1, 10**30), -sp.Rational(1, 10**30)):
            assert not point.contains({"L": other + d, "H": 1 - other - d})


def test_square_roots_whose_products_fold_still_end():
    """``sqrt(10)``, ``sqrt(21)`` and ``sqrt(210)`` together: sympy folds ``sqrt(21) *
    sqrt(210)`` back into ``21 sqrt(10)``, so clearing one square root can bring back
    another; such a level is refused (the recursion ran out of memory) and the sign is
    still exact."""
    r10, r21, r210 = sp.sqrt(10), sp.sqrt(21), sp.sqrt(210)
    zero = (r10 + r21 + r210) ** 2 - sp.expand((r10 + r21 + r210) ** 2)
    near = r10 * r21 / 7 + r210 / 5 - sp.Rational(sp.N(12 * r210 / 35, 50))
    for x, truth in ((zero, 0), (near, 1 if sp.N(near, 80) > 0 else -1)):
        assert exact_sign(x) == truth and algebraic_sign(x) == truth


def test_a_square_root_of_zero_in_disguise():
    """``sqrt(D)`` with ``D`` a root's polynomial at the root (0, written otherwise; no
    interval holds its square root): ``b sqrt(D)`` is 0 whatever ``b`` is, and
    ``a + b sqrt(D)`` has the sign of ``a``, in a denominator too.  Until round 57 the
    package's sign proved such a number nonzero but then read its sign from digits, which
    cannot evaluate ``sqrt(D)``: it raised after 20,000 digits; now it reads it in the
    tower, as ``verify`` does."""
    g = _root(0)
    zero = sp.sqrt(g**3 - g - 1)
    cases = ((5 * zero, 0), (zero * (g + 2), 0), (1 - g * zero, 1), (zero - 1, -1),
             (-3 / (g + zero), -1), ((zero - g) / (2 - g**2 * zero), -1))
    with _no_minimal_polynomial():
        for x, truth in cases:
            assert exact_sign(x) == truth, x
            assert algebraic_sign(x) == truth, x
