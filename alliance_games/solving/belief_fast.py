"""Fast exact path for two-type games whose payoffs depend on the posterior.

The same algorithm as :mod:`.belief_payoffs` (same patterns, same candidate posteriors,
same representatives, same off-path sets and refinements), run on fast exact types
instead of sympy:

* payoffs are piecewise polynomials in ``x = mu(first type)`` on ``[0, 1]`` with
  rational breakpoints (:class:`PW`; ``Min``/``Max`` of polynomials become pieces);
* numbers are rationals or quadratic irrationals (:mod:`.quadratic`), so the roots of
  the (at most quadratic) conditions are exact and every sign is exact;
* sets of posteriors are sorted lists of intervals (:class:`ISet`), not sympy Sets.

Sympy objects are built only when the equilibria are assembled.  Whenever a number
or condition falls outside these types (a cubic, two different square roots in one
sum, a system of several unknown posteriors) :class:`~.quadratic.OutsideFastType` is
raised and the caller solves the game on the general exact path instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cmp_to_key
from itertools import combinations, product

import sympy as sp

from ..beliefs import BeliefSet
from ..equilibrium import Equilibrium, SolveResult, freeze
from ..game import SignallingGame
from .assemble import kind_of, pattern_label
from .lp import LinearSystem, interior_point, variable_range
from .patterns import nonempty_subsets
from .quadratic import QUAD, OutsideFastType, Quad, qcmp, qsign, rational_between, sqrt_of, to_sympy

ZERO, ONE = Fraction(0), Fraction(1)
_key = cmp_to_key(qcmp)


# ------------------------------------------------------------------ polynomials
def _trim(p: tuple) -> tuple:
    p = list(p)
    while p and qsign(p[-1]) == 0:
        p.pop()
    return tuple(p)


def _padd(p, q):
    n = max(len(p), len(q))
    return _trim(tuple((p[i] if i < len(p) else ZERO) + (q[i] if i < len(q) else ZERO)
                       for i in range(n)))


def _pneg(p):
    return tuple(-c for c in p)


def _pmul(p, q):
    if not p or not q:
        return ()
    out = [ZERO] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] = out[i + j] + a * b
    return _trim(tuple(out))


def _peval(p, x):
    acc = ZERO
    for c in reversed(p):
        acc = acc * x + c
    return acc


def _pderiv(p):
    return _trim(tuple(c * i for i, c in enumerate(p) if i))


def _proots(p) -> list:
    """The real roots of a polynomial (degree <= 2), ascending."""
    if len(p) <= 1:
        return []
    if len(p) == 2:
        if not all(isinstance(c, (Fraction, Quad)) for c in p):
            raise OutsideFastType("a condition with general algebraic coefficients")
        return [-p[0] / p[1]]
    if len(p) > 3 or not all(isinstance(c, Fraction) for c in p):
        raise OutsideFastType("a condition beyond quadratics with rational coefficients")
    c, b, a = p
    disc = b * b - 4 * a * c
    if disc < 0:
        return []
    if disc == 0:
        return [-b / (2 * a)]
    r = sqrt_of(disc)
    roots = [(-b - r) / (2 * a), (-b + r) / (2 * a)]
    return sorted(roots, key=_key)


# ------------------------------------------------------------------ piecewise functions
@dataclass(frozen=True)
class PW:
    """A continuous piecewise polynomial on ``[0, 1]``: ``polys[i]`` on
    ``[breaks[i], breaks[i+1]]`` (coefficients from the constant term up)."""

    breaks: tuple
    polys: tuple

    @staticmethod
    def const(c) -> PW:
        return PW((ZERO, ONE), (_trim((c,)),))

    def is_const(self) -> bool:
        return len(self.polys) == 1 and len(self.polys[0]) <= 1

    def __call__(self, x):
        for i, p in enumerate(self.polys):
            if i == len(self.polys) - 1 or qcmp(x, self.breaks[i + 1]) <= 0:
                return _peval(p, x)
        raise AssertionError("unreachable")

    def _common(self, other: PW):
        if self.breaks == other.breaks:
            return self.breaks, self.polys, other.polys
        br = sorted(set(self.breaks) | set(other.breaks))
        return tuple(br), self._on(br), other._on(br)

    def _on(self, br):
        out, i = [], 0
        for k in range(len(br) - 1):
            while self.breaks[i + 1] < br[k + 1]:
                i += 1
            out.append(self.polys[i])
        return tuple(out)

    def _combine(self, other: PW, op) -> PW:
        if not isinstance(other, PW):
            other = PW.const(other)
        br, p, q = self._common(other)
        return _merged(br, [op(a, b) for a, b in zip(p, q)])

    def __add__(self, other):
        return self._combine(other, _padd)

    __radd__ = __add__

    def __sub__(self, other):
        return self._combine(other, lambda a, b: _padd(a, _pneg(b)))

    def __rsub__(self, other):
        return PW.const(other) - self

    def __neg__(self):
        return PW(self.breaks, tuple(_pneg(p) for p in self.polys))

    def __mul__(self, other):
        return self._combine(other, _pmul)

    __rmul__ = __mul__

    def extreme(self, other: PW, larger: bool) -> PW:
        """``Max(self, other)`` (``larger``) or ``Min``."""
        br, p, q = self._common(other)
        nb, npol = [br[0]], []
        for k in range(len(br) - 1):
            lo, hi = br[k], br[k + 1]
            h = _padd(p[k], _pneg(q[k]))
            cuts = [r for r in _proots(h) if qcmp(r, lo) > 0 and qcmp(r, hi) < 0]
            if any(isinstance(r, Quad) for r in cuts):
                raise OutsideFastType("an irrational kink")
            pts = [lo] + cuts + [hi]
            for a, b in zip(pts, pts[1:]):
                s = qsign(_peval(h, (a + b) / 2))
                npol.append(p[k] if (s >= 0) == larger or s == 0 else q[k])
                nb.append(b)
        return _merged(tuple(nb), npol)


def _merged(br, polys) -> PW:
    nb, npol = [br[0]], []
    for b, p in zip(br[1:], polys):
        if npol and npol[-1] == p:
            nb[-1] = b
        else:
            npol.append(p)
            nb.append(b)
    return PW(tuple(nb), tuple(npol))


X_PW = PW((ZERO, ONE), ((ZERO, ONE),))


def to_pw(expr, mu0, mu1, cache: dict) -> PW:
    """A sympy payoff (rational numbers, the two belief symbols, +, *, integer powers,
    Min, Max) as a :class:`PW` in ``x = mu0 = 1 - mu1``."""
    hit = cache.get(expr)
    if hit is not None:
        return hit
    if expr.is_Rational:
        out = PW.const(Fraction(int(expr.p), int(expr.q)))
    elif expr == mu0:
        out = X_PW
    elif expr == mu1:
        out = 1 - X_PW
    elif expr.is_Add or expr.is_Mul:
        parts = [to_pw(a, mu0, mu1, cache) for a in expr.args]
        out = parts[0]
        for q in parts[1:]:
            out = out + q if expr.is_Add else out * q
    elif expr.is_Pow and expr.exp.is_Integer and expr.exp >= 0:
        base = to_pw(expr.base, mu0, mu1, cache)
        out = PW.const(ONE)
        for _ in range(int(expr.exp)):
            out = out * base
    elif isinstance(expr, (sp.Min, sp.Max)):
        parts = [to_pw(a, mu0, mu1, cache) for a in expr.args]
        out = parts[0]
        for q in parts[1:]:
            out = out.extreme(q, isinstance(expr, sp.Max))
    else:
        raise OutsideFastType(f"payoff term {expr} is not piecewise polynomial")
    cache[expr] = out
    return out


# ------------------------------------------------------------------ sets of posteriors
@dataclass(frozen=True)
class ISet:
    """A finite union of disjoint intervals ``(lo, hi, lo_closed, hi_closed)``, sorted
    (a point is ``(p, p, True, True)``)."""

    parts: tuple = ()

    @property
    def empty(self) -> bool:
        return not self.parts

    def contains(self, x) -> bool:
        for lo, hi, lc, hc in self.parts:
            a, b = qcmp(x, lo), qcmp(x, hi)
            if (a > 0 or (a == 0 and lc)) and (b < 0 or (b == 0 and hc)):
                return True
        return False

    def __and__(self, other: ISet) -> ISet:
        out = []
        for lo1, hi1, lc1, hc1 in self.parts:
            for lo2, hi2, lc2, hc2 in other.parts:
                c = qcmp(lo1, lo2)
                lo, lc = (lo1, lc1) if c > 0 else (lo2, lc2) if c < 0 else (lo1, lc1 and lc2)
                c = qcmp(hi1, hi2)
                hi, hc = (hi1, hc1) if c < 0 else (hi2, hc2) if c > 0 else (hi1, hc1 and hc2)
                c = qcmp(lo, hi)
                if c < 0 or (c == 0 and lc and hc):
                    out.append((lo, hi, lc, hc))
        return _normal(out)

    def __or__(self, other: ISet) -> ISet:
        return _normal(list(self.parts) + list(other.parts))

    def __sub__(self, other: ISet) -> ISet:
        gaps, start, sc = [], ZERO, True  # complement of other in [0, 1]
        for lo, hi, lc, hc in other.parts:
            c = qcmp(start, lo)
            if c < 0 or (c == 0 and sc and not lc):
                gaps.append((start, lo, sc, not lc))
            start, sc = hi, not hc
        c = qcmp(start, ONE)
        if c < 0 or (c == 0 and sc):
            gaps.append((start, ONE, sc, True))
        return self & ISet(tuple(gaps))

    def points(self) -> list | None:
        """The points of a finite set (sorted), or None."""
        if all(lo is hi or qcmp(lo, hi) == 0 for lo, hi, _, _ in self.parts):
            return [p[0] for p in self.parts]
        return None

    @property
    def inf(self):
        return self.parts[0][0]

    @property
    def sup(self):
        return self.parts[-1][1]

    def sympy_args(self) -> list:
        """The pieces in the order of sympy's ``Union.args``: intervals, and one group
        of isolated points, ordered by their infimum (rationals first in a group)."""
        pts = [p[0] for p in self.parts if qcmp(p[0], p[1]) == 0]
        ivs = [("I", p) for p in self.parts if qcmp(p[0], p[1]) != 0]
        items = list(ivs)
        if pts:
            group = sorted([p for p in pts if not isinstance(p, Quad)], key=_key) + \
                sorted([p for p in pts if isinstance(p, Quad)], key=_key)
            items.append(("F", group, min(pts, key=_key)))
        return sorted(items, key=cmp_to_key(lambda a, b: qcmp(
            a[1][0] if a[0] == "I" else a[2], b[1][0] if b[0] == "I" else b[2])))

    def to_sympy(self) -> sp.Set:
        pieces = []
        pts = []
        for lo, hi, lc, hc in self.parts:
            if qcmp(lo, hi) == 0:
                pts.append(to_sympy(lo))
            else:
                pieces.append(sp.Interval(to_sympy(lo), to_sympy(hi), not lc, not hc))
        if pts:
            pieces.append(sp.FiniteSet(*pts))
        if not pieces:
            return sp.S.EmptySet
        return sp.Union(*pieces) if len(pieces) > 1 else pieces[0]


def _normal(parts: list) -> ISet:
    if len(parts) <= 1:
        return ISet(tuple(parts))
    parts.sort(key=cmp_to_key(lambda a, b: qcmp(a[0], b[0]) or (b[2] - a[2])))
    out = [list(parts[0])]
    for lo, hi, lc, hc in parts[1:]:
        cur = out[-1]
        c = qcmp(lo, cur[1])
        if c < 0 or (c == 0 and (lc or cur[3])):
            d = qcmp(hi, cur[1])
            if d > 0:
                cur[1], cur[3] = hi, hc
            elif d == 0:
                cur[3] = cur[3] or hc
        else:
            out.append([lo, hi, lc, hc])
    return ISet(tuple(tuple(p) for p in out))


UNIT = ISet(((ZERO, ONE, True, True),))
EMPTY = ISet()


def point_set(*pts) -> ISet:
    return _normal([(p, p, True, True) for p in pts])


def open_interval(lo, hi) -> ISet:
    return ISet(((lo, hi, False, False),)) if qcmp(lo, hi) < 0 else EMPTY


def solve_rel(f: PW, kind: str) -> ISet:
    """The posteriors in ``[0, 1]`` with ``f >= 0`` (``kind="ge"``) or ``f == 0``."""
    out = []
    for k, p in enumerate(f.polys):
        lo, hi = f.breaks[k], f.breaks[k + 1]
        if not p:
            out.append((lo, hi, True, True))
            continue
        if len(p) == 1:
            s = qsign(p[0])
            if kind == "ge" and s >= 0:
                out.append((lo, hi, True, True))
            continue
        pts = [lo] + [r for r in _proots(p) if qcmp(r, lo) > 0 and qcmp(r, hi) < 0] + [hi]
        for i, b in enumerate(pts):
            s = qsign(_peval(p, b))
            if s == 0 or (kind == "ge" and s > 0):
                out.append((b, b, True, True))
            if i + 1 < len(pts) and kind == "ge":
                if qsign(_peval(p, rational_between(b, pts[i + 1]))) > 0:
                    out.append((b, pts[i + 1], False, False))
    return _normal(out)


def solve_ge(f) -> ISet:
    if not isinstance(f, PW):
        return UNIT if qsign(f) >= 0 else EMPTY
    return solve_rel(f, "ge")


# ------------------------------------------------------------------ the game
@dataclass
class FastGame:
    game: SignallingGame
    u: list  # u[t][m][a]: PW
    v: list
    prior: list
    n_actions: tuple
    expected: list  # expected[m][a]: receiver's expected payoff as PW
    cache: dict = field(default_factory=dict)

    @property
    def n_messages(self) -> int:
        return len(self.n_actions)

    def br_region(self, m: int, B) -> ISet:
        key = ("br", m, tuple(B))
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        region = UNIT
        for i, a in enumerate(B):
            for a2 in range(self.n_actions[m]):
                if a2 == a or (a2 in B and B.index(a2) < i):
                    continue
                kind = "eq" if a2 in B else "ge"
                dkey = ("rel", m, a, a2, kind)
                part = self.cache.get(dkey)
                if part is None:
                    part = solve_rel(self.expected[m][a] - self.expected[m][a2], kind)
                    self.cache[dkey] = part
                region = region & part
                if region.empty:
                    break
        self.cache[key] = region
        return region


def fast_game(game: SignallingGame) -> FastGame:
    """The game's payoffs as piecewise polynomials (raises OutsideFastType)."""
    mu0, mu1 = game.belief_symbols
    cache: dict = {}
    u = [[[to_pw(x, mu0, mu1, cache) for x in row] for row in rows]
         for rows in game.sender_payoffs]
    v = [[[to_pw(x, mu0, mu1, cache) for x in row] for row in rows]
         for rows in game.receiver_payoffs]
    prior = []
    for p in game.prior:
        if not p.is_Rational:
            raise OutsideFastType("an irrational prior")
        prior.append(Fraction(int(p.p), int(p.q)))
    n_actions = tuple(len(a) for a in game.actions)
    expected = [[X_PW * v[0][m][a] + (1 - X_PW) * v[1][m][a] for a in range(n_actions[m])]
                for m in range(len(n_actions))]
    return FastGame(game, u, v, prior, n_actions, expected)


