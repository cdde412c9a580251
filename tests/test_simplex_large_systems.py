"""Three types, every type mixing, payoffs quadratic in the posteriors: indifference
systems in three unknown sender probabilities (and the receiver's) of degree 3 or 4.

These were left out ("exceed the exact solver's limit") because sympy's lex Groebner
basis can take minutes on them.  They are now solved through a degree-reverse-lex basis
and FGLM (``simplex_systems._finite_candidates``).  The reference is the old route, the lex
basis (``MAX_SENDER_UNKNOWNS`` raised so that it is taken), on games where it finishes:
the same equilibria, none left out, each passing ``verify``.

With three sender and two receiver probabilities (every type and the receiver mixing after
both messages) even that basis can take minutes, so such patterns were left out by
``MAX_BASIS_UNKNOWNS``.  Now the receiver's probabilities, in which the conditions are
linear, are eliminated first through the minors of their coefficient matrix
(``simplex_systems._without_receiver``).  The references: a game built around a known
equilibrium of that pattern, the whole basis (the bound raised) on games where it
finishes, and a property test of the minors on random systems with a known solution.

With four or five types such a system can have a continuum of solutions.  Those were left out
("a continuum, beyond the exact solver's limit"); now their members are sampled, and with
none an equilibrium the pattern is decided by halving the box of its unknowns or, with
at most three, by the exact search.  The references: verify on the members found, a
second member of the same continuum, and a float search of each continuum from the
game's payoffs alone.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from _random_games import survey_game
from _simplex_patterns import off_path_at_irrational_witness
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import least_squares

from alliance_games import SignallingGame, belief, solve
from alliance_games.solving import belief_simplex, simplex_backend, simplex_mixing, simplex_systems
from alliance_games.solving.assemble import pattern_label
from alliance_games.solving.bernstein import proves_empty
from alliance_games.solving.lexbasis import lex_basis
from alliance_games.verify import verify

R = sp.Rational


def _game(seed: int) -> SignallingGame:
    return survey_game(seed, "quadratic")


@pytest.mark.parametrize("seed", [0, 8])
def test_large_indifference_systems_agree_with_the_lex_route(seed, monkeypatch):
    """Seeds 0 and 8: each had patterns left out for the system's size; now none, and
    the equilibria are those of the lex route."""
    game = _game(seed)
    res = solve(game)
    assert res.notes == ()
    assert all(verify(game, e).ok for e in res)
    monkeypatch.setattr(simplex_mixing, "MAX_SENDER_UNKNOWNS", 99)
    lex = solve(game)
    assert lex.notes == ()
    assert {e.label for e in res} == {e.label for e in lex}


def test_a_system_whose_lex_basis_takes_minutes():
    """Seed 17: one of its systems (three sender probabilities and one receiver
    probability, degrees 2, 3, 4, 4) took more than 90 s as a lex basis, about 3 s this
    way; it has no solution in the box.  Every pattern of the game is decided (the last
    one left out, an irrational deterring mixture, is the test below).  (Its equilibria
    pass ``verify``, which takes 15 s here: left to the survey.)"""
    res = solve(_game(17))
    assert res.notes == ()
    assert len(res) == 6


def test_a_rational_mixture_inside_an_irrational_range_deters():
    """Seed 17, all types pooling on ``m0``, ``m1`` answered by ``a0``/``a1``: the only
    beliefs after ``m1`` at which both are best responses lie on a curve, and the witness
    found there is irrational (``sqrt(337)``), so the deterring mixture closest to 1/2 is
    too, and the pattern was left out (its belief set's constraints would have had
    irrational coefficients).  The mixtures that deter there fill an interval with
    interior: the simplest rational inside it is taken, the pattern is decided, and the
    equilibrium passes ``verify``."""
    game = _game(17)
    eq = off_path_at_irrational_witness(game, ((0,),) * 3, ((1,), (0, 1)), 1)
    assert eq.label == "A:m0 B:m0 C:m0 | m0:a1 m1:a0+a1"
    assert verify(game, eq).ok


def _every_type_mixing() -> SignallingGame:
    """Built so that every type mixes (A, B, C send m0 with probability 1/2, 1/4, 3/4)
    and the receiver mixes 1/2-1/2 after both messages: the posteriors are (1/3, 1/6,
    1/2) after m0 and (1/3, 1/2, 1/6) after m1, where the receiver's payoff differences
    ``12 mu_B mu_C - 1`` and ``2 mu_B - 1`` vanish; each type's two messages pay the same
    at those mixtures (type C's payoff after m1 is quadratic in the posterior)."""
    a, b, c = (belief(n) for n in "ABC")
    sender = [[[2, 0], [4 * a * b, R(4, 3)]],
              [[0, 1], [1, 0]],
              [[1, 3], [12 * c**2, R(11, 3)]]]
    receiver = [[[12 * b * c - 1, 0], [2 * b - 1, 0]]] * 3
    return SignallingGame.from_arrays([R(1, 3)] * 3, sender, receiver, types=list("ABC"))


def test_every_type_and_the_receiver_mixing(monkeypatch):
    """Three sender and two receiver probabilities, degree 4: the built equilibrium is
    reported, nothing is left out, every equilibrium passes ``verify``, and the whole
    basis in all five probabilities (``MAX_BASIS_UNKNOWNS`` raised) gives the same."""
    game = _every_type_mixing()
    res = solve(game)
    assert res.notes == ()
    assert all(verify(game, e).ok for e in res)
    full = [e for e in res if e.label.startswith("A:m0+m1 B:m0+m1 C:m0+m1 | m0:a0+a1 "
                                                  "m1:a0+a1")]
    assert len(full) == 1
    assert [full[0].sender[t]["m0"] for t in "ABC"] == [R(1, 2), R(1, 4), R(3, 4)]
    assert [full[0].receiver[m]["a0"] for m in ("m0", "m1")] == [R(1, 2), R(1, 2)]
    monkeypatch.setattr(simplex_systems, "MAX_BASIS_UNKNOWNS", 5)
    whole = solve(game)
    assert whole.notes == ()
    assert {e.label for e in whole} == {e.label for e in res}


FULL = ((0, 1), (0, 1), (0, 1)), ((0, 1), (0, 1))


@pytest.mark.parametrize("seed", [1, 11])
def test_every_type_mixing_in_random_games_as_the_whole_basis(seed, monkeypatch):
    """Survey seeds 1 and 11: that pattern (left out before) against the whole basis in
    all five probabilities, which finishes on them in about 2 s.  In seed 1 one equation
    has no zero in the box; in seed 11 the minors leave candidates, none of them real in
    the box.  (In none of the survey's 60 games has the pattern an equilibrium: the
    built game above is the positive case.)"""
    gd = simplex_backend.simplex_game(_game(seed))
    ours = simplex_mixing.solve_mixing(gd, *FULL)
    monkeypatch.setattr(simplex_systems, "MAX_BASIS_UNKNOWNS", 5)
    whole = simplex_mixing.solve_mixing(gd, *FULL)
    assert [(s.sigma, s.x) for s in ours] == [(s.sigma, s.x) for s in whole]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=36, max_size=36),
       st.lists(st.fractions(0, 1).filter(lambda f: 0 < f < 1), min_size=5, max_size=5))
