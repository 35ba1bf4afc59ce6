"""A whole configurator the window no longer uses (the one it switched away from, an undo
command's snapshot the stack dropped, the copy a restore wrote) is freed at once, without the
cycle collector's walk over everything the process holds; and the edits stay undoable."""

from __future__ import annotations

import weakref

from desktop.domain.model import Layer, LayerType
from desktop.store import repository
from desktop.store.exchange_format import to_dict
from desktop.ui.editing.commands import DeleteConfigurator, DuplicateConfigurator, push
from desktop.ui.window.main_window import MainWindow
from tests.builders import layers_held

from .helpers import read_configurator


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


def test_a_refresh_leaves_no_tree_behind(window: MainWindow, collector_off: None) -> None:
    """The fresh read a refresh compares with (or the tree it replaces) is freed at once."""
    document = window.document
    document.refresh()  # whatever a first refresh leaves (caches) is not counted
    held = layers_held()
    document.refresh()
    assert layers_held() == held
    cfg = document.configurator
    assert cfg is not None and cfg.id is not None
    old = [weakref.ref(layer) for layer in cfg.walk()]
    with document.database.session() as session:  # a layer added elsewhere: a new shape
        repository.insert_layer(session, cfg.id, None, 0, Layer("Elsewhere", LayerType.GROUP))
    cfg_id = cfg.id
    del cfg
    document.refresh()
    assert document.configurator is not None and document.configurator.id == cfg_id
    # At most the layer a panel still shows, with its parents, until it shows the new one.
    assert sum(ref() is not None for ref in old) <= 3 < len(old)


def test_a_restore_writes_the_snapshot_itself_and_leaves_it_as_it_was(
    window: MainWindow,
) -> None:
    """The undo of a delete inserts the command's snapshot without copying it first: the
    insert must change nothing in it, so every later undo puts back the same configurator."""
    document, stack = window.document, window.undo_stack
    source = document.configurator
    assert source is not None and source.id is not None
    before = to_dict(read_configurator(document.db_path, source.name))  # type: ignore[arg-type]
    ids = [layer.id for layer in source.walk()]
    assert push(stack, DeleteConfigurator(document, source.id, source.name))
    command = stack.command(stack.index() - 1)
    kept = to_dict(command.snapshot)  # type: ignore[attr-defined]
    for _ in range(2):
        stack.undo()
        assert to_dict(command.snapshot) == kept  # type: ignore[attr-defined]
        restored = read_configurator(document.db_path, before["configurator"]["name"])  # type: ignore[arg-type]
        assert to_dict(restored) == before
        assert [layer.id for layer in restored.walk()] == ids
        opened = document.configurator
        assert opened is not None and opened is not command.snapshot  # type: ignore[attr-defined]
        stack.redo()
