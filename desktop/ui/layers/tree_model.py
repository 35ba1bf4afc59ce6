"""The layers tree as a Qt item model: a thin adapter over the open configurator's live layers.

Indexes carry the layer id (not a pointer): a removed layer may be garbage collected while a
view still holds an index to it, and an id that is no longer in the document simply resolves to
nothing. The tree itself is the Document's in-memory domain tree; this model holds no copy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from ...domain import layer_filter, rules, stock, texts
from ...domain.change_set import FEW_LAYERS, ChangeSet, Inserted, Moved, Removed
from ...domain.fields import AVAILABILITY_FIELDS, LayerField
from ...domain.model import Layer, LayerType, can_hold
from ...domain.rules import RuleError
from ..editing.commands import MoveLayer, SetLayerFields, push
from ..editing.document import Document
from ..theme import icons
from ..theme.availability_style import state_icon, state_words
from ..widgets.plain_text import plain_tooltip
from .group_warning import ancestors, group_warning, groups_affected, warning_icon

Index = QModelIndex | QPersistentModelIndex

LayerRole = Qt.ItemDataRole.UserRole
# What the filter box matches (domain.layer_filter.search_text); a dataChanged naming this
# role makes the LayerFilterProxy filter afresh.
SearchRole = Qt.ItemDataRole.UserRole + 1

MIME_TYPE = "application/x-configurator-layer-id"

_NAME_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    SearchRole,
    Qt.ItemDataRole.AccessibleTextRole,
]
# What the tooltip says is also the row's accessible description.
_TIP_ROLES = [Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole]
_STOCK_ROLES = [
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
]
# A group's flags show in its tooltip.
_GROUP_FLAGS_FIELDS = {LayerField.REQUIRED, LayerField.MULTIPLE}
# What a group's warning about its default choice shows in (see group_warning): the roles an
# option's stock shows in.
_WARNING_ROLES = _STOCK_ROLES
# Computed once: flags() runs for every painted row, and enum arithmetic is not free in Python.
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEditable
    | Qt.ItemFlag.ItemIsDragEnabled
)
_GROUP_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemIsDropEnabled
# An option holds nothing (can_hold): saying so spares the view asking each option row it lays
# out whether it has children, a call into Python through the filter proxy for every one.
_OPTION_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_READ_ONLY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_KIND = {LayerType.GROUP: "Group", LayerType.SUB_GROUP: "Sub-group"}


class LayerTreeModel(QAbstractItemModel):
    """One column: layer names, stock icons and tooltips; rename in place; drag to move.

    Follows the Document's change sets with paired begin/end calls. Edits (rename, drop) are pushed
    as undo commands; a refused rename is reported through editRefused(str).
    """

    editRefused = Signal(str)

    def __init__(self, document: Document, stack: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown_states: dict[int, stock.OptionState] = {}
        self.document = document
        self.stack = stack
        # Cached row of each layer among its siblings, validated on use (see _row_of).
        self._rows: dict[int, int] = {}
        self._moving = False
        # Each group's default-choice warning by id: data() runs on every paint, and the
        # warning reads the group's whole subtree. Dropped when something it reads changes.
        self._warnings: dict[int, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        d = document
        # Qt's protocol: rows are begun before the tree changes and ended after (_follow).
        d.layerAboutToBeInserted.connect(self._about_to_insert)
        d.layerAboutToBeRemoved.connect(self._about_to_remove)
        d.layerAboutToBeMoved.connect(self._about_to_move)
        d.changed.connect(self._follow)

    # --- the tree ------------------------------------------------------------------------
    def _top(self) -> list[Layer]:
        cfg = self.document.configurator
        return cfg.layers if cfg is not None else []

    def _siblings(self, layer: Layer) -> list[Layer]:
        return layer.parent.children if layer.parent is not None else self._top()

    def _row_of(self, layer: Layer) -> int:
        """O(1) normally: the cached row is checked against the list and the whole sibling list
        is re-cached only when a structural change made it stale (no list.index per call)."""
        siblings = self._siblings(layer)
        row = self._rows.get(layer.id)  # type: ignore[arg-type]  # a held layer is stored
        if row is not None and row < len(siblings) and siblings[row] is layer:
            return row
        for i, sibling in enumerate(siblings):
            self._rows[sibling.id] = i  # type: ignore[index]  # a held layer is stored
        return self._rows[layer.id]  # type: ignore[index]  # a held layer is stored

    def layer_at(self, index: Index) -> Layer | None:
        return self.document.find_layer(index.internalId()) if index.isValid() else None

    def index_of(self, layer: Layer | None) -> QModelIndex:
        if layer is None or layer.id is None or not self.document.has_layer(layer.id):
            return QModelIndex()
        return self.createIndex(self._row_of(layer), 0, layer.id)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if parent.isValid():
            node = self.document.find_layer(parent.internalId())
            children = node.children if node is not None else []
        else:
            children = self._top()
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row].id)

    # One signature of two: a model is asked parent(child); QObject's parent() is not used.
    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        layer = self.layer_at(child)
        if layer is None or layer.parent is None:
            return QModelIndex()
        return self.index_of(layer.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self._top())
        layer = self.layer_at(parent)
        return len(layer.children) if layer is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    # --- what each row shows -------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        layer = self.layer_at(index)
        if layer is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return layer.name
        if role == LayerRole:
            return layer
        if role == SearchRole:
            return layer_filter.search_text(layer)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(layer)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(layer)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(layer)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            # An option's stock in words and SKU, as its tooltip; a group's warning, if any.
            return (self._warning(layer) or None) if layer.is_group else self._tooltip(layer)
        if role == Qt.ItemDataRole.FontRole:
            if layer.type is LayerType.GROUP:
                return self._bold
            return self._italic if layer.type is LayerType.SUB_GROUP else None
        if role == Qt.ItemDataRole.ForegroundRole and layer.hidden:
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    def _state(self, layer: Layer) -> stock.OptionState:
        cfg = self.document.configurator
        assert cfg is not None
        state = stock.configurator_state(self.document.addon_active, cfg, layer.stock)
        if layer.id is not None:
            self._shown_states[layer.id] = state  # what the view was given (see _many_changed)
        return state

    def _spoken(self, layer: Layer) -> str:
        """The row as a screen reader says it: the name and the state the icon shows."""
        if layer.is_group:
            warning = ", warning" if self._warning(layer) else ""
            return f"{layer.name}, {_KIND[layer.type].lower()}{warning}"
        hidden = ", hidden" if layer.hidden else ""
        return f"{layer.name}, {state_words(self._state(layer))}{hidden}"

    def _icon(self, layer: Layer) -> QIcon:
        if layer.is_group and self._warning(layer):
            return warning_icon()
        if layer.type is LayerType.GROUP:
            return icons.group_icon()
        if layer.type is LayerType.SUB_GROUP:
            return icons.sub_group_icon()
        return state_icon(self._state(layer))

    def _tooltip(self, layer: Layer) -> str:
        if layer.is_group:
            kind = _KIND[layer.type]
            flags = [
                w for w, on in (("required", layer.required), ("multiple", layer.multiple)) if on
            ]
            extra = f" ({', '.join(flags)})" if flags else ""
            text = f"{kind}{extra} — {texts.plural(len(layer.children), 'item')}"
            warning = self._warning(layer)
            # The warning quotes option names users typed: shown as plain text.
            return plain_tooltip(f"{text}\n⚠ {warning}") if warning else text
        cfg = self.document.configurator
        assert cfg is not None
        words = stock.describe(
            self.document.addon_active, layer.stock, cfg.backorders, cfg.low_stock_threshold
        )
        sku = f"\nSKU: {layer.stock.sku}" if layer.stock.sku else ""
        hidden = "\nHidden in controls" if layer.hidden else ""
        return words + sku + hidden

    def _warning(self, layer: Layer) -> str:
        """The group's default-choice warning ('' for options and groups without one)."""
        if not layer.is_group:
            return ""
        cached = self._warnings.get(layer.id)  # type: ignore[arg-type]  # a held layer is stored
        if cached is None:
            cached = group_warning(self.document, layer)
            if layer.id is not None:
                self._warnings[layer.id] = cached
        return cached

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Layer"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        layer = self.layer_at(index)
        if self.document.read_only is not None:  # looked at, never changed
            return Qt.ItemFlag.NoItemFlags if layer is None else _READ_ONLY_FLAGS
        if layer is None:
            return Qt.ItemFlag.ItemIsDropEnabled  # the top level accepts groups
        return _GROUP_FLAGS if layer.is_group else _OPTION_FLAGS

    # --- rename in place -------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        layer = self.layer_at(index)
        if layer is None or role != Qt.ItemDataRole.EditRole or layer.id is None:
            return False
        try:
            name = rules.name(value)
        except RuleError as exc:
            self.editRefused.emit(f"Name: {exc.problem}; the name was kept.")
            return False
        if name == layer.name:
            return False
        command = SetLayerFields(
            self.document, layer.id, {LayerField.NAME: name}, f'Rename "{layer.name}" to "{name}"'
        )
        # The Document's change set emits dataChanged (_follow); nothing to emit here.
        return push(self.stack, command)

    # --- drag and drop -------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        layers = [layer for layer in map(self.layer_at, indexes) if layer is not None]
        if layers:
            data.setData(MIME_TYPE, QByteArray(str(layers[0].id).encode()))
        return data

    def _dragged(self, data: QMimeData) -> Layer | None:
        if not data.hasFormat(MIME_TYPE):
            return None
        try:
            layer_id = int(bytes(data.data(MIME_TYPE).data()).decode())
        except ValueError:
            return None
        return self.document.layer(layer_id) if self.document.has_layer(layer_id) else None

    def _target(self, data: QMimeData, parent: Index) -> tuple[Layer, Layer | None] | None:
        """The dragged layer and its new parent, when the drop is allowed there."""
        layer = self._dragged(data)
        new_parent = self.layer_at(parent)
        if layer is None or (parent.isValid() and new_parent is None):
            return None
        if not can_hold(new_parent.type if new_parent else None, layer.type):
            return None
        node = new_parent
        while node is not None:  # never into itself or its own subtree
            if node is layer:
                return None
            node = node.parent
        return layer, new_parent

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and self._target(data, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        target = self._target(data, parent) if action == Qt.DropAction.MoveAction else None
        if target is None:
            return False
        layer, new_parent = target
        siblings = new_parent.children if new_parent is not None else self._top()
        # Qt's row counts the siblings before the layer leaves; MoveLayer's counts after.
        new_row = len(siblings) if row < 0 else row
        if layer.parent is new_parent:
            old_row = self._row_of(layer)
            if new_row > old_row:
                new_row -= 1
            if new_row == old_row:
                return False
        assert layer.id is not None
        parent_id = new_parent.id if new_parent is not None else None
        push(self.stack, MoveLayer(self.document, layer.id, parent_id, new_row))
        # False: the command has moved the row; the view must not remove the source itself.
        return False

    # --- following the document ------------------------------------------------------------
    def _follow(self, change: ChangeSet) -> None:
        """What a change set names, repainted: rows ended, then fields, then the warnings of
        the groups above (after the rows, so they are in place when the groups repaint)."""
        if change.reset is not None:
            self._reset()
            return
        tree = change.structure
        if isinstance(tree, Inserted):
            self.endInsertRows()
        elif isinstance(tree, Removed):
            self.endRemoveRows()
        elif isinstance(tree, Moved):
            self._moved()
        if change.stock_context:
            self._stock_context_changed()
        if len(change.layers) > FEW_LAYERS:
            self._many_changed(change.layers)
        else:
            for layer, fields in change.layers.items():
                self._changed(layer, fields)
                self._defaults_changed(layer, fields)
        if isinstance(tree, Inserted):
            self._warnings_changed(tree.layer.parent, tree.layer)
        elif isinstance(tree, Removed):
            self._warnings_changed(tree.parent, tree.layer)
        elif isinstance(tree, Moved):
            self._warnings_changed(tree.old_parent, tree.layer)

    def _reset(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._warnings.clear()
        self._shown_states.clear()
        self.endResetModel()

    def _about_to_insert(self, parent: Layer | None, row: int) -> None:
        self.beginInsertRows(self.index_of(parent), row, row)

    def _about_to_remove(self, layer: Layer) -> None:
        row = self._row_of(layer)
        self.beginRemoveRows(self.index_of(layer.parent), row, row)

    def _about_to_move(self, layer: Layer, new_parent: Layer | None, new_row: int) -> None:
        old_row = self._row_of(layer)
        destination = new_row
        if new_parent is layer.parent and new_row > old_row:
            destination += 1  # Qt counts the destination before the row leaves
        self._moving = self.beginMoveRows(
            self.index_of(layer.parent),
            old_row,
            old_row,
            self.index_of(new_parent),
            destination,
        )

    def _moved(self) -> None:
        if self._moving:
            self._moving = False
            self.endMoveRows()

    def _changed(self, layer: Layer, fields: frozenset[LayerField]) -> None:
        roles: list[int] = []
        if LayerField.NAME in fields:
            roles += _NAME_ROLES
        if LayerField.SKU in fields:
            roles += [SearchRole, *_TIP_ROLES]
        if fields & AVAILABILITY_FIELDS:
            roles += _STOCK_ROLES
        if LayerField.HIDDEN in fields:
            roles += [
                Qt.ItemDataRole.ForegroundRole,
                Qt.ItemDataRole.AccessibleTextRole,
                *_TIP_ROLES,
            ]
        if fields & _GROUP_FLAGS_FIELDS:
            roles += _TIP_ROLES
        if roles:
            index = self.index_of(layer)
            self.dataChanged.emit(index, index, sorted(set(roles)))

    def _stock_context_changed(self) -> None:
        """The add-on or backorders changed: every option's icon and tooltip may differ, and
        every group's warning. One dataChanged per group (its children's range) and one for
        the top-level groups: views repaint only what is visible."""
        self._warnings.clear()
        top = self._top()
        for group in top:
            self._children_changed(group)
        if top:
            self.dataChanged.emit(self.index(0, 0), self.index(len(top) - 1, 0), _WARNING_ROLES)

    def _many_changed(self, changes: Mapping[Layer, frozenset[LayerField]]) -> None:
        """Many options at once (a bulk edit, a stock sheet). Only the rows whose
        shown state changed are repainted (a quantity alone shows in the tooltip, which views
        ask for afresh on hover), and the warnings of the groups above them: a 10,000-option
        edit costs what it changes on screen, not a signal per row."""
        spans: dict[Layer | None, list[int]] = {}
        groups: dict[Layer, None] = {}
        for layer in changes:
            if layer.parent is not None and layer.parent not in groups:
                groups.update(dict.fromkeys(ancestors(layer.parent)))
            shown = self._shown_states.get(layer.id)  # type: ignore[arg-type]  # a held layer is stored
            if shown is not None and shown != self._state(layer):
                spans.setdefault(layer.parent, []).append(self._row_of(layer))
        for parent, rows in spans.items():
            parent_index = self.index_of(parent) if parent is not None else QModelIndex()
            first = self.index(min(rows), 0, parent_index)
            last = self.index(max(rows), 0, parent_index)
            self.dataChanged.emit(first, last, _STOCK_ROLES)
        self._repaint_warnings(list(groups))

    def _children_changed(self, parent: Layer) -> None:
        if parent.children:
            parent_index = self.index_of(parent)
            first = self.index(0, 0, parent_index)
            last = self.index(len(parent.children) - 1, 0, parent_index)
            # Its sub-groups' warnings are read out too (accessible text and description).
            self.dataChanged.emit(first, last, _STOCK_ROLES)
            for child in parent.children:
                if child.is_group:
                    self._children_changed(child)

    # --- group warnings ----------------------------------------------------------------------
    def _defaults_changed(self, layer: Layer, fields: frozenset[LayerField]) -> None:
        """An option's default, stock or name, or a group's flags: its groups' warnings."""
        groups = groups_affected(layer, fields)
        if groups:
            self._repaint_warnings(groups)

    def _warnings_changed(self, place: Layer | None, layer: Layer) -> None:
        """layer was inserted, removed or moved (place: its parent then, or now): the groups
        above place and above layer hold other options now, and the groups inside layer are
        read afresh (an undone delete brings back their ids; a move changes what is above)."""
        inside = [node for node in layer.walk() if node.is_group]
        above = [*ancestors(place), *ancestors(layer.parent)]
        self._repaint_warnings(list(dict.fromkeys([*above, *inside])))

    def _repaint_warnings(self, groups: list[Layer]) -> None:
        for group in groups:
            self._warnings.pop(group.id, None)  # type: ignore[arg-type]  # a held layer is stored
        for group in groups:
            index = self.index_of(group)  # invalid for a removed group: nothing to repaint
            if index.isValid():
                self.dataChanged.emit(index, index, _WARNING_ROLES)
