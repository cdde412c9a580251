"""Continua of sender mixtures with three types, decided exactly (belief_simplex).

When the indifference conditions of a support pattern leave a positive-dimensional set
of sender mixtures, the pattern's equilibrium conditions are sign conditions on the
unknown probabilities; unknowns beyond two are eliminated through equations linear in
them with a coefficient of one sign on the open box, and the rest is decided by the
exact 2-D decomposition.  Before, such patterns with three or more unknowns were only
sampled, and left out (with a note) when no sample was an equilibrium.

The games are random 3-type, 2-message, 2-action games with payoffs linear in the
posterior (uniform prior), written out explicitly.  ``_random_game`` is their generator;
the last test checks the exact verdicts against an independent brute-force search over
exact rational grids, written from the definition of the equilibrium.
"""

from __future__ import annotations

import functools
import random
from fractions import Fraction
from itertools import combinations, product

import pytest
import sympy as sp

from alliance_games import SignallingGame, belief, solve
from alliance_games.solving import belief_simplex, simplex_backend, simplex_mixing, simplex_systems
from alliance_games.verify import verify

A, B, C = belief("A"), belief("B"), belief("C")
MUS = (A, B, C)
PRIOR = [sp.Rational(1, 3)] * 3

# (sender payoffs, receiver payoffs), each [type][message][action]
TABLES = {
    9: ([[[0, 2 * A - 1], [1, -2]], [[2, 1], [2 * B + 1, A - 1]],
         [[C + 2, -2], [-1, 1]]],
        [[[0, 1], [C - 2, 1]], [[1 - A, 2 * A + 1], [-2, A + 2]],
         [[-2, 2 * A - 2], [2, 1]]]),
    15: ([[[-2, -2], [A - 1, -1]], [[0, -C], [1, B - 1]], [[-1, 2], [2, 1]]],
         [[[1, 0], [0, 1]], [[-2, -2], [C + 2, -2]], [[A + 1, 1], [2 * C + 1, A + 2]]]),
    25: ([[[-2, 2 * B], [B, -2]], [[-2, -1], [2, -1]], [[2, -2], [-2, 0]]],
         [[[-1, 2], [-2, -2]], [[-1, -2], [-2, -1]], [[2, 1], [1, 1]]]),
    33: ([[[-1, 0], [2, -1]], [[2, 0], [2, 0]], [[-2, 0], [-2, 1]]],
         [[[0, 2], [-1, -B - 2]], [[-2, -2], [-1, 0]], [[2 * B + 2, 1], [B - 2, 2]]]),
    88: ([[[-1, -1], [2, -2]], [[1, 2 * A - 2], [1, 1]], [[B - 1, 0], [-A - 1, C - 2]]],
         [[[1, -2], [1, 1]], [[1, A - 2], [0, -2]], [[-2, -2], [0, 1]]]),
}


def _game(us, ur) -> SignallingGame:
    return SignallingGame.from_arrays(PRIOR, us, ur, types=["A", "B", "C"])


@functools.cache
def _solved(seed: int):
    game = _game(*TABLES[seed])
    return game, solve(game)


# Patterns whose sender mixtures form a continuum with no equilibrium on it, each with
# the reason (by hand) it is empty; before, each was left out with a note.
EMPTY = [
    # the receiver's gain at m0 vanishes where only B and C send it (no receiver
    # equation); B's indifference is r0 (sB + sC - 3) - 2 sB + 2 = 0 and C's
    # r0 (4 sB + 5 sC) - sB - sC = 0; a0 at m1 is never a best reply in the box
    (9, "A:m1 B:m0+m1 C:m0+m1 | m0:a0+a1 m1:a0"),
    # C's indifference 1 - 3 r0 = 0 pins r0 = 1/3 and the curve sB = sC**2 / (6 - sC);
    # a1 is never a best reply at m1 on it
    (15, "A:m1 B:m0+m1 C:m0+m1 | m0:a0+a1 m1:a1"),
    # four unknowns: on the curve r0 = 1 / (1 - 4 sA), never in (0, 1)
    (25, "A:m0+m1 B:m0 C:m0+m1 | m0:a0+a1 m1:a0+a1"),
    # the following are proved empty by the exact path only (and the grid check below
    # finds no point on them either)
    (33, "A:m0+m1 B:m0 C:m0+m1 | m0:a1 m1:a0+a1"),
    (33, "A:m0+m1 B:m1 C:m0+m1 | m0:a1 m1:a0+a1"),
    (88, "A:m0+m1 B:m0+m1 C:m1 | m0:a0 m1:a0+a1"),
]

