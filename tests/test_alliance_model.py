"""The CSA game builders: signalling game, symbolic mode, reordered game, collective action,
cases (alliance_games.alliance)."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp

from alliance_games import SignallingGame, belief, solve, verify
from alliance_games.alliance import collective_action, geography
from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.cases import CASES, case_box, theta_range
from alliance_games.alliance.collective_action import (
    _is_equilibrium,
    collective_action_game,
    stage_payoffs,
)
from alliance_games.alliance.model import alliance_game, branch_report
from alliance_games.alliance.parameters import PARAMETERS, S, baseline, parameter
from alliance_games.alliance.reordered import (
    COMMITMENTS,
    ROBUSTNESS_COMMITMENTS,
    reordered_game,
)
from alliance_games.errors import ParameterError
from alliance_games.solving.belief_parametric import _on_wall, box_condition, solver_parameters
from alliance_games.solving.traced import certificate_holds

R = sp.Rational
MU = belief("H")


@pytest.fixture(scope="module")
def game():
    return alliance_game()


def test_game_structure(game):
    assert isinstance(game, SignallingGame)
    assert game.types == ("L", "H")
    assert game.messages == ("no_cs", "cs")
    assert game.actions == (("N", "B", "I"), ("N", "B", "M"))
    assert game.prior == (R(1, 2), R(1, 2))
    assert not game.is_parametric and game.has_belief_payoffs
    snd, rcv = pay.payoff_tables(point=baseline())
    for t in range(2):
        for m in range(2):
            for a in range(3):
                assert game.sender_payoffs[t][m][a] == snd[t][m][a]
                assert game.receiver_payoffs[t][m][a] == rcv[t][m][a]
                assert game.sender_payoffs[t][m][a].free_symbols <= {MU}


def test_prior_and_overrides():
    g = alliance_game({"q": "1/4", S.a: 0}, theatre="sea")
    assert g.prior == (R(3, 4), R(1, 4))
    assert g.sender_payoffs[1][1][2] == pay.client_payoff(
        "H", "cs", "M", theatre="sea", point=baseline(q=R(1, 4), a=0))
    with pytest.raises(ParameterError):
        alliance_game({"q": 2})
    with pytest.raises(ParameterError):
        alliance_game(theatre="air")


def test_symbolic_subset_agrees_with_numeric_and_records_branches(game):
    g = alliance_game(symbolic=["pi_A", "a"])
    assert set(g.parameters) == {S.pi_A, S.a}
    assert g.assumptions  # clamp and help branches recorded
    for cond in g.assumptions:
        assert cond.subs(baseline()) == sp.true
    g2 = g.subs({S.pi_A: 4, S.a: 3})
    for t in range(2):
        for m in range(2):
            for a in range(3):
                d = g2.sender_payoffs[t][m][a] - game.sender_payoffs[t][m][a]
                assert sp.simplify(d) == 0
    # the symbolic game is only valid where the recorded branches hold: pi_A = 20 breaks one
    assert not all(c.subs({S.pi_A: 20, S.a: 3}) == sp.true for c in g.assumptions)


def test_symbolic_game_keeps_the_parameters_closed_ends():
    """``a >= 0`` is admissible (the baseline's a = 0 lies in the symbolic game's box), and
    a branch condition's parameter is a solver parameter even where no payoff uses it."""
    g = alliance_game({"a": 0, "pi_A": 1}, symbolic=["pi_A", "a"])
    assert g.closed[S.a] == (True, False)
    params = solver_parameters(g)
    assert params == (S.a, S.pi_A)
    assert box_condition(g, params).xreplace({S.a: 0, S.pi_A: 1}) is sp.true
    assert all(c.xreplace({S.a: 0, S.pi_A: 1}) is sp.true for c in g.assumptions)
    g = alliance_game({"a": 6, "pi_A": 4}, symbolic=["pi_A", "a"])  # a high: nobody ties
    assert S.a not in g.free_parameters and solver_parameters(g) == (S.a, S.pi_A)


def test_branch_report_baseline():
    rep = branch_report()
    assert all(v["helps"] == (t == "H") for (t, _, _), v in rep.items())
    assert not any(v["attack_cap_binds"] for v in rep.values())
    assert rep[("H", "cs", "M")]["fight_if_help"] == "always"
    assert rep[("L", "no_cs", "N")]["fight_alone"] == "never"


