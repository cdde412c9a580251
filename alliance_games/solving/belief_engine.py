"""The one solver for two-type games whose payoffs depend on the receiver's posterior.

When later movers see the message but not the type, the sender's and receiver's payoffs
depend on the public posterior ``x = mu(first type)``.  For two types the posterior is one
number per message, and every equilibrium condition is a statement about univariate
functions of ``x`` plus linear conditions on the mixing probabilities.  For each support
pattern :func:`solve_patterns`

1. pins the on-path posteriors: Bayes' rule with pure senders, or the points where the
   receiver's support is a best response, or the roots of a mixing type's indifference;
   a posterior nothing pins is sampled, and when no sample is an equilibrium it takes a
   point of every cell on which the on-path conditions keep their signs; two posteriors
   free together are decided in their plane (:func:`_posterior_plane`, a cylindrical
   decomposition) where its conditions are polynomials with rational coefficients (a
   pattern that could only be sampled is named in the result's notes);
2. solves for the sender's and receiver's mixing probabilities (linear, exact);
3. checks every best-response and incentive inequality exactly;
4. computes each off-path belief set as a union of intervals of ``x``: the beliefs at which
   the receiver's support is a best response *and* no type gains by deviating.

The Intuitive Criterion (Cho and Kreps 1987) and D1 use the definitions for ordinary
games, with the sender's payoff evaluated at the belief behind each best response; they
are decided exactly on the finitely many cells of ``[0, 1]`` on which the best-response
set is constant.

The algorithm is written once, over a *backend* (:class:`BeliefBackend`) that supplies the
representation: numbers, functions of the belief, sets of beliefs and the few operations
on them.  Two backends exist: :mod:`.belief_fast` (rationals and quadratic irrationals,
piecewise polynomials, interval lists) and :mod:`.belief_payoffs` (sympy algebraic
numbers and Sets).  A backend raises :class:`~.quadratic.OutsideFastType` when a number
leaves its field; :func:`solve_patterns` then hands that one pattern to a fallback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cmp_to_key, partial
from itertools import combinations, product
from typing import Any

import sympy as sp

from ..equilibrium import Equilibrium, SolveResult, freeze
from ..game import SignallingGame
from .algebraic import algebraic_sign
from .assemble import Deferred, LazyBeliefSet, kind_of, numbered, pattern_label
from .context import NUMERIC
from .line import first_on_line
from .lp import LinearSystem, interior_point, variable_range
from .patterns import nonempty_subsets
from .quadratic import OutsideFastType, Quad, TracedBase, from_sympy, qsame, to_sympy
from .rationals import rational_between
from .refinements.beliefs import (
    passes_d1_beliefs,
    passes_intuitive_beliefs,
    verdicts_may_vary_beliefs,
)
from .refinements.family import VERDICT_NOTE
from .semialgebraic import (
    find_point,
    radical_signs,
    rational_polynomial,
    relation_holds,
    square_roots,
)
from .tables import Tables
from .traced import Root, Tracer

__all__ = ["METHOD", "SAMPLED_NOTE", "BeliefBackend", "BeliefGame", "BeliefSolution",
           "OffPathUndecided",
           "assemble", "belief_game", "eliminated", "in_posterior_order", "off_path_sets",
           "pattern_solution", "plane_point",
           "pattern_equilibria", "pattern_solutions", "posterior_path",
           "mixing_system", "mixing_with_beliefs", "outcome_checks", "payoff_form",
           "payoffs_move", "solution_at",
           "verdicts", "receiver_mixing", "receiver_supports", "strict_mixture", "representatives",
           "solve_one_pattern", "solve_patterns"]

METHOD = "belief-dependent support enumeration (exact)"
#: The note naming a pattern whose free posteriors (or the beliefs deterring a deviation)
#: could only be sampled (two or more left free together, or conditions outside the
#: backend's numbers) and none of whose samples is an equilibrium: it may have one.
SAMPLED_NOTE = ("pattern {} left out, not decided exactly: its posteriors or deterring "
                "beliefs form a continuum that was only sampled ({}), and no sample is an "
                "equilibrium")
_TYPES = (0, 1)
_MISSING = object()
_MAX_BELIEF_RUNS = 40  # traced runs over a deterring belief before it is left undecided


class OffPathUndecided(OutsideFastType):
    """An off-path message whose deterring beliefs could not be decided exactly (a
    mixture that is a best response on a range of beliefs, with payoffs that depend on
    them, inside a traced run or on a backend without traced numbers).  A subclass of
    :class:`~.quadratic.OutsideFastType`, so that callers that keep a continuum whole
    on that exception do so here too; the pattern solver names the pattern as only
    sampled."""


@dataclass(frozen=True)
class BeliefBackend:
    """The operations the engine needs from one representation of numbers, functions
    of the belief and sets of beliefs.

    *Numbers* support ``+ - * /`` with each other; *functions* (payoffs as functions of
    the posterior ``x``) support ``+ - *`` with functions and numbers; *sets* are subsets
    of ``[0, 1]``.  Two instances exist: ``belief_fast.FAST`` and ``belief_payoffs.SYMPY``.

    Examples
    --------
    >>> from alliance_games.solving.belief_fast import FAST
    >>> FAST.points(FAST.solve_rel(FAST.x * FAST.x - FAST.x, "eq"))
    [Fraction(0, 1), Fraction(1, 1)]
    """

    zero: Any
    one: Any
    x: Any  # the function x (the posterior of the first type)
    unit: Any  # the set [0, 1]
    lp: Any  # the decision context of :mod:`.lp` for these numbers
    rational: Callable[[int, int], Any]  # the number p/q
    sign: Callable[[Any], int]  # exact sign of a number
    cmp: Callable[[Any, Any], int]  # exact sign of x - y
    simplify: Callable[[Any], Any]  # a canonical form (identity when numbers are one)
    midpoint: Callable[[Any, Any], Any]
    to_sympy: Callable[[Any], sp.Expr]  # a number (strategy, belief) as sympy
    value_to_sympy: Callable[[Any], sp.Expr]  # a payoff as sympy (simplified)
    total: Callable[[list], sp.Expr]  # the sum of numbers, as sympy
    at: Callable[[Any, Any], Any]  # a function's value at a belief
    is_const: Callable[[Any], bool]  # a number, or a function not depending on x
    const_value: Callable[[Any], Any]  # the value of a constant function
    solve_rel: Callable[[Any, str], Any]  # {x: f >= 0} ("ge") or {x: f == 0} ("eq")
    is_empty: Callable[[Any], bool]
    contains: Callable[[Any, Any], bool]
    points: Callable[[Any], list | None]  # the sorted points of a finite set, or None
    pieces: Callable[[Any], list]  # ("I", lo, hi) / ("F", [points]), in a fixed order
    inf: Callable[[Any], Any]
    sup: Callable[[Any], Any]
    intersect: Callable[[Any, Any], Any]
    minus: Callable[[Any, Any], Any]
    open_interval: Callable[[Any, Any], Any]
    point_set: Callable[..., Any]
    set_to_sympy: Callable[[Any], sp.Set]
    critical_points: Callable[[Any, Any], list]  # where f's sup/inf over closure(s) lie
    # (equations, {message: set}, prior) -> (dict of posteriors solving the equations,
    # whether some of them are samples of a continuum the equations leave free)
    posterior_solutions: Callable[[list, dict, Any], Iterator[tuple[dict, bool]]]
    # (n, rows (a, b) meaning a . z = b) -> None (inconsistent), "free" or the unique point
    linear_solve: Callable[[int, list], list | str | None]
    # f -> ({f >= 0}, {f <= 0}, {f == 0}) from one pass (None: not offered for this f);
    # optional: without it the engine asks solve_rel for each set
    sign_sets: Callable[[Any], tuple | None] | None = None
    # (f, g) -> the function f(g(x)); optional: without it a curve of posteriors is
    # only sampled (see _curve)
    compose: Callable[[Any, Any], Any] | None = None
    # (f, lo, hi) -> (c0, c1) with f(x) = c0 + c1 x for every x in [lo, hi], or None when
    # f is not affine there; optional: without it the beliefs deterring a deviation are
    # explored one at a time (see :func:`_deterring_beliefs`)
    linear_on: Callable[[Any, Any, Any], tuple | None] | None = None
    # whether its numbers take traced numbers (:mod:`.traced`) and quadratic
    # irrationals (:mod:`.quadratic`), so that a belief can be explored exactly
    # (:func:`_explored_belief`)
    traced: bool = False


@dataclass
class BeliefGame(Tables):
    """A two-type game in a backend's representation: the :class:`~.tables.Tables` of
    the ordinary solver with functions of the posterior as payoffs (``u[t][m][a]``
    sender, ``v[t][m][a]`` receiver), the backend ``ctx`` and ``expected[m][a]``, the
    receiver's expected payoff ``x v[0][m][a] + (1 - x) v[1][m][a]``."""

    game: SignallingGame = field(kw_only=True)
    ctx: BeliefBackend = field(kw_only=True)
    expected: list = field(kw_only=True)

    # a traced run whose support patterns are kept apart (:mod:`.pattern_memo`): what
    # :meth:`remembered` computed, with the signs it decided (``cache`` is emptied before
    # each pattern; this is not)
    tracer: Tracer | None = field(default=None, kw_only=True)
    kept: dict = field(default_factory=dict, kw_only=True)

    def remembered(self, key, compute: Callable[[], Any]) -> Any:
        """``compute()``, once per game (memoised under ``key``).

        In a traced run whose patterns are kept apart (``tracer`` set) the signs
        ``compute`` decided are kept with its result and recorded again at each later use
        (:meth:`~.traced.Tracer.replay`), so that a pattern using the result depends on
        them as if it had computed it.

        Examples
        --------
        >>> from fractions import Fraction
        >>> from alliance_games import SignallingGame, belief
        >>> from alliance_games.solving.belief_fast import fast_game
        >>> p = sp.Symbol("p")
        >>> g = SignallingGame.from_arrays(
        ...     ["1/2", "1/2"], [[[0, 1], [0, 1]], [[1, 0], [1, 0]]],
        ...     [[[1, 0], [1, 0]], [[0, p * belief("H")], [0, 1]]], types=["L", "H"],
        ...     parameters={p: (0, 2)})
        >>> tracer = Tracer(p, Fraction(1, 2))
        >>> gd = fast_game(g, const=tracer.convert)
        >>> gd.tracer = tracer
        >>> region = gd.br_region(0, [1])  # decides signs in p
        >>> rec = tracer.recording()
        >>> gd.br_region(0, [1]) is region, len(rec) > 0  # its signs recorded again
        (True, True)
        """
        if self.tracer is None:
            hit = self.cache.get(key, _MISSING)
            if hit is _MISSING:
                hit = self.cache[key] = compute()
            return hit
        hit = self.kept.get(key)
        if hit is not None:
            self.tracer.replay(hit[1])
            return hit[0]
        rec = self.tracer.recording()
        try:
            value = compute()
        finally:
            self.tracer.stop(rec)
        self.kept[key] = (value, tuple(rec.values()))
        return value

    def br_region(self, m: int, B) -> Any:
        """The posteriors at which every action in ``B`` is a best response after ``m``.

        Examples
        --------
        >>> from alliance_games.alliance.model import alliance_game
        >>> from alliance_games.solving.belief_fast import fast_game
        >>> fast_game(alliance_game()).br_region(1, [2]).empty
        False
        """
        B = tuple(B)
        return self.remembered(("br", m, B), partial(self._br_region, m, B))

    def _br_region(self, m: int, B: tuple) -> Any:
        ctx = self.ctx
        region = ctx.unit
        for i, a in enumerate(B):
            for a2 in range(self.n_actions[m]):
                if a2 == a or (a2 in B and B.index(a2) < i):
                    continue
                region = ctx.intersect(region, self._relation(m, a, a2,
                                                              "eq" if a2 in B else "ge"))
                if ctx.is_empty(region):
                    break
        return region

    def _relation(self, m: int, a: int, a2: int, kind: str) -> Any:
        """The posteriors with ``expected[m][a] >= expected[m][a2]`` (``kind="ge"``) or
        ``==`` (``"eq"``), memoised; with the backend's ``sign_sets`` the relations of
        both orders of the pair come from one pass over one difference."""
        ctx = self.ctx
        lo, hi = min(a, a2), max(a, a2)
        if ctx.sign_sets is not None:
            sets = self.remembered(("signs", m, lo, hi), lambda: ctx.sign_sets(
                self.expected[m][lo] - self.expected[m][hi]))
            if sets is not None:
                ge, le, eq = sets  # of expected[m][lo] - expected[m][hi]
                return eq if kind == "eq" else ge if a == lo else le
        return self.remembered(("rel", m, a, a2, kind), lambda: ctx.solve_rel(
            self.expected[m][a] - self.expected[m][a2], kind))


def belief_game(game: SignallingGame, ctx: BeliefBackend, convert: Callable[[sp.Expr], Any],
                prior: list) -> BeliefGame:
    """A game's payoffs converted into a backend's functions of the posterior.

    Parameters
    ----------
    game : SignallingGame
        Two sender types, payoffs in the belief symbols.
    ctx : BeliefBackend
        The representation.
    convert : callable
        One payoff (a sympy expression in the belief symbols) as a backend function.
    prior : list
        The prior in the backend's numbers.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_fast import FAST, to_pw
    >>> g = SignallingGame.from_arrays(
    ...     ["1/2", "1/2"], [[[0, 1], [0, 1]], [[1, 0], [1, 0]]],
    ...     [[[1, 0], [1, 0]], [[0, belief("H")], [0, 1]]], types=["L", "H"])
    >>> mu0, mu1 = g.belief_symbols
    >>> gd = belief_game(g, FAST, lambda e: to_pw(e, mu0, mu1, {}), [F(1, 2), F(1, 2)])
    >>> gd.expected[0][1](F(1, 4))
    Fraction(9, 16)
    """
    u = [[[convert(p) for p in row] for row in rows] for rows in game.sender_payoffs]
    v = [[[convert(p) for p in row] for row in rows] for rows in game.receiver_payoffs]
    n_actions = tuple(len(a) for a in game.actions)
    x = ctx.x
    y = 1 - x  # the posterior of the second type
    expected = [[x * v[0][m][a] + y * v[1][m][a] for a in range(n_actions[m])]
                for m in range(len(n_actions))]
    return BeliefGame(2, n_actions, prior, u, v, game=game, ctx=ctx, expected=expected)


@dataclass
class BeliefSolution:
    """One solved support pattern: supports ``S`` (per type) and ``B`` (per message), the
    sender's ``sigma[(t, m)]`` and receiver's ``rho[(m, a)]`` probabilities, the on-path
    posteriors ``x``, each type's equilibrium payoff, the off-path data, whether it
    represents a continuum (``family``), whether the types' equilibrium payoffs may
    differ between the continuum's members (``moves``: the posteriors at on-path messages,
    or the receiver's mixing at one, vary along it) and whether the on-path posteriors
    are a sample of a continuum (``sampled``)."""

    S: tuple
    B: tuple
    sigma: dict
    rho: dict
    x: dict  # on-path m -> posterior of type 0
    values: list
    off: dict  # m -> (region, example x, receiver mixing)
    family: bool = False
    moves: bool = False
    sampled: bool = False  # the on-path posteriors are one sample of a continuum


# ------------------------------------------------------------------ the enumeration
def solve_patterns(gd: BeliefGame, *, pure: bool = False, refine: bool = True,
                   method: str = METHOD,
                   fallback: Callable[[tuple, tuple], list[Equilibrium]] | None = None,
                   split: Callable[[BeliefGame, BeliefSolution], list | None] | None = None,
                   memo: Callable | None = None) -> SolveResult:
    """All PBE of a two-type belief-dependent game, pattern by pattern.

    Parameters
    ----------
    gd : BeliefGame
        The game in a backend's representation.
    pure : bool
        Only pure strategies.
    refine : bool
        Decide the Intuitive Criterion and D1.
    method : str
        The method recorded in the result.
    fallback : callable, optional
        ``fallback(S, B)`` solves one support pattern another way (returning its
        equilibria, as :func:`pattern_equilibria` does) when the backend raises
        :class:`~.quadratic.OutsideFastType` in it; without it the exception propagates.
        A fallback with a ``sampled(S, B)`` method tells why a pattern it found no
        equilibrium for was only sampled there (None: decided), for the notes.
    split : callable, optional
        ``split(gd, sol)`` splits a continuum whose members may differ in their IC/D1
        verdicts (see :func:`.belief_family.split_belief_family`): a list of
        ``(part, ic, d1, where)``, each part reported as its own equilibrium (labels
        ``#1``, ``#2``, ...; ``where`` describes it, None for the whole continuum), or
        None to keep it whole with :data:`~.refinements.family.VERDICT_NOTE`.
    memo : callable, optional
        ``memo(gd, S, B, compute)`` returns one pattern's equilibria, from ``compute()``
        or from an earlier run's (:class:`~.pattern_memo.PatternMemo`).

    Returns
    -------
    SolveResult
        Every isolated equilibrium of each support pattern and a representative of each
        continuum (or of each of its parts), numbered ``label #k`` when a pattern has
        several;
        ``undecided_patterns`` lists every pattern left undecided, and ``notes`` names
        each with its reason (:data:`SAMPLED_NOTE`).

    Examples
    --------
    >>> from alliance_games.alliance.model import alliance_game
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> len(solve_patterns(fast_game(alliance_game()), pure=True))
    2
    """
    game = gd.game
    out, notes, left = [], [], []
    msg_sets = nonempty_subsets(gd.n_messages, 1 if pure else None)
    act_sets = [nonempty_subsets(k, 1 if pure else None) for k in gd.n_actions]
    for S in product(msg_sets, repeat=2):
        for B in product(*receiver_supports(gd, S, act_sets)):
            reason = None
            try:
                eqs = pattern_equilibria(gd, S, B, refine, method, split) if memo is None \
                    else memo(gd, S, B, partial(pattern_equilibria, gd, S, B, refine, method,
                                                split))
            except OutsideFastType:
                if fallback is None:
                    raise
                eqs = fallback(S, B)
                if not eqs and hasattr(fallback, "sampled"):
                    reason = fallback.sampled(S, B)
            if eqs:
                out.extend(eqs)
            elif reason is not None or ("sampled", S, B) in gd.cache:
                left.append(pattern_label(game, S, B))
                notes.append(SAMPLED_NOTE.format(left[-1],
                                                 reason or gd.cache[("sampled", S, B)]))
    return SolveResult(game, tuple(out), method, pure=pure, notes=tuple(notes),
                       undecided_patterns=tuple(left))


