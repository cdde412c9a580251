"""Payoffs of the CSA model by type, message and design (spec section 3).

Messages: ``"cs"`` (the clients formed collective security, CS=1) and ``"no_cs"``.  Designs:
after ``"cs"``: ``N`` (none), ``B`` (bilateral spokes), ``M`` (join the clients' treaty);
after ``"no_cs"``: ``N``, ``B``, ``I`` (impose a multilateral treaty).

Design terms (documented choices where the spec is silent):

===========  ===========  ======  ======  ==========================================
design       strength     b_d     k_d     partner's reneging cost a_eff
===========  ===========  ======  ======  ==========================================
N            m            0       0       a after CS, else 0
B            m            b_B     k_B     a after CS, else 0
M            m*(1+eta)    b_M     k_M     a
I            m*(1+eta)    b_M     k_I     a_I
===========  ===========  ======  ======  ==========================================

Under ``N`` the patron may still fight ad hoc (no reneging cost, no integration bonus);
``I`` is a multilateral command, hence the integration bonus and ``b_M``.

War stage, per type ``t``: the partner helps iff ``rho v_t [Pbar(1)-Pbar(0)] + a_eff >= h_t``;
``P_t = Pbar(help_t)``; the patron fights with probability ``phi_t = phi(W(help_t) + b_d)``.
The adversary attacks with ``r = min(1, V_A sum_t mu_t (1 - P_t))``, where ``mu_H`` is the
public posterior after the message, ``belief("H") == Symbol("mu_H")``, and ``mu_L = 1 - mu_H``.

* Client (each is the target with probability 1/2)::

    U_C = -(r/2) [(1+rho) v_t (1-P_t) + c_C + (h_t if help else a_eff)]
          - z_CS [CS and d != I] - z [d = I]

* Patron (per type; the game's receiver averages over its posterior)::

    U_P = -k_d + g_B [d = B] - r [s_P (1-P_t) + phi_t (cP_t - E[eps | fight]) + (1-phi_t) b_d]

Branches active at the baseline (land theatre; see :func:`~.model.branch_report`): the H
partner helps under every design and the L partner never does (even after CS, since
``a = 3`` is below ``h_L - rho v_L [Pbar(1)-Pbar(0)]``); the patron's fight probability when
the partner helps is interior under N and B and 1 under M and I, and when the partner does
not help it is 0 under N and interior under B, M and I; the attack probability's cap never
binds (``V_A = 1``), so every payoff is linear in ``mu_H`` (the patron's expected payoff,
averaged with the posterior, is quadratic in it).

Examples
--------
>>> from alliance_games.alliance.payoffs import war_state
>>> from alliance_games.alliance.parameters import baseline
>>> ws = war_state("H", "cs", "M", point=baseline())
>>> ws.helps, ws.hold
(1, 23/31)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy as sp

from alliance_games.alliance import geography, war
from alliance_games.alliance._branching import Branches
from alliance_games.alliance.forms import FORMS_KEY, forms_of
from alliance_games.alliance.parameters import PARAMETERS, S, as_point
from alliance_games.errors import UnknownLabelError
from alliance_games.solving.algebraic import AlgebraicContext
from alliance_games.solving.quadratic import (
    OutsideFastType,
    from_sympy,
    qsign,
    rational_to_sympy,
)

__all__ = [
    "TYPES", "MESSAGES", "DESIGNS", "MU_H", "MU_L", "DesignTerms", "WarState",
    "design_terms", "war_state", "attack_probability", "client_payoff", "patron_payoff",
    "payoff_tables", "env", "check_menu", "entrapment", "KeyedPoint", "keyed_point",
]

TYPES = ("L", "H")
MESSAGES = ("no_cs", "cs")
DESIGNS: dict[str, tuple[str, ...]] = {"no_cs": ("N", "B", "I"), "cs": ("N", "B", "M")}
MU_H = sp.Symbol("mu_H")
MU_L = 1 - MU_H


def env(point: Mapping[Any, Any] | None) -> dict[sp.Symbol, sp.Expr]:
    """Value of every parameter: from ``point`` if given there, else its symbol.

    Non-default functional forms (:mod:`.forms`) are kept under their key.

    Examples
    --------
    >>> env({"a": 0})[S.a], env(None)[S.a]
    (0, a)
    """
    key = _point_key(point)
    if key is None:
        return _env(point)
    return dict(_env_of(key))


def _env(point: Mapping[Any, Any] | None) -> dict[sp.Symbol, sp.Expr]:
    p = as_point(point) if point is not None else {}
    out = {par.symbol: p.get(par.symbol, par.symbol) for par in PARAMETERS}
    if FORMS_KEY in p:
        out[FORMS_KEY] = p[FORMS_KEY]
    return out


class KeyedPoint(dict):
    """A read-only point that carries its key (:func:`keyed_point`): hashing a point's
    sympy values costs more than most of the memoised functions it looks up."""

    __slots__ = ("key",)

    def __init__(self, key: frozenset) -> None:
        super().__init__(key)
        self.key = key

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a KeyedPoint is read-only; copy it with dict(point)")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _read_only

    def __reduce__(self):
        return keyed_point, (dict(self),)

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self.key)


def keyed_point(point: Mapping[Any, Any] | None) -> Mapping[Any, Any] | None:
    """``point`` as a :class:`KeyedPoint` (itself if it is one; unchanged if it has no key).

    Examples
    --------
    >>> kp = keyed_point({S.a: sp.Integer(1)})
    >>> kp[S.a], keyed_point(kp) is kp
    (1, True)
    """
    if type(point) is KeyedPoint or point is None:
        return point
    key = _point_key(point)
    return point if key is None else KeyedPoint(key)


def _point_key(point: Mapping[Any, Any] | None) -> frozenset | None:
    """The point as a hashable key for the memoised pure functions of the point below
    (None when a value is not hashable: then nothing is memoised)."""
    if type(point) is KeyedPoint:
        return point.key
    if point is None:
        return frozenset()
    if any(isinstance(v, float) for v in point.values()):
        return None  # refused by as_point; never let 2.0 hit the entry of 2
    try:
        return frozenset(point.items())
    except TypeError:
        return None


@lru_cache(maxsize=4096)
def _env_of(key: frozenset) -> dict[sp.Symbol, sp.Expr]:
    """:func:`env` memoised by the point's items (callers get a copy)."""
    return _env(dict(key))


