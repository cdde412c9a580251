"""Tests of alliance_games.parametric.regions / backends / sampling."""

from __future__ import annotations

import dataclasses
import re
import warnings
from types import SimpleNamespace

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.errors import (
    DegenerateGameWarning,
    ParameterError,
    UndecidableConditionError,
)
from alliance_games.parametric.backends import ConditionProgram, chunk_bounds, evaluate_chunk
from alliance_games.parametric.regions import RegionData, region_data, where
from alliance_games.parametric.sampling import (
    rational_grid,
    sample_box,
    to_rational,
    validate_box,
)

R = sp.Rational
p, c, q = sp.symbols("p c q")


def eq(label, condition, ic=sp.true, d1=sp.true):
    return SimpleNamespace(label=label, condition=condition, intuitive_condition=ic,
                           d1_condition=d1)


def beer_quiche_standins():
    """Beer-quiche with p = Pr(weak), derived by hand.

    Sender: +1 for the preferred breakfast (strong: beer, weak: quiche), +2 if no duel.
    Receiver duels iff mu(weak) > 1/2 (indifferent at 1/2).
    - pool on beer: no duel after beer needs mu(weak | beer) = p <= 1/2; off-path quiche
      beliefs mu(weak) >= 1/2 with a duel keep the weak type from deviating. Survives IC/D1.
    - pool on quiche: symmetric, p <= 1/2; fails IC and D1 (only the strong type could gain
      from beer).
    - hybrid for p > 1/2: strong drinks beer, weak mixes; survives IC.
    """
    half = R(1, 2)
    return [
        eq("pool beer", p <= half),
        eq("pool quiche", p <= half, ic=sp.false, d1=sp.false),
        eq("hybrid", p > half),
    ]


# --- sampling ----------------------------------------------------------------------

def test_to_rational_reads_shortest_decimal_and_fractions():
    assert to_rational(0.1) == R(1, 10)
    assert to_rational("1/3") == R(1, 3)
    assert to_rational(np.float64(0.25)) == R(1, 4)
    assert to_rational(sp.Float("0.5")) == R(1, 2)
    with pytest.raises(ParameterError):
        to_rational(float("nan"))
    with pytest.raises(ParameterError):
        to_rational("p + 1")
    with pytest.raises(ParameterError):
        to_rational(sp.sqrt(2))


def test_rational_grid_cell_centres():
    assert rational_grid(0, 1, 4) == (R(1, 8), R(3, 8), R(5, 8), R(7, 8))
    assert rational_grid("0.2", "0.4", 1) == (R(3, 10),)
    with pytest.raises(ParameterError):
        rational_grid(1, 0, 3)


def test_sample_box_is_reproducible_and_interior():
    a = sample_box({p: (0, 1), c: (R(1, 3), 2)}, 50, seed=3)
    b = sample_box({p: (0, 1), c: (R(1, 3), 2)}, 50, seed=3)
    assert a == b
    assert all(isinstance(pt[p], sp.Rational) and 0 < pt[p] < 1 for pt in a)
    assert all(R(1, 3) < pt[c] < 2 for pt in a)
    assert sample_box({p: (0, 1)}, 50, seed=4) != a


def test_validate_box_errors():
    params = {p: (0, 1), c: (0, None)}
    assert validate_box({c: (1, 100)}, params) == {c: (1, 100)}
    with pytest.raises(ParameterError, match="unknown parameter q"):
        validate_box({q: (0, 1)}, params)
    with pytest.raises(ParameterError, match="range"):
        validate_box({p: None}, params)
    with pytest.raises(ParameterError, match="finite"):
        validate_box({c: (0, None)}, params)
    with pytest.raises(ParameterError, match="admissible"):
        validate_box({p: (-1, R(1, 2))}, params)
    with pytest.raises(ParameterError, match="empty"):
        validate_box({p: (R(1, 2), R(1, 2))}, params)


# --- region_data --------------------------------------------------------------------

