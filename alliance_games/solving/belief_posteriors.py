"""The on-path posteriors of the belief engine: which support patterns can hold, and the
candidate posteriors of each.

:func:`posterior_windows` gives the range of each on-path posterior allowed by Bayes'
rule, :func:`receiver_supports` the receiver's supports that are best responses somewhere
in it; :func:`posterior_candidates` pins the posteriors (the receiver's indifference, a
mixing type's indifference equations, :func:`posterior_path` for a continuum with one
free coordinate) or, for free ones, takes a point of every cell on which the conditions
keep their signs, deciding a pattern empty one posterior at a time where it can and two
together in their plane (:mod:`.belief_plane`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cmp_to_key
from itertools import product
from typing import Any

from .belief_plane import posterior_plane
from .belief_tables import (
    TYPES,
    BeliefGame,
    bayes_order,
    mark_sampled,
    representatives,
    sup_inf,
    traced_run,
)
from .elimination import constant_columns_eliminated, one_probability, probability_minors
from .quadratic import OutsideFastType, qsame
from .semialgebraic import relation_holds

__all__ = ["indifference_possible", "posterior_candidates", "posterior_options",
           "posterior_path", "posterior_windows", "receiver_supports", "values_pinned"]


def posterior_windows(gd: BeliefGame, S: tuple[tuple[int, ...], ...]) -> tuple[list, dict, dict]:
    """The on-path messages of sender supports ``S``, the posteriors Bayes' rule fixes
    there (a message one type sends, or every message when no type mixes) and the open
    window of each other on-path message's posterior.

    Examples
    --------
    In beer-quiche (prior 1/10 on the weak type) the weak type mixes and the strong drinks
    beer: after quiche the posterior is 1, after beer it lies below the prior:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())
    >>> on, fixed, windows = posterior_windows(gd, ((0, 1), (0,)))
    >>> on, fixed, {m: w.to_sympy() for m, w in windows.items()}
    ([0, 1], {1: Fraction(1, 1)}, {0: Interval.open(0, 1/10)})
    """
    ctx = gd.ctx
    on = sorted({m for s in S for m in s})
    mixing = any(len(s) > 1 for s in S)
    fixed, windows = {}, {}
    for m in on:
        if m not in S[0] or m not in S[1]:
            fixed[m] = ctx.one if m in S[0] else ctx.zero
        elif not mixing:
            fixed[m] = gd.prior[0]
        elif len(S[0]) == 1:  # type 0 sends m for sure, type 1 mixes
            windows[m] = ctx.open_interval(gd.prior[0], ctx.one)
        elif len(S[1]) == 1:
            windows[m] = ctx.open_interval(ctx.zero, gd.prior[0])
        else:
            windows[m] = ctx.open_interval(ctx.zero, ctx.one)
    return on, fixed, windows


def receiver_supports(gd: BeliefGame, S: tuple[tuple[int, ...], ...],
                      act_sets: list[list[tuple[int, ...]]]) -> list:
    """For each message, the receiver supports of ``act_sets`` that are best responses
    to some posterior it may have under sender supports ``S`` (the fixed posterior, the
    window of a mixing type's message, any posterior off the path): the necessary
    condition :func:`~.belief_engine.pattern_solution` and
    :func:`~.belief_offpath.off_path_deterrence` check first, decided once per message
    instead of once per pattern.  A support whose check leaves the backend's numbers is
    kept (its patterns then reach the fallback as before).

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> from alliance_games.solving.patterns import nonempty_subsets
    >>> gd = fast_game(beer_quiche())
    >>> receiver_supports(gd, ((0,), (0,)), [nonempty_subsets(k) for k in gd.n_actions])
    [[(1,)], [(0,), (1,), (0, 1)]]"""
    ctx = gd.ctx
    _, fixed, windows = posterior_windows(gd, S)
    out = []
    for m, sets in enumerate(act_sets):
        keep = []
        for b in sets:
            try:
                region = gd.br_region(m, b)
                if m in fixed:
                    ok = ctx.contains(region, fixed[m])
                else:
                    if m in windows:
                        region = ctx.intersect(region, windows[m])
                    ok = not ctx.is_empty(region)
            except OutsideFastType:
                ok = True
            if ok:
                keep.append(b)
        out.append(keep)
    return out


def indifference_possible(gd: BeliefGame, S: tuple[tuple[int, ...], ...],
                          B: tuple[tuple[int, ...], ...], fixed: dict[int, Any]) -> bool:
    """A necessary condition for a pattern in which a type mixes over two or more
    messages answered purely (beside any answered by a mixture): the ranges of its
    payoff at those messages, over the posteriors each may have (the fixed one, or the
    closure of the window where the receiver's answer is a best response), have a
    common value.  True when it cannot be decided in the backend's numbers.

    Examples
    --------
    In beer-quiche the weak type cannot mix over beer and quiche both answered without a
    duel (it gets 2 and 3), but can when the receiver mixes after beer:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())
    >>> S = ((0, 1), (0,))  # the weak type mixes, the strong drinks beer
    >>> fixed = {1: gd.ctx.one}  # the posterior after quiche
    >>> indifference_possible(gd, S, ((1,), (1,)), fixed)
    False
    >>> indifference_possible(gd, S, ((0, 1), (1,)), fixed)
    True
    """
    ctx = gd.ctx
    for t in TYPES:
        pure = [m for m in S[t] if len(B[m]) == 1]
        if len(pure) < 2:
            continue
        ranges = [_payoff_range(gd, S, t, m, B[m][0], fixed) for m in pure]
        if any(r is None for r in ranges):
            continue
        # no common value: max(lows) > min(highs), i.e. some low above some other high
        # (asked pair by pair: a traced run records no comparison of two lows or highs)
        if any(ctx.cmp(lo, hi) > 0 for i, (lo, _) in enumerate(ranges)
               for j, (_, hi) in enumerate(ranges) if i != j):
            return False
    return True


def _payoff_range(gd: BeliefGame, S, t: int, m: int, a: int, fixed):
    """``(min, max)`` of type t's payoff from ``m`` answered by ``a`` over the posteriors
    ``m`` may have under sender supports ``S`` (memoised per window), or None."""
    ctx = gd.ctx
    f = gd.u[t][m][a]
    if m in fixed:
        value = ctx.at(f, fixed[m])
        return value, value
    key = ("range", t, m, a, len(S[0]) == 1, len(S[1]) == 1)

    def compute():
        try:
            region = ctx.intersect(gd.br_region(m, (a,)), posterior_windows(gd, S)[2][m])
            if not ctx.is_empty(region):
                return sup_inf(ctx, f, region, False), sup_inf(ctx, f, region, True)
        except OutsideFastType:
            pass
        return None

    return gd.remembered(key, compute)


def posterior_options(gd: BeliefGame, B: tuple[tuple[int, ...], ...], windows: dict) -> list:
    """For each shared on-path message (``windows``, in order), the posteriors at which
    the receiver's support there is a best response within its window: the list of its
    points when finitely many, else the set.

    Examples
    --------
    In beer-quiche with both types mixing, the receiver mixes after beer only at
    ``mu(weak) = 1/2`` and avoids a duel after quiche wherever ``mu(weak) <= 1/2``:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())
    >>> _, _, windows = posterior_windows(gd, ((0, 1), (0, 1)))
    >>> points, region = posterior_options(gd, ((0, 1), (1,)), windows)
    >>> points, region.to_sympy()
    ([Fraction(1, 2)], Interval.Lopen(0, 1/2))
    """
    ctx = gd.ctx
    out = []
    for m, window in windows.items():
        region = ctx.intersect(gd.br_region(m, B[m]), window)
        pts = ctx.points(region)
        out.append(pts if pts is not None else region)
    return out


def values_pinned(gd: BeliefGame, S: tuple[tuple[int, ...], ...], B: tuple[tuple[int, ...], ...],
                  free: list[int], options: list) -> bool:
    """Whether every type's equilibrium payoff is the same on a whole continuum of
    posteriors: each type sends a message answered by one action whose payoff to it does
    not depend on a posterior that moves (a constant, or a posterior Bayes' rule or the
    receiver's indifference pins: not an interval option).

    Examples
    --------
    ``L`` mixes over ``m0`` and ``m1``, ``H`` sends ``m1``, whose posterior moves in its
    window; ``H`` gets ``mu(H)`` from ``m1`` answered by ``a0`` (its payoff moves with the
    posterior) and 0 answered by ``a1`` (pinned):

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> sender = [[[1, 0], [1, 0]], [[1, 0], [belief("H"), 0]]]
    >>> zeros = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]
    >>> gd = fast_game(SignallingGame.from_arrays(["1/2", "1/2"], sender, zeros, types=["L", "H"]))
    >>> S = ((0, 1), (1,))
    >>> _, _, windows = posterior_windows(gd, S)
    >>> [values_pinned(gd, S, B, list(windows), posterior_options(gd, B, windows))
    ...  for B in (((0,), (0,)), ((0,), (1,)))]
    [False, True]
    """
    ctx = gd.ctx
    moving = {m for m, o in zip(free, options) if not isinstance(o, list)}
    return all(any(len(B[m]) == 1 and (m not in moving or ctx.is_const(gd.u[t][m][B[m][0]]))
                   for m in S[t]) for t in range(gd.n_types))


def posterior_candidates(gd: BeliefGame, S: tuple[tuple[int, ...], ...],
                         B: tuple[tuple[int, ...], ...], free: list[int],
                         options: list, fixed: dict[int, Any]
                         ) -> Iterator[tuple[tuple, tuple | None]]:
    """Exact candidate posteriors for the shared on-path messages (in ``free`` order),
    each with its group: None for an isolated solution, else the samples of one
    continuum share a group (the posteriors pinned by the receiver, ``combo``, and by
    the indifference equations).

    Posteriors pinned by the receiver (finite options) are substituted first; the others
    are pinned by a mixing type's indifference between two messages answered purely, or,
    when nothing pins them, represented by sample points.

    Examples
    --------
    ``L`` mixes over ``m0`` and ``m1`` (paying it 1 whatever the belief), ``H`` sends
    ``m1``, and the receiver always answers ``a0``: nothing pins the posterior at ``m1``,
    so sample points of its window ``(0, 1/2)`` are tried, one continuum (one group):

    >>> from alliance_games import SignallingGame
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> table = [[[1, 0], [1, 0]], [[1, 0], [1, 0]]]
    >>> gd = fast_game(SignallingGame.from_arrays(["1/2", "1/2"], table, table))
    >>> S, B = ((0, 1), (1,)), ((0,), (0,))
    >>> _, fixed, windows = posterior_windows(gd, S)
    >>> options = posterior_options(gd, B, windows)
    >>> list(posterior_candidates(gd, S, B, list(windows), options, fixed))
    [((Fraction(1, 4),), (0, ())), ((Fraction(1, 6),), (0, ())), ((Fraction(1, 3),), (0, ()))]
    """
    if not free:
        yield (), None
        return
    if all(isinstance(o, list) for o in options):
        for xs in product(*options):
            yield xs, None
        return
    lists = [(m, o) for m, o in zip(free, options) if isinstance(o, list)]
    opt = {m: o for m, o in zip(free, options) if not isinstance(o, list)}
    for k, combo in enumerate(product(*[o for _, o in lists])):
        fx = dict(fixed)
        fx.update({m: c for (m, _), c in zip(lists, combo)})
        for vals, key in _unknown_posteriors(gd, S, B, opt, fx):
            yield tuple(fx[m] if m in fx else vals[m] for m in free), \
                None if key is None else (k, key)


def _unknown_posteriors(gd: BeliefGame, S, B, opt: dict, fx: dict):
    """The unknown posteriors ``opt`` (the others ``fx``), each ``(posteriors, key)``:
    ``key`` None for an isolated solution; samples of a continuum have the values of the
    posteriors the indifference equations pin (one continuum per root)."""
    ctx = gd.ctx
    unknown = list(opt)
    eqs = _indifference_equations(gd, S, B, opt, fx)
    if eqs is None:
        return
    pinned = {mm for terms, _ in eqs for mm, _ in terms}
    if set(unknown) - pinned:  # a continuum of posteriors: representative points
        tight = [m for m in unknown if m in pinned]
        reps = [representatives(ctx, opt[m], gd.prior[0]) for m in unknown]
        for combo in product(*reps):
            vals = dict(zip(unknown, combo))
            yield vals, tuple(vals[m] for m in tight)
        # none of them was an equilibrium: pin the pinned posteriors exactly and try a
        # point of every cell on which the pattern's conditions keep their signs
        for vals in _refined_posteriors(gd, S, B, opt, fx, eqs, dict(zip(unknown, reps))):
            yield vals, tuple(vals[m] for m in tight)
        return
    if len(eqs) < len(unknown):  # a curve of posteriors: the backend samples it
        curve = _curve(gd, eqs, opt)
        if curve is None:
            mark_sampled(gd, S, B, "fewer indifference equations than posteriors")
        try:
            samples = list(ctx.posterior_solutions(eqs, opt, gd.prior[0]))
        except OutsideFastType:  # the fast backend has no samples of a curve
            if curve is None:
                raise
            samples = []
        for vals, _ in samples:
            yield vals, ()
        if curve is not None:  # then a point of every cell along the curve
            for vals in _curve_posteriors(gd, S, B, opt, fx, curve):
                yield vals, ()
        return
    for vals, sampled in ctx.posterior_solutions(eqs, opt, gd.prior[0]):
        yield vals, () if sampled else None


def posterior_path(gd: BeliefGame, S: tuple[tuple[int, ...], ...], B: tuple[tuple[int, ...], ...],
                   x: dict[int, Any]) -> tuple | None:
    """The path of a continuum of posteriors of pattern ``(S, B)`` through its member at
    on-path posteriors ``x``, when one posterior moves and every other follows it.

    Returns ``(m, region, follow)``: the posterior at ``m`` is the path's coordinate and
    ranges over ``region`` (where the receiver's supports are best responses, within its
    Bayes window); ``follow`` maps each other on-path message whose posterior moves to
    ``(g, its region)``, ``g`` the posterior as a function of the coordinate (a backend
    function: a mixing type's indifference links them, :func:`_curve`).  Every other
    on-path posterior stays at its value in ``x`` (Bayes' rule, the receiver's
    indifference or an indifference equation in it alone pins it).  None for other
    shapes (two posteriors free together, or none).

    Examples
    --------
    ``L`` mixes over ``m0`` and ``m1`` (both pay it 1 when answered by ``a0``), ``H``
    sends ``m1``, and the receiver always answers ``a0``: the posterior ``mu(L)`` at ``m1``
    moves in ``(0, 1/2)`` (the window Bayes' rule allows), the one at ``m0`` stays at 1.

    >>> from alliance_games import SignallingGame
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> table = [[[1, 0], [1, 0]], [[1, 0], [1, 0]]]
    >>> gd = fast_game(SignallingGame.from_arrays(["1/2", "1/2"], table, table))
    >>> m, region, follow = posterior_path(gd, ((0, 1), (1,)), ((0,), (0,)), {})
    >>> m, region.to_sympy(), follow
    (1, Interval.open(0, 1/2), {})
    """
    _, fixed, windows = posterior_windows(gd, S)
    opt, fx = {}, dict(fixed)
    for m, option in zip(windows, posterior_options(gd, B, windows)):
        if isinstance(option, list):
            fx[m] = x[m]
        else:
            opt[m] = option
    eqs = _indifference_equations(gd, S, B, opt, fx)
    if eqs is None:
        return None
    tight = {mm for terms, _ in eqs for mm, _ in terms}
    loose = [m for m in opt if m not in tight]
    if len(loose) == 1 and all(len(terms) == 1 for terms, _ in eqs):
        return loose[0], opt[loose[0]], {}  # the others pinned, each by its own equation
    curve = _curve(gd, eqs, opt) if len(opt) == 2 else None
    if curve is None:
        return None
    ma, mb, g = curve
    return ma, opt[ma], {mb: (g, opt[mb])}


def _indifference_equations(gd: BeliefGame, S, B, opt: dict, fx: dict) -> list | None:
    """The mixing types' indifference conditions as equations in the unknown posteriors
    ``opt`` (the others ``fx``): ``(terms, const)``, the sum of ``f(x_m)`` over ``terms``
    ``(m, f)`` plus ``const`` is 0.  Each type's messages answered purely are paired with
    the first of them (those answered by a mixture: :func:`_eliminated_indifference` and
    the receiver's mixing).  None when a type cannot be indifferent."""
    ctx = gd.ctx
    eqs = []
    for t in TYPES:
        pure = [m for m in S[t] if len(B[m]) == 1]  # (each paired with the first)
        for m in pure[1:]:
            m0 = pure[0]
            if m not in opt and m0 not in opt:
                continue
            terms, const = [], ctx.zero
            for mm, sgn in ((m, 1), (m0, -1)):
                f = gd.u[t][mm][B[mm][0]]
                if mm in opt and not ctx.is_const(f):
                    terms.append((mm, f if sgn > 0 else -f))
                else:
                    val = ctx.at(f, fx[mm]) if mm in fx else ctx.const_value(f)
                    const = const + val if sgn > 0 else const - val
            if not terms:
                if ctx.sign(ctx.simplify(const)) != 0:
                    return None  # the mixing type cannot be indifferent
                continue
            eqs.append((terms, const))
    if not _eliminated_indifference(gd, S, B, opt, fx, eqs):
        return None  # both types cannot be indifferent
    return eqs


def _curve(gd: BeliefGame, eqs: list, opt: dict):
    """Two unknown posteriors linked by one indifference equation
    ``f_a(x_a) + f_b(x_b) + c = 0`` with ``f_b`` affine: ``(m_a, m_b, g)`` with
    ``x_b = g(x_a)`` a function of the backend, or None (another case, or a backend
    without ``compose``)."""
    ctx = gd.ctx
    if ctx.compose is None or len(eqs) != 1 or len(opt) != 2 or len(eqs[0][0]) != 2:
        return None
    terms, const = eqs[0]
    for (ma, fa), (mb, fb) in (terms, terms[::-1]):
        if ma == mb:
            return None
        b0 = ctx.at(fb, ctx.zero)
        b1 = ctx.simplify(ctx.at(fb, ctx.one) - b0)
        rest = fb - ctx.x * b1
        if ctx.sign(b1) == 0 or not ctx.is_const(rest):
            continue
        return ma, mb, (fa + (const + b0)) * ctx.simplify(-1 / b1)
    return None


def _curve_posteriors(gd: BeliefGame, S, B, opt: dict, fx: dict, curve):
    """Candidate posteriors along a curve ``x_b = g(x_a)`` (:func:`_curve`): a point of
    every cell of ``x_a`` (:func:`_cell_points`, with ``x_b`` following), cut also where
    ``x_b`` meets the prior, the ends of ``[0, 1]`` or a change of the receiver's best
    responses; a pattern whose cells are not exact is recorded as only sampled."""
    ctx = gd.ctx
    ma, mb, g = curve
    cuts = [g - gd.prior[0], g - ctx.one, g]
    for a in B[mb]:
        cuts.extend(ctx.compose(gd.expected[mb][a] - gd.expected[mb][a2], g)
                    for a2 in range(gd.n_actions[mb]) if a2 != a)
    try:
        pts, exact = _cell_points(gd, S, B, ma, opt[ma], fx, {mb: g}, cuts)
    except OutsideFastType:
        if not traced_run(gd):
            raise  # (the general backend takes the pattern)
        pts, exact = [], False
    if not exact:
        mark_sampled(gd, S, B, "cells along a curve of posteriors not exact")
    for p in pts:
        xb = ctx.simplify(ctx.at(g, p))
        if ctx.contains(opt[mb], xb):
            yield {ma: p, mb: xb}


def _refined_posteriors(gd: BeliefGame, S, B, opt: dict, fx: dict, eqs: list, reps: dict):
    """Candidate posteriors after the representative points of a continuum failed.

    The posteriors the indifference equations pin are solved for exactly; one posterior
    left free takes a point of every cell of its set on which the on-path conditions'
    feasibility is constant (:func:`_cell_points`), so a feasible set narrower than the
    sample grid (a sub-interval or one point of the window) is not missed.  With two or
    more free posteriors each in turn is refined, the others at their samples (which
    finds a curve of posteriors along which the types stay indifferent); then, and inside
    a traced run with conditions outside the backend's numbers, the pattern is recorded
    in ``gd.cache`` as only sampled (:func:`~.belief_engine.solve_patterns` names it in
    the notes when it has no equilibrium).  Outside a traced run such conditions raise
    :class:`~.quadratic.OutsideFastType`: the general backend takes the pattern."""
    ctx = gd.ctx
    tight = {m: o for m, o in opt.items() if any(m == mm for t, _ in eqs for mm, _ in t)}
    loose = [m for m in opt if m not in tight]
    try:
        sols = [vals for vals, _ in ctx.posterior_solutions(eqs, tight, gd.prior[0])] \
            if tight else [{}]
    except OutsideFastType:
        if not traced_run(gd):
            raise  # (the general backend takes the pattern)
        mark_sampled(gd, S, B, "pinned posteriors outside the fast numbers")
        return
    # two or more free posteriors: a relaxation in one posterior at a time, then two
    # posteriors' plane decided exactly where it can be
    planes = [("empty", None) if len(loose) > 1 and _separately_empty(
        gd, S, B, loose, opt, {**fx, **sol}) else posterior_plane(
        gd, S, B, loose, opt, {**fx, **sol}) if len(loose) == 2 else ("unknown", None)
        for sol in sols]
    if len(loose) > 1 and any(kind != "empty" for kind, _ in planes):
        mark_sampled(gd, S, B, f"{len(loose)} posteriors free together")
    for sol, (kind, vals) in zip(sols, planes):
        if kind == "empty":
            continue  # (no equilibrium in this plane: nothing to refine)
        if kind == "point":
            yield {**sol, **vals}
        for mu in loose:  # mu refined, the other free posteriors at their samples
            others = [m for m in loose if m != mu]
            for combo in product(*[reps[m] for m in others]):
                rest = dict(zip(others, combo))
                pts, exact = _cell_points(gd, S, B, mu, opt[mu], {**fx, **sol, **rest})
                if not exact:
                    mark_sampled(gd, S, B, "cells of a free posterior not exact")
                if not tight:  # the representatives were tried
                    pts = [p for p in pts if not any(qsame(p, q) for q in reps[mu])]
                for p in pts:
                    yield {**sol, **rest, mu: p}


_KIND = {"==": "eq", ">=": "ge"}  # a relation as the backend's ``solve_rel`` kind


def _separately_empty(gd: BeliefGame, S, B, loose: list, opt: dict, point: dict) -> bool:
    """Whether the conditions on free on-path posteriors (``loose``; the others fixed at
    ``point``) that each involve at most one of them already leave no posteriors: a
    relaxation of :func:`posterior_plane` for any number of free posteriors, decided
    with the backend's own sets, so also inside a traced run (each sign recorded).

    Kept: each free posterior in its window and strictly inside ``(0, 1)``; each type's
    incentives between two on-path messages answered purely (equal payoffs when it sends
    both, at least as much from the one it sends); its payoff from such a message at
    least its lowest from each off-path message (over the beliefs at which the answer
    there is a best response and the actions of the answer: whatever belief and mixture
    deter, the deviation pays at least that; see :func:`~.belief_mixing._none_deters`); Bayes' rule,
    which asks for a posterior below the prior and one above, unless every posterior
    equals it (with those of messages only one type sends).  Left out: rows in two free
    posteriors, or in the receiver's mixing.  So True is exact (no equilibrium of the
    pattern at ``point``); False decides nothing.

    Examples
    --------
    >>> import sympy as sp
    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> mu = belief("H")  # type H gets 1 from m0 and 2 from m1, whatever the belief
    >>> sender = [[[sp.Rational(1, 2)], [mu - sp.Rational(1, 4)]], [[1], [2]]]
    >>> game = SignallingGame.from_arrays(["1/2", "1/2"], sender, [[[0], [0]], [[0], [0]]],
    ...                                   types=["L", "H"])
    >>> gd, unit = fast_game(game), fast_game(game).ctx.unit
    >>> _separately_empty(gd, ((0, 1), (0, 1)), ((0,), (0,)), [0, 1], {0: unit, 1: unit}, {})
    True

    Type L alone mixing, with ``mu(H | m1) = 3/4``, is not excluded:

    >>> _separately_empty(gd, ((0, 1), (1,)), ((0,), (0,)), [1], {1: unit}, {0: 1})
    False
    """
    ctx = gd.ctx
    inside = ctx.open_interval(ctx.zero, ctx.one)
    sets = {m: ctx.intersect(opt[m], inside) for m in loose}

    def pay(t, m) -> tuple:  # (the free message it depends on or None, payoff)
        f = gd.u[t][m][B[m][0]]
        if m not in sets:
            return None, ctx.at(f, point[m])
        return (None, ctx.const_value(f)) if ctx.is_const(f) else (m, f)

    def holds(m, f, rel) -> bool:  # f rel 0, f a number or a function of m's posterior
        if m is None:
            return relation_holds(ctx.sign(f), rel)
        sets[m] = ctx.intersect(sets[m], ctx.solve_rel(f, _KIND[rel]))
        return not ctx.is_empty(sets[m])

    on = sorted({*point, *sets})
    pure = [m for m in on if len(B[m]) == 1]
    lows = []  # each type's lowest payoff from each off-path message
    for m in range(gd.n_messages):
        if m not in on:
            region = gd.br_region(m, list(B[m]))
            if ctx.is_empty(region):
                return True
            lows.append([min((sup_inf(ctx, gd.u[t][m][a], region, False) for a in B[m]),
                             key=cmp_to_key(ctx.cmp)) for t in TYPES])
    for t in TYPES:
        for m in (m for m in pure if m in S[t]):
            mm, f = pay(t, m)
            if any(not holds(mm, f - low[t], ">=") for low in lows):
                return True
            for m2 in pure:
                if m2 == m or (m2 in S[t] and m2 < m):
                    continue  # (a pair of messages the type sends: once)
                m2m, g = pay(t, m2)
                if mm is not None and m2m is not None:
                    continue  # (a row in two free posteriors: left out)
                if not holds(mm if m2m is None else m2m, f - g, "==" if m2 in S[t] else ">="):
                    return True
    prior = gd.prior[0]
    fixed = {ctx.cmp(point[m], prior) for m in point}
    below, above = ctx.open_interval(ctx.zero, prior), ctx.open_interval(prior, ctx.one)
    sides = []  # the signs against the prior each free posterior can take
    for X in sets.values():
        side = {s for s, part in ((-1, below), (1, above))
                if not ctx.is_empty(ctx.intersect(X, part))}
        sides.append(side | {0} if ctx.contains(X, prior) else side)
    return not any(bayes_order(fixed | set(combo)) for combo in product(*sides))


#: The most receiver probabilities for which :func:`_cell_points` computes every minor
#: of size up to their number plus one (its cells are then exact).
_CELL_PROBABILITIES = 4


def _cell_points(gd: BeliefGame, S, B, mu: int, region, point: dict,
                 dependent: dict | None = None, extra: list = ()) -> tuple[list, bool]:
    """A point of every cell of ``region`` (the free posterior of ``mu``; the other
    on-path posteriors fixed at ``point`` or, in ``dependent``, functions of it) on which
    the on-path conditions are feasible or not throughout, and whether that is exact;
    the functions ``extra`` cut the cells too.

    For a fixed posterior the conditions are linear in the receiver's free probabilities
    ``r`` (one per action but the last of each mixed on-path message): rows
    ``a_i(x) + b_i(x) . r (>=, >, ==) 0`` (each type's incentives, the bounds of ``r``,
    each type's necessary bound from a pure off-path answer).  By Helly's theorem the
    system is infeasible exactly when some ``k + 1`` of its rows are (``k`` the number of
    probabilities), and the feasibility of those changes only where one of the minors of
    size at most ``k + 1`` of the matrix ``[a | b]`` changes sign; the cells are cut at
    their roots, at the prior (Bayes' rule) and at the ends of ``region``.  Not exact
    (the cells of the minors found so far) with more than :data:`_CELL_PROBABILITIES`
    probabilities (the minors grow as their binomial coefficients), or inside a
    traced run with a root outside the backend's numbers; outside a traced run such a
    root raises :class:`~.quadratic.OutsideFastType`, and the general backend, whose
    numbers are any real algebraic numbers, takes the pattern."""
    ctx = gd.ctx
    dependent = dependent or {}
    on = sorted({*point, *dependent, mu})
    keys = [(m, a) for m in on if len(B[m]) > 1 for a in B[m][:-1]]
    k = len(keys)

    def value(f, m):
        if m == mu:
            return f
        return ctx.compose(f, dependent[m]) if m in dependent else ctx.at(f, point[m])

    def form(t, m):  # type t's payoff from m: [constant, coefficient of each key]
        last = value(gd.u[t][m][B[m][-1]], m)
        row = [last] + [ctx.zero] * k
        for i, (mm, a) in enumerate(keys):
            if mm == m:
                row[1 + i] = value(gd.u[t][m][a], m) - last
        return row

    rows = []  # (kind, [a, b...]): a + b . r  >= 0 ("ge"), > 0 ("gt") or == 0 ("eq")
    for t in TYPES:
        base = form(t, S[t][0])
        for m in on:
            if m != S[t][0]:
                rows.append(("eq" if m in S[t] else "ge",
                             [p - q for p, q in zip(base, form(t, m))]))
        for m in range(gd.n_messages):
            if m in on or len(B[m]) > 1:
                continue
            br = gd.br_region(m, list(B[m]))
            if not ctx.is_empty(br):
                low = sup_inf(ctx, gd.u[t][m][B[m][0]], br, False)
                rows.append(("ge", [base[0] - low] + base[1:]))
    for i in range(k):
        rows.append(("gt", [ctx.zero] + [ctx.one if j == i else ctx.zero for j in range(k)]))
    for m in on:
        if len(B[m]) > 1:
            rows.append(("gt", [ctx.one] + [-ctx.one if keys[j][0] == m else ctx.zero
                                            for j in range(k)]))
    if k > _CELL_PROBABILITIES:  # probabilities whose coefficients are numbers go first
        rows, k = constant_columns_eliminated(ctx, rows, k)
    exact = k <= _CELL_PROBABILITIES
    cuts = [gd.prior[0]]
    if k == 0:  # the feasible set itself
        for kind, (f,) in rows:
            region = ctx.intersect(region, ctx.solve_rel(f, kind))
            if ctx.is_empty(region):
                return [], exact
    minors = probability_minors(ctx, [row for _, row in rows],
                                min(k, _CELL_PROBABILITIES) + 1) if k else ()
    for f in (*extra, *minors):
        if ctx.is_const(f):
            continue
        try:
            zero = ctx.intersect(ctx.solve_rel(f, "eq"), region)
        except OutsideFastType:
            if not traced_run(gd):
                raise  # (the general backend takes the pattern)
            exact = False
            continue
        for piece in ctx.pieces(zero):
            cuts.extend(piece[1] if piece[0] == "F" else piece[1:])
    pts = []
    for piece in ctx.pieces(region):
        if piece[0] == "F":
            pts.extend(piece[1])
            continue
        lo, hi = piece[1], piece[2]
        inner = [c for c in cuts if ctx.cmp(c, lo) > 0 and ctx.cmp(c, hi) < 0]
        inner = sorted(inner, key=cmp_to_key(ctx.cmp))
        inner = [c for i, c in enumerate(inner) if i == 0 or ctx.cmp(c, inner[i - 1]) != 0]
        ends = [lo, *inner, hi]
        pts.extend(ctx.simplify(ctx.midpoint(p, q)) for p, q in zip(ends, ends[1:]))
        pts.extend(inner)
        pts.extend(p for p in (lo, hi) if ctx.contains(region, p))
    if k == 1:  # keep the points where some probability satisfies every row
        pts = [p for p in pts if one_probability(ctx, [
            (kind, [ctx.at(f, p) for f in row]) for kind, row in rows])]
    return pts, exact


def _eliminated_indifference(gd: BeliefGame, S, B, opt: dict, fx: dict, eqs: list) -> bool:
    """Both types send a message answered by a mixture of two actions (``x``) and each a
    message answered purely (``p_t``: one both send when there is one, else each type's
    first): the receiver's one free probability ``r`` at ``x`` must make both types
    indifferent, ``u_t(p_t) = c_t + r d_t`` for both ``t``; eliminating ``r`` gives
    ``d_1 u_0(p_0) - d_0 u_1(p_1) = c_0 d_1 - c_1 d_0`` (both ``u_t(p_t) = c_t`` when both
    ``d_t`` vanish), appended to ``eqs``.  It is an equation in the posteriors at the
    ``p_t`` when the payoffs at ``x`` are known (its posterior known, or payoffs not
    depending on it), or in the posterior at ``x`` (the receiver indifferent on an
    interval there) when the payoffs at the ``p_t`` are known; when all are known, a
    number that must vanish.  Without it the posterior would count as free and be
    sampled, missing isolated (e.g. irrational) solutions.  False: no solution.

    Examples
    --------
    Type H gets 2 from ``m0`` (answered by ``a0``) and -1 from ``m1`` whatever the
    receiver's mixture there: it cannot mix over both.

    >>> from alliance_games import SignallingGame
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> sender = [[[1, 1], [0, 2]], [[2, 2], [-1, -1]]]
    >>> gd = fast_game(SignallingGame.from_arrays(["1/2", "1/2"], sender, sender))
    >>> _eliminated_indifference(gd, ((0, 1), (0, 1)), ((0,), (0, 1)), {}, {}, [])
    False
    """
    ctx = gd.ctx
    both = [m for m in S[0] if m in S[1]]
    common = [m for m in both if len(B[m]) == 1]
    ps = [common[0]] * 2 if common else \
        [next((m for m in S[t] if len(B[m]) == 1), None) for t in TYPES]
    if None in ps:
        return True
    f = [gd.u[t][ps[t]][B[ps[t]][0]] for t in TYPES]
    known_p = [ps[t] in fx or ctx.is_const(f[t]) for t in TYPES]

    def value(h, m):
        return ctx.at(h, fx[m]) if m in fx else ctx.const_value(h)

    for mx in both:
        if len(B[mx]) != 2:
            continue
        a0, a1 = B[mx]
        g = [(gd.u[t][mx][a0], gd.u[t][mx][a1]) for t in TYPES]
        known_x = mx in fx or all(ctx.is_const(h) for pair in g for h in pair)
        if known_x:  # equations in the posteriors at the p_t: (coefficient per type, const)
            vals = [[value(h, mx) for h in g[t]] for t in TYPES]
            c = [vals[t][1] for t in TYPES]
            d = [ctx.simplify(vals[t][0] - c[t]) for t in TYPES]
            if ctx.sign(d[0]) == 0 and ctx.sign(d[1]) == 0:
                rows = [((ctx.one, ctx.zero), -c[0]), ((ctx.zero, ctx.one), -c[1])]
            else:
                rows = [((d[1], -d[0]), ctx.simplify(d[0] * c[1] - d[1] * c[0]))]
            for coefs, const in rows:
                terms = {}
                for t in TYPES:
                    if ctx.sign(coefs[t]) == 0:
                        continue
                    if known_p[t]:
                        const = ctx.simplify(const + coefs[t] * value(f[t], ps[t]))
                    else:
                        h = coefs[t] * f[t]
                        terms[ps[t]] = terms[ps[t]] + h if ps[t] in terms else h
                for m, h in list(terms.items()):  # (two types' terms may cancel)
                    if ctx.is_const(h):
                        const = ctx.simplify(const + ctx.const_value(h))
                        del terms[m]
                terms = list(terms.items())
                if not terms:
                    if ctx.sign(const) != 0:
                        return False
                    continue
                eqs.append((terms, const))
        elif mx in opt and all(known_p):  # an equation in the posterior at x
            val = [value(f[t], ps[t]) for t in TYPES]
            c = [g[t][1] for t in TYPES]
            d = [g[t][0] - g[t][1] for t in TYPES]
            if all(ctx.is_const(h) and ctx.sign(ctx.const_value(h)) == 0 for h in d):
                rows = [(c[t], -val[t]) for t in TYPES]
            else:
                rows = [(d[1] * val[0] - d[0] * val[1] - c[0] * d[1] + c[1] * d[0], ctx.zero)]
            for fn, const in rows:
                if ctx.is_const(fn):
                    if ctx.sign(ctx.simplify(ctx.const_value(fn) + const)) != 0:
                        return False
                    continue
                eqs.append(([(mx, fn)], const))
    return True
