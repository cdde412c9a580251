# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 5. The cases: Europe 1947-49, Asia 1951-54, Hokkaido, and today
#
# Cohen (2025) explains why the United States joined a multilateral alliance the
# Europeans had already built among themselves (Dunkirk 1947, Brussels 1948, NATO 1949)
# but ended up with bilateral and trilateral alliances in Asia (ANZUS, US-Philippines,
# US-Japan in 1951) and an imposed multilateral pact that did not last (SEATO 1954-77).
# His answer: a credible Soviet threat of occupation on land, made worse by Soviet forces
# in East Germany, pushed the Europeans into collective security first; in the Pacific,
# water and the absence of a foothold (Stalin's Hokkaido landing was called off) left the
# threat weak.
#
# `alliance_games.alliance.cases` codes each case as parameter *ranges*, each with a
# verbatim quote from the article -- in particular the **geography primitives**: the
# adversary's offensive power, the distance of its forces, the water share of the approach
# and a foothold.  The threat $\theta$ is never coded: it follows from them.
# `alliance_games.alliance.predictions` solves the model across the ranges.  This notebook
# walks through the coding, the geography, the
# model's predictions beside what happened -- including where they disagree -- and the
# counterfactuals.  The predictions are the model's, not the paper's.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import sympy as sp
from IPython.display import Markdown, display

from alliance_games.alliance import geography as geo
from alliance_games.alliance.analysis import sweep
from alliance_games.alliance.cases import CASES, GEOGRAPHY, case_box, theta_range
from alliance_games.alliance.predictions import predict_all

# %% [markdown]
# ## 5.1 The coding: geography as primitives
#
# Every coded range comes with the passage that justifies it; everything not coded stays
# at the baseline.  Europe: strong Soviet ground forces close by over land, with a foothold
# in East Germany.  Asia: weaker Soviet power in the Pacific, far away across water, no
# foothold (the Hokkaido landing was called off).

# %%
rows = ["| case | coded ranges | theta over the box | outcome |", "|---|---|---|---|"]
for c in CASES.values():
    ranges = "; ".join(f"{k} in [{r.lo}, {r.hi}]" for k, r in c.ranges.items())
    lo, hi = theta_range(c)
    rows.append(f"| {c.name} | {ranges} | [{float(lo):.2f}, {float(hi):.2f}] | "
                f"{c.outcome.description} |")
display(Markdown("\n".join(rows)))

nato = CASES["NATO 1949"]
for k in GEOGRAPHY:
    r = nato.ranges[k]
    print(f"NATO, {k} in [{r.lo}, {r.hi}]: {r.reason}\n  \"{r.quote}\" ({r.citation})")
assert all("theta" not in c.ranges for c in CASES.values())
assert all(set(GEOGRAPHY) <= set(c.ranges) for c in CASES.values())
assert all(c.ranges[k].quote for c in CASES.values() for k in c.ranges)

# %% [markdown]
# ## 5.2 The threat that the geography implies
#
# The threat over each case's coded box (exact, at the corners: theta is monotone in each
# primitive).  Europe's range lies above Asia's because of power, distance, water and the
# foothold together -- not because a theta was written down.  A foothold in northern
# Hokkaido widens the Asian range upward.

# %%
ranges = {k: theta_range(k) for k in CASES}
for k, (lo, hi) in ranges.items():
    print(f"{k:42s} theta in [{float(lo):.3f}, {float(hi):.3f}]")
assert ranges["Pacific 1951"][1] < ranges["NATO 1949"][0]
assert ranges["Hokkaido occupied 1945 (counterfactual)"][1] > ranges["Pacific 1951"][1]
assert ranges["NATO 1949"] == (sp.Rational(20, 33), sp.Rational(8, 9))
# NATO at two water shares of the approach: different threats, different games
mid = {s.name: v for s, v in case_box("NATO 1949").items()}
t0, t1 = (geo.theta(None, dict(mid, s_w=w)) for w in (0, sp.Rational(1, 10)))
print("NATO midpoint, water share 0 vs 1/10:", t0, t1)
assert t0 > t1

