"""python-flint, the optional C arithmetic (the ``fast`` extra): the package's one import
of it.  ``flint`` is the module, or None where it is not installed; every user falls back
to sympy (or mpmath) then, with the same results.

Examples
--------
>>> flint is None or hasattr(flint, "fmpz_poly")
True
"""

from __future__ import annotations

try:  # optional: C arithmetic for polynomials and ball arithmetic
    import flint
except ImportError:  # pragma: no cover - exercised where python-flint is missing
    flint = None

__all__ = ["flint"]
