"""The Intuitive Criterion and D1 on a continuum of equilibria of a two-type game whose
payoffs depend on the belief, decided for every member.

The refinements are outcome tests: a member's verdicts depend on the on-path messages
(the same for every member: they are the supports') and the types' equilibrium
payoffs.  Three shapes of continuum have one free coordinate ``r``:

* the receiver's mixing at on-path messages moves on a segment while the posteriors stay
  put (``r`` is the probability of one action); the payoffs are affine in ``r``;
* the receiver's mixings fill a polytope of two or more dimensions, and the types'
  payoffs over it lie on a line (for example, one type's payoff does not move): ``r`` is
  the payoff ``u(t)`` of a type whose payoff moves, the other's is affine in it, and the
  members with one value of ``r`` (a slice of the polytope) have one outcome;
* the posterior at one on-path message moves (a type mixes and nothing pins its
  mixture; ``r`` is that posterior) while the receiver's answers stay pinned, or stay
  free at each posterior without moving any type's payoff (the members with one
  posterior then have one outcome).

The ends of the coordinate's range may be quadratic irrationals (a posterior where the
receiver's quadratic indifference holds, or a mixing at such a posterior).

When the receiver's mixings (at fixed posteriors) give payoffs that fill a region of the
plane, the members are split in the payoff plane instead
(:func:`~.payoff_plane.plane_parts`): runs traced in both payoffs, the set of the
members' payoffs (a polygon) cut by the lines their results rest on
(:func:`.refinements.family.arrangement`, the linear engine's own arrangement, its faces
clipped), each part described by the signs of its lines.

:func:`split_belief_family` solves the pattern at a member with the engine's own steps
(:func:`.belief_engine.solution_at`, or the payoffs and
:func:`.belief_engine.outcome_checks` for a segment of mixings) and takes its verdicts
(:func:`.belief_refine.verdicts`), with traced numbers in ``r`` (:mod:`.traced`): each
run holds on a cell of the coordinate's range, and :func:`.line.explore_line` covers the
range with such cells; the points between cells are decided one by one, exactly.  The
range is cut into the intervals on which the members exist and keep their verdicts;
each becomes one part, with a representative member and its exact range.

A region of payoffs cut by lines with quadratic irrational coefficients (a quadratic that
is two such lines) is cut over the quadratic numbers, and the faces on those lines are
decided by runs traced along them.  A line or a conic enters only where it may cross
the face whose run asked about it.  A conic with no square of one payoff (the graph of a
rational function, :mod:`.plane_conic`) that crosses a face splits that face by its
sign: each sign vector of the conics across it is run at a rational point beside one of
them, and the members on each conic are explored along it by traced runs; a part's
conditions then include the conic's sign.

A continuum of two dimensions, a posterior that moves together with receiver mixings
that move the payoffs at each posterior (:func:`~.payoff_plane.posterior_plane_parts`), is split in
the payoff plane too: the plane (a box holding every payoff) is cut as above, and each
part is kept when some member's payoffs lie in it, found by traced runs along the
posterior (a linear program at each).  Faces with one result are joined into as few
convex parts as the greedy join finds, and a part's conditions leave out those the
others imply.

Continua of other shapes (two posteriors that move; a region of payoffs cut by curves
of other kinds that cross its faces, such as a conic with both squares, or by more
than three conics across one face; a game on the general backend) are left whole;
the caller then notes that the verdicts are the representative's.

This module holds the split along one coordinate; :mod:`.payoff_plane` the split in the
payoff plane, and :mod:`.continuum_runs` the coordinate's description and the helpers of
the runs both trace.
"""

from __future__ import annotations

import random
from dataclasses import replace
from fractions import Fraction

import sympy as sp

from .belief_engine import outcome_checks, solution_at
from .belief_fast import FAST, fast_game
from .belief_mixing import mixing_system, payoff_form
from .belief_posteriors import posterior_path
from .belief_refine import verdicts
from .belief_tables import BeliefGame, BeliefSolution
from .continuum_runs import (
    MAX_FAMILY_RUNS,
    Coordinate,
    KeptWhole,
    PosteriorCurve,
    in_line_order,
    is_fast_number,
    pinned_form,
    pinned_variable,
    result_at,
)
from .line import explore_line, rational_inside, same_root, unique_roots
from .lp import LinearSystem, interior_point, objective_ranges, variable_range
from .payoff_plane import plane_parts, posterior_plane_parts
from .quadratic import (
    OutsideFastType,
    from_sympy,
    rational_between,
    rational_to_sympy,
    to_sympy,
)
from .traced import Tracer
from .traced_roots import Root

