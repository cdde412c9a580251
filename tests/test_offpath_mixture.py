"""An off-path message answered by a mixture of two actions that is a best response on a
range of beliefs, decided inside a traced run (round 65).

Inside a run whose numbers are traced (a parameter of the one-parameter solver, the
coordinate of a continuum being split), the equilibrium payoffs are traced numbers and
the belief could not be explored by runs of its own: the engine raised
``OffPathUndecided`` and the continuum was kept whole, or the cell left undecided.  Now
the mixture's probability is eliminated exactly and the beliefs are decided on the
backend's sets (:func:`~alliance_games.solving.belief_offpath._mixture_beliefs`).
Checked against :func:`~alliance_games.solving.belief_offpath.strict_mixture` at single
beliefs (the closed form for two actions), with plain and traced payoffs; the random
game whose continuum was kept whole for it is in ``test_belief_family.py``.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from alliance_games import SignallingGame, belief
from alliance_games.solving.belief_fast import fast_game
from alliance_games.solving.belief_offpath import _mixture_beliefs, strict_mixture
from alliance_games.solving.quadratic import OutsideFastType
from alliance_games.solving.traced import Tracer

_P = sp.Symbol("p")


def _game(gains: list) -> SignallingGame:
    """The receiver indifferent after ``m1`` at every belief; type ``t``'s payoff from
    ``m1`` answered by ``a`` is ``c0 + c1 mu(H) + c2 mu(H)**2`` (``gains[t][a]``)."""
    mu = belief("H")
    sender = [[[0, 0], [sum(c * mu ** k for k, c in enumerate(cs)) for cs in per_type]]
              for per_type in gains]
    receiver = [[[1, 1], [0, 0]], [[1, 1], [0, 0]]]
    return SignallingGame.from_arrays(["1/2", "1/2"], sender, receiver, types=["L", "H"])


_COEFFS = st.lists(st.integers(-3, 3), min_size=1, max_size=3)


@given(st.lists(st.lists(_COEFFS, min_size=2, max_size=2), min_size=2, max_size=2),
       st.lists(st.integers(-4, 4), min_size=2, max_size=2), st.booleans())
@settings(max_examples=200, deadline=None)
def test_mixture_beliefs_against_the_closed_form_at_single_beliefs(gains, values, traced):
    # a belief returned has a strictly mixed deterring answer there; None means no
    # belief of a fine grid has one.  With ``traced`` the equilibrium payoffs are traced
    # numbers (values + p at p = 0), as inside a run of the one-parameter solver
    game = _game(gains)
    if traced:
        tracer = Tracer(_P, Fraction(0))
        gd = fast_game(game, const=tracer.convert)
        vals = [tracer.convert(sp.Integer(v) + _P) for v in values]
    else:
        gd = fast_game(game)
        vals = [Fraction(v) for v in values]
    try:
        found = _mixture_beliefs(gd, 1, (0, 1), vals, gd.ctx.unit)
    except OutsideFastType:  # (a product of quadratics: the engine keeps it undecided)
        assume(False)
    if found is not None:
        assert strict_mixture(gd, 1, (0, 1), found, vals) is not None
    else:
        plain = fast_game(game)
        assert all(strict_mixture(plain, 1, (0, 1), Fraction(k, 96), values) is None
                   for k in range(97))

