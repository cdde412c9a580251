"""Continua of equilibria of belief-dependent games split by their members' verdicts
(:mod:`alliance_games.solving.belief_family`), checked against independent computations:

* games whose payoffs do not depend on the belief, solved by both engines: every part
  and every described continuum of the belief engine has the range and verdicts of the
  linear engine's exact split (:mod:`alliance_games.solving.refinements.family`);
* belief-dependent games: members spread over each part (inside, next to each end, and
  each end it contains) are rebuilt by hand and judged by the simplex solver's own
  refinement oracle (semi-algebraic sets, another implementation of the questions):
  each is an equilibrium, with the part's verdicts.
"""

from __future__ import annotations

import random
import re
import warnings
from collections import Counter

import pytest
import sympy as sp

from alliance_games import BeliefSet, SignallingGame, belief, solve, verify
from alliance_games.solving.belief_payoffs import solve_belief_game
from alliance_games.solving.belief_simplex import _Oracle, simplex_game
from alliance_games.solving.refinements.beliefs import (
    passes_d1_beliefs,
    passes_intuitive_beliefs,
)
from alliance_games.solving.refinements.family import VERDICT_NOTE

_RANGE = re.compile(r"members? with (\S+) (in|=) (.*?)(;|$)")


def _plain_game(seed: int, n_m: int, n_a: int) -> SignallingGame:
    """Small integer payoffs, many ties: continua of equilibria."""
    rng = random.Random(seed)
    sender = [[[rng.randint(-1, 2) for _ in range(n_a)] for _ in range(n_m)] for _ in range(2)]
    receiver = [[[rng.randint(-1, 1) for _ in range(n_a)] for _ in range(n_m)]
                for _ in range(2)]
    prior = rng.choice(["1/2", "1/3", "2/5"])
    return SignallingGame.from_arrays([prior, 1 - sp.Rational(prior)], sender, receiver,
                                      types=["L", "H"])


def _belief_game(seed: int, n_m: int, n_a: int) -> SignallingGame:
    """Small integer payoffs, some plus a multiple of mu(H)."""
    rng = random.Random(seed)
    mu = belief("H")

    def entry():
        r, c = rng.random(), sp.Integer(rng.randint(-2, 2))
        return c + rng.choice([1, -1, 2]) * mu if r < 0.3 else c

    sender = [[[entry() for _ in range(n_a)] for _ in range(n_m)] for _ in range(2)]
    receiver = [[[entry() for _ in range(n_a)] for _ in range(n_m)] for _ in range(2)]
    return SignallingGame.from_arrays(["1/2", "1/2"], sender, receiver, types=["L", "H"])


def _described(e) -> tuple | None:
    """``(coordinate, "in" or "=", range text)`` of a part or described continuum."""
    for note in e.notes:
        if note.startswith(("this part of the continuum", "the continuum:")):
            found = _RANGE.search(note)
            return found.group(1), found.group(2), found.group(3).strip()
    return None


@pytest.mark.parametrize("seed,n_m,n_a", [(1, 2, 3), (7, 3, 2), (23, 3, 2), (7, 2, 2)])
def test_parts_agree_with_the_linear_engine(seed, n_m, n_a):
    game = _plain_game(seed, n_m, n_a)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        linear = solve(game)
    belief_engine = solve_belief_game(game)
    assert any(" #" in e.label for e in belief_engine)  # the case splits something

    def verdicts(res) -> Counter:
        return Counter((e.label.split(" #")[0], e.intuitive_criterion, e.d1) for e in res
                       if VERDICT_NOTE not in e.notes)

    # every pattern both report without the note has the same parts' verdicts (parts are
    # numbered in each engine's own order)
    ours, theirs = verdicts(belief_engine), verdicts(linear)
    both = {k[0] for k in ours} & {k[0] for k in theirs}
    assert {k for k in ours if k[0] in both} == {k for k in theirs if k[0] in both}
    checked = 0
    for e in belief_engine:
        described = _described(e)
        if described is None or not described[0].startswith("rho["):
            continue
        name, kind, text = described
        message, action = name[4:-1].split(",")
        base = e.label.split(" #")[0]
        same = [f for f in linear if f.label.split(" #")[0] == base
                and (f.intuitive_criterion, f.d1) == (e.intuitive_criterion, e.d1)]
        if kind == "=":
            want = sp.Rational(text)
            # (the linear engine's part may be a family in an off-path mixing)
            assert any(f.receiver[message][action] == want and (
                f.family is None or name not in {str(v) for v in f.family.ranges})
                for f in same), (e.label, text)
        else:
            lo, hi = (sp.Rational(x) for x in text[1:-1].split(","))
            assert any(f.family is not None and any(
                str(v) == name and r == (lo, hi) for v, r in f.family.ranges.items())
                for f in same), (e.label, text, [(f.label, f.family) for f in same])
        assert verify(game, e).ok
        checked += 1
    assert checked >= 2


