"""The extensive form of a signalling game as drawing data: node positions, edges, info sets.

Nature moves first (left), then each type of sender chooses a message, then the receiver,
who sees the message but not the type, chooses an action; leaves carry the payoffs
``(sender, receiver)``.  The layout is left to right: leaves get consecutive rows (by type,
message, action), every inner node sits at the mean height of its children, and the
receiver's nodes after message ``m`` share one column per message, so each information set
is a vertical dashed line.  :func:`alliance_games.plotting_tree.plot_game_tree` draws it
with matplotlib and :func:`alliance_games.io.tikz.to_tikz` writes it as TikZ; neither
computes a position of its own.

Examples
--------
>>> from alliance_games.examples import beer_quiche
>>> tree = game_tree(beer_quiche())
>>> len(tree.nodes), len(tree.edges), len(tree.info_sets)
(15, 14, 2)
>>> [n.label for n in tree.nodes if n.kind == "type"]
['weak', 'strong']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

__all__ = ["TreeNode", "TreeEdge", "InfoSet", "GameTree", "game_tree"]


@dataclass(frozen=True)
class TreeNode:
    """A node: ``kind`` is ``"nature"``, ``"type"`` (a sender node), ``"receiver"`` or
    ``"leaf"``; ``payoffs`` is ``(sender, receiver)`` at a leaf."""

    id: str
    kind: str
    x: float
    y: float
    label: str = ""
    payoffs: tuple[sp.Expr, sp.Expr] | None = None


@dataclass(frozen=True)
class TreeEdge:
    """A move from ``parent`` to ``child``: its ``label`` (a type, message or action), the
    nature probability for type edges (``prob``), and for a drawn equilibrium the exact
    probability the strategy puts on it (``play``; None when no equilibrium is given)."""

    parent: str
    child: str
    label: str
    kind: str
    prob: sp.Expr | None = None
    play: sp.Expr | None = None


@dataclass(frozen=True)
class InfoSet:
    """The receiver's information set after ``message``: its nodes, top to bottom."""

    message: str
    nodes: tuple[str, ...]
    x: float


@dataclass(frozen=True)
class GameTree:
    """Drawing data for a signalling game (see :func:`game_tree`)."""

    nodes: tuple[TreeNode, ...]
    edges: tuple[TreeEdge, ...]
    info_sets: tuple[InfoSet, ...]
    width: float
    height: float
    title: str = ""
    beliefs: Mapping[str, Any] = field(default_factory=dict)

    def node(self, node_id: str) -> TreeNode:
        """The node with this id."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)


def game_tree(game: Any, equilibrium: Any = None, *, row: float = 1.0, column: float = 2.4,
              message_offset: float = 0.5) -> GameTree:
    """Lay out the game tree of a signalling game (optionally marking an equilibrium).

    Parameters
    ----------
    game : SignallingGame
    equilibrium : Equilibrium, optional
        Its strategies set each edge's ``play`` probability (shown bold when positive)
        and its beliefs are kept for the information-set labels.
    row, column, message_offset
        Vertical distance between leaves; horizontal distance between levels; extra
        horizontal offset of the receiver's column for each further message (so the
        information sets do not overlap).

    Returns
    -------
    GameTree

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> tree = game_tree(beer_quiche())
    >>> [(s.message, len(s.nodes)) for s in tree.info_sets]
    [('beer', 2), ('quiche', 2)]
    >>> tree.node("leaf/weak/beer/duel").payoffs
    (0, 1)
    """
    T, M = len(game.types), len(game.messages)
    nodes: list[TreeNode] = []
    edges: list[TreeEdge] = []
    members: dict[str, list[str]] = {m: [] for m in game.messages}
    x_type, x_recv = column, 2 * column
    x_leaf = 2 * column + (M - 1) * message_offset + column
    leaf = 0
    type_ys = []
    for ti, t in enumerate(game.types):
        recv_ys = []
        for mi, m in enumerate(game.messages):
            acts = game.actions[mi]
            ys = [-(leaf + k) * row for k in range(len(acts))]
            leaf += len(acts)
            rid = f"recv/{t}/{m}"
            for ai, a in enumerate(acts):
                lid = f"leaf/{t}/{m}/{a}"
                nodes.append(TreeNode(lid, "leaf", x_leaf, ys[ai], a, (
                    sp.sympify(game.sender_payoffs[ti][mi][ai]),
                    sp.sympify(game.receiver_payoffs[ti][mi][ai]))))
                play = None if equilibrium is None else sp.sympify(equilibrium.receiver[m][a])
                edges.append(TreeEdge(rid, lid, a, "action", play=play))
            y = sum(ys) / len(ys)
            recv_ys.append(y)
            nodes.append(TreeNode(rid, "receiver", x_recv + mi * message_offset, y, m))
            members[m].append(rid)
            play = None if equilibrium is None else sp.sympify(equilibrium.sender[t][m])
            edges.append(TreeEdge(f"type/{t}", rid, m, "message", play=play))
        y = sum(recv_ys) / len(recv_ys)
        type_ys.append(y)
        nodes.append(TreeNode(f"type/{t}", "type", x_type, y, t))
        edges.append(TreeEdge("nature", f"type/{t}", t, "type",
                              prob=sp.sympify(game.prior[ti])))
    nodes.append(TreeNode("nature", "nature", 0.0, sum(type_ys) / T, "N"))
    infos = tuple(InfoSet(m, tuple(members[m]), x_recv + mi * message_offset)
                  for mi, m in enumerate(game.messages))
    beliefs = {} if equilibrium is None else dict(equilibrium.beliefs)
    # nodes in drawing order: nature, types, receivers, leaves
    order = {"nature": 0, "type": 1, "receiver": 2, "leaf": 3}
    nodes.sort(key=lambda n: (order[n.kind], -n.y))
    return GameTree(tuple(nodes), tuple(edges), infos, width=x_leaf,
                    height=max(leaf - 1, 1) * row, title=getattr(game, "name", "") or "",
                    beliefs=beliefs)
