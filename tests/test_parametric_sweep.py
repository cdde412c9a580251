"""parametric.sweep.pmap: results in item order, on one or several processes."""

from __future__ import annotations

import time

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
