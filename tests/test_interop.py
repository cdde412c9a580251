"""Gambit ``.efg`` text round trips and errors; the induced strategic form for nashpy."""

from __future__ import annotations

import io
import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from _belief_check import (
    admits_consistent_beliefs,
    behaviour_admits_consistent_beliefs,
    best_response_to_some_belief,
)
from hypothesis import given, settings
from strategies import games

from alliance_games import ModelFileError, ParameterError, SignallingGame, belief, solve
from alliance_games.errors import UnsupportedGameError
from alliance_games.examples import beer_quiche
from alliance_games.io.gambit import efg_text, parse_efg, read_efg, write_efg
from alliance_games.io.nashpy_interop import induced_payoffs, strategy_labels, to_nashpy

F = Fraction


# ---------------------------------------------------------------------- round trips
def test_beer_quiche_round_trip_through_a_file(tmp_path):
    game = beer_quiche()
    path = tmp_path / "bq.efg"
    write_efg(game, path)
    back = read_efg(path)
    assert back == game
    assert back.types == ("weak", "strong")
    assert back.prior == (sp.Rational(1, 10), sp.Rational(9, 10))
    assert back.sender_payoff("weak", "quiche", "not_duel") == 3


def test_written_text_has_the_documented_tree():
    text = efg_text(beer_quiche())
    lines = text.splitlines()
    assert lines[0] == 'EFG 2 R "beer-quiche (Cho-Kreps 1987)" { "Sender" "Receiver" }'
    assert 'c "" 1 "type" { "weak" 1/10 "strong" 9/10 } 0' in lines
    assert 'p "weak" 1 1 "weak" { "beer" "quiche" } 0' in lines
    assert sum(line.startswith("t ") for line in lines) == 8
    # receiver information sets identify the message, not the type
    assert lines.count('p "" 2 1 "beer" { "duel" "not_duel" } 0') == 2
    # weak, quiche, not_duel -> sender 3, receiver 0
    assert 't "" 4 "weak, quiche, not_duel" { 3, 0 }' in lines


@settings(max_examples=40, deadline=None)
@given(games(max_types=3, max_messages=3, max_actions=3, per_message_actions=True,
             small_ints=False))
def test_random_games_round_trip(game):
    assert parse_efg(efg_text(game)) == game
    buf = io.StringIO()
    write_efg(game, buf)
    buf.seek(0)
    assert read_efg(buf) == game


def test_awkward_labels_round_trip():
    game = SignallingGame.from_arrays(
        ["1/3", "2/3"], [[[1, "-1/2"]], [["0.25", 7]]], [[[0, 1]], [[1, 0]]],
        types=['say "hi"', "back\\slash"], messages=["m, 1"], actions=["{a}", "b c"],
        name='quote " name')
    back = parse_efg(efg_text(game))
    assert back == game
    assert back.name == game.name
    assert back.sender_payoff(1, 0, 0) == sp.Rational(1, 4)


def test_parametric_game_is_refused_with_advice():
    c = sp.Symbol("c")
    game = SignallingGame.from_arrays([1], [[[c, 0]]], [[[0, 1]]], parameters={c: (0, 1)})
    with pytest.raises(ParameterError, match="substitute"):
        efg_text(game)
    assert parse_efg(efg_text(game.subs({c: sp.Rational(1, 2)}))).sender_payoff(0, 0, 0) == \
        sp.Rational(1, 2)


def test_belief_dependent_game_is_refused():
    game = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[belief("t0"), 0]], [[1, 0]]], [[[0, 1]], [[1, 0]]])
    with pytest.raises(UnsupportedGameError, match="belief"):
        efg_text(game)


# ---------------------------------------------------------------------- reading by hand
HAND = """EFG 2 D "hand made" { "S" "R" }
"a comment spanning
two lines"
c "root" 1 "nature" { "lo" 0.25 "hi" 3/4 } 0
p "" 1 1 "" { "x" "y" } 0
p "" 2 7 "after x" { "" "b" } 0
t "" 1 "o1" { 1 2 }
t "" 2 "o2" { 1.5e1, -3 }
p "" 2 8 "after y" { "c" } 5 "bonus" { 10, 0 }
t "" 3 "o3" { 0, 0 }
p "" 1 2 "hi" { "x" "y" } 0
p "" 2 7 "after x" { "" "b" } 0
t "" 1
t "" 4 "o4" { .5, 1/3 }
p "" 2 8 0
t "" 0
"""


