"""Tests of TOML model files: loading, writing, round trips, errors and fuzzing."""

from __future__ import annotations

import json
import re
import string
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_games import SignallingGame, belief
from alliance_games.errors import AllianceGamesError, ModelFileError
from alliance_games.io.modelfile import (
    dumps_game,
    example_path,
    list_examples,
    load_game,
    load_model,
    loads_game,
    loads_model,
    save_game,
)

DATA = Path(__file__).parent / "data" / "signalling_known_answers.json"

BEER_QUICHE = """\
name = "Beer-Quiche"
types = ["weak", "strong"]
prior = ["1/10", "9/10"]
messages = ["beer", "quiche"]
actions = ["duel", "not_duel"]

[payoffs]
sender = [[[0, 2], [1, 3]], [[1, 3], [0, 2]]]
receiver = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]
"""

PARAMETRIC = """\
name = "parametric"
types = ["H", "L"]
prior = ["p", "1 - p"]
messages = ["E", "N"]
assumptions = ["c < 2*k"]

[actions]
E = ["hire", "reject"]
N = ["hire", "reject", "wait"]

[parameters.c]
lower = 0
description = "cost"

[parameters.k]
lower = 0.5
upper = 3

[parameters.p]
lower = 0
upper = 1

[payoffs]
sender = [
  [["2 - c", "-c"], [2, 0, 0.25]],
  [["2 - 2*c", "-2*c"], [2, 0, "1/4"]],
]
receiver = [
  [["k + mu_H", 0], [1, 0, "Piecewise((1, mu_H >= 1/2), (0, True))"]],
  [[-1, 0], [-1, 0, "Max(mu_L, 1/3)"]],
]
"""


def _known_case(name):
    cases = json.loads(DATA.read_text())["cases"]
    return next(c for c in cases if c["name"] == name)


def _rational(text):
    f = Fraction(text)
    return sp.Rational(f.numerator, f.denominator)


# ----------------------------------------------------------------------------- loading
def test_examples_are_package_data():
    assert set(list_examples()) >= {"beer_quiche", "spence_parametric", "cheap_talk"}
    path = resources.files("alliance_games.models") / "beer_quiche.toml"
    assert load_game(path) == load_game(example_path("beer_quiche"))
    assert example_path("beer_quiche.toml").name == "beer_quiche.toml"
    with pytest.raises(ModelFileError, match="no example model 'nope'.*beer_quiche"):
        example_path("nope")


@pytest.mark.parametrize(("example", "case"), [("beer_quiche", "beer_quiche_cho_kreps"),
                                               ("cheap_talk", "cheap_talk_cs_discrete_b3_10")])
def test_examples_match_known_answer_games(example, case):
    game = load_game(example_path(example))
    known = _known_case(case)
    assert list(game.types) == known["types"]
    assert list(game.messages) == known["messages"]
    assert all(list(a) == known["actions"] for a in game.actions)
    assert list(game.prior) == [_rational(x) for x in known["prior"]]
    for who, table in (("sender", game.sender_payoffs), ("receiver", game.receiver_payoffs)):
        expected = [[[_rational(x) for x in row] for row in rows]
                    for rows in known["payoffs"][who]]
        assert [[list(row) for row in rows] for rows in table] == expected


def test_beer_quiche_example_equals_core_example():
    from alliance_games.examples import beer_quiche

    assert load_game(example_path("beer_quiche")) == beer_quiche()


def test_spence_parametric_example():
    model = load_model(example_path("spence_parametric"))
    game = model.game
    c = sp.Symbol("c")
    assert dict(game.parameters) == {c: (0, 10)}
    assert game.sender_payoffs[1][0] == (10 - 2 * c, 4 - 2 * c)
    assert game.is_parametric and not game.has_belief_payoffs
    assert "Spence" in model.source
    assert "cost" in model.parameter_descriptions["c"]
    at4 = game.subs({c: 4})
    assert at4.sender_payoffs[0][0] == (6, 0)