def test_minors_vanish_at_every_solution(coefficients, point):
    """Three equations linear in two receiver probabilities with coefficients quadratic
    in two sender probabilities, made to vanish at a chosen point: every condition of
    ``_without_receiver`` vanishes at its sender part."""
    s, t, r, q = sp.symbols("s t r q")
    monomials = [1, s, t, s * t, s**2, t**2]
    at = {s: R(point[0]), t: R(point[1]), r: R(point[2]), q: R(point[3])}
    eqs = []
    for i in range(3):
        row = [sp.Add(*[c * mono for c, mono in
                        zip(coefficients[12 * i + 6 * j:12 * i + 6 * j + 6], monomials)])
               for j in range(2)]
        e = row[0] * r + row[1] * q
        eqs.append(sp.expand(e - e.xreplace(at) + (s - at[s]) * R(point[4])))
    eqs.append(sp.expand((s - at[s]) * (t + 1)))
    conditions = simplex_systems._without_receiver(eqs, [r, q])
    if conditions is None:  # some coefficients drawn 0: fewer rows than unknowns + 1
        assert sum(1 for e in eqs if e.free_symbols & {r, q}) <= 2
        return
    assert eqs[3] in conditions
    assert all(c.xreplace(at) == 0 for c in conditions)


def test_a_reduced_system_of_bezout_bound_72_is_solved(monkeypatch):
    """Survey seed 47: with the receiver's probabilities eliminated the every-type-mixing
    pattern leaves conditions of degrees 3, 3, 8 in the three sender probabilities
    (Bezout bound 72).  It was left out: its lex basis took more than ten minutes with
    the boundary saturated and sympy's FGLM.  Now its graded basis is zero-dimensional
    without the saturation, and :func:`.lexbasis.lex_basis` puts it in shape position
    (72 solutions): ``s0 - a(s2)``, ``s1 - b(s2)``, ``f(s2)`` of degree 72.

    No solution lies in the open box, so the pattern has no equilibrium.  Checked apart
    from the exact route: python-flint's certified complex roots of ``f`` (ball
    arithmetic) give the points; at each real one in ``(0, 1)`` a coordinate lies
    outside the box by a wide margin.  Since round 50 halving the box of the five
    unknowns proves as much before any basis (:func:`.bernstein.no_common_zero`); the
    route through the basis is checked with that proof switched off."""
    flint = pytest.importorskip("flint")
    gd = simplex_backend.simplex_game(_game(47))
    eqs, positive, sig, rho, *_ = simplex_mixing._mixing_system(gd, *FULL)
    assert simplex_systems._box_factors(eqs, [*sig, *rho]) is None
    assert simplex_mixing.solve_mixing(gd, *FULL) == []
    monkeypatch.setattr(simplex_systems, "SUBDIVIDE_FROM", 99)
    reduced = simplex_systems._box_factors(
        simplex_systems._without_receiver(
            simplex_systems._box_factors(eqs, [*sig, *rho]), rho), sig)
    assert simplex_systems._bezout(reduced, sig) == 72 <= simplex_systems.MAX_BEZOUT
    lex = [sp.Poly(g, *sig).monic() for g in
           lex_basis(sp.groebner(reduced, *sig, order="grevlex"))]
    assert [g.degree_list() for g in lex] == [(1, 0, 71), (0, 1, 71), (0, 0, 72)]
    a, b, f = (sp.Poly(g, sig[2]) for g in (sig[0] - lex[0].as_expr(),
                                            sig[1] - lex[1].as_expr(), lex[2].as_expr()))

    def at(poly, z):
        value = flint.acb(0)
        for c in poly.all_coeffs():
            value = value * z + flint.fmpq(int(c.p), int(c.q))
        return value.real

    eliminant = flint.fmpz_poly([int(c) for c in reversed(f.clear_denoms()[1].all_coeffs())])
    precision, flint.ctx.prec = flint.ctx.prec, 2000
    try:
        inside = [z for z, _ in eliminant.complex_roots()
                  if z.imag.contains(0) and z.real > 0 and z.real < 1]
        assert len(inside) == 4  # four roots in (0, 1), none of them ambiguous
        for z in inside:
            assert any(v < -1e-6 or v > 1 + 1e-6 for v in (at(a, z), at(b, z))), z
    finally:
        flint.ctx.prec = precision
    assert simplex_systems._minor_candidates(eqs, positive, sig, rho) == (("points", []), "")
    assert simplex_mixing.solve_mixing(gd, *FULL) == []


