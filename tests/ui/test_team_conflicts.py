"""No lost update between two windows on one database, on SQLite and PostgreSQL
(docs/team-database.md):
an edit, undo or redo based on a stale read is refused, the window shows the fresh state and
says what changed, no undo step is left, and the stack stays usable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import Backorders, Layer, LayerType
from desktop.store import repository
from desktop.store.database import Database
from desktop.store.demo import open_store
from desktop.ui.editing.commands import (
    InsertLayer,
    RemoveLayer,
    SetConfiguratorFields,
    SetLayerFields,
    push,
)
from desktop.ui.editing.document import Document
from desktop.ui.window.main_window import MainWindow, open_initial

YELLOW = "Grip Color/Metallic Yellow"
QTY = LayerField.STOCK_QUANTITY


class Editor:
    """One editor window on its own connection, with the messages its status bar got."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.document = window.document
        self.stack = window.undo_stack
        self.messages: list[str] = []
        self.document.failed.connect(lambda failure: self.messages.append(failure.text))

    def layer(self, path: str) -> Layer:
        cfg = self.document.configurator
        assert cfg is not None
        found = cfg.find_path(path)
        assert found is not None, path
        return found

    def set(self, path: str, field: LayerField, value: Any) -> bool:
        layer = self.layer(path)
        assert layer.id is not None
        command = SetLayerFields(self.document, layer.id, {field: value}, f"Set {field}")
        return push(self.stack, command)

    def stored(self, path: str) -> Layer:
        with self.document.database.session() as session:
            cfg_id = self.document.configurator.id  # type: ignore[union-attr]
            found = repository.load_configurator(session, cfg_id).find_path(path)  # type: ignore[arg-type]
        assert found is not None
        return found


@pytest.fixture
def editors(qtbot: Any, db_target: object) -> Iterator[Callable[[], Editor]]:
    """Editors on one database (a file, or a database on the test server), each with its own
    Database (connections), as two processes or machines would have."""
    yield from editors_on(qtbot, db_target)


def editors_on(qtbot: Any, target: object) -> Iterator[Callable[[], Editor]]:
    opened: list[Database] = []

    def make() -> Editor:
        database = open_store(target)  # type: ignore[arg-type]
        opened.append(database)
        window = MainWindow(Document(database))
        qtbot.addWidget(window)
        open_initial(window.document)
        return Editor(window)

    yield make
    for database in opened:
        database.close()


