"""Solve the CSA game at a parameter point and summarise its equilibria (spec section 4).

:func:`solve_point` solves :func:`~.model.alliance_game` exactly at one rational point,
keeps the equilibria that survive the Intuitive Criterion, selects one by the rule the
spec fixes before any hypothesis is tested (among the survivors, the one the resolved type
``H`` prefers; ties to the most informative, i.e. the largest gap between the two types'
probabilities of forming collective security), and reports every quantity as a
:class:`Quantity` ``(selected, min, max)`` over the surviving equilibria, so that a
conclusion that hangs on selection is visible.  :func:`sweep` does this over many points
on several processes.

Quantities (keys of :attr:`SolvedPoint.quantities`)
--------------------------------------------------
``pr_cs``
    Ex-ante probability that the clients form collective security.
``design[<message>][<design>]``
    Probability of each design after ``cs`` / ``no_cs`` (the patron's strategy, also off
    the path).
``attack``, ``attack[<message>]``
    Ex-ante attack probability, and the attack probability after an on-path message
    (expected over the patron's design).
``E[T]``, ``E[T_<design>]``
    Expected duration (periods) of the alliance formed on the path, over every design
    other than ``N``, and of each design (:func:`~.duration.design_duration`, weighted by
    the probability that the type sends the message and the patron picks the design);
    undefined (``None``) when no such alliance forms.
``V_P``
    The patron's duration-weighted value (:func:`~.model.signalling_patron_value`).
``U_C[L]``, ``U_C[H]``, ``U_C``
    The clients' per-period payoffs by type and ex ante.
``entrapment``, ``entrapment[<design>]``
    Per-period probability that the patron is drawn into a war it would not have chosen
    (:func:`~.payoffs.entrapment`): ex ante, and given that the design is in place (on
    the path; undefined where it never forms).

Exactness: every value is exact (sympy); durations involve ``exp`` of rationals and are
compared with 50-digit evaluation plus an exact zero test.  Points must be rational.

Examples
--------
>>> sp_ = solve_point()
>>> sp_.selected_equilibrium.kind, sp_.quantities["pr_cs"].selected
('separating', 1/2)
"""

from __future__ import annotations

import copyreg
import types
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp
from sympy.polys.polyerrors import NotAlgebraic

from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.duration import design_duration
from alliance_games.alliance.forms import FORMS_KEY
from alliance_games.alliance.geography import apply_theatre, pi_for_theta, theta
from alliance_games.alliance.model import alliance_game_at, patron_value_at
from alliance_games.alliance.parameters import S, as_point, baseline
from alliance_games.errors import (
    AllianceGamesError,
    DegenerateGameWarning,
    ParameterError,
    UndecidableConditionError,
)
from alliance_games.parametric.sweep import pmap
from alliance_games.solving import solve
from alliance_games.solving.algebraic import AlgebraicContext
from alliance_games.solving.quadratic import OutsideFastType, TracedBase, from_sympy, qsign

if TYPE_CHECKING:
    from alliance_games.equilibrium import Equilibrium

__all__ = ["Quantity", "EquilibriumSummary", "SolvedPoint", "SweepResult", "solve_point",
           "sweep", "select_index", "select_equilibrium", "FailedPoint", "full_point",
           "QUANTITY_KEYS", "sign"]


# SolvedPoint and its summaries hold MappingProxyType views, which the standard pickler
# refuses; this reducer lets them come back from sweep's worker processes.
def _mappingproxy(d: dict) -> types.MappingProxyType:
    return types.MappingProxyType(d)


copyreg.pickle(types.MappingProxyType, lambda m: (_mappingproxy, (dict(m),)))

DESIGN_KEYS = tuple(f"design[{m}][{d}]" for m in pay.MESSAGES for d in pay.DESIGNS[m])
QUANTITY_KEYS: tuple[str, ...] = (
    "pr_cs", *DESIGN_KEYS, "attack", "attack[no_cs]", "attack[cs]", "E[T]", "E[T_B]",
    "E[T_M]", "E[T_I]", "V_P", "U_C[L]", "U_C[H]", "U_C", "entrapment", "entrapment[B]",
    "entrapment[M]", "entrapment[I]")


