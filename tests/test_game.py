"""The game object: exact values, labels, immutability, and clear errors on bad input."""

from __future__ import annotations

import math
import pickle
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games import (
    AllianceGamesError,
    DegenerateGameWarning,
    InvalidGameError,
    ParameterError,
    SignallingGame,
    UnknownLabelError,
    belief,
    solve,
)

S = [[[0, 2], [1, 3]], [[1, 3], [0, 2]]]
R = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]
LABELS = dict(types=["weak", "strong"], messages=["beer", "quiche"], actions=["duel", "not"])


def test_entries_are_exact_whatever_their_form():
    g = SignallingGame.from_arrays([Fraction(1, 10), "0.9"], [[["1/3", 0.1], [np.int64(1), 3]],
                                   [[sp.Rational(1, 7), "2.5e-1"], [0, 2]]], R, **LABELS)
    assert g.prior == (sp.Rational(1, 10), sp.Rational(9, 10))
    assert g.sender_payoff("weak", "beer", "not") == sp.Rational(1, 10)
    assert g.sender_payoff(1, 0, 1) == sp.Rational(1, 4)
    assert all(isinstance(x, sp.Rational) for row in g.sender_payoffs for r in row for x in r)


def test_labels_and_index_fallback():
    g = SignallingGame.from_arrays(["1/2", "1/2"], S, R, **LABELS)
    assert g.type_index("strong") == g.type_index(1) == 1
    assert g.action_index("quiche", "not") == 1
    with pytest.raises(UnknownLabelError, match="unknown message 'tea'"):
        g.message_index("tea")
    with pytest.raises(KeyError):  # UnknownLabelError is also a KeyError
        g.sender_payoff("weak", "beer", "run")


def test_per_message_action_sets():
    g = SignallingGame.from_arrays(["1/2", "1/2"], [[[0], [1, 2]], [[0], [1, 2]]],
                                   [[[0], [1, 0]], [[0], [0, 1]]], types=["a", "b"],
                                   messages=["x", "y"], actions={"x": ["k"], "y": ["l", "r"]})
    assert g.actions == (("k",), ("l", "r"))
    assert len(solve(g, pure=True)) >= 1


def test_immutable_and_picklable():
    g = SignallingGame.from_arrays(["1/2", "1/2"], S, R, **LABELS)
    with pytest.raises(AttributeError):
        g.prior = (1, 0)
    assert pickle.loads(pickle.dumps(g)) == g


@pytest.mark.parametrize("prior, match", [
    (["1/2", "1/3"], "prior must sum to 1"),
    (["3/2", "-1/2"], "negative"),
    (["nan", "1"], "not a finite number"),
    ([float("inf"), 0], "not a finite number"),
    (["1/0", "1"], "divides by zero"),
    (["__import__('os')", "1"], "not a finite number"),
    ([], "at least one sender type"),
])
def test_bad_priors(prior, match):
    with pytest.raises(InvalidGameError, match=match):
        SignallingGame.from_arrays(prior, S, R)


@pytest.mark.parametrize("sender, match", [
    ([[[0, 2], [1, 3]]], r"sender_payoffs has 1 rows but there are 2 types"),
    ([[[0, 2], [1, 3]], [[1, 3]]], r"sender_payoffs\[1\] \(type 't1'\) has 1 entries"),
    ([[[0, 2], [1, 3]], [[1, 3, 4], [0, 2]]], r"sender_payoffs\[1\]\[0\] has 3 entries"),
    ([[[0, math.nan], [1, 3]], [[1, 3], [0, 2]]], r"sender_payoffs\[0\]\[0\]\[1\].*finite"),
    ([[[0, sp.oo], [1, 3]], [[1, 3], [0, 2]]], r"sender_payoffs\[0\]\[0\]\[1\].*finite"),
    ([[[0, "two"], [1, 3]], [[1, 3], [0, 2]]], r"sender_payoffs\[0\]\[0\]\[1\].*'two'"),
    ([[[0, True], [1, 3]], [[1, 3], [0, 2]]], r"bool"),
    ("abc", "must be a sequence"),
])
def test_bad_payoff_arrays(sender, match):
    with pytest.raises(InvalidGameError, match=match):
        SignallingGame.from_arrays(["1/2", "1/2"], sender, R)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(types=["a", "a"]), InvalidGameError, "duplicate label 'a'"),
    (dict(messages=["m", "m"]), InvalidGameError, "duplicate label 'm'"),
    (dict(types=["a"]), InvalidGameError, "has 1 labels"),
    (dict(actions={"m0": ["x", "y"]}), InvalidGameError, r"no actions given"),
    (dict(actions={"m0": ["x", "y"], "zz": ["a"], "m1": ["x", "y"]}), UnknownLabelError,
     "unknown message"),
    (dict(actions=[[], ["x", "y"]]), InvalidGameError, "empty action set"),
    (dict(messages=[]), InvalidGameError, "at least one message"),
    (dict(types=["a", ""]), InvalidGameError, "empty label"),
])
def test_bad_labels(kwargs, error, match):
    with pytest.raises(error, match=match):
        SignallingGame.from_arrays(["1/2", "1/2"], S, R, **kwargs)


