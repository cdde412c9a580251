"""The flagship's speed paths give exactly what the plain paths give.

* ``belief_posteriors.receiver_supports`` (receiver supports that cannot be best responses
  at a message's possible posteriors are dropped before the pattern loop) and
  ``belief_posteriors.indifference_possible`` (a mixing type's payoff ranges at its purely
  answered messages must meet): the solve with and without each is the same,
  structurally (``srepr``), on random belief-dependent games (ties, kinks, quadratics)
  and on flagship points;
* ``belief_fast.sign_sets`` (the three sign sets of a function from one sign chart, read
  by ``BeliefGame._relation`` for both orders of an action pair) equals three calls of the
  previous ``solve_rel`` (kept here as the reference) and the pointwise signs;
* the game validation's one-walk check of plain payoffs (``game._plain_payoff``) builds
  the same game as ``to_exact`` and still refuses every bad payoff;
* ``payoffs._lin`` builds the same sympy expressions as sympy's arithmetic;
* off-path belief sets built on first read equal the eager ones and pickle.
"""

from __future__ import annotations

import pickle
import random
from dataclasses import replace
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_belief_fast import _box_point, belief_games

from alliance_games import SignallingGame, belief, solve
from alliance_games import game as game_module
from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.analysis import full_point
from alliance_games.alliance.model import alliance_game
from alliance_games.beliefs import BeliefSet
from alliance_games.errors import InvalidGameError, ParameterError, UnsupportedGameError
from alliance_games.numbers import degree
from alliance_games.solving import belief_engine, belief_fast
from alliance_games.solving.belief_fast import (
    PW,
    X_PW,
    _normal,
    _peval,
    _proots,
    sign_sets,
    solve_rel,
)
from alliance_games.solving.belief_payoffs import solve_belief_game
from alliance_games.solving.quadratic import OutsideFastType, qcmp, qsign, rational_between

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def _canon(x):
    """A structural fingerprint of a result: sympy values by ``srepr``, belief sets by
    their region, constraints, point and text, everything else by ``repr``."""
    if isinstance(x, BeliefSet):
        return ("set", _canon(x.region), _canon(x.constraints), _canon(x.point), str(x))
    if isinstance(x, sp.Basic):
        return sp.srepr(x)
    if isinstance(x, (set, frozenset)):
        return tuple(sorted(map(_canon, x)))
    if hasattr(x, "items"):
        return tuple((_canon(k), _canon(v)) for k, v in x.items())
    if isinstance(x, (list, tuple)):
        return tuple(_canon(v) for v in x)
    return repr(x)


def _fingerprint(result) -> tuple:
    return tuple((e.label, e.kind, e.method, _canon(e.sender), _canon(e.receiver),
                  _canon(e.beliefs), _canon(e.on_path), _canon(e.sender_payoffs),
                  _canon(e.receiver_payoff), e.intuitive_criterion, e.d1, e.notes, str(e))
                 for e in result)


def _skip_pattern(S, B):
    """A fallback that drops a pattern outside the fast types (the general path is too
    slow for the suite on cubic games); the same with and without the speed paths."""
    return None


def _outcome(game, fast_only: bool = False, **kw) -> tuple:
    """The solve's fingerprint, or the error it raises (it must fail alike with and
    without the speed paths); ``fast_only``: the fast engine alone (_skip_pattern)."""
    try:
        if fast_only:
            return _fingerprint(belief_fast.solve_fast(game, fallback=_skip_pattern, **kw))
        return _fingerprint(solve_belief_game(game, **kw))
    except Exception as exc:  # noqa: BLE001 - compared, not hidden
        return ("raises", type(exc).__name__, str(exc))