def _check(message: str, design: str, type_: str | None = None) -> None:
    if message not in DESIGNS:
        raise UnknownLabelError(f"unknown message {message!r}; expected one of {MESSAGES}")
    if design not in DESIGNS[message]:
        raise UnknownLabelError(f"design {design!r} is not available after {message!r}; "
                                f"expected one of {DESIGNS[message]}")
    if type_ is not None and type_ not in TYPES:
        raise UnknownLabelError(f"unknown type {type_!r}; expected one of {TYPES}")


@dataclass(frozen=True)
class DesignTerms:
    """Design-dependent terms: patron strength, reneging costs, peacetime costs."""

    strength: sp.Expr
    b: sp.Expr
    k: sp.Expr
    a_eff: sp.Expr
    client_cost: sp.Expr
    control: sp.Expr


def design_terms(message: str, design: str, point: Mapping[Any, Any] | None = None
                 ) -> DesignTerms:
    """The design's terms (see the module table).

    Examples
    --------
    >>> design_terms("no_cs", "I").a_eff
    a_I
    """
    _check(message, design)
    return _terms(message, design, env(point), sp.Integer(0))


def _terms(message: str, design: str, e: Mapping[sp.Symbol, Any], zero: Any) -> DesignTerms:
    """:func:`design_terms` from the values ``e`` (sympy, or Fractions with ``zero`` a
    Fraction: the fast exact path)."""
    multi = design in ("M", "I")
    strength = e[S.m] * (1 + e[S.eta]) if multi else e[S.m]
    b = {"N": zero, "B": e[S.b_B], "M": e[S.b_M], "I": e[S.b_M]}[design]
    k = {"N": zero, "B": e[S.k_B], "M": e[S.k_M], "I": e[S.k_I]}[design]
    if design == "I":
        a_eff = e[S.a_I]
    else:
        a_eff = e[S.a] if message == "cs" else zero
    client_cost = e[S.z] if design == "I" else (e[S.z_CS] if message == "cs" else zero)
    control = e[S.g_B] if design == "B" else zero
    return DesignTerms(strength, b, k, a_eff, client_cost, control)


