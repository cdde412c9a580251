"""The split of a continuum of a two-type belief game in the plane of the types' payoffs.

When the receiver's mixings (at fixed posteriors) give payoffs that fill a region of the
plane, the members are split there (:func:`plane_parts`): runs traced in both payoffs,
the set of the members' payoffs (a polygon) cut by the lines their results rest on
(:func:`.refinements.family.arrangement`, the linear engine's own arrangement, its faces
clipped), each part described by the signs of its lines.  Lines with quadratic
irrational coefficients are cut over the quadratic numbers, and a conic with no square of
one payoff that crosses a face splits it by its sign (:mod:`.plane_conic`).  A posterior
that moves together with such mixings is split in the same plane
(:func:`posterior_plane_parts`), a part kept where some member's payoffs lie in it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from functools import cmp_to_key
from itertools import product

import sympy as sp

from .algebraic import AlgebraicContext
from .belief_engine import outcome_checks, solution_at
from .belief_fast import fast_game
from .belief_mixing import mixing_system, payoff_form
from .belief_tables import BeliefGame, BeliefSolution
from .bernstein import bernstein_coefficients
from .context import NUMERIC
from .continuum_runs import (
    MAX_FAMILY_RUNS,
    KeptWhole,
    PosteriorCurve,
    in_line_order,
    pinned_form,
    result_at,
)
from .line import exact_at, explore_line, first_on_line, rational_inside, same_root, unique_roots
from .linear_points import rational_point
from .lp import LinearSystem, interior_point, maximizer, objective_ranges, satisfies
from .plane_conic import Graph, counterclockwise, edge_exprs, edge_values, graph_of, side_point
from .quadratic import (
    OutsideFastType,
    from_sympy,
    qsign,
    rational_between,
    rational_to_sympy,
    to_sympy,
)
from .refinements.family import NewAtom, affine_row, arrangement, arrangement_parts, essential_signs
from .traced import Tracer
from .traced_roots import Root

__all__ = ["plane_parts", "posterior_plane_parts"]


# Faces of a split in the payoff plane before the continuum is left whole: the lines cut
# the plane into at most about L**2 faces, each decided by one run (seed 246 3x3 of the
# random games needs between 2,000 and 3,000, in 22 s).
_MAX_PLANE_FACES = 3000


# Rows of a split in the payoff plane over the quadratic numbers (lines with irrational
# coefficients) before the continuum is left whole: runs along such lines add the lines
# through the points where their signs change, which can multiply (seed 246 3x3: between
# 50 and 60; 28 until round 66, when each cut took linear programs).
_MAX_QUAD_ROWS = 60


# Cuts of a face by a row in a split in the payoff plane before the continuum is left
# whole: a cut clips the face's polygon (round 67; two linear programs before), and the
# most a split that ends uses in the random games of seeds 0-299 (2x3, 3x2, 3x3) is
# 41,240 (seed 246); a conic across faces lets an arrangement grow past that.
_MAX_PLANE_SPLITS = 50000


_ABSENT = "not an equilibrium"  # a face's result where its members are not equilibria


_RELATIONS = {frozenset({1}): ">", frozenset({-1}): "<", frozenset({0}): "=",
              frozenset({0, 1}): ">=", frozenset({-1, 0}): "<="}


_OUTSIDE = "outside the face"  # a point of a conic outside the face that it crosses


_CONIC = "split by conics"  # the first entry of a face's result that conics split


_MAX_CONICS = 3  # conics across one face before the continuum is left whole


class _ConicCut(Exception):
    """A run's answer rests on a conic, the graph of a rational function, that crosses
    its face: the face is split by the conic's sign."""

    def __init__(self, graph: Graph) -> None:
        super().__init__(graph)
        self.graph = graph


class _IrrationalLines(Exception):
    """A run's answer rests on lines with quadratic irrational coefficients: the
    arrangement is made again with rows over the quadratic numbers."""


def plane_parts(gd: BeliefGame, mixings: tuple, sol: BeliefSolution,
                 members: Callable | None = None) -> list | None:
    """The parts of a continuum of receiver mixings at fixed posteriors whose
    payoffs ``(u(L), u(H))`` fill a region of the plane.

    The members' outcome is their payoff pair, so each run of the engine's own checks
    (:func:`.belief_engine.outcome_checks`) is traced in the two payoffs, and its
    certificate names the polynomials whose signs its result rests on.  While they are
    lines, the payoff plane is cut by them (:func:`.refinements.family.arrangement`)
    until a run on each face of the arrangement rests only on its rows: the result holds
    on the whole face.  The plane is the set of the members' payoffs, a convex polygon
    less the pieces of its boundary that no mixing reaches (:func:`_payoff_image`), and
    each face keeps the polygon of its closure: a cut clips it, with no linear program,
    whatever the number of mixings.  A
    quadratic that is two lines with quadratic irrational coefficients (such as
    ``u(L)**2 + 11*u(L)/2 + 11/2``, two lines ``u(L) = c``; see :func:`_lines`) is cut
    along both: the arrangement is then made over the quadratic numbers
    (:data:`.quadratic.QUAD`), and a face on such a line (at most one rational payoff pair) is
    decided by a run traced in one payoff, the other following it along the line (or
    exactly, where the face has one payoff pair).  A posterior pinned at a quadratic
    irrational puts such numbers in the payoffs' forms: the arrangement is then made over
    the quadratic numbers from the start.  A line enters the arrangement only where it
    may cross the face whose run asked about it, and a face is run at a rational payoff
    pair (:func:`_rational_payoffs`); a conic whose zero set misses the polygon of a
    face's payoffs (:func:`_payoff_polygon`, :func:`_conic_meets`) is not needed there.
    A conic that crosses it and has no square of one payoff (the graph of a rational
    function: :func:`.plane_conic.graph_of`) splits the face by its sign, with any
    others that then cross it (at most :data:`_MAX_CONICS`): the face's result is one per
    sign vector of the conics, a region beside a conic run at a rational point there
    (:func:`.plane_conic.side_point`), the conics explored along themselves by traced
    runs; a face whose payoffs lie on a segment is explored along it.  Faces with one
    result are joined into convex parts, each described by the signs of its lines (and
    of the conics across it).  None when a certificate has another curve that may cross
    the face that asked, or the arrangement grows past its limits.

    ``members(lp, part, point)``, when given, is a member whose payoffs lie in the part
    (a :class:`~.lp.LinearSystem` in the variables of ``mixings``, a box of payoffs
    then, and a point of it), or None when the part has none (it is left out); it raises
    :class:`KeptWhole` when that is not decided.  By default the plane is the image of
    ``mixings`` and a member a mixing whose payoffs lie in the part
    (:func:`_mixing_plane`).

    Examples
    --------
    ``L`` sends ``m0`` and ``H`` sends ``m1``; the receiver is indifferent at both, so its
    mixings give payoffs ``u(L) = rho(a0|m0)`` and ``u(H) = rho(a0|m1)`` that fill the
    open unit square.  The off-path ``m2`` (answered by ``a0``) pays ``L`` ``1 - mu(H)``
    and ``H`` ``mu(H)/2``: some belief deters it where ``u(L) + 2 u(H) >= 1``, and above
    ``u(H) = 1/2`` only ``L`` can gain from it, which fails both tests there.

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_engine import pattern_solution
    >>> mu = belief("H")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[1, 0], [-5, -5], [1 - mu, -5]], [[-5, -5], [1, 0], [mu / 2, -5]]],
    ...     [[[0, 0], [0, 0], [1, 0]], [[0, 0], [0, 0], [1, 0]]], types=["L", "H"])
    >>> gd = fast_game(g)
    >>> sol = pattern_solution(gd, ((0,), (1,)), ((0, 1), (0, 1), (0,)))
    >>> keys, system = mixing_system(gd, sol.S, sol.B, sol.x)
    >>> forms = [payoff_form(gd, sol.B, sol.x, keys, t, sol.S[t][0]) for t in range(2)]
    >>> for part, ic, d1, where in plane_parts(gd, (keys, system, forms), sol):
    ...     print(ic, d1, where.split("satisfy ")[1].split(";")[0])
    True True u(H) <= 1/2 and 2*u(H) + u(L) >= 1
    False False u(H) > 1/2
    """
    keys, system, forms = mixings
    rational = all(isinstance(c, Fraction) for row, k in forms for c in (*row, k))
    pointwise = members is None  # (a member at any payoffs of the plane is searched)
    try:
        if members is None:  # the arrangement is made in the payoff plane itself
            mixings, members = _mixing_plane(gd, sol, mixings,
                                             NUMERIC if rational else gd.ctx.lp)
        if rational:
            try:
                return _plane_arrangement(gd, mixings, sol, NUMERIC, members, pointwise)
            except _IrrationalLines:
                pass
        return _plane_arrangement(gd, mixings, sol, gd.ctx.lp, members, pointwise)
    except KeptWhole:
        return None


