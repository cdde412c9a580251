"""LaTeX for games, equilibria, belief sets and conditions: escaped text, readable symbols.

Every function returns LaTeX *math* (no surrounding ``$``) unless it says otherwise, built so
that it compiles: labels go inside ``\\text{...}`` with LaTeX's special characters escaped
(``not_duel`` becomes ``\\text{not\\_duel}``), probabilities that are sums are parenthesised
before they multiply a label, and symbol names are printed readably: a Greek-letter prefix
becomes the letter and the rest a subscript (``lam_land`` -> ``\\lambda_{\\text{land}}``),
belief symbols ``mu_<type>`` print as ``\\mu(\\text{type})`` (the text form ``mu(type)``), and
the solver's free probabilities ``rho[m,a]`` as ``\\rho_{\\text{m},\\text{a}}``.

The math parses with matplotlib's mathtext as well as with LaTeX and MathJax (the tests check
both the structure and mathtext), except :func:`game_latex`, whose ``array`` environment is
LaTeX/MathJax only.

Examples
--------
>>> import sympy as sp
>>> symbol_latex(sp.Symbol("lam_land"))
'\\\\lambda_{\\\\text{land}}'
>>> latex_text("not_duel")
'\\\\text{not\\\\_duel}'
>>> c = sp.Symbol("c")
>>> print(latex_mixture({"M": c / 3, "C": 1 - c / 3}))
\\frac{c}{3}\\,\\text{M} + \\left(1 - \\frac{c}{3}\\right)\\,\\text{C}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE

__all__ = [
    "GREEK", "escape_text", "latex_text", "symbol_latex", "latex_expr", "latex_condition",
    "latex_mixture", "latex_strategy", "latex_belief", "latex_beliefs", "game_latex",
]

#: Greek letters (and common abbreviations) recognised as the prefix of a symbol name.
GREEK: dict[str, str] = {
    name: "\\" + name for name in (
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
        "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau",
        "upsilon", "phi", "varphi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi",
        "Omega")
}
GREEK.update({"lam": r"\lambda", "Lam": r"\Lambda", "eps": r"\varepsilon",
              "del": r"\delta", "sig": r"\sigma", "gam": r"\gamma", "om": r"\omega"})

_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
            "^": r"\textasciicircum{}"}
_INDEXED = re.compile(r"^([A-Za-z]+)\[(.*)\]$")
_HEAD_DIGITS = re.compile(r"^([A-Za-z]+?)(\d+)$")


def escape_text(text: Any) -> str:
    """Escape LaTeX's special characters in plain text (for ``\\text{}`` or a table cell).

    Examples
    --------
    >>> print(escape_text("a_b & 50%"))
    a\\_b \\& 50\\%
    """
    return "".join(_SPECIAL.get(ch, ch) for ch in str(text))


def latex_text(text: Any) -> str:
    """``\\text{...}`` with the text escaped.

    Examples
    --------
    >>> print(latex_text("not_duel"))
    \\text{not\\_duel}
    """
    return r"\text{" + escape_text(text) + "}"


def _head(name: str) -> str:
    if name in GREEK:
        return GREEK[name]
    if len(name) == 1:
        return name
    return latex_text(name)


def _sub(part: str) -> str:
    if len(part) == 1 or part.isdigit():
        return part
    return latex_text(part)


def symbol_latex(symbol: sp.Symbol | str) -> str:
    """Readable LaTeX for a symbol name.

    ``head_rest``: the head is a Greek letter when it names one (``lam`` and ``eps`` too),
    itself when it is one character and ``\\text{head}`` otherwise; the rest is a subscript
    (``\\text{...}`` when longer than one character). ``mu_<type>`` (a belief) prints as
    ``\\mu(\\text{type})``; ``name[a,b]`` as ``name`` with the subscript ``a,b``; ``x1`` as
    ``x_{1}``.

    Examples
    --------
    >>> print(symbol_latex("lam_land"))
    \\lambda_{\\text{land}}
    >>> print(symbol_latex("z_CS"), symbol_latex("v_L"), symbol_latex("theta"))
    z_{\\text{CS}} v_{L} \\theta
    >>> print(symbol_latex("mu_weak"), symbol_latex("rho[quiche,not_duel]"))
    \\mu(\\text{weak}) \\rho_{\\text{quiche},\\text{not\\_duel}}
    """
    name = symbol.name if isinstance(symbol, sp.Symbol) else str(symbol)
    m = _INDEXED.match(name)
    if m:
        subs = ",".join(_sub(p.strip()) for p in m.group(2).split(","))
        return _head(m.group(1)) + "_{" + subs + "}"
    if name.startswith("mu_") and len(name) > 3:
        return r"\mu(" + latex_text(name[3:]) + ")"
    if "_" in name.strip("_"):
        head, rest = name.split("_", 1)
        if head:
            return _head(head) + "_{" + _sub(rest) + "}"
    m = _HEAD_DIGITS.match(name)
    if m:
        return _head(m.group(1)) + "_{" + m.group(2) + "}"
    if name.isidentifier() and name.isascii():
        return _head(name)
    return latex_text(name)


class _Printer(LatexPrinter):
    """sympy's LaTeX printer, with ``Piecewise`` inline (``[v if c; ...]``)
    so that a value that depends on the parameter region reads in a table cell and in
    matplotlib's mathtext, which has no ``cases`` environment."""

    def _print_Piecewise(self, expr: sp.Piecewise) -> str:
        parts = []
        for value, cond in expr.args:
            v = self._print(value)
            parts.append(v if cond is sp.true else rf"{v} \text{{ if }} {self._print(cond)}")
        return r"\left[" + r";\ ".join(parts) + r"\right]"


