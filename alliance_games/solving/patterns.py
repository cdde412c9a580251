"""Support patterns: the equilibrium conditions for given sender and receiver supports.

A *pattern* fixes, for every type ``t``, the set ``S[t]`` of messages it sends with
positive probability and, for every message ``m``, the set ``B[m]`` of actions the
receiver plays with positive probability.  For a game whose payoffs do not depend on
beliefs, the conditions split into two linear systems:

* the sender's mixing ``sigma`` must make every action in ``B[m]`` a best response to the
  Bayes posterior at every on-path ``m`` (linear in ``sigma`` after clearing the
  denominator);
* the receiver's mixing ``rho`` must make every message in ``S[t]`` optimal for type
  ``t`` (linear in ``rho``);

and every off-path ``m`` needs a belief at which all of ``B[m]`` are best responses (a
polytope in the simplex, which is the reported off-path belief set).  Each system is
solved exactly; a system with more than one solution is reported as a family.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, product
from typing import Any

import numpy as np

from .budget import Budget
from .context_protocol import DecisionContext
from .lp import LinearSystem, feasible, interior_point, variable_ranges
from .tables import (
    Tables,
    br_point,
    br_system,
    scaled_table,
    weighted_diffs,
    weighted_int_diffs,
)

Pattern = tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]

#: private switch for tests: False skips the necessary conditions that only save time
#: (the widest payoff ranges per sender profile, the per-message checks of the sender's
#: blocks), to compare the results with and without them
_CUTS = True

#: private switch for tests: False skips the receiver's per-message payoff bounds in the
#: search (:func:`_bounds_feasible`), which cut patterns whose receiver's system fails
_BOUNDS = True

_INT64_SAFE = 2 ** 62  # payoff ranges below this compare as int64 (else Python ints)


@dataclass
class PatternSolution:
    """The solution of one support pattern (values are context numbers)."""

    S: tuple[tuple[int, ...], ...]
    B: tuple[tuple[int, ...], ...]
    sigma: dict  # (t, m) -> prob
    rho: dict  # (m, a) -> prob
    values: list  # equilibrium payoff per type
    posteriors: dict  # on-path m -> list of probs per type
    off_path: dict  # m -> (LinearSystem over all types, point)
    sigma_system: LinearSystem | None
    sigma_vars: list
    rho_system: LinearSystem | None
    rho_vars: list
    sigma_ranges: dict
    rho_ranges: dict

    @property
    def on_path(self) -> list[int]:
        """The on-path messages (sent by some type in ``S``), in increasing order."""
        return sorted({m for s in self.S for m in s})

    @property
    def is_family(self) -> bool:
        """Ranges are only recorded for probabilities that are not pinned."""
        return bool(self.sigma_ranges or self.rho_ranges)


def _dot(ctx, coeffs, const, index, values):
    return sum((c * values[i] for c, i in zip(coeffs, index)), const)


def sender_mixing(ctx: DecisionContext, tb: Tables, S: tuple[tuple[int, ...], ...],
                  B: tuple[tuple[int, ...], ...]
                  ) -> tuple[list[tuple[int, int]], LinearSystem, list[Any]] | None:
    """The sender's side of a pattern: ``(variables, system, point)`` or None.

    ``variables`` are the ``(type, message)`` pairs of the types that mix, ``system`` the
    linear conditions on their probabilities (each of ``B[m]`` a best response to the
    posterior at every on-path ``m``) and ``point`` a solution with every probability
    positive.  Only the supports of on-path messages matter.

    Examples
    --------
    Beer-quiche at prior 1/2 (type 0 weak, 1 strong; message 0 beer, 1 quiche; action 0
    duel), the weak type drinking beer and the strong one mixing: a duel after beer and
    none after quiche are best responses to the posteriors of every such mixture (one
    point is shown); no duel after either is not (after beer it needs ``mu(weak) <=
    1/2``, which only the strong type drinking beer for sure gives).

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.context import NUMERIC
    >>> tb = Tables.from_game(beer_quiche("1/2"), NUMERIC)
    >>> variables, system, point = sender_mixing(NUMERIC, tb, ((0,), (0, 1)), ((0,), (1,)))
    >>> variables, point
    ([(1, 0), (1, 1)], [Fraction(1, 2), Fraction(1, 2)])
    >>> sender_mixing(NUMERIC, tb, ((0,), (0, 1)), ((1,), (1,))) is None
    True
    """
    n_t = tb.n_types
    on = sorted({m for s in S for m in s})
    key = ("sender mixing", tuple(S), tuple(B[m] for m in on))
    if not ctx.symbolic and key in tb.cache:
        return tb.cache[key]  # patterns that differ only off the path share it
    s_vars = [(t, m) for t in range(n_t) if len(S[t]) > 1 for m in S[t]]
    system = _sender_mixing(ctx, tb, S, B, on, s_vars)
    out = None
    if system is not None:
        x = interior_point(ctx, system) if s_vars else []
        if x is not None:
            out = s_vars, system, x
    if not ctx.symbolic:
        tb.cache[key] = out
    return out


def _sender_mixing(ctx, tb, S, B, on, s_vars, feasibility: bool = False
                   ) -> LinearSystem | None:
    """The sender's conditions for the messages ``on`` and the mixing probabilities
    ``s_vars`` (all of them, or those of one connected block); None when a condition
    without variables fails.  With ``feasibility`` (numeric) the system only serves a
    feasibility test and is smaller and cheaper, with the same solutions: the rows that
    the others imply are left out (``a >= a2`` for an action ``a`` of ``B[m]`` other
    than the first, which equals the first) and the coefficients are integers (the
    weighted payoff differences times their common denominator)."""
    n_t = tb.n_types
    s_idx = {k: i for i, k in enumerate(s_vars)}
    mixing = sorted({t for t, _ in s_vars})
    one, zero = (1, 0) if feasibility else (ctx.one, ctx.zero)
    eq, ge, gt = [], [], []
    for t in mixing:
        eq.append((tuple(one if k[0] == t else zero for k in s_vars), one))
        for m in S[t]:
            gt.append((tuple(one if k == (t, m) else zero for k in s_vars), zero))
    diff = None
    if feasibility:
        diff = weighted_int_diffs(tb)
    elif not ctx.symbolic:
        diff = weighted_diffs(tb)
    for m in on:
        senders = [t for t in range(n_t) if m in S[t]]
        for i, a in enumerate(B[m]):
            for a2 in range(tb.n_actions[m]):
                if a2 == a or (a2 in B[m] and B[m].index(a2) < i):
                    continue
                if i and feasibility and a2 not in B[m]:
                    continue
                coeffs = [zero] * len(s_vars)
                const = zero
                for t in senders:
                    d = tb.prior[t] * (tb.v[t][m][a] - tb.v[t][m][a2]) if diff is None \
                        else diff[t][m][a][a2]
                    if (t, m) in s_idx:
                        if diff is None:
                            coeffs[s_idx[(t, m)]] += d
                        else:  # numeric: each sender has its own variable (0 + d is d)
                            coeffs[s_idx[(t, m)]] = d
                    elif diff is not None and not const:
                        const = d  # (numeric: the same value as 0 + d, without the sum)
                    else:
                        const += d
                if diff is None:
                    coeffs = [ctx.simplify(c) for c in coeffs]
                    const = ctx.simplify(const)
                constant = not any(coeffs) if diff is not None else \
                    all(ctx.sign(c) == 0 for c in coeffs)
                if constant:
                    s = ctx.sign(const)
                    if (a2 in B[m] and s != 0) or s < 0:
                        return None
                    continue
                (eq if a2 in B[m] else ge).append((tuple(coeffs), -const))
    return LinearSystem(len(s_vars), tuple(eq), tuple(ge), tuple(gt))


def _mixing_blocks(S) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The connected blocks ``(mixing types, their messages)`` of a sender support
    profile: types that mix are linked through the messages they share."""
    blocks: list[tuple[set, set]] = []
    for t, s in enumerate(S):
        if len(s) < 2:
            continue
        types, msgs = {t}, set(s)
        for other in [b for b in blocks if b[1] & msgs]:
            blocks.remove(other)
            types |= other[0]
            msgs |= other[1]
        blocks.append((types, msgs))
    return sorted((tuple(sorted(a)), tuple(sorted(b))) for a, b in blocks)