# ------------------------------------------------------------------ exact comparisons
def sign(x: Any) -> int:
    """Exact sign of a real constant: the package's algebraic sign, also for ``exp`` terms.

    Algebraic numbers go to :meth:`~alliance_games.solving.algebraic.AlgebraicContext.sign`
    (the package's one exact sign).  Durations contain ``exp`` of rationals, which are not
    algebraic; for those the same evaluation decides a value away from zero, and one
    within ``1e-45`` of it counts as zero only if sympy proves it zero, else it is
    re-evaluated with 500 digits and, if still that close, raises
    :class:`~alliance_games.errors.UndecidableConditionError` rather than guess.

    Examples
    --------
    >>> sign(sp.Rational(-1, 3)), sign(sp.exp(1) - sp.E), sign(sp.exp(sp.Rational(1, 3)) - 1)
    (-1, 0, 1)

    A traced number (:mod:`~alliance_games.solving.traced`) decides, and records, its own
    sign.
    """
    if isinstance(x, TracedBase):
        return x.sign()
    return _sign(sp.sympify(x))


def _minus(a: Any, b: Any) -> Any:
    """``a - b`` exactly: traced numbers as they are, anything else as sympy numbers."""
    if isinstance(a, TracedBase) or isinstance(b, TracedBase):
        return a - b
    return sp.sympify(a) - sp.sympify(b)


@lru_cache(maxsize=8192)
def _sign(x: sp.Expr) -> int:
    """:func:`sign`, memoised by the expression: hypotheses compare the same durations and
    values several times (strict, weak, tie), and each evaluation of an ``exp`` tree costs.
    Sums of square roots of rationals (the quadratic posteriors' values) are decided first
    by the fast exact numbers of :mod:`~alliance_games.solving.quadratic` (exact zero
    test by linear independence, no minimal polynomial, no factoring of big radicands)."""
    try:
        return qsign(from_sympy(x))
    except (OutsideFastType, ZeroDivisionError):
        pass
    try:
        return AlgebraicContext.sign(x)
    except NotAlgebraic:
        pass
    if x.equals(0):
        return 0
    v = x.evalf(500)
    if abs(v) > sp.Float("1e-480", 500):
        return 1 if v > 0 else -1
    raise UndecidableConditionError(f"cannot decide the sign of {x}")  # pragma: no cover


def _extreme(xs: Sequence[Any], larger: bool) -> Any:
    """The least (``larger``: greatest) value, by exact comparisons (the first on ties)."""
    best = xs[0]
    for x in xs[1:]:
        s = sign(sp.sympify(x) - sp.sympify(best))
        if (s > 0) if larger else (s < 0):
            best = x
    return best


def _lt(a: Any, b: Any) -> bool:
    return sign(sp.sympify(a) - sp.sympify(b)) < 0


# --------------------------------------------------------------------------- points
def full_point(values: Mapping[Any, Any] | None = None, *, theatre: str | None = None
               ) -> dict[sp.Symbol, sp.Rational]:
    """The baseline with ``values`` on top, every value an exact Rational.

    ``values`` may also give ``"theta"``, the credible occupation threat in ``theatre``:
    it is turned into ``pi_A`` (:func:`~.geography.pi_for_theta`) after the other values.

    Raises
    ------
    ParameterError
        For a float, an irrational value or a value outside its admissible range.

    Examples
    --------
    >>> full_point({"theta": "1/2"})[S.pi_A]
    2
    """
    raw = dict(values or {})
    th = None
    for k in list(raw):
        if (k.name if isinstance(k, sp.Symbol) else str(k)) == "theta":
            th = raw.pop(k)
    over = {k.name: v for k, v in apply_theatre(raw, theatre).items()}
    point = baseline(**over)
    if th is not None:
        t = as_point({"q": th})[S.q] if not isinstance(th, sp.Basic) else th
        point[S.pi_A] = pi_for_theta(t, theatre, point)
    for s, v in point.items():
        if s is not FORMS_KEY and not isinstance(v, sp.Rational):
            raise ParameterError(f"parameter {s} = {v}: only rational points are solved "
                                 "exactly; give a Rational")
    return point


# ---------------------------------------------------------------------- selection
def select_index(h_payoffs: Sequence[Any], informativeness: Sequence[Any],
                 candidates: Iterable[int] | None = None) -> int:
    """The spec's selection rule: the candidate the H type prefers, ties to the most informative.

    Payoffs are compared exactly (:func:`sign`); remaining ties go to the lowest index.

    Examples
    --------
    >>> select_index([1, 2, 2], [0, 0, 1])
    2
    >>> select_index([1, 2, 2], [0, 0, 1], candidates=[0, 1])
    1
    """
    cands = list(range(len(h_payoffs)) if candidates is None else candidates)
    if not cands:
        raise ParameterError("no candidate equilibria to select from")
    best = cands[0]
    for i in cands[1:]:
        s = sign(_minus(h_payoffs[i], h_payoffs[best]))
        if s > 0 or (s == 0 and sign(_minus(informativeness[i], informativeness[best])) > 0):
            best = i
    return best


