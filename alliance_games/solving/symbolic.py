"""Parametric solving: every equilibrium family with the exact region where it exists.

The support-enumeration solver runs in a :class:`~alliance_games.solving.context.
SymbolicContext`: every sign question about an expression in the parameters splits the
parameter box, and each consistent branch returns its equilibrium (strategies and
beliefs as expressions) and whether it survives the Intuitive Criterion and D1.  The
branches where a pattern gives the same equilibrium (the same family, for continua) are
joined into one result with ``eq.condition`` (likewise ``eq.intuitive_condition`` and
``eq.d1_condition``).  Patterns are explored only when each of their necessary parts
(:func:`~.patterns.viable_patterns`: shared by many patterns, each explored once) holds
on some explored branch, which leaves out most patterns of larger games.

With one parameter the answer is exact everywhere: the range is cut at every real root
of every sign atom met (the *critical points*, exact algebraic numbers), every open
piece holds a sample point (pieces too thin for the sample cloud get one and are
explored), and the game is solved exactly at each critical point, which adds the
equilibria that exist only there (``Eq(p, root)``).  With several parameters the
conditions are exact off the zero sets of the atoms; those lower-dimensional sets are
not explored and are reported in ``eq.undecided`` (and in the result's notes).
"""

from __future__ import annotations

import functools
from dataclasses import replace

import numpy as np
import sympy as sp

from ..equilibrium import Equilibrium, SolveResult
from ..game import SignallingGame
from .algebraic import AlgebraicContext
from .assemble import build_equilibrium
from .context import (
    NUMERIC,
    FieldContext,
    ParameterBox,
    PointOracle,
    SymbolicContext,
    condition_set_1d,
    critical_points,
    explore,
    field_for,
    in_open_range,
    merge_conditions,
    sign_at,
    to_expr,
)
from .patterns import (
    part_holds,
    pruned_patterns,
    solve_pattern,
    viable_patterns,
)
from .pieces import at_point, piecewise
from .rationals import rational_between
from .refinements import passes_d1, passes_intuitive
from .refinements.family import VERDICT_NOTE, family_parts, split_pieces, verdicts_may_vary
from .tables import Tables

