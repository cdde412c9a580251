"""Property tests of ``solve`` on random games, checked against independent references.

* every equilibrium ``solve`` reports passes the independent verifier;
* the pure PBE equal a brute-force enumeration written here (all pure profiles; on-path
  beliefs by Bayes' rule, off-path: some belief in the simplex makes the action optimal,
  decided exactly by enumerating candidate vertices with Cramer's rule);
* results do not change under reordering types/messages/actions or positive affine
  transforms of either player's payoffs.
"""

from __future__ import annotations

import json
import warnings
from fractions import Fraction
from itertools import combinations, product
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import affine_transforms, games, relabellings

from alliance_games import solve
from alliance_games.errors import ParameterError
from alliance_games.game import SignallingGame, belief
from alliance_games.verify import verify

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _solve(game: SignallingGame, pure: bool = False):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tuple(solve(game, pure=pure))


# ----------------------------------------------------------------------------- brute force


def _f(x: sp.Expr) -> Fraction:
    x = sp.nsimplify(x)
    return Fraction(int(x.p), int(x.q))


def _det(m: list[list[Fraction]]) -> Fraction:
    if len(m) == 1:
        return m[0][0]
    return sum(((-1) ** j * m[0][j] * _det([r[:j] + r[j + 1:] for r in m[1:]])
                for j in range(len(m)) if m[0][j]), Fraction(0))


def _some_belief(n: int, ineqs: list[list[Fraction]]) -> bool:
    """Is ``{mu in simplex: c . mu >= 0 for c in ineqs}`` nonempty?  (Exact, by vertices.)"""
    cons = [[Fraction(int(i == j)) for j in range(n)] for i in range(n)] + ineqs
    ones = [Fraction(1)] * n
    for chosen in combinations(cons, n - 1):
        a = [ones] + [list(c) for c in chosen]
        d = _det(a)
        if d == 0:
            continue
        b = [Fraction(1)] + [Fraction(0)] * (n - 1)
        x = [_det([r[:i] + [b[k]] + r[i + 1:] for k, r in enumerate(a)]) / d for i in range(n)]
        if all(sum(c[i] * x[i] for i in range(n)) >= 0 for c in cons):
            return True
    return False


def brute_force_pure(game: SignallingGame) -> set[tuple]:
    """All pure PBE profiles as (frozenset{(type, message)}, frozenset{(message, action)})."""
    T, M = game.types, game.messages
    n = len(T)
    prior = [_f(p) for p in game.prior]
    us = [[[_f(x) for x in row] for row in rows] for rows in game.sender_payoffs]
    ur = [[[_f(x) for x in row] for row in rows] for rows in game.receiver_payoffs]
    acts = [range(len(a)) for a in game.actions]

    off_ok: dict[tuple[int, int], bool] = {}

    def rationalisable(m: int, a: int) -> bool:
        if (m, a) not in off_ok:
            ineqs = [[ur[t][m][a] - ur[t][m][b] for t in range(n)] for b in acts[m] if b != a]
            off_ok[(m, a)] = _some_belief(n, ineqs)
        return off_ok[(m, a)]

    found = set()
    for s in product(range(len(M)), repeat=n):
        allowed = []  # receiver actions consistent with beliefs, message by message
        for m in range(len(M)):
            if any(s[t] == m for t in range(n)):  # on path: best replies to the posterior
                vals = [sum((prior[t] * ur[t][m][a] for t in range(n) if s[t] == m),
                            Fraction(0)) for a in acts[m]]
                allowed.append([a for a in acts[m] if vals[a] == max(vals)])
            else:  # off path: best replies to some belief
                allowed.append([a for a in acts[m] if rationalisable(m, a)])
        for r in product(*allowed):
            if all(us[t][s[t]][r[s[t]]] >= us[t][m][r[m]]
                   for t in range(n) for m in range(len(M))):
                found.add((frozenset((T[t], M[s[t]]) for t in range(n)),
                           frozenset((M[m], game.actions[m][r[m]]) for m in range(len(M)))))
    return found


def _pure_profile(eq) -> tuple:
    s, r = eq.sender_strategy(), eq.receiver_strategy()
    assert s is not None and r is not None, f"solve(pure=True) returned a mixed profile {eq}"
    return frozenset(s.items()), frozenset(r.items())


