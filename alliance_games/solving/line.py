"""One real variable explored by traced runs: the open cells of an interval on which an
exact computation gives one answer, and the points between them.

A *run* at a rational point computes with :class:`~.traced.Traced` numbers and returns
its answer with its :class:`~.traced.Tracer`; the answer holds on the tracer's
:meth:`~.traced.Tracer.cell`.  :func:`explore_line` covers an interval with such cells,
run after run, and returns the cell ends left between them (points where some recorded
sign changes), which the caller decides by themselves.  The one-parameter belief solver
(:mod:`.belief_parametric`) explores its parameter this way, and a continuum of
equilibria (:mod:`.belief_family`) its free coordinate.

Examples
--------
>>> import sympy as sp
>>> from fractions import Fraction
>>> from alliance_games.solving.traced import Root, Tracer
>>> r = sp.Symbol("r")
>>> def run(x0):
...     tracer = Tracer(r, x0)
...     return tracer.convert(2 * r - 1) > 0, tracer
>>> line = explore_line(run, Root.of(0), Root.of(1), random.Random(0), 20)
>>> sorted((str(c.left.value), str(c.right.value), c.result) for c in line.cells)
[('0', '1/2', False), ('1/2', '1', True)]
>>> [str(e.value) for e in line.ends], line.undecided
(['1/2'], [])
"""

from __future__ import annotations

import random
from collections.abc import Callable
from fractions import Fraction
from typing import Any, NamedTuple

import sympy as sp

from .quadratic import OutsideFastType
from .traced import Root

__all__ = ["Line", "LineCell", "explore_line", "rational_inside", "same_root", "unique_roots"]


class LineCell(NamedTuple):
    """An open interval ``(left, right)`` on which a run's ``result`` holds."""

    left: Root
    right: Root
    result: Any


class Line(NamedTuple):
    """What :func:`explore_line` found: the cells (in the order found), their ends
    inside the interval (in the order found, possibly repeated), the open intervals
    ``(a, b)`` left undecided, ``(a, b, exception)`` for each run that left the
    exact types, and those of the undecided intervals left because the runs ran out."""

    cells: list
    ends: list
    undecided: list
    outside: list
    unexplored: tuple = ()


def explore_line(run: Callable[[Fraction], tuple], lo: Root, hi: Root, rng: random.Random,
                 max_runs: int) -> Line:
    """Cover the open interval ``(lo, hi)`` with the cells of traced runs.

    Parameters
    ----------
    run : callable
        ``run(x0)`` at a rational ``x0``: ``(result, tracer)``, the tracer of the run's
        traced numbers; may raise :class:`~.quadratic.OutsideFastType`.
    lo, hi : Root
        The interval's ends (rationals, real algebraic numbers or infinities).
    rng : random.Random
        Picks each run's point (see :func:`rational_inside`).
    max_runs : int
        At most this many runs; intervals left over are undecided.

    Returns
    -------
    Line
        Cells, their inner ends and what was left undecided (``unexplored``: the part
        of it no run was left for).  A run whose point is a cell end (some recorded
        sign is 0 there) is repeated at another point, at most three times per
        interval.
    """
    cells: list = []
    ends: list = []
    undecided: list = []
    outside: list = []
    unexplored: list = []
    todo = [(lo, hi)]
    runs = 0
    while todo:
        a, b = todo.pop()
        if runs >= max_runs:
            undecided.append((a, b))
            unexplored.append((a, b))
            continue
        found = None
        for _ in range(3):  # a point that is itself a cell end: try another
            runs += 1
            x0 = rational_inside(a, b, rng)
            try:
                result, tracer = run(x0)
                if not tracer.zero_decisions():
                    found = LineCell(*tracer.cell(a, b), result)
                    break
            except OutsideFastType as exc:
                outside.append((a, b, exc))
                break
        if found is None:
            undecided.append((a, b))
            continue
        cells.append(found)
        if found.left is not a:
            todo.append((a, found.left))
            ends.append(found.left)
        if found.right is not b:
            todo.append((found.right, b))
            ends.append(found.right)
    return Line(cells, ends, undecided, outside, tuple(unexplored))


def rational_inside(a: Root, b: Root, rng: random.Random) -> Fraction:
    """A rational strictly between two roots (``a < b``), with a denominator unlikely to
    make it special.

    Examples
    --------
    >>> x = rational_inside(Root.of(0), Root.of(1), random.Random(0))
    >>> 0 < x < 1
    True
    """
    if a.value == -sp.oo and b.value == sp.oo:
        return Fraction(rng.randint(-1000, 1000), 997)
    if a.value == -sp.oo:
        return Fraction(b.floor() - 1) - Fraction(rng.randint(1, 996), 997)
    if b.value == sp.oo:
        return Fraction(a.ceil() + 1) + Fraction(rng.randint(1, 996), 997)
    # the points of a grid strictly between the two numbers (a function of the numbers
    # alone, not of how far their intervals were refined)
    den = 997
    while True:
        first, last = a.floor(den) + 1, b.ceil(den) - 1
        if first <= last:
            return Fraction(rng.randint(first, last), den)
        den *= 10


def unique_roots(roots: list) -> list:
    """The roots without repeats (in the order first met).

    Examples
    --------
    >>> [str(r.value) for r in unique_roots([Root.of(1), Root.of(2), Root.of(1)])]
    ['1', '2']
    """
    out: list = []
    for r in roots:
        if not any(same_root(r, s) for s in out):
            out.append(r)
    return out


def same_root(a: Root, b: Root) -> bool:
    """Whether two roots are the same number (exactly).

    Examples
    --------
    >>> same_root(Root.of(1), Root.of(sp.Rational(2, 2)))
    True
    """
    return not a.less(b) and not b.less(a)