def _one_type_can_mix(tb: Tables, S, B, t: int) -> bool:
    """Exactly :func:`_sender_mixing` for a block with a single mixing type ``t``: each
    of its messages confines ``sigma[t, m]`` to an interval (one variable per message),
    and the probabilities must sum to one with every one positive."""
    n_t = tb.n_types
    lo_sum, lo_closed, hi_sum = Fraction(0), True, Fraction(0)
    for m in S[t]:
        others = [t2 for t2 in range(n_t) if t2 != t and S[t2] == (m,)]
        lo, lo_in, hi = Fraction(0), False, None  # lo is open at 0, hi always closed
        for i, a in enumerate(B[m]):
            for a2 in range(tb.n_actions[m]):
                if a2 == a or (a2 in B[m] and B[m].index(a2) < i):
                    continue
                c = tb.prior[t] * (tb.v[t][m][a] - tb.v[t][m][a2])
                k = sum((tb.prior[o] * (tb.v[o][m][a] - tb.v[o][m][a2]) for o in others),
                        Fraction(0))
                if c == 0:
                    if (a2 in B[m] and k != 0) or k < 0:
                        return False
                    continue
                x = -k / c  # the row is c * sigma + k (= 0 or >= 0)
                if a2 in B[m] or c > 0:  # sigma >= x (or == x)
                    if x > lo:
                        lo, lo_in = x, True
                if a2 in B[m] or c < 0:  # sigma <= x (or == x)
                    if hi is None or x < hi:
                        hi = x
        if hi is not None and (hi < lo or (hi == lo and not lo_in)):
            return False
        lo_sum += lo
        lo_closed = lo_closed and lo_in
        if hi is None:
            hi_sum = None
        elif hi_sum is not None:
            hi_sum += hi
    if lo_sum > 1 or (lo_sum == 1 and not lo_closed):
        return False
    return hi_sum is None or hi_sum >= 1


def _pair_feasible(ctx, tb: Tables, m1: int, B1, m2: int, B2, rel, cache: dict) -> bool:
    """Whether the receiver can mix over ``B1`` after ``m1`` and ``B2`` after ``m2`` so
    that every type's payoffs after the two messages compare as ``rel`` says (per type:
    3 equal, 1 the first at least the second, 2 the reverse, 0 free).  A necessary
    condition for the receiver's side of a pattern (all messages at once)."""
    key = (m1, B1, m2, B2, rel)
    hit = cache.get(key)
    if hit is not None:
        return hit
    n1, n2 = len(B1), len(B2)
    n = n1 + n2
    zero, one = 0, 1  # integer rows: the payoffs times their common denominator
    U = scaled_table(tb, "u")
    eq = [(tuple([one] * n1 + [zero] * n2), one), (tuple([zero] * n1 + [one] * n2), one)]
    ge = []
    for t, r in enumerate(rel):
        if not r:
            continue
        row = tuple([U[t][m1][a] for a in B1] + [-U[t][m2][a] for a in B2])
        if r == 3:
            eq.append((row, zero))
        elif r == 1:
            ge.append((row, zero))
        else:
            ge.append((tuple(-x for x in row), zero))
    gt = tuple((tuple(one if j == i else zero for j in range(n)), zero) for i in range(n))
    ok = feasible(ctx, LinearSystem(n, tuple(eq), tuple(ge), gt))
    cache[key] = ok
    return ok


