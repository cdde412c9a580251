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
# # 1. Signalling basics: beer-quiche by hand and by the package
#
# This notebook derives every perfect Bayesian equilibrium (PBE) of the beer-quiche game of
# Cho and Kreps (1987) step by step -- best responses as functions of the receiver's
# belief, Bayes' rule, the pooling conditions, the off-path belief sets -- and then checks
# each step against `alliance_games.solve`.  It ends with the two refinements the package
# computes: the Intuitive Criterion (equilibrium dominance) and D1.
#
# Every derived result is **asserted**: the notebook is executed as a test
# (`tests/test_notebooks.py`), so a cell that disagrees with the package fails the suite.
#
# **The game.** Nature draws the sender's type, *weak* with probability $p = 1/10$ or
# *strong* with $1 - p$.  The sender chooses a breakfast $m \in \{\text{beer},
# \text{quiche}\}$; the receiver sees the breakfast (not the type) and chooses *duel* or
# *not_duel*.  The sender gets 1 for its preferred breakfast (weak: quiche, strong: beer)
# plus 2 if there is no duel; the receiver gets 1 for dueling a weak sender or for not
# dueling a strong one, 0 otherwise.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import sympy as sp
from IPython.display import Math, display

from alliance_games import BeliefSet, solve, verify
from alliance_games.examples import beer_quiche
from alliance_games.io.tikz import to_tikz
from alliance_games.plotting import plot_game_tree

g = beer_quiche()
display(g)

# %% [markdown]
# ## 1.1 Payoff tables
#
# The package stores payoffs exactly (sympy Rationals) indexed by type, message and action.
# We read them back as two tables, one per message.

# %%
def table(who, m):
    rows = [[(g.sender_payoff if who == "sender" else g.receiver_payoff)(t, m, a)
             for a in g.actions_for(m)] for t in g.types]
    return sp.Matrix(rows)


for m in g.messages:
    display(Math(rf"\text{{{m}}}:\quad u_S = {sp.latex(table('sender', m))},\quad "
                 rf"u_R = {sp.latex(table('receiver', m))}"
                 r"\quad(\text{rows: weak, strong; columns: duel, not\_duel})"))

assert g.prior == (sp.Rational(1, 10), sp.Rational(9, 10))
assert table("sender", "beer") == sp.Matrix([[0, 2], [1, 3]])
assert table("sender", "quiche") == sp.Matrix([[1, 3], [0, 2]])
assert table("receiver", "beer") == table("receiver", "quiche") == sp.Matrix([[1, 0], [0, 1]])

# %% [markdown]
# ## 1.2 The receiver's best response as a function of its belief
#
# After message $m$ the receiver holds a posterior $\mu = \Pr(\text{weak}\mid m)$.  Its
# expected payoffs are
#
# $$ U_R(\text{duel}\mid\mu) = \mu\cdot 1 + (1-\mu)\cdot 0 = \mu, \qquad
#    U_R(\text{not\_duel}\mid\mu) = \mu\cdot 0 + (1-\mu)\cdot 1 = 1-\mu, $$
#
# so it duels when $\mu > 1/2$, does not when $\mu < 1/2$, and is indifferent (any mixture
# is a best response) at $\mu = 1/2$.  We let sympy do the algebra from the package's table.

# %%
mu = sp.Symbol("mu", nonnegative=True)  # Pr(weak | m)


def U_R(m, a, mu=mu):
    return sp.expand(mu * g.receiver_payoff("weak", m, a)
                     + (1 - mu) * g.receiver_payoff("strong", m, a))


gain_duel = sp.simplify(U_R("beer", "duel") - U_R("beer", "not_duel"))
cutoff = sp.solve(sp.Eq(gain_duel, 0), mu)[0]
duel_region = sp.solve_univariate_inequality(gain_duel >= 0, mu, relational=False,
                                             domain=sp.Interval(0, 1))
display(Math(r"U_R(\text{duel}) - U_R(\text{not\_duel}) = " + sp.latex(gain_duel)
             + r",\qquad \text{duel is a best response iff } \mu \in "
             + sp.latex(duel_region)))
assert gain_duel == 2 * mu - 1
assert cutoff == sp.Rational(1, 2)
assert duel_region == sp.Interval(sp.Rational(1, 2), 1)
# the tables are the same after both messages, so the best response is too
assert sp.simplify(U_R("quiche", "duel") - U_R("quiche", "not_duel") - gain_duel) == 0

