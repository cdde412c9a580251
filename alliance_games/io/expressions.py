"""A safe parser for the payoff expressions written in model files.

Model files hold payoffs such as ``"2 - c"`` or ``"Piecewise((1, mu_weak >= 1/2), (0, True))"``.
They are parsed here with :func:`ast.parse` and a *whitelist* walk of the syntax tree, and the
sympy objects are built directly.  Nothing from the text is ever evaluated: no ``eval``, no
``sympify``, no ``parse_expr``.

Accepted syntax
---------------
* numbers: integers and decimals (``0.1``, ``2.5e-3``), read exactly as rationals from the
  literal's text (never through a float);
* names of declared parameters and of belief symbols ``mu_<type>`` (whatever the caller passes
  in ``symbols``), and the constants ``E`` and ``pi``;
* unary ``+``/``-``, binary ``+ - * / **`` and parentheses;
* calls of ``exp``, ``log``, ``sqrt``, ``Abs``, ``Min``, ``Max`` and
  ``Piecewise((expr, condition), ..., (expr, True))``;
* inside Piecewise conditions (and in :func:`parse_condition`): comparisons
  ``< <= > >= == !=`` (chains allowed), ``and``/``or``/``not``, ``&``/``|``/``~``, the calls
  ``And``, ``Or``, ``Not``, ``Eq``, ``Ne``, and ``True``/``False``.

Everything else (attribute access, subscripts, lambdas, comprehensions, strings, f-strings,
keyword arguments, starred arguments, calls of other functions, undeclared names, dunder names)
raises :class:`~alliance_games.errors.ModelFileError` naming the token, its line and column, and
the caller's ``where`` context.
"""

from __future__ import annotations

import ast
import re
import unicodedata
import warnings
from collections.abc import Mapping
from fractions import Fraction

import sympy as sp

from alliance_games.errors import InvalidGameError, ModelFileError
from alliance_games.numbers import MAX_DEGREE, MAX_DIGITS, check_size, decimal_fraction, degree

__all__ = [
    "MAX_DEGREE",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "RESERVED_NAMES",
    "format_expression",
    "parse_condition",
    "parse_expression",
]

#: Longest expression text accepted (characters).
MAX_LENGTH = 10_000
#: Deepest syntax-tree nesting accepted.
MAX_DEPTH = 100
#: Largest absolute value of a numeric exponent (``2**1000`` is fine, ``2**1001`` is not;
#: powers of parameters and beliefs are also bounded by their degree, see ``MAX_DEGREE``).
MAX_EXPONENT = 1000
#: Largest size, in bits, of a number computed from a numeric power such as ``10**300``
#: (about :data:`~alliance_games.numbers.MAX_DIGITS` decimal digits).
MAX_POWER_BITS = 4000
#: Largest decimal exponent in a literal such as ``1e300``.
MAX_LITERAL_EXPONENT = 1000

_VALUE_FUNCTIONS = {
    "exp": (sp.exp, 1, 1),
    "log": (sp.log, 1, 1),
    "sqrt": (sp.sqrt, 1, 1),
    "Abs": (sp.Abs, 1, 1),
    "Min": (sp.Min, 1, None),
    "Max": (sp.Max, 1, None),
}
_CONDITION_FUNCTIONS = {
    "And": (sp.And, 1, None),
    "Or": (sp.Or, 1, None),
    "Not": (sp.Not, 1, 1),
    "Eq": (sp.Eq, 2, 2),
    "Ne": (sp.Ne, 2, 2),
}
_CONSTANTS = {"E": sp.E, "pi": sp.pi}

#: Names that cannot be used for parameters (functions and constants of the expression syntax).
RESERVED_NAMES = frozenset(
    set(_VALUE_FUNCTIONS) | set(_CONDITION_FUNCTIONS) | set(_CONSTANTS) | {"Piecewise"}
    | {"True", "False", "None"}
)

_COMPARISONS = {
    ast.Lt: sp.StrictLessThan,
    ast.LtE: sp.LessThan,
    ast.Gt: sp.StrictGreaterThan,
    ast.GtE: sp.GreaterThan,
    ast.Eq: sp.Eq,
    ast.NotEq: sp.Ne,
}

_NODE_NAMES = {
    ast.Attribute: "attribute access",
    ast.Subscript: "subscript",
    ast.Lambda: "lambda",
    ast.ListComp: "comprehension",
    ast.SetComp: "comprehension",
    ast.DictComp: "comprehension",
    ast.GeneratorExp: "comprehension",
    ast.JoinedStr: "f-string",
    ast.FormattedValue: "f-string",
    ast.Starred: "starred argument",
    ast.NamedExpr: "assignment expression",
    ast.IfExp: "conditional expression",
    ast.List: "list",
    ast.Tuple: "tuple",
    ast.Set: "set",
    ast.Dict: "dict",
    ast.Slice: "slice",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
}

