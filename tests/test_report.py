"""alliance.report: write_report writes every table and figure; the CLI calls it."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_games.alliance import report as rep
from alliance_games.errors import ParameterError

pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return rep.write_report(out, n=2, progress=False, case_corners=False, thresholds=False,
                            samples=2)


def test_bad_sample_size_is_refused_before_any_work(tmp_path):
    with pytest.raises(ParameterError, match="samples"):
        rep.write_report(tmp_path, n=2, samples=0, progress=False)
    assert not any(tmp_path.iterdir())


def test_same_seed_gives_byte_identical_report(written, tmp_path):
    again = rep.write_report(tmp_path, n=2, progress=False, case_corners=False,
                             thresholds=False, samples=2)
    assert again.read_bytes() == written.read_bytes()
    for fig in rep.FIGURES:
        assert (tmp_path / fig).read_bytes() == (written.parent / fig).read_bytes()


def test_report_files(written):
    assert written.name == "report.md" and written.exists()
    for fig in rep.FIGURES:
        f = written.parent / fig
        assert f.exists() and f.stat().st_size > 1000
        assert f.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_tables(written):
    text = written.read_text()
    for head in ("## The model in brief", "## Glossary", "## Equilibria at the baseline",
                 "## Equilibrium map", "## Collective security against power and distance",
                 "## Alliance duration by design", "## Entrapment",
                 "## The clients' collective-action problem", "## Hypotheses",
                 "## Historical cases", "### H1", "### H7"):
        assert head in text
    for name in ("| H1 |", "| H7 |", "| never bluff |", "| selection |", "| `pi_A` |",
                 "| `s_w` |"):
        assert name in text
    assert "E[T] (periods)" in text and "not years" in text
    for case in ("NATO 1949", "SEATO 1954", "Pacific 1951"):
        assert f"| {case} |" in text
    assert "verify()" in text and "| ok |" in text
    for fig in rep.FIGURES:
        assert f"]({fig})" in text


def test_cli_report(tmp_path, monkeypatch):
    """The CLI passes --out and --n through to write_report."""
    from alliance_games import cli
    seen = {}

    def fake(out, n=12):
        seen.update(out=str(out), n=n)
        return tmp_path / "report.md"

    monkeypatch.setattr(rep, "write_report", fake)
    assert cli.main(["report", "--out", str(tmp_path), "--n", "3"]) == 0
    assert seen["n"] == 3 and Path(seen["out"]).parent == tmp_path.parent
