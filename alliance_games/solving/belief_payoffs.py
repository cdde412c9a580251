"""Games whose payoffs depend on the receiver's posterior (two sender types, numeric).

When later movers (an adversary, say) see the message but not the type, the sender's
and receiver's payoffs depend on the public posterior ``x = mu(first type)``.  For two
types the posterior is one number per message, and every equilibrium condition becomes
a statement about univariate algebraic functions of ``x`` plus linear conditions on the
mixing probabilities.  For each support pattern this module

1. pins the on-path posteriors: Bayes' rule with pure senders, or the roots of the
   receiver's (or a mixing type's) indifference equations, solved exactly with sympy;
2. solves for the sender's and receiver's mixing probabilities (linear, exact);
3. checks every best-response and incentive inequality exactly (algebraic numbers);
4. computes each off-path belief set exactly as a union of intervals of ``x``: the
   beliefs at which the receiver's support is a best response *and* no type gains by
   deviating (the sender's deviation payoff depends on the belief too).

The Intuitive Criterion and D1 use the same definitions as for ordinary games, with
the sender's payoff evaluated at the belief behind each best response; they are decided
exactly on the finitely many cells of ``[0, 1]`` on which the best-response set is
constant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

import sympy as sp

from ..beliefs import BeliefSet
from ..equilibrium import Equilibrium, SolveResult, freeze
from ..errors import UnsupportedGameError
from ..game import SignallingGame
from .algebraic import AlgebraicContext
from .assemble import kind_of, pattern_label
from .belief_fast import solve_fast
from .lp import LinearSystem, interior_point
from .patterns import nonempty_subsets
from .quadratic import OutsideFastType

X = sp.Symbol("x_belief", real=True)
UNIT = sp.Interval(0, 1)


ALG = AlgebraicContext()


def _sign(x) -> int:
    return ALG.sign(x)


@dataclass
class _Game:
    game: SignallingGame
    u: list  # u[t][m][a] as expressions in X
    v: list
    prior: list
    n_actions: tuple
    cache: dict = field(default_factory=dict)

    @property
    def n_messages(self) -> int:
        return len(self.n_actions)

    def post(self, t: int, x) -> sp.Expr:
        return x if t == 0 else 1 - x

    def expected(self, m: int, a: int, x=X) -> sp.Expr:
        """Receiver's expected payoff of action a after m at posterior x = mu(type 0)."""
        return sp.expand(x * self.v[0][m][a].subs(X, x) + (1 - x) * self.v[1][m][a].subs(X, x))

    def br_region(self, m: int, B) -> sp.Set:
        """Posteriors at which every action in B is a best response after m."""
        key = ("br", m, tuple(B))
        if key in self.cache:
            return self.cache[key]
        region = UNIT
        for i, a in enumerate(B):
            for a2 in range(self.n_actions[m]):
                if a2 == a or (a2 in B and B.index(a2) < i):
                    continue
                diff = sp.expand(self.expected(m, a) - self.expected(m, a2))
                if a2 in B:
                    region = region.intersect(_solve_eq(diff))
                else:
                    region = region.intersect(_solve_ge(diff))
                if region is sp.S.EmptySet:
                    break
        self.cache[key] = region
        return region


def _solve_ge(expr) -> sp.Set:
    """The set of x in [0, 1] where ``expr >= 0`` (exact)."""
    return _solve_rel(expr, "ge")


def _solve_eq(expr) -> sp.Set:
    """The set of x in [0, 1] where ``expr == 0`` (exact)."""
    return _solve_rel(expr, "eq")


