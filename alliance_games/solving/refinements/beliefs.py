"""The Intuitive Criterion and D1 when payoffs depend on the receiver's belief.

The tests are those of :mod:`.intuitive` and :mod:`.d1` (Cho and Kreps 1987; Banks and
Sobel 1987), with each best response paired with the belief behind it: a type's payoff
from an off-path message answered by ``a`` is evaluated at a belief at which ``a`` is a
best response.  The logic is written once here, over an *oracle* that answers four exact
questions about one off-path message; the two-type engine (:mod:`..belief_engine`,
intervals of ``mu(first type)``) and the simplex solver (:mod:`..belief_simplex`,
semi-algebraic sets) each supply one, and :class:`TablesOracle` answers them for payoffs
that do not depend on the belief (:mod:`.intuitive` and :mod:`.d1` are this logic over it).

References
----------
Cho, I.-K. and Kreps, D. M. (1987), "Signaling Games and Stable Equilibria", QJE 102(2);
Banks, J. S. and Sobel, J. (1987), "Equilibrium Selection in Signaling Games",
Econometrica 55(3): 647-661.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, Protocol

from ..lp import LinearSystem, interior_point
from ..tables import Tables, cells

__all__ = ["BeliefOracle", "TablesOracle", "passes_d1_beliefs", "passes_intuitive_beliefs",
           "verdicts_may_vary_beliefs"]


class BeliefOracle(Protocol):
    """Exact answers about an off-path message ``m``; ``domain`` is a tuple of types
    (the beliefs supported on them), ``value`` a type's equilibrium payoff."""

    n_types: int
    n_messages: int

    def reaches(self, m: int, t: int, value: Any, domain: tuple) -> bool:
        """Some belief on ``domain`` and best response to it give t at least ``value``."""

    def always_gains(self, m: int, t: int, value: Any, domain: tuple) -> bool:
        """Every belief on ``domain`` and best response give t strictly more than ``value``."""

    def weak_implies_strict(self, m: int, t: int, t2: int, values: Sequence) -> bool:
        """Every (belief, mixed best response) weakly improving t strictly improves t2."""

    def deterred(self, m: int, values: Sequence, domain: tuple) -> bool:
        """Some belief on ``domain`` has a mixed best response improving no type."""


def passes_intuitive_beliefs(oracle: BeliefOracle, on_path: Collection[int],
                             values: Sequence) -> bool:
    """The Intuitive Criterion: at no off-path message does every best response to
    beliefs on the types not equilibrium-dominated there give some type more than its
    equilibrium payoff.

    Examples
    --------
    >>> from alliance_games.alliance.model import alliance_game
    >>> from alliance_games.solving.belief_payoffs import general_game
    >>> from alliance_games.solving.belief_engine import solve_one_pattern
    >>> e = solve_one_pattern(general_game(alliance_game()), ((0,), (1,)), ((2,), (2,)), True)
    >>> e.intuitive_criterion
    True
    """
    types = tuple(range(oracle.n_types))
    for m in range(oracle.n_messages):
        if m in on_path:
            continue
        dominated = [t for t in types if not oracle.reaches(m, t, values[t], types)]
        if len(dominated) == len(types):
            continue
        rest = tuple(t for t in types if t not in dominated)
        if any(oracle.always_gains(m, t, values[t], rest) for t in types):
            return False
    return True


def passes_d1_beliefs(oracle: BeliefOracle, on_path: Collection[int], values: Sequence) -> bool:
    """Criterion D1: at every off-path message, a type whose weak gains imply another
    type's strict gains is pruned, and some belief on the rest (every type if all are
    pruned) with a mixed best response deters every type.

    Examples
    --------
    Beer-quiche (the tables' oracle): D1 keeps the beer pool and rejects the quiche pool.

    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> sorted((str(e.label)[:24], e.d1) for e in solve(beer_quiche(), pure=True))
    [('weak:beer strong:beer | ', True), ('weak:quiche strong:quich', False)]
    """
    types = tuple(range(oracle.n_types))
    for m in range(oracle.n_messages):
        if m in on_path:
            continue
        pruned = [t for t in types if any(oracle.weak_implies_strict(m, t, t2, values)
                                          for t2 in types if t2 != t)]
        rest = tuple(t for t in types if t not in pruned) or types
        if not oracle.deterred(m, values, rest):
            return False
    return True


def verdicts_may_vary_beliefs(n_messages: int, on_path: Collection[int],
                              payoffs_move: bool) -> bool:
    """Whether the members of a continuum of equilibria may differ in their IC/D1
    verdicts.

    Both tests ask only about off-path messages, given the on-path messages (the same for
    every member: the supports are) and the types' equilibrium payoffs: the verdicts are
    the same for every member when every message is on the path, or when the payoffs
    are the same for every member (``payoffs_move`` False).

    Examples
    --------
    >>> verdicts_may_vary_beliefs(2, {0, 1}, True)
    False
    >>> verdicts_may_vary_beliefs(2, {0}, True), verdicts_may_vary_beliefs(2, {0}, False)
    (True, False)
    """
    return payoffs_move and len(set(on_path)) < n_messages


