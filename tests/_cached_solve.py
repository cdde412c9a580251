"""``solve`` memoised per game, for tests that execute documentation code as written.

The README and the docs pages solve the same bundled games; within one test process each
is solved once (results are immutable). The solver itself is tested elsewhere.
"""

from __future__ import annotations

import functools

import pytest

import alliance_games


@functools.cache
def _solve(game, items):
    return _original(game, **dict(items))


_original = alliance_games.solve


def cached_solve(game, **kwargs):
    return _solve(game, tuple(sorted(kwargs.items())))


@pytest.fixture
def shared_solve(monkeypatch):
    """Make ``from alliance_games import solve`` in executed code use the memoised solve."""
    monkeypatch.setattr(alliance_games, "solve", cached_solve)
    return cached_solve