# ------------------------------------------------------------------ solving
@dataclass
class _Solution:
    S: tuple
    B: tuple
    sigma: dict
    rho: dict
    x: dict
    values: list
    off: dict
    family: bool = False


def solve_fast(game: SignallingGame, *, pure: bool = False, refine: bool = True,
               method: str = "belief-dependent support enumeration (exact)",
               fallback=None) -> SolveResult:
    """All PBE of a two-type belief-dependent game on the fast exact path.

    ``fallback(S, B)`` solves one support pattern on the general path (returning its
    equilibrium or None) when a number outside the fast types occurs in that pattern;
    without it, and when the payoffs themselves are outside the fast types,
    :class:`~.quadratic.OutsideFastType` is raised.

    Examples
    --------
    >>> from alliance_games import SignallingGame, belief
    >>> mu = belief("H")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[0, 1], [-1, 0]], [[0, 1 + mu], [1, 2]]],
    ...     [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"])
    >>> len(solve_fast(g, pure=True)) >= 1
    True
    """
    gd = fast_game(game)
    out = []
    msg_sets = nonempty_subsets(len(game.messages), 1 if pure else None)
    act_sets = [nonempty_subsets(k, 1 if pure else None) for k in gd.n_actions]
    for S in product(msg_sets, repeat=2):
        for B in product(*act_sets):
            try:
                sol = next(_solve_pattern(gd, S, B), None)
                eq = None if sol is None else _assemble(gd, sol, refine, method)
            except OutsideFastType:
                if fallback is None:
                    raise
                eq = fallback(S, B)
            if eq is not None:
                out.append(eq)
    return SolveResult(game, tuple(out), method, pure=pure)


