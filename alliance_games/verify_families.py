"""The verifier's check of a reported family of equilibria (:func:`check_family`).

For fixed supports every equilibrium condition is linear in the family's free
probabilities, so every member is checked at once with the verifier's own exact linear
program (:mod:`alliance_games.verify_lp`), and each reported range must be the exact
range of the members.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

from .expr_walk import substitute
from .verify_data import (
    AffineForm,
    GameData,
    affine_form,
    br_region_vertices,
    exact_expr,
    linear_rows,
)
from .verify_lp import Polytope, Row, minimize, strictly_feasible
from .verify_numbers import NotExact, exact_value, show, show_point

__all__ = ["check_family"]


class _FamilyLP:
    """A family's member set as LP rows over its free variables, with exact witnesses."""

    def __init__(self, variables: tuple[sp.Symbol, ...], rows: list[Row],
                 inner: tuple[Fraction, ...]) -> None:
        self.variables = variables
        self.rows = rows
        self.inner = inner  # a member (strict rows hold strictly)
        self.poly = Polytope(rows, len(variables))
        self._memo: dict = {}

    def _at(self, f: AffineForm, x: Sequence[Fraction]) -> Fraction:
        return sum((c * v for c, v in zip(f[0], x, strict=True)), f[1])

    def _min(self, coeffs: tuple[Fraction, ...]):
        if coeffs not in self._memo:
            self._memo[coeffs] = self.poly.minimize(coeffs)
        return self._memo[coeffs]

    def range(self, f: AffineForm) -> tuple[Fraction | None, Fraction | None]:
        """Exact (min, max) of ``f`` over the closure of the family (None: unbounded)."""
        if not any(f[0]):
            return f[1], f[1]
        lo, hi = self._min(f[0]), self._min(tuple(-c for c in f[0]))
        return (lo.value + f[1] if lo.status == "optimal" else None,
                -hi.value + f[1] if hi.status == "optimal" else None)

    def violation(self, g: AffineForm,
                  when: AffineForm | None = None) -> tuple[Fraction, ...] | None:
        """A member where ``g < 0`` (and ``when > 0``), or None when ``g >= 0`` on the
        whole family wherever ``when > 0``.

        ``when`` is nonnegative on the family; if it is not identically zero it is positive
        on the relative interior, which is dense, so ``g >= 0`` must hold on the closure.
        """
        if when is not None and self.range(when)[1] == 0:
            return None
        if not any(g[0]):
            if g[1] >= 0:
                return None
            low = self.inner
        else:
            res = self._min(g[0])
            if res.status == "optimal" and res.value + g[1] >= 0:
                return None
            if res.status == "unbounded":
                # a point with g < 0 exists; find one inside the rows with g <= -1
                res = minimize([Fraction(0)] * len(self.variables),
                               self.rows + [Row(tuple(-c for c in g[0]), ">=", 1 + g[1])])
            low = res.point
        # move from a member with when > 0 toward `low` until g < 0: still a member
        base = self.inner
        if when is not None and self._at(when, base) <= 0:
            top = self._min(tuple(-c for c in when[0])).point
            base = tuple((a + b) / 2 for a, b in zip(base, top, strict=True))
        gb, gl = self._at(g, base), self._at(g, low)
        if gb < 0:
            return base
        if self._member(low) and (when is None or self._at(when, low) > 0):
            return low
        eps = -gl / (2 * (gb - gl))
        return tuple(b + (1 - eps) * (lw - b) for b, lw in zip(base, low, strict=True))

    def _member(self, x: Sequence[Fraction]) -> bool:
        for r in self.rows:
            v = sum((c * y for c, y in zip(r.coeffs, x, strict=True)), Fraction(0)) - r.rhs
            if not (v == 0 if r.rel == "=" else v > 0 if r.rel == ">" else v >= 0):
                return False
        return True

    def label(self, x: Sequence[Fraction]) -> str:
        return "family member " + ", ".join(
            f"{v} = {show(y)}" for v, y in zip(self.variables, x, strict=True))


