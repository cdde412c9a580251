"""Tests of alliance_games.plotting (the data they draw are tested in test_regions)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import sympy as sp

from alliance_games.errors import AllianceGamesError
from alliance_games.parametric.regions import region_data
from alliance_games.parametric.statics import quantity_curve

pytest.importorskip("matplotlib")
from alliance_games.plotting import plot_quantity, plot_regions  # noqa: E402

R = sp.Rational
p, c = sp.symbols("p c")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def eq(label, condition, ic=sp.true, d1=sp.true):
    return SimpleNamespace(label=label, condition=condition, intuitive_condition=ic,
                           d1_condition=d1)


EQS = [
    eq("pool beer", p <= c, d1=p < c / 2),
    eq("pool quiche", p <= c, ic=sp.false, d1=sp.false),
    eq("hybrid", p > c, ic=p > R(3, 4), d1=sp.false),
]


def test_plot_regions_writes_png(tmp_path):
    data = region_data(EQS, {p: (0, 1), c: (0, 1)}, n=40, assumptions=[p + c > R(1, 5)],
                       progress=False)
    out = tmp_path / "regions.png"
    fig = plot_regions(data, path=out, title="beer-quiche stand-ins")
    raw = out.read_bytes()
    assert raw.startswith(PNG_MAGIC) and len(raw) > 5000
    ax = fig.axes[0]
    assert ax.get_xlabel() == "p" and ax.get_ylabel() == "c"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "pool beer [IC, D1 in part]\npool quiche" in legend and "hybrid [IC in part]" in legend
    assert "outside assumptions" in legend
    assert "survives Intuitive Criterion" in legend and "survives D1" in legend


def test_plot_regions_into_given_axes_with_fixed_title(tmp_path):
    from matplotlib.figure import Figure

    q = sp.Symbol("q")
    data = region_data([eq("a", p < c * q)], {p: (0, 1), c: (0, 1)}, n=10,
                       fixed={q: R(1, 2)}, progress=False)
    fig = Figure()
    ax = fig.add_subplot(1, 1, 1)
    assert plot_regions(data, ax=ax, refinements=False) is fig
    assert "q = 1/2" in ax.get_title()


def test_plot_regions_rejects_non_grid_data():
    data = region_data(EQS, {p: (0, 1), c: (0, 1)}, points=[[0.1, 0.2]], progress=False)
    with pytest.raises(AllianceGamesError):
        plot_regions(data)
    one_axis = region_data(EQS, {p: (0, 1)}, n=5, fixed={c: R(1, 2)}, progress=False)
    with pytest.raises(AllianceGamesError):
        plot_regions(one_axis)


def test_plot_quantity_writes_png(tmp_path):
    eqs = [eq("pool beer", p <= R(1, 2)), eq("hybrid", p > R(1, 2))]
    values = {"pool beer": sp.Integer(1), "hybrid": (1 - p) / p}
    curve = quantity_curve(eqs, lambda e: values[e.label], p, 0, 1, n=50)
    out = tmp_path / "quantity.png"
    fig = plot_quantity(curve, path=out, title="Pr(beer | weak)", ylabel="probability")
    raw = out.read_bytes()
    assert raw.startswith(PNG_MAGIC) and len(raw) > 3000
    lines = fig.axes[0].get_lines()
    assert [ln.get_label() for ln in lines] == ["pool beer", "hybrid"]
