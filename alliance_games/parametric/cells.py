"""Cover a point set with the exact cells of a belief-dependent game's parametric solve.

With payoffs that depend on the posterior and on two or more parameters,
:func:`~alliance_games.solving.belief_parametric.solve_belief_parametric` returns *cells*:
semi-algebraic sets on which one exact traced run holds (its result, with the same
expressions in the parameters).  :func:`cover` hands every point of a grid (or of a list
of grid indices) that no cell holds yet to the solver, which traces a new cell around it
or, for a point on a cell boundary, solves that point by itself; and it tells, for every
point, which cell or point result holds there.  The first rounds hand over a few points,
then more while each run decides many points; once the runs decide fewer than
:data:`ALONE_BELOW` points each (the cells left are small, as in the flagship model away
from its baseline), the remaining points are solved one by one, exactly as well.
Membership is decided on the cells' certificates (irreducible polynomials with their
signs) with the package's certified float evaluation (:func:`~.backends.certified_signs`:
a float sign counts only beyond its rigorous rounding-error bound, the rest is decided
exactly), on the points still open only, each polynomial on the points its earlier ones
left in the cell.

Examples
--------
>>> import sympy as sp
>>> from alliance_games import SignallingGame, belief
>>> p, c, mu = sp.Symbol("p"), sp.Symbol("c"), belief("H")
>>> g = SignallingGame.from_arrays(
...     ["1/2", "1/2"], [[[0, 1], [-1, 0]], [[0, p + mu], [1, c]]],
...     [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"],
...     parameters={p: (0, 2), c: (0, 3)})
>>> axes = {c: [sp.Rational(k, 4) for k in range(1, 12)],
...         p: [sp.Rational(k, 4) for k in range(1, 8)]}
>>> cov = cover(g, axes, progress=False)
>>> cov.owner.shape, bool((cov.owner != NOT_ADMISSIBLE).all())
((77,), True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp
from tqdm.auto import tqdm

from alliance_games.equilibrium import SolveResult
from alliance_games.errors import AllianceGamesError, ParameterError
from alliance_games.parametric.backends import ConditionProgram, certified_signs, run_local
from alliance_games.solving.belief_parametric import (
    box_condition,
    solve_belief_parametric,
    solver_parameters,
)
from alliance_games.solving.ratfunc import frac, poly_sign
from alliance_games.solving.traced import NONZERO

if TYPE_CHECKING:
    from alliance_games.game import SignallingGame

__all__ = ["ALONE_BELOW", "NOT_ADMISSIBLE", "Coverage", "cover"]

_TINY = 2.0 ** -960  # coordinates below this in magnitude (not 0) are decided exactly

#: ``Coverage.owner`` of a point where the game's assumptions do not hold.
NOT_ADMISSIBLE = -(2 ** 62)

#: :func:`cover` solves the remaining points one by one once new runs decide fewer points
#: than this each.
ALONE_BELOW = 16
_FIRST_BATCH = 8  # points handed to the solver in the first round (doubling up to batch)


@dataclass(frozen=True)
class Coverage:
    """Which exact result holds at each point.

    Attributes
    ----------
    result : SolveResult
        The solve with every cell and point found (``result.cells``).
    symbols : tuple of Symbol
        The coordinates, in the order of ``axes`` and of the columns of ``indices``.
    axes : tuple of tuple of Rational
    indices : ndarray
        Row ``i``: the axis indices of point ``i``.
    owner : ndarray of int
        Per point: ``k >= 0``, the cell ``result.cells[0][k]`` holds there; ``-1 - j``,
        the point result ``result.cells[1][j]``; :data:`NOT_ADMISSIBLE`, the game's
        assumptions fail there (nothing was solved).
    """

    result: SolveResult
    symbols: tuple
    axes: tuple
    indices: np.ndarray
    owner: np.ndarray

    def at(self, i: int) -> Any:
        """The :class:`~alliance_games.solving.belief_parametric.Cell` or
        :class:`~alliance_games.solving.belief_parametric.Point` holding at point ``i``
        (None where the game's assumptions fail)."""
        k = int(self.owner[i])
        if k == NOT_ADMISSIBLE:
            return None
        return self.result.cells[0][k] if k >= 0 else self.result.cells[1][-1 - k]

    def point(self, i: int) -> dict:
        """The exact coordinates of point ``i``."""
        return {s: ax[j] for s, ax, j in zip(self.symbols, self.axes, self.indices[i])}


def _evaluate(symbols: tuple, conditions: Sequence[sp.Basic], axes: tuple,
              indices: np.ndarray) -> list[np.ndarray]:
    """Each condition at each point (certified floats, exact where too close)."""
    if not len(indices) or not conditions:
        return [np.zeros(len(indices), dtype=bool) for _ in conditions]
    program = ConditionProgram(symbols, tuple(conditions), axes, indices=indices)
    values, _, _ = run_local(program, progress=False)
    return list(values)


def cover(game: SignallingGame, axes: Mapping[sp.Symbol, Sequence[Any]], *,
          indices: np.ndarray | None = None,
          result: SolveResult | None = None, post: Callable | None = None,
          progress: bool = True, batch: int = 64, max_runs: int = 100_000,
          assemble: bool = True, alone_below: float = ALONE_BELOW) -> Coverage:
    """Decide every point of a grid (or of some of its points) for a belief-dependent
    game with several parameters: each point lies in an exact cell or is solved alone.

    Parameters
    ----------
    game : SignallingGame
        Two types, payoffs in the belief and in the parameters of ``axes`` (every free
        parameter of the game is an axis).
    axes : {Symbol: sequence of rationals}
        The exact coordinates along each axis.
    indices : ndarray of int, optional
        Rows of axis indices: only these points (default: the whole grid, C order).
    result : SolveResult, optional
        An earlier result of the solver for ``game`` whose cells are reused.
    post : callable, optional
        Passed to the solver (see
        :func:`~alliance_games.solving.belief_parametric.solve_belief_parametric`).
    progress : bool
        A progress bar (points decided) when there are 1,000 points or more.
    batch : int
        Open points handed to the solver per round, at most (the first round 8, doubling
        while the runs decide many points each).
    max_runs : int
        Stop with an error after this many rounds (a safeguard).
    assemble : bool
        Join the cells' equilibria into ``Coverage.result`` (False: ``result.cells``
        only, for a caller that joins them itself).
    alone_below : float
        Once a round of new runs decides fewer than this many points per run (the cells
        left are small), the remaining points are solved one by one (exact either way;
        a traced run with its certificate costs about as much as solving
        :data:`ALONE_BELOW` points by themselves in the flagship game).  0: never.

    Returns
    -------
    Coverage

    Examples
    --------
    One parameter: ``p = 1/4`` and ``p = 3/4`` lie in cells, ``p = 1/2`` lies on a cell
    boundary and is solved alone (``owner < 0``); the number of equilibria at each point:

    >>> from alliance_games import SignallingGame, belief
    >>> p, mu = sp.Symbol("p"), belief("H")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[0, 1], [-1, 0]], [[0, p + mu], [1, 1]]],
    ...     [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"], parameters={p: (0, 2)})
    >>> cov = cover(g, {p: [sp.Rational(1, 4), sp.Rational(1, 2), sp.Rational(3, 4)]},
    ...             progress=False)
    >>> (cov.owner < 0).tolist(), [len(cov.at(i).result) for i in range(3)]
    ([False, True, False], [3, 6, 9])
    """
    symbols = tuple(axes)
    order = solver_parameters(game)  # the solver's parameters, in its order
    if set(symbols) != set(order):
        raise ParameterError(f"the axes {sorted(map(str, symbols))} must be the game's free "
                             f"parameters {sorted(map(str, order))}")
    ax = tuple(tuple(sp.Rational(v) for v in axes[s]) for s in symbols)
    if indices is None:
        grids = np.meshgrid(*[np.arange(len(a)) for a in ax], indexing="ij")
        indices = np.stack([g.reshape(-1) for g in grids], axis=1)
    indices = np.asarray(indices, dtype=np.int64).reshape(-1, len(symbols))
    owner = np.full(len(indices), NOT_ADMISSIBLE, dtype=np.int64)
    assumptions = sp.And(box_condition(game, order), *game.assumptions)
    open_ = np.flatnonzero(_evaluate(symbols, [assumptions], ax, indices)[0]) \
        if assumptions is not sp.true else np.arange(len(indices))
    if result is None:
        result = solve_belief_parametric(game, cover=[], post=post, assemble=False)
    known = (0, 0)  # cells and points already matched against the open points
    rng = np.random.default_rng(0)
    bar = tqdm(total=len(open_), desc="cells", unit="pt",
               disable=not progress or len(open_) < 1000)
    rounds = 0
    alone = False  # the cells left are small: solve the open points one by one
    size = min(_FIRST_BATCH, batch)  # grows while the runs decide many points each
    while True:
        cells, points = result.cells
        hits = _memberships([c.certificate for c in cells[known[0]:]],
                            [symbols.index(s) for s in order], ax, indices[open_])
        done = np.zeros(len(open_), dtype=bool)
        for k, hit in enumerate(hits):
            new = hit & ~done
            owner[open_[new]] = known[0] + k
            done |= new
        exact = {tuple(pt.at): j for j, pt in enumerate(points) if j >= known[1]}
        if exact:
            dims = [symbols.index(s) for s in order]
            for i in np.flatnonzero(~done):
                row = indices[open_[i]]
                j = exact.get(tuple(_fraction(ax[d][row[d]]) for d in dims))
                if j is not None:
                    owner[open_[i]] = -1 - j
                    done[i] = True
        bar.update(int(done.sum()))
        runs = len(cells) - known[0] + len(points) - known[1]
        if rounds and not alone and runs:
            if done.sum() < alone_below * runs:
                alone = True
            else:
                size = min(2 * size, batch)
        open_ = open_[~done]
        known = (len(cells), len(points))
        if not len(open_):
            break
        rounds += 1
        if rounds > max_runs:
            raise AllianceGamesError("covering the points made no progress")
        take = min(4 * batch if alone else size, len(open_))
        pick = open_[rng.choice(len(open_), size=take, replace=False)]
        pts = [{s: ax[d][indices[i, d]] for d, s in enumerate(symbols)} for i in pick]
        result = solve_belief_parametric(game, cover=pts, start=result, post=post,
                                         assemble=False, alone=alone)
        if result.cells == (cells, points):
            raise AllianceGamesError("covering the points made no progress")
    bar.close()
    if assemble:
        result = solve_belief_parametric(game, cover=[], start=result, post=post)
    return Coverage(result, symbols, ax, indices, owner)


def _memberships(certificates: Sequence[tuple], dims: Sequence[int], axes: tuple,
                 rows: np.ndarray) -> list[np.ndarray]:
    """Whether each certificate holds at each point (row of axis indices; ``dims``: the
    column of each solver parameter): every polynomial has its sign, certified in floats
    and decided exactly (:func:`~alliance_games.solving.ratfunc.poly_sign`) where the
    float bound does not prove it.  A polynomial is evaluated only on the points the
    certificate's earlier polynomials kept."""
    exact = [[_fraction(v) for v in axes[d]] for d in dims]
    floats = [np.array([float(x) for x in xs]) for xs in exact]
    normal = all(np.isfinite(f).all() and all(x == 0 or abs(v) >= _TINY for x, v in zip(xs, f))
                 for xs, f in zip(exact, floats))  # else the error bounds do not apply
    cols = [f[rows[:, d]] for f, d in zip(floats, dims)]
    out = []
    for cert in certificates:
        keep = np.arange(len(rows))
        for f, s in sorted(cert, key=lambda fs: len(fs[0].terms())):
            if not len(keep):
                break
            terms = [(m, frac(c)) for m, c in f.terms()]
            try:
                if not normal:
                    raise OverflowError
                sign, sure = certified_signs(terms, [c[keep] for c in cols])
            except OverflowError:  # numbers beyond normal floats: every point exactly
                sign, sure = np.zeros(len(keep), dtype=np.int64), np.zeros(len(keep), bool)
            for k in np.flatnonzero(~sure):
                row = rows[keep[k]]
                sign[k] = poly_sign(f, tuple(xs[row[d]] for xs, d in zip(exact, dims)))
            keep = keep[(sign != 0) if s == NONZERO else (sign == s)]
        inside = np.zeros(len(rows), dtype=bool)
        inside[keep] = True
        out.append(inside)
    return out


def _fraction(x: sp.Rational) -> Fraction:
    return Fraction(int(x.p), int(x.q))
