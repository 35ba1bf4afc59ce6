"""Measures through the real window (offscreen): open, select, edit → preview."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QTreeView

from ..domain import stock
from ..domain.fields import LayerField
from ..domain.model import Configurator, Layer, StockStatus
from ..ui.editing.commands import SetLayerFields, push
from ..ui.editing.document import Document
from ..ui.preview import PreviewPane
from ..ui.window.main_window import MainWindow
from . import edits
from .timing import median_ms


def wait_until(condition: Callable[[], bool], limit_s: float = 30.0) -> None:
    """Let the event loop run until condition holds (the measure includes any deferred work)."""
    deadline = time.perf_counter() + limit_s
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("the window never reached the expected state")
        QApplication.processEvents()


def measure(document: Document, big_id: int, other_id: int, trials: int) -> dict[str, float]:
    window = MainWindow(document)
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    tree = window.findChild(QTreeView, "layersTree")
    pane = window.findChild(PreviewPane, "previewPane")
    assert tree is not None and pane is not None
    results: dict[str, float] = {}

    def shown(cfg_id: int) -> Callable[[], bool]:
        def check() -> bool:
            cfg = document.configurator
            return (
                cfg is not None
                and cfg.id == cfg_id
                and tree.model().rowCount() == len(cfg.layers)
                and bool(pane.findChildren(QAbstractButton, "optionControl"))
            )

        return check

    def open_big() -> None:
        document.open_configurator(big_id)
        wait_until(shown(big_id))

    def open_other() -> None:
        document.open_configurator(other_id)
        wait_until(shown(other_id))

    results["open"] = median_ms(trials, open_big, setup=open_other)
    open_big()
    cfg = document.configurator
    assert cfg is not None

    model = tree.model()
    name_edit = window.findChild(QLineEdit, "layerNameEdit")
    assert name_edit is not None
    groups = model.rowCount()
    picks: list[tuple[QModelIndex, str]] = []
    for k in range(trials + 1):
        group_index = model.index((k * 37) % groups, 0)
        child_row = (k * 13) % model.rowCount(group_index)
        index = model.index(child_row, 0, group_index)
        picks.append((index, str(index.data())))
    cursor = iter(picks)

    def select() -> None:
        index, name = next(cursor)
        tree.setCurrentIndex(index)
        wait_until(lambda: name_edit.text() == name)

    tree.setCurrentIndex(picks[-1][0])  # warm up: the panel is built once
    results["select"] = median_ms(trials, select)

    option = _managed_option(cfg)
    option_id = option.id
    assert option_id is not None
    control = pane.option_control(option.path)
    assert control is not None

    def edit() -> None:
        new = (
            StockStatus.IN_STOCK
            if option.stock.status is StockStatus.OUT_OF_STOCK
            else StockStatus.OUT_OF_STOCK
        )
        target = _notice_after(document, option, new)
        push(
            window.undo_stacks,
            SetLayerFields(document, option_id, {LayerField.STOCK_STATUS: new}, "bench"),
        )
        wait_until(lambda: control.property("notice") == target)

    results["edit_preview"] = median_ms(trials, edit)
    results.update(_filter(window, option, trials))
    results.update(edits.group_edits(document, window.undo_stacks, big_id, trials))
    results.update(edits.configurator_edits(document, window.undo_stacks, big_id, other_id, trials))
    window.close()
    return results


def _filter(window: MainWindow, option: Layer, trials: int) -> dict[str, float]:
    """Typing an option's SKU in the layers filter until the tree shows that one option
    (filter: a large tree is filtered once typing pauses, and the pause counts), and the
    same followed by Enter, which filters at once (filter_enter: the filtering alone)."""
    edit = window.findChild(QLineEdit, "layerFilterEdit")
    tree = window.findChild(QTreeView, "layersTree")
    assert edit is not None and tree is not None
    view = tree.model()

    def shown_alone() -> bool:
        if view.rowCount() != 1:
            return False
        group = view.index(0, 0)
        return view.rowCount(group) == 1 and view.index(0, 0, group).data() == option.name

    def type_sku() -> None:
        edit.setText(option.stock.sku)
        wait_until(shown_alone)

    def type_sku_and_enter() -> None:
        edit.setText(option.stock.sku)
        edit.returnPressed.emit()
        wait_until(shown_alone)

    result = {
        "filter": median_ms(trials, type_sku, setup=edit.clear),
        "filter_enter": median_ms(trials, type_sku_and_enter, setup=edit.clear),
    }
    edit.clear()
    return result


def _managed_option(cfg: Configurator) -> Layer:
    """A managed option in the middle of the configurator, with stock (so the notice flips)."""
    managed = [o for o in cfg.options() if o.stock.manage and (o.stock.quantity or 0) > 0]
    return managed[len(managed) // 2]


def _notice_after(document: Document, option: Layer, status: StockStatus) -> str:
    probe = stock.Stock(option.stock.manage, option.stock.sku, option.stock.quantity, status)
    cfg = document.configurator
    assert cfg is not None
    return stock.configurator_state(document.addon_active, cfg, probe).notice
