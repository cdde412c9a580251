"""Parameters of the collective-security-and-alliance (CSA) model.

Every parameter of the spec (``design/alliance-model.md``, sections 1 and 7) is a frozen
:class:`Parameter` record: its name, its sympy symbol, what it means, its admissible range,
its baseline value (an exact Rational) and a short quote that motivates it.  Quotes marked
``Cohen 2025`` are verbatim from M. D. Cohen, "'We need allies and collective security'",
*European Journal of International Security* (2025), doi 10.1017/eis.2024.62 (section of the
article in brackets); the others are from the formal anchor named.

Baseline values not listed in spec section 7 (``phi``, ``c_C``, ``omega``, ``k_N`` and the
geography primitives ``pi_A``, ``d``, ``s_w``, ``beta_w``) are chosen here and flagged in
:data:`CHOSEN_HERE`.

Examples
--------
>>> from alliance_games.alliance.parameters import baseline, S
>>> baseline()[S.kappa]
1
>>> baseline(a=0)[S.a]
0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from types import SimpleNamespace
from typing import Any

import sympy as sp

from alliance_games.alliance.forms import FORMS_KEY, Forms
from alliance_games.errors import ParameterError
from alliance_games.solving.algebraic import algebraic_sign

__all__ = [
    "Parameter", "PARAMETERS", "S", "CITATION", "CHOSEN_HERE", "ORDERINGS",
    "baseline", "symbols", "parameter", "validate", "as_point", "orderings_hold",
    "exact_value",
]

CITATION = "Cohen 2025, EJIS, doi 10.1017/eis.2024.62"
oo = sp.oo


@dataclass(frozen=True)
class Parameter:
    """One parameter of the CSA model.

    Attributes
    ----------
    name : str
        Identifier, also the sympy symbol's name.
    meaning : str
        What the parameter stands for.
    lower, upper : sympy number
        Admissible range; ``lower_open`` / ``upper_open`` say whether an end is excluded.
    baseline : sympy.Rational
        Baseline value (spec section 7, or chosen here: see :data:`CHOSEN_HERE`).
    box : tuple
        A finite sub-box of the admissible range used for sweeps and shares.
    source : str
        A short quote that motivates the parameter.
    citation : str
        Where the quote is from.
    """

    name: str
    meaning: str
    lower: sp.Expr
    upper: sp.Expr
    lower_open: bool
    upper_open: bool
    baseline: sp.Rational
    box: tuple[sp.Rational, sp.Rational]
    source: str
    citation: str

    @cached_property
    def symbol(self) -> sp.Symbol:
        """The sympy symbol (a plain ``Symbol(name)``, no assumptions)."""
        return sp.Symbol(self.name)

    @cached_property
    def interval(self) -> sp.Interval:
        """The admissible range as a sympy Interval."""
        return sp.Interval(self.lower, self.upper, self.lower_open, self.upper_open)

    def contains(self, value: Any) -> bool:
        """Whether ``value`` lies in the admissible range (exactly)."""
        if isinstance(value, (int, float, Fraction)):
            value = sp.Rational(value)  # a float's exact binary value
        elif not isinstance(value, sp.Expr) or not value.is_number:
            raise ParameterError(f"parameter {self.name}: {value!r} is not a number")
        if value.is_infinite:
            return False
        above = self.lower == -sp.oo or _above(value - self.lower, self.lower_open)
        return above and (self.upper == sp.oo or _above(self.upper - value, self.upper_open))


def _above(gap: sp.Expr, strict: bool) -> bool:
    """``gap > 0`` (``strict``) or ``gap >= 0``, decided exactly."""
    sign = algebraic_sign(gap)
    return sign > 0 or (sign == 0 and not strict)


def _P(name, meaning, lo, hi, base, box, source, cite=CITATION, lo_open=False, hi_open=False):
    R = sp.Rational
    return Parameter(name, meaning, sp.sympify(lo), sp.sympify(hi), lo_open, hi_open or hi == oo,
                     R(base), (R(box[0]), R(box[1])), source, cite)


_C = CITATION
_MORROW = ("Alliances have two effects: they (1) raise the allies' ability to fight together "
           "and (2) impose peacetime costs.")
PARAMETERS: tuple[Parameter, ...] = (
    _P("pi_A", "adversary's offensive power at zero distance (in units of one client's "
       "strength kappa)", 0, oo, 4, ("1/10", 20),
       "a common adversary can, given the balance of offensive power and geography, credibly "
       "threaten to militarily occupy them", _C + " [Theory, H6]", lo_open=True),
    _P("d", "distance from the adversary's forces to the clients, in land half-strength "
       "units (over one unit of land the adversary keeps half its strength)", 0, oo, 1, (0, 6),
       "The Soviet occupation of East Germany and East Berlin instilled rational fear of "
       "military occupation in territorially contiguous US European clients in the late "
       "1940s", _C + " [Introduction]"),
    _P("s_w", "water share of the approach: the share of the distance that crosses water "
       "(0 a land theatre, 1 a sea theatre)", 0, 1, 0, (0, 1),
       "Land theatres are more likely to allow adversaries to credibly threaten military "
       "occupation of clients than naval theatres.", _C + " [Theory, before H7]"),
    _P("beta_w", "stopping power of water: one unit of distance over water costs the "
       "adversary as much strength as beta_w units over land", 1, oo, 7, (1, 20),
       "Scholars like Mearsheimer and Levy and Thompson have made much of the stopping power "
       "of water", _C + " [note 17]"),
    _P("phi", "foothold: share of the adversary's approach already closed by an occupation "
       "or forward position", 0, 1, 0, (0, 1),
       "Such maritime power would have been more threatening to US clients in the region had "
       "Stalin been able to establish a foothold in Japan.", _C + " [Asia section]"),
    _P("kappa", "one client's own defensive strength", 0, oo, 1, ("1/10", 10),
       "Also important are the clients' military capabilities and skills vis-à-vis the "
       "adversary", _C + " [Theory]", lo_open=True),
    _P("m", "patron's projected strength", 0, oo, 3, ("1/10", 20),
       "if the patron came to their aid in a conflict, would the patron have to shoulder most "
       "of the military burden?", _C + " [Theory]", lo_open=True),
    _P("eta", "integration bonus of a multilateral command (m_M = m_I = m*(1+eta))", 0, oo,
       "1/4", (0, 2), "Is client military interoperability with the patron high?",
       _C + " [Theory]"),
    _P("q", "prior probability that the clients are resolved (type H)", 0, 1, "1/2",
       ("1/100", "99/100"),
       "Clients have incentives to exaggerate their capabilities and resolve to fight the "
       "adversary.", _C + " [Theory]", lo_open=True, hi_open=True),
    _P("v_L", "irresolute type's value of the status quo", 0, oo, 2, ("1/10", 30),
       "A subtle but nonetheless persistent form of entrapment problem exists with clients "
       "that don't want a war yet fear adversary aggression.", _C + " [Abstract]",
       lo_open=True),
    _P("v_H", "resolved type's value of the status quo", 0, oo, 12, ("1/10", 30),
       "how can they reassure the patron that their resolve and capabilities to defend the "
       "status quo are high?", _C + " [Theory]", lo_open=True),
    _P("h_L", "irresolute type's cost of helping an attacked neighbour", 0, oo, 6, (0, 20),
       "assessing how willing and capable the clients are of fighting for and with each other "
       "against one or more common adversaries", _C + " [Theory]"),
    _P("h_H", "resolved type's cost of helping an attacked neighbour", 0, oo, 1, (0, 20),
       "assessing how willing and capable the clients are of fighting for and with each other "
       "against one or more common adversaries", _C + " [Theory]"),
    _P("rho", "partner's spillover loss when the neighbour falls (contiguity)", 0, 1, "1/2",
       (0, 1),
       "If conquering one client would make it easier for the adversary to conquer more or all "
       "of them, all clients will have incentives to commit to each other's defence.",
       _C + " [Theory, before H6]"),
    _P("c_C", "attacked client's cost of fighting", 0, oo, 0, (0, 10),
       "clients that don't want a war yet fear adversary aggression", _C + " [Abstract]"),
    _P("a", "hand-tying (reneging) cost of voluntary collective security", 0, oo, 3, (0, 10),
       "Clients' commitment to collective security is a hand-tying costly signal that assures "
       "the patron of client resolve", _C + " [Abstract]"),
    _P("z_CS", "per-period peacetime cost of collective security", 0, oo, "3/10", (0, 3),
       "despite the tremendous load of economic recovery expenditures which they are "
       "undertaking", _C + " [Europe: the US multilateral commitment, FRUS 1949]"),
    _P("a_I", "reneging cost of multilateralism imposed by the patron", 0, oo, "1/2", (0, 10),
       "Resulting multilateral alliances will tend to not last due to the clients' weak or "
       "non-existent commitment to each other.", _C + " [Theory, before H3]"),
    _P("z", "per-period disutility of imposed multilateralism", 0, oo, "1/5", (0, 3),
       "patrons might be tempted to force such multilateralism on their clients",
       _C + " [Introduction]"),
    _P("s_P", "patron's loss if an attacked client falls", 0, oo, 10, ("1/10", 40),
       "would leave the latter ripe for the picking", _C + " [Theory]", lo_open=True),
    _P("cP_plus", "patron's war cost when the partner helps (burden sharing)", 0, oo, "5/2",
       (0, 20),
       "A formal commitment to fight if other clients are attacked signals greater resolve to "
       "defend against and deter adversary aggression through aggregating resources and "
       "sharing burdens.", _C + " [Theory]"),
    _P("cP_minus", "patron's war cost when the partner does not help", 0, oo, 5, (0, 20),
       "would the patron have to shoulder most of the military burden?", _C + " [Theory]"),
    _P("nu", "half-width of the patron's ex-post shock eps ~ U[-nu, nu]", 0, oo, 1,
       ("1/20", 10),
       "Article 5 of the NATO alliance is a strong commitment but still falls short of an "
       "'automatic response' mechanism.", _C + " [note 98]", lo_open=True),
    _P("b_M", "patron's reneging cost in a multilateral alliance (also under I)", 0, oo, "3/2",
       (0, 10),
       "Committing to military alliances is essentially drawing a red line that can signal to "
       "an adversary how far they can challenge without retaliation.", _C + " [Theory]"),
    _P("b_B", "patron's reneging cost in bilateral spokes", 0, oo, "3/4", (0, 10),
       "A commitment to consult only where the clients have committed to fight for each other "
       "may signal disinterest in the clients to an adversary.", _C + " [Theory, before H5]"),
    _P("k_M", "patron's peacetime cost of M", 0, oo, "1/20", (0, 2),
       _MORROW, "Morrow 1994, JCR 38(2), as summarised in formal-anchors 2.2"),
    _P("k_B", "patron's peacetime cost of B", 0, oo, "1/20", (0, 2),
       _MORROW, "Morrow 1994, JCR 38(2), as summarised in formal-anchors 2.2"),
    _P("k_I", "patron's peacetime cost of I", 0, oo, "1/20", (0, 2),
       _MORROW, "Morrow 1994, JCR 38(2), as summarised in formal-anchors 2.2"),
    _P("g_B", "patron's control benefit of bilateral spokes", 0, oo, 0, (0, 2),
       "For Victor Cha, bilateralism allows patrons greater control over clients.",
       _C + " [Literature]"),
    _P("V_A", "adversary's prize (its war cost c_A ~ U[0, 1])", 0, oo, 1, ("1/10", 10),
       "Collective security signals to the adversary that the latter cannot pick the clients "
       "off at will but must fight them together.", _C + " [Theory, before H6]",
       lo_open=True),
    _P("sigma", "scale of the logistic exit shocks", 0, oo, "1/4", ("1/100", 10),
       "how long-lived the resulting alliances will be", _C + " [Literature]", lo_open=True),
    _P("delta", "discount factor", 0, 1, "9/10", (0, "99/100"),
       "how long-lived the resulting alliances will be", _C + " [Literature]", hi_open=True),
    _P("omega", "patron's one-off cost of an alliance collapse", 0, oo, 0, (0, 10),
       "insufficient perceptions of communist threat ultimately caused SEATO to flounder and "
       "collapse", _C + " [Asia section]"),
)

#: Baseline values that spec section 7 does not give; chosen here.
CHOSEN_HERE: dict[str, str] = {
    "phi": "0: no foothold unless a case says so",
    "c_C": "0: section 7 lists no fighting cost; it only shifts U_C by -(r/2)*c_C",
    "omega": "0: no one-off collapse cost beyond the lost flow payoffs",
    "k_N": "0 (not a parameter): no alliance has no peacetime cost",
    "pi_A, d, s_w, beta_w": "4, 1, 0, 7: they reproduce section 7's threats theta = 2/3 on "
                            "land (s_w = 0) and 1/3 at sea (s_w = 1) from geography "
                            "(section 7 gave pi_A = 2 at zero distance with lam_sea = lam_land/4)",
}

#: Orderings of the spec's table (assumptions rather than ranges: violating them is
#: allowed but labelled): name -> (lhs, relation, rhs).
ORDERINGS: dict[str, tuple[str, str, str]] = {
    "A-SC stakes v_L < v_H": ("v_L", "<", "v_H"),
    "A-SC help cost h_H < h_L": ("h_H", "<", "h_L"),
    "a_I <= a": ("a_I", "<=", "a"),
    "burden sharing cP_plus < cP_minus": ("cP_plus", "<", "cP_minus"),
    "b_B <= b_M": ("b_B", "<=", "b_M"),
    "A-geo beta_w > 1": ("one", "<", "beta_w"),
}

_BY_NAME = {p.name: p for p in PARAMETERS}
_BY_SYMBOL = {p.symbol: p for p in PARAMETERS}
#: Namespace of all symbols: ``S.kappa``, ``S.pi_A``, ...
S = SimpleNamespace(**{p.name: p.symbol for p in PARAMETERS})


def parameter(name_or_symbol: str | sp.Symbol) -> Parameter:
    """Look up a parameter record by name or symbol.

    Examples
    --------
    >>> parameter("beta_w").baseline
    7
    """
    name = name_or_symbol.name if isinstance(name_or_symbol, sp.Symbol) else str(name_or_symbol)
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ParameterError(f"unknown parameter {name!r}") from None


def symbols() -> tuple[sp.Symbol, ...]:
    """All parameter symbols, in the order of :data:`PARAMETERS`.

    Examples
    --------
    >>> symbols()[0]
    pi_A
    """
    return tuple(p.symbol for p in PARAMETERS)


def _exact(name: str, value: Any) -> sp.Expr:
    if isinstance(value, float):
        raise ParameterError(f"parameter {name}: give an exact value (int, Fraction, "
                             f"Rational or a string like '1/4'), not the float {value!r}")
    if isinstance(value, str):
        try:
            return sp.Rational(value)
        except (TypeError, ValueError):
            raise ParameterError(f"parameter {name}: cannot read {value!r} as a "
                                 "rational number") from None
    if isinstance(value, sp.Basic):
        return value
    try:
        return sp.Rational(value)
    except (TypeError, ValueError):
        raise ParameterError(f"parameter {name}: cannot read {value!r} as a number") from None


class _Point(dict):
    """A mapping :func:`as_point` has normalised (parameter symbols to exact values), so
    normalising it again is a copy."""


def exact_value(name: str, value: Any) -> sp.Rational:
    """A value given for a parameter (or for ``theta``) as an exact finite rational.

    Raises
    ------
    ParameterError
        For a float, a string that is not a rational number, or anything that is not a
        finite rational (``nan``, ``oo``, ``sqrt(2)``, a symbol).

    Examples
    --------
    >>> exact_value("a", "3/2"), exact_value("theta", 1)
    (3/2, 1)
    >>> exact_value("a", sp.oo)
    Traceback (most recent call last):
    ...
    alliance_games.errors.ParameterError: parameter a: oo is not a finite rational number
    """
    v = _exact(name, value)
    if not isinstance(v, sp.Rational):
        raise ParameterError(f"parameter {name}: {value!r} is not a finite rational number")
    return v


def as_point(values: Mapping[Any, Any] | None = None) -> dict[sp.Symbol, sp.Expr]:
    """Normalise a mapping keyed by names or symbols to ``{Symbol: exact value}``.

    The key ``"forms"`` may carry a :class:`~.forms.Forms` (the functional forms the point
    is solved with); it is kept under :data:`~.forms.FORMS_KEY` unless it holds the
    defaults, which are dropped so that a default point is unchanged.

    Examples
    --------
    >>> as_point({"a": "1/2"})
    {a: 1/2}
    >>> as_point({"a": 1, "forms": Forms(contest_exponent=2)})
    {a: 1, forms: Forms(contest_exponent=2, exit='logistic')}
    >>> as_point({"forms": Forms()})
    {}
    """
    if type(values) is _Point:
        return _Point(values)
    out = _Point()
    for key, value in (values or {}).items():
        if (key.name if isinstance(key, sp.Symbol) else key) == "forms":
            if not isinstance(value, Forms):
                raise ParameterError(f"'forms' must be a Forms object, got {value!r}")
            if not value.is_default:  # default forms: the point stays as it was
                out[FORMS_KEY] = value
            continue
        p = _BY_SYMBOL.get(key) if isinstance(key, sp.Symbol) else None
        if p is None:
            p = parameter(key)
        out[p.symbol] = value if isinstance(value, sp.Basic) else _exact(p.name, value)
    return out


def baseline(**overrides: Any) -> dict[sp.Symbol, sp.Expr]:
    """The baseline point ``{Symbol: Rational}``, with keyword overrides.

    Raises
    ------
    ParameterError
        For an unknown parameter name or a value outside its admissible range.

    Examples
    --------
    >>> from alliance_games.alliance.parameters import S
    >>> baseline(g_B="1/2")[S.g_B]
    1/2
    """
    point = {p.symbol: p.baseline for p in PARAMETERS}
    point.update(as_point(overrides))
    validate(point)
    return point


def validate(point: Mapping[Any, Any], *, orderings: bool = False) -> None:
    """Check that the numeric values of ``point`` lie in their admissible ranges.

    Symbolic (non-numeric) values are skipped.  With ``orderings=True`` the orderings of
    :data:`ORDERINGS` are also enforced.

    Raises
    ------
    ParameterError
        Naming the first offending parameter (or ordering).

    Examples
    --------
    >>> validate({"q": 2})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    alliance_games.errors.ParameterError: parameter q = 2 outside its admissible range ...
    """
    norm = as_point(point)
    for sym, value in norm.items():
        if sym is FORMS_KEY or sym.name == "forms":  # checked by as_point
            continue
        p = parameter(sym)
        if value.is_number and not p.contains(value):
            raise ParameterError(f"parameter {p.name} = {value} outside its admissible range "
                                 f"{p.interval}")
    if orderings:
        bad = [k for k, ok in orderings_hold(norm).items() if ok is False]
        if bad:
            raise ParameterError(f"ordering violated: {bad[0]}")


def orderings_hold(point: Mapping[Any, Any]) -> dict[str, bool | None]:
    """Which orderings of :data:`ORDERINGS` hold at ``point`` (None if undecided).

    Examples
    --------
    >>> orderings_hold(baseline())["A-SC stakes v_L < v_H"]
    True
    """
    norm = as_point(point)
    full = {p.symbol: p.baseline for p in PARAMETERS}
    full.update(norm)
    out: dict[str, bool | None] = {}
    for label, (lhs, rel, rhs) in ORDERINGS.items():
        left = sp.Integer(1) if lhs == "one" else full[parameter(lhs).symbol]
        right = sp.Integer(1) if rhs == "one" else full[parameter(rhs).symbol]
        expr = sp.Lt(left, right) if rel == "<" else sp.Le(left, right)
        out[label] = bool(expr) if expr in (sp.true, sp.false) else None
    return out


def names(items: Iterable[Any]) -> tuple[str, ...]:
    """Names of parameters given as names or symbols.

    Examples
    --------
    >>> names(["a", S.pi_A])
    ('a', 'pi_A')
    """
    return tuple(parameter(x).name for x in items)