def _family_forms(raw: Any, outer: Sequence[str], inner: Sequence[Sequence[str]],
                  variables: tuple[sp.Symbol, ...], point: Mapping, what: str
                  ) -> list[list[AffineForm]]:
    """Read ``{outer: {inner: expression}}`` as affine forms (missing entries are 0)."""
    if not isinstance(raw, Mapping):
        raise NotExact(f"{what}: expected a mapping, got {raw!r}")
    unknown = [str(k) for k in raw if str(k) not in outer]
    if unknown:
        raise NotExact(f"{what}: unknown labels {unknown}")
    zero = ((Fraction(0),) * len(variables), Fraction(0))
    out = []
    for i, key in enumerate(outer):
        row = raw.get(key, {})
        if not isinstance(row, Mapping):
            raise NotExact(f"{what} of {key}: expected a mapping, got {row!r}")
        forms = [zero] * len(inner[i])
        for label, x in row.items():
            e = exact_expr(x, f"{what} of {key}, {label}")
            f = affine_form(substitute(e, point) if point else e, variables,
                            f"{what} of {key}, {label}")
            if str(label) not in inner[i]:
                if f != zero:
                    raise NotExact(f"{what} of {key}: {label} is not available but has "
                                   f"probability {e}")
                continue
            forms[list(inner[i]).index(str(label))] = f
        out.append(forms)
    return out


def _add(*forms: tuple[Fraction, AffineForm]) -> AffineForm:
    """The linear combination ``sum(k * f)`` of affine forms."""
    d = len(forms[0][1][0])
    coeffs = [Fraction(0)] * d
    const = Fraction(0)
    for k, (c, c0) in forms:
        if k:
            coeffs = [a + k * b for a, b in zip(coeffs, c, strict=True)]
            const += k * c0
    return tuple(coeffs), const