def _bounds_feasible(ctx, U, m: int, B, bounds, cache: dict) -> bool:
    """Whether the receiver can mix over ``B`` after ``m`` (every action with positive
    probability) so that every type's payoff there (``U``, the integer payoff table)
    lies within its ``bounds``: per type ``(lower, upper)`` (None: no bound), closed.
    A necessary condition for the receiver's side of a pattern (see
    :func:`_message_bounds_of`); cached per ``(m, B, bounds)``."""
    key = (m, B, bounds)
    hit = cache.get(key)
    if hit is not None:
        return hit
    k = len(B)
    zero, one = 0, 1
    ge = []
    for t, (lower, upper) in enumerate(bounds):
        row = tuple(U[t][m][a] for a in B)
        if lower is not None:
            ge.append((row, lower))
        if upper is not None:
            ge.append((tuple(-x for x in row), -upper))
    gt = tuple((tuple(one if j == i else zero for j in range(k)), zero) for i in range(k))
    ok = feasible(ctx, LinearSystem(k, ((tuple([one] * k), one),), tuple(ge), gt))
    cache[key] = ok
    return ok


def _message_bounds_of(S, chosen, ranges, m: int, skip) -> tuple | None:
    """Per type, the closed bounds ``(lower, upper)`` that the receiver's supports
    ``chosen`` (None: not chosen yet) at the other messages put on the type's payoff
    after ``m`` (the payoff after a message lies in the range of the type's payoffs over
    the support there, ``ranges[m2][B2][t]``): a type sending ``m`` gets the same
    payoff from each message it sends and at least as much as from any other; a type
    not sending ``m`` gets at most what it gets from its own messages.  ``skip``: the
    type's payoff range after ``m`` itself, ``[(lo, hi)]``; a bound that every payoff
    in it meets is dropped.  None when no bound is left."""
    raw = []
    for t in range(len(S)):
        sends = m in S[t]
        lower = upper = None
        for m2, B2 in enumerate(chosen):
            if m2 == m or B2 is None:
                continue
            lo, hi = ranges[m2][B2][t]
            if m2 in S[t]:
                if sends and (lower is None or lo > lower):
                    lower = lo
                if upper is None or hi < upper:
                    upper = hi
            elif sends and (lower is None or lo > lower):
                lower = lo
        raw.append((lower, upper))
    return _trimmed(raw, skip)


def _trimmed(raw: list, skip) -> tuple | None:
    """The bounds ``raw`` (per type ``(lower, upper)``, None: no bound) without those
    that every payoff in the type's range ``skip[t]`` meets; None when none is left."""
    out = []
    any_bound = False
    for (lower, upper), (lo, hi) in zip(raw, skip):
        if lower is not None and lower <= lo:
            lower = None
        if upper is not None and upper >= hi:
            upper = None
        if lower is not None or upper is not None:
            any_bound = True
        out.append((lower, upper))
    return tuple(out) if any_bound else None


def _blocks_feasible(ctx, tb: Tables, S, B, cache: dict) -> bool:
    """Whether every block of mixing types can mix as the on-path supports ``B`` need
    (a necessary condition: the blocks' conditions are independent, so this holds
    exactly when :func:`sender_mixing` has a solution)."""
    n_t = len(S)
    for types, msgs in _mixing_blocks(S):
        # what the block's conditions depend on: its types' supports, the supports of
        # its messages, and the single-message types that also send them
        key = (tuple(S[t] for t in types), types,
               tuple((m, B[m], tuple(t for t in range(n_t) if S[t] == (m,))) for m in msgs))
        ok = cache.get(key)
        if ok is None:
            if len(types) == 1:
                ok = _one_type_can_mix(tb, S, B, types[0])
            else:
                ok = not _CUTS or _messages_can_mix(ctx, tb, S, B, types, msgs, cache)
                if ok:
                    system = _sender_mixing(ctx, tb, S, B, msgs,
                                            [(t, m) for t in types for m in S[t]],
                                            feasibility=True)
                    ok = system is not None and feasible(ctx, system)
            cache[key] = ok
        if not ok:
            return False
    return True


def _messages_can_mix(ctx, tb: Tables, S, B, types, msgs, cache: dict) -> bool:
    """A necessary condition for a block of mixing ``types`` over ``msgs`` (numeric):
    the conditions at each message alone hold for some ``0 < sigma[t, m] <= 1``, and
    the ranges they leave each ``sigma[t, m]`` let every type's probabilities sum to
    one."""
    low = dict.fromkeys(types, 0)
    high = dict.fromkeys(types, 0)
    for m in msgs:
        found = _message_bounds(ctx, tb, S, B, m, cache)
        if found is None:
            return False
        for t, (lo, hi) in found:
            low[t] += lo
            high[t] += hi
    return all(low[t] <= 1 <= high[t] for t in types)


