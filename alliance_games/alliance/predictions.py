"""The model's predictions for the historical cases across their coded ranges (spec section 6).

For each case of :data:`~.cases.CASES` the coded ranges (the geography primitives and some
other parameters; everything else at the baseline; the threat theta follows from the
geography) are evaluated at every corner of the box, its midpoint
and ``n`` seeded interior points.  At each point the game is solved exactly
(:func:`~.analysis.solve_point`) and the prediction read off the selected equilibrium
(with the range over the equilibria that survive the Intuitive Criterion): whether the
clients form collective security, the patron's design after the message observed in the
case (after both messages for counterfactuals), and the expected alliance duration.  A
prediction that changes inside the coded range is reported as a flip.  The outcome is
the case's own coding (:class:`~.cases.Outcome`), shown beside the prediction.

Examples
--------
>>> pred = predict_case("NATO 1949", n=0, corners=False, processes=1, progress=False)
>>> pred.points[0].design, pred.points[0].cs_forms
('M', 'if resolved')
"""

from __future__ import annotations

import itertools
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.analysis import SolvedPoint, _solve_task, sign
from alliance_games.alliance.cases import CASES, Case, Outcome
from alliance_games.alliance.geography import theta
from alliance_games.alliance.parameters import baseline
from alliance_games.parametric.sweep import pmap

__all__ = ["CasePoint", "CasePrediction", "case_points", "predict_case", "predict_all"]



@dataclass(frozen=True)
class CasePoint:
    """The prediction at one point of a case's coded box.

    ``design`` is the selected equilibrium's most likely design after ``message`` (None
    if the point could not be solved); ``designs_surviving`` the set of designs played
    with positive probability after it in some surviving equilibrium; ``cs_forms`` is
    ``"always"`` (Pr(CS) = 1), ``"never"`` (Pr(CS) = 0) or ``"if resolved"`` (in between:
    whether CS forms depends on the bloc's type) in the selected equilibrium, and
    ``cs_forms_surviving`` the set of these over the survivors; ``duration`` the expected
    duration ``E[T]`` of the alliance formed (selected, min, max; floats, NaN if none).
    """

    where: str
    values: Mapping[str, Any]
    theta: Any
    message: str | None
    design: str | None
    design_distribution: Mapping[str, Any]
    designs_surviving: frozenset
    cs_forms: str | None
    cs_forms_surviving: frozenset
    pr_cs: tuple[float, float, float]
    duration: tuple[float, float, float]
    kind: str
    error: str | None = None
    pr_cs_exact: Any = None


@dataclass(frozen=True)
class CasePrediction:
    """A case's prediction over its coded box, beside what happened.

    Attributes
    ----------
    case : Case
    points : tuple of CasePoint
    designs : frozenset of str
        Selected designs after the observed message over the box.
    cs_forms : frozenset of str
        ``CasePoint.cs_forms`` values (selected equilibrium) over the box.
    flips : bool
        The selected prediction (design or CS) changes inside the coded range.
    matches : float
        Mean over the solved points of the probability the selected equilibrium gives to
        what happened (``Pr(CS)`` or ``1 - Pr(CS)`` times the probability of the observed
        design after the observed message); NaN for counterfactuals with nothing coded.
    hits : float
        Strict score: share of solved points where that probability is 1 (an "if
        resolved" prediction, ``0 < Pr(CS) < 1``, is a hit for neither outcome).
    """

    case: Case
    points: tuple[CasePoint, ...]
    designs: frozenset
    cs_forms: frozenset
    flips: bool
    matches: float
    hits: float

    @property
    def outcome(self) -> Outcome:
        """What happened (the case's coding)."""
        return self.case.outcome

    def duration_range(self) -> tuple[float, float]:
        """Smallest and largest expected duration over the box and the survivors."""
        lo = [p.duration[1] for p in self.points if not np.isnan(p.duration[1])]
        hi = [p.duration[2] for p in self.points if not np.isnan(p.duration[2])]
        return (min(lo) if lo else float("nan"), max(hi) if hi else float("nan"))

    def summary(self) -> str:
        """One line: prediction over the box and the outcome."""
        ok = [p for p in self.points if p.error is None]
        lo, hi = self.duration_range()
        d = "/".join(sorted(self.designs)) or "-"
        cs = "/".join(sorted(self.cs_forms)) or "-"
        out = self.outcome
        return (f"{self.case.name}: predicted design {d}, CS {cs}, E[T] in [{lo:.3g}, "
                f"{hi:.3g}]{' (FLIPS inside the range)' if self.flips else ''}; observed "
                f"design {out.design or '-'}, CS "
                f"{'-' if out.cs_formed is None else ('yes' if out.cs_formed else 'no')}"
                f" ({len(ok)}/{len(self.points)} points solved)")

    def _repr_markdown_(self) -> str:
        rows = ["| where | theta | CS (selected; surviving) | design | E[T] |",
                "|---|---|---|---|---|"]
        for p in self.points:
            cs = "-" if p.cs_forms is None else (
                f"{p.cs_forms}; {'/'.join(sorted(p.cs_forms_surviving))}")
            rows.append(f"| {p.where} | {float(p.theta):.3f} | {cs} | {p.design} | "
                        f"{p.duration[0]:.3g} |")
        return f"**{self.case.name}** — {self.summary()}\n\n" + "\n".join(rows)


