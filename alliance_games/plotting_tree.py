"""A picture of a signalling game's tree (matplotlib, Agg): for papers and slides.

Positions come from :func:`alliance_games.tree.game_tree`; this module only draws: nature's
node (open), the sender's nodes by type (with the prior on the edges), one column per
message for the receiver with each information set a dashed line, actions to the leaves
and the payoffs ``(sender, receiver)``.  Labels and payoffs are written in mathtext
(exact fractions, readable symbol names).  Given an equilibrium, the moves it plays with
positive probability are bold (with their probability when mixed) and the beliefs label the
information sets.  matplotlib is imported lazily and pyplot is not used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from alliance_games._canvas import _figure, _save
from alliance_games.latex import latex_belief, latex_expr, latex_text
from alliance_games.tree import game_tree

if TYPE_CHECKING:
    import os

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_game_tree"]

_PLAY = "#c0392b"


def _m(tex: str) -> str:
    return "$" + tex + "$"


def plot_game_tree(game: Any, path: str | os.PathLike | None = None, ax: Axes | None = None,
                   equilibrium: Any = None, title: str | None = None,
                   figsize: tuple[float, float] | None = None, fontsize: float = 9.0) -> Figure:
    """Draw the extensive form of a signalling game.

    Parameters
    ----------
    game : SignallingGame
    path : str or Path, optional
        Save the figure there (format from the suffix: png, pdf, svg).
    ax : matplotlib Axes, optional
        Draw into it; default a new figure.
    equilibrium : Equilibrium, optional
        Mark its play (bold, with mixed probabilities) and its beliefs.
    title : str, optional
        Default: the game's name.
    figsize : (float, float), optional
        Default: from the size of the tree.
    fontsize : float

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> fig = plot_game_tree(beer_quiche())
    >>> len(fig.axes[0].texts) > 10
    True
    """
    tree = game_tree(game, equilibrium)
    if figsize is None:
        figsize = (max(6.0, 1.1 * tree.width + 2.5), max(3.0, 0.42 * tree.height + 1.5))
    fig, ax = _figure(ax, figsize)
    pos = {n.id: (n.x, n.y) for n in tree.nodes}
    for e in tree.edges:
        (x0, y0), (x1, y1) = pos[e.parent], pos[e.child]
        played = e.play is not None and e.play != 0
        ax.plot([x0, x1], [y0, y1], color=_PLAY if played else "black",
                lw=2.2 if played else 0.9, zorder=1)
        text = latex_text(e.label)
        if e.prob is not None:
            text += r"\ (" + latex_expr(e.prob) + ")"
        if played and e.play != 1:
            text += r"\ [" + latex_expr(e.play) + "]"
        t = 0.55 if e.kind == "action" else 0.5
        ax.annotate(_m(text), (x0 + t * (x1 - x0), y0 + t * (y1 - y0)),
                    textcoords="offset points", xytext=(0, 3), ha="center", va="bottom",
                    fontsize=fontsize, color=_PLAY if played else "black", zorder=3)
    for info in tree.info_sets:
        ys = [pos[n][1] for n in info.nodes]
        if len(ys) > 1:
            ax.plot([info.x, info.x], [min(ys), max(ys)], ls="--", color="0.35", lw=1.0,
                    zorder=0)
        label = latex_text(info.message)
        if info.message in tree.beliefs:
            label = latex_belief(tree.beliefs[info.message])
        ax.annotate(_m(label), (info.x, max(ys)), textcoords="offset points", xytext=(0, 9),
                    ha="center", va="bottom", fontsize=fontsize - 1, color="0.25")
    for n in tree.nodes:
        if n.kind == "leaf":
            u_s, u_r = n.payoffs
            ax.annotate(_m(r"\left(" + latex_expr(u_s) + ", " + latex_expr(u_r) + r"\right)"),
                        (n.x, n.y), textcoords="offset points", xytext=(5, 0), ha="left",
                        va="center", fontsize=fontsize)
            continue
        filled = n.kind != "nature"
        ax.plot([n.x], [n.y], "o", ms=6 if filled else 9, mfc="black" if filled else "white",
                mec="black", zorder=4)
        if n.kind in ("nature", "type"):
            ax.annotate(_m(latex_text(n.label)), (n.x, n.y), textcoords="offset points",
                        xytext=(-6, 0), ha="right", va="center", fontsize=fontsize + 1)
    ax.set_xlim(-0.6, tree.width + 1.6)
    ax.set_ylim(-tree.height - 0.6, 1.0)
    ax.set_axis_off()
    name = title if title is not None else tree.title
    if name:
        ax.set_title(name, fontsize=fontsize + 2)
    _save(fig, path)
    return fig