_DECIMAL_RE = re.compile(r"^(?:\d[\d_]*)?(?:\.[\d_]*)?(?:[eE]([+-]?[\d_]+))?$")


class _Parser:
    """One parse: holds the text (for error positions) and the symbol table."""

    def __init__(self, text: str, symbols: Mapping[str, sp.Symbol], where: str):
        self.text = text
        self.lines = text.split("\n")
        self.symbols = dict(symbols)
        self.where = where

    # -- errors -----------------------------------------------------------------------
    def _position(self, node: ast.AST) -> str:
        lineno = getattr(node, "lineno", None)
        col = getattr(node, "col_offset", None)
        if lineno is None or col is None:
            return ""
        lineno -= 1  # the text is parsed inside "(\n" ... "\n)"
        if 1 <= lineno <= len(self.lines):
            line = self.lines[lineno - 1].encode("utf-8")
            col = len(line[:col].decode("utf-8", errors="ignore"))
        return f" at line {max(lineno, 1)}, column {col + 1}"

    def _token(self, node: ast.AST) -> str:
        try:
            seg = ast.get_source_segment("(\n" + self.text + "\n)", node)
        except Exception:  # pragma: no cover - defensive
            seg = None
        if not seg:
            seg = type(node).__name__
        seg = " ".join(seg.split())
        if len(seg) > 40:
            seg = seg[:37] + "..."
        return seg

    def fail(self, node: ast.AST, problem: str) -> ModelFileError:
        prefix = self.where or "expression"
        return ModelFileError(
            f"{prefix}: {problem} {self._token(node)!r}{self._position(node)}"
        )

    def forbidden(self, node: ast.AST, context: str = "") -> ModelFileError:
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, (str, bytes)):
                kind = "string literal"
            elif isinstance(value, complex):
                kind = "complex number"
            elif value is None or value is Ellipsis:
                kind = "constant"
            elif isinstance(value, bool):
                kind = "boolean outside a condition"
            else:
                kind = "constant"
            return self.fail(node, f"forbidden {kind}")
        if isinstance(node, ast.Name):
            return self.fail(node, "forbidden name")
        kind = _NODE_NAMES.get(type(node), "syntax")
        if context:
            kind += f" {context}"
        return self.fail(node, f"forbidden {kind}")

    # -- values -----------------------------------------------------------------------
    def value(self, node: ast.AST, depth: int) -> sp.Expr:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"expression nested deeper than {MAX_DEPTH} levels at")
        if isinstance(node, ast.Constant):
            return self.number(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.value(node.operand, depth + 1)
            if isinstance(node.op, ast.UAdd):
                return self.value(node.operand, depth + 1)
            if isinstance(node.op, (ast.Not, ast.Invert)):
                raise self.fail(node, "logical operator outside a Piecewise condition")
        if isinstance(node, (ast.BinOp, ast.Call)):
            result = self.binop(node, depth) if isinstance(node, ast.BinOp) \
                else self.call(node, depth)
            if result.is_number and result.is_extended_real is False:
                raise self.fail(node, "non-real (complex) value from")
            return result
        if isinstance(node, (ast.Compare, ast.BoolOp)):
            raise self.fail(node, "comparison outside a Piecewise condition")
        raise self.forbidden(node)

    def number(self, node: ast.Constant) -> sp.Expr:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.forbidden(node)
        try:
            if isinstance(value, int):
                return check_size(sp.Integer(value))
            literal = self._token(node).replace("_", "")
            match = _DECIMAL_RE.match(literal)
            if match is None:
                raise self.fail(node, "unreadable number")
            if match.group(1) is not None and len(match.group(1)) > 6 or \
                    match.group(1) is not None and abs(int(match.group(1))) > MAX_LITERAL_EXPONENT:
                raise self.fail(node, "number with too large an exponent")
            frac = decimal_fraction(literal)
        except InvalidGameError:
            raise self.fail(node, f"number with more than {MAX_DIGITS} digits") from None
        return sp.Rational(frac.numerator, frac.denominator)

    def name(self, node: ast.Name) -> sp.Expr:
        ident = node.id
        if ident.startswith("__") or ident.endswith("__"):
            raise self.fail(node, "forbidden name")
        if ident in self.symbols:
            return self.symbols[ident]
        if ident in _CONSTANTS:
            return _CONSTANTS[ident]
        if ident in _VALUE_FUNCTIONS or ident in _CONDITION_FUNCTIONS or ident == "Piecewise":
            raise self.fail(node, "function used without a call")
        raise self.fail(node, "unknown name (not a declared parameter or belief)")

    def binop(self, node: ast.BinOp, depth: int) -> sp.Expr:
        op = node.op
        if isinstance(op, (ast.BitAnd, ast.BitOr)):
            raise self.fail(node, "logical operator outside a Piecewise condition")
        if not isinstance(op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)):
            raise self.fail(node, f"forbidden operator {type(op).__name__} in")
        left = self.value(node.left, depth + 1)
        right = self.value(node.right, depth + 1)
        if isinstance(op, ast.Add):
            return left + right
        if isinstance(op, ast.Sub):
            return left - right
        if isinstance(op, ast.Mult):
            return self.bounded(node, left * right)
        if isinstance(op, ast.Div):
            if right == 0:
                raise self.fail(node, "division by zero in")
            return self.bounded(node, left / right)
        return self.power(node, left, right)

    def power(self, node: ast.AST, base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
        if exponent.is_Number:
            if abs(exponent) > MAX_EXPONENT:
                raise self.fail(node, f"exponent larger than {MAX_EXPONENT} in")
            if base.is_Rational:
                size = max(abs(base.p).bit_length(), abs(base.q).bit_length())
                if size * abs(exponent) > MAX_POWER_BITS:
                    raise self.fail(node, "number too large in")
                if base == 0 and exponent.is_negative:
                    raise self.fail(node, "division by zero in")
        result = sp.Pow(base, exponent)
        if result.is_Rational:
            try:
                check_size(result)
            except InvalidGameError:
                raise self.fail(node, f"number with more than {MAX_DIGITS} digits from") \
                    from None
        return self.bounded(node, result)

    def bounded(self, node: ast.AST, result: sp.Expr) -> sp.Expr:
        """``result``, unless its degree once expanded exceeds :data:`MAX_DEGREE`."""
        found = degree(result)
        if found > MAX_DEGREE:
            raise self.fail(node, f"degree {found} above the limit {MAX_DEGREE} in")
        return result

    def call(self, node: ast.Call, depth: int) -> sp.Expr:
        func = node.func
        if not isinstance(func, ast.Name):
            raise self.forbidden(func, "in a call")
        name = func.id
        if node.keywords:
            raise self.fail(node.keywords[0], "forbidden keyword argument")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.forbidden(arg)
        if name == "Piecewise":
            return self.piecewise(node, depth)
        if name in _VALUE_FUNCTIONS:
            function, low, high = _VALUE_FUNCTIONS[name]
            self._arity(node, name, low, high)
            args = [self.value(arg, depth + 1) for arg in node.args]
            if name in ("log",) and args[0] == 0:
                raise self.fail(node, "log of zero in")
            return function(*args)
        if name in _CONDITION_FUNCTIONS:
            raise self.fail(node, "logical function outside a Piecewise condition")
        if name.startswith("__") or name.endswith("__"):
            raise self.fail(func, "forbidden name")
        raise self.fail(func, "call of a function that is not allowed")

    def _arity(self, node: ast.Call, name: str, low: int, high: int | None) -> None:
        count = len(node.args)
        if count < low or (high is not None and count > high):
            want = str(low) if high == low else f"at least {low}"
            raise self.fail(node, f"{name} takes {want} argument(s), got {count}, in")

    def piecewise(self, node: ast.Call, depth: int) -> sp.Expr:
        if not node.args:
            raise self.fail(node, "Piecewise needs at least one (value, condition) pair in")
        pieces = []
        for arg in node.args:
            if not isinstance(arg, ast.Tuple) or len(arg.elts) != 2:
                raise self.fail(arg, "Piecewise argument is not a (value, condition) pair:")
            expr = self.value(arg.elts[0], depth + 2)
            cond = self.condition(arg.elts[1], depth + 2)
            pieces.append((expr, cond))
        return sp.Piecewise(*pieces)

    # -- conditions -------------------------------------------------------------------
    def condition(self, node: ast.AST, depth: int) -> sp.Basic:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"expression nested deeper than {MAX_DEPTH} levels at")
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return sp.true if node.value else sp.false
        if isinstance(node, ast.Compare):
            return self.compare(node, depth)
        if isinstance(node, ast.BoolOp):
            parts = [self.condition(v, depth + 1) for v in node.values]
            return sp.And(*parts) if isinstance(node.op, ast.And) else sp.Or(*parts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.Invert)):
            return sp.Not(self.condition(node.operand, depth + 1))
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
            left = self.condition(node.left, depth + 1)
            right = self.condition(node.right, depth + 1)
            return sp.And(left, right) if isinstance(node.op, ast.BitAnd) else sp.Or(left, right)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in _CONDITION_FUNCTIONS:
            if node.keywords:
                raise self.fail(node.keywords[0], "forbidden keyword argument")
            name = node.func.id
            function, low, high = _CONDITION_FUNCTIONS[name]
            self._arity(node, name, low, high)
            if name in ("Eq", "Ne"):
                args = [self.value(arg, depth + 1) for arg in node.args]
            else:
                args = [self.condition(arg, depth + 1) for arg in node.args]
            return function(*args)
        if isinstance(node, (ast.BinOp, ast.UnaryOp, ast.Name, ast.Call)) or (
            isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
        ):
            # give the precise reason if the value itself is bad, else say it is not a condition
            self.value(node, depth)
            raise self.fail(node, "expected a condition (a comparison or True), got")
        raise self.forbidden(node)

    def compare(self, node: ast.Compare, depth: int) -> sp.Basic:
        values = [self.value(node.left, depth + 1)]
        values += [self.value(v, depth + 1) for v in node.comparators]
        parts = []
        for op, left, right in zip(node.ops, values, values[1:]):
            relation = _COMPARISONS.get(type(op))
            if relation is None:
                raise self.fail(node, f"forbidden comparison {type(op).__name__} in")
            parts.append(relation(left, right))
        return parts[0] if len(parts) == 1 else sp.And(*parts)


