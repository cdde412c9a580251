"""Deterministic parallel map for sweeps over parameter points.

:func:`pmap` applies a module-level function to every item on worker processes and returns
the results in the order of the items, whatever the order in which workers finish, so a
sweep gives the same answer on any machine and any number of processes.  There is no
timeout: a slow point is waited for (a timeout would let machine load change a result).

A tqdm progress bar shows the work done.  Ctrl-C stops cleanly: the workers ignore SIGINT
(so they print no tracebacks), the main process kills them and re-raises
``KeyboardInterrupt``.  Each worker has its own pipe and the main process no helper
thread, so stopping never waits for a lock that a killed worker held (as
``multiprocessing.Pool.terminate`` can).

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
from multiprocessing.connection import Connection, wait
from typing import Any

from tqdm.auto import tqdm

from ..errors import WorkerLostError

__all__ = ["pmap"]


def _work(conn: Connection, func: Callable[[Any], Any]) -> None:  # pragma: no cover
    """A worker's loop: receive ``(index, item)``, send ``(index, ok, value)``; ``None``
    ends it.  Runs in the worker process (coverage does not see it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        index, item = job
        try:
            reply = (index, True, func(item))
        except Exception as exc:  # raised again in the main process
            reply = (index, False, exc)
        try:
            conn.send(reply)
        except Exception as exc:  # an unpicklable result or exception
            conn.send((index, False, RuntimeError(
                f"the worker could not send its result back ({type(exc).__name__}: {exc})")))


def _context():
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else methods[0])


def _start_workers(func: Callable[[Any], Any], count: int) -> list[tuple[Any, Connection]]:
    """``count`` worker processes running ``func``, each with its own pipe.

    Python runs signal handlers in the main thread between bytecodes, also inside the
    at-fork hooks that ``os.fork`` calls (``logging`` takes and releases its lock there).
    A ``KeyboardInterrupt`` raised inside such a hook is reported as unraisable and
    dropped, and leaves the lock held.  So while the workers are forked, SIGINT only sets
    a flag; if it was set, the new workers are killed and ``KeyboardInterrupt`` raised.
    """
    ctx = _context()
    caught: list[int] = []
    held = threading.current_thread() is threading.main_thread()
    if held:  # handlers can only be set, and only run, in the main thread
        previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    workers: list[tuple[Any, Connection]] = []
    try:
        for _ in range(count):
            mine, theirs = ctx.Pipe()
            proc = ctx.Process(target=_work, args=(theirs, func), daemon=True)
            proc.start()
            theirs.close()
            workers.append((proc, mine))
    except BaseException:
        _stop(workers)
        raise
    finally:
        if held:
            signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
    if caught and previous is not signal.SIG_IGN:
        _stop(workers)
        if callable(previous):
            previous(signal.SIGINT, None)
        raise KeyboardInterrupt
    return workers


def _stop(workers: list[tuple[Any, Connection]]) -> None:
    """Kill the workers and wait for them (they hold nothing the main process needs)."""
    for proc, _ in workers:
        if proc.is_alive():
            proc.kill()
    for proc, conn in workers:
        proc.join()
        conn.close()


def pmap(func: Callable[[Any], Any], items: Sequence[Any], *, processes: int = 2,
         progress: bool = True, desc: str = "solving") -> list:
    """``[func(x) for x in items]`` on ``processes`` worker processes, in item order.

    Parameters
    ----------
    func
        A module-level (picklable) function of one argument.
    items
        The arguments (picklable).
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

    Raises
    ------
    Exception
        The first exception that ``func`` raised on a worker (the others are stopped).
    WorkerLostError
        When a worker process ended without sending a result.

    Examples
    --------
    >>> pmap(abs, [-4, 5], processes=2, progress=False)
    [4, 5]
    """
    items = list(items)
    out: list = [None] * len(items)
    with tqdm(total=len(items), desc=desc, disable=not progress) as bar:
        if processes <= 1 or len(items) <= 1:
            for i, x in enumerate(items):
                out[i] = func(x)
                bar.update(1)
            return out
        workers = _start_workers(func, min(processes, len(items)))
        try:
            jobs = iter(enumerate(items))
            busy: dict[Connection, int] = {}

            def give(conn: Connection) -> None:
                job = next(jobs, None)
                if job is None:
                    conn.send(None)
                else:
                    conn.send(job)
                    busy[conn] = job[0]

            for _, conn in workers:
                give(conn)
            while busy:
                for conn in wait(list(busy)):
                    try:
                        index, ok, value = conn.recv()
                    except EOFError:
                        raise WorkerLostError(
                            f"a worker process ended while computing item {busy[conn]} "
                            "(killed, or out of memory?)") from None
                    del busy[conn]
                    if not ok:
                        raise value
                    out[index] = value
                    bar.update(1)
                    give(conn)
        except BaseException:  # Ctrl-C, or an error raised by func on a worker
            _stop(workers)
            raise
        for proc, conn in workers:
            proc.join()
            conn.close()
    return out
