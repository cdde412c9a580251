"""H7 as a comparative static in geography: collective security against power and distance.

The paper: "Land theatres are more likely to allow adversaries to credibly threaten
military occupation of clients than naval theatres" and "Maritime theatres should, all
else equal, reduce threats of credible military occupation, which will reduce the
probability of any alliances forming" (Cohen 2025, Theory).  Here the same offensive power
``pi_A`` and distance ``d`` are placed in a land theatre (water share ``s_w = 0``) and a sea
theatre (``s_w = 1``); each point is solved exactly (:func:`~.analysis.solve_point`) and the
selected equilibrium gives ``Pr(CS)`` and the probability of each design on the path.

:func:`geography_curves` moves one primitive (``pi_A`` or ``d``) with the others at the
baseline; :func:`geography_map` covers a ``pi_A x d`` grid.  Land and sea are separate
curves and separate maps: at equal power and distance their threats differ, so their
curves are not the same curve drawn twice.

Examples
--------
>>> c = geography_curves("d", k=2, lo=1, hi=2, processes=1, progress=False)
>>> [round(x, 3) for x in c.theta["land"]], [round(x, 3) for x in c.theta["sea"]]
([0.667, 0.571], [0.333, 0.211])
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.analysis import SweepResult, full_point, sweep
from alliance_games.alliance.geography import THEATRES
from alliance_games.alliance.parameters import parameter
from alliance_games.errors import ParameterError

__all__ = ["GeographyCurve", "GeographyMap", "geography_curves", "geography_map",
           "path_design_probabilities", "AXES"]

#: The geography primitives a curve may move, with default ranges.
AXES: dict[str, tuple[sp.Rational, sp.Rational]] = {
    "pi_A": (sp.Rational(1, 2), sp.Integer(40)),
    "d": (sp.Integer(0), sp.Integer(4)),
}


def path_design_probabilities(res: SweepResult) -> dict[str, np.ndarray]:
    """Probability that each design forms on the path (selected equilibrium), per point.

    ``Pr(d) = Pr(CS) rho_cs(d) + (1 - Pr(CS)) rho_no_cs(d)`` (floats, for plots).

    Examples
    --------
    >>> from alliance_games.alliance.analysis import sweep
    >>> r = sweep([{}], processes=1, progress=False)
    >>> {k: float(v[0]) for k, v in path_design_probabilities(r).items()}
    {'N': 0.0, 'B': 0.0, 'M': 0.5, 'I': 0.5}
    """
    pr = res.selected("pr_cs")
    out = {}
    for d in ("N", "B", "M", "I"):
        tot = np.zeros(len(res), dtype=float)
        for m, w in (("cs", pr), ("no_cs", 1 - pr)):
            if d in pay.DESIGNS[m]:
                tot = tot + w * res.selected(f"design[{m}][{d}]")
        out[d] = tot
    return out


@dataclass(frozen=True)
class GeographyCurve:
    """Pr(CS) and designs along one geography primitive, land and sea as separate curves.

    ``values`` are the exact values of ``axis``; ``results[theatre]`` the sweep;
    ``theta[theatre]`` the threat at each value (float).
    """

    axis: str
    values: tuple
    results: Mapping[str, SweepResult]

    @property
    def theta(self) -> dict[str, list[float]]:
        """The threat at each value, per theatre."""
        return {t: [float(x) for x in r.theta] for t, r in self.results.items()}

    def pr_cs(self, theatre: str) -> np.ndarray:
        """Pr(CS) in the selected equilibrium along the axis."""
        return self.results[theatre].selected("pr_cs")

    def designs(self, theatre: str) -> dict[str, np.ndarray]:
        """Probability of each design on the path along the axis."""
        return path_design_probabilities(self.results[theatre])


def _grid(lo: Any, hi: Any, k: int) -> tuple[sp.Rational, ...]:
    lo, hi = sp.Rational(lo), sp.Rational(hi)
    if k < 1 or hi < lo:
        raise ParameterError(f"need k >= 1 and lo <= hi, got k={k}, [{lo}, {hi}]")
    if k == 1:
        return (lo,)
    return tuple(lo + (hi - lo) * sp.Rational(i, k - 1) for i in range(k))


def geography_curves(axis: str = "pi_A", k: int = 9, lo: Any = None, hi: Any = None, *,
                     values: Mapping[str, Any] | None = None, processes: int = 2,
                     progress: bool = True) -> GeographyCurve:
    """Solve land and sea along ``axis`` (``"pi_A"`` or ``"d"``), ``k`` evenly spaced values.

    Other parameters: ``values`` on top of the baseline (the water share is set by the
    theatre, so ``values`` must not give ``s_w``).

    Raises
    ------
    ParameterError
        For an unknown axis, a bad grid or a value outside its admissible range.

    Examples
    --------
    At distance 3 the clients still form collective security over land, but no longer
    across water (at distance 0 the theatres agree):

    >>> c = geography_curves("d", k=2, lo=0, hi=3, processes=1, progress=False)
    >>> c.pr_cs("land").tolist(), c.pr_cs("sea").tolist()
    ([0.5, 0.5], [0.5, 0.0])
    """
    if axis not in AXES:
        raise ParameterError(f"axis must be one of {tuple(AXES)}, got {axis!r}")
    parameter(axis)
    a_lo, a_hi = AXES[axis]
    grid = _grid(a_lo if lo is None else lo, a_hi if hi is None else hi, k)
    base = {s.name: v for s, v in full_point(values).items() if s.name != "s_w"}
    pts = [dict(base, **{axis: x}) for x in grid]
    results = {t: sweep(pts, theatre=t, processes=processes, progress=progress)
               for t in THEATRES}
    return GeographyCurve(axis, grid, types.MappingProxyType(results))


@dataclass(frozen=True)
class GeographyMap:
    """Pr(CS) over a ``pi_A x d`` grid, per theatre (rows: ``d``; columns: ``pi_A``)."""

    power: tuple
    distance: tuple
    pr_cs: Mapping[str, np.ndarray]
    theta: Mapping[str, np.ndarray]
    kinds: Mapping[str, np.ndarray]


def geography_map(k_power: int = 8, k_distance: int = 5, *, power: tuple = (1, 40),
                  distance: tuple = (0, 4), values: Mapping[str, Any] | None = None,
                  processes: int = 2, progress: bool = True) -> GeographyMap:
    """Pr(CS) (selected equilibrium) on the ``pi_A x d`` grid, land and sea.

    Examples
    --------
    >>> gm = geography_map(1, 2, distance=(0, 1), processes=1, progress=False)
    >>> gm.theta["land"][:, 0].round(3).tolist(), gm.theta["sea"][:, 0].round(3).tolist()
    ([0.5, 0.333], [0.5, 0.111])
    """
    pw = _grid(*power, k_power)
    ds = _grid(*distance, k_distance)
    base = {s.name: v for s, v in full_point(values).items() if s.name != "s_w"}
    pts = [dict(base, pi_A=p, d=x) for x in ds for p in pw]
    pr, th, kinds = {}, {}, {}
    for t in THEATRES:
        r = sweep(pts, theatre=t, processes=processes, progress=progress)
        pr[t] = r.selected("pr_cs").reshape(len(ds), len(pw))
        th[t] = np.asarray(r.theta, dtype=float).reshape(len(ds), len(pw))
        kinds[t] = np.asarray(r.kinds).reshape(len(ds), len(pw))
    return GeographyMap(pw, ds, types.MappingProxyType(pr), types.MappingProxyType(th),
                        types.MappingProxyType(kinds))
