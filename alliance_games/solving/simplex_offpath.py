"""Off-path messages in the simplex engine, and the finishing of a pattern.

The belief set after an off-path message is the semi-algebraic set where the receiver's
support is a best response and no type gains by sending it (:func:`simplex_off_path`),
decided by the cylindrical decomposition of :mod:`.semialgebraic`, its off-path mixture
kept rational.  :func:`finish_pattern` completes a pattern once the sender's mixing and
the posteriors are known (the receiver's exact LP, incentives, off-path sets), finding a
member of a continuum of receiver mixings that deters the deviations
(:func:`_deterred_member`, :func:`_deterring_belief`) when the first one found does not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import sympy as sp

from .belief_mixing import (
    mixing_system,
    mixing_with_beliefs,
    payoff_form,
    payoffs_move,
    receiver_mixing,
)
from .belief_offpath import off_path_sets, strict_mixture
from .belief_plane import eliminated, plane_point
from .belief_tables import BeliefGame, BeliefSolution
from .bernstein import bernstein_coefficients
from .semialgebraic import Search, all_points, find_point, signs_on_simplex
from .simplex_backend import (
    ALG,
    SIMPLEX,
    Posterior,
    SimplexUndecided,
    payoffs_depend,
    response_gains,
)
from .simplex_systems import real_solutions

__all__ = ["LAST_MIXTURE_ROWS", "MAX_MIXTURE_ROWS", "find_cached", "finish_pattern",
           "outside_types", "search_ge", "simplex_off_path"]


#: Rows in the off-path mixture's probability above which :func:`_deterring_belief`
#: leaves the question to its caller's sufficient check (and a note): each pair of rows
#: adds a polynomial to the decomposition, whose cost grows with their number squared.
MAX_MIXTURE_ROWS = 6


#: The same limit once the cheaper sufficient check has failed, before the pattern is
#: left out (linear seed 60 of ``benchmarks/survey_simplex.py``: 9 rows, decided in 11 s;
#: three-action seed 211: 11 rows, no equilibrium, in about a second; 4 rows each since
#: :func:`.belief_plane.eliminated` substitutes through the mixing's equations).
LAST_MIXTURE_ROWS = 16


def find_cached(gd: BeliefGame, pairs: list[tuple]) -> Search:
    """:func:`.semialgebraic.find_point` of the conditions ``(expr, rel)``, once per set
    of conditions (the game's cache: patterns with the same equilibrium payoffs ask the
    refinements' questions again).

    Examples
    --------
    A belief with ``mu_A > mu_B`` and ``mu_C = 0``; the same conditions in another order
    find the same answer, from the cache:

    >>> from alliance_games import SignallingGame
    >>> from alliance_games.solving.simplex_backend import simplex_game
    >>> g = simplex_game(SignallingGame.from_arrays(["1/3"] * 3, [[[0]]] * 3, [[[0]]] * 3,
    ...     types=["A", "B", "C"]))
    >>> A, B, C = g.game.belief_symbols
    >>> found = find_cached(g, [(A - B, ">"), (C, "==")])
    >>> found.point, found is find_cached(g, [(C, "=="), (A - B, ">")])
    ((2/3, 1/3, 0), True)
    """
    key = ("find", frozenset(pairs))
    hit = gd.cache.get(key)
    if hit is None:
        hit = gd.cache[key] = find_point(list(pairs), gd.game.belief_symbols)
    return hit


def search_ge(gd: BeliefGame, constraints: list[sp.Expr]) -> Search:
    """:func:`find_cached` of the conditions ``c >= 0`` for each of ``constraints``.

    Examples
    --------
    >>> from alliance_games import SignallingGame
    >>> from alliance_games.solving.simplex_backend import simplex_game
    >>> g = simplex_game(SignallingGame.from_arrays(["1/3"] * 3, [[[0]]] * 3, [[[0]]] * 3,
    ...     types=["A", "B", "C"]))
    >>> A, B, C = g.game.belief_symbols
    >>> search_ge(g, [A - sp.Rational(1, 2), B - sp.Rational(1, 2)]).point is not None
    True
    >>> search_ge(g, [A - sp.Rational(2, 3), B - sp.Rational(1, 2)]).point is None
    True
    """
    return find_cached(gd, [(e, ">=") for e in constraints])


def _br_nonempty(gd: BeliefGame, m: int, B) -> Search:
    return search_ge(gd, response_gains(gd, m, B))


def simplex_off_path(gd: BeliefGame, m: int, B: Sequence[int], values: Sequence[sp.Expr],
                     domain: tuple | None = None
                     ) -> tuple[list[sp.Expr], tuple, dict[tuple[int, int], sp.Expr]] | None:
    """The belief set after off-path message ``m`` answered by support ``B`` (beliefs
    on the types in ``domain``, default all): ``(constraints, witness, {(m, a): prob})``
    or None (proved impossible); raises :class:`SimplexUndecided`.

    Examples
    --------
    After m1, a1 gives the types 1, 0 and 0: it deters every type when their equilibrium
    payoffs are (1, 0, 1), at the belief (0, 0, 1) for one (where a1 is the receiver's
    best response); not when A's is 0.

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.simplex_backend import simplex_game
    >>> a, b, c = (belief(t) for t in "ABC")
    >>> gd = simplex_game(SignallingGame.from_arrays(["1/3"] * 3,
    ...     [[[1, 0], [0, 1]], [[0, 1], [1, 0]], [[1, 0], [1, 0]]],
    ...     [[[a, 0], [0, b]], [[0, 1 - a], [c, 0]], [[c, 0], [0, 1]]], types=list("ABC")))
    >>> constraints, witness, rho = simplex_off_path(gd, 1, (1,), sp.sympify([1, 0, 1]))
    >>> witness, rho
    ((0, 0, 1), {(1, 1): 1})
    >>> simplex_off_path(gd, 1, (1,), sp.sympify([0, 0, 1])) is None
    True
    """
    syms = gd.game.belief_symbols
    if any(not sp.sympify(v).is_Rational for v in values):
        raise SimplexUndecided("an off-path belief set where the equilibrium payoffs are "
                               "irrational (its constraints would have irrational coefficients)")
    gains = response_gains(gd, m, B) + outside_types(gd, domain)
    if len(B) == 1:
        (a,) = B
        deter = [sp.expand(values[t] - gd.u[t][m][a]) for t in range(gd.n_types)]
        found = search_ge(gd, gains + deter)
        if found.point is None:
            if not found.decided:
                raise SimplexUndecided(found.reason)
            return None
        return gains + deter, found.point, {(m, a): sp.Integer(1)}
    if len(B) == 2:
        found = _search_mixture(gd, m, B, gains, values)
        candidates = [] if found.point is None else [found.point]
        if found.point is None and not found.decided:
            raise SimplexUndecided(found.reason)
    else:
        region = search_ge(gd, gains)  # (a best-response belief in ``domain``)
        if region.point is None:
            if not region.decided:
                raise SimplexUndecided(region.reason)
            return None
        candidates = [region.point]
        fixed = not payoffs_depend(gd, m, B)
        if not fixed:  # deterrence depends on the belief: every point of a finite region,
            # else more points of the region
            points = _region_points(gd, m, B, gains, domain)
            fixed = points is not None
            candidates = points if fixed else candidates + [
                pt for pt in _grid(gd.n_types, 12)
                if all(ALG.sign(g.xreplace(dict(zip(syms, pt)))) >= 0 for g in gains)]
    for pt in candidates:
        post = Posterior(pt, syms)
        mix = strict_mixture(gd, m, list(B), post, values, rational=domain is None)
        if mix is not None and domain is None and any(not sp.sympify(p).is_Rational
                                                      for p in mix):
            raise SimplexUndecided(f"after message {gd.game.messages[m]!r} the deterring mixture "
                                   "found is irrational (its belief set's constraints would have "
                                   "irrational coefficients)")
        if mix is not None:
            rho = {(m, a): sp.sympify(p) for a, p in zip(B, mix)}
            deter = [sp.expand(values[t] - sp.Add(*[rho[(m, a)] * gd.u[t][m][a] for a in B]))
                     for t in range(gd.n_types)]
            return gains + deter, post, rho
    if len(B) == 2 or fixed:
        return None  # proved: no belief in the region sustains a deterring mixture
    raise SimplexUndecided(f"after message {gd.game.messages[m]!r} no sample belief sustains a "
                           f"mixture over {[gd.game.actions[m][a] for a in B]}")


def _region_points(gd: BeliefGame, m: int, B, gains, domain) -> list | None:
    """Every belief at which all of ``B`` (two or more actions) are best responses after
    ``m`` (in ``domain``), when they are finitely many, else None.

    Where the indifferences between the actions of ``B`` (and ``mu_t = 0`` for each type
    outside ``domain``), in the free coordinates of the simplex, have a zero-dimensional
    ideal, its real solutions in the simplex where ``gains`` hold are found exactly by
    :func:`real_solutions`, each in one root's field (so that the engine's exact
    arithmetic on them stays in that field); the cylindrical decomposition's points
    (:func:`.all_points`) where no linear form tried puts the ideal in shape position.
    Otherwise (one indifference curve, or two actions the receiver values alike) the
    decomposition decides whether the curve meets the simplex where ``gains`` hold in
    finitely many points, and lists them.

    Examples
    --------
    The receiver is indifferent among three actions after ``m0`` only where ``mu_A =
    mu_B`` and ``2 mu_A mu_B = mu_C``: one irrational point.

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.simplex_backend import simplex_game
    >>> a, b, c = belief("A"), belief("B"), belief("C")
    >>> g = simplex_game(SignallingGame.from_arrays(
    ...     ["1/3", "1/3", "1/3"], [[[0, 0, 0]]] * 3,
    ...     [[[a, b, 2 * a * b - c + a]]] * 3, types=["A", "B", "C"]))
    >>> _region_points(g, 0, (0, 1, 2), response_gains(g, 0, (0, 1, 2)), None)
    [(-1/2 + sqrt(3)/2, -1/2 + sqrt(3)/2, 2 - sqrt(3))]
    """
    syms = gd.game.belief_symbols
    eqs = [sp.expand(gd.expected[m][B[0]] - gd.expected[m][b]) for b in B[1:]]
    eqs += [syms[t] for t in range(gd.n_types) if domain is not None and t not in domain]
    key = ("points", m, tuple(B), domain)
    if key in gd.cache:
        return gd.cache[key]
    free = list(syms[:-1])
    last = {syms[-1]: 1 - sp.Add(*free)}
    polys = [e for e in (sp.expand(e.xreplace(last)) for e in eqs) if e != 0]
    # a set that is not zero-dimensional in the plane may still meet the simplex and
    # ``gains`` in finitely many points: the decomposition decides (None: a continuum)
    rest = [(e, "==") for e in eqs] + [(g, ">=") for g in gains]
    if any(e.is_number for e in polys):
        out = []
    elif not polys:
        out = all_points(rest, syms)
    else:
        G = sp.groebner(polys, *free, order="lex")
        if list(G.exprs) == [1]:
            out = []
        elif not G.is_zero_dimensional:
            out = all_points(rest, syms)
        else:
            try:
                found = real_solutions(list(G.exprs), free, closed=True)
            except SimplexUndecided:
                found = None
            if found is None:
                out = all_points(rest, syms)
            else:
                out = []
                for pt in found:
                    full = pt + (ALG.simplify(1 - sp.Add(*pt)),)
                    at = dict(zip(syms, full))
                    if ALG.sign(full[-1]) >= 0 and all(
                            ALG.sign(g.xreplace(at)) >= 0 for g in gains):
                        out.append(full)
    gd.cache[key] = out
    return out


def _search_mixture(gd: BeliefGame, m: int, B, gains, values) -> Search:
    """Beliefs at which both actions of ``B`` are best responses and some mixture
    ``lam * B[0] + (1 - lam) * B[1]``, ``0 < lam < 1``, deters every type.

    With ``g_ta`` type t's gain from the deviation answered by action ``a``, ``a_t = g_t0 -
    g_t1`` and ``b_t = g_t1``, type t is deterred iff ``lam * a_t + b_t <= 0``: an upper
    bound ``-b_t / a_t`` on ``lam`` (``a_t > 0``), a lower bound (``a_t < 0``) or the
    condition ``b_t <= 0``; the bounds leave some ``lam`` in ``(0, 1)`` iff every upper
    bound is positive (``b_t < 0``), every lower bound is below 1 (``a_s + b_s < 0``) and
    every lower bound is at most every upper bound (``b_t a_s - b_s a_t >= 0``).  This
    quantifier-free condition is decided exactly by :func:`.semialgebraic.find_point`,
    with the ordinary constraints :func:`_deterrence_constraints` reads off first (which
    the reductions there can use, the predicate they cannot), or proved empty by them.
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
        if not all(_deters(s0[t], sb[t]) for t in range(n)):
            return False
        return all(c >= 0 for (s, t), c in zip(pairs, cross) if sa[s] < 0 < sa[t])

    key = ("mixture", m, tuple(B), tuple(values), tuple(gains))
    hit = gd.cache.get(key)
    if hit is None:
        implied = _deterrence_constraints(g, gd.game.belief_symbols)
        hit = gd.cache[key] = Search(None) if implied is None else find_point(
            [(e, ">=") for e in gains] + implied, gd.game.belief_symbols,
            extra=(polys, accept))
    return hit


