"""An independent checker of perfect Bayesian equilibria of signalling games.

:func:`verify` re-derives, from the game's payoff arrays alone and in exact rational
arithmetic, every condition a reported equilibrium must satisfy: strategies are
probability distributions over available moves, on-path beliefs follow Bayes' rule, every
sender type and the receiver after every message best-respond, and each off-path belief
set is nonempty and is exactly the set of beliefs at which the receiver's reported play is
optimal.  It shares no code with the solvers (nothing from ``alliance_games.solving`` or
``alliance_games.solving.refinements`` is imported): off-path belief sets are recomputed here by
an independent exact vertex enumeration.

References
----------
Fudenberg, D. & Tirole, J. (1991), *Game Theory*, Section 8.2 (perfect Bayesian
equilibrium in signalling games).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Any

import sympy as sp

from .errors import AllianceGamesError, ParameterError

__all__ = ["Verification", "VerificationError", "verify", "classify_sender_strategy"]

_GRID_DENOMINATOR = {1: 1, 2: 8, 3: 6, 4: 4}


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


# ----------------------------------------------------------------------------- numbers


class _NotExact(Exception):
    """A value that is not an exact number (or whose sign cannot be decided exactly)."""


_Z = sp.Dummy("z")


def _sign(e: sp.Expr) -> int:
    """The exact sign of a real algebraic number (minimal polynomial decides zero)."""
    if e.is_Rational:
        return int(e.p > 0) - int(e.p < 0)
    e = sp.expand(e)
    if e.is_Rational:
        return int(e.p > 0) - int(e.p < 0)
    try:
        if sp.minimal_polynomial(e, _Z) == _Z:
            return 0
    except Exception as exc:  # NotAlgebraic, or too hard
        raise _NotExact(f"cannot decide the sign of {e} exactly") from exc
    v = e.evalf(60)
    if not v.is_comparable:
        raise _NotExact(f"{e} is not a real number")
    return 1 if v > 0 else -1


def _num(e: sp.Expr) -> Fraction | _Alg:
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    e2 = sp.expand(sp.radsimp(e))  # canonical-looking: rational denominators
    if e2.is_Rational:
        return Fraction(int(e2.p), int(e2.q))
    return _Alg(e2)


class _Alg:
    """An exact irrational (algebraic) number, e.g. from belief-dependent payoffs.

    Arithmetic and comparisons mix with :class:`fractions.Fraction` and are exact.
    """

    __slots__ = ("e",)

    def __init__(self, e: sp.Expr) -> None:
        self.e = e

    @staticmethod
    def _o(x: Any) -> Any:
        if isinstance(x, _Alg):
            return x.e
        if isinstance(x, (int, Fraction)) and not isinstance(x, bool):
            return sp.Rational(x.numerator, x.denominator)
        return NotImplemented

    def _bin(self, other: Any, f) -> Any:
        o = self._o(other)
        return NotImplemented if o is NotImplemented else _num(f(self.e, o))

    def __add__(self, o): return self._bin(o, lambda a, b: a + b)  # noqa: E704
    def __radd__(self, o): return self._bin(o, lambda a, b: b + a)  # noqa: E704
    def __sub__(self, o): return self._bin(o, lambda a, b: a - b)  # noqa: E704
    def __rsub__(self, o): return self._bin(o, lambda a, b: b - a)  # noqa: E704
    def __mul__(self, o): return self._bin(o, lambda a, b: a * b)  # noqa: E704
    def __rmul__(self, o): return self._bin(o, lambda a, b: b * a)  # noqa: E704
    def __truediv__(self, o): return self._bin(o, lambda a, b: a / b)  # noqa: E704
    def __rtruediv__(self, o): return self._bin(o, lambda a, b: b / a)  # noqa: E704

    def __neg__(self) -> _Alg:
        return _Alg(-self.e)

    def __abs__(self) -> Any:
        return -self if _sign(self.e) < 0 else self

    def _cmp(self, other: Any) -> Any:
        o = self._o(other)
        return NotImplemented if o is NotImplemented else _sign(self.e - o)

    def __eq__(self, o):  # type: ignore[override]
        c = self._cmp(o)
        return c if c is NotImplemented else c == 0

    def __lt__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c < 0

    def __le__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c <= 0

    def __gt__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c > 0

    def __ge__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c >= 0

    def __hash__(self) -> int:
        return hash(self.e)

    def __str__(self) -> str:
        return str(self.e)

    __repr__ = __str__


def _sym(x: Fraction | _Alg) -> sp.Expr:
    """The sympy value of an exact number."""
    return x.e if isinstance(x, _Alg) else sp.Rational(x.numerator, x.denominator)


def _q(x: Any) -> Fraction | _Alg:
    """Convert an exact number (int, Fraction, sympy number) for exact comparison.

    Rationals become Fractions; other exact real numbers (square roots from
    belief-dependent payoffs) are kept as sympy values.  Floats are rejected.
    """
    if isinstance(x, bool):
        raise _NotExact(f"{x!r} is a boolean, not a number")
    if isinstance(x, (int, Fraction)):
        return Fraction(x)
    if isinstance(x, _Alg):
        return x
    if isinstance(x, sp.Basic):
        if x.free_symbols:
            names = ", ".join(sorted(str(s) for s in x.free_symbols))
            raise _NotExact(f"{x} is not a number (free symbols: {names})")
        if x.is_Rational:
            return Fraction(int(x.p), int(x.q))
        if x.is_number and not x.has(sp.Float):
            return _num(x)
        raise _NotExact(f"{x} is not an exact number")
    raise _NotExact(f"{x!r} ({type(x).__name__}) is not an exact number")


def _fmt(x: Fraction) -> str:
    return str(x)


def _fmt_point(types: Sequence[str], mu: Sequence[Fraction]) -> str:
    return "{" + ", ".join(f"{t}: {_fmt(v)}" for t, v in zip(types, mu, strict=True)) + "}"


# ----------------------------------------------------------------------------- game data


@dataclass(frozen=True)
class _Data:
    types: tuple[str, ...]
    messages: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    prior: tuple[Fraction, ...]
    us: tuple  # [t][m][a] sympy Expr
    ur: tuple
    syms: tuple[sp.Symbol, ...]
    belief_dependent: bool

    def payoff(self, who: str, t: int, m: int, a: int, mu: Sequence[Fraction] | None) -> Fraction:
        arr = self.us if who == "sender" else self.ur
        expr = arr[t][m][a]
        if self.belief_dependent and isinstance(expr, sp.Basic) and expr.free_symbols:
            if mu is None:
                raise _NotExact(f"{who} payoff {expr} depends on beliefs but no belief was given")
            expr = expr.subs({s: _sym(v) for s, v in zip(self.syms, mu, strict=True)})
        return _q(expr)

    def receiver_values(self, m: int, mu: Sequence[Fraction]) -> list[Fraction]:
        return [sum((mu[t] * self.payoff("receiver", t, m, a, mu)
                     for t in range(len(self.types))), Fraction(0))
                for a in range(len(self.actions[m]))]


def _game_data(game: Any) -> _Data:
    types = tuple(str(t) for t in game.types)
    messages = tuple(str(m) for m in game.messages)
    acts = game.actions
    if acts and isinstance(acts[0], str):  # a single action list shared by every message
        acts = tuple(tuple(acts) for _ in messages)
    actions = tuple(tuple(str(a) for a in am) for am in acts)
    prior = tuple(_q(p) for p in game.prior)
    syms = tuple(getattr(game, "belief_symbols", ()) or
                 (sp.Symbol(f"mu_{t}") for t in types))
    belief_dependent = bool(getattr(game, "has_belief_payoffs", False))
    return _Data(types, messages, actions, prior, game.sender_payoffs,
                 game.receiver_payoffs, syms, belief_dependent)


# ----------------------------------------------------------------------------- geometry


def _solve_exact(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve a square linear system exactly; ``None`` when it is singular."""
    n = len(rows)
    a = [list(r) + [b] for r, b in zip(rows, rhs, strict=True)]
    for col in range(n):
        piv = next((r for r in range(col, n) if a[r][col] != 0), None)
        if piv is None:
            return None
        a[col], a[piv] = a[piv], a[col]
        p = a[col][col]
        a[col] = [v / p for v in a[col]]
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[r][n] for r in range(n)]


