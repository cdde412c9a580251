"""``solve``: every perfect Bayesian equilibrium of a signalling game."""

from __future__ import annotations

import numbers
import warnings
from dataclasses import replace
from itertools import product

import sympy as sp

from ..equilibrium import Equilibrium, SolveResult
from ..errors import DegenerateGameWarning, ParameterError, UnsupportedGameError
from ..game import SignallingGame
from .assemble import build_equilibrium, numbered
from .belief_engine import pattern_solution
from .belief_fast import fast_game
from .belief_parametric import solve_belief_parametric
from .belief_payoffs import solve_belief_game
from .belief_posteriors import receiver_supports
from .budget import Budget
from .context import NUMERIC
from .patterns import nonempty_subsets, pruned_patterns, solve_pattern
from .pure import pure_equilibria
from .quadratic import OutsideFastType
from .refinements import passes_d1, passes_intuitive
from .refinements.family import VERDICT_NOTE, split_family, verdicts_may_vary
from .symbolic import solve_parametric
from .tables import Tables


def solve(game: SignallingGame, *, pure: bool = False, refine: bool = True,
          samples: int = 3000, seed: int = 0, max_seconds: float | None = None,
          max_patterns: int | None = None, progress: bool | None = None) -> SolveResult:
    """All perfect Bayesian equilibria of ``game``, exactly.

    Parameters
    ----------
    game
        A :class:`~alliance_games.game.SignallingGame`.
    pure
        Only equilibria in which sender and receiver both play pure strategies.
    refine
        Compute the Intuitive Criterion and D1 for each equilibrium.
    samples, seed
        Parametric games only: the cloud of sample points used to decide which
        parameter regions are non-empty (the conditions themselves are exact).  Games
        whose payoffs depend on the posterior and on one parameter are solved by
        :func:`~.belief_parametric.solve_belief_parametric` (exact cells; ``seed`` picks
        their rational points and ``samples`` is not used).
    max_seconds, max_patterns
        Numeric games only: stop with :class:`~alliance_games.errors.BudgetExceededError`
        (which says how far the solve got) after this many seconds, or after solving
        this many support patterns (pure solves: after assembling this many pure
        equilibria).  None: no limit.
    progress
        Show a tqdm progress bar (numeric games): True at once, False never, None
        (default) only when the solve runs longer than about 2 seconds.

    Returns
    -------
    SolveResult
        A tuple-like result of :class:`~alliance_games.equilibrium.Equilibrium`
        objects.  Equilibria that come in continua are reported once, as a family
        (``eq.family``) with a representative; on-path continua (degenerate games) also
        raise a :class:`~alliance_games.errors.DegenerateGameWarning`.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> res = solve(beer_quiche(), pure=True)
    >>> sorted(e.kind for e in res)
    ['pooling', 'pooling']
    """
    if not isinstance(game, SignallingGame):
        raise TypeError(f"solve expects a SignallingGame, got {type(game).__name__}")
    _check_options(samples=samples, seed=seed)
    budget = Budget(max_seconds, max_patterns, progress)
    if (max_seconds is not None or max_patterns is not None) and (
            game.has_belief_payoffs or game.is_parametric):
        raise UnsupportedGameError(
            "max_seconds and max_patterns apply to numeric games only (payoffs that "
            "depend neither on parameters nor on beliefs)")
    if game.has_belief_payoffs:
        if game.is_parametric:
            return solve_belief_parametric(game, pure=pure, refine=refine, seed=seed)
        return solve_belief_game(game, pure=pure, refine=refine)
    if game.is_parametric:
        return solve_parametric(game, pure=pure, refine=refine, samples=samples, seed=seed)
    try:
        patterns = None
        if (len(game.types) == 2 and len(game.messages) == 2 and not pure
                and max_seconds is None and max_patterns is None and not progress):
            patterns = two_type_patterns(game)
        return _solve_numeric(game, pure=pure, refine=refine, budget=budget,
                              patterns=patterns)
    finally:
        budget.close()


