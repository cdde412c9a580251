"""The one solver for two-type games whose payoffs depend on the receiver's posterior.

When later movers see the message but not the type, the sender's and receiver's payoffs
depend on the public posterior ``x = mu(first type)``.  For two types the posterior is one
number per message, and every equilibrium condition is a statement about univariate
functions of ``x`` plus linear conditions on the mixing probabilities.  For each support
pattern :func:`solve_patterns`

1. pins the on-path posteriors (:mod:`.belief_posteriors`): Bayes' rule with pure
   senders, or the points where the receiver's support is a best response, or the roots
   of a mixing type's indifference; a posterior nothing pins is sampled, and when no
   sample is an equilibrium it takes a point of every cell on which the on-path
   conditions keep their signs; two posteriors free together are decided in their plane
   (:mod:`.belief_plane`, a cylindrical decomposition) where its conditions are
   polynomials with rational coefficients (a pattern that could only be sampled is named
   in the result's notes);
2. solves for the sender's and receiver's mixing probabilities (:mod:`.belief_mixing`,
   linear, exact);
3. checks every best-response and incentive inequality exactly;
4. computes each off-path belief set as a union of intervals of ``x``
   (:mod:`.belief_offpath`): the beliefs at which the receiver's support is a best
   response *and* no type gains by deviating.

The Intuitive Criterion (Cho and Kreps 1987) and D1 (:mod:`.belief_refine`) use the
definitions for ordinary games, with the sender's payoff evaluated at the belief behind
each best response; they are decided exactly on the finitely many cells of ``[0, 1]`` on
which the best-response set is constant.

The algorithm is written once, over a *backend* (:class:`~.belief_tables.BeliefBackend`)
that supplies the representation: numbers, functions of the belief, sets of beliefs and
the few operations on them.  Two backends exist: :mod:`.belief_fast` (rationals and
quadratic irrationals, piecewise polynomials, interval lists) and :mod:`.belief_payoffs`
(sympy algebraic numbers and Sets).  A backend raises :class:`~.quadratic.OutsideFastType`
when a number leaves its field; :func:`solve_patterns` then hands that one pattern to a
fallback.  This module holds the enumeration and the assembly of results; the steps live
in the modules named above.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from functools import cmp_to_key, partial
from itertools import product
from typing import Any

import sympy as sp

from ..equilibrium import Equilibrium, SolveResult, freeze
from ..game import SignallingGame
from .assemble import Deferred, LazyBeliefSet, kind_of, numbered, pattern_label
from .belief_mixing import payoffs_move, rho_with_deterrence, sender_probabilities
from .belief_offpath import off_path_deterrence, off_path_sets
from .belief_posteriors import (
    indifference_possible,
    posterior_candidates,
    posterior_options,
    posterior_windows,
    receiver_supports,
    values_pinned,
)
from .belief_refine import d1_holds, intuitive_holds, verdicts
from .belief_tables import (
    BeliefBackend,
    BeliefGame,
    BeliefSolution,
    OffPathUndecided,
    mark_sampled,
)
from .patterns import nonempty_subsets
from .quadratic import OutsideFastType
from .refinements.beliefs import verdicts_may_vary_beliefs
from .refinements.family import VERDICT_NOTE

__all__ = ["CONTINUUM_NOTE", "METHOD", "SAMPLED_NOTE", "assemble", "in_posterior_order",
           "outcome_checks", "pattern_equilibria", "pattern_solution",
           "pattern_solutions", "sender_mixing_varies", "solution_at",
           "solve_one_pattern", "solve_patterns"]


METHOD = "belief-dependent support enumeration (exact)"


#: The note naming a pattern whose free posteriors (or the beliefs deterring a deviation)
#: could only be sampled (two or more left free together, or conditions outside the
#: backend's numbers) and none of whose samples is an equilibrium: it may have one.
SAMPLED_NOTE = ("pattern {} left out, not decided exactly: its posteriors or deterring "
                "beliefs form a continuum that was only sampled ({}), and no sample is an "
                "equilibrium")


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


def pattern_equilibria(gd: BeliefGame, S: tuple[tuple[int, ...], ...],
                       B: tuple[tuple[int, ...], ...], refine: bool, method: str = METHOD,
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


def solve_one_pattern(gd: BeliefGame, S: tuple[tuple[int, ...], ...],
                      B: tuple[tuple[int, ...], ...], refine: bool,
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


def pattern_solution(gd: BeliefGame, S: tuple[tuple[int, ...], ...],
                     B: tuple[tuple[int, ...], ...]) -> BeliefSolution | None:
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


def pattern_solutions(gd: BeliefGame, S: tuple[tuple[int, ...], ...],
                      B: tuple[tuple[int, ...], ...]) -> list[BeliefSolution]:
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


def in_posterior_order(ctx: BeliefBackend, sols: list) -> list:
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
    on, fixed, windows = posterior_windows(gd, S)
    free = list(windows)
    for m, x in fixed.items():  # the receiver's supports are best responses there
        if not ctx.contains(gd.br_region(m, B[m]), x):
            return
    options = posterior_options(gd, B, windows)
    if not indifference_possible(gd, S, B, fixed):
        return
    found_groups, isolated = [], []

    def same(a: tuple, b: tuple) -> bool:
        return len(a) == len(b) and all(ctx.cmp(x, y) == 0 for x, y in zip(a, b))

    for xs, group in posterior_candidates(gd, S, B, free, options, fixed):
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
            mark_sampled(gd, S, B, "beliefs deterring the off-path messages only sampled")
            continue
        if found is None:
            continue
        rep = group is not None
        if rep:
            found_groups.append(group)
        moves = (rep and not values_pinned(gd, S, B, free, options)) or \
            (found.family and payoffs_move(gd, S, B, x))
        yield replace(found, family=found.family or rep, moves=moves, sampled=rep)


def solution_at(gd: BeliefGame, S: tuple[tuple[int, ...], ...], B: tuple[tuple[int, ...], ...],
                x: dict[int, Any]) -> BeliefSolution | None:
    """The solution of one support pattern at given on-path posteriors ``x``
    (``{message: posterior of the first type}``), or None when there is none.
    ``family`` says whether the receiver's mixing is not unique there (then the one
    returned deters every off-path message; see :func:`rho_with_deterrence`).

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> gd = fast_game(beer_quiche())  # both drink beer; duel after quiche
    >>> solution_at(gd, ((0,), (0,)), ((1,), (0,)), {0: gd.prior[0]}).values
    [Fraction(2, 1), Fraction(3, 1)]
    """
    on = sorted(x)
    sigma = sender_probabilities(gd, S, x)
    if sigma is None:
        return None
    res = rho_with_deterrence(gd, S, B, x, on)
    if res is None:
        return None
    rho, values, family = res
    off = off_path_sets(gd, B, on, values, off_path_deterrence)
    if off is None:
        return None
    for found in off.values():
        rho.update(found[2])
    if callable(sigma):  # computed lazily (see sender_probabilities)
        sigma = sigma()
    return BeliefSolution(tuple(S), tuple(B), sigma, rho, x, values, off, family)


#: The note of an equilibrium that stands for a continuum: on-path posteriors, the
#: receiver's or the sender's mixing vary along it (the others' strategies fixed).
CONTINUUM_NOTE = ("one representative of a continuum of equilibria (mixing probabilities "
                  "or posteriors vary along it)")


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


def outcome_checks(gd: BeliefGame, B: tuple[tuple[int, ...], ...], on: Collection[int],
                   values: Sequence) -> tuple | None:
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
    off = off_path_sets(gd, B, on, values, off_path_deterrence)
    if off is None:
        return None
    return off, *verdicts(gd, on, values)


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
        ic = intuitive_holds(gd, on, sol.values) if refine else None
        d1 = d1_holds(gd, on, sol.values) if refine else None
        if sol.family and refine and verdicts_may_vary_beliefs(gd.n_messages, on, sol.moves):
            notes += (VERDICT_NOTE,)  # the verdicts are the representative's
    return assemble(gd, sol, beliefs, ic=ic, d1=d1, method=method, notes=notes)


def sender_mixing_varies(gd: BeliefGame, S: tuple[tuple[int, ...], ...], x: dict[int, Any]) -> bool:
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
