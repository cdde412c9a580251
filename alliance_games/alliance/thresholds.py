"""Thresholds along the threat theta: where the selected equilibrium changes (certified).

Along a line of theta (offensive power moving, everything else fixed), the selected
equilibrium's class (its kind and the designs on the path) is piecewise constant.
:func:`theta_thresholds` scans the line on a grid, then bisects every change exactly: each
step solves the game at a rational theta, so the returned bracket ``[lo, hi]`` is
certified (the class is the left one at ``lo`` and the right one at ``hi``; the change lies
in between, whatever happens inside), of width at most ``tol``.  The futility point of H6
is the last change to a class without collective security.

Examples
--------
>>> t = theta_thresholds(k=3, lo="1/2", hi="3/4", tol="1/8", processes=1, progress=False)
>>> [str(c.left) for c in t]
[]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from alliance_games.alliance.analysis import SolvedPoint, solve_point, sweep
from alliance_games.alliance.analysis import equilibrium_class as class_of
from alliance_games.errors import ParameterError

__all__ = ["Threshold", "equilibrium_class", "theta_thresholds"]


def equilibrium_class(res: SolvedPoint) -> str:
    """The selected equilibrium's kind and the designs played on the path
    (:func:`~.analysis.equilibrium_class`).

    Examples
    --------
    >>> equilibrium_class(solve_point())
    'separating (no_cs:I, cs:M)'
    """
    return class_of(res.selected_equilibrium)


@dataclass(frozen=True)
class Threshold:
    """A certified change of the selected equilibrium class on ``[lo, hi]`` in theta."""

    lo: sp.Rational
    hi: sp.Rational
    left: str
    right: str

    def __str__(self) -> str:
        return (f"theta in [{self.lo}, {self.hi}] (~{float((self.lo + self.hi) / 2):.4f}): "
                f"{self.left} -> {self.right}")


def _cls(theta: sp.Rational, values: Mapping[str, Any], theatre: str | None) -> str:
    return equilibrium_class(solve_point(dict(values, theta=theta), theatre=theatre))


def theta_thresholds(k: int = 20, lo: Any = "1/20", hi: Any = "49/50", *, tol: Any = "1/1000",
                     values: Mapping[str, Any] | None = None, theatre: str | None = "land",
                     processes: int = 2, progress: bool = True) -> tuple[Threshold, ...]:
    """Certified brackets of every change of the selected equilibrium class along theta.

    A change between two grid points is bisected until the bracket is at most ``tol``
    wide; when the class found inside is not the cell's right-hand class, the search goes
    on to its right, so consecutive brackets chain.  Changes that return to the same class
    inside one grid cell are not seen (use a finer grid).

    Raises
    ------
    ParameterError
        For a bad grid or tolerance.

    Examples
    --------
    Between theta = 1/2 and 9/10 the patron stops imposing I after no CS; the change is
    bracketed to within 1/20:

    >>> t = theta_thresholds(k=2, lo="1/2", hi="9/10", tol="1/20", processes=1,
    ...                      progress=False)
    >>> len(t), t[0].lo, t[0].hi
    (1, 4/5, 17/20)
    >>> t[0].left, t[0].right
    ('separating (no_cs:I, cs:M)', 'separating (no_cs:N, cs:M)')
    """
    lo, hi, tol = sp.Rational(lo), sp.Rational(hi), sp.Rational(tol)
    if k < 2 or not (0 < lo < hi < 1) or tol <= 0:
        raise ParameterError(f"need k >= 2, 0 < lo < hi < 1 and tol > 0; got k={k}, "
                             f"[{lo}, {hi}], tol={tol}")
    vals = dict(values or {})
    grid = [lo + (hi - lo) * sp.Rational(i, k - 1) for i in range(k)]
    res = sweep([dict(vals, theta=t) for t in grid], theatre, progress=progress,
                processes=processes)
    cls = [equilibrium_class(r) if isinstance(r, SolvedPoint) else "unsolved"
           for r in res.solved]
    out = []
    for i in range(k - 1):
        if cls[i] == cls[i + 1]:
            continue
        a, ca, end = grid[i], cls[i], grid[i + 1]
        while True:  # bracket the first change right of a; repeat until the cell's end class
            b, cb = end, cls[i + 1]
            while b - a > tol:
                mid = (a + b) / 2
                cm = _cls(mid, vals, theatre)
                if cm == ca:
                    a = mid
                else:
                    b, cb = mid, cm
            out.append(Threshold(a, b, ca, cb))
            if cb == cls[i + 1] or b == end:
                break
            a, ca = b, cb
    return tuple(out)
