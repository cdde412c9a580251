"""Comparative statics of equilibrium quantities over a region of parameter space.

:func:`comparative_statics` reports the sign of ``d quantity / d param`` over the part
of a box where a region condition holds. The sign is *proved* with sympy when it can be
(``method="symbolic"``), and otherwise estimated on random rational points of the region
(``method="numerical"``, reported as numerical evidence with its sample size and seed);
the two are never mixed. :func:`quantity_curve` tabulates a quantity of several
equilibria along one parameter, for :func:`alliance_games.plotting.plot_quantity`.

Sign convention: ``"+"`` means the derivative is ``>= 0`` on the region and positive
somewhere (the quantity is weakly increasing), ``"-"`` the mirror image, ``"0"`` that it
is zero throughout, ``"mixed"`` that it takes both signs.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy as sp
from sympy.solvers.inequalities import solve_univariate_inequality

from alliance_games.errors import AllianceGamesError, ParameterError
from alliance_games.parametric.backends import ConditionProgram, _exact_sign
from alliance_games.parametric.regions import region_data
from alliance_games.parametric.sampling import (
    sample_box,
    to_rational,
    validate_box,
)

__all__ = ["StaticsResult", "comparative_statics", "QuantityCurve", "quantity_curve"]

SIGNS = ("+", "-", "0", "mixed")
_SIMPLIFY_OPS = 300  # expressions larger than this are not simplified


@dataclass(frozen=True, eq=False)
class StaticsResult:
    """The sign of a derivative over a region, and how it was established.

    Attributes
    ----------
    quantity, param, derivative : sympy objects
    sign : {"+", "-", "0", "mixed"}
    method : {"symbolic", "numerical"}
        ``"symbolic"``: proved by sympy (``proof`` says how). ``"numerical"``: the sign
        of the derivative at ``samples`` random rational points of the region drawn with
        ``seed`` -- evidence, not proof.
    region : sympy Boolean
    box : Mapping[Symbol, (Rational, Rational)]
    samples : int or None
        Region points evaluated (numerical method only).
    seed : int or None
    counts : Mapping[str, int] or None
        Numerical method: how many points had a positive, negative, zero derivative.
    proof : str
        How the result was obtained.
    """

    quantity: sp.Expr
    param: sp.Symbol
    derivative: sp.Expr
    sign: str
    method: str
    region: sp.Basic
    box: Mapping
    samples: int | None = None
    seed: int | None = None
    counts: Mapping | None = None
    proof: str = ""

    @property
    def is_proved(self) -> bool:
        """True only for a symbolic proof."""
        return self.method == "symbolic"

    @property
    def evidence(self) -> str:
        """One line saying whether this is a proof or numerical evidence, and its basis."""
        if self.method == "symbolic":
            return f"proved symbolically: {self.proof}"
        c = self.counts or {}
        return (f"numerical evidence (not a proof): sign of the derivative at {self.samples} "
                f"random rational points of the region, seed {self.seed} "
                f"(+: {c.get('+', 0)}, -: {c.get('-', 0)}, 0: {c.get('0', 0)})")

    def __str__(self) -> str:
        return f"sign of d({self.quantity})/d{self.param} on the region: {self.sign}; " \
               f"{self.evidence}"


def _as_expr(q: Any) -> sp.Expr:
    if isinstance(q, sp.Expr):
        return q
    if isinstance(q, (int, float)) and not isinstance(q, bool):
        return to_rational(q, "quantity")
    expr = getattr(q, "expr", None)
    if isinstance(expr, sp.Expr):
        return expr
    raise AllianceGamesError(f"quantity must be a sympy expression, got {type(q).__name__}")


def _as_region(region: Any) -> sp.Basic:
    if region is None or region is True:
        return sp.true
    if region is False:
        return sp.false
    if isinstance(region, sp.Basic):
        return region
    cond = getattr(region, "condition", None)
    if isinstance(cond, sp.Basic):
        return cond
    raise AllianceGamesError(
        f"region_condition must be a sympy Boolean or an equilibrium, got {type(region)}")


def _positive_substitution(box: Mapping) -> dict:
    """Map each box symbol onto a positive dummy: s = lo + (hi - lo) t / (1 + t), t > 0."""
    sub = {}
    for s, (lo, hi) in box.items():
        t = sp.Dummy(f"t_{s}", positive=True)
        sub[s] = lo + (hi - lo) * t / (1 + t)
    return sub


def _symbolic_sign_on_box(d: sp.Expr, box: Mapping) -> tuple[str, str] | None:
    if d.is_zero or (sp.count_ops(d) <= _SIMPLIFY_OPS and sp.simplify(d) == 0):
        return "0", "the derivative simplifies to 0"
    if sp.count_ops(d) > 4 * _SIMPLIFY_OPS:
        return None
    sub = _positive_substitution(box)
    try:
        dt = sp.factor(sp.together(d.subs(sub)))
    except (sp.PolynomialError, TypeError, ValueError):  # pragma: no cover - defensive
        return None
    where = ", ".join(f"{lo} < {s} < {hi}" for s, (lo, hi) in box.items())
    how = "sympy: each coordinate mapped onto t > 0 as lo + (hi - lo) t / (1 + t)"
    if dt.is_positive:
        return "+", f"the derivative is positive wherever {where} ({how})"
    if dt.is_negative:
        return "-", f"the derivative is negative wherever {where} ({how})"
    return None


def _tightened_box(box: Mapping, region: sp.Basic) -> dict:
    """The box cut down by the region's simple bounds ``s > a``, ``s <= b`` (conjuncts)."""
    out = dict(box)
    conjuncts = region.args if isinstance(region, sp.And) else (region,)
    for rel in conjuncts:
        if not isinstance(rel, (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan,
                                sp.GreaterThan)):
            continue
        lhs, rhs = rel.lhs, rel.rhs
        upper = isinstance(rel, (sp.StrictLessThan, sp.LessThan))  # lhs below rhs
        if isinstance(rhs, sp.Symbol) and lhs.is_Rational:
            lhs, rhs, upper = rhs, lhs, not upper
        if not (isinstance(lhs, sp.Symbol) and lhs in out and rhs.is_Rational):
            continue
        lo, hi = out[lhs]
        if upper and rhs < hi:
            hi = rhs
        elif not upper and rhs > lo:
            lo = rhs
        if lo < hi:
            out[lhs] = (lo, hi)
    return out


