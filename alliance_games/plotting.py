"""Plots of equilibrium regions and of quantities along a parameter (matplotlib, Agg).

The data come from :func:`alliance_games.parametric.regions.region_data` /
:func:`~alliance_games.parametric.regions.region_map` and
:func:`alliance_games.parametric.statics.quantity_curve`; these functions only draw.
matplotlib is imported lazily, and figures are created on the Agg canvas without pyplot,
so no global backend is changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from alliance_games._canvas import _figure, _save
from alliance_games.errors import AllianceGamesError
from alliance_games.plotting_tree import plot_game_tree

if TYPE_CHECKING:
    import os

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from alliance_games.parametric.regions import RegionData
    from alliance_games.parametric.statics import QuantityCurve

__all__ = ["plot_regions", "plot_quantity", "plot_game_tree"]

_NONE_COLOUR = "#d9d9d9"
_INADMISSIBLE_COLOUR = "#ffffff"


def _edges(axis: np.ndarray) -> np.ndarray:
    """Cell edges around cell centres (uniform grids from ``rational_grid``)."""
    if axis.size == 1:
        return np.array([axis[0] - 0.5, axis[0] + 0.5])
    step = axis[1] - axis[0]
    return np.concatenate([[axis[0] - step / 2], axis + step / 2])


def plot_regions(data: RegionData, path: str | os.PathLike | None = None, ax: Axes | None = None,
                 title: str | None = None, refinements: bool = True,
                 figsize: tuple[float, float] = (7.0, 5.0), legend: bool = True) -> Figure:
    """Draw a two-parameter map of which equilibria exist where.

    Each set of coexisting equilibria (a combination of labels, listed one per line in
    the legend, each tagged with the refinements it survives there: ``[IC, D1]``, or
    ``IC in part`` when it survives on part of the set) gets a colour; points
    where some existing equilibrium survives the Intuitive Criterion are hatched ``//``,
    where one survives D1 hatched ``\\\\`` (both: crossed); points outside the game's
    assumptions are white; points with no equilibrium grey.

    Parameters
    ----------
    data : RegionData
        Grid mode, two axes.
    path : str or Path, optional
        Write the figure there (PNG, PDF, ... by extension).
    ax : matplotlib Axes, optional
        Draw into it instead of a new figure.
    title : str, optional
    refinements : bool
        Show the IC / D1 hatching.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import sympy as sp
    >>> from alliance_games.parametric.regions import region_data
    >>> p, c = sp.symbols("p c")
    >>> class Eq:
    ...     label, condition = "a", p < c
    ...     intuitive_condition = d1_condition = sp.true
    >>> fig = plot_regions(region_data([Eq()], {p: (0, 1), c: (0, 1)}, n=20, progress=False))
    >>> len(fig.axes) >= 1
    True
    """
    if getattr(data, "mode", None) != "grid" or len(data.symbols) != 2:
        raise AllianceGamesError("plot_regions needs grid region data with two axes")
    fig, ax = _figure(ax, figsize)
    from matplotlib import colormaps
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    codes, combos = data.sets("exists")
    admissible = np.asarray(data.admissible)
    cmap = colormaps["tab20"] if len(combos) > 10 else colormaps["tab10"]
    colours = []
    k = 0
    for combo in combos:
        if combo:
            colours.append(cmap(k % cmap.N))
            k += 1
        else:
            colours.append(_NONE_COLOUR)
    shown = np.where(admissible, codes, len(combos))
    listed = ListedColormap(colours + [_INADMISSIBLE_COLOUR])
    xe, ye = _edges(np.asarray(data.axes[0])), _edges(np.asarray(data.axes[1]))
    # arrays are indexed [x, y]; pcolormesh wants [row = y, column = x]
    ax.pcolormesh(xe, ye, shown.T, cmap=listed, vmin=-0.5, vmax=len(combos) + 0.5,
                  shading="flat")
    handles = []
    for k, (combo, colour) in enumerate(zip(combos, colours)):
        where = (np.asarray(codes) == k) & admissible
        if where.any():
            text = "\n".join(_tagged(lab, data, where) for lab in combo) if combo \
                else "no equilibrium"
            handles.append(Patch(facecolor=colour, edgecolor="k", linewidth=0.5, label=text))
    if not admissible.all():
        handles.append(Patch(facecolor=_INADMISSIBLE_COLOUR, edgecolor="k", linewidth=0.5,
                             label="outside assumptions"))
    if refinements:
        xc, yc = np.asarray(data.axes[0]), np.asarray(data.axes[1])
        for table, hatch, name in ((data.ic, "//", "survives Intuitive Criterion"),
                                   (data.d1, "\\\\", "survives D1")):
            if not table:
                continue
            mask = np.logical_or.reduce([np.asarray(v) for v in table.values()]) & admissible
            if mask.any() and xc.size > 1 and yc.size > 1:
                cs = ax.contourf(xc, yc, mask.T.astype(float), levels=[0.5, 1.5],
                                 colors="none", hatches=[hatch])
                cs.set_edgecolor((0, 0, 0, 0.45))
                cs.set_linewidth(0)
                handles.append(Patch(facecolor="white", edgecolor=(0, 0, 0, 0.6), hatch=hatch,
                                     label=name))
    ax.set_xlabel(str(data.symbols[0]))
    ax.set_ylabel(str(data.symbols[1]))
    ax.set_xlim(xe[0], xe[-1])
    ax.set_ylim(ye[0], ye[-1])
    if data.fixed:
        fixed = ", ".join(f"{s} = {v}" for s, v in data.fixed.items())
        title = f"{title}\n({fixed})" if title else fixed
    if title:
        ax.set_title(title)
    if legend and handles:
        ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.02, 0.5),
                  fontsize="small", frameon=False)
    _save(fig, path)
    return fig


def _tagged(label: str, data, where: np.ndarray) -> str:
    """``label [IC, D1]``: the refinements it survives on this set ("part" if not all)."""
    tags = []
    for table, name in ((data.ic, "IC"), (data.d1, "D1")):
        if label not in table:
            continue
        vals = np.asarray(table[label])[where]
        if vals.all():
            tags.append(name)
        elif vals.any():
            tags.append(f"{name} in part")
    return f"{label} [{', '.join(tags)}]" if tags else label


def plot_quantity(curve: QuantityCurve, path: str | os.PathLike | None = None,
                  ax: Axes | None = None, title: str | None = None,
                  ylabel: str | None = None, figsize: tuple[float, float] = (7.0, 4.0),
                  legend: bool = True, **line_kwargs: Any) -> Figure:
    """Plot a quantity of each equilibrium along one parameter.

    Gaps (NaN) mark where an equilibrium does not exist, so the regions show as the
    parameter values where each line is drawn.

    Parameters
    ----------
    curve : QuantityCurve
        From :func:`alliance_games.parametric.statics.quantity_curve`.
    path : str or Path, optional
    ax : matplotlib Axes, optional
    title, ylabel : str, optional
    **line_kwargs
        Passed to ``Axes.plot``.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import sympy as sp
    >>> from alliance_games.parametric.statics import quantity_curve
    >>> p = sp.Symbol("p")
    >>> class Eq:
    ...     label, condition = "a", p < sp.Rational(1, 2)
    ...     intuitive_condition = d1_condition = sp.true
    >>> fig = plot_quantity(quantity_curve([Eq()], lambda e: p**2, p, 0, 1, n=10))
    >>> fig.axes[0].get_xlabel()
    'p'
    """
    fig, ax = _figure(ax, figsize)
    x = np.asarray(curve.x)
    drawn: list[tuple[str, np.ndarray]] = []
    for label in curve.labels:
        y = np.asarray(curve.values[label], dtype=float)
        if np.isnan(y).all():
            continue
        # lines that coincide must all stay visible: each later line is thinner, drawn on
        # top, in the next dash style; the legend names the line it lies on
        k = len(drawn)
        same = [other for other, yo in drawn if _overlaps(y, yo)]
        style = {"linestyle": _DASHES[k % len(_DASHES)],
                 "linewidth": max(3.2 - 0.6 * k, 1.0), "zorder": 2 + k}
        style.update(line_kwargs)
        text = label + (f"  (on {same[0]} where both exist)" if same else "")
        ax.plot(x, y, label=text, **style)
        drawn.append((label, y))
    ax.set_xlabel(str(curve.param))
    if ylabel:
        ax.set_ylabel(ylabel)
    if curve.fixed:
        fixed = ", ".join(f"{s} = {v}" for s, v in curve.fixed.items())
        title = f"{title}\n({fixed})" if title else fixed
    if title:
        ax.set_title(title)
    if legend and drawn:
        ax.legend(fontsize="small", frameon=False)
    _save(fig, path)
    return fig


_DASHES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 3)))


def _overlaps(y: np.ndarray, other: np.ndarray) -> bool:
    """Whether two drawn curves lie on each other (display only: equal where both exist)."""
    both = ~np.isnan(y) & ~np.isnan(other)
    return bool(both.any()) and bool(np.allclose(y[both], other[both], rtol=0, atol=1e-12))
