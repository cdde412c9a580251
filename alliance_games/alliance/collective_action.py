"""The clients' collective-action problem: each client decides separately whether to commit.

Two clients with known types ``(t1, t2)`` (complete information: one 2x2 game per type
profile) each choose ``commit`` (1) or ``stay out`` (0).  Committing is a unilateral,
hand-tied pledge to help the other if it is attacked (reneging costs ``a``) and costs
``z_CS`` per period.  Collective security forms only if both commit; then the patron
chooses among ``N, B, M``, otherwise among ``N, B, I`` (``I`` replaces every obligation by
``a_I`` and costs each client ``z``, not ``z_CS``).  The patron and the adversary see the
types (so the adversary's belief is the true profile), the adversary picks a target at
random, and the war stage is the one of :mod:`.payoffs`, client by client:

* client ``j`` helps an attacked ``i`` iff ``rho v_j [Pbar(1) - Pbar(0)] + a_eff_j >= h_j``;
* ``r = min(1, V_A [(1 - P_1) + (1 - P_2)] / 2)``;
* ``U_i = -(r/2) [v_i (1-P_i) + c_C + rho v_i (1-P_j) + (h_i if i helps else a_eff_i)]
  - z_CS c_i [d != I] - z [d = I]``.

With a common type and both committing this is exactly the signalling game's ``cs`` cell at
the degenerate belief (tested).  Free riding: a client gains by staying out when the other
commits, ``U_i(0, 1) > U_i(1, 1)``: my pledge helps my neighbour, its cost is mine, and the
patron's reward (``M``) needs both pledges.  Both committing is an equilibrium iff neither
client gains from that deviation, i.e. iff the patron's switch from its best no-CS design to
its best CS design (and the deterrence the mutual pledge buys) outweighs ``z_CS`` and the
reneging or helping cost a pledge brings.

Equilibria are computed with nashpy (support enumeration and vertex enumeration, floats)
and each is checked exactly: probabilities are rationalised and the best-response
conditions verified in exact arithmetic; the exact pure equilibria are also enumerated
directly.

Examples
--------
>>> from alliance_games.alliance.collective_action import collective_action
>>> res = collective_action()
>>> res[("H", "H")].both_commit_is_equilibrium, res[("H", "H")].free_riding
(False, (True, True))
>>> collective_action({"z_CS": "1/20"})[("H", "H")].both_commit_is_equilibrium
True
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from alliance_games.alliance import geography, war
from alliance_games.alliance.forms import forms_of
from alliance_games.alliance.parameters import S, as_point, baseline
from alliance_games.errors import require
from alliance_games.solving.algebraic import AlgebraicContext

#: exact simplification that keeps the value (never ``nsimplify``, which may not)
_exact = AlgebraicContext.simplify

__all__ = ["CollectiveActionGame", "stage_payoffs", "collective_action_game",
           "collective_action", "commitment_threshold"]


def _point(values):
    return baseline(**{k.name: v for k, v in as_point(values).items()})


def stage_payoffs(types: tuple[str, str], commits: tuple[int, int], design: str, *,
                  theatre: str | None = None, point: Mapping[Any, Any] | None = None
                  ) -> tuple[tuple[sp.Expr, sp.Expr], sp.Expr]:
    """Exact payoffs ``((U_1, U_2), U_P)`` for a commitment profile and design.

    Examples
    --------
    >>> (u1, u2), uP = stage_payoffs(("H", "H"), (1, 1), "M")
    >>> u1 == u2
    True
    """
    e = _point(point)
    multi = design in ("M", "I")
    md = e[S.m] * (1 + e[S.eta]) if multi else e[S.m]
    b = {"N": 0, "B": e[S.b_B], "M": e[S.b_M], "I": e[S.b_M]}[design]
    k_d = {"N": 0, "B": e[S.k_B], "M": e[S.k_M], "I": e[S.k_I]}[design]
    A = geography.A_eff(theatre, e)
    k, nu, rc = e[S.kappa], e[S.nu], forms_of(e).contest_exponent
    W1 = war.W_help(e[S.s_P], k, md, A, e[S.cP_plus], rc)
    W0 = war.W_alone(e[S.s_P], k, md, A, e[S.cP_minus], rc)
    f1, f0 = war.fight_probability(W1 + b, nu), war.fight_probability(W0 + b, nu)
    p1, p0 = war.pbar(1, f1, k, md, A, rc), war.pbar(0, f0, k, md, A, rc)
    eps1 = war.expected_shock_given_fight(W1 + b, nu)
    eps0 = war.expected_shock_given_fight(W0 + b, nu)
    v = [e[S.v_H] if t == "H" else e[S.v_L] for t in types]
    h = [e[S.h_H] if t == "H" else e[S.h_L] for t in types]
    a_eff = [e[S.a_I] if design == "I" else (e[S.a] if c else sp.Integer(0)) for c in commits]
    helps = [bool(war.partner_help_margin(e[S.rho], v[j], p1, p0, a_eff[j], h[j]) >= 0)
             for j in range(2)]
    # P[i]: defence of i holds when i is the target (partner j = 1 - i)
    P = [p1 if helps[1 - i] else p0 for i in range(2)]
    r = sp.Min(1, e[S.V_A] * ((1 - P[0]) + (1 - P[1])) / 2)
    U = []
    for i in range(2):
        side = h[i] if helps[i] else a_eff[i]
        cost = e[S.z] if design == "I" else e[S.z_CS] * commits[i]
        U.append(-r / 2 * (v[i] * (1 - P[i]) + e[S.c_C] + e[S.rho] * v[i] * (1 - P[1 - i])
                           + side) - cost)
    loss = sp.Integer(0)
    for i in range(2):
        hj = helps[1 - i]
        fi, ei = (f1, eps1) if hj else (f0, eps0)
        ci = e[S.cP_plus] if hj else e[S.cP_minus]
        loss += e[S.s_P] * (1 - P[i]) + fi * (ci - ei) + (1 - fi) * b
    control = e[S.g_B] if design == "B" else 0
    uP = -k_d + control - r * loss / 2
    return (_exact(U[0]), _exact(U[1])), _exact(uP)


@dataclass(frozen=True)
class CollectiveActionGame:
    """The 2x2 commitment game of one type profile and its equilibria.

    ``payoffs[i][c1][c2]`` exact payoff of client ``i``; ``designs[c1][c2]`` the patron's
    design; ``equilibria``: exact ``(Pr(client 1 commits), Pr(client 2 commits))``.
    ``nashpy_support`` / ``nashpy_vertex``: what nashpy found (rationalised, each checked
    exactly).
    """

    types: tuple[str, str]
    payoffs: tuple
    designs: tuple
    equilibria: tuple[tuple[Fraction, Fraction], ...]
    nashpy_support: tuple[tuple[Fraction, Fraction], ...]
    nashpy_vertex: tuple[tuple[Fraction, Fraction], ...]
    both_commit_is_equilibrium: bool
    free_riding: tuple[bool, bool]


def _fr(x: sp.Expr) -> Fraction:
    x = _exact(x)
    if not x.is_Rational:
        raise ValueError(f"expected a rational payoff, got {x}")
    return Fraction(int(x.p), int(x.q))


def _is_equilibrium(A, B, p: Fraction, q: Fraction) -> bool:
    """Exact check: p = Pr(row commits), q = Pr(col commits); A, B [row][col] Fractions."""
    def row(c):  # row's payoff of pure c against q
        return (1 - q) * A[c][0] + q * A[c][1]

    def col(c):
        return (1 - p) * B[0][c] + p * B[1][c]

    ur = (1 - p) * row(0) + p * row(1)
    uc = (1 - q) * col(0) + q * col(1)
    return ur >= max(row(0), row(1)) and uc >= max(col(0), col(1))


def _exact_equilibria(A, B) -> list[tuple[Fraction, Fraction]]:
    out = [(Fraction(p), Fraction(q)) for p in (0, 1) for q in (0, 1)
           if _is_equilibrium(A, B, Fraction(p), Fraction(q))]
    # fully mixed: q makes row indifferent, p makes column indifferent
    dr = (A[1][1] - A[0][1]) - (A[1][0] - A[0][0])
    dc = (B[1][1] - B[1][0]) - (B[0][1] - B[0][0])
    if dr != 0 and dc != 0:
        q = (A[0][0] - A[1][0]) / dr
        p = (B[0][0] - B[0][1]) / dc
        if 0 < p < 1 and 0 < q < 1 and _is_equilibrium(A, B, p, q):
            out.append((p, q))
    return out


def collective_action_game(types: tuple[str, str], values: Mapping[Any, Any] | None = None,
                           *, theatre: str | None = None) -> CollectiveActionGame:
    """Build and solve the 2x2 commitment game of one type profile.

    Examples
    --------
    >>> g = collective_action_game(("L", "L"))
    >>> g.designs[1][1] in ("N", "B", "M")
    True
    """
    nash = require("nashpy", "the collective-action game")
    point = _point(values)
    pay = [[[None, None], [None, None]], [[None, None], [None, None]]]
    designs = [[None, None], [None, None]]
    for c1 in (0, 1):
        for c2 in (0, 1):
            options = ("N", "B", "M") if (c1 and c2) else ("N", "B", "I")
            best = None
            for d in options:
                (u1, u2), uP = stage_payoffs(types, (c1, c2), d, theatre=theatre, point=point)
                if best is None or uP > best[0]:
                    best = (uP, d, u1, u2)
            designs[c1][c2] = best[1]
            pay[0][c1][c2], pay[1][c1][c2] = best[2], best[3]
    A = [[_fr(pay[0][i][j]) for j in (0, 1)] for i in (0, 1)]
    B = [[_fr(pay[1][i][j]) for j in (0, 1)] for i in (0, 1)]
    exact = _exact_equilibria(A, B)
    game = nash.Game(np.array(A, dtype=float), np.array(B, dtype=float))

    def collect(gen) -> tuple[tuple[Fraction, Fraction], ...]:
        found = []
        for s1, s2 in gen:
            p = Fraction(float(s1[1])).limit_denominator(10**6)
            q = Fraction(float(s2[1])).limit_denominator(10**6)
            if not _is_equilibrium(A, B, p, q):
                # float noise on a degenerate game: snap to the nearest exact equilibrium
                near = [e for e in exact if abs(e[0] - p) < 1e-6 and abs(e[1] - q) < 1e-6]
                if not near:
                    raise AssertionError(f"nashpy returned a non-equilibrium ({p}, {q})")
                p, q = near[0]
            if (p, q) not in found:
                found.append((p, q))
        return tuple(found)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sup = collect(game.support_enumeration())
        ver = collect(game.vertex_enumeration())
    for e in sup + ver:
        if e not in exact:
            exact.append(e)
    free = tuple(bool(P[0][1] > P[1][1]) if i == 0 else bool(P[1][0] > P[1][1])
                 for i, P in enumerate((A, B)))
    return CollectiveActionGame(
        types=tuple(types), payoffs=tuple(tuple(tuple(r) for r in m) for m in pay),
        designs=tuple(tuple(r) for r in designs), equilibria=tuple(exact),
        nashpy_support=sup, nashpy_vertex=ver,
        both_commit_is_equilibrium=(Fraction(1), Fraction(1)) in exact, free_riding=free)


def collective_action(values: Mapping[Any, Any] | None = None, *, theatre: str | None = None
                      ) -> dict[tuple[str, str], CollectiveActionGame]:
    """The commitment game for every type profile ``(t1, t2)``.

    Examples
    --------
    >>> sorted(collective_action())
    [('H', 'H'), ('H', 'L'), ('L', 'H'), ('L', 'L')]
    """
    return {(t1, t2): collective_action_game((t1, t2), values, theatre=theatre)
            for t1 in ("L", "H") for t2 in ("L", "H")}


def _best_design(types, commits, point, theatre):
    options = ("N", "B", "M") if all(commits) else ("N", "B", "I")
    best = None
    for d in options:
        (u1, u2), uP = stage_payoffs(types, commits, d, theatre=theatre, point=point)
        if best is None or AlgebraicContext.sign(uP - best[0]) > 0:
            best = (uP, d, u1, u2)
    return best


def commitment_threshold(values: Mapping[Any, Any] | None = None, *,
                         theatre: str | None = None, types: tuple[str, str] = ("H", "H")
                         ) -> sp.Expr:
    """The largest peacetime cost ``z_CS`` at which both clients committing is an equilibrium.

    The patron's payoff does not involve ``z_CS``, so its designs do not move with it, and
    a committed client's payoff falls one for one with ``z_CS`` while the deviator's (who
    stays out and pays nothing) does not.  Both commit iff ``z_CS <= z*`` with
    ``z* = min_i [U_i(1, 1) - U_i(0, 1)]`` evaluated at ``z_CS = 0`` (exact).  A negative
    ``z*`` means free riding at any cost: the bloc assumption of the signalling game (the
    clients act as one) needs ``z_CS <= z*``.

    Examples
    --------
    >>> commitment_threshold()
    1/5
    """
    point = dict(_point(values))
    point[S.z_CS] = sp.Integer(0)
    both = _best_design(types, (1, 1), point, theatre)
    out = None
    for i, dev in ((0, (0, 1)), (1, (1, 0))):
        alone = _best_design(types, dev, point, theatre)
        gap = _exact(both[2 + i] - alone[2 + i])
        out = gap if out is None or AlgebraicContext.sign(gap - out) < 0 else out
    return out
