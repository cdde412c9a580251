"""Belief-dependent payoffs with parameters: every equilibrium with its exact parameter
region (one parameter), or with exact conditions on the cells explored (several).

The two-type engine (:mod:`.belief_engine` on the fast exact backend of
:mod:`.belief_fast`) is run at rational parameter values with :class:`~.traced.Traced`
numbers: each run is exact at its point and records every sign it decided as a function
of the parameter ``p``.  Its result therefore holds, with the same expressions in ``p``,
on the open *cell* around the point where none of those functions has a zero or a pole
(:meth:`~.traced.Tracer.cell`; the ends are exact real algebraic numbers).  The driver
covers the parameter's range with such cells, and solves every cell end exactly by
itself: a rational end with the ordinary exact solver, a quadratic irrational end with
the same engine over its general backend (sympy algebraic numbers), each equilibrium found
there checked by :func:`~alliance_games.verify.verify`; an end of higher degree with one
run of the same engine whose signs are decided at the root (:class:`~.traced_at_root.AlgTracer`).
Equal equilibria of neighbouring cells and points are joined into one, its values
``Piecewise`` where they differ.  A continuum of equilibria whose members may differ in
their Intuitive Criterion and D1 verdicts is split into parts by them: in each run, over
the run's cell (:func:`.belief_family_traced.split_along_parameter`, the parts' ranges
functions of the parameter), and at a point solved by itself
(:func:`.belief_family.split_belief_family`, a rational or quadratic irrational point)
unless the cells keep its pattern whole.  A continuum the split cannot handle is kept
whole, its verdicts the representative's, with a note.

The game's assumptions on the one parameter (relations between rational functions of it,
such as the flagship's branch conditions) are decided by each run's tracer too, so the
cells also split where they change, cells where they fail are dropped, and the ends are
solved only where they hold: the whole set where the game is valid is decided.

With several parameters (or other assumptions) the runs' cells are semi-algebraic sets (each
run's :meth:`~.traced.Tracer.certificate`), found by sampling or at given points; the
part of the box no cell covers is ``result.undecided``.  The runs split their continua on
their cells as with one parameter (the parts' ranges functions of the parameters); a
point solved by itself there (on a cell boundary) splits a continuum unless a cell found
so far keeps its pattern whole, as one parameter's points do.

Nothing is sampled or evaluated in floating point; a part of the range the solver could
not decide (a number leaving the fast exact types there, too many cells) is named in
``result.undecided`` and in the notes, never dropped silently.

The pieces are joined into one equilibrium per label by :mod:`.belief_join`; whether a
cell's sign condition holds on the whole box is decided by :mod:`.box_signs`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from functools import partial
from typing import Any, NamedTuple

import numpy as np
import sympy as sp

from ..equilibrium import SolveResult
from ..errors import UnsupportedGameError
from ..game import SignallingGame
from ..verify import verify
from .assemble import pattern_label, unnumbered
from .belief_engine import pattern_equilibria, solve_patterns
from .belief_family import split_belief_family
from .belief_family_traced import split_along_parameter
from .belief_fast import fast_game
from .belief_join import METHOD, exact_numbers_at, joined_equilibria, union_of_segments
from .belief_payoffs import solve_belief_game
from .box_signs import one_sign, one_sign_cached
from .context import relation_holds
from .line import explore_line, unique_roots
from .pattern_memo import PatternMemo
from .quadratic import OutsideFastType, from_sympy
from .ratfunc import from_expr, poly_sign
from .rationals import simplest_in
from .refinements.family import VERDICT_NOTE
from .traced import NONZERO, Tracer, certificate_condition, certificate_holds
from .traced_at_root import AlgTracer
from .traced_roots import Root

__all__ = ["METHOD", "METHOD_CELLS", "Cell", "Point", "box_condition",
           "solve_belief_parametric", "solver_parameters"]
MAX_RUNS_LINE = 1000  # default budget of runs: one parameter
MAX_RUNS_CELLS = 200  # several parameters


def solve_belief_parametric(game: SignallingGame, *, pure: bool = False, refine: bool = True,
                            max_runs: int | None = None, seed: int = 0,
                            cover: Sequence[Mapping] | None = None,
                            start: SolveResult | None = None,
                            post: Callable | None = None, assemble: bool = True,
                            boundaries: bool = True, alone: bool = False) -> SolveResult:
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
    max_runs : int, optional
        At most this many exact runs; a part of the range left over is reported as
        undecided (and named in the notes).  Default: 1000 with one parameter (a game
        whose cells number in the hundreds is then decided), 200 with several.
    seed : int
        Picks the rational point of each run (one parameter: results do not depend on it;
        several: it picks the sample points, so the explored cells depend on it).
    cover : sequence of {Symbol: rational}, optional
        Several parameters: decide these points (each lies in an explored cell, or is
        solved exactly by itself) instead of sampling the box.
    start : SolveResult, optional
        Several parameters: a result of this function for the same game whose cells are
        kept and extended (by ``cover`` or by sampling).
    post : callable, optional
        Several parameters: ``post(result, convert)`` is called on each run's result while
        its numbers are still traced (``convert`` turns a sympy expression in the
        parameters into the run's exact number, whose comparisons are recorded), so the
        cell is also where ``post``'s answer is constant; it is kept as the cell's
        ``extra`` (``result.cells``).  On a point solved by itself ``convert`` is
        ``sympify``.  Use it for a selection among the equilibria.
    assemble : bool
        Several parameters: False only extends ``result.cells`` (no equilibria are
        joined; for callers that extend the cells many times, then assemble once).
    boundaries : bool
        Several parameters, sampling (no ``cover``): also sample the boundaries of the
        cells found that are linear in some parameter, and trace cells along them
        (equilibria that exist only on a boundary are found there); the budget is
        ``max_runs`` in all.
    alone : bool
        With ``cover``: solve each given point by itself (the exact solver at that point,
        no cell around it), for points that cells would cover one or two at a time.

    Returns
    -------
    SolveResult
        Equilibria with ``condition`` (a sympy Boolean in the parameter); ``undecided``
        holds the parameter values not decided (empty, ``false``, when all are).

    Notes
    -----
    With one parameter, assumptions that are relations between rational functions of it
    are decided exactly, ends included (:func:`_assumed`).  With two or more parameters (or
    with assumptions of another form, or with ``cover``, ``start``,
    ``post``) a run's result holds on the whole set where the
    polynomials behind its decisions keep their signs (:meth:`~.traced.Tracer.certificate`,
    a semi-algebraic *cell*).  The box is explored by runs at random rational points (or
    at the ``cover`` points) until ``max_runs`` runs, or until 60 samples in a row fall in
    cells already found.  Conditions are exact and hold on the cells found; the rest of
    the box (the cells' boundaries, and any region no sample reached) is
    ``result.undecided``, an exact sympy condition, and nothing is claimed there.  The
    game's assumptions are part of every cell.

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
    >>> for e in sorted(res, key=lambda e: e.label)[7:10]:
    ...     print(e.label, "where", e.condition, "; IC where", e.intuitive_condition)
    L:m0 H:m0 | m0:a1 m1:a0 where (p >= 1/2) & (p < 2) ; IC where (p >= 3/2) & (p < 2)
    L:m0 H:m0 | m0:a1 m1:a0+a1 where (p > 1/2) & (p < 2) ; IC where (p >= 3/2) & (p < 2)
    L:m0 H:m0 | m0:a1 m1:a1 where (p >= 3/2) & (p < 2) ; IC where (p >= 3/2) & (p < 2)

    Both types pooling on ``m0``, the receiver mixing after both messages, is a continuum;
    above ``p = 3/2`` its members with ``rho[m0,a0]`` up to ``(2p - 3)/(2p + 1)`` pass the
    Intuitive Criterion and the others fail it:

    >>> for e in sorted(res, key=lambda e: e.label)[3:6]:
    ...     print(e.label.split(" | ")[1], "where", e.condition, "; IC:", e.intuitive_condition)
    m0:a0+a1 m1:a0+a1 where (p <= 3/2) & (p > 1/2) ; IC: False
    m0:a0+a1 m1:a0+a1 #1 where (p > 3/2) & (p < 2) ; IC: (p > 3/2) & (p < 2)
    m0:a0+a1 m1:a0+a1 #2 where (p > 3/2) & (p < 2) ; IC: False
    >>> print(sorted(res, key=lambda e: e.label)[4].notes[-1].split(";")[0])
    this part of the continuum: the members with rho[m0,a0] in (0, (2*p - 3)/(2*p + 1)]
    >>> res.undecided
    False
    """
    if len(game.types) != 2:
        raise UnsupportedGameError(
            "belief-dependent payoffs with parameters: two sender types only; with three "
            "or more, substitute parameter values (game.subs) and solve point by point")
    params = solver_parameters(game)
    if not params:
        raise UnsupportedGameError("the game has no free parameter: solve it directly")
    if max_runs is None:
        max_runs = MAX_RUNS_LINE if len(params) == 1 else MAX_RUNS_CELLS
    assumed = _line_relations(game, params[0]) if len(params) == 1 else None
    if len(params) > 1 or cover is not None or start is not None or post is not None \
            or not assemble or assumed is None:
        return _solve_cells(game, tuple(params), pure, refine, max_runs, seed, cover, start,
                            post, assemble, boundaries, each_alone=alone)
    p = params[0]
    lo, hi = game.parameters[p]
    lo_c, hi_c = game.closed.get(p, (False, False))
    rng = random.Random(seed)
    cells: list = []  # (condition, SolveResult) of each cell
    segments: dict = {}  # condition of a cell or point -> (lo, hi, lo closed, hi closed)
    undecided: list = []
    notes: list = []

    line_lo, line_hi = Root.of(-sp.oo if lo is None else lo), Root.of(sp.oo if hi is None else hi)
    memo = PatternMemo(line_lo, line_hi)

    def run(x0):
        tracer = Tracer(p, x0)
        if not _assumed(assumed, tracer, at_run=True):
            return None, tracer  # (a cell outside the assumptions: nothing to solve)
        res, tracer, failed = _traced_run(game, p, x0, pure, refine, memo=memo,
                                          tracer=tracer)
        return (res, failed), tracer

    line = explore_line(run, line_lo, line_hi, rng, max_runs)
    for a, b, exc in line.outside:
        notes.append(f"not decided on {_open(p, a, b)}: {exc}")
    undecided.extend(_open(p, a, b) for a, b in line.undecided)
    if line.unexplored:
        notes.append(f"stopped after {max_runs} runs: not decided on "
                     f"{sp.Or(*(_open(p, a, b) for a, b in line.unexplored))}; a larger "
                     "max_runs (solve_belief_parametric) explores further")
    for left, right, outcome in line.cells:
        if outcome is None:
            continue
        res, failed = outcome
        piece = _open(p, left, right)
        segments[piece] = (left, right, False, False)
        cells.append((piece, res))
        if failed:
            undecided.append(piece)
            notes.append(f"on {piece}: support patterns {failed} not decided (a number "
                         "outside the fast exact types, or only sampled)")
    ends = list(line.ends)
    for end, closed in ((lo, lo_c), (hi, hi_c)):
        if closed and end is not None:
            ends.append(Root.of(end))
    points: list = []
    for end in unique_roots(ends):
        x = end.value
        if not _assumed(assumed, Tracer(p, Fraction(int(x.p), int(x.q))) if x.is_Rational
                        else AlgTracer(p, end)):
            continue
        at = _solve_at_point(game, p, x, pure, refine, end, memo)
        if at is None:
            undecided.append(sp.Eq(p, x))
            continue
        segments[sp.Eq(p, x)] = (end, end, True, True)
        points.append((x, end, at))
    if refine:
        points = _split_alone(game, p, points, cells)
    box = (Root.of(-sp.oo if lo is None else lo), Root.of(sp.oo if hi is None else hi),
           lo_c, hi_c)

    def union(conditions: list) -> sp.Basic:
        return union_of_segments(p, [segments[c] for c in conditions], box)

    out = joined_equilibria(game, [(c, r, {}) for c, r in cells],
                            [(sp.Eq(p, x), {p: x}, r, exact_numbers_at((p,), end))
                             for x, end, r in points], undecided,
                            refine, union)
    undecided_all = sp.Or(*undecided) if undecided else sp.false
    notes = [f"{len(cells)} exact cells and {len(points)} exact points; conditions are exact"]\
        + notes
    if undecided_all is not sp.false:
        notes.append(f"not decided where {undecided_all}: equilibria that exist only there "
                     "are not listed, and conditions there are not claimed")
    return SolveResult(game, tuple(out), METHOD, pure=pure, notes=tuple(notes),
                       undecided=undecided_all)