# A continuum with an equilibrium: sB = sC = 2/3, r0 = 15/59, r1 = 14/59.
POSITIVE = (15, "A:m1 B:m0+m1 C:m0+m1 | m0:a0+a1 m1:a0+a1")


def _labels(res) -> set:
    return {e.label.split(" #")[0] for e in res}


@pytest.mark.parametrize("seed", sorted(TABLES))
def test_every_equilibrium_verifies(seed):
    game, res = _solved(seed)
    assert all(verify(game, e).ok for e in res)


@pytest.mark.parametrize(("seed", "label"), EMPTY)
def test_empty_continuum_is_decided(seed, label):
    """The pattern is decided (no note, not left out) and has no equilibrium; the reason
    by hand is given in ``EMPTY``."""
    _, res = _solved(seed)
    assert not any(label in note for note in res.notes)
    assert label not in res.undecided_patterns
    assert label not in _labels(res)


def test_continuum_with_an_equilibrium_is_reported():
    seed, label = POSITIVE
    game, res = _solved(seed)
    found = [e for e in res if e.label.split(" #")[0] == label]
    assert len(found) == 1 and verify(game, found[0]).ok
    assert belief_simplex.CONTINUUM_NOTE in found[0].notes
    assert not any(label in note for note in res.notes)


def test_the_grid_check_finds_the_positive_point():
    """The independent checker is not vacuous: it finds the known point."""
    seed, _ = POSITIVE
    us, ur = TABLES[seed]
    S, Bs = ((1,), (0, 1), (0, 1)), ((0, 1), (0, 1))
    third = [Fraction(1, 3)] * 3
    s = {1: Fraction(2, 3), 2: Fraction(2, 3)}
    assert _holds(_affine_tables(us), _affine_tables(ur), third, S, Bs, s,
                  {0: Fraction(15, 59), 1: Fraction(14, 59)})
    assert not _holds(_affine_tables(us), _affine_tables(ur), third, S, Bs, s,
                      {0: Fraction(1, 4), 1: Fraction(14, 59)})
    assert _grid_point(us, ur, S, Bs) is not None


# -- an independent check on random games -------------------------------------------

def _random_game(seed: int) -> tuple[list, list]:
    """Sender and receiver payoffs: an integer in [-2, 2], plus a multiple of one type's
    posterior with probability 0.3."""
    rng = random.Random(seed)

    def entry():
        r, c = rng.random(), sp.Integer(rng.randint(-2, 2))
        if r < 0.3:
            return c + rng.choice([1, -1, 2]) * rng.choice(MUS)
        return c

    us = [[[entry() for _ in range(2)] for _ in range(2)] for _ in range(3)]
    ur = [[[entry() for _ in range(2)] for _ in range(2)] for _ in range(3)]
    return us, ur


def _affine_tables(tab) -> list:
    """Each payoff ``c0 + sum c_t mu_t`` as ``(c0, (c_A, c_B, c_C))`` in Fractions."""
    def affine(e):
        poly = sp.Poly(sp.sympify(e), *MUS)
        assert poly.total_degree() <= 1

        def frac(x):
            return Fraction(int(x.p), int(x.q))
        return frac(poly.coeff_monomial(1)), tuple(frac(poly.coeff_monomial(m))
                                                   for m in MUS)
    return [[[affine(e) for e in row] for row in msgs] for msgs in tab]


def _value(entry, post) -> Fraction:
    c0, cs = entry
    return c0 + sum(c * p for c, p in zip(cs, post))


