"""The game tree: layout data, matplotlib figure (Agg, PNG) and TikZ export.

The layout is checked against the game (one node per type, per (type, message) and per
leaf; info sets in one column; payoffs at the right leaves); the figure renders to PNG; the
TikZ is checked structurally (balanced braces and environments, every label and payoff
present, one dashed line per information set) and compiled with pdflatex when available.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess

import pytest
import sympy as sp

from alliance_games import SignallingGame, solve
from alliance_games.examples import beer_quiche
from alliance_games.io.modelfile import example_path, load_game
from alliance_games.io.tikz import to_tikz
from alliance_games.latex import escape_text, latex_expr
from alliance_games.tree import game_tree

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def three_types() -> SignallingGame:
    """Three types, three messages, two or three actions, ugly labels."""
    s = [[[1, 0], [0, 2, 1], [3, 1]], [[2, 1], [1, 0, 0], [0, 0]], [[0, 0], [2, 1, 3], [1, 2]]]
    r = [[[1, 0], [0, 1, 0], [1, 0]], [[0, 1], [1, 0, 0], [0, 1]], [[1, 1], [0, 0, 1], [1, 0]]]
    return SignallingGame.from_arrays(
        ["1/2", "1/3", "1/6"], s, r, types=["t_1", "t&2", "t%3"],
        messages=["m_a", "m#b", "m c"], actions=[["x_1", "y"], ["u", "v_2", "w"], ["p", "q"]],
        name="three & types")


def spence():
    return load_game(example_path("spence_parametric"))


@functools.cache
def spence_hybrid():
    return [e for e in solve(spence()) if e.kind == "hybrid"][0]


GAMES = {"beer_quiche": beer_quiche, "three": three_types, "spence": spence}


@pytest.mark.parametrize("name", sorted(GAMES))
def test_layout_matches_the_game(name):
    game = GAMES[name]()
    tree = game_tree(game)
    T, M = len(game.types), len(game.messages)
    leaves = [n for n in tree.nodes if n.kind == "leaf"]
    assert len(leaves) == T * sum(len(a) for a in game.actions)
    assert sum(n.kind == "type" for n in tree.nodes) == T
    assert sum(n.kind == "receiver" for n in tree.nodes) == T * M
    assert sum(n.kind == "nature" for n in tree.nodes) == 1
    assert len(tree.edges) == len(tree.nodes) - 1                  # a tree
    children = {e.child for e in tree.edges}
    assert children == {n.id for n in tree.nodes} - {"nature"}
    # leaves on distinct rows, top to bottom in (type, message, action) order
    ys = [tree.node(f"leaf/{t}/{m}/{a}").y for t in game.types
          for mi, m in enumerate(game.messages) for a in game.actions[mi]]
    assert ys == sorted(ys, reverse=True) and len(set(ys)) == len(ys)
    # payoffs at the right leaves; priors on the type edges
    for ti, t in enumerate(game.types):
        for mi, m in enumerate(game.messages):
            for ai, a in enumerate(game.actions[mi]):
                assert tree.node(f"leaf/{t}/{m}/{a}").payoffs == (
                    game.sender_payoffs[ti][mi][ai], game.receiver_payoffs[ti][mi][ai])
    assert [e.prob for e in tree.edges if e.kind == "type"] == list(game.prior)
    # one information set per message, its nodes in one column, one per type
    assert [i.message for i in tree.info_sets] == list(game.messages)
    xs = []
    for info in tree.info_sets:
        assert len(info.nodes) == T
        assert {tree.node(n).x for n in info.nodes} == {info.x}
        xs.append(info.x)
    assert len(set(xs)) == M                                       # columns do not overlap
    # every parent lies left of its child
    for e in tree.edges:
        assert tree.node(e.parent).x < tree.node(e.child).x


def test_equilibrium_play_is_marked():
    game = spence()
    hybrid = spence_hybrid()
    tree = game_tree(game, hybrid)
    c = sp.Symbol("c")
    plays = {(e.parent, e.label): e.play for e in tree.edges if e.kind != "type"}
    assert plays[("type/Low", "E")] == sp.Rational(3, 4)
    assert plays[("recv/High/E", "C")] == 1 - c / 3
    assert set(tree.beliefs) == set(game.messages)


mpl = pytest.importorskip("matplotlib")


@pytest.mark.parametrize("name", sorted(GAMES))
def test_figure_renders_png(name, tmp_path):
    from alliance_games.plotting import plot_game_tree  # re-exported beside plot_regions

    game = GAMES[name]()
    eq = solve(game, pure=True)[0] if name != "spence" else None
    fig = plot_game_tree(game, equilibrium=eq)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert buf.getvalue().startswith(PNG_MAGIC)
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    for label in list(game.types) + list(game.messages):
        assert escape_text(label) in texts
    path = tmp_path / "tree.png"
    plot_game_tree(game, path=path)
    assert path.read_bytes().startswith(PNG_MAGIC)


def test_figure_into_given_axes():
    from matplotlib.figure import Figure

    from alliance_games.plotting_tree import plot_game_tree

    fig = Figure()
    ax = fig.add_subplot(1, 2, 2)
    assert plot_game_tree(beer_quiche(), ax=ax, title="") is fig
    assert ax.get_title() == ""


# ----------------------------------------------------------------------------- TikZ
def balanced(tex: str) -> bool:
    depth, i = 0, 0
    while i < len(tex):
        if tex[i] == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(tex[i], 0)
        if depth < 0:
            return False
        i += 1
    return depth == 0


@pytest.mark.parametrize("name", sorted(GAMES))
def test_tikz_is_well_formed(name):
    game = GAMES[name]()
    tex = to_tikz(game)
    assert balanced(tex)
    assert tex.count(r"\begin{tikzpicture}") == tex.count(r"\end{tikzpicture}") == 1
    assert all(line.rstrip().endswith(";") for line in tex.splitlines()
               if line.startswith(r"  \node") or line.startswith(r"  \draw"))
    assert tex.count(r"\draw[dashed]") == len(game.messages)
    tree = game_tree(game)
    assert tex.count(r"\node") == len(tree.nodes) + len(tree.info_sets)
    for label in list(game.types) + list(game.messages) + [a for acts in game.actions
                                                            for a in acts]:
        assert r"\text{" + escape_text(label) + "}" in tex
    for ti in range(len(game.types)):
        for mi in range(len(game.messages)):
            for ai in range(len(game.actions[mi])):
                pay = (f"$({latex_expr(game.sender_payoffs[ti][mi][ai])}, "
                       f"{latex_expr(game.receiver_payoffs[ti][mi][ai])})$")
                assert pay in tex
    # node names are defined before use and unique
    defined = re.findall(r"\\node\[[^\]]*\] \((\w+)\) at", tex)
    assert len(defined) == len(set(defined)) == len(tree.nodes)
    used = set(re.findall(r"\((\w+)\) --|-- \((\w+)\)|at \((\w+)\) \{", tex))
    assert {u for grp in used for u in grp if u} <= set(defined)
    # no unescaped special characters inside \text{}
    for content in re.findall(r"\\text\{((?:[^{}]|\{\})*)\}", tex):
        assert re.search(r"(?<!\\)[_&%#]", content) is None, content


def test_tikz_equilibrium_and_standalone():
    game = spence()
    hybrid = spence_hybrid()
    tex = to_tikz(game, hybrid, standalone=True)
    assert balanced(tex)
    # sender: High->E, Low->E, Low->N; receiver: M and C after E (two nodes), C after N (two)
    assert tex.count("very thick") == 3 + 4 + 2
    assert r"[\frac{3}{4}]" in tex and r"[1 - \frac{c}{3}]" in tex
    assert r"\mu(\text{High}) = \frac{2}{5}" in tex
    assert tex.startswith(r"\documentclass[tikz]{standalone}")


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex not installed")
@pytest.mark.parametrize("name", sorted(GAMES))
def test_tikz_compiles(name, tmp_path):
    game = GAMES[name]()
    eq = solve(game, pure=True)[0] if name != "spence" else None
    # the body inside article (standalone.cls is in texlive-latex-extra, often missing)
    doc = (r"\documentclass{article}\usepackage{tikz}\usepackage{amsmath}\begin{document}"
           + "\n" + to_tikz(game, eq) + r"\end{document}" + "\n")
    (tmp_path / "tree.tex").write_text(doc)
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "tree.tex"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / "tree.pdf").exists()