METHOD_CELLS = ("belief-dependent support enumeration, traced at sampled points over "
                "several parameters (exact on the cells found)")
_PATIENCE = 60  # admissible samples in a row inside known cells before the exploration stops
_WALL_PATIENCE = 8  # the same on one boundary
_WALL_TRIES = 40  # failed samples of one boundary before it is left
_ALONE_FIRST = 2  # given points of a boundary solved by themselves before a cell along it
_OUTSIDE = 2000  # samples outside the game's assumptions before it stops


class Cell(NamedTuple):
    """One traced run over several parameters: its sign conditions
    (:meth:`~.traced.Tracer.certificate`), its result (expressions in the parameters),
    the support patterns it could not decide, and what ``post`` returned on it."""

    certificate: tuple
    result: SolveResult
    failed: tuple
    extra: Any
    along: tuple = ()  # a cell on a boundary: ((parameter, its value in the others),)


class Point(NamedTuple):
    """A point on a cell boundary (one rational value per parameter), solved by itself."""

    at: tuple
    result: SolveResult
    extra: Any


def _solve_cells(game: SignallingGame, params: tuple, pure: bool, refine: bool,
                 max_runs: int, seed: int, cover, start, post, assemble: bool,
                 boundaries: bool = False, each_alone: bool = False) -> SolveResult:
    """Several parameters (or ``cover`` / ``start``): semi-algebraic cells around sampled
    (or given) rational points; the rest of the box is ``undecided``."""
    rng = random.Random(seed)
    old_cells, old_points = start.cells if start is not None and start.cells else ((), ())
    cells: list = list(old_cells)  # Cell
    points: list = list(old_points)  # Point: on a cell boundary, solved by itself
    box = box_condition(game, params)
    assumptions = tuple(game.assumptions)

    def at(x: tuple) -> dict:
        return {q: sp.Rational(v.numerator, v.denominator) for q, v in zip(params, x)}

    def covered(x: tuple) -> bool:
        return any(x == pt.at for pt in points) or \
            any(certificate_holds(c.certificate, x) for c in cells)

    tests = [_relation_test(b, params) for b in (box, *assumptions)]

    def admissible(x: tuple) -> bool:
        vals = None
        for b, test in zip((box, *assumptions), tests):
            if test is not None:
                if not test(x):
                    return False
                continue
            vals = at(x) if vals is None else vals
            if b.xreplace(vals) is not sp.true:
                return False
        return True

    ranges = tuple(_range(game, q) for q in params)
    seen: list = []

    def solve_alone(x: tuple) -> None:
        """``x`` solved by itself, each continuum that keeps the note and whose pattern
        no cell found so far keeps whole split by its verdicts (as one parameter's
        points are, :func:`_split_alone`)."""
        numeric = game.subs(at(x))
        here = solve_belief_game(numeric, pure=pure, refine=refine, split=False)
        if refine:
            here = _split_noted(numeric, here, _kept_whole(c.result for c in cells))
        points.append(Point(x, here, None if post is None else post(here, sp.sympify)))

    walls: set = set()  # the polynomials of the cells found: a point on one is a boundary

    def run_at(x: tuple, alone: bool, eager: bool = False) -> None:
        """A traced run at ``x`` and its cell.  ``alone``: ``x`` must be decided (on a
        boundary: a cell along it, or ``x`` solved by itself; unless ``eager``, the first
        points of a boundary are solved by themselves, and a boundary with more points
        on it gets a cell)."""
        for c in cells[len(seen):]:
            walls.update(f for f, _ in c.certificate)
            seen.append(c)
        # on a known boundary (not merely a cell's box side): no traced run here
        zeros = [f for f in walls if not _coordinate(f) and poly_sign(f, x) == 0] \
            if alone else []
        if not zeros:
            res, tracer, failed = _traced_run(game, params, x, pure, refine)
            extra = post(res, tracer.convert) if post is not None else None
            cert = tuple(fs for fs in tracer.certificate()
                         if not one_sign_cached(fs[0], ranges))
            if not tracer.zero_decisions() and all(s != 0 for _, s in cert):
                cells.append(Cell(_local_certificate(cert, tracer, params, x, ranges), res,
                                  tuple(failed), extra))
                return
            if not alone:
                return
            zeros = [f for f, s in cert if s == 0]
        # on a boundary: a cell along it, else the ordinary exact solver at this point
        if len(zeros) != 1 or not (eager or sum(poly_sign(zeros[0], pt.at) == 0
                                               for pt in points) >= _ALONE_FIRST) \
                or not run_along(zeros[0], x):
            solve_alone(x)

    def run_along(g, x: tuple) -> bool:
        """A traced run along the hypersurface ``g = 0`` through ``x`` (``g`` linear in
        some parameter, which becomes a rational function of the others): a cell on
        ``g = 0``.  False where there is none (``g`` linear in no parameter, or ``x`` on
        another boundary within the hypersurface)."""
        if len(params) < 2:
            return False
        found = _solve_for(g, params, x)
        if found is None:
            return False
        j, value, denominator = found
        rest, xr, rr = (tuple(v for i, v in enumerate(t) if i != j)
                        for t in (params, x, ranges))
        res, tracer, failed = _traced_run(game, rest, xr, pure, refine,
                                          along={params[j]: value})
        cert = tuple(fs for fs in tracer.certificate() if not one_sign_cached(fs[0], rr))
        if tracer.zero_decisions() or any(s == 0 for _, s in cert):
            return False
        extra = None
        if post is not None:
            extra = post(res, lambda e: tracer.convert(sp.sympify(e).xreplace(
                {params[j]: value})))
        # the cell's conditions in all parameters: on g = 0, the run's conditions in the
        # others, and the denominator of the solved parameter nonzero (there g = 0 fixes it)
        lifted = [(g, 0)] + [_lifted(f.as_expr(*rest), params, x, s)
                             for f, s in _local_certificate(cert, tracer, rest, xr, rr)]
        lifted += [_lifted(f.as_expr(*params), params, x)
                   for f, _ in from_expr(denominator, params).numer.factor_list()[1]
                   if not f.is_ground]
        cells.append(Cell(tuple(dict.fromkeys(lifted)), res, tuple(failed), extra,
                          ((params[j], value),)))
        return True

    runs = 0
    notes: list = []
    if cover is not None:
        for pt in cover:
            x = tuple(_fraction(pt[q]) for q in params)
            if not admissible(x) or covered(x):
                continue
            if runs >= max_runs:
                notes.append(f"stopped after {max_runs} runs: some of the given points are "
                             "not decided")
                break
            runs += 1
            if each_alone:
                solve_alone(x)
            else:
                run_at(x, True)

    def explore(draw: Callable, patience: int, give_up: int, alone: bool) -> None:
        """Runs at drawn points until ``patience`` draws in a row fall in known cells,
        ``give_up`` draws fail (no point, or one outside the assumptions: a narrow
        admissible region is no evidence of coverage), or the budget is spent."""
        nonlocal runs
        misses = futile = 0
        while runs < max_runs and misses < patience and futile < give_up:
            x = draw()
            if x is None or not admissible(x):
                futile += 1
                continue
            if covered(x):
                misses += 1
                continue
            misses = 0
            runs += 1
            run_at(x, alone, eager=True)

    if cover is None:
        explore(partial(_sample, game, params, rng), _PATIENCE, _OUTSIDE, False)
        explored: set = set()
        while boundaries and len(params) > 1 and runs < max_runs:
            todo = [f for c in cells if not c.along for f, _ in c.certificate
                    if f not in explored]
            if not todo:
                break
            g = todo[0]
            explored.add(g)
            if _linear_solutions(g, params):  # else a boundary of higher degree: undecided
                explore(partial(_on_wall, g, game, params, rng), _WALL_PATIENCE, _WALL_TRIES,
                        True)
    if not assemble:
        return SolveResult(game, (), METHOD_CELLS, pure=pure, notes=tuple(notes),
                           undecided=sp.true, cells=(tuple(cells), tuple(points)))
    cell_conds = [sp.And(box, *assumptions, certificate_condition(c.certificate, params))
                  for c in cells]
    point_conds = [sp.And(*(sp.Eq(q, v) for q, v in at(pt.at).items())) for pt in points]
    undecided = [cond for cond, c in zip(cell_conds, cells) if c.failed]
    for c in cells:
        if c.failed:
            notes.append(f"support patterns {list(c.failed)} not decided on a cell (a number "
                         "outside the fast exact types, or only sampled)")
    rest = sp.And(box, *assumptions, sp.Not(sp.Or(*cell_conds, *point_conds)))
    if rest is not sp.false:
        undecided.insert(0, rest)
    undecided_all = sp.Or(*undecided)
    out = joined_equilibria(game, [(cond, c.result, dict(c.along))
                                   for cond, c in zip(cell_conds, cells)],
                            [(cond, at(pt.at), pt.result, exact_numbers_at(params, pt.at))
                             for cond, pt in zip(point_conds, points)],
                            [undecided_all], refine, lambda cs: sp.Or(*cs))
    notes = [f"{len(cells)} exact cells and {len(points)} exact points ({runs} runs this "
             "call); conditions are exact on them, and nothing is claimed where "
             "`undecided` holds (cell boundaries and parts no run reached)"] + notes
    return SolveResult(game, tuple(out), METHOD_CELLS, pure=pure, notes=tuple(notes),
                       undecided=undecided_all, cells=(tuple(cells), tuple(points)))


