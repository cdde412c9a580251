"""The results of :mod:`.belief_parametric` joined: one equilibrium per label over all
cells and points (values ``Piecewise`` where they differ, the refinements' verdicts as
the conditions where they hold; :func:`joined_equilibria`), the union of a parameter's
intervals and points as the fewest relations (:func:`union_of_segments`), and exact
numbers at a point, rational or algebraic, to compare equilibria there
(:func:`exact_numbers_at`).

Examples
--------
>>> import sympy as sp
>>> from alliance_games.solving.traced_roots import Root
>>> p = sp.Symbol("p")
>>> segments = [(Root.of(0), Root.of(1), True, False), (Root.of(1), Root.of(2), True, True)]
>>> union_of_segments(p, segments, (Root.of(-5), Root.of(5), False, False))
(p >= 0) & (p <= 2)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction
from functools import cmp_to_key
from typing import Any

import sympy as sp

from ..beliefs import BeliefSet
from ..equilibrium import Equilibrium, SolveResult
from ..errors import UnsupportedGameError
from ..game import SignallingGame
from .belief_fast import EMPTY, ISet
from .line import same_root
from .pieces import map_values, piecewise
from .quadratic import OutsideFastType, from_sympy, qcmp, to_sympy
from .traced import Tracer
from .traced_at_root import AlgTracer
from .traced_roots import Root

__all__ = ["METHOD", "exact_numbers_at", "joined_equilibria", "union_of_segments"]
METHOD = "belief-dependent support enumeration, traced over one parameter (exact)"


def union_of_segments(p: sp.Symbol, segments: list[tuple[Root, Root, bool, bool]],
                      box: tuple[Root, Root, bool, bool]) -> sp.Basic:
    """The union of disjoint intervals and points ``(lo, hi, lo closed, hi closed)`` of
    the parameter as the fewest relations (``true`` for the whole range ``box``), exactly.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> box = (Root.of(-5), Root.of(5), False, False)
    >>> low = (Root.of(0), Root.of(1), True, False)
    >>> union_of_segments(p, [low, (Root.of(1), Root.of(2), True, True)], box)
    (p >= 0) & (p <= 2)
    >>> union_of_segments(p, [low, (Root.of(3), Root.of(3), True, True)], box)
    Eq(p, 3) | ((p >= 0) & (p < 1))
    """
    if not segments:
        return sp.false
    order = sorted(segments, key=cmp_to_key(  # by lower end; a closed end (a point) first
        lambda s, t: -1 if s[0].less(t[0]) else 1 if t[0].less(s[0]) else t[2] - s[2]))
    merged = [list(order[0])]
    for lo, hi, lc, hc in order[1:]:
        cur = merged[-1]
        if same_root(lo, cur[1]) and (lc or cur[3]):
            cur[1], cur[3] = hi, hc
        else:
            merged.append([lo, hi, lc, hc])
    if len(merged) == 1 and same_root(merged[0][0], box[0]) and same_root(merged[0][1], box[1]) \
            and merged[0][2] == box[2] and merged[0][3] == box[3]:
        return sp.true
    out = []
    for lo, hi, lc, hc in merged:
        if lo is hi or (lc and hc and same_root(lo, hi)):
            out.append(sp.Eq(p, lo.value))
            continue
        rel = []
        if lo.value != -sp.oo:
            rel.append(p >= lo.value if lc else p > lo.value)
        if hi.value != sp.oo:
            rel.append(p <= hi.value if hc else p < hi.value)
        out.append(sp.And(*rel))
    return sp.Or(*out)


def _where(pieces, verdict: str, union) -> sp.Basic:
    """The union of the pieces' conditions where a refinement verdict is True."""
    conds = [c for c, e in pieces if getattr(e, verdict)]
    return union(conds) if conds else sp.false


