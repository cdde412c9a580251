"""The ``alliance-games`` command line.

Commands
--------
``alliance-games solve FILE [--pure] [--json | --latex | --summary] [--kind K] [--surviving ic|d1]``
    ``[--decimals [N]] [--max-seconds S] [--max-patterns N]``: read a model file (see
    ``docs/model-file.md``; FILE may also name a shipped example such as ``beer_quiche``) and
    print every perfect Bayesian equilibrium: the sender's strategy (type -> message), the
    receiver's (message -> action), beliefs, kind, the Intuitive Criterion and D1, and for
    parametric games the condition under which it exists.
``alliance-games check FILE``
    Validate a model file and print a summary of the game.
``alliance-games regions FILE --x NAME:LO:HI --y NAME:LO:HI --out map.png``
    ``[--n 200] [--fix NAME=VALUE ...]``: draw a map of which equilibria exist over two parameters.
``alliance-games report [--out DIR] [--n N] [--force]``
    Write the report of the Cohen (2025) alliance model (into a temporary folder, moved into
    DIR when complete; files in DIR that the command did not write are kept unless --force).

Errors print one line ``alliance-games: error: ...`` on stderr, warnings one line
``alliance-games: warning: ...``; the exit status is 2 for a usage error, 1 for a model or
computation error and 130 after Ctrl-C.  ``python -m alliance_games`` runs the same program.
"""

from __future__ import annotations

import _thread
import argparse
import dataclasses
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import sympy as sp

from alliance_games import __version__, plotting, solve
from alliance_games.alliance import report as alliance_report
from alliance_games.beliefs import BeliefSet
from alliance_games.errors import AllianceGamesError
from alliance_games.io.modelfile import example_path, list_examples, load_game, load_model
from alliance_games.numbers import to_exact
from alliance_games.parametric import regions

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
#: Significant digits shown by ``--decimals`` without a value.
DECIMALS = 4
_decimals: int | None = None  # set by --decimals for the current command


def _fmt(x: Any) -> str:
    """An exact value as text; with ``--decimals``, unwieldy numbers get a decimal beside."""
    text = str(x)
    if _decimals is None:
        return text
    try:
        value = sp.sympify(x) if not isinstance(x, sp.Basic) else x
    except (sp.SympifyError, TypeError):
        return text
    if isinstance(value, sp.Expr) and value.is_number and value.is_real and \
            not value.is_Integer and (len(text) > 6 or not value.is_Rational):
        return f"{text} (~{sp.N(value, _decimals)})"
    return text


def _load(path: str):
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


def _parametric(game, result) -> bool:
    return game.is_parametric or any(eq.condition is not sp.true for eq in result)


def _kind(eq) -> str:
    return eq.kind + (" (family)" if eq.is_family else "")


KINDS = ("pooling", "separating", "hybrid", "partially-pooling")


def _survives(eq, which: str) -> bool:
    """True if ``eq`` survives the refinement somewhere (a parametric condition that is
    not false counts)."""
    if which == "ic":
        flag = _flag(eq.intuitive_criterion, eq.intuitive_condition, eq.condition)
    else:
        flag = _flag(eq.d1, eq.d1_condition, eq.condition)
    return flag != "no"


def _filtered(result, kind: str | None, surviving: str | None):
    keep = [eq for eq in result
            if (kind is None or eq.kind == kind.replace("-", " "))
            and (surviving is None or _survives(eq, surviving))]
    if len(keep) == len(result):
        return result
    return dataclasses.replace(result, equilibria=tuple(keep))


def _summary(title: str, result, full: int) -> str:
    counts: dict[str, int] = {}
    for eq in result:
        counts[_kind(eq)] = counts.get(_kind(eq), 0) + 1
    shown = f"{len(result)} of {full}" if len(result) != full else str(full)
    lines = [f"{title}: {shown} equilibria"]
    for kind in sorted(counts):
        lines.append(f"  {kind}: {counts[kind]}")
    for name, which in (("the Intuitive Criterion", "ic"), ("D1", "d1")):
        n = sum(_survives(eq, which) for eq in result)
        lines.append(f"  surviving {name}: {n}")
    return "\n".join(lines)


