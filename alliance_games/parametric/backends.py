"""Vectorised evaluation of parameter conditions, certified signs, local or on dask.

A :class:`ConditionProgram` holds sympy Boolean conditions over some symbols and a point
set given as exact rational axes plus integer indices.  The Boolean structure (``And``,
``Or``, ``Not``, ``Xor``, ``Implies``, ``Equivalent``, ``ITE``, Boolean ``Piecewise``,
``True``/``False``) is evaluated with numpy logical operations.  Each relational atom
``lhs (op) rhs`` is decided by the sign of ``lhs - rhs``:

* when ``lhs - rhs`` is a rational function ``N / D`` with rational coefficients (what the
  parametric solver produces), ``N`` and ``D`` are evaluated term by term in floats
  together with a rigorous bound on the rounding error (:class:`_CertifiedPoly`); a float
  sign counts only where its size exceeds that bound;
* every other point (within the bound, or any atom of another form: roots, ``Piecewise``,
  ``Min``/``Max``, ...) is decided exactly by substituting the point as sympy Rationals,
  with the package's one exact sign.

No float tolerance decides a sign.  The points decided exactly are reported (``near``).

The program is evaluated chunk by chunk; :func:`run_local` and :func:`run_dask` give
identical arrays because both call :func:`evaluate_chunk` on the same chunks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import sympy as sp
from sympy.logic.boolalg import BooleanAtom
from tqdm.auto import tqdm

from alliance_games.errors import AllianceGamesError, UndecidableConditionError, require
from alliance_games.solving.algebraic import algebraic_sign
from alliance_games.solving.ratfunc import frac, from_expr

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["ChunkResult", "ConditionProgram", "certified_signs", "chunk_bounds",
           "evaluate_chunk", "run_dask", "run_local"]

_OPS = {
    sp.StrictGreaterThan: ">", sp.GreaterThan: ">=", sp.StrictLessThan: "<",
    sp.LessThan: "<=", sp.Equality: "==", sp.Unequality: "!=",
}


def _sign_compare(op: str, sign: np.ndarray) -> np.ndarray:
    """``sign(lhs - rhs) (op) 0`` elementwise, for certified nonzero signs (+-1)."""
    if op in (">", ">="):
        return sign > 0
    if op in ("<", "<="):
        return sign < 0
    return np.full(sign.shape, op == "!=")


def _exact_sign(value: sp.Expr) -> int | None:
    """Sign of an exact real number (the package's one exact sign,
    :func:`~alliance_games.solving.algebraic.algebraic_sign`), or None if it cannot be
    decided exactly."""
    try:
        return algebraic_sign(value)
    except UndecidableConditionError:
        return None


def _compare_sign(op: str, sign: int) -> bool:
    return {">": sign > 0, ">=": sign >= 0, "<": sign < 0, "<=": sign <= 0,
            "==": sign == 0, "!=": sign != 0}[op]


def _is_relational(e: sp.Basic) -> bool:
    return type(e) in _OPS


def _boolean_atoms(cond: sp.Basic, out: list) -> None:
    """Collect the relational atoms in Boolean position (including Boolean Piecewise)."""
    if isinstance(cond, BooleanAtom) or cond in (True, False):
        return
    if _is_relational(cond):
        if cond not in out:
            out.append(cond)
        return
    if isinstance(cond, (sp.And, sp.Or, sp.Not, sp.Xor, sp.Implies, sp.Equivalent, sp.ITE)):
        for arg in cond.args:
            _boolean_atoms(arg, out)
        return
    if isinstance(cond, sp.Piecewise):
        for val, c in cond.args:
            _boolean_atoms(val, out)
            _boolean_atoms(c, out)
        return
    raise AllianceGamesError(
        f"cannot evaluate condition {cond} (type {type(cond).__name__}) over a region")


_UNIT = 2.0 ** -53  # unit roundoff of IEEE double precision
_TINY = 2.0 ** -960  # below this, underflow may break relative error bounds


def _float_of(x: sp.Rational) -> float:
    """``float(x)`` (correctly rounded); OverflowError when it is not a normal float of
    the size the error bounds assume (overflow, or an underflow of a nonzero number)."""
    f = float(x)
    if not np.isfinite(f) or (x != 0 and abs(f) < _TINY):
        raise OverflowError(f"{x} is outside the range of certified float evaluation")
    return f


class _CertifiedPoly:
    """A polynomial with rational coefficients, evaluated in floats with an error bound.

    Each term ``c * x1**e1 * ... * xk**ek`` is computed from the float coefficient and the
    float coordinates (each correctly rounded from the exact rationals, relative error at
    most ``u = 2**-53``) with ``pow`` (within 2 ulps) and products; the terms are summed.
    With ``K`` bounding the number of roundings on any term plus the number of terms, the
    computed value ``v`` satisfies ``|v - P(x)| <= gamma_K * sum |terms|`` where
    ``gamma_K = K u / (1 - K u)`` (Higham, *Accuracy and Stability of Numerical
    Algorithms*, 2nd ed., sections 3.1 and 3.4).  :meth:`evaluate` returns ``v`` and twice
    that bound (for the rounding of the bound's own computation), plus an absolute term for
    gradual underflow; where ``|v|`` exceeds it, ``sign(v) = sign(P(x))``.
    """

    def __init__(self, terms: Sequence[tuple], ngens: int) -> None:
        """``terms``: ``(exponents, rational coefficient)`` pairs of a polynomial in
        ``ngens`` variables (a sympy ``Poly``'s ``terms()``)."""
        self.terms = [(_float_of(c), tuple(exps)) for exps, c in terms]
        degree = max((sum(e) for _, e in self.terms), default=0)
        rounds = 3 * degree + 2 * ngens + 4  # per term, generously
        k = rounds + len(self.terms)
        if k * _UNIT >= 0.5:
            raise OverflowError("too many terms for a float error bound")
        self.gamma = 2.0 * k * _UNIT / (1.0 - k * _UNIT)
        self.slack = len(self.terms) * k * 2.0 ** -1000

    def evaluate(self, cols: Sequence[np.ndarray], m: int) -> tuple[np.ndarray, np.ndarray]:
        value = np.zeros(m)
        size = np.zeros(m)
        for c, exps in self.terms:
            term = np.full(m, c)
            for x, e in zip(cols, exps):
                if e:
                    term = term * (x if e == 1 else np.power(x, e))
            value = value + term
            size = size + np.abs(term)
        return value, self.gamma * size + self.slack


def certified_signs(terms: Sequence[tuple], cols: Sequence[np.ndarray]
                    ) -> tuple[np.ndarray, np.ndarray]:
    """The signs of a polynomial at points given by float coordinates, certified.

    Parameters
    ----------
    terms : sequence of (exponents, rational coefficient)
        The polynomial (coefficients exact: Fraction, sympy Rational).
    cols : sequence of float arrays
        One array per variable: the points' coordinates, each correctly rounded from the
        exact rational (``float(Fraction)``).

    Returns
    -------
    sign, sure : ndarray
        ``sign`` is the sign of the float value; where ``sure`` is False the rounding
        error bound does not prove it (the caller decides those points exactly).
        ``OverflowError`` when a coefficient is outside normal floats.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> x = np.array([0.0, 0.5, 1.0])
    >>> certified_signs([((1,), F(1)), ((0,), F(-1, 2))], [x])
    (array([-1,  0,  1]), array([ True, False,  True]))
    """
    m = len(cols[0]) if cols else 1
    with np.errstate(all="ignore"):
        value, bound = _CertifiedPoly(terms, len(cols)).evaluate(cols, m)
        sure = np.isfinite(value) & np.isfinite(bound) & (np.abs(value) > bound)
    return np.sign(value).astype(np.int64), sure


def _certified_parts(symbols: Sequence[sp.Symbol], expr: sp.Expr):
    """``(numerator, denominator)`` as :class:`_CertifiedPoly` when ``expr`` is a rational
    function of ``symbols`` with rational coefficients of float size, else None."""
    if expr.has(sp.Piecewise, sp.Min, sp.Max, sp.Abs, sp.floor, sp.ceiling, sp.sign):
        return None
    try:  # the package's rational-function field: exact, and no sympy cancel
        f = from_expr(expr, tuple(symbols))
        return tuple(_CertifiedPoly([(m, frac(c)) for m, c in part.terms()], len(symbols))
                     for part in (f.numer, f.denom))
    except (ValueError, ZeroDivisionError):
        pass
    except OverflowError:
        return None
    try:
        num, den = sp.fraction(sp.cancel(sp.together(expr)))
        num, den = (sp.Poly(x, *symbols, domain=sp.QQ) for x in (num, den))
        return (_CertifiedPoly(num.terms(), len(symbols)),
                _CertifiedPoly(den.terms(), len(symbols)))
    except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsNeeded, OverflowError,
            ValueError, TypeError):
        return None


@dataclass
class _Atom:
    op: str
    lhs: sp.Expr
    rhs: sp.Expr
    certified: tuple | None  # (numerator, denominator) as _CertifiedPoly, or None
    difference: sp.Expr  # lhs - rhs, substituted exactly at the points floats cannot decide


@dataclass(frozen=True)
class ChunkResult:
    """Arrays for one chunk of points: ``values[k]`` per condition, plus masks."""

    start: int
    stop: int
    values: tuple  # tuple of bool arrays, one per condition
    near: np.ndarray  # some atom was within tolerance: decided exactly
    undecided: np.ndarray  # exact decision failed: float value kept


@dataclass
class ConditionProgram:
    """Conditions over ``symbols`` evaluated on a point set, with exact boundary resolution.

    Parameters
    ----------
    symbols : tuple of Symbol
        The coordinates of the point set, in order.
    conditions : tuple of sympy Boolean
        Conditions whose free symbols are among ``symbols``.
    axes : tuple of tuple of Rational
        For each symbol, the exact coordinate values; a point is a tuple of indices.
    shape : tuple of int or None
        Grid mode: the point with flat index ``i`` has indices ``unravel_index(i, shape)``.
    indices : ndarray or None
        Point mode: row ``i`` holds the axis indices of point ``i``.
    exact_only : bool
        Decide every point exactly (no float evaluation at all).

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> prog = ConditionProgram((p,), (p <= sp.Rational(1, 2),),
    ...                         ((sp.Rational(1, 4), sp.Rational(1, 2), sp.Rational(3, 4)),),
    ...                         shape=(3,))
    >>> r = evaluate_chunk(prog, 0, 3)
    >>> r.values[0].tolist(), r.near.tolist()
    ([True, True, False], [False, True, False])
    """

    symbols: tuple
    conditions: tuple
    axes: tuple
    shape: tuple | None = None
    indices: np.ndarray | None = None
    exact_only: bool = False
    _compiled: dict | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if (self.shape is None) == (self.indices is None):
            raise AllianceGamesError("give exactly one of shape (grid) and indices (points)")
        allowed = set(self.symbols)
        for cond in self.conditions:
            extra = getattr(cond, "free_symbols", set()) - allowed
            if extra:
                raise AllianceGamesError(
                    f"condition {cond} has symbols {sorted(map(str, extra))} not on an axis")

    def __getstate__(self) -> dict:  # the compiled lambdas are rebuilt on the worker
        state = dict(self.__dict__)
        state["_compiled"] = None
        return state

    @property
    def size(self) -> int:
        """The number of points: the product of ``shape`` (grid mode) or the number of
        rows of ``indices`` (point mode).

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> axes = ((sp.Rational(1, 4), sp.Rational(1, 2), sp.Rational(3, 4)),)
        >>> grid = ConditionProgram((p,), (p <= sp.Rational(1, 2),), axes, shape=(3,))
        >>> pts = ConditionProgram((p,), (p <= sp.Rational(1, 2),), axes,
        ...                        indices=np.array([[0], [2]]))
        >>> grid.size, pts.size
        (3, 2)
        """
        if self.shape is not None:
            return int(np.prod(self.shape, dtype=np.int64))
        return int(self.indices.shape[0])

    # -- compilation -------------------------------------------------------------
    def _compile(self) -> dict:
        if self._compiled is not None:
            return self._compiled
        relationals: list = []
        for cond in self.conditions:
            _boolean_atoms(cond, relationals)
        atoms = {}
        syms = list(self.symbols)
        for rel in relationals:
            lhs, rhs = rel.lhs, rel.rhs
            atoms[rel] = _Atom(_OPS[type(rel)], lhs, rhs, _certified_parts(syms, lhs - rhs),
                               lhs - rhs)
        try:
            floats = tuple(np.array([_float_of(v) for v in axis], dtype=float)
                           for axis in self.axes)
        except OverflowError:  # coordinates beyond normal floats: decide all exactly
            floats = tuple(np.zeros(len(axis)) for axis in self.axes)
            atoms = {rel: replace(atom, certified=None) for rel, atom in atoms.items()}
        self._compiled = {"atoms": atoms, "floats": floats}
        return self._compiled

    def point_indices(self, start: int, stop: int) -> np.ndarray:
        """Axis indices, shape (stop - start, n_symbols), of the points in a chunk."""
        if self.shape is not None:
            flat = np.arange(start, stop, dtype=np.int64)
            return np.stack(np.unravel_index(flat, self.shape), axis=1)
        return np.asarray(self.indices[start:stop])

    # -- evaluation --------------------------------------------------------------
    def _atom_values(self, atom: _Atom, cols: Sequence[np.ndarray], idx: np.ndarray,
                     m: int, undecided: np.ndarray, near_all: np.ndarray) -> np.ndarray:
        values = np.zeros(m, dtype=bool)
        near = np.ones(m, dtype=bool)  # decided exactly below
        if atom.certified is not None and not self.exact_only:
            with np.errstate(all="ignore"):
                (nv, nb), (dv, db) = (part.evaluate(cols, m) for part in atom.certified)
                sure = np.isfinite(nv) & np.isfinite(nb) & np.isfinite(dv) & np.isfinite(db) \
                    & (np.abs(nv) > nb) & (np.abs(dv) > db)
            sign = np.where((nv > 0) == (dv > 0), 1, -1)
            values = np.where(sure, _sign_compare(atom.op, sign), False)
            near = ~sure
        for k in np.flatnonzero(near):
            point = [axis[int(i)] for axis, i in zip(self.axes, idx[k])]
            sign = None
            try:  # substitution keeps every number exact (lambdify would print 1/3)
                sign = _exact_sign(atom.difference.xreplace(dict(zip(self.symbols, point))))
            except (TypeError, ValueError, ZeroDivisionError):
                sign = None
            if sign is None:  # fall back on substitution of the whole relational
                try:
                    res = sp.Rel(atom.lhs, atom.rhs, atom.op).xreplace(
                        dict(zip(self.symbols, point)))
                    if isinstance(res, BooleanAtom):
                        values[k] = bool(res)
                        continue
                except TypeError:
                    pass
                undecided[k] = True
            else:
                values[k] = _compare_sign(atom.op, sign)
        near_all |= near
        return values

    def _eval_bool(self, cond, atom_vals: dict, m: int) -> np.ndarray:
        if isinstance(cond, BooleanAtom) or cond is True or cond is False:
            return np.full(m, bool(cond), dtype=bool)
        if _is_relational(cond):
            return atom_vals[cond]
        args = [self._eval_bool(a, atom_vals, m) for a in cond.args] \
            if not isinstance(cond, sp.Piecewise) else None
        if isinstance(cond, sp.And):
            return np.logical_and.reduce(args)
        if isinstance(cond, sp.Or):
            return np.logical_or.reduce(args)
        if isinstance(cond, sp.Not):
            return ~args[0]
        if isinstance(cond, sp.Xor):
            return np.logical_xor.reduce(args)
        if isinstance(cond, sp.Implies):
            return ~args[0] | args[1]
        if isinstance(cond, sp.Equivalent):
            return np.logical_and.reduce([a == args[0] for a in args])
        if isinstance(cond, sp.ITE):
            return np.where(args[0], args[1], args[2])
        if isinstance(cond, sp.Piecewise):
            out = np.zeros(m, dtype=bool)
            taken = np.zeros(m, dtype=bool)
            for val, c in cond.args:
                cv = self._eval_bool(c, atom_vals, m) & ~taken
                out = np.where(cv, self._eval_bool(val, atom_vals, m), out)
                taken |= cv
            return out
        raise AllianceGamesError(f"cannot evaluate condition {cond}")

    def evaluate(self, start: int, stop: int) -> ChunkResult:
        """Evaluate every condition on the points ``start .. stop - 1``."""
        compiled = self._compile()
        idx = self.point_indices(start, stop)
        m = idx.shape[0]
        cols = [compiled["floats"][j][idx[:, j]] for j in range(len(self.symbols))]
        near = np.zeros(m, dtype=bool)
        undecided = np.zeros(m, dtype=bool)
        atom_vals = {rel: self._atom_values(atom, cols, idx, m, undecided, near)
                     for rel, atom in compiled["atoms"].items()}
        values = tuple(self._eval_bool(c, atom_vals, m) for c in self.conditions)
        return ChunkResult(start, stop, values, near, undecided)


def evaluate_chunk(program: ConditionProgram, start: int, stop: int) -> ChunkResult:
    """Evaluate ``program`` on points ``start .. stop - 1`` (a picklable task for dask).

    Examples
    --------
    The points ``1/3, 1/2, 2/3`` of a grid: ``1/3`` and ``1/2`` lie on a boundary of the
    conditions (``p**2 = 1/9``, ``p = 1/2``), so they are decided exactly (``near``).

    >>> p = sp.Symbol("p")
    >>> prog = ConditionProgram((p,), (p <= sp.Rational(1, 2), p**2 > sp.Rational(1, 9)),
    ...                         (tuple(sp.Rational(k, 6) for k in range(1, 6)),), shape=(5,))
    >>> r = evaluate_chunk(prog, 1, 4)
    >>> [v.tolist() for v in r.values], r.near.tolist()
    ([[True, True, False], [False, True, True]], [True, True, False])
    """
    return program.evaluate(start, stop)


def chunk_bounds(size: int, chunk_size: int) -> list[tuple[int, int]]:
    """Split ``range(size)`` into consecutive ``(start, stop)`` chunks.

    Examples
    --------
    >>> chunk_bounds(5, 2)
    [(0, 2), (2, 4), (4, 5)]
    """
    if chunk_size < 1:
        raise AllianceGamesError(f"chunk_size must be positive, got {chunk_size}")
    return [(s, min(s + chunk_size, size)) for s in range(0, size, chunk_size)]


def _assemble(program: ConditionProgram, results) -> tuple[tuple, np.ndarray, np.ndarray]:
    if hasattr(program, "assemble"):
        return program.assemble(results)
    size = program.size
    values = tuple(np.zeros(size, dtype=bool) for _ in program.conditions)
    near = np.zeros(size, dtype=bool)
    undecided = np.zeros(size, dtype=bool)
    for r in results:
        for k, v in enumerate(r.values):
            values[k][r.start:r.stop] = v
        near[r.start:r.stop] = r.near
        undecided[r.start:r.stop] = r.undecided
    return values, near, undecided


def _progress(total: int, enabled: bool, desc: str):
    if not enabled:
        return None
    return tqdm(total=total, desc=desc, unit="pt", unit_scale=True)


def run_local(program: ConditionProgram, chunk_size: int = 65536, progress: bool = True,
              desc: str = "regions") -> tuple[tuple[np.ndarray, ...], np.ndarray, np.ndarray]:
    """Evaluate ``program`` in this process, chunk by chunk, with an optional tqdm bar.

    Returns ``(values, near, undecided)``: one flat boolean array per condition and the
    two masks (or ``program.assemble(results)`` for programs that define it).

    Examples
    --------
    Five grid points in chunks of two; ``p = 1/2`` is decided exactly (``near``):

    >>> p = sp.Symbol("p")
    >>> prog = ConditionProgram((p,), (p <= sp.Rational(1, 2),),
    ...                         (tuple(sp.Rational(k, 6) for k in range(1, 6)),), shape=(5,))
    >>> values, near, undecided = run_local(prog, chunk_size=2, progress=False)
    >>> values[0].tolist(), near.tolist(), bool(undecided.any())
    ([True, True, True, False, False], [False, False, True, False, False], False)
    """
    bar = _progress(program.size, progress, desc)
    results = []
    try:
        for start, stop in chunk_bounds(program.size, chunk_size):
            results.append(evaluate_chunk(program, start, stop))
            if bar is not None:
                bar.update(stop - start)
    finally:
        if bar is not None:
            bar.close()
    return _assemble(program, results)


def run_dask(program: ConditionProgram, client: Client | None = None, chunk_size: int = 65536,
             progress: bool = True, desc: str = "regions"
             ) -> tuple[tuple[np.ndarray, ...], np.ndarray, np.ndarray]:
    """Evaluate ``program`` with one dask.distributed task per chunk.

    ``client`` is a ``dask.distributed.Client``; without one the current default client
    is used (``distributed.get_client``). The program is scattered once to every worker.
    Returns the same ``(values, near, undecided)`` as :func:`run_local`.

    Examples
    --------
    On an in-process cluster, the same arrays as :func:`run_local`:

    >>> import distributed
    >>> p = sp.Symbol("p")
    >>> prog = ConditionProgram((p,), (p <= sp.Rational(1, 2),),
    ...                         (tuple(sp.Rational(k, 6) for k in range(1, 6)),), shape=(5,))
    >>> with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=1,
    ...                               dashboard_address=None) as cluster:
    ...     with distributed.Client(cluster) as client:
    ...         values, near, _ = run_dask(prog, client=client, chunk_size=2, progress=False)
    >>> values[0].tolist(), near.tolist()
    ([True, True, True, False, False], [False, False, True, False, False])
    """
    distributed = require("distributed", "the dask backend of region_data", "dask")
    if client is None:
        try:
            client = distributed.get_client()
        except ValueError as exc:
            raise AllianceGamesError(
                "backend='dask' needs a dask.distributed Client (pass client=...)") from exc
    bounds = chunk_bounds(program.size, chunk_size)
    if not bounds:
        return _assemble(program, [])
    remote = client.scatter(program, broadcast=True)
    futures = [client.submit(evaluate_chunk, remote, s, e, pure=False) for s, e in bounds]
    bar = _progress(program.size, progress, desc)
    results = []
    try:
        for fut in distributed.as_completed(futures):
            r = fut.result()
            results.append(r)
            if bar is not None:
                bar.update(r.stop - r.start)
    finally:
        if bar is not None:
            bar.close()
    return _assemble(program, results)
