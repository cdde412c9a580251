"""Tests of the ``alliance-games`` command line (run in-process through ``main``)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sympy as sp

from alliance_games import cli as cli_module
from alliance_games import plotting, solve
from alliance_games.alliance import report as alliance_report
from alliance_games.cli import main
from alliance_games.io.modelfile import example_path, load_game
from alliance_games.parametric import regions

BQ = str(example_path("beer_quiche"))


# --json prints SolveResult.to_dict(): the game under "game", on-path beliefs as
# {"on_path": true, "probabilities": {...}}, off-path ones as {"on_path": false, "set": {...}}
def _on_path_belief(b):
    """The belief on the path, or None off it."""
    return b["probabilities"] if b["on_path"] else None


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
    assert out == json.dumps(solve(load_game(BQ)).to_dict(), indent=2, ensure_ascii=False) + "\n"
    assert doc["game"]["types"] == ["weak", "strong"]
    eqs = doc["equilibria"]
    assert all(e["kind"] == "pooling" for e in eqs)
    pure = [e for e in eqs if not e["is_family"]]
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
    assert _on_path_belief(beer_pool["beliefs"]["beer"]) == {"weak": "1/10", "strong": "9/10"}
    off = beer_pool["beliefs"]["quiche"]
    assert _on_path_belief(off) is None
    assert off["set"]["text"] == "mu(weak) in [1/2, 1]"
    assert beer_pool["sender_payoffs"] == {"weak": "2", "strong": "3"}
    # the mixed-receiver variants (duel prob >= 1/2 at mu(weak) = 1/2) are reported as families
    assert len([e for e in eqs if e["is_family"]]) == 2


def test_solve_latex(capsys):
    code, out, err = _run(capsys, "solve", BQ, "--pure", "--latex")
    assert code == 0, err
    assert out == solve(load_game(BQ), pure=True).to_latex() + "\n"
    lines = out.splitlines()
    assert lines[1] == r"\begin{tabular}{rllllll}" and lines[-1] == r"\end{tabular}"
    assert r"\text{not\_duel}" in out and "not_duel" not in out.replace(r"\_", "")
    rows = [line for line in lines if line[:1].isdigit()]
    assert len(rows) == 2
    beer = next(r for r in rows if r"\text{weak} \to \text{beer}" in r)
    quiche = next(r for r in rows if r"\text{weak} \to \text{quiche}" in r)
    assert r"\text{quiche}^{*}: \mu(\text{weak}) \in \left[\frac{1}{2}, 1\right]" in beer
    assert beer.endswith(r"& yes & yes \\") and quiche.endswith(r"& no & no \\")
    # parametric games get the existence condition as a last column
    code, out, err = _run(capsys, "solve", "spence_parametric", "--pure", "--latex")
    assert code == 0, err
    assert r"\begin{tabular}{rlllllll}" in out and "& exists when" in out
    assert r"3 \leq c \wedge c \leq 6" in out


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

    calls = {}

    def region_map(game, x, y, n, fixed, progress):
        calls["map"] = (game.name, x, y, n, fixed, progress)
        return "DATA"

    def plot_regions(data, path):
        calls["plot"] = (data, path)

    monkeypatch.setattr(regions, "region_map", region_map)
    monkeypatch.setattr(plotting, "plot_regions", plot_regions)
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


def _fake_report(monkeypatch, write_report, figures=("fig.png",)):
    monkeypatch.setattr(alliance_report, "write_report", write_report)
    monkeypatch.setattr(alliance_report, "FIGURES", figures)


def _writer(seen):
    def write_report(out_dir, n=None):

        seen["args"] = (out_dir, n)
        (Path(out_dir) / "fig.png").write_bytes(b"png")
        (Path(out_dir) / "report.md").write_text("new report")
        return Path(out_dir) / "report.md"

    return write_report


def test_report_calls_write_report(capsys, monkeypatch, tmp_path):
    seen = {}
    _fake_report(monkeypatch, _writer(seen))
    out_dir = tmp_path / "rep"
    code, out, err = _run(capsys, "report", "--out", str(out_dir), "--n", "12")
    assert code == 0, err
    written_to, n = seen["args"]
    assert n == 12 and written_to != str(out_dir)  # written into a temporary folder first
    assert (out_dir / "report.md").read_text() == "new report"
    assert (out_dir / "fig.png").read_bytes() == b"png"
    assert str(out_dir / "report.md") in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep"]  # no temporary left
    # a second run overwrites its own files without --force
    code, _, err = _run(capsys, "report", "--out", str(out_dir))
    assert code == 0, err


def test_report_refuses_foreign_files(capsys, monkeypatch, tmp_path):
    seen = {}
    _fake_report(monkeypatch, _writer(seen))
    (tmp_path / "report.md").write_text("my own notes")
    code, _, err = _run(capsys, "report", "--out", str(tmp_path))
    assert code == 1 and "report.md" in err and "--force" in err
    assert "args" not in seen  # refused before computing
    assert (tmp_path / "report.md").read_text() == "my own notes"
    code, _, err = _run(capsys, "report", "--out", str(tmp_path), "--force")
    assert code == 0, err
    assert (tmp_path / "report.md").read_text() == "new report"


def test_report_interrupted_leaves_folder_untouched(capsys, monkeypatch, tmp_path):
    def write_report(out_dir, n=None):
        from pathlib import Path

        (Path(out_dir) / "fig.png").write_bytes(b"half")
        raise KeyboardInterrupt

    _fake_report(monkeypatch, write_report)
    out_dir = tmp_path / "rep"
    out_dir.mkdir()
    (out_dir / "fig.png").write_bytes(b"old")
    code, out, err = _run(capsys, "report", "--out", str(out_dir), "--force")
    assert code == 130
    assert err.strip() == "alliance-games: error: interrupted"
    assert (out_dir / "fig.png").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep"]


def test_report_out_is_a_file(capsys, monkeypatch, tmp_path):
    _fake_report(monkeypatch, _writer({}))
    target = tmp_path / "file"
    target.write_text("x")
    code, _, err = _run(capsys, "report", "--out", str(target))
    assert code == 1 and "not a folder" in err


def test_help_and_version(capsys):
    code, out, _ = _run(capsys, "--help")
    assert code == 0 and "solve" in out and "regions" in out
    code, out, _ = _run(capsys, "--version")
    assert code == 0 and "alliance-games" in out


def test_solve_parametric_conditions(capsys):

    from alliance_games.io.expressions import parse_condition

    code, out, err = _run(capsys, "solve", "spence_parametric", "--pure", "--json")
    assert code == 0, err
    doc = json.loads(out)
    c = sp.Symbol("c")
    assert doc["game"]["parameters"] == {"c": ["0", "10"]}
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


# ----------------------------------------------------------------------------- issue 13
def _actions(parser):

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from ((name, a, sub) for a in sub._actions)
        else:
            yield "", action, parser


def test_every_option_has_help_and_every_command_an_example():
    from alliance_games.cli import _build_parser

    parser = _build_parser()
    seen = set()
    for command, action, sub in _actions(parser):
        if action.dest in ("help", "command"):
            continue
        assert action.help, (command, action.dest)
        if action.default not in (None, False, "==SUPPRESS==") and action.option_strings:
            assert "default" in action.help, (command, action.dest)
        assert "example" in (sub.epilog or ""), command
        seen.add(command)
    assert {"solve", "check", "regions", "report"} <= seen


def test_help_shows_defaults(capsys):
    code, out, _ = _run(capsys, "report", "--help")
    assert code == 0 and "default: report" in out and "12" in out
    code, out, _ = _run(capsys, "regions", "--help")
    assert code == 0 and "default: 200" in out and "example" in out


def test_summary_and_filters(capsys):
    code, out, err = _run(capsys, "solve", BQ, "--pure", "--summary")
    assert code == 0, err
    assert out.splitlines()[0] == "Beer-Quiche: 2 equilibria"
    assert "pooling: 2" in out
    assert "surviving the Intuitive Criterion: 1" in out and "surviving D1: 1" in out
    code, out, _ = _run(capsys, "solve", BQ, "--pure", "--surviving", "ic")
    assert code == 0
    assert out.splitlines()[0].startswith("Beer-Quiche: 1 of 2 equilibria")
    assert "weak->beer, strong->beer" in out and "weak->quiche" not in out
    code, out, _ = _run(capsys, "solve", BQ, "--pure", "--kind", "separating", "--json")
    assert code == 0 and json.loads(out)["equilibria"] == []
    code, _, err = _run(capsys, "solve", BQ, "--kind", "bogus")
    assert code == 2


DEGENERATE = ('name = "flat"\ntypes = ["a", "b"]\nprior = ["1/2", "1/2"]\n'
              'messages = ["m", "n"]\nactions = ["x", "y"]\n[payoffs]\n'
              'sender = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]\n'
              'receiver = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]\n')


def test_warning_is_one_clean_line(capsys, tmp_path):
    model = tmp_path / "flat.toml"
    model.write_text(DEGENERATE)
    code, out, err = _run(capsys, "solve", str(model), "--summary")
    assert code == 0 and out.startswith("flat: ")
    lines = err.strip().splitlines()
    assert lines and all(line.startswith("alliance-games: warning: ") for line in lines)
    assert "degenerate" in err and "Warning" not in err and ".py" not in err


def test_decimals_beside_unwieldy_numbers(capsys, tmp_path):
    text = open(BQ, encoding="utf-8").read().replace('["1/10", "9/10"]',
                                                     '["1234/9999", "8765/9999"]')
    model = tmp_path / "bq.toml"
    model.write_text(text)
    code, out, _ = _run(capsys, "solve", str(model), "--pure", "--decimals", "3")
    assert code == 0
    assert "weak=1234/9999 (~0.123)" in out and "strong=8765/9999 (~0.877)" in out
    code, out, _ = _run(capsys, "solve", str(model), "--pure")
    assert "1234/9999" in out and "~" not in out
    code, out, _ = _run(capsys, "solve", BQ, "--pure", "--decimals")
    assert "1/10 (~" not in out  # short numbers stay as they are
    code, _, err = _run(capsys, "solve", BQ, "--decimals", "0")
    assert code == 2


def test_python_dash_m(tmp_path):

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run([sys.executable, "-m", "alliance_games", "solve", "beer_quiche",
                           "--pure", "--summary"], capture_output=True, text=True, env=env,
                          timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Beer-Quiche: 2 equilibria")


def test_budget_options(capsys):
    code, out, err = _run(capsys, "solve", "cheap_talk", "--max-patterns", "1")
    assert code == 1 and out == ""
    assert err.startswith("alliance-games: error: ") and len(err.strip().splitlines()) == 1
    code, out, err = _run(capsys, "solve", BQ, "--pure", "--max-seconds", "600")
    assert code == 0 and "2 equilibria" in out, err
    code, _, _ = _run(capsys, "solve", BQ, "--max-seconds", "-1")
    assert code == 2


# ----------------------------------------------------------------------------- regions --out
def _fake_regions(monkeypatch, calls):
    def region_map(game, **kwargs):
        calls.append("map")
        return "DATA"

    def plot_regions(data, path):
        calls.append(path)
        open(path, "wb").write(b"png")

    monkeypatch.setattr(regions, "region_map", region_map)
    monkeypatch.setattr(plotting, "plot_regions", plot_regions)


TWO = ('name = "two"\ntypes = ["a", "b"]\nprior = ["1/2", "1/2"]\nmessages = ["m"]\n'
       'actions = ["x"]\n[parameters.c]\nlower = 0\nupper = 1\n[parameters.k]\n'
       'lower = 0\nupper = 1\n[payoffs]\nsender = [[["c"]], [["k"]]]\n'
       'receiver = [[[0]], [[0]]]\n')


def test_regions_out_checked_before_computing(capsys, monkeypatch, tmp_path):
    calls = []
    _fake_regions(monkeypatch, calls)
    model = tmp_path / "two.toml"
    model.write_text(TWO)
    axes = ["--x", "c:0:1", "--y", "k:0:1", "--n", "3"]
    code, _, err = _run(capsys, "regions", str(model), *axes,
                        "--out", str(tmp_path / "missing" / "map.png"))
    assert code == 1 and "does not exist" in err and calls == []
    code, _, err = _run(capsys, "regions", str(model), *axes, "--out", str(tmp_path / "map"))
    assert code == 2 and "extension" in err and calls == []
    folder = tmp_path / "figs"
    folder.mkdir()
    code, out, err = _run(capsys, "regions", str(model), *axes, "--out", str(folder))
    assert code == 0, err
    target = folder / "two-regions.png"
    assert calls == ["map", str(target)] and target.read_bytes() == b"png"
    assert f"wrote {target}" in out


def test_an_error_after_ctrl_c_is_reported_as_the_interrupt(monkeypatch, capsys):
    """C code can turn the KeyboardInterrupt that Ctrl-C raises inside it into another
    exception (matplotlib's transforms raise "ValueError: Invalid affine transformation
    matrix"; seen once in the test below, exit status 1 with "internal error").  Once the
    SIGINT handler has fired, any error ends the run as interrupted (130, one line); the
    same error without a Ctrl-C is still an internal error (1)."""
    def broken(args):
        raise ValueError("Invalid affine transformation matrix")

    monkeypatch.setattr(cli_module, "_cmd_solve", broken)
    assert main(["solve", "beer_quiche"]) == 1
    assert "internal error (ValueError" in capsys.readouterr().err

    class Fired(cli_module._Interrupt):
        def __init__(self) -> None:
            super().__init__()
            self.armed = True  # as after the handler has run once

    monkeypatch.setattr(cli_module, "_Interrupt", Fired)
    assert main(["solve", "beer_quiche"]) == 130
    assert capsys.readouterr().err.strip().splitlines() == ["alliance-games: error: interrupted"]


def test_sigint_during_report_is_one_clean_line(tmp_path):
    """Ctrl-C (SIGINT to the process group, as a terminal sends it) while the report is
    computing: exit status 130, one line, no traceback from the parent or the workers,
    and nothing left in the output folder.  The signal is sent as soon as the first
    progress bar shows, while the report's first sweep (on a worker pool) runs."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.Popen([sys.executable, "-m", "alliance_games", "report", "--out",
                             str(tmp_path / "rep"), "--n", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=tmp_path,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        seen = b""
        while b"solv" not in seen and time.monotonic() < deadline:  # progress bar started
            chunk = os.read(proc.stderr.fileno(), 4096)
            if not chunk:
                break
            seen += chunk
        time.sleep(0.3)
        os.killpg(proc.pid, signal.SIGINT)
        _, rest = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    err = (seen + rest).decode("utf-8", "replace")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.rstrip().splitlines()[-1] == "alliance-games: error: interrupted"
    assert not (tmp_path / "rep").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize(("cell", "needle"), [
    ('"(c**1000)**1000"', "degree"),
    ('"1e999999999"', "exponent"),
    ('"exp(c)"', "rational function"),
    ('"pi"', "irrational"),
])
def test_hostile_model_is_one_line(capsys, tmp_path, cell, needle):
    text = open(BQ, encoding="utf-8").read().replace(
        "[payoffs]", "[parameters.c]\nlower = 0\nupper = 10\n\n[payoffs]")
    model = tmp_path / "hostile.toml"
    model.write_text(text.replace("[[0, 2], [1, 3]]", f"[[0, 2], [1, {cell}]]", 1))
    for command in ("check", "solve"):
        code, out, err = _run(capsys, command, str(model))
        assert code == 1 and out == ""
        assert err.startswith("alliance-games: error: ") and needle in err
        assert len(err.strip().splitlines()) == 1


def test_output_into_a_closed_pipe_is_quiet(tmp_path):
    """`alliance-games solve ... | head -1`: no traceback, no 'internal error'."""

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.Popen([sys.executable, "-m", "alliance_games", "solve", "cheap_talk",
                             "--pure", "--json"],  # about 90 kB, more than a pipe holds
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            cwd=tmp_path)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    assert proc.wait(timeout=300) == 141, err
    assert first.startswith(b"{")
    assert "Traceback" not in err and "error" not in err, err


class _SwallowsCtrlC:
    """Receives Ctrl-C inside ``__del__``, where Python drops the KeyboardInterrupt."""

    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):  # the handler runs here, inside __del__
            pass


