"""Export of results and region maps: dict/JSON, records, DataFrames, CSV.

Every exact value written as text is read back with the model-file parser and compared
exactly with the object it came from; region records are checked point by point against an
exact decision of each condition (``alliance_games.parametric.where``).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import sys

import pytest
import sympy as sp

from alliance_games import BeliefSet, OptionalDependencyError, belief, solve
from alliance_games.examples import beer_quiche
from alliance_games.io.export import exact_text, region_csv, region_frame, region_records
from alliance_games.io.expressions import parse_condition, parse_expression
from alliance_games.io.modelfile import example_path, load_game
from alliance_games.parametric import region_data, where


@functools.cache
def solved(name: str):
    game = {"numeric": beer_quiche, "parametric": lambda: beer_quiche(sp.Symbol("p")),
            "spence": lambda: load_game(example_path("spence_parametric"))}[name]()
    return game, solve(game)


def names(game):
    out = {s.name: s for s in game.parameters}
    out.update({s.name: s for s in game.belief_symbols})
    return out


def read(text, game):
    return parse_expression(text, names(game))


def read_cond(text, game):
    return sp.true if text == "True" else sp.false if text == "False" else parse_condition(
        text, names(game))


def same_condition(a, b, symbols, lo=0, hi=10):
    """Equal as sets: structurally, or at every rational point of a fine grid (one symbol)."""
    if a == b:
        return True
    (s,) = symbols
    pts = [sp.Rational(k, 7) for k in range(7 * lo, 7 * hi + 1)]
    return all(bool(a.subs(s, x)) == bool(b.subs(s, x)) for x in pts)


@pytest.mark.parametrize("name", ["numeric", "parametric", "spence"])
def test_dict_keeps_everything_exactly(name):
    game, res = solved(name)
    d = res.to_dict()
    assert json.loads(res.to_json()) == d                     # JSON-ready, nothing lost
    assert d["game"]["types"] == list(game.types) and len(d["equilibria"]) == len(res)
    for p, (lo, hi) in game.parameters.items():
        assert [None if x is None else read(x, game) for x in d["game"]["parameters"][p.name]] \
            == [lo, hi]
    for eq, e in zip(res, d["equilibria"]):
        assert e["label"] == eq.label and e["kind"] == eq.kind
        for t, row in eq.sender.items():
            for m, prob in row.items():
                assert read(e["sender"][t][m], game) == prob
        for m, row in eq.receiver.items():
            for a, prob in row.items():
                assert read(e["receiver"][m][a], game) == prob
        for t, x in eq.sender_payoffs.items():
            assert sp.simplify(read(e["sender_payoffs"][t], game) - x) == 0
        for key in ("condition", "intuitive_condition", "d1_condition"):
            back = read_cond(e[key], game)
            assert same_condition(back, getattr(eq, key), game.parameters), (key, e[key])
        for m, b in eq.beliefs.items():
            entry = e["beliefs"][m]
            assert entry["on_path"] == (m in eq.on_path)
            if isinstance(b, BeliefSet):
                s = entry["set"]
                assert s["text"] == str(b)
                assert tuple(read_cond(c, game) for c in s["constraints"]) == b.constraints
                if b.vertices is not None:
                    assert [tuple(read(x, game) for x in v) for v in s["vertices"]] == \
                        [tuple(sp.sympify(x) for x in v) for v in b.vertices]
                assert b.contains({t: read(x, game) for t, x in s["example"].items()})
            else:
                assert {t: read(x, game) for t, x in entry["probabilities"].items()} == dict(b)
        if eq.family is None:
            assert e["family"] is None
        else:
            ranges = e["family"]["ranges"]
            assert {str(v) for v in eq.family.ranges} == set(ranges)
            for v, (lo, hi) in eq.family.ranges.items():
                assert [read(x, game) for x in ranges[str(v)]] == [lo, hi]


def test_family_ranges_are_in_the_json():
    """The issue's complaint: --json dropped family ranges."""
    _, res = solved("parametric")
    fams = [e for e in res.to_dict()["equilibria"] if e["is_family"]]
    assert fams and all(e["family"]["ranges"] for e in fams)
    assert fams[0]["family"]["ranges"]["rho[quiche,duel]"] == ["1/2", "1"]


