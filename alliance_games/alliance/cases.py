"""Historical cases of spec section 6, coded as parameter ranges with their justification.

Each case is a frozen :class:`Case`: theatre, coded ranges (each a :class:`Coded` with the
reason and a verbatim quote from Cohen 2025, with its section), and the recorded outcome.
The ranges are our coding, deliberately wide.  The threat ``theta`` is never coded: each
case codes the geography primitives (the adversary's offensive power ``pi_A``, the distance
``d``, the water share of the approach ``s_w`` and the foothold ``phi``), and theta follows
from them through :mod:`.geography`.  Everything not coded keeps its baseline value.
Predictions across each box come later (they need the solver).

Quotes are verbatim from M. D. Cohen, "'We need allies and collective security': How the end
of the Second World War caused multilateralism in Europe and bilateralism in Asia",
*European Journal of International Security* (2025), doi 10.1017/eis.2024.62 (whitespace
normalised; the section of the article in brackets).  Facts not in the article are marked
as such.

Examples
--------
>>> from alliance_games.alliance.cases import CASES
>>> CASES["NATO 1949"].outcome.design, CASES["SEATO 1954"].outcome.ended
('M', 1977)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from types import MappingProxyType

import sympy as sp

from alliance_games.alliance.geography import theta
from alliance_games.alliance.parameters import CITATION, baseline
from alliance_games.errors import ParameterError

__all__ = ["Coded", "Outcome", "Case", "CASES", "case_box", "theta_range", "GEOGRAPHY"]

#: The geography primitives a case codes (theta follows from them).
GEOGRAPHY = ("pi_A", "d", "s_w", "phi")

R = sp.Rational
EUR1 = "Europe: Credible Soviet threat and collective security"
EUR2 = "Europe: The US multilateral commitment"
ASIA = "Asia: No credible Soviet threat, no collective security"


@dataclass(frozen=True)
class Coded:
    """A coded range ``[lo, hi]`` for one parameter (or ``theta``), with its justification."""

    lo: sp.Rational
    hi: sp.Rational
    reason: str
    quote: str
    where: str

    @property
    def citation(self) -> str:
        """Full citation of the quote."""
        return f"{CITATION} [{self.where}]"


@dataclass(frozen=True)
class Outcome:
    """What happened: the patron's design, whether client CS formed, and duration.

    ``design`` uses the model's labels (``N``, ``B``, ``M``, ``I``) or ``None`` when the
    case is a counterfactual or open; ``ended`` is the year the alliance ended (``None`` if
    it endures or never formed).
    """

    design: str | None
    cs_formed: bool | None
    ended: int | None
    description: str
    source: str


@dataclass(frozen=True)
class Case:
    """One historical (or counterfactual) case."""

    name: str
    year: int
    theatre: str
    ranges: MappingProxyType = field(repr=False)
    outcome: Outcome
    counterfactual: bool = False


def _c(lo, hi, reason, quote, where) -> Coded:
    return Coded(R(lo), R(hi), reason, quote, where)


_FOOTHOLD_EUROPE = _c(
    "1/2", 1, "Soviet forces in East Germany and East Berlin: much of the approach closed",
    "Only the Soviet Union posed such a threat, and Stalin's forces in East Germany and East "
    "Berlin made this threat more menacing.", EUR1)
_POWER_EUROPE = _c(
    3, 8, "Soviet ground forces ready to strike at short notice: several times one client's "
    "strength", "Soviet forces are so grouped and organized that they could take the "
    "initiative in military action at short notice.", EUR1)
_DIST_EUROPE = _c(
    "1/2", 2, "territorially contiguous clients, a short land approach",
    "The Soviet occupation of East Germany and East Berlin instilled rational fear of "
    "military occupation in territorially contiguous US European clients in the late 1940s",
    "Introduction")
_WATER_EUROPE = _c(
    0, "1/10", "a land approach; only Britain lies across a narrow sea",
    "As Westad pointed out, 'in case of war the Red Army would be heading straight for "
    "Paris.", EUR1)
_NO_FOOTHOLD_ASIA = _c(
    0, 0, "Stalin's Hokkaido landing was called off: no foothold in Japan",
    "Yet after Truman declined Stalin's desire for occupation rights in Hokkaido, the Soviet "
    "leader called off his occupation plans.", ASIA)
_POWER_ASIA = _c(
    1, 4, "Soviet power in the Pacific: a limited ability to project it",
    "The report concluded that Moscow's limited ability to neutralise US influence in Japan "
    "left a 'very limited' threat to the Pacific.", ASIA)
_DIST_ASIA = _c(
    1, 3, "Canberra, Wellington and Manila far from the Kuriles and Sakhalin",
    "The Soviet occupation of the volcano-laden Kurile Islands and mountainous southern "
    "Sakhalin but non-occupation of Japan, however, left US clients in the region - Canberra, "
    "Wellington, and Manila - less threatened by potential Soviet revisionism emanating from "
    "Japan and less committed to each other's security.", "Introduction")
_WATER_ASIA = _c(
    "3/4", 1, "a maritime theatre: the approach crosses water almost all the way",
    "Maritime theatres require greater amounts of military power and expertise to post the "
    "same credible threats of military occupation.", "Theory, before H7")
_NO_CS_ASIA = _c(
    0, "1/2", "no client commitment to each other: at most a token hand-tying cost",
    "Dulles duly informed the joint chiefs after returning from his trip to Asia of "
    "disinterest in Canberra, Wellington, and Manila in an alliance with each other.", ASIA)
_EUROPE_GEO = {"pi_A": _POWER_EUROPE, "d": _DIST_EUROPE, "s_w": _WATER_EUROPE,
               "phi": _FOOTHOLD_EUROPE}
_ASIA_GEO = {"pi_A": _POWER_ASIA, "d": _DIST_ASIA, "s_w": _WATER_ASIA,
             "phi": _NO_FOOTHOLD_ASIA}

CASES: MappingProxyType = MappingProxyType({c.name: c for c in (
    Case("Dunkirk 1947", 1947, "land", MappingProxyType({
        **_EUROPE_GEO,
        "a": _c("1/2", 2, "a consultation treaty: a modest hand-tying cost",
                "committed London and Paris to consult with each other, Washington, and "
                "Moscow 'where appropriate' to address (Soviet) threats emanating from "
                "Germany.", EUR1),
    }), Outcome(None, True, None,
                "Anglo-French treaty: client commitment formed without the patron",
                CITATION + " [" + EUR1 + "]: 'The beginnings of European collective security "
                "were thus born in February 1947'")),
    Case("Brussels 1948", 1948, "land", MappingProxyType({
        **_EUROPE_GEO,
        "a": _c(2, 6, "automatic and immediate mutual aid: a high hand-tying cost",
                "in the opinion of the three governments, this mutual aid in case of armed "
                "aggression, authorised by Article 51, must be automatic and immediate",
                EUR1),
        "eta": _c("1/4", 1, "pooled, standardised forces raise a joint command's strength",
                  "the Brussels powers had agreed to pool, standardise, and develop military "
                  "interoperability", EUR2),
    }), Outcome(None, True, None,
                "five-power collective defence formed; the US waited before committing",
                CITATION + " [" + EUR2 + "]: 'the diplomatic record leaves no doubt that the "
                "Brussels treaty was a European initiative'")),
    Case("NATO 1949", 1949, "land", MappingProxyType({
        **_EUROPE_GEO,
        "pi_A": _c(4, 8, "Soviet action in Germany (Berlin blockade): the threat at its height",
                   "As the French government sees it, the Western democracies are faced "
                   "with (1) an eventual threat, which is Germany; (2) an actual threat, "
                   "which is the Soviet Union: (3) an immediate threat which is Soviet "
                   "action in Germany.", EUR2),
        "a": _c(2, 6, "the clients' prior automatic commitment (Brussels)",
                "in the opinion of the three governments, this mutual aid in case of armed "
                "aggression, authorised by Article 51, must be automatic and immediate",
                EUR1),
        "b_M": _c(1, 3, "a strong but not automatic patron commitment (Article 5)",
                  "Article 5 of the NATO alliance is a strong commitment but still falls "
                  "short of an 'automatic response' mechanism.", "note 98"),
    }), Outcome("M", True, None,
                "the US joined the clients' collective security; NATO endures",
                CITATION + " [Conclusion]: 'H2 also found support in NATO lasting much "
                "longer than SEATO.'")),
    Case("Pacific 1951", 1951, "sea", MappingProxyType({
        **_ASIA_GEO,
        "a": _NO_CS_ASIA,
    }), Outcome("B", False, None,
                "US preferred one pact with Australia, New Zealand, the Philippines and "
                "Japan; got ANZUS (trilateral) plus US-Philippines and US-Japan (bilateral)",
                CITATION + " [Theory]: 'the US 1951 preference for a multilateral alliance "
                "with Japan, the Philippines, Australia, and New Zealand, the trilateral and "
                "bilateral alliances with these clients that resulted'")),
    Case("SEATO 1954", 1954, "sea", MappingProxyType({
        **_ASIA_GEO,
        "a_I": _c(0, "1/2", "imposed treaty with weak client-client obligations",
                  "insufficient perceptions of communist threat ultimately caused SEATO to "
                  "flounder and collapse", ASIA),
        "z": _c("1/10", 1, "clients joined mainly to protect their existing US alliances",
                "Canberra, Wellington, and Manila worried that if they were perceived in "
                "Washington to commit too little to SEATO, the United States might commit "
                "too little to their own alliance.", ASIA),
    }), Outcome("I", False, 1977,
                "multilateralism imposed by the US; SEATO did not last (dissolved 1977)",
                CITATION + " [Introduction]: 'US plans for multilateralism – first canvassed "
                "through the region by Dulles in 1951 and then again imposed through SEATO in "
                "1954 – either did not fly or did not last'; the 1977 date is the historical "
                "record (SEATO dissolved 30 June 1977), not from the article")),
    Case("Hokkaido occupied 1945 (counterfactual)", 1945, "sea", MappingProxyType({
        **_ASIA_GEO,
        "phi": _c("1/3", 1, "a Soviet foothold in northern Hokkaido: a divided Japan",
                  "A Soviet occupation of northern Hokkaido would likely have seen Japan "
                  "come to have the same divided status as Germany.", "Introduction"),
    }), Outcome(None, None, None,
                "counterfactual: the article expects client CS and a multilateral alliance",
                CITATION + " [Introduction]: 'Had Stalin occupied northern Hokkaido, US "
                "clients in Asia would have perceived greater threat and been more likely to "
                "commit to each other and eventually US-occupied Japan in a multilateral "
                "defensive alliance.'"), counterfactual=True),
    Case("Indo-Pacific today (QUAD)", 2025, "sea", MappingProxyType({
        **_ASIA_GEO,
        "phi": _c(0, "1/2", "forward Chinese positions may close part of the distance",
                  "Tracking which recent Chinese policies in the South China Sea, Taiwan "
                  "Straits, and other disputed areas have been preceded and followed by what "
                  "allied policies", "Conclusion"),
        "pi_A": _c(2, 12, "rising Chinese offensive power, of uncertain size",
                   "if Chinese military systems and/or behaviour in the Indo-Pacific lead "
                   "policymakers in states like Australia, Japan, and the Philippines to "
                   "perceive a more credible threat of Chinese military occupation, current "
                   "institutions like the quadrilateral security dialogue (QUAD) may come to "
                   "look more like a multilateral defensive alliance", "Introduction"),
    }), Outcome(None, None, None,
                "open: the QUAD is not a defensive alliance; the article expects an Asian "
                "NATO if the threat of occupation becomes credible",
                CITATION + " [Conclusion]: 'Chinese aggression in the Indo-Pacific may well "
                "make the QUAD increasingly come to resemble a defensive alliance.'"),
         counterfactual=True),
)})


def case_box(case: Case | str, *, corner: str = "mid") -> dict[sp.Symbol, sp.Expr]:
    """A full parameter point for a case: baseline plus the coded ranges at one corner.

    ``corner`` is ``"lo"``, ``"hi"`` or ``"mid"`` (midpoints).  The threat ``theta`` is not
    coded: it follows from the coded geography (:func:`~.geography.theta` with the point's
    water share).

    Examples
    --------
    >>> from alliance_games.alliance.geography import theta
    >>> pt = case_box("NATO 1949", corner="hi")
    >>> theta(None, pt)
    8/9
    """
    c = CASES[case] if isinstance(case, str) else case
    if corner not in ("lo", "hi", "mid"):
        raise ParameterError(f"corner must be 'lo', 'hi' or 'mid', got {corner!r}")
    pick = {"lo": lambda r: r.lo, "hi": lambda r: r.hi, "mid": lambda r: (r.lo + r.hi) / 2}
    return baseline(**{k: pick[corner](r) for k, r in c.ranges.items()})


def theta_range(case: Case | str) -> tuple[sp.Expr, sp.Expr]:
    """Smallest and largest threat ``theta`` over the case's coded geography (exact).

    ``theta`` rises with ``pi_A`` and ``phi`` and falls with ``d`` and ``s_w``, each
    monotonically, so the extremes are at corners of the coded box (others at midpoints).

    Examples
    --------
    >>> theta_range("NATO 1949")
    (20/33, 8/9)
    """
    c = CASES[case] if isinstance(case, str) else case
    mid = {k: (r.lo + r.hi) / 2 for k, r in c.ranges.items() if k not in GEOGRAPHY}
    geo = [(k, c.ranges[k]) for k in GEOGRAPHY if k in c.ranges]
    vals = []
    for combo in itertools.product((0, 1), repeat=len(geo)):
        pt = dict(mid)
        pt.update({k: (r.hi if side else r.lo) for (k, r), side in zip(geo, combo)})
        vals.append(theta(None, baseline(**pt)))
    return min(vals), max(vals)