def _case(case: Case | str) -> Case:
    return CASES[case] if isinstance(case, str) else case


def _point(case: Case, choice: Mapping[str, Any]) -> dict[str, Any]:
    return {s.name: v for s, v in baseline(**choice).items()}


def case_points(case: Case | str, n: int = 2, *, corners: bool = True, seed: int = 0
                ) -> tuple[tuple[str, dict[str, Any]], ...]:
    """``(where, point)`` pairs: the corners, the midpoint and ``n`` seeded interior points.

    Interior coordinates are ``lo + (hi - lo) * k / 8`` with ``k`` in 1..7.

    Examples
    --------
    >>> [w for w, _ in case_points("Pacific 1951", n=1)][:2]
    ['a=lo, s_w=lo, d=lo, pi_A=lo', 'a=hi, s_w=lo, d=lo, pi_A=lo']
    """
    c = _case(case)
    ranges = {k: r for k, r in c.ranges.items() if r.lo != r.hi}
    fixed = {k: r.lo for k, r in c.ranges.items() if r.lo == r.hi}
    out: list[tuple[str, dict[str, Any]]] = []
    names = list(ranges)
    if corners:
        for combo in itertools.product(("lo", "hi"), repeat=len(names)):
            choice = dict(fixed)
            for k, side in zip(reversed(names), reversed(combo)):
                choice[k] = getattr(ranges[k], side)
            label = ", ".join(f"{k}={s}" for k, s in zip(reversed(names), reversed(combo)))
            out.append((label or "point", _point(c, choice)))
    mid = dict(fixed)
    mid.update({k: (r.lo + r.hi) / 2 for k, r in ranges.items()})
    out.append(("midpoint", _point(c, mid)))
    rng = np.random.default_rng(seed)
    for i in range(n):
        choice = dict(fixed)
        for k, r in ranges.items():
            choice[k] = r.lo + (r.hi - r.lo) * sp.Rational(int(rng.integers(1, 8)), 8)
        out.append((f"interior {i + 1}", _point(c, choice)))
    return tuple(out)


def _case_point(case: Case, where: str, values: Mapping[str, Any], res: Any) -> CasePoint:
    full = {sp.Symbol(k): v for k, v in values.items()}
    th = theta(None, full)
    out = case.outcome
    message = None if out.cs_formed is None else ("cs" if out.cs_formed else "no_cs")
    nan3 = (float("nan"),) * 3
    if not isinstance(res, SolvedPoint):
        return CasePoint(where, types.MappingProxyType(dict(values)), th, message, None,
                         types.MappingProxyType({}), frozenset(), None, frozenset(), nan3, nan3,
                         "failed", getattr(res, "error", "unsolved"))
    pr = res.quantities["pr_cs"]
    sel_msg = message
    if sel_msg is None:  # counterfactual: the message the selected equilibrium sends most
        sel_msg = "cs" if sign(pr.selected - sp.Rational(1, 2)) >= 0 else "no_cs"
    dist = res.design_after(sel_msg)
    design = max(dist, key=lambda d: sp.N(dist[d], 30))
    surviving = frozenset(d for i in res.survivors for d in pay.DESIGNS[sel_msg]
                          if sp.sympify(res.equilibria[i].receiver[sel_msg][d]) != 0)
    return CasePoint(
        where, types.MappingProxyType(dict(values)), th, sel_msg, design,
        types.MappingProxyType(dist), surviving, _cs_forms(pr.selected),
        frozenset(_cs_forms(s.values["pr_cs"]) for s in res.surviving_summaries),
        pr.floats(), res.quantities["E[T]"].floats(),
        res.selected_summary.kind, None, pr.selected)