def _parse_tree(text: str, where: str) -> ast.Expression:
    prefix = where or "expression"
    if not isinstance(text, str):
        raise ModelFileError(f"{prefix}: expected a string expression, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ModelFileError(f"{prefix}: expression longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise ModelFileError(f"{prefix}: empty expression")
    for col, ch in enumerate(text, 1):
        # Python reads identifiers after NFKC normalisation (fullwidth 'ｃ' as 'c'); refuse
        # such characters rather than silently read them as something else
        if not ch.isascii() and (unicodedata.normalize("NFKC", ch) != ch
                                 or not (ch.isalnum() or ch == "_")):
            raise ModelFileError(f"{prefix}: character {ch!r} (U+{ord(ch):04X}) at column {col} "
                                 "is not allowed in an expression (write it in ASCII)")
    try:
        with warnings.catch_warnings():  # e.g. "invalid escape sequence" in a string literal,
            warnings.simplefilter("ignore")  # which the walk refuses anyway
            return ast.parse("(\n" + text + "\n)", mode="eval")
    except SyntaxError as exc:
        lines = text.split("\n")
        line = (exc.lineno or 2) - 1
        col = exc.offset or 1
        if line > len(lines) or line < 1:  # at the closing parenthesis we added
            line = len(lines)
            col = len(lines[-1]) + 1
        raise ModelFileError(
            f"{prefix}: invalid syntax ({exc.msg}) at line {max(line, 1)}, column {col} "
            f"in {_short(text)!r}"
        ) from None
    except (RecursionError, MemoryError, ValueError, OverflowError):
        raise ModelFileError(f"{prefix}: expression too deeply nested or too large") from None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _check_symbols(symbols: Mapping[str, sp.Symbol], where: str) -> None:
    for key in symbols:
        if key in RESERVED_NAMES:
            raise ModelFileError(f"{where or 'expression'}: {key!r} is reserved and cannot be "
                                 "a parameter name")


def parse_expression(text: str, symbols: Mapping[str, sp.Symbol], *, where: str = "") -> sp.Expr:
    """Parse a payoff expression safely into a sympy expression.

    Parameters
    ----------
    text : str
        The expression, e.g. ``"2 - c"`` or ``"Piecewise((1, mu_weak >= 1/2), (0, True))"``.
    symbols : Mapping[str, sympy.Symbol]
        The names the expression may use (declared parameters and belief symbols).
    where : str, optional
        Where the text comes from (e.g. ``"payoffs.sender[1][0][2]"``), used in error messages.

    Returns
    -------
    sympy.Expr
        The expression, built directly from sympy objects; decimals are exact rationals.

    Raises
    ------
    ModelFileError
        Bad syntax, a construct outside the whitelist (naming the token, line and column),
        an undeclared name, a non-finite or non-real value, or input over the size limits.

    Examples
    --------
    >>> import sympy as sp
    >>> c = sp.Symbol("c")
    >>> parse_expression("2 - 0.5*c", {"c": c})
    2 - c/2
    >>> try:
    ...     parse_expression("c.real", {"c": c}, where="payoffs.sender[0][0][0]")
    ... except ModelFileError as exc:
    ...     print(exc)
    payoffs.sender[0][0][0]: forbidden attribute access 'c.real' at line 1, column 1
    """
    result = _build(text, symbols, where, "value")
    _check_value(result, text, where)
    return result


def _build(text: str, symbols: Mapping[str, sp.Symbol], where: str, kind: str) -> sp.Basic:
    """Parse ``text`` and build it as a value or a condition; every failure is a
    :class:`ModelFileError` naming ``where``."""
    _check_symbols(symbols, where)
    tree = _parse_tree(text, where)
    parser = _Parser(text, symbols, where)
    try:
        return getattr(parser, kind)(tree.body, 0)
    except ModelFileError:
        raise
    except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError) as exc:
        raise ModelFileError(
            f"{where or 'expression'}: cannot build {_short(text)!r}: {exc}"
        ) from None