# %%
fig, ax = plt.subplots(figsize=(5.5, 3.2))
xs = [i / 100 for i in range(101)]
ax.plot(xs, [float(U_R("beer", "duel", x)) for x in xs], label="duel")
ax.plot(xs, [float(U_R("beer", "not_duel", x)) for x in xs], label="not_duel")
ax.axvline(float(cutoff), color="grey", ls=":")
ax.axvline(0.1, color="C2", ls="--", label="prior Pr(weak) = 1/10")
ax.set_xlabel(r"receiver's belief $\mu = \Pr(\mathrm{weak}\mid m)$")
ax.set_ylabel("receiver's expected payoff")
ax.legend(frameon=False)
ax.set_title("Receiver's best response: duel iff mu >= 1/2")
plt.show()

# %% [markdown]
# ## 1.3 Bayes' rule and the separating candidates
#
# If type $t$ sends $m$ with probability $\sigma_t(m)$, then on the path
#
# $$ \mu(m) = \frac{p\,\sigma_{\text{weak}}(m)}{p\,\sigma_{\text{weak}}(m) +
#    (1-p)\,\sigma_{\text{strong}}(m)}. $$
#
# In a separating profile the posterior is degenerate, so the receiver duels the breakfast
# the weak type eats and not the other.  Then the weak type gets only its breakfast bonus
# (at most 1), while imitating the strong type would earn it at least 2 (no duel): neither
# separating profile is an equilibrium.

# %%
p = g.prior[0]
s_w, s_s = sp.symbols("sigma_w sigma_s", nonnegative=True)
p_sym = sp.Symbol("p")
bayes_general = p_sym * s_w / (p_sym * s_w + (1 - p_sym) * s_s)
bayes = sp.simplify(bayes_general.subs(p_sym, p))
display(Math(r"\mu = " + sp.latex(bayes_general) + " = " + sp.latex(bayes)))
assert bayes.subs({s_w: 1, s_s: 1}) == sp.Rational(1, 10)  # pooling: the prior
assert bayes.subs({s_w: 1, s_s: 0}) == 1 and bayes.subs({s_w: 0, s_s: 1}) == 0


def sender_payoff(t, m, rho_duel):
    """Expected payoff of type t sending m when the receiver duels with probability rho."""
    return sp.expand(rho_duel * g.sender_payoff(t, m, "duel")
                     + (1 - rho_duel) * g.sender_payoff(t, m, "not_duel"))


separating_breaks = {}
for weak_msg, strong_msg in (("beer", "quiche"), ("quiche", "beer")):
    # receiver: duel after the weak type's message (mu = 1), not after the strong's (mu = 0)
    on_path = sender_payoff("weak", weak_msg, 1)
    mimic = sender_payoff("weak", strong_msg, 0)
    separating_breaks[(weak_msg, strong_msg)] = (on_path, mimic)
    print(f"weak eats {weak_msg}: gets {on_path}; eating {strong_msg} instead gets {mimic}")
    assert mimic > on_path  # the weak type deviates: not an equilibrium

# %% [markdown]
# ## 1.4 The pooling conditions
#
# **Pooling on beer.** Both types eat beer, so $\mu(\text{beer}) = p = 1/10 < 1/2$ and the
# receiver does not duel: the weak type gets $0 + 2 = 2$ and the strong type $1 + 2 = 3$.
# Let $\rho$ be the probability of a duel after the off-path quiche.  No type deviates iff
#
# $$ u_{\text{weak}}(\text{quiche},\rho) = 1 + 2(1-\rho) \le 2, \qquad
#    u_{\text{strong}}(\text{quiche},\rho) = 2(1-\rho) \le 3, $$
#
# i.e. $\rho \ge 1/2$.  The receiver may duel with probability $\rho \ge 1/2$ only if it
# is a best response to *some* belief: $\rho = 1$ needs $\mu(\text{quiche}) \ge 1/2$ and
# $\rho \in (0, 1)$ needs $\mu(\text{quiche}) = 1/2$ exactly.
#
# **Pooling on quiche** is the mirror image: the strong type must be kept from beer,
# $1 + 2(1-\rho) \le 2$, so again $\rho \ge 1/2$ after the off-path beer, sustained by
# $\mu(\text{beer}) \ge 1/2$.

# %%
rho = sp.Symbol("rho", nonnegative=True)
unit = sp.Interval(0, 1)