def test_load_text_and_path(tmp_path):
    game = loads_game(BEER_QUICHE)
    assert game.name == "Beer-Quiche"
    assert game.prior == (sp.Rational(1, 10), sp.Rational(9, 10))
    path = tmp_path / "bq.toml"
    path.write_text(BEER_QUICHE, encoding="utf-8")
    assert load_game(path) == game
    assert load_game(str(path)) == game
    assert load_game(BEER_QUICHE) == game  # text with line breaks


def test_parametric_and_belief_payoffs():
    game = loads_game(PARAMETRIC)
    c, k, p = sp.symbols("c k p")
    mu_H, mu_L = belief("H"), belief("L")
    assert dict(game.parameters) == {c: (0, None), k: (sp.Rational(1, 2), 3), p: (0, 1)}
    assert game.assumptions == (c < 2 * k,)
    assert game.actions == (("hire", "reject"), ("hire", "reject", "wait"))
    assert game.prior == (p, 1 - p)
    assert game.sender_payoffs[0][1] == (2, 0, sp.Rational(1, 4))  # 0.25 read exactly
    assert game.receiver_payoffs[0][0][0] == k + mu_H
    assert game.receiver_payoffs[0][1][2] == sp.Piecewise((1, mu_H >= sp.Rational(1, 2)),
                                                          (0, True))
    assert game.receiver_payoffs[1][1][2] == sp.Max(mu_L, sp.Rational(1, 3))
    assert game.has_belief_payoffs


def test_prior_as_table_and_actions_as_lists():
    text = BEER_QUICHE.replace('prior = ["1/10", "9/10"]', 'prior = {strong = 0.9, weak = 0.1}')
    text = text.replace('actions = ["duel", "not_duel"]',
                        'actions = [["duel", "not_duel"], ["duel", "not_duel"]]')
    assert loads_game(text) == loads_game(BEER_QUICHE)


def test_floats_are_exact():
    text = BEER_QUICHE.replace('prior = ["1/10", "9/10"]', "prior = [0.1, 0.9]")
    assert loads_game(text).prior == (sp.Rational(1, 10), sp.Rational(9, 10))


# ----------------------------------------------------------------------------- round trips
def test_round_trip_examples(tmp_path):
    for name in list_examples():
        model = load_model(example_path(name))
        text = dumps_game(model.game, description=model.description, source=model.source,
                          parameter_descriptions=model.parameter_descriptions)
        back = loads_model(text)
        assert back.game == model.game
        assert back.game.name == model.game.name
        assert (back.description, back.source) == (model.description, model.source)
        assert dict(back.parameter_descriptions) == dict(model.parameter_descriptions)
        path = tmp_path / f"{name}.toml"
        save_game(model.game, path)
        assert load_game(path) == model.game


def test_round_trip_symbolic_with_beliefs():
    game = loads_game(PARAMETRIC)
    text = dumps_game(game)
    assert "[actions]" in text and "[parameters.k]" in text
    back = loads_game(text)
    assert back == game
    assert back.assumptions == game.assumptions
    assert dict(back.parameters) == dict(game.parameters)


def test_round_trip_awkward_labels():
    c = sp.Symbol("c")
    game = SignallingGame.from_arrays(
        ["1/3", "2/3"],
        [[[c, 1 / (c - 6)]], [[2 * c / 3, -c**2]]],
        [[[0, belief("b")]], [[1, sp.Rational(-7, 3)]]],
        types=["a", "b"], messages=['say "hi" \\ é\tx'], actions=["x y", "Ω"],
        parameters={c: (None, 5)}, assumptions=[c > -1],
        name='quote " and newline\nhere')
    back = loads_game(dumps_game(game, description="line1\nline2\x7f"))
    assert back == game
    assert back.name == game.name
    assert loads_model(dumps_game(game, description="line1\nline2\x7f")).description == \
        "line1\nline2\x7f"


labels = st.text(alphabet=string.ascii_letters + string.digits + " _-\"'\\é", min_size=1,
                 max_size=6).filter(lambda s: s.strip())
values = st.fractions(min_value=-50, max_value=50, max_denominator=12)