def _local_certificate(cert: tuple, tracer: Tracer, params: tuple, x: tuple,
                       ranges: tuple) -> tuple:
    """A smaller certificate whose set lies inside the run's cell and contains its point.

    For any rational box ``B`` that contains the point, a polynomial with one sign on
    ``B`` (exact interval arithmetic) keeps the sign it has at the point on the whole of
    ``B``, so ``B`` (as linear bounds) and the other polynomials define a subset of the
    cell that contains the point: every recorded sign holds there.  ``B`` is taken just
    outside the nearest real roots of the cell's one-variable polynomials around the
    point (:func:`_axis_bounds`), so that it holds the cell's piece around the point and
    few polynomials cross it: certificates of thousands of polynomials shrink to those.
    Soundness does not depend on where the roots are found to be, only on the box
    containing the point, which is checked exactly."""
    box = [list(r) for r in ranges]
    for f, s in cert:
        if s == NONZERO:  # not 0 is asked, not a sign: its zeros need not bound the box
            continue
        used = {i for m, _ in f.terms() for i, e in enumerate(m) if e}
        if len(used) != 1:
            continue
        i = used.pop()
        lo, hi = _axis_bounds(f, i, x[i])
        if lo is not None and (box[i][0] is None or lo > box[i][0]):
            box[i][0] = lo
        if hi is not None and (box[i][1] is None or hi < box[i][1]):
            box[i][1] = hi
    box = tuple(tuple(end) for end in box)
    assert all((lo is None or lo <= xi) and (hi is None or xi <= hi)
               for (lo, hi), xi in zip(box, x))
    kept = tuple(fs for fs in cert if not one_sign(fs[0], box))
    bounds = []
    for i, (lo, hi) in enumerate(box):
        if lo is not None and (ranges[i][0] is None or lo > ranges[i][0]):
            bounds.append((tracer.coordinate_poly(i, lo), 1))
        if hi is not None and (ranges[i][1] is None or hi < ranges[i][1]):
            bounds.append((tracer.coordinate_poly(i, hi), -1))
    return tuple(dict.fromkeys(tuple(bounds) + kept))  # a bound may be a kept factor too


