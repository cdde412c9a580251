"""Model files: signalling games written in TOML.

The format is documented in ``docs/model-file.md``.  In short::

    name = "Beer-Quiche"
    types = ["weak", "strong"]
    prior = ["1/10", "9/10"]
    messages = ["beer", "quiche"]
    actions = ["duel", "not_duel"]

    [payoffs]
    sender = [[[0, 2], [1, 3]], [[1, 3], [0, 2]]]      # [type][message][action]
    receiver = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]

Numbers are read exactly (TOML floats through their decimal text, never a binary float);
strings are expressions in the declared parameters and belief symbols ``mu_<type>``, parsed
by the whitelist parser :func:`alliance_games.io.expressions.parse_expression`.  Every
problem raises :class:`~alliance_games.errors.ModelFileError` naming the key and, where it
can be found, the line of the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import sympy as sp

from alliance_games.game import SignallingGame, belief

try:  # Python >= 3.11
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from alliance_games.errors import AllianceGamesError, InvalidGameError, ModelFileError
from alliance_games.io.expressions import (
    RESERVED_NAMES,
    format_expression,
    parse_condition,
    parse_expression,
)
from alliance_games.numbers import check_size, decimal_fraction

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "ModelFile",
    "dumps_game",
    "example_path",
    "list_examples",
    "load_game",
    "load_model",
    "loads_game",
    "loads_model",
    "save_game",
]

#: Largest model file read (characters).
MAX_FILE_SIZE = 5_000_000

_TOP_KEYS = ("name", "description", "source", "types", "prior", "messages", "actions",
             "parameters", "assumptions", "payoffs")
_PARAMETER_KEYS = ("lower", "upper", "description")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_PLAIN_RATIONAL = re.compile(r"^-?\d{1,300}(/\d{1,300})?$")
_QUOTED = re.compile(r"""(["'])(.*?)\1""")


@dataclass(frozen=True)
class ModelFile:
    """A loaded model file: the game plus the descriptive text the game does not keep.

    Attributes
    ----------
    game : SignallingGame
        The game.
    name, description, source : str
        The file's ``name``, ``description`` and ``source`` (citation) entries.
    parameter_descriptions : Mapping[str, str]
        ``description`` of each parameter, by name.
    """

    game: Any
    name: str = ""
    description: str = ""
    source: str = ""
    parameter_descriptions: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}))


