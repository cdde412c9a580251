"""The pure solve's fast paths agree with the slow exact ones on random games (ties included).

* ``pure_profiles`` (the packed bit-set search) against a brute force over every pure
  profile, on games whose messages have different numbers of actions (the packed fields
  then have gaps), with one type, one message or one action, and with many ties;
* :class:`~alliance_games.solving.assemble.PureAssembler` (parts shared between
  equilibria, belief sets lazy) against :func:`build_equilibrium` on the same profile's
  pattern solution, built eagerly as before: every field, the printed text, LaTeX,
  pickling and ``verify``.
"""

from __future__ import annotations

import pickle
from fractions import Fraction

import pytest
import sympy as sp
from _random_games import ragged_game
from test_speed_paths import brute_pure

from alliance_games import SignallingGame, solve, verify
from alliance_games.beliefs import BeliefSet
from alliance_games.equilibrium import Equilibrium
from alliance_games.solving.assemble import (
    LazyBeliefSet,
    PureAssembler,
    build_equilibrium,
    scaled_prior,
)
from alliance_games.solving.context import NUMERIC
from alliance_games.solving.patterns import PatternSolution
from alliance_games.solving.pure import pure_equilibria, pure_profiles
from alliance_games.solving.refinements import passes_d1, passes_intuitive
from alliance_games.solving.tables import Tables, br_point, br_system

METHOD = "enumeration of pure profiles (exact)"


SHAPES = [(1, (3, 2)), (2, (1, 3)), (2, (3, 1, 2)), (3, (2, 4)), (3, (1, 2, 3)),
          (2, (4, 2, 3)), (4, (3, 1)), (3, (3, 3, 2)), (2, (2, 2, 2, 2)), (1, (2,)),
          (3, (1,)), (5, (2, 2))]
CASES = [(seed, *SHAPES[seed % len(SHAPES)]) for seed in range(48)]


@pytest.mark.parametrize(("seed", "n_t", "n_a"), CASES)
def test_pure_profiles_match_brute_force_on_ragged_games(seed, n_t, n_a):
    spread = (1, 2, 6)[seed % 3]  # a narrow range makes ties (indifferences) common
    game = ragged_game(seed, n_t, n_a, spread, fractions=seed % 4 == 3)
    tb = Tables.from_game(game, NUMERIC)
    found = pure_profiles(tb)
    assert sorted(found) == brute_pure(tb)
    assert len(set(found)) == len(found)


def eager_equilibria(game: SignallingGame, refine: bool) -> list[Equilibrium]:
    """The pure equilibria assembled one by one by :func:`build_equilibrium` (the way
    the pure solve did before it shared parts between equilibria)."""
    tb = Tables.from_game(game, NUMERIC)
    n_t, n_m = tb.n_types, tb.n_messages
    everyone = tuple(range(n_t))
    out = []
    for s, r in pure_profiles(tb):
        on = sorted(set(s))
        values = [tb.u[t][s[t]][r[s[t]]] for t in range(n_t)]
        posteriors = {}
        for m in on:
            total = sum(tb.prior[t] for t in range(n_t) if s[t] == m)
            posteriors[m] = [tb.prior[t] / total if s[t] == m else sp.S.Zero
                             for t in range(n_t)]
        off = {m: (br_system(NUMERIC, tb, m, (r[m],), everyone),
                   br_point(NUMERIC, tb, m, (r[m],), everyone))
               for m in range(n_m) if m not in posteriors}
        sol = PatternSolution(tuple((m,) for m in s), tuple((a,) for a in r),
                              {(t, s[t]): NUMERIC.one for t in range(n_t)},
                              {(m, r[m]): NUMERIC.one for m in range(n_m)}, values,
                              posteriors, off, None, [], None, [], {}, {})
        ic = d1 = None
        if refine:
            ic = passes_intuitive(NUMERIC, tb, set(on), values)
            d1 = passes_d1(NUMERIC, tb, set(on), values)
        out.append(build_equilibrium(NUMERIC, game, tb, sol, ic=ic, d1=d1,
                                     ic_condition=sp.sympify(bool(ic)),
                                     d1_condition=sp.sympify(bool(d1)), method=METHOD))
    return out


