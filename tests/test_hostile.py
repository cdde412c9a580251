"""Hostile and careless input (issue 12): every input ends at once with the package's own
error naming the problem, or with the right answer."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from alliance_games import SignallingGame, belief, solve
from alliance_games.errors import (
    InvalidGameError,
    ModelFileError,
    ParameterError,
    UnsupportedGameError,
)
from alliance_games.examples import beer_quiche
from alliance_games.io.expressions import format_expression, parse_expression
from alliance_games.io.gambit import efg_text, parse_efg, read_efg, write_efg
from alliance_games.io.modelfile import dumps_game, example_path, load_game, loads_game
from alliance_games.numbers import MAX_BELIEF_DEGREE, MAX_DEGREE, MAX_DIGITS, to_exact

S = [[[0, 2], [1, 3]], [[1, 3], [0, 2]]]
R = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]
TYPES = {"types": ["weak", "strong"], "messages": ["beer", "quiche"],
         "actions": ["duel", "not_duel"]}
c, p, q = sp.symbols("c p q")
BQ_TEXT = example_path("beer_quiche").read_text(encoding="utf-8")
BQ_PARAM = BQ_TEXT.replace("[payoffs]", "[parameters.c]\nlower = 0\nupper = 10\n\n[payoffs]")


def _sender(cell):
    return [[[0, 2], [1, cell]], [[1, 3], [0, 2]]]


def _profiles(result):
    return sorted((tuple(sorted((t, m) for t, row in e.sender.items() for m, x in row.items()
                                if x == 1)),
                   tuple(sorted((m, a) for m, row in e.receiver.items() for a, x in row.items()
                                if x == 1)))
                  for e in result if e.is_pure)


# ----------------------------------------------------------------------------- hangs
def test_huge_exponent_in_efg_is_refused_at_once():
    text = efg_text(beer_quiche()).replace("{ 1, 0 }", "{ 1e999999999, 0 }", 1)
    with pytest.raises(ModelFileError, match="digits"):
        parse_efg(text)
    text = efg_text(beer_quiche()).replace("1/10", "1e-999999999", 1)
    with pytest.raises(ModelFileError, match="digits"):
        parse_efg(text)


@pytest.mark.parametrize("value", [Decimal("1e999999999"), "1e999999999", "1e9999",
                                   "1" + "0" * 5000, Fraction(1, 10**5000), 10**5000,
                                   "1/" + "9" * 1200],
                         ids=["Decimal", "str-exp", "str-e9999", "str-digits", "Fraction",
                              "int", "str-rational"])
def test_huge_numbers_are_refused_at_once(value):
    with pytest.raises(InvalidGameError, match=f"more than {MAX_DIGITS} digits"):
        SignallingGame.from_arrays(["1/10", "9/10"], _sender(value), R, **TYPES)


def test_large_but_admissible_numbers_solve_and_print():
    big = 10**900 + 7  # 901 digits, more than Python's 4300-digit print limit when squared
    game = SignallingGame.from_arrays(["1/10", "9/10"], _sender(big), R, **TYPES)
    scaled = SignallingGame.from_arrays(["1/10", "9/10"], _sender(4), R, **TYPES)
    assert _profiles(solve(game, pure=True)) == _profiles(solve(scaled, pure=True))
    assert str(big) in dumps_game(game)


@pytest.mark.parametrize("text", ["(c**1000)**1000", "(c**100)**100", "c**1000",
                                  f"c**{MAX_DEGREE + 1}", "(c**7 * c**7)**3",
                                  "1/(c**30 * (1 + c)**30)"])
def test_degree_is_bounded_when_parsing(text):
    with pytest.raises(ModelFileError, match=f"degree .* above the limit {MAX_DEGREE}"):
        parse_expression(text, {"c": c})


def test_degree_is_bounded_in_model_files_and_construction():
    model = BQ_PARAM.replace("[[0, 2], [1, 3]]", '[[0, 2], [1, "(c**1000)**1000"]]', 1)
    with pytest.raises(ModelFileError, match="degree"):
        loads_game(model)
    with pytest.raises(InvalidGameError, match="degree 1000000"):
        SignallingGame.from_arrays(["1/10", "9/10"], _sender((c**1000)**1000), R,
                                   parameters={c: (0, 10)}, **TYPES)
    mu = belief("weak")
    with pytest.raises(InvalidGameError, match="in the beliefs"):
        SignallingGame.from_arrays(["1/10", "9/10"], _sender(mu**(MAX_BELIEF_DEGREE + 1)), R,
                                   **TYPES)
    # at the limit the game is accepted
    SignallingGame.from_arrays(["1/10", "9/10"], _sender(c**MAX_DEGREE), R,
                               parameters={c: (0, 10)}, **TYPES)


def test_big_file_loads_with_duplicates_found():
    n = 3000
    actions = ", ".join(f'"a{i}"' for i in range(n)) + ', "a7"'
    cells = ", ".join(f'"{i}/7"' for i in range(n + 1))
    text = (f'types = ["t"]\nprior = [1]\nmessages = ["m"]\nactions = [{actions}]\n'
            f"[payoffs]\nsender = [[[{cells}]]]\nreceiver = [[[{cells}]]]\n")
    with pytest.raises(ModelFileError, match=r"duplicate label\(s\) \['a7'\]"):
        loads_game(text)
    game = loads_game(text.replace(', "a7"]', ', "last"]'))
    assert game.sender_payoffs[0][0][-1] == sp.Rational(n, 7)


# ----------------------------------------------------------------------------- crashes
def test_zero_prior_is_refused():
    with pytest.raises(InvalidGameError, match=r"prior\[0\] \(type 'weak'\) is 0"):
        SignallingGame.from_arrays([0, 1], S, R, **TYPES)
    text = efg_text(beer_quiche()).replace('"weak" 1/10 "strong" 9/10',
                                           '"weak" 0 "strong" 1')
    with pytest.raises(ModelFileError, match="is 0"):
        parse_efg(text)


@pytest.mark.parametrize(("box", "needle"), [
    ((0, 2), "1 - p .* is 0 at p = 1"),
    ((-1, 1), "p .* is 0 at p = 0"),
    ((sp.Rational(1, 2), 3), "is 0 at p = 1"),
    (sp.Interval(0, 1), "is 0 at p = 0"),
    (sp.Interval.Lopen(0, 1), "is 0 at p = 1"),
])
def test_prior_checked_on_the_whole_range(box, needle):
    with pytest.raises(InvalidGameError, match=needle):
        SignallingGame.from_arrays([p, 1 - p], S, R, parameters={p: box}, **TYPES)


def test_prior_range_exact_cases():
    # a double root inside the range: zero at an irrational-free point, found exactly
    with pytest.raises(InvalidGameError, match="is 0 at p = 1/3"):
        SignallingGame.from_arrays([(3 * p - 1)**2 / 4, 1 - (3 * p - 1)**2 / 4], S, R,
                                   parameters={p: (0, 1)}, **TYPES)
    # an irrational root inside the range
    with pytest.raises(InvalidGameError, match="is 0 at"):
        SignallingGame.from_arrays([2 * p**2 - 1 + sp.Rational(1, 2),
                                    sp.Rational(3, 2) - 2 * p**2], S, R,
                                   parameters={p: (0, 1)}, **TYPES)
    # several parameters: a corner of the box
    with pytest.raises(InvalidGameError, match="negative"):
        SignallingGame.from_arrays([p * q, 1 - p * q], S, R,
                                   parameters={p: (0, 2), q: (0, 1)}, **TYPES)
    with pytest.raises(InvalidGameError, match="is 0 at"):
        SignallingGame.from_arrays([p * q, 1 - p * q], S, R,
                                   parameters={p: sp.Interval(0, 1), q: sp.Interval(0, 1)},
                                   **TYPES)
    SignallingGame.from_arrays([(p + q) / 2, 1 - (p + q) / 2], S, R,
                               parameters={p: (0, 1), q: (0, 1)}, **TYPES)
    # fine: positive everywhere on the open range, and solvable
    game = SignallingGame.from_arrays([p, 1 - p], S, R, parameters={p: (0, 1)}, **TYPES)
    half = solve(game.subs({p: sp.Rational(1, 10)}), pure=True)
    assert _profiles(half) == _profiles(solve(beer_quiche(), pure=True))


@pytest.mark.parametrize("value", [sp.pi, sp.E, sp.sqrt(2), 1 + sp.sqrt(2), sp.exp(1)])
def test_irrational_numbers_are_refused(value):
    with pytest.raises(InvalidGameError, match="irrational"):
        SignallingGame.from_arrays(["1/10", "9/10"], _sender(value), R, **TYPES)
    with pytest.raises(InvalidGameError, match="irrational"):
        SignallingGame.from_arrays([value / 4, 1 - value / 4], S, R, **TYPES)


@pytest.mark.parametrize("text", ["pi", "E", "sqrt(2)", "2**(1/2)"])
def test_irrational_numbers_in_model_files(text):
    with pytest.raises(ModelFileError, match="irrational"):
        loads_game(BQ_TEXT.replace("[[0, 2], [1, 3]]", f'[[0, 2], [1, "{text}"]]', 1))


@pytest.mark.parametrize("text", ["exp(c)", "log(c)", "sqrt(c)", "Abs(c)", "Min(c, 1)",
                                  "Max(c, 1)", "Piecewise((c, c > 1), (1, True))",
                                  "c**(1/2)"])
def test_functions_of_parameters_are_refused_clearly(text):
    model = BQ_PARAM.replace("[[0, 2], [1, 3]]", f'[[0, 2], [1, "{text}"]]', 1)
    with pytest.raises(ModelFileError, match="not a rational function of the parameters"):
        loads_game(model)
    value = parse_expression(text, {"c": c})
    with pytest.raises(UnsupportedGameError, match="introduce a parameter"):
        SignallingGame.from_arrays(["1/10", "9/10"], _sender(value), R,
                                   parameters={c: (0, 10)}, **TYPES)


def test_functions_of_beliefs_and_rational_parameters_still_accepted():
    mu = belief("weak")
    SignallingGame.from_arrays(["1/10", "9/10"], _sender(sp.Max(mu, sp.Rational(1, 3))), R,
                               **TYPES)
    SignallingGame.from_arrays(["1/10", "9/10"],
                               _sender(sp.Piecewise((c, mu >= sp.Rational(1, 2)), (0, True))),
                               R, parameters={c: (0, 1)}, **TYPES)
    SignallingGame.from_arrays(["1/10", "9/10"], _sender(c / (1 + c**2)), R,
                               parameters={c: (0, 1)}, **TYPES)


def test_numpy_input_is_exact():
    game = SignallingGame.from_arrays(np.array([0.1, 0.9]), np.array(S, dtype=float),
                                      np.array(R, dtype=np.int64), **TYPES)
    assert game.prior == (sp.Rational(1, 10), sp.Rational(9, 10))
    assert game == beer_quiche().__class__.from_arrays(["1/10", "9/10"], S, R, **TYPES)
    assert to_exact(np.float64(0.1)) == sp.Rational(1, 10)
    assert to_exact(np.float32(0.5)) == sp.Rational(1, 2)
    assert to_exact(np.int64(-3)) == -3
    with pytest.raises(InvalidGameError, match="finite"):
        to_exact(np.float64("nan"))
    with pytest.raises(InvalidGameError, match="not a number"):
        to_exact(np.array([1.0, 2.0]))


def test_efg_api_misuse(tmp_path):
    text = efg_text(beer_quiche())
    assert parse_efg(text.encode("utf-8")) == beer_quiche()
    assert parse_efg(("\ufeff" + text).encode("utf-8")) == beer_quiche()
    with pytest.raises(ModelFileError, match="not UTF-8"):
        parse_efg(b"\xff\xfe")
    with pytest.raises(ModelFileError, match="int"):
        parse_efg(123)
    with pytest.raises(ModelFileError, match="cannot write"):
        write_efg(beer_quiche(), tmp_path)
    with pytest.raises(ModelFileError, match="path or an open"):
        read_efg(3.5)


def test_subs_to_an_undefined_point():
    game = SignallingGame.from_arrays(["1/10", "9/10"], _sender(1 / (c - 1)), R,
                                      parameters={c: (0, 2)}, **TYPES)
    with pytest.raises(ParameterError, match="undefined"):
        game.subs({c: 1})


# ----------------------------------------------------------------------------- files and text
def test_bom_accepted(tmp_path):
    path = tmp_path / "bq.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BQ_TEXT.encode("utf-8"))
    assert load_game(path) == load_game(example_path("beer_quiche"))
    assert loads_game("\ufeff" + BQ_TEXT) == load_game(path)


@pytest.mark.parametrize("text", ["\uff43 + 1", "c\u00b2", "c\u00a0+ 1", "\u2160"])
def test_compatibility_characters_are_refused(text):
    with pytest.raises(ModelFileError, match="not allowed in an expression"):
        parse_expression(text, {"c": c})


def test_non_ascii_belief_names_still_work():
    mu = sp.Symbol("mu_caf\u00e9")
    assert parse_expression("2*mu_caf\u00e9", {"mu_caf\u00e9": mu}) == 2 * mu


@pytest.mark.parametrize("label", ["\x1b[31mweak", "weak\x07", "we\rak", "w\u202eeak"])
def test_control_characters_in_labels_are_refused(label):
    with pytest.raises(InvalidGameError, match="control characters"):
        SignallingGame.from_arrays(["1/10", "9/10"], S, R, types=[label, "strong"])
    escaped = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04X}" for ch in label)
    with pytest.raises(ModelFileError, match="control characters"):
        loads_game(BQ_TEXT.replace('types = ["weak"', f'types = ["{escaped}"'))


def test_nested_piecewise_saves_and_loads():
    mu = belief("weak")
    inner = sp.Piecewise((1, mu > sp.Rational(1, 3)), (0, True))
    value = sp.Piecewise((2, inner > 0), (sp.Piecewise((3, mu < sp.Rational(1, 5)), (4, True)),
                                          True))
    game = SignallingGame.from_arrays(["1/10", "9/10"], _sender(value), R, **TYPES)
    back = loads_game(dumps_game(game))
    got = back.sender_payoffs[0][1][1]
    for m in [0, sp.Rational(1, 10), sp.Rational(1, 5), sp.Rational(1, 3), sp.Rational(1, 2), 1]:
        assert got.xreplace({mu: m}) == value.xreplace({mu: m})
    assert format_expression(got) == format_expression(back.sender_payoffs[0][1][1])


@pytest.mark.parametrize("options, needle", [
    ({"samples": -5}, "samples"), ({"samples": 0}, "samples"), ({"samples": 2.5}, "samples"),
    ({"samples": True}, "samples"), ({"seed": -1}, "seed"), ({"seed": "0"}, "seed"),
    ({"max_seconds": float("nan")}, "max_seconds"), ({"max_seconds": -1}, "max_seconds"),
    ({"max_patterns": -1}, "max_patterns"), ({"progress": "yes"}, "progress"),
])
def test_solve_options_are_checked(options, needle):
    with pytest.raises(ParameterError, match=needle):
        solve(beer_quiche(), **options)


def test_numpy_integer_options_accepted():
    assert len(solve(beer_quiche(), samples=np.int64(50), seed=np.int32(1))) > 0
