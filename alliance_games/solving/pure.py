"""Fast exact enumeration of the pure-strategy PBE of a numeric game.

Payoffs and the prior are scaled to integers (exact), the receiver's best responses are
tabulated once for every message and every set of types that may send it (as bitmasks),
and a depth-first search over messages assigns senders and actions, pruning with integer
payoff comparisons held as bit sets (one integer per search state, see ``_Packed``): no
float and no rational arithmetic decides anything.  The result objects are assembled from
parts shared between the equilibria (:class:`~.assemble.PureAssembler`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..equilibrium import Equilibrium
from ..game import SignallingGame
from .assemble import PureAssembler, scaled_prior
from .budget import Budget
from .context import NUMERIC
from .refinements import passes_d1, passes_intuitive
from .tables import Tables, br_point, scaled_table


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


@dataclass(frozen=True)
class _Packed:
    """The tables of :func:`pure_profiles`, with its search state's bit layout.

    The state packs one field of ``n_types`` bits (a set of types) for every (message,
    action) pair, message ``k``'s action ``b`` at bit ``(k * W + b) * n_types`` with
    ``W`` the most actions of any message: ``allow`` has a full field for each action
    still allowed, ``liked`` the types that like the action at least as well as every
    (message, action) chosen so far.
    """

    allow: int  # the initial ``allow``: actions some belief makes a best response
    liked: int  # the initial ``liked``: every type for every action
    brb: list  # brb[m][S]: best responses after m to the senders S (S = 0: any belief)
    above_low: list  # above_low[m][a]: types (m, a) pays as much as later messages surely do
    ge_all: list  # ge_all[m][a]: ``liked`` once (m, a) is chosen (AND it in)
    nb_type: list  # nb_type[t][m][a]: ``allow`` once t sends m answered by a (AND it in)
    action_bit: list  # action_bit[m][a]: the first bit of (m, a)'s field
    level_shift: list  # level_shift[m]: the first bit of message m's fields
    later: list  # later[m]: the first bit of message m + 1's fields
    fold: list  # fold[m]: shifts that OR all fields after message m into the lowest
    level_low: int  # the low bits of every message's block of fields
    level_high_after: list  # level_high_after[m]: the top bit of each block after m's


def _packed_tables(tb: Tables) -> _Packed:
    """The integer tables and bit masks of :func:`pure_profiles` (exact integer sums)."""
    n_t, n_m, n_a = tb.n_types, tb.n_messages, tb.n_actions
    U = scaled_table(tb, "u")
    V = scaled_table(tb, "v")
    P = scaled_prior(tb.prior)[0]
    brbits = _best_response_bits(tb, V, P)
    all_types = tuple(range(n_t))
    # actions that are a best response to some belief: those that answer some set of
    # senders at its prior are, those another action beats at every type are not; only
    # the others need a linear program
    brb = []
    possible = []
    for m in range(n_m):
        bits = 0
        for mask in range(1, 1 << n_t):
            bits |= brbits[m][mask]
        bits |= sum(1 << a for a in range(n_a[m]) if not bits >> a & 1
                    and not any(all(V[t][m][b] > V[t][m][a] for t in range(n_t))
                                for b in range(n_a[m]))
                    and br_point(NUMERIC, tb, m, (a,), all_types) is not None)
        brb.append([bits] + brbits[m][1:])
        possible.append([a for a in range(n_a[m]) if bits >> a & 1])
    # lo_from[k][t]: the least type t is sure to be offered by one of messages k..
    lo_from: list[list] = [[None] * n_t for _ in range(n_m + 1)]
    for k in range(n_m - 1, -1, -1):
        for t in range(n_t):
            low, later_low = min(U[t][k][a] for a in possible[k]), lo_from[k + 1][t]
            lo_from[k][t] = low if later_low is None else max(low, later_low)
    above_low = [[sum(1 << t for t in range(n_t)
                      if lo_from[m + 1][t] is None or U[t][m][a] >= lo_from[m + 1][t])
                  for a in range(n_a[m])] for m in range(n_m)]
    T, W = n_t, max(n_a)
    full = (1 << T) - 1
    level_shift = [m * W * T for m in range(n_m + 1)]

    def field(k: int, b: int, types: int) -> int:
        return types << (k * W + b) * T

    allow = sum(field(k, b, full) for k in range(n_m) for b in possible[k])
    liked = sum(field(k, b, full) for k in range(n_m) for b in range(n_a[k]))
    ge_all = [[sum(field(k, b, sum(1 << t for t in range(n_t) if U[t][k][b] >= U[t][m][a]))
                   for k in range(m + 1, n_m) for b in range(n_a[k]))
               for a in range(n_a[m])] for m in range(n_m)]
    nb_type = [[[(1 << level_shift[m + 1]) - 1
                 | sum(field(k, b, full) for k in range(m + 1, n_m) for b in range(n_a[k])
                       if U[t][k][b] <= U[t][m][a])
                 for a in range(n_a[m])] for m in range(n_m)] for t in range(n_t)]
    fold = []
    for m in range(n_m):
        n_fields = (n_m - m - 1) * W
        half = (1 << max(n_fields - 1, 0).bit_length()) // 2
        shifts = []
        while half:
            shifts.append(half * T)
            half //= 2
        fold.append(shifts)
    block = W * T
    level_low = sum(((1 << (block - 1)) - 1) << level_shift[k] for k in range(n_m))
    level_high_after = [sum(1 << (level_shift[k] + block - 1) for k in range(m + 1, n_m))
                        for m in range(n_m)]
    return _Packed(allow, liked, brb, above_low, ge_all, nb_type,
                   [[(m * W + a) * T for a in range(n_a[m])] for m in range(n_m)],
                   level_shift[:n_m], level_shift[1:], fold, level_low, level_high_after)


def pure_profiles(tb: Tables, budget: Budget | None = None
                  ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Every pure PBE of a numeric game as ``(sender, receiver)`` index tuples.

    A depth-first search over messages: for message ``m`` it picks the receiver's action
    and the set of types that send it, and prunes as soon as a type's payoff can no longer
    be a best reply (integer comparisons only: payoffs and prior are scaled to integers).
    The search state is packed into a few integers used as bit sets (see
    :func:`_packed_tables`): the actions still allowed after each later message, and for
    each later (message, action) the types that like it at least as well as everything
    chosen so far; a branch is cut when some later message has no allowed action left or
    some type not yet placed has no allowed later action it likes as well.  The profiles
    come sorted by sender profile.  The last message needs no search: the types left
    all send it, so it is settled when the one before it is.  ``budget`` is told about
    each branch of the first message done and checks the time limit as the search goes.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.context import NUMERIC
    >>> sorted(pure_profiles(Tables.from_game(beer_quiche(), NUMERIC)))
    [((0, 0), (1, 0)), ((1, 1), (0, 1))]
    """
    n_t, n_m = tb.n_types, tb.n_messages
    n_a = tb.n_actions
    pk = _packed_tables(tb)
    T, TM = n_t, (1 << n_t) - 1
    brb, above_low, ge_all, nb_type = pk.brb, pk.above_low, pk.ge_all, pk.nb_type
    action_bit, level_shift, later, fold = pk.action_bit, pk.level_shift, pk.later, pk.fold
    low_bits, high_after = pk.level_low, pk.level_high_after
    # nb_set[m][a][S]: the actions still allowed after ``m`` once the types in S send it
    # and are answered by ``a`` (the AND of their rows), built as the search needs them
    nb_set: list[list[dict]] = [[{} for _ in range(n_a[m])] for m in range(n_m)]
    found: list[tuple] = []
    sets = [0] * n_m
    act = [0] * n_m
    nodes = [0]

    last_m = n_m - 1

    def emit() -> None:
        sender = [0] * n_t
        for k in range(n_m):
            S = sets[k]
            while S:
                low = S & -S
                S ^= low
                sender[low.bit_length() - 1] = k
        found.append((tuple(sender), tuple(act)))

    def search(m: int, rest: int, allow: int, liked: int) -> None:
        if budget is not None:
            nodes[0] += 1
            if not nodes[0] & 1023:
                budget.check()
        if m == n_m:
            if not rest:
                emit()
            return
        last = m == last_m
        # before the last message the last one is settled at once (below)
        penult = m == last_m - 1
        here = liked >> level_shift[m]
        for a in range(n_a[m]):
            if not allow >> action_bit[m][a] & 1:
                if m == 0 and budget is not None:
                    budget.advance()
                continue
            # types that may send m and be answered by a: they like (m, a) as well as
            # everything chosen before, and no later message surely offers them more
            can_in = rest & above_low[m][a] & here >> a * T
            nliked = liked & ge_all[m][a]
            if last:
                can_out = 0
            else:
                # types that may send a later message: some allowed later action is as
                # good for them as everything chosen so far, (m, a) included
                x = (nliked & allow) >> later[m]
                for s in fold[m]:
                    x |= x >> s
                can_out = rest & x
            must = rest & ~can_out
            if not must & ~can_in:
                free = can_in & can_out
                brm = brb[m]
                nbs = nb_set[m][a]
                sub = free
                while True:
                    S = must | sub
                    if brm[S] >> a & 1:
                        left = rest & ~S
                        if S:
                            nb = nbs.get(S)
                            if nb is None:
                                nb = -1
                                bits = S
                                while bits:
                                    low = bits & -bits
                                    bits ^= low
                                    nb &= nb_type[low.bit_length() - 1][m][a]
                                nbs[S] = nb
                            nxt = allow & nb
                        else:
                            nxt = allow
                        if penult:
                            # the types left all send the last message; its action b is
                            # a best response to them (to some belief if none is left),
                            # allowed, and liked by each of them as well as all before
                            x = (nliked & nxt) >> later[m]
                            best = brb[last_m][left]
                            while best:
                                low = best & -best
                                best ^= low
                                b = low.bit_length() - 1
                                if (x >> b * T & left == left if left
                                        else nxt >> action_bit[last_m][b] & 1):
                                    act[m], sets[m] = a, S
                                    act[last_m], sets[last_m] = b, left
                                    emit()
                        else:
                            ok = True
                            if S:
                                # some later message with no allowed action left?
                                ok = not ~(((nxt & low_bits) + low_bits) | nxt | low_bits) \
                                    & high_after[m]
                                if ok and left:
                                    x = (nliked & nxt) >> later[m]
                                    for s in fold[m]:
                                        x |= x >> s
                                    ok = not left & ~x
                            if ok:
                                act[m] = a
                                sets[m] = S
                                search(m + 1, left, nxt, nliked)
                    if not sub:
                        break
                    sub = (sub - 1) & free
            if m == 0 and budget is not None:
                budget.advance()

    if budget is not None:
        budget.start(n_a[0], "branches of the pure search")
    search(0, TM, pk.allow, pk.liked)
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
    n_t = tb.n_types
    make = PureAssembler(game, tb, "enumeration of pure profiles (exact)")
    out = []
    refine_cache: dict = {}
    for s, r in pure_profiles(tb, budget):
        if budget is not None:
            budget.count()
        ic = d1 = None
        if refine:
            on = sorted(set(s))
            values = [tb.u[t][s[t]][r[s[t]]] for t in range(n_t)]
            key = (tuple(on), tuple(values))
            if key not in refine_cache:
                refine_cache[key] = (passes_intuitive(NUMERIC, tb, set(on), values),
                                     passes_d1(NUMERIC, tb, set(on), values))
            ic, d1 = refine_cache[key]
        out.append(make(s, r, ic=ic, d1=d1))
        if budget is not None:
            budget.found += 1
    return out
