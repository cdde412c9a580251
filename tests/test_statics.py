"""Tests of alliance_games.parametric.statics."""

from __future__ import annotations

import dataclasses
import math
from types import SimpleNamespace

import numpy as np
import pytest
import sympy as sp

from alliance_games.errors import ParameterError
from alliance_games.parametric.statics import _sign_counts, comparative_statics, quantity_curve

R = sp.Rational
p, c = sp.symbols("p c")
HALF = R(1, 2)


def eq(label, condition, ic=sp.true, d1=sp.true):
    return SimpleNamespace(label=label, condition=condition, intuitive_condition=ic,
                           d1_condition=d1)


# Beer-quiche hybrid for p = Pr(weak) > 1/2 (derived by hand): the strong type drinks beer,
# the weak type drinks beer with probability s = (1 - p)/p so that mu(weak | beer) = 1/2,
# and the receiver duels after beer with probability 1/2 (the weak type's indifference
# 2(1 - r) = 1).
HYBRID = eq("hybrid", p > HALF)
WEAK_BEER = (1 - p) / p
DUEL_AFTER_BEER = HALF


def test_hybrid_mixing_probability_decreases_in_the_prior_symbolically():
    r = comparative_statics(WEAK_BEER, p, HYBRID, {p: (0, 1)})
    assert (r.sign, r.method) == ("-", "symbolic")
    assert r.is_proved and r.samples is None and r.seed is None
    assert sp.simplify(r.derivative + 1 / p**2) == 0
    assert "proved symbolically" in r.evidence


def test_constant_quantity_is_zero_symbolically():
    r = comparative_statics(sp.Integer(1) * DUEL_AFTER_BEER, p, HYBRID, {p: (0, 1)})
    assert (r.sign, r.method) == ("0", "symbolic")


def test_region_matters_univariate():
    quantity = (p - HALF) ** 2
    whole = comparative_statics(quantity, p, None, {p: (0, 1)})
    right = comparative_statics(quantity, p, p > HALF, {p: (0, 1)})
    left = comparative_statics(quantity, p, sp.Or(p < R(1, 4), p < R(1, 3)), {p: (0, 1)})
    assert (whole.sign, whole.method) == ("mixed", "symbolic")
    assert (right.sign, right.method) == ("+", "symbolic")
    assert (left.sign, left.method) == ("-", "symbolic")


def test_region_bounds_tighten_the_box_for_a_proof():
    r = comparative_statics(p * c, p, c > HALF, {p: (0, 1), c: (-1, 1)})
    assert (r.sign, r.method) == ("+", "symbolic")
    assert "1/2 < c < 1" in r.proof


def test_numerical_evidence_is_labelled_with_size_and_seed():
    region = p + c < 1  # not a box: no symbolic proof is attempted on it
    r = comparative_statics(p * c**2 - p**2 * c, p, region, {p: (0, 1), c: (0, 1)},
                            samples=300, seed=7)
    assert r.method == "numerical" and not r.is_proved
    assert r.samples == 300 and r.seed == 7
    assert sum(r.counts.values()) == 300
    assert "numerical evidence" in r.evidence and "seed 7" in r.evidence
    # d/dp = c^2 - 2pc = c(c - 2p): both signs occur inside p + c < 1
    assert r.sign == "mixed" and r.counts["+"] > 0 and r.counts["-"] > 0
    again = comparative_statics(p * c**2 - p**2 * c, p, region, {p: (0, 1), c: (0, 1)},
                                samples=300, seed=7)
    assert dict(again.counts) == dict(r.counts)


def test_numerical_sign_matches_the_truth_in_the_region():
    # d/dp (p c - p^2) = c - 2p is positive where c > 2p: the region c > 2p + 1/10.
    region = c > 2 * p + R(1, 10)
    r = comparative_statics(p * c - p**2, p, region, {p: (0, 1), c: (0, 1)}, samples=200)
    assert (r.sign, r.method) == ("+", "numerical")
    assert r.counts == {"+": 200, "-": 0, "0": 0}
    wider = comparative_statics(p * c - p**2, p, c > p, {p: (0, 1), c: (0, 1)}, samples=200)
    assert wider.sign == "mixed"


def test_transcendental_is_never_called_proved():
    r = comparative_statics(sp.sin(5 * p) * c, p, sp.true, {p: (0, 1), c: (0, 1)},
                            samples=100)
    assert r.method == "numerical" and r.sign == "mixed"


def test_zero_derivative_on_boundary_samples_is_exact():
    # d/dp = p - 1/2 vanishes at p = 1/2, a possible rational sample point; with a
    # c-dependence so that the univariate route is not taken
    r = comparative_statics((p - HALF) ** 2 * (1 + c**2), p, p >= HALF,
                            {p: (0, 1), c: (0, 1)}, samples=50)
    assert r.sign == "+"


