"""Closed forms of the CSA model against hand-derived values (alliance_games.alliance)."""

from __future__ import annotations

import random

import numpy as np
import pytest
import sympy as sp

from alliance_games.alliance import geography, war
from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.duration import duration_weighted_value, expected_duration, survival
from alliance_games.alliance.numeric import baseline_floats, exact_tables, float_tables, float_theta
from alliance_games.alliance.parameters import (
    CHOSEN_HERE,
    PARAMETERS,
    baseline,
    orderings_hold,
    parameter,
    validate,
)
from alliance_games.errors import ParameterError, UnknownLabelError

R = sp.Rational


# ----------------------------------------------------------------- parameters
def test_baseline_matches_spec_section_7():
    b = baseline()
    expect = dict(kappa=1, pi_A=4, d=1, s_w=0, beta_w=7, m=3, eta=R(1, 4), v_L=2, v_H=12,
                  h_L=6, h_H=1, q=R(1, 2), rho=R(1, 2), a=3, z_CS=R(3, 10), a_I=R(1, 2),
                  z=R(1, 5), s_P=10, cP_plus=R(5, 2), cP_minus=5, nu=1, b_M=R(3, 2),
                  b_B=R(3, 4), k_M=R(1, 20), k_B=R(1, 20), k_I=R(1, 20), g_B=0, V_A=1,
                  sigma=R(1, 4), delta=R(9, 10))
    for name, value in expect.items():
        assert b[sp.Symbol(name)] == value, name
        assert isinstance(b[sp.Symbol(name)], sp.Rational)
    assert all(p.baseline.is_Rational for p in PARAMETERS)
    assert set(CHOSEN_HERE) >= {"phi", "c_C", "omega"}


def test_every_parameter_has_a_source_and_its_baseline_is_admissible():
    for p in PARAMETERS:
        assert p.source and p.citation and p.meaning
        assert p.contains(p.baseline), p.name
        assert p.contains(p.box[0]) and p.contains(p.box[1]), p.name
        assert p.symbol == sp.Symbol(p.name)


@pytest.mark.parametrize("name,value", [("q", 1), ("q", 0), ("phi", R(3, 2)), ("kappa", 0),
                                        ("s_w", 2), ("beta_w", R(1, 2)), ("delta", 1), ("rho", 2)])
def test_out_of_range_raises_naming_the_parameter(name, value):
    with pytest.raises(ParameterError, match=name):
        baseline(**{name: value})


def test_unknown_and_float_values_raise():
    with pytest.raises(ParameterError, match="kapa"):
        baseline(kapa=1)
    with pytest.raises(ParameterError, match="exact"):
        baseline(a=0.5)
    with pytest.raises(ParameterError):
        parameter("nope")


def test_orderings_are_assumptions_not_ranges():
    point = baseline(h_H=7)  # violates single crossing but stays admissible
    assert orderings_hold(point)["A-SC help cost h_H < h_L"] is False
    with pytest.raises(ParameterError, match="h_H < h_L"):
        validate(point, orderings=True)
    validate(baseline(), orderings=True)


# ----------------------------------------------------------------- geography
def test_theta_land_and_sea_at_baseline():
    assert geography.theta("land", baseline()) == R(2, 3)
    assert geography.theta("sea", baseline()) == R(1, 3)


def test_foothold_closes_the_distance_on_land_and_at_sea():
    for th in ("land", "sea"):
        f = lambda ph: geography.theta(th, baseline(phi=ph))  # noqa: E731, B023
        assert f(0) < f(R(1, 2)) < f(1) == R(4, 5)   # full foothold: zero distance
    # by hand: d_eff = (1 - 1/2) * 1 * (1 + 6) = 7/2, lam = 1/(1 + 7/2)
    assert geography.lam_eff("sea", baseline(phi=R(1, 2))) == R(2, 9)
    assert geography.lam_eff("sea", baseline(phi=R(1, 2)), form="exponential") == 2 ** R(-7, 2)
    with pytest.raises(ParameterError):
        geography.theta("air", baseline())


def test_pi_for_theta_inverts_theta():
    for t in (R(1, 5), R(1, 2), R(9, 10)):
        for th in ("land", "sea"):
            pi = geography.pi_for_theta(t, th, baseline())
            assert geography.theta(th, baseline(pi_A=pi)) == t


# ----------------------------------------------------------------- war stage
def test_tullock_and_W_by_hand():
    # A = 2, kappa = 1, m = 3: p(4) - p(1) = 2/3 - 1/3; W(0) = 10/3 - 5
    assert war.W_alone(10, 1, 3, 2, 5) == R(-5, 3)
    # p(5) - p(2) = 5/7 - 1/2 = 3/14; W(1) = 30/14 - 5/2
    assert war.W_help(10, 1, 3, 2, R(5, 2)) == R(-5, 14)


def test_A_entrap_holds_at_baseline_for_every_design_and_theatre():
    for th in ("land", "sea"):
        for t in pay.TYPES:
            for m in pay.MESSAGES:
                for d in pay.DESIGNS[m]:
                    assert pay.war_state(t, m, d, theatre=th, point=baseline()).W0 < 0


def test_fight_probability_clamp_and_branch_free_form():
    x = sp.Symbol("x")
    assert war.fight_probability(R(-3, 2), 1) == 0
    assert war.fight_probability(R(3, 2), 1) == 1
    assert war.fight_probability(R(1, 2), 1) == R(3, 4)
    for v in (R(-9, 10), R(0), R(1, 3)):
        assert war.fight_probability(v, 1) == war.fight_probability_interior(v, 1)
    assert isinstance(war.fight_probability(x, 1), sp.Piecewise)
    # E[eps | fight] inside (-nu, nu): mean of U[-x, nu] = (nu - x)/2
    assert war.expected_shock_given_fight(R(1, 2), 1) == R(1, 4)


