"""alliance.predictions: case predictions over the coded ranges."""

from __future__ import annotations

import math

import pytest
import sympy as sp

from alliance_games.alliance.analysis import solve_point
from alliance_games.alliance.cases import CASES, theta_range
from alliance_games.alliance.geography import theta
from alliance_games.alliance.predictions import (
    CasePoint,
    CasePrediction,
    _cs_forms,
    _prediction,
    case_points,
    predict_all,
    predict_case,
)


def test_case_points_corners_mid_interior():
    pts = case_points("NATO 1949", n=2)
    coded = [k for k, r in CASES["NATO 1949"].ranges.items() if r.lo != r.hi]
    assert len(pts) == 2 ** len(coded) + 1 + 2
    wheres = [w for w, _ in pts]
    assert "midpoint" in wheres and "interior 2" in wheres
    # theta is not coded: it follows from the coded geography, inside its exact range
    lo, hi = theta_range("NATO 1949")
    ths = set()
    for w, p in pts:
        full = {sp.Symbol(k): v for k, v in p.items()}
        th = theta(None, full)
        assert lo <= th <= hi, w
        ths.add(th)
    assert lo in ths and hi in ths


@pytest.fixture(scope="module")
def all_mid():
    return predict_all(n=0, corners=False, processes=2, progress=False)


def test_predict_all_midpoints(all_mid):
    assert [p.case.name for p in all_mid] == list(CASES)
    for p in all_mid:
        assert isinstance(p, CasePrediction) and len(p.points) == 1
        assert p.summary().startswith(p.case.name)
        assert p.case.name in p._repr_markdown_()


def test_nato_midpoint_agrees_with_solve(all_mid):
    nato = next(p for p in all_mid if p.case.name == "NATO 1949")
    pt = nato.points[0]
    res = solve_point(pt.values)
    dist = res.design_after("cs")
    assert pt.design == max(dist, key=lambda d: float(dist[d]))
    assert pt.cs_forms == _cs_forms(res.quantities["pr_cs"].selected)
    assert pt.message == "cs"
    # strict scoring: the probability given to what happened (CS formed, then M)
    expect = float(res.quantities["pr_cs"].selected * dist["M"])
    assert nato.matches == pytest.approx(expect)
    assert nato.hits == (1.0 if expect == 1 else 0.0)


def test_if_resolved_is_a_hit_for_neither_outcome():
    from dataclasses import replace
    case = CASES["NATO 1949"]
    half = sp.Rational(1, 2)
    pt = CasePoint("x", {}, half, "cs", "M", {"N": 0, "B": 0, "M": 1}, frozenset("M"),
                   "if resolved", frozenset(["if resolved"]), (0.5,) * 3, (1.0,) * 3,
                   "separating", None, half)
    for formed in (True, False):
        out = replace(case.outcome, cs_formed=formed, design=None)
        pred = _prediction(replace(case, outcome=out), [pt])
        assert pred.hits == 0.0 and pred.matches == 0.5
    sure = replace(pt, cs_forms="always", pr_cs_exact=sp.Integer(1))
    pred = _prediction(case, [sure])
    assert pred.hits == 1.0 and pred.matches == 1.0
    wrong = replace(pt, design="B", design_distribution={"N": 0, "B": 1, "M": 0})
    assert _prediction(case, [wrong]).matches == 0.0


def test_counterfactual_has_no_agreement_score(all_mid):
    hok = next(p for p in all_mid if p.case.counterfactual)
    assert math.isnan(hok.matches)


def test_flip_detection_over_a_range():
    """Over the QUAD's theta range the prediction is evaluated at both ends; a flip is
    reported exactly when the selected design or CS verdict differs between points."""
    pred = predict_case("Indo-Pacific today (QUAD)", n=0, processes=2, progress=False)
    ok = [p for p in pred.points if p.error is None]
    designs = {p.design for p in ok}
    cs = {p.cs_forms for p in ok}
    assert pred.flips == (len(designs) > 1 or len(cs) > 1)
    # the same points re-assembled give the same verdict
    again = _prediction(pred.case, list(pred.points))
    assert again.flips == pred.flips and again.designs == pred.designs