def _coordinate(f) -> bool:
    """Whether a polynomial is ``p_i - v`` up to a factor (a side of a local
    certificate's box, or a boundary that is one)."""
    return f.is_linear and len({i for m, _ in f.terms() for i, e in enumerate(m) if e}) == 1


def _on_wall(g, game: SignallingGame, params: tuple, rng: random.Random) -> tuple | None:
    """A random rational point of the box on ``g = 0``, for ``g`` linear in some
    parameter (the others sampled, that one solved for); None if there is none there.

    Examples
    --------
    >>> from alliance_games.solving.ratfunc import field
    >>> K, (u, v) = field(2)
    >>> a, b = sp.symbols("a b")
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"], [[[a]], [[b]]], [[[0]], [[0]]],
    ...                                parameters={a: (0, 1), b: (0, 1)})
    >>> x = _on_wall((2 * u - v).numer, g, (a, b), random.Random(0))
    >>> 2 * x[0] == x[1]
    True
    """
    x = _sample(game, params, rng)
    found = _solve_for(g, params, x)
    if found is None:
        return None
    j, value, _ = found
    at = {q: sp.Rational(v.numerator, v.denominator) for i, (q, v) in enumerate(zip(params, x))
          if i != j}
    v = value.xreplace(at)
    if not v.is_Rational:
        return None
    lo, hi = game.parameters[params[j]]
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        return None
    return x[:j] + (Fraction(int(v.p), int(v.q)),) + x[j + 1:]