CURVE = ((0, 1), (0, 1), (0,), (0, 1)), ((0, 1), (0,))


def _curve_game() -> SignallingGame:
    """Four types, quadratic survey seed 2 (``survey_simplex.py --types 4 --shape
    quadratic``)."""
    return survey_game(2, "quadratic", types=4)


def test_a_continuum_in_four_unknowns_is_sampled(monkeypatch):
    """Seed 2's pattern ``A:m0+m1 B:m0+m1 C:m0 D:m0+m1 | m0:a0+a1 m1:a0``: three
    sender probabilities and one receiver probability, conditions of degree 3.  They fix
    the receiver's mixing at 1/2 and leave two cubics in the three sender probabilities:
    a curve.  It was left out ("a continuum, beyond the exact solver's limit").  Now
    members are sampled (one sender probability fixed at a rational, the rest solved
    exactly): with B's probability of ``m0`` at 2/3 the member is an equilibrium, reported
    once with the continuum note, and it passes ``verify``.  With that sample skipped, the
    next member found (B at 3/4) is another equilibrium that passes ``verify``: the
    pattern's equilibria are not one point."""
    game = _curve_game()
    gd = simplex_backend.simplex_game(game)
    eqs, _, sig, rho, *_ = simplex_mixing._mixing_system(gd, *CURVE)
    assert (len(sig), len(rho)) == (3, 1)
    (sol,) = simplex_mixing.solve_mixing(gd, *CURVE)
    eq = belief_simplex._assemble(gd, sol, False)
    assert eq.label == "A:m0+m1 B:m0+m1 C:m0 D:m0+m1 | m0:a0+a1 m1:a0"
    assert eq.sender["B"]["m0"] == R(2, 3) and eq.receiver["m0"]["a0"] == R(1, 2)
    assert belief_simplex.CONTINUUM_NOTE in eq.notes
    assert verify(game, eq).ok
    sample = simplex_mixing._sample_free

    def skip_two_thirds(basis, others, sig_syms):
        return (v for v in sample(basis, others, sig_syms) if v[1] != R(2, 3))

    monkeypatch.setattr(simplex_mixing, "_sample_free", skip_two_thirds)
    (other,) = simplex_mixing.solve_mixing(gd, *CURVE)
    eq2 = belief_simplex._assemble(gd, other, False)
    assert eq2.sender["B"]["m0"] == R(3, 4)
    assert eq2.sender["A"]["m0"] != eq.sender["A"]["m0"]
    assert verify(game, eq2).ok


