"""One real variable explored by traced runs: the open cells of an interval on which an
exact computation gives one answer, and the points between them.

A *run* at a rational point computes with :class:`~.traced.Traced` numbers and returns
its answer with its :class:`~.traced.Tracer`; the answer holds on the tracer's
:meth:`~.traced.Tracer.cell`.  :func:`explore_line` covers an interval with such cells,
run after run, and returns the cell ends left between them (points where some recorded
sign changes), which the caller decides by themselves (:func:`at_point`: exactly, at a
rational, a quadratic irrational or a root of any degree).  The one-parameter belief
solver (:mod:`.belief_parametric`) explores its parameter this way, and a continuum of
equilibria (:mod:`.belief_family`) its free coordinate; :func:`first_on_line` looks for one
point with an answer (an off-path belief that deters, a member of a continuum).

Examples
--------
>>> import sympy as sp
>>> from fractions import Fraction
>>> from alliance_games.solving.traced import Tracer
>>> from alliance_games.solving.traced_roots import Root
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

from .quadratic import OutsideFastType, from_sympy
from .traced import Tracer
from .traced_at_root import AlgTracer
from .traced_roots import Root

__all__ = ["Line", "LineCell", "at_point", "exact_at", "explore_line", "first_on_line",
           "rational_inside", "same_root", "unique_roots"]


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
                 max_runs: int, stop: Callable[[Any], bool] | None = None) -> Line:
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
    stop : callable, optional
        ``stop(result)``: end the exploration at the first cell whose result it accepts
        (that cell last in ``cells``; what was not explored is not reported).

    Returns
    -------
    Line
        Cells, their inner ends and what was left undecided (``unexplored``: the part
        of it no run was left for).  A run whose point is a cell end (some recorded
        sign is 0 there) is repeated at another point, at most three times per
        interval.

    Examples
    --------
    Whether ``r**2 > 2`` on ``(0, 2)``: two cells and their common end ``sqrt(2)``; with
    a single run, the part that run's cell leaves is undecided:

    >>> r = sp.Symbol("r")
    >>> def run(x0):
    ...     tracer = Tracer(r, x0)
    ...     return tracer.convert(r**2) > 2, tracer
    >>> line = explore_line(run, Root.of(0), Root.of(2), random.Random(0), 20)
    >>> sorted((str(c.left.value), str(c.right.value), c.result) for c in line.cells)
    [('0', 'sqrt(2)', False), ('sqrt(2)', '2', True)]
    >>> [str(e.value) for e in line.ends]
    ['sqrt(2)']
    >>> line = explore_line(run, Root.of(0), Root.of(2), random.Random(0), 1)
    >>> [(str(a.value), str(b.value)) for a, b in line.undecided]
    [('0', 'sqrt(2)')]
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
        if stop is not None and stop(found.result):
            break
        if found.left is not a:
            todo.append((a, found.left))
            ends.append(found.left)
        if found.right is not b:
            todo.append((found.right, b))
            ends.append(found.right)
    return Line(cells, ends, undecided, outside, tuple(unexplored))


def exact_at(var: sp.Symbol, value: sp.Expr) -> Callable[[sp.Expr], Any]:
    """The converter of sympy expressions in ``var`` at one point, a rational or a
    quadratic irrational, into the fast exact types (:func:`.quadratic.from_sympy`;
    :class:`~.quadratic.OutsideFastType` beyond them).

    Examples
    --------
    >>> r = sp.Symbol("r")
    >>> exact_at(r, sp.Rational(1, 2))(2 * r + 1)
    Fraction(2, 1)
    """
    return lambda e: from_sympy(sp.sympify(e).subs(var, value))


def at_point(found: Callable[[Callable], Any], var: sp.Symbol, point: Root) -> tuple:
    """``found(convert)`` at one point of the line, exactly: ``(answer, fast)``.

    ``convert`` turns sympy expressions in ``var`` into numbers at the point: fast exact
    numbers at a rational or a quadratic irrational (:func:`exact_at`; ``fast`` True),
    else those of an :class:`~.traced_at_root.AlgTracer` run at the root, every sign decided
    there (also when a quadratic point's numbers leave the fast types; ``fast`` False:
    the answer's numbers are the run's).

    Examples
    --------
    >>> from alliance_games.solving.traced_roots import real_roots
    >>> r = sp.Symbol("r")
    >>> cube = real_roots(sp.Poly(r**3 - 2, r))[0]  # 2**(1/3)
    >>> at_point(lambda convert: (convert(r**2 - r) > 0, convert(r**3) == 2), r, cube)
    ((True, True), False)
    >>> at_point(lambda convert: convert(r**2), r, Root.of(sp.Rational(1, 2)))
    (Fraction(1, 4), True)
    """
    if point.poly is None or point.poly.degree() <= 2:
        try:
            return found(exact_at(var, point.value)), True
        except OutsideFastType:
            if point.poly is None:
                raise
    return found(AlgTracer(var, point).convert), False


def first_on_line(found: Callable[[Callable], Any], var: sp.Symbol, intervals: list,
                  max_runs: int) -> tuple:
    """A point of a union of intervals at which ``found(convert)`` is not None, found
    exactly, with its answer in the fast exact types.

    Parameters
    ----------
    found : callable
        ``found(convert)``: an answer or None; ``convert`` turns sympy expressions in
        ``var`` into the numbers of the run (traced ones, :class:`~.traced.Tracer`, or
        exact ones at a point, :func:`at_point`).
    var : sympy.Symbol
        The line's variable.
    intervals : list
        ``(lo, hi, lo_in, hi_in)``: the ends (:class:`~.traced_roots.Root`) and whether each
        belongs to the interval (``lo == hi``: one point).
    max_runs : int
        At most this many traced runs per interval.

    Returns
    -------
    tuple
        ``((value, answer) or None, decided)``: the point (a sympy number) and its
        answer, taken at each interval's ends first, then at a rational inside the first
        cell of traced runs whose answer is not None, then at the cells' ends one by one
        (exactly, :func:`at_point`).  ``decided`` is False when no point was found and a
        run left the exact types, the runs ran out, or a point of degree 3 or more has an
        answer (not one in the fast types): then none is claimed.

    Examples
    --------
    >>> r = sp.Symbol("r")
    >>> def found(convert):  # 1 < r with r**3 < 2, or r = 5/2
    ...     inside = convert(r**3) < 2 and convert(r) > 1
    ...     return "found" if inside or convert(2 * r) == 5 else None
    >>> first_on_line(found, r, [(Root.of(2), Root.of(3), True, True)], 20)
    ((5/2, 'found'), True)
    >>> (value, _), decided = first_on_line(found, r, [(Root.of(0), Root.of(2), False, False)], 20)
    >>> 1 < value < 2 ** (1 / 3), decided
    (True, True)
    """
    decided = True

    def run(x0: Fraction) -> tuple:
        tracer = Tracer(var, x0)
        return found(tracer.convert) is not None, tracer

    def at(point: Root) -> Any:
        nonlocal decided
        answer, fast = at_point(found, var, point)
        if answer is None or fast:
            return answer
        decided = False  # (an answer whose numbers are not in the fast types)
        return None

    try:
        for lo, hi, lo_in, hi_in in intervals:
            ends = [end for end, inside in zip((lo, hi), (lo_in, hi_in)) if inside]
            for end in unique_roots(ends):
                answer = at(end)
                if answer is not None:
                    return (end.value, answer), True
            if same_root(lo, hi):
                continue
            line = explore_line(run, lo, hi, random.Random(0), max_runs, stop=bool)
            for cell in line.cells:
                if cell.result:
                    x = sp.Rational(rational_inside(cell.left, cell.right, random.Random(1)))
                    answer = found(exact_at(var, x))
                    if answer is not None:
                        return (x, answer), True
                    decided = False  # (a cell's run and its point disagree: never)
            decided = decided and not line.undecided and not line.outside
            for end in unique_roots(line.ends):
                answer = at(end)
                if answer is not None:
                    return (end.value, answer), True
    except OutsideFastType:
        return None, False
    return None, decided


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
