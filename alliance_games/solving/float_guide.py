"""Float points that guide exact sampling, and decide nothing.

A continuum of mixtures whose members lie in a thin part of the unit box (four sender
probabilities, all above 0.85, in a five-type survey game) is missed by samples on a
fixed grid of rationals.  :func:`feasible_points` finds, in floats, points of the open
box near which the equations hold and every inequality holds with a margin; the caller
fixes some coordinates at rationals near such a point, solves the rest exactly and
checks the result exactly.  A point found here is only a place to look: no sign, no
emptiness and no equilibrium is decided from it.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

__all__ = ["feasible_points"]

EQUATION_TOLERANCE = 1e-10
"""How close to 0 the equations must be at a point returned (floats: a guide only)."""


def _evaluator(exprs: list, unknowns: list):
    """A function of an ``(N, n)`` array of points giving the ``(len(exprs), N)`` array
    of the expressions' float values (constants broadcast)."""
    if not exprs:
        return lambda z: np.zeros((0, z.shape[0]))
    f = sp.lambdify(unknowns, exprs, "numpy")

    def at(z: np.ndarray) -> np.ndarray:
        values = f(*z.T)
        return np.array([np.broadcast_to(np.asarray(v, dtype=float), (z.shape[0],))
                         for v in values])

    return at


def feasible_points(cons: list, unknowns: list, starts: int = 4096, steps: int = 12,
                    seed: int = 0, keep: int = 8) -> list[np.ndarray]:
    """Points of the open unit box (floats) where the equations of ``cons`` hold to
    within :data:`EQUATION_TOLERANCE` and every inequality holds strictly, the largest
    margin first (at most ``keep``).

    ``cons`` are pairs ``(p, rel)``, ``p`` a sympy polynomial expression in ``unknowns``
    and ``rel`` one of ``"=="``, ``">="``, ``">"``.  From ``starts`` random points
    (seeded: the same points on every run), ``steps`` Gauss-Newton steps of least norm
    move each onto the equations' solution set, kept inside the box.  The margin of a
    point is the least of its inequalities' values and its distances to the box's
    faces; a weak inequality (``">="``) within :data:`EQUATION_TOLERANCE` of 0 counts
    as holding with no bound on the margin (the equations can make it 0).

    Examples
    --------
    >>> a, b = sp.symbols("a b")
    >>> (z,) = feasible_points([(a**2 + b**2 - 1, "=="), (a - b, ">")], [a, b], keep=1)
    >>> bool(abs(z[0]**2 + z[1]**2 - 1) < 1e-9 and 1 > z[0] > z[1] > 0)
    True
    >>> feasible_points([(a + b - 3, "==")], [a, b])
    []
    """
    n = len(unknowns)
    eqs = [sp.expand(p) for p, rel in cons if rel == "=="]
    ineqs = [sp.expand(p) for p, rel in cons if rel != "=="]
    weak = np.array([rel == ">=" for _, rel in cons if rel != "=="], dtype=bool)
    value = _evaluator(eqs, unknowns)
    jacobian = _evaluator([sp.diff(e, u) for e in eqs for u in unknowns], unknowns)
    margins = _evaluator(ineqs, unknowns)
    z = np.random.default_rng(seed).uniform(0.0, 1.0, (starts, n))
    inner = 1e-9
    with np.errstate(all="ignore"):
        for _ in range(steps if eqs else 0):
            e = value(z).T  # (N, r)
            jac = jacobian(z).T.reshape(starts, len(eqs), n)  # (N, r, n)
            gram = jac @ np.swapaxes(jac, 1, 2) + 1e-12 * np.eye(len(eqs))
            step = np.linalg.solve(gram, e[:, :, None])
            z = np.clip(z - (np.swapaxes(jac, 1, 2) @ step)[:, :, 0], inner, 1 - inner)
        residual = np.max(np.abs(value(z)), axis=0) if eqs else np.zeros(starts)
        g = margins(z)
        # a weak inequality within the tolerance of 0 (one the equations make 0) holds
        g[weak[:, None] & (np.abs(g) < EQUATION_TOLERANCE)] = np.inf
        margin = np.minimum(np.min(g, axis=0, initial=np.inf),
                            np.min(np.minimum(z, 1 - z), axis=1))
    good = np.flatnonzero((residual < EQUATION_TOLERANCE) & (margin > 0))
    best = good[np.argsort(-margin[good], kind="stable")]
    return [z[i] for i in best[:keep]]
