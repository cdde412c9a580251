# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 3. The collective-security-and-alliance (CSA) model
#
# Cohen (2025), "'We need allies and collective security'" (*European Journal of
# International Security*, doi 10.1017/eis.2024.62), states its theory in words and
# hypotheses H1-H7; **it has no formal model**.  The model below is ours, built from those
# hypotheses (see `alliance_games.alliance`).  This notebook derives it in order:
#
# 1. geography: from offensive power, distance and the water share of the approach to
#    the credible occupation threat $\theta$ (land versus sea, and a foothold);
# 2. the war stage in closed form (Tullock contests, the patron's fight decision, the
#    partner's help decision, the adversary's attack probability);
# 3. the payoffs of the signalling game, which depend on the public posterior $\mu_H$;
# 4. every perfect Bayesian equilibrium at the baseline, checked by hand and by the
#    independent verifier;
# 5. the equilibria along $\theta$.
#
# Every result is asserted.  Baseline values are illustrative (spec section 7).

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import sympy as sp
from IPython.display import Math, display

from alliance_games import BeliefSet, solve, verify
from alliance_games.alliance import geography as geo
from alliance_games.alliance import payoffs as pay
from alliance_games.alliance import war
from alliance_games.alliance.analysis import solve_point
from alliance_games.alliance.model import alliance_game, branch_report
from alliance_games.alliance.parameters import S, baseline


def show(label, expr):
    display(Math(rf"\text{{{label}}}\quad " + sp.latex(expr)))


b = baseline()
print({str(k): v for k, v in b.items()})

# %% [markdown]
# ## 3.1 Geography: the credible occupation threat from power, distance and water
#
# The threat is not a parameter: it is made from the adversary's offensive power $\pi_A$,
# the distance $d$ of its forces (in land half-strength units), the water share $s_w$ of
# the approach, the stopping power of water $\beta_w$ (a unit of distance over water costs
# as much as $\beta_w$ over land) and a foothold $\phi$ (a share of the approach already
# closed):
#
# $$ d_{eff} = (1-\phi)\, d\,(1 + (\beta_w - 1) s_w), \qquad
#    \lambda_{eff} = \frac{1}{1 + d_{eff}}, \qquad A = \pi_A \lambda_{eff}, \qquad
#    \theta = \frac{A}{A + \kappa}. $$
#
# "Maritime theatres require greater amounts of military power and expertise to post the
# same credible threats of military occupation" (Cohen 2025, Theory).  A land theatre is
# $s_w = 0$, a sea theatre $s_w = 1$.

# %%
theta_any = geo.theta(None)
show("theta =", theta_any)
d_eff = (1 - S.phi) * S.d * (1 + (S.beta_w - 1) * S.s_w)
A = S.pi_A / (1 + d_eff)
assert sp.simplify(theta_any - A / (A + S.kappa)) == 0

# the threat rises with power and foothold, falls with distance and water share
for x, sgn in ((S.pi_A, 1), (S.phi, 1), (S.d, -1), (S.s_w, -1)):
    dx = sp.factor(sp.diff(theta_any, x))
    show(f"d theta / d {x} =", dx)
    at = {S.pi_A: 4, S.d: 1, S.s_w: sp.Rational(1, 2), S.beta_w: 7, S.phi: sp.Rational(1, 3),
          S.kappa: 1}
    assert sp.sign(dx.subs(at)) == sgn

# at equal power and distance, land threatens more than sea unless geography is inert
gap = sp.factor(sp.together(geo.theta("land") - geo.theta("sea")))
show("theta(land) - theta(sea) =", gap)
assert sp.simplify(gap.subs(S.d, 0)) == 0 and sp.simplify(gap.subs(S.phi, 1)) == 0
assert sp.simplify(gap.subs(S.beta_w, 1)) == 0
assert (geo.theta("land", b), geo.theta("sea", b)) == (sp.Rational(2, 3), sp.Rational(1, 3))
# the foothold matters on land too (it closes part of the land approach)
assert geo.theta("land", baseline(phi="1/2")) == sp.Rational(8, 11)
assert geo.theta("sea", baseline(phi="1/2")) == sp.Rational(8, 17)

