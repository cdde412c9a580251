"""Write the report of the CSA model for political scientists.

:func:`write_report` solves everything it shows (exactly, at rational points, on worker
processes with progress bars) and writes ``report.md`` with PNG figures next to it.  The
report is deterministic: the same arguments give byte-identical files (no timeouts, seeded
samples, results in input order).  Contents: the model in words and formulas, a glossary
generated from the parameter table and the labels, the baseline equilibria, certified
thresholds along the threat, the equilibrium map, geography, duration and entrapment,
the clients' collective-action threshold, one section per hypothesis (share with a 95%
Wilson interval, where it holds and fails in named parameters, the parameters that drive
the verdict), the robustness of the verdicts to the functional forms (:mod:`.robustness`:
the contest exponent and the exit distribution, on a prefix of the same sample) and the
historical cases.  Figures:

* ``map_theta_a.png``: the selected equilibrium over the occupation threat ``theta``
  (through ``pi_A``, land theatre) and the hand-tying cost ``a``;
* ``pr_cs_theta.png``: ``Pr(CS)`` against the adversary's offensive power and against
  distance, land and sea as separate curves (selected equilibrium, with the range over
  surviving equilibria);
* ``duration_design.png``: expected alliance duration by design against ``theta``;
* ``entrapment.png``: the probability that the patron is drawn into a war it would not have
  chosen, by design, against ``theta``;
* ``geography_map.png``: ``Pr(CS)`` over offensive power x distance, land and sea.

The CLI ``alliance-games report [--out DIR] [--n N] [--samples S]`` calls
``write_report(DIR, n=N, samples=S)``.

Examples
--------
>>> from pathlib import Path
>>> path = write_report("/tmp/csa-report", n=2, progress=False)  # doctest: +SKIP
>>> Path(path).name  # doctest: +SKIP
'report.md'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp

from alliance_games.alliance.analysis import SolvedPoint, sign, solve_point, sweep
from alliance_games.alliance.cases import theta_range
from alliance_games.alliance.collective_action import commitment_threshold
from alliance_games.alliance.geography import pi_for_theta
from alliance_games.alliance.geostatics import (
    GeographyCurve,
    GeographyMap,
    geography_curves,
    geography_map,
)
from alliance_games.alliance.hypotheses import DEFAULT_BOX, HypothesisResult, all_hypotheses
from alliance_games.alliance.hypotheses import wilson_interval as _wilson
from alliance_games.alliance.parameters import CITATION, PARAMETERS, S, baseline, parameter
from alliance_games.alliance.predictions import CasePrediction, predict_all
from alliance_games.alliance.robustness import RobustnessTable, robustness
from alliance_games.alliance.thresholds import theta_thresholds
from alliance_games.errors import ParameterError, require
from alliance_games.verify import verify

__all__ = ["write_report", "FIGURES"]

#: File names of the figures :func:`write_report` writes.
FIGURES = ("map_theta_a.png", "pr_cs_theta.png", "duration_design.png", "entrapment.png",
           "geography_map.png")


_META = {"Software": None}


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
    fig.savefig(path, dpi=110, bbox_inches="tight", metadata=_META)
    plt.close(fig)
    return names


def _geo_figure(curves: Sequence[GeographyCurve], out: Path) -> None:
    plt = _plt()
    fig, axes = plt.subplots(1, len(curves), figsize=(6 * len(curves), 4), squeeze=False)
    labels = {"pi_A": "adversary's offensive power pi_A (distance d = 1)",
              "d": "distance d (offensive power pi_A = 4)"}
    for ax, c in zip(axes[0], curves):
        x = np.array([float(v) for v in c.values])
        for name, col, mk, ls in (("land", "C0", "o", "-"), ("sea", "C1", "s", "--")):
            a = c.results[name]["pr_cs"]
            ax.plot(x, a[:, 0], marker=mk, linestyle=ls, color=col,
                    label=f"{name} (s_w = {0 if name == 'land' else 1}), selected")
            ax.fill_between(x, a[:, 1], a[:, 2], color=col, alpha=0.15,
                            label=f"{name}: range over IC survivors")
        ax.set_xlabel(labels[c.axis])
        ax.set_ylabel("Pr(CS)")
        ax.set_ylim(-0.05, 1.05)
        ax.legend(fontsize="small")
    fig.suptitle("Pr(collective security): the same power and distance over land and water")
    fig.savefig(out / FIGURES[1], dpi=110, bbox_inches="tight", metadata=_META)
    plt.close(fig)


def _duration_figure(land, out: Path) -> None:
    plt = _plt()
    drawn = False
    fig, ax = plt.subplots(figsize=(7, 4))
    for key, c in (("E[T_M]", "C2"), ("E[T_I]", "C3"), ("E[T_B]", "C4")):
        y = land[key][:, 0]
        if np.all(np.isnan(y)):
            continue
        ax.plot(land.theta, y, "o-", color=c, label=f"{key} (land, selected)")
        drawn = True
    ax.set_xlabel("occupation threat theta (land)")
    ax.set_ylabel("expected duration (model periods)")
    ax.set_title("Expected alliance duration by design (where the design forms)")
    if drawn:
        ax.legend(fontsize="small")
    fig.savefig(out / FIGURES[2], dpi=110, bbox_inches="tight", metadata=_META)
    plt.close(fig)


def _cell(text: Any) -> str:
    """Escape a Markdown table cell (labels contain ``|``)."""
    return str(text).replace("|", "\\|")


def _f(x: Any) -> str:
    if x is None:
        return "-"
    return f"{float(sp.N(x, 17)):.4g}"


def _baseline_section(base: SolvedPoint) -> list[str]:
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


def _entrapment_figure(land, out: Path) -> None:
    plt = _plt()
    drawn = False
    fig, ax = plt.subplots(figsize=(7, 4))
    for key, c, mk in (("entrapment", "k", "o"), ("entrapment[M]", "C2", "s"),
                       ("entrapment[I]", "C3", "^"), ("entrapment[B]", "C4", "v")):
        y = land[key][:, 0]
        if np.all(np.isnan(y)):
            continue
        ax.plot(land.theta, y, marker=mk, color=c, label=f"{key} (land, selected)")
        drawn = True
    ax.set_xlabel("occupation threat theta (land; offensive power rising)")
    ax.set_ylabel("per-period probability")
    ax.set_title("Entrapment: the patron fights only because it is committed")
    if drawn:
        ax.legend(fontsize="small")
    fig.savefig(out / FIGURES[3], dpi=110, bbox_inches="tight", metadata=_META)
    plt.close(fig)


def _geo_map_figure(gm: GeographyMap, out: Path) -> None:
    plt = _plt()
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
    x = np.array([float(v) for v in gm.power])
    y = np.array([float(v) for v in gm.distance])

    def edges(v):
        if v.size == 1:
            return np.array([v[0] - 0.5, v[0] + 0.5])
        st = v[1] - v[0]
        return np.concatenate([[v[0] - st / 2], v + st / 2])

    for ax, t in zip(axes, ("land", "sea")):
        mesh = ax.pcolormesh(edges(x), edges(y), gm.pr_cs[t], vmin=0, vmax=1, cmap="viridis",
                             shading="flat")
        ax.set_title(f"{t} (water share {0 if t == 'land' else 1})")
        ax.set_xlabel("adversary's offensive power pi_A")
    axes[0].set_ylabel("distance d")
    fig.colorbar(mesh, ax=axes, label="Pr(CS), selected equilibrium")
    fig.savefig(out / FIGURES[4], dpi=110, bbox_inches="tight", metadata=_META)
    plt.close(fig)


# ------------------------------------------------------------------------- text parts
_DESIGNS = {"N": "no alliance", "B": "bilateral spokes (patron-client treaties)",
            "M": "the patron joins the clients' own multilateral treaty",
            "I": "the patron imposes a multilateral treaty on clients who did not commit"}
_KINDS = {"pooling": "both types do the same (the choice reveals nothing)",
          "separating": "the resolved and the irresolute bloc choose differently",
          "semi-separating": "one type mixes (the choice is partly informative)",
          "hybrid": "one type mixes (the choice is partly informative)"}


def _summary() -> list[str]:
    return [
        "## The model in brief", "",
        "Two clients facing an adversary, and a patron.  The clients know whether they are "
        "resolved (type H: they value the status quo highly and help each other cheaply) or "
        "irresolute (L); the patron and the adversary do not.  The clients first choose "
        "whether to form **collective security** (CS: a mutual-defence treaty, costly to "
        "break, cost `a`).  The patron sees the choice and picks a design (below).  The "
        "adversary sees both, and attacks a client with a probability that falls with the "
        "chance the defence holds.  In a war the partner helps or not, the patron fights or "
        "not, and the defence holds with the Tullock probability `D / (D + A_eff)`.", "",
        "Geography makes the threat: `theta = A_eff / (A_eff + kappa)` with "
        "`A_eff = pi_A / (1 + (1 - phi) d (1 + (beta_w - 1) s_w))` -- offensive power "
        "`pi_A`, distance `d`, water share of the approach `s_w`, stopping power of water "
        "`beta_w`, foothold `phi`.  Alliances last while every member gains from them: "
        "each period a member leaves when its gain plus a logistic shock turns negative.  "
        "**A period** is the model's unit of time, one round in which every member may "
        "leave; it has no calendar length and is never compared with years.", "",
        "We compute every perfect Bayesian equilibrium exactly and select, among those "
        "surviving the Intuitive Criterion, the one the resolved type prefers (ties to the "
        "most informative).  Full specification: `docs/model.md`.", ""]


def _glossary() -> list[str]:
    lines = ["## Glossary", "", "Parameters (generated from the model's parameter table):",
             "", "| name | meaning | baseline | range in sweeps |", "|---|---|---|---|"]
    for p in PARAMETERS:
        lines.append(f"| `{p.name}` | {_cell(p.meaning)} | {p.baseline} | "
                     f"[{p.box[0]}, {p.box[1]}] |")
    lines += ["", "Labels:", "", "| label | meaning |", "|---|---|",
              "| `cs` / `no_cs` | the clients formed collective security / did not |",
              "| `L` / `H` | irresolute / resolved clients |"]
    lines += [f"| `{k}` | {v} |" for k, v in _DESIGNS.items()]
    lines += [f"| {k} | {v} |" for k, v in _KINDS.items()]
    lines += ["| `L:no_cs H:cs \\| no_cs:I cs:M` | an equilibrium: the irresolute bloc stays "
              "out, the resolved bloc commits; the patron imposes I after no CS and joins "
              "(M) after CS |",
              "| theta | credible occupation threat: the chance the adversary defeats an "
              "unaided client |",
              "| Pr(CS) | ex-ante probability that collective security forms |",
              "| E[T_d] | expected duration of design d, in model periods |",
              "| V_P | the patron's duration-weighted (discounted) value |",
              "| entrapment | per-period probability that the patron is drawn into a war it "
              "would not have chosen (it fights only because it is committed) |",
              "| IC, D1 | equilibrium refinements (Intuitive Criterion, D1) |", ""]
    return lines


def _named(point: Mapping[str, Any]) -> str:
    base = {s.name: v for s, v in baseline().items()}
    diff = [(k, v) for k, v in point.items() if base.get(k) != v]
    if not diff:
        return "the baseline"
    return "; ".join(f"{parameter(k).meaning.split('(')[0].split(':')[0].strip()} "
                     f"`{k}` = {v} (baseline {base[k]})" for k, v in diff)


def _drivers(r: HypothesisResult, box: Mapping[Any, tuple]) -> str:
    """Parameters whose position in the box differs most between holding and failing points."""
    hold = [p for p, h, a in zip(r.points, r.holds, r.applicable) if a and h]
    fail = [p for p, h, a in zip(r.points, r.holds, r.applicable) if a and not h]
    if not hold or not fail:
        return "-"
    diffs = []
    for sym, (lo, hi) in box.items():
        lo, hi = sp.Rational(lo), sp.Rational(hi)
        if hi == lo or sym.name not in hold[0]:
            continue

        def pos(p, sym=sym, lo=lo, hi=hi):
            return float((sp.Rational(p[sym.name]) - lo) / (hi - lo))

        d = np.mean([pos(p) for p in hold]) - np.mean([pos(p) for p in fail])
        diffs.append((abs(d), sym.name, d))
    diffs.sort(key=lambda x: (-x[0], x[1]))
    return ", ".join(f"`{name}` {'higher' if d > 0 else 'lower'} where it holds "
                     f"({d:+.2f} of its range)" for _, name, d in diffs[:3])


def _hypothesis_sections(results: Sequence[HypothesisResult], box) -> list[str]:
    lines = ["## Hypotheses", "",
             "For each hypothesis: the paper's words, the property computed, and over the "
             "sampled points where it applies the share where it holds in the selected "
             "equilibrium, with a 95% Wilson interval.  Not applicable is counted apart from "
             "fails.  Drivers: the parameters whose position in the sampled box differs most "
             "between holding and failing points (descriptive, not causal).", "",
             "| H | holds | 95% interval | holds / fails / not applicable | depends on "
             "selection |", "|---|---|---|---|---|"]
    for r in results:
        k = int((r.holds & r.applicable).sum())
        na = int((~r.applicable).sum())
        lo, hi = _wilson(k, r.n_applicable)
        share = "n/a" if np.isnan(r.share) else f"{r.share:.0%}"
        ci = "-" if np.isnan(lo) else f"[{lo:.0%}, {hi:.0%}]"
        lines.append(f"| {r.name} | {share} | {ci} | {k} / {r.n_applicable - k} / {na} | "
                     f"{'yes' if r.depends_on_selection else 'no'} |")
    lines.append("")
    for r in results:
        lines += [f"### {r.name}", "", f"> \"{r.claim}\" ({r.citation})", "",
                  f"Property: {r.property}.", ""]
        for part, v in r.parts.items():
            app = r.applicable
            lines.append(f"- part *{part}*: true at {int(np.sum(v & app))} of "
                         f"{r.n_applicable} applicable points")
        for note in r.notes:
            lines.append(f"- {note}")
        if r.failed:
            lines.append(f"- {r.failed} points not solved (the package's error), left out")
        lines.append(f"- drivers: {_drivers(r, box)}")
        lines.append(f"- fails at: {_named(r.fail_examples[0])}" if r.fail_examples
                     else "- fails at: no sampled point")
        lines.append(f"- holds at: {_named(r.hold_examples[0])}" if r.hold_examples
                     else "- holds at: no sampled point")
        lines.append("")
    box_txt = results[0].box if results else ""
    return lines + [f"Sampled box: {box_txt}.", ""]


def _case_section(preds: Sequence[CasePrediction]) -> list[str]:
    lines = ["## Historical cases", "",
             "Each case codes the geography primitives (power, distance, water share, "
             "foothold) and a few parameters as ranges, each with a quoted sentence of the "
             "paper; theta follows from them (its exact range over the coded box is shown). "
             "Predictions over the coded box (corners, midpoint, interior points).  `if "
             "resolved`: CS forms only if the bloc is resolved.  Score: the probability the "
             "selected equilibrium gives to what happened (mean over the box); hits: share "
             "of points where that probability is 1 (strict: `if resolved` is a hit for "
             "neither outcome).  Durations are in model periods, not years.", "",
             "| case | theatre | theta range | predicted design | CS forms | E[T] (periods) "
             "| flips in range | observed | score | hits |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for p in preds:
        lo, hi = p.duration_range()
        out = p.outcome
        obs = f"design {out.design or '-'}, CS " + (
            "-" if out.cs_formed is None else ("yes" if out.cs_formed else "no"))
        if out.ended:
            obs += f" (ended in {out.ended})"
        tlo, thi = theta_range(p.case)
        score = "n/a" if np.isnan(p.matches) else f"{p.matches:.2f}"
        hits = "n/a" if np.isnan(p.hits) else f"{p.hits:.0%}"
        lines.append(f"| {p.case.name} | {p.case.theatre} | [{float(tlo):.2f}, "
                     f"{float(thi):.2f}] | {'/'.join(sorted(d for d in p.designs if d)) or '-'}"
                     f" | {'/'.join(sorted(p.cs_forms)) or '-'} | [{lo:.3g}, {hi:.3g}] | "
                     f"{'yes' if p.flips else 'no'} | {obs} | {score} | {hits} |")
    return lines + [""]


def _collective_action_section(thetas: Sequence[Any]) -> list[str]:
    lines = ["## The clients' collective-action problem", "",
             "Dropping the bloc assumption, each client decides alone.  Both committing is "
             "an equilibrium iff the peacetime cost of collective security `z_CS` is at most "
             "the exact threshold `z*` below (resolved clients; the patron's designs do not "
             "depend on `z_CS`).  At the baseline `z_CS` = "
             f"{baseline()[S.z_CS]}: where `z*` is below it, each client would rather free "
             "ride, and the signalling game's bloc assumption is a strong one.  For H6 this "
             "is the formal counterpart of the paper's claim that the threat overcomes the "
             "clients' collective-action problem: it does only where `z*` rises with theta.",
             "", "| theta (land) | z* | both commit at baseline z_CS |", "|---|---|---|"]
    zc = baseline()[S.z_CS]
    for t in thetas:
        z = commitment_threshold({"pi_A": pi_for_theta(t, "land", baseline())}, theatre="land")
        lines.append(f"| {t} | {_f(z)} | {'yes' if sign(z - zc) >= 0 else 'no'} |")
    return lines + [""]


def _robustness_section(table: RobustnessTable, samples: int) -> list[str]:
    alts = table.forms[1:]
    lines = ["## Robustness to functional forms", "",
             f"Every hypothesis again with other functional forms, on the first {table.n} "
             f"of the {samples} sampled points above (seed {table.seed})"
             + (f" and theta lines of {table.line} points" if table.line > 1 else
                " (no theta lines)") + ", so that each column sees the same points; the "
             "`baseline` column is the baseline forms on these points (its shares differ "
             "from the table above, which uses the whole sample).  The alternatives:", ""]
    lines += [f"- `{f.label}`: {f.meaning()}." for f in alts]
    lines += ["", "The exit distribution changes only the duration-based checks (H1(b), H2, "
              "H3's durations): the per-period payoffs, hence the equilibria, do not depend "
              "on it.  A less decisive contest (exponent r < 1) is not computed: a "
              "fractional exponent makes the payoffs irrational, which the exact solver does "
              "not take.", "",
              "Each cell: holds / fails / not applicable, the share holding among applicable "
              "points with its 95% Wilson interval, and the verdict (the majority of "
              "applicable points: holds, fails, split, or n/a when none applies).  "
              "*survives*: the same verdict as the baseline column; *changes*: a different "
              "one.  With this few points an interval is wide: a change is a lead to check "
              "with more points (`robustness_samples`), not a finding by itself.", "",
              "| H | " + " | ".join(f"`{x}`" for x in table.labels) + " |",
              "|---|" + "---|" * len(table.labels)]
    changed: list[str] = []
    for h in table.hypotheses:
        row = []
        for f in table.forms:
            c = table.cell(h, f)
            share = "n/a" if c.holds + c.fails == 0 else (
                f"{c.share:.0%} [{c.interval[0]:.0%}, {c.interval[1]:.0%}]")
            txt = f"{c.holds}/{c.fails}/{c.not_applicable}, {share}: {c.verdict}"
            if c.survives is not None:
                txt += " (survives)" if c.survives else " (**changes**)"
                if not c.survives:
                    changed.append(f"{h} under `{f.label}`")
            row.append(txt)
        lines.append(f"| {h} | " + " | ".join(row) + " |")
    lines += ["", "Verdicts that change: " + ("; ".join(changed) if changed else
                                                "none; every verdict survives every "
                                                "alternative on these points") + ".", ""]
    return lines


def write_report(out_dir: str | Path, n: int = 12, *, processes: int = 2,
                 progress: bool = True, seed: int = 0, case_corners: bool = False,
                 thresholds: bool = True, samples: int | None = None,
                 robustness_samples: int | None = None) -> Path:
    """Solve the model and write ``report.md`` and the figures in :data:`FIGURES`.

    Parameters
    ----------
    out_dir
        Directory (created if needed; files are written into it).
    n
        Resolution and sample size: the theta axis of the map and the lines have ``n``
        points, the map ``max(n // 2, 2)`` values of ``a``, the geography curves ``n``
        points and the geography map ``max(n // 2, 2) x max(n // 3, 2)``; the cases
        their midpoint plus ``n // 6`` interior points (and their corners, see
        ``case_corners``).
    processes
        Worker processes.
    seed
        Seed of the hypotheses' sample.  The same arguments give byte-identical output.
    case_corners
        Evaluate the cases at the corners of their coded boxes (else the midpoint and
        interior points only).
    thresholds
        Bracket the changes of the selected equilibrium along theta (about 30 extra
        solves).
    samples
        Size of the seeded sample of the box on which the hypotheses are evaluated
        (default ``10 * n``; each point costs several solves: the patron-first game,
        theta + dtheta, land against sea).
    robustness_samples
        Points (the first of that sample) on which the hypotheses are evaluated again
        under each alternative functional form of
        :data:`~.robustness.ALTERNATIVES` (default ``max(samples // 4, 1)``: each form
        costs as much as the baseline per point), with theta lines of ``n // 4`` points.

    Returns
    -------
    Path
        The path of ``report.md``.

    Examples
    --------
    The smallest report (a few seconds of solving and plotting) writes ``report.md`` and
    every figure of :data:`FIGURES` into the directory:

    >>> import tempfile
    >>> path = write_report(tempfile.mkdtemp(), n=2, samples=1, robustness_samples=1,
    ...                     thresholds=False, processes=1, progress=False)
    >>> written = sorted(f.name for f in path.parent.iterdir())
    >>> path.name, written == sorted(("report.md", *FIGURES))
    ('report.md', True)
    """
    _plt()  # load matplotlib (and fail if it is missing) before minutes of solving
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    n = max(int(n), 2)
    samples = 10 * n if samples is None else samples
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise ParameterError(f"samples must be a positive integer, got {samples!r}")
    rob_n = max(samples // 4, 1) if robustness_samples is None else robustness_samples
    if isinstance(rob_n, bool) or not isinstance(rob_n, int) or not 1 <= rob_n <= samples:
        raise ParameterError(f"robustness_samples must be an integer in [1, samples = "
                             f"{samples}], got {robustness_samples!r}")
    kw = dict(processes=processes, progress=progress)
    thetas = _grid("1/20", "49/50", n)
    avals = _grid("0", "6", max(n // 2, 2))
    res_map = sweep([{"theta": t, "a": a} for t in thetas for a in avals], "land", **kw)
    classes = _map_figure(res_map, thetas, avals, out / FIGURES[0])
    land = sweep([{"theta": t} for t in thetas], "land", **kw)
    _duration_figure(land, out)
    _entrapment_figure(land, out)
    curves = [geography_curves(ax_, n, **kw) for ax_ in ("pi_A", "d")]
    _geo_figure(curves, out)
    gm = geography_map(max(n // 2, 2), max(n // 3, 2), **kw)
    _geo_map_figure(gm, out)
    base = solve_point()
    thr = theta_thresholds(max(n, 3), tol=sp.Rational(1, 50 * n), **kw) if thresholds else ()
    hyps = all_hypotheses(n=samples, seed=seed, line=max(n // 2, 3), **kw)
    rob = robustness(rob_n, seed, sample=samples, line=n // 4, **kw)
    preds = predict_all(n // 6, corners=case_corners, **kw)
    lines = ["# The collective-security-and-alliance (CSA) model: report", "",
             f"A formal model of {CITATION} (our formalisation: the paper has no formal "
             "model, and nothing here is the paper's own table).", "",
             f"Resolution n = {n}; hypotheses on a sample of {samples} points; "
             f"seed = {seed}.", ""]
    lines += _summary()
    lines += _glossary()
    lines += _baseline_section(base)
    lines += ["## Thresholds along the threat (baseline, land)", "",
              "Where the selected equilibrium changes as offensive power (hence theta) rises, "
              "everything else at the baseline.  Each bracket is certified: the game is "
              "solved exactly at both ends, with the left class at the lower end and the "
              "right class at the upper end.", ""]
    lines += ([f"- {t}" for t in thr] or ["- no change on the grid"]) if thresholds else [
        "- not computed in this run (thresholds=False)"]
    lines += ["", "## Equilibrium map", "", f"![map]({FIGURES[0]})", "",
              f"Grid: {len(thetas)} values of theta in [1/20, 49/50] x {len(avals)} values "
              "of the hand-tying cost a in [0, 6] (land).  Classes: kind of the selected "
              "equilibrium and the designs on the path after each message: "
              + "; ".join(f"`{c}`" for c in classes) + ".", "",
              "## Collective security against power and distance, over land and water", "",
              f"![pr_cs]({FIGURES[1]})", "", f"![geography map]({FIGURES[4]})", "",
              "Geography enters through its primitives: the same offensive power and distance "
              "give a lower threat theta when the approach crosses water (s_w = 1) than over "
              "land (s_w = 0).", ""]
    for c in curves:
        lines += [f"| {c.axis} | theta land | Pr(CS) land | selected (land) | theta sea | "
                  "Pr(CS) sea | selected (sea) |", "|---|---|---|---|---|---|---|"]
        L, S_ = c.results["land"], c.results["sea"]
        for i, v in enumerate(c.values):
            lines.append(f"| {v} | {L.theta[i]:.3f} | {L['pr_cs'][i, 0]:.3g} | {L.kinds[i]} | "
                         f"{S_.theta[i]:.3f} | {S_['pr_cs'][i, 0]:.3g} | {S_.kinds[i]} |")
        lines.append("")
    lines += ["## Alliance duration by design", "", f"![duration]({FIGURES[2]})", "",
              "Designs that never form on the path along this line are not drawn.", "",
              "## Entrapment", "", f"![entrapment]({FIGURES[3]})", "",
              "| theta | entrapment | given M | given I |", "|---|---|---|---|"]
    for i, t in enumerate(thetas):
        e = [land[k][i, 0] for k in ("entrapment", "entrapment[M]", "entrapment[I]")]
        lines.append(f"| {t} | " + " | ".join("-" if np.isnan(x) else f"{x:.3g}" for x in e)
                     + " |")
    lines.append("")
    lines += _collective_action_section(thetas)
    lines += _hypothesis_sections(hyps, DEFAULT_BOX)
    lines += _robustness_section(rob, samples)
    lines += _case_section(preds)
    lines += ["## Not done", "",
              "- The geography's exponential gradient exists "
              "(`geography.lam_eff(form='exponential')`) but is not swept here; a contest "
              "exponent below 1 is not solvable exactly (irrational payoffs).", ""]
    path = out / "report.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
