"""The flagship's cold-process fast paths give exactly the results of the slow paths.

* :func:`~alliance_games.solving.solve.two_type_patterns`: a two-type, two-message
  numeric game (the flagship where the attack probability is capped, so that no payoff
  depends on the posterior) takes its support patterns from the belief engine's search;
  the result must be the numeric solver's own, field by field (strategies, beliefs and
  belief sets, families, IC/D1 verdicts, labels, notes, method), on random games with
  many ties and degenerate ones, and on flagship points on and next to the cap's switch.
* :func:`~alliance_games.alliance.duration.logistic` at a gain that is a sum of square
  roots whose value is 0 (a patron's gain at an irrational posterior) returns 1/2
  without sympy's zero test; the same expressions as sympy's evaluation, at the seeded
  box points where this happens and on random sums of square roots.
"""

from __future__ import annotations

import random
import sys
import warnings
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from unittest import mock

import pytest
import sympy as sp
from _random_games import ragged_game, random_game
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.core.assumptions import _assume_defined

from alliance_games import solve
from alliance_games.alliance import duration, model
from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.analysis import full_point, solve_point
from alliance_games.alliance.model import alliance_game
from alliance_games.alliance.parameters import PARAMETERS, S
from alliance_games.errors import DegenerateGameWarning
from alliance_games.solving.context import NUMERIC
from alliance_games.solving.patterns import all_patterns
from alliance_games.solving.quadratic import from_sympy, qsign, rational_to_sympy
from alliance_games.solving.tables import Tables

CELLS = [(m, d) for m in pay.MESSAGES for d in pay.DESIGNS[m]]
#: the module (``alliance_games.solving.solve`` is also the name of the function)
solve_mod = sys.modules[solve.__module__]


def dump(x) -> str:
    """Every field of a result, recursively, sympy values by ``srepr`` (belief sets with
    their constraints, vertices, example point and region)."""
    if x is None or isinstance(x, (bool, int, str, float)):
        return repr(x)
    if isinstance(x, sp.Basic):
        return sp.srepr(x)
    if isinstance(x, Mapping):
        return "{" + ", ".join(f"{dump(k)}: {dump(v)}" for k, v in x.items()) + "}"
    if isinstance(x, (tuple, list)):
        return type(x).__name__ + "(" + ", ".join(dump(v) for v in x) + ")"
    if isinstance(x, (frozenset, set)):
        return "set(" + ", ".join(sorted(dump(v) for v in x)) + ")"
    if type(x).__name__ in ("BeliefSet", "LazyBeliefSet"):
        return ("BeliefSet(" + ", ".join(dump(v) for v in (
            x.types, tuple(x.constraints), x.vertices, x.point, x.region)) + f", {x})")
    if type(x).__name__ == "SignallingGame":
        return "game " + x.name
    if is_dataclass(x):
        return type(x).__name__ + "(" + ", ".join(
            f"{f.name}={dump(getattr(x, f.name))}" for f in fields(x)) + ")"
    raise TypeError(type(x))