def pooling_condition(m_pool, m_off):
    """Set of duel probabilities after m_off that keeps both types on m_pool."""
    mu_pool = bayes.subs({s_w: 1, s_s: 1})
    assert gain_duel.subs(mu, mu_pool) < 0  # receiver does not duel on the path
    eq_payoff = {t: sender_payoff(t, m_pool, 0) for t in g.types}
    ok = unit
    for t in g.types:
        ok = ok.intersect(sp.solveset(sender_payoff(t, m_off, rho) <= eq_payoff[t], rho, unit))
    return eq_payoff, ok


by_hand = {}
for m_pool, m_off in (("beer", "quiche"), ("quiche", "beer")):
    eq_payoff, rho_set = pooling_condition(m_pool, m_off)
    by_hand[m_pool] = (eq_payoff, rho_set)
    display(Math(rf"\text{{pool on {m_pool}: payoffs }} {sp.latex(eq_payoff)},\quad "
                 rf"\rho(\text{{duel}}\mid\text{{{m_off}}}) \in {sp.latex(rho_set)}"))

assert by_hand["beer"] == ({"weak": 2, "strong": 3}, sp.Interval(sp.Rational(1, 2), 1))
assert by_hand["quiche"] == ({"weak": 3, "strong": 2}, sp.Interval(sp.Rational(1, 2), 1))

# %% [markdown]
# So by hand there are, for each breakfast, a pooling equilibrium with a pure duel after
# the other breakfast (off-path belief $\mu \in [1/2, 1]$) and a continuum in which the
# receiver mixes, duel probability $\rho \in [1/2, 1)$, at belief exactly $1/2$; no
# separating equilibrium, and no equilibrium in which a sender type mixes (a type mixes
# only when indifferent, which needs the receiver to mix after both breakfasts, at
# $\mu = 1/2$ after both -- impossible with the prior $1/10$ below $1/2$).
#
# ## 1.5 The same by the package
#
# `solve` enumerates supports exactly; continua are reported once, as a *family* with the
# exact range of each free probability.  The independent checker `verify` re-derives every
# condition from the payoff arrays.

# %%
res = solve(g)
print(res)
assert len(res) == 4
assert all(e.kind == "pooling" for e in res)
assert {frozenset(e.on_path) for e in res} == {frozenset({"beer"}), frozenset({"quiche"})}
assert all(verify(g, e).ok for e in res)

pure = solve(g, pure=True)
assert len(pure) == 2 and all(e.is_pure for e in pure)

for m_pool, m_off in (("beer", "quiche"), ("quiche", "beer")):
    eqs = [e for e in res if e.on_path == {m_pool}]
    pure_eq = next(e for e in eqs if e.family is None)
    fam_eq = next(e for e in eqs if e.family is not None)
    # payoffs agree with the hand derivation
    assert dict(pure_eq.sender_payoffs) == by_hand[m_pool][0]
    assert pure_eq.receiver[m_off]["duel"] == 1
    # the family's duel probability spans the hand-derived [1/2, 1]
    var = next(v for v in fam_eq.family.variables if str(v) == f"rho[{m_off},duel]")
    lo, hi = fam_eq.family.ranges[var]
    assert sp.Interval(lo, hi) == by_hand[m_pool][1]

# %% [markdown]
# ## 1.6 Off-path belief sets
#
# The package never fills in an arbitrary off-path belief: `eq.beliefs[m]` is a
# `BeliefSet`, the exact set of beliefs at which the receiver's off-path play is optimal.
# For the pure beer pool it is $\{\mu(\text{weak}) \ge 1/2\}$, the set found in 1.4; for the
# mixing family it is the single point $\mu = 1/2$.

# %%
beer_pool = next(e for e in res if e.on_path == {"beer"} and e.family is None)
beer_fam = next(e for e in res if e.on_path == {"beer"} and e.family is not None)
B = beer_pool.beliefs["quiche"]
print("pure beer pool, after quiche:", B, "| constraints:", B.constraints)
print("mixing family, after quiche:", beer_fam.beliefs["quiche"])
print("on the path, after beer:", dict(beer_pool.beliefs["beer"]))

