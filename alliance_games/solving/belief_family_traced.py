"""The split of a continuum by its members' Intuitive Criterion and D1 verdicts in a run
traced in the parameters: parts whose ranges are functions of the parameters.

A run of the parametric solver (:mod:`.belief_parametric`) at ``p = p0`` has numbers
traced in ``p`` (:mod:`.traced`; ``p`` may be several parameters), and its result holds
on the cell around ``p0`` where every sign it decided keeps its sign (an interval, or
the semi-algebraic set of its certificate).  A continuum it finds whose free coordinate ``r``
is a receiver's mixing at fixed posteriors (or a payoff along which the others move on
a line: :func:`.belief_family.coordinate_of`) has members whose verdicts may differ.
:func:`split_along_parameter` splits it there, as :func:`.belief_family.split_belief_family`
splits a continuum of a game without parameters, and so that the split holds on the
run's whole cell:

* runs at rational points ``(p0, r0)`` traced in *both* ``p`` and ``r`` (a tracer of one
  more variable) decide a member's verdicts; every element they decided must be, over a
  common denominator, a product of factors of degree 1 or 2 in ``r``
  (:meth:`~.traced.Tracer.factors_in`), and then its sign changes only on the
  *sections*, the factors' real roots in ``r`` (``r = -A(p) / B(p)`` for ``A + B r``, a
  quadratic's two roots with the square root of its discriminant);
* the range of ``r`` is cut at the sections that cross it at ``p0``, and each piece is
  run again until no run has a section inside its own piece;
* the run's tracer decides, and so records, what keeps this picture: the sign of each
  factor free of ``r``, that no leading coefficient is 0, the sign of each quadratic's
  discriminant, and where each section lies against the piece it was met in.  On the
  run's cell the sections therefore keep their order and the pieces between them keep
  every sign their runs decided (each factor's roots in ``r`` are its sections), so
  each piece keeps its verdicts;
* the members *on* the sections (and the range's ends, when they are members) are
  decided by runs of the run's own tracer with ``r`` replaced by the section, a function
  of ``p``: what they decide is recorded too.

Adjacent pieces with the same verdicts make one part; each part is reported with a
member inside it (a function of ``p``) and its range, whose ends are sections.  A
continuum of another shape, a factor of degree 3 or more in ``r``, or a picture that
degenerates at the run's point (a section through ``(p0, r0)``, two sections or a
quadratic's roots meeting at ``p0``: runs at other points avoid them) gives None: the
caller keeps the continuum whole, with the note that its verdicts are the
representative's.
"""

from __future__ import annotations

import random

import sympy as sp

from ..game import SignallingGame
from .belief_family import coordinate_of, describe_part
from .belief_fast import fast_game
from .belief_refine import verdicts
from .belief_tables import BeliefGame, BeliefSolution
from .continuum_runs import MAX_FAMILY_RUNS, Coordinate, KeptWhole
from .line import rational_inside
from .quadratic import OutsideFastType
from .traced import Traced, Tracer
from .traced_roots import Root

__all__ = ["split_along_parameter"]


_R = sp.Dummy("r")  # the coordinate: one symbol, so the factors of elements are memoised


class _Degenerate(Exception):
    """The picture of sections degenerates at the run's point, or a factor of an element
    has degree 3 or more in ``r``."""