def _rows(game, result) -> list[dict[str, str]]:
    parametric = _parametric(game, result)
    rows = []
    for i, eq in enumerate(result, 1):
        exists = eq.condition
        row = {
            "#": str(i),
            "kind": _kind(eq),
            "sender": _strategy(eq.sender),
            "receiver": _strategy(eq.receiver),
            "beliefs (* off path)": _beliefs_text(eq),
            "IC": _flag_text(_flag(eq.intuitive_criterion, eq.intuitive_condition, exists)),
            "D1": _flag_text(_flag(eq.d1, eq.d1_condition, exists)),
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


def _parse_range(text: str, option: str, game) -> tuple[sp.Symbol, sp.Expr, sp.Expr]:
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


# ----------------------------------------------------------------------------- commands
def _cmd_solve(args) -> int:
    if args.max_seconds is not None and not args.max_seconds > 0:
        raise UsageError("--max-seconds must be positive")
    if args.max_patterns is not None and args.max_patterns < 1:
        raise UsageError("--max-patterns must be at least 1")
    game = _load(args.file)
    full = solve(game, pure=args.pure, max_seconds=args.max_seconds,
                 max_patterns=args.max_patterns,
                 progress=True if sys.stderr.isatty() else None)  # None: after ~2 s
    result = _filtered(full, args.kind, args.surviving)
    title = game.name or os.path.basename(args.file)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    elif args.latex:
        print(result.to_latex())
    elif args.summary:
        print(_summary(title, result, len(full)))
    else:
        method = full.method
        shown = f"{len(result)} of {len(full)}" if len(result) != len(full) else str(len(full))
        print(f"{title}: {shown} equilibria" + (f" ({method})" if method else ""))
        print(_table(_rows(game, result)))
    return 0


def _cmd_check(args) -> int:
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
    out = _figure_path(args.out, args.file)  # checked before the long computation
    data = regions.region_map(game, x=x, y=y, n=args.n, fixed=fixed, progress=True)
    try:
        plotting.plot_regions(data, out)
    except OSError as exc:
        raise CommandError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"wrote {out}")
    return 0


_FIGURE_FORMATS = ("png", "pdf", "svg", "jpg", "jpeg", "eps", "ps", "tif", "tiff", "webp")


def _figure_path(out: str, model: str) -> str:
    """The figure file to write: ``out`` itself, or a file named after the model inside
    ``out`` when it is a directory; errors (bad folder, no permission, unknown format) are
    raised now, before any computation."""
    path = Path(out)
    if path.is_dir():
        path = path / f"{Path(model).stem}-regions.png"
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in _FIGURE_FORMATS:
        raise UsageError(f"--out {out!r}: the file name needs an image extension "
                         f"({', '.join('.' + f for f in _FIGURE_FORMATS[:4])}, ...)")
    folder = path.parent
    if not folder.is_dir():
        raise CommandError(f"cannot write {path}: the folder {folder} does not exist")
    if path.exists() and (path.is_dir() or not os.access(path, os.W_OK)):
        raise CommandError(f"cannot write {path}: not a writable file")
    if not path.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise CommandError(f"cannot write {path}: no permission to write in {folder}")
    return str(path)


#: File in a report folder listing the files the command wrote there.
MANIFEST = ".alliance-games-report"


def _manifest(folder: Path) -> set[str]:
    try:
        return set((folder / MANIFEST).read_text(encoding="utf-8").split("\n")) - {""}
    except OSError:
        return set()