@st.composite
def games(draw):
    n_t = draw(st.integers(1, 3))
    n_m = draw(st.integers(1, 3))
    types = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,4}", fullmatch=True), min_size=n_t,
                          max_size=n_t, unique=True))
    messages = draw(st.lists(labels, min_size=n_m, max_size=n_m, unique=True))
    actions = [draw(st.lists(labels, min_size=1, max_size=3, unique=True)) for _ in messages]
    weights = draw(st.lists(st.integers(1, 9), min_size=n_t, max_size=n_t))
    prior = [Fraction(w, sum(weights)) for w in weights]
    c = sp.Symbol("c")
    symbolic = draw(st.booleans())

    def entry(t):
        v = draw(values)
        x = sp.Rational(v.numerator, v.denominator)
        if symbolic and draw(st.booleans()):
            x = x + draw(st.sampled_from([c, -2 * c, c**2, belief(types[t])]))
        return x

    sender = [[[entry(t) for _ in acts] for acts in actions] for t in range(n_t)]
    receiver = [[[entry(t) for _ in acts] for acts in actions] for t in range(n_t)]
    return SignallingGame.from_arrays(
        prior, sender, receiver, types=types, messages=messages,
        actions={m: a for m, a in zip(messages, actions)},
        parameters={c: (0, 1)} if symbolic else None, name=draw(labels))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games())
def test_round_trip_random_games(game):
    assert loads_game(dumps_game(game)) == game


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ('types = ["weak", "strong"]', "", r"types: missing"),
        ('types = ["weak", "strong"]', 'types = ["weak", "weak"]', r"types .*duplicate"),
        ('types = ["weak", "strong"]', 'types = ["weak", 3]', r"types\[1\].*labels must be"),
        ('prior = ["1/10", "9/10"]', 'prior = ["1/10"]', r"prior.*1 entries but there are 2"),
        ('prior = ["1/10", "9/10"]', 'prior = ["1/10", "8/10"]',
         r"prior must sum to 1, got 9/10 \(file line 3\)"),
        ('prior = ["1/10", "9/10"]', 'prior = ["1/10", true]', r"prior\[1\].*True"),
        ('prior = ["1/10", "9/10"]', 'prior = ["1/10", nan]', r"prior\[1\].*non-finite"),
        ('prior = ["1/10", "9/10"]', 'prior = ["1/10", "9/10 + q"]', r"prior\[1\].*unknown name"),
        ('actions = ["duel", "not_duel"]', 'actions = {beer = ["duel"]}',
         r"no actions for message\(s\) \['quiche'\]"),
        ('actions = ["duel", "not_duel"]', 'actions = {beer = ["d"], tea = ["d"]}',
         r"actions.tea.*unknown message"),
        ("[payoffs]", "[payoff]", r"payoff .*unknown key"),
        ("sender = [[[0, 2], [1, 3]], [[1, 3], [0, 2]]]", "sender = [[[0, 2], [1, 3]]]",
         r"payoffs.sender.*one entry per type \(2\), got 1 entries"),
        ("sender = [[[0, 2], [1, 3]], [[1, 3], [0, 2]]]",
         "sender = [[[0, 2], [1, 3]], [[1, 3], [0, 2, 5]]]",
         r"payoffs.sender\[1\]\[1\].*one entry per action \(2\), got 3"),
        ("sender = [[[0, 2], [1, 3]], [[1, 3], [0, 2]]]",
         "sender = [[[0, 2], [1, 3]], [[1, 3], [0, [2]]]]",
         r"payoffs.sender\[1\]\[1\]\[1\].*got a list"),
        ("sender = [[[0, 2], [1, 3]], [[1, 3], [0, 2]]]",
         "sender = [[[0, 2], [1, 3]], [[1, 3], [0, \"mu_weak.real\"]]]",
         r"payoffs.sender\[1\]\[1\]\[1\] \(file line 8\): forbidden attribute access"),
        ("receiver = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]", "",
         r"payoffs.receiver.*missing"),
        ('name = "Beer-Quiche"', "name = 3", r"name \(file line 1\): must be a string"),
        ('name = "Beer-Quiche"', 'colour = "red"', r"colour \(file line 1\): unknown key"),
        ('name = "Beer-Quiche"', 'name = "Beer', r"invalid TOML.*line 1"),
    ],
)
def test_errors_name_the_key(old, new, needle):
    text = BEER_QUICHE.replace(old, new)
    assert text != BEER_QUICHE
    with pytest.raises(ModelFileError, match=needle):
        loads_game(text)


