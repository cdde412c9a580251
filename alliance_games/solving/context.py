"""Decision contexts: how the solver asks "is this number positive?".

The solver is written once.  Every sign question goes through ``ctx.sign``:

* :data:`NUMERIC` answers exactly for rationals (:class:`fractions.Fraction`);
* :class:`SymbolicContext` answers for expressions in parameters.  When the sign of an
  expression is not fixed on the part of the parameter box reached so far, it *forks*:
  :func:`explore` re-runs the computation once per consistent sequence of answers, and
  returns each run's result with the exact condition (a conjunction of polynomial sign
  conditions) under which that run is valid.

Which signs are possible is decided on a cloud of sample points in the parameter box: a
sign counts only where it is certified (a float value with a rigorous error bound, or
exact evaluation at the rational point), so every branch has a witness point and a
reported region is never empty; the conditions recorded are exact.  A region too thin
for the sample cloud can be missed (raise ``samples`` to look closer).  Lower-dimensional
cases (a parameter exactly on a boundary) are not explored here; the parametric solver
decides them separately (one parameter) or reports them as undecided.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp

from ..errors import ParameterError, UndecidableConditionError
from .algebraic import AlgebraicContext
from .rationals import rational_between
from .root_isolation import real_roots

if TYPE_CHECKING:
    from sympy.polys.fields import FracElement
    from sympy.polys.rings import PolyElement

    from ..game import SignallingGame


class NumericContext:
    """Exact rational arithmetic; never forks."""

    symbolic = False
    zero = Fraction(0)
    one = Fraction(1)

    @staticmethod
    def sign(x: Fraction) -> int:
        """The exact sign of a rational: -1, 0 or 1; the sign of
        :class:`~alliance_games.solving.context_protocol.DecisionContext`.

        Examples
        --------
        >>> NUMERIC.sign(Fraction(-2, 3)), NUMERIC.sign(Fraction(0))
        (-1, 0)
        """
        n = x.numerator
        return (n > 0) - (n < 0)

    @staticmethod
    def simplify(x: Fraction) -> Fraction:
        """``x`` unchanged (a Fraction is always in lowest terms): the ``simplify`` of
        :class:`~alliance_games.solving.context_protocol.DecisionContext`."""
        return x

    @staticmethod
    def coerce(x: Fraction | int | sp.Expr) -> Fraction:
        """An input number (a Fraction, an int or a sympy Rational) as a Fraction, and
        TypeError for any other (a float, an irrational or symbolic expression); the
        conversion of :class:`~alliance_games.solving.context_protocol.DecisionContext`.

        Examples
        --------
        >>> NUMERIC.coerce(sp.Rational(1, 3)), NUMERIC.coerce(2)
        (Fraction(1, 3), Fraction(2, 1))
        """
        if isinstance(x, Fraction):
            return x
        if isinstance(x, int):
            return Fraction(x)
        if isinstance(x, sp.Rational):
            return Fraction(int(x.p), int(x.q))
        raise TypeError(f"not an exact rational: {x!r}")


NUMERIC = NumericContext()


class _Fork(Exception):
    """Raised internally when the decision budget of one run is exceeded."""



UNKNOWN = 2  # an atom's sign not (yet) certified at a sample point
_UNIT = 2.0 ** -52  # twice the unit roundoff of a double
_EXACT_BUDGET = 256  # exact evaluations per atom and decision before points are dropped


class _AtomSigns:
    """Certified signs of one atom at the sample points.

    A polynomial with rational coefficients is evaluated in floats term by term along
    with the sum of the terms' absolute values ``M``; the computed value ``v`` then has
    ``|v - exact| <= (3 d + k + 4) u M`` (``d`` the degree, ``k`` the number of terms,
    ``u`` the unit roundoff, including the rounding of the point itself), so its sign
    is certified when ``|v|`` exceeds that bound.  The rest, and every point of a
    non-polynomial atom, are decided exactly at the rational point when asked for.
    """

    def __init__(self, atom, params, terms, signs):
        self.atom = atom
        self.params = params
        self.terms = terms  # [(Fraction coefficient, exponents)] or None
        self.signs = signs

    @classmethod
    def build(cls, atom, params, points) -> _AtomSigns:
        n = len(points)
        signs = np.full(n, UNKNOWN, dtype=np.int8)
        terms = _rational_terms(atom, params)
        if terms is not None and n:
            val = np.zeros(n)
            mag = np.zeros(n)
            with np.errstate(all="ignore"):
                for coef, monom in terms:
                    t = np.full(n, float(coef))
                    for j, e in enumerate(monom):
                        if e:
                            t = t * points[:, j] ** e
                    val += t
                    mag += np.abs(t)
                deg = max(sum(m) for _, m in terms)
                bound = mag * ((3 * deg + len(terms) + 4) * _UNIT * 1.125) \
                    + len(terms) * (deg + 2) * 2.0 ** -1000
                ok = np.isfinite(val) & np.isfinite(bound)
                signs[ok & (val > bound)] = 1
                signs[ok & (val < -bound)] = -1
        return cls(atom, params, terms, signs)

    def extend(self, n: int) -> None:
        """Room for sample points added after the first evaluation (undecided)."""
        if len(self.signs) < n:
            self.signs = np.concatenate(
                [self.signs, np.full(n - len(self.signs), UNKNOWN, dtype=np.int8)])

    def resolve(self, idx, rational_points, budget: int | None = _EXACT_BUDGET) -> None:
        """Decide the sign exactly at the sample points ``idx`` (at most ``budget``)."""
        if budget is not None:
            idx = idx[:budget]
        for i in idx:
            point = rational_points[i]
            if self.terms is not None:
                x = [Fraction(int(point[p].p), int(point[p].q)) for p in self.params]
                v = sum(c * math.prod(xj ** e for xj, e in zip(x, m) if e)
                        for c, m in self.terms)
                self.signs[i] = (v > 0) - (v < 0)
            else:
                self.signs[i] = AlgebraicContext.sign(self.atom.xreplace(point))


def _rational_terms(atom, params):
    """``((coefficient, exponents), ...)`` of a polynomial with rational coefficients, or
    None.  Remembered (:func:`_terms`): a parametric solve decides the same atoms at many
    points (building their ``Poly`` took up to a sixth of a 3x3x3 game's solve, profiled)."""
    return _terms(atom, tuple(params))


@functools.lru_cache(maxsize=1 << 14)
def _terms(atom: sp.Expr, params: tuple) -> tuple | None:
    """:func:`_rational_terms` of hashable arguments, remembered."""
    try:
        poly = sp.Poly(atom, *params)
    except (sp.PolynomialError, sp.GeneratorsNeeded):
        return None
    if not (poly.domain.is_ZZ or poly.domain.is_QQ):
        return None
    return tuple((Fraction(int(c.p), int(c.q)), m) for m, c in poly.terms())


@dataclass
class Oracle:
    """Answers sign questions for one run, following a prefix of earlier choices."""

    params: tuple[sp.Symbol, ...]
    points: np.ndarray  # (n_samples, n_params) floats
    rational_points: list[dict]  # exact versions of the same points
    prefix: list[int]
    base_mask: np.ndarray
    trace: list[tuple[int, int]] = field(default_factory=list)  # (n_options, chosen)
    known: dict = field(default_factory=dict)  # atom -> sign
    atoms: list = field(default_factory=list)  # (atom, sign) in order decided
    mask: np.ndarray | None = None
    cache: dict = field(default_factory=dict)  # atom -> _AtomSigns
    memo: dict = field(default_factory=dict)  # key -> [(queried atoms with signs, result)]
    factors: dict = field(default_factory=dict)  # value -> (sign, ((atom, mult), ...))
    recorders: list = field(default_factory=list)
    # arithmetic results keyed by all of their inputs, no sign answer among them: safe
    # to share between branches (``tableaux``: the fraction-free simplex's, shared by
    # the runs of one exploration only, which bounds their memory)
    arith: dict = field(default_factory=dict)
    tableaux: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.mask = self.base_mask.copy()

    def memoized(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per consistent set of sign answers, shared across runs.

        A stored result is reused when every sign it depended on has the same answer on
        the current branch (deciding, and if need be forking on, those signs again)."""
        entries = self.memo.setdefault(key, [])
        for atoms, result in entries:
            if all(self.decide(a) == s for a, s in atoms):
                return result
        record: list = []
        self.recorders.append(record)
        try:
            result = compute()
        finally:
            self.recorders.pop()
        entries.append((tuple(record), result))
        return result

    def decide(self, atom: sp.Expr) -> int:
        """The sign of ``atom`` on this branch (forking when several are possible), also
        recorded for every :meth:`memoized` computation under way."""
        s = self._decide(atom)
        for rec in self.recorders:
            rec.append((atom, s))
        return s

    def _decide(self, atom: sp.Expr) -> int:
        """The sign of ``atom`` on this branch, forking when several are possible.

        A sign is possible when it is *certified* at some live sample point: by a float
        value whose rigorous error bound excludes zero, or by exact evaluation at the
        rational point.  No tolerance decides a sign; points that stay undecided (after
        a bounded number of exact evaluations) leave the live set, which can only make a
        thin region harder to find, never a reported condition wrong."""
        if atom in self.known:
            return self.known[atom]
        entry = self.cache.get(atom)
        if entry is None:
            entry = _AtomSigns.build(atom, self.params, self.points)
            self.cache[atom] = entry
        entry.extend(len(self.points))
        live = self.mask
        entry.resolve(np.flatnonzero(live & (entry.signs == UNKNOWN)), self.rational_points)
        sg = entry.signs
        pos = live & (sg == 1)
        neg = live & (sg == -1)
        options = [s for s, m in ((1, pos), (-1, neg)) if m.any()]
        if not options:
            zero = live & (sg == 0)
            if not zero.any():
                # every live point undecided after the budget: settle them one by one
                for i in np.flatnonzero(live & (sg == UNKNOWN)):
                    entry.resolve(np.array([i]), self.rational_points, budget=None)
                    if sg[i] != 0:
                        break
                pos, neg, zero = live & (sg == 1), live & (sg == -1), live & (sg == 0)
                options = [s for s, m in ((1, pos), (-1, neg)) if m.any()]
            if not options:
                self._record(atom, 0, zero)
                return 0
        if len(options) == 1:
            choice = options[0]
        else:
            k = len(self.trace)
            pick = self.prefix[k] if k < len(self.prefix) else 0
            self.trace.append((len(options), pick))
            choice = options[pick]
        self._record(atom, choice, pos if choice > 0 else neg)
        return choice

    def _record(self, atom, s, mask) -> None:
        self.known[atom] = s
        self.atoms.append((atom, s))
        self.mask = mask

    def condition(self) -> sp.Basic:
        """The run's exact condition: the conjunction of the sign conditions of the atoms
        decided so far (``atom > 0``, ``atom < 0`` or ``Eq(atom, 0)``), in order.

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> oracle = PointOracle((p,), {p: sp.Rational(1, 3)})
        >>> oracle.decide(2 * p - 1), oracle.decide(p), oracle.condition()
        (-1, 1, (p > 0) & (2*p - 1 < 0))
        """
        key = ("condition", tuple(self.atoms))  # runs of many patterns end alike
        hit = self.arith.get(key)
        if hit is None:
            rels = []
            for atom, s in self.atoms:
                rels.append(atom > 0 if s > 0 else (atom < 0 if s < 0 else sp.Eq(atom, 0)))
            hit = self.arith[key] = sp.And(*rels)
        return hit


class PointOracle(Oracle):
    """Answers every sign question exactly at one point (never forks).

    ``at`` maps each parameter to a real algebraic number; ``minpolys`` gives, for an
    irrational value, its minimal polynomial (an atom vanishes there exactly when that
    polynomial divides it).  Field arithmetic with these signs reproduces the exact
    computation at the point: every pivot and divisor is non-zero there.
    """

    def __init__(self, params, at: Mapping, minpolys: Mapping | None = None,
                 memo: dict | None = None, factors: dict | None = None,
                 arith: dict | None = None, tableaux: dict | None = None):
        super().__init__(params, np.zeros((0, len(params))), [], [],
                         np.zeros(0, dtype=bool), memo={} if memo is None else memo,
                         factors={} if factors is None else factors,
                         arith={} if arith is None else arith,
                         tableaux={} if tableaux is None else tableaux)
        self.at = dict(at)
        self.minpolys = dict(minpolys or {})

    def _decide(self, atom: sp.Expr) -> int:
        if atom in self.known:
            return self.known[atom]
        s = sign_at(atom, self.params, self.at, self.minpolys)
        self.known[atom] = s
        self.atoms.append((atom, s))
        return s


def sign_at(atom: sp.Expr, params: Sequence[sp.Symbol], at: Mapping,
            minpolys: Mapping | None = None) -> int:
    """The exact sign of ``atom`` at the point ``at`` (real algebraic coordinates).

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> sign_at(p**2 - 2, (p,), {p: sp.sqrt(2)}, {p: sp.Poly(p**2 - 2, p)})
    0
    >>> sign_at(p**2 - 2, (p,), {p: sp.Rational(3, 2)})
    1
    """
    minpolys = minpolys or {}
    if all(at[q].is_Rational for q in params):
        terms = _rational_terms(atom, params)
        if terms is not None:
            x = [Fraction(int(at[q].p), int(at[q].q)) for q in params]
            v = sum(c * math.prod(xj ** e for xj, e in zip(x, m) if e) for c, m in terms)
            return (v > 0) - (v < 0)
    elif len(params) == 1 and params[0] in minpolys:
        q = params[0]
        try:
            poly = sp.Poly(atom, q, domain=sp.QQ)
        except (sp.PolynomialError, sp.CoercionFailed):
            poly = None
        if poly is not None and poly.rem(minpolys[q].set_domain(sp.QQ)).is_zero:
            return 0
    return int(AlgebraicContext.sign(atom.xreplace(dict(at))))


class SymbolicContext:
    """Arithmetic on sympy expressions; sign questions answered by an :class:`Oracle`.

    The factorisation of every expression is cached (shared by all runs of one
    exploration), but the sign of each factor is always asked of the oracle, so that
    :meth:`Oracle.memoized` records every sign a memoised result depends on.
    """

    symbolic = True
    zero = sp.Integer(0)
    one = sp.Integer(1)

    def __init__(self, oracle: Oracle):
        self.oracle = oracle

    def coerce(self, x: Fraction | int | sp.Expr) -> sp.Expr:
        """An input number as a sympy expression: the conversion of
        :class:`~alliance_games.solving.context_protocol.DecisionContext`.

        Examples
        --------
        >>> ctx = SymbolicContext(PointOracle((), {}))
        >>> ctx.coerce(Fraction(1, 2)), ctx.coerce(3)
        (1/2, 3)
        """
        if isinstance(x, Fraction):
            return sp.Rational(x.numerator, x.denominator)
        return sp.sympify(x)

    def memoized(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """Reuse ``compute()`` across branches that answer its sign questions alike."""
        return self.oracle.memoized(key, compute)

    @staticmethod
    def simplify(x: sp.Expr) -> sp.Expr:
        """``x`` with common factors cancelled (``sp.cancel``; a number as it is): the
        ``simplify`` of :class:`~alliance_games.solving.context_protocol.DecisionContext`.

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> SymbolicContext.simplify((p**2 - 1) / (p - 1))
        p + 1
        """
        if isinstance(x, sp.Basic) and not x.is_number:
            return sp.cancel(x)
        return x

    def sign(self, x: sp.Expr | Fraction | int) -> int:
        """The sign of ``x`` on this branch: a number's exactly, an expression's from the
        signs the oracle gives its factors (it may fork); the sign of
        :class:`~alliance_games.solving.context_protocol.DecisionContext`.

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> ctx = SymbolicContext(PointOracle((p,), {p: sp.Rational(1, 3)}))
        >>> ctx.sign((2 * p - 1) * (p + 1)), ctx.oracle.condition()
        (-1, (p + 1 > 0) & (2*p - 1 < 0))
        """
        x = sp.sympify(x)
        if x.is_number:
            if x.is_Rational:
                return int(sp.sign(x))
            return AlgebraicContext.sign(x)
        factors = self.oracle.factors.get(x)
        if factors is None:
            num, den = sp.fraction(sp.cancel(sp.together(x)))
            factors = _combine(_expr_factors(num), _expr_factors(den))
            self.oracle.factors[x] = factors
        return self._sign_of(factors)

    def _sign_of(self, factors) -> int:
        """The sign of ``c * prod(atom ** mult)``, each atom's sign asked of the oracle."""
        s, atoms = factors
        for atom, mult in atoms:
            fs = self.oracle.decide(atom)
            if fs == 0:
                return 0
            s *= fs ** mult
        return s


def _combine(num, den):
    return num[0] * den[0], num[1] + den[1]


def _expr_factors(p: sp.Expr):
    """``(sign of the constant, ((atom, multiplicity), ...))`` with atoms of positive
    leading coefficient, for a polynomial expression."""
    if p.is_number:
        return int(AlgebraicContext.sign(p)), ()
    coeff, factors = sp.factor_list(p)
    s = int(AlgebraicContext.sign(coeff))
    atoms = []
    for f, mult in factors:
        if f.is_number:
            s *= int(AlgebraicContext.sign(f)) ** mult
            continue
        lc = sp.Poly(f, *sorted(f.free_symbols, key=str)).LC()
        if lc < 0:
            f = -f
            s *= (-1) ** mult
        atoms.append((f, mult))
    return s, tuple(atoms)


def _ring_factors(poly):
    """:func:`_expr_factors` for an element of a polynomial ring over the rationals."""
    if poly.is_ground:
        c = poly.LC if poly else 0
        return (c > 0) - (c < 0), ()
    coeff, factors = poly.factor_list()
    s = (coeff > 0) - (coeff < 0)
    atoms = []
    for f, mult in factors:
        if f.is_ground:
            fc = f.LC
            s *= ((fc > 0) - (fc < 0)) ** mult
            continue
        if f.LC < 0:
            f = -f
            s *= (-1) ** mult
        atoms.append((f.as_expr(), mult))
    return s, tuple(atoms)


def _cached_factors(poly, cache):
    """:func:`_ring_factors` of a polynomial, kept in ``cache`` (keyed by the polynomial)."""
    hit = cache.get(poly)
    if hit is None:
        hit = cache[poly] = _ring_factors(poly)
    return hit


def _quotient_factors(t, d, cache):
    """``(sign, atoms)`` of ``t / d`` in lowest terms, as :meth:`FieldContext.sign` finds
    them for that field element (its numerator's atoms, then its denominator's)."""
    if d.is_ground:
        s, atoms = _cached_factors(t, cache)
        c = d.LC
        return s * ((c > 0) - (c < 0)), atoms
    key = ("factor list", d)
    irreducible = cache.get(key)
    if irreducible is None:
        irreducible = cache[key] = [(f, m) for f, m in d.factor_list()[1] if not f.is_ground]
    num, den = t, d
    for f, m in irreducible:
        for _ in range(m):
            q, r = num.div(f)
            if r:
                break
            num, den = q.copy(), den.exquo(f).copy()  # (copies: fresh cached hashes)
    return _combine(_cached_factors(num, cache), _cached_factors(den, cache))


class FieldContext(SymbolicContext):
    """Sign-splitting context whose values are elements of the field of rational
    functions in the parameters (fast, canonical arithmetic)."""

    def __init__(self, oracle: Oracle, field):
        super().__init__(oracle)
        self.field = field
        self.zero = field.zero
        self.one = field.one

    def coerce(self, x: Fraction | int | sp.Expr | FracElement) -> FracElement:
        """An input number (a Fraction, an int or a sympy expression) as an element of
        the field, a field element as it is: the conversion of
        :class:`~alliance_games.solving.context_protocol.DecisionContext`.

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> ctx = FieldContext(PointOracle((p,), {p: sp.Rational(1, 3)}), field_for((p,)))
        >>> ctx.coerce(Fraction(1, 2)), ctx.coerce((p**2 - 1) / (p - 1))
        (1/2, p + 1)
        """
        if isinstance(x, (Fraction, int)):
            key = ("coerce", self.field, x)  # (Fraction(1) and 1 are the same element)
            hit = self.oracle.arith.get(key)
            if hit is None:
                hit = self.oracle.arith[key] = self.field.convert(
                    sp.QQ(x.numerator, x.denominator))
            return hit
        if isinstance(x, sp.Basic):
            return self.field.from_sympy(x)
        return x

    @staticmethod
    def simplify(x: FracElement) -> FracElement:
        """``x`` unchanged (field elements are kept in lowest terms): the ``simplify`` of
        :class:`~alliance_games.solving.context_protocol.DecisionContext`."""
        return x

    def sign_quotient(self, t: PolyElement, d: PolyElement) -> int:
        """The sign of ``t / d`` for polynomials ``t`` and ``d != 0`` with rational
        coefficients (ring elements): the questions :meth:`sign` asks of that element
        of the field, i.e. about the factors of the fraction in lowest terms.  The common
        factors are found by dividing ``t`` by the irreducible factors of ``d`` (no gcd).

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> ring = field_for((p,)).field.ring
        >>> P = ring.gens[0]
        >>> ctx = FieldContext(PointOracle((p,), {p: sp.Rational(1, 3)}), field_for((p,)))
        >>> ctx.sign_quotient((2 * P - 1) * (P + 1), (P + 1) * P), ctx.oracle.atoms
        (-1, [(2*p - 1, -1), (p, 1)])
        """
        if not t:
            return 0
        cache = self.oracle.factors
        key = ("quotient", t, d)
        factors = cache.get(key)
        if factors is None:
            factors = cache[key] = _quotient_factors(t, d, cache)
        return self._sign_of(factors)

    def sign(self, x: FracElement | sp.Expr | Fraction | int) -> int:
        """The sign of ``x`` on this branch, from the signs the oracle gives the factors
        of a field element's numerator and denominator (a sympy value as in
        :meth:`SymbolicContext.sign`); the sign of
        :class:`~alliance_games.solving.context_protocol.DecisionContext`.

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> ctx = FieldContext(PointOracle((p,), {p: sp.Rational(1, 3)}), field_for((p,)))
        >>> ctx.sign(ctx.coerce((p - 1) / (p + 1))), ctx.oracle.condition()
        (-1, (p + 1 > 0) & (p - 1 < 0))
        """
        if not hasattr(x, "numer"):
            return super().sign(x)
        factors = self.oracle.factors.get(x)
        if factors is None:
            factors = _combine(_ring_factors(x.numer), _ring_factors(x.denom))
            self.oracle.factors[x] = factors
        return self._sign_of(factors)


def field_for(params: Sequence[sp.Symbol]) -> Any:
    """The field of rational functions over the rationals in ``params``.

    Examples
    --------
    Its elements are kept in lowest terms:

    >>> p = sp.Symbol("p")
    >>> field = field_for((p,))
    >>> field, field.from_sympy((p**2 - 1) / (p - 1))
    (QQ(p), p + 1)
    """
    return sp.QQ.frac_field(*params)


def to_expr(x: object) -> sp.Expr:
    """A field element (or any value) as a sympy expression.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> to_expr(Fraction(1, 3)), to_expr(field_for((p,)).from_sympy(p / 2)), to_expr(2)
    (1/3, p/2, 2)
    """
    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    if hasattr(x, "numer") and hasattr(x, "as_expr"):
        return x.as_expr()
    return sp.sympify(x)


@dataclass(frozen=True)
class ParameterBox:
    """The admissible parameter box and extra assumptions, with a cloud of sample points."""

    params: tuple[sp.Symbol, ...]
    points: np.ndarray
    rational_points: list[dict]
    mask: np.ndarray

    @classmethod
    def from_game(cls, game: SignallingGame, samples: int = 3000, seed: int = 0) -> ParameterBox:
        """The box of the game's free parameters (in their ranges) with ``samples`` sample
        points drawn with ``seed`` (rounded to rationals, so the float and exact views
        agree); the points satisfying the game's assumptions are live (``mask``).
        :class:`~alliance_games.errors.ParameterError` if none is.

        Examples
        --------
        >>> from alliance_games.examples import beer_quiche
        >>> box = ParameterBox.from_game(beer_quiche(sp.Symbol("p")), samples=100)
        >>> box.params, box.points.shape, int(box.mask.sum())
        ((p,), (100, 1), 100)
        """
        params = tuple(sorted(game.free_parameters, key=str))
        rng = np.random.default_rng(seed)
        cols = []
        for p in params:
            lo, hi = game.parameters[p]
            cols.append(_sample_axis(rng, lo, hi, samples))
        points = np.column_stack(cols) if cols else np.zeros((samples, 0))
        # rationalise every point so float and exact views agree
        rational = []
        for row in points:
            rational.append({p: sp.Rational(Fraction(float(v)).limit_denominator(10**9))
                             for p, v in zip(params, row)})
        points = np.array([[float(r[p]) for p in params] for r in rational]) if params \
            else points
        mask = np.ones(len(points), dtype=bool)
        for a in game.assumptions:
            f = sp.lambdify(params, a, modules="numpy")
            with np.errstate(all="ignore"):
                ok = np.asarray(f(*points.T), dtype=bool)
            mask &= np.broadcast_to(ok, mask.shape)
        if not mask.any():
            raise ParameterError("no sample point of the parameter box satisfies the "
                                 "assumptions; check them or the ranges")
        return cls(params, points, rational, mask)

    def with_points(self, extra: Sequence[Mapping], assumptions: Sequence[sp.Basic] = ()
                    ) -> ParameterBox:
        """The box with more (exact, rational) sample points; assumptions checked exactly."""
        rows = [[float(pt[q]) for q in self.params] for pt in extra]
        points = np.vstack([self.points, np.array(rows, dtype=float)]) if rows else self.points
        ok = [all(bool(a.xreplace(dict(pt))) is True for a in assumptions) for pt in extra]
        mask = np.concatenate([self.mask, np.array(ok, dtype=bool)])
        return ParameterBox(self.params, points, list(self.rational_points) + list(extra),
                            mask)


def _sample_axis(rng, lo, hi, n) -> np.ndarray:
    lo_f = None if lo is None else float(lo)
    hi_f = None if hi is None else float(hi)
    if lo_f is not None and hi_f is not None:
        width = hi_f - lo_f
        u = rng.uniform(0.0, 1.0, n)
        grid = (np.arange(n) + 0.5) / n  # stratified: covers thin slabs near the edges
        u = np.where(np.arange(n) % 2 == 0, u, rng.permutation(grid))
        return lo_f + width * np.clip(u, 1e-6, 1 - 1e-6)
    if lo_f is not None:
        return lo_f + rng.exponential(1.0, n) * np.where(rng.uniform(size=n) < 0.5, 1, 10)
    if hi_f is not None:
        return hi_f - rng.exponential(1.0, n) * np.where(rng.uniform(size=n) < 0.5, 1, 10)
    return rng.normal(0.0, 3.0, n)


@dataclass(frozen=True)
class Leaf:
    """One consistent run: its exact condition and what the computation returned."""

    condition: sp.Basic
    result: Any


def explore(fn: Callable[[SymbolicContext], Any], box: ParameterBox,
            max_leaves: int = 4096, cache: dict | None = None,
            field: sp.polys.domains.FractionField | None = None,
            memo: dict | None = None, factors: dict | None = None,
            arith: dict | None = None) -> list[Leaf]:
    """Run ``fn(ctx)`` on every branch of its sign questions over the parameter box.

    ``cache``, ``memo``, ``factors`` and ``arith`` (see :class:`Oracle`) are shared by
    the runs, and by explorations that pass the same dictionaries.

    Examples
    --------
    >>> import sympy as sp
    >>> from types import SimpleNamespace
    >>> p = sp.Symbol("p")
    >>> game = SimpleNamespace(free_parameters={p}, parameters={p: (0, 1)}, assumptions=())
    >>> box = ParameterBox.from_game(game, samples=200)
    >>> leaves = explore(lambda ctx: ctx.sign(2 * p - 1) > 0, box)
    >>> sorted((str(l.condition), l.result) for l in leaves)
    [('2*p - 1 < 0', False), ('2*p - 1 > 0', True)]
    """
    leaves: list[Leaf] = []
    stack: list[list[int]] = [[]]
    cache = {} if cache is None else cache
    memo = {} if memo is None else memo
    factors = {} if factors is None else factors
    arith = {} if arith is None else arith
    tableaux: dict = {}
    while stack:
        prefix = stack.pop()
        oracle = Oracle(box.params, box.points, box.rational_points, prefix, box.mask,
                        cache=cache, memo=memo, factors=factors, arith=arith,
                        tableaux=tableaux)
        ctx = SymbolicContext(oracle) if field is None else FieldContext(oracle, field)
        result = fn(ctx)
        leaves.append(Leaf(oracle.condition(), result))
        if len(leaves) > max_leaves:
            raise UndecidableConditionError(
                f"more than {max_leaves} parameter regions; fix some parameters "
                "(game.subs) or narrow their ranges")
        chosen = [c for _, c in oracle.trace]
        for i in range(len(prefix), len(oracle.trace)):
            n_opt, pick = oracle.trace[i]
            for alt in range(n_opt):
                if alt != pick:
                    stack.append(chosen[:i] + [alt])
    return leaves


def merge_conditions(conditions: Sequence[sp.Basic], params: Sequence[sp.Symbol],
                     bounds: Mapping[sp.Symbol, tuple] | None = None) -> sp.Basic:
    """The union of leaf conditions, simplified as far as sympy cheaply allows.

    With one parameter the result is the union of intervals it describes (inside the
    parameter's range); otherwise a boolean simplification of the disjunction.

    Examples
    --------
    With one parameter, the union as a part of the parameter's range (True: all of it):

    >>> p, q = sp.symbols("p q")
    >>> merge_conditions([2 * p - 1 < 0, 2 * p - 1 > 0], (p,), {p: (0, 1)})
    (p > 0) & (p < 1) & Ne(p, 1/2)
    >>> merge_conditions([p**2 - 2 < 0, p - 1 > 0], (p,), {p: (0, 3)})
    True

    With two, conjunctions that differ only in the sign of one atom are joined:

    >>> merge_conditions([sp.And(p - q > 0, p + q - 1 > 0),
    ...                   sp.And(p - q < 0, p + q - 1 > 0)], (p, q))
    p + q - 1 > 0
    """
    conds = [a for c in conditions if c is not sp.false
             for a in (c.args if isinstance(c, sp.Or) else (c,))]
    if not conds:
        return sp.false
    if any(c is sp.true for c in conds):
        return sp.true
    expr = sp.Or(*conds)
    if len(params) == 1:
        region = condition_set_1d(conds, params[0], bounds or {})
        if region is not None:
            lo, hi = (bounds or {}).get(params[0], (None, None))
            box = sp.Interval.open(-sp.oo if lo is None else lo, sp.oo if hi is None else hi)
            if region == box:
                return sp.true
            if region is sp.S.EmptySet:
                return sp.false
            return region.as_relational(params[0])
    cubes = [_cube(c) for c in conds]
    if any(c is None for c in cubes):
        return expr
    cubes = _merge_cubes(cubes, bounds or {})
    if any(not c for c in cubes):
        return sp.true
    return sp.Or(*[sp.And(*[_rel(e, sgn) for e, sgn in sorted(c, key=str)]) for c in cubes])


def condition_set_1d(conds: Sequence[sp.Basic], p: sp.Symbol, bounds: Mapping,
                     points: Sequence = (), off: Sequence = ()) -> sp.Set | None:
    """The exact subset of p's open range where some condition holds (one parameter).

    Conditions are conjunctions of polynomial sign atoms, or relations in ``p`` alone.
    The range is cut at every real root of every atom (rational or irrational, as exact
    algebraic numbers); each piece (open interval or point) is decided exactly.  Returns
    None if a condition has another form.  ``points``: ``(value, minimal polynomial or
    None)`` pairs (rational values take None) where the set holds, and ``off`` such
    pairs where it does not, whatever the conditions say there (a point in both holds);
    those outside the open range are left out.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> condition_set_1d([sp.And(p**2 - 2 < 0, p > 1)], p, {p: (0, 3)})
    Interval.open(1, sqrt(2))
    >>> condition_set_1d([p**2 - 2 <= 0], p, {p: (0, 3)})
    Interval.Lopen(0, sqrt(2))
    """
    lo, hi = bounds.get(p, (None, None))
    box = sp.Interval.open(-sp.oo if lo is None else lo, sp.oo if hi is None else hi)
    cubes = []
    for c in conds:
        if c is sp.true:
            return box
        if c is sp.false:
            continue
        rels = c.args if isinstance(c, sp.And) else (c,)
        if not all(isinstance(r, sp.core.relational.Relational) for r in rels):
            return None
        parts = [_atom_1d(r, p) for r in rels]
        if any(a is None for a in parts):
            return None
        cubes.append(parts)
    polys = [x for parts in cubes for _, num, den in parts for x in (num, den)]
    pts = critical_points(polys, p, bounds)
    if pts is None:
        return None

    given = [(q, True) for q in points if in_open_range(q[0], lo, hi)] + \
        [(q, False) for q in off if in_open_range(q[0], lo, hi)]
    if not cubes and not any(h for _, h in given):
        return sp.S.EmptySet
    fixed: dict = {}  # index in ``edges`` -> whether the set holds there
    for i, (_, h) in zip(_insert_sorted(pts, [q for q, _ in given]), given):
        fixed[i + 1] = fixed.get(i + 1, False) or h
    edges = [(box.inf, None)] + pts + [(box.sup, None)]

    def truth(x, minpoly, i=None) -> bool:
        if i in fixed:
            return fixed[i]
        for parts in cubes:
            ok = True
            for rel, num, den in parts:
                sg = _sign_1d(num, p, x, minpoly) * _sign_1d(den, p, x, minpoly)
                if not relation_holds(rel, sg):
                    ok = False
                    break
            if ok:
                return True
        return False

    # maximal runs of consecutive true pieces, [first edge, last edge, left open, right
    # open], joined here (sympy's Union would compare every pair of algebraic ends)
    runs: list = []
    reaches = False  # the last run ends at the current edge, the edge included
    for i in range(len(edges) - 1):
        if truth(_between(edges[i][0], edges[i + 1][0]), None):
            if reaches:
                runs[-1][1], runs[-1][3] = i + 1, True
            else:
                runs.append([i, i + 1, True, True])
        reaches = i + 1 < len(edges) - 1 and truth(*edges[i + 1], i + 1)
        if reaches:
            if runs and runs[-1][1] == i + 1:
                runs[-1][3] = False
            else:
                runs.append([i + 1, i + 1, False, False])
    sets = [sp.FiniteSet(edges[a][0]) if a == b
            else sp.Interval(edges[a][0], edges[b][0], left_open, right_open)
            for a, b, left_open, right_open in runs]
    return sp.Union(*sets) if sets else sp.S.EmptySet


def critical_points(polys: Iterable[sp.Expr], p: sp.Symbol, bounds: Mapping) -> list | None:
    """The distinct real roots of the polynomials ``polys`` (expressions in ``p``) inside
    p's open range, in increasing order, each as ``(value, minimal polynomial or None)``
    (None for a rational root; irrational roots are radicals or ``CRootOf``).  Returns
    None if some expression is not a polynomial in ``p`` with rational coefficients.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> [x for x, _ in critical_points([p**3 - 2*p, 2*p - 1], p, {p: (0, 2)})]
    [1/2, sqrt(2)]
    """
    lo, hi = bounds.get(p, (None, None))
    seen: dict = {}
    for e in polys:
        if not e.has(p):
            continue
        roots = _real_roots(e, p)
        if roots is None:
            return None
        for x, f in roots:
            if not in_open_range(x, lo, hi):
                continue
            key = x if x.is_Rational else (f.as_expr(), x)
            seen.setdefault(key, (x, f))
    return sorted(seen.values(), key=functools.cmp_to_key(
        lambda u, v: AlgebraicContext.sign(u[0] - v[0])))


def in_open_range(x: sp.Expr, lo: sp.Expr | int | None, hi: sp.Expr | int | None
                  ) -> bool:
    """Whether the real algebraic number ``x`` lies strictly between ``lo`` and ``hi``
    (None: no bound on that side), decided exactly.

    Examples
    --------
    >>> in_open_range(sp.sqrt(2), 1, None), in_open_range(sp.Integer(1), 1, 2)
    (True, False)
    """
    return (lo is None or AlgebraicContext.sign(x - lo) > 0) and \
        (hi is None or AlgebraicContext.sign(hi - x) > 0)


def _insert_sorted(pts: list, given) -> list:
    """Insert the points ``given`` (``(value, minimal polynomial or None)``) into the
    sorted distinct points ``pts``, in place, unless already there; the index in ``pts``
    of each given point, once all are in."""
    marked: list = []
    for q in given:
        i = {x: j for j, (x, _) in enumerate(pts)}.get(q[0])  # written the same way
        if i is None:
            lo, hi = 0, len(pts)
            while lo < hi:  # the first point not below q
                mid = (lo + hi) // 2
                if AlgebraicContext.sign(pts[mid][0] - q[0]) < 0:
                    lo = mid + 1
                else:
                    hi = mid
            i = lo
            if i == len(pts) or AlgebraicContext.sign(pts[i][0] - q[0]) != 0:
                pts.insert(i, q)
                marked = [j + (j >= i) for j in marked]
        marked.append(i)
    return marked


@functools.lru_cache(maxsize=4096)
def _atom_1d(r: sp.core.relational.Relational, p: sp.Symbol) -> tuple | None:
    """A relation in ``p`` alone as ``(relation type, numerator, denominator)`` of its
    two sides' difference; None if other symbols occur (once per relation)."""
    e = sp.expand(r.lhs - r.rhs)
    if e.free_symbols - {p}:
        return None
    num, den = sp.fraction(sp.together(e))
    return type(r), num, den


@functools.lru_cache(maxsize=4096)
def _between(a, b) -> sp.Rational:
    """:func:`rational_between`, once per pair of ends."""
    return rational_between(a, b)


@functools.lru_cache(maxsize=4096)
def _real_roots(e: sp.Expr, p: sp.Symbol) -> tuple | None:
    """The real roots of the polynomial ``e`` in ``p`` (once per polynomial: the
    conditions of one solve share their atoms), each with its monic irreducible factor
    (None for a rational root); None if ``e`` is not a polynomial with rational
    coefficients."""
    try:
        poly = sp.Poly(e, p, domain=sp.QQ)
    except (sp.PolynomialError, sp.CoercionFailed):
        return None
    monic = [f.monic() for f, _ in poly.factor_list()[1]]
    return tuple((x, None if x.is_Rational else f) for f in monic for x in real_roots(f))


@functools.lru_cache(maxsize=1 << 16)
def _sign_1d(e: sp.Expr, p: sp.Symbol, x, minpoly) -> int:
    """:func:`sign_at` of ``e`` at ``p = x`` (``minpoly``: x's minimal polynomial, None
    for a rational x), once per expression and point."""
    return sign_at(e, (p,), {p: x}, {p: minpoly} if minpoly is not None else {})


_HOLDS = {sp.StrictGreaterThan: lambda s: s > 0, sp.GreaterThan: lambda s: s >= 0,
          sp.StrictLessThan: lambda s: s < 0, sp.LessThan: lambda s: s <= 0,
          sp.Equality: lambda s: s == 0, sp.Unequality: lambda s: s != 0}


def relation_holds(kind: type, sign: int) -> bool:
    """Whether a relation of type ``kind`` (``sp.StrictGreaterThan``, ...) between
    ``lhs - rhs`` and 0 holds where ``lhs - rhs`` has this sign; KeyError for a type
    that is not one of the six relations.

    Examples
    --------
    >>> relation_holds(sp.GreaterThan, 0), relation_holds(sp.StrictLessThan, 1)
    (True, False)
    """
    return _HOLDS[kind](sign)


def _cube(cond: sp.Basic):
    """A conjunction of sign atoms as a frozenset of (expression, sign), or None."""
    rels = cond.args if isinstance(cond, sp.And) else (cond,)
    out = set()
    for r in rels:
        if isinstance(r, sp.StrictGreaterThan):
            out.add((sp.expand(r.lhs - r.rhs), 1))
        elif isinstance(r, sp.StrictLessThan):
            out.add((sp.expand(r.lhs - r.rhs), -1))
        elif isinstance(r, sp.Equality):
            out.add((sp.expand(r.lhs - r.rhs), 0))
        else:
            return None
    return frozenset(out)


def _rel(e: sp.Expr, sgn: int) -> sp.Basic:
    return e > 0 if sgn > 0 else (e < 0 if sgn < 0 else sp.Eq(e, 0))


def _implied_by_box(e: sp.Expr, sgn: int, bounds: Mapping) -> bool:
    syms = e.free_symbols
    if len(syms) != 1 or sgn == 0:
        return False
    (p,) = syms
    if p not in bounds or sp.degree(e, p) != 1:
        return False
    lo, hi = bounds[p]
    a = e.coeff(p, 1)
    root = -e.coeff(p, 0) / a
    # sign of e on the box: e > 0 iff p > root (a > 0) or p < root (a < 0)
    if (a > 0) == (sgn > 0):
        return lo is not None and root <= lo
    return hi is not None and root >= hi


def _merge_cubes(cubes, bounds):
    """Join conjunctions differing only in the sign of one atom (the atom's zero set is
    lower-dimensional), drop absorbed ones and atoms the parameter box implies."""
    cur = {frozenset(a for a in c if not _implied_by_box(a[0], a[1], bounds)) for c in cubes}
    changed = True
    while changed:
        changed = False
        items = sorted(cur, key=_cube_key)  # the same joins whatever the hash seed
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                a, b = items[i], items[j]
                diff = a ^ b
                if len(diff) == 2:
                    (e1, s1), (e2, s2) = sorted(diff, key=str)
                    if e1 == e2 and s1 == -s2 != 0:
                        merged = a & b
                        cur.discard(a)
                        cur.discard(b)
                        cur.add(merged)
                        changed = True
                        break
            if changed:
                break
    cur = [_tighten(c) for c in sorted(cur, key=_cube_key) if not any(o < c for o in cur)]
    return [c for c in cur if not any(o < c for o in cur)]


def _cube_key(cube: frozenset) -> tuple:
    return tuple(sorted((str(e), s) for e, s in cube))


def _tighten(cube: frozenset) -> frozenset:
    """Keep only the binding bound among linear one-parameter atoms of a conjunction."""
    best: dict = {}
    rest = []
    for e, sgn in cube:
        syms = e.free_symbols
        if sgn != 0 and len(syms) == 1 and sp.degree(e, next(iter(syms))) == 1:
            p = next(iter(syms))
            a = e.coeff(p, 1)
            root = -e.coeff(p, 0) / a
            side = "lo" if (a > 0) == (sgn > 0) else "hi"
            key = (p, side)
            cur = best.get(key)
            if cur is None or (side == "lo" and root > cur[0]) or (side == "hi" and root < cur[0]):
                best[key] = (root, (e, sgn))
        else:
            rest.append((e, sgn))
    return frozenset(rest + [atom for _, atom in best.values()])


def finite(x: float) -> bool:
    """True for a finite float.

    Examples
    --------
    >>> finite(1.5), finite(float("inf")), finite(float("nan"))
    (True, False, False)
    """
    return math.isfinite(x)