def test_a_continuum_without_a_sampled_member_is_named(monkeypatch):
    """The same pattern with no sample allowed: left out, and the note says why."""
    monkeypatch.setattr(simplex_mixing, "MAX_SAMPLES", 0)
    gd = simplex_backend.simplex_game(_curve_game())
    with pytest.raises(simplex_backend.SimplexUndecided, match=(
            r"\(3 sender and 1 receiver probabilities, degree 3\) leave a continuum, "
            r"beyond the exact solver's limit, and no sampled member is an equilibrium")):
        simplex_mixing.solve_mixing(gd, *CURVE)


def _float_margins(game: SignallingGame, S: tuple, B: tuple):
    """A function of the pattern's unknowns, the mixing types' probabilities of their
    first message (in type order), then the receiver's probability of ``a0`` after each
    message where it mixes (two actions), giving ``(residuals, margins)`` in floats, from
    the game's payoffs alone: each mixing type's payoff difference between its two
    messages and the receiver's between its two actions where it mixes (zero in an
    equilibrium), and the receiver's best-response margins where it does not and each
    other type's margin for its message (nonnegative in an equilibrium)."""
    mus = game.belief_symbols
    us = [[[sp.lambdify(mus, u) for u in row] for row in t] for t in game.sender_payoffs]
    ur = [[[sp.lambdify(mus, u) for u in row] for row in t] for t in game.receiver_payoffs]
    prior = [float(p) for p in game.prior]
    n, mixing = len(prior), [t for t in range(len(prior)) if len(S[t]) > 1]
    mixes = [m for m in (0, 1) if len(B[m]) > 1]

    def at(z):
        send = [[0.0, 0.0] for _ in range(n)]
        for t in range(n):
            send[t][S[t][0]] = 1.0
        for t, p in zip(mixing, z):
            send[t] = [p, 1 - p] if S[t][0] == 0 else [1 - p, p]
        play = [[1.0 * (a == B[m][0]) for a in (0, 1)] for m in (0, 1)]
        for m, q in zip(mixes, z[len(mixing):]):
            play[m] = [q, 1 - q]
        post = []
        for m in (0, 1):
            w = [prior[t] * send[t][m] for t in range(n)]
            post.append([x / sum(w) for x in w])
        pay = [[sum(play[m][a] * us[t][m][a](*post[m]) for a in (0, 1)) for m in (0, 1)]
               for t in range(n)]
        residuals = [pay[t][0] - pay[t][1] for t in mixing]
        margins = [pay[t][S[t][0]] - pay[t][1 - S[t][0]] for t in range(n) if t not in mixing]
        for m in (0, 1):
            value = [sum(post[m][t] * ur[t][m][a](*post[m]) for t in range(n))
                     for a in (0, 1)]
            if m in mixes:
                residuals.append(value[0] - value[1])
            else:
                margins.append(value[B[m][0]] - value[1 - B[m][0]])
        return residuals, margins

    return at


SURFACES = [(4, 45, "A:m0+m1 B:m0 C:m0+m1 D:m0+m1 | m0:a1 m1:a0", "open box"),
            (4, 47, "A:m0+m1 B:m0+m1 C:m0 D:m0+m1 | m0:a0 m1:a1", "halving"),
            (4, 45, "A:m0+m1 B:m1 C:m0+m1 D:m0+m1 | m0:a1 m1:a0", "sampled"),
            (5, 2, "A:m0+m1 B:m0+m1 C:m1 D:m0+m1 E:m0 | m0:a0+a1 m1:a0", "halving"),
            (5, 6, "A:m0+m1 B:m1 C:m0+m1 D:m0+m1 E:m0 | m0:a0+a1 m1:a0", "sampled"),
            (5, 18, "A:m1 B:m0+m1 C:m0+m1 D:m0+m1 E:m0+m1 | m0:a0 m1:a1", "open box")]