def _mixing_plane(gd: BeliefGame, sol: BeliefSolution, mixings: tuple, lp) -> tuple:
    """``(plane, members)`` for a polytope of mixings ``mixings = (keys, system, forms)``:
    ``plane`` the set of its payoffs (:func:`_payoff_image`) in the shape of
    ``mixings``, and ``members(lp, part, point)`` a member whose payoffs lie in ``part``
    (a system in the plane's variables; a point of it), None when there is none.  The
    arrangement's cuts are then made in two variables, whatever the number of mixings;
    a member is made only for a part."""
    keys, system, forms = mixings
    plane = _payoff_image(lp, system, forms)

    def members(lp, part: LinearSystem, point: list) -> BeliefSolution | None:
        lifted = _through_forms(system, part, forms, [k for _, k in plane[2]])
        x = interior_point(lp, lifted)
        return None if x is None else _member_at(gd, sol, keys, forms, lifted, x)

    return plane, members


def _payoff_image(lp, system: LinearSystem, forms: list) -> tuple:
    """The two payoffs ``forms`` over the points of ``system``, a convex polygon
    (:func:`_payoff_polygon`) less the pieces of its boundary that no point reaches, as
    ``(keys, plane, plane_forms)`` (:func:`_polygon_system`).

    An edge of the polygon is reached in its relative interior or nowhere inside it
    (the points over it are a face of the closure less some of its faces, as the
    system's rows are its closure's, some strict), so a point in its middle decides it;
    a vertex by itself.

    Examples
    --------
    The mixings ``0 <= x < 1``, ``0 <= y <= 1`` with payoffs ``(x, x + y)``: the
    parallelogram ``(0, 0), (1, 1), (1, 2), (0, 1)`` less its edge ``u(L) = 1``.

    >>> from fractions import Fraction as F
    >>> s = LinearSystem(2, ge=(((F(0), F(-1)), F(-1)),), gt=(((F(-1), F(0)), F(-1)),))
    >>> forms = [((F(1), F(0)), F(0)), ((F(1), F(1)), F(0))]
    >>> _, plane, plane_forms = _payoff_image(NUMERIC, s, forms)
    >>> [satisfies(NUMERIC, plane, [x - k for x, (_, k) in zip(u, plane_forms)])
    ...  for u in [(F(1, 2), F(1)), (F(1), F(3, 2)), (F(0), F(1)), (F(1), F(1))]]
    [True, False, True, False]
    """
    polygon = counterclockwise(_payoff_polygon(lp, system, forms))

    def reached(u: list) -> bool:
        pinned = pinned_form(lp, pinned_form(lp, system, forms[0], u[0]), forms[1], u[1])
        return interior_point(lp, pinned) is not None

    edges = list(zip(polygon, polygon[1:] + polygon[:1])) if len(polygon) > 2 else []
    return _polygon_system(polygon,
                           [reached([(p[i] + q[i]) / 2 for i in range(2)]) for p, q in edges],
                           [reached(p) for p in polygon])


def _polygon_system(polygon: list, edge_in: list | None = None,
                    vertex_in: list | None = None) -> tuple:
    """``(keys, system, forms)`` for the convex polygon with vertices ``polygon``
    (counterclockwise; a segment or a point too), less the edges (``p -> q``, each
    vertex to the next; a segment's one) and vertices where ``edge_in`` and
    ``vertex_in`` are false (by default none): ``system`` in ``v = u - lo`` (``lo`` the
    polygon's least ``u(L)`` and ``u(H)``, so ``v >= 0``), ``forms`` the payoffs ``u = v
    + lo``.  An edge left out is a strict row; a vertex left out between two edges kept,
    a strict row through it that meets the polygon nowhere else (the sum of the edges'
    inner normals); an end of a segment left out, a strict row across it.

    Examples
    --------
    The triangle ``(0, 1), (1, 1), (0, 2)`` less its edge from ``(1, 1)`` to ``(0, 2)``
    and its vertex ``(0, 1)``:

    >>> from fractions import Fraction as F
    >>> polygon = [[F(0), F(1)], [F(1), F(1)], [F(0), F(2)]]
    >>> _, s, forms = _polygon_system(polygon, [True, False, True],
    ...                               [False, True, True])
    >>> [str(k) for _, k in forms]  # (u(L) = v0, u(H) = v1 + 1)
    ['0', '1']
    >>> [interior_point(NUMERIC, pinned_form(NUMERIC, pinned_form(NUMERIC, s, forms[0], x),
    ...                                    forms[1], y)) is not None
    ...  for x, y in [(F(1, 2), F(5, 4)), (F(1, 2), F(3, 2)), (F(0), F(3, 2)), (F(0), F(1)),
    ...               (F(1, 2), F(1)), (F(1), F(1))]]
    [True, False, True, False, True, False]
    """
    one, zero = Fraction(1), Fraction(0)
    lo, hi = zip(*(_extent([p[i] for p in polygon]) for i in range(2)))
    forms = [((one, zero), lo[0]), ((zero, one), lo[1])]

    def row(a, p) -> tuple:  # a . u >= a . p, in v = u - lo
        return tuple(a), a[0] * (p[0] - lo[0]) + a[1] * (p[1] - lo[1])

    eq, ge = [], [((-one, zero), lo[0] - hi[0]), ((zero, -one), lo[1] - hi[1])]
    gt = []
    n = len(polygon)
    edge_in = edge_in or [True] * max(n - (n == 2), 0)
    vertex_in = vertex_in or [True] * n
    if n == 2:  # a segment: its line, and the ends left out
        (p, q), d = polygon, (polygon[1][0] - polygon[0][0], polygon[1][1] - polygon[0][1])
        eq.append(row((p[1] - q[1], q[0] - p[0]), p))
        gt += [row((sign * d[0], sign * d[1]), end)
               for sign, end, kept in ((1, p, vertex_in[0]), (-1, q, vertex_in[1])) if not kept]
    elif n > 2:
        normals = [(p[1] - q[1], q[0] - p[0])  # (q - p) x (u - p) >= 0: left of p -> q
                   for p, q in zip(polygon, polygon[1:] + polygon[:1])]
        for k, (p, a) in enumerate(zip(polygon, normals)):
            (ge if edge_in[k] else gt).append(row(a, p))
            b = normals[k - 1]  # (the edge into p)
            if not vertex_in[k] and edge_in[k] and edge_in[k - 1]:
                gt.append(row((a[0] + b[0], a[1] + b[1]), p))
    system = LinearSystem(2, eq=tuple(eq), ge=tuple(ge), gt=tuple(gt))
    return [("u", 0), ("u", 1)], system, forms


