"""An independent checker of perfect Bayesian equilibria of signalling games.

:func:`verify` re-derives, from the game's payoff arrays alone and in exact rational
arithmetic, every condition a reported equilibrium must satisfy: strategies are
probability distributions over available moves, on-path beliefs follow Bayes' rule, every
sender type and the receiver after every message best-respond, and each off-path belief
set is nonempty and is exactly the set of beliefs at which the receiver's reported play is
optimal.  It shares no code with the solvers (nothing from ``alliance_games.solving`` or
``alliance_games.solving.refinements`` is imported): off-path belief sets are recomputed here by
an independent exact vertex enumeration (a union of intervals with exact algebraic end
points for two types and belief-dependent payoffs) and compared with the reported set as
sets; a reported family of equilibria is checked for every member at once with an exact
linear program (:mod:`alliance_games.verify_lp`), since for fixed supports every
equilibrium condition is linear in the free probabilities, and its reported ranges must
be the exact ranges of its members.

References
----------
Fudenberg, D. & Tirole, J. (1991), *Game Theory*, Section 8.2 (perfect Bayesian
equilibrium in signalling games).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key
from itertools import combinations
from typing import Any

import sympy as sp
from mpmath.ctx_iv import MPIntervalContext
from sympy.polys.fields import FracElement, field

from .errors import AllianceGamesError, InvalidGameError, ParameterError
from .expr_walk import atoms_of, substitute
from .game import SignallingGame
from .verify_lp import Polytope, Row, minimize, strictly_feasible
from .verify_radicals import radical_sign

__all__ = ["Verification", "VerificationError", "verify", "classify_sender_strategy"]

_GRID_DENOMINATOR = {1: 1, 2: 8, 3: 6, 4: 4}


class VerificationError(AllianceGamesError):
    """A reported equilibrium failed :func:`verify`; the message lists every failure."""


@dataclass(frozen=True)
class Verification:
    """Outcome of :func:`verify`: ``ok`` and the human-readable reasons it is not.

    Truthy exactly when the equilibrium passed every check.

    Examples
    --------
    >>> v = Verification(ok=False, failures=("type weak gains by deviating",))
    >>> bool(v)
    False
    >>> v.raise_if_failed()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    alliance_games.verify.VerificationError: equilibrium failed verification: type weak ...
    """

    ok: bool
    failures: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.ok

    def raise_if_failed(self) -> None:
        """Raise :class:`VerificationError` listing the failures, if there are any."""
        if not self.ok:
            raise VerificationError(
                "equilibrium failed verification: " + "; ".join(self.failures)
            )


# ----------------------------------------------------------------------------- numbers


class _NotExact(Exception):
    """A value that is not an exact number (or whose sign cannot be decided exactly)."""


_Z = sp.Dummy("z")


def _sign(e: sp.Expr) -> int:
    """The exact sign of a real algebraic number.

    A rational function of one root is first put in its one-root form, which is 0 only
    for 0 (:func:`_one_root_form`).  A nonzero sign is read from an interval that
    certainly holds the number (:func:`_enclosure`), narrowed until it excludes 0.  A
    number that a first interval does not separate from 0 and that holds square roots is
    decided over a coprime base of their radicands when they are rationals
    (:func:`.verify_radicals.radical_sign`), else in their tower, by signs one level down
    (:func:`_tower_sign`); only a number neither settles goes to the exact zero test (its
    minimal polynomial), and a nonzero one there to sympy's ``evalf``, which tracks its
    error.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> g = sp.CRootOf(x**3 - x - 1, 0)
    >>> _sign(g**3 - g - 1), _sign(g - sp.Rational(4, 3)), _sign(sp.sqrt(2) * sp.sqrt(3) - 2)
    (0, -1, 1)
    """
    if e.is_Rational:
        return int(e.p > 0) - int(e.p < 0)
    if e.has(sp.Float):
        raise _NotExact(f"{_short_expr(e)} is not exact (it holds a float)")
    form = _one_root_form(e)
    if form is not None:
        e = form
        if e.is_Rational:
            return int(e.p > 0) - int(e.p < 0)
    for bits in (64, 256, 1024):
        try:
            box = _enclosure(e, bits)
        except _NoEnclosure:  # e.g. the square root of an interval around 0
            box = None
        if box is not None and box.a > 0:
            return 1
        if box is not None and box.b < 0:
            return -1
        if bits == 64 and form is None:  # near 0: exact over square roots of rationals,
            # or in a tower of square roots
            exact = radical_sign(e)
            if exact is None:
                exact = _tower_sign(e)
            if exact is not None:
                return exact
        if box is None:
            break
    if form is None and _is_zero(e):
        return 0
    e = sp.expand(e)  # nonzero from here: evalf, which tracks its error, gives the sign
    if e.is_Rational:
        return int(e.p > 0) - int(e.p < 0)
    for digits in (30, 100):
        try:
            v = e.evalf(digits, strict=True)
        except Exception:  # PrecisionExhausted
            continue
        if not v.is_comparable:
            raise _NotExact(f"{_short_expr(e)} is not a real number")
        if not v.is_zero:
            return 1 if v > 0 else -1
    raise _NotExact(f"cannot decide the sign of {_short_expr(e)} exactly")


class _NoEnclosure(Exception):
    """An expression :func:`_enclosure` cannot bound (a function, a float, a cube root)."""


def _enclosure(e: sp.Expr, bits: int) -> Any:
    """An interval (mpmath's interval arithmetic, rounded outwards at ``bits`` bits) that
    certainly contains the real number ``e``: rationals, sums, products, integer powers,
    square roots and real :class:`~sympy.CRootOf` (its isolating interval refined to
    width ``2**-bits``)."""
    ctx = MPIntervalContext()
    ctx.prec = bits

    def rational(r: sp.Rational) -> Any:
        return ctx.mpf(int(r.p)) / ctx.mpf(int(r.q))

    def walk(x: sp.Expr) -> Any:
        if x.is_Rational:
            return rational(x)
        if x.is_Add:
            out = ctx.mpf(0)
            for a in x.args:
                out = out + walk(a)
            return out
        if x.is_Mul:
            out = ctx.mpf(1)
            for a in x.args:
                out = out * walk(a)
            return out
        if x.is_Pow and x.exp.is_Integer:
            return walk(x.base) ** int(x.exp)
        if x.is_Pow and x.exp.is_Rational and x.exp.q == 2:
            base = walk(x.base)
            if not base.a >= 0:
                raise _NoEnclosure
            return ctx.sqrt(base) ** int(x.exp.p)
        if isinstance(x, sp.CRootOf):
            if not x.is_real:
                raise _NotExact(f"{_short_expr(x)} is not a real number")
            w = sp.Rational(1, 2**bits)
            c = x.eval_rational(dx=w)  # within w / 2 of the root
            return ctx.mpf([rational(c - w).a, rational(c + w).b])
        raise _NoEnclosure
    return walk(e)


def _short_expr(e: Any, limit: int = 200) -> str:
    """``e`` as text, cut to ``limit`` characters (failures name numbers, not pages)."""
    text = str(e)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def _one_root_form(e: sp.Expr, beliefs: Sequence[sp.Symbol] = ()) -> sp.Expr | None:
    """``e`` as ``sum c_i g**i`` with ``i < deg g`` when it is a rational function, with
    rational coefficients, of one real root ``g`` (the mixing probabilities of a
    three-type equilibrium are polynomials in one root): ``g``'s polynomial is
    irreducible, so this form is unique, and 0 only for 0.  None for anything else.

    With ``beliefs``, ``e`` may also be a polynomial in those symbols (a belief-dependent
    payoff at a parameter value that is a root): each coefficient is put in that form.

    Examples
    --------
    >>> x, mu = sp.Symbol("x"), sp.Symbol("mu")
    >>> g = sp.CRootOf(x**3 - x - 1, 0)
    >>> _one_root_form(g**3 - g - 1), _one_root_form(1 / g) == g**2 - 1
    (0, True)
    >>> _one_root_form(mu * g**3 + 1 / g, [mu]) == sp.expand(mu * (g + 1) + g**2 - 1)
    True
    """
    root = _the_root(e)
    if root is None:
        return None
    g, to_z, q = root
    gens = (_Z, *beliefs)
    frac = _rational_function(substitute(e, to_z), gens)
    if frac is None or any(any(m[1:]) for m in frac.denom.monoms()):
        return None
    num = sp.Poly.from_dict(dict(frac.numer), *gens, domain="QQ")
    den = sp.Poly.from_dict({m[:1]: c for m, c in frac.denom.terms()}, _Z, domain="QQ")
    inverse = sp.Poly(den.invert(q).as_expr(), *gens, domain="QQ")
    form = (num * inverse).rem(sp.Poly(q.as_expr(), *gens, domain="QQ"))
    return substitute(form.as_expr(), {_Z: g})  # (expanded already: a sum of monomials)


def _rational_function(e: sp.Expr, gens: Sequence[sp.Symbol]) -> FracElement | None:
    """``e`` as a quotient of polynomials in ``gens`` with rational coefficients, built by
    sympy's sparse polynomial arithmetic (no expansion of the expression tree); None when
    it is not one (another atom, a float, a division by zero)."""
    if e.has(sp.Float):  # the field would take a float as the rational it rounds to
        return None
    frac_field = field(list(gens), sp.QQ)[0]
    try:
        return frac_field.from_expr(e)
    except (ValueError, ZeroDivisionError, sp.polys.polyerrors.CoercionFailed):
        return None


def _the_root(e: sp.Expr) -> tuple[sp.Expr, dict, sp.Poly] | None:
    """The one irrational number ``g`` that ``e`` is built from, if there is one: a real
    :class:`~sympy.CRootOf`, or the square root of one positive rational (``sqrt(b)``
    and its powers ``b**(k/2)``); with the replacement of its atoms by powers of ``_Z``
    and its polynomial in ``_Z`` (irreducible).  None for none, or for several."""
    roots = atoms_of(e, sp.CRootOf)
    surds = {a for a in atoms_of(e, sp.Pow) if not a.exp.is_Integer}
    if not all(a.base.is_Rational and a.exp.is_Rational and a.exp.q == 2 for a in surds):
        return None  # a root of a number that is not rational: not one root
    if len(roots) == 1 and not surds:
        (g,) = roots
        if not g.is_real:
            return None
        q = sp.Poly(substitute(g.poly.as_expr(), {g.poly.gen: _Z}), _Z, domain="QQ")
        return g, {g: _Z}, q
    bases = {a.base for a in surds}
    if roots or len(bases) != 1:
        return None
    (b,) = bases
    if b <= 0:
        return None
    return sp.sqrt(b), {a: _Z ** int(a.exp.p) for a in surds}, sp.Poly(_Z**2 - b, _Z,
                                                                          domain="QQ")


def _square_root_level(e: sp.Expr) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr, sp.Expr
                                               ] | None:
    """``e`` as ``(a + b s) / (c + d s)`` with ``s = sqrt(D)`` its outermost square root
    (one whose radicand no other radicand contains) and ``a, b, c, d, D`` free of ``s``:
    ``(a, b, c, d, D)``.  None when ``e`` holds no square root (or is not a rational
    function of it)."""
    surds = {x for x in atoms_of(e, sp.Pow) if x.exp.is_Rational and x.exp.q == 2}
    bases = {x.base for x in surds}
    outer = [b for b in bases if not any(o != b and o.has(b) for o in bases)]
    if not outer:
        return None
    radicand = min(outer, key=sp.default_sort_key)
    s = sp.Dummy("s")
    e = substitute(e, {x: s ** int(2 * x.exp) for x in surds if x.base == radicand})
    # every other irrational number in ``e`` (or in the radicand) is a generator too
    found = atoms_of(e, sp.Pow, sp.CRootOf) | atoms_of(radicand, sp.Pow, sp.CRootOf)
    others = sorted({a for a in found
                     if not a.free_symbols and not (isinstance(a, sp.Pow) and a.exp.is_Integer)},
                    key=sp.default_sort_key)
    rep = {a: sp.Dummy(f"a{i}") for i, a in enumerate(others)}
    gens = (s, *rep.values())
    frac, root = (_rational_function(substitute(x, rep), gens) for x in (e, radicand))
    if frac is None or root is None:
        return None
    frac_field, back = frac.field, {d: a for a, d in rep.items()}
    parts = []
    for poly in (frac.numer, frac.denom):
        even, odd = frac_field.zero, frac_field.zero
        for monom, coeff in poly.terms():
            term = frac_field(poly.ring({(0, *monom[1:]): coeff})) * root ** (monom[0] // 2)
            if monom[0] % 2:
                odd += term
            else:
                even += term
        parts += [substitute(even.as_expr(), back), substitute(odd.as_expr(), back)]
    # sympy folds products of square roots of rationals as they come back (sqrt(21) *
    # sqrt(210) is 21 sqrt(10)): a level that does not leave fewer radicands is refused,
    # so the signs one level down end
    left = {x.base for part in (*parts, radicand) for x in atoms_of(part, sp.Pow)
            if x.exp.is_Rational and x.exp.q == 2}
    return (*parts, radicand) if len(left) < len(bases) else None


def _tower_sign(e: sp.Expr) -> int | None:
    """The exact sign of a number built by field operations and square roots over the
    rationals and one real root ``g`` (a tower ``Q(g)(sqrt(D1))...``, each radicand in
    the field below, e.g. a root of a quadratic whose coefficients are in ``Q(g)``); None
    for a number with no square root.

    The outermost square root ``s = sqrt(D)`` goes (:func:`_square_root_level`): with
    ``s > 0``, ``sign(a + b s)`` is ``sign(b)`` for ``a = 0``, ``sign(a)`` for ``b = 0``
    or ``a, b`` of one sign, else ``sign(a) * sign(a**2 - b**2 D)``: signs in the field
    below (:func:`_sign`), which end in one-root forms (0 only for 0), so exact zeros
    need no minimal polynomial.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> g = sp.CRootOf(x**3 - x - 1, 0)
    >>> r = (g + sp.sqrt(g**2 + 4 * g)) / 2  # a root of y**2 - g*y - g
    >>> _tower_sign(r**2 - g * r - g), _tower_sign(r - g), _tower_sign(g - 1)
    (0, 1, None)
    """
    level = _square_root_level(e)
    if level is None:
        return None
    a, b, c, d, radicand = level
    below = _sign(radicand)
    if below < 0:
        raise _NotExact(f"{_short_expr(e)} is not a real number")

    def sign(p: sp.Expr, q: sp.Expr) -> int:  # of p + q sqrt(radicand)
        sq = 0 if below == 0 else _sign(q)
        sp_ = _sign(p)
        if sq == 0 or sp_ == sq:
            return sp_
        if sp_ == 0:
            return sq
        return sp_ * _sign(p**2 - q**2 * radicand)

    den = sign(c, d)
    if den == 0:
        raise _NotExact(f"{_short_expr(e)} divides by zero")
    return sign(a, b) * den


def _is_zero(e: sp.Expr) -> bool:
    """Whether the algebraic number ``e`` is 0, exactly: its minimal polynomial is ``z``
    (the last resort of :func:`_sign`, for numbers built from several roots)."""
    try:
        return sp.minimal_polynomial(e, _Z) == _Z
    except Exception as exc:  # NotAlgebraic, or too hard
        raise _NotExact(f"cannot decide the sign of {_short_expr(e)} exactly") from exc


def _num(e: sp.Expr) -> Fraction | _Alg:
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    e2 = _one_root_form(e)
    if e2 is None:
        e2 = _tower_form(e)
    if e2 is None:
        e2 = sp.expand(sp.radsimp(e))  # canonical-looking: rational denominators
    if e2.is_Rational:
        return Fraction(int(e2.p), int(e2.q))
    return _Alg(e2)


def _tower_form(e: sp.Expr) -> sp.Expr | None:
    """``e`` as ``A + B sqrt(D)``, its outermost square root gone from the denominator
    and ``A, B, D`` in the same form one level down (:func:`_num`); None for a number
    with no square root, or whose conjugate denominator vanishes.

    Examples
    --------
    >>> _tower_form(1 / (1 + sp.sqrt(2 + sp.sqrt(3))))
    -sqrt(3)/2 + 1/2 + (-1/2 + sqrt(3)/2)*sqrt(sqrt(3) + 2)
    """
    level = _square_root_level(e)
    if level is None:
        return None
    a, b, c, d, radicand = level
    if _sign(radicand) == 0:
        return _sym(_num(a / c))
    norm = c**2 - d**2 * radicand  # (c + d s)(c - d s)
    if _sign(norm) == 0:
        return None
    first = _sym(_num((a * c - b * d * radicand) / norm))
    second = _sym(_num((b * c - a * d) / norm))
    return first + second * sp.sqrt(_sym(_num(radicand)))


class _Alg:
    """An exact irrational (algebraic) number, e.g. from belief-dependent payoffs.

    Arithmetic and comparisons mix with :class:`fractions.Fraction` and are exact.
    """

    __slots__ = ("e",)

    def __init__(self, e: sp.Expr) -> None:
        self.e = e

    @staticmethod
    def _o(x: Any) -> Any:
        if isinstance(x, _Alg):
            return x.e
        if isinstance(x, (int, Fraction)) and not isinstance(x, bool):
            return sp.Rational(x.numerator, x.denominator)
        return NotImplemented

    def _bin(self, other: Any, f) -> Any:
        o = self._o(other)
        return NotImplemented if o is NotImplemented else _num(f(self.e, o))

    def __add__(self, o): return self._bin(o, lambda a, b: a + b)  # noqa: E704
    def __radd__(self, o): return self._bin(o, lambda a, b: b + a)  # noqa: E704
    def __sub__(self, o): return self._bin(o, lambda a, b: a - b)  # noqa: E704
    def __rsub__(self, o): return self._bin(o, lambda a, b: b - a)  # noqa: E704
    def __mul__(self, o): return self._bin(o, lambda a, b: a * b)  # noqa: E704
    def __rmul__(self, o): return self._bin(o, lambda a, b: b * a)  # noqa: E704
    def __truediv__(self, o): return self._bin(o, lambda a, b: a / b)  # noqa: E704
    def __rtruediv__(self, o): return self._bin(o, lambda a, b: b / a)  # noqa: E704

    def __neg__(self) -> _Alg:
        return _Alg(-self.e)

    def __abs__(self) -> Any:
        return -self if _sign(self.e) < 0 else self

    def _cmp(self, other: Any) -> Any:
        o = self._o(other)
        return NotImplemented if o is NotImplemented else _sign(self.e - o)

    def __eq__(self, o):  # type: ignore[override]
        c = self._cmp(o)
        return c if c is NotImplemented else c == 0

    def __lt__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c < 0

    def __le__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c <= 0

    def __gt__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c > 0

    def __ge__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c >= 0

    def __hash__(self) -> int:
        return hash(self.e)

    def __str__(self) -> str:
        return str(self.e)

    __repr__ = __str__


def _sym(x: Fraction | _Alg) -> sp.Expr:
    """The sympy value of an exact number."""
    return x.e if isinstance(x, _Alg) else sp.Rational(x.numerator, x.denominator)


def _q(x: Any) -> Fraction | _Alg:
    """Convert an exact number (int, Fraction, sympy number) for exact comparison.

    Rationals become Fractions; other exact real numbers (square roots from
    belief-dependent payoffs) are kept as sympy values.  Floats are rejected.
    """
    if isinstance(x, bool):
        raise _NotExact(f"{x!r} is a boolean, not a number")
    if isinstance(x, (int, Fraction)):
        return Fraction(x)
    if isinstance(x, _Alg):
        return x
    if isinstance(x, sp.Basic):
        if x.free_symbols:
            names = ", ".join(sorted(str(s) for s in x.free_symbols))
            raise _NotExact(f"{_short_expr(x)} is not a number (free symbols: {names})")
        if x.is_Rational:
            return Fraction(int(x.p), int(x.q))
        if x.is_number and not x.has(sp.Float):
            return _num(x)
        raise _NotExact(f"{_short_expr(x)} is not an exact number")
    raise _NotExact(f"{x!r} ({type(x).__name__}) is not an exact number")


def _fmt(x: Fraction) -> str:
    return str(x)


def _fmt_point(types: Sequence[str], mu: Sequence[Fraction]) -> str:
    return "{" + ", ".join(f"{t}: {_fmt(v)}" for t, v in zip(types, mu, strict=True)) + "}"


# ----------------------------------------------------------------------------- game data


@dataclass(frozen=True)
class _Data:
    types: tuple[str, ...]
    messages: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    prior: tuple[Fraction, ...]
    us: tuple  # [t][m][a] sympy Expr
    ur: tuple
    syms: tuple[sp.Symbol, ...]
    belief_dependent: bool

    def payoff(self, who: str, t: int, m: int, a: int, mu: Sequence[Fraction] | None) -> Fraction:
        arr = self.us if who == "sender" else self.ur
        expr = arr[t][m][a]
        if self.belief_dependent and isinstance(expr, sp.Basic) and expr.free_symbols:
            if mu is None:
                raise _NotExact(f"{who} payoff {expr} depends on beliefs but no belief was given")
            expr = substitute(expr, {s: _sym(v) for s, v in zip(self.syms, mu, strict=True)})
        return _q(expr)

    def receiver_values(self, m: int, mu: Sequence[Fraction]) -> list[Fraction]:
        return [sum((mu[t] * self.payoff("receiver", t, m, a, mu)
                     for t in range(len(self.types))), Fraction(0))
                for a in range(len(self.actions[m]))]


def _game_data(game: Any) -> _Data:
    types = tuple(str(t) for t in game.types)
    messages = tuple(str(m) for m in game.messages)
    acts = game.actions
    if acts and isinstance(acts[0], str):  # a single action list shared by every message
        acts = tuple(tuple(acts) for _ in messages)
    actions = tuple(tuple(str(a) for a in am) for am in acts)
    prior = tuple(_q(p) for p in game.prior)
    syms = tuple(getattr(game, "belief_symbols", ()) or
                 (sp.Symbol(f"mu_{t}") for t in types))
    belief_dependent = bool(getattr(game, "has_belief_payoffs", False))
    return _Data(types, messages, actions, prior, _compact(game.sender_payoffs, syms),
                 _compact(game.receiver_payoffs, syms), syms, belief_dependent)


def _compact(table: Any, syms: Sequence[sp.Symbol]) -> tuple:
    """A payoff table ``[t][m][a]`` with every entry built from one root (a parameter
    value that is a CRootOf or a quadratic irrational) in its one-root form
    (:func:`_one_root_form`): a polynomial of degree below the root's in it, not the
    nested expression substitution leaves, whose products and signs cost minutes."""
    def entry(x: Any) -> Any:
        form = _one_root_form(x, syms) if isinstance(x, sp.Basic) else None
        return x if form is None else form
    return tuple(tuple(tuple(entry(x) for x in row) for row in tm) for tm in table)


# ----------------------------------------------------------------------------- geometry


def _solve_exact(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve a square linear system exactly; ``None`` when it is singular."""
    n = len(rows)
    a = [list(r) + [b] for r, b in zip(rows, rhs, strict=True)]
    for col in range(n):
        piv = next((r for r in range(col, n) if a[r][col] != 0), None)
        if piv is None:
            return None
        a[col], a[piv] = a[piv], a[col]
        p = a[col][col]
        a[col] = [v / p for v in a[col]]
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[r][n] for r in range(n)]


