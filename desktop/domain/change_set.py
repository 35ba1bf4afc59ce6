"""What one write changed, as one frozen value (docs/architecture.md, "The change set").

Every write the window makes, its undo and redo, and every change made elsewhere that the window
takes in, is described by one `ChangeSet`: which layers changed and which of their fields, what
happened to the tree, which configurator settings changed, whether the add-on switch or the
configurators list changed. The window's document emits it as its one `changed` signal, and
each view asks it what concerns that view (as Anki's `OpChanges`): a view never re-reads what
the change set does not name.

Cheap at any size: the layers map is built once by the write and shared, never copied, so a
change to 100,000 options is one value and one signal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .fields import STOCK_SETTINGS, ConfiguratorField, LayerField
from .model import Configurator, Layer

# Views follow up to this many changed layers one by one (a row, a control each); more they
# refresh as a whole, for what is on screen (a bulk edit, a stock sheet, a batch from elsewhere):
# their choice of cost, not a second kind of signal.
FEW_LAYERS = 200

_NO_LAYERS: Mapping[Layer, frozenset[LayerField]] = MappingProxyType({})
_NO_FIELDS: frozenset[LayerField] = frozenset()


@dataclass(frozen=True, slots=True)
class Reset:
    """The open configurator was replaced: opened, closed (None), or read again after its tree
    changed elsewhere (`refreshed`, the same configurator: views select again by id)."""

    configurator: Configurator | None
    refreshed: bool = False


@dataclass(frozen=True, slots=True)
class Inserted:
    """`layer` (with its subtree) now sits under its parent. `revealed`: it came back (an undone
    delete), and views show it open and selected."""

    layer: Layer
    revealed: bool = False


@dataclass(frozen=True, slots=True)
class Removed:
    """`layer` (with its subtree) left the tree; it was at `row` under `parent`."""

    layer: Layer
    parent: Layer | None
    row: int


@dataclass(frozen=True, slots=True)
class Moved:
    """`layer` sits under its new parent now; it was at `old_row` under `old_parent`."""

    layer: Layer
    old_parent: Layer | None
    old_row: int


TreeChange = Reset | Inserted | Removed | Moved


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What one write (or one batch of changes made elsewhere) changed in what the window shows.

    layers: each changed layer of the open configurator (the live object views hold) with the
        fields that changed. Never a copy: the write that built the map hands it over.
    tree: the tree's one structural change, if any.
    settings: the open configurator's fields that changed.
    addon: the Stock Management add-on was switched (read it from the document).
    configurators: the configurators list changed (names, additions, removals).
    """

    layers: Mapping[Layer, frozenset[LayerField]] = field(default_factory=lambda: _NO_LAYERS)
    tree: TreeChange | None = None
    settings: frozenset[ConfiguratorField] = frozenset()
    addon: bool = False
    configurators: bool = False

    def __bool__(self) -> bool:
        return bool(self.layers or self.tree or self.settings or self.addon or self.configurators)

    def fields_of(self, layer: Layer | None) -> frozenset[LayerField]:
        """The fields of layer this change set names (none when it names no such layer)."""
        if layer is None:
            return _NO_FIELDS
        return self.layers.get(layer, _NO_FIELDS)

    @property
    def reset(self) -> Reset | None:
        """The tree was replaced (see Reset): views rebuild from the document."""
        return self.tree if isinstance(self.tree, Reset) else None

    @property
    def structure(self) -> Inserted | Removed | Moved | None:
        """A layer was inserted, removed or moved (not a Reset)."""
        tree = self.tree
        return None if tree is None or isinstance(tree, Reset) else tree

    @property
    def stock_context(self) -> bool:
        """What every option shows for its stock may differ: the add-on was switched, or a
        setting the stock rules read changed (backorders, the low-stock threshold, the display)."""
        return self.addon or not self.settings.isdisjoint(STOCK_SETTINGS)