def _cmd_report(args) -> int:
    if args.n is not None and args.n < 2:
        raise UsageError("--n must be at least 2")
    if args.samples is not None and args.samples < 1:
        raise UsageError("--samples must be at least 1")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out}: exists and is not a folder")
    expected = {"report.md", *alliance_report.FIGURES}
    ours = _manifest(out)

    def foreign(names) -> list[str]:
        return sorted(n for n in names if (out / n).exists() and n not in ours)

    clash = foreign(expected)
    if clash and not args.force:
        raise CommandError(f"--out {out}: would overwrite {', '.join(clash)}, not written by "
                           "alliance-games; use --force to overwrite, or another --out")
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise CommandError(f"--out {out}: cannot write there: {exc.strerror or exc}") from None
    try:
        kwargs = {k: v for k, v in (("n", args.n), ("samples", args.samples),
                                    ("robustness_samples", args.robustness_samples))
                  if v is not None}
        written = alliance_report.write_report(str(tmp), **kwargs)
        names = sorted(p.name for p in tmp.iterdir() if p.is_file())
        clash = foreign(names)
        if clash and not args.force:
            raise CommandError(f"--out {out}: would overwrite {', '.join(clash)}, not written "
                               "by alliance-games; use --force to overwrite, or another --out")
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(tmp / name, out / name)
        (out / MANIFEST).write_text("\n".join(sorted(ours | set(names))) + "\n",
                                    encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"--out {out}: cannot write the report: {exc.strerror or exc}") \
            from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    shown = out / Path(written).name if written is not None and \
        Path(written).parent == tmp else out
    print(f"wrote {shown}")
    return 0


_EPILOG_MAIN = """examples:
  alliance-games solve beer_quiche
  alliance-games solve my_model.toml --pure --json > equilibria.json
  alliance-games check my_model.toml
  alliance-games regions spence_two_param --x c:0:10 --y p:0:1 --out map.png
  alliance-games report --out report --n 12

FILE is a model file (.toml, see docs/model-file.md) or the name of a shipped example
(beer_quiche, cheap_talk, spence_parametric, ...)."""

_EPILOG_SOLVE = """examples:
  alliance-games solve beer_quiche
  alliance-games solve beer_quiche --pure --latex
  alliance-games solve cheap_talk --summary
  alliance-games solve cheap_talk --kind pooling --surviving d1
  alliance-games solve spence_parametric --json --decimals 6"""

_EPILOG_CHECK = """example:
  alliance-games check my_model.toml"""

_EPILOG_REGIONS = """example:
  alliance-games regions spence_two_param --x c:0:10 --y p:0:1 --n 100 --out map.png"""

_EPILOG_REPORT = """example:
  alliance-games report --out report --n 8"""


