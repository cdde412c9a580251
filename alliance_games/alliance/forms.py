"""Functional forms of the CSA model, as data: the contest exponent and the exit shocks.

The spec's closed forms (section 3) are a baseline; robustness asks which results hang on
them.  A :class:`Forms` object names the forms a point is solved with:

* ``contest_exponent`` ``r``: the defence holds with probability
  ``p(D) = D^r / (D^r + A^r)`` (a Tullock contest of decisiveness ``r``).  ``r = 1`` is the
  baseline ``D / (D + A)``; ``r < 1`` makes war more of a lottery (strength matters less),
  ``r > 1`` more decisive (the stronger side wins more surely).  ``r`` must be a positive
  integer: the solver needs rational payoffs, and a fractional exponent (``r = 1/2``)
  makes them irrational (square roots of strengths), so only the more decisive side of
  the baseline can be solved exactly today.  The threat ``theta = A / (A + kappa)``
  (:mod:`.geography`) keeps its baseline definition as the scale of the adversary's
  relative strength (a monotone function of ``A / kappa``, so comparative statics in
  theta keep their direction); under exponent ``r`` the probability that the adversary
  defeats an unaided client is ``theta^r / (theta^r + (1 - theta)^r)``.
* ``exit``: the distribution of the per-period exit shocks.  A member whose payoff gain
  from the alliance over its fallback is ``dU`` stays with probability ``F(dU / sigma)``:

  - ``"logistic"`` (baseline): ``F(z) = 1 / (1 + exp(-z))``;
  - ``"normal"`` (probit): normal shocks with the logistic's variance,
    ``F(z) = Phi(sqrt(3) z / pi)``: thinner tails;
  - ``"t2"``: Student-t shocks with 2 degrees of freedom scaled to the logistic's level and
    slope at zero gain, ``F(z) = 1/2 + z / (2 sqrt(4 + z^2))``: heavy (polynomial) tails,
    so members with large gains still leave now and then.  Algebraic, hence exact signs.

  All three give ``F(0) = 1/2``.  A bounded (uniform, linear-probability) shock is not
  offered: it makes survival exactly 1 for large gains, hence infinite durations.

The forms travel with the parameter point, under the key ``"forms"``
(:data:`FORMS_KEY`), so that every solve, cache and worker process sees them; a point
without that key uses :data:`DEFAULT_FORMS`, and :func:`~.parameters.as_point` drops the
key when it holds the defaults (default points are unchanged).

Examples
--------
>>> f = Forms(contest_exponent=2, exit="t2")
>>> f.contest_exponent, f.exit, f.is_default
(2, 't2', False)
>>> forms_of({"forms": f}) == f, forms_of({}) == DEFAULT_FORMS
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from alliance_games.errors import ParameterError

__all__ = ["Forms", "DEFAULT_FORMS", "EXITS", "EXIT_MEANINGS", "FORMS_KEY", "forms_of"]

#: Exit-shock distributions, by name (see the module docstring).
EXITS: tuple[str, ...] = ("logistic", "normal", "t2")
#: What each exit distribution means in the model (one sentence each).
EXIT_MEANINGS: dict[str, str] = {
    "logistic": "logistic exit shocks (the baseline): a member with gain dU stays with "
                "probability 1 / (1 + exp(-dU / sigma))",
    "normal": "normal exit shocks with the logistic's variance (probit): thinner tails, so "
              "members with large gains almost never leave",
    "t2": "Student-t exit shocks with 2 degrees of freedom, same level and slope at zero "
          "gain as the logistic: heavy tails, so even members with large gains leave now "
          "and then",
}
#: The key under which a point carries its forms.
FORMS_KEY = sp.Symbol("forms")


@dataclass(frozen=True)
class Forms:
    """The functional forms a point is solved with (module docstring).

    Parameters
    ----------
    contest_exponent
        ``r`` in ``p(D) = D^r / (D^r + A^r)``: a positive integer (int, Integer, or a
        string such as ``"2"``), never a float.
    exit
        One of :data:`EXITS`.

    Raises
    ------
    ParameterError
        For a float, an exponent that is not a positive integer, or an unknown exit
        distribution.

    Examples
    --------
    >>> Forms()
    Forms(contest_exponent=1, exit='logistic')
    >>> Forms(contest_exponent="1/2")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    alliance_games.errors.ParameterError: contest exponent must be a positive integer ...
    >>> Forms(exit="uniform")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    alliance_games.errors.ParameterError: unknown exit distribution 'uniform'; ...
    """

    contest_exponent: Any = 1
    exit: str = "logistic"

    def __post_init__(self) -> None:
        r = self.contest_exponent
        if isinstance(r, float):
            raise ParameterError(f"contest exponent: give an exact value, not the float {r!r}")
        try:
            r = sp.Rational(Fraction(r) if isinstance(r, str) else r)
        except (TypeError, ValueError):
            raise ParameterError(f"contest exponent: cannot read {r!r} as a rational "
                                 "number") from None
        if r <= 0 or not r.is_integer:
            raise ParameterError(f"contest exponent must be a positive integer (a fractional "
                                 f"one makes the payoffs irrational, which the exact solver "
                                 f"does not take), got {r}")
        if self.exit not in EXITS:
            raise ParameterError(f"unknown exit distribution {self.exit!r}; expected one of "
                                 f"{EXITS}")
        object.__setattr__(self, "contest_exponent", r)

    @property
    def is_default(self) -> bool:
        """True for the baseline forms (``r = 1``, logistic exit)."""
        return self == DEFAULT_FORMS

    @property
    def label(self) -> str:
        """A short name, e.g. ``r=1/2`` or ``exit=t2`` (the non-default parts).

        Examples
        --------
        >>> Forms().label, Forms(2, "normal").label
        ('baseline', 'r=2, exit=normal')
        """
        parts = []
        if self.contest_exponent != 1:
            parts.append(f"r={self.contest_exponent}")
        if self.exit != "logistic":
            parts.append(f"exit={self.exit}")
        return ", ".join(parts) or "baseline"

    def meaning(self) -> str:
        """One sentence on what these forms mean in the model.

        Examples
        --------
        >>> Forms(contest_exponent=2).meaning()  # doctest: +ELLIPSIS
        'contest exponent r = 2: the defence holds with probability D^2 / (D^2 + A^2), ...'
        """
        out = []
        r = self.contest_exponent
        if r != 1:
            kind = ("war is more of a lottery (strength matters less)" if r < 1 else
                    "war is more decisive (the stronger side wins more surely)")
            out.append(f"contest exponent r = {r}: the defence holds with probability "
                       f"D^{r} / (D^{r} + A^{r}), {kind}")
        if self.exit != "logistic":
            out.append(EXIT_MEANINGS[self.exit])
        if not out:
            return ("the baseline: the defence holds with probability D / (D + A); "
                    + EXIT_MEANINGS["logistic"])
        return "; ".join(out)


#: The baseline forms.
DEFAULT_FORMS = Forms()


def forms_of(point: Mapping[Any, Any] | None) -> Forms:
    """The forms a point carries (:data:`DEFAULT_FORMS` if none).

    Raises
    ------
    ParameterError
        If the point's ``"forms"`` entry is not a :class:`Forms`.

    Examples
    --------
    >>> forms_of(None)
    Forms(contest_exponent=1, exit='logistic')
    """
    if point is None:
        return DEFAULT_FORMS
    f = point.get(FORMS_KEY, point.get("forms", DEFAULT_FORMS))
    if not isinstance(f, Forms):
        raise ParameterError(f"the point's 'forms' entry must be a Forms object, got {f!r}")
    return f
