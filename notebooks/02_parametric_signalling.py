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
# # 2. Parametric signalling: Spence, and Fearon's tying hands versus sinking costs
#
# With symbolic payoffs `solve` returns each equilibrium family together with the exact
# condition on the parameters under which it exists (`eq.condition`), survives the
# Intuitive Criterion (`eq.intuitive_condition`) and survives D1 (`eq.d1_condition`).
# This notebook derives those conditions by hand -- incentive constraints, Bayes' rule,
# equilibrium dominance -- for two classic games, asserts that they equal the package's,
# and then draws region maps and signs comparative statics.
#
# Parametric solves take a few seconds each; the notebook runs four of them.

# %%
# %matplotlib inline
import warnings

import numpy as np
import sympy as sp
from IPython.display import Math, display

from alliance_games import DegenerateGameWarning, SignallingGame, solve, verify
from alliance_games.examples import spence_education
from alliance_games.parametric import (
    comparative_statics,
    quantity_curve,
    region_data,
    region_map,
    where,
)
from alliance_games.parametric.regions import exact_subs
from alliance_games.plotting import plot_quantity, plot_regions


def show(label, expr):
    display(Math(rf"\text{{{label}}}\quad " + sp.latex(expr)))


def as_set(cond, x, lo, hi):
    """The set of x in the open range (lo, hi) where a one-parameter condition holds."""
    return (cond.as_set() if cond not in (sp.true, sp.false)
            else (sp.Reals if cond is sp.true else sp.EmptySet)).intersect(
        sp.Interval.open(lo, hi))


# %% [markdown]
# ## 2.1 Spence's job-market game with a symbolic cost of education
#
# A worker is *High* ability with probability $1/3$ or *Low* with $2/3$, and chooses
# education $E$ or none $N$; the firm, seeing the choice only, pays a manager's wage $M$
# (10) or a clerk's $C$ (4).  Education costs the High type 4 and the Low type $c$, a
# parameter in $(0, 20)$.  The firm's payoff is 10 (manager) or 5 (clerk) from a High
# worker, 0 or 4 from a Low one.

# %%
c = sp.Symbol("c", positive=True)
spence = spence_education(c)
for m in spence.messages:
    rows = sp.Matrix([[spence.sender_payoff(t, m, a) for a in spence.actions_for(m)]
                      for t in spence.types])
    show(f"worker's payoff after {m} (rows High, Low; columns M, C):", rows)
assert spence.parameters == {c: (0, 20)}

# %% [markdown]
# **The firm's best response.** With belief $\mu = \Pr(\text{High}\mid m)$ the firm's
# expected payoffs are $U(M) = 10\mu$ and $U(C) = 5\mu + 4(1-\mu) = 4 + \mu$, so it hires a
# manager iff $\mu \ge 4/9$.  The prior, $1/3$, is below the cutoff: under pooling the firm
# pays a clerk's wage.

# %%
mu = sp.Symbol("mu", nonnegative=True)


def firm(m, a, mu=mu):
    return mu * spence.receiver_payoff("High", m, a) + (1 - mu) * spence.receiver_payoff(
        "Low", m, a)


spence_cutoff = sp.solve(sp.Eq(firm("E", "M"), firm("E", "C")), mu)[0]
show("firm hires a manager iff mu >=", spence_cutoff)
assert spence_cutoff == sp.Rational(4, 9) and spence.prior[0] < spence_cutoff


def worker(t, m, rho_M):
    """Worker's expected payoff from m when the firm hires a manager with probability rho_M."""
    return rho_M * spence.sender_payoff(t, m, "M") + (1 - rho_M) * spence.sender_payoff(
        t, m, "C")


# %% [markdown]
# **Separating (High educates, Low does not).** Bayes' rule gives $\mu(E) = 1$,
# $\mu(N) = 0$, so $E \mapsto M$ and $N \mapsto C$.  The incentive constraints are
#
# $$ \text{High: } 10 - 4 \ge 4, \qquad \text{Low: } 4 \ge 10 - c
#    \iff c \ge 6 . $$
#
# The reverse separation (Low educates) would pay the Low type $4 - c < 4$: never.

# %%
ic_high = worker("High", "E", 1) - worker("High", "N", 0)
ic_low = worker("Low", "N", 0) - worker("Low", "E", 1)
separating_by_hand = sp.solveset(ic_low >= 0, c, sp.Interval.open(0, 20)).intersect(
    sp.Interval.open(0, 20) if ic_high >= 0 else sp.EmptySet)