def _build_parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = _Parser(prog=PROG, description="Exact perfect Bayesian equilibria of signalling "
                     "games, from model files.", epilog=_EPILOG_MAIN, formatter_class=raw)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show Python tracebacks and warnings in full (default: one line)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    solve_p = sub.add_parser("solve", help="print every equilibrium of a model file",
                             description="Solve a signalling game for all its perfect Bayesian "
                             "equilibria, exactly, and print them.", epilog=_EPILOG_SOLVE,
                             formatter_class=raw)
    solve_p.add_argument("file", metavar="FILE", help="model file (.toml) or example name")
    solve_p.add_argument("--pure", action="store_true",
                         help="pure-strategy equilibria only (default: all, mixed included)")
    fmt = solve_p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON (default: a table)")
    fmt.add_argument("--latex", action="store_true",
                     help="print a LaTeX table (default: a text table)")
    fmt.add_argument("--summary", action="store_true",
                     help="print counts by kind and refinement instead of the table")
    solve_p.add_argument("--kind", choices=KINDS, default=None,
                         help="only equilibria of this kind (default: every kind)")
    solve_p.add_argument("--surviving", choices=("ic", "d1"), default=None,
                         help="only equilibria surviving the Intuitive Criterion (ic) or D1 "
                         "(somewhere in the parameter range; default: no filter)")
    solve_p.add_argument("--decimals", type=int, nargs="?", const=DECIMALS, default=None,
                         metavar="N", help="show N significant decimals beside long or "
                         f"irrational exact numbers (N defaults to {DECIMALS}; default: exact "
                         "only)")
    solve_p.add_argument("--max-seconds", type=float, default=None, metavar="S",
                         help="stop with an error after S seconds of solving (default: no "
                         "limit)")
    solve_p.add_argument("--max-patterns", type=int, default=None, metavar="N",
                         help="stop with an error after N support patterns (default: no limit)")
    solve_p.set_defaults(func=_cmd_solve)

    check_p = sub.add_parser("check", help="validate a model file and summarise it",
                             description="Validate a model file and print a summary of the "
                             "game (types and prior, messages and actions, parameters).",
                             epilog=_EPILOG_CHECK, formatter_class=raw)
    check_p.add_argument("file", metavar="FILE", help="model file (.toml) or example name")
    check_p.set_defaults(func=_cmd_check)

    reg = sub.add_parser("regions", help="map equilibria over two parameters",
                         description="Draw which equilibria exist where over two parameters "
                         "of a parametric model.", epilog=_EPILOG_REGIONS, formatter_class=raw)
    reg.add_argument("file", metavar="FILE", help="model file (.toml) or example name with at "
                     "least two parameters")
    reg.add_argument("--x", required=True, metavar="NAME:LO:HI",
                     help="horizontal axis: parameter NAME from LO to HI (e.g. c:0:10)")
    reg.add_argument("--y", required=True, metavar="NAME:LO:HI",
                     help="vertical axis: parameter NAME from LO to HI (e.g. p:0:1)")
    reg.add_argument("--n", type=int, default=200,
                     help="grid points per axis (default: %(default)s)")
    reg.add_argument("--fix", action="append", metavar="NAME=VALUE", default=None,
                     help="value of another parameter (repeatable; default: none)")
    reg.add_argument("--out", required=True, metavar="FILE",
                     help="image to write (.png, .pdf, .svg, ...); a folder gets "
                     "<model>-regions.png")
    reg.set_defaults(func=_cmd_regions)

    rep = sub.add_parser("report", help="write the alliance-model report",
                         description="Solve the Cohen (2025) alliance model and write "
                         "report.md with its figures.", epilog=_EPILOG_REPORT,
                         formatter_class=raw)
    rep.add_argument("--out", default="report", metavar="DIR",
                     help="output folder (default: %(default)s)")
    rep.add_argument("--n", type=int, default=None,
                     help="grid resolution (default: the report's own, 12)")
    rep.add_argument("--samples", type=int, default=None, metavar="N",
                     help="points of the parameter box on which H1-H7 are evaluated "
                     "(default: 10 x the resolution, 120)")
    rep.add_argument("--robustness-samples", type=int, default=None, metavar="N",
                     help="the first N of those points are evaluated again under each "
                     "alternative functional form (default: a quarter of the samples, 30)")
    rep.add_argument("--force", action="store_true",
                     help="overwrite files in DIR that alliance-games did not write "
                     "(default: refuse)")
    rep.set_defaults(func=_cmd_report)
    return parser


def _error(message: str) -> None:
    message = " ".join(str(message).split()) or "unknown error"
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _warning_line(message: warnings.WarningMessage) -> str:
    text = " ".join(str(message.message).split())
    return f"{PROG}: warning: {text}"


