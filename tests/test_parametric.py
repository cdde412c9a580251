"""Parametric solving: exact regions against answers derived by hand in these tests,
and against numeric solving of the substituted game at random rational points."""

from __future__ import annotations

import random
import re
import warnings
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_games import ParameterError, SignallingGame, solve
from alliance_games.examples import beer_quiche
from alliance_games.solving import symbolic
from alliance_games.solving.context import condition_set_1d
from alliance_games.solving.pieces import map_values, piecewise, union_conditions

p, c, q, v, b = sp.symbols("p c q v b")


def holds(cond, point) -> bool:
    value = cond.xreplace(point)
    return bool(sp.simplify(value)) if value not in (sp.true, sp.false) else bool(value)


def base(label: str) -> str:
    return re.sub(r" #\d+$", "", label)


# ---------------------------------------------------------------- beer-quiche, prior p
@pytest.fixture(scope="module")
def bq():
    return solve(beer_quiche(p))


def test_beer_quiche_pooling_regions(bq):
    # Hand derivation: pooling on beer needs 'not duel' at beer, i.e. mu(weak) = p <= 1/2,
    # and a duel after quiche (beliefs mu(weak) >= 1/2 off path).  Pooling on quiche needs
    # p <= 1/2 as well (not duel after quiche at the prior) and a duel after beer.
    pools = {e.label: e for e in bq if e.kind == "pooling" and e.is_pure}
    beer = pools["weak:beer strong:beer | beer:not_duel quiche:duel"]
    quiche = pools["weak:quiche strong:quiche | beer:duel quiche:not_duel"]
    for eq in (beer, quiche):
        assert sp.simplify(eq.condition.as_set() - sp.Interval.Lopen(0, sp.Rational(1, 2))) \
            == sp.S.EmptySet
        assert eq.condition.as_set() == sp.Interval.Lopen(0, sp.Rational(1, 2))
    # quiche pooling never survives the Intuitive Criterion or D1; beer pooling always does
    assert quiche.intuitive_condition is sp.false and quiche.d1_condition is sp.false
    assert beer.intuitive_condition == beer.condition == beer.d1_condition


def test_beer_quiche_hybrid_appears_above_one_half(bq):
    # Hand derivation: for p > 1/2 the weak type mixes so that mu(weak | beer) = 1/2:
    # p s / (p s + 1 - p) = 1/2  =>  s = (1 - p) / p; the receiver mixes 1/2 at beer so the
    # weak type is indifferent (2 (1 - r) = 1).
    hybrids = [e for e in bq if e.kind == "hybrid"]
    assert len(hybrids) == 1
    (h,) = hybrids
    assert h.condition.as_set() == sp.Interval.open(sp.Rational(1, 2), 1)
    assert sp.simplify(h.sender["weak"]["beer"] - (1 - p) / p) == 0
    assert h.receiver["beer"]["duel"] == sp.Rational(1, 2)
    assert sp.simplify(h.beliefs["beer"]["weak"] - sp.Rational(1, 2)) == 0


# ---------------------------------------------------------------- Spence, cost c
def spence(cost=c):
    """Two types (high 1/2, low 1/2); education E costs high 1 and low `cost`; wages:
    manager (M) 6, clerk (C) 2; the firm gets 1 from matching type to job, else 0."""
    sender = [[[6 - 1, 2 - 1], [6, 2]], [[6 - cost, 2 - cost], [6, 2]]]
    receiver = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]
    params = {c: (0, 10)} if isinstance(cost, sp.Symbol) else {}
    return SignallingGame.from_arrays(["1/2", "1/2"], sender, receiver, types=["high", "low"],
                                      messages=["E", "N"], actions=["M", "C"],
                                      parameters=params)