def _deters(s0: int, s1: int) -> bool:
    """Whether some ``lam`` in ``(0, 1)`` has ``lam * g0 + (1 - lam) * g1 <= 0``, from the
    signs of ``g0`` and ``g1``: not when both are at least 0 and one is positive."""
    return not (s0 >= 0 and s1 >= 0 and (s0 > 0 or s1 > 0))


def _deterrence_constraints(g: list, symbols) -> list[tuple[sp.Expr, str]] | None:
    """Ordinary constraints implied by "some ``lam`` in ``(0, 1)`` deters every type",
    each type ``t`` gaining ``g[t][0]`` (``g[t][1]``) from the deviation answered by the
    first (second) action; None when some type is deterred nowhere on the simplex.

    From the signs each gain may take on the simplex
    (:func:`.semialgebraic.signs_on_simplex`): a type none of whose possible sign pairs
    is deterred proves the set empty; a gain that is at least 0 everywhere needs the
    other gain at most 0 (below 0 if the first is positive everywhere); a type ``s``
    that only a large enough ``lam`` can deter (``g0 < 0 < g1``: ``lam >= g1 / (g1 -
    g0)``) and a type ``t`` that only a small enough one can (``g0 > 0 > g1``) need the
    first bound at most the second, ``g0_s g1_t - g1_s g0_t >= 0``.

    Examples
    --------
    >>> a, b = sp.symbols("a b")
    >>> _deterrence_constraints([[sp.Integer(0), a - 1]], (a, b))
    [(1 - a, '>=')]
    >>> _deterrence_constraints([[-b, sp.Integer(4)], [a + 1, -sp.Integer(1)]], (a, b))
    [(b, '>'), (-4*a + b - 4, '>=')]
    >>> _deterrence_constraints([[a + 1, sp.Integer(2)]], (a, b)) is None
    True
    """
    out: list[tuple[sp.Expr, str]] = []
    lower, upper = [], []
    for t, gt in enumerate(g):
        possible = [signs_on_simplex(e, symbols) for e in gt]
        deterred = [(s0, s1) for s0 in possible[0] for s1 in possible[1] if _deters(s0, s1)]
        if not deterred:
            return None
        for i in (0, 1):
            other = gt[1 - i]
            if possible[i] <= {0, 1} and not other.is_number:
                out.append((sp.expand(-other), ">" if possible[i] == {1} else ">="))
        if all(s0 < 0 < s1 for s0, s1 in deterred):
            lower.append(t)
        if all(s1 < 0 < s0 for s0, s1 in deterred):
            upper.append(t)
    out += [(sp.expand(g[s][0] * g[t][1] - g[s][1] * g[t][0]), ">=")
            for s in lower for t in upper]
    return out