def _polytope_vertices(n: int, ineqs: Iterable[Sequence[Fraction]]) -> list[tuple[Fraction, ...]]:
    """Vertices of ``{mu in simplex_n : c . mu >= 0 for every c in ineqs}``, exactly.

    Basic feasible solutions: ``n - 1`` tight inequalities plus ``sum(mu) = 1``.
    """
    rows: list[tuple[Fraction, ...]] = []
    seen: set[tuple[Fraction, ...]] = set()
    unit = [tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n)]
    for c in list(unit) + [tuple(Fraction(v) for v in c) for c in ineqs]:
        if all(v == 0 for v in c):
            continue
        scale = max(abs(v) for v in c)
        key = tuple(v / scale for v in c)
        if key not in seen:
            seen.add(key)
            rows.append(key)
    ones = [Fraction(1)] * n
    found: list[tuple[Fraction, ...]] = []
    for chosen in combinations(rows, n - 1):
        sol = _solve_exact([ones] + [list(c) for c in chosen],
                           [Fraction(1)] + [Fraction(0)] * (n - 1))
        if sol is None:
            continue
        if all(sum((c[i] * sol[i] for i in range(n)), Fraction(0)) >= 0 for c in rows):
            pt = tuple(sol)
            if pt not in found:
                found.append(pt)
    return found


