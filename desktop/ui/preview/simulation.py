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
        self._order: dict[Layer, int] | None = None

    # --- order ---------------------------------------------------------------------------
    def invalidate_order(self) -> None:
        """Layers were inserted, removed or moved: the order index is rebuilt when next asked."""
        self._order = None

    def selected(self) -> list[Layer]:
        """Selected options in layer order; O(selection) once the order index is built."""
        if self._order is None:
            self._order = {layer: n for n, layer in enumerate(self.configurator.options())}
        order = self._order
        present = [layer for layer in self.storefront.selection if layer in order]
        return sorted(present, key=order.__getitem__)

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
