"""The verifier's reading of a game and of a reported equilibrium: payoff tables as exact
numbers (:func:`game_data`), the vertices of polytopes of beliefs
(:func:`polytope_vertices`, :func:`br_region_vertices`), linear forms and conditions in
free variables (:func:`affine_form`, :func:`linear_rows`, :func:`condition_holds`),
reported distributions and beliefs (:func:`read_distribution`, :func:`read_point`), and
the check that the receiver best-responds at a belief (:func:`check_best_response`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Any

import sympy as sp

from .expr_walk import substitute
from .verify_lp import Row
from .verify_numbers import (
    AlgebraicValue,
    NotExact,
    exact_sign,
    exact_value,
    one_root_form,
    short_expr,
    show,
    show_point,
    to_sympy,
)

__all__ = ["AffineForm", "GameData", "affine_form", "belief_grid", "br_region_vertices",
           "check_best_response", "condition_holds", "conjuncts", "exact_expr",
           "game_data", "linear_rows", "point_dict", "polytope_vertices",
           "read_distribution", "read_point", "relation_parts"]


_GRID_DENOMINATOR = {1: 1, 2: 8, 3: 6, 4: 4}


@dataclass(frozen=True)
class GameData:
    """A game as the verifier reads it (:func:`game_data`): labels, the prior as exact
    numbers, the payoff tables ``[t][m][a]`` (sympy expressions in the belief symbols
    ``syms`` where payoffs depend on beliefs), and the payoffs at a belief."""

    types: tuple[str, ...]
    messages: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    prior: tuple[Fraction, ...]
    us: tuple  # [t][m][a] sympy Expr
    ur: tuple
    syms: tuple[sp.Symbol, ...]
    belief_dependent: bool

    def payoff(self, who: str, t: int, m: int, a: int, mu: Sequence[Fraction] | None
               ) -> Fraction | AlgebraicValue:
        """The sender's (``who="sender"``) or else the receiver's payoff when type ``t``
        sends ``m`` and the receiver plays ``a``, as an exact number; where payoffs depend
        on beliefs, at the belief ``mu`` (:class:`NotExact` if it is None).

        Examples
        --------
        >>> from alliance_games.examples import beer_quiche
        >>> game_data(beer_quiche()).payoff("sender", 0, 1, 1, None)
        Fraction(3, 1)
        """
        arr = self.us if who == "sender" else self.ur
        expr = arr[t][m][a]
        if self.belief_dependent and isinstance(expr, sp.Basic) and expr.free_symbols:
            if mu is None:
                raise NotExact(f"{who} payoff {expr} depends on beliefs but no belief was given")
            expr = substitute(expr, {s: to_sympy(v) for s, v in zip(self.syms, mu, strict=True)})
        return exact_value(expr)

    def receiver_values(self, m: int, mu: Sequence[Fraction]) -> list[Fraction]:
        """The receiver's expected payoff from each action after ``m`` at the belief
        ``mu`` (one probability per type).

        Examples
        --------
        >>> from alliance_games.examples import beer_quiche
        >>> game_data(beer_quiche()).receiver_values(1, [Fraction(1, 10), Fraction(9, 10)])
        [Fraction(1, 10), Fraction(9, 10)]
        """
        return [sum((mu[t] * self.payoff("receiver", t, m, a, mu)
                     for t in range(len(self.types))), Fraction(0))
                for a in range(len(self.actions[m]))]


def game_data(game: Any) -> GameData:
    """The verifier's reading of ``game`` (its labels, prior and payoff tables).

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> data = game_data(beer_quiche())
    >>> data.types, data.prior, data.belief_dependent
    (('weak', 'strong'), (Fraction(1, 10), Fraction(9, 10)), False)
    """
    types = tuple(str(t) for t in game.types)
    messages = tuple(str(m) for m in game.messages)
    acts = game.actions
    if acts and isinstance(acts[0], str):  # a single action list shared by every message
        acts = tuple(tuple(acts) for _ in messages)
    actions = tuple(tuple(str(a) for a in am) for am in acts)
    prior = tuple(exact_value(p) for p in game.prior)
    syms = tuple(getattr(game, "belief_symbols", ()) or
                 (sp.Symbol(f"mu_{t}") for t in types))
    belief_dependent = bool(getattr(game, "has_belief_payoffs", False))
    return GameData(types, messages, actions, prior, _compact(game.sender_payoffs, syms),
                    _compact(game.receiver_payoffs, syms), syms, belief_dependent)


def _compact(table: Any, syms: Sequence[sp.Symbol]) -> tuple:
    """A payoff table ``[t][m][a]`` with every entry built from one root (a parameter
    value that is a CRootOf or a quadratic irrational) in its one-root form
    (:func:`one_root_form`): a polynomial of degree below the root's in it, not the
    nested expression substitution leaves, whose products and signs cost minutes."""
    def entry(x: Any) -> Any:
        form = one_root_form(x, syms) if isinstance(x, sp.Basic) else None
        return x if form is None else form
    return tuple(tuple(tuple(entry(x) for x in row) for row in tm) for tm in table)


def _solve_exact(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve a square linear system exactly; ``None`` when it is singular."""
    n = len(rows)
    a = [list(r) + [b] for r, b in zip(rows, rhs, strict=True)]
    for col in range(n):
        piv = next((r for r in range(col, n) if a[r][col] != 0), None)
        if piv is None:
            return None
        a[col], a[piv] = a[piv], a[col]
        p = a[col][col]
        a[col] = [v / p for v in a[col]]
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[r][n] for r in range(n)]