def _polytope_vertices(n: int, ineqs: Iterable[Sequence[Fraction]]) -> list[tuple[Fraction, ...]]:
    """Vertices of ``{mu in simplex_n : c . mu >= 0 for every c in ineqs}``, exactly.

    Basic feasible solutions: ``n - 1`` tight inequalities plus ``sum(mu) = 1``.
    """
    rows: list[tuple[Fraction, ...]] = []
    seen: set[tuple[Fraction, ...]] = set()
    unit = [tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n)]
    for c in list(unit) + [tuple(Fraction(v) for v in c) for c in ineqs]:
        if all(v == 0 for v in c):
            continue
        scale = max(abs(v) for v in c)
        key = tuple(v / scale for v in c)
        if key not in seen:
            seen.add(key)
            rows.append(key)
    ones = [Fraction(1)] * n
    found: list[tuple[Fraction, ...]] = []
    for chosen in combinations(rows, n - 1):
        sol = _solve_exact([ones] + [list(c) for c in chosen],
                           [Fraction(1)] + [Fraction(0)] * (n - 1))
        if sol is None:
            continue
        if all(sum((c[i] * sol[i] for i in range(n)), Fraction(0)) >= 0 for c in rows):
            pt = tuple(sol)
            if pt not in found:
                found.append(pt)
    return found


