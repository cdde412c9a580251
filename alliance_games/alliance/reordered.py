"""H1(b): the game in which the patron commits first, solved by the engine.

The paper's H1: "patrons will want their (status-quo-oriented) clients to commit to their
own security before the patron does" (Cohen 2025, Theory).  The alternative to the clients
moving first is the patron moving first: it commits to a design unconditionally, knowing
only the prior, and the clients choose afterwards.

Menus (each commitment is a menu ``{message: (design,)}`` for
:func:`~.model.alliance_game`):

* :data:`COMMITMENTS` (the test of H1(b)).  ``N`` and ``B``: the design holds whatever the
  clients then do; the clients still choose collective security, which costs them ``z_CS``
  and ties their hands (``a``), and is now a signal to the adversary only.  ``I``: the
  patron creates the multilateral alliance itself before the clients have committed to
  each other, so the client-client obligations are the imposed ones (``a_I``, disutility
  ``z``); a later treaty of the clients would add nothing the patron's treaty does not
  already fix, so the clients have no move and the adversary keeps the prior.
* :data:`ROBUSTNESS_COMMITMENTS`.  ``Mult``: a multilateral offer that the clients can take
  up by committing to each other (``M``) or not (``I``).  The design then follows the
  clients' move: the patron has not committed before them in the paper's sense, so this is
  a robustness row only (at the baseline it reproduces the clients-first play exactly).

For each commitment the clients' game is built by ``alliance_game(menu=...)`` and solved
by :func:`alliance_games.solve` (all PBE, the Intuitive Criterion from the engine); among the
survivors the spec's selection rule (:func:`~.analysis.select_index`: the H type's payoff,
ties to the most informative) picks one, and the patron's duration-weighted value is
:func:`~.model.signalling_patron_value` of it.  The patron takes the commitment with the
highest value (exact comparison; ties to the first in menu order).

Examples
--------
>>> r = reordered_game()
>>> r.best, round(float(r.value), 2)
('I', -28.13)
>>> c = compare_orders()
>>> round(float(c.clients_first), 2), c.strict, c.weak
(-30.29, False, False)
"""

from __future__ import annotations

import types
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sympy as sp

from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.analysis import full_point, select_index, sign, solve_point
from alliance_games.alliance.model import alliance_game, signalling_patron_value
from alliance_games.errors import DegenerateGameWarning, ParameterError
from alliance_games.solving import solve

if TYPE_CHECKING:
    from alliance_games.equilibrium import Equilibrium

__all__ = ["COMMITMENTS", "ROBUSTNESS_COMMITMENTS", "CommitmentResult", "ReorderedResult",
           "OrderComparison", "commitment_result", "reordered_game", "compare_orders"]

#: Unconditional commitments made before the clients move (the test of H1(b)).
COMMITMENTS: Mapping[str, Mapping[str, tuple[str, ...]]] = types.MappingProxyType({
    "N": {"no_cs": ("N",), "cs": ("N",)},
    "B": {"no_cs": ("B",), "cs": ("B",)},
    "I": {"no_cs": ("I",)},
})
#: A design rule conditional on the clients' move: robustness only.
ROBUSTNESS_COMMITMENTS: Mapping[str, Mapping[str, tuple[str, ...]]] = types.MappingProxyType({
    "Mult": {"no_cs": ("I",), "cs": ("M",)},
})


@dataclass(frozen=True)
class CommitmentResult:
    """The clients' game after one commitment: all equilibria and the selected one.

    ``values[i]`` is the patron's duration-weighted value in equilibrium ``i``;
    ``survivors`` the equilibria surviving the Intuitive Criterion (all, if none does);
    ``value`` the selected one's value; ``value_range`` its min and max over survivors.
    """

    commitment: str
    menu: Mapping[str, tuple[str, ...]]
    equilibria: tuple
    values: tuple
    survivors: tuple[int, ...]
    selected: int
    value: Any
    value_range: tuple[Any, Any]

    @property
    def selected_equilibrium(self) -> Equilibrium:
        """The selected equilibrium of the clients' game."""
        return self.equilibria[self.selected]


@dataclass(frozen=True)
class ReorderedResult:
    """The patron-first game: each commitment's result, the best one and its value."""

    commitments: Mapping[str, CommitmentResult]
    best: str
    value: Any


def _pr_cs(eq) -> Any:
    return {t: sp.sympify(eq.sender[t].get("cs", 0)) for t in pay.TYPES}


