"""The restock list (docs/stock-sheets.md `stock report`): the managed options a merchant should
reorder —
low, out of stock or on backorder — with their quantity and threshold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import stock
from .model import Availability, Backorders, Configurator, Layer


@dataclass(frozen=True, slots=True)
class RestockEntry:
    """One option to reorder; `state` is `low`, `out_of_stock` or `backorder`."""

    configurator: str
    layer: Layer
    state: str
    quantity: int | None
    threshold: int
    backorders: Backorders | None = None  # the option's own setting; None: the configurator's

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "configurator": self.configurator,
            "path": self.layer.path,
            "sku": self.layer.stock.sku,
            "state": self.state,
            "quantity": self.quantity,
            "threshold": self.threshold,
        }
        # Only an option with its own backorder setting says it (as exchange files do).
        if self.backorders is not None:
            data["backorders"] = self.backorders.value
        return data


def restock_entries(cfg: Configurator) -> list[RestockEntry]:
    """The configurator's managed options that are low, out of stock or on backorder, in
    layer order. Read as the merchant's stock: as if the add-on were active."""
    found: list[RestockEntry] = []
    for layer in cfg.options():
        if not layer.stock.manage:
            continue
        state = stock.configurator_state(True, cfg, layer.stock)
        if state.low:
            kind = "low"
        elif state.availability is Availability.OUT_OF_STOCK:
            kind = "out_of_stock"
        elif state.availability is Availability.BACKORDER:
            kind = "backorder"
        else:
            continue
        threshold = stock.low_threshold(layer.stock, cfg.low_stock_threshold)
        found.append(
            RestockEntry(
                cfg.name, layer, kind, layer.stock.quantity, threshold, layer.stock.backorders
            )
        )
    return found
