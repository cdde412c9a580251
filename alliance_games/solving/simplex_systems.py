"""The polynomial systems of a mixing pattern in the simplex engine: every real solution,
exactly.

The receiver's and the mixing types' indifference conditions (Bayes' rule's denominators
cleared) are solved for the mixing probabilities in ``(0, 1)``: by a lex Groebner basis
(:func:`sender_candidates`), or, with more unknowns or higher degrees, through minors
that eliminate the receiver's probabilities and a degree-reverse-lex basis with FGLM
(:func:`large_candidates`, :func:`_minor_candidates`, :func:`_finite_candidates`);
boxes in which some equation has one sign are cut off first (:func:`_box_factors`).
Solutions are exact algebraic numbers (:func:`real_solutions`: triangular systems, or a
shape basis, :func:`_shape_solutions`).
"""

from __future__ import annotations

from itertools import combinations
from math import prod

import sympy as sp
from sympy.polys.matrices import DomainMatrix
from sympy.polys.orderings import ProductOrder, grevlex

from .algebraic import root_sign
from .bernstein import bernstein_coefficients, no_common_zero
from .lexbasis import lex_basis
from .root_isolation import real_roots
from .simplex_backend import (
    ROOT_T,
    SimplexUndecided,
    field_value,
    in_unit_interval,
    minimal_poly,
    reduce_in_field,
)

__all__ = ["MAX_BASIS_UNKNOWNS", "MAX_BEZOUT", "MAX_SENDER_UNKNOWNS", "SHAPE_TRIES",
           "SLICE_VALUES", "SUBDIVIDE_FROM", "large_candidates", "no_root_in_box",
           "real_solutions", "sender_candidates"]


#: With this many unknown sender probabilities and indifference conditions of degree 3 or
#: more the lex Groebner basis (sympy) can take many minutes (more than 90 s where the
#: route below takes 3 s): such systems are solved by :func:`_finite_candidates`
#: (degree-reverse-lex basis, then FGLM), and left out, named in the notes, when their
#: solutions off the boundary of the box are not finitely many.  With more than
#: ``MAX_BASIS_UNKNOWNS`` unknowns in all (the receiver's probabilities too) that basis,
#: too, can take minutes (three sender and two receiver probabilities, degrees 2 to 4:
#: more than 40 s, either of sympy's algorithms): the receiver's probabilities are
#: eliminated first where that is cheaper (:func:`large_candidates`).
MAX_SENDER_UNKNOWNS = 3


MAX_BASIS_UNKNOWNS = 4


#: Eliminating the receiver's probabilities through minors (:func:`large_candidates`)
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


#: Linear forms tried (:func:`_shape_solutions`) to put an ideal of irrational sender
#: mixtures in shape position; almost every form does, so a few suffice.
SHAPE_TRIES = 4


def sender_candidates(eqs: list[sp.Expr], positive: list[sp.Expr], sig_syms: list[sp.Symbol],
                      rho_syms: list[sp.Symbol]) -> tuple[str, list | None]:
    """The sender mixtures the indifference conditions allow: ``("points", [sigma
    values...])`` (every real solution with nonzero mixing, a superset of the projection
    of the solution set), ``("none", None)`` or ``("free", basis)`` (a positive-
    dimensional set; ``basis`` the elimination ideal in the sender's probabilities).

    The basis is first computed without excluding zero probabilities (cheap); only when
    that leaves a continuum is the zero set of ``positive`` removed (:func:`_saturate`),
    which drops spurious components on the boundary.  An equation that no point of the
    open box ``(0, 1)`` of the unknowns satisfies (:func:`no_root_in_box`) gives
    ``"none"`` before any basis (each unknown is a probability of a strict mixture), and
    each equation keeps only its factors that may vanish there (:func:`_box_factors`).
    With more than ``MAX_BASIS_UNKNOWNS`` unknowns, of which receiver probabilities are
    left once those that linear equations fix are substituted (:func:`_fixed_others`),
    the lex basis in all of them can take many minutes: the receiver's are first
    eliminated by minors (:func:`_minor_candidates`), whose answer, when it has one, is
    returned (points: a superset of the sender's mixtures of the solutions).

    Examples
    --------
    Sender probabilities ``s, t`` and a receiver probability ``r``: one solution; a
    line of them; none in the box.

    >>> s, t, r = sp.symbols("s t r")
    >>> sender_candidates([r * s - t, r * t - s, s + t - 1], [s, t, r], [s, t], [r])
    ('points', [(1/2, 1/2)])
    >>> sender_candidates([s - t], [s, t], [s, t], [])
    ('free', [s - t])
    >>> sender_candidates([4 * s - 5, s - t], [s, t], [s, t], [])
    ('none', None)
    """
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
        return kind, real_solutions(data, list(sig_syms))
    return kind, data