def pattern_equilibria(gd: BeliefGame, S, B, refine: bool, method: str = METHOD,
                       split: Callable | None = None) -> list[Equilibrium]:
    """Every equilibrium of one support pattern (:func:`pattern_solutions`, each
    assembled; a continuum in parts when ``split`` divides it, as in
    :func:`solve_patterns`), numbered ``label #k`` when there are several.

    Examples
    --------
    The receiver is indifferent after ``m0`` at the three roots of a cubic, two of them
    above the prior of ``H`` (``H`` sends ``m0``, ``L`` mixes): two equilibria of one
    pattern, each at its root (the general backend's algebraic numbers).

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_payoffs import general_game
    >>> mu = belief("H")
    >>> q = 64 * mu**3 - 96 * mu**2 + 36 * mu - 1
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"],
    ...     [[[2, 0], [1, 1]], [[2, 1], [0, 0]]], [[[q, 0], [1, 0]], [[q, 0], [1, 0]]],
    ...     types=["L", "H"])
    >>> eqs = pattern_equilibria(general_game(g), ((0, 1), (0,)), ((0, 1), (0,)), True)
    >>> [e.label for e in eqs]
    ['L:m0+m1 H:m0 | m0:a0+a1 m1:a0 #1', 'L:m0+m1 H:m0 | m0:a0+a1 m1:a0 #2']
    """
    return numbered([eq for sol in pattern_solutions(gd, S, B)
                     for eq in _assembled(gd, sol, refine, method, split)])


def solve_one_pattern(gd: BeliefGame, S, B, refine: bool,
                      method: str = METHOD) -> Equilibrium | None:
    """The equilibrium (a representative) of one support pattern, or None.

    Examples
    --------
    >>> from alliance_games.alliance.model import alliance_game
    >>> from alliance_games.solving.belief_payoffs import general_game
    >>> gd = general_game(alliance_game())  # the sympy backend
    >>> solve_one_pattern(gd, ((0,), (1,)), ((2,), (2,)), True).label
    'L:no_cs H:cs | no_cs:I cs:M'
    >>> solve_one_pattern(gd, ((1,), (0,)), ((2,), (2,)), True) is None
    True
    """
    sol = pattern_solution(gd, S, B)
    return None if sol is None else _assemble(gd, sol, refine, method)


def _posterior_windows(gd: BeliefGame, S) -> tuple[list, dict, dict]:
    """The on-path messages of sender supports ``S``, the posteriors Bayes' rule fixes
    there (a message one type sends, or every message when no type mixes) and the open
    window of each other on-path message's posterior."""
    ctx = gd.ctx
    on = sorted({m for s in S for m in s})
    mixing = any(len(s) > 1 for s in S)
    fixed, windows = {}, {}
    for m in on:
        if m not in S[0] or m not in S[1]:
            fixed[m] = ctx.one if m in S[0] else ctx.zero
        elif not mixing:
            fixed[m] = gd.prior[0]
        elif len(S[0]) == 1:  # type 0 sends m for sure, type 1 mixes
            windows[m] = ctx.open_interval(gd.prior[0], ctx.one)
        elif len(S[1]) == 1:
            windows[m] = ctx.open_interval(ctx.zero, gd.prior[0])
        else:
            windows[m] = ctx.open_interval(ctx.zero, ctx.one)
    return on, fixed, windows


def receiver_supports(gd: BeliefGame, S, act_sets) -> list:
    """For each message, the receiver supports of ``act_sets`` that are best responses
    to some posterior it may have under sender supports ``S`` (the fixed posterior, the
    window of a mixing type's message, any posterior off the path): the necessary
    condition :func:`pattern_solution` and :func:`_off_path` check first, decided once per
    message instead of once per pattern.  A support whose check leaves the backend's
    numbers is kept (its patterns then reach the fallback as before).

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> from alliance_games.solving.patterns import nonempty_subsets
    >>> gd = fast_game(beer_quiche())
    >>> receiver_supports(gd, ((0,), (0,)), [nonempty_subsets(k) for k in gd.n_actions])
    [[(1,)], [(0,), (1,), (0, 1)]]"""
    ctx = gd.ctx
    _, fixed, windows = _posterior_windows(gd, S)
    out = []
    for m, sets in enumerate(act_sets):
        keep = []
        for b in sets:
            try:
                region = gd.br_region(m, b)
                if m in fixed:
                    ok = ctx.contains(region, fixed[m])
                else:
                    if m in windows:
                        region = ctx.intersect(region, windows[m])
                    ok = not ctx.is_empty(region)
            except OutsideFastType:
                ok = True
            if ok:
                keep.append(b)
        out.append(keep)
    return out


def _indifference_possible(gd: BeliefGame, S, B, fixed) -> bool:
    """A necessary condition for a pattern in which a type mixes over two or more
    messages answered purely (beside any answered by a mixture): the ranges of its
    payoff at those messages, over the posteriors each may have (the fixed one, or the
    closure of the window where the receiver's answer is a best response), have a
    common value.  True when it cannot be decided in the backend's numbers."""
    ctx = gd.ctx
    for t in _TYPES:
        pure = [m for m in S[t] if len(B[m]) == 1]
        if len(pure) < 2:
            continue
        ranges = [_payoff_range(gd, S, t, m, B[m][0], fixed) for m in pure]
        if any(r is None for r in ranges):
            continue
        # no common value: max(lows) > min(highs), i.e. some low above some other high
        # (asked pair by pair: a traced run records no comparison of two lows or highs)
        if any(ctx.cmp(lo, hi) > 0 for i, (lo, _) in enumerate(ranges)
               for j, (_, hi) in enumerate(ranges) if i != j):
            return False
    return True


def _payoff_range(gd: BeliefGame, S, t: int, m: int, a: int, fixed):
    """``(min, max)`` of type t's payoff from ``m`` answered by ``a`` over the posteriors
    ``m`` may have under sender supports ``S`` (memoised per window), or None."""
    ctx = gd.ctx
    f = gd.u[t][m][a]
    if m in fixed:
        value = ctx.at(f, fixed[m])
        return value, value
    key = ("range", t, m, a, len(S[0]) == 1, len(S[1]) == 1)

    def compute():
        try:
            region = ctx.intersect(gd.br_region(m, (a,)), _posterior_windows(gd, S)[2][m])
            if not ctx.is_empty(region):
                return _sup_inf(ctx, f, region, False), _sup_inf(ctx, f, region, True)
        except OutsideFastType:
            pass
        return None

    return gd.remembered(key, compute)


def pattern_solution(gd: BeliefGame, S, B) -> BeliefSolution | None:
    """The first solution of one support pattern (sender supports ``S``, one tuple of
    message indices per type; receiver supports ``B``, one tuple of action indices per
    message), or None when the pattern has no equilibrium (see
    :func:`pattern_solutions` for all of them).

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())  # both types drink beer; duel after quiche
    >>> pattern_solution(gd, ((0,), (0,)), ((1,), (0,))) is not None
    True
    >>> pattern_solution(gd, ((0,), (0,)), ((0,), (0,))) is None
    True
    """
    return next(_solutions(gd, S, B), None)


def pattern_solutions(gd: BeliefGame, S, B) -> list[BeliefSolution]:
    """Every solution of one support pattern: each isolated one (the receiver's
    indifference or the types' may hold at several posteriors), in posterior order
    (:func:`in_posterior_order`), then one representative of each continuum of
    posteriors (``sampled``), in the order found.

    Examples
    --------
    The receiver is indifferent after ``m0`` at ``mu(H) = 5/8`` and at ``7/8``; ``L``
    mixes so that either is the posterior there: two equilibria with one pattern.

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> mu = belief("H")
    >>> q = 64 * mu**2 - 96 * mu + 35
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"],
    ...     [[[2, 0], [1, 1]], [[2, 1], [0, 0]]], [[[q, 0], [1, 0]], [[q, 0], [1, 0]]],
    ...     types=["L", "H"])
    >>> [str(sol.x[0]) for sol in pattern_solutions(fast_game(g), ((0, 1), (0,)),
    ...                                             ((0, 1), (0,)))]
    ['1/8', '3/8']
    """
    found = list(_solutions(gd, S, B))
    return in_posterior_order(gd.ctx, [s for s in found if not s.sampled]) + \
        [s for s in found if s.sampled]


def in_posterior_order(ctx, sols: list) -> list:
    """Solutions of one support pattern in a fixed order, the one their numbers ``#1``,
    ``#2``, ... follow in both belief engines: by their posteriors at the on-path
    messages in message order (each a number, the first type's, or a tuple of the types'
    probabilities), compared exactly.

    Examples
    --------
    >>> from types import SimpleNamespace as Sol
    >>> from alliance_games.solving.belief_fast import FAST
    >>> from fractions import Fraction as F
    >>> sols = [Sol(x={0: F(3, 8), 1: F(1)}), Sol(x={0: F(1, 8), 1: F(1)})]
    >>> [str(s.x[0]) for s in in_posterior_order(FAST, sols)]
    ['1/8', '3/8']
    """
    def compare(a, b) -> int:
        for m in sorted(a.x):
            pa, pb = a.x[m], b.x[m]
            for p, q in zip(pa, pb) if isinstance(pa, tuple) else [(pa, pb)]:
                c = ctx.cmp(p, q)
                if c:
                    return c
        return 0

    return sorted(sols, key=cmp_to_key(compare))


def _solutions(gd: BeliefGame, S, B) -> Iterator[BeliefSolution]:
    """The solutions of :func:`pattern_solutions`, lazily: an isolated candidate is an
    equilibrium of its own, a continuum's samples stop at its first member."""
    ctx = gd.ctx
    # ---- candidate posteriors at on-path messages
    on, fixed, windows = _posterior_windows(gd, S)
    free = list(windows)
    for m, x in fixed.items():  # the receiver's supports are best responses there
        if not ctx.contains(gd.br_region(m, B[m]), x):
            return
    options = _posterior_options(gd, B, windows)
    if not _indifference_possible(gd, S, B, fixed):
        return
    found_groups, isolated = [], []

    def same(a: tuple, b: tuple) -> bool:
        return len(a) == len(b) and all(ctx.cmp(x, y) == 0 for x, y in zip(a, b))

    for xs, group in _posterior_candidates(gd, S, B, free, options, fixed):
        if group is not None and any(g[0] == group[0] and same(g[1], group[1])
                                     for g in found_groups):
            continue  # a continuum already represented
        if group is None:
            if any(same(xs, ys) for ys in isolated):
                continue
            isolated.append(xs)
        x = dict(fixed)
        x.update(zip(free, xs))
        try:
            found = solution_at(gd, S, B, x)
        except OffPathUndecided:
            _mark_sampled(gd, S, B, "beliefs deterring the off-path messages only sampled")
            continue
        if found is None:
            continue
        rep = group is not None
        if rep:
            found_groups.append(group)
        moves = (rep and not _values_pinned(gd, S, B, free, options)) or \
            (found.family and payoffs_move(gd, S, B, x))
        yield replace(found, family=found.family or rep, moves=moves, sampled=rep)


def _posterior_options(gd: BeliefGame, B, windows: dict) -> list:
    """For each shared on-path message (``windows``, in order), the posteriors at which
    the receiver's support there is a best response within its window: the list of its
    points when finitely many, else the set."""
    ctx = gd.ctx
    out = []
    for m, window in windows.items():
        region = ctx.intersect(gd.br_region(m, B[m]), window)
        pts = ctx.points(region)
        out.append(pts if pts is not None else region)
    return out


def _values_pinned(gd: BeliefGame, S, B, free, options) -> bool:
    """Whether every type's equilibrium payoff is the same on a whole continuum of
    posteriors: each type sends a message answered by one action whose payoff to it does
    not depend on a posterior that moves (a constant, or a posterior Bayes' rule or the
    receiver's indifference pins: not an interval option)."""
    ctx = gd.ctx
    moving = {m for m, o in zip(free, options) if not isinstance(o, list)}
    return all(any(len(B[m]) == 1 and (m not in moving or ctx.is_const(gd.u[t][m][B[m][0]]))
                   for m in S[t]) for t in range(gd.n_types))


def solution_at(gd: BeliefGame, S, B, x) -> BeliefSolution | None:
    """The solution of one support pattern at given on-path posteriors ``x``
    (``{message: posterior of the first type}``), or None when there is none.
    ``family`` says whether the receiver's mixing is not unique there (then the one
    returned deters every off-path message; see :func:`_rho_with_deterrence`).

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())  # both drink beer; duel after quiche
    >>> solution_at(gd, ((0,), (0,)), ((1,), (0,)), {0: gd.prior[0]}).values
    [Fraction(2, 1), Fraction(3, 1)]
    """
    on = sorted(x)
    sigma = _sigma(gd, S, x)
    if sigma is None:
        return None
    res = _rho_with_deterrence(gd, S, B, x, on)
    if res is None:
        return None
    rho, values, family = res
    off = off_path_sets(gd, B, on, values, _off_path)
    if off is None:
        return None
    for found in off.values():
        rho.update(found[2])
    if callable(sigma):  # computed lazily (see _sigma)
        sigma = sigma()
    return BeliefSolution(tuple(S), tuple(B), sigma, rho, x, values, off, family)


def off_path_sets(gd: BeliefGame, B, on, values, solve_message: Callable) -> dict | None:
    """Every off-path message's ``solve_message(gd, m, B[m], values)`` (its belief set,
    an example belief and the receiver's mixing there), or None as soon as one has none.

    Examples
    --------
    >>> off_path_sets(None, ((0,), (1,)), {0}, [], lambda gd, m, b, v: ("set", m, b))
    {1: ('set', 1, (1,))}
    """
    off = {}
    for m in range(len(B)):
        if m in on:
            continue
        found = solve_message(gd, m, B[m], values)
        if found is None:
            return None
        off[m] = found
    return off


def _posterior_candidates(gd: BeliefGame, S, B, free, options, fixed):
    """Exact candidate posteriors for the shared on-path messages (in ``free`` order),
    each with its group: None for an isolated solution, else the samples of one
    continuum share a group (the posteriors pinned by the receiver, ``combo``, and by
    the indifference equations).

    Posteriors pinned by the receiver (finite options) are substituted first; the others
    are pinned by a mixing type's indifference between two messages answered purely, or,
    when nothing pins them, represented by sample points."""
    if not free:
        yield (), None
        return
    if all(isinstance(o, list) for o in options):
        for xs in product(*options):
            yield xs, None
        return
    lists = [(m, o) for m, o in zip(free, options) if isinstance(o, list)]
    opt = {m: o for m, o in zip(free, options) if not isinstance(o, list)}
    for k, combo in enumerate(product(*[o for _, o in lists])):
        fx = dict(fixed)
        fx.update({m: c for (m, _), c in zip(lists, combo)})
        for vals, key in _unknown_posteriors(gd, S, B, opt, fx):
            yield tuple(fx[m] if m in fx else vals[m] for m in free), \
                None if key is None else (k, key)


def _unknown_posteriors(gd: BeliefGame, S, B, opt: dict, fx: dict):
    """The unknown posteriors ``opt`` (the others ``fx``), each ``(posteriors, key)``:
    ``key`` None for an isolated solution; samples of a continuum have the values of the
    posteriors the indifference equations pin (one continuum per root)."""
    ctx = gd.ctx
    unknown = list(opt)
    eqs = _indifference_equations(gd, S, B, opt, fx)
    if eqs is None:
        return
    pinned = {mm for terms, _ in eqs for mm, _ in terms}
    if set(unknown) - pinned:  # a continuum of posteriors: representative points
        tight = [m for m in unknown if m in pinned]
        reps = [representatives(ctx, opt[m], gd.prior[0]) for m in unknown]
        for combo in product(*reps):
            vals = dict(zip(unknown, combo))
            yield vals, tuple(vals[m] for m in tight)
        # none of them was an equilibrium: pin the pinned posteriors exactly and try a
        # point of every cell on which the pattern's conditions keep their signs
        for vals in _refined_posteriors(gd, S, B, opt, fx, eqs, dict(zip(unknown, reps))):
            yield vals, tuple(vals[m] for m in tight)
        return
    if len(eqs) < len(unknown):  # a curve of posteriors: the backend samples it
        curve = _curve(gd, eqs, opt)
        if curve is None:
            _mark_sampled(gd, S, B, "fewer indifference equations than posteriors")
        try:
            samples = list(ctx.posterior_solutions(eqs, opt, gd.prior[0]))
        except OutsideFastType:  # the fast backend has no samples of a curve
            if curve is None:
                raise
            samples = []
        for vals, _ in samples:
            yield vals, ()
        if curve is not None:  # then a point of every cell along the curve
            for vals in _curve_posteriors(gd, S, B, opt, fx, curve):
                yield vals, ()
        return
    for vals, sampled in ctx.posterior_solutions(eqs, opt, gd.prior[0]):
        yield vals, () if sampled else None


def posterior_path(gd: BeliefGame, S, B, x) -> tuple | None:
    """The path of a continuum of posteriors of pattern ``(S, B)`` through its member at
    on-path posteriors ``x``, when one posterior moves and every other follows it.

    Returns ``(m, region, follow)``: the posterior at ``m`` is the path's coordinate and
    ranges over ``region`` (where the receiver's supports are best responses, within its
    Bayes window); ``follow`` maps each other on-path message whose posterior moves to
    ``(g, its region)``, ``g`` the posterior as a function of the coordinate (a backend
    function: a mixing type's indifference links them, :func:`_curve`).  Every other
    on-path posterior stays at its value in ``x`` (Bayes' rule, the receiver's
    indifference or an indifference equation in it alone pins it).  None for other
    shapes (two posteriors free together, or none).

    Examples
    --------
    ``L`` mixes over ``m0`` and ``m1`` (both pay it 1 when answered by ``a0``), ``H``
    sends ``m1``, and the receiver always answers ``a0``: the posterior ``mu(L)`` at ``m1``
    moves in ``(0, 1/2)`` (the window Bayes' rule allows), the one at ``m0`` stays at 1.

    >>> from alliance_games import SignallingGame
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> table = [[[1, 0], [1, 0]], [[1, 0], [1, 0]]]
    >>> gd = fast_game(SignallingGame.from_arrays(["1/2", "1/2"], table, table))
    >>> m, region, follow = posterior_path(gd, ((0, 1), (1,)), ((0,), (0,)), {})
    >>> m, region.to_sympy(), follow
    (1, Interval.open(0, 1/2), {})
    """
    _, fixed, windows = _posterior_windows(gd, S)
    opt, fx = {}, dict(fixed)
    for m, option in zip(windows, _posterior_options(gd, B, windows)):
        if isinstance(option, list):
            fx[m] = x[m]
        else:
            opt[m] = option
    eqs = _indifference_equations(gd, S, B, opt, fx)
    if eqs is None:
        return None
    tight = {mm for terms, _ in eqs for mm, _ in terms}
    loose = [m for m in opt if m not in tight]
    if len(loose) == 1 and all(len(terms) == 1 for terms, _ in eqs):
        return loose[0], opt[loose[0]], {}  # the others pinned, each by its own equation
    curve = _curve(gd, eqs, opt) if len(opt) == 2 else None
    if curve is None:
        return None
    ma, mb, g = curve
    return ma, opt[ma], {mb: (g, opt[mb])}