def _through_forms(system: LinearSystem, part: LinearSystem, forms: list,
                   shift: list) -> LinearSystem:
    """``system`` (over the mixings) with the rows of ``part`` (over a plane's variables
    ``v = u - shift``) composed with the payoffs' ``forms``: the mixings whose payoffs
    lie in ``part``."""
    (row0, k0), (row1, k1) = forms

    def through(rows) -> tuple:
        return tuple((tuple(a0 * c0 + a1 * c1 for c0, c1 in zip(row0, row1)),
                      rhs - a0 * (k0 - shift[0]) - a1 * (k1 - shift[1]))
                     for (a0, a1), rhs in rows)

    return LinearSystem(system.n, system.eq + through(part.eq), system.ge + through(part.ge),
                        system.gt + through(part.gt))


def _plane_arrangement(gd: BeliefGame, mixings: tuple, sol: BeliefSolution, lp,
                       members: Callable, pointwise: bool) -> list | None:
    """:func:`plane_parts` in the plane ``mixings`` (a system over two variables, the
    payoffs' ``forms`` in them) with the linear programs of ``lp``: :data:`NUMERIC`
    (rational rows only: raises :class:`_IrrationalLines` at a row that is not) or the
    quadratic numbers' context.  ``members`` finds a part's member; ``pointwise`` when
    it is cheap enough to search one at given payoffs on a conic (else a part that
    conics cut keeps the continuum whole)."""
    keys, system, forms = mixings
    game = gd.game
    names = tuple(sp.Symbol(f"u({t})") for t in game.types)
    on = set(sol.x)
    lines: dict = {}  # quadratic -> its lines (see _lines)
    polygons: dict = {}  # a face's system -> its payoffs' polygon (see _payoff_polygon)
    atoms_of: dict = {}  # (certificate polynomial, its variables) -> its atoms

    def lines_of(poly: sp.Poly):
        if poly not in lines:
            lines[poly] = _lines(poly, names)
        return lines[poly]

    def polygon_of(face_system: LinearSystem) -> list:
        if face_system not in polygons:
            polygons[face_system] = _payoff_polygon(lp, face_system, forms)
        return polygons[face_system]

    def payoffs(point) -> list:
        return [k + sum((c * x for c, x in zip(row, point)), Fraction(0)) for row, k in forms]

    def in_face(face_system: LinearSystem, u: list) -> bool:
        return satisfies(lp, face_system, [x - k for x, (_, k) in zip(u, forms)])

    def inner(face_system: LinearSystem) -> list:
        """Payoffs in the face's relative interior: its polygon's mean vertex, or (a
        system that is not a face of the arrangement) its interior point's."""
        if face_system in polygons:
            polygon = polygons[face_system]
            return [sum((p[i] for p in polygon), Fraction(0)) / len(polygon) for i in range(2)]
        return payoffs(interior_point(lp, face_system))

    def needed(f, params) -> list:
        """The atoms whose signs fix the sign of a certificate's polynomial ``f`` on a
        face: itself (a monic polynomial in the payoffs), or the lines it is made of."""
        if (f, params) not in atoms_of:
            poly = sp.Poly(f.as_expr(*params), *names, domain=sp.QQ).monic()
            found = lines_of(poly) if poly.total_degree() == 2 else None
            atoms_of[f, params] = [poly] if found is None else \
                [(poly, i) for i in range(len(found))]
        return atoms_of[f, params]

    def decide(face, atoms: list):
        if face.system not in polygons:  # (its polygon, kept by the arrangement's cuts)
            polygons[face.system] = [payoffs(p) for p in face.polygon]
        try:
            return run(face, atoms)
        except _ConicCut as cut:
            polygon = polygon_of(face.system)
            if len(polygon) == 1:  # one payoff pair: decided there, exactly
                checks = outcome_checks(gd, sol.B, on, polygon[0])
                return _ABSENT if checks is None else tuple(checks[1:])
            if len(polygon) == 2:  # a segment
                return segment_split(face, atoms, cut.graph)
            return conic_split(face, atoms, cut.graph)

    def run(face, atoms: list, values: list | None = None, line: tuple | None = None,
            conics: tuple = ()):
        """The result on ``face`` of a run at its payoffs ``values`` (by default a
        rational pair of the face), or traced along ``line`` (``a0 u(L) + a1 u(H) + c =
        0``); ``conics`` are conics whose signs the caller fixes.  Raises
        :class:`NewAtom` for a line (or curve) that may cross the face, and
        :class:`_ConicCut` for another conic that does (the graph of a rational
        function: :func:`.plane_conic.graph_of`)."""
        ranges = None
        segment = line is not None  # (a face's own segment: its ends may be in it)
        if values is None and line is None:
            values = inner(face.system)
            if not all(isinstance(v, Fraction) for v in values):  # (quadratic numbers)
                ranges = face_ranges(face.system)
                if all(lp.sign(hi - lo) == 0 for lo, hi in ranges):  # one payoff pair
                    checks = outcome_checks(gd, sol.B, on, [lo for lo, _ in ranges])
                    return _ABSENT if checks is None else tuple(checks[1:])
                values = _rational_payoffs(lp, polygon_of(face.system), ranges)
            if values is None:  # on a line with irrational coefficients: traced along it
                on_line = [a for a, s in zip(atoms, face.signs)
                           if s == 0 and isinstance(a, tuple)]
                if not on_line:
                    raise KeptWhole  # (no rational point found: not a proof there is none)
                line = lines_of(on_line[0][0])[on_line[0][1]]
        if values is not None:
            params = names
            tracer = Tracer(names, values)
            traced = [tracer.convert(u) for u in names]
        else:  # a0 u(L) + a1 u(H) + c = 0
            ranges = ranges or face_ranges(face.system)
            *a, c = line
            t = 0 if lp.sign(a[1]) != 0 else 1  # the payoff that runs along the line
            other = 1 - t  # the payoff that follows it (its coefficient is not 0)
            params = (names[t],)
            tracer = Tracer(params, (rational_between(*ranges[t]),))
            traced = [None, None]
            traced[t] = tracer.convert(names[t])
            traced[other] = tracer.number(-a[t] / a[other]) * traced[t] + \
                tracer.number(-c / a[other])
        checks = outcome_checks(fast_game(game, const=tracer.convert), sol.B, on, traced)
        for f, _ in tracer.certificate():
            if len(params) == 1:
                poly = sp.Poly(f.as_expr(*params), params[0], domain=sp.QQ)
                if not _root_between(poly, *ranges[t]) and not (
                        segment and any(_vanishes(poly, x) for x in ranges[t])):
                    continue  # its sign is the run's on the whole face: no cut needed
            for atom in needed(f, params):
                if atom in atoms or atom in conics or not cuts(face, atom):
                    continue
                curve = not isinstance(atom, tuple) and atom.total_degree() == 2
                graph = graph_of(atom) if curve and len(params) == 2 else None
                if graph is not None:
                    raise _ConicCut(graph)
                raise NewAtom(atom)
        return _ABSENT if checks is None else tuple(checks[1:])

    def rational_pair(face_system: LinearSystem) -> list | None:
        """A rational payoff pair of a face of two dimensions, or None if none found."""
        values = inner(face_system)
        if all(isinstance(v, Fraction) for v in values):
            return values
        return _rational_payoffs(lp, polygon_of(face_system), face_ranges(face_system))

    def face_ranges(face_system: LinearSystem) -> list:
        if face_system in polygons:
            return [_extent(values) for values in zip(*polygons[face_system])]
        return [(lo + k, hi + k) for (lo, hi), (_, k) in zip(
            objective_ranges(lp, face_system, [row for row, _ in forms]), forms)]

    def segment_split(face, atoms: list, graph: Graph):
        """The result on a face whose payoffs lie on a segment that a conic crosses:
        explored along the segment by runs traced in one payoff (the cells' ends one by
        one, exactly); one result for each sign of the conic when the results differ
        (as :func:`conic_split`'s), else traced along its line with the lines through
        the points where its answers change (:func:`run`)."""
        (x0, y0), (x1, y1) = polygon_of(face.system)
        line = (y1 - y0, x0 - x1, x1 * y0 - x0 * y1)  # a0 u(L) + a1 u(H) + c = 0
        t = 0 if lp.sign(line[1]) != 0 else 1  # the payoff that runs along the segment
        z = sp.Dummy("z")
        at = [z, z]
        at[1 - t] = to_sympy(-line[t] / line[1 - t]) * z + to_sympy(-line[2] / line[1 - t])
        conic = graph.conic.as_expr().subs(dict(zip(names, at)))

        def result(gdx: BeliefGame, convert):
            checks = outcome_checks(gdx, sol.B, on, [convert(e) for e in at])
            return (qsign(convert(conic)),), _ABSENT if checks is None else tuple(checks[1:])

        def run_z(z0: Fraction):
            tracer = Tracer(z, z0)
            return result(fast_game(game, const=tracer.convert), tracer.convert), tracer

        ends = sorted(((p[t], in_face(face.system, p)) for p in ((x0, y0), (x1, y1))),
                      key=cmp_to_key(lambda a, b: qsign(a[0] - b[0])))
        roots = [Root.of_number(x) for x, _ in ends]
        explored = explore_line(run_z, *roots, random.Random(0), MAX_FAMILY_RUNS)
        if explored.undecided or explored.outside:
            raise KeptWhole
        pieces = [c.result for c in explored.cells]
        points = [root for root, (_, inside) in zip(roots, ends) if inside]
        pieces += [result_at(gd, result, z, p) for p in unique_roots(points + list(explored.ends))]
        along: dict = {}
        for signs, outcome in pieces:
            if along.setdefault(signs, outcome) != outcome:
                return run(face, atoms, line=line)
        groups: dict = {}
        for signs, outcome in along.items():
            groups.setdefault(outcome, set()).add(signs)
        if len(groups) == 1:
            return next(iter(groups))
        return (_CONIC, (graph.conic,), tuple(sorted(
            ((frozenset(signs), outcome) for outcome, signs in groups.items()),
            key=lambda group: sorted(group[0]))))

    def conic_split(face, atoms: list, graph: Graph):
        """The result on a face of two dimensions that conics (graphs of rational
        functions, ``graph`` first; others as runs ask about them, at most
        :data:`_MAX_CONICS`) cross: one result for each vector of the conics' signs.
        A region of one sign vector inside the face lies beside a piece of some conic
        there (the face's inside is connected), so it is found, and run at a rational
        point, beside the cells of the runs along the conics (:func:`arc`), which give
        the results on them.  ``(_CONIC, conics, ((sign vectors, result), ...))`` when
        the results differ."""
        polygon = counterclockwise(polygon_of(face.system))
        graphs = [graph]
        while True:
            conics = tuple(g.conic for g in graphs)
            found: dict = {}  # sign vector -> result
            points: dict = {}  # sign vector -> a rational pair with those signs
            for i, g in enumerate(graphs):
                along, inner = arc(face, atoms, graphs, i, polygon)
                for signs, result in along.items():
                    found[signs] = result
                for z, signs in inner:
                    for s in (1, -1):
                        beside = signs[:i] + (s,) + signs[i + 1:]
                        if beside in points:
                            continue
                        u = side_point(graph=g, polygon=polygon, z=z, sign=s, keep=[
                            (h, t) for j, (h, t) in enumerate(zip(graphs, signs)) if j != i])
                        if u is None:
                            raise KeptWhole
                        points[beside] = u
            if not points:  # no conic crosses the polygon's inside: one sign vector
                values = rational_pair(face.system)
                if values is None or 0 in (signs := tuple(qsign(g.value(values))
                                                          for g in graphs)):
                    raise KeptWhole
                points[signs] = values
            try:
                for signs, u in points.items():
                    found[signs] = run(face, atoms, values=u, conics=conics)
            except _ConicCut as cut:
                if len(graphs) >= _MAX_CONICS:
                    raise KeptWhole from None
                graphs.append(cut.graph)
                continue
            break
        groups: dict = {}
        for signs, result in found.items():
            groups.setdefault(result, set()).add(signs)
        if len(groups) == 1:
            return next(iter(groups))
        return (_CONIC, conics, tuple(sorted(
            ((frozenset(signs), result) for result, signs in groups.items()),
            key=lambda group: sorted(group[0]))))

    def arc(face, atoms: list, graphs: list, i: int, polygon: list) -> tuple:
        """``(along, inner)`` for the conic ``graphs[i]``: ``along`` the result of its members
        in the face for each vector of the conics' signs met along it, ``inner``
        ``[(z, signs), ...]``, rationals ``z`` at which it is strictly inside the polygon
        and the sign vector there.  The conic is explored along ``z`` over the polygon's
        range by runs traced in ``z`` (:func:`.line.explore_line`; the cells' ends one
        by one, exactly); a point on the polygon's boundary is in the face when that
        edge (or vertex) is.  Where two results along it have one sign vector and differ,
        a line ``z = c`` between them is a new atom (:class:`NewAtom`)."""
        graph = graphs[i]
        z = sp.Dummy("z")
        at = graph.exprs(z)
        edges = edge_exprs(polygon, at)
        others = [(j, h.conic.as_expr().subs(dict(zip(names, at))))
                  for j, h in enumerate(graphs) if j != i]
        edge_in = [in_face(face.system, [(p[k] + q[k]) / 2 for k in range(2)])
                   for p, q in zip(polygon, polygon[1:] + polygon[:1])]
        vertex_in = [in_face(face.system, p) for p in polygon]

        def result(gdx: BeliefGame, convert):
            signs = [qsign(convert(e)) for e in edges]
            zeros = [k for k, s in enumerate(signs) if s == 0]
            if min(signs) < 0 or len(zeros) > 2:
                return _OUTSIDE
            if len(zeros) == 1 and not edge_in[zeros[0]]:
                return _OUTSIDE
            if len(zeros) == 2:
                k, m = zeros
                if not vertex_in[m if m == k + 1 else k]:  # (edges k and m meet there)
                    return _OUTSIDE
            vector = [0] * len(graphs)
            for j, e in others:
                vector[j] = qsign(convert(e))
            checks = outcome_checks(gdx, sol.B, on, [convert(e) for e in at])
            return tuple(vector), _ABSENT if checks is None else tuple(checks[1:])

        def run_z(z0: Fraction):
            tracer = Tracer(z, z0)
            return result(fast_game(game, const=tracer.convert), tracer.convert), tracer

        lo, hi = _z_range(graph, polygon)
        pole = graph.pole
        split = pole is not None and qsign(pole - lo) > 0 and qsign(hi - pole) > 0
        pieces = []
        rng = random.Random(0)
        for a, b in [(lo, pole), (pole, hi)] if split else [(lo, hi)]:
            ends = Root.of_number(a), Root.of_number(b)
            line = explore_line(run_z, *ends, rng, MAX_FAMILY_RUNS)
            if line.undecided or line.outside:
                raise KeptWhole
            pieces += [("cell", c, c.result) for c in line.cells]
            points = [e for e, x in zip(ends, (a, b)) if pole is None or qsign(x - pole) != 0]
            pieces += [("point", p, result_at(gd, result, z, p))
                       for p in unique_roots(points + list(line.ends))]
        ordered = [piece for piece in in_line_order(pieces) if piece[2] != _OUTSIDE]
        inner = [(rational_inside(c.left, c.right, rng), found[0])
                 for kind, c, found in ordered if kind == "cell"]
        along: dict = {}
        for k, (_, _, (signs, outcome)) in enumerate(ordered):
            if along.setdefault(signs, outcome) == outcome:
                continue
            before = ordered[k - 1]  # (at or after the earlier piece with ``signs``)
            if ordered[k][0] == "point":
                where = ordered[k][1]
            elif before[0] == "point":
                where = before[1]
            elif same_root(before[1].right, ordered[k][1].left):  # (either side of the pole)
                where = before[1].right
            else:  # two cells apart: a line between them
                where = Root.of(rational_to_sympy(
                    rational_inside(before[1].right, ordered[k][1].left, rng)))
            gen = names[graph.z]
            poly = sp.Poly(gen - where.value, *names, domain=sp.QQ) \
                if where.value.is_Rational else \
                sp.Poly(where.poly.as_expr().subs(where.poly.gens[0], gen),
                        *names, domain=sp.QQ).monic()
            for atom in needed_poly(poly):
                if atom not in atoms and cuts(face, atom):
                    raise NewAtom(atom)
            raise KeptWhole
        return along, inner

    def needed_poly(poly: sp.Poly) -> list:
        if poly.total_degree() == 1:
            return [poly.monic()]
        if poly.total_degree() == 2 and lines_of(poly):
            return [(poly, i) for i in range(len(lines_of(poly)))]
        return []

    def cuts(face, atom) -> bool:
        """Whether ``atom`` may change sign on ``face``: a line whose values over the
        face's closure keep one strict sign does not, nor a conic that does not meet the
        polygon of the face's payoffs (the run's answer, resting on its sign there, holds
        on the whole face without it); a curve of higher degree always may."""
        if isinstance(atom, tuple) and lp is NUMERIC:
            return True  # (its row needs the quadratic numbers: row_of switches to them)
        if not isinstance(atom, tuple) and atom.total_degree() != 1:
            if atom.total_degree() != 2:
                return True
            return _conic_meets(lp, atom, polygon_of(face.system))
        coeffs, k = row_of(atom)
        signs = {lp.sign(k + sum((c * x for c, x in zip(coeffs, p)), Fraction(0)))
                 for p in face.polygon}  # (the line's values at the vertices)
        return 0 in signs or len(signs) > 1

    def row_of(atom):
        if not isinstance(atom, tuple):
            return affine_row(NUMERIC, atom.as_expr(), names, forms)
        if lp is NUMERIC:
            raise _IrrationalLines
        a0, a1, c = lines_of(atom[0])[atom[1]]
        (row0, k0), (row1, k1) = forms
        return tuple(a0 * x + a1 * y for x, y in zip(row0, row1)), a0 * k0 + a1 * k1 + c

    def expr(atom) -> sp.Expr:
        if not isinstance(atom, tuple):
            return atom.as_expr()
        a0, a1, c = lines_of(atom[0])[atom[1]]
        return sp.expand(to_sympy(a0) * names[0] + to_sympy(a1) * names[1] + to_sympy(c))

    def on_conics(part: LinearSystem, graphs: list, box: tuple) -> BeliefSolution | None:
        """A member whose payoffs lie in the part ``part`` with each conic's sign in its
        set of ``box``: on a conic at a rational ``z``, or beside it, or (no conic
        crossing the inside of the part's polygon) at a rational pair of the part; None
        when none is found."""
        def fits(u) -> BeliefSolution | None:
            if not all(qsign(g.value(u)) in signs for g, signs in zip(graphs, box)):
                return None
            pinned = pinned_form(lp, pinned_form(lp, part, forms[0], u[0]), forms[1], u[1])
            return None if interior_point(lp, pinned) is None else \
                members(lp, pinned, u)

        polygon = polygon_of(part)
        rng = random.Random(2)
        if len(polygon) == 2:  # a segment: rational points along it
            (x0, y0), (x1, y1) = polygon
            for _ in range(MAX_FAMILY_RUNS):
                x = rational_inside(Root.of(0), Root.of(1), rng)
                u = [x0 + x * (x1 - x0), y0 + x * (y1 - y0)]
                if all(isinstance(v, Fraction) for v in u) and (member := fits(u)):
                    return member
            return None
        if len(polygon) < 3:
            return None
        polygon = counterclockwise(polygon)
        for i, graph in enumerate(graphs):
            lo, hi = (Root.of_number(x) for x in _z_range(graph, polygon))
            for _ in range(MAX_FAMILY_RUNS):
                z = rational_inside(lo, hi, rng)
                if z == graph.pole:
                    continue
                base = graph.point(z)
                inside = [qsign(v) for v in edge_values(polygon, base)]
                if min(inside) < 0:
                    continue
                at = [qsign(g.value(base)) for g in graphs]
                keep = [(g, s) for j, (g, s) in enumerate(zip(graphs, at)) if j != i]
                candidates = [base] + ([side_point(graph, polygon, z, s, keep)
                                        for s in (1, -1)] if min(inside) > 0 else [])
                for u in candidates:
                    if u is not None and (member := fits(u)):
                        return member
        values = rational_pair(part)
        return None if values is None else fits(values)

    polygon = [[x - k for x, (_, k) in zip(u, forms)]
               for u in counterclockwise(polygon_of(system))]
    arranged = arrangement(lp, system, decide, row_of, max_faces=_MAX_PLANE_FACES,
                           max_rows=None if lp is NUMERIC else _MAX_QUAD_ROWS,
                           max_splits=_MAX_PLANE_SPLITS, polygon=polygon)
    if arranged is None:
        return None
    atoms = arranged[2]
    parts = [part for part in arrangement_parts(lp, system, *arranged)
             if part[0] != _ABSENT]

    kept = []
    for result, part, point, signs in parts:
        if point is not None:  # (the conditions the others imply are left out)
            signs = essential_signs(lp, system, arranged[0], signs)
        conditions = [_condition(expr(atom), _RELATIONS[s])
                      for atom, s in zip(atoms, signs) if s in _RELATIONS]
        if point is None and result[0] != _CONIC:  # one result on the whole polytope
            ic, d1 = result
            return [(sol, ic, d1, "the continuum: the Intuitive Criterion and D1 verdicts "
                     "hold for every one of its members")]
        if result[0] != _CONIC:
            member = members(lp, part, point)
            if member is not None:
                kept.append((member, *result, conditions))
            continue
        if not pointwise:
            raise KeptWhole  # (a part of the plane that conics cut: not searched)
        part = system if part is None else part
        _, conics, groups = result
        graphs = [graph_of(conic) for conic in conics]
        for vectors, found in groups:
            if found == _ABSENT:
                continue
            for box in _sign_boxes(vectors):
                member = on_conics(part, graphs, box)
                if member is None:
                    raise KeptWhole  # (no member found: not a proof there is none)
                kept.append((member, *found, conditions + [
                    _condition(conic.as_expr(), _RELATIONS[signs])
                    for conic, signs in zip(conics, box) if signs in _RELATIONS]))
    if not pointwise and len(kept) > 1 and len({v[1:3] for v in kept}) == 1:
        _, ic, d1, _ = kept[0]  # (the parts left out had no members)
        return [(sol, ic, d1, "the continuum: the Intuitive Criterion and D1 verdicts "
                 "hold for every one of its members")]
    out = []
    for member, ic, d1, conditions in kept:
        what = "the continuum" if len(kept) == 1 else "this part of the continuum"
        out.append((member, ic, d1, f"{what}: the members whose payoffs satisfy "
                    f"{' and '.join(conditions)}; the Intuitive Criterion and D1 verdicts "
                    "hold for every one of them" if conditions else f"{what}: the Intuitive "
                    "Criterion and D1 verdicts hold for every one of its members"))
    return out or None


