"""The stock table follows a deleted, restored, moved or added layer by removing or inserting
that layer's run of rows, never by re-reading every row (which a 100,000-option configurator
pays on each group delete)."""

from __future__ import annotations

from PySide6.QtTest import QAbstractItemModelTester

from desktop.domain.model import Layer, LayerType
from desktop.ui.editing.commands import InsertLayer, MoveLayer, RemoveLayer, push
from desktop.ui.stock.table_model import StockTableModel
from desktop.ui.window.main_window import MainWindow


def _rows(model: StockTableModel) -> list[Layer]:
    return [model.layer_at(model.index(row, 0)) for row in range(model.rowCount())]  # type: ignore[misc]


def test_rows_follow_structure_edits_without_a_reset(window: MainWindow) -> None:
    document, stack = window.document, window.undo_stack
    model = StockTableModel(document, stack)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    cfg = document.configurator
    assert cfg is not None and len(cfg.layers) >= 3

    def in_step() -> None:
        assert _rows(model) == list(cfg.options())
        for row, layer in enumerate(_rows(model)):
            assert model.row_of(layer) == row

    first, middle = cfg.layers[0], cfg.layers[1]
    assert first.id is not None and middle.id is not None
    assert push(stack, RemoveLayer(document, middle.id))
    in_step()
    stack.undo()  # the group comes back where it was
    in_step()
    assert push(stack, MoveLayer(document, first.id, None, len(cfg.layers) - 1))
    in_step()
    option = cfg.layers[0].children[0]
    assert option.id is not None
    assert push(stack, MoveLayer(document, option.id, cfg.layers[-1].id, 0))  # to another group
    in_step()
    added = Layer("Fresh", LayerType.IMAGE)
    assert push(stack, InsertLayer(document, cfg.layers[1].id, 1, added, "Add"))
    in_step()
    empty = Layer("Empty group", LayerType.GROUP)
    assert push(stack, InsertLayer(document, None, 0, empty, "Add group"))
    in_step()
    while stack.canUndo():
        stack.undo()
        in_step()
    assert resets == []