def _indifference_equations(gd: BeliefGame, S, B, opt: dict, fx: dict) -> list | None:
    """The mixing types' indifference conditions as equations in the unknown posteriors
    ``opt`` (the others ``fx``): ``(terms, const)``, the sum of ``f(x_m)`` over ``terms``
    ``(m, f)`` plus ``const`` is 0.  Each type's messages answered purely are paired with
    the first of them (those answered by a mixture: :func:`_eliminated_indifference` and
    the receiver's mixing).  None when a type cannot be indifferent."""
    ctx = gd.ctx
    eqs = []
    for t in _TYPES:
        pure = [m for m in S[t] if len(B[m]) == 1]  # (each paired with the first)
        for m in pure[1:]:
            m0 = pure[0]
            if m not in opt and m0 not in opt:
                continue
            terms, const = [], ctx.zero
            for mm, sgn in ((m, 1), (m0, -1)):
                f = gd.u[t][mm][B[mm][0]]
                if mm in opt and not ctx.is_const(f):
                    terms.append((mm, f if sgn > 0 else -f))
                else:
                    val = ctx.at(f, fx[mm]) if mm in fx else ctx.const_value(f)
                    const = const + val if sgn > 0 else const - val
            if not terms:
                if ctx.sign(ctx.simplify(const)) != 0:
                    return None  # the mixing type cannot be indifferent
                continue
            eqs.append((terms, const))
    if not _eliminated_indifference(gd, S, B, opt, fx, eqs):
        return None  # both types cannot be indifferent
    return eqs


def _curve(gd: BeliefGame, eqs: list, opt: dict):
    """Two unknown posteriors linked by one indifference equation
    ``f_a(x_a) + f_b(x_b) + c = 0`` with ``f_b`` affine: ``(m_a, m_b, g)`` with
    ``x_b = g(x_a)`` a function of the backend, or None (another case, or a backend
    without ``compose``)."""
    ctx = gd.ctx
    if ctx.compose is None or len(eqs) != 1 or len(opt) != 2 or len(eqs[0][0]) != 2:
        return None
    terms, const = eqs[0]
    for (ma, fa), (mb, fb) in (terms, terms[::-1]):
        if ma == mb:
            return None
        b0 = ctx.at(fb, ctx.zero)
        b1 = ctx.simplify(ctx.at(fb, ctx.one) - b0)
        rest = fb - ctx.x * b1
        if ctx.sign(b1) == 0 or not ctx.is_const(rest):
            continue
        return ma, mb, (fa + (const + b0)) * ctx.simplify(-1 / b1)
    return None


def _curve_posteriors(gd: BeliefGame, S, B, opt: dict, fx: dict, curve):
    """Candidate posteriors along a curve ``x_b = g(x_a)`` (:func:`_curve`): a point of
    every cell of ``x_a`` (:func:`_cell_points`, with ``x_b`` following), cut also where
    ``x_b`` meets the prior, the ends of ``[0, 1]`` or a change of the receiver's best
    responses; a pattern whose cells are not exact is recorded as only sampled."""
    ctx = gd.ctx
    ma, mb, g = curve
    cuts = [g - gd.prior[0], g - ctx.one, g]
    for a in B[mb]:
        cuts.extend(ctx.compose(gd.expected[mb][a] - gd.expected[mb][a2], g)
                    for a2 in range(gd.n_actions[mb]) if a2 != a)
    try:
        pts, exact = _cell_points(gd, S, B, ma, opt[ma], fx, {mb: g}, cuts)
    except OutsideFastType:
        if not _traced_run(gd):
            raise  # (the general backend takes the pattern)
        pts, exact = [], False
    if not exact:
        _mark_sampled(gd, S, B, "cells along a curve of posteriors not exact")
    for p in pts:
        xb = ctx.simplify(ctx.at(g, p))
        if ctx.contains(opt[mb], xb):
            yield {ma: p, mb: xb}


def _traced_run(gd: BeliefGame) -> bool:
    """Whether ``gd`` is a run with traced numbers (its game keeps its parameters, which
    only a tracer's conversion turns into numbers).  Outside one, a number that leaves
    the fast types hands the whole pattern to the general backend
    (:class:`~.quadratic.OutsideFastType`); inside one, the pattern is marked as only
    sampled and the run's cell is undecided."""
    return gd.game.is_parametric


def _mark_sampled(gd: BeliefGame, S, B, reason: str) -> None:
    """Record that pattern ``(S, B)`` was only sampled, and why (the first reason)."""
    gd.cache.setdefault(("sampled", tuple(S), tuple(B)), reason)


def _refined_posteriors(gd: BeliefGame, S, B, opt: dict, fx: dict, eqs: list, reps: dict):
    """Candidate posteriors after the representative points of a continuum failed.

    The posteriors the indifference equations pin are solved for exactly; one posterior
    left free takes a point of every cell of its set on which the on-path conditions'
    feasibility is constant (:func:`_cell_points`), so a feasible set narrower than the
    sample grid (a sub-interval or one point of the window) is not missed.  With two or
    more free posteriors each in turn is refined, the others at their samples (which finds
    a curve of posteriors along which the types stay indifferent); then, and inside a
    traced run with conditions outside the backend's numbers, the pattern is recorded in
    ``gd.cache`` as only sampled (:func:`solve_patterns` names it in the notes when it
    has no equilibrium).  Outside a traced run such conditions raise
    :class:`~.quadratic.OutsideFastType`: the general backend takes the pattern."""
    ctx = gd.ctx
    tight = {m: o for m, o in opt.items() if any(m == mm for t, _ in eqs for mm, _ in t)}
    loose = [m for m in opt if m not in tight]
    try:
        sols = [vals for vals, _ in ctx.posterior_solutions(eqs, tight, gd.prior[0])] \
            if tight else [{}]
    except OutsideFastType:
        if not _traced_run(gd):
            raise  # (the general backend takes the pattern)
        _mark_sampled(gd, S, B, "pinned posteriors outside the fast numbers")
        return
    # two or more free posteriors: a relaxation in one posterior at a time, then two
    # posteriors' plane decided exactly where it can be
    planes = [("empty", None) if len(loose) > 1 and _separately_empty(
        gd, S, B, loose, opt, {**fx, **sol}) else _posterior_plane(
        gd, S, B, loose, opt, {**fx, **sol}) if len(loose) == 2 else ("unknown", None)
        for sol in sols]
    if len(loose) > 1 and any(kind != "empty" for kind, _ in planes):
        _mark_sampled(gd, S, B, f"{len(loose)} posteriors free together")
    for sol, (kind, vals) in zip(sols, planes):
        if kind == "empty":
            continue  # (no equilibrium in this plane: nothing to refine)
        if kind == "point":
            yield {**sol, **vals}
        for mu in loose:  # mu refined, the other free posteriors at their samples
            others = [m for m in loose if m != mu]
            for combo in product(*[reps[m] for m in others]):
                rest = dict(zip(others, combo))
                pts, exact = _cell_points(gd, S, B, mu, opt[mu], {**fx, **sol, **rest})
                if not exact:
                    _mark_sampled(gd, S, B, "cells of a free posterior not exact")
                if not tight:  # the representatives were tried
                    pts = [p for p in pts if not any(qsame(p, q) for q in reps[mu])]
                for p in pts:
                    yield {**sol, **rest, mu: p}


#: The note of an equilibrium that stands for a continuum: on-path posteriors, the
#: receiver's or the sender's mixing vary along it (the others' strategies fixed).
CONTINUUM_NOTE = ("one representative of a continuum of equilibria (mixing probabilities "
                  "or posteriors vary along it)")

_KIND = {"==": "eq", ">=": "ge"}  # a relation as the backend's ``solve_rel`` kind


def _bayes_order(signs: set) -> bool:
    """Whether posteriors whose signs against the prior are ``signs`` (1 above, 0 at, -1
    below; a message only one type sends is at 1 or 0, above or below) can come from the
    prior by Bayes' rule: some above it and some below, or all at it."""
    return (-1 in signs and 1 in signs) or signs <= {0}


def _separately_empty(gd: BeliefGame, S, B, loose: list, opt: dict, point: dict) -> bool:
    """Whether the conditions on free on-path posteriors (``loose``; the others fixed at
    ``point``) that each involve at most one of them already leave no posteriors: a
    relaxation of :func:`_posterior_plane` for any number of free posteriors, decided
    with the backend's own sets, so also inside a traced run (each sign recorded).

    Kept: each free posterior in its window and strictly inside ``(0, 1)``; each type's
    incentives between two on-path messages answered purely (equal payoffs when it sends
    both, at least as much from the one it sends); its payoff from such a message at
    least its lowest from each off-path message (over the beliefs at which the answer
    there is a best response and the actions of the answer: whatever belief and mixture
    deter, the deviation pays at least that; see :func:`_none_deters`); Bayes' rule,
    which asks for a posterior below the prior and one above, unless every posterior
    equals it (with those of messages only one type sends).  Left out: rows in two free
    posteriors, or in the receiver's mixing.  So True is exact (no equilibrium of the
    pattern at ``point``); False decides nothing.

    Examples
    --------
    >>> import sympy as sp
    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> mu = belief("H")  # type H gets 1 from m0 and 2 from m1, whatever the belief
    >>> sender = [[[sp.Rational(1, 2)], [mu - sp.Rational(1, 4)]], [[1], [2]]]
    >>> game = SignallingGame.from_arrays(["1/2", "1/2"], sender, [[[0], [0]], [[0], [0]]],
    ...                                   types=["L", "H"])
    >>> gd, unit = fast_game(game), fast_game(game).ctx.unit
    >>> _separately_empty(gd, ((0, 1), (0, 1)), ((0,), (0,)), [0, 1], {0: unit, 1: unit}, {})
    True

    Type L alone mixing, with ``mu(H | m1) = 3/4``, is not excluded:

    >>> _separately_empty(gd, ((0, 1), (1,)), ((0,), (0,)), [1], {1: unit}, {0: 1})
    False
    """
    ctx = gd.ctx
    inside = ctx.open_interval(ctx.zero, ctx.one)
    sets = {m: ctx.intersect(opt[m], inside) for m in loose}

    def pay(t, m) -> tuple:  # (the free message it depends on or None, payoff)
        f = gd.u[t][m][B[m][0]]
        if m not in sets:
            return None, ctx.at(f, point[m])
        return (None, ctx.const_value(f)) if ctx.is_const(f) else (m, f)

    def holds(m, f, rel) -> bool:  # f rel 0, f a number or a function of m's posterior
        if m is None:
            return relation_holds(ctx.sign(f), rel)
        sets[m] = ctx.intersect(sets[m], ctx.solve_rel(f, _KIND[rel]))
        return not ctx.is_empty(sets[m])

    on = sorted({*point, *sets})
    pure = [m for m in on if len(B[m]) == 1]
    lows = []  # each type's lowest payoff from each off-path message
    for m in range(gd.n_messages):
        if m not in on:
            region = gd.br_region(m, list(B[m]))
            if ctx.is_empty(region):
                return True
            lows.append([min((_sup_inf(ctx, gd.u[t][m][a], region, False) for a in B[m]),
                             key=cmp_to_key(ctx.cmp)) for t in _TYPES])
    for t in _TYPES:
        for m in (m for m in pure if m in S[t]):
            mm, f = pay(t, m)
            if any(not holds(mm, f - low[t], ">=") for low in lows):
                return True
            for m2 in pure:
                if m2 == m or (m2 in S[t] and m2 < m):
                    continue  # (a pair of messages the type sends: once)
                m2m, g = pay(t, m2)
                if mm is not None and m2m is not None:
                    continue  # (a row in two free posteriors: left out)
                if not holds(mm if m2m is None else m2m, f - g, "==" if m2 in S[t] else ">="):
                    return True
    prior = gd.prior[0]
    fixed = {ctx.cmp(point[m], prior) for m in point}
    below, above = ctx.open_interval(ctx.zero, prior), ctx.open_interval(prior, ctx.one)
    sides = []  # the signs against the prior each free posterior can take
    for X in sets.values():
        side = {s for s, part in ((-1, below), (1, above))
                if not ctx.is_empty(ctx.intersect(X, part))}
        sides.append(side | {0} if ctx.contains(X, prior) else side)
    return not any(_bayes_order(fixed | set(combo)) for combo in product(*sides))


def _posterior_plane(gd: BeliefGame, S, B, loose: list, opt: dict, point: dict) -> tuple:
    """Two free on-path posteriors (``loose``; the others fixed at ``point``) decided
    exactly in their plane: ``("empty", None)`` when no posteriors meet the conditions
    every equilibrium of the pattern meets, ``("point", posteriors)`` with posteriors
    that meet them (a candidate), or ``("unknown", None)``.

    The conditions, polynomial in the two posteriors: each answer a best response, each
    posterior in the closure of its window, Bayes' rule (the prior a mixture of the
    posteriors with positive weights: a disjunction, one system per case), each type's
    incentives among the on-path messages, and each off-path message deterred
    (:func:`_deterrence_rows`: a disjunction over the pieces of beliefs at which its
    answer is a best response, the belief or the mixture's probability eliminated
    exactly where the deviating payoffs are affine in it with numbers as coefficients;
    otherwise each type's lowest payoff there, a relaxation).  When the receiver mixes
    over two actions at an on-path message whose payoffs depend on the posteriors, with
    probability ``r`` of the first, the incentives and deterrence are rows
    ``A + B r rel 0`` (``A``, ``B`` polynomial in the posteriors), and some ``r`` in
    ``(0, 1)`` meets them all exactly when the signs of the ``A``, the ``B`` and the
    ``A_i B_j - A_j B_i`` say so (:func:`_some_r`); the probabilities of other on-path
    mixtures, whose payoff differences are numbers (a mixture of three actions at a
    pinned posterior, say: two probabilities, their sum below 1), are eliminated first
    (:func:`eliminated`).  Each system is decided by the cylindrical decomposition of
    :func:`.semialgebraic.find_point`, the posteriors ``2 a`` and ``2 b`` of a point
    ``(a, b, c)`` of the simplex.  A posterior pinned at a quadratic irrational (a root
    of the receiver's indifference) gives conditions with coefficients in
    ``Q(sqrt d)``: each is decided by the signs of rational polynomials
    (:func:`.semialgebraic.radical_signs`); conditions with another square root are
    left out (a relaxation: a point found is then only a candidate).  Unknown on another
    backend, inside a traced run, with a mixture of three actions whose payoffs depend on
    the posteriors, two mixtures whose payoffs depend on them, or piecewise payoffs."""
    ctx = gd.ctx
    on = sorted({*point, *loose})
    mixed = [m for m in on if len(B[m]) > 1]
    if not ctx.traced or not all(isinstance(v, Fraction) for v in gd.prior):
        return "unknown", None  # (the fast backend, not inside a traced run)
    a_, b_, c_ = sp.symbols("a b c", nonnegative=True)
    var = {loose[0]: 2 * a_, loose[1]: 2 * b_}

    def expr(f, m):  # f at the posterior of m, as a sympy expression or number
        if m not in var:
            return _number(ctx.at(f, point[m]))
        if not hasattr(f, "polys"):
            return _number(f)
        if len(f.polys) != 1:
            raise _NotPolynomial
        return sp.Add(*[_number(c) * var[m] ** i for i, c in enumerate(f.polys[0])])

    def pay(t, m) -> tuple:  # type t's payoff from m: (A, B, {(m2, i): C}), A + B r + sum
        # C r_(m2, i), r_(m2, i) the probability of m2's i-th action (all but its last)
        if m not in mixed:
            return expr(gd.u[t][m][B[m][0]], m), sp.Integer(0), {}
        *firsts, last = (expr(gd.u[t][m][a], m) for a in B[m])
        if m == main:
            return last, firsts[0] - last, {}
        diffs = [sp.expand(f - last) for f in firsts]
        if not all(d.is_number for d in diffs):
            raise _NotPolynomial  # (two mixings whose payoffs depend on the posteriors)
        return last, sp.Integer(0), {(m, i): d for i, d in enumerate(diffs)}

    prior = _number(gd.prior[0])
    try:
        # the mixing probability ``r`` of rows ``A + B r``: a mixing whose payoffs depend
        # on the free posteriors; the others' are eliminated (:func:`eliminated`)
        moving = [m for m in mixed if any(not sp.expand(
            expr(gd.u[t][m][a], m) - expr(gd.u[t][m][B[m][-1]], m)).is_number
            for t in _TYPES for a in B[m][:-1])]
        main = (moving or [m for m in mixed if len(B[m]) == 2] or [None])[0]
        if main is not None and len(B[main]) > 2:
            raise _NotPolynomial  # (a mixture of three actions whose payoffs move)
        cons, rows = [], []
        for m in loose:  # a shared message: both types send it, 0 < posterior < 1
            cons += [(var[m], ">"), (1 - var[m], ">")]
            lo, hi = ctx.inf(opt[m]), ctx.sup(opt[m])
            if _is_number(lo):
                cons.append((var[m] - _number(lo), ">="))
            if _is_number(hi):
                cons.append((_number(hi) - var[m], ">="))
            top = gd.expected[m][B[m][0]]
            cons += [(expr(top - gd.expected[m][a2], m), "==" if a2 in B[m] else ">=")
                     for a2 in range(gd.n_actions[m]) if a2 != B[m][0]]
        for t in _TYPES:
            base = pay(t, S[t][0])
            for m in on:
                if m != S[t][0]:
                    other = pay(t, m)
                    rows.append((base[0] - other[0], base[1] - other[1],
                                 _combined(1, base[2], -1, other[2]),
                                 "==" if m in S[t] else ">="))
        bases = [pay(t, S[t][0]) for t in _TYPES]
        # each off-path message's deviation deterred: a disjunction, one list of rows per
        # way (a belief's piece of the set where the answer is a best response, or a belief
        # at which a mixture is), exact where the beliefs and mixtures can be eliminated
        options = [_deterrence_rows(gd, m, B[m], bases)
                   for m in range(gd.n_messages) if m not in on]
    except (_NotPolynomial, OutsideFastType):
        return "unknown", None
    if any(not opts for opts in options):
        return "empty", None  # a deviation that no belief and answer deters
    if main is not None:
        rows += [(sp.Integer(0), sp.Integer(1), {}, ">"), (sp.Integer(1), sp.Integer(-1), {}, ">")]
    signs = {ctx.cmp(point[m], gd.prior[0]) for m in point}
    x, y = (var[m] - prior for m in loose)
    if 1 in signs and -1 in signs:
        cases = [[]]
    elif 1 in signs:
        cases = [[(x, "<")], [(y, "<")]]
    elif -1 in signs:
        cases = [[(x, ">")], [(y, ">")]]
    else:
        cases = [[(x, "<"), (y, ">")], [(x, ">"), (y, "<")], [(x, "=="), (y, "==")]]
    cases = [[(-e, ">") if rel == "<" else (e, rel) for e, rel in case] for case in cases]
    decided = True
    for combo in product(*options):
        together = rows + [r for rs in combo for r in rs]
        for m in mixed:
            if m == main:
                continue
            keys = [(m, i) for i in range(len(B[m]) - 1)]
            if len(keys) > 1:  # the probabilities sum to less than 1 (the last action's)
                together = together + [(sp.Integer(1), sp.Integer(0),
                                        {k: sp.Integer(-1) for k in keys}, ">")]
            for k in keys:
                together = eliminated(together, k, sp.Integer(0), sp.Integer(1), True, True)
        found, exact = plane_point(cons, [(p, q, rel) for p, q, _, rel in together], cases,
                                   (a_, b_, c_))
        if found is not None:
            try:
                vals = {m: from_sympy(sp.expand(2 * v)) for m, v in zip(loose, found)}
            except (OutsideFastType, TypeError):
                return "unknown", None  # (a point of degree 3 or more)
            return "point", vals
        decided = decided and exact
    return ("empty", None) if decided else ("unknown", None)


