"""Belief-dependent payoffs (two sender types): the entry point and the sympy backend.

When later movers (an adversary, say) see the message but not the type, the sender's
and receiver's payoffs depend on the public posterior ``x = mu(first type)``.  The
algorithm is :mod:`.belief_engine`'s, written once over a backend;
:func:`solve_belief_game` runs it on the fast backend of :mod:`.belief_fast` (rationals,
quadratic irrationals, piecewise polynomials, interval lists) and re-solves a pattern
with the general backend here (sympy algebraic numbers, ``Poly.real_roots``, sympy Sets)
when a number leaves the fast types.
"""

from __future__ import annotations

from itertools import product

import sympy as sp

from ..equilibrium import Equilibrium, SolveResult
from ..errors import UnsupportedGameError
from ..game import SignallingGame
from .algebraic import AlgebraicContext, linear_solve
from .belief_engine import METHOD, pattern_equilibria, solve_patterns
from .belief_family import split_belief_family
from .belief_fast import solve_fast
from .belief_simplex import solve_simplex_game
from .belief_tables import BeliefBackend, BeliefGame, belief_game, representatives
from .quadratic import OutsideFastType
from .rationals import rational_between
from .root_isolation import real_roots

X = sp.Symbol("x_belief", real=True)
UNIT = sp.Interval(0, 1)

ALG = AlgebraicContext()


def _sign(x) -> int:
    return ALG.sign(x)


def _cmp(x, y) -> int:
    return ALG.sign(ALG.simplify(sp.sympify(x) - y))


def _sorted(pts) -> list:
    """Exact ascending order (insertion sort by exact comparison; sets are small)."""
    out: list = []
    for p in pts:
        i = len(out)
        while i and _cmp(out[i - 1], p) > 0:
            i -= 1
        out.insert(i, p)
    return out


def _solve_ge(expr) -> sp.Set:
    """The set of x in [0, 1] where ``expr >= 0`` (exact)."""
    return _solve_rel(expr, "ge")


def _solve_rel(expr, kind: str) -> sp.Set:
    """The set of x in [0, 1] where ``expr >= 0`` (``kind="ge"``) or ``expr == 0``."""
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
            return UNIT
        roots = _sorted({r for r in real_roots(pn) + real_roots(pd)
                         if _sign(r) > 0 and _sign(r - 1) < 0})
    except (sp.PolynomialError, NotImplementedError):
        rel = expr >= 0 if kind == "ge" else sp.Eq(expr, 0)
        return sp.solveset(rel, X, UNIT)

    def ok(x) -> bool:
        d = _sign(pd.eval(x))
        if d == 0:
            return False
        sgn = _sign(pn.eval(x)) * d
        return sgn >= 0 if kind == "ge" else sgn == 0

    points = [sp.Integer(0)] + roots + [sp.Integer(1)]
    pieces: list[sp.Set] = []
    for i, b in enumerate(points):
        if ok(b):
            pieces.append(sp.FiniteSet(b))
        if i + 1 < len(points) and kind == "ge":
            lo, hi = b, points[i + 1]
            if ok(rational_between(lo, hi)):  # (the sign is constant in between)
                pieces.append(sp.Interval.open(lo, hi))
    return sp.Union(*pieces) if pieces else sp.S.EmptySet


def _points(s: sp.Set) -> list | None:
    """The points of a finite set (ascending), or None when the set is not finite."""
    if s is sp.S.EmptySet:
        return []
    if isinstance(s, sp.FiniteSet):
        return _sorted(s)
    return None


def _pieces(s: sp.Set) -> list:
    """``("I", lo, hi)`` / ``("F", points)`` in the order of sympy's ``Union.args``."""
    if s is sp.S.EmptySet:
        return []
    out = []
    for piece in s.args if isinstance(s, sp.Union) else (s,):
        if isinstance(piece, sp.Interval):
            out.append(("I", piece.inf, piece.sup))
        elif isinstance(piece, sp.FiniteSet):
            out.append(("F", list(piece)))
        else:
            raise UnsupportedGameError(f"cannot pick a belief in {piece}")
    return out


