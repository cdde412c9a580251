"""Export results and region maps: dicts and JSON, flat records, pandas DataFrames, CSV.

Exact values are written as strings in the model-file expression syntax
(:func:`alliance_games.io.expressions.format_expression`: ``"1/10"``, ``"10 - 2*c"``,
``"(p <= 1/2) & (0 < p)"``), so they read back exactly with
:func:`~alliance_games.io.expressions.parse_expression` /
:func:`~alliance_games.io.expressions.parse_condition` given the game's parameters and belief
symbols ``mu_<type>``. Nothing is rounded unless asked (``floats=True`` adds nothing exact:
it replaces numeric values by floats for plotting or spreadsheets).

pandas is optional: :func:`result_frame` and :func:`region_frame` raise
:class:`~alliance_games.errors.OptionalDependencyError` without it; the records, dicts, JSON
and CSV need only the standard library.

Examples
--------
>>> from alliance_games import solve
>>> from alliance_games.examples import beer_quiche
>>> res = solve(beer_quiche(), pure=True)
>>> rec = result_records(res)[0]
>>> rec["label"], rec["sender[weak][beer]"], rec["belief[beer]"]
('weak:beer strong:beer | beer:not_duel quiche:duel', '1', 'mu(weak)=1/10, mu(strong)=9/10')
>>> d = result_dict(res)
>>> d["equilibria"][0]["beliefs"]["quiche"]["set"]["text"]
'mu(weak) in [1/2, 1]'
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp

from alliance_games.beliefs import BeliefSet
from alliance_games.errors import AllianceGamesError, ModelFileError, require
from alliance_games.io.expressions import format_expression

if TYPE_CHECKING:
    import pandas

__all__ = ["exact_text", "equilibrium_dict", "result_dict", "result_json", "result_records",
           "result_frame", "region_records", "region_frame", "region_csv"]


def exact_text(value: Any) -> str | None:
    """An exact value (number, expression or condition) as round-trippable text.

    ``None`` stays ``None``. Values the model-file parser cannot express (algebraic numbers
    given as ``CRootOf``, say) fall back to sympy's ``str``.

    Examples
    --------
    >>> import sympy as sp
    >>> exact_text(sp.Rational(1, 10)), exact_text(sp.Symbol("p") <= sp.Rational(1, 2))
    ('1/10', 'p <= 1/2')
    """
    if value is None:
        return None
    if value is True or value is sp.true:
        return "True"
    if value is False or value is sp.false:
        return "False"
    try:
        return format_expression(sp.sympify(value))
    except (ModelFileError, TypeError, ValueError, sp.SympifyError):
        return str(value)


def _float(value: Any) -> Any:
    """A float for a numeric value, else the exact text (display only; never decides)."""
    v = sp.sympify(value)
    if v.is_number:
        return float(v)
    return exact_text(v)


def _flag(value: bool | None) -> bool | None:
    return None if value is None else bool(value)


def _belief_text(b: Any) -> str:
    if isinstance(b, BeliefSet):
        return str(b)
    return ", ".join(f"mu({t})={exact_text(x)}" for t, x in b.items())


def _belief_dict(b: Any, on_path: bool) -> dict[str, Any]:
    if not isinstance(b, BeliefSet):
        return {"on_path": on_path, "probabilities": {t: exact_text(x) for t, x in b.items()}}
    vertices = b.vertices
    region = b.region if len(b.types) == 2 else None
    return {"on_path": on_path, "set": {
        "text": str(b),
        "constraints": [exact_text(c) for c in b.constraints],
        "vertices": None if vertices is None else [[exact_text(x) for x in v]
                                                   for v in vertices],
        "region": None if region is None else str(region),
        "example": {t: exact_text(x) for t, x in b.example().items()},
        "latex": b.to_latex(),
    }}


def _family_dict(family: Any) -> dict[str, Any] | None:
    if family is None:
        return None
    return {
        "variables": [str(v) for v in family.variables],
        "ranges": {str(v): [exact_text(lo), exact_text(hi)]
                   for v, (lo, hi) in family.ranges.items()},
        "constraint": str(family.constraint),
        "on_path": bool(family.on_path),
        "text": str(family),
    }


def equilibrium_dict(eq: Any) -> dict[str, Any]:
    """One equilibrium as a JSON-ready dict (the entries of :func:`result_dict`).

    Examples
    --------
    The pooling equilibrium on beer of beer-quiche: exact values are strings.

    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> d = equilibrium_dict(solve(beer_quiche(), pure=True)[0])
    >>> d["kind"], d["on_path"], d["sender_payoffs"], d["receiver_payoff"]
    ('pooling', ['beer'], {'weak': '2', 'strong': '3'}, '9/10')
    """
    def strat(rows):
        return {k: {kk: exact_text(p) for kk, p in row.items()} for k, row in rows.items()}
    return {
        "label": eq.label,
        "kind": eq.kind,
        "is_family": eq.family is not None,
        "on_path": [m for m in eq.game.messages if m in eq.on_path],
        "sender": strat(eq.sender),
        "receiver": strat(eq.receiver),
        "beliefs": {m: _belief_dict(b, m in eq.on_path) for m, b in eq.beliefs.items()},
        "sender_payoffs": {t: exact_text(x) for t, x in eq.sender_payoffs.items()},
        "receiver_payoff": exact_text(eq.receiver_payoff),
        "intuitive_criterion": _flag(eq.intuitive_criterion),
        "d1": _flag(eq.d1),
        "condition": exact_text(eq.condition),
        "intuitive_condition": exact_text(eq.intuitive_condition),
        "d1_condition": exact_text(eq.d1_condition),
        "family": _family_dict(eq.family),
        "method": eq.method,
        "notes": list(eq.notes),
    }


def result_dict(result: Any) -> dict[str, Any]:
    """A solve result as a JSON-ready dict (exact values as strings; nothing dropped).

    Keys: ``game`` (name, types, messages, actions, prior, parameters with their ranges,
    assumptions), ``method``, ``exact``, ``pure``, ``notes`` and ``equilibria``: per
    equilibrium its label, kind, strategies, beliefs (on path: probabilities; off path: the
    belief set's text, constraints, vertices, region, an example point and LaTeX), payoffs,
    refinement flags and conditions, and for a family its free variables with their exact
    ranges.

    Examples
    --------
    >>> import sympy as sp
    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> d = result_dict(solve(beer_quiche(sp.Symbol("p"))))
    >>> fam = [e for e in d["equilibria"] if e["is_family"]][0]
    >>> fam["family"]["ranges"]["rho[quiche,duel]"], fam["condition"]
    (['1/2', '1'], '(p <= 1/2) & (0 < p)')
    """
    game = result.game
    return {
        "game": {
            "name": game.name,
            "types": list(game.types),
            "messages": list(game.messages),
            "actions": {m: list(a) for m, a in zip(game.messages, game.actions)},
            "prior": {t: exact_text(p) for t, p in zip(game.types, game.prior)},
            "parameters": {s.name: [exact_text(lo), exact_text(hi)]
                           for s, (lo, hi) in game.parameters.items()},
            "assumptions": [exact_text(a) for a in game.assumptions],
        },
        "method": result.method,
        "exact": bool(result.exact),
        "pure": bool(result.pure),
        "notes": list(result.notes),
        "equilibria": [equilibrium_dict(e) for e in result.equilibria],
    }


def result_json(result: Any, indent: int | None = 2) -> str:
    """:func:`result_dict` as JSON text.

    Examples
    --------
    The text reads back with :func:`json.loads`, exact values as strings:

    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> text = result_json(solve(beer_quiche(), pure=True))
    >>> json.loads(text)["game"]["prior"]
    {'weak': '1/10', 'strong': '9/10'}
    """
    return json.dumps(result_dict(result), indent=indent, ensure_ascii=False)


def result_records(result: Any, floats: bool = False) -> list[dict[str, Any]]:
    """One flat record per equilibrium (a table row): strings for exact values.

    Columns: ``index``, ``label``, ``kind``, ``is_family``, ``on_path``,
    ``sender[type][message]``, ``receiver[message][action]``, ``belief[message]`` (text),
    ``off_path[message]``, ``sender_payoff[type]``, ``receiver_payoff``,
    ``intuitive_criterion``, ``d1``, ``condition``, ``intuitive_condition``,
    ``d1_condition`` and ``family_ranges``.  With ``floats=True`` numeric probabilities and
    payoffs are floats (for plotting; the exact values are the default).

    Examples
    --------
    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> result_records(solve(beer_quiche(), pure=True), floats=True)[0]["sender_payoff[weak]"]
    2.0
    """
    conv = _float if floats else exact_text
    rows = []
    for i, eq in enumerate(result.equilibria):
        game = eq.game
        row: dict[str, Any] = {"index": i, "label": eq.label, "kind": eq.kind,
                               "is_family": eq.family is not None,
                               "on_path": ",".join(m for m in game.messages if m in eq.on_path)}
        for t, r in eq.sender.items():
            for m, p in r.items():
                row[f"sender[{t}][{m}]"] = conv(p)
        for m, r in eq.receiver.items():
            for a, p in r.items():
                row[f"receiver[{m}][{a}]"] = conv(p)
        for m, b in eq.beliefs.items():
            row[f"belief[{m}]"] = _belief_text(b)
            row[f"off_path[{m}]"] = m not in eq.on_path
        for t, x in eq.sender_payoffs.items():
            row[f"sender_payoff[{t}]"] = conv(x)
        row["receiver_payoff"] = conv(eq.receiver_payoff)
        row["intuitive_criterion"] = _flag(eq.intuitive_criterion)
        row["d1"] = _flag(eq.d1)
        row["condition"] = exact_text(eq.condition)
        row["intuitive_condition"] = exact_text(eq.intuitive_condition)
        row["d1_condition"] = exact_text(eq.d1_condition)
        row["family_ranges"] = "" if eq.family is None else "; ".join(
            f"{v} in [{exact_text(lo)}, {exact_text(hi)}]"
            for v, (lo, hi) in eq.family.ranges.items())
        rows.append(row)
    return rows


def _pandas(purpose: str):
    return require("pandas", purpose, "pandas")


def result_frame(result: Any, floats: bool = False) -> pandas.DataFrame:
    """:func:`result_records` as a ``pandas.DataFrame`` (one row per equilibrium).

    Raises
    ------
    OptionalDependencyError
        pandas is not installed.

    Examples
    --------
    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> df = result_frame(solve(beer_quiche(), pure=True))
    >>> df[["kind", "intuitive_criterion"]].values.tolist()
    [['pooling', True], ['pooling', False]]
    """
    pd = _pandas("SolveResult.to_frame")
    return pd.DataFrame.from_records(result_records(result, floats=floats))


# ----------------------------------------------------------------------------- region maps
def region_records(data: Any, exact: bool = True) -> list[dict[str, Any]]:
    """One record per point of a region map (``alliance_games.parametric.region_data``).

    Columns: every varying parameter (its float coordinate) and, with ``exact=True``,
    ``<name>_exact`` (the exact coordinate as text); the fixed parameters (exact text);
    ``admissible``, ``uncertain``, ``undecided``; and per equilibrium label
    ``exists[label]``, ``ic[label]``, ``d1[label]`` (booleans).

    Examples
    --------
    >>> import sympy as sp
    >>> from alliance_games.parametric import region_data
    >>> p = sp.Symbol("p")
    >>> Eq = type("Eq", (), {"label": "a", "condition": p < sp.Rational(1, 2),
    ...                      "intuitive_condition": sp.true, "d1_condition": sp.true})
    >>> rows = region_records(region_data([Eq()], {p: (0, 1)}, n=2, progress=False))
    >>> [(r["p_exact"], r["exists[a]"]) for r in rows]
    [('1/4', True), ('3/4', False)]
    """
    shape = tuple(data.shape)
    total = int(np.prod(shape)) if shape else 0
    names = [s.name for s in data.symbols]
    if set(names) & {"admissible", "uncertain", "undecided"}:
        raise AllianceGamesError(f"parameter names clash with region columns: {names}")
    flat = {
        "grids": [np.asarray(g).reshape(-1) for g in data.grids],
        "admissible": np.asarray(data.admissible).reshape(-1),
        "uncertain": np.asarray(data.uncertain).reshape(-1),
        "undecided": np.asarray(data.undecided).reshape(-1),
    }
    tables = {which: {lab: np.asarray(getattr(data, which)[lab]).reshape(-1)
                      for lab in data.labels} for which in ("exists", "ic", "d1")}
    fixed = {s.name: exact_text(v) for s, v in data.fixed.items()}
    rows = []
    for k in range(total):
        row: dict[str, Any] = {}
        index = np.unravel_index(k, shape)
        point = data.point(index) if exact else None
        for j, name in enumerate(names):
            row[name] = float(flat["grids"][j][k])
            if exact:
                row[name + "_exact"] = exact_text(point[data.symbols[j]])
        row.update(fixed)
        for key in ("admissible", "uncertain", "undecided"):
            row[key] = bool(flat[key][k])
        for which in ("exists", "ic", "d1"):
            for lab in data.labels:
                row[f"{which}[{lab}]"] = bool(tables[which][lab][k])
        rows.append(row)
    return rows


def region_frame(data: Any, exact: bool = True) -> pandas.DataFrame:
    """:func:`region_records` as a ``pandas.DataFrame`` (one row per point).

    Raises
    ------
    OptionalDependencyError
        pandas is not installed.

    Examples
    --------
    Beer-quiche with the weak type's prior ``p``: the quiche pool exists for
    ``p <= 1/2`` and fails the Intuitive Criterion.

    >>> import sympy as sp
    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.parametric import region_data
    >>> p = sp.Symbol("p")
    >>> res = solve(beer_quiche(p), pure=True)
    >>> df = region_frame(region_data(res, {p: (0, 1)}, n=2, progress=False))
    >>> quiche = "weak:quiche strong:quiche | beer:duel quiche:not_duel"
    >>> df[["p", "p_exact", f"exists[{quiche}]", f"ic[{quiche}]"]].values.tolist()
    [[0.25, '1/4', True, False], [0.75, '3/4', False, False]]
    """
    pd = _pandas("region_frame")
    return pd.DataFrame.from_records(region_records(data, exact=exact))


def region_csv(data: Any, path: str | Path | None = None, exact: bool = True) -> str:
    """Write :func:`region_records` as CSV (standard library only); return the text.

    With ``path`` the file is written too.  Booleans are ``True``/``False``.

    Examples
    --------
    Beer-quiche with the weak type's prior ``p`` (pure equilibria): the beer pool exists
    for ``p <= 1/2``.

    >>> import sympy as sp
    >>> from alliance_games import solve
    >>> from alliance_games.examples import beer_quiche
    >>> from alliance_games.parametric import region_data
    >>> p = sp.Symbol("p")
    >>> res = solve(beer_quiche(p), pure=True)
    >>> text = region_csv(region_data(res, {p: (0, 1)}, n=2, progress=False))
    >>> for line in text.splitlines():  # three of its columns
    ...     cells = line.split(",")
    ...     print(",".join([cells[0], cells[1], cells[5]]))
    p,p_exact,exists[weak:beer strong:beer | beer:not_duel quiche:duel]
    0.25,1/4,True
    0.75,3/4,False
    """
    rows = region_records(data, exact=exact)
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    text = buf.getvalue()
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
