"""Tests of the ``alliance-games`` command line (run in-process through ``main``)."""

from __future__ import annotations

import json

import pytest

from alliance_games.cli import main
from alliance_games.io.modelfile import example_path

BQ = str(example_path("beer_quiche"))


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_solve_table(capsys):
    code, out, err = _run(capsys, "solve", BQ, "--pure")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Beer-Quiche: 2 equilibria")
    header = lines[1].split()
    for column in ("kind", "sender", "receiver", "IC", "D1"):
        assert column in header
    rows = lines[3:]
    assert len(rows) == 2
    beer = next(r for r in rows if "weak->beer, strong->beer" in r)
    quiche = next(r for r in rows if "weak->quiche, strong->quiche" in r)
    assert "beer->not_duel, quiche->duel" in beer
    assert "quiche*: mu(weak) in [1/2, 1]" in beer
    assert beer.split()[-2:] == ["yes", "yes"]  # IC, D1
    assert quiche.split()[-2:] == ["no", "no"]


def test_solve_example_name(capsys):
    code, out, _ = _run(capsys, "solve", "beer_quiche", "--pure")
    assert code == 0 and "2 equilibria" in out


def test_solve_json_beer_quiche(capsys):
    code, out, err = _run(capsys, "solve", BQ, "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["types"] == ["weak", "strong"]
    eqs = doc["equilibria"]
    assert all(e["kind"] == "pooling" for e in eqs)
    pure = [e for e in eqs if not e["family"]]
    profiles = {
        (tuple(sorted((t, m) for t, row in e["sender"].items() for m, p in row.items()
                      if p == "1")),
         tuple(sorted((m, a) for m, row in e["receiver"].items() for a, p in row.items()
                      if p == "1")),
         e["intuitive_criterion"], e["d1"])
        for e in pure
    }
    assert profiles == {
        ((("strong", "beer"), ("weak", "beer")), (("beer", "not_duel"), ("quiche", "duel")),
         True, True),
        ((("strong", "quiche"), ("weak", "quiche")), (("beer", "duel"), ("quiche", "not_duel")),
         False, False),
    }
    beer_pool = next(e for e in pure if e["on_path"] == ["beer"])
    assert beer_pool["beliefs"]["beer"] == {"off_path": False,
                                            "belief": {"weak": "1/10", "strong": "9/10"}}
    off = beer_pool["beliefs"]["quiche"]
    assert off["off_path"] is True
    assert off["bounds"]["weak"] == ["1/2", "1"]
    assert beer_pool["sender_payoffs"] == {"weak": "2", "strong": "3"}
    # the mixed-receiver variants (duel prob >= 1/2 at mu(weak) = 1/2) are reported as families
    assert len([e for e in eqs if e["family"]]) == 2


def test_solve_latex(capsys):
    code, out, _ = _run(capsys, "solve", BQ, "--pure", "--latex")
    assert code == 0
    assert r"\begin{tabular}" in out and r"\end{tabular}" in out
    assert r"\text{not\_duel}" in out
    assert out.count(r" \\") >= 3  # header + two rows


def test_solve_cheap_talk_pure(capsys):
    code, out, _ = _run(capsys, "solve", str(example_path("cheap_talk")), "--pure", "--json")
    assert code == 0
    doc = json.loads(out)
    babbling = [e for e in doc["equilibria"] if e["kind"] == "pooling"]
    assert babbling  # babbling exists at bias 3/10
    assert not any(
        len({m for t, row in e["sender"].items() for m, p in row.items() if p == "1"}) == 3
        for e in doc["equilibria"])  # no fully revealing equilibrium


def test_check(capsys):
    code, out, _ = _run(capsys, "check", str(example_path("spence_parametric")))
    assert code == 0
    assert "OK" in out and "parameter c in (0, 10)" in out


def test_bad_file_exit_1(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('types = ["a"]\nprior = [1]\nmessages = ["m"]\nactions = ["x"]\n'
                   '[payoffs]\nsender = [[["open(\'f\')"]]]\nreceiver = [[[0]]]\n')
    code, out, err = _run(capsys, "solve", str(bad))
    assert code == 1 and out == ""
    assert err.startswith("alliance-games: error: ")
    assert "payoffs.sender[0][0][0]" in err and "open" in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_missing_file_exit_1(capsys, tmp_path):
    code, _, err = _run(capsys, "solve", str(tmp_path / "nope.toml"))
    assert code == 1
    assert "alliance-games: error:" in err and "nope.toml" in err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["solve"],
        ["solve", BQ, "--json", "--latex"],
        ["solve", BQ, "--bogus"],
        ["regions", BQ, "--x", "c:0:1"],
    ],
)
def test_usage_errors_exit_2(capsys, argv):
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert err.startswith("alliance-games: error: ")
    assert len(err.strip().splitlines()) == 1