def check_family(data: GameData, eq: Any, point: Mapping, failures: list[str]) -> None:
    """Every member of a reported continuum is a PBE, exactly; its ranges are exact.

    For fixed supports every equilibrium condition is linear in the free probabilities,
    so each is decided by one exact LP over the family's constraint: a condition that
    must hold where some probability is positive must hold on the family's closure unless
    that probability is zero on the whole family.  An off-path message of every member
    needs a belief at which the receiver's play is optimal (sender payoffs do not depend
    on beliefs); a message that is on the path somewhere in the family gets one from
    nearby members.

    Examples
    --------
    Beer-quiche's family pooling on beer (quiche answered by a mixture) checks out;
    reported with a wrong range for ``rho[quiche,duel]`` it does not:

    >>> import dataclasses
    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.verify_data import game_data
    >>> g = beer_quiche()
    >>> eq = next(e for e in solve(g) if e.family is not None)
    >>> failures = []
    >>> check_family(game_data(g), eq, {}, failures)
    >>> failures
    []
    >>> v = eq.family.variables[0]
    >>> wrong = dataclasses.replace(eq.family, ranges={**eq.family.ranges, v: (Fraction(1, 3), 1)})
    >>> check_family(game_data(g), dataclasses.replace(eq, family=wrong), {}, failures)
    >>> print(*failures)  # doctest: +NORMALIZE_WHITESPACE
    family: the range of rho[quiche,duel] is reported as [1/3, 1], but its members range
    from 1/2 to 1
    """
    fam = eq.family
    T, M, A = data.types, data.messages, data.actions
    n = len(T)
    if data.belief_dependent:
        failures.append("family: a continuum of equilibria of a game with belief-dependent "
                        "payoffs cannot be verified exactly")
        return
    variables = tuple(getattr(fam, "variables", ()) or ())
    if (not variables or not all(isinstance(v, sp.Symbol) for v in variables)
            or len(set(variables)) != len(variables)):
        failures.append(f"family: its variables must be distinct sympy symbols, got "
                        f"{variables!r}")
        return
    d = len(variables)
    try:
        sig = _family_forms(fam.sender, T, [M] * n, variables, point, "family sender strategy")
        rho = _family_forms(fam.receiver, M, A, variables, point, "family receiver strategy")
        constraint = exact_expr(getattr(fam, "constraint", sp.true), "family constraint")
        rows = linear_rows(substitute(constraint, point) if point else constraint, variables,
                           "family constraint")
    except (NotExact, TypeError, AttributeError) as exc:
        failures.append(f"family cannot be checked exactly: {exc}")
        return
    inner = None if rows is None else strictly_feasible([r for r, _ in rows], d)
    if inner is None:
        failures.append(f"family: its constraint {constraint} has no member")
        return
    lp = _FamilyLP(variables, [r for r, _ in rows], inner)
    one = ((Fraction(0),) * d, Fraction(1))

    # --- strategies are distributions on every member
    bad = len(failures)
    for who, forms, outer, inner_labels in (("sender strategy of type", sig, T, [M] * n),
                                            ("receiver strategy after", rho, M, A)):
        for i, row in enumerate(forms):
            for j, f in enumerate(row):
                x = lp.violation(f)
                if x is not None:
                    failures.append(f"{lp.label(x)}: {who} {outer[i]} gives "
                                    f"{inner_labels[i][j]} probability {show(lp._at(f, x))}")
            total = lp.range(_add(*[(Fraction(1), f) for f in row], (Fraction(-1), one)))
            if total != (0, 0):
                failures.append(f"family: the {who} {outer[i]} does not sum to 1 on every "
                                f"member (the sum minus 1 ranges over {total})")
    if len(failures) > bad:
        return

    # --- sender optimality
    us = [[[data.payoff("sender", t, m, a, None) for a in range(len(A[m]))]
           for m in range(len(M))] for t in range(n)]
    value = [[_add(*[(us[t][m][a], rho[m][a]) for a in range(len(A[m]))])
              for m in range(len(M))] for t in range(n)]
    for t in range(n):
        for m in range(len(M)):
            for m2 in range(len(M)):
                if m2 == m:
                    continue
                g = _add((Fraction(1), value[t][m]), (Fraction(-1), value[t][m2]))
                x = lp.violation(g, when=sig[t][m])
                if x is not None:
                    failures.append(f"{lp.label(x)}: type {T[t]} gains by deviating from "
                                    f"{M[m]} (sent with probability "
                                    f"{show(lp._at(sig[t][m], x))}) to {M[m2]}: "
                                    f"{show(lp._at(value[t][m2], x))} > "
                                    f"{show(lp._at(value[t][m], x))}")

    # --- receiver optimality
    for m in range(len(M)):
        weight = _add(*[(data.prior[t], sig[t][m]) for t in range(n)])
        plays = [a for a in range(len(A[m])) if lp.range(rho[m][a])[1] != 0]
        if lp.range(weight)[1] == 0:  # off the path for every member
            if not br_region_vertices(data, m, plays):
                failures.append(f"family: no belief after off-path message {M[m]} makes every "
                                f"action the family plays ({', '.join(A[m][a] for a in plays)}) "
                                "a best response")
            continue
        ur = [[data.payoff("receiver", t, m, a, None) for a in range(len(A[m]))]
              for t in range(n)]
        for a in plays:
            for b in range(len(A[m])):
                if b == a:
                    continue
                h = _add(*[(data.prior[t] * (ur[t][a] - ur[t][b]), sig[t][m])
                           for t in range(n)])
                x = lp.violation(h, when=rho[m][a])
                if x is not None:
                    w = lp._at(weight, x)
                    post = [data.prior[t] * lp._at(sig[t][m], x) / w for t in range(n)]
                    failures.append(f"{lp.label(x)}: after on-path message {M[m]} (posterior "
                                    f"{show_point(T, post)}) the receiver plays {A[m][a]} with "
                                    f"probability {show(lp._at(rho[m][a], x))}, but {A[m][b]} "
                                    "pays more")

    # --- the reported ranges are the exact ranges of the members
    ranges = getattr(fam, "ranges", None)
    if not isinstance(ranges, Mapping):
        failures.append(f"family: ranges should be a mapping variable -> (lo, hi), got "
                        f"{ranges!r}")
        return
    extra = [str(k) for k in ranges if k not in variables]
    if extra:
        failures.append(f"family: ranges given for {extra}, which are not its variables")
    for i, v in enumerate(variables):
        unit = (tuple(Fraction(int(j == i)) for j in range(d)), Fraction(0))
        true = lp.range(unit)
        shown = " to ".join("unbounded" if e is None else show(e) for e in true)
        if v not in ranges:
            failures.append(f"family: no range reported for {v} (its members range from "
                            f"{shown})")
            continue
        try:
            lo, hi = (exact_value(exact_expr(e, f"range of {v}").xreplace(point))
                      for e in ranges[v])
        except (NotExact, TypeError, ValueError) as exc:
            failures.append(f"family: the range of {v} is not exact ({exc})")
            continue
        if (lo, hi) != true:
            failures.append(f"family: the range of {v} is reported as [{lo}, {hi}], but its "
                            f"members range from {shown}")

    # --- the representative is a member
    try:
        rep = [[exact_value(exact_expr(eq.sender[t].get(m, 0), "")) for m in M] for t in T] + [
            [exact_value(exact_expr(eq.receiver[m].get(a, 0), "")) for a in A[i]]
            for i, m in enumerate(M)]
    except (NotExact, TypeError, AttributeError):
        return
    pinned = [Row(f[0], "=", value - f[1]) for forms, vals in zip(sig + rho, rep, strict=True)
              for f, value in zip(forms, vals, strict=True)]
    if strictly_feasible(lp.rows + pinned, d) is None:
        failures.append("family: the reported equilibrium is not one of its members")