def _solve_rel(expr, kind: str) -> sp.Set:
    expr = sp.together(sp.expand(expr))
    if not expr.has(X):
        s = _sign(expr)
        return UNIT if (s >= 0 if kind == "ge" else s == 0) else sp.S.EmptySet
    num, den = sp.fraction(expr)
    try:
        pn, pd = sp.Poly(num, X), sp.Poly(den, X)
        if not (pn.domain.is_QQ or pn.domain.is_ZZ) or not (pd.domain.is_QQ or pd.domain.is_ZZ):
            raise sp.PolynomialError("non-rational coefficients")
        if pn.is_zero:
            return UNIT if not pd.has(X) or True else UNIT
        roots = sorted({r for r in pn.real_roots() + pd.real_roots()
                        if _sign(r) >= 0 and _sign(r - 1) <= 0}, key=lambda r: float(r))
    except (sp.PolynomialError, NotImplementedError):
        rel = expr >= 0 if kind == "ge" else sp.Eq(expr, 0)
        return sp.solveset(rel, X, UNIT)

    def value_sign(x) -> int | None:
        d = _sign(pd.eval(x))
        if d == 0:
            return None
        return _sign(pn.eval(x)) * d

    def ok(sgn) -> bool:
        if sgn is None:
            return False
        return sgn >= 0 if kind == "ge" else sgn == 0

    points = [sp.Integer(0)] + [r for r in roots if _sign(r) > 0 and _sign(r - 1) < 0] + \
        [sp.Integer(1)]
    pieces: list[sp.Set] = []
    for i, b in enumerate(points):
        if ok(value_sign(b)):
            pieces.append(sp.FiniteSet(b))
        if i + 1 < len(points) and kind == "ge":
            lo, hi = b, points[i + 1]
            mid = _rational_between(lo, hi)
            if ok(value_sign(mid)):
                pieces.append(sp.Interval.open(lo, hi))
    return sp.Union(*pieces) if pieces else sp.S.EmptySet


def _rational_between(lo, hi) -> sp.Rational:
    mid = sp.Rational(str((float(lo) + float(hi)) / 2))
    if _sign(mid - lo) > 0 and _sign(hi - mid) > 0:
        return mid
    lo_r = lo if lo.is_Rational else sp.Rational(str(float(lo.evalf(30))))
    hi_r = hi if hi.is_Rational else sp.Rational(str(float(hi.evalf(30))))
    return (lo_r + hi_r) / 2


def _points(s: sp.Set) -> list | None:
    """The points of a finite set, or None when the set is not finite."""
    if s is sp.S.EmptySet:
        return []
    if isinstance(s, sp.FiniteSet):
        return sorted(s, key=lambda p: float(p))
    return None


def solve_belief_game(game: SignallingGame, *, pure: bool = False, refine: bool = True,
                      fast: bool = True) -> SolveResult:
    """All PBE of a numeric two-type game with belief-dependent payoffs.

    ``fast=True`` (default) runs the fast exact path of :mod:`.belief_fast` (rationals
    and quadratic irrationals, interval lists) and falls back to the general exact path
    here (sympy algebraic numbers and Sets) when a number outside those types occurs;
    ``fast=False`` always takes the general path.

    Examples
    --------
    >>> from alliance_games import SignallingGame, belief
    >>> mu = belief("H")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[0, 1], [-1, 0]], [[0, 1 + mu], [1, 2]]],
    ...     [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], types=["L", "H"])
    >>> len(solve_belief_game(g, pure=True)) >= 1
    True
    """
    if len(game.types) != 2:
        raise UnsupportedGameError(
            "payoffs that depend on beliefs are supported for two sender types; this game "
            f"has {len(game.types)}")
    if fast:
        general: list = []

        def pattern_fallback(S, B):
            """One pattern on the general path (the game converted on first use)."""
            if not general:
                general.append(_general_game(game))
            gd = general[0]
            for sol in _solve_pattern(gd, S, B):
                return _assemble(gd, sol, refine)
            return None

        try:
            return solve_fast(game, pure=pure, refine=refine, fallback=pattern_fallback)
        except OutsideFastType:
            pass
    gd = _general_game(game)
    out = []
    msg_sets = nonempty_subsets(len(game.messages), 1 if pure else None)
    act_sets = [nonempty_subsets(k, 1 if pure else None) for k in gd.n_actions]
    seen: set = set()
    for S in product(msg_sets, repeat=2):
        for B in product(*act_sets):
            for sol in _solve_pattern(gd, S, B):
                if (sol.S, sol.B) in seen:  # another representative of a continuum
                    continue
                seen.add((sol.S, sol.B))
                out.append(_assemble(gd, sol, refine))
    return SolveResult(game, tuple(out), "belief-dependent support enumeration (exact)",
                       pure=pure)