def test_spence_separating_range():
    # Hand derivation: separating (high: E -> M, low: N -> C) needs the low type not to
    # mimic: 2 >= 6 - c, i.e. c >= 4; the high type to educate: 6 - 1 >= 2.  So c >= 4.
    res = solve(spence(), pure=True)
    sep = [e for e in res if e.kind == "separating" and e.sender_strategy() == {
        "high": "E", "low": "N"}]
    assert len(sep) == 1
    assert sep[0].condition.as_set() == sp.Interval.Ropen(4, 10)
    # ... and it survives the Intuitive Criterion wherever it exists
    assert sep[0].intuitive_condition == sep[0].condition


# ---------------------------------------------------------------- Fearon tying hands
def fearon(value=v, tough=q):
    """Defender types L (value 1/8), M (value v), H (value 3/2), uniform; a tough
    challenger (prob. q) always challenges; the soft one is the receiver.  Tying hands
    (a1) makes the defender fight when challenged (war payoff value - 1); without it a
    defender with value < 1 backs down (payoff 0).  Soft challenger: +1 if the defender
    backs down, -1 if it fights, 0 if it does not challenge."""
    def row(val, backs_down_untied):
        untied = 0 if backs_down_untied else val - 1
        return [[untied, tough * untied + (1 - tough) * val],
                [val - 1, tough * (val - 1) + (1 - tough) * val]]
    sender = [row(sp.Rational(1, 8), True), row(value, True), row(sp.Rational(3, 2), False)]
    recv = [[[1, 0], [-1, 0]], [[1, 0], [-1, 0]], [[-1, 0], [-1, 0]]]
    return SignallingGame.from_arrays(
        ["1/3", "1/3", "1/3"], sender, recv, types=["L", "M", "H"], messages=["a0", "a1"],
        actions=["challenge", "not_challenge"], parameters={v: (0, 1), q: (0, 1)},
        assumptions=[q > sp.Rational(1, 8)])


def test_fearon_cutoff_type():
    # Hand derivation: M ties hands iff v - q >= 0 (tied and unchallenged: v - q; untied
    # and challenged: 0), so the cutoff type is v* = q = p_tough * c_D.
    res = solve(fearon(), pure=True, samples=1500)
    cutoff = [e for e in res if e.sender_strategy() == {"L": "a0", "M": "a1", "H": "a1"}
              and e.receiver_strategy() == {"a0": "challenge", "a1": "not_challenge"}]
    assert len(cutoff) == 1
    cond = cutoff[0].condition
    rng = random.Random(3)
    for _ in range(60):
        point = {v: sp.Rational(rng.randint(1, 99), 100), q: sp.Rational(rng.randint(13, 99), 100)}
        if point[v] == point[q]:
            continue
        assert holds(cond, point) == (point[v] > point[q]), point


# ---------------------------------------------------------------- cheap talk, bias b
def cheap_talk(bias=b):
    """Types 0, 1/2, 1 (uniform), two messages, actions on the grid {0, 1/4, 1/2, 3/4, 1};
    sender loss (a - t - b)^2, receiver loss (a - t)^2."""
    types = [sp.Integer(0), sp.Rational(1, 2), sp.Integer(1)]
    acts = [sp.Rational(k, 4) for k in range(5)]
    sender = [[[-(a - t - bias) ** 2 for a in acts] for _ in range(2)] for t in types]
    recv = [[[-(a - t) ** 2 for a in acts] for _ in range(2)] for t in types]
    return SignallingGame.from_arrays(
        ["1/3", "1/3", "1/3"], sender, recv, types=["t0", "t1_2", "t1"], messages=["m1", "m2"],
        actions=[str(a) for a in ["0", "1/4", "1/2", "3/4", "1"]], parameters={bias: (0, 1)})


