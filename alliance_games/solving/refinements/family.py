"""The Intuitive Criterion and D1 on a family of equilibria, decided for every member.

The refinements are outcome tests: a member's verdicts depend only on the on-path
messages and the types' equilibrium payoffs ``U``.  Along a family those payoffs move
with the receiver's free mixing at on-path messages, and every sign question the tests
ask about them is a polynomial in ``U`` (each factor is affine: the receiver's payoffs
and the beliefs are fixed numbers).  :func:`split_family` therefore cuts the family's
polytope of receiver mixings by those factors, one at a time, into the faces of their
arrangement (open cells and the lower-dimensional pieces between them), and decides the
verdicts exactly at one rational point of each face.  A face's computation asks only
about factors already in the arrangement, whose signs are constant on the face, so its
verdicts hold for every member of the face; new factors are added until none appears.
Faces with the same verdicts are joined into one convex part where the union is one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

import sympy as sp

from ..context import NUMERIC, FieldContext, PointOracle, field_for
from ..lp import LinearSystem, interior_point, variable_ranges
from ..tables import Tables
from .d1 import passes_d1
from .intuitive import passes_intuitive

__all__ = ["VERDICT_NOTE", "split_family", "verdicts_may_vary"]

VERDICT_NOTE = ("the Intuitive Criterion and D1 verdicts are those of the representative; "
                "other members of this family may differ")

_MAX_FACES = 400  # beyond this the family is kept whole, with VERDICT_NOTE


def verdicts_may_vary(sol) -> bool:
    """Whether the members of a family may differ in their IC/D1 verdicts (the
    receiver's mixing at an on-path message is free, so the type payoffs move)."""
    on = set(sol.on_path)
    return any(m in on for m, _ in sol.rho_ranges)


@dataclass(frozen=True)
class _Face:
    """One face of the arrangement: the family's system with sign rows added."""

    system: LinearSystem
    signs: tuple  # sign of each arrangement factor on the face, in arrangement order
    point: tuple  # a rational point of the face (receiver mixing, in rho_vars order)


def split_family(tb: Tables, sol) -> list | None:
    """The members of a numeric family split by their Intuitive Criterion and D1 verdicts.

    Parameters
    ----------
    tb : Tables
        The game's numeric tables.
    sol : PatternSolution
        A family (``sol.is_family``) from the numeric pattern solver.

    Returns
    -------
    list or None
        ``[(part, ic, d1), ...]``: ``part`` a :class:`~..patterns.PatternSolution` whose
        receiver mixing is restricted to one convex piece of the family (a single member
        becomes a plain solution), with that piece's exact verdicts.  One entry when the
        verdicts hold on the whole family.  None when the verdicts cannot vary (no free
        receiver mixing at an on-path message), and when the family is too cut up to
        list (more than 400 faces): the caller then keeps it whole, in the second case
        with :data:`VERDICT_NOTE`.

    Examples
    --------
    Beer-quiche at prior 1/2: in the quiche pool the receiver is indifferent after quiche
    and may duel with any probability below 1/2 (beer is met with a duel).  The members
    fail both tests, except the one that duels with probability exactly 1/2, which
    passes the Intuitive Criterion.

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.context import NUMERIC
    >>> from alliance_games.solving.patterns import solve_pattern
    >>> tb = Tables.from_game(beer_quiche("1/2"), NUMERIC)
    >>> sol = solve_pattern(NUMERIC, tb, ((1,), (1,)), ((0,), (0, 1)))
    >>> for part, ic, d1 in split_family(tb, sol):
    ...     print(part.rho[(1, 0)], part.rho_ranges.get((1, 0)), ic, d1)
    1/3 (Fraction(0, 1), Fraction(1, 2)) False False
    1/2 None True False
    """
    if not verdicts_may_vary(sol):
        return None
    payoff = _payoff_rows(tb, sol)
    symbols = tuple(sp.Symbol(f"U{t}") for t in range(tb.n_types))
    field = field_for(symbols)
    tbr = _field_tables(tb, field)
    on = set(sol.on_path)
    factors_cache: dict = {}

    def verdicts(point) -> tuple[tuple[bool, bool], list]:
        """The verdicts at one member and the factors the tests asked about."""
        at = {s: sp.Rational(v.numerator, v.denominator)
              for s, v in zip(symbols, _values(payoff, point))}
        oracle = PointOracle(symbols, at, factors=factors_cache)
        ctx = FieldContext(oracle, field)
        values = [field.from_sympy(s) for s in symbols]
        flags = (passes_intuitive(ctx, tbr, on, values), passes_d1(ctx, tbr, on, values))
        return flags, [a for a, _ in oracle.atoms]

    start = interior_point(NUMERIC, sol.rho_system)
    if start is None:
        return None
    faces = [_Face(sol.rho_system, (), tuple(start))]
    rows: list = []  # the arrangement: affine rows in rho, in the order added
    known: set = set()
    verdict: dict = {}  # point -> verdicts (they depend on the point alone)
    while True:
        new = []
        for face in faces:
            if face.point in verdict:
                continue
            flags, asked = verdicts(face.point)
            verdict[face.point] = flags
            for atom in asked:
                if atom not in known:
                    known.add(atom)
                    new.append(atom)
        if not new:
            break
        for atom in new:
            row = _affine_row(atom, symbols, payoff)
            if row is None:
                return None
            rows.append(row)
            faces = [child for face in faces for child in _split(face, row)]
            if len(faces) > _MAX_FACES:
                return None
    groups: dict = {}
    for face in faces:
        groups.setdefault(verdict[face.point], []).append(face)
    if len(groups) == 1:
        ((ic, d1),) = groups
        return [(sol, ic, d1)]
    out = []
    for (ic, d1), members in groups.items():
        for system, point in _convex_parts(sol.rho_system, rows, faces, members):
            out.append((_restrict(tb, sol, system, point), ic, d1))
    out.sort(key=lambda part: tuple(part[0].rho[k] for k in sorted(sol.rho_ranges)))
    return out


def _payoff_rows(tb: Tables, sol) -> list:
    """Each type's equilibrium payoff as an affine function ``(coefficients, constant)``
    of the receiver mixing in ``sol.rho_vars`` order."""
    index = {k: j for j, k in enumerate(sol.rho_vars)}
    out = []
    for t in range(tb.n_types):
        m = sol.S[t][0]
        coeffs = [Fraction(0)] * len(sol.rho_vars)
        const = Fraction(0)
        for a in sol.B[m]:
            j = index.get((m, a))
            if j is None:
                const += sol.rho[(m, a)] * tb.u[t][m][a]
            else:
                coeffs[j] += tb.u[t][m][a]
        out.append((tuple(coeffs), const))
    return out


def _values(payoff, point) -> list:
    return [sum((c * x for c, x in zip(coeffs, point)), const) for coeffs, const in payoff]


def _field_tables(tb: Tables, field) -> Tables:
    def conv(x):
        return field.from_sympy(sp.Rational(x.numerator, x.denominator))

    return Tables(tb.n_types, tb.n_actions, [conv(x) for x in tb.prior],
                  [[[conv(x) for x in row] for row in rows] for rows in tb.u],
                  [[[conv(x) for x in row] for row in rows] for rows in tb.v])


def _affine_row(atom: sp.Expr, symbols, payoff):
    """A factor ``k . U + k0`` as an affine row ``(coefficients, constant)`` in rho, or
    None when it is not affine in the payoffs."""
    poly = sp.Poly(atom, *symbols)
    if poly.total_degree() > 1 or not (poly.domain.is_QQ or poly.domain.is_ZZ):
        return None
    n = len(payoff[0][0])
    coeffs = [Fraction(0)] * n
    const = Fraction(0)
    for monom, c in poly.terms():
        c = Fraction(int(sp.Rational(c).p), int(sp.Rational(c).q))
        if sum(monom) == 0:
            const += c
            continue
        t = monom.index(1)
        for j in range(n):
            coeffs[j] += c * payoff[t][0][j]
        const += c * payoff[t][1]
    return tuple(coeffs), const


def _with_sign(system: LinearSystem, row, sign: int) -> LinearSystem:
    """The system with ``sign(row . x + const)`` fixed."""
    coeffs, const = row
    neg = tuple(-c for c in coeffs)
    if sign > 0:
        return replace(system, gt=system.gt + ((coeffs, -const),))
    if sign < 0:
        return replace(system, gt=system.gt + ((neg, const),))
    return replace(system, eq=system.eq + ((coeffs, -const),))


def _with_signs(system: LinearSystem, row, signs: frozenset) -> LinearSystem:
    """The system with the sign of ``row`` in ``signs`` (a convex choice)."""
    coeffs, const = row
    if len(signs) == 1:
        return _with_sign(system, row, next(iter(signs)))
    if signs == frozenset({0, 1}):
        return replace(system, ge=system.ge + ((coeffs, -const),))
    if signs == frozenset({-1, 0}):
        return replace(system, ge=system.ge + ((tuple(-c for c in coeffs), const),))
    return system  # every sign: no constraint


def _split(face: _Face, row) -> list[_Face]:
    """The non-empty parts of ``face`` on which ``row`` has each sign."""
    coeffs, const = row
    value = sum((c * x for c, x in zip(coeffs, face.point)), const)
    out = []
    for sign in (-1, 0, 1):
        system = _with_sign(face.system, row, sign)
        if (value > 0) - (value < 0) == sign:
            point = face.point  # the face's point lies on this side: no LP needed
        else:
            point = interior_point(NUMERIC, system)
            if point is None:
                continue
            point = tuple(point)
        out.append(_Face(system, face.signs + (sign,), point))
    if len(out) == 1:  # the factor does not cut the face: no row needed
        return [replace(out[0], system=face.system)]
    return out


def _convex_parts(base: LinearSystem, rows, faces, members) -> list:
    """``members`` (faces with one verdict) as convex systems with a point each: the
    whole group when it is every face whose signs lie in its per-factor sign sets (an
    intersection of half-spaces and hyperplanes), otherwise face by face."""
    sets = [frozenset(f.signs[i] for f in members) for i in range(len(rows))]
    if all(s != frozenset({-1, 1}) for s in sets):
        box = {f.signs for f in faces if all(f.signs[i] in sets[i] for i in range(len(rows)))}
        if box == {f.signs for f in members}:
            system = base
            for row, s in zip(rows, sets):
                system = _with_signs(system, row, s)
            return [(system, members[0].point)]
    return [(f.system, f.point) for f in members]


def _restrict(tb: Tables, sol, system: LinearSystem, point) -> object:
    """The part of the family ``sol`` whose receiver mixing satisfies ``system``, with
    ``point`` as its representative."""
    rho = dict(sol.rho)
    rho.update(zip(sol.rho_vars, point))
    keys = sorted(sol.rho_ranges)
    cols = [sol.rho_vars.index(k) for k in keys]
    ranges = {k: r for k, r in zip(keys, variable_ranges(NUMERIC, system, cols))
              if r[0] != r[1]}
    values = [sum((rho[(sol.S[t][0], a)] * tb.u[t][sol.S[t][0]][a]
                   for a in sol.B[sol.S[t][0]]), Fraction(0)) for t in range(tb.n_types)]
    return replace(sol, rho=rho, values=values, rho_ranges=ranges, rho_system=system)
