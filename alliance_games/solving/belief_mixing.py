"""The mixing probabilities of the belief engine: the sender's, from Bayes' rule at the
pinned posteriors, and the receiver's, from the types' indifferences.

:func:`sender_probabilities` computes the sender's mixing consistent with the
posteriors; :func:`receiver_mixing` solves the receiver's mixing exactly (a linear
system, :func:`mixing_system`), and :func:`rho_with_deterrence` does so together with
the beliefs that deter the off-path messages when the deviations' payoffs depend on them
(affine ones as variables of the system, one other explored with traced numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from itertools import product
from typing import Any

import sympy as sp

from .belief_offpath import first_belief, fixed_payoffs, off_path_deterrence
from .belief_tables import (
    TYPES,
    BeliefGame,
    OffPathUndecided,
    bayes_order,
    mark_sampled,
    representatives,
    sup_inf,
)
from .linear_points import dot, rational_point, small_interior_point, system_pinned
from .lp import LinearSystem, variable_range
from .quadratic import OutsideFastType, TracedBase

__all__ = ["belief_pieces", "mixing_system", "mixing_with_beliefs", "payoff_form",
           "payoffs_move", "receiver_mixing", "rho_with_deterrence",
           "sender_probabilities"]


def sender_probabilities(gd: BeliefGame, S: tuple[tuple[int, ...], ...], x: dict[int, Any]
                         ) -> dict[tuple[int, int], Any] | Callable[[], dict] | None:
    """Sender mixing consistent with the posteriors (exact), or None.  When some type
    mixes and :func:`_mixture_exists` decides that the mixing exists, a function
    computing it: it is computed only if the pattern proves an equilibrium (with
    numbers from two fields it is the costliest step of most patterns).

    Examples
    --------
    In beer-quiche (prior 1/10 on the weak type) both types drinking beer leave the prior
    there.  When the weak type mixes and the strong drinks beer, the posterior 1/20 after
    beer asks the weak type to drink it with probability 9/19 (a function, computed when
    called):

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())
    >>> sender_probabilities(gd, ((0,), (0,)), {0: gd.prior[0]})
    {(0, 0): Fraction(1, 1), (1, 0): Fraction(1, 1)}
    >>> sender_probabilities(gd, ((0, 1), (0,)), {0: gd.ctx.rational(1, 20), 1: gd.ctx.one})()
    {(1, 0): Fraction(1, 1), (0, 0): Fraction(9, 19), (0, 1): Fraction(10, 19)}
    """
    ctx = gd.ctx
    one, zero = ctx.one, ctx.zero
    keys = [(t, m) for t in TYPES if len(S[t]) > 1 for m in S[t]]
    sigma = {(t, S[t][0]): one for t in TYPES if len(S[t]) == 1}
    p0, p1 = gd.prior
    if not keys:  # Bayes' rule: the prior, 1 or 0 where both types, one or the other send
        for m, xm in x.items():
            by0, by1 = (0, m) in sigma, (1, m) in sigma
            if ctx.sign((p0 if by0 else zero) + (p1 if by1 else zero)) == 0 or ctx.cmp(
                    xm, p0 if by0 and by1 else one if by0 else zero) != 0:
                return None
        return sigma
    exists = _mixture_exists(gd, S, x)
    if exists is False:
        return None
    if exists is None:
        return _mixture(gd, S, x, keys, sigma)

    def lazily() -> dict:
        found = _mixture(gd, S, x, keys, sigma)
        if found is None:  # pragma: no cover - _mixture_exists decides the same system
            raise AssertionError(f"no sender mixture for {S} at {x}")
        return found

    return lazily


def _mixture(gd: BeliefGame, S, x, keys: list, sigma: dict) -> dict | None:
    """The sender's mixing over ``keys`` (``(type, message)``; the pure types' in
    ``sigma``) whose posteriors are ``x``, or None: in closed form when Bayes' rule pins
    it, else an interior point of its linear system (exact)."""
    ctx = gd.ctx
    one, zero, sign, cmp, simplify = ctx.one, ctx.zero, ctx.sign, ctx.cmp, ctx.simplify
    p0, p1 = gd.prior
    if len(keys) == 2:  # one type mixes over two messages, one of them the other's
        t = keys[0][0]
        (m_star,) = S[1 - t]
        if m_star in S[t]:
            xm = x[m_star]
            num, den = (p0 * (1 - xm), p1 * xm) if t == 1 else (p1 * xm, p0 * (1 - xm))
            if sign(den) != 0:  # Bayes at m_star pins the mixture (a unique solution)
                share = simplify(num / den)
                if sign(share) <= 0 or cmp(share, one) >= 0:
                    return None
                other = S[t][0] if S[t][1] == m_star else S[t][1]
                return {**sigma, (t, m_star): share, (t, other): simplify(1 - share)}
    if len(keys) == 4 and S[0] == S[1]:  # both types mix over the same two messages
        m0, m1 = S[0]
        c0, c1 = cmp(x[m0], p0), cmp(x[m1], p0)
        if c0 * c1 >= 0 and (c0, c1) != (0, 0):
            return None  # the prior must lie strictly between the two posteriors
        if c0 * c1 < 0 and all(sign(x[m]) > 0 and cmp(x[m], one) < 0 for m in S[0]):
            # s0m = r_m * s1m (Bayes), s1m0 + s1m1 = 1 = r0 s1m0 + r1 s1m1: unique
            r0, r1 = (simplify(p1 * x[m] / (p0 * (1 - x[m]))) for m in (m0, m1))
            s00, s01, s10, s11 = _shares(simplify, r0, r1)
            return {**sigma, (0, m0): s00, (0, m1): s01, (1, m0): s10, (1, m1): s11}
    idx = {k: i for i, k in enumerate(keys)}
    eq, gt = [], []
    for t in TYPES:
        if len(S[t]) > 1:
            eq.append((tuple(one if k[0] == t else zero for k in keys), one))
            for m in S[t]:
                gt.append((tuple(one if k == (t, m) else zero for k in keys), zero))
    for m, xm in x.items():
        if m not in S[0] or m not in S[1]:
            continue
        row = [zero] * len(keys)  # prior0*s0*(1-x) - prior1*s1*x = 0
        const = zero
        for t, coef in ((0, p0 * (1 - xm)), (1, -p1 * xm)):
            if (t, m) in idx:
                row[idx[(t, m)]] += coef
            else:
                const += coef
        eq.append((tuple(simplify(r) for r in row), simplify(-const)))
    sol = small_interior_point(ctx, LinearSystem(len(keys), tuple(eq), (), tuple(gt)))
    if sol is None:
        return None
    return {**sigma, **{k: sol[i] for k, i in idx.items()}}


def _mixture_exists(gd: BeliefGame, S, x) -> bool | None:
    """Whether the sender has a mixture with support ``S`` whose posteriors are ``x``,
    decided from the order of the shared messages' posteriors and the prior (None when a
    posterior or the prior is not strictly inside ``(0, 1)``: the linear system decides).

    With ``A`` the messages both types send, Bayes' rule writes type 0's weight on
    ``m`` in ``A`` as ``r_m`` times type 1's, ``r_m = p1 x_m / (p0 (1 - x_m))``, and
    ``r_m < 1`` exactly when ``x_m < p0``.  Type 1's weights ``y > 0`` on ``A`` sum to
    1 when it sends nothing else (else to less than 1); type 0's weights ``r . y`` sum
    to 1 when it sends nothing else (else to less).  Hence a mixture exists exactly when:
    both types send other messages too (``A`` empty included); only type 0 does, and some
    ``x_m < p0``; only type 1 does, and some ``x_m > p0``; neither does, and some
    ``x_m < p0 < x_m'`` or every ``x_m = p0``.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())  # prior 1/10 on the first type
    >>> q = gd.ctx.rational
    >>> _mixture_exists(gd, ((0, 1), (0,)), {0: q(1, 20)})  # type 1 sends only m0
    True
    >>> _mixture_exists(gd, ((0, 1), (0,)), {0: q(1, 5)})
    False
    >>> _mixture_exists(gd, ((0, 1), (0, 1)), {0: q(1, 20), 1: q(1, 5)})
    True
    """
    ctx = gd.ctx
    p0 = gd.prior[0]
    if ctx.sign(p0) <= 0 or ctx.cmp(p0, ctx.one) >= 0:
        return None
    shared = [m for m in S[0] if m in S[1]]
    order = []
    for m in shared:
        if ctx.sign(x[m]) <= 0 or ctx.cmp(x[m], ctx.one) >= 0:
            return None
        order.append(ctx.cmp(x[m], p0))
    only0, only1 = len(S[0]) > len(shared), len(S[1]) > len(shared)
    return bayes_order({*order, *([1] if only0 else []), *([-1] if only1 else [])})


def payoffs_move(gd: BeliefGame, S: tuple[tuple[int, ...], ...], B: tuple[tuple[int, ...], ...],
                 x: dict[int, Any]) -> bool:
    """Whether the types' equilibrium payoffs move with the receiver's mixing at on-path
    messages (posteriors ``x``, for any number of types): some type's payoff from a
    message it sends differs between two actions the receiver mixes over there.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())  # both drink beer; the receiver mixes after it
    >>> payoffs_move(gd, ((0,), (0,)), ((0, 1), (0,)), {0: gd.ctx.rational(1, 10)})
    True
    """
    ctx = gd.ctx
    for t in range(gd.n_types):
        for m in S[t]:
            if len(B[m]) > 1:
                first = ctx.at(gd.u[t][m][B[m][0]], x[m])
                if any(ctx.cmp(ctx.at(gd.u[t][m][a], x[m]), first) != 0 for a in B[m][1:]):
                    return True
    return False


def _shares(simplify, r0, r1) -> tuple:
    """Both types' mixtures over two messages from the Bayes ratios ``r_m = s0m / s1m``."""
    s10 = simplify((1 - r1) / (r0 - r1))
    s11 = simplify(1 - s10)
    return simplify(r0 * s10), simplify(r1 * s11), s10, s11