def test_errors():
    with pytest.raises(ParameterError, match="box"):
        comparative_statics(p * c, c, None, {p: (0, 1)})
    with pytest.raises(ParameterError, match="no range"):
        comparative_statics(p * c, p, None, {p: (0, 1)})
    with pytest.raises(ParameterError, match="no point"):
        comparative_statics(p * c, p, sp.And(p > c + 2, c > 0), {p: (0, 1), c: (0, 1)},
                            samples=10, max_draws=500)
    with pytest.raises(ParameterError):
        comparative_statics(p, p, sp.false, {p: (0, 1)})


def test_fixed_values_and_frozen_result():
    r = comparative_statics(p * c, p, None, {p: (0, 1)}, fixed={c: -2})
    assert (r.sign, r.method) == ("-", "symbolic")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.sign = "+"


def test_quantity_curve_nan_outside_existence():
    eqs = [eq("pool beer", p <= HALF), eq("hybrid", p > HALF)]
    quantity = {"pool beer": sp.Integer(1), "hybrid": WEAK_BEER}
    curve = quantity_curve(eqs, lambda e: quantity[e.label], p, 0, 1, n=4)
    assert curve.exact_x == (R(1, 8), R(3, 8), R(5, 8), R(7, 8))
    beer = curve.values["pool beer"]
    hyb = curve.values["hybrid"]
    assert beer[:2].tolist() == [1.0, 1.0] and np.isnan(beer[2:]).all()
    assert np.isnan(hyb[:2]).all()
    assert hyb[2:] == pytest.approx([3 / 5, 1 / 7])
    none = quantity_curve(eqs, lambda e: None, p, 0, 1, n=3)
    assert all(np.isnan(v).all() for v in none.values.values())


def test_quantity_curve_with_fixed_and_errors():
    eqs = [eq("a", p < c)]
    curve = quantity_curve(eqs, lambda e: p * c, p, 0, 1, fixed={c: HALF}, n=2)
    assert curve.values["a"][0] == pytest.approx(1 / 8) and math.isnan(curve.values["a"][1])
    with pytest.raises(ParameterError):
        quantity_curve([eq("a", sp.true)], lambda e: p * c, p, 0, 1, n=2)


# --- with the real solver -------------------------------------------------------------

@pytest.fixture(scope="module")
def beer_quiche_solved():
    import warnings

    from alliance_games import SignallingGame, solve
    from alliance_games.errors import DegenerateGameWarning

    # types weak (prior p) and strong; +1 for the preferred breakfast, +2 without a duel
    game = SignallingGame.from_arrays(
        [p, 1 - p], [[[0, 2], [1, 3]], [[1, 3], [0, 2]]], [[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
        types=["weak", "strong"], messages=["beer", "quiche"], actions=["duel", "not"],
        parameters={p: (0, 1)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return solve(game)


def test_statics_of_the_solved_hybrid(beer_quiche_solved):
    hybrids = [e for e in beer_quiche_solved if e.kind == "hybrid"]
    assert len(hybrids) == 1
    hybrid = hybrids[0]
    mix = hybrid.sender["weak"]["beer"]
    assert sp.simplify(mix - WEAK_BEER) == 0  # the hand derivation above
    r = comparative_statics(mix, p, hybrid, {p: (0, 1)})
    assert (r.sign, r.method) == ("-", "symbolic")
    duel = comparative_statics(hybrid.receiver["beer"]["duel"], p, hybrid, {p: (0, 1)})
    assert duel.sign == "0"
    curve = quantity_curve(beer_quiche_solved, lambda e: e.sender["weak"]["beer"], p, 0, 1,
                           n=4)
    assert curve.values[hybrid.label][2:] == pytest.approx([3 / 5, 1 / 7])
    assert np.isnan(curve.values[hybrid.label][:2]).all()
    pools = [lab for lab in curve.labels
             if lab != hybrid.label and not np.isnan(curve.values[lab][0])]
    assert pools and all(curve.values[lab][0] in (0.0, 1.0) for lab in pools)


def test_sign_counts_are_exact_where_floats_cancel():
    # identically 1, but evaluated in floats the terms cancel catastrophically (errors of
    # about 1e17, far above any tolerance): the signs must be decided exactly
    c, p = sp.symbols("c p")
    big = 10**17
    d = (c * big + 1) ** 2 - (c * big) ** 2 - 2 * big * c
    pts = [{c: sp.Rational(k, 7), p: sp.Rational(1, 3)} for k in range(1, 40)]
    assert _sign_counts(d, pts, (c, p)) == {"+": 39, "-": 0, "0": 0}
    assert _sign_counts(d - 1, pts, (c, p)) == {"+": 0, "-": 0, "0": 39}
    assert _sign_counts(sp.sqrt(2) * d - sp.sqrt(2), pts, (c, p))["0"] == 39  # not rational