__all__ = ["coordinate_of", "describe_part", "split_belief_family"]


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
        when the continuum has none of the shapes above, or a number leaves the exact
        types: the caller keeps it whole.

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
    r = sp.Dummy("r")
    coordinate = coordinate_of(gd, sol, r)
    if coordinate is None:
        mixings = None if sol.sampled else _mixings(gd, sol)
        if mixings is None:
            return None
        try:  # the payoffs may fill a region of the plane
            return plane_parts(gd, mixings, sol)
        except OutsideFastType:
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
            ends = Root.of_number(lo), Root.of_number(hi)
            points = [end for end, inside in zip(ends, (lo_in, hi_in)) if inside]
            if lo != hi:
                line = explore_line(run, *ends, random.Random(0), MAX_FAMILY_RUNS)
                if line.undecided or line.outside:
                    return None
                points += unique_roots(line.ends)
                pieces += [("cell", c, c.result) for c in line.cells]
            for point in unique_roots(points):
                pieces.append(("point", point, result_at(gd, result, r, point)))
    except OutsideFastType:
        return None
    except KeptWhole:  # the receiver's mixing moves the payoffs at some posteriors
        curve = _posterior_curve(gd, sol)
        return None if curve is None else posterior_plane_parts(gd, sol, curve)
    parts = [part for part in _parts(in_line_order(pieces)) if part[0] is not None]
    if not parts:
        return None  # (the representative is a member: never reached)
    if len(parts) == 1:  # one verdict on the whole continuum
        (ic, d1), members = parts[0]
        return [(sol, ic, d1, _where(coordinate, members[0], members[-1], True))]
    out = []
    rng = random.Random(1)
    for found, members in parts:
        first, last = members[0], members[-1]
        try:
            member = coordinate.build(_representative(members, rng))
        except OutsideFastType:  # an isolated member at a root of higher degree
            return None
        if member is None:
            return None
        out.append((member, *found, _where(coordinate, first, last, False)))
    return out


def _representative(members: list, rng: random.Random) -> sp.Expr:
    """The coordinate of the member reported for a part (its pieces ``members``): an
    isolated member's; else the middle of the part's range when its ends are rationals
    or quadratic irrationals (the member a run traced in a parameter reports there,
    :mod:`.belief_family_traced`, so the two join), else a rational inside one of its
    cells."""
    first, last = members[0], members[-1]
    if len(members) == 1 and first[0] == "point":
        return first[1].value
    left = first[1] if first[0] == "point" else first[1].left
    right = last[1] if last[0] == "point" else last[1].right
    middle = (left.value + right.value) / 2
    if middle.is_finite:
        try:
            from_sympy(middle)
            return middle
        except OutsideFastType:
            pass
    cell = next(m for m in members if m[0] == "cell")[1]
    return rational_to_sympy(rational_inside(cell.left, cell.right, rng))


def coordinate_of(gd: BeliefGame, sol: BeliefSolution, r: sp.Symbol) -> Coordinate | None:
    """The free coordinate ``r`` of a continuum (``sol.family``) along which its members'
    outcomes move on a line: the posterior at one on-path message (``sol.sampled``), or
    the receiver's mixing at fixed posteriors (or a payoff along which the others move on
    a line); None for other shapes (the payoffs of the receiver's mixings fill a region
    of the plane, ...) or when a number leaves the fast exact types.  The numbers of
    ``gd`` may be traced in a parameter (:mod:`.belief_family_traced`).

    Examples
    --------
    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_engine import pattern_solution
    >>> mu = belief("H")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[1, 1], [1, 1], [2, 0]], [[1 + mu, 1 + mu], [0, 0], [2, 0]]],
    ...     [[[1, 0], [1, 0], [0, 1]], [[1, 0], [1, 0], [1, 0]]], types=["L", "H"])
    >>> gd = fast_game(g)
    >>> sol = pattern_solution(gd, ((2,), (2,)), ((0,), (0,), (0, 1)))
    >>> c = coordinate_of(gd, sol, sp.Symbol("r"))
    >>> c.name, c.ranges
    ('rho[m2,a0]', [(Fraction(0, 1), Fraction(1, 1), False, False)])
    """
    if sol.sampled:
        curve = _posterior_curve(gd, sol)
        return None if curve is None else _posterior_coordinate(gd, curve, sol, r)
    mixings = _mixings(gd, sol)
    return None if mixings is None else _mixing_coordinate(gd, mixings, sol, r)