def test_cheap_talk_informative_threshold():
    # Hand derivation: the partition {0}|{1/2, 1} has actions 0 and 3/4; type 0 must not
    # prefer 3/4: b^2 <= (3/4 - b)^2, i.e. b <= 3/8 (types 1/2 and 1 prefer 3/4 for b >= 0).
    # The partition {0, 1/2}|{1} has actions 1/4 and 1; type 1/2 must not prefer 1:
    # (1/4 - 1/2 - b)^2 <= (1 - 1/2 - b)^2, i.e. b <= 1/8.
    res = solve(cheap_talk(), pure=True)
    def outcome_region(actions):
        regs = [e.condition.as_set() for e in res if e.sender_strategy() is not None
                and tuple(e.receiver_strategy()[e.sender_strategy()[t]]
                          for t in ("t0", "t1_2", "t1")) == actions]
        whole = sp.Interval.open(0, 1)
        regs = [whole if r == sp.UniversalSet else r for r in regs]
        return sp.Union(*regs) if regs else sp.S.EmptySet
    assert outcome_region(("0", "3/4", "3/4")) == sp.Interval.Lopen(0, sp.Rational(3, 8))
    assert outcome_region(("1/4", "1/4", "1")) == sp.Interval.Lopen(0, sp.Rational(1, 8))
    # babbling exists for every bias
    assert outcome_region(("1/2", "1/2", "1/2")) == sp.Interval.open(0, 1)


# ---------------------------------------------------------------- regions vs numeric
@st.composite
def parametric_games(draw):
    n_m, n_a = 2, draw(st.integers(2, 3))
    pay = st.integers(-3, 3)
    u = [[[draw(pay) for _ in range(n_a)] for _ in range(n_m)] for _ in range(2)]
    r = [[[draw(pay) for _ in range(n_a)] for _ in range(n_m)] for _ in range(2)]
    # the parameter enters a few payoff entries linearly
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from([u, r]))
        t, m, a = draw(st.integers(0, 1)), draw(st.integers(0, n_m - 1)), draw(
            st.integers(0, n_a - 1))
        table[t][m][a] = table[t][m][a] + draw(st.sampled_from([1, -1, 2])) * c
    prior = draw(st.sampled_from([[p, 1 - p], ["1/3", "2/3"]]))
    params = {c: (-2, 2)}
    if prior[0] is p:
        params[p] = (0, 1)
    return SignallingGame.from_arrays(prior, u, r, parameters=params)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parametric_games(), st.randoms(use_true_random=False))
def test_regions_agree_with_numeric_solving(game, rnd):
    res = solve(game, pure=True, samples=800)
    syms = sorted(game.free_parameters, key=str)
    for _ in range(6):
        point = {}
        for s in syms:
            lo, hi = game.parameters[s]
            point[s] = sp.Rational(Fraction(rnd.randint(1, 999), 1000)) * (hi - lo) + lo
        if holds(res.undecided, point):  # a line the result says it did not decide
            continue
        numeric = solve(game.subs(point), pure=True)
        expected = {e.label: (e.intuitive_criterion, e.d1) for e in numeric}
        got = {}
        for e in res:
            if holds(e.condition, point):
                got[base(e.label)] = (holds(e.intuitive_condition, point),
                                      holds(e.d1_condition, point))
        assert got == expected, point


