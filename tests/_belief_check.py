"""Exact, solver-independent checks of pure profiles used by the interop tests.

A pure profile (sender ``{type: message}``, receiver ``{message: action}``) *admits
consistent beliefs* when the receiver's action after every message sent with positive
probability is a best response to the Bayes posterior, and after every other message a
best response to SOME belief.  The latter is decided exactly by looking for a vertex of
the polytope of beliefs at which the action is a best response.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from _exact_lp import solve_square

from alliance_games import SignallingGame


def _q(x) -> Fraction:
    return Fraction(str(x))


def best_response_to_some_belief(game: SignallingGame, message: str,
                                 action: str | list[str]) -> bool:
    """True when ``action`` (or every action of a list) is a best response after
    ``message`` to one and the same belief."""
    mi = game.message_index(message)
    support = [action] if isinstance(action, str) else list(action)
    n = len(game.types)
    u = [[_q(x) for x in game.receiver_payoffs[t][mi]] for t in range(n)]
    ineqs = [[Fraction(int(i == t)) for i in range(n)] for t in range(n)]  # mu_t >= 0
    for a in support:
        ai = game.action_index(message, a)
        ineqs += [[u[t][ai] - u[t][k] for t in range(n)]
                  for k in range(len(game.actions[mi])) if k != ai]
    ones = [Fraction(1)] * n
    for combo in itertools.combinations(ineqs, n - 1):
        mu = solve_square([*combo, ones], [Fraction(0)] * (n - 1) + [Fraction(1)])
        if mu is not None and all(sum(a * x for a, x in zip(row, mu, strict=True)) >= 0
                                  for row in ineqs):
            return True
    return False


def admits_consistent_beliefs(game: SignallingGame, sender: dict[str, str],
                              receiver: dict[str, str]) -> bool:
    """Whether a pure profile is supported by Bayes-consistent beliefs (see module doc)."""
    n = len(game.types)
    for mi, m in enumerate(game.messages):
        ai = game.action_index(m, receiver[m])
        weight = [_q(game.prior[t]) if sender[game.types[t]] == m else Fraction(0)
                  for t in range(n)]
        total = sum(weight)
        if total == 0:
            if not best_response_to_some_belief(game, m, receiver[m]):
                return False
            continue
        values = [sum(weight[t] / total * _q(game.receiver_payoffs[t][mi][k]) for t in range(n))
                  for k in range(len(game.actions[mi]))]
        if values[ai] < max(values):
            return False
    return True


def behaviour_admits_consistent_beliefs(game: SignallingGame,
                                        sender: dict[str, dict[str, Fraction]],
                                        receiver: dict[str, dict[str, Fraction]]) -> bool:
    """The mixed version: every action played after a message sent with positive
    probability is a best response to the Bayes posterior; after an unsent message the
    receiver's support is a best response to some common belief."""
    n = len(game.types)
    for mi, m in enumerate(game.messages):
        support = [a for a, p in receiver[m].items() if p > 0]
        weight = [_q(game.prior[t]) * sender[game.types[t]].get(m, Fraction(0))
                  for t in range(n)]
        total = sum(weight)
        if total == 0:
            if not best_response_to_some_belief(game, m, support):
                return False
            continue
        values = [sum(weight[t] / total * _q(game.receiver_payoffs[t][mi][k]) for t in range(n))
                  for k in range(len(game.actions[mi]))]
        if any(values[game.action_index(m, a)] < max(values) for a in support):
            return False
    return True


# ---------------------------------------------------------------- comparing two results
def _same_number(a, b) -> bool:
    import sympy as sp

    from alliance_games.solving.algebraic import AlgebraicContext
    return AlgebraicContext.sign(sp.sympify(a) - sp.sympify(b)) == 0


def _set_parts(s) -> list:
    import sympy as sp
    args = s.args if isinstance(s, sp.Union) else (s,)
    out = []
    for a in args:
        if isinstance(a, sp.FiniteSet):
            out += [(p, p, False, False) for p in a]
        elif isinstance(a, sp.Interval):
            out.append((a.start, a.end, bool(a.left_open), bool(a.right_open)))
        elif a is not sp.S.EmptySet:
            raise ValueError(f"unexpected set {a}")
    return sorted(out, key=lambda p: float(p[0]))


def same_sets(a, b) -> bool:
    """Whether two sympy sets of reals (unions of intervals and points) are equal,
    endpoint by endpoint (exact signs)."""
    pa, pb = _set_parts(a), _set_parts(b)
    return len(pa) == len(pb) and all(
        _same_number(x[0], y[0]) and _same_number(x[1], y[1]) and x[2:] == y[2:]
        for x, y in zip(pa, pb, strict=True))


def result_difference(first, second) -> str | None:
    """The first difference between two solve results (labels, strategies, on-path
    beliefs, off-path belief sets and their points, payoffs, IC/D1 flags and notes), or
    None when they agree exactly."""
    la, lb = sorted(e.label for e in first), sorted(e.label for e in second)
    if la != lb:
        return f"labels {la} != {lb}"
    other = {e.label: e for e in second}
    for e in first:
        f = other[e.label]
        for t in e.sender:
            for m in e.sender[t]:
                if not _same_number(e.sender[t][m], f.sender[t][m]):
                    return f"{e.label}: sender {t} {m}"
        for m in e.receiver:
            for a in e.receiver[m]:
                if not _same_number(e.receiver[m][a], f.receiver[m][a]):
                    return f"{e.label}: receiver {m} {a}"
        for m in e.beliefs:
            b1, b2 = e.beliefs[m], f.beliefs[m]
            if hasattr(b1, "region"):
                if not hasattr(b2, "region") or not same_sets(b1.region, b2.region):
                    return f"{e.label}: belief set at {m}: {b1.region} != {b2.region}"
                if not all(_same_number(x, y) for x, y in zip(b1.point, b2.point)):
                    return f"{e.label}: belief point at {m}"
            elif not all(_same_number(b1[t], b2[t]) for t in b1):
                return f"{e.label}: belief at {m}"
        if not all(_same_number(e.sender_payoffs[t], f.sender_payoffs[t])
                   for t in e.sender_payoffs):
            return f"{e.label}: sender payoffs"
        if not _same_number(e.receiver_payoff, f.receiver_payoff):
            return f"{e.label}: receiver payoff"
        if (e.intuitive_criterion, e.d1, e.notes) != (f.intuitive_criterion, f.d1, f.notes):
            return (f"{e.label}: flags {(e.intuitive_criterion, e.d1, e.notes)} != "
                    f"{(f.intuitive_criterion, f.d1, f.notes)}")
    return None
