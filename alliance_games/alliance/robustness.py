"""Robustness of the H1-H7 verdicts to the model's functional forms.

The spec's closed forms are a baseline (spec section 3).  :func:`robustness` evaluates
every hypothesis of :mod:`.hypotheses` (H1-H7 and the extras) with the baseline forms and
with each alternative :class:`~.forms.Forms`, on the same seeded sample of the box (the
first ``n`` points of the sample of ``sample`` points that the baseline run uses, so a
report's baseline solves are reused from the cache) and the same theta lines, and tabulates
per hypothesis and form:

* holds / fails / not applicable counts (not applicable is never counted as a failure),
  the share holding among applicable points and its 95% Wilson interval
  (:func:`~.hypotheses.wilson_interval`, the report's interval);
* the verdict, by majority of applicable points: ``"holds"`` (share above 1/2),
  ``"fails"`` (below), ``"split"`` (exactly 1/2) or ``"n/a"`` (no applicable point);
* ``survives``: the alternative's verdict equals the baseline's on the same points.

Default alternatives (:data:`ALTERNATIVES`): a more decisive contest (``r = 2``), normal
exit shocks (thinner tails than the logistic) and Student-t exit shocks with 2 degrees of
freedom (heavier tails).  The exit distribution moves only the duration-based checks
(H1(b), H2, H3's durations): the per-period payoffs, hence the equilibria, do not depend
on it.

Examples
--------
>>> t = robustness(1, line=0, alternatives=(Forms(contest_exponent=2),), processes=1,
...                progress=False)
>>> t.labels, len(t.hypotheses)
(('baseline', 'r=2'), 10)
>>> t.cell("H6", "baseline").verdict in ("holds", "fails", "split", "n/a")
True
"""

from __future__ import annotations

import math
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from alliance_games.alliance.forms import DEFAULT_FORMS, Forms
from alliance_games.alliance.hypotheses import (
    HypothesisResult,
    all_hypotheses,
    sample_points,
    wilson_interval,
)
from alliance_games.errors import ParameterError

__all__ = ["ALTERNATIVES", "RobustnessCell", "RobustnessTable", "robustness", "verdict"]

#: The alternative forms evaluated by default.
ALTERNATIVES: tuple[Forms, ...] = (Forms(contest_exponent=2), Forms(exit="normal"),
                                   Forms(exit="t2"))


def verdict(holds: int, applicable: int) -> str:
    """The qualitative reading of a share: majority of the applicable points.

    Examples
    --------
    >>> verdict(3, 4), verdict(1, 4), verdict(2, 4), verdict(0, 0)
    ('holds', 'fails', 'split', 'n/a')
    """
    if applicable == 0:
        return "n/a"
    if 2 * holds > applicable:
        return "holds"
    if 2 * holds < applicable:
        return "fails"
    return "split"


@dataclass(frozen=True)
class RobustnessCell:
    """One hypothesis under one set of forms.

    Attributes
    ----------
    hypothesis : str
    forms : Forms
    holds, fails, not_applicable, unsolved : int
        Counts over the evaluated points (``unsolved``: the package's error, counted in
        ``not_applicable`` too).
    share : float
        ``holds / (holds + fails)`` (NaN if nothing applies).
    interval : tuple of float
        95% Wilson interval of the share.
    verdict : str
        :func:`verdict` of the counts.
    survives : bool or None
        Same verdict as the baseline forms on the same points (None for the baseline).
    """

    hypothesis: str
    forms: Forms
    holds: int
    fails: int
    not_applicable: int
    unsolved: int
    share: float
    interval: tuple[float, float]
    verdict: str
    survives: bool | None


def _cell(r: HypothesisResult, forms: Forms, base: RobustnessCell | None) -> RobustnessCell:
    k = int((r.holds & r.applicable).sum())
    n_app = r.n_applicable
    v = verdict(k, n_app)
    return RobustnessCell(
        hypothesis=r.name, forms=forms, holds=k, fails=n_app - k,
        not_applicable=int((~r.applicable).sum()), unsolved=int(r.failed),
        share=k / n_app if n_app else math.nan, interval=wilson_interval(k, n_app),
        verdict=v, survives=None if base is None else v == base.verdict)