class TablesOracle:
    """The oracle for payoffs that do not depend on the belief (the numeric, symbolic
    and parametric solvers' :class:`~..tables.Tables`): best responses are the actions
    of the cells of :func:`~..tables.cells`, mixtures are decided by exact LPs; every
    sign is asked of the decision context ``ctx``."""

    def __init__(self, ctx, tb: Tables) -> None:
        self.ctx, self.tb = ctx, tb
        self.n_types, self.n_messages = tb.n_types, tb.n_messages
        self._cells: dict = {}

    def cells(self, m: int, domain: tuple) -> list:
        """The best-response cells after ``m`` for beliefs on the types ``domain``
        (:func:`~..tables.cells`), kept per ``(m, domain)``.

        Examples
        --------
        In Beer-Quiche, after quiche: dueling, not dueling and both over both types, only
        not dueling against the strong type alone:

        >>> from alliance_games.examples import beer_quiche
        >>> from alliance_games.solving.context import NUMERIC
        >>> oracle = TablesOracle(NUMERIC, Tables.from_game(beer_quiche(), NUMERIC))
        >>> oracle.cells(1, (0, 1)), oracle.cells(1, (1,))
        ([(0,), (1,), (0, 1)], [(1,)])
        """
        key = (m, domain)
        if key not in self._cells:
            self._cells[key] = cells(self.ctx, self.tb, m, domain)
        return self._cells[key]

    def _responses(self, m: int, domain: tuple) -> set:
        return {a for B in self.cells(m, domain) for a in B}

    def reaches(self, m: int, t: int, value: Any, domain: tuple) -> bool:
        """Some best response to a belief on ``domain`` gives ``t`` at least ``value``
        (:meth:`BeliefOracle.reaches`)."""
        ctx, u = self.ctx, self.tb.u
        return not all(ctx.sign(ctx.simplify(value - u[t][m][a])) > 0
                       for a in self._responses(m, domain))

    def always_gains(self, m: int, t: int, value: Any, domain: tuple) -> bool:
        """Every best response to a belief on ``domain`` gives ``t`` strictly more than
        ``value`` (:meth:`BeliefOracle.always_gains`)."""
        ctx, u = self.ctx, self.tb.u
        return all(ctx.sign(ctx.simplify(u[t][m][a] - value)) > 0
                   for a in self._responses(m, domain))

    def weak_implies_strict(self, m: int, t: int, t2: int, values: Sequence) -> bool:
        """Every mixed best response giving ``t`` at least ``values[t]`` gives ``t2``
        strictly more than ``values[t2]``, checked at the vertices of each cell's such
        mixtures (:meth:`BeliefOracle.weak_implies_strict`)."""
        ctx, tb = self.ctx, self.tb
        for B in self.cells(m, tuple(range(tb.n_types))):
            for rho in _weakly_better_vertices(ctx, tb, t, m, B, values[t]):
                gain = sum((w * tb.u[t2][m][a] for a, w in rho.items()), ctx.zero)
                if ctx.sign(ctx.simplify(gain - values[t2])) <= 0:
                    return False
        return True

    def deterred(self, m: int, values: Sequence, domain: tuple) -> bool:
        """Some cell of best responses to beliefs on ``domain`` has a mixture giving no
        type ``t`` more than ``values[t]``, found by an exact LP
        (:meth:`BeliefOracle.deterred`)."""
        ctx, tb = self.ctx, self.tb
        for B in self.cells(m, domain):
            k = len(B)
            ge = tuple((tuple(-tb.u[t][m][a] for a in B), -values[t])
                       for t in range(tb.n_types))
            system = LinearSystem(k, eq=((tuple([ctx.one] * k), ctx.one),), ge=ge)
            if interior_point(ctx, system) is not None:
                return True
        return False


def _weakly_better_vertices(ctx, tb: Tables, t: int, m: int, B, value):
    """Vertices of ``{rho in Delta(B): u_t(rho) >= value}`` as ``{action: weight}``."""
    u = [ctx.simplify(tb.u[t][m][a] - value) for a in B]
    signs = [ctx.sign(x) for x in u]
    out = [{a: ctx.one} for a, s in zip(B, signs) if s >= 0]
    for i, a in enumerate(B):
        for j, b in enumerate(B):
            if signs[i] > 0 and signs[j] < 0:
                lam = ctx.simplify(-u[j] / (u[i] - u[j]))
                out.append({a: lam, b: ctx.simplify(1 - lam)})
    return out