def _br_region_vertices(data: _Data, m: int, support: Sequence[int]) -> list[tuple[Fraction, ...]]:
    """Vertices of the beliefs at which every action in ``support`` is a best response."""
    n = len(data.types)
    ur = [[data.payoff("receiver", t, m, a, None) for a in range(len(data.actions[m]))]
          for t in range(n)]
    ineqs = [[ur[t][a] - ur[t][b] for t in range(n)]
             for a in support for b in range(len(data.actions[m])) if b != a]
    return _polytope_vertices(n, ineqs)


def _grid(n: int) -> list[tuple[Fraction, ...]]:
    """Rational grid points of the simplex (denominator chosen by dimension)."""
    d = _GRID_DENOMINATOR.get(n, 2)
    out: list[tuple[Fraction, ...]] = []

    def rec(prefix: list[int], left: int, k: int) -> None:
        if k == 1:
            out.append(tuple(Fraction(v, d) for v in prefix + [left]))
            return
        for v in range(left + 1):
            rec(prefix + [v], left - v, k - 1)

    rec([], d, n)
    return out


# ----------------------------------------------------------------------------- linear forms

_Form = tuple[tuple[Fraction, ...], Fraction]  # coefficients over the variables, constant
_RELATIONS = (sp.Eq, sp.Ne, sp.Ge, sp.Gt, sp.Le, sp.Lt)


def _expr(x: Any, what: str) -> sp.Expr:
    """A sympy value of a reported entry (never parses text)."""
    if isinstance(x, bool):
        raise _NotExact(f"{what}: {x!r} is a boolean, not a number")
    if isinstance(x, sp.Basic):
        return x
    if isinstance(x, (int, Fraction)):
        return sp.Rational(x.numerator, x.denominator)
    if isinstance(x, _Alg):
        return x.e
    raise _NotExact(f"{what}: {x!r} ({type(x).__name__}) is not an exact number or expression")


def _affine(x: Any, syms: Sequence[sp.Symbol], what: str) -> _Form:
    """``x`` as ``coeffs . syms + const`` with rational numbers (``_NotExact`` otherwise)."""
    e = _expr(x, what)
    extra = e.free_symbols - set(syms)
    if extra:
        names = ", ".join(sorted(map(str, extra)))
        raise _NotExact(f"{what}: {e} depends on {names}, which are not its variables")
    if not syms or not e.free_symbols:
        c = _q(e)
        if not isinstance(c, Fraction):
            raise _NotExact(f"{what}: {e} is not rational")
        return (Fraction(0),) * len(syms), c
    index = {s: i for i, s in enumerate(syms)}
    coeffs = [Fraction(0)] * len(syms)
    const = Fraction(0)
    for term, c in sp.expand(e).as_coefficients_dict().items():
        if not c.is_Rational or not (term is sp.S.One or term in index):
            raise _NotExact(f"{what}: {e} is not linear with rational coefficients in "
                            f"{', '.join(map(str, syms))}")
        v = Fraction(int(c.p), int(c.q))
        if term is sp.S.One:
            const += v
        else:
            coeffs[index[term]] += v
    return tuple(coeffs), const


def _conjuncts(cond: Any) -> list[Any]:
    if cond is True or cond is sp.true:
        return []
    if isinstance(cond, sp.And):
        return [a for arg in cond.args for a in _conjuncts(arg)]
    return [cond]


def _linear_rows(cond: Any, syms: Sequence[sp.Symbol], what: str
                 ) -> list[tuple[Row, Any]] | None:
    """A conjunction of linear relations as LP rows (with the relation); ``None`` if False."""
    rows: list[tuple[Row, Any]] = []
    for atom in _conjuncts(cond):
        if atom is False or atom is sp.false:
            return None
        if not isinstance(atom, (sp.Eq, sp.Ge, sp.Gt, sp.Le, sp.Lt)):
            raise _NotExact(f"{what}: cannot read {atom} (expected a conjunction of linear "
                            "equations and inequalities)")
        flip = isinstance(atom, (sp.Le, sp.Lt))
        diff = (atom.rhs - atom.lhs) if flip else (atom.lhs - atom.rhs)
        coeffs, const = _affine(diff, syms, f"{what}: {atom}")
        rel = "=" if isinstance(atom, sp.Eq) else ">" if isinstance(atom, (sp.Gt, sp.Lt)) else ">="
        if not any(coeffs):
            ok = const == 0 if rel == "=" else const > 0 if rel == ">" else const >= 0
            if not ok:
                return None
            continue
        rows.append((Row(coeffs, rel, -const), atom))
    return rows


