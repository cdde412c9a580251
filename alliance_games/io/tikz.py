"""TikZ code for a signalling game's tree, for papers (plain TikZ, no extra libraries).

The picture is :func:`alliance_games.tree.game_tree` (the same layout as
:func:`alliance_games.plotting_tree.plot_game_tree`): nature's node, the types with their
prior, a column per message for the receiver with each information set dashed, actions and
the payoffs ``(sender, receiver)`` in math mode.  Labels are escaped (``not_duel`` is
``\\text{not\\_duel}`` inside ``$...$``, which needs ``amsmath``; ``standalone=True`` loads
it); an equilibrium's play is drawn thick with its mixed probabilities in brackets.

Examples
--------
>>> from alliance_games.examples import beer_quiche
>>> tex = to_tikz(beer_quiche())
>>> tex.splitlines()[0]
'\\\\begin{tikzpicture}[x=1.6cm, y=0.7cm, font=\\\\small]'
>>> tex.count(r"\\draw[dashed")
2
"""

from __future__ import annotations

from typing import Any

from alliance_games.latex import escape_text, latex_belief, latex_expr, latex_text
from alliance_games.tree import game_tree

__all__ = ["to_tikz"]


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".") if x != 0 else "0"


def to_tikz(game: Any, equilibrium: Any = None, *, standalone: bool = False,
            x_unit: float = 1.6, y_unit: float = 0.7) -> str:
    """The game tree as a ``tikzpicture`` (or a complete ``standalone`` document).

    Parameters
    ----------
    game : SignallingGame
    equilibrium : Equilibrium, optional
        Draw its play thick, mixed probabilities in brackets, and its beliefs at the
        information sets.
    standalone : bool
        Return a whole document (``\\documentclass{standalone}``, ``tikz``, ``amsmath``)
        that compiles on its own.
    x_unit, y_unit : float
        Centimetres per layout unit.

    Returns
    -------
    str

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> doc = to_tikz(beer_quiche(), standalone=True)
    >>> doc.startswith(r"\\documentclass[tikz]{standalone}") and doc.rstrip().endswith(
    ...     r"\\end{document}")
    True
    """
    tree = game_tree(game, equilibrium)
    names = {}
    used: set[str] = set()
    for i, n in enumerate(tree.nodes):
        name = f"{n.kind[0]}{i}"
        while name in used:
            name += "x"
        used.add(name)
        names[n.id] = name
    lines = [rf"\begin{{tikzpicture}}[x={_num(x_unit)}cm, y={_num(y_unit)}cm, font=\small]"]
    if tree.title:
        lines.append(f"  % {escape_text(tree.title)}")
    lines.append("  % nodes")
    for n in tree.nodes:
        at = f"({_num(n.x)}, {_num(n.y)})"
        nm = names[n.id]
        if n.kind == "leaf":
            u_s, u_r = n.payoffs
            lines.append(rf"  \node[right] ({nm}) at {at} {{$({latex_expr(u_s)}, "
                         rf"{latex_expr(u_r)})$}};")
        elif n.kind == "nature":
            lines.append(rf"  \node[circle, draw, inner sep=2pt, label=left:{{$"
                         rf"{latex_text(n.label)}$}}] ({nm}) at {at} {{}};")
        elif n.kind == "type":
            lines.append(rf"  \node[circle, fill, inner sep=1.5pt, label=left:{{$"
                         rf"{latex_text(n.label)}$}}] ({nm}) at {at} {{}};")
        else:
            lines.append(rf"  \node[circle, fill, inner sep=1.5pt] ({nm}) at {at} {{}};")
    lines.append("  % moves")
    for e in tree.edges:
        played = e.play is not None and e.play != 0
        style = "very thick" if played else "thin"
        label = latex_text(e.label)
        if e.prob is not None:
            label += r"\ (" + latex_expr(e.prob) + ")"
        if played and e.play != 1:
            label += r"\ [" + latex_expr(e.play) + "]"
        pos = "pos=0.55" if e.kind == "action" else "midway"
        lines.append(rf"  \draw[{style}] ({names[e.parent]}) -- ({names[e.child]}) "
                     rf"node[{pos}, above, sloped] {{${label}$}};")
    lines.append("  % information sets of the receiver")
    for info in tree.info_sets:
        top, bottom = info.nodes[0], info.nodes[-1]
        label = latex_text(info.message)
        if info.message in tree.beliefs:
            label = latex_belief(tree.beliefs[info.message])
        lines.append(rf"  \draw[dashed] ({names[top]}) -- ({names[bottom]});")
        lines.append(rf"  \node[above=6pt, font=\scriptsize] at ({names[top]}) {{${label}$}};")
    lines.append(r"\end{tikzpicture}")
    body = "\n".join(lines) + "\n"
    if not standalone:
        return body
    return ("\\documentclass[tikz]{standalone}\n\\usepackage{amsmath}\n"
            "\\begin{document}\n" + body + "\\end{document}\n")