def test_beer_quiche_one_axis_exact_at_the_boundary():
    data = region_data(beer_quiche_standins(), {p: (0, 1)}, n=5, progress=False)
    # grid: 1/10, 3/10, 1/2, 7/10, 9/10; p = 1/2 is the boundary
    assert data.exact_axes == ((R(1, 10), R(3, 10), R(1, 2), R(7, 10), R(9, 10)),)
    assert data.exists["pool beer"].tolist() == [True, True, True, False, False]
    assert data.exists["pool quiche"].tolist() == [True, True, True, False, False]
    assert data.exists["hybrid"].tolist() == [False, False, False, True, True]
    assert data.ic["pool quiche"].tolist() == [False] * 5
    assert data.ic["pool beer"].tolist() == [True, True, True, False, False]
    assert data.d1["hybrid"].tolist() == [False, False, False, True, True]
    assert data.uncertain.tolist() == [False, False, True, False, False]
    assert not data.undecided.any()
    assert data.admissible.all()
    codes, combos = data.sets()
    assert combos == (("pool beer", "pool quiche"), ("hybrid",))
    assert codes.tolist() == [0, 0, 0, 1, 1]
    assert data.share("hybrid") == pytest.approx(0.4)
    assert data.point(2) == {p: R(1, 2)}


def test_float_roundoff_is_resolved_exactly():
    # 3 * 0.1 = 0.30000000000000004 in floats, so the float test of 3p <= 3/10 at p = 1/10
    # is False; the exact answer is True.
    cond = 3 * p <= R(3, 10)
    data = region_data([eq("a", cond)], {p: (0, 1)}, points=[[0.1], [0.2]], progress=False)
    assert data.exists["a"].tolist() == [True, False]
    assert data.uncertain.tolist() == [True, False]
    # the float answer alone is wrong here, so the test can fail
    assert not 3 * 0.1 <= 0.3


def test_strict_and_equality_at_boundaries_on_a_2d_grid():
    conds = [
        eq("lt", p + c < 1), eq("le", p + c <= 1), eq("eq", sp.Eq(p + c, 1)),
        eq("ne", sp.Ne(p + c, 1)),
    ]
    data = region_data(conds, {p: (0, 1), c: (0, 1)}, n=4, progress=False)
    P = np.array([[float(a + b) for b in rational_grid(0, 1, 4)] for a in rational_grid(0, 1, 4)])
    on = np.isclose(P, 1.0)
    assert on.sum() == 4  # the anti-diagonal 1/8 + 7/8, ...
    assert (data.exists["eq"] == on).all()
    assert (data.exists["ne"] == ~on).all()
    assert (data.exists["le"] == (P < 1) | on).all()
    assert (data.exists["lt"] == (P < 1) & ~on).all()
    assert (data.uncertain == on).all()
    assert data.grids[0].shape == (4, 4) and data.grids[0][1, 0] == 3 / 8


def test_boolean_structure_piecewise_and_constants():
    half = R(1, 2)
    pw = sp.Piecewise((p - half, c < half), (half - p, True))  # arithmetic Piecewise
    bool_pw = sp.Piecewise((p < R(1, 4), c < half), (p > R(3, 4), True))
    conds = [
        eq("pw", pw > 0),
        eq("boolpw", bool_pw),
        eq("not", sp.Not(p < half)),
        eq("or", sp.Or(p < R(1, 4), c > R(3, 4))),
        eq("xor", sp.Xor(p < half, c < half)),
        eq("implies", sp.Implies(p < half, c < half)),
        eq("true", sp.true, ic=sp.false),
        eq("false", sp.false),
    ]
    data = region_data(conds, {p: (0, 1), c: (0, 1)}, n=8, progress=False)
    for k, a in enumerate(data.exact_axes[0]):
        for j, b in enumerate(data.exact_axes[1]):
            for e in conds:
                expected = bool(e.condition.subs({p: a, c: b}))
                assert data.exists[e.label][k, j] == expected, (e.label, a, b)
    assert data.exists["true"].all() and not data.ic["true"].any()
    assert not data.exists["false"].any()


def test_boundary_inside_piecewise_branch_condition_is_exact():
    # the branch switch c < 3/10 sits exactly on a sample point; the float test of the
    # branch condition 10c < 3 at c = 0.3 gives 10 * 0.3 = 3.0000000000000004 (False)
    cond = sp.Piecewise((1, 10 * c < 3), (-1, True)) > 0
    data = region_data([eq("a", cond)], {c: (0, 1)}, points=[[0.3], [0.29]], progress=False)
    assert data.exists["a"].tolist() == [False, True]
    assert data.uncertain[0]


