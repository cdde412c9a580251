"""Test configuration: Hypothesis profiles.

In CI (any non-empty ``CI`` environment variable, as CI services set it) every Hypothesis
test is derandomized: the examples are a fixed function of the test, so a CI run is
reproducible and never depends on luck or on a local example database.  Locally the
examples are random (new ones each run, failures replayed from ``.hypothesis``), so that
development keeps exploring.  Choose a profile explicitly with
``HYPOTHESIS_PROFILE=ci`` or ``HYPOTHESIS_PROFILE=dev``.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                      or ("ci" if os.environ.get("CI") else "dev"))
