"""The Intuitive Criterion and D1 in the belief engine.

The definitions for ordinary games, with the sender's payoff evaluated at the belief
behind each best response; decided exactly on the finitely many cells of ``[0, 1]`` on
which the best-response set is constant (:func:`verdicts`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import partial
from itertools import combinations

from .belief_offpath import mixture_deters
from .belief_tables import TYPES, BeliefGame, sup_inf
from .refinements.beliefs import passes_d1_beliefs, passes_intuitive_beliefs

__all__ = ["d1_holds", "intuitive_holds", "verdicts"]


def _cells(gd: BeliefGame, m: int, domain, dkey):
    """Pieces of ``domain`` with a constant best-response set: (piece, BR actions)."""
    return gd.remembered(("cells", m, dkey), partial(_compute_cells, gd, m, domain))


def _compute_cells(gd: BeliefGame, m: int, domain) -> list:
    ctx = gd.ctx
    out: list = []
    n = gd.n_actions[m]
    for size in range(n, 0, -1):
        for B in combinations(range(n), size):
            region = ctx.intersect(gd.br_region(m, list(B)), domain)
            for other in out:  # remove points with a larger best-response set
                if set(B) < set(other[1]):
                    region = ctx.minus(region, other[0])
            if not ctx.is_empty(region):
                out.append((region, B))
    return out


def _domain(ctx, rest):
    """The beliefs left after pruning types: all of [0, 1], or the point of the one type."""
    if len(rest) == 2:
        return ctx.unit, "unit"
    p = ctx.one if rest[0] == 0 else ctx.zero
    return ctx.point_set(p), rest[0]


def _best_payoff(gd: BeliefGame, m, t, domain, dkey, want_max: bool):
    """Type t's highest (lowest) payoff from m over beliefs in ``domain`` and their best
    responses (None when ``domain`` is empty); memoised in the game (it does not depend
    on the equilibrium)."""
    return gd.remembered(("best", m, t, dkey, want_max),
                         partial(_compute_best, gd, m, t, domain, dkey, want_max))


def _compute_best(gd: BeliefGame, m, t, domain, dkey, want_max: bool):
    ctx = gd.ctx
    best = None
    for region, B in _cells(gd, m, domain, dkey):
        for a in B:
            val = sup_inf(ctx, gd.u[t][m][a], region, want_max)
            if best is None or ctx.cmp(val, best) * (1 if want_max else -1) > 0:
                best = val
    return best


class _Oracle:
    """The questions of :mod:`.refinements.beliefs` answered on the two-type engine's
    cells of ``[0, 1]``."""

    def __init__(self, gd: BeliefGame) -> None:
        self.gd = gd
        self.n_types = gd.n_types
        self.n_messages = gd.n_messages

    def _domain(self, domain: tuple):
        return _domain(self.gd.ctx, list(domain))

    def reaches(self, m: int, t: int, value, domain: tuple) -> bool:
        ctx = self.gd.ctx
        best = _best_payoff(self.gd, m, t, *self._domain(domain), True)
        return best is not None and ctx.cmp(value, best) <= 0

    def always_gains(self, m: int, t: int, value, domain: tuple) -> bool:
        worst = _best_payoff(self.gd, m, t, *self._domain(domain), False)
        return worst is not None and self.gd.ctx.cmp(worst, value) > 0

    def weak_implies_strict(self, m: int, t: int, t2: int, values) -> bool:
        return _weak_gain_implies_strict(self.gd, m, t, t2, values)

    def deterred(self, m: int, values, domain: tuple) -> bool:
        return _deterred(self.gd, m, *self._domain(domain), values)


def intuitive_holds(gd: BeliefGame, on: Collection[int], values: Sequence) -> bool:
    """The Intuitive Criterion (Cho and Kreps 1987), by :mod:`.refinements.beliefs`.

    Examples
    --------
    Beer-quiche: the beer pool (weak 2, strong 3) passes, the quiche pool (weak 3, strong
    2) fails:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())
    >>> q = gd.ctx.rational
    >>> intuitive_holds(gd, {0}, [q(2, 1), q(3, 1)]), intuitive_holds(gd, {1}, [q(3, 1), q(2, 1)])
    (True, False)
    """
    return passes_intuitive_beliefs(_Oracle(gd), on, values)


def d1_holds(gd: BeliefGame, on: Collection[int], values: Sequence) -> bool:
    """Criterion D1, by :mod:`.refinements.beliefs`.

    Examples
    --------
    Beer-quiche: the beer pool (weak 2, strong 3) passes, the quiche pool (weak 3, strong
    2) fails:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())
    >>> q = gd.ctx.rational
    >>> d1_holds(gd, {0}, [q(2, 1), q(3, 1)]), d1_holds(gd, {1}, [q(3, 1), q(2, 1)])
    (True, False)
    """
    return passes_d1_beliefs(_Oracle(gd), on, values)


def _deterred(gd: BeliefGame, m, domain, dkey, values) -> bool:
    """Whether some belief in ``domain`` and mixture over its best responses deters both
    types from ``m``."""
    ctx = gd.ctx
    for region, B in _cells(gd, m, domain, dkey):
        for B2 in [b for k in range(1, len(B) + 1) for b in combinations(range(len(B)), k)]:
            acts = [B[i] for i in B2]
            if len(acts) == 1:
                r = region
                for t in TYPES:
                    r = ctx.intersect(r, ctx.solve_rel(values[t] - gd.u[t][m][acts[0]], "ge"))
                if not ctx.is_empty(r):
                    return True
            else:
                for xm in ctx.points(region) or []:
                    if mixture_deters(gd, m, acts, xm, values):
                        return True
    return False


def _weak_gain_implies_strict(gd: BeliefGame, m, t, t2, values) -> bool:
    """Whether every (belief, best response) weakly improving t strictly improves t2."""
    ctx = gd.ctx
    for region, B in _cells(gd, m, ctx.unit, "unit"):
        for a in B:
            bad = ctx.intersect(
                ctx.intersect(region, ctx.solve_rel(gd.u[t][m][a] - values[t], "ge")),
                ctx.solve_rel(values[t2] - gd.u[t2][m][a], "ge"))
            if not ctx.is_empty(bad):
                return False
        pts = ctx.points(region)
        if len(B) > 1 and pts is not None:
            for xm in pts:
                for a in B:
                    for b in B:
                        ua = ctx.simplify(ctx.at(gd.u[t][m][a], xm) - values[t])
                        ub = ctx.simplify(ctx.at(gd.u[t][m][b], xm) - values[t])
                        if ctx.sign(ua) > 0 and ctx.sign(ub) < 0:
                            lam = ua / (ua - ub)
                            gain = (-ub / (ua - ub)) * ctx.at(gd.u[t2][m][a], xm) + lam * \
                                ctx.at(gd.u[t2][m][b], xm)
                            if ctx.cmp(ctx.simplify(gain), values[t2]) <= 0:
                                return False
    return True


def verdicts(gd: BeliefGame, on: Collection[int], values: Sequence) -> tuple[bool, bool]:
    """The Intuitive Criterion and D1 verdicts of an outcome: on-path messages ``on``
    and the types' equilibrium payoffs ``values``.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())  # the quiche pool: weak 3, strong 2
    >>> verdicts(gd, {1}, [gd.ctx.rational(3, 1), gd.ctx.rational(2, 1)])
    (False, False)
    """
    return intuitive_holds(gd, on, values), d1_holds(gd, on, values)