def _symbolic_sign_univariate(d: sp.Expr, region: sp.Basic, param: sp.Symbol,
                              lo: sp.Rational, hi: sp.Rational) -> tuple[str, str] | None:
    try:
        dom = sp.Interval.open(lo, hi)
        reg = dom if region is sp.true else dom.intersect(region.as_set())
        if reg.measure == 0:
            return None
        pos = solve_univariate_inequality(d > 0, param, relational=False, domain=reg)
        neg = solve_univariate_inequality(d < 0, param, relational=False, domain=reg)
        mp, mn = sp.sympify(pos.measure), sp.sympify(neg.measure)
    except (NotImplementedError, TypeError, ValueError, AttributeError):
        return None
    if not (mp.is_number and mn.is_number):
        return None
    how = f"solve_univariate_inequality on the region {reg}"
    if mp > 0 and mn > 0:
        return "mixed", how
    if mp > 0:
        return "+", how
    if mn > 0:
        return "-", how
    return "0", how


def _region_points(region: sp.Basic, box: Mapping, samples: int, seed: int,
                   max_draws: int) -> tuple[list[dict], int]:
    """Random rational points of ``box`` satisfying ``region`` (exact at boundaries)."""
    rng = np.random.default_rng(seed)
    symbols = tuple(box)
    kept: list[dict] = []
    drawn = 0
    batch = max(256, samples)
    while len(kept) < samples and drawn < max_draws:
        pts = sample_box(box, min(batch, max_draws - drawn), seed=int(rng.integers(2**63)))
        drawn += len(pts)
        if region is sp.true:
            kept.extend(pts)
            continue
        rows = [tuple(pt[s] for s in symbols) for pt in pts]
        uniq = [sorted(set(r[j] for r in rows)) for j in range(len(symbols))]
        pos = [{v: i for i, v in enumerate(u)} for u in uniq]
        idx = np.array([[pos[j][r[j]] for j in range(len(symbols))] for r in rows],
                       dtype=np.int64)
        prog = ConditionProgram(symbols, (region,), tuple(tuple(u) for u in uniq), indices=idx)
        ok = prog.evaluate(0, len(rows)).values[0]
        kept.extend(pt for pt, good in zip(pts, ok) if good)
    return kept[:samples], drawn