_METHOD = "parametric support enumeration (exact conditions)"


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
    shared = {"cache": {}, "memo": {}, "factors": {}, "arith": {}}
    positive = tuple(bool(x.is_Rational and x > 0) for x in map(sp.sympify, game.prior))

    def run_for(S, B):
        return _pattern_run(tb, S, B, refine)

    def explore_all(box):
        def holds_somewhere(part) -> bool:
            # on some explored branch: a pattern with a solution at a sample point
            # passes its parts there (their atoms join the critical points: _solve_at)
            run = _part_run(tb, part)
            return any(leaf.result for leaf in explore(run, box, field=field, **shared))

        return {(S, B): explore(run_for(S, B), box, field=field, **shared)
                for S, B in viable_patterns(tb, pure, positive, holds_somewhere)}

    leaves = explore_all(box)
    one = len(box.params) == 1
    points: list = []
    exact_1d = False
    if one:
        p = box.params[0]
        for _ in range(8):
            points = _critical(game, p, shared["cache"])
            if points is None:
                break
            extra = _unsampled_pieces(box, p, points, game.parameters[p])
            if not extra:
                exact_1d = True
                break
            box = box.with_points(extra, game.assumptions)
            leaves = explore_all(box)
    groups = _group(leaves)
    if exact_1d:
        tableaux: dict = {}  # the same problems recur at every irrational point
        atoms = _pattern_atoms(leaves)
        lo, hi = game.parameters[p]
        solved_at: dict = {}  # pattern -> the points where it was solved
        for x, minpoly in points:
            if not _admissible(game, p, x):
                continue
            inside = in_open_range(x, lo, hi)
            # a pattern none of whose atoms vanishes at x has there the result of the
            # branch whose inside holds x (its condition holds at x): no solve
            settled = {pat for pat, fs in atoms.items() if inside and all(
                sign_at(f, (p,), {p: x}, {p: minpoly} if minpoly is not None else {})
                for f in fs)}
            for pattern in atoms.keys() - settled:
                solved_at.setdefault(pattern, []).append((x, minpoly))
            for (S, B), res, eq in _solve_at(game, tb, field, positive, p, x, minpoly,
                                             pure, refine, shared, tableaux, settled):
                _add_point(groups, S, B, res, p, x, minpoly, eq)
    else:
        solved_at = {}
    bounds = dict(game.parameters)
    undecided_all = []
    out = []
    for (S, B), members_by_key in groups.items():
        undecided = sp.false
        if not exact_1d:
            undecided = _undecided([lf.condition for lf in leaves.get((S, B), ())])
            undecided_all.append(undecided)
        for n, members in enumerate(members_by_key.values()):
            eq = _assemble(game, tb, box.params, bounds, members, exact_1d, undecided,
                           solved_at.get((S, B), ()))
            if eq is None:
                continue
            if len(members_by_key) > 1:
                eq = replace(eq, label=f"{eq.label} #{n + 1}")
            out.append(eq)
    notes = [f"regions decided on {len(box.points)} sample points (seed {seed}); "
             "conditions are exact"]
    if not exact_1d:
        # every atom met, by every pattern and part explored, with a result or not: a
        # pattern whose solutions lie only where one of its atoms vanishes has no leaf
        # with a result, so its own leaves' conditions are not among those above
        undecided_all.append(_vanishing(shared["cache"]))
    undecided_all = sp.Or(*undecided_all) if undecided_all else sp.false
    if exact_1d:
        notes.append("one parameter: every boundary point decided exactly")
    elif undecided_all is not sp.false:
        notes.append("not decided on the lower-dimensional sets in eq.undecided (where a "
                     f"sign atom vanishes): {undecided_all}; equilibria that exist only "
                     "there are not listed")
    return SolveResult(game, tuple(out), _METHOD, pure=pure, notes=tuple(notes),
                       undecided=undecided_all)


# ------------------------------------------------------------------ one parameter
def _critical(game, p, cache):
    """Critical points: roots of every atom met, and the closed ends of p's range."""
    pts = critical_points(list(cache), p, game.parameters)
    if pts is None:
        return None
    lo_c, hi_c = game.closed.get(p, (False, False))
    lo, hi = game.parameters[p]
    ends = [(sp.sympify(e), None) for e, c in ((lo, lo_c), (hi, hi_c)) if c and e is not None]
    return ends + pts


def _admissible(game, p, x) -> bool:
    return all(bool(a.xreplace({p: x})) is True for a in game.assumptions)


def _unsampled_pieces(box, p, points, bounds) -> list[dict]:
    """A rational point in every open piece between critical points that holds no live
    sample point.  (Conservative: a sample within a relative 1e-9 of an end does not
    count, which at worst adds a point.)"""
    lo, hi = bounds
    inner = [x for x, _ in points if not ((lo is not None and x == lo)
                                          or (hi is not None and x == hi))]
    edges = [-sp.oo if lo is None else sp.sympify(lo)] + inner + \
        [sp.oo if hi is None else sp.sympify(hi)]
    live = np.sort(box.points[box.mask, box.params.index(p)])
    extra = []
    for a, b in zip(edges, edges[1:]):
        fa = -np.inf if a == -sp.oo else float(a) + 1e-9 * (1 + abs(float(a)))
        fb = np.inf if b == sp.oo else float(b) - 1e-9 * (1 + abs(float(b)))
        i = np.searchsorted(live, fa, side="right")
        if i < len(live) and live[i] < fb:
            continue
        extra.append({p: rational_between(a, b)})
    return extra