@pytest.mark.parametrize(
    ("section", "needle"),
    [
        ("[parameters.exp]\nlower = 0", r"parameters.exp.*reserved"),
        ("[parameters.mu_weak]\nlower = 0", r"clashes with a belief"),
        ("[parameters.c]\nlower = 1\nupper = 0", r"parameters.c .*empty range"),
        ("[parameters.c]\nlow = 1", r"parameters.c.low.*unknown key"),
        ("[parameters.c]\nlower = \"d\"", r"parameters.c.lower.*unknown name"),
        ("[parameters]\nc = 1", r"parameters.c .*must be a table"),
    ],
)
def test_parameter_errors(section, needle):
    text = BEER_QUICHE.replace("[payoffs]", section + "\n\n[payoffs]")
    with pytest.raises(ModelFileError, match=needle):
        loads_game(text)


def test_assumption_errors():
    base = PARAMETRIC
    with pytest.raises(ModelFileError, match=r"assumptions\[0\].*unknown name.*'z'"):
        loads_game(base.replace('assumptions = ["c < 2*k"]', 'assumptions = ["z < 1"]'))
    with pytest.raises(ModelFileError, match=r"assumptions\[0\].*always false"):
        loads_game(base.replace('assumptions = ["c < 2*k"]', 'assumptions = ["1 < 0"]'))
    with pytest.raises(ModelFileError, match=r"assumptions\[0\].*expected a condition"):
        loads_game(base.replace('assumptions = ["c < 2*k"]', 'assumptions = ["c + 1"]'))


def test_file_errors(tmp_path):
    with pytest.raises(ModelFileError, match="cannot read model file"):
        load_game(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"name = \"\xff\"\n")
    with pytest.raises(ModelFileError, match="not UTF-8"):
        load_game(bad)
    with pytest.raises(ModelFileError):
        load_game(42)


def test_write_errors():
    game = SignallingGame.from_arrays([1], [[[sp.sin(belief("t0"))]]], [[[0]]])
    with pytest.raises(ModelFileError, match=r"payoffs.sender\[0\]\[0\]\[0\]"):
        dumps_game(game)


# ----------------------------------------------------------------------------- safety
DANGEROUS = [
    "__import__('os')",
    "__import__('os').system('touch MARKER')",
    "().__class__",
    "open('MARKER', 'w')",
    "a.b",
    "x[0]",
    "lambda: 1",
    "f'{1}'",
    "exec('1')",
]


@pytest.mark.parametrize("attack", DANGEROUS)
def test_dangerous_expressions_refused_with_line(attack, tmp_path):
    marker = tmp_path / "MARKER"
    attack = attack.replace("MARKER", str(marker))
    cell = json.dumps(attack)
    text = BEER_QUICHE.replace("receiver = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]",
                               f"receiver = [[[1, 0], [1, 0]], [[0, 1], [0, {cell}]]]")
    with pytest.raises(ModelFileError) as info:
        loads_game(text)
    message = str(info.value)
    assert "payoffs.receiver[1][1][1]" in message
    assert "(file line 9)" in message
    assert re.search(r"at line 1, column \d+", message)
    assert not marker.exists()


def test_os_system_file_creates_nothing(tmp_path):
    marker = tmp_path / "pwned"
    attack = f"__import__('os').system('touch {marker}')"
    text = BEER_QUICHE.replace('prior = ["1/10", "9/10"]',
                               f'prior = ["1/10", "{attack}"]')
    path = tmp_path / "evil.toml"
    path.write_text(text)
    with pytest.raises(ModelFileError, match=r"prior\[1\] \(file line 3\)"):
        load_game(path)
    assert not marker.exists()


# ----------------------------------------------------------------------------- fuzzing
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_loads_or_raises_own_error(text):
    try:
        game = loads_game(text)
    except AllianceGamesError as exc:
        assert isinstance(exc, ModelFileError)
    else:
        assert isinstance(game, SignallingGame)