def _general_game(game: SignallingGame) -> _Game:
    mu0, mu1 = game.belief_symbols
    sub = {mu0: X, mu1: 1 - X}
    return _Game(game,
                 [[[_clean(x.xreplace(sub)) for x in row] for row in rows]
                  for rows in game.sender_payoffs],
                 [[[_clean(x.xreplace(sub)) for x in row] for row in rows]
                  for rows in game.receiver_payoffs],
                 list(game.prior), tuple(len(a) for a in game.actions))


def _clean(expr: sp.Expr) -> sp.Expr:
    """Resolve Min/Max whose arguments are ordered on all of [0, 1] (exactly)."""
    for f in list(expr.atoms(sp.Min, sp.Max)):
        args = list(f.args)
        if len(args) != 2:
            continue
        d = sp.simplify(args[0] - args[1])
        ge = _solve_ge(d)
        le = _solve_ge(-d)
        if ge == UNIT:
            expr = expr.xreplace({f: args[0] if isinstance(f, sp.Max) else args[1]})
        elif le == UNIT:
            expr = expr.xreplace({f: args[1] if isinstance(f, sp.Max) else args[0]})
    return sp.expand(expr)


@dataclass
class _Solution:
    S: tuple
    B: tuple
    sigma: dict
    rho: dict
    x: dict  # on-path m -> posterior of type 0
    values: list
    off: dict  # m -> (region Set, example x)
    family: bool = False


def _solve_pattern(gd: _Game, S, B):
    n_m = gd.n_messages
    on = sorted({m for s in S for m in s})
    shared = [m for m in on if m in S[0] and m in S[1]]
    mixing = [t for t in (0, 1) if len(S[t]) > 1]
    # ---- candidate posteriors at on-path messages
    fixed = {}
    for m in on:
        if m not in shared:
            fixed[m] = sp.Integer(1) if m in S[0] else sp.Integer(0)
        elif not mixing:
            fixed[m] = gd.prior[0]
    free = [m for m in shared if m not in fixed]
    # receivers' supports must be best responses at the posteriors
    for m, x in fixed.items():
        if not gd.br_region(m, B[m]).contains(x) == sp.true:
            return
    options = []
    for m in free:
        if len(S[0]) == 1:  # type 0 sends m for sure, type 1 mixes
            window = sp.Interval.open(gd.prior[0], 1)
        elif len(S[1]) == 1:
            window = sp.Interval.open(0, gd.prior[0])
        else:
            window = sp.Interval.open(0, 1)
        region = gd.br_region(m, B[m]).intersect(window)
        pts = _points(region)
        options.append(pts if pts is not None else region)
    # free posteriors that are not pinned by the receiver: pin with senders' indifference
    candidates = _posterior_candidates(gd, S, B, free, options, fixed)
    continuum = any(not isinstance(o, list) for o in options)
    for xs in candidates:
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
        for m in range(n_m):
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
            if rep:
                return  # one representative of a continuum of posteriors


def _posterior_candidates(gd: _Game, S, B, free, options, fixed):
    """Exact candidate posteriors for the shared on-path messages."""
    if not free:
        yield ()
        return
    pinned = [o for o in options if isinstance(o, list)]
    if len(pinned) == len(options):
        yield from product(*options)
        return
    # some posterior lies in an interval: it must be pinned by a mixing type's
    # indifference between two messages answered purely (or be a continuum)
    unknown = {m: sp.Symbol(f"x{m}") for m, o in zip(free, options) if not isinstance(o, list)}
    eqs = []
    for t in (0, 1):
        if len(S[t]) < 2:
            continue
        for m in S[t][1:]:
            m0 = S[t][0]
            if len(B[m]) > 1 or len(B[m0]) > 1:
                continue
            lhs = gd.u[t][m][B[m][0]].subs(X, unknown.get(m, fixed.get(m, X)))
            rhs = gd.u[t][m0][B[m0][0]].subs(X, unknown.get(m0, fixed.get(m0, X)))
            if m not in unknown and m0 not in unknown:
                continue
            diff = sp.expand(lhs - rhs)
            if not diff.free_symbols:
                if _sign(diff) != 0:
                    return  # the mixing type cannot be indifferent
                continue
            eqs.append(diff)
    syms = list(unknown.values())
    pinned_syms = set().union(*(e.free_symbols for e in eqs)) if eqs else set()
    if set(syms) - pinned_syms:
        # a continuum of posteriors: try representative points of each interval
        reps = []
        for o in options:
            if isinstance(o, list):
                reps.append(o)
            else:
                reps.append(_representatives(o, gd.prior[0]))
        yield from product(*reps)
        return
    sols = sp.solve(eqs, syms, dict=True)
    opt = dict(zip(free, options))
    for sol in sols:
        loose = [m for m in unknown if unknown[m] not in sol]
        rep_lists = [_representatives(opt[m], gd.prior[0]) for m in loose]
        for reps in product(*rep_lists):
            point = {unknown[m]: r for m, r in zip(loose, reps)}
            values = {m: sp.sympify(sol.get(unknown[m], unknown[m])).xreplace(point)
                      for m in unknown}
            if any(v.free_symbols for v in values.values()):
                continue
            for combo in product(*[o if isinstance(o, list) else [None] for o in options]):
                xs = []
                good = True
                for m, o, c in zip(free, options, combo):
                    if isinstance(o, list):
                        xs.append(c)
                    else:
                        val = values[m]
                        if not (val.is_real and o.contains(val) == sp.true):
                            good = False
                            break
                        xs.append(val)
                if good:
                    yield tuple(xs)


