"""The solve budget: max_patterns / max_seconds stop with BudgetExceededError saying how far
the solve got; within budget the answer is unchanged; bad budgets are refused."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pytest
import sympy as sp

from alliance_games import SignallingGame, solve
from alliance_games.errors import BudgetExceededError, ParameterError, UnsupportedGameError
from alliance_games.examples import beer_quiche


def all_zero(n: int) -> SignallingGame:
    """Every profile is an equilibrium: a degenerate game with very many families."""
    zeros = [[[0] * n for _ in range(n)] for _ in range(n)]
    return SignallingGame.from_arrays([Fraction(1, n)] * n, zeros, zeros)


def test_max_patterns_stops_a_degenerate_solve_and_says_how_far():
    with pytest.raises(BudgetExceededError) as info, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        solve(all_zero(3), refine=False, max_patterns=5, progress=False)
    message = str(info.value)
    assert "max_patterns=5" in message
    assert "6 support patterns solved" in message
    assert "of 343 sender support profiles done" in message
    assert "5 equilibria found so far" in message


def test_tiny_max_seconds_stops_a_big_solve():
    with pytest.raises(BudgetExceededError, match=r"max_seconds=1e-06.* of 343 sender"), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")
        solve(all_zero(3), max_seconds=1e-6, progress=False)


def test_tiny_max_seconds_stops_a_pure_solve():
    with pytest.raises(BudgetExceededError, match="max_seconds.*branches of the pure search"):
        solve(all_zero(5), pure=True, max_seconds=1e-6, progress=False)


def test_max_patterns_in_a_pure_solve_counts_equilibria():
    assert len(solve(all_zero(2), pure=True, max_patterns=16)) == 16
    with pytest.raises(BudgetExceededError, match="15 equilibria found so far"):
        solve(all_zero(2), pure=True, max_patterns=15)


def test_a_generous_budget_changes_nothing():
    game = beer_quiche()
    plain = solve(game)
    budgeted = solve(game, max_seconds=3600, max_patterns=10**6, progress=True)
    assert [e.label for e in budgeted] == [e.label for e in plain]
    assert [dict(e.receiver) for e in budgeted] == [dict(e.receiver) for e in plain]


@pytest.mark.parametrize("kwargs", [{"max_seconds": 0}, {"max_seconds": -1},
                                    {"max_seconds": float("nan")}, {"max_seconds": "5"},
                                    {"max_patterns": -1}, {"max_patterns": 2.5},
                                    {"max_patterns": True}, {"progress": "yes"}])
def test_bad_budgets_are_refused(kwargs):
    with pytest.raises(ParameterError):
        solve(beer_quiche(), **kwargs)


def test_budget_on_a_parametric_game_is_refused():
    c = sp.Symbol("c")
    g = SignallingGame.from_arrays([Fraction(1, 2)] * 2, [[[c, 0]], [[0, 1]]],
                                   [[[1, 0]], [[0, 1]]], parameters={c: (0, 1)})
    with pytest.raises(UnsupportedGameError, match="numeric games only"):
        solve(g, max_seconds=10)