def test_help_value_peaks_at_sqrt2_over_1_plus_sqrt2():
    t = sp.Symbol("theta", positive=True)
    peak = war.help_value_peak()
    assert sp.simplify(peak - sp.sqrt(2) / (1 + sp.sqrt(2))) == 0
    # the theta form equals p(2k) - p(k) with A = k theta / (1 - theta)
    k = sp.Symbol("k", positive=True)
    assert sp.simplify(war.help_value(k, k * t / (1 - t)) - war.help_value_theta(t)) == 0
    # a maximum: second derivative negative there, and it beats nearby rationals
    f = war.help_value_theta(t)
    assert sp.simplify(sp.diff(f, t, 2).subs(t, peak)) < 0
    for other in (R(1, 2), R(3, 5), R(2, 3)):
        assert f.subs(t, peak) > f.subs(t, other)


def test_attack_probability_in_unit_interval_and_capped():
    mu = pay.MU_H
    for th in ("land", "sea"):
        for m in pay.MESSAGES:
            for d in pay.DESIGNS[m]:
                r = pay.attack_probability(m, d, theatre=th, point=baseline())
                for b in (0, R(1, 3), 1):
                    assert 0 <= r.subs(mu, b) <= 1
    r = pay.attack_probability("no_cs", "N", point=baseline(V_A=10))
    assert r.has(sp.Min) and r.subs(mu, 0) == 1


def test_never_bluff_and_help_decisions_at_baseline():
    # land: H helps under every design, L never (a = 3 < h_L - rho v_L dPbar)
    for m in pay.MESSAGES:
        for d in pay.DESIGNS[m]:
            assert pay.war_state("H", m, d, point=baseline()).helps == 1
            assert pay.war_state("L", m, d, point=baseline()).helps == 0
    # a large enough hand-tying cost makes even L honour CS
    assert pay.war_state("L", "cs", "M", point=baseline(a=6)).helps == 1


def test_payoff_by_hand_H_no_cs_N_land():
    # no CS, no alliance, A = 2, partner helps: p(2k+m) = p(5) = 5/7, p(2k) = 1/2,
    # W(1) = 10*(5/7 - 1/2) - 5/2 = -5/14; b_N = 0 -> fight (-5/14 + 1)/2 = 9/28;
    # Pbar(1) = 9/28 * 5/7 + 19/28 * 1/2 = 223/392
    ws = pay.war_state("H", "no_cs", "N", point=baseline())
    assert ws.W1 == R(-5, 14)
    assert ws.fight == R(9, 28)
    assert ws.hold == R(223, 392)
    assert ws.shock == (1 - R(-5, 14)) / 2
    r = pay.attack_probability("no_cs", "N", point=baseline())
    u = pay.client_payoff("H", "no_cs", "N", point=baseline())
    expect = -r / 2 * ((1 + R(1, 2)) * 12 * (1 - ws.hold) + 0 + 1)
    assert sp.expand(u - expect) == 0


def test_duration_formulas():
    assert survival([0, 0, 0], 1) == R(1, 8)
    assert expected_duration(R(3, 4)) == 4
    # V = U + delta [S V + (1-S)(V_f - omega)]
    U, Uf, S_, d, om = R(1), R(2), R(1, 3), R(1, 2), R(1, 5)
    V = duration_weighted_value(U, Uf, S_, d, om)
    assert sp.simplify(V - (U + d * (S_ * V + (1 - S_) * (Uf / (1 - d) - om)))) == 0


def test_labels_are_checked():
    with pytest.raises(UnknownLabelError):
        pay.client_payoff("H", "cs", "I", point=baseline())
    with pytest.raises(UnknownLabelError):
        pay.war_state("X", "cs", "M", point=baseline())


# ----------------------------------------------------------------- float vs exact
def _random_point(rng: random.Random) -> dict:
    out = {}
    for p in PARAMETERS:
        lo, hi = p.box
        out[p.name] = lo + (hi - lo) * R(rng.randint(1, 99), 100)
    return out


def test_float_tables_agree_with_exact_at_random_rational_points():
    rng = random.Random(20250)
    for th in ("land", "sea"):
        f = float_tables(th)
        for _ in range(6):
            pt = _random_point(rng)
            mu = R(rng.randint(0, 10), 10)
            snd_e, rcv_e = exact_tables(pt, th, mu_H=mu)
            snd_f, rcv_f = f({k: float(v) for k, v in pt.items()}, float(mu))
            for t in range(2):
                for m in range(2):
                    for a in range(3):
                        assert float(snd_e[t][m][a]) == pytest.approx(snd_f[t, m, a], rel=1e-9,
                                                                      abs=1e-9)
                        assert float(rcv_e[t][m][a]) == pytest.approx(rcv_f[t, m, a], rel=1e-9,
                                                                      abs=1e-9)


def test_float_tables_broadcast_over_arrays():
    pt = baseline_floats()
    pt["pi_A"] = np.array([2.0, 4.0, 8.0])
    snd, rcv = float_tables("land")(pt, 0.5)
    assert snd.shape == (2, 2, 3, 3)
    one = baseline_floats()
    one["pi_A"] = 4.0
    s1, _ = float_tables("land")(one, 0.5)
    assert np.allclose(snd[..., 1], s1)
    assert float_theta("land")(pt).tolist() == pytest.approx([0.5, 2 / 3, 0.8])
