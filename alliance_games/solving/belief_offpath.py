"""Off-path messages of the belief engine: the beliefs (and the receiver's mixing) that
deter every type.

For each off-path message, :func:`off_path_deterrence` computes the set of beliefs at
which an answer (a pure action, or a mixture that is a best response on a range of
beliefs) is a best response and no type gains by deviating, as a union of intervals of
the posterior; :func:`off_path_sets` collects them for a pattern.  A belief explored with
traced numbers is searched along its line by :func:`first_belief`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import cmp_to_key
from itertools import product
from typing import Any

import sympy as sp

from .belief_tables import TYPES, BeliefGame, OffPathUndecided, representatives
from .line import first_on_line
from .linear_points import rational_point
from .lp import LinearSystem, interior_point
from .quadratic import OutsideFastType, TracedBase
from .rationals import rational_between
from .traced_roots import Root

__all__ = ["first_belief", "fixed_payoffs", "mixture_deters", "off_path_deterrence",
           "off_path_sets", "strict_mixture"]


_MAX_BELIEF_RUNS = 40  # traced runs over a deterring belief before it is left undecided


def off_path_sets(gd: BeliefGame, B: tuple[tuple[int, ...], ...], on: Collection[int],
                  values: Sequence, solve_message: Callable) -> dict | None:
    """Every off-path message's ``solve_message(gd, m, B[m], values)`` (its belief set,
    an example belief and the receiver's mixing there), or None as soon as one has none.

    Examples
    --------
    >>> off_path_sets(None, ((0,), (1,)), {0}, [], lambda gd, m, b, v: ("set", m, b))
    {1: ('set', 1, (1,))}
    """
    off = {}
    for m in range(len(B)):
        if m in on:
            continue
        found = solve_message(gd, m, B[m], values)
        if found is None:
            return None
        off[m] = found
    return off


def first_belief(gd: BeliefGame, region: Any, at: Callable) -> tuple:
    """A belief in ``region`` at which ``at(belief)`` is not None, found exactly:
    ``((belief, at(belief)) or None, decided)``.

    The region's points and the ends it contains are tried first; its intervals are
    explored with the belief traced (:func:`.line.first_on_line`: each run's answer holds
    on a cell of it, the points between cells decided one by one, at roots of any
    degree).  ``decided`` is False when a run left the exact types, the runs ran out, or
    the belief found is of degree 3 or more: then no answer is claimed.

    Examples
    --------
    An answer only at beliefs strictly between 1/4 and 1/2: one is found there (by traced
    runs: the region's ends have none), and none in ``(0, 1/4)``, decided:

    >>> from fractions import Fraction as F
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game, open_interval
    >>> gd = fast_game(beer_quiche())
    >>> def at(q):
    ...     return "deters" if gd.ctx.cmp(4 * q, 1) > 0 and gd.ctx.cmp(2 * q, 1) < 0 else None
    >>> (q, answer), decided = first_belief(gd, gd.ctx.unit, at)
    >>> F(1, 4) < q < F(1, 2), answer, decided
    (True, 'deters', True)
    >>> first_belief(gd, open_interval(F(0), F(1, 4)), at)
    (None, True)
    """
    ctx = gd.ctx
    q = sp.Dummy("q")

    def found(convert):
        belief = convert(q)
        answer = at(belief)
        return None if answer is None else (belief, answer)

    decided = True
    try:
        for piece in ctx.pieces(region):
            points = list(piece[1]) if piece[0] == "F" else \
                [p for p in piece[1:3] if ctx.contains(region, p)]
            for p in points:
                answer = at(p)
                if answer is not None:
                    return (p, answer), True
            if piece[0] == "F":
                continue
            interval = (Root.of_number(piece[1]), Root.of_number(piece[2]), False, False)
            hit, exact = first_on_line(found, q, [interval], _MAX_BELIEF_RUNS)
            if hit is not None:
                return hit[1], True
            decided = decided and exact
    except OutsideFastType:
        return None, False
    return None, decided


def off_path_deterrence(gd: BeliefGame, m: int, B: Sequence[int], values: Sequence
                        ) -> tuple[Any, Any, dict[tuple[int, int], Any]] | None:
    """Beliefs (and receiver mixing) at an off-path message that deter every type:
    ``(region, example belief, receiver mixing)`` or None.

    Examples
    --------
    The beer pool of beer-quiche (the weak type gets 2, the strong 3): a duel after quiche
    is a best response where ``mu(weak) >= 1/2``, and deters both types at every such
    belief:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())
    >>> region, example, rho = off_path_deterrence(gd, 1, (0,), [gd.ctx.rational(2, 1), 3])
    >>> region.to_sympy(), example, rho
    (Interval(1/2, 1), Fraction(3, 4), {(1, 0): Fraction(1, 1)})
    >>> off_path_deterrence(gd, 1, (1,), [gd.ctx.rational(2, 1), 3]) is None  # no duel
    True
    """
    ctx = gd.ctx
    region = gd.br_region(m, list(B))
    if ctx.is_empty(region):
        return None
    if len(B) == 1:
        a = B[0]
        for t in TYPES:
            region = ctx.intersect(region, ctx.solve_rel(values[t] - gd.u[t][m][a], "ge"))
            if ctx.is_empty(region):
                return None
        return region, _example(ctx, region), {(m, a): ctx.one}
    pts = ctx.points(region)
    interval = pts is None
    if interval:
        pts = representatives(ctx, region) + [p for p in (ctx.inf(region), ctx.sup(region))
                                              if ctx.contains(region, p)]
    good = []
    rho_at = None
    for xm in pts:
        sol = strict_mixture(gd, m, B, xm, values)
        if sol is not None:
            good.append(xm)
            if rho_at is None:
                rho_at = {(m, a): sol[i] for i, a in enumerate(B)}
    if not good and interval and not fixed_payoffs(gd, m, B):
        # a range of beliefs and payoffs that depend on them (with fixed payoffs every
        # belief is like the samples): explored exactly
        if not ctx.traced:
            raise OffPathUndecided(f"message {m}: a mixture on a range of beliefs")
        if any(isinstance(v, TracedBase) for v in (*gd.prior, *values)):
            # inside a traced run: the mixture's probability eliminated (two actions)
            if len(B) != 2:
                raise OffPathUndecided(f"message {m}: a mixture on a range of beliefs")
            found = _mixture_beliefs(gd, m, B, values, region)
            if found is None:
                return None
            rho_at = strict_mixture(gd, m, B, found, values)
            if rho_at is None:  # (the set says it deters there: never reached)
                raise OffPathUndecided(f"message {m}: a mixture on a range of beliefs")
            good, rho_at = [found], {(m, a): rho_at[i] for i, a in enumerate(B)}
        hit, decided = (None, True) if good else first_belief(
            gd, region, lambda xm: strict_mixture(gd, m, B, xm, values))
        if hit is None and not decided:
            raise OffPathUndecided(f"message {m}: a mixture on a range of beliefs")
        if hit is not None:
            good = [hit[0]]
            rho_at = {(m, a): hit[1][i] for i, a in enumerate(B)}
    if not good:
        return None
    # the exact set for the mixture reported (found at good[0]): the beliefs where its
    # actions are best responses and it deters every type
    for t in TYPES:
        payoff = ctx.zero
        for a in B:
            payoff = payoff + rho_at[(m, a)] * gd.u[t][m][a]
        region = ctx.intersect(region, ctx.solve_rel(values[t] - payoff, "ge"))
    return region, good[0], rho_at


def _mixture_beliefs(gd: BeliefGame, m: int, B, values, region):
    """A belief in ``region`` at which some mixture of the two actions ``B`` with both
    probabilities positive deters every type (its payoff from ``m`` at most its
    equilibrium payoff ``values[t]``), or None when there is none, decided on the
    backend's own sets, so inside a traced run too (``values`` traced numbers).

    With ``g_t = (u_t(B[0]) - v_t, u_t(B[1]) - v_t)``, type ``t``'s gains, a mixture
    ``lam`` of ``B[0]`` deters ``t`` when ``g1 + lam s <= 0``, ``s = g0 - g1``: an upper
    bound on ``lam`` where ``s > 0``, a lower one where ``s < 0``, ``g1 <= 0`` where
    ``s = 0`` (as in :func:`_lambda_range` at one belief).  Eliminating ``lam`` from
    ``(0, 1)`` (Fourier-Motzkin), one case per sign of each type's ``s``: an upper bound
    above 0 is ``g1 < 0``, a lower bound below 1 is ``g0 < 0``, and a lower bound
    ``l`` at most an upper ``u`` is ``g1_u s_l - g1_l s_u >= 0``; each condition a set
    of the backend (:func:`solve_rel`).

    Examples
    --------
    The receiver is indifferent after ``m1`` at every belief; with equilibrium payoffs
    0, ``L`` gains ``2 x - 1`` from ``a0`` and ``-1`` from ``a1`` (``x`` its posterior),
    ``H`` gains ``-1`` and ``1 - x``.  Where ``x > 0``, ``L`` bounds ``lam`` above by
    ``1 / (2 x)`` and ``H`` below by ``(1 - x) / (2 - x)``, which is smaller
    (``2 x**2 - 3 x + 2 > 0``): the first case holds on ``(0, 1]``, and at its midpoint
    ``lam = 1/2`` deters both.  With payoffs ``-2`` nothing deters:

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> mu = belief("H")
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"],
    ...     [[[0, 0], [1 - 2 * mu, -1]], [[0, 0], [-1, mu]]],
    ...     [[[1, 1], [0, 0]], [[1, 1], [0, 0]]], types=["L", "H"])
    >>> gd = fast_game(g)
    >>> x = _mixture_beliefs(gd, 1, (0, 1), [gd.ctx.zero, gd.ctx.zero], gd.ctx.unit)
    >>> x, strict_mixture(gd, 1, (0, 1), x, [0, 0])
    (Fraction(1, 2), [Fraction(1, 2), Fraction(1, 2)])
    >>> _mixture_beliefs(gd, 1, (0, 1), [-2, -2], gd.ctx.unit) is None  # nothing deters
    True
    """
    ctx = gd.ctx
    g = [[gd.u[t][m][a] - values[t] for a in B] for t in TYPES]
    s = [g[t][0] - g[t][1] for t in TYPES]

    def where(f, sign: int):  # {sign(f) == sign}; sign 2: {f <= 0}
        if sign == 0:
            return ctx.solve_rel(f, "eq")
        if sign == 2:
            return ctx.solve_rel(-f, "ge")
        return ctx.minus(ctx.unit, ctx.solve_rel(-sign * f, "ge"))

    for signs in product((1, -1, 0), repeat=len(TYPES)):
        part = region
        for t, c in zip(TYPES, signs):
            part = ctx.intersect(part, where(s[t], c))
            # the bound above 0 (c > 0), below 1 (c < 0), or no gain (c = 0)
            part = ctx.intersect(part, where(g[t][0], -1) if c < 0 else
                                 where(g[t][1], -1 if c > 0 else 2))
            if ctx.is_empty(part):
                break
        else:
            for lo in (t for t in TYPES if signs[t] < 0):
                for up in (t for t in TYPES if signs[t] > 0):
                    part = ctx.intersect(part, ctx.solve_rel(
                        g[up][1] * s[lo] - g[lo][1] * s[up], "ge"))
            if not ctx.is_empty(part):
                return _example(ctx, part)
    return None


def fixed_payoffs(gd: BeliefGame, m: int, B: Sequence[int]) -> bool:
    """Whether no type's payoff from ``m`` answered by an action of ``B`` depends on the
    belief.

    Examples
    --------
    ``L``'s payoff from ``m0`` answered by ``a0`` is ``mu(H)``; every other payoff is a
    number:

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> sender = [[[belief("H"), 0], [1, 0]], [[1, 0], [1, 0]]]
    >>> zeros = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]
    >>> gd = fast_game(SignallingGame.from_arrays(["1/2", "1/2"], sender, zeros, types=["L", "H"]))
    >>> fixed_payoffs(gd, 0, (0, 1)), fixed_payoffs(gd, 0, (1,)), fixed_payoffs(gd, 1, (0, 1))
    (False, True, True)
    """
    return all(gd.ctx.is_const(gd.u[t][m][a]) for t in TYPES for a in B)


def _example(ctx, region):
    """A belief in a nonempty set: its first isolated point group's least point or its
    first interval's midpoint (in the backend's piece order)."""
    first = ctx.pieces(region)[0]
    if first[0] == "F":
        return min(first[1], key=cmp_to_key(ctx.cmp))
    return ctx.midpoint(first[1], first[2])


def _lambda_range(ctx, gains):
    """The closed range of ``lam`` in ``[0, 1]`` with ``lam*g0 + (1-lam)*g1 <= 0`` for
    every ``(g0, g1)`` in ``gains``, or None when empty."""
    lo, hi = ctx.zero, ctx.one
    for g0, g1 in gains:
        slope = ctx.simplify(g0 - g1)  # g1 + lam*slope <= 0
        s = ctx.sign(slope)
        if s == 0:
            if ctx.sign(g1) > 0:
                return None
            continue
        bound = ctx.simplify(-g1 / slope)
        if s > 0:
            hi = bound if ctx.cmp(bound, hi) < 0 else hi
        else:
            lo = bound if ctx.cmp(bound, lo) > 0 else lo
    return (lo, hi) if ctx.cmp(lo, hi) <= 0 else None


def _gains(gd: BeliefGame, m, acts, xm, values) -> list:
    ctx = gd.ctx
    return [[ctx.simplify(ctx.at(gd.u[t][m][a], xm) - values[t]) for a in acts]
            for t in range(gd.n_types)]


def mixture_deters(gd: BeliefGame, m: int, acts: Sequence[int], xm: Any, values: Sequence) -> bool:
    """Whether some mixture over ``acts`` at belief ``xm`` leaves every type at most its
    equilibrium payoff (closed form for two actions, the exact simplex otherwise).

    Examples
    --------
    In beer-quiche the receiver is indifferent after quiche at ``mu(weak) = 1/2``; a duel
    with probability at least 1/2 there leaves the weak type at most 2 (the beer pool's
    payoffs: weak 2, strong 3), but no mixture leaves it at most 1/2:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())
    >>> q = gd.ctx.rational
    >>> mixture_deters(gd, 1, (0, 1), q(1, 2), [q(2, 1), q(3, 1)])
    True
    >>> mixture_deters(gd, 1, (0, 1), q(1, 2), [q(1, 2), q(3, 1)])
    False
    """
    ctx = gd.ctx
    if len(acts) == 2:
        return _lambda_range(ctx, _gains(gd, m, acts, xm, values)) is not None
    ge = tuple((tuple(-ctx.at(gd.u[t][m][a], xm) for a in acts), -values[t])
               for t in range(gd.n_types))
    system = LinearSystem(len(acts), ((tuple([ctx.one] * len(acts)), ctx.one),), ge)
    return interior_point(ctx.lp, system) is not None


def strict_mixture(gd: BeliefGame, m: int, B: Sequence[int], xm: Any, values: Sequence, *,
                   rational: bool = False) -> list | None:
    """``interior_point`` of the off-path deterrence system (full-support mixtures over
    ``B`` at belief ``xm`` that deter every type; the point maximising the smallest
    probability), or None.  For two actions that point is unique, so the closed form
    equals the simplex's answer.

    With ``rational`` (sympy numbers: the simplex's context) a mixture with irrational
    probabilities is replaced by a rational one that deters too, where the deterring
    mixtures have one: for two actions the simplest rational strictly inside their
    range, for more a rounded point deterring every type strictly
    (:func:`rational_point`).  Where there is none the irrational mixture is
    returned.

    Examples
    --------
    >>> from alliance_games.alliance.model import alliance_game
    >>> from alliance_games.solving.belief_payoffs import general_game
    >>> gd = general_game(alliance_game())
    >>> strict_mixture(gd, 0, [0, 1], sp.Rational(1, 2), [-100, -100]) is None
    True
    """
    ctx = gd.ctx
    k = len(B)
    if k == 2:
        rng = _lambda_range(ctx, _gains(gd, m, B, xm, values))
        if rng is None:
            return None
        lo, hi = rng
        half = ctx.rational(1, 2)
        lam = lo if ctx.cmp(lo, half) > 0 else hi if ctx.cmp(hi, half) < 0 else half
        if rational and not sp.sympify(lam).is_Rational and ctx.cmp(lo, hi) < 0:
            lam = rational_between(lo, hi)  # in (lo, hi), inside [0, 1]
        if ctx.sign(lam) <= 0 or ctx.cmp(lam, ctx.one) >= 0:
            return None
        return [lam, ctx.simplify(1 - lam)]
    ge = tuple((tuple(-ctx.at(gd.u[t][m][a], xm) for a in B), -values[t])
               for t in range(gd.n_types))
    gt = tuple((tuple(ctx.one if j == i else ctx.zero for j in range(k)), ctx.zero)
               for i in range(k))
    eq = ((tuple([ctx.one] * k), ctx.one),)
    system = LinearSystem(k, eq, ge, gt)
    if rational and not all(sp.sympify(v).is_Rational for row, b in ge for v in (*row, b)):
        point = rational_point(ctx, system)
        if point is not None:
            return point
    return interior_point(ctx.lp, system)