show("separating exists for c in", separating_by_hand)
assert ic_high == 2 and separating_by_hand == sp.Interval.Ropen(6, 20)

# %% [markdown]
# **Hybrid (High educates, Low mixes).** For the Low type to mix it must be indifferent,
# which pins the firm's probability of a manager after $E$: $10\rho + 4(1-\rho) - c = 4$,
# so $\rho = c/6$.  The firm mixes only at its cutoff, $\mu(E) = 4/9$, which by Bayes'
# rule fixes the Low type's probability of education $x$:
# $\frac{1/3}{1/3 + (2/3)x} = 4/9 \iff x = 5/8$.  The High type must prefer $E$:
# $6\rho \ge 4 \iff c \ge 4$; and $\rho < 1$ needs $c < 6$.

# %%
rho, x = sp.symbols("rho x", nonnegative=True)
rho_hybrid = sp.solve(sp.Eq(worker("Low", "E", rho), worker("Low", "N", 0)), rho)[0]
x_hybrid = sp.solve(sp.Eq(spence.prior[0] / (spence.prior[0] + spence.prior[1] * x),
                          spence_cutoff), x)[0]
hybrid_by_hand = sp.solveset(worker("High", "E", rho_hybrid) >= worker("High", "N", 0), c,
                             sp.Interval.open(0, 20)).intersect(
    sp.solveset(rho_hybrid < 1, c, sp.Interval.open(0, 20)))
show("rho(M | E) =", rho_hybrid)
show("Pr(Low educates) =", x_hybrid)
show("hybrid exists for c in", hybrid_by_hand)
assert rho_hybrid == c / 6 and x_hybrid == sp.Rational(5, 8)
assert hybrid_by_hand == sp.Interval.Ropen(4, 6)

# %% [markdown]
# **Pooling on N, and its refinements.** Both types skip education and get the clerk's
# wage 4 (the Low type too).  Off the path the firm must not hire a manager after $E$
# with probability above $2/3$ (or the High type deviates, $6\rho > 4$): the pool exists
# for every $c$.
#
# *Intuitive Criterion.* From $E$ the Low type can get at most $10 - c$, below its 4
# exactly when $c > 6$; then beliefs must sit on High, the firm hires a manager, and the
# High type gains ($6 > 4$).  So the pool survives iff $c \le 6$.
#
# *D1.* The High type gains from $E$ iff $\rho > 2/3$; the Low type gains iff $\rho > c/6$.
# If $c > 4$ the Low type's $D \cup D^0 = [c/6, 1]$ lies inside High's $(2/3, 1]$: Low is
# pruned, the belief goes to High and the pool fails.  If $c \le 4$ it survives.

# %%
u_pool = {t: worker(t, "N", 0) for t in spence.types}
best_from_E = {t: max(spence.sender_payoff(t, "E", a) for a in ("M", "C")) for t in spence.types}
low_dominated = sp.solveset(best_from_E["Low"] < u_pool["Low"], c, sp.Interval.open(0, 20))
pool_ic_by_hand = sp.Interval.open(0, 20) - low_dominated
assert best_from_E["High"] > u_pool["High"]  # High is never dominated, and M after E pays it 6
show("pool survives the Intuitive Criterion for c in", pool_ic_by_hand)

unit = sp.Interval(0, 1)
D = {t: sp.solveset(worker(t, "E", rho) > u_pool[t], rho, unit) for t in spence.types}
D_weak = {t: sp.solveset(worker(t, "E", rho) >= u_pool[t], rho, unit) for t in spence.types}
show("D(High) =", D["High"])
show("D(Low) + D0(Low) =", D_weak["Low"])
# Low is pruned iff [c/6, 1] is inside (2/3, 1], i.e. c/6 > 2/3; the pool then fails
pool_d1_by_hand = sp.Interval.open(0, 20) - sp.solveset(rho_hybrid > sp.Rational(2, 3), c,
                                                        sp.Interval.open(0, 20))
show("pool survives D1 for c in", pool_d1_by_hand)
assert pool_ic_by_hand == sp.Interval.Lopen(0, 6)
assert pool_d1_by_hand == sp.Interval.Lopen(0, 4)

# %% [markdown]
# ### The package's answer
#
# One parametric `solve` gives the same families and conditions.  (The pooling
# equilibrium also comes with two continua in which the firm mixes after the off-path $E$,
# at belief exactly $4/9$.)