def test_irrational_boundary_decided_exactly():
    cond = p**2 < R(1, 2)  # boundary sqrt(2)/2, never hit by a rational point
    data = region_data([eq("a", cond)], {p: (0, 1)}, n=101, progress=False)
    expected = [bool(x**2 < R(1, 2)) for x in data.exact_axes[0]]
    assert data.exists["a"].tolist() == expected
    assert not data.undecided.any()


@settings(max_examples=15, deadline=None)
@given(a=st.fractions(-3, 3, max_denominator=7), b=st.fractions(-3, 3, max_denominator=7),
       k=st.fractions(-2, 2, max_denominator=5), n=st.integers(2, 7))
def test_vectorised_equals_exact_where(a, b, k, n):
    cond = sp.Or(sp.And(R(a) * p + R(b) * c <= R(k), p > c), sp.Eq(p * c, R(1, 4)))
    data = region_data([eq("e", cond)], {p: (0, 1), c: (0, 1)}, n=n, progress=False)
    for i in range(n):
        for j in range(n):
            assert data.exists["e"][i, j] == where(cond, data.point((i, j)))


def test_chunking_does_not_change_results():
    conds = beer_quiche_standins() + [eq("circle", p**2 + c**2 < R(1, 2))]
    one = region_data(conds, {p: (0, 1), c: (0, 1)}, n=(9, 7), progress=False)
    many = region_data(conds, {p: (0, 1), c: (0, 1)}, n=(9, 7), progress=False, chunk_size=5)
    assert one.shape == (9, 7)
    for lab in one.labels:
        assert (one.exists[lab] == many.exists[lab]).all()
        assert (one.ic[lab] == many.ic[lab]).all()
    assert (one.uncertain == many.uncertain).all()


def test_fixed_values_and_errors():
    cond = p <= c
    conds = [eq("a", cond)]
    data = region_data(conds, {p: (0, 1)}, n=5, fixed={c: R(1, 2)}, progress=False)
    assert data.exists["a"].tolist() == [True, True, True, False, False]
    assert data.point(0) == {p: R(1, 10), c: R(1, 2)}
    with pytest.raises(ParameterError, match="neither on an axis nor fixed"):
        region_data(conds, {p: (0, 1)}, n=3, progress=False)
    params = {p: (0, 1), c: (0, 1)}
    with pytest.raises(ParameterError, match="unknown parameter q"):
        region_data(conds, {q: (0, 1)}, n=3, fixed={c: 0.5}, parameters=params,
                    progress=False)
    with pytest.raises(ParameterError, match="admissible"):
        region_data(conds, {p: (0, 2)}, n=3, fixed={c: 0.5}, parameters=params,
                    progress=False)
    with pytest.raises(ParameterError, match="admissible"):
        region_data(conds, {p: (0, 1)}, n=3, fixed={c: 1}, parameters=params, progress=False)
    with pytest.raises(ParameterError, match="range"):
        region_data(conds, {p: None}, n=3, fixed={c: 0.5}, progress=False)
    with pytest.raises(ParameterError, match="outside the box"):
        region_data(conds, {p: (0, 1)}, points=[[2]], fixed={c: 0.5}, progress=False)


def test_assumptions_fill_admissible():
    data = region_data(beer_quiche_standins(), {p: (0, 1), c: (0, 1)}, n=4,
                       assumptions=[c < p], progress=False)
    expected = data.grids[1] < data.grids[0]
    assert (data.admissible == expected).all()


def test_points_mode_with_dicts_and_frozen_result():
    data = region_data(beer_quiche_standins(), {p: (0, 1)},
                       points=[{p: "1/2"}, {p: R(2, 3)}], progress=False)
    assert data.mode == "points" and data.shape == (2,)
    assert data.exists["pool beer"].tolist() == [True, False]
    assert data.point(1) == {p: R(2, 3)}
    assert isinstance(data, RegionData)
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.labels = ()
    with pytest.raises(ValueError):
        data.exists["hybrid"][0] = True
    with pytest.raises(TypeError):
        data.exists["new"] = np.zeros(2, dtype=bool)