def _members(text: str, kind: str) -> list:
    """Rational points of a described range: inside, next to each end, and each
    rational end it holds (the oracle decides rational payoffs)."""
    if kind == "=":
        point = sp.sympify(text)
        return [point] if point.is_Rational else []
    lo, hi = (sp.sympify(x) for x in text[1:-1].split(","))
    inner = [lo + (hi - lo) * sp.Rational(k, 10 ** 6) for k in (1, 5 * 10 ** 5, 10 ** 6 - 1)]
    out = [_rational_near(x, lo, hi) for x in inner]
    return out + [x for x, closed in ((lo, text[0] == "["), (hi, text[-1] == "]"))
                  if closed and x.is_Rational]


def _rational_near(x, lo, hi):
    """A rational strictly between ``lo`` and ``hi``, near ``x`` (inside them)."""
    if x.is_Rational:
        return x
    for digits in range(8, 40, 4):
        q = sp.Rational(str(sp.N(x, digits)))
        if lo < q < hi:
            return q
    raise AssertionError(f"no rational near {x} in ({lo}, {hi})")


def _on_path(game: SignallingGame, e) -> list:
    return [m for m in game.messages if not isinstance(e.beliefs[m], BeliefSet)]


def _member_check(game: SignallingGame, e, name: str, value) -> tuple[bool, bool, bool]:
    """The member of ``e``'s continuum with coordinate ``name = value``, rebuilt by hand
    (the supports' other probabilities as in ``e``): whether it is an equilibrium
    (sender optimality on the path, the receiver's answer where the posterior moves,
    a deterring belief after each off-path message) and its IC/D1 verdicts, by the
    simplex solver's oracle."""
    types, messages = game.types, list(game.messages)
    mu_l, mu_h = game.belief_symbols
    on = _on_path(game, e)
    posterior = {m: dict(e.beliefs[m]) for m in on}
    receiver = {m: dict(e.receiver[m]) for m in messages}
    if name.startswith("rho["):
        message, action = name[4:-1].split(",")
        (other,) = [a for a, p in receiver[message].items() if p != 0 and a != action]
        receiver[message] = {action: value, other: 1 - value}
    else:  # mu(L|m)
        message = name[name.index("|") + 1:-1]
        posterior[message] = {types[0]: value, types[1]: 1 - value}

    def pay(t, m):
        at = {mu_l: posterior[m][types[0]], mu_h: posterior[m][types[1]]}
        return sp.nsimplify(sum(p * game.sender_payoff(t, m, a).subs(at)
                                for a, p in receiver[m].items()))

    values = [pay(t, next(m for m in messages if e.sender[t][m] != 0)) for t in types]
    ok = all(pay(t, m) == values[i] if e.sender[t][m] != 0 else pay(t, m) <= values[i]
             for i, t in enumerate(types) for m in on)
    at = {mu_l: posterior[message][types[0]], mu_h: posterior[message][types[1]]}
    expected = {a: sum(posterior[message][t] * game.receiver_payoff(t, message, a).subs(at)
                       for t in types) for a in game.actions_for(message)}
    best = max(expected.values())
    ok = ok and all(expected[a] == best for a, p in receiver[message].items() if p != 0)
    oracle = _Oracle(simplex_game(game))
    ok = ok and all(oracle.deterred(messages.index(m), values, (0, 1))
                    for m in messages if m not in on)
    indices = {messages.index(m) for m in on}
    return (ok, passes_intuitive_beliefs(oracle, indices, values),
            passes_d1_beliefs(oracle, indices, values))


@pytest.mark.parametrize("seed,n_m,n_a", [(4, 2, 3), (15, 3, 2), (22, 3, 2)])
def test_parts_against_the_simplex_oracle(seed, n_m, n_a):
    game = _belief_game(seed, n_m, n_a)
    res = solve_belief_game(game)
    assert any(" #" in e.label for e in res)
    checked = 0
    for e in res:
        described = _described(e)
        if described is None:
            continue
        assert verify(game, e).ok, (e.label, verify(game, e).failures)
        name, kind, text = described
        mixed = [m for m in _on_path(game, e) if sum(p != 0 for p in e.receiver[m].values()) > 1]
        if name.startswith("rho[") and len(mixed) > 1:
            continue  # the segment moves two mixings: not rebuilt here
        for value in _members(text, kind):
            exists, ic, d1 = _member_check(game, e, name, value)
            assert exists, (e.label, name, value)
            assert (ic, d1) == (e.intuitive_criterion, e.d1), (e.label, name, value)
            checked += 1
    assert checked >= 10
