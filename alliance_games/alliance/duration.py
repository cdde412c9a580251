"""Alliance duration (spec section 3, last item).

Each period every member of an alliance under design ``d`` draws a logistic exit shock and
stays iff its payoff under ``d`` plus the shock beats its payoff under the fallback, so a
member with payoff gain ``dU`` stays with probability ``Logistic(dU / sigma)``.  (With the
robustness forms of :mod:`.forms` the shock may instead be normal or Student-t: the member
stays with probability ``F(dU / sigma)``, :func:`exit_cdf`.)  Then

* per-period survival ``S_d = prod_members F(dU_i / sigma)``, hazard ``1 - S_d``;
* expected duration ``E[T_d] = 1 / (1 - S_d)`` (periods, counting the current one);
* the patron's duration-weighted value ``V_d = [U(d) + delta (1-S_d)(V_f - omega)] /
  (1 - delta S_d)``, from ``V_d = U(d) + delta [S_d V_d + (1-S_d)(V_f - omega)]``, with the
  fallback kept for ever: ``V_f = U(f) / (1 - delta)``.

The fallback of a design is the patron's best of ``B`` and ``N`` (other than ``d`` itself)
after the same message, judged by what the patron knows: its expected payoff at the public
posterior ``mu_H`` (averaged over the types), not the clients' true type.  The patron's
exit gain is measured the same way; each client's gain is by its own (true) type, which it
knows.  Members: the two clients (same type, same payoff) and the patron.  The patron's
duration-weighted value sums the flows it actually gets (by the true type): averaged with
the prior it is the patron's ex-ante value.  Values are exact (``exp`` of rationals).

A period is the model's unit of time: one round in which every member may leave.  It has
no calendar length; durations in periods are compared across designs and parameters, not
with years.

Examples
--------
>>> import sympy as sp
>>> from alliance_games.alliance.duration import expected_duration, survival
>>> expected_duration(survival([0, 0], 1))
4/3
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy as sp
from sympy.core.assumptions import StdFactKB, _assume_defined

from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.forms import EXITS, forms_of
from alliance_games.alliance.parameters import S, baseline
from alliance_games.errors import ParameterError
from alliance_games.solving.algebraic import AlgebraicContext
from alliance_games.solving.quadratic import OutsideFastType, from_sympy, qsign

__all__ = ["logistic", "exit_cdf", "survival", "expected_duration", "duration_weighted_value",
           "fallback_design", "DurationResult", "design_duration", "patron_expected_payoff"]


def _recip(x: sp.Expr) -> sp.Expr:
    """``1 / x``, without sympy's evaluation of ``Pow(x, -1)`` when that evaluation cannot
    change it: ``x`` a real sum of numbers none of which is infinite or imaginary (a
    rational plus ``exp`` terms and their products, as durations build them), where
    ``Add._eval_power(-1)`` returns the power unevaluated after costly assumption queries.
    The result is the same expression (tests/test_flagship_fast_war.py compares them)."""
    if x.is_Add and x.args[0].is_Rational and all(
            a.is_Rational or isinstance(a, sp.exp) or (a.is_Mul or a.is_Pow) and a.has(sp.exp)
            for a in x.args) and not x.has(sp.I, sp.oo, sp.zoo, sp.nan, -sp.oo):
        return sp.Pow(x, sp.S.NegativeOne, evaluate=False)
    return 1 / x


def logistic(x: Any) -> sp.Expr:
    """``1 / (1 + exp(-x))`` (exact).

    Examples
    --------
    >>> logistic(0), logistic(1)
    (1/2, 1/(exp(-1) + 1))
    """
    x = sp.sympify(x)
    if x.is_Rational and x != 0:  # exp(-x) stays a transcendental number
        return _with_exp_facts(_recip(_with_exp_facts(1 + _exp_of_rational(-x))))
    if _root_sum(x):
        # exp's evaluation leaves exp(-x) as it is, except at a sum -x whose value is 0
        # (square roots that cancel, e.g. a patron's gain at an irrational posterior):
        # it proves that zero (evalf, a minimal polynomial) and makes exp(0) = 1.  The
        # same results, the zero decided exactly by the fast numbers instead (a product
        # -x is never tested for zero by exp: it stays unevaluated)
        y = -x
        if y.is_Mul:
            return _recip(1 + sp.exp(y, evaluate=False))
        if y.is_Add or y.is_Pow:
            if qsign(from_sympy(x)) == 0:
                return sp.Rational(1, 2)
            return _recip(1 + sp.exp(y, evaluate=False))
    return 1 / (1 + sp.exp(-x))


@lru_cache(maxsize=1)
def _exp_facts() -> StdFactKB:
    """Every assumption sympy derives for ``exp(r)``, ``r`` a nonzero rational: the same
    for every such ``r`` (positive, finite, transcendental, ...; tests compare them with
    sympy's own derivation at random ``r``), derived once here at ``r = 1/3``."""
    e = sp.exp(sp.Rational(1, 3))
    for fact in sorted(_assume_defined):
        getattr(e, "is_" + fact)
    return e._assumptions


def _exp_of_rational(r: sp.Rational) -> sp.Expr:
    """``exp(r)`` for a nonzero rational ``r``, with its assumptions known from the start
    (:func:`_exp_facts`).  The expression is sympy's own; only its facts are not derived
    again: each new ``exp`` of a 600-digit rational otherwise costs sympy about a
    millisecond of assumption queries (evaluations, ``exp(r)/(pi I)`` built to ask
    whether it is rational, ...) when durations are multiplied and summed."""
    e = sp.exp(r)
    return _with_exp_facts(e) if isinstance(e, sp.exp) else e


def _with_exp_facts(x: sp.Expr) -> sp.Expr:
    """``x`` (``exp(r)``, ``1 + exp(r)`` or ``1 / (1 + exp(r))``, ``r`` a nonzero
    rational) with :func:`_exp_facts` as its assumptions: sympy derives exactly these for
    all three (positive, finite, transcendental, ...; tests compare them at random
    ``r``).  Facts already derived are kept."""
    facts = _exp_facts()
    old = x._assumptions
    if len(old) < len(facts):
        kb = StdFactKB()  # a copy of the facts without deducing them again (copy() would)
        dict.update(kb, facts)
        kb._generator = old._generator  # what the object was built with, as before
        x._assumptions = kb
    return x


def _root_sum(x: sp.Expr) -> bool:
    """True for a sum of rational multiples of square roots of rationals that is not a
    sympy Rational (its value may still be rational, even 0)."""
    if x.is_Rational:
        return False
    try:
        from_sympy(x)
    except (OutsideFastType, ZeroDivisionError):
        return False
    return True


def exit_cdf(z: Any, exit: str = "logistic") -> sp.Expr:
    """Probability ``F(z)`` that a member with standardised gain ``z = dU / sigma`` stays.

    ``"logistic"``: ``1 / (1 + exp(-z))`` (the baseline); ``"normal"``: the normal
    distribution with the logistic's variance, ``Phi(sqrt(3) z / pi)``
    ``= (1 + erf(sqrt(6) z / (2 pi))) / 2``; ``"t2"``: Student-t with 2 degrees of freedom
    scaled to the logistic's level and slope at zero, ``1/2 + z / (2 sqrt(4 + z^2))``
    (algebraic).  All exact: sympy expressions at exact ``z``.

    Raises
    ------
    ParameterError
        For an unknown distribution.

    Examples
    --------
    >>> exit_cdf(0, "normal"), exit_cdf(0, "t2"), exit_cdf(0)
    (1/2, 1/2, 1/2)
    >>> exit_cdf(2, "t2")
    sqrt(2)/4 + 1/2
    """
    z = sp.sympify(z)
    if exit == "logistic":
        return logistic(z)
    if exit == "normal":
        return (1 + sp.erf(sp.sqrt(6) * z / (2 * sp.pi))) / 2
    if exit == "t2":
        return sp.Rational(1, 2) + z / (2 * sp.sqrt(4 + z**2))
    raise ParameterError(f"unknown exit distribution {exit!r}; expected one of {EXITS}")


def survival(gains: Iterable[Any], sigma: Any, exit: str = "logistic") -> sp.Expr:
    """``prod_i F(gain_i / sigma)``: one-period survival of the alliance.

    ``F`` is the exit distribution's :func:`exit_cdf` (default the logistic).

    Examples
    --------
    >>> survival([0, 0, 0], 1)
    1/8
    >>> survival([2, 2], 1, exit="t2")
    (sqrt(2)/4 + 1/2)**2
    """
    sigma = sp.sympify(sigma)
    out = sp.Integer(1)
    for g in gains:
        out *= exit_cdf(sp.sympify(g) / sigma, exit)
    return out


def expected_duration(S_d: Any) -> sp.Expr:
    """``E[T] = 1 / (1 - S_d)``.

    Examples
    --------
    >>> expected_duration(sp.Rational(3, 4))
    4
    """
    return _recip(1 - sp.sympify(S_d))


def duration_weighted_value(U_d: Any, U_f: Any, S_d: Any, delta: Any, omega: Any) -> sp.Expr:
    """``[U_d + delta (1-S_d)(U_f/(1-delta) - omega)] / (1 - delta S_d)``.

    Examples
    --------
    >>> duration_weighted_value(1, 1, sp.Rational(1, 2), sp.Rational(1, 2), 0)
    2
    """
    U_d, U_f, S_d = sp.sympify(U_d), sp.sympify(U_f), sp.sympify(S_d)
    delta, omega = sp.sympify(delta), sp.sympify(omega)
    V_f = U_f / (1 - delta)
    return (U_d + delta * (1 - S_d) * (V_f - omega)) * _recip(1 - delta * S_d)


def patron_expected_payoff(message: str, design: str, *, mu_H: Any,
                           theatre: str | None = None, point: Mapping[Any, Any] | None = None
                           ) -> sp.Expr:
    """The patron's per-period payoff expected at the posterior: ``sum_t mu_t U_P(t)``.

    Examples
    --------
    >>> patron_expected_payoff("cs", "M", mu_H=1) == pay.patron_payoff("H", "cs", "M", mu_H=1,
    ...                                                                point=baseline())
    True
    """
    point = baseline() if point is None else point
    mu_H = sp.sympify(mu_H)
    w = {"L": 1 - mu_H, "H": mu_H}
    return sum(w[t] * pay.patron_payoff(t, message, design, theatre=theatre, point=point,
                                        mu_H=mu_H) for t in pay.TYPES if w[t] != 0)


def fallback_design(type_: str | None, message: str, design: str, *, mu_H: Any,
                    theatre: str | None = None, point: Mapping[Any, Any] | None = None
                    ) -> str | None:
    """The patron's best of ``B`` and ``N`` other than ``design`` (None for ``N``).

    Decided by the patron's expected payoff at the posterior ``mu_H`` (exactly; a tie goes
    to ``N``), so it does not depend on ``type_`` (kept for the call signature).

    Examples
    --------
    >>> fallback_design("H", "cs", "M", mu_H=1)
    'B'
    """
    if design == "N":
        return None
    if design == "B":
        return "N"
    u = {d: patron_expected_payoff(message, d, mu_H=mu_H, theatre=theatre, point=point)
         for d in ("B", "N")}
    return "B" if AlgebraicContext.sign(u["B"] - u["N"]) > 0 else "N"


@dataclass(frozen=True)
class DurationResult:
    """Duration of one design for one type at one public belief.

    ``survival``, ``expected_duration`` are None for ``N`` (no alliance); ``patron_value``
    is then ``U_P(N) / (1 - delta)``.
    """

    type_: str
    message: str
    design: str
    mu_H: sp.Expr
    fallback: str | None
    client_gain: sp.Expr | None
    patron_gain: sp.Expr | None
    survival: sp.Expr | None
    expected_duration: sp.Expr | None
    patron_value: sp.Expr

    def numeric(self, digits: int = 15) -> dict[str, float | None]:
        """Floats of the exact values, for display."""
        f = lambda x: None if x is None else float(sp.N(x, digits))  # noqa: E731
        return {"survival": f(self.survival), "expected_duration": f(self.expected_duration),
                "patron_value": f(self.patron_value)}


def design_duration(type_: str, message: str, design: str, *, mu_H: Any,
                    theatre: str | None = None, point: Mapping[Any, Any] | None = None
                    ) -> DurationResult:
    """Survival, expected duration and the patron's duration-weighted value of a design.

    Examples
    --------
    >>> r = design_duration("H", "cs", "M", mu_H=1)
    >>> r.fallback, round(r.numeric()["expected_duration"], 3)
    ('B', 3.674)
    """
    point = pay.keyed_point(baseline() if point is None else point)
    mu_H = sp.sympify(mu_H)
    if isinstance(point, pay.KeyedPoint):  # a pure function of the point: memoised
        return _design_duration_memo(type_, message, design, mu_H, theatre, point)
    return _design_duration(type_, message, design, mu_H, theatre, point)


@lru_cache(maxsize=8192)
def _design_duration_memo(type_: str, message: str, design: str, mu_H: sp.Expr,
                          theatre: str | None, point: pay.KeyedPoint) -> DurationResult:
    """:func:`design_duration` memoised: the summaries ask for the same design at the same
    belief for the quantities and again for the patron's value."""
    return _design_duration(type_, message, design, mu_H, theatre, point)


def _design_duration(type_: str, message: str, design: str, mu_H: sp.Expr,
                     theatre: str | None, point: Mapping[Any, Any]) -> DurationResult:
    e = pay.env(point)
    kw = dict(theatre=theatre, point=point, mu_H=mu_H)
    U_P = pay.patron_payoff(type_, message, design, **kw)
    f = fallback_design(type_, message, design, **kw)
    if f is None:
        return DurationResult(type_, message, design, mu_H, None, None, None, None, None,
                              U_P / (1 - e[S.delta]))
    U_Pf = pay.patron_payoff(type_, message, f, **kw)
    gC = pay.client_payoff(type_, message, design, **kw) - pay.client_payoff(
        type_, message, f, **kw)
    gP = (patron_expected_payoff(message, design, **kw)
          - patron_expected_payoff(message, f, **kw))
    S_d = survival([gC, gC, gP], e[S.sigma], forms_of(e).exit)
    V = duration_weighted_value(U_P, U_Pf, S_d, e[S.delta], e[S.omega])
    return DurationResult(type_, message, design, mu_H, f, gC, gP, S_d,
                          expected_duration(S_d), V)
