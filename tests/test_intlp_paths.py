"""The integer simplex's shortcuts against its plain two-phase path, on random systems.

The tableau is compact (nonbasic columns only); its vertices are checked to be feasible
and to attain the optimum.

``can_be_positive`` and ``ranges_int`` start from a crashed basis (equality rows with
right-hand side 0 pivoted in without artificial variables; rows ``0 = 0`` dropped);
``maximize_int`` keeps the plain phase 1.  Both must agree on every system, including
systems with repeated, redundant and infeasible equality rows.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from alliance_games.solving.intlp import _phase1, can_be_positive, maximize_int, ranges_int


def random_system(rng: random.Random):
    n = rng.randint(1, 6)

    def row():
        return [Fraction(rng.randint(-3, 3), rng.choice([1, 1, 2, 3])) for _ in range(n)]

    ub = [(row(), Fraction(rng.randint(-2, 4))) for _ in range(rng.randint(0, 4))]
    eq = []
    for _ in range(rng.randint(0, 4)):
        kind = rng.random()
        if kind < 0.5:
            eq.append((row(), Fraction(0)))  # homogeneous: crashed into the basis
        elif kind < 0.65 and eq:
            a, b = rng.choice(eq)
            eq.append(([2 * x for x in a], 2 * b))  # redundant
        elif kind < 0.8 and n >= 2:  # x_i + x_j = c (scaled): ranges derived from a partner
            i, j = rng.sample(range(n), 2)
            w = Fraction(rng.randint(1, 3))
            eq.append(([w if k in (i, j) else Fraction(0) for k in range(n)],
                       w * rng.randint(0, 2)))
        else:
            eq.append((row(), Fraction(rng.randint(-2, 3))))
    if rng.random() < 0.7:  # a simplex row keeps most systems bounded
        eq.append(([Fraction(1)] * n, Fraction(1)))
    return n, ub, eq


def reference_max(n, ub, eq, c):
    """``maximize_int`` (plain phase 1), its vertex checked: feasible, attains the value."""
    status, x, value = maximize_int(c, ub, eq)
    if status == "optimal":
        assert all(v >= 0 for v in x)
        assert all(sum(p * v for p, v in zip(a, x)) <= b for a, b in ub)
        assert all(sum(p * v for p, v in zip(a, x)) == b for a, b in eq)
        assert sum(p * v for p, v in zip(c, x)) == value
    return status, value


@pytest.mark.parametrize("seed", range(4))
def test_crashed_paths_match_the_plain_two_phase_simplex(seed):
    rng = random.Random(seed)
    outcomes = set()
    for _ in range(300):
        n, ub, eq = random_system(rng)
        plain = _phase1(n, ub, eq)
        assert (plain is None) == (_phase1(n, ub, eq, crash=True) is None)
        for k in range(n):
            c = [Fraction(int(j == k)) for j in range(n)]
            status, value = reference_max(n, ub, eq, c)
            expected = status == "unbounded" or (status == "optimal" and value > 0)
            assert can_be_positive(n, ub, eq, k) == expected
            outcomes.add(("positive", expected))
        got = ranges_int(n, ub, eq, range(n))
        if plain is None:
            assert got is None
            outcomes.add("infeasible")
            continue
        for k, (lo, hi) in enumerate(got):
            c = [Fraction(int(j == k)) for j in range(n)]
            status, value = reference_max(n, ub, eq, c)
            assert hi == (None if status == "unbounded" else value)
            status, value = reference_max(n, ub, eq, [-x for x in c])
            assert lo == (None if status == "unbounded" else -value)
            outcomes.add(("range", lo == hi, hi is None))
    # the systems cover every kind of answer
    assert {("positive", True), ("positive", False), "infeasible",
            ("range", True, False), ("range", False, False)} <= outcomes