def _mixings(gd: BeliefGame, sol: BeliefSolution) -> tuple | None:
    """The receiver's free mixings at the continuum's fixed posteriors: ``(keys, system,
    forms)``, their constraints and each type's payoff as an affine form in them; None
    when none is free or a number leaves the fast exact types."""
    found = mixing_system(gd, sol.S, sol.B, sol.x)
    if found is None or not found[0]:
        return None
    keys, system = found
    forms = [payoff_form(gd, sol.B, sol.x, keys, t, sol.S[t][0]) for t in range(gd.n_types)]
    if not all(is_fast_number(c) for row, k in forms for c in (*row, k)):
        return None
    return keys, system, forms


def _mixing_coordinate(gd: BeliefGame, mixings: tuple, sol: BeliefSolution, r
                       ) -> Coordinate | None:
    """The coordinate of receiver mixings at fixed posteriors along which the types'
    payoffs move on a line: a segment of mixings (the coordinate is one mixing
    probability, every other affine in it), or a polytope of mixings whose payoffs lie on
    a line (the coordinate is the payoff ``u(t)`` of a type whose payoff moves: the
    members with one value of it have one outcome, so one verdict)."""
    ctx = gd.ctx
    keys, system, forms = mixings
    game = gd.game
    segment = _segment(ctx, keys, system)
    if segment is not None:
        i0, lo, hi, lines = segment
        rho = {key: _affine(r, *line) for key, line in lines.items()}
        payoffs = [_affine(r, k + sum(c * lines[key][0] for c, key in zip(row, keys)),
                           sum(c * lines[key][1] for c, key in zip(row, keys)))
                   for row, k in forms]
        name = f"rho[{game.messages[keys[i0][0]]},{game.actions[keys[i0][0]][keys[i0][1]]}]"
        pinned = [pinned_variable(ctx, system, i0, x) for x in (lo, hi)]
        relation = ""

        def mixing(x, convert):
            return {key: convert(v.subs(r, x)) for key, v in rho.items()}
    else:
        line = _payoff_line(ctx, system, forms, r)
        if line is None:
            return None
        t0, lo, hi, payoffs = line
        name = f"u({game.types[t0]})"
        pinned = [pinned_form(ctx, system, forms[t0], x) for x in (lo, hi)]
        named = sp.Symbol(name)
        relation = ", ".join(f"u({game.types[t]}) = {sp.expand(payoffs[t].subs(r, named))}"
                             for t in range(gd.n_types) if t != t0)

        def mixing(x, convert):
            inner = interior_point(ctx.lp, pinned_form(ctx, system, forms[t0], convert(x)))
            return None if inner is None else dict(zip(keys, inner))
    ranges = [(lo, hi, *(interior_point(ctx.lp, p) is not None for p in pinned))]
    on = set(sol.x)

    def outcome(gdx: BeliefGame, values: list) -> BeliefSolution | None:
        checks = outcome_checks(gdx, sol.B, on, values)
        if checks is None:
            return None
        members = dict(sol.rho)
        for _, _, mix in checks[0].values():
            members.update(mix)
        return replace(sol, rho=members, values=values, off=checks[0])

    def member(gdx: BeliefGame, convert, _r) -> BeliefSolution | None:
        return outcome(gdx, [convert(v) for v in payoffs])

    def build(x, convert=from_sympy) -> BeliefSolution | None:
        found = outcome(gd, [convert(v.subs(r, x)) for v in payoffs])
        rho = mixing(x, convert)
        return None if found is None or rho is None else \
            replace(found, rho={**found.rho, **rho})

    return Coordinate(name, ranges, member, build, relation)


