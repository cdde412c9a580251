"""Piecewise choices of the war stage: exact Piecewise, or the branch active at a point.

The spec's clamp, min and help decisions make the model piecewise.  A :class:`Branches`
object resolves each choice in one of two ways:

* ``Branches()`` (exact): returns ``sympy.Piecewise``; at a numeric point sympy evaluates
  it to the exact branch, so nothing is lost.
* ``Branches(reference)``: picks the branch whose condition holds at the reference point
  and records that condition (in the free symbols) in ``conditions``: a symbolic model
  that is valid wherever the recorded conditions hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp

from alliance_games.errors import ParameterError


class Branches:
    """Resolver of piecewise choices (see module docstring).

    Examples
    --------
    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> b = Branches({x: 2})
    >>> b.select([(0, x <= 0), (x, True)])
    x
    >>> b.conditions
    (x > 0,)
    """

    def __init__(self, reference: Mapping[sp.Symbol, sp.Expr] | None = None) -> None:
        self.reference = dict(reference) if reference is not None else None
        self._conditions: list[sp.Basic] = []

    @property
    def conditions(self) -> tuple[sp.Basic, ...]:
        """Recorded branch conditions (empty in exact mode), without duplicates."""
        out: list[sp.Basic] = []
        for c in self._conditions:
            if c not in out and c is not sp.true:
                out.append(c)
        return tuple(out)

    def _truth(self, cond: sp.Basic) -> bool | None:
        cond = sp.sympify(cond)
        if cond in (sp.true, sp.false):
            return bool(cond)
        if self.reference is None:
            return None
        val = cond.xreplace(self.reference)
        if val in (sp.true, sp.false):
            return bool(val)
        raise ParameterError(f"cannot decide branch condition {cond} at the reference point "
                             f"(free symbols left: {sorted(map(str, val.free_symbols))})")

    def select(self, pieces: Sequence[tuple[sp.Expr, sp.Basic]]) -> sp.Expr:
        """Choose among ``(expr, cond)`` pieces, the last with condition True."""
        pieces = [(sp.sympify(e), sp.sympify(c)) for e, c in pieces]
        if self.reference is None:
            decided = [self._truth(c) for _, c in pieces]
            if all(d is not None for d in decided):
                for (e, _), d in zip(pieces, decided):
                    if d:
                        return e
            return sp.Piecewise(*pieces)
        earlier: list[sp.Basic] = []
        for e, c in pieces:
            if self._truth(c):
                self._conditions.extend(sp.Not(x) for x in earlier)
                self._conditions.append(c)
                return e
            earlier.append(c)
        raise ParameterError("no branch holds at the reference point")

    def indicator(self, cond: sp.Basic) -> sp.Expr:
        """1 where ``cond`` holds, else 0 (resolved like :meth:`select`)."""
        return self.select([(sp.Integer(1), cond), (sp.Integer(0), sp.true)])
