"""The editor warns about a required group whose default choice shoppers cannot choose
(docs/stock-rules.md):
in the layer settings (`groupDefaultWarning`) and on the group's row in the layers tree, and
both follow every edit that can change it, and its undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from desktop.domain import texts
from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import Backorders, Layer
from desktop.ui.editing.commands import (
    InsertLayer,
    MoveLayer,
    RemoveLayer,
    SetAddon,
    SetConfiguratorFields,
    SetLayerFields,
    push,
)
from desktop.ui.layers.group_warning import warning_icon
from desktop.ui.theme import icons
from desktop.ui.window.main_window import MainWindow

from .helpers import find, image, select, tree_index

YELLOW_OUT = texts.unselectable_default(["Yellow"])
TOOLTIP = Qt.ItemDataRole.ToolTipRole
DECORATION = Qt.ItemDataRole.DecorationRole
DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole
SPOKEN = Qt.ItemDataRole.AccessibleTextRole


def layer(window: MainWindow, path: str) -> Layer:
    cfg = window.document.configurator
    assert cfg is not None
    found = cfg.find_path(path)
    assert found is not None, path
    return found


def layer_id(window: MainWindow, path: str) -> int:
    found = layer(window, path).id
    assert found is not None
    return found


def set_layer(window: MainWindow, path: str, **fields: Any) -> None:
    changes = {LayerField(name): value for name, value in fields.items()}
    command = SetLayerFields(window.document, layer_id(window, path), changes, "edit")
    assert push(window.undo_stack, command)


def set_backorders(window: MainWindow, backorders: Backorders) -> None:
    cfg = window.document.configurator
    assert cfg is not None and cfg.id is not None
    changes = {ConfiguratorField.BACKORDERS: backorders}
    assert push(window.undo_stack, SetConfiguratorFields(window.document, cfg.id, changes, "bo"))


def panel_warning(window: MainWindow) -> str:
    """What the settings panel warns about ('' when its warning is hidden)."""
    label = find(window, QLabel, "groupDefaultWarning")
    assert label.textFormat() == Qt.TextFormat.PlainText
    if label.isHidden():
        return ""
    assert label.text().startswith("⚠ ")
    return label.text().removeprefix("⚠ ")


def tree_warning(window: MainWindow, path: str = "Grip Color") -> str:
    """What the group's row in the layers tree warns about, checked role by role."""
    index = tree_index(window, path)
    description = index.data(DESCRIPTION) or ""
    tooltip = index.data(TOOLTIP)
    icon = index.data(DECORATION)
    if description:
        assert tooltip.endswith(f"\n⚠ {description}")
        assert icon.cacheKey() == warning_icon().cacheKey()
    else:
        assert "⚠" not in tooltip
        assert icon.cacheKey() == icons.group_icon().cacheKey()
    return description


def shown_as(tooltip: str) -> str:
    """The characters a tooltip shows: Qt renders one that might be rich text as HTML."""
    if not QtGui.Qt.mightBeRichText(tooltip):  # it lives in QtGui's Qt
        return tooltip
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def warnings(window: MainWindow) -> tuple[str, str]:
    return panel_warning(window), tree_warning(window)


WARNED = (YELLOW_OUT, YELLOW_OUT)
CLEAR = ("", "")


@pytest.fixture
def warned(window: MainWindow) -> MainWindow:
    """Grip Color selected; its default, Yellow, out of stock with backorders off."""
    select(window, "Grip Color")
    assert warnings(window) == CLEAR
    set_layer(window, "Grip Color/Yellow", stock_quantity=0)
    assert warnings(window) == WARNED
    return window


def test_an_unselectable_default_is_warned_about_and_undo_clears_it(warned: MainWindow) -> None:
    warned.undo_stack.undo()
    assert warnings(warned) == CLEAR
    warned.undo_stack.redo()
    assert warnings(warned) == WARNED
    set_layer(warned, "Grip Color/Yellow", stock_quantity=3)  # restocked: selectable again
    assert warnings(warned) == CLEAR
    warned.undo_stack.undo()
    assert warnings(warned) == WARNED


Edit = Callable[[MainWindow], None]


def _insert_default(window: MainWindow) -> None:
    new = image("Green", active=True)
    command = InsertLayer(window.document, layer_id(window, "Grip Color"), 0, new, "add")
    assert push(window.undo_stack, command)


def _remove_yellow(window: MainWindow) -> None:
    assert push(
        window.undo_stack, RemoveLayer(window.document, layer_id(window, "Grip Color/Yellow"))
    )


def _move_yellow_away(window: MainWindow) -> None:
    command = MoveLayer(
        window.document, layer_id(window, "Grip Color/Yellow"), layer_id(window, "Buttons"), 0
    )
    assert push(window.undo_stack, command)