class _Interrupt:
    """The command line's SIGINT handler: raise ``KeyboardInterrupt``, and again every
    ``every`` seconds until :func:`main` has handled one.

    Python runs signal handlers between bytecodes, also inside ``__del__`` methods and
    weakref callbacks, where an exception is reported as unraisable and dropped: one
    Ctrl-C could then be lost and a report run on for minutes.  Repeating the interrupt
    (from a daemon thread, with ``_thread.interrupt_main``) makes it take.
    """

    def __init__(self, every: float = 2.0) -> None:
        self.every = every
        self.handled = threading.Event()
        self.armed = False

    def __call__(self, signum, frame) -> None:
        if not self.armed:
            self.armed = True
            threading.Thread(target=self._repeat, daemon=True).start()
        raise KeyboardInterrupt

    def _repeat(self) -> None:
        while not self.handled.wait(self.every):
            _thread.interrupt_main()

    @staticmethod
    def quiet(previous: Callable[[Any], object]) -> Callable[[Any], object]:
        """A ``sys.unraisablehook`` that drops the interrupts raised where Python cannot
        raise them (in a ``__del__``: it printed "Exception ignored in ... Traceback ...
        KeyboardInterrupt" under the report's progress bars; the interrupt is repeated
        until it takes) and passes everything else to ``previous``.

        Examples
        --------
        >>> seen = []
        >>> hook = _Interrupt.quiet(seen.append)
        >>> class Unraisable:
        ...     def __init__(self, exc):
        ...         self.exc_value = exc
        >>> hook(Unraisable(KeyboardInterrupt())), hook(Unraisable(ValueError("x")))
        (None, None)
        >>> [type(u.exc_value).__name__ for u in seen]
        ['ValueError']
        """
        def hook(unraisable: Any) -> None:
            if not isinstance(unraisable.exc_value, KeyboardInterrupt):
                previous(unraisable)
        return hook


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 model error, 2 usage error,
    130 interrupted).

    Examples
    --------
    >>> main(["solve", "beer_quiche", "--pure"])  # doctest: +ELLIPSIS
    Beer-Quiche: 2 equilibria ...
    0
    """
    global _decimals
    from_command_line = argv is None and threading.current_thread() is threading.main_thread()
    interrupt = _Interrupt()
    previous_handler = signal.signal(signal.SIGINT, interrupt) if from_command_line else None
    previous_unraisable = sys.unraisablehook
    if from_command_line:
        sys.unraisablehook = _Interrupt.quiet(previous_unraisable)
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    digits = getattr(sys, "get_int_max_str_digits", None)
    old_digits = digits() if digits else None
    if digits:
        sys.set_int_max_str_digits(0)  # exact results may print with many digits
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=not debug) as record:
            if not debug:
                warnings.simplefilter("default")
            try:
                parser = _build_parser()
                args = parser.parse_args(argv)
                if args.command is None:
                    raise UsageError(f"no command given (choose from solve, check, regions, "
                                     f"report; see '{PROG} --help')")
                _decimals = getattr(args, "decimals", None)
                if _decimals is not None and not 1 <= _decimals <= 100:
                    raise UsageError("--decimals must be between 1 and 100")
                return args.func(args)
            finally:
                caught = list(record or [])
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
    except BrokenPipeError:  # output piped into a reader that stopped (e.g. `| head`)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes
        except (OSError, ValueError, AttributeError):  # stdout is not a real file
            pass
        return 141
    except (KeyboardInterrupt, Exception) as exc:  # never a traceback for users
        # after a Ctrl-C any error is the interrupt: C code may turn the KeyboardInterrupt
        # raised inside it into another exception (matplotlib's transforms: "ValueError:
        # Invalid affine transformation matrix")
        if isinstance(exc, KeyboardInterrupt) or interrupt.armed:
            interrupt.handled.set()
            if from_command_line:  # the process is ending: a second Ctrl-C must not
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # interrupt the clean-up
                previous_handler = None
            _error("interrupted")
            return 130
        if debug:  # --debug shows the traceback
            raise
        _error(f"internal error ({type(exc).__name__}: {exc}); rerun with --debug for details")
        return 1
    finally:
        interrupt.handled.set()
        if previous_handler is not None:
            signal.signal(signal.SIGINT, previous_handler)
        sys.unraisablehook = previous_unraisable
        _decimals = None
        if digits:
            sys.set_int_max_str_digits(old_digits)
        seen = set()
        for message in caught:
            line = _warning_line(message)
            if line not in seen:
                seen.add(line)
                print(line, file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