# %%
res_spence = solve(spence)
for e in res_spence:
    print(f"{e.label:35s} {e.kind:10s} exists: {e.condition}; IC: {e.intuitive_condition};"
          f" D1: {e.d1_condition}")

sep = next(e for e in res_spence if e.kind == "separating")
hyb = next(e for e in res_spence if e.kind == "hybrid")
pool = next(e for e in res_spence if e.kind == "pooling" and e.family is None
            and e.receiver["E"]["C"] == 1)
assert sep.sender_strategy() == {"High": "E", "Low": "N"}
assert as_set(sep.condition, c, 0, 20) == separating_by_hand
assert as_set(hyb.condition, c, 0, 20) == hybrid_by_hand
assert sp.simplify(hyb.receiver["E"]["M"] - rho_hybrid) == 0
assert hyb.sender["Low"]["E"] == x_hybrid and hyb.beliefs["E"]["High"] == spence_cutoff
# the pool exists at every c: a numeric solve finds it, e.g. at the boundary values 4 and 6
for value in (4, 6, 10):
    with warnings.catch_warnings():  # c = 4 and 6 are degenerate (a type is indifferent)
        warnings.simplefilter("ignore", DegenerateGameWarning)
        numeric = solve(spence_education(value))
    assert any(e.sender_strategy() == {"High": "N", "Low": "N"} and e.receiver["E"]["C"] == 1
               for e in numeric)
    assert where(pool, {c: value}), f"pooling condition is False at c = {value}"
assert as_set(pool.condition, c, 0, 20) == sp.Interval.open(0, 20)
assert as_set(pool.intuitive_condition, c, 0, 20) == pool_ic_by_hand
assert as_set(pool.d1_condition, c, 0, 20) == pool_d1_by_hand
# where separating exists it survives both refinements
assert as_set(sep.intuitive_condition, c, 0, 20) == as_set(sep.d1_condition, c, 0, 20) \
    == separating_by_hand
# each equilibrium checks out with the independent verifier at a point of its region
for e, value in ((sep, 7), (hyb, 5), (pool, 2)):
    assert verify(spence, e, values={c: value}).ok

# %% [markdown]
# ### Comparative statics and a quantity along c
#
# In the hybrid equilibrium the firm's probability of hiring a manager after education,
# $\rho = c/6$, rises with the Low type's cost: the firm must reward education more often
# to keep a costlier mimic indifferent.  `comparative_statics` proves the sign
# symbolically; the Low type's mixing probability does not move with $c$ at all.

# %%
cs_rho = comparative_statics(hyb.receiver["E"]["M"], c, hyb, {c: (0, 20)})
cs_x = comparative_statics(hyb.sender["Low"]["E"], c, hyb, {c: (0, 20)})
print(cs_rho)
print(cs_x)
assert (cs_rho.sign, cs_rho.is_proved) == ("+", True)
assert cs_x.sign == "0"

curve = quantity_curve(res_spence, lambda e: e.sender_payoffs["High"], c, 0, 12, n=120)
fig = plot_quantity(curve, title="Spence: the High type's payoff in each equilibrium",
                    ylabel="High's payoff")
display(fig)

# %% [markdown]
# Every pooling equilibrium pays the High type the clerk's wage, 4, so their lines lie on
# one another: `plot_quantity` draws each later line thinner, dashed differently and on top,
# and the legend says which line it lies on.  The hybrid line rises from 4 at $c = 4$ to
# the separating payoff 6 at $c = 6$.

# %%
pool_lines = [lab for lab in curve.labels
              if lab != hyb.label and lab != sep.label and curve.exists[lab].any()]
assert len(pool_lines) >= 2
for lab in pool_lines:
    vals = np.asarray(curve.values[lab], dtype=float)
    assert np.allclose(vals[~np.isnan(vals)], 4)
styles = {line.get_label().split("  (on ")[0]: (line.get_linestyle(), line.get_linewidth())
          for line in fig.axes[0].get_lines()}
assert len(set(styles.values())) == len(styles)      # no two lines drawn alike

# %%
i = int(np.argmin(np.abs(curve.x - 5)))  # c near 5: pooling and hybrid coexist
assert curve.exists[hyb.label][i] and curve.exists[pool.label][i]
assert not curve.exists[sep.label][i]
assert np.isclose(curve.values[hyb.label][i], float(worker("High", "E", rho_hybrid).subs(
    c, curve.exact_x[i])))