def _pure_set(eqs) -> set[tuple]:
    profiles = [_pure_profile(e) for e in eqs]
    assert len(profiles) == len(set(profiles)), "solve(pure=True) repeats a profile"
    return set(profiles)


def _strategy_key(eq) -> tuple:
    """Labelled sender strategy, receiver strategy and kind (zero entries dropped).

    A family's representative member is not canonical (it may depend on the order of
    types, messages and actions), so a family is keyed by its supports, kind and the
    exact range of each free probability (variables are named by labels).
    """
    if getattr(eq, "family", None) is not None:
        s = frozenset((t, m) for t, row in eq.sender.items() for m, p in row.items() if p != 0)
        r = frozenset((m, a) for m, row in eq.receiver.items() for a, p in row.items() if p != 0)
        ranges = frozenset((str(v), sp.nsimplify(lo), sp.nsimplify(hi))
                           for v, (lo, hi) in eq.family.ranges.items())
        return "family", s, r, eq.kind, ranges
    s = frozenset((t, m, sp.nsimplify(p)) for t, row in eq.sender.items()
                  for m, p in row.items() if p != 0)
    r = frozenset((m, a, sp.nsimplify(p)) for m, row in eq.receiver.items()
                  for a, p in row.items() if p != 0)
    return s, r, eq.kind


def _describe(game: SignallingGame) -> str:
    return (f"prior={list(game.prior)} actions={game.actions}\n"
            f"  sender={game.sender_payoffs}\n  receiver={game.receiver_payoffs}")


# ----------------------------------------------------------------------------- self-test