def _member_at(gd: BeliefGame, base: BeliefSolution, keys: list, forms: list,
               system: LinearSystem, point: list) -> BeliefSolution:
    """``base`` with the receiver's mixings ``keys`` at ``point`` of ``system`` (a
    rational point of it when ``point`` is not one and one is found), its payoffs
    (``forms``) and its off-path part; raises :class:`KeptWhole` when the point deters
    not every off-path message (never reached: its part was decided an equilibrium)."""
    if not all(isinstance(v, Fraction) for v in point):  # a rational member, if any
        point = _rational_point(system) or point
    values = [k + sum((c * v for c, v in zip(row, point)), Fraction(0)) for row, k in forms]
    checks = outcome_checks(gd, base.B, set(base.x), values)
    if checks is None:
        raise KeptWhole
    rho = dict(base.rho)
    rho.update(zip(keys, point))
    for _, _, mix in checks[0].values():
        rho.update(mix)
    return replace(base, rho=rho, values=values, off=checks[0])


def _rational_payoffs(lp, polygon: list, ranges: list) -> list | None:
    """A rational payoff pair in the relative interior of the convex polygon with
    vertices ``polygon`` (in order around it; a segment too: the closure of a face's
    payoffs; ``ranges``: each payoff's range over it, not both one point), or None when
    there is none found (it lies on a line with irrational coefficients).

    The first payoff that moves is fixed at a rational strictly inside its range; the
    other is then taken strictly inside its range on that slice, or at its one value
    there when that is rational: a point of the relative interior, which lies in the
    face (a convex set with that closure).  Only the payoffs matter (a member's
    outcome), so the face need not have a rational mixing; one found by rounding may
    miss a thin face (:func:`_rational_point`).

    Examples
    --------
    The segment ``u(L) + u(H) = 1`` with ``u(L)`` between ``sqrt(2) - 1`` and the same
    number plus ``10**-60``:

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.quadratic import QUAD, qcmp, sqrt_of
    >>> lo = sqrt_of(2) - 1
    >>> hi = lo + F(1, 10**60)
    >>> u = _rational_payoffs(QUAD, [[lo, 1 - lo], [hi, 1 - hi]], [(lo, hi), (1 - hi, 1 - lo)])
    >>> u[0] + u[1] == 1 and qcmp(u[0], lo) > 0 and qcmp(hi, u[0]) > 0
    True
    """
    t = 0 if lp.sign(ranges[0][1] - ranges[0][0]) != 0 else 1
    other = 1 - t
    values = [None, None]
    x = values[t] = rational_between(*ranges[t])
    found = []  # the other payoff where the polygon's edges meet u_t = x
    for p, q in zip(polygon, polygon[1:] + polygon[:1]):
        at_p, at_q = lp.sign(p[t] - x), lp.sign(q[t] - x)
        if at_p == 0:
            found.append(p[other])
        elif at_p * at_q < 0:
            found.append(p[other] + (x - p[t]) / (q[t] - p[t]) * (q[other] - p[other]))
    lo, hi = _extent(found)
    if lp.sign(hi - lo) != 0:
        values[other] = rational_between(lo, hi)
    elif isinstance(lo, Fraction):
        values[other] = lo
    else:
        return None
    return values


