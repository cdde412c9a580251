"""Deterministic parallel map for sweeps over parameter points.

:func:`pmap` applies a module-level function to every item on worker processes and returns
the results in the order of the items, whatever the order in which workers finish, so a
sweep gives the same answer on any machine and any number of processes.  There is no
timeout: a slow point is waited for (a timeout would let machine load change a result).

A tqdm progress bar shows the work done.  Ctrl-C stops cleanly: the workers ignore SIGINT
(so they print no tracebacks), the main process terminates the pool and re-raises
``KeyboardInterrupt``.

Examples
--------
>>> pmap(abs, [-1, 2, -3], processes=1, progress=False)
[1, 2, 3]
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any

from tqdm.auto import tqdm

__all__ = ["pmap"]


def _ignore_sigint() -> None:  # pragma: no cover - runs in the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_pool(processes: int):
    """A pool whose workers ignore SIGINT; a Ctrl-C while it starts is raised afterwards.

    Python runs signal handlers in the main thread between bytecodes, also inside the
    at-fork hooks that ``os.fork`` calls (``logging`` takes and releases its lock there).
    A ``KeyboardInterrupt`` raised inside such a hook is reported as unraisable and
    dropped, and leaves the lock held: the interrupt is lost and the pool's next fork
    deadlocks.  So while the workers are forked, SIGINT only sets a flag; if it was set,
    the new pool is terminated and ``KeyboardInterrupt`` raised here.
    """
    caught: list[int] = []
    held = threading.current_thread() is threading.main_thread()
    if held:  # handlers can only be set, and only run, in the main thread
        previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        pool = _context().Pool(processes, initializer=_ignore_sigint)
    finally:
        if held:
            signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
    if caught and previous is not signal.SIG_IGN:
        pool.terminate()
        pool.join()
        if callable(previous):
            previous(signal.SIGINT, None)
        raise KeyboardInterrupt
    return pool


def _context():
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else methods[0])


def pmap(func: Callable[[Any], Any], items: Sequence[Any], *, processes: int = 2,
         progress: bool = True, desc: str = "solving") -> list:
    """``[func(x) for x in items]`` on ``processes`` worker processes, in item order.

    Parameters
    ----------
    func
        A module-level (picklable) function of one argument.
    items
        The arguments.
    processes
        Worker processes; ``<= 1`` runs everything in this process.
    progress
        Show a tqdm progress bar.
    desc
        The bar's label.

    Returns
    -------
    list
        The results, in the order of ``items``.

    Examples
    --------
    >>> pmap(abs, [-4, 5], processes=2, progress=False)
    [4, 5]
    """
    items = list(items)
    out: list = []
    with tqdm(total=len(items), desc=desc, disable=not progress) as bar:
        if processes <= 1 or len(items) <= 1:
            for x in items:
                out.append(func(x))
                bar.update(1)
            return out
        pool = _start_pool(min(processes, len(items)))
        try:
            for r in pool.imap(func, items, chunksize=1):
                out.append(r)
                bar.update(1)
            pool.close()
            pool.join()
        except BaseException:  # Ctrl-C, or an error raised by func in a worker
            pool.terminate()
            pool.join()
            raise
    return out
