"""Work on a whole large configurator runs off the GUI thread behind a progress dialog: the
window's event loop keeps turning, errors arrive on the GUI thread, and the edits stay
undoable exactly as when they run inline."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop, QTimer

from desktop.application import gateway as gateway_module
from desktop.store import repository as repo
from desktop.store.repository import StoreError
from desktop.ui.database.change_watcher import ChangeWatcher
from desktop.ui.editing import long_task
from desktop.ui.editing.commands import DeleteConfigurator, DuplicateConfigurator, push
from desktop.ui.editing.long_task import run_with_progress
from desktop.ui.window.main_window import MainWindow


def test_the_event_loop_turns_while_the_work_runs(qtbot: Any) -> None:
    ticked = threading.Event()
    QTimer.singleShot(0, ticked.set)  # fires only if the GUI thread's loop runs meanwhile

    def work() -> str:
        assert ticked.wait(10)
        return threading.current_thread().name

    assert run_with_progress(None, "Working…", work) == "long-task"


def test_an_error_of_the_work_is_raised_on_the_gui_thread(qtbot: Any) -> None:
    def work() -> None:
        raise StoreError("the disk is full")

    with pytest.raises(StoreError, match="the disk is full"):
        run_with_progress(None, "Working…", work)


def test_a_large_duplicate_and_delete_run_off_the_gui_thread_and_undo(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gateway_module, "LARGE_LAYERS", 1)  # the demo counts as large
    threads: list[str] = []
    for name in ("duplicate_configurator", "delete_configurator", "insert_configurator"):
        original = getattr(repo, name)

        def spy(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            threads.append(threading.current_thread().name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(repo, name, spy)
    document, stack = window.document, window.undo_stack
    source = document.configurator
    assert source is not None and source.id is not None
    layers = sum(1 for _ in source.walk())

    assert push(stack, DuplicateConfigurator(document, source.id, "Copy"))
    copy = document.configurator
    assert copy is not None and copy.name == "Copy" and sum(1 for _ in copy.walk()) == layers
    stack.undo()
    assert "Copy" not in [s.name for s in document.configurators()]
    stack.redo()
    assert "Copy" in [s.name for s in document.configurators()]

    assert push(stack, DeleteConfigurator(document, source.id, source.name))
    assert source.name not in [s.name for s in document.configurators()]
    stack.undo()
    document.open_configurator(source.id)
    restored = document.configurator
    assert restored is not None and sum(1 for _ in restored.walk()) == layers
    assert threads and set(threads) == {"long-task"}


def test_the_collector_never_runs_on_the_worker(qtbot: Any) -> None:
    """It could free a cycle holding a widget there, and Qt would destroy it off the GUI
    thread; it is back on once the worker has been joined."""
    assert gc.isenabled()
    assert run_with_progress(None, "Working…", gc.isenabled) is False
    assert gc.isenabled()


def test_input_waits_until_the_work_is_done(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dialog is modal only once it shows: until the work is done the loop leaves the
    keyboard and mouse queued (Qt's own flag; offscreen, no real input reaches a loop), so no
    other edit can start in the middle of this one."""
    flags: list[QEventLoop.ProcessEventsFlag] = []

    class Loop(QEventLoop):
        def exec(self, flags_: Any = QEventLoop.ProcessEventsFlag.AllEvents) -> int:
            flags.append(flags_)
            return super().exec(flags_)

    monkeypatch.setattr(long_task, "QEventLoop", Loop)
    assert run_with_progress(None, "Working…", lambda: 7) == 7
    assert len(flags) == 1 and flags[0] & QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents


def test_the_change_watcher_waits_while_a_large_task_runs(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its look could reopen or refresh the configurator in the middle of the edit; it comes
    at the next tick instead."""
    monkeypatch.setattr(gateway_module, "LARGE_LAYERS", 1)
    watcher = window.findChild(ChangeWatcher)
    assert watcher is not None and watcher.probe is not None
    looks: list[bool] = []
    monkeypatch.setattr(watcher.probe, "poll", lambda: looks.append(True) or [])
    gateway = window.document.gateway
    busy_inside: list[bool] = []

    def work(_session: object) -> None:
        busy_inside.append(gateway.busy)

    gateway.whole("Working…", True, work)
    assert busy_inside == [True] and not gateway.busy
    gateway.busy = True
    watcher.poll()
    assert looks == []
    gateway.busy = False
    watcher.poll()
    assert looks == [True]
