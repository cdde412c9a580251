"""Two free on-path posteriors decided in their plane (the belief engine's cylindrical
decomposition).

:func:`posterior_plane` builds the pattern's conditions as polynomials in the two
posteriors (with coefficients in the rationals or in one or two quadratic fields), each
off-path message's deterrence eliminated exactly (:func:`eliminated`, Fourier-Motzkin
on rows with algebraic coefficients, one system per piece of beliefs at which its answer
is a best response), and
:func:`plane_point` finds a point meeting them all or proves there is none.
"""

from __future__ import annotations

from collections.abc import Hashable
from fractions import Fraction
from itertools import combinations, product

import sympy as sp

from .algebraic import algebraic_sign
from .belief_mixing import belief_pieces
from .belief_offpath import fixed_payoffs
from .belief_tables import TYPES, BeliefGame, representatives, sup_inf
from .elimination import fourier_motzkin_pairs, substituted_through
from .quadratic import OutsideFastType, Quad, from_sympy, to_sympy
from .semialgebraic import (
    find_point,
    radical_signs,
    rational_polynomial,
    relation_holds,
    square_roots,
)

__all__ = ["eliminated", "plane_point", "posterior_plane"]


def posterior_plane(gd: BeliefGame, S: tuple[tuple[int, ...], ...], B: tuple[tuple[int, ...], ...],
                    loose: list, opt: dict, point: dict) -> tuple:
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
    the posteriors, two mixtures whose payoffs depend on them, or piecewise payoffs.

    Examples
    --------
    Both types send ``m0`` and ``m1`` (prior 1/2).  The receiver's ``a0`` is a best
    response where ``mu(L) >= 2/3`` after ``m0`` and where ``mu(L) >= 3/4`` after ``m1``:
    answered by ``a0`` at both, both posteriors lie above the prior, which Bayes' rule
    forbids; with ``a1`` after ``m0`` the plane has a point:

    >>> from alliance_games import SignallingGame
    >>> from alliance_games.solving.belief_fast import fast_game
    >>> g = SignallingGame.from_arrays(["1/2", "1/2"], [[[1, 1], [1, 1]], [[1, 1], [1, 1]]],
    ...     [[[1, 0], [1, 0]], [[-2, 0], [-3, 0]]], types=["L", "H"])
    >>> gd, S = fast_game(g), ((0, 1), (0, 1))
    >>> def plane(B):
    ...     opt = {m: gd.br_region(m, B[m]) for m in (0, 1)}
    ...     return posterior_plane(gd, S, B, [0, 1], opt, {})
    >>> plane(((0,), (0,))), plane(((1,), (0,)))
    (('empty', None), ('point', {0: Fraction(1, 4), 1: Fraction(3, 4)}))
    """
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
            for t in TYPES for a in B[m][:-1])]
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
        for t in TYPES:
            base = pay(t, S[t][0])
            for m in on:
                if m != S[t][0]:
                    other = pay(t, m)
                    rows.append((base[0] - other[0], base[1] - other[1],
                                 _combined_rows(1, base[2], -1, other[2]),
                                 "==" if m in S[t] else ">="))
        bases = [pay(t, S[t][0]) for t in TYPES]
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
    (:func:`posterior_plane`'s decomposition, and :mod:`.belief_simplex`'s for a
    deviation's belief).  Exact when the coefficients of the conditions that are not
    numbers hold square roots of at most two primes (``sqrt(5)``, ``sqrt(13)``,
    ``sqrt(65)``; :func:`.semialgebraic.radical_signs`); otherwise those with a square
    root other than the most frequent are left out (a relaxation), and with another
    irrational number (a ``CRootOf``) all but those with rational coefficients; a point
    of a relaxation is checked against every condition, exactly, and when it misses one
    the answer is not decided.

    Examples
    --------
    A point of the simplex ``x + y = 1`` with ``x > 2/3``; then one with some ``r`` such
    that ``x - r > 0`` and ``r - 1/2 > 0`` (rows ``(A, B, rel)``, ``A + B r > 0``), which
    asks for ``x > 1/2``: there is none with ``x <= 1/2``, decided:

    >>> x, y = sp.symbols("x y")
    >>> plane_point([(x - sp.Rational(2, 3), ">")], [], [[]], (x, y))
    ((5/6, 1/6), True)
    >>> rows = [(x, sp.Integer(-1), ">"), (-sp.Rational(1, 2), sp.Integer(1), ">")]
    >>> plane_point([], rows, [[]], (x, y))
    ((2/3, 1/3), True)
    >>> plane_point([(sp.Rational(1, 2) - x, ">=")], rows, [[]], (x, y))
    (None, True)
    """
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
    deterred in :func:`posterior_plane`, each a list of rows of :func:`eliminated`
    (``bases[t]`` is type ``t``'s equilibrium payoff, a row's first three entries): a
    disjunction, empty when no belief makes ``acts`` a best response.

    One action: a way per piece of the set where it is a best response, the belief
    eliminated exactly when each type's payoff is affine in it there
    (:func:`eliminated`); otherwise each type's lowest payoff over the set's closure
    (a relaxation, as in :func:`~.belief_mixing._none_deters`).  A mixture of two actions: a way per
    belief at which it is a best response (one when no payoff depends on the belief),
    its probability eliminated exactly.  Other mixtures are left out (a relaxation)."""
    ctx = gd.ctx
    region = gd.br_region(m, list(acts))
    if ctx.is_empty(region):
        return []
    if len(acts) == 1:
        (a,) = acts
        pieces = belief_pieces(gd, m, a)
        if pieces is None:
            lows = [sup_inf(ctx, gd.u[t][m][a], region, False) for t in TYPES]
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
        if not fixed_payoffs(gd, m, acts):
            return [[]]  # (a mixture on a range of beliefs that matter: left out)
        beliefs = representatives(ctx, region)[:1]
    ways = []
    for q in beliefs:
        vals = [[_number(ctx.at(gd.u[t][m][a], q)) for a in acts] for t in TYPES]
        ways.append(eliminated(
            [(bases[t][0] - v[1], bases[t][1], {**bases[t][2], _Z: v[1] - v[0]}, ">=")
             for t, v in enumerate(vals)], _Z, sp.Integer(0), sp.Integer(1), True, True))
    return ways


_Z = "z"  # the variable of a belief or mixture eliminated from the rows of a deviation


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


def _combined_rows(k1, c1: dict, k2, c2: dict) -> dict:
    """``k1 c1 + k2 c2`` for coefficient maps (variable -> number), zeros dropped."""
    out = {v: sp.expand(k1 * c1.get(v, 0) + k2 * c2.get(v, 0)) for v in {*c1, *c2}}
    return {v: c for v, c in out.items() if c != 0}


def eliminated(rows: list, var: Hashable, lo: sp.Expr, hi: sp.Expr, lo_open: bool,
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
            [(p, q, rest, c, ">="), (-p, -q, _combined_rows(-1, rest, 0, {}), -c, ">=")]
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
            _combined_rows(k1, b1[2], k2, b2[2]))


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
        p0, q0, coef0, c = -p0, -q0, _combined_rows(-1, coef0, 0, {}), -c
    rest0 = {v: w for v, w in coef0.items() if v != var}
    out = [(sp.expand(-p0 - c * lo), -q0, _combined_rows(-1, rest0, 0, {}),
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