def outside_types(gd: BeliefGame, domain: tuple | None) -> list[sp.Expr]:
    """``-mu_t >= 0`` (so ``mu_t = 0``) for each type outside ``domain``.

    Examples
    --------
    >>> from alliance_games import SignallingGame
    >>> from alliance_games.solving.simplex_backend import simplex_game
    >>> g = simplex_game(SignallingGame.from_arrays(["1/3"] * 3, [[[0]]] * 3, [[[0]]] * 3,
    ...     types=["A", "B", "C"]))
    >>> outside_types(g, (0, 2)), outside_types(g, None)
    ([-mu_B], [])
    """
    if domain is None:
        return []
    syms = gd.game.belief_symbols
    return [-syms[t] for t in range(gd.n_types) if t not in domain]


def _grid(n: int, den: int) -> Iterator[tuple]:
    def rec(prefix, left):
        if len(prefix) == n - 1:
            yield tuple(sp.Rational(i, den) for i in prefix) + (sp.Rational(left, den),)
            return
        for i in range(left + 1):
            yield from rec(prefix + [i], left - i)
    yield from rec([], den)


def _linear_beliefs(gd: BeliefGame, dependent: list) -> list | None:
    """For each belief-dependent deviation ``(m, a)``, the ``beliefs`` entry of
    :func:`.belief_mixing.mixing_system`: the belief after ``m`` in the simplex where
    ``a`` is a best response, and each type's payoff from it, when all of these are
    linear in the belief; None otherwise."""
    syms = gd.game.belief_symbols
    one = sp.Integer(1)

    def linear(expr) -> tuple | None:
        expr = sp.expand(expr)
        if not expr.is_polynomial(*syms) or sp.Poly(expr, *syms).total_degree() > 1:
            return None
        return expr.xreplace({s: 0 for s in syms}), tuple(expr.coeff(s) for s in syms)

    out = []
    for m, a in dependent:
        rows = [(tuple(one for _ in syms), one, "eq")]
        for g in response_gains(gd, m, [a]):
            form = linear(g)
            if form is None:
                return None
            rows.append((form[1], -form[0], "ge"))
        lines = [linear(gd.u[t][m][a]) for t in range(gd.n_types)]
        if any(line is None for line in lines):
            return None
        out.append((m, rows, lines))
    return out


