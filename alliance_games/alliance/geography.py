"""Geography of the CSA model: the threat theta from power, distance, water and foothold.

The credible occupation threat is not a primitive: it comes from the adversary's offensive
power ``pi_A``, the distance ``d`` of its forces from the clients, the water share ``s_w``
of that approach, the stopping power of water ``beta_w`` and a foothold ``phi``.

Functional form (documented choice).  A unit of distance over water costs the adversary as
much strength as ``beta_w`` units over land (Mearsheimer's stopping power of water; the
article: "Maritime theatres require greater amounts of military power and expertise to
post the same credible threats of military occupation").  A foothold (East Germany 1947,
northern Hokkaido had Stalin's landing gone ahead) closes a share ``phi`` of the approach.
The effective distance and the loss-of-strength multiplier are::

    d_eff   = (1 - phi) * d * (1 + (beta_w - 1) * s_w)
    lam_eff = 1 / (1 + d_eff)                      (form="hyperbolic", default)
    lam_eff = 2 ** (-d_eff)                        (form="exponential")

``d`` is measured in land half-strength units: over one unit of land distance the
adversary keeps half its strength under both forms.  The hyperbolic gradient (Boulding's
loss-of-strength gradient in its rational form) keeps every quantity rational at rational
parameters, so the solver stays exact; the exponential one is the robustness variant.

The adversary's effective strength is ``A_eff = pi_A * lam_eff`` and the credible occupation
threat is the Tullock probability that it defeats an unaided client of strength ``kappa``:
``theta = A_eff / (A_eff + kappa)``.

Theatres.  ``theatre="land"`` is the approach with no water (``s_w = 0``) and ``"sea"`` the
approach entirely over water (``s_w = 1``); ``theatre=None`` takes the water share from the
point (a mixed approach such as the Channel in front of Britain).

Examples
--------
>>> from alliance_games.alliance.geography import theta
>>> from alliance_games.alliance.parameters import baseline
>>> theta("land", baseline()), theta("sea", baseline())
(2/3, 1/3)
>>> theta(None, baseline(s_w="1/2"))
4/9
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from alliance_games.alliance.parameters import S, as_point
from alliance_games.errors import ParameterError

__all__ = ["THEATRES", "THEATRE_WATER", "FORMS", "water_share", "effective_distance",
           "lam_eff", "A_eff", "A_eff_of", "theta", "pi_for_theta", "theatre_label",
           "check_theatre",
           "apply_theatre"]

THEATRES = ("land", "sea")
#: Water share of the approach of each pure theatre.
THEATRE_WATER: dict[str, sp.Integer] = {"land": sp.Integer(0), "sea": sp.Integer(1)}
FORMS = ("hyperbolic", "exponential")


def _get(point: Mapping[Any, Any] | None, sym: sp.Symbol) -> sp.Expr:
    if point is None:
        return sym
    return as_point(point).get(sym, sym)


def check_theatre(theatre: str | None) -> None:
    """Raise ParameterError unless ``theatre`` is ``"land"``, ``"sea"`` or None.

    Examples
    --------
    >>> check_theatre("air")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    alliance_games.errors.ParameterError: theatre must be one of ('land', 'sea') or None, ...
    """
    if theatre is not None and theatre not in THEATRES:
        raise ParameterError(f"theatre must be one of {THEATRES} or None, got {theatre!r}")


def apply_theatre(values: Mapping[Any, Any] | None, theatre: str | None
                  ) -> dict[sp.Symbol, sp.Expr]:
    """``values`` (as ``{Symbol: exact}``) with the theatre's water share set.

    ``theatre=None`` leaves ``s_w`` as given (or to the baseline); ``"land"``/``"sea"`` set
    it to 0/1 and refuse an explicit ``s_w`` that disagrees.

    Raises
    ------
    ParameterError
        If ``values`` gives a water share other than the theatre's.

    Examples
    --------
    >>> apply_theatre({"pi_A": 3}, "sea")
    {pi_A: 3, s_w: 1}
    >>> apply_theatre({"s_w": "1/2"}, "land")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    alliance_games.errors.ParameterError: theatre 'land' means water share s_w = 0, ...
    """
    check_theatre(theatre)
    out = as_point(values)
    if theatre is None:
        return out
    w = THEATRE_WATER[theatre]
    if S.s_w in out and out[S.s_w] != w:
        raise ParameterError(f"theatre {theatre!r} means water share s_w = {w}, but s_w = "
                             f"{out[S.s_w]} was given; pass theatre=None to use a mixed "
                             "approach")
    out[S.s_w] = w
    return out


def water_share(theatre: str | None = None, point: Mapping[Any, Any] | None = None
                ) -> sp.Expr:
    """The water share of the approach: 0 on land, 1 at sea, the point's ``s_w`` for None.

    Examples
    --------
    >>> water_share("sea"), water_share(None, {"s_w": "1/4"})
    (1, 1/4)
    """
    check_theatre(theatre)
    if theatre is None:
        return _get(point, S.s_w)
    return THEATRE_WATER[theatre]


def theatre_label(theatre: str | None, point: Mapping[Any, Any] | None = None) -> str:
    """A name for the approach: ``land``, ``sea`` or ``s_w=<share>``.

    Examples
    --------
    >>> theatre_label(None, {"s_w": 0}), theatre_label(None, {"s_w": "1/4"})
    ('land', 's_w=1/4')
    """
    s = water_share(theatre, point)
    if s == 0:
        return "land"
    if s == 1:
        return "sea"
    return f"s_w={s}"


def effective_distance(theatre: str | None = None, point: Mapping[Any, Any] | None = None
                       ) -> sp.Expr:
    """``d_eff = (1 - phi) * d * (1 + (beta_w - 1) * s_w)`` in land half-strength units.

    Examples
    --------
    >>> effective_distance("sea", {"d": 1, "beta_w": 7, "phi": "1/2"})
    7/2
    """
    s = water_share(theatre, point)
    return _d_eff(s, _get(point, S.phi), _get(point, S.d), _get(point, S.beta_w))


def _d_eff(s: Any, phi: Any, d: Any, beta_w: Any) -> Any:
    """The effective distance from its primitives (sympy numbers or Fractions alike)."""
    return (1 - phi) * d * (1 + (beta_w - 1) * s)


def A_eff_of(theatre: str | None, values: Mapping[Any, Any]) -> Any:
    """:func:`A_eff` (hyperbolic form) from a complete ``{Symbol: value}`` mapping whose
    values may be :class:`~fractions.Fraction` (the fast exact path of the war stage) or
    sympy numbers; no sympy object is built for Fractions.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from alliance_games.alliance.parameters import baseline
    >>> e = {k: Fraction(int(v.p), int(v.q)) for k, v in baseline().items()}
    >>> A_eff_of("sea", e) == A_eff("sea", baseline())
    True
    """
    check_theatre(theatre)
    s = values[S.s_w] if theatre is None else int(THEATRE_WATER[theatre])
    x = _d_eff(s, values[S.phi], values[S.d], values[S.beta_w])
    return values[S.pi_A] * (1 / (1 + x))


def lam_eff(theatre: str | None = None, point: Mapping[Any, Any] | None = None, *,
            form: str = "hyperbolic") -> sp.Expr:
    """Loss-of-strength multiplier after distance, water and foothold (module docstring).

    Examples
    --------
    >>> lam_eff("sea", {"d": 1, "beta_w": 7, "phi": "1/2"})
    2/9
    >>> lam_eff("land", {"d": 1, "phi": 0}, form="exponential")
    1/2
    """
    x = effective_distance(theatre, point)
    if form == "hyperbolic":
        return 1 / (1 + x)
    if form == "exponential":
        return sp.Integer(2) ** (-x)
    raise ParameterError(f"form must be one of {FORMS}, got {form!r}")


def A_eff(theatre: str | None = None, point: Mapping[Any, Any] | None = None, *,
          form: str = "hyperbolic") -> sp.Expr:
    """Adversary's effective strength ``pi_A * lam_eff``.

    Examples
    --------
    >>> A_eff("land", {"pi_A": 4, "d": 1, "phi": 0})
    2
    """
    return _get(point, S.pi_A) * lam_eff(theatre, point, form=form)


def theta(theatre: str | None = None, point: Mapping[Any, Any] | None = None, *,
          form: str = "hyperbolic") -> sp.Expr:
    """Credible occupation threat ``A_eff / (A_eff + kappa)``.

    Examples
    --------
    >>> theta("sea", {"pi_A": 4, "d": 1, "beta_w": 7, "phi": 0, "kappa": 1})
    1/3
    """
    A = A_eff(theatre, point, form=form)
    return A / (A + _get(point, S.kappa))


def pi_for_theta(target: Any, theatre: str | None = None,
                 point: Mapping[Any, Any] | None = None, *, form: str = "hyperbolic"
                 ) -> sp.Expr:
    """The offensive power ``pi_A`` that gives threat ``theta = target`` (others from ``point``).

    Inverts ``theta``: ``pi_A = kappa * theta / ((1 - theta) * lam_eff)``.  This moves theta
    along the power axis only; distance, water and foothold stay as coded.

    Examples
    --------
    >>> pi_for_theta("1/2", "sea", {"d": 1, "beta_w": 7, "phi": 0, "kappa": 1})
    8
    """
    t = sp.Rational(target) if not isinstance(target, sp.Basic) else target
    if t.is_number and not (0 < t < 1):
        raise ParameterError(f"theta must lie in (0, 1), got {t}")
    return _get(point, S.kappa) * t / ((1 - t) * lam_eff(theatre, point, form=form))