def _numeric_both_ways(game):
    """``solve(game)`` (patterns from the belief engine) and the numeric solver with its
    own pattern search, both dumped field by field."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        fast = solve(game)
        slow = solve_mod._solve_numeric(game, pure=False, refine=True)
    return dump(tuple(fast)) + dump(fast), dump(tuple(slow)) + dump(slow)


# ------------------------------------------------------- patterns from the belief engine
GAMES = [("plain", lambda s: random_game(s, 2, 2, 2)),
         ("3 actions", lambda s: random_game(s, 2, 2, 3)),
         ("ties", lambda s: random_game(s, 2, 2, 3, values=[0, 1])),
         ("ties 0-2", lambda s: random_game(s, 2, 2, 2, values=[0, 1, 2])),
         ("all zero", lambda s: random_game(s, 2, 2, 2, values=[0])),
         ("ragged", lambda s: ragged_game(s, 2, (2, 4), 3)),
         ("ragged fractions", lambda s: ragged_game(s, 2, (3, 1), 2, fractions=True))]


@pytest.mark.parametrize("kind,make", GAMES, ids=[k for k, _ in GAMES])
def test_belief_engine_patterns_give_the_numeric_solvers_result(kind, make):
    for seed in range(12):
        game = make(seed)
        fast, slow = _numeric_both_ways(game)
        assert fast == slow, (kind, seed)


def test_the_belief_engine_search_is_used_only_where_it_applies():
    game = random_game(3, 2, 2, 3)
    with mock.patch.object(solve_mod, "two_type_patterns",
                           wraps=solve_mod.two_type_patterns) as spy:
        solve(game)
        assert spy.call_count == 1
        solve(game, pure=True)                      # the pure search: not this path
        solve(random_game(3, 2, 3, 2))              # three messages: slower there
        solve(random_game(3, 3, 2, 2))              # three types
        solve(game, max_patterns=10 ** 6)           # a budget counts the numeric search
        assert spy.call_count == 1
    pats = solve_mod.two_type_patterns(game)
    order = {p: i for i, p in enumerate(all_patterns(Tables.from_game(game, NUMERIC), False))}
    assert [order[p] for p in pats] == sorted(order[p] for p in pats)  # the numeric order


def _belief_free_box_points(n: int, seed: int):
    """Seeded box points whose game has no belief in its payoffs."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        values = {p.name: p.box[0] + (p.box[1] - p.box[0]) * sp.Rational(
            rng.randint(1, 999), 1000) for p in PARAMETERS}
        theatre = rng.choice(["land", "sea", None])
        if theatre is not None:
            del values["s_w"]
        point = full_point(values, theatre=theatre)
        game = alliance_game(point, theatre=theatre)
        if not game.has_belief_payoffs:
            out.append((point, theatre))
    return out


@pytest.mark.parametrize("index", range(16))
def test_flagship_belief_free_points_solved_as_before(index):
    point, theatre = _belief_free_box_points(16, 7)[index]
    fast, slow = _numeric_both_ways(alliance_game(point, theatre=theatre))
    assert fast == slow


def _switch_points():
    """Points on and next to the two switches of a belief-free flagship game.  The attack
    probability ``min(1, V_A sum_t mu_t (1 - P_t))`` is free of the posterior when both
    types' defences hold alike (``P_L = P_H``: their partners make the same help
    decision) in every cell: (a) the cap, ``V_A = 1 / (1 - P)`` of a cell, where the
    attack probability reaches 1 (the game stays belief-free); (b) a type's help margin
    at 0 in the cell where it is closest to 0, moved there by that type's help cost
    ``h_t`` (on one side the game depends on the posterior).  Each at ``x``, ``x +
    eps`` and ``x - eps``, at three belief-free box points."""
    eps = sp.Rational(1, 10 ** 9)
    out = []
    for point, theatre in _belief_free_box_points(3, 11):
        key = pay._point_key(point)
        states = {c: pay._fast_cell(*c, theatre, key).states for c in CELLS}
        hold = min(ws["L"].hold for ws in states.values())
        v_cap = 1 / (1 - sp.Rational(hold.numerator, hold.denominator))
        for v in (v_cap, v_cap + eps, v_cap - eps):
            out.append(({**point, S.V_A: v}, theatre))
        t, c = min(((t, c) for c in CELLS for t in pay.TYPES),
                   key=lambda tc: abs(states[tc[1]][tc[0]].help_margin))
        margin = states[c][t].help_margin
        h = S.h_H if t == "H" else S.h_L
        h0 = point[h] + sp.Rational(margin.numerator, margin.denominator)
        for x in (h0, h0 + eps, h0 - eps):
            out.append(({**point, h: x}, theatre))
    return out


SWITCHES = _switch_points()


@pytest.mark.parametrize("index", range(len(SWITCHES)))
def test_on_and_next_to_the_switches(index):
    point, theatre = SWITCHES[index]
    game = alliance_game(point, theatre=theatre)
    if index % 6 < 3:
        assert not game.has_belief_payoffs  # the cap leaves the game belief-free
    if not game.has_belief_payoffs:
        fast, slow = _numeric_both_ways(game)
        assert fast == slow
    assert solve_point(dict(point), theatre=theatre).equilibria


def test_the_help_switch_makes_belief_dependent_games():
    kinds = [alliance_game(p, theatre=th).has_belief_payoffs for p, th in SWITCHES]
    assert any(kinds[i] for i in range(len(kinds)) if i % 6 >= 3)
    assert not all(kinds[i] for i in range(len(kinds)) if i % 6 >= 3)