def _deterred_member(gd: BeliefGame, S, B, x, bounds: list, dependent: list) -> tuple:
    """A member of a family of on-path receiver mixings that is deterred from every
    off-path message (none of the first one found is): ``(off-path sets or None, rho,
    values, family)``, the sets None when there is no such member.

    When every belief-dependent deviation is linear in its belief and every off-path
    mixture's payoffs are fixed, the beliefs and mixtures are variables of the mixing's
    linear system (:func:`.belief_mixing.mixing_with_beliefs`): exact.  Otherwise the
    mixing is asked to deter at a witness of each deviation's best-response set
    (sufficient, exact); an off-path mixture may need another member of the family (its
    deterrence is joint with the on-path mixing): never "no equilibrium" without proof
    (:class:`SimplexUndecided`)."""
    if any(_br_nonempty(gd, m, list(B[m])).empty for m in range(gd.n_messages)
           if m not in x):
        return None, None, None, None  # an off-path answer no belief makes a best response
    beliefs = _linear_beliefs(gd, dependent)
    mixtures = _fixed_mixtures(gd, B, x)
    if mixtures is not None and beliefs is not None:
        res = mixing_with_beliefs(gd, S, B, x, bounds, beliefs, mixtures)
        if res is None:
            return None, None, None, None
        rho, values, family = res
        # the system's beliefs and mixtures deter; what can still fail does not depend
        # on the mixing (an empty best-response set): then there is no equilibrium
        return off_path_sets(gd, B, x, values, simplex_off_path), rho, values, family
    moving = [(m, (a,)) for m, a in dependent] + [
        (m, tuple(B[m])) for m in range(gd.n_messages)
        if m not in x and len(B[m]) > 1 and payoffs_depend(gd, m, B[m])]
    eliminable = len(moving) == 1 and len(moving[0][1]) <= 2
    if eliminable:
        got = _eliminated_member(gd, S, B, x, bounds, *moving[0], MAX_MIXTURE_ROWS)
        if got is not None:
            return got
    if len(moving) == 1 and len(moving[0][1]) >= 3:
        m, acts = moving[0]
        others = _fixed_mixtures(gd, B, x, skip=m)
        points = None if others is None else _region_points(
            gd, m, acts, response_gains(gd, m, list(acts)), None)
        if points is not None:
            # the best-response beliefs are finitely many: at each, the mixture's
            # probabilities are variables of the mixing's linear system (exact); none
            # deters at any of them proves that no member does
            for pt in points:
                res = receiver_mixing(gd, S, B, x, bounds,
                                      others + [(m, Posterior(pt, gd.game.belief_symbols))],
                                      rational=True)
                if res is not None:
                    rho, values, family = res
                    return off_path_sets(gd, B, x, values, simplex_off_path), rho, values, family
            return None, None, None, None
    extra = list(bounds)
    for m, a in dependent:
        region = _br_nonempty(gd, m, [a])
        if region.point is None:
            return None, None, None, None
        post = Posterior(region.point, gd.game.belief_symbols)
        extra.extend((t, SIMPLEX.at(gd.u[t][m][a], post)) for t in range(gd.n_types))
    res = receiver_mixing(gd, S, B, x, extra, rational=True)
    off = None if res is None else off_path_sets(gd, B, x, res[1], simplex_off_path)
    if off is None and eliminable:  # the last resort: a larger decomposition
        got = _eliminated_member(gd, S, B, x, bounds, *moving[0], LAST_MIXTURE_ROWS)
        if got is not None:
            return got
    if off is None:
        raise SimplexUndecided("a family of on-path mixtures: no member found that deters "
                               "every belief-dependent deviation at the tried beliefs")
    return (off, *res)


