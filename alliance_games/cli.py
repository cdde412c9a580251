"""The ``alliance-games`` command line.

Commands
--------
``alliance-games solve FILE [--pure] [--json | --latex]``
    Read a model file (see ``docs/model-file.md``; FILE may also name a shipped example such as
    ``beer_quiche``) and print every perfect Bayesian equilibrium: the sender's strategy
    (type -> message), the receiver's (message -> action), beliefs, kind, the Intuitive
    Criterion and D1, and for parametric games the condition under which it exists.
``alliance-games check FILE``
    Validate a model file and print a summary of the game.
``alliance-games regions FILE --x NAME:LO:HI --y NAME:LO:HI --out map.png``
    ``[--n 200] [--fix NAME=VALUE ...]``: draw a map of which equilibria exist over two parameters.
``alliance-games report [--out DIR] [--n N]``
    Write the report of the Cohen (2025) alliance model.

Errors print one line ``alliance-games: error: ...`` on stderr; the exit status is 2 for a
usage error and 1 for a model or computation error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from alliance_games.errors import AllianceGamesError

PROG = "alliance-games"

__all__ = ["main"]


class UsageError(Exception):
    """Bad command-line arguments (exit status 2)."""


class CommandError(Exception):
    """A failure to report in one line (exit status 1)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and call sys.exit(2)
        raise UsageError(f"{message} (see '{self.prog} --help')")


# ----------------------------------------------------------------------------- helpers
def _fmt(x: Any) -> str:
    return str(x)


def _load(path: str):
    from alliance_games.io.modelfile import example_path, list_examples, load_game

    if not os.path.exists(path):
        stem = path[:-5] if path.endswith(".toml") else path
        if os.sep not in path and stem in list_examples():
            return load_game(example_path(stem))
    return load_game(path)


def _strategy(rows: Mapping[str, Mapping[str, Any]]) -> str:
    parts = []
    for who, row in rows.items():
        support = [(k, p) for k, p in row.items() if p != 0]
        if len(support) == 1 and support[0][1] == 1:
            parts.append(f"{who}->{support[0][0]}")
        else:
            parts.append(f"{who}->" + "+".join(f"{k}({_fmt(p)})" for k, p in support))
    return ", ".join(parts)


def _beliefs_text(eq) -> str:
    from alliance_games.beliefs import BeliefSet

    parts = []
    for m, b in eq.beliefs.items():
        if isinstance(b, BeliefSet):
            parts.append(f"{m}*: {b}")
        else:
            parts.append(f"{m}: " + ", ".join(f"{t}={_fmt(x)}" for t, x in b.items()))
    return "; ".join(parts)


