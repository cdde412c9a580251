"""Turn a solved support pattern into an :class:`~alliance_games.equilibrium.Equilibrium`."""

from __future__ import annotations

from functools import lru_cache, partial

import sympy as sp

from ..beliefs import BeliefSet
from ..equilibrium import Equilibrium, Family, freeze
from ..game import SignallingGame
from ..numbers import to_sympy
from .context import NUMERIC
from .patterns import PatternSolution
from .tables import vertices


def kind_of(S, n_messages: int | None = None) -> str:
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


def pattern_label(game: SignallingGame, S, B) -> str:
    """A readable unique name for a support pattern, e.g. ``weak:beer strong:beer | beer:not``."""
    sender = " ".join(f"{game.types[t]}:{'+'.join(game.messages[m] for m in s)}"
                      for t, s in enumerate(S))
    receiver = " ".join(
        f"{game.messages[m]}:{'+'.join(game.actions[m][a] for a in b)}"
        for m, b in enumerate(B))
    return f"{sender} | {receiver}"


def belief_constraints(game: SignallingGame, system) -> tuple[sp.Basic, ...]:
    """The best-response rows of a belief system as relations in the belief symbols."""
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


def make_belief_set(ctx, game: SignallingGame, system, point, exact_vertices: bool
                    ) -> BeliefSet:
    """The off-path belief set from its linear system (vertices computed on first use)."""
    verts = region = None
    if exact_vertices and not ctx.symbolic:
        verts = partial(_numeric_vertices, system)
        if len(game.types) == 2:
            region = partial(_first_type_interval, system)
    cons = (belief_constraints(game, system) if ctx.symbolic
            else Deferred(partial(belief_constraints, game, system)))
    return LazyBeliefSet(game.types, cons, verts, tuple(to_sympy(x) for x in point), region)


def _first_type_interval(system) -> sp.Interval:
    firsts = [v[0] for v in _numeric_vertices(system)]
    return sp.Interval(min(firsts), max(firsts))


@lru_cache(maxsize=4096)
def _numeric_vertices(system) -> tuple:
    return tuple(tuple(to_sympy(x) for x in v) for v in sorted(vertices(NUMERIC, system)))


def build_equilibrium(ctx, game: SignallingGame, tb, sol: PatternSolution, *, ic, d1,
                      condition=sp.true, ic_condition=sp.true, d1_condition=sp.true,
                      exact_vertices: bool = True, method: str = "") -> Equilibrium:
    """Assemble the result object for one pattern solution."""
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
            key = ("belief set", system, tuple(point), exact_vertices)
            if ctx.symbolic or key not in tb.cache:
                made = make_belief_set(ctx, game, system, point, exact_vertices)
                if ctx.symbolic:
                    beliefs[game.messages[m]] = made
                    continue
                tb.cache[key] = made
            beliefs[game.messages[m]] = tb.cache[key]
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