# ----------------------------------------------------------------------------- reading
def _read_source(path_or_text: Any) -> tuple[str, str]:
    """Return (text, label used in messages)."""
    if isinstance(path_or_text, bytes):
        raise ModelFileError("pass a path or the TOML text as str, not bytes")
    if isinstance(path_or_text, str) and ("\n" in path_or_text or (
            "=" in path_or_text and not os.path.exists(path_or_text))):
        return path_or_text, "model"
    if isinstance(path_or_text, (str, os.PathLike)):
        path = Path(path_or_text)
        label = str(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ModelFileError(f"{label}: cannot read model file: {exc.strerror or exc}") \
                from None
        if size > MAX_FILE_SIZE:
            raise ModelFileError(f"{label}: file larger than {MAX_FILE_SIZE} bytes")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ModelFileError(f"{label}: cannot read model file: {exc.strerror or exc}") \
                from None
    elif hasattr(path_or_text, "read_bytes"):  # importlib.resources Traversable
        label = str(getattr(path_or_text, "name", path_or_text))
        try:
            data = path_or_text.read_bytes()
        except OSError as exc:
            raise ModelFileError(f"{label}: cannot read model file: {exc}") from None
    else:
        raise ModelFileError(
            f"expected a path or TOML text, got {type(path_or_text).__name__}")
    if len(data) > MAX_FILE_SIZE:
        raise ModelFileError(f"{label}: file larger than {MAX_FILE_SIZE} bytes")
    try:
        return data.decode("utf-8-sig"), label  # a byte-order mark is accepted
    except UnicodeDecodeError as exc:
        raise ModelFileError(f"{label}: not UTF-8 text ({exc.reason} at byte {exc.start})") \
            from None


class _Reader:
    """Validates one parsed TOML document and builds the game."""

    def __init__(self, text: str, label: str):
        self.text = text
        self.lines = text.splitlines()
        self.label = label
        self._key_lines: dict[str, int | None] = {}
        self._string_lines: dict[str, int] | None = None

    # -- messages ----------------------------------------------------------------------
    def line_of_key(self, key: str) -> int | None:
        """Line of ``key = ...`` or of a ``[key]``/``[parent.key]`` header (first match)."""
        if key not in self._key_lines:
            self._key_lines[key] = self._find_key(key)
        return self._key_lines[key]

    def _find_key(self, key: str) -> int | None:
        last = key.split(".")[-1]
        pattern = re.compile(
            r"^\s*(\[+\s*)?([\w.\-\"' ]*\.)?\s*[\"']?" + re.escape(last) + r"[\"']?\s*(=|\]|\.)")
        for i, line in enumerate(self.lines, 1):
            if pattern.match(line):
                return i
        return None

    def line_of_string(self, value: str) -> int | None:
        """First line holding the quoted string ``value`` (an index built in one pass, so
        that loading stays linear in the file size)."""
        if not value or "\n" in value:
            return None
        if self._string_lines is None:
            index: dict[str, int] = {}
            for i, line in enumerate(self.lines, 1):
                for match in _QUOTED.finditer(line):
                    index.setdefault(match.group(2), i)
            self._string_lines = index
        return self._string_lines.get(value)

    def where(self, key: str, line: int | None = None) -> str:
        if line is None:
            line = self.line_of_key(key.split("[")[0])
        at = f" (file line {line})" if line else ""
        return f"{self.label}: {key}{at}"

    def error(self, key: str, problem: str, line: int | None = None) -> ModelFileError:
        return ModelFileError(f"{self.where(key, line)}: {problem}")

    # -- values ------------------------------------------------------------------------
    def string(self, doc: Mapping, key: str, default: str | None = None) -> str:
        if key not in doc:
            if default is None:
                raise self.error(key, "missing (required)")
            return default
        value = doc[key]
        if not isinstance(value, str):
            raise self.error(key, f"must be a string, got {_kind(value)}")
        return value

    def labels(self, doc: Mapping, key: str) -> list[str]:
        if key not in doc:
            raise self.error(key, "missing (required): a list of labels")
        value = doc[key]
        if not isinstance(value, list) or not value:
            raise self.error(key, f"must be a non-empty list of strings, got {_kind(value)}")
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.error(f"{key}[{i}]", f"labels must be non-empty strings, got "
                                 f"{_kind(item)}", self.line_of_key(key))
            out.append(item)
        seen: set[str] = set()
        dupes = sorted({x for x in out if x in seen or seen.add(x)})
        if dupes:
            raise self.error(key, f"duplicate label(s) {dupes}")
        return out

    def number_or_expression(self, value: Any, key: str, symbols: Mapping[str, sp.Symbol],
                             line_key: str) -> sp.Expr:
        if isinstance(value, bool):
            raise self.error(key, f"expected a number or an expression string, got {value!r}",
                             self.line_of_key(line_key))
        try:
            if isinstance(value, int):
                return check_size(sp.Integer(value), "number")
            if isinstance(value, Decimal):
                if not value.is_finite():
                    raise self.error(key, f"non-finite number {value}",
                                     self.line_of_key(line_key))
                frac = decimal_fraction(value, "number")
                return sp.Rational(frac.numerator, frac.denominator)
        except InvalidGameError as exc:
            raise self.error(key, str(exc), self.line_of_key(line_key)) from None
        if isinstance(value, str) and _PLAIN_RATIONAL.match(value):  # fast path: "3/7", "-2"
            num, _, den = value.partition("/")
            if int(den or 1) != 0:
                try:
                    return check_size(sp.Rational(int(num), int(den or 1)), "number")
                except InvalidGameError as exc:
                    raise self.error(key, str(exc), self.line_of_key(line_key)) from None
        if isinstance(value, str):
            line = self.line_of_string(value) or self.line_of_key(line_key)
            return parse_expression(value, symbols, where=self.where(key, line))
        raise self.error(key, f"expected a number or an expression string, got {_kind(value)}",
                         self.line_of_key(line_key))

    # -- sections ----------------------------------------------------------------------
    def parameters(self, doc: Mapping, beliefs: set[str]):
        raw = doc.get("parameters", {})
        if not isinstance(raw, dict):
            raise self.error("parameters", f"must be a table of [parameters.<name>] tables, "
                             f"got {_kind(raw)}")
        params: dict[sp.Symbol, tuple[sp.Expr | None, sp.Expr | None]] = {}
        descriptions: dict[str, str] = {}
        for name, spec in raw.items():
            key = f"parameters.{name}"
            if not name.isidentifier() or not name.isascii():
                raise self.error(key, f"parameter name {name!r} is not an ASCII identifier")
            if name in RESERVED_NAMES or name.startswith("__"):
                raise self.error(key, f"parameter name {name!r} is reserved")
            if name in beliefs:
                raise self.error(key, f"parameter name {name!r} clashes with a belief symbol "
                                 "mu_<type>")
            if not isinstance(spec, dict):
                raise self.error(key, f"must be a table (lower, upper, description), got "
                                 f"{_kind(spec)}")
            unknown = sorted(set(spec) - set(_PARAMETER_KEYS))
            if unknown:
                raise self.error(f"{key}.{unknown[0]}", "unknown key (allowed: lower, upper, "
                                 "description)")
            bounds = []
            for side in ("lower", "upper"):
                if side in spec:
                    value = self.number_or_expression(spec[side], f"{key}.{side}", {}, side)
                    if not value.is_number:
                        raise self.error(f"{key}.{side}", "bound must be a number")
                    bounds.append(value)
                else:
                    bounds.append(None)
            lo, hi = bounds
            if lo is not None and hi is not None and not bool(lo < hi):
                raise self.error(key, f"empty range: lower = {lo} is not below upper = {hi}")
            if "description" in spec:
                descriptions[name] = self.string(spec, "description")
            params[sp.Symbol(name)] = (lo, hi)
        return params, descriptions

    def prior(self, doc: Mapping, types: list[str], symbols: Mapping[str, sp.Symbol]):
        if "prior" not in doc:
            raise self.error("prior", "missing (required): one probability per type")
        raw = doc["prior"]
        if isinstance(raw, dict):
            unknown = sorted(set(raw) - set(types))
            if unknown:
                raise self.error(f"prior.{unknown[0]}", f"unknown type; types are {types}")
            missing = [t for t in types if t not in raw]
            if missing:
                raise self.error("prior", f"no probability for type(s) {missing}")
            raw = [raw[t] for t in types]
        if not isinstance(raw, list):
            raise self.error("prior", f"must be a list (one entry per type), got {_kind(raw)}")
        if len(raw) != len(types):
            raise self.error("prior", f"has {len(raw)} entries but there are {len(types)} types")
        return [self.number_or_expression(x, f"prior[{i}]", symbols, "prior")
                for i, x in enumerate(raw)]

    def actions(self, doc: Mapping, messages: list[str]) -> list[list[str]]:
        if "actions" not in doc:
            raise self.error("actions", "missing (required): a list of actions, or a table "
                             "{message = [actions]}")
        raw = doc["actions"]
        if isinstance(raw, dict):
            unknown = sorted(set(raw) - set(messages))
            if unknown:
                raise self.error(f"actions.{unknown[0]}", f"unknown message; messages are "
                                 f"{messages}")
            missing = [m for m in messages if m not in raw]
            if missing:
                raise self.error("actions", f"no actions for message(s) {missing}")
            return [self.labels(raw, m) for m in messages]
        if isinstance(raw, list) and raw and all(isinstance(x, list) for x in raw):
            if len(raw) != len(messages):
                raise self.error("actions", f"has {len(raw)} lists but there are "
                                 f"{len(messages)} messages")
            return [self.labels({f"actions[{i}]": x}, f"actions[{i}]")
                    for i, x in enumerate(raw)]
        shared = self.labels(doc, "actions")
        return [shared for _ in messages]

    def payoffs(self, doc: Mapping, types, messages, actions, symbols):
        if "payoffs" not in doc:
            raise self.error("payoffs", "missing (required): a [payoffs] table with sender "
                             "and receiver")
        raw = doc["payoffs"]
        if not isinstance(raw, dict):
            raise self.error("payoffs", f"must be a table, got {_kind(raw)}")
        unknown = sorted(set(raw) - {"sender", "receiver"})
        if unknown:
            raise self.error(f"payoffs.{unknown[0]}", "unknown key (allowed: sender, receiver)")
        out = []
        for who in ("sender", "receiver"):
            key = f"payoffs.{who}"
            if who not in raw:
                raise self.error(key, "missing (required): nested array [type][message][action]")
            table = raw[who]
            if not isinstance(table, list) or len(table) != len(types):
                raise self.error(key, f"must be a list with one entry per type ({len(types)}), "
                                 f"got {_count(table)}")
            rows = []
            for t, row in enumerate(table):
                if not isinstance(row, list) or len(row) != len(messages):
                    raise self.error(f"{key}[{t}]", f"type {types[t]!r} needs one list per "
                                     f"message ({len(messages)}), got {_count(row)}",
                                     self.line_of_key(who))
                cells = []
                for m, cell in enumerate(row):
                    n_actions = len(actions[m])
                    if not isinstance(cell, list) or len(cell) != n_actions:
                        raise self.error(
                            f"{key}[{t}][{m}]", f"type {types[t]!r}, message {messages[m]!r} "
                            f"needs one entry per action ({n_actions}), got {_count(cell)}",
                            self.line_of_key(who))
                    cells.append([self.number_or_expression(x, f"{key}[{t}][{m}][{a}]",
                                                            symbols, who)
                                  for a, x in enumerate(cell)])
                rows.append(cells)
            out.append(rows)
        return out

    def assumptions(self, doc: Mapping, symbols: Mapping[str, sp.Symbol]):
        raw = doc.get("assumptions", [])
        if not isinstance(raw, list):
            raise self.error("assumptions", f"must be a list of strings, got {_kind(raw)}")
        out = []
        for i, item in enumerate(raw):
            key = f"assumptions[{i}]"
            if not isinstance(item, str):
                raise self.error(key, f"must be an inequality string such as \"c < 1\", got "
                                 f"{_kind(item)}", self.line_of_key("assumptions"))
            line = self.line_of_string(item) or self.line_of_key("assumptions")
            cond = parse_condition(item, symbols, where=self.where(key, line))
            if cond is sp.false:
                raise self.error(key, f"assumption {item!r} is always false", line)
            if cond is not sp.true:
                out.append(cond)
        return out

    def _with_line(self, message: str) -> str:
        """Add the file line of the key a game-construction error is about, if known."""
        for pattern, key in ((r"\bprior\b", "prior"), (r"\bsender_payoffs\b", "sender"),
                             (r"\breceiver_payoffs\b", "receiver"),
                             (r"\bassumption", "assumptions")):
            if re.search(pattern, message):
                line = self.line_of_key(key)
                if line:
                    return f"{message} (file line {line})"
        return message

    # -- whole document ----------------------------------------------------------------
    def read(self) -> ModelFile:
        try:
            doc = tomllib.loads(self.text, parse_float=Decimal)
        except tomllib.TOMLDecodeError as exc:
            raise ModelFileError(f"{self.label}: invalid TOML: {exc}") from None
        except ValueError as exc:  # e.g. an integer over Python's 4300-digit limit
            raise ModelFileError(f"{self.label}: unreadable number in the TOML: {exc}") from None
        except (RecursionError, MemoryError):
            raise ModelFileError(f"{self.label}: TOML nested too deeply") from None
        unknown = [k for k in doc if k not in _TOP_KEYS]
        if unknown:
            raise self.error(unknown[0], f"unknown key (allowed: {', '.join(_TOP_KEYS)})")
        name = self.string(doc, "name", "")
        description = self.string(doc, "description", "")
        source = self.string(doc, "source", "")
        types = self.labels(doc, "types")
        messages = self.labels(doc, "messages")
        actions = self.actions(doc, messages)
        beliefs = {f"mu_{t}": t for t in types if t.isidentifier()}
        params, descriptions = self.parameters(doc, set(beliefs))
        param_symbols = {p.name: p for p in params}
        payoff_symbols = dict(param_symbols)
        payoff_symbols.update({name: belief(t) for name, t in beliefs.items()})
        prior = self.prior(doc, types, param_symbols)
        assumptions = self.assumptions(doc, param_symbols)
        sender, receiver = self.payoffs(doc, types, messages, actions, payoff_symbols)
        try:
            game = _build_game(prior, sender, receiver, types, messages, actions, params,
                               assumptions, name, self.label)
        except ModelFileError as exc:
            raise ModelFileError(self._with_line(str(exc))) from exc.__cause__
        return ModelFile(game=game, name=name, description=description, source=source,
                         parameter_descriptions=MappingProxyType(descriptions))


def _build_game(prior, sender, receiver, types, messages, actions, params, assumptions, name,
                label):
    try:
        return SignallingGame.from_arrays(
            prior, sender, receiver, types=types, messages=messages,
            actions={m: a for m, a in zip(messages, actions)}, parameters=params,
            assumptions=assumptions, name=name)
    except ModelFileError:
        raise
    except AllianceGamesError as exc:
        raise ModelFileError(f"{label}: {exc}") from exc
    except (TypeError, ValueError, ArithmeticError, RecursionError) as exc:
        raise ModelFileError(f"{label}: cannot build the game: {exc}") from exc


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return f"a string {value[:30]!r}"
    if isinstance(value, (int, Decimal)):
        return f"the number {value}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def _count(value: Any) -> str:
    return f"{len(value)} entries" if isinstance(value, list) else _kind(value)


def loads_model(text: str) -> ModelFile:
    """Read a model file from TOML text, keeping its description and source.

    Examples
    --------
    >>> m = loads_model('''
    ... name = "trivial"
    ... description = "one type, one message"
    ... types = ["t"]
    ... prior = [1]
    ... messages = ["m"]
    ... actions = ["a", "b"]
    ... [payoffs]
    ... sender = [[[1, 0]]]
    ... receiver = [[[0, 1]]]
    ... ''')
    >>> m.description, m.game.actions
    ('one type, one message', (('a', 'b'),))
    """
    if not isinstance(text, str):
        raise ModelFileError(f"expected TOML text, got {type(text).__name__}")
    if len(text) > MAX_FILE_SIZE:
        raise ModelFileError(f"model text longer than {MAX_FILE_SIZE} characters")
    return _Reader(text.removeprefix("\ufeff"), "model").read()


def load_model(path_or_text: Any) -> ModelFile:
    """Read a model file from a path (or TOML text), keeping its description and source.

    Examples
    --------
    >>> load_model(example_path("beer_quiche")).source.startswith("Cho")
    True
    """
    text, label = _read_source(path_or_text)
    return _Reader(text.removeprefix("\ufeff"), label).read()


def loads_game(text: str) -> SignallingGame:
    """Read a game from TOML text.

    Examples
    --------
    >>> g = loads_game('types = ["t"]\\nprior = [1]\\nmessages = ["m"]\\nactions = ["a"]\\n'
    ...                '[payoffs]\\nsender = [[["1/2"]]]\\nreceiver = [[[0]]]\\n')
    >>> g.sender_payoffs
    (((1/2,),),)
    """
    return loads_model(text).game


def load_game(path_or_text: Any) -> SignallingGame:
    """Read a game from a model file.

    Parameters
    ----------
    path_or_text : str, os.PathLike or importlib.resources Traversable
        A path to a ``.toml`` model file, or the TOML text itself (any string with a line
        break is taken as text).

    Returns
    -------
    SignallingGame

    Raises
    ------
    ModelFileError
        The file cannot be read, is not valid TOML, misses a key, has a bad value or a
        forbidden expression; the message names the key and, where found, the file line.

    Examples
    --------
    >>> g = load_game(example_path("beer_quiche"))
    >>> g.types, g.messages
    (('weak', 'strong'), ('beer', 'quiche'))
    """
    return load_model(path_or_text).game


# ----------------------------------------------------------------------------- writing
def _toml_string(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            raise ModelFileError(f"cannot write a lone surrogate in {text!r}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_value(value: Any, where: str) -> str:
    if isinstance(value, sp.Integer):
        return str(int(value))
    try:
        return _toml_string(format_expression(value))
    except ModelFileError as exc:
        raise ModelFileError(f"{where}: {exc}") from None


def _toml_labels(labels) -> str:
    return "[" + ", ".join(_toml_string(x) for x in labels) + "]"


def dumps_game(game: SignallingGame, *, description: str = "", source: str = "",
               parameter_descriptions: Mapping[str, str] | None = None) -> str:
    """Write a game as model-file TOML text (read back by :func:`loads_game`).

    Numbers are written exactly: integers bare, other rationals and expressions as strings
    (``"1/10"``, ``"2 - c"``).

    Raises
    ------
    ModelFileError
        Something the format cannot hold: a float, a function outside the expression
        whitelist, a parameter name that is not an identifier.

    Examples
    --------
    >>> from alliance_games.game import SignallingGame
    >>> g = SignallingGame.from_arrays(["1/3", "2/3"], [[[1]], [[2]]], [[[0]], [[0]]],
    ...                                types=["a", "b"], messages=["m"], actions=["x"])
    >>> loads_game(dumps_game(g)) == g
    True
    """
    descriptions = dict(parameter_descriptions or {})
    lines = []
    if game.name:
        lines.append(f"name = {_toml_string(game.name)}")
    if description:
        lines.append(f"description = {_toml_string(description)}")
    if source:
        lines.append(f"source = {_toml_string(source)}")
    lines.append("")
    lines.append(f"types = {_toml_labels(game.types)}")
    prior = ", ".join(_toml_value(x, f"prior[{i}]") for i, x in enumerate(game.prior))
    lines.append(f"prior = [{prior}]")
    lines.append(f"messages = {_toml_labels(game.messages)}")
    shared = all(a == game.actions[0] for a in game.actions)
    if shared:
        lines.append(f"actions = {_toml_labels(game.actions[0])}")
    if game.assumptions:
        items = ", ".join(_toml_value(a, f"assumptions[{i}]")
                          for i, a in enumerate(game.assumptions))
        lines.append(f"assumptions = [{items}]")
    if not shared:
        lines += ["", "[actions]"]
        for m, acts in zip(game.messages, game.actions):
            lines.append(f"{_toml_key(m)} = {_toml_labels(acts)}")
    for sym, (lo, hi) in game.parameters.items():
        name = sym.name
        if not name.isidentifier() or not name.isascii() or name in RESERVED_NAMES:
            raise ModelFileError(f"parameter name {name!r} cannot be written to a model file "
                                 "(it must be an ASCII identifier and not a function name)")
        lines += ["", f"[parameters.{name}]"]
        if lo is not None:
            lines.append(f"lower = {_toml_value(lo, f'parameters.{name}.lower')}")
        if hi is not None:
            lines.append(f"upper = {_toml_value(hi, f'parameters.{name}.upper')}")
        if name in descriptions:
            lines.append(f"description = {_toml_string(descriptions[name])}")
    lines += ["", "# payoffs[type][message][action]", "[payoffs]"]
    for who, table in (("sender", game.sender_payoffs), ("receiver", game.receiver_payoffs)):
        lines.append(f"{who} = [")
        for t, rows in enumerate(table):
            lines.append(f"  [  # type {game.types[t]}")
            for m, row in enumerate(rows):
                cells = ", ".join(_toml_value(x, f"payoffs.{who}[{t}][{m}][{a}]")
                                  for a, x in enumerate(row))
                comment = f"{game.messages[m]}: {', '.join(game.actions[m])}"
                lines.append(f"    [{cells}],  # {' '.join(comment.splitlines())}")
            lines.append("  ],")
        lines.append("]")
    return "\n".join(lines) + "\n"


def save_game(game: SignallingGame, path: str | os.PathLike, **metadata: Any) -> None:
    """Write a game to a model file (UTF-8 TOML); keywords as in :func:`dumps_game`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> g = load_game(example_path("beer_quiche"))
    >>> with tempfile.TemporaryDirectory() as d:
    ...     save_game(g, pathlib.Path(d) / "bq.toml")
    ...     load_game(pathlib.Path(d) / "bq.toml") == g
    True
    """
    text = dumps_game(game, **metadata)
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        raise ModelFileError(f"{path}: cannot write model file: {exc.strerror or exc}") from None


# ----------------------------------------------------------------------------- examples
def list_examples() -> tuple[str, ...]:
    """Names of the example model files shipped with the package.

    Examples
    --------
    >>> "beer_quiche" in list_examples()
    True
    """
    root = resources.files("alliance_games.models")
    return tuple(sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".toml")))


def example_path(name: str) -> Traversable:
    """The path of a shipped example model file, e.g. ``example_path("beer_quiche")``.

    Returns an :mod:`importlib.resources` traversable (a :class:`pathlib.Path` for a normal
    installation) that :func:`load_game` accepts.

    Raises
    ------
    ModelFileError
        No such example (the message lists those available).

    Examples
    --------
    >>> example_path("spence_parametric.toml").name
    'spence_parametric.toml'
    """
    stem = name[:-5] if name.endswith(".toml") else name
    path = resources.files("alliance_games.models") / f"{stem}.toml"
    if not path.is_file():
        raise ModelFileError(f"no example model {name!r}; available: "
                             f"{', '.join(list_examples())}")
    return path
