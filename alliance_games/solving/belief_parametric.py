"""Belief-dependent payoffs with one free parameter: every equilibrium with its exact
parameter region.

The two-type engine (:mod:`.belief_engine` on the fast exact backend of
:mod:`.belief_fast`) is run at rational parameter values with :class:`~.traced.Traced`
numbers: each run is exact at its point and records every sign it decided as a function
of the parameter ``p``.  Its result therefore holds, with the same expressions in ``p``,
on the open *cell* around the point where none of those functions has a zero or a pole
(:meth:`~.traced.Tracer.cell`; the ends are exact real algebraic numbers).  The driver
covers the parameter's range with such cells, and solves every cell end exactly by
itself: a rational end with the ordinary exact solver, a quadratic irrational end with
the same engine over its general backend (sympy algebraic numbers), each equilibrium found
there checked by :func:`~alliance_games.verify.verify`; an end of higher degree is reported
as undecided (``result.undecided``).  Equal equilibria of neighbouring cells and points
are joined into one, its values ``Piecewise`` where they differ.

Nothing is sampled or evaluated in floating point; a part of the range the solver could
not decide (a number leaving the fast exact types there, too many cells) is named in
``result.undecided`` and in the notes, never dropped silently.
"""

from __future__ import annotations

import random
from dataclasses import replace
from fractions import Fraction
from functools import cmp_to_key

import sympy as sp

from ..beliefs import BeliefSet
from ..equilibrium import Equilibrium, SolveResult
from ..errors import UnsupportedGameError
from ..game import SignallingGame
from ..verify import verify
from .belief_engine import solve_patterns
from .belief_fast import fast_game
from .belief_payoffs import solve_belief_game
from .pieces import map_values, piecewise
from .quadratic import OutsideFastType, from_sympy, to_sympy
from .traced import Root, Tracer

__all__ = ["METHOD", "solve_belief_parametric"]

METHOD = "belief-dependent support enumeration, traced over one parameter (exact)"