def _plain_variants(game, **kw) -> list:
    """The solve with the speed paths (first), then without each of them."""
    out = [_outcome(game, **kw)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(belief_engine, "receiver_supports", lambda gd, S, act_sets: act_sets)
        out.append(_outcome(game, **kw))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(belief_fast, "FAST", replace(belief_fast.FAST, sign_sets=None))
        out.append(_outcome(game, **kw))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(belief_engine, "indifference_possible", lambda *args: True)
        out.append(_outcome(game, **kw))
    return out


# ------------------------------------------------------------------ the pattern loop
@SETTINGS
@given(belief_games())
def test_pruned_patterns_and_paired_relations_change_nothing_on_random_games(game):
    ours, *plain = _plain_variants(game)
    for other in plain:
        assert ours == other


@SETTINGS
@given(belief_games(rich=True))
def test_pruning_on_kinked_and_quadratic_games(game):
    ours, *plain = _plain_variants(game, fast_only=True)
    for other in plain:
        assert ours == other


@SETTINGS
@given(belief_games(), st.booleans())
def test_pruning_on_pure_solves(game, refine):
    ours, *plain = _plain_variants(game, pure=True, refine=refine)
    for other in plain:
        assert ours == other


@settings(SETTINGS, max_examples=6)
@given(belief_games(), st.booleans())
def test_pruning_on_the_general_path(game, pure):
    ours = _outcome(game, pure=pure, fast=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(belief_engine, "receiver_supports", lambda gd, S, act_sets: act_sets)
        mp.setattr(belief_engine, "indifference_possible", lambda *args: True)
        assert _outcome(game, pure=pure, fast=False) == ours


def test_pruned_patterns_change_nothing_on_flagship_points():
    games = [alliance_game()]
    rng = random.Random(20261201)
    while len(games) < 9:
        theatre = rng.choice(["land", "sea", None])
        point = _box_point(rng)
        if theatre is not None:        # the theatre sets the water share s_w
            del point["s_w"]
        game = alliance_game(point, theatre=theatre)
        if game.has_belief_payoffs:
            games.append(game)
    for game in games:
        ours, *plain = _plain_variants(game)
        for other in plain:
            assert ours == other


def test_indifference_check_keeps_every_solved_mixed_pattern():
    games = [alliance_game({"a": a}) for a in ("7/3", "1/2", "4")]
    act_sets = [(0,), (1,), (2,), (0, 1), (0, 2), (1, 2), (0, 1, 2)]
    for game in games:
        gd = belief_fast.fast_game(game)
        for S in [((0, 1), (0,)), ((0, 1), (1,)), ((0,), (0, 1)), ((1,), (0, 1)),
                  ((0, 1), (0, 1))]:
            for B in [(b0, b1) for b0 in act_sets for b1 in act_sets]:
                with pytest.MonkeyPatch.context() as mp:
                    mp.setattr(belief_engine, "indifference_possible", lambda *args: True)
                    try:
                        plain = belief_engine.pattern_solution(gd, S, B)
                    except OutsideFastType:
                        continue
                if plain is not None:
                    assert belief_engine.pattern_solution(gd, S, B) is not None


def test_receiver_supports_keep_what_the_pattern_solver_accepts():
    gd = belief_fast.fast_game(alliance_game())
    act_sets = [[(0,), (1,), (2,), (0, 1), (0, 2), (1, 2), (0, 1, 2)]] * 2
    for S in [((0,), (0,)), ((0,), (1,)), ((0, 1), (1,)), ((0, 1), (0, 1))]:
        kept = belief_engine.receiver_supports(gd, S, act_sets)
        for B0 in act_sets[0]:
            for B1 in act_sets[1]:
                if belief_engine.pattern_solution(gd, S, (B0, B1)) is not None:
                    assert B0 in kept[0] and B1 in kept[1]


# ------------------------------------------------------------------ sign sets
def _reference_solve_rel(f: PW, kind: str):
    """``solve_rel`` as it was before the sign chart (the reference)."""
    out = []
    for k, p in enumerate(f.polys):
        lo, hi = f.breaks[k], f.breaks[k + 1]
        if not p:
            out.append((lo, hi, True, True))
            continue
        if len(p) == 1:
            s = qsign(p[0])
            if kind == "ge" and s >= 0:
                out.append((lo, hi, True, True))
            continue
        pts = [lo] + [r for r in _proots(p) if qcmp(r, lo) > 0 and qcmp(r, hi) < 0] + [hi]
        for i, b in enumerate(pts):
            s = 0 if 0 < i < len(pts) - 1 else qsign(_peval(p, b))
            if s == 0 or (kind == "ge" and s > 0):
                out.append((b, b, True, True))
            if i + 1 < len(pts) and kind == "ge":
                if qsign(_peval(p, rational_between(b, pts[i + 1]))) > 0:
                    out.append((b, pts[i + 1], False, False))
    return _normal(out)


_ROOTS = st.sampled_from([Fraction(0), Fraction(1), Fraction(1, 2), Fraction(1, 3),
                          Fraction(-1), Fraction(7, 5), Fraction(2, 7)])


@st.composite
def piecewise(draw):
    """Products of linear factors with roots at, inside and outside ``[0, 1]`` (double
    roots, ties), plus irrational roots, constants, zero pieces and Min/Max kinks."""
    def poly():
        kind = draw(st.sampled_from(["roots", "roots", "quad", "const", "zero"]))
        if kind == "zero":
            return PW.const(Fraction(0))
        if kind == "const":
            return PW.const(Fraction(draw(st.integers(-2, 2))))
        if kind == "quad":  # irrational roots in general
            c = [Fraction(draw(st.integers(-5, 5)), draw(st.integers(1, 4))) for _ in range(3)]
            return c[0] + c[1] * X_PW + c[2] * X_PW * X_PW
        f = PW.const(Fraction(draw(st.sampled_from([-2, -1, 1, 3]))))
        for _ in range(draw(st.integers(1, 2))):
            f = f * (X_PW - draw(_ROOTS))
        return f

    f = poly()
    for _ in range(draw(st.integers(0, 2))):
        g, larger = poly(), draw(st.booleans())
        try:
            f = f.extreme(g, larger)
        except OutsideFastType:  # an irrational kink: not a fast function
            pass
    return f


@settings(max_examples=300, deadline=None, derandomize=True)
@given(piecewise())
def test_sign_sets_equal_the_previous_solve_rel_and_the_pointwise_signs(f):
    ge, le, eq = sign_sets(f)
    assert ge == _reference_solve_rel(f, "ge") == solve_rel(f, "ge")
    assert le == _reference_solve_rel(-f, "ge") == solve_rel(-f, "ge")
    assert eq == _reference_solve_rel(f, "eq") == solve_rel(f, "eq")
    for k in range(61):
        x = Fraction(k, 60)
        s = qsign(f(x))
        assert (ge.contains(x), le.contains(x), eq.contains(x)) == (s >= 0, s <= 0, s == 0)


def test_paired_relations_equal_one_solve_per_order():
    game = alliance_game({"a": "7/3"})
    gd = belief_fast.fast_game(game)
    ref = belief_fast.fast_game(game)
    ref.ctx = replace(ref.ctx, sign_sets=None)
    for m in range(2):
        for a in range(3):
            for a2 in range(3):
                for kind in ("ge", "eq"):
                    if a != a2 and (kind == "ge" or a < a2):
                        assert gd._relation(m, a, a2, kind) == ref._relation(m, a, a2, kind)
        for B in [(0,), (1,), (2,), (0, 1), (0, 2), (1, 2), (0, 1, 2)]:
            assert gd.br_region(m, B) == ref.br_region(m, B)


# ------------------------------------------------------------------ game validation
MU = belief("H")


def _game(entry, params=None):
    return SignallingGame.from_arrays(["1/2", "1/2"], [[[entry, 0]], [[1, MU]]],
                                      [[[0, 1]], [[1, 0]]], types=["L", "H"],
                                      parameters=params)


@pytest.mark.parametrize("entry", [
    MU, 3 * MU - sp.Rational(1, 7), sp.Min(1, 2 * MU) * sp.Rational(-5, 3) + 2,
    sp.Max(MU, 1 - MU) ** 2, MU ** 10, sp.Rational(10**900, 3) * MU, 0.5 * MU + 1,
    sp.Min(MU, sp.Rational(1, 2), evaluate=False)])
def test_plain_payoffs_build_the_same_game(entry, monkeypatch):
    fast = _game(entry)
    monkeypatch.setattr(game_module, "_plain_payoff", lambda x, where: None)
    slow = _game(entry)
    assert _canon(fast.sender_payoffs) == _canon(slow.sender_payoffs)
    assert _canon(fast.receiver_payoffs) == _canon(slow.receiver_payoffs)
    assert (fast.prior, fast.types, fast.actions) == (slow.prior, slow.types, slow.actions)


@pytest.mark.parametrize("entry, error, words", [
    (MU ** 11, InvalidGameError, "degree 11 in the beliefs"),
    (sp.Rational(1, 10**1001) * MU, InvalidGameError, "more than 1000 digits"),
    (sp.Min(1, sp.Rational(10**1001, 3) * MU), InvalidGameError, "more than 1000 digits"),
    (sp.Symbol("x") + MU, ParameterError, "unknown symbol"),
    (sp.sqrt(2) * MU, InvalidGameError, "irrational"),
    (sp.Min(1, MU, evaluate=False) * sp.Min(1, 2, evaluate=False), InvalidGameError,
     "irrational"),
    (sp.zoo * MU, InvalidGameError, "not a finite number"),
])
def test_bad_payoffs_are_still_refused(entry, error, words):
    with pytest.raises(error, match=words):
        _game(entry)


def test_parameters_in_plain_payoffs_get_the_full_checks():
    p = sp.Symbol("p")
    with pytest.raises(UnsupportedGameError):
        _game(sp.Min(p, MU), {p: (0, 1)})
    assert _game(p * MU + 1, {p: (0, 1)}).is_parametric


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.recursive(
    st.sampled_from([MU, belief("L"), sp.Rational(3, 7), sp.Integer(-2), sp.Integer(1)]),
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda a: a[0] + a[1]),
        st.tuples(inner, inner).map(lambda a: a[0] * a[1]),
        st.tuples(inner, st.integers(1, 3)).map(lambda a: a[0] ** a[1]),
        st.tuples(inner, inner).map(lambda a: sp.Min(a[0], a[1], evaluate=False)),
        st.tuples(inner, inner).map(lambda a: sp.Max(*a))),
    max_leaves=8))
