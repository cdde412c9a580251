"""The CSA signalling game and the reordered game (patron moves first).

:func:`alliance_game` builds the spec's signalling game: the clients (sender, types ``L``
and ``H``, prior ``(1-q, q)``) choose ``no_cs`` or ``cs``; the patron (receiver) chooses a
design, ``N``/``B``/``I`` after ``no_cs`` and ``N``/``B``/``M`` after ``cs``.  The adversary
and the war stage are folded into the payoffs by backward induction
(:mod:`.payoffs`): payoffs depend on the public posterior ``mu_H`` after the message.

The game in which the patron commits first (H1(b)) is built from the same function with a
``menu`` (one design per message) and solved in :mod:`.reordered`.

Examples
--------
>>> g = alliance_game()
>>> g.types, g.messages, g.actions
(('L', 'H'), ('no_cs', 'cs'), (('N', 'B', 'I'), ('N', 'B', 'M')))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import sympy as sp

from alliance_games.alliance import payoffs as pay
from alliance_games.alliance._branching import Branches
from alliance_games.alliance.duration import design_duration
from alliance_games.alliance.geography import apply_theatre, theatre_label
from alliance_games.alliance.parameters import PARAMETERS, S, baseline, parameter
from alliance_games.game import SignallingGame

__all__ = ["alliance_game", "alliance_game_at", "branch_report", "signalling_patron_value",
           "patron_value_at"]


def _point(values: Mapping[Any, Any] | None, theatre: str | None = None
           ) -> dict[sp.Symbol, sp.Expr]:
    over = {k.name: v for k, v in apply_theatre(values, theatre).items()}
    return baseline(**over)


def alliance_game(values: Mapping[Any, Any] | None = None, *, theatre: str | None = None,
                  symbolic: bool | Iterable[Any] = False, name: str | None = None,
                  menu: Mapping[str, Any] | None = None) -> SignallingGame:
    """The CSA signalling game as a :class:`~alliance_games.SignallingGame`.

    Parameters
    ----------
    values
        Parameter overrides ``{name or Symbol: exact value}`` on top of the baseline.
    theatre
        ``"land"`` (water share ``s_w = 0``), ``"sea"`` (``s_w = 1``) or None: the water
        share from ``values`` (baseline 0, a land approach); see :mod:`.geography`.
    symbolic
        ``False``: every parameter is substituted (exact numbers; payoffs are functions of
        ``mu_H`` only).  ``True``: every parameter stays a symbol; an iterable of names or
        symbols keeps just those free.  Piecewise choices (the patron's clamped fight
        probability, the partner's help decision, the cap of the attack probability) take
        the branch active at the given point, and the branch conditions become the game's
        ``assumptions``: the symbolic game is valid where they hold.
    menu
        ``{message: designs}`` restricting the clients' messages and the designs after
        each (default: every design of :data:`~.payoffs.DESIGNS`).  A menu with one design
        per message is the clients' game after the patron has committed first (the
        adversary, folded into the payoffs, is then the only audience of the signal).

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
    return _game(_keyed_full_point(values, theatre), theatre, symbolic, name, menu)


def alliance_game_at(point: Mapping[Any, Any], theatre: str | None = None
                     ) -> SignallingGame:
    """:func:`alliance_game` at a complete point as :func:`~.analysis.full_point` gives it
    (every parameter given, the theatre's water share set, checked): the same game,
    without filling in and checking the baseline again.

    Examples
    --------
    >>> from alliance_games.alliance.analysis import full_point
    >>> alliance_game_at(full_point({"q": "1/3"}, theatre="sea"), "sea").prior
    (2/3, 1/3)
    """
    return _game(pay.keyed_point(point), theatre, False, None, None)


def _game(point: Mapping[Any, Any], theatre: str | None, symbolic: bool | Iterable[Any],
          name: str | None, menu: Mapping[str, Any] | None):
    """:func:`alliance_game` at the complete point ``point``."""
    if symbolic is False:
        free: set[sp.Symbol] = set()
    elif symbolic is True:
        free = {p.symbol for p in PARAMETERS}
    else:
        free = {parameter(x).symbol for x in symbolic}
    fixed = {s: v for s, v in point.items() if s not in free} if free else point
    branches = Branches(point if free else None)
    menu = pay.check_menu(menu)
    sender, receiver = pay.payoff_tables(theatre=theatre, point=fixed, branches=branches,
                                         menu=menu)
    q = fixed.get(S.q, S.q)
    used = set()
    assumptions = [c for c in branches.conditions if c not in (sp.true, sp.false)]
    if free:  # the parameters left free that the game uses (none at a numeric point)
        for tab in (sender, receiver):
            for row in tab:
                for cell in row:
                    for x in cell:
                        used |= x.free_symbols
        used |= sp.sympify(q).free_symbols
        for c in assumptions:
            used |= c.free_symbols
    params = {}
    for s in sorted(free & used, key=str):
        params[s] = parameter(s).interval  # closed ends stay closed (e.g. a >= 0)
    label = name or f"CSA game ({theatre_label(theatre, point)})" + (" symbolic" if free else "")
    return SignallingGame.from_arrays(
        [1 - q, q], sender, receiver, types=list(pay.TYPES), messages=list(menu),
        actions={m: list(d) for m, d in menu.items()}, parameters=params,
        assumptions=assumptions, name=label)


def branch_report(values: Mapping[Any, Any] | None = None, *, theatre: str | None = None
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
    point = _point(values, theatre)
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


def signalling_patron_value(eq: Any, values: Mapping[Any, Any] | None = None, *,
                            theatre: str | None = None) -> sp.Expr:
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
    return patron_value_at(eq, _keyed_full_point(values, theatre), theatre)


def _keyed_full_point(values: Mapping[Any, Any] | None, theatre: str | None
                      ) -> Mapping[Any, Any]:
    """:func:`_point` as a :class:`~.payoffs.KeyedPoint`, memoised by the values' key."""
    key = pay._point_key(values)
    if key is None:
        return _point(values, theatre)
    return _keyed_point_of(key, theatre)


@lru_cache(maxsize=4096)
def _keyed_point_of(key: frozenset, theatre: str | None) -> Mapping[Any, Any]:
    return pay.keyed_point(_point(dict(key), theatre))


def patron_value_at(eq: Any, point: Mapping[Any, Any], theatre: str | None) -> sp.Expr:
    """:func:`signalling_patron_value` at a complete point (as :func:`alliance_game` and
    :func:`~.analysis.full_point` give it; no baseline filled in).

    Examples
    --------
    >>> from alliance_games import solve
    >>> eq = solve(alliance_game())[1]
    >>> patron_value_at(eq, baseline(), None) == signalling_patron_value(eq)
    True
    """
    point = pay.keyed_point(point)
    q = point[S.q]
    prior = {"H": q, "L": 1 - q}
    total = sp.Integer(0)
    for t in pay.TYPES:
        for m in eq.sender[t]:
            s = sp.sympify(eq.sender[t][m])
            if s == 0:
                continue
            b = eq.beliefs[m]
            mu = sp.sympify(b["H"] if isinstance(b, Mapping) else b)
            for d in eq.receiver[m]:
                pr = sp.sympify(eq.receiver[m].get(d, 0))
                if pr == 0:
                    continue
                V = design_duration(t, m, d, mu_H=mu, theatre=theatre, point=point).patron_value
                total += prior[t] * s * pr * V
    return total
