"""The Intuitive Criterion and D1 on a family of equilibria, decided for every member.

The refinements are outcome tests: a member's verdicts depend only on the on-path
messages and the types' equilibrium payoffs ``U``.  Along a family those payoffs move
with the receiver's free mixing at on-path messages, and every sign question the tests
ask about them is a polynomial in ``U`` (each factor is affine: the receiver's payoffs
and the beliefs are fixed).  :func:`split_family` therefore cuts the family's polytope
of receiver mixings by those factors, one at a time, into the faces of their
arrangement (open cells and the lower-dimensional pieces between them), and runs the
tests on each face with every question answered by the face's sign of that factor: the
verdicts hold for every member of the face.  A question about a factor not yet in the
arrangement adds it, and the faces are cut again, until the tests run through on every
face.  Faces with the same verdicts are joined into one convex part where the union is
one.

The same computation runs in any decision context.  In a parametric one the factors
are polynomials in ``U`` and the parameters, the arrangement's rows are affine in the
mixing with coefficients in the parameters, and the only questions put to the context
are the linear programs that decide which faces are empty: questions about the
parameters, answered, and split on, like every other.  On each branch the split is
exact for every parameter value of the branch.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp

from ..context import NUMERIC, FieldContext, Oracle, field_for
from ..context_protocol import DecisionContext
from ..lp import (
    LinearSystem,
    interior_point,
    maximizer,
    objective_ranges,
    satisfies,
    variable_ranges,
)
from ..quadratic import QuadContext
from ..tables import Tables
from .d1 import passes_d1
from .intuitive import passes_intuitive

if TYPE_CHECKING:
    from ..patterns import PatternSolution

__all__ = ["VERDICT_NOTE", "NewAtom", "affine_row", "arrangement", "arrangement_parts",
           "essential_signs", "family_parts", "split_family", "split_pieces",
           "verdicts_may_vary"]

VERDICT_NOTE = ("the Intuitive Criterion and D1 verdicts are those of the representative; "
                "other members of this family may differ")

_MAX_FACES = 400  # beyond this the family is kept whole, with VERDICT_NOTE
# In a parametric context every factor of the arrangement costs questions about the
# parameters (its values at the faces' vertices), each of whose roots becomes a critical
# point to solve at: beyond this many factors the family is kept whole, with the note.
_MAX_FACTORS_PARAMETRIC = 32


def verdicts_may_vary(sol: PatternSolution) -> bool:
    """Whether the members of a family may differ in their IC/D1 verdicts (the
    receiver's mixing at an on-path message is free, so the type payoffs move).

    Examples
    --------
    Beer-quiche at prior 1/2: in the beer pool the receiver's free mixing is after
    quiche, off the path; in the quiche pool it is after quiche, on the path.

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.patterns import solve_pattern
    >>> tb = Tables.from_game(beer_quiche("1/2"), NUMERIC)
    >>> beer = solve_pattern(NUMERIC, tb, ((0,), (0,)), ((1,), (0, 1)))
    >>> quiche = solve_pattern(NUMERIC, tb, ((1,), (1,)), ((0,), (0, 1)))
    >>> beer.is_family, verdicts_may_vary(beer), quiche.is_family, verdicts_may_vary(quiche)
    (True, False, True, True)
    """
    on = set(sol.on_path)
    return any(m in on for m, _ in sol.rho_ranges)


@dataclass(frozen=True)
class _Face:
    """One face of the arrangement: the family's system with sign rows added."""

    system: LinearSystem
    signs: tuple  # sign of each arrangement factor on the face, in arrangement order
    verdicts: tuple | None = None  # (ic, d1) on the whole face, once decided
    points: tuple = ()  # vertices of the face's closure met so far (exact numbers only)
    # in two variables (exact numbers only): all the vertices of the face's closure, in
    # counterclockwise order (two for a segment, one for a point); the cuts are then
    # made by clipping it, with no linear program
    polygon: tuple | None = None


def split_family(tb: Tables, sol: PatternSolution, ctx: DecisionContext = NUMERIC) -> list | None:
    """The members of a family split by their Intuitive Criterion and D1 verdicts.

    Parameters
    ----------
    tb : Tables
        The game's tables, in the context ``ctx``.
    sol : PatternSolution
        A family (``sol.is_family``) from the pattern solver in ``ctx``.
    ctx : context, optional
        The decision context: :data:`~..context.NUMERIC` (the default) for a numeric
        game, or a :class:`~..context.FieldContext` of a parametric one, whose sign
        questions the split asks (and so splits its branch on).

    Returns
    -------
    list or None
        ``[(part, ic, d1), ...]``: ``part`` a :class:`~..patterns.PatternSolution` whose
        receiver mixing is restricted to one convex piece of the family (a single member
        becomes a plain solution), with that piece's exact verdicts.  One entry when the
        verdicts hold on the whole family.  None when the verdicts cannot vary (no free
        receiver mixing at an on-path message), and when the family is too cut up to
        list (more than 400 faces; in a parametric context, more than 32 factors), when
        a test asks about a factor that is not affine in the payoffs, or (parametric)
        when the game's values are not rational functions of the parameters: the caller
        then keeps it whole, in the last cases with :data:`VERDICT_NOTE`.

    Examples
    --------
    Beer-quiche at prior 1/2: in the quiche pool the receiver is indifferent after quiche
    and may duel with any probability below 1/2 (beer is met with a duel).  The members
    fail both tests, except the one that duels with probability exactly 1/2, which
    passes the Intuitive Criterion.

    >>> from alliance_games.examples import beer_quiche
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
    return family_parts(ctx, tb, sol, split_pieces(tb, sol, ctx))


def split_pieces(tb: Tables, sol: PatternSolution, ctx: DecisionContext = NUMERIC) -> list | None:
    """The computation of :func:`split_family` that depends only on the family's
    pattern (``sol.S``, ``sol.B``), its receiver system and variables (``rho_system``,
    ``rho_vars``) and its fixed mixing (``sol.rho``), and on the context's sign
    answers: a caller may memoise it by those (with ``ctx.memoized``) across branches
    whose other results differ.  :func:`family_parts` makes the parts of a family from
    it.

    Returns
    -------
    list or None
        ``[(system, point, ic, d1), ...]``: one convex piece of the receiver's mixing
        per entry, with a point of it and its verdicts; ``[(None, None, ic, d1)]`` when
        the verdicts hold on the whole family; None when the family is kept whole (see
        :func:`split_family`).

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.patterns import solve_pattern
    >>> tb = Tables.from_game(beer_quiche("1/2"), NUMERIC)
    >>> sol = solve_pattern(NUMERIC, tb, ((1,), (1,)), ((0,), (0, 1)))
    >>> for _, point, ic, d1 in split_pieces(tb, sol):
    ...     print([str(x) for x in point], ic, d1)
    ['1/2', '1/2'] True False
    ['1/3', '2/3'] False False
    """
    source = getattr(ctx, "field", None)
    if ctx.symbolic and source is None:
        return None  # values that are not rational functions of the parameters
    payoff = _payoff_rows(ctx, tb, sol)
    symbols = tuple(sp.Dummy(f"U{t}") for t in range(tb.n_types))
    params = tuple(source.symbols) if source is not None else ()
    field = field_for(symbols + params)
    tbr = _field_tables(tb, field, source)
    gens = [field.from_sympy(s) for s in symbols]
    on = set(sol.on_path)
    factors_cache: dict = {}

    def verdicts(face: _Face, atoms: list) -> tuple[bool, bool]:
        """The verdicts on a face, every sign question answered by the face's signs
        (raises :class:`NewAtom` at the first factor not in the arrangement)."""
        oracle = _FaceOracle(symbols, dict(zip(atoms, face.signs)), factors_cache)
        inner = FieldContext(oracle, field)
        return passes_intuitive(inner, tbr, on, gens), passes_d1(inner, tbr, on, gens)

    found = arrangement(ctx, sol.rho_system, verdicts,
                        lambda atom: affine_row(ctx, atom, symbols, payoff),
                        _MAX_FACTORS_PARAMETRIC if ctx.symbolic else None)
    if found is None:
        return None
    parts = arrangement_parts(ctx, sol.rho_system, *found)
    if len(parts) == 1:
        ((ic, d1), _, _, _), = parts
        return [(None, None, ic, d1)]
    return [(system, point, ic, d1) for (ic, d1), system, point, _ in parts]


def arrangement(ctx: DecisionContext, base: LinearSystem, decide: Callable[[_Face, list], Hashable],
                row_of: Callable[[Any], tuple | None], max_rows: int | None = None,
                max_faces: int = _MAX_FACES, max_splits: int | None = None,
                polygon: list | None = None) -> tuple[list, list, list] | None:
    """An arrangement of affine rows that cuts the polytope ``base`` into faces on each of
    which ``decide`` gives one result (rows across which no result changes dropped).

    Parameters
    ----------
    ctx : context
        Decides the signs of the rows' values (``objective_ranges``, ``interior_point``).
    base : LinearSystem
        The polytope (a family's mixings).
    decide : callable
        ``decide(face, atoms)``: the result on the whole of ``face`` (a face of the rows
        so far, whose ``signs`` are those of ``atoms`` on it), any hashable value but
        None; raises :class:`NewAtom` for a factor it needs that is not among ``atoms``.
    row_of : callable
        ``row_of(atom)``: the atom as an affine row ``(coefficients, constant)`` over the
        polytope's variables, or None (the arrangement is then abandoned).
    max_rows : int, optional
        At most this many rows.
    max_faces : int, optional
        At most this many faces (400 unless given).
    max_splits : int, optional
        At most this many cuts of a face by a row (each two linear programs, or a
        clipping with ``polygon``), in all.
    polygon : list, optional
        For a ``base`` in two variables in an exact context (rationals, quadratic
        numbers): the vertices of its closure in counterclockwise order (two for a
        segment, one for a point).  The faces then keep theirs
        (:attr:`_Face.polygon`) and are cut by clipping them, with no linear program.

    Returns
    -------
    tuple or None
        ``(rows, faces, atoms)`` once every face is decided, after dropping the rows
        across which no result changes (each face's ``verdicts`` holds its result); None
        past ``max_rows`` rows, ``max_faces`` faces or ``max_splits`` cuts, or when
        ``row_of`` gives None.

    Examples
    --------
    The segment ``0 <= x <= 1`` and a result that asks the sign of ``x - 1/2``:

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> base = LinearSystem(1, ge=(((F(-1),), F(-1)),))
    >>> def decide(face, atoms):
    ...     if "x - 1/2" not in atoms:
    ...         raise NewAtom("x - 1/2")
    ...     return face.signs[atoms.index("x - 1/2")] > 0
    >>> rows, faces, atoms = arrangement(NUMERIC, base, decide,
    ...                                  lambda atom: ((F(1),), F(-1, 2)))
    >>> sorted((f.signs, f.verdicts) for f in faces)
    [((-1,), False), ((0,), False), ((1,), True)]
    """
    faces = [_Face(base, (), polygon=None if polygon is None else tuple(map(tuple, polygon)))]
    rows: list = []  # the arrangement: affine rows, in the order added
    atoms: list = []  # their factors, as ``decide`` asks them
    splits = 0  # cuts of a face by a row so far
    while True:
        new = None
        for i, face in enumerate(faces):
            if face.verdicts is None:
                try:
                    faces[i] = replace(face, verdicts=decide(face, atoms))
                except NewAtom as found:
                    new = found.atom
                    break
        if new is None:
            break
        row = row_of(new)
        if row is None or (max_rows is not None and len(rows) >= max_rows):
            return None
        rows.append(row)
        atoms.append(new)
        splits += len(faces)
        if max_splits is not None and splits > max_splits:
            return None
        faces = [child for face in faces for child in _split(ctx, face, row)]
        if len(faces) > max_faces:
            return None
    return _coarsen(base, rows, faces, atoms)


def arrangement_parts(ctx: DecisionContext, base: LinearSystem, rows: list, faces: list, atoms: list
                      ) -> list:
    """The faces of an :func:`arrangement` joined by result into convex parts:
    ``[(result, system, point, signs), ...]``, ``signs`` the sign set of each atom on the
    part (``frozenset`` of -1, 0, 1), ``point`` a point of it; one entry with
    ``system`` and ``point`` None when one result holds on all of ``base``.

    Examples
    --------
    The segment ``0 <= x <= 1`` cut at ``x = 1/2`` (the example of :func:`arrangement`):
    the result is False on ``x <= 1/2`` (the faces where ``x - 1/2`` is negative or 0,
    joined) and True on ``x > 1/2``.

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> base = LinearSystem(1, ge=(((F(-1),), F(-1)),))
    >>> def decide(face, atoms):
    ...     if "x - 1/2" not in atoms:
    ...         raise NewAtom("x - 1/2")
    ...     return face.signs[atoms.index("x - 1/2")] > 0
    >>> found = arrangement(NUMERIC, base, decide, lambda atom: ((F(1),), F(-1, 2)))
    >>> [(result, [str(x) for x in point], [sorted(s) for s in signs])
    ...  for result, _, point, signs in arrangement_parts(NUMERIC, base, *found)]
    [(False, ['0'], [[-1, 0]]), (True, ['1'], [[1]])]
    """
    groups: dict = {}
    for face in faces:
        groups.setdefault(face.verdicts, []).append(face)
    if len(groups) == 1:
        (result,) = groups
        return [(result, None, None, tuple(frozenset({-1, 0, 1}) for _ in atoms))]
    return [(result, system, point, signs) for result, members in groups.items()
            for system, point, signs in _convex_parts(ctx, base, rows, faces, members)]


def family_parts(ctx: DecisionContext, tb: Tables, sol: PatternSolution,
                 pieces: list | None) -> list | None:
    """The parts ``[(part, ic, d1), ...]`` of the family ``sol`` from its
    :func:`split_pieces` (see :func:`split_family`); None when ``pieces`` is None.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.patterns import solve_pattern
    >>> tb = Tables.from_game(beer_quiche("1/2"), NUMERIC)
    >>> sol = solve_pattern(NUMERIC, tb, ((1,), (1,)), ((0,), (0, 1)))
    >>> parts = family_parts(NUMERIC, tb, sol, split_pieces(tb, sol))
    >>> [(str(part.rho[(1, 0)]), ic) for part, ic, _ in parts]
    [('1/3', False), ('1/2', True)]
    """
    if pieces is None:
        return None
    if len(pieces) == 1 and pieces[0][0] is None:
        _, _, ic, d1 = pieces[0]
        return [(sol, ic, d1)]
    out = [(_restrict(ctx, tb, sol, system, point), ic, d1)
           for system, point, ic, d1 in pieces]
    if not ctx.symbolic:  # (parametric parts keep the faces' order: no sign questions)
        out.sort(key=lambda part: tuple(part[0].rho[k] for k in sorted(sol.rho_ranges)))
    return out


class NewAtom(Exception):
    """A refinement test asked about a factor that is not (yet) in the arrangement."""

    def __init__(self, atom):
        super().__init__(atom)
        self.atom = atom


class _FaceOracle(Oracle):
    """Answers the refinement tests' sign questions on one face of the arrangement: a
    factor of the arrangement has its sign on the face; any other factor is new (raises
    :class:`NewAtom`, and the arrangement grows by it).  No question reaches the
    context: the verdicts hold on the whole face."""

    def __init__(self, symbols, signs: dict, factors: dict):
        super().__init__(tuple(symbols), np.zeros((0, len(symbols))), [], [],
                         np.zeros(0, dtype=bool), factors=factors)
        self.signs = signs

    def _decide(self, atom: sp.Expr) -> int:
        s = self.signs.get(atom)
        if s is None:
            raise NewAtom(atom)
        return s


def _payoff_rows(ctx, tb: Tables, sol) -> list:
    """Each type's equilibrium payoff as an affine function ``(coefficients, constant)``
    of the receiver mixing in ``sol.rho_vars`` order."""
    index = {k: j for j, k in enumerate(sol.rho_vars)}
    out = []
    for t in range(tb.n_types):
        m = sol.S[t][0]
        coeffs = [ctx.zero] * len(sol.rho_vars)
        const = ctx.zero
        for a in sol.B[m]:
            j = index.get((m, a))
            if j is None:
                const += sol.rho[(m, a)] * tb.u[t][m][a]
            else:
                coeffs[j] += tb.u[t][m][a]
        out.append((tuple(coeffs), const))
    return out


def _field_tables(tb: Tables, field, source) -> Tables:
    """The tables as elements of ``field`` (rationals, or elements of the field
    ``source`` of the parameters)."""
    if source is None:
        def conv(x):
            return field.from_sympy(sp.Rational(x.numerator, x.denominator))
    else:
        def conv(x):
            return field.convert_from(x, source)

    return Tables(tb.n_types, tb.n_actions, [conv(x) for x in tb.prior],
                  [[[conv(x) for x in row] for row in rows] for rows in tb.u],
                  [[[conv(x) for x in row] for row in rows] for rows in tb.v])


def affine_row(ctx: DecisionContext, atom: sp.Expr, symbols: Sequence[sp.Symbol],
               payoff: Sequence[tuple[Sequence, Any]]) -> tuple | None:
    """A factor ``k . U + k0`` (``k`` in the parameters) as an affine row
    ``(coefficients, constant)`` in rho, or None when it is not affine in the payoffs.

    ``payoff`` gives each type's payoff ``U`` as an affine row in rho.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> u, v = sp.symbols("u v")  # u = 2 x + 1, v = x - y
    >>> affine_row(NUMERIC, u - 3 * v, (u, v), [((F(2), F(0)), F(1)), ((F(1), F(-1)), F(0))])
    ((Fraction(-1, 1), Fraction(3, 1)), Fraction(1, 1))
    >>> affine_row(NUMERIC, u * v, (u, v), [((F(2), F(0)), F(1)), ((F(1), F(-1)), F(0))])
    """
    poly = sp.Poly(atom, *symbols)
    if poly.total_degree() > 1:
        return None
    dom = poly.domain
    if not (dom.is_QQ or dom.is_ZZ or (ctx.symbolic and dom.is_PolynomialRing
                                       and (dom.domain.is_QQ or dom.domain.is_ZZ))):
        return None
    n = len(payoff[0][0])
    coeffs = [ctx.zero] * n
    const = ctx.zero
    for monom, c in poly.terms():
        c = ctx.coerce(dom.to_sympy(c))
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


def essential_signs(ctx: DecisionContext, base: LinearSystem, rows: list, signs: tuple) -> tuple:
    """The sign sets ``signs`` of a part (one per row of an arrangement over ``base``)
    with every row that the others imply left free (``{-1, 0, 1}``): the same part,
    described by fewer conditions.  A row is implied when, under the others' signs, no
    point of ``base`` gives it a sign outside its set (a linear program per sign).

    Examples
    --------
    ``x >= 0`` and ``x > 1`` on ``0 <= x <= 2``: the first is implied.

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> base = LinearSystem(1, ge=(((F(-1),), F(-2)),))
    >>> rows = [((F(1),), F(0)), ((F(1),), F(-1))]
    >>> [sorted(s) for s in essential_signs(NUMERIC, base, rows,
    ...                                       (frozenset({0, 1}), frozenset({1})))]
    [[-1, 0, 1], [1]]
    """
    every = frozenset({-1, 0, 1})
    out = list(signs)
    for i, row in enumerate(rows):
        if out[i] == every:
            continue
        others = base
        for j, (other, s) in enumerate(zip(rows, out)):
            if j != i:
                others = _with_signs(others, other, s)
        if all(interior_point(ctx, _with_sign(others, row, v)) is None
               for v in every - out[i]):
            out[i] = every
    return tuple(out)


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


def _split(ctx, face: _Face, row) -> list[_Face]:
    """The non-empty parts of ``face`` on which ``row`` has each sign.

    They follow from the row's least and greatest value over the face's closure
    (``lo`` and ``hi``; the face is convex and non-empty): the row is negative somewhere
    on the face when ``lo < 0``, positive when ``hi > 0``, and zero when ``lo < 0 < hi``
    or ``lo = hi = 0``; only where one end is 0 and the other not does a linear program
    ask whether the face reaches that end.  The questions put to the context are thus
    the row's values at vertices, never at a chosen point of the face.  In the exact
    contexts (rationals, quadratic numbers) a face keeps the vertices its linear programs
    met (:attr:`_Face.points`): a vertex where the row is negative shows ``lo < 0``
    without a program, one where it is positive ``hi > 0``."""
    if face.polygon is not None:
        return _clip(ctx, face, row)
    coeffs, const = row
    exact = ctx is NUMERIC or isinstance(ctx, QuadContext)
    points = list(face.points) if exact else []

    if exact:
        met = {ctx.sign(_row_value(ctx, row, p)) for p in points}
        ends = []
        for sign in (-1, 1):  # the least value, then the greatest
            if sign not in met:
                best, x = maximizer(ctx, face.system, [sign * c for c in coeffs])
                points.append(tuple(x))
                ends.append(ctx.sign(sign * best + const))
            else:
                ends.append(sign)
        s_lo, s_hi = ends
    else:  # (a context whose signs are questions: the two ends, as always)
        ((lo, hi),) = objective_ranges(ctx, face.system, [coeffs])
        s_lo, s_hi = ctx.sign(lo + const), ctx.sign(hi + const)

    def kept(s: int) -> tuple:  # the points in the closure of the part of sign s
        return tuple(p for p in points if ctx.sign(_row_value(ctx, row, p)) in (s, 0)) if s else \
            tuple(p for p in points if ctx.sign(_row_value(ctx, row, p)) == 0)

    if s_lo == s_hi:  # the factor does not cut the face: no row needed
        return [replace(face, signs=face.signs + (s_lo,), points=tuple(points))]
    signs = [-1] if s_lo < 0 else []
    if s_lo < 0 < s_hi or interior_point(ctx, _with_sign(face.system, row, 0)) is not None:
        signs.append(0)
    if s_hi > 0:
        signs.append(1)
    if len(signs) == 1:  # the face lies on one side, touching the row's zero set at most
        return [replace(face, signs=face.signs + (signs[0],), points=tuple(points))]
    return [replace(face, system=_with_sign(face.system, row, s), signs=face.signs + (s,),
                    points=kept(s)) for s in signs]


def _row_value(ctx, row, p):
    """The affine ``row = (coefficients, constant)`` at the point ``p``."""
    coeffs, const = row
    return sum((c * x for c, x in zip(coeffs, p)), ctx.zero) + const


def _clip(ctx, face: _Face, row) -> list[_Face]:
    """:func:`_split` for a face in two variables that keeps the vertices of its closure
    (:attr:`_Face.polygon`): the row's least and greatest values over the closure are
    at its vertices, and each part's closure is the polygon clipped by the row's sign
    (the part of sign 0, where the row is 0 at the closure's edge or vertex only, when
    that piece's middle satisfies the face's rows: the face is its closure less the
    pieces where strict rows vanish, and the piece's relative interior is in it or not
    as a whole)."""
    polygon = face.polygon

    values = [_row_value(ctx, row, p) for p in polygon]
    signs = [ctx.sign(v) for v in values]
    s_lo, s_hi = min(signs), max(signs)
    if s_lo == s_hi:  # the factor does not cut the face: no row needed
        return [replace(face, signs=face.signs + (s_lo,))]
    n = len(polygon)
    edges = [(k, (k + 1) % n) for k in range(n if n > 2 else 1)]

    def clipped(s: int) -> tuple:  # the closure of the part of sign s, counterclockwise
        out = []
        for i, j in edges:
            if signs[i] == s or signs[i] == 0:
                out.append(polygon[i])
            if signs[i] * signs[j] < 0:  # (the edge crosses the row's zero line)
                t = values[i] / (values[i] - values[j])
                out.append(tuple(a + t * (b - a) for a, b in zip(polygon[i], polygon[j])))
        if n == 2 and (signs[1] == s or signs[1] == 0):
            out.append(polygon[1])
        return tuple(out)

    kept = [-1] if s_lo < 0 else []
    if s_lo < 0 < s_hi:
        kept.append(0)
    else:  # the closure touches the zero line at a vertex or an edge
        piece = clipped(0)
        middle = [sum((p[i] for p in piece), ctx.zero) / len(piece) for i in range(2)]
        if satisfies(ctx, face.system, middle):
            kept.append(0)
    if s_hi > 0:
        kept.append(1)
    if len(kept) == 1:  # the face lies on one side, touching the row's zero set at most
        return [replace(face, signs=face.signs + (kept[0],))]
    return [replace(face, system=_with_sign(face.system, row, s), signs=face.signs + (s,),
                    polygon=clipped(s)) for s in kept]


def _coarsen(base: LinearSystem, rows: list, faces: list, atoms: list
             ) -> tuple[list, list, list]:
    """Drop the arrangement's rows across which no verdict changes, and join the faces
    they cut: the cuts left are those some verdict boundary lies on, whatever order the
    tests asked their questions in (so the parts do not depend on it, e.g. under a
    positive affine change of payoffs).  No sign question is asked: a face of the rows
    left is the union of the faces that agree with it on their signs."""
    i = 0
    while i < len(rows):
        merged: dict = {}
        for face in faces:
            merged.setdefault(face.signs[:i] + face.signs[i + 1:], set()).add(face.verdicts)
        if any(len(found) > 1 for found in merged.values()):
            i += 1
            continue
        rows = rows[:i] + rows[i + 1:]
        atoms = atoms[:i] + atoms[i + 1:]
        faces = []
        for signs, (found,) in merged.items():
            system = base
            for row, sign in zip(rows, signs):
                system = _with_sign(system, row, sign)
            faces.append(_Face(system, signs, found))
    return rows, faces, atoms


def _convex_parts(ctx, base: LinearSystem, rows, faces, members) -> list:
    """``members`` (faces with one verdict) as convex systems with a point each and the
    sign sets of the rows on them.

    A part is a *sign box*: the faces whose signs lie in a per-row set of signs (any but
    ``{-1, 1}``), an intersection of half-spaces and hyperplanes, so convex.  Starting
    from the first face not yet in a part, a face is added whenever the box of the signs
    so far and its own holds no face outside ``members`` or in an earlier part; the
    whole group is one part when it is a box."""
    left = list(members)
    out = []
    while left:
        group = {id(left[0])}
        sets = [frozenset({s}) for s in left[0].signs]
        free = {id(f) for f in left}
        grown = True
        while grown:
            grown = False
            for face in left:
                if id(face) in group:
                    continue
                wider = [s | {v} for s, v in zip(sets, face.signs)]
                if any(s == frozenset({-1, 1}) for s in wider):
                    continue
                box = [f for f in faces if all(v in s for v, s in zip(f.signs, wider))]
                if all(id(f) in free for f in box):
                    group, sets, grown = {id(f) for f in box}, wider, True
        system = base
        for row, s in zip(rows, sets):
            system = _with_signs(system, row, s)
        out.append((system, tuple(interior_point(ctx, system)), tuple(sets)))
        left = [f for f in left if id(f) not in group]
    return out


def _restrict(ctx, tb: Tables, sol, system: LinearSystem, point) -> object:
    """The part of the family ``sol`` whose receiver mixing satisfies ``system``, with
    ``point`` as its representative."""
    rho = dict(sol.rho)
    rho.update(zip(sol.rho_vars, point))
    keys = sorted(sol.rho_ranges)
    cols = [sol.rho_vars.index(k) for k in keys]
    ranges = {k: r for k, r in zip(keys, variable_ranges(ctx, system, cols))
              if ctx.sign(r[1] - r[0]) != 0}
    values = [ctx.simplify(sum((rho[(sol.S[t][0], a)] * tb.u[t][sol.S[t][0]][a]
                                for a in sol.B[sol.S[t][0]]), ctx.zero))
              for t in range(tb.n_types)]
    return replace(sol, rho=rho, values=values, rho_ranges=ranges, rho_system=system)