def test_regions_argument_errors(capsys, tmp_path):
    spence = str(example_path("spence_parametric"))
    out = str(tmp_path / "map.png")
    code, _, err = _run(capsys, "regions", spence, "--x", "c:0:10", "--y", "d:0:1", "--out", out)
    assert code == 2 and "unknown parameter 'd'" in err and "c" in err
    code, _, err = _run(capsys, "regions", spence, "--x", "c:0", "--y", "c:0:1", "--out", out)
    assert code == 2 and "NAME:LO:HI" in err
    code, _, err = _run(capsys, "regions", spence, "--x", "c:5:1", "--y", "c:0:1", "--out", out)
    assert code == 2 and "LO < HI" in err
    code, _, err = _run(capsys, "regions", BQ, "--x", "c:0:1", "--y", "d:0:1", "--out", out)
    assert code == 1 and "no parameters" in err


def test_regions_calls_region_map(capsys, tmp_path, monkeypatch):
    import sys
    import types

    import sympy as sp

    calls = {}

    def region_map(game, x, y, n, fixed, progress):
        calls["map"] = (game.name, x, y, n, fixed, progress)
        return "DATA"

    def plot_regions(data, path):
        calls["plot"] = (data, path)

    regions = types.ModuleType("alliance_games.parametric.regions")
    regions.region_map = region_map
    plotting = types.ModuleType("alliance_games.plotting")
    plotting.plot_regions = plot_regions
    monkeypatch.setitem(sys.modules, "alliance_games.parametric.regions", regions)
    monkeypatch.setitem(sys.modules, "alliance_games.plotting", plotting)
    text = ('types = ["a", "b"]\nprior = ["p", "1 - p"]\nmessages = ["m"]\nactions = ["x"]\n'
            "[parameters.p]\nlower = 0\nupper = 1\n[parameters.c]\n[parameters.k]\n"
            '[payoffs]\nsender = [[["c"]], [["k"]]]\nreceiver = [[[0]], [[0]]]\n')
    model = tmp_path / "g.toml"
    model.write_text(text)
    out = str(tmp_path / "map.png")
    code, stdout, err = _run(capsys, "regions", str(model), "--x", "c:0:1/2", "--y", "k:-1:2",
                             "--n", "7", "--fix", "p=0.25", "--out", out)
    assert code == 0, err
    _, x, y, n, fixed, progress = calls["map"]
    c, k, p = sp.symbols("c k p")
    assert x == (c, 0, sp.Rational(1, 2)) and y == (k, -1, 2)
    assert n == 7 and fixed == {p: sp.Rational(1, 4)} and progress is True
    assert calls["plot"] == ("DATA", out)
    assert out in stdout


def test_report_missing_is_clean(capsys, monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "alliance_games.alliance.report", None)
    code, _, err = _run(capsys, "report", "--out", str(tmp_path))
    assert code == 1
    assert err.startswith("alliance-games: error: ") and "report" in err


def test_report_calls_write_report(capsys, monkeypatch, tmp_path):
    import sys
    import types

    seen = {}
    module = types.ModuleType("alliance_games.alliance.report")

    def write_report(out_dir, n=None):
        seen["args"] = (out_dir, n)
        return out_dir

    module.write_report = write_report
    monkeypatch.setitem(sys.modules, "alliance_games.alliance.report", module)
    code, out, _ = _run(capsys, "report", "--out", str(tmp_path), "--n", "12")
    assert code == 0
    assert seen["args"] == (str(tmp_path), 12)


def test_help_and_version(capsys):
    code, out, _ = _run(capsys, "--help")
    assert code == 0 and "solve" in out and "regions" in out
    code, out, _ = _run(capsys, "--version")
    assert code == 0 and "alliance-games" in out


def test_solve_parametric_conditions(capsys):
    import sympy as sp

    from alliance_games.io.expressions import parse_condition

    code, out, err = _run(capsys, "solve", "spence_parametric", "--pure", "--json")
    assert code == 0, err
    doc = json.loads(out)
    c = sp.Symbol("c")
    assert doc["parameters"] == {"c": ["0", "10"]}
    separating = [e for e in doc["equilibria"] if e["kind"] == "separating"]
    assert len(separating) == 1
    sep = separating[0]
    assert sep["sender"]["High"]["E"] == "1" and sep["sender"]["Low"]["N"] == "1"
    # exists exactly for 3 <= c <= 6 (High prefers 10 - c to 4, Low prefers 4 to 10 - 2c)
    condition = parse_condition(sep["condition"], {"c": c})
    for value, expected in [(2, False), (3, True), (5, True), (6, True), (7, False)]:
        assert bool(condition.subs(c, value)) is expected
    code, out, _ = _run(capsys, "solve", "spence_parametric", "--pure")
    assert code == 0
    assert "condition" in out.splitlines()[1]
    assert "always" in out  # pooling on N with E answered by C exists for every c