def _is_representative(gd: _Game, S, B, free, options, fixed) -> bool:
    """Whether the interval posteriors of this pattern are left free (a continuum)."""
    unknown = [m for m, o in zip(free, options) if not isinstance(o, list)]
    for t in (0, 1):
        for m in S[t][1:]:
            m0 = S[t][0]
            if (m in unknown or m0 in unknown) and len(B[m]) == 1 and len(B[m0]) == 1:
                lhs = gd.u[t][m][B[m][0]].subs(X, fixed.get(m, X))
                rhs = gd.u[t][m0][B[m0][0]].subs(X, fixed.get(m0, X))
                if (lhs - rhs).has(X):
                    return False
    return True


def _representatives(region: sp.Set, split=None) -> list:
    """Sample points of a set of posteriors: a few per interval, on both sides of
    ``split`` (the prior: Bayes' rule puts posteriors on both sides of it)."""
    if split is not None:
        below = region.intersect(sp.Interval.open(0, split))
        above = region.intersect(sp.Interval.open(split, 1))
        return _representatives(below) + _representatives(above) + (
            [split] if region.contains(split) == sp.true else [])
    pieces = region.args if isinstance(region, sp.Union) else (region,)
    out = []
    for piece in pieces:
        if isinstance(piece, sp.Interval):
            lo, hi = piece.inf, piece.sup
            for f in (sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(2, 3)):
                out.append(lo + f * (hi - lo))
        elif isinstance(piece, sp.FiniteSet):
            out.extend(piece)
    return out


def _interior(system: LinearSystem):
    """``interior_point`` for small systems with algebraic coefficients: when the
    equalities pin a unique point, solve them directly and check the inequalities
    (exactly); otherwise fall back to the exact simplex."""
    n = system.n
    if n and len(system.eq) >= n:
        syms = sp.symbols(f"z0:{n}")
        eqs = [sp.Add(*[c * z for c, z in zip(a, syms)]) - b for a, b in system.eq]
        sol = sp.linsolve(eqs, syms)
        if sol is sp.S.EmptySet:
            return None
        (point,) = tuple(sol)
        if not any(sp.sympify(v).free_symbols for v in point):
            point = [ALG.simplify(v) for v in point]
            def val(a):
                return ALG.simplify(sp.Add(*[c * v for c, v in zip(a, point)]))
            if all(_sign(val(a) - b) >= 0 for a, b in system.ge) and all(
                    _sign(val(a) - b) > 0 for a, b in system.gt):
                return point
            return None
    return interior_point(ALG, system)


