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
from collections.abc import Callable, Sequence
from typing import Any

from tqdm.auto import tqdm

__all__ = ["pmap"]


def _ignore_sigint() -> None:  # pragma: no cover - runs in the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _start_pool(processes: int):
    """A pool whose workers ignore SIGINT, started with SIGINT blocked in this thread.

    A Ctrl-C that arrives while ``os.fork`` runs its at-fork hooks is raised inside a hook,
    where Python reports it as unraisable and drops it, and leaves the ``logging`` lock
    held, so the interrupt is lost and the pool's next fork deadlocks.  Blocked, the signal
    stays pending and is delivered (as ``KeyboardInterrupt``) once the workers exist.
    """
    block = hasattr(signal, "pthread_sigmask")
    if block:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return _context().Pool(processes, initializer=_ignore_sigint)
    finally:
        if block:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


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
