"""The documentation site builds (mkdocs --strict), its code runs, and the metadata agrees.

The site build needs the ``docs`` extra (mkdocs, mkdocstrings, mkdocs-jupyter), installed by
``make venv``; it is skipped where those are missing. The Python blocks of the how-to pages
are executed as written (in a temporary directory).
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from _cached_solve import shared_solve  # noqa: F401 (fixture)

import alliance_games

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def blocks(path: Path, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


# ----------------------------------------------------------------------------- metadata
def test_one_version_and_citation():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in meta["project"] and "version" in meta["project"]["dynamic"]
    assert meta["tool"]["hatch"]["version"]["path"] == "alliance_games/__init__.py"
    cff = (ROOT / "CITATION.cff").read_text()
    assert re.search(rf'^version: "{re.escape(alliance_games.__version__)}"$', cff, re.M)
    assert "doi: 10.1017/eis.2024.62" in cff and "family-names: Cohen" in cff
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert (ROOT / "alliance_games" / "py.typed").exists()


def test_dependencies_match_imports():
    """Base dependencies are exactly what the package imports unconditionally."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    base = {re.split(r"[<>=;\[ ]", d)[0] for d in meta["dependencies"]}
    assert base == {"sympy", "mpmath", "numpy", "tqdm", "tomli"}
    imported = set()
    for path in (ROOT / "alliance_games").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"alliance_games", "__future__"}
    optional = {"matplotlib", "pandas", "nashpy", "pygambit", "dask", "distributed", "tomli",
                "flint"}
    assert third_party - optional <= base, third_party - optional - base
    assert "scipy" not in third_party
    extras = meta["optional-dependencies"]
    assert extras["report"] == ["matplotlib>=3.7"]                 # the report needs only this


# ----------------------------------------------------------------------------- pages
def nav_files() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text()
    return re.findall(r":\s*([\w/.-]+\.(?:md|ipynb))\s*$", text, re.M)


def test_nav_pages_exist():
    for name in nav_files():
        assert (DOCS / name).exists(), name
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"tutorial/{notebook.name}" in nav_files(), notebook.name


@pytest.mark.parametrize("page", ["howto-export.md", "howto-regions.md", "index.md"])
@pytest.mark.usefixtures("shared_solve")
def test_python_blocks_run(page, tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for code in blocks(DOCS / page, "python"):
        exec(compile(code, f"{page}", "exec"), namespace)  # the page's own code, as written


DOCS_PACKAGES = ("mkdocs", "mkdocstrings", "mkdocs_jupyter", "material")


@pytest.mark.skipif(any(importlib.util.find_spec(p) is None for p in DOCS_PACKAGES),
                    reason="the docs extra is not installed")
def test_site_builds_strict(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
         str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode == 0, run.stderr[-4000:]
    site = tmp_path / "site"
    api = (site / "reference" / "core" / "index.html").read_text(encoding="utf-8")
    assert "All perfect Bayesian equilibria" in api          # from solve's docstring
    assert (site / "tutorial" / "01_signalling_basics" / "index.html").exists()
    assert (site / "model" / "index.html").exists()