def polytope_vertices(n: int, ineqs: Iterable[Sequence[Fraction]]) -> list[tuple[Fraction, ...]]:
    """Vertices of ``{mu in simplex_n : c . mu >= 0 for every c in ineqs}``, exactly.

    Basic feasible solutions: ``n - 1`` tight inequalities plus ``sum(mu) = 1``.

    Examples
    --------
    The beliefs over two types with ``mu_1 >= mu_0``: the segment from ``(0, 1)`` to
    ``(1/2, 1/2)``.

    >>> polytope_vertices(2, [(-1, 1)])
    [(Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 2), Fraction(1, 2))]
    """
    rows: list[tuple[Fraction, ...]] = []
    seen: set[tuple[Fraction, ...]] = set()
    unit = [tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n)]
    for c in list(unit) + [tuple(Fraction(v) for v in c) for c in ineqs]:
        if all(v == 0 for v in c):
            continue
        scale = max(abs(v) for v in c)
        key = tuple(v / scale for v in c)
        if key not in seen:
            seen.add(key)
            rows.append(key)
    ones = [Fraction(1)] * n
    found: list[tuple[Fraction, ...]] = []
    for chosen in combinations(rows, n - 1):
        sol = _solve_exact([ones] + [list(c) for c in chosen],
                           [Fraction(1)] + [Fraction(0)] * (n - 1))
        if sol is None:
            continue
        if all(sum((c[i] * sol[i] for i in range(n)), Fraction(0)) >= 0 for c in rows):
            pt = tuple(sol)
            if pt not in found:
                found.append(pt)
    return found


def br_region_vertices(data: GameData, m: int,
                       support: Sequence[int]) -> list[tuple[Fraction, ...]]:
    """Vertices of the beliefs at which every action in ``support`` is a best response.

    Examples
    --------
    In beer-quiche, duel (action 0) after quiche (message 1) is a best response where
    ``mu(weak) >= 1/2``; duel and not_duel both only at ``mu(weak) = 1/2``.

    >>> from alliance_games.examples import beer_quiche
    >>> data = game_data(beer_quiche())
    >>> br_region_vertices(data, 1, [0])
    [(Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 2), Fraction(1, 2))]
    >>> br_region_vertices(data, 1, [0, 1])
    [(Fraction(1, 2), Fraction(1, 2))]
    """
    n = len(data.types)
    ur = [[data.payoff("receiver", t, m, a, None) for a in range(len(data.actions[m]))]
          for t in range(n)]
    ineqs = [[ur[t][a] - ur[t][b] for t in range(n)]
             for a in support for b in range(len(data.actions[m])) if b != a]
    return polytope_vertices(n, ineqs)


