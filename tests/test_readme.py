"""Every command in README.md runs as written.

Python blocks are executed in order in one namespace (in a temporary directory); every line
of the bash blocks is classified: ``alliance-games ...`` commands are run (the installed
script, or ``alliance_games.cli.main`` where the script is not on the path) and must exit 0
and write what they say; ``make`` targets must exist in the Makefile (``make test`` and
``make report`` are run by CI itself); the notebook command is interactive and only checked
to name an installed extra.  A line the test does not know fails it, so a new README command
cannot go untested.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp
from _cached_solve import shared_solve  # noqa: F401 (fixture)

from alliance_games import solve
from alliance_games.io.modelfile import example_path, load_game

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.S)


@pytest.mark.usefixtures("shared_solve")
def test_python_blocks_run(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "__readme__"}
    code = blocks("python")
    assert len(code) >= 5
    for i, block in enumerate(code):
        exec(compile(block, f"README.md python block {i + 1}", "exec"), namespace)


def _commands() -> list[str]:
    out = []
    for block in blocks("bash"):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def _script() -> list[str] | None:
    """The installed console script, next to this interpreter (or on PATH)."""
    here = Path(sys.executable).parent / "alliance-games"
    if here.exists():
        return [str(here)]
    found = shutil.which("alliance-games")
    return [found] if found else None


def test_every_bash_line_is_known():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z]+):", makefile, re.M))
    kinds = []
    for line in _commands():
        if line.startswith("make "):
            assert line.split()[1] in targets, line
            kinds.append("make")
        elif line.startswith(".venv/bin/jupyter lab"):
            assert "jupyterlab" in (ROOT / "pyproject.toml").read_text()
            kinds.append("jupyter")
        elif line.startswith("alliance-games "):
            kinds.append("cli")
        else:
            pytest.fail(f"README command not covered by tests/test_readme.py: {line!r}")
    assert kinds.count("cli") >= 2 and {"make test", "make report"} <= set(_commands())


@pytest.mark.parametrize("line", [c for c in _commands() if c.startswith("alliance-games ")])
def test_cli_commands_run(line, tmp_path):
    pytest.importorskip("matplotlib")
    argv = shlex.split(line)
    # paths in the README are relative to the repository: run from a copy-free temp dir
    # with those paths made absolute, so outputs land in tmp_path
    args = [str(ROOT / a) if (ROOT / a).exists() and "/" in a else a for a in argv[1:]]
    script = _script()
    if script is not None:
        run = subprocess.run(script + args, cwd=tmp_path, capture_output=True, text=True,
                             timeout=600)
        code, out, err = run.returncode, run.stdout, run.stderr
    else:  # pragma: no cover - an install without the console script
        from alliance_games.cli import main

        code, out, err = main(args), "", ""
    assert code == 0, err[-2000:]
    if "--out" in args:
        target = tmp_path / args[args.index("--out") + 1]
        assert target.exists() and target.stat().st_size > 0
    if args[0] == "solve":
        assert "pooling" in out


def test_two_parameter_model_claims():
    """spence_two_param's description, checked on numeric games at exact points."""
    game = load_game(example_path("spence_two_param"))
    c, p = sp.symbols("c p")
    assert set(game.parameters) == {c, p}
    R = sp.Rational
    for cv in (R(1), R(3), R(9, 2), R(6), R(8)):
        for pv in (R(1, 5), R(1, 2), R(9, 10)):
            pts = solve(game.subs({c: cv, p: pv}), pure=True)
            strategies = [(e.sender_strategy(), e.receiver_strategy()) for e in pts]
            separating = {"High": "E", "Low": "N"} in [s for s, _ in strategies]
            assert separating == (3 <= cv <= 6), (cv, pv)
            pool_n = [r["N"] for s, r in strategies if s == {"High": "N", "Low": "N"}]
            assert set(pool_n) == ({"C"} if pv < R(2, 5) else {"M"}), (cv, pv, pool_n)