def test_numeric_and_parametric_agree_on_full_solve_of_beer_quiche(bq):
    for value in ("1/10", "1/3", "3/5", "9/10"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            numeric = solve(beer_quiche(value))
        point = {p: sp.Rational(value)}
        got = {base(e.label) for e in bq if holds(e.condition, point)}
        assert got == {e.label for e in numeric}


def test_subs_gives_numeric_game_and_checks_range():
    g = beer_quiche(p)
    assert not g.subs({p: sp.Rational(1941, 2000)}).is_parametric
    assert g.subs({"p": "1941/2000"}).prior == (sp.Rational(1941, 2000), sp.Rational(59, 2000))
    with pytest.raises(ParameterError, match="outside"):
        g.subs({p: 2})
    with pytest.raises(ParameterError, match="unknown parameter"):
        g.subs({"z": 1})


def test_undeclared_symbol_is_refused():
    z = sp.Symbol("z")
    with pytest.raises(ParameterError, match="unknown symbol"):
        SignallingGame.from_arrays(["1/2", "1/2"], [[[z]], [[0]]], [[[0]], [[0]]])


def test_conditions_print_as_latex_and_text(bq):
    eq = bq[0]
    assert "p" in str(eq.condition)
    assert eq._repr_latex_().startswith("$")


# ---------------------------------------------------------------- memoised sign dependencies
def test_memoised_results_record_cached_signs():
    # Issue #9, defect 1.  By hand: the receiver is indifferent after the off-path m0 at
    # mu + (1 - mu) p = 1 - mu, i.e. mu(t0) = (1 - p)/(2 - p), a belief only for p <= 1
    # (p < 2).  A sign cached before a memoised computation must still count as one of
    # its dependencies, or the memo is reused where p > 1.
    game = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[0, 1], [0, 3]], [[1, 3], [2, 3]]],
        [[[1, 0], [0, 3]], [[p, 1], [0, 0]]], parameters={p: (-1, 4)})
    res = solve(game)
    eq = res.by_label("t0:m1 t1:m1 | m0:a0+a1 m1:a1")
    assert eq.condition.as_set() == sp.Interval.Lopen(-1, 1)
    at = game.subs({p: sp.Rational(183, 97)})
    assert "t0:m1 t1:m1 | m0:a0+a1 m1:a1" not in {e.label for e in solve(at)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        at_one = solve(game.subs({p: 1}))
    assert "t0:m1 t1:m1 | m0:a0+a1 m1:a1" in {e.label for e in at_one}


def test_sign_oracle_has_no_tolerance():
    # Issue #12: with the weak type's payoff c**10 (beer, duel) the atoms range over
    # ten orders of magnitude; a relative tolerance hid the quiche pools for
    # c < 3**(1/10).  By hand: pooling on quiche with a duel after beer needs
    # c**10 <= 3 (the weak type keeps quiche), so it exists on (0, 3**(1/10)].
    sender = [[[c**10, 2], [1, 3]], [[1, 3], [0, 2]]]
    receiver = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]
    game = SignallingGame.from_arrays(
        ["1/10", "9/10"], sender, receiver, types=["weak", "strong"],
        messages=["beer", "quiche"], actions=["duel", "not_duel"], parameters={c: (0, 10)})
    res = solve(game)
    pools = [e for e in res if e.on_path == {"quiche"}]
    labels = {base(e.label) for e in pools}
    assert labels == {"weak:quiche strong:quiche | beer:duel quiche:not_duel",
                      "weak:quiche strong:quiche | beer:duel+not_duel quiche:not_duel"}
    for x in (sp.Rational(1, 2), sp.Rational(11, 10)):
        pointwise = {e.label for e in solve(game.subs({c: x})) if e.on_path == {"quiche"}}
        assert pointwise == labels
        for label in labels:
            assert any(holds(e.condition, {c: x}) for e in pools if base(e.label) == label)
    pure = res.by_label("weak:quiche strong:quiche | beer:duel quiche:not_duel")
    assert not holds(pure.condition, {c: sp.Rational(12, 10)})
    # the irrational boundary point itself is decided exactly (#9 defect 3): at
    # c**10 = 3 the weak type is indifferent, so the pool still exists
    root = sp.Integer(3) ** sp.Rational(1, 10)
    assert holds(pure.condition, {c: root})
    assert not holds(pure.condition, {c: root + sp.Rational(1, 10**6)})