def select_equilibrium(eqs: Sequence[Any], convert: Callable[[sp.Expr], Any] = sp.sympify
                       ) -> tuple[int, tuple[int, ...], bool]:
    """The spec's selection among the equilibria of one CSA game: the survivors of the
    Intuitive Criterion (all equilibria when none survives), then :func:`select_index` on
    the H type's payoff and the informativeness ``|sigma_H(cs) - sigma_L(cs)|``.

    Parameters
    ----------
    eqs : sequence of Equilibrium
    convert : callable
        Turns the equilibria's sympy expressions into the numbers compared (default:
        themselves; a traced run's ``Tracer.convert`` compares traced numbers, and records
        the signs, so that the selection is part of the run).

    Returns
    -------
    (selected index, candidates, refined)
        ``refined`` is False when no equilibrium survives the Intuitive Criterion.

    Examples
    --------
    >>> from alliance_games import solve
    >>> from alliance_games.alliance.model import alliance_game
    >>> select_equilibrium(list(solve(alliance_game())))
    (1, (1,), True)
    """
    survivors = tuple(i for i, e in enumerate(eqs) if e.intuitive_criterion)
    refined = bool(survivors)
    if not refined:
        survivors = tuple(range(len(eqs)))
    h = [convert(sp.sympify(e.sender_payoffs["H"])) for e in eqs]
    gaps = [convert(sp.sympify(e.sender["H"]["cs"]) - sp.sympify(e.sender["L"]["cs"]))
            for e in eqs]
    info = [g if sign(g) >= 0 else -g for g in gaps]
    return select_index(h, info, survivors), survivors, refined


def equilibrium_class(eq: Equilibrium, played: Callable[[Any], bool] | None = None) -> str:
    """An equilibrium's kind and the designs played with positive probability after each
    message on its path: the classes of the report's maps and thresholds.

    Parameters
    ----------
    eq : Equilibrium
    played : callable, optional
        Whether a design's probability (a sympy number of ``eq``) is not 0 (default: exactly,
        by :func:`sign`; a traced run passes its own test so that it is recorded).

    Examples
    --------
    >>> from alliance_games import solve
    >>> from alliance_games.alliance.model import alliance_game
    >>> equilibrium_class(solve(alliance_game())[1])
    'separating (no_cs:I, cs:M)'
    """
    if played is None:
        def played(x: Any) -> bool:
            return sign(x) != 0
    parts = []
    for m in pay.MESSAGES:
        if m in eq.on_path:
            ds = [d for d, p in eq.receiver[m].items() if played(sp.sympify(p))]
            parts.append(f"{m}:{'+'.join(ds)}")
    return f"{eq.kind} ({', '.join(parts)})"


# ----------------------------------------------------------------------- summaries
@dataclass(frozen=True)
class Quantity:
    """A quantity in the selected equilibrium and its range over surviving equilibria.

    Values are exact sympy numbers, or ``None`` where the quantity is undefined (e.g. the
    duration of a design nobody forms); ``min``/``max`` run over the surviving equilibria
    where it is defined.
    """

    selected: Any
    min: Any
    max: Any

    @property
    def depends_on_selection(self) -> bool:
        """True when the surviving equilibria disagree on the value."""
        if self.min is None or self.max is None:
            return False
        return sign(self.max - self.min) != 0

    def floats(self) -> tuple[float, float, float]:
        """``(selected, min, max)`` as floats (NaN where undefined)."""
        f = lambda x: float("nan") if x is None else float(sp.N(x, 17))  # noqa: E731
        return f(self.selected), f(self.min), f(self.max)

    def __str__(self) -> str:
        s, lo, hi = self.floats()
        return f"{s:.4g} [{lo:.4g}, {hi:.4g}]"