def _sigma(gd: _Game, S, x):
    """Sender mixing consistent with the posteriors (exact), or None."""
    keys = [(t, m) for t in (0, 1) if len(S[t]) > 1 for m in S[t]]
    idx = {k: i for i, k in enumerate(keys)}
    sigma = {(t, S[t][0]): sp.Integer(1) for t in (0, 1) if len(S[t]) == 1}
    if not keys:
        for m, xm in x.items():
            w0 = gd.prior[0] * sigma.get((0, m), 0)
            w1 = gd.prior[1] * sigma.get((1, m), 0)
            if _sign(w0 + w1) == 0 or _sign(sp.simplify(w0 / (w0 + w1) - xm)) != 0:
                return None
        return sigma
    eq, gt = [], []
    for t in (0, 1):
        if len(S[t]) > 1:
            eq.append((tuple(ALG.one if k[0] == t else ALG.zero for k in keys), ALG.one))
            for m in S[t]:
                gt.append((tuple(ALG.one if k == (t, m) else ALG.zero for k in keys), ALG.zero))
    for m, xm in x.items():
        if m not in S[0] or m not in S[1]:
            continue
        # prior0*s0*(1-x) - prior1*s1*x = 0
        row = [ALG.zero] * len(keys)
        const = ALG.zero
        for t, coef in ((0, gd.prior[0] * (1 - xm)), (1, -gd.prior[1] * xm)):
            if (t, m) in idx:
                row[idx[(t, m)]] += coef
            else:
                const += coef
        eq.append((tuple(ALG.simplify(r) for r in row), ALG.simplify(-const)))
    sol = _interior(LinearSystem(len(keys), tuple(eq), (), tuple(gt)))
    if sol is None:
        return None
    sigma.update({k: sol[i] for k, i in idx.items()})
    return sigma


def _rho_with_deterrence(gd: _Game, S, B, x, on):
    """On-path receiver mixing that also deters deviations to off-path messages.

    Deviation payoffs that do not depend on the belief enter the linear system directly.
    When the on-path mixing is not unique and a deviation payoff depends on the belief,
    beliefs at the ends of the best-response region and at each type's worst point are
    tried in turn (a representative of the family is reported).
    """
    bounds = []
    dependent = []
    for m in range(gd.n_messages):
        if m in on or len(B[m]) != 1:
            continue
        a = B[m][0]
        pay = [gd.u[t][m][a] for t in (0, 1)]
        if any(p.has(X) for p in pay):
            dependent.append((m, a))
        else:
            bounds.extend((t, pay[t]) for t in (0, 1))
    mixed_off = [m for m in range(gd.n_messages) if m not in on and len(B[m]) > 1]
    res = _rho(gd, S, B, x, bounds)
    if res is not None and res[2] and mixed_off:
        if any(_off_path(gd, m, B[m], res[1]) is None for m in mixed_off):
            choices = []
            for m in mixed_off:
                region = gd.br_region(m, list(B[m]))
                pts = _points(region)
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
        pts = _representatives(region) + [p for p in (region.inf, region.sup)
                                            if region.contains(p) == sp.true]
        trial_sets.append([(m, a, p) for p in pts])
    for combo in product(*trial_sets):
        extra = list(bounds)
        for m, a, p in combo:
            extra.extend((t, gd.u[t][m][a].subs(X, p)) for t in (0, 1))
        res2 = _rho(gd, S, B, x, extra)
        if res2 is not None:
            return res2
    return res