def belief_grid(n: int) -> list[tuple[Fraction, ...]]:
    """Rational grid points of the simplex (denominator chosen by dimension).

    Examples
    --------
    Two types: the multiples of ``1/8``; three types: of ``1/6`` (28 points).

    >>> grid = belief_grid(2)
    >>> len(grid), grid[1], len(belief_grid(3))
    (9, (Fraction(1, 8), Fraction(7, 8)), 28)
    """
    d = _GRID_DENOMINATOR.get(n, 2)
    out: list[tuple[Fraction, ...]] = []

    def rec(prefix: list[int], left: int, k: int) -> None:
        if k == 1:
            out.append(tuple(Fraction(v, d) for v in prefix + [left]))
            return
        for v in range(left + 1):
            rec(prefix + [v], left - v, k - 1)

    rec([], d, n)
    return out


AffineForm = tuple[tuple[Fraction, ...], Fraction]  # coefficients over the variables, constant


_RELATIONS = (sp.Eq, sp.Ne, sp.Ge, sp.Gt, sp.Le, sp.Lt)


def exact_expr(x: Any, what: str) -> sp.Expr:
    """A sympy value of a reported entry (never parses text).

    Examples
    --------
    >>> exact_expr(Fraction(1, 3), "prior"), exact_expr(2, "payoff")
    (1/3, 2)
    >>> exact_expr(0.5, "payoff")
    Traceback (most recent call last):
    ...
    alliance_games.verify_numbers.NotExact: payoff: 0.5 (float) is not an exact number or expression
    """
    if isinstance(x, bool):
        raise NotExact(f"{what}: {x!r} is a boolean, not a number")
    if isinstance(x, sp.Basic):
        return x
    if isinstance(x, (int, Fraction)):
        return sp.Rational(x.numerator, x.denominator)
    if isinstance(x, AlgebraicValue):
        return x.e
    raise NotExact(f"{what}: {x!r} ({type(x).__name__}) is not an exact number or expression")


def affine_form(x: Any, syms: Sequence[sp.Symbol], what: str) -> AffineForm:
    """``x`` as ``coeffs . syms + const`` with rational numbers (``NotExact`` otherwise).

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> affine_form(2*x - y/3 + 1, [x, y], "constraint")
    ((Fraction(2, 1), Fraction(-1, 3)), Fraction(1, 1))
    """
    e = exact_expr(x, what)
    extra = e.free_symbols - set(syms)
    if extra:
        names = ", ".join(sorted(map(str, extra)))
        raise NotExact(f"{what}: {e} depends on {names}, which are not its variables")
    if not syms or not e.free_symbols:
        c = exact_value(e)
        if not isinstance(c, Fraction):
            raise NotExact(f"{what}: {e} is not rational")
        return (Fraction(0),) * len(syms), c
    index = {s: i for i, s in enumerate(syms)}
    coeffs = [Fraction(0)] * len(syms)
    const = Fraction(0)
    for term, c in sp.expand(e).as_coefficients_dict().items():
        if not c.is_Rational or not (term is sp.S.One or term in index):
            raise NotExact(f"{what}: {e} is not linear with rational coefficients in "
                           f"{', '.join(map(str, syms))}")
        v = Fraction(int(c.p), int(c.q))
        if term is sp.S.One:
            const += v
        else:
            coeffs[index[term]] += v
    return tuple(coeffs), const


def conjuncts(cond: Any) -> list[Any]:
    """The conjuncts of a condition (none for True).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> conjuncts(sp.And(x >= 0, x < 1)), conjuncts(sp.true)
    ([x >= 0, x < 1], [])
    """
    if cond is True or cond is sp.true:
        return []
    if isinstance(cond, sp.And):
        return [a for arg in cond.args for a in conjuncts(arg)]
    return [cond]