def test_the_lost_update_of_two_windows_is_refused_and_explained(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    assert a.layer(YELLOW).stock.quantity == b.layer(YELLOW).stock.quantity == 5
    assert a.set(YELLOW, QTY, 7)
    # B still shows 5: its change is refused, nothing overwritten, no undo step left.
    assert not b.set(YELLOW, QTY, 3)
    assert b.messages[-1] == (
        '"Metallic Yellow" quantity was changed elsewhere to 7; your change to 3 was not saved'
    )
    assert b.stack.count() == 0
    assert b.layer(YELLOW).stock.quantity == 7  # B reloaded the fresh state
    assert a.stored(YELLOW).stock.quantity == 7
    # B, now up to date, sets 3; A's Undo would write 5 over it: refused the same way.
    assert b.set(YELLOW, QTY, 3)
    a.stack.undo()
    assert (
        a.messages[-1]
        == ('"Metallic Yellow" quantity was changed elsewhere to 3; your change to 5 was not saved')
        or "changed elsewhere" in a.messages[-1]
    )
    assert a.stored(YELLOW).stock.quantity == 3
    assert a.stack.count() == 0  # the refused step is gone; the stack goes on working
    assert a.set(YELLOW, LayerField.SKU, "Y-1")
    a.stack.undo()
    a.stack.redo()
    assert a.stored(YELLOW).stock.sku == "Y-1"


def test_two_people_editing_different_layers_never_conflict(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    assert a.set(YELLOW, QTY, 9)
    assert b.set("Grip Color/Metallic Red", QTY, 8)
    a.stack.undo()
    b.stack.undo()
    assert (a.messages, b.messages) == ([], [])
    assert a.stored(YELLOW).stock.quantity == 5
    assert a.stored("Grip Color/Metallic Red").stock.quantity == 2


def test_a_stale_window_cannot_touch_a_layer_deleted_elsewhere(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    doomed = b.layer(YELLOW)
    assert push(b.stack, RemoveLayer(b.document, doomed.id))  # type: ignore[arg-type]
    # An import elsewhere takes new ids: never the deleted one.
    with b.document.database.session() as session:
        new_id = repository.create_configurator(session, "Imported Elsewhere")
        body = Layer(name="Body", type=LayerType.GROUP)
        repository.insert_layer(session, new_id, None, None, body)
    assert body.id is not None and doomed.id is not None and body.id > doomed.id
    # A still shows Metallic Yellow and renames it: refused, nothing renamed anywhere.
    assert not a.set(YELLOW, LayerField.NAME, "Lower Paddles")
    assert a.messages[-1] == '"Metallic Yellow" was deleted elsewhere; your change was not saved'
    assert a.document.configurator.find_path(YELLOW) is None  # type: ignore[union-attr]
    assert a.stack.count() == 0
    with a.document.database.session() as session:
        other = repository.load_configurator(session, new_id)
    assert [layer.name for layer in other.walk()] == ["Body"]


def test_undo_and_redo_survive_deletes_and_inserts_elsewhere(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    yellow = a.layer(YELLOW)
    assert push(a.stack, RemoveLayer(a.document, yellow.id))  # type: ignore[arg-type]
    parent = b.layer("Grip Color")
    assert push(
        b.stack,
        InsertLayer(b.document, parent.id, 0, Layer(name="New", type=LayerType.IMAGE), "Add"),
    )
    a.stack.undo()  # restores Metallic Yellow with its own id: no clash with B's new layer
    a.stack.redo()
    a.stack.undo()
    assert a.messages == []
    assert a.stored(YELLOW).id == yellow.id
    # B deletes the group A's redo would delete from: refused, and the stack still works.
    b.document.refresh()
    assert push(b.stack, RemoveLayer(b.document, b.layer("Grip Color").id))  # type: ignore[arg-type]
    a.stack.redo()
    assert "deleted elsewhere" in a.messages[-1]
    assert a.stack.count() == 0
    assert a.document.configurator.find_path("Grip Color") is None  # type: ignore[union-attr]


def test_settings_changed_elsewhere_refuse_a_stale_edit(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    cfg_id = a.document.configurator.id  # type: ignore[union-attr]
    set_yes = SetConfiguratorFields(
        a.document,
        cfg_id,
        {ConfiguratorField.BACKORDERS: Backorders.YES},
        "Edit",  # type: ignore[arg-type]
    )
    assert push(a.stack, set_yes)
    set_no = SetConfiguratorFields(
        b.document,
        cfg_id,
        {ConfiguratorField.BACKORDERS: Backorders.NO},
        "Edit",  # type: ignore[arg-type]
    )
    assert not push(b.stack, set_no)
    assert b.messages[-1] == (
        '"Custom Game Controller" backorders was changed elsewhere to yes; '
        "your change to no was not saved"
    )
    assert b.document.configurator.backorders is Backorders.YES  # type: ignore[union-attr]
    assert b.stack.count() == 0


def test_moves_inserts_and_deletes_against_a_stale_tree_are_refused(
    editors: Callable[[], Editor],
) -> None:
    from desktop.ui.editing.commands import MoveLayer

    a, b = editors(), editors()
    # B renames Metallic Red; A, still showing the old name, deletes it: refused.
    assert b.set("Grip Color/Metallic Red", LayerField.NAME, "Ruby")
    red = a.layer("Grip Color/Metallic Red")
    assert not push(a.stack, RemoveLayer(a.document, red.id))  # type: ignore[arg-type]
    assert a.messages[-1] == (
        '"Metallic Red" was changed elsewhere (name is now "Ruby"); your change was not saved'
    )
    assert a.layer("Grip Color/Ruby").id == red.id  # A shows the fresh tree
    # B deletes Grip Color; A adds under it and moves one of its options: both refused.
    grip = a.layer("Grip Color")
    assert push(b.stack, RemoveLayer(b.document, b.layer("Grip Color").id))  # type: ignore[arg-type]
    new = Layer(name="Teal", type=LayerType.IMAGE)
    assert not push(a.stack, InsertLayer(a.document, grip.id, 0, new, "Add"))
    assert a.messages[-1] == '"Grip Color" was deleted elsewhere; your change was not saved'
    assert a.stack.count() == 0
    b.document.refresh()
    body = b.layer("Body")
    shell = b.layer("Body/Controller Shell")
    assert push(a.stack, RemoveLayer(a.document, a.layer("Body").id))  # type: ignore[arg-type]
    assert not push(b.stack, MoveLayer(b.document, shell.id, body.id, 0))  # type: ignore[arg-type]
    assert "deleted elsewhere" in b.messages[-1]
