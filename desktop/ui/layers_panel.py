"""The Layers panel: a filter box over the layers tree (the left dock's content)."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from ..domain.model import Layer
from . import accessibility, empty_state
from .layer_tree_model import LayerTreeModel, SearchRole

# Expanding every row of a catalogue-sized configurator would make opening it cost per row;
# below this many layers the whole tree opens expanded, above it only groups show.
EXPAND_ALL_LIMIT = 400


class LayersTree(QTreeView):
    """The layers QTreeView; with no row to show it says why and what to do next."""

    def __init__(self, panel: LayersPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            empty_state.paint_empty_text(self.viewport(), self._panel.empty_text())


class LayersPanel(QWidget):
    """The layers tree (`layersTree`) behind a name/SKU filter (`layerFilterEdit`).

    The view shows a QSortFilterProxyModel over the LayerTreeModel; the filter keeps the
    parents of matches (and the children of matching groups) visible.

    Signals:
        currentLayerChanged(object)   the selected Layer, or None
    """

    currentLayerChanged = Signal(object)

    def __init__(self, model: LayerTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._current: Layer | None = None
        # Which removals are under way, so a row that only the filter hides keeps its layer in
        # the panel. Connection order matters: these run before (+1) and after (-1) the
        # proxy's and the selection model's own handlers.
        self._source_removing = 0
        self._filter_removing = 0
        self._quiet = False
        model.rowsAboutToBeRemoved.connect(lambda *_: self._count_source(+1))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.rowsAboutToBeRemoved.connect(lambda *_: self._count_filter(+1))
        self.proxy.setSourceModel(model)
        model.rowsRemoved.connect(lambda *_: self._count_source(-1))
        self.proxy.setFilterRole(SearchRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("layerFilterEdit")
        accessibility.name(self.filter_edit, "Filter layers by name or SKU")
        self.filter_edit.setPlaceholderText("Filter by name or SKU")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)

        self.tree = LayersTree(self)
        self.tree.setObjectName("layersTree")
        # Each row speaks its stock state (AccessibleTextRole of the model).
        accessibility.name(self.tree, "Layers")
        self.tree.setModel(self.proxy)
        self.proxy.rowsRemoved.connect(lambda *_: self._count_filter(-1))
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # layout stays cheap at thousands of rows
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.proxy.modelReset.connect(self._after_reset)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree)

    # --- selection -----------------------------------------------------------------------
    def current_layer(self) -> Layer | None:
        """The layer being edited; it stays current while a filter merely hides its row."""
        layer = self._current
        if layer is None or layer.id is None or not self.model.document.has_layer(layer.id):
            return None
        return layer

    def select_layer(self, layer: Layer, *, edit: bool = False) -> None:
        source = self.model.index_of(layer)
        index = self.proxy.mapFromSource(source)
        if not index.isValid() and self.filter_edit.text():
            self.filter_edit.clear()  # the filter hid it: show everything again
            index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return
        self.tree.scrollTo(index)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        if edit:
            self.tree.edit(index)

    def _count_source(self, delta: int) -> None:
        self._source_removing += delta

    def _count_filter(self, delta: int) -> None:
        self._filter_removing += delta
        if delta < 0 and not self._filter_removing and not self._source_removing:
            shown = self.model.layer_at(self.proxy.mapToSource(self.tree.currentIndex()))
            if shown is not self.current_layer():
                # The view moved its current row to a neighbour of the hidden one; drop that
                # so clicking the neighbour selects it for real.
                self._quiet = True
                try:
                    self.tree.selectionModel().clear()
                finally:
                    self._quiet = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or (self._filter_removing and not self._source_removing):
            # Rows left the view but not the tree: the filter hides them now (say, a SKU was
            # just edited away from the filter text). Keep editing the same layer.
            return
        layer = self.model.layer_at(self.proxy.mapToSource(current))
        self._current = layer
        self.currentLayerChanged.emit(layer)

    def _after_reset(self) -> None:
        # A reset drops the selection without signalling currentChanged.
        self._current = None
        self.currentLayerChanged.emit(None)
        if self.filter_edit.text() or self._total_layers() <= EXPAND_ALL_LIMIT:
            self.tree.expandAll()

    def _total_layers(self) -> int:
        cfg = self.model.document.configurator
        if cfg is None:
            return 0
        # Groups and sub-groups only are visited: a count, not a walk over every option.
        total = len(cfg.layers)
        pending = list(cfg.layers)
        while pending and total <= EXPAND_ALL_LIMIT:
            node = pending.pop()
            total += len(node.children)
            pending.extend(child for child in node.children if child.is_group)
        return total

    def empty_text(self) -> str:
        """What the tree says when it shows no row."""
        if self.model.document.configurator is None:
            return empty_state.NO_CONFIGURATOR_OPEN
        wanted = self.filter_edit.text().strip()
        if wanted and self.model.rowCount() > 0:
            return empty_state.no_filter_match(wanted)
        return empty_state.NO_LAYERS

    # --- filter --------------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        current = self.current_layer()
        self.proxy.setFilterFixedString(text.strip())
        if text.strip() or self._total_layers() <= EXPAND_ALL_LIMIT:
            self.tree.expandAll()
        if current is not None:
            index = self.proxy.mapFromSource(self.model.index_of(current))
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