@dataclass(frozen=True)
class WarState:
    """Backward-induction outcome of the war stage for one type, message and design.

    Attributes
    ----------
    helps : Expr
        1 if the partner helps an attacked neighbour, 0 if not (Piecewise if undecided).
    hold : Expr
        ``P_t``: probability the defence holds.
    fight : Expr
        ``phi_t``: patron's fight probability given the partner's choice.
    shock : Expr
        ``E[eps | fight]``.
    war_cost : Expr
        ``cP_plus`` if the partner helps, else ``cP_minus``.
    help_margin : Expr
        ``rho v [Pbar(1)-Pbar(0)] + a_eff - h``.
    W1, W0 : Expr
        The patron's net war values with and without help.
    terms : DesignTerms
    """

    helps: sp.Expr
    hold: sp.Expr
    fight: sp.Expr
    shock: sp.Expr
    war_cost: sp.Expr
    help_margin: sp.Expr
    W1: sp.Expr
    W0: sp.Expr
    terms: DesignTerms


def war_state(type_: str, message: str, design: str, *, theatre: str | None = None,
              point: Mapping[Any, Any] | None = None, branches: Branches | None = None
              ) -> WarState:
    """Solve the war stage for one type, message and design by backward induction.

    Examples
    --------
    >>> from alliance_games.alliance.parameters import baseline
    >>> war_state("L", "no_cs", "B", point=baseline()).helps
    0
    """
    _check(message, design, type_)
    return _war_state_of(type_, message, design, theatre, env(point), branches or Branches())


def _war_state_of(type_: str, message: str, design: str, theatre: str | None,
                  e: Mapping[sp.Symbol, Any], b: Branches, fast: bool = False,
                  core: tuple | None = None) -> WarState:
    """:func:`war_state` from the values ``e``; ``fast``: every value is a Fraction (exact
    mode at a rational point), and so is every field of the result (no sympy object).
    ``core``: :func:`_war_core`'s result for this message and design (shared by types)."""
    dt, W1, W0, x1, x0, f1, f0, p1, p0 = core or _war_core(message, design, theatre, e, b,
                                                           fast)
    nu = e[S.nu]
    v = e[S.v_H] if type_ == "H" else e[S.v_L]
    h = e[S.h_H] if type_ == "H" else e[S.h_L]
    margin = war.partner_help_margin(e[S.rho], v, p1, p0, dt.a_eff, h)
    helps = int(margin >= 0) if fast else b.indicator(margin >= 0)

    def mix(one: sp.Expr, zero: sp.Expr) -> sp.Expr:
        if helps == 1:
            return one
        if helps == 0:
            return zero
        return helps * one + (1 - helps) * zero

    if fast:  # helps is 0 or 1: only that branch's expected shock is used
        shock = war.expected_shock_given_fight(x1 if helps else x0, nu, b)
    else:
        shock = mix(war.expected_shock_given_fight(x1, nu, b),
                    war.expected_shock_given_fight(x0, nu, b))
    return WarState(helps=helps, hold=mix(p1, p0), fight=mix(f1, f0), shock=shock,
                    war_cost=mix(e[S.cP_plus], e[S.cP_minus]), help_margin=margin,
                    W1=W1, W0=W0, terms=dt)