def _posterior_curve(gd: BeliefGame, sol: BeliefSolution) -> PosteriorCurve | None:
    """The path of a continuum of posteriors (:func:`.belief_posteriors.posterior_path`), or
    None for other shapes."""
    ctx = gd.ctx
    path = posterior_path(gd, sol.S, sol.B, sol.x)
    if path is None:
        return None
    m, region, follow = path
    ranges = []
    for piece in ctx.pieces(region):
        if piece[0] == "I":
            lo, hi = piece[1], piece[2]
            ranges.append((lo, hi, ctx.contains(region, lo), ctx.contains(region, hi)))
        else:
            ranges += [(x, x, True, True) for x in piece[1]]
    if not ranges or not all(is_fast_number(x) for rg in ranges for x in rg[:2]):
        return None
    fixed = {k: v for k, v in sol.x.items() if k != m and k not in follow}
    if not all(is_fast_number(v) for v in fixed.values()):
        return None
    if any(len(g.polys) != 1 for g, _ in follow.values()):
        return None  # (a curve with kinks)
    game = gd.game
    first = game.types[0]
    coordinate = sp.Symbol(f"mu({first}|{game.messages[m]})")
    relation = ", ".join(
        f"mu({first}|{game.messages[k]}) = "
        f"{sp.expand(sum(to_sympy(c) * coordinate**i for i, c in enumerate(g.polys[0])))}"
        for k, (g, _) in follow.items())

    def posteriors(gdx: BeliefGame, convert, r) -> dict | None:
        x = {k: convert(to_sympy(v)) for k, v in fixed.items()}
        x[m] = convert(r)
        for k, (g, region_k) in follow.items():  # a posterior following along a curve
            x[k] = ctx.at(g, x[m])
            if not ctx.contains(region_k, x[k]):
                return None
        return x

    hulls = {k: (_below(v), _above(v)) for k, v in fixed.items()}
    hulls[m] = (min(_below(rg[0]) for rg in ranges), max(_above(rg[1]) for rg in ranges))
    hulls.update({k: (Fraction(0), Fraction(1)) for k in follow})
    return PosteriorCurve(str(coordinate), ranges, relation, posteriors, hulls)


def _below(x) -> Fraction:
    """A rational at most the fast number ``x`` (``x`` itself when rational)."""
    return x if isinstance(x, Fraction) else rational_between(x - Fraction(1, 10**9), x)


def _above(x) -> Fraction:
    """A rational at least the fast number ``x`` (``x`` itself when rational)."""
    return x if isinstance(x, Fraction) else rational_between(x, x + Fraction(1, 10**9))


def _posterior_coordinate(gd: BeliefGame, curve: PosteriorCurve, sol: BeliefSolution, r
                          ) -> Coordinate:
    """The coordinate of a continuum of posteriors (``curve``, :func:`_posterior_curve`);
    the members are the pattern's solutions there, the receiver's answers pinned, or
    free without moving the payoffs (else :class:`KeptWhole` is raised)."""
    posteriors = curve.posteriors

    def member(gdx: BeliefGame, convert, r) -> BeliefSolution | None:
        x = posteriors(gdx, convert, r)
        found = None if x is None else solution_at(gdx, sol.S, sol.B, x)
        if found is not None and found.family and _mixing_moves_payoffs(gdx, sol, x):
            raise KeptWhole  # the receiver's mixing is free too, and moves the outcome
        return None if found is None else replace(found, family=True, moves=True,
                                                  sampled=True)

    def build(x, convert=from_sympy) -> BeliefSolution | None:
        return member(gd, lambda e: convert(sp.sympify(e).subs(r, x)), r)

    return Coordinate(curve.name, curve.ranges, member, build, curve.relation)


def _mixing_moves_payoffs(gd: BeliefGame, sol: BeliefSolution, x: dict) -> bool:
    """Whether the receiver's free mixings at on-path posteriors ``x`` (supports
    ``sol.S`` and ``sol.B``) give some type more than one equilibrium payoff.  When they
    do not, the members at ``x`` have one outcome, so one verdict, whichever mixing
    they take: a continuum of posteriors keeps its one coordinate."""
    found = mixing_system(gd, sol.S, sol.B, x)
    if found is None or not found[0]:
        return False
    keys, system = found
    forms = [payoff_form(gd, sol.B, x, keys, t, sol.S[t][0]) for t in range(gd.n_types)]
    ranges = objective_ranges(gd.ctx.lp, system, [row for row, _ in forms])
    return any(gd.ctx.cmp(lo, hi) != 0 for lo, hi in ranges)


def _segment(ctx, keys: list, system: LinearSystem):
    """``(i, lo, hi, lines)`` when the mixings satisfying ``system`` form a segment along
    which ``keys[i]`` runs from ``lo`` to ``hi``; ``lines`` gives every key's probability
    as a function of ``keys[i]``, ``(intercept, slope)`` (exact numbers).  None
    otherwise."""
    ranges = [variable_range(ctx.lp, system, i) for i in range(len(keys))]
    free = [i for i, (lo, hi) in enumerate(ranges) if ctx.cmp(lo, hi) != 0]
    if not free:
        return None
    i0 = free[0]
    lo, hi = ranges[i0]
    probes = [lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3]
    points = []
    for x in probes:
        sol = ctx.linear_solve(len(keys), list(pinned_variable(ctx, system, i0, x).eq))
        if sol is None or sol == "free" or not all(is_fast_number(v) for v in sol):
            return None  # more than one free direction
        points.append(sol)
    (x1, x2), (p1, p2) = probes, points
    return i0, lo, hi, {k: _line_through(x1, a, x2, b) for k, a, b in zip(keys, p1, p2)}