def _eliminated_member(gd: BeliefGame, S, B, x, bounds: list, m: int, acts: tuple,
                       max_rows: int) -> tuple | None:
    """:func:`_deterred_member` when one off-path message ``m``, answered by one action
    or a mixture of two, has payoffs that move with the belief: the member and belief
    from :func:`_deterring_belief` (with at most ``max_rows`` rows), ``(None, None,
    None, None)`` when it proves there is none, None when it does not decide."""
    others = _fixed_mixtures(gd, B, x, skip=m)
    found = None if others is None else _deterring_belief(gd, S, B, x, bounds, m, acts,
                                                          others, max_rows)
    if found is None or (found[0] is None and not found[1]):
        return None
    if found[0] is None:
        return None, None, None, None  # proved: no member deters at any belief
    post = Posterior(found[0], gd.game.belief_symbols)
    extra, mixed = list(bounds), list(others)
    if len(acts) == 1:
        extra += [(t, SIMPLEX.at(gd.u[t][m][acts[0]], post)) for t in range(gd.n_types)]
    else:
        mixed.append((m, post))
    res = receiver_mixing(gd, S, B, x, extra, mixed, rational=True)
    if res is None:  # (the elimination's belief has a member that deters there)
        raise AssertionError("a belief of the eliminated system deters no member")
    rho, values, family = res
    return off_path_sets(gd, B, x, values, simplex_off_path), rho, values, family


