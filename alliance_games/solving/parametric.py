"""Parametric solving: every equilibrium family with the exact region where it exists.

The support-enumeration solver runs in a :class:`~alliance_games.solving.context.
SymbolicContext`: every sign question about an expression in the parameters splits the
parameter box, and each consistent branch returns its equilibrium (strategies and
beliefs as expressions) and whether it survives the Intuitive Criterion and D1.  The
conditions of the branches where a pattern is an equilibrium are joined into
``eq.condition`` (likewise ``eq.intuitive_condition`` and ``eq.d1_condition``).
"""

from __future__ import annotations

import sympy as sp

from ..equilibrium import SolveResult
from ..game import SignallingGame
from .refinements import passes_d1, passes_intuitive
from .assemble import build_equilibrium
from .context import (
    ParameterBox,
    SymbolicContext,
    condition_set_1d,
    explore,
    field_for,
    merge_conditions,
    to_expr,
)
from .patterns import all_patterns, solve_pattern
from .tables import Tables


class _FieldCoerce:
    symbolic = True

    def __init__(self, field):
        self.field = field

    def coerce(self, x):
        return self.field.from_sympy(sp.sympify(x))


class _Sympify:
    symbolic = True

    @staticmethod
    def coerce(x):
        return sp.sympify(x)


def solve_parametric(game: SignallingGame, *, pure: bool = False, refine: bool = True,
                     samples: int = 3000, seed: int = 0) -> SolveResult:
    """Equilibrium families of a parametric game with their exact existence regions.

    Examples
    --------
    >>> import sympy as sp
    >>> from alliance_games.examples import beer_quiche
    >>> p = sp.Symbol("p")
    >>> res = solve_parametric(beer_quiche(p), pure=True)
    >>> sorted(str(e.condition) for e in res)
    ['(p <= 1/2) & (0 < p)', '(p <= 1/2) & (0 < p)']
    """
    box = ParameterBox.from_game(game, samples=samples, seed=seed)
    field = None
    try:
        field = field_for(box.params)
        tb = Tables.from_game(game, _FieldCoerce(field))
    except (sp.PolynomialError, sp.CoercionFailed, ValueError, TypeError):
        field = None  # payoffs that are not rational functions of the parameters
        tb = Tables.from_game(game, _Sympify)
    cache: dict = {}
    memo: dict = {}
    bounds = dict(game.parameters)
    out = []

    for S, B in all_patterns(tb, pure):
        def run(ctx: SymbolicContext, S=S, B=B):
            sol = solve_pattern(ctx, tb, S, B)
            if sol is None:
                return None
            ic = d1 = True
            if refine:
                on = set(sol.on_path)
                ic = passes_intuitive(ctx, tb, on, sol.values)
                d1 = passes_d1(ctx, tb, on, sol.values)
            return sol, ic, d1

        leaves = [leaf for leaf in explore(run, box, cache=cache, field=field, memo=memo)
                  if leaf.result is not None]
        if not leaves:
            continue
        groups: dict = {}
        for leaf in leaves:
            sol = leaf.result[0]
            key = (tuple(sorted((k, sp.cancel(to_expr(v))) for k, v in sol.sigma.items())),
                   tuple(sorted((k, sp.cancel(to_expr(v))) for k, v in sol.rho.items())))
            groups.setdefault(key, []).append(leaf)
        for n, members in enumerate(groups.values()):
            cond = merge_conditions([m.condition for m in members], box.params, bounds)
            if cond is sp.false:
                continue
            ic = merge_conditions([m.condition for m in members if m.result[1]], box.params,
                                  bounds)
            d1 = merge_conditions([m.condition for m in members if m.result[2]], box.params,
                                  bounds)
            sol = members[0].result[0]
            if len(box.params) == 1:
                cond, ic, d1 = _close_boundaries(game, S, B, sol, box.params[0], bounds,
                                                 (cond, ic, d1), refine)
            eq = build_equilibrium(_SymCtx, game, tb, sol, ic=None, d1=None, condition=cond,
                                   ic_condition=ic, d1_condition=d1, exact_vertices=False,
                                   method="parametric support enumeration (exact conditions)")
            if len(groups) > 1:
                from dataclasses import replace
                eq = replace(eq, label=f"{eq.label} #{n + 1}")
            out.append(eq)
    notes = (f"regions decided on {samples} sample points (seed {seed}); conditions are exact",)
    return SolveResult(game, tuple(out), "parametric support enumeration (exact conditions)",
                       pure=pure, notes=notes)


def _close_boundaries(game, S, B, sol, p, bounds, conds, refine):
    """One parameter: decide the finitely many boundary points exactly (numeric solve)."""
    from .context import NUMERIC

    cond = conds[0]
    if cond in (sp.true, sp.false):
        return conds
    region = condition_set_1d(list(cond.args) if isinstance(cond, sp.Or) else [cond], p, bounds)
    if region is None:
        return conds
    lo, hi = bounds[p]
    box = sp.Interval.open(-sp.oo if lo is None else lo, sp.oo if hi is None else hi)
    points = [b for b in region.boundary if b.is_Rational and b in box]
    extra = [sp.false, sp.false, sp.false]
    for b in points:
        gb = game.subs({p: b})
        tbn = Tables.from_game(gb, NUMERIC)
        nsol = solve_pattern(NUMERIC, tbn, S, B, families=False)
        if nsol is None:
            continue
        same = all(to_expr(v).xreplace({p: b}) == sp.sympify(nsol.sigma[k])
                   for k, v in sol.sigma.items() if k in nsol.sigma)
        if not same:
            continue
        on = set(nsol.on_path)
        flags = (True,
                 passes_intuitive(NUMERIC, tbn, on, nsol.values) if refine else True,
                 passes_d1(NUMERIC, tbn, on, nsol.values) if refine else True)
        for i, ok in enumerate(flags):
            if ok:
                extra[i] = sp.Or(extra[i], sp.Eq(p, b))
    out = []
    for c, e in zip(conds, extra):
        out.append(merge_conditions([c, e], (p,), bounds) if e is not sp.false else c)
    return tuple(out)


class _SymCtx:
    """Arithmetic-only context for assembling results (no sign questions)."""

    symbolic = True
    zero = sp.Integer(0)
    one = sp.Integer(1)

    @staticmethod
    def simplify(x):
        if not isinstance(x, sp.Basic) and hasattr(x, "as_expr"):
            return x
        return sp.cancel(x) if isinstance(x, sp.Basic) and not x.is_number else x
