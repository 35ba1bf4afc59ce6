"""The editor's warning on a required group whose default choice shoppers cannot choose.

The rule is the domain's (`stock.unselectable_default_warning`); this module reads it against
the open document (add-on, backorders), says which edits can change it, and shows it in the
layer settings panel. The layers tree marks the same groups with `warning_icon()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QWidget

from ...domain import stock
from ...domain.change_set import FEW_LAYERS, ChangeSet, Inserted, Moved, Removed
from ...domain.fields import ConfiguratorField, LayerField
from ...domain.model import Layer
from ..editing.document import Document
from ..theme import palette
from ..theme.palette import Tone

# Option fields that can change a group's warning: whether the option is a default, whether it
# can be chosen, and its name (the warning quotes it).
OPTION_FIELDS = frozenset(
    {
        LayerField.ACTIVE_ON_LOAD,
        LayerField.NAME,
        LayerField.MANAGE_STOCK,
        LayerField.STOCK_QUANTITY,
        LayerField.STOCK_STATUS,
    }
)
# Group fields that can: required, and hidden (a hidden group asks shoppers nothing; it hides
# its sub-groups too).
GROUP_FIELDS = frozenset({LayerField.REQUIRED, LayerField.HIDDEN})


@cache
def warning_icon() -> QIcon:
    """The style's warning sign (cached, so the tree hands out one icon)."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def group_warning(document: Document, layer: Layer) -> str:
    """The warning on layer in the open configurator ('' when none or not a group)."""
    cfg = document.configurator
    if cfg is None or not layer.is_group:
        return ""
    return stock.unselectable_default_warning(layer, document.addon_active, cfg.backorders)


def ancestors(layer: Layer | None) -> Iterator[Layer]:
    """layer and the groups above it, nearest first."""
    node = layer
    while node is not None:
        yield node
        node = node.parent


def groups_affected(layer: Layer, fields: AbstractSet[LayerField]) -> list[Layer]:
    """The groups whose warning a change of these fields of layer may change."""
    if layer.is_group:
        if not fields & GROUP_FIELDS:
            return []
        # Its own flags, and its sub-groups' hidden-from-shoppers state.
        return [node for node in layer.walk() if node.is_group]
    if LayerField.ACTIVE_ON_LOAD in fields or (layer.active_on_load and fields & OPTION_FIELDS):
        return list(ancestors(layer.parent))
    return []


class GroupDefaultWarning(QLabel):
    """The layer settings panel's warning for the group it shows (`groupDefaultWarning`),
    hidden when there is none. Follows every edit that can change it: the group's options
    (stock, default, name), its flags, layers inserted, removed or moved under it, the
    backorder setting and the add-on. Emits no signals."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupDefaultWarning")
        self.setTextFormat(Qt.TextFormat.PlainText)  # it quotes option names users typed
        self.setWordWrap(True)
        palette.style_box(self, Tone.WARNING)
        self.document = document
        self.group: Layer | None = None
        document.changed.connect(self._follow)
        self.hide()

    @property
    def warning(self) -> str:
        """The warning shown now, without its sign ('' when hidden)."""
        return self.text().removeprefix("⚠ ")

    def show_group(self, layer: Layer | None) -> None:
        """Show the warning for layer (None or an option: nothing to warn about)."""
        self.group = layer if layer is not None and layer.is_group else None
        self.refresh()

    def refresh(self) -> None:
        text = group_warning(self.document, self.group) if self.group is not None else ""
        self.setText(f"⚠ {text}" if text else "")
        self.setVisible(bool(text))

    def _follow(self, change: ChangeSet) -> None:
        if change.reset is not None:
            self.show_group(None)
            return
        if self.group is None:
            return
        tree = change.structure
        if isinstance(tree, Inserted):
            self._structure_changed(tree.layer.parent)
        elif isinstance(tree, Removed):
            self._structure_changed(tree.parent)
        elif isinstance(tree, Moved):
            self._structure_changed(tree.layer, tree.old_parent)
        if change.addon or ConfiguratorField.BACKORDERS in change.settings:
            self.refresh()
        elif len(change.layers) > FEW_LAYERS:
            self.refresh()  # cheaper than asking which groups each of them affects
        elif any(self.group in groups_affected(layer, f) for layer, f in change.layers.items()):
            self.refresh()

    def _structure_changed(self, *places: Layer | None) -> None:
        """Layers came or went under these places (a parent, or a moved layer)."""
        group = self.group
        if group is not None and any(group in ancestors(place) for place in places):
            self.refresh()