# %%
ds = [sp.Rational(k, 4) for k in range(17)]
fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
for theatre, style in (("land", "-"), ("sea", "--")):
    axes[0].plot([float(x) for x in ds], [float(geo.theta(theatre, baseline(d=x))) for x in ds],
                 style, label=theatre)
    phis = [sp.Rational(k, 20) for k in range(21)]
    axes[1].plot([float(x) for x in phis],
                 [float(geo.theta(theatre, baseline(phi=x))) for x in phis], style,
                 label=theatre)
axes[0].set_xlabel("distance d (pi_A = 4)")
axes[1].set_xlabel(r"foothold $\phi$ (d = 1)")
for ax in axes:
    ax.set_ylabel(r"occupation threat $\theta$")
    ax.legend(frameon=False)
axes[0].set_title("Water makes distance count more")
axes[1].set_title("A foothold closes the approach")
plt.show()

# %% [markdown]
# The payoffs depend on geography only through $A$ (with $\kappa$), hence through
# $\theta$: at equal $\theta$ land and sea are the same game (`pi_for_theta` finds the
# power that gives a threat).  At equal power and distance they are not: the sea theatre
# then has the lower threat, and (section 3.5 and notebook 04) a different $\Pr(CS)$.

# %%
pi_equiv = geo.pi_for_theta(sp.Rational(1, 3), "land", b)
show("pi_A giving the land theatre theta = 1/3:", pi_equiv)
assert geo.theta("land", baseline(pi_A=pi_equiv)) == sp.Rational(1, 3)
g_sea, g_land = alliance_game(theatre="sea"), alliance_game({"pi_A": pi_equiv}, theatre="land")
assert (g_sea.sender_payoffs, g_sea.receiver_payoffs) == \
    (g_land.sender_payoffs, g_land.receiver_payoffs)
assert alliance_game(theatre="sea").sender_payoffs != alliance_game(theatre="land").sender_payoffs

# %% [markdown]
# ## 3.2 The war stage in closed form
#
# **Contests.** A defence of strength $D$ holds with probability $p(D) = D/(D + A)$.  The
# value to an unaided client of a neighbour's help is $p(2\kappa) - p(\kappa)$; written in
# terms of $\theta$ (substitute $A = \kappa\theta/(1-\theta)$) it is
#
# $$ p(2\kappa) - p(\kappa) = \frac{\theta(1-\theta)}{2-\theta}, $$
#
# which peaks at $\theta^* = 2 - \sqrt 2 \approx 0.586$: help matters most for an
# intermediate threat and is futile against an overwhelming one.

# %%
theta = sp.Symbol("theta", positive=True)
k = S.kappa
help_theta = sp.simplify(war.help_value(k, k * theta / (1 - theta)))
show("p(2 kappa) - p(kappa) =", help_theta)
assert sp.simplify(help_theta - theta * (1 - theta) / (2 - theta)) == 0
assert sp.simplify(war.help_value_theta(theta) - help_theta) == 0
peak = sp.solve(sp.diff(help_theta, theta), theta)
peak = [x for x in peak if 0 < x < 1][0]
show("peak at theta* =", peak)
assert sp.simplify(peak - (2 - sp.sqrt(2))) == 0 == sp.simplify(war.help_value_peak() - peak)
assert war.help_value(1, geo.A_eff("land", b)) == sp.Rational(1, 6)

# %% [markdown]
# **The patron's fight decision.** If the partner helps, the patron's net value of fighting
# is $W(1) = s_P[p(2\kappa + m_d) - p(2\kappa)] - c_P^+$; if not,
# $W(0) = s_P[p(\kappa + m_d) - p(\kappa)] - c_P^-$.  An ex-post shock
# $\varepsilon \sim U[-\nu, \nu]$ plus the reneging cost $b_d$ of the design make it fight
# with probability $\varphi(x) = \mathrm{clamp}((x + \nu)/2\nu, 0, 1)$ at $x = W + b_d$.
# Assumption A-entrap: $W(0) < 0$, the patron would not fight in place of clients who
# will not fight for each other.

# %%
A_land = geo.A_eff("land", b)
W1 = {d: war.W_help(b[S.s_P], 1, pay.design_terms("cs", d, b).strength, A_land, b[S.cP_plus])
      for d in ("N", "B", "M")}