def _solve_pattern(gd: FastGame, S, B):
    on = sorted({m for s in S for m in s})
    shared = [m for m in on if m in S[0] and m in S[1]]
    mixing = [t for t in (0, 1) if len(S[t]) > 1]
    fixed = {}
    for m in on:
        if m not in shared:
            fixed[m] = ONE if m in S[0] else ZERO
        elif not mixing:
            fixed[m] = gd.prior[0]
    free = [m for m in shared if m not in fixed]
    for m, x in fixed.items():
        if not gd.br_region(m, B[m]).contains(x):
            return
    options = []
    for m in free:
        if len(S[0]) == 1:
            window = open_interval(gd.prior[0], ONE)
        elif len(S[1]) == 1:
            window = open_interval(ZERO, gd.prior[0])
        else:
            window = open_interval(ZERO, ONE)
        region = gd.br_region(m, B[m]) & window
        pts = region.points()
        options.append(pts if pts is not None else region)
    continuum = any(not isinstance(o, list) for o in options)
    for xs in _posterior_candidates(gd, S, B, free, options, fixed):
        x = dict(fixed)
        x.update(zip(free, xs))
        sigma = _sigma(gd, S, x)
        if sigma is None:
            continue
        res = _rho_with_deterrence(gd, S, B, x, on)
        if res is None:
            continue
        rho, values, family = res
        off = {}
        ok = True
        for m in range(gd.n_messages):
            if m in on:
                continue
            found = _off_path(gd, m, B[m], values)
            if found is None:
                ok = False
                break
            off[m] = found
            rho.update(found[2])
        if ok:
            rep = continuum and _is_representative(gd, S, B, free, options, fixed)
            yield _Solution(tuple(S), tuple(B), sigma, rho, x, values, off, family or rep)
            return