def parse_condition(text: str, symbols: Mapping[str, sp.Symbol], *, where: str = "") -> sp.Basic:
    """Parse a condition such as ``"c < 1"`` or ``"0 < c <= 2 and b > c"`` safely.

    Returns a sympy Boolean (a relational, ``And``/``Or``/``Not`` of relationals, or
    ``true``/``false``).  The rules are those of :func:`parse_expression`.

    Examples
    --------
    >>> import sympy as sp
    >>> c = sp.Symbol("c")
    >>> parse_condition("0 < c < 1", {"c": c})
    (0 < c) & (c < 1)
    """
    result = _build(text, symbols, where, "condition")
    if result.has(sp.zoo, sp.oo, sp.nan, sp.I):
        raise ModelFileError(f"{where or 'expression'}: non-finite or non-real value in "
                             f"{_short(text)!r}")
    return result


def _check_value(result: sp.Basic, text: str, where: str) -> None:
    prefix = where or "expression"
    if not isinstance(result, sp.Expr):
        raise ModelFileError(f"{prefix}: {_short(text)!r} is not a numeric expression")
    if result.has(sp.zoo, sp.oo, -sp.oo, sp.nan):
        raise ModelFileError(f"{prefix}: non-finite value in {_short(text)!r}")
    if result.has(sp.I):
        raise ModelFileError(f"{prefix}: non-real (complex) value in {_short(text)!r}")