def test_brute_force_on_beer_quiche() -> None:
    game = SignallingGame.from_arrays(
        ["1/10", "9/10"], [[[0, 2], [1, 3]], [[1, 3], [0, 2]]],
        [[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
        types=["weak", "strong"], messages=["beer", "quiche"], actions=["duel", "not_duel"])
    assert brute_force_pure(game) == {
        (frozenset({("weak", "beer"), ("strong", "beer")}),
         frozenset({("beer", "not_duel"), ("quiche", "duel")})),
        (frozenset({("weak", "quiche"), ("strong", "quiche")}),
         frozenset({("quiche", "not_duel"), ("beer", "duel")})),
    }


KNOWN = json.loads((Path(__file__).parent / "data" / "signalling_known_answers.json").read_text())


@pytest.mark.parametrize("case", KNOWN["cases"], ids=lambda c: c["name"])
def test_brute_force_reproduces_known_answers(case: dict) -> None:
    game = SignallingGame.from_arrays(
        case["prior"], case["payoffs"]["sender"], case["payoffs"]["receiver"],
        types=case["types"], messages=case["messages"], actions=case["actions"])
    found = brute_force_pure(game)
    claims = case["claims"]
    if "pure_pbe_profiles" in claims:
        assert found == {(frozenset(p["sender"].items()), frozenset(p["receiver"].items()))
                         for p in claims["pure_pbe_profiles"]}
    if "pure_pbe_outcomes" in claims:
        outcomes = {tuple(dict(r)[dict(s)[t]] for t in case["types"]) for s, r in found}
        assert outcomes == {tuple(o[t] for t in case["types"])
                            for o in claims["pure_pbe_outcomes"]}


def test_some_belief_exact() -> None:
    # action needs mu0 >= 2/3 and mu0 <= 2/3: a single point, still nonempty
    assert _some_belief(2, [[Fraction(1), Fraction(-2)], [Fraction(-1), Fraction(2)]])
    assert not _some_belief(2, [[Fraction(-1), Fraction(-1)]])
    assert _some_belief(3, [[Fraction(1), Fraction(-1), Fraction(0)],
                            [Fraction(0), Fraction(1), Fraction(-1)]])


# ----------------------------------------------------------------------------- properties


@SETTINGS
@given(games(per_message_actions=True))
def test_pure_solutions_verify_and_match_brute_force(game: SignallingGame) -> None:
    eqs = _solve(game, pure=True)
    for eq in eqs:
        result = verify(game, eq)
        assert result.ok, f"{eq}\nfails: {result.failures}\ngame: {_describe(game)}"
    assert _pure_set(eqs) == brute_force_pure(game), _describe(game)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games(max_types=3, max_messages=3, max_actions=3, per_message_actions=True))
def test_all_solutions_verify(game: SignallingGame) -> None:
    eqs = _solve(game)
    for eq in eqs:
        result = verify(game, eq)
        assert result.ok, f"{eq}\nfails: {result.failures}\ngame: {_describe(game)}"
    # every pure PBE is among the equilibria of the full solve
    pure_found = {_pure_profile(e) for e in eqs
                  if e.sender_strategy() is not None and e.receiver_strategy() is not None}
    assert brute_force_pure(game) <= pure_found, _describe(game)


@SETTINGS
@given(st.data())
def test_pure_solutions_invariant_under_relabelling(data) -> None:
    game = data.draw(games(per_message_actions=True))
    relabel = data.draw(relabellings(game))
    assert _pure_set(_solve(game, pure=True)) == _pure_set(_solve(relabel.apply(game), pure=True))


@SETTINGS
@given(st.data())
def test_pure_solutions_invariant_under_affine_transforms(data) -> None:
    game = data.draw(games(per_message_actions=True, small_ints=data.draw(st.booleans())))
    transform = data.draw(affine_transforms(game))
    assert _pure_set(_solve(game, pure=True)) == _pure_set(
        _solve(transform.apply(game), pure=True))


@pytest.mark.parametrize("max_types", [2, 3])
def test_all_solutions_invariant(max_types: int) -> None:
    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def check(data) -> None:
        game = data.draw(games(max_types=max_types, max_messages=2, max_actions=2,
                               min_types=max_types, min_messages=2, min_actions=2))
        base = {_strategy_key(e) for e in _solve(game)}
        relabelled = data.draw(relabellings(game)).apply(game)
        assert {_strategy_key(e) for e in _solve(relabelled)} == base, _describe(game)
        transformed = data.draw(affine_transforms(game)).apply(game)
        assert {_strategy_key(e) for e in _solve(transformed)} == base, _describe(game)

    check()


# ----------------------------------------------------------------------------- the verifier


class _ExactSet:
    """The exact set of beliefs at which ``support`` is optimal, as a belief-set object."""

    def __init__(self, game: SignallingGame, m: int, support: list[int], vertices) -> None:
        self.types, self.m, self.support = game.types, m, support
        self.ur = [[_f(x) for x in game.receiver_payoffs[t][m]] for t in range(len(game.types))]
        self.vertices = tuple(vertices)

    def contains(self, mu) -> bool:
        p = [Fraction(str(mu.get(t, 0))) for t in self.types]
        if min(p) < 0 or sum(p) != 1:
            return False
        vals = [sum(p[t] * self.ur[t][a] for t in range(len(p)))
                for a in range(len(self.ur[0]))]
        return all(vals[a] == max(vals) for a in self.support)

    def example(self):
        if not self.vertices:
            return None
        return dict(zip(self.types, self.vertices[0], strict=True))

    def bounds(self, t):
        i = self.types.index(t)
        return min(v[i] for v in self.vertices), max(v[i] for v in self.vertices)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games(per_message_actions=True, max_types=3, max_messages=2, max_actions=3))
def test_verify_accepts_exactly_the_brute_force_pure_pbe(game: SignallingGame) -> None:
    from types import SimpleNamespace

    from alliance_games.verify_data import br_region_vertices, game_data

    T, M, A = game.types, game.messages, game.actions
    prior = [_f(p) for p in game.prior]
    truth = brute_force_pure(game)
    data = game_data(game)
    for s in product(range(len(M)), repeat=len(T)):
        for r in product(*[range(len(a)) for a in A]):
            beliefs = {}
            for m in range(len(M)):
                w = sum((prior[t] for t in range(len(T)) if s[t] == m), Fraction(0))
                if w:
                    beliefs[M[m]] = {T[t]: prior[t] / w if s[t] == m else Fraction(0)
                                     for t in range(len(T))}
                else:
                    beliefs[M[m]] = _ExactSet(game, m, [r[m]],
                                              br_region_vertices(data, m, [r[m]]))
            eq = SimpleNamespace(
                sender={T[t]: {M[m]: Fraction(int(s[t] == m)) for m in range(len(M))}
                        for t in range(len(T))},
                receiver={M[m]: {A[m][a]: Fraction(int(r[m] == a)) for a in range(len(A[m]))}
                          for m in range(len(M))},
                beliefs=beliefs)
            profile = (frozenset((T[t], M[s[t]]) for t in range(len(T))),
                       frozenset((M[m], A[m][r[m]]) for m in range(len(M))))
            result = verify(game, eq)
            assert result.ok == (profile in truth), (profile, result.failures, _describe(game))