def _deterring_belief(gd: BeliefGame, S, B, x, bounds: list, m: int, acts: tuple,
                      mixtures: list, max_rows: int = MAX_MIXTURE_ROWS) -> tuple | None:
    """The beliefs after the off-path message ``m``, answered by ``acts`` (one action, or
    a mixture of two) whose payoffs depend on the belief, at which ``acts`` are best
    responses and some member of the family of on-path receiver mixings (with some
    mixture) deters every type from ``m``: ``(point or None, decided)``, or None when
    the mixing's numbers are not all rational or more than ``max_rows`` rows in the
    mixture's probability are left.

    The family is the polyhedron of :func:`.belief_mixing.mixing_system` (with the fixed
    deviations ``bounds`` and the off-path ``mixtures`` whose payoffs are fixed);
    deterring ``m`` adds a row per type, ``payoff(rho) >= u_t(m, belief)`` (the mixture's
    probability ``r`` of ``acts[0]`` enters as ``A + B r``), whose coefficients in the
    mixing are numbers.  Fourier-Motzkin elimination of the mixing
    (:func:`.belief_plane.eliminated`) leaves conditions on the belief (and ``r``) alone
    that hold exactly where some member deters, and the cylindrical decomposition of
    :func:`.belief_plane.plane_point` decides them with the best-response conditions.

    Examples
    --------
    Pooling on ``m1``, where the receiver is indifferent (a family: ``a0`` with any
    probability in ``(0, 1)``); ``m0`` pays A ``c + mu_B`` and B ``mu_B``.  A is deterred
    iff ``a0``'s probability is at least ``c + mu_B``: some belief and member do it iff
    ``c < 1``.

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.simplex_backend import bayes_posterior, simplex_game
    >>> def pool(c):
    ...     mu = belief("B")
    ...     g = simplex_game(SignallingGame.from_arrays(
    ...         ["1/3", "1/3", "1/3"],
    ...         [[[c + mu], [1, 0]], [[mu], [1, 0]], [[0], [0, 1]]],
    ...         [[[0], [1, 0]], [[0], [0, 0]], [[0], [0, 1]]], types=["A", "B", "C"]))
    ...     x = {1: bayes_posterior(g, g.prior)}
    ...     return _deterring_belief(g, ((1,), (1,), (1,)), ((0,), (0, 1)), x, [], 0, (0,), [])
    >>> pool(sp.Rational(1, 2)), pool(1)
    (((0, 0, 1), True), (None, True))
    """
    found = mixing_system(gd, S, B, x, bounds, mixtures)
    if found is None:
        return None, True
    keys, system = found
    rows = [(-rhs, sp.Integer(0), dict(zip(keys, coeffs)), rel)
            for rel, group in (("==", system.eq), (">=", system.ge), (">", system.gt))
            for coeffs, rhs in group]
    numbers = [c for row in rows for c in (row[0], *row[2].values())]
    last = acts[-1]
    for t in range(gd.n_types):
        coeffs, const = payoff_form(gd, B, x, keys, t, S[t][0])
        numbers += [const, *coeffs]
        rows.append((sp.expand(const - gd.u[t][m][last]),
                     sp.expand(gd.u[t][m][last] - gd.u[t][m][acts[0]]),
                     dict(zip(keys, coeffs)), ">="))
    if any(not sp.sympify(v).is_Rational for v in numbers):
        return None
    for k in keys:
        rows = eliminated(rows, k, sp.Integer(0), sp.Integer(1), False, False)
    if len(acts) == 2:  # the mixture's probability of acts[0] lies in (0, 1)
        rows += [(sp.Integer(0), sp.Integer(1), {}, ">"), (sp.Integer(1), sp.Integer(-1), {}, ">")]
    cons = [(g, ">=") for g in response_gains(gd, m, list(acts))]
    syms = gd.game.belief_symbols
    # the rows matter only where ``acts`` are best responses: a coordinate that an
    # indifference between them fixes linearly is substituted (fewer, simpler rows)
    fixed = _linear_fixed(gd, m, acts)
    rows = _pruned([(p.xreplace(fixed), q.xreplace(fixed), rel) for p, q, _, rel in rows],
                   syms)
    if rows is None:
        return None, True
    if sum(1 for _, q, _ in rows if q != 0) > max_rows:
        return None  # (the decomposition would take minutes: left to the caller)
    return plane_point(cons, rows, [[]], syms)


