"""Exact evaluation at a parameter point, and vectorised float versions for sweeps.

``exact_*`` functions substitute a point of exact Rationals; ``float_*`` functions are
``sympy.lambdify`` compilations of the fully symbolic (Piecewise) expressions, taking numpy
arrays, for fast sweeps.  Both follow the same formulas, and the tests check that they agree
at random rational points.

Examples
--------
>>> from alliance_games.alliance.numeric import float_theta, exact_theta
>>> from alliance_games.alliance.parameters import baseline
>>> float(exact_theta(baseline(), "sea")), float(float_theta("sea")(baseline_floats()))
(0.3333333333333333, 0.3333333333333333)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import sympy as sp

from alliance_games.alliance import geography, war
from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.parameters import PARAMETERS, as_point, baseline, symbols

__all__ = ["evaluate", "exact_theta", "exact_tables", "float_theta", "float_tables",
           "baseline_floats", "to_float_point"]


def evaluate(expr: Any, point: Mapping[Any, Any]) -> sp.Expr:
    """Substitute an exact point into an expression (exact result).

    Examples
    --------
    >>> from alliance_games.alliance.parameters import S
    >>> evaluate(S.kappa / (S.kappa + S.pi_A), {"kappa": 1, "pi_A": 2})
    1/3
    """
    return sp.sympify(expr).xreplace(as_point(point))


def exact_theta(point: Mapping[Any, Any], theatre: str | None = None) -> sp.Expr:
    """Exact ``theta`` at a point (other parameters from the baseline).

    Examples
    --------
    >>> exact_theta({"pi_A": 8})
    4/5
    """
    full = baseline(**{p.name: v for p, v in ((PARAMETERS_BY_SYM[s], v)
                                               for s, v in as_point(point).items())})
    return geography.theta(theatre, full)


PARAMETERS_BY_SYM = {p.symbol: p for p in PARAMETERS}


def exact_tables(point: Mapping[Any, Any] | None = None, theatre: str | None = None,
                 mu_H: Any = pay.MU_H
                 ) -> tuple[list[list[list[sp.Expr]]], list[list[list[sp.Expr]]]]:
    """Exact sender and receiver payoff tables ``[type][message][design]`` at a point.

    Examples
    --------
    >>> snd, rcv = exact_tables(mu_H=0)
    >>> snd[1][0][0]
    -1717/588
    """
    full = baseline(**{PARAMETERS_BY_SYM[s].name: v for s, v in as_point(point).items()})
    return pay.payoff_tables(theatre=theatre, point=full, mu_H=mu_H)


def to_float_point(point: Mapping[Any, Any]) -> dict[str, Any]:
    """A point as ``{name: float or array}`` (the input of the ``float_*`` functions).

    Examples
    --------
    Exact values become floats, sequences become float arrays:

    >>> from alliance_games.alliance.parameters import S
    >>> to_float_point({S.a: sp.Rational(3, 2), "pi_A": [1, 2]})
    {'a': 1.5, 'pi_A': array([1., 2.])}
    """
    out = {}
    for k, v in point.items():
        name = k.name if isinstance(k, sp.Symbol) else str(k)
        out[name] = np.asarray(v, dtype=float) if not isinstance(v, sp.Basic) else float(v)
    return out


def baseline_floats() -> dict[str, float]:
    """The baseline as ``{name: float}``.

    Examples
    --------
    >>> b = baseline_floats()
    >>> b["pi_A"], b["q"], b["z_CS"]
    (4.0, 0.5, 0.3)
    """
    return {s.name: float(v) for s, v in baseline().items()}


@lru_cache(maxsize=4)
def _theta_fn(theatre: str) -> Callable:
    return sp.lambdify(symbols(), geography.theta(theatre), modules="numpy")


def float_theta(theatre: str | None = None) -> Callable[[Mapping[str, Any]], np.ndarray]:
    """Vectorised ``theta``: call with ``{name: float or array}`` (all parameters).

    Examples
    --------
    >>> f = float_theta("land")
    >>> pts = baseline_floats(); pts["pi_A"] = np.array([2.0, 4.0])
    >>> f(pts).round(4).tolist()
    [0.5, 0.6667]
    """
    fn = _theta_fn(theatre)
    return lambda pt: np.asarray(fn(*[pt[s.name] for s in symbols()]), dtype=float)


# ------------------------------------------------------------- vectorised float path
# The fully symbolic Piecewise tables are too slow to build and compile, so the float path
# lambdifies each closed form of :mod:`.war` and :mod:`.payoffs` on placeholder symbols
# and composes the branches with numpy (clip / where), in the same order as the exact path.
_X = sp.symbols(" ".join("X_" + n for n in (
    "D A k md s c x nu f helps rho v p1 p0 aeff h r hold shock wcost b kd ctrl ccost").split()))
(_D, _A, _k, _md, _s, _c, _x, _nu, _f, _helps, _rho, _v, _p1, _p0, _aeff, _h, _r, _hold,
 _shock, _wcost, _b, _kd, _ctrl, _ccost) = _X


@lru_cache(maxsize=1)
def _pieces() -> dict[str, Callable]:
    L = lambda args, e: sp.lambdify(args, e, modules="numpy")  # noqa: E731
    ws = pay.WarState(helps=_helps, hold=_hold, fight=_f, shock=_shock, war_cost=_wcost,
                      help_margin=sp.Integer(0), W1=sp.Integer(0), W0=sp.Integer(0),
                      terms=pay.DesignTerms(_md, _b, _kd, _aeff, _ccost, _ctrl))
    e = pay.env(None)
    return {
        "W1": L((_s, _k, _md, _A, _c), war.W_help(_s, _k, _md, _A, _c)),
        "W0": L((_s, _k, _md, _A, _c), war.W_alone(_s, _k, _md, _A, _c)),
        "fight": L((_x, _nu), war.fight_probability_interior(_x, _nu)),
        "shock": L((_x, _nu), (_nu - _x) / 2),
        "pbar": L((_helps, _f, _k, _md, _A), war.pbar(_helps, _f, _k, _md, _A)),
        "margin": L((_rho, _v, _p1, _p0, _aeff, _h),
                    war.partner_help_margin(_rho, _v, _p1, _p0, _aeff, _h)),
        "client": {t: L((*symbols(), *_X), pay._client(t, ws, _r, e)) for t in pay.TYPES},
        "patron": L((*symbols(), *_X), pay._patron(ws, _r, e)),
    }


def _design_terms_float(pt, message, design):
    # same table as payoffs.design_terms, on floats
    dt = pay.design_terms(message, design, None)
    names = {s.name for s in symbols()}
    f = lambda ex: sp.lambdify(symbols(), ex, modules="numpy")(  # noqa: E731
        *[pt[n] for n in sorted(names, key=[s.name for s in symbols()].index)])
    return {k: np.asarray(f(getattr(dt, k)), dtype=float)
            for k in ("strength", "b", "k", "a_eff", "client_cost", "control")}


def _war_float(pt, theatre, message, design, type_):
    P = _pieces()
    A = np.asarray(_A_fn(theatre)(*[pt[s.name] for s in symbols()]), dtype=float)
    dt = _design_terms_float(pt, message, design)
    k, md, nu = pt["kappa"], dt["strength"], pt["nu"]
    W1 = P["W1"](pt["s_P"], k, md, A, pt["cP_plus"])
    W0 = P["W0"](pt["s_P"], k, md, A, pt["cP_minus"])
    x1, x0 = W1 + dt["b"], W0 + dt["b"]
    f1 = np.clip(P["fight"](x1, nu), 0.0, 1.0)
    f0 = np.clip(P["fight"](x0, nu), 0.0, 1.0)
    p1, p0 = P["pbar"](1, f1, k, md, A), P["pbar"](0, f0, k, md, A)
    v = pt["v_H"] if type_ == "H" else pt["v_L"]
    h = pt["h_H"] if type_ == "H" else pt["h_L"]
    helps = (P["margin"](pt["rho"], v, p1, p0, dt["a_eff"], h) >= 0).astype(float)

    def shock(x):
        return np.where(x <= -nu, nu, np.where(x >= nu, 0.0, P["shock"](x, nu)))

    mix = lambda one, zero: helps * one + (1 - helps) * zero  # noqa: E731
    return {"helps": helps, "hold": mix(p1, p0), "fight": mix(f1, f0),
            "shock": mix(shock(x1), shock(x0)), "wcost": mix(pt["cP_plus"], pt["cP_minus"]),
            "dt": dt}


@lru_cache(maxsize=4)
def _A_fn(theatre: str) -> Callable:
    return sp.lambdify(symbols(), geography.A_eff(theatre), modules="numpy")


def float_tables(theatre: str | None = None) -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    """Vectorised payoff tables: ``f(point, mu_H) -> (sender, receiver)``.

    ``point`` maps every parameter name to a float or an array (arrays broadcast).  Each
    result has shape ``(2, 2, 3, *broadcast shape)`` indexed ``[type][message][design]``
    (types ``L, H``; messages ``no_cs, cs``; designs as in :data:`~.payoffs.DESIGNS`).

    Examples
    --------
    >>> f = float_tables("land")
    >>> snd, rcv = f(baseline_floats(), 0.0)
    >>> round(float(snd[1, 0, 0]), 6)
    -2.920068
    """
    geography.check_theatre(theatre)

    def call(pt: Mapping[str, Any], mu_H: Any) -> tuple[np.ndarray, np.ndarray]:
        P = _pieces()
        pt = {k: np.asarray(v, dtype=float) for k, v in pt.items()}
        mu = np.asarray(mu_H, dtype=float)
        args = [pt[s.name] for s in symbols()]
        snd, rcv = [], []
        for t in pay.TYPES:
            srow, rrow = [], []
            for m in pay.MESSAGES:
                scell, rcell = [], []
                for d in pay.DESIGNS[m]:
                    ws = {ty: _war_float(pt, theatre, m, d, ty) for ty in pay.TYPES}
                    lin = pt["V_A"] * (mu * (1 - ws["H"]["hold"])
                                       + (1 - mu) * (1 - ws["L"]["hold"]))
                    r = np.minimum(1.0, lin)
                    w, dt = ws[t], ws[t]["dt"]
                    extra = dict(D=0, A=0, k=0, md=dt["strength"], s=0, c=0, x=0, nu=0,
                                 f=w["fight"], helps=w["helps"], rho=0, v=0, p1=0, p0=0,
                                 aeff=dt["a_eff"], h=0, r=r, hold=w["hold"], shock=w["shock"],
                                 wcost=w["wcost"], b=dt["b"], kd=dt["k"], ctrl=dt["control"],
                                 ccost=dt["client_cost"])
                    xs = [extra[str(x)[2:]] for x in _X]
                    scell.append(P["client"][t](*args, *xs))
                    rcell.append(P["patron"](*args, *xs))
                srow.append(scell)
                rrow.append(rcell)
            snd.append(srow)
            rcv.append(rrow)
        shape = np.broadcast(*[np.asarray(x) for x in _flat(snd) + _flat(rcv)]).shape
        S_ = np.array([np.broadcast_to(np.asarray(x, dtype=float), shape) for x in _flat(snd)])
        R_ = np.array([np.broadcast_to(np.asarray(x, dtype=float), shape) for x in _flat(rcv)])
        return S_.reshape((2, 2, 3) + shape), R_.reshape((2, 2, 3) + shape)

    return call


def _flat(tab) -> list:
    return [x for row in tab for cell in row for x in cell]