def _posterior_candidates(gd: FastGame, S, B, free, options, fixed):
    """Exact candidate posteriors for the shared on-path messages (in ``free`` order).

    Posteriors pinned by the receiver (finite options) are substituted first; the
    others are pinned by a mixing type's indifference between two messages answered
    purely, or, when nothing pins them, represented by sample points."""
    if not free:
        yield ()
        return
    if all(isinstance(o, list) for o in options):
        yield from product(*options)
        return
    lists = [(m, o) for m, o in zip(free, options) if isinstance(o, list)]
    opt = {m: o for m, o in zip(free, options) if not isinstance(o, list)}
    for combo in product(*[o for _, o in lists]):
        fx = dict(fixed)
        fx.update({m: c for (m, _), c in zip(lists, combo)})
        for vals in _unknown_posteriors(gd, S, B, opt, fx):
            yield tuple(fx[m] if m in fx else vals[m] for m in free)


def _unknown_posteriors(gd: FastGame, S, B, opt: dict, fx: dict):
    unknown = list(opt)
    eqs = []  # (unknown messages, functions): sum of f_i(x_{m_i}) == 0
    for t in (0, 1):
        if len(S[t]) < 2:
            continue
        for m in S[t][1:]:
            m0 = S[t][0]
            if len(B[m]) > 1 or len(B[m0]) > 1:
                continue
            if m not in opt and m0 not in opt:
                continue
            terms, const = [], ZERO
            for mm, sgn in ((m, 1), (m0, -1)):
                f = gd.u[t][mm][B[mm][0]]
                if mm in opt and not f.is_const():
                    terms.append((mm, f if sgn > 0 else -f))
                else:
                    val = f(fx[mm]) if mm in fx else f(ZERO)
                    const = const + val if sgn > 0 else const - val
            if not terms:
                if qsign(const) != 0:
                    return
                continue
            eqs.append((terms, const))
    pinned = {mm for terms, _ in eqs for mm, _ in terms}
    if set(unknown) - pinned:
        reps = [_representatives(opt[m], gd.prior[0]) for m in unknown]
        for combo in product(*reps):
            yield dict(zip(unknown, combo))
        return
    if len(unknown) == 1:
        (mu,) = unknown
        funcs = [terms[0][1] + const for terms, const in eqs]
        roots = [r for r in _pw_roots(funcs[0]) if all(qsign(f(r)) == 0 for f in funcs[1:])]
        for r in roots:
            if opt[mu].contains(r):
                yield {mu: r}
        return
    if len(unknown) == 2:
        for sol in _pair_roots(unknown, eqs):
            if all(opt[m].contains(sol[m]) for m in unknown):
                yield sol
        return
    raise OutsideFastType("more than two unknown posteriors pinned together")


def _pair_roots(unknown, eqs) -> list:
    """Common roots of equations ``sum f_i(x_{m_i}) + c = 0`` in two unknowns, each
    piecewise linear (cells of the two break lists)."""
    mx, my = unknown
    bx = sorted({b for terms, _ in eqs for m, f in terms if m == mx for b in f.breaks}
                or {ZERO, ONE})
    by = sorted({b for terms, _ in eqs for m, f in terms if m == my for b in f.breaks}
                or {ZERO, ONE})
    out = []
    for i in range(len(bx) - 1):
        for j in range(len(by) - 1):
            rows = []
            for terms, const in eqs:
                cx = cy = ZERO
                c0 = const
                for m, f in terms:
                    k = f._on([bx[i], bx[i + 1]] if m == mx else [by[j], by[j + 1]])[0]
                    if len(k) > 2:
                        raise OutsideFastType("a non-linear system in two posteriors")
                    c0 = c0 + (k[0] if k else ZERO)
                    lin = k[1] if len(k) > 1 else ZERO
                    if m == mx:
                        cx = cx + lin
                    else:
                        cy = cy + lin
                rows.append(((cx, cy), -c0))
            sol = _linsolve(2, rows)
            if sol is None:
                continue
            if sol == "free":
                raise OutsideFastType("a continuum of posterior pairs")
            x, y = sol
            if qcmp(x, bx[i]) >= 0 and qcmp(x, bx[i + 1]) <= 0 and qcmp(y, by[j]) >= 0 \
                    and qcmp(y, by[j + 1]) <= 0:
                if not any(qcmp(x, p[mx]) == 0 and qcmp(y, p[my]) == 0 for p in out):
                    out.append({mx: x, my: y})
    return out


