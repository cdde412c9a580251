"""Support patterns taken from an earlier run's cell (:class:`PatternMemo`).

The claim: a pattern's equilibria, solved once at a point, are what solving the pattern
gives anywhere in the pattern's cell, and a line solved with the memo is the line solved
without it.  Checked here against an independent computation: the pattern solved afresh
by its own traced run (no memo, the game's cache full) at random rational points inside
each kept cell and just inside its ends, and at the cell ends that are roots (a run at
the root); and whole solves with and without the memo, text for text.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp
from _random_games import line_game

from alliance_games.solving import belief_parametric
from alliance_games.solving.belief_engine import pattern_equilibria
from alliance_games.solving.belief_fast import fast_game
from alliance_games.solving.belief_parametric import solve_belief_parametric
from alliance_games.solving.pattern_memo import PatternMemo
from alliance_games.solving.traced import Tracer
from alliance_games.solving.traced_at_root import AlgTracer
from alliance_games.solving.traced_roots import Root


def _text(eqs) -> list:
    return [(e.label, str(e.sender), str(e.receiver), str(e.beliefs), e.intuitive_criterion,
             e.d1) for e in eqs]


def _fresh(game, tracer, S, B) -> list:
    """The pattern solved afresh by a run of its own (every sign decided again)."""
    gd = fast_game(game, const=tracer.convert)
    return _text(pattern_equilibria(gd, S, B, True))


def _solved_memo(game) -> PatternMemo:
    """The memo of a solve of the game's line, with what it kept."""
    kept: list = []

    class Keep(PatternMemo):
        def __init__(self, lo, hi):
            super().__init__(lo, hi)
            kept.append(self)

    orig = belief_parametric.PatternMemo
    belief_parametric.PatternMemo = Keep
    try:
        solve_belief_parametric(game)
    finally:
        belief_parametric.PatternMemo = orig
    (memo,) = kept
    return memo


def _inside(left: Root, right: Root, rng: random.Random) -> list:
    """Rational points strictly inside ``(left, right)``: random ones and ones within
    10**-9 of each finite end."""
    lo = Fraction(-3) if left.value == -sp.oo else None
    hi = Fraction(4) if right.value == sp.oo else None
    lo = left.hi if lo is None else lo
    hi = right.lo if hi is None else hi
    while not lo < hi:
        left.refine()
        right.refine()
        lo, hi = left.hi, right.lo
    points = [lo + (hi - lo) * Fraction(rng.randint(1, 999), 1000) for _ in range(2)]
    for end in (left, right):
        if end.value not in (sp.oo, -sp.oo):
            points.append(Fraction(end.floor(10 ** 9) + 1, 10 ** 9) if end is left
                          else Fraction(end.ceil(10 ** 9) - 1, 10 ** 9))
    return [x for x in points if left.around(x, right)]


@pytest.mark.parametrize("seed, n_m", [(1, 2), (4, 2), (5, 2), (3, 3)])
def test_kept_patterns_are_what_solving_gives_in_their_cells(seed, n_m):
    """Every pattern the memo kept, solved afresh at points of its cell (and just
    inside its ends) and at its irrational ends' inside neighbours, gives the kept
    equilibria."""
    g = line_game(seed, n_m)
    (p,) = g.parameters
    memo = _solved_memo(g)
    assert memo.taken > 0 and memo.entries
    rng = random.Random(seed)
    checked = 0
    entries = [(key, e) for key, es in memo.entries.items() for e in es]
    for (S, B), (left, right, _, eqs) in rng.sample(entries, min(len(entries), 40)):
        for x in _inside(left, right, rng):
            assert _fresh(g, Tracer(p, x), S, B) == _text(eqs), (S, B, x)
            checked += 1
    assert checked > 40


@pytest.mark.parametrize("seed, n_m", [(1, 2), (4, 2), (5, 2), (3, 3)])
def test_a_line_solved_with_the_memo_is_the_line_solved_without(seed, n_m):
    """The same result, text for text, with every pattern solved in every run."""
    g = line_game(seed, n_m)

    class Never(PatternMemo):
        def for_run(self, tracer, gd):
            return lambda gd, S, B, compute: compute()

        def at_root(self, root):
            return lambda gd, S, B, compute: compute()

    def text(res):
        return [(e.label, str(e.condition), str(e.intuitive_condition), str(e.d1_condition),
                 str(e.beliefs)) for e in res], str(res.undecided), res.notes

    with_memo = solve_belief_parametric(g)
    orig = belief_parametric.PatternMemo
    belief_parametric.PatternMemo = Never
    try:
        without = solve_belief_parametric(g)
    finally:
        belief_parametric.PatternMemo = orig
    assert text(with_memo) == text(without)


def test_a_run_at_a_root_takes_the_patterns_whose_cells_hold_it():
    """At an irrational end of the line's cells, the patterns whose own cells hold the
    end are taken from them, and they are what a run at the root gives."""
    g = line_game(5, 2)
    (p,) = g.parameters
    memo = _solved_memo(g)
    ends = {id(r): r for es in memo.entries.values() for left, right, _, _ in es
            for r in (left, right) if r.lo != r.hi}
    checked = 0
    for root in ends.values():
        for (S, B), es in memo.entries.items():
            for left, right, _, eqs in es:
                if left.around(root, right):
                    assert _fresh(g, AlgTracer(p, root), S, B) == _text(eqs), (S, B)
                    checked += 1
    assert checked > 10
