"""Shared helpers for the benchmarks: seeded random games and a timeout runner."""

from __future__ import annotations

import multiprocessing as mp
import random
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from alliance_games import SignallingGame


def random_game(seed: int, n_types: int, n_messages: int, n_actions: int,
                spread: int = 10) -> SignallingGame:
    """A seeded random numeric game with payoffs in ``[-spread, spread]`` (integers)."""
    rng = random.Random(seed)
    weights = [rng.randint(1, 4) for _ in range(n_types)]
    prior = [Fraction(w, sum(weights)) for w in weights]

    def table() -> list:
        return [[[rng.randint(-spread, spread) for _ in range(n_actions)]
                 for _ in range(n_messages)] for _ in range(n_types)]

    return SignallingGame.from_arrays(prior, table(), table(),
                                      name=f"random {n_types}x{n_messages}x{n_actions} #{seed}")


def _child(queue: Any, fn: Callable[..., Any], args: tuple) -> None:
    start = time.perf_counter()
    try:
        result = fn(*args)
        queue.put(("ok", time.perf_counter() - start, result))
    except BaseException as exc:  # report any failure to the parent
        queue.put(("error", time.perf_counter() - start, repr(exc)))


def run_with_timeout(fn: Callable[..., Any], args: tuple, timeout: float
                     ) -> tuple[str, float, Any]:
    """Run ``fn(*args)`` in a child process; ``("ok"|"error"|"timeout", seconds, result)``.

    ``fn`` must be a module-level function and its result picklable.  The time is measured
    inside the child (process start-up and pickling are not counted).
    """
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(queue, fn, args), daemon=True)
    proc.start()
    try:
        status, seconds, result = queue.get(timeout=timeout)
    except Exception:  # queue.Empty: no answer in time
        proc.terminate()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
        return "timeout", timeout, None
    proc.join(5)
    return status, seconds, result


def fmt_time(status: str, seconds: float, timeout: float) -> str:
    if status == "timeout":
        return f"did not finish within {timeout:g} s"
    if status == "error":
        return "error"
    return f"{seconds:.3f} s"
