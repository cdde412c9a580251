"""Exact maps of the selected equilibrium over two model parameters, cell by cell.

Inside each *branch region* (where the patron's clamped fight probability, the partners'
help decisions and the cap of the attack probability take fixed branches), the CSA game's
payoffs are rational functions of the parameters: :func:`~.model.alliance_game` with
``symbolic=`` gives that game, with the branch conditions as its assumptions.  On such a
game the belief engine runs at a rational point with traced numbers
(:mod:`alliance_games.solving.traced`), and the run holds on the whole semi-algebraic
*cell* where its recorded signs do (:func:`~alliance_games.parametric.cells.cover`, the
package's one covering of a grid by cells).  The selection rule of
:func:`~.analysis.solve_point` (:func:`~.analysis.select_equilibrium`) runs inside each
traced run too, on the same exact numbers, so the selected equilibrium is constant on
each cell.  Every grid point is therefore in a cell (certified float membership, exact
where too close) or on a cell boundary, where it is solved by itself, and what the map
says there is exact: the same class, label and ``Pr(CS)`` as ``solve_point`` at that
point (``tests/test_flagship_map.py`` compares them point by point, on and next to cell
boundaries).  ``pr_cs`` is the selected equilibrium's exact expression of the cell,
evaluated in floats for pictures; :meth:`SelectedMap.pr_cs_exact` gives the exact number.

Examples
--------
>>> m = selected_map(("pi_A", [4, 16]), ("a", [3]), progress=False)
>>> m.classes.shape
(2, 1)
>>> print(m.classes[0, 0], "|", m.classes[1, 0])
separating (no_cs:I, cs:M) | separating (no_cs:N, cs:M)
>>> m.pr_cs_exact(1, 0)
1/2
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp

from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.analysis import (
    equilibrium_class,
    full_point,
    select_equilibrium,
    sign,
)
from alliance_games.alliance.geography import pi_for_theta
from alliance_games.alliance.model import alliance_game
from alliance_games.alliance.parameters import exact_value, parameter
from alliance_games.errors import DegenerateGameWarning, ParameterError
from alliance_games.parametric.cells import cover
from alliance_games.solving import solve
from alliance_games.solving.belief_parametric import solver_parameters

if TYPE_CHECKING:
    from alliance_games.equilibrium import SolveResult

__all__ = ["SelectedMap", "selected_map", "selection"]


def selection(result: SolveResult, convert: Callable[[sp.Expr], Any]) -> tuple | None:
    """The selected equilibrium of a solve result, as :func:`~.analysis.solve_point`
    selects it: ``(class, label, kind, pr_cs, several)``.

    Parameters
    ----------
    result : SolveResult
        The equilibria of one CSA game (at a point, or of a traced run).
    convert : callable
        Turns the result's expressions into numbers whose comparisons are exact (a
        traced run's ``Tracer.convert``, or ``sympify`` at a point).

    Returns
    -------
    tuple or None
        ``class`` is the kind and the designs played with positive probability after
        each message on the path (the report's map classes), ``pr_cs`` the probability of
        collective security (a sympy expression in the cell's parameters), ``several``
        whether more than one equilibrium survives the Intuitive Criterion.  None when
        the result has no equilibrium.

    Examples
    --------
    >>> from alliance_games import solve
    >>> from alliance_games.alliance.model import alliance_game
    >>> selection(solve(alliance_game()), sp.sympify)[:3]
    ('separating (no_cs:I, cs:M)', 'L:no_cs H:cs | no_cs:I cs:M', 'separating')
    """
    eqs = list(result)
    if not eqs:
        return None
    prior = dict(zip(result.game.types, result.game.prior))
    sel, survivors, refined = select_equilibrium(eqs, convert=convert)
    eq = eqs[sel]
    pr_cs = sp.Add(*(prior[t] * sp.sympify(eq.sender[t]["cs"]) for t in pay.TYPES))
    return (equilibrium_class(eq, lambda x: sign(convert(x)) != 0), str(eq.label),
            str(eq.kind), pr_cs, refined and len(survivors) > 1)


@dataclass(frozen=True)
class SelectedMap:
    """The selected equilibrium on a grid of two model parameters.

    Attributes
    ----------
    names : (str, str)
        The two axes (axis 0, axis 1), as given (``"theta"`` is mapped through ``pi_A``).
    x, y : tuple of Rational
        Their exact values (for ``theta``, the threats; the game is solved at the
        ``pi_A`` that gives each).
    theatre : str or None
    classes, labels, kinds : ndarray of str, shape ``(len(x), len(y))``
    pr_cs : ndarray of float
        The selected equilibrium's probability of collective security.
    several : ndarray of bool
        More than one equilibrium survives the Intuitive Criterion.
    games, cells, points : int
        Branch regions (symbolic games) used, exact cells traced, points solved alone.
    seconds : float
        Wall-clock time of the whole map.
    """

    names: tuple
    x: tuple
    y: tuple
    theatre: str | None
    classes: np.ndarray
    labels: np.ndarray
    kinds: np.ndarray
    pr_cs: np.ndarray
    several: np.ndarray
    games: int
    cells: int
    points: int
    seconds: float
    _exact: tuple = ()

    def pr_cs_exact(self, i: int, j: int) -> sp.Expr:
        """The exact ``Pr(CS)`` at grid point ``(i, j)``."""
        expr, at = self._exact[i * len(self.y) + j]
        return sp.sympify(expr).xreplace(at)


def _axis(name: str, values: Sequence[Any], other: tuple, base: Mapping, theatre: str | None
          ) -> tuple[sp.Symbol, tuple]:
    """The model symbol of an axis and its exact values (``theta`` through ``pi_A``: the
    same ``pi_A`` for every value of the other axis, else an error); ``values`` and the
    other axis's values are exact already."""
    vals = tuple(values)
    if not vals:
        raise ParameterError(f"axis {name} has no values")
    if name != "theta":
        return parameter(name).symbol, vals
    o_name, o_vals = other
    o_sym = parameter(o_name).symbol if o_name != "theta" else None
    pis = []
    for t in vals:
        ends = {pi_for_theta(t, theatre, {**base, o_sym: v} if o_sym else base)
                for v in (o_vals[0], o_vals[-1])}
        if len(ends) > 1:
            raise ParameterError(f"theta depends on {o_name} here: map against pi_A instead")
        pis.append(ends.pop())
    return parameter("pi_A").symbol, tuple(pis)


def selected_map(x: tuple[str, Sequence[Any]], y: tuple[str, Sequence[Any]], *,
                 theatre: str | None = "land", values: Mapping[str, Any] | None = None,
                 progress: bool = True) -> SelectedMap:
    """The selected equilibrium (and its ``Pr(CS)``) on a grid of two parameters, exactly.

    Parameters
    ----------
    x, y : (name, values)
        A model parameter (or ``"theta"``, through ``pi_A``) and its grid values (exact
        rationals).
    theatre : {"land", "sea"} or None
    values : {name: value}, optional
        The other parameters (default: the baseline).
    progress : bool
        Progress bars while a branch region's cells are traced (grids of 1,000 points or
        more).

    Returns
    -------
    SelectedMap

    Notes
    -----
    Cells pay off on fine grids over ``pi_A`` and ``a`` (inside one branch region tens of
    thousands of points a second; over the report's whole range about 5-10x
    :func:`~.analysis.solve_point` from 160 x 80 points up, ``benchmarks/README.md``).  On
    coarse grids, and over parameters that enter the payoffs through large rational
    functions (the distance ``d``: a 40 x 20 map over ``pi_A x d`` took 269 s, where
    ``solve_point`` takes about 10 s), solving point by point
    (:func:`~.analysis.sweep`) is faster; the answers are the same.

    Examples
    --------
    Without a hand-tying cost (``a = 0``) both types pool on ``no_cs``; at ``a = 6`` the
    resolved type forms collective security (half the time, at the prior ``q = 1/2``):

    >>> m = selected_map(("a", [0, 6]), ("q", ["1/2"]), progress=False)
    >>> m.classes[:, 0].tolist(), m.pr_cs[:, 0].tolist()
    (['pooling (no_cs:I)', 'separating (no_cs:I, cs:M)'], [0.0, 0.5])
    """
    start = time.perf_counter()
    (xn, xv), (yn, yv) = x, y
    if xn == yn:
        raise ParameterError(f"x and y are the same parameter {xn}")
    base = full_point(values, theatre=theatre)
    given = (tuple(exact_value(xn, v) for v in xv), tuple(exact_value(yn, v) for v in yv))
    xs, xv = _axis(xn, given[0], (yn, given[1]), base, theatre)
    ys, yv = _axis(yn, given[1], (xn, xv), base, theatre)
    if xs == ys:
        raise ParameterError(f"x and y are the same parameter ({xn}, {yn})")
    rows = np.array([(i, j) for i in range(len(xv)) for j in range(len(yv))], dtype=np.int64)
    found: list = [None] * len(rows)
    exact: list = [None] * len(rows)
    remaining = np.arange(len(rows))
    games = cells = points = 0
    while len(remaining):
        i0, j0 = rows[remaining[0]]
        point = dict(base)
        point[xs], point[ys] = xv[i0], yv[j0]
        g = alliance_game(point, theatre=theatre, symbolic=[xs, ys])
        games += 1
        free = [s for s in (xs, ys) if s in solver_parameters(g)]
        if not free:  # nothing here depends on the axes: one numeric game for the rest
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DegenerateGameWarning)
                from_point = selection(solve(g), sp.sympify)
            for r in remaining:
                found[r], exact[r] = from_point, (from_point[3], {})
            break
        dims = [(xs, ys).index(s) for s in free]
        axes = {s: (xv, yv)[d] for s, d in zip(free, dims)}
        cov = cover(g, axes, indices=rows[remaining][:, dims], post=selection,
                    assemble=False, progress=progress)
        cells += len(cov.result.cells[0])
        points += len(cov.result.cells[1])
        still = []
        for k, r in enumerate(remaining):
            held = cov.at(k)
            if held is None:  # another branch region
                still.append(r)
                continue
            found[r] = held.extra
            exact[r] = (held.extra[3],
                        {s: (xv, yv)[d][rows[r][d]] for s, d in zip(free, dims)})
        if len(still) == len(remaining):
            raise ParameterError(f"no progress covering the grid at {point}")
        remaining = np.array(still, dtype=np.int64)
    shape = (len(xv), len(yv))
    pr = np.empty(len(rows))
    by_expr: dict = {}
    for r, (expr, _) in enumerate(exact):
        by_expr.setdefault(expr, []).append(r)
    for expr, rs in by_expr.items():
        syms = sorted(sp.sympify(expr).free_symbols, key=str)
        if not syms:
            pr[rs] = float(expr)
            continue
        f = sp.lambdify(syms, expr, modules="numpy")
        cols = [np.array([float((xv, yv)[(xs, ys).index(s)][rows[r][(xs, ys).index(s)]])
                          for r in rs]) for s in syms]
        pr[rs] = f(*cols)
    return SelectedMap(
        (xn, yn), given[0], given[1], theatre,
        np.array([f[0] for f in found], dtype=object).reshape(shape),
        np.array([f[1] for f in found], dtype=object).reshape(shape),
        np.array([f[2] for f in found], dtype=object).reshape(shape),
        pr.reshape(shape), np.array([f[4] for f in found]).reshape(shape),
        games, cells, points, time.perf_counter() - start, tuple(exact))