W0 = {d: war.W_alone(b[S.s_P], 1, pay.design_terms("cs", d, b).strength, A_land, b[S.cP_minus])
      for d in ("N", "B", "M")}
show("W(1) by design:", W1)
show("W(0) by design:", W0)
assert all(w < 0 for w in W0.values())  # A-entrap holds at the baseline
# by hand for M: strength m(1 + eta) = 15/4, A = 2
m_M = sp.Rational(15, 4)
assert W1["M"] == 10 * ((2 + m_M) / (2 + m_M + 2) - sp.Rational(2, 4)) - sp.Rational(5, 2)
# with help, the multilateral reneging cost b_M pushes x = W(1) + b_M above nu: always fights
assert W1["M"] + b[S.b_M] >= b[S.nu]
assert war.fight_probability(W1["M"] + b[S.b_M], b[S.nu]) == 1
assert war.fight_probability(W1["N"], b[S.nu]) == (W1["N"] + 1) / 2  # interior under N

# %% [markdown]
# **The partner's help decision.** An attacked client's neighbour helps iff
# $\rho\, v_t [\bar P(1) - \bar P(0)] + a_{eff} \ge h_t$: its spillover stake in the
# neighbour's survival plus the reneging cost of a treaty must cover the cost of helping.
# At the baseline the resolved partner (H) helps under every design and the irresolute
# one (L) never does, even after collective security ($a = 3$ is too small for it).

# %%
rep = branch_report()
helps = {(t, m, d): rep[(t, m, d)]["helps"] for (t, m, d) in rep}
assert all(helps[(t, m, d)] == (1 if t == "H" else 0) for (t, m, d) in helps)
ws = {t: pay.war_state(t, "cs", "M", point=b) for t in pay.TYPES}
for t in pay.TYPES:
    show(f"{t} after CS under M: help margin =", ws[t].help_margin)
    show(f"{t} after CS under M: Pr(defence holds) P_t =", ws[t].hold)
assert ws["H"].help_margin >= 0 > ws["L"].help_margin
assert ws["H"].hold == sp.Rational(23, 31)
# P_H by hand: partner helps (D = 2 kappa) and the patron always fights: p(2 + 15/4)
assert ws["H"].hold == war.tullock(2 + m_M, A_land)

# %% [markdown]
# **The adversary** sees the message and the design but not the type; it attacks with
# probability $r = \min\{1, V_A \sum_t \mu_t (1 - P_t)\}$, its war cost being uniform on
# $[0,1]$.  Because resolved clients defend better, $r$ falls in the posterior $\mu_H$:
# collective security that reveals resolve deters.

# %%
mu = pay.MU_H
r_cs_M = pay.attack_probability("cs", "M", point=b)
r_hand = b[S.V_A] * (mu * (1 - ws["H"].hold) + (1 - mu) * (1 - ws["L"].hold))
show("r(CS, M) =", r_cs_M)
assert sp.expand(r_cs_M - r_hand) == 0
assert sp.diff(r_cs_M, mu) < 0
assert not any(v["attack_cap_binds"] for v in rep.values())  # r < 1: payoffs linear in mu_H

# %% [markdown]
# ## 3.3 Payoffs
#
# Each client is the target with probability 1/2:
#
# $$ U_C = -\tfrac{r}{2}\big[(1+\rho)v_t(1-P_t) + c_C + (h_t \text{ if the partner helps,
#    else } a_{eff})\big] - z_{CS}[\text{CS}, d \ne I] - z[d = I], $$
#
# and the patron's payoff when the clients are of type $t$ is
#
# $$ U_P = -k_d + g_B[d = B] - r\big[s_P(1-P_t) + \varphi_t(c_{P,t} - E[\varepsilon\mid
#    \text{fight}]) + (1-\varphi_t)\,b_d\big]. $$
#
# Both depend on the public posterior $\mu_H$ through $r$.  The signalling game's sender
# is the clients (types L, H, prior $1-q, q$), its messages `no_cs` and `cs`, and the
# patron's designs after them `N, B, I` and `N, B, M`.