def _posteriors(prior, S, s) -> list | None:
    """Bayes' posterior after each message (``s[t]`` type t's probability of m0 when it
    mixes); None when a message is off the path."""
    out = []
    for m in range(2):
        w = [prior[t] * ((s[t] if m == 0 else 1 - s[t]) if len(S[t]) == 2
                         else Fraction(int(S[t][0] == m))) for t in range(3)]
        if sum(w) == 0:
            return None
        out.append([x / sum(w) for x in w])
    return out


def _receiver_ok(ur, Bs, post) -> bool:
    """Each action of the receiver's support after each message is a best reply."""
    for m in range(2):
        gain = [sum(post[m][t] * _value(ur[t][m][a], post[m]) for t in range(3))
                for a in range(2)]
        if any(gain[a] != max(gain) for a in Bs[m]):
            return False
    return True


def _sender_ok(us, S, Bs, post, r) -> bool:
    """Each message of each type's support is a best reply to the receiver's mixing
    (``r[m]`` the probability of a0 after m when it mixes)."""
    for t in range(3):
        pay = []
        for m in range(2):
            act = ([r[m], 1 - r[m]] if len(Bs[m]) == 2
                   else [Fraction(int(Bs[m][0] == a)) for a in range(2)])
            pay.append(sum(p * _value(us[t][m][a], post[m]) for a, p in enumerate(act)))
        if any(pay[m] != max(pay) for m in S[t]):
            return False
    return True


def _holds(us, ur, prior, S, Bs, s, r) -> bool:
    """Whether the pattern with these mixtures is an equilibrium (both messages on the
    path: every probability strictly inside (0, 1))."""
    if any(not 0 < v < 1 for v in (*s.values(), *r.values())):
        return False
    post = _posteriors(prior, S, s)
    return post is not None and _receiver_ok(ur, Bs, post) and _sender_ok(
        us, S, Bs, post, r)


GRID = sorted({Fraction(k, q) for q in range(2, 9) for k in range(1, q)}
              | {Fraction(k, 12) for k in range(1, 12)})


def _unique_solution(rows: list, unknowns: list) -> dict | None:
    """The unique solution of ``sum coef[u] u + const = 0`` (rows ``(coef, const)``),
    by Gaussian elimination over Fractions; None when there is none or many."""
    rows = [([c.get(u, Fraction(0)) for u in unknowns], k) for c, k in rows]
    pivots = []
    for col in range(len(unknowns)):
        row = next((i for i, (a, _) in enumerate(rows) if i not in [p for p, _ in pivots]
                    and a[col] != 0), None)
        if row is None:
            return None
        a, k = rows[row]
        rows = [(r_a, r_k) if i == row else
                ([x - r_a[col] / a[col] * y for x, y in zip(r_a, a)],
                 r_k - r_a[col] / a[col] * k) for i, (r_a, r_k) in enumerate(rows)]
        pivots.append((row, col))
    if any(all(x == 0 for x in a) and k != 0 for a, k in rows):
        return None
    return {unknowns[col]: -rows[row][1] / rows[row][0][col] for row, col in pivots}


def _receiver_candidates(us, S, Bs, post, mixed: list):
    """Receiver mixings to try: the mixing types' indifference conditions (linear in the
    receiver's probabilities) solved exactly, when they fix them; otherwise solved after
    fixing any subset of them on the grid."""
    rows = []
    for t in range(3):
        if len(S[t]) != 2:
            continue
        coef, const = {}, Fraction(0)
        for m, sign in ((0, 1), (1, -1)):
            v = [_value(us[t][m][a], post[m]) for a in range(2)]
            if m in mixed:
                coef[m] = sign * (v[0] - v[1])
                const += sign * v[1]
            else:
                const += sign * v[Bs[m][0]]
        rows.append((coef, const))
    whole = _unique_solution(rows, mixed) if mixed else None
    if whole is not None:  # the conditions fix the mixing: nothing else can hold
        yield whole
        return
    for size in range(len(mixed) + 1):
        for fixed in combinations(mixed, size):
            rest = [m for m in mixed if m not in fixed]
            for vals in product(GRID, repeat=size):
                sub = dict(zip(fixed, vals))
                reduced = [({m: c for m, c in coef.items() if m in rest},
                            const + sum(c * sub[m] for m, c in coef.items() if m in sub))
                           for coef, const in rows]
                sol = _unique_solution(reduced, rest) if rest else {}
                if sol is not None:
                    yield {**sub, **sol}


