"""The game's numbers in the form the solver computes with, and linear algebra on them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from ..game import SignallingGame
from .context_protocol import DecisionContext
from .lp import LinearSystem, interior_point


@dataclass
class Tables:
    """Prior and payoffs as context values (Fractions, or sympy expressions).

    ``u[t][m][a]`` is the sender's payoff and ``v[t][m][a]`` the receiver's.  ``cache``
    memoises per-game computations (best-response cells, belief polytopes).
    """

    n_types: int
    n_actions: tuple[int, ...]
    prior: list
    u: list
    v: list
    cache: dict = field(default_factory=dict)

    @property
    def n_messages(self) -> int:
        """The number of messages (one entry of ``n_actions`` each)."""
        return len(self.n_actions)

    @classmethod
    def from_game(cls, game: SignallingGame, ctx: Any) -> Tables:
        """The game's prior and payoff tables, each number converted by ``ctx.coerce``
        (a decision context's, or that of any object with a ``coerce`` method).

        Examples
        --------
        >>> from alliance_games.examples import beer_quiche
        >>> from alliance_games.solving.context import NUMERIC
        >>> tb = Tables.from_game(beer_quiche(), NUMERIC)
        >>> tb.n_messages, tb.prior, tb.u[0][1]
        (2, [Fraction(1, 10), Fraction(9, 10)], [Fraction(1, 1), Fraction(3, 1)])
        """
        def conv(tab):
            return [[[ctx.coerce(x) for x in row] for row in rows] for rows in tab]
        return cls(len(game.types), tuple(len(a) for a in game.actions),
                   [ctx.coerce(x) for x in game.prior], conv(game.sender_payoffs),
                   conv(game.receiver_payoffs))


def scaled_ints(tab: list) -> list:
    """A payoff table of rationals times the common denominator: integers, same order.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> scaled_ints([[[F(1, 2), F(1, 3)]]])
    [[[3, 2]]]
    """
    den = 1
    for rows in tab:
        for row in rows:
            for x in row:
                den = math.lcm(den, x.denominator)
    return [[[int(x * den) for x in row] for row in rows] for rows in tab]


def weighted_diffs(tb: Tables) -> list:
    """``d[t][m][a][a2] = prior[t] * (v[t][m][a] - v[t][m][a2])`` (numeric tables), the
    receiver's prior-weighted gain from ``a`` over ``a2`` at type ``t``, computed once
    per game: the coefficients of the sender's mixing conditions.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> tb = Tables(1, (2,), [F(1)], [[[F(0), F(0)]]], [[[F(1), F(3)]]])
    >>> weighted_diffs(tb)[0][0][0]
    [Fraction(0, 1), Fraction(-2, 1)]
    """
    hit = tb.cache.get("weighted diffs")
    if hit is None:
        hit = tb.cache["weighted diffs"] = [
            [[[tb.prior[t] * (x - y) for y in row] for x in row] for row in tb.v[t]]
            for t in range(tb.n_types)]
    return hit


def scaled_table(tb: Tables, name: str) -> list:
    """:func:`scaled_ints` of the sender's (``"u"``) or the receiver's (``"v"``) payoff
    table, once per game.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> tb = Tables(1, (2,), [F(1)], [[[F(1, 2), F(1)]]], [[[F(0), F(1)]]])
    >>> scaled_table(tb, "u")
    [[[1, 2]]]
    """
    key = ("scaled", name)
    hit = tb.cache.get(key)
    if hit is None:
        hit = tb.cache[key] = scaled_ints(getattr(tb, name))
    return hit


def weighted_int_diffs(tb: Tables) -> list:
    """:func:`weighted_diffs` times their common denominator (integers), once per game:
    for feasibility tests, where a row may be scaled by any positive number.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> tb = Tables(1, (2,), [F(1, 2)], [[[F(0), F(0)]]], [[[F(1), F(4)]]])
    >>> weighted_int_diffs(tb)[0][0]
    [[0, -3], [3, 0]]
    """
    hit = tb.cache.get("weighted int diffs")
    if hit is None:
        diffs = weighted_diffs(tb)
        den = 1
        for rows in diffs:
            for block in rows:
                for row in block:
                    for x in row:
                        den = math.lcm(den, x.denominator)
        hit = tb.cache["weighted int diffs"] = [
            [[[x.numerator * (den // x.denominator) for x in row] for row in block]
             for block in rows] for rows in diffs]
    return hit


def br_system(ctx: DecisionContext, tb: Tables, m: int, support: Sequence[int],
              types: Sequence[int], strict_types: bool = False) -> LinearSystem:
    """Beliefs ``mu`` over ``types`` (a tuple of type indices) at which every action in
    ``support`` is a best response after message ``m``.

    Variables are ``mu[types[i]]``; with ``strict_types`` each is strictly positive.
    Numeric systems are cached per game (the same object for the same arguments).

    Examples
    --------
    In Beer-Quiche the receiver duels after quiche (action 0 after message 1) at the
    beliefs over both types with ``mu(weak) - mu(strong) >= 0`` (and the beliefs' sum 1):

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.context import NUMERIC
    >>> tb = Tables.from_game(beer_quiche(), NUMERIC)
    >>> system = br_system(NUMERIC, tb, 1, (0,), (0, 1))
    >>> system.n, system.ge
    (2, (((Fraction(1, 1), Fraction(-1, 1)), Fraction(0, 1)),))
    """
    if not ctx.symbolic:
        key = ("br system", m, tuple(support), tuple(types), strict_types)
        hit = tb.cache.get(key)
        if hit is None:
            hit = tb.cache[key] = _br_system(ctx, tb, m, support, types, strict_types)
        return hit
    return _br_system(ctx, tb, m, support, types, strict_types)


def _br_system(ctx, tb: Tables, m: int, support, types, strict_types: bool) -> LinearSystem:
    k = len(types)
    eq = [(tuple([ctx.one] * k), ctx.one)]
    ge = []
    support = tuple(support)
    for i, a in enumerate(support):
        for a2 in range(tb.n_actions[m]):
            if a2 == a or (a2 in support and support.index(a2) < i):
                continue
            row = tuple(ctx.simplify(tb.v[t][m][a] - tb.v[t][m][a2]) for t in types)
            if a2 in support:
                eq.append((row, ctx.zero))
            else:
                ge.append((row, ctx.zero))
    gt = tuple((tuple(ctx.one if j == i else ctx.zero for j in range(k)), ctx.zero)
               for i in range(k)) if strict_types else ()
    return LinearSystem(k, tuple(eq), tuple(ge), gt)


def br_point(ctx: DecisionContext, tb: Tables, m: int, support: Sequence[int], types: Sequence[int],
             strict_types: bool = False) -> list | None:
    """A belief (over all types, zeros outside ``types``) supporting ``support``, or None.

    Examples
    --------
    In Beer-Quiche the receiver is indifferent after quiche at the belief (1/2, 1/2); on
    the strong type alone, dueling is not a best response:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.context import NUMERIC
    >>> tb = Tables.from_game(beer_quiche(), NUMERIC)
    >>> br_point(NUMERIC, tb, 1, (0, 1), (0, 1)), br_point(NUMERIC, tb, 1, (0,), (1,))
    ([Fraction(1, 2), Fraction(1, 2)], None)
    """
    key = ("br", m, tuple(support), tuple(types), strict_types)
    if not ctx.symbolic and key in tb.cache:
        return tb.cache[key]
    if ctx.symbolic and hasattr(ctx, "memoized"):
        return ctx.memoized(key, lambda: _br_point(ctx, tb, m, support, types, strict_types))
    point = _br_point(ctx, tb, m, support, types, strict_types)
    if not ctx.symbolic:
        tb.cache[key] = point
    return point


def _br_point(ctx, tb: Tables, m: int, support, types, strict_types: bool):
    x = interior_point(ctx, br_system(ctx, tb, m, support, types, strict_types))
    point = None
    if x is not None:
        point = [ctx.zero] * tb.n_types
        for t, val in zip(types, x):
            point[t] = val
    return point


def cells(ctx: DecisionContext, tb: Tables, m: int, types: Sequence[int]) -> list[tuple[int, ...]]:
    """Every set of actions after ``m`` that are simultaneously best responses to some
    belief supported on ``types`` (the faces of the mixed best-response correspondence).

    Examples
    --------
    In Beer-Quiche, after quiche: dueling, not dueling and both (at the belief (1/2,
    1/2)) over both types; only not dueling against the strong type alone:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.context import NUMERIC
    >>> tb = Tables.from_game(beer_quiche(), NUMERIC)
    >>> cells(NUMERIC, tb, 1, (0, 1)), cells(NUMERIC, tb, 1, (1,))
    ([(0,), (1,), (0, 1)], [(1,)])
    """
    key = ("cells", m, tuple(types))
    if not ctx.symbolic and key in tb.cache:
        return tb.cache[key]
    if ctx.symbolic and hasattr(ctx, "memoized"):
        return ctx.memoized(key, lambda: _cells(ctx, tb, m, types))
    out = _cells(ctx, tb, m, types)
    if not ctx.symbolic:
        tb.cache[key] = out
    return out


def _cells(ctx, tb: Tables, m: int, types) -> list[tuple[int, ...]]:
    out: list[tuple[int, ...]] = []
    infeasible: list[frozenset] = []
    for size in range(1, tb.n_actions[m] + 1):
        for B in combinations(range(tb.n_actions[m]), size):
            fb = frozenset(B)
            if any(bad <= fb for bad in infeasible):
                continue
            if br_point(ctx, tb, m, B, types) is not None:
                out.append(B)
            else:
                infeasible.append(fb)
    return out


def solve_square(ctx: DecisionContext, A: list[list], b: list) -> list | None:
    """The unique solution of ``A x = b`` (square), or None when singular.

    Examples
    --------
    ``x + y = 3, x - y = 1``, then the singular ``x + y = 1, 2 x + 2 y = 2``:

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> solve_square(NUMERIC, [[F(1), F(1)], [F(1), F(-1)]], [F(3), F(1)])
    [Fraction(2, 1), Fraction(1, 1)]
    >>> solve_square(NUMERIC, [[F(1), F(1)], [F(2), F(2)]], [F(1), F(2)]) is None
    True
    """
    n = len(A)
    M = [list(row) + [rhs] for row, rhs in zip(A, b)]
    for col in range(n):
        piv = next((r for r in range(col, n) if ctx.sign(M[r][col]) != 0), None)
        if piv is None:
            return None
        M[col], M[piv] = M[piv], M[col]
        p = M[col][col]
        M[col] = [ctx.simplify(x / p) for x in M[col]]
        for r in range(n):
            if r != col and ctx.sign(M[r][col]) != 0:
                f = M[r][col]
                M[r] = [ctx.simplify(x - f * y) for x, y in zip(M[r], M[col])]
    return [M[r][n] for r in range(n)]


def independent_rows(ctx: DecisionContext, rows: list[tuple[tuple, object]]
                     ) -> list[tuple[tuple, object]]:
    """A maximal linearly independent subset of equality rows ``(a, b)`` (consistent ones).

    Examples
    --------
    ``2 x + 2 y = 2`` is twice ``x + y = 1``, and is dropped:

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> rows = [((F(1), F(1)), F(1)), ((F(2), F(2)), F(2)), ((F(1), F(-1)), F(0))]
    >>> independent_rows(NUMERIC, rows) == [rows[0], rows[2]]
    True
    """
    kept: list[tuple[tuple, object]] = []
    basis: list[list] = []  # echelon rows (augmented)
    for a, b in rows:
        r = list(a) + [b]
        for e in basis:
            lead = next(j for j, x in enumerate(e) if ctx.sign(x) != 0)
            if ctx.sign(r[lead]) != 0:
                f = r[lead] / e[lead]
                r = [ctx.simplify(x - f * y) for x, y in zip(r, e)]
        if any(ctx.sign(x) != 0 for x in r[:-1]):
            basis.append(r)
            kept.append((a, b))
    return kept


def vertices(ctx: DecisionContext, system: LinearSystem) -> list[tuple]:
    """Vertices of the closed polytope ``{x >= 0, eq, ge (and gt closed)}`` (exact).

    Examples
    --------
    The beliefs ``(x, y)`` with ``x + y = 1`` and ``x - y >= 0``: a segment.

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> system = LinearSystem(2, eq=(((F(1), F(1)), F(1)),), ge=(((F(1), F(-1)), F(0)),))
    >>> [tuple(str(x) for x in v) for v in vertices(NUMERIC, system)]
    [('1/2', '1/2'), ('1', '0')]
    """
    n = system.n
    eqs = independent_rows(ctx, list(system.eq))
    ineqs = [(a, b) for a, b in system.ge + system.gt]
    ineqs += [(tuple(ctx.one if j == i else ctx.zero for j in range(n)), ctx.zero)
              for i in range(n)]
    k = n - len(eqs)
    found: list[tuple] = []
    for chosen in combinations(range(len(ineqs)), k):
        A = [list(a) for a, _ in eqs] + [list(ineqs[i][0]) for i in chosen]
        b = [rhs for _, rhs in eqs] + [ineqs[i][1] for i in chosen]
        x = solve_square(ctx, A, b)
        if x is None:
            continue
        if any(ctx.sign(ctx.simplify(sum((ai * xi for ai, xi in zip(a, x)), ctx.zero) - rhs))
               < 0 for a, rhs in ineqs):
            continue
        tx = tuple(x)
        if tx not in found:
            found.append(tx)
    return found