def rho_with_deterrence(gd: BeliefGame, S: tuple[tuple[int, ...], ...],
                        B: tuple[tuple[int, ...], ...], x: dict[int, Any], on: Collection[int]
                        ) -> tuple[dict[tuple[int, int], Any], list, bool] | None:
    """On-path receiver mixing that also deters deviations to off-path messages.

    Deviation payoffs that do not depend on the belief enter the linear system directly.
    When the on-path mixing is not unique and the one found is not deterred from every
    off-path message, the beliefs after the off-path messages are decided exactly
    (:func:`_deterring_beliefs`): each belief at which an off-path mixture is a best
    response is tried, and a belief-dependent deviation whose payoffs are affine in the
    belief has its belief as a variable of the mixing's linear system.  Only when some
    deviation is not of that kind are beliefs tried first (at the ends, thirds and
    midpoint of an answer's best-response set), then a relaxation may prove that no
    belief deters (:func:`_none_deters`), then one such belief is explored.  What is
    left (two or more beliefs of that kind, or one inside a traced run) is recorded as
    only sampled (:data:`~.belief_engine.SAMPLED_NOTE`).

    The system picks its member of the family by one rule, not by which trial belief
    happens to deter, so a family keeps one representative across the cells of a
    traced run (trials first split the window game's family into ``#1`` and ``#2``).

    Examples
    --------
    The beer pool of beer-quiche with no duel after beer (the weak type gets 2, the strong
    3): a duel after quiche deters both types from it, no duel does not (the weak type
    would get 3):

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())
    >>> S, x = ((0,), (0,)), {0: gd.prior[0]}
    >>> rho_with_deterrence(gd, S, ((1,), (0,)), x, [0])
    ({(0, 1): Fraction(1, 1)}, [Fraction(2, 1), Fraction(3, 1)], False)
    >>> rho_with_deterrence(gd, S, ((1,), (1,)), x, [0]) is None
    True
    """
    ctx = gd.ctx
    bounds = []
    dependent = []
    for m in range(gd.n_messages):
        if m in on or len(B[m]) != 1:
            continue
        a = B[m][0]
        pay = [gd.u[t][m][a] for t in TYPES]
        if any(not ctx.is_const(p) for p in pay):
            dependent.append((m, a))
        else:
            bounds.extend((t, ctx.const_value(pay[t])) for t in TYPES)
    mixed_off = [m for m in range(gd.n_messages) if m not in on and len(B[m]) > 1]
    res = receiver_mixing(gd, S, B, x, bounds)
    if res is None or not res[2] or (not dependent and not mixed_off):
        return res
    try:
        if all(off_path_deterrence(gd, m, B[m], res[1]) is not None for m in range(gd.n_messages)
               if m not in on):
            return res
    except OffPathUndecided:
        pass  # (look for a member that is; solution_at asks again and names the pattern)
    # the on-path mixing is not unique and the one found is not deterred from every
    # off-path message: look for a member of the family that is, with beliefs at which
    # each off-path mixture is a best response (every such belief when there are
    # finitely many, one when its payoffs do not depend on the belief) and beliefs
    # after each belief-dependent deviation
    choices, hard = [], []  # (hard: mixtures at infinitely many beliefs, which matter)
    for m in mixed_off:
        region = gd.br_region(m, list(B[m]))
        pts = ctx.points(region)
        if pts is None and fixed_payoffs(gd, m, B[m]):
            pts = representatives(ctx, region)[:1]  # no payoff depends on it: any will do
        elif pts is None:
            pts = representatives(ctx, region)  # (tried; explored below)
            hard.append(m)
        choices.append([(m, p) for p in pts])
    pieces = [belief_pieces(gd, m, a) for m, a in dependent]
    if hard or None in pieces:
        found = _trial_beliefs(gd, S, B, x, bounds, dependent, choices)
        if found is not None:
            return res if found is False else found
        if not hard and _none_deters(gd, S, B, x, bounds, dependent,
                                     list(product(*choices))):
            return res  # no member of the family is deterred, decided
    exact = [c for c, m in zip(choices, mixed_off) if m not in hard]
    found, decided = _deterring_beliefs(gd, S, B, x, bounds, list(zip(dependent, pieces)),
                                        exact, hard)
    if found is not None:
        return found
    if not decided:
        mark_sampled(gd, S, B, "beliefs deterring the off-path messages only sampled")
    return res