def _solve_for(g, params: tuple, x: tuple) -> tuple | None:
    """``g = 0`` solved for a parameter in which ``g`` is linear and whose coefficient is
    not 0 at ``x``: ``(index, value, coefficient)``, the value a sympy rational function
    of the other parameters; None if there is none.

    Examples
    --------
    >>> from alliance_games.solving.ratfunc import field
    >>> K, (u, v) = field(2)
    >>> a, b = sp.symbols("a b")
    >>> _solve_for((2 * u - v ** 2).numer, (a, b), (Fraction(1, 2), Fraction(1)))
    (0, b**2/2, 2)
    """
    at = {q: sp.Rational(v.numerator, v.denominator) for q, v in zip(params, x)}
    return next((s for s in _linear_solutions(g, params) if s[2].xreplace(at) != 0), None)


_SOLVED: dict = {}  # (polynomial, parameters) -> _linear_solutions


def _linear_solutions(g, params: tuple) -> tuple:
    """``(index, value, coefficient)`` for every parameter in which ``g`` is linear
    (cached)."""
    key = (g, params)
    hit = _SOLVED.get(key)
    if hit is None:
        if len(_SOLVED) > 10_000:
            _SOLVED.clear()
        expr = g.as_expr(*params)
        hit = []
        for j, q in enumerate(params):
            poly = sp.Poly(expr, q)
            if poly.degree() == 1:
                g1, g0 = poly.all_coeffs()
                hit.append((j, sp.cancel(-g0 / g1), g1))
        hit = _SOLVED[key] = tuple(hit)
    return hit


def _lifted(expr: sp.Expr, params: tuple, x: tuple, sign: int | None = None) -> tuple:
    """A certificate entry ``(polynomial, sign at x)`` in all ``params`` from a
    polynomial expression in some of them (``sign=NONZERO`` is kept: not 0)."""
    f = from_expr(expr, params).numer
    return f, NONZERO if sign == NONZERO else poly_sign(f, x)


