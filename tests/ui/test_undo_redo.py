"""Undo and redo of every command type, driven through the window, checked on screen and in
the database each way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtGui import QAction, QKeySequence, Qt, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListView,
    QMessageBox,
)

from desktop.domain.model import Backorders
from desktop.store.repository import StoreError
from desktop.ui.window.main_window import MainWindow

from .helpers import (
    answer,
    find,
    read_addon,
    read_configurator,
    read_names,
    select,
    shown_children,
    visible_dialog,
)


@dataclass
class Case:
    do: Callable[[MainWindow, object], None]
    # (what the window shows, what the database holds) before and after the edit
    shown: Callable[[MainWindow], object]
    stored: Callable[[MainWindow], object]
    before: tuple[object, object]
    after: tuple[object, object]
    text: str


def _db(window: MainWindow):  # type: ignore[no-untyped-def]
    return window.document.db_path


def _grip_stored(window: MainWindow) -> list[str]:
    return [layer.name for layer in read_configurator(_db(window)).layers[0].children]


def _set_price(window: MainWindow, _qtbot: object) -> None:
    select(window, "Grip Color/Red")
    edit = find(window, QLineEdit, "layerPriceEdit")
    edit.setText("9.99")
    edit.editingFinished.emit()


def _global_settings(window: MainWindow, qtbot: object) -> None:
    find(window, QAction, "globalSettingsAction").trigger()
    dialog = visible_dialog(qtbot, QDialog, "globalSettingsDialog")
    find(dialog, QLineEdit, "basePriceEdit").setText("55.00")
    find(dialog, QCheckBox, "backorderCheck").setChecked(True)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _insert(window: MainWindow, _qtbot: object) -> None:
    select(window, "Grip Color/Purple")
    find(window, QAction, "addLayerAction").trigger()


def _remove(window: MainWindow, qtbot: object) -> None:
    select(window, "Grip Color")
    find(window, QAction, "deleteLayerAction").trigger()
    answer(qtbot, "confirmDeleteLayer", QMessageBox.StandardButton.Yes)


def _move(window: MainWindow, _qtbot: object) -> None:
    select(window, "Grip Color/Purple")
    find(window, QAction, "moveLayerUpAction").trigger()


def _create(window: MainWindow, qtbot: object) -> None:
    find(window, QAction, "newConfiguratorAction").trigger()
    dialog = visible_dialog(qtbot, QDialog, "newConfiguratorDialog")
    find(dialog, QLineEdit, "nameEdit").setText("Third")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _delete_configurator(window: MainWindow, qtbot: object) -> None:
    find(window, QAction, "deleteConfiguratorAction").trigger()
    answer(qtbot, "confirmDeleteConfigurator", QMessageBox.StandardButton.Yes)


def _listed(window: MainWindow) -> list[str]:
    model = find(window, QListView, "configuratorList").model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _price_shown(window: MainWindow) -> str:
    select(window, "Grip Color/Red")
    return find(window, QLineEdit, "layerPriceEdit").text()


CASES = {
    "SetLayerFields": Case(
        _set_price,
        _price_shown,
        lambda w: read_configurator(_db(w)).find_path("Grip Color/Red").price,  # type: ignore[union-attr]
        ("3.00", Decimal("3.00")),
        ("9.99", Decimal("9.99")),
        'Change price of "Red"',
    ),
    "SetConfiguratorFields": Case(
        _global_settings,
        lambda w: (w.document.configurator.base_price, w.document.configurator.backorders),  # type: ignore[union-attr]
        lambda w: (read_configurator(_db(w)).base_price, read_configurator(_db(w)).backorders),
        ((Decimal("49.00"), Backorders.NO), (Decimal("49.00"), Backorders.NO)),
        ((Decimal("55.00"), Backorders.NOTIFY), (Decimal("55.00"), Backorders.NOTIFY)),
        "Edit Global Settings",
    ),
    "SetAddon": Case(
        lambda w, _q: find(w, QAction, "stockAddonAction").trigger(),
        lambda w: find(w, QAction, "stockAddonAction").isChecked(),
        lambda w: read_addon(_db(w)),
        (True, True),
        (False, False),
        "Disable Stock Management add-on",
    ),
    "InsertLayer": Case(
        _insert,
        lambda w: shown_children(w, "Grip Color"),
        _grip_stored,
        (["Yellow", "Red", "Purple"],) * 2,
        (["Yellow", "Red", "Purple", "New option"],) * 2,
        'Add option "New option"',
    ),
    "RemoveLayer": Case(
        _remove,
        shown_children,
        lambda w: [layer.name for layer in read_configurator(_db(w)).layers],
        (["Grip Color", "Extras", "Buttons"],) * 2,
        (["Extras", "Buttons"],) * 2,
        'Delete "Grip Color"',
    ),
    "MoveLayer": Case(
        _move,
        lambda w: shown_children(w, "Grip Color"),
        _grip_stored,
        (["Yellow", "Red", "Purple"],) * 2,
        (["Yellow", "Purple", "Red"],) * 2,
        'Move "Purple"',
    ),
    "CreateConfigurator": Case(
        _create,
        _listed,
        lambda w: read_names(_db(w)),
        (["Controller", "Second"],) * 2,
        (["Controller", "Second", "Third"],) * 2,
        'New configurator "Third"',
    ),
    "DuplicateConfigurator": Case(
        lambda w, _q: find(w, QAction, "duplicateConfiguratorAction").trigger(),
        _listed,
        lambda w: read_names(_db(w)),
        (["Controller", "Second"],) * 2,
        (["Controller", "Controller (copy)", "Second"],) * 2,
        'Duplicate as "Controller (copy)"',
    ),
    "DeleteConfigurator": Case(
        _delete_configurator,
        _listed,
        lambda w: read_names(_db(w)),
        (["Controller", "Second"],) * 2,
        (["Second"],) * 2,
        'Delete configurator "Controller"',
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_undo_and_redo(window: MainWindow, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    case = CASES[name]
    undo = find(window, QAction, "undoAction")
    redo = find(window, QAction, "redoAction")
    assert (case.shown(window), case.stored(window)) == case.before
    case.do(window, qtbot)
    assert (case.shown(window), case.stored(window)) == case.after
    assert window.undo_stack.undoText() == case.text
    assert undo.text().replace("&", "") == f"Undo {case.text}"
    undo.trigger()
    assert (case.shown(window), case.stored(window)) == case.before
    redo.trigger()
    assert (case.shown(window), case.stored(window)) == case.after
    undo.trigger()
    assert (case.shown(window), case.stored(window)) == case.before


def test_standard_shortcuts(window: MainWindow) -> None:
    assert find(window, QAction, "undoAction").shortcut() == QKeySequence(
        QKeySequence.StandardKey.Undo
    )
    assert find(window, QAction, "redoAction").shortcut() == QKeySequence(
        QKeySequence.StandardKey.Redo
    )


def test_write_failure_reaches_the_status_bar(window: MainWindow) -> None:
    window.document.report(StoreError('SKU "X" is already used by "Y"'))
    assert window.statusBar().currentMessage() == 'SKU "X" is already used by "Y".'


def test_toolbar_undo_keeps_its_label(window: MainWindow) -> None:
    tool = find(window, QAction, "undoToolAction")
    assert not tool.isEnabled()
    find(window, QAction, "stockAddonAction").trigger()
    assert tool.isEnabled()
    assert tool.text() == "Undo"
    assert tool.toolTip() == "Undo Disable Stock Management add-on"
    tool.trigger()
    assert find(window, QAction, "stockAddonAction").isChecked()
    assert not tool.isEnabled()
    assert find(window, QAction, "redoToolAction").isEnabled()


def test_toolbar_undo_tooltip_shows_a_typed_name_as_plain_text(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    name = find(window, QLineEdit, "layerNameEdit")
    name.setText("<b>Bold</b>")
    name.editingFinished.emit()
    for tool_name in ("undoToolAction", "redoToolAction"):
        if tool_name == "redoToolAction":
            find(window, QAction, "undoAction").trigger()
        tip = find(window, QAction, tool_name).toolTip()
        # A tooltip Qt takes for rich text must carry the name escaped, so it shows literally.
        if Qt.mightBeRichText(tip):
            document = QTextDocument()
            document.setHtml(tip)
            tip = document.toPlainText()
        assert "<b>Bold</b>" in tip


def test_a_settings_edit_is_undone_in_its_own_configurator_only(window: MainWindow) -> None:
    # Undo acts on the configurator on screen (docs/editing.md): from another one it leaves
    # this edit alone; back in its own configurator it undoes it.
    from desktop.ui.editing.commands import SetConfiguratorFields, push

    document = window.document
    controller = document.configurator
    assert controller is not None and controller.name == "Controller"
    original = controller.backorders
    fields = {"backorders": Backorders.YES if original is not Backorders.YES else Backorders.NO}
    push(window.undo_stacks, SetConfiguratorFields(document, controller.id, fields, "Settings"))  # type: ignore[arg-type]
    changed = read_configurator(_db(window)).backorders
    assert changed is not original
    second = next(c.id for c in document.configurators() if c.name == "Second")
    document.open_configurator(second)
    undo = find(window, QAction, "undoAction")
    assert not undo.isEnabled()
    undo.trigger()
    assert document.configurator is not None and document.configurator.name == "Second"
    assert read_configurator(_db(window)).backorders is changed
    document.open_configurator(controller.id)  # type: ignore[arg-type]
    assert undo.text() == "&Undo Settings"
    undo.trigger()
    assert document.configurator is not None and document.configurator.backorders is original
    assert read_configurator(_db(window)).backorders is original
