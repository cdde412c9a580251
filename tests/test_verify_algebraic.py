"""verify decides belief sets whose end points come from algebraic coefficients.

Issue 9: on the random two-type game of seed 785 (``_random_game`` of
``test_belief_engine_misses``) both solvers report an equilibrium whose off-path belief
set after ``m1`` is the single point ``mu(A) = (5 - sqrt(21)) / 2``, held there by a
receiver mixture with ``sqrt(10)``, ``sqrt(21)`` and ``sqrt(210)`` in it.  To find the
set's end points verify eliminated the square roots one at a time, and sympy folded the
products back (``sqrt(21) * sqrt(210) = 21 sqrt(10)``): the "rational" multiple still
had irrational coefficients and verify answered "cannot find the real roots ... exactly"
instead of deciding.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any

import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from alliance_games import SignallingGame, belief
from alliance_games.solving.belief_payoffs import solve_belief_game
from alliance_games.verify import verify
from alliance_games.verify_numbers import exact_sign, one_root_form
from alliance_games.verify_sets import _X, _roots01

A, B = belief("A"), belief("B")
R10, R21, R210 = sp.sqrt(10), sp.sqrt(21), sp.sqrt(210)
X0 = (5 - R21) / 2  # the off-path belief mu(A) after m1
LABEL = "A:m2 B:m0+m2 | m0:a0+a1 m1:a0+a1 m2:a0+a1"


def _game() -> SignallingGame:
    """``_random_game(785)`` of ``test_belief_engine_misses``, written out."""
    us = [[[0, -2 * A], [1, 2 * B + 1], [2, 1, 1 - B]],
          [[1, B + 2], [2, 2], [B + 2, 1, 2 * A + 2]]]
    ur = [[[1 - A, -2 * A], [1 - 2 * A, B + 2], [A + 1, -2 * A - 1, -2]],
          [[2 * A - 1, 2 * A - 1], [2 - A, A + 1], [-1, 1, -A - 2]]]
    return SignallingGame.from_arrays(
        [sp.Rational(1, 3), sp.Rational(2, 3)], us, ur, types=["A", "B"],
        messages=["m0", "m1", "m2"], actions=[["a0", "a1"], ["a0", "a1"], ["a0", "a1", "a2"]])


@dataclass(frozen=True)
class PointSet:
    """An off-path belief set ``{mu(A) = x}`` with its constraints and region."""

    x: sp.Expr

    @property
    def constraints(self) -> tuple:
        return (sp.Eq(A, self.x), sp.Eq(A + B, 1))

    @property
    def region(self) -> sp.Set:
        return sp.FiniteSet(self.x)

    def contains(self, mu: dict[str, Any]) -> bool:
        return sp.simplify(sp.sympify(mu["A"]) - self.x) == 0 and \
            sp.simplify(sp.sympify(mu["B"]) - 1 + self.x) == 0

    def example(self) -> dict[str, sp.Expr]:
        return {"A": self.x, "B": 1 - self.x}


@dataclass(frozen=True)
class Eq:
    sender: dict
    receiver: dict
    beliefs: dict
    on_path: frozenset = frozenset({"m0", "m2"})
    kind: str = "hybrid"


def _equilibrium() -> Eq:
    s = R10 / 4  # B's probability of m2
    r1 = R10 / 72 + R210 / 216 + sp.Rational(1, 9) + R21 / 27  # a1 after m1
    r2 = R10 / 18 + sp.Rational(4, 9)  # a0 after m2
    post = sp.Rational(1, 3) / (sp.Rational(1, 3) + sp.Rational(2, 3) * s)  # Bayes at m2
    return Eq(sender={"A": {"m0": 0, "m1": 0, "m2": 1}, "B": {"m0": 1 - s, "m1": 0, "m2": s}},
              receiver={"m0": {"a0": sp.Rational(1, 2), "a1": sp.Rational(1, 2)},
                        "m1": {"a0": 1 - r1, "a1": r1},
                        "m2": {"a0": r2, "a1": 1 - r2, "a2": 0}},
              beliefs={"m0": {"A": 0, "B": 1}, "m1": PointSet(X0),
                       "m2": {"A": sp.radsimp(post), "B": sp.radsimp(1 - post)}})


def test_the_seed_785_equilibrium_is_decided() -> None:
    v = verify(_game(), _equilibrium())
    assert v.ok, v.failures


def test_the_solvers_report_of_seed_785_is_decided() -> None:
    game = _game()
    found = {e.label: e for e in solve_belief_game(game, refine=False)}
    v = verify(game, found[LABEL])
    assert v.ok, v.failures


def _rejected(eq: Eq, *words: str) -> None:
    v = verify(_game(), eq)
    assert not v.ok
    text = " | ".join(v.failures)
    assert "cannot" not in text, v.failures  # decided, not given up on
    for w in words:
        assert w in text, (w, v.failures)


def test_a_perturbed_equilibrium_is_still_rejected() -> None:
    eq = _equilibrium()
    tiny = sp.Rational(1, 10**30)
    # the off-path point moved by a tiny rational: no longer the exact set
    for d in (tiny, -tiny, sp.Rational(1, 1000)):
        _rejected(replace(eq, beliefs={**eq.beliefs, "m1": PointSet(X0 + d)}),
                  "belief set after off-path message m1")
    # the receiver's mixture after m1 is the least a0 that keeps A from sending m1 at
    # the belief: a tiny bit less and A gains (no belief deters it), a tiny bit more is
    # still an equilibrium
    r = eq.receiver["m1"]

    def m1_mixture(d: sp.Expr) -> Eq:
        return replace(eq, receiver={**eq.receiver,
                                     "m1": {"a0": r["a0"] + d, "a1": r["a1"] - d}})

    for d in (-tiny, -sp.Rational(1, 1000)):
        _rejected(m1_mixture(d), "belief set after off-path message m1",
                  "type A gains by sending m1")
    assert verify(_game(), m1_mixture(tiny)).ok
    # B's mixture moved by a tiny rational: Bayes' rule fails at m2
    s = eq.sender["B"]
    _rejected(replace(eq, sender={**eq.sender, "B": {"m0": s["m0"] - tiny, "m1": 0,
                                                     "m2": s["m2"] + tiny}}),
              "Bayes")
    # ... and with the posterior following it, the receiver's and B's indifference break
    s2 = s["m2"] + tiny
    post = sp.Rational(1, 3) / (sp.Rational(1, 3) + sp.Rational(2, 3) * s2)
    _rejected(replace(eq, sender={**eq.sender, "B": {"m0": 1 - s2, "m1": 0, "m2": s2}},
                      beliefs={**eq.beliefs, "m2": {"A": post, "B": 1 - post}}))


# ----------------------------------------------------------------------------- roots


def test_the_roots_of_the_seed_785_deterrence_condition() -> None:
    """The linear condition that failed: coefficients in sqrt(10), sqrt(21), sqrt(210)."""
    x = _X
    e = (2 * x / 9 - 2 * R21 * (1 - x) / 27 - R210 * (1 - x) / 108 - R10 * (1 - x) / 36
         + R10 / 18 + sp.Rational(2, 9))
    roots = _roots01(e)
    assert len(roots) == 1 and exact_sign(roots[0] - X0) == 0
    # the quadratic with the same coefficients goes through the elimination
    roots = _roots01(sp.expand(e * (x - sp.Rational(1, 3)) * (x + R210)))
    assert any(exact_sign(r - X0) == 0 for r in roots)
    assert any(exact_sign(r - sp.Rational(1, 3)) == 0 for r in roots)


def _algebraic(rng: random.Random) -> sp.Expr:
    """A random element of Q(sqrt 2, sqrt 3) written with sqrt(6) too (whose products
    with sqrt(2) and sqrt(3) sympy folds), often rational or zero."""
    terms = [sp.Integer(1), sp.sqrt(2), sp.sqrt(3), sp.sqrt(6)]
    return sum((sp.Rational(rng.randint(-3, 3), rng.randint(1, 4)) * t
                for t in terms if rng.random() < 0.5), sp.Integer(0))


def test_roots_with_algebraic_coefficients_are_found() -> None:
    """``_roots01`` on products ``c (x - r1) ... (x - rk) q(x)`` with algebraic ``c`` and
    ``r_i`` (ties, and roots at 0 and 1, included): every root in [0, 1] is found (the
    answer may hold extra points, which only split [0, 1] more finely), none outside."""
    rng = random.Random(9)
    x = _X
    for _ in range(20):
        roots = []
        for _ in range(rng.randint(1, 2)):
            r = rng.choice([sp.Integer(0), sp.Integer(1), _algebraic(rng),
                            sp.Rational(1, 2) + _algebraic(rng) / 8])
            roots.append(r)
        if rng.random() < 0.3:
            roots.append(roots[0])  # a double root
        c = _algebraic(rng)
        if c == 0:
            c = 1 + sp.sqrt(6)
        q = rng.choice([sp.Integer(1), x**2 + 1, x**2 + sp.sqrt(2)])  # no real roots
        part = sp.expand(c * sp.Mul(*[x - r for r in roots]) * q)
        got = _roots01(part)
        for r in got:
            assert exact_sign(r) >= 0 and exact_sign(r - 1) <= 0
        for r in roots:
            if exact_sign(r) >= 0 and exact_sign(r - 1) <= 0:
                assert any(exact_sign(g - r) == 0 for g in got), (part, r, got)


# roots in their own variable (see tests/test_tower_signs.py: a root object written in
# verify's ``_X`` breaks ``Poly(..., _X)`` of numbers that hold it, in any later test)
_W = sp.Symbol("w")
_IRREDUCIBLE = [_W**3 - _W - 1, 7 * _W**4 - 3 * _W**2 - 1, _W**6 + 3 * _W**5 - _W**2 - 4 * _W + 2]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(range(len(_IRREDUCIBLE))), st.integers(0, 20),
       st.lists(st.integers(-4, 4), min_size=7, max_size=7),
       st.lists(st.integers(-4, 4), min_size=3, max_size=3), st.booleans())
def test_one_root_zero_test_against_the_construction(which, index, p, q, zero):
    """Three-type equilibria live in one root's field, and ``verify`` decides a number
    there by its remainder modulo the root's polynomial (:func:`one_root_form`), not by
    sympy's ``minimal_polynomial`` (which took minutes on the degree-6 fields of a
    survey game).  On random rational functions ``p / q`` of a root ``g`` of an
    irreducible ``f``, made exactly 0 half the time (``p`` a multiple of ``f``): the form
    is 0 exactly when the construction says the number is (``f`` divides ``p``), and
    ``exact_sign`` agrees with 40 digits whenever it is not."""
    f = _IRREDUCIBLE[which]
    roots = sp.Poly(f, _W).all_roots()
    g = [r for r in roots if r.is_real][index % sum(1 for r in roots if r.is_real)]
    num = sp.Add(*[c * _W**i for i, c in enumerate(p)])
    if zero:
        num = sp.expand(num * f)
    den = sp.Add(*[c * _W**i for i, c in enumerate(q)])
    if sp.Poly(den, _W).is_zero or sp.gcd(sp.Poly(den, _W), sp.Poly(f, _W)).degree() > 0:
        den = sp.Integer(1)  # keep the denominator away from 0 at the root
    e = (num / den).xreplace({_W: g})
    if e.is_Rational:  # every coefficient drawn 0 but the constant
        return
    is_zero = sp.Poly(num, _W).rem(sp.Poly(f, _W)).is_zero
    form = one_root_form(e)
    assert (form == 0) == is_zero
    assert (exact_sign(e) == 0) == is_zero
    if not is_zero:
        assert exact_sign(e) == (1 if sp.N(e, 40) > 0 else -1)


# ----------------------------------------------------------------------------- signs

_SURDS = [2, 3, 1065]


def _number(rng: random.Random, g: sp.Expr, h: sp.Expr) -> sp.Expr:
    """A random number in Q(g, h), written the long way: products of sums, a quotient."""
    def small() -> sp.Expr:
        return sp.Rational(rng.randint(-5, 5), rng.randint(1, 4))
    a = small() + small() * g + small() * h
    b = small() + small() * g * h
    c = small() + small() * g
    return a * b / (c if c != 0 else 1 + g**2)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(range(len(_IRREDUCIBLE))),
       st.sampled_from(_SURDS), st.sampled_from(["zero", "near", "any"]))
def test_sign_of_two_roots_against_the_construction(seed, which, surd, kind):
    """``exact_sign`` of numbers built from two roots (a CRootOf and a square root: no one-root
    form, so an interval that holds the number decides a nonzero sign): exact zeros (a
    number minus the same number written otherwise), numbers within ``1e-40`` of 0 (a
    number minus a rational that close to it) and arbitrary ones.  Zero exactly when the
    construction says so; otherwise the sign that 120 digits give."""
    rng = random.Random(seed)
    f = _IRREDUCIBLE[which]
    g = next(r for r in sp.Poly(f, _W).all_roots() if r.is_real)
    h = sp.sqrt(surd)
    e = _number(rng, g, h)
    if kind == "zero":  # a product minus its expansion (sympy folds neither)
        a, b = sp.numer(sp.together(e)), _number(rng, h, g).as_numer_denom()[0]
        x = a * b - sp.expand(a * b)
        assume(x != 0)
    elif kind == "near":
        r = sp.Rational(sp.N(e, 60))  # within 1e-40 of e, not equal (e is irrational)
        x = e - r
    else:
        x = e - _number(rng, g, h)
    truth = 0 if kind == "zero" else (1 if sp.N(x, 120) > 0 else -1)
    if kind != "zero" and x.is_Rational:
        truth = int(bool(x > 0)) - int(bool(x < 0))
    assert exact_sign(x) == truth, x


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(_SURDS), st.booleans())
def test_square_root_numbers_have_a_one_root_form(seed, surd, zero):
    """A rational function of one square root ``sqrt(b)`` (a parameter value such as
    ``37 - sqrt(1065)``, an end of the sea flagship's region) is put as ``c0 + c1 sqrt(b)``:
    equal to the number, and 0 exactly when the number is."""
    rng = random.Random(seed)
    h = sp.sqrt(surd)
    e = _number(rng, h, h**3)
    if zero:
        e = e - sp.radsimp(e)
    form = one_root_form(e)
    if e.is_Rational:  # folded on construction: no root left to reduce by
        assert form is None
        return
    assert form is not None
    assert sp.Poly(form.xreplace({h: _X}), _X).degree() <= 1
    assert (form == 0) == (sp.N(e, 60) == 0 or zero)
    assert sp.simplify(form - sp.radsimp(e)) == 0


def test_a_belief_payoff_at_a_root_is_put_in_its_one_root_form() -> None:
    """A payoff polynomial in the beliefs, at a parameter value that is a root: each
    coefficient is reduced modulo the root's polynomial (degree below the root's), and
    the payoff keeps its value at every belief."""
    g = sp.CRootOf(_W**3 - _W - 1, 0)
    e = (A * (g**5 + 1) / (g + 2) - B * g**7) * (3 - 1 / g)
    form = one_root_form(e, [A, B])
    poly = sp.Poly(form.xreplace({g: _X}), _X, A, B)
    assert poly.degree(_X) <= 2
    for a in (sp.Rational(0), sp.Rational(1, 3), sp.Rational(5, 7)):
        point = {A: a, B: 1 - a}
        assert exact_sign(e.xreplace(point) - form.xreplace(point)) == 0


def test_a_number_that_is_not_real_is_named_briefly() -> None:
    """A failure names the number it could not decide, cut to a line, not 300 kB of
    nested roots (as it did at a degree-8 end of the sea flagship)."""
    big = sp.I * sp.Mul(*[1 + k * sp.sqrt(2) for k in range(1, 60)], evaluate=False)
    with pytest.raises(Exception) as info:
        exact_sign(big)
    assert "not a real number" in str(info.value) and len(str(info.value)) < 400


def test_a_square_root_of_a_number_in_a_roots_field_has_no_one_root_form() -> None:
    """``sqrt(g + 2)`` for a root ``g`` is of degree 6, not in ``g``'s field: no one-root
    form, and no error (sympy's Poly raised PolynomialError out of ``verify`` at an end of
    the sea flagship, where an off-path example belief held such a square root)."""
    g = sp.CRootOf(_W**3 - _W - 1, 0)
    assert one_root_form(sp.sqrt(g + 2)) is None
    assert one_root_form(1 + g * sp.sqrt(3 * g**2 + 1)) is None
    assert exact_sign(sp.sqrt(g + 2) - sp.Rational(9, 5)) == 1  # sqrt(3.3247...) = 1.8233...


def test_a_float_is_never_taken_as_exact() -> None:
    """A float inside a number is refused, not read as the rational it stands for
    (sympy's polynomial fields and ``minimal_polynomial`` both do that)."""
    g = sp.CRootOf(_W**3 - _W - 1, 0)
    assert one_root_form(g * sp.Float(0.5)) is None
    with pytest.raises(Exception, match="float"):
        exact_sign(sp.sqrt(2) - sp.Float(1.4142135623730951))
    with pytest.raises(Exception, match="float"):
        exact_sign(g * sp.Float(0.5) + sp.sqrt(2) * g)
