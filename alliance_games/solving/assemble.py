"""Turn a solved support pattern into an :class:`~alliance_games.equilibrium.Equilibrium`."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache, partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import sympy as sp

from ..beliefs import BeliefSet
from ..equilibrium import Equilibrium, Family, freeze
from ..game import SignallingGame
from ..numbers import to_sympy
from .context import NUMERIC
from .context_protocol import DecisionContext
from .patterns import PatternSolution
from .tables import Tables, br_point, br_system, scaled_table, vertices

if TYPE_CHECKING:
    from .lp import LinearSystem


def kind_of(S: Sequence[Sequence[int]], n_messages: int | None = None) -> str:
    """The equilibrium's kind from the sender's supports.

    ``"hybrid"`` when some type mixes; otherwise ``"pooling"`` (one message),
    ``"separating"`` (as many distinct messages as types and messages allow, e.g. a
    cutoff equilibrium of a two-message game) or ``"partially pooling"``.

    Examples
    --------
    >>> kind_of(((0,), (0,))), kind_of(((0,), (1,))), kind_of(((0, 1), (1,)))
    ('pooling', 'separating', 'hybrid')
    """
    if any(len(s) > 1 for s in S):
        return "hybrid"
    sent = [s[0] for s in S]
    if len(set(sent)) == 1:
        return "pooling"
    most = len(sent) if n_messages is None else min(len(sent), n_messages)
    if len(set(sent)) == most:
        return "separating"
    return "partially pooling"


def pattern_label(game: SignallingGame, S: Sequence[Sequence[int]],
                  B: Sequence[Sequence[int]]) -> str:
    """A readable unique name for a support pattern, e.g. ``weak:beer strong:beer | beer:not``.

    Examples
    --------
    Both types of Beer-Quiche drink beer; the receiver does not duel after beer and duels
    after quiche:

    >>> from alliance_games.examples import beer_quiche
    >>> pattern_label(beer_quiche(), ((0,), (0,)), ((1,), (0,)))
    'weak:beer strong:beer | beer:not_duel quiche:duel'
    """
    sender = " ".join(f"{game.types[t]}:{'+'.join(game.messages[m] for m in s)}"
                      for t, s in enumerate(S))
    receiver = " ".join(
        f"{game.messages[m]}:{'+'.join(game.actions[m][a] for a in b)}"
        for m, b in enumerate(B))
    return f"{sender} | {receiver}"


def numbered(eqs: list) -> list:
    """The equilibria of one support pattern (several isolated solutions, or the parts of
    a continuum) told apart: ``label #1``, ``label #2``, ... in order; one keeps its
    label.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Eq:
    ...     label: str
    >>> [e.label for e in numbered([Eq("a:m0 | m0:x"), Eq("a:m0 | m0:x")])]
    ['a:m0 | m0:x #1', 'a:m0 | m0:x #2']
    >>> [e.label for e in numbered([Eq("a:m0 | m0:x")])]
    ['a:m0 | m0:x']
    """
    if len(eqs) < 2:
        return list(eqs)
    return [replace(eq, label=f"{eq.label} #{n}") for n, eq in enumerate(eqs, 1)]


def unnumbered(label: str) -> str:
    """A label without the number :func:`numbered` gave it: the support pattern's label.

    Examples
    --------
    >>> unnumbered("a:m0 | m0:x #2"), unnumbered("a:m0 | m0:x")
    ('a:m0 | m0:x', 'a:m0 | m0:x')
    """
    return label.split(" #")[0]


def belief_constraints(game: SignallingGame, system: LinearSystem) -> tuple[sp.Basic, ...]:
    """The best-response rows of a belief system as relations in the belief symbols.

    Examples
    --------
    In Beer-Quiche the receiver duels after quiche when the belief puts at least as much
    weight on the weak type as on the strong one (the simplex row is left out):

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.tables import br_system
    >>> game = beer_quiche()
    >>> tb = Tables.from_game(game, NUMERIC)
    >>> belief_constraints(game, br_system(NUMERIC, tb, 1, (0,), (0, 1)))
    (-mu_strong + mu_weak >= 0,)
    """
    mus = game.belief_symbols
    out = []
    rows = [(a, b, "eq") for a, b in system.eq] + [(a, b, "ge") for a, b in system.ge]
    for a, b, rel in rows:
        coeffs = [to_sympy(x) for x in a]
        if all(c == 1 for c in coeffs):  # the simplex row
            continue
        lhs = sp.Add(*[c * mu for c, mu in zip(coeffs, mus)]) - to_sympy(b)
        if lhs.free_symbols - set(mus):
            lhs = sp.cancel(lhs)
        elif not all(isinstance(c, sp.Rational) for c in coeffs):
            lhs = sp.expand(lhs)  # (rational coefficients: already a sum of monomials)
        if lhs.free_symbols & set(mus) == set():
            continue
        # in the belief symbols alone (no assumptions on them) a non-constant relation
        # cannot evaluate to True or False: skip sympy's costly attempt to decide it
        decide = bool(lhs.free_symbols - set(mus))
        out.append(sp.Eq(lhs, 0, evaluate=decide) if rel == "eq"
                   else sp.Ge(lhs, 0, evaluate=decide))
    return tuple(out)


def make_belief_set(ctx: DecisionContext, game: SignallingGame, system: LinearSystem,
                    point: Sequence[object], exact_vertices: bool) -> BeliefSet:
    """The off-path belief set from its linear system (vertices computed on first use).

    Examples
    --------
    The beliefs at which duelling is a best response after quiche in Beer-Quiche, with
    ``point`` one of them:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.tables import br_point, br_system
    >>> game = beer_quiche()
    >>> tb = Tables.from_game(game, NUMERIC)
    >>> system = br_system(NUMERIC, tb, 1, (0,), (0, 1))
    >>> point = br_point(NUMERIC, tb, 1, (0,), (0, 1))
    >>> beliefs = make_belief_set(NUMERIC, game, system, point, True)
    >>> str(beliefs), beliefs.vertices
    ('mu(weak) in [1/2, 1]', ((1/2, 1/2), (1, 0)))
    """
    verts = region = None
    if exact_vertices and not ctx.symbolic:
        verts = partial(_numeric_vertices, system)
        if len(game.types) == 2:
            region = partial(_first_type_interval, system)
    cons = (belief_constraints(game, system) if ctx.symbolic
            else Deferred(partial(belief_constraints, game, system)))
    return LazyBeliefSet(game.types, cons, verts, tuple(to_sympy(x) for x in point), region)


def off_path_set(ctx: DecisionContext, game: SignallingGame, tb: Tables, system: LinearSystem,
                 point: Sequence[object], exact_vertices: bool = True) -> BeliefSet:
    """The off-path belief set of ``system`` (see :func:`make_belief_set`); numeric games
    share one object per system and point (``tb.cache``) between all their equilibria.

    Examples
    --------
    The beliefs after quiche at which duelling is a best response in Beer-Quiche, made
    once and then found in ``tb.cache``:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.tables import br_point, br_system
    >>> game = beer_quiche()
    >>> tb = Tables.from_game(game, NUMERIC)
    >>> system = br_system(NUMERIC, tb, 1, (0,), (0, 1))
    >>> point = br_point(NUMERIC, tb, 1, (0,), (0, 1))
    >>> beliefs = off_path_set(NUMERIC, game, tb, system, point)
    >>> str(beliefs), off_path_set(NUMERIC, game, tb, system, point) is beliefs
    ('mu(weak) in [1/2, 1]', True)
    """
    if ctx.symbolic:
        return make_belief_set(ctx, game, system, point, exact_vertices)
    key = ("belief set", system, tuple(point), exact_vertices)
    made = tb.cache.get(key)
    if made is None:
        made = tb.cache[key] = make_belief_set(ctx, game, system, point, exact_vertices)
    return made


def _first_type_interval(system) -> sp.Interval:
    firsts = [v[0] for v in _numeric_vertices(system)]
    return sp.Interval(min(firsts), max(firsts))


@lru_cache(maxsize=4096)
def _numeric_vertices(system) -> tuple:
    return tuple(tuple(to_sympy(x) for x in v) for v in sorted(vertices(NUMERIC, system)))


def build_equilibrium(ctx: Any, game: SignallingGame, tb: Tables, sol: PatternSolution, *,
                      ic: bool | None, d1: bool | None, condition: sp.Basic = sp.true,
                      ic_condition: sp.Basic = sp.true, d1_condition: sp.Basic = sp.true,
                      exact_vertices: bool = True, method: str = "") -> Equilibrium:
    """Assemble the result object for one pattern solution.

    Examples
    --------
    The pooling equilibrium of Beer-Quiche where both types drink beer and quiche is
    answered by a duel:

    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.patterns import solve_pattern
    >>> game = beer_quiche()
    >>> tb = Tables.from_game(game, NUMERIC)
    >>> sol = solve_pattern(NUMERIC, tb, ((0,), (0,)), ((1,), (0,)))
    >>> eq = build_equilibrium(NUMERIC, game, tb, sol, ic=True, d1=True)
    >>> eq.label, eq.kind, str(eq.beliefs["quiche"]), eq.receiver_payoff
    ('weak:beer strong:beer | beer:not_duel quiche:duel', 'pooling', 'mu(weak) in [1/2, 1]', 9/10)
    """
    n_t, n_m = len(game.types), len(game.messages)
    zero = to_sympy(ctx.zero)
    sender = {game.types[t]: {game.messages[m]: zero for m in range(n_m)} for t in range(n_t)}
    for (t, m), x in sol.sigma.items():
        sender[game.types[t]][game.messages[m]] = to_sympy(x)
    receiver = {game.messages[m]: {label: zero for label in game.actions[m]}
                for m in range(n_m)}
    for (m, a), x in sol.rho.items():
        receiver[game.messages[m]][game.actions[m][a]] = to_sympy(x)
    beliefs: dict = {}
    for m in range(n_m):
        if m in sol.posteriors:
            beliefs[game.messages[m]] = {game.types[t]: to_sympy(x)
                                         for t, x in enumerate(sol.posteriors[m])}
        else:
            system, point = sol.off_path[m]
            beliefs[game.messages[m]] = off_path_set(ctx, game, tb, system, point,
                                                     exact_vertices)
    payoff = ctx.zero
    for (t, m), s in sol.sigma.items():  # only the positive probabilities are stored
        for a in range(len(game.actions[m])):
            r = sol.rho.get((m, a))
            if r is not None:
                payoff = payoff + tb.prior[t] * s * r * tb.v[t][m][a]
    family = _family(game, sol) if sol.is_family else None
    return Equilibrium(
        game=game,
        sender=freeze(sender),
        receiver=freeze(receiver),
        beliefs=freeze(beliefs),
        kind=kind_of(sol.S, n_m),
        on_path=frozenset(game.messages[m] for m in sol.on_path),
        sender_payoffs=freeze({game.types[t]: to_sympy(ctx.simplify(v))
                               for t, v in enumerate(sol.values)}),
        receiver_payoff=to_sympy(ctx.simplify(payoff)),
        intuitive_criterion=ic,
        d1=d1,
        condition=condition,
        intuitive_condition=ic_condition,
        d1_condition=d1_condition,
        family=family,
        label=pattern_label(game, sol.S, sol.B),
        method=method or "support enumeration (exact)",
    )


class PureAssembler:
    """The result objects of a numeric game's pure profiles, built from shared parts.

    Every part that depends on one type, one message or one (message, action) only -- a
    row of the sender's or the receiver's strategy, the posterior after a set of senders,
    the off-path belief set of a (message, action) (:func:`off_path_set`, lazy), the
    payoffs, the pieces of the label -- is built once per game and shared, read-only, by
    every equilibrium that has it, so that an equilibrium costs a few small dicts.  The
    objects equal those :func:`build_equilibrium` makes of the pure pattern, field by
    field.

    Examples
    --------
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.solving.tables import Tables
    >>> game = beer_quiche()
    >>> make = PureAssembler(game, Tables.from_game(game, NUMERIC), "by hand")
    >>> eq = make((0, 0), (1, 0), ic=True, d1=True)
    >>> eq.label, eq.kind, str(eq.beliefs["quiche"]), eq.receiver_payoff
    ('weak:beer strong:beer | beer:not_duel quiche:duel', 'pooling', 'mu(weak) in [1/2, 1]', 9/10)
    """

    def __init__(self, game: SignallingGame, tb, method: str) -> None:
        n_t, n_m = len(game.types), len(game.messages)
        zero, one = to_sympy(NUMERIC.zero), to_sympy(NUMERIC.one)
        self.game, self.tb, self.method = game, tb, method
        self.n_messages = n_m
        self.sends = [MappingProxyType({label: one if k == m else zero
                                        for k, label in enumerate(game.messages)})
                      for m in range(n_m)]
        self.answers = [[MappingProxyType({label: one if b == a else zero
                                           for b, label in enumerate(game.actions[m])})
                         for a in range(len(game.actions[m]))] for m in range(n_m)]
        self.sender_words = [[f"{game.types[t]}:{game.messages[m]}" for m in range(n_m)]
                             for t in range(n_t)]
        self.receiver_words = [[f"{game.messages[m]}:{label}" for label in game.actions[m]]
                               for m in range(n_m)]
        # the receiver's payoff from type t's play is prior[t] * v[t][m][a]: P[t] * V[t][m][a]
        # over ``den`` in integers
        self.V = scaled_table(tb, "v")
        self.P, self.den = scaled_prior(tb.prior)
        vden = 1
        for rows in tb.v:
            for row in rows:
                for x in row:
                    vden = math.lcm(vden, x.denominator)
        self.den *= vden
        self.payoffs: dict[tuple[int, int, int], sp.Expr] = {}
        self.posteriors: dict[int, Mapping] = {}
        self.off_path: dict[tuple[int, int], BeliefSet] = {}
        self.on_paths: dict[tuple[int, ...], frozenset] = {}
        self.receiver_payoffs: dict[int, sp.Expr] = {}
        self.kinds: dict[int, str] = {}

    def posterior(self, senders: int) -> Mapping:
        """The belief after a message sent by the types in the bitmask ``senders``."""
        hit = self.posteriors.get(senders)
        if hit is None:
            prior, types = self.tb.prior, self.game.types
            total = sum(prior[t] for t in range(len(types)) if senders >> t & 1)
            hit = self.posteriors[senders] = MappingProxyType({
                label: to_sympy(prior[t] / total) if senders >> t & 1 else sp.S.Zero
                for t, label in enumerate(types)})
        return hit

    def payoff(self, t: int, m: int, a: int) -> sp.Expr:
        """The sender's payoff ``u[t][m][a]`` as a sympy number."""
        hit = self.payoffs.get((t, m, a))
        if hit is None:
            hit = self.payoffs[t, m, a] = to_sympy(NUMERIC.simplify(self.tb.u[t][m][a]))
        return hit

    def off_path_belief(self, m: int, a: int) -> BeliefSet:
        """The beliefs after off-path ``m`` that make ``a`` a best response."""
        hit = self.off_path.get((m, a))
        if hit is None:
            everyone = tuple(range(self.tb.n_types))
            system = br_system(NUMERIC, self.tb, m, (a,), everyone)
            point = br_point(NUMERIC, self.tb, m, (a,), everyone)
            hit = self.off_path[m, a] = off_path_set(NUMERIC, self.game, self.tb, system,
                                                     point)
        return hit

    def __call__(self, s: tuple[int, ...], r: tuple[int, ...], *, ic: bool | None,
                 d1: bool | None) -> Equilibrium:
        """The equilibrium where type ``t`` sends ``s[t]`` and ``m`` is answered by ``r[m]``.

        Parameters
        ----------
        s, r
            The sender's message per type and the receiver's action per message (indices).
        ic, d1
            The verdicts of the Intuitive Criterion and D1 (None: not checked).

        Returns
        -------
        Equilibrium
        """
        game, n_m = self.game, self.n_messages
        types, messages = game.types, game.messages
        senders = [0] * n_m
        total = 0
        P, V = self.P, self.V
        for t, m in enumerate(s):
            senders[m] |= 1 << t
            total += P[t] * V[t][m][r[m]]
        on = tuple(m for m in range(n_m) if senders[m])
        on_path = self.on_paths.get(on)
        if on_path is None:
            on_path = self.on_paths[on] = frozenset(messages[m] for m in on)
        payoff = self.receiver_payoffs.get(total)
        if payoff is None:
            payoff = self.receiver_payoffs[total] = sp.Rational(total, self.den)
        kind = self.kinds.get(len(on))
        if kind is None:  # the kind of a pure profile depends on this count only
            kind = self.kinds[len(on)] = kind_of(tuple((m,) for m in s), n_m)
        beliefs = {messages[m]: self.posterior(senders[m]) if senders[m]
                   else self.off_path_belief(m, r[m]) for m in range(n_m)}
        return Equilibrium(
            game=game,
            sender=MappingProxyType({label: self.sends[s[t]] for t, label in enumerate(types)}),
            receiver=MappingProxyType({messages[m]: self.answers[m][r[m]]
                                       for m in range(n_m)}),
            beliefs=MappingProxyType(beliefs),
            kind=kind,
            on_path=on_path,
            sender_payoffs=MappingProxyType({label: self.payoff(t, s[t], r[s[t]])
                                             for t, label in enumerate(types)}),
            receiver_payoff=payoff,
            intuitive_criterion=ic,
            d1=d1,
            condition=sp.true,
            intuitive_condition=sp.true if ic else sp.false,
            d1_condition=sp.true if d1 else sp.false,
            family=None,
            label=" ".join([self.sender_words[t][m] for t, m in enumerate(s)] + ["|"]
                           + [self.receiver_words[m][a] for m, a in enumerate(r)]),
            method=self.method,
        )