def _war_core(message: str, design: str, theatre: str | None, e: Mapping[sp.Symbol, Any],
              b: Branches, fast: bool) -> tuple:
    """The type-free part of the war stage: design terms, ``W(1)``, ``W(0)``, ``x = W +
    b_d``, fight probabilities and ``Pbar`` with and without help."""
    dt = _terms(message, design, e, Fraction(0) if fast else sp.Integer(0))
    A = geography.A_eff_of(theatre, e) if fast else geography.A_eff(theatre, e)
    k, md, nu = e[S.kappa], dt.strength, e[S.nu]
    r = forms_of(e).contest_exponent
    W1 = war.W_help(e[S.s_P], k, md, A, e[S.cP_plus], r)
    W0 = war.W_alone(e[S.s_P], k, md, A, e[S.cP_minus], r)
    x1, x0 = W1 + dt.b, W0 + dt.b
    f1, f0 = war.fight_probability(x1, nu, b), war.fight_probability(x0, nu, b)
    p1, p0 = war.pbar(1, f1, k, md, A, r), war.pbar(0, f0, k, md, A, r)
    return dt, W1, W0, x1, x0, f1, f0, p1, p0


@lru_cache(maxsize=2048)
def _exact_war_states(message: str, design: str, theatre: str | None,
                      point: frozenset) -> dict[str, WarState]:
    """Both types' war states in exact mode (``Branches()`` keeps no state), memoised: the
    payoffs ask for them once per belief, the durations once per design and type."""
    values = dict(point)
    return {t: war_state(t, message, design, theatre=theatre, point=values,
                         branches=Branches()) for t in TYPES}


# ------------------------------------------------------------ the fast exact path
# At a rational point in exact mode every number of the war stage is rational: the war
# states are computed in Fractions (the same formulas, war.py on Fractions), the attack
# probability is ``min(1, lin(mu_H))`` with ``lin`` affine, and each payoff is affine in
# the attack probability, ``u0 + u1 * r``.  The sympy payoff is then built from these
# rationals in the form the general path's ``expand`` gives (tests/test_fast_flagship.py
# checks equality with that path); an irrational belief goes to the general path.
@lru_cache(maxsize=4096)
def _fraction_env(key: frozenset) -> dict[sp.Symbol, Any] | None:
    """The point's values as Fractions (forms kept), None unless every one is rational."""
    out: dict[sp.Symbol, Any] = {}
    for sym, v in _env_of(key).items():
        if sym is FORMS_KEY:
            out[sym] = v
        elif isinstance(v, sp.Rational):
            out[sym] = Fraction(int(v.p), int(v.q))
        else:
            return None
    return out


@dataclass(frozen=True)
class _FastCell:
    """One (message, design) at a rational point: war states (Fraction fields), the
    attack probability's ``lin`` at ``mu_H = 0`` and ``1``, whether its cap can bind, and
    each payoff as ``(u0, u1)`` with payoff ``u0 + u1 * r``, by ``(who, type)``."""

    states: dict
    r0: Fraction
    r1: Fraction
    capped: bool
    affine: dict


@lru_cache(maxsize=8192)
def _fast_cell(message: str, design: str, theatre: str | None, key: frozenset
               ) -> _FastCell | None:
    fe = _fraction_env(key)
    if fe is None:
        return None
    b = Branches()
    # the contests and fight probabilities depend on the design only through its strength
    # and b_d: I after no_cs shares them with M after CS, N and B with themselves
    same = (message, design) if message == "cs" else ("cs", {"I": "M"}.get(design, design))
    shared = _fast_core(*same, theatre, key)
    core = (_terms(message, design, fe, Fraction(0)), *shared[1:])
    ws = {t: _war_state_of(t, message, design, theatre, fe, b, True, core) for t in TYPES}
    V_A = fe[S.V_A]
    r0, r1 = V_A * (1 - ws["L"].hold), V_A * (1 - ws["H"].hold)
    aff = {}
    for t in TYPES:  # _client and _patron, as affine functions of r
        dt = ws[t].terms
        aff["client", t] = (-dt.client_cost, -_client_loss(t, ws[t], fe) / 2)
        aff["patron", t] = (dt.control - dt.k, -_patron_loss(ws[t], fe))
    return _FastCell(ws, r0, r1, not (r0 <= 1 and r1 <= 1), aff)