def test_several_parameters_undecided_holds_every_atom_met(monkeypatch):
    """With several parameters ``res.undecided`` holds wherever any sign atom the
    exploration met vanishes, also atoms asked only by patterns that have no solution on
    any explored branch (their solutions, if any, lie on those zero sets)."""
    seen: list = []
    real = symbolic.explore

    def spy(fn, box, **kw):
        seen.append(kw["cache"])
        return real(fn, box, **kw)

    monkeypatch.setattr(symbolic, "explore", spy)
    game = SignallingGame.from_arrays(
        [p, 1 - p], [[[0, 2], [1, 3]], [[c, c + 2], [0, 2]]],
        [[[1, 0], [c, 0]], [[0, 1], [0, 1]]], parameters={p: (0, 1), c: (0, 2)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = solve(game)
    atoms = {a for cache in seen for a in cache if a.free_symbols}
    assert atoms
    rng = random.Random(0)
    checked = 0
    for a in atoms:
        poly = sp.Poly(a, c)
        if poly.degree() != 1:
            continue
        x = sp.Rational(rng.randint(1, 99), 100)  # p = x, c on the zero set
        y = sp.solve(a.subs(p, x), c)
        if len(y) == 1 and y[0].is_Rational:
            assert holds(res.undecided, {p: x, c: y[0]}), a
            checked += 1
    assert checked >= 2


def test_several_parameters_report_what_is_undecided():
    # Two parameters: the solver explores open cells only; the zero sets of the sign
    # atoms (here the line p = 1/2 where the receiver is indifferent at the prior) must be
    # reported as undecided, never silently claimed false or true.
    game = SignallingGame.from_arrays(
        [p, 1 - p], [[[0, 2], [1, 3]], [[c, c + 2], [0, 2]]],
        [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["weak", "strong"],
        messages=["beer", "quiche"], actions=["duel", "not_duel"],
        parameters={p: (0, 1), c: (0, 2)})
    res = solve(game)
    assert res.undecided is not sp.false
    assert holds(res.undecided, {p: sp.Rational(1, 2), c: sp.Rational(1, 3)})
    assert not holds(res.undecided, {p: sp.Rational(1, 3), c: sp.Rational(1, 3)})
    assert any("undecided" in n for n in res.notes)
    for e in res:
        assert holds(e.undecided, {p: sp.Rational(1, 2), c: sp.Rational(1, 3)}) or \
            e.undecided is sp.false
    # off the undecided set the conditions agree with point-wise solving
    point = {p: sp.Rational(1, 3), c: sp.Rational(1, 3)}
    here = {base(e.label) for e in res if holds(e.condition, point)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert here == {e.label for e in solve(game.subs(point))}


def test_family_refinements_describe_the_whole_family():
    # Issue #9, defect 5.  Beer-quiche at prior 1/2, pooling on quiche with a duel after
    # beer, the receiver mixing after quiche with r = rho[quiche, duel] in (0, 1/2].
    # By hand: payoffs weak 3 - 2r, strong 2 - 2r.  The strong type can get 3 from beer,
    # the weak type at most 2: for r < 1/2 only the weak type is excluded from beer, the
    # strong type then gets 3 > 2 - 2r and the outcome fails the Intuitive Criterion; at
    # r = 1/2 no type is excluded and a duel after beer gives the strong type 1 = 2 - 2r,
    # not more, so it passes.  D1 fails at every r.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = solve(beer_quiche("1/2"))
    parts = [e for e in res
             if base(e.label) == "weak:quiche strong:quiche | beer:duel quiche:duel+not_duel"]
    assert len(parts) == 2
    fam = next(e for e in parts if e.is_family)
    point = next(e for e in parts if not e.is_family)
    assert point.receiver["quiche"]["duel"] == sp.Rational(1, 2)
    assert point.intuitive_criterion is True and point.d1 is False
    assert fam.intuitive_criterion is False and fam.d1 is False
    r = sp.Symbol("rho[quiche,duel]")
    assert 0 < fam.receiver["quiche"]["duel"] < sp.Rational(1, 2)
    assert not bool(fam.family.constraint.xreplace(
        {r: sp.Rational(1, 2), sp.Symbol("rho[quiche,not_duel]"): sp.Rational(1, 2)}))


def _random_conjunction(rng, x) -> sp.Basic:
    """One to three relations of random linear or quadratic polynomials in ``x`` with 0
    (strict, weak, equalities; many shared roots)."""
    rels = []
    for _ in range(rng.randint(1, 3)):
        e = (x**2 if rng.random() < 0.3 else 0) + rng.randint(-3, 3) * x \
            + rng.randint(-4, 4)
        if not e.has(x):
            e = x - rng.randint(-1, 2)
        op = rng.choice([sp.StrictGreaterThan, sp.StrictLessThan, sp.Eq,
                         sp.GreaterThan, sp.LessThan])
        rels.append(op(e, 0))
    return sp.And(*rels)


@pytest.mark.parametrize("seed", range(4))
def test_condition_set_1d_against_direct_evaluation(seed):
    """The exact set where some condition holds (its runs of pieces joined by hand) has
    exactly the points where a condition evaluates true: at every root of every atom
    (rational or irrational) and at rational points between and beyond them."""
    rng = random.Random(seed)
    x = sp.Symbol("x")
    for _ in range(25):
        conds = []
        for _ in range(rng.randint(1, 4)):
            conds.append(_random_conjunction(rng, x))
        roots = sorted({r for c in conds for rel in c.atoms(sp.core.relational.Relational)
                        for r in sp.Poly(rel.lhs - rel.rhs, x).real_roots()
                        if -3 < r < 3}, key=float)
        # isolated points where the set holds too: roots of the atoms (written as
        # sympy's roots or as radicals), other numbers, and the range's closed ends
        extra = [(sp.Rational(rng.randint(-8, 8), 3), None) for _ in range(rng.randint(0, 2))]
        extra += [(sp.sqrt(2) - 1, sp.Poly(x**2 + 2 * x - 1, x)), (sp.Integer(3), None)][
            :rng.randint(0, 2)]
        if roots and rng.random() < 0.7:
            r = rng.choice(roots)
            if not r.is_Rational:
                extra.append((r, sp.Poly(sp.minimal_polynomial(r, x), x)))
                r = sp.nsimplify(sp.radsimp(r.evalf(50)), [sp.sqrt(k) for k in range(2, 30)])
                if sp.minimal_polynomial(r - extra[-1][0], x) == x:  # the same number
                    extra.append((r, extra[-1][1]))
            else:
                extra.append((r, None))
        # and points where it does not: other roots, and rational points
        off = [(r, None if r.is_Rational else sp.Poly(sp.minimal_polynomial(r, x), x))
               for r in roots if rng.random() < 0.3]
        off += [(sp.Rational(rng.randint(-20, 20), 7), None) for _ in range(rng.randint(0, 2))]
        found = condition_set_1d(conds, x, {x: (-3, 3)}, extra, off)
        probes = roots + [e for e, _ in extra + off] + \
            [sp.Rational(k, 7) for k in range(-20, 21)]
        for pt in probes:
            if any(_same_number(pt, e) for e, _ in extra):
                truth = -3 < pt < 3
            elif any(_same_number(pt, e) for e, _ in off):
                truth = False
            else:
                truth = -3 < pt < 3 and any(bool(c.xreplace({x: pt})) for c in conds)
            assert bool(found.contains(pt)) == truth, (conds, extra, off, pt, found)


def _same_number(a, b) -> bool:
    """Whether two real algebraic numbers are equal (exactly)."""
    if a.is_Rational or b.is_Rational:
        return a == b
    return sp.minimal_polynomial(a - b, sp.Symbol("z")) == sp.Symbol("z")


@pytest.mark.parametrize("seed", range(3))
def test_union_conditions_against_sympy_as_set(seed):
    """The union of a solve's piece conditions (conjunctions of polynomial sign atoms and
    points ``Eq(p, x)``, rational or irrational) is read exactly, without sympy's
    ``as_set``: it holds at the same points as sympy's own union of the conditions' sets,
    at every root of every atom and at rational points between and beyond them."""
    rng = random.Random(seed)
    x = sp.Symbol("x")
    for _ in range(12):
        conds = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.25:
                conds.append(sp.Eq(x, rng.choice([sp.Rational(rng.randint(-5, 5), 2),
                                                  sp.sqrt(2), 1 - sp.sqrt(3)])))
                continue
            conds.append(_random_conjunction(rng, x))
        if sp.Or(*conds).free_symbols != {x}:
            continue
        found = union_conditions(conds)
        reference = sp.Union(*(c.as_set() for c in conds))
        roots = {r for c in conds for rel in c.atoms(sp.core.relational.Relational)
                 for r in (sp.Poly(rel.lhs - rel.rhs, x).real_roots()
                           if (rel.lhs - rel.rhs).is_polynomial(x) and
                           sp.Poly(rel.lhs - rel.rhs, x).domain == sp.ZZ
                           else sp.solve(rel.lhs - rel.rhs, x))}
        for pt in sorted(roots, key=float) + [sp.Rational(k, 7) for k in range(-28, 29)]:
            truth = found if isinstance(found, sp.logic.boolalg.BooleanAtom) \
                else found.xreplace({x: pt})
            assert bool(sp.simplify(truth)) == bool(reference.contains(pt)), (conds, pt)


def test_piecewise_joins_a_point_to_the_cell_with_its_value():
    """A point between cells whose value is a cell's expression there joins that cell's
    piece (no ``Piecewise`` branch of its own), decided exactly, at an irrational point
    too; a point with another value keeps its own branch.  Each piece's value is the
    joined expression's on the piece's condition."""
    template = solve(beer_quiche("1/10"))[0]
    p = sp.Symbol("p")
    r = sp.sqrt(2) - 1
    half = sp.Rational(1, 2)
    values = [(sp.And(p > 0, p < r), p / 2), (sp.Eq(p, r), r / 2),
              (sp.And(p > r, p < 1), p / 2), (sp.Eq(p, 1), half),
              (sp.And(p > 1, p < 2), 1 - p / 2), (sp.Eq(p, 2), sp.Integer(7))]
    joined = piecewise([(c, map_values(template, lambda v, x=x: x)) for c, x in values])
    value = joined.receiver_payoff
    assert isinstance(value, sp.Piecewise) and len(value.args) == 3  # p/2, 1 - p/2, 7
    for cond, x in values:
        points = [cond.rhs] if isinstance(cond, sp.Eq) else \
            [a + (b - a) * sp.Rational(k, 5) for a, b in [sorted(
                (rel.rhs for rel in cond.args), key=float)] for k in range(1, 5)]
        for pt in points:
            assert sp.simplify(value.subs(p, pt) - x.subs(p, pt)) == 0, (cond, pt)
    # one value everywhere but at the points, which agree: no Piecewise at all
    same = [(sp.And(p > 0, p < 1), 2 * p), (sp.Eq(p, 1), sp.Integer(2)),
            (sp.And(p > 1, p < 3), 2 * p), (sp.Eq(p, r), 2 * r)]
    joined = piecewise([(c, map_values(template, lambda v, x=x: x)) for c, x in same])
    assert joined.receiver_payoff == 2 * p
    # a cell's expression undefined at the point (0/0 there): the point keeps its branch
    pole = [(sp.And(p > 0, p < 1), (p ** 2 - p) / (p - 1)),
            (sp.Eq(p, 1), sp.Integer(1))]
    value = piecewise([(c, map_values(template, lambda v, x=x: x))
                       for c, x in pole]).receiver_payoff
    assert isinstance(value, sp.Piecewise) and value.subs(p, 1) == 1


def test_piecewise_asks_its_callers_exact_test_first():
    """``equal_at`` (the caller's exact test at a point, e.g. the numbers of a run
    there) decides whether a point joins a cell's piece wherever it answers; where it
    answers None the package's algebraic sign decides."""
    template = solve(beer_quiche("1/10"))[0]
    p = sp.Symbol("p")
    r = sp.sqrt(2) - 1
    values = [(sp.And(p > 0, p < r), p / 2), (sp.Eq(p, r), r / 2),
              (sp.And(p > r, p < 1), 1 - p)]
    pieces = [(c, map_values(template, lambda v, x=x: x)) for c, x in values]
    asked = []

    def never(expr, cond, value):
        asked.append(cond)
        return False

    def value_of(**kw):
        return piecewise(pieces, **kw).receiver_payoff
    assert len(value_of().args) == 2  # r/2 is p/2 at r: absorbed
    assert len(value_of(equal_at=never).args) == 3
    assert asked and set(asked) == {sp.Eq(p, r)}  # asked at the point only
    assert len(value_of(equal_at=lambda *a: None).args) == 2