def plane_point(cons: list, rows: list, cases: list, symbols: tuple) -> tuple:
    """A point of the simplex of ``symbols`` meeting the conditions ``cons`` (``(e,
    rel)``), the rows ``(A, B, rel)`` (some ``r`` with ``A + B r rel 0`` for all of them)
    and one of the ``cases`` (lists of conditions): ``(point or None, decided)``
    (:func:`_posterior_plane`'s decomposition, and :mod:`.belief_simplex`'s for a
    deviation's belief).  Exact when the coefficients of the conditions that are not
    numbers hold square roots of at most two primes (``sqrt(5)``, ``sqrt(13)``,
    ``sqrt(65)``; :func:`.semialgebraic.radical_signs`); otherwise those with a square
    root other than the most frequent are left out (a relaxation), and with another
    irrational number (a ``CRootOf``) all but those with rational coefficients; a point
    of a relaxation is checked against every condition, exactly, and when it misses one
    the answer is not decided."""
    rows = [(sp.expand(p), sp.expand(q), rel) for p, q, rel in rows]
    cons = cons + [(p, rel) for p, q, rel in rows if q == 0]
    rows = [row for row in rows if row[1] != 0]
    cons = [(sp.expand(e), rel) for e, rel in cons]
    if any(e.is_number and not relation_holds(algebraic_sign(e), rel) for e, rel in cons):
        return None, True
    cons = [(e, rel) for e, rel in cons if not e.is_number]
    # the conditions with irrational coefficients, and the rows, are decided by the signs
    # of polynomials that the decomposition is adapted to (``extra``), with square roots
    # over at most MAX_RADICAL_PRIMES primes (a number's sign is decided at once, exactly:
    # it adds no square root); with more, those with a square root other than the most
    # frequent are left out (a relaxation)

    def split(rows: list, cons: list) -> tuple:
        irrational = [(e, rel) for e, rel in cons if not rational_polynomial(e)]
        pairs = list(combinations(range(len(rows)), 2))
        quantities = [e for e, _ in irrational] + [p for p, _, _ in rows] + \
            [q for _, q, _ in rows] + [
                sp.expand(rows[i][0] * rows[j][1] - rows[j][0] * rows[i][1])
                for i, j in pairs]
        quantities = [sp.Integer(algebraic_sign(e)) if e.is_number else e
                      for e in quantities]
        return irrational, pairs, quantities, radical_signs(quantities)

    irrational, pairs, quantities, found = split(rows, cons)
    every = (list(cons), list(rows))  # (a relaxation's point is checked against them)
    if found is None:
        roots = [square_roots(e) for e, _ in cons] + [square_roots(p) | square_roots(q)
                                                       for p, q, _ in rows]
        counts: dict = {}
        for rs in roots:
            for r in rs:
                counts[r] = counts.get(r, 0) + 1
        main = {max(counts, key=lambda r: (counts[r], str(r)))} if counts else set()
        rows = [row for row, rs in zip(rows, roots[len(cons):]) if rs <= main]
        cons = [c for c, rs in zip(cons, roots) if rs <= main]
        irrational, pairs, quantities, found = split(rows, cons)
    if found is None:   # another irrational number (a CRootOf): rational conditions only
        rows = [row for row in rows if rational_polynomial(row[0]) and rational_polynomial(row[1])]
        cons = [c for c in cons if rational_polynomial(c[0])]
        irrational, pairs, quantities, found = split(rows, cons)
    relaxed = (cons, rows) != every  # (some conditions left out)
    polys, signs_of = found
    cons = [(e, rel) for e, rel in cons if rational_polynomial(e)]
    n = len(rows)
    rels = [rel for _, _, rel in rows]
    k = len(irrational)

    def accept(signs) -> bool:
        signs = signs_of(signs)
        if not all(relation_holds(sg, rel) for sg, (_, rel) in zip(signs, irrational)):
            return False
        if not rows:
            return True
        cross = dict(zip(pairs, signs[k + 2 * n:]))
        return _some_r(rels, signs[k:k + n], signs[k + n:k + 2 * n], cross)

    extra = (polys, accept) if quantities else None
    decided = True
    for case in cases:
        found = find_point(cons + case, symbols, extra=extra)
        if found.point is not None:
            if not relaxed or _meets(every, dict(zip(symbols, found.point))):
                return found.point, True
            decided = False  # (the relaxation's point misses a condition left out)
            continue
        decided = decided and found.decided
    return None, decided


def _meets(conditions: tuple, point: dict) -> bool:
    """Whether ``point`` meets :func:`plane_point`'s conditions ``(cons, rows)`` exactly
    (the signs of the numbers they take there; some ``r`` for all the rows)."""
    cons, rows = conditions
    if not all(relation_holds(algebraic_sign(sp.expand(e.xreplace(point))), rel)
               for e, rel in cons):
        return False
    vals = [(sp.expand(p.xreplace(point)), sp.expand(q.xreplace(point))) for p, q, _ in rows]
    cross = {(i, j): algebraic_sign(sp.expand(vals[i][0] * vals[j][1] - vals[j][0] * vals[i][1]))
             for i, j in combinations(range(len(vals)), 2)}
    return _some_r([rel for _, _, rel in rows], [algebraic_sign(a) for a, _ in vals],
                   [algebraic_sign(b) for _, b in vals], cross)


def _deterrence_rows(gd: BeliefGame, m: int, acts: tuple, bases: list) -> list:
    """The ways a deviation to the off-path message ``m`` answered by ``acts`` is
    deterred in :func:`_posterior_plane`, each a list of rows of :func:`eliminated`
    (``bases[t]`` is type ``t``'s equilibrium payoff, a row's first three entries): a
    disjunction, empty when no belief makes ``acts`` a best response.

    One action: a way per piece of the set where it is a best response, the belief
    eliminated exactly when each type's payoff is affine in it there
    (:func:`eliminated`); otherwise each type's lowest payoff over the set's closure
    (a relaxation, as in :func:`_none_deters`).  A mixture of two actions: a way per
    belief at which it is a best response (one when no payoff depends on the belief),
    its probability eliminated exactly.  Other mixtures are left out (a relaxation)."""
    ctx = gd.ctx
    region = gd.br_region(m, list(acts))
    if ctx.is_empty(region):
        return []
    if len(acts) == 1:
        (a,) = acts
        pieces = _belief_pieces(gd, m, a)
        if pieces is None:
            lows = [_sup_inf(ctx, gd.u[t][m][a], region, False) for t in _TYPES]
            return [[(bases[t][0] - _number(low), bases[t][1], bases[t][2], ">=")
                     for t, low in enumerate(lows) if _is_number(low)]]
        ways = []
        for _, ((_, lo, lo_rel), (_, neg_hi, hi_rel)), lines in pieces:
            ways.append(eliminated(
                [(bases[t][0] - _number(c0), bases[t][1],
                  {**bases[t][2], _Z: -_number(c1)}, ">=")
                 for t, (c0, (c1,)) in enumerate(lines)], _Z,
                _number(lo), -_number(neg_hi), lo_rel == "gt", hi_rel == "gt"))
        once = {tuple((p, q, tuple(sorted(c.items())), rel) for p, q, c, rel in way): way
                for way in ways}
        return list(once.values())
    if len(acts) != 2:
        return [[]]
    beliefs = ctx.points(region)
    if beliefs is None:
        if not _fixed_payoffs(gd, m, acts):
            return [[]]  # (a mixture on a range of beliefs that matter: left out)
        beliefs = representatives(ctx, region)[:1]
    ways = []
    for q in beliefs:
        vals = [[_number(ctx.at(gd.u[t][m][a], q)) for a in acts] for t in _TYPES]
        ways.append(eliminated(
            [(bases[t][0] - v[1], bases[t][1], {**bases[t][2], _Z: v[1] - v[0]}, ">=")
             for t, v in enumerate(vals)], _Z, sp.Integer(0), sp.Integer(1), True, True))
    return ways


_Z = "z"  # the variable of a belief or mixture eliminated from the rows of a deviation


def _combined(k1, c1: dict, k2, c2: dict) -> dict:
    """``k1 c1 + k2 c2`` for coefficient maps (variable -> number), zeros dropped."""
    out = {v: sp.expand(k1 * c1.get(v, 0) + k2 * c2.get(v, 0)) for v in {*c1, *c2}}
    return {v: c for v, c in out.items() if c != 0}


def eliminated(rows: list, var, lo: sp.Expr, hi: sp.Expr, lo_open: bool,
                hi_open: bool) -> list:
    """Rows that hold exactly when some value of ``var`` in the interval from ``lo`` to
    ``hi`` (``lo < hi``, or ``lo == hi`` with both ends closed) meets every row of
    ``rows`` (Fourier-Motzkin elimination: each lower bound on ``var`` at most each upper
    bound, strictly where either is strict; when a row is an equation in ``var``, it is
    solved for ``var`` and substituted instead, :func:`_substituted`).

    A row ``(A, B, coefficients, rel)`` says ``A + B r + sum(c v) rel 0`` (``rel`` one of
    ``">="``, ``">"``, ``"=="``; ``coefficients`` maps variables ``v`` to numbers ``c``).

    Examples
    --------
    >>> a, z = sp.Symbol("a"), "z"  # some z in [0, 1] with a - z >= 0 and z - 1/2 >= 0
    >>> half = sp.Rational(1, 2)
    >>> eliminated([(a, 0, {z: -1}, ">="), (-half, 0, {z: 1}, ">=")], z, sp.Integer(0),
    ...             sp.Integer(1), False, False)
    [(1/2, 0, {}, '>='), (a, 0, {}, '>='), (a - 1/2, 0, {}, '>=')]
    """
    pivot = next((row for row in rows if row[3] == "==" and algebraic_sign(
        sp.sympify(row[2].get(var, 0))) != 0), None)
    if pivot is not None:
        return _substituted(rows, pivot, var, lo, hi, lo_open, hi_open)
    out, lower, upper = [], [], []  # (c > 0: var at least -A/c; c < 0: at most A/(-c))
    for p, q, coef, rel in rows:
        c = coef.get(var, 0)
        rest = {v: k for v, k in coef.items() if v != var}
        sign = algebraic_sign(sp.sympify(c))
        if sign == 0:
            out.append((p, q, rest, rel))
            continue
        halves = [(p, q, rest, c, rel)] if rel != "==" else \
            [(p, q, rest, c, ">="), (-p, -q, _combined(-1, rest, 0, {}), -c, ">=")]
        for row in halves:
            (lower if algebraic_sign(sp.sympify(row[3])) > 0 else upper).append(row)
    out += [(p + c * hi, q, rest, ">" if hi_open or rel == ">" else ">=")
            for p, q, rest, c, rel in lower]
    out += [(p + c * lo, q, rest, ">" if lo_open or rel == ">" else ">=")
            for p, q, rest, c, rel in upper]
    out += [(*body, rel) for rel, body in fourier_motzkin_pairs(
        [(rel, c, (p, q, rest)) for p, q, rest, c, rel in lower],
        [(rel, c, (p, q, rest)) for p, q, rest, c, rel in upper], _row_combination)]
    return out


def _row_combination(k1, b1: tuple, k2, b2: tuple) -> tuple:
    """``k1 b1 + k2 b2`` for :func:`eliminated`'s rows ``(A, B, coefficients)``."""
    return (sp.expand(k1 * b1[0] + k2 * b2[0]), sp.expand(k1 * b1[1] + k2 * b2[1]),
            _combined(k1, b1[2], k2, b2[2]))


def fourier_motzkin_pairs(lower: list, upper: list, combine: Callable) -> list:
    """Fourier-Motzkin's rows for one variable: each row ``(rel, c, body)`` with a
    positive coefficient ``c`` (``lower``) paired with each with a negative one
    (``upper``), ``c1 body2 - c2 body1`` (both multipliers positive, the variable gone),
    ``">"`` where either is strict, else ``">="``; ``combine(k1, b1, k2, b2)`` is ``k1 b1
    + k2 b2`` in the rows' representation (sympy rows in :func:`eliminated`, backend
    functions in :func:`_constant_columns_eliminated`).

    Examples
    --------
    >>> fourier_motzkin_pairs([(">=", 2, 1)], [(">", -1, 3)], lambda a, x, b, y: a * x + b * y)
    [('>', 7)]
    """
    return [(">" if ">" in (rel1, rel2) else ">=", combine(c1, b2, -c2, b1))
            for (rel1, c1, b1), (rel2, c2, b2) in product(lower, upper)]


def substituted_through(rows: list, pivot: int, combine: Callable) -> list:
    """Rows ``(rel, c, body)`` (``c`` the variable's coefficient) with the variable
    substituted through the equation ``rows[pivot]``, whose coefficient is positive: each
    other row times it, minus its own coefficient times the equation (no division, so
    the numbers stay in their ring); ``(rel, body)`` each.

    Examples
    --------
    >>> substituted_through([("==", 2, 1), (">=", 3, 5)], 0, lambda a, x, b, y: a * x + b * y)
    [('>=', 7)]
    """
    _, c, body0 = rows[pivot]
    return [(rel, combine(c, body, -k, body0))
            for i, (rel, k, body) in enumerate(rows) if i != pivot]


def _substituted(rows: list, pivot: tuple, var, lo: sp.Expr, hi: sp.Expr, lo_open: bool,
                 hi_open: bool) -> list:
    """:func:`eliminated` through an equation: the row ``pivot`` (in ``rows``) says ``R
    + c var == 0`` with ``c`` a nonzero number, so ``var = -R / c`` is substituted into
    the other rows (each multiplied by ``|c|`` first: no division, so the coefficients
    stay in their ring), and its interval becomes two rows in ``R``.  Exact, with no
    products of rows (an equation split into two inequalities would square their
    number)."""
    p0, q0, coef0, _ = pivot
    c = sp.sympify(coef0[var])
    if algebraic_sign(c) < 0:  # (the equation's sign turned so that c > 0)
        p0, q0, coef0, c = -p0, -q0, _combined(-1, coef0, 0, {}), -c
    rest0 = {v: w for v, w in coef0.items() if v != var}
    out = [(sp.expand(-p0 - c * lo), -q0, _combined(-1, rest0, 0, {}),
            ">" if lo_open else ">="),  # var > lo
           (sp.expand(p0 + c * hi), q0, rest0, ">" if hi_open else ">=")]  # var < hi
    items = [("==", c, (p0, q0, rest0))]  # then each other row, its coefficient apart
    for row in rows:
        if row is not pivot:
            p, q, coef, rel = row
            rest = {v: w for v, w in coef.items() if v != var}
            items.append((rel, sp.sympify(coef.get(var, 0)), (p, q, rest)))
    out += [(*body, rel) for rel, body in substituted_through(items, 0, _row_combination)]
    return out


def _some_r(rels: list, sign_a: list, sign_b: list, cross: dict) -> bool:
    """Whether some real ``r`` meets every row ``A_i + B_i r rel_i 0``, from the signs of
    the ``A_i``, the ``B_i`` and ``cross[(i, j)] = sign(A_i B_j - A_j B_i)``, ``i < j``.

    A row with ``B_i = 0`` asks ``A_i rel_i 0``.  The others say where ``r`` lies
    against ``t_i = -A_i / B_i``, and ``sign(t_i - t_j) = -cross sign(B_i) sign(B_j)``;
    the set of such ``r`` is an interval, so it has a point at some ``t_k`` or just
    above or below one, and those are the places tried.

    Examples
    --------
    >>> # r >= 1/2 (A = -1, B = 2) and r < 1 (A = 1, B = -1): cross = sign(1 - 2) = -1
    >>> _some_r([">=", ">"], [-1, 1], [1, -1], {(0, 1): -1})
    True
    >>> _some_r([">=", ">"], [-1, 1], [1, -1], {(0, 1): 1})  # r >= 2 and r < 1
    False
    """
    n = len(rels)
    if any(sign_b[i] == 0 and not relation_holds(sign_a[i], rels[i]) for i in range(n)):
        return False
    active = [i for i in range(n) if sign_b[i] != 0]

    def order(i, j) -> int:  # sign(t_i - t_j)
        if i == j:
            return 0
        c = cross[(i, j)] if i < j else -cross[(j, i)]
        return -c * sign_b[i] * sign_b[j]

    for k in active:
        for side in (0, 1, -1):  # at t_k, just above it, just below it
            if all(relation_holds(sign_b[i] * (order(k, i) or side), rels[i]) for i in active):
                return True
    return not active