def _rho(gd: _Game, S, B, x, bounds=(), off_mixed=()):
    """Receiver mixing at on-path messages making each type's supports optimal
    (and each type's payoff at least the given ``(type, bound)`` pairs, and at least
    its payoff from each ``(off-path message, belief)`` answered by a mixture)."""
    on = sorted(x)
    keys = [(m, a) for m in on if len(B[m]) > 1 for a in B[m]]
    keys += [(m, a) for m, _ in off_mixed for a in B[m]]
    idx = {k: i for i, k in enumerate(keys)}

    def payoff(t, m):
        coeffs = [ALG.zero] * len(keys)
        if len(B[m]) == 1:
            return coeffs, ALG.simplify(gd.u[t][m][B[m][0]].subs(X, x[m]))
        for a in B[m]:
            coeffs[idx[(m, a)]] = ALG.simplify(gd.u[t][m][a].subs(X, x[m]))
        return coeffs, ALG.zero

    eq, ge, gt = [], [], []
    for m in on + [m for m, _ in off_mixed]:
        if len(B[m]) > 1:
            eq.append((tuple(ALG.one if k[0] == m else ALG.zero for k in keys), ALG.one))
            for a in B[m]:
                gt.append((tuple(ALG.one if k == (m, a) else ALG.zero for k in keys), ALG.zero))
    for m, xm in off_mixed:
        for t in (0, 1):
            c0, k0 = payoff(t, S[t][0])
            row = list(c0)
            for a in B[m]:
                row[idx[(m, a)]] -= ALG.simplify(gd.u[t][m][a].subs(X, xm))
            ge.append((tuple(ALG.simplify(r) for r in row), ALG.simplify(-k0)))
    for t in (0, 1):
        c0, k0 = payoff(t, S[t][0])
        for m in on:
            if m == S[t][0]:
                continue
            c1, k1 = payoff(t, m)
            row = tuple(ALG.simplify(a - b) for a, b in zip(c0, c1))
            const = ALG.simplify(k0 - k1)
            if all(_sign(r) == 0 for r in row):
                s = _sign(const)
                if (m in S[t] and s != 0) or s < 0:
                    return None
                continue
            (eq if m in S[t] else ge).append((row, -const))
    for t, bound in bounds:
        c0, k0 = payoff(t, S[t][0])
        if all(_sign(r) == 0 for r in c0):
            if _sign(k0 - bound) < 0:
                return None
            continue
        ge.append((tuple(c0), ALG.simplify(bound - k0)))
    system = LinearSystem(len(keys), tuple(eq), tuple(ge), tuple(gt))
    family = False
    if keys:
        sol = _interior(system)
        if sol is None:
            return None
        rho = {k: sol[i] for k, i in idx.items()}
        from .lp import variable_range
        if len(system.eq) >= len(keys) and _pinned(system):
            return rho, _values(gd, S, B, x, rho), False
        for i in range(len(keys)):
            lo, hi = variable_range(ALG, system, i)
            if _sign(hi - lo) != 0:
                family = True
    else:
        rho = {}
    for m in on:
        if len(B[m]) == 1:
            rho[(m, B[m][0])] = sp.Integer(1)
    return rho, _values(gd, S, B, x, rho), family


def _pinned(system: LinearSystem) -> bool:
    syms = sp.symbols(f"z0:{system.n}")
    eqs = [sp.Add(*[c * z for c, z in zip(a, syms)]) - b for a, b in system.eq]
    sol = sp.linsolve(eqs, syms)
    return sol is not sp.S.EmptySet and not any(
        sp.sympify(v).free_symbols for v in next(iter(sol)))


def _values(gd: _Game, S, B, x, rho) -> list:
    for m in x:
        if len(B[m]) == 1:
            rho[(m, B[m][0])] = sp.Integer(1)
    return [ALG.simplify(sum((rho[(S[t][0], a)] * gd.u[t][S[t][0]][a].subs(X, x[S[t][0]])
                              for a in B[S[t][0]]), sp.Integer(0))) for t in (0, 1)]


def _off_path(gd: _Game, m: int, B, values):
    """Beliefs (and receiver mixing) at an off-path message that deter every type."""
    region = gd.br_region(m, list(B))
    if region is sp.S.EmptySet:
        return None
    if len(B) == 1:
        a = B[0]
        for t in (0, 1):
            region = region.intersect(_solve_ge(values[t] - gd.u[t][m][a]))
            if region is sp.S.EmptySet:
                return None
        return region, _example(region), {(m, a): sp.Integer(1)}
    pts = _points(region)
    interval = pts is None
    if interval:
        pts = _representatives(region) + [p for p in (region.inf, region.sup)
                                          if region.contains(p) == sp.true]
    good = []
    rho_at = None
    for xm in pts:
        k = len(B)
        ge = tuple((tuple(-ALG.simplify(gd.u[t][m][a].subs(X, xm)) for a in B), -values[t])
                   for t in (0, 1))
        gt = tuple((tuple(ALG.one if j == i else ALG.zero for j in range(k)), ALG.zero)
                   for i in range(k))
        sol = interior_point(ALG, LinearSystem(k, ((tuple([ALG.one] * k), ALG.one),), ge, gt))
        if sol is not None:
            good.append(xm)
            if rho_at is None:
                rho_at = {(m, a): sol[i] for i, a in enumerate(B)}
    if not good:
        return None
    if not interval:
        region = sp.FiniteSet(*good)
    elif all(not gd.u[t][m][a].has(X) for t in (0, 1) for a in B):
        pass  # the whole tie interval sustains the same mixtures
    else:
        region = sp.FiniteSet(*good)  # representatives found; the set may be larger
    return region, good[0], rho_at


