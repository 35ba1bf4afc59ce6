"""Every kind of edit a window makes is refused when its target changed elsewhere since the
window read it, on SQLite and PostgreSQL (docs/team-database.md): moves (and their undo), deleting a
configurator (from the list, the open one, the undo of its creation), the add-on switch, bulk
stock edits and stock sheets, and the undo of a layer delete. The window then shows the fresh
state, no undo step is left, and the stack goes on working. Edits of different layers never
conflict."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.store import repository
from desktop.ui.editing.commands import (
    CreateConfigurator,
    DeleteConfigurator,
    MoveLayer,
    RemoveLayer,
    SetAddon,
    SetConfiguratorFields,
    push,
)
from desktop.ui.stock.commands import SetStockOfMany

from .test_team_conflicts import YELLOW, Editor, editors_on

RED = "Grip Color/Metallic Red"
PURPLE = "Grip Color/Metallic Purple"
QTY = LayerField.STOCK_QUANTITY
DEMO = "Custom Game Controller"


@pytest.fixture
def editors(qtbot: Any, db_target: object) -> Iterator[Callable[[], Editor]]:
    yield from editors_on(qtbot, db_target)


def move(editor: Editor, path: str, parent: str | None, row: int) -> bool:
    layer = editor.layer(path)
    parent_id = None if parent is None else editor.layer(parent).id
    return push(editor.stack, MoveLayer(editor.document, layer.id, parent_id, row))  # type: ignore[arg-type]


def children(editor: Editor, path: str) -> list[str]:
    return [layer.name for layer in editor.layer(path).children]


def stored_children(editor: Editor, path: str) -> list[str]:
    return [layer.name for layer in editor.stored(path).children]


def test_a_move_of_a_layer_moved_elsewhere_is_refused_and_so_is_its_undo(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    assert move(b, YELLOW, "Grip Color", 2)  # B: Yellow to the end
    # A still shows Yellow first and moves it below Red: refused, nothing moved, A refreshed.
    assert not move(a, YELLOW, "Grip Color", 1)
    assert a.messages[-1] == '"Metallic Yellow" was changed elsewhere; your change was not saved'
    assert a.stack.count() == 0
    assert children(a, "Grip Color") == stored_children(a, "Grip Color")
    assert stored_children(a, "Grip Color") == [
        "Metallic Red",
        "Metallic Purple",
        "Metallic Yellow",
    ]
    # A moves it (now up to date) into another group; B's undo would move it back: refused.
    assert move(a, YELLOW, "Extras", 0)
    b.stack.undo()
    assert "changed elsewhere" in b.messages[-1]
    assert b.stack.count() == 0
    assert children(b, "Extras") == ["Metallic Yellow", "Back Paddles"]  # B refreshed
    # Both stacks go on working.
    assert move(b, "Extras/Metallic Yellow", "Grip Color", 0)
    b.stack.undo()
    assert stored_children(a, "Extras") == ["Metallic Yellow", "Back Paddles"]
    a.document.refresh()
    assert move(a, "Extras/Metallic Yellow", "Grip Color", 1)
    assert stored_children(a, "Grip Color")[1] == "Metallic Yellow"


def test_people_moving_or_editing_different_layers_never_conflict(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    assert move(a, PURPLE, "Grip Color", 0)
    assert move(b, YELLOW, "Grip Color", 2)  # B's tree is stale about Purple: no matter
    assert b.set(RED, QTY, 11)
    assert push(
        b.stack,
        SetStockOfMany(b.document, {b.layer("Buttons/Chrome"): {QTY: 4}}, "Bulk"),
    )
    a.stack.undo()
    b.stack.undo()
    b.stack.undo()
    b.stack.undo()
    assert (a.messages, b.messages) == ([], [])
    assert a.stored(RED).stock.quantity == 2


def test_a_bulk_edit_or_stock_sheet_on_a_stale_option_writes_none_of_them(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    assert b.set(YELLOW, QTY, 9)
    bulk = {a.layer(YELLOW): {QTY: 1}, a.layer(RED): {QTY: 1}}
    assert not push(a.stack, SetStockOfMany(a.document, bulk, "Import stock sheet"))
    assert a.messages[-1] == (
        '"Metallic Yellow" quantity was changed elsewhere to 9; your change to 1 was not saved'
    )
    assert a.stack.count() == 0
    assert (a.stored(YELLOW).stock.quantity, a.stored(RED).stock.quantity) == (9, 2)
    assert a.layer(YELLOW).stock.quantity == 9  # A shows the fresh state
    # Up to date, A's bulk edit goes through; B changes one of them; A's undo is refused.
    bulk = {a.layer(YELLOW): {QTY: 1}, a.layer(RED): {QTY: 1}}
    assert push(a.stack, SetStockOfMany(a.document, bulk, "Bulk"))
    b.document.refresh()
    assert b.set(RED, QTY, 6)
    a.stack.undo()
    assert "changed elsewhere" in a.messages[-1]
    assert (a.stored(YELLOW).stock.quantity, a.stored(RED).stock.quantity) == (1, 6)
    assert a.stack.count() == 0


def test_the_undo_of_a_layer_delete_is_refused_when_its_group_was_deleted_elsewhere(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    assert push(a.stack, RemoveLayer(a.document, a.layer(YELLOW).id))  # type: ignore[arg-type]
    b.document.refresh()
    assert push(b.stack, RemoveLayer(b.document, b.layer("Grip Color").id))  # type: ignore[arg-type]
    a.stack.undo()
    assert a.messages[-1] == '"Grip Color" was deleted elsewhere; your change was not saved'
    assert a.stack.count() == 0
    assert a.document.configurator.find_path("Grip Color") is None  # type: ignore[union-attr]
    with a.document.database.session() as session:
        stored = repository.load_configurator(session, a.document.configurator.id)  # type: ignore[union-attr,arg-type]
    assert "Metallic Yellow" not in {layer.name for layer in stored.walk()}  # nothing half-put back


def test_deleting_the_open_configurator_after_an_edit_elsewhere_is_refused(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    cfg_id = a.document.configurator.id  # type: ignore[union-attr]
    assert b.set(YELLOW, QTY, 8)  # a layer of it, not its own fields
    assert not push(a.stack, DeleteConfigurator(a.document, cfg_id, DEMO))  # type: ignore[arg-type]
    assert a.messages[-1] == f'"{DEMO}" was changed elsewhere; your change was not saved'
    assert a.stack.count() == 0
    assert a.layer(YELLOW).stock.quantity == 8  # A shows it, refreshed
    assert [s.name for s in a.document.configurators()] == [DEMO]
    # Now up to date: deleted, and the undo puts it back.
    assert push(a.stack, DeleteConfigurator(a.document, cfg_id, DEMO))  # type: ignore[arg-type]
    a.stack.undo()
    assert a.stored(YELLOW).stock.quantity == 8


def spare_renamed_elsewhere(a: Editor, b: Editor) -> int:
    """A creates "Spare" and goes back to the demo; B renames it "Spares": A still lists
    "Spare". Returns its id."""
    assert push(a.stack, CreateConfigurator(a.document, "Spare"))
    spare_id = next(s.id for s in a.document.configurators() if s.name == "Spare")
    a.document.try_open(next(s.id for s in a.document.configurators() if s.name == DEMO))
    b.document.refresh()
    rename = SetConfiguratorFields(b.document, spare_id, {ConfiguratorField.NAME: "Spares"}, "R")
    assert push(b.stack, rename)
    return spare_id


def test_deleting_a_listed_configurator_renamed_elsewhere_is_refused(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    spare_id = spare_renamed_elsewhere(a, b)
    # A lists it as "Spare": deleting it from the list is refused, and so is undoing its creation.
    assert not push(a.stack, DeleteConfigurator(a.document, spare_id, "Spare"))
    assert a.messages[-1] == '"Spare" was changed elsewhere; your change was not saved'
    assert [s.name for s in a.document.configurators()] == [DEMO, "Spares"]
    b.stack.undo()  # B's own undo: its window read it, so it goes through
    assert b.messages == []
    a.document.refresh()
    b.document.refresh()
    rename = SetConfiguratorFields(b.document, spare_id, {ConfiguratorField.NAME: "Extra"}, "R")
    assert push(b.stack, rename)
    a.stack.undo()  # undoing the creation of what was renamed elsewhere since
    assert "changed elsewhere" in a.messages[-1]
    assert a.stack.count() == 0
    with a.document.database.session() as session:
        assert repository.find_configurator(session, "Extra") == spare_id


def test_the_add_on_switched_elsewhere_refuses_a_stale_switch_and_undo(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    assert a.document.addon_active and b.document.addon_active
    assert push(a.stack, SetAddon(a.document, False))
    assert not push(b.stack, SetAddon(b.document, False))  # B still shows it on
    assert b.messages[-1] == (
        "The Stock Management add-on was switched off elsewhere; your change to off was not saved"
    )
    assert not b.document.addon_active and b.stack.count() == 0
    assert push(b.stack, SetAddon(b.document, True))  # up to date now
    a.stack.undo()  # would turn it on again over B's switch
    assert "switched on elsewhere" in a.messages[-1]
    assert a.document.addon_active and a.stack.count() == 0
    assert push(a.stack, SetAddon(a.document, False))
    with a.document.database.session() as session:
        assert repository.addon_state(session)[0] is False


def test_renaming_a_listed_configurator_renamed_elsewhere_is_refused(
    editors: Callable[[], Editor],
) -> None:
    a, b = editors(), editors()
    spare_id = spare_renamed_elsewhere(a, b)
    mine = SetConfiguratorFields(a.document, spare_id, {ConfiguratorField.NAME: "Extra"}, "R")
    assert not push(a.stack, mine)  # A lists it as "Spare"
    assert a.messages[-1] == (
        '"Spare" name was changed elsewhere to "Spares"; your change to "Extra" was not saved'
    )
    assert [s.name for s in a.document.configurators()] == [DEMO, "Spares"]
    assert a.stack.count() == 1  # the creation stays; the refused rename left no step
    mine = SetConfiguratorFields(a.document, spare_id, {ConfiguratorField.NAME: "Extra"}, "R")
    assert push(a.stack, mine)  # now up to date


def test_a_drop_in_a_stale_tree_is_refused(editors: Callable[[], Editor]) -> None:
    from PySide6.QtCore import Qt

    a, b = editors(), editors()
    assert move(b, YELLOW, "Grip Color", 2)  # B: Yellow to the end
    model = a.window.layers_panel.model  # A still shows Yellow first; drops it onto Extras
    data = model.mimeData([model.index_of(a.layer(YELLOW))])
    extras = model.index_of(a.layer("Extras"))
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, extras) is False
    assert a.messages[-1] == '"Metallic Yellow" was changed elsewhere; your change was not saved'
    assert a.stack.count() == 0
    assert children(a, "Extras") == stored_children(a, "Extras") == ["Back Paddles"]
    assert children(a, "Grip Color")[-1] == "Metallic Yellow"  # A shows B's move
