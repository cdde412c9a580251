"""Joining the pieces of a parametric result: one equilibrium over several parameter
pieces, its values ``Piecewise`` where the pieces differ, and the union of conditions."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError

from ..beliefs import BeliefSet
from ..equilibrium import Equilibrium, Family, freeze
from ..errors import UndecidableConditionError
from .algebraic import AlgebraicContext, algebraic_sign
from .context import condition_set_1d

__all__ = ["at_point", "flatten_values", "map_values", "piecewise", "union_conditions"]


def at_point(eq: Equilibrium, p: sp.Symbol, x: sp.Expr) -> Equilibrium:
    """The equilibrium's expressions at ``p = x`` (the game keeps its parameter).

    Examples
    --------
    Beer-quiche's pool on beer at the prior ``p = 1/3`` of the weak type:

    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> p = sp.Symbol("p")
    >>> eq = solve(beer_quiche(p), pure=True)[0]
    >>> at = at_point(eq, p, sp.Rational(1, 3))
    >>> eq.receiver_payoff, at.receiver_payoff, dict(at.beliefs["beer"])
    (1 - p, 2/3, {'weak': 1/3, 'strong': 2/3})
    """
    def s(v):
        return AlgebraicContext.simplify(sp.sympify(v).xreplace({p: x}))
    return map_values(eq, s)


def map_values(eq: Equilibrium, s: Callable[[Any], Any], regions: bool = False
               ) -> Equilibrium:
    """The equilibrium with ``s`` applied to every value (strategies, belief points,
    payoffs, family ranges); belief sets keep their constraints, and their regions only
    with ``regions`` (when the caller knows the values keep them valid).

    Examples
    --------
    Beer-quiche's pool on beer with ``p = 1/2`` put into every value: the posterior
    after beer is the prior, the belief set after quiche keeps its constraint.

    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> p = sp.Symbol("p")
    >>> eq = solve(beer_quiche(p), pure=True)[0]
    >>> half = map_values(eq, lambda v: sp.sympify(v).subs(p, sp.Rational(1, 2)))
    >>> dict(half.beliefs["beer"]), str(half.beliefs["quiche"])
    ({'weak': 1/2, 'strong': 1/2}, '-mu_strong + mu_weak >= 0')
    """
    def strat(d):
        return freeze({k: {kk: s(vv) for kk, vv in v.items()} for k, v in d.items()})
    beliefs = {}
    for m, b in eq.beliefs.items():
        if isinstance(b, BeliefSet):
            beliefs[m] = BeliefSet(b.types, b.constraints, None, tuple(s(v) for v in b.point),
                                  b.region if regions else None)
        else:
            beliefs[m] = {t: s(v) for t, v in b.items()}
    fam = eq.family
    if fam is not None:
        fam = Family(fam.variables, strat(_thaw(fam.sender)), strat(_thaw(fam.receiver)),
                     fam.constraint, freeze({v: (s(lo), s(hi)) for v, (lo, hi)
                                             in fam.ranges.items()}), fam.on_path)
    return replace(eq, sender=strat(eq.sender), receiver=strat(eq.receiver),
                   beliefs=freeze(beliefs),
                   sender_payoffs=freeze({t: s(v) for t, v in eq.sender_payoffs.items()}),
                   receiver_payoff=s(eq.receiver_payoff), family=fam)


def _thaw(d):
    return {k: dict(v) for k, v in d.items()}


def piecewise(pieces: Sequence[tuple[sp.Basic, Equilibrium]],
              union: Callable[[list[sp.Basic]], sp.Basic] | None = None, regions: bool = False,
              equal_at: Callable | None = None) -> Equilibrium:
    """One equilibrium whose expressions are ``Piecewise`` over the pieces' conditions
    where the pieces' representatives differ, and whose family constraint is, where the
    pieces' constraints differ, each piece's constraint on its own condition (``union``
    joins a list of the pieces' conditions, default :func:`union_conditions`;
    ``regions``: the pieces' off-path belief sets are the same, keep the first piece's
    regions; ``equal_at(expr, condition, value)``: whether ``expr`` is ``value`` at a
    point ``condition``, True or False when the caller can decide it exactly there,
    else None, for :func:`_absorb_points`).

    Examples
    --------
    Beer-quiche's pool on beer over ``0 < p < 1/4``, and over ``1/4 <= p <= 1/2`` with
    its values at ``p = 1/4``: the receiver's payoff differs between the pieces and
    becomes ``Piecewise``, the weak type's payoff does not.

    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> p = sp.Symbol("p")
    >>> eq = solve(beer_quiche(p), pure=True)[0]
    >>> low = (0 < p) & (p < sp.Rational(1, 4))
    >>> high = (sp.Rational(1, 4) <= p) & (p <= sp.Rational(1, 2))
    >>> joined = piecewise([(low, eq), (high, at_point(eq, p, sp.Rational(1, 4)))])
    >>> joined.receiver_payoff, joined.sender_payoffs["weak"]
    (Piecewise((1 - p, (p > 0) & (p < 1/4)), (3/4, (p >= 1/4) & (p <= 1/2))), 2)
    """
    union = union or union_conditions
    first = pieces[0][1]
    if len(pieces) == 1:
        return first
    conds = [c for c, _ in pieces]
    eqs = [e for _, e in pieces]
    unions: dict = {}  # the value positions often split the pieces alike

    def joined(cs: tuple):
        hit = unions.get(cs)
        if hit is None:
            hit = unions[cs] = union(list(cs))
        return hit

    def pick(values):
        vals = [sp.sympify(v) for v in values]
        if all(v == vals[0] for v in vals[1:]):
            return vals[0]
        groups: dict = {}  # one piece per distinct value, over the union of its conditions
        for v, c in zip(vals, conds):
            groups.setdefault(v, []).append(c)
        _absorb_points(groups, equal_at)
        if len(groups) == 1:
            return next(iter(groups))
        return sp.Piecewise(*((v, joined(tuple(cs))) for v, cs in groups.items()),
                            evaluate=False)

    # gather each value position across the pieces, then rebuild from the first
    flat = [flatten_values(e) for e in eqs]
    merged = [pick(col) for col in zip(*flat)]
    it = iter(merged)
    out = map_values(first, lambda v: next(it), regions)
    # a family's constraint: each piece's on its own condition, where the pieces differ
    if all(e.family is not None for e in eqs):
        by_constraint: dict = {}
        for e, c in zip(eqs, conds):
            by_constraint.setdefault(e.family.constraint, []).append(c)
        if len(by_constraint) > 1:
            constraint = sp.Or(*(sp.And(joined(tuple(cs)), k)
                                 for k, cs in by_constraint.items()))
            out = replace(out, family=replace(out.family, constraint=constraint))
    return out


def _absorb_points(groups: dict, equal_at: Callable | None = None) -> None:
    """Move each point ``Eq(p, x)`` whose value is another group's expression at ``x``
    into that group (a point between two cells often has the cells' value: then no
    piece of its own).  Decided exactly: by ``equal_at`` (see :func:`piecewise`) where
    it answers, else :func:`.algebraic.algebraic_sign`; where neither can, the point
    keeps its own piece."""
    exprs = [v for v in groups if v.free_symbols]
    if not exprs:
        return
    for v in [v for v in groups if not v.free_symbols]:
        keep = []
        for c in groups[v]:
            at = _point(c)
            home = at and next((w for w in exprs if _same_at(w, c, at, v, equal_at)), None)
            if home is None:
                keep.append(c)
            else:
                groups[home].append(c)
        if keep:
            groups[v] = keep
        else:
            del groups[v]


def _point(condition: sp.Basic) -> tuple | None:
    """``(p, x)`` for a point condition ``Eq(p, x)``, else None."""
    if not isinstance(condition, sp.Eq):
        return None
    for lhs, rhs in ((condition.lhs, condition.rhs), (condition.rhs, condition.lhs)):
        if isinstance(lhs, sp.Symbol) and rhs.is_number:
            return lhs, rhs
    return None


def _same_at(expr: sp.Basic, condition: sp.Basic, at: tuple, value: sp.Basic,
             equal_at: Callable | None) -> bool:
    found = None if equal_at is None else equal_at(expr, condition, value)
    return _equal_at(expr, at, value) if found is None else found


def _equal_at(expr: sp.Basic, at: tuple, value: sp.Basic) -> bool:
    """Whether ``expr`` at ``p = x`` is ``value``, exactly (False when it cannot say,
    or when ``expr`` is not defined there or has other symbols)."""
    p, x = at
    if expr.free_symbols != {p}:
        return False
    try:
        diff = sp.expand(expr.xreplace({p: x}) - value)
        if diff.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            return False
        return algebraic_sign(diff) == 0
    except (UndecidableConditionError, BasePolynomialError, TypeError, ValueError,
            ZeroDivisionError):
        return False


def union_conditions(conditions: list) -> sp.Basic:
    """The disjunction of pairwise disjoint conditions; in one parameter, as the fewest
    intervals (``3 < c < 4`` or ``c = 4`` or ``4 < c < 5`` becomes ``3 < c < 5``).

    Examples
    --------
    >>> c = sp.Symbol("c")
    >>> union_conditions([(3 < c) & (c < 4), sp.Eq(c, 4), (4 < c) & (c < 5)])
    (c > 3) & (c < 5)
    >>> union_conditions([(0 < c) & (c < 1), (2 < c) & (c < 3)])
    ((c > 0) & (c < 1)) | ((c > 2) & (c < 3))
    """
    either = sp.Or(*conditions)
    symbols = either.free_symbols
    if len(symbols) != 1:
        return either
    (p,) = symbols
    try:
        union = sp.Union(*(_as_set(c) for c in conditions)).as_relational(p)
        return union.replace(lambda e: isinstance(e, sp.core.relational.Relational),
                             lambda e: e.canonical)
    except (NotImplementedError, TypeError, ValueError):  # sympy cannot write it as a set
        return either


@functools.lru_cache(maxsize=4096)
def _as_set(condition: sp.Basic) -> sp.Set:
    """The set of the parameter's values where ``condition`` (in one parameter) holds,
    once per condition (the pieces of one solve share their conditions: a leaf's region,
    a critical point ``Eq(p, x)``).

    A point ``Eq(p, x)`` is ``{x}``; a conjunction of polynomial sign atoms is decided
    exactly between and at the atoms' roots (:func:`~.context.condition_set_1d`);
    anything else is left to ``condition.as_set()`` (sympy's, much slower: it tests
    each relation for periodicity).
    """
    if len(condition.free_symbols) != 1:
        return condition.as_set()
    (p,) = condition.free_symbols
    if isinstance(condition, sp.Or):
        return sp.Union(*(_as_set(c) for c in condition.args))
    if isinstance(condition, sp.Eq) and condition.lhs == p and condition.rhs.is_number:
        return sp.FiniteSet(condition.rhs)
    if isinstance(condition, sp.Eq) and condition.rhs == p and condition.lhs.is_number:
        return sp.FiniteSet(condition.lhs)
    found = condition_set_1d([condition], p, {})
    return condition.as_set() if found is None else found


def flatten_values(eq: Equilibrium) -> list:
    """Every value of the equilibrium, in the order in which :func:`map_values` applies
    its function to them: the positions :func:`piecewise` lines up across pieces.

    Examples
    --------
    Beer-quiche's pool on beer (prior 1/10 of the weak type): the posterior after beer,
    the belief point after quiche, the two types' and the receiver's strategies, the
    types' payoffs and the receiver's.

    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> flatten_values(solve(beer_quiche(), pure=True)[0])
    [1/10, 9/10, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 2, 3, 9/10]
    """
    out = []
    map_values(eq, lambda v: out.append(v) or v)
    return out

