"""Mixing patterns in the simplex engine: the patterns in which some type mixes.

:func:`mixing_patterns` lists those whose best responses are possible;
:func:`solve_mixing` solves a pattern's polynomial system (:mod:`.simplex_systems`) and
finishes each solution like a pure pattern; a continuum of solutions is decided by the
exact search in a box (:func:`_box_search`, at most three unknowns), or its members are
sampled (:func:`_sample_free`, :func:`_guided_samples`), or halving the box shows it has
no member (:func:`_no_member`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction
from itertools import combinations, product

import sympy as sp
from sympy.polys.rings import PolyRing

from .belief_engine import in_posterior_order
from .belief_tables import BeliefGame, BeliefSolution
from .bernstein import proves_empty
from .float_guide import feasible_points
from .patterns import nonempty_subsets
from .rationals import simplest_in
from .semialgebraic import Search, cleared_sum, find_point
from .simplex_backend import (
    ALG,
    SIMPLEX,
    SimplexUndecided,
    bayes_posterior,
    best_responses,
    payoffs_depend,
    response_gains,
)
from .simplex_offpath import find_cached, finish_pattern
from .simplex_systems import (
    MAX_SENDER_UNKNOWNS,
    large_candidates,
    no_root_in_box,
    real_solutions,
    sender_candidates,
)

__all__ = ["GUIDE_DELTAS", "MAX_SAMPLES", "mixing_patterns", "solve_mixing"]


#: Rational members of a continuum of sender mixtures tried before the pattern is left
#: out (named in the notes), on the grid (:func:`_sample_free`) and again near float
#: points of its conditions (:func:`_guided_samples`).
MAX_SAMPLES = 60


#: How far from a float point of the conditions (:func:`_guided_samples`) the rationals
#: at which sender probabilities are fixed may lie, tried in turn.
GUIDE_DELTAS = (1e-2, 1e-4)


def solve_mixing(gd: BeliefGame, S: Sequence[Sequence[int]], B: Sequence[Sequence[int]]
                 ) -> list[BeliefSolution]:
    """One pattern in which some type mixes: the indifference conditions give the
    sender's mixtures (finitely many, or a continuum); each is finished by
    :func:`finish_pattern`.  Every finite mixture that is an equilibrium is one; a continuum
    gives one member (its representative): the exact search's (:func:`_box_search`), or
    a sampled one (:func:`_sample_free`).  A continuum of a large system
    (:func:`large_candidates`) is sampled first, as its exact search can take many
    minutes; with no sampled member, it has none when halving the box proves so
    (:func:`_no_member`), and with at most three unknowns the exact search decides it.

    Examples
    --------
    Types A and C send m0, B sends both messages; the receiver answers m0 with a0 and m1
    with a1.  B gets 0 either way, so its mixtures form a continuum, of which one member
    is returned (``family``): B sends m0 with probability 1/6.

    >>> from alliance_games import SignallingGame, belief
    >>> from alliance_games.solving.simplex_backend import simplex_game
    >>> a, b, c = (belief(t) for t in "ABC")
    >>> gd = simplex_game(SignallingGame.from_arrays(["1/3"] * 3,
    ...     [[[1, 0], [0, 1]], [[0, 1], [1, 0]], [[1, 0], [1, 0]]],
    ...     [[[a, 0], [0, b]], [[0, 1 - a], [c, 0]], [[c, 0], [0, 1]]], types=list("ABC")))
    >>> (sol,) = solve_mixing(gd, ((0,), (0, 1), (0,)), ((0,), (1,)))
    >>> sol.sigma[(1, 0)], sol.values, sol.family
    (1/6, [1, 0, 1], True)
    """
    eqs, positive, sig_syms, rho_syms, sigma, rho, weights = _mixing_system(gd, S, B)
    degree = max((sp.Poly(e, *sig_syms).total_degree() for e in eqs), default=0)
    if len(sig_syms) >= MAX_SENDER_UNKNOWNS and degree >= 3:
        kind, data = large_candidates(eqs, positive, sig_syms, rho_syms, degree)
    else:
        kind, data = sender_candidates(eqs, positive, sig_syms, rho_syms)
    if kind == "none":
        return []
    if kind == "points":
        found = _members(gd, S, B, data, sig_syms, sigma, weights, family=False)
        return in_posterior_order(SIMPLEX, found) if found else []
    system = (eqs, sig_syms, rho_syms, sigma, rho, weights)
    if kind == "free":
        basis, others, why = data, [], "the sender's mixtures form a continuum"
        box = _box_search(gd, S, B, *system)
    else:  # "continuum"
        basis, others, why = data
        box = None
        settled = _sampled(gd, S, B, system, basis, others)
        if settled is not None:
            return settled
        if len(sig_syms) + len(rho_syms) <= 3:  # as a small continuum is searched
            box = _box_search(gd, S, B, *system)
    if box is not None and box.empty:
        return []
    if box is not None and box.point is not None:
        found = _members(gd, S, B, [box.point[:len(sig_syms)]], sig_syms, sigma, weights,
                         family=True)
        if not found:  # the exact search found a point the exact check rejects
            raise SimplexUndecided("the decomposition's point of the continuum is not confirmed")
        return found
    if kind == "free":
        settled = _sampled(gd, S, B, system, basis, others)
        if settled is not None:
            return settled
    first = box.reason if box is not None and box.reason else why
    raise SimplexUndecided(f"{first} and no sampled member is an equilibrium")


def _sampled(gd: BeliefGame, S, B, system: tuple, basis: list,
             others: list) -> list[BeliefSolution] | None:
    """A continuum decided without its exact search: ``[member]`` when a sampled member
    (:func:`_sample_free`) is an equilibrium, ``[]`` when halving the open box proves it
    has none (:func:`_no_member`), ``[member]`` when a sample placed by floats
    (:func:`_guided_samples`) is one, None when none of these.  ``system`` is ``(eqs,
    sig_syms, rho_syms, sigma, rho, weights)``."""
    _, sig_syms, rho_syms, sigma, _, weights = system
    found = _members(gd, S, B, _sample_free(basis, others, sig_syms), sig_syms, sigma,
                     weights, family=True)
    if found:
        return found
    cons = _box_constraints(gd, S, B, *system)
    if _no_member(gd, S, B, *system, cons=cons):
        return []
    guided = _guided_samples(basis, others, sig_syms, cons, [*sig_syms, *rho_syms])
    found = _members(gd, S, B, guided, sig_syms, sigma, weights, family=True)
    return found or None


def _members(gd: BeliefGame, S, B, candidates, sig_syms, sigma, weights,
             family: bool) -> list[BeliefSolution]:
    """The ``candidates`` (values of ``sig_syms``, in order) whose sender mixture is an
    equilibrium of the pattern, each finished by :func:`finish_pattern`; with ``family`` (a
    continuum's members), the first one only, marked as a family whose posteriors move."""
    found = []
    for vals in candidates:
        sub = dict(zip(sig_syms, vals))
        sig = {k: ALG.simplify(sp.sympify(v).xreplace(sub)) for k, v in sigma.items()}
        if any(ALG.sign(p) <= 0 for p in sig.values()):
            continue
        x = {m: bayes_posterior(gd, [ALG.simplify(sp.sympify(w).xreplace(sub)) for w in ws])
             for m, ws in weights.items()}
        if any(not set(B[m]) <= set(best_responses(gd, m, x[m])) for m in x):
            continue
        sol = finish_pattern(gd, S, B, x, sig)
        if sol is not None:
            sol.family = sol.family or family
            sol.moves = sol.moves or family  # the posteriors vary along the continuum
            if family:
                return [sol]
            found.append(sol)
    return found


def _box_search(gd: BeliefGame, S, B, eqs, sig_syms, rho_syms, sigma, rho,
                weights) -> Search | None:
    """Every equilibrium condition of a pattern as polynomial sign conditions in its
    unknown probabilities, decided by :func:`.semialgebraic.find_point` once at most three
    unknowns are left (the unit cube of ``k`` unknowns, scaled by ``1/k``, lies in the
    simplex of ``k + 1`` coordinates): with two, the exact decomposition; with three, its
    reductions (a linear equation, a quadratic constraint's extreme values on the
    polytope, an equation solved for one coordinate), and when they do not decide the
    pattern is treated as outside this case.

    Unknowns beyond two are first eliminated through equations linear in them whose
    coefficient has no zero in the open unit box (:func:`_eliminate_linear`: exact, a
    bijection there).  Returns a :class:`~.semialgebraic.Search` whose point lists every
    unknown (the sender's first, in ``sig_syms`` order, then ``rho_syms``); its point is
    None and ``decided`` False when the sender's part of the point found needs two
    algebraic generators one of which is a root object (:func:`_one_field`); None when
    the pattern is outside this case (more than three unknowns left, three that the
    reductions do not decide, or a deviation to an off-path message whose payoff depends
    on the belief there)."""
    unknowns = list(sig_syms) + list(rho_syms)
    cons = _box_constraints(gd, S, B, eqs, sig_syms, rho_syms, sigma, rho, weights)
    if cons is None:
        return None
    cons, left, back = _eliminate_linear(cons, unknowns)
    if len(left) > 3:
        return None
    # the unit cube of the unknowns left, scaled by 1/k, lies in the simplex of k + 1
    scale = len(left)
    box = tuple(sp.Dummy(f"x{i}") for i in range(scale + 1))
    sub = {u: scale * x for u, x in zip(left, box)}
    if scale > 1:
        cons += [(sp.Rational(1, scale) - x, ">=") for x in box[:-1]]
    found = find_point([(sp.expand(e.xreplace(sub)), r) for e, r in cons], box)
    if found.point is None:
        return found if found.decided or scale < 3 else None
    point = _back_substitute(dict(zip(left, (scale * v for v in found.point))), back)
    values = [point[u] for u in unknowns]
    if not _one_field(values[:len(sig_syms)]):
        return Search(None, False, "the exact decomposition's point of the continuum has a "
                      "sender mixture with two algebraic generators (a root object and "
                      "another), whose exact arithmetic is not supported")
    if _one_field(values):  # (the receiver's values are not used further)
        values = [ALG.simplify(v) for v in values]
    return Search(tuple(values))


def _box_constraints(gd: BeliefGame, S, B, eqs, sig_syms, rho_syms, sigma, rho,
                     weights) -> list | None:
    """Every equilibrium condition of a pattern as pairs ``(p, rel)``, ``p`` a polynomial
    in its unknown probabilities (``sig_syms``, then ``rho_syms``, each in ``(0, 1)``):
    the indifference conditions, each mixing probability positive, the receiver's best
    responses on the path, and each type's choice among the messages on the path and the
    off-path ones (denominators, positive in the open box, cleared).  None when there is
    no unknown, or an off-path message is answered by a mixture or by an action whose
    payoff depends on the belief there."""
    unknowns = list(sig_syms) + list(rho_syms)
    if not unknowns:
        return None
    off = [m for m in range(gd.n_messages) if m not in weights]
    if any(len(B[m]) > 1 or payoffs_depend(gd, m, B[m]) for m in off):
        return None
    cons = [(e, "==") for e in eqs]
    cons += [(p, ">") for k, p in sigma.items() if len(S[k[0]]) > 1]
    cons += [(p, ">") for k, p in rho.items() if len(B[k[0]]) > 1]
    R, rr, W, totals = _in_ring(gd, unknowns, rho, weights)
    ring_cons = [(_cleared(gd, R, g, W[m], totals[m])[0], ">=")
                 for m in weights for g in response_gains(gd, m, B[m])]
    for t in range(gd.n_types):
        n0, d0 = _pay(gd, R, t, S[t][0], B, rr, W, totals)
        for m in weights:
            if m != S[t][0]:
                n1, d1 = _pay(gd, R, t, m, B, rr, W, totals)
                ring_cons.append((n0 * d1 - n1 * d0, ">="))
        for m in off:
            ring_cons.append((n0 - d0 * gd.u[t][m][B[m][0]], ">="))
    return [(sp.expand(e), r) for e, r in cons] + [(e.as_expr(), r) for e, r in ring_cons]


def _no_member(gd: BeliefGame, S, B, eqs, sig_syms, rho_syms, sigma, rho,
               weights, cons: list | None = None) -> bool:
    """Whether halving the box of the pattern's unknown probabilities proves that no
    point meets :func:`_box_constraints` (:func:`.bernstein.proves_empty`; milliseconds
    when it succeeds), so that the pattern has no equilibrium: for continua that the box
    search does not take (:func:`large_candidates`).  ``cons``: those constraints, when
    the caller has built them.  False when the proof fails or the constraints are not
    built."""
    if cons is None:
        cons = _box_constraints(gd, S, B, eqs, sig_syms, rho_syms, sigma, rho, weights)
    return cons is not None and proves_empty(cons, [*sig_syms, *rho_syms], open_box=True)


def _eliminate_linear(cons: list, unknowns: list) -> tuple[list, list, list]:
    """Unknowns eliminated, while more than two are left, through equations linear in
    them: ``(constraints, unknowns left, eliminated)``.

    ``cons`` are pairs ``(p, rel)`` (``rel`` one of ``">="``, ``">"``, ``"=="``), every
    unknown a probability in ``(0, 1)``.  An equation ``c u + d == 0`` whose coefficient
    ``c`` has no zero in the open unit box of the other unknowns (:func:`no_root_in_box`,
    so ``c`` has one sign there) gives ``u = -d / c``, substituted into every other
    constraint (:func:`_substitute_linear`), and ``0 < u < 1`` as ``sign(c) (-d) > 0`` and
    ``sign(c) (c + d) > 0``: on the box the map is a bijection between the solutions
    before and after, so the set is empty exactly when the reduced one is.  The last
    unknowns are tried first (the receiver's, listed after the sender's).  ``eliminated``
    lists ``(u, -d / c)`` in the order of elimination (:func:`_back_substitute`).

    Examples
    --------
    >>> a, b, r = sp.symbols("a b r")
    >>> cons, left, back = _eliminate_linear(
    ...     [((a + 1) * r - b, "=="), (r - a, ">")], [a, b, r])
    >>> left, back
    ([a, b], [(r, b/(a + 1))])
    >>> cons
    [(-a**2 - a + b, '>'), (b, '>'), (a - b + 1, '>')]
    """
    cons, left, back = list(cons), list(unknowns), []
    while len(left) > 2:
        pick = _linear_pivot(cons, left)
        if pick is None:
            break
        i, u, c, d = pick
        left.remove(u)
        sc = ALG.sign(c.xreplace({v: sp.Rational(1, 2) for v in left}))
        cons = [_substitute_linear(e, r, u, c, d, sc) for j, (e, r) in enumerate(cons)
                if j != i]
        cons = [(e, r) for e, r in cons if e != 0 or r != "=="]
        cons += [(sp.expand(-sc * d), ">"), (sp.expand(sc * (c + d)), ">")]
        back.append((u, -d / c))
    return cons, left, back


def _linear_pivot(cons: list, unknowns: list) -> tuple | None:
    """``(index, u, c, d)``: the first equation ``cons[index]`` of the form ``c u + d``,
    ``c`` proved to have no zero in the open unit box of the other unknowns (the last
    unknowns tried first); None when there is none."""
    for u in reversed(unknowns):
        others = [v for v in unknowns if v != u]
        for i, (e, rel) in enumerate(cons):
            if rel != "==" or u not in e.free_symbols:
                continue
            poly = sp.Poly(e, u)
            if poly.degree() != 1:
                continue
            c, d = sp.expand(poly.coeff_monomial(u)), sp.expand(poly.coeff_monomial(1))
            if no_root_in_box(c, others):
                return i, u, c, d
    return None


def _substitute_linear(e: sp.Expr, rel: str, u, c, d, sc: int) -> tuple:
    """``e rel 0`` with ``u = -d / c`` (``c`` of sign ``sc``, not 0): ``c**k e``, ``k``
    the degree of ``e`` in ``u``, negated when ``k`` is odd and ``c < 0`` (so the
    relation is unchanged), a polynomial."""
    poly = sp.Poly(e, u)
    k = poly.degree()
    if k <= 0:
        return e, rel
    out = sp.expand(sp.Add(*[a * (-d) ** j * c ** (k - j) for (j,), a in poly.terms()]))
    return (-out if k % 2 and sc < 0 else out), rel


def _back_substitute(point: dict, back: list) -> dict:
    """``point`` (the unknowns left) extended by the eliminated ones, last eliminated
    first (each one's expression is in the unknowns left when it was eliminated); the
    values are kept unsimplified (see :func:`_one_field`)."""
    point = dict(point)
    for u, expr in reversed(back):
        point[u] = sp.expand(expr.xreplace(point))
    return point


def _one_field(values: list) -> bool:
    """Whether the numbers ``values`` lie in the field of one root object (radicals
    aside): the pattern's exact arithmetic (:func:`~.simplex_backend.reduce_in_field`)
    keeps numbers of one root object canonical; two root objects, or one with a radical,
    it does not support.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> r, s = sp.CRootOf(x**3 - x - 1, 0), sp.CRootOf(x**3 - 2, 0)
    >>> _one_field([r**2 + 1, 1 / r]), _one_field([r, s]), _one_field([sp.sqrt(2), 1])
    (True, False, True)
    """
    gens = set()
    for v in values:
        v = sp.sympify(v)
        gens |= {a for a in v.atoms(sp.CRootOf, sp.Pow)
                 if isinstance(a, sp.CRootOf) or not a.exp.is_Integer}
    return len(gens) <= 1 or not any(isinstance(g, sp.CRootOf) for g in gens)


def mixing_patterns(gd: BeliefGame) -> Iterator[tuple]:
    """(S, B) for every pattern in which some type mixes, whose receiver supports are
    best responses to some posterior they may have (on the path: a belief that puts
    positive weight on exactly the types sending the message).

    Examples
    --------
    Three types and two messages, two actions after m0 and one after m1; the receiver
    gets 1 from a0 against A and from a1 against B and C, so a0 is a best response
    after m0 only when A sends it: 45 patterns (of 19 sender supports in which a type
    mixes), none with a0 after m0 when only B and C send m0.

    >>> from alliance_games import SignallingGame
    >>> from alliance_games.solving.simplex_backend import simplex_game
    >>> gd = simplex_game(SignallingGame.from_arrays(["1/3"] * 3,
    ...     [[[1, 0], [0]], [[0, 1], [0]], [[1, 0], [0]]],
    ...     [[[1, 0], [0]], [[0, 1], [0]], [[0, 1], [0]]], types=list("ABC")))
    >>> patterns = list(mixing_patterns(gd))
    >>> len(patterns), patterns[0]
    (45, (((0,), (0,), (0, 1)), ((0,), (0,))))
    >>> (((1,), (0,), (0, 1)), ((0,), (0,))) in patterns
    False
    """
    n_t, n_m = gd.n_types, gd.n_messages
    msg_sets = nonempty_subsets(n_m)
    act_sets = [nonempty_subsets(k) for k in gd.n_actions]
    for S in product(msg_sets, repeat=n_t):
        if all(len(s) == 1 for s in S):
            continue
        choices = []
        for m in range(n_m):
            senders = frozenset(t for t in range(n_t) if m in S[t])
            choices.append([b for b in act_sets[m] if _br_possible(gd, m, b, senders)])
        for B in product(*choices):
            yield S, B


def _br_possible(gd: BeliefGame, m: int, B, senders: frozenset) -> bool:
    """Whether ``B`` is a best response after ``m`` at some belief whose support is
    ``senders`` (any belief when empty); True when this is not decided."""
    syms = gd.game.belief_symbols
    cons = [(e, ">=") for e in response_gains(gd, m, B)]
    if senders:
        cons += [(syms[t], ">" if t in senders else "==") for t in range(gd.n_types)]
    return not find_cached(gd, cons).empty


def _probabilities(supports: dict, name: str) -> tuple[list, dict]:
    """Mixing probabilities over supports (``{owner: options}``): one unknown per option
    but the last (which gets ``1 - sum`` of the others; a single option gets 1).
    Returns ``(unknowns, {(owner, option): probability})``."""
    syms, prob = [], {}
    for owner, opts in supports.items():
        if len(opts) == 1:
            prob[(owner, opts[0])] = sp.Integer(1)
            continue
        own = [sp.Dummy(f"{name}{owner}_{o}") for o in opts[:-1]]
        syms += own
        prob.update(zip(((owner, o) for o in opts[:-1]), own))
        prob[(owner, opts[-1])] = 1 - sp.Add(*own)
    return syms, prob


def _mixing_system(gd: BeliefGame, S, B):
    """The indifference conditions of a pattern as polynomials: ``(equations, sigma
    symbols, rho symbols, sigma, posterior weights)`` where ``sigma[(t, m)]`` is each
    type's probability of ``m`` (a symbol, ``1 - sum`` of the others, or 1) and
    ``weights[m]`` the Bayes weights ``prior_t sigma[(t, m)]``."""
    n_t = gd.n_types
    sig_syms, sigma = _probabilities({t: S[t] for t in range(n_t)}, "s")
    on = sorted({m for s in S for m in s})
    rho_syms, rho = _probabilities({m: B[m] for m in on}, "r")
    weights = {m: [gd.prior[t] * sigma.get((t, m), 0) for t in range(n_t)] for m in on}
    R, rr, W, total = _in_ring(gd, [*sig_syms, *rho_syms], rho, weights)
    eqs = []
    for m in on:
        for b in B[m][1:]:
            eqs.append(_cleared(gd, R, gd.expected[m][B[m][0]] - gd.expected[m][b],
                                W[m], total[m])[0])
    for t in range(n_t):
        n0, d0 = _pay(gd, R, t, S[t][0], B, rr, W, total)
        for m in S[t][1:]:
            n1, d1 = _pay(gd, R, t, m, B, rr, W, total)
            eqs.append(n0 * d1 - n1 * d0)
    positive = [sigma[k] for k in sigma if len(S[k[0]]) > 1] + [
        sp.Add(*w) for w in weights.values()] + [rho[k] for k in rho if len(B[k[0]]) > 1]
    eqs = [e.as_expr() for e in eqs if e]
    return eqs, positive, sig_syms, rho_syms, sigma, rho, weights


def _in_ring(gd: BeliefGame, unknowns: list, rho: dict, weights: dict) -> tuple:
    """A pattern's polynomial ring in its unknown probabilities over the rationals (the
    prior is rational), and in it the receiver's probabilities ``rho``, the Bayes weights
    and their sums (``(ring, rho, weights, totals)``): the conditions are built there,
    five times faster than by expanding expressions (the same polynomials)."""
    R = PolyRing(unknowns, sp.QQ)

    def element(e):
        e = sp.sympify(e)
        return R.from_expr(e) if e.free_symbols else R.ground_new(R.domain.from_sympy(e))

    W = {m: [element(w) for w in ws] for m, ws in weights.items()}
    return (R, {k: element(v) for k, v in rho.items()}, W,
            {m: sum(ws, R.zero) for m, ws in W.items()})


def _cleared(gd: BeliefGame, R: PolyRing, f: sp.Expr, weights: list, total) -> tuple:
    """``f`` (a polynomial in the beliefs) at the posterior ``weights / total`` (elements
    of ``R``) times ``total ** deg f`` (:func:`.semialgebraic.cleared_sum`), and
    ``deg f``; each polynomial's terms are read once per game."""
    key = ("terms", f)
    hit = gd.cache.get(key)
    if hit is None:
        syms = gd.game.belief_symbols
        f = sp.sympify(f)
        if f.free_symbols & set(syms):
            poly = sp.Poly(f, *syms)
            hit = poly.terms(), poly.total_degree()
        else:
            hit = [((0,) * len(syms), f)], 0
        gd.cache[key] = hit
    terms, deg = hit
    return cleared_sum(terms, deg, weights, total, R.zero), deg


def _pay(gd: BeliefGame, R: PolyRing, t: int, m: int, B, rho, weights, totals) -> tuple:
    """Type t's payoff from on-path ``m`` at the Bayes posterior, as a polynomial
    numerator and a positive denominator in the mixing (elements of ``R``; ``rho``,
    ``weights`` and ``totals`` as :func:`_in_ring` gives them)."""
    parts = [(rho[(m, a)], *_cleared(gd, R, gd.u[t][m][a], weights[m], totals[m]))
             for a in B[m]]
    deg = max(d for *_, d in parts)
    return (sum((r * c * totals[m] ** (deg - d) for r, c, d in parts), R.zero),
            totals[m] ** deg)


def _sample_free(basis: list, others: list, sig_syms: list) -> Iterator[tuple]:
    """Sender mixtures on a positive-dimensional solution set: fix some probabilities at
    rationals (in turn) until the rest are isolated, and solve for them.

    ``basis`` is a set of equations in ``sig_syms`` and ``others`` (the receiver's
    probabilities, or none: an elimination ideal in the sender's alone); each sample is
    solved for every unknown not fixed (:func:`_solved_rest`), and its sender part
    yielded.

    Examples
    --------
    >>> a, b, c, r = sp.symbols("a b c r")
    >>> next(_sample_free([a + b + c - 1, 2 * r - 1, r * a - b * c], [r], [a, b, c]))
    (1/4, 1/2, 1/4)

    (``a = 1/2`` and ``a = 1/3`` have no solution: ``b c = a / 2`` exceeds
    ``((1 - a) / 2)**2``.)
    """
    k = len(sig_syms)
    values = [sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(2, 3), sp.Rational(1, 4),
              sp.Rational(3, 4), sp.Rational(1, 5), sp.Rational(4, 5)]
    tries = 0
    for size in range(1, k + 1):
        for fix in combinations(range(k), size):
            for vals in product(values, repeat=size):
                tries += 1
                if tries > MAX_SAMPLES:
                    return
                yield from _solved_rest(basis, others, sig_syms, dict(zip(
                    (sig_syms[i] for i in fix), vals)))


def _guided_samples(basis: list, others: list, sig_syms: list, cons: list | None,
                    unknowns: list) -> Iterator[tuple]:
    """:func:`_sample_free`'s samples placed where the pattern's conditions hold: near
    each float point of :func:`.float_guide.feasible_points` (``cons`` are
    :func:`_box_constraints`' conditions, in ``unknowns``: ``sig_syms`` then the
    receiver's probabilities), some sender probabilities are fixed at the simplest
    rationals within ``delta`` of the point's (:data:`GUIDE_DELTAS`), and the rest
    solved exactly (:func:`_solved_rest`), at most :data:`MAX_SAMPLES` times.  The floats
    only choose where to look: every sample is checked exactly by the caller.

    Examples
    --------
    A continuum, ``a + b = 19/10``, whose members all lie above ``9/10``, where the
    grid's rationals miss it:

    >>> a, b = sp.symbols("a b")
    >>> cons = [(10 * a + 10 * b - 19, "=="), (a, ">"), (b, ">"), (1 - a, ">"),
    ...         (1 - b, ">")]
    >>> list(_sample_free([10 * a + 10 * b - 19], [], [a, b]))
    []
    >>> a0, b0 = next(_guided_samples([10 * a + 10 * b - 19], [], [a, b], cons, [a, b]))
    >>> a0, b0, bool(a0 + b0 == sp.Rational(19, 10))
    (16/17, 163/170, True)
    """
    if cons is None:
        return
    k, tries = len(sig_syms), 0
    for z in feasible_points(cons, unknowns):
        for size in range(1, k + 1):
            for fix in combinations(range(k), size):
                for delta in GUIDE_DELTAS:
                    tries += 1
                    if tries > MAX_SAMPLES:
                        return
                    yield from _solved_rest(basis, others, sig_syms, {
                        sig_syms[i]: _near(z[i], delta) for i in fix})


def _near(v: float, delta: float) -> sp.Rational:
    """The simplest rational within ``delta`` of ``v`` (exactly: the float's own value)."""
    f = simplest_in(Fraction(v) - Fraction(delta), Fraction(v) + Fraction(delta))
    return sp.Rational(f.numerator, f.denominator)


def _solved_rest(basis: list, others: list, sig_syms: list, sub: dict) -> Iterator[tuple]:
    """The real solutions of ``basis`` with the sender probabilities in ``sub`` fixed,
    solved for every unknown not fixed (each in ``(0, 1)``, the receiver's eliminated
    first): their sender parts, in ``sig_syms`` order.  Nothing when the solutions are
    not isolated or not found exactly."""
    rest = [s for s in sig_syms if s not in sub]
    eqs = [sp.expand(g.xreplace(sub)) for g in basis]
    eqs = [g for g in eqs if g != 0]
    if any(not g.free_symbols for g in eqs):
        return
    gens = [*others, *rest]
    if gens and eqs:
        G = sp.groebner(eqs, *gens, order="lex")
        if list(G.exprs) == [1] or not G.is_zero_dimensional:
            return
        try:
            sols = real_solutions(list(G.exprs), gens)
        except SimplexUndecided:
            return
    elif rest:
        return
    else:
        sols = [()]
    for sol in sols:
        full = dict(sub)
        full.update(zip(gens, sol))
        yield tuple(full[s] for s in sig_syms)