class _NotPolynomial(Exception):
    """A payoff that is not one polynomial with rational coefficients."""


def _number(v) -> sp.Expr:
    """A number of the fast backend (a rational or a :class:`~.quadratic.Quad`) as a
    sympy number (:class:`_NotPolynomial` for any other value)."""
    if not _is_number(v):
        raise _NotPolynomial
    return to_sympy(v)


def _is_number(v) -> bool:
    return isinstance(v, (Fraction, int, Quad))


#: The most receiver probabilities for which :func:`_cell_points` computes every minor
#: of size up to their number plus one (its cells are then exact).
_CELL_PROBABILITIES = 4


def _cell_points(gd: BeliefGame, S, B, mu: int, region, point: dict,
                 dependent: dict | None = None, extra: list = ()) -> tuple[list, bool]:
    """A point of every cell of ``region`` (the free posterior of ``mu``; the other
    on-path posteriors fixed at ``point`` or, in ``dependent``, functions of it) on which
    the on-path conditions are feasible or not throughout, and whether that is exact;
    the functions ``extra`` cut the cells too.

    For a fixed posterior the conditions are linear in the receiver's free probabilities
    ``r`` (one per action but the last of each mixed on-path message): rows
    ``a_i(x) + b_i(x) . r (>=, >, ==) 0`` (each type's incentives, the bounds of ``r``,
    each type's necessary bound from a pure off-path answer).  By Helly's theorem the
    system is infeasible exactly when some ``k + 1`` of its rows are (``k`` the number of
    probabilities), and the feasibility of those changes only where one of the minors of
    size at most ``k + 1`` of the matrix ``[a | b]`` changes sign; the cells are cut at
    their roots, at the prior (Bayes' rule) and at the ends of ``region``.  Not exact
    (the cells of the minors found so far) with more than :data:`_CELL_PROBABILITIES`
    probabilities (the minors grow as their binomial coefficients), or inside a
    traced run with a root outside the backend's numbers; outside a traced run such a
    root raises :class:`~.quadratic.OutsideFastType`, and the general backend, whose
    numbers are any real algebraic numbers, takes the pattern."""
    ctx = gd.ctx
    dependent = dependent or {}
    on = sorted({*point, *dependent, mu})
    keys = [(m, a) for m in on if len(B[m]) > 1 for a in B[m][:-1]]
    k = len(keys)

    def value(f, m):
        if m == mu:
            return f
        return ctx.compose(f, dependent[m]) if m in dependent else ctx.at(f, point[m])

    def form(t, m):  # type t's payoff from m: [constant, coefficient of each key]
        last = value(gd.u[t][m][B[m][-1]], m)
        row = [last] + [ctx.zero] * k
        for i, (mm, a) in enumerate(keys):
            if mm == m:
                row[1 + i] = value(gd.u[t][m][a], m) - last
        return row

    rows = []  # (kind, [a, b...]): a + b . r  >= 0 ("ge"), > 0 ("gt") or == 0 ("eq")
    for t in _TYPES:
        base = form(t, S[t][0])
        for m in on:
            if m != S[t][0]:
                rows.append(("eq" if m in S[t] else "ge",
                             [p - q for p, q in zip(base, form(t, m))]))
        for m in range(gd.n_messages):
            if m in on or len(B[m]) > 1:
                continue
            br = gd.br_region(m, list(B[m]))
            if not ctx.is_empty(br):
                low = _sup_inf(ctx, gd.u[t][m][B[m][0]], br, False)
                rows.append(("ge", [base[0] - low] + base[1:]))
    for i in range(k):
        rows.append(("gt", [ctx.zero] + [ctx.one if j == i else ctx.zero for j in range(k)]))
    for m in on:
        if len(B[m]) > 1:
            rows.append(("gt", [ctx.one] + [-ctx.one if keys[j][0] == m else ctx.zero
                                            for j in range(k)]))
    if k > _CELL_PROBABILITIES:  # probabilities whose coefficients are numbers go first
        rows, k = _constant_columns_eliminated(ctx, rows, k)
    exact = k <= _CELL_PROBABILITIES
    cuts = [gd.prior[0]]
    if k == 0:  # the feasible set itself
        for kind, (f,) in rows:
            region = ctx.intersect(region, ctx.solve_rel(f, kind))
            if ctx.is_empty(region):
                return [], exact
    minors = _minors(ctx, [row for _, row in rows], min(k, _CELL_PROBABILITIES) + 1) if k else ()
    for f in (*extra, *minors):
        if ctx.is_const(f):
            continue
        try:
            zero = ctx.intersect(ctx.solve_rel(f, "eq"), region)
        except OutsideFastType:
            if not _traced_run(gd):
                raise  # (the general backend takes the pattern)
            exact = False
            continue
        for piece in ctx.pieces(zero):
            cuts.extend(piece[1] if piece[0] == "F" else piece[1:])
    pts = []
    for piece in ctx.pieces(region):
        if piece[0] == "F":
            pts.extend(piece[1])
            continue
        lo, hi = piece[1], piece[2]
        inner = [c for c in cuts if ctx.cmp(c, lo) > 0 and ctx.cmp(c, hi) < 0]
        inner = sorted(inner, key=cmp_to_key(ctx.cmp))
        inner = [c for i, c in enumerate(inner) if i == 0 or ctx.cmp(c, inner[i - 1]) != 0]
        ends = [lo, *inner, hi]
        pts.extend(ctx.simplify(ctx.midpoint(p, q)) for p, q in zip(ends, ends[1:]))
        pts.extend(inner)
        pts.extend(p for p in (lo, hi) if ctx.contains(region, p))
    if k == 1:  # keep the points where some probability satisfies every row
        pts = [p for p in pts if _one_probability(ctx, [
            (kind, [ctx.at(f, p) for f in row]) for kind, row in rows])]
    return pts, exact


#: The most rows :func:`_constant_columns_eliminated` lets Fourier-Motzkin make.
_MAX_ELIMINATED_ROWS = 200


def _constant_columns_eliminated(ctx, rows: list, k: int) -> tuple[list, int]:
    """Rows ``(kind, [a, b_1..b_k])`` (``a + b . r`` ``"ge"``, ``"gt"`` or ``"eq"`` 0; ``a``
    and ``b`` functions of one posterior) with the probabilities whose coefficients are
    numbers in every row eliminated: through an equation that holds one (each other row
    times the coefficient's absolute value, minus a multiple of it), else by
    Fourier-Motzkin (each row with a positive coefficient paired with each with a
    negative one, both multiplied by positive numbers).  The rows left have the same
    feasible posteriors (a projection, exact); returns them and their number of
    probabilities.  A step that would make more than :data:`_MAX_ELIMINATED_ROWS` rows
    is not taken.

    Examples
    --------
    ``r1 >= 1/2``, ``r2 - r1 >= 0`` and ``1 - r2 > 0`` (``a`` constant here): ``1/2 > 0``.

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.belief_fast import FAST
    >>> rows = [("ge", [F(-1, 2), F(1), F(0)]), ("ge", [F(0), F(-1), F(1)]),
    ...         ("gt", [F(1), F(0), F(-1)])]
    >>> _constant_columns_eliminated(FAST, rows, 2)
    ([('gt', [Fraction(1, 2)])], 0)

    With ``x`` the posterior, ``x - r1 == 0`` and ``r1 - 1/3 > 0``: ``x > 1/3``.

    >>> out, k = _constant_columns_eliminated(FAST, [("eq", [FAST.x, F(-1)]),
    ...                                                ("gt", [F(-1, 3), F(1)])], 1)
    >>> k, out[0][0], FAST.set_to_sympy(FAST.solve_rel(out[0][1][0], "ge"))
    (0, 'gt', Interval(1/3, 1))
    """
    def number(f):
        return ctx.const_value(f) if ctx.is_const(f) else None

    def combine(k1, b1: list, k2, b2: list) -> list:
        return [k1 * f + k2 * g for f, g in zip(b1, b2)]

    rel_of = {"ge": ">=", "gt": ">", "eq": "=="}
    kind_of = {rel: kind for kind, rel in rel_of.items()}
    j = 0
    while j < k:
        coefs = [number(row[1 + j]) for _, row in rows]
        if any(c is None for c in coefs):
            j += 1
            continue
        items = [(rel_of[kind], c, row) for (kind, row), c in zip(rows, coefs)]
        pivot = next((i for i, (rel, c, _) in enumerate(items)
                      if rel == "==" and ctx.sign(c) != 0), None)
        if pivot is not None:  # substituted through the equation (turned to c > 0)
            rel, c, row = items[pivot]
            if ctx.sign(c) < 0:
                items[pivot] = (rel, -c, [-f for f in row])
            new = substituted_through(items, pivot, combine)
        else:
            lower = [item for item in items if ctx.sign(item[1]) > 0]
            upper = [item for item in items if ctx.sign(item[1]) < 0]
            if len(rows) + len(lower) * len(upper) > _MAX_ELIMINATED_ROWS:
                j += 1
                continue
            new = [(rel, row) for rel, c, row in items if ctx.sign(c) == 0]
            new += fourier_motzkin_pairs(lower, upper, combine)
        rows = [(kind_of[rel], row[:1 + j] + row[2 + j:]) for rel, row in new]
        k -= 1
    return rows, k


def _one_probability(ctx, rows: list) -> bool:
    """Whether some ``r`` satisfies every row ``a + b r  >= / > / == 0`` (numbers)."""
    lo = hi = None  # (bound, strict)
    for kind, (a, b) in rows:
        s = ctx.sign(b)
        if s == 0:
            sa = ctx.sign(a)
            if sa < 0 or (sa == 0 and kind == "gt") or (sa != 0 and kind == "eq"):
                return False
            continue
        bound = ctx.simplify(-a / b)
        strict = kind == "gt"
        if kind == "eq" or s > 0:  # r >= bound
            if lo is None or ctx.cmp(bound, lo[0]) > 0 or (
                    ctx.cmp(bound, lo[0]) == 0 and strict):
                lo = (bound, strict)
        if kind == "eq" or s < 0:  # r <= bound
            if hi is None or ctx.cmp(bound, hi[0]) < 0 or (
                    ctx.cmp(bound, hi[0]) == 0 and strict):
                hi = (bound, strict)
    if lo is None or hi is None:
        return True
    c = ctx.cmp(lo[0], hi[0])
    return c < 0 or (c == 0 and not lo[1] and not hi[1])


def _minors(ctx, rows: list, size: int) -> Iterator:
    """Every minor of at most ``size`` rows and columns of a matrix (rows of backend
    numbers and functions) that depends on the belief, by cofactor expansion (a minor
    whose entries are all constant is skipped)."""
    n = len(rows[0]) if rows else 0
    const = [[ctx.is_const(f) for f in row] for row in rows]
    for s in range(1, size + 1):
        for rs in combinations(range(len(rows)), s):
            for cs in combinations(range(n), s):
                if all(const[r][c] for r in rs for c in cs):
                    continue
                yield _det(ctx, [[rows[r][c] for c in cs] for r in rs])


def _det(ctx, m: list):
    """The determinant of a small square matrix by cofactor expansion."""
    if len(m) == 1:
        return m[0][0]
    acc = ctx.zero
    for j in range(len(m)):
        minor = [row[:j] + row[j + 1:] for row in m[1:]]
        term = m[0][j] * _det(ctx, minor)
        acc = acc + term if j % 2 == 0 else acc - term
    return acc


def _eliminated_indifference(gd: BeliefGame, S, B, opt: dict, fx: dict, eqs: list) -> bool:
    """Both types send a message answered by a mixture of two actions (``x``) and each a
    message answered purely (``p_t``: one both send when there is one, else each type's
    first): the receiver's one free probability ``r`` at ``x`` must make both types
    indifferent, ``u_t(p_t) = c_t + r d_t`` for both ``t``; eliminating ``r`` gives
    ``d_1 u_0(p_0) - d_0 u_1(p_1) = c_0 d_1 - c_1 d_0`` (both ``u_t(p_t) = c_t`` when both
    ``d_t`` vanish), appended to ``eqs``.  It is an equation in the posteriors at the
    ``p_t`` when the payoffs at ``x`` are known (its posterior known, or payoffs not
    depending on it), or in the posterior at ``x`` (the receiver indifferent on an
    interval there) when the payoffs at the ``p_t`` are known; when all are known, a
    number that must vanish.  Without it the posterior would count as free and be
    sampled, missing isolated (e.g. irrational) solutions.  False: no solution.

    Examples
    --------
    Type H gets 2 from ``m0`` (answered by ``a0``) and -1 from ``m1`` whatever the
    receiver's mixture there: it cannot mix over both.

    >>> from alliance_games import SignallingGame
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> sender = [[[1, 1], [0, 2]], [[2, 2], [-1, -1]]]
    >>> gd = fast_game(SignallingGame.from_arrays(["1/2", "1/2"], sender, sender))
    >>> _eliminated_indifference(gd, ((0, 1), (0, 1)), ((0,), (0, 1)), {}, {}, [])
    False
    """
    ctx = gd.ctx
    both = [m for m in S[0] if m in S[1]]
    common = [m for m in both if len(B[m]) == 1]
    ps = [common[0]] * 2 if common else \
        [next((m for m in S[t] if len(B[m]) == 1), None) for t in _TYPES]
    if None in ps:
        return True
    f = [gd.u[t][ps[t]][B[ps[t]][0]] for t in _TYPES]
    known_p = [ps[t] in fx or ctx.is_const(f[t]) for t in _TYPES]

    def value(h, m):
        return ctx.at(h, fx[m]) if m in fx else ctx.const_value(h)

    for mx in both:
        if len(B[mx]) != 2:
            continue
        a0, a1 = B[mx]
        g = [(gd.u[t][mx][a0], gd.u[t][mx][a1]) for t in _TYPES]
        known_x = mx in fx or all(ctx.is_const(h) for pair in g for h in pair)
        if known_x:  # equations in the posteriors at the p_t: (coefficient per type, const)
            vals = [[value(h, mx) for h in g[t]] for t in _TYPES]
            c = [vals[t][1] for t in _TYPES]
            d = [ctx.simplify(vals[t][0] - c[t]) for t in _TYPES]
            if ctx.sign(d[0]) == 0 and ctx.sign(d[1]) == 0:
                rows = [((ctx.one, ctx.zero), -c[0]), ((ctx.zero, ctx.one), -c[1])]
            else:
                rows = [((d[1], -d[0]), ctx.simplify(d[0] * c[1] - d[1] * c[0]))]
            for coefs, const in rows:
                terms = {}
                for t in _TYPES:
                    if ctx.sign(coefs[t]) == 0:
                        continue
                    if known_p[t]:
                        const = ctx.simplify(const + coefs[t] * value(f[t], ps[t]))
                    else:
                        h = coefs[t] * f[t]
                        terms[ps[t]] = terms[ps[t]] + h if ps[t] in terms else h
                for m, h in list(terms.items()):  # (two types' terms may cancel)
                    if ctx.is_const(h):
                        const = ctx.simplify(const + ctx.const_value(h))
                        del terms[m]
                terms = list(terms.items())
                if not terms:
                    if ctx.sign(const) != 0:
                        return False
                    continue
                eqs.append((terms, const))
        elif mx in opt and all(known_p):  # an equation in the posterior at x
            val = [value(f[t], ps[t]) for t in _TYPES]
            c = [g[t][1] for t in _TYPES]
            d = [g[t][0] - g[t][1] for t in _TYPES]
            if all(ctx.is_const(h) and ctx.sign(ctx.const_value(h)) == 0 for h in d):
                rows = [(c[t], -val[t]) for t in _TYPES]
            else:
                rows = [(d[1] * val[0] - d[0] * val[1] - c[0] * d[1] + c[1] * d[0], ctx.zero)]
            for fn, const in rows:
                if ctx.is_const(fn):
                    if ctx.sign(ctx.simplify(ctx.const_value(fn) + const)) != 0:
                        return False
                    continue
                eqs.append(([(mx, fn)], const))
    return True


def representatives(ctx, region, split=None) -> list:
    """Sample points of a set of posteriors: the midpoint and the thirds of each interval
    and every isolated point, on both sides of ``split`` (the prior: Bayes' rule puts
    posteriors on both sides of it) and ``split`` itself when it is in the set.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.belief_fast import FAST, open_interval
    >>> representatives(FAST, open_interval(F(0), F(1)), F(1, 2))
    [Fraction(1, 4), Fraction(1, 6), Fraction(1, 3), Fraction(3, 4), Fraction(2, 3), \
Fraction(5, 6), Fraction(1, 2)]
    """
    if split is not None:
        below = ctx.intersect(region, ctx.open_interval(ctx.zero, split))
        above = ctx.intersect(region, ctx.open_interval(split, ctx.one))
        return representatives(ctx, below) + representatives(ctx, above) + (
            [split] if ctx.contains(region, split) else [])
    out = []
    fractions = (ctx.rational(1, 2), ctx.rational(1, 3), ctx.rational(2, 3))
    for piece in ctx.pieces(region):
        if piece[0] == "I":
            lo, hi = piece[1], piece[2]
            out.extend(lo + f * (hi - lo) for f in fractions)
        else:
            out.extend(piece[1])
    return out


def _dot(ctx, a, point):
    acc = ctx.zero
    for c, v in zip(a, point):
        acc = acc + c * v
    return ctx.simplify(acc)


def _interior(ctx, system: LinearSystem):
    """``interior_point`` for small systems: when the equalities pin a unique point,
    solve them directly and check the inequalities (exactly); otherwise the exact simplex."""
    n = system.n
    if n and len(system.eq) >= n:
        sol = ctx.linear_solve(n, system.eq)
        if sol is None:
            return None
        if sol != "free":
            if all(ctx.cmp(_dot(ctx, a, sol), b) >= 0 for a, b in system.ge) and all(
                    ctx.cmp(_dot(ctx, a, sol), b) > 0 for a, b in system.gt):
                return sol
            return None
    return interior_point(ctx.lp, system)


def _pinned(ctx, system: LinearSystem) -> bool:
    sol = ctx.linear_solve(system.n, system.eq)
    return sol is not None and sol != "free"


