"""Small timing helpers: medians of repeated trials, in milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(
    trials: int, run: Callable[[], None], setup: Callable[[], None] | None = None
) -> float:
    """Median wall time of run() over trials; setup() runs untimed before each trial."""
    samples: list[float] = []
    for _ in range(trials):
        if setup is not None:
            setup()
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(samples)
