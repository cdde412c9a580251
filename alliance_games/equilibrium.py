"""Result objects: one perfect Bayesian equilibrium (or a family of them), and a solve result."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any

import sympy as sp

from .beliefs import BeliefSet
from .game import SignallingGame

KINDS = ("pooling", "separating", "partially pooling", "hybrid")


def freeze(d: Mapping) -> Mapping:
    """A read-only view of a (nested) dict."""
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

        The condition fields become ``True``/``False`` at the point.
        """
        from .numbers import to_exact
        point = {sp.Symbol(str(k)) if isinstance(k, str) else k: to_exact(v, f"value of {k}")
                 for k, v in values.items()}
        def s(x):
            return sp.sympify(x).xreplace(point) if isinstance(x, sp.Basic) else x
        def strat(d):
            return freeze({k: {kk: s(vv) for kk, vv in v.items()} for k, v in d.items()})
        beliefs = {m: (b.subs(point) if isinstance(b, BeliefSet)
                       else {t: s(x) for t, x in b.items()}) for m, b in self.beliefs.items()}
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
            receiver_payoff=s(self.receiver_payoff),
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

    def _repr_latex_(self) -> str:
        parts = [rf"\text{{{self.label} ({self.kind})}}"]
        if self.condition is not sp.true:
            parts.append(r"\text{exists when } " + sp.latex(self.condition))
            parts.append(r"\text{IC when } " + sp.latex(self.intuitive_condition))
            parts.append(r"\text{D1 when } " + sp.latex(self.d1_condition))
        return "$" + r" \\ ".join(parts) + "$"


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
    value = cond.xreplace(point)
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
    """

    game: SignallingGame
    equilibria: tuple[Equilibrium, ...]
    method: str
    exact: bool = True
    pure: bool = False
    notes: tuple[str, ...] = ()
    undecided: sp.Basic = sp.false

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

    def _repr_latex_(self) -> str:
        return "$" + r" \\ ".join(e._repr_latex_().strip("$") for e in self) + "$"