def _payoff_polygon(lp, system: LinearSystem, forms: list) -> list:
    """The vertices, in order around it, of the two types' payoffs over the closure of
    ``system`` (``forms``: each payoff's affine form in the mixings): a convex polygon,
    or a segment (two points) or a point, exact, by linear programs (the lowest and the
    highest point in the order of ``(u(L), u(H))``, then on each side of a known edge the
    point furthest out, until none is).

    Examples
    --------
    The mixings of two actions at two messages, ``x, y`` in ``[0, 1]``; the payoffs
    ``x`` and ``x + y``:

    >>> from fractions import Fraction as F
    >>> s = LinearSystem(2, ge=(((F(-1), F(0)), F(-1)), ((F(0), F(-1)), F(-1))))
    >>> forms = [((F(1), F(0)), F(0)), ((F(1), F(1)), F(0))]
    >>> [tuple(str(v) for v in p) for p in _payoff_polygon(NUMERIC, s, forms)]
    [('0', '0'), ('0', '1'), ('1', '2'), ('1', '1')]
    """
    def extreme(w) -> tuple:  # the greatest w . u and a point of it
        objective = [w[0] * a + w[1] * b for a, b in zip(forms[0][0], forms[1][0])]
        value, x = maximizer(lp, system, objective)
        return value + w[0] * forms[0][1] + w[1] * forms[1][1], \
            [k + sum((c * v for c, v in zip(row, x)), Fraction(0)) for row, k in forms]

    def lex(sign: int) -> list:  # the highest (sign 1) or lowest point in u(L), then u(H)
        top, _ = extreme((sign, 0))
        row, k = forms[1]
        pinned = pinned_form(lp, system, forms[0], sign * top)
        value, x = maximizer(lp, pinned, [sign * c for c in row])
        return [sign * top, sign * value + k]

    def side(a, b) -> list:  # the vertices left of a -> b, in order from a to b
        w = (a[1] - b[1], b[0] - a[0])
        value, p = extreme(w)
        if lp.sign(value - w[0] * a[0] - w[1] * a[1]) <= 0:
            return []
        return side(a, p) + [p] + side(p, b)

    low, high = lex(-1), lex(1)
    if all(lp.sign(u - v) == 0 for u, v in zip(low, high)):
        return [low]
    return [low, *side(low, high), high, *side(high, low)]


