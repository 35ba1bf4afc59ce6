"""The layers tree model: Qt's model tester through inserts, moves and deletes; what each row
shows; drag and drop through the filter proxy."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, Qt

from desktop.domain import stock, texts
from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import Backorders, Layer
from desktop.ui.editing.commands import InsertLayer, MoveLayer, RemoveLayer, push
from desktop.ui.layers.tree_model import MIME_TYPE, LayerRole, LayerTreeModel
from desktop.ui.theme.availability_style import availability_icon
from desktop.ui.window.main_window import MainWindow

from .helpers import image, names, read_configurator, shown_children, tree_index


def _layer(window: MainWindow, path: str) -> Layer:
    cfg = window.document.configurator
    assert cfg is not None
    found = cfg.find_path(path)
    assert found is not None
    return found


def _id(window: MainWindow, path: str) -> int:
    layer_id = _layer(window, path).id
    assert layer_id is not None
    return layer_id


def test_model_tester_through_structural_changes(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = window.tree_model
    qtmodeltester.check(model)
    qtmodeltester.check(window.layers_panel.proxy)
    doc, stack = window.document, window.undo_stack
    grip = _id(window, "Grip Color")
    # insert
    push(stack, InsertLayer(doc, grip, 1, image("Green", sku="G-1"), "Add option"))
    qtmodeltester.check(model)
    # same parent, both directions (Qt's destination counts before removal, ours after)
    push(stack, MoveLayer(doc, _id(window, "Grip Color/Yellow"), grip, 3))
    qtmodeltester.check(model)
    push(stack, MoveLayer(doc, _id(window, "Grip Color/Purple"), grip, 0))
    qtmodeltester.check(model)
    assert shown_children(window, "Grip Color") == ["Purple", "Green", "Red", "Yellow"]
    # across parents, into a sub-group
    paddles = _id(window, "Extras/Paddles")
    push(stack, MoveLayer(doc, _id(window, "Grip Color/Red"), paddles, 1))
    qtmodeltester.check(model)
    assert shown_children(window, "Extras/Paddles") == ["Upper", "Red", "Lower"]
    # a group among the top-level rows
    push(stack, MoveLayer(doc, _id(window, "Buttons"), None, 0))
    qtmodeltester.check(model)
    assert shown_children(window) == ["Buttons", "Grip Color", "Extras"]
    # delete a group with children, then undo everything
    push(stack, RemoveLayer(doc, _id(window, "Extras")))
    qtmodeltester.check(model)
    assert shown_children(window) == ["Buttons", "Grip Color"]
    while stack.canUndo():
        stack.undo()
        qtmodeltester.check(model)
    assert shown_children(window) == ["Grip Color", "Extras", "Buttons"]
    assert shown_children(window, "Grip Color") == ["Yellow", "Red", "Purple"]
    stored = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    assert names(stored.layers[0].children) == ["Yellow", "Red", "Purple"]


def test_rows_show_names_stock_icons_and_tooltips(window: MainWindow) -> None:
    purple = tree_index(window, "Grip Color/Purple")
    assert purple.data(Qt.ItemDataRole.DisplayRole) == "Purple"
    assert purple.data(LayerRole) is _layer(window, "Grip Color/Purple")
    tooltip = purple.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Out of Stock — 0 left, backorders off")
    assert "SKU: P-1" in tooltip
    state = stock.option_state(True, _layer(window, "Grip Color/Purple").stock, Backorders.NO)
    icon = purple.data(Qt.ItemDataRole.DecorationRole)
    assert icon.cacheKey() == availability_icon(state.availability).cacheKey()
    yellow = tree_index(window, "Grip Color/Yellow")
    assert yellow.data(Qt.ItemDataRole.ToolTipRole).startswith("In Stock — 5 left")
    sticker = tree_index(window, "Extras/Stickers")
    assert sticker.data(Qt.ItemDataRole.ToolTipRole).startswith(
        texts.AVAILABILITY_WORDS["available"]
    )
    assert tree_index(window, "Grip Color").data(Qt.ItemDataRole.FontRole).bold()
    assert tree_index(window, "Extras/Paddles").data(Qt.ItemDataRole.FontRole).italic()


def test_addon_and_backorders_refresh_icons_without_reset(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = window.tree_model
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged):
        window.document.set_addon(False)
    purple = tree_index(window, "Grip Color/Purple")
    assert purple.data(Qt.ItemDataRole.ToolTipRole).startswith(texts.ADDON_OFF_WORDS)
    window.document.set_addon(True)
    cfg = window.document.configurator
    assert cfg is not None and cfg.id is not None
    window.document.set_configurator_fields(
        cfg.id, {ConfiguratorField.BACKORDERS: Backorders.NOTIFY}
    )
    assert purple.data(Qt.ItemDataRole.ToolTipRole).startswith("On Backorder — 0 left")
    assert resets == []


def test_layer_change_emits_data_changed_for_that_row_only(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = window.tree_model
    red = _layer(window, "Grip Color/Red")
    with qtbot.waitSignal(model.dataChanged) as blocker:
        window.document.set_layer_fields(red.id, {LayerField.STOCK_STATUS: "out_of_stock"})  # type: ignore[arg-type]
    top_left, bottom_right, roles = blocker.args
    assert top_left == bottom_right == model.index_of(red)
    assert set(roles) == {
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
    }
    assert model.index_of(red).data(Qt.ItemDataRole.AccessibleTextRole) == "Red, Out of Stock"


def _mime(window: MainWindow, path: str) -> QMimeData:
    return window.layers_panel.proxy.mimeData([tree_index(window, path)])


def test_drop_reorders_within_a_group(window: MainWindow) -> None:
    proxy = window.layers_panel.proxy
    grip = tree_index(window, "Grip Color")
    data = _mime(window, "Grip Color/Yellow")
    assert data.hasFormat(MIME_TYPE)
    # Dropped between Red and Purple: row 2 counted before Yellow leaves.
    assert proxy.canDropMimeData(data, Qt.DropAction.MoveAction, 2, 0, grip)
    # False: the command moved it; the view must not remove the source row itself.
    assert proxy.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, grip) is False
    assert shown_children(window, "Grip Color") == ["Red", "Yellow", "Purple"]
    stored = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    assert names(stored.layers[0].children) == ["Red", "Yellow", "Purple"]
    assert window.undo_stack.undoText() == 'Move "Yellow"'


def test_drop_across_groups_and_refused_drops(window: MainWindow) -> None:
    proxy = window.layers_panel.proxy
    data = _mime(window, "Grip Color/Red")
    buttons = tree_index(window, "Buttons")
    # onto a group (row -1): appended
    proxy.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, buttons)
    assert shown_children(window, "Buttons") == ["Black", "Chrome", "Red"]
    # an option cannot sit at the top level, nor a group inside a group or inside itself
    count = window.undo_stack.count()
    option = _mime(window, "Buttons/Red")
    assert not proxy.canDropMimeData(option, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    group = _mime(window, "Extras")
    assert not proxy.canDropMimeData(
        group, Qt.DropAction.MoveAction, -1, -1, tree_index(window, "Buttons")
    )
    assert not proxy.canDropMimeData(
        group, Qt.DropAction.MoveAction, 0, 0, tree_index(window, "Extras/Paddles")
    )
    assert proxy.dropMimeData(option, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False
    assert window.undo_stack.count() == count
    # image layers take no drops on themselves; groups do
    assert not (proxy.flags(tree_index(window, "Buttons/Red")) & Qt.ItemFlag.ItemIsDropEnabled)
    assert proxy.flags(tree_index(window, "Buttons")) & Qt.ItemFlag.ItemIsDropEnabled
    stored = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    assert names(stored.layers[2].children) == ["Black", "Chrome", "Red"]


def test_row_lookups_do_not_scan_siblings(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """parent() of every row must not call list.index (O(n) per call at 10,000 options)."""
    doc, stack = window.document, window.undo_stack
    grip = _id(window, "Grip Color")
    for n in range(50):
        push(stack, InsertLayer(doc, grip, 0, image(f"Opt {n}"), "Add option"))
    model: LayerTreeModel = window.tree_model
    parent = model.index_of(_layer(window, "Grip Color"))
    calls = 0
    real = model._row_of

    def counting(layer: Layer) -> int:
        nonlocal calls
        calls += 1
        return real(layer)

    monkeypatch.setattr(model, "_row_of", counting)
    for row in range(model.rowCount(parent)):
        assert model.parent(model.index(row, 0, parent)) == parent
    assert calls == model.rowCount(parent)  # one cached lookup of the parent per call
    assert model._rows[grip] == 0