def _pw_roots(f: PW) -> list:
    """The roots of ``f`` in ``[0, 1]``, ascending (a root at a kink once)."""
    out: list = []
    for k, p in enumerate(f.polys):
        if not p:
            raise OutsideFastType("an indifference equation that vanishes on an interval")
        lo, hi = f.breaks[k], f.breaks[k + 1]
        for r in _proots(p):
            if qcmp(r, lo) >= 0 and qcmp(r, hi) <= 0 and not (out and qcmp(out[-1], r) == 0):
                out.append(r)
    return out


def _is_representative(gd: FastGame, S, B, free, options, fixed) -> bool:
    unknown = [m for m, o in zip(free, options) if not isinstance(o, list)]
    for t in (0, 1):
        for m in S[t][1:]:
            m0 = S[t][0]
            if (m in unknown or m0 in unknown) and len(B[m]) == 1 and len(B[m0]) == 1:
                lhs = gd.u[t][m][B[m][0]]
                rhs = gd.u[t][m0][B[m0][0]]
                lhs = lhs(fixed[m]) if m in fixed else lhs
                rhs = rhs(fixed[m0]) if m0 in fixed else rhs
                d = lhs - rhs
                if isinstance(d, PW) and not d.is_const():
                    return False
    return True


def _representatives(region: ISet, split=None) -> list:
    if split is not None:
        below = region & open_interval(ZERO, split)
        above = region & open_interval(split, ONE)
        return _representatives(below) + _representatives(above) + (
            [split] if region.contains(split) else [])
    out = []
    for item in region.sympy_args():
        if item[0] == "I":
            lo, hi = item[1][0], item[1][1]
            for f in (Fraction(1, 2), Fraction(1, 3), Fraction(2, 3)):
                out.append(lo + f * (hi - lo))
        else:
            out.extend(item[1])
    return out


