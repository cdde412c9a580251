"""The induced strategic form of a signalling game, exactly and as a ``nashpy.Game``.

A pure sender strategy maps each type to a message; a pure receiver strategy maps each
message to one of its actions.  Payoffs are ex-ante expectations over the prior:

    A[s, r] = sum_t prior[t] * u_S(t, s(t), r(s(t)))
    B[s, r] = sum_t prior[t] * u_R(t, s(t), r(s(t)))

Rows (sender strategies) are tuples of messages in type order; columns (receiver
strategies) are tuples of actions in message order; both are listed in
:func:`itertools.product` order (the last entry varies fastest).
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import UnsupportedGameError, require
from ..game import SignallingGame
from .gambit import _numeric

__all__ = ["strategy_labels", "induced_payoffs", "to_nashpy"]

MAX_CELLS = 1_000_000


def strategy_labels(
    game: SignallingGame,
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """Row and column labels of the induced strategic form.

    Returns
    -------
    rows, cols
        ``rows[i][t]`` is the message type ``t`` sends in sender strategy ``i``;
        ``cols[j][m]`` is the action taken after message ``m`` in receiver strategy ``j``.

    Examples
    --------
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"], [[[0, 0], [0, 0]]] * 2,
    ...                                [[[0, 0], [0, 0]]] * 2, types=["L", "H"],
    ...                                messages=["x", "y"], actions=["a", "b"])
    >>> rows, cols = strategy_labels(g)
    >>> rows
    (('x', 'x'), ('x', 'y'), ('y', 'x'), ('y', 'y'))
    >>> cols[1]
    ('a', 'b')
    """
    rows = tuple(itertools.product(game.messages, repeat=len(game.types)))
    cols = tuple(itertools.product(*game.actions))
    return rows, cols


def _size(game: SignallingGame) -> tuple[int, int]:
    n_rows = len(game.messages) ** len(game.types)
    n_cols = 1
    for acts in game.actions:
        n_cols *= len(acts)
    return n_rows, n_cols


def induced_payoffs(
    game: SignallingGame, max_cells: int = MAX_CELLS
) -> tuple[tuple[tuple[Fraction, ...], ...], tuple[tuple[Fraction, ...], ...]]:
    """Exact ex-ante payoff matrices ``(A, B)`` of the sender and the receiver.

    Parameters
    ----------
    game
        A numeric game (no parameters, no belief-dependent payoffs).
    max_cells
        Refuse strategic forms with more cells than this (they grow as
        ``messages**types * prod(actions)``).

    Raises
    ------
    ParameterError, UnsupportedGameError
        A parametric or belief-dependent game; a strategic form that is too large.

    Examples
    --------
    >>> g = SignallingGame.from_arrays(["1/4", "3/4"], [[[1]], [[2]]], [[[4]], [[0]]])
    >>> induced_payoffs(g)
    (((Fraction(7, 4),),), ((Fraction(1, 1),),))
    """
    n_rows, n_cols = _size(game)
    if n_rows * n_cols > max_cells:
        raise UnsupportedGameError(
            f"the induced strategic form has {n_rows} x {n_cols} cells (more than "
            f"max_cells={max_cells})"
        )
    num = _numeric(game)
    m_idx = list(itertools.product(range(len(game.messages)), repeat=len(game.types)))
    a_idx = list(itertools.product(*(range(len(acts)) for acts in game.actions)))
    types = range(len(game.types))
    a_rows, b_rows = [], []
    for s in m_idx:
        a_row, b_row = [], []
        for r in a_idx:
            a_row.append(sum((num.prior[t] * num.sender[t][s[t]][r[s[t]]] for t in types),
                             Fraction(0)))
            b_row.append(sum((num.prior[t] * num.receiver[t][s[t]][r[s[t]]] for t in types),
                             Fraction(0)))
        a_rows.append(tuple(a_row))
        b_rows.append(tuple(b_row))
    return tuple(a_rows), tuple(b_rows)


def to_nashpy(game: SignallingGame, max_cells: int = MAX_CELLS) -> Any:
    """The induced strategic form as a ``nashpy.Game`` (float matrices).

    Nashpy computes in floating point; use :func:`induced_payoffs` for the exact
    matrices and :func:`strategy_labels` for what rows and columns mean.

    Raises
    ------
    OptionalDependencyError
        nashpy is not installed.
    ParameterError, UnsupportedGameError
        As :func:`induced_payoffs`.

    Examples
    --------
    >>> g = SignallingGame.from_arrays(["1/4", "3/4"], [[[1]], [[2]]], [[[4]], [[0]]])
    >>> to_nashpy(g).payoff_matrices[0].tolist()
    [[1.75]]
    """
    nash = require("nashpy", "the induced strategic form as a nashpy game")
    a, b = induced_payoffs(game, max_cells)
    return nash.Game(np.array(a, dtype=float), np.array(b, dtype=float))