def test_hand_written_file_with_shared_outcomes_and_node_payoffs():
    game = parse_efg(HAND)
    assert game.name == "hand made"
    assert game.types == ("lo", "hi")
    assert game.prior == (sp.Rational(1, 4), sp.Rational(3, 4))
    assert game.messages == ("x", "y")
    assert game.actions == (("a0", "b"), ("c",))  # empty label gets a default name
    # outcome 1 is reused without restating its payoffs
    assert game.sender_payoff("hi", "x", "a0") == 1
    assert game.receiver_payoff("hi", "x", "a0") == 2
    assert game.sender_payoff("lo", "x", "b") == 15
    assert game.receiver_payoff("hi", "x", "b") == sp.Rational(1, 3)
    # the outcome at the receiver's node (10, 0) adds to the terminal one (0, 0)
    assert game.sender_payoff("lo", "y", "c") == 10
    # a node without its infoset definition reuses it; no outcomes on that path: 0
    assert game.sender_payoff("hi", "y", "c") == 0


BQ = efg_text(beer_quiche())


def _replace_last(text: str, old: str, new: str) -> str:
    i = text.rindex(old)
    return text[:i] + new + text[i + len(old):]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("", "expected 'EFG'"),
        ("NFG 1 R \"x\" { \"a\" \"b\" }", "not an .efg file"),
        (BQ.replace("EFG 2 R", "EFG 3 R", 1), "version 2"),
        ('EFG 2 R "solo" { "A" }\nc "" 1 "" { "a" 1 } 0\nt "" 1 "o" { 1 }\n', "two players"),
        (BQ.replace('"beer" "quiche" } 0', '"beer" "quiche" } 0 extra', 1), "unknown node type"),
        (BQ.rsplit("\n", 2)[0], "ends before the tree is complete"),
        (BQ + 't "" 1\n', "after the last node"),
        (BQ.replace("1/10", "1/0", 1), "bad number"),
        (BQ.replace('"weak" 1/10', '"weak 1/10', 1), "line"),
        (BQ.replace("1/10", "2/10", 1), "invalid signalling game"),
        (BQ.replace("{ 3, 0 }", "{ 3 }", 1), "payoffs for 2 players"),
        (BQ.replace('t "" 4 "weak, quiche, not_duel" { 3, 0 }', 't "" 99', 1),
         "outcome 99 is used before"),
        (BQ.replace('p "strong" 1 2 "strong"', 'p "strong" 1 1 "weak"', 1),
         "share a sender information set"),
        (BQ.replace('c "" 1 "type" { "weak" 1/10 "strong" 9/10 } 0',
                    'p "" 1 9 "first" { "weak" "strong" } 0', 1), "root must be a chance"),
        (BQ.replace('p "strong" 1 2 "strong" { "beer" "quiche" }',
                    'p "strong" 1 2 "strong" { "quiche" "beer" }', 1), "different messages"),
        (BQ.replace('p "" 2 2 "quiche"', 'p "" 2 1 "beer"', 1), "same receiver information"),
        (_replace_last(BQ, '"beer" { "duel" "not_duel" }', '"beer" { "duel" "other" }'),
         "redefined differently"),
        (BQ.replace('p "" 2 2 "quiche" { "duel" "not_duel" } 0', 'p "" 2 5', 1),
         "used before it is defined"),
        (BQ.replace('p "" 2 1 "beer"', 'p "" 1 5 "beer"', 1), "receiver \\(player 2\\)"),
        (BQ.replace('t "" 1 "weak, beer, duel" { 0, 1 }',
                    'p "" 1 3 "again" { "z" } 0\nt "" 1 "weak, beer, duel" { 0, 1 }', 1),
         "must end the game"),
        (BQ.replace('p "" 2 2 "quiche" { "duel" "not_duel" } 0',
                    'p "" 2 2 "quiche" { "duel" "not_duel" } 0 "x" { 1, 1 }', 1),
         "null outcome"),
        (BQ.replace('p "" 2 2 "quiche"', 'p "" 3 2 "quiche"', 1), "player 3 is not declared"),
        (BQ.replace('p "weak" 1 1', 'q "weak" 1 1', 1), "unknown node type"),
    ],
)
def test_read_errors(text, match):
    with pytest.raises(ModelFileError, match=match):
        parse_efg(text)