def _check_options(*, samples: object, seed: object) -> None:
    """Refuse ``samples`` and ``seed`` values that cannot mean anything, naming the option."""
    for name, value, least in (("samples", samples, 1), ("seed", seed, 0)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < least:
            raise ParameterError(f"{name} must be an integer of at least {least}, "
                                 f"got {value!r}")


def two_type_patterns(game: SignallingGame) -> list[tuple] | None:
    """The support patterns ``(S, B)`` of a two-type numeric game that may have an
    equilibrium, in the order of :func:`~.patterns.all_patterns`, found by the belief
    engine (:mod:`.belief_engine`) on its fast backend; None when the game is outside
    the fast backend's numbers.

    Every pattern with an equilibrium is in the list (both engines decide the same
    exact conditions; a pattern whose check leaves the fast numbers is kept), and
    :func:`solve` solves each again with the numeric solver, so the result is the
    numeric solver's, field by field (``tests/test_flagship_cold.py`` compares them on
    random games and flagship points).  With two types the posterior is one number, so
    this replaces the numeric pattern search (a linear program per support, set of
    types and message) by interval arithmetic on it: about 3x faster on two-message
    games, slower with three or more messages (where :func:`solve` does not use it).

    Parameters
    ----------
    game : SignallingGame
        Numeric (payoffs free of beliefs and parameters), two types.

    Returns
    -------
    list of (S, B) or None
        ``S``: the message support of each type, ``B``: the action support after each
        message (tuples of indices).

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> [S for S, B in two_type_patterns(beer_quiche())]
    [((0,), (0,)), ((0,), (0,)), ((1,), (1,)), ((1,), (1,))]
    """
    try:
        gd = fast_game(game)
    except OutsideFastType:
        return None
    msg_sets = nonempty_subsets(gd.n_messages)
    act_sets = [nonempty_subsets(k) for k in gd.n_actions]
    out = []
    for S in product(msg_sets, repeat=2):
        for B in product(*receiver_supports(gd, S, act_sets)):
            try:
                keep = pattern_solution(gd, S, B) is not None
            except OutsideFastType:
                keep = True
            if keep:
                out.append((S, B))
    return out


def _solve_numeric(game: SignallingGame, *, pure: bool, refine: bool,
                   budget: Budget | None = None, patterns: list | None = None
                   ) -> SolveResult:
    budget = budget or Budget(progress=False)
    tb = Tables.from_game(game, NUMERIC)
    if pure:
        equilibria = pure_equilibria(game, tb, refine=refine, budget=budget)
        return SolveResult(game, tuple(equilibria), "enumeration of pure profiles (exact)",
                           pure=True)
    out: list[Equilibrium] = []
    refine_cache: dict = {}
    if patterns is None:
        patterns = pruned_patterns(NUMERIC, tb, pure=False, budget=budget)
    for S, B in patterns:
        budget.count()
        sol = solve_pattern(NUMERIC, tb, S, B)
        if sol is None:
            continue
        ic = d1 = None
        if refine:
            key = (tuple(sol.on_path), tuple(sol.values))
            if key not in refine_cache:
                on = set(sol.on_path)
                refine_cache[key] = (passes_intuitive(NUMERIC, tb, on, sol.values),
                                     passes_d1(NUMERIC, tb, on, sol.values))
            ic, d1 = refine_cache[key]
        # a family whose members differ in their verdicts is split into exact parts
        parts = split_family(tb, sol) if refine and sol.is_family else None
        notes = (VERDICT_NOTE,) if parts is None and refine and sol.is_family and \
            verdicts_may_vary(sol) else ()
        eqs = [build_equilibrium(NUMERIC, game, tb, part, ic=p_ic, d1=p_d1,
                                 condition=sp.true, ic_condition=sp.sympify(bool(p_ic)),
                                 d1_condition=sp.sympify(bool(p_d1)))
               for part, p_ic, p_d1 in parts or [(sol, ic, d1)]]
        out.extend(replace(eq, notes=eq.notes + notes) for eq in numbered(eqs))
        budget.found += 1
    degenerate = [e for e in out if e.family is not None and e.family.on_path]
    if degenerate:
        warnings.warn(
            f"{len(degenerate)} equilibrium families with a continuum of on-path play "
            "(the game is degenerate); each is reported once with its exact ranges",
            DegenerateGameWarning, stacklevel=3)
    return SolveResult(game, tuple(out), "support enumeration (exact)", pure=False)