# %% [markdown]
# ## 5.3 The model along the threat
#
# One line of exact solves along $\theta$ (power rising, everything else at the baseline)
# and each case's implied range of $\theta$ drawn under it.

# %%
grid = ["1/10", "1/5", "3/10", "1/2", "7/10", "4/5"]
line = sweep([{"theta": t} for t in grid], "land", progress=False, processes=2)
assert line.ok.all()
pr_cs = line.selected("pr_cs")
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(line.theta, pr_cs, "ko-", label="Pr(CS), selected")
ax.plot(line.theta, line.selected("design[cs][M]"), "s--", color="C2",
        label="Pr(patron joins: M | CS)")
for k, (name, (lo, hi)) in enumerate(ranges.items()):
    ax.plot([float(lo), float(hi)], [-0.15 - 0.08 * k] * 2, lw=5, solid_capstyle="butt",
            label=name)
ax.set_xlabel(r"occupation threat $\theta$")
ax.set_ylim(-0.75, 1.1)
ax.set_yticks([0, 0.5, 1])
ax.legend(fontsize="small", frameon=False, loc="center left", bbox_to_anchor=(1, 0.5))
ax.set_title("Selected equilibrium along theta, and each case's implied range")
plt.show()
assert pr_cs.tolist()[:3] == [0, 0, 0] and pr_cs.tolist()[3:] == [0.5] * 3

# %% [markdown]
# ## 5.4 Predictions at the midpoint of each case's box
#
# The score is strict: the probability the selected equilibrium gives to what happened.
# "CS if resolved" ($\Pr(CS) = q = 1/2$) gives probability 1/2 to "CS formed", so it is a
# hit for neither outcome.

# %%
preds = {p.case.name: p for p in predict_all(n=0, corners=False, processes=2,
                                              progress=False)}
rows = ["| case | theta | selected | CS | design | score | observed |",
        "|---|---|---|---|---|---|---|"]
for k, p in preds.items():
    q = p.points[0]
    rows.append(f"| {k} | {float(q.theta):.3f} | {q.kind} | {q.cs_forms} | {q.design} | "
                f"{p.matches:.2f} | {p.outcome.design or '-'} |")
display(Markdown("\n".join(rows)))
mid = {k: p.points[0] for k, p in preds.items()}
assert all(q.error is None for q in mid.values())

# %% [markdown]
# **Europe.** At the midpoints of Brussels and NATO the model separates: resolved clients
# form collective security and the patron joins (M); at Dunkirk's the irresolute type also
# commits sometimes (a semi-separating equilibrium).  Since CS forms only if the bloc is
# resolved, the strict score for NATO (CS formed, then M) is 1/2, not 1.
#
# **Asia.** At the Pacific and SEATO midpoints ($\theta \approx 0.16$) nobody commits --
# as observed -- but the patron forms no alliance (N), where the record shows spokes (B) in
# 1951 and an imposed pact (I) in 1954: score 0.  At baseline values of what the cases do
# not code, the patron gets nothing from spokes ($g_B = 0$).
#
# **Hokkaido.** At the midpoint of the counterfactual foothold ($\phi = 2/3$) the threat is
# still low ($\theta \approx 0.33$) and the model predicts no collective security -- unlike
# the article's expectation; only a foothold near the whole approach lifts the Asian
# threat into the separating region.
#
# **QUAD.** At the midpoint of the wide coded box the model separates with M.

# %%
for k in ("Brussels 1948", "NATO 1949"):
    assert mid[k].kind == "separating" and mid[k].cs_forms == "if resolved"
    assert mid[k].message == "cs" and mid[k].design == "M"
assert mid["Dunkirk 1947"].design == "M" and mid["Dunkirk 1947"].cs_forms == "if resolved"
assert preds["NATO 1949"].matches == 0.5 and preds["NATO 1949"].hits == 0.0
for k in ("Pacific 1951", "SEATO 1954"):
    assert mid[k].cs_forms == "never" and mid[k].design == "N"
    assert preds[k].matches == 0.0
hk = mid["Hokkaido occupied 1945 (counterfactual)"]
assert hk.cs_forms == "never"
quad = mid["Indo-Pacific today (QUAD)"]
assert quad.cs_forms == "if resolved" and quad.design == "M"
