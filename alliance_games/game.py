"""The signalling game: sender types with a prior, messages, receiver actions, payoffs.

A :class:`SignallingGame` is immutable.  Payoff entries are exact sympy values: numbers,
or expressions in declared *parameters* (each with an admissible range) and in the
receiver's posterior after the message (the *belief symbols* ``mu_<type>``, see
:func:`belief`), for later movers who see the message but not the type.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import sympy as sp

from .errors import InvalidGameError, ParameterError, UnknownLabelError, UnsupportedGameError
from .latex import game_latex
from .numbers import MAX_BELIEF_DEGREE, MAX_DEGREE, check_size, degree, irrational_part, to_exact

Label = str
Bounds = tuple[sp.Expr | None, sp.Expr | None]


def belief(type_label: str) -> sp.Symbol:
    """The symbol for the receiver's posterior probability of ``type_label``.

    Use it in payoff expressions that depend on the public belief after the message;
    the solver substitutes Bayes' rule on the path and ranges over all beliefs off it.

    Examples
    --------
    >>> belief("H")
    mu_H
    """
    return sp.Symbol(f"mu_{type_label}")


@dataclass(frozen=True, eq=False)
class SignallingGame:
    """A finite signalling game with exact (possibly symbolic) payoffs.

    Build it with :meth:`from_arrays`.  Payoffs are indexed ``[type][message][action]``
    where ``action`` runs over the actions available after that message.

    Examples
    --------
    >>> g = SignallingGame.from_arrays(
    ...     ["1/10", "9/10"],
    ...     [[[0, 2], [1, 3]], [[1, 3], [0, 2]]],
    ...     [[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
    ...     types=["weak", "strong"], messages=["beer", "quiche"], actions=["duel", "not"])
    >>> g.prior
    (1/10, 9/10)
    >>> g.sender_payoff("weak", "quiche", "not")
    3
    """

    types: tuple[Label, ...]
    messages: tuple[Label, ...]
    actions: tuple[tuple[Label, ...], ...]
    prior: tuple[sp.Expr, ...]
    sender_payoffs: tuple[tuple[tuple[sp.Expr, ...], ...], ...]
    receiver_payoffs: tuple[tuple[tuple[sp.Expr, ...], ...], ...]
    parameters: Mapping[sp.Symbol, Bounds] = field(default_factory=lambda: MappingProxyType({}))
    assumptions: tuple[sp.Basic, ...] = ()
    name: str = ""
    closed: Mapping[sp.Symbol, tuple[bool, bool]] = field(
        default_factory=lambda: MappingProxyType({}))

    # ------------------------------------------------------------------ building
    @classmethod
    def from_arrays(
        cls,
        prior: Sequence[Any],
        sender_payoffs: Any,
        receiver_payoffs: Any,
        *,
        types: Sequence[Any] | None = None,
        messages: Sequence[Any] | None = None,
        actions: Sequence[Any] | Mapping[Any, Sequence[Any]] | None = None,
        parameters: Mapping[Any, Any] | None = None,
        assumptions: Sequence[sp.Basic] = (),
        name: str = "",
    ) -> SignallingGame:
        """Build and validate a game from nested arrays.

        Parameters
        ----------
        prior
            One probability per type (numbers, strings such as ``"1/10"``, or sympy
            expressions in the parameters).
        sender_payoffs, receiver_payoffs
            Nested sequences (or numpy arrays) indexed ``[type][message][action]``.
        types, messages
            Labels; default ``t0, t1, ...`` and ``m0, m1, ...``.
        actions
            One list of labels shared by every message, a list of lists (one per
            message), or a mapping ``{message: [actions]}``.  Default ``a0, a1, ...``
            taken from the payoff array's shape.
        parameters
            ``{symbol: (lo, hi)}``: the open admissible range of each parameter that
            appears in the payoffs or prior (``None`` for an unbounded side); a sympy
            ``Interval`` gives closed or half-open ranges, e.g. ``sp.Interval(0, 1)``.
        assumptions
            Extra sympy relations between parameters, such as ``v_L < v_H``.

        Raises
        ------
        InvalidGameError
            Ragged or wrongly shaped arrays, non-finite or irrational numbers (``pi``,
            ``sqrt(2)``: the solver is exact over the rationals), numbers over
            :data:`~alliance_games.numbers.MAX_DIGITS` digits, a degree over
            :data:`~alliance_games.numbers.MAX_DEGREE`, a prior that is not a distribution
            with positive entries everywhere on the parameter range, duplicate labels or
            labels with control characters, empty type, message or action sets.
        ParameterError
            A symbol that is neither a declared parameter nor a belief symbol, or a bad range.
        UnsupportedGameError
            A payoff or prior that is not a rational function of the parameters (``exp(c)``,
            ``Min(c, 1)``, a ``Piecewise`` whose condition involves a parameter): introduce
            a parameter for it, or split the parameter range.

        Examples
        --------
        >>> g = SignallingGame.from_arrays([1], [[[1, 0]]], [[[0, 1]]])
        >>> g.types, g.messages, g.actions
        (('t0',), ('m0',), (('a0', 'a1'),))
        """
        n_types = _length(prior, "prior")
        if n_types == 0:
            raise InvalidGameError("the game needs at least one sender type (prior is empty)")
        type_labels = _labels(types, n_types, "t", "types")
        s_rows = _rows(sender_payoffs, n_types, "sender_payoffs", "types")
        r_rows = _rows(receiver_payoffs, n_types, "receiver_payoffs", "types")
        n_messages = _length(s_rows[0], "sender_payoffs[0]")
        if messages is not None:
            n_messages = _length(messages, "messages")
        if n_messages == 0:
            raise InvalidGameError("the game needs at least one message (messages are empty)")
        message_labels = _labels(messages, n_messages, "m", "messages")
        action_labels = _action_labels(actions, message_labels, s_rows)
        params, closed = _parameters(parameters)
        beliefs = {belief(t) for t in type_labels}
        clash = {p for p in params if p in beliefs}
        if clash:
            raise ParameterError(
                f"parameter name(s) {sorted(map(str, clash))} clash with belief symbols mu_<type>"
            )

        prior_exact = tuple(to_exact(x, f"prior[{i}]") for i, x in enumerate(_seq(prior, "prior")))
        checked: set = set()  # payoffs that passed every check below already (_plain_payoff)
        sender = _payoff_table(s_rows, "sender_payoffs", type_labels, message_labels,
                               action_labels, beliefs, checked)
        receiver = _payoff_table(
            r_rows, "receiver_payoffs", type_labels, message_labels, action_labels, beliefs,
            checked)
        game = cls(
            types=type_labels,
            messages=message_labels,
            actions=action_labels,
            prior=prior_exact,
            sender_payoffs=sender,
            receiver_payoffs=receiver,
            parameters=MappingProxyType(params),
            assumptions=tuple(_assumption(a) for a in assumptions),
            name=name,
            closed=MappingProxyType(closed),
        )
        if not isinstance(name, str) or _control(name, "\t\n"):
            raise InvalidGameError(f"the game's name {name!r} must be a string without control "
                                   "characters")
        game._validate_symbols(checked)
        game._validate_numbers(checked)
        game._validate_prior()
        return game

    # ------------------------------------------------------------------ validation
    def _validate_symbols(self, checked: set | frozenset = frozenset()) -> None:
        allowed_payoff = set(self.parameters) | set(self.belief_symbols)
        for who, table in (("sender_payoffs", self.sender_payoffs),
                           ("receiver_payoffs", self.receiver_payoffs)):
            for t, rows in enumerate(table):
                for m, row in enumerate(rows):
                    for a, x in enumerate(row):
                        if x in checked:
                            continue
                        unknown = x.free_symbols - allowed_payoff
                        if unknown:
                            raise ParameterError(
                                f"{who}[{t}][{m}][{a}] uses unknown symbol(s) "
                                f"{sorted(map(str, unknown))}: declare them in parameters="
                                "{symbol: (lo, hi)} (belief symbols are "
                                f"{', '.join(map(str, self.belief_symbols))})"
                            )
        for i, x in enumerate(self.prior):
            unknown = x.free_symbols - set(self.parameters)
            if unknown:
                raise ParameterError(
                    f"prior[{i}] uses undeclared symbol(s) {sorted(map(str, unknown))}"
                    " (the prior may depend on parameters only, not on beliefs)"
                )
        for a in self.assumptions:
            unknown = a.free_symbols - set(self.parameters)
            if unknown:
                raise ParameterError(f"assumption {a} uses undeclared symbol(s) "
                                     f"{sorted(map(str, unknown))}")

    def _cells(self):
        """``(where, value)`` for the prior and every payoff."""
        for i, x in enumerate(self.prior):
            yield f"prior[{i}]", x
        for who, table in (("sender_payoffs", self.sender_payoffs),
                           ("receiver_payoffs", self.receiver_payoffs)):
            for t, rows in enumerate(table):
                for m, row in enumerate(rows):
                    for a, x in enumerate(row):
                        yield f"{who}[{t}][{m}][{a}]", x

    def _validate_numbers(self, checked: set | frozenset = frozenset()) -> None:
        params = set(self.parameters)
        beliefs = frozenset(self.belief_symbols)
        for where, x in self._cells():
            if x in checked:
                continue
            if x.free_symbols & beliefs and degree(x, beliefs) > MAX_BELIEF_DEGREE:
                raise InvalidGameError(
                    f"{where} = {x}: degree {degree(x, beliefs)} in the beliefs is above the "
                    f"limit {MAX_BELIEF_DEGREE} (the solver cannot finish with belief "
                    "polynomials of such degree)")
            bad = irrational_part(x)
            if bad is not None:
                raise InvalidGameError(
                    f"{where} = {x} contains the irrational number {bad}: payoffs and priors "
                    "must be exact rationals (use a rational approximation, or a parameter)")
            if x.free_symbols & params:
                bad = _non_rational(x, params)
                if bad is not None:
                    raise UnsupportedGameError(
                        f"{where} = {x}: {bad} is not a rational function of the parameters, "
                        "which the exact solver needs (+, -, *, / and integer powers); "
                        "introduce a parameter for it, or split the parameter range so that a "
                        "Piecewise, Min, Max or Abs has one branch on each part")

    def _validate_prior(self) -> None:
        for i, x in enumerate(self.prior):
            if x.is_number:
                if x < 0:
                    raise InvalidGameError(
                        f"prior[{i}] (type {self.types[i]!r}) is negative: {x}")
                if x == 0:
                    raise InvalidGameError(
                        f"prior[{i}] (type {self.types[i]!r}) is 0: a type that never occurs "
                        "makes Bayes' rule undefined; remove the type or give it a positive "
                        "probability")
                continue
            problem = _prior_problem(x, self.parameters, self.closed)
            if problem:
                raise InvalidGameError(f"prior[{i}] = {x} (type {self.types[i]!r}) {problem}")
        total = sp.Add(*self.prior) if all(x.is_number for x in self.prior) \
            else sp.simplify(sp.Add(*self.prior))
        if total != 1:
            raise InvalidGameError(f"prior must sum to 1, got {total}")

    # ------------------------------------------------------------------ properties
    @property
    def belief_symbols(self) -> tuple[sp.Symbol, ...]:
        """One symbol per type: the receiver's posterior of that type after the message."""
        return tuple(belief(t) for t in self.types)

    @property
    def is_parametric(self) -> bool:
        """True when payoffs or the prior depend on parameters."""
        return bool(self.free_parameters)

    @property
    def free_parameters(self) -> frozenset[sp.Symbol]:
        """Parameters that actually appear in the prior or payoffs."""
        found: set[sp.Symbol] = set()
        for x in self._entries():
            found |= x.free_symbols
        return frozenset(found & set(self.parameters))

    @property
    def has_belief_payoffs(self) -> bool:
        """True when some payoff depends on the receiver's posterior (belief symbols)."""
        beliefs = set(self.belief_symbols)
        return any(x.free_symbols & beliefs for x in self._entries())

    @property
    def shape(self) -> tuple[int, int, tuple[int, ...]]:
        """(number of types, number of messages, actions per message)."""
        return len(self.types), len(self.messages), tuple(len(a) for a in self.actions)

    def _entries(self):
        yield from self.prior
        for table in (self.sender_payoffs, self.receiver_payoffs):
            for rows in table:
                for row in rows:
                    yield from row

    # ------------------------------------------------------------------ lookups
    def type_index(self, t: Label | int) -> int:
        """Index of a type given by label (or by index).

        Examples
        --------
        >>> SignallingGame.from_arrays([1], [[[0]]], [[[0]]], types=["x"]).type_index("x")
        0
        """
        return _index(self.types, t, "type")

    def message_index(self, m: Label | int) -> int:
        """Index of a message given by label (or by index)."""
        return _index(self.messages, m, "message")

    def action_index(self, m: Label | int, a: Label | int) -> int:
        """Index of action ``a`` among those available after message ``m``."""
        mi = self.message_index(m)
        return _index(self.actions[mi], a, f"action after message {self.messages[mi]!r}")

    def actions_for(self, m: Label | int) -> tuple[Label, ...]:
        """Actions available after message ``m``."""
        return self.actions[self.message_index(m)]

    def sender_payoff(self, t: Label | int, m: Label | int, a: Label | int) -> sp.Expr:
        """The sender's payoff of type ``t`` sending ``m`` answered by ``a``."""
        mi = self.message_index(m)
        return self.sender_payoffs[self.type_index(t)][mi][self.action_index(mi, a)]

    def receiver_payoff(self, t: Label | int, m: Label | int, a: Label | int) -> sp.Expr:
        """The receiver's payoff when type ``t`` sent ``m`` and it plays ``a``."""
        mi = self.message_index(m)
        return self.receiver_payoffs[self.type_index(t)][mi][self.action_index(mi, a)]

    # ------------------------------------------------------------------ transforms
    def subs(self, values: Mapping[Any, Any]) -> SignallingGame:
        """A new game with parameter values substituted (exactly).

        Raises :class:`ParameterError` for an unknown parameter or a value outside its
        admissible range.

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> g = SignallingGame.from_arrays([p, 1 - p], [[[0]], [[1]]], [[[0]], [[0]]],
        ...                                parameters={p: (0, 1)})
        >>> g.subs({p: sp.Rational(1, 3)}).prior
        (1/3, 2/3)
        """
        point = self.check_point(values, require_all=False)
        def sub(x: sp.Expr) -> sp.Expr:
            if not x.free_symbols & point.keys():
                return x
            value = x.xreplace(point)
            if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
                raise ParameterError(f"at {point} the payoff or prior {x} is undefined")
            return value
        def table(tab):
            return tuple(tuple(tuple(sub(x) for x in row) for row in rows) for rows in tab)
        remaining = {p: b for p, b in self.parameters.items() if p not in point}
        assumptions = []
        for a in self.assumptions:
            value = a.xreplace(point)
            if value is sp.false:
                raise ParameterError(f"the point violates the assumption {a}")
            if value is not sp.true:
                assumptions.append(value)
        return SignallingGame(
            types=self.types, messages=self.messages, actions=self.actions,
            prior=tuple(sub(x) for x in self.prior),
            sender_payoffs=table(self.sender_payoffs),
            receiver_payoffs=table(self.receiver_payoffs),
            parameters=MappingProxyType(remaining), assumptions=tuple(assumptions),
            name=self.name,
            closed=MappingProxyType({p: c for p, c in self.closed.items() if p in remaining}),
        )

    def check_point(self, values: Mapping[Any, Any], require_all: bool = True
                    ) -> dict[sp.Symbol, sp.Expr]:
        """Validate a parameter point: known names, exact values inside the open ranges.

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> g = SignallingGame.from_arrays([p, 1 - p], [[[0]], [[1]]], [[[0]], [[0]]],
        ...                                parameters={p: (0, 1)})
        >>> g.check_point({"p": "1/2"})
        {p: 1/2}
        >>> g.check_point({"p": 2})
        Traceback (most recent call last):
        ...
        alliance_games.errors.ParameterError: p = 2 is outside its admissible range (0, 1)
        """
        by_name = {str(p): p for p in self.parameters}
        point: dict[sp.Symbol, sp.Expr] = {}
        for key, value in values.items():
            sym = by_name.get(str(key))
            if sym is None:
                raise ParameterError(
                    f"unknown parameter {key!s}; the game's parameters are "
                    f"{sorted(by_name) or 'none'}"
                )
            x = to_exact(value, f"value of {sym}")
            lo, hi = self.parameters[sym]
            lo_c, hi_c = self.closed.get(sym, (False, False))
            below = lo is not None and not (x > lo or (lo_c and x == lo))
            above = hi is not None and not (x < hi or (hi_c and x == hi))
            if x.is_number and (below or above):
                raise ParameterError(
                    f"{sym} = {x} is outside its admissible range "
                    f"{'[' if lo_c else '('}{_fmt(lo, '-oo')}, "
                    f"{_fmt(hi, 'oo')}{']' if hi_c else ')'}"
                )
            point[sym] = x
        if require_all:
            missing = self.free_parameters - point.keys()
            if missing:
                raise ParameterError(f"no value for parameter(s) {sorted(map(str, missing))}")
        return point

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        label = f" {self.name!r}" if self.name else ""
        return (f"SignallingGame{label}(types={list(self.types)}, messages={list(self.messages)},"
                f" actions={[list(a) for a in self.actions]}, prior={list(self.prior)})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SignallingGame):
            return NotImplemented
        return (self.types, self.messages, self.actions, self.prior, self.sender_payoffs,
                self.receiver_payoffs, dict(self.parameters), self.assumptions) == (
                other.types, other.messages, other.actions, other.prior, other.sender_payoffs,
                other.receiver_payoffs, dict(other.parameters), other.assumptions)

    def __reduce__(self):
        return (_rebuild, (self.types, self.messages, self.actions, self.prior,
                           self.sender_payoffs, self.receiver_payoffs, dict(self.parameters),
                           self.assumptions, self.name, dict(self.closed)))

    def __hash__(self) -> int:
        return hash((self.types, self.messages, self.actions, self.prior, self.sender_payoffs,
                     self.receiver_payoffs))

    def _repr_latex_(self) -> str:
        return "$" + game_latex(self.types, self.messages, self.actions, self.prior,
                                self.sender_payoffs, self.receiver_payoffs) + "$"


# ---------------------------------------------------------------------- helpers
def _rebuild(types, messages, actions, prior, sender, receiver, parameters, assumptions, name,
             closed=None):
    return SignallingGame(types, messages, actions, prior, sender, receiver,
                          MappingProxyType(parameters), assumptions, name,
                          MappingProxyType(closed or {}))


def _fmt(x: sp.Expr | None, unbounded: str) -> str:
    """An end of a parameter's range as text; ``unbounded`` for None (no bound)."""
    return unbounded if x is None else str(x)


def _control(text: str, allowed: str = "\t") -> bool:
    """True if ``text`` has control or format characters (ANSI escapes, bidi overrides)
    other than those in ``allowed``."""
    return any(unicodedata.category(ch)[0] == "C" and ch not in allowed for ch in text)


def _non_rational(x: sp.Basic, params: set) -> sp.Basic | None:
    """The first part of ``x`` that is not rational in ``params`` (beliefs may enter
    any way the belief solver accepts), or ``None``."""
    if not x.free_symbols & params or x.is_Symbol:
        return None
    if x.is_Add or x.is_Mul:
        for arg in x.args:
            bad = _non_rational(arg, params)
            if bad is not None:
                return bad
        return None
    if x.is_Pow:
        if not x.exp.is_Integer:
            return x
        return _non_rational(x.base, params)
    if isinstance(x, sp.Piecewise):
        for value, cond in x.args:
            if cond.free_symbols & params:
                return x
            bad = _non_rational(value, params)
            if bad is not None:
                return bad
        return None
    return x


def _prior_problem(x: sp.Expr, params: Mapping[sp.Symbol, Bounds],
                   closed: Mapping[sp.Symbol, tuple[bool, bool]]) -> str | None:
    """Why the prior entry ``x`` is not positive on the whole parameter range, or ``None``.

    Exact for one parameter (the roots of numerator and denominator are located exactly,
    and the sign is constant between them) and for several parameters when the entry is
    affine in each; otherwise the corners and the centre of the range are checked exactly
    (a necessary condition only).
    """
    used = sorted(x.free_symbols & set(params), key=str)
    num, den = sp.fraction(sp.together(x))
    if len(used) == 1:
        p = used[0]
        lo, hi = params[p]
        lo_c, hi_c = closed.get(p, (False, False))

        def inside(r: sp.Expr) -> bool:
            above = lo is None or bool(r > lo) or (lo_c and bool(sp.Eq(r, lo)))
            below = hi is None or bool(r < hi) or (hi_c and bool(sp.Eq(r, hi)))
            return above and below

        for poly, what in ((den, "is undefined"), (num, "is 0")):
            if not poly.free_symbols:
                continue
            for r in sp.Poly(poly, p).real_roots():
                if inside(r):
                    return f"{what} at {p} = {r}, inside the parameter range"
        point = {p: _interior(lo, hi)}
        value = x.xreplace(point)
        if value < 0:
            return f"is negative on the parameter range, e.g. at {p} = {point[p]}"
        return None
    # several parameters: exact at the corners of the box and its centre (for a prior that
    # is affine in each parameter, as p * q or p + q - 1/2, the corners decide: it is a
    # positive combination of its corner values inside the box)
    corners = []
    for p in used:
        lo, hi = params[p]
        lo_c, hi_c = closed.get(p, (False, False))
        corners.append([(v, c) for v, c in ((lo, lo_c), (hi, hi_c), (_interior(lo, hi), True))
                        if v is not None])
    for choice in itertools.product(*corners):
        point = {p: v for p, (v, _) in zip(used, choice)}
        d = den.xreplace(point)
        if d == 0:
            if all(c for _, c in choice):
                return f"is undefined at {point}, inside the parameter range"
            continue
        value = num.xreplace(point) / d
        if value < 0:
            return f"is negative at {point}, on the parameter range"
        if value == 0 and all(c for _, c in choice):
            return f"is 0 at {point}, inside the parameter range"
    return None


def _interior(lo: sp.Expr | None, hi: sp.Expr | None) -> sp.Expr:
    """A rational point strictly inside (lo, hi)."""
    if lo is not None and hi is not None:
        return (lo + hi) / 2
    if lo is not None:
        return lo + 1
    if hi is not None:
        return hi - 1
    return sp.Integer(0)


def _seq(x: Any, where: str) -> list:
    if isinstance(x, (str, bytes)) or isinstance(x, Mapping):
        raise InvalidGameError(f"{where} must be a sequence, got {type(x).__name__}")
    try:
        return list(x)
    except TypeError as exc:
        raise InvalidGameError(f"{where} must be a sequence, got {type(x).__name__}") from exc


def _length(x: Any, where: str) -> int:
    return len(_seq(x, where))


def _labels(labels: Sequence[Any] | None, n: int, prefix: str, where: str) -> tuple[str, ...]:
    if labels is None:
        return tuple(f"{prefix}{i}" for i in range(n))
    out = []
    for i, lab in enumerate(_seq(labels, where)):
        if isinstance(lab, bool) or not isinstance(lab, (str, int)):
            raise InvalidGameError(f"{where}[{i}] = {lab!r}: labels must be strings")
        lab = str(lab)
        if not lab.strip():
            raise InvalidGameError(f"{where}[{i}] is an empty label")
        if _control(lab):
            raise InvalidGameError(f"{where}[{i}] = {lab!r} contains control characters "
                                   "(such as terminal escape codes)")
        out.append(lab)
    if len(out) != n:
        raise InvalidGameError(f"{where} has {len(out)} labels but the payoff arrays have {n}")
    seen: set[str] = set()
    for lab in out:
        if lab in seen:
            raise InvalidGameError(f"duplicate label {lab!r} in {where}")
        seen.add(lab)
    return tuple(out)


def _rows(table: Any, n_types: int, where: str, axis: str) -> list:
    rows = _seq(table, where)
    if len(rows) != n_types:
        raise InvalidGameError(
            f"{where} has {len(rows)} rows but there are {n_types} {axis} (shape must be "
            "[type][message][action])"
        )
    return rows


def _action_labels(actions: Any, messages: tuple[str, ...], s_rows: list
                   ) -> tuple[tuple[str, ...], ...]:
    n_m = len(messages)
    if actions is None:
        first = _seq(s_rows[0], "sender_payoffs[0]")
        if len(first) != n_m:
            raise InvalidGameError(
                f"sender_payoffs[0] has {len(first)} entries but there are {n_m} messages")
        return tuple(
            _labels(None, _length(first[m], f"sender_payoffs[0][{m}]"), "a", "actions")
            for m in range(n_m))
    if isinstance(actions, Mapping):
        unknown = set(map(str, actions)) - set(messages)
        if unknown:
            raise UnknownLabelError(f"actions given for unknown message(s) {sorted(unknown)}")
        missing = [m for m in messages if m not in {str(k) for k in actions}]
        if missing:
            raise InvalidGameError(f"no actions given for message(s) {missing}")
        lookup = {str(k): v for k, v in actions.items()}
        per = [lookup[m] for m in messages]
    else:
        seq = _seq(actions, "actions")
        if seq and all(not isinstance(x, (str, int)) for x in seq):
            if len(seq) != n_m:
                raise InvalidGameError(
                    f"actions has {len(seq)} lists but there are {n_m} messages")
            per = seq
        else:
            per = [seq] * n_m
    out = []
    for m, labs in zip(messages, per):
        labs = _seq(labs, f"actions[{m!r}]")
        if not labs:
            raise InvalidGameError(f"message {m!r} has an empty action set")
        out.append(_labels(labs, len(labs), "a", f"actions[{m!r}]"))
    return tuple(out)


def _parameters(parameters: Mapping[Any, Any] | None
                ) -> tuple[dict[sp.Symbol, Bounds], dict[sp.Symbol, tuple[bool, bool]]]:
    out: dict[sp.Symbol, Bounds] = {}
    closed: dict[sp.Symbol, tuple[bool, bool]] = {}
    for key, rng in (parameters or {}).items():
        if isinstance(key, str):
            if not key.isidentifier():
                raise ParameterError(f"parameter name {key!r} is not an identifier")
            sym = sp.Symbol(key)
        elif isinstance(key, sp.Symbol):
            sym = key
        else:
            raise ParameterError(f"parameter {key!r} must be a sympy Symbol or a name")
        if rng is None:
            rng = (None, None)
        if isinstance(rng, sp.Interval):
            lo_c, hi_c = not rng.left_open, not rng.right_open
            rng = (None if rng.inf == -sp.oo else rng.inf, None if rng.sup == sp.oo else rng.sup)
            if lo_c or hi_c:
                closed[sym] = (lo_c and rng[0] is not None, hi_c and rng[1] is not None)
        try:
            lo, hi = rng
        except (TypeError, ValueError) as exc:
            raise ParameterError(f"range of {sym} must be a pair (lo, hi), got {rng!r}") from exc
        lo = None if lo is None else to_exact(lo, f"lower bound of {sym}")
        hi = None if hi is None else to_exact(hi, f"upper bound of {sym}")
        for bound in (lo, hi):
            if bound is not None and not bound.is_number:
                raise ParameterError(f"bounds of {sym} must be numbers, got {bound}")
        if lo is not None and hi is not None and not lo < hi:
            raise ParameterError(f"range of {sym} is empty: ({lo}, {hi})")
        out[sym] = (lo, hi)
    return out, closed


def _assumption(a: Any) -> sp.Basic:
    if not isinstance(a, sp.Basic) or not isinstance(a, (sp.core.relational.Relational,
                                                          sp.logic.boolalg.Boolean)):
        raise ParameterError(f"assumption {a!r} must be a sympy relation such as v_L < v_H")
    return a


def _plain_payoff(x: Any, where: str) -> tuple[frozenset, int] | None:
    """The free symbols and degree of a sympy payoff built from rationals (of at most
    ``MAX_DIGITS`` digits: checked here) and symbols by ``+``, ``*``, positive integer
    powers, ``Min`` and ``Max``, each compound part involving a symbol: the shape of the
    belief-dependent payoffs of a numeric game.  Such a payoff is what ``to_exact``
    returns for it, has no irrational part and no bad atom, so only its symbols and
    degree (:func:`~.numbers.degree`'s bound, computed by the same rules) are left to
    check.  None for any other value (which gets the full checks).

    Examples
    --------
    >>> mu = belief("H")
    >>> _plain_payoff(sp.Rational(1, 2) + 3 * sp.Min(1, mu), "x")
    (frozenset({mu_H}), 1)
    >>> _plain_payoff(mu * sp.sqrt(2), "x") is None
    True
    """
    if not isinstance(x, sp.Basic):
        return None
    if x.is_Rational:
        check_size(x, where)
        return frozenset(), 0
    if x.is_Symbol:
        return frozenset((x,)), 1
    if x.is_Pow:
        if not (x.exp.is_Integer and x.exp > 0):
            return None
        base = _plain_payoff(x.base, where)
        if base is None or not base[0]:
            return None
        return base[0], base[1] * int(x.exp)
    if not (x.is_Add or x.is_Mul or isinstance(x, (sp.Min, sp.Max))):
        return None
    syms: frozenset = frozenset()
    deg = 0
    for arg in x.args:
        part = _plain_payoff(arg, where)
        if part is None:
            return None
        syms |= part[0]
        deg = deg + part[1] if x.is_Mul else max(deg, part[1])
    return (syms, deg) if syms else None


def _payoff_table(rows: list, where: str, types, messages, actions,
                  beliefs: set | frozenset = frozenset(), checked: set | None = None):
    """The payoffs as a tuple table of exact sympy values (each through ``to_exact``);
    payoffs of :func:`_plain_payoff`'s shape in the belief symbols alone, within the
    degree limits, pass every check of the game's validation at once and are added to
    ``checked``."""
    table = []
    for t, row in enumerate(rows):
        msgs = _seq(row, f"{where}[{t}]")
        if len(msgs) != len(messages):
            raise InvalidGameError(
                f"{where}[{t}] (type {types[t]!r}) has {len(msgs)} entries but there are "
                f"{len(messages)} messages")
        trow = []
        for m, cell in enumerate(msgs):
            acts = _seq(cell, f"{where}[{t}][{m}]")
            if len(acts) != len(actions[m]):
                raise InvalidGameError(
                    f"{where}[{t}][{m}] has {len(acts)} entries but message {messages[m]!r} has "
                    f"{len(actions[m])} actions")
            cells = []
            for a, x in enumerate(acts):
                label = f"{where}[{t}][{m}][{a}]"
                plain = None if checked is None else _plain_payoff(x, label)
                if plain is not None and plain[0] <= beliefs and \
                        plain[1] <= min(MAX_DEGREE, MAX_BELIEF_DEGREE):
                    checked.add(x)
                    cells.append(x)
                else:
                    cells.append(to_exact(x, label))
            trow.append(tuple(cells))
        table.append(tuple(trow))
    return tuple(table)


def _index(labels: tuple[str, ...], key: Label | int, what: str) -> int:
    if isinstance(key, bool):
        raise UnknownLabelError(f"unknown {what} {key!r}")
    if isinstance(key, int):
        if 0 <= key < len(labels):
            return key
        raise UnknownLabelError(f"{what} index {key} out of range (0..{len(labels) - 1})")
    try:
        return labels.index(key)
    except ValueError:
        raise UnknownLabelError(
            f"unknown {what} {key!r}; known: {', '.join(map(repr, labels))}") from None
