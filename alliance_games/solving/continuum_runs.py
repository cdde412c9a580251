"""A continuum's free coordinate, and the helpers of the runs traced along it, shared by
the split along one coordinate (:mod:`.belief_family`) and the split in the payoff plane
(:mod:`.payoff_plane`).

:class:`Coordinate` describes the coordinate (its range and its members),
:class:`PosteriorCurve` a path of posteriors; :func:`result_at` solves at one point of it
exactly; :func:`in_line_order` sorts the cells and points of a traced exploration;
:func:`pinned_variable` and :func:`pinned_form` fix a variable or an affine form of a
linear system.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import sympy as sp

from .belief_fast import fast_game
from .belief_tables import BeliefGame
from .context_protocol import Context
from .line import at_point, same_root
from .lp import LinearSystem
from .quadratic import Quad, TracedBase
from .traced_roots import Root

__all__ = ["Coordinate", "KeptWhole", "MAX_FAMILY_RUNS", "PosteriorCurve",
           "in_line_order", "is_fast_number", "pinned_form", "pinned_variable",
           "result_at"]


MAX_FAMILY_RUNS = 60  # traced runs along one continuum before it is left whole


class KeptWhole(Exception):
    """The continuum has another free direction at some member: it is kept whole."""


@dataclass(frozen=True)
class Coordinate:
    """A continuum's free coordinate: its name, its range (``[(lo, hi, lo in, hi in)]``,
    ends rational or quadratic irrationals; an isolated point has ``lo == hi``), its
    member at ``r`` and the member reported for a part.

    ``member(gd, convert, r)``, in the numbers of ``gd`` (``convert`` turns a sympy
    expression in ``r`` into one of them), is a :class:`~.belief_tables.BeliefSolution`
    whose payoffs and off-path sets are decided (enough for the verdicts), or None when
    ``r`` is not an equilibrium; ``build(x, convert)``, at an exact value ``x`` (a sympy
    number, or an expression in a parameter), is the whole member there in the numbers
    ``convert`` makes of sympy expressions (default: the fast exact types,
    :func:`~.quadratic.from_sympy`), or None.  ``relation`` says how the other types' payoffs
    follow the coordinate when it is a payoff (else empty)."""

    name: str
    ranges: list
    member: Callable
    build: Callable
    relation: str = ""


@dataclass(frozen=True)
class PosteriorCurve:
    """A continuum's path of posteriors (:func:`~.belief_family._posterior_curve`): the
    posterior at one on-path message, named ``name``, moves over ``ranges`` (as
    :class:`Coordinate`'s), the others stay put or follow it along a curve
    (``relation``, as text).  ``posteriors(gdx, convert, r)`` gives every on-path posterior
    at ``r`` in the numbers of ``gdx`` (None where a following posterior leaves its
    region); ``hulls`` gives for each on-path message rationals ``(lo, hi)`` around every
    posterior it takes."""

    name: str
    ranges: list
    relation: str
    posteriors: Callable
    hulls: dict


def pinned_variable(ctx: Context, system: LinearSystem, i: int, x: Any) -> LinearSystem:
    """The system with its ``i``-th variable fixed at ``x``.

    Examples
    --------
    Two probabilities summing to 1, the first fixed at 1/3:

    >>> from alliance_games.solving.context import NUMERIC
    >>> from alliance_games.solving.lp import interior_point
    >>> s = LinearSystem(2, eq=(((Fraction(1), Fraction(1)), Fraction(1)),))
    >>> interior_point(NUMERIC, pinned_variable(NUMERIC, s, 0, Fraction(1, 3)))
    [Fraction(1, 3), Fraction(2, 3)]
    """
    row = tuple(ctx.one if j == i else ctx.zero for j in range(system.n))
    return replace(system, eq=system.eq + ((row, x),))


def pinned_form(ctx: Context, system: LinearSystem, form: tuple, x: Any) -> LinearSystem:
    """The system with the affine form ``(coefficients, constant)`` fixed at ``x``.

    Examples
    --------
    Two probabilities summing to 1 with ``x0 - x1 + 1`` fixed at 1/2:

    >>> from alliance_games.solving.context import NUMERIC
    >>> from alliance_games.solving.lp import interior_point
    >>> one = Fraction(1)
    >>> s = LinearSystem(2, eq=(((one, one), one),))
    >>> interior_point(NUMERIC, pinned_form(NUMERIC, s, ((one, -one), one), Fraction(1, 2)))
    [Fraction(1, 4), Fraction(3, 4)]
    """
    row, k = form
    return replace(system, eq=system.eq + ((tuple(row), x - k),))


def is_fast_number(x: object) -> bool:
    """Whether ``x`` is a number of the fast exact types: a rational, a quadratic
    irrational, or a traced number (:class:`~.quadratic.TracedBase`: one of those at its
    point, and a function of the parameters).

    Examples
    --------
    >>> from alliance_games.solving.quadratic import sqrt_of
    >>> is_fast_number(Fraction(1, 2)), is_fast_number(sqrt_of(Fraction(2))), is_fast_number(2)
    (True, True, False)
    """
    return isinstance(x, (Fraction, Quad, TracedBase))


def result_at(gd: BeliefGame, result: Callable, r: sp.Symbol, point: Root) -> Any:
    """``result`` at one point of the coordinate, exactly (:func:`.line.at_point`).

    Examples
    --------
    ``result(gdx, convert)`` gets the game's numbers and the converter at the point,
    here ``r = sqrt(3)``: the first type's prior times ``r**2``, exactly 1:

    >>> from alliance_games import SignallingGame
    >>> from alliance_games.solving.quadratic import sqrt_of
    >>> g = SignallingGame.from_arrays(
    ...     ["1/3", "2/3"], [[[0, 1], [0, 1]], [[1, 0], [1, 0]]],
    ...     [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"])
    >>> r = sp.Symbol("r")
    >>> point = Root.of_number(sqrt_of(Fraction(3)))
    >>> result_at(fast_game(g), lambda gdx, convert: gdx.prior[0] * convert(r**2), r, point)
    Fraction(1, 1)
    """
    return at_point(lambda convert: result(fast_game(gd.game, const=convert), convert),
                    r, point)[0]


def in_line_order(pieces: list) -> list:
    """Cells ``("cell", cell, result)`` and points ``("point", root, result)`` sorted
    along the line (a point before the cell that starts at it).

    Examples
    --------
    >>> from alliance_games.solving.line import LineCell
    >>> pieces = [("cell", LineCell(Root.of(1), Root.of(2), "b"), "b"),
    ...           ("point", Root.of(1), "x"),
    ...           ("cell", LineCell(Root.of(0), Root.of(1), "a"), "a")]
    >>> [(kind, result) for kind, _, result in in_line_order(pieces)]
    [('cell', 'a'), ('point', 'x'), ('cell', 'b')]
    """
    def start(piece):
        return piece[1].left if piece[0] == "cell" else piece[1]

    def before(a, b) -> bool:
        if same_root(start(a), start(b)):
            return a[0] == "point" and b[0] == "cell"
        return start(a).less(start(b))

    ordered: list = []
    for piece in pieces:
        i = 0
        while i < len(ordered) and before(ordered[i], piece):
            i += 1
        ordered.insert(i, piece)
    return ordered
