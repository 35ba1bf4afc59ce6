"""The process that `configurator-editor` and `python -m desktop` start.

Python's cycle collector walks every object the process holds, again and again as they are
made: while the modules load (SQLAlchemy alone makes hundreds of thousands of objects), while
a command builds a whole configurator, and once more at exit. Profiling a storefront run of a
100,000-option configurator showed those walks at about a quarter of its time. So the collector
is off while the modules load, and what they made is set aside for good (`gc.freeze`: it lives
as long as the process); the commands that read or write one configurator and exit keep it
off, and everything else (the editor above all) turns it back on.
"""

from __future__ import annotations

import gc


def run() -> int:
    gc.disable()
    from .cli import main

    gc.freeze()
    status = main(short_lived=True)
    gc.freeze()  # the exit frees everything anyway: no last walk over it first
    return status