def _linear_fixed(gd: BeliefGame, m: int, acts: tuple) -> dict:
    """Where all of ``acts`` are best responses after ``m``: the last belief coordinate
    and, for each indifference between them that is linear in the beliefs, one more
    coordinate, as functions of the others (a substitution valid on that set).

    Examples
    --------
    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.simplex_backend import simplex_game
    >>> a, b = belief("A"), belief("B")
    >>> g = simplex_game(SignallingGame.from_arrays(
    ...     ["1/3", "1/3", "1/3"], [[[0, 0]]] * 3, [[[2 * a, 1 - b]]] * 3,
    ...     types=["A", "B", "C"]))
    >>> _linear_fixed(g, 0, (0, 1))
    {mu_C: 1/2 - mu_B/2, mu_A: 1/2 - mu_B/2}
    """
    syms = gd.game.belief_symbols
    sub = {syms[-1]: 1 - sp.Add(*syms[:-1])}
    for b in acts[1:]:
        e = sp.expand((gd.expected[m][acts[0]] - gd.expected[m][b]).xreplace(sub))
        free = [v for v in syms[:-1] if v not in sub]
        if e.is_number or not e.is_polynomial(*free) or sp.Poly(e, *free).total_degree() != 1:
            continue
        v = next(v for v in free if e.coeff(v) != 0)
        value = sp.expand(v - e / e.coeff(v))
        sub = {k: sp.expand(w.xreplace({v: value})) for k, w in sub.items()}
        sub[v] = value
    return sub


def _pruned(rows: list, symbols: tuple) -> list | None:
    """The rows ``(A, B, rel)`` (``A + B r rel 0``; ``A``, ``B`` polynomials in the
    beliefs ``symbols`` with rational coefficients) without those another one implies or
    that hold everywhere; None when one holds nowhere.

    Of rows that are equal, up to a positive factor, but for the constant term of ``A``,
    only the one with the least constant is kept (strict before weak at a tie).  A row
    whose coefficients in the Bernstein basis of the unit box of the beliefs and ``r``
    are all positive (weakly, for ``>=``) holds on the simplex for every ``r`` in
    ``[0, 1]``; all negative (weakly, for ``>``), it holds nowhere.  Fourier-Motzkin
    elimination makes many such rows, and each costs the decomposition a polynomial per
    other row.

    Examples
    --------
    >>> a, b = sp.symbols("a b")
    >>> _pruned([(a - b + 1, 0, ">="), (2 * a - 2 * b, 0, ">"), (a - b + 1, 0, ">"),
    ...          (a - b, 1, "=="), (a + 3, -1, ">")], (a, b))
    [(a - b, 0, '>'), (a - b, 1, '==')]
    >>> _pruned([(a - 2, 1, ">")], (a, b)) is None  # a + r > 2 nowhere in the box
    True
    """
    best: dict = {}
    out = []
    r = sp.Dummy("r")
    for p, q, rel in rows:
        p, q = sp.expand(p), sp.expand(q)
        if p == 0 and q == 0:
            if rel == ">":
                return None
            continue
        if rel != "==":
            poly = sp.Poly(p + q * r, *symbols, r)
            signs = {(v > 0) - (v < 0) for v in bernstein_coefficients(poly)}
            if signs == {1} or (rel == ">=" and -1 not in signs):
                continue
            if signs == {-1} or (rel == ">" and 1 not in signs):
                return None
        const = p.as_coeff_Add()[0]
        core = p - const
        if rel == "==":
            out.append((p, q, rel))
            continue
        base = q if q != 0 else core
        lead = base if base.is_number else sp.Poly(base).coeffs()[0]
        scale = 1 / abs(lead) if lead != 0 else 1
        key = (sp.expand(core * scale), sp.expand(q * scale))
        c = const * scale
        old = best.get(key)
        if old is None or c < old[0] or (c == old[0] and rel == ">"):
            best[key] = (c, rel)
    kept = [(sp.expand(core + c), q, rel) for (core, q), (c, rel) in best.items()]
    return kept + out


