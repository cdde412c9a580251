"""Gambit interoperability: ``.efg`` files and ``pygambit`` games.

A signalling game is written as an extensive game with two players, player 1 the
sender and player 2 the receiver:

* the root is a chance move whose actions are the types, with the prior as probabilities;
* after each type the sender moves at an information set of its own (one per type,
  labelled with the type), choosing a message;
* after each message the receiver moves at one information set per message (labelled
  with the message, shared by all types), choosing among that message's actions;
* every terminal node carries an outcome with the exact payoffs ``[sender, receiver]``.

:func:`write_efg` and :func:`read_efg` work on Gambit's text format (EFG version 2) and
need no optional dependency; :func:`to_gambit` builds a ``pygambit.Game`` and needs
``pygambit`` (``pip install 'alliance_games[test]'``).  Only numeric games can be
exported: substitute parameter values first with :meth:`SignallingGame.subs`.

References
----------
Gambit's file formats: https://gambitproject.readthedocs.io/en/latest/formats.html
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import IO, Any

import sympy as sp

from ..errors import (
    AllianceGamesError,
    InvalidGameError,
    ModelFileError,
    ParameterError,
    UnsupportedGameError,
    require,
)
from ..game import SignallingGame
from ..numbers import decimal_fraction, to_exact

__all__ = [
    "SENDER",
    "RECEIVER",
    "efg_text",
    "write_efg",
    "parse_efg",
    "read_efg",
    "to_gambit",
    "behavior_profile",
    "profile_strategies",
]

SENDER = "Sender"
RECEIVER = "Receiver"

PathOrFile = str | os.PathLike | IO[str]

_COMMENT = (
    "Signalling game written by alliance_games: chance draws the sender's type, the sender "
    "(player 1) sees it and sends a message, the receiver (player 2) sees only the message "
    "and acts."
)


# ---------------------------------------------------------------------- exact numbers
@dataclass(frozen=True)
class _Numeric:
    """A numeric game's prior and payoffs as Fractions, indexed like the game."""

    prior: tuple[Fraction, ...]
    sender: tuple[tuple[tuple[Fraction, ...], ...], ...]
    receiver: tuple[tuple[tuple[Fraction, ...], ...], ...]


def _fraction(x: sp.Expr, where: str) -> Fraction:
    if isinstance(x, sp.Rational):
        return Fraction(int(x.p), int(x.q))
    raise UnsupportedGameError(
        f"{where} = {x} is not a rational number; Gambit files hold rational payoffs only"
    )


def _numeric(game: SignallingGame) -> _Numeric:
    """Check that ``game`` can be exported and return its numbers as Fractions."""
    if game.free_parameters:
        names = ", ".join(sorted(map(str, game.free_parameters)))
        raise ParameterError(
            f"game {game.name!r} depends on parameters ({names}); substitute values first, "
            "for example game.subs({symbol: value, ...}), then export"
        )
    if game.has_belief_payoffs:
        raise UnsupportedGameError(
            "payoffs that depend on the receiver's belief (mu_<type>) cannot be written as "
            "a Gambit game, whose outcomes are fixed numbers"
        )

    def table(tab, who: str):
        return tuple(
            tuple(
                tuple(_fraction(x, f"{who}[{t}][{m}][{a}]") for a, x in enumerate(row))
                for m, row in enumerate(rows)
            )
            for t, rows in enumerate(tab)
        )

    return _Numeric(
        prior=tuple(_fraction(p, f"prior[{i}]") for i, p in enumerate(game.prior)),
        sender=table(game.sender_payoffs, "sender_payoffs"),
        receiver=table(game.receiver_payoffs, "receiver_payoffs"),
    )