def linear_rows(cond: Any, syms: Sequence[sp.Symbol], what: str
                ) -> list[tuple[Row, Any]] | None:
    """A conjunction of linear relations as LP rows (with the relation); ``None`` if False.

    Examples
    --------
    ``x < 1`` becomes the row ``-x > -1``:

    >>> x = sp.Symbol("x")
    >>> rows = linear_rows(sp.And(x >= 0, x < 1), [x], "constraint")
    >>> len(rows), rows[1]
    (2, (Row(coeffs=(Fraction(-1, 1),), rel='>', rhs=Fraction(-1, 1)), x < 1))
    >>> linear_rows(sp.false, [x], "constraint") is None
    True
    """
    rows: list[tuple[Row, Any]] = []
    for atom in conjuncts(cond):
        if atom is False or atom is sp.false:
            return None
        if not isinstance(atom, (sp.Eq, sp.Ge, sp.Gt, sp.Le, sp.Lt)):
            raise NotExact(f"{what}: cannot read {atom} (expected a conjunction of linear "
                           "equations and inequalities)")
        flip = isinstance(atom, (sp.Le, sp.Lt))
        diff = (atom.rhs - atom.lhs) if flip else (atom.lhs - atom.rhs)
        coeffs, const = affine_form(diff, syms, f"{what}: {atom}")
        rel = "=" if isinstance(atom, sp.Eq) else ">" if isinstance(atom, (sp.Gt, sp.Lt)) else ">="
        if not any(coeffs):
            ok = const == 0 if rel == "=" else const > 0 if rel == ">" else const >= 0
            if not ok:
                return None
            continue
        rows.append((Row(coeffs, rel, -const), atom))
    return rows