def _holds(cond: Any, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
    """Decide a Boolean combination of relations at an exact point."""
    if cond is True or cond is sp.true:
        return True
    if cond is False or cond is sp.false:
        return False
    if isinstance(cond, sp.And):
        return all(_holds(a, point) for a in cond.args)
    if isinstance(cond, sp.Or):
        return any(_holds(a, point) for a in cond.args)
    if isinstance(cond, sp.Not):
        return not _holds(cond.args[0], point)
    if isinstance(cond, _RELATIONS):
        value = (cond.lhs - cond.rhs).xreplace(point)
        if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise _NotExact(f"{_short_expr(cond)} is undefined at {point}")
        s = _sign(value)
        return {sp.Eq: s == 0, sp.Ne: s != 0, sp.Ge: s >= 0, sp.Gt: s > 0, sp.Le: s <= 0,
                sp.Lt: s < 0}[type(cond)]
    raise _NotExact(f"cannot decide {_short_expr(cond)} exactly")


def _relation_parts(cond: Any) -> list[sp.Expr]:
    """``lhs - rhs`` of every relation inside a Boolean combination."""
    if isinstance(cond, _RELATIONS):
        return [cond.lhs - cond.rhs]
    if isinstance(cond, (sp.And, sp.Or, sp.Not)):
        return [e for a in cond.args for e in _relation_parts(a)]
    return []


# ----------------------------------------------------------------------------- sets of mu(t0)

_X = sp.Dummy("x")


def _roots01(expr: sp.Expr) -> list[sp.Expr]:
    """The real roots in [0, 1] of the numerator and denominator of ``expr`` (in ``_X``).

    Rational coefficients: the exact real roots.  Algebraic coefficients (square roots from
    belief-dependent payoffs, a parameter value that is a root): a linear or quadratic
    part's roots by the formula (its true degree decided by exact signs), otherwise the
    real roots of a multiple with rational coefficients (:func:`_rational_multiple`), a
    superset of the roots.
    """
    out = []
    for part in sp.fraction(sp.together(expr)):
        if _X not in part.free_symbols:
            continue
        try:
            roots = _real_roots(sp.expand(part))
        except _NotExact:
            raise
        except Exception as exc:
            raise _NotExact(f"cannot find the real roots of {_short_expr(part)} exactly") from exc
        out.extend(r for r in roots if _sign(r) >= 0 and _sign(r - 1) <= 0)
    return out


def _real_roots(part: sp.Expr) -> list[sp.Expr]:
    """Exact real numbers including every real root of the polynomial ``part`` in ``_X``."""
    try:
        return list(sp.Poly(part, _X, domain="QQ").real_roots())
    except sp.polys.polyerrors.CoercionFailed:  # algebraic coefficients
        coeffs = sp.Poly(part, _X, domain="EX").all_coeffs()
    while coeffs and _sign(coeffs[0]) == 0:  # a leading coefficient zero in disguise
        coeffs = coeffs[1:]
    if len(coeffs) <= 1:
        return []
    if len(coeffs) == 2:
        return [_sym(_num(-coeffs[1] / coeffs[0]))]
    if len(coeffs) == 3:  # by the formula: numbers of a tower, signs exact (_tower_sign)
        a, b, c = coeffs
        mid, disc = _sym(_num(-b / (2 * a))), _sym(_num((b**2 - 4 * a * c) / (4 * a**2)))
        s = _sign(disc)
        return [] if s < 0 else [mid] if s == 0 else [mid - sp.sqrt(disc), mid + sp.sqrt(disc)]
    poly = sp.Poly(_rational_multiple(part), _X)
    if not (poly.domain.is_QQ or poly.domain.is_ZZ):
        raise _NotExact(f"cannot eliminate the irrational coefficients of {_short_expr(part)}")
    return list(poly.real_roots())


def _rational_multiple(part: sp.Expr) -> sp.Expr:
    """A polynomial in ``_X`` with rational coefficients whose roots include those of
    ``part`` (whose coefficients may be algebraic numbers, e.g. a mixture probability).

    Every algebraic number is replaced by its own symbol at once (replaced one at a time,
    sympy would fold products back together: ``sqrt(21) * sqrt(210)`` is ``21 sqrt(10)``),
    then each symbol is eliminated by a resultant with the number's minimal polynomial.
    The extra roots are harmless where roots only split [0, 1] into pieces to test.
    """
    algebraic = sorted((a for a in atoms_of(part, sp.CRootOf, sp.Pow) if not a.free_symbols and
                        (isinstance(a, sp.CRootOf) or not a.exp.is_Integer)),
                       key=sp.default_sort_key)
    zs = [sp.Dummy(f"z{i}") for i in range(len(algebraic))]
    # a numeric denominator (nonzero) does not change the roots in _X
    part = sp.fraction(sp.together(substitute(part, dict(zip(algebraic, zs, strict=True)))))[0]
    part = sp.expand(part)
    for a, z in zip(algebraic, zs, strict=True):
        if z in part.free_symbols:  # not when it sat inside a number replaced whole
            minpoly = sp.minimal_polynomial(a, z)
            # reduced modulo ``a``'s minimal polynomial first (same value at z = a): the
            # resultant's degree and coefficients stay small
            part = sp.expand(sp.resultant(minpoly, sp.rem(part, minpoly, z), z))
    if part == 0 or part.free_symbols - {_X}:
        raise _NotExact("cannot eliminate the irrational coefficients")
    return part


def _sorted_points(points: Iterable[sp.Expr]) -> list[sp.Expr]:
    out: list[sp.Expr] = []
    for p in sorted(points, key=cmp_to_key(lambda a, b: _sign(a - b))):
        if not out or _sign(p - out[-1]) != 0:
            out.append(p)
    return out


def _between(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """A simple rational strictly between ``a < b`` (floats propose, exact signs decide)."""
    if a.is_Rational and b.is_Rational:
        fa, fb = Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))
        for den in range(1, 65):
            k = Fraction(math.floor(fa * den) + 1, den)
            if fa < k < fb:
                return sp.Rational(k.numerator, k.denominator)
        mid = (fa + fb) / 2
        return sp.Rational(mid.numerator, mid.denominator)
    for prec in (30, 60, 120, 240):
        mid = sp.Rational(((a + b) / 2).evalf(prec))
        if _sign(mid - a) > 0 and _sign(b - mid) > 0:
            return mid
    raise _NotExact(f"cannot separate {_short_expr(a)} and {_short_expr(b)}")


def _in_region(region: Any, x: sp.Expr) -> bool:
    """Exact membership of ``x`` in a finite union of intervals and points."""
    if region is sp.S.EmptySet:
        return False
    if isinstance(region, sp.Union):
        return any(_in_region(r, x) for r in region.args)
    if isinstance(region, sp.FiniteSet):
        return any(_sign(x - e) == 0 for e in region.args)
    if isinstance(region, sp.Interval):
        lo, hi = region.start, region.end
        if lo is not sp.S.NegativeInfinity:
            s = _sign(x - lo)
            if s < 0 or (s == 0 and region.left_open):
                return False
        if hi is not sp.S.Infinity:
            s = _sign(hi - x)
            if s < 0 or (s == 0 and region.right_open):
                return False
        return True
    raise _NotExact(f"cannot read the set {region}")


def _region_points(region: Any) -> list[sp.Expr]:
    if isinstance(region, sp.Union):
        return [p for r in region.args for p in _region_points(r)]
    if isinstance(region, sp.FiniteSet):
        return list(region.args)
    if isinstance(region, sp.Interval):
        return [p for p in (region.start, region.end) if p.is_finite]
    return []


def _first_difference(points: Iterable[sp.Expr], in_a, in_b
                      ) -> tuple[sp.Expr, bool, bool] | None:
    """Where two finite unions of intervals in [0, 1] differ, if they do.

    ``points`` must contain every end point of both sets: the sets are then constant
    between consecutive points, so comparing them at the points and at one rational in
    each gap decides equality exactly.
    """
    pts = _sorted_points([sp.Integer(0), sp.Integer(1)] + [
        p for p in points if _sign(p) >= 0 and _sign(p - 1) <= 0])
    tests: list[sp.Expr] = []
    for i, p in enumerate(pts):
        tests.append(p)
        if i + 1 < len(pts):
            tests.append(_between(p, pts[i + 1]))
    for x in tests:
        a, b = in_a(x), in_b(x)
        if a != b:
            return x, a, b
    return None


# ----------------------------------------------------------------------------- strategies


def classify_sender_strategy(sender: Sequence[Sequence[Fraction]], n_types: int,
                             n_messages: int | None = None) -> set[str]:
    """Kinds consistent with a sender strategy given as ``[type][message]`` probabilities.

    ``"hybrid"`` if some type mixes; otherwise ``"pooling"`` (one message used),
    ``"separating"`` (as many distinct messages as ``min(types, messages)`` allows, so a
    cutoff strategy of a two-message game separates) or ``"partially pooling"``.  A
    one-type game is both pooling and separating.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> sorted(classify_sender_strategy([[F(1), F(0)], [F(0), F(1)]], 2))
    ['separating']
    >>> sorted(classify_sender_strategy([[F(1), F(0)], [F(1), F(0)], [F(0), F(1)]], 3))
    ['separating']
    """
    if any(sum(1 for p in row if p > 0) > 1 for row in sender):
        return {"hybrid"}
    used = [next(i for i, p in enumerate(row) if p > 0) for row in sender]
    n_messages = len(sender[0]) if n_messages is None and sender else (n_messages or 0)
    kinds = set()
    if len(set(used)) == 1:
        kinds.add("pooling")
    if len(set(used)) == min(n_types, n_messages):
        kinds.add("separating")
    return kinds or {"partially pooling"}


def _read_distribution(raw: Any, allowed: Sequence[str], what: str,
                       failures: list[str]) -> list[Fraction] | None:
    """Read ``{label: prob}`` into a list aligned with ``allowed``; record problems."""
    if not isinstance(raw, Mapping):
        failures.append(f"{what}: expected a mapping label -> probability, got {raw!r}")
        return None
    probs = [Fraction(0)] * len(allowed)
    ok = True
    for key, val in raw.items():
        label = str(key)
        try:
            p = _q(val)
        except _NotExact as exc:
            failures.append(f"{what}: probability of {label} is not exact ({exc})")
            ok = False
            continue
        if label not in allowed:
            if p != 0:
                failures.append(f"{what}: {label} is not available (available: "
                                f"{', '.join(allowed)}) but has probability {_fmt(p)}")
                ok = False
            continue
        if p < 0:
            failures.append(f"{what}: probability of {label} is negative ({_fmt(p)})")
            ok = False
        probs[allowed.index(label)] = p
    total = sum(probs, Fraction(0))
    if total != 1:
        failures.append(f"{what}: probabilities sum to {_fmt(total)}, not 1")
        ok = False
    return probs if ok else None


def _read_point(raw: Any, types: Sequence[str], what: str,
                failures: list[str]) -> tuple[Fraction, ...] | None:
    """Read a belief point (mapping by type label, or a sequence in type order)."""
    try:
        if isinstance(raw, Mapping):
            unknown = [str(k) for k in raw if str(k) not in types]
            if unknown:
                failures.append(f"{what}: unknown types {unknown} in belief {raw!r}")
                return None
            lookup = {str(k): v for k, v in raw.items()}
            pt = tuple(_q(lookup.get(t, 0)) for t in types)
        else:
            vals = list(raw)
            if len(vals) != len(types):
                failures.append(f"{what}: belief {raw!r} has {len(vals)} entries, "
                                f"expected {len(types)}")
                return None
            pt = tuple(_q(v) for v in vals)
    except _NotExact as exc:
        failures.append(f"{what}: belief is not exact ({exc})")
        return None
    except TypeError:
        failures.append(f"{what}: cannot read belief {raw!r}")
        return None
    if any(v < 0 for v in pt) or sum(pt, Fraction(0)) != 1:
        failures.append(f"{what}: belief {_fmt_point(types, pt)} is not in the simplex "
                        f"(entries must be >= 0 and sum to 1)")
        return None
    return pt