def _num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------- writing
def efg_text(game: SignallingGame) -> str:
    """The game in Gambit's ``.efg`` text format (version 2, exact rationals).

    Parameters
    ----------
    game
        A numeric signalling game (no free parameters, no belief-dependent payoffs).

    Returns
    -------
    str
        The file contents; nodes are listed in depth-first (prefix) order.

    Raises
    ------
    ParameterError
        The game depends on parameters: substitute values first.
    UnsupportedGameError
        Payoffs depend on beliefs, or a number is not rational.

    Examples
    --------
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"], [[[1]], [[2]]], [[[0]], [[0]]],
    ...                                types=["L", "H"], messages=["m"], actions=["a"])
    >>> print(efg_text(g), end="")  # doctest: +ELLIPSIS
    EFG 2 R "" { "Sender" "Receiver" }
    "Signalling game written by alliance_games: ..."
    <BLANKLINE>
    c "" 1 "type" { "L" 1/2 "H" 1/2 } 0
    p "L" 1 1 "L" { "m" } 0
    p "" 2 1 "m" { "a" } 0
    t "" 1 "L, m, a" { 1, 0 }
    p "H" 1 2 "H" { "m" } 0
    p "" 2 1 "m" { "a" } 0
    t "" 2 "H, m, a" { 2, 0 }
    """
    num = _numeric(game)
    out = io.StringIO()
    out.write(f"EFG 2 R {_quote(game.name)} {{ {_quote(SENDER)} {_quote(RECEIVER)} }}\n")
    out.write(_quote(_COMMENT) + "\n\n")
    chance = " ".join(f"{_quote(t)} {_num(p)}" for t, p in zip(game.types, num.prior, strict=True))
    out.write(f'c "" 1 "type" {{ {chance} }} 0\n')
    msgs = " ".join(_quote(m) for m in game.messages)
    outcome = 0
    for ti, t in enumerate(game.types):
        out.write(f"p {_quote(t)} 1 {ti + 1} {_quote(t)} {{ {msgs} }} 0\n")
        for mi, m in enumerate(game.messages):
            acts = " ".join(_quote(a) for a in game.actions[mi])
            out.write(f'p "" 2 {mi + 1} {_quote(m)} {{ {acts} }} 0\n')
            for ai, a in enumerate(game.actions[mi]):
                outcome += 1
                us, ur = num.sender[ti][mi][ai], num.receiver[ti][mi][ai]
                out.write(
                    f't "" {outcome} {_quote(f"{t}, {m}, {a}")} {{ {_num(us)}, {_num(ur)} }}\n'
                )
    return out.getvalue()


def write_efg(game: SignallingGame, path_or_file: PathOrFile) -> None:
    """Write ``game`` as a Gambit ``.efg`` file (UTF-8); no pygambit needed.

    Parameters
    ----------
    game
        A numeric signalling game.
    path_or_file
        A path, or an open text file (anything with ``write``).

    Raises
    ------
    ParameterError, UnsupportedGameError
        As :func:`efg_text`.

    Examples
    --------
    >>> buf = io.StringIO()
    >>> g = SignallingGame.from_arrays([1], [[[1, 0]]], [[[0, 1]]])
    >>> write_efg(g, buf)
    >>> buf.getvalue().splitlines()[0]
    'EFG 2 R "" { "Sender" "Receiver" }'
    """
    text = efg_text(game)
    if hasattr(path_or_file, "write"):
        path_or_file.write(text)  # type: ignore[union-attr]
        return
    if not isinstance(path_or_file, (str, os.PathLike)):
        raise ModelFileError(f"write_efg needs a path or an open text file, got "
                             f"{type(path_or_file).__name__}")
    try:
        with open(path_or_file, "w", encoding="utf-8") as fh:  # type: ignore[arg-type]
            fh.write(text)
    except OSError as exc:
        raise ModelFileError(f"cannot write {os.fspath(path_or_file)!s}: "
                             f"{exc.strerror or exc}") from None