def scaled_prior(prior: list) -> tuple[list[int], int]:
    """The prior (Fractions) as integers over their common denominator: ``(P, den)``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> scaled_prior([F(1, 3), F(1, 6), F(1, 2)])
    ([2, 1, 3], 6)
    """
    den = 1
    for p in prior:
        den = math.lcm(den, p.denominator)
    return [p.numerator * (den // p.denominator) for p in prior], den


def _family(game: SignallingGame, sol: PatternSolution) -> Family:
    variables = []
    ranges = {}
    s_sym = {}
    r_sym = {}
    for (t, m), (lo, hi) in sol.sigma_ranges.items():
        sym = sp.Symbol(f"sigma[{game.types[t]},{game.messages[m]}]")
        s_sym[(t, m)] = sym
        variables.append(sym)
        ranges[sym] = (to_sympy(lo), to_sympy(hi))
    for (m, a), (lo, hi) in sol.rho_ranges.items():
        sym = sp.Symbol(f"rho[{game.messages[m]},{game.actions[m][a]}]")
        r_sym[(m, a)] = sym
        variables.append(sym)
        ranges[sym] = (to_sympy(lo), to_sympy(hi))

    def rel_rows(system, keys, syms, point):
        if system is None:
            return []
        vec = [syms.get(k, to_sympy(point[k])) for k in keys]
        rels = []
        for a, b in system.eq:
            rels.append(sp.Eq(sp.Add(*[to_sympy(c) * x for c, x in zip(a, vec)]), to_sympy(b)))
        for a, b in system.ge:
            rels.append(sp.Add(*[to_sympy(c) * x for c, x in zip(a, vec)]) >= to_sympy(b))
        for a, b in system.gt:
            rels.append(sp.Add(*[to_sympy(c) * x for c, x in zip(a, vec)]) > to_sympy(b))
        return [r for r in rels if r is not sp.true]

    def constraint() -> sp.Basic:
        return sp.And(*rel_rows(sol.sigma_system, sol.sigma_vars, s_sym, sol.sigma),
                      *rel_rows(sol.rho_system, sol.rho_vars, r_sym, sol.rho))

    sender = {game.types[t]: {game.messages[m]: s_sym.get((t, m), to_sympy(sol.sigma.get(
        (t, m), 0))) for m in range(len(game.messages))} for t in range(len(game.types))}
    receiver = {game.messages[m]: {game.actions[m][a]: r_sym.get((m, a), to_sympy(sol.rho.get(
        (m, a), 0))) for a in range(len(game.actions[m]))} for m in range(len(game.messages))}
    on_path = bool(sol.sigma_ranges) or any(m in sol.posteriors for m, _ in sol.rho_ranges)
    return LazyFamily(tuple(variables), freeze(sender), freeze(receiver), Deferred(constraint),
                      freeze(ranges), on_path)


class Deferred:
    """A value computed on first use: ``fn()``."""

    __slots__ = ("fn",)

    def __init__(self, fn) -> None:
        self.fn = fn


class _BuiltOnUse:
    """An attribute of a frozen dataclass that may be given as a :class:`Deferred`: it is
    computed (once) when first read.  Used for the ``constraint`` of a
    :class:`LazyFamily` and the ``constraints`` of a :class:`LazyBeliefSet`."""

    def __set_name__(self, owner, name: str) -> None:
        self.key = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.key]
        if isinstance(value, Deferred):
            value = value.fn()
            obj.__dict__[self.key] = value
        return value

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.key] = value