def _point_dict(types: Sequence[str], mu: Sequence[Fraction]) -> dict[str, sp.Rational]:
    return {t: _sym(v) for t, v in zip(types, mu, strict=True)}


# ----------------------------------------------------------------------------- main


def _same_game(a: SignallingGame, b: SignallingGame) -> bool:
    """Whether two games have the same labels, prior and payoffs (exactly)."""
    if (a.types, a.messages, a.actions) != (b.types, b.messages, b.actions):
        return False
    pairs = list(zip(a.prior, b.prior, strict=True))
    for ta, tb in ((a.sender_payoffs, b.sender_payoffs), (a.receiver_payoffs, b.receiver_payoffs)):
        pairs += [(x, y) for ra, rb in zip(ta, tb, strict=True)
                  for xa, xb in zip(ra, rb, strict=True) for x, y in zip(xa, xb, strict=True)]
    return all(x == y or sp.expand(x - y) == 0 for x, y in pairs)


def _substitute(game: Any, eq: Any, values: Mapping | None
                ) -> tuple[SignallingGame, Any, dict[sp.Symbol, sp.Expr]]:
    """Validate the inputs; substitute parameter values into the game and the equilibrium."""
    if not isinstance(game, SignallingGame):
        raise InvalidGameError(f"verify: game must be a SignallingGame, got "
                               f"{type(game).__name__} {_short(game)}")
    for attr in ("sender", "receiver", "beliefs"):
        if not isinstance(getattr(eq, attr, None), Mapping):
            raise VerificationError(
                f"verify: equilibrium must be an Equilibrium (with sender, receiver and "
                f"beliefs mappings), got {type(eq).__name__} {_short(eq)}: its {attr!r} is "
                f"{'missing' if not hasattr(eq, attr) else 'not a mapping'}")
    point: dict[sp.Symbol, sp.Expr] = {}
    if values is not None:
        if not isinstance(values, Mapping):
            raise ParameterError(f"verify: values must be a mapping parameter -> number, got "
                                 f"{type(values).__name__} {_short(values)}")
        point = game.check_point(values, require_all=True)  # unknown names, ranges, exactness
        game = game.subs(point)
        if hasattr(eq, "subs"):
            eq = eq.subs(point)
    elif game.free_parameters:
        names = ", ".join(sorted(str(s) for s in game.free_parameters))
        raise ParameterError(
            f"game {game.name!r} has parameters ({names}); pass values={{symbol: Rational}} "
            "to verify an equilibrium at a point")
    own = getattr(eq, "game", None)
    if isinstance(own, SignallingGame):
        if own.free_parameters and point:
            own = own.subs({k: v for k, v in point.items() if k in own.parameters})
        if not _same_game(game, own):
            raise InvalidGameError(
                f"verify: the equilibrium belongs to a different game ({own!r}), not to "
                f"{game!r}")
    return game, eq, point


def _short(x: Any) -> str:
    text = repr(x)
    return text if len(text) <= 80 else text[:77] + "..."


def verify(game: SignallingGame, equilibrium: Any, *,
           values: Mapping | None = None) -> Verification:
    """Check a reported perfect Bayesian equilibrium independently and exactly.

    Every condition is decided in exact arithmetic: strategies, Bayes' rule, the
    receiver's and every type's best responses, each off-path belief set (equal, as a set,
    to the exact set of beliefs that sustain the receiver's play: its constraints,
    vertices, region and bounds are each compared with it), and for a family every member
    and the exact range of every free probability.

    Parameters
    ----------
    game : SignallingGame
        The game the equilibrium belongs to.
    equilibrium : Equilibrium
        Anything with the mappings ``sender``, ``receiver``, ``beliefs`` (and optionally
        ``on_path``, ``kind``, ``sender_payoffs``, ``receiver_payoff``, ``condition``,
        ``family``, ``game``, ``subs``).
    values : dict, optional
        ``{Symbol or name: number}`` for every parameter of a parametric game; the game and
        the equilibrium are substituted and checked at that point.

    Returns
    -------
    Verification
        ``ok`` and a tuple of human-readable ``failures`` (empty when ok).

    Raises
    ------
    InvalidGameError
        ``game`` is not a :class:`SignallingGame`, or the equilibrium was found for a
        different game.
    VerificationError
        ``equilibrium`` is not an equilibrium (no ``sender``/``receiver``/``beliefs``).
    ParameterError
        The game is parametric and ``values`` is missing or incomplete, or ``values``
        names an unknown parameter or a point outside the parameter ranges.

    Examples
    --------
    >>> from alliance_games import SignallingGame, solve
    >>> g = SignallingGame.from_arrays([1], [[[1, 0]]], [[[0, 1]]])
    >>> all(verify(g, eq).ok for eq in solve(g))
    True
    >>> verify(None, solve(g)[0])
    Traceback (most recent call last):
    ...
    alliance_games.errors.InvalidGameError: verify: game must be a SignallingGame, got NoneType None
    """
    game, eq, point = _substitute(game, equilibrium, values)
    failures: list[str] = []
    try:
        _check(game, eq, failures)
        if not failures and getattr(eq, "family", None) is not None:
            _check_family(_game_data(game), eq, point, failures)
    except _NotExact as exc:
        failures.append(f"cannot verify exactly: {exc}")
    return Verification(ok=not failures, failures=tuple(failures))


def _check(game: Any, eq: Any, failures: list[str]) -> None:
    data = _game_data(game)
    T, M, A = data.types, data.messages, data.actions
    n = len(T)

    cond = getattr(eq, "condition", sp.true)
    if cond is sp.false or cond is False:
        failures.append("the equilibrium's condition is False at these parameter values")

    # --- strategies are distributions over available moves
    sender_raw = eq.sender
    sender: list[list[Fraction]] = []
    for t in T:
        raw = sender_raw.get(t) if isinstance(sender_raw, Mapping) else None
        if raw is None:
            failures.append(f"sender strategy has no entry for type {t}")
            return
        row = _read_distribution(raw, M, f"sender strategy of type {t}", failures)
        if row is None:
            return
        sender.append(row)
    receiver: list[list[Fraction]] = []
    for mi, m in enumerate(M):
        raw = eq.receiver.get(m) if isinstance(eq.receiver, Mapping) else None
        if raw is None:
            failures.append(f"receiver strategy has no entry for message {m}")
            return
        row = _read_distribution(raw, A[mi], f"receiver strategy after message {m}", failures)
        if row is None:
            return
        receiver.append(row)

    # --- on-path messages and Bayes' rule
    p_msg = [sum((data.prior[t] * sender[t][mi] for t in range(n)), Fraction(0))
             for mi in range(len(M))]
    on_path = {M[mi] for mi in range(len(M)) if p_msg[mi] > 0}
    reported_on_path = getattr(eq, "on_path", None)
    if reported_on_path is not None and {str(x) for x in reported_on_path} != on_path:
        failures.append(f"eq.on_path is {sorted(map(str, reported_on_path))}, but the sender "
                        f"strategy reaches {sorted(on_path)}")

    beliefs = eq.beliefs
    belief_at: list[tuple[Fraction, ...] | None] = [None] * len(M)
    for mi, m in enumerate(M):
        b = beliefs.get(m) if isinstance(beliefs, Mapping) else None
        if b is None:
            failures.append(f"no belief reported after message {m}")
            continue
        if m in on_path:
            post = tuple(data.prior[t] * sender[t][mi] / p_msg[mi] for t in range(n))
            belief_at[mi] = post
            if not isinstance(b, Mapping):
                failures.append(f"belief after on-path message {m} should be the Bayes posterior "
                                f"{_fmt_point(T, post)}, got {b!r}")
                continue
            got = _read_point(b, T, f"belief after on-path message {m}", failures)
            if got is not None and got != post:
                failures.append(f"belief after on-path message {m} is {_fmt_point(T, got)}, "
                                f"but Bayes' rule gives {_fmt_point(T, post)}")
    # equilibrium payoffs (on the path); with belief-dependent payoffs they decide which
    # off-path beliefs deter every type
    values: list[sp.Expr | None] = []
    for t in range(n):
        mi = next((i for i in range(len(M)) if sender[t][i] > 0), None)
        mu = belief_at[mi] if mi is not None else None
        values.append(None if mu is None else _sym(sum(
            (receiver[mi][a] * data.payoff("sender", t, mi, a, mu) for a in range(len(A[mi]))),
            Fraction(0))))
    for mi, m in enumerate(M):
        b = beliefs.get(m) if isinstance(beliefs, Mapping) else None
        if b is not None and m not in on_path:
            belief_at[mi] = _check_off_path(data, mi, b, receiver[mi], values, failures)

    # --- receiver best responses on path
    for mi, m in enumerate(M):
        if m in on_path:
            _check_br(data, mi, belief_at[mi], receiver[mi],
                      f"after on-path message {m} (Bayes posterior "
                      f"{_fmt_point(T, belief_at[mi])})", failures)

    # --- sender rationality
    eq_pay: list[Fraction] = []
    for t in range(n):
        u = []
        for mi in range(len(M)):
            mu = belief_at[mi]
            if data.belief_dependent and mu is None:
                u.append(None)
                continue
            u.append(sum((receiver[mi][a] * data.payoff("sender", t, mi, a, mu)
                          for a in range(len(A[mi]))), Fraction(0)))
        known = [x for x in u if x is not None]
        best = max(known)
        pay = sum((sender[t][mi] * u[mi] for mi in range(len(M)) if sender[t][mi] > 0),
                  Fraction(0))
        eq_pay.append(pay)
        for mi in range(len(M)):
            if sender[t][mi] > 0 and u[mi] is not None and u[mi] != best:
                bm = M[u.index(best)]
                failures.append(f"type {T[t]} sends {M[mi]} with probability "
                                f"{_fmt(sender[t][mi])} and gets {_fmt(u[mi])} from it, but "
                                f"message {bm} gives {_fmt(best)}")
        for mi in range(len(M)):
            if u[mi] is not None and u[mi] > pay:
                failures.append(f"type {T[t]} gains by deviating to {M[mi]}: {_fmt(u[mi])} > "
                                f"equilibrium payoff {_fmt(pay)}")
    reported_pay = getattr(eq, "sender_payoffs", None)
    if reported_pay:
        for t in range(n):
            if T[t] not in reported_pay:
                failures.append(f"eq.sender_payoffs has no entry for type {T[t]}")
                continue
            try:
                got = _q(reported_pay[T[t]])
            except _NotExact as exc:
                failures.append(f"eq.sender_payoffs[{T[t]}] is not exact ({exc})")
                continue
            if got != eq_pay[t]:
                failures.append(f"eq.sender_payoffs[{T[t]}] is {_fmt(got)}, but the strategies "
                                f"give {_fmt(eq_pay[t])}")

    reported_r = getattr(eq, "receiver_payoff", None)
    if reported_r is not None:
        total = sum((data.prior[t] * sender[t][mi] * receiver[mi][a]
                     * data.payoff("receiver", t, mi, a, belief_at[mi])
                     for t in range(n) for mi in range(len(M)) if sender[t][mi] > 0
                     for a in range(len(A[mi])) if receiver[mi][a] > 0), Fraction(0))
        try:
            got_r = _q(reported_r)
        except _NotExact as exc:
            failures.append(f"eq.receiver_payoff is not exact ({exc})")
        else:
            if got_r != total:
                failures.append(f"eq.receiver_payoff is {_fmt(got_r)}, but the strategies "
                                f"give the receiver {_fmt(total)} (ex ante)")

    # --- kind
    kind = getattr(eq, "kind", None)
    if kind is not None:
        expected = classify_sender_strategy(sender, n, len(M))
        if str(kind) not in expected:
            failures.append(f"eq.kind is {kind!r}, but the sender strategy is "
                            f"{' or '.join(sorted(expected))}")