def _cs_forms(pr: Any) -> str:
    if sign(pr) <= 0:
        return "never"
    return "always" if sign(pr - 1) >= 0 else "if resolved"


def _point_score(p: CasePoint, out: Outcome) -> tuple[Any, bool] | None:
    """The probability the selected equilibrium gives to what happened, and a strict hit.

    The probability is ``Pr(CS)`` (or ``1 - Pr(CS)``) times the probability of the observed
    design after the observed message, exactly; the strict hit is that probability = 1 (an
    "if resolved" prediction is a hit for neither outcome).  None when nothing is coded.
    """
    if out.cs_formed is None and out.design is None:
        return None
    prob = sp.Integer(1)
    pr = p.pr_cs_exact
    if out.cs_formed is not None:
        prob *= pr if out.cs_formed else 1 - pr
    if out.design is not None:
        prob *= sp.sympify(p.design_distribution.get(out.design, 0))
    return prob, sign(prob - 1) == 0


def _prediction(case: Case, pts: list[CasePoint]) -> CasePrediction:
    ok = [p for p in pts if p.error is None]
    designs = frozenset(p.design for p in ok)
    cs = frozenset(p.cs_forms for p in ok)
    scores = [s for s in (_point_score(p, case.outcome) for p in ok) if s is not None]
    matches = (float(np.mean([float(sp.N(x, 17)) for x, _ in scores])) if scores
               else float("nan"))
    hits = float(np.mean([h for _, h in scores])) if scores else float("nan")
    return CasePrediction(case, tuple(pts), designs, cs, len(designs) > 1 or len(cs) > 1,
                          matches, hits)


def predict_case(case: Case | str, n: int = 2, *, corners: bool = True, seed: int = 0,
                 processes: int = 2, progress: bool = True) -> CasePrediction:
    """The model's prediction across one case's coded ranges (module docstring).

    Examples
    --------
    >>> p = predict_case("Pacific 1951", n=0, corners=False, processes=1, progress=False)
    >>> p.points[0].design, p.points[0].cs_forms, p.outcome.cs_formed
    ('N', 'never', False)
    """
    return predict_all(n, corners=corners, seed=seed, processes=processes, progress=progress,
                       cases=(case,))[0]


def predict_all(n: int = 2, *, corners: bool = True, seed: int = 0, processes: int = 2,
                progress: bool = True, cases: Iterable[Case | str] | None = None
                ) -> tuple[CasePrediction, ...]:
    """:func:`predict_case` for every case (one pool of workers for all points).

    Examples
    --------
    >>> preds = predict_all(n=0, corners=False, processes=1, progress=False)
    >>> len(preds) == len(CASES)
    True
    """
    chosen = [_case(c) for c in (CASES.values() if cases is None else cases)]
    jobs = []
    for c in chosen:
        for where, pt in case_points(c, n, corners=corners, seed=seed):
            jobs.append((c, where, pt))
    res = pmap(_solve_task, [(pt, None) for c, _, pt in jobs],
               processes=processes, progress=progress, desc="cases")
    by_case: dict[str, list[CasePoint]] = {c.name: [] for c in chosen}
    for (c, where, pt), r in zip(jobs, res):
        by_case[c.name].append(_case_point(c, where, pt, r))
    return tuple(_prediction(c, by_case[c.name]) for c in chosen)