def _trial_beliefs(gd: BeliefGame, S, B, x, bounds: list, dependent: list,
                   choices: list):
    """A :func:`receiver_mixing` result deterred with trial beliefs: after each
    belief-dependent deviation ``(m, a)`` of ``dependent`` one at the ends, thirds or
    midpoint of the set where ``a`` is a best response, and each combination of
    ``choices`` for the off-path mixtures; None when no trial deters, False when some
    ``a`` is never a best response (no belief can deter)."""
    ctx = gd.ctx
    trial_sets = []
    for m, a in dependent:
        region = gd.br_region(m, [a])
        if ctx.is_empty(region):
            return False
        pts = representatives(ctx, region) + [p for p in (ctx.inf(region), ctx.sup(region))
                                              if ctx.contains(region, p)]
        trial_sets.append([(m, a, p) for p in pts])
    for off_mixed in product(*choices):
        for trial in product(*trial_sets):
            extra = list(bounds)
            for m, a, p in trial:
                extra.extend((t, ctx.at(gd.u[t][m][a], p)) for t in TYPES)
            found = receiver_mixing(gd, S, B, x, extra, off_mixed)
            if found is not None:
                return found
    return None


def _none_deters(gd: BeliefGame, S, B, x, bounds: list, dependent: list,
                 combos: list) -> bool:
    """Whether no on-path mixing can be deterred from the belief-dependent deviations
    ``dependent`` whatever the beliefs: even when each type faces its own lowest payoff
    from each of them (over the closure of the beliefs at which its answer is a best
    response, a relaxation) no mixing meets the bounds, for any ``combos`` of beliefs
    for the off-path mixtures.  Exact, in traced runs too; False when it cannot tell."""
    ctx = gd.ctx
    try:
        extra = list(bounds)
        for m, a in dependent:
            region = gd.br_region(m, [a])
            extra += [(t, sup_inf(ctx, gd.u[t][m][a], region, False)) for t in TYPES]
        return all(receiver_mixing(gd, S, B, x, extra, off_mixed) is None
                   for off_mixed in combos)
    except OutsideFastType:
        return False