# ---------------------------------------------------------------------- lexing
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
    | (?P<text>"(?:[^"\\]|\\.)*")
    | (?P<lbrace>\{) | (?P<rbrace>\}) | (?P<comma>,)
    | (?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:/\d+)?)(?=[\s{},]|\Z)
    | (?P<symbol>[^\s{},"]+)
    """,
    re.VERBOSE | re.DOTALL,
)
_UNESCAPE = re.compile(r'\\(["\\])')


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    line: int


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    pos, line = 0, 1
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            what = "an unterminated string" if text[pos] == '"' else repr(text[pos])
            raise ModelFileError(f"line {line}: cannot read {what}")
        kind = match.lastgroup or ""
        value = match.group()
        if kind == "text":
            out.append(_Token(kind, _UNESCAPE.sub(r"\1", value[1:-1]), line))
        elif kind != "ws":
            out.append(_Token(kind, value, line))
        line += value.count("\n")
        pos = match.end()
    return out


# ---------------------------------------------------------------------- parsing
@dataclass
class _Node:
    kind: str  # "c" chance, "p" personal, "t" terminal
    player: int  # 0 for chance and terminal nodes
    infoset: int
    outcome: int
    line: int
    children: list[_Node] = field(default_factory=list)


@dataclass(frozen=True)
class _Infoset:
    label: str
    actions: tuple[str, ...]
    probs: tuple[Fraction, ...] | None


@dataclass
class _Tree:
    title: str = ""
    players: tuple[str, ...] = ()
    root: _Node | None = None
    infosets: dict[tuple[int, int], _Infoset] = field(default_factory=dict)
    outcomes: dict[int, tuple[Fraction, ...]] = field(default_factory=dict)


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.pos = 0
        self.tree = _Tree()

    # -- token helpers
    def _peek(self) -> _Token | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def _line(self) -> int:
        """The line of the last token read (1 before any)."""
        return self.toks[self.pos - 1].line if self.pos else 1

    def _fail(self, message: str, line: int | None = None) -> ModelFileError:
        return ModelFileError(f"line {line or self._line()}: {message}")

    def _next(self, kind: str, what: str) -> str:
        tok = self._peek()
        if tok is None or tok.kind != kind:
            found = "end of file" if tok is None else repr(tok.text)
            raise self._fail(f"expected {what}, found {found}", tok.line if tok else None)
        self.pos += 1
        return tok.text

    def _at(self, kind: str) -> bool:
        tok = self._peek()
        return tok is not None and tok.kind == kind

    def _number(self, what: str) -> Fraction:
        text = self._next("number", what)
        head, _, den = text.partition("/")
        try:
            value = decimal_fraction(head, what)  # bounded before any big number is built
            if den:
                value /= decimal_fraction(den, what)
        except InvalidGameError as exc:
            raise self._fail(str(exc)) from None
        except (ValueError, ZeroDivisionError):
            raise self._fail(f"bad number {text!r} for {what}") from None
        return value

    def _int(self, what: str) -> int:
        value = self._number(what)
        if value.denominator != 1 or value < 0:
            raise self._fail(f"{what} must be a non-negative integer, got {value}")
        return int(value)

    # -- grammar
    def parse(self) -> _Tree:
        if self._next("symbol", "'EFG'") != "EFG":
            raise ModelFileError("line 1: not an .efg file (it must start with 'EFG 2 R')")
        if self._next("number", "version 2") != "2":
            raise self._fail("only EFG version 2 is supported")
        if self._next("symbol", "'R' or 'D'") not in ("R", "D"):
            raise self._fail("the data type must be 'R' or 'D'")
        self.tree.title = self._next("text", "the game's title (a quoted string)")
        self._next("lbrace", "'{' opening the list of players")
        players = []
        while self._at("text"):
            players.append(self._next("text", "a player name"))
        self._next("rbrace", "'}' closing the list of players")
        self.tree.players = tuple(players)
        if self._at("text"):  # optional comment
            self.pos += 1
        try:
            self.tree.root = self._node()
        except RecursionError:
            raise self._fail("the game tree is too deep") from None
        if self._peek() is not None:
            raise self._fail("unexpected content after the last node of the tree")
        return self.tree

    def _node(self) -> _Node:
        tok = self._peek()
        if tok is None:
            raise self._fail("the file ends before the tree is complete")
        kind = self._next("symbol", "a node ('c', 'p' or 't')")
        if kind not in ("c", "p", "t"):
            raise ModelFileError(f"line {tok.line}: unknown node type {kind!r} (use c, p or t)")
        self._next("text", "a node label")
        if kind == "t":
            node = _Node("t", 0, 0, 0, tok.line)
            node.outcome = self._outcome()
            return node
        player = 0
        if kind == "p":
            player = self._int("a player number")
            if not 1 <= player <= len(self.tree.players):
                raise self._fail(f"player {player} is not declared in the header")
        number = self._int("an information set number")
        if self._at("text"):
            self._infoset_definition(kind, player, number)
        elif (player, number) not in self.tree.infosets:
            raise self._fail(f"information set {number} of player {player} is used before "
                             "it is defined")
        node = _Node(kind, player, number, 0, tok.line)
        node.outcome = self._outcome()
        for _ in self.tree.infosets[(player, number)].actions:
            node.children.append(self._node())
        return node

    def _infoset_definition(self, kind: str, player: int, number: int) -> None:
        label = self._next("text", "an information set label")
        self._next("lbrace", "'{' opening the list of actions")
        actions: list[str] = []
        probs: list[Fraction] = []
        while not self._at("rbrace"):
            actions.append(self._next("text", "an action label (a quoted string)"))
            if kind == "c":
                probs.append(self._number("a chance probability"))
        self._next("rbrace", "'}' closing the list of actions")
        if not actions:
            raise self._fail("an information set needs at least one action")
        info = _Infoset(label, tuple(actions), tuple(probs) if kind == "c" else None)
        known = self.tree.infosets.get((player, number))
        if known is not None and known != info:
            raise self._fail(f"information set {number} of player {player} is redefined "
                             "differently")
        self.tree.infosets[(player, number)] = info

    def _outcome(self) -> int:
        number = self._int("an outcome number")
        if self._at("text"):
            if number == 0:
                raise self._fail("the null outcome 0 cannot have a label or payoffs")
            self.pos += 1
            self._next("lbrace", "'{' opening the payoffs")
            payoffs = []
            while not self._at("rbrace"):
                payoffs.append(self._number("a payoff"))
                if self._at("comma"):
                    self.pos += 1
            self._next("rbrace", "'}' closing the payoffs")
            if len(payoffs) != len(self.tree.players):
                raise self._fail(f"outcome {number} has {len(payoffs)} payoffs for "
                                 f"{len(self.tree.players)} players")
            known = self.tree.outcomes.get(number)
            if known is not None and known != tuple(payoffs):
                raise self._fail(f"outcome {number} is redefined with different payoffs")
            self.tree.outcomes[number] = tuple(payoffs)
        elif number and number not in self.tree.outcomes:
            raise self._fail(f"outcome {number} is used before its payoffs are given")
        return number


# ---------------------------------------------------------------------- interpreting
def _payoff(tree: _Tree, path: list[_Node]) -> tuple[Fraction, Fraction]:
    total = [Fraction(0), Fraction(0)]
    for node in path:
        if node.outcome:
            pay = tree.outcomes[node.outcome]
            total = [total[0] + pay[0], total[1] + pay[1]]
    return total[0], total[1]


def _label(text: str, fallback: str) -> str:
    return text if text.strip() else fallback


def _to_game(tree: _Tree) -> SignallingGame:
    def bad(node: _Node, message: str) -> ModelFileError:
        return ModelFileError(f"line {node.line}: not a signalling game: {message}")

    if len(tree.players) != 2:
        raise ModelFileError(
            f"not a signalling game: expected two players (sender, receiver), found "
            f"{len(tree.players)}"
        )
    root = tree.root
    assert root is not None
    if root.kind != "c":
        raise bad(root, "the root must be a chance move that draws the sender's type")
    nature = tree.infosets[(0, root.infoset)]
    assert nature.probs is not None
    sender_sets: list[int] = []
    messages: tuple[str, ...] | None = None
    receiver_sets: list[int] | None = None
    for t_node in root.children:
        if t_node.kind != "p" or t_node.player != 1:
            raise bad(t_node, "after the chance move the sender (player 1) must move")
        if t_node.infoset in sender_sets:
            raise bad(t_node, "two types share a sender information set (the sender must "
                              "know its type)")
        sender_sets.append(t_node.infoset)
        acts = tree.infosets[(1, t_node.infoset)].actions
        if messages is None:
            messages = acts
        elif acts != messages:
            raise bad(t_node, f"types offer different messages: {list(messages)} vs "
                              f"{list(acts)}")
        sets = []
        for m_node in t_node.children:
            if m_node.kind != "p" or m_node.player != 2:
                raise bad(m_node, "after a message the receiver (player 2) must move")
            sets.append(m_node.infoset)
        if len(set(sets)) != len(sets):
            raise bad(t_node, "two messages lead to the same receiver information set")
        if receiver_sets is None:
            receiver_sets = sets
        elif sets != receiver_sets:
            raise bad(t_node, "the receiver's information sets must identify the message "
                              "(one set per message, shared by all types)")
        for m_node in t_node.children:
            for leaf in m_node.children:
                if leaf.kind != "t":
                    raise bad(leaf, "the receiver's move must end the game")
    assert messages is not None and receiver_sets is not None
    type_labels = [
        _label(a, _label(tree.infosets[(1, s)].label, f"t{i}"))
        for i, (a, s) in enumerate(zip(nature.actions, sender_sets, strict=True))
    ]
    message_labels = [_label(m, f"m{j}") for j, m in enumerate(messages)]
    action_labels = [
        [_label(a, f"a{k}") for k, a in enumerate(tree.infosets[(2, s)].actions)]
        for s in receiver_sets
    ]
    us, ur = [], []
    for t_node in root.children:
        us_t, ur_t = [], []
        for m_node in t_node.children:
            pays = [_payoff(tree, [root, t_node, m_node, leaf]) for leaf in m_node.children]
            us_t.append([p[0] for p in pays])
            ur_t.append([p[1] for p in pays])
        us.append(us_t)
        ur.append(ur_t)
    try:
        return SignallingGame.from_arrays(
            list(nature.probs), us, ur, types=type_labels, messages=message_labels,
            actions=action_labels, name=tree.title,
        )
    except AllianceGamesError as exc:
        raise ModelFileError(f"the file describes an invalid signalling game: {exc}") from exc


def parse_efg(text: str) -> SignallingGame:
    """Parse Gambit ``.efg`` text that describes a signalling game.

    The tree must be: a chance move (the types, with the prior), then one sender
    (player 1) information set per type whose actions are the messages (the same list for
    every type), then receiver (player 2) nodes whose information sets identify the
    message, then terminal nodes.  Payoffs of outcomes along a path are added up, as in
    Gambit.  Empty labels get default names (``t0``, ``m0``, ``a0``).

    Raises
    ------
    ModelFileError
        Bad syntax (with the line number), or a tree that is not a signalling game.

    Examples
    --------
    >>> g = SignallingGame.from_arrays([1], [[[1, 0]]], [[[0, 1]]])
    >>> parse_efg(efg_text(g)) == g
    True
    """
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ModelFileError(f"the .efg data are not UTF-8 text ({exc.reason} at byte "
                                 f"{exc.start})") from None
    if not isinstance(text, str):
        raise ModelFileError(f"parse_efg expects the text of an .efg file, got "
                             f"{type(text).__name__} (use read_efg for a path)")
    return _to_game(_Parser(text.removeprefix("\ufeff")).parse())


def read_efg(path_or_file: PathOrFile) -> SignallingGame:
    """Read a signalling game from a Gambit ``.efg`` file (no pygambit needed).

    Parameters
    ----------
    path_or_file
        A path, or an open text file (anything with ``read``).

    Raises
    ------
    ModelFileError
        See :func:`parse_efg`; also a file that cannot be read.

    Examples
    --------
    >>> g = SignallingGame.from_arrays([1], [[[1, 0]]], [[[0, 1]]])
    >>> read_efg(io.StringIO(efg_text(g))).actions
    (('a0', 'a1'),)
    """
    if hasattr(path_or_file, "read"):
        text = path_or_file.read()  # type: ignore[union-attr]
    elif not isinstance(path_or_file, (str, os.PathLike)):
        raise ModelFileError(f"read_efg needs a path or an open file, got "
                             f"{type(path_or_file).__name__}")
    else:
        try:
            with open(path_or_file, encoding="utf-8-sig") as fh:  # type: ignore[arg-type]
                text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise ModelFileError(f"cannot read {os.fspath(path_or_file)!s}: {exc}") from exc  # type: ignore[arg-type]
    return parse_efg(text)


# ---------------------------------------------------------------------- pygambit
def _ascii(label: str) -> str:
    return label.encode("ascii", "backslashreplace").decode("ascii")


def to_gambit(game: SignallingGame) -> Any:
    """The game as a ``pygambit.Game`` (extensive form, exact rational numbers).

    Player ``"Sender"`` has one information set per type (labelled with the type, actions
    = messages); player ``"Receiver"`` has one per message (labelled with the message,
    actions = that message's actions).  Non-ASCII labels are escaped (Gambit stores ASCII).

    Raises
    ------
    OptionalDependencyError
        pygambit is not installed.
    ParameterError, UnsupportedGameError
        As :func:`efg_text`.

    Examples
    --------
    >>> g = SignallingGame.from_arrays(["1/3", "2/3"], [[[1, 0]], [[0, 1]]],
    ...                                [[[1, 0]], [[0, 1]]])
    >>> gg = to_gambit(g)
    >>> [i.label for i in gg.players["Sender"].infosets]
    ['t0', 't1']
    """
    num = _numeric(game)
    gbt = require("pygambit", "exporting a game to Gambit", "test")
    g = gbt.Game.new_tree(players=[SENDER, RECEIVER], title=_ascii(game.name))
    g.description = _COMMENT
    g.append_move(g.root, g.players.chance, [_ascii(t) for t in game.types])
    g.root.infoset.label = "type"
    g.set_chance_probs(g.root.infoset, [gbt.Rational(_num(p)) for p in num.prior])
    type_nodes = list(g.root.children)
    for t, node in zip(game.types, type_nodes, strict=True):
        g.append_move(node, SENDER, [_ascii(m) for m in game.messages])
        node.infoset.label = _ascii(t)
        node.label = _ascii(t)
    for mi, m in enumerate(game.messages):
        nodes = [list(node.children)[mi] for node in type_nodes]
        g.append_move(nodes, RECEIVER, [_ascii(a) for a in game.actions[mi]])
        nodes[0].infoset.label = _ascii(m)
    for ti, t in enumerate(game.types):
        for mi, (m, r_node) in enumerate(zip(game.messages, type_nodes[ti].children, strict=True)):
            for ai, (a, leaf) in enumerate(zip(game.actions[mi], r_node.children, strict=True)):
                pay = [gbt.Rational(_num(num.sender[ti][mi][ai])),
                       gbt.Rational(_num(num.receiver[ti][mi][ai]))]
                outcome = g.add_outcome(_ascii(f"{t}, {m}, {a}"), pay)
                g.set_outcome(leaf, outcome)
    return g


def _walk(gambit_game: Any, game: SignallingGame) -> Iterator[tuple[int, Any, list[Any]]]:
    """Yield ``(type index, sender infoset, receiver infosets by message)``."""
    for ti, node in enumerate(gambit_game.root.children):
        yield ti, node.infoset, [child.infoset for child in node.children]


def behavior_profile(
    gambit_game: Any,
    game: SignallingGame,
    sender: Mapping[str, Mapping[str, Any]],
    receiver: Mapping[str, Mapping[str, Any]],
) -> Any:
    """A rational ``pygambit`` behaviour profile from our strategies.

    Parameters
    ----------
    gambit_game
        ``to_gambit(game)`` or a Gambit game with the same tree.
    sender, receiver
        ``{type: {message: prob}}`` and ``{message: {action: prob}}`` (missing entries
        are 0), for example ``eq.sender`` and ``eq.receiver`` of an equilibrium.

    Examples
    --------
    Beer-quiche's pooling on beer, as a Gambit profile: no player can gain by deviating.

    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> g = beer_quiche()
    >>> eq = solve(g, pure=True)[0]
    >>> eq.label
    'weak:beer strong:beer | beer:not_duel quiche:duel'
    >>> behavior_profile(to_gambit(g), g, eq.sender, eq.receiver).max_regret()
    Rational(0, 1)
    """
    gbt = require("pygambit", "building Gambit profiles", "test")
    prof = gambit_game.mixed_behavior_profile(rational=True)

    def rat(x: Any) -> Any:
        return gbt.Rational(_num(_fraction(to_exact(x, "probability"), "probability")))

    for ti, s_set, r_sets in _walk(gambit_game, game):
        t = game.types[ti]
        for m, action in zip(game.messages, s_set.actions, strict=True):
            prof[action] = rat(sender.get(t, {}).get(m, 0))
        if ti == 0:
            for mi, (m, r_set) in enumerate(zip(game.messages, r_sets, strict=True)):
                for a, action in zip(game.actions[mi], r_set.actions, strict=True):
                    prof[action] = rat(receiver.get(m, {}).get(a, 0))
    return prof


def profile_strategies(
    gambit_game: Any, game: SignallingGame, profile: Any
) -> tuple[dict[str, dict[str, Fraction]], dict[str, dict[str, Fraction]]]:
    """Our ``(sender, receiver)`` behaviour strategies from a ``pygambit`` profile.

    Returns ``{type: {message: prob}}`` and ``{message: {action: prob}}`` with Fraction
    probabilities (exact when the profile is rational).

    Examples
    --------
    Gambit's first pure agent equilibrium of beer-quiche, read back: both types drink
    beer, the receiver duels after quiche only.

    >>> import pygambit
    >>> from alliance_games.examples import beer_quiche
    >>> g = beer_quiche()
    >>> gg = to_gambit(g)
    >>> sender, receiver = profile_strategies(
    ...     gg, g, pygambit.nash.enumpure_agent_solve(gg).equilibria[0])
    >>> sender["weak"], receiver["quiche"]
    ({'beer': Fraction(1, 1), 'quiche': Fraction(0, 1)},
     {'duel': Fraction(1, 1), 'not_duel': Fraction(0, 1)})
    """
    sender: dict[str, dict[str, Fraction]] = {}
    receiver: dict[str, dict[str, Fraction]] = {}
    for ti, s_set, r_sets in _walk(gambit_game, game):
        sender[game.types[ti]] = {
            m: Fraction(str(profile[action]))
            for m, action in zip(game.messages, s_set.actions, strict=True)
        }
        if ti == 0:
            for mi, (m, r_set) in enumerate(zip(game.messages, r_sets, strict=True)):
                receiver[m] = {
                    a: Fraction(str(profile[action]))
                    for a, action in zip(game.actions[mi], r_set.actions, strict=True)
                }
    return sender, receiver