@lru_cache(maxsize=8192)
def _fast_core(message: str, design: str, theatre: str | None, key: frozenset) -> tuple:
    """:func:`_war_core` in Fractions at the point with this key (memoised)."""
    return _war_core(message, design, theatre, _fraction_env(key), Branches(), True)


def _rat(x: Fraction) -> sp.Rational:
    return rational_to_sympy(x)


def _lin(a: Fraction, b: Fraction, x: sp.Expr) -> sp.Expr:
    """``_rat(a) + _rat(b) * x`` for a symbol or a ``Min`` ``x``, built directly in the
    canonical form sympy's arithmetic gives it (the rational coefficient first in the
    product, the constant first in the sum), without that arithmetic.

    Examples
    --------
    >>> _lin(Fraction(1, 2), Fraction(-3), MU_H) == sp.Rational(1, 2) - 3 * MU_H
    True
    """
    if b == 0:
        return _rat(a)
    term = x if b == 1 else sp.Mul._from_args((_rat(b), x))
    return term if a == 0 else sp.Add._from_args((_rat(a), term))


def _fraction_of(mu: Any) -> Fraction | None:
    """A rational belief as a Fraction (None for a symbol or an irrational number)."""
    if isinstance(mu, Fraction):
        return mu
    if isinstance(mu, int) and not isinstance(mu, bool):
        return Fraction(mu)
    if isinstance(mu, sp.Rational):
        return Fraction(int(mu.p), int(mu.q))
    return None


def _fast_attack(cell: _FastCell, mu: Any) -> Any:
    """The attack probability at belief ``mu``: a Fraction at a rational belief, the
    general path's sympy expression at ``MU_H``, None otherwise (irrational belief)."""
    x = _fraction_of(mu)
    if x is not None:
        lin = cell.r0 + (cell.r1 - cell.r0) * x
        return min(Fraction(1), lin) if cell.capped else lin
    if mu is not MU_H and mu != MU_H:
        return _irrational_attack(cell, mu)
    if cell.r1 == cell.r0:
        return _rat(min(Fraction(1), cell.r0))
    lin = _lin(cell.r0, cell.r1 - cell.r0, MU_H)
    return sp.Min(1, lin, evaluate=False) if cell.capped else lin


def _irrational_attack(cell: _FastCell, mu: Any) -> sp.Expr | None:
    """The attack probability at an irrational belief that is a sum of square roots (an
    on-path posterior of a mixed equilibrium), expanded as the general path gives it; the
    cap decided by the exact sign of :mod:`~alliance_games.solving.quadratic` numbers.
    None for any other belief."""
    try:
        if isinstance(from_sympy(mu), Fraction):
            return None  # a rational written unevaluated: the general path
    except (OutsideFastType, ZeroDivisionError):
        return None
    lin = sp.expand(_rat(cell.r0) + _rat(cell.r1 - cell.r0) * mu)
    if cell.capped and qsign(from_sympy(lin) - 1) >= 0:
        return sp.Integer(1)
    return lin


def _fast_payoff(cell: _FastCell, who: str, type_: str, mu: Any, R: Any = None
                 ) -> sp.Expr | None:
    """A payoff on the fast path (sympy, as the general path builds it), or None.
    ``R``: the cell's :func:`_fast_attack` at ``mu`` when already known."""
    if R is None:
        R = _fast_attack(cell, mu)
    if R is None:
        return None
    u0, u1 = cell.affine[who, type_]
    if isinstance(R, Fraction):
        return _rat(u0 + u1 * R)
    if R.is_Rational:  # a constant attack probability (the same number as expand gives)
        return _rat(u0 + u1 * Fraction(int(R.p), int(R.q)))
    if not R.free_symbols:  # at an irrational belief
        return sp.expand(_rat(u0) + _rat(u1) * R)
    if not cell.capped and cell.r1 != cell.r0:  # the expanded affine function of mu_H
        return _lin(u0 + u1 * cell.r0, u1 * (cell.r1 - cell.r0), MU_H)
    return _lin(u0, u1, R)  # R = Min(1, lin)