def _conic_meets(lp, conic: sp.Poly, polygon: list) -> bool:
    """Whether the zero set of ``conic`` (a quadratic in ``(u(L), u(H))``, rational
    coefficients) meets the closed convex polygon with vertices ``polygon`` (in order
    around it; a segment or a point too), exactly: a vertex where it vanishes or two of
    opposite signs, an edge along which the quadratic in its parameter has its extremum
    between its ends and of the other sign (or 0), or, inside, a closed component (an
    ellipse: it holds its centre, where the sign is the other).

    Examples
    --------
    The unit circle against squares around the origin:

    >>> from fractions import Fraction as F
    >>> x, y = sp.symbols("x y")
    >>> circle = sp.Poly(x**2 + y**2 - 1, x, y)
    >>> square = lambda h: [[-h, -h], [h, -h], [h, h], [-h, h]]
    >>> [_conic_meets(NUMERIC, circle, square(F(h))) for h in (F(1, 2), 2, F(3, 4))]
    [False, True, True]
    """
    c = {m: Fraction(int(v.p), int(v.q)) for m, v in zip(conic.monoms(), conic.coeffs())}
    a, b, cc, d, e, f = (c.get(m, Fraction(0)) for m in
                         ((2, 0), (1, 1), (0, 2), (1, 0), (0, 1), (0, 0)))

    def at(u):
        x, y = u
        return a * x * x + b * x * y + cc * y * y + d * x + e * y + f

    signs = {lp.sign(at(v)) for v in polygon}
    if 0 in signs or len(signs) > 1:
        return True
    (outside,) = signs
    edges = list(zip(polygon, polygon[1:] + polygon[:1]))
    for v, w in edges:
        dx, dy = w[0] - v[0], w[1] - v[1]
        q2 = a * dx * dx + b * dx * dy + cc * dy * dy  # at v + s (w - v): q2 s^2 + q1 s + q0
        if lp.sign(q2) == 0:
            continue  # (linear in s, one sign at both ends: no root between)
        q0 = at(v)
        q1 = at(w) - q0 - q2
        s = -q1 / (2 * q2)  # the extremum, of value q0 - q1^2 / (4 q2)
        if lp.sign(s) > 0 and lp.sign(1 - s) > 0 and \
                lp.sign(q0 - q1 * q1 / (4 * q2)) != outside:
            return True
    det = 4 * a * cc - b * b
    if len(polygon) < 3 or lp.sign(det) <= 0:
        return False  # (no closed component: every real one is unbounded, or none)
    centre = ((b * e - 2 * cc * d) / det, (b * d - 2 * a * e) / det)
    turns = {lp.sign((w[0] - v[0]) * (centre[1] - v[1]) - (w[1] - v[1]) * (centre[0] - v[0]))
             for v, w in edges}
    inside = not ({1, -1} <= turns)
    return inside and lp.sign(at(centre)) != outside