def large_candidates(eqs: list[sp.Expr], positive: list[sp.Expr], sig_syms: list[sp.Symbol],
                     rho_syms: list[sp.Symbol], degree: int) -> tuple:
    """:func:`sender_candidates` for three or more sender probabilities and conditions
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
    :func:`~.simplex_mixing._sample_free`, and why the set is not decided exactly, for the
    note when no sample is an equilibrium.  Raises :class:`SimplexUndecided` when neither
    decides.

    Examples
    --------
    Three sender probabilities, a cubic condition: one solution; then a curve of them.

    >>> s, t, u = sp.symbols("s t u")
    >>> large_candidates([s - t, t - u, 8 * s**3 - 1], [s, t, u], [s, t, u], [], 3)
    ('points', [(1/2, 1/2, 1/2)])
    >>> large_candidates([s - t, t**3 - u], [s, t, u], [s, t, u], [], 3)[0]
    'continuum'
    """
    boxed = _box_factors(eqs, [*sig_syms, *rho_syms])
    if boxed is None:
        return "none", None
    size = f"{len(sig_syms)} sender and {len(rho_syms)} receiver probabilities"
    found, gap = _minor_candidates(boxed, positive, sig_syms, rho_syms)
    if found is not None:
        return found
    gap += "exceed the exact solver's limit"
    if len(sig_syms) + len(rho_syms) > MAX_BASIS_UNKNOWNS:
        raise SimplexUndecided(f"the indifference conditions ({size}, degree {degree}) {gap}")
    found = _finite_candidates(boxed, positive, sig_syms, rho_syms)
    if found is None:
        return "continuum", (boxed, list(rho_syms),
                             f"the indifference conditions ({size}, degree {degree}) "
                             "leave a continuum, beyond the exact solver's limit,")
    return found


