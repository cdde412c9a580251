"""Fast exact enumeration of the pure-strategy PBE of a numeric game.

Payoffs and the prior are scaled to integers (exact), the receiver's best responses are
tabulated once for every message and every set of types that may send it, and every
pure sender strategy is then checked with integer comparisons only.
"""

from __future__ import annotations

import math
from itertools import product

import numpy as np
import sympy as sp

from ..equilibrium import Equilibrium
from ..game import SignallingGame
from .refinements import passes_d1, passes_intuitive
from .assemble import build_equilibrium
from .context import NUMERIC
from .patterns import PatternSolution
from .tables import Tables, br_point, br_system


def _scaled(tab) -> list:
    den = 1
    for rows in tab:
        for row in rows:
            for x in row:
                den = math.lcm(den, x.denominator)
    return [[[int(x * den) for x in row] for row in rows] for rows in tab]


def pure_profiles(tb: Tables):
    """Yield ``(sender, receiver)`` index tuples of every pure PBE (numeric tables)."""
    n_t, n_m = tb.n_types, tb.n_messages
    U = _scaled(tb.u)
    V = _scaled(tb.v)
    pden = 1
    for p in tb.prior:
        pden = math.lcm(pden, p.denominator)
    P = [int(p * pden) for p in tb.prior]
    # best responses for every message and every set of senders (bitmask)
    br: list[dict[int, tuple[int, ...]]] = []
    for m in range(n_m):
        table = {}
        mat = np.array([[V[t][m][a] for a in range(tb.n_actions[m])] for t in range(n_t)],
                       dtype=object)
        for mask in range(1, 1 << n_t):
            w = sum(P[t] * mat[t] for t in range(n_t) if mask >> t & 1)
            best = max(w)
            table[mask] = tuple(a for a in range(tb.n_actions[m]) if w[a] == best)
        br.append(table)
    all_types = tuple(range(n_t))
    rational = [tuple(a for a in range(tb.n_actions[m])
                      if br_point(NUMERIC, tb, m, (a,), all_types) is not None)
                for m in range(n_m)]
    for s in product(range(n_m), repeat=n_t):
        masks = [0] * n_m
        for t, m in enumerate(s):
            masks[m] |= 1 << t
        on = [m for m in range(n_m) if masks[m]]
        for choice in product(*(br[m][masks[m]] for m in on)):
            act = dict(zip(on, choice))
            values = [U[t][s[t]][act[s[t]]] for t in range(n_t)]
            if any(U[t][m][act[m]] > values[t] for t in range(n_t) for m in on):
                continue
            off_lists = []
            for m in range(n_m):
                if masks[m]:
                    off_lists.append((act[m],))
                    continue
                ok = tuple(a for a in rational[m]
                           if all(U[t][m][a] <= values[t] for t in range(n_t)))
                if not ok:
                    break
                off_lists.append(ok)
            else:
                for receiver in product(*off_lists):
                    yield s, receiver


def pure_equilibria(game: SignallingGame, tb: Tables, *, refine: bool = True
                    ) -> list[Equilibrium]:
    """Every pure PBE of a numeric game as result objects."""
    n_t, n_m = tb.n_types, tb.n_messages
    out = []
    refine_cache: dict = {}
    off_cache: dict = {}
    all_types = tuple(range(n_t))
    for s, r in pure_profiles(tb):
        S = tuple((m,) for m in s)
        B = tuple((a,) for a in r)
        on = sorted(set(s))
        sigma = {(t, s[t]): NUMERIC.one for t in range(n_t)}
        rho = {(m, r[m]): NUMERIC.one for m in range(n_m)}
        values = [tb.u[t][s[t]][r[s[t]]] for t in range(n_t)]
        posteriors = {}
        for m in on:
            w = [tb.prior[t] if s[t] == m else NUMERIC.zero for t in range(n_t)]
            total = sum(w)
            posteriors[m] = [x / total for x in w]
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
    return out
