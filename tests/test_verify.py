"""Unit tests of the independent verifier on hand-built equilibria.

The equilibria are plain objects built from tests/data/signalling_known_answers.json (no
solver involved), plus deliberately broken variants that must fail for the right reason.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest
import sympy as sp

from alliance_games.errors import AllianceGamesError, ParameterError
from alliance_games.game import SignallingGame, belief
from alliance_games.verify import (
    Verification,
    VerificationError,
    classify_sender_strategy,
    verify,
)
from alliance_games.verify_data import br_region_vertices, game_data

DATA = json.loads((Path(__file__).parent / "data" / "signalling_known_answers.json").read_text())
CASES = {c["name"]: c for c in DATA["cases"]}
KIND = {"hybrid_partition": "partially pooling"}


# ----------------------------------------------------------------------------- fakes


def _hull_contains(vertices: list[tuple[F, ...]], p: tuple[F, ...]) -> bool:
    """Point in the convex hull of simplex points (1, 2 or 3 types), exactly."""
    if any(x < 0 for x in p) or sum(p) != 1:
        return False
    n = len(p)
    if n == 1:
        return True
    if n == 2:
        xs = [v[0] for v in vertices]
        return min(xs) <= p[0] <= max(xs)
    assert n == 3, "test helper handles up to three types"
    pts = sorted(set((v[0], v[1]) for v in vertices))
    cx = sum(x for x, _ in pts) / len(pts)
    cy = sum(y for _, y in pts) / len(pts)
    pts.sort(key=lambda q: math.atan2(float(q[1] - cy), float(q[0] - cx)))
    x, y = p[0], p[1]
    if len(pts) == 1:
        return (x, y) == pts[0]
    for i, a in enumerate(pts):
        b = pts[(i + 1) % len(pts)]
        if (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) < 0:
            return False
    return True


@dataclass(frozen=True)
class FakeBeliefSet:
    types: tuple[str, ...]
    vertices: tuple[tuple[F, ...], ...]
    point: tuple[F, ...]

    def contains(self, mu: dict[str, Any]) -> bool:
        return _hull_contains(list(self.vertices), tuple(F(str(mu.get(t, 0))) for t in self.types))

    def example(self) -> dict[str, F]:
        return dict(zip(self.types, self.point, strict=True))

    def bounds(self, t: str) -> tuple[F, F]:
        i = self.types.index(t)
        return min(v[i] for v in self.vertices), max(v[i] for v in self.vertices)


@dataclass(frozen=True)
class FakeEq:
    sender: dict
    receiver: dict
    beliefs: dict
    on_path: frozenset
    kind: str
    sender_payoffs: dict | None = None
    condition: Any = sp.true
    family: Any = None
    receiver_payoff: Any = None

    def subs(self, values):
        def s(x):
            return sp.sympify(x).xreplace(values) if isinstance(x, sp.Basic) else x

        def strat(d):
            return {k: {kk: s(v) for kk, v in row.items()} for k, row in d.items()}

        return replace(self, sender=strat(self.sender), receiver=strat(self.receiver),
                       beliefs={m: b if not isinstance(b, dict) else {t: s(x) for t, x in b.items()}
                                for m, b in self.beliefs.items()},
                       sender_payoffs=None if self.sender_payoffs is None else
                       {t: s(x) for t, x in self.sender_payoffs.items()},
                       condition=self.condition.xreplace(values)
                       if isinstance(self.condition, sp.Basic) else self.condition)


def _game(case: dict) -> SignallingGame:
    return SignallingGame.from_arrays(
        case["prior"], case["payoffs"]["sender"], case["payoffs"]["receiver"],
        types=case["types"], messages=case["messages"], actions=case["actions"],
        name=case["name"])


def _parse_set(text: str, types: list[str]) -> tuple[tuple[F, ...], ...]:
    if text.startswith("mu("):
        lo, hi = (F(x.strip()) for x in text.split("[")[1].rstrip("]").split(","))
        return ((lo, 1 - lo), (hi, 1 - hi))
    assert text.startswith("conv{")
    body = text[len("conv{"):-1]
    return tuple(tuple(F(x.strip()) for x in pt.strip().strip("()").split(","))
                 for pt in body.split(";"))


def _eq(case: dict, e: dict) -> FakeEq:
    types, messages = case["types"], case["messages"]
    sender = {t: {m: F(e["sender"][t].get(m, "0")) for m in messages} for t in types}
    actions = case["actions"]
    receiver = {m: {a: F(e["receiver"][m].get(a, "0")) for a in actions} for m in messages}
    off = e.get("off_path_belief_set", {})
    beliefs: dict[str, Any] = {}
    for m in messages:
        if m in off:
            ex = e["belief_example"][m]
            beliefs[m] = FakeBeliefSet(tuple(types), _parse_set(off[m], types),
                                       tuple(F(ex[t]) for t in types))
        else:
            beliefs[m] = {t: F(e["beliefs"][m][t]) for t in types}
    on_path = frozenset(m for m in messages if m not in off)
    pays = {t: F(x) for t, x in e["sender_payoffs"].items()} if "sender_payoffs" in e else None
    return FakeEq(sender, receiver, beliefs, on_path, KIND.get(e["kind"], e["kind"]), pays)


ALL = [(c["name"], e["label"]) for c in DATA["cases"] for e in c["equilibria"]]


def _known(name: str, label: str) -> tuple[SignallingGame, FakeEq]:
    case = CASES[name]
    e = next(x for x in case["equilibria"] if x["label"] == label)
    return _game(case), _eq(case, e)


def _fails_with(result: Verification, *words: str) -> None:
    assert not result.ok and not bool(result)
    text = " | ".join(result.failures).lower()
    for w in words:
        assert w.lower() in text, f"{w!r} not in failures: {result.failures}"


# ----------------------------------------------------------------------------- known answers


@pytest.mark.parametrize("name,label", ALL)
def test_known_equilibria_pass(name: str, label: str) -> None:
    game, eq = _known(name, label)
    result = verify(game, eq)
    assert result.ok, result.failures
    assert result.failures == ()
    result.raise_if_failed()


@pytest.mark.parametrize("name,label", [x for x in ALL if CASES[x[0]]["equilibria"]])
def test_independent_belief_region_matches_known_sets(name: str, label: str) -> None:
    case = CASES[name]
    e = next(x for x in case["equilibria"] if x["label"] == label)
    game = _game(case)
    data = game_data(game)
    for m, text in e.get("off_path_belief_set", {}).items():
        mi = case["messages"].index(m)
        support = [case["actions"].index(a) for a, p in e["receiver"][m].items() if F(p) > 0]
        got = set(br_region_vertices(data, mi, support))
        assert got == set(_parse_set(text, case["types"]))


# ----------------------------------------------------------------------------- broken variants


@pytest.fixture
def pool_beer() -> tuple[SignallingGame, FakeEq]:
    return _known("beer_quiche_cho_kreps", "pool_beer")


def test_wrong_on_path_belief(pool_beer) -> None:
    game, eq = pool_beer
    bad = replace(eq, beliefs={**eq.beliefs, "beer": {"weak": F(1, 2), "strong": F(1, 2)}})
    _fails_with(verify(game, bad), "on-path message beer", "Bayes", "weak: 1/10")


def test_receiver_not_best_responding(pool_beer) -> None:
    game, eq = pool_beer
    bad = replace(eq, receiver={**eq.receiver, "beer": {"duel": F(1), "not_duel": F(0)}},
                  sender_payoffs=None)
    _fails_with(verify(game, bad), "receiver after on-path message beer", "action duel",
                "1/10 < 9/10")


def test_profitable_deviation(pool_beer) -> None:
    game, eq = pool_beer
    # the receiver does not duel after quiche, with a belief set where that is optimal
    bset = FakeBeliefSet(("weak", "strong"), ((F(0), F(1)), (F(1, 2), F(1, 2))), (F(0), F(1)))
    bad = replace(eq, receiver={**eq.receiver, "quiche": {"duel": F(0), "not_duel": F(1)}},
                  beliefs={**eq.beliefs, "quiche": bset})
    result = verify(game, bad)
    _fails_with(result, "type weak gains by deviating to quiche", "3 > equilibrium payoff 2")
    assert not any("strong" in f for f in result.failures)


def test_belief_set_too_big(pool_beer) -> None:
    game, eq = pool_beer
    bset = FakeBeliefSet(("weak", "strong"), ((F(1, 4), F(3, 4)), (F(1), F(0))), (F(1), F(0)))
    _fails_with(verify(game, replace(eq, beliefs={**eq.beliefs, "quiche": bset})),
                "off-path message quiche", "too big", "weak: 1/4")


def test_belief_set_too_small(pool_beer) -> None:
    game, eq = pool_beer
    bset = FakeBeliefSet(("weak", "strong"), ((F(3, 4), F(1, 4)), (F(1), F(0))), (F(1), F(0)))
    result = verify(game, replace(eq, beliefs={**eq.beliefs, "quiche": bset}))
    _fails_with(result, "off-path message quiche", "too small", "weak: 1/2")
    assert any("bounds(weak) = [3/4, 1]" in f for f in result.failures)


def test_empty_or_outside_example(pool_beer) -> None:
    game, eq = pool_beer
    bset = FakeBeliefSet(("weak", "strong"), eq.beliefs["quiche"].vertices, (F(0), F(1)))
    _fails_with(verify(game, replace(eq, beliefs={**eq.beliefs, "quiche": bset})),
                "does not contain its own example", "example belief")

    class Empty(FakeBeliefSet):
        def example(self):
            return None

    empty = Empty(("weak", "strong"), eq.beliefs["quiche"].vertices, (F(1), F(0)))
    _fails_with(verify(game, replace(eq, beliefs={**eq.beliefs, "quiche": empty})), "empty")


def test_off_path_point_instead_of_set(pool_beer) -> None:
    game, eq = pool_beer
    bad = replace(eq, beliefs={**eq.beliefs, "quiche": {"weak": F(1), "strong": F(0)}})
    _fails_with(verify(game, bad), "should be a belief set")


def test_probabilities_not_summing_to_one(pool_beer) -> None:
    game, eq = pool_beer
    bad = replace(eq, sender={**eq.sender, "weak": {"beer": F(1, 2), "quiche": F(0)}})
    _fails_with(verify(game, bad), "sender strategy of type weak", "sum to 1/2")
    bad = replace(eq, receiver={**eq.receiver, "quiche": {"duel": F(3, 2), "not_duel": F(-1, 2)}})
    _fails_with(verify(game, bad), "receiver strategy after message quiche", "negative (-1/2)")


def test_unavailable_action_and_inexact_numbers(pool_beer) -> None:
    game, eq = pool_beer
    bad = replace(eq, receiver={**eq.receiver, "beer": {"fight": F(1)}})
    _fails_with(verify(game, bad), "fight is not available")
    bad = replace(eq, receiver={**eq.receiver, "beer": {"duel": 0.0, "not_duel": 1.0}})
    _fails_with(verify(game, bad), "not exact")


def test_wrong_kind_payoffs_and_on_path(pool_beer) -> None:
    game, eq = pool_beer
    _fails_with(verify(game, replace(eq, kind="separating")), "eq.kind is 'separating'",
                "pooling")
    _fails_with(verify(game, replace(eq, sender_payoffs={"weak": F(3), "strong": F(3)})),
                "eq.sender_payoffs[weak] is 3", "give 2")
    _fails_with(verify(game, replace(eq, on_path=frozenset({"beer", "quiche"}))), "eq.on_path")


def test_receiver_payoff_checked(pool_beer) -> None:
    game, eq = pool_beer
    assert verify(game, replace(eq, receiver_payoff=F(9, 10))).ok
    _fails_with(verify(game, replace(eq, receiver_payoff=F(1))), "eq.receiver_payoff is 1",
                "9/10")


def test_on_path_set_rejected(pool_beer) -> None:
    game, eq = pool_beer
    bset = FakeBeliefSet(("weak", "strong"), ((F(0), F(1)), (F(1, 2), F(1, 2))), (F(1, 10),
                                                                              F(9, 10)))
    _fails_with(verify(game, replace(eq, beliefs={**eq.beliefs, "beer": bset})),
                "should be the Bayes posterior")


def test_three_type_polygon_too_small() -> None:
    game, eq = _known("cheap_talk_cs_discrete_b3_10", "babbling")
    full = eq.beliefs["m2"]
    cut = FakeBeliefSet(full.types, full.vertices[:-1], full.point)
    result = verify(game, replace(eq, beliefs={**eq.beliefs, "m2": cut}))
    _fails_with(result, "off-path message m2", "too small", "t0: 5/8")
    assert not any("m3" in f for f in result.failures)


# ----------------------------------------------------------------------------- hybrid


def _hybrid_beer_quiche() -> tuple[SignallingGame, FakeEq]:
    case = CASES["beer_quiche_cho_kreps"]
    game = SignallingGame.from_arrays(["2/3", "1/3"], case["payoffs"]["sender"],
                                      case["payoffs"]["receiver"], types=case["types"],
                                      messages=case["messages"], actions=case["actions"])
    eq = FakeEq(
        sender={"weak": {"beer": F(1, 2), "quiche": F(1, 2)},
                "strong": {"beer": F(1), "quiche": F(0)}},
        receiver={"beer": {"duel": F(1, 2), "not_duel": F(1, 2)},
                  "quiche": {"duel": F(1), "not_duel": F(0)}},
        beliefs={"beer": {"weak": F(1, 2), "strong": F(1, 2)},
                 "quiche": {"weak": F(1), "strong": F(0)}},
        on_path=frozenset({"beer", "quiche"}), kind="hybrid",
        sender_payoffs={"weak": F(1), "strong": F(2)})
    return game, eq


def test_hybrid_equilibrium_passes_and_breaks() -> None:
    game, eq = _hybrid_beer_quiche()
    assert verify(game, eq).ok, verify(game, eq).failures
    bad = replace(eq, receiver={**eq.receiver, "beer": {"duel": F(1, 3), "not_duel": F(2, 3)}},
                  sender_payoffs=None)
    _fails_with(verify(game, bad), "type weak sends quiche with probability 1/2",
                "message beer gives 4/3")
    _fails_with(verify(game, replace(eq, kind="pooling")), "hybrid")


# ----------------------------------------------------------------------------- parametric


def test_parametric_game_needs_values() -> None:
    p = sp.Symbol("p")
    case = CASES["beer_quiche_cho_kreps"]
    game = SignallingGame.from_arrays([p, 1 - p], case["payoffs"]["sender"],
                                      case["payoffs"]["receiver"], types=case["types"],
                                      messages=case["messages"], actions=case["actions"],
                                      parameters={p: (0, 1)})
    _, eq = _known("beer_quiche_cho_kreps", "pool_beer")
    eq = replace(eq, beliefs={**eq.beliefs, "beer": {"weak": p, "strong": 1 - p}},
                 condition=p <= sp.Rational(1, 2))
    with pytest.raises(ParameterError, match="values"):
        verify(game, eq)
    assert verify(game, eq, values={p: sp.Rational(1, 10)}).ok
    assert verify(game, eq, values={p: sp.Rational(1, 2)}).ok  # receiver indifferent
    result = verify(game, eq, values={p: sp.Rational(3, 4)})
    _fails_with(result, "condition is False", "action not_duel", "1/4 < 3/4")


# ----------------------------------------------------------------------------- belief payoffs


def test_belief_dependent_payoffs() -> None:
    # the receiver values "act" at 2*mu_A - 1/2 (for every type), "wait" at 0
    mu_a = belief("A")
    game = SignallingGame.from_arrays(
        ["1/2", "1/2"],
        [[[1, 0], [0, 0]], [[1, 0], [0, 0]]],
        [[[2 * mu_a - sp.Rational(1, 2), 0], [2 * mu_a - sp.Rational(1, 2), 0]]] * 2,
        types=["A", "B"], messages=["m", "n"], actions=["act", "wait"])
    assert game.has_belief_payoffs

    @dataclass(frozen=True)
    class Interval:
        lo: F
        hi: F
        point: tuple[F, F]
        types: tuple[str, ...] = ("A", "B")
        vertices = None

        def contains(self, mu):
            return self.lo <= F(str(mu["A"])) <= self.hi

        def example(self):
            return dict(zip(self.types, self.point, strict=True))

        @property
        def region(self):
            return sp.Interval(sp.Rational(self.lo), sp.Rational(self.hi))

    eq = FakeEq(sender={"A": {"m": F(1), "n": F(0)}, "B": {"m": F(1), "n": F(0)}},
                receiver={"m": {"act": F(1), "wait": F(0)}, "n": {"act": F(0), "wait": F(1)}},
                beliefs={"m": {"A": F(1, 2), "B": F(1, 2)},
                         "n": Interval(F(0), F(1, 4), (F(0), F(1)))},
                on_path=frozenset({"m"}), kind="pooling")
    assert verify(game, eq).ok, verify(game, eq).failures
    too_big = replace(eq, beliefs={**eq.beliefs, "n": Interval(F(0), F(1, 2), (F(0), F(1)))})
    _fails_with(verify(game, too_big), "too big", "admits mu(A) = 1/3", "act pays more than wait")
    too_small = replace(eq, beliefs={**eq.beliefs, "n": Interval(F(0), F(1, 5), (F(0), F(1)))})
    _fails_with(verify(game, too_small), "too small", "excludes mu(A) = 2/9")


# ----------------------------------------------------------------------------- result object


def test_verification_object() -> None:
    v = Verification(ok=True)
    assert bool(v) and v.failures == ()
    v.raise_if_failed()
    bad = Verification(ok=False, failures=("x", "y"))
    with pytest.raises(VerificationError, match="x; y") as info:
        bad.raise_if_failed()
    assert isinstance(info.value, AllianceGamesError)
    with pytest.raises(AttributeError):
        bad.ok = True  # type: ignore[misc]


def test_classify_sender_strategy() -> None:
    one, zero, half = F(1), F(0), F(1, 2)
    assert classify_sender_strategy([[one, zero], [one, zero]], 2) == {"pooling"}
    assert classify_sender_strategy([[one, zero, zero], [zero, one, zero], [zero, one, zero]],
                                    3) == {"partially pooling"}
    # with fewer messages than types, using every message counts as separating (cutoffs)
    assert classify_sender_strategy([[one, zero], [zero, one], [zero, one]], 3) == {"separating"}
    assert classify_sender_strategy([[one, zero, zero], [zero, one, zero], [zero, one, zero],
                                     [one, zero, zero]], 4) == {"partially pooling"}
    assert classify_sender_strategy([[half, half], [one, zero]], 2) == {"hybrid"}
    assert classify_sender_strategy([[one]], 1) == {"pooling", "separating"}


# ----------------------------------------------------------------------------- families


@dataclass(frozen=True)
class FakeFamily:
    variables: tuple
    sender: dict
    receiver: dict
    constraint: Any
    ranges: dict


def test_family_members_checked(pool_beer) -> None:
    # pooling on beer with the receiver mixing after quiche: duel with probability q >= 1/2
    game, eq = pool_beer
    q = sp.Symbol("q")
    point = FakeBeliefSet(("weak", "strong"), ((F(1, 2), F(1, 2)),), (F(1, 2), F(1, 2)))
    rep = replace(eq, receiver={**eq.receiver, "quiche": {"duel": F(3, 4), "not_duel": F(1, 4)}},
                  beliefs={**eq.beliefs, "quiche": point})

    def family(lo):
        mixed = {"duel": q, "not_duel": 1 - q}
        return FakeFamily((q,), eq.sender, {**eq.receiver, "quiche": mixed},
                          sp.And(q >= lo, q < 1), {q: (lo, sp.Integer(1))})

    good = replace(rep, family=family(sp.Rational(1, 2)))
    assert verify(game, good).ok, verify(game, good).failures
    bad = replace(rep, family=family(sp.Rational(1, 4)))
    _fails_with(verify(game, bad), "family member q = 1/4", "type weak gains by deviating",
                "5/2 > 2")


# ----------------------------------------------------------------------------- irrational


def test_irrational_equilibrium_of_belief_dependent_game() -> None:
    # t1 is indifferent everywhere; its mixing makes the posterior after m1 irrational
    mu = belief("t0")
    game = SignallingGame.from_arrays(
        ["1/4", "3/4"], [[[mu + 1, -2 * mu - 1], [2 * mu + 1, 2]], [[0, -1], [0, 0]]],
        [[[0, 0], [mu, mu - 1]], [[0, 0], [0, 2 - mu]]], types=["t0", "t1"])
    r2 = sp.sqrt(2)
    eq = FakeEq(
        sender={"t0": {"m0": 0, "m1": 1},
                "t1": {"m0": sp.Rational(22, 21) - 2 * r2 / 21, "m1": (-1 + 2 * r2) / 21}},
        receiver={"m0": {"a0": 1, "a1": 0}, "m1": {"a0": 1, "a1": 0}},
        beliefs={"m0": {"t0": 0, "t1": 1},
                 "m1": {"t0": sp.Rational(3, 2) - r2 / 2, "t1": r2 / 2 - sp.Rational(1, 2)}},
        on_path=frozenset({"m0", "m1"}), kind="hybrid")
    assert verify(game, eq).ok, verify(game, eq).failures
    close = {"t0": sp.Rational(793, 1000), "t1": sp.Rational(207, 1000)}  # 0.7929 really
    _fails_with(verify(game, replace(eq, beliefs={**eq.beliefs, "m1": close})),
                "on-path message m1", "Bayes", "3/2 - sqrt(2)/2")
    # the receiver's a1 is a best response only for mu(t0) <= 2 - sqrt(2) ~ 0.586
    bad = replace(eq, receiver={**eq.receiver, "m1": {"a0": 0, "a1": 1}})
    _fails_with(verify(game, bad), "action a1 has probability 1")
