"""The CSA game through the core solver (alliance_games.solve / verify)."""

from __future__ import annotations

import pytest
import sympy as sp

from alliance_games import solve, verify
from alliance_games.alliance.analysis import sign
from alliance_games.alliance.geography import pi_for_theta
from alliance_games.alliance.model import alliance_game, signalling_patron_value
from alliance_games.alliance.parameters import baseline
from alliance_games.alliance.reordered import compare_orders, reordered_game


@pytest.fixture(scope="module")
def baseline_solution():
    g = alliance_game()
    return g, list(solve(g, pure=True))


def test_baseline_pure_equilibria_verify(baseline_solution):
    g, eqs = baseline_solution
    assert eqs
    for eq in eqs:
        v = verify(g, eq)
        assert v.ok, v.failures


def test_baseline_has_the_separating_equilibrium_H_commits_P_joins(baseline_solution):
    _, eqs = baseline_solution
    sep = [e for e in eqs if e.sender["H"]["cs"] == 1 and e.sender["L"]["no_cs"] == 1]
    assert len(sep) == 1
    e = sep[0]
    assert e.receiver["cs"]["M"] == 1
    assert e.receiver["no_cs"]["I"] == 1
    assert e.intuitive_criterion and e.d1
    # pooling on no CS exists but fails the Intuitive Criterion at the baseline
    pool = [e for e in eqs if e.sender["H"]["no_cs"] == 1 and e.sender["L"]["no_cs"] == 1]
    assert pool and not any(p.intuitive_criterion for p in pool)
    assert sp.N(signalling_patron_value(e)) < 0


def test_theatre_enters_only_through_theta():
    pt = baseline()
    t = sp.Rational(1, 2)
    land = alliance_game({"pi_A": pi_for_theta(t, "land", pt)}, theatre="land")
    sea = alliance_game({"pi_A": pi_for_theta(t, "sea", pt)}, theatre="sea")
    assert land.sender_payoffs == sea.sender_payoffs
    assert land.receiver_payoffs == sea.receiver_payoffs


def test_H1b_baseline_refuted_strictly_and_mult_is_a_tie(baseline_solution):
    """At the baseline the patron does better committing first to I (at the prior) than
    letting the clients move first; the conditional Mult rule only ties (robustness)."""
    _, eqs = baseline_solution
    sep = next(e for e in eqs if e.sender["H"]["cs"] == 1 and e.sender["L"]["no_cs"] == 1)
    ro = reordered_game(robustness=True)
    assert ro.best == "I" and ro.commitments["I"].selected_equilibrium.kind == "pooling"
    clients_first = signalling_patron_value(sep)
    assert sign(clients_first - ro.commitments["I"].value) < 0
    assert sp.simplify(clients_first - ro.commitments["Mult"].value) == 0
    c = compare_orders()
    assert (c.strict, c.weak, c.tie, c.best_commitment) == (False, False, False, "I")


def _hybrid_a1():
    """A semi-separating PBE at a = 1 (baseline otherwise), derived by hand: H commits, L
    commits with probability x so that mu_H(cs) = 46335483/47546345 makes L indifferent
    between (cs, M) and (no_cs, I); the patron answers M and I."""
    from types import SimpleNamespace

    mc = sp.Rational(46335483, 47546345)
    x = (1 - mc) / mc
    return SimpleNamespace(
        sender={"L": {"no_cs": 1 - x, "cs": x}, "H": {"no_cs": 0, "cs": 1}},
        receiver={"no_cs": {"N": 0, "B": 0, "I": 1}, "cs": {"N": 0, "B": 0, "M": 1}},
        beliefs={"no_cs": {"L": 1, "H": 0}, "cs": {"L": 1 - mc, "H": mc}},
        condition=sp.true, family=None, on_path=frozenset({"no_cs", "cs"}))


def test_hand_derived_hybrid_at_a1_is_a_pbe():
    g = alliance_game({"a": 1})
    assert verify(g, _hybrid_a1()).ok


def test_solve_finds_the_hybrid_at_a1():
    g = alliance_game({"a": 1})
    target = _hybrid_a1()
    found = [e for e in solve(g) if e.sender["L"]["cs"] == target.sender["L"]["cs"]
             and e.sender["H"]["cs"] == 1]
    assert found
