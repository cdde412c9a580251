"""Fast exact enumeration of the pure-strategy PBE of a numeric game.

Payoffs and the prior are scaled to integers (exact), the receiver's best responses are
tabulated once for every message and every set of types that may send it (as bitmasks),
and a depth-first search over messages assigns senders and actions, pruning with integer
payoff bounds: no float and no rational arithmetic decides anything.
"""

from __future__ import annotations

import math

import sympy as sp

from ..equilibrium import Equilibrium
from ..game import SignallingGame
from ..numbers import to_sympy
from .assemble import build_equilibrium
from .budget import Budget
from .context import NUMERIC
from .patterns import PatternSolution
from .refinements import passes_d1, passes_intuitive
from .tables import Tables, br_point, br_system, scaled_ints


def _best_response_bits(tb: Tables, V: list, P: list) -> list[list[int]]:
    """``bits[m][mask]``: the receiver's best responses after ``m`` to the senders in
    ``mask`` (a bitmask of types), as a bitmask of actions (exact integer sums)."""
    n_t = tb.n_types
    out = []
    for m in range(tb.n_messages):
        n_a = tb.n_actions[m]
        sums: list[list[int]] = [[0] * n_a] + [[]] * ((1 << n_t) - 1)
        bits = [0] * (1 << n_t)
        for mask in range(1, 1 << n_t):
            t = (mask & -mask).bit_length() - 1
            prev = sums[mask & (mask - 1)]
            row = [x + P[t] * V[t][m][a] for a, x in enumerate(prev)]
            sums[mask] = row
            best = max(row)
            bits[mask] = sum(1 << a for a in range(n_a) if row[a] == best)
        out.append(bits)
    return out


def pure_profiles(tb: Tables, budget: Budget | None = None):
    """Every pure PBE of a numeric game as ``(sender, receiver)`` index tuples.

    A depth-first search over messages: for message ``m`` it picks the set of types that
    send it and the receiver's action, and prunes as soon as a type's payoff can no longer
    be a best reply (integer comparisons only: payoffs and prior are scaled to integers).
    The profiles come sorted by sender profile.  ``budget`` is told about each branch of
    the first message done and checks the time limit as the search goes.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.context import NUMERIC
    >>> sorted(pure_profiles(Tables.from_game(beer_quiche(), NUMERIC)))
    [((0, 0), (1, 0)), ((1, 1), (0, 1))]
    """
    n_t, n_m = tb.n_types, tb.n_messages
    U = scaled_ints(tb.u)
    V = scaled_ints(tb.v)
    pden = 1
    for p in tb.prior:
        pden = math.lcm(pden, p.denominator)
    P = [int(p * pden) for p in tb.prior]
    brbits = _best_response_bits(tb, V, P)
    all_types = tuple(range(n_t))
    # actions that are a best response to some belief: those that answer some set of
    # senders at its prior are; only the others need a linear program
    rational_bits = []
    for m in range(n_m):
        bits = 0
        for mask in range(1, 1 << n_t):
            bits |= brbits[m][mask]
        bits |= sum(1 << a for a in range(tb.n_actions[m]) if not bits >> a & 1
                    and br_point(NUMERIC, tb, m, (a,), all_types) is not None)
        rational_bits.append(bits)
    # actions the receiver may ever play after m, and the resulting payoff bounds
    possible = []
    for m in range(n_m):
        bits = rational_bits[m]
        for mask in range(1, 1 << n_t):
            bits |= brbits[m][mask]
        possible.append([a for a in range(tb.n_actions[m]) if bits >> a & 1])
    neg = None  # "minus infinity"
    # hi_from[k][t]: the most type t can get from messages k..; lo_from[k][t]: the least
    # it is sure to be offered by one of them (a lower bound on its equilibrium value)
    hi_from = [[neg] * n_t for _ in range(n_m + 1)]
    lo_from = [[neg] * n_t for _ in range(n_m + 1)]
    for k in range(n_m - 1, -1, -1):
        for t in range(n_t):
            vals = [U[t][k][a] for a in possible[k]]
            hi, lo = hi_from[k + 1][t], lo_from[k + 1][t]
            hi_from[k][t] = max(vals) if hi is None else max(hi, max(vals))
            lo_from[k][t] = min(vals) if lo is None else max(lo, min(vals))
    n_a = tb.n_actions
    possible_bits = [sum(1 << a for a in acts) for acts in possible]
    # type masks: ge[m0][a0][m][a] = {t : U[t][m][a] >= U[t][m0][a0]}
    ge = [[[[sum(1 << t for t in range(n_t) if U[t][m][a] >= U[t][m0][a0])
             for a in range(n_a[m])] for m in range(n_m)]
           for a0 in range(n_a[m0])] for m0 in range(n_m)]
    # fits[m][a][k] = {t : U[t][m][a] <= hi_from[k][t]}: t may still find as much later
    fits = [[[sum(1 << t for t in range(n_t)
                  if hi_from[k][t] is not None and U[t][m][a] <= hi_from[k][t])
              for k in range(n_m + 1)] for a in range(n_a[m])] for m in range(n_m)]
    # above_low[m][a] = {t : U[t][m][a] >= lo_from[m + 1][t]}
    above_low = [[sum(1 << t for t in range(n_t)
                      if lo_from[m + 1][t] is None or U[t][m][a] >= lo_from[m + 1][t])
                  for a in range(n_a[m])] for m in range(n_m)]
    # not_better[t][m][a][k]: actions after k that type t does not prefer to (m, a)
    not_better = [[[[sum(1 << b for b in range(n_a[k]) if U[t][k][b] <= U[t][m][a])
                     for k in range(n_m)] for a in range(n_a[m])] for m in range(n_m)]
                  for t in range(n_t)]
    found: list[tuple] = []
    sender = [0] * n_t
    act = [0] * n_m

    nodes = [0]

    def search(m: int, rest: int, allow: list) -> None:
        if budget is not None:
            nodes[0] += 1
            if not nodes[0] & 1023:
                budget.check()
        if m == n_m:
            if not rest:
                found.append((tuple(sender), tuple(act)))
            return
        last = m == n_m - 1
        # types in ``rest`` whose best offer so far still fits under what is left
        out_ok = rest
        if not last:
            for k in range(m):
                out_ok &= fits[k][act[k]][m + 1]
        bits = allow[m]
        while bits:
            low = bits & -bits
            bits ^= low
            a = low.bit_length() - 1
            can_in = rest & above_low[m][a]
            for k in range(m):
                can_in &= ge[k][act[k]][m][a]
            can_out = out_ok & fits[m][a][m + 1] if not last else 0
            must = rest & ~can_out
            if must & ~can_in:
                continue
            free = can_in & can_out
            sub = free
            while True:
                S = must | sub
                if (brbits[m][S] if S else rational_bits[m]) >> a & 1:
                    nxt = allow
                    ok = True
                    if S:
                        nxt = list(allow)
                        for t in range(n_t):
                            if S >> t & 1:
                                sender[t] = m
                                row = not_better[t][m][a]
                                for k in range(m + 1, n_m):
                                    nxt[k] &= row[k]
                        ok = all(nxt[k] for k in range(m + 1, n_m))
                    if ok:
                        act[m] = a
                        search(m + 1, rest & ~S, nxt)
                if not sub:
                    break
                sub = (sub - 1) & free
            if m == 0 and budget is not None:
                budget.advance()

    if budget is not None:
        budget.start(bin(possible_bits[0]).count("1"), "branches of the pure search")
    search(0, (1 << n_t) - 1, possible_bits)
    found.sort(key=lambda p: (p[0], tuple(p[1][m] for m in sorted(set(p[0]))), p[1]))
    return found


