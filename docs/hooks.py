"""MkDocs hook: a stand-in page for ``model.md`` while it is not written yet.

``docs/model.md`` (the alliance model's specification) is written separately; until it
exists the navigation entry points to a generated page that links to the API reference,
so the strict build never depends on it.
"""

from __future__ import annotations

from mkdocs.structure.files import File

STAND_IN = """# The alliance model

The formal model of Cohen (2025) is documented in the docstrings of
`alliance_games.alliance`; see the [API reference](reference/alliance.md) and the
tutorial notebooks 3-5.
"""


def on_files(files, config):
    if files.get_file_from_path("model.md") is None:
        files.append(File.generated(config, "model.md", content=STAND_IN))
    return files