def _cell_at(message: str, design: str, theatre: str | None, point: Any
             ) -> _FastCell | None:
    key = _point_key(point)
    return None if key is None else _fast_cell(message, design, theatre, key)


def attack_probability(message: str, design: str, *, theatre: str | None = None,
                       point: Mapping[Any, Any] | None = None,
                       branches: Branches | None = None, mu_H: Any = MU_H) -> sp.Expr:
    """Adversary's attack probability ``r(d, mu)`` after ``message`` and ``design``.

    Examples
    --------
    >>> from alliance_games.alliance.parameters import baseline
    >>> attack_probability("cs", "M", point=baseline())
    647/1458 - 8393*mu_H/45198
    """
    _check(message, design)
    if branches is None:
        cell = _cell_at(message, design, theatre, point)
        r = None if cell is None else _fast_attack(cell, sp.sympify(mu_H))
        if r is not None:
            return _rat(r) if isinstance(r, Fraction) else r
    return _stage(message, design, theatre, point, branches, mu_H)[1]


def _expand(x: sp.Expr) -> sp.Expr:
    # expanding is cheap and tidy for numeric games, very slow for symbolic ones
    if not isinstance(x, sp.Basic):
        return x  # a Fraction of the fast path
    return sp.expand(x) if x.free_symbols <= {MU_H} else x


def _client_loss(type_: str, ws: WarState, e: Mapping[sp.Symbol, Any]) -> Any:
    """The attacked client's loss: ``U_C = -(r/2) * loss - client_cost``."""
    v = e[S.v_H] if type_ == "H" else e[S.v_L]
    h = e[S.h_H] if type_ == "H" else e[S.h_L]
    side = ws.helps * h + (1 - ws.helps) * ws.terms.a_eff
    return (1 + e[S.rho]) * v * (1 - ws.hold) + e[S.c_C] + side