def canon(x):
    """A comparable form that keeps types (``srepr``) and the order of mappings."""
    if isinstance(x, BeliefSet):
        return ("belief set", x.types, canon(x.constraints), canon(x.vertices),
                canon(x.point), canon(x.region), str(x), x.to_latex())
    if isinstance(x, sp.Basic):
        return sp.srepr(x)
    if hasattr(x, "items"):
        return (type(x).__name__, tuple((canon(k), canon(v)) for k, v in x.items()))
    if isinstance(x, (tuple, list)):
        return tuple(canon(v) for v in x)
    if isinstance(x, (set, frozenset)):  # iteration order is not kept by pickling
        return (type(x).__name__, tuple(sorted(repr(canon(v)) for v in x)))
    return (type(x).__name__, repr(x))


FIELDS = ["sender", "receiver", "beliefs", "kind", "on_path", "sender_payoffs",
          "receiver_payoff", "intuitive_criterion", "d1", "condition", "intuitive_condition",
          "d1_condition", "family", "label", "method", "notes", "undecided"]

ASSEMBLY_CASES = [(seed, *SHAPES[(seed * 5) % len(SHAPES)]) for seed in range(16)]


@pytest.mark.parametrize(("seed", "n_t", "n_a"), ASSEMBLY_CASES)
def test_shared_assembly_equals_eager_assembly(seed, n_t, n_a):
    refine = seed % 2 == 0
    game = ragged_game(seed, n_t, n_a, (1, 3)[seed % 2], fractions=seed % 3 == 2)
    fast = solve(game, pure=True, refine=refine, progress=False)
    slow = eager_equilibria(game, refine)
    assert fast.method == METHOD and len(fast) == len(slow)
    for f, e in zip(fast, slow):
        assert type(f) is Equilibrium
        for name in FIELDS:
            assert canon(getattr(f, name)) == canon(getattr(e, name)), name
        for m, b in f.beliefs.items():
            if m not in f.on_path:
                assert isinstance(b, LazyBeliefSet)
        assert str(f) == str(e) and repr(f) == repr(e) and f.to_latex() == e.to_latex()
        assert f.to_dict() == e.to_dict()
        back = pickle.loads(pickle.dumps(f))
        assert all(canon(getattr(back, n)) == canon(getattr(f, n)) for n in FIELDS)
    assert str(fast) == "\n".join([f"{len(slow)} equilibria ({METHOD})"]
                                  + [e.describe() for e in slow])
    for eq in fast[:4]:
        assert verify(game, eq).ok


def test_equilibria_share_their_parts():
    game = ragged_game(7, 3, (2, 2, 2), 1)
    eqs = pure_equilibria(game, Tables.from_game(game, NUMERIC), refine=False)
    assert len(eqs) > 2
    rows = {id(row) for eq in eqs for row in eq.sender.values()}
    assert len(rows) <= len(game.messages)  # one row per message sent
    sets = {}
    for eq in eqs:
        for m, b in eq.beliefs.items():
            if m not in eq.on_path:
                a = eq.receiver_strategy()[m]
                assert sets.setdefault((m, a), b) is b  # one set per (message, action)


def test_shared_rows_are_read_only():
    game = ragged_game(3, 2, (2, 2), 2)
    eq = PureAssembler(game, Tables.from_game(game, NUMERIC), METHOD)((0, 1), (0, 0),
                                                                       ic=None, d1=None)
    with pytest.raises(TypeError):
        eq.sender["t0"]["m0"] = 0  # type: ignore[index]
    with pytest.raises(TypeError):
        eq.beliefs["m0"]["t0"] = 0  # type: ignore[index]


def test_scaled_prior():
    assert scaled_prior([Fraction(1, 4), Fraction(3, 4)]) == ([1, 3], 4)
    assert scaled_prior([Fraction(1)]) == ([1], 1)
