"""Belief-dependent payoffs (two types): exact solving checked two independent ways.

1. On games whose payoffs do NOT depend on beliefs, the belief-dependent solver (which
   works with univariate algebraic conditions in the posterior) must return exactly the
   equilibria of the linear support-enumeration solver, with the same refinement flags.
2. On games whose payoffs DO depend on the posterior, every equilibrium passes the
   independent verifier, and a hand-derived game gives its known answer.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_games import BeliefSet, SignallingGame, belief, solve, verify
from alliance_games.solving.algebraic import linear_solve
from alliance_games.solving.belief_payoffs import solve_belief_game
from alliance_games.solving.refinements.family import VERDICT_NOTE

DATA = json.loads((Path(__file__).parent / "data" / "signalling_known_answers.json").read_text())


def _key(res):
    return sorted((e.label, e.intuitive_criterion if not e.notes else None,
                   e.d1 if not e.notes else None) for e in res)


@pytest.mark.parametrize("case", [c for c in DATA["cases"] if len(c["types"]) == 2],
                         ids=lambda c: c["name"])
def test_agrees_with_linear_solver_on_known_games(case):
    game = SignallingGame.from_arrays(case["prior"], case["payoffs"]["sender"],
                                      case["payoffs"]["receiver"], types=case["types"],
                                      messages=case["messages"], actions=case["actions"])
    for pure in (True, False):
        assert _key(solve_belief_game(game, pure=pure)) == _key(solve(game, pure=pure))


@st.composite
def small_games(draw):
    """Generic games: distinct payoffs (continua of posteriors in degenerate games are
    represented by sample points in the belief-dependent solver, see its docs)."""
    n_m = draw(st.integers(2, 3))
    n_a = draw(st.integers(2, 3))
    def table():
        rows = []
        for _ in range(2):
            flat = draw(st.lists(st.integers(-40, 40), min_size=n_a * n_m,
                                 max_size=n_a * n_m, unique=True))
            rows.append([flat[i * n_a:(i + 1) * n_a] for i in range(n_m)])
        return rows
    u, v = table(), table()
    p = draw(st.sampled_from([Fraction(1, 3), Fraction(2, 5), Fraction(3, 7)]))
    return SignallingGame.from_arrays([p, 1 - p], u, v)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_games())
def test_agrees_with_linear_solver_on_random_games(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lin = solve(game)
    bd = solve_belief_game(game)
    # families whose on-path payoffs vary may carry representative-dependent flags
    assert {e.label for e in bd} == {e.label for e in lin}
    flags = {e.label: (e.intuitive_criterion, e.d1) for e in lin if e.family is None}
    for e in bd:
        if not e.notes and e.label in flags:
            assert (e.intuitive_criterion, e.d1) == flags[e.label], e.label


def test_never_best_response_with_belief_dependent_payoff():
    # After m1 the receiver never plays b0 (it costs 1 at every belief), so the senders'
    # belief-dependent payoff from (m1, b0) cannot matter: the equilibria are those of the
    # ordinary game with any number there.  At m0 the receiver is indifferent at every
    # belief (families of mixtures); the solver once raised NotImplementedError here.
    mu = belief("L")
    rows = [[[0, 0], [-1, 0]], [[0, 0], [-1, 0]]]
    game = SignallingGame.from_arrays(["1/2", "1/2"], [[[1, 0], [mu, 0]], [[0, 1], [mu, 0]]],
                                      rows, types=["L", "H"])
    plain = SignallingGame.from_arrays(["1/2", "1/2"], [[[1, 0], [7, 0]], [[0, 1], [7, 0]]],
                                       rows, types=["L", "H"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lin = solve(plain)
    flags = {e.label: (e.intuitive_criterion, e.d1) for e in lin if e.family is None}
    for fast in (True, False):
        res = solve_belief_game(game, fast=fast)
        assert {e.label for e in res} == {e.label for e in lin}, fast
        for eq in res:
            assert verify(game, eq).ok, eq.label
            if not eq.notes and eq.label in flags:
                assert (eq.intuitive_criterion, eq.d1) == flags[eq.label], eq.label


def test_posterior_pinned_by_indifference_to_a_receiver_pinned_posterior():
    # Both types mix over m0 and m1.  After m0 the receiver plays a0 only at mu_L = 1/2
    # (a0 is worth -(mu_L - 1/2)**2, a1 is worth 0), which pins x0 = 1/2.  Each type is
    # indifferent when u(m0, a0) = x0 equals u(m1, a0) = 2 x1, so x1 = 1/4; the prior 1/3
    # lies between, and Bayes gives sigma_L = (1/2, 1/2), sigma_H = (1/4, 3/4).
    mu = belief("L")
    h = sp.Rational(1, 2)
    game = SignallingGame.from_arrays(
        ["1/3", "2/3"], [[[mu, 0], [2 * mu, 0]], [[mu, 0], [2 * mu, 0]]],
        [[[-(mu - h) ** 2, 0], [1, 0]], [[-(mu - h) ** 2, 0], [1, 0]]], types=["L", "H"])
    for fast in (True, False):
        (eq,) = [e for e in solve_belief_game(game, fast=fast)
                 if e.label == "L:m0+m1 H:m0+m1 | m0:a0 m1:a0"]
        assert eq.beliefs["m0"]["L"] == h and eq.beliefs["m1"]["L"] == sp.Rational(1, 4)
        assert eq.sender["H"]["m0"] == sp.Rational(1, 4)
        assert verify(game, eq).ok
    assert _key(solve_belief_game(game)) == _key(solve_belief_game(game, fast=False))


def test_a_pattern_left_to_the_general_backend_keeps_every_equilibrium():
    """The receiver is indifferent after ``m0`` where the cubic ``q(mu_H)`` vanishes
    (three irrational roots, outside the fast numbers: the pattern goes to the general
    backend).  ``H`` sends ``m0`` and ``L`` mixes, so the posterior ``mu_H`` after
    ``m0`` is at least the prior 1/2; two roots are, and each gives an equilibrium, as
    the quadratic with roots 5/8 and 7/8 does on the fast path.  Both are reported (the
    general backend used to give back only the first solution of the pattern), at
    those roots exactly, and each passes ``verify``."""
    mu, x = belief("H"), sp.Symbol("x")
    label = "L:m0+m1 H:m0 | m0:a0+a1 m1:a0"
    for q, fast_numbers in ((64 * mu**2 - 96 * mu + 35, True),
                            (64 * mu**3 - 96 * mu**2 + 36 * mu - 1, False)):
        game = SignallingGame.from_arrays(
            ["1/2", "1/2"], [[[2, 0], [1, 1]], [[2, 1], [0, 0]]],
            [[[q, 0], [1, 0]], [[q, 0], [1, 0]]], types=["L", "H"])
        res = solve(game)
        found = [e for e in res if e.label.split(" #")[0] == label]
        roots = [r for r in sp.Poly(q.subs(mu, x), x).real_roots()
                 if sp.Rational(1, 2) <= r < 1]
        assert len(roots) == 2 and all(r.is_Rational == fast_numbers for r in roots)
        assert len(found) == 2
        posteriors = sorted((e.beliefs["m0"]["H"] for e in found), key=float)
        for got, r in zip(posteriors, roots):  # (sorted by value; equal exactly)
            assert sp.simplify(got - r) == 0
        assert all(verify(game, e).ok for e in res)


def reputation_game(cost="1/2"):
    """A reputation game: the sender values being thought high (mu_H) after either message.

    Types L, H (prior 1/2 each); messages 'quiet' and 'signal' (the signal costs L
    ``cost`` more than H); the receiver 'trust's or 'doubt's, preferring to trust H.
    Sender payoff: 1 if trusted, plus its reputation mu_H, minus the signal's cost.
    """
    mu_h = belief("H")
    c = sp.Rational(cost)
    sender = [[[mu_h, 1 + mu_h], [mu_h - c, 1 + mu_h - c]],
              [[mu_h, 1 + mu_h], [mu_h - c / 4, 1 + mu_h - c / 4]]]
    receiver = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]
    return SignallingGame.from_arrays(["1/2", "1/2"], sender, receiver, types=["L", "H"],
                                      messages=["quiet", "signal"], actions=["doubt", "trust"])


def test_reputation_game_separating_range():
    # Separating (H signals, L quiet): H gets 1 + 1 - c/4 vs deviating to quiet 0 + 0;
    # L gets 0 + 0 vs mimicking 1 + 1 - c. So separation needs c >= 2 (and c/4 <= 2).
    for cost, separates in (("1/2", False), ("3", True), ("2", True)):
        res = solve(reputation_game(cost), pure=True)
        kinds = {e.kind for e in res}
        assert ("separating" in kinds) == separates, cost
        for eq in res:
            assert verify(eq.game, eq).ok, verify(eq.game, eq).failures


def test_reputation_game_pooling_belief_set_is_exact():
    # Pool on 'quiet' answered by 'trust' (posterior 1/2: receiver indifferent), and
    # 'signal' answered by 'trust'.  Trust after signal needs mu_H >= 1/2; H must not
    # gain: 1 + mu_H - 1/8 <= 3/2, i.e. mu_H <= 5/8; L: 1 + mu_H - 1/2 <= 3/2 always.
    # So the off-path set is mu_H in [1/2, 5/8], i.e. mu(L) in [3/8, 1/2].
    res = solve(reputation_game("1/2"), pure=True)
    (eq,) = [e for e in res if e.on_path == {"quiet"} and e.receiver["quiet"]["trust"] == 1
             and e.receiver["signal"]["trust"] == 1]
    off = eq.beliefs["signal"]
    assert off.interval() == (sp.Rational(3, 8), sp.Rational(1, 2))
    assert off.contains({"L": "7/16", "H": "9/16"})
    assert not off.contains({"L": "1/4", "H": "3/4"})


def test_more_than_two_types_are_solved_over_the_simplex():
    mu = belief("a")
    game = SignallingGame.from_arrays(["1/3", "1/3", "1/3"], [[[mu]], [[0]], [[0]]],
                                      [[[0]], [[0]], [[0]]], types=["a", "b", "c"])
    (eq,) = solve(game)
    assert eq.sender_payoffs["a"] == sp.Rational(1, 3)
    assert eq.beliefs["m0"] == {"a": sp.Rational(1, 3), "b": sp.Rational(1, 3),
                                "c": sp.Rational(1, 3)}


def test_continua_are_split_by_their_members_verdicts():
    """A continuum whose members may differ in their IC/D1 verdicts (an off-path message,
    moving payoffs) is explored along its free coordinate and reported as exact parts,
    each with a member, its range and verdicts that hold on all of it.

    Worked by hand: both types pool on m2, where the receiver is indifferent at the prior
    and plays a0 with any probability r, each type getting 2r.  Off the path, m0 pays L 1
    and H 1 + mu(H) (the receiver plays a0 there), m1 pays L 1 and H 0: the pool needs
    2r >= 1.  At r = 1/2 no type strictly gains from m0 at any belief, so both tests
    pass.  For r > 1/2, L cannot gain from m0 (1 < 2r) but H can (2 > 2r at mu(H) = 1):
    the Intuitive Criterion and D1 put the belief on H, who then deviates.  L mixing over
    m0 and m1 (H on m0) moves H's payoff 1 + mu(H) with its posterior in (1/2, 1), but no
    member passes differently: one verdict, with the range of the posterior."""
    mu = belief("H")
    g = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[1, 1], [1, 1], [2, 0]], [[1 + mu, 1 + mu], [0, 0], [2, 0]]],
        [[[1, 0], [1, 0], [0, 1]], [[1, 0], [1, 0], [1, 0]]], types=["L", "H"])
    res = {e.label: e for e in solve_belief_game(g)}
    first = res["L:m2 H:m2 | m0:a0 m1:a0 m2:a0+a1 #1"]
    second = res["L:m2 H:m2 | m0:a0 m1:a0 m2:a0+a1 #2"]
    assert "L:m2 H:m2 | m0:a0 m1:a0 m2:a0+a1" not in res
    assert first.receiver["m2"]["a0"] == sp.Rational(1, 2)
    assert (first.intuitive_criterion, first.d1) == (True, True)
    assert "the members with rho[m2,a0] = 1/2;" in first.notes[-1]
    assert sp.Rational(1, 2) < second.receiver["m2"]["a0"] < 1
    assert (second.intuitive_criterion, second.d1) == (False, False)
    assert "the members with rho[m2,a0] in (1/2, 1);" in second.notes[-1]
    mixing = res["L:m0+m1 H:m0 | m0:a0 m1:a0 m2:a1"]
    assert "the continuum: the members with mu(L|m0) in (0, 1/2)" in mixing.notes[-1]
    for e in res.values():
        assert VERDICT_NOTE not in e.notes
        assert verify(g, e).ok, (e.label, verify(g, e).failures)
    # without refinements nothing is split
    assert "L:m2 H:m2 | m0:a0 m1:a0 m2:a0+a1" in {e.label for e in
                                                  solve_belief_game(g, refine=False)}


def test_continua_with_two_free_directions_are_described_by_their_payoffs():
    """Separation with the receiver indifferent after both m0 and m1: each type gets
    twice the probability of a0 after its message, and needs at least 1 (from m2, which
    the receiver always answers with a0, paying both types 1).  With one of the two
    mixings free the continuum is a segment, [1/2, 1); with both it is a square of
    mixings whose payoffs fill a square, and its members are those with u(L) >= 1 and
    u(H) >= 1.  No type can gain from m2 more than 1, so every member passes both
    tests."""
    mu = belief("H")
    g = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[2, 0], [0, 0], [1, 1 + mu]], [[0, 0], [2, 0], [1, 1]]],
        [[[0, 0], [1, 0], [1, 0]], [[1, 0], [0, 0], [1, 0]]], types=["L", "H"])
    res = {e.label: e for e in solve_belief_game(g)}
    square = res["L:m0 H:m1 | m0:a0+a1 m1:a0+a1 m2:a0"]
    assert VERDICT_NOTE not in square.notes
    assert (square.intuitive_criterion, square.d1) == (True, True)
    assert "the continuum: the members whose payoffs satisfy u(L) >= 1 and u(H) >= 1;" \
        in square.notes[-1]
    segment = res["L:m0 H:m1 | m0:a0 m1:a0+a1 m2:a0"]
    assert VERDICT_NOTE not in segment.notes
    assert "the members with rho[m1,a0] in [1/2, 1);" in segment.notes[-1]
    assert verify(g, square).ok and verify(g, segment).ok


def test_continua_with_every_message_on_the_path_have_one_verdict():
    """With every message on the path neither test asks anything: every member passes
    both, so a continuum's verdicts describe it whole (no note)."""
    mu = belief("H")
    g = SignallingGame.from_arrays(["1/2", "1/2"], [[[1, 0], [1, 0]], [[2, mu], [2, mu]]],
                                   [[[1, 0], [1, 0]], [[1 + mu, 0], [1 + mu, 0]]],
                                   types=["L", "H"])
    res = solve_belief_game(g)
    reps = [e for e in res if any("one representative" in n for n in e.notes)]
    assert len(reps) == 5
    for e in reps:
        assert all(not isinstance(b, BeliefSet) for b in e.beliefs.values())  # all on path
        assert e.intuitive_criterion and e.d1 and VERDICT_NOTE not in e.notes