def _latex(expr: Any) -> str:
    return _Printer({"symbol_names": _names(expr)}).doprint(expr)


def _names(expr: Any) -> dict[sp.Symbol, str]:
    symbols = getattr(expr, "free_symbols", set())
    return {s: symbol_latex(s) for s in symbols if isinstance(s, sp.Symbol)}


def latex_expr(expr: Any) -> str:
    """LaTeX of a number or expression, with readable symbol names.

    Examples
    --------
    >>> import sympy as sp
    >>> print(latex_expr(1 - sp.Symbol("lam_sea") / 2))
    1 - \\frac{\\lambda_{\\text{sea}}}{2}
    """
    expr = sp.sympify(expr)
    return _latex(expr)


def latex_condition(condition: Any) -> str:
    """LaTeX of a condition (a sympy Boolean); ``True`` prints as ``\\text{always}``.

    Examples
    --------
    >>> import sympy as sp
    >>> p = sp.Symbol("p")
    >>> print(latex_condition(sp.And(p > 0, p <= sp.Rational(1, 2))))
    p \\leq \\frac{1}{2} \\wedge p > 0
    """
    condition = sp.sympify(condition)
    if condition is sp.true:
        return r"\text{always}"
    if condition is sp.false:
        return r"\text{never}"
    return _latex(condition)


def _factor(p: Any) -> str:
    """``p`` as a coefficient: parenthesised when it is a sum (or otherwise binds looser)."""
    p = sp.sympify(p)
    printer = _Printer({"symbol_names": _names(p)})
    return printer.parenthesize(p, PRECEDENCE["Mul"], strict=True)


def latex_mixture(row: Mapping[str, Any]) -> str:
    """A (mixed) strategy at one node: ``p\\,\\text{a} + (1 - p)\\,\\text{b}``.

    Zero-probability entries are left out; a pure choice prints as the label alone.

    Examples
    --------
    >>> import sympy as sp
    >>> print(latex_mixture({"duel": 0, "not_duel": 1}))
    \\text{not\\_duel}
    >>> print(latex_mixture({"a": sp.Rational(1, 3), "b": sp.Rational(2, 3)}))
    \\frac{1}{3}\\,\\text{a} + \\frac{2}{3}\\,\\text{b}
    """
    support = [(k, sp.sympify(p)) for k, p in row.items() if sp.sympify(p) != 0]
    if len(support) == 1 and support[0][1] == 1:
        return latex_text(support[0][0])
    if not support:
        return r"\emptyset"
    return " + ".join(_factor(p) + r"\," + latex_text(k) for k, p in support)


def latex_strategy(rows: Mapping[str, Mapping[str, Any]]) -> str:
    """A strategy: ``\\text{who} \\to`` its mixture, for each type (or message).

    Examples
    --------
    >>> print(latex_strategy({"weak": {"beer": 1, "quiche": 0}}))
    \\text{weak} \\to \\text{beer}
    """
    return r",\ ".join(latex_text(who) + r" \to " + latex_mixture(row)
                       for who, row in rows.items())


def _is_belief_set(b: Any) -> bool:
    return hasattr(b, "constraints") and hasattr(b, "types")


def latex_belief(b: Any) -> str:
    """A belief: ``{type: prob}`` (on path) or a belief set, readable like its text form.

    Two types: ``\\mu(\\text{weak}) \\in [\\frac{1}{2}, 1]`` (or a union of intervals); more
    types: the convex hull of the vertices, or the defining inequalities.

    Examples
    --------
    >>> import sympy as sp
    >>> print(latex_belief({"weak": sp.Rational(1, 10), "strong": sp.Rational(9, 10)}))
    \\mu(\\text{weak}) = \\frac{1}{10},\\ \\mu(\\text{strong}) = \\frac{9}{10}
    """
    if not _is_belief_set(b):
        return r",\ ".join(r"\mu(" + latex_text(t) + ") = " + latex_expr(x)
                           for t, x in b.items())
    first = r"\mu(" + latex_text(b.types[0]) + r") \in "
    if len(b.types) == 2:
        region = b.region
        if isinstance(region, sp.FiniteSet) and len(region) == 1:
            return first[:-len(r" \in ")] + " = " + latex_expr(next(iter(region)))
        if region is not None and not isinstance(region, sp.Interval):
            return first + _latex(region)
        if b.vertices is not None or isinstance(region, sp.Interval):
            lo, hi = b.interval()
            return first + r"\left[" + latex_expr(lo) + ", " + latex_expr(hi) + r"\right]"
    if b.vertices is not None:
        pts = "; ".join(r"\left(" + ", ".join(latex_expr(x) for x in v) + r"\right)"
                        for v in b.vertices)
        return r"\mathrm{conv}\left\{" + pts + r"\right\}"
    if len(b.types) == 2 and b.constraints:
        reduced = _two_type_set(b)
        if reduced is not None:
            return reduced
    if b.constraints:
        return r" \wedge ".join(latex_condition(c) for c in b.constraints)
    return r"\text{any belief}"


