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
  (:func:`.bernstein.no_common_zero`); otherwise a lex
  Groebner basis eliminates the receiver's probabilities; when the sender's are isolated,
  every real solution is found exactly (algebraic numbers stay exact, one root object per
  pattern, kept canonical by :func:`_reduce`; where the basis does not give each
  coordinate in the last one's field, :func:`_shape_solutions`) and finished like a
  pure pattern (the receiver's exact LP, incentives, off-path sets).  A
  positive-dimensional set is decided
  exactly by the cylindrical decomposition when at most two probabilities are unknown
  once the others are eliminated through equations linear in them (a coefficient of one
  sign where every probability lies in ``(0, 1)``), or by
  :func:`.semialgebraic.find_point`'s reductions when three are, and no off-path
  deviation payoff depends on the belief (a representative is reported, with a note;
  where those reductions do not decide, a point near the numerically deepest one of
  inequalities, checked exactly, is a member); otherwise rational
  members are sampled, and a pattern with no sampled member is named in the notes as
  left out;
* **off-path messages**: the belief set is the semi-algebraic set where the receiver's
  support is a best response and no type gains by sending the message; it is reported
  as a :class:`~alliance_games.beliefs.BeliefSet` whose constraints are those polynomial
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
  mixtures' payoffs do not depend on it; otherwise, for one deviation whose payoffs
  move with the belief, the mixing is eliminated and the belief found or proved absent
  by the decomposition (:func:`_deterring_belief`, one action or a mixture of two; a
  rational member that deters there is taken where that belief is irrational) or,
  for a mixture of three or more actions, tried at each of the finitely many beliefs
  that make them best responses, its probabilities variables of the mixing's linear
  system (a rational member taken where that belief is irrational).  Where a question
  cannot be decided
  exactly (four or more types with nonlinear payoffs; an off-path mixture whose
  deterrence depends on the belief and is found at no sample point, or which is
  irrational; an off-path set when the equilibrium payoffs are irrational;
  indifference conditions of degree 3 or more in more than four unknown probabilities
  whose reduced system below is too large or a continuum, or with a continuum of
  solutions that neither its samples, nor halving the box, nor (with at most three
  unknowns) the exact search settles) the pattern is left out *and the
  result says so* in ``SolveResult.notes``.  Systems of degree 3 or more in three or
  more sender probabilities go through a degree-reverse-lex basis
  (:func:`_finite_candidates`), the receiver's probabilities, in which they are linear,
  first eliminated through minors where that leaves a small system
  (:func:`_without_receiver`, :func:`_minor_candidates`, :func:`_large_candidates`); a
  system of any degree with more than four unknown probabilities tries that elimination
  before its lex basis too, once the receiver's probabilities that linear equations fix
  are substituted (:func:`_fixed_others`).  When such a system has a continuum of
  solutions, its members are sampled (:func:`_sample_free`: sender probabilities fixed at
  rationals, the rest of the system, the receiver's probabilities included, solved
  exactly), and a member that is an equilibrium is reported as the continuum's
  representative; with none, halving the box of the unknowns (:func:`_no_member`) and,
  with at most three unknowns, the exact search (:func:`_box_search`) may show that the
  pattern has no equilibrium.

The Intuitive Criterion and D1 are those of :mod:`.refinements.beliefs` (the logic the
two-type engine uses too), with this module's oracle deciding each question on
semi-algebraic sets exactly; a question it cannot decide makes both None, with a note.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from itertools import combinations, product
from math import prod

import sympy as sp
from sympy.polys.matrices import DomainMatrix
from sympy.polys.orderings import ProductOrder, grevlex
from sympy.polys.rings import PolyRing

from ..beliefs import BeliefSet
from ..equilibrium import Equilibrium, SolveResult
from ..errors import UnsupportedGameError
from ..game import SignallingGame
from .algebraic import AlgebraicContext, algebraic_sign, linear_solve, root_sign
from .assemble import numbered, pattern_label
from .belief_engine import CONTINUUM_NOTE, assemble, in_posterior_order
from .belief_mixing import (
    mixing_system,
    mixing_with_beliefs,
    payoff_form,
    payoffs_move,
    receiver_mixing,
)
from .belief_offpath import off_path_sets, strict_mixture
from .belief_plane import eliminated, plane_point
from .belief_tables import BeliefBackend, BeliefGame, BeliefSolution
from .bernstein import bernstein_coefficients, no_common_zero, proves_empty
from .elimination import linsolve
from .float_guide import feasible_points
from .lexbasis import lex_basis
from .patterns import nonempty_subsets
from .rationals import simplest_in
from .refinements.beliefs import (
    passes_d1_beliefs,
    passes_intuitive_beliefs,
    verdicts_may_vary_beliefs,
)
from .refinements.family import VERDICT_NOTE
from .root_isolation import real_roots
from .semialgebraic import (
    Search,
    all_points,
    cleared_sum,
    find_point,
    signs_on_simplex,
)

__all__ = ["METHOD", "SIMPLEX", "Posterior", "simplex_game", "solve_simplex_game"]

METHOD = "belief-dependent support enumeration over the simplex (exact)"
#: Rows in the off-path mixture's probability above which :func:`_deterring_belief`
#: leaves the question to its caller's sufficient check (and a note): each pair of rows
#: adds a polynomial to the decomposition, whose cost grows with their number squared.
MAX_MIXTURE_ROWS = 6
#: The same limit once the cheaper sufficient check has failed, before the pattern is
#: left out (linear seed 60 of ``benchmarks/survey_simplex.py``: 9 rows, decided in 11 s;
#: three-action seed 211: 11 rows, no equilibrium, in about a second; 4 rows each since
#: :func:`.belief_plane.eliminated` substitutes through the mixing's equations).
LAST_MIXTURE_ROWS = 16
REFINE_NOTE = "the Intuitive Criterion and D1 are not decided exactly (reported as None)"

_T = sp.Dummy("t")


def _reduce(x) -> sp.Expr:
    """A canonical form for a number in ``Q(g)``, ``g`` one real root object (the mixing
    probabilities of a pattern are polynomials in one root): ``sum c_i g**i`` with
    ``i < deg g``, so that a zero is literally 0 (the generic simplification otherwise)."""
    x = sp.sympify(x)
    if x.is_Rational:
        return x
    form = _root_form(x)
    return AlgebraicContext.simplify(x) if form is None else _field_value(*form)


def _root_form(x: sp.Expr) -> tuple | None:
    """``(p, g)`` with ``x = p(g)``, ``g`` a real root object and ``p`` a polynomial in
    ``_T`` of degree below ``g``'s (reduced modulo its minimal polynomial), when ``x`` is
    a rational function of one root object; else None."""
    gens = x.atoms(sp.CRootOf)
    if len(gens) != 1 or any(not a.exp.is_Integer for a in x.atoms(sp.Pow)):
        return None
    (g,) = gens
    q = _minimal_poly(g)
    num, den = sp.fraction(sp.together(x.xreplace({g: _T})))
    num, den = sp.Poly(num, _T, domain="QQ"), sp.Poly(den, _T, domain="QQ")
    return (num * den.invert(q)).rem(q), g


class _SimplexAlgebra(AlgebraicContext):
    """Exact signs of algebraic numbers (one root's, by :func:`.algebraic.root_sign` on
    the number's polynomial in it), numbers in one root's field kept canonical."""

    @staticmethod
    def simplify(x):
        return _reduce(x)

    @staticmethod
    def sign(x) -> int:
        x = sp.sympify(x)
        form = None if x.is_Rational else _root_form(x)
        return algebraic_sign(_reduce(x)) if form is None else root_sign(*form)


ALG = _SimplexAlgebra()

#: With this many unknown sender probabilities and indifference conditions of degree 3 or
#: more the lex Groebner basis (sympy) can take many minutes (more than 90 s where the
#: route below takes 3 s): such systems are solved by :func:`_finite_candidates`
#: (degree-reverse-lex basis, then FGLM), and left out, named in the notes, when their
#: solutions off the boundary of the box are not finitely many.  With more than
#: ``MAX_BASIS_UNKNOWNS`` unknowns in all (the receiver's probabilities too) that basis,
#: too, can take minutes (three sender and two receiver probabilities, degrees 2 to 4:
#: more than 40 s, either of sympy's algorithms): the receiver's probabilities are
#: eliminated first where that is cheaper (:func:`_large_candidates`).
MAX_SENDER_UNKNOWNS = 3
MAX_BASIS_UNKNOWNS = 4
#: Eliminating the receiver's probabilities through minors (:func:`_large_candidates`)
#: can raise the degree: conditions in three sender probabilities of degrees 3, 3, 8
#: (Bezout bound 72) took more than ten minutes with the boundary saturated and sympy's
#: FGLM, 5 s without both (:func:`_finite_candidates`).  Systems with a larger bound
#: than this are not solved that way.
MAX_BEZOUT = 80
#: Unknowns from which :func:`_box_factors` also tries to prove, by subdividing the box
#: (:func:`.bernstein.no_common_zero`), that the equations have no common zero there.
#: With more than ``MAX_BASIS_UNKNOWNS`` a basis can take minutes (five types and the
#: receiver all mixing: seven unknowns, over four minutes, where 51 boxes prove the
#: pattern empty in 0.1 s); with fewer the bases are quick, and the boxes spent on
#: patterns that do have solutions cost more than they save.
SUBDIVIDE_FROM = MAX_BASIS_UNKNOWNS + 1

#: Rational members of a continuum of sender mixtures tried before the pattern is left
#: out (named in the notes), on the grid (:func:`_sample_free`) and again near float
#: points of its conditions (:func:`_guided_samples`).
MAX_SAMPLES = 60

#: Linear forms tried (:func:`_shape_solutions`) to put an ideal of irrational sender
#: mixtures in shape position; almost every form does, so a few suffice.
SHAPE_TRIES = 4

#: How far from a float point of the conditions (:func:`_guided_samples`) the rationals
#: at which sender probabilities are fixed may lie, tried in turn.
GUIDE_DELTAS = (1e-2, 1e-4)


def _linear_solve(n: int, rows: list) -> list | str | None:
    """:func:`.algebraic.linear_solve`, or Gaussian elimination on canonical forms when
    the numbers involve a root object (sympy's elimination does not reduce them)."""
    if any(isinstance(v, sp.Basic) and v.atoms(sp.CRootOf) for a, b in rows
           for v in (*a, b)):
        return linsolve(ALG, n, rows)
    return linear_solve(n, rows)


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
        posterior_solutions=_unsupported, linear_solve=_linear_solve)


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


def _find(gd: BeliefGame, pairs: list[tuple]) -> Search:
    """:func:`.semialgebraic.find_point` of the conditions ``(expr, rel)``, once per set
    of conditions (the game's cache: patterns with the same equilibrium payoffs ask the
    refinements' questions again)."""
    key = ("find", frozenset(pairs))
    hit = gd.cache.get(key)
    if hit is None:
        hit = gd.cache[key] = find_point(list(pairs), gd.game.belief_symbols)
    return hit


def _search(gd: BeliefGame, constraints: list[sp.Expr]) -> Search:
    return _find(gd, [(e, ">=") for e in constraints])


def _br_nonempty(gd: BeliefGame, m: int, B) -> Search:
    return _search(gd, _gains(gd, m, B))


def _off_path(gd: BeliefGame, m: int, B, values, domain: tuple | None = None):
    """The belief set after off-path message ``m`` answered by support ``B`` (beliefs
    on the types in ``domain``, default all): ``(constraints, witness, {(m, a): prob})``
    or None (proved impossible); raises :class:`_Undecided`."""
    syms = gd.game.belief_symbols
    if any(not sp.sympify(v).is_Rational for v in values):
        raise _Undecided("an off-path belief set where the equilibrium payoffs are "
                         "irrational (its constraints would have irrational coefficients)")
    gains = _gains(gd, m, B) + _outside(gd, domain)
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
        region = _search(gd, gains)  # (a best-response belief in ``domain``)
        if region.point is None:
            if not region.decided:
                raise _Undecided(region.reason)
            return None
        candidates = [region.point]
        fixed = not _moves(gd, m, B)
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
            raise _Undecided(f"after message {gd.game.messages[m]!r} the deterring mixture "
                             "found is irrational (its belief set's constraints would have "
                             "irrational coefficients)")
        if mix is not None:
            rho = {(m, a): sp.sympify(p) for a, p in zip(B, mix)}
            deter = [sp.expand(values[t] - sp.Add(*[rho[(m, a)] * gd.u[t][m][a] for a in B]))
                     for t in range(gd.n_types)]
            return gains + deter, post, rho
    if len(B) == 2 or fixed:
        return None  # proved: no belief in the region sustains a deterring mixture
    raise _Undecided(f"after message {gd.game.messages[m]!r} no sample belief sustains a "
                     f"mixture over {[gd.game.actions[m][a] for a in B]}")


def _region_points(gd: BeliefGame, m: int, B, gains, domain) -> list | None:
    """Every belief at which all of ``B`` (two or more actions) are best responses after
    ``m`` (in ``domain``), when they are finitely many, else None.

    Where the indifferences between the actions of ``B`` (and ``mu_t = 0`` for each type
    outside ``domain``), in the free coordinates of the simplex, have a zero-dimensional
    ideal, its real solutions in the simplex where ``gains`` hold are found exactly by
    :func:`_real_solutions`, each in one root's field (so that the engine's exact
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
    >>> a, b, c = belief("A"), belief("B"), belief("C")
    >>> g = simplex_game(SignallingGame.from_arrays(
    ...     ["1/3", "1/3", "1/3"], [[[0, 0, 0]]] * 3,
    ...     [[[a, b, 2 * a * b - c + a]]] * 3, types=["A", "B", "C"]))
    >>> _region_points(g, 0, (0, 1, 2), _gains(g, 0, (0, 1, 2)), None)
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
                found = _real_solutions(list(G.exprs), free, closed=True)
            except _Undecided:
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


def _outside(gd: BeliefGame, domain: tuple | None) -> list[sp.Expr]:
    """``-mu_t >= 0`` (so ``mu_t = 0``) for each type outside ``domain``."""
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
        for g in _gains(gd, m, [a]):
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
    (:class:`_Undecided`)."""
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
        return off_path_sets(gd, B, x, values, _off_path), rho, values, family
    moving = [(m, (a,)) for m, a in dependent] + [
        (m, tuple(B[m])) for m in range(gd.n_messages)
        if m not in x and len(B[m]) > 1 and _moves(gd, m, B[m])]
    eliminable = len(moving) == 1 and len(moving[0][1]) <= 2
    if eliminable:
        got = _eliminated_member(gd, S, B, x, bounds, *moving[0], MAX_MIXTURE_ROWS)
        if got is not None:
            return got
    if len(moving) == 1 and len(moving[0][1]) >= 3:
        m, acts = moving[0]
        others = _fixed_mixtures(gd, B, x, skip=m)
        points = None if others is None else _region_points(
            gd, m, acts, _gains(gd, m, list(acts)), None)
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
                    return off_path_sets(gd, B, x, values, _off_path), rho, values, family
            return None, None, None, None
    extra = list(bounds)
    for m, a in dependent:
        region = _br_nonempty(gd, m, [a])
        if region.point is None:
            return None, None, None, None
        post = Posterior(region.point, gd.game.belief_symbols)
        extra.extend((t, SIMPLEX.at(gd.u[t][m][a], post)) for t in range(gd.n_types))
    res = receiver_mixing(gd, S, B, x, extra, rational=True)
    off = None if res is None else off_path_sets(gd, B, x, res[1], _off_path)
    if off is None and eliminable:  # the last resort: a larger decomposition
        got = _eliminated_member(gd, S, B, x, bounds, *moving[0], LAST_MIXTURE_ROWS)
        if got is not None:
            return got
    if off is None:
        raise _Undecided("a family of on-path mixtures: no member found that deters "
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
    return off_path_sets(gd, B, x, values, _off_path), rho, values, family


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
    >>> def pool(c):
    ...     mu = belief("B")
    ...     g = simplex_game(SignallingGame.from_arrays(
    ...         ["1/3", "1/3", "1/3"],
    ...         [[[c + mu], [1, 0]], [[mu], [1, 0]], [[0], [0, 1]]],
    ...         [[[0], [1, 0]], [[0], [0, 0]], [[0], [0, 1]]], types=["A", "B", "C"]))
    ...     x = {1: _posterior(g, g.prior)}
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
    cons = [(g, ">=") for g in _gains(gd, m, list(acts))]
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


def _moves(gd: BeliefGame, m: int, acts) -> bool:
    """Whether some type's payoff from ``m`` answered by an action of ``acts`` depends on
    the belief."""
    return any(sp.sympify(gd.u[t][m][a]).free_symbols
               for t in range(gd.n_types) for a in acts)


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
        if _moves(gd, m, B[m]):
            return None
        region = _br_nonempty(gd, m, list(B[m]))
        if region.point is None:
            return None
        out.append((m, Posterior(region.point, gd.game.belief_symbols)))
    return out


def _solve_pure(gd: BeliefGame, S, B, x) -> list[BeliefSolution]:
    """A pattern in which every type sends one message: its solution, if any."""
    sigma = {(t, S[t][0]): sp.Integer(1) for t in range(gd.n_types)}
    sol = _finish(gd, S, B, x, sigma)
    return [] if sol is None else [sol]


def _finish(gd: BeliefGame, S, B, x, sigma) -> BeliefSolution | None:
    """The pattern's solution once the sender's mixing ``sigma`` and the on-path
    posteriors ``x`` are known: the receiver's on-path mixing (the engine's exact LP),
    the types' incentives and the off-path belief sets; None when there is none."""
    bounds, dependent = [], []
    for m in range(gd.n_messages):
        if m in x or len(B[m]) != 1:
            continue
        a = B[m][0]
        if not _moves(gd, m, [a]):
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
        off, rho, values, family = _deterred_member(gd, S, B, x, bounds, dependent)
    if off is None:
        return None
    for _, _, mix in off.values():
        rho.update(mix)
    moves = family and payoffs_move(gd, S, B, x)
    return BeliefSolution(tuple(S), tuple(B), dict(sigma), rho, x, values, off, family,
                          moves)


def _posterior(gd: BeliefGame, weights) -> Posterior:
    total = sp.Add(*weights)
    return Posterior([ALG.simplify(w / total) for w in weights], gd.game.belief_symbols)


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
        _solve_each(gd, _mixing_patterns(gd), _solve_mixing, refine, out, notes, left)
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
        except _Undecided as exc:
            ic = d1 = None
            notes += (f"{REFINE_NOTE}: {exc}",)
        if sol.family and ic is not None and \
                verdicts_may_vary_beliefs(gd.n_messages, sol.x, sol.moves):
            notes += (VERDICT_NOTE,)  # the verdicts are the representative's
    return assemble(gd, sol, beliefs, ic=ic, d1=d1, method=METHOD, notes=notes)


class _Oracle:
    """The questions of :mod:`.refinements.beliefs` decided on semi-algebraic subsets of
    the simplex (:func:`.semialgebraic.find_point`); raises :class:`_Undecided`."""

    def __init__(self, gd: BeliefGame) -> None:
        self.gd = gd
        self.n_types = gd.n_types
        self.n_messages = gd.n_messages

    def _exists(self, constraints: list) -> bool:
        found = _search(self.gd, [sp.expand(e) for e in constraints])
        if found.point is None and not found.decided:
            raise _Undecided(found.reason)
        return found.point is not None

    def _check(self, values) -> None:
        if any(not sp.sympify(v).is_Rational for v in values):
            raise _Undecided("irrational equilibrium payoffs with an off-path message")

    def reaches(self, m: int, t: int, value, domain: tuple) -> bool:
        self._check([value])
        gd = self.gd
        return any(self._exists(_gains(gd, m, [a]) + _outside(gd, domain)
                                + [gd.u[t][m][a] - value]) for a in range(gd.n_actions[m]))

    def always_gains(self, m: int, t: int, value, domain: tuple) -> bool:
        self._check([value])
        gd = self.gd
        return not any(self._exists(_gains(gd, m, [a]) + _outside(gd, domain)
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
            if self._exists(_gains(gd, m, [a]) + [x[a], -y[a]]):
                return False
        for a in range(gd.n_actions[m]):
            for b in range(gd.n_actions[m]):
                if a == b:
                    continue
                found = _find(gd, [(g, ">=") for g in _gains(gd, m, [a, b])] + [
                    (sp.expand(x[a]), ">"), (sp.expand(-x[b]), ">"),
                    (sp.expand(x[b] * y[a] - x[a] * y[b]), ">=")])
                if found.point is None and not found.decided:
                    raise _Undecided(found.reason)
                if found.point is not None:
                    return False
        return True

    def deterred(self, m: int, values, domain: tuple) -> bool:
        self._check(values)
        gd = self.gd
        return any(_off_path(gd, m, B, values, domain) is not None
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
        except _Undecided as exc:
            left.append(pattern_label(gd.game, S, B))
            notes.append(f"pattern {left[-1]} left out, not decided exactly: {exc}")
            continue
        out.extend(numbered([_assemble(gd, sol, refine) for sol in sols]))


def _solve_mixing(gd: BeliefGame, S, B) -> list[BeliefSolution]:
    """One pattern in which some type mixes: the indifference conditions give the
    sender's mixtures (finitely many, or a continuum); each is finished by
    :func:`_finish`.  Every finite mixture that is an equilibrium is one; a continuum
    gives one member (its representative): the exact search's (:func:`_box_search`), or
    a sampled one (:func:`_sample_free`).  A continuum of a large system
    (:func:`_large_candidates`) is sampled first, as its exact search can take many
    minutes; with no sampled member, it has none when halving the box proves so
    (:func:`_no_member`), and with at most three unknowns the exact search decides it."""
    eqs, positive, sig_syms, rho_syms, sigma, rho, weights = _mixing_system(gd, S, B)
    degree = max((sp.Poly(e, *sig_syms).total_degree() for e in eqs), default=0)
    if len(sig_syms) >= MAX_SENDER_UNKNOWNS and degree >= 3:
        kind, data = _large_candidates(eqs, positive, sig_syms, rho_syms, degree)
    else:
        kind, data = _sender_candidates(eqs, positive, sig_syms, rho_syms)
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
            raise _Undecided("the decomposition's point of the continuum is not confirmed")
        return found
    if kind == "free":
        settled = _sampled(gd, S, B, system, basis, others)
        if settled is not None:
            return settled
    first = box.reason if box is not None and box.reason else why
    raise _Undecided(f"{first} and no sampled member is an equilibrium")


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
    equilibrium of the pattern, each finished by :func:`_finish`; with ``family`` (a
    continuum's members), the first one only, marked as a family whose posteriors move."""
    found = []
    for vals in candidates:
        sub = dict(zip(sig_syms, vals))
        sig = {k: ALG.simplify(sp.sympify(v).xreplace(sub)) for k, v in sigma.items()}
        if any(ALG.sign(p) <= 0 for p in sig.values()):
            continue
        x = {m: _posterior(gd, [ALG.simplify(sp.sympify(w).xreplace(sub)) for w in ws])
             for m, ws in weights.items()}
        if any(not set(B[m]) <= set(_best_responses(gd, m, x[m])) for m in x):
            continue
        sol = _finish(gd, S, B, x, sig)
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
    if any(len(B[m]) > 1 or _moves(gd, m, B[m]) for m in off):
        return None
    cons = [(e, "==") for e in eqs]
    cons += [(p, ">") for k, p in sigma.items() if len(S[k[0]]) > 1]
    cons += [(p, ">") for k, p in rho.items() if len(B[k[0]]) > 1]
    R, rr, W, totals = _in_ring(gd, unknowns, rho, weights)
    ring_cons = [(_cleared(gd, R, g, W[m], totals[m])[0], ">=")
                 for m in weights for g in _gains(gd, m, B[m])]
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
    search does not take (:func:`_large_candidates`).  ``cons``: those constraints, when
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
    ``c`` has no zero in the open unit box of the other unknowns (:func:`_no_root_in_box`,
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
            if _no_root_in_box(c, others):
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
    aside): the pattern's exact arithmetic (:func:`_reduce`) keeps numbers of one root
    object canonical; two root objects, or one with a radical, it does not support.

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


def _mixing_patterns(gd: BeliefGame) -> Iterator[tuple]:
    """(S, B) for every pattern in which some type mixes, whose receiver supports are
    best responses to some posterior they may have (on the path: a belief that puts
    positive weight on exactly the types sending the message)."""
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
    cons = [(e, ">=") for e in _gains(gd, m, B)]
    if senders:
        cons += [(syms[t], ">" if t in senders else "==") for t in range(gd.n_types)]
    return not _find(gd, cons).empty


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


def _sender_candidates(eqs, positive, sig_syms, rho_syms):
    """The sender mixtures the indifference conditions allow: ``("points", [sigma
    values...])`` (every real solution with nonzero mixing, a superset of the projection
    of the solution set), ``("none", None)`` or ``("free", basis)`` (a positive-
    dimensional set; ``basis`` the elimination ideal in the sender's probabilities).

    The basis is first computed without excluding zero probabilities (cheap); only when
    that leaves a continuum is the zero set of ``positive`` removed (:func:`_saturate`),
    which drops spurious components on the boundary.  An equation that no point of the
    open box ``(0, 1)`` of the unknowns satisfies (:func:`_no_root_in_box`) gives
    ``"none"`` before any basis (each unknown is a probability of a strict mixture), and
    each equation keeps only its factors that may vanish there (:func:`_box_factors`).
    With more than ``MAX_BASIS_UNKNOWNS`` unknowns, of which receiver probabilities are
    left once those that linear equations fix are substituted (:func:`_fixed_others`),
    the lex basis in all of them can take many minutes: the receiver's are first
    eliminated by minors (:func:`_minor_candidates`), whose answer, when it has one, is
    returned (points: a superset of the sender's mixtures of the solutions)."""
    eqs = _box_factors(eqs, [*sig_syms, *rho_syms])
    if eqs is None:
        return "none", None
    reduced = None
    if len(sig_syms) + len(rho_syms) > MAX_BASIS_UNKNOWNS:
        reduced = _fixed_others(eqs, sig_syms, rho_syms)
        fixed, left = reduced
        if left:
            found, _ = _minor_candidates(fixed, positive, sig_syms, left)
            if found is not None:
                return found
    kind, data = _eliminate(list(eqs), sig_syms, rho_syms, reduced)
    if kind == "free":
        sat = _saturate(list(eqs), positive, [*rho_syms, *sig_syms])
        if sat is None:
            return "none", None
        kind, data = _eliminate(sat, sig_syms, rho_syms)
    if kind == "points":
        return kind, _real_solutions(data, list(sig_syms))
    return kind, data


def _large_candidates(eqs, positive, sig_syms, rho_syms, degree: int) -> tuple:
    """:func:`_sender_candidates` for three or more sender probabilities and conditions
    of degree 3 or more (a lex basis can take minutes).

    ``("none", None)`` when an equation has no zero in the box (:func:`_box_factors`).
    Otherwise the receiver's probabilities are eliminated first (:func:`_without_receiver`:
    conditions in the sender's alone that every solution meets), and the candidates are
    those conditions' solutions when :func:`_finite_candidates` finds them finitely many
    (tried when their Bezout bound is at most ``MAX_BEZOUT``).
    Else (no receiver probabilities, too few equations, or a continuum there) the whole
    system goes to :func:`_finite_candidates` when it has at most
    ``MAX_BASIS_UNKNOWNS`` unknowns.  When that finds a continuum, returns
    ``("continuum", (equations, rho_syms, why))``: the equations, in every unknown, for
    :func:`_sample_free`, and why the set is not decided exactly, for the note when no
    sample is an equilibrium.  Raises :class:`_Undecided` when neither decides."""
    boxed = _box_factors(eqs, [*sig_syms, *rho_syms])
    if boxed is None:
        return "none", None
    size = f"{len(sig_syms)} sender and {len(rho_syms)} receiver probabilities"
    found, gap = _minor_candidates(boxed, positive, sig_syms, rho_syms)
    if found is not None:
        return found
    gap += "exceed the exact solver's limit"
    if len(sig_syms) + len(rho_syms) > MAX_BASIS_UNKNOWNS:
        raise _Undecided(f"the indifference conditions ({size}, degree {degree}) {gap}")
    found = _finite_candidates(boxed, positive, sig_syms, rho_syms)
    if found is None:
        return "continuum", (boxed, list(rho_syms),
                             f"the indifference conditions ({size}, degree {degree}) "
                             "leave a continuum, beyond the exact solver's limit,")
    return found


def _minor_candidates(eqs, positive, sig_syms, rho_syms) -> tuple[tuple | None, str]:
    """:func:`_sender_candidates` with the receiver's probabilities eliminated first
    (:func:`_without_receiver`): ``(("none", None), "")`` when a resulting condition has no
    zero in the box of the sender's probabilities (:func:`_box_factors`), ``(("points",
    [sigma values...]), "")`` when its solutions there are finitely many
    (:func:`_finite_candidates`, tried when their Bezout bound is at most ``MAX_BEZOUT``),
    else ``(None, why)``: why the reduction did not decide, as the start of a sentence
    ending in "and ..." (empty when it does not apply: no receiver probabilities, more
    than ``MAX_BASIS_UNKNOWNS`` sender probabilities, or too few equations).  The
    equations come reduced by :func:`_box_factors`.

    Examples
    --------
    >>> s, t, r = sp.symbols("s t r")
    >>> _minor_candidates([r * s - t, r * t - s, s + t - 1], [s, t, r], [s, t], [r])
    (('points', [(1/2, 1/2)]), '')
    >>> _minor_candidates([r * s - t, r * (1 - s) - t, 4 * s - 3], [s, t, r], [s, t], [r])
    (('none', None), '')
    """
    if not rho_syms or len(sig_syms) > MAX_BASIS_UNKNOWNS:
        return None, ""
    reduced = _without_receiver(eqs, rho_syms)
    if reduced is None:
        return None, ""
    reduced = _box_factors(reduced, sig_syms)
    if reduced is None:
        return ("none", None), ""
    bound = _bezout(reduced, sig_syms)
    if bound > MAX_BEZOUT:
        return None, (f"have, with the receiver's probabilities eliminated, Bezout bound "
                      f"{bound} (more than {MAX_BEZOUT}), and ")
    found = _finite_candidates(
        reduced, [p for p in positive if not p.free_symbols & set(rho_syms)], sig_syms, [])
    if found is None:
        return None, ("leave a continuum of sender mixtures once the receiver's "
                      "probabilities are eliminated, and ")
    return found, ""


def _bezout(eqs: list, unknowns: list) -> int:
    """The product of the ``len(unknowns)`` largest total degrees of ``eqs``: Bezout's
    bound on the isolated solutions of as many of them, a measure of the basis's cost."""
    degrees = sorted((sp.Poly(e, *unknowns).total_degree() for e in eqs), reverse=True)
    return prod(degrees[:len(unknowns)])


def _finite_candidates(eqs, positive, sig_syms, rho_syms) -> tuple | None:
    """:func:`_sender_candidates` for large systems: ``("points", [sigma values...])``
    or ``("none", None)``, or None when the solutions where no factor of ``positive``
    vanishes are not finitely many.

    The degree-reverse-lex Groebner basis of the equations is far cheaper than a lex
    one; when it is zero-dimensional, :func:`.lexbasis.lex_basis` converts it to the lex
    basis with the receiver's probabilities first, whose members in the sender's
    probabilities alone generate the elimination ideal: every sender mixture of a
    solution is among its real zeros (:func:`_real_solutions`), a superset of those
    where no factor of ``positive`` vanishes.  When it is not, those solutions are the
    zeros of the equations and ``z * prod(positive) - 1`` (``z`` a new unknown, first),
    which drops components on the boundary, and the same is done with that system (whose
    basis costs more: the equation has a high degree), unless a slice of fewer equations
    than unknowns already shows it a continuum (:func:`_off_factors_slice`).  The equations
    come reduced by :func:`_box_factors` (the caller's, :func:`_large_candidates`).

    Examples
    --------
    >>> a, b, c = sp.symbols("a b c")
    >>> _finite_candidates([a * b - sp.Rational(1, 6), a + b - sp.Rational(5, 6), c - a],
    ...                    [a, b, c], [a, b, c], [])
    ('points', [(1/3, 1/2, 1/3), (1/2, 1/3, 1/2)])
    >>> _finite_candidates([a * (b - c)], [a, b, c], [a, b, c], []) is None
    True
    """
    G = sp.groebner(eqs, *rho_syms, *sig_syms, order="grevlex")
    if list(G.exprs) == [1]:
        return "none", None
    if not G.is_zero_dimensional:
        if _off_factors_slice(eqs, positive, [*rho_syms, *sig_syms]):
            return None
        z = sp.Dummy("z")
        G = sp.groebner([*eqs, sp.expand(z * sp.Mul(*positive) - 1)], z, *rho_syms,
                        *sig_syms, order="grevlex")
        if list(G.exprs) == [1]:
            return "none", None
        if not G.is_zero_dimensional:
            return None
    elim = [g for g in lex_basis(G) if g.free_symbols <= set(sig_syms)]
    G2 = sp.groebner(elim, *sig_syms, order="lex")
    if list(G2.exprs) == [1]:
        return "none", None
    return "points", _real_solutions(list(G2.exprs), list(sig_syms))


#: Values at which :func:`_off_factors_slice` fixes unknowns, one row per try (the
#: ``j``-th fixed unknown takes the row's ``j``-th value, cyclically): inside ``(0, 1)``,
#: away from simple fractions that boundary factors often vanish at.
SLICE_VALUES = ((sp.Rational(3, 7), sp.Rational(5, 11), sp.Rational(4, 13), sp.Rational(7, 17)),
                (sp.Rational(8, 19), sp.Rational(6, 23), sp.Rational(11, 29), sp.Rational(9, 31)))


def _off_factors_slice(eqs: list, positive: list, unknowns: list) -> bool:
    """True when there are fewer equations than unknowns and a slice of their zeros, the
    last ``len(unknowns) - len(eqs)`` unknowns fixed at rationals (``SLICE_VALUES``), has
    a complex point where no factor of ``positive`` vanishes: then the saturation of the
    equations' ideal by ``prod(positive)`` (:func:`_finite_candidates`) is not the whole
    ring, and it is not zero-dimensional, since every component of the zeros of ``m``
    equations in ``n`` unknowns has dimension at least ``n - m`` (Krull's height
    theorem).  One-sided: False decides nothing.  The slice's basis is in ``m + 1``
    unknowns (0.4 s where the saturation in ``n + 1`` took 46 s, four types with cubic
    payoffs).

    Examples
    --------
    >>> a, b = sp.symbols("a b")
    >>> _off_factors_slice([a - b], [a, b], [a, b])
    True
    >>> _off_factors_slice([a * (b - 1)], [a, b - 1], [a, b])
    False
    """
    k = len(unknowns) - len(eqs)
    if k <= 0:
        return False
    free, fixed = unknowns[:-k], unknowns[-k:]
    z = sp.Dummy("z")
    for row in SLICE_VALUES:
        at = {u: row[j % len(row)] for j, u in enumerate(fixed)}
        sliced = [sp.expand(e.xreplace(at)) for e in eqs]
        sliced.append(sp.expand(z * sp.Mul(*positive).xreplace(at) - 1))
        if list(sp.groebner(sliced, z, *free, order="grevlex").exprs) != [1]:
            return True
    return False


def _without_receiver(eqs: list, rho_syms: list) -> list | None:
    """Conditions on the sender's probabilities alone that every solution of ``eqs``
    meets: the equations free of the receiver's probabilities ``rho`` and every minor
    of order ``k + 1`` (``k = len(rho)``) of ``[A | c]``, the rows of the equations
    ``A rho + c = 0`` that contain them.  When that system has a solution ``-c`` lies in
    the column space of ``A``, so ``[A | c]`` has rank at most ``k`` and those minors
    vanish.  None when some equation is not linear in ``rho`` or at most ``k`` contain
    it (the minors say nothing).

    Examples
    --------
    >>> s, r = sp.symbols("s r")
    >>> _without_receiver([r * s - 1, r * (1 - s) - 2, s**3 - s], [r])
    [s**3 - s, 1 - 3*s]
    >>> _without_receiver([r * s - 1], [r]) is None
    True
    """
    rows, free = [], []
    for e in eqs:
        if not e.free_symbols & set(rho_syms):
            free.append(e)
            continue
        poly = sp.Poly(e, *rho_syms)
        if poly.total_degree() > 1:
            return None
        rows.append([poly.coeff_monomial(r) for r in rho_syms] + [poly.coeff_monomial(1)])
    k = len(rho_syms)
    if len(rows) <= k:
        return None
    # the minors over the polynomial ring of the entries' unknowns (DomainMatrix: 0.1 s
    # where sympy's Matrix.det of the expressions took 2.5 s)
    syms = sorted(set().union(*(sp.sympify(c).free_symbols for row in rows for c in row)),
                  key=str)
    ring = sp.QQ[tuple(syms)] if syms else sp.QQ
    entries = [[ring.from_sympy(sp.sympify(c)) for c in row] for row in rows]
    minors = (ring.to_sympy(DomainMatrix([entries[i] for i in pick], (k + 1, k + 1),
                                         ring).det())
              for pick in combinations(range(len(rows)), k + 1))
    return free + [m for m in minors if m != 0]


def _saturate(eqs: list, factors: list, gens: list) -> list | None:
    """Generators of the saturation of the ideal of ``eqs`` by the product of ``factors``
    (the points where none of them vanishes), or None when it is the whole ring.

    One factor at a time (Rabinowitsch: ``z f - 1``, ``z`` eliminated by a lex basis):
    ``I : (f g)^oo = (I : f^oo) : g^oo``, the same ideal as one auxiliary equation
    ``z prod(factors) - 1``, whose degree made its basis take many minutes."""
    basis = list(eqs)
    for f in factors:
        f = sp.expand(f)
        if not f.free_symbols:
            if f == 0:
                return None
            continue
        z = sp.Dummy("z")
        G = sp.groebner(basis + [sp.expand(z * f - 1)], z, *gens, order="lex")
        if list(G.exprs) == [1]:
            return None
        basis = [g for g in G.exprs if z not in g.free_symbols]
    return basis


def _elimination_ideal(eqs: list, eliminate: list, keep: list,
                       domain: str | None = None) -> list | None:
    """A Groebner basis (graded reverse lex in ``keep``) of the elimination ideal of
    ``eqs`` in the unknowns ``keep``, or None when the equations have no common complex
    zero (the unit ideal); ``[]`` when no equation is free of ``eliminate``.

    An elimination order (graded reverse lex in ``eliminate``, then in ``keep``) gives it
    in one basis, as lex in all unknowns does, often much faster (22 s to 0.5 s on a
    three-action mixing system); the reduced lex basis of the elimination ideal, which
    the caller takes next (by FGLM when the ideal is zero-dimensional), is unique, so the
    answers are the same.

    Examples
    --------
    >>> r, s, t = sp.symbols("r s t")
    >>> _elimination_ideal([r * s - 1, r - t, s + t - 2], [r], [s, t])
    [t**2 - 2*t + 1, s + t - 2]
    >>> _elimination_ideal([r - 1, r - 2], [r], [s]) is None
    True
    """
    k = len(eliminate)
    order = ProductOrder((grevlex, lambda m: m[:k]), (grevlex, lambda m: m[k:]))
    G = sp.groebner(eqs, *eliminate, *keep, order=order,
                    **({} if domain is None else {"domain": domain}))
    if list(G.exprs) == [1]:
        return None
    return [g for g in G.exprs if g.free_symbols <= set(keep)]


def _box_factors(eqs: list, unknowns: list) -> list | None:
    """The equations with the same zeros where every unknown lies in ``(0, 1)``: each
    replaced by the product of its distinct irreducible factors that may vanish there
    (:func:`_no_root_in_box` drops the others); None when one keeps no factor (no zero
    there at all), or when, with ``SUBDIVIDE_FROM`` unknowns or more, the equations are
    proved to have no common zero in the box (:func:`.bernstein.no_common_zero`)."""
    out = []
    for e in eqs:
        if _no_root_in_box(e, unknowns):
            return None
        _, factors = sp.factor_list(e, *unknowns)
        keep = [f for f, _ in factors if not _no_root_in_box(f, unknowns)]
        if not keep:
            return None
        out.append(sp.expand(sp.Mul(*keep)))
    if len(out) > 1 and len(unknowns) >= SUBDIVIDE_FROM and no_common_zero(out, unknowns):
        return None
    return out


def _no_root_in_box(e, unknowns: list) -> bool:
    """Whether the polynomial ``e`` (not 0) is proved to have no zero with every unknown
    in ``(0, 1)``: its coefficients in the Bernstein basis of the unit box all have one
    sign, weakly, and one is not 0 (each basis polynomial is positive inside the box; so
    are the monomials, and ``e`` with coefficients of one sign is a case of this), or it
    has one unknown and no real root in ``(0, 1)`` (exact root isolation)."""
    poly = sp.Poly(e, *unknowns)
    if not (poly.domain.is_QQ or poly.domain.is_ZZ):
        return False
    signs = {(b > 0) - (b < 0) for b in bernstein_coefficients(poly)}
    if signs in ({1}, {0, 1}, {-1}, {-1, 0}):
        return True
    used = [v for v, d in zip(unknowns, poly.degree_list()) if d > 0]
    if len(used) != 1:
        return False
    return not sp.Poly(e, used[0]).count_roots(0, 1) - sum(
        1 for end in (0, 1) if e.xreplace({used[0]: end}) == 0)


def _eliminate(eqs: list, sig_syms, others, reduced: tuple | None = None) -> tuple:
    """``("none", None)``, ``("points", basis)`` (zero-dimensional in the sender's
    probabilities) or ``("free", basis)``: the lex basis of the ideal's elimination
    ideal in ``sig_syms``.  ``reduced``, when given, is ``_fixed_others(eqs, sig_syms,
    others)`` as the caller computed it."""
    # the domain of the whole system, so that the bases come out as they would without
    # the substitution (primitive over ZZ, monic over QQ)
    domain = "ZZ" if all(c.is_Integer for e in eqs for c in sp.Poly(
        e, *others, *sig_syms).coeffs()) else "QQ"
    eqs, others = reduced if reduced is not None else _fixed_others(eqs, sig_syms, others)
    if not eqs:
        return "free", []
    if domain == "ZZ":
        eqs = [sp.Poly(e, *others, *sig_syms).clear_denoms()[1].as_expr() for e in eqs]
    elim = _elimination_ideal(eqs, others, sig_syms, domain)
    if elim is None:
        return "none", None
    if not elim:
        return "free", []
    G2 = sp.groebner(elim, *sig_syms, order="grevlex")  # a basis already: quick
    if G2.is_zero_dimensional:
        return "points", lex_basis(G2)
    return "free", list(sp.groebner(elim, *sig_syms, order="lex").exprs)


def _fixed_others(eqs: list, sig_syms, others) -> tuple[list, list]:
    """The equations with every unknown of ``others`` that a linear equation fixes
    substituted (``r = L``, ``L`` in the remaining unknowns), and the unknowns of
    ``others`` left.  On the variety such an ``r`` is a polynomial in the rest, so the
    elimination ideal in ``sig_syms`` is the same, and so is its reduced lex basis; a
    basis in fewer variables is often much faster (minutes to seconds in four-type
    mixing patterns, where the receiver's indifferences fix her mixing).

    Examples
    --------
    >>> s, r, q = sp.symbols("s r q")
    >>> _fixed_others([3 * r + q - 2, 3 * r - 4 * q, s**2 - r], [s], [r, q])
    ([s**2 - 8/15], [])
    """
    eqs = [sp.expand(e) for e in eqs]
    others = list(others)
    while True:
        fixed = None
        for i, e in enumerate(eqs):
            p = sp.Poly(e, *others, *sig_syms) if others else None
            if p is None or p.is_zero or p.total_degree() != 1:
                continue
            r = next((r for r in others if p.coeff_monomial(r) != 0), None)
            if r is not None:
                fixed = i, r, sp.expand(r - e / p.coeff_monomial(r))
                break
        if fixed is None:
            return [e for e in eqs if e != 0], others
        i, r, value = fixed
        eqs = [sp.expand(e.xreplace({r: value})) for j, e in enumerate(eqs) if j != i]
        others.remove(r)


def _inside(v, closed: bool) -> bool:
    """Whether the real algebraic number ``v`` lies in ``(0, 1)`` (``[0, 1]`` if
    ``closed``)."""
    lo, hi = ALG.sign(v), ALG.sign(1 - v)
    return lo >= 0 and hi >= 0 if closed else lo > 0 and hi > 0


def _real_solutions(basis: list, gens: list, closed: bool = False) -> list[tuple]:
    """Every real solution of a zero-dimensional lex Groebner basis, exactly; each
    coordinate in ``(0, 1)`` (sender probabilities; ``[0, 1]`` if ``closed``).

    A rational root of the eliminant is substituted and the rest solved recursively.  At
    an irrational root the other coordinates are read off members linear in them (from
    the last up, each in the root's field); where no such member fixes one, every
    irrational solution comes from :func:`_shape_solutions`."""
    if not gens:
        return [()]
    last = gens[-1]
    uni = [g for g in basis if g.free_symbols <= {last}]
    if not uni:
        raise _Undecided("the indifference conditions' basis has no univariate member")
    roots = [r for r in real_roots(sp.Poly(uni[0], last)) if _inside(r, closed)]
    roots = list(dict.fromkeys(roots))
    out = []
    rest = gens[:-1]
    irrational = []
    for r in roots:
        if not r.is_Rational:
            irrational.append(r)
            continue
        sub = [sp.expand(g.xreplace({last: r})) for g in basis]
        sub = [g for g in sub if g != 0]
        if any(not g.free_symbols for g in sub):
            continue
        if not rest:
            out.append((r,))
            continue
        G = sp.groebner(sub, *rest, order="lex")
        if list(G.exprs) == [1]:
            continue
        if not G.is_zero_dimensional:
            raise _Undecided("a sender mixture is not isolated")
        out.extend(pt + (r,) for pt in _real_solutions(list(G.exprs), rest, closed))
    found = []
    for r in irrational:
        pts = _triangular(basis, gens, r, closed)
        if pts is None:
            # some coordinate is not in the root's field by a linear member: all the
            # irrational solutions at once, in shape position (those with a rational
            # last coordinate were found above)
            return out + [pt for pt in _shape_solutions(basis, gens, closed)
                          if not pt[-1].is_Rational]
        found.extend(pts)
    return out + found


def _triangular(basis: list, gens: list, r, closed: bool = False) -> list[tuple] | None:
    """The solutions with last coordinate the irrational root ``r`` (at most one, in the
    box), when members linear in each other coordinate (``c(later) * s_i + g(later)``,
    ``c`` not 0 at the point; a basis in shape position is the case where ``later`` is
    ``s_last`` alone) fix them from the last up, each in ``r``'s field; else None.

    The coordinates are kept as polynomials in ``r`` of degree below its minimal
    polynomial's, reduced modulo it (:func:`_in_field`): a number of the field is 0 when
    that polynomial is, and the members' coefficients are not expanded as expressions
    (which took seconds each at a root of degree 57).

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> r = sp.CRootOf(2 * y**3 + 2 * y - 1, 0)  # 0.45...
    >>> _triangular([x - y**2, 2 * y**3 + 2 * y - 1], [x, y], r)
    [(CRootOf(2*y**3 + 2*y - 1, 0)**2, CRootOf(2*y**3 + 2*y - 1, 0))]
    """
    minimal = _minimal_poly(r)
    known = {gens[-1]: sp.Poly(_T, _T, domain="QQ")}
    for v in reversed(gens[:-1]):
        value = None
        for g in basis:
            p = sp.Poly(g, v)
            if p.degree() != 1 or not g.free_symbols <= {v, *known}:
                continue
            coeff = _in_field(p.coeff_monomial(v), known, minimal)
            if not coeff.is_zero:  # a member that fixes v at this point
                value = _in_field(-p.coeff_monomial(1), known, minimal) * \
                    coeff.invert(minimal)
                break
        if value is None:
            return None
        known[v] = value.rem(minimal)
    if any(not _in_field(g, known, minimal).is_zero for g in basis):
        return []
    if not all(_field_inside(known[v], r, closed) for v in gens):
        return []
    return [tuple(_field_value(known[v], r) for v in gens)]


def _minimal_poly(r) -> sp.Poly:
    """The minimal polynomial (in ``_T``, over QQ) of an irrational real algebraic number:
    a root object's own polynomial (sympy keeps it irreducible), else sympy's."""
    if isinstance(r, sp.CRootOf):
        return sp.Poly(r.poly.as_expr().xreplace({r.poly.gen: _T}), _T, domain="QQ")
    return sp.Poly(sp.minimal_polynomial(r, _T), _T, domain="QQ")


def _in_field(e: sp.Expr, known: dict, minimal: sp.Poly) -> sp.Poly:
    """The polynomial ``e`` (rational coefficients) in the unknowns of ``known`` at their
    values there (polynomials in ``_T`` modulo ``minimal``), reduced modulo ``minimal``:
    each power of a value once, each product reduced as it is formed."""
    syms = sorted(e.free_symbols, key=str)
    poly = sp.Poly(e, *syms, domain="QQ") if syms else None
    if poly is None:
        return sp.Poly(e, _T, domain="QQ")
    powers: dict = {}

    def power(v, k: int) -> sp.Poly:
        if (v, k) not in powers:
            powers[v, k] = known[v] if k == 1 else (power(v, k - 1) * known[v]).rem(minimal)
        return powers[v, k]

    total = sp.Poly(0, _T, domain="QQ")
    for monomial, c in poly.terms():
        term = sp.Poly(c, _T, domain="QQ")
        for v, k in zip(syms, monomial):
            if k:
                term = (term * power(v, k)).rem(minimal)
        total += term
    return total.rem(minimal)


def _field_inside(poly: sp.Poly, r, closed: bool) -> bool:
    """:func:`_inside` for the number ``poly(r)``: at a root object decided on the
    polynomial (:func:`.algebraic.root_sign`), without the expression."""
    if not isinstance(r, sp.CRootOf):
        return _inside(_field_value(poly, r), closed)
    lo, hi = root_sign(poly, r), root_sign(1 - poly, r)
    return lo >= 0 and hi >= 0 if closed else lo > 0 and hi > 0


def _field_value(poly: sp.Poly, r) -> sp.Expr:
    """The number ``poly(r)`` as an expression, in the canonical form of
    :func:`_reduce` (``sum c_i r**i``, ``i`` below the degree of ``r``)."""
    value = sp.expand(poly.as_expr().xreplace({_T: r}))
    return value if isinstance(r, sp.CRootOf) else ALG.simplify(value)


def _shape_solutions(basis: list, gens: list, closed: bool = False) -> list[tuple]:
    """Every real solution of the zero-dimensional ideal of ``basis`` with each coordinate
    in ``(0, 1)`` (``[0, 1]`` if ``closed``), each coordinate a polynomial in one root
    ``w0`` of one univariate polynomial (so that the point lives in one field, :func:`_reduce`).

    The ideal is first made radical (Seidenberg's lemma: adding the square-free part of
    each coordinate's eliminant gives the radical of a zero-dimensional ideal over
    ``Q``); then a linear form ``w = sum c**i * s_i`` that takes distinct values at the
    (complex) solutions puts the lex basis with ``w`` last in shape position
    (``s_i - h_i(w)``, ``q(w)``; the shape lemma), and the real solutions are
    ``h_i(w0)`` at the real roots of ``q``.  Raises :class:`_Undecided` when none of
    ``c = 2 ... SHAPE_TRIES + 1`` gives that shape.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> # x = y**2 twice over (not radical), 2 * y**2 = 1: one point in the box
    >>> _shape_solutions([(x - y**2)**2, 2 * y**2 - 1], [x, y])
    [(1/2, sqrt(2)/2)]
    """
    radical = list(basis)
    for i, x in enumerate(gens):
        order = [y for j, y in enumerate(gens) if j != i] + [x]
        elim = [g for g in sp.groebner(basis, *order, order="lex").exprs
                if g.free_symbols <= {x}]
        radical.append(sp.sqf_part(elim[0]))
    w = sp.Dummy("w")
    for c in range(2, SHAPE_TRIES + 2):
        form = sp.Add(*[c ** i * x for i, x in enumerate(gens)])
        G = list(sp.groebner(radical + [w - form], *gens, w, order="lex").exprs)
        q = G[-1]
        coords = {}
        for g in G[:-1]:
            poly = sp.Poly(g, *gens)
            (mono, coeff), *tail = poly.terms()
            x = [v for v, k in zip(gens, mono) if k]
            if sum(mono) == 1 and not coeff.free_symbols and all(
                    sum(k) == 0 for k, _ in tail):
                coords[x[0]] = sp.expand(-(g - coeff * x[0]) / coeff)
        if len(G) != len(gens) + 1 or len(coords) != len(gens) or q.free_symbols != {w}:
            continue  # this form does not separate the solutions
        out = []
        for w0 in real_roots(sp.Poly(q, w)):
            pt = tuple(_reduce(coords[x].xreplace({w: w0})) for x in gens)
            if all(_inside(v, closed) for v in pt):
                out.append(pt)
        return out
    raise _Undecided("the sender mixtures are irrational and no linear form tried puts "
                     "their ideal in shape position")


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
            sols = _real_solutions(list(G.exprs), gens)
        except _Undecided:
            return
    elif rest:
        return
    else:
        sols = [()]
    for sol in sols:
        full = dict(sub)
        full.update(zip(gens, sol))
        yield tuple(full[s] for s in sig_syms)
