"""LaTeX of games, equilibria, belief sets, conditions and tables: well formed and parseable.

Structure is checked by hand (balanced braces, escaped text in every ``\\text{}``, sums in
parentheses before a label, rows of a table with the same number of cells); the math is
parsed by matplotlib's mathtext (each line / cell on its own).
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess

import pytest
import sympy as sp

from alliance_games import BeliefSet, SignallingGame, belief, solve
from alliance_games.examples import beer_quiche
from alliance_games.io.modelfile import example_path, load_game
from alliance_games.latex import (
    escape_text,
    latex_belief,
    latex_condition,
    latex_expr,
    latex_mixture,
    symbol_latex,
)

mathtext = pytest.importorskip("matplotlib.mathtext")


# ----------------------------------------------------------------------------- checkers
def balanced(tex: str) -> bool:
    """Braces balance, ignoring escaped ``\\{`` ``\\}``; \\left/\\right pair up."""
    depth = 0
    i = 0
    while i < len(tex):
        if tex[i] == "\\":
            i += 2
            continue
        if tex[i] == "{":
            depth += 1
        elif tex[i] == "}":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0 and tex.count(r"\left") == tex.count(r"\right")


def text_contents(tex: str) -> list[str]:
    """The contents of every ``\\text{...}`` (with nested braces)."""
    out = []
    for m in re.finditer(r"\\text\{", tex):
        depth, j = 1, m.end()
        while depth:
            if tex[j] == "\\":
                j += 2
                continue
            depth += {"{": 1, "}": -1}.get(tex[j], 0)
            j += 1
        out.append(tex[m.end():j - 1])
    return out


def escaped(content: str) -> bool:
    """No LaTeX special character appears unescaped in text."""
    return re.search(r"(?<!\\)[_&%#$^~]", content.replace(r"\textasciitilde{}", "")
                     .replace(r"\textasciicircum{}", "")) is None


def parses(math: str) -> None:
    mathtext.math_to_image("$" + math + "$", io.BytesIO(), format="png")


def check_math(math: str) -> None:
    assert balanced(math), math
    for content in text_contents(math):
        assert escaped(content), (content, math)
    parses(math)


# ----------------------------------------------------------------------------- fixtures
UGLY = ["not_duel", "a&b", "50%", "#1", "x^2", "a~b", "$"]


def ugly_game() -> SignallingGame:
    """Beer-quiche with labels full of LaTeX special characters."""
    g = beer_quiche()
    return SignallingGame.from_arrays(
        g.prior, g.sender_payoffs, g.receiver_payoffs, types=["we_ak", "str&ng"],
        messages=["be_er", "qu%iche"], actions=["du#el", "not_duel"], name="ugly_game & co")


def spence():
    return load_game(example_path("spence_parametric"))


@functools.cache
def solved(name: str):
    """Solve each test game once per session (the solver is not what is tested here)."""
    make = {"numeric": beer_quiche, "ugly": ugly_game, "spence": spence,
            "parametric": lambda: beer_quiche(sp.Symbol("p"))}[name]
    game = make()
    return game, solve(game)


# ----------------------------------------------------------------------------- symbols
@pytest.mark.parametrize("name, expected", [
    ("lam_land", r"\lambda_{\text{land}}"),
    ("lambda_sea", r"\lambda_{\text{sea}}"),
    ("eps", r"\varepsilon"),
    ("theta", r"\theta"),
    ("Delta_T", r"\Delta_{T}"),
    ("z_CS", r"z_{\text{CS}}"),
    ("v_L", "v_{L}"),
    ("c", "c"),
    ("x1", "x_{1}"),
    ("cost", r"\text{cost}"),
    ("cost_of_war", r"\text{cost}_{\text{of\_war}}"),
    ("mu_weak", r"\mu(\text{weak})"),
    ("rho[quiche,not_duel]", r"\rho_{\text{quiche},\text{not\_duel}}"),
    ("sigma[H,E]", r"\sigma_{H,E}"),
])
def test_symbol_names_are_readable(name, expected):
    assert symbol_latex(sp.Symbol(name)) == expected
    check_math(expected)


def test_expressions_use_the_readable_names():
    lam, a = sp.symbols("lam_land a_max")
    tex = latex_expr(lam * a - 1)
    assert r"\lambda_{\text{land}}" in tex and r"a_{\text{max}}" in tex
    assert "lam" not in tex.replace(r"\lambda", "")
    check_math(tex)


@pytest.mark.parametrize("label", UGLY)
def test_text_is_escaped(label):
    tex = r"\text{" + escape_text(label) + "}"
    assert escaped(text_contents(tex)[0])
    parses(tex)


# ----------------------------------------------------------------------------- mixtures
def test_sums_are_parenthesised_before_a_label():
    c = sp.Symbol("c")
    tex = latex_mixture({"M": c / 3, "C": 1 - c / 3})
    assert tex == r"\frac{c}{3}\,\text{M} + \left(1 - \frac{c}{3}\right)\,\text{C}"
    check_math(tex)
    # a product or a fraction needs none; a negative term is parenthesised
    assert latex_mixture({"a": c / 2, "b": 1 - c / 2}).startswith(r"\frac{c}{2}\,")
    assert r"\left(- c + 1\right)" in latex_mixture({"a": c, "b": 1 - c}) or \
        r"\left(1 - c\right)" in latex_mixture({"a": c, "b": 1 - c})


def test_parametric_mixed_equilibrium_is_parenthesised():
    res = solved("spence")[1]
    hybrid = [e for e in res if e.kind == "hybrid"][0]
    lines = hybrid.latex_lines()
    assert any(r"\left(1 - \frac{c}{3}\right)\,\text{C}" in line for line in lines), lines
    for line in lines:
        check_math(line)


# ----------------------------------------------------------------------------- equilibria
@pytest.mark.parametrize("name", ["numeric", "ugly", "parametric", "spence"])
def test_equilibrium_lines_parse(name):
    game, res = solved(name)
    assert len(res) > 0
    for eq in res:
        lines = eq.latex_lines()
        assert len(lines) >= 3 + len(game.messages)       # label, sigma, rho, one per message
        for line in lines:
            check_math(line)
        rep = eq._repr_latex_()
        assert rep.startswith("$") and rep.endswith("$") and balanced(rep)
        # strategies and beliefs, not only the label
        assert r"\sigma" in rep and r"\rho" in rep and r"\mu(\cdot \mid" in rep
        for m in game.messages:
            assert r"\text{" + escape_text(m) + "}" in rep
    assert balanced(res._repr_latex_())


def test_off_path_beliefs_read_like_the_text_form():
    eq = [e for e in solve(beer_quiche(), pure=True) if e.on_path == {"beer"}][0]
    assert str(eq.beliefs["quiche"]) == "mu(weak) in [1/2, 1]"
    assert eq.beliefs["quiche"].to_latex() == r"\mu(\text{weak}) \in \left[\frac{1}{2}, 1\right]"
    # parametric: the solver keeps the inequality; LaTeX solves it for mu(first type)
    pool = [e for e in solved("parametric")[1] if e.on_path == {"beer"} and not e.is_family][0]
    b = pool.beliefs["quiche"]
    assert b.contains({"weak": "1/2", "strong": "1/2"}) and not b.contains({"weak": "1/3",
                                                                              "strong": "2/3"})
    assert latex_belief(b) == r"\mu(\text{weak}) \in \left[\frac{1}{2}, 1\right]"


def test_reduced_belief_sets_agree_with_membership():
    """The interval printed for a two-type set is the set: checked at rational points."""
    res = solved("spence")[1]
    for eq in res:
        for b in eq.beliefs.values():
            if not isinstance(b, BeliefSet):
                continue
            tex = latex_belief(b)
            m_eq = re.fullmatch(r"\\mu\(\\text\{High\}\) = \\frac\{(\d+)\}\{(\d+)\}", tex)
            m_in = re.fullmatch(r"\\mu\(\\text\{High\}\) \\in \\left\[(.*), (.*)\\right\]", tex)
            assert m_eq or m_in, tex
            if m_eq:
                x = sp.Rational(int(m_eq.group(1)), int(m_eq.group(2)))
                lo = hi = x
            else:
                lo, hi = (sp.parse_expr(g.replace(r"\frac{2}{5}", "2/5"))
                          for g in m_in.groups())
            for k in range(21):
                x = sp.Rational(k, 20)
                inside = lo <= x <= hi
                assert b.contains({"High": x, "Low": 1 - x}) == inside, (tex, x)


def test_belief_set_forms():
    a, b_, c = belief("a"), belief("b"), belief("c")
    three = BeliefSet(("a", "b", "c"), (a >= b_,), ((1, 0, 0), (sp.Rational(1, 2),
                      sp.Rational(1, 2), 0), (sp.Rational(1, 2), 0, sp.Rational(1, 2))),
                      (1, 0, 0))
    tex = three.to_latex()
    assert tex.startswith(r"\mathrm{conv}\left\{") and tex.count(r"\left(") == 3
    check_math(tex)
    union = BeliefSet(("x_1", "y"), (), None, (0, 1), sp.Union(
        sp.Interval(0, sp.Rational(1, 3)), sp.Interval.open(sp.Rational(2, 3), 1)))
    tex = union.to_latex()
    assert r"\cup" in tex and r"\text{x\_1}" in tex
    check_math(tex)
    point = BeliefSet(("H", "L"), (), None, (sp.Rational(1, 2), sp.Rational(1, 2)),
                      sp.FiniteSet(sp.Rational(1, 2)))
    assert point.to_latex() == r"\mu(\text{H}) = \frac{1}{2}"
    cond = BeliefSet(("a", "b", "c"), (a * b_ >= c,), None, (1, 0, 0))
    check_math(cond.to_latex())
    assert r"\mu(\text{a})" in cond.to_latex()


def test_conditions():
    lam = sp.Symbol("lam_land")
    for cond in (sp.true, sp.false, sp.And(lam > 0, lam <= sp.Rational(1, 2)),
                 sp.Or(lam < 1, sp.Eq(lam, 2))):
        check_math(latex_condition(cond))
    assert latex_condition(sp.true) == r"\text{always}"


def test_family_ranges():
    fam = [e for e in solved("parametric")[1] if e.is_family][0]
    tex = fam.family.to_latex()
    assert r"\rho_{" in tex and r"\in \left[" in tex
    check_math(tex)
    assert any(r"\text{family: }" in line for line in fam.latex_lines())


# ----------------------------------------------------------------------------- game, table
def test_game_latex():
    tex = ugly_game()._repr_latex_()
    assert tex.startswith(r"$\begin{array}{llcc}") and balanced(tex)
    body = tex.strip("$").removeprefix(r"\begin{array}{llcc}").removesuffix(r"\end{array}")
    rows = body.replace(r"\hline", "").split(r" \\ ")
    assert len(rows) == 1 + 4
    for row in rows:
        cells = re.split(r"(?<!\\)&", row)
        assert len(cells) == 4, row
        for cell in cells:
            check_math(cell)
    spence_tex = spence()._repr_latex_()
    assert "10 - 2 c" in spence_tex and balanced(spence_tex)


@pytest.mark.parametrize("name", ["ugly", "spence"])
def test_table(name):
    res = solved(name)[1]
    table = res.to_latex()
    assert balanced(table)
    lines = table.splitlines()
    assert lines[1].startswith(r"\begin{tabular}{") and lines[-1] == r"\end{tabular}"
    ncols = len(lines[1][len(r"\begin{tabular}{"):-1])
    rows = [ln for ln in lines if ln.endswith(r"\\")]
    assert len(rows) == 1 + len(res)
    for row in rows:
        cells = re.split(r"(?<!\\)&", row.removesuffix(r"\\"))
        assert len(cells) == ncols, row
        for cell in cells:
            for math in re.findall(r"(?<!\\)\$(.*?)(?<!\\)\$", cell):
                if math != "^*":
                    check_math(math)
            text = re.sub(r"(?<!\\)\$.*?(?<!\\)\$", "", cell)
            assert escaped(text), cell
    assert "ugly\\_game \\& co" in table or name == "spence"


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex not installed")
@pytest.mark.parametrize("name", ["ugly", "parametric", "spence"])
def test_compiles_with_pdflatex(name, tmp_path):
    """Game, every equilibrium, every belief set and the table in one document."""
    game, res = solved(name)
    parts = [game._repr_latex_(), res.to_latex()]
    for eq in res:
        parts.append(r"\[" + eq.to_latex() + r"\]")
        parts += [b._repr_latex_() for b in eq.beliefs.values() if isinstance(b, BeliefSet)]
    doc = ("\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage[margin=5mm,"
           "paperwidth=80cm,paperheight=80cm]{geometry}\n\\begin{document}\n"
           + "\n\n".join(parts) + "\n\\end{document}\n")
    (tmp_path / "doc.tex").write_text(doc)
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:]