# %%
g = alliance_game()
print(g)
assert g.has_belief_payoffs and not g.is_parametric
for t in g.types:
    for m in g.messages:
        show(f"U_C({t}, {m}, [" + ", ".join(g.actions_for(m)) + "]) =",
             sp.Matrix([[g.sender_payoff(t, m, d) for d in g.actions_for(m)]]))

# the table entries are the closed forms above
ws_L = pay.war_state("L", "cs", "M", point=b)
U_C_hand = (-r_cs_M / 2 * ((1 + b[S.rho]) * b[S.v_L] * (1 - ws_L.hold) + b[S.c_C] + b[S.a])
            - b[S.z_CS])
assert sp.expand(g.sender_payoff("L", "cs", "M") - U_C_hand) == 0
U_P_hand = -b[S.k_M] - r_cs_M * (b[S.s_P] * (1 - ws_L.hold)
                                 + ws_L.fight * (b[S.cP_minus] - ws_L.shock)
                                 + (1 - ws_L.fight) * b[S.b_M])
assert sp.expand(g.receiver_payoff("L", "cs", "M") - U_P_hand) == 0
# every client payoff is linear in mu_H and weakly rising in it (deterrence)
assert all(sp.degree(x, mu) <= 1 and sp.diff(x, mu) >= 0
           for rows in g.sender_payoffs for row in rows for x in row)

# %% [markdown]
# The patron does not know the type: after a message with posterior $\mu_H$ its expected
# payoff from design $d$ is $\mu_H U_P(H, d; \mu_H) + (1-\mu_H) U_P(L, d; \mu_H)$ --
# quadratic in $\mu_H$, since the posterior both weights the types and moves the
# adversary.

# %%
def patron(m, d, x=mu):
    return sp.expand(x * g.receiver_payoff("H", m, d).subs(mu, x)
                     + (1 - x) * g.receiver_payoff("L", m, d).subs(mu, x))


fig, axes = plt.subplots(1, 2, figsize=(10, 3.2), sharey=True)
xs = [i / 50 for i in range(51)]
for ax, m in zip(axes, g.messages):
    for d in g.actions_for(m):
        f = sp.lambdify(mu, patron(m, d))
        ax.plot(xs, [f(x) for x in xs], label=d)
    ax.set_title(f"patron's expected payoff after {m}")
    ax.set_xlabel(r"posterior $\mu_H$")
    ax.legend(frameon=False)
axes[0].set_ylabel("per-period payoff")
plt.show()

# %% [markdown]
# ## 3.4 All perfect Bayesian equilibria at the baseline
#
# `solve` handles payoffs that depend on the posterior exactly (two types: univariate
# polynomial sign conditions in $\mu_H$).  At the baseline it finds two equilibria: a
# pooling equilibrium on no collective security and a separating one in which the
# resolved clients commit (H sends `cs`), the patron joins their treaty (M) and imposes
# multilateralism (I) on the irresolute clients.

# %%
res = solve(g)
print(res)
assert len(res) == 2
assert all(verify(g, e).ok for e in res)
sep = next(e for e in res if e.kind == "separating")
pool = next(e for e in res if e.kind == "pooling")
assert sep.sender_strategy() == {"L": "no_cs", "H": "cs"}
assert sep.receiver_strategy() == {"no_cs": "I", "cs": "M"}
assert pool.sender_strategy() == {"L": "no_cs", "H": "no_cs"}
assert pool.receiver_strategy() == {"no_cs": "I", "cs": "M"}

# %% [markdown]
# **The separating equilibrium by hand.** Bayes' rule: $\mu_H(\text{cs}) = 1$,
# $\mu_H(\text{no\_cs}) = 0$.  The patron's designs must be optimal at those beliefs, and
# each client type must prefer its message given the designs *and* the adversary's
# inference:
#
# $$ U_C(H, \text{cs}, M; 1) \ge U_C(H, \text{no\_cs}, I; 0), \qquad
#    U_C(L, \text{no\_cs}, I; 0) \ge U_C(L, \text{cs}, M; 1). $$

# %%
best_after_cs = max(g.actions_for("cs"), key=lambda d: patron("cs", d, 1))
best_after_no = max(g.actions_for("no_cs"), key=lambda d: patron("no_cs", d, 0))
assert (best_after_cs, best_after_no) == ("M", "I")


