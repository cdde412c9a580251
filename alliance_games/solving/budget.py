"""A budget for long solves: a progress bar and optional limits on time and patterns.

:func:`~alliance_games.solving.solve.solve` creates one :class:`Budget` per call and the
enumerators report to it: ``advance`` after each unit of the enumeration (a profile of
sender supports, or a branch of the pure search), ``count`` for each support pattern
solved.  When a limit is passed it raises
:class:`~alliance_games.errors.BudgetExceededError` saying how far the solve got.
"""

from __future__ import annotations

import time

from tqdm.auto import tqdm

from ..errors import BudgetExceededError, ParameterError

#: seconds after which ``progress=None`` (automatic) shows the bar
AUTO_DELAY = 2.0


class Budget:
    """Limits and progress reporting for one solve.

    Parameters
    ----------
    max_seconds
        Wall-clock limit in seconds (None: none).
    max_patterns
        Limit on the number of support patterns solved (None: none).
    progress
        True: show a tqdm bar at once; False: never; None: only once the solve has run
        for more than :data:`AUTO_DELAY` seconds.
    unit
        What ``advance`` counts, for the bar and the error message.

    Examples
    --------
    >>> b = Budget(max_patterns=2, progress=False)
    >>> b.start(total=5, unit="sender support profiles")
    >>> b.count(); b.count()
    >>> b.count()
    Traceback (most recent call last):
    ...
    alliance_games.errors.BudgetExceededError: solve stopped at max_patterns=2: 3 support \
patterns solved, 0 of 5 sender support profiles done, 0 equilibria found so far
    """

    def __init__(self, max_seconds: float | None = None, max_patterns: int | None = None,
                 progress: bool | None = None) -> None:
        if max_seconds is not None and (isinstance(max_seconds, bool)
                                        or not isinstance(max_seconds, (int, float))
                                        or not max_seconds > 0):
            raise ParameterError(f"max_seconds must be a positive number, got {max_seconds!r}")
        if max_patterns is not None and (isinstance(max_patterns, bool)
                                         or not isinstance(max_patterns, int)
                                         or max_patterns < 0):
            raise ParameterError(f"max_patterns must be a non-negative integer, "
                             f"got {max_patterns!r}")
        if progress not in (None, True, False):
            raise ParameterError(f"progress must be True, False or None, got {progress!r}")
        self.max_seconds = max_seconds
        self.max_patterns = max_patterns
        self.progress = progress
        self.began = time.perf_counter()
        self.total: int | None = None
        self.unit = "steps"
        self.done = 0
        self.patterns = 0
        self.found = 0
        self._bar = None
        self._posted = 0.0  # when the bar's counts were last updated (seconds in)

    def start(self, total: int | None, unit: str) -> None:
        """Begin an enumeration of ``total`` units (None: unknown)."""
        self.total, self.unit, self.done = total, unit, 0
        if self._bar is not None:
            self._bar.reset(total=total)
            self._bar.set_description(unit)

    def advance(self, n: int = 1) -> None:
        """``n`` more units of the enumeration are done."""
        self.done += n
        self._tick(n)

    def count(self) -> None:
        """One more support pattern solved (checks ``max_patterns``)."""
        self.patterns += 1
        if self.max_patterns is not None and self.patterns > self.max_patterns:
            self._stop(f"max_patterns={self.max_patterns}")
        self._tick(0)

    def check(self) -> None:
        """Check the time limit (and refresh the bar) without counting anything."""
        self._tick(0)

    def close(self) -> None:
        """Close the bar, if one is shown."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    # ------------------------------------------------------------------ internals
    def _tick(self, n: int) -> None:
        elapsed = time.perf_counter() - self.began
        if self.max_seconds is not None and elapsed > self.max_seconds:
            self._stop(f"max_seconds={self.max_seconds:g}")
        if self._bar is None and (self.progress is True or (
                self.progress is None and elapsed > AUTO_DELAY)):
            self._bar = tqdm(total=self.total, initial=self.done, desc=self.unit,
                             leave=False)
        elif self._bar is not None and n:
            self._bar.update(n)
            if elapsed - self._posted > 0.2:  # formatting the counts costs more than a step
                self._posted = elapsed
                self._bar.set_postfix(patterns=self.patterns, equilibria=self.found,
                                      refresh=False)

    def _stop(self, limit: str) -> None:
        self.close()
        of = f" of {self.total}" if self.total is not None else ""
        message = (f"solve stopped at {limit}: {self.patterns} support patterns solved, "
                   f"{self.done}{of} {self.unit} done, {self.found} equilibria found so far")
        if limit.startswith("max_seconds"):
            message += f" (after {time.perf_counter() - self.began:.1f} s)"
        raise BudgetExceededError(message)