def _client(type_: str, ws: WarState, r: sp.Expr, e: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    return _expand(-r / 2 * _client_loss(type_, ws, e) - ws.terms.client_cost)


def _patron_loss(ws: WarState, e: Mapping[sp.Symbol, Any]) -> Any:
    """The patron's loss in a war: ``U_P = -k_d + control - r * war_loss``."""
    dt = ws.terms
    return (e[S.s_P] * (1 - ws.hold) + ws.fight * (ws.war_cost - ws.shock)
            + (1 - ws.fight) * dt.b)


def _patron(ws: WarState, r: sp.Expr, e: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    dt = ws.terms
    return _expand(-dt.k + dt.control - r * _patron_loss(ws, e))


def _stage(message: str, design: str, theatre: str, point, branches: Branches | None,
           mu_H: Any):
    """``(war states by type, attack probability)``; callers must not mutate them."""
    if branches is None:  # exact mode: a pure function of the point and the belief
        key = _point_key(point)
        if key is not None:
            return _exact_stage(message, design, theatre, key, sp.sympify(mu_H))
        return _stage_of(message, design, theatre, point, mu_H)
    return _stage_of(message, design, theatre, point, mu_H, branches)


@lru_cache(maxsize=8192)
def _exact_stage(message: str, design: str, theatre: str, key: frozenset, mu_H: sp.Expr):
    return _stage_of(message, design, theatre, dict(key), mu_H)


def _stage_of(message: str, design: str, theatre: str, point, mu_H: Any,
              branches: Branches | None = None):
    if branches is None:  # exact mode: the war stage is a function of the point alone
        ws = dict(_exact_war_states(message, design, theatre, frozenset(env(point).items())))
        branches = Branches()
    else:
        ws = {t: war_state(t, message, design, theatre=theatre, point=point,
                           branches=branches) for t in TYPES}
    mu_H = sp.sympify(mu_H)
    r = war.attack_probability(env(point)[S.V_A], {"H": mu_H, "L": 1 - mu_H},
                               {t: ws[t].hold for t in TYPES}, branches)
    return ws, r


def client_payoff(type_: str, message: str, design: str, *, theatre: str | None = None,
                  point: Mapping[Any, Any] | None = None, branches: Branches | None = None,
                  mu_H: Any = MU_H) -> sp.Expr:
    """Client's expected per-period payoff ``U_C`` (a function of ``mu_H``).

    Examples
    --------
    >>> from alliance_games.alliance.parameters import baseline
    >>> client_payoff("H", "no_cs", "N", point=baseline(), mu_H=0)
    -1717/588
    """
    _check(message, design, type_)
    key = _point_key(point) if branches is None else None
    if key is not None:
        return _exact_payoff("client", type_, message, design, theatre, key, sp.sympify(mu_H))
    ws, r = _stage(message, design, theatre, point, branches, mu_H)
    return _client(type_, ws[type_], r, env(point))


def patron_payoff(type_: str, message: str, design: str, *, theatre: str | None = None,
                  point: Mapping[Any, Any] | None = None, branches: Branches | None = None,
                  mu_H: Any = MU_H) -> sp.Expr:
    """Patron's per-period payoff ``U_P`` when the clients are of type ``type_``.

    Examples
    --------
    >>> from alliance_games.alliance.parameters import baseline
    >>> patron_payoff("L", "no_cs", "N", point=baseline(), mu_H=0)
    -40/9
    """
    _check(message, design, type_)
    key = _point_key(point) if branches is None else None
    if key is not None:
        return _exact_payoff("patron", type_, message, design, theatre, key, sp.sympify(mu_H))
    ws, r = _stage(message, design, theatre, point, branches, mu_H)
    return _patron(ws[type_], r, env(point))


@lru_cache(maxsize=16384)
def _exact_payoff(who: str, type_: str, message: str, design: str, theatre: str | None,
                  key: frozenset, mu_H: sp.Expr) -> sp.Expr:
    """A client's or the patron's payoff in exact mode, memoised: a pure function of the
    point (``key``, its items) and the belief; durations and hypotheses ask again and
    again for the same ones."""
    cell = _fast_cell(message, design, theatre, key)
    out = None if cell is None else _fast_payoff(cell, who, type_, mu_H)
    if out is not None:
        return out
    ws, r = _exact_stage(message, design, theatre, key, mu_H)
    e = _env_of(key)
    return _client(type_, ws[type_], r, e) if who == "client" else _patron(ws[type_], r, e)


def entrapment(type_: str, message: str, design: str, *, theatre: str | None = None,
               point: Mapping[Any, Any] | None = None, mu_H: Any = MU_H) -> sp.Expr:
    """Probability the patron is drawn into a war it would not have chosen.

    The adversary attacks with ``r``; the patron then fights with ``phi(W + b_d)`` where,
    without the alliance's reneging cost ``b_d``, it would fight with ``phi(W)`` (``W`` its
    net war value given the partner's choice).  Entrapment is ``r [phi(W + b_d) - phi(W)]``:
    the attack is met by a patron that fights only because it is committed.

    Examples
    --------
    >>> from alliance_games.alliance.parameters import baseline
    >>> entrapment("L", "no_cs", "N", point=baseline(), mu_H=0)
    0
    >>> entrapment("L", "no_cs", "I", point=baseline(), mu_H=0) > 0
    True
    """
    _check(message, design, type_)
    cell = _cell_at(message, design, theatre, point)
    if cell is not None:
        r = _fast_attack(cell, sp.sympify(mu_H))
        if isinstance(r, Fraction):
            w = cell.states[type_]
            W = w.W1 if w.helps == 1 else w.W0
            nu = _fraction_env(_point_key(point))[S.nu]
            return _rat(r * (w.fight - war.fight_probability(W, nu)))
    ws, r = _stage(message, design, theatre, point, None, mu_H)
    w = ws[type_]
    W = w.W1 if w.helps == 1 else w.W0
    nu = env(point)[S.nu]
    return AlgebraicContext.simplify(r * (w.fight - war.fight_probability(W, nu)))


def check_menu(menu: Mapping[str, Any] | None) -> dict[str, tuple[str, ...]]:
    """A menu ``{message: designs}`` in :data:`MESSAGES` order, checked (default: all).

    Raises
    ------
    UnknownLabelError
        For an unknown message or a design not available after its message.

    Examples
    --------
    >>> check_menu({"cs": ["M"], "no_cs": ["I"]})
    {'no_cs': ('I',), 'cs': ('M',)}
    """
    if menu is None:
        return dict(DESIGNS)
    for m, ds in menu.items():
        if m not in DESIGNS:
            raise UnknownLabelError(f"unknown message {m!r}; expected one of {MESSAGES}")
        if not ds:
            raise UnknownLabelError(f"no design after {m!r} in the menu")
        for d in ds:
            _check(m, d)
    return {m: tuple(menu[m]) for m in MESSAGES if m in menu}


def payoff_tables(*, theatre: str | None = None, point: Mapping[Any, Any] | None = None,
                  branches: Branches | None = None, mu_H: Any = MU_H,
                  menu: Mapping[str, Any] | None = None, fast: bool = True
                  ) -> tuple[list[list[list[sp.Expr]]], list[list[list[sp.Expr]]]]:
    """Sender (client) and receiver (patron) payoffs indexed ``[type][message][design]``.

    Types in :data:`TYPES` order, messages in :data:`MESSAGES` order, designs as in
    :data:`DESIGNS`.  ``menu`` (``{message: designs}``) restricts the messages and the
    designs after each (default :data:`DESIGNS`); it is how the patron-first game fixes
    the design before the clients move.

    In exact mode at a rational point the tables come from the fast exact path (the war
    stage in Fractions, no sympy arithmetic); ``fast=False`` forces the general sympy
    path (the same expressions, for tests and benchmarks).

    Examples
    --------
    >>> from alliance_games.alliance.parameters import baseline
    >>> snd, rcv = payoff_tables(point=baseline())
    >>> len(snd), len(snd[0]), len(snd[0][1])
    (2, 2, 3)
    """
    geography.check_theatre(theatre)
    menu = check_menu(menu)
    sender = [[None] * len(menu) for _ in TYPES]
    receiver = [[None] * len(menu) for _ in TYPES]
    if fast and (branches is None or branches.reference is None):  # exact mode
        if _fast_tables(theatre, point, sp.sympify(mu_H), menu, sender, receiver):
            return sender, receiver
    e = env(point)
    for j, (m, designs) in enumerate(menu.items()):
        cells = [_stage(m, d, theatre, point, branches, mu_H) for d in designs]
        for i, t in enumerate(TYPES):
            sender[i][j] = [_client(t, ws[t], r, e) for ws, r in cells]
            receiver[i][j] = [_patron(ws[t], r, e) for ws, r in cells]
    return sender, receiver


def _fast_tables(theatre: str | None, point: Any, mu_H: Any, menu: dict,
                 sender: list, receiver: list) -> bool:
    """Fill the payoff tables on the fast path; False (tables untouched) if it does not
    apply (a value not rational, an irrational belief)."""
    key = _point_key(point)
    if key is None:
        return False
    cells = {(m, d): _fast_cell(m, d, theatre, key) for m, ds in menu.items() for d in ds}
    if any(c is None for c in cells.values()):
        return False
    attack = {md: _fast_attack(c, mu_H) for md, c in cells.items()}
    if any(r is None for r in attack.values()):
        return False
    out = {(who, t, m, d): _fast_payoff(c, who, t, mu_H, attack[m, d])
           for (m, d), c in cells.items() for who in ("client", "patron") for t in TYPES}
    if any(v is None for v in out.values()):
        return False
    for j, (m, designs) in enumerate(menu.items()):
        for i, t in enumerate(TYPES):
            sender[i][j] = [out["client", t, m, d] for d in designs]
            receiver[i][j] = [out["patron", t, m, d] for d in designs]
    return True