def test_read_error_names_the_line():
    text = BQ.replace("{ 3, 0 }", "{ 3 }", 1)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "{ 3 }" in s)
    with pytest.raises(ModelFileError, match=f"^line {line}:"):
        parse_efg(text)


def test_missing_file_is_a_model_file_error(tmp_path):
    with pytest.raises(ModelFileError, match="cannot read"):
        read_efg(tmp_path / "nope.efg")


# ---------------------------------------------------------------------- strategic form
def test_beer_quiche_induced_payoffs_by_hand():
    game = beer_quiche()
    rows, cols = strategy_labels(game)
    assert rows == (("beer", "beer"), ("beer", "quiche"), ("quiche", "beer"),
                    ("quiche", "quiche"))
    assert cols == (("duel", "duel"), ("duel", "not_duel"), ("not_duel", "duel"),
                    ("not_duel", "not_duel"))
    a, b = induced_payoffs(game)
    r, c = rows.index, cols.index
    # both drink beer, no duel after beer: weak 2, strong 3; receiver right only on strong
    assert a[r(("beer", "beer"))][c(("not_duel", "duel"))] == F(1, 10) * 2 + F(9, 10) * 3
    assert b[r(("beer", "beer"))][c(("not_duel", "duel"))] == F(9, 10)
    # both eat quiche, duel after beer only
    assert a[r(("quiche", "quiche"))][c(("duel", "not_duel"))] == F(1, 10) * 3 + F(9, 10) * 2
    assert b[r(("quiche", "quiche"))][c(("duel", "not_duel"))] == F(9, 10)
    # weak beer, strong quiche, duel after beer only: weak 0, strong 2; receiver always right
    assert a[r(("beer", "quiche"))][c(("duel", "not_duel"))] == F(9, 5)
    assert b[r(("beer", "quiche"))][c(("duel", "not_duel"))] == 1
    # weak quiche, strong beer, always duel: weak 1, strong 1; receiver right on weak only
    assert a[r(("quiche", "beer"))][c(("duel", "duel"))] == 1
    assert b[r(("quiche", "beer"))][c(("duel", "duel"))] == F(1, 10)
    na, nb = to_nashpy(game).payoff_matrices
    assert na.shape == nb.shape == (4, 4)
    assert np.allclose(na, np.array(a, dtype=float))
    assert np.allclose(nb, np.array(b, dtype=float))


def test_belief_helper_on_beer_quiche():
    game = beer_quiche()
    # duel after quiche is a best response exactly when mu(weak) >= 1/2
    assert best_response_to_some_belief(game, "quiche", "duel")
    assert best_response_to_some_belief(game, "quiche", "not_duel")
    dominated = SignallingGame.from_arrays(["1/2", "1/2"], [[[0, 0]], [[0, 0]]],
                                           [[[1, 0]], [[2, "1/2"]]])
    assert not best_response_to_some_belief(dominated, "m0", "a1")
    assert not admits_consistent_beliefs(game, {"weak": "beer", "strong": "beer"},
                                         {"beer": "duel", "quiche": "duel"})


def test_strategic_form_size_guard():
    game = SignallingGame.from_arrays([F(1, 4)] * 4, [[[0] * 4] * 4] * 4, [[[0] * 4] * 4] * 4)
    with pytest.raises(UnsupportedGameError, match="cells"):
        induced_payoffs(game, max_cells=1000)


def _pure_profile(game, row, col):
    rows, cols = strategy_labels(game)
    s = {t: rows[row][i] for i, t in enumerate(game.types)}
    r = {m: cols[col][j] for j, m in enumerate(game.messages)}
    return s, r