def solve_belief_parametric(game: SignallingGame, *, pure: bool = False, refine: bool = True,
                            max_runs: int = 200, seed: int = 0) -> SolveResult:
    """All PBE of a two-type game whose payoffs depend on the posterior and on one
    parameter, each with the exact set of parameter values where it exists.

    Parameters
    ----------
    game : SignallingGame
        Two sender types, payoffs in the belief symbols and one free parameter (built
        from the parameter by ``+``, ``*``, integer powers and square roots).
    pure : bool
        Only pure strategies.
    refine : bool
        Decide the Intuitive Criterion and D1 (``eq.intuitive_condition``,
        ``eq.d1_condition``).
    max_runs : int
        At most this many exact runs; a part of the range left over is reported as
        undecided.
    seed : int
        Picks the rational point of each run (results do not depend on it).

    Returns
    -------
    SolveResult
        Equilibria with ``condition`` (a sympy Boolean in the parameter); ``undecided``
        holds the parameter values not decided (empty, ``false``, when all are).

    Examples
    --------
    >>> import sympy as sp
    >>> from alliance_games import SignallingGame, belief
    >>> p, mu = sp.Symbol("p"), belief("H")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[0, 1], [-1, 0]], [[0, p + mu], [1, 2]]],
    ...     [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"],
    ...     parameters={p: (0, 2)})
    >>> res = solve_belief_parametric(g)
    >>> for e in sorted(res, key=lambda e: e.label)[3:6]:
    ...     print(e.label, "where", e.condition, "; IC where", e.intuitive_condition)
    L:m0 H:m0 | m0:a1 m1:a0 where (p >= 1/2) & (p < 2) ; IC where (p >= 3/2) & (p < 2)
    L:m0 H:m0 | m0:a1 m1:a0+a1 where (p > 1/2) & (p < 2) ; IC where (p >= 3/2) & (p < 2)
    L:m0 H:m0 | m0:a1 m1:a1 where (p >= 3/2) & (p < 2) ; IC where (p >= 3/2) & (p < 2)
    >>> res.undecided
    False
    """
    if len(game.types) != 2:
        raise UnsupportedGameError(
            "belief-dependent payoffs with parameters: two sender types only; with three "
            "or more, substitute parameter values (game.subs) and solve point by point")
    params = sorted(game.free_parameters, key=str)
    if len(params) != 1:
        raise UnsupportedGameError(
            f"belief-dependent payoffs with {len(params)} free parameters: the exact "
            "parametric solve takes one; fix the others (game.subs) or solve point by point")
    if game.assumptions:
        raise UnsupportedGameError(
            "belief-dependent payoffs with parameters: assumptions are not supported; give "
            "the parameter's range as its bounds")
    p = params[0]
    lo, hi = game.parameters[p]
    lo_c, hi_c = game.closed.get(p, (False, False))
    rng = random.Random(seed)
    cells: list = []  # (condition, SolveResult) of each cell
    segments: dict = {}  # condition of a cell or point -> (lo, hi, lo closed, hi closed)
    ends: list = []  # cell ends inside the range
    undecided: list = []
    notes: list = []
    todo = [(Root.of(-sp.oo if lo is None else lo), Root.of(sp.oo if hi is None else hi))]
    runs = 0
    while todo:
        a, b = todo.pop()
        if runs >= max_runs:
            undecided.append(_open(p, a, b))
            continue
        found = None
        for _ in range(3):  # a point that is itself a cell end: try another
            runs += 1
            x0 = _inside(a, b, rng)
            try:
                res, tracer, failed = _traced_run(game, p, x0, pure, refine)
                if not tracer.zero_decisions():
                    found = (res, failed, *tracer.cell(a, b))
                    break
            except OutsideFastType as exc:
                notes.append(f"not decided on {_open(p, a, b)}: {exc}")
                break
        if found is None:
            undecided.append(_open(p, a, b))
            continue
        res, failed, left, right = found
        piece = _open(p, left, right)
        segments[piece] = (left, right, False, False)
        cells.append((piece, res))
        if failed:
            undecided.append(piece)
            notes.append(f"on {piece}: support patterns {failed} not decided (a number "
                         "outside the fast exact types)")
        if left is not a:
            todo.append((a, left))
            ends.append(left)
        if right is not b:
            todo.append((right, b))
            ends.append(right)
    for end, closed in ((lo, lo_c), (hi, hi_c)):
        if closed and end is not None:
            ends.append(Root.of(end))
    points: list = []
    for end in _unique(ends):
        x = end.value
        at = _solve_at_point(game, p, x, pure, refine)
        if at is None:
            undecided.append(sp.Eq(p, x))
            continue
        segments[sp.Eq(p, x)] = (end, end, True, True)
        points.append((x, at))
    box = (Root.of(-sp.oo if lo is None else lo), Root.of(sp.oo if hi is None else hi),
           lo_c, hi_c)

    def union(conditions: list) -> sp.Basic:
        return _union(p, [segments[c] for c in conditions], box)

    out = _join(game, p, cells, points, undecided, refine, union)
    undecided_all = sp.Or(*undecided) if undecided else sp.false
    notes = [f"{len(cells)} exact cells and {len(points)} exact points; conditions are exact"]\
        + notes
    if undecided_all is not sp.false:
        notes.append(f"not decided where {undecided_all}: equilibria that exist only there "
                     "are not listed, and conditions there are not claimed")
    return SolveResult(game, tuple(out), METHOD, pure=pure, notes=tuple(notes),
                       undecided=undecided_all)