def joined_equilibria(game: SignallingGame,
                      cells: Sequence[tuple[sp.Basic, SolveResult | Sequence, dict]],
                      points: Sequence[tuple[sp.Basic, dict, SolveResult | Sequence,
                                             Callable | None]],
                      undecided: list[sp.Basic], refine: bool,
                      union: Callable[[list[sp.Basic]], sp.Basic]) -> list[Equilibrium]:
    """One equilibrium per label over all cells and points, values ``Piecewise`` where
    they differ; IC and D1 as the conditions where they hold.  ``cells``: ``(condition,
    result, along)``, ``along`` empty or, for a cell on a boundary, the parameter it
    solves for and its value there.  ``points``: ``(condition, values, result,
    number)``, ``number`` the point's :func:`exact_numbers_at`: an equilibrium at a point
    joins a region's equal one whose off-path belief sets, taken at the point, are its own
    (compared exactly, :func:`_sets_exact`).

    Examples
    --------
    Beer-quiche's two pure equilibria on ``p < 0`` and only the beer pool on ``p > 0``:

    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> p = sp.Symbol("p")
    >>> both = solve(beer_quiche(), pure=True)
    >>> joined = joined_equilibria(beer_quiche(), [(p < 0, both, {}), (p > 0, both[:1], {})],
    ...                            [], [], True, lambda conditions: sp.Or(*conditions))
    >>> [(eq.label, eq.condition) for eq in joined]  # doctest: +NORMALIZE_WHITESPACE
    [('weak:beer strong:beer | beer:not_duel quiche:duel', (p > 0) | (p < 0)),
     ('weak:quiche strong:quiche | beer:duel quiche:not_duel', p < 0)]
    """
    groups: dict = {}  # (label, off-path belief sets) -> pieces: the sets are not Piecewise
    on_boundary: dict = {}  # (group, boundary) -> the group's sets there, in lowest terms

    def sets_on(k, along: dict):
        hit = on_boundary.get((k, tuple(along.items())), ())
        if hit == ():
            hit = on_boundary[(k, tuple(along.items()))] = \
                _sets_at(groups[k][0][1], along, cancel=True)
        return hit

    for cond, res, along in sorted(cells, key=lambda c: bool(c[2])):  # regions first
        for eq in res:
            key = (eq.label, _sets(eq))
            if along:  # joins a region's equilibrium whose sets, on the boundary, are its
                mine = _sets(eq, cancel=True)
                key = next((k for k, ps in groups.items() if k[0] == eq.label and
                            not ps[0][2] and sets_on(k, along) == mine), key)
            groups.setdefault(key, []).append((cond, eq, along))
    numbers = {cond: number for cond, _, _, number in points}

    def equal_at(expr, cond, value):
        return _equal_at_point(numbers.get(cond), expr, value)

    is_point = set()
    for cond, at, res, number in points:
        is_point.add(cond)
        exact: dict = {}  # id of an equilibrium -> its sets at the point (None: not exact)

        def sets_here(e, number=number, exact=exact):
            if id(e) not in exact:
                exact[id(e)] = _sets_exact(e, number)
            return exact[id(e)]

        for eq in res:
            text: list = []  # the text of eq's sets at the point, when it is needed

            def mine(eq=eq, at=at, text=text):
                if not text:  # a root's run: sets in p, taken at p = x
                    text.append(_sets_at(eq, at) or _sets(eq))
                return text[0]

            def same(e, eq=eq, at=at):
                a, b = sets_here(e), sets_here(eq)
                if a is not None and b is not None:
                    return len(a) == len(b) and all(
                        m == n and x.same(y) for (m, x), (n, y) in zip(a, b))
                return _sets_at(e, at) == mine()

            keys = [k for k, ps in groups.items() if k[0] == eq.label and ps[0][0]
                    not in is_point and not ps[0][2] and same(ps[0][1])]
            if len(keys) > 1:  # sets equal at the point: the region's whose sets are the
                own = _sets(eq)  # same functions (a root's run), else the first found
                keys.sort(key=lambda k: k[1] != own)
            groups.setdefault(keys[0] if keys else (eq.label, mine()), []).append(
                (cond, eq, {}))
    out = []
    count: dict = {}
    for label, _ in groups:
        count[label] = count.get(label, 0) + 1
    seen: dict = {}
    for (label, _), pieces in groups.items():
        # a region first: its belief sets and structure are the joined equilibrium's
        pieces.sort(key=lambda ce: (ce[0] in is_point, bool(ce[2])))
        pieces = [(c, e) for c, e, _ in pieces]
        eq = piecewise([(c, replace(e, game=game)) for c, e in pieces], union, regions=True,
                       equal_at=equal_at)
        eq = map_values(eq, lambda v: v, regions=True)  # belief sets plain (built, sympy)
        eq = replace(eq, condition=union([c for c, _ in pieces]), method=METHOD,
                     undecided=sp.Or(*undecided) if undecided else sp.false)
        verdicts = {(e.intuitive_criterion, e.d1) for _, e in pieces}
        if refine:
            ic_all, d1_all = next(iter(verdicts)) if len(verdicts) == 1 else (None, None)
            eq = replace(eq, intuitive_criterion=ic_all, d1=d1_all,
                         intuitive_condition=_where(pieces, "intuitive_criterion", union),
                         d1_condition=_where(pieces, "d1", union))
        if count[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            eq = replace(eq, label=f"{label} #{seen[label]}")
        out.append(eq)
    return out


def exact_numbers_at(params: tuple[sp.Symbol, ...],
                     at: Fraction | int | sp.Expr | Root | tuple) -> Callable | None:
    """The exact numbers at a point: a function from a sympy expression in the
    parameters to a number at the point whose comparisons are exact (a rational point:
    :class:`~.traced.Tracer`; a real algebraic value of one parameter, a :class:`Root`:
    :class:`~.traced_at_root.AlgTracer`); None for another value.

    Examples
    --------
    >>> from alliance_games.solving.traced_roots import real_roots
    >>> p = sp.Symbol("p")
    >>> half = exact_numbers_at((p,), Fraction(1, 2))
    >>> half(p**2 - 1).value, half(p**2 - 1) > 0
    (Fraction(-3, 4), False)
    >>> at_root = exact_numbers_at((p,), real_roots(sp.Poly(p**3 - 2, p))[0])
    >>> at_root(p**3 - 2).is_zero(), at_root(p - 1) > 0
    (True, True)
    """
    if isinstance(at, Root):
        if at.exact is None:
            try:
                return AlgTracer(params[0], at).convert
            except ValueError:  # a root of a polynomial with irrational coefficients
                return None
        at = at.exact
    values = (at,) if not isinstance(at, tuple) else at
    if any(not isinstance(v, (int, Fraction, sp.Rational)) for v in values):
        return None
    return Tracer(params, tuple(Fraction(str(v)) for v in values)).convert


def _equal_at_point(number: Callable | None, expr: Any, value: Any) -> bool | None:
    """Whether two sympy expressions in the parameters are equal at a point, exactly,
    with the numbers of a run there (``number``, from :func:`exact_numbers_at`): False where
    one has a pole, None where they cannot be taken there.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> half = exact_numbers_at((p,), Fraction(1, 2))
    >>> _equal_at_point(half, sp.sqrt(2 * p), 1), _equal_at_point(half, 1 / (2 * p - 1), 0)
    (True, False)
    """
    if number is None or not all(isinstance(x, (sp.Expr, int, Fraction)) for x in (expr, value)):
        return None
    try:
        return qcmp(number(sp.sympify(expr)), number(sp.sympify(value))) == 0
    except ZeroDivisionError:
        return False
    except (OutsideFastType, UnsupportedGameError, ValueError, TypeError):
        return None


def _sets_exact(eq: Equilibrium, number: Callable | None) -> tuple | None:
    """The off-path belief sets of an equilibrium at a point as ``((message, ISet),
    ...)``: each set's region with its ends as exact numbers there (``number``, from
    :func:`exact_numbers_at`), in normal form, so that two equilibria's sets are equal exactly
    when every :meth:`~.belief_fast.ISet.same` is true; None when a set has no region
    of intervals and points, or a number is not exact at the point (a pole, an
    expression the tracers do not take)."""
    if number is None:
        return None
    out = []
    try:
        for m, b in eq.beliefs.items():
            if isinstance(b, BeliefSet):
                region = b.region
                if region is None:
                    return None
                out.append((m, _region_set(region, number)))
    except (OutsideFastType, UnsupportedGameError, ValueError, ZeroDivisionError,
            TypeError):
        return None
    return tuple(sorted(out, key=lambda mb: str(mb[0])))


def _region_set(region: sp.Set, number: Callable) -> ISet:
    """A sympy set of posteriors (intervals and points) at a point, as an
    :class:`~.belief_fast.ISet` of exact numbers (ends that meet there give a point or
    nothing); ``ValueError`` for another kind of set.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> number = exact_numbers_at((p,), Fraction(1, 2))
    >>> s = _region_set(sp.Union(sp.Interval(0, p), sp.Interval.Lopen(1 - p, 1)), number)
    >>> [(float(lo.value), float(hi.value), lc, hc) for lo, hi, lc, hc in s.parts]
    [(0.0, 1.0, True, True)]
    >>> _region_set(sp.Interval.open(p, 1 - p), number).parts
    ()
    """
    out = EMPTY
    for piece in region.args if isinstance(region, sp.Union) else (region,):
        if piece is sp.S.EmptySet:
            continue
        if isinstance(piece, sp.Interval):
            lo, hi = number(piece.start), number(piece.end)
            lc, hc = not piece.left_open, not piece.right_open
            c = qcmp(lo, hi)
            if c < 0 or (c == 0 and lc and hc):
                out = out | ISet(((lo, hi, lc, hc),))
        elif isinstance(piece, sp.FiniteSet):
            for x in piece.args:
                v = number(x)
                out = out | ISet(((v, v, True, True),))
        else:
            raise ValueError(f"not a union of intervals and points: {piece}")
    return out


def _sets_at(eq: Equilibrium, at: dict, cancel: bool = False) -> tuple | None:
    """:func:`_sets` at a parameter value (or on a boundary); None where a set's
    expressions are not defined there (a pole at the end of the cell)."""
    try:
        return _sets(eq, at, cancel)
    except (TypeError, ZeroDivisionError):
        return None


def _sets(eq: Equilibrium, at: dict | None = None, cancel: bool = False) -> tuple:
    """The off-path belief sets of an equilibrium (at a parameter value, or with some
    parameters replaced by expressions), as text, their numbers in one canonical form
    (sums of square roots as :func:`.quadratic.to_sympy` writes them), so that equal sets
    give equal text; ``cancel``: every rational function in lowest terms too."""
    out = []
    for m, b in eq.beliefs.items():
        if isinstance(b, BeliefSet):
            if at is not None:
                b = b.subs(at)
            # a set of two-type beliefs is its region (its constraints are one way of
            # writing it: an interval shrunk to a point is written as two inequalities)
            cons = sp.Tuple() if b.region is not None else \
                _canonical(sp.Tuple(*b.constraints))
            region = _canonical(b.region)
            if cancel:
                cons, region = _cancelled(cons), _cancelled(region)
            out.append((m, str(cons), str(region)))
    return tuple(sorted(out))


def _cancelled(obj):
    """A belief set's constraints or region with its expressions in lowest terms (sympy's
    ``cancel``; a relation as ``lhs - rhs`` against 0), so that equal functions give
    equal text.

    Examples
    --------
    >>> p, m = sp.symbols("p m")
    >>> _cancelled(sp.Tuple(m >= (p**2 - 1) / (p + 1), sp.Interval((2*p + 2) / 2, 3)))
    (m - p + 1 >= 0, Interval(p + 1, 3))
    """
    if isinstance(obj, sp.core.relational.Relational):
        return obj.func(sp.cancel(obj.lhs - obj.rhs), 0)
    if isinstance(obj, sp.Interval):
        return sp.Interval(sp.cancel(obj.start), sp.cancel(obj.end), obj.left_open,
                           obj.right_open)
    if isinstance(obj, (sp.Tuple, sp.Union, sp.FiniteSet, sp.Intersection,
                        sp.Complement, sp.And, sp.Or, sp.Not)):
        return obj.func(*(_cancelled(a) for a in obj.args))
    if isinstance(obj, sp.Expr):
        return sp.cancel(obj)
    return obj


def _canonical(obj):
    """``obj`` with every irrational number that is a sum of square roots of rationals
    rewritten canonically (others as they are)."""
    if not isinstance(obj, sp.Basic):
        return obj

    def canon(x):
        try:
            return to_sympy(from_sympy(x))
        except OutsideFastType:
            return x
    return obj.replace(lambda e: isinstance(e, sp.Expr) and e.is_number and not e.is_Rational
                       and e.is_real is not False, canon)