def _message_bounds(ctx, tb: Tables, S, B, m: int, cache: dict):
    """The conditions at message ``m`` alone (numeric) on the probabilities
    ``0 < sigma[t, m] <= 1`` of the mixing types that send it (the single-message types
    that send it add constants): None when they cannot hold, else ``[(t, (lo, hi))]``,
    each probability's range over the closure.  Cached per (message, support, mixing
    senders, single-message senders)."""
    n_t = len(S)
    mixing = tuple(t for t in range(n_t) if m in S[t] and len(S[t]) > 1)
    pure = tuple(t for t in range(n_t) if S[t] == (m,))
    key = ("message", m, B[m], mixing, pure)
    if key in cache:
        return cache[key]
    diff = weighted_diffs(tb)
    k = len(mixing)
    zero, one = ctx.zero, ctx.one
    eq, ge = [], []
    out = None
    ok = True
    for i, a in enumerate(B[m]):
        for a2 in range(tb.n_actions[m]):
            if a2 == a or (a2 in B[m] and B[m].index(a2) < i):
                continue
            coeffs = tuple(diff[t][m][a][a2] for t in mixing)
            const = sum((diff[t][m][a][a2] for t in pure), zero)
            if not any(coeffs):
                if (a2 in B[m] and const) or const < 0:
                    ok = False
                continue
            (eq if a2 in B[m] else ge).append((coeffs, -const))
    if ok:
        unit = [tuple(one if j == i else zero for j in range(k)) for i in range(k)]
        ge += [(tuple(-x for x in e), -one) for e in unit]  # sigma <= 1
        system = LinearSystem(k, tuple(eq), tuple(ge), tuple((e, zero) for e in unit))
        if feasible(ctx, system):
            out = list(zip(mixing, variable_ranges(ctx, system, range(k))))
    cache[key] = out
    return out


def solve_pattern(ctx: DecisionContext, tb: Tables, S: tuple[tuple[int, ...], ...],
                  B: tuple[tuple[int, ...], ...], *,
                  families: bool = True) -> PatternSolution | None:
    """Solve the equilibrium conditions of one support pattern, or return None.

    Parameters
    ----------
    ctx
        Decision context (numeric or symbolic).
    tb
        The game's tables.
    S, B
        Sender supports per type and receiver supports per message (index tuples).
    families
        Whether to compute the exact range of every mixing probability (to tell a
        single equilibrium from a continuum).

    Examples
    --------
    Beer-quiche at prior 1/2 (message 0 beer, 1 quiche; action 0 duel): both types send
    quiche, the receiver duels after beer and mixes after quiche.  The solution duels
    after quiche with probability 1/2, one member of a family whose duel probabilities
    fill ``[0, 1/2]``.  The weak type alone drinking beer, always met with a duel, has
    no solution.

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.context import NUMERIC
    >>> tb = Tables.from_game(beer_quiche("1/2"), NUMERIC)
    >>> sol = solve_pattern(NUMERIC, tb, ((1,), (1,)), ((0,), (0, 1)))
    >>> sol.rho[(1, 0)], sol.rho_ranges[(1, 0)]
    (Fraction(1, 2), (Fraction(0, 1), Fraction(1, 2)))
    >>> solve_pattern(NUMERIC, tb, ((0,), (1,)), ((0,), (0,))) is None
    True
    """
    n_t, n_m = tb.n_types, tb.n_messages
    on = sorted({m for s in S for m in s})
    senders = {m: [t for t in range(n_t) if m in S[t]] for m in on}

    # ---------------------------------------------------------------- sigma
    # (numeric: after the receiver's side, where most patterns fail; a symbolic context
    # keeps the order in which it asks its sign questions)
    found = sender_mixing(ctx, tb, S, B) if ctx.symbolic else ()
    if found is None:
        return None

    # ---------------------------------------------------------------- rho
    r_vars = [(m, a) for m in range(n_m) if len(B[m]) > 1 for a in B[m]]
    r_idx = {key: i for i, key in enumerate(r_vars)}

    def payoff(t, m):
        """Type t's payoff from message m as (coeffs over r_vars, constant)."""
        coeffs = [ctx.zero] * len(r_vars)
        if len(B[m]) == 1:
            return coeffs, tb.u[t][m][B[m][0]]
        for a in B[m]:
            coeffs[r_idx[(m, a)]] = tb.u[t][m][a]
        return coeffs, ctx.zero

    eq, ge, gt = [], [], []
    for m in range(n_m):
        if len(B[m]) > 1:
            eq.append((tuple(ctx.one if k[0] == m else ctx.zero for k in r_vars), ctx.one))
            for a in B[m]:
                gt.append((tuple(ctx.one if k == (m, a) else ctx.zero for k in r_vars),
                           ctx.zero))
    neg_u = None if ctx.symbolic else _negated_u(tb)
    for t in range(n_t):
        c0, k0 = payoff(t, S[t][0])
        for m in range(n_m):
            if m == S[t][0]:
                continue
            if ctx.symbolic:
                c1, k1 = payoff(t, m)
                coeffs = [ctx.simplify(x - y) for x, y in zip(c0, c1)]
                const = ctx.simplify(k0 - k1)
            else:  # the two messages' probabilities are different variables
                coeffs = list(c0)
                if len(B[m]) > 1:
                    row = neg_u[t][m]
                    for a in B[m]:
                        coeffs[r_idx[(m, a)]] = row[a]
                    const = k0  # (k0 - 0)
                else:
                    const = k0 - tb.u[t][m][B[m][0]]
            constant = all(ctx.sign(c) == 0 for c in coeffs) if ctx.symbolic else \
                not any(coeffs)
            if constant:
                s = ctx.sign(const)
                if (m in S[t] and s != 0) or s < 0:
                    return None
                continue
            (eq if m in S[t] else ge).append((tuple(coeffs), -const))
    rho_system = LinearSystem(len(r_vars), tuple(eq), tuple(ge), tuple(gt))
    if r_vars:
        # most patterns that reach this point fail here: ask the smaller LP first
        if ctx.symbolic:
            ok = feasible(ctx, rho_system)
        else:
            ok = len(_parts(rho_system)) == 1 or _feasible(ctx, tb, rho_system)
        y = interior_point(ctx, rho_system) if ok else None
        if y is None:
            return None
        rho = {key: y[i] for key, i in r_idx.items()}
    else:
        rho = {}
    for m in range(n_m):
        if len(B[m]) == 1:
            rho[(m, B[m][0])] = ctx.one

    if not ctx.symbolic:
        found = sender_mixing(ctx, tb, S, B)
        if found is None:
            return None
    s_vars, sigma_system, x = found
    sigma = {key: x[i] for i, key in enumerate(s_vars)}
    for t in range(n_t):
        if len(S[t]) == 1:
            sigma[(t, S[t][0])] = ctx.one

    # ---------------------------------------------------------------- off-path beliefs
    off_path = {}
    all_types = tuple(range(n_t))
    for m in range(n_m):
        if m in senders:
            continue
        point = br_point(ctx, tb, m, B[m], all_types)
        if point is None:
            return None
        off_path[m] = (br_system(ctx, tb, m, B[m], all_types), point)

    # ---------------------------------------------------------------- values, posteriors
    values = []
    for t in range(n_t):
        m = S[t][0]
        values.append(ctx.simplify(sum((rho[(m, a)] * tb.u[t][m][a] for a in B[m]), ctx.zero)))
    posteriors = {}
    for m in on:
        w = [tb.prior[t] * sigma.get((t, m), ctx.zero) for t in range(n_t)]
        total = sum(w, ctx.zero)
        posteriors[m] = [ctx.simplify(x / total) for x in w]

    sigma_ranges, rho_ranges = {}, {}
    if families:
        for keys, system, out in ((s_vars, sigma_system, sigma_ranges),
                                  (r_vars, rho_system, rho_ranges)):
            for i, key in enumerate(keys):
                lo, hi = _ranges(ctx, tb, system)[i] if not ctx.symbolic else \
                    variable_ranges(ctx, system, [i])[0]
                if ctx.sign(ctx.simplify(hi - lo)) != 0:
                    out[key] = (lo, hi)
    return PatternSolution(tuple(S), tuple(B), sigma, rho, values, posteriors, off_path,
                           sigma_system, s_vars, rho_system, r_vars, sigma_ranges, rho_ranges)