def test_parameter_errors():
    p, z = sp.symbols("p z")
    with pytest.raises(ParameterError, match=r"unknown symbol\(s\) \['z'\]"):
        SignallingGame.from_arrays(["1/2", "1/2"], [[[z, 0], [0, 0]], [[0, 0], [0, 0]]], R)
    with pytest.raises(ParameterError, match="range of p is empty"):
        SignallingGame.from_arrays([p, 1 - p], S, R, parameters={p: (1, 0)})
    with pytest.raises(ParameterError, match="clash with belief symbols"):
        SignallingGame.from_arrays(["1/2", "1/2"], S, R, parameters={"mu_t0": (0, 1)})
    with pytest.raises(ParameterError, match="prior"):
        SignallingGame.from_arrays([belief("t0"), 1 - belief("t0")], S, R)
    with pytest.raises(InvalidGameError, match="prior must sum to 1"):
        SignallingGame.from_arrays([p, p], S, R, parameters={p: (0, 1)})


def test_a_value_outside_a_half_line_names_the_open_end_as_infinity():
    """An unbounded side of a parameter's range is written ``oo`` above and ``-oo`` below
    (the upper one read ``-oo`` before)."""
    p, c = sp.symbols("p c")
    g = SignallingGame.from_arrays(["1/2", "1/2"], [[[p, c], [0, 0]], [[0, 0], [0, 0]]], R,
                                   parameters={p: (0, None), c: (None, 1)})
    with pytest.raises(ParameterError, match=r"p = 0 is outside its admissible range \(0, oo\)"):
        g.subs({p: 0})
    with pytest.raises(ParameterError, match=r"c = 2 is outside its admissible range \(-oo, 1\)"):
        g.subs({c: 2})


def test_every_error_is_the_packages_own():
    for bad in (lambda: SignallingGame.from_arrays("x", S, R),
                lambda: SignallingGame.from_arrays([1], [[[object()]]], [[[0]]]),
                lambda: SignallingGame.from_arrays([1], [[[1]]], [[[0]]], types=[None])):
        with pytest.raises(AllianceGamesError):
            bad()


@settings(max_examples=150, deadline=None)
@given(st.recursive(st.one_of(st.integers(-5, 5), st.floats(allow_nan=True),
                              st.text(max_size=5), st.none(), st.booleans()),
                    lambda c: st.lists(c, max_size=3), max_leaves=20),
       st.recursive(st.one_of(st.integers(-5, 5), st.text(max_size=4)),
                    lambda c: st.lists(c, max_size=3), max_leaves=6))
def test_malformed_games_raise_only_package_errors(payoffs, prior):
    try:
        SignallingGame.from_arrays(prior, payoffs, payoffs)
    except AllianceGamesError:
        pass


def test_degenerate_game_warns_and_reports_a_family():
    # the sender is indifferent between messages whatever happens: a continuum of mixing
    g = SignallingGame.from_arrays(["1/2", "1/2"], [[[1], [1]], [[1], [1]]],
                                   [[[0], [0]], [[0], [0]]])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = solve(g)
    assert any(issubclass(w.category, DegenerateGameWarning) for w in caught)
    fam = [e for e in res if e.family is not None]
    assert fam and all(e.family.ranges for e in fam)


def test_equilibria_pickle_and_still_verify():
    from alliance_games import verify
    from alliance_games.examples import beer_quiche

    game = beer_quiche()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = solve(game)
    for eq in res:
        back = pickle.loads(pickle.dumps(eq))
        assert back.label == eq.label and back.beliefs.keys() == eq.beliefs.keys()
        assert verify(game, back).ok