assert isinstance(B, BeliefSet)
assert B.interval() == (sp.Rational(1, 2), 1)
assert sp.Interval(*B.interval()) == duel_region  # exactly where duel is a best response
assert B.contains({"weak": "1/2", "strong": "1/2"}) and B.contains({"weak": 1, "strong": 0})
assert not B.contains({"weak": "1/10", "strong": "9/10"})  # the prior does not sustain it
assert beer_fam.beliefs["quiche"].interval() == (sp.Rational(1, 2), sp.Rational(1, 2))
assert dict(beer_pool.beliefs["beer"]) == {"weak": sp.Rational(1, 10),
                                           "strong": sp.Rational(9, 10)}

# %% [markdown]
# ## 1.7 Why the quiche pool fails the Intuitive Criterion
#
# Take an equilibrium outcome with payoffs $u^*_t$ and an off-path message $m$.  Type $t$
# is *equilibrium-dominated* at $m$ if even the best best-response to $m$ gives it less than
# $u^*_t$:
#
# $$ u^*_t > \max_{a \in BR(\Delta(T), m)} u_t(m, a). $$
#
# The Intuitive Criterion (Cho and Kreps 1987) rejects the outcome if some type $t'$ would
# gain from $m$ against *every* best response to beliefs concentrated on the types that are
# not dominated.
#
# In the quiche pool $u^* = (3, 2)$ (weak, strong).  After beer, any belief makes duel or
# not_duel a best response, so the weak type can get at most $0 + 2 = 2 < 3$: it is
# dominated.  The strong type could get $1 + 2 = 3 > 2$: not dominated.  With the belief
# on the strong type only ($\mu = 0$) the receiver's only best response is not_duel, which
# gives the strong type $3 > 2$: the strong type would deviate, and the pool fails.

# %%
def best_responses(m, beliefs):
    """Pure actions that are a best response to some belief mu in the given set."""
    out = set()
    for a in ("duel", "not_duel"):
        other = "not_duel" if a == "duel" else "duel"
        where = sp.solveset(U_R(m, a) - U_R(m, other) >= 0, mu, beliefs)
        if where != sp.EmptySet:
            out.add(a)
    return out


def intuitive(m_pool, m_off):
    u_star = by_hand[m_pool][0]
    all_br = best_responses(m_off, unit)
    best = {t: max(g.sender_payoff(t, m_off, a) for a in all_br) for t in g.types}
    dominated = [t for t in g.types if u_star[t] > best[t]]
    rest = [t for t in g.types if t not in dominated]
    # beliefs concentrated on the undominated types: mu = Pr(weak) in this set
    support = sp.Interval(0, 1) if set(rest) == set(g.types) else (
        sp.FiniteSet(1) if rest == ["weak"] else sp.FiniteSet(0))
    brs = best_responses(m_off, support)
    breaks = [t for t in g.types
              if all(g.sender_payoff(t, m_off, a) > u_star[t] for a in brs)]
    return best, dominated, brs, breaks


for m_pool, m_off in (("quiche", "beer"), ("beer", "quiche")):
    best, dominated, brs, breaks = intuitive(m_pool, m_off)
    print(f"pool on {m_pool}: best payoff from {m_off} {best}; dominated {dominated}; "
          f"responses to the rest {sorted(brs)}; types that break it {breaks}")

assert intuitive("quiche", "beer")[1:] == (["weak"], {"not_duel"}, ["strong"])
assert intuitive("beer", "quiche")[1:] == (["strong"], {"duel"}, [])

quiche_pool = next(e for e in res if e.on_path == {"quiche"} and e.family is None)
assert quiche_pool.intuitive_criterion is False
assert beer_pool.intuitive_criterion is True
assert [sorted(e.on_path) for e in res.surviving("intuitive")] == [["beer"], ["beer"]]

# %% [markdown]
# ## 1.8 Criterion D1
#
# D1 compares, for each type, the set of receiver mixtures after $m$ that would make the
# deviation strictly profitable ($D_t$) or leave the type indifferent ($D^0_t$).  If
# $D_t \cup D^0_t \subseteq D_{t'}$ for another type $t'$, type $t$ is pruned: the receiver
# should put no weight on it.  With two actions a mixture is a duel probability
# $\rho \in [0,1]$:
#
# * quiche pool, off-path beer: $D_{\text{weak}} \cup D^0_{\text{weak}} = \{\rho :
#   2(1-\rho) \ge 3\} = \emptyset$, while $D_{\text{strong}} = \{\rho: 1 + 2(1-\rho) > 2\}
#   = [0, 1/2)$.  The weak type is pruned, the belief goes to strong, the receiver does not
#   duel and the strong type deviates: the quiche pool fails D1.
# * beer pool, off-path quiche: the strong type is pruned ($2(1-\rho) \ge 3$ is empty), the
#   belief goes to weak, the receiver duels, and no type gains: the beer pool survives.