def comparative_statics(
    expr_or_quantity: Any,
    param: sp.Symbol,
    region_condition: Any,
    box: Mapping[sp.Symbol, tuple],
    *,
    samples: int = 2000,
    seed: int = 0,
    fixed: Mapping[sp.Symbol, Any] | None = None,
    max_draws: int | None = None,
) -> StaticsResult:
    """Sign of ``d quantity / d param`` over the region ``{x in box: region_condition(x)}``.

    First tries a proof: the derivative is identically zero; or it is positive
    (negative) on the whole box, shown by sympy after mapping each box coordinate onto
    a positive symbol ``t`` (``s = lo + (hi - lo) t / (1 + t)``); or, when only ``param``
    is involved, :func:`sympy.solve_univariate_inequality` on the region. Otherwise the
    derivative's sign is decided exactly at ``samples`` random rational points of the
    region, and the result is labelled sampled evidence (``method="numerical"``) with its
    sample size and seed: exact at every point, but only at those points.

    Parameters
    ----------
    expr_or_quantity : sympy Expr
        Any expression in the parameters: a mixing probability, a belief, a payoff.
    param : Symbol
        The parameter to differentiate by; it must be in ``box``.
    region_condition : sympy Boolean, equilibrium (its ``condition``) or None (the box)
    box : {Symbol: (lo, hi)}
        Ranges of every parameter left free in the quantity and the region.
    samples, seed : int
        Size and seed of the numerical sample.
    fixed : {Symbol: value}, optional
        Values substituted (exactly) before anything else.
    max_draws : int, optional
        Cap on candidate points drawn from the box (default ``max(50 * samples, 10000)``).

    Returns
    -------
    StaticsResult

    Raises
    ------
    ParameterError
        ``param`` not in the box, a free parameter without a range, or a region
        with no sampled point.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> r = comparative_statics(p / (1 - p), p, p < sp.Rational(1, 2), {p: (0, 1)})
    >>> r.sign, r.method
    ('+', 'symbolic')
    >>> q = comparative_statics((p - sp.Rational(1, 3))**2, p, p < sp.Rational(1, 2),
    ...                         {p: (0, 1)})
    >>> q.sign, q.method
    ('mixed', 'symbolic')
    """
    quantity = _as_expr(expr_or_quantity)
    region = _as_region(region_condition)
    checked = validate_box(box)
    if not isinstance(param, sp.Symbol) or param not in checked:
        raise ParameterError(f"the parameter {param} must be one of the box's symbols")
    fixed_r = {s: to_rational(v, str(s)) for s, v in (fixed or {}).items()}
    if fixed_r:
        if param in fixed_r:
            raise ParameterError(f"{param} cannot be fixed")
        quantity = quantity.xreplace(fixed_r)
        region = region.xreplace(fixed_r)
    free = (quantity.free_symbols | region.free_symbols) - set(checked)
    if free:
        raise ParameterError(f"parameters {sorted(map(str, free))} have no range in the box")
    derivative = sp.diff(quantity, param)
    if sp.count_ops(derivative) <= _SIMPLIFY_OPS:  # simplify is slow on big expressions
        derivative = sp.simplify(derivative)
    if region is sp.false:
        raise ParameterError("the region condition is False: there is nothing to sign")

    cap = max_draws if max_draws is not None else max(50 * samples, 10000)
    if region is not sp.true:  # a sign over an empty region would be vacuous
        witness, drawn = _region_points(region, checked, 1, seed, cap)
        if not witness:
            raise ParameterError(f"no point of the box satisfies the region condition "
                                 f"({drawn} draws, seed {seed})")

    proved = _symbolic_sign_on_box(derivative, _tightened_box(checked, region))
    if proved is None and (derivative.free_symbols | region.free_symbols) <= {param}:
        lo, hi = checked[param]
        proved = _symbolic_sign_univariate(derivative, region, param, lo, hi)
    if proved is not None:
        sign, how = proved
        return StaticsResult(quantity, param, derivative, sign, "symbolic", region,
                             MappingProxyType(dict(checked)), proof=how)

    pts, drawn = _region_points(region, checked, samples, seed, cap)
    if not pts:
        raise ParameterError(
            f"no point of the box satisfies the region condition ({drawn} draws, seed {seed})")
    counts = _sign_counts(derivative, pts, tuple(checked))
    sign = _sign_from_counts(counts)
    how = f"{len(pts)} region points from {drawn} draws"
    return StaticsResult(quantity, param, derivative, sign, "numerical", region,
                         MappingProxyType(dict(checked)), samples=len(pts), seed=seed,
                         counts=MappingProxyType(counts), proof=how)


def _sign_counts(d: sp.Expr, pts: list[dict], symbols: tuple) -> dict[str, int]:
    """How many of the (rational) points ``pts`` give ``d`` each sign, decided exactly:
    by exact rational arithmetic when ``d`` is a rational function of ``symbols`` (numerator
    and denominator evaluated in Python integers), else by the package's exact sign at each
    point.  No float decides a sign."""
    signs = _rational_signs(d, pts, symbols)
    if signs is None:
        signs = []
        for pt in pts:
            exact = _exact_sign(d.xreplace(pt))
            if exact is None:
                raise AllianceGamesError(
                    f"cannot decide the sign of the derivative {d} at {pt}")
            signs.append(exact)
    return {"+": sum(1 for x in signs if x > 0), "-": sum(1 for x in signs if x < 0),
            "0": sum(1 for x in signs if x == 0)}