def commitment_result(values: Mapping[Any, Any] | None, commitment: str, *,
                      theatre: str | None = None) -> CommitmentResult:
    """Solve the clients' game after ``commitment`` (a key of either menu) with the engine.

    Raises
    ------
    ParameterError
        For an unknown commitment.

    Examples
    --------
    >>> r = commitment_result({}, "N")
    >>> r.selected_equilibrium.kind, [r.equilibria[i].kind for i in r.survivors]
    ('separating', ['separating'])
    """
    menus = {**COMMITMENTS, **ROBUSTNESS_COMMITMENTS}
    if commitment not in menus:
        raise ParameterError(f"unknown commitment {commitment!r}; expected one of "
                             f"{tuple(menus)}")
    point = full_point(values, theatre=theatre)
    menu = menus[commitment]
    game = alliance_game(point, menu=menu)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        eqs = tuple(solve(game))
    if not eqs:  # pragma: no cover - a finite game has an equilibrium
        raise ParameterError(f"no equilibrium of the clients' game after {commitment}")
    vals = tuple(signalling_patron_value(e, point) for e in eqs)
    surv = tuple(i for i, e in enumerate(eqs) if e.intuitive_criterion) or tuple(range(len(eqs)))
    info = [abs(_pr_cs(e)["H"] - _pr_cs(e)["L"]) for e in eqs]
    sel = select_index([e.sender_payoffs["H"] for e in eqs], info, surv)
    sv = [vals[i] for i in surv]
    lo = hi = sv[0]
    for v in sv[1:]:
        lo = v if sign(v - lo) < 0 else lo
        hi = v if sign(v - hi) > 0 else hi
    return CommitmentResult(commitment, types.MappingProxyType(dict(menu)), eqs, vals, surv,
                            sel, vals[sel], (lo, hi))


def reordered_game(values: Mapping[Any, Any] | None = None, *, theatre: str | None = None,
                   robustness: bool = False) -> ReorderedResult:
    """The patron commits first (:data:`COMMITMENTS`; with ``robustness=True`` also
    :data:`ROBUSTNESS_COMMITMENTS`), the clients then play the selected equilibrium.

    Examples
    --------
    >>> r = reordered_game(robustness=True)
    >>> r.best, round(float(r.commitments["Mult"].value), 2)
    ('I', -30.29)
    """
    names = list(COMMITMENTS) + (list(ROBUSTNESS_COMMITMENTS) if robustness else [])
    res = {c: commitment_result(values, c, theatre=theatre) for c in names}
    best = names[0]
    for c in names[1:]:
        if sign(res[c].value - res[best].value) > 0:
            best = c
    return ReorderedResult(types.MappingProxyType(res), best, res[best].value)


@dataclass(frozen=True)
class OrderComparison:
    """H1(b) at one point: the patron's value when the clients move first and when it does.

    ``strict``: clients first is strictly better for the patron; ``weak``: at least as
    good; ``tie``: equal (a tie is not support for H1(b): report it separately).
    ``robust`` holds the same comparison against the patron-first game whose menu also
    has the conditional ``Mult`` rule.
    """

    clients_first: Any
    patron_first: Any
    best_commitment: str
    strict: bool
    weak: bool
    tie: bool
    robust_patron_first: Any
    robust_strict: bool
    robust_weak: bool


def compare_orders(values: Mapping[Any, Any] | None = None, *, theatre: str | None = None,
                   solved: Any = None, selected: int | None = None) -> OrderComparison:
    """Compare the clients-first game (the signalling game) with the patron-first game.

    ``solved`` may pass a :class:`~.analysis.SolvedPoint` of the same point (``selected``
    an equilibrium index in it; default its selected one).

    Examples
    --------
    At a high threat the patron strictly prefers the clients to move first (moving first
    itself, its best commitment would be ``N``):

    >>> c = compare_orders({"theta": "9/10"})
    >>> c.best_commitment, c.strict, c.robust_strict
    ('N', True, True)
    """
    sp_ = solved if solved is not None else solve_point(values, theatre=theatre)
    i = sp_.selected if selected is None else selected
    v1 = sp_.summaries[i].values["V_P"]
    point = {k: v for k, v in sp_.values.items()}
    r = reordered_game(point, robustness=True)
    main = list(COMMITMENTS)[0]
    for c in COMMITMENTS:
        if sign(r.commitments[c].value - r.commitments[main].value) > 0:
            main = c
    v0 = r.commitments[main].value
    s = sign(v1 - v0)
    sr = sign(v1 - r.value)
    return OrderComparison(v1, v0, main, s > 0, s >= 0, s == 0, r.value, sr > 0, sr >= 0)