def split_along_parameter(tracer: Tracer, game: SignallingGame, gd: BeliefGame,
                          sol: BeliefSolution, along: dict | None = None) -> list | None:
    """The members of a continuum found in a run traced in the parameters, split by
    their Intuitive Criterion and D1 verdicts on the run's whole cell.

    Parameters
    ----------
    tracer : Tracer
        The run's tracer; what the split decides is recorded by it.
    game : SignallingGame
        The game, with its free parameters (those of ``tracer``).
    gd : BeliefGame
        The run's game (:func:`.belief_fast.fast_game` with ``tracer.convert``).
    sol : BeliefSolution
        A representative of a continuum (``sol.family``) found by the run.
    along : dict, optional
        The game's other parameters as sympy expressions in the tracer's (a run on a
        hypersurface, as :func:`.belief_parametric._traced_run` makes).

    Returns
    -------
    list or None
        ``[(part, ic, d1, where), ...]`` as :func:`.belief_family.split_belief_family`
        returns, in order along the coordinate, each part a member inside it with numbers
        of the run and ``where`` its range (ends functions of the parameter); one entry,
        ``sol`` itself, when the verdicts hold on the whole continuum.  None when the
        continuum has none of the shapes handled here (the caller keeps it whole).

    Examples
    --------
    Both types pool on ``m2``, where the receiver is indifferent at the prior and plays
    ``a0`` with any probability ``r``; each type then gets ``p r``.  Off the path ``m0``
    pays ``L`` 1 and ``H`` ``1 + mu(H)``, so the pool needs ``r >= 1/p``; the members at
    ``r = 1/p`` pass both tests, the others fail them (:func:`.belief_family.split_belief_family`'s
    example, with ``p`` for 2).

    >>> from fractions import Fraction
    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_engine import pattern_solution
    >>> mu, p = belief("H"), sp.Symbol("p")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[1, 1], [1, 1], [p, 0]], [[1 + mu, 1 + mu], [0, 0], [p, 0]]],
    ...     [[[1, 0], [1, 0], [0, 1]], [[1, 0], [1, 0], [1, 0]]], types=["L", "H"],
    ...     parameters={p: (1, 3)})
    >>> tracer = Tracer(p, Fraction(3, 2))
    >>> gd = fast_game(g, const=tracer.convert)
    >>> sol = pattern_solution(gd, ((2,), (2,)), ((0,), (0,), (0, 1)))
    >>> for part, ic, d1, where in split_along_parameter(tracer, g, gd, sol):
    ...     print(ic, d1, where.split(" with ")[1].split(";")[0])
    True True rho[m2,a0] = 1/p
    False False rho[m2,a0] in (1/p, 1)
    >>> [str(c.value) for c in tracer.cell(Fraction(1), Fraction(3))]  # at p = 2, 2/p = 1
    ['1', '2']
    """
    if gd.n_types != 2:
        return None
    r = _R
    try:
        coordinate = coordinate_of(gd, sol, r)
        if coordinate is None or len(coordinate.ranges) != 1:
            return None
        pieces = _pieces(tracer, game, gd, coordinate, set(sol.x), r, along)
        if pieces is None:
            return None
        return _reported(tracer, coordinate, pieces, sol, r)
    except (_Degenerate, OutsideFastType, KeptWhole):
        return None


def _pieces(tracer: Tracer, game: SignallingGame, gd: BeliefGame, coordinate: Coordinate,
            on: set, r: sp.Symbol, along: dict | None) -> list | None:
    """The coordinate's range cut at the sections: ``[(kind, lo, hi, result), ...]`` in
    order along it, ``kind`` ``"point"`` (a section, or an end in the range: ``lo`` and
    ``hi`` the same number) or ``"open"`` (the members strictly between ``lo`` and
    ``hi``), the bounds numbers of the run that are functions of ``p``; ``result`` the
    members' ``(ic, d1)``, None where they are not members.  None when it takes more
    than :data:`~.continuum_runs.MAX_FAMILY_RUNS` runs.  ``along``: as
    :func:`split_along_parameter`'s."""
    lo, hi, lo_in, hi_in = coordinate.ranges[0]
    lo, hi = tracer.number(lo), tracer.number(hi)
    if (hi - lo).value == 0:
        return None  # (an isolated member: not a continuum along r)
    rng = random.Random(0)
    todo, leaves, runs = [(lo, hi)], [], 0
    known: dict = {}
    while todo:
        a, b = todo.pop()
        runs += 1
        if runs > MAX_FAMILY_RUNS:
            return None
        r0 = rational_inside(Root.of_number(a.value), Root.of_number(b.value), rng)
        inner = Tracer((*tracer.params, r), (*tracer.points, r0))
        convert = inner.convert if not along else \
            (lambda e, inner=inner: inner.convert(sp.sympify(e).xreplace(along)))
        result = _verdicts(fast_game(game, const=convert), inner.convert, coordinate, on, r)
        cuts: list = []
        for e, sign in list(inner.decisions.values()):
            for section in _sections(tracer, inner, e, sign, known):
                if _between(a, section, b) and not any(_same(section, c) for c in cuts):
                    cuts.append(section)
        if cuts:
            cuts = _in_order(cuts)
            ends = [a, *cuts, b]
            todo += list(zip(ends, ends[1:]))
        else:
            leaves.append((a, b, result))
    leaves = sorted(leaves, key=lambda leaf: _Order(leaf[0]))
    out: list = []
    for i, (a, b, result) in enumerate(leaves):
        if i > 0 or lo_in:
            out.append(("point", a, a, _on_section(tracer, gd, coordinate, on, r, a)))
        out.append(("open", a, b, result))
    if hi_in:
        out.append(("point", hi, hi, _on_section(tracer, gd, coordinate, on, r, hi)))
    return out


class _Order:
    """A number of the run as a sort key (its comparisons are recorded)."""

    __slots__ = ("x",)

    def __init__(self, x: Traced) -> None:
        self.x = x

    def __lt__(self, other: _Order) -> bool:
        return self.x < other.x


def _in_order(numbers: list) -> list:
    """Distinct numbers of the run in increasing order (comparisons recorded)."""
    return [k.x for k in sorted(map(_Order, numbers))]


