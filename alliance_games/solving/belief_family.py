"""The Intuitive Criterion and D1 on a continuum of equilibria of a two-type game whose
payoffs depend on the belief, decided for every member.

The refinements are outcome tests: a member's verdicts depend on the on-path messages
(the same for every member: they are the supports') and the types' equilibrium
payoffs.  Two shapes of continuum have one free coordinate ``r``:

* the receiver's mixing at on-path messages moves on a segment while the posteriors stay
  put (``r`` is the probability of one action); the payoffs are affine in ``r``;
* the posterior at one on-path message moves (a type mixes and nothing pins its
  mixture; ``r`` is that posterior) while the receiver's answers stay pinned.

:func:`split_belief_family` solves the pattern at a member with the engine's own steps
(:func:`.belief_engine.solution_at`, or the payoffs and
:func:`.belief_engine.outcome_checks` for a segment of mixings) and takes its verdicts
(:func:`.belief_engine.verdicts`), with traced numbers in ``r`` (:mod:`.traced`): each
run holds on a cell of the coordinate's range, and :func:`.line.explore_line` covers the
range with such cells; the points between cells are decided one by one, exactly.  The
range is cut into the intervals on which the members exist and keep their verdicts;
each becomes one part, with a representative member and its exact range.

Continua of other shapes (more than one free direction) are left whole; the caller then
notes that the verdicts are the representative's.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction

import sympy as sp

from .belief_engine import (
    BeliefGame,
    BeliefSolution,
    mixing_system,
    outcome_checks,
    solution_at,
    verdicts,
)
from .belief_fast import FAST, fast_game
from .line import explore_line, rational_inside, same_root, unique_roots
from .lp import LinearSystem, interior_point, variable_range
from .quadratic import OutsideFastType
from .traced import AlgTracer, Root, Tracer

__all__ = ["split_belief_family"]

_MAX_RUNS = 60  # traced runs along one continuum before it is left whole


class _Whole(Exception):
    """The continuum has another free direction at some member: it is kept whole."""


@dataclass(frozen=True)
class _Coordinate:
    """A continuum's free coordinate: its name, its range (``[(lo, hi, lo in, hi in)]``,
    rational ends; an isolated point has ``lo == hi``) and its member at ``r``:
    ``member(gd, convert, r)``, in the numbers of ``gd`` (``convert`` turns a sympy
    expression in ``r`` into one of them), is a :class:`BeliefSolution` whose off-path
    sets are decided, or None when ``r`` is not an equilibrium."""

    name: str
    ranges: list
    member: Callable


def split_belief_family(gd: BeliefGame, sol: BeliefSolution) -> list | None:
    """The members of a continuum split by their Intuitive Criterion and D1 verdicts.

    Parameters
    ----------
    gd : BeliefGame
        A two-type game without parameters on the fast exact backend
        (:func:`.belief_fast.fast_game`).
    sol : BeliefSolution
        A representative of a continuum (``sol.family``) from
        :func:`.belief_engine.pattern_solution`.

    Returns
    -------
    list or None
        ``[(part, ic, d1, where), ...]``, one entry per interval of the continuum's free
        coordinate on which the members exist and keep their verdicts, in order along
        it: ``part`` a member inside the interval, ``where`` the interval as text (one
        entry, ``sol`` itself, when the verdicts hold on the whole continuum).  None
        when the continuum has more
        than one free direction, or a number leaves the exact types: the caller keeps
        it whole.

    Examples
    --------
    Both types pool on ``m2``, where the receiver is indifferent at the prior and may
    play ``a0`` with any probability ``r``; each type then gets ``2 r``.  Off the path,
    ``m0`` pays ``L`` 1 and ``H`` ``1 + mu(H)``, so the pool needs ``r >= 1/2``.  At
    ``r = 1/2`` both tests pass; above it ``L`` cannot gain from ``m0``, ``H`` can, and
    the Intuitive Criterion puts the belief on ``H``, which breaks the pool.

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_engine import pattern_solution
    >>> mu = belief("H")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[1, 1], [1, 1], [2, 0]], [[1 + mu, 1 + mu], [0, 0], [2, 0]]],
    ...     [[[1, 0], [1, 0], [0, 1]], [[1, 0], [1, 0], [1, 0]]], types=["L", "H"])
    >>> gd = fast_game(g)
    >>> sol = pattern_solution(gd, ((2,), (2,)), ((0,), (0,), (0, 1)))
    >>> for part, ic, d1, where in split_belief_family(gd, sol):
    ...     print(ic, d1, where.split(" with ")[1].split(";")[0])
    True True rho[m2,a0] = 1/2
    False False rho[m2,a0] in (1/2, 1)
    """
    game = gd.game
    if gd.ctx is not FAST or gd.n_types != 2 or game.free_parameters:
        return None
    if not all(isinstance(v, Fraction) for v in sol.x.values()):
        return None
    r = sp.Dummy("r")
    coordinate = _posterior_coordinate(gd, sol, r) if sol.sampled else \
        _mixing_coordinate(gd, sol, r)
    if coordinate is None:
        return None
    on = set(sol.x)

    def result(gdx, convert):
        found = coordinate.member(gdx, convert, r)
        return None if found is None else verdicts(gdx, on, found.values)

    def run(r0: Fraction):
        tracer = Tracer(r, r0)
        return result(fast_game(game, const=tracer.convert), tracer.convert), tracer

    pieces = []
    try:
        for lo, hi, lo_in, hi_in in coordinate.ranges:
            points = [Root.of(x) for x, inside in ((lo, lo_in), (hi, hi_in)) if inside]
            if lo != hi:
                line = explore_line(run, Root.of(lo), Root.of(hi), random.Random(0),
                                    _MAX_RUNS)
                if line.undecided or line.outside:
                    return None
                points += unique_roots(line.ends)
                pieces += [("cell", c, c.result) for c in line.cells]
            for point in unique_roots(points):
                pieces.append(("point", point, _at(gd, result, r, point)))
    except (OutsideFastType, _Whole):
        return None
    parts = [part for part in _parts(_in_order(pieces)) if part[0] is not None]
    if not parts:
        return None  # (the representative is a member: never reached)
    if len(parts) == 1:  # one verdict on the whole continuum
        (ic, d1), members = parts[0]
        return [(sol, ic, d1, _where(coordinate.name, members[0], members[-1], True))]
    out = []
    rng = random.Random(1)
    for found, members in parts:
        first, last = members[0], members[-1]
        if len(members) == 1 and first[0] == "point":
            if not first[1].value.is_Rational:
                return None  # an isolated member at an irrational point
            r_star = Fraction(str(first[1].value))
        else:
            cell = next(m for m in members if m[0] == "cell")[1]
            r_star = rational_inside(cell.left, cell.right, rng)
        member = coordinate.member(gd, lambda e, x=r_star: _fraction(e.subs(r, x)), r)
        if member is None:
            return None
        out.append((member, *found, _where(coordinate.name, first, last, False)))
    return out


def _mixing_coordinate(gd: BeliefGame, sol: BeliefSolution, r) -> _Coordinate | None:
    """The coordinate of a segment of receiver mixings at fixed posteriors."""
    found = mixing_system(gd, sol.S, sol.B, sol.x)
    if found is None or not found[0]:
        return None
    keys, system = found
    segment = _segment(gd.ctx, keys, system, r)
    if segment is None:
        return None
    i0, lo, hi, rho = segment
    ranges = [(lo, hi, *(interior_point(gd.ctx.lp, _pin(gd.ctx, system, i0, x)) is not None
                         for x in (lo, hi)))]
    game = gd.game
    on = set(sol.x)
    payoffs = []  # each type's equilibrium payoff, a sympy expression in r
    for t in range(gd.n_types):
        m = sol.S[t][0]
        acc = sp.Integer(0)
        for a in sol.B[m]:
            u = gd.ctx.at(gd.u[t][m][a], sol.x[m])
            if not isinstance(u, Fraction):
                return None
            acc += rho.get((m, a), sp.Integer(1)) * sp.Rational(u)
        payoffs.append(sp.expand(acc))

    def member(gdx: BeliefGame, convert, _r) -> BeliefSolution | None:
        values = [convert(v) for v in payoffs]
        checks = outcome_checks(gdx, sol.B, on, values)
        if checks is None:
            return None
        mixing = dict(sol.rho)
        mixing.update({k: convert(v) for k, v in rho.items()})
        for _, _, mix in checks[0].values():
            mixing.update(mix)
        return replace(sol, rho=mixing, values=values, off=checks[0])

    k = keys[i0]
    return _Coordinate(f"rho[{game.messages[k[0]]},{game.actions[k[0]][k[1]]}]", ranges,
                       member)


def _posterior_coordinate(gd: BeliefGame, sol: BeliefSolution, r) -> _Coordinate | None:
    """The coordinate of a continuum of posteriors at one on-path message (the others
    fixed): the members are the pattern's solutions there, the receiver's answers
    pinned (another free direction raises :class:`_Whole`)."""
    ctx = gd.ctx
    shared = [m for m in sol.x if m in sol.S[0] and m in sol.S[1]]
    if len(shared) != 1:
        return None
    (m,) = shared
    window = ctx.open_interval(gd.prior[0], ctx.one) if len(sol.S[0]) == 1 else \
        ctx.open_interval(ctx.zero, gd.prior[0]) if len(sol.S[1]) == 1 else \
        ctx.open_interval(ctx.zero, ctx.one)
    region = ctx.intersect(gd.br_region(m, sol.B[m]), window)
    ranges = []
    for piece in ctx.pieces(region):
        if piece[0] == "I":
            lo, hi = piece[1], piece[2]
            ranges.append((lo, hi, ctx.contains(region, lo), ctx.contains(region, hi)))
        else:
            ranges += [(x, x, True, True) for x in piece[1]]
    if not ranges or not all(isinstance(x, Fraction) for rg in ranges for x in rg[:2]):
        return None
    fixed = {k: v for k, v in sol.x.items() if k != m}

    def member(gdx: BeliefGame, convert, r) -> BeliefSolution | None:
        x = {k: convert(sp.Rational(v)) for k, v in fixed.items()}
        x[m] = convert(r)
        found = solution_at(gdx, sol.S, sol.B, x)
        if found is not None and found.family:
            raise _Whole  # the receiver's mixing is free too
        return None if found is None else replace(found, family=True, moves=True,
                                                  sampled=True)

    first = gd.game.types[0]
    return _Coordinate(f"mu({first}|{gd.game.messages[m]})", ranges, member)


def _segment(ctx, keys: list, system: LinearSystem, r):
    """``(i, lo, hi, rho)`` when the mixings satisfying ``system`` form a segment along
    which ``keys[i]`` runs from ``lo`` to ``hi`` (rationals); ``rho`` gives every key's
    probability at ``keys[i] = r`` (sympy, affine in ``r``).  None otherwise."""
    ranges = [variable_range(ctx.lp, system, i) for i in range(len(keys))]
    free = [i for i, (lo, hi) in enumerate(ranges) if ctx.cmp(lo, hi) != 0]
    if not free:
        return None
    i0 = free[0]
    lo, hi = ranges[i0]
    if not (isinstance(lo, Fraction) and isinstance(hi, Fraction)):
        return None
    probes = [lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3]
    points = []
    for x in probes:
        sol = ctx.linear_solve(len(keys), list(_pin(ctx, system, i0, x).eq))
        if sol is None or sol == "free" or not all(isinstance(v, Fraction) for v in sol):
            return None  # more than one free direction
        points.append(sol)
    (x1, x2), (p1, p2) = probes, points
    rho = {k: sp.Rational(a) + (r - sp.Rational(x1)) * sp.Rational((b - a) / (x2 - x1))
           for k, a, b in zip(keys, p1, p2)}
    return i0, lo, hi, rho


def _pin(ctx, system: LinearSystem, i: int, x) -> LinearSystem:
    """The system with its ``i``-th variable fixed at ``x``."""
    row = tuple(ctx.one if j == i else ctx.zero for j in range(system.n))
    return replace(system, eq=system.eq + ((row, x),))


def _at(gd: BeliefGame, result: Callable, r, point: Root):
    """``result`` at one point of the coordinate, exactly: a rational on the game's own
    numbers, an algebraic number with every sign decided at it."""
    if point.value.is_Rational:
        x = point.value
        return result(gd, lambda e: _fraction(sp.sympify(e).subs(r, x)))
    tracer = AlgTracer(r, point)
    return result(fast_game(gd.game, const=tracer.convert), tracer.convert)


def _fraction(v: sp.Expr) -> Fraction:
    v = sp.Rational(v)
    return Fraction(int(v.p), int(v.q))


def _in_order(pieces: list) -> list:
    """Cells ``("cell", cell, result)`` and points ``("point", root, result)`` sorted
    along the line (a point before the cell that starts at it)."""
    def start(piece):
        return piece[1].left if piece[0] == "cell" else piece[1]

    def before(a, b) -> bool:
        if same_root(start(a), start(b)):
            return a[0] == "point" and b[0] == "cell"
        return start(a).less(start(b))

    ordered: list = []
    for piece in pieces:
        i = 0
        while i < len(ordered) and before(ordered[i], piece):
            i += 1
        ordered.insert(i, piece)
    return ordered


def _parts(pieces: list) -> list:
    """Runs of adjacent pieces with the same result, ``[(result, [pieces]), ...]``; a
    gap between two pieces (the range in pieces) also ends a run."""
    out: list = []
    for piece in pieces:
        if out and out[-1][0] == piece[2] and _adjacent(out[-1][1][-1], piece):
            out[-1][1].append(piece)
        else:
            out.append((piece[2], [piece]))
    return out


def _adjacent(a, b) -> bool:
    end = a[1].right if a[0] == "cell" else a[1]
    start = b[1].left if b[0] == "cell" else b[1]
    return same_root(end, start) and (a[0], b[0]) != ("point", "point")


def _where(name: str, first, last, whole: bool) -> str:
    """A part's interval of the coordinate (the whole continuum's when ``whole``), as
    text."""
    what = "the continuum" if whole else "this part of the continuum"
    if first[0] == "point" and first is last:  # (an off-path mixing may still vary)
        return (f"{what}: the members with {name} = {first[1].value}; the Intuitive "
                "Criterion and D1 verdicts hold for every one of them")
    left = first[1].value if first[0] == "point" else first[1].left.value
    right = last[1].value if last[0] == "point" else last[1].right.value
    lb = "[" if first[0] == "point" else "("
    rb = "]" if last[0] == "point" else ")"
    return (f"{what}: the members with {name} in {lb}{left}, {right}{rb}; "
            "the Intuitive Criterion and D1 verdicts hold for every one of them")
