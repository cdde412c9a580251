"""Built-in example games from the literature (numeric and parametric).

Examples
--------
>>> beer_quiche().types
('weak', 'strong')
"""

from __future__ import annotations

import sympy as sp

from .game import SignallingGame
from .numbers import to_exact


def beer_quiche(prior_weak: object = "1/10") -> SignallingGame:
    """Cho and Kreps (1987) beer-quiche: pass a sympy symbol for a parametric prior.

    The sender (weak or strong) gets 1 for its preferred breakfast (weak: quiche,
    strong: beer) plus 2 if there is no duel; the receiver gets 1 for dueling a weak
    sender or not dueling a strong one.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> beer_quiche(p).parameters
    mappingproxy({p: (0, 1)})
    """
    params = {}
    if isinstance(prior_weak, sp.Symbol):
        params = {prior_weak: (0, 1)}
        prior = [prior_weak, 1 - prior_weak]
    elif isinstance(prior_weak, sp.Expr) and prior_weak.free_symbols:
        raise ValueError("pass a bare symbol for a parametric prior")
    else:
        pw = to_exact(prior_weak, "prior_weak")
        prior = [pw, 1 - pw]
    sender = [[[0, 2], [1, 3]], [[1, 3], [0, 2]]]
    receiver = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]
    return SignallingGame.from_arrays(
        prior, sender, receiver, types=["weak", "strong"], messages=["beer", "quiche"],
        actions=["duel", "not_duel"], parameters=params, name="beer-quiche (Cho-Kreps 1987)")


def spence_education(cost: object = None) -> SignallingGame:
    """A two-type Spence job-market game (Watson's textbook version, Figure 29.1 style).

    High and low ability workers choose education E or none N; the firm pays a
    manager's (M) or a clerk's (C) wage.  With ``cost`` a sympy symbol, the low type's
    cost of education is a parameter.

    Examples
    --------
    >>> spence_education().messages
    ('E', 'N')
    """
    c = sp.Integer(7) if cost is None else cost
    params = {c: (0, 20)} if isinstance(c, sp.Symbol) else {}
    # wages: manager 10, clerk 4; high's education cost 4; low's cost c
    sender = [[[10 - 4, 4 - 4], [10, 4]],
              [[10 - c, 4 - c], [10, 4]]]
    receiver = [[[10, 5], [10, 5]], [[0, 4], [0, 4]]]
    return SignallingGame.from_arrays(
        ["1/3", "2/3"], sender, receiver, types=["High", "Low"], messages=["E", "N"],
        actions=["M", "C"], parameters=params, name="Spence education")
