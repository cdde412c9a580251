"""alliance.forms and alliance.robustness: functional forms as data, checked by hand.

The baseline forms must reproduce the model exactly (the same point, the same game, the
known war-stage numbers); a contest exponent and an exit distribution must change the war
stage and the durations exactly as their formulas say (recomputed here with Fractions
and closed forms that share no code with the package); the robustness table must cover
every hypothesis and form, be deterministic, and be able to disagree with the baseline.
"""

from __future__ import annotations

import math
import pickle
from fractions import Fraction as F

import pytest
import sympy as sp

from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.analysis import solve_point, sweep
from alliance_games.alliance.duration import design_duration, exit_cdf
from alliance_games.alliance.forms import DEFAULT_FORMS, EXITS, Forms, forms_of
from alliance_games.alliance.hypotheses import clear_cache
from alliance_games.alliance.parameters import as_point, baseline
from alliance_games.alliance.robustness import ALTERNATIVES, robustness, verdict
from alliance_games.errors import ParameterError

R = sp.Rational


# ------------------------------------------------------------------- the forms object
def test_default_forms_leave_the_point_and_the_game_unchanged():
    assert as_point({"a": 1, "forms": Forms()}) == as_point({"a": 1})
    assert baseline(forms=Forms(1, "logistic")) == baseline()
    base = solve_point()
    again = solve_point({"forms": Forms(contest_exponent=1, exit="logistic")})
    assert dict(again.values) == dict(base.values)
    for k, q in base.quantities.items():
        assert (q.selected, q.min, q.max) == (again.quantities[k].selected,
                                              again.quantities[k].min, again.quantities[k].max)
    # known answers of the baseline, from before the forms existed (payoffs' doctests)
    ws = pay.war_state("H", "cs", "M", point=baseline(forms=Forms()))
    assert (ws.helps, ws.hold) == (1, R(23, 31))
    assert pay.attack_probability("cs", "M", point=baseline(forms=Forms())) == (
        R(647, 1458) - R(8393, 45198) * pay.MU_H)


def test_bad_forms_are_refused_with_the_package_error():
    with pytest.raises(ParameterError, match="positive integer"):
        Forms(contest_exponent="1/2")
    with pytest.raises(ParameterError, match="positive integer"):
        Forms(contest_exponent=0)
    with pytest.raises(ParameterError, match="float"):
        Forms(contest_exponent=2.0)
    with pytest.raises(ParameterError, match="unknown exit distribution 'uniform'"):
        Forms(exit="uniform")
    with pytest.raises(ParameterError, match="Forms object"):
        as_point({"forms": "r=2"})
    with pytest.raises(ParameterError, match="Forms object"):
        forms_of({"forms": 2})


def test_forms_are_immutable_hashable_and_pickle():
    f = Forms(2, "t2")
    with pytest.raises(AttributeError):
        f.exit = "normal"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(f)) == f and hash(f) == hash(Forms("2", "t2"))
    assert f.label == "r=2, exit=t2" and DEFAULT_FORMS.label == "baseline"
    assert set(EXITS) == {"logistic", "normal", "t2"}


# ------------------------------------------------------------------ contest exponent
def _p(D, A, r):
    return D**r / (D**r + A**r)