def _negated_u(tb: Tables) -> list:
    """``-u[t][m][a]`` for every entry of the sender's payoff table (numeric), once per
    game: the receiver's conditions use them for every pattern."""
    hit = tb.cache.get("negated u")
    if hit is None:
        hit = tb.cache["negated u"] = [[[-x for x in row] for row in rows] for rows in tb.u]
    return hit


def _ranges(ctx, tb: Tables, system: LinearSystem) -> list:
    """The range of every variable of a feasible ``system`` (numeric), cached per
    system and per independent part (:func:`_parts`): patterns that differ elsewhere
    share their sender's or receiver's system, or parts of it."""
    key = ("ranges", system)
    hit = tb.cache.get(key)
    if hit is None:
        hit = [None] * system.n
        for variables, part in _parts(system):
            part_key = ("ranges", part)
            found = tb.cache.get(part_key)
            if found is None:
                found = tb.cache[part_key] = variable_ranges(ctx, part, range(part.n))
            for j, r in zip(variables, found):
                hit[j] = r
        tb.cache[key] = hit
    return hit


def _feasible(ctx, tb: Tables, system: LinearSystem) -> bool:
    """:func:`~alliance_games.solving.lp.feasible` (numeric), decided part by
    independent part (:func:`_parts`), each part once per game."""
    for _, part in _parts(system):
        key = ("feasible", part)
        ok = tb.cache.get(key)
        if ok is None:
            ok = tb.cache[key] = feasible(ctx, part)
        if not ok:
            return False
    return True


def _parts(system: LinearSystem) -> list[tuple[list[int], LinearSystem]]:
    """``system`` split into independent parts, ``(variables, system over them)``: two
    variables are in the same part when a row links them.  The solutions are the
    products of the parts' solutions (one part, the system itself, when a row has no
    variable).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> s = LinearSystem(3, eq=(((F(1), F(0), F(1)), F(1)),), ge=(((F(0), F(2), F(0)), F(1)),))
    >>> [(v, p.n, p.eq, p.ge) for v, p in _parts(s)]
    [([0, 2], 2, (((Fraction(1, 1), Fraction(1, 1)), Fraction(1, 1)),), ()), \
([1], 1, (), (((Fraction(2, 1),), Fraction(1, 1)),))]
    """
    hit = system.__dict__.get("_parts")
    if hit is None:
        hit = _split(system)
        object.__setattr__(system, "_parts", hit)  # (as LinearSystem caches its hash)
    return hit


def _split(system: LinearSystem) -> list[tuple[list[int], LinearSystem]]:
    """:func:`_parts`, computed."""
    n = system.n
    root = list(range(n))

    def find(j: int) -> int:
        while root[j] != j:
            root[j] = root[root[j]]
            j = root[j]
        return j

    for rows in (system.eq, system.ge, system.gt):
        for a, _ in rows:
            nz = [j for j, x in enumerate(a) if x]
            if not nz:
                return [(list(range(n)), system)]
            first = find(nz[0])
            for j in nz[1:]:
                root[find(j)] = first
    groups: dict = {}
    for j in range(n):
        groups.setdefault(find(j), []).append(j)
    if len(groups) == 1:
        return [(list(range(n)), system)]
    of = {r: k for k, r in enumerate(groups)}
    split: list = [([], [], []) for _ in groups]
    for kind, rows in enumerate((system.eq, system.ge, system.gt)):
        for a, b in rows:
            j = next(j for j, x in enumerate(a) if x)
            cols = groups[find(j)]
            split[of[find(j)]][kind].append((tuple(a[i] for i in cols), b))
    return [(cols, LinearSystem(len(cols), tuple(eq), tuple(ge), tuple(gt)))
            for cols, (eq, ge, gt) in zip(groups.values(), split)]