def _solve_at_point(game: SignallingGame, p: sp.Symbol, x: sp.Expr, pure: bool,
                    refine: bool) -> SolveResult | None:
    """The equilibria at one parameter value, exactly: a rational value on the ordinary
    exact path; a quadratic irrational on the same engine over its general backend (sympy
    algebraic numbers), every equilibrium then checked by ``verify``; None for any other
    value, or when a check fails (the point is reported undecided)."""
    if x.is_Rational:
        return solve_belief_game(game.subs({p: x}), pure=pure, refine=refine)
    try:
        from_sympy(x)  # a sum of square roots of rationals, or OutsideFastType
        at = game.subs({p: x})
        res = solve_belief_game(at, pure=pure, refine=refine)
    except (OutsideFastType, UnsupportedGameError, NotImplementedError, TypeError):
        return None
    if not all(verify(at, eq).ok for eq in res):
        return None
    return res


def _traced_run(game, p, x0: Fraction, pure: bool, refine: bool):
    """One exact run at ``p = x0`` with traced numbers: its result (expressions in ``p``),
    its tracer and the support patterns that left the fast types."""
    tracer = Tracer(p, x0)
    failed: list = []

    def fallback(S, B):
        failed.append((S, B))
        return None

    gd = fast_game(game, const=tracer.convert)
    res = solve_patterns(gd, pure=pure, refine=refine, method=METHOD, fallback=fallback)
    return res, tracer, failed


def _inside(a: Root, b: Root, rng: random.Random) -> Fraction:
    """A rational strictly between two roots (``a < b``), with a denominator unlikely to
    make it special."""
    if a.value == -sp.oo and b.value == sp.oo:
        return Fraction(rng.randint(-1000, 1000), 997)
    if a.value == -sp.oo:
        return Fraction(int(sp.floor(b.a)) - 1) - Fraction(rng.randint(1, 996), 997)
    if b.value == sp.oo:
        return Fraction(int(sp.ceiling(a.b)) + 1) + Fraction(rng.randint(1, 996), 997)
    while not (a.b < b.a):
        a.refine()
        b.refine()
    lo, hi = Fraction(str(a.b)), Fraction(str(b.a))
    den = 997
    while True:
        n_lo, n_hi = lo * den, hi * den
        first, last = int(n_lo) + 1, -int(-n_hi) - 1
        if first <= last:
            return Fraction(rng.randint(first, last), den)
        den *= 10


def _open(p, a: Root, b: Root) -> sp.Basic:
    parts = []
    if a.value != -sp.oo:
        parts.append(p > a.value)
    if b.value != sp.oo:
        parts.append(p < b.value)
    return sp.And(*parts)


def _unique(roots: list) -> list:
    out: list = []
    for r in roots:
        if not any(not r.less(s) and not s.less(r) for s in out):
            out.append(r)
    return out


def _same(a: Root, b: Root) -> bool:
    return not a.less(b) and not b.less(a)


def _union(p, segments: list, box: tuple) -> sp.Basic:
    """The union of disjoint intervals and points ``(lo, hi, lo closed, hi closed)`` of
    the parameter as the fewest relations (``true`` for the whole range), exactly."""
    if not segments:
        return sp.false
    order = sorted(segments, key=cmp_to_key(  # by lower end; a closed end (a point) first
        lambda s, t: -1 if s[0].less(t[0]) else 1 if t[0].less(s[0]) else t[2] - s[2]))
    merged = [list(order[0])]
    for lo, hi, lc, hc in order[1:]:
        cur = merged[-1]
        if _same(lo, cur[1]) and (lc or cur[3]):
            cur[1], cur[3] = hi, hc
        else:
            merged.append([lo, hi, lc, hc])
    if len(merged) == 1 and _same(merged[0][0], box[0]) and _same(merged[0][1], box[1]) \
            and merged[0][2] == box[2] and merged[0][3] == box[3]:
        return sp.true
    out = []
    for lo, hi, lc, hc in merged:
        if lo is hi or (lc and hc and _same(lo, hi)):
            out.append(sp.Eq(p, lo.value))
            continue
        rel = []
        if lo.value != -sp.oo:
            rel.append(p >= lo.value if lc else p > lo.value)
        if hi.value != sp.oo:
            rel.append(p <= hi.value if hc else p < hi.value)
        out.append(sp.And(*rel))
    return sp.Or(*out)


