"""Belief-dependent payoffs with any number of sender types: posteriors in the simplex.

With three or more types the posterior after a message is a point of the simplex, so the
two-type engine's interval arithmetic on ``mu(first type)`` does not apply.  This module
solves *numeric* games whose payoffs are polynomials (rational coefficients) in the belief
symbols, exactly, pattern by pattern, reusing :mod:`.belief_engine`'s pieces:

* **pure senders** (every type sends one message): on-path posteriors are the rational
  Bayes posteriors, so every on-path condition is linear in the receiver's mixing and
  :func:`~.belief_engine.receiver_mixing` (the engine's exact LP) decides it;
* **mixing senders**: the unknowns are the mixing probabilities of the types that mix and
  of the receiver at on-path messages; the receiver's and the mixing types' indifference
  conditions are a polynomial system (denominators of Bayes' rule cleared), solved exactly
  by sympy when it has finitely many solutions (algebraic numbers stay exact); a
  positive-dimensional solution set gets a rational representative and a note;
* **off-path messages**: the belief set is the semi-algebraic set where the receiver's
  support is a best response and no type gains by sending the message; it is reported
  as a :class:`~alliance_games.beliefs.BeliefSet` whose constraints are those polynomial
  inequalities and whose point is an exact witness, found (or proved not to exist) by the
  cylindrical decomposition of :mod:`.semialgebraic`.  Where a question cannot be decided
  exactly (four or more types with nonlinear payoffs; an off-path mixture whose
  deterrence depends on the belief and is found at no sample point) the pattern is left
  out *and the result says so* in ``SolveResult.notes``.

The Intuitive Criterion and D1 are not computed here (``None``, with a note).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

import sympy as sp

from ..beliefs import BeliefSet
from ..equilibrium import Equilibrium, SolveResult
from ..errors import UnsupportedGameError
from ..game import SignallingGame
from .algebraic import AlgebraicContext, linear_solve
from .assemble import pattern_label
from .belief_engine import (
    BeliefBackend,
    BeliefGame,
    BeliefSolution,
    assemble,
    off_path_sets,
    receiver_mixing,
    strict_mixture,
)
from .patterns import nonempty_subsets
from .semialgebraic import Search, find_point

__all__ = ["METHOD", "SIMPLEX", "Posterior", "simplex_game", "solve_simplex_game"]

METHOD = "belief-dependent support enumeration over the simplex (exact)"
REFINE_NOTE = ("the Intuitive Criterion and D1 are not computed for belief-dependent "
               "payoffs with three or more types (reported as None)")
MIXING_NOTE = ("patterns in which a sender type mixes are not solved for belief-dependent "
               "payoffs with three or more types (only pure-sender equilibria are listed)")
CONTINUUM_NOTE = ("one representative of a continuum of equilibria (mixing probabilities "
                  "or posteriors vary along it)")

ALG = AlgebraicContext()


def _unsupported(*_args):
    raise NotImplementedError("sets of beliefs in the simplex live in .semialgebraic")


def _make_backend() -> BeliefBackend:
    """Numbers are sympy algebraic numbers, functions of the belief sympy polynomials in
    the belief symbols, a belief a tuple (one entry per type); sets are not used."""
    return BeliefBackend(
        zero=sp.Integer(0), one=sp.Integer(1), x=None, unit=None, lp=ALG,
        rational=sp.Rational, sign=ALG.sign, cmp=lambda a, b: ALG.sign(ALG.simplify(a - b)),
        simplify=ALG.simplify, midpoint=lambda lo, hi: (lo + hi) / 2, to_sympy=sp.sympify,
        value_to_sympy=ALG.simplify, total=lambda terms: ALG.simplify(sp.Add(*terms)),
        at=lambda f, pt: ALG.simplify(sp.sympify(f).xreplace(pt.subs)),
        is_const=lambda f: not sp.sympify(f).free_symbols, const_value=lambda f: f,
        solve_rel=_unsupported, is_empty=_unsupported, contains=_unsupported,
        points=_unsupported, pieces=_unsupported, inf=_unsupported, sup=_unsupported,
        intersect=_unsupported, minus=_unsupported, open_interval=_unsupported,
        point_set=_unsupported, set_to_sympy=_unsupported, critical_points=_unsupported,
        posterior_solutions=_unsupported, linear_solve=linear_solve)


#: The engine's backend for posteriors in the simplex (numbers: sympy algebraic numbers).
SIMPLEX = _make_backend()


class Posterior(tuple):
    """A belief: a tuple of exact probabilities in type order that knows its symbols.

    Examples
    --------
    >>> a, b = sp.symbols("a b")
    >>> SIMPLEX.at(a * b, Posterior(["1/2", "1/2"], (a, b)))
    1/4
    """

    subs: dict

    def __new__(cls, values, symbols):
        obj = super().__new__(cls, tuple(sp.sympify(v) for v in values))
        obj.subs = dict(zip(symbols, obj))
        return obj


def simplex_game(game: SignallingGame) -> BeliefGame:
    """The game on the simplex backend: payoffs as sympy polynomials in the belief symbols.

    Raises :class:`~alliance_games.errors.UnsupportedGameError` naming the first payoff
    that is not a polynomial with rational coefficients in the beliefs.

    Examples
    --------
    >>> from alliance_games import SignallingGame, belief
    >>> g = SignallingGame.from_arrays(["1/3"] * 3, [[[0, 1]]] * 3,
    ...     [[[1, belief("A")]], [[0, 0]], [[0, 1]]], types=["A", "B", "C"])
    >>> gd = simplex_game(g)
    >>> gd.n_types, gd.expected[0][1]
    (3, mu_A**2 + mu_C)
    """
    syms = game.belief_symbols
    if game.is_parametric:
        raise UnsupportedGameError("belief-dependent payoffs with three or more types: the "
                                   "game must be numeric (substitute parameter values)")
    for i, p in enumerate(game.prior):
        if sp.sympify(p) == 0:
            raise UnsupportedGameError(
                f"prior of type {game.types[i]!r} is 0: belief-dependent payoffs with three or "
                "more types need a positive prior for every type (drop the type)")

    def conv(tab, who):
        out = []
        for t, rows in enumerate(tab):
            out.append([])
            for m, row in enumerate(rows):
                out[-1].append([])
                for a, e in enumerate(row):
                    e = sp.expand(sp.sympify(e))
                    try:
                        poly = sp.Poly(e, *syms)
                        ok = poly.domain.is_QQ or poly.domain.is_ZZ
                    except sp.PolynomialError:
                        ok = False
                    if not ok:
                        raise UnsupportedGameError(
                            f"{who} payoff of type {game.types[t]!r} after message "
                            f"{game.messages[m]!r}, action {game.actions[m][a]!r} is {e}: "
                            "with three or more types payoffs must be polynomials with "
                            "rational coefficients in the beliefs")
                    out[-1][-1].append(e)
        return out

    u = conv(game.sender_payoffs, "sender")
    v = conv(game.receiver_payoffs, "receiver")
    n_actions = tuple(len(a) for a in game.actions)
    expected = [[sp.expand(sp.Add(*[mu * v[t][m][a] for t, mu in enumerate(syms)]))
                 for a in range(n_actions[m])] for m in range(len(n_actions))]
    prior = [sp.sympify(p) for p in game.prior]
    return BeliefGame(len(game.types), n_actions, prior, u, v, game=game, ctx=SIMPLEX,
                      expected=expected)


class _Undecided(Exception):
    """A question of one pattern that could not be decided exactly."""


def _gains(gd: BeliefGame, m: int, B) -> list[sp.Expr]:
    """``E[a] - E[b] >= 0`` for each ``a`` in the support and every other action ``b``."""
    return [sp.expand(gd.expected[m][a] - gd.expected[m][b])
            for a in B for b in range(gd.n_actions[m]) if b != a]


def _search(gd: BeliefGame, constraints: list[sp.Expr]) -> Search:
    key = ("search", frozenset(constraints))
    hit = gd.cache.get(key)
    if hit is None:
        hit = gd.cache[key] = find_point([(e, ">=") for e in constraints],
                                         gd.game.belief_symbols)
    return hit


def _br_nonempty(gd: BeliefGame, m: int, B) -> Search:
    return _search(gd, _gains(gd, m, B))


def _off_path(gd: BeliefGame, m: int, B, values):
    """The belief set after off-path message ``m`` answered by support ``B``:
    ``(constraints, witness, {(m, a): prob})`` or None (proved impossible); raises
    :class:`_Undecided`."""
    syms = gd.game.belief_symbols
    gains = _gains(gd, m, B)
    if len(B) == 1:
        (a,) = B
        deter = [sp.expand(values[t] - gd.u[t][m][a]) for t in range(gd.n_types)]
        found = _search(gd, gains + deter)
        if found.point is None:
            if not found.decided:
                raise _Undecided(found.reason)
            return None
        return gains + deter, found.point, {(m, a): sp.Integer(1)}
    if len(B) == 2:
        found = _search_mixture(gd, m, B, gains, values)
        candidates = [] if found.point is None else [found.point]
        if found.point is None and not found.decided:
            raise _Undecided(found.reason)
    else:
        region = _br_nonempty(gd, m, B)
        if region.point is None:
            if not region.decided:
                raise _Undecided(region.reason)
            return None
        candidates = [region.point]
        fixed = all(not sp.sympify(gd.u[t][m][a]).free_symbols
                    for t in range(gd.n_types) for a in B)
        if not fixed:  # deterrence depends on the belief: try more points of the region
            candidates += [pt for pt in _grid(gd.n_types, 12) if all(
                ALG.sign(g.xreplace(dict(zip(syms, pt)))) >= 0 for g in gains)]
    for pt in candidates:
        post = Posterior(pt, syms)
        mix = strict_mixture(gd, m, list(B), post, values)
        if mix is not None:
            rho = {(m, a): sp.sympify(p) for a, p in zip(B, mix)}
            deter = [sp.expand(values[t] - sp.Add(*[rho[(m, a)] * gd.u[t][m][a] for a in B]))
                     for t in range(gd.n_types)]
            return gains + deter, post, rho
    if len(B) == 2 or fixed:
        return None  # proved: no belief in the region sustains a deterring mixture
    raise _Undecided(f"after message {gd.game.messages[m]!r} no sample belief sustains a "
                     f"mixture over {[gd.game.actions[m][a] for a in B]}")


def _search_mixture(gd: BeliefGame, m: int, B, gains, values) -> Search:
    """Beliefs at which both actions of ``B`` are best responses and some mixture
    ``lam * B[0] + (1 - lam) * B[1]``, ``0 < lam < 1``, deters every type.

    With ``g_ta`` type t's gain from the deviation answered by action ``a``, ``a_t = g_t0 -
    g_t1`` and ``b_t = g_t1``, type t is deterred iff ``lam * a_t + b_t <= 0``: an upper
    bound ``-b_t / a_t`` on ``lam`` (``a_t > 0``), a lower bound (``a_t < 0``) or the
    condition ``b_t <= 0``; the bounds leave some ``lam`` in ``(0, 1)`` iff every upper
    bound is positive (``b_t < 0``), every lower bound is below 1 (``a_s + b_s < 0``) and
    every lower bound is at most every upper bound (``b_t a_s - b_s a_t >= 0``).  This
    quantifier-free condition is decided exactly by :func:`.semialgebraic.find_point`.
    """
    n = gd.n_types
    g = [[sp.expand(gd.u[t][m][a] - values[t]) for a in B] for t in range(n)]
    a_ = [sp.expand(g[t][0] - g[t][1]) for t in range(n)]
    b_ = [g[t][1] for t in range(n)]
    pairs = [(s, t) for s in range(n) for t in range(n) if s != t]
    polys = a_ + b_ + [g[t][0] for t in range(n)] + [
        sp.expand(b_[t] * a_[s] - b_[s] * a_[t]) for s, t in pairs]

    def accept(signs) -> bool:
        sa, sb, s0, cross = signs[:n], signs[n:2 * n], signs[2 * n:3 * n], signs[3 * n:]
        for t in range(n):
            if (sa[t] == 0 and sb[t] > 0) or (sa[t] > 0 and sb[t] >= 0) or (
                    sa[t] < 0 and s0[t] >= 0):
                return False
        return all(c >= 0 for (s, t), c in zip(pairs, cross) if sa[s] < 0 < sa[t])

    key = ("mixture", m, tuple(B), tuple(values))
    hit = gd.cache.get(key)
    if hit is None:
        hit = gd.cache[key] = find_point([(e, ">=") for e in gains], gd.game.belief_symbols,
                                         extra=(polys, accept))
    return hit


def _grid(n: int, den: int) -> Iterator[tuple]:
    def rec(prefix, left):
        if len(prefix) == n - 1:
            yield tuple(sp.Rational(i, den) for i in prefix) + (sp.Rational(left, den),)
            return
        for i in range(left + 1):
            yield from rec(prefix + [i], left - i)
    yield from rec([], den)


def _belief_set(gd: BeliefGame, constraints, point) -> BeliefSet:
    """The reported set: each constraint ``e >= 0`` that is not constant on the simplex."""
    syms = gd.game.belief_symbols
    last = {syms[-1]: 1 - sp.Add(*syms[:-1])}
    rel = tuple(sp.Ge(e, 0) for e in constraints
                if sp.expand(sp.sympify(e).xreplace(last)).free_symbols)
    return BeliefSet(gd.game.types, rel, None, tuple(point))


def _best_responses(gd: BeliefGame, m: int, post) -> list[int]:
    vals = [SIMPLEX.at(e, post) for e in gd.expected[m]]
    best = vals[0]
    for v in vals[1:]:
        if SIMPLEX.cmp(v, best) > 0:
            best = v
    return [a for a, v in enumerate(vals) if SIMPLEX.cmp(v, best) == 0]


def _solve_pure(gd: BeliefGame, S, B, x) -> tuple | None:
    """A pattern in which every type sends one message: (solution, beliefs) or None."""
    bounds, dependent = [], []
    for m in range(gd.n_messages):
        if m in x or len(B[m]) != 1:
            continue
        a = B[m][0]
        if all(not sp.sympify(gd.u[t][m][a]).free_symbols for t in range(gd.n_types)):
            bounds.extend((t, gd.u[t][m][a]) for t in range(gd.n_types))
        else:
            dependent.append((m, a))
    res = receiver_mixing(gd, S, B, x, bounds)
    if res is None:
        return None
    rho, values, family = res
    off = off_path_sets(gd, B, x, values, _off_path)
    mixed_off = any(m not in x and len(B[m]) > 1 for m in range(gd.n_messages))
    if off is None and family and (dependent or mixed_off):
        # the on-path mixing is not unique: ask it to deter at a witness of each
        # belief-dependent deviation's best-response region (sufficient, exact); an
        # off-path mixture may need another member of the family (its deterrence is
        # joint with the on-path mixing): never "no equilibrium" without proof
        extra = list(bounds)
        for m, a in dependent:
            region = _br_nonempty(gd, m, [a])
            if region.point is None:
                return None
            post = Posterior(region.point, gd.game.belief_symbols)
            extra.extend((t, SIMPLEX.at(gd.u[t][m][a], post)) for t in range(gd.n_types))
        res = receiver_mixing(gd, S, B, x, extra)
        if res is None:
            raise _Undecided("a family of on-path mixtures: no member found that deters "
                             "every belief-dependent deviation at the tried beliefs")
        rho, values, family = res
        off = off_path_sets(gd, B, x, values, _off_path)
        if off is None:
            raise _Undecided("a family of on-path mixtures: no member found that deters "
                             "every belief-dependent deviation at the tried beliefs")
    if off is None:
        return None
    for _, _, mix in off.values():
        rho.update(mix)
    sigma = {(t, S[t][0]): sp.Integer(1) for t in range(gd.n_types)}
    sol = BeliefSolution(tuple(S), tuple(B), sigma, rho, x, values, off, family)
    return sol


def _posterior(gd: BeliefGame, weights) -> Posterior:
    total = sp.Add(*weights)
    return Posterior([w / total for w in weights], gd.game.belief_symbols)


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
            x[m] = _posterior(gd, [gd.prior[t] if sent[t] == m else 0 for t in range(n_t)])
        choices = []
        for m in range(n_m):
            if m in x:
                br = _best_responses(gd, m, x[m])
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
        Requested refinements are reported as None with a note (not computed here).

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
    out: list[Equilibrium] = []
    notes: list[str] = []
    for S, B, x in _pure_patterns(gd, pure):
        try:
            sol = _solve_pure(gd, S, B, x)
        except _Undecided as exc:
            notes.append(f"pattern {pattern_label(game, S, B)} left out, not decided "
                         f"exactly: {exc}")
            continue
        if sol is not None:
            out.append(_assemble(gd, sol, refine))
    if not pure:
        from_mixing, mixing_notes = _mixing_equilibria(gd, refine)
        out.extend(from_mixing)
        notes.extend(mixing_notes)
    return SolveResult(game, tuple(out), METHOD, pure=pure, notes=tuple(notes))


def _assemble(gd: BeliefGame, sol: BeliefSolution, refine: bool) -> Equilibrium:
    game = gd.game
    beliefs = {}
    for m in range(gd.n_messages):
        if m in sol.x:
            beliefs[game.messages[m]] = dict(zip(game.types, sol.x[m]))
        else:
            cons, point, _ = sol.off[m]
            beliefs[game.messages[m]] = _belief_set(gd, cons, point)
    notes = ((REFINE_NOTE,) if refine else ()) + ((CONTINUUM_NOTE,) if sol.family else ())
    return assemble(gd, sol, beliefs, ic=None, d1=None, method=METHOD, notes=notes)


def _mixing_equilibria(gd: BeliefGame, refine: bool) -> tuple[list, list]:
    """Patterns in which some type mixes: not solved here (the result says so)."""
    return [], [MIXING_NOTE]
