"""The notebooks in ``notebooks/`` are tests: paired, stripped, and executed.

Each notebook ``NN_name.ipynb`` is paired with a jupytext ``py:percent`` file
``NN_name.py`` (the source reviewers read).  These tests check that

* every ``.py`` has its ``.ipynb`` and vice versa, with the same cell sources;
* the ``.ipynb`` files are stored without outputs or execution counts;
* every notebook executes with nbclient (kernel ``python3``) without an error -- each
  derives its results with ``assert`` cells, so a wrong derivation fails here.

Executing takes a while (each notebook is kept under two minutes on two cores); the
structural checks are quick.
"""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
jupytext = pytest.importorskip("jupytext")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PY_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))
IPYNB_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
TIMEOUT = 600  # seconds per cell; the whole notebook is meant to run in under two minutes


def _ids(paths):
    return [p.stem for p in paths]


def _cells(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


def test_notebooks_exist():
    assert PY_FILES, f"no notebooks found in {NOTEBOOKS}"
    assert {p.stem for p in PY_FILES} == {p.stem for p in IPYNB_FILES}, (
        "every notebooks/NN_name.py needs its NN_name.ipynb (jupytext --to ipynb) "
        "and vice versa")


@pytest.mark.parametrize("py", PY_FILES, ids=_ids(PY_FILES))
def test_pair_in_sync(py: Path):
    ipynb = py.with_suffix(".ipynb")
    assert ipynb.exists(), f"{ipynb.name} is missing: run jupytext --to ipynb {py.name}"
    from_py = jupytext.read(py)
    from_ipynb = jupytext.read(ipynb)
    a, b = _cells(from_py), _cells(from_ipynb)
    assert len(a) == len(b), f"{py.name} has {len(a)} cells, {ipynb.name} has {len(b)}"
    for k, (ca, cb) in enumerate(zip(a, b)):
        assert ca == cb, (f"cell {k} differs between {py.name} and {ipynb.name}: "
                          f"run jupytext --sync {py.name}")


@pytest.mark.parametrize("ipynb", IPYNB_FILES, ids=_ids(IPYNB_FILES))
def test_outputs_stripped(ipynb: Path):
    nb = nbformat.read(ipynb, as_version=4)
    for k, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        assert not cell.get("outputs"), f"{ipynb.name} cell {k} has stored outputs"
        assert cell.get("execution_count") is None, (
            f"{ipynb.name} cell {k} has an execution count")
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    # paired, so that opening either file in Jupyter keeps the other in sync
    assert nb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent"


def execute(ipynb: Path):
    """Run a notebook in its own directory with nbclient; return the executed notebook."""
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(ipynb, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(ipynb.parent)}})
    client.execute()
    return nb


@pytest.mark.parametrize("ipynb", IPYNB_FILES, ids=_ids(IPYNB_FILES))
def test_notebook_executes(ipynb: Path):
    nbclient = pytest.importorskip("nbclient")
    try:
        nb = execute(ipynb)
    except nbclient.exceptions.CellExecutionError as exc:  # an assert cell failed
        pytest.fail(f"{ipynb.name} failed:\n{exc}", pytrace=False)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
