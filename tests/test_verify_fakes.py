"""``verify`` accepts what ``solve`` returns and rejects fakes made from it.

Real solved equilibria (beer-quiche, the known-answer games, seeded random games with many
ties) are perturbed with ``dataclasses.replace`` on the frozen result objects: belief sets
shrunk or grown (each representation on its own: constraints, vertices, region), families
widened (every inequality loosened, so a vertex moves out), ranges widened or shrunk,
strategies perturbed.  Every fake must be rejected, every genuine result accepted.  The
true ranges of a loosened family are computed with sympy's own LP (an independent
computation), so such a fake is wrong only in its members.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp
from _exact_lp import vertex_max
from hypothesis import HealthCheck, given, seed, settings
from strategies import games

from alliance_games import solve
from alliance_games.beliefs import BeliefSet
from alliance_games.equilibrium import Equilibrium, freeze
from alliance_games.errors import InvalidGameError, ParameterError
from alliance_games.examples import beer_quiche
from alliance_games.game import SignallingGame
from alliance_games.verify import VerificationError, verify

DATA = json.loads((Path(__file__).parent / "data" / "signalling_known_answers.json").read_text())
SETTINGS = settings(max_examples=25, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
R = sp.Rational


def _solve(game: SignallingGame):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tuple(solve(game))


def _known_games() -> list[SignallingGame]:
    out = []
    for c in DATA["cases"]:
        if len(c["types"]) * len(c["messages"]) > 6:
            continue  # the cheap-talk game has hundreds of equilibria: too slow here
        out.append(SignallingGame.from_arrays(
            c["prior"], c["payoffs"]["sender"], c["payoffs"]["receiver"], types=c["types"],
            messages=c["messages"], actions=c["actions"], name=c["name"]))
    return out


# ----------------------------------------------------------------------------- fakes


def _with_belief(eq: Equilibrium, m: str, bset: BeliefSet) -> Equilibrium:
    return replace(eq, beliefs=freeze({**eq.beliefs, m: bset}))


def _belief_fakes(eq: Equilibrium) -> list[tuple[str, Equilibrium]]:
    """Shrunk and grown copies of each off-path belief set, one representation at a time."""
    out = []
    for m, b in eq.beliefs.items():
        if not isinstance(b, BeliefSet) or b.vertices is None:
            continue
        verts = [tuple(sp.Rational(x) for x in v) for v in b.vertices]
        n = len(b.types)
        mus = b.symbols
        centre = tuple(sum(v[i] for v in verts) / len(verts) for i in range(n))
        corners = [tuple(sp.Integer(int(i == j)) for j in range(n)) for i in range(n)]
        full = set(corners) <= set(verts)
        # shrink: cut the first vertex off with a halfspace through the middle
        v0 = verts[0]
        if v0 != centre:
            ell = [c - v for c, v in zip(centre, v0, strict=True)]
            cut = sum(e * (c + v) / 2 for e, c, v in zip(ell, centre, v0, strict=True))
            lhs = sp.Add(*[e * mu for e, mu in zip(ell, mus, strict=True)])
            out.append((f"{m}: constraints shrunk", _with_belief(eq, m, replace(
                b, constraints=b.constraints + (lhs >= cut,), _lazy={}))))
            moved = tuple((v + c) / 2 for v, c in zip(v0, centre, strict=True))
            out.append((f"{m}: vertex moved in", _with_belief(eq, m, replace(
                b, vertex_source=(moved,) + tuple(verts[1:]), _lazy={}))))
        if not full:
            out.append((f"{m}: constraints dropped (grown)", _with_belief(eq, m, replace(
                b, constraints=(), _lazy={}))))
            extra = next(c for c in corners if c not in verts)
            out.append((f"{m}: a corner added (grown)", _with_belief(eq, m, replace(
                b, vertex_source=tuple(verts) + (extra,), _lazy={}))))
        if n == 2:
            lo, hi = min(v[0] for v in verts), max(v[0] for v in verts)
            for a, c, what in ((lo - R(1, 100), hi, "grown"), (lo + R(1, 100), hi, "shrunk"),
                               (lo, hi + R(1, 100), "grown"), (lo, hi - R(1, 100), "shrunk")):
                if not (0 <= a <= c <= 1):
                    continue
                out.append((f"{m}: region {what}", _with_belief(eq, m, replace(
                    b, region_source=sp.Interval(a, c), _lazy={}))))
                out.append((f"{m}: constraints {what}", _with_belief(eq, m, replace(
                    b, constraints=(mus[0] >= a, mus[0] <= c), _lazy={}))))
    return out


def _lp_range(v: sp.Symbol, variables, cons: list[sp.Basic]) -> tuple[sp.Expr, sp.Expr]:
    """The range of ``v`` over the closure of linear constraints (rational coefficients),
    by the vertices of the polytope (:func:`_exact_lp.vertex_max`)."""
    rows = []
    for c in cons:
        diff = c.lhs - c.rhs
        sides = [diff, -diff] if isinstance(c, sp.Equality) else \
            [-diff] if isinstance(c, (sp.GreaterThan, sp.StrictGreaterThan)) else [diff]
        for e in sides:  # e <= 0
            a, b = sp.linear_eq_to_matrix([e], variables)
            rows.append(([_fraction(x) for x in a.row(0)], _fraction(b[0])))
    variables = list(variables)
    i = variables.index(v)
    hi = vertex_max(rows, len(variables), i)
    lo = -vertex_max([([-x if j == i else x for j, x in enumerate(coef)], bound)
                      for coef, bound in rows], len(variables), i)
    return sp.Rational(lo.numerator, lo.denominator), sp.Rational(hi.numerator, hi.denominator)


def _fraction(x) -> Fraction:
    x = sp.sympify(x)
    assert x.is_Rational, f"the exact range needs rational coefficients: {x}"
    return Fraction(int(x.p), int(x.q))


def _family_fakes(eq: Equilibrium) -> list[tuple[str, Equilibrium]]:
    fam = eq.family
    if fam is None:
        return []
    out = []
    variables = fam.variables
    ranges = dict(fam.ranges)
    v = variables[0]
    lo, hi = ranges[v]
    span = hi - lo
    for new, what in (((lo - span / 4, hi), "widened"), ((lo, hi + span / 4), "widened"),
                      ((lo + span / 4, hi), "shrunk"), ((lo, hi - span / 4), "shrunk")):
        out.append((f"range of {v} {what}", replace(eq, family=replace(
            fam, ranges=freeze({**ranges, v: new})))))
    # loosen every inequality by a little: the polytope grows, so vertices move out; the
    # reported ranges are the loosened polytope's true ranges
    atoms = list(fam.constraint.args) if isinstance(fam.constraint, sp.And) else [
        fam.constraint]
    eps = R(1, 50)
    loose = []
    for a in atoms:
        if isinstance(a, (sp.GreaterThan, sp.StrictGreaterThan)):
            loose.append(type(a)(a.lhs + eps, a.rhs))
        elif isinstance(a, (sp.LessThan, sp.StrictLessThan)):
            loose.append(type(a)(a.lhs - eps, a.rhs))
        else:
            loose.append(a)
    new_ranges = {x: _lp_range(x, variables, loose) for x in variables}
    out.append(("family loosened (a vertex moved out)", replace(eq, family=replace(
        fam, constraint=sp.And(*loose), ranges=freeze(new_ranges)))))
    # the representative moved outside the family
    r = dict(eq.receiver)
    s = {t: dict(row) for t, row in eq.sender.items()}
    for t, row in fam.sender.items():
        for mm, x in row.items():
            if x in variables:
                s[t][mm] = ranges[x][1] + 1
    for mm, row in fam.receiver.items():
        for a, x in row.items():
            if x in variables:
                r = {**r, mm: {**r[mm], a: ranges[x][1] + 1}}
    out.append(("representative outside", replace(eq, sender=freeze(s), receiver=freeze(r))))
    return out


def _strategy_fakes(game: SignallingGame, eq: Equilibrium) -> list[tuple[str, Equilibrium]]:
    """Receiver put on a strictly worse action after an on-path message (exact check)."""
    out = []
    for mi, m in enumerate(game.messages):
        if m not in eq.on_path:
            continue
        post = eq.beliefs[m]
        vals = [sum(post[t] * game.receiver_payoffs[ti][mi][a] for ti, t in enumerate(game.types))
                for a in range(len(game.actions[mi]))]
        worse = [a for a in range(len(vals)) if vals[a] < max(vals)]
        if worse:
            a = game.actions[mi][worse[0]]
            row = {x: sp.Integer(int(x == a)) for x in game.actions[mi]}
            out.append((f"receiver plays the worse {a} after {m}",
                        replace(eq, receiver=freeze({**eq.receiver, m: row}), family=None)))
        bad = {t: (1 - post[t] if i == 0 else post[t]) for i, t in enumerate(game.types)}
        if bad != dict(post) and sum(bad.values()) == 1:
            out.append((f"wrong posterior after {m}",
                        replace(eq, beliefs=freeze({**eq.beliefs, m: bad}))))
    return out


def _check_all(game: SignallingGame, eqs) -> int:
    """Every genuine equilibrium passes; every fake fails.  Returns the number of fakes."""
    n = 0
    for eq in eqs:
        result = verify(game, eq)
        assert result.ok, (str(eq), result.failures)
        for what, fake in (_belief_fakes(eq) + _family_fakes(eq) + _strategy_fakes(game, eq)):
            assert not verify(game, fake).ok, (what, str(eq))
            n += 1
    return n


# ----------------------------------------------------------------------------- real games


@pytest.mark.parametrize("prior", ["1/10", "1/2", "9/10"])
def test_beer_quiche_fakes_rejected(prior: str) -> None:
    game = beer_quiche(prior)
    assert _check_all(game, _solve(game)) >= 1


@pytest.mark.parametrize("game", _known_games(), ids=lambda g: g.name)
def test_known_answer_games_fakes_rejected(game: SignallingGame) -> None:
    _check_all(game, _solve(game))


def test_belief_set_49_100_rejected() -> None:
    game = beer_quiche()
    eq = next(e for e in _solve(game) if e.on_path == {"beer"} and e.family is None)
    b = eq.beliefs["quiche"]
    assert str(b) == "mu(weak) in [1/2, 1]"
    mu = b.symbols[0]
    wrong = replace(b, constraints=(mu >= R(49, 100),), _lazy={})
    result = verify(game, _with_belief(eq, "quiche", wrong))
    assert not result.ok
    assert any("too big" in f and "weak: 49/100" in f for f in result.failures), result.failures
    for region in (sp.Interval(R(49, 100), 1), sp.Interval(R(51, 100), 1),
                   sp.Interval(R(1, 2), 1, right_open=True),
                   sp.Union(sp.Interval(0, R(1, 10)), sp.Interval(R(1, 2), 1))):
        result = verify(game, _with_belief(eq, "quiche", replace(b, region_source=region,
                                                                 _lazy={})))
        assert not result.ok, region
        assert any("region" in f for f in result.failures)


def test_family_members_decided_beyond_three_variables() -> None:
    # at prior 1/2 beer-quiche has a family with four free variables
    game = beer_quiche("1/2")
    fams = [e for e in _solve(game) if e.family is not None and len(e.family.variables) == 4]
    assert fams
    for eq in fams:
        assert verify(game, eq).ok
        fakes = _family_fakes(eq)
        assert fakes and all(not verify(game, f).ok for _, f in fakes)


def test_widened_family_names_a_member() -> None:
    game = beer_quiche()
    eq = next(e for e in _solve(game) if e.family is not None and e.on_path == {"beer"})
    fam = eq.family
    x = sp.Symbol("rho[quiche,duel]")
    assert fam.ranges[x] == (R(1, 2), 1)
    cons = sp.And(*[a for a in fam.constraint.args if not isinstance(a, sp.GreaterThan)],
                  x >= R(1, 4))
    y = sp.Symbol("rho[quiche,not_duel]")
    wide = replace(fam, constraint=cons, ranges=freeze({x: (R(1, 4), 1), y: (0, R(3, 4))}))
    result = verify(game, replace(eq, family=wide))
    assert not result.ok
    assert any("family member rho[quiche,duel] = 1/4" in f and "type weak gains by deviating"
               in f and "5/2 > 2" in f for f in result.failures), result.failures
    # the narrowed range alone fails; a consistently narrowed sub-family is accepted (a
    # family split by a refinement is such a sub-family)
    narrow = replace(fam, ranges=freeze({x: (R(3, 4), 1), y: (0, R(1, 4))}))
    result = verify(game, replace(eq, family=narrow))
    assert any("range of rho[quiche,duel] is reported as [3/4, 1]" in f and "1/2 to 1" in f
               for f in result.failures), result.failures
    assert eq.receiver["quiche"]["duel"] == R(1, 2)  # the representative
    sub = replace(fam, constraint=sp.And(fam.constraint, x <= R(3, 4)),
                  ranges=freeze({x: (R(1, 2), R(3, 4)), y: (R(1, 4), R(1, 2))}))
    assert verify(game, replace(eq, family=sub)).ok
    outside = replace(fam, constraint=sp.And(fam.constraint, x >= R(3, 4)), ranges=narrow.ranges)
    result = verify(game, replace(eq, family=outside))
    assert result.failures == ("family: the reported equilibrium is not one of its members",)


# ----------------------------------------------------------------------------- random games


@seed(20261130)
@SETTINGS
@given(games(per_message_actions=True, max_types=3, max_messages=2, max_actions=3))
def test_random_games_accept_genuine_and_reject_fakes(game: SignallingGame) -> None:
    _check_all(game, _solve(game))


# ----------------------------------------------------------------------------- bad input


def test_bad_input_raises_package_errors() -> None:
    game = beer_quiche()
    eq = _solve(game)[0]
    with pytest.raises(InvalidGameError, match="game must be a SignallingGame, got NoneType"):
        verify(None, eq)
    with pytest.raises(InvalidGameError, match="got str"):
        verify("beer_quiche", eq)
    with pytest.raises(VerificationError, match="equilibrium must be an Equilibrium"):
        verify(game, None)
    with pytest.raises(VerificationError, match="'beliefs' is not a mapping"):
        verify(game, replace(eq, beliefs=[1, 2]))
    with pytest.raises(InvalidGameError, match="different game"):
        verify(beer_quiche("1/3"), eq)
    with pytest.raises(ParameterError, match="unknown parameter q"):
        verify(game, eq, values={"q": 1})
    with pytest.raises(ParameterError, match="values must be a mapping"):
        verify(game, eq, values=[1])
    p = sp.Symbol("p")
    pgame = beer_quiche(p)
    peq = _solve(beer_quiche(R(1, 10)))[0]
    with pytest.raises(ParameterError, match="pass values"):
        verify(pgame, peq)
    with pytest.raises(ParameterError, match="outside"):
        verify(pgame, peq, values={p: 2})


def test_parametric_values_checked_against_point() -> None:
    p = sp.Symbol("p")
    pgame = beer_quiche(p)
    for eq in _solve(beer_quiche(R(1, 10))):
        assert verify(pgame, eq, values={p: R(1, 10)}).ok
        with pytest.raises(InvalidGameError, match="different game"):
            verify(pgame, eq, values={"p": R(1, 5)})