def _deterring_beliefs(gd: BeliefGame, S, B, x, bounds: list, dependent: list,
                       choices: list, hard_mixed: list) -> tuple:
    """An on-path receiver mixing deterred from every off-path message:
    ``(receiver_mixing result or None, decided)``.

    ``dependent``: the deviations ``(m, a)`` answered by one action whose payoffs depend
    on the belief, each with its :func:`belief_pieces` (None when not affine);
    ``choices``: for each off-path mixture that is a best response at
    finitely many beliefs (or whose payoffs do not depend on the belief), the beliefs
    ``(m, belief)`` to try; ``hard_mixed``: the off-path messages answered by a mixture
    that is a best response on a range of beliefs and whose payoffs depend on them.

    A deviation whose payoffs are affine in the belief on each piece of the set where
    ``a`` is a best response (:attr:`BeliefBackend.linear_on`) has its belief as a
    variable of the mixing's linear system (:func:`mixing_with_beliefs`), a system per
    combination of pieces: exact, in traced runs too.  One other belief (a deviation
    with other payoffs, or a mixture in ``hard_mixed``) is explored with traced numbers
    (:func:`_explored_belief`; not inside a traced run).  With two or more of those, or
    one inside a traced run, ``decided`` is False."""
    ctx = gd.ctx
    linear, hard = [], [(m, None) for m in hard_mixed]
    for (m, a), pieces in dependent:
        if pieces is None:
            hard.append((m, a))
        else:
            linear.append(pieces)
    if len(hard) > 1 or (hard and (not ctx.traced or isinstance(gd.prior[0], TracedBase))):
        return None, False  # (a traced run cannot explore a second variable)
    decided = True
    try:
        for off_mixed in product(*choices):
            for beliefs in product(*linear):
                if not hard:
                    found = mixing_with_beliefs(gd, S, B, x, bounds, beliefs, off_mixed)
                    exact = True
                else:
                    found, exact = _explored_belief(gd, S, B, x, bounds, beliefs, off_mixed,
                                                    *hard[0])
                if found is not None:
                    return found, True
                decided = decided and exact
    except OutsideFastType:
        return None, False
    return None, decided


