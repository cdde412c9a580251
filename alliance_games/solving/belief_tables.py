"""A two-type game whose payoffs depend on the posterior, as the belief engine reads it.

:class:`BeliefBackend` is what a backend supplies (numbers, functions of the posterior
``x = mu(first type)``, sets of beliefs, and the few operations on them);
:class:`BeliefGame` holds a game's payoff tables over one backend, with its memo;
:class:`BeliefSolution` is one solved support pattern.  The small helpers here are shared
by every step of :mod:`.belief_engine`: the exact extremum of a function of the belief
over a set (:func:`sup_inf`), sample points of a set (:func:`representatives`), the order
Bayes' rule puts posteriors in around the prior (:func:`bayes_order`), and the record of
a pattern that could only be sampled (:func:`mark_sampled`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import sympy as sp

from ..game import SignallingGame
from .quadratic import OutsideFastType
from .tables import Tables
from .traced import Tracer

__all__ = ["BeliefBackend", "BeliefGame", "BeliefSolution", "OffPathUndecided", "TYPES",
           "bayes_order", "belief_game", "mark_sampled", "representatives", "sup_inf",
           "traced_run"]


TYPES = (0, 1)


_MISSING = object()


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
    # explored one at a time (see :func:`~.belief_mixing._deterring_beliefs`)
    linear_on: Callable[[Any, Any, Any], tuple | None] | None = None
    # whether its numbers take traced numbers (:mod:`.traced`) and quadratic
    # irrationals (:mod:`.quadratic`), so that a belief can be explored exactly
    # (:func:`~.belief_mixing._explored_belief`)
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

    def remembered(self, key: Hashable, compute: Callable[[], Any]) -> Any:
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

    def br_region(self, m: int, B: Iterable[int]) -> Any:
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


def traced_run(gd: BeliefGame) -> bool:
    """Whether ``gd`` is a run with traced numbers (its game keeps its parameters, which
    only a tracer's conversion turns into numbers).  Outside one, a number that leaves
    the fast types hands the whole pattern to the general backend
    (:class:`~.quadratic.OutsideFastType`); inside one, the pattern is marked as only
    sampled and the run's cell is undecided.

    Examples
    --------
    Beer-quiche with a number as its prior, and with a parameter ``p``:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> from alliance_games.solving.belief_payoffs import general_game
    >>> traced_run(fast_game(beer_quiche())), traced_run(general_game(beer_quiche(sp.Symbol("p"))))
    (False, True)
    """
    return gd.game.is_parametric


def mark_sampled(gd: BeliefGame, S: tuple[tuple[int, ...], ...], B: tuple[tuple[int, ...], ...],
                 reason: str) -> None:
    """Record that pattern ``(S, B)`` was only sampled, and why (the first reason).

    Examples
    --------
    The reason is kept in the game's ``cache``; a later one does not replace it:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())
    >>> S, B = ((0, 1), (0, 1)), ((0,), (0,))
    >>> mark_sampled(gd, S, B, "2 posteriors free together")
    >>> mark_sampled(gd, S, B, "another reason")
    >>> gd.cache[("sampled", S, B)]
    '2 posteriors free together'
    """
    gd.cache.setdefault(("sampled", tuple(S), tuple(B)), reason)


def bayes_order(signs: set) -> bool:
    """Whether posteriors whose signs against the prior are ``signs`` (1 above, 0 at, -1
    below; a message only one type sends is at 1 or 0, above or below) can come from the
    prior by Bayes' rule: some above it and some below, or all at it.

    Examples
    --------
    Posteriors on both sides of the prior, or all at it, can come from it; one at it and
    one above, or all below, cannot:

    >>> bayes_order({-1, 1}), bayes_order({0}), bayes_order({0, 1}), bayes_order({-1})
    (True, True, False, False)
    """
    return (-1 in signs and 1 in signs) or signs <= {0}


def representatives(ctx: BeliefBackend, region: Any, split: Any = None) -> list:
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


def sup_inf(ctx: BeliefBackend, f: Any, region: Any, want_max: bool) -> Any:
    """Exact max (min) of a function of the belief over the closure of a set.

    Examples
    --------
    The max and min of ``x (1 - x)`` over the closure ``[0, 1/4]`` of ``(0, 1/4)``:

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.belief_fast import FAST, X_PW, open_interval
    >>> f, region = X_PW * (1 - X_PW), open_interval(F(0), F(1, 4))
    >>> sup_inf(FAST, f, region, True), sup_inf(FAST, f, region, False)
    (Fraction(3, 16), Fraction(0, 1))
    """
    vals = [ctx.at(f, p) for p in ctx.critical_points(f, region)]
    best = vals[0]
    for val in vals[1:]:
        s = ctx.cmp(val, best)
        if (want_max and s > 0) or (not want_max and s < 0):
            best = val
    return best
