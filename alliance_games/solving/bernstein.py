"""Polynomials in the Bernstein basis of a box: exact proofs that a system has no zero there.

On the unit box ``[0, 1]^n`` a polynomial of degree ``d_j`` in each unknown ``x_j`` is
``sum_i b_i prod_j C(d_j, i_j) x_j^i_j (1 - x_j)^(d_j - i_j)``; every basis polynomial is
positive inside the box, so coefficients ``b_i`` of one sign prove the polynomial of that
sign there (its range lies between the least and the largest coefficient).  Halving the
box in one unknown (de Casteljau's rule at 1/2) gives the coefficients on each half, and
the bound tightens as the boxes shrink.  A set of sign conditions (``p == 0``, ``p >= 0``,
``p > 0``) is subdivided until on each piece some condition fails everywhere: then the
set has no point in the box (:func:`proves_empty`; for equations, :func:`no_common_zero`).
The arithmetic is on integers (each polynomial's coefficients scaled by a positive
integer, which keeps their signs): exact.

The mixing patterns of the simplex solver (:mod:`.belief_simplex`) use this before a
Groebner basis: most patterns have no solution with every probability in ``(0, 1)``, and
a proof by a few hundred boxes takes a fraction of a second where the basis of a system
in seven unknowns takes minutes.  :func:`.semialgebraic.find_point` uses it before the
two-dimensional decomposition and before answering "undecided" with four types.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import product
from math import comb, lcm

import numpy as np
import sympy as sp

__all__ = ["bernstein_coefficients", "no_common_zero", "proves_empty"]

#: Boxes examined by :func:`proves_empty` before it gives up (a system with a zero in
#: the box never runs out of boxes to halve): about 0.4 ms each for seven polynomials of
#: degree 2 or 3 in seven unknowns.
MAX_BOXES = 20000
#: Halvings in every unknown after which it gives up: a piece of width ``2**-MAX_DEPTH``
#: with no polynomial of one sign is most likely near a common zero (the mixing patterns
#: of five-type games that have none needed at most 5).
MAX_DEPTH = 10


def bernstein_coefficients(poly: sp.Poly) -> list[Fraction]:
    """The coefficients of ``poly`` (rational) in the tensor Bernstein basis of the unit
    box (degree in each variable its own), in the order of ``product`` over the indices:
    ``b_i = sum_{k <= i} a_k prod_j C(i_j, k_j) / C(n_j, k_j)``, exact.  The weight is a
    product of one factor per variable, so the sum is taken one variable at a time (a
    few operations per coefficient and degree, instead of one per index and term).

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> [str(b) for b in bernstein_coefficients(sp.Poly(x * y - x / 2 + y / 4, x, y))]
    ['0', '1/4', '-1/2', '3/4']
    """
    degs = poly.degree_list()
    coeffs = {k: Fraction(int(a.p), int(a.q)) for k, a in poly.terms()}
    for j, n in enumerate(degs):
        weight = [[Fraction(comb(i, k), comb(n, k)) for k in range(i + 1)]
                  for i in range(n + 1)]
        summed: dict = {}
        for k, a in coeffs.items():
            for i in range(k[j], n + 1):
                index = k[:j] + (i,) + k[j + 1:]
                summed[index] = summed.get(index, 0) + a * weight[i][k[j]]
        coeffs = summed
    return [coeffs.get(i, Fraction(0)) for i in product(*(range(n + 1) for n in degs))]


def no_common_zero(polys: Sequence[sp.Expr], unknowns: Sequence[sp.Symbol],
                   max_boxes: int = MAX_BOXES, max_depth: int = MAX_DEPTH) -> bool:
    """Whether the polynomials ``polys`` (rational coefficients) are proved to have no
    common zero in the closed unit box of ``unknowns``: :func:`proves_empty` of the
    equations ``p == 0``.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> no_common_zero([x - y, x + y - 1], [x, y])  # both zero at (1/2, 1/2)
    False
    >>> no_common_zero([x - y, x + y - sp.Rational(5, 2)], [x, y])  # at (5/4, 5/4)
    True
    >>> no_common_zero([x**2 + y**2 - 1, x * y - sp.Rational(1, 2)], [x, y])  # touching
    False
    >>> no_common_zero([x**2 + y**2 - 1, x * y - sp.Rational(51, 100)], [x, y])
    True
    """
    return proves_empty([(p, "==") for p in polys], unknowns, max_boxes, max_depth)


def proves_empty(constraints: Sequence[tuple[sp.Expr, str]], unknowns: Sequence[sp.Symbol],
                 max_boxes: int = MAX_BOXES, max_depth: int = MAX_DEPTH,
                 open_box: bool = False) -> bool:
    """Whether no point of the closed unit box of ``unknowns`` meets every constraint
    ``(p, rel)`` (``p`` a polynomial with rational coefficients, ``rel`` one of ``"=="``,
    ``">="``, ``">"``), proved by halving the box (in the unknown it is widest in) until
    on every piece some constraint fails everywhere: ``p`` lies between its least and
    largest Bernstein coefficient there, so an equation fails when they are all positive
    or all negative, ``p >= 0`` when they are all negative, ``p > 0`` when none is
    positive.  False when that takes more than ``max_boxes`` boxes or a piece halved
    ``max_depth`` times in every unknown (always so when the set has a point), or when a
    coefficient is not rational.

    With ``open_box``, whether no point of the open box meets them: a piece is also
    dismissed when ``p == 0`` or ``p >= 0`` fails at each of its points inside the open
    box, though ``p`` may vanish on the box's boundary (:func:`_fails_inside`), so that a
    set whose closure meets the boundary only can be proved empty.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> proves_empty([(x * y - sp.Rational(1, 5), ">"), (1 - x - y, ">=")], [x, y])
    False
    >>> proves_empty([(x * y - sp.Rational(26, 100), ">="), (1 - x - y, ">=")], [x, y])
    True
    >>> proves_empty([(x * y - sp.Rational(1, 4), ">"), (1 - x - y, ">=")], [x, y])
    False

    The last set is empty too (``x y <= (x + y)**2 / 4 <= 1/4``), but its closure is not:
    no piece around ``(1/2, 1/2)`` has a constraint failing everywhere.

    ``x + y == 2`` has the point ``(1, 1)`` in the closed box and none in the open one:

    >>> proves_empty([(x + y - 2, "==")], [x, y])
    False
    >>> proves_empty([(x + y - 2, "==")], [x, y], open_box=True)
    True
    """
    unknowns = list(unknowns)
    rels = [rel for _, rel in constraints]
    start = [_scaled(sp.Poly(p, *unknowns)) for p, _ in constraints]
    if any(c is None for c in start):
        return False
    # each piece: its coefficients, its depth in each unknown, and for each unknown
    # whether its lower and its upper end are the unit box's
    stack = [(start, (0,) * len(unknowns), ((True, True),) * len(unknowns))]
    boxes = 0
    while stack:
        coeffs, depth, outer = stack.pop()
        boxes += 1
        if boxes > max_boxes:
            return False
        if any(_fails(c, rel) or open_box and _fails_inside(c, rel, outer)
               for c, rel in zip(coeffs, rels)):
            continue
        moving = [j for j in range(len(unknowns)) if any(c.shape[j] > 1 for c in coeffs)]
        if not moving:  # constants, every constraint met: the piece is in the set
            return False
        j = min(moving, key=lambda j: (depth[j], j))
        if depth[j] >= max_depth:
            return False
        halves = [_halves(c, j) for c in coeffs]
        deeper = depth[:j] + (depth[j] + 1,) + depth[j + 1:]
        lo, hi = outer[j]
        stack.append(([h[1] for h in halves], deeper, outer[:j] + ((False, hi),) + outer[j + 1:]))
        stack.append(([h[0] for h in halves], deeper, outer[:j] + ((lo, False),) + outer[j + 1:]))
    return True


def _fails(c: np.ndarray, rel: str) -> bool:
    """Whether ``p rel 0`` fails on the whole box, from ``p``'s coefficients ``c``."""
    if rel == "==":
        return bool(np.all(c > 0) or np.all(c < 0))
    if rel == ">=":
        return bool(np.all(c < 0))
    return bool(np.all(c <= 0))