def _br_region_vertices(data: _Data, m: int, support: Sequence[int]) -> list[tuple[Fraction, ...]]:
    """Vertices of the beliefs at which every action in ``support`` is a best response."""
    n = len(data.types)
    ur = [[data.payoff("receiver", t, m, a, None) for a in range(len(data.actions[m]))]
          for t in range(n)]
    ineqs = [[ur[t][a] - ur[t][b] for t in range(n)]
             for a in support for b in range(len(data.actions[m])) if b != a]
    return _polytope_vertices(n, ineqs)


def _grid(n: int) -> list[tuple[Fraction, ...]]:
    """Rational grid points of the simplex (denominator chosen by dimension)."""
    d = _GRID_DENOMINATOR.get(n, 2)
    out: list[tuple[Fraction, ...]] = []

    def rec(prefix: list[int], left: int, k: int) -> None:
        if k == 1:
            out.append(tuple(Fraction(v, d) for v in prefix + [left]))
            return
        for v in range(left + 1):
            rec(prefix + [v], left - v, k - 1)

    rec([], d, n)
    return out


# ----------------------------------------------------------------------------- strategies


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


def _read_distribution(raw: Any, allowed: Sequence[str], what: str,
                       failures: list[str]) -> list[Fraction] | None:
    """Read ``{label: prob}`` into a list aligned with ``allowed``; record problems."""
    if not isinstance(raw, Mapping):
        failures.append(f"{what}: expected a mapping label -> probability, got {raw!r}")
        return None
    probs = [Fraction(0)] * len(allowed)
    ok = True
    for key, val in raw.items():
        label = str(key)
        try:
            p = _q(val)
        except _NotExact as exc:
            failures.append(f"{what}: probability of {label} is not exact ({exc})")
            ok = False
            continue
        if label not in allowed:
            if p != 0:
                failures.append(f"{what}: {label} is not available (available: "
                                f"{', '.join(allowed)}) but has probability {_fmt(p)}")
                ok = False
            continue
        if p < 0:
            failures.append(f"{what}: probability of {label} is negative ({_fmt(p)})")
            ok = False
        probs[allowed.index(label)] = p
    total = sum(probs, Fraction(0))
    if total != 1:
        failures.append(f"{what}: probabilities sum to {_fmt(total)}, not 1")
        ok = False
    return probs if ok else None


def _read_point(raw: Any, types: Sequence[str], what: str,
                failures: list[str]) -> tuple[Fraction, ...] | None:
    """Read a belief point (mapping by type label, or a sequence in type order)."""
    try:
        if isinstance(raw, Mapping):
            unknown = [str(k) for k in raw if str(k) not in types]
            if unknown:
                failures.append(f"{what}: unknown types {unknown} in belief {raw!r}")
                return None
            lookup = {str(k): v for k, v in raw.items()}
            pt = tuple(_q(lookup.get(t, 0)) for t in types)
        else:
            vals = list(raw)
            if len(vals) != len(types):
                failures.append(f"{what}: belief {raw!r} has {len(vals)} entries, "
                                f"expected {len(types)}")
                return None
            pt = tuple(_q(v) for v in vals)
    except _NotExact as exc:
        failures.append(f"{what}: belief is not exact ({exc})")
        return None
    except TypeError:
        failures.append(f"{what}: cannot read belief {raw!r}")
        return None
    if any(v < 0 for v in pt) or sum(pt, Fraction(0)) != 1:
        failures.append(f"{what}: belief {_fmt_point(types, pt)} is not in the simplex "
                        f"(entries must be >= 0 and sum to 1)")
        return None
    return pt


