"""The verifier's check of off-path belief sets (:func:`check_off_path`).

The set of beliefs at which the receiver's reported play is optimal and no type gains by
deviating is recomputed independently (an exact vertex enumeration; for two types and
belief-dependent payoffs a union of intervals with exact algebraic ends, from the real
roots of the conditions in ``mu(first type)``) and compared with the reported set as
sets: a point in one and not the other is named.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key
from typing import Any

import sympy as sp

from .expr_walk import atoms_of, substitute
from .verify_data import (
    GameData,
    belief_grid,
    br_region_vertices,
    check_best_response,
    condition_holds,
    conjuncts,
    linear_rows,
    point_dict,
    polytope_vertices,
    read_point,
    relation_parts,
)
from .verify_numbers import (
    NotExact,
    exact_sign,
    exact_value,
    from_sympy,
    short_expr,
    show,
    show_point,
    to_sympy,
)

__all__ = ["check_off_path"]


_X = sp.Dummy("x")


def _roots01(expr: sp.Expr) -> list[sp.Expr]:
    """The real roots in [0, 1] of the numerator and denominator of ``expr`` (in ``_X``).

    Rational coefficients: the exact real roots.  Algebraic coefficients (square roots from
    belief-dependent payoffs, a parameter value that is a root): a linear or quadratic
    part's roots by the formula (its true degree decided by exact signs), otherwise the
    real roots of a multiple with rational coefficients (:func:`_rational_multiple`), a
    superset of the roots.
    """
    out = []
    for part in sp.fraction(sp.together(expr)):
        if _X not in part.free_symbols:
            continue
        try:
            roots = _real_roots(sp.expand(part))
        except NotExact:
            raise
        except Exception as exc:
            raise NotExact(f"cannot find the real roots of {short_expr(part)} exactly") from exc
        out.extend(r for r in roots if exact_sign(r) >= 0 and exact_sign(r - 1) <= 0)
    return out


def _real_roots(part: sp.Expr) -> list[sp.Expr]:
    """Exact real numbers including every real root of the polynomial ``part`` in ``_X``."""
    try:
        return list(sp.Poly(part, _X, domain="QQ").real_roots())
    except sp.polys.polyerrors.CoercionFailed:  # algebraic coefficients
        coeffs = sp.Poly(part, _X, domain="EX").all_coeffs()
    while coeffs and exact_sign(coeffs[0]) == 0:  # a leading coefficient zero in disguise
        coeffs = coeffs[1:]
    if len(coeffs) <= 1:
        return []
    if len(coeffs) == 2:
        return [to_sympy(from_sympy(-coeffs[1] / coeffs[0]))]
    if len(coeffs) == 3:  # by the formula: numbers of a tower, signs exact (_tower_sign)
        a, b, c = coeffs
        mid = to_sympy(from_sympy(-b / (2 * a)))
        disc = to_sympy(from_sympy((b**2 - 4 * a * c) / (4 * a**2)))
        s = exact_sign(disc)
        return [] if s < 0 else [mid] if s == 0 else [mid - sp.sqrt(disc), mid + sp.sqrt(disc)]
    poly = sp.Poly(_rational_multiple(part), _X)
    if not (poly.domain.is_QQ or poly.domain.is_ZZ):
        raise NotExact(f"cannot eliminate the irrational coefficients of {short_expr(part)}")
    return list(poly.real_roots())


def _rational_multiple(part: sp.Expr) -> sp.Expr:
    """A polynomial in ``_X`` with rational coefficients whose roots include those of
    ``part`` (whose coefficients may be algebraic numbers, e.g. a mixture probability).

    Every algebraic number is replaced by its own symbol at once (replaced one at a time,
    sympy would fold products back together: ``sqrt(21) * sqrt(210)`` is ``21 sqrt(10)``),
    then each symbol is eliminated by a resultant with the number's minimal polynomial.
    The extra roots are harmless where roots only split [0, 1] into pieces to test.
    """
    algebraic = sorted((a for a in atoms_of(part, sp.CRootOf, sp.Pow) if not a.free_symbols and
                        (isinstance(a, sp.CRootOf) or not a.exp.is_Integer)),
                       key=sp.default_sort_key)
    zs = [sp.Dummy(f"z{i}") for i in range(len(algebraic))]
    # a numeric denominator (nonzero) does not change the roots in _X
    part = sp.fraction(sp.together(substitute(part, dict(zip(algebraic, zs, strict=True)))))[0]
    part = sp.expand(part)
    for a, z in zip(algebraic, zs, strict=True):
        if z in part.free_symbols:  # not when it sat inside a number replaced whole
            minpoly = sp.minimal_polynomial(a, z)
            # reduced modulo ``a``'s minimal polynomial first (same value at z = a): the
            # resultant's degree and coefficients stay small
            part = sp.expand(sp.resultant(minpoly, sp.rem(part, minpoly, z), z))
    if part == 0 or part.free_symbols - {_X}:
        raise NotExact("cannot eliminate the irrational coefficients")
    return part


def _sorted_points(points: Iterable[sp.Expr]) -> list[sp.Expr]:
    out: list[sp.Expr] = []
    for p in sorted(points, key=cmp_to_key(lambda a, b: exact_sign(a - b))):
        if not out or exact_sign(p - out[-1]) != 0:
            out.append(p)
    return out


def _between(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """A simple rational strictly between ``a < b`` (floats propose, exact signs decide)."""
    if a.is_Rational and b.is_Rational:
        fa, fb = Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))
        for den in range(1, 65):
            k = Fraction(math.floor(fa * den) + 1, den)
            if fa < k < fb:
                return sp.Rational(k.numerator, k.denominator)
        mid = (fa + fb) / 2
        return sp.Rational(mid.numerator, mid.denominator)
    for prec in (30, 60, 120, 240):
        mid = sp.Rational(((a + b) / 2).evalf(prec))
        if exact_sign(mid - a) > 0 and exact_sign(b - mid) > 0:
            return mid
    raise NotExact(f"cannot separate {short_expr(a)} and {short_expr(b)}")


def _in_region(region: Any, x: sp.Expr) -> bool:
    """Exact membership of ``x`` in a finite union of intervals and points."""
    if region is sp.S.EmptySet:
        return False
    if isinstance(region, sp.Union):
        return any(_in_region(r, x) for r in region.args)
    if isinstance(region, sp.FiniteSet):
        return any(exact_sign(x - e) == 0 for e in region.args)
    if isinstance(region, sp.Interval):
        lo, hi = region.start, region.end
        if lo is not sp.S.NegativeInfinity:
            s = exact_sign(x - lo)
            if s < 0 or (s == 0 and region.left_open):
                return False
        if hi is not sp.S.Infinity:
            s = exact_sign(hi - x)
            if s < 0 or (s == 0 and region.right_open):
                return False
        return True
    raise NotExact(f"cannot read the set {region}")


def _region_points(region: Any) -> list[sp.Expr]:
    if isinstance(region, sp.Union):
        return [p for r in region.args for p in _region_points(r)]
    if isinstance(region, sp.FiniteSet):
        return list(region.args)
    if isinstance(region, sp.Interval):
        return [p for p in (region.start, region.end) if p.is_finite]
    return []


def _first_difference(points: Iterable[sp.Expr], in_a, in_b
                      ) -> tuple[sp.Expr, bool, bool] | None:
    """Where two finite unions of intervals in [0, 1] differ, if they do.

    ``points`` must contain every end point of both sets: the sets are then constant
    between consecutive points, so comparing them at the points and at one rational in
    each gap decides equality exactly.
    """
    pts = _sorted_points([sp.Integer(0), sp.Integer(1)] + [
        p for p in points if exact_sign(p) >= 0 and exact_sign(p - 1) <= 0])
    tests: list[sp.Expr] = []
    for i, p in enumerate(pts):
        tests.append(p)
        if i + 1 < len(pts):
            tests.append(_between(p, pts[i + 1]))
    for x in tests:
        a, b = in_a(x), in_b(x)
        if a != b:
            return x, a, b
    return None


def _call(obj: Any, name: str, *args: Any) -> Any:
    attr = getattr(obj, name)
    return attr(*args) if callable(attr) else attr


def check_off_path(data: GameData, mi: int, bset: Any, rho: Sequence[Fraction],
                   values: Sequence[sp.Expr | None], failures: list[str]
                   ) -> tuple[Fraction, ...] | None:
    """Check the belief set after an off-path message; return its example point.

    The reported set must equal the exact set of beliefs at which every action the
    receiver plays is a best response (with belief-dependent payoffs: and at which no type
    gains by sending the message, given the receiver's reported play).  Each representation
    it reports (constraints, vertices, the interval ``region`` of ``mu(first type)``,
    ``bounds``) is compared with that set exactly; ``contains`` is cross-checked at the
    set's vertices (and on a grid when it reports no constraints).

    Examples
    --------
    Beer-quiche pooling on beer, with duel after quiche (message 1) for
    ``mu(weak) in [1/2, 1]``: the set checks out; with not_duel played there it does not.

    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.verify_data import game_data
    >>> g = beer_quiche()
    >>> eq = solve(g, pure=True)[0]
    >>> bset, values, failures = eq.beliefs["quiche"], list(eq.sender_payoffs.values()), []
    >>> check_off_path(game_data(g), 1, bset, [Fraction(1), Fraction(0)], values, failures)
    (Fraction(1, 1), Fraction(0, 1))
    >>> failures
    []
    >>> _ = check_off_path(game_data(g), 1, bset, [Fraction(0), Fraction(1)], values, failures)
    >>> print(failures[0])  # doctest: +NORMALIZE_WHITESPACE
    receiver after off-path message quiche at the example belief {weak: 1, strong: 0}:
    action not_duel has probability 1 but expected payoff 0 < 1 from duel
    """
    T = data.types
    m = data.messages[mi]
    where = f"after off-path message {m}"
    if isinstance(bset, Mapping) or not hasattr(bset, "contains"):
        failures.append(f"belief {where} should be a belief set, got {bset!r}")
        return None

    def contains(pt: Sequence[Fraction]) -> bool | None:
        try:
            return bool(bset.contains(point_dict(T, pt)))
        except Exception as exc:  # a buggy belief set must not crash the verifier
            failures.append(f"belief set {where}: contains({show_point(T, pt)}) raised "
                            f"{type(exc).__name__}: {exc}")
            return None

    # example: nonempty
    try:
        ex_raw = _call(bset, "example")
    except Exception as exc:
        failures.append(f"belief set {where}: example() raised {type(exc).__name__}: {exc}")
        ex_raw = None
    example = None
    if ex_raw is None:
        failures.append(f"belief set {where} is empty (no example point)")
    else:
        example = read_point(ex_raw, T, f"example belief {where}", failures)
        if example is not None:
            if contains(example) is False:
                failures.append(f"belief set {where} does not contain its own example "
                                f"{show_point(T, example)}")
            check_best_response(data, mi, example, rho,
                                f"{where} at the example belief {show_point(T, example)}", failures)

    support = [a for a, p in enumerate(rho) if p > 0]
    acts = ", ".join(data.actions[mi][a] for a in support)
    verb = "is a best response" if len(support) == 1 else "are best responses"
    desc = f"the exact set where {acts} {verb}"
    reported = {}
    for name in ("constraints", "vertices", "region"):
        try:
            value = getattr(bset, name, None)
        except Exception as exc:
            failures.append(f"belief set {where}: reading its {name} raised "
                            f"{type(exc).__name__}: {exc}")
            return example
        if value is not None:
            reported[name] = value
    if not reported:
        failures.append(f"belief set {where} cannot be checked exactly: it reports neither "
                        "constraints, vertices nor a region")
        return example
    ctx = _SetContext(data, mi, support, where, desc, failures, list(rho), list(values))

    if data.belief_dependent:
        if "vertices" in reported:
            failures.append(f"belief set {where} reports vertices, but with belief-dependent "
                            "payoffs the set need not be a polytope")
        if len(T) == 2:
            ctx.check_interval_set(reported.get("constraints"), reported.get("region"))
        else:
            ctx.check_curved_set(reported.get("constraints"))
        return example

    exact = br_region_vertices(data, mi, support)
    if not exact:
        failures.append(f"no belief {where} makes every action in the support ({acts}) a "
                        "best response")
        return example

    # reported vertices: their hull equals the exact set iff each lies in it and each of
    # its vertices is reported
    vertices: list[tuple[Fraction, ...]] | None = None
    if "vertices" in reported:
        vertices = []
        for v in reported["vertices"]:
            pt = read_point(v, T, f"vertex of the belief set {where}", failures)
            if pt is None:
                continue
            vertices.append(pt)
            if not check_best_response(data, mi, pt, rho,
                                       f"{where} at reported vertex {show_point(T, pt)}", failures):
                failures.append(f"belief set {where} is too big: it contains "
                                f"{show_point(T, pt)}, where the receiver's play is not a "
                                "best response")
        for v in exact:
            if v not in vertices:
                failures.append(f"belief set {where} is too small: vertex "
                                f"{show_point(T, v)} of {desc} is missing from its vertices")
    if "constraints" in reported:
        ctx.check_polytope_constraints(reported["constraints"], exact)
    if "region" in reported and len(T) == 2:
        lo, hi = min(v[0] for v in exact), max(v[0] for v in exact)
        ctx.compare_1d(f"its region {reported['region']}",
                       _region_points(reported["region"]) + [to_sympy(lo), to_sympy(hi)],
                       lambda x: (exact_sign(x - to_sympy(lo)) >= 0
                                  and exact_sign(to_sympy(hi) - x) >= 0),
                       lambda x: _in_region(reported["region"], x))

    # bounds
    if hasattr(bset, "bounds"):
        for i, t in enumerate(T):
            try:
                lo, hi = _call(bset, "bounds", t)
                lo, hi = exact_value(lo), exact_value(hi)
            except Exception as exc:
                if "vertices" in reported:  # bounds are optional for sets without vertices
                    failures.append(f"belief set {where}: bounds({t}) failed or is not exact "
                                    f"({type(exc).__name__}: {exc})")
                break
            true_lo, true_hi = min(v[i] for v in exact), max(v[i] for v in exact)
            if (lo, hi) != (true_lo, true_hi):
                failures.append(f"belief set {where}: bounds({t}) = [{show(lo)}, {show(hi)}], "
                                f"but {desc} has [{show(true_lo)}, {show(true_hi)}]")

    # the object's own membership test agrees with the set (at its vertices and on a grid)
    for v in exact:
        if contains(v) is False:
            failures.append(f"belief set {where} is too small: it excludes "
                            f"{show_point(T, v)}, a vertex of {desc}")
    said = set()
    for pt in belief_grid(len(T)) if "constraints" not in reported else ():
        # without constraints, `contains` is the object's own rule: cross-check it
        vals = data.receiver_values(mi, pt)
        inside = all(vals[a] == max(vals) for a in support)
        got = contains(pt)
        if got is None:
            break
        if got and not inside and "big" not in said:
            said.add("big")
            failures.append(f"belief set {where} is too big: it contains "
                            f"{show_point(T, pt)}, outside {desc}")
        elif inside and not got and "small" not in said:
            said.add("small")
            failures.append(f"belief set {where} is too small: it excludes "
                            f"{show_point(T, pt)}, inside {desc}")
    return example


@dataclass
class _SetContext:
    """The exact belief set after one off-path message, compared with reported ones."""

    data: GameData
    mi: int
    support: list[int]
    where: str
    desc: str
    failures: list[str]
    rho: list[Fraction]
    values: list[sp.Expr | None]  # equilibrium payoff per type

    def deterrence(self) -> list[tuple[int, sp.Expr]]:
        """Belief-dependent payoffs: ``(t, e)`` with ``e(mu) >= 0`` when type t does not
        gain by sending the message (the receiver playing ``rho``)."""
        d, mi = self.data, self.mi
        out = []
        for t, v in enumerate(self.values):
            if v is None:
                continue
            u = sp.Add(*[to_sympy(p) * d.us[t][mi][a] for a, p in enumerate(self.rho) if p > 0])
            out.append((t, sp.expand(v - u)))
        return out

    def gains(self) -> list[tuple[int, int, sp.Expr]]:
        """``(a, b, g)``: ``g(mu) >= 0`` says action ``a`` is at least as good as ``b``."""
        d, mi = self.data, self.mi
        out = []
        for a in self.support:
            for b in range(len(d.actions[mi])):
                if b != a:
                    g = sp.Add(*[mu * (d.ur[t][mi][a] - d.ur[t][mi][b])
                                 for t, mu in enumerate(d.syms)])
                    out.append((a, b, sp.expand(g)))
        return out

    def inequalities(self) -> list[list[Fraction]]:
        """Linear payoffs: ``h . mu >= 0`` for each (a in the support, b) pair."""
        d, mi = self.data, self.mi
        ur = [[d.payoff("receiver", t, mi, a, None) for a in range(len(d.actions[mi]))]
              for t in range(len(d.types))]
        return [[ur[t][a] - ur[t][b] for t in range(len(d.types))]
                for a in self.support for b in range(len(d.actions[mi])) if b != a]

    def why_not(self, mu: Mapping[sp.Symbol, sp.Expr]) -> str:
        acts = self.data.actions[self.mi]
        for a, b, g in self.gains():
            if exact_sign(substitute(g, mu)) < 0:
                return f"{acts[b]} pays more than {acts[a]}"
        for t, e in self.deterrence() if self.data.belief_dependent else ():
            if exact_sign(substitute(e, mu)) < 0:
                return f"type {self.data.types[t]} gains by sending {self.data.messages[self.mi]}"
        return ""

    def check_polytope_constraints(self, constraints: Any,
                                   exact: list[tuple[Fraction, ...]]) -> None:
        """Linear payoffs: the reported constraints cut out exactly the polytope ``exact``."""
        d, T = self.data, self.data.types
        what = f"belief set {self.where}"
        try:
            rows = linear_rows(sp.And(*constraints), d.syms, f"{what}: constraint")
        except (NotExact, TypeError) as exc:
            self.failures.append(f"{what} cannot be checked exactly: {exc}")
            return
        if rows is None:
            self.failures.append(f"{what} is empty: its constraints cannot hold")
            return
        for v in exact:  # the exact set lies inside the reported one
            for row, atom in rows:
                val = sum((c * x for c, x in zip(row.coeffs, v, strict=True)), Fraction(0))
                val -= row.rhs
                ok = val == 0 if row.rel == "=" else val > 0 if row.rel == ">" else val >= 0
                if not ok:
                    self.failures.append(f"{what} is too small: its constraint {atom} "
                                         f"excludes {show_point(T, v)}, a vertex of {self.desc}")
        hom = []  # on the simplex, a . mu >= b is (a - b) . mu >= 0
        for row, _ in rows:
            h = [c - row.rhs for c in row.coeffs]
            hom.append(h)
            if row.rel == "=":
                hom.append([-c for c in h])
        if {_ray(h) for h in self.inequalities() if any(h)} <= {_ray(h) for h in hom}:
            return  # every row of the exact set is reported: the reported set is inside
        n_before = len(self.failures)
        for w in polytope_vertices(len(T), hom):  # ... and the reported one inside it
            vals = d.receiver_values(self.mi, w)
            for a in self.support:
                if vals[a] != max(vals):
                    b = vals.index(max(vals))
                    self.failures.append(
                        f"{what} is too big: its constraints admit {show_point(T, w)}, where "
                        f"{d.actions[self.mi][a]} is not a best response ({d.actions[self.mi][b]}"
                        f" pays {show(vals[b])} > {show(vals[a])})")
                    break
            if len(self.failures) > n_before:
                break

    def compare_1d(self, what: str, points: list[sp.Expr], in_true, in_reported) -> None:
        """Compare two sets of ``mu(first type)``; ``points`` holds both sets' end points."""
        T = self.data.types
        diff = _first_difference(points, in_true, in_reported)
        if diff is None:
            return
        x, inside, _ = diff
        where = f"mu({T[0]}) = {x}"
        if inside:
            self.failures.append(f"belief set {self.where} is too small: {what} excludes "
                                 f"{where}, inside {self.desc}")
        else:
            mu = {self.data.syms[0]: x, self.data.syms[1]: 1 - x}
            self.failures.append(f"belief set {self.where} is too big: {what} admits {where}, "
                                 f"outside {self.desc} ({self.why_not(mu)})")

    def check_interval_set(self, constraints: Any, region: Any) -> None:
        """Two types, belief-dependent payoffs: the set is a union of intervals of mu(t0)."""
        d = self.data
        sub = {d.syms[0]: _X, d.syms[1]: 1 - _X}
        gains = [substitute(g, sub) for _, _, g in self.gains()] + [
            substitute(e, sub) for _, e in self.deterrence()]
        try:
            true_points = [r for g in gains for r in _roots01(g)]

            def in_true(x: sp.Expr) -> bool:
                return all(exact_sign(substitute(g, {_X: x})) >= 0 for g in gains)

            if constraints is not None:
                cond = sp.And(*constraints)
                pts = [r for e in relation_parts(cond) for r in _roots01(substitute(e, sub))]
                self.compare_1d("its constraints", true_points + pts, in_true,
                                lambda x: condition_holds(cond, {d.syms[0]: x, d.syms[1]: 1 - x}))
            if region is not None:
                self.compare_1d(f"its region {region}", true_points + _region_points(region),
                                in_true, lambda x: _in_region(region, x))
        except (NotExact, TypeError) as exc:
            self.failures.append(f"belief set {self.where} cannot be checked exactly: {exc}")

    def check_curved_set(self, constraints: Any) -> None:
        """Three or more types, belief-dependent payoffs: the reported constraints must be
        the best-response inequalities themselves (up to positive factors)."""
        d = self.data
        what = f"belief set {self.where}"
        free = d.syms[:-1]
        last = {d.syms[-1]: 1 - sp.Add(*free)}
        try:
            truth = {_normal(substitute(g, last), free, ">=") for g in
                     [g for _, _, g in self.gains()] + [e for _, e in self.deterrence()]}
            truth.discard(None)
            got = set()
            for atom in conjuncts(sp.And(*(constraints or ()))):
                if not isinstance(atom, (sp.Eq, sp.Ge, sp.Gt, sp.Le, sp.Lt)):
                    raise NotExact(f"cannot read its constraint {atom}")
                flip = isinstance(atom, (sp.Le, sp.Lt))
                e = (atom.rhs - atom.lhs) if flip else (atom.lhs - atom.rhs)
                rel = ("=" if isinstance(atom, sp.Eq) else
                       ">" if isinstance(atom, (sp.Gt, sp.Lt)) else ">=")
                got.add(_normal(substitute(e, last), free, rel))
            got.discard(None)
        except (NotExact, TypeError) as exc:
            self.failures.append(f"{what} cannot be checked exactly: {exc}")
            return
        if got != truth:
            self.failures.append(
                f"{what} cannot be confirmed exactly: with belief-dependent payoffs and "
                f"{len(d.types)} types its constraints must be the best-response conditions "
                f"of {self.desc}")


def _ray(h: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """A linear inequality ``h . mu >= 0`` up to a positive factor."""
    scale = max((abs(c) for c in h), default=Fraction(0))
    return tuple(h) if scale == 0 else tuple(c / scale for c in h)


def _normal(e: sp.Expr, syms: Sequence[sp.Symbol], rel: str) -> tuple | None:
    """A polynomial relation ``e rel 0`` up to a positive factor; ``None`` if always true."""
    try:
        poly = sp.Poly(sp.expand(sp.numer(sp.together(e))), *syms)
    except sp.PolynomialError as exc:
        raise NotExact(f"{e} is not a polynomial in the beliefs") from exc
    if not poly.domain.is_QQ and not poly.domain.is_ZZ:
        raise NotExact(f"{e} has irrational coefficients")
    terms = [(mon, Fraction(int(c.p), int(c.q))) for mon, c in
             ((mon, sp.Rational(c)) for mon, c in poly.terms()) if c != 0]
    if sp.denom(sp.together(e)).free_symbols:
        raise NotExact(f"{e} is not a polynomial in the beliefs")
    if all(sum(mon) == 0 for mon, _ in terms):
        const = sum((c for _, c in terms), Fraction(0))
        holds = const == 0 if rel == "=" else const > 0 if rel == ">" else const >= 0
        if holds:
            return None
        raise NotExact(f"the relation {e} {rel} 0 never holds")
    scale = max(abs(c) for _, c in terms)
    if rel == "=" and terms[0][1] < 0:
        scale = -scale
    return rel, tuple(sorted((mon, c / scale) for mon, c in terms))
