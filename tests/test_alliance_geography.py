"""Geography as primitives: power, distance, water share and foothold make the threat."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from alliance_games.alliance import geography
from alliance_games.alliance.analysis import solve_point
from alliance_games.alliance.cases import CASES, case_box
from alliance_games.alliance.geostatics import geography_curves
from alliance_games.alliance.model import alliance_game
from alliance_games.alliance.parameters import baseline
from alliance_games.errors import ParameterError

R = sp.Rational


def _tables(g):
    return (g.sender_payoffs, g.receiver_payoffs)


def test_theta_by_hand_from_the_primitives():
    # d_eff = (1 - phi) d (1 + (beta_w - 1) s_w); lam = 1/(1 + d_eff); theta = A/(A + kappa)
    pt = baseline(pi_A=6, d=2, s_w=R(1, 4), beta_w=5, phi=R(1, 2), kappa=2)
    d_eff = R(1, 2) * 2 * (1 + 4 * R(1, 4))
    A = 6 / (1 + d_eff)
    assert geography.effective_distance(None, pt) == d_eff
    assert geography.theta(None, pt) == A / (A + 2)


def test_nato_at_two_water_shares_gives_different_games():
    mid = {s.name: v for s, v in case_box("NATO 1949").items()}
    r = CASES["NATO 1949"].ranges["s_w"]
    lo = alliance_game(dict(mid, s_w=r.lo))
    hi = alliance_game(dict(mid, s_w=r.hi))
    assert geography.theta(None, dict(mid, s_w=r.lo)) > geography.theta(None, dict(mid, s_w=r.hi))
    assert _tables(lo) != _tables(hi)


def test_foothold_matters_on_land_too():
    g0 = alliance_game({"phi": 0}, theatre="land")
    g1 = alliance_game({"phi": R(1, 2)}, theatre="land")
    assert _tables(g0) != _tables(g1)
    assert geography.theta("land", baseline(phi=R(1, 2))) > geography.theta("land", baseline())


def test_theatre_keyword_is_the_water_share():
    assert _tables(alliance_game(theatre="sea")) == _tables(alliance_game({"s_w": 1}))
    assert _tables(alliance_game()) == _tables(alliance_game(theatre="land"))
    with pytest.raises(ParameterError, match="water share"):
        alliance_game({"s_w": R(1, 2)}, theatre="land")
    with pytest.raises(ParameterError, match="theatre"):
        alliance_game(theatre="air")


def test_land_and_sea_at_equal_power_and_distance_differ_in_threat_and_pr_cs():
    """The baseline power and distance: land theta 2/3 separates (Pr(CS) = q), the same
    power and distance over water (theta 1/3) pools on no CS (Pr(CS) = 0)."""
    land, sea = solve_point(theatre="land"), solve_point(theatre="sea")
    assert land.theta == R(2, 3) and sea.theta == R(1, 3)
    assert land.quantities["pr_cs"].selected == R(1, 2)
    assert sea.quantities["pr_cs"].selected == 0


def test_distance_curve_land_and_sea_are_distinct_curves():
    c = geography_curves("d", k=2, lo=0, hi=2, processes=1, progress=False)
    # at zero distance water does not matter: the two theatres are one game
    assert c.theta["land"][0] == c.theta["sea"][0]
    assert c.pr_cs("land")[0] == c.pr_cs("sea")[0]
    # at distance 2 they differ in threat, and land is at least as likely to form CS here
    assert c.theta["land"][1] > c.theta["sea"][1]
    assert c.pr_cs("land")[1] >= c.pr_cs("sea")[1]
    for t in ("land", "sea"):
        total = sum(c.designs(t).values())
        assert np.allclose(total, 1.0)


def test_theta_threshold_bracket_is_certified_by_resolving_its_ends():
    from alliance_games.alliance.thresholds import equilibrium_class, theta_thresholds
    (t,) = theta_thresholds(k=2, lo=R(9, 20), hi=R(1, 2), tol=R(1, 64), processes=1,
                            progress=False)
    assert t.hi - t.lo <= R(1, 64) and R(9, 20) <= t.lo < t.hi <= R(1, 2)
    assert equilibrium_class(solve_point({"theta": t.lo}, theatre="land")) == t.left
    assert equilibrium_class(solve_point({"theta": t.hi}, theatre="land")) == t.right
    assert t.left != t.right


def test_commitment_threshold_separates_commitment_from_free_riding():
    from alliance_games.alliance.collective_action import (
        collective_action_game,
        commitment_threshold,
    )
    z = commitment_threshold()
    assert z == R(1, 5)   # at the baseline: the disutility z of the imposed treaty
    assert collective_action_game(("H", "H"), {"z_CS": z - R(1, 100)}) \
        .both_commit_is_equilibrium
    assert not collective_action_game(("H", "H"), {"z_CS": z + R(1, 100)}) \
        .both_commit_is_equilibrium


def test_entrapment_is_the_extra_fighting_a_commitment_causes():
    from alliance_games.alliance import payoffs as pay
    from alliance_games.alliance import war
    pt = baseline()
    assert pay.entrapment("L", "no_cs", "N", point=pt, mu_H=0) == 0   # no commitment
    ws = pay.war_state("L", "no_cs", "I", point=pt)
    W = ws.W1 if ws.helps == 1 else ws.W0
    r = pay.attack_probability("no_cs", "I", point=pt, mu_H=0)
    want = r * (war.fight_probability(W + pt[sp.Symbol("b_M")], 1) - war.fight_probability(W, 1))
    assert pay.entrapment("L", "no_cs", "I", point=pt, mu_H=0) == want > 0