def _grid_point(us, ur, S, Bs) -> tuple | None:
    """A point of the pattern found by brute force: the mixing types' probabilities on
    ``GRID``, the receiver's on the grid or solved exactly from the indifference
    conditions; None when there is none."""
    us, ur = _affine_tables(us), _affine_tables(ur)
    prior = [Fraction(1, 3)] * 3
    mixers = [t for t in range(3) if len(S[t]) == 2]
    mixed = [m for m in range(2) if len(Bs[m]) == 2]
    for vals in product(GRID, repeat=len(mixers)):
        s = dict(zip(mixers, vals))
        post = _posteriors(prior, S, s)
        if post is None or not _receiver_ok(ur, Bs, post):
            continue
        for r in _receiver_candidates(us, S, Bs, post, mixed):
            if _holds(us, ur, prior, S, Bs, s, r):
                return s, r
    return None


def _pattern(label: str) -> tuple:
    """``(S, B)`` as index tuples from a label such as ``A:m1 B:m0+m1 C:m1 | m0:a0 m1:a1``."""
    left, right = label.split(" | ")
    return tuple(tuple(tuple(int(x[1:]) for x in part.split(":")[1].split("+"))
                       for part in side.split()) for side in (left, right))


@pytest.mark.parametrize(("seed", "label"), EMPTY)
def test_the_grid_finds_no_point_on_empty_patterns(seed, label):
    assert _grid_point(*TABLES[seed], *_pattern(label)) is None


# seeds of ``_random_game`` from 100..134 whose solve is quick, with continua of one and
# two unknowns (points and empty ones); 116 has one of three unknowns (empty).  (Seeds
# 107, 110, 114 and the games of seeds 51 and 60, two more empty continua each, were
# dropped for the suite's time; they passed when this was written.)
RANDOM_SEEDS = [105, 111, 116]


@pytest.mark.parametrize("seed", RANDOM_SEEDS)
def test_exact_verdicts_match_a_grid_search(seed):
    """On every continuum pattern the exact path decides: "empty" means the grid finds
    no point either; a point is an equilibrium by the checker above, and the
    equilibrium finished from it passes ``verify``."""
    us, ur = _random_game(seed)
    game = _game(us, ur)
    gd = simplex_backend.simplex_game(game)
    decided = 0
    for S, Bs in simplex_mixing.mixing_patterns(gd):
        eqs, positive, ss, rs, sigma, rho, weights = simplex_mixing._mixing_system(gd, S, Bs)
        try:
            kind, _ = simplex_systems.sender_candidates(eqs, positive, ss, rs)
        except simplex_backend.SimplexUndecided:
            continue
        if kind != "free":
            continue
        box = simplex_mixing._box_search(gd, S, Bs, eqs, ss, rs, sigma, rho, weights)
        if box is None or (box.point is None and not box.decided):
            continue
        decided += 1
        if box.empty:
            assert _grid_point(us, ur, S, Bs) is None
            continue
        if all(v.is_Rational for v in box.point):
            frac = [Fraction(int(v.p), int(v.q)) for v in box.point]
            s = dict(zip([t for t in range(3) if len(S[t]) == 2], frac))
            r = dict(zip([m for m in range(2) if len(Bs[m]) == 2], frac[len(ss):]))
            assert _holds(_affine_tables(us), _affine_tables(ur), [Fraction(1, 3)] * 3,
                          S, Bs, s, r)
        sols = simplex_mixing.solve_mixing(gd, S, Bs)
        assert len(sols) == 1
        assert verify(game, belief_simplex._assemble(gd, sols[0], refine=False)).ok
    assert decided
