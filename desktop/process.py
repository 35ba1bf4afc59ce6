"""The process that `configurator-editor` and `python -m desktop` start.

Python's cycle collector walks every object the process holds, again and again as they are
made: while the modules load (SQLAlchemy alone makes hundreds of thousands of objects), while
a command builds a whole configurator, and once more at exit. Profiling a storefront run of a
100,000-option configurator showed those walks at about a quarter of its time. So the collector
is off while the modules load, and what they made is set aside for good (`gc.freeze`: it lives
as long as the process); the commands that read or write one configurator and exit keep it
off, and everything else (the editor above all) turns it back on.

Those commands also end without the interpreter's clean-up: it would free the configurator's
objects one by one and tear down every module, a tenth of a second at 100,000 options, for
memory the system takes back at once. They have closed their database and files by then
(writes are committed, exported files written atomically), so only the standard streams
are left to flush. The editor, which Qt's own shutdown saves settings for, exits normally.
"""

from __future__ import annotations

import gc
import os
import sys


def run() -> int:
    gc.disable()
    from .cli import main

    gc.freeze()
    status = main(short_lived=True)
    if gc.isenabled():  # a long-lived command (the editor, scenario files, stock sheets)
        return status
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a stream that failed: the normal exit reports it as Python would
        gc.freeze()
        return status
    os._exit(status)
