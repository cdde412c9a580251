"""Write the report of the CSA model: equilibria, maps, hypotheses H1-H7 and the cases.

:func:`write_report` solves everything it shows (exactly, at rational points, on worker
processes with progress bars) and writes ``report.md`` with PNG figures next to it:

* ``map_theta_a.png``: the selected equilibrium over the occupation threat ``theta``
  (through ``pi_A``, land theatre) and the hand-tying cost ``a``;
* ``pr_cs_theta.png``: ``Pr(CS)`` against ``theta`` in the land and sea theatres
  (selected equilibrium, with the range over surviving equilibria);
* ``duration_design.png``: expected alliance duration by design against ``theta``.

The CLI ``alliance-games report [--out DIR] [--n N]`` calls ``write_report(DIR, n=N)``.

Examples
--------
>>> from pathlib import Path
>>> path = write_report("/tmp/csa-report", n=2, progress=False)  # doctest: +SKIP
>>> Path(path).name  # doctest: +SKIP
'report.md'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp

from alliance_games.alliance.analysis import SolvedPoint, solve_point, sweep
from alliance_games.alliance.hypotheses import HypothesisResult, _short, all_hypotheses
from alliance_games.alliance.parameters import CITATION
from alliance_games.alliance.predictions import CasePrediction, predict_all
from alliance_games.errors import require

__all__ = ["write_report", "FIGURES"]

#: File names of the figures :func:`write_report` writes.
FIGURES = ("map_theta_a.png", "pr_cs_theta.png", "duration_design.png")
TIMEOUT = 30.0


def _plt():
    mpl = require("matplotlib", "the report's figures")
    mpl.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def _grid(lo: str, hi: str, k: int) -> list[sp.Rational]:
    lo_, hi_ = sp.Rational(lo), sp.Rational(hi)
    return [lo_ + (hi_ - lo_) * sp.Rational(i, max(k - 1, 1)) for i in range(k)]


def _eq_class(sp_: Any) -> str:
    if not isinstance(sp_, SolvedPoint):
        return "unsolved"
    s = sp_.selected_summary
    eq = sp_.selected_equilibrium
    designs = []
    for m in ("no_cs", "cs"):
        if m in eq.on_path:
            ds = [d for d, p in eq.receiver[m].items() if sp.sympify(p) != 0]
            designs.append(f"{m}:{'+'.join(ds)}")
    return f"{s.kind} ({', '.join(designs)})"


def _map_figure(res, thetas, avals, path: Path) -> list[str]:
    plt = _plt()
    classes = [_eq_class(s) for s in res.solved]
    names = sorted(set(classes))
    code = np.array([names.index(c) for c in classes]).reshape(len(thetas), len(avals))
    multi = np.array([isinstance(s, SolvedPoint) and len(s.survivors) > 1
                      for s in res.solved]).reshape(code.shape)
    fig, ax = plt.subplots(figsize=(8, 5))
    cmap = plt.get_cmap("tab10" if len(names) <= 10 else "tab20")
    tx = np.array([float(t) for t in thetas])
    ay = np.array([float(a) for a in avals])

    def edges(v):
        if v.size == 1:
            return np.array([v[0] - 0.5, v[0] + 0.5])
        st = v[1] - v[0]
        return np.concatenate([[v[0] - st / 2], v + st / 2])

    ax.pcolormesh(edges(tx), edges(ay), code.T, cmap=cmap, vmin=-0.5,
                  vmax=cmap.N - 0.5, shading="flat")
    if multi.any():
        xs, ys = np.nonzero(multi)
        ax.scatter(tx[xs], ay[ys], marker="x", color="k", s=14,
                   label="several equilibria survive IC")
    from matplotlib.patches import Patch
    handles = [Patch(color=cmap(i), label=n) for i, n in enumerate(names)]
    if multi.any():
        handles.append(plt.Line2D([], [], marker="x", color="k", linestyle="",
                                  label="several survive IC"))
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.02, 0.5),
              fontsize="small", frameon=False)
    ax.set_xlabel("occupation threat theta (land; via pi_A)")
    ax.set_ylabel("hand-tying cost a")
    ax.set_title("Selected equilibrium (IC survivors, H-preferred)")
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return names


def _line_figures(land, sea, out: Path) -> None:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4))
    for res, name, c in ((land, "land", "C0"), (sea, "sea", "C1")):
        a = res["pr_cs"]
        ax.plot(res.theta, a[:, 0], "o-", color=c, label=f"{name} (selected)")
        ax.fill_between(res.theta, a[:, 1], a[:, 2], color=c, alpha=0.2,
                        label=f"{name} (range over IC survivors)")
    ax.set_xlabel("occupation threat theta")
    ax.set_ylabel("Pr(CS)")
    ax.set_ylim(-0.05, 1.05)
    ax.legend(fontsize="small")
    ax.set_title("Pr(collective security) against the threat (same theta grid per theatre)")
    fig.savefig(out / FIGURES[1], dpi=110, bbox_inches="tight")
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(7, 4))
    for key, c in (("E[T_M]", "C2"), ("E[T_I]", "C3"), ("E[T_B]", "C4")):
        ax.plot(land.theta, land[key][:, 0], "o-", color=c, label=f"{key} (land, selected)")
    ax.set_xlabel("occupation threat theta (land)")
    ax.set_ylabel("expected duration (periods)")
    ax.set_title("Expected alliance duration by design (where the design forms)")
    ax.legend(fontsize="small")
    fig.savefig(out / FIGURES[2], dpi=110, bbox_inches="tight")
    plt.close(fig)


def _cell(text: Any) -> str:
    """Escape a Markdown table cell (labels contain ``|``)."""
    return str(text).replace("|", "\\|")


def _f(x: Any) -> str:
    if x is None:
        return "-"
    return f"{float(sp.N(x, 17)):.4g}"


def _baseline_section(base: SolvedPoint) -> list[str]:
    from alliance_games import verify
    lines = ["## Equilibria at the baseline (land)", "",
             f"theta = {base.theta}; {len(base.equilibria)} equilibria, "
             f"{len(base.survivors)} survive the Intuitive Criterion; selected: "
             f"`{base.selected_summary.label}`.", "",
             "| equilibrium | kind | IC | D1 | verify() | Pr(CS) | E[T] | V_P |",
             "|---|---|---|---|---|---|---|---|"]
    for e, s in zip(base.equilibria, base.summaries):
        v = verify(e.game, e)
        ok = "ok" if v.ok else "FAILED: " + "; ".join(v.failures)[:120]
        lines.append(f"| `{_cell(s.label)}` | {s.kind} | {s.intuitive} | {s.d1} | {ok} | "
                     f"{_f(s.values['pr_cs'])} | {_f(s.values['E[T]'])} | "
                     f"{_f(s.values['V_P'])} |")
    lines += ["", "Quantities: selected [min, max over IC survivors]:", "",
              "| quantity | selected | min | max |", "|---|---|---|---|"]
    for k, q in base.quantities.items():
        lines.append(f"| {k} | {_f(q.selected)} | {_f(q.min)} | {_f(q.max)} |")
    return lines + [""]


def _hypothesis_section(results: Sequence[HypothesisResult]) -> list[str]:
    lines = ["## Hypotheses", "",
             "Each row: the paper's claim (verbatim), the property computed, the share of "
             "applicable sampled points where it holds in the selected equilibrium, whether "
             "the verdict changes between surviving equilibria somewhere, and a failing "
             "point (parameters that differ from the baseline).", "",
             "| H | claim | property | holds | applicable / evaluated | n, seed | depends on "
             "selection | failing point |", "|---|---|---|---|---|---|---|---|"]
    for r in results:
        share = "n/a" if np.isnan(r.share) else f"{r.share:.0%}"
        fail = f"`{_short(r.fail_examples[0])}`" if r.fail_examples else "none found"
        lines.append(f"| {r.name} | \"{_cell(r.claim)}\" | {_cell(r.property)} | {share} | "
                     f"{r.n_applicable} / {len(r.points)} | {r.n}, {r.seed} | "
                     f"{'yes' if r.depends_on_selection else 'no'} | {fail} |")
    lines += ["", "Components:", ""]
    for r in results:
        for k, v in r.parts.items():
            lines.append(f"- {r.name}, {k}: holds at {int(np.sum(v & r.applicable))} of "
                         f"{r.n_applicable} applicable points")
        for note in r.notes:
            lines.append(f"- {r.name}: {note}")
        if r.failed:
            lines.append(f"- {r.name}: {r.failed} points unsolved (timeout) and left out")
    box = results[0].box if results else ""
    return lines + ["", f"Sampled box: {box}.", ""]


def _case_section(preds: Sequence[CasePrediction]) -> list[str]:
    lines = ["## Historical cases", "",
             "Predictions over each case's coded ranges (corners, midpoint and interior "
             "points; everything else at the baseline).  `if resolved`: CS forms only if the "
             "bloc is resolved (a separating or semi-separating equilibrium).", "",
             "| case | theatre | predicted design (after the observed message) | CS forms | "
             "E[T] range | flips in range | observed | agreement |",
             "|---|---|---|---|---|---|---|---|"]
    for p in preds:
        lo, hi = p.duration_range()
        out = p.outcome
        obs = f"design {out.design or '-'}, CS " + (
            "-" if out.cs_formed is None else ("yes" if out.cs_formed else "no"))
        if out.ended:
            obs += f", ended {out.ended}"
        agree = "n/a" if np.isnan(p.matches) else f"{p.matches:.0%}"
        lines.append(f"| {p.case.name} | {p.case.theatre} | "
                     f"{'/'.join(sorted(d for d in p.designs if d)) or '-'} | "
                     f"{'/'.join(sorted(p.cs_forms)) or '-'} | [{lo:.3g}, {hi:.3g}] | "
                     f"{'yes' if p.flips else 'no'} | {obs} | {agree} |")
    return lines + [""]


def write_report(out_dir: str | Path, n: int = 12, *, processes: int = 2,
                 progress: bool = True, seed: int = 0, case_corners: bool = True) -> Path:
    """Solve the model and write ``report.md`` and the figures in :data:`FIGURES`.

    Parameters
    ----------
    out_dir
        Directory (created if needed).
    n
        Resolution: the theta axis of the map and the sample size of the hypotheses
        (the map has ``max(n // 2, 2)`` values of ``a``, the theta lines ``n`` points,
        the cases their corners and midpoint plus ``n // 6`` interior points).
    processes
        Worker processes.
    case_corners
        Evaluate the cases at the corners of their coded boxes (else the midpoint and
        interior points only).

    Returns
    -------
    Path
        The path of ``report.md``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    n = max(int(n), 2)
    thetas = _grid("1/10", "17/20", n)
    avals = _grid("0", "6", max(n // 2, 2))
    grid = [{"theta": t, "a": a} for t in thetas for a in avals]
    kw = dict(processes=processes, progress=progress, timeout=TIMEOUT)
    res_map = sweep(grid, "land", **kw)
    classes = _map_figure(res_map, thetas, avals, out / FIGURES[0])
    line = [{"theta": t} for t in thetas]
    land, sea = sweep(line, "land", **kw), sweep(line, "sea", **kw)
    _line_figures(land, sea, out)
    base = solve_point()
    hyps = all_hypotheses(n=n, seed=seed, processes=processes, progress=progress,
                          line=max(n // 2, 3))
    preds = predict_all(n // 6, corners=case_corners, processes=processes,
                        progress=progress)
    lines = ["# The collective-security-and-alliance (CSA) model: report", "",
             f"Model of {CITATION} (our formalisation; the paper has no formal model). "
             "Every equilibrium is computed exactly at rational points; the selected "
             "equilibrium is, among those surviving the Intuitive Criterion, the one the "
             "resolved type prefers (ties to the most informative).", "",
             f"Resolution n = {n}; seed = {seed}.", ""]
    lines += _baseline_section(base)
    unsolved = int((~res_map.ok).sum())
    lines += ["## Equilibrium map", "", f"![map]({FIGURES[0]})", "",
              f"Grid: {len(thetas)} values of theta in [1/10, 17/20] x {len(avals)} values of "
              f"a in [0, 6] (land). Selected-equilibrium classes: "
              + "; ".join(f"`{c}`" for c in classes)
              + (f". {unsolved} points unsolved within {TIMEOUT:.0f} s." if unsolved else "."),
              "", "## Collective security against the threat", "", f"![pr_cs]({FIGURES[1]})",
              "", "The theatre enters the model only through theta (geography.theta), so at "
              "equal theta the two theatres give the same equilibria; the sea theatre has "
              "a lower theta at equal power and distance (H7's encoding check).", "",
              "| theta | Pr(CS) land | Pr(CS) sea | selected (land) | selected (sea) |",
              "|---|---|---|---|---|"]
    for i, t in enumerate(thetas):
        lines.append(f"| {t} | {land['pr_cs'][i, 0]:.3g} | {sea['pr_cs'][i, 0]:.3g} | "
                     f"{land.kinds[i]} | {sea.kinds[i]} |")
    lines += ["", "## Alliance duration by design", "", f"![duration]({FIGURES[2]})", ""]
    lines += _hypothesis_section(hyps)
    lines += _case_section(preds)
    path = out / "report.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