EDITS_THAT_CLEAR: dict[str, Edit] = {
    "status back to in stock, quantity unset": lambda w: set_layer(
        w, "Grip Color/Yellow", stock_quantity=None
    ),
    "stock not managed": lambda w: set_layer(w, "Grip Color/Yellow", manage_stock=False),
    "no longer the default": lambda w: set_layer(w, "Grip Color/Yellow", active_on_load=False),
    "another default that can be chosen": lambda w: set_layer(
        w, "Grip Color/Red", active_on_load=True
    ),
    "group no longer required": lambda w: set_layer(w, "Grip Color", required=False),
    "group hidden from shoppers": lambda w: set_layer(w, "Grip Color", hidden=True),
    "backorders allowed": lambda w: set_backorders(w, Backorders.NOTIFY),
    "add-on off": lambda w: push(w.undo_stack, SetAddon(w.document, False)) and None,
    "a selectable default inserted": _insert_default,
    "the default deleted": _remove_yellow,
    "the default moved to another group": _move_yellow_away,
}


@pytest.mark.parametrize("edit", EDITS_THAT_CLEAR.values(), ids=list(EDITS_THAT_CLEAR))
def test_every_edit_that_makes_the_default_choosable_clears_it(
    warned: MainWindow, edit: Edit
) -> None:
    edit(warned)
    assert warnings(warned) == CLEAR
    warned.undo_stack.undo()
    assert warnings(warned) == WARNED
    warned.undo_stack.redo()
    assert warnings(warned) == CLEAR


def test_the_warning_follows_a_rename_of_the_default(warned: MainWindow) -> None:
    set_layer(warned, "Grip Color/Yellow", name="Sunny")
    expected = texts.unselectable_default(["Sunny"])
    assert warnings(warned) == (expected, expected)
    warned.undo_stack.undo()
    assert warnings(warned) == WARNED


def test_options_and_other_groups_show_no_warning(warned: MainWindow) -> None:
    select(warned, "Grip Color/Yellow")
    assert panel_warning(warned) == ""
    select(warned, "Buttons")
    assert panel_warning(warned) == ""
    assert tree_warning(warned, "Buttons") == ""
    # An option's description is its stock in words, never a group's warning.
    assert "⚠" not in tree_index(warned, "Grip Color/Yellow").data(DESCRIPTION)
    select(warned, "Grip Color")
    assert panel_warning(warned) == YELLOW_OUT


def test_the_tree_updates_the_group_row_only_with_explicit_roles(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = window.tree_model
    grip = model.index_of(layer(window, "Grip Color"))
    changed: list[tuple[QModelIndex, QModelIndex, list[int]]] = []
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.layoutChanged.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda a, b, roles: changed.append((a, b, list(roles))))

    set_layer(window, "Grip Color/Red", stock_quantity=0)  # not a default: the group is untouched
    assert all(a != grip for a, _b, _roles in changed)
    changed.clear()
    set_layer(window, "Grip Color/Yellow", stock_quantity=0)
    group_rows = [(a, b, roles) for a, b, roles in changed if a == grip]
    assert group_rows == [(grip, grip, [DECORATION, TOOLTIP, SPOKEN, DESCRIPTION])]
    assert grip.data(DESCRIPTION) == YELLOW_OUT

    # Backorders: one dataChanged over the top-level groups, with the warning's roles.
    changed.clear()
    with qtbot.waitSignal(model.dataChanged):
        set_backorders(window, Backorders.NOTIFY)
    top = [(a.row(), b.row(), roles) for a, b, roles in changed if not a.parent().isValid()]
    assert (0, model.rowCount() - 1, [DECORATION, TOOLTIP, SPOKEN, DESCRIPTION]) in top
    assert grip.data(DESCRIPTION) is None
    assert resets == []


def test_the_tree_follows_structural_edits_and_keeps_its_indexes(
    warned: MainWindow,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    model = warned.tree_model
    persistent = QPersistentModelIndex(model.index_of(layer(warned, "Grip Color")))
    _remove_yellow(warned)
    qtmodeltester.check(model)
    assert persistent.data(DESCRIPTION) is None
    warned.undo_stack.undo()  # the same ids come back: nothing stale is shown
    qtmodeltester.check(model)
    assert persistent.data(DESCRIPTION) == YELLOW_OUT


def test_names_that_look_like_markup_are_shown_as_typed(warned: MainWindow) -> None:
    set_layer(warned, "Grip Color/Yellow", name="<b>Gold</b>")
    expected = texts.unselectable_default(["<b>Gold</b>"])
    assert panel_warning(warned) == expected
    tooltip = tree_index(warned, "Grip Color").data(TOOLTIP)
    assert f"⚠ {expected}" in shown_as(tooltip)
    assert tree_index(warned, "Grip Color").data(DESCRIPTION) == expected


def test_a_sub_groups_default_counts_for_its_group(window: MainWindow) -> None:
    set_layer(window, "Extras", required=True)
    set_layer(window, "Extras/Paddles/Upper", active_on_load=True)
    assert tree_warning(window, "Extras") == ""
    set_layer(window, "Extras/Paddles/Upper", manage_stock=True, stock_quantity=0)
    assert tree_warning(window, "Extras") == texts.unselectable_default(["Upper"])
    select(window, "Extras")
    assert panel_warning(window) == texts.unselectable_default(["Upper"])
    window.undo_stack.undo()
    assert tree_warning(window, "Extras") == ""
    assert panel_warning(window) == ""