def _pattern_run(tb, S, B, refine: bool):
    """The computation for one support pattern in a context: None, or its solution as
    parts ``(sol, ic, d1, tag)`` with their Intuitive Criterion and D1 verdicts.

    A family whose members' verdicts may differ is split by them in the context
    (:func:`~.refinements.family.split_family`, exact on the branch); where it has
    parts with different verdicts, ``tag`` is a part's index among the parts with its
    verdicts, and ``"whole"`` when the family could not be split (its verdicts are the
    representative's).  Otherwise ``tag`` is None and there is one part."""
    def run(ctx):
        sol = solve_pattern(ctx, tb, S, B)
        if sol is None:
            return None
        if not refine:
            return ((sol, True, True, None),)
        on = set(sol.on_path)
        if not (sol.is_family and verdicts_may_vary(sol)):
            return ((sol, passes_intuitive(ctx, tb, on, sol.values),
                     passes_d1(ctx, tb, on, sol.values), None),)
        if ctx.symbolic:  # once per consistent set of sign answers, across branches
            # (memoised: only what the key and those answers decide; the parts are
            # made from this branch's solution)
            key = ("split family", sol.S, sol.B, sol.rho_system, tuple(sol.rho_vars),
                   tuple(sorted(sol.rho.items())))
            pieces = ctx.memoized(key, lambda: split_pieces(tb, sol, ctx))
        else:
            pieces = split_pieces(tb, sol, ctx)
        parts = family_parts(ctx, tb, sol, pieces)
        if parts is None:
            return ((sol, passes_intuitive(ctx, tb, on, sol.values),
                     passes_d1(ctx, tb, on, sol.values), "whole"),)
        if len(parts) == 1:  # one verdict for the whole family here
            return ((*parts[0], None),)
        seen: dict = {}
        out = []
        for part, ic, d1 in parts:
            j = seen[(ic, d1)] = seen.get((ic, d1), -1) + 1
            out.append((part, ic, d1, j))
        return tuple(out)
    return run


def _part_run(tb, part):
    """The computation of one necessary condition of patterns (see
    :func:`~.patterns.viable_patterns`) in a context."""
    def run(ctx):
        return part_holds(ctx, tb, part)
    return run


def _solve_at(game, tb, field, positive, p, x, minpoly, pure, refine, shared, tableaux,
              settled=frozenset()):
    """Every pattern's equilibrium at ``p = x``, exactly, with the same solver: in
    rationals at a rational point, else in the field with every sign answered at the
    point (the simplex's tableaux shared through ``tableaux``), for the patterns whose
    necessary parts hold at the point, except the patterns in ``settled``.  Yields
    ``((S, B), (sol, ic, d1, tag), equilibrium at the point)`` (see :func:`_pattern_run`).

    The explorations drop the patterns whose parts fail on every explored branch; one
    with a solution only at an isolated point ``x`` is solved here: the part that
    fails on the branches around ``x`` holds at ``x``, so one of its atoms vanishes
    there and ``x`` is a critical point."""
    if x.is_Rational:
        tbn = Tables.from_game(game.subs({p: x}), NUMERIC)
        for S, B in pruned_patterns(NUMERIC, tbn, pure):
            if (S, B) in settled:
                continue
            for part in _pattern_run(tbn, S, B, refine)(NUMERIC) or ():
                eq = build_equilibrium(NUMERIC, game, tbn, part[0], ic=None, d1=None,
                                       exact_vertices=False, method=_METHOD)
                yield (S, B), part, eq
        return
    mp = {p: minpoly} if minpoly is not None else {}

    def at_x():
        oracle = PointOracle((p,), {p: x}, mp, memo=shared["memo"], factors=shared["factors"],
                             arith=shared["arith"], tableaux=tableaux)
        return SymbolicContext(oracle) if field is None else FieldContext(oracle, field)

    def holds_here(part) -> bool:
        return part_holds(at_x(), tb, part)

    for S, B in viable_patterns(tb, pure, positive, holds_here):
        if (S, B) in settled:
            continue
        for part in _pattern_run(tb, S, B, refine)(at_x()) or ():
            yield (S, B), part, at_point(_build(game, tb, part[0]), p, x)


