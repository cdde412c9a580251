"""Off-path belief sets: the exact set of posteriors that sustains the receiver's play.

For games whose payoffs do not depend on beliefs the set is a polytope in the simplex
(an interval of ``mu(first type)`` for two types), held both as inequalities and by its
vertices.  For belief-dependent payoffs it may be any semi-algebraic set; it is held by
its inequalities (and, for two types, as a union of intervals).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .errors import UnknownLabelError
from .game import belief
from .latex import latex_belief
from .numbers import to_exact, value_at
from .signs import algebraic_sign

_SIGN_TESTS = {sp.Eq: lambda s: s == 0, sp.Ne: lambda s: s != 0, sp.Ge: lambda s: s >= 0,
               sp.Gt: lambda s: s > 0, sp.Le: lambda s: s <= 0, sp.Lt: lambda s: s < 0}


def _holds(condition: sp.Basic, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
    """Whether a constraint holds at a belief: a relation whose two sides become numbers
    by the exact sign of their difference (sympy would build ``Eq(x, y)`` of two
    irrational numbers by a minimal polynomial, or leave it unevaluated and so "not
    true"); And, Or and Not part by part; anything else (parameters left) as sympy
    simplifies it."""
    if isinstance(condition, (sp.And, sp.Or)):
        parts = (_holds(c, point) for c in condition.args)
        return all(parts) if isinstance(condition, sp.And) else any(parts)
    if isinstance(condition, sp.Not):
        return not _holds(condition.args[0], point)
    test = _SIGN_TESTS.get(type(condition))
    if test is not None:
        difference = (condition.lhs - condition.rhs).xreplace(point)
        if difference.is_number:
            return test(algebraic_sign(difference))
    value = condition.xreplace(point)
    if value not in (sp.true, sp.false):
        value = sp.simplify(value)
    return value is sp.true or value is True


@dataclass(frozen=True, eq=False)
class BeliefSet:
    """A set of beliefs over the sender's types.

    Attributes
    ----------
    types
        Type labels, in the game's order.
    constraints
        Relations in the belief symbols ``mu_<type>`` (and parameters, for parametric
        games) that together with the simplex define the set.
    vertices
        Its vertices (linear games), each a tuple of exact probabilities in type order
        (computed on first use when given as a function).
    point
        One belief inside the set.
    region
        For two types: the set of ``mu(first type)`` as a sympy ``Set``, when known.

    Examples
    --------
    >>> mu_w = belief("weak")
    >>> s = BeliefSet(("weak", "strong"), (mu_w >= sp.Rational(1, 2),),
    ...               ((sp.Rational(1, 2), sp.Rational(1, 2)), (1, 0)),
    ...               (sp.Integer(1), sp.Integer(0)))
    >>> s.contains({"weak": "3/4", "strong": "1/4"}), s.contains({"weak": 0, "strong": 1})
    (True, False)
    >>> str(s)
    'mu(weak) in [1/2, 1]'
    """

    types: tuple[str, ...]
    constraints: tuple[sp.Basic, ...]
    vertex_source: tuple[tuple[sp.Expr, ...], ...] | Callable | None
    point: tuple[sp.Expr, ...]
    region_source: sp.Set | Callable | None = None
    _lazy: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def vertices(self) -> tuple[tuple[sp.Expr, ...], ...] | None:
        """The vertices of the set (polytopes), exact, in type order."""
        if "v" not in self._lazy:
            src = self.vertex_source
            self._lazy["v"] = src() if callable(src) else src
        return self._lazy["v"]

    @property
    def region(self) -> sp.Set | None:
        """For two types: the set of ``mu(first type)`` as a sympy Set, when known."""
        if "r" not in self._lazy:
            src = self.region_source
            self._lazy["r"] = src() if callable(src) else src
        return self._lazy["r"]

    @property
    def symbols(self) -> tuple[sp.Symbol, ...]:
        """The belief symbols, one per type."""
        return tuple(belief(t) for t in self.types)

    def _vector(self, mu: Mapping[str, Any] | tuple) -> tuple[sp.Expr, ...]:
        if isinstance(mu, Mapping):
            unknown = set(mu) - set(self.types)
            if unknown:
                raise UnknownLabelError(f"unknown type(s) {sorted(unknown)} in belief")
            return tuple(to_exact(mu.get(t, 0), f"belief of {t!r}") for t in self.types)
        return tuple(to_exact(x, "belief") for x in mu)

    def contains(self, mu: Mapping[str, Any] | tuple) -> bool:
        """Whether the belief ``mu`` ({type: prob}, omitted types 0) lies in the set.

        Examples
        --------
        >>> BeliefSet(("a", "b"), (), None, (1, 0)).contains({"a": 1})
        True
        """
        vec = self._vector(mu)
        if any(x.is_number and algebraic_sign(x) < 0 for x in vec):
            return False
        total = sp.Add(*vec) - 1
        if (algebraic_sign(total) if total.is_number else sp.simplify(total)) != 0:
            return False
        sub = dict(zip(self.symbols, vec))
        return all(_holds(c, sub) for c in self.constraints)

    def example(self) -> dict[str, sp.Expr]:
        """One belief in the set, as ``{type: prob}``."""
        return dict(zip(self.types, self.point))

    def bounds(self, t: str) -> tuple[sp.Expr, sp.Expr]:
        """The smallest and largest probability of type ``t`` over the set.

        Examples
        --------
        >>> BeliefSet(("a", "b"), (), ((0, 1), (sp.Rational(2, 3), sp.Rational(1, 3))),
        ...           (0, 1)).bounds("b")
        (1/3, 1)
        """
        if t not in self.types:
            raise UnknownLabelError(f"unknown type {t!r}")
        i = self.types.index(t)
        if self.vertices is not None:
            values = [sp.sympify(v[i]) for v in self.vertices]
            return sp.Min(*values), sp.Max(*values)
        if self.region is not None and len(self.types) == 2:
            first = (self.region.inf, self.region.sup)
            return first if i == 0 else (1 - first[1], 1 - first[0])
        raise ValueError("bounds are only known for polytopes and two-type sets")

    def interval(self) -> tuple[sp.Expr, sp.Expr]:
        """For two types: the range of ``mu(first type)`` (the set is this interval when convex)."""
        if len(self.types) != 2:
            raise ValueError("interval() is for two-type games")
        return self.bounds(self.types[0])

    def subs(self, values: Mapping[sp.Symbol, Any]) -> BeliefSet:
        """Substitute parameter values into a parametric belief set."""
        def sub(x):
            return value_at(sp.sympify(x), values)
        verts = None if self.vertices is None else tuple(
            tuple(sub(x) for x in v) for v in self.vertices)
        cons = tuple(c for c in (sub(c) for c in self.constraints) if c is not sp.true)
        return BeliefSet(self.types, cons, verts, tuple(sub(x) for x in self.point),
                         None if self.region is None else self.region.xreplace(values))

    def __str__(self) -> str:
        if len(self.types) == 2:
            if self.region is not None and not isinstance(self.region, sp.Interval):
                return f"mu({self.types[0]}) in {self.region}"
            try:
                lo, hi = self.interval()
            except ValueError:
                pass
            else:
                if self.vertices is not None or isinstance(self.region, sp.Interval):
                    return f"mu({self.types[0]}) in [{lo}, {hi}]"
        if self.vertices is not None:
            pts = "; ".join("(" + ", ".join(str(x) for x in v) + ")" for v in self.vertices)
            return f"conv{{{pts}}}"
        return " & ".join(str(c) for c in self.constraints) or "all beliefs"

    def __repr__(self) -> str:
        return f"BeliefSet({self})"

    def to_latex(self) -> str:
        r"""LaTeX math (no ``$``), readable like the text form.

        Examples
        --------
        >>> mu_w = belief("weak")
        >>> s = BeliefSet(("weak", "strong"), (mu_w >= sp.Rational(1, 2),),
        ...               ((sp.Rational(1, 2), sp.Rational(1, 2)), (1, 0)), (1, 0))
        >>> print(s.to_latex())
        \mu(\text{weak}) \in \left[\frac{1}{2}, 1\right]
        """
        return latex_belief(self)

    def _repr_latex_(self) -> str:
        return "$" + self.to_latex() + "$"
