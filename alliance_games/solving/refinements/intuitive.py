"""The Intuitive Criterion (Cho and Kreps 1987) as an outcome test.

For an off-path message ``m`` let ``J(m)`` be the types whose equilibrium payoff is
strictly above the best they can get from ``m`` against any receiver best response to
any belief.  If ``J(m)`` is not every type, the outcome fails when some type ``t'`` gets
strictly more than its equilibrium payoff from ``m`` against *every* best response to
beliefs supported on the remaining types.  The test is :func:`.beliefs.passes_intuitive_beliefs`
(the one implementation, shared with belief-dependent payoffs) over the game's tables.

References
----------
Cho, I.-K. and Kreps, D. M. (1987), "Signaling Games and Stable Equilibria",
Quarterly Journal of Economics 102(2): 179-221.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..context_protocol import DecisionContext
from ..tables import Tables
from .beliefs import TablesOracle, passes_intuitive_beliefs


def passes_intuitive(ctx: DecisionContext, tb: Tables, on_path: Collection[int],
                     values: Sequence) -> bool:
    """Whether the outcome with on-path messages ``on_path`` and type payoffs ``values``
    survives the Intuitive Criterion.

    Examples
    --------
    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> sorted((sorted(e.on_path), e.intuitive_criterion) for e in solve(beer_quiche(), pure=True))
    [(['beer'], True), (['quiche'], False)]
    """
    return passes_intuitive_beliefs(TablesOracle(ctx, tb), on_path, values)