def test_records_and_frame():
    game, res = solved("spence")
    records = res.to_records()
    assert len(records) == len(res)
    cols = set(records[0])
    for t in game.types:
        for m in game.messages:
            assert f"sender[{t}][{m}]" in cols
    for m in game.messages:
        assert {f"belief[{m}]", f"off_path[{m}]"} <= cols
    hybrid = [r for r in records if r["kind"] == "hybrid"][0]
    assert read(hybrid["receiver[E][C]"], game) == 1 - sp.Symbol("c") / 3
    assert hybrid["condition"] == "(c > 0) & (c < 3)" or \
        same_condition(read_cond(hybrid["condition"], game),
                       sp.And(sp.Symbol("c") > 0, sp.Symbol("c") < 3), game.parameters)
    fam = [r for r in records if r["is_family"]]
    assert fam and all(" in [" in r["family_ranges"] for r in fam)
    floats = solved("numeric")[1].to_records(floats=True)
    assert floats[0]["sender[weak][beer]"] == 1.0 and isinstance(floats[0]["receiver_payoff"],
                                                                  float)
    pd = pytest.importorskip("pandas")
    df = res.to_frame()
    assert isinstance(df, pd.DataFrame) and len(df) == len(res)
    assert list(df.columns) == list(records[0])


def test_frame_without_pandas_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    _, res = solved("numeric")
    with pytest.raises(OptionalDependencyError, match="pandas is required.*pip install pandas"):
        res.to_frame()
    assert res.to_records()                                   # records need no pandas


def test_exact_text():
    c = sp.Symbol("c")
    for value in (sp.Rational(1, 10), 10 - 2 * c, sp.sqrt(2) / 3, sp.Integer(-4)):
        assert parse_expression(exact_text(value), {"c": c}) == value
    assert exact_text(None) is None and exact_text(sp.true) == "True"
    mu = belief("weak")
    assert parse_condition(exact_text(mu >= sp.Rational(1, 2)), {"mu_weak": mu}) == \
        (mu >= sp.Rational(1, 2))


def test_region_records_csv_frame(tmp_path):
    game, res = solved("spence")
    c = sp.Symbol("c")
    data = region_data(res, {c: (0, 10)}, n=20, progress=False)
    rows = region_records(data)
    assert len(rows) == 20
    for row in rows:
        x = parse_expression(row["c_exact"], {"c": c})
        assert float(x) == row["c"]
        for eq in res:
            assert row[f"exists[{eq.label}]"] == where(eq, {c: x}), (eq.label, x)
            assert row[f"ic[{eq.label}]"] == where(eq, {c: x}, "ic"), (eq.label, x)
    path = tmp_path / "regions.csv"
    text = region_csv(data, path)
    assert path.read_text() == text
    back = list(csv.DictReader(io.StringIO(text)))
    assert len(back) == len(rows)
    assert all({k: str(v) for k, v in r.items()} == b for r, b in zip(rows, back))
    pytest.importorskip("pandas")
    df = region_frame(data)
    assert df.shape == (20, len(rows[0]))
    sep = [eq.label for eq in res if eq.kind == "separating"][0]
    # the separating equilibrium exists exactly for 3 <= c <= 6 (model file's description)
    assert set(df.loc[df[f"exists[{sep}]"], "c_exact"]) == {
        str(sp.Rational(2 * k + 1, 4)) for k in range(40) if 3 <= sp.Rational(2 * k + 1, 4) <= 6}


def test_region_two_parameters():
    p, q = sp.symbols("p q")
    Eq = type("Eq", (), {"label": "a", "condition": p + q < 1,
                         "intuitive_condition": sp.true, "d1_condition": p < q})
    data = region_data([Eq()], {p: (0, 1), q: (0, 1)}, n=(3, 4), progress=False)
    rows = region_records(data)
    assert len(rows) == 12
    for r in rows:
        x = parse_expression(r["p_exact"], {"p": p})
        y = parse_expression(r["q_exact"], {"q": q})
        assert r["exists[a]"] == bool(x + y < 1)
        assert r["d1[a]"] == bool(x + y < 1 and x < y)