def U_C(t, m, d, x):
    return g.sender_payoff(t, m, d).subs(mu, x)


ic_H = U_C("H", "cs", "M", 1) - U_C("H", "no_cs", "I", 0)
ic_L = U_C("L", "no_cs", "I", 0) - U_C("L", "cs", "M", 1)
show("H's incentive to commit:", ic_H)
show("L's incentive not to:", ic_L)
assert ic_H > 0 and ic_L > 0
assert dict(sep.sender_payoffs) == {"H": U_C("H", "cs", "M", 1), "L": U_C("L", "no_cs", "I", 0)}
assert sep.intuitive_criterion and sep.d1

# %% [markdown]
# **The pooling equilibrium and its off-path belief set.** Both types skip collective
# security ($\mu_H = q = 1/2$) and the patron imposes I.  After the off-path `cs` the
# patron plays M; the belief set is every $\mu_H$ at which (i) M is a best response and
# (ii) no client type gains by deviating -- the second condition is new with
# belief-dependent payoffs, because the adversary reads the same posterior.  At the
# baseline M is a best response after `cs` at every belief, and the binding constraint is
# the resolved type's: it must not expect too favourable an inference.

# %%
q = g.prior[1]
u_pool = {t: U_C(t, "no_cs", "I", q) for t in g.types}
assert dict(pool.sender_payoffs) == u_pool
unit = sp.Interval(0, 1)
M_best = unit
for d in ("N", "B"):
    M_best = M_best.intersect(sp.solveset(patron("cs", "M") - patron("cs", d) >= 0, mu, unit))
no_gain = unit
for t in g.types:
    no_gain = no_gain.intersect(sp.solveset(g.sender_payoff(t, "cs", "M") <= u_pool[t], mu, unit))
off_path_by_hand = M_best.intersect(no_gain)
show("M optimal after cs for mu_H in", M_best)
show("no type gains from cs for mu_H in", no_gain)
B = pool.beliefs["cs"]
print("package:", B)
assert isinstance(B, BeliefSet) and M_best == unit
# the package states the set in mu_L = 1 - mu_H
lo_L, hi_L = B.interval()
assert off_path_by_hand == sp.Interval(1 - hi_L, 1 - lo_L)

# %% [markdown]
# **Why the pool fails the Intuitive Criterion.** The irresolute type cannot gain from
# `cs` under any design and any belief (its payoffs are linear in $\mu_H$, so the maximum
# is at an end point): it is equilibrium-dominated.  Beliefs must then put the deviation
# on H ($\mu_H = 1$); the patron's unique best response is M, and the resolved clients
# gain.  The separating equilibrium is the one that survives.

# %%
best_L = max(U_C("L", "cs", d, x) for d in g.actions_for("cs") for x in (0, 1))
assert best_L < u_pool["L"]  # L is equilibrium-dominated at cs
assert [d for d in g.actions_for("cs") if patron("cs", d, 1) == patron("cs", best_after_cs, 1)] \
    == ["M"]
assert U_C("H", "cs", "M", 1) > u_pool["H"]  # H would deviate
assert pool.intuitive_criterion is False and pool.d1 is False
assert [e.kind for e in res.surviving("intuitive")] == ["separating"]

# %% [markdown]
# ## 3.5 Equilibria along the occupation threat $\theta$
#
# We vary $\theta$ on land by raising the offensive power $\pi_A$ (`pi_for_theta`), holding
# everything else at the baseline, and solve the game exactly at each of ten points.  The
# selection rule of the spec (`analysis.select_index`, applied by `solve_point`): among
# equilibria surviving the Intuitive Criterion, the one the resolved type prefers (ties to
# the most informative).  We record the probability of collective
# security in it, $\Pr(\text{CS}) = (1-q)\sigma_L(\text{cs}) + q\,\sigma_H(\text{cs})$.

# %%
thetas = [sp.Rational(x) for x in ("1/10", "1/5", "3/10", "1/2", "3/5", "2/3", "7/10", "4/5",
                                   "17/20", "19/20")]