def _check_br(data: _Data, mi: int, mu: Sequence[Fraction], rho: Sequence[Fraction],
              where: str, failures: list[str]) -> bool:
    vals = data.receiver_values(mi, mu)
    best = max(vals)
    acts = data.actions[mi]
    ok = True
    for a, p in enumerate(rho):
        if p > 0 and vals[a] != best:
            b = vals.index(best)
            failures.append(f"receiver {where}: action {acts[a]} has probability {_fmt(p)} "
                            f"but expected payoff {_fmt(vals[a])} < {_fmt(best)} from "
                            f"{acts[b]}")
            ok = False
    return ok


def _call(obj: Any, name: str, *args: Any) -> Any:
    attr = getattr(obj, name)
    return attr(*args) if callable(attr) else attr


def _check_off_path(data: _Data, mi: int, bset: Any, rho: Sequence[Fraction],
                    values: Sequence[sp.Expr | None], failures: list[str]
                    ) -> tuple[Fraction, ...] | None:
    """Check the belief set after an off-path message; return its example point.

    The reported set must equal the exact set of beliefs at which every action the
    receiver plays is a best response (with belief-dependent payoffs: and at which no type
    gains by sending the message, given the receiver's reported play).  Each representation
    it reports (constraints, vertices, the interval ``region`` of ``mu(first type)``,
    ``bounds``) is compared with that set exactly; ``contains`` is cross-checked at the
    set's vertices (and on a grid when it reports no constraints).
    """
    T = data.types
    m = data.messages[mi]
    where = f"after off-path message {m}"
    if isinstance(bset, Mapping) or not hasattr(bset, "contains"):
        failures.append(f"belief {where} should be a belief set, got {bset!r}")
        return None

    def contains(pt: Sequence[Fraction]) -> bool | None:
        try:
            return bool(bset.contains(_point_dict(T, pt)))
        except Exception as exc:  # a buggy belief set must not crash the verifier
            failures.append(f"belief set {where}: contains({_fmt_point(T, pt)}) raised "
                            f"{type(exc).__name__}: {exc}")
            return None

    # example: nonempty
    try:
        ex_raw = _call(bset, "example")
    except Exception as exc:
        failures.append(f"belief set {where}: example() raised {type(exc).__name__}: {exc}")
        ex_raw = None
    example = None
    if ex_raw is None:
        failures.append(f"belief set {where} is empty (no example point)")
    else:
        example = _read_point(ex_raw, T, f"example belief {where}", failures)
        if example is not None:
            if contains(example) is False:
                failures.append(f"belief set {where} does not contain its own example "
                                f"{_fmt_point(T, example)}")
            _check_br(data, mi, example, rho,
                      f"{where} at the example belief {_fmt_point(T, example)}", failures)

    support = [a for a, p in enumerate(rho) if p > 0]
    acts = ", ".join(data.actions[mi][a] for a in support)
    verb = "is a best response" if len(support) == 1 else "are best responses"
    desc = f"the exact set where {acts} {verb}"
    reported = {}
    for name in ("constraints", "vertices", "region"):
        try:
            value = getattr(bset, name, None)
        except Exception as exc:
            failures.append(f"belief set {where}: reading its {name} raised "
                            f"{type(exc).__name__}: {exc}")
            return example
        if value is not None:
            reported[name] = value
    if not reported:
        failures.append(f"belief set {where} cannot be checked exactly: it reports neither "
                        "constraints, vertices nor a region")
        return example
    ctx = _SetContext(data, mi, support, where, desc, failures, list(rho), list(values))

    if data.belief_dependent:
        if "vertices" in reported:
            failures.append(f"belief set {where} reports vertices, but with belief-dependent "
                            "payoffs the set need not be a polytope")
        if len(T) == 2:
            ctx.check_interval_set(reported.get("constraints"), reported.get("region"))
        else:
            ctx.check_curved_set(reported.get("constraints"))
        return example

    exact = _br_region_vertices(data, mi, support)
    if not exact:
        failures.append(f"no belief {where} makes every action in the support ({acts}) a "
                        "best response")
        return example

    # reported vertices: their hull equals the exact set iff each lies in it and each of
    # its vertices is reported
    vertices: list[tuple[Fraction, ...]] | None = None
    if "vertices" in reported:
        vertices = []
        for v in reported["vertices"]:
            pt = _read_point(v, T, f"vertex of the belief set {where}", failures)
            if pt is None:
                continue
            vertices.append(pt)
            if not _check_br(data, mi, pt, rho,
                             f"{where} at reported vertex {_fmt_point(T, pt)}", failures):
                failures.append(f"belief set {where} is too big: it contains "
                                f"{_fmt_point(T, pt)}, where the receiver's play is not a "
                                "best response")
        for v in exact:
            if v not in vertices:
                failures.append(f"belief set {where} is too small: vertex "
                                f"{_fmt_point(T, v)} of {desc} is missing from its vertices")
    if "constraints" in reported:
        ctx.check_polytope_constraints(reported["constraints"], exact)
    if "region" in reported and len(T) == 2:
        lo, hi = min(v[0] for v in exact), max(v[0] for v in exact)
        ctx.compare_1d(f"its region {reported['region']}",
                       _region_points(reported["region"]) + [_sym(lo), _sym(hi)],
                       lambda x: _sign(x - _sym(lo)) >= 0 and _sign(_sym(hi) - x) >= 0,
                       lambda x: _in_region(reported["region"], x))

    # bounds
    if hasattr(bset, "bounds"):
        for i, t in enumerate(T):
            try:
                lo, hi = _call(bset, "bounds", t)
                lo, hi = _q(lo), _q(hi)
            except Exception as exc:
                if "vertices" in reported:  # bounds are optional for sets without vertices
                    failures.append(f"belief set {where}: bounds({t}) failed or is not exact "
                                    f"({type(exc).__name__}: {exc})")
                break
            true_lo, true_hi = min(v[i] for v in exact), max(v[i] for v in exact)
            if (lo, hi) != (true_lo, true_hi):
                failures.append(f"belief set {where}: bounds({t}) = [{_fmt(lo)}, {_fmt(hi)}], "
                                f"but {desc} has [{_fmt(true_lo)}, {_fmt(true_hi)}]")

    # the object's own membership test agrees with the set (at its vertices and on a grid)
    for v in exact:
        if contains(v) is False:
            failures.append(f"belief set {where} is too small: it excludes "
                            f"{_fmt_point(T, v)}, a vertex of {desc}")
    said = set()
    for pt in _grid(len(T)) if "constraints" not in reported else ():
        # without constraints, `contains` is the object's own rule: cross-check it
        vals = data.receiver_values(mi, pt)
        inside = all(vals[a] == max(vals) for a in support)
        got = contains(pt)
        if got is None:
            break
        if got and not inside and "big" not in said:
            said.add("big")
            failures.append(f"belief set {where} is too big: it contains "
                            f"{_fmt_point(T, pt)}, outside {desc}")
        elif inside and not got and "small" not in said:
            said.add("small")
            failures.append(f"belief set {where} is too small: it excludes "
                            f"{_fmt_point(T, pt)}, inside {desc}")
    return example


