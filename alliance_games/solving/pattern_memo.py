"""Support patterns' equilibria shared between the traced runs of one parameter line.

A traced run (:mod:`.traced`) solves every support pattern at its point, and its cell
is where every sign it decided keeps its sign.  A pattern's own equilibria hold wherever
the signs *it* depends on keep theirs: the pattern's cell, usually much wider than the
run's.  :class:`PatternMemo` keeps each pattern's equilibria with its cell and those
signs.  A later run whose point lies in the cell takes them instead of solving the
pattern again, and records the same signs as its own (:meth:`~.traced.Tracer.replay`),
so that its cell and its result are those that solving the pattern would have given.
A run at a cell end (:class:`~.traced_at_root.AlgTracer`) takes the equilibria of every
pattern whose cell holds the end.

What a pattern's equilibria depend on: the signs decided while it is solved, and those
decided while the run's game was built, before any pattern.  Nothing else: what the
game memoises for its patterns to share (best-response regions, payoff ranges) is kept
with the signs behind it, which are recorded again at each use
(:meth:`~.belief_tables.BeliefGame.remembered`), and the rest of the game's cache is
emptied before a pattern is solved, so a pattern cannot use a result that rests on signs
another pattern decided without those signs becoming its own.  A pattern
that left the fast types, was only sampled, or decided a sign 0 (the run's point is on
its cell's boundary) is not kept.
"""

from __future__ import annotations

from collections.abc import Callable

from .belief_tables import BeliefGame
from .traced import Tracer
from .traced_roots import Root

__all__ = ["PatternMemo"]


class PatternMemo:
    """The equilibria of each support pattern on its cells, for the runs of one line.

    Parameters
    ----------
    lo, hi : Root
        The ends of the line (rationals or infinities): every cell lies between them.

    Examples
    --------
    >>> import random
    >>> import sympy as sp
    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_engine import solve_patterns
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> from alliance_games.solving.line import explore_line
    >>> p, mu = sp.Symbol("p"), belief("H")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[0, 1], [-1, 0]], [[0, p + mu], [1, 2]]],
    ...     [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"],
    ...     parameters={p: (0, 2)})
    >>> memo = PatternMemo(Root.of(0), Root.of(2))
    >>> def run(x0):
    ...     tracer = Tracer(p, x0)
    ...     gd = fast_game(g, const=tracer.convert)
    ...     return solve_patterns(gd, memo=memo.for_run(tracer, gd)), tracer
    >>> line = explore_line(run, Root.of(0), Root.of(2), random.Random(0), 50)
    >>> len(line.cells), memo.solved, memo.taken
    (4, 49, 83)
    """

    def __init__(self, lo: Root, hi: Root) -> None:
        self.lo, self.hi = lo, hi
        self.entries: dict = {}  # (S, B) -> [(left, right, decisions, equilibria)]
        self.solved = 0  # patterns solved
        self.taken = 0  # patterns taken from a cell

    def for_run(self, tracer: Tracer, gd: BeliefGame) -> Callable:
        """The ``memo`` of :func:`~.belief_engine.solve_patterns` for a traced run at a
        rational point, made once the run's game ``gd`` is built (the signs decided so
        far are part of every pattern's); ``gd`` then keeps what it memoises with the
        signs behind it (:meth:`~.belief_tables.BeliefGame.remembered`)."""
        base = list(tracer.decisions.values())
        gd.tracer = tracer

        def memo(gd, S, B, compute: Callable) -> list:
            key = (tuple(S), tuple(B))
            for left, right, decisions, eqs in self.entries.get(key, ()):
                if left.around(tracer.point, right):
                    tracer.replay(decisions)
                    self.taken += 1
                    return eqs
            gd.cache.clear()
            rec = tracer.recording()
            try:
                eqs = compute()
            finally:
                tracer.stop(rec)
            self.solved += 1
            decisions = base + list(rec.values())
            if ("sampled", *key) in gd.cache or \
                    any(s == 0 and not e.is_zero() for e, s in decisions):
                return eqs
            left, right = tracer.cell(self.lo, self.hi, decisions)
            self.entries.setdefault(key, []).append((left, right, tuple(decisions), eqs))
            return eqs

        return memo

    def at_root(self, root: Root) -> Callable:
        """The ``memo`` of :func:`~.belief_engine.solve_patterns` for a run at a cell end
        ``root`` (nothing is kept from it: it has no cell)."""

        def memo(gd, S, B, compute: Callable) -> list:
            for left, right, _, eqs in self.entries.get((tuple(S), tuple(B)), ()):
                if left.around(root, right):
                    self.taken += 1
                    return eqs
            return compute()

        return memo