# %% [markdown]
# ## 2.2 Fearon (1997): tying hands versus sinking costs
#
# A defender is *resolved* (R, prior $1/3$) or *unresolved* (U, $2/3$) and may send a
# costly signal before a challenger decides whether to challenge (C) or not (NC).  With
# probability $h$ the defender is challenged anyway, by a hawkish challenger the signal
# does not affect; the strategic challenger gains 1 from challenging U (who backs down)
# and loses 1 from challenging R (who fights).  The defender's value of the status quo is
# $V_t$; backing down gives 0; R's war payoff is $w_R$.
#
# * **Tying hands** (audience cost $a$): the signal is free, but a defender who signalled
#   and then backs down pays $a$.  Only U ever backs down.
# * **Sinking costs** ($s$): the signal costs $s$ up front, whatever happens next.
#
# We keep $h$, $V_t$ and $w_R$ symbolic for the hand derivation and then fix
# $h = 1/2$, $V_R = 2$, $V_U = 1$, $w_R = 1/2$ for the games the package solves.

# %%
h, V_R, V_U, w_R, a, s = sp.symbols("h V_R V_U w_R a s", positive=True)
numbers = {h: sp.Rational(1, 2), V_R: 2, V_U: 1, w_R: sp.Rational(1, 2)}


def defender(t, signal, action, audience=0, sunk=0):
    """Defender's payoff: type t, whether it signalled, the strategic challenger's action."""
    challenged = w_R if t == "R" else -audience * signal
    status_quo = V_R if t == "R" else V_U
    value = challenged if action == "C" else h * challenged + (1 - h) * status_quo
    return sp.sympify(value - sunk * signal)


def fearon_game(audience, sunk, parameters):
    sender = [[[defender(t, sig, act, audience, sunk).subs(numbers) for act in ("C", "NC")]
               for sig in (0, 1)] for t in ("R", "U")]
    receiver = [[[-1, 0]] * 2, [[1, 0]] * 2]
    return SignallingGame.from_arrays(
        ["1/3", "2/3"], sender, receiver, types=["R", "U"], messages=["none", "signal"],
        actions=["C", "NC"], parameters=parameters)


tie = fearon_game(a, 0, {a: (0, 3)})     # tying hands (a < 3: U still prefers backing down)
sink = fearon_game(0, s, {s: (0, 2)})    # sinking costs
both = fearon_game(a, s, {a: (0, 3), s: (0, 2)})  # an instrument with both
print(tie)

# %% [markdown]
# **Separating conditions by hand.**  R signals, U does not; the challenger believes the
# signal, so it does not challenge after it and challenges after no signal.
#
# *Tying hands.* R gets $h w_R + (1-h)V_R$ from signalling against $w_R$ from not: it
# signals whenever $V_R > w_R$, at no cost on the path.  U must not mimic:
# $0 \ge -h a + (1-h) V_U \iff a \ge (1-h)V_U/h$.
#
# *Sinking costs.* U must not mimic, $0 \ge (1-h)V_U - s$, and R must be willing,
# $(1-h)(V_R - w_R) - s \ge 0$:
#
# $$ (1-h)\,V_U \;\le\; s \;\le\; (1-h)\,(V_R - w_R), $$
#
# a window that exists only if the resolved type values deterrence more than the
# unresolved one does ($V_R - w_R \ge V_U$).  Tying hands needs no such condition: its
# cost falls only on a type that backs down.  This is Fearon's comparison.

# %%
def separating_constraints(audience, sunk):
    R = defender("R", 1, "NC", audience, sunk) - defender("R", 0, "C")
    U = defender("U", 0, "C") - defender("U", 1, "NC", audience, sunk)
    return sp.simplify(R), sp.simplify(U)


R_tie, U_tie = separating_constraints(a, 0)
R_sink, U_sink = separating_constraints(0, s)
show("tying hands: R's constraint", sp.factor(R_tie) >= 0)
show("tying hands: U's constraint", sp.factor(U_tie) >= 0)
show("sinking costs: R's constraint", R_sink >= 0)
show("sinking costs: U's constraint", U_sink >= 0)
a_min = sp.solve(sp.Eq(U_tie, 0), a)[0]
s_window = (sp.solve(sp.Eq(U_sink, 0), s)[0], sp.solve(sp.Eq(R_sink, 0), s)[0])
show("a >=", a_min)
show("s in", sp.Interval(*s_window))
assert sp.simplify(a_min - (1 - h) * V_U / h) == 0
assert sp.simplify(s_window[0] - (1 - h) * V_U) == 0
assert sp.simplify(s_window[1] - (1 - h) * (V_R - w_R)) == 0

