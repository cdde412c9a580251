"""The CSA signalling game and the reordered game (patron moves first).

:func:`alliance_game` builds the spec's signalling game: the clients (sender, types ``L``
and ``H``, prior ``(1-q, q)``) choose ``no_cs`` or ``cs``; the patron (receiver) chooses a
design, ``N``/``B``/``I`` after ``no_cs`` and ``N``/``B``/``M`` after ``cs``.  The adversary
and the war stage are folded into the payoffs by backward induction
(:mod:`.payoffs`): payoffs depend on the public posterior ``mu_H`` after the message.

:func:`reordered_game` solves the variant for H1(b): the patron commits to a design rule
first, then the clients, knowing it, choose CS, and the adversary updates on the clients'
choice.  It returns the patron's duration-weighted value.

Examples
--------
>>> g = alliance_game()
>>> g.types, g.messages, g.actions
(('L', 'H'), ('no_cs', 'cs'), (('N', 'B', 'I'), ('N', 'B', 'M')))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from alliance_games.alliance import payoffs as pay
from alliance_games.alliance._branching import Branches
from alliance_games.alliance.duration import design_duration
from alliance_games.alliance.parameters import PARAMETERS, S, as_point, baseline, parameter
from alliance_games.errors import ParameterError, UnsupportedGameError

__all__ = ["alliance_game", "branch_report", "signalling_patron_value", "ClientEquilibrium",
           "Commitment", "ReorderedResult", "reordered_game", "COMMITMENTS"]


def _point(values: Mapping[Any, Any] | None) -> dict[sp.Symbol, sp.Expr]:
    over = {parameter(k).name: v for k, v in as_point(values).items()}
    return baseline(**over)


def alliance_game(values: Mapping[Any, Any] | None = None, *, theatre: str = "land",
                  symbolic: bool | Iterable[Any] = False, name: str | None = None):
    """The CSA signalling game as a :class:`~alliance_games.SignallingGame`.

    Parameters
    ----------
    values
        Parameter overrides ``{name or Symbol: exact value}`` on top of the baseline.
    theatre
        ``"land"`` or ``"sea"``.
    symbolic
        ``False``: every parameter is substituted (exact numbers; payoffs are functions of
        ``mu_H`` only).  ``True``: every parameter stays a symbol; an iterable of names or
        symbols keeps just those free.  Piecewise choices (the patron's clamped fight
        probability, the partner's help decision, the cap of the attack probability) take
        the branch active at the given point, and the branch conditions become the game's
        ``assumptions``: the symbolic game is valid where they hold.

    Returns
    -------
    SignallingGame
        Types ``("L", "H")``, messages ``("no_cs", "cs")``, actions ``{"no_cs": (N, B, I),
        "cs": (N, B, M)}``; sender payoff = clients' ``U_C``, receiver payoff = patron's
        ``U_P`` (per type).

    Examples
    --------
    >>> g = alliance_game()
    >>> g.prior
    (1/2, 1/2)
    >>> g.has_belief_payoffs
    True
    """
    from alliance_games.game import SignallingGame

    point = _point(values)
    if symbolic is False:
        free: set[sp.Symbol] = set()
    elif symbolic is True:
        free = {p.symbol for p in PARAMETERS}
    else:
        free = {parameter(x).symbol for x in symbolic}
    fixed = {s: v for s, v in point.items() if s not in free}
    branches = Branches(point if free else None)
    sender, receiver = pay.payoff_tables(theatre=theatre, point=fixed, branches=branches)
    q = fixed.get(S.q, S.q)
    used = set()
    for tab in (sender, receiver):
        for row in tab:
            for cell in row:
                for x in cell:
                    used |= x.free_symbols
    used |= sp.sympify(q).free_symbols
    assumptions = [c for c in branches.conditions if c not in (sp.true, sp.false)]
    for c in assumptions:
        used |= c.free_symbols
    params = {}
    for s in sorted(free & used, key=str):
        p = parameter(s)
        params[s] = (p.lower, None if p.upper == sp.oo else p.upper)
    label = name or f"CSA game ({theatre})" + (" symbolic" if free else "")
    return SignallingGame.from_arrays(
        [1 - q, q], sender, receiver, types=list(pay.TYPES), messages=list(pay.MESSAGES),
        actions={m: list(d) for m, d in pay.DESIGNS.items()}, parameters=params,
        assumptions=assumptions, name=label)


def branch_report(values: Mapping[Any, Any] | None = None, *, theatre: str = "land"
                  ) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Which branch of each piecewise choice is active at a point.

    Returns ``{(type, message, design): {"helps": 0/1, "fight_if_help": regime,
    "fight_alone": regime, "attack_cap_binds": bool}}`` where a regime is ``"never"``,
    ``"interior"`` or ``"always"``.

    Examples
    --------
    >>> branch_report()[("H", "cs", "M")]["fight_if_help"]
    'always'
    """
    point = _point(values)
    e = pay.env(point)
    out = {}
    for t in pay.TYPES:
        for m in pay.MESSAGES:
            for d in pay.DESIGNS[m]:
                ws = pay.war_state(t, m, d, theatre=theatre, point=point)

                def regime(W: sp.Expr, b: sp.Expr = ws.terms.b) -> str:
                    x = W + b
                    return ("never" if x <= -e[S.nu] else "always" if x >= e[S.nu]
                            else "interior")

                holds = {ty: pay.war_state(ty, m, d, theatre=theatre, point=point).hold
                         for ty in pay.TYPES}
                cap = any(e[S.V_A] * (1 - holds[ty]) > 1 for ty in pay.TYPES)
                out[(t, m, d)] = {"helps": int(ws.helps), "fight_if_help": regime(ws.W1),
                                  "fight_alone": regime(ws.W0), "attack_cap_binds": cap}
    return out


# ---------------------------------------------------------------- the reordered game
#: The patron's commitments when it moves first, and the design each yields after each
#: message: "Mult" offers a multilateral alliance: M if the clients form CS, else I.
COMMITMENTS: dict[str, dict[str, str]] = {
    "N": {"no_cs": "N", "cs": "N"},
    "B": {"no_cs": "B", "cs": "B"},
    "Mult": {"no_cs": "I", "cs": "M"},
}


@dataclass(frozen=True)
class ClientEquilibrium:
    """An equilibrium of the clients' signalling game (to the adversary) after a commitment.

    ``strategy[type]`` = probability of ``cs``; ``beliefs[message]`` = ``mu_H`` after it (a
    sympy Interval for an off-path message: every belief in it supports the equilibrium);
    ``client_payoffs[type]``, ``patron_value`` (duration-weighted, prior-weighted).
    """

    kind: str
    strategy: dict[str, sp.Expr]
    beliefs: dict[str, Any]
    client_payoffs: dict[str, sp.Expr]
    patron_value: sp.Expr


@dataclass(frozen=True)
class Commitment:
    """All clients' equilibria after one commitment, and the selected one.

    Selection (spec section 4): the equilibrium the H type prefers, ties to the most
    informative (largest gap between the two types' CS probabilities).
    """

    commitment: str
    equilibria: tuple[ClientEquilibrium, ...]
    selected: ClientEquilibrium
    value_range: tuple[sp.Expr, sp.Expr]


@dataclass(frozen=True)
class ReorderedResult:
    """The reordered game solved by backward induction.

    ``best`` is the patron's optimal commitment (by the selected clients' equilibrium)
    and ``value`` its duration-weighted value.
    """

    theatre: str
    commitments: dict[str, Commitment]
    best: str
    value: sp.Expr


def _n(x: sp.Expr) -> sp.Float:
    return sp.N(x, 30)


def _patron_value(point, theatre, commitment, strategy, beliefs) -> sp.Expr:
    q = point[S.q]
    prior = {"H": q, "L": 1 - q}
    total = sp.Integer(0)
    for t in pay.TYPES:
        for m in pay.MESSAGES:
            prob = strategy[t] if m == "cs" else 1 - strategy[t]
            if prob == 0:
                continue
            d = COMMITMENTS[commitment][m]
            res = design_duration(t, m, d, mu_H=beliefs[m], theatre=theatre, point=point)
            total += prior[t] * prob * res.patron_value
    return total


def _client_equilibria(point, theatre, commitment) -> list[ClientEquilibrium]:
    mu = pay.MU_H
    q = point[S.q]
    U = {(t, m): pay.client_payoff(t, m, COMMITMENTS[commitment][m], theatre=theatre,
                                   point=point, mu_H=mu)
         for t in pay.TYPES for m in pay.MESSAGES}
    if any(isinstance(x, sp.Min) or x.has(sp.Min) for x in U.values()):
        raise UnsupportedGameError("reordered_game needs an uncapped attack probability "
                                   "(V_A (1 - P_t) <= 1 for every type and design)")
    unit = sp.Interval(0, 1)
    found: list[tuple[str, dict, dict]] = []

    def at(t, m, b):
        return U[(t, m)].subs(mu, b)

    other = {"cs": "no_cs", "no_cs": "cs"}
    # pooling on m with the off-path belief set
    for m in pay.MESSAGES:
        off = other[m]
        ok = unit
        for t in pay.TYPES:
            ok = ok.intersect(sp.solveset(at(t, m, q) - U[(t, off)] >= 0, mu, unit))
        if ok != sp.EmptySet:
            s = sp.Integer(1) if m == "cs" else sp.Integer(0)
            found.append(("pooling", {"H": s, "L": s}, {m: q, off: ok}))
    # separating
    for mH in pay.MESSAGES:
        mL = other[mH]
        bel = {mH: sp.Integer(1), mL: sp.Integer(0)}
        if at("H", mH, 1) >= at("H", mL, 0) and at("L", mL, 0) >= at("L", mH, 1):
            sH = sp.Integer(1) if mH == "cs" else sp.Integer(0)
            found.append(("separating", {"H": sH, "L": 1 - sH}, bel))
    # semi-separating: one type mixes, the other is pure on m
    for mixer, pure in (("H", "L"), ("L", "H")):
        for m in pay.MESSAGES:
            off = other[m]
            b_off = sp.Integer(1) if mixer == "H" else sp.Integer(0)
            for b_m in sp.solveset(sp.Eq(U[(mixer, m)], at(mixer, off, b_off)), mu, unit):
                # Bayes: b_m between 0 and q (mixer H) or q and 1 (mixer L), strictly
                lo, hi = (0, q) if mixer == "H" else (q, 1)
                if not (lo < b_m < hi) and not (mixer == "L" and b_m == 1) and not (
                        mixer == "H" and b_m == 0):
                    continue
                if not (lo < b_m < hi):
                    continue
                # mixer's prob x of sending m: b_m = P(H | m)
                x = sp.Symbol("x")
                if mixer == "H":
                    sol = sp.solve(sp.Eq(b_m * (q * x + (1 - q)), q * x), x)
                else:
                    sol = sp.solve(sp.Eq(b_m * (q + (1 - q) * x), q), x)
                if not sol or not (0 < sol[0] < 1):
                    continue
                if at(pure, m, b_m) < at(pure, off, b_off):
                    continue
                p_m = sol[0]
                strat = {pure: sp.Integer(1) if m == "cs" else sp.Integer(0),
                         mixer: p_m if m == "cs" else 1 - p_m}
                found.append(("semi-separating", strat, {m: b_m, off: b_off}))
    # both types mix: both indifferent
    b1, b0 = sp.symbols("b1 b0")
    eqs = [sp.Eq(U[(t, "cs")].subs(mu, b1), U[(t, "no_cs")].subs(mu, b0)) for t in pay.TYPES]
    for sol in sp.solve(eqs, [b1, b0], dict=True):
        c1, c0 = sol.get(b1), sol.get(b0)
        if c1 is None or c0 is None or not (c1.is_number and c0.is_number):
            continue
        if not (0 < c1 < 1 and 0 < c0 < 1) or c1 == c0 or (c1 - q) * (c0 - q) >= 0:
            continue
        sH, sL = sp.symbols("sH sL")
        sols = sp.solve([sp.Eq(c1 * (q * sH + (1 - q) * sL), q * sH),
                         sp.Eq(c0 * (q * (1 - sH) + (1 - q) * (1 - sL)), q * (1 - sH))],
                        [sH, sL], dict=True)
        for s in sols:
            if 0 < s[sH] < 1 and 0 < s[sL] < 1:
                found.append(("hybrid", {"H": s[sH], "L": s[sL]}, {"cs": c1, "no_cs": c0}))
    out = []
    for kind, strat, bel in found:
        on = {m: b for m, b in bel.items() if not isinstance(b, sp.Set)}
        cp = {}
        for t in pay.TYPES:
            m = "cs" if strat[t] > 0 else "no_cs"
            cp[t] = at(t, m, on[m])
        val = _patron_value(point, theatre, commitment, strat, on)
        out.append(ClientEquilibrium(kind, strat, bel, cp, val))
    return out


def reordered_game(values: Mapping[Any, Any] | None = None, *, theatre: str = "land"
                   ) -> ReorderedResult:
    """Solve the game in which the patron commits first (H1b) by backward induction.

    The patron picks a commitment in :data:`COMMITMENTS` (``N``, ``B``, or ``Mult``: M if
    the clients form CS, I if not).  The clients, knowing it, choose CS; the adversary sees
    the choice and updates (so the clients' stage is a signalling game to the adversary,
    solved exactly: pooling with off-path belief sets, separating, one type mixing, both
    mixing).  For each commitment the clients' equilibrium is selected as in spec
    section 4 (H-preferred, ties to the most informative); the patron then picks the
    commitment with the highest duration-weighted value (prior-weighted over types).

    Raises
    ------
    UnsupportedGameError
        If the attack probability's cap binds (payoffs not linear in ``mu_H``).

    Examples
    --------
    >>> res = reordered_game()
    >>> res.best in ("N", "B", "Mult")
    True
    """
    point = _point(values)
    commitments = {}
    for c in COMMITMENTS:
        eqs = _client_equilibria(point, theatre, c)
        if not eqs:  # cannot happen in a finite game with mixing; keep the guard honest
            raise ParameterError(f"no clients' equilibrium found after commitment {c}")

        def key(e: ClientEquilibrium):
            return (_n(e.client_payoffs["H"]), _n(abs(e.strategy["H"] - e.strategy["L"])))

        sel = max(eqs, key=key)
        vals = [e.patron_value for e in eqs]
        commitments[c] = Commitment(c, tuple(eqs), sel,
                                    (min(vals, key=_n), max(vals, key=_n)))
    best = max(commitments, key=lambda c: _n(commitments[c].selected.patron_value))
    return ReorderedResult(theatre, commitments, best, commitments[best].selected.patron_value)


def signalling_patron_value(eq: Any, values: Mapping[Any, Any] | None = None, *,
                            theatre: str = "land") -> sp.Expr:
    """The patron's duration-weighted value in an equilibrium of :func:`alliance_game`.

    ``eq`` is an equilibrium returned by ``solve`` (it needs ``eq.sender[type][message]``,
    ``eq.receiver[message][design]`` and on-path ``eq.beliefs[message]["H"]``).  The value is
    ``sum_t prior_t sum_m sigma_t(m) sum_d rho_m(d) V_P(t, m, d, mu_m)`` with ``V_P`` from
    :func:`~.duration.design_duration`; compare it with :func:`reordered_game`'s value for
    H1(b).  ``values`` must be the point the game was built at.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> eq = SimpleNamespace(sender={"L": {"no_cs": 1, "cs": 0}, "H": {"no_cs": 1, "cs": 0}},
    ...                      receiver={"no_cs": {"N": 1, "B": 0, "I": 0},
    ...                                "cs": {"N": 1, "B": 0, "M": 0}},
    ...                      beliefs={"no_cs": {"L": sp.Rational(1, 2), "H": sp.Rational(1, 2)}})
    >>> round(float(signalling_patron_value(eq)), 4)
    -31.7353
    """
    point = _point(values)
    q = point[S.q]
    prior = {"H": q, "L": 1 - q}
    total = sp.Integer(0)
    for t in pay.TYPES:
        for m in pay.MESSAGES:
            s = sp.sympify(eq.sender[t][m])
            if s == 0:
                continue
            b = eq.beliefs[m]
            mu = sp.sympify(b["H"] if isinstance(b, Mapping) else b)
            for d in pay.DESIGNS[m]:
                pr = sp.sympify(eq.receiver[m].get(d, 0))
                if pr == 0:
                    continue
                V = design_duration(t, m, d, mu_H=mu, theatre=theatre, point=point).patron_value
                total += prior[t] * s * pr * V
    return total
