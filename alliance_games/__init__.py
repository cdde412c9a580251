"""alliance_games: exact and symbolic perfect Bayesian equilibria of signalling games.

Examples
--------
>>> from alliance_games import SignallingGame, solve
>>> from alliance_games.examples import beer_quiche
>>> len(solve(beer_quiche(), pure=True))
2
"""

from . import sympy_fixes  # noqa: F401  (first: mends a sympy defect before any number is made)
from .beliefs import BeliefSet
from .equilibrium import Equilibrium, Family, SolveResult
from .errors import (
    AllianceGamesError,
    BudgetExceededError,
    DegenerateGameWarning,
    InvalidGameError,
    ModelFileError,
    OptionalDependencyError,
    ParameterError,
    UndecidableConditionError,
    UnknownLabelError,
    UnsupportedGameError,
    WorkerLostError,
)
from .game import SignallingGame, belief
from .solving import solve
from .verify import verify  # the independent verifier (shares no code with the solver)

__version__ = "0.1.0"  # the one version source (pyproject reads it; CITATION.cff is tested)

__all__ = [
    "AllianceGamesError", "BeliefSet", "BudgetExceededError", "DegenerateGameWarning",
    "Equilibrium", "Family", "InvalidGameError", "ModelFileError", "OptionalDependencyError",
    "ParameterError",
    "SignallingGame", "SolveResult", "UndecidableConditionError", "UnknownLabelError",
    "UnsupportedGameError", "WorkerLostError", "belief", "solve", "verify",
]