# ------------------------------------------------------------------ mixing
def _sigma(gd: BeliefGame, S, x):
    """Sender mixing consistent with the posteriors (exact), or None.  When some type
    mixes and :func:`_mixture_exists` decides that the mixing exists, a function
    computing it: it is computed only if the pattern proves an equilibrium (with
    numbers from two fields it is the costliest step of most patterns)."""
    ctx = gd.ctx
    one, zero = ctx.one, ctx.zero
    keys = [(t, m) for t in _TYPES if len(S[t]) > 1 for m in S[t]]
    sigma = {(t, S[t][0]): one for t in _TYPES if len(S[t]) == 1}
    p0, p1 = gd.prior
    if not keys:  # Bayes' rule: the prior, 1 or 0 where both types, one or the other send
        for m, xm in x.items():
            by0, by1 = (0, m) in sigma, (1, m) in sigma
            if ctx.sign((p0 if by0 else zero) + (p1 if by1 else zero)) == 0 or ctx.cmp(
                    xm, p0 if by0 and by1 else one if by0 else zero) != 0:
                return None
        return sigma
    exists = _mixture_exists(gd, S, x)
    if exists is False:
        return None
    if exists is None:
        return _mixture(gd, S, x, keys, sigma)

    def lazily() -> dict:
        found = _mixture(gd, S, x, keys, sigma)
        if found is None:  # pragma: no cover - _mixture_exists decides the same system
            raise AssertionError(f"no sender mixture for {S} at {x}")
        return found

    return lazily


def _mixture(gd: BeliefGame, S, x, keys: list, sigma: dict) -> dict | None:
    """The sender's mixing over ``keys`` (``(type, message)``; the pure types' in
    ``sigma``) whose posteriors are ``x``, or None: in closed form when Bayes' rule pins
    it, else an interior point of its linear system (exact)."""
    ctx = gd.ctx
    one, zero, sign, cmp, simplify = ctx.one, ctx.zero, ctx.sign, ctx.cmp, ctx.simplify
    p0, p1 = gd.prior
    if len(keys) == 2:  # one type mixes over two messages, one of them the other's
        t = keys[0][0]
        (m_star,) = S[1 - t]
        if m_star in S[t]:
            xm = x[m_star]
            num, den = (p0 * (1 - xm), p1 * xm) if t == 1 else (p1 * xm, p0 * (1 - xm))
            if sign(den) != 0:  # Bayes at m_star pins the mixture (a unique solution)
                share = simplify(num / den)
                if sign(share) <= 0 or cmp(share, one) >= 0:
                    return None
                other = S[t][0] if S[t][1] == m_star else S[t][1]
                return {**sigma, (t, m_star): share, (t, other): simplify(1 - share)}
    if len(keys) == 4 and S[0] == S[1]:  # both types mix over the same two messages
        m0, m1 = S[0]
        c0, c1 = cmp(x[m0], p0), cmp(x[m1], p0)
        if c0 * c1 >= 0 and (c0, c1) != (0, 0):
            return None  # the prior must lie strictly between the two posteriors
        if c0 * c1 < 0 and all(sign(x[m]) > 0 and cmp(x[m], one) < 0 for m in S[0]):
            # s0m = r_m * s1m (Bayes), s1m0 + s1m1 = 1 = r0 s1m0 + r1 s1m1: unique
            r0, r1 = (simplify(p1 * x[m] / (p0 * (1 - x[m]))) for m in (m0, m1))
            s00, s01, s10, s11 = _shares(simplify, r0, r1)
            return {**sigma, (0, m0): s00, (0, m1): s01, (1, m0): s10, (1, m1): s11}
    idx = {k: i for i, k in enumerate(keys)}
    eq, gt = [], []
    for t in _TYPES:
        if len(S[t]) > 1:
            eq.append((tuple(one if k[0] == t else zero for k in keys), one))
            for m in S[t]:
                gt.append((tuple(one if k == (t, m) else zero for k in keys), zero))
    for m, xm in x.items():
        if m not in S[0] or m not in S[1]:
            continue
        row = [zero] * len(keys)  # prior0*s0*(1-x) - prior1*s1*x = 0
        const = zero
        for t, coef in ((0, p0 * (1 - xm)), (1, -p1 * xm)):
            if (t, m) in idx:
                row[idx[(t, m)]] += coef
            else:
                const += coef
        eq.append((tuple(simplify(r) for r in row), simplify(-const)))
    sol = _interior(ctx, LinearSystem(len(keys), tuple(eq), (), tuple(gt)))
    if sol is None:
        return None
    return {**sigma, **{k: sol[i] for k, i in idx.items()}}


def _mixture_exists(gd: BeliefGame, S, x) -> bool | None:
    """Whether the sender has a mixture with support ``S`` whose posteriors are ``x``,
    decided from the order of the shared messages' posteriors and the prior (None when a
    posterior or the prior is not strictly inside ``(0, 1)``: the linear system decides).

    With ``A`` the messages both types send, Bayes' rule writes type 0's weight on
    ``m`` in ``A`` as ``r_m`` times type 1's, ``r_m = p1 x_m / (p0 (1 - x_m))``, and
    ``r_m < 1`` exactly when ``x_m < p0``.  Type 1's weights ``y > 0`` on ``A`` sum to
    1 when it sends nothing else (else to less than 1); type 0's weights ``r . y`` sum
    to 1 when it sends nothing else (else to less).  Hence a mixture exists exactly when:
    both types send other messages too (``A`` empty included); only type 0 does, and some
    ``x_m < p0``; only type 1 does, and some ``x_m > p0``; neither does, and some
    ``x_m < p0 < x_m'`` or every ``x_m = p0``.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())  # prior 1/10 on the first type
    >>> q = gd.ctx.rational
    >>> _mixture_exists(gd, ((0, 1), (0,)), {0: q(1, 20)})  # type 1 sends only m0
    True
    >>> _mixture_exists(gd, ((0, 1), (0,)), {0: q(1, 5)})
    False
    >>> _mixture_exists(gd, ((0, 1), (0, 1)), {0: q(1, 20), 1: q(1, 5)})
    True
    """
    ctx = gd.ctx
    p0 = gd.prior[0]
    if ctx.sign(p0) <= 0 or ctx.cmp(p0, ctx.one) >= 0:
        return None
    shared = [m for m in S[0] if m in S[1]]
    order = []
    for m in shared:
        if ctx.sign(x[m]) <= 0 or ctx.cmp(x[m], ctx.one) >= 0:
            return None
        order.append(ctx.cmp(x[m], p0))
    only0, only1 = len(S[0]) > len(shared), len(S[1]) > len(shared)
    return _bayes_order({*order, *([1] if only0 else []), *([-1] if only1 else [])})


def payoffs_move(gd: BeliefGame, S, B, x) -> bool:
    """Whether the types' equilibrium payoffs move with the receiver's mixing at on-path
    messages (posteriors ``x``, for any number of types): some type's payoff from a
    message it sends differs between two actions the receiver mixes over there.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())  # both drink beer; the receiver mixes after it
    >>> payoffs_move(gd, ((0,), (0,)), ((0, 1), (0,)), {0: gd.ctx.rational(1, 10)})
    True
    """
    ctx = gd.ctx
    for t in range(gd.n_types):
        for m in S[t]:
            if len(B[m]) > 1:
                first = ctx.at(gd.u[t][m][B[m][0]], x[m])
                if any(ctx.cmp(ctx.at(gd.u[t][m][a], x[m]), first) != 0 for a in B[m][1:]):
                    return True
    return False


def _shares(simplify, r0, r1) -> tuple:
    """Both types' mixtures over two messages from the Bayes ratios ``r_m = s0m / s1m``."""
    s10 = simplify((1 - r1) / (r0 - r1))
    s11 = simplify(1 - s10)
    return simplify(r0 * s10), simplify(r1 * s11), s10, s11


def _rho_with_deterrence(gd: BeliefGame, S, B, x, on):
    """On-path receiver mixing that also deters deviations to off-path messages.

    Deviation payoffs that do not depend on the belief enter the linear system directly.
    When the on-path mixing is not unique and the one found is not deterred from every
    off-path message, the beliefs after the off-path messages are decided exactly
    (:func:`_deterring_beliefs`): each belief at which an off-path mixture is a best
    response is tried, and a belief-dependent deviation whose payoffs are affine in the
    belief has its belief as a variable of the mixing's linear system.  Only when some
    deviation is not of that kind are beliefs tried first (at the ends, thirds and
    midpoint of an answer's best-response set), then a relaxation may prove that no
    belief deters (:func:`_none_deters`), then one such belief is explored.  What is
    left (two or more beliefs of that kind, or one inside a traced run) is recorded as
    only sampled (:data:`SAMPLED_NOTE`).

    The system picks its member of the family by one rule, not by which trial belief
    happens to deter, so a family keeps one representative across the cells of a
    traced run (trials first split the window game's family into ``#1`` and ``#2``).
    """
    ctx = gd.ctx
    bounds = []
    dependent = []
    for m in range(gd.n_messages):
        if m in on or len(B[m]) != 1:
            continue
        a = B[m][0]
        pay = [gd.u[t][m][a] for t in _TYPES]
        if any(not ctx.is_const(p) for p in pay):
            dependent.append((m, a))
        else:
            bounds.extend((t, ctx.const_value(pay[t])) for t in _TYPES)
    mixed_off = [m for m in range(gd.n_messages) if m not in on and len(B[m]) > 1]
    res = receiver_mixing(gd, S, B, x, bounds)
    if res is None or not res[2] or (not dependent and not mixed_off):
        return res
    try:
        if all(_off_path(gd, m, B[m], res[1]) is not None for m in range(gd.n_messages)
               if m not in on):
            return res
    except OffPathUndecided:
        pass  # (look for a member that is; solution_at asks again and names the pattern)
    # the on-path mixing is not unique and the one found is not deterred from every
    # off-path message: look for a member of the family that is, with beliefs at which
    # each off-path mixture is a best response (every such belief when there are
    # finitely many, one when its payoffs do not depend on the belief) and beliefs
    # after each belief-dependent deviation
    choices, hard = [], []  # (hard: mixtures at infinitely many beliefs, which matter)
    for m in mixed_off:
        region = gd.br_region(m, list(B[m]))
        pts = ctx.points(region)
        if pts is None and _fixed_payoffs(gd, m, B[m]):
            pts = representatives(ctx, region)[:1]  # no payoff depends on it: any will do
        elif pts is None:
            pts = representatives(ctx, region)  # (tried; explored below)
            hard.append(m)
        choices.append([(m, p) for p in pts])
    pieces = [_belief_pieces(gd, m, a) for m, a in dependent]
    if hard or None in pieces:
        found = _trial_beliefs(gd, S, B, x, bounds, dependent, choices)
        if found is not None:
            return res if found is False else found
        if not hard and _none_deters(gd, S, B, x, bounds, dependent,
                                     list(product(*choices))):
            return res  # no member of the family is deterred, decided
    exact = [c for c, m in zip(choices, mixed_off) if m not in hard]
    found, decided = _deterring_beliefs(gd, S, B, x, bounds, list(zip(dependent, pieces)),
                                        exact, hard)
    if found is not None:
        return found
    if not decided:
        _mark_sampled(gd, S, B, "beliefs deterring the off-path messages only sampled")
    return res


def _trial_beliefs(gd: BeliefGame, S, B, x, bounds: list, dependent: list,
                   choices: list):
    """A :func:`receiver_mixing` result deterred with trial beliefs: after each
    belief-dependent deviation ``(m, a)`` of ``dependent`` one at the ends, thirds or
    midpoint of the set where ``a`` is a best response, and each combination of
    ``choices`` for the off-path mixtures; None when no trial deters, False when some
    ``a`` is never a best response (no belief can deter)."""
    ctx = gd.ctx
    trial_sets = []
    for m, a in dependent:
        region = gd.br_region(m, [a])
        if ctx.is_empty(region):
            return False
        pts = representatives(ctx, region) + [p for p in (ctx.inf(region), ctx.sup(region))
                                              if ctx.contains(region, p)]
        trial_sets.append([(m, a, p) for p in pts])
    for off_mixed in product(*choices):
        for trial in product(*trial_sets):
            extra = list(bounds)
            for m, a, p in trial:
                extra.extend((t, ctx.at(gd.u[t][m][a], p)) for t in _TYPES)
            found = receiver_mixing(gd, S, B, x, extra, off_mixed)
            if found is not None:
                return found
    return None


def _none_deters(gd: BeliefGame, S, B, x, bounds: list, dependent: list,
                 combos: list) -> bool:
    """Whether no on-path mixing can be deterred from the belief-dependent deviations
    ``dependent`` whatever the beliefs: even when each type faces its own lowest payoff
    from each of them (over the closure of the beliefs at which its answer is a best
    response, a relaxation) no mixing meets the bounds, for any ``combos`` of beliefs
    for the off-path mixtures.  Exact, in traced runs too; False when it cannot tell."""
    ctx = gd.ctx
    try:
        extra = list(bounds)
        for m, a in dependent:
            region = gd.br_region(m, [a])
            extra += [(t, _sup_inf(ctx, gd.u[t][m][a], region, False)) for t in _TYPES]
        return all(receiver_mixing(gd, S, B, x, extra, off_mixed) is None
                   for off_mixed in combos)
    except OutsideFastType:
        return False


def _deterring_beliefs(gd: BeliefGame, S, B, x, bounds: list, dependent: list,
                       choices: list, hard_mixed: list) -> tuple:
    """An on-path receiver mixing deterred from every off-path message:
    ``(receiver_mixing result or None, decided)``.

    ``dependent``: the deviations ``(m, a)`` answered by one action whose payoffs depend
    on the belief, each with its :func:`_belief_pieces` (None when not affine);
    ``choices``: for each off-path mixture that is a best response at
    finitely many beliefs (or whose payoffs do not depend on the belief), the beliefs
    ``(m, belief)`` to try; ``hard_mixed``: the off-path messages answered by a mixture
    that is a best response on a range of beliefs and whose payoffs depend on them.

    A deviation whose payoffs are affine in the belief on each piece of the set where
    ``a`` is a best response (:attr:`BeliefBackend.linear_on`) has its belief as a
    variable of the mixing's linear system (:func:`mixing_with_beliefs`), a system per
    combination of pieces: exact, in traced runs too.  One other belief (a deviation
    with other payoffs, or a mixture in ``hard_mixed``) is explored with traced numbers
    (:func:`_explored_belief`; not inside a traced run).  With two or more of those, or
    one inside a traced run, ``decided`` is False."""
    ctx = gd.ctx
    linear, hard = [], [(m, None) for m in hard_mixed]
    for (m, a), pieces in dependent:
        if pieces is None:
            hard.append((m, a))
        else:
            linear.append(pieces)
    if len(hard) > 1 or (hard and (not ctx.traced or isinstance(gd.prior[0], TracedBase))):
        return None, False  # (a traced run cannot explore a second variable)
    decided = True
    try:
        for off_mixed in product(*choices):
            for beliefs in product(*linear):
                if not hard:
                    found = mixing_with_beliefs(gd, S, B, x, bounds, beliefs, off_mixed)
                    exact = True
                else:
                    found, exact = _explored_belief(gd, S, B, x, bounds, beliefs, off_mixed,
                                                    *hard[0])
                if found is not None:
                    return found, True
                decided = decided and exact
    except OutsideFastType:
        return None, False
    return None, decided


def mixing_with_beliefs(gd: BeliefGame, S, B, x, bounds, beliefs, off_mixed=()):
    """:func:`receiver_mixing` deterred from the deviations of ``beliefs`` (entries of
    :func:`mixing_system`: their beliefs are variables, with the mixing, of one exact
    linear system): its result at the beliefs of an interior point of that system, or
    None when it has no solution."""
    if not beliefs:
        return receiver_mixing(gd, S, B, x, bounds, off_mixed)
    ctx = gd.ctx
    found = mixing_system(gd, S, B, x, bounds, off_mixed, beliefs)
    sol = None if found is None else _interior(ctx, found[1])
    if sol is None:
        return None
    keys = found[0]
    extra = list(bounds)
    for m, _, lines in beliefs:
        q = [sol[keys.index(("belief", m, i))] for i in range(len(lines[0][1]))]
        extra.extend((t, ctx.simplify(c0 + _dot(ctx, c, q))) for t, (c0, c) in enumerate(lines))
    res = receiver_mixing(gd, S, B, x, extra, off_mixed)
    if res is None:  # (the system's own point meets these bounds)
        raise AssertionError("a solution of the joint system is not one of the mixing's")
    return res


def _belief_pieces(gd: BeliefGame, m: int, a: int) -> list | None:
    """The pieces of the set where ``a`` is a best response after the off-path message
    ``m``, each as a ``beliefs`` entry of :func:`mixing_system` (an isolated point as an
    interval of length 0); None when the backend cannot say that the deviating payoffs
    are affine on some piece."""
    ctx = gd.ctx
    if ctx.linear_on is None:
        return None
    region = gd.br_region(m, [a])
    entries = []
    for piece in ctx.pieces(region):
        ends = [(p, p) for p in piece[1]] if piece[0] == "F" else [piece[1:3]]
        for lo, hi in ends:
            if ctx.cmp(lo, hi) == 0:
                lines = [(ctx.at(gd.u[t][m][a], lo), ctx.zero) for t in _TYPES]
            else:
                lines = [ctx.linear_on(gd.u[t][m][a], lo, hi) for t in _TYPES]
                if any(line is None for line in lines):
                    return None
            rows = [((ctx.one,), lo, "ge" if ctx.contains(region, lo) else "gt"),
                    ((-ctx.one,), ctx.simplify(-hi),
                     "ge" if ctx.contains(region, hi) else "gt")]
            entries.append((m, rows, [(c0, (c1,)) for c0, c1 in lines]))
    return entries


def _explored_belief(gd: BeliefGame, S, B, x, bounds: list, beliefs: tuple,
                     off_mixed: tuple, m: int, a: int | None) -> tuple:
    """An on-path receiver mixing deterred with some belief ``q`` after the off-path
    message ``m`` (answered by ``a``, or by a mixture of ``B[m]`` when ``a`` is None),
    every type's payoff at least its ``bounds``, and deterred from the deviations of
    ``beliefs`` and ``off_mixed`` as :func:`mixing_with_beliefs` asks:
    ``(receiver_mixing result or None, decided)``.

    ``q`` ranges over the set where the answer is a best response, explored exactly
    (:func:`_first_belief`)."""
    ctx = gd.ctx

    def at(belief):
        if a is None:
            return mixing_with_beliefs(gd, S, B, x, bounds, beliefs,
                                       tuple(off_mixed) + ((m, belief),))
        extra = list(bounds) + [(t, ctx.at(gd.u[t][m][a], belief)) for t in _TYPES]
        return mixing_with_beliefs(gd, S, B, x, extra, beliefs, off_mixed)

    region = gd.br_region(m, list(B[m]) if a is None else [a])
    hit, decided = _first_belief(gd, region, at)
    return (None, decided) if hit is None else (hit[1], True)


