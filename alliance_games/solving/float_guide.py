"""Float points that guide exact checks, and decide nothing.

Both searches here evaluate polynomial constraints in floats, at many points at once
(:func:`_evaluator`), and return places to look: the callers check every point they
derive from them exactly.

:func:`deepest_candidates` gives rational points near where inequalities hold with the
largest smallest slack, in the simplex (:func:`.semialgebraic.find_point`'s sets with no
equation).  A continuum of mixtures whose members lie in a thin part of the unit box (four sender
probabilities, all above 0.85, in a five-type survey game) is missed by samples on a
fixed grid of rationals.  :func:`feasible_points` finds, in floats, points of the open
box near which the equations hold and every inequality holds with a margin; the caller
fixes some coordinates at rationals near such a point, solves the rest exactly and
checks the result exactly.  A point found here is only a place to look: no sign, no
emptiness and no equilibrium is decided from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import numpy as np
import sympy as sp

__all__ = ["deepest_candidates", "feasible_points"]

EQUATION_TOLERANCE = 1e-10
"""How close to 0 the equations must be at a point returned (floats: a guide only)."""


#: Random points of the simplex, local steps and rational roundings that
#: :func:`deepest_candidates` tries.
NUMERIC_SAMPLES, NUMERIC_STEPS, NUMERIC_DENOMINATORS = 4096, 80, (12, 60, 840, 10**4, 10**6)


def _evaluator(polys: list[sp.Poly], scaled: bool = False):
    """A function of an ``(N, k)`` array of points giving the ``(len(polys), N)`` array
    of the polynomials' float values (each a sum of its terms, monomials from the
    exponents); with ``scaled`` each polynomial is first divided by its largest
    coefficient in absolute value."""
    forms = []
    for p in polys:
        terms = p.terms()
        exps = np.array([m for m, _ in terms], dtype=float).reshape(len(terms), len(p.gens))
        coef = np.array([float(v) for _, v in terms])
        forms.append((exps, coef / max(np.abs(coef).max(), 1e-300) if scaled else coef))

    def at(xs: np.ndarray) -> np.ndarray:
        out = np.empty((len(forms), len(xs)))
        for i, (exps, coef) in enumerate(forms):
            out[i] = (xs[:, None, :] ** exps[None]).prod(axis=-1) @ coef
        return out

    return at


def deepest_candidates(polys: list[sp.Poly], k: int) -> Iterator[tuple[Fraction, ...]]:
    """Rational points (``Fraction`` tuples) near where the inequalities ``p >= 0`` or
    ``p > 0`` (``polys``, in ``k`` coordinates) hold with the largest smallest slack,
    numerically: candidates for an exact check, never a decision.

    Each polynomial is scaled to largest coefficient 1 and evaluated in floats at random
    points of the simplex (a fixed seed), then the best one is moved by random steps that
    shrink while they fail (a derivative-free local search); the point reached, and the
    best sample, are rounded to rationals of growing denominators.

    Examples
    --------
    >>> a, b = sp.symbols("a b")
    >>> polys = [sp.Poly(a - 2 * b, a, b), sp.Poly(b - sp.Rational(1, 10), a, b)]
    >>> pt = next(deepest_candidates(polys, 2))
    >>> pt[0] - 2 * pt[1] > 0 and pt[1] > Fraction(1, 10) and sum(pt) <= 1
    True
    """
    rng = np.random.default_rng(0)
    values_at = _evaluator(polys, scaled=True)

    def slack(xs: np.ndarray) -> np.ndarray:
        return values_at(xs).min(axis=0, initial=np.inf)

    xs = rng.dirichlet(np.ones(k + 1), NUMERIC_SAMPLES)[:, :k]
    values = slack(xs)
    start = xs[int(np.argmax(values))]
    best, value, step = start, values.max(), 0.1
    for _ in range(NUMERIC_STEPS):
        trial = best + step * rng.standard_normal((64, k))
        trial = trial[(trial >= 0).all(axis=1) & (trial.sum(axis=1) <= 1)]
        got = slack(trial) if len(trial) else np.array([-np.inf])
        if got.max() > value:
            best, value = trial[int(np.argmax(got))], got.max()
        else:
            step /= 2
    for pt in (best, start):
        for den in NUMERIC_DENOMINATORS:
            yield tuple(Fraction(float(v)).limit_denominator(den) for v in pt)


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
    eqs = [sp.Poly(p, *unknowns) for p, rel in cons if rel == "=="]
    ineqs = [sp.Poly(p, *unknowns) for p, rel in cons if rel != "=="]
    weak = np.array([rel == ">=" for _, rel in cons if rel != "=="], dtype=bool)
    value = _evaluator(eqs)
    jacobian = _evaluator([e.diff(u) for e in eqs for u in unknowns])
    margins = _evaluator(ineqs)
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