@pytest.mark.parametrize("make", [beer_quiche, lambda: beer_quiche("1/2")])
def test_nashpy_agrees_with_pure_pbe(make):
    game = make()
    nash_game = to_nashpy(game)
    rows, cols = strategy_labels(game)
    ours = {(tuple(sorted(eq.sender_strategy().items())),
             tuple(sorted(eq.receiver_strategy().items())))
            for eq in solve(game, pure=True)}
    assert ours
    # every pure PBE of ours is a Nash equilibrium of the strategic form nashpy sees
    for s, r in ours:
        i = rows.index(tuple(dict(s)[t] for t in game.types))
        j = cols.index(tuple(dict(r)[m] for m in game.messages))
        sigma_r, sigma_c = np.eye(len(rows))[i], np.eye(len(cols))[j]
        assert all(nash_game.is_best_response(sigma_r, sigma_c))
    # every pure Nash equilibrium nashpy finds whose off-path play admits beliefs is ours
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = list(nash_game.support_enumeration())
    assert found
    pure_found = 0
    for sigma_r, sigma_c in found:
        if not (np.isclose(sigma_r.max(), 1) and np.isclose(sigma_c.max(), 1)):
            continue
        s, r = _pure_profile(game, int(sigma_r.argmax()), int(sigma_c.argmax()))
        if admits_consistent_beliefs(game, s, r):
            pure_found += 1
            assert (tuple(sorted(s.items())), tuple(sorted(r.items()))) in ours
    assert pure_found >= 1


def test_every_pure_strategic_equilibrium_is_checked_exactly():
    """Exact cross-check on the induced form: pure PBE = pure Nash profiles with beliefs."""
    game = beer_quiche()
    a, b = induced_payoffs(game)
    rows, cols = strategy_labels(game)
    nash = set()
    for i, j in itertools.product(range(len(rows)), range(len(cols))):
        if a[i][j] == max(a[k][j] for k in range(len(rows))) and \
                b[i][j] == max(b[i][k] for k in range(len(cols))):
            s, r = _pure_profile(game, i, j)
            if admits_consistent_beliefs(game, s, r):
                nash.add((tuple(sorted(s.items())), tuple(sorted(r.items()))))
    ours = {(tuple(sorted(eq.sender_strategy().items())),
             tuple(sorted(eq.receiver_strategy().items())))
            for eq in solve(game, pure=True)}
    assert nash == ours


def _known_answer_games() -> list[SignallingGame]:
    import json
    from pathlib import Path

    cases = json.loads((Path(__file__).parent / "data" / "signalling_known_answers.json")
                       .read_text())["cases"]
    return [SignallingGame.from_arrays(
        c["prior"], c["payoffs"]["sender"], c["payoffs"]["receiver"], types=c["types"],
        messages=c["messages"], actions=c["actions"], name=c["name"])
        for c in cases if len(c["types"]) * len(c["messages"]) <= 6]


def _behaviour(game, sigma_r, sigma_c):
    """Kuhn: the behaviour strategies of a mixed profile of the induced strategic form."""
    rows, cols = strategy_labels(game)
    q = [F(float(p)).limit_denominator(10_000) for p in sigma_r]
    c = [F(float(p)).limit_denominator(10_000) for p in sigma_c]
    sender = {t: {m: sum((p for row, p in zip(rows, q, strict=True) if row[i] == m), F(0))
                  for m in game.messages} for i, t in enumerate(game.types)}
    receiver = {m: {a: sum((p for col, p in zip(cols, c, strict=True) if col[j] == a), F(0))
                    for a in game.actions_for(m)} for j, m in enumerate(game.messages)}
    return sender, receiver


def _outcome(game, sender, receiver) -> tuple:
    """The sender's strategy and the receiver's play after messages that are sent."""
    sent = [m for m in game.messages
            if any(game.prior[i] * sender[t][m] != 0 for i, t in enumerate(game.types))]
    return (tuple(tuple(F(str(sender[t][m])) for m in game.messages) for t in game.types),
            tuple((m, tuple(F(str(receiver[m][a])) for a in game.actions_for(m)))
                  for m in sent))


@pytest.mark.parametrize("game", _known_answer_games(), ids=lambda g: g.name)
def test_nashpy_vertex_enumeration_matches_our_outcomes(game):
    """Extreme Nash equilibria of the strategic form (nashpy) that admit consistent beliefs
    have the outcome of one of our PBE, and each of our PBE outcomes is found by nashpy."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = list(to_nashpy(game).vertex_enumeration())
        ours = {_outcome(game, eq.sender, eq.receiver) for eq in solve(game)}
    theirs = set()
    for sigma_r, sigma_c in found:
        sender, receiver = _behaviour(game, sigma_r, sigma_c)
        if behaviour_admits_consistent_beliefs(game, sender, receiver):
            theirs.add(_outcome(game, sender, receiver))
    assert theirs, "nashpy found no equilibrium that admits beliefs"
    assert theirs <= ours
    assert ours <= theirs