tie_by_hand = sp.Interval(a_min.subs(numbers), sp.oo).intersect(sp.Interval.open(0, 3))
sink_by_hand = sp.Interval(*[x.subs(numbers) for x in s_window])
show("at the numbers: tying hands separates for a in", tie_by_hand)
show("at the numbers: sinking costs separate for s in", sink_by_hand)
assert tie_by_hand == sp.Interval.Ropen(1, 3)
assert sink_by_hand == sp.Interval(sp.Rational(1, 2), sp.Rational(3, 4))

# %% [markdown]
# **Pooling under tying hands and the Intuitive Criterion.**  If neither type signals, the
# challenger (prior on U: $2/3 > 1/2$) challenges; R gets $w_R$, U gets 0.  From the
# off-path signal U can get at most $\max(-a, (1-h) - h a) = (1 - a)/2$, which is below 0
# exactly when $a > 1$.  Then the belief must sit on R, the challenger stays out, and R
# gains ($5/4 > 1/2$): the pool survives the Intuitive Criterion iff $a \le 1$.  Under D1
# it never survives: U's set of mixtures that make signalling weakly profitable,
# $\{\rho_C \le (1-a)/(1+a)\}$, always lies inside R's, $\{\rho_C < 1\}$.

# %%
u_pool_tie = {t: defender(t, 0, "C").subs(numbers) for t in ("R", "U")}
# after a signal, no challenge is better for every type than a challenge (for a > 0) ...
for t in ("R", "U"):
    gap = sp.factor((defender(t, 1, "NC", a, 0) - defender(t, 1, "C", a, 0)).subs(numbers))
    assert gap.is_positive, gap
# ... so the best a type can get from the signal is its payoff when not challenged
best_signal = {t: defender(t, 1, "NC", a, 0).subs(numbers) for t in ("R", "U")}
assert best_signal["R"] > u_pool_tie["R"]  # R is never equilibrium-dominated
U_dominated = sp.solveset(best_signal["U"] < u_pool_tie["U"], a, sp.Interval.open(0, 3))
tie_pool_ic = sp.Interval.open(0, 3) - U_dominated
show("U's best payoff from signalling:", best_signal["U"])
show("the tying-hands pool survives the Intuitive Criterion for a in", tie_pool_ic)
assert tie_pool_ic == sp.Interval.Lopen(0, 1)


def mixed(t, rho_C):
    return rho_C * defender(t, 1, "C", a, 0) + (1 - rho_C) * defender(t, 1, "NC", a, 0)


D_R = sp.solveset((mixed("R", rho) > u_pool_tie["R"]).subs(numbers), rho, unit)
D_U_weak = sp.solveset((mixed("U", rho) >= u_pool_tie["U"]).subs(numbers | {a: sp.Rational(1, 2)}),
                       rho, unit)
show("D(R) =", D_R)
show("D(U) + D0(U) at a = 1/2:", D_U_weak)
assert D_R == sp.Interval.Ropen(0, 1) and D_U_weak.is_subset(D_R)

# %% [markdown]
# ### The package's answer

# %%
res_tie, res_sink = solve(tie), solve(sink)
for name, r in (("tying hands", res_tie), ("sinking costs", res_sink)):
    print(name)
    for e in r:
        print(f"  {e.label:40s} {e.kind:10s} exists: {e.condition}; "
              f"IC: {e.intuitive_condition}; D1: {e.d1_condition}")


def separating(r):
    return next(e for e in r if e.kind == "separating"
                and e.sender_strategy() == {"R": "signal", "U": "none"})


sep_tie, sep_sink = separating(res_tie), separating(res_sink)
assert as_set(sep_tie.condition, a, 0, 3) == tie_by_hand
assert as_set(sep_sink.condition, s, 0, 2) == sink_by_hand
pool_tie = next(e for e in res_tie if e.kind == "pooling")
assert as_set(pool_tie.condition, a, 0, 3) == sp.Interval.open(0, 3)
assert as_set(pool_tie.intuitive_condition, a, 0, 3) == tie_pool_ic
assert as_set(pool_tie.d1_condition, a, 0, 3) == sp.EmptySet
# on the path the resolved type keeps h w_R + (1-h) V_R under tying hands ...
assert sep_tie.sender_payoffs["R"] == (h * w_R + (1 - h) * V_R).subs(numbers)
# ... and pays the sunk cost on top under sinking costs
assert sp.simplify(sep_sink.sender_payoffs["R"] - (h * w_R + (1 - h) * V_R - s).subs(numbers)) == 0
assert verify(tie, sep_tie, values={a: 2}).ok and verify(sink, sep_sink, values={s: "2/3"}).ok