def test_simplex_continua_note_their_verdicts_only_where_they_may_vary():
    """Three types (the simplex solver): a continuum with every message on the path has
    one verdict; one with an off-path message and moving payoffs says its verdicts are
    its representative's."""
    mu = belief("a")
    g = SignallingGame.from_arrays(
        ["1/3", "1/3", "1/3"],
        [[[1, 1], [1, 1], [2, 0]], [[1 + mu, 1 + mu], [0, 0], [2, 0]],
         [[1, 1], [0, 0], [2, 0]]],
        [[[1, 0], [1, 0], [0, 1]], [[1, 0], [1, 0], [1, 0]], [[1, 0], [1, 0], [1, 0]]],
        types=["a", "b", "c"])
    reps = [e for e in solve(g) if any("one representative" in n for n in e.notes)]
    every_message = [e for e in reps if all(isinstance(b, Mapping) for b in e.beliefs.values())]
    assert len(every_message) == 4 and len(reps) == 8
    for e in reps:
        assert (VERDICT_NOTE in e.notes) == (e not in every_message)


def test_linear_solve_with_radicals_sympy_takes_as_independent():
    """A coefficient that is 0 written with ``sqrt(106)`` and ``sqrt(2) * sqrt(53)`` made
    sympy's ``linsolve`` raise ``NotInvertible`` (a zero divisor in the field it built):
    the one-parameter belief solver crashed at a quadratic-irrational parameter value.
    The solve falls back to elimination with exact signs."""
    s53 = sp.sqrt(53)
    zero = -sp.Rational(76, 49) + (-108 * s53 + sp.sqrt(106) * sp.sqrt(4519 - 117 * s53)
                                   + 9 * sp.sqrt(2) * sp.sqrt(4519 - 117 * s53)) / 392
    rows = [((1, 1), 1), ((zero, sp.Rational(5, 14) - s53 / 14), 2)]
    point = linear_solve(2, rows)
    assert [sp.radsimp(v) for v in point] == [6 + s53, -5 - s53]
    assert linear_solve(2, rows[1:]) == "free"
    assert linear_solve(2, rows + [((1, 1), 2)]) is None