sweep = {}
for t in thetas:
    pt = {"pi_A": geo.pi_for_theta(t, "land", b)}
    game_t = alliance_game(pt)
    # solve_point solves the game and applies the package's one selection rule
    sp_t = solve_point(pt, theatre="land")
    r = sp_t.equilibria
    # the independent verifier checks every equilibrium, also those with algebraic
    # (irrational) mixing probabilities or belief bounds
    assert all(verify(game_t, e).ok for e in r)
    sel = sp_t.selected_equilibrium
    pr_cs = (1 - q) * sel.sender["L"]["cs"] + q * sel.sender["H"]["cs"]
    sweep[t] = (r, sel, pr_cs)
    print(f"theta = {str(t):6s} " + "; ".join(
        f"{e.kind}{' [IC]' if e.intuitive_criterion else ''}" for e in r)
        + f"  | selected: {sel.kind} {sel.receiver_strategy()}, Pr(CS) = {pr_cs}")

# %%
fig, (top, ax) = plt.subplots(2, 1, figsize=(7, 4.6), sharex=True,
                              gridspec_kw={"height_ratios": [1, 1.4]})
top.plot([float(t) for t in sweep], [float(v[2]) for v in sweep.values()], "k.-")
top.set_ylabel("Pr(CS), selected")
top.set_title("Equilibria along theta (exact solves at ten points)")
kinds = ["pooling", "separating", "hybrid"]
for j, kind in enumerate(kinds):
    xs = [float(t) for t, (r, _, _) in sweep.items() for e in r if e.kind == kind]
    ax.scatter(xs, [j] * len(xs), marker="s", s=60, label=kind)
for a_ in (top, ax):
    a_.axvline(float(2 - sp.sqrt(2)), color="grey", ls=":")
    a_.axvline(float(geo.theta("land", b)), color="C3", ls="--")
ax.set_yticks(range(len(kinds)))
ax.set_yticklabels(kinds)
ax.set_ylim(-0.5, len(kinds) - 0.5)
ax.set_xlabel(r"occupation threat $\theta$ (land); dotted: help value peak "
              r"$2-\sqrt{2}$, dashed: baseline")
plt.show()

# %% [markdown]
# What the sweep shows (and the cell below asserts):
#
# * at a low threat ($\theta \le 1/5$) the only equilibrium is pooling on no collective
#   security, with no alliance at all ($N$ after either message);
# * at $\theta = 3/10$ pooling, separating and a hybrid all survive the Intuitive
#   Criterion; the resolved type prefers the pool (in which the patron imposes I), so the
#   selection rule picks it and collective security does not form -- a result that hangs
#   on selection;
# * from $\theta = 1/2$ on, the separating equilibrium is the only survivor: collective
#   security forms exactly when the clients are resolved ($\Pr(\text{CS}) = q$); the
#   patron joins it ($M$) and imposes $I$ on uncommitted clients up to $\theta = 4/5$;
# * at very high threat the patron's answer changes again: it stops imposing ($N$ after no
#   CS at $\theta = 17/20$) and finally does not join either ($N$ after CS at
#   $\theta = 19/20$), where the value of the clients' defence has collapsed (compare the
#   futility point of the value of help, $2 - \sqrt 2$).

# %%
for t in (sp.Rational(1, 10), sp.Rational(1, 5)):
    r, sel, pr = sweep[t]
    assert [e.kind for e in r] == ["pooling"] and pr == 0
    assert sel.receiver_strategy() == {"no_cs": "N", "cs": "N"}
r, sel, pr = sweep[sp.Rational(3, 10)]
assert sorted(e.kind for e in r if e.intuitive_criterion) == ["hybrid", "pooling", "separating"]
assert sel.kind == "pooling" and pr == 0
for t in thetas:
    if t >= sp.Rational(1, 2):
        r, sel, pr = sweep[t]
        assert [e.kind for e in r if e.intuitive_criterion] == ["separating"]
        assert sel.sender_strategy() == {"L": "no_cs", "H": "cs"} and pr == q
for t in ("1/2", "3/5", "2/3", "7/10", "4/5"):
    assert sweep[sp.Rational(t)][1].receiver_strategy() == {"no_cs": "I", "cs": "M"}
assert sweep[sp.Rational(17, 20)][1].receiver_strategy() == {"no_cs": "N", "cs": "M"}
assert sweep[sp.Rational(19, 20)][1].receiver_strategy() == {"no_cs": "N", "cs": "N"}
