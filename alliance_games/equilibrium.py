"""Result objects: one perfect Bayesian equilibrium (or a family of them), and a solve result."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import sympy as sp

from .beliefs import BeliefSet
from .game import SignallingGame
from .io.export import equilibrium_dict, result_dict, result_frame, result_json, result_records
from .latex import (
    escape_text,
    latex_belief,
    latex_condition,
    latex_expr,
    latex_strategy,
    latex_text,
    symbol_latex,
)
from .numbers import to_exact, value_at

if TYPE_CHECKING:
    import pandas

KINDS = ("pooling", "separating", "partially pooling", "hybrid")


def freeze(d: Mapping) -> Mapping:
    """A read-only view of a (nested) dict.

    Examples
    --------
    >>> view = freeze({"cs": {"M": 1}})
    >>> view["cs"]["M"], isinstance(view["cs"], MappingProxyType)
    (1, True)
    >>> view["cs"]["M"] = 0
    Traceback (most recent call last):
    ...
    TypeError: 'mappingproxy' object does not support item assignment
    """
    return MappingProxyType({k: freeze(v) if isinstance(v, dict) else v for k, v in d.items()})


@dataclass(frozen=True, eq=False)
class Family:
    """A continuum of equilibria with the same supports.

    Attributes
    ----------
    variables
        Free probabilities (sympy symbols such as ``rho[quiche,duel]``).
    sender, receiver
        Strategies with the free variables in them.
    constraint
        A sympy Boolean in the variables (and parameters) that describes the family.
    ranges
        For each free probability its exact range over the family, ``(lo, hi)``, on the
        closure (the support's own probabilities stay strictly positive).
    """

    variables: tuple[sp.Symbol, ...]
    sender: Mapping[str, Mapping[str, sp.Expr]]
    receiver: Mapping[str, Mapping[str, sp.Expr]]
    constraint: sp.Basic
    ranges: Mapping[sp.Symbol, tuple[sp.Expr, sp.Expr]]
    on_path: bool = False

    def __reduce__(self):
        return (_rebuild, (Family, {f.name: _thaw(getattr(self, f.name)) for f in fields(self)}))

    def __str__(self) -> str:
        parts = [f"{v} in [{lo}, {hi}]" for v, (lo, hi) in self.ranges.items()]
        return "family: " + ", ".join(parts)

    def to_latex(self) -> str:
        """The free probabilities and their ranges, as LaTeX math (no ``$``)."""
        return r",\ ".join(symbol_latex(v) + r" \in \left[" + latex_expr(lo) + ", "
                            + latex_expr(hi) + r"\right]" for v, (lo, hi) in self.ranges.items())

    def _repr_latex_(self) -> str:
        return "$" + self.to_latex() + "$"


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A perfect Bayesian equilibrium of a signalling game (or a representative of a family).

    Strategies are exact: ``eq.sender[type][message]`` and ``eq.receiver[message][action]``
    are sympy numbers (or expressions in the parameters).  ``eq.beliefs[message]`` is a
    ``{type: prob}`` dict on the path and a :class:`BeliefSet` off it.

    For parametric games ``condition``, ``intuitive_condition`` and ``d1_condition``
    are exact wherever ``undecided`` is false; ``undecided`` (a sympy condition, false
    when everything is decided) is the lower-dimensional set of parameter values that
    the solver did not explore, where the conditions claim nothing.

    Examples
    --------
    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> eq = [e for e in solve(beer_quiche(), pure=True) if e.on_path == {"beer"}][0]
    >>> eq.kind, eq.receiver["beer"]["not_duel"], eq.intuitive_criterion
    ('pooling', 1, True)
    >>> str(eq.beliefs["quiche"])
    'mu(weak) in [1/2, 1]'
    """

    game: SignallingGame
    sender: Mapping[str, Mapping[str, sp.Expr]]
    receiver: Mapping[str, Mapping[str, sp.Expr]]
    beliefs: Mapping[str, Any]
    kind: str
    on_path: frozenset[str]
    sender_payoffs: Mapping[str, sp.Expr]
    receiver_payoff: sp.Expr
    intuitive_criterion: bool | None = None
    d1: bool | None = None
    condition: sp.Basic = sp.true
    intuitive_condition: sp.Basic = sp.true
    d1_condition: sp.Basic = sp.true
    family: Family | None = None
    label: str = ""
    method: str = "support enumeration (exact)"
    notes: tuple[str, ...] = field(default_factory=tuple)
    undecided: sp.Basic = sp.false

    def __reduce__(self):
        return (_rebuild, (Equilibrium, {f.name: _thaw(getattr(self, f.name))
                                         for f in fields(self)}))

    @property
    def is_family(self) -> bool:
        """True when this is one representative of a continuum of equilibria."""
        return self.family is not None

    @property
    def is_pure(self) -> bool:
        """True when both sender and receiver play pure strategies."""
        return all(p in (0, 1) for row in self.sender.values() for p in row.values()) and all(
            p in (0, 1) for row in self.receiver.values() for p in row.values())

    def sender_strategy(self) -> dict[str, str] | None:
        """For a pure sender strategy, ``{type: message}``; else None."""
        out = {}
        for t, row in self.sender.items():
            msgs = [m for m, p in row.items() if p == 1]
            if len(msgs) != 1:
                return None
            out[t] = msgs[0]
        return out

    def receiver_strategy(self) -> dict[str, str] | None:
        """For a pure receiver strategy, ``{message: action}``; else None."""
        out = {}
        for m, row in self.receiver.items():
            acts = [a for a, p in row.items() if p == 1]
            if len(acts) != 1:
                return None
            out[m] = acts[0]
        return out

    def subs(self, values: Mapping[Any, Any]) -> Equilibrium:
        """Substitute parameter values (for parametric equilibria).

        The condition fields become ``True``/``False`` at the point; strategies, payoffs,
        beliefs and a family's strategies, constraint and ranges take their values there.
        """
        point = {sp.Symbol(str(k)) if isinstance(k, str) else k: to_exact(v, f"value of {k}")
                 for k, v in values.items()}
        def s(x):
            return value_at(sp.sympify(x), point) if isinstance(x, sp.Basic) else x
        def strat(d):
            return freeze({k: {kk: s(vv) for kk, vv in v.items()} for k, v in d.items()})
        beliefs = {m: (b.subs(point) if isinstance(b, BeliefSet)
                       else {t: s(x) for t, x in b.items()}) for m, b in self.beliefs.items()}
        fam = self.family
        if fam is not None:  # its strategies, constraint and ranges at the point too
            fam = replace(fam, sender=strat(fam.sender), receiver=strat(fam.receiver),
                          constraint=s(fam.constraint),
                          ranges=freeze({v: (s(lo), s(hi)) for v, (lo, hi)
                                         in fam.ranges.items()}))
        cond = _truth(self.condition, point)
        ic = _truth(self.intuitive_condition, point)
        d1 = _truth(self.d1_condition, point)
        undecided = _truth(self.undecided, point)
        return replace(
            self, game=self.game.subs({k: v for k, v in point.items()
                                       if k in self.game.parameters}),
            sender=strat(self.sender), receiver=strat(self.receiver),
            beliefs=freeze(beliefs), sender_payoffs=freeze(
                {t: s(x) for t, x in self.sender_payoffs.items()}),
            receiver_payoff=s(self.receiver_payoff), family=fam,
            condition=cond, intuitive_condition=ic, d1_condition=d1, undecided=undecided,
            intuitive_criterion=bool(ic) if self.intuitive_criterion is None
            else self.intuitive_criterion,
            d1=bool(d1) if self.d1 is None else self.d1,
        )

    # --------------------------------------------------------------- display
    def describe(self) -> str:
        """A one-paragraph plain-text description."""
        def strat(d):
            return "; ".join(
                f"{k}: " + ", ".join(f"{kk}={vv}" for kk, vv in v.items() if vv != 0)
                for k, v in d.items())
        lines = [f"{self.label or self.kind} [{self.kind}]",
                 f"  sender:   {strat(self.sender)}",
                 f"  receiver: {strat(self.receiver)}"]
        for m, b in self.beliefs.items():
            text = str(b) if isinstance(b, BeliefSet) else ", ".join(
                f"{t}={x}" for t, x in b.items())
            lines.append(f"  belief after {m}{'' if m in self.on_path else ' (off path)'}: {text}")
        if self.family is not None:
            lines.append(f"  {self.family}")
        if self.condition is not sp.true:
            lines.append(f"  exists when: {self.condition}")
            lines.append(f"  survives the Intuitive Criterion when: {self.intuitive_condition}")
            lines.append(f"  survives D1 when: {self.d1_condition}")
        else:
            lines.append(f"  Intuitive Criterion: {self.intuitive_criterion}, D1: {self.d1}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()

    def __repr__(self) -> str:
        return f"Equilibrium({self.label!r}, kind={self.kind!r})"

    def latex_lines(self) -> list[str]:
        r"""The equilibrium as LaTeX math lines (no ``$``): label, strategies, beliefs, conditions.

        Each line is a complete formula (it parses on its own, e.g. with matplotlib's
        mathtext); :meth:`to_latex` stacks them in an ``array``.

        Examples
        --------
        >>> from alliance_games import solve
        >>> from alliance_games.examples import beer_quiche
        >>> eq = [e for e in solve(beer_quiche(), pure=True) if e.on_path == {"beer"}][0]
        >>> for line in eq.latex_lines()[1:]:
        ...     print(line.replace(r",\ ", ",\n  "))
        \sigma:\ \text{weak} \to \text{beer},
          \text{strong} \to \text{beer}
        \rho:\ \text{beer} \to \text{not\_duel},
          \text{quiche} \to \text{duel}
        \mu(\cdot \mid \text{beer}):\ \mu(\text{weak}) = \frac{1}{10},
          \mu(\text{strong}) = \frac{9}{10}
        \mu(\cdot \mid \text{quiche})^{*}:\ \mu(\text{weak}) \in \left[\frac{1}{2}, 1\right]
        \text{Intuitive Criterion: yes},
          \text{D1: yes}
        """
        label = self.label or self.kind
        lines = [latex_text(f"{label} ({self.kind})" if label != self.kind else label),
                 r"\sigma:\ " + latex_strategy(self.sender),
                 r"\rho:\ " + latex_strategy(self.receiver)]
        for m, b in self.beliefs.items():
            star = "" if m in self.on_path else "^{*}"
            lines.append(r"\mu(\cdot \mid " + latex_text(m) + ")" + star + r":\ "
                         + latex_belief(b))
        if self.family is not None and self.family.ranges:
            lines.append(latex_text("family: ") + self.family.to_latex())
        if self.condition is not sp.true:
            lines.append(latex_text("exists when ") + latex_condition(self.condition))
            lines.append(latex_text("Intuitive Criterion when ")
                         + latex_condition(self.intuitive_condition))
            lines.append(latex_text("D1 when ") + latex_condition(self.d1_condition))
        else:
            def yes(flag):
                return {True: "yes", False: "no"}.get(flag, "not checked")
            lines.append(latex_text(f"Intuitive Criterion: {yes(self.intuitive_criterion)}")
                         + r",\ " + latex_text(f"D1: {yes(self.d1)}"))
        return lines

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, exact values as strings (see :mod:`alliance_games.io.export`)."""
        return equilibrium_dict(self)

    def to_latex(self) -> str:
        """LaTeX math (no ``$``): :meth:`latex_lines` in a one-column ``array``."""
        return r"\begin{array}{l} " + r" \\ ".join(self.latex_lines()) + r" \end{array}"

    def _repr_latex_(self) -> str:
        return "$" + self.to_latex() + "$"


def _thaw(value):
    if isinstance(value, MappingProxyType):
        return {k: _thaw(v) for k, v in value.items()}
    return value


def _rebuild(cls, state: dict):
    """Unpickle a frozen result object (mappings become read-only again)."""
    return cls(**{k: freeze(v) if isinstance(v, dict) else v for k, v in state.items()})


def _truth(cond: sp.Basic, point: Mapping) -> sp.Basic:
    if cond is sp.true or cond is sp.false:
        return cond
    value = value_at(cond, point)
    if value not in (sp.true, sp.false):
        value = sp.simplify(value)
    return value


@dataclass(frozen=True, eq=False)
class SolveResult(Sequence):
    """All equilibria ``solve`` found, with how they were found.  Behaves as a tuple.

    Attributes
    ----------
    game, method, exact, pure, equilibria, notes
    undecided
        Parametric games: the lower-dimensional set of parameter values that was not
        explored (false when every parameter value is decided); equilibria that exist
        only there are not listed.
    undecided_patterns
        The support patterns (their labels) that this solve did not decide exactly, also
        named in ``notes``: equilibria of theirs may be missing.  Empty when every
        pattern was decided.  (A parametric result says where instead: ``undecided``.)
    """

    game: SignallingGame
    equilibria: tuple[Equilibrium, ...]
    method: str
    exact: bool = True
    pure: bool = False
    notes: tuple[str, ...] = ()
    undecided: sp.Basic = sp.false
    undecided_patterns: tuple[str, ...] = ()
    #: The exact cells of a parametric solve of belief-dependent payoffs with several
    #: parameters (internal: passed back to extend the result).
    cells: Any = field(default=None, repr=False)

    def __getitem__(self, i):  # type: ignore[override]
        return self.equilibria[i]

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def by_label(self, label: str) -> Equilibrium:
        """The equilibrium with this label."""
        for eq in self.equilibria:
            if eq.label == label:
                return eq
        raise KeyError(label)

    def surviving(self, refinement: str = "intuitive") -> tuple[Equilibrium, ...]:
        """Equilibria surviving ``"intuitive"`` or ``"d1"`` (numeric games)."""
        key = {"intuitive": "intuitive_criterion", "d1": "d1"}[refinement]
        return tuple(e for e in self.equilibria if getattr(e, key))

    def __str__(self) -> str:
        head = f"{len(self)} equilibria ({self.method})"
        return "\n".join([head] + [e.describe() for e in self.equilibria])

    # --------------------------------------------------------------- export
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the game, how it was solved and every equilibrium, exact.

        Family ranges, belief sets (text, constraints, vertices) and conditions are kept,
        as strings that :func:`~alliance_games.io.expressions.parse_expression` reads back
        (see :func:`alliance_games.io.export.result_dict`).
        """
        return result_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return result_json(self, indent=indent)

    def to_records(self, floats: bool = False) -> list[dict[str, Any]]:
        """One flat dict per equilibrium (see :func:`alliance_games.io.export.result_records`).

        Examples
        --------
        >>> from alliance_games import solve
        >>> from alliance_games.examples import beer_quiche
        >>> [r["kind"] for r in solve(beer_quiche(), pure=True).to_records()]
        ['pooling', 'pooling']
        """
        return result_records(self, floats=floats)

    def to_frame(self, floats: bool = False) -> pandas.DataFrame:
        """:meth:`to_records` as a ``pandas.DataFrame``; needs pandas (else
        :class:`~alliance_games.errors.OptionalDependencyError`)."""
        return result_frame(self, floats=floats)

    def to_latex(self) -> str:
        r"""A LaTeX ``tabular`` of the equilibria (text mode; math cells in ``$``).

        Columns: number, kind, sender, receiver, beliefs (off-path messages starred), the
        Intuitive Criterion and D1, and for parametric games the existence condition.
        Needs only plain LaTeX (no packages).

        Examples
        --------
        >>> from alliance_games import solve
        >>> from alliance_games.examples import beer_quiche
        >>> table = solve(beer_quiche(), pure=True).to_latex()
        >>> print(table.splitlines()[1])
        \begin{tabular}{rllllll}
        """
        parametric = self.game.is_parametric or any(
            e.condition is not sp.true for e in self.equilibria)

        def flag(value, condition, exists):
            if value is True or (value is None and condition in (sp.true, exists)):
                return "yes"
            if value is False or condition is sp.false:
                return "no"
            return "if $" + latex_condition(condition) + "$"

        cols = "rllllll" + ("l" if parametric else "")
        head = r"\# & kind & sender & receiver & beliefs ($^*$ off path) & IC & D1"
        if parametric:
            head += " & exists when"
        name = escape_text(self.game.name or "the game")
        lines = [f"% {len(self)} equilibria of {name} ({escape_text(self.method)})",
                 r"\begin{tabular}{" + cols + "}", r"\hline", head + r" \\", r"\hline"]
        for i, eq in enumerate(self.equilibria, 1):
            kind = eq.kind + (" (family)" if eq.is_family else "")
            beliefs = r";\ ".join(
                latex_text(m) + ("" if m in eq.on_path else "^{*}") + ": " + latex_belief(b)
                for m, b in eq.beliefs.items())
            cells = [str(i), escape_text(kind), "$" + latex_strategy(eq.sender) + "$",
                     "$" + latex_strategy(eq.receiver) + "$", "$" + beliefs + "$",
                     flag(eq.intuitive_criterion, eq.intuitive_condition, eq.condition),
                     flag(eq.d1, eq.d1_condition, eq.condition)]
            if parametric:
                cells.append("$" + latex_condition(eq.condition) + "$")
            lines.append(" & ".join(cells) + r" \\")
        lines += [r"\hline", r"\end{tabular}"]
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        body = r" \\ \hline ".join(
            r" \\ ".join(e.latex_lines()) for e in self.equilibria)
        return (r"$\begin{array}{l} " + latex_text(f"{len(self)} equilibria ({self.method})")
                + (r" \\ \hline " + body if body else "") + r" \end{array}$")