def mixing_with_beliefs(gd: BeliefGame, S: tuple[tuple[int, ...], ...],
                        B: tuple[tuple[int, ...], ...], x: dict[int, Any],
                        bounds: Sequence[tuple[int, Any]],
                        beliefs: Sequence[tuple[int, list, list]],
                        off_mixed: Sequence[tuple[int, Any]] = ()
                        ) -> tuple[dict[tuple[int, int], Any], list, bool] | None:
    """:func:`receiver_mixing` deterred from the deviations of ``beliefs`` (entries of
    :func:`mixing_system`: their beliefs are variables, with the mixing, of one exact
    linear system): its result at the beliefs of an interior point of that system, or
    None when it has no solution.

    Examples
    --------
    Both types send ``m1``, where the receiver is indifferent (at the prior 1/2) and mixes;
    after ``m0`` it answers ``a0``, a best response where ``mu(L) >= 1/2``, which gives
    ``H`` ``mu(H) + 3/2``.  The receiver's mixing found alone (``a0`` with probability 1/2,
    ``H`` getting 1) is deterred by no such belief; with the belief a variable, ``a0`` with
    probability 1/4 gives ``H`` 3/2, its payoff from ``m0`` at ``mu(L) = 1``:

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> mu = belief("H")
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"],
    ...     [[[0, 2], [1, 3]], [[mu + sp.Rational(3, 2), 3], [0, 2]]],
    ...     [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"])
    >>> gd = fast_game(g)
    >>> S, B, x = ((1,), (1,)), ((0,), (0, 1)), {1: gd.ctx.rational(1, 2)}
    >>> rho, values, family = mixing_with_beliefs(gd, S, B, x, [], belief_pieces(gd, 0, 0))
    >>> rho, values
    ({(1, 0): Fraction(1, 4), (1, 1): Fraction(3, 4)}, [Fraction(5, 2), Fraction(3, 2)])
    """
    if not beliefs:
        return receiver_mixing(gd, S, B, x, bounds, off_mixed)
    ctx = gd.ctx
    found = mixing_system(gd, S, B, x, bounds, off_mixed, beliefs)
    sol = None if found is None else small_interior_point(ctx, found[1])
    if sol is None:
        return None
    keys = found[0]
    extra = list(bounds)
    for m, _, lines in beliefs:
        q = [sol[keys.index(("belief", m, i))] for i in range(len(lines[0][1]))]
        extra.extend((t, ctx.simplify(c0 + dot(ctx, c, q))) for t, (c0, c) in enumerate(lines))
    res = receiver_mixing(gd, S, B, x, extra, off_mixed)
    if res is None:  # (the system's own point meets these bounds)
        raise AssertionError("a solution of the joint system is not one of the mixing's")
    return res


