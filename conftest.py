"""Root pytest configuration: doctests of modules whose examples need an optional dependency.

``pytest`` (see ``[tool.pytest.ini_options]`` in pyproject.toml) runs ``tests/`` and the
docstring examples of every module in ``alliance_games/`` (``--doctest-modules``). The
package imports its optional dependencies lazily, so every module imports without them; the
*examples* of the modules listed here call into one, and are skipped cleanly (not collected)
when it is missing, e.g. in a ``pip install alliance_games[report]`` environment.
"""

from __future__ import annotations

import importlib.util

# module (path relative to the repository root) -> the optional modules its examples need
DOCTEST_NEEDS: dict[str, tuple[str, ...]] = {
    "alliance_games/plotting.py": ("matplotlib",),
    "alliance_games/plotting_tree.py": ("matplotlib",),
    "alliance_games/alliance/report.py": ("matplotlib",),
    "alliance_games/alliance/collective_action.py": ("nashpy",),
    "alliance_games/io/nashpy_interop.py": ("nashpy",),
    "alliance_games/io/gambit.py": ("pygambit",),
    "alliance_games/io/export.py": ("pandas",),
}


def _missing(module: str) -> bool:
    return importlib.util.find_spec(module) is None


collect_ignore = [path for path, needs in DOCTEST_NEEDS.items()
                  if any(_missing(m) for m in needs)]