@pytest.mark.parametrize(("types", "seed", "label", "how"), SURFACES)
def test_continua_of_large_systems_are_decided(types, seed, label, how):
    """Quadratic survey games, four types (seeds 45, 47: three sender probabilities, the
    receiver pure, a two-dimensional set of solutions) and five (seeds 2, 6: three
    sender probabilities and the receiver's after ``m0``), conditions of degree 3, and
    five-type seed 18 (four sender probabilities, the receiver pure, one quadratic
    equation: a small continuum, which the exact search does not take with four
    unknowns).  All six patterns were left out.  Two have a sampled member, which passes
    ``verify``.  The others have none, proved by halving the box of their unknowns
    (``_no_member``).  The conditions of four-type seed 47 and five-type seed 2 have no
    point in the closed box; those of four-type seed 45 and five-type seed 18 meet it on
    its boundary only (a corner where every mixing type sends one message), so they are
    proved empty in the open box, where the probabilities lie
    (``proves_empty(open_box=True)``), not in the closed one.  Four-type seed 45's
    is also decided by the exact search of the box (three unknowns), with the same
    answer.

    Checked apart from the solver, in floats, from the game's payoffs: from 200 random
    starts, the points found where the mixing types (and a mixing receiver) are
    indifferent.  Where there is no equilibrium every such point violates another
    condition by more than 1e-6, or lies within 0.01 of the box's boundary; where one
    was sampled, most of them (more than 100) meet every condition with that margin."""
    game = survey_game(seed, "quadratic", types=types)
    gd = simplex_backend.simplex_game(game)
    S, B = next((S, B) for S, B in simplex_mixing.mixing_patterns(gd)
                if pattern_label(game, S, B) == label)
    system = simplex_mixing._mixing_system(gd, S, B)
    eqs, _, sig, rho, sigma, r, weights = system
    assert (len(sig), len(rho)) == ((4, 0) if seed == 18 else (3, types - 4))
    found = simplex_mixing.solve_mixing(gd, S, B)
    if how == "sampled":
        (sol,) = found
        eq = belief_simplex._assemble(gd, sol, False)
        assert eq.sender["A"]["m0"] == (R(1, 2) if types == 4 else R(4, 5))
        assert verify(game, eq).ok
    else:
        assert found == []
        args = (gd, S, B, eqs, sig, rho, sigma, r, weights)
        assert simplex_mixing._no_member(*args)
        cons = simplex_mixing._box_constraints(*args)
        assert proves_empty(cons, [*sig, *rho]) == (how == "halving")
        if types == 4 and how == "open box":
            assert simplex_mixing._box_search(*args).empty
    at = _float_margins(game, S, B)
    rng = np.random.default_rng(seed)
    inside = 0
    for start in rng.uniform(0.05, 0.95, (200, len(sig) + len(rho))):
        fit = least_squares(lambda s: at(s)[0], start, bounds=(1e-9, 1 - 1e-9))
        if max(abs(v) for v in at(fit.x)[0]) > 1e-9 or min(fit.x) < 0.01 or \
                max(fit.x) > 0.99:
            continue
        inside += min(at(fit.x)[1]) > 1e-6
        if how != "sampled":
            assert min(at(fit.x)[1]) < -1e-6, fit.x
    assert (inside > 100) == (how == "sampled")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=20, max_size=20),
       st.lists(st.integers(0, 8), min_size=2, max_size=2), st.integers(1, 2))
def test_a_slice_decides_a_continuum_as_the_saturation_does(coefficients, picks, count):
    """Fewer equations than unknowns: ``_finite_candidates`` answers the same with the
    slice (``_off_factors_slice``) as with the saturation alone, and where the slice
    shows a point off the factors the saturation is indeed not zero-dimensional.  The
    equations are random quadratics, some multiplied by a boundary factor, so that some
    of their components lie on the boundary (the saturation drops them), or a product of
    two boundary factors (so that the saturation can be the whole ring)."""
    s, t, r = sp.symbols("s t r")
    positive = [s, t, r, s - 1, t - 1, s + t - 1]
    monomials = [1, s, t, r, s * t, s * r, t * r, s**2, t**2, r**2]
    eqs = []
    for i in range(count):
        e = sp.Add(*[c * m for c, m in zip(coefficients[10 * i:10 * i + 10], monomials)])
        if picks[i] >= 6:
            eqs.append(sp.expand(positive[picks[i] - 6] * positive[picks[i] - 3]))
        elif e.free_symbols:
            eqs.append(sp.expand(e * positive[picks[i]]) if picks[i] < 4 else e)
    if not eqs:
        return
    sliced = simplex_systems._off_factors_slice(eqs, positive, [r, s, t])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(simplex_systems, "_off_factors_slice", lambda *_: False)
        alone = simplex_systems._finite_candidates(eqs, positive, [s, t], [r])
    assert simplex_systems._finite_candidates(eqs, positive, [s, t], [r]) == alone
    if sliced:
        assert alone is None