def belief_pieces(gd: BeliefGame, m: int, a: int) -> list | None:
    """The pieces of the set where ``a`` is a best response after the off-path message
    ``m``, each as a ``beliefs`` entry of :func:`mixing_system` (an isolated point as an
    interval of length 0); None when the backend cannot say that the deviating payoffs
    are affine on some piece.

    Examples
    --------
    After ``m0`` the receiver's ``a0`` is a best response where ``x = mu(L) >= 1/2``, one
    piece ``1/2 <= x <= 1`` (rows ``x >= 1/2`` and ``-x >= -1``) on which ``L`` gets 0 and
    ``H`` gets ``mu(H) + 3/2 = 5/2 - x`` from it:

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> mu = belief("H")
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"],
    ...     [[[0, 2], [1, 3]], [[mu + sp.Rational(3, 2), 3], [0, 2]]],
    ...     [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"])
    >>> belief_pieces(fast_game(g), 0, 0)  # doctest: +NORMALIZE_WHITESPACE
    [(0, [((Fraction(1, 1),), Fraction(1, 2), 'ge'), ((Fraction(-1, 1),), Fraction(-1, 1), 'ge')],
      [(Fraction(0, 1), (Fraction(0, 1),)), (Fraction(5, 2), (Fraction(-1, 1),))])]
    """
    ctx = gd.ctx
    if ctx.linear_on is None:
        return None
    region = gd.br_region(m, [a])
    entries = []
    for piece in ctx.pieces(region):
        ends = [(p, p) for p in piece[1]] if piece[0] == "F" else [piece[1:3]]
        for lo, hi in ends:
            if ctx.cmp(lo, hi) == 0:
                lines = [(ctx.at(gd.u[t][m][a], lo), ctx.zero) for t in TYPES]
            else:
                lines = [ctx.linear_on(gd.u[t][m][a], lo, hi) for t in TYPES]
                if any(line is None for line in lines):
                    return None
            rows = [((ctx.one,), lo, "ge" if ctx.contains(region, lo) else "gt"),
                    ((-ctx.one,), ctx.simplify(-hi),
                     "ge" if ctx.contains(region, hi) else "gt")]
            entries.append((m, rows, [(c0, (c1,)) for c0, c1 in lines]))
    return entries


def _explored_belief(gd: BeliefGame, S, B, x, bounds: list, beliefs: tuple,
                     off_mixed: tuple, m: int, a: int | None) -> tuple:
    """An on-path receiver mixing deterred with some belief ``q`` after the off-path
    message ``m`` (answered by ``a``, or by a mixture of ``B[m]`` when ``a`` is None),
    every type's payoff at least its ``bounds``, and deterred from the deviations of
    ``beliefs`` and ``off_mixed`` as :func:`mixing_with_beliefs` asks:
    ``(receiver_mixing result or None, decided)``.

    ``q`` ranges over the set where the answer is a best response, explored exactly
    (:func:`first_belief`)."""
    ctx = gd.ctx

    def at(belief):
        if a is None:
            return mixing_with_beliefs(gd, S, B, x, bounds, beliefs,
                                       tuple(off_mixed) + ((m, belief),))
        extra = list(bounds) + [(t, ctx.at(gd.u[t][m][a], belief)) for t in TYPES]
        return mixing_with_beliefs(gd, S, B, x, extra, beliefs, off_mixed)

    region = gd.br_region(m, list(B[m]) if a is None else [a])
    hit, decided = first_belief(gd, region, at)
    return (None, decided) if hit is None else (hit[1], True)


