"""Equilibrium refinements as outcome tests: the Intuitive Criterion and D1."""

from .d1 import passes_d1
from .intuitive import passes_intuitive

__all__ = ["passes_intuitive", "passes_d1"]
