"""An independent checker of perfect Bayesian equilibria of signalling games.

:func:`verify` re-derives, from the game's payoff arrays alone and in exact rational
arithmetic, every condition a reported equilibrium must satisfy: strategies are
probability distributions over available moves, on-path beliefs follow Bayes' rule, every
sender type and the receiver after every message best-respond, and each off-path belief
set is nonempty and is exactly the set of beliefs at which the receiver's reported play is
optimal.  It shares no code with the solvers (nothing from ``alliance_games.solving`` or
``alliance_games.solving.refinements`` is imported): off-path belief sets are recomputed here by
an independent exact vertex enumeration (a union of intervals with exact algebraic end
points for two types and belief-dependent payoffs) and compared with the reported set as
sets; a reported family of equilibria is checked for every member at once with an exact
linear program (:mod:`alliance_games.verify_lp`), since for fixed supports every
equilibrium condition is linear in the free probabilities, and its reported ranges must
be the exact ranges of its members.

The verifier's parts: its exact numbers and signs (:mod:`alliance_games.verify_numbers`,
with :mod:`alliance_games.verify_radicals`), the game's data, polytopes and linear forms
(:mod:`alliance_games.verify_data`), off-path belief sets
(:mod:`alliance_games.verify_sets`) and families (:mod:`alliance_games.verify_families`).

References
----------
Fudenberg, D. & Tirole, J. (1991), *Game Theory*, Section 8.2 (perfect Bayesian
equilibrium in signalling games).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from .errors import AllianceGamesError, InvalidGameError, ParameterError
from .game import SignallingGame
from .verify_data import check_best_response, game_data, read_distribution, read_point
from .verify_families import check_family
from .verify_numbers import NotExact, exact_value, show, show_point, to_sympy
from .verify_sets import check_off_path

__all__ = ["Verification", "VerificationError", "classify_sender_strategy", "verify"]


class VerificationError(AllianceGamesError):
    """A reported equilibrium failed :func:`verify`; the message lists every failure."""


@dataclass(frozen=True)
class Verification:
    """Outcome of :func:`verify`: ``ok`` and the human-readable reasons it is not.

    Truthy exactly when the equilibrium passed every check.

    Examples
    --------
    >>> v = Verification(ok=False, failures=("type weak gains by deviating",))
    >>> bool(v)
    False
    >>> v.raise_if_failed()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    alliance_games.verify.VerificationError: equilibrium failed verification: type weak ...
    """

    ok: bool
    failures: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.ok

    def raise_if_failed(self) -> None:
        """Raise :class:`VerificationError` listing the failures, if there are any."""
        if not self.ok:
            raise VerificationError(
                "equilibrium failed verification: " + "; ".join(self.failures)
            )


def classify_sender_strategy(sender: Sequence[Sequence[Fraction]], n_types: int,
                             n_messages: int | None = None) -> set[str]:
    """Kinds consistent with a sender strategy given as ``[type][message]`` probabilities.

    ``"hybrid"`` if some type mixes; otherwise ``"pooling"`` (one message used),
    ``"separating"`` (as many distinct messages as ``min(types, messages)`` allows, so a
    cutoff strategy of a two-message game separates) or ``"partially pooling"``.  A
    one-type game is both pooling and separating.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> sorted(classify_sender_strategy([[F(1), F(0)], [F(0), F(1)]], 2))
    ['separating']
    >>> sorted(classify_sender_strategy([[F(1), F(0)], [F(1), F(0)], [F(0), F(1)]], 3))
    ['separating']
    """
    if any(sum(1 for p in row if p > 0) > 1 for row in sender):
        return {"hybrid"}
    used = [next(i for i, p in enumerate(row) if p > 0) for row in sender]
    n_messages = len(sender[0]) if n_messages is None and sender else (n_messages or 0)
    kinds = set()
    if len(set(used)) == 1:
        kinds.add("pooling")
    if len(set(used)) == min(n_types, n_messages):
        kinds.add("separating")
    return kinds or {"partially pooling"}


def _same_game(a: SignallingGame, b: SignallingGame) -> bool:
    """Whether two games have the same labels, prior and payoffs (exactly)."""
    if (a.types, a.messages, a.actions) != (b.types, b.messages, b.actions):
        return False
    pairs = list(zip(a.prior, b.prior, strict=True))
    for ta, tb in ((a.sender_payoffs, b.sender_payoffs), (a.receiver_payoffs, b.receiver_payoffs)):
        pairs += [(x, y) for ra, rb in zip(ta, tb, strict=True)
                  for xa, xb in zip(ra, rb, strict=True) for x, y in zip(xa, xb, strict=True)]
    return all(x == y or sp.expand(x - y) == 0 for x, y in pairs)


def _substitute(game: Any, eq: Any, values: Mapping | None
                ) -> tuple[SignallingGame, Any, dict[sp.Symbol, sp.Expr]]:
    """Validate the inputs; substitute parameter values into the game and the equilibrium."""
    if not isinstance(game, SignallingGame):
        raise InvalidGameError(f"verify: game must be a SignallingGame, got "
                               f"{type(game).__name__} {_short(game)}")
    for attr in ("sender", "receiver", "beliefs"):
        if not isinstance(getattr(eq, attr, None), Mapping):
            raise VerificationError(
                f"verify: equilibrium must be an Equilibrium (with sender, receiver and "
                f"beliefs mappings), got {type(eq).__name__} {_short(eq)}: its {attr!r} is "
                f"{'missing' if not hasattr(eq, attr) else 'not a mapping'}")
    point: dict[sp.Symbol, sp.Expr] = {}
    if values is not None:
        if not isinstance(values, Mapping):
            raise ParameterError(f"verify: values must be a mapping parameter -> number, got "
                                 f"{type(values).__name__} {_short(values)}")
        point = game.check_point(values, require_all=True)  # unknown names, ranges, exactness
        game = game.subs(point)
        if hasattr(eq, "subs"):
            eq = eq.subs(point)
    elif game.free_parameters:
        names = ", ".join(sorted(str(s) for s in game.free_parameters))
        raise ParameterError(
            f"game {game.name!r} has parameters ({names}); pass values={{symbol: Rational}} "
            "to verify an equilibrium at a point")
    own = getattr(eq, "game", None)
    if isinstance(own, SignallingGame):
        if own.free_parameters and point:
            own = own.subs({k: v for k, v in point.items() if k in own.parameters})
        if not _same_game(game, own):
            raise InvalidGameError(
                f"verify: the equilibrium belongs to a different game ({own!r}), not to "
                f"{game!r}")
    return game, eq, point


def _short(x: Any) -> str:
    text = repr(x)
    return text if len(text) <= 80 else text[:77] + "..."


def verify(game: SignallingGame, equilibrium: Any, *,
           values: Mapping | None = None) -> Verification:
    """Check a reported perfect Bayesian equilibrium independently and exactly.

    Every condition is decided in exact arithmetic: strategies, Bayes' rule, the
    receiver's and every type's best responses, each off-path belief set (equal, as a set,
    to the exact set of beliefs that sustain the receiver's play: its constraints,
    vertices, region and bounds are each compared with it), and for a family every member
    and the exact range of every free probability.

    Parameters
    ----------
    game : SignallingGame
        The game the equilibrium belongs to.
    equilibrium : Equilibrium
        Anything with the mappings ``sender``, ``receiver``, ``beliefs`` (and optionally
        ``on_path``, ``kind``, ``sender_payoffs``, ``receiver_payoff``, ``condition``,
        ``family``, ``game``, ``subs``).
    values : dict, optional
        ``{Symbol or name: number}`` for every parameter of a parametric game; the game and
        the equilibrium are substituted and checked at that point.

    Returns
    -------
    Verification
        ``ok`` and a tuple of human-readable ``failures`` (empty when ok).

    Raises
    ------
    InvalidGameError
        ``game`` is not a :class:`SignallingGame`, or the equilibrium was found for a
        different game.
    VerificationError
        ``equilibrium`` is not an equilibrium (no ``sender``/``receiver``/``beliefs``).
    ParameterError
        The game is parametric and ``values`` is missing or incomplete, or ``values``
        names an unknown parameter or a point outside the parameter ranges.

    Examples
    --------
    >>> from alliance_games import SignallingGame, solve
    >>> g = SignallingGame.from_arrays([1], [[[1, 0]]], [[[0, 1]]])
    >>> all(verify(g, eq).ok for eq in solve(g))
    True
    >>> verify(None, solve(g)[0])
    Traceback (most recent call last):
    ...
    alliance_games.errors.InvalidGameError: verify: game must be a SignallingGame, got NoneType None
    """
    game, eq, point = _substitute(game, equilibrium, values)
    failures: list[str] = []
    try:
        _check(game, eq, failures)
        if not failures and getattr(eq, "family", None) is not None:
            check_family(game_data(game), eq, point, failures)
    except NotExact as exc:
        failures.append(f"cannot verify exactly: {exc}")
    return Verification(ok=not failures, failures=tuple(failures))


def _check(game: Any, eq: Any, failures: list[str]) -> None:
    data = game_data(game)
    T, M, A = data.types, data.messages, data.actions
    n = len(T)

    cond = getattr(eq, "condition", sp.true)
    if cond is sp.false or cond is False:
        failures.append("the equilibrium's condition is False at these parameter values")

    # --- strategies are distributions over available moves
    sender_raw = eq.sender
    sender: list[list[Fraction]] = []
    for t in T:
        raw = sender_raw.get(t) if isinstance(sender_raw, Mapping) else None
        if raw is None:
            failures.append(f"sender strategy has no entry for type {t}")
            return
        row = read_distribution(raw, M, f"sender strategy of type {t}", failures)
        if row is None:
            return
        sender.append(row)
    receiver: list[list[Fraction]] = []
    for mi, m in enumerate(M):
        raw = eq.receiver.get(m) if isinstance(eq.receiver, Mapping) else None
        if raw is None:
            failures.append(f"receiver strategy has no entry for message {m}")
            return
        row = read_distribution(raw, A[mi], f"receiver strategy after message {m}", failures)
        if row is None:
            return
        receiver.append(row)

    # --- on-path messages and Bayes' rule
    p_msg = [sum((data.prior[t] * sender[t][mi] for t in range(n)), Fraction(0))
             for mi in range(len(M))]
    on_path = {M[mi] for mi in range(len(M)) if p_msg[mi] > 0}
    reported_on_path = getattr(eq, "on_path", None)
    if reported_on_path is not None and {str(x) for x in reported_on_path} != on_path:
        failures.append(f"eq.on_path is {sorted(map(str, reported_on_path))}, but the sender "
                        f"strategy reaches {sorted(on_path)}")

    beliefs = eq.beliefs
    belief_at: list[tuple[Fraction, ...] | None] = [None] * len(M)
    for mi, m in enumerate(M):
        b = beliefs.get(m) if isinstance(beliefs, Mapping) else None
        if b is None:
            failures.append(f"no belief reported after message {m}")
            continue
        if m in on_path:
            post = tuple(data.prior[t] * sender[t][mi] / p_msg[mi] for t in range(n))
            belief_at[mi] = post
            if not isinstance(b, Mapping):
                failures.append(f"belief after on-path message {m} should be the Bayes posterior "
                                f"{show_point(T, post)}, got {b!r}")
                continue
            got = read_point(b, T, f"belief after on-path message {m}", failures)
            if got is not None and got != post:
                failures.append(f"belief after on-path message {m} is {show_point(T, got)}, "
                                f"but Bayes' rule gives {show_point(T, post)}")
    # equilibrium payoffs (on the path); with belief-dependent payoffs they decide which
    # off-path beliefs deter every type
    values: list[sp.Expr | None] = []
    for t in range(n):
        mi = next((i for i in range(len(M)) if sender[t][i] > 0), None)
        mu = belief_at[mi] if mi is not None else None
        values.append(None if mu is None else to_sympy(sum(
            (receiver[mi][a] * data.payoff("sender", t, mi, a, mu) for a in range(len(A[mi]))),
            Fraction(0))))
    for mi, m in enumerate(M):
        b = beliefs.get(m) if isinstance(beliefs, Mapping) else None
        if b is not None and m not in on_path:
            belief_at[mi] = check_off_path(data, mi, b, receiver[mi], values, failures)

    # --- receiver best responses on path
    for mi, m in enumerate(M):
        if m in on_path:
            check_best_response(data, mi, belief_at[mi], receiver[mi],
                                f"after on-path message {m} (Bayes posterior "
                                f"{show_point(T, belief_at[mi])})", failures)

    # --- sender rationality
    eq_pay: list[Fraction] = []
    for t in range(n):
        u = []
        for mi in range(len(M)):
            mu = belief_at[mi]
            if data.belief_dependent and mu is None:
                u.append(None)
                continue
            u.append(sum((receiver[mi][a] * data.payoff("sender", t, mi, a, mu)
                          for a in range(len(A[mi]))), Fraction(0)))
        known = [x for x in u if x is not None]
        best = max(known)
        pay = sum((sender[t][mi] * u[mi] for mi in range(len(M)) if sender[t][mi] > 0),
                  Fraction(0))
        eq_pay.append(pay)
        for mi in range(len(M)):
            if sender[t][mi] > 0 and u[mi] is not None and u[mi] != best:
                bm = M[u.index(best)]
                failures.append(f"type {T[t]} sends {M[mi]} with probability "
                                f"{show(sender[t][mi])} and gets {show(u[mi])} from it, but "
                                f"message {bm} gives {show(best)}")
        for mi in range(len(M)):
            if u[mi] is not None and u[mi] > pay:
                failures.append(f"type {T[t]} gains by deviating to {M[mi]}: {show(u[mi])} > "
                                f"equilibrium payoff {show(pay)}")
    reported_pay = getattr(eq, "sender_payoffs", None)
    if reported_pay:
        for t in range(n):
            if T[t] not in reported_pay:
                failures.append(f"eq.sender_payoffs has no entry for type {T[t]}")
                continue
            try:
                got = exact_value(reported_pay[T[t]])
            except NotExact as exc:
                failures.append(f"eq.sender_payoffs[{T[t]}] is not exact ({exc})")
                continue
            if got != eq_pay[t]:
                failures.append(f"eq.sender_payoffs[{T[t]}] is {show(got)}, but the strategies "
                                f"give {show(eq_pay[t])}")

    reported_r = getattr(eq, "receiver_payoff", None)
    if reported_r is not None:
        total = sum((data.prior[t] * sender[t][mi] * receiver[mi][a]
                     * data.payoff("receiver", t, mi, a, belief_at[mi])
                     for t in range(n) for mi in range(len(M)) if sender[t][mi] > 0
                     for a in range(len(A[mi])) if receiver[mi][a] > 0), Fraction(0))
        try:
            got_r = exact_value(reported_r)
        except NotExact as exc:
            failures.append(f"eq.receiver_payoff is not exact ({exc})")
        else:
            if got_r != total:
                failures.append(f"eq.receiver_payoff is {show(got_r)}, but the strategies "
                                f"give the receiver {show(total)} (ex ante)")

    # --- kind
    kind = getattr(eq, "kind", None)
    if kind is not None:
        expected = classify_sender_strategy(sender, n, len(M))
        if str(kind) not in expected:
            failures.append(f"eq.kind is {kind!r}, but the sender strategy is "
                            f"{' or '.join(sorted(expected))}")