def _pattern_atoms(leaves) -> dict:
    """Each explored pattern's sign atoms: the polynomials its branches' conditions are
    signs of.  Inside a branch where none of them vanishes, the pattern's computation
    answers every question as on the branch, so its result there is the branch's."""
    out = {}
    for pattern, lvs in leaves.items():
        fs = set()
        for leaf in lvs:
            c = leaf.condition
            for r in (c.args if isinstance(c, sp.And) else (c,)):
                if isinstance(r, sp.core.relational.Relational):
                    fs.update(sp.fraction(sp.together(r.lhs - r.rhs)))
        out[pattern] = tuple(f for f in fs if f.free_symbols)
    return out


# ------------------------------------------------------------------ grouping
class _Member:
    """One branch (``x is None``) or one critical point ``p = x`` of a pattern's part."""

    __slots__ = ("condition", "sol", "ic", "d1", "x", "minpoly", "eq", "whole")

    def __init__(self, condition, part, x=None, eq=None, minpoly=None):
        self.condition, self.x, self.minpoly = condition, x, minpoly
        self.sol, self.ic, self.d1, tag = part
        self.whole = tag == "whole"  # a family kept whole: its verdicts may vary
        self.eq = eq  # for a point: the equilibrium there


def _key(part):
    """What makes two branches' results one equilibrium: for a family, its pattern and
    free probabilities (representatives may differ), and for a part of a family split
    by its verdicts (:func:`_pattern_run`) those verdicts and the part's index among
    the parts with them; otherwise the strategies."""
    sol, ic, d1, tag = part
    if sol.is_family:
        key = ("family", tuple(sorted(sol.sigma_ranges)), tuple(sorted(sol.rho_ranges)))
        return key + (ic, d1, tag) if isinstance(tag, int) else key
    return ("point", _canon(sol.sigma), _canon(sol.rho))


def _canon(d):
    return tuple(sorted((k, sp.cancel(to_expr(v))) for k, v in d.items()))


def _group(leaves) -> dict:
    groups: dict = {}
    for pattern, lvs in leaves.items():
        for leaf in lvs:
            for part in leaf.result or ():
                groups.setdefault(pattern, {}).setdefault(_key(part), []).append(
                    _Member(leaf.condition, part))
    return groups


@functools.lru_cache(maxsize=1 << 16)
def _value_at(v, p, x, minpoly):
    """A context value at ``p = x`` exactly, or None where its denominator vanishes
    (once per value and point: every critical point is compared with every branch)."""
    num, den = sp.fraction(sp.cancel(to_expr(v)))
    mp = {p: minpoly} if minpoly is not None else {}
    if den.has(p) and sign_at(den, (p,), {p: x}, mp) == 0:
        return None
    return AlgebraicContext.simplify((num / den).xreplace({p: x}))


def _same_at(sol_a, sol_b, p, x) -> bool:
    for d_a, d_b in ((sol_a.sigma, sol_b.sigma), (sol_a.rho, sol_b.rho)):
        if set(d_a) != set(d_b):
            return False
        for k in d_a:
            a, b = _value_at(d_a[k], p, x, None), _value_at(d_b[k], p, x, None)
            if a is None or b is None or AlgebraicContext.sign(a - b) != 0:
                return False
    return True


def _add_point(groups, S, B, part, p, x, minpoly, eq) -> None:
    sol = part[0]
    by_key = groups.setdefault((S, B), {})
    key = _key(part)
    if key[0] == "point":
        key = next((k for k, ms in by_key.items() if k[0] == "point"
                    and _same_at(ms[0].sol, sol, p, x)), ("at", x))
    by_key.setdefault(key, []).append(_Member(sp.Eq(p, x), part, x, eq, minpoly))


def _undecided(conditions) -> sp.Basic:
    """Where a sign atom of the conditions vanishes (not explored with several
    parameters)."""
    return _vanishing(r.lhs - r.rhs for c in conditions
                      for r in (c.args if isinstance(c, sp.And) else (c,))
                      if isinstance(r, sp.core.relational.Relational))