def payoff_form(gd: BeliefGame, B: tuple[tuple[int, ...], ...], x: dict[int, Any], keys: list,
                t: int, m: int) -> tuple[list, Any]:
    """Type ``t``'s payoff from on-path message ``m`` (posterior ``x[m]``, receiver
    support ``B[m]``) as an affine form in the free receiver probabilities ``keys``:
    ``(coefficients, constant)``.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche("1/2"))  # quiche: weak 1 + 2 (no duel), strong 0 + 2
    >>> payoff_form(gd, ((0,), (0, 1)), {1: gd.ctx.rational(1, 2)}, [(1, 0), (1, 1)], 0, 1)
    ([Fraction(1, 1), Fraction(3, 1)], Fraction(0, 1))
    """
    ctx = gd.ctx
    coeffs = [ctx.zero] * len(keys)
    if len(B[m]) == 1:
        return coeffs, ctx.at(gd.u[t][m][B[m][0]], x[m])
    for a in B[m]:
        coeffs[keys.index((m, a))] = ctx.at(gd.u[t][m][a], x[m])
    return coeffs, ctx.zero


def mixing_system(gd: BeliefGame, S: tuple[tuple[int, ...], ...], B: tuple[tuple[int, ...], ...],
                  x: dict[int, Any], bounds: Sequence[tuple[int, Any]] = (),
                  off_mixed: Sequence[tuple[int, Any]] = (),
                  beliefs: Sequence[tuple[int, list, list]] = ()) -> tuple | None:
    """The linear system of :func:`receiver_mixing`: ``(keys, system)``, the free
    receiver probabilities ``(message, action)`` and the exact constraints on them
    (a :class:`~.lp.LinearSystem` in ``keys`` order); None when a comparison that does
    not involve them already fails.

    ``beliefs`` makes the beliefs after off-path messages variables too, keyed
    ``("belief", m, i)`` (coordinate ``i`` of the belief after ``m``): each entry
    ``(m, rows, lines)`` puts the belief's coordinates in the polyhedron ``rows``
    (``(coefficients, rhs, kind)``, ``kind`` ``"eq"``, ``"ge"`` or ``"gt"``) and
    requires each type ``t``'s payoff to be at least ``c0 + c . belief``
    (``lines[t] = (c0, c)``, its payoff from ``m`` where that is affine in the belief).

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche("1/2"))  # the quiche pool: the receiver may mix
    >>> keys, system = mixing_system(gd, ((1,), (1,)), ((0,), (0, 1)), {1: gd.ctx.rational(1, 2)})
    >>> keys
    [(1, 0), (1, 1)]
    """
    ctx = gd.ctx
    one, zero, sign, cmp, simplify, at = (ctx.one, ctx.zero, ctx.sign, ctx.cmp,
                                          ctx.simplify, ctx.at)
    on = sorted(x)
    keys = [(m, a) for m in on if len(B[m]) > 1 for a in B[m]]
    keys += [(m, a) for m, _ in off_mixed for a in B[m]]
    keys += [("belief", m, i) for m, _, lines in beliefs for i in range(len(lines[0][1]))]

    def payoff(t, m):
        return payoff_form(gd, B, x, keys, t, m)

    eq, ge, gt = [], [], []
    for m in on + [m for m, _ in off_mixed]:
        if len(B[m]) > 1:
            eq.append((tuple(one if k[0] == m else zero for k in keys), one))
            for a in B[m]:
                gt.append((tuple(one if k == (m, a) else zero for k in keys), zero))
    for m, xm in off_mixed:
        for t in range(gd.n_types):
            c0, k0 = payoff(t, S[t][0])
            row = list(c0)
            for a in B[m]:
                row[keys.index((m, a))] -= at(gd.u[t][m][a], xm)
            ge.append((tuple(simplify(r) for r in row), simplify(-k0)))
    for t in range(gd.n_types):
        c0, k0 = payoff(t, S[t][0])
        for m in on:
            if m == S[t][0]:
                continue
            c1, k1 = payoff(t, m)
            row = tuple(simplify(a - b) for a, b in zip(c0, c1))
            if all(sign(r) == 0 for r in row):
                s = cmp(k0, k1)  # exact also when k0, k1 lie in different fields
                if (m in S[t] and s != 0) or s < 0:
                    return None
                continue
            (eq if m in S[t] else ge).append((row, simplify(k1 - k0)))
    for t, bound in bounds:
        c0, k0 = payoff(t, S[t][0])
        if all(sign(r) == 0 for r in c0):
            if cmp(k0, bound) < 0:
                return None
            continue
        ge.append((tuple(c0), simplify(bound - k0)))
    rows_of = {"eq": eq, "ge": ge, "gt": gt}
    for m, rows, lines in beliefs:
        at_ = [keys.index(("belief", m, i)) for i in range(len(lines[0][1]))]
        for coeffs, rhs, kind in rows:
            row = [zero] * len(keys)
            for i, c in zip(at_, coeffs):
                row[i] = c
            rows_of[kind].append((tuple(row), rhs))
        for t in range(gd.n_types):
            c0, k0 = payoff(t, S[t][0])
            row = list(c0)
            for i, c in zip(at_, lines[t][1]):
                row[i] -= c
            ge.append((tuple(simplify(r) for r in row), simplify(lines[t][0] - k0)))
    return keys, LinearSystem(len(keys), tuple(eq), tuple(ge), tuple(gt))