def pure_equilibria(game: SignallingGame, tb: Tables, *, refine: bool = True,
                    budget: Budget | None = None) -> list[Equilibrium]:
    """Every pure PBE of a numeric game as result objects.

    ``budget`` (optional) sees the search's progress and counts each equilibrium
    assembled as one pattern.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.context import NUMERIC
    >>> eqs = pure_equilibria(beer_quiche(), Tables.from_game(beer_quiche(), NUMERIC))
    >>> [sorted(e.on_path) for e in eqs]
    [['beer'], ['quiche']]
    """
    n_t, n_m = tb.n_types, tb.n_messages
    out = []
    refine_cache: dict = {}
    off_cache: dict = {}
    post_cache: dict = {}
    all_types = tuple(range(n_t))
    for s, r in pure_profiles(tb, budget):
        if budget is not None:
            budget.count()
        S = tuple((m,) for m in s)
        B = tuple((a,) for a in r)
        on = sorted(set(s))
        sigma = {(t, s[t]): NUMERIC.one for t in range(n_t)}
        rho = {(m, r[m]): NUMERIC.one for m in range(n_m)}
        values = [tb.u[t][s[t]][r[s[t]]] for t in range(n_t)]
        posteriors = {}
        for m in on:
            senders = tuple(t for t in range(n_t) if s[t] == m)
            if senders not in post_cache:
                total = sum(tb.prior[t] for t in senders)
                post_cache[senders] = [to_sympy(tb.prior[t] / total) if t in senders
                                       else sp.S.Zero for t in range(n_t)]
            posteriors[m] = post_cache[senders]
        off = {}
        for m in range(n_m):
            if m not in posteriors:
                key = (m, r[m])
                if key not in off_cache:
                    off_cache[key] = (br_system(NUMERIC, tb, m, (r[m],), all_types),
                                      br_point(NUMERIC, tb, m, (r[m],), all_types))
                off[m] = off_cache[key]
        sol = PatternSolution(S, B, sigma, rho, values, posteriors, off, None, [], None, [],
                              {}, {})
        ic = d1 = None
        if refine:
            key = (tuple(on), tuple(values))
            if key not in refine_cache:
                refine_cache[key] = (passes_intuitive(NUMERIC, tb, set(on), values),
                                     passes_d1(NUMERIC, tb, set(on), values))
            ic, d1 = refine_cache[key]
        out.append(build_equilibrium(NUMERIC, game, tb, sol, ic=ic, d1=d1,
                                     ic_condition=sp.sympify(bool(ic)),
                                     d1_condition=sp.sympify(bool(d1)),
                                     method="enumeration of pure profiles (exact)"))
        if budget is not None:
            budget.found += 1
    return out