def _fails_inside(c: np.ndarray, rel: str, outer: tuple) -> bool:
    """Whether ``p rel 0`` (``"=="`` or ``">="``) fails at every point of the piece that
    lies inside the open unit box, from ``p``'s coefficients ``c`` on the piece;
    ``outer[j]`` tells whether the piece's lower and upper end in unknown ``j`` are the
    unit box's.

    With every coefficient ``<= 0`` (for an equation, or every one ``>= 0``), and not all
    0, ``p <= 0`` on the piece.  A point of the piece lies inside exactly one face of it
    (some unknowns at an end, the others strictly between): there the basis polynomials
    that do not vanish are those of the face's coefficients (index 0 in an unknown at its
    lower end, the last index at its upper end, any index in a free one), all positive,
    so ``p`` is 0 there exactly when all of those coefficients are 0.  The relation fails
    at every point inside the open unit box when each face with only zero coefficients
    has an unknown at an end that is the unit box's."""
    if rel == ">":
        return False
    if rel == "==" and np.all(c >= 0):
        c = -c
    if not np.all(c <= 0) or np.all(c == 0):
        return False
    zero = c == 0
    ends = [((0, lo), (slice(None), False), (-1, hi)) for lo, hi in outer]
    for face in product(*ends):
        if any(on_box for _, on_box in face):
            continue
        if np.all(zero[tuple(index for index, _ in face)]):
            return False
    return True


def _scaled(poly: sp.Poly) -> np.ndarray | None:
    """The Bernstein coefficients of ``poly`` times the least common multiple of their
    denominators, as an integer array with one axis per unknown; None when a
    coefficient of ``poly`` is not rational."""
    if not (poly.domain.is_QQ or poly.domain.is_ZZ):
        return None
    if poly.is_zero:
        return np.zeros((1,) * len(poly.gens), dtype=object)
    coeffs = bernstein_coefficients(poly)
    den = lcm(*(b.denominator for b in coeffs))
    out = np.empty(len(coeffs), dtype=object)
    out[:] = [b.numerator * (den // b.denominator) for b in coeffs]
    return out.reshape(tuple(n + 1 for n in poly.degree_list()))


def _halves(c: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """The coefficients on the two halves of the box cut at the middle of ``axis``, each
    times ``2**n`` (``n`` the degree in that unknown): de Casteljau's rule, whose level
    ``k`` holds sums of ``2**k`` averages; the first (last) entry of each level, brought
    to one scale, is the left (right) half's coefficient."""
    n = c.shape[axis] - 1
    if n == 0:
        return c, c
    levels = [np.moveaxis(c, axis, 0)]
    for _ in range(n):
        levels.append(levels[-1][:-1] + levels[-1][1:])
    # filled into object arrays: ``np.stack`` of one unknown's entries (Python integers)
    # made an int64 array, whose products wrapped round without a word
    left = np.empty(levels[0].shape, dtype=object)
    right = np.empty(levels[0].shape, dtype=object)
    for k in range(n + 1):
        left[k] = levels[k][0] * 2 ** (n - k)
        right[k] = levels[n - k][k] * 2 ** k
    return np.moveaxis(left, 0, axis), np.moveaxis(right, 0, axis)
