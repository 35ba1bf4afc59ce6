"""Work on a whole large configurator (duplicate, delete and its undo, import, open) off the GUI
thread, with a progress dialog, so the window keeps painting and says what it is doing.

The caller still waits for the result — an undo command must know whether its write happened
before the stack moves on — but it waits in an event loop: the window repaints and the dialog
shows a busy bar. Small configurators run inline, exactly as before: a thread and a dialog
would only cost them time.

Only the store's own work runs on the worker (in a session of its own); it touches no Qt
object, and only the `finished` signal crosses back. Two things could still reach Qt from the
wrong thread or at the wrong time, and are ruled out:
- the cycle collector, which runs in whichever thread happens to allocate: on the worker it
  could free a cycle holding a widget or a timer, whose destructor Qt then runs off the GUI
  thread. It is paused until the worker has been joined;
- the user: the dialog is application-modal only once it shows (after SHOW_AFTER_MS), so the
  loop leaves keyboard and mouse input queued until the work is done, and no edit starts in
  the middle of another.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ...domain.collector import collector_paused

T = TypeVar("T")

# Files from which an import runs off the GUI thread (an exchange file of 20,000 options is
# about 8 MB; the layers from which other work does are application/gateway.py's LARGE_LAYERS).
LARGE_FILE_BYTES = 8 * 2**20
SHOW_AFTER_MS = 300  # a dialog that would flash for less is not shown


class _Done(QObject):
    """Tells the GUI thread's loop that the worker has finished."""

    finished = Signal()


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[], T]) -> T:
    """work() on a worker thread while a busy dialog (`longTaskDialog`) says label; returns
    its result or raises its exception, here on the GUI thread."""
    if QApplication.instance() is None:
        return work()
    results: list[T] = []
    errors: list[BaseException] = []
    done = _Done()

    def body() -> None:
        try:
            results.append(work())
        except BaseException as exc:  # handed to the GUI thread, which raises it
            errors.append(exc)
        finally:
            done.finished.emit()  # queued to the GUI thread's loop below

    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setObjectName("longTaskDialog")
    dialog.setWindowTitle("Working…")
    dialog.setCancelButton(None)  # one transaction: it completes or fails whole
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setValue(0)  # starts the minimum-duration timer
    loop = QEventLoop()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    worker = threading.Thread(target=body, name="long-task", daemon=True)
    with collector_paused():
        worker.start()
        # The queued `finished` ends it, even when the work was done before it ran.
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        worker.join()
    dialog.reset()
    dialog.deleteLater()
    if errors:
        raise errors[0]
    return results[0]