def test_where_exact_and_errors():
    e = beer_quiche_standins()[1]
    assert where(e, {p: R(1, 2)}) is True
    assert where(e, {p: R(1, 2)}, which="ic") is False
    assert where(e, {p: 0.6}) is False
    with pytest.raises(ParameterError, match="no value"):
        where(e, {c: 1})
    with pytest.raises(UndecidableConditionError):
        where(sp.sqrt(p - 2) > 0, {p: R(1, 2)})


def test_condition_program_grid_and_points_agree():
    cond = (p - R(1, 3)) * (c - R(2, 3)) > 0
    axes = (rational_grid(0, 1, 3), rational_grid(0, 1, 3))
    grid = ConditionProgram((p, c), (cond,), axes, shape=(3, 3))
    idx = np.array([[i, j] for i in range(3) for j in range(3)])
    pts = ConditionProgram((p, c), (cond,), axes, indices=idx)
    assert (evaluate_chunk(grid, 0, 9).values[0] == evaluate_chunk(pts, 0, 9).values[0]).all()
    assert chunk_bounds(0, 3) == []


def test_dask_backend_identical_to_local():
    distributed = pytest.importorskip("distributed")
    conds = beer_quiche_standins() + [
        eq("circle", p**2 + c**2 < R(1, 2), ic=p < c),
        eq("line", p + c <= 1, d1=sp.Eq(p, c)),
    ]
    box = {p: (0, 1), c: (0, 1)}
    local = region_data(conds, box, n=(11, 13), progress=False, chunk_size=17)
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=2,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = region_data(conds, box, n=(11, 13), progress=False, chunk_size=17,
                             backend="dask", client=client)
    assert remote.labels == local.labels
    for lab in local.labels:
        for table in ("exists", "ic", "d1"):
            assert (getattr(remote, table)[lab] == getattr(local, table)[lab]).all()
    assert (remote.uncertain == local.uncertain).all()
    assert local.uncertain.any()  # the line p + c = 1 crosses grid points


# --- with the real solver -------------------------------------------------------------

