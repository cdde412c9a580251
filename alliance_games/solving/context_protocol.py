"""The protocol of the solver's contexts: what a step may ask of the numbers it is given.

The solver is written once over a *context* ``ctx`` that says how its numbers are added,
compared and written.  Every context, and every belief backend
(:class:`.belief_tables.BeliefBackend`), offers :class:`Context`: the numbers ``zero``
and ``one``, the exact ``sign`` of a number and a canonical form (``simplify``).  The
decision contexts of the linear engine (:data:`.context.NUMERIC`,
:class:`.context.SymbolicContext` and :class:`.context.FieldContext`,
:data:`.quadratic.QUAD`, :class:`.algebraic.AlgebraicContext`, the simplex solver's
``ALG``) offer :class:`DecisionContext`: also whether their numbers hold parameters
(``symbolic``) and the conversion of an input number (``coerce``).  Some offer more
(a symbolic context's ``memoized``, a field context's ``field``); the steps that use them
ask with ``getattr`` or ``hasattr`` first.

This module imports nothing from the package, so any module may name these types.

Examples
--------
>>> from alliance_games.solving.context import NUMERIC
>>> from alliance_games.solving.belief_fast import FAST
>>> isinstance(NUMERIC, DecisionContext), isinstance(FAST, Context)
(True, True)
>>> isinstance(FAST, DecisionContext)  # a belief backend does not convert inputs
False
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

__all__ = ["Context", "DecisionContext"]


@runtime_checkable
class Context(Protocol):
    """Exact arithmetic on one kind of number: its zero and one, signs, a canonical form.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from alliance_games.solving.context import NUMERIC
    >>> ctx: Context = NUMERIC
    >>> ctx.sign(Fraction(-1, 3)), ctx.simplify(ctx.one + ctx.zero)
    (-1, Fraction(1, 1))
    """

    zero: Any
    one: Any

    def sign(self, x: Any) -> int:
        """The exact sign of ``x``: -1, 0 or 1 (a symbolic context may fork here)."""
        ...

    def simplify(self, x: Any) -> Any:
        """A canonical form of ``x`` (the identity where numbers are already one)."""
        ...


@runtime_checkable
class DecisionContext(Context, Protocol):
    """A context of the linear engine: also whether it is symbolic, and input conversion.

    Examples
    --------
    >>> from alliance_games.solving.quadratic import QUAD
    >>> ctx: DecisionContext = QUAD
    >>> ctx.symbolic, ctx.coerce(2)
    (True, Fraction(2, 1))
    """

    symbolic: bool

    def coerce(self, x: Any) -> Any:
        """An input number (``int``, ``Fraction``, sympy) as this context's number."""
        ...