def _point_dict(types: Sequence[str], mu: Sequence[Fraction]) -> dict[str, sp.Rational]:
    return {t: _sym(v) for t, v in zip(types, mu, strict=True)}


# ----------------------------------------------------------------------------- main


def _substitute(game: Any, eq: Any, values: Mapping | None) -> tuple[Any, Any]:
    params = getattr(game, "free_parameters", None)
    if params is None:
        params = set(getattr(game, "parameters", None) or {})
    if values is not None:
        by_name = {str(s): s for s in getattr(game, "parameters", None) or {}}
        values = {by_name.get(k, k) if isinstance(k, str) else k: v for k, v in values.items()}
    if params:
        if values is None:
            names = ", ".join(sorted(str(s) for s in params))
            raise ParameterError(
                f"game {getattr(game, 'name', '')!r} has parameters ({names}); pass "
                f"values={{symbol: Rational}} to verify an equilibrium at a point")
        missing = [s for s in params if s not in values]
        if missing:
            raise ParameterError("verify needs a value for every parameter; missing: "
                                 + ", ".join(sorted(str(s) for s in missing)))
        game = game.subs({s: values[s] for s in params})
    if values is not None:
        eq = eq.subs(dict(values))
    return game, eq


def verify(game: Any, equilibrium: Any, *, values: Mapping | None = None) -> Verification:
    """Check a reported perfect Bayesian equilibrium independently and exactly.

    Parameters
    ----------
    game : SignallingGame
        The game the equilibrium belongs to.
    equilibrium : Equilibrium
        Anything with the attributes ``sender``, ``receiver``, ``beliefs`` (and optionally
        ``on_path``, ``kind``, ``sender_payoffs``, ``condition``, ``subs``).
    values : dict, optional
        ``{Symbol: Rational}`` for every parameter of a parametric game; the game and the
        equilibrium are substituted and checked at that point.

    Returns
    -------
    Verification
        ``ok`` and a tuple of human-readable ``failures`` (empty when ok).

    Raises
    ------
    ParameterError
        The game is parametric and ``values`` is missing or incomplete.

    Examples
    --------
    >>> from alliance_games import SignallingGame, solve
    >>> g = SignallingGame.from_arrays([1], [[[1, 0]]], [[[0, 1]]])
    >>> all(verify(g, eq).ok for eq in solve(g))
    True
    """
    game, eq = _substitute(game, equilibrium, values)
    failures: list[str] = []
    try:
        _check(game, eq, failures)
        if not failures and getattr(eq, "family", None) is not None:
            _check_family(game, eq, values or {}, failures)
    except _NotExact as exc:
        failures.append(f"cannot verify exactly: {exc}")
    return Verification(ok=not failures, failures=tuple(failures))