_TOKENS = ['"', "[", "]", "{", "}", "=", ",", "\n", "0", "1", "-1", "0.5", "1e400", "nan",
           "inf", "true", '"x"', '"1/0"', '"mu_weak"', '"__import__(\'os\')"', "[[", "]]",
           "[parameters.c]", "lower", "upper", "name", "types", "prior", '"c"', "#"]


def _mutate(text: str, data) -> str:
    n = data.draw(st.integers(1, 4))
    for _ in range(n):
        op = data.draw(st.sampled_from(["delete", "insert", "replace", "swap_lines"]))
        pos = data.draw(st.integers(0, max(len(text) - 1, 0)))
        if op == "delete":
            width = data.draw(st.integers(1, 8))
            text = text[:pos] + text[pos + width:]
        elif op == "insert":
            text = text[:pos] + data.draw(st.sampled_from(_TOKENS)) + text[pos:]
        elif op == "replace":
            text = text[:pos] + data.draw(st.sampled_from(_TOKENS)) + text[pos + 1:]
        else:
            lines = text.split("\n")
            i = data.draw(st.integers(0, len(lines) - 1))
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([BEER_QUICHE, PARAMETRIC]), st.data())
def test_mutated_documents_load_or_raise_own_error(base, data):
    text = _mutate(base, data)
    try:
        game = loads_game(text)
    except AllianceGamesError as exc:
        assert isinstance(exc, ModelFileError)
        assert str(exc)
    else:
        assert isinstance(game, SignallingGame)


leaf_values = st.one_of(
    st.integers(-10**6, 10**6), st.booleans(), st.text(max_size=20),
    st.sampled_from(["1/0", "mu_H", "c", "__import__('os')", "Piecewise((1, c > 1))",
                     "x.y", "1e999999", "sqrt(-1)", "0.1", ""]),
    st.just([]), st.just({}), st.lists(st.integers(), max_size=3),
)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)  # ASCII JSON strings are valid TOML basic strings
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


def _base_document():
    return {
        "name": "parametric", "types": ["H", "L"], "prior": ["p", "1 - p"],
        "messages": ["E", "N"], "assumptions": ["c < 2*k"],
        "actions": {"E": ["hire", "reject"], "N": ["hire", "reject", "wait"]},
        "parameters": {"c": {"lower": 0}, "k": {"lower": 1, "upper": 3},
                       "p": {"lower": 0, "upper": 1}},
        "payoffs": {
            "sender": [[["2 - c", "-c"], [2, 0, "1/4"]], [["2 - 2*c", "-2*c"], [2, 0, 1]]],
            "receiver": [[["k + mu_H", 0], [1, 0, "mu_H"]], [[-1, 0], [-1, 0, "mu_L"]]],
        },
    }


def _paths(doc, prefix=()):
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, prefix + (i,))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_structurally_mutated_documents(data):
    doc = _base_document()
    assert isinstance(loads_game("\n".join(f"{k} = {_toml(v)}" for k, v in doc.items())),
                      SignallingGame)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        path = data.draw(st.sampled_from(paths))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        op = data.draw(st.sampled_from(["set", "delete", "add"]))
        if op == "set":
            parent[path[-1]] = data.draw(leaf_values)
        elif op == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(min_size=1, max_size=5))] = data.draw(leaf_values)
        else:
            parent.append(data.draw(leaf_values))
        if not isinstance(doc, dict) or not doc:
            break
    text = "\n".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in doc.items())
    try:
        game = loads_game(text)
    except AllianceGamesError as exc:
        assert isinstance(exc, ModelFileError)
    else:
        assert isinstance(game, SignallingGame)


def test_documented_example_loads():
    doc = Path(__file__).parent.parent / "docs" / "model-file.md"
    if not doc.exists():  # pragma: no cover - docs not shipped with the tests
        pytest.skip("docs/model-file.md not present")
    block = re.search(r"```toml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S).group(1)
    model = loads_model(block)
    assert model.game.actions == (("hire", "reject"), ("hire", "reject", "wait"))
    assert model.game.has_belief_payoffs
    assert model.parameter_descriptions["p"] == "prior probability of H"