class LazyFamily(Family):
    """A :class:`~alliance_games.equilibrium.Family` whose sympy ``constraint`` is built
    when first read (most solves never read it; building it costs more than the search
    for many games).  It behaves as a Family in every other way and pickles as one.

    Examples
    --------
    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> fam = LazyFamily((x,), {}, {}, Deferred(lambda: sp.And(x >= 0, x <= 1)), {}, False)
    >>> fam.constraint
    (x >= 0) & (x <= 1)
    """

    constraint = _BuiltOnUse()


class LazyBeliefSet(BeliefSet):
    """A :class:`~alliance_games.beliefs.BeliefSet` whose sympy ``constraints`` are built
    when first read (printing, vertices, bounds and the example belief do not need them;
    building them is most of the cost of a pure solve).  It behaves as a BeliefSet in
    every other way, ``dataclasses.replace`` works on it as on a BeliefSet, and it pickles
    (and copies) as a plain BeliefSet with the constraints built.

    Examples
    --------
    >>> import pickle
    >>> from alliance_games.game import belief
    >>> mu = belief("weak")
    >>> s = LazyBeliefSet(("weak", "strong"), Deferred(lambda: (mu >= sp.Rational(1, 2),)),
    ...                   ((sp.Rational(1, 2), sp.Rational(1, 2)), (1, 0)), (1, 0))
    >>> str(s), s.constraints
    ('mu(weak) in [1/2, 1]', (mu_weak >= 1/2,))
    >>> type(pickle.loads(pickle.dumps(s))).__name__
    'BeliefSet'
    """

    constraints = _BuiltOnUse()

    def __reduce__(self):
        state = dict(self.__dict__)
        state["constraints"] = self.constraints
        del state["_constraints"]
        return object.__new__, (BeliefSet,), state
