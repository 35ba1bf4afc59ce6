"""The preview's shopper: a Storefront plus the cheap questions the preview asks it per edit.

No widgets. The Storefront holds the rules' side (selection, cart, orders, simulated stock);
this adds layer order for the summary and image without walking every option on each edit,
and the choice semantics of the controls (radio-like groups, defaults for new options).
"""

from __future__ import annotations

from ...domain.model import Configurator, Layer
from ...domain.storefront import Storefront


class Simulation:
    """One simulated shopper over the open configurator."""

    def __init__(self, configurator: Configurator, addon_active: bool) -> None:
        self.configurator = configurator
        self.storefront = Storefront(configurator, addon_active)
        self.storefront.select_defaults()

    # --- order ---------------------------------------------------------------------------
    def selected(self) -> list[Layer]:
        """Selected options in layer order.

        Sorted by each option's position path (its index among its siblings at each level),
        so it costs selection × siblings, never a walk over every option, and needs no index
        to keep up to date when layers are inserted, removed or moved.
        """
        keyed = []
        for layer in self.storefront.selection:
            key = self._position(layer)
            if key is not None:
                keyed.append((key, layer))
        keyed.sort(key=lambda pair: pair[0])
        return [layer for _, layer in keyed]

    def _position(self, layer: Layer) -> tuple[int, ...] | None:
        """Indexes from the top level down to layer, or None when it is no longer there."""
        path: list[int] = []
        node = layer
        try:
            while node.parent is not None:
                path.append(node.parent.children.index(node))
                node = node.parent
            path.append(self.configurator.layers.index(node))
        except ValueError:
            return None
        path.reverse()
        return tuple(path)

    # --- choosing ------------------------------------------------------------------------
    def is_selected(self, layer: Layer) -> bool:
        return layer in self.storefront.selection

    def choose(self, layer: Layer, on: bool) -> tuple[bool, str]:
        """A shopper checks or unchecks an option: (selection changed, refusal text or '').

        A required single-choice group keeps its choice (a radio button cannot be unchecked);
        an optional single-choice group may be emptied by unchecking its choice.
        """
        storefront = self.storefront
        if on == self.is_selected(layer):
            return False, ""
        group = layer.parent
        if not on and group is not None and not group.multiple and group.required:
            return False, ""
        refusal = storefront.select(layer, on)
        return refusal is None, refusal or ""

    def adopt_default(self, layer: Layer, *, replace: bool) -> bool:
        """Select a (new or newly marked) default choice when it can be chosen.

        With replace, it takes over its single-choice group (the merchant just marked it as
        the default); without, it is only added where the group has no choice yet.
        """
        storefront = self.storefront
        if layer.is_group or not layer.active_on_load or self.is_selected(layer):
            return False
        if not storefront.state(layer).selectable:
            return False
        group = layer.parent
        single = group is not None and not group.multiple
        if single and not replace and any(self.is_selected(c) for c in group.children):
            return False
        storefront.select(layer)
        return True

    def enforce_single(self, group: Layer, keep: Layer | None = None) -> bool:
        """A single-choice group holds at most one choice: keep `keep` or the first one."""
        if group.multiple:
            return False
        chosen = [c for c in group.children if self.is_selected(c)]
        if len(chosen) < 2:
            return False
        kept = keep if keep in chosen else chosen[0]
        for option in chosen:
            if option is not kept:
                self.storefront.select(option, False)
        return True