def _linsolve(n: int, rows):
    """Gaussian elimination: ``None`` (inconsistent), ``"free"`` or the unique point."""
    m = [list(a) + [b] for a, b in rows]
    piv_cols = []
    r = 0
    for c in range(n):
        p = next((i for i in range(r, len(m)) if qsign(m[i][c]) != 0), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        inv = 1 / m[r][c]
        m[r] = [y * inv for y in m[r]]
        for i in range(len(m)):
            if i != r and qsign(m[i][c]) != 0:
                f = m[i][c]
                m[i] = [y - f * z for y, z in zip(m[i], m[r])]
        piv_cols.append(c)
        r += 1
    if any(qsign(row[-1]) != 0 for row in m[r:]):
        return None
    if r < n:
        return "free"
    point = [ZERO] * n
    for i, c in enumerate(piv_cols):
        point[c] = m[i][-1]
    return point


def _dot(a, point):
    acc = ZERO
    for c, v in zip(a, point):
        acc = acc + c * v
    return acc


def _interior(system: LinearSystem):
    n = system.n
    if n and len(system.eq) >= n:
        sol = _linsolve(n, system.eq)
        if sol is None:
            return None
        if sol != "free":
            if all(qcmp(_dot(a, sol), b) >= 0 for a, b in system.ge) and all(
                    qcmp(_dot(a, sol), b) > 0 for a, b in system.gt):
                return sol
            return None
    return interior_point(QUAD, system)


def _pinned(system: LinearSystem) -> bool:
    sol = _linsolve(system.n, system.eq)
    return sol is not None and sol != "free"


def _sigma(gd: FastGame, S, x):
    keys = [(t, m) for t in (0, 1) if len(S[t]) > 1 for m in S[t]]
    idx = {k: i for i, k in enumerate(keys)}
    sigma = {(t, S[t][0]): ONE for t in (0, 1) if len(S[t]) == 1}
    if not keys:
        for m, xm in x.items():
            w0 = gd.prior[0] * sigma.get((0, m), 0)
            w1 = gd.prior[1] * sigma.get((1, m), 0)
            if qsign(w0 + w1) == 0 or qcmp(w0 / (w0 + w1), xm) != 0:
                return None
        return sigma
    if len(keys) == 2:  # one type mixes over two messages, one of them the other's
        t = keys[0][0]
        (m_star,) = S[1 - t]
        if m_star in S[t]:
            xm = x[m_star]
            num, den = (gd.prior[0] * (1 - xm), gd.prior[1] * xm) if t == 1 else \
                (gd.prior[1] * xm, gd.prior[0] * (1 - xm))
            if qsign(den) != 0:  # Bayes at m_star pins the mixture (a unique solution)
                share = num / den
                if qsign(share) <= 0 or qcmp(share, ONE) >= 0:
                    return None
                other = S[t][0] if S[t][1] == m_star else S[t][1]
                sigma[(t, m_star)] = share
                sigma[(t, other)] = 1 - share
                return sigma
    if len(keys) == 4 and S[0] == S[1]:  # both types mix over the same two messages
        m0, m1 = S[0]
        c0, c1 = qcmp(x[m0], gd.prior[0]), qcmp(x[m1], gd.prior[0])
        if c0 * c1 >= 0 and (c0, c1) != (0, 0):
            return None  # the prior must lie strictly between the two posteriors
        if c0 * c1 < 0 and all(qsign(x[m]) > 0 and qcmp(x[m], ONE) < 0 for m in S[0]):
            # s0m = r_m * s1m (Bayes), s1m0 + s1m1 = 1 = r0 s1m0 + r1 s1m1: unique
            r0, r1 = (gd.prior[1] * x[m] / (gd.prior[0] * (1 - x[m])) for m in (m0, m1))
            try:
                s10 = (1 - r1) / (r0 - r1)
                s11 = 1 - s10
                s00, s01 = r0 * s10, r1 * s11
            except OutsideFastType:  # two fields: exact sympy numbers (output only)
                r0, r1 = to_sympy(r0), to_sympy(r1)
                s10 = (1 - r1) / (r0 - r1)
                s11 = 1 - s10
                s00, s01 = r0 * s10, r1 * s11
            # x_m0 and x_m1 straddle the prior, so r_m - 1 = (x_m - p0) / (p0 (1 - x_m))
            # have opposite signs and every share above lies strictly inside (0, 1)
            sigma.update({(0, m0): s00, (0, m1): s01, (1, m0): s10, (1, m1): s11})
            return sigma
    eq, gt = [], []
    for t in (0, 1):
        if len(S[t]) > 1:
            eq.append((tuple(ONE if k[0] == t else ZERO for k in keys), ONE))
            for m in S[t]:
                gt.append((tuple(ONE if k == (t, m) else ZERO for k in keys), ZERO))
    for m, xm in x.items():
        if m not in S[0] or m not in S[1]:
            continue
        row = [ZERO] * len(keys)
        const = ZERO
        for t, coef in ((0, gd.prior[0] * (1 - xm)), (1, -gd.prior[1] * xm)):
            if (t, m) in idx:
                row[idx[(t, m)]] += coef
            else:
                const += coef
        eq.append((tuple(row), -const))
    sol = _interior(LinearSystem(len(keys), tuple(eq), (), tuple(gt)))
    if sol is None:
        return None
    sigma.update({k: sol[i] for k, i in idx.items()})
    return sigma


def _rho_with_deterrence(gd: FastGame, S, B, x, on):
    bounds = []
    dependent = []
    for m in range(gd.n_messages):
        if m in on or len(B[m]) != 1:
            continue
        a = B[m][0]
        pay = [gd.u[t][m][a] for t in (0, 1)]
        if any(not p.is_const() for p in pay):
            dependent.append((m, a))
        else:
            bounds.extend((t, pay[t](ZERO)) for t in (0, 1))
    mixed_off = [m for m in range(gd.n_messages) if m not in on and len(B[m]) > 1]
    res = _rho(gd, S, B, x, bounds)
    if res is not None and res[2] and mixed_off:
        if any(_off_path(gd, m, B[m], res[1]) is None for m in mixed_off):
            choices = []
            for m in mixed_off:
                region = gd.br_region(m, list(B[m]))
                pts = region.points()
                if pts is None:
                    pts = _representatives(region)
                choices.append([(m, p) for p in pts])
            for combo in product(*choices):
                res2 = _rho(gd, S, B, x, bounds, combo)
                if res2 is not None:
                    res = res2
                    break
    if res is None or not res[2] or not dependent:
        return res
    if all(_off_path(gd, m, B[m], res[1]) is not None for m in range(gd.n_messages)
           if m not in on):
        return res
    trial_sets = []
    for m, a in dependent:
        region = gd.br_region(m, [a])
        if region.empty:
            raise OutsideFastType("an empty best-response region (general path decides)")
        pts = _representatives(region) + [p for p in (region.inf, region.sup)
                                            if region.contains(p)]
        trial_sets.append([(m, a, p) for p in pts])
    for combo in product(*trial_sets):
        extra = list(bounds)
        for m, a, p in combo:
            extra.extend((t, gd.u[t][m][a](p)) for t in (0, 1))
        res2 = _rho(gd, S, B, x, extra)
        if res2 is not None:
            return res2
    return res


def _rho(gd: FastGame, S, B, x, bounds=(), off_mixed=()):
    on = sorted(x)
    keys = [(m, a) for m in on if len(B[m]) > 1 for a in B[m]]
    keys += [(m, a) for m, _ in off_mixed for a in B[m]]
    idx = {k: i for i, k in enumerate(keys)}

    def payoff(t, m):
        coeffs = [ZERO] * len(keys)
        if len(B[m]) == 1:
            return coeffs, gd.u[t][m][B[m][0]](x[m])
        for a in B[m]:
            coeffs[idx[(m, a)]] = gd.u[t][m][a](x[m])
        return coeffs, ZERO

    eq, ge, gt = [], [], []
    for m in on + [m for m, _ in off_mixed]:
        if len(B[m]) > 1:
            eq.append((tuple(ONE if k[0] == m else ZERO for k in keys), ONE))
            for a in B[m]:
                gt.append((tuple(ONE if k == (m, a) else ZERO for k in keys), ZERO))
    for m, xm in off_mixed:
        for t in (0, 1):
            c0, k0 = payoff(t, S[t][0])
            row = list(c0)
            for a in B[m]:
                row[idx[(m, a)]] -= gd.u[t][m][a](xm)
            ge.append((tuple(row), -k0))
    for t in (0, 1):
        c0, k0 = payoff(t, S[t][0])
        for m in on:
            if m == S[t][0]:
                continue
            c1, k1 = payoff(t, m)
            row = tuple(a - b for a, b in zip(c0, c1))
            if all(qsign(r) == 0 for r in row):
                s = qcmp(k0, k1)  # exact also when k0, k1 lie in different fields
                if (m in S[t] and s != 0) or s < 0:
                    return None
                continue
            (eq if m in S[t] else ge).append((row, k1 - k0))
    for t, bound in bounds:
        c0, k0 = payoff(t, S[t][0])
        if all(qsign(r) == 0 for r in c0):
            if qcmp(k0, bound) < 0:
                return None
            continue
        ge.append((tuple(c0), bound - k0))
    system = LinearSystem(len(keys), tuple(eq), tuple(ge), tuple(gt))
    family = False
    if keys:
        sol = _interior(system)
        if sol is None:
            return None
        rho = {k: sol[i] for k, i in idx.items()}
        if len(system.eq) >= len(keys) and _pinned(system):
            return rho, _values(gd, S, B, x, rho), False
        for i in range(len(keys)):
            lo, hi = variable_range(QUAD, system, i)
            if qcmp(hi, lo) != 0:
                family = True
    else:
        rho = {}
    for m in on:
        if len(B[m]) == 1:
            rho[(m, B[m][0])] = ONE
    return rho, _values(gd, S, B, x, rho), family


def _values(gd: FastGame, S, B, x, rho) -> list:
    for m in x:
        if len(B[m]) == 1:
            rho[(m, B[m][0])] = ONE
    out = []
    for t in (0, 1):
        m = S[t][0]
        acc = ZERO
        for a in B[m]:
            acc = acc + rho[(m, a)] * gd.u[t][m][a](x[m])
        out.append(acc)
    return out


def _off_path(gd: FastGame, m: int, B, values):
    region = gd.br_region(m, list(B))
    if region.empty:
        return None
    if len(B) == 1:
        a = B[0]
        for t in (0, 1):
            region = region & solve_ge(values[t] - gd.u[t][m][a])
            if region.empty:
                return None
        return region, _example(region), {(m, a): ONE}
    pts = region.points()
    interval = pts is None
    if interval:
        pts = _representatives(region) + [p for p in (region.inf, region.sup)
                                          if region.contains(p)]
    good = []
    rho_at = None
    for xm in pts:
        sol = _strict_mixture(gd, m, B, xm, values)
        if sol is not None:
            good.append(xm)
            if rho_at is None:
                rho_at = {(m, a): sol[i] for i, a in enumerate(B)}
    if not good:
        return None
    if not interval:
        region = point_set(*good)
    elif all(gd.u[t][m][a].is_const() for t in (0, 1) for a in B):
        pass
    else:
        region = point_set(*good)
    return region, good[0], rho_at


def _example(region: ISet):
    first = region.sympy_args()[0]
    if first[0] == "F":
        return first[1][0] if len(first[1]) == 1 else min(first[1], key=_key)
    lo, hi = first[1][0], first[1][1]
    try:
        return (lo + hi) / 2
    except OutsideFastType:  # ends in two fields: an exact sympy number (output only)
        return (to_sympy(lo) + to_sympy(hi)) / 2


# ------------------------------------------------------------------ refinements
def _cells(gd: FastGame, m: int, domain: ISet, dkey):
    key = ("cells", m, dkey)
    hit = gd.cache.get(key)
    if hit is not None:
        return hit
    out = []
    n = gd.n_actions[m]
    for size in range(n, 0, -1):
        for B in combinations(range(n), size):
            region = gd.br_region(m, list(B)) & domain
            for other in out:
                if set(B) < set(other[1]):
                    region = region - other[0]
            if not region.empty:
                out.append((region, B))
    gd.cache[key] = out
    return out


def _domain(rest):
    if len(rest) == 2:
        return UNIT, "unit"
    p = ONE if rest[0] == 0 else ZERO
    return point_set(p), p


def _sup_inf(f: PW, region: ISet, want_max: bool):
    """Exact max (min) of a continuous piecewise polynomial over the closure of a set."""
    pts = []
    for lo, hi, _, _ in region.parts:
        pts.append(lo)
        if qcmp(lo, hi) == 0:
            continue
        pts.append(hi)
        if f.is_const():
            continue
        for k, p in enumerate(f.polys):
            a, b = f.breaks[k], f.breaks[k + 1]
            inside = [r for r in _proots(_pderiv(p)) if qcmp(r, a) >= 0 and qcmp(r, b) <= 0]
            inside += [a, b]
            pts += [r for r in inside if qcmp(r, lo) > 0 and qcmp(r, hi) < 0]
    vals = [f(p) for p in pts]
    best = vals[0]
    for val in vals[1:]:
        s = qcmp(val, best)
        if (want_max and s > 0) or (not want_max and s < 0):
            best = val
    return best


def _intuitive(gd: FastGame, on, values) -> bool:
    for m in range(gd.n_messages):
        if m in on:
            continue
        dominated = []
        for t in (0, 1):
            best = None
            for region, B in _cells(gd, m, UNIT, "unit"):
                for a in B:
                    val = _sup_inf(gd.u[t][m][a], region, True)
                    if best is None or qcmp(val, best) > 0:
                        best = val
            if qcmp(values[t], best) > 0:
                dominated.append(t)
        if len(dominated) == 2:
            continue
        rest = [t for t in (0, 1) if t not in dominated]
        domain, dkey = _domain(rest)
        for t in (0, 1):
            worst = None
            for region, B in _cells(gd, m, domain, dkey):
                for a in B:
                    val = _sup_inf(gd.u[t][m][a], region, False)
                    if worst is None or qcmp(val, worst) < 0:
                        worst = val
            if worst is not None and qcmp(worst, values[t]) > 0:
                return False
    return True


def _d1(gd: FastGame, on, values) -> bool:
    for m in range(gd.n_messages):
        if m in on:
            continue
        pruned = [t for t in (0, 1) if _weak_gain_implies_strict(gd, m, t, 1 - t, values)]
        rest = [t for t in (0, 1) if t not in pruned] or [0, 1]
        domain, dkey = _domain(rest)
        ok = False
        for region, B in _cells(gd, m, domain, dkey):
            for B2 in [b for k in range(1, len(B) + 1) for b in combinations(range(len(B)), k)]:
                acts = [B[i] for i in B2]
                if len(acts) == 1:
                    r = region
                    for t in (0, 1):
                        r = r & solve_ge(values[t] - gd.u[t][m][acts[0]])
                    if not r.empty:
                        ok = True
                        break
                else:
                    for xm in region.points() or []:
                        if _mixture_deters(gd, m, acts, xm, values):
                            ok = True
                            break
                if ok:
                    break
            if ok:
                break
        if not ok:
            return False
    return True


def _lambda_range(gains):
    """The closed range of ``lam`` in ``[0, 1]`` with ``lam*g0 + (1-lam)*g1 <= 0`` for
    every ``(g0, g1)`` in ``gains``, or None when empty."""
    lo, hi = ZERO, ONE
    for g0, g1 in gains:
        slope = g0 - g1  # g1 + lam*slope <= 0
        s = qsign(slope)
        if s == 0:
            if qsign(g1) > 0:
                return None
            continue
        bound = -g1 / slope
        if s > 0:
            hi = bound if qcmp(bound, hi) < 0 else hi
        else:
            lo = bound if qcmp(bound, lo) > 0 else lo
    return (lo, hi) if qcmp(lo, hi) <= 0 else None


def _mixture_deters(gd: FastGame, m, acts, xm, values) -> bool:
    """Whether some mixture over ``acts`` at belief ``xm`` leaves every type at most its
    equilibrium payoff (closed form for two actions, the exact simplex otherwise)."""
    if len(acts) == 2:
        gains = [[gd.u[t][m][a](xm) - values[t] for a in acts] for t in (0, 1)]
        return _lambda_range(gains) is not None
    ge = tuple((tuple(-gd.u[t][m][a](xm) for a in acts), -values[t]) for t in (0, 1))
    system = LinearSystem(len(acts), ((tuple([ONE] * len(acts)), ONE),), ge)
    return interior_point(QUAD, system) is not None


def _strict_mixture(gd: FastGame, m, B, xm, values):
    """``interior_point`` of the off-path deterrence system (full-support mixtures over
    ``B`` that deter both types; the point maximising the smallest probability).  For
    two actions that point is unique, so the closed form equals the simplex's answer."""
    k = len(B)
    if k == 2:
        rng = _lambda_range([[gd.u[t][m][a](xm) - values[t] for a in B] for t in (0, 1)])
        if rng is None:
            return None
        lo, hi = rng
        half = Fraction(1, 2)
        lam = lo if qcmp(lo, half) > 0 else hi if qcmp(hi, half) < 0 else half
        if qsign(lam) <= 0 or qcmp(lam, ONE) >= 0:
            return None
        return [lam, 1 - lam]
    ge = tuple((tuple(-gd.u[t][m][a](xm) for a in B), -values[t]) for t in (0, 1))
    gt = tuple((tuple(ONE if j == i else ZERO for j in range(k)), ZERO) for i in range(k))
    return interior_point(QUAD, LinearSystem(k, ((tuple([ONE] * k), ONE),), ge, gt))


def _weak_gain_implies_strict(gd: FastGame, m, t, t2, values) -> bool:
    for region, B in _cells(gd, m, UNIT, "unit"):
        for a in B:
            bad = region & solve_ge(gd.u[t][m][a] - values[t]) & solve_ge(
                values[t2] - gd.u[t2][m][a])
            if not bad.empty:
                return False
        pts = region.points()
        if len(B) > 1 and pts is not None:
            for xm in pts:
                for a in B:
                    for b in B:
                        ua = gd.u[t][m][a](xm) - values[t]
                        ub = gd.u[t][m][b](xm) - values[t]
                        if qsign(ua) > 0 and qsign(ub) < 0:
                            lam = ua / (ua - ub)
                            gain = (-ub / (ua - ub)) * gd.u[t2][m][a](xm) + lam * \
                                gd.u[t2][m][b](xm)
                            if qcmp(gain, values[t2]) <= 0:
                                return False
    return True


# ------------------------------------------------------------------ results
def _assemble(gd: FastGame, sol: _Solution, refine: bool, method: str) -> Equilibrium:
    game = gd.game
    n_m = gd.n_messages
    sender = {game.types[t]: {game.messages[m]: to_sympy(sol.sigma.get((t, m), 0))
                              for m in range(n_m)} for t in (0, 1)}
    receiver = {game.messages[m]: {game.actions[m][a]: to_sympy(sol.rho.get((m, a), 0))
                                   for a in range(gd.n_actions[m])} for m in range(n_m)}
    beliefs = {}
    mu0, mu1 = game.belief_symbols
    for m in range(n_m):
        if m in sol.x:
            xm = to_sympy(sol.x[m])
            beliefs[game.messages[m]] = {game.types[0]: xm, game.types[1]: 1 - xm}
        else:
            region, ex, _ = sol.off[m]
            ex = to_sympy(ex)
            sregion = region.to_sympy()
            cons = (sregion.as_relational(mu0), sp.Eq(mu0 + mu1, 1))
            beliefs[game.messages[m]] = BeliefSet(game.types, cons, None, (ex, 1 - ex), sregion)
    on = set(sol.x)
    ic = _intuitive(gd, on, sol.values) if refine else None
    d1 = _d1(gd, on, sol.values) if refine else None
    try:
        payoff = ZERO
        for t in (0, 1):
            for m in sol.x:
                for a in range(gd.n_actions[m]):
                    w = gd.prior[t] * sol.sigma.get((t, m), 0) * sol.rho.get((m, a), 0)
                    if qsign(w):
                        payoff = payoff + w * gd.v[t][m][a](sol.x[m])
        payoff = to_sympy(payoff)
    except OutsideFastType:  # several square roots: let sympy add them
        payoff = sp.Integer(0)
        for t in (0, 1):
            for m in sol.x:
                for a in range(gd.n_actions[m]):
                    w = gd.prior[t] * sol.sigma.get((t, m), 0) * sol.rho.get((m, a), 0)
                    if qsign(w):
                        payoff += to_sympy(w * gd.v[t][m][a](sol.x[m]))
        payoff = sp.radsimp(payoff)
    notes = ("one representative of a continuum of equilibria (mixing probabilities or "
             "posteriors vary along it)",) if sol.family else ()
    return Equilibrium(
        game=game, sender=freeze(sender), receiver=freeze(receiver), beliefs=freeze(beliefs),
        kind=kind_of(sol.S, n_m),
        on_path=frozenset(game.messages[m] for m in on),
        sender_payoffs=freeze({game.types[t]: to_sympy(v) for t, v in enumerate(sol.values)}),
        receiver_payoff=payoff, intuitive_criterion=ic, d1=d1,
        intuitive_condition=sp.sympify(bool(ic)), d1_condition=sp.sympify(bool(d1)),
        label=pattern_label(game, sol.S, sol.B), method=method, notes=notes)