def test_plain_payoff_degree_is_the_validation_degree(expr):
    plain = game_module._plain_payoff(expr, "x")
    if plain is not None:
        assert plain == (frozenset(expr.free_symbols), degree(expr))


# ------------------------------------------------------------------ payoff expressions
@pytest.mark.parametrize("x", [pay.MU_H, sp.Min(1, sp.Rational(1, 3) + 2 * pay.MU_H,
                                                evaluate=False)])
def test_lin_is_sympys_arithmetic(x):
    rng = random.Random(7)
    values = [Fraction(0), Fraction(1), Fraction(-1), Fraction(2)] + [
        Fraction(rng.randint(-10**30, 10**30), rng.randint(1, 10**20)) for _ in range(20)]
    for a in values:
        for b in values:
            want = pay._rat(a) + pay._rat(b) * x
            got = pay._lin(a, b, x)
            assert sp.srepr(got) == sp.srepr(want) and got == want and hash(got) == hash(want)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fast_payoff_tables_are_the_general_expressions(seed):
    pt = full_point(_box_point(random.Random(seed)))
    fast = pay.payoff_tables(point=pt)
    slow = pay.payoff_tables(point=pt, fast=False)
    assert _canon(fast) == _canon(slow)


# ------------------------------------------------------------------ lazy belief sets
def test_off_path_belief_sets_are_built_on_first_read_and_pickle():
    eq = solve(alliance_game())[0]
    lazy = eq.beliefs["cs"]
    assert type(lazy).__name__ == "LazyBeliefSet"
    mu_l, mu_h = alliance_game().belief_symbols
    assert str(lazy) == "mu(L) in [4541599/14687750, 1]"
    assert lazy.constraints == (lazy.region.as_relational(mu_l), sp.Eq(mu_l + mu_h, 1))
    again = pickle.loads(pickle.dumps(solve(alliance_game())[0]))
    assert type(again.beliefs["cs"]) is BeliefSet
    assert again.beliefs["cs"].constraints == lazy.constraints
    assert again.beliefs["cs"].region == lazy.region
    assert replace(lazy, point=lazy.point).constraints == lazy.constraints
