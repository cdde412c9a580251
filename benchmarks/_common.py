"""Shared helpers for the benchmarks: seeded random games, a timeout runner, and
child processes that run another checkout side by side."""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path
from typing import Any

from alliance_games import SignallingGame, solve

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from _random_games import survey_game  # noqa: E402, F401  (the surveys' games: one recipe)


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


def _child(queue: Any, fn: Callable[..., Any], args: tuple, warm: tuple | None) -> None:
    if warm is not None:  # untimed: the child's first solve pays its copy-on-write faults
        try:
            fn(*warm)
        except BaseException:  # a failing warm-up must not hide the timed run
            pass
    start = time.process_time()
    try:
        result = fn(*args)
        queue.put(("ok", time.process_time() - start, result))
    except BaseException as exc:  # report any failure to the parent
        queue.put(("error", time.process_time() - start, repr(exc)))


def run_with_timeout(fn: Callable[..., Any], args: tuple, timeout: float, *,
                     warm: tuple | None = None) -> tuple[str, float, Any]:
    """Run ``fn(*args)`` in a child process; ``("ok"|"error"|"timeout", seconds, result)``.

    ``fn`` must be a module-level function and its result picklable.  The time is the
    child's CPU time (``time.process_time``: process start-up and pickling are not
    counted, and time the child waits for a busy machine's cores is not counted either);
    ``timeout`` is wall-clock time (for the warm-up and the timed run together).  With
    ``warm``, the child first runs ``fn(*warm)`` untimed (for example the same solver on
    another game of the same size), so the timed run is a solve in a running session
    rather than the first one after a fork, whose CPU time includes the copy-on-write
    page faults of everything it touches.
    """
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(queue, fn, args, warm), daemon=True)
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


def warm_up() -> None:
    """Solve a small game once in this process, so that the children forked by
    :func:`run_with_timeout` do not each pay sympy's first-use costs (caches, lazy
    imports), as in any session that solves more than one game."""
    import warnings

    from alliance_games import solve
    from alliance_games.examples import beer_quiche

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        solve(beer_quiche())
        solve(beer_quiche(), pure=True)


class _Stop(BaseException):
    """The time of :func:`solve_for` is up (not an ``Exception``: the solver must not
    catch it)."""


def solve_for(game: SignallingGame, seconds: int) -> None:
    """Solve ``game`` for at most ``seconds`` of wall-clock time, then stop quietly: how
    the recording benchmarks (``bench_resultants``, ``bench_zero_tests``) collect the
    inputs a game's solve meets, with their spies in place."""
    def stop(*_):
        raise _Stop

    signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        solve(game)
    except _Stop:
        pass
    finally:
        signal.alarm(0)


def speedup_line(what: str, results: dict, fast: str, slow: str, indices: list[int]) -> str:
    """One line comparing two methods' CPU totals over the runs ``indices`` (rows of
    :func:`run_with_timeout` results by method name), with the ratio slow / fast."""
    t_fast = sum(results[fast][i][1] for i in indices)
    t_slow = sum(results[slow][i][1] for i in indices)
    return (f"{what} ({len(indices)}): {fast} {t_fast:.2f} s, {slow} {t_slow:.2f} s CPU "
            f"({t_slow / max(t_fast, 1e-9):.1f}x)")


def survey_game_options(description: str, seed: int, seconds: int,
                        timeout: int | None = None) -> argparse.Namespace:
    """The command line of the recording benchmarks: the options that pick a survey game
    (``--seed``, ``--shape``, ``--types``), how long to solve it (``--seconds``) and, with
    a default ``timeout``, the limit of each replay (``--timeout``), parsed."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seed", type=int, default=seed)
    parser.add_argument("--shape", default="cubic")
    parser.add_argument("--types", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=seconds)
    if timeout is not None:
        parser.add_argument("--timeout", type=int, default=timeout)
    return parser.parse_args()


def fmt_time(status: str, seconds: float, timeout: float) -> str:
    if status == "timeout":
        return f"did not finish within {timeout:g} s"
    if status == "error":
        return "error"
    return f"{seconds:.3f} s"


PREVIOUS_SCRIPT = """
import sys, time, warnings
sys.path.insert(0, {bench!r})
from _common import random_game
import alliance_games
from alliance_games import solve
from alliance_games.examples import beer_quiche
warnings.simplefilter("ignore")
assert alliance_games.__file__.startswith({root!r}), alliance_games.__file__
solve(beer_quiche())  # warm-up, as in the parent of run_with_timeout
game = random_game({seed}, *{size})
start = time.process_time()
result = solve(game, pure={pure}, refine=False)
print(time.process_time() - start, len(result))
"""


def run_previous(root: str, size: tuple[int, int, int], seed: int, pure: bool,
                 timeout: float) -> tuple[str, float, Any]:
    """Time ``solve`` of the package found in ``root`` (e.g. an older checkout) in a fresh
    interpreter; same return shape as :func:`run_with_timeout` (result: the count)."""
    root = str(Path(root).resolve())
    code = PREVIOUS_SCRIPT.format(bench=str(Path(__file__).resolve().parent), seed=seed,
                                  size=tuple(size), pure=pure, root=root)
    env = dict(os.environ, PYTHONPATH=root)
    try:
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, timeout=timeout, check=False, cwd=root)
    except subprocess.TimeoutExpired:
        return "timeout", timeout, None
    if done.returncode != 0:
        return "error", 0.0, done.stderr.strip().splitlines()[-1:]
    seconds, count = done.stdout.split()
    return "ok", float(seconds), int(count)


#: the exit status of a child that stopped after a call ran past its time limit: sympy
#: interrupted by an alarm can fail in later calls of the same process (round 56's
#: bench_verify counted five such ``ParameterError``s), so the child stops there and
#: :func:`children_rows` starts a fresh one after the calls done so far
RESTART = 3


def _start_child(root: Path, code: str, *args: object) -> subprocess.Popen:
    """Run ``code`` (a script printing one JSON row per line) with the package found in
    ``root`` (a checkout), in its own process."""
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)],
                            stdout=subprocess.PIPE, text=True, env=env, cwd=root)


def _rows_of(root: Path, code: str, args: tuple) -> list[dict]:
    """Every JSON row of the child ``code`` run with ``args`` and, last, the number of
    rows already printed (calls to skip): restarted after each :data:`RESTART`."""
    rows: list[dict] = []
    while True:
        proc = _start_child(root, code, *args, len(rows))
        out, _ = proc.communicate()
        rows += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        if proc.returncode == RESTART:
            continue
        if proc.returncode:
            raise RuntimeError(f"a benchmark child failed (exit {proc.returncode})")
        return rows


def children_rows(jobs: dict[str, tuple[Path, str, tuple]]) -> dict[str, list[dict]]:
    """The rows of each job ``key: (checkout root, child code, its arguments)``, the jobs
    side by side (one process each, two checkouts at once).  The child reads the number
    of calls to skip as its last argument, and exits with :data:`RESTART` after a call
    that ran past its limit."""
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {key: pool.submit(_rows_of, root, code, args)
                   for key, (root, code, args) in jobs.items()}
        return {key: f.result() for key, f in futures.items()}
