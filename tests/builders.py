"""Small builders for domain configurators, so a test states only what it is about."""

from __future__ import annotations

import gc
from decimal import Decimal

from desktop.domain.model import (
    Backorders,
    Configurator,
    Layer,
    LayerType,
    Stock,
    StockStatus,
)


def option(
    name: str,
    *,
    manage: bool = False,
    qty: int | None = None,
    out: bool = False,
    sku: str = "",
    price: str = "0.00",
    sale: str | None = None,
    default: bool = False,
    image: str = "",
) -> Layer:
    status = StockStatus.OUT_OF_STOCK if out else StockStatus.IN_STOCK
    return Layer(
        name=name,
        type=LayerType.IMAGE,
        price=Decimal(price),
        sale_price=None if sale is None else Decimal(sale),
        active_on_load=default,
        image=image,
        stock=Stock(manage=manage, sku=sku, quantity=qty, status=status),
    )


def group(
    name: str,
    *children: Layer,
    required: bool = False,
    multiple: bool = False,
    hidden: bool = False,
    sub: bool = False,
) -> Layer:
    node = Layer(
        name=name,
        type=LayerType.SUB_GROUP if sub else LayerType.GROUP,
        required=required,
        multiple=multiple,
        hidden=hidden,
    )
    for child in children:
        child.parent = node
        node.children.append(child)
    return node


def configurator(
    *groups: Layer,
    backorders: Backorders | str = Backorders.NO,
    base: str = "49.00",
    name: str = "Test",
) -> Configurator:
    return Configurator(
        name=name,
        product_name="Product",
        base_price=Decimal(base),
        backorders=Backorders(backorders),
        layers=list(groups),
    )


def grips(backorders: Backorders | str = Backorders.NOTIFY) -> Configurator:
    """The demo's worked example (docs/data-model.md): Grip Color with Yellow (5), Red (2),
    Purple (0)."""
    return configurator(
        group(
            "Grip Color",
            option("Metallic Yellow", manage=True, qty=5, sku="Y", default=True),
            option("Metallic Red", manage=True, qty=2, sku="R", price="3.00"),
            option("Metallic Purple", manage=True, qty=0, sku="P", price="5.00"),
            required=True,
        ),
        backorders=backorders,
    )


def stored_id(row: Layer | Configurator) -> int:
    """The id of a layer or configurator that has been stored (None only before that)."""
    assert row.id is not None
    return row.id


def layers_held() -> int:
    """How many Layer objects the process holds (freed ones are gone; cycles wait for the
    collector, so a test that turns it off sees a tree left in a cycle)."""
    return sum(1 for o in gc.get_objects() if isinstance(o, Layer))