def format_expression(expr: sp.Basic | int | Fraction) -> str:
    """Write a sympy expression as text that :func:`parse_expression` reads back.

    Parameters
    ----------
    expr : sympy.Expr, int, Fraction or sympy Boolean
        The value to write.  Floats are refused (model files are exact).

    Returns
    -------
    str
        sympy's string form (``**`` for powers, ``1/10`` for rationals).

    Raises
    ------
    ModelFileError
        If the expression uses something the parser would not accept (e.g. a function outside
        the whitelist, a float, a non-finite number).

    Examples
    --------
    >>> import sympy as sp
    >>> c = sp.Symbol("c")
    >>> format_expression(sp.Rational(1, 10) - c**2)
    '1/10 - c**2'
    """
    if isinstance(expr, bool):
        return "True" if expr else "False"
    if isinstance(expr, Fraction):
        expr = sp.Rational(expr.numerator, expr.denominator)
    elif isinstance(expr, int):
        expr = sp.Integer(expr)
    if isinstance(expr, float) or not isinstance(expr, sp.Basic):
        raise ModelFileError(f"cannot write {expr!r} exactly: not a sympy expression or rational")
    if expr.atoms(sp.Float):
        raise ModelFileError(f"cannot write {expr} exactly: it contains a float")
    # sympy folds nested Piecewise conditions into ITE(a, b, c), which the syntax has not:
    # write it as the equivalent (a & b) | (~a & c)
    expr = expr.replace(lambda e: isinstance(e, sp.ITE),
                        lambda e: sp.Or(sp.And(e.args[0], e.args[1]),
                                        sp.And(sp.Not(e.args[0]), e.args[2])))
    text = sp.sstr(expr)
    symbols = {s.name: s for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    try:
        if isinstance(expr, sp.Expr):
            parse_expression(text, symbols)
        else:
            parse_condition(text, symbols)
    except ModelFileError as exc:
        raise ModelFileError(f"cannot write {_short(text)!r} as a model-file expression: "
                             f"{exc}") from None
    return text
