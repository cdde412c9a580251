"""Known answers: published signalling games and their perfect Bayesian equilibria.

The cases (tests/data/signalling_known_answers.json) give exact payoffs and the complete
set of pure PBE with Intuitive-Criterion and D1 flags, plus listed equilibria with their
beliefs on and off the path.  Every one must come out exactly.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from alliance_games import BeliefSet, SignallingGame, solve, verify

DATA = json.loads((Path(__file__).parent / "data" / "signalling_known_answers.json").read_text())
CASES = {c["name"]: c for c in DATA["cases"]}


def build(case) -> SignallingGame:
    return SignallingGame.from_arrays(
        case["prior"], case["payoffs"]["sender"], case["payoffs"]["receiver"],
        types=case["types"], messages=case["messages"], actions=case["actions"], name=case["name"])


def pure_profile(eq):
    return (tuple(sorted(eq.sender_strategy().items())),
            tuple(sorted(eq.receiver_strategy().items())))


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    return CASES[request.param]


@pytest.fixture(scope="module")
def solved(case):
    game = build(case)
    return game, solve(game, pure=True), solve(game)


def test_complete_set_of_pure_pbe(case, solved):
    _, pure, _ = solved
    got = {pure_profile(e): (e.intuitive_criterion, e.d1) for e in pure}
    claims = case["claims"]
    if "pure_pbe_profiles" in claims:
        want = {(tuple(sorted(p["sender"].items())), tuple(sorted(p["receiver"].items()))):
                (p["intuitive_criterion"], p["d1"]) for p in claims["pure_pbe_profiles"]}
        assert got == want
    else:  # cheap talk: outcomes (type -> action) of all pure PBE
        outcomes = set()
        for e in pure:
            s, r = e.sender_strategy(), e.receiver_strategy()
            outcomes.add(tuple(sorted((t, r[m]) for t, m in s.items())))
        want = {tuple(sorted(o.items())) for o in claims["pure_pbe_outcomes"]}
        assert outcomes == want


def test_pure_equilibria_also_found_by_full_solve(solved):
    _, pure, full = solved
    full_pure = {pure_profile(e) for e in full if e.is_pure}
    assert {pure_profile(e) for e in pure} == full_pure


def _parse_interval(text):
    lo, hi = re.match(r"\[(.*), (.*)\]", text).groups()
    return Fraction(lo), Fraction(hi)


def _as_fraction(x):
    return Fraction(str(x))


def test_listed_equilibria_exactly(case, solved):
    game, _, full = solved
    for want in case["equilibria"]:
        sender = {t: {m: Fraction(p) for m, p in row.items()} for t, row in want["sender"].items()}
        receiver = {m: {a: Fraction(p) for a, p in row.items()}
                    for m, row in want["receiver"].items()}
        matches = [e for e in full
                   if all(_as_fraction(e.sender[t][m]) == sender[t].get(m, 0)
                          for t in game.types for m in game.messages)
                   and all(_as_fraction(e.receiver[m][a]) == receiver[m].get(a, 0)
                           for m in game.messages for a in game.actions_for(m))]
        assert len(matches) == 1, want["label"]
        eq = matches[0]
        kind = {"hybrid_partition": "partially pooling"}.get(want["kind"], want["kind"])
        assert eq.kind == kind
        assert eq.intuitive_criterion == want["intuitive_criterion"]
        assert eq.d1 == want["d1"]
        for t, v in want.get("sender_payoffs", {}).items():
            assert _as_fraction(eq.sender_payoffs[t]) == Fraction(v)
        for m, belief in want["beliefs"].items():
            got = eq.beliefs[m]
            if m in eq.on_path:
                assert {t: _as_fraction(x) for t, x in got.items()} == {
                    t: Fraction(x) for t, x in belief.items()}
            else:
                assert isinstance(got, BeliefSet)
                for t, rng in belief.items():
                    lo, hi = _parse_interval(rng)
                    assert tuple(map(_as_fraction, got.bounds(t))) == (lo, hi), (m, t)
        for m, text in want.get("off_path_belief_set", {}).items():
            got = eq.beliefs[m]
            if text.startswith("conv"):
                pts = re.findall(r"\(([^)]*)\)", text)
                want_v = {tuple(Fraction(x) for x in p.split(", ")) for p in pts}
                assert {tuple(map(_as_fraction, v)) for v in got.vertices} == want_v
            else:
                assert str(got) == text
        for m, point in want.get("belief_example", {}).items():
            assert eq.beliefs[m].contains(point)
        assert verify(game, eq).ok, verify(game, eq).failures


def test_sender_strategies_with_receiver_mixing(case, solved):
    _, _, full = solved
    claims = case["claims"]
    if "sender_strategies_with_receiver_mixing" not in claims:
        pytest.skip("no claim")
    got = {tuple(sorted(e.sender_strategy().items())) for e in full
           if e.sender_strategy() is not None}
    want = {tuple(sorted(s.items())) for s in claims["sender_strategies_with_receiver_mixing"]}
    assert got == want
    for s in claims.get("not_pbe_sender_strategies", []):
        assert tuple(sorted(s.items())) not in got
    for key, attr in (("ic_surviving_sender_strategies", "intuitive_criterion"),
                      ("d1_surviving_sender_strategies", "d1")):
        if key in claims:
            surv = {tuple(sorted(e.sender_strategy().items())) for e in full
                    if e.sender_strategy() is not None and getattr(e, attr)}
            assert surv == {tuple(sorted(s.items())) for s in claims[key]}


def test_every_reported_equilibrium_verifies(solved):
    game, pure, full = solved
    for eq in list(pure) + list(full):
        result = verify(game, eq)
        assert result.ok, (eq.label, result.failures)


def test_fearon_extra_checks():
    case = CASES["fearon_tying_hands"]
    game = build(case)
    (eq,) = [e for e in solve(game) if e.sender_strategy() is not None]
    for check in case["extra_checks"]:
        if check["kind"] == "event_probability":
            event = check["event"]
            prob = sum(sp.Rational(p) * eq.sender[t][m] * eq.receiver[m][a]
                       * sp.Rational(event[ti][mi][ai])
                       for ti, (t, p) in enumerate(zip(game.types, game.prior))
                       for mi, m in enumerate(game.messages)
                       for ai, a in enumerate(game.actions_for(m)))
            assert prob == sp.Rational(check["value"])
        elif check["kind"] == "ex_ante_sender_payoff":
            value = sum(p * eq.sender_payoffs[t] for t, p in zip(game.types, game.prior))
            assert value == sp.Rational(check["value"])