def test_a_ctrl_c_dropped_by_python_is_raised_again(monkeypatch):
    dropped = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: dropped.append(info.exc_type))
    handler = cli_module._Interrupt(every=0.2)
    previous = signal.signal(signal.SIGINT, handler)
    try:
        victim = _SwallowsCtrlC()
        del victim  # __del__ runs now and the first KeyboardInterrupt is dropped
        assert dropped == [KeyboardInterrupt]
        deadline = time.monotonic() + 10
        with pytest.raises(KeyboardInterrupt):
            while time.monotonic() < deadline:
                pass
        assert time.monotonic() < deadline  # it came again, soon
    finally:
        handler.handled.set()
        signal.signal(signal.SIGINT, previous)


def test_report_robustness_samples_is_passed_on_and_checked(capsys, monkeypatch, tmp_path):
    seen = []

    def write_report(out_dir, **kwargs):
        seen.append(kwargs)
        (Path(out_dir) / "report.md").write_text("new report")
        return Path(out_dir) / "report.md"

    _fake_report(monkeypatch, write_report)
    code, _, _ = _run(capsys, "report", "--out", str(tmp_path / "a"), "--samples", "40",
                      "--robustness-samples", "7")
    assert code == 0 and seen == [{"samples": 40, "robustness_samples": 7}]
    # the real write_report refuses more robustness points than samples, before solving
    monkeypatch.undo()
    code, _, err = _run(capsys, "report", "--out", str(tmp_path / "b"), "--samples", "4",
                        "--robustness-samples", "9")
    assert code == 1 and "robustness_samples" in err
    assert not (tmp_path / "b").exists()
