"""Root pytest configuration: docstring examples that need an optional dependency.

``pytest`` (see ``[tool.pytest.ini_options]`` in pyproject.toml) runs ``tests/`` and the
docstring examples of every module in ``alliance_games/`` (``--doctest-modules``). The
package imports its optional dependencies lazily, so every module imports without them; the
examples listed here call into one and are skipped, with the reason, when it is missing
(e.g. in a ``pip install alliance_games[report]`` environment).
"""

from __future__ import annotations

import importlib.util

import pytest

# doctest name (a module, or a module's function/class) -> the optional modules it needs
DOCTEST_NEEDS: dict[str, tuple[str, ...]] = {
    "alliance_games.plotting": ("matplotlib",),
    "alliance_games.plotting_tree": ("matplotlib",),
    "alliance_games.alliance.report": ("matplotlib",),
    "alliance_games.alliance.collective_action": ("nashpy",),
    "alliance_games.io.nashpy_interop": ("nashpy",),
    "alliance_games.io.gambit": ("pygambit",),
    "alliance_games.io.export.result_frame": ("pandas",),
    "alliance_games.io.export.region_frame": ("pandas",),
    "alliance_games.parametric.backends.run_dask": ("distributed",),
}


def _missing(needs: tuple[str, ...]) -> list[str]:
    return [m for m in needs if importlib.util.find_spec(m) is None]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if not isinstance(item, pytest.DoctestItem):
            continue
        for name, needs in DOCTEST_NEEDS.items():
            if item.name == name or item.name.startswith(name + "."):
                missing = _missing(needs)
                if missing:
                    item.add_marker(pytest.mark.skip(
                        reason=f"example needs {', '.join(missing)} (optional)"))
