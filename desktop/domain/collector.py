"""Building a whole configurator at once (load, import, copy) without Python's cycle collector.

The layer tree is full of reference cycles (each layer points at its parent, each parent at its
children), so the collector cannot skip it: while 100,000 layers are being built it runs every
few hundred allocations and walks the ever larger set of objects made so far. Profiling an open
of a 100,000-option configurator showed that walk taking more than half of the time. Pausing
the collector for the duration of one bulk build and letting it run once afterwards costs
nothing in memory that the build would not hold anyway.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off (nested blocks leave it to the outer one)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