def _example(region: sp.Set):
    if isinstance(region, sp.FiniteSet):
        return sorted(region, key=float)[0]
    if isinstance(region, sp.Interval):
        lo, hi = region.inf, region.sup
        return (lo + hi) / 2
    if isinstance(region, sp.Union):
        return _example(region.args[0])
    raise UnsupportedGameError(f"cannot pick a belief in {region}")


# ------------------------------------------------------------------ refinements
def _cells(gd: _Game, m: int, domain: sp.Set):
    """Pieces of ``domain`` with a constant best-response set: (piece, BR actions)."""
    key = ("cells", m, domain)
    if key in gd.cache:
        return gd.cache[key]
    out = []
    n = gd.n_actions[m]
    for size in range(n, 0, -1):
        for B in _subsets(n, size):
            region = gd.br_region(m, list(B)).intersect(domain)
            for other in out:  # remove points with a larger best-response set
                if set(B) < set(other[1]):
                    region = region - other[0]
            if region is not sp.S.EmptySet:
                out.append((region, B))
    gd.cache[key] = out
    return out


def _subsets(n, size):
    from itertools import combinations
    return combinations(range(n), size)


def _sup_inf(expr, region: sp.Set, want_max: bool):
    """Exact sup (or inf) of a univariate expression over a set (closure)."""
    pts = set()
    pieces = region.args if isinstance(region, sp.Union) else (region,)
    for piece in pieces:
        if isinstance(piece, sp.FiniteSet):
            pts |= set(piece)
        elif isinstance(piece, sp.Interval):
            pts |= {piece.inf, piece.sup}
            if expr.has(X):
                crit = sp.solveset(sp.diff(expr, X), X, piece)
                if isinstance(crit, sp.FiniteSet):
                    pts |= set(crit)
                elif crit is not sp.S.EmptySet:
                    pts |= {piece.inf, piece.sup}
    vals = [ALG.simplify(expr.subs(X, p)) for p in pts]
    best = vals[0]
    for v in vals[1:]:
        s = _sign(v - best)
        if (want_max and s > 0) or (not want_max and s < 0):
            best = v
    return best


def _intuitive(gd: _Game, on, values) -> bool:
    for m in range(gd.n_messages):
        if m in on:
            continue
        dominated = []
        for t in (0, 1):
            best = None
            for region, B in _cells(gd, m, UNIT):
                for a in B:
                    v = _sup_inf(gd.u[t][m][a], region, True)
                    if best is None or _sign(v - best) > 0:
                        best = v
            if _sign(values[t] - best) > 0:
                dominated.append(t)
        if len(dominated) == 2:
            continue
        rest = [t for t in (0, 1) if t not in dominated]
        domain = UNIT if len(rest) == 2 else sp.FiniteSet(1 if rest[0] == 0 else 0)
        for t in (0, 1):
            worst = None
            for region, B in _cells(gd, m, domain):
                for a in B:
                    v = _sup_inf(gd.u[t][m][a], region, False)
                    if worst is None or _sign(v - worst) < 0:
                        worst = v
            if worst is not None and _sign(worst - values[t]) > 0:
                return False
    return True