def _where(pieces, verdict: str, union) -> sp.Basic:
    """The union of the pieces' conditions where a refinement verdict is True."""
    conds = [c for c, e in pieces if getattr(e, verdict)]
    return union(conds) if conds else sp.false


def _join(game, p, cells, points, undecided, refine: bool, union) -> list[Equilibrium]:
    """One equilibrium per label over all cells and points, values ``Piecewise`` where
    they differ; IC and D1 as the conditions where they hold."""
    groups: dict = {}  # (label, off-path belief sets) -> pieces: the sets are not Piecewise
    for cond, res in cells:
        for eq in res:
            groups.setdefault((eq.label, _sets(eq)), []).append((cond, eq))
    for x, res in points:
        for eq in res:
            mine = _sets(eq)
            key = next((k for k, ps in groups.items() if k[0] == eq.label and ps[0][0].func
                        is not sp.Eq and _sets_at(ps[0][1], {p: x}) == mine),
                       (eq.label, mine))
            groups.setdefault(key, []).append((sp.Eq(p, x), eq))
    out = []
    count: dict = {}
    for label, _ in groups:
        count[label] = count.get(label, 0) + 1
    seen: dict = {}
    for (label, _), pieces in groups.items():
        # a region first: its belief sets and structure are the joined equilibrium's
        pieces.sort(key=lambda ce: ce[0].func is sp.Eq)
        eq = piecewise([(c, replace(e, game=game)) for c, e in pieces], union, regions=True)
        eq = map_values(eq, lambda v: v, regions=True)  # belief sets plain (built, sympy)
        eq = replace(eq, condition=union([c for c, _ in pieces]), method=METHOD,
                     undecided=sp.Or(*undecided) if undecided else sp.false)
        verdicts = {(e.intuitive_criterion, e.d1) for _, e in pieces}
        if refine:
            ic_all, d1_all = next(iter(verdicts)) if len(verdicts) == 1 else (None, None)
            eq = replace(eq, intuitive_criterion=ic_all, d1=d1_all,
                         intuitive_condition=_where(pieces, "intuitive_criterion", union),
                         d1_condition=_where(pieces, "d1", union))
        if count[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            eq = replace(eq, label=f"{label} #{seen[label]}")
        out.append(eq)
    return out


def _sets_at(eq: Equilibrium, at: dict) -> tuple | None:
    """:func:`_sets` at a parameter value; None where a set's expressions are not
    defined there (a pole at the end of the cell)."""
    try:
        return _sets(eq, at)
    except (TypeError, ZeroDivisionError):
        return None


def _sets(eq: Equilibrium, at: dict | None = None) -> tuple:
    """The off-path belief sets of an equilibrium (at a parameter value), as text, their
    numbers in one canonical form (sums of square roots as :func:`.quadratic.to_sympy`
    writes them), so that equal sets give equal text."""
    out = []
    for m, b in eq.beliefs.items():
        if isinstance(b, BeliefSet):
            if at is not None:
                b = b.subs(at)
            out.append((m, str(_canonical(sp.Tuple(*b.constraints))),
                        str(_canonical(b.region))))
    return tuple(sorted(out))


def _canonical(obj):
    """``obj`` with every irrational number that is a sum of square roots of rationals
    rewritten canonically (others as they are)."""
    if not isinstance(obj, sp.Basic):
        return obj

    def canon(x):
        try:
            return to_sympy(from_sympy(x))
        except OutsideFastType:
            return x
    return obj.replace(lambda e: isinstance(e, sp.Expr) and e.is_number and not e.is_Rational
                       and e.is_real is not False, canon)