def _check(game: Any, eq: Any, failures: list[str]) -> None:
    data = _game_data(game)
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
        row = _read_distribution(raw, M, f"sender strategy of type {t}", failures)
        if row is None:
            return
        sender.append(row)
    receiver: list[list[Fraction]] = []
    for mi, m in enumerate(M):
        raw = eq.receiver.get(m) if isinstance(eq.receiver, Mapping) else None
        if raw is None:
            failures.append(f"receiver strategy has no entry for message {m}")
            return
        row = _read_distribution(raw, A[mi], f"receiver strategy after message {m}", failures)
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
                                f"{_fmt_point(T, post)}, got {b!r}")
                continue
            got = _read_point(b, T, f"belief after on-path message {m}", failures)
            if got is not None and got != post:
                failures.append(f"belief after on-path message {m} is {_fmt_point(T, got)}, "
                                f"but Bayes' rule gives {_fmt_point(T, post)}")
        else:
            belief_at[mi] = _check_off_path(data, mi, b, receiver[mi], failures)

    # --- receiver best responses on path
    for mi, m in enumerate(M):
        if m in on_path:
            _check_br(data, mi, belief_at[mi], receiver[mi],
                      f"after on-path message {m} (Bayes posterior "
                      f"{_fmt_point(T, belief_at[mi])})", failures)

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
                                f"{_fmt(sender[t][mi])} and gets {_fmt(u[mi])} from it, but "
                                f"message {bm} gives {_fmt(best)}")
        for mi in range(len(M)):
            if u[mi] is not None and u[mi] > pay:
                failures.append(f"type {T[t]} gains by deviating to {M[mi]}: {_fmt(u[mi])} > "
                                f"equilibrium payoff {_fmt(pay)}")
    reported_pay = getattr(eq, "sender_payoffs", None)
    if reported_pay:
        for t in range(n):
            if T[t] not in reported_pay:
                failures.append(f"eq.sender_payoffs has no entry for type {T[t]}")
                continue
            try:
                got = _q(reported_pay[T[t]])
            except _NotExact as exc:
                failures.append(f"eq.sender_payoffs[{T[t]}] is not exact ({exc})")
                continue
            if got != eq_pay[t]:
                failures.append(f"eq.sender_payoffs[{T[t]}] is {_fmt(got)}, but the strategies "
                                f"give {_fmt(eq_pay[t])}")

    reported_r = getattr(eq, "receiver_payoff", None)
    if reported_r is not None:
        total = sum((data.prior[t] * sender[t][mi] * receiver[mi][a]
                     * data.payoff("receiver", t, mi, a, belief_at[mi])
                     for t in range(n) for mi in range(len(M)) if sender[t][mi] > 0
                     for a in range(len(A[mi])) if receiver[mi][a] > 0), Fraction(0))
        try:
            got_r = _q(reported_r)
        except _NotExact as exc:
            failures.append(f"eq.receiver_payoff is not exact ({exc})")
        else:
            if got_r != total:
                failures.append(f"eq.receiver_payoff is {_fmt(got_r)}, but the strategies "
                                f"give the receiver {_fmt(total)} (ex ante)")

    # --- kind
    kind = getattr(eq, "kind", None)
    if kind is not None:
        expected = classify_sender_strategy(sender, n, len(M))
        if str(kind) not in expected:
            failures.append(f"eq.kind is {kind!r}, but the sender strategy is "
                            f"{' or '.join(sorted(expected))}")


def _check_br(data: _Data, mi: int, mu: Sequence[Fraction], rho: Sequence[Fraction],
              where: str, failures: list[str]) -> bool:
    vals = data.receiver_values(mi, mu)
    best = max(vals)
    acts = data.actions[mi]
    ok = True
    for a, p in enumerate(rho):
        if p > 0 and vals[a] != best:
            b = vals.index(best)
            failures.append(f"receiver {where}: action {acts[a]} has probability {_fmt(p)} "
                            f"but expected payoff {_fmt(vals[a])} < {_fmt(best)} from "
                            f"{acts[b]}")
            ok = False
    return ok


def _call(obj: Any, name: str, *args: Any) -> Any:
    attr = getattr(obj, name)
    return attr(*args) if callable(attr) else attr