def _first_belief(gd: BeliefGame, region, at: Callable) -> tuple:
    """A belief in ``region`` at which ``at(belief)`` is not None, found exactly:
    ``((belief, at(belief)) or None, decided)``.

    The region's points and the ends it contains are tried first; its intervals are
    explored with the belief traced (:func:`.line.first_on_line`: each run's answer holds
    on a cell of it, the points between cells decided one by one, at roots of any
    degree).  ``decided`` is False when a run left the exact types, the runs ran out, or
    the belief found is of degree 3 or more: then no answer is claimed."""
    ctx = gd.ctx
    q = sp.Dummy("q")

    def found(convert):
        belief = convert(q)
        answer = at(belief)
        return None if answer is None else (belief, answer)

    decided = True
    try:
        for piece in ctx.pieces(region):
            points = list(piece[1]) if piece[0] == "F" else \
                [p for p in piece[1:3] if ctx.contains(region, p)]
            for p in points:
                answer = at(p)
                if answer is not None:
                    return (p, answer), True
            if piece[0] == "F":
                continue
            interval = (Root.of_number(piece[1]), Root.of_number(piece[2]), False, False)
            hit, exact = first_on_line(found, q, [interval], _MAX_BELIEF_RUNS)
            if hit is not None:
                return hit[1], True
            decided = decided and exact
    except OutsideFastType:
        return None, False
    return None, decided


def payoff_form(gd: BeliefGame, B, x, keys: list, t: int, m: int) -> tuple[list, Any]:
    """Type ``t``'s payoff from on-path message ``m`` (posterior ``x[m]``, receiver
    support ``B[m]``) as an affine form in the free receiver probabilities ``keys``:
    ``(coefficients, constant)``.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche("1/2"))  # quiche: weak 1 + 2 (no duel), strong 0 + 2
    >>> payoff_form(gd, ((0,), (0, 1)), {1: gd.ctx.rational(1, 2)}, [(1, 0), (1, 1)], 0, 1)
    ([Fraction(1, 1), Fraction(3, 1)], Fraction(0, 1))
    """
    ctx = gd.ctx
    coeffs = [ctx.zero] * len(keys)
    if len(B[m]) == 1:
        return coeffs, ctx.at(gd.u[t][m][B[m][0]], x[m])
    for a in B[m]:
        coeffs[keys.index((m, a))] = ctx.at(gd.u[t][m][a], x[m])
    return coeffs, ctx.zero


def mixing_system(gd: BeliefGame, S, B, x, bounds=(), off_mixed=(),
                  beliefs=()) -> tuple | None:
    """The linear system of :func:`receiver_mixing`: ``(keys, system)``, the free
    receiver probabilities ``(message, action)`` and the exact constraints on them
    (a :class:`~.lp.LinearSystem` in ``keys`` order); None when a comparison that does
    not involve them already fails.

    ``beliefs`` makes the beliefs after off-path messages variables too, keyed
    ``("belief", m, i)`` (coordinate ``i`` of the belief after ``m``): each entry
    ``(m, rows, lines)`` puts the belief's coordinates in the polyhedron ``rows``
    (``(coefficients, rhs, kind)``, ``kind`` ``"eq"``, ``"ge"`` or ``"gt"``) and
    requires each type ``t``'s payoff to be at least ``c0 + c . belief``
    (``lines[t] = (c0, c)``, its payoff from ``m`` where that is affine in the belief).

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche("1/2"))  # the quiche pool: the receiver may mix
    >>> keys, system = mixing_system(gd, ((1,), (1,)), ((0,), (0, 1)), {1: gd.ctx.rational(1, 2)})
    >>> keys
    [(1, 0), (1, 1)]
    """
    ctx = gd.ctx
    one, zero, sign, cmp, simplify, at = (ctx.one, ctx.zero, ctx.sign, ctx.cmp,
                                          ctx.simplify, ctx.at)
    on = sorted(x)
    keys = [(m, a) for m in on if len(B[m]) > 1 for a in B[m]]
    keys += [(m, a) for m, _ in off_mixed for a in B[m]]
    keys += [("belief", m, i) for m, _, lines in beliefs for i in range(len(lines[0][1]))]

    def payoff(t, m):
        return payoff_form(gd, B, x, keys, t, m)

    eq, ge, gt = [], [], []
    for m in on + [m for m, _ in off_mixed]:
        if len(B[m]) > 1:
            eq.append((tuple(one if k[0] == m else zero for k in keys), one))
            for a in B[m]:
                gt.append((tuple(one if k == (m, a) else zero for k in keys), zero))
    for m, xm in off_mixed:
        for t in range(gd.n_types):
            c0, k0 = payoff(t, S[t][0])
            row = list(c0)
            for a in B[m]:
                row[keys.index((m, a))] -= at(gd.u[t][m][a], xm)
            ge.append((tuple(simplify(r) for r in row), simplify(-k0)))
    for t in range(gd.n_types):
        c0, k0 = payoff(t, S[t][0])
        for m in on:
            if m == S[t][0]:
                continue
            c1, k1 = payoff(t, m)
            row = tuple(simplify(a - b) for a, b in zip(c0, c1))
            if all(sign(r) == 0 for r in row):
                s = cmp(k0, k1)  # exact also when k0, k1 lie in different fields
                if (m in S[t] and s != 0) or s < 0:
                    return None
                continue
            (eq if m in S[t] else ge).append((row, simplify(k1 - k0)))
    for t, bound in bounds:
        c0, k0 = payoff(t, S[t][0])
        if all(sign(r) == 0 for r in c0):
            if cmp(k0, bound) < 0:
                return None
            continue
        ge.append((tuple(c0), simplify(bound - k0)))
    rows_of = {"eq": eq, "ge": ge, "gt": gt}
    for m, rows, lines in beliefs:
        at_ = [keys.index(("belief", m, i)) for i in range(len(lines[0][1]))]
        for coeffs, rhs, kind in rows:
            row = [zero] * len(keys)
            for i, c in zip(at_, coeffs):
                row[i] = c
            rows_of[kind].append((tuple(row), rhs))
        for t in range(gd.n_types):
            c0, k0 = payoff(t, S[t][0])
            row = list(c0)
            for i, c in zip(at_, lines[t][1]):
                row[i] -= c
            ge.append((tuple(simplify(r) for r in row), simplify(lines[t][0] - k0)))
    return keys, LinearSystem(len(keys), tuple(eq), tuple(ge), tuple(gt))


def receiver_mixing(gd: BeliefGame, S, B, x, bounds=(), off_mixed=(), *,
                    rational: bool = False):
    """Receiver mixing at on-path messages making each type's supports optimal (and each
    type's payoff at least the given ``(type, bound)`` pairs, and at least its payoff from
    each ``(off-path message, belief)`` answered by a mixture); any number of types.
    With ``rational`` (sympy numbers), when the system's coefficients are irrational (an
    irrational belief in ``off_mixed``) a rational mixing is looked for first
    (:func:`rational_point`), so that the equilibrium payoffs stay rational.

    Returns ``(rho, values, family)`` (``family``: the mixing is not unique) or None.

    Examples
    --------
    >>> from alliance_games.alliance.model import alliance_game
    >>> from alliance_games.solving.belief_payoffs import general_game
    >>> gd = general_game(alliance_game())
    >>> S, B = ((0,), (1,)), ((2,), (2,))
    >>> rho, values, family = receiver_mixing(gd, S, B, {0: 1, 1: 0})
    >>> family
    False
    """
    ctx = gd.ctx
    found = mixing_system(gd, S, B, x, bounds, off_mixed)
    if found is None:
        return None
    keys, system = found
    idx = {k: i for i, k in enumerate(keys)}
    on = sorted(x)
    one, cmp = ctx.one, ctx.cmp
    family = False
    if keys:
        sol = None
        if rational and not all(sp.sympify(v).is_Rational for group in
                                (system.eq, system.ge, system.gt)
                                for a, b in group for v in (*a, b)):
            sol = rational_point(ctx, system)
        if sol is None:
            sol = _interior(ctx, system)
        if sol is None:
            return None
        rho = {k: sol[i] for k, i in idx.items()}
        if len(system.eq) >= len(keys) and _pinned(ctx, system):
            return rho, _values(gd, S, B, x, rho), False
        for i in range(len(keys)):
            lo, hi = variable_range(ctx.lp, system, i)
            if cmp(hi, lo) != 0:
                family = True
                break  # (one variable that moves makes a family)
    else:
        rho = {}
    for m in on:
        if len(B[m]) == 1:
            rho[(m, B[m][0])] = one
    return rho, _values(gd, S, B, x, rho), family


def _values(gd: BeliefGame, S, B, x, rho) -> list:
    """Each type's equilibrium payoff (sets ``rho`` to 1 on pure on-path answers)."""
    ctx = gd.ctx
    for m in x:
        if len(B[m]) == 1:
            rho[(m, B[m][0])] = ctx.one
    out = []
    for t in range(gd.n_types):
        m = S[t][0]
        acc = ctx.zero
        for a in B[m]:
            acc = acc + rho[(m, a)] * ctx.at(gd.u[t][m][a], x[m])
        out.append(ctx.simplify(acc))
    return out


# ------------------------------------------------------------------ off the path
def _off_path(gd: BeliefGame, m: int, B, values):
    """Beliefs (and receiver mixing) at an off-path message that deter every type:
    ``(region, example belief, receiver mixing)`` or None."""
    ctx = gd.ctx
    region = gd.br_region(m, list(B))
    if ctx.is_empty(region):
        return None
    if len(B) == 1:
        a = B[0]
        for t in _TYPES:
            region = ctx.intersect(region, ctx.solve_rel(values[t] - gd.u[t][m][a], "ge"))
            if ctx.is_empty(region):
                return None
        return region, _example(ctx, region), {(m, a): ctx.one}
    pts = ctx.points(region)
    interval = pts is None
    if interval:
        pts = representatives(ctx, region) + [p for p in (ctx.inf(region), ctx.sup(region))
                                              if ctx.contains(region, p)]
    good = []
    rho_at = None
    for xm in pts:
        sol = strict_mixture(gd, m, B, xm, values)
        if sol is not None:
            good.append(xm)
            if rho_at is None:
                rho_at = {(m, a): sol[i] for i, a in enumerate(B)}
    if not good and interval and not _fixed_payoffs(gd, m, B):
        # a range of beliefs and payoffs that depend on them (with fixed payoffs every
        # belief is like the samples): explored exactly
        if not ctx.traced:
            raise OffPathUndecided(f"message {m}: a mixture on a range of beliefs")
        if any(isinstance(v, TracedBase) for v in (*gd.prior, *values)):
            # inside a traced run: the mixture's probability eliminated (two actions)
            if len(B) != 2:
                raise OffPathUndecided(f"message {m}: a mixture on a range of beliefs")
            found = _mixture_beliefs(gd, m, B, values, region)
            if found is None:
                return None
            rho_at = strict_mixture(gd, m, B, found, values)
            if rho_at is None:  # (the set says it deters there: never reached)
                raise OffPathUndecided(f"message {m}: a mixture on a range of beliefs")
            good, rho_at = [found], {(m, a): rho_at[i] for i, a in enumerate(B)}
        hit, decided = (None, True) if good else _first_belief(
            gd, region, lambda xm: strict_mixture(gd, m, B, xm, values))
        if hit is None and not decided:
            raise OffPathUndecided(f"message {m}: a mixture on a range of beliefs")
        if hit is not None:
            good = [hit[0]]
            rho_at = {(m, a): hit[1][i] for i, a in enumerate(B)}
    if not good:
        return None
    # the exact set for the mixture reported (found at good[0]): the beliefs where its
    # actions are best responses and it deters every type
    for t in _TYPES:
        payoff = ctx.zero
        for a in B:
            payoff = payoff + rho_at[(m, a)] * gd.u[t][m][a]
        region = ctx.intersect(region, ctx.solve_rel(values[t] - payoff, "ge"))
    return region, good[0], rho_at


def _mixture_beliefs(gd: BeliefGame, m: int, B, values, region):
    """A belief in ``region`` at which some mixture of the two actions ``B`` with both
    probabilities positive deters every type (its payoff from ``m`` at most its
    equilibrium payoff ``values[t]``), or None when there is none, decided on the
    backend's own sets, so inside a traced run too (``values`` traced numbers).

    With ``g_t = (u_t(B[0]) - v_t, u_t(B[1]) - v_t)``, type ``t``'s gains, a mixture
    ``lam`` of ``B[0]`` deters ``t`` when ``g1 + lam s <= 0``, ``s = g0 - g1``: an upper
    bound on ``lam`` where ``s > 0``, a lower one where ``s < 0``, ``g1 <= 0`` where
    ``s = 0`` (as in :func:`_lambda_range` at one belief).  Eliminating ``lam`` from
    ``(0, 1)`` (Fourier-Motzkin), one case per sign of each type's ``s``: an upper bound
    above 0 is ``g1 < 0``, a lower bound below 1 is ``g0 < 0``, and a lower bound
    ``l`` at most an upper ``u`` is ``g1_u s_l - g1_l s_u >= 0``; each condition a set
    of the backend (:func:`solve_rel`).

    Examples
    --------
    The receiver is indifferent after ``m1`` at every belief; with equilibrium payoffs
    0, ``L`` gains ``2 x - 1`` from ``a0`` and ``-1`` from ``a1`` (``x`` its posterior),
    ``H`` gains ``-1`` and ``1 - x``.  Where ``x > 0``, ``L`` bounds ``lam`` above by
    ``1 / (2 x)`` and ``H`` below by ``(1 - x) / (2 - x)``, which is smaller
    (``2 x**2 - 3 x + 2 > 0``): the first case holds on ``(0, 1]``, and at its midpoint
    ``lam = 1/2`` deters both.  With payoffs ``-2`` nothing deters:

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> mu = belief("H")
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"],
    ...     [[[0, 0], [1 - 2 * mu, -1]], [[0, 0], [-1, mu]]],
    ...     [[[1, 1], [0, 0]], [[1, 1], [0, 0]]], types=["L", "H"])
    >>> gd = fast_game(g)
    >>> x = _mixture_beliefs(gd, 1, (0, 1), [gd.ctx.zero, gd.ctx.zero], gd.ctx.unit)
    >>> x, strict_mixture(gd, 1, (0, 1), x, [0, 0])
    (Fraction(1, 2), [Fraction(1, 2), Fraction(1, 2)])
    >>> _mixture_beliefs(gd, 1, (0, 1), [-2, -2], gd.ctx.unit) is None  # nothing deters
    True
    """
    ctx = gd.ctx
    g = [[gd.u[t][m][a] - values[t] for a in B] for t in _TYPES]
    s = [g[t][0] - g[t][1] for t in _TYPES]

    def where(f, sign: int):  # {sign(f) == sign}; sign 2: {f <= 0}
        if sign == 0:
            return ctx.solve_rel(f, "eq")
        if sign == 2:
            return ctx.solve_rel(-f, "ge")
        return ctx.minus(ctx.unit, ctx.solve_rel(-sign * f, "ge"))

    for signs in product((1, -1, 0), repeat=len(_TYPES)):
        part = region
        for t, c in zip(_TYPES, signs):
            part = ctx.intersect(part, where(s[t], c))
            # the bound above 0 (c > 0), below 1 (c < 0), or no gain (c = 0)
            part = ctx.intersect(part, where(g[t][0], -1) if c < 0 else
                                 where(g[t][1], -1 if c > 0 else 2))
            if ctx.is_empty(part):
                break
        else:
            for lo in (t for t in _TYPES if signs[t] < 0):
                for up in (t for t in _TYPES if signs[t] > 0):
                    part = ctx.intersect(part, ctx.solve_rel(
                        g[up][1] * s[lo] - g[lo][1] * s[up], "ge"))
            if not ctx.is_empty(part):
                return _example(ctx, part)
    return None


def _fixed_payoffs(gd: BeliefGame, m: int, B) -> bool:
    """Whether no type's payoff from ``m`` answered by an action of ``B`` depends on the
    belief."""
    return all(gd.ctx.is_const(gd.u[t][m][a]) for t in _TYPES for a in B)


def _example(ctx, region):
    """A belief in a nonempty set: its first isolated point group's least point or its
    first interval's midpoint (in the backend's piece order)."""
    first = ctx.pieces(region)[0]
    if first[0] == "F":
        return min(first[1], key=cmp_to_key(ctx.cmp))
    return ctx.midpoint(first[1], first[2])


def _lambda_range(ctx, gains):
    """The closed range of ``lam`` in ``[0, 1]`` with ``lam*g0 + (1-lam)*g1 <= 0`` for
    every ``(g0, g1)`` in ``gains``, or None when empty."""
    lo, hi = ctx.zero, ctx.one
    for g0, g1 in gains:
        slope = ctx.simplify(g0 - g1)  # g1 + lam*slope <= 0
        s = ctx.sign(slope)
        if s == 0:
            if ctx.sign(g1) > 0:
                return None
            continue
        bound = ctx.simplify(-g1 / slope)
        if s > 0:
            hi = bound if ctx.cmp(bound, hi) < 0 else hi
        else:
            lo = bound if ctx.cmp(bound, lo) > 0 else lo
    return (lo, hi) if ctx.cmp(lo, hi) <= 0 else None


def _gains(gd: BeliefGame, m, acts, xm, values) -> list:
    ctx = gd.ctx
    return [[ctx.simplify(ctx.at(gd.u[t][m][a], xm) - values[t]) for a in acts]
            for t in range(gd.n_types)]


def _mixture_deters(gd: BeliefGame, m, acts, xm, values) -> bool:
    """Whether some mixture over ``acts`` at belief ``xm`` leaves every type at most its
    equilibrium payoff (closed form for two actions, the exact simplex otherwise)."""
    ctx = gd.ctx
    if len(acts) == 2:
        return _lambda_range(ctx, _gains(gd, m, acts, xm, values)) is not None
    ge = tuple((tuple(-ctx.at(gd.u[t][m][a], xm) for a in acts), -values[t])
               for t in range(gd.n_types))
    system = LinearSystem(len(acts), ((tuple([ctx.one] * len(acts)), ctx.one),), ge)
    return interior_point(ctx.lp, system) is not None