def _check_client_equilibrium(eq, menu, theatre):
    """Independent check on the path (verify covers the off-path beliefs): each type's
    message is a best response among the on-path messages, with the design the
    commitment fixes after each message, at the Bayes posteriors."""
    pt = baseline()
    q = pt[S.q]
    on = [m for m in menu if m in eq.on_path]
    post = {}
    for m in on:
        pH = q * sp.sympify(eq.sender["H"][m])
        pL = (1 - q) * sp.sympify(eq.sender["L"][m])
        post[m] = pH / (pH + pL)
        assert sp.sympify(eq.beliefs[m]["H"]) == post[m]
    for t in ("L", "H"):
        u = {m: pay.client_payoff(t, m, menu[m][0], theatre=theatre, point=pt, mu_H=post[m])
             for m in on}
        for m in on:
            if sp.sympify(eq.sender[t][m]) > 0:
                assert all(u[m] >= u[k] for k in on)


def test_patron_first_menu_has_no_conditional_design():
    for c, menu in COMMITMENTS.items():
        assert len({d for ds in menu.values() for d in ds}) == 1, c
        assert all(len(ds) == 1 for ds in menu.values())
    assert "Mult" not in COMMITMENTS and "Mult" in ROBUSTNESS_COMMITMENTS


@pytest.mark.parametrize("theatre", ["land", "sea"])
def test_reordered_game_by_the_engine(theatre):
    res = reordered_game(theatre=theatre, robustness=True)
    assert set(res.commitments) == set(COMMITMENTS) | set(ROBUSTNESS_COMMITMENTS)
    for cm in res.commitments.values():
        assert cm.equilibria and cm.selected in cm.survivors
        for eq in cm.equilibria:
            assert verify(eq.game, eq).ok
            if eq.is_pure:
                _check_client_equilibrium(eq, cm.menu, theatre)
        lo, hi = cm.value_range
        assert sp.N(lo) <= sp.N(cm.value) <= sp.N(hi)
    best = max(sp.N(cm.value) for cm in res.commitments.values())
    assert sp.N(res.value) == best


def test_collective_action_matches_the_signalling_game_on_the_diagonal():
    (u1, u2), uP = stage_payoffs(("H", "H"), (1, 1), "M", point=baseline())
    assert u1 == u2 == pay.client_payoff("H", "cs", "M", point=baseline(), mu_H=1)
    assert sp.simplify(uP - pay.patron_payoff("H", "cs", "M", point=baseline(), mu_H=1)) == 0
    (u1, _), _ = stage_payoffs(("L", "L"), (0, 0), "B", point=baseline())
    assert u1 == pay.client_payoff("L", "no_cs", "B", point=baseline(), mu_H=0)


def test_free_riding_at_baseline_and_cheap_cs_restores_commitment():
    g = collective_action_game(("H", "H"))
    A = g.payoffs[0]
    assert g.free_riding == (True, True)
    assert A[0][1] > A[1][1]  # staying out while the other commits pays
    assert not g.both_commit_is_equilibrium
    g2 = collective_action_game(("H", "H"), {"z_CS": "1/20"})
    assert g2.both_commit_is_equilibrium and g2.designs[1][1] == "M"
    for gg in (g, g2):
        Af = [[Fraction(str(x)) for x in row] for row in gg.payoffs[0]]
        Bf = [[Fraction(str(x)) for x in row] for row in gg.payoffs[1]]
        for p, q in gg.nashpy_support + gg.nashpy_vertex:
            assert (p, q) in gg.equilibria
            assert _is_equilibrium(Af, Bf, p, q)
        assert gg.nashpy_support  # support enumeration finds at least one


def test_cases_are_coded_with_quotes():
    assert {"Dunkirk 1947", "Brussels 1948", "NATO 1949", "Pacific 1951", "SEATO 1954"} \
        <= set(CASES)
    for case in CASES.values():
        assert case.theatre in ("land", "sea")
        # geography is coded as primitives; the threat is never coded
        assert "theta" not in case.ranges
        assert {"pi_A", "d", "s_w", "phi"} <= set(case.ranges)
        for r in case.ranges.values():
            assert r.lo <= r.hi and r.quote and r.reason and "10.1017/eis.2024.62" in r.citation
        lo, hi = theta_range(case)
        assert 0 < lo < geography.theta(None, case_box(case, corner="mid")) < hi < 1
        # the theatre label agrees with the coded water share
        assert (case.ranges["s_w"].hi <= sp.Rational(1, 2)) == (case.theatre == "land")
    assert CASES["NATO 1949"].outcome.ended is None
    assert CASES["SEATO 1954"].outcome.design == "I"
    assert CASES["Pacific 1951"].outcome.cs_formed is False