# %%
def D_sets(m_pool, m_off):
    u_star = by_hand[m_pool][0]
    D = {t: sp.solveset(sender_payoff(t, m_off, rho) > u_star[t], rho, unit) for t in g.types}
    D0 = {t: sp.solveset(sp.Eq(sender_payoff(t, m_off, rho), u_star[t]), rho, unit)
          for t in g.types}
    pruned = [t for t in g.types for t2 in g.types
              if t2 != t and D[t].union(D0[t]).is_subset(D[t2])]
    return D, D0, pruned


for m_pool, m_off in (("quiche", "beer"), ("beer", "quiche")):
    D, D0, pruned = D_sets(m_pool, m_off)
    display(Math(rf"\text{{pool on {m_pool}, off-path {m_off}: }} D = {sp.latex(D)},\ "
                 rf"D^0 = {sp.latex(D0)},\ \text{{pruned: }} {pruned}"))

D, D0, pruned = D_sets("quiche", "beer")
assert D["weak"] == sp.EmptySet and D0["weak"] == sp.EmptySet
assert D["strong"] == sp.Interval.Ropen(0, sp.Rational(1, 2))
assert pruned == ["weak"]
# belief on the strong type -> not_duel -> strong gets 3 > 2: fails D1
assert g.sender_payoff("strong", "beer", "not_duel") > by_hand["quiche"][0]["strong"]
assert quiche_pool.d1 is False

D, D0, pruned = D_sets("beer", "quiche")
assert pruned == ["strong"]
# belief on the weak type -> duel -> weak gets 1 < 2: nobody gains, survives D1
assert g.sender_payoff("weak", "quiche", "duel") < by_hand["beer"][0]["weak"]
assert beer_pool.d1 is True
assert {frozenset(e.on_path) for e in res.surviving("d1")} == {frozenset({"beer"})}

# %% [markdown]
# ## 1.9 Summary
#
# | equilibrium | payoffs (weak, strong) | off-path belief | Intuitive Criterion | D1 |
# |---|---|---|---|---|
# | pool on beer, duel after quiche | (2, 3) | $\mu \in [1/2, 1]$ | survives | survives |
# | pool on beer, duel w.p. $\rho\in[1/2,1)$ | (2, 3) | $\mu = 1/2$ | survives | survives |
# | pool on quiche, duel after beer | (3, 2) | $\mu \in [1/2, 1]$ | fails | fails |
# | pool on quiche, duel w.p. $\rho\in[1/2,1)$ | (3, 2) | $\mu = 1/2$ | fails | fails |
#
# Each row was derived by hand above and asserted equal to the package's answer.

# %%
rows = sorted((sorted(e.on_path)[0], e.family is not None, e.intuitive_criterion, e.d1)
              for e in res)
assert rows == [("beer", False, True, True), ("beer", True, True, True),
                ("quiche", False, False, False), ("quiche", True, False, False)]

# %% [markdown]
# ## 1.10 For a paper: the tree, LaTeX and tables
#
# The game tree with the beer pool's play in bold (its off-path belief set labels the
# quiche information set), each equilibrium in LaTeX, a LaTeX table of all four, the tree
# as TikZ, and the results as records (one row per equilibrium; `res.to_frame()` gives a
# pandas DataFrame).

# %%
beer_pool = next(e for e in res if e.on_path == {"beer"} and e.family is None)
fig = plot_game_tree(g, equilibrium=beer_pool)
display(fig)
display(Math(beer_pool.to_latex()))
assert r"\mu(\text{weak}) \in \left[\frac{1}{2}, 1\right]" in beer_pool.to_latex()

table = res.to_latex()
print(table)
assert table.count(r"\\") == 1 + len(res)       # header and one row per equilibrium

tikz = to_tikz(g, beer_pool)
print(tikz[:400], "...")
assert tikz.count(r"\draw[dashed]") == 2         # one information set per message

records = res.to_records()
assert [r["intuitive_criterion"] for r in records] == [e.intuitive_criterion for e in res]
assert {r["family_ranges"] != "" for r in records} == {True, False}
