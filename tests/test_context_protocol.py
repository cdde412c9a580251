"""Every context the solver is run over offers the protocol its steps are typed with
(:mod:`alliance_games.solving.context_protocol`)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from alliance_games.solving.algebraic import AlgebraicContext
from alliance_games.solving.belief_fast import FAST
from alliance_games.solving.belief_payoffs import SYMPY
from alliance_games.solving.context import NUMERIC, FieldContext, SymbolicContext
from alliance_games.solving.context_protocol import Context, DecisionContext
from alliance_games.solving.quadratic import QUAD
from alliance_games.solving.simplex_backend import ALG

DECISION = [NUMERIC, QUAD, ALG, AlgebraicContext, SymbolicContext, FieldContext]


@pytest.mark.parametrize("ctx", DECISION, ids=["NUMERIC", "QUAD", "ALG", "AlgebraicContext",
                                                "SymbolicContext", "FieldContext"])
def test_decision_contexts_offer_the_protocol(ctx):
    assert isinstance(ctx, DecisionContext) and isinstance(ctx, Context)


@pytest.mark.parametrize("backend", [FAST, SYMPY, FAST.lp, SYMPY.lp],
                         ids=["FAST", "SYMPY", "FAST.lp", "SYMPY.lp"])
def test_belief_backends_and_their_lp_contexts_offer_context(backend):
    assert isinstance(backend, Context)


def test_the_protocol_rejects_what_lacks_an_operation():
    class NoSign:
        zero, one = 0, 1

        @staticmethod
        def simplify(x):
            return x

    assert not isinstance(NoSign, Context)
    assert not isinstance(FAST, DecisionContext)  # no coerce, no symbolic flag


@pytest.mark.parametrize("ctx", [NUMERIC, QUAD, ALG, AlgebraicContext],
                         ids=["NUMERIC", "QUAD", "ALG", "AlgebraicContext"])
def test_exact_sign_and_identity_of_every_context(ctx):
    """``zero``, ``one``, ``sign``, ``simplify`` and ``coerce`` on small exact numbers, in
    every context that decides signs without parameters."""
    third = ctx.coerce(Fraction(1, 3)) if ctx is not ALG else ctx.coerce(sp.Rational(1, 3))
    assert ctx.sign(ctx.zero) == 0 and ctx.sign(ctx.one) == 1
    assert ctx.sign(ctx.simplify(third - ctx.one)) == -1
