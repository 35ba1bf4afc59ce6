"""The Layers panel's filter box: the rows it shows, which groups it opens, and that typing
into a large configurator filters once typing pauses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit

from desktop.domain.layer_filter import search_text
from desktop.domain.model import Layer, LayerType
from desktop.ui.editing.commands import InsertLayer, MoveLayer, RemoveLayer, push
from desktop.ui.layers import panel as layers_panel
from desktop.ui.window.main_window import MainWindow

from .helpers import find, shown_children


def _shown_paths(window: MainWindow) -> set[str]:
    """Every row the filter lets through, opened or not, as 'Group/Sub/Option'."""
    proxy = window.layers_panel.proxy
    paths: set[str] = set()
    pending = [(QModelIndex(), "")]
    while pending:
        parent, prefix = pending.pop()
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            path = f"{prefix}{index.data()}"
            paths.add(path)
            assert proxy.hasChildren(index) == (proxy.rowCount(index) > 0)
            assert proxy.flags(index) == proxy.sourceModel().flags(proxy.mapToSource(index))
            pending.append((index, f"{path}/"))
    return paths


def _expected(window: MainWindow, text: str) -> set[str]:
    """A layer shows when it, a layer above it or a layer under it has the text."""
    cfg = window.document.configurator
    assert cfg is not None
    needle = text.strip().lower()

    def related(layer: Layer) -> list[Layer]:
        found = list(layer.walk())
        node = layer.parent
        while node is not None:
            found.append(node)
            node = node.parent
        return found

    return {
        layer.path for layer in cfg.walk() if any(needle in search_text(n) for n in related(layer))
    }


@pytest.mark.parametrize(
    "text", ["", "r", "P-1", "PADDLES", "upper", "e", "xtra", " black ", "zzz"]
)
def test_the_rows_shown_are_the_matches_with_their_groups_and_contents(
    window: MainWindow, text: str, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    find(window, QLineEdit, "layerFilterEdit").setText(text)
    assert _shown_paths(window) == _expected(window, text)
    tree = window.layers_panel.tree
    proxy = window.layers_panel.proxy
    for row in range(proxy.rowCount()):  # a small filtered tree opens whole
        group = proxy.index(row, 0)
        assert tree.isExpanded(group) == (proxy.rowCount(group) > 0)
    qtmodeltester.check(proxy)


def test_renames_and_deletes_under_a_filter_refilter_the_tree(window: MainWindow) -> None:
    find(window, QLineEdit, "layerFilterEdit").setText("upper")
    assert shown_children(window) == ["Extras"]
    doc = window.document
    cfg = doc.configurator
    assert cfg is not None
    black = cfg.find_path("Buttons/Black")
    assert black is not None and black.id is not None
    window.layers_panel.select_layer(cfg.find_path("Extras/Paddles/Upper"))  # type: ignore[arg-type]
    name_edit = find(window, QLineEdit, "layerNameEdit")
    name_edit.setText("Uppercut")
    name_edit.editingFinished.emit()
    assert shown_children(window, "Extras/Paddles") == ["Uppercut"]
    # a rename into the filter shows the option and its group
    window.layers_panel.proxy.sourceModel().setData(
        window.tree_model.index_of(black), "Black upper"
    )
    assert shown_children(window) == ["Extras", "Buttons"]
    assert shown_children(window, "Buttons") == ["Black upper"]
    # deleting the only match of a group hides the group; undo brings both back
    push(window.undo_stack, RemoveLayer(doc, black.id))
    assert shown_children(window) == ["Extras"]
    window.undo_stack.undo()
    assert shown_children(window) == ["Extras", "Buttons"]


def test_a_filter_showing_more_than_the_budget_opens_the_first_groups_only(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layers_panel, "EXPAND_MATCHES_LIMIT", 3)
    edit = find(window, QLineEdit, "layerFilterEdit")
    edit.setText("e")  # Yellow, Red, Purple; Extras and all it holds; Chrome
    tree = window.layers_panel.tree
    proxy = window.layers_panel.proxy
    assert shown_children(window) == ["Grip Color", "Extras", "Buttons"]
    opened = [tree.isExpanded(proxy.index(row, 0)) for row in range(proxy.rowCount())]
    assert opened == [True, False, False]  # Grip Color's 3 rows fill the budget of 3
    edit.clear()
    assert shown_children(window) == ["Grip Color", "Extras", "Buttons"]


def test_typing_into_a_large_configurator_filters_once_typing_pauses(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(layers_panel, "FILTER_AT_ONCE_LIMIT", 5)  # the controller has 13
    edit = find(window, QLineEdit, "layerFilterEdit")
    proxy = window.layers_panel.proxy
    filtered: list[str] = []
    proxy.layoutChanged.connect(lambda *_: filtered.append(proxy.filter_text()))
    for typed in ("P", "Pu", "Pur"):
        edit.setText(typed)
    assert filtered == [] and shown_children(window) == ["Grip Color", "Extras", "Buttons"]
    qtbot.waitUntil(lambda: filtered == ["Pur"])
    assert shown_children(window) == ["Grip Color"]
    assert shown_children(window, "Grip Color") == ["Purple"]
    # Enter filters at once, and a blank filter shows everything at once
    edit.setText("Chrome")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert filtered == ["Pur", "Chrome"] and shown_children(window) == ["Buttons"]
    edit.clear()
    assert shown_children(window) == ["Grip Color", "Extras", "Buttons"]
    assert filtered == ["Pur", "Chrome", ""]
    assert not window.layers_panel._pause.isActive()  # nothing is left to filter later


def test_a_rename_made_without_a_filter_is_found_by_the_next_one(window: MainWindow) -> None:
    edit = find(window, QLineEdit, "layerFilterEdit")
    edit.setText("r")  # the layers' texts are read now...
    edit.clear()
    window.layers_panel.select_layer(window.document.configurator.find_path("Grip Color/Red"))  # type: ignore[union-attr, arg-type]
    name_edit = find(window, QLineEdit, "layerNameEdit")
    name_edit.setText("Crimson")  # ...and read afresh after a rename
    name_edit.editingFinished.emit()
    edit.setText("crim")
    assert shown_children(window) == ["Grip Color"]
    assert shown_children(window, "Grip Color") == ["Crimson"]
    edit.setText("red")  # nothing is called that any more
    assert shown_children(window) == []


def test_without_a_filter_each_top_level_row_answers_for_its_own_group(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """The proxy reads an unfiltered top-level row's group from the list, not through the
    model: an empty group among full ones, moved about and undone, is told apart."""
    doc = window.document
    proxy = window.layers_panel.proxy
    stack = window.undo_stack
    empty = Layer("Empty", LayerType.GROUP)
    assert push(stack, InsertLayer(doc, None, 1, empty, "Add"))
    moved = doc.configurator.layers[1]  # type: ignore[union-attr]
    assert moved.name == "Empty"

    def answers() -> list[tuple[bool, Qt.ItemFlag]]:
        return [
            (proxy.hasChildren(proxy.index(row, 0)), proxy.flags(proxy.index(row, 0)))
            for row in range(proxy.rowCount())
        ]

    def expected() -> list[tuple[bool, Qt.ItemFlag]]:
        model = proxy.sourceModel()
        return [
            (bool(layer.children), model.flags(model.index(row, 0)))
            for row, layer in enumerate(doc.configurator.layers)  # type: ignore[union-attr]
        ]

    assert answers() == expected() and not answers()[1][0]
    assert push(stack, MoveLayer(doc, moved.id, None, 0))  # type: ignore[arg-type]
    assert answers() == expected() and not answers()[0][0]
    stack.undo()
    stack.undo()
    assert answers() == expected() and all(has for has, _ in answers())
    group = proxy.index(0, 0)
    never = Qt.ItemFlag.ItemNeverHasChildren
    assert not proxy.flags(group) & never  # a group may hold options
    assert proxy.flags(proxy.index(0, 0, group)) & never  # an option never holds anything