def _flag(value: Any, condition: Any, exists: Any = sp.true) -> Any:
    """"yes"/"no", or for parametric games the condition (yes: wherever the equilibrium exists)."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if condition is sp.true or condition == exists:
        return "yes"
    if condition is sp.false:
        return "no"
    return condition


def _flag_text(flag: Any) -> str:
    return flag if isinstance(flag, str) else f"if {flag}"


def _flag_latex(flag: Any) -> str:
    return flag if isinstance(flag, str) else f"if ${sp.latex(flag)}$"


def _parametric(game, result) -> bool:
    return bool(getattr(game, "is_parametric", False)) or any(
        getattr(eq, "condition", sp.true) is not sp.true for eq in result)


def _kind(eq) -> str:
    return eq.kind + (" (family)" if getattr(eq, "is_family", False) else "")


def _rows(game, result) -> list[dict[str, str]]:
    parametric = _parametric(game, result)
    rows = []
    for i, eq in enumerate(result, 1):
        exists = getattr(eq, "condition", sp.true)
        row = {
            "#": str(i),
            "kind": _kind(eq),
            "sender": _strategy(eq.sender),
            "receiver": _strategy(eq.receiver),
            "beliefs (* off path)": _beliefs_text(eq),
            "IC": _flag_text(_flag(eq.intuitive_criterion,
                                   getattr(eq, "intuitive_condition", sp.true), exists)),
            "D1": _flag_text(_flag(eq.d1, getattr(eq, "d1_condition", sp.true), exists)),
        }
        if parametric:
            row["condition"] = "always" if exists is sp.true else str(exists)
        rows.append(row)
    return rows


def _table(rows: list[dict[str, str]]) -> str:
    if not rows:
        return "(no equilibria)"
    columns = list(rows[0])
    for row in rows:
        columns += [c for c in row if c not in columns]
    widths = {c: max(len(c), *(len(r.get(c, "")) for r in rows)) for c in columns}
    line = "  ".join(c.ljust(widths[c]) for c in columns).rstrip()
    out = [line, "  ".join("-" * widths[c] for c in columns)]
    for r in rows:
        out.append("  ".join(r.get(c, "").ljust(widths[c]) for c in columns).rstrip())
    return "\n".join(out)


def _json_value(x: Any) -> Any:
    if isinstance(x, bool) or x is None:
        return x
    return str(x)


def _json_beliefs(b: Any) -> Any:
    from alliance_games.beliefs import BeliefSet

    if not isinstance(b, BeliefSet):
        return {"off_path": False, "belief": {t: str(x) for t, x in b.items()}}
    out: dict[str, Any] = {"off_path": True, "set": str(b),
                           "example": {t: str(x) for t, x in b.example().items()},
                           "constraints": [str(c) for c in b.constraints]}
    try:
        out["bounds"] = {t: [str(v) for v in b.bounds(t)] for t in b.types}
    except (ValueError, TypeError, AllianceGamesError):
        pass
    return out


def _json(game, result) -> str:
    equilibria = []
    for i, eq in enumerate(result, 1):
        item = {
            "index": i,
            "label": getattr(eq, "label", ""),
            "kind": eq.kind,
            "family": bool(getattr(eq, "is_family", False)),
            "pure": bool(getattr(eq, "is_pure", False)),
            "on_path": sorted(eq.on_path, key=list(game.messages).index),
            "sender": {t: {m: str(p) for m, p in row.items()} for t, row in eq.sender.items()},
            "receiver": {m: {a: str(p) for a, p in row.items()}
                         for m, row in eq.receiver.items()},
            "beliefs": {m: _json_beliefs(b) for m, b in eq.beliefs.items()},
            "sender_payoffs": {t: str(x) for t, x in eq.sender_payoffs.items()},
            "intuitive_criterion": _json_value(eq.intuitive_criterion),
            "d1": _json_value(eq.d1),
            "condition": str(getattr(eq, "condition", sp.true)),
            "intuitive_condition": str(getattr(eq, "intuitive_condition", sp.true)),
            "d1_condition": str(getattr(eq, "d1_condition", sp.true)),
        }
        if getattr(eq, "receiver_payoff", None) is not None:
            item["receiver_payoff"] = str(eq.receiver_payoff)
        equilibria.append(item)
    doc = {
        "game": game.name,
        "types": list(game.types),
        "messages": list(game.messages),
        "actions": {m: list(a) for m, a in zip(game.messages, game.actions)},
        "parameters": {p.name: [None if lo is None else str(lo), None if hi is None else str(hi)]
                       for p, (lo, hi) in game.parameters.items()},
        "method": getattr(result, "method", ""),
        "exact": bool(getattr(result, "exact", True)),
        "pure": bool(getattr(result, "pure", False)),
        "equilibria": equilibria,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _tex(text: str) -> str:
    special = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
               "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
               "^": r"\textasciicircum{}"}
    return "".join(special.get(ch, ch) for ch in text)


def _latex_strategy(rows: Mapping[str, Mapping[str, Any]]) -> str:
    parts = []
    for who, row in rows.items():
        support = [(k, p) for k, p in row.items() if p != 0]
        if len(support) == 1 and support[0][1] == 1:
            parts.append(rf"\text{{{_tex(who)}}} \to \text{{{_tex(support[0][0])}}}")
        else:
            mix = " + ".join(rf"{sp.latex(p)}\,\text{{{_tex(k)}}}" for k, p in support)
            parts.append(rf"\text{{{_tex(who)}}} \to {mix}")
    return "$" + ",\\ ".join(parts) + "$"


def _latex_beliefs(eq) -> str:
    from alliance_games.beliefs import BeliefSet

    parts = []
    for m, b in eq.beliefs.items():
        if isinstance(b, BeliefSet):
            cons = sp.latex(sp.And(*b.constraints)) if b.constraints else r"\Delta(T)"
            parts.append(rf"\text{{{_tex(m)}}}^{{*}}: {cons}")
        else:
            vals = ", ".join(rf"\mu(\text{{{_tex(t)}}}) = {sp.latex(x)}" for t, x in b.items())
            parts.append(rf"\text{{{_tex(m)}}}: {vals}")
    return "$" + r";\ ".join(parts) + "$"


def _latex(game, result) -> str:
    parametric = _parametric(game, result)
    cols = "rllllll" + ("l" if parametric else "")
    head = r"\# & kind & sender & receiver & beliefs ($^*$ off path) & IC & D1"
    if parametric:
        head += " & condition"
    lines = [
        f"% {len(result)} equilibria of {_tex(game.name or 'the game')}",
        r"\begin{tabular}{" + cols + "}",
        r"\hline",
        head + r" \\",
        r"\hline",
    ]
    for i, eq in enumerate(result, 1):
        exists = getattr(eq, "condition", sp.true)
        ic = _flag(eq.intuitive_criterion, getattr(eq, "intuitive_condition", sp.true), exists)
        d1 = _flag(eq.d1, getattr(eq, "d1_condition", sp.true), exists)
        cells = [str(i), _tex(_kind(eq)), _latex_strategy(eq.sender),
                 _latex_strategy(eq.receiver), _latex_beliefs(eq), _flag_latex(ic),
                 _flag_latex(d1)]
        if parametric:
            cells.append("always" if exists is sp.true else "$" + sp.latex(exists) + "$")
        lines.append(" & ".join(cells) + r" \\")
    lines += [r"\hline", r"\end{tabular}"]
    return "\n".join(lines)


def _parse_range(text: str, option: str, game) -> tuple[sp.Symbol, sp.Expr, sp.Expr]:
    from alliance_games.numbers import to_exact

    parts = text.split(":")
    if len(parts) != 3:
        raise UsageError(f"{option} expects NAME:LO:HI (e.g. c:0:10), got {text!r}")
    name, lo_text, hi_text = parts
    sym = _parameter(name, option, game)
    try:
        lo = to_exact(lo_text.strip(), f"{option} lower end")
        hi = to_exact(hi_text.strip(), f"{option} upper end")
    except AllianceGamesError as exc:
        raise UsageError(f"{option}: {exc}") from None
    if not lo.is_number or not hi.is_number or not bool(lo < hi):
        raise UsageError(f"{option}: need numbers LO < HI, got {lo_text!r} and {hi_text!r}")
    return sym, lo, hi


def _parameter(name: str, option: str, game) -> sp.Symbol:
    by_name = {p.name: p for p in game.parameters}
    name = name.strip()
    if name not in by_name:
        known = ", ".join(sorted(by_name)) or "none"
        raise UsageError(f"{option}: unknown parameter {name!r} (the game's parameters: {known})")
    return by_name[name]


def _parse_fixed(items: Sequence[str], game) -> dict[sp.Symbol, sp.Expr]:
    from alliance_games.numbers import to_exact

    fixed = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--fix expects NAME=VALUE, got {item!r}")
        name, value = item.split("=", 1)
        sym = _parameter(name, "--fix", game)
        try:
            fixed[sym] = to_exact(value.strip(), f"--fix {name}")
        except AllianceGamesError as exc:
            raise UsageError(str(exc)) from None
    return fixed


def _lazy(module: str, attribute: str, purpose: str):
    import importlib

    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == module or module.startswith(exc.name + ".")):
            raise CommandError(f"{purpose} is not available in this installation "
                               f"({module} is missing)") from None
        raise CommandError(f"{purpose} needs the package {exc.name!r}: "
                           f"pip install {exc.name}") from None
    try:
        return getattr(mod, attribute)
    except AttributeError:
        raise CommandError(f"{purpose} is not available in this installation "
                           f"({module}.{attribute} is missing)") from None


# ----------------------------------------------------------------------------- commands
def _cmd_solve(args) -> int:
    from alliance_games import solve

    game = _load(args.file)
    result = solve(game, pure=args.pure)
    if args.json:
        print(_json(game, result))
    elif args.latex:
        print(_latex(game, result))
    else:
        title = game.name or os.path.basename(args.file)
        method = getattr(result, "method", "")
        print(f"{title}: {len(result)} equilibria" + (f" ({method})" if method else ""))
        print(_table(_rows(game, result)))
    return 0


def _cmd_check(args) -> int:
    from alliance_games.io.modelfile import example_path, list_examples, load_model

    path = args.file
    if not os.path.exists(path) and os.sep not in path and \
            (path[:-5] if path.endswith(".toml") else path) in list_examples():
        path = example_path(path)
    model = load_model(path)
    game = model.game
    print(f"{game.name or args.file}: OK")
    print(f"  types:    {', '.join(f'{t} ({p})' for t, p in zip(game.types, game.prior))}")
    for m, acts in zip(game.messages, game.actions):
        print(f"  message {m}: actions {', '.join(acts)}")
    for p, (lo, hi) in game.parameters.items():
        lo_s = "-oo" if lo is None else str(lo)
        hi_s = "oo" if hi is None else str(hi)
        print(f"  parameter {p.name} in ({lo_s}, {hi_s})")
    if game.has_belief_payoffs:
        print("  payoffs depend on the receiver's beliefs")
    return 0


def _cmd_regions(args) -> int:
    game = _load(args.file)
    if not game.parameters:
        raise CommandError("the game has no parameters: a region map needs two")
    x = _parse_range(args.x, "--x", game)
    y = _parse_range(args.y, "--y", game)
    if x[0] == y[0]:
        raise UsageError("--x and --y must be different parameters")
    fixed = _parse_fixed(args.fix or [], game)
    if args.n < 2:
        raise UsageError("--n must be at least 2")
    region_map = _lazy("alliance_games.parametric.regions", "region_map", "region maps")
    plot_regions = _lazy("alliance_games.plotting", "plot_regions", "plotting region maps")
    data = region_map(game, x=x, y=y, n=args.n, fixed=fixed, progress=True)
    plot_regions(data, args.out)
    print(f"wrote {args.out}")
    return 0


def _cmd_report(args) -> int:
    write_report = _lazy("alliance_games.alliance.report", "write_report", "the report")
    kwargs = {} if args.n is None else {"n": args.n}
    written = write_report(args.out, **kwargs)
    print(f"wrote {written if written is not None else args.out}")
    return 0


def _build_parser() -> argparse.ArgumentParser:
    from alliance_games import __version__

    parser = _Parser(prog=PROG, description="Exact perfect Bayesian equilibria of signalling "
                     "games, from model files.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    solve_p = sub.add_parser("solve", help="print every equilibrium of a model file")
    solve_p.add_argument("file", metavar="FILE", help="model file (.toml) or example name")
    solve_p.add_argument("--pure", action="store_true", help="pure-strategy equilibria only")
    fmt = solve_p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--latex", action="store_true", help="print a LaTeX table")
    solve_p.set_defaults(func=_cmd_solve)

    check_p = sub.add_parser("check", help="validate a model file and summarise it")
    check_p.add_argument("file", metavar="FILE")
    check_p.set_defaults(func=_cmd_check)

    reg = sub.add_parser("regions", help="map equilibria over two parameters")
    reg.add_argument("file", metavar="FILE")
    reg.add_argument("--x", required=True, metavar="NAME:LO:HI")
    reg.add_argument("--y", required=True, metavar="NAME:LO:HI")
    reg.add_argument("--n", type=int, default=200, help="grid points per axis (default 200)")
    reg.add_argument("--fix", action="append", metavar="NAME=VALUE",
                     help="fix another parameter (repeatable)")
    reg.add_argument("--out", required=True, metavar="PNG")
    reg.set_defaults(func=_cmd_regions)

    rep = sub.add_parser("report", help="write the alliance-model report")
    rep.add_argument("--out", default="report", metavar="DIR", help="output directory")
    rep.add_argument("--n", type=int, default=None, help="grid resolution")
    rep.set_defaults(func=_cmd_report)
    return parser


def _error(message: str) -> None:
    message = " ".join(str(message).split()) or "unknown error"
    print(f"{PROG}: error: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 model error, 2 usage error).

    Examples
    --------
    >>> main(["solve", "beer_quiche", "--pure"])  # doctest: +ELLIPSIS
    Beer-Quiche: 2 equilibria ...
    0
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        parser = _build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            raise UsageError(f"no command given (choose from solve, check, regions, report; "
                             f"see '{PROG} --help')")
        return args.func(args)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except UsageError as exc:
        if debug:
            raise
        _error(exc)
        return 2
    except (CommandError, AllianceGamesError) as exc:
        if debug:
            raise
        _error(exc)
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except Exception as exc:  # never a traceback for users; --debug shows it
        if debug:
            raise
        _error(f"internal error ({type(exc).__name__}: {exc}); rerun with --debug for details")
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