@dataclass
class _SetContext:
    """The exact belief set after one off-path message, compared with reported ones."""

    data: _Data
    mi: int
    support: list[int]
    where: str
    desc: str
    failures: list[str]
    rho: list[Fraction]
    values: list[sp.Expr | None]  # equilibrium payoff per type

    def deterrence(self) -> list[tuple[int, sp.Expr]]:
        """Belief-dependent payoffs: ``(t, e)`` with ``e(mu) >= 0`` when type t does not
        gain by sending the message (the receiver playing ``rho``)."""
        d, mi = self.data, self.mi
        out = []
        for t, v in enumerate(self.values):
            if v is None:
                continue
            u = sp.Add(*[_sym(p) * d.us[t][mi][a] for a, p in enumerate(self.rho) if p > 0])
            out.append((t, sp.expand(v - u)))
        return out

    def gains(self) -> list[tuple[int, int, sp.Expr]]:
        """``(a, b, g)``: ``g(mu) >= 0`` says action ``a`` is at least as good as ``b``."""
        d, mi = self.data, self.mi
        out = []
        for a in self.support:
            for b in range(len(d.actions[mi])):
                if b != a:
                    g = sp.Add(*[mu * (d.ur[t][mi][a] - d.ur[t][mi][b])
                                 for t, mu in enumerate(d.syms)])
                    out.append((a, b, sp.expand(g)))
        return out

    def inequalities(self) -> list[list[Fraction]]:
        """Linear payoffs: ``h . mu >= 0`` for each (a in the support, b) pair."""
        d, mi = self.data, self.mi
        ur = [[d.payoff("receiver", t, mi, a, None) for a in range(len(d.actions[mi]))]
              for t in range(len(d.types))]
        return [[ur[t][a] - ur[t][b] for t in range(len(d.types))]
                for a in self.support for b in range(len(d.actions[mi])) if b != a]

    def why_not(self, mu: Mapping[sp.Symbol, sp.Expr]) -> str:
        acts = self.data.actions[self.mi]
        for a, b, g in self.gains():
            if _sign(substitute(g, mu)) < 0:
                return f"{acts[b]} pays more than {acts[a]}"
        for t, e in self.deterrence() if self.data.belief_dependent else ():
            if _sign(substitute(e, mu)) < 0:
                return f"type {self.data.types[t]} gains by sending {self.data.messages[self.mi]}"
        return ""

    def check_polytope_constraints(self, constraints: Any,
                                   exact: list[tuple[Fraction, ...]]) -> None:
        """Linear payoffs: the reported constraints cut out exactly the polytope ``exact``."""
        d, T = self.data, self.data.types
        what = f"belief set {self.where}"
        try:
            rows = _linear_rows(sp.And(*constraints), d.syms, f"{what}: constraint")
        except (_NotExact, TypeError) as exc:
            self.failures.append(f"{what} cannot be checked exactly: {exc}")
            return
        if rows is None:
            self.failures.append(f"{what} is empty: its constraints cannot hold")
            return
        for v in exact:  # the exact set lies inside the reported one
            for row, atom in rows:
                val = sum((c * x for c, x in zip(row.coeffs, v, strict=True)), Fraction(0))
                val -= row.rhs
                ok = val == 0 if row.rel == "=" else val > 0 if row.rel == ">" else val >= 0
                if not ok:
                    self.failures.append(f"{what} is too small: its constraint {atom} "
                                         f"excludes {_fmt_point(T, v)}, a vertex of {self.desc}")
        hom = []  # on the simplex, a . mu >= b is (a - b) . mu >= 0
        for row, _ in rows:
            h = [c - row.rhs for c in row.coeffs]
            hom.append(h)
            if row.rel == "=":
                hom.append([-c for c in h])
        if {_ray(h) for h in self.inequalities() if any(h)} <= {_ray(h) for h in hom}:
            return  # every row of the exact set is reported: the reported set is inside
        n_before = len(self.failures)
        for w in _polytope_vertices(len(T), hom):  # ... and the reported one inside it
            vals = d.receiver_values(self.mi, w)
            for a in self.support:
                if vals[a] != max(vals):
                    b = vals.index(max(vals))
                    self.failures.append(
                        f"{what} is too big: its constraints admit {_fmt_point(T, w)}, where "
                        f"{d.actions[self.mi][a]} is not a best response ({d.actions[self.mi][b]}"
                        f" pays {_fmt(vals[b])} > {_fmt(vals[a])})")
                    break
            if len(self.failures) > n_before:
                break

    def compare_1d(self, what: str, points: list[sp.Expr], in_true, in_reported) -> None:
        """Compare two sets of ``mu(first type)``; ``points`` holds both sets' end points."""
        T = self.data.types
        diff = _first_difference(points, in_true, in_reported)
        if diff is None:
            return
        x, inside, _ = diff
        where = f"mu({T[0]}) = {x}"
        if inside:
            self.failures.append(f"belief set {self.where} is too small: {what} excludes "
                                 f"{where}, inside {self.desc}")
        else:
            mu = {self.data.syms[0]: x, self.data.syms[1]: 1 - x}
            self.failures.append(f"belief set {self.where} is too big: {what} admits {where}, "
                                 f"outside {self.desc} ({self.why_not(mu)})")

    def check_interval_set(self, constraints: Any, region: Any) -> None:
        """Two types, belief-dependent payoffs: the set is a union of intervals of mu(t0)."""
        d = self.data
        sub = {d.syms[0]: _X, d.syms[1]: 1 - _X}
        gains = [substitute(g, sub) for _, _, g in self.gains()] + [
            substitute(e, sub) for _, e in self.deterrence()]
        try:
            true_points = [r for g in gains for r in _roots01(g)]

            def in_true(x: sp.Expr) -> bool:
                return all(_sign(substitute(g, {_X: x})) >= 0 for g in gains)

            if constraints is not None:
                cond = sp.And(*constraints)
                pts = [r for e in _relation_parts(cond) for r in _roots01(substitute(e, sub))]
                self.compare_1d("its constraints", true_points + pts, in_true,
                                lambda x: _holds(cond, {d.syms[0]: x, d.syms[1]: 1 - x}))
            if region is not None:
                self.compare_1d(f"its region {region}", true_points + _region_points(region),
                                in_true, lambda x: _in_region(region, x))
        except (_NotExact, TypeError) as exc:
            self.failures.append(f"belief set {self.where} cannot be checked exactly: {exc}")

    def check_curved_set(self, constraints: Any) -> None:
        """Three or more types, belief-dependent payoffs: the reported constraints must be
        the best-response inequalities themselves (up to positive factors)."""
        d = self.data
        what = f"belief set {self.where}"
        free = d.syms[:-1]
        last = {d.syms[-1]: 1 - sp.Add(*free)}
        try:
            truth = {_normal(substitute(g, last), free, ">=") for g in
                     [g for _, _, g in self.gains()] + [e for _, e in self.deterrence()]}
            truth.discard(None)
            got = set()
            for atom in _conjuncts(sp.And(*(constraints or ()))):
                if not isinstance(atom, (sp.Eq, sp.Ge, sp.Gt, sp.Le, sp.Lt)):
                    raise _NotExact(f"cannot read its constraint {atom}")
                flip = isinstance(atom, (sp.Le, sp.Lt))
                e = (atom.rhs - atom.lhs) if flip else (atom.lhs - atom.rhs)
                rel = ("=" if isinstance(atom, sp.Eq) else
                       ">" if isinstance(atom, (sp.Gt, sp.Lt)) else ">=")
                got.add(_normal(substitute(e, last), free, rel))
            got.discard(None)
        except (_NotExact, TypeError) as exc:
            self.failures.append(f"{what} cannot be checked exactly: {exc}")
            return
        if got != truth:
            self.failures.append(
                f"{what} cannot be confirmed exactly: with belief-dependent payoffs and "
                f"{len(d.types)} types its constraints must be the best-response conditions "
                f"of {self.desc}")


