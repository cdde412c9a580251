"""parametric.sweep.pmap: results in item order, on one or several processes."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time

import pytest

from alliance_games.errors import WorkerLostError
from alliance_games.parametric.sweep import pmap


def _slow_square(x: int) -> int:
    # later items finish first on two workers; the order must still be the items'
    time.sleep(0.02 * (5 - x))
    return x * x


def test_pmap_keeps_item_order_and_agrees_with_serial():
    items = list(range(6))
    assert pmap(_slow_square, items, processes=2, progress=False) == [x * x for x in items]
    assert pmap(_slow_square, items, processes=1, progress=False) == [x * x for x in items]
    assert pmap(_slow_square, [], processes=2, progress=False) == []


_CTRL_C_IN_FORK = []


def _ctrl_c_in_fork() -> None:
    if _CTRL_C_IN_FORK:  # as a terminal's Ctrl-C, arriving while os.fork runs its hooks
        os.kill(os.getpid(), signal.SIGINT)


os.register_at_fork(before=_ctrl_c_in_fork)  # hooks cannot be removed: the flag guards it


def test_ctrl_c_while_workers_start_is_raised_and_leaves_no_workers():
    """A Ctrl-C raised inside an at-fork hook is dropped by Python (and leaves logging's
    lock held); pmap must raise it after starting the pool, and leave no worker."""
    _CTRL_C_IN_FORK.append(True)
    try:
        with pytest.raises(KeyboardInterrupt):
            pmap(_slow_square, list(range(6)), processes=2, progress=False)
    finally:
        _CTRL_C_IN_FORK.clear()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert mp.active_children() == []
    assert pmap(_slow_square, list(range(4)), processes=2, progress=False) == [0, 1, 4, 9]


def _fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


def test_an_error_in_a_worker_is_raised_and_the_pool_is_gone():
    with pytest.raises(ValueError, match="three"):
        pmap(_fail_on_three, list(range(6)), processes=2, progress=False)
    assert mp.active_children() == []


def _die_on_two(x: int) -> int:
    if x == 2:
        os._exit(3)  # as if the system killed the worker
    return x


def test_a_worker_that_dies_is_reported_not_waited_for():
    with pytest.raises(WorkerLostError, match="item 2"):
        pmap(_die_on_two, list(range(5)), processes=2, progress=False)
    assert mp.active_children() == []