def _axis_bounds(f, i: int, xi: Fraction) -> tuple:
    """Rationals ``lo <= xi <= hi`` just outside the real roots of ``f`` (a polynomial in
    parameter ``i`` only) nearest to ``xi`` below and above it (None where there is none).

    A linear ``f`` gives its root exactly.  Otherwise the roots are found in floating
    point (the bounds only make the local certificate's box small: any box containing
    the point is sound), and each bound is the simplest rational a little outside the
    root, at a sixteenth to an eighth of its distance from ``xi``; a root within rounding
    of ``xi`` gives no bound.

    Examples
    --------
    >>> from alliance_games.solving.ratfunc import field
    >>> K, (p, q) = field(2)
    >>> _axis_bounds((2 * q - 1).numer, 1, Fraction(1, 3))
    (None, Fraction(1, 2))
    >>> _axis_bounds((p ** 2 - 2).numer, 0, Fraction(0))
    (Fraction(-11, 7), Fraction(11, 7))
    """
    coeffs: dict = {}
    for monom, c in f.terms():
        coeffs[monom[i]] = Fraction(int(c.numerator), int(c.denominator))
    degree = max(coeffs)
    if degree == 1:
        root = -coeffs.get(0, Fraction(0)) / coeffs[1]
        return (root, None) if root < xi else (None, root) if root > xi else (None, None)
    roots = _float_roots(tuple(coeffs.get(e, Fraction(0)) for e in range(degree, -1, -1)))
    x = float(xi)
    tol = 1e-9 * (1 + abs(x))
    below = [r for r in roots if r < x - tol]
    above = [r for r in roots if r > x + tol]
    lo = hi = None
    if below:
        r = Fraction(max(below))
        d = (xi - r) / 16
        lo = min(simplest_in(r - 2 * d, r - d), xi)
    if above:
        r = Fraction(min(above))
        d = (r - xi) / 16
        hi = max(simplest_in(r + d, r + 2 * d), xi)
    return lo, hi


def _float_roots(coeffs: tuple) -> tuple:
    """The real roots, in floating point, of the polynomial with these rational
    coefficients (highest degree first); () where floats cannot represent it."""
    big = max(abs(c) for c in coeffs)
    scaled = [float(c / big) for c in coeffs]
    with np.errstate(all="ignore"):
        roots = np.roots(scaled)
    if not np.all(np.isfinite(roots)):
        return ()
    return tuple(float(r.real) for r in roots if abs(r.imag) <= 1e-7 * (1 + abs(r.real)))


def _range(game: SignallingGame, q: sp.Symbol) -> tuple:
    """A parameter's declared range as Fractions (None for an unbounded side)."""
    lo, hi = game.parameters[q]
    return (None if lo is None else _fraction(lo), None if hi is None else _fraction(hi))


def _fraction(v) -> Fraction:
    v = sp.Rational(v)
    return Fraction(int(v.p), int(v.q))


def solver_parameters(game: SignallingGame) -> tuple:
    """The parameters a parametric solve runs over, in its order (by name): those in the
    payoffs or the prior, and those the game's assumptions involve (a branch condition
    may involve a parameter no payoff of its branch uses).

    Examples
    --------
    >>> p, c = sp.symbols("p c")
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"], [[[p]], [[1]]], [[[0]], [[0]]],
    ...                                parameters={p: (0, 1), c: (0, 1)},
    ...                                assumptions=[c < p])
    >>> solver_parameters(g)
    (c, p)
    """
    used = set(game.free_parameters)
    for a in game.assumptions:
        used |= a.free_symbols & set(game.parameters)
    return tuple(sorted(used, key=str))


def _relation_test(cond: sp.Basic, params: tuple) -> Callable | None:
    """An exact test at rational points of a conjunction of relations between rational
    functions of ``params``, on the field's polynomials (:func:`.ratfunc.poly_sign`): the
    same answer as substituting the point into ``cond`` (a pole is not a point where it
    holds).  None for a condition of another form.

    Examples
    --------
    >>> p, c = sp.symbols("p c")
    >>> test = _relation_test(sp.And(p > 0, c / (p - 1) <= 2), (c, p))
    >>> test((Fraction(1), Fraction(2))), test((Fraction(3), Fraction(2)))
    (True, False)
    >>> test((Fraction(1), Fraction(1)))  # at the pole
    False
    """
    rels = _rational_relations(cond, params)
    if rels is None:
        return None
    parts = [(f.numer, f.denom, kind) for _, f, kind in rels]

    def test(x: tuple) -> bool:
        for n, d, kind in parts:
            sd = poly_sign(d, x)
            if sd == 0 or not relation_holds(kind, poly_sign(n, x) * sd):
                return False
        return True
    return test


def box_condition(game: SignallingGame, params: tuple) -> sp.Basic:
    """The declared ranges of some parameters of a game as one condition (open or closed
    ends as declared).

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"], [[[p]], [[1]]], [[[0]], [[0]]],
    ...                                parameters={p: sp.Interval.Lopen(0, 1)})
    >>> box_condition(g, (p,))
    (p <= 1) & (p > 0)
    """
    rel = []
    for q in params:
        lo, hi = game.parameters[q]
        lo_c, hi_c = game.closed.get(q, (False, False))
        if lo is not None:
            rel.append(q >= lo if lo_c else q > lo)
        if hi is not None:
            rel.append(q <= hi if hi_c else q < hi)
    return sp.And(*rel)