def _ray(h: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """A linear inequality ``h . mu >= 0`` up to a positive factor."""
    scale = max((abs(c) for c in h), default=Fraction(0))
    return tuple(h) if scale == 0 else tuple(c / scale for c in h)


def _normal(e: sp.Expr, syms: Sequence[sp.Symbol], rel: str) -> tuple | None:
    """A polynomial relation ``e rel 0`` up to a positive factor; ``None`` if always true."""
    try:
        poly = sp.Poly(sp.expand(sp.numer(sp.together(e))), *syms)
    except sp.PolynomialError as exc:
        raise _NotExact(f"{e} is not a polynomial in the beliefs") from exc
    if not poly.domain.is_QQ and not poly.domain.is_ZZ:
        raise _NotExact(f"{e} has irrational coefficients")
    terms = [(mon, Fraction(int(c.p), int(c.q))) for mon, c in
             ((mon, sp.Rational(c)) for mon, c in poly.terms()) if c != 0]
    if sp.denom(sp.together(e)).free_symbols:
        raise _NotExact(f"{e} is not a polynomial in the beliefs")
    if all(sum(mon) == 0 for mon, _ in terms):
        const = sum((c for _, c in terms), Fraction(0))
        holds = const == 0 if rel == "=" else const > 0 if rel == ">" else const >= 0
        if holds:
            return None
        raise _NotExact(f"the relation {e} {rel} 0 never holds")
    scale = max(abs(c) for _, c in terms)
    if rel == "=" and terms[0][1] < 0:
        scale = -scale
    return rel, tuple(sorted((mon, c / scale) for mon, c in terms))


# ----------------------------------------------------------------------------- families


class _FamilyLP:
    """A family's member set as LP rows over its free variables, with exact witnesses."""

    def __init__(self, variables: tuple[sp.Symbol, ...], rows: list[Row],
                 inner: tuple[Fraction, ...]) -> None:
        self.variables = variables
        self.rows = rows
        self.inner = inner  # a member (strict rows hold strictly)
        self.poly = Polytope(rows, len(variables))
        self._memo: dict = {}

    def _at(self, f: _Form, x: Sequence[Fraction]) -> Fraction:
        return sum((c * v for c, v in zip(f[0], x, strict=True)), f[1])

    def _min(self, coeffs: tuple[Fraction, ...]):
        if coeffs not in self._memo:
            self._memo[coeffs] = self.poly.minimize(coeffs)
        return self._memo[coeffs]

    def range(self, f: _Form) -> tuple[Fraction | None, Fraction | None]:
        """Exact (min, max) of ``f`` over the closure of the family (None: unbounded)."""
        if not any(f[0]):
            return f[1], f[1]
        lo, hi = self._min(f[0]), self._min(tuple(-c for c in f[0]))
        return (lo.value + f[1] if lo.status == "optimal" else None,
                -hi.value + f[1] if hi.status == "optimal" else None)

    def violation(self, g: _Form, when: _Form | None = None) -> tuple[Fraction, ...] | None:
        """A member where ``g < 0`` (and ``when > 0``), or None when ``g >= 0`` on the
        whole family wherever ``when > 0``.

        ``when`` is nonnegative on the family; if it is not identically zero it is positive
        on the relative interior, which is dense, so ``g >= 0`` must hold on the closure.
        """
        if when is not None and self.range(when)[1] == 0:
            return None
        if not any(g[0]):
            if g[1] >= 0:
                return None
            low = self.inner
        else:
            res = self._min(g[0])
            if res.status == "optimal" and res.value + g[1] >= 0:
                return None
            if res.status == "unbounded":
                # a point with g < 0 exists; find one inside the rows with g <= -1
                res = minimize([Fraction(0)] * len(self.variables),
                               self.rows + [Row(tuple(-c for c in g[0]), ">=", 1 + g[1])])
            low = res.point
        # move from a member with when > 0 toward `low` until g < 0: still a member
        base = self.inner
        if when is not None and self._at(when, base) <= 0:
            top = self._min(tuple(-c for c in when[0])).point
            base = tuple((a + b) / 2 for a, b in zip(base, top, strict=True))
        gb, gl = self._at(g, base), self._at(g, low)
        if gb < 0:
            return base
        if self._member(low) and (when is None or self._at(when, low) > 0):
            return low
        eps = -gl / (2 * (gb - gl))
        return tuple(b + (1 - eps) * (lw - b) for b, lw in zip(base, low, strict=True))

    def _member(self, x: Sequence[Fraction]) -> bool:
        for r in self.rows:
            v = sum((c * y for c, y in zip(r.coeffs, x, strict=True)), Fraction(0)) - r.rhs
            if not (v == 0 if r.rel == "=" else v > 0 if r.rel == ">" else v >= 0):
                return False
        return True

    def label(self, x: Sequence[Fraction]) -> str:
        return "family member " + ", ".join(
            f"{v} = {_fmt(y)}" for v, y in zip(self.variables, x, strict=True))


def _family_forms(raw: Any, outer: Sequence[str], inner: Sequence[Sequence[str]],
                  variables: tuple[sp.Symbol, ...], point: Mapping, what: str
                  ) -> list[list[_Form]]:
    """Read ``{outer: {inner: expression}}`` as affine forms (missing entries are 0)."""
    if not isinstance(raw, Mapping):
        raise _NotExact(f"{what}: expected a mapping, got {raw!r}")
    unknown = [str(k) for k in raw if str(k) not in outer]
    if unknown:
        raise _NotExact(f"{what}: unknown labels {unknown}")
    zero = ((Fraction(0),) * len(variables), Fraction(0))
    out = []
    for i, key in enumerate(outer):
        row = raw.get(key, {})
        if not isinstance(row, Mapping):
            raise _NotExact(f"{what} of {key}: expected a mapping, got {row!r}")
        forms = [zero] * len(inner[i])
        for label, x in row.items():
            e = _expr(x, f"{what} of {key}, {label}")
            f = _affine(substitute(e, point) if point else e, variables,
                        f"{what} of {key}, {label}")
            if str(label) not in inner[i]:
                if f != zero:
                    raise _NotExact(f"{what} of {key}: {label} is not available but has "
                                    f"probability {e}")
                continue
            forms[list(inner[i]).index(str(label))] = f
        out.append(forms)
    return out


def _add(*forms: tuple[Fraction, _Form]) -> _Form:
    """The linear combination ``sum(k * f)`` of affine forms."""
    d = len(forms[0][1][0])
    coeffs = [Fraction(0)] * d
    const = Fraction(0)
    for k, (c, c0) in forms:
        if k:
            coeffs = [a + k * b for a, b in zip(coeffs, c, strict=True)]
            const += k * c0
    return tuple(coeffs), const


def _check_family(data: _Data, eq: Any, point: Mapping, failures: list[str]) -> None:
    """Every member of a reported continuum is a PBE, exactly; its ranges are exact.

    For fixed supports every equilibrium condition is linear in the free probabilities,
    so each is decided by one exact LP over the family's constraint: a condition that
    must hold where some probability is positive must hold on the family's closure unless
    that probability is zero on the whole family.  An off-path message of every member
    needs a belief at which the receiver's play is optimal (sender payoffs do not depend
    on beliefs); a message that is on the path somewhere in the family gets one from
    nearby members.
    """
    fam = eq.family
    T, M, A = data.types, data.messages, data.actions
    n = len(T)
    if data.belief_dependent:
        failures.append("family: a continuum of equilibria of a game with belief-dependent "
                        "payoffs cannot be verified exactly")
        return
    variables = tuple(getattr(fam, "variables", ()) or ())
    if (not variables or not all(isinstance(v, sp.Symbol) for v in variables)
            or len(set(variables)) != len(variables)):
        failures.append(f"family: its variables must be distinct sympy symbols, got "
                        f"{variables!r}")
        return
    d = len(variables)
    try:
        sig = _family_forms(fam.sender, T, [M] * n, variables, point, "family sender strategy")
        rho = _family_forms(fam.receiver, M, A, variables, point, "family receiver strategy")
        constraint = _expr(getattr(fam, "constraint", sp.true), "family constraint")
        rows = _linear_rows(substitute(constraint, point) if point else constraint, variables,
                            "family constraint")
    except (_NotExact, TypeError, AttributeError) as exc:
        failures.append(f"family cannot be checked exactly: {exc}")
        return
    inner = None if rows is None else strictly_feasible([r for r, _ in rows], d)
    if inner is None:
        failures.append(f"family: its constraint {constraint} has no member")
        return
    lp = _FamilyLP(variables, [r for r, _ in rows], inner)
    one = ((Fraction(0),) * d, Fraction(1))

    # --- strategies are distributions on every member
    bad = len(failures)
    for who, forms, outer, inner_labels in (("sender strategy of type", sig, T, [M] * n),
                                            ("receiver strategy after", rho, M, A)):
        for i, row in enumerate(forms):
            for j, f in enumerate(row):
                x = lp.violation(f)
                if x is not None:
                    failures.append(f"{lp.label(x)}: {who} {outer[i]} gives "
                                    f"{inner_labels[i][j]} probability {_fmt(lp._at(f, x))}")
            total = lp.range(_add(*[(Fraction(1), f) for f in row], (Fraction(-1), one)))
            if total != (0, 0):
                failures.append(f"family: the {who} {outer[i]} does not sum to 1 on every "
                                f"member (the sum minus 1 ranges over {total})")
    if len(failures) > bad:
        return

    # --- sender optimality
    us = [[[data.payoff("sender", t, m, a, None) for a in range(len(A[m]))]
           for m in range(len(M))] for t in range(n)]
    value = [[_add(*[(us[t][m][a], rho[m][a]) for a in range(len(A[m]))])
              for m in range(len(M))] for t in range(n)]
    for t in range(n):
        for m in range(len(M)):
            for m2 in range(len(M)):
                if m2 == m:
                    continue
                g = _add((Fraction(1), value[t][m]), (Fraction(-1), value[t][m2]))
                x = lp.violation(g, when=sig[t][m])
                if x is not None:
                    failures.append(f"{lp.label(x)}: type {T[t]} gains by deviating from "
                                    f"{M[m]} (sent with probability "
                                    f"{_fmt(lp._at(sig[t][m], x))}) to {M[m2]}: "
                                    f"{_fmt(lp._at(value[t][m2], x))} > "
                                    f"{_fmt(lp._at(value[t][m], x))}")

    # --- receiver optimality
    for m in range(len(M)):
        weight = _add(*[(data.prior[t], sig[t][m]) for t in range(n)])
        plays = [a for a in range(len(A[m])) if lp.range(rho[m][a])[1] != 0]
        if lp.range(weight)[1] == 0:  # off the path for every member
            if not _br_region_vertices(data, m, plays):
                failures.append(f"family: no belief after off-path message {M[m]} makes every "
                                f"action the family plays ({', '.join(A[m][a] for a in plays)}) "
                                "a best response")
            continue
        ur = [[data.payoff("receiver", t, m, a, None) for a in range(len(A[m]))]
              for t in range(n)]
        for a in plays:
            for b in range(len(A[m])):
                if b == a:
                    continue
                h = _add(*[(data.prior[t] * (ur[t][a] - ur[t][b]), sig[t][m])
                           for t in range(n)])
                x = lp.violation(h, when=rho[m][a])
                if x is not None:
                    w = lp._at(weight, x)
                    post = [data.prior[t] * lp._at(sig[t][m], x) / w for t in range(n)]
                    failures.append(f"{lp.label(x)}: after on-path message {M[m]} (posterior "
                                    f"{_fmt_point(T, post)}) the receiver plays {A[m][a]} with "
                                    f"probability {_fmt(lp._at(rho[m][a], x))}, but {A[m][b]} "
                                    "pays more")

    # --- the reported ranges are the exact ranges of the members
    ranges = getattr(fam, "ranges", None)
    if not isinstance(ranges, Mapping):
        failures.append(f"family: ranges should be a mapping variable -> (lo, hi), got "
                        f"{ranges!r}")
        return
    extra = [str(k) for k in ranges if k not in variables]
    if extra:
        failures.append(f"family: ranges given for {extra}, which are not its variables")
    for i, v in enumerate(variables):
        unit = (tuple(Fraction(int(j == i)) for j in range(d)), Fraction(0))
        true = lp.range(unit)
        shown = " to ".join("unbounded" if e is None else _fmt(e) for e in true)
        if v not in ranges:
            failures.append(f"family: no range reported for {v} (its members range from "
                            f"{shown})")
            continue
        try:
            lo, hi = (_q(_expr(e, f"range of {v}").xreplace(point)) for e in ranges[v])
        except (_NotExact, TypeError, ValueError) as exc:
            failures.append(f"family: the range of {v} is not exact ({exc})")
            continue
        if (lo, hi) != true:
            failures.append(f"family: the range of {v} is reported as [{lo}, {hi}], but its "
                            f"members range from {shown}")

    # --- the representative is a member
    try:
        rep = [[_q(_expr(eq.sender[t].get(m, 0), "")) for m in M] for t in T] + [
            [_q(_expr(eq.receiver[m].get(a, 0), "")) for a in A[i]] for i, m in enumerate(M)]
    except (_NotExact, TypeError, AttributeError):
        return
    pinned = [Row(f[0], "=", value - f[1]) for forms, vals in zip(sig + rho, rep, strict=True)
              for f, value in zip(forms, vals, strict=True)]
    if strictly_feasible(lp.rows + pinned, d) is None:
        failures.append("family: the reported equilibrium is not one of its members")
