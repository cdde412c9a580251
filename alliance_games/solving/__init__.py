"""Solvers: every perfect Bayesian equilibrium, numeric (exact) or parametric (symbolic)."""

from .solve import solve

__all__ = ["solve"]
