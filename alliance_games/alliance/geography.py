"""Geography of the CSA model: loss-of-strength gradient, water, foothold, threat theta.

Functional form (documented choice).  The theatre's loss-of-strength multiplier is
``lam_land`` on land and ``lam_sea = w * lam_land`` at sea (Mearsheimer's stopping power of
water, formal-anchors 2.10).  A foothold ``phi`` closes a share of the distance, which
moves the multiplier toward its zero-distance value 1.  Default (``form="linear"``)::

    lam_eff = lam_g + phi * (1 - lam_g)

the linear interpolation between the theatre's gradient and zero distance; it keeps every
quantity rational at rational parameters, so the solver stays exact.  The alternative
``form="geometric"``, ``lam_eff = lam_g**(1 - phi)``, is what an exponential gradient
``exp(-gamma*d)`` gives when a share ``phi`` of the distance ``d`` is closed; it agrees with
the linear form at ``phi = 0`` and ``phi = 1`` and is irrational in general.

The adversary's effective strength is ``A_eff = pi_A * lam_eff`` and the credible
occupation threat is the Tullock probability that it defeats an unaided client:
``theta = A_eff / (A_eff + kappa)``.

Examples
--------
>>> from alliance_games.alliance.geography import theta
>>> from alliance_games.alliance.parameters import baseline
>>> theta("land", baseline()), theta("sea", baseline())
(2/3, 1/3)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from alliance_games.alliance.parameters import S, as_point
from alliance_games.errors import ParameterError

__all__ = ["THEATRES", "lam_theatre", "lam_eff", "A_eff", "theta", "pi_for_theta"]

THEATRES = ("land", "sea")


def _get(point: Mapping[Any, Any] | None, sym: sp.Symbol) -> sp.Expr:
    if point is None:
        return sym
    return as_point(point).get(sym, sym)


def _check_theatre(theatre: str) -> None:
    if theatre not in THEATRES:
        raise ParameterError(f"theatre must be one of {THEATRES}, got {theatre!r}")


def lam_theatre(theatre: str = "land", point: Mapping[Any, Any] | None = None) -> sp.Expr:
    """Loss-of-strength multiplier of a theatre without foothold.

    Examples
    --------
    >>> lam_theatre("sea")
    lam_land*w
    """
    _check_theatre(theatre)
    lam = _get(point, S.lam_land)
    return lam if theatre == "land" else _get(point, S.w) * lam


def lam_eff(theatre: str = "land", point: Mapping[Any, Any] | None = None, *,
            form: str = "linear") -> sp.Expr:
    """Effective multiplier with foothold ``phi`` (see the module docstring for the form).

    Examples
    --------
    >>> lam_eff("sea", {"lam_land": 1, "w": "1/4", "phi": "1/2"})
    5/8
    """
    lam_g = lam_theatre(theatre, point)
    ph = _get(point, S.phi)
    if form == "linear":
        return lam_g + ph * (1 - lam_g)
    if form == "geometric":
        return lam_g ** (1 - ph)
    raise ParameterError(f"form must be 'linear' or 'geometric', got {form!r}")


def A_eff(theatre: str = "land", point: Mapping[Any, Any] | None = None, *,
          form: str = "linear") -> sp.Expr:
    """Adversary's effective strength ``pi_A * lam_eff``.

    Examples
    --------
    >>> A_eff("land", {"pi_A": 2, "lam_land": 1, "phi": 0})
    2
    """
    return _get(point, S.pi_A) * lam_eff(theatre, point, form=form)


def theta(theatre: str = "land", point: Mapping[Any, Any] | None = None, *,
          form: str = "linear") -> sp.Expr:
    """Credible occupation threat ``A_eff / (A_eff + kappa)``.

    Examples
    --------
    >>> theta("sea", {"pi_A": 2, "lam_land": 1, "w": "1/4", "phi": 0, "kappa": 1})
    1/3
    """
    A = A_eff(theatre, point, form=form)
    return A / (A + _get(point, S.kappa))


def pi_for_theta(target: Any, theatre: str = "land", point: Mapping[Any, Any] | None = None,
                 *, form: str = "linear") -> sp.Expr:
    """The ``pi_A`` that gives threat ``theta = target`` (other parameters from ``point``).

    Inverts ``theta``: ``pi_A = kappa * theta / ((1 - theta) * lam_eff)``.

    Examples
    --------
    >>> pi_for_theta("1/2", "sea", {"lam_land": 1, "w": "1/4", "phi": 0, "kappa": 1})
    4
    """
    t = sp.Rational(target) if not isinstance(target, sp.Basic) else target
    if t.is_number and not (0 < t < 1):
        raise ParameterError(f"theta must lie in (0, 1), got {t}")
    return _get(point, S.kappa) * t / ((1 - t) * lam_eff(theatre, point, form=form))