def _minor_candidates(eqs, positive, sig_syms, rho_syms) -> tuple[tuple | None, str]:
    """:func:`sender_candidates` with the receiver's probabilities eliminated first
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
    """:func:`sender_candidates` for large systems: ``("points", [sigma values...])``
    or ``("none", None)``, or None when the solutions where no factor of ``positive``
    vanishes are not finitely many.

    The degree-reverse-lex Groebner basis of the equations is far cheaper than a lex
    one; when it is zero-dimensional, :func:`.lexbasis.lex_basis` converts it to the lex
    basis with the receiver's probabilities first, whose members in the sender's
    probabilities alone generate the elimination ideal: every sender mixture of a
    solution is among its real zeros (:func:`real_solutions`), a superset of those
    where no factor of ``positive`` vanishes.  When it is not, those solutions are the
    zeros of the equations and ``z * prod(positive) - 1`` (``z`` a new unknown, first),
    which drops components on the boundary, and the same is done with that system (whose
    basis costs more: the equation has a high degree), unless a slice of fewer equations
    than unknowns already shows it a continuum (:func:`_off_factors_slice`).  The equations
    come reduced by :func:`_box_factors` (the caller's, :func:`large_candidates`).

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
    return "points", real_solutions(list(G2.exprs), list(sig_syms))


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
    (:func:`no_root_in_box` drops the others); None when one keeps no factor (no zero
    there at all), or when, with ``SUBDIVIDE_FROM`` unknowns or more, the equations are
    proved to have no common zero in the box (:func:`.bernstein.no_common_zero`)."""
    out = []
    for e in eqs:
        if no_root_in_box(e, unknowns):
            return None
        _, factors = sp.factor_list(e, *unknowns)
        keep = [f for f, _ in factors if not no_root_in_box(f, unknowns)]
        if not keep:
            return None
        out.append(sp.expand(sp.Mul(*keep)))
    if len(out) > 1 and len(unknowns) >= SUBDIVIDE_FROM and no_common_zero(out, unknowns):
        return None
    return out


def no_root_in_box(e: sp.Expr, unknowns: list) -> bool:
    """Whether the polynomial ``e`` (not 0) is proved to have no zero with every unknown
    in ``(0, 1)``: its coefficients in the Bernstein basis of the unit box all have one
    sign, weakly, and one is not 0 (each basis polynomial is positive inside the box; so
    are the monomials, and ``e`` with coefficients of one sign is a case of this), or it
    has one unknown and no real root in ``(0, 1)`` (exact root isolation).

    Examples
    --------
    ``s + t + 1`` (positive coefficients), ``s - t`` (zero where ``s = t``), ``s**2 - 2``
    (roots ``-sqrt(2)`` and ``sqrt(2)``):

    >>> s, t = sp.symbols("s t")
    >>> no_root_in_box(s + t + 1, [s, t]), no_root_in_box(s - t, [s, t])
    (True, False)
    >>> no_root_in_box(s**2 - 2, [s])
    True
    """
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


def real_solutions(basis: list, gens: list, closed: bool = False) -> list[tuple]:
    """Every real solution of a zero-dimensional lex Groebner basis, exactly; each
    coordinate in ``(0, 1)`` (sender probabilities; ``[0, 1]`` if ``closed``).

    A rational root of the eliminant is substituted and the rest solved recursively.  At
    an irrational root the other coordinates are read off members linear in them (from
    the last up, each in the root's field); where no such member fixes one, every
    irrational solution comes from :func:`_shape_solutions`.

    Examples
    --------
    >>> s, t = sp.symbols("s t")
    >>> real_solutions([s - t, 2 * t**2 - 1], [s, t])
    [(sqrt(2)/2, sqrt(2)/2)]
    >>> real_solutions([s - 2 * t, 4 * t**2 - 1], [s, t])  # s = 1 is not in (0, 1)
    []
    >>> real_solutions([s - 2 * t, 4 * t**2 - 1], [s, t], closed=True)
    [(1, 1/2)]
    """
    if not gens:
        return [()]
    last = gens[-1]
    uni = [g for g in basis if g.free_symbols <= {last}]
    if not uni:
        raise SimplexUndecided("the indifference conditions' basis has no univariate member")
    roots = [r for r in real_roots(sp.Poly(uni[0], last)) if in_unit_interval(r, closed)]
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
            raise SimplexUndecided("a sender mixture is not isolated")
        out.extend(pt + (r,) for pt in real_solutions(list(G.exprs), rest, closed))
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
    minimal = minimal_poly(r)
    known = {gens[-1]: sp.Poly(ROOT_T, ROOT_T, domain="QQ")}
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
    return [tuple(field_value(known[v], r) for v in gens)]


def _in_field(e: sp.Expr, known: dict, minimal: sp.Poly) -> sp.Poly:
    """The polynomial ``e`` (rational coefficients) in the unknowns of ``known`` at their
    values there (polynomials in ``ROOT_T`` modulo ``minimal``), reduced modulo ``minimal``:
    each power of a value once, each product reduced as it is formed."""
    syms = sorted(e.free_symbols, key=str)
    poly = sp.Poly(e, *syms, domain="QQ") if syms else None
    if poly is None:
        return sp.Poly(e, ROOT_T, domain="QQ")
    powers: dict = {}

    def power(v, k: int) -> sp.Poly:
        if (v, k) not in powers:
            powers[v, k] = known[v] if k == 1 else (power(v, k - 1) * known[v]).rem(minimal)
        return powers[v, k]

    total = sp.Poly(0, ROOT_T, domain="QQ")
    for monomial, c in poly.terms():
        term = sp.Poly(c, ROOT_T, domain="QQ")
        for v, k in zip(syms, monomial):
            if k:
                term = (term * power(v, k)).rem(minimal)
        total += term
    return total.rem(minimal)


def _field_inside(poly: sp.Poly, r, closed: bool) -> bool:
    """:func:`in_unit_interval` for the number ``poly(r)``: at a root object decided on the
    polynomial (:func:`.algebraic.root_sign`), without the expression."""
    if not isinstance(r, sp.CRootOf):
        return in_unit_interval(field_value(poly, r), closed)
    lo, hi = root_sign(poly, r), root_sign(1 - poly, r)
    return lo >= 0 and hi >= 0 if closed else lo > 0 and hi > 0


def _shape_solutions(basis: list, gens: list, closed: bool = False) -> list[tuple]:
    """Every real solution of the zero-dimensional ideal of ``basis`` with each coordinate
    in ``(0, 1)`` (``[0, 1]`` if ``closed``), each coordinate a polynomial in one root
    ``w0`` of one univariate polynomial (so that the point lives in one field,
    :func:`~.simplex_backend.reduce_in_field`).

    The ideal is first made radical (Seidenberg's lemma: adding the square-free part of
    each coordinate's eliminant gives the radical of a zero-dimensional ideal over
    ``Q``); then a linear form ``w = sum c**i * s_i`` that takes distinct values at the
    (complex) solutions puts the lex basis with ``w`` last in shape position
    (``s_i - h_i(w)``, ``q(w)``; the shape lemma), and the real solutions are
    ``h_i(w0)`` at the real roots of ``q``.  Raises :class:`SimplexUndecided` when none of
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
            pt = tuple(reduce_in_field(coords[x].xreplace({w: w0})) for x in gens)
            if all(in_unit_interval(v, closed) for v in pt):
                out.append(pt)
        return out
    raise SimplexUndecided("the sender mixtures are irrational and no linear form tried puts "
                           "their ideal in shape position")
