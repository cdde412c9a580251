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

from dataclasses import dataclass
from itertools import product

from .lp import LinearSystem, interior_point, variable_range
from .tables import Tables, br_point, br_system

Pattern = tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]


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
        return sorted({m for s in self.S for m in s})

    @property
    def is_family(self) -> bool:
        """Ranges are only recorded for probabilities that are not pinned."""
        return bool(self.sigma_ranges or self.rho_ranges)


def _dot(ctx, coeffs, const, index, values):
    return sum((c * values[i] for c, i in zip(coeffs, index)), const)


def solve_pattern(ctx, tb: Tables, S, B, *, families: bool = True) -> PatternSolution | None:
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
    """
    n_t, n_m = tb.n_types, tb.n_messages
    on = sorted({m for s in S for m in s})
    senders = {m: [t for t in range(n_t) if m in S[t]] for m in on}

    # ---------------------------------------------------------------- sigma
    s_vars = [(t, m) for t in range(n_t) if len(S[t]) > 1 for m in S[t]]
    s_idx = {key: i for i, key in enumerate(s_vars)}
    eq, ge, gt = [], [], []
    for t in range(n_t):
        if len(S[t]) > 1:
            eq.append((tuple(ctx.one if k[0] == t else ctx.zero for k in s_vars), ctx.one))
            for m in S[t]:
                gt.append((tuple(ctx.one if k == (t, m) else ctx.zero for k in s_vars),
                           ctx.zero))
    for m in on:
        for i, a in enumerate(B[m]):
            for a2 in range(tb.n_actions[m]):
                if a2 == a or (a2 in B[m] and B[m].index(a2) < i):
                    continue
                coeffs = [ctx.zero] * len(s_vars)
                const = ctx.zero
                for t in senders[m]:
                    d = tb.prior[t] * (tb.v[t][m][a] - tb.v[t][m][a2])
                    if (t, m) in s_idx:
                        coeffs[s_idx[(t, m)]] += d
                    else:
                        const += d
                coeffs = [ctx.simplify(c) for c in coeffs]
                const = ctx.simplify(const)
                if all(ctx.sign(c) == 0 for c in coeffs):
                    s = ctx.sign(const)
                    if (a2 in B[m] and s != 0) or s < 0:
                        return None
                    continue
                (eq if a2 in B[m] else ge).append((tuple(coeffs), -const))
    sigma_system = LinearSystem(len(s_vars), tuple(eq), tuple(ge), tuple(gt))
    if s_vars:
        x = interior_point(ctx, sigma_system)
        if x is None:
            return None
        sigma = {key: x[i] for key, i in s_idx.items()}
    else:
        sigma = {}
    for t in range(n_t):
        if len(S[t]) == 1:
            sigma[(t, S[t][0])] = ctx.one

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
    for t in range(n_t):
        c0, k0 = payoff(t, S[t][0])
        for m in range(n_m):
            if m == S[t][0]:
                continue
            c1, k1 = payoff(t, m)
            coeffs = [ctx.simplify(x - y) for x, y in zip(c0, c1)]
            const = ctx.simplify(k0 - k1)
            if all(ctx.sign(c) == 0 for c in coeffs):
                s = ctx.sign(const)
                if (m in S[t] and s != 0) or s < 0:
                    return None
                continue
            (eq if m in S[t] else ge).append((tuple(coeffs), -const))
    rho_system = LinearSystem(len(r_vars), tuple(eq), tuple(ge), tuple(gt))
    if r_vars:
        y = interior_point(ctx, rho_system)
        if y is None:
            return None
        rho = {key: y[i] for key, i in r_idx.items()}
    else:
        rho = {}
    for m in range(n_m):
        if len(B[m]) == 1:
            rho[(m, B[m][0])] = ctx.one

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
        for i, key in enumerate(s_vars):
            lo, hi = variable_range(ctx, sigma_system, i)
            if ctx.sign(ctx.simplify(hi - lo)) != 0:
                sigma_ranges[key] = (lo, hi)
        for i, key in enumerate(r_vars):
            lo, hi = variable_range(ctx, rho_system, i)
            if ctx.sign(ctx.simplify(hi - lo)) != 0:
                rho_ranges[key] = (lo, hi)
    return PatternSolution(tuple(S), tuple(B), sigma, rho, values, posteriors, off_path,
                           sigma_system, s_vars, rho_system, r_vars, sigma_ranges, rho_ranges)


# -------------------------------------------------------------------- enumeration
def nonempty_subsets(n: int, max_size: int | None = None) -> list[tuple[int, ...]]:
    """Nonempty subsets of ``range(n)`` as sorted tuples, smallest first."""
    from itertools import combinations
    top = n if max_size is None else min(n, max_size)
    return [c for k in range(1, top + 1) for c in combinations(range(n), k)]


def all_patterns(tb: Tables, pure: bool):
    """Every support pattern (no pruning): used by the parametric solver."""
    msg_sets = nonempty_subsets(tb.n_messages, 1 if pure else None)
    act_sets = [nonempty_subsets(k, 1 if pure else None) for k in tb.n_actions]
    for S in product(msg_sets, repeat=tb.n_types):
        for B in product(*act_sets):
            yield S, B


def pruned_patterns(ctx, tb: Tables, pure: bool):
    """Support patterns that pass cheap exact necessary conditions (numeric games)."""
    n_t, n_m = tb.n_types, tb.n_messages
    all_types = tuple(range(n_t))
    msg_sets = nonempty_subsets(n_m, 1 if pure else None)
    max_b = 1 if pure else None
    off_sets = []
    for m in range(n_m):
        off_sets.append([B for B in nonempty_subsets(tb.n_actions[m], max_b)
                         if br_point(ctx, tb, m, B, all_types) is not None])
    for S in product(msg_sets, repeat=n_t):
        on = sorted({m for s in S for m in s})
        per_message = []
        for m in range(n_m):
            if m in on:
                types = tuple(t for t in range(n_t) if m in S[t])
                if all(len(S[t]) == 1 for t in types):
                    # fixed posterior: supports are subsets of its best-response set
                    cand = [B for B in nonempty_subsets(tb.n_actions[m], max_b)
                            if _supports_fixed(ctx, tb, m, B, types)]
                else:
                    cand = [B for B in nonempty_subsets(tb.n_actions[m], max_b)
                            if br_point(ctx, tb, m, B, types, strict_types=True) is not None]
            else:
                cand = off_sets[m]
            if not cand:
                break
            per_message.append(cand)
        else:
            for B in product(*per_message):
                if _sender_intervals_ok(ctx, tb, S, B):
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


def _sender_intervals_ok(ctx, tb: Tables, S, B) -> bool:
    for t in range(tb.n_types):
        ranges = []
        for m in range(tb.n_messages):
            vals = [tb.u[t][m][a] for a in B[m]]
            ranges.append((min(vals), max(vals)))
        hi = min(ranges[m][1] for m in S[t])
        lo = max(ranges[m][0] for m in S[t])
        if lo > hi:
            return False
        if any(ranges[m][0] > hi for m in range(tb.n_messages) if m not in S[t]):
            return False
    return True