# ------------------------------------------------------------------ logistic at a zero
def _slow_logistic(x):
    with mock.patch.object(duration, "_root_sum", lambda x: False):
        return duration.logistic(x)


#: (seed, index) of bench_flagship's seeded box points where a patron's gain is a sum of
#: square roots with value 0 (found by running solve_point over seeds 0-5)
ZERO_GAIN_POINTS = [(0, 22), (1, 14), (3, 7)]


def _bench_point(seed: int, index: int):
    rng = random.Random(seed)   # benchmarks/bench_flagship.py:points, without importing it
    for i in range(index):
        theatre = rng.choice(["land", "sea", None])
        values = {p.name: p.box[0] + (p.box[1] - p.box[0]) * sp.Rational(
            rng.randint(1, 999), 1000) for p in PARAMETERS}
        if theatre is not None:
            del values["s_w"]
        if i == index - 1:
            return values, theatre
    return {}, None


@pytest.mark.parametrize("seed,index", ZERO_GAIN_POINTS)
def test_durations_at_zero_gains_are_the_same_expressions(seed, index):
    values, theatre = _bench_point(seed, index)
    res = solve_point(values, theatre=theatre)
    point = full_point(values, theatre=theatre)
    seen = []
    for s in res.summaries:
        for m, mu in s.posterior.items():
            if mu is None:
                continue
            for d in pay.DESIGNS[m]:
                if d == "N":
                    continue
                for t in pay.TYPES:
                    fast = duration._design_duration(t, m, d, mu, theatre, dict(point))
                    if fast.patron_gain is not None and not fast.patron_gain.is_Rational \
                            and duration._root_sum(fast.patron_gain) \
                            and qsign(from_sympy(fast.patron_gain)) == 0:
                        seen.append((t, m, d))
                    with mock.patch.object(duration, "_root_sum", lambda x: False):
                        slow = duration._design_duration(t, m, d, mu, theatre, dict(point))
                    for name in ("survival", "expected_duration", "patron_value"):
                        assert sp.srepr(getattr(fast, name)) == sp.srepr(getattr(slow, name))
    assert seen  # the case this test is about did occur


@st.composite
def zero_root_sums(draw):
    """``c * (a + b sqrt(d)) - (c a + c b sqrt(d))`` kept unexpanded (value 0), or that
    plus a small rational or root (value not 0), with small and 40-digit radicands."""
    q = st.fractions(min_value=-5, max_value=5, max_denominator=9)
    a = draw(q)
    b, c = draw(q.filter(bool)), draw(q.filter(bool))
    d = draw(st.sampled_from([2, 3, 10, 10 ** 40 + 3, 2 ** 130 + 5]))
    R = lambda f: sp.Rational(f.numerator, f.denominator)  # noqa: E731
    root = sp.sqrt(d) if d < 10 ** 12 else sp.Pow(d, sp.S.Half, evaluate=False)
    inner = sp.Add(R(a), R(b) * root)
    x = sp.Add(sp.Mul(R(c), inner, evaluate=False), -R(c * a) - R(c * b) * root)
    extra = draw(st.sampled_from([0, 0, sp.Rational(1, 3), sp.sqrt(2) / 5]))
    return draw(st.sampled_from([x + extra, -(x + extra), (x + extra) / 3]))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(zero_root_sums())
def test_logistic_of_sums_of_square_roots_as_sympy_evaluates_it(x):
    assert sp.srepr(duration.logistic(x)) == sp.srepr(_slow_logistic(x))


def test_logistic_at_a_zero_sum_is_one_half():
    x = sp.Add(sp.Mul(3, sp.Add(1, sp.sqrt(7)), evaluate=False), -3 - 3 * sp.sqrt(7))
    assert not x.is_Rational and duration._root_sum(x)
    assert duration.logistic(x) == sp.Rational(1, 2) == _slow_logistic(x)
    assert duration.logistic(0) == sp.Rational(1, 2)
    # a product whose value is 0 is not tested for zero by exp: it stays unevaluated
    m = sp.Mul(2, sp.Add(sp.sqrt(7), -sp.sqrt(7), evaluate=False), evaluate=False)
    assert sp.srepr(duration.logistic(m)) == sp.srepr(_slow_logistic(m))
    assert not duration._root_sum(sp.Rational(1, 3)) and not duration._root_sum(sp.exp(1))


