"""Synthetic configurators of any size: N image layers in groups of 100, a third of them
managed with stock, some of those out of stock, backorders notify."""

from __future__ import annotations

from decimal import Decimal

from ..domain.model import Backorders, Configurator, Layer, LayerType, Stock, StockStatus

GROUP_SIZE = 100


def build(name: str, options: int) -> Configurator:
    cfg = Configurator(
        name=name,
        product_name=f"{name} product",
        base_price=Decimal("49.00"),
        backorders=Backorders.NOTIFY,
    )
    for g in range((options + GROUP_SIZE - 1) // GROUP_SIZE):
        group = Layer(f"Group {g + 1}", LayerType.GROUP, required=(g % 2 == 0))
        for i in range(min(GROUP_SIZE, options - g * GROUP_SIZE)):
            n = g * GROUP_SIZE + i
            stock = Stock()
            if n % 3 == 0:
                out = n % 9 == 0  # a third of the managed ones start out of stock
                stock = Stock(
                    manage=True,
                    sku=f"SKU-{n:06d}",
                    quantity=0 if out else 5 + n % 7,
                    status=StockStatus.OUT_OF_STOCK if n % 27 == 0 else StockStatus.IN_STOCK,
                )
            option = Layer(
                f"Option {n + 1}",
                LayerType.IMAGE,
                price=Decimal(n % 5),
                active_on_load=(i == 1),
                stock=stock,
                parent=group,
            )
            group.children.append(option)
        cfg.layers.append(group)
    return cfg


def name_for(options: int) -> str:
    """The name of the benchmark catalogue's configurator of that size."""
    return f"Bench {options}"