@dataclass(frozen=True)
class EquilibriumSummary:
    """Quantities of one equilibrium (exact), see the module docstring for the keys.

    ``posterior[m]`` is ``Pr(H | m)`` on the path and ``None`` off it;
    ``informativeness`` is ``|Pr(cs | H) - Pr(cs | L)|``.
    """

    label: str
    kind: str
    intuitive: bool
    d1: bool
    posterior: Mapping[str, Any]
    informativeness: Any
    values: Mapping[str, Any]


@dataclass(frozen=True)
class SolvedPoint:
    """All equilibria at one point, the IC survivors, the selected one and the quantities.

    Attributes
    ----------
    values : Mapping[str, Rational]
        The full parameter point, by name.
    theatre : str
    theta : Rational
        Credible occupation threat in the theatre.
    equilibria : tuple of Equilibrium
        Everything ``solve`` found (also when returned from :func:`sweep`'s worker
        processes: equilibria pickle like any result object).
    summaries : tuple of EquilibriumSummary
        One per equilibrium.
    survivors : tuple of int
        Indices of the equilibria surviving the Intuitive Criterion (all of them, with
        ``refined=False``, if none survives).
    refined : bool
    selected : int
        Index of the selected equilibrium.
    quantities : Mapping[str, Quantity]
    """

    values: Mapping[str, Any]
    theatre: str
    theta: Any
    equilibria: tuple
    summaries: tuple[EquilibriumSummary, ...]
    survivors: tuple[int, ...]
    refined: bool
    selected: int
    quantities: Mapping[str, Quantity]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def selected_equilibrium(self) -> Equilibrium:
        """The selected :class:`~alliance_games.equilibrium.Equilibrium`."""
        return self.equilibria[self.selected]

    @property
    def selected_summary(self) -> EquilibriumSummary:
        """Summary of the selected equilibrium."""
        return self.summaries[self.selected]

    @property
    def surviving_summaries(self) -> tuple[EquilibriumSummary, ...]:
        """Summaries of the surviving equilibria."""
        return tuple(self.summaries[i] for i in self.survivors)

    @property
    def point(self) -> dict[sp.Symbol, Any]:
        """The point as ``{Symbol: Rational}``."""
        return {sp.Symbol(k): v for k, v in self.values.items()}

    def design_after(self, message: str, which: str = "selected") -> dict[str, Any]:
        """The patron's design distribution after ``message`` (``which``: selected/min/max)."""
        return {d: getattr(self.quantities[f"design[{message}][{d}]"], which)
                for d in pay.DESIGNS[message]}

    def __str__(self) -> str:
        lines = [f"{self.theatre}, theta = {self.theta}: {len(self.equilibria)} equilibria, "
                 f"{len(self.survivors)} survive IC; selected {self.selected_summary.label} "
                 f"[{self.selected_summary.kind}]"]
        lines += [f"  {k}: {q}" for k, q in self.quantities.items() if q.selected is not None]
        return "\n".join(lines)


def _on_path_posterior(eq, m: str) -> Any:
    b = eq.beliefs[m]
    if m in eq.on_path and isinstance(b, Mapping):
        return sp.sympify(b["H"])
    return None


