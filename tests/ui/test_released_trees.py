"""A whole configurator the window no longer uses (the one it switched away from, an undo
command's snapshot the stack dropped, the copy a restore wrote) is freed at once, without the
cycle collector's walk over everything the process holds; and the edits stay undoable."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from desktop.ui.commands import DeleteConfigurator, DuplicateConfigurator, push
from desktop.ui.main_window import MainWindow

from .helpers import read_configurator


@pytest.fixture
def collector_off() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    yield
    if was:
        gc.enable()


def _option_of(window: MainWindow) -> weakref.ref[object]:
    cfg = window.document.configurator
    assert cfg is not None
    return weakref.ref(cfg.layers[0].children[0])


def test_the_configurator_switched_away_from_is_freed(
    window: MainWindow, collector_off: None
) -> None:
    shown = _option_of(window)
    other = next(s.id for s in window.document.configurators() if s.name == "Second")
    window.document.open_configurator(other)
    assert shown() is None


def test_a_dropped_command_frees_its_snapshot(window: MainWindow, collector_off: None) -> None:
    document, stack = window.document, window.undo_stack
    source = document.configurator
    assert source is not None and source.id is not None
    assert push(stack, DeleteConfigurator(document, source.id, source.name))
    command = stack.command(stack.index() - 1)
    kept = weakref.ref(command.snapshot.layers[0].children[0])  # type: ignore[attr-defined]
    del command
    stack.clear()
    assert kept() is None


def test_a_duplicate_undone_and_redone_comes_back_with_the_same_ids(window: MainWindow) -> None:
    document, stack = window.document, window.undo_stack
    source = document.configurator
    assert source is not None and source.id is not None
    assert push(stack, DuplicateConfigurator(document, source.id, "Copy"))
    copy = document.configurator
    assert copy is not None and copy.name == "Copy"
    ids = [layer.id for layer in copy.walk()]
    stack.undo()
    assert "Copy" not in [s.name for s in document.configurators()]
    stack.redo()
    again = document.configurator
    assert again is not None and again.name == "Copy"
    assert [layer.id for layer in again.walk()] == ids
    stored = read_configurator(document.db_path, "Copy")  # type: ignore[arg-type]
    assert [layer.id for layer in stored.walk()] == ids