def condition_holds(cond: Any, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
    """Decide a Boolean combination of relations at an exact point.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> cond = sp.And(x >= 0, x < 1)
    >>> condition_holds(cond, {x: sp.Rational(1, 2)}), condition_holds(cond, {x: sp.Integer(1)})
    (True, False)
    >>> condition_holds(x > sp.sqrt(2), {x: sp.Rational(3, 2)})
    True
    """
    if cond is True or cond is sp.true:
        return True
    if cond is False or cond is sp.false:
        return False
    if isinstance(cond, sp.And):
        return all(condition_holds(a, point) for a in cond.args)
    if isinstance(cond, sp.Or):
        return any(condition_holds(a, point) for a in cond.args)
    if isinstance(cond, sp.Not):
        return not condition_holds(cond.args[0], point)
    if isinstance(cond, _RELATIONS):
        value = (cond.lhs - cond.rhs).xreplace(point)
        if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise NotExact(f"{short_expr(cond)} is undefined at {point}")
        s = exact_sign(value)
        return {sp.Eq: s == 0, sp.Ne: s != 0, sp.Ge: s >= 0, sp.Gt: s > 0, sp.Le: s <= 0,
                sp.Lt: s < 0}[type(cond)]
    raise NotExact(f"cannot decide {short_expr(cond)} exactly")


def relation_parts(cond: Any) -> list[sp.Expr]:
    """``lhs - rhs`` of every relation inside a Boolean combination.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> relation_parts(sp.Or(x >= 1, sp.Not(x < y)))
    [x - 1, x - y]
    """
    if isinstance(cond, _RELATIONS):
        return [cond.lhs - cond.rhs]
    if isinstance(cond, (sp.And, sp.Or, sp.Not)):
        return [e for a in cond.args for e in relation_parts(a)]
    return []


def read_distribution(raw: Any, allowed: Sequence[str], what: str,
                      failures: list[str]) -> list[Fraction] | None:
    """Read ``{label: prob}`` into a list aligned with ``allowed``; record problems.

    Examples
    --------
    >>> failures = []
    >>> read_distribution({"quiche": Fraction(3, 4), "beer": Fraction(1, 4)},
    ...                   ["beer", "quiche"], "sender", failures)
    [Fraction(1, 4), Fraction(3, 4)]
    >>> read_distribution({"beer": Fraction(1, 2)}, ["beer", "quiche"], "sender", failures)
    >>> failures
    ['sender: probabilities sum to 1/2, not 1']
    """
    if not isinstance(raw, Mapping):
        failures.append(f"{what}: expected a mapping label -> probability, got {raw!r}")
        return None
    probs = [Fraction(0)] * len(allowed)
    ok = True
    for key, val in raw.items():
        label = str(key)
        try:
            p = exact_value(val)
        except NotExact as exc:
            failures.append(f"{what}: probability of {label} is not exact ({exc})")
            ok = False
            continue
        if label not in allowed:
            if p != 0:
                failures.append(f"{what}: {label} is not available (available: "
                                f"{', '.join(allowed)}) but has probability {show(p)}")
                ok = False
            continue
        if p < 0:
            failures.append(f"{what}: probability of {label} is negative ({show(p)})")
            ok = False
        probs[allowed.index(label)] = p
    total = sum(probs, Fraction(0))
    if total != 1:
        failures.append(f"{what}: probabilities sum to {show(total)}, not 1")
        ok = False
    return probs if ok else None


def read_point(raw: Any, types: Sequence[str], what: str,
               failures: list[str]) -> tuple[Fraction, ...] | None:
    """Read a belief point (mapping by type label, or a sequence in type order).

    Examples
    --------
    >>> failures = []
    >>> read_point({"strong": Fraction(3, 4), "weak": Fraction(1, 4)}, ["weak", "strong"],
    ...            "belief", failures)
    (Fraction(1, 4), Fraction(3, 4))
    >>> read_point([1, 1], ["weak", "strong"], "belief", failures)
    >>> failures  # doctest: +ELLIPSIS
    ['belief: belief {weak: 1, strong: 1} is not in the simplex (entries must be >= 0 ...)']
    """
    try:
        if isinstance(raw, Mapping):
            unknown = [str(k) for k in raw if str(k) not in types]
            if unknown:
                failures.append(f"{what}: unknown types {unknown} in belief {raw!r}")
                return None
            lookup = {str(k): v for k, v in raw.items()}
            pt = tuple(exact_value(lookup.get(t, 0)) for t in types)
        else:
            vals = list(raw)
            if len(vals) != len(types):
                failures.append(f"{what}: belief {raw!r} has {len(vals)} entries, "
                                f"expected {len(types)}")
                return None
            pt = tuple(exact_value(v) for v in vals)
    except NotExact as exc:
        failures.append(f"{what}: belief is not exact ({exc})")
        return None
    except TypeError:
        failures.append(f"{what}: cannot read belief {raw!r}")
        return None
    if any(v < 0 for v in pt) or sum(pt, Fraction(0)) != 1:
        failures.append(f"{what}: belief {show_point(types, pt)} is not in the simplex "
                        f"(entries must be >= 0 and sum to 1)")
        return None
    return pt


def point_dict(types: Sequence[str], mu: Sequence[Fraction]) -> dict[str, sp.Rational]:
    """A belief as a dict from type labels to sympy numbers (what belief sets take).

    Examples
    --------
    >>> point_dict(["weak", "strong"], [Fraction(1, 4), Fraction(3, 4)])
    {'weak': 1/4, 'strong': 3/4}
    """
    return {t: to_sympy(v) for t, v in zip(types, mu, strict=True)}


def check_best_response(data: GameData, mi: int, mu: Sequence[Fraction],
                        rho: Sequence[Fraction], where: str, failures: list[str]) -> bool:
    """Whether the receiver's mixture ``rho`` after message ``mi`` puts weight only on
    best responses at the belief ``mu``; each violation is added to ``failures``.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> data = game_data(beer_quiche())
    >>> failures = []
    >>> check_best_response(data, 0, [Fraction(1, 10), Fraction(9, 10)],
    ...                     [Fraction(1), Fraction(0)], "after beer", failures)
    False
    >>> failures[0]  # doctest: +ELLIPSIS
    'receiver after beer: action duel has probability 1 but expected payoff 1/10 < 9/10...'
    """
    vals = data.receiver_values(mi, mu)
    best = max(vals)
    acts = data.actions[mi]
    ok = True
    for a, p in enumerate(rho):
        if p > 0 and vals[a] != best:
            b = vals.index(best)
            failures.append(f"receiver {where}: action {acts[a]} has probability {show(p)} "
                            f"but expected payoff {show(vals[a])} < {show(best)} from "
                            f"{acts[b]}")
            ok = False
    return ok
