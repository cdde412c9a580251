"""Cohen's (2025) hypotheses H1-H7 as computable properties of the solved CSA model.

Each function evaluates one hypothesis (spec section 5) on a seeded random sample of
:data:`DEFAULT_BOX` (exact rational points; the orderings ``a_I <= a`` etc. hold) and, for
H6 and H7, also on a line of the threat ``theta`` at the baseline.  At each point it
solves the game (:func:`~.analysis.solve_point`), takes the equilibrium selected by the
spec's rule (section 4) and decides the property exactly.  A property may not apply at a
point (H3 needs an imposed alliance on the path, ...): ``applicable`` says where it does,
``holds`` is False elsewhere and ``share`` is the share of applicable points where it
holds.  ``depends_on_selection`` is True when at some point the property holds in one
surviving (Intuitive Criterion) equilibrium and fails in another.

Definitions (``mu_m`` = Pr(H | m) on the path; ``E[T_d]`` from :mod:`.duration`):

* H1 (a) the patron plays M after CS and no multilateral design (I) after no CS, in its
  equilibrium strategy (also off the path); (b) its duration-weighted value when the
  clients move first is strictly above its value when it commits first, unconditionally
  (:mod:`.reordered`; ties and the conditional menu reported separately).  H1 holds when
  (a) and (b) hold.
* H2 (a) where the patron joins on the path (M formed): for the blocs under M, ``E[T_M] >
  E[T_I]`` for the same bloc (type and posterior); (b) where the selected equilibrium
  separates with M: re-solved at ``theta + 1/100``, ``E[T_M]`` does not fall.
* H3 where I is imposed on the path: for the blocs under I, ``E[T_I] < E[T_M]`` for the
  same bloc (type and posterior), and every type under I gains less from it than from its
  fallback (negative client gain).  H2(a) and H3(a) test the same design contrast on
  different blocs: those the patron joins and those it imposes on.
* H4 where I is imposed on the path: the fallback after I collapses is B for every type
  under I.
* H5 (depth version, spec section 8) where M answers CS on the path: the patron's own
  chosen depth (its reneging cost) is within one grid step of the clients' depth ``a``.
* H6 ``Pr(CS)`` at ``theta + step`` is at least ``Pr(CS)`` at ``theta`` (selected
  equilibrium; the theta line uses consecutive grid points).
* H7 a comparative static in geography: ``Pr(CS, land) >= Pr(CS, sea)`` at equal power,
  distance and foothold (water share 0 against 1; selected equilibria), where geography
  matters; curves and maps against power and distance: :func:`geography_curves`.
* extras: "never bluff" (every type that commits helps an attacked neighbour under every
  design the patron answers CS with); "attack falls after CS+M" (the attack probability
  after CS answered by M is below that after no CS, both on the path); "selection"
  (``Pr(L | attacked) > 1 - q``).

Every function takes ``forms`` (a :class:`~.forms.Forms`: the contest exponent and the
exit distribution); the points, and the theta lines, are then solved with those forms
(:mod:`.robustness` compares the verdicts across forms).

Examples
--------
>>> r = h5(n=2, seed=0, processes=1, progress=False)
>>> r.n, r.holds.dtype
(2, dtype('bool'))
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import sympy as sp

from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.analysis import (
    FailedPoint,
    SolvedPoint,
    _solve_task,
    full_point,
    sign,
)
from alliance_games.alliance.duration import (
    design_duration,
    fallback_design,
    patron_expected_payoff,
)
from alliance_games.alliance.forms import Forms
from alliance_games.alliance.geography import pi_for_theta, theta
from alliance_games.alliance.parameters import CITATION, S, baseline, orderings_hold
from alliance_games.alliance.reordered import COMMITMENTS, reordered_game
from alliance_games.errors import AllianceGamesError
from alliance_games.parametric.sampling import sample_box
from alliance_games.parametric.sweep import pmap

__all__ = ["HypothesisResult", "DEFAULT_BOX", "CLAIMS", "sample_points", "theta_line",
           "h1", "h2", "h3", "h4", "h5", "h6", "h7", "extras", "all_hypotheses",
           "chosen_depth", "DEPTH_GRID", "wilson_interval",
           "clear_cache"]

R = sp.Rational
#: The admissible box sampled by default: substantive parameters around the baseline
#: (others at baseline).  Geography enters as primitives: offensive power ``pi_A``,
#: distance ``d``, water share ``s_w`` and foothold ``phi`` (theta follows from them).
DEFAULT_BOX: dict[sp.Symbol, tuple] = {
    S.pi_A: (R(1, 4), 16), S.d: (0, 3), S.s_w: (0, 1), S.phi: (0, 1),
    S.q: (R(1, 5), R(4, 5)), S.v_L: (1, 4), S.v_H: (6, 18),
    S.h_L: (4, 8), S.h_H: (0, 2), S.rho: (R(1, 4), R(3, 4)), S.a: (0, 6), S.z_CS: (0, 1),
    S.a_I: (0, 1), S.z: (0, R(1, 2)), S.m: (1, 5), S.eta: (0, R(1, 2)), S.nu: (R(1, 2), 2),
    S.g_B: (0, 1),
}
DENOMINATOR = 8
THEORY = "Theory: Patrons, clients, alliances, and collective security"

#: The paper's hypotheses, verbatim (Cohen 2025, section "Theory"; italics dropped).
CLAIMS: dict[str, str] = {
    "H1": "patrons will want their (status-quo-oriented) clients to commit to their own "
          "security before the patron does",
    "H2": "alliances where patrons join clients' collective security alliances will tend to "
          "be long-lasting",
    "H3": "alliances where patrons manufacture or impose collective security commitments on "
          "their clients will not last",
    "H4": "where manufactured or imposed collective security fails, patrons will have to "
          "settle for bilateral or trilateral alliances",
    "H5": "If a patron makes an alliance commitment to a group of clients, the patron will "
          "tend to make the same commitment that the clients have made to each other",
    "H6": "a patron's clients will be more likely to have committed to collective security "
          "if a common adversary can, given the balance of offensive power and geography, "
          "credibly threaten to militarily occupy them",
    "H7": "adversaries will be more likely to credibly threaten military occupation of "
          "clients in land-based than in naval theatres",
    "never bluff": "Clients' commitment to collective security is a hand-tying costly signal "
                   "that assures the patron of client resolve",
    "attack falls after CS+M": "Collective security signals to the adversary that the latter "
                               "cannot pick the clients off at will but must fight them "
                               "together.",
    "selection": "A subtle but nonetheless persistent form of entrapment problem exists with "
                 "clients that don't want a war yet fear adversary aggression.",
}
_WHERE = {k: THEORY for k in CLAIMS}
_WHERE["H7"] = THEORY + " (line-break hyphen in 'land-based' joined)"
_WHERE["attack falls after CS+M"] = "Theory, before H6"
_WHERE["selection"] = "Abstract"


@dataclass(frozen=True, eq=False)
class HypothesisResult:
    """Where a hypothesis holds over a sample of parameter points.

    Attributes
    ----------
    name, claim, citation
        The hypothesis, the paper's words (verbatim) and where they are.
    property
        The computable property tested.
    points : tuple of Mapping[str, Rational]
        The points evaluated (full parameter points; H7 adds nothing, H6's line points
        are full points too).
    holds, applicable : ndarray of bool
        Verdict in the selected equilibrium, and where the property applies.
    holds_all, holds_any : ndarray of bool
        Whether it holds in every / some surviving equilibrium (where applicable).
    parts : Mapping[str, ndarray]
        Component verdicts (e.g. H1 "a" and "b").
    share : float
        Share of applicable points where it holds (NaN if none applies).
    n, seed, box
        Sample size (points drawn from the box), seed, description of the box.
    depends_on_selection : bool
    fail_examples, hold_examples : tuple of Mapping
        Exact points where it fails / holds (at most five each).
    failed : int
        Points where the package raised its own error (recorded, not applicable).
    """

    name: str
    claim: str
    citation: str
    property: str
    points: tuple
    holds: np.ndarray
    applicable: np.ndarray
    holds_all: np.ndarray
    holds_any: np.ndarray
    share: float
    n: int
    seed: int | None
    box: str
    depends_on_selection: bool
    fail_examples: tuple
    hold_examples: tuple
    parts: Mapping[str, np.ndarray] = field(default_factory=dict)
    failed: int = 0
    notes: tuple[str, ...] = ()

    @property
    def n_applicable(self) -> int:
        """Number of points where the property applies."""
        return int(self.applicable.sum())

    def summary(self) -> str:
        """One line: name, share, counts, selection dependence."""
        share = "n/a" if np.isnan(self.share) else f"{self.share:.0%}"
        return (f"{self.name}: holds at {share} of {self.n_applicable} applicable points "
                f"({len(self.points)} evaluated, n={self.n}, seed={self.seed}"
                f"{f', {self.failed} unsolved' if self.failed else ''}); "
                f"depends on selection: {'yes' if self.depends_on_selection else 'no'}")

    def _repr_markdown_(self) -> str:
        lines = [f"**{self.name}** — *\"{self.claim}\"* ({self.citation})", "",
                 f"- property: {self.property}", f"- {self.summary()}",
                 f"- box: {self.box}"]
        for k, v in self.parts.items():
            lines.append(f"- part {k}: holds at {int(np.sum(v & self.applicable))} of "
                         f"{self.n_applicable} applicable points")
        if self.fail_examples:
            lines.append(f"- a failing point: `{_short(self.fail_examples[0])}`")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def wilson_interval(k: int, n: int) -> tuple[float, float]:
    """95% Wilson score interval for ``k`` successes in ``n`` trials (NaNs for ``n = 0``).

    The interval the report gives with every share of points where a hypothesis holds
    (Wilson 1927, JASA 22(158)); it stays inside [0, 1] and is sensible for small ``n``.

    Examples
    --------
    >>> [round(x, 3) for x in wilson_interval(8, 10)]
    [0.49, 0.943]
    >>> wilson_interval(0, 0)
    (nan, nan)
    """
    if n == 0:
        return float("nan"), float("nan")
    z = 1.959963984540054
    p = k / n
    den = 1 + z * z / n
    c = (p + z * z / (2 * n)) / den
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return max(0.0, c - h), min(1.0, c + h)


def _short(point: Mapping[str, Any]) -> str:
    base = {s.name: v for s, v in baseline().items()}
    return ", ".join(f"{k}={v}" for k, v in point.items() if base.get(k) != v) or "baseline"


# ------------------------------------------------------------------------ sampling
def sample_points(n: int = 24, seed: int = 0, box: Mapping[sp.Symbol, tuple] | None = None
                  ) -> tuple[dict[str, sp.Rational], ...]:
    """``n`` seeded exact points of the box (step ``1/8`` of each range), orderings kept.

    Points violating ``a_I <= a`` (or another ordering) are redrawn.

    Examples
    --------
    >>> pts = sample_points(3, seed=1)
    >>> len(pts), all(p["a_I"] <= p["a"] for p in pts)
    (3, True)
    """
    box = DEFAULT_BOX if box is None else box
    out: list[dict[str, sp.Rational]] = []
    k = 0
    while len(out) < n:
        for p in sample_box(box, 4 * n + 4, seed=seed + 7919 * k, denominator=DENOMINATOR):
            pt = {s.name: v for s, v in p.items()}
            if all(v is not False for v in orderings_hold(pt).values()):
                out.append(pt)
                if len(out) == n:
                    break
        k += 1
    return tuple(out)


def theta_line(k: int = 9, lo: Any = "1/10", hi: Any = "9/10",
               values: Mapping[str, Any] | None = None, theatre: str | None = None
               ) -> tuple[dict[str, sp.Rational], ...]:
    """``k`` baseline points with theta evenly spaced on ``[lo, hi]`` (via ``pi_A``).

    Examples
    --------
    >>> [str(p["pi_A"]) for p in theta_line(3, "1/4", "3/4")]
    ['2/3', '2', '6']
    """
    lo, hi = R(lo), R(hi)
    out = []
    for i in range(k):
        t = lo + (hi - lo) * R(i, max(k - 1, 1))
        pt = full_point(dict(values or {}), theatre=theatre)
        pt[S.pi_A] = pi_for_theta(t, theatre, pt)
        out.append({s.name: v for s, v in pt.items()})
    return tuple(out)


def _box_text(box: Mapping[sp.Symbol, tuple] | None) -> str:
    box = DEFAULT_BOX if box is None else box
    return "; ".join(f"{s} in [{lo}, {hi}]" for s, (lo, hi) in box.items()) + \
        f" (step 1/{DENOMINATOR} of each range, orderings kept; the rest at baseline)"


# --------------------------------------------------------------------------- cache
_CACHE: dict[tuple, Any] = {}


def clear_cache() -> None:
    """Forget solved points (they are cached per process across hypothesis calls).

    Examples
    --------
    A hypothesis at one point caches that point's solve; clearing forgets it:

    >>> clear_cache()
    >>> _ = h4(points=[{}], processes=1, progress=False)
    >>> len(_CACHE)
    1
    >>> clear_cache()
    >>> len(_CACHE)
    0
    """
    _CACHE.clear()


def _key(values: Mapping[str, Any], theatre: str, what: str = "solve") -> tuple:
    full = full_point(values, theatre=theatre)
    return (what, theatre, tuple(sorted((s.name, v) for s, v in full.items())))


def _cached(points: Sequence[Mapping[str, Any]], theatre: str, what: str, task: Callable,
            processes: int, progress: bool) -> list:
    keys = [_key(p, theatre, what) for p in points]
    todo, seen = [], set()
    for k, p in zip(keys, points):
        if k not in _CACHE and k not in seen:
            todo.append((k, p))
            seen.add(k)
    if todo:
        res = pmap(task, [(dict(p), theatre) for _, p in todo], processes=processes,
                   progress=progress, desc=f"{what} ({theatre})")
        for (k, _), r in zip(todo, res):
            _CACHE[k] = r
    return [_CACHE[k] for k in keys]


def _solved(points, theatre, processes, progress) -> list:
    return _cached(points, theatre, "solve", _solve_task, processes, progress)


def _patron_first(values: Mapping[str, Any], theatre: str | None) -> tuple:
    """(best unconditional commitment, its value, best value with the robustness menu)."""
    r = reordered_game(values, theatre=theatre, robustness=True)
    main = list(COMMITMENTS)[0]
    for c in COMMITMENTS:
        if sign(r.commitments[c].value - r.commitments[main].value) > 0:
            main = c
    return main, r.commitments[main].value, r.value


def _reordered_task(task: tuple):
    values, theatre = task
    try:
        return _patron_first(values, theatre)
    except AllianceGamesError as exc:  # recorded: the point becomes not applicable
        return FailedPoint(types.MappingProxyType(dict(values)), theatre,
                           f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------- generic evaluation
Prop = Callable[[SolvedPoint, int], "bool | None"]


def _evaluate(name: str, prop_text: str, points: Sequence, solved: Sequence,
              props: Mapping[str, Prop], combine: Callable[[dict], bool | None], *,
              n: int, seed: int | None, box: str, notes: tuple[str, ...] = ()
              ) -> HypothesisResult:
    """Apply the part properties at the selected and every surviving equilibrium."""
    m = len(points)
    holds = np.zeros(m, dtype=bool)
    app = np.zeros(m, dtype=bool)
    h_all = np.zeros(m, dtype=bool)
    h_any = np.zeros(m, dtype=bool)
    parts = {k: np.zeros(m, dtype=bool) for k in props}
    failed = 0
    for j, sp_ in enumerate(solved):
        if not isinstance(sp_, SolvedPoint):
            failed += 1
            continue

        def verdict(i: int, sp_: SolvedPoint = sp_) -> bool | None:
            return combine({k: f(sp_, i) for k, f in props.items()})

        v = verdict(sp_.selected)
        for k, f in props.items():
            parts[k][j] = bool(f(sp_, sp_.selected))
        if v is None:
            continue
        app[j] = True
        holds[j] = v
        vs = [x for x in (verdict(i) for i in sp_.survivors) if x is not None]
        h_all[j] = all(vs) if vs else v
        h_any[j] = any(vs) if vs else v
    return _result(name, prop_text, points, holds, app, h_all, h_any, parts, n, seed, box,
                   failed, notes)


def _result(name, prop_text, points, holds, app, h_all, h_any, parts, n, seed, box, failed,
            notes) -> HypothesisResult:
    for a in (holds, app, h_all, h_any, *parts.values()):
        a.setflags(write=False)
    share = float(holds[app].mean()) if app.any() else float("nan")
    pts = tuple(types.MappingProxyType(dict(p)) for p in points)
    fails = tuple(p for p, h, a in zip(pts, holds, app) if a and not h)[:5]
    oks = tuple(p for p, h, a in zip(pts, holds, app) if a and h)[:5]
    return HypothesisResult(
        name=name, claim=CLAIMS[name], citation=f"{CITATION} [{_WHERE[name]}]",
        property=prop_text, points=pts, holds=holds, applicable=app, holds_all=h_all,
        holds_any=h_any, share=share, n=n, seed=seed, box=box,
        depends_on_selection=bool(np.any((h_all != h_any) & app)), fail_examples=fails,
        hold_examples=oks, parts=types.MappingProxyType(parts), failed=failed, notes=notes)


def _all_of(d: dict) -> bool | None:
    vals = [v for v in d.values() if v is not None]
    return all(vals) if vals else None


# ----------------------------------------------------------------- helper quantities
def _eq(sp_: SolvedPoint, i: int):
    return sp_.equilibria[i]


def _prob(x: Any) -> sp.Expr:
    return sp.sympify(x)


def _types_under(sp_: SolvedPoint, i: int, m: str, d: str) -> list[str]:
    eq = _eq(sp_, i)
    if m not in eq.on_path or _prob(eq.receiver[m].get(d, 0)) == 0:
        return []
    return [t for t in pay.TYPES if _prob(eq.sender[t][m]) > 0]


def _ET(sp_: SolvedPoint, t: str, m: str, d: str, mu: Any) -> sp.Expr:
    return design_duration(t, m, d, mu_H=mu, theatre=sp_.theatre,
                           point=sp_.point).expected_duration


def _same_bloc(sp_: SolvedPoint, i: int, m: str, d: str) -> list[tuple[str, Any]]:
    """``(type, posterior)`` of the blocs under design ``d`` after ``m`` on the path."""
    mu = sp_.summaries[i].posterior[m]
    return [(t, mu) for t in _types_under(sp_, i, m, d)]


def _M_minus_I(sp_: SolvedPoint, t: str, mu: Any) -> int:
    """Sign of ``E[T_M] - E[T_I]`` for the same bloc: type ``t`` at posterior ``mu``.

    ``M`` is the patron joining the bloc's own treaty (after CS), ``I`` the patron imposing
    one on it (after no CS); holding the type and the public belief fixed isolates the
    design from who ends up under it.
    """
    return sign(_ET(sp_, t, "cs", "M", mu) - _ET(sp_, t, "no_cs", "I", mu))


# --------------------------------------------------------------------- the hypotheses
def _with_forms(points: Sequence[Mapping[str, Any]], forms: Forms | None) -> tuple:
    """The points with ``forms`` attached (unchanged for None or the default forms)."""
    if forms is None or forms.is_default:
        return tuple(points)
    return tuple({**dict(p), "forms": forms} for p in points)


def _setup(n, seed, box, processes, progress, theatre=None, points=None, forms=None):
    pts = sample_points(n, seed, box) if points is None else tuple(points)
    pts = _with_forms(pts, forms)
    solved = _solved(pts, theatre, processes, progress)
    return pts, solved


def h1(n: int = 24, seed: int = 0, *, box: Mapping[sp.Symbol, tuple] | None = None,
       processes: int = 2, progress: bool = True,
       points: Sequence[Mapping[str, Any]] | None = None, forms: Forms | None = None
       ) -> HypothesisResult:
    """H1: (a) M after CS and no I after no CS; (b) the patron gains from moving second.

    (b) compares the patron's duration-weighted value in the signalling game (clients
    first) with the patron-first game of :mod:`.reordered`, where the patron commits to a
    design unconditionally before the clients move.  H1 holds when (a) holds and (b) holds
    strictly: a tie is not support.  Parts ``"b strict"``, ``"b weak"``, ``"b tie"`` and
    ``"b strict (menu with Mult)"`` (the robustness menu with the conditional rule) are
    reported separately.

    Examples
    --------
    >>> r = h1(points=[{}], processes=1, progress=False)
    >>> bool(r.parts["a: M after CS"][0]), bool(r.parts["b strict"][0]), bool(r.holds[0])
    (True, False, False)
    """
    pts, solved = _setup(n, seed, box, processes, progress, points=points, forms=forms)
    reord = _cached(pts, None, "reordered", _reordered_task, processes, progress)
    R_of = {id(s): r for s, r in zip(solved, reord)}

    def m_after_cs(sp_, i):
        return _prob(_eq(sp_, i).receiver["cs"]["M"]) == 1

    def no_i(sp_, i):
        return _prob(_eq(sp_, i).receiver["no_cs"]["I"]) == 0

    def cmp(sp_, i, which: int = 1):
        r = R_of[id(sp_)]
        if isinstance(r, FailedPoint):
            return None
        return sign(sp_.summaries[i].values["V_P"] - r[which])

    props = {
        "a: M after CS": m_after_cs, "a: no I after no CS": no_i,
        "b strict": lambda sp_, i: None if cmp(sp_, i) is None else cmp(sp_, i) > 0,
        "b weak": lambda sp_, i: None if cmp(sp_, i) is None else cmp(sp_, i) >= 0,
        "b tie": lambda sp_, i: None if cmp(sp_, i) is None else cmp(sp_, i) == 0,
        "b strict (menu with Mult)": (lambda sp_, i: None if cmp(sp_, i, 2) is None
                                      else cmp(sp_, i, 2) > 0),
    }

    def combine(d):
        a = d["a: M after CS"] and d["a: no I after no CS"]
        return None if d["b strict"] is None else (a and d["b strict"])

    res = _evaluate("H1", "(a) patron's strategy: M after CS and not I after no CS; "
                    "(b) V_P(clients first) > V_P(patron first: an unconditional commitment "
                    "to N, B or I before the clients move), strictly", pts, solved,
                    props, combine, n=len(pts) if points is not None else n,
                    seed=None if points is not None else seed, box=_box_text(box))
    parts = dict(res.parts)
    parts["a"] = parts["a: M after CS"] & parts["a: no I after no CS"]
    n_fail = sum(isinstance(r, FailedPoint) for r in reord)
    notes = (f"(b) not computed at {n_fail} points (patron-first game unsupported)",
             ) if n_fail else ()
    return _replace(res, parts=types.MappingProxyType(parts), notes=notes)


def _replace(res: HypothesisResult, **kw) -> HypothesisResult:
    return replace(res, **kw)


def h2(n: int = 24, seed: int = 0, *, box: Mapping[sp.Symbol, tuple] | None = None,
       processes: int = 2, progress: bool = True,
       points: Sequence[Mapping[str, Any]] | None = None, step: Any = "1/100",
       forms: Forms | None = None) -> HypothesisResult:
    """H2: joining the clients' CS gives long alliances.

    (a) where M forms on the path: for every bloc under M (its type, at the posterior after
    CS), ``E[T_M] > E[T_I]`` for the same bloc at the same posterior (the patron imposing
    instead of joining).  (b) where the selected equilibrium separates with H committing and
    the patron joining: re-solved at ``theta + step`` (more offensive power), the selected
    equilibrium still separates with M and its ``E[T_M]`` is not lower; a change of
    equilibrium there makes (b) not applicable (recorded in part ``"b regime change"``).

    Examples
    --------
    >>> r = h2(points=[{}], processes=1, progress=False)
    >>> bool(r.parts["a"][0]), bool(r.parts["b"][0])
    (True, True)
    """
    pts, solved = _setup(n, seed, box, processes, progress, points=points, forms=forms)
    step = R(step)
    ups: list = []
    for sp_ in solved:
        up = None
        if isinstance(sp_, SolvedPoint) and sp_.theta + step < 1:
            up = dict(sp_.values)
            up["pi_A"] = pi_for_theta(sp_.theta + step, None, sp_.point)
        ups.append(up)
    todo = [u for u in ups if u is not None]
    solved_up = iter(_solved(todo, None, processes, progress))
    UP = {id(s): (next(solved_up) if u is not None else None) for s, u in zip(solved, ups)}

    def _sep_M(sp_, i) -> bool:
        eq = _eq(sp_, i)
        return (eq.kind == "separating" and _prob(eq.sender["H"]["cs"]) == 1
                and _prob(eq.receiver["cs"]["M"]) == 1)

    def a(sp_, i):
        blocs = _same_bloc(sp_, i, "cs", "M")
        if not blocs:
            return None
        return all(_M_minus_I(sp_, t, mu) > 0 for t, mu in blocs)

    def b(sp_, i):
        if not _sep_M(sp_, i):
            return None
        u = UP[id(sp_)]
        if not isinstance(u, SolvedPoint) or not _sep_M(u, u.selected):
            return None
        return sign(u.selected_summary.values["E[T_M]"]
                    - sp_.summaries[i].values["E[T_M]"]) >= 0

    def regime(sp_, i):
        if not _sep_M(sp_, i):
            return None
        u = UP[id(sp_)]
        return isinstance(u, SolvedPoint) and not _sep_M(u, u.selected)

    def combine(d):
        if d["a"] is None:
            return None
        return d["a"] and (d["b"] is not False)

    return _evaluate("H2", "where M forms on the path: E[T_M] > E[T_I] for the same bloc "
                     "(type and posterior) under M; where the selected equilibrium separates "
                     f"with M: re-solved at theta + {step}, E[T_M] does not fall",
                     pts, solved, {"a": a, "b": b, "b regime change": regime}, combine,
                     n=len(pts) if points is not None else n,
                     seed=None if points is not None else seed, box=_box_text(box))


def h3(n: int = 24, seed: int = 0, *, box: Mapping[sp.Symbol, tuple] | None = None,
       processes: int = 2, progress: bool = True,
       points: Sequence[Mapping[str, Any]] | None = None, forms: Forms | None = None
       ) -> HypothesisResult:
    """H3: imposed CS does not last: E[T_I] < E[T_M] and clients lose from I vs its fallback.

    Examples
    --------
    >>> r = h3(points=[{}], processes=1, progress=False)
    >>> bool(r.applicable[0]), bool(r.parts["a"][0]), bool(r.parts["b"][0])
    (True, True, False)
    """
    pts, solved = _setup(n, seed, box, processes, progress, points=points, forms=forms)

    def a(sp_, i):
        blocs = _same_bloc(sp_, i, "no_cs", "I")
        if not blocs:
            return None
        return all(_M_minus_I(sp_, t, mu) > 0 for t, mu in blocs)

    def b(sp_, i):
        under = _types_under(sp_, i, "no_cs", "I")
        if not under:
            return None
        mu = sp_.summaries[i].posterior["no_cs"]
        return all(sign(design_duration(t, "no_cs", "I", mu_H=mu, theatre=sp_.theatre,
                                        point=sp_.point).client_gain) < 0 for t in under)

    return _evaluate("H3", "where I is imposed on the path: E[T_I] < E[T_M] for the same bloc "
                     "(type and posterior) under I, and the clients under I gain less than "
                     "under its fallback", pts, solved, {"a": a, "b": b}, _all_of,
                     n=len(pts) if points is not None else n,
                     seed=None if points is not None else seed, box=_box_text(box))


def h4(n: int = 24, seed: int = 0, *, box: Mapping[sp.Symbol, tuple] | None = None,
       processes: int = 2, progress: bool = True,
       points: Sequence[Mapping[str, Any]] | None = None, forms: Forms | None = None
       ) -> HypothesisResult:
    """H4: when imposed multilateralism collapses, the fallback is bilateral (B).

    Examples
    --------
    >>> r = h4(points=[{}], processes=1, progress=False)
    >>> bool(r.applicable[0])
    True
    """
    pts, solved = _setup(n, seed, box, processes, progress, points=points, forms=forms)

    def f(sp_, i):
        under = _types_under(sp_, i, "no_cs", "I")
        if not under:
            return None
        mu = sp_.summaries[i].posterior["no_cs"]
        return all(fallback_design(t, "no_cs", "I", mu_H=mu, theatre=sp_.theatre,
                                   point=sp_.point) == "B" for t in under)

    return _evaluate("H4", "where I is imposed on the path: the fallback after I collapses "
                     "(patron's best of B and N) is B", pts, solved, {"fallback B": f},
                     _all_of, n=len(pts) if points is not None else n,
                     seed=None if points is not None else seed, box=_box_text(box))


#: Depths the patron may choose (its reneging cost under M): 0, 1/4, ..., 12.
DEPTH_GRID: tuple[sp.Rational, ...] = tuple(R(k, 4) for k in range(49))


def chosen_depth(point: Mapping[Any, Any], mu_H: Any, theatre: str | None = None,
                 grid: Sequence[Any] = DEPTH_GRID) -> sp.Rational:
    """The patron's depth of commitment to M after CS (spec section 8): its best reneging
    cost ``b_M`` on ``grid``, by its expected payoff at the posterior ``mu_H`` (exact;
    ties to the shallower depth).

    Examples
    --------
    >>> from alliance_games.alliance.parameters import baseline
    >>> chosen_depth(baseline(), 1), chosen_depth(baseline(nu=4), 1)
    (5/4, 17/4)
    """
    full = dict(full_point(point, theatre=theatre))
    best, best_v = None, None
    for b in grid:
        full[S.b_M] = R(b)
        v = patron_expected_payoff("cs", "M", mu_H=mu_H, theatre=theatre, point=full)
        if best_v is None or sign(v - best_v) > 0:
            best, best_v = R(b), v
    return best


def h5(n: int = 24, seed: int = 0, *, box: Mapping[sp.Symbol, tuple] | None = None,
       processes: int = 2, progress: bool = True,
       points: Sequence[Mapping[str, Any]] | None = None, forms: Forms | None = None
       ) -> HypothesisResult:
    """H5, depth version: the patron's chosen depth equals the clients' (spec section 8).

    Where M is played after CS on the path, the patron chooses its own depth ``b*`` (its
    reneging cost, on :data:`DEPTH_GRID`, at the posterior after CS: :func:`chosen_depth`);
    H5 holds when ``|b* - a| <= 1/4`` (one grid step).  Part ``"tracks a"``: ``b*`` at
    ``a + 1`` is deeper than at ``a`` (the patron's depth rises with the clients').  Whether
    M follows CS at all is H1(a), not repeated here.

    Examples
    --------
    >>> r = h5(points=[{}], processes=1, progress=False)
    >>> bool(r.applicable[0]), bool(r.holds[0]), bool(r.parts["tracks a"][0])
    (True, False, False)
    """
    pts, solved = _setup(n, seed, box, processes, progress, points=points, forms=forms)
    step = DEPTH_GRID[1]

    def _depths(sp_, i):
        eq = _eq(sp_, i)
        if "cs" not in eq.on_path or _prob(eq.receiver["cs"]["M"]) == 0:
            return None
        mu = sp_.summaries[i].posterior["cs"]
        a = sp_.point[S.a]
        up = dict(sp_.point)
        up[S.a] = a + 1
        return a, chosen_depth(sp_.point, mu), chosen_depth(up, mu)

    def equal(sp_, i):
        d = _depths(sp_, i)
        return None if d is None else abs(d[1] - d[0]) <= step

    def tracks(sp_, i):
        d = _depths(sp_, i)
        return None if d is None else d[2] > d[1]

    return _evaluate("H5", "where M answers CS on the path: the patron's chosen depth b* "
                     "(its reneging cost, best on a 1/4 grid over [0, 12]) is within 1/4 of the "
                     "clients' depth a", pts, solved, {"depth equals a": equal,
                                                       "tracks a": tracks},
                     lambda d: d["depth equals a"],
                     n=len(pts) if points is not None else n,
                     seed=None if points is not None else seed, box=_box_text(box))


def _pr_cs(sp_: SolvedPoint) -> tuple[Any, Any, Any]:
    q = sp_.quantities["pr_cs"]
    return q.selected, q.min, q.max


def h6(n: int = 24, seed: int = 0, *, box: Mapping[sp.Symbol, tuple] | None = None,
       processes: int = 2, progress: bool = True,
       points: Sequence[Mapping[str, Any]] | None = None, line: int = 9,
       step: Any = "1/10", forms: Forms | None = None
       ) -> HypothesisResult:
    """H6: Pr(CS) does not fall as the occupation threat theta rises (finite differences).

    Each sample point is compared with the same point at ``theta + step`` (if below 1);
    the theta line (``line`` baseline points on [1/10, 9/10]) compares neighbours.

    Examples
    --------
    >>> r = h6(points=[{}], line=0, processes=1, progress=False)
    >>> bool(r.holds[0])
    True
    """
    step = R(step)
    base = _with_forms(sample_points(n, seed, box) if points is None else points, forms)
    pairs = []
    for p in base:
        full = full_point(p)
        t = theta(None, full)
        if t + step < 1:
            up = dict(full)
            up[S.pi_A] = pi_for_theta(t + step, None, up)
            pairs.append(({s.name: v for s, v in full.items()},
                          {s.name: v for s, v in up.items()}))
    lp = theta_line(line, "1/20", "49/50", values=_with_forms([{}], forms)[0]) if line > 1 else ()
    pairs += [(lp[i], lp[i + 1]) for i in range(len(lp) - 1)]
    flat = [x for pr in pairs for x in pr]
    solved = _solved(flat, None, processes, progress)
    m = len(pairs)
    holds, app = np.zeros(m, bool), np.zeros(m, bool)
    h_all, h_any = np.zeros(m, bool), np.zeros(m, bool)
    failed = 0
    for j in range(m):
        s0, s1 = solved[2 * j], solved[2 * j + 1]
        if not (isinstance(s0, SolvedPoint) and isinstance(s1, SolvedPoint)):
            failed += 1
            continue
        (a0, lo0, hi0), (a1, lo1, hi1) = _pr_cs(s0), _pr_cs(s1)
        app[j] = True
        holds[j] = sign(a1 - a0) >= 0
        h_all[j] = sign(lo1 - hi0) >= 0
        h_any[j] = sign(hi1 - lo0) >= 0
    source = np.array([j < m - max(len(lp) - 1, 0) for j in range(m)], dtype=bool)
    text = (f"Pr(CS) in the selected equilibrium at theta + dtheta >= at theta (sample: "
            f"dtheta = {step}, by raising offensive power; line: consecutive points of {line} "
            "on [1/20, 49/50] at the baseline, up to futility)")
    return _result("H6", text, [p for p, _ in pairs], holds, app, h_all, h_any,
                   {"sample": holds & source, "line": holds & ~source},
                   len(base), None if points is not None else seed, _box_text(box), failed,
                   (f"applicable: {int((app & source).sum())} sample pairs, "
                    f"{int((app & ~source).sum())} line pairs",))


def _with(p: Mapping[str, Any], **kw: Any) -> dict[str, Any]:
    out = {s.name: v for s, v in full_point(p).items()}
    out.update(kw)
    return out


def h7(n: int = 24, seed: int = 0, *, box: Mapping[sp.Symbol, tuple] | None = None,
       processes: int = 2, progress: bool = True,
       points: Sequence[Mapping[str, Any]] | None = None, line: int = 9,
       forms: Forms | None = None) -> HypothesisResult:
    """H7 as a comparative static in geography: the same power and distance on land and at sea.

    Each point (the sample plus ``line`` baseline points whose offensive power gives a land
    threat evenly spread on [1/10, 49/50]) is placed in a land theatre (water share
    ``s_w = 0``) and a sea theatre (``s_w = 1``), all else equal.  The verdict is the real
    test ``Pr(CS, land) >= Pr(CS, sea)`` in the selected equilibria.  Part ``"threat"``
    records ``theta(land) > theta(sea)``: a property of the geography functions (strict
    whenever ``d > 0``, ``phi < 1`` and ``beta_w > 1``), not a finding; where it fails the
    geography is inert and the point is not applicable.

    Examples
    --------
    >>> r = h7(points=[{}], line=0, processes=1, progress=False)
    >>> bool(r.parts["threat"][0]), bool(r.holds[0])
    (True, True)
    """
    base = _with_forms(sample_points(n, seed, box) if points is None else points, forms)
    pts = tuple({s.name: v for s, v in full_point(p).items()} for p in base)
    if line > 1:
        pts += tuple(_with(p, s_w=0) for p in theta_line(
            line, "1/10", "49/50", values=_with_forms([{}], forms)[0], theatre="land"))
    land_pts = [_with(p, s_w=0) for p in pts]
    sea_pts = [_with(p, s_w=1) for p in pts]
    land = _solved(land_pts, None, processes, progress)
    sea = _solved(sea_pts, None, processes, progress)
    m = len(pts)
    holds, app = np.zeros(m, bool), np.zeros(m, bool)
    h_all, h_any = np.zeros(m, bool), np.zeros(m, bool)
    threat = np.zeros(m, bool)
    failed = 0
    for j in range(m):
        threat[j] = sign(theta(None, full_point(land_pts[j]))
                         - theta(None, full_point(sea_pts[j]))) > 0
        s0, s1 = land[j], sea[j]
        if not (isinstance(s0, SolvedPoint) and isinstance(s1, SolvedPoint)):
            failed += 1
            continue
        if not threat[j]:
            continue
        (a0, lo0, hi0), (a1, lo1, hi1) = _pr_cs(s0), _pr_cs(s1)
        app[j] = True
        holds[j] = sign(a0 - a1) >= 0
        h_all[j] = sign(lo0 - hi1) >= 0
        h_any[j] = sign(hi0 - lo1) >= 0
    strict = np.array([isinstance(land[j], SolvedPoint) and isinstance(sea[j], SolvedPoint)
                       and app[j] and sign(_pr_cs(land[j])[0] - _pr_cs(sea[j])[0]) > 0
                       for j in range(m)], dtype=bool)
    return _result("H7", "Pr(CS) in the selected equilibrium with the approach over land "
                   "(s_w = 0) >= with it over water (s_w = 1), at equal power, distance and "
                   "foothold; applicable where geography matters (theta(land) > theta(sea))",
                   pts, holds, app, h_all, h_any,
                   {"threat": threat, "strict": strict}, len(base),
                   None if points is not None else seed, _box_text(box), failed,
                   (f"land strictly likelier at {int(strict.sum())} of {int(app.sum())} "
                    "applicable points; elsewhere equal or lower",))


def extras(n: int = 24, seed: int = 0, *, box: Mapping[sp.Symbol, tuple] | None = None,
           processes: int = 2, progress: bool = True,
           points: Sequence[Mapping[str, Any]] | None = None, forms: Forms | None = None
           ) -> tuple[HypothesisResult, ...]:
    """The spec's extra predictions: never bluff, attack falls after CS+M, selection.

    Examples
    --------
    >>> nb, att, sel = extras(points=[{}], processes=1, progress=False)
    >>> bool(nb.holds[0]), bool(att.holds[0]), bool(sel.holds[0])
    (True, True, True)
    """
    pts, solved = _setup(n, seed, box, processes, progress, points=points, forms=forms)
    kw = dict(n=len(pts) if points is not None else n,
              seed=None if points is not None else seed, box=_box_text(box))

    def bluff(sp_, i):
        eq = _eq(sp_, i)
        if "cs" not in eq.on_path:
            return None
        for t in pay.TYPES:
            if _prob(eq.sender[t]["cs"]) == 0:
                continue
            for d in pay.DESIGNS["cs"]:
                if _prob(eq.receiver["cs"][d]) == 0:
                    continue
                ws = pay.war_state(t, "cs", d, theatre=sp_.theatre, point=sp_.point)
                if ws.helps != 1:
                    return False
        return True

    def attack(sp_, i):
        eq, s = _eq(sp_, i), sp_.summaries[i]
        if set(eq.on_path) != {"cs", "no_cs"} or _prob(eq.receiver["cs"]["M"]) == 0:
            return None
        r = pay.attack_probability("cs", "M", theatre=sp_.theatre, point=sp_.point,
                                   mu_H=s.posterior["cs"])
        return sign(r - s.values["attack[no_cs]"]) < 0

    def selection(sp_, i):
        eq, s = _eq(sp_, i), sp_.summaries[i]
        total = s.values["attack"]
        if sign(total) <= 0:
            return None
        q = sp_.point[S.q]
        pl = sum((1 - q) * _prob(eq.sender["L"][m]) * s.values[f"attack[{m}]"]
                 for m in pay.MESSAGES if s.values[f"attack[{m}]"] is not None)
        return sign(pl / total - (1 - q)) > 0

    return (
        _evaluate("never bluff", "every type that forms CS helps an attacked neighbour under "
                  "every design the patron answers CS with", pts, solved, {"helps": bluff},
                  _all_of, **kw),
        _evaluate("attack falls after CS+M", "attack probability after CS answered by M < "
                  "attack probability after no CS (both on the path)", pts, solved,
                  {"falls": attack}, _all_of, **kw),
        _evaluate("selection", "Pr(irresolute | attacked) > 1 - q", pts, solved,
                  {"selection": selection}, _all_of, **kw),
    )


def all_hypotheses(n: int = 24, seed: int = 0, *,
                   box: Mapping[sp.Symbol, tuple] | None = None, processes: int = 2,
                   progress: bool = True, line: int = 9,
                   points: Sequence[Mapping[str, Any]] | None = None,
                   forms: Forms | None = None) -> tuple[HypothesisResult, ...]:
    """H1..H7 and the three extras on one sample (each point is solved once).

    ``points`` replaces the seeded sample of ``n`` points; ``forms`` (a
    :class:`~.forms.Forms`) solves every point, and the theta lines, with those
    functional forms (default: the baseline forms).

    Examples
    --------
    >>> res = all_hypotheses(n=1, line=0, processes=1, progress=False)
    >>> [r.name for r in res][:3]
    ['H1', 'H2', 'H3']
    """
    kw = dict(box=box, processes=processes, progress=progress, points=points, forms=forms)
    return (h1(n, seed, **kw), h2(n, seed, **kw), h3(n, seed, **kw), h4(n, seed, **kw),
            h5(n, seed, **kw), h6(n, seed, line=line, **kw), h7(n, seed, line=line, **kw),
            *extras(n, seed, **kw))