def _critical_points(expr, region: sp.Set) -> list:
    """Where an expression takes its sup and inf over the closure of a set: ends of
    intervals, isolated points and stationary points inside."""
    pts = set()
    for piece in region.args if isinstance(region, sp.Union) else (region,):
        if isinstance(piece, sp.FiniteSet):
            pts |= set(piece)
        elif isinstance(piece, sp.Interval):
            pts |= {piece.inf, piece.sup}
            if expr.has(X):
                crit = sp.solveset(sp.diff(expr, X), X, piece)
                if isinstance(crit, sp.FiniteSet):
                    pts |= set(crit)
    return list(pts)


def _at(f, x):
    return ALG.simplify(sp.sympify(f).subs(X, x))


def _linear_on(f, lo, hi) -> tuple | None:
    """``(c0, c1)`` with ``f = c0 + c1 x`` (a polynomial of degree at most 1 in the
    belief, on all of ``[0, 1]``), or None for any other shape (``lo``, ``hi`` unused)."""
    expr = sp.expand(sp.sympify(f))
    if not expr.has(X):
        return expr, sp.Integer(0)
    if not expr.is_polynomial(X):
        return None
    poly = sp.Poly(expr, X)
    if poly.degree() > 1:
        return None
    return expr.coeff(X, 0), expr.coeff(X, 1)


def _posterior_solutions(eqs: list, opt: dict, prior):
    """Unknown posteriors pinned by indifference equations (``sympy.solve``); unknowns a
    solution leaves free take representative points.  Each is ``(posteriors, sampled)``,
    ``sampled`` when some were left free (samples of a continuum)."""
    syms = {m: sp.Symbol(f"x{m}") for m in opt}
    exprs = [sp.expand(sp.Add(*[f.subs(X, syms[m]) for m, f in terms]) + const)
             for terms, const in eqs]
    for sol in sp.solve(exprs, list(syms.values()), dict=True):
        loose = [m for m in opt if syms[m] not in sol]
        rep_lists = [representatives(SYMPY, opt[m], prior) for m in loose]
        for reps in product(*rep_lists):
            point = {syms[m]: r for m, r in zip(loose, reps)}
            values = {m: sp.sympify(sol.get(syms[m], syms[m])).xreplace(point) for m in opt}
            if any(v.free_symbols for v in values.values()):
                continue
            if all(v.is_real and opt[m].contains(v) == sp.true for m, v in values.items()):
                yield values, bool(loose)


#: The general exact representation for :mod:`.belief_engine`: numbers are sympy
#: algebraic numbers, functions of the belief sympy expressions in :data:`X`, sets sympy
#: Sets; every sign is the package's exact algebraic sign.
SYMPY = BeliefBackend(
    zero=sp.Integer(0), one=sp.Integer(1), x=X, unit=UNIT, lp=ALG, rational=sp.Rational,
    sign=_sign, cmp=_cmp, simplify=ALG.simplify, midpoint=lambda lo, hi: (lo + hi) / 2,
    to_sympy=sp.sympify, value_to_sympy=sp.simplify,
    total=lambda terms: sp.simplify(sp.Add(*terms)), at=_at,
    is_const=lambda f: not sp.sympify(f).has(X), const_value=lambda f: f,
    solve_rel=_solve_rel, is_empty=lambda s: s is sp.S.EmptySet,
    contains=lambda s, x: s.contains(x) == sp.true, points=_points, pieces=_pieces,
    inf=lambda s: s.inf, sup=lambda s: s.sup, intersect=lambda s, t: s.intersect(t),
    minus=lambda s, t: s - t, open_interval=sp.Interval.open, point_set=sp.FiniteSet,
    set_to_sympy=lambda s: s, critical_points=_critical_points,
    posterior_solutions=_posterior_solutions, linear_solve=linear_solve,
    compose=lambda f, g: sp.expand(sp.sympify(f).xreplace({X: g})), linear_on=_linear_on)