def _check_off_path(data: _Data, mi: int, bset: Any, rho: Sequence[Fraction],
                    failures: list[str]) -> tuple[Fraction, ...] | None:
    """Check the belief set after an off-path message; return its example point."""
    T = data.types
    m = data.messages[mi]
    where = f"after off-path message {m}"
    if isinstance(bset, Mapping) or not hasattr(bset, "contains"):
        failures.append(f"belief {where} should be a belief set, got {bset!r}")
        return None

    def contains(pt: Sequence[Fraction]) -> bool | None:
        try:
            return bool(bset.contains(_point_dict(T, pt)))
        except Exception as exc:  # a buggy belief set must not crash the verifier
            failures.append(f"belief set {where}: contains({_fmt_point(T, pt)}) raised "
                            f"{type(exc).__name__}: {exc}")
            return None

    # example: nonempty
    try:
        ex_raw = _call(bset, "example")
    except Exception as exc:
        failures.append(f"belief set {where}: example() raised {type(exc).__name__}: {exc}")
        ex_raw = None
    example = None
    if ex_raw is None:
        failures.append(f"belief set {where} is empty (no example point)")
    else:
        example = _read_point(ex_raw, T, f"example belief {where}", failures)
        if example is not None:
            if contains(example) is False:
                failures.append(f"belief set {where} does not contain its own example "
                                f"{_fmt_point(T, example)}")
            _check_br(data, mi, example, rho,
                      f"{where} at the example belief {_fmt_point(T, example)}", failures)

    # reported vertices
    vertices: list[tuple[Fraction, ...]] | None = None
    raw_vertices = getattr(bset, "vertices", None)
    if raw_vertices is not None:
        vertices = []
        for v in raw_vertices:
            pt = _read_point(v, T, f"vertex of the belief set {where}", failures)
            if pt is None:
                continue
            vertices.append(pt)
            if not _check_br(data, mi, pt, rho,
                             f"{where} at reported vertex {_fmt_point(T, pt)}", failures):
                failures.append(f"belief set {where} is too big: it contains "
                                f"{_fmt_point(T, pt)}, where the receiver's play is not a "
                                "best response")
        if not vertices and example is not None:
            failures.append(f"belief set {where} reports no vertices but has an example")

    # bounds
    bounds: list[tuple[Fraction, Fraction]] | None = [] if hasattr(bset, "bounds") else None
    for t in T if bounds is not None else ():
        try:
            lo, hi = _call(bset, "bounds", t)
            lo, hi = _q(lo), _q(hi)
        except Exception as exc:
            if vertices is not None:  # bounds are optional only for non-polytope sets
                failures.append(f"belief set {where}: bounds({t}) failed or is not exact "
                                f"({type(exc).__name__}: {exc})")
            bounds = None
            break
        if not (0 <= lo <= hi <= 1):
            failures.append(f"belief set {where}: bounds({t}) = [{_fmt(lo)}, {_fmt(hi)}] "
                            "is not a subinterval of [0, 1]")
        if example is not None and not lo <= example[T.index(t)] <= hi:
            failures.append(f"belief set {where}: example {_fmt_point(T, example)} lies "
                            f"outside bounds({t}) = [{_fmt(lo)}, {_fmt(hi)}]")
        bounds.append((lo, hi))

    grid = _grid(len(T))
    support = [a for a, p in enumerate(rho) if p > 0]
    if data.belief_dependent:
        # no linear structure: check best responses at the sampled points of the set
        for pt in grid:
            if contains(pt) and not _check_br(
                    data, mi, pt, rho, f"{where} at sampled belief {_fmt_point(T, pt)}",
                    failures):
                break
        return example

    exact = _br_region_vertices(data, mi, support)
    acts = ", ".join(data.actions[mi][a] for a in support)
    if not exact:
        failures.append(f"no belief {where} makes every action in the support ({acts}) a "
                        "best response")
        return example
    verb = "is a best response" if len(support) == 1 else "are best responses"
    desc = f"the exact set where {acts} {verb}"
    if vertices is not None:
        for v in exact:
            if v not in vertices:
                failures.append(f"belief set {where} is too small: vertex "
                                f"{_fmt_point(T, v)} of {desc} is missing from its vertices")
    if bounds is not None and len(bounds) == len(T):
        for i, t in enumerate(T):
            lo, hi = min(v[i] for v in exact), max(v[i] for v in exact)
            if bounds[i] != (lo, hi):
                failures.append(f"belief set {where}: bounds({t}) = [{_fmt(bounds[i][0])}, "
                                f"{_fmt(bounds[i][1])}], but {desc} has [{_fmt(lo)}, "
                                f"{_fmt(hi)}]")
    # membership cross-check at the exact vertices and on a grid
    for v in exact:
        if contains(v) is False:
            failures.append(f"belief set {where} is too small: it excludes "
                            f"{_fmt_point(T, v)}, a vertex of {desc}")
    reported = set()
    for pt in grid:
        vals = data.receiver_values(mi, pt)
        inside = all(vals[a] == max(vals) for a in support)
        got = contains(pt)
        if got is None:
            break
        if got and not inside and "big" not in reported:
            reported.add("big")
            failures.append(f"belief set {where} is too big: it contains "
                            f"{_fmt_point(T, pt)}, outside {desc}")
        elif inside and not got and "small" not in reported:
            reported.add("small")
            failures.append(f"belief set {where} is too small: it excludes "
                            f"{_fmt_point(T, pt)}, inside {desc}")
    return example


# ----------------------------------------------------------------------------- families