def summarise(eq: Equilibrium, point: Mapping[sp.Symbol, Any], theatre: str) -> EquilibriumSummary:
    """Exact quantities of one equilibrium of the game at ``point`` (module docstring keys).

    Examples
    --------
    >>> from alliance_games import solve
    >>> from alliance_games.alliance.model import alliance_game
    >>> pt = full_point()
    >>> s = summarise(solve(alliance_game(pt))[1], pt, "land")
    >>> s.values["pr_cs"], s.posterior["cs"]
    (1/2, 1)
    """
    point = pay.keyed_point(point)
    q = point[S.q]
    prior = {"L": 1 - q, "H": q}
    sig = {t: {m: sp.sympify(eq.sender[t][m]) for m in pay.MESSAGES} for t in pay.TYPES}
    rho = {m: {d: sp.sympify(eq.receiver[m].get(d, 0)) for d in pay.DESIGNS[m]}
           for m in pay.MESSAGES}
    post = {m: _on_path_posterior(eq, m) for m in pay.MESSAGES}
    vals: dict[str, Any] = {}
    pr_m = {m: sum(prior[t] * sig[t][m] for t in pay.TYPES) for m in pay.MESSAGES}
    vals["pr_cs"] = pr_m["cs"]
    for m in pay.MESSAGES:
        for d in pay.DESIGNS[m]:
            vals[f"design[{m}][{d}]"] = rho[m][d]
    attack = sp.Integer(0)
    entrap = sp.Integer(0)
    ent_num: dict[str, Any] = {"B": 0, "M": 0, "I": 0}
    ent_den: dict[str, Any] = {"B": 0, "M": 0, "I": 0}
    dur_num: dict[str, Any] = {"B": 0, "M": 0, "I": 0}
    dur_den: dict[str, Any] = {"B": 0, "M": 0, "I": 0}
    for m in pay.MESSAGES:
        if post[m] is None or pr_m[m] == 0:
            vals[f"attack[{m}]"] = None
            continue
        r_m = sp.Integer(0)
        for d in pay.DESIGNS[m]:
            if rho[m][d] == 0:
                continue
            r = pay.attack_probability(m, d, theatre=theatre, point=point, mu_H=post[m])
            r_m += rho[m][d] * r
            for t in pay.TYPES:
                w = prior[t] * sig[t][m] * rho[m][d]
                if w == 0:
                    continue
                e_t = pay.entrapment(t, m, d, theatre=theatre, point=point, mu_H=post[m])
                entrap += w * e_t
                if d == "N":
                    continue
                ent_num[d] += w * e_t
                ent_den[d] += w
                res = design_duration(t, m, d, mu_H=post[m], theatre=theatre, point=point)
                dur_num[d] += w * res.expected_duration
                dur_den[d] += w
        vals[f"attack[{m}]"] = r_m
        attack += pr_m[m] * r_m
    vals["attack"] = attack
    total_w = sum(dur_den.values())
    vals["E[T]"] = (sum(dur_num.values()) / total_w) if total_w != 0 else None
    for d in ("B", "M", "I"):
        vals[f"E[T_{d}]"] = dur_num[d] / dur_den[d] if dur_den[d] != 0 else None
    vals["entrapment"] = entrap
    for d in ("B", "M", "I"):
        vals[f"entrapment[{d}]"] = ent_num[d] / ent_den[d] if ent_den[d] != 0 else None
    vals["V_P"] = patron_value_at(eq, point, theatre)
    for t in pay.TYPES:
        vals[f"U_C[{t}]"] = sp.sympify(eq.sender_payoffs[t])
    vals["U_C"] = sum(prior[t] * vals[f"U_C[{t}]"] for t in pay.TYPES)
    info = abs(sig["H"]["cs"] - sig["L"]["cs"])
    return EquilibriumSummary(
        label=str(eq.label), kind=str(eq.kind), intuitive=bool(eq.intuitive_criterion),
        d1=bool(eq.d1), posterior=types.MappingProxyType(post), informativeness=info,
        values=types.MappingProxyType(vals))


def _quantity(summaries: Sequence[EquilibriumSummary], key: str, pool: Sequence[int],
              selected: int) -> Quantity:
    xs = [summaries[i].values[key] for i in pool if summaries[i].values[key] is not None]
    if not xs:
        return Quantity(summaries[selected].values[key], None, None)
    if all(x == xs[0] for x in xs[1:]):  # one value (structurally): no evaluation needed
        return Quantity(summaries[selected].values[key], xs[0], xs[0])
    return Quantity(summaries[selected].values[key], _extreme(xs, False), _extreme(xs, True))


def solve_point(values: Mapping[Any, Any] | None = None, *, theatre: str | None = None
                ) -> SolvedPoint:
    """Solve the CSA game at one rational point and summarise it (module docstring).

    Parameters
    ----------
    values
        Overrides of the baseline ``{name or Symbol: exact value}``; ``"theta"`` sets the
        threat in ``theatre`` through ``pi_A``.
    theatre
        ``"land"`` or ``"sea"``.

    Returns
    -------
    SolvedPoint

    Examples
    --------
    >>> res = solve_point()
    >>> [s.kind for s in res.summaries], res.survivors
    (['pooling', 'separating'], (1,))
    >>> res.design_after("cs")["M"], res.design_after("no_cs")["I"]
    (1, 1)
    """
    point = full_point(values, theatre=theatre)
    game = alliance_game_at(point, theatre)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        eqs = tuple(solve(game))
    notes: list[str] = []
    if not eqs:
        raise ParameterError("solve found no equilibrium (cannot happen in a finite game)")
    summaries = tuple(summarise(e, point, theatre) for e in eqs)
    sel, survivors, refined = select_equilibrium(eqs)
    if not refined:
        notes.append("no equilibrium survives the Intuitive Criterion: selecting among all")
    quantities = {k: _quantity(summaries, k, survivors, sel) for k in QUANTITY_KEYS}
    return SolvedPoint(
        values=types.MappingProxyType({s.name: v for s, v in point.items()}),
        theatre=theatre, theta=theta(theatre, point), equilibria=eqs, summaries=summaries,
        survivors=survivors, refined=refined, selected=sel,
        quantities=types.MappingProxyType(quantities), notes=tuple(notes))


