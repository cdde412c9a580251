"""Example model files (TOML) shipped with the package.

Load one with ``load_game(example_path("beer_quiche"))``; see
:func:`alliance_games.io.modelfile.example_path` and ``docs/model-file.md``.
"""