def _sample(game: SignallingGame, params: tuple, rng: random.Random) -> tuple:
    """A random rational point of the box (an unbounded side: 10 beyond the other end)."""
    out = []
    for q in params:
        lo, hi = game.parameters[q]
        lo = Fraction(-10) if lo is None and hi is None else lo
        lo = _fraction(hi) - 10 if lo is None else _fraction(lo)
        hi = lo + 10 if hi is None else _fraction(hi)
        out.append(lo + (hi - lo) * Fraction(rng.randint(1, 9966), 9967))
    return tuple(out)


def _split_alone(game: SignallingGame, p: sp.Symbol, points: list, cells: list) -> list:
    """``points`` (``(x, root, result)``) with each continuum split by its members'
    verdicts (:func:`_split_noted`), as the runs split it on their cells
    (:func:`.belief_family_traced.split_along_parameter`), unless a cell keeps its
    pattern whole: it then joins the cell's equilibrium, one label along the parameter."""
    whole = _kept_whole(res for _, res in cells)
    return [(x, end, _split_noted(game.subs({p: x}), at, whole)) for x, end, at in points]


def _kept_whole(results) -> set:
    """The support patterns (labels without ``#k``) of the continua that the results
    keep whole, with the note that their verdicts are the representative's."""
    return {unnumbered(e.label) for res in results for e in res if VERDICT_NOTE in e.notes}


def _split_noted(game: SignallingGame, res: SolveResult, whole: set) -> SolveResult:
    """``res`` (the equilibria of numeric ``game``, a point of a parametric game solved
    with the split off) with each continuum that keeps the note that its verdicts are its
    representative's, and whose label is not in ``whole``, replaced by its parts
    (:func:`.belief_family.split_belief_family`), each with its own verdicts: its pattern
    solved again at the point on the fast exact backend (a rational or quadratic
    irrational point), as point-wise solving splits it.  A pattern that leaves the fast
    types stays as it was.

    Examples
    --------
    Beer-quiche-like: both types pool on ``m2``, where the receiver is indifferent at
    the prior; the members with ``rho[m2,a0] = 1/2`` pass both tests and the others fail
    them (:func:`.belief_family.split_belief_family`'s example).

    >>> from alliance_games import belief
    >>> mu = belief("H")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[1, 1], [1, 1], [2, 0]], [[1 + mu, 1 + mu], [0, 0], [2, 0]]],
    ...     [[[1, 0], [1, 0], [0, 1]], [[1, 0], [1, 0], [1, 0]]], types=["L", "H"])
    >>> res = solve_belief_game(g, split=False)
    >>> def pools(r):
    ...     return [(e.label, e.intuitive_criterion) for e in r
    ...             if e.label.startswith("L:m2 H:m2") and "m2:a0+a1" in e.label]
    >>> pools(res)
    [('L:m2 H:m2 | m0:a0 m1:a0 m2:a0+a1', True)]
    >>> for part in pools(_split_noted(g, res, set())):
    ...     print(part)
    ('L:m2 H:m2 | m0:a0 m1:a0 m2:a0+a1 #1', True)
    ('L:m2 H:m2 | m0:a0 m1:a0 m2:a0+a1 #2', False)
    >>> pools(_split_noted(g, res, {"L:m2 H:m2 | m0:a0 m1:a0 m2:a0+a1"}))  # a cell keeps it
    [('L:m2 H:m2 | m0:a0 m1:a0 m2:a0+a1', True)]
    """
    alone = {unnumbered(e.label) for e in res if VERDICT_NOTE in e.notes} - whole
    return _split_patterns(game, res, alone) if alone else res


def _split_patterns(game: SignallingGame, res: SolveResult, labels: set) -> SolveResult:
    """``res`` (the equilibria of numeric ``game``) with the equilibria of the support
    patterns named ``labels`` solved again, each continuum split by its members'
    verdicts; a pattern is left as it was where that cannot be done exactly."""
    try:
        gd = fast_game(game)
    except OutsideFastType:
        return res
    eqs = list(res)
    for label in sorted(labels):
        S, B = _support_pattern(game, next(e for e in eqs if unnumbered(e.label) == label))
        if pattern_label(game, S, B) != label:
            continue
        try:
            parts = pattern_equilibria(gd, S, B, True, split=split_belief_family)
        except OutsideFastType:
            continue
        eqs = [e for e in eqs if unnumbered(e.label) != label] + parts
    return replace(res, equilibria=tuple(eqs))


def _support_pattern(game: SignallingGame, eq) -> tuple:
    """The support pattern ``(S, B)`` of a numeric equilibrium: the messages each type
    sends and the actions answering each message with positive probability."""
    S = tuple(tuple(m for m, msg in enumerate(game.messages) if eq.sender[t][msg] != 0)
              for t in game.types)
    B = tuple(tuple(a for a, act in enumerate(game.actions[m]) if eq.receiver[msg][act] != 0)
              for m, msg in enumerate(game.messages))
    return S, B


