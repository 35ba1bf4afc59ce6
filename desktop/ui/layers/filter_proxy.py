"""The layers tree as the filter box shows it: a QSortFilterProxyModel over the LayerTreeModel.

Qt's recursive filtering asked the Python model, for every row, its data, its children and its
parents (3.6 million Python calls, a second per keystroke at 100,000 options). Here one search
of the layers' texts decides which layers show (domain.layer_filter) and each row the proxy asks
about is one set lookup; rows under groups the view never opened are not asked about at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from ...domain import layer_filter
from ...domain.change_set import FEW_LAYERS, ChangeSet
from ...domain.model import Layer
from .tree_model import LayerTreeModel, SearchRole


class LayerFilterProxy(QSortFilterProxyModel):
    """Shows the layers whose name or SKU holds the filter text, the groups above them and
    everything under a matching group; with a blank filter, every layer."""

    def __init__(self, model: LayerTreeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._text = ""
        self._shown: set[Layer] | None = None
        self._holding: set[Layer | None] = set()  # the parents of shown layers
        # The layers' texts, kept while no name, SKU or layer changes (built on first use).
        self._index: layer_filter.SearchIndex | None = None
        # Before the proxy's own handler: a reset view asks about its rows at once, and must
        # be answered from the new configurator's layers.
        model.modelReset.connect(self._reset)
        self.setSourceModel(model)
        # The set is refreshed after the proxy has followed the change, so the rows above and
        # under a changed layer are filtered afresh together (Qt's dynamic filtering would
        # only look at the changed row itself).
        self.setDynamicSortFilter(False)
        model.dataChanged.connect(self._data_changed)
        model.rowsInserted.connect(self._structure_changed)
        model.rowsRemoved.connect(self._structure_changed)
        model.rowsMoved.connect(self._structure_changed)
        # Names and SKUs of many layers at once arrive without a row signal (the model
        # repaints what is on screen): searched afresh.
        model.document.changed.connect(self._many_changed)

    def filter_text(self) -> str:
        """The filter text applied (stripped): the tree shows what it matches."""
        return self._text

    def shown_count(self) -> int | None:
        """How many layers the filter shows (None: no filter, all of them)."""
        return None if self._shown is None else len(self._shown)

    def set_filter_text(self, text: str) -> bool:
        """Filters by text; False (and nothing re-filtered) when it matches as the last did."""
        text = text.strip()
        if layer_filter.wanted(text) == layer_filter.wanted(self._text):
            self._text = text
            return False
        self._text = text
        self._recompute()
        # One layout change, not a row insertion or removal per run of rows between matches:
        # the view lays itself out once (thousands of small inserts each re-laid out the whole
        # expanded tree, 15 s from "s" to "o" at 10,000 options). Expanded groups, the
        # selection and the current row are persistent indexes and survive it.
        self.invalidate()
        return True

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        shown = self._shown
        if shown is None:
            return True
        siblings = self._siblings(source_parent)
        return source_row < len(siblings) and siblings[source_row] in shown

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        # The view asks this of every top-level row it lays out; Qt's answer filters each
        # group's children to find out (100,000 rows asked about after every change).
        if not parent.isValid():
            return super().hasChildren(parent)
        layer = self._layer(parent)
        if layer is None:
            return False
        return bool(layer.children) if self._shown is None else layer in self._holding

    def _layer(self, index: QModelIndex | QPersistentModelIndex) -> Layer | None:
        """The layer a row shows. After every insert, delete or move the view asks each group
        row it lays out whether it has children (options say they never do); through
        mapToSource that is two calls into Python, a thousand top-level rows at 100,000
        options. Without a filter the rows are the model's own, so a top-level row's layer
        is read from the list."""
        if self._shown is None and not index.parent().isValid():
            top = self._siblings(QModelIndex())
            row = index.row()
            return top[row] if row < len(top) else None
        return self._model.layer_at(self.mapToSource(index))

    def _siblings(self, source_parent: QModelIndex | QPersistentModelIndex) -> Sequence[Layer]:
        document = self._model.document
        if source_parent.isValid():
            layer = document.find_layer(source_parent.internalId())
            return layer.children if layer is not None else ()
        cfg = document.configurator
        return cfg.layers if cfg is not None else ()

    def _recompute(self) -> None:
        cfg = self._model.document.configurator
        layers = cfg.layers if cfg is not None else []
        if self._index is None and layer_filter.wanted(self._text):
            self._index = layer_filter.SearchIndex(layers)
        self._shown = layer_filter.shown_layers(layers, self._text, self._index)
        self._holding = {layer.parent for layer in self._shown or ()}

    def _refilter(self) -> None:
        if self._shown is None:
            return  # everything shows whatever changed
        self.beginFilterChange()
        self._recompute()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _reset(self) -> None:
        self._index = None
        self._recompute()

    def _data_changed(self, _first: QModelIndex, _last: QModelIndex, roles: list[int]) -> None:
        if not roles or SearchRole in roles:  # a name or a SKU
            self._index = None
            self._refilter()

    def _many_changed(self, change: ChangeSet) -> None:
        if len(change.layers) > FEW_LAYERS:
            self._structure_changed()

    def _structure_changed(self, *_args: object) -> None:
        self._index = None
        self._refilter()
