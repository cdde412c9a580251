"""Criterion D1 (Cho and Kreps 1987; Banks and Sobel 1987) as an outcome test.

For an off-path message ``m`` and a type ``t``, let ``D_t`` (``D0_t``) be the mixed best
responses (to any belief) that give ``t`` strictly more than (exactly) its equilibrium
payoff.  Type ``t`` is pruned when ``D_t | D0_t`` lies inside ``D_t'`` for some other
type ``t'``.  The outcome survives when, for every off-path message, some belief on the
unpruned types (all types if every type is pruned) has a mixed best response that gives
no type more than its equilibrium payoff.

References
----------
Cho and Kreps (1987), QJE 102(2); Banks, J. S. and Sobel, J. (1987), "Equilibrium
Selection in Signaling Games", Econometrica 55(3): 647-661.
"""

from __future__ import annotations

from ..lp import LinearSystem, interior_point
from ..tables import Tables, cells


def _weakly_better_vertices(ctx, tb: Tables, t: int, m: int, B, value):
    """Vertices of ``{rho in Delta(B): u_t(rho) >= value}`` as ``{action: weight}``."""
    u = [ctx.simplify(tb.u[t][m][a] - value) for a in B]
    signs = [ctx.sign(x) for x in u]
    out = [{a: ctx.one} for a, s in zip(B, signs) if s >= 0]
    for i, a in enumerate(B):
        for j, b in enumerate(B):
            if signs[i] > 0 and signs[j] < 0:
                lam = ctx.simplify(-u[j] / (u[i] - u[j]))
                out.append({a: lam, b: ctx.simplify(1 - lam)})
    return out


def _pruned(ctx, tb: Tables, m: int, values, all_cells) -> list[int]:
    pruned = []
    for t in range(tb.n_types):
        for t2 in range(tb.n_types):
            if t2 == t:
                continue
            inside = True
            for B in all_cells:
                for rho in _weakly_better_vertices(ctx, tb, t, m, B, values[t]):
                    gain = sum((w * tb.u[t2][m][a] for a, w in rho.items()), ctx.zero)
                    if ctx.sign(ctx.simplify(gain - values[t2])) <= 0:
                        inside = False
                        break
                if not inside:
                    break
            if inside:
                pruned.append(t)
                break
    return pruned


def passes_d1(ctx, tb: Tables, on_path, values) -> bool:
    """Whether the outcome (on-path messages, type payoffs ``values``) survives D1.

    Examples
    --------
    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> sorted((sorted(e.on_path), e.d1) for e in solve(beer_quiche(), pure=True))
    [(['beer'], True), (['quiche'], False)]
    """
    types = tuple(range(tb.n_types))
    for m in range(tb.n_messages):
        if m in on_path:
            continue
        pruned = _pruned(ctx, tb, m, values, cells(ctx, tb, m, types))
        rest = tuple(t for t in types if t not in pruned) or types
        ok = False
        for B in cells(ctx, tb, m, rest):
            k = len(B)
            ge = tuple((tuple(-tb.u[t][m][a] for a in B), -values[t]) for t in types)
            system = LinearSystem(k, eq=((tuple([ctx.one] * k), ctx.one),), ge=ge)
            if interior_point(ctx, system) is not None:
                ok = True
                break
        if not ok:
            return False
    return True