def _d1(gd: _Game, on, values) -> bool:
    for m in range(gd.n_messages):
        if m in on:
            continue
        pruned = []
        for t in (0, 1):
            t2 = 1 - t
            if _weak_gain_implies_strict(gd, m, t, t2, values):
                pruned.append(t)
        rest = [t for t in (0, 1) if t not in pruned] or [0, 1]
        domain = UNIT if len(rest) == 2 else sp.FiniteSet(1 if rest[0] == 0 else 0)
        ok = False
        for region, B in _cells(gd, m, domain):
            # some belief in region and mixture over B deterring both types
            for B2 in [b for k in range(1, len(B) + 1) for b in _subsets(len(B), k)]:
                acts = [B[i] for i in B2]
                if len(acts) == 1:
                    r = region
                    for t in (0, 1):
                        r = r.intersect(_solve_ge(values[t] - gd.u[t][m][acts[0]]))
                    if r is not sp.S.EmptySet:
                        ok = True
                        break
                else:
                    pts = _points(region)
                    for xm in pts or []:
                        ge = tuple((tuple(-gd.u[t][m][a].subs(X, xm) for a in acts),
                                    -values[t]) for t in (0, 1))
                        system = LinearSystem(len(acts), ((tuple([ALG.one] * len(acts)),
                                                          ALG.one),), ge)
                        if interior_point(ALG, system) is not None:
                            ok = True
                            break
                if ok:
                    break
            if ok:
                break
        if not ok:
            return False
    return True


def _weak_gain_implies_strict(gd, m, t, t2, values) -> bool:
    """Whether every (belief, best response) weakly improving t strictly improves t2."""
    for region, B in _cells(gd, m, UNIT):
        for a in B:
            bad = region.intersect(_solve_ge(gd.u[t][m][a] - values[t])).intersect(
                _solve_ge(values[t2] - gd.u[t2][m][a]))
            if bad is not sp.S.EmptySet:
                return False
        pts = _points(region)
        if len(B) > 1 and pts is not None:
            for xm in pts:
                for a in B:
                    for b in B:
                        ua = gd.u[t][m][a].subs(X, xm) - values[t]
                        ub = gd.u[t][m][b].subs(X, xm) - values[t]
                        if _sign(ua) > 0 and _sign(ub) < 0:
                            lam = ua / (ua - ub)
                            gain = (-ub / (ua - ub)) * gd.u[t2][m][a].subs(X, xm) + lam * \
                                gd.u[t2][m][b].subs(X, xm)
                            if _sign(gain - values[t2]) <= 0:
                                return False
    return True


# ------------------------------------------------------------------ results
def _assemble(gd: _Game, sol: _Solution, refine: bool) -> Equilibrium:
    game = gd.game
    n_m = gd.n_messages
    sender = {game.types[t]: {game.messages[m]: sp.sympify(sol.sigma.get((t, m), 0))
                              for m in range(n_m)} for t in (0, 1)}
    receiver = {game.messages[m]: {game.actions[m][a]: sp.sympify(sol.rho.get((m, a), 0))
                                   for a in range(gd.n_actions[m])} for m in range(n_m)}
    beliefs = {}
    mu0, mu1 = game.belief_symbols
    for m in range(n_m):
        if m in sol.x:
            beliefs[game.messages[m]] = {game.types[0]: sol.x[m], game.types[1]: 1 - sol.x[m]}
        else:
            region, ex, _ = sol.off[m]
            cons = (region.as_relational(mu0), sp.Eq(mu0 + mu1, 1))
            beliefs[game.messages[m]] = BeliefSet(game.types, cons, None, (ex, 1 - ex), region)
    on = set(sol.x)
    ic = _intuitive(gd, on, sol.values) if refine else None
    d1 = _d1(gd, on, sol.values) if refine else None
    payoff = sum((gd.prior[t] * sol.sigma.get((t, m), 0) * sol.rho.get((m, a), 0)
                  * gd.v[t][m][a].subs(X, sol.x[m])
                  for t in (0, 1) for m in sol.x for a in range(gd.n_actions[m])),
                 sp.Integer(0))
    notes = ("one representative of a continuum of equilibria (mixing probabilities or "
             "posteriors vary along it)",) if sol.family else ()
    return Equilibrium(
        game=game, sender=freeze(sender), receiver=freeze(receiver), beliefs=freeze(beliefs),
        kind=kind_of(sol.S, n_m),
        on_path=frozenset(game.messages[m] for m in on),
        sender_payoffs=freeze({game.types[t]: sp.simplify(v) for t, v in enumerate(sol.values)}),
        receiver_payoff=sp.simplify(payoff), intuitive_criterion=ic, d1=d1,
        intuitive_condition=sp.sympify(bool(ic)), d1_condition=sp.sympify(bool(d1)),
        label=pattern_label(game, sol.S, sol.B),
        method="belief-dependent support enumeration (exact)", notes=notes)