_FLIP = {sp.Ge: sp.Le, sp.Gt: sp.Lt, sp.Le: sp.Ge, sp.Lt: sp.Gt, sp.Eq: sp.Eq}


def _two_type_set(b: Any) -> str | None:
    """Linear constraints of a two-type belief set as a condition on ``mu(first type)``.

    ``mu(second) = 1 - mu(first)`` is substituted; each constraint must then be linear in
    ``mu(first)`` with a nonzero numeric coefficient (decided exactly), else None. Numeric
    bounds become one set (intersected with [0, 1]); parametric ones a conjunction.
    """
    x, y = sp.Symbol(f"mu_{b.types[0]}"), sp.Symbol(f"mu_{b.types[1]}")
    bounds = []
    for c in b.constraints:
        if type(c) not in _FLIP:
            return None
        e = sp.expand((c.lhs - c.rhs).xreplace({y: 1 - x}))
        if not e.is_polynomial(x) or sp.degree(e, x) != 1:
            return None
        a, rest = e.coeff(x, 1), e.coeff(x, 0)
        if not a.is_number or a == 0:
            return None
        rel = type(c) if a > 0 else _FLIP[type(c)]
        bounds.append((rel, sp.simplify(-rest / a)))
    first = r"\mu(" + latex_text(b.types[0]) + ")"
    if all(bound.is_number for _, bound in bounds):
        region: sp.Set = sp.Interval(0, 1)
        for rel, bound in bounds:
            region = region & {sp.Ge: sp.Interval(bound, sp.oo), sp.Gt: sp.Interval.Lopen(
                bound, sp.oo), sp.Le: sp.Interval(-sp.oo, bound), sp.Lt: sp.Interval.Ropen(
                -sp.oo, bound), sp.Eq: sp.FiniteSet(bound)}[rel]
        if isinstance(region, sp.FiniteSet) and len(region) == 1:
            return first + " = " + latex_expr(next(iter(region)))
        return first + r" \in " + sp.latex(region)
    ops = {sp.Ge: r"\geq", sp.Gt: ">", sp.Le: r"\leq", sp.Lt: "<", sp.Eq: "="}
    return r" \wedge ".join(f"{first} {ops[rel]} {latex_expr(bound)}" for rel, bound in bounds)


def latex_beliefs(beliefs: Mapping[str, Any], on_path: Iterable[str] = ()) -> str:
    """Beliefs after every message; off-path messages are starred.

    Examples
    --------
    >>> print(latex_beliefs({"beer": {"weak": 1}}, on_path=["beer"]))
    \\text{beer}: \\mu(\\text{weak}) = 1
    """
    on = set(on_path)
    return r";\ ".join(latex_text(m) + ("" if m in on else "^{*}") + ": " + latex_belief(b)
                       for m, b in beliefs.items())


def game_latex(types: Sequence[str], messages: Sequence[str],
               actions: Sequence[Sequence[str]], prior: Sequence[Any],
               sender: Sequence, receiver: Sequence) -> str:
    """The payoff table of a signalling game as a LaTeX ``array`` (math mode, no ``$``).

    One row per (message, action), one column per type holding ``sender, receiver``.

    Examples
    --------
    >>> s = game_latex(["a"], ["m"], [["x_1"]], [1], [[[2]]], [[[3]]])
    >>> s.startswith(r"\\begin{array}{llc}")
    True
    """
    rows = []
    for mi, m in enumerate(messages):
        for ai, a in enumerate(actions[mi]):
            cells = " & ".join(latex_expr(sender[t][mi][ai]) + ", "
                               + latex_expr(receiver[t][mi][ai]) for t in range(len(types)))
            rows.append(latex_text(m) + " & " + latex_text(a) + " & " + cells)
    head = " & ".join(latex_text(t) + r"\ (" + latex_expr(p) + ")"
                      for t, p in zip(types, prior))
    cols = "ll" + "c" * len(types)
    return (r"\begin{array}{" + cols + r"} m & a & " + head + r" \\ \hline "
            + r" \\ ".join(rows) + r" \end{array}")
