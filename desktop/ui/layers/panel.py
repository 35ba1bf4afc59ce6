"""The Layers panel: a filter box over the layers tree (the left dock's content)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from ...domain.model import Layer
from ..widgets import accessibility, empty_state
from .filter_proxy import LayerFilterProxy
from .tree_model import LayerTreeModel

# Expanding every row of a catalogue-sized configurator would make opening it cost per row;
# below this many layers the whole tree opens expanded, above it only groups show.
EXPAND_ALL_LIMIT = 400
# Up to this many layers the tree is filtered at every keystroke (a few milliseconds); above
# it, once typing pauses for FILTER_PAUSE_MS, so typing "SKU-0500" into a catalogue filters
# once, not after each of its eight keys (the first ones match a third of the options).
FILTER_AT_ONCE_LIMIT = 2_000
FILTER_PAUSE_MS = 150
# A filter opens every group it shows while they show this many layers in all; past that
# (say "o" in a 100,000-option catalogue) the groups open in tree order until this many rows
# are open, so the view lays out what a merchant can scroll through, not the whole catalogue.
EXPAND_MATCHES_LIMIT = 5_000


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

    The view shows a LayerFilterProxy over the LayerTreeModel; the filter keeps the parents
    of matches (and the children of matching groups) visible.

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
        self.proxy = LayerFilterProxy(model, self)
        self.proxy.rowsAboutToBeRemoved.connect(lambda *_: self._count_filter(+1))
        model.rowsRemoved.connect(lambda *_: self._count_source(-1))

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("layerFilterEdit")
        accessibility.name(self.filter_edit, "Filter layers by name or SKU")
        self.filter_edit.setPlaceholderText("Filter by name or SKU")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._text_changed)
        self.filter_edit.returnPressed.connect(self._filter_now)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(FILTER_PAUSE_MS)
        self._pause.timeout.connect(self._filter_now)

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
        # Escape in the filter (or in the tree it narrows) shows every layer again.
        # (Shortcuts, not actions: the tree's actions are its context menu.)
        for widget in (self.filter_edit, self.tree):
            escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), widget)
            escape.setContext(Qt.ShortcutContext.WidgetShortcut)
            escape.activated.connect(self.clear_filter)

    def clear_filter(self) -> None:
        """Show every layer again, the selected one kept in sight."""
        if self.filter_edit.text():
            self.filter_edit.clear()
            self._filter_now()

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

    def reveal(self, layer: Layer) -> None:
        """Show a layer that came back (an undone delete): selected, and open when it is a
        group, so what returned is in sight."""
        self.select_layer(layer)
        index = self.proxy.mapFromSource(self.model.index_of(layer))
        if index.isValid():
            self.tree.expand(index)
            self.tree.scrollTo(index)

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
        self._expand()

    def _expand(self) -> None:
        """A small tree opens whole; a filtered one opens its matches (within a budget)."""
        shown = self.proxy.shown_count()
        if shown is not None and shown > EXPAND_MATCHES_LIMIT:
            self.tree.collapseAll()  # groups an earlier filter opened would show all of these
            self._expand_first(EXPAND_MATCHES_LIMIT)
        elif shown is not None or self._total_layers(EXPAND_ALL_LIMIT) <= EXPAND_ALL_LIMIT:
            self.tree.expandAll()

    def _expand_first(self, budget: int) -> None:
        """Opens the shown groups in tree order (sub-groups as they come) while the rows they
        open stay within budget."""

        def open_under(parent: QModelIndex) -> bool:
            nonlocal budget
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                rows = self.proxy.rowCount(index)
                if not rows:
                    continue
                if rows > budget:
                    return False
                budget -= rows
                self.tree.expand(index)
                if not open_under(index):
                    return False
            return True

        open_under(QModelIndex())

    def _total_layers(self, limit: int) -> int:
        """How many layers the configurator holds, counted until past limit."""
        cfg = self.model.document.configurator
        if cfg is None:
            return 0
        # Groups and sub-groups only are visited: a count, not a walk over every option.
        total = len(cfg.layers)
        pending = list(cfg.layers)
        while pending and total <= limit:
            node = pending.pop()
            total += len(node.children)
            pending.extend(child for child in node.children if child.is_group)
        return total

    def empty_text(self) -> str:
        """What the tree says when it shows no row."""
        if self.model.document.configurator is None:
            return empty_state.NO_CONFIGURATOR_OPEN
        wanted = self.proxy.filter_text()
        if wanted and self.model.rowCount() > 0:
            return empty_state.no_filter_match(wanted)
        return empty_state.NO_LAYERS

    # --- filter --------------------------------------------------------------------------
    def _text_changed(self, text: str) -> None:
        if not text.strip() or self._total_layers(FILTER_AT_ONCE_LIMIT) <= FILTER_AT_ONCE_LIMIT:
            self._filter_now()  # cheap, and clearing shows everything again at once
        else:
            self._pause.start()  # (re)started by every keystroke

    def _filter_now(self) -> None:
        self._pause.stop()
        current = self.current_layer()
        if not self.proxy.set_filter_text(self.filter_edit.text()):
            return
        self._expand()
        if current is not None:
            index = self.proxy.mapFromSource(self.model.index_of(current))
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
