"""The layer editing actions: add group / sub-group / option, delete, move up / down."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from ...domain import texts
from ...domain.change_set import ChangeSet
from ...domain.model import Layer, LayerType
from ..editing.commands import InsertLayer, MoveLayer, RemoveLayer, UndoTarget, push
from ..editing.document import Document
from ..theme import icons
from ..widgets.confirm import confirm_delete
from .panel import LayersPanel

DEFAULT_NAMES = {
    LayerType.GROUP: "New group",
    LayerType.SUB_GROUP: "New sub-group",
    LayerType.IMAGE: "New option",
}
KIND_WORDS = {LayerType.GROUP: "group", LayerType.SUB_GROUP: "sub-group", LayerType.IMAGE: "option"}


def unique_sibling_name(wanted: str, siblings: list[Layer]) -> str:
    """wanted, or 'wanted 2', 'wanted 3'… whichever no sibling uses yet."""
    taken = {layer.name for layer in siblings}
    name, n = wanted, 1
    while name in taken:
        n += 1
        name = f"{wanted} {n}"
    return name


class LayerActions(QObject):
    """Owns the QActions that change the tree's shape and pushes one command per action.

    Enabled states follow the selection and the tree; a new layer is selected and opened for
    renaming; deleting a layer that has children asks first (a QMessageBox opened with open()).
    """

    def __init__(
        self, document: Document, stack: UndoTarget, panel: LayersPanel, window: QWidget
    ) -> None:
        super().__init__(window)
        self.document = document
        self.stack = stack
        self.panel = panel
        self.window = window

        self.add_group = self._action("addGroupAction", "Add group", icons.add_group_icon())
        self.add_group.setToolTip("Add a group of options at the top level")
        self.add_sub_group = self._action(
            "addSubGroupAction", "Add sub-group", icons.add_sub_group_icon()
        )
        self.add_sub_group.setToolTip("Add a sub-group inside the selected group")
        self.add_layer = self._action("addLayerAction", "Add option", icons.add_layer_icon())
        self.add_layer.setToolTip("Add an image layer (an option shoppers pick)")
        self.delete = self._action("deleteLayerAction", "Delete layer", icons.delete_icon())
        self.delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.move_up = self._action("moveLayerUpAction", "Move up", icons.move_up_icon())
        self.move_up.setShortcut(QKeySequence("Ctrl+Shift+Up"))
        self.move_down = self._action("moveLayerDownAction", "Move down", icons.move_down_icon())
        self.move_down.setShortcut(QKeySequence("Ctrl+Shift+Down"))
        for action in (self.delete, self.move_up, self.move_down):
            # Only while the tree has focus: Delete in a text field must stay a text edit.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            panel.tree.addAction(action)
        for action in (self.add_group, self.add_sub_group, self.add_layer):
            panel.tree.insertAction(self.delete, action)

        self.add_group.triggered.connect(lambda: self._add(LayerType.GROUP))
        self.add_sub_group.triggered.connect(lambda: self._add(LayerType.SUB_GROUP))
        self.add_layer.triggered.connect(lambda: self._add(LayerType.IMAGE))
        self.delete.triggered.connect(self._delete)
        self.move_up.triggered.connect(lambda: self._move(-1))
        self.move_down.triggered.connect(lambda: self._move(+1))

        panel.currentLayerChanged.connect(lambda _layer: self.update_enabled())
        document.changed.connect(self._follow)
        self.update_enabled()

    def _follow(self, change: ChangeSet) -> None:
        if change.tree is not None:  # another configurator, or a layer added, gone or moved
            self.update_enabled()

    def _action(self, name: str, text: str, icon: QIcon) -> QAction:
        action = QAction(icon, text, self)
        action.setObjectName(name)
        return action

    @property
    def actions(self) -> list[QAction]:
        return [
            self.add_group,
            self.add_sub_group,
            self.add_layer,
            self.delete,
            self.move_up,
            self.move_down,
        ]

    # --- where things go -------------------------------------------------------------------
    def _placement(self, kind: LayerType) -> tuple[Layer | None, int] | None:
        """(parent, row) for a new layer of this kind given the selection, or None."""
        cfg = self.document.configurator
        if cfg is None:
            return None
        selected = self.panel.current_layer()
        if kind is LayerType.GROUP:
            top = selected
            while top is not None and top.parent is not None:
                top = top.parent
            row = self._row(top) + 1 if top is not None else len(cfg.layers)
            return None, row
        if kind is LayerType.SUB_GROUP:
            node = selected
            while node is not None and node.type is not LayerType.GROUP:
                node = node.parent
            if node is None:
                return None
            after = selected  # the group's child holding the selection: insert after it
            while after is not None and after.parent is not node:
                after = after.parent
            return node, (self._row(after) + 1 if after else len(node.children))
        # An option: into the selected group, or beside the selected option.
        if selected is None:
            groups = [layer for layer in cfg.layers if layer.type is LayerType.GROUP]
            return (groups[-1], len(groups[-1].children)) if groups else None
        if selected.is_group:
            return selected, len(selected.children)
        parent = selected.parent
        assert parent is not None
        return parent, self._row(selected) + 1

    def _row(self, layer: Layer) -> int:
        return self.panel.model.index_of(layer).row()  # cached: no scan of the siblings

    def update_enabled(self) -> None:
        is_open = self.document.configurator is not None
        selected = self.panel.current_layer()
        self.add_group.setEnabled(is_open)
        self.add_sub_group.setEnabled(self._placement(LayerType.SUB_GROUP) is not None)
        self.add_layer.setEnabled(self._placement(LayerType.IMAGE) is not None)
        self.delete.setEnabled(selected is not None)
        if selected is None or self.document.configurator is None:
            self.move_up.setEnabled(False)
            self.move_down.setEnabled(False)
            return
        siblings = self.document.configurator.children_of(selected.parent)
        row = self._row(selected)
        self.move_up.setEnabled(row > 0)
        self.move_down.setEnabled(row < len(siblings) - 1)

    # --- the edits -------------------------------------------------------------------------
    def _add(self, kind: LayerType) -> None:
        placement = self._placement(kind)
        if placement is None or self.document.configurator is None:
            return
        parent, row = placement
        siblings = self.document.configurator.children_of(parent)
        layer = Layer(name=unique_sibling_name(DEFAULT_NAMES[kind], siblings), type=kind)
        parent_id = parent.id if parent is not None else None
        text = f'Add {KIND_WORDS[kind]} "{layer.name}"'
        command = InsertLayer(self.document, parent_id, row, layer, text)
        if push(self.stack, command) and command.layer_id is not None:
            self.panel.select_layer(self.document.layer(command.layer_id), edit=True)

    def _delete(self) -> None:
        layer = self.panel.current_layer()
        if layer is None or layer.id is None:
            return
        if not layer.children:
            push(self.stack, RemoveLayer(self.document, layer.id))
            return
        count = sum(1 for _ in layer.walk()) - 1
        layer_id = layer.id

        def delete() -> None:
            if self.document.has_layer(layer_id):  # it may have gone while the box was open
                push(self.stack, RemoveLayer(self.document, layer_id))

        confirm_delete(
            self.window,
            "confirmDeleteLayer",
            "Delete layer",
            f'Delete "{layer.name}" and {texts.layers_under(count)}?',
            delete,
        )

    def _move(self, step: int) -> None:
        layer = self.panel.current_layer()
        if layer is None or layer.id is None or self.document.configurator is None:
            return
        siblings = self.document.configurator.children_of(layer.parent)
        row = self._row(layer) + step
        if not 0 <= row < len(siblings):
            return
        parent_id = layer.parent.id if layer.parent is not None else None
        push(self.stack, MoveLayer(self.document, layer.id, parent_id, row))
        self.panel.select_layer(layer)
