"""Belief-dependent payoffs with any number of sender types: posteriors in the simplex.

With three or more types the posterior after a message is a point of the simplex, so the
two-type engine's interval arithmetic on ``mu(first type)`` does not apply.  This module
solves *numeric* games whose payoffs are polynomials (rational coefficients) in the belief
symbols, exactly, pattern by pattern, reusing :mod:`.belief_engine`'s pieces:

* **pure senders** (every type sends one message): on-path posteriors are the rational
  Bayes posteriors, so every on-path condition is linear in the receiver's mixing and
  :func:`~.belief_mixing.receiver_mixing` (the engine's exact LP) decides it;
* **mixing senders**: the unknowns are the mixing probabilities of the types that mix and
  of the receiver at on-path messages; the receiver's and the mixing types' indifference
  conditions are a polynomial system (denominators of Bayes' rule cleared).  An equation
  with no zero where every probability lies in ``(0, 1)`` rules the pattern out at once
  (one-signed coefficients, or one unknown without a root there), and so does, with five
  or more unknowns, the box cut into pieces on each of which some equation has one sign
  (:func:`.bernstein.no_common_zero`); otherwise a lex Groebner basis eliminates the
  receiver's probabilities; when the sender's are isolated, every real solution is found
  exactly (algebraic numbers stay exact, one root object per pattern, kept canonical by
  :func:`~.simplex_backend.reduce_in_field`; where the basis does not give each
  coordinate in the last one's field, :func:`~.simplex_systems._shape_solutions`) and
  finished like a pure pattern (the receiver's exact LP, incentives, off-path sets).  A
  positive-dimensional set is decided exactly by the cylindrical decomposition when at
  most two probabilities are unknown once the others are eliminated through equations
  linear in them (a coefficient of one sign where every probability lies in ``(0, 1)``),
  or by :func:`.semialgebraic.find_point`'s reductions when three are, and no off-path
  deviation payoff depends on the belief (a representative is reported, with a note;
  where those reductions do not decide, a point near the numerically deepest one of
  inequalities, checked exactly, is a member); otherwise rational members are sampled,
  and a pattern with no sampled member is named in the notes as left out;
* **off-path messages**: the belief set is the semi-algebraic set where the receiver's
  support is a best response and no type gains by sending the message; it is reported as
  a :class:`~alliance_games.beliefs.BeliefSet` whose constraints are those polynomial
  inequalities and whose point is an exact witness, found (or proved not to exist) by the
  cylindrical decomposition of :mod:`.semialgebraic`.  The off-path mixture is kept
  rational so that those constraints have rational coefficients: where the witness is
  irrational, a rational mixture that deters there is taken
  (:func:`.belief_offpath.strict_mixture` with ``rational``; a pattern whose only
  deterring mixture there is irrational is left out).  When the receiver's on-path mixing
  is not unique and the member found is not deterred, a member that is deterred is found
  exactly from one linear system (:func:`.belief_mixing.mixing_with_beliefs`) whose
  variables are the mixing, the beliefs after the deviations and the off-path mixtures,
  when the deviations' payoffs and best-response sets are linear in the belief and the
  mixtures' payoffs do not depend on it; otherwise, for one deviation whose payoffs move
  with the belief, the mixing is eliminated and the belief found or proved absent by the
  decomposition (:func:`~.simplex_offpath._deterring_belief`, one action or a mixture of
  two; a rational member that deters there is taken where that belief is irrational) or,
  for a mixture of three or more actions, tried at each of the finitely many beliefs that
  make them best responses, its probabilities variables of the mixing's linear system (a
  rational member taken where that belief is irrational).  Where a question cannot be
  decided exactly (four or more types with nonlinear payoffs; an off-path mixture whose
  deterrence depends on the belief and is found at no sample point, or which is
  irrational; an off-path set when the equilibrium payoffs are irrational; indifference
  conditions of degree 3 or more in more than four unknown probabilities whose reduced
  system below is too large or a continuum, or with a continuum of solutions that neither
  its samples, nor halving the box, nor (with at most three unknowns) the exact search
  settles) the pattern is left out *and the result says so* in ``SolveResult.notes``.
  Systems of degree 3 or more in three or more sender probabilities go through a
  degree-reverse-lex basis (:func:`~.simplex_systems._finite_candidates`), the receiver's
  probabilities, in which they are linear, first eliminated through minors where that
  leaves a small system (:func:`~.simplex_systems._without_receiver`,
  :func:`~.simplex_systems._minor_candidates`,
  :func:`~.simplex_systems.large_candidates`); a system of any degree with more than four
  unknown probabilities tries that elimination before its lex basis too, once the
  receiver's probabilities that linear equations fix are substituted
  (:func:`~.simplex_systems._fixed_others`).  When such a system has a continuum of
  solutions, its members are sampled (:func:`~.simplex_mixing._sample_free`: sender
  probabilities fixed at rationals, the rest of the system, the receiver's probabilities
  included, solved exactly), and a member that is an equilibrium is reported as the
  continuum's representative; with none, halving the box of the unknowns
  (:func:`~.simplex_mixing._no_member`) and, with at most three unknowns, the exact
  search (:func:`~.simplex_mixing._box_search`) may show that the pattern has no
  equilibrium.

The Intuitive Criterion and D1 are those of :mod:`.refinements.beliefs` (the logic the
two-type engine uses too), with this module's oracle deciding each question on
semi-algebraic sets exactly; a question it cannot decide makes both None, with a note.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

import sympy as sp

from ..beliefs import BeliefSet
from ..equilibrium import Equilibrium, SolveResult
from ..game import SignallingGame
from .assemble import numbered, pattern_label
from .belief_engine import CONTINUUM_NOTE, assemble
from .belief_tables import BeliefGame, BeliefSolution
from .patterns import nonempty_subsets
from .refinements.beliefs import (
    passes_d1_beliefs,
    passes_intuitive_beliefs,
    verdicts_may_vary_beliefs,
)
from .refinements.family import VERDICT_NOTE
from .simplex_backend import (
    SimplexUndecided,
    bayes_posterior,
    best_responses,
    response_gains,
    simplex_game,
)
from .simplex_mixing import mixing_patterns, solve_mixing
from .simplex_offpath import find_cached, finish_pattern, outside_types, search_ge, simplex_off_path

__all__ = ["METHOD", "REFINE_NOTE", "solve_simplex_game"]


METHOD = "belief-dependent support enumeration over the simplex (exact)"


REFINE_NOTE = "the Intuitive Criterion and D1 are not decided exactly (reported as None)"


def _belief_set(gd: BeliefGame, constraints, point) -> BeliefSet:
    """The reported set: each constraint ``e >= 0`` that is not constant on the simplex."""
    syms = gd.game.belief_symbols
    last = {syms[-1]: 1 - sp.Add(*syms[:-1])}
    rel = tuple(sp.Ge(e, 0) for e in constraints
                if sp.expand(sp.sympify(e).xreplace(last)).free_symbols)
    return BeliefSet(gd.game.types, rel, None, tuple(point))


def _solve_pure(gd: BeliefGame, S, B, x) -> list[BeliefSolution]:
    """A pattern in which every type sends one message: its solution, if any."""
    sigma = {(t, S[t][0]): sp.Integer(1) for t in range(gd.n_types)}
    sol = finish_pattern(gd, S, B, x, sigma)
    return [] if sol is None else [sol]


def _pure_patterns(gd: BeliefGame, pure: bool) -> Iterator[tuple]:
    """(S, B, posteriors) for every pure-sender pattern whose on-path supports are best
    responses at the Bayes posteriors."""
    n_t, n_m = gd.n_types, gd.n_messages
    off_cands = {}
    for m in range(n_m):
        subsets = nonempty_subsets(gd.n_actions[m], 1 if pure else None)
        off_cands[m] = subsets
    for sent in product(range(n_m), repeat=n_t):
        S = tuple((m,) for m in sent)
        x = {}
        for m in sorted(set(sent)):
            x[m] = bayes_posterior(gd, [gd.prior[t] if sent[t] == m else 0 for t in range(n_t)])
        choices = []
        for m in range(n_m):
            if m in x:
                br = best_responses(gd, m, x[m])
                choices.append([B for B in nonempty_subsets(len(br), 1 if pure else None)])
                choices[-1] = [tuple(br[i] for i in B) for B in choices[-1]]
            else:
                choices.append(off_cands[m])
        for B in product(*choices):
            yield S, tuple(B), x


def solve_simplex_game(game: SignallingGame, *, pure: bool = False,
                       refine: bool = True) -> SolveResult:
    """All PBE of a numeric game with belief-dependent (polynomial) payoffs, any number of
    sender types, exactly.

    Parameters
    ----------
    game : SignallingGame
        Numeric; payoffs polynomials with rational coefficients in the belief symbols.
    pure : bool
        Only equilibria in which sender and receiver play pure strategies.
    refine : bool
        Decide the Intuitive Criterion and D1 (None, with a note, where not decided).

    Returns
    -------
    SolveResult
        One equilibrium per support pattern that has one; ``notes`` lists every pattern
        that could not be decided exactly (left out).

    Examples
    --------
    >>> from alliance_games import SignallingGame, belief
    >>> mu = belief("A")
    >>> g = SignallingGame.from_arrays(
    ...     ["1/3", "1/3", "1/3"],
    ...     [[[1, 0], [0, 0]], [[0, 1], [0, 0]], [[1, 1], [0, 0]]],
    ...     [[[1 + mu, mu], [1, 0]], [[0, 1], [1, 0]], [[0, 1], [1, 0]]],
    ...     types=["A", "B", "C"])
    >>> res = solve_simplex_game(g, pure=True)
    >>> sorted(e.label for e in res)[:1]
    ['A:m0 B:m0 C:m0 | m0:a1 m1:a0']
    """
    gd = simplex_game(game)
    out, notes, left = [], [], []
    _solve_each(gd, _pure_patterns(gd, pure), _solve_pure, refine, out, notes, left)
    if not pure:
        _solve_each(gd, mixing_patterns(gd), solve_mixing, refine, out, notes, left)
    return SolveResult(game, tuple(out), METHOD, pure=pure, notes=tuple(notes),
                       undecided_patterns=tuple(left))


def _assemble(gd: BeliefGame, sol: BeliefSolution, refine: bool) -> Equilibrium:
    game = gd.game
    beliefs = {}
    for m in range(gd.n_messages):
        if m in sol.x:
            beliefs[game.messages[m]] = dict(zip(game.types, sol.x[m]))
        else:
            cons, point, _ = sol.off[m]
            beliefs[game.messages[m]] = _belief_set(gd, cons, point)
    notes = (CONTINUUM_NOTE,) if sol.family else ()
    ic = d1 = None
    if refine:
        try:
            oracle = _Oracle(gd)
            ic = passes_intuitive_beliefs(oracle, set(sol.x), sol.values)
            d1 = passes_d1_beliefs(oracle, set(sol.x), sol.values)
        except SimplexUndecided as exc:
            ic = d1 = None
            notes += (f"{REFINE_NOTE}: {exc}",)
        if sol.family and ic is not None and \
                verdicts_may_vary_beliefs(gd.n_messages, sol.x, sol.moves):
            notes += (VERDICT_NOTE,)  # the verdicts are the representative's
    return assemble(gd, sol, beliefs, ic=ic, d1=d1, method=METHOD, notes=notes)


class _Oracle:
    """The questions of :mod:`.refinements.beliefs` decided on semi-algebraic subsets of
    the simplex (:func:`.semialgebraic.find_point`); raises :class:`SimplexUndecided`."""

    def __init__(self, gd: BeliefGame) -> None:
        self.gd = gd
        self.n_types = gd.n_types
        self.n_messages = gd.n_messages

    def _exists(self, constraints: list) -> bool:
        found = search_ge(self.gd, [sp.expand(e) for e in constraints])
        if found.point is None and not found.decided:
            raise SimplexUndecided(found.reason)
        return found.point is not None

    def _check(self, values) -> None:
        if any(not sp.sympify(v).is_Rational for v in values):
            raise SimplexUndecided("irrational equilibrium payoffs with an off-path message")

    def reaches(self, m: int, t: int, value, domain: tuple) -> bool:
        self._check([value])
        gd = self.gd
        return any(self._exists(response_gains(gd, m, [a]) + outside_types(gd, domain)
                                + [gd.u[t][m][a] - value]) for a in range(gd.n_actions[m]))

    def always_gains(self, m: int, t: int, value, domain: tuple) -> bool:
        self._check([value])
        gd = self.gd
        return not any(self._exists(response_gains(gd, m, [a]) + outside_types(gd, domain)
                                    + [value - gd.u[t][m][a]])
                       for a in range(gd.n_actions[m]))

    def weak_implies_strict(self, m: int, t: int, t2: int, values) -> bool:
        """No (belief, mixture over best responses) has t's gain ``>= 0`` and t2's
        ``<= 0``: no single action, and no pair ``a, b`` with ``x_a > 0 > x_b`` and
        ``x_a y_b - x_b y_a <= 0`` (``x``, ``y`` the gains of t and t2; the mixture
        with ``x = 0`` on the segment has ``y <= 0``)."""
        self._check(values)
        gd = self.gd
        x = [gd.u[t][m][a] - values[t] for a in range(gd.n_actions[m])]
        y = [gd.u[t2][m][a] - values[t2] for a in range(gd.n_actions[m])]
        for a in range(gd.n_actions[m]):
            if self._exists(response_gains(gd, m, [a]) + [x[a], -y[a]]):
                return False
        for a in range(gd.n_actions[m]):
            for b in range(gd.n_actions[m]):
                if a == b:
                    continue
                found = find_cached(gd, [(g, ">=") for g in response_gains(gd, m, [a, b])] + [
                    (sp.expand(x[a]), ">"), (sp.expand(-x[b]), ">"),
                    (sp.expand(x[b] * y[a] - x[a] * y[b]), ">=")])
                if found.point is None and not found.decided:
                    raise SimplexUndecided(found.reason)
                if found.point is not None:
                    return False
        return True

    def deterred(self, m: int, values, domain: tuple) -> bool:
        self._check(values)
        gd = self.gd
        return any(simplex_off_path(gd, m, B, values, domain) is not None
                   for B in nonempty_subsets(gd.n_actions[m]))


def _solve_each(gd: BeliefGame, patterns, solve_one, refine: bool,
                out: list, notes: list, left: list) -> None:
    """Each pattern ``(S, B, *extra)`` solved by ``solve_one(gd, S, B, *extra)``: its
    equilibria (isolated ones, or a representative of a continuum; numbered when there
    are several) appended to ``out``; when it is not decided exactly, its label to
    ``left`` and a note naming it to ``notes``."""
    for S, B, *extra in patterns:
        try:
            sols = solve_one(gd, S, B, *extra)
        except SimplexUndecided as exc:
            left.append(pattern_label(gd.game, S, B))
            notes.append(f"pattern {left[-1]} left out, not decided exactly: {exc}")
            continue
        out.extend(numbered([_assemble(gd, sol, refine) for sol in sols]))
