"""How the preview follows the Document: each change set refreshes only what it can change.

An edit to one layer costs the same at 10 options or 10,000: it re-reads that option's
control if on screen, and the summary, image or cart only when the option is selected or in
the cart. Structural edits re-lay out the top-level group(s) they touch.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import QSpinBox

from ...domain.change_set import FEW_LAYERS, ChangeSet, Inserted, Moved, Removed
from ...domain.fields import (
    AVAILABILITY_FIELDS,
    ORDER_SETTING_FIELDS,
    PRICE_FORMAT_FIELDS,
    ConfiguratorField,
    LayerField,
)
from ...domain.model import Configurator, Layer
from ...domain.storefront import Storefront
from ..editing.document import Document
from .image_view import ProductImage
from .message import MessageArea
from .option_list import OptionList
from .rows import root_of


class PaneView(Protocol):
    """What live updates use of the preview pane (which builds them): its parts, not its type,
    so the two modules do not import each other."""

    options: OptionList
    image: ProductImage
    quantity: QSpinBox
    message: MessageArea
    storefront: Storefront | None
    played: Configurator | None
    playedChanged: SignalInstance

    def show_heading(self) -> None: ...
    def show_selection(self) -> None: ...
    def show_cart(self) -> None: ...
    def show_order(self) -> None: ...
    def show_shop(self) -> None: ...
    def show_summary(self) -> None: ...
    def show_everything(self) -> None: ...
    def recheck_message(self) -> None: ...


_SHOWN_FIELDS = {LayerField.NAME, LayerField.PRICE, LayerField.SALE_PRICE, LayerField.IMAGE}


class LiveUpdates(QObject):
    """Turns the Document's change sets into the pane's partial refreshes. Emits nothing."""

    def __init__(self, pane: PaneView, document: Document) -> None:
        super().__init__()  # kept alive by the pane, which holds it
        self.pane = pane
        self.document = document
        # Layers removed by an edit, by id: undoing the removal inserts copies with the same
        # ids, and the simulation (selection, cart, units sold) moves over to them.
        self._removed: dict[int, Layer] = {}
        self._unselected: set[Layer] = set()  # removed options that were selected
        document.changed.connect(self._follow)

    def _follow(self, change: ChangeSet) -> None:
        reset = change.reset
        if reset is not None:
            self._document_opened(reset.configurator)
            return
        if not (change.addon or change.settings or change.layers or change.tree):
            return  # the configurators list: the pane follows it itself
        if self._left_copy() or self.storefront is None:
            # Back to the open configurator afresh (it shows the change), or nothing to show.
            self.pane.recheck_message()
            return
        if change.addon:
            self.addon_changed(self.document.addon_active)
        if change.settings:
            self.settings_changed(change.settings)
        if len(change.layers) > FEW_LAYERS:
            self.layers_changed(change.layers)
        else:
            for layer, fields in change.layers.items():
                self.layer_changed(layer, fields)
        tree = change.structure
        if isinstance(tree, Inserted):
            self.layer_inserted(tree.layer)
        elif isinstance(tree, Removed):
            self.layer_removed(tree.layer, tree.parent)
        elif isinstance(tree, Moved):
            self.layer_moved(tree.layer, tree.old_parent)
        # After the refreshes above: a refusal shown in the preview is asked again once the
        # edit is in, and leaves when it no longer holds.
        self.pane.recheck_message()

    @property
    def storefront(self) -> Storefront | None:
        return self.pane.storefront

    def _left_copy(self) -> bool:
        """A document change while a scenario's copy is shown: back to the open configurator
        (a fresh simulation of it, which shows the change). Returns whether it did."""
        if self.pane.played is None:
            return False
        self._document_opened(self.document.configurator)
        return True

    # --- whole configurator --------------------------------------------------------------
    def _document_opened(self, configurator: Configurator | None) -> None:
        was_played = self.pane.played is not None
        self.pane.played = None
        self.opened(configurator)
        if was_played:
            self.pane.playedChanged.emit(False)

    def opened(self, configurator: Configurator | None, addon: bool | None = None) -> None:
        """A fresh simulation of configurator (the add-on as the document has it, unless
        `addon` says otherwise: a scenario's copy)."""
        pane = self.pane
        self._removed.clear()
        self._unselected.clear()
        shop = None
        if configurator is not None:
            active = self.document.addon_active if addon is None else addon
            shop = Storefront(configurator, active)
            shop.select_defaults()
        pane.storefront = shop
        pane.image.reset(self.document.db_path)
        pane.options.set_source(
            configurator,
            shop.state if shop is not None else None,
            shop.is_selected if shop is not None else (lambda _layer: False),
        )
        pane.quantity.setValue(1)
        pane.message.clear()
        pane.show_everything()

    def addon_changed(self, active: bool) -> None:
        shop = self.storefront
        assert shop is not None
        shop.addon_active = active
        self._rules_changed()

    def settings_changed(self, fields: frozenset[ConfiguratorField]) -> None:
        pane, cfg = self.pane, self.document.configurator
        if cfg is None:
            return
        if fields & PRICE_FORMAT_FIELDS:
            pane.options.set_price_format(cfg.price_format)
        pane.show_heading()
        self._rules_changed()
        if fields & (PRICE_FORMAT_FIELDS | ORDER_SETTING_FIELDS):
            pane.show_shop()  # the orders' amounts, and the order settings in force

    def _rules_changed(self) -> None:
        """Add-on or global settings: every option's state may differ. Costs what is on
        screen plus the selection and the cart, never a walk over all options."""
        pane, shop = self.pane, self.storefront
        assert shop is not None
        shop.prune()
        pane.show_selection()
        pane.show_cart()
        pane.show_order()

    # --- one layer -----------------------------------------------------------------------
    def layer_changed(self, layer: Layer, fields: frozenset[LayerField]) -> None:
        pane, shop = self.pane, self.storefront
        assert shop is not None
        if LayerField.HIDDEN in fields:
            pane.options.rebuild(layer)
        if layer.is_group:
            self._group_changed(layer, fields)
            return
        if LayerField.IMAGE in fields:
            pane.image.image_changed(layer.image)
        was_selected = shop.is_selected(layer)
        selection_changed = False
        if fields & AVAILABILITY_FIELDS and was_selected and shop.prune([layer]):
            selection_changed = True
        if LayerField.ACTIVE_ON_LOAD in fields and shop.adopt_default(layer, replace=True):
            selection_changed = True
        if selection_changed:
            pane.show_selection()  # its siblings' controls may have changed too
        else:
            pane.options.refresh_option(layer)
            if was_selected and fields & _SHOWN_FIELDS:
                pane.show_summary()
                pane.image.show_layers(shop.selected())
        if shop.in_cart(layer):
            pane.show_cart()
            pane.show_order()

    def layers_changed(self, changes: Mapping[Layer, frozenset[LayerField]]) -> None:
        """Many options at once (a bulk edit, a stock sheet): re-read as for a settings change
        (what is on screen, the selection and the cart), not option by option."""
        self._rules_changed()

    def _group_changed(self, group: Layer, fields: frozenset[LayerField]) -> None:
        pane, shop = self.pane, self.storefront
        assert shop is not None
        pane.options.refresh_header(group)
        if LayerField.MULTIPLE in fields:
            shop.enforce_single(group)
            pane.show_selection()  # radio or check box indicators, and the choice kept

    # --- structure -----------------------------------------------------------------------
    def layer_inserted(self, layer: Layer) -> None:
        pane, shop = self.pane, self.storefront
        assert shop is not None
        replacements = {}
        for node in layer.walk():
            old = self._removed.pop(node.id, None) if node.id is not None else None
            if old is not None:
                replacements[old] = node
        shop.replace_options(replacements)
        self._relayout(layer.parent)
        restored = {new for old, new in replacements.items() if old in self._unselected}
        self._unselected -= set(replacements)
        for node in layer.walk():
            if node in restored:
                shop.reselect(node)
            elif node not in replacements.values():
                shop.adopt_default(node, replace=False)
        pane.show_selection()
        pane.show_cart()

    def layer_removed(self, layer: Layer, parent: Layer | None) -> None:
        pane, shop = self.pane, self.storefront
        assert shop is not None
        for node in layer.walk():
            if node.id is not None:
                self._removed[node.id] = node
        self._relayout(parent)
        self._unselected |= shop.prune()
        pane.show_selection()
        pane.show_cart()

    def layer_moved(self, layer: Layer, old_parent: Layer | None) -> None:
        pane, shop = self.pane, self.storefront
        assert shop is not None
        self._relayout(old_parent, layer.parent)
        group = layer.parent
        if group is not None and not layer.is_group and shop.is_selected(layer):
            # Moved into a single-choice group that already has a choice: that choice stays.
            others = [c for c in group.children if c is not layer and shop.is_selected(c)]
            shop.enforce_single(group, keep=others[0] if others else layer)
        pane.show_selection()  # the image is stacked in layer order

    def _relayout(self, *anchors: Layer | None) -> None:
        """Re-lay out the top-level groups holding the anchors; None stands for the top
        level itself (a group added, removed or reordered)."""
        options = self.pane.options
        if None in anchors:
            options.sync_sections()
        for root in dict.fromkeys(root_of(a) for a in anchors if a is not None):
            options.rebuild(root)