@pytest.mark.parametrize("r", [1, 2, 3])
def test_contest_exponent_changes_the_war_stage_as_the_formula_says(r):
    """W(1), W(0), the fight probability and Pr(hold) under M after CS, type H, by hand."""
    k, m, eta, A = F(1), F(3), F(1, 4), F(2)   # baseline: A_eff = pi_A / (1 + d) = 4 / 2
    s_P, cp, cm, b_M, nu = F(10), F(5, 2), F(5), F(3, 2), F(1)
    md = m * (1 + eta)
    W1 = s_P * (_p(2 * k + md, A, r) - _p(2 * k, A, r)) - cp
    W0 = s_P * (_p(k + md, A, r) - _p(k, A, r)) - cm
    phi1 = min(max((W1 + b_M + nu) / (2 * nu), F(0)), F(1))
    hold = phi1 * _p(2 * k + md, A, r) + (1 - phi1) * _p(2 * k, A, r)
    ws = pay.war_state("H", "cs", "M", point=baseline(forms=Forms(contest_exponent=r)))
    assert ws.helps == 1  # the H partner helps at the baseline for these r
    assert (ws.W1, ws.W0) == (R(W1.numerator, W1.denominator), R(W0.numerator, W0.denominator))
    assert ws.fight == R(phi1.numerator, phi1.denominator)
    assert ws.hold == R(hold.numerator, hold.denominator)
    if r != 1:
        assert ws.hold != R(23, 31)


def test_contest_exponent_reaches_the_solved_game_and_worker_processes():
    pts = [{"forms": Forms(2)}, {"forms": Forms(2), "a": 2}]
    res = sweep(pts, "land", progress=False, processes=2)  # two workers, forms pickled
    for p, s in zip(pts, res.solved):
        direct = solve_point(p, theatre="land")
        assert s.values["forms"] == Forms(2)
        assert s.quantities["pr_cs"].selected == direct.quantities["pr_cs"].selected
        assert s.quantities["V_P"].selected == direct.quantities["V_P"].selected
    # the decisive contest changes the baseline's equilibrium (CS no longer separates)
    assert solve_point().quantities["pr_cs"].selected == R(1, 2)
    assert res.solved[0].quantities["pr_cs"].selected != R(1, 2)


# ------------------------------------------------------------------ exit distribution
def _t2(z):
    return sp.Rational(1, 2) + z / (2 * sp.sqrt(4 + z**2))


def test_exit_distribution_changes_durations_as_its_formula_says():
    base = design_duration("H", "cs", "M", mu_H=1, point=baseline())
    t2 = design_duration("H", "cs", "M", mu_H=1, point=baseline(forms=Forms(exit="t2")))
    nor = design_duration("H", "cs", "M", mu_H=1, point=baseline(forms=Forms(exit="normal")))
    # the gains are per-period payoffs: the exit distribution does not move them
    assert (t2.client_gain, t2.patron_gain) == (base.client_gain, base.patron_gain)
    assert t2.fallback == base.fallback == "B"
    sigma = R(1, 4)
    gC, gP = base.client_gain, base.patron_gain
    S_t2 = _t2(gC / sigma) ** 2 * _t2(gP / sigma)
    assert sp.simplify(t2.survival - S_t2) == 0
    assert sp.simplify(t2.expected_duration - 1 / (1 - S_t2)) == 0
    # normal shocks with the logistic's variance: Phi(sqrt(3) z / pi), by math.erf
    phi = [0.5 * (1 + math.erf(math.sqrt(3) * float(g / sigma) / (math.pi * math.sqrt(2))))
           for g in (gC, gC, gP)]
    assert float(nor.survival) == pytest.approx(phi[0] * phi[1] * phi[2], rel=1e-12)
    logi = [1 / (1 + math.exp(-float(g / sigma))) for g in (gC, gC, gP)]
    assert float(base.survival) == pytest.approx(logi[0] * logi[1] * logi[2], rel=1e-12)
    assert len({round(float(x.expected_duration), 6) for x in (base, t2, nor)}) == 3
    # all three agree at zero gain
    assert exit_cdf(0, "logistic") == exit_cdf(0, "normal") == exit_cdf(0, "t2") == R(1, 2)


# ----------------------------------------------------------------- robustness table
@pytest.fixture(scope="module")
def table():
    clear_cache()
    return robustness(1, seed=0, alternatives=(Forms(2), Forms(exit="t2")), line=0,
                      processes=2, progress=False)


