"""Closed forms of the war stage (spec section 3).

All functions take sympy expressions (or numbers) and return sympy expressions; at exact
numbers they return exact numbers.  When the numbers are :class:`~fractions.Fraction`
(with ints) they compute in Fractions and return Fractions, building no sympy object: the
fast exact path of the war stage (:mod:`.payoffs`) runs these same formulas on them.
Notation: ``A`` is the adversary's effective strength, ``k`` one client's strength, ``md``
the patron's strength under design ``d``.

* Tullock contest: ``p(D) = D / (D + A)``; with a contest exponent ``r`` (a robustness
  form, :class:`~.forms.Forms`) ``p(D) = D^r / (D^r + A^r)``.  Every function taking ``r``
  uses this contest; ``r = 1`` (the default) builds exactly the baseline expressions.
* Patron's net war value with and without the partner's help:
  ``W(1) = s_P*[p(2k+md) - p(2k)] - cP_plus``, ``W(0) = s_P*[p(k+md) - p(k)] - cP_minus``.
* Patron's fight probability with shock ``eps ~ U[-nu, nu]``: it fights iff
  ``x + eps >= 0`` with ``x = W(help) + b_d``, so ``phi(x) = clamp((x+nu)/(2nu), 0, 1)``.
* ``Pbar(x)``: probability the defence holds when the partner helps (x=1) or not (x=0).
* Adversary's attack probability ``r = min(1, V_A * sum_t mu_t (1 - P_t))`` (its war cost is
  ``U[0, 1]``).
* Value of a neighbour's help to an unaided client: ``p(2k) - p(k)``, which in terms of the
  threat ``theta`` is ``theta (1 - theta) / (2 - theta)``, peaking at
  ``theta* = 2 - sqrt(2) = sqrt(2)/(1 + sqrt(2))`` (the futility point of H6).

Examples
--------
>>> import sympy as sp
>>> from alliance_games.alliance.war import help_value_peak
>>> sp.simplify(help_value_peak() - sp.sqrt(2) / (1 + sp.sqrt(2)))
0
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy as sp

from alliance_games.alliance._branching import Branches
from alliance_games.solving.algebraic import AlgebraicContext

__all__ = [
    "tullock", "W_help", "W_alone", "fight_probability", "fight_probability_interior",
    "expected_shock_given_fight", "pbar", "partner_help_margin", "attack_probability",
    "help_value", "help_value_theta", "help_value_peak",
]


def _fractions(*xs: Any) -> bool:
    """True when some value is a Fraction and the others are Fractions or ints: compute in
    Fractions (plain ints alone keep the sympy results the functions always returned)."""
    types = {type(x) for x in xs}
    if types == {Fraction} or types == {Fraction, int}:  # the fast path's common case
        return True
    return (any(isinstance(x, Fraction) for x in xs)
            and all(isinstance(x, (Fraction, int)) and not isinstance(x, bool) for x in xs))


def _fraction(x: Fraction | int) -> Fraction:
    """``x`` as a Fraction (itself when it is one: no new object)."""
    return x if type(x) is Fraction else Fraction(x)


def _vals(*xs: Any) -> tuple:
    """The arguments as they are if :func:`_fractions`, else sympified."""
    return xs if _fractions(*xs) else tuple(sp.sympify(x) for x in xs)


def tullock(D: Any, A: Any, r: Any = 1) -> sp.Expr:
    """Probability the defence holds, ``D / (D + A)``, or ``D^r / (D^r + A^r)``.

    ``r`` is the contest's decisiveness: below 1 war is more of a lottery, above 1 the
    stronger side wins more surely.

    Examples
    --------
    >>> tullock(1, 2), tullock(1, 2, r=2), tullock(1, 4, r="1/2")
    (1/3, 1/5, 1/3)
    """
    if _fractions(D, A) and sp.sympify(r).is_Integer:
        return _tullock_q(Fraction(D), Fraction(A), int(r))
    D, A, r = sp.sympify(D), sp.sympify(A), sp.sympify(r)
    if r == 1:
        return D / (D + A)
    return D**r / (D**r + A**r)


@lru_cache(maxsize=4096)
def _tullock_q(D: Fraction, A: Fraction, r: int) -> Fraction:
    """:func:`tullock` in Fractions, memoised: the war stage asks for each contest twice
    (in ``W`` and in ``Pbar``) and for the same ones under several designs."""
    return D / (D + A) if r == 1 else D**r / (D**r + A**r)


def W_help(s_P: Any, k: Any, md: Any, A: Any, cP_plus: Any, r: Any = 1) -> sp.Expr:
    """``W(1) = s_P*[p(2k+md) - p(2k)] - cP_plus``: patron's net war value if the partner helps.

    Examples
    --------
    >>> W_help(10, 1, 3, 2, "5/2"), W_help(10, 1, 3, 2, "5/2", r=2)
    (-5/14, 65/58)
    """
    s_P, k, cP_plus = _vals(s_P, k, cP_plus)
    return s_P * (tullock(2 * k + md, A, r) - tullock(2 * k, A, r)) - cP_plus


def W_alone(s_P: Any, k: Any, md: Any, A: Any, cP_minus: Any, r: Any = 1) -> sp.Expr:
    """``W(0) = s_P*[p(k+md) - p(k)] - cP_minus``: net war value if the partner stays out.

    Assumption A-entrap is ``W(0) < 0``.

    Examples
    --------
    >>> W_alone(10, 1, 3, 2, 5), W_alone(10, 1, 3, 2, 5, r=2)
    (-5/3, 1)
    """
    s_P, k, cP_minus = _vals(s_P, k, cP_minus)
    return s_P * (tullock(k + md, A, r) - tullock(k, A, r)) - cP_minus


def fight_probability(x: Any, nu: Any, branches: Branches | None = None) -> sp.Expr:
    """``clamp((x + nu) / (2 nu), 0, 1)`` as a Piecewise (exact at numbers).

    Examples
    --------
    >>> fight_probability(0, 1), fight_probability(5, 1), fight_probability(-5, 1)
    (1/2, 1, 0)
    """
    if _fractions(x, nu) and (branches is None or branches.reference is None):
        # exact mode at numbers: the Piecewise's branch, decided in the same order
        x, nu = _fraction(x), _fraction(nu)
        return Fraction(0) if x <= -nu else Fraction(1) if x >= nu else (x + nu) / (2 * nu)
    x, nu = sp.sympify(x), sp.sympify(nu)
    b = branches or Branches()
    return b.select([(sp.Integer(0), x <= -nu), (sp.Integer(1), x >= nu),
                     (fight_probability_interior(x, nu), sp.true)])


def fight_probability_interior(x: Any, nu: Any) -> sp.Expr:
    """Branch-free form ``(x + nu) / (2 nu)``, valid for ``-nu < x < nu``.

    Examples
    --------
    >>> fight_probability_interior("1/2", 1)
    3/4
    """
    x, nu = sp.sympify(x), sp.sympify(nu)
    return (x + nu) / (2 * nu)


def expected_shock_given_fight(x: Any, nu: Any, branches: Branches | None = None) -> sp.Expr:
    """``E[eps | x + eps >= 0]`` for ``eps ~ U[-nu, nu]``.

    ``(nu - x)/2`` inside ``(-nu, nu)``; ``0`` when the patron always fights (``x >= nu``);
    ``nu`` (the limit) when it never fights, where it is multiplied by a zero probability.

    Examples
    --------
    >>> expected_shock_given_fight(0, 1), expected_shock_given_fight(2, 1)
    (1/2, 0)
    """
    if _fractions(x, nu) and (branches is None or branches.reference is None):
        x, nu = _fraction(x), _fraction(nu)
        return nu if x <= -nu else Fraction(0) if x >= nu else (nu - x) / 2
    x, nu = sp.sympify(x), sp.sympify(nu)
    b = branches or Branches()
    return b.select([(nu, x <= -nu), (sp.Integer(0), x >= nu), ((nu - x) / 2, sp.true)])


def pbar(helps: Any, fight: Any, k: Any, md: Any, A: Any, r: Any = 1) -> sp.Expr:
    """``Pbar(x) = phi_x p(k(1+x) + md) + (1 - phi_x) p(k(1+x))``; ``helps`` is x in {0, 1}.

    Examples
    --------
    >>> pbar(0, 0, 1, 3, 2), pbar(1, 1, 1, 3, 2), pbar(1, 1, 1, 3, 2, r=2)
    (1/3, 5/7, 25/29)
    """
    k, helps, fight = _vals(k, helps, fight)
    D = k * (1 + helps)
    return fight * tullock(D + md, A, r) + (1 - fight) * tullock(D, A, r)


def partner_help_margin(rho: Any, v: Any, pbar1: Any, pbar0: Any, a_eff: Any, h: Any) -> sp.Expr:
    """``rho v [Pbar(1) - Pbar(0)] + a_eff - h``: the partner helps iff it is ``>= 0``.

    Examples
    --------
    >>> partner_help_margin("1/2", 12, "5/7", "1/3", 3, 1)
    30/7
    """
    rho, v, pbar1, pbar0, a_eff, h = _vals(rho, v, pbar1, pbar0, a_eff, h)
    return rho * v * (pbar1 - pbar0) + a_eff - h


def attack_probability(V_A: Any, beliefs: Mapping[str, Any], hold: Mapping[str, Any],
                       branches: Branches | None = None,
                       belief_range: bool = True) -> sp.Expr:
    """``r = min(1, V_A * sum_t mu_t (1 - P_t))``.

    ``beliefs`` maps types to ``mu_t`` (symbols or numbers), ``hold`` maps types to ``P_t``.
    The cap is dropped when it cannot bind for any belief: the sum is linear in the
    beliefs, so ``V_A (1 - P_t) <= 1`` for every type suffices (``belief_range=True``).
    In reference mode that condition is recorded; otherwise ``Min(1, ...)`` is kept.

    Examples
    --------
    >>> import sympy as sp
    >>> mu = sp.Symbol("mu_H")
    >>> attack_probability(1, {"H": mu, "L": 1 - mu}, {"H": "1/2", "L": "1/4"})
    3/4 - mu_H/4
    >>> attack_probability(4, {"H": mu, "L": 1 - mu}, {"H": "1/2", "L": "1/4"})
    Min(1, 3 - mu_H)
    """
    V_A = sp.sympify(V_A)
    lin = V_A * sum(sp.sympify(beliefs[t]) * (1 - sp.sympify(hold[t])) for t in beliefs)
    lin = sp.expand(lin)
    if belief_range:
        terms = [V_A * (1 - sp.sympify(hold[t])) for t in beliefs]
        b = branches or Branches()
        if all(x.is_number for x in terms):
            return lin if all(x <= 1 for x in terms) else sp.Min(1, lin)
        if b.reference is not None:
            return b.select([(lin, sp.And(*[x <= 1 for x in terms])), (sp.Min(1, lin), sp.true)])
    return sp.Min(1, lin)


def help_value(k: Any, A: Any, r: Any = 1) -> sp.Expr:
    """Value of a neighbour's help to an unaided client: ``p(2k) - p(k)``.

    Examples
    --------
    >>> help_value(1, 2), help_value(1, 2, r=2)
    (1/6, 3/10)
    """
    k = sp.sympify(k)
    return tullock(2 * k, A, r) - tullock(k, A, r)


def help_value_theta(theta: Any) -> sp.Expr:
    """The value of help as a function of ``theta``: ``theta (1 - theta) / (2 - theta)``.

    Examples
    --------
    >>> help_value_theta(sp.Rational(2, 3))
    1/6
    """
    t = sp.sympify(theta)
    return t * (1 - t) / (2 - t)


def help_value_peak() -> sp.Expr:
    """The ``theta`` in (0, 1) maximising :func:`help_value_theta`, found with sympy.

    Examples
    --------
    >>> help_value_peak()
    2 - sqrt(2)
    """
    t = sp.Symbol("theta", positive=True)
    crit = sp.solve(sp.diff(help_value_theta(t), t), t)
    inside = [c for c in crit if (c > 0) and (c < 1)]
    return AlgebraicContext.simplify(inside[0])