@dataclass(frozen=True)
class RobustnessTable:
    """Verdicts of every hypothesis under the baseline and each alternative form.

    Attributes
    ----------
    forms : tuple of Forms
        The baseline forms first, then the alternatives.
    hypotheses : tuple of str
        Hypothesis names, in :func:`~.hypotheses.all_hypotheses` order.
    cells : Mapping
        ``{(hypothesis, forms label): RobustnessCell}``.
    results : Mapping
        ``{forms label: tuple of HypothesisResult}``: the full results behind the cells.
    n, seed, sample, line : int
        Points evaluated (the first ``n`` of the seeded sample of ``sample`` points), the
        seed, the sample size they are taken from, the theta lines' length.
    """

    forms: tuple[Forms, ...]
    hypotheses: tuple[str, ...]
    cells: Mapping[tuple[str, str], RobustnessCell]
    results: Mapping[str, tuple[HypothesisResult, ...]]
    n: int
    seed: int
    sample: int
    line: int

    @property
    def labels(self) -> tuple[str, ...]:
        """The forms' labels, baseline first."""
        return tuple(f.label for f in self.forms)

    def cell(self, hypothesis: str, forms: Forms | str) -> RobustnessCell:
        """The cell of ``hypothesis`` under ``forms`` (a Forms or its label).

        Raises
        ------
        KeyError
            Naming the unknown hypothesis or forms.
        """
        label = forms.label if isinstance(forms, Forms) else str(forms)
        try:
            return self.cells[(hypothesis, label)]
        except KeyError:
            raise KeyError(f"no cell for hypothesis {hypothesis!r} under forms {label!r}; "
                           f"hypotheses {self.hypotheses}, forms {self.labels}") from None

    def survivors(self, hypothesis: str) -> dict[str, bool]:
        """``{alternative label: survives}`` for one hypothesis."""
        return {f.label: bool(self.cell(hypothesis, f).survives) for f in self.forms[1:]}


def robustness(n: int = 6, seed: int = 0, *, alternatives: Sequence[Forms] = ALTERNATIVES,
               sample: int | None = None, box: Mapping[Any, tuple] | None = None,
               line: int = 3, processes: int = 2, progress: bool = True) -> RobustnessTable:
    """Evaluate every hypothesis under the baseline forms and each alternative.

    Parameters
    ----------
    n
        Points evaluated: the first ``n`` of :func:`~.hypotheses.sample_points`
        ``(sample, seed, box)``.
    seed, box
        The seeded sample, as in :func:`~.hypotheses.all_hypotheses`.
    alternatives
        The alternative :class:`~.forms.Forms` (default :data:`ALTERNATIVES`).
    sample
        Size of the sample the points are taken from (default ``n``): pass the baseline
        run's sample size to evaluate a prefix of its very points (their baseline solves
        are then cached).
    line
        Points on H6's and H7's theta lines (0 or 1: no line).
    processes, progress
        Worker processes and progress bars (:func:`~alliance_games.parametric.sweep.pmap`).

    Returns
    -------
    RobustnessTable

    Raises
    ------
    ParameterError
        For a non-positive ``n``, a ``sample`` below ``n``, an alternative that is not a
        Forms, the baseline forms or a repeated alternative.

    Examples
    --------
    At the first sampled point, a more decisive contest (``r = 2``) keeps H3's verdict
    and turns the selection verdict from holds to fails:

    >>> t = robustness(1, line=0, alternatives=(Forms(contest_exponent=2),), processes=1,
    ...                progress=False)
    >>> t.cell("selection", "baseline").verdict, t.cell("selection", "r=2").verdict
    ('holds', 'fails')
    >>> t.survivors("H3"), t.survivors("selection")
    ({'r=2': True}, {'r=2': False})
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ParameterError(f"n must be a positive integer, got {n!r}")
    sample = n if sample is None else sample
    if isinstance(sample, bool) or not isinstance(sample, int) or sample < n:
        raise ParameterError(f"sample must be an integer >= n = {n}, got {sample!r}")
    alts = tuple(alternatives)
    for f in alts:
        if not isinstance(f, Forms):
            raise ParameterError(f"alternatives must be Forms objects, got {f!r}")
        if f.is_default:
            raise ParameterError("the baseline forms are always evaluated; give only "
                                 "alternatives")
    if len(set(alts)) != len(alts):
        raise ParameterError(f"repeated alternative forms in {alts}")
    pts = sample_points(sample, seed, box)[:n]
    forms = (DEFAULT_FORMS, *alts)
    kw = dict(box=box, line=line, processes=processes, progress=progress, points=pts)
    results = {f.label: all_hypotheses(n, seed, forms=f, **kw) for f in forms}
    base = {r.name: _cell(r, DEFAULT_FORMS, None) for r in results[DEFAULT_FORMS.label]}
    cells: dict[tuple[str, str], RobustnessCell] = {}
    for f in forms:
        for r in results[f.label]:
            cells[(r.name, f.label)] = (base[r.name] if f.is_default
                                        else _cell(r, f, base[r.name]))
    names = tuple(r.name for r in results[DEFAULT_FORMS.label])
    return RobustnessTable(forms, names, types.MappingProxyType(cells),
                           types.MappingProxyType(results), n, seed, sample, line)