def receiver_mixing(gd: BeliefGame, S: tuple[tuple[int, ...], ...], B: tuple[tuple[int, ...], ...],
                    x: dict[int, Any], bounds: Sequence[tuple[int, Any]] = (),
                    off_mixed: Sequence[tuple[int, Any]] = (), *,
                    rational: bool = False) -> tuple[dict[tuple[int, int], Any], list, bool] | None:
    """Receiver mixing at on-path messages making each type's supports optimal (and each
    type's payoff at least the given ``(type, bound)`` pairs, and at least its payoff from
    each ``(off-path message, belief)`` answered by a mixture); any number of types.
    With ``rational`` (sympy numbers), when the system's coefficients are irrational (an
    irrational belief in ``off_mixed``) a rational mixing is looked for first
    (:func:`rational_point`), so that the equilibrium payoffs stay rational.

    Returns ``(rho, values, family)`` (``family``: the mixing is not unique) or None.

    Examples
    --------
    >>> from alliance_games.alliance.model import alliance_game
    >>> from alliance_games.solving.belief_payoffs import general_game
    >>> gd = general_game(alliance_game())
    >>> S, B = ((0,), (1,)), ((2,), (2,))
    >>> rho, values, family = receiver_mixing(gd, S, B, {0: 1, 1: 0})
    >>> family
    False
    """
    ctx = gd.ctx
    found = mixing_system(gd, S, B, x, bounds, off_mixed)
    if found is None:
        return None
    keys, system = found
    idx = {k: i for i, k in enumerate(keys)}
    on = sorted(x)
    one, cmp = ctx.one, ctx.cmp
    family = False
    if keys:
        sol = None
        if rational and not all(sp.sympify(v).is_Rational for group in
                                (system.eq, system.ge, system.gt)
                                for a, b in group for v in (*a, b)):
            sol = rational_point(ctx, system)
        if sol is None:
            sol = small_interior_point(ctx, system)
        if sol is None:
            return None
        rho = {k: sol[i] for k, i in idx.items()}
        if len(system.eq) >= len(keys) and system_pinned(ctx, system):
            return rho, _values(gd, S, B, x, rho), False
        for i in range(len(keys)):
            lo, hi = variable_range(ctx.lp, system, i)
            if cmp(hi, lo) != 0:
                family = True
                break  # (one variable that moves makes a family)
    else:
        rho = {}
    for m in on:
        if len(B[m]) == 1:
            rho[(m, B[m][0])] = one
    return rho, _values(gd, S, B, x, rho), family


def _values(gd: BeliefGame, S, B, x, rho) -> list:
    """Each type's equilibrium payoff (sets ``rho`` to 1 on pure on-path answers)."""
    ctx = gd.ctx
    for m in x:
        if len(B[m]) == 1:
            rho[(m, B[m][0])] = ctx.one
    out = []
    for t in range(gd.n_types):
        m = S[t][0]
        acc = ctx.zero
        for a in B[m]:
            acc = acc + rho[(m, a)] * ctx.at(gd.u[t][m][a], x[m])
        out.append(ctx.simplify(acc))
    return out