def _verdicts(gdx: BeliefGame, convert, coordinate: Coordinate, on: set, r: sp.Symbol):
    """The verdicts ``(ic, d1)`` of the member at ``r`` in the numbers of ``gdx``
    (``convert`` turns sympy expressions in ``r`` into them), or None."""
    found = coordinate.member(gdx, convert, r)
    return None if found is None else verdicts(gdx, on, found.values)


def _on_section(tracer: Tracer, gd: BeliefGame, coordinate: Coordinate, on: set,
                r: sp.Symbol, x: Traced):
    """The verdicts of the member at ``r = x`` (a function of ``p``), decided by the run's
    own tracer, so its cell is also where they hold."""
    return _verdicts(gd, lambda e: tracer.convert(sp.sympify(e), {r: x}), coordinate, on, r)


def _sections(tracer: Tracer, inner: Tracer, e, sign: int, known: dict) -> list:
    """Where the element ``e`` (decided by the run ``inner``, traced in ``(p, r)``) may
    change sign along ``r``: the real roots in ``r`` of its factors
    (:meth:`~.traced.Tracer.factors_in`, of degree 1 or 2), as numbers of the run
    (functions of ``p``).  What keeps them so on the run's cell is recorded by the run's
    tracer: the sign of each factor free of ``r``, that no leading coefficient vanishes,
    and the sign of each quadratic's discriminant (one with no real root keeps its sign
    along ``r``).  ``known``: the factors of the elements met so far in this split, by
    their keys.  Raises :class:`_Degenerate` when a factor has a higher degree in ``r``, a
    section passes through the point ``(p0, r0)`` of ``inner``, or the picture
    degenerates at ``p0`` (a leading coefficient or a discriminant is 0 there)."""
    if sign == 0:
        raise _Degenerate  # a section through (p0, r0)
    key = e.key()
    factors = known.get(key, False)
    if factors is False:
        factors = known[key] = inner.factors_in(e, len(inner.params) - 1)
    if factors is None:
        raise _Degenerate
    out = []
    for coeffs in factors:
        *rest, top = [tracer.convert(c) for c in coeffs]
        if not rest or (coeffs[-1] == 0 and len(coeffs) == 2):
            (rest[0] if rest else top).sign()  # free of r
            continue
        if top.is_zero():
            raise _Degenerate
        if len(rest) == 1:
            out.append(-rest[0] / top)
            continue
        c0, c1 = rest
        disc = c1 * c1 - 4 * top * c0
        if disc.sign() == 0:
            raise _Degenerate
        if disc.sign() > 0:
            root = disc.sqrt()
            out += [(-c1 - root) / (2 * top), (-c1 + root) / (2 * top)]
    return out


def _between(a: Traced, x: Traced, b: Traced) -> bool:
    """Whether ``a < x < b`` (recorded); ``x`` is not between a bound that it equals
    (:func:`_same`)."""
    return not _same(x, a) and not _same(x, b) and a < x < b


def _same(x: Traced, y: Traced) -> bool:
    """Whether ``x`` and ``y`` are the same function of ``p`` (nothing recorded); two
    that are equal only at the run's point raise :class:`_Degenerate` (the point is on
    a boundary of the split's picture, which runs at other points avoid)."""
    d = x - y
    if d.value != 0:
        return False
    if d.identically_zero():
        return True
    raise _Degenerate


def _reported(tracer: Tracer, coordinate: Coordinate, pieces: list, sol: BeliefSolution,
              r: sp.Symbol) -> list | None:
    """The parts: runs of adjacent pieces with one result, members only."""
    parts: list = []
    for piece in pieces:
        if parts and parts[-1][0] == piece[3]:
            parts[-1][1].append(piece)
        else:
            parts.append((piece[3], [piece]))
    parts = [part for part in parts if part[0] is not None]
    if not parts:
        return None
    if len(parts) == 1:
        (ic, d1), members = parts[0]
        return [(sol, ic, d1, _where(coordinate, members, True))]
    out = []
    for (ic, d1), members in parts:
        # an isolated member, else the middle of the part, as the split at a point takes
        at = (members[0][1] + members[-1][2]) / 2
        member = coordinate.build(r, lambda e, at=at: tracer.convert(sp.sympify(e), {r: at}))
        if member is None:
            return None
        out.append((member, ic, d1, _where(coordinate, members, False)))
    return out


def _where(coordinate: Coordinate, members: list, whole: bool) -> str:
    """The text of a part made of ``members`` (pieces in order)."""
    first, last = members[0], members[-1]
    if first[0] == "point" and len(members) == 1:
        return describe_part(coordinate, first[1].sympy(), None, True, True, whole)
    return describe_part(coordinate, first[1].sympy(), last[2].sympy(),
                         first[0] == "point", last[0] == "point", whole)