# %% [markdown]
# Below the tying-hands threshold ($a < 1$) the package finds a hybrid equilibrium: U
# bluffs with probability 1/2 (which brings the challenger's posterior to 1/2 after the
# signal) and the challenger challenges after the signal with probability
# $\rho_C = (1-a)/(1+a)$, the value that keeps U indifferent.  A larger audience cost
# deters more challenges; the sign is proved symbolically.

# %%
hyb_tie = next(e for e in res_tie if e.kind == "hybrid")
rho_C = sp.solve(sp.Eq(mixed("U", rho).subs(numbers), u_pool_tie["U"]), rho)[0]
show("rho_C =", rho_C)
assert sp.simplify(hyb_tie.receiver["signal"]["C"] - rho_C) == 0
assert hyb_tie.sender["U"]["signal"] == sp.Rational(1, 2)
assert as_set(hyb_tie.condition, a, 0, 3) == sp.Interval.open(0, 1)
st = comparative_statics(hyb_tie.receiver["signal"]["C"], a, hyb_tie, {a: (0, 3)})
print(st)
assert (st.sign, st.is_proved) == ("-", True)

# %% [markdown]
# ## 2.3 A region map: an instrument with both an audience cost and a sunk cost
#
# With both costs, $a$ and $s$, the separating constraints are
# $U: 0 \ge -h a + (1-h)V_U - s$ and $R: (1-h)(V_R - w_R) \ge s$, that is, at our numbers,
# $a + 2s \ge 1$ and $s \le 3/4$.  The audience cost and the sunk cost are substitutes for
# deterring the unresolved type, but only the sunk cost is paid by the resolved type.
# `region_data` evaluates every family's condition on a grid (exact near boundaries) and
# `plot_regions` draws the map; `region_map` does the solve and the grid in one call.

# %%
res_both = solve(both)
sep_both = separating(res_both)
data = region_data(res_both, {a: (0, 3), s: (0, 2)}, n=40, progress=False)
fig = plot_regions(data, title="Fearon: signal with audience cost a and sunk cost s")
display(fig)

# %%
R_both, U_both = separating_constraints(a, s)
A, S_ = (np.asarray(gr) for gr in data.grids)
hand = ((U_both.subs(numbers) >= 0) & (R_both.subs(numbers) >= 0))
hand_grid = sp.lambdify((a, s), hand, "numpy")(A, S_)
show("separating by hand:", hand)
assert np.array_equal(np.asarray(data.exists[sep_both.label]), hand_grid)
assert np.array_equal(np.asarray(data.ic[sep_both.label]), hand_grid)  # IC wherever it exists
assert where(sep_both, {a: 2, s: sp.Rational(1, 4)})
assert not where(sep_both, {a: sp.Rational(1, 4), s: sp.Rational(1, 4)})  # a + 2s < 1
assert not where(sep_both, {a: 2, s: 1})                                 # s > 3/4
print(f"separating on {data.share(sep_both.label):.0%} of the box")

# %%
coarse = region_map(both, (a, 0, 3), (s, 0, 2), n=10, progress=False)
sep_coarse = np.asarray(coarse.exists[sep_both.label])
assert np.array_equal(sep_coarse, sp.lambdify((a, s), hand, "numpy")(
    *(np.asarray(gr) for gr in coarse.grids)))

# %% [markdown]
# **A boundary caveat.** The grids above are chosen so that no grid point falls on a
# boundary ($a + 2s = 1$ or $s = 3/4$).  On the boundary $s = 3/4$ the resolved type is
# indifferent and the separating profile is still an equilibrium: an exact solve at that
# point finds it.  The two-parameter symbolic condition printed above is strict there
# (a measure-zero difference, reported to the solver's maintainer), so we check the
# boundary point with a pointwise solve rather than with `where`.

# %%

boundary = {a: 2, s: sp.Rational(3, 4)}
with warnings.catch_warnings():  # the point is degenerate: R is indifferent
    warnings.simplefilter("ignore", DegenerateGameWarning)
    at_boundary = solve(exact_subs(both, boundary))
assert any(e.kind == "separating" and e.sender_strategy() == {"R": "signal", "U": "none"}
           for e in at_boundary)
print("symbolic condition at the boundary point:", sep_both.condition.subs(boundary))