def solve_belief_game(game: SignallingGame, *, pure: bool = False, refine: bool = True,
                      fast: bool = True, split: bool = True) -> SolveResult:
    """All PBE of a numeric game with belief-dependent payoffs.

    Two types: the engine of :mod:`.belief_engine`.  Three or more: posteriors in the
    simplex, :func:`.belief_simplex.solve_simplex_game` (polynomial payoffs).

    ``fast=True`` (default) runs the engine on the fast backend of :mod:`.belief_fast`
    (rationals and quadratic irrationals, interval lists) and re-solves a support pattern
    on the general backend here (sympy algebraic numbers and Sets) when a number outside
    those types occurs in it; ``fast=False`` always takes the general backend.

    Parameters
    ----------
    game : SignallingGame
        Numeric, two sender types, payoffs in the belief symbols.
    pure : bool
        Only pure strategies.
    refine : bool
        Decide the Intuitive Criterion and D1.
    fast : bool
        Use the fast backend where it applies.
    split : bool
        Two types, fast backend: a continuum of equilibria whose members may differ in
        their IC/D1 verdicts is explored along its free coordinate and reported as its
        exact parts (:func:`.belief_family.split_belief_family`).  The parametric solver
        turns this off at its points, so that a continuum keeps one label along the
        parameter, and solves a point again with it on for a continuum that exists
        only at isolated parameter values.

    Returns
    -------
    SolveResult
        One equilibrium per support pattern that has one (a representative of a
        continuum, or of each part of one).

    Raises
    ------
    UnsupportedGameError
        Three or more types and a payoff that is not a polynomial in the beliefs.

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
        return solve_simplex_game(game, pure=pure, refine=refine)
    if fast:
        general: list = []

        def pattern_fallback(S, B) -> list[Equilibrium]:
            """One pattern on the general backend (the game converted on first use)."""
            if not general:
                general.append(general_game(game))
            return pattern_equilibria(general[0], S, B, refine)

        def sampled(S, B) -> str | None:
            """Why the general backend only sampled a pattern (None: it decided it)."""
            return general[0].cache.get(("sampled", tuple(S), tuple(B))) if general else None

        pattern_fallback.sampled = sampled

        try:
            return solve_fast(game, pure=pure, refine=refine, fallback=pattern_fallback,
                              split=split_belief_family if split else None)
        except OutsideFastType:
            pass
    return solve_patterns(general_game(game), pure=pure, refine=refine, method=METHOD)


def general_game(game: SignallingGame) -> BeliefGame:
    """The game on the sympy backend: payoffs as expressions in :data:`X` (``mu_first =
    X``, ``mu_second = 1 - X``; ``Min``/``Max`` ordered on all of ``[0, 1]`` resolved).

    Examples
    --------
    >>> from alliance_games.alliance.model import alliance_game
    >>> gd = general_game(alliance_game())
    >>> gd.n_actions, sorted(str(s) for s in gd.u[0][1][2].free_symbols)
    ((3, 3), ['x_belief'])
    """
    mu0, mu1 = game.belief_symbols
    sub = {mu0: X, mu1: 1 - X}
    return belief_game(game, SYMPY, lambda e: _clean(e.xreplace(sub)), list(game.prior))


def _clean(expr: sp.Expr) -> sp.Expr:
    """Resolve Min/Max whose arguments are ordered on all of [0, 1] (exactly)."""
    for f in list(expr.atoms(sp.Min, sp.Max)):
        args = list(f.args)
        if len(args) != 2:
            continue
        d = sp.simplify(args[0] - args[1])
        if _solve_ge(d) == UNIT:
            expr = expr.xreplace({f: args[0] if isinstance(f, sp.Max) else args[1]})
        elif _solve_ge(-d) == UNIT:
            expr = expr.xreplace({f: args[1] if isinstance(f, sp.Max) else args[0]})
    return sp.expand(expr)
