"""A figure on the Agg canvas without pyplot (no global backend changes), and saving it."""

from __future__ import annotations

from alliance_games.errors import require


def _figure(ax, figsize):
    """``(figure, axes)``: the given axes' figure, or a new constrained-layout figure."""
    require("matplotlib", "plotting", "plot")
    if ax is not None:
        return ax.figure, ax
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot(1, 1, 1)


def _save(fig, path) -> None:
    """Save at 150 dpi when a path is given (format from the suffix)."""
    if path is not None:
        fig.savefig(path, dpi=150, bbox_inches="tight")