def _root_between(poly: sp.Poly, lo, hi) -> bool:
    """Whether ``poly`` (one variable, rational coefficients) has a real root strictly
    between the fast exact numbers ``lo < hi``: Sturm's theorem, the chain's signs at
    both ends decided exactly (the variations count the roots in ``(lo, hi]``).

    Examples
    --------
    >>> from alliance_games.solving.quadratic import sqrt_of
    >>> x = sp.Symbol("x")
    >>> p = sp.Poly(x**3 - 2*x, x, domain=sp.QQ)  # roots 0 and -+sqrt(2)
    >>> _root_between(p, -sqrt_of(2), sqrt_of(2)), _root_between(p, sqrt_of(2), Fraction(9))
    (True, False)
    """
    if poly.degree() < 1:
        return False
    chain = [[Fraction(int(c.p), int(c.q)) for c in q.all_coeffs()]
             for q in sp.sturm(poly.sqf_part())]

    def value(coeffs, x):
        v = Fraction(0)
        for c in coeffs:
            v = v * x + c
        return v

    def variations(x) -> int:
        signs = [s for s in (qsign(value(q, x)) for q in chain) if s]
        return sum(a != b for a, b in zip(signs, signs[1:]))

    return variations(lo) - variations(hi) - (qsign(value(chain[0], hi)) == 0) > 0


def _z_range(graph: Graph, polygon: list) -> tuple:
    """The least and greatest ``z`` (the coordinate along which ``graph`` runs) of the
    polygon's vertices, exact."""
    return _extent([p[graph.z] for p in polygon])


def _extent(values: list) -> tuple:
    """The least and the greatest of exact numbers (rationals or quadratic numbers).

    Examples
    --------
    >>> from alliance_games.solving.quadratic import sqrt_of
    >>> [str(to_sympy(x)) for x in _extent([Fraction(3, 2), sqrt_of(2), Fraction(1)])]
    ['1', '3/2']
    """
    order = cmp_to_key(lambda x, y: qsign(x - y))
    return min(values, key=order), max(values, key=order)


def _sign_boxes(vectors: frozenset) -> list:
    """A set of sign vectors as disjoint boxes, each a tuple of sets of signs (one per
    entry, never ``{-1, 1}``) whose product lies in the set: grown greedily from the
    least vector not yet covered, one entry at a time.

    Examples
    --------
    >>> _sign_boxes(frozenset({(1, 1), (1, 0), (1, -1), (0, 1)}))
    [(frozenset({0, 1}), frozenset({1})), (frozenset({1}), frozenset({0, -1}))]
    >>> _sign_boxes(frozenset({(1, 0), (1, 1)}))
    [(frozenset({1}), frozenset({0, 1}))]
    """
    left = set(vectors)
    out = []
    while left:
        box = [frozenset({s}) for s in min(left)]
        for i in range(len(box)):
            for s in (-1, 0, 1):
                wider = box[:i] + [box[i] | {s}] + box[i + 1:]
                if wider[i] != frozenset({-1, 1}) and set(product(*wider)) <= left:
                    box = wider
        out.append(tuple(box))
        left -= set(product(*box))
    return out


def _vanishes(poly: sp.Poly, x) -> bool:
    """Whether ``poly`` (one variable, rational coefficients) is 0 at the fast exact
    number ``x``.

    Examples
    --------
    >>> t = sp.Symbol("t")
    >>> _vanishes(sp.Poly(t**2 - 4, t), Fraction(2)), _vanishes(sp.Poly(t, t), Fraction(1))
    (True, False)
    """
    value = Fraction(0)
    for c in poly.all_coeffs():
        value = value * x + Fraction(int(c.p), int(c.q))
    return qsign(value) == 0


def _rational_point(system: LinearSystem) -> list | None:
    """A rational point of a system with quadratic numbers in its rows
    (:func:`.linear_points.rational_point`), or None."""
    exact = LinearSystem(system.n, *(tuple((tuple(to_sympy(v) for v in a), to_sympy(b))
                                           for a, b in rows)
                                     for rows in (system.eq, system.ge, system.gt)))
    point = rational_point(AlgebraicContext, exact)
    return None if point is None else [Fraction(int(v.p), int(v.q)) for v in point]


def _lines(poly: sp.Poly, names: tuple) -> tuple | None:
    """The real lines ``a0*u + a1*v + c = 0`` (coefficients quadratic numbers, the first
    nonzero of ``a1``, ``a0`` equal to 1) whose union is the zero set of ``poly``, an
    irreducible quadratic in the payoffs ``names = (u, v)``: two lines when the conic is
    degenerate with real lines, ``()`` when it has no real point (its sign is constant);
    None for a curve (or a single real point).

    Examples
    --------
    >>> u, v = sp.symbols("u v")
    >>> [[str(to_sympy(x)) for x in line] for line in _lines(sp.Poly(u**2 - 2, u, v), (u, v))]
    [['1', '0', 'sqrt(2)'], ['1', '0', '-sqrt(2)']]
    >>> [[str(to_sympy(x)) for x in line]  # v = (3 +- 2 sqrt(3)/3) u: two lines
    ...  for line in _lines(sp.Poly(3*v**2 - 18*u*v + 23*u**2, u, v), (u, v))]
    [['-3 + 2*sqrt(3)/3', '1', '0'], ['-3 - 2*sqrt(3)/3', '1', '0']]
    >>> _lines(sp.Poly(v**2 - 2*u**2 - 1, u, v), (u, v)) is None  # a hyperbola
    True
    >>> _lines(sp.Poly(v**2 + 1, u, v), (u, v))
    ()
    """
    u, v = names
    c = {m: poly.coeff_monomial(m) for m in (u**2, u * v, v**2, u, v, 1)}
    a, b, cc, d, e, f = (sp.Rational(c[m]) for m in (u**2, u * v, v**2, u, v, 1))
    conic = sp.Matrix([[a, b / 2, d / 2], [b / 2, cc, e / 2], [d / 2, e / 2, f]])
    if conic.det() != 0:
        return None
    swap = cc == 0  # solve for v, or (no v**2 term) for u
    if swap:
        a, cc, d, e = cc, a, e, d
    # cc*w**2 + (b*z + e)*w + (a*z**2 + d*z + f) = 0 for the solved payoff w, the other z:
    # the discriminant in z is kappa*z**2 + 2*lam*z + mu, a square times kappa (det 0)
    kappa, lam, mu = b * b - 4 * a * cc, b * e - 2 * cc * d, e * e - 4 * cc * f
    if kappa == 0 and mu < 0:
        return ()  # two complex parallel lines: no real point
    if kappa < 0 or (kappa == 0 and mu == 0):
        return None  # one real point (or a double line: not irreducible)
    if kappa > 0:  # w = (-(b z + e) -+ sqrt(kappa) (z - z0)) / (2 cc)
        z0 = -lam / kappa
        root = sp.sqrt(kappa)
        found = [(b + s * root, 2 * cc, e - s * root * z0) for s in (1, -1)]
    else:  # parallel lines: w = (-(b z + e) -+ sqrt(mu)) / (2 cc)
        root = sp.sqrt(mu)
        found = [(b, 2 * cc, e + s * root) for s in (1, -1)]
    out = []
    for z_coeff, w_coeff, const in found:
        a0, a1 = (w_coeff, z_coeff) if swap else (z_coeff, w_coeff)
        scale = a1 if a1 != 0 else a0
        out.append(tuple(from_sympy(sp.radsimp(x / scale)) for x in (a0, a1, const)))
    return tuple(out)


def _condition(expr: sp.Expr, relation: str) -> str:
    """``expr relation 0`` as text, the constant on the right: ``u(L) - 1 >= 0`` reads
    ``u(L) >= 1``.

    Examples
    --------
    >>> u = sp.Symbol("u(L)")
    >>> _condition(u - 1, ">="), _condition(u, ">"), _condition(2 * u, "<")
    ('u(L) >= 1', 'u(L) > 0', '2*u(L) < 0')
    """
    constant = expr.as_independent(*expr.free_symbols, as_Add=True)[0]
    return f"{expr - constant} {relation} {-constant}"