def beer_quiche_game():
    from alliance_games import SignallingGame

    # types weak (prior p) and strong; +1 for the preferred breakfast, +2 without a duel;
    # the receiver gets 1 for dueling the weak type or not dueling the strong type
    return SignallingGame.from_arrays(
        [p, 1 - p], [[[0, 2], [1, 3]], [[1, 3], [0, 2]]], [[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
        types=["weak", "strong"], messages=["beer", "quiche"], actions=["duel", "not"],
        parameters={p: (0, 1)}, name="beer-quiche (prior p of weak)")


def test_pointwise_region_data_matches_hand_derivation():
    from alliance_games import solve
    from alliance_games.parametric.regions import pointwise_region_data

    game = beer_quiche_game()
    data = pointwise_region_data(game, {p: (0, 1)}, n=5, progress=False)
    assert not data.uncertain.any()
    for k, x in enumerate(data.exact_axes[0]):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            found = {e.label for e in solve(game.subs({p: x}))}
        assert {lab for lab in data.labels if data.exists[lab][k]} == found
    # p = 9/10 (> 1/2): a single (hybrid) equilibrium, not pooling, surviving IC and D1
    alive = [lab for lab in data.labels if data.exists[lab][4]]
    assert len(alive) == 1 and data.ic[alive[0]][4] and data.d1[alive[0]][4]
    # p = 1/10: pooling on beer survives IC, pooling on quiche does not
    low = [lab for lab in data.labels if data.exists[lab][0]]
    assert any(data.ic[lab][0] for lab in low) and not all(data.ic[lab][0] for lab in low)
    with pytest.raises(ParameterError, match="unknown parameter q"):
        pointwise_region_data(game, {q: (0, 1)}, n=2, progress=False)
    with pytest.raises(ParameterError, match="neither"):
        pointwise_region_data(_two_parameter_beer_quiche(), {p: (0, 1)}, n=2, progress=False)


def test_pointwise_program_pickles_and_dask_matches_local():
    import pickle

    distributed = pytest.importorskip("distributed")
    from alliance_games.parametric.regions import _PointwiseProgram, pointwise_region_data

    game = beer_quiche_game()
    prog = _PointwiseProgram(game, (p,), ((R(1, 3),),), (1,), None, {})
    clone = pickle.loads(pickle.dumps(prog))
    assert clone.evaluate(0, 1).found == prog.evaluate(0, 1).found
    local = pointwise_region_data(game, {p: (0, 1)}, n=4, progress=False, chunk_size=3)
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cl, \
            distributed.Client(cl) as client:
        remote = pointwise_region_data(game, {p: (0, 1)}, n=4, progress=False, chunk_size=3,
                                       backend="dask", client=client)
    assert remote.labels == local.labels
    for lab in local.labels:
        assert (remote.exists[lab] == local.exists[lab]).all()
        assert (remote.ic[lab] == local.ic[lab]).all()


def _parametric_solve_available() -> bool:
    try:
        import alliance_games.solving.symbolic  # noqa: F401
    except ImportError:
        return False
    return True


def _two_parameter_beer_quiche():
    from alliance_games import SignallingGame

    # a second parameter c: the strong type's taste for beer
    return SignallingGame.from_arrays(
        [p, 1 - p], [[[0, 2], [1, 3]], [[c, 2 + c], [0, 2]]],
        [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["weak", "strong"],
        messages=["beer", "quiche"], actions=["duel", "not"],
        parameters={p: (0, 1), c: (0, 2)})


def _base(label):  # the parametric solver numbers families sharing a pattern: "... #2"
    return re.sub(r" #\d+$", "", label)


def _assert_maps_agree(sym, pw, generic_only: bool):
    checked = 0
    for idx in np.ndindex(*sym.shape):
        point = sym.point(idx)
        if generic_only and (point[p] == HALF or point[c] == 1):
            continue
        a = {_base(lab) for lab in sym.labels if sym.exists[lab][idx]}
        b = {_base(lab) for lab in pw.labels if pw.exists[lab][idx]}
        assert a == b, (point, a, b)
        assert {_base(lab) for lab in sym.labels if sym.ic[lab][idx]} == \
            {_base(lab) for lab in pw.labels if pw.ic[lab][idx]}, point
        checked += 1
    assert checked >= 16


HALF = R(1, 2)


@pytest.fixture(scope="module")
def two_parameter_maps():
    if not _parametric_solve_available():
        pytest.skip("parametric solve not yet built")
    from alliance_games.parametric.regions import region_map

    game = _two_parameter_beer_quiche()
    # grid p in {1/10, 3/10, 1/2, 7/10, 9/10}, c in {1/5, 3/5, 1, 7/5, 9/5}: the boundaries
    # p = 1/2 and c = 1 are grid points
    kw = dict(n=(5, 5), progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        sym = region_map(game, (p, 0, 1), (c, 0, 2), method="symbolic", **kw)
        pw = region_map(game, (p, 0, 1), (c, 0, 2), method="pointwise", **kw)
    return game, sym, pw


def test_region_map_symbolic_agrees_with_pointwise_at_generic_points(two_parameter_maps):
    from alliance_games.parametric.regions import region_map

    game, sym, pw = two_parameter_maps
    assert sym.shape == pw.shape == (5, 5)
    _assert_maps_agree(sym, pw, generic_only=True)
    with pytest.raises(ParameterError, match="unknown parameter q"):
        region_map(game, (p, 0, 1), (q, 0, 1), n=2, progress=False)
    with pytest.raises(ParameterError, match="admissible"):
        region_map(game, (p, 0, 1), (c, 0, 2), n=2, fixed={c: 3}, progress=False)
    with pytest.raises(ParameterError, match="admissible"):
        region_map(game, (p, 0, 2), (c, 0, 2), n=2, progress=False)


def test_region_map_symbolic_agrees_with_pointwise_on_boundaries(two_parameter_maps):
    _, sym, pw = two_parameter_maps
    _assert_maps_agree(sym, pw, generic_only=False)


def test_exact_subs_keeps_rationals_exact():
    from alliance_games.parametric.regions import exact_subs

    game = _two_parameter_beer_quiche()
    sub = exact_subs(game, {p: R(1941, 2000), c: R(1459, 2000)})
    assert sub.prior == (R(1941, 2000), R(59, 2000))
    assert sub.sender_payoffs[1][0][0] == R(1459, 2000)
    assert not sub.is_parametric
    half = exact_subs(game, {p: "1/3"})
    assert dict(half.parameters) == {c: game.parameters[c]}


# ------------------------------------------------------- certified float signs in maps
def _exact_truth(cond, point) -> bool:
    """Independent of the backends: substitute and let sympy decide (rational values)."""
    return bool(cond.xreplace(point))


def test_catastrophic_cancellation_is_never_decided_by_floats():
    # (p - 1/3)^7 expanded: near p = 1/3 its float value is pure rounding noise (the
    # terms are about 1e-1 and the value about 1e-20), so a float sign is a coin toss
    cond = sp.expand((3 * p - 1) ** 7) > 0
    n = 2001
    data = region_data([eq("a", cond)], {p: (R(33, 100), R(34, 100))}, n=n, progress=False)
    grid = rational_grid(R(33, 100), R(34, 100), n)
    truth = [_exact_truth(cond, {p: x}) for x in grid]
    assert data.exists["a"].tolist() == truth
    # the naive float evaluation of the same polynomial gets some of these wrong
    f = sp.lambdify(p, cond.lhs)
    assert any((f(float(x)) > 0) != t for x, t in zip(grid, truth))
    # and only the points near the root were decided exactly
    assert 0 < int(data.uncertain.sum()) < n


def test_far_from_boundaries_the_float_sign_is_certified():
    data = region_data([eq("a", p + c < 1)], {p: (0, 1), c: (0, 1)}, n=200, progress=False)
    P, C = np.meshgrid([float(x) for x in rational_grid(0, 1, 200)],
                       [float(x) for x in rational_grid(0, 1, 200)], indexing="ij")
    assert data.exists["a"].tolist() == (P + C < 1).tolist()
    # the diagonal p + c = 1 holds exactly at 200 grid points; nothing else needs sympy
    assert int(data.uncertain.sum()) == 200


def test_numbers_beyond_floats_are_decided_exactly():
    big = sp.Integer(10) ** 400
    conds = [eq("big", big * p > big / 2), eq("tiny", p / big < R(1, 2) / big)]
    data = region_data(conds, {p: (0, 1)}, n=5, progress=False)
    assert data.exists["big"].tolist() == [False, False, False, True, True]
    assert data.exists["tiny"].tolist() == [True, True, False, False, False]
    assert data.uncertain.all()  # nothing was left to floats


@settings(max_examples=10, deadline=None)
@given(st.lists(st.integers(-10**6, 10**6), min_size=2, max_size=6),
       st.lists(st.fractions(0, 1, max_denominator=50), min_size=1, max_size=3),
       st.integers(1, 3))
def test_certified_signs_agree_with_exact_signs(coeffs, roots, power):
    """Polynomials with rational roots on the grid (so exact zeros and near-zeros occur),
    multiplied by a random one: every cell equals the exact sign."""
    poly = sp.Integer(1)
    for r in roots:
        poly *= (p - R(r.numerator, r.denominator)) ** power
    poly = sp.expand(poly * sum(k * c ** i for i, k in enumerate(coeffs)))
    conds = [eq(op, rel(poly, 0)) for op, rel in
             (("gt", sp.StrictGreaterThan), ("ge", sp.GreaterThan), ("eq", sp.Eq))]
    grid_p = [R(i, 50) for i in range(51)]
    grid_c = [R(-3, 2), R(0), R(1, 7), R(2)]
    points = [[x, y] for x in grid_p for y in grid_c]
    data = region_data(conds, {p: (-1, 2), c: (-2, 3)}, points=points, progress=False)
    for label, e in (("gt", conds[0]), ("ge", conds[1]), ("eq", conds[2])):
        truth = [_exact_truth(e.condition, {p: x, c: y}) for x, y in points]
        assert data.exists[label].tolist() == truth, label