# -------------------------------------------------------------------- enumeration
def nonempty_subsets(n: int, max_size: int | None = None) -> list[tuple[int, ...]]:
    """Nonempty subsets of ``range(n)`` as sorted tuples, smallest first.

    Examples
    --------
    >>> nonempty_subsets(3)
    [(0,), (1,), (2,), (0, 1), (0, 2), (1, 2), (0, 1, 2)]
    >>> nonempty_subsets(3, max_size=1)
    [(0,), (1,), (2,)]
    """
    top = n if max_size is None else min(n, max_size)
    return [c for k in range(1, top + 1) for c in combinations(range(n), k)]


def all_patterns(tb: Tables, pure: bool) -> Iterator[Pattern]:
    """Every support pattern (no pruning): used by the parametric solver.

    Examples
    --------
    Beer-quiche has two types and two messages with two actions each: ``2 ** 2`` pure
    sender profiles times ``2 ** 2`` pure receiver profiles, and ``3 ** 2`` times
    ``3 ** 2`` patterns with mixing (three nonempty supports per type and per message).

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.context import NUMERIC
    >>> tb = Tables.from_game(beer_quiche(), NUMERIC)
    >>> next(all_patterns(tb, True)), len(list(all_patterns(tb, True)))
    ((((0,), (0,)), ((0,), (0,))), 16)
    >>> len(list(all_patterns(tb, False)))
    81
    """
    msg_sets = nonempty_subsets(tb.n_messages, 1 if pure else None)
    act_sets = [nonempty_subsets(k, 1 if pure else None) for k in tb.n_actions]
    for S in product(msg_sets, repeat=tb.n_types):
        for B in product(*act_sets):
            yield S, B


def _belief_part(S, m: int, support, positive: tuple[bool, ...]) -> tuple:
    senders = tuple(t for t in range(len(S)) if m in S[t])
    if senders:
        return "belief", m, support, senders, all(positive[t] for t in senders)
    return "belief", m, support, tuple(range(len(S))), False


def part_holds(ctx: DecisionContext, tb: Tables, part: tuple) -> bool:
    """Whether a necessary condition of patterns (a part, see :func:`viable_patterns`)
    holds (in ``ctx``: on its branch of the parameters).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> tb = Tables(1, (1, 1), [F(1)], [[[F(0)], [F(1)]]], [[[F(0)], [F(0)]]])
    >>> part_holds(NUMERIC, tb, ("payoffs", 0, (0,), ((0,), (0,))))  # 1 > 0 elsewhere
    False
    """
    if part[0] == "belief":
        _, m, support, types, strict = part
        return br_point(ctx, tb, m, support, types, strict_types=strict) is not None
    _, t, sent, B = part
    u = tb.u[t]
    for m2 in sent:
        for m1 in range(tb.n_messages):
            if m1 != m2 and not any(ctx.sign(ctx.simplify(u[m2][a2] - u[m1][a1])) >= 0
                                    for a1 in B[m1] for a2 in B[m2]):
                return False
    return True


def viable_patterns(tb: Tables, pure: bool, positive: tuple[bool, ...],
                    holds: Callable[[tuple], bool]) -> Iterator[Pattern]:
    """The patterns of :func:`all_patterns` (in its order) whose necessary conditions
    all pass ``holds(part)``.  Each condition is on a part of the pattern that many
    patterns share, and is asked once (:func:`part_holds` tells whether it holds in a
    context); a pattern can have a solution at a point of the parameters only if
    every one of its parts holds there:

    * ``("belief", m, B[m], types, strict)`` for every message: the receiver's support
      ``B[m]`` is a best response to a belief on the types that send ``m`` (on-path:
      their posterior; each type with positive weight, ``strict``, when all of their
      prior probabilities are positive numbers, ``positive[t]``), or on all types
      (off-path: exactly the check of :func:`solve_pattern`);
    * ``("payoffs", t, S[t], B)`` for every type: its payoff after each message lies in
      the range of its payoffs over ``B[m]``, so its least payoff after any message
      is at most its greatest payoff after every message it sends.

    The belief parts are asked per sender profile and message, the payoff parts for the
    patterns that pass them.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> tb = Tables(1, (1, 1), [F(1)], [[[F(0)], [F(1)]]], [[[F(0)], [F(0)]]])
    >>> list(viable_patterns(tb, False, (True,), lambda part: part_holds(NUMERIC, tb, part)))
    [(((1,),), ((0,), (0,)))]
    """
    n_t, n_m = tb.n_types, tb.n_messages
    msg_sets = nonempty_subsets(n_m, 1 if pure else None)
    act_sets = [nonempty_subsets(k, 1 if pure else None) for k in tb.n_actions]
    known: dict = {}

    def ok(part) -> bool:
        hit = known.get(part)
        if hit is None:
            hit = known[part] = bool(holds(part))
        return hit

    for S in product(msg_sets, repeat=n_t):
        allowed = [[Bm for Bm in act_sets[m] if ok(_belief_part(S, m, Bm, positive))]
                   for m in range(n_m)]
        for B in product(*allowed):
            if all(ok(("payoffs", t, S[t], B)) for t in range(n_t)):
                yield S, B