def posterior_plane_parts(gd: BeliefGame, sol: BeliefSolution, curve: PosteriorCurve
                           ) -> list | None:
    """The parts of a continuum of posteriors (``curve``,
    :func:`~.belief_family._posterior_curve`) at which the receiver's mixings move the
    payoffs too: a continuum of two dimensions,
    whose payoffs ``(u(L), u(H))`` fill the image of a semi-algebraic set.

    The members' verdicts, and whether they deter every off-path message, depend on
    their payoffs alone, so the payoff plane is cut as in :func:`plane_parts`, over a
    box that holds every payoff (:func:`_payoff_box`) instead of a polytope of
    mixings (shifted: the linear programs' variables are nonnegative).  A part is kept
    when some member's payoffs lie in it: at a posterior ``r``
    on the curve, a mixing of the pattern whose payoffs satisfy the part's rows (one
    linear program: the rows composed with the payoff forms at ``r``), explored along the
    curve by traced runs (:func:`.line.explore_line`; the cells' ends one by one,
    exactly).  A part with no member found on the whole curve has none; a part left
    undecided keeps the continuum whole (None).

    Examples
    --------
    ``L`` mixes over ``m0`` and ``m2`` and ``H`` sends ``m2``; the receiver is
    indifferent at both, so the posterior at ``m2`` and the mixings move together and
    the payoffs fill a region of the plane.  The off-path ``m1`` pays ``L`` nothing and
    ``H`` 1 (``a0``) or 1/2 (``a1``, the answer when ``mu(H) <= 1/2``): it is deterred
    where ``u(H) >= 1/2``, below ``u(H) = 1`` only by beliefs with ``mu(H) <= 1/2``,
    which both tests reject (``L`` cannot gain from ``m1``).

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_engine import pattern_solution
    >>> from alliance_games.solving.belief_family import _posterior_curve
    >>> mu = belief("H")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[2, 0], [0, 0], [2 * mu, 0]], [[0, 0], [1, "1/2"], [2, 0]]],
    ...     [[[0, 0], [0, 1], [0, 0]], [[0, 0], [1, 0], [0, 0]]], types=["L", "H"])
    >>> gd = fast_game(g)
    >>> sol = pattern_solution(gd, ((0, 2), (2,)), ((0, 1), (1,), (0, 1)))
    >>> curve = _posterior_curve(gd, sol)
    >>> curve.name, curve.ranges
    ('mu(L|m2)', [(Fraction(0, 1), Fraction(1, 2), False, False)])
    >>> for part, ic, d1, where in posterior_plane_parts(gd, sol, curve):
    ...     print(ic, d1, where.split("satisfy ")[1].split(";")[0])
    True True u(L) > 0 and u(H) >= 1
    False False u(L) > 0 and u(H) < 1 and u(H) >= 1/2
    """
    ranges, posteriors = curve.ranges, curve.posteriors
    box = _payoff_box(gd, sol, curve)
    if box is None:
        return None
    (lo0, hi0), (lo1, hi1) = box
    one, zero = Fraction(1), Fraction(0)
    # the linear programs' variables are nonnegative: v = u - lo, in [0, hi - lo]
    plane = ([("u", 0), ("u", 1)],
             LinearSystem(2, ge=(((-one, zero), lo0 - hi0), ((zero, -one), lo1 - hi1))),
             [((one, zero), lo0), ((zero, one), lo1)])
    game = gd.game
    r = sp.Dummy("r")

    def inside(gdx: BeliefGame, convert, part: LinearSystem) -> tuple | None:
        """``(x, keys, forms, system)`` at the curve's point ``r``: the posteriors, the
        mixings' keys, the payoff forms and the system of mixings whose payoffs lie in
        ``part``, when it has a point; else None."""
        x = posteriors(gdx, convert, r)
        if x is None or solution_at(gdx, sol.S, sol.B, x) is None:
            return None
        found = mixing_system(gdx, sol.S, sol.B, x)
        if found is None:
            return None
        keys, system = found
        forms = [payoff_form(gdx, sol.B, x, keys, t, sol.S[t][0]) for t in range(2)]

        def converted(rows) -> tuple:
            return tuple((tuple(convert(to_sympy(a)) for a in row), convert(to_sympy(rhs)))
                         for row, rhs in rows)

        system = _through_forms(system, LinearSystem(2, *(converted(rows) for rows in (
            part.eq, part.ge, part.gt))), forms, [convert(sp.Rational(lo)) for lo, _ in box])
        if interior_point(gdx.ctx.lp, system) is None:
            return None
        return x, keys, forms, system

    def build(value, part: LinearSystem) -> BeliefSolution:
        found = inside(gd, exact_at(r, value), part)
        if found is None:
            raise KeptWhole  # (it was found there: never reached)
        x, keys, forms, system = found
        base = solution_at(gd, sol.S, sol.B, x)
        if base is None:
            raise KeptWhole  # (the part was decided an equilibrium: never reached)
        member = _member_at(gd, base, keys, forms, system, interior_point(gd.ctx.lp, system))
        return replace(member, family=True, moves=True, sampled=True)

    def members(lp, part: LinearSystem, point: list) -> BeliefSolution | None:
        def found(convert) -> tuple | None:  # (a member's numbers at the point)
            return inside(fast_game(game, const=convert), convert, part)

        intervals = [(Root.of_number(lo), Root.of_number(hi), lo_in, hi_in)
                     for lo, hi, lo_in, hi_in in ranges]
        hit, decided = first_on_line(found, r, intervals, MAX_FAMILY_RUNS)
        if hit is None and not decided:
            raise KeptWhole
        return None if hit is None else build(hit[0], part)  # (None: no member's payoffs
        # lie in the part, decided along the whole curve)

    try:
        return plane_parts(gd, plane, sol, members)
    except OutsideFastType:
        return None


def _payoff_box(gd: BeliefGame, sol: BeliefSolution, curve: PosteriorCurve) -> list | None:
    """Rationals ``[(lo, hi), ...]``, one pair per type, around every payoff the type
    gets along the continuum: its payoff at the first message it sends is a mixture of
    its payoffs from the receiver's actions there, each a polynomial (piece by piece) in
    the posterior, which stays in the curve's hull for that message; each polynomial is
    bounded there by its Bernstein coefficients (exact).  None when a coefficient is not
    rational.

    Examples
    --------
    ``L``'s payoffs at ``m0``, ``1`` and ``-3 + 2 mu(H) = -1 - 2 mu(L)``, at posteriors
    ``mu(L|m0)`` in ``[0, 1/2]``:

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_tables import BeliefSolution
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[1, -3 + 2 * belief("H")]], [[0, 1]]], [[[1, 0]], [[1, 0]]],
    ...     types=["L", "H"])
    >>> sol = BeliefSolution(((0,), (0,)), ((0, 1),), None, {}, {}, [], {}, True)
    >>> curve = PosteriorCurve("mu(L|m0)", [], "", None, {0: (Fraction(0), Fraction(1, 2))})
    >>> [tuple(str(v) for v in pair) for pair in _payoff_box(fast_game(g), sol, curve)]
    [('-2', '1'), ('0', '1')]
    """
    x = sp.Symbol("x")
    out = []
    for t in range(gd.n_types):
        m = sol.S[t][0]
        a, b = curve.hulls[m]
        values = []
        for action in sol.B[m]:
            f = gd.u[t][m][action]
            for i, poly in enumerate(f.polys):
                lo, hi = max(a, f.breaks[i]), min(b, f.breaks[i + 1])
                if lo > hi:
                    continue
                if not all(isinstance(c, Fraction) for c in poly):
                    return None
                at = sum((sp.Rational(c) * (lo + (hi - lo) * x) ** k
                          for k, c in enumerate(poly)), sp.Integer(0))
                at = sp.Poly(at, x, domain=sp.QQ)
                values += [Fraction(0)] if at.is_zero else bernstein_coefficients(at)
        out.append((min(values), max(values)))
    return out