def strict_mixture(gd: BeliefGame, m, B, xm, values, *, rational: bool = False):
    """``interior_point`` of the off-path deterrence system (full-support mixtures over
    ``B`` at belief ``xm`` that deter every type; the point maximising the smallest
    probability), or None.  For two actions that point is unique, so the closed form
    equals the simplex's answer.

    With ``rational`` (sympy numbers: the simplex's context) a mixture with irrational
    probabilities is replaced by a rational one that deters too, where the deterring
    mixtures have one: for two actions the simplest rational strictly inside their
    range, for more a rounded point deterring every type strictly
    (:func:`rational_point`).  Where there is none the irrational mixture is
    returned.

    Examples
    --------
    >>> from alliance_games.alliance.model import alliance_game
    >>> from alliance_games.solving.belief_payoffs import general_game
    >>> gd = general_game(alliance_game())
    >>> strict_mixture(gd, 0, [0, 1], sp.Rational(1, 2), [-100, -100]) is None
    True
    """
    ctx = gd.ctx
    k = len(B)
    if k == 2:
        rng = _lambda_range(ctx, _gains(gd, m, B, xm, values))
        if rng is None:
            return None
        lo, hi = rng
        half = ctx.rational(1, 2)
        lam = lo if ctx.cmp(lo, half) > 0 else hi if ctx.cmp(hi, half) < 0 else half
        if rational and not sp.sympify(lam).is_Rational and ctx.cmp(lo, hi) < 0:
            lam = rational_between(lo, hi)  # in (lo, hi), inside [0, 1]
        if ctx.sign(lam) <= 0 or ctx.cmp(lam, ctx.one) >= 0:
            return None
        return [lam, ctx.simplify(1 - lam)]
    ge = tuple((tuple(-ctx.at(gd.u[t][m][a], xm) for a in B), -values[t])
               for t in range(gd.n_types))
    gt = tuple((tuple(ctx.one if j == i else ctx.zero for j in range(k)), ctx.zero)
               for i in range(k))
    eq = ((tuple([ctx.one] * k), ctx.one),)
    system = LinearSystem(k, eq, ge, gt)
    if rational and not all(sp.sympify(v).is_Rational for row, b in ge for v in (*row, b)):
        point = rational_point(ctx, system)
        if point is not None:
            return point
    return interior_point(ctx.lp, system)


def rational_point(ctx, system: LinearSystem) -> list | None:
    """A rational point of ``system`` (coefficients algebraic numbers, the equality rows
    rational) meeting every row exactly (strict rows strictly), or None when none was
    found (not a proof that there is none).

    The exact LP over algebraic numbers can take minutes when they live in a field of
    two roots or of high degree, so the LP that meets the equality rows and makes every
    other row hold strictly with the largest common slack is solved on 40-digit rational
    approximations of the rows; its point is rounded (denominators up to ``10**32``),
    the equality rows solved exactly for their pivot variables, and the result checked
    exactly.  Rows with no nonzero coefficient are decided at once.

    Examples
    --------
    ``sqrt(2) x >= sqrt(2) / 3``, ``y >= 0``, ``x + y = 1``: the largest common slack is
    at ``y = (2 sqrt(2) / 3) / (1 + sqrt(2))``, 0.3905..., rounded to 25/64.

    >>> from alliance_games.solving.algebraic import AlgebraicContext as A
    >>> r2 = sp.sqrt(2)
    >>> s = LinearSystem(2, eq=(((1, 1), 1),), ge=(((r2, 0), r2 / 3), ((0, 1), 0)),
    ...                  gt=(((0, 0), -1),))
    >>> rational_point(A, s)
    [39/64, 25/64]
    """
    def approx(v):
        v = sp.sympify(v)
        return Fraction(int(v.p), int(v.q)) if v.is_Rational else Fraction(
            str(sp.N(v, 40)))

    n = system.n
    if any(not sp.sympify(v).is_Rational for a, b in system.eq for v in (*a, b)):
        return None
    rows = []
    for strict, group in ((False, system.ge), (True, system.gt)):
        for a, b in group:
            if all(sp.sympify(v) == 0 for v in a):
                if not relation_holds(-ctx.sign(b), ">" if strict else ">="):
                    return None
                continue
            rows.append((a, b, strict))
    eq = tuple((tuple(approx(v) for v in a), approx(b)) for a, b in system.eq)
    approx_rows = tuple((tuple(approx(v) for v in a), approx(b)) for a, b, _ in rows)
    found = interior_point(NUMERIC, LinearSystem(n, eq, (), approx_rows))
    if found is None:
        return None
    table = sp.Matrix([[*a, b] for a, b in eq]).rref()[0] if eq else sp.zeros(0, n + 1)
    pivots = {}
    for i in range(table.rows):
        j = next((j for j in range(n) if table[i, j] != 0), None)
        if j is not None:
            pivots[j] = i
    for digits in (2, 4, 8, 16, 32):
        point = [sp.Rational(q.numerator, q.denominator)
                 for q in (p.limit_denominator(10**digits) for p in found)]
        for j, i in pivots.items():
            point[j] = table[i, n] - sp.Add(*[table[i, k] * point[k] for k in range(n)
                                               if k != j])
        if all(p >= 0 for p in point) and all(
                relation_holds(ctx.sign(sp.Add(*[v * p for v, p in zip(a, point)]) - b),
                               ">" if strict else ">=") for a, b, strict in rows):
            return point
    return None


# ------------------------------------------------------------------ refinements
def _cells(gd: BeliefGame, m: int, domain, dkey):
    """Pieces of ``domain`` with a constant best-response set: (piece, BR actions)."""
    return gd.remembered(("cells", m, dkey), partial(_compute_cells, gd, m, domain))


def _compute_cells(gd: BeliefGame, m: int, domain) -> list:
    ctx = gd.ctx
    out: list = []
    n = gd.n_actions[m]
    for size in range(n, 0, -1):
        for B in combinations(range(n), size):
            region = ctx.intersect(gd.br_region(m, list(B)), domain)
            for other in out:  # remove points with a larger best-response set
                if set(B) < set(other[1]):
                    region = ctx.minus(region, other[0])
            if not ctx.is_empty(region):
                out.append((region, B))
    return out


def _domain(ctx, rest):
    """The beliefs left after pruning types: all of [0, 1], or the point of the one type."""
    if len(rest) == 2:
        return ctx.unit, "unit"
    p = ctx.one if rest[0] == 0 else ctx.zero
    return ctx.point_set(p), rest[0]


def _sup_inf(ctx, f, region, want_max: bool):
    """Exact max (min) of a function of the belief over the closure of a set."""
    vals = [ctx.at(f, p) for p in ctx.critical_points(f, region)]
    best = vals[0]
    for val in vals[1:]:
        s = ctx.cmp(val, best)
        if (want_max and s > 0) or (not want_max and s < 0):
            best = val
    return best


def _best_payoff(gd: BeliefGame, m, t, domain, dkey, want_max: bool):
    """Type t's highest (lowest) payoff from m over beliefs in ``domain`` and their best
    responses (None when ``domain`` is empty); memoised in the game (it does not depend
    on the equilibrium)."""
    return gd.remembered(("best", m, t, dkey, want_max),
                         partial(_compute_best, gd, m, t, domain, dkey, want_max))


def _compute_best(gd: BeliefGame, m, t, domain, dkey, want_max: bool):
    ctx = gd.ctx
    best = None
    for region, B in _cells(gd, m, domain, dkey):
        for a in B:
            val = _sup_inf(ctx, gd.u[t][m][a], region, want_max)
            if best is None or ctx.cmp(val, best) * (1 if want_max else -1) > 0:
                best = val
    return best


class _Oracle:
    """The questions of :mod:`.refinements.beliefs` answered on the two-type engine's
    cells of ``[0, 1]``."""

    def __init__(self, gd: BeliefGame) -> None:
        self.gd = gd
        self.n_types = gd.n_types
        self.n_messages = gd.n_messages

    def _domain(self, domain: tuple):
        return _domain(self.gd.ctx, list(domain))

    def reaches(self, m: int, t: int, value, domain: tuple) -> bool:
        ctx = self.gd.ctx
        best = _best_payoff(self.gd, m, t, *self._domain(domain), True)
        return best is not None and ctx.cmp(value, best) <= 0

    def always_gains(self, m: int, t: int, value, domain: tuple) -> bool:
        worst = _best_payoff(self.gd, m, t, *self._domain(domain), False)
        return worst is not None and self.gd.ctx.cmp(worst, value) > 0

    def weak_implies_strict(self, m: int, t: int, t2: int, values) -> bool:
        return _weak_gain_implies_strict(self.gd, m, t, t2, values)

    def deterred(self, m: int, values, domain: tuple) -> bool:
        return _deterred(self.gd, m, *self._domain(domain), values)


def _intuitive(gd: BeliefGame, on, values) -> bool:
    """The Intuitive Criterion (Cho and Kreps 1987), by :mod:`.refinements.beliefs`."""
    return passes_intuitive_beliefs(_Oracle(gd), on, values)


def _d1(gd: BeliefGame, on, values) -> bool:
    """Criterion D1, by :mod:`.refinements.beliefs`."""
    return passes_d1_beliefs(_Oracle(gd), on, values)


def _deterred(gd: BeliefGame, m, domain, dkey, values) -> bool:
    """Whether some belief in ``domain`` and mixture over its best responses deters both
    types from ``m``."""
    ctx = gd.ctx
    for region, B in _cells(gd, m, domain, dkey):
        for B2 in [b for k in range(1, len(B) + 1) for b in combinations(range(len(B)), k)]:
            acts = [B[i] for i in B2]
            if len(acts) == 1:
                r = region
                for t in _TYPES:
                    r = ctx.intersect(r, ctx.solve_rel(values[t] - gd.u[t][m][acts[0]], "ge"))
                if not ctx.is_empty(r):
                    return True
            else:
                for xm in ctx.points(region) or []:
                    if _mixture_deters(gd, m, acts, xm, values):
                        return True
    return False


def _weak_gain_implies_strict(gd: BeliefGame, m, t, t2, values) -> bool:
    """Whether every (belief, best response) weakly improving t strictly improves t2."""
    ctx = gd.ctx
    for region, B in _cells(gd, m, ctx.unit, "unit"):
        for a in B:
            bad = ctx.intersect(
                ctx.intersect(region, ctx.solve_rel(gd.u[t][m][a] - values[t], "ge")),
                ctx.solve_rel(values[t2] - gd.u[t2][m][a], "ge"))
            if not ctx.is_empty(bad):
                return False
        pts = ctx.points(region)
        if len(B) > 1 and pts is not None:
            for xm in pts:
                for a in B:
                    for b in B:
                        ua = ctx.simplify(ctx.at(gd.u[t][m][a], xm) - values[t])
                        ub = ctx.simplify(ctx.at(gd.u[t][m][b], xm) - values[t])
                        if ctx.sign(ua) > 0 and ctx.sign(ub) < 0:
                            lam = ua / (ua - ub)
                            gain = (-ub / (ua - ub)) * ctx.at(gd.u[t2][m][a], xm) + lam * \
                                ctx.at(gd.u[t2][m][b], xm)
                            if ctx.cmp(ctx.simplify(gain), values[t2]) <= 0:
                                return False
    return True


# ------------------------------------------------------------------ results
def _assembled(gd: BeliefGame, sol: BeliefSolution, refine: bool, method: str,
               split) -> list[Equilibrium]:
    """The equilibrium of a solved pattern, or one per part of a continuum that ``split``
    divides by its members' verdicts (numbered by the caller, :func:`.assemble.numbered`)."""
    # a continuum of posteriors is split also when its payoffs are pinned (its verdicts
    # cannot vary): the split describes its range
    if split is None or not (refine and sol.family and verdicts_may_vary_beliefs(
            gd.n_messages, sol.x, sol.moves or sol.sampled)):
        return [_assemble(gd, sol, refine, method)]
    parts = split(gd, sol)
    if parts is None:
        return [_assemble(gd, sol, refine, method)]
    return [_assemble(gd, part, refine, method, decided=(ic, d1), where=where)
            for part, ic, d1, where in parts]


def outcome_checks(gd: BeliefGame, B, on, values) -> tuple | None:
    """The off-path part of a profile and its verdicts, from its outcome alone: receiver
    supports ``B``, on-path messages ``on`` and the types' equilibrium payoffs
    ``values``.  None when some off-path message has no belief that deters every type;
    else ``(off, ic, d1)``, ``off`` as in :class:`BeliefSolution`.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())  # the beer pool: weak 2, strong 3
    >>> _, ic, d1 = outcome_checks(gd, ((1,), (0,)), {0}, [gd.ctx.rational(2, 1), 3])
    >>> ic, d1
    (True, True)
    """
    off = off_path_sets(gd, B, on, values, _off_path)
    if off is None:
        return None
    return off, *verdicts(gd, on, values)


def verdicts(gd: BeliefGame, on, values) -> tuple[bool, bool]:
    """The Intuitive Criterion and D1 verdicts of an outcome: on-path messages ``on``
    and the types' equilibrium payoffs ``values``.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())  # the quiche pool: weak 3, strong 2
    >>> verdicts(gd, {1}, [gd.ctx.rational(3, 1), gd.ctx.rational(2, 1)])
    (False, False)
    """
    return _intuitive(gd, on, values), _d1(gd, on, values)


def _assemble(gd: BeliefGame, sol: BeliefSolution, refine: bool, method: str,
              decided: tuple | None = None, where: str | None = None) -> Equilibrium:
    """The equilibrium of a solved pattern; ``decided``: its (IC, D1) verdicts when they
    are decided for the whole continuum or part (``where``) it represents."""
    ctx = gd.ctx
    game = gd.game
    beliefs = {}
    for m in range(gd.n_messages):
        if m in sol.x:
            xm = ctx.to_sympy(sol.x[m])
            beliefs[game.messages[m]] = {game.types[0]: xm, game.types[1]: 1 - xm}
        else:
            region, ex, _ = sol.off[m]
            beliefs[game.messages[m]] = _off_path_belief_set(ctx, game, region,
                                                             ctx.to_sympy(ex))
    on = set(sol.x)
    notes = (CONTINUUM_NOTE,) if sol.family or sender_mixing_varies(gd, sol.S, sol.x) else ()
    if decided is not None:
        ic, d1 = decided
        notes += (where,) if where else ()
    else:
        ic = _intuitive(gd, on, sol.values) if refine else None
        d1 = _d1(gd, on, sol.values) if refine else None
        if sol.family and refine and verdicts_may_vary_beliefs(gd.n_messages, on, sol.moves):
            notes += (VERDICT_NOTE,)  # the verdicts are the representative's
    return assemble(gd, sol, beliefs, ic=ic, d1=d1, method=method, notes=notes)


def sender_mixing_varies(gd: BeliefGame, S, x) -> bool:
    """Whether the sender's mixing of two-type pattern ``S`` is not unique at on-path
    posteriors ``x`` (the receiver's strategy and every belief fixed).  Bayes' rule ties
    type 0's weight on a message both send to type 1's; each type's weights sum to 1.
    That leaves ``|on path| - 2`` free weights, and one more when both types send the
    same two messages at the prior (they mix alike, in any proportion).

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())  # two messages: unique unless pooled at the prior
    >>> sender_mixing_varies(gd, ((0, 1), (0,)), {0: gd.ctx.rational(1, 20), 1: gd.ctx.one})
    False
    >>> sender_mixing_varies(gd, ((0, 1), (0, 1)), {0: gd.prior[0], 1: gd.prior[0]})
    True
    """
    on = set(S[0]) | set(S[1])
    if len(on) != 2:
        return len(on) > 2
    return set(S[0]) == set(S[1]) and all(gd.ctx.cmp(x[m], gd.prior[0]) == 0 for m in on)


def _off_path_belief_set(ctx, game: SignallingGame, region, ex) -> LazyBeliefSet:
    """The off-path belief set of a backend's set ``region`` of ``mu(first type)`` with
    example ``ex``: its sympy ``region`` and ``constraints`` are built when first read
    (summaries and selection read neither)."""
    mu0, mu1 = game.belief_symbols

    def constraints() -> tuple:
        return out.region.as_relational(mu0), sp.Eq(mu0 + mu1, 1)

    # the region's source is pickled with the set: a backend function, not a lambda
    source = region if isinstance(region, sp.Basic) else partial(ctx.set_to_sympy, region)
    out = LazyBeliefSet(game.types, Deferred(constraints), None, (ex, 1 - ex), source)
    return out


def assemble(gd: BeliefGame, sol: BeliefSolution, beliefs: dict, *, ic: bool | None,
             d1: bool | None, method: str, notes: tuple[str, ...] = ()) -> Equilibrium:
    """An :class:`~alliance_games.equilibrium.Equilibrium` from a solved pattern and its
    beliefs (``{message label: posterior mapping or BeliefSet}``), for any number of
    types: strategies and payoffs in sympy, the kind and the pattern's label.

    Examples
    --------
    >>> from alliance_games.alliance.model import alliance_game
    >>> from alliance_games.solving.belief_payoffs import general_game
    >>> gd = general_game(alliance_game())
    >>> solve_one_pattern(gd, ((0,), (1,)), ((2,), (2,)), False).kind
    'separating'
    """
    ctx = gd.ctx
    game = gd.game
    n_m = gd.n_messages
    sender = {game.types[t]: {game.messages[m]: ctx.to_sympy(sol.sigma.get((t, m), 0))
                              for m in range(n_m)} for t in range(gd.n_types)}
    receiver = {game.messages[m]: {game.actions[m][a]: ctx.to_sympy(sol.rho.get((m, a), 0))
                                   for a in range(gd.n_actions[m])} for m in range(n_m)}
    terms = []
    for t in range(gd.n_types):
        for m in sol.x:
            for a in range(gd.n_actions[m]):
                w = gd.prior[t] * sol.sigma.get((t, m), 0) * sol.rho.get((m, a), 0)
                if ctx.sign(w):
                    terms.append(w * ctx.at(gd.v[t][m][a], sol.x[m]))
    return Equilibrium(
        game=game, sender=freeze(sender), receiver=freeze(receiver), beliefs=freeze(beliefs),
        kind=kind_of(sol.S, n_m),
        on_path=frozenset(game.messages[m] for m in sol.x),
        sender_payoffs=freeze({game.types[t]: ctx.value_to_sympy(v)
                               for t, v in enumerate(sol.values)}),
        receiver_payoff=ctx.total(terms), intuitive_criterion=ic, d1=d1,
        intuitive_condition=sp.sympify(bool(ic)), d1_condition=sp.sympify(bool(d1)),
        label=pattern_label(game, sol.S, sol.B), method=method, notes=notes)