def pruned_patterns(ctx: DecisionContext, tb: Tables, pure: bool, budget: Budget | None = None
                    ) -> Iterator[Pattern]:
    """Support patterns that pass cheap exact necessary conditions (numeric games).

    For every profile of sender supports, the receiver's supports are searched message
    by message (most constrained message first) and a branch is cut as soon as some type
    can no longer be indifferent among its messages and weakly prefer them to the others:
    each type's payoff after a message lies in the range of its payoffs over the
    receiver's support there, and these ranges are precomputed as integers.  Before
    any search, all profiles are screened at once with the widest ranges each message's
    possible supports allow (:func:`_screened_profiles`).  Once the on-path supports are
    chosen, each block of mixing types is checked (per message first, with the ranges
    each message leaves its probabilities, then jointly).  The surviving patterns come
    in the order of :func:`all_patterns`.  ``budget`` is told about every profile of
    sender supports done (and checks the time limit).

    Examples
    --------
    Beer-quiche at prior 1/2 (message 0 beer, 1 quiche; action 0 duel): of the 16 pure
    patterns, the two pools (beer met with no duel and quiche with a duel, and the
    reverse) pass; with mixing, 8 patterns of 81 pass.

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.context import NUMERIC
    >>> tb = Tables.from_game(beer_quiche("1/2"), NUMERIC)
    >>> list(pruned_patterns(NUMERIC, tb, pure=True))
    [(((0,), (0,)), ((1,), (0,))), (((1,), (1,)), ((0,), (1,)))]
    >>> len(list(pruned_patterns(NUMERIC, tb, pure=False)))
    8
    """
    n_t, n_m = tb.n_types, tb.n_messages
    all_types = tuple(range(n_t))
    msg_sets = nonempty_subsets(n_m, 1 if pure else None)
    max_b = 1 if pure else None
    act_sets = [nonempty_subsets(tb.n_actions[m], max_b) for m in range(n_m)]
    act_rank = [{B: i for i, B in enumerate(sets)} for sets in act_sets]
    U = scaled_table(tb, "u")
    # (lowest, highest) payoff of every type over every receiver support: integers
    ranges = [{B: tuple((min(U[t][m][a] for a in B), max(U[t][m][a] for a in B))
                        for t in range(n_t)) for B in act_sets[m]} for m in range(n_m)]
    cand_cache: dict = {}
    block_cache: dict = {}
    pair_cache: dict = {}
    bounds_cache: dict = {}

    def candidates(m: int, mask: int, fixed: bool) -> tuple:
        """The supports possible after ``m`` when the types in the bitmask ``mask`` send
        it, and per type the least low end and greatest high end of its payoff ranges
        over them (None when there is no support)."""
        key = (m, mask, fixed)
        hit = cand_cache.get(key)
        if hit is None:
            types = tuple(t for t in range(n_t) if mask >> t & 1)
            if not types:
                found = [B for B in act_sets[m]
                         if br_point(ctx, tb, m, B, all_types) is not None]
            elif fixed:
                # fixed posterior: supports are subsets of its best-response set
                found = [B for B in act_sets[m] if _supports_fixed(ctx, tb, m, B, types)]
            else:
                found = [B for B in act_sets[m]
                         if br_point(ctx, tb, m, B, types, strict_types=True) is not None]
            span = [(min(ranges[m][B][t][0] for B in found),
                     max(ranges[m][B][t][1] for B in found)) for t in range(n_t)] \
                if found else None
            hit = cand_cache[key] = (found, span)
        return hit

    def sender_ok(S, B):
        return _blocks_feasible(ctx, tb, S, B, block_cache)

    def pair_ok(m1, B1, m2, B2, rel):
        return _pair_feasible(ctx, tb, m1, B1, m2, B2, rel, pair_cache)

    def bounds_ok(m, B, bounds):
        return bounds is None or _bounds_feasible(ctx, U, m, B, bounds, bounds_cache)

    total = len(msg_sets) ** n_t
    if budget is not None:
        budget.start(total, "sender support profiles")
    # the widest payoff ranges any support allows (a necessary condition of the search
    # below) screen all profiles at once; without the cuts every profile is searched
    todo = _screened_profiles(n_t, n_m, msg_sets, candidates) if _CUTS else range(total)
    done = 0
    for flat in todo:
        S = tuple(msg_sets[(flat // len(msg_sets) ** (n_t - 1 - t)) % len(msg_sets)]
                  for t in range(n_t))
        masks = [0] * n_m  # per message: the types that send it, as a bitmask
        multi = 0  # the types that mix
        for t, s in enumerate(S):
            for m in s:
                masks[m] |= 1 << t
            if len(s) > 1:
                multi |= 1 << t
        per_message = []
        for m in range(n_m):
            found = candidates(m, masks[m], not masks[m] & multi)[0]
            if not found:
                break
            per_message.append(found)
        else:
            yield from _receiver_supports(S, per_message, ranges, act_rank, sender_ok,
                                          pair_ok, bounds_ok if _BOUNDS else None)
        if budget is not None:
            budget.advance(flat + 1 - done)
        done = flat + 1
    if budget is not None and total > done:
        budget.advance(total - done)


def _screened_profiles(n_t: int, n_m: int, msg_sets, candidates, chunk: int = 1 << 15):
    """The indices (in the order of ``product(msg_sets, repeat=n_t)``) of the sender
    support profiles where every message has a possible receiver support and every
    type's payoff can lie in the ranges that its messages' supports allow, highest low
    end of any message (sent or not) at most the lowest high end of a message it sends.
    Integer comparisons, vectorised over the profiles in chunks."""
    k = len(msg_sets)
    member = np.array([[m in s for m in range(n_m)] for s in msg_sets], dtype=np.int64)
    mixes = np.array([len(s) > 1 for s in msg_sets], dtype=np.int64)
    n_codes = 2 ** (n_t + 1)  # (bitmask of senders, fixed posterior or not)
    known = np.zeros((n_m, n_codes), dtype=bool)
    has = np.zeros((n_m, n_codes), dtype=bool)
    lo_tab = [[None] * n_codes for _ in range(n_m)]
    hi_tab = [[None] * n_codes for _ in range(n_m)]
    big = False
    total = k ** n_t
    for start in range(0, total, chunk):
        flat = np.arange(start, min(start + chunk, total), dtype=np.int64)
        idx = [(flat // k ** (n_t - 1 - t)) % k for t in range(n_t)]
        multi = sum(mixes[idx[t]] << t for t in range(n_t))
        ok = np.ones(len(flat), dtype=bool)
        codes = []
        for m in range(n_m):
            mask = sum(member[idx[t], m] << t for t in range(n_t))
            code = 2 * mask + ((mask & multi) == 0)
            for c in np.unique(code[~known[m, code]]).tolist():
                found, span = candidates(m, c >> 1, bool(c & 1))
                known[m, c] = True
                has[m, c] = bool(found)
                if found:
                    lo_tab[m][c] = [lo for lo, _ in span]
                    hi_tab[m][c] = [hi for _, hi in span]
                    big = big or any(abs(x) >= _INT64_SAFE
                                     for x in lo_tab[m][c] + hi_tab[m][c])
            ok &= has[m, code]
            codes.append((mask, code))
        dtype = object if big else np.int64
        for t in range(n_t):
            top_lo = None  # the highest low end over all messages
            least_hi = None  # the lowest high end over the messages t sends
            for m, (mask, code) in enumerate(codes):
                lo = np.array([0 if x is None else x[t] for x in lo_tab[m]], dtype=dtype)[code]
                hi = np.array([0 if x is None else x[t] for x in hi_tab[m]], dtype=dtype)[code]
                top_lo = lo if top_lo is None else np.maximum(top_lo, lo)
                sends = (mask >> t & 1).astype(bool)
                hi = np.where(sends, hi, math.inf if big else np.iinfo(np.int64).max)
                least_hi = hi if least_hi is None else np.minimum(least_hi, hi)
            ok &= top_lo <= least_hi
        yield from flat[ok].tolist()


def _receiver_supports(S, per_message, ranges, act_rank, sender_ok, pair_ok,
                       bounds_ok=None):
    """Receiver supports (one per message, from ``per_message``) that leave every type
    an interval of payoffs that can make it indifferent among its messages and no worse
    off than elsewhere, for which ``sender_ok(S, B)`` (asked once the on-path supports
    are chosen) holds, for which every two messages where the receiver mixes pass
    ``pair_ok``, and (unless ``bounds_ok`` is None) every message ``m`` where the
    receiver mixes passes ``bounds_ok(m, B[m], bounds)`` for the bounds of
    :func:`_message_bounds_of` (asked when it is chosen, with the supports chosen
    before it, and again with all of them); depth-first, on-path messages and short
    candidate lists first."""
    n_t, n_m = len(S), len(per_message)
    on = {m for s in S for m in s}
    order = sorted(range(n_m), key=lambda m: (m not in on, len(per_message[m])))
    inside = [[m in S[t] for t in range(n_t)] for m in range(n_m)]
    relation: dict = {}  # filled when first asked

    def relate(m1: int, m2: int) -> tuple:
        # how each type relates its payoffs after two messages: 3 equal (it sends both),
        # 1 first >= second, 2 second >= first, 0 no direct condition
        rel = relation.get((m1, m2))
        if rel is None:
            rel = relation[(m1, m2)] = tuple(2 * inside[m2][t] + inside[m1][t]
                                             for t in range(n_t))
        return rel

    found = []
    chosen: list = [None] * n_m
    none = None

    def search(k: int, low: list, high: list, out: list) -> None:
        # low/high: the range every type's payoff must lie in (from its own messages);
        # out: the largest least payoff it is sure to get from a message it does not send
        if k == len(on) and not sender_ok(S, chosen):
            return
        if k == n_m:
            if bounds_ok is None or all(
                    bounds_ok(m2, chosen[m2], _message_bounds_of(
                        S, chosen, ranges, m2, ranges[m2][chosen[m2]]))
                    for m2 in range(n_m) if len(chosen[m2]) > 1):
                found.append(tuple(chosen))
            return
        m = order[k]
        ins = inside[m]
        for B in per_message[m]:
            rng = ranges[m][B]
            new_low, new_high, new_out = list(low), list(high), list(out)
            for t in range(n_t):
                lo, hi = rng[t]
                if ins[t]:
                    if new_low[t] is none or lo > new_low[t]:
                        new_low[t] = lo
                    if new_high[t] is none or hi < new_high[t]:
                        new_high[t] = hi
                    if new_low[t] > new_high[t] or (new_out[t] is not none
                                                    and new_out[t] > new_high[t]):
                        break
                else:
                    if new_out[t] is none or lo > new_out[t]:
                        new_out[t] = lo
                    if new_high[t] is not none and new_out[t] > new_high[t]:
                        break
            else:
                if len(B) > 1 and not all(
                        pair_ok(m2, chosen[m2], m, B, relate(m2, m))
                        for m2 in order[:k] if len(chosen[m2]) > 1):
                    continue
                if bounds_ok is not None and len(B) > 1:
                    # the bounds that the supports chosen so far put on m (as
                    # _message_bounds_of computes them): a type sending m gets at least
                    # the low ends of every message and at most the high ends of its own
                    # ones, a type not sending it at most the high ends of its own ones
                    raw = [((out[t] if low[t] is none else low[t] if out[t] is none
                             else max(low[t], out[t])) if ins[t] else none, high[t])
                           for t in range(n_t)]
                    if not bounds_ok(m, B, _trimmed(raw, rng)):
                        continue
                chosen[m] = B
                search(k + 1, new_low, new_high, new_out)
        chosen[m] = None

    search(0, [none] * n_t, [none] * n_t, [none] * n_t)
    found.sort(key=lambda B: tuple(act_rank[m][B[m]] for m in range(n_m)))
    for B in found:
        yield S, B


def _supports_fixed(ctx, tb: Tables, m: int, B, types) -> bool:
    key = ("fixed", m, B, types)
    hit = tb.cache.get(key)
    if hit is not None:
        return hit
    best = None
    vals = []
    for a in range(tb.n_actions[m]):
        val = sum((tb.prior[t] * tb.v[t][m][a] for t in types), ctx.zero)
        vals.append(val)
        if best is None or val > best:
            best = val
    ok = all(vals[a] == best for a in B)
    tb.cache[key] = ok
    return ok