def _vanishing(atoms) -> sp.Basic:
    """``Or(Eq(a, 0), ...)`` over the atoms that depend on the parameters."""
    keep = {e for e in map(sp.expand, atoms) if e.free_symbols}
    return sp.Or(*[sp.Eq(a, 0) for a in sorted(keep, key=sp.default_sort_key)])


# ------------------------------------------------------------------ assembling
def _region(game, params, bounds, members, exact_1d, pick, solved_at=()) -> sp.Basic:
    """The condition where the members ``pick`` chooses hold: their branches' conditions
    and their points, except at the points ``solved_at`` where the pattern was solved
    on its own and no chosen member is (there the point's solve decides)."""
    chosen = [m for m in members if pick(m)]
    leaf_conds = [m.condition for m in chosen if m.x is None]
    if not exact_1d:
        return merge_conditions(leaf_conds, params, bounds)
    p = params[0]
    points = [(m.x, m.minpoly) for m in chosen if m.x is not None]
    here = {x for x, _ in points}
    region = condition_set_1d(leaf_conds, p, bounds, points,
                              [q for q in solved_at if q[0] not in here])
    if region is None:
        return merge_conditions(leaf_conds + [m.condition for m in chosen if m.x is not None],
                                params, bounds)
    lo, hi = bounds[p]
    ends = [x for x, _ in points if not in_open_range(x, lo, hi)]  # closed ends
    if ends:
        region = sp.Union(region, sp.FiniteSet(*ends))
    lo_c, hi_c = game.closed.get(p, (False, False))
    box = sp.Interval(-sp.oo if lo is None else lo, sp.oo if hi is None else hi,
                      not lo_c, not hi_c)
    if region == box:
        return sp.true
    if region is sp.S.EmptySet:
        return sp.false
    return region.as_relational(p)


def _assemble(game, tb, params, bounds, members, exact_1d, undecided, solved_at=()):
    cond = _region(game, params, bounds, members, exact_1d, lambda m: True, solved_at)
    if cond is sp.false:
        return None
    ic = _region(game, params, bounds, members, exact_1d, lambda m: m.ic, solved_at)
    d1 = _region(game, params, bounds, members, exact_1d, lambda m: m.d1, solved_at)
    leaves = [m for m in members if m.x is None]
    built = {id(leaf): _build(game, tb, leaf.sol) for leaf in leaves}
    pieces = []  # (condition, equilibrium); equal expressions are merged by _piecewise
    for m in members:
        if m.x is None:
            pieces.append((m.condition, built[id(m)]))
            continue
        # a critical point takes the expressions of an open piece that holds there too
        same = (leaf for leaf in leaves if _same_at(leaf.sol, m.sol, params[0], m.x) and (
            not m.sol.is_family or _ranges_same_at(leaf.sol, m.sol, params[0], m.x)))
        leaf = next(same, None)
        pieces.append((m.condition, m.eq if leaf is None else built[id(leaf)]))
    pieces.sort(key=lambda ce: ce[0].func is not sp.Eq)  # points before regions
    eq = piecewise(pieces)
    notes = eq.notes
    if any(m.whole for m in members):
        notes = notes + (VERDICT_NOTE,)
    return replace(eq, condition=cond, intuitive_condition=ic, d1_condition=d1,
                   undecided=undecided, notes=notes)


def _ranges_same_at(sol_a, sol_b, p, x) -> bool:
    for ra, rb in ((sol_a.sigma_ranges, sol_b.sigma_ranges),
                   (sol_a.rho_ranges, sol_b.rho_ranges)):
        for k in ra:
            for a, b in zip(ra[k], rb.get(k, (None, None))):
                a, b = _value_at(a, p, x, None), (None if b is None else
                                                  _value_at(b, p, x, None))
                if a is None or b is None or AlgebraicContext.sign(a - b) != 0:
                    return False
    return True


def _build(game, tb, sol) -> Equilibrium:
    return build_equilibrium(_SymCtx, game, tb, sol, ic=None, d1=None, exact_vertices=False,
                             method=_METHOD)


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
