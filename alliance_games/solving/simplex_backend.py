"""The simplex engine's numbers and game: exact algebraic numbers kept canonical in one
root's field (:data:`ALG`), the backend the belief engine's pieces run on
(:data:`SIMPLEX`), posteriors as points of the simplex (:class:`Posterior`), and the game
with payoffs as polynomials in the belief symbols (:func:`simplex_game`).
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from ..errors import UnsupportedGameError
from ..game import SignallingGame
from .algebraic import AlgebraicContext, algebraic_sign, linear_solve, root_sign
from .belief_tables import BeliefBackend, BeliefGame
from .elimination import linsolve

__all__ = ["ALG", "Posterior", "ROOT_T", "SIMPLEX", "SimplexUndecided",
           "bayes_posterior", "best_responses", "field_value", "in_unit_interval",
           "minimal_poly", "payoffs_depend", "reduce_in_field", "response_gains",
           "simplex_game"]


ROOT_T = sp.Dummy("t")


def reduce_in_field(x: sp.Expr | int) -> sp.Expr:
    """A canonical form for a number in ``Q(g)``, ``g`` one real root object (the mixing
    probabilities of a pattern are polynomials in one root): ``sum c_i g**i`` with
    ``i < deg g``, so that a zero is literally 0 (the generic simplification otherwise).

    Examples
    --------
    With ``g`` the real cube root of 2, ``g**4 + g**3 - 2 g = 2`` and ``1 / g = g**2 / 2``:

    >>> g = sp.CRootOf(sp.Symbol("x") ** 3 - 2, 0)
    >>> reduce_in_field(g ** 4 + g ** 3 - 2 * g), reduce_in_field(1 / g)
    (2, CRootOf(x**3 - 2, 0)**2/2)
    """
    x = sp.sympify(x)
    if x.is_Rational:
        return x
    form = _root_form(x)
    return AlgebraicContext.simplify(x) if form is None else field_value(*form)


def _root_form(x: sp.Expr) -> tuple | None:
    """``(p, g)`` with ``x = p(g)``, ``g`` a real root object and ``p`` a polynomial in
    ``ROOT_T`` of degree below ``g``'s (reduced modulo its minimal polynomial), when ``x`` is
    a rational function of one root object; else None."""
    gens = x.atoms(sp.CRootOf)
    if len(gens) != 1 or any(not a.exp.is_Integer for a in x.atoms(sp.Pow)):
        return None
    (g,) = gens
    q = minimal_poly(g)
    num, den = sp.fraction(sp.together(x.xreplace({g: ROOT_T})))
    num, den = sp.Poly(num, ROOT_T, domain="QQ"), sp.Poly(den, ROOT_T, domain="QQ")
    return (num * den.invert(q)).rem(q), g


class _SimplexAlgebra(AlgebraicContext):
    """Exact signs of algebraic numbers (one root's, by :func:`.algebraic.root_sign` on
    the number's polynomial in it), numbers in one root's field kept canonical."""

    @staticmethod
    def simplify(x):
        return reduce_in_field(x)

    @staticmethod
    def sign(x) -> int:
        x = sp.sympify(x)
        form = None if x.is_Rational else _root_form(x)
        return algebraic_sign(reduce_in_field(x)) if form is None else root_sign(*form)


ALG = _SimplexAlgebra()


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


class SimplexUndecided(Exception):
    """A question of one pattern that could not be decided exactly."""


def response_gains(gd: BeliefGame, m: int, B: Sequence[int]) -> list[sp.Expr]:
    """``E[a] - E[b] >= 0`` for each ``a`` in the support and every other action ``b``.

    Examples
    --------
    The receiver's expected payoffs after the one message are ``mu_A`` (action 0) and
    ``mu_A**2 + mu_C`` (action 1):

    >>> from alliance_games import SignallingGame, belief
    >>> g = simplex_game(SignallingGame.from_arrays(["1/3"] * 3, [[[0, 1]]] * 3,
    ...     [[[1, belief("A")]], [[0, 0]], [[0, 1]]], types=["A", "B", "C"]))
    >>> response_gains(g, 0, [0])
    [-mu_A**2 + mu_A - mu_C]
    """
    return [sp.expand(gd.expected[m][a] - gd.expected[m][b])
            for a in B for b in range(gd.n_actions[m]) if b != a]


def best_responses(gd: BeliefGame, m: int, post: Posterior) -> list[int]:
    """The receiver's best responses after message ``m`` at the belief ``post`` (a
    :class:`Posterior`), decided exactly.

    Examples
    --------
    >>> from alliance_games import SignallingGame, belief
    >>> g = simplex_game(SignallingGame.from_arrays(["1/3"] * 3, [[[0, 1]]] * 3,
    ...     [[[1, belief("A")]], [[0, 0]], [[0, 1]]], types=["A", "B", "C"]))
    >>> best_responses(g, 0, bayes_posterior(g, g.prior))
    [1]
    """
    vals = [SIMPLEX.at(e, post) for e in gd.expected[m]]
    best = vals[0]
    for v in vals[1:]:
        if SIMPLEX.cmp(v, best) > 0:
            best = v
    return [a for a, v in enumerate(vals) if SIMPLEX.cmp(v, best) == 0]


def payoffs_depend(gd: BeliefGame, m: int, acts: Sequence[int]) -> bool:
    """Whether some type's payoff from ``m`` answered by an action of ``acts`` depends on
    the belief.

    Examples
    --------
    Every type's payoff is 0 from action 0 and ``mu_A`` from action 1:

    >>> from alliance_games import SignallingGame, belief
    >>> g = simplex_game(SignallingGame.from_arrays(["1/3"] * 3, [[[0, belief("A")]]] * 3,
    ...     [[[0, 0]]] * 3, types=["A", "B", "C"]))
    >>> payoffs_depend(g, 0, [0]), payoffs_depend(g, 0, [0, 1])
    (False, True)
    """
    return any(sp.sympify(gd.u[t][m][a]).free_symbols
               for t in range(gd.n_types) for a in acts)


def bayes_posterior(gd: BeliefGame, weights: Sequence[sp.Expr | int]) -> Posterior:
    """The posterior from the types' ``weights`` (prior times sending probability):
    Bayes' rule, exact.

    Examples
    --------
    >>> from alliance_games import SignallingGame
    >>> g = simplex_game(SignallingGame.from_arrays(["1/2", "1/4", "1/4"], [[[0]]] * 3,
    ...     [[[0]]] * 3, types=["A", "B", "C"]))
    >>> bayes_posterior(g, [sp.Rational(1, 2), 0, sp.Rational(1, 4)])
    (2/3, 0, 1/3)
    """
    total = sp.Add(*weights)
    return Posterior([ALG.simplify(w / total) for w in weights], gd.game.belief_symbols)


def in_unit_interval(v: sp.Expr, closed: bool) -> bool:
    """Whether the real algebraic number ``v`` lies in ``(0, 1)`` (``[0, 1]`` if
    ``closed``).

    Examples
    --------
    >>> in_unit_interval(sp.sqrt(2) / 2, False), in_unit_interval(sp.Integer(1), False)
    (True, False)
    >>> in_unit_interval(sp.Integer(1), True)
    True
    """
    lo, hi = ALG.sign(v), ALG.sign(1 - v)
    return lo >= 0 and hi >= 0 if closed else lo > 0 and hi > 0


def minimal_poly(r: sp.Expr) -> sp.Poly:
    """The minimal polynomial (in ``ROOT_T``, over QQ) of an irrational real algebraic number:
    a root object's own polynomial (sympy keeps it irreducible), else sympy's.

    Examples
    --------
    >>> minimal_poly(1 + sp.sqrt(2))
    Poly(_t**2 - 2*_t - 1, _t, domain='QQ')
    >>> minimal_poly(sp.CRootOf(sp.Symbol("x") ** 3 - 2, 0))
    Poly(_t**3 - 2, _t, domain='QQ')
    """
    if isinstance(r, sp.CRootOf):
        return sp.Poly(r.poly.as_expr().xreplace({r.poly.gen: ROOT_T}), ROOT_T, domain="QQ")
    return sp.Poly(sp.minimal_polynomial(r, ROOT_T), ROOT_T, domain="QQ")


def field_value(poly: sp.Poly, r: sp.Expr) -> sp.Expr:
    """The number ``poly(r)`` as an expression, in the canonical form of
    :func:`reduce_in_field` (``sum c_i r**i``, ``i`` below the degree of ``r``).

    Examples
    --------
    ``t**2 + t`` at ``sqrt(2)``:

    >>> field_value(sp.Poly(ROOT_T ** 2 + ROOT_T, ROOT_T), sp.sqrt(2))
    sqrt(2) + 2
    """
    value = sp.expand(poly.as_expr().xreplace({ROOT_T: r}))
    return value if isinstance(r, sp.CRootOf) else ALG.simplify(value)