def _fixed_mixtures(gd: BeliefGame, B, x, skip: int | None = None) -> list | None:
    """The off-path messages answered by a mixture (but ``skip``), each with a belief at
    which its support is a best response (``off_mixed`` of
    :func:`.belief_mixing.mixing_system`), when no type's payoff from them depends on the
    belief (so any such belief will do); None when one does, or no such belief is
    found."""
    out = []
    for m in range(gd.n_messages):
        if m in x or len(B[m]) == 1 or m == skip:
            continue
        if payoffs_depend(gd, m, B[m]):
            return None
        region = _br_nonempty(gd, m, list(B[m]))
        if region.point is None:
            return None
        out.append((m, Posterior(region.point, gd.game.belief_symbols)))
    return out


def finish_pattern(gd: BeliefGame, S: Sequence[Sequence[int]], B: Sequence[Sequence[int]],
                   x: dict[int, Posterior], sigma: dict[tuple[int, int], sp.Expr]
                   ) -> BeliefSolution | None:
    """The pattern's solution once the sender's mixing ``sigma`` and the on-path
    posteriors ``x`` are known: the receiver's on-path mixing (the engine's exact LP),
    the types' incentives and the off-path belief sets; None when there is none.

    Examples
    --------
    Every type sends m0 (posterior the prior, at which the receiver is indifferent), the
    receiver answers m0 with a0 and m1 with a1: an equilibrium, with the types' payoffs
    (1, 0, 1).  Answering m1 with a0 instead, B would send m1 (a0 gives it 1).

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.simplex_backend import bayes_posterior, simplex_game
    >>> a, b, c = (belief(t) for t in "ABC")
    >>> gd = simplex_game(SignallingGame.from_arrays(["1/3"] * 3,
    ...     [[[1, 0], [0, 1]], [[0, 1], [1, 0]], [[1, 0], [1, 0]]],
    ...     [[[a, 0], [0, b]], [[0, 1 - a], [c, 0]], [[c, 0], [0, 1]]], types=list("ABC")))
    >>> x, sigma = {0: bayes_posterior(gd, gd.prior)}, {(t, 0): sp.Integer(1) for t in range(3)}
    >>> finish_pattern(gd, ((0,),) * 3, ((0,), (1,)), x, sigma).values
    [1, 0, 1]
    >>> finish_pattern(gd, ((0,),) * 3, ((0,), (0,)), x, sigma) is None
    True
    """
    bounds, dependent = [], []
    for m in range(gd.n_messages):
        if m in x or len(B[m]) != 1:
            continue
        a = B[m][0]
        if not payoffs_depend(gd, m, [a]):
            bounds.extend((t, gd.u[t][m][a]) for t in range(gd.n_types))
        else:
            dependent.append((m, a))
    res = receiver_mixing(gd, S, B, x, bounds)
    if res is None:
        return None
    rho, values, family = res
    off = off_path_sets(gd, B, x, values, simplex_off_path)
    mixed_off = any(m not in x and len(B[m]) > 1 for m in range(gd.n_messages))
    if off is None and family and (dependent or mixed_off):
        off, rho, values, family = _deterred_member(gd, S, B, x, bounds, dependent)
    if off is None:
        return None
    for _, _, mix in off.values():
        rho.update(mix)
    moves = family and payoffs_move(gd, S, B, x)
    return BeliefSolution(tuple(S), tuple(B), dict(sigma), rho, x, values, off, family,
                          moves)