# ------------------------------------------------------------- the game at a full point
@pytest.mark.parametrize("seed", range(3))
def test_the_game_at_a_full_point_is_the_game_of_its_values(seed):
    rng = random.Random(seed)
    for _ in range(8):
        theatre = rng.choice(["land", "sea", None])
        values = {p.name: p.box[0] + (p.box[1] - p.box[0]) * sp.Rational(
            rng.randint(1, 999), 1000) for p in PARAMETERS}
        if theatre is not None:
            del values["s_w"]
        if rng.random() < 0.3:
            values["theta"] = sp.Rational(rng.randint(1, 99), 100)
            del values["pi_A"]
        point = full_point(values, theatre=theatre)
        assert model._keyed_full_point(point, theatre) == pay.keyed_point(point)
        a, b = alliance_game(point, theatre=theatre), model.alliance_game_at(point, theatre)
        assert dump((a.prior, a.sender_payoffs, a.receiver_payoffs, a.name, a.types,
                     a.messages, a.actions, a.assumptions, a.parameters)) == dump(
            (b.prior, b.sender_payoffs, b.receiver_payoffs, b.name, b.types, b.messages,
             b.actions, b.assumptions, b.parameters))


# ------------------------------------------------- exp of rationals with known facts
@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.fractions(min_value=-10 ** 6, max_value=10 ** 6).filter(bool),
       st.integers(0, 600))
def test_the_facts_given_to_exp_of_a_rational_are_sympys_own(r, digits):
    # sympy's derivation on a fresh object (unevaluated: the same expression, since exp
    # of a nonzero rational does not evaluate, but not the cached one)
    x = sp.Rational(r.numerator * 10 ** digits + 1, r.denominator * 10 ** digits)
    fresh = sp.exp(x, evaluate=False)
    assert fresh == sp.exp(x)
    facts = {f: getattr(fresh, "is_" + f) for f in sorted(_assume_defined)}
    assert facts == {f: duration._exp_facts()[f] for f in sorted(_assume_defined)}
    seeded = duration._exp_of_rational(x)
    assert seeded == fresh and {f: getattr(seeded, "is_" + f) for f in facts} == facts
    # 1 + exp(x) and 1 / (1 + exp(x)), as logistic builds them, fresh: the same facts
    fresh_sum = sp.Add(1, sp.exp(-x, evaluate=False), evaluate=False)
    fresh_inv = sp.Pow(fresh_sum, -1, evaluate=False)
    assert fresh_sum == 1 + sp.exp(-x) and fresh_inv == duration.logistic(x)
    for obj in (fresh_sum, fresh_inv):
        assert {f: getattr(obj, "is_" + f) for f in sorted(_assume_defined)} == facts


@pytest.mark.parametrize("seed,index", [(0, 5), (2, 9), (4, 3), (5, 30)])
def test_durations_with_known_facts_are_the_same_expressions(seed, index):
    values, theatre = _bench_point(seed, index)
    point = full_point(values, theatre=theatre)
    beliefs = [sp.Integer(0), sp.Rational(2, 7), sp.Integer(1)]
    cases = [(t, m, d, mu) for t in pay.TYPES for m in pay.MESSAGES
             for d in pay.DESIGNS[m] for mu in beliefs]
    fast = {c: duration._design_duration(*c, theatre, dict(point)) for c in cases}
    with mock.patch.object(duration, "_exp_of_rational", sp.exp):
        slow = {c: duration._design_duration(*c, theatre, dict(point)) for c in cases}
    for c in cases:
        for name in ("survival", "expected_duration", "patron_value"):
            assert sp.srepr(getattr(fast[c], name)) == sp.srepr(getattr(slow[c], name))
    assert solve_point(values, theatre=theatre).equilibria


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.fractions())
def test_rational_to_sympy_is_sympys_rational(x):
    got, want = rational_to_sympy(x), sp.Rational(x.numerator, x.denominator)
    assert sp.srepr(got) == sp.srepr(want) and type(got) is type(want) and got == want