def _rational_signs(d: sp.Expr, pts: list[dict], symbols: tuple) -> list[int] | None:
    """Exact signs of a rational function ``d`` at rational points, or None if ``d`` is not
    a rational function of ``symbols`` with rational coefficients."""
    num, den = sp.fraction(sp.together(d))
    try:
        polys = [sp.Poly(e, *symbols, domain="QQ") for e in (num, den)]
    except (sp.PolynomialError, sp.CoercionFailed):
        return None
    terms = [[(m, Fraction(int(c.numerator), int(c.denominator))) for m, c in poly.terms()]
             for poly in polys]

    def value(k: int, xs: list[Fraction]) -> Fraction:
        total = Fraction(0)
        for monomial, c in terms[k]:
            term = c
            for x, e in zip(xs, monomial):
                if e:
                    term *= x ** e
            total += term
        return total

    out = []
    for pt in pts:
        xs = [Fraction(int(sp.Rational(pt[s]).p), int(sp.Rational(pt[s]).q)) for s in symbols]
        n, q = value(0, xs), value(1, xs)
        if q == 0:
            raise AllianceGamesError(f"the derivative {d} is undefined at {pt}")
        out.append(((n > 0) - (n < 0)) * ((q > 0) - (q < 0)))
    return out


def _sign_from_counts(counts: Mapping[str, int]) -> str:
    if counts["+"] and counts["-"]:
        return "mixed"
    if counts["+"]:
        return "+"
    if counts["-"]:
        return "-"
    return "0"


@dataclass(frozen=True, eq=False)
class QuantityCurve:
    """A quantity of each equilibrium along one parameter (NaN where it does not exist).

    Attributes
    ----------
    param : Symbol
    x : ndarray
        Float parameter values (cell centres of (lo, hi)).
    exact_x : tuple of Rational
    labels : tuple of str
    values : Mapping[str, ndarray]
        Float value of the quantity per equilibrium, NaN where it does not exist.
    exists : Mapping[str, ndarray]
    fixed : Mapping[Symbol, Rational]
    """

    param: sp.Symbol
    x: np.ndarray
    exact_x: tuple
    labels: tuple
    values: Mapping
    exists: Mapping
    fixed: Mapping


def quantity_curve(
    eq_list: Iterable,
    quantity_fn: Callable[[Any], Any],
    param: sp.Symbol,
    lo: Any,
    hi: Any,
    fixed: Mapping[sp.Symbol, Any] | None = None,
    n: int = 200,
) -> QuantityCurve:
    """Tabulate ``quantity_fn(eq)`` along ``param`` for every equilibrium.

    Parameters
    ----------
    eq_list : iterable of Equilibrium (or a SolveResult)
    quantity_fn : callable
        ``quantity_fn(eq)`` returns a sympy expression in the parameters (or ``None``
        when the quantity is not defined for that equilibrium: all NaN).
    param : Symbol
    lo, hi : numbers
        The range of ``param``; ``n`` exact cell centres are used.
    fixed : {Symbol: value}
        Values of the other parameters.
    n : int

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> class Eq:
    ...     label, condition = "a", p < sp.Rational(1, 2)
    ...     intuitive_condition = d1_condition = sp.true
    >>> curve = quantity_curve([Eq()], lambda e: 2 * p, p, 0, 1, n=4)
    >>> curve.values["a"].tolist()
    [0.25, 0.75, nan, nan]
    """
    eqs = list(getattr(eq_list, "equilibria", eq_list))
    data = region_data(eqs, {param: (lo, hi)}, n=n, fixed=fixed, progress=False)
    xs = data.exact_axes[0]
    x = np.array([float(v) for v in xs])
    fixed_r = dict(data.fixed)
    values = {}
    for e in eqs:
        raw = quantity_fn(e)
        vals = np.full(x.shape, np.nan)
        if raw is not None:
            expr = _as_expr(raw).xreplace(fixed_r)
            extra = expr.free_symbols - {param}
            if extra:
                raise ParameterError(
                    f"quantity of {e.label} depends on {sorted(map(str, extra))}: fix them")
            f = sp.lambdify((param,), expr, modules="numpy")
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                out = np.broadcast_to(np.asarray(f(x), dtype=complex), x.shape)
            vals = np.where(out.imag == 0, out.real, np.nan)
        vals = np.where(data.exists[e.label], vals, np.nan)
        vals.setflags(write=False)
        values[e.label] = vals
    x.setflags(write=False)
    return QuantityCurve(param, x, tuple(xs), data.labels, MappingProxyType(values),
                         data.exists, data.fixed)
