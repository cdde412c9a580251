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

from collections.abc import Collection, Sequence

from ..context_protocol import DecisionContext
from ..tables import Tables
from .beliefs import TablesOracle, passes_d1_beliefs


def passes_d1(ctx: DecisionContext, tb: Tables, on_path: Collection[int], values: Sequence) -> bool:
    """Whether the outcome (on-path messages, type payoffs ``values``) survives D1:
    :func:`.beliefs.passes_d1_beliefs` (the one implementation, shared with
    belief-dependent payoffs) over the game's tables.

    Examples
    --------
    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> sorted((sorted(e.on_path), e.d1) for e in solve(beer_quiche(), pure=True))
    [(['beer'], True), (['quiche'], False)]
    """
    return passes_d1_beliefs(TablesOracle(ctx, tb), on_path, values)