# --------------------------------------------------------------------------- sweeps
@dataclass(frozen=True)
class FailedPoint:
    """A point :func:`sweep` could not solve (the package's error, e.g. a bad value)."""

    values: Mapping[str, Any]
    theatre: str
    error: str


def _solve_one(task: tuple) -> SolvedPoint:
    values, theatre = task
    return solve_point(values, theatre=theatre)


def _solve_task(task: tuple) -> SolvedPoint | FailedPoint:
    values, theatre = task[:2]
    try:
        return _solve_one((values, theatre))
    except AllianceGamesError as exc:  # a sweep records the package's errors and goes on
        named = {(k.name if isinstance(k, sp.Symbol) else str(k)): v for k, v in values.items()}
        return FailedPoint(types.MappingProxyType(named), theatre,
                           f"{type(exc).__name__}: {exc}")


def _theta_or_nan(values: Mapping[str, Any], theatre: str) -> float:
    try:
        return float(theta(theatre, full_point(values, theatre=theatre)))
    except ParameterError:
        return float("nan")


@dataclass(frozen=True)
class SweepResult:
    """:func:`solve_point` over many points, with the quantities as arrays.

    Attributes
    ----------
    solved : tuple of SolvedPoint
    theta : ndarray
        The threat at each point (float).
    arrays : Mapping[str, ndarray]
        For each key of :data:`QUANTITY_KEYS` an ``(n, 3)`` float array of (selected,
        min, max), NaN where undefined.
    kinds : ndarray of str
        The selected equilibrium's kind ("failed" where the point failed).
    ok : ndarray of bool
        Where the point was solved (see :class:`FailedPoint`).
    """

    theatre: str
    solved: tuple[SolvedPoint | FailedPoint, ...]
    theta: np.ndarray
    arrays: Mapping[str, np.ndarray]
    kinds: np.ndarray
    ok: np.ndarray

    def __len__(self) -> int:
        return len(self.solved)

    def __getitem__(self, key: str) -> np.ndarray:
        """``result[key]`` is ``arrays[key]``."""
        return self.arrays[key]

    def selected(self, key: str) -> np.ndarray:
        """The selected equilibrium's value of ``key`` at each point."""
        return self.arrays[key][:, 0]


def sweep(points: Iterable[Mapping[Any, Any]], theatre: str | None = None,
          progress: bool = True, processes: int = 2) -> SweepResult:
    """:func:`solve_point` at every point, on ``processes`` processes, as arrays.

    A point where the package raises its own error (an inadmissible value, ...) is recorded
    as a :class:`FailedPoint` (NaN in the arrays, ``ok`` False) instead of stopping the
    sweep.  There is no timeout: results do not depend on machine load, and are returned in
    the order of ``points`` (:func:`~alliance_games.parametric.sweep.pmap`).

    Examples
    --------
    >>> res = sweep([{"theta": "1/2"}, {"theta": "3/4"}], progress=False, processes=1)
    >>> res["pr_cs"][:, 0].tolist()
    [0.5, 0.5]
    """
    tasks = [(dict(p), theatre) for p in points]
    solved = tuple(pmap(_solve_task, tasks, processes=processes, progress=progress,
                        desc=f"solving ({theatre})"))
    nan3 = (float("nan"),) * 3
    ok = np.array([isinstance(s, SolvedPoint) for s in solved], dtype=bool)
    arrays = {k: np.array([s.quantities[k].floats() if isinstance(s, SolvedPoint) else nan3
                           for s in solved], dtype=float).reshape(len(solved), 3)
              for k in QUANTITY_KEYS}
    for a in arrays.values():
        a.setflags(write=False)
    th = np.array([float(s.theta) if isinstance(s, SolvedPoint) else _theta_or_nan(
        s.values, theatre) for s in solved], dtype=float)
    kinds = np.array([s.selected_summary.kind if isinstance(s, SolvedPoint) else "failed"
                      for s in solved], dtype=object)
    return SweepResult(theatre, solved, th, types.MappingProxyType(arrays), kinds, ok)