def _family_points(fam: Any, values: Mapping) -> list[dict]:
    """Sample members of a family: each variable at its range ends and midpoint."""
    variables = tuple(getattr(fam, "variables", ()) or ())
    ranges = getattr(fam, "ranges", {}) or {}
    if not variables or len(variables) > 3:
        return []
    choices = []
    for v in variables:
        if v not in ranges:
            return []
        lo, hi = (sp.sympify(x).xreplace(dict(values)) for x in ranges[v])
        if not (lo.is_Rational and hi.is_Rational):
            return []
        choices.append([lo, (lo + hi) / 2, hi])
    points = []
    constraint = sp.sympify(getattr(fam, "constraint", sp.true)).xreplace(dict(values))
    for combo in _product(choices):
        point = dict(zip(variables, combo, strict=True))
        holds = constraint.xreplace(point)
        if holds is sp.true:
            points.append(point)
    return points


def _product(choices: list[list[Any]]) -> list[tuple]:
    out: list[tuple] = [()]
    for c in choices:
        out = [p + (x,) for p in out for x in c]
    return out


def _check_family(game: Any, eq: Any, values: Mapping, failures: list[str]) -> None:
    """Every sampled member of a reported continuum must be a PBE too.

    Off-path beliefs of a member are not reported; for linear games a member passes when
    some belief makes its off-path play optimal (sender payoffs do not depend on beliefs);
    for belief-dependent games the representative's beliefs are used.
    """
    fam = eq.family
    data = _game_data(game)
    T, M, A = data.types, data.messages, data.actions
    n = len(T)
    rep_beliefs: list[tuple[Fraction, ...] | None] = []
    for m in M:
        b = eq.beliefs[m]
        try:
            raw = b if isinstance(b, Mapping) else _call(b, "example")
            rep_beliefs.append(tuple(_q(raw.get(t, 0)) for t in T))
        except Exception:
            rep_beliefs.append(None)
    for point in _family_points(fam, values):
        label = "family member " + ", ".join(f"{k} = {v}" for k, v in point.items())
        local: list[str] = []

        def value(x: Any, point: dict = point) -> Fraction:
            return _q(sp.sympify(x).xreplace(dict(values)).xreplace(point)
                      if isinstance(x, sp.Basic) else x)

        sender = []
        for t in T:
            row = {m: value(p) for m, p in fam.sender[t].items()}
            sender.append(_read_distribution(row, M, f"{label}: sender type {t}", local))
        receiver = []
        for m in M:
            row = {a: value(p) for a, p in fam.receiver[m].items()}
            receiver.append(_read_distribution(row, A[M.index(m)], f"{label}: receiver after "
                                               f"{m}", local))
        if local or any(r is None for r in sender + receiver):
            failures.extend(local)
            continue
        beliefs: list[tuple[Fraction, ...] | None] = []
        for mi, m in enumerate(M):
            w = sum((data.prior[t] * sender[t][mi] for t in range(n)), Fraction(0))
            if w > 0:
                mu = tuple(data.prior[t] * sender[t][mi] / w for t in range(n))
                _check_br(data, mi, mu, receiver[mi], f"{label}: after on-path message {m} "
                          f"(belief {_fmt_point(T, mu)})", local)
            elif data.belief_dependent:
                mu = rep_beliefs[mi]
                if mu is not None:
                    _check_br(data, mi, mu, receiver[mi], f"{label}: after off-path message "
                              f"{m} at the representative's belief", local)
            else:
                mu = None
                support = [a for a, p in enumerate(receiver[mi]) if p > 0]
                if not _br_region_vertices(data, mi, support):
                    local.append(f"{label}: no belief after off-path message {m} makes the "
                                 "receiver's play a best response")
            beliefs.append(mu)
        for t in range(n):
            u = [None if (data.belief_dependent and beliefs[mi] is None) else
                 sum((receiver[mi][a] * data.payoff("sender", t, mi, a, beliefs[mi])
                      for a in range(len(A[mi]))), Fraction(0)) for mi in range(len(M))]
            pay = sum((sender[t][mi] * u[mi] for mi in range(len(M)) if sender[t][mi] > 0),
                      Fraction(0))
            for mi in range(len(M)):
                if u[mi] is not None and u[mi] > pay:
                    local.append(f"{label}: type {T[t]} gains by deviating to {M[mi]}: "
                                 f"{_fmt(u[mi])} > {_fmt(pay)}")
                if sender[t][mi] > 0 and u[mi] is not None and u[mi] < pay:
                    local.append(f"{label}: type {T[t]} sends {M[mi]} but it pays "
                                 f"{_fmt(u[mi])} < {_fmt(pay)}")
        failures.extend(local)
