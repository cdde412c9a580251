"""Where each equilibrium family exists (and survives refinements) over a parameter box.

:func:`region_data` evaluates the conditions of a parametric ``solve`` result on a
rational grid (or on given points), vectorised with numpy and exact at boundaries;
:func:`region_map` solves a game and maps a two-parameter slice; :func:`where` decides
one condition exactly at one point. Plot the result with
:func:`alliance_games.plotting.plot_regions`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType, SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp
from sympy.logic.boolalg import BooleanAtom

from alliance_games.errors import (
    AllianceGamesError,
    DegenerateGameWarning,
    InvalidGameError,
    ParameterError,
    UndecidableConditionError,
    UnsupportedGameError,
)
from alliance_games.game import SignallingGame
from alliance_games.parametric.backends import ConditionProgram, run_dask, run_local
from alliance_games.parametric.cells import cover
from alliance_games.parametric.sampling import (
    check_value,
    rational_grid,
    to_rational,
    validate_box,
)
from alliance_games.solving.assemble import unnumbered
from alliance_games.solving.belief_parametric import solve_belief_parametric
from alliance_games.solving.solve import solve

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["RegionData", "exact_subs", "pointwise_region_data", "region_data", "region_map",
           "where"]

_KINDS = ("exists", "ic", "d1")
_ATTRS = {"exists": "condition", "ic": "intuitive_condition", "d1": "d1_condition"}


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a)
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class RegionData:
    """Boolean maps of equilibrium existence and refinement survival over a point set.

    Attributes
    ----------
    symbols : tuple of Symbol
        The varying parameters, in axis order.
    mode : {"grid", "points"}
    axes : tuple of ndarray
        Grid mode: the float coordinates along each axis (cell centres); points mode: ().
    exact_axes : tuple of tuple of Rational
        Grid mode: the exact coordinates along each axis; points mode: ().
    grids : tuple of ndarray
        Float coordinate of every point, one array per symbol, each of shape ``shape``
        (``indexing="ij"``: axis ``k`` of the arrays runs along ``symbols[k]``).
    shape : tuple of int
    labels : tuple of str
        Equilibrium labels, in the order given.
    exists, ic, d1 : Mapping[str, ndarray]
        Per label, where the equilibrium exists, exists and survives the Intuitive
        Criterion, exists and survives D1.
    uncertain : ndarray
        Points where the float sign of some condition was not certified (its value
        within the rounding-error bound, not finite, or a condition that is not a
        rational function); these were decided exactly with Rationals, so the arrays
        are exact there too.
    undecided : ndarray
        Points where even the exact decision failed (sympy could not decide a sign):
        the float value is kept. Normally all False.
    admissible : ndarray
        Where the game's ``assumptions`` hold (all True without assumptions).
    fixed : Mapping[Symbol, Rational]
        Values of the parameters held fixed.
    """

    symbols: tuple
    mode: str
    axes: tuple
    exact_axes: tuple
    grids: tuple
    shape: tuple
    labels: tuple
    exists: Mapping
    ic: Mapping
    d1: Mapping
    uncertain: np.ndarray
    undecided: np.ndarray
    admissible: np.ndarray
    fixed: Mapping
    _points: tuple = ()

    def __getitem__(self, label: str) -> np.ndarray:
        """``data[label]`` is ``data.exists[label]``."""
        return self.exists[label]

    def point(self, index: int | np.integer | Iterable[int | np.integer]) -> dict:
        """The exact point ``{symbol: Rational}`` (fixed values included) at an array index.

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> Eq = type("Eq", (), {"label": "a", "condition": p < sp.Rational(1, 2),
        ...                      "intuitive_condition": sp.true, "d1_condition": sp.true})
        >>> region_data([Eq()], {p: (0, 1)}, n=2, progress=False).point((1,))
        {p: 3/4}
        """
        if isinstance(index, (int, np.integer)):
            index = (int(index),)
        index = tuple(int(i) for i in index)
        if self.mode == "grid":
            pt = {s: ax[i] for s, ax, i in zip(self.symbols, self.exact_axes, index)}
        else:
            pt = dict(zip(self.symbols, self._points[index[0]]))
        pt.update(self.fixed)
        return pt

    def share(self, label: str, which: str = "exists") -> float:
        """Share of admissible points where ``label`` exists (or survives ``"ic"``/``"d1"``)."""
        arr = getattr(self, which)[label]
        n_adm = int(self.admissible.sum())
        return float((arr & self.admissible).sum()) / n_adm if n_adm else float("nan")

    def sets(self, which: str = "exists") -> tuple[np.ndarray, tuple[tuple[str, ...], ...]]:
        """Code each point by the set of labels that exist there.

        Returns ``(codes, combos)``: ``codes`` has ``shape`` and indexes ``combos``, the
        distinct label tuples in order of first appearance (the empty tuple if no
        equilibrium exists somewhere).
        """
        table = getattr(self, which)
        if not self.labels:
            return np.zeros(self.shape, dtype=int), ((),)
        stacked = np.stack([table[lab].reshape(-1) for lab in self.labels], axis=1)
        keys, first, inverse = np.unique(stacked, axis=0, return_index=True,
                                         return_inverse=True)
        order = np.argsort(first)
        rank = np.empty_like(order)
        rank[order] = np.arange(order.size)
        codes = rank[np.asarray(inverse).reshape(-1)].reshape(self.shape)
        combos = tuple(tuple(lab for lab, on in zip(self.labels, keys[k]) if on) for k in order)
        return codes, combos


def _equilibria_list(equilibria) -> tuple[list, Any]:
    game = getattr(equilibria, "game", None)
    eqs = list(getattr(equilibria, "equilibria", equilibria))
    labels = [str(getattr(e, "label", "") or "") for e in eqs]
    if any(not lab for lab in labels):
        raise InvalidGameError("every equilibrium needs a non-empty label")
    dup = {lab for lab in labels if labels.count(lab) > 1}
    if dup:
        raise InvalidGameError(f"duplicate equilibrium labels: {sorted(dup)}")
    return eqs, game


def _as_boolean(cond: Any, what: str) -> sp.Basic:
    if cond is None:
        return None
    if isinstance(cond, (bool, np.bool_)):
        return sp.true if cond else sp.false
    if isinstance(cond, sp.Basic):
        return cond
    raise AllianceGamesError(f"{what} must be a sympy Boolean, got {type(cond).__name__}")


def _normalise_n(n, k: int) -> tuple[int, ...]:
    if isinstance(n, (int, np.integer)):
        return (int(n),) * k
    n = tuple(int(v) for v in n)
    if len(n) != k:
        raise ParameterError(f"n must give one count per axis ({k}), got {n}")
    return n


def _point_rows(points, symbols: Sequence[sp.Symbol]) -> list[tuple]:
    rows: list[tuple] = []
    if isinstance(points, np.ndarray) and points.ndim == 1 and len(symbols) == 1:
        points = points.reshape(-1, 1)
    for r, row in enumerate(points):
        if isinstance(row, Mapping):
            missing = [s for s in symbols if s not in row]
            if missing:
                raise ParameterError(f"point {r} has no value for {missing}")
            vals = [row[s] for s in symbols]
        else:
            vals = list(np.atleast_1d(row)) if isinstance(row, np.ndarray) else (
                list(row) if isinstance(row, (list, tuple)) else [row])
            if len(vals) != len(symbols):
                raise ParameterError(
                    f"point {r} has {len(vals)} coordinates, expected {len(symbols)}")
        rows.append(tuple(to_rational(v, f"point {r}, {s}") for s, v in zip(symbols, vals)))
    return rows


def region_data(
    equilibria: Iterable,
    box: Mapping[sp.Symbol, tuple],
    *,
    n: int | Sequence[int] = 200,
    points: Iterable[Any] | None = None,
    fixed: Mapping[sp.Symbol, Any] | None = None,
    parameters: Mapping[sp.Symbol, tuple] | None = None,
    assumptions: Sequence[sp.Basic] | None = None,
    progress: bool = True,
    chunk_size: int = 65536,
    backend: str = "local",
    client: Client | None = None,
) -> RegionData:
    """Evaluate every equilibrium's existence and refinement conditions over a box.

    Conditions (``eq.condition``, ``eq.intuitive_condition``, ``eq.d1_condition``) are
    evaluated in float chunks with a certified bound on the rounding error of each sign;
    where a float sign is not certified (near a boundary, or a relation that is not a
    rational function) the point is decided exactly, substituting its coordinates as
    Rationals (see :mod:`alliance_games.parametric.backends`).

    Parameters
    ----------
    equilibria : iterable of Equilibrium or a SolveResult
        Objects with ``label``, ``condition``, ``intuitive_condition``, ``d1_condition``.
        A ``SolveResult`` also supplies the game's declared parameter ranges and
        assumptions.
    box : {Symbol: (lo, hi)}
        The varying parameters and their ranges, in axis order.
    n : int or sequence of int
        Grid points per axis (cell centres ``lo + (i + 1/2)(hi - lo)/n``, exact).
    points : array-like, optional
        Instead of a grid: rows of coordinates (in ``box`` order) or dicts; floats are
        read as their shortest decimal (``0.1`` is ``1/10``).
    fixed : {Symbol: value}
        Values of the other parameters.
    parameters : {Symbol: (lo, hi)}, optional
        Declared ranges (open, ``None`` unbounded) to check the box against; taken from
        ``equilibria.game`` when omitted.
    assumptions : sequence of sympy Boolean, optional
        Fills ``admissible``; taken from ``equilibria.game`` when omitted.
    progress : bool
        Show a tqdm progress bar.
    chunk_size : int
        Points per chunk (per dask task).
    backend : {"local", "dask"}
    client : dask.distributed.Client, optional
        For ``backend="dask"`` (default: the current client).

    Returns
    -------
    RegionData

    Raises
    ------
    ParameterError
        Unknown symbol, missing range, box or fixed value outside the admissible range,
        or a parameter of some condition that is neither on an axis nor fixed.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> class Eq:
    ...     label, condition = "pool", p <= sp.Rational(1, 2)
    ...     intuitive_condition = d1_condition = sp.true
    >>> data = region_data([Eq()], {p: (0, 1)}, n=3, progress=False)
    >>> data.exists["pool"].tolist(), data.uncertain.tolist()
    ([True, True, False], [False, True, False])
    """
    eqs, game = _equilibria_list(equilibria)
    if parameters is None and game is not None:
        parameters = getattr(game, "parameters", None)
    if assumptions is None:
        assumptions = tuple(getattr(game, "assumptions", ()) or ()) if game is not None else ()
    checked, fixed_r = _check_inputs(box, fixed, parameters, backend)
    symbols = tuple(checked)

    conditions: list[sp.Basic] = []
    slots: list[tuple[str, str, int]] = []  # (label, kind, index in conditions)
    for eq in eqs:
        for kind in _KINDS:
            cond = _as_boolean(getattr(eq, _ATTRS[kind], None), f"{eq.label}.{_ATTRS[kind]}")
            if cond is None:
                continue
            cond = cond.xreplace(fixed_r) if fixed_r else cond
            slots.append((eq.label, kind, len(conditions)))
            conditions.append(cond)
    admissible_cond = sp.And(*[_as_boolean(a, "assumption") for a in assumptions])
    admissible_cond = admissible_cond.xreplace(fixed_r) if fixed_r else admissible_cond
    conditions.append(admissible_cond)
    free = set().union(*(getattr(c, "free_symbols", set()) for c in conditions)) - set(symbols)
    if free:
        raise ParameterError(
            f"parameters {sorted(map(str, free))} are neither on an axis nor fixed")

    pts = _point_set(checked, n, points, parameters)
    program = ConditionProgram(symbols, tuple(conditions), pts.exact_axes, shape=pts.shape
                               if points is None else None, indices=pts.indices)
    values, near, undecided = _run(program, backend, client, chunk_size, progress)
    shape = pts.shape
    tables: dict[str, dict[str, np.ndarray]] = {k: {} for k in _KINDS}
    for label, kind, k in slots:
        tables[kind][label] = values[k].reshape(shape)
    return _result(pts, [e.label for e in eqs], tables, near, undecided,
                   values[-1].reshape(shape), fixed_r)


@dataclass(frozen=True)
class _PointSet:
    symbols: tuple
    exact_axes: tuple
    shape: tuple
    indices: np.ndarray | None
    rows: tuple  # points mode: the exact points


def _check_inputs(box, fixed, parameters, backend):
    checked = validate_box(box, parameters)
    fixed_r: dict[sp.Symbol, sp.Rational] = {}
    for sym, val in (fixed or {}).items():
        if not isinstance(sym, sp.Symbol):
            raise ParameterError(f"fixed keys must be sympy Symbols, got {sym!r}")
        if sym in checked:
            raise ParameterError(f"{sym} is both on an axis and fixed")
        fixed_r[sym] = to_rational(val, str(sym))
        check_value(sym, fixed_r[sym], parameters)
    if backend not in ("local", "dask"):
        raise ParameterError(f"backend must be 'local' or 'dask', got {backend!r}")
    return checked, fixed_r


def _point_set(checked, n, points, parameters) -> _PointSet:
    symbols = tuple(checked)
    if points is None:
        counts = _normalise_n(n, len(symbols))
        exact_axes = tuple(rational_grid(lo, hi, c) for (lo, hi), c in zip(checked.values(),
                                                                           counts))
        return _PointSet(symbols, exact_axes, counts, None, ())
    rows = tuple(_point_rows(points, symbols))
    for r, row in enumerate(rows):
        for s, v in zip(symbols, row):
            lo, hi = checked[s]
            if not lo <= v <= hi:
                raise ParameterError(f"point {r}: {s} = {v} is outside the box ({lo}, {hi})")
            check_value(s, v, parameters)
    uniq = [sorted(set(row[j] for row in rows)) for j in range(len(symbols))]
    pos = [{v: i for i, v in enumerate(u)} for u in uniq]
    indices = np.array([[pos[j][row[j]] for j in range(len(symbols))] for row in rows],
                       dtype=np.int64).reshape(len(rows), len(symbols))
    return _PointSet(symbols, tuple(tuple(u) for u in uniq), (len(rows),), indices, rows)


def _run(program, backend, client, chunk_size, progress):
    if backend == "dask":
        return run_dask(program, client=client, chunk_size=chunk_size, progress=progress)
    return run_local(program, chunk_size=chunk_size, progress=progress)


def _result(pts: _PointSet, labels, tables, near, undecided, admissible, fixed_r) -> RegionData:
    shape = pts.shape
    for label in list(tables["exists"]):
        for kind in ("ic", "d1"):
            if label in tables[kind]:
                tables[kind][label] = _readonly(tables[kind][label] & tables["exists"][label])
        tables["exists"][label] = _readonly(tables["exists"][label])
    if pts.indices is None:
        float_axes = tuple(np.array([float(v) for v in ax]) for ax in pts.exact_axes)
        grids = tuple(_readonly(g) for g in np.meshgrid(*float_axes, indexing="ij"))
        axes = tuple(_readonly(a) for a in float_axes)
        ex_axes = pts.exact_axes
    else:
        grids = tuple(_readonly(np.array([float(row[j]) for row in pts.rows], dtype=float))
                      for j in range(len(pts.symbols)))
        axes, ex_axes = (), ()
    return RegionData(
        symbols=pts.symbols, mode="grid" if pts.indices is None else "points", axes=axes,
        exact_axes=ex_axes, grids=grids, shape=tuple(shape), labels=tuple(labels),
        exists=MappingProxyType(tables["exists"]), ic=MappingProxyType(tables["ic"]),
        d1=MappingProxyType(tables["d1"]), uncertain=_readonly(near.reshape(shape)),
        undecided=_readonly(undecided.reshape(shape)),
        admissible=_readonly(np.asarray(admissible).reshape(shape)),
        fixed=MappingProxyType(dict(fixed_r)), _points=pts.rows,
    )


def exact_subs(game: SignallingGame, point: Mapping[sp.Symbol, Any]) -> SignallingGame:
    """``game`` with parameter values substituted exactly (``xreplace`` with Rationals).

    Assumptions that the point decides are dropped (``RegionData.admissible`` records
    them). Used instead of ``game.subs``, which at the time of writing passed values
    through ``nsimplify`` (not the identity on Rationals: ``nsimplify(1941/2000)`` is an
    irrational number close to it).

    Examples
    --------
    >>> from alliance_games import SignallingGame
    >>> p = sp.Symbol("p")
    >>> g = SignallingGame.from_arrays([p, 1 - p], [[[0]], [[1]]], [[[0]], [[0]]],
    ...                                parameters={p: (0, 1)})
    >>> exact_subs(g, {p: sp.Rational(1941, 2000)}).prior
    (1941/2000, 59/2000)
    """
    pt = {s: to_rational(v, str(s)) for s, v in point.items()}

    def table(tab):
        return [[[x.xreplace(pt) for x in row] for row in rows] for rows in tab]

    assumptions = []
    for a in getattr(game, "assumptions", ()):
        value = a.xreplace(pt)
        if not isinstance(value, BooleanAtom):
            assumptions.append(value)
    return SignallingGame.from_arrays(
        [x.xreplace(pt) for x in game.prior], table(game.sender_payoffs),
        table(game.receiver_payoffs), types=list(game.types), messages=list(game.messages),
        actions=[list(a) for a in game.actions],
        parameters={s: b for s, b in game.parameters.items() if s not in pt},
        assumptions=assumptions, name=game.name)


@dataclass
class _PointwiseProgram:
    """Solve the game at every point (``solve(game.subs(point))``): no conditions needed."""

    game: Any
    symbols: tuple
    axes: tuple
    shape: tuple | None
    indices: np.ndarray | None
    fixed: dict
    pure: bool = False

    @property
    def size(self) -> int:
        if self.shape is not None:
            return int(np.prod(self.shape, dtype=np.int64))
        return int(self.indices.shape[0])

    def point_indices(self, start: int, stop: int) -> np.ndarray:
        return ConditionProgram.point_indices(self, start, stop)  # type: ignore[arg-type]

    def __getstate__(self) -> dict:
        # games hold MappingProxyType (not picklable): ship the constructor arguments
        state = dict(self.__dict__)
        g = self.game
        state["game"] = ("from_arrays", dict(
            prior=list(g.prior), sender_payoffs=g.sender_payoffs,
            receiver_payoffs=g.receiver_payoffs, types=list(g.types),
            messages=list(g.messages), actions=[list(a) for a in g.actions],
            parameters=dict(g.parameters), assumptions=list(g.assumptions), name=g.name))
        return state

    def __setstate__(self, state: dict) -> None:
        game = state["game"]
        if isinstance(game, tuple) and game and game[0] == "from_arrays":
            state["game"] = SignallingGame.from_arrays(**game[1])
        self.__dict__.update(state)

    def evaluate(self, start: int, stop: int):
        found = []
        admissible = []
        for row in self.point_indices(start, stop):
            point = dict(self.fixed)
            point.update({s: ax[int(i)] for s, ax, i in zip(self.symbols, self.axes, row)})
            admissible.append(all(_decide(a, point) is not False
                                  for a in getattr(self.game, "assumptions", ())))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DegenerateGameWarning)
                res = solve(exact_subs(self.game, point), pure=self.pure)
            found.append({e.label: (bool(getattr(e, "intuitive_criterion", False)),
                                    bool(getattr(e, "d1", False))) for e in res})
        return _PointwiseChunk(start, stop, tuple(found), tuple(admissible))

    def assemble(self, results):
        results = sorted(results, key=lambda r: r.start)
        labels: list[str] = []
        for r in results:
            for f in r.found:
                labels.extend(lab for lab in f if lab not in labels)
        size = self.size
        tables = {k: {lab: np.zeros(size, dtype=bool) for lab in labels} for k in _KINDS}
        admissible = np.zeros(size, dtype=bool)
        for r in results:
            admissible[r.start:r.stop] = r.admissible
            for k, f in enumerate(r.found):
                for lab, (ic, d1) in f.items():
                    tables["exists"][lab][r.start + k] = True
                    tables["ic"][lab][r.start + k] = ic
                    tables["d1"][lab][r.start + k] = d1
        return labels, tables, admissible


@dataclass(frozen=True)
class _PointwiseChunk:
    start: int
    stop: int
    found: tuple
    admissible: tuple


def pointwise_region_data(
    game: SignallingGame,
    box: Mapping[sp.Symbol, tuple],
    *,
    n: int | Sequence[int] = 50,
    points: Iterable[Any] | None = None,
    fixed: Mapping[sp.Symbol, Any] | None = None,
    pure: bool = False,
    progress: bool = True,
    chunk_size: int = 64,
    backend: str = "local",
    client: Client | None = None,
) -> RegionData:
    """Region data from solving the game exactly at every point (no symbolic conditions).

    Slow (one exact ``solve`` per point) but needs no parametric solve: use it for games
    whose payoffs depend on both beliefs and parameters, or to check a symbolic map.
    Labels are those of the numeric solves, collected over all points; ``ic``/``d1``
    come from each equilibrium's ``intuitive_criterion``/``d1`` flags; ``uncertain`` is
    all False (every point is exact).

    Examples
    --------
    >>> from alliance_games import SignallingGame
    >>> p = sp.Symbol("p")
    >>> g = SignallingGame.from_arrays([p, 1 - p], [[[1, 0]], [[1, 0]]], [[[1, 0]], [[0, 1]]],
    ...                                parameters={p: (0, 1)})
    >>> d = pointwise_region_data(g, {p: (0, 1)}, n=2, progress=False)
    >>> d.shape, len(d.labels) >= 1
    ((2,), True)
    """
    params = getattr(game, "parameters", None)
    checked, fixed_r = _check_inputs(box, fixed, params, backend)
    missing = [s for s in (params or {}) if s not in checked and s not in fixed_r]
    if missing:
        raise ParameterError(
            f"parameters {sorted(map(str, missing))} are neither on an axis nor fixed")
    pts = _point_set(checked, n, points, params)
    program = _PointwiseProgram(game, pts.symbols, pts.exact_axes,
                                pts.shape if points is None else None, pts.indices,
                                fixed_r, pure)
    labels, tables, admissible = _run(program, backend, client, chunk_size, progress)
    shape = pts.shape
    tables = {k: {lab: v.reshape(shape) for lab, v in t.items()} for k, t in tables.items()}
    zeros = np.zeros(shape, dtype=bool)
    return _result(pts, labels, tables, zeros, zeros.copy(), admissible, fixed_r)


def region_map(game: SignallingGame, x: tuple, y: tuple, n: int | Sequence[int] = 200,
               fixed: Mapping[sp.Symbol, Any] | None = None, progress: bool = True,
               method: str = "auto", **kwargs: Any) -> RegionData:
    """Solve a parametric game once and map a two-parameter slice of its equilibria.

    ``method="symbolic"`` solves the game once (``solve(game)``) and evaluates the
    equilibria's conditions with :func:`region_data`; ``"pointwise"`` solves the game at
    every grid point with :func:`pointwise_region_data` (slow); ``"auto"`` is symbolic,
    falling back on pointwise when the parametric solver does not support the game
    (``UnsupportedGameError``, e.g. payoffs depending on both beliefs and parameters).

    Parameters
    ----------
    game : SignallingGame
        A parametric game (every parameter with a declared range).
    x, y : (Symbol, lo, hi)
        The two axes.
    n : int or (int, int)
        Grid points per axis.
    fixed : {Symbol: value}
        Values for every other parameter of the game.
    method : {"auto", "symbolic", "pointwise"}
    **kwargs
        Passed to :func:`region_data` / :func:`pointwise_region_data` (``chunk_size``,
        ``backend``, ``client``, ...).

    Raises
    ------
    ParameterError
        A parameter neither on an axis nor fixed, an unknown symbol, or a value or
        range outside the declared range.

    Examples
    --------
    >>> from alliance_games import SignallingGame
    >>> p, c = sp.symbols("p c")
    >>> g = SignallingGame.from_arrays([p, 1 - p], [[[c, 0]], [[0, c]]], [[[1, 0]], [[0, 1]]],
    ...                                parameters={p: (0, 1), c: (0, 1)})
    >>> region_map(g, (p, 0, 1), (c, 0, 1), n=4, progress=False).shape
    (4, 4)
    """
    for name, axis in (("x", x), ("y", y)):
        if not isinstance(axis, (tuple, list)) or len(axis) != 3:
            raise ParameterError(f"{name} must be (symbol, lo, hi), got {axis!r}")
    if x[0] == y[0]:
        raise ParameterError(f"x and y are the same parameter {x[0]}")
    params = dict(getattr(game, "parameters", {}) or {})
    fixed = dict(fixed or {})
    for sym in (x[0], y[0], *fixed):
        if sym not in params:
            known = ", ".join(sorted(str(s) for s in params)) or "none"
            raise ParameterError(f"unknown parameter {sym} (the game's parameters: {known})")
    missing = [s for s in params if s not in (x[0], y[0]) and s not in fixed]
    if missing:
        raise ParameterError(
            f"parameters {sorted(map(str, missing))} are neither on an axis nor fixed")
    box = {x[0]: (x[1], x[2]), y[0]: (y[1], y[2])}
    validate_box(box, params)
    for sym, val in fixed.items():
        check_value(sym, to_rational(val, str(sym)), params)
    if method not in ("auto", "symbolic", "pointwise"):
        raise ParameterError(f"method must be 'auto', 'symbolic' or 'pointwise', got {method!r}")
    if method != "pointwise":
        belief_cells = getattr(game, "has_belief_payoffs", False)
        target = exact_subs(game, fixed) if belief_cells and fixed else game
        try:  # belief-dependent: the cells only (the map joins them once, after covering;
            # the grid's own points on boundaries are decided by the covering)
            result = (solve_belief_parametric(target, assemble=False, boundaries=False)
                      if belief_cells and target.is_parametric else solve(target))
        except UnsupportedGameError:
            if method == "symbolic":
                raise
        else:
            if getattr(result, "cells", None) is not None:
                return _cells_map(target, result, box, n, fixed, params, progress, kwargs)
            data = region_data(result, box, n=n, fixed=fixed, parameters=params,
                               progress=progress, **kwargs)
            return _solve_undecided(game, result, data, box, n, fixed, params)
    return pointwise_region_data(game, box, n=n, fixed=fixed, progress=progress, **kwargs)


def _cells_map(game, result, box, n, fixed, params, progress, kwargs) -> RegionData:
    """The map of a result made of traced cells: the grid is covered (:func:`.cells.cover`),
    the cells' conditions are evaluated, and the grid points solved by themselves (on cell
    boundaries) are written in from their own results.  A label the solver split by its
    off-path belief sets (``"... #2"``) is one strategy profile: its columns are joined."""
    pts = _point_set(validate_box(box, params), n, None, params)
    cov = cover(game, dict(zip(box, pts.exact_axes)), result=result, progress=progress,
                assemble=False)
    cells, _ = cov.result.cells
    only = solve_belief_parametric(game, cover=[], start=replace(cov.result, cells=(cells, ())))
    data = region_data(only, box, n=n, fixed=fixed, parameters=params, progress=progress,
                       **kwargs)
    found = {tuple(int(j) for j in cov.indices[i]): list(cov.at(i).result)
             for i in np.flatnonzero(cov.owner < 0) if cov.at(i) is not None}
    data = _write_points(data, found)
    merged: dict = {}
    for lab in data.labels:
        merged.setdefault(unnumbered(lab), []).append(lab)
    if all(len(v) == 1 for v in merged.values()):
        return data
    tables = {k: MappingProxyType({base: _readonly(np.logical_or.reduce(
        [getattr(data, k)[lab] for lab in labs])) for base, labs in merged.items()})
        for k in _KINDS}
    return replace(data, labels=tuple(merged), exists=tables["exists"], ic=tables["ic"],
                   d1=tables["d1"])


def _write_points(data: RegionData, found: Mapping[tuple, list]) -> RegionData:
    """``data`` with the points at the given indices replaced by their own solves'
    equilibria (labels new to the map get a column)."""
    if not found:
        return data
    tables = {k: {lab: np.array(getattr(data, k)[lab]) for lab in data.labels}
              for k in _KINDS}
    labels = list(data.labels)
    for idx, eqs in found.items():
        for lab in labels:
            for k in _KINDS:
                tables[k][lab][idx] = False
        for e in eqs:
            lab = e.label
            if lab not in tables["exists"]:
                labels.append(lab)
                for k in _KINDS:
                    tables[k][lab] = np.zeros(data.shape, dtype=bool)
            tables["exists"][lab][idx] = True
            tables["ic"][lab][idx] = bool(e.intuitive_criterion)
            tables["d1"][lab][idx] = bool(e.d1)
    frozen = {k: MappingProxyType({lab: _readonly(v) for lab, v in t.items()})
              for k, t in tables.items()}
    return replace(data, labels=tuple(labels), exists=frozen["exists"], ic=frozen["ic"],
                   d1=frozen["d1"])


def _solve_undecided(game, result, data: RegionData, box, n, fixed, params) -> RegionData:
    """Grid points on the lower-dimensional sets a parametric solve left undecided
    (``result.undecided``) are solved point by point, so the map is exact everywhere."""
    undecided = getattr(result, "undecided", sp.false)
    if undecided is sp.false:
        return data
    marker = SimpleNamespace(label="undecided", condition=undecided,
                             intuitive_condition=sp.true, d1_condition=sp.true)
    where_undecided = region_data([marker], box, n=n, fixed=fixed, parameters=params,
                                  progress=False).exists["undecided"]
    if not where_undecided.any():
        return data
    found = {}
    for idx in zip(*np.nonzero(where_undecided & data.admissible)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            found[idx] = list(solve(exact_subs(game, data.point(idx))))
    return _write_points(data, found)


def where(eq_or_condition: Any, values: Mapping[sp.Symbol, Any], which: str = "exists") -> bool:
    """Decide exactly whether an equilibrium exists (or survives) at one rational point.

    Parameters
    ----------
    eq_or_condition : Equilibrium or sympy Boolean
    values : {Symbol: number}
        Converted exactly (floats through their shortest decimal).
    which : {"exists", "ic", "d1"}
        Which condition of an equilibrium; ``"ic"``/``"d1"`` include existence.

    Raises
    ------
    ParameterError
        A parameter of the condition without a value.
    UndecidableConditionError
        sympy cannot decide the condition at the point.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> where(p <= sp.Rational(1, 2), {p: 0.5}), where(p < sp.Rational(1, 2), {p: "1/2"})
    (True, False)
    """
    if which not in _KINDS:
        raise ParameterError(f"which must be one of {_KINDS}, got {which!r}")
    if isinstance(eq_or_condition, (sp.Basic, bool)):
        cond = _as_boolean(eq_or_condition, "condition")
    else:
        cond = _as_boolean(eq_or_condition.condition, "condition")
        if which != "exists":
            extra = _as_boolean(getattr(eq_or_condition, _ATTRS[which]), _ATTRS[which])
            cond = sp.And(cond, extra)
    point = {}
    for s, v in values.items():
        if not isinstance(s, sp.Symbol):
            raise ParameterError(f"values keys must be sympy Symbols, got {s!r}")
        point[s] = to_rational(v, str(s))
    missing = cond.free_symbols - set(point)
    if missing:
        raise ParameterError(f"no value for {sorted(map(str, missing))}")
    res = _decide(cond, point)
    if res is None:
        raise UndecidableConditionError(f"cannot decide {cond} at {point}")
    return res


def _decide(cond: sp.Basic, point: Mapping) -> bool | None:
    """Exact truth value of ``cond`` at a rational point, or None if undecidable."""
    if not cond.free_symbols:
        if isinstance(cond, BooleanAtom):
            return bool(cond)
    syms = tuple(point)
    prog = ConditionProgram(syms, (cond,), tuple((point[s],) for s in syms),
                            indices=np.zeros((1, len(syms)), dtype=np.int64),
                            exact_only=True)
    r = prog.evaluate(0, 1)
    return None if r.undecided[0] else bool(r.values[0][0])