# ----------------------------------------------------------------------------- parametric


_PARAMETRIC: dict[SignallingGame, tuple] = {}


def _check_parametric(game: SignallingGame, points: list[dict], families: bool = True) -> None:
    """At each point: the equilibria whose condition holds verify, and they are exactly
    the (non-family) equilibria of the numeric game at that point."""
    if game not in _PARAMETRIC:  # solved once per module run
        _PARAMETRIC[game] = _solve(game)
    eqs = _PARAMETRIC[game]
    with pytest.raises(ParameterError, match="values"):
        verify(game, eqs[0])
    for point in points:
        here = [e.subs(point) for e in eqs]
        here = [e for e in here if bool(e.condition == sp.true)]
        for e in here:
            result = verify(game, e, values=point)
            assert result.ok, (point, str(e), result.failures)
        direct = _solve(game.subs(point))
        assert ({_strategy_key(e) for e in here if not e.is_family}
                == {_strategy_key(e) for e in direct if not e.is_family}), point
        if families:
            assert sum(e.is_family for e in here) == sum(e.is_family for e in direct), point


BQ_SENDER = [[[0, 2], [1, 3]], [[1, 3], [0, 2]]]
BQ_RECEIVER = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]


def _bq_prior_game() -> tuple[SignallingGame, sp.Symbol]:
    p = sp.Symbol("p")
    game = SignallingGame.from_arrays(
        [p, 1 - p], BQ_SENDER, BQ_RECEIVER, types=["weak", "strong"],
        messages=["beer", "quiche"], actions=["duel", "not_duel"], parameters={p: (0, 1)})
    return game, p


def test_parametric_prior_matches_numeric_solves() -> None:
    # one parameter: the solver decides boundary points exactly, so test them too
    game, p = _bq_prior_game()
    R = sp.Rational
    _check_parametric(game, [{p: R(1, 10)}, {p: R(3, 4)}])
    _check_parametric(game, [{p: R(1, 2)}, {p: R(2, 3)}], families=False)


def test_parametric_prior_families_at_boundary_point() -> None:
    game, p = _bq_prior_game()
    _check_parametric(game, [{p: sp.Rational(1, 2)}])


def test_two_parameters_match_numeric_solves_at_generic_points() -> None:
    # the strong type's taste for beer is c; generic points only (the solver does not
    # explore lower-dimensional boundary cases with several parameters)
    p, c = sp.symbols("p c")
    game = SignallingGame.from_arrays(
        [p, 1 - p], [[[0, 2], [1, 3]], [[c, c + 2], [0, 2]]], BQ_RECEIVER,
        types=["weak", "strong"], messages=["beer", "quiche"], actions=["duel", "not_duel"],
        parameters={p: (0, 1), c: (0, 2)})
    R = sp.Rational
    _check_parametric(game, [{p: R(3, 10), c: R(7, 10)}, {p: R(7, 10), c: R(13, 10)},
                             {p: R(37, 101), c: R(150, 101)}])


# ----------------------------------------------------------------------------- belief payoffs


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_belief_dependent_solutions_verify(data) -> None:
    # payoffs linear in the posterior mu(t0): equilibria may be irrational
    mu = belief("t0")
    n_m, n_a = data.draw(st.integers(1, 2)), 2
    num = st.integers(-2, 2)

    def entry():
        return data.draw(num) + data.draw(num) * mu

    us = [[[entry() for _ in range(n_a)] for _ in range(n_m)] for _ in range(2)]
    ur = [[[entry() for _ in range(n_a)] for _ in range(n_m)] for _ in range(2)]
    w = data.draw(st.integers(1, 3))
    game = SignallingGame.from_arrays([sp.Rational(w, 4), 1 - sp.Rational(w, 4)], us, ur,
                                      types=["t0", "t1"])
    for eq in _solve(game):
        result = verify(game, eq)
        assert result.ok, (str(eq), result.failures, us, ur, w)
