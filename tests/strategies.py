"""Hypothesis strategies for random signalling games and equilibrium-preserving transforms.

``games()`` draws small games whose payoffs come from a narrow range so that ties (and
hence mixed equilibria, indifferences and degenerate cases) are common.  ``relabellings``
and ``affine_transforms`` draw changes of a game that must not change its equilibria.

Examples
--------
>>> from hypothesis import given
>>> @given(games(max_types=2))
... def test(game):
...     assert len(game.types) <= 2
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp
from hypothesis import strategies as st

from alliance_games.game import SignallingGame

__all__ = ["games", "relabellings", "affine_transforms", "Relabelling", "AffineTransform",
           "rebuild"]


def _numbers(small_ints: bool) -> st.SearchStrategy[Fraction]:
    if small_ints:
        return st.integers(-3, 3).map(Fraction)
    return st.builds(Fraction, st.integers(-6, 6), st.sampled_from([1, 2, 3]))


@st.composite
def games(draw, max_types: int = 4, max_messages: int = 4, max_actions: int = 4,
          per_message_actions: bool = False, small_ints: bool = True, *, min_types: int = 1,
          min_messages: int = 1, min_actions: int = 1) -> SignallingGame:
    """A random numeric signalling game with exact rational prior and payoffs.

    Types are ``t0, t1, ...``, messages ``m0, ...``, actions ``a0, ...``; with
    ``per_message_actions`` each message gets its own number of actions.
    """
    n_t = draw(st.integers(min_types, max_types))
    n_m = draw(st.integers(min_messages, max_messages))
    if per_message_actions:
        n_a = [draw(st.integers(min_actions, max_actions)) for _ in range(n_m)]
    else:
        n_a = [draw(st.integers(min_actions, max_actions))] * n_m
    weights = [draw(st.integers(1, 4)) for _ in range(n_t)]
    prior = [Fraction(w, sum(weights)) for w in weights]
    num = _numbers(small_ints)
    us = [[[draw(num) for _ in range(n_a[m])] for m in range(n_m)] for _ in range(n_t)]
    ur = [[[draw(num) for _ in range(n_a[m])] for m in range(n_m)] for _ in range(n_t)]
    return SignallingGame.from_arrays(
        prior, us, ur, types=[f"t{i}" for i in range(n_t)],
        messages=[f"m{j}" for j in range(n_m)],
        actions=[[f"a{k}" for k in range(n_a[m])] for m in range(n_m)],
        name="random")


def rebuild(game: SignallingGame, prior: Any = None, sender: Any = None, receiver: Any = None,
            types: Any = None, messages: Any = None, actions: Any = None) -> SignallingGame:
    """A copy of ``game`` with some arrays or labels replaced."""
    return SignallingGame.from_arrays(
        list(game.prior) if prior is None else prior,
        game.sender_payoffs if sender is None else sender,
        game.receiver_payoffs if receiver is None else receiver,
        types=list(game.types) if types is None else types,
        messages=list(game.messages) if messages is None else messages,
        actions=[list(a) for a in game.actions] if actions is None else actions,
        name=game.name)


@dataclass(frozen=True)
class Relabelling:
    """A reordering of types, messages and (per message) actions; labels travel along."""

    types: tuple[int, ...]
    messages: tuple[int, ...]
    actions: tuple[tuple[int, ...], ...]  # by original message index

    def apply(self, game: SignallingGame) -> SignallingGame:
        def table(tab):
            return [[[tab[t][m][a] for a in self.actions[m]] for m in self.messages]
                    for t in self.types]
        return rebuild(
            game, prior=[game.prior[t] for t in self.types],
            sender=table(game.sender_payoffs), receiver=table(game.receiver_payoffs),
            types=[game.types[t] for t in self.types],
            messages=[game.messages[m] for m in self.messages],
            actions=[[game.actions[m][a] for a in self.actions[m]] for m in self.messages])


@st.composite
def relabellings(draw, game: SignallingGame) -> Relabelling:
    """A random reordering of ``game``'s types, messages and actions."""
    def perm(n: int) -> tuple[int, ...]:
        return tuple(draw(st.permutations(range(n))))
    return Relabelling(perm(len(game.types)), perm(len(game.messages)),
                       tuple(perm(len(a)) for a in game.actions))


@dataclass(frozen=True)
class AffineTransform:
    """``u -> scale * u + shift`` for one player, which leaves every equilibrium unchanged.

    For the sender the scale and shift may depend on the type; for the receiver the scale
    is common and the shift may depend on the type (it adds a belief-weighted constant that
    is the same for every action).
    """

    player: str  # "sender" or "receiver"
    scale: tuple[Fraction, ...]  # one per type
    shift: tuple[Fraction, ...]  # one per type

    def apply(self, game: SignallingGame) -> SignallingGame:
        tab = game.sender_payoffs if self.player == "sender" else game.receiver_payoffs
        new = [[[sp.Rational(self.scale[t].numerator, self.scale[t].denominator) * x
                 + sp.Rational(self.shift[t].numerator, self.shift[t].denominator)
                 for x in row] for row in tab[t]] for t in range(len(tab))]
        if self.player == "sender":
            return rebuild(game, sender=new)
        return rebuild(game, receiver=new)


_POSITIVE = st.builds(Fraction, st.integers(1, 5), st.integers(1, 3))
_ANY = st.builds(Fraction, st.integers(-5, 5), st.integers(1, 3))


@st.composite
def affine_transforms(draw, game: SignallingGame, player: str | None = None) -> AffineTransform:
    """A random positive affine transform of one player's payoffs in ``game``."""
    who = player or draw(st.sampled_from(["sender", "receiver"]))
    n = len(game.types)
    shift = tuple(draw(_ANY) for _ in range(n))
    if who == "sender":
        scale = tuple(draw(_POSITIVE) for _ in range(n))
    else:
        scale = (draw(_POSITIVE),) * n
    return AffineTransform(who, scale, shift)