def _line_through(x1, y1, x2, y2) -> tuple:
    """``(intercept, slope)`` of the line through two points (exact numbers of a
    context: fractions, quadratic irrationals, or traced numbers)."""
    slope = (y2 - y1) / (x2 - x1)
    return y1 - x1 * slope, slope


def _affine(r, intercept, slope) -> sp.Expr:
    """``intercept + slope * r`` as a sympy expression (the numbers exact numbers of a
    context; traced numbers give their canonical functions of the parameters)."""
    return to_sympy(intercept) + to_sympy(slope) * r


def _payoff_line(ctx, system: LinearSystem, forms: list, r):
    """``(t0, lo, hi, payoffs)`` when the types' payoffs over the mixings satisfying
    ``system`` (``forms``: each type's affine form in them) lie on a line along which the
    payoff of type ``t0`` runs from ``lo`` to ``hi``; ``payoffs`` gives each type's payoff
    at ``u(t0) = r`` (sympy, affine in ``r``).  None when no payoff moves or they fill a
    region of the plane.

    On a slice of the mixings where ``u(t0)`` is fixed, strictly between its extremes
    (the slice meets the relative interior), another type's payoff is constant exactly
    when its form is an affine function of ``u(t0)``'s on the mixings' affine hull; two
    such slices give that function."""
    ranges = objective_ranges(ctx.lp, system, [row for row, _ in forms])
    moving = [t for t, (lo, hi) in enumerate(ranges) if ctx.cmp(lo, hi) != 0]
    if not moving:
        return None
    t0 = moving[0]
    shift = forms[t0][1]
    lo, hi = ranges[t0][0] + shift, ranges[t0][1] + shift
    probes = [lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3]
    payoffs = []
    for t, (row, k) in enumerate(forms):
        if t == t0:
            payoffs.append(r)
            continue
        values = []
        for x in probes:
            ((a, b),) = objective_ranges(ctx.lp, pinned_form(ctx, system, forms[t0], x), [row])
            if ctx.cmp(a, b) != 0:
                return None  # the payoffs fill a region of the plane
            values.append(a + k)
        (x1, x2), (v1, v2) = probes, values
        payoffs.append(_affine(r, *_line_through(x1, v1, x2, v2)))
    return t0, lo, hi, payoffs


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


def _where(coordinate: Coordinate, first, last, whole: bool) -> str:
    """A part's interval of the coordinate (the whole continuum's when ``whole``), as
    text."""
    if first[0] == "point" and first is last:  # (an off-path mixing may still vary)
        return describe_part(coordinate, first[1].value, None, True, True, whole)
    left = first[1].value if first[0] == "point" else first[1].left.value
    right = last[1].value if last[0] == "point" else last[1].right.value
    return describe_part(coordinate, left, right, first[0] == "point", last[0] == "point",
                         whole)


def describe_part(coordinate: Coordinate, left: sp.Expr, right: sp.Expr | None,
                  left_in: bool, right_in: bool, whole: bool) -> str:
    """The text of a part of a continuum: the members whose coordinate lies between
    ``left`` and ``right`` (sympy numbers or expressions in a parameter; ``right`` None
    for the one value ``left``), each end in the part or not; ``whole``: the part is
    the whole continuum.

    Examples
    --------
    >>> c = Coordinate("rho[m2,a0]", [], None, None)
    >>> describe_part(c, sp.Rational(1, 2), 1, True, False, False)  # doctest: +ELLIPSIS
    'this part of the continuum: the members with rho[m2,a0] in [1/2, 1); the ...'
    """
    what = "the continuum" if whole else "this part of the continuum"
    name = coordinate.name
    also = f"; {coordinate.relation} on it" if coordinate.relation else ""
    if right is None:
        return (f"{what}: the members with {name} = {left}{also}; the Intuitive "
                "Criterion and D1 verdicts hold for every one of them")
    lb = "[" if left_in else "("
    rb = "]" if right_in else ")"
    return (f"{what}: the members with {name} in {lb}{left}, {right}{rb}{also}; "
            "the Intuitive Criterion and D1 verdicts hold for every one of them")