def test_table_has_every_hypothesis_and_form(table):
    assert table.labels == ("baseline", "r=2", "exit=t2")
    assert table.hypotheses[:7] == ("H1", "H2", "H3", "H4", "H5", "H6", "H7")
    assert len(table.cells) == len(table.hypotheses) * 3
    for h in table.hypotheses:
        for f in table.forms:
            c = table.cell(h, f)
            n_pts = len(next(r for r in table.results[f.label] if r.name == h).points)
            assert c.holds + c.fails + c.not_applicable == n_pts
            assert c.verdict == verdict(c.holds, c.holds + c.fails)
            assert (c.survives is None) == f.is_default
            if c.survives is not None:
                assert c.survives == (c.verdict == table.cell(h, "baseline").verdict)
    with pytest.raises(KeyError, match="H9"):
        table.cell("H9", "baseline")


def test_the_alternatives_are_really_solved_and_can_disagree(table):
    """Seed 0, first point: the decisive contest moves shares (H2, H5, the extras)."""
    differs = [h for h in table.hypotheses
               if (table.cell(h, "r=2").holds, table.cell(h, "r=2").fails)
               != (table.cell(h, "baseline").holds, table.cell(h, "baseline").fails)]
    assert differs
    for r in table.results["r=2"]:
        assert all(p["forms"] == Forms(2) for p in r.points)
    # the exit distribution leaves every non-duration check unchanged, point by point
    for rb, rt in zip(table.results["baseline"], table.results["exit=t2"]):
        if rb.name in ("H4", "H5", "H6", "H7", "never bluff", "attack falls after CS+M",
                       "selection"):
            assert (rb.holds == rt.holds).all() and (rb.applicable == rt.applicable).all()


def test_same_seed_same_table(table):
    clear_cache()
    again = robustness(1, seed=0, alternatives=(Forms(2), Forms(exit="t2")), line=0,
                       processes=1, progress=False)
    def key(t):
        return {k: (c.holds, c.fails, c.not_applicable, c.unsolved, c.verdict, c.survives,
                    repr(c.share), repr(c.interval)) for k, c in t.cells.items()}

    assert key(again) == key(table)


def test_robustness_refuses_bad_arguments():
    with pytest.raises(ParameterError, match="baseline forms"):
        robustness(1, alternatives=(Forms(),))
    with pytest.raises(ParameterError, match="repeated"):
        robustness(1, alternatives=(Forms(2), Forms("2")))
    with pytest.raises(ParameterError, match="sample"):
        robustness(3, sample=2)
    with pytest.raises(ParameterError, match="positive integer"):
        robustness(0)
    assert Forms(contest_exponent=2) in ALTERNATIVES


def test_report_section_shows_every_cell(table):
    from alliance_games.alliance.report import _robustness_section
    text = "\n".join(_robustness_section(table, samples=8))
    assert text.startswith("## Robustness to functional forms")
    assert "first 1 of the 8 sampled points" in text and "(no theta lines)" in text
    assert "| H | `baseline` | `r=2` | `exit=t2` |" in text
    for f in table.forms[1:]:
        assert f"- `{f.label}`: {f.meaning()}." in text
    for h in table.hypotheses:
        row = next(line for line in text.splitlines() if line.startswith(f"| {h} |"))
        b, r2, t2 = (table.cell(h, x) for x in table.forms)
        assert row.count("(survives)") + row.count("(**changes**)") == 2
        assert f"{b.holds}/{b.fails}/{b.not_applicable}" in row
        assert ("(**changes**)" in row) == (not (r2.survives and t2.survives))
    changed = [h for h in table.hypotheses if not all(table.survivors(h).values())]
    assert ("Verdicts that change: none" in text) == (not changed)


@pytest.mark.parametrize("bad", [0, 3, True, "2"])
def test_report_refuses_bad_robustness_sample_before_any_work(tmp_path, bad):
    from alliance_games.alliance.report import write_report
    with pytest.raises(ParameterError, match="robustness_samples"):
        write_report(tmp_path, n=2, samples=2, robustness_samples=bad, progress=False)
    assert not any(tmp_path.iterdir())