def _solve_at_point(game: SignallingGame, p: sp.Symbol, x: sp.Expr, pure: bool,
                    refine: bool, root: Root | None = None,
                    memo: PatternMemo | None = None) -> SolveResult | None:
    """The equilibria at one parameter value, exactly: a rational value on the ordinary
    exact path; an irrational algebraic number (``root``, a quadratic irrational or of
    higher degree) on the fast engine with numbers whose signs are decided at the root
    (:class:`~.traced_at_root.AlgTracer`); when that leaves the fast types, a quadratic
    irrational on the same engine over its general backend (sympy algebraic numbers),
    every equilibrium then checked by ``verify``; None when the value leaves these paths
    or a check fails (the point is reported undecided).  ``memo``: the line's patterns
    whose cells hold an irrational ``root`` are taken from it."""
    if x.is_Rational:
        res = solve_belief_game(game.subs({p: x}), pure=pure, refine=refine, split=False)
        return None if _left_out(res) else res
    if root is not None:
        res = _solve_at_root(game, p, root, pure, refine, memo)
        if res is not None:
            return res
    try:
        from_sympy(x)  # a sum of square roots of rationals, or OutsideFastType
    except OutsideFastType:
        return None
    try:
        at = game.subs({p: x})
        res = solve_belief_game(at, pure=pure, refine=refine, split=False)
    except (OutsideFastType, UnsupportedGameError, NotImplementedError, TypeError):
        return None
    if _left_out(res) or not all(verify(at, eq).ok for eq in res):
        return None
    return res


def _solve_at_root(game: SignallingGame, p: sp.Symbol, root: Root, pure: bool,
                   refine: bool, memo: PatternMemo | None = None) -> SolveResult | None:
    """The equilibria at a real algebraic parameter value of degree 3 or more: one run of
    the engine whose every sign is decided at the root.  Its expressions are functions of
    ``p`` that hold at the root; None when a pattern leaves the fast types."""
    tracer = AlgTracer(p, root)
    failed: list = []

    def fallback(S, B):
        failed.append((S, B))
        return []

    try:
        gd = fast_game(game, const=tracer.convert)
        res = solve_patterns(gd, pure=pure, refine=refine, method=METHOD, fallback=fallback,
                             memo=None if memo is None else memo.at_root(root))
    except OutsideFastType:
        return None
    return None if failed or _left_out(res) else res


def _traced_run(game, p, x0, pure: bool, refine: bool, along: dict | None = None,
                memo: PatternMemo | None = None, tracer: Tracer | None = None):
    """One exact run at ``p = x0`` with traced numbers (``p`` and ``x0`` may be tuples,
    several parameters): its result (expressions in ``p``), its tracer and the support
    patterns that left the fast types.  ``along``: other parameters of the game as
    sympy expressions in ``p`` (a run on a hypersurface).  ``memo``: patterns solved by
    earlier runs of one line, taken where their cells hold ``x0``.  ``tracer``: the
    run's tracer at ``x0``, with what it has already recorded (default: a new one)."""
    tracer = Tracer(p, x0) if tracer is None else tracer
    failed: list = []

    def fallback(S, B):
        failed.append((S, B))
        return []

    convert = tracer.convert if along is None else \
        (lambda e: tracer.convert(sp.sympify(e).xreplace(along)))
    gd = fast_game(game, const=convert)
    res = solve_patterns(gd, pure=pure, refine=refine, method=METHOD, fallback=fallback,
                         split=lambda gdx, sol: split_along_parameter(tracer, game, gdx, sol,
                                                                      along),
                         memo=None if memo is None else memo.for_run(tracer, gd))
    return res, tracer, failed + _left_out(res)


def _line_relations(game: SignallingGame, p: sp.Symbol) -> tuple | None:
    """The game's assumptions as ``(lhs - rhs, relation type)`` pairs, rational functions
    of the one parameter ``p`` that a traced run decides (:func:`_assumed`); ``()`` for
    none, None for an assumption of another form (it is then left to the cells of
    several parameters, which test it at rational points).

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"], [[[p]], [[1]]], [[[0]], [[0]]],
    ...                                parameters={p: (0, 2)}, assumptions=[1 / p < 2])
    >>> _line_relations(g, p)
    ((-2 + 1/p, <class 'sympy.core.relational.StrictLessThan'>),)
    """
    rels = _rational_relations(sp.And(*game.assumptions), (p,))
    return None if rels is None else tuple((e, kind) for e, _, kind in rels)


def _rational_relations(cond: sp.Basic, params: tuple) -> list | None:
    """A conjunction of relations between rational functions of ``params`` as ``(lhs -
    rhs, the same in :func:`.ratfunc.from_expr`'s field, relation type)`` triples; None
    for a condition of another form."""
    out = []
    for r in cond.args if isinstance(cond, sp.And) else () if cond is sp.true else (cond,):
        if not isinstance(r, sp.core.relational.Relational):
            return None
        try:
            out.append((r.lhs - r.rhs, from_expr(r.lhs - r.rhs, params), type(r)))
        except (ValueError, ZeroDivisionError):
            return None
    return out


def _assumed(relations: tuple, tracer: Tracer, at_run: bool = False) -> bool:
    """Whether ``relations`` (:func:`_line_relations`) hold at the tracer's point, each
    sign decided by the tracer and recorded by it, so a run's cell is also where they keep
    their values.  A pole is not a point where a relation holds; in a run
    (``at_run``), whose cell must record the relation, it is
    :class:`~.quadratic.OutsideFastType` instead (the run's interval is then undecided)."""
    for e, kind in relations:
        try:
            sign = tracer.convert(e).sign()
        except ZeroDivisionError as exc:
            if at_run:
                raise OutsideFastType(f"a pole of the assumption {e} at the run's point") \
                    from exc
            return False
        if not relation_holds(kind, sign):
            return False
    return True


def _left_out(res: SolveResult) -> list:
    """The support patterns a run left undecided (only sampled): the run's cell or
    point is then undecided, never reported without them."""
    return list(res.undecided_patterns)


def _open(p, a: Root, b: Root) -> sp.Basic:
    parts = []
    if a.value != -sp.oo:
        parts.append(p > a.value)
    if b.value != sp.oo:
        parts.append(p < b.value)
    return sp.And(*parts)


