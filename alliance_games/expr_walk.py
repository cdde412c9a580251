"""Walking sympy expressions that hold root objects: each distinct subexpression once,
root objects as leaves.

sympy's own traversals (``atoms``, ``has``, ``xreplace``) walk a subexpression again
wherever it is shared, and enter a :class:`~sympy.CRootOf`, whose ``args`` rebuild its
polynomial as an expression at every visit.  Numbers at an algebraic parameter value
hold the root in every term: at the sea flagship's degree-10 end this was three quarters
of ``verify``'s time.  The two functions here are used by the verifier and by the
package's exact sign alike (:mod:`alliance_games.signs`); they decide nothing.

Examples
--------
>>> import sympy as sp
>>> w, y = sp.symbols("w y")
>>> r = sp.CRootOf(w**3 - w - 1, 0)
>>> atoms_of(sp.sqrt(2) * r + r**2, sp.Pow, sp.CRootOf) == {r, r**2, sp.sqrt(2)}
True
>>> e = (y + r) ** 2 + y * r
>>> substitute(e, {y: sp.sqrt(2)}) == e.xreplace({y: sp.sqrt(2)})
True
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

__all__ = ["atoms_of", "substitute"]


def atoms_of(e: sp.Basic, *types: type) -> set:
    """The subexpressions of ``e`` of these types (``e.atoms(*types)``), without entering
    root objects: the powers in a root object's polynomial (which hold its variable) are
    not among them.

    Examples
    --------
    >>> x, w = sp.symbols("x w")
    >>> r = sp.CRootOf(w**5 - w - 1, 0)
    >>> atoms_of(x**2 + r, sp.Pow), (x**2 + r).atoms(sp.Pow) == {x**2, w**5}
    ({x**2}, True)
    """
    out, seen, stack = set(), {e}, [e]
    while stack:
        x = stack.pop()
        if isinstance(x, types):
            out.add(x)
        if x.is_Atom or isinstance(x, sp.CRootOf):
            continue
        for a in x.args:
            if a not in seen:
                seen.add(a)
                stack.append(a)
    return out


def substitute(e: sp.Basic, rule: Mapping) -> sp.Basic:
    """``e.xreplace(rule)``, each distinct subexpression rebuilt once, root objects
    entered only as keys of ``rule`` (never inside).

    Examples
    --------
    >>> x, w = sp.symbols("x w")
    >>> r = sp.CRootOf(w**3 - w - 1, 0)
    >>> substitute(x * r + x**2, {x: 2}) == 2 * r + 4, substitute(r + 1, {r: x})
    (True, x + 1)
    """
    if not rule:
        return e
    memo: dict = {}

    def go(x: sp.Basic) -> sp.Basic:
        hit = memo.get(x)
        if hit is None:
            if x in rule:
                hit = rule[x]
            elif x.is_Atom or isinstance(x, sp.CRootOf) or not x.args:
                hit = x
            else:
                args = [go(a) for a in x.args]
                hit = x.func(*args) if any(a is not b for a, b in zip(args, x.args)) else x
            memo[x] = hit
        return hit

    return go(sp.sympify(e))