def test_fully_symbolic_game_declares_every_symbol_it_uses():
    g = alliance_game(symbolic=True)
    used = set()
    for tab in (g.sender_payoffs, g.receiver_payoffs):
        for row in tab:
            for cell in row:
                for x in cell:
                    used |= x.free_symbols
    assert used - set(g.parameters) == {MU}
    pt = baseline()
    assert all(c.xreplace(pt) == sp.true for c in g.assumptions)
    # at the baseline it is the numeric game (spot check one cell)
    x = g.sender_payoffs[1][1][2].xreplace(pt)
    assert sp.simplify(x - alliance_game().sender_payoffs[1][1][2]) == 0


def test_exact_values_are_never_rationalised_or_approximated():
    # sympy's nsimplify is not the identity on exact numbers (1941/2000 becomes an irrational
    # number close to it); the model's exact values keep their value
    assert collective_action._fr(sp.Rational(1941, 2000)) == Fraction(1941, 2000)
    q = parameter("q")
    assert q.contains(sp.Rational(1941, 2000))
    # decided exactly, not through a rational approximation
    inside = q.interval.sup - sp.sqrt(2) / 10**40
    assert q.contains(inside) == bool(inside < q.interval.sup)


def test_parameter_ranges_decided_exactly_on_and_next_to_their_ends():
    # Parameter.contains (exact signs) against sympy's Interval.contains, at the ends, just
    # inside and outside them, and at irrational points next to them
    tiny = sp.Rational(1, 10**12)
    for p in PARAMETERS:
        ends = [e for e in (p.lower, p.upper) if e.is_finite]
        values = [p.baseline, *p.box]
        for e in ends:
            values += [e, e - tiny, e + tiny, e + sp.sqrt(2) * tiny, e - sp.sqrt(3) * tiny]
        for v in values:
            assert p.contains(v) == bool(p.interval.contains(v)), (p.name, v)
    assert not parameter("q").contains(sp.oo)
    with pytest.raises(ParameterError, match="not a number"):
        parameter("q").contains(sp.Symbol("x"))


def _agrees_at(g, res, at: dict) -> None:
    """The equilibria whose conditions hold at ``at``: point-wise ``solve``'s, and each
    passes ``verify`` there."""
    held = [e for e in res if bool(e.condition.xreplace(at))]
    assert sorted(e.label.split(" #")[0] for e in held) == \
        sorted(e.label for e in solve(g.subs(at)))
    for e in held:
        assert verify(g, e, values=at).ok


def test_flagship_regions_over_two_parameters_against_pointwise():
    """The flagship with ``pi_A`` and ``a`` symbolic (the baseline's branch region): the
    equilibria of the cells against point-wise ``solve`` and ``verify`` at random rational
    points of the region that the result decides."""
    g = alliance_game(symbolic=["pi_A", "a"])
    res = solve(g)
    assert res.cells and res.undecided is not sp.false
    rng = random.Random(0)
    decided = 0
    for _ in range(300):
        at = {S.pi_A: sp.Rational(rng.randint(2000, 6000), 1000),
              S.a: sp.Rational(rng.randint(0, 3000), 1000)}
        if not all(c.xreplace(at) is sp.true for c in g.assumptions) or \
                bool(res.undecided.xreplace(at)):
            continue
        _agrees_at(g, res, at)
        decided += 1
        if decided == 3:
            break
    assert decided == 3
    # and on the boundaries the sampling traced cells along (one point of each)
    on_walls = 0
    for cell in (c for c in res.cells[0] if c.along):
        (wall,) = [f for f, s in cell.certificate if s == 0]
        for _ in range(100):
            x = _on_wall(wall, g, solver_parameters(g), rng)
            if x is None or not certificate_holds(cell.certificate, x):
                continue
            at = dict(zip(solver_parameters(g), map(sp.Rational, x)))
            if all(c.xreplace(at) is sp.true for c in g.assumptions):
                break
        else:
            continue
        assert not bool(res.undecided.xreplace(at))
        _agrees_at(g, res, at)
        on_walls += 1
        if on_walls == 4:
            break
    assert on_walls == 4
