"""Exception and warning classes of ``alliance_games``.

Every error the package raises on bad input is an :class:`AllianceGamesError`, so that
callers can catch the package's own failures in one place.
"""

from __future__ import annotations

from types import ModuleType


class AllianceGamesError(Exception):
    """Base class of every error raised by ``alliance_games``."""


class InvalidGameError(AllianceGamesError, ValueError):
    """A game's data are malformed: wrong shapes, a bad prior, a non-finite number.

    Examples
    --------
    >>> from alliance_games import SignallingGame
    >>> SignallingGame.from_arrays([1, 1], [[[0]], [[0]]], [[[0]], [[0]]])
    Traceback (most recent call last):
    ...
    alliance_games.errors.InvalidGameError: prior must sum to 1, got 2
    """


class UnknownLabelError(AllianceGamesError, KeyError):
    """A type, message, action or parameter label that the game does not have."""

    def __str__(self) -> str:  # KeyError would print the repr of the message
        return str(self.args[0]) if self.args else ""


class ParameterError(AllianceGamesError, ValueError):
    """A parameter problem: an unknown symbol, a missing range, a point outside the box."""


class UnsupportedGameError(AllianceGamesError, NotImplementedError):
    """The game is valid but lies outside what a solver supports (the message says what)."""


class UndecidableConditionError(AllianceGamesError, ValueError):
    """A condition whose truth inside the parameter box could not be decided."""


class ModelFileError(AllianceGamesError, ValueError):
    """A model file that cannot be read: bad syntax, a forbidden expression, a missing key."""


class OptionalDependencyError(AllianceGamesError, ImportError):
    """An optional package is needed: the message says which and how to install it."""


class BudgetExceededError(AllianceGamesError, RuntimeError):
    """A solve stopped at its time or pattern budget (``max_seconds``, ``max_patterns``);
    the message says how far it got."""


class WorkerLostError(AllianceGamesError, RuntimeError):
    """A worker process of a parallel sweep ended without returning its item's result
    (it was killed, for example by the system running out of memory)."""


class DegenerateGameWarning(RuntimeWarning):
    """The game is degenerate: some equilibria come in continua (reported as families)."""


def require(module: str, purpose: str, extra: str | None = None) -> ModuleType:
    """Import an optional dependency or fail with an instruction to install it.

    Examples
    --------
    >>> require("math", "arithmetic").__name__
    'math'
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        pip_name = {"pygambit": "pygambit==16.7.0", "matplotlib": "matplotlib",
                    "nashpy": "nashpy", "dask": "dask[distributed]",
                    "distributed": "dask[distributed]"}.get(module, module)
        hint = f"pip install {pip_name}"
        if extra:
            hint += f"  (or: pip install 'alliance_games[{extra}]')"
        raise OptionalDependencyError(f"{module} is required for {purpose}: {hint}") from exc
