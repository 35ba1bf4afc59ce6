"""Layer.clone and Configurator.clone copy every field (a field added later included) and
share nothing with the original."""

from __future__ import annotations

import copy
import dataclasses
from decimal import Decimal

from desktop.domain.model import Configurator, Layer, LayerType, Stock, StockStatus


def _tree() -> Configurator:
    group = Layer("Grip", LayerType.GROUP, id=1, required=True, multiple=True, hidden=True)
    sub = Layer("Front", LayerType.SUB_GROUP, id=2, parent=group)
    option = Layer(
        "Red", LayerType.IMAGE, id=3, price=Decimal("4.00"), sale_price=Decimal("3.50"),
        image="images/red.png", active_on_load=True, hidden=True, parent=sub,
        stock=Stock(True, "RED", -2, StockStatus.OUT_OF_STOCK, 4),
    )  # fmt: skip
    sub.children.append(option)
    group.children += [sub, Layer("Blue", LayerType.IMAGE, id=4, parent=group)]
    return Configurator("Controller", id=9, base_price=Decimal("49.00"), layers=[group])


def _fields(layer: Layer) -> dict[str, object]:
    """Every field but the links, with the stock's fields spelled out."""
    values = {
        f.name: getattr(layer, f.name)
        for f in dataclasses.fields(layer)
        if f.name not in {"parent", "children"}
    }
    values["stock"] = dataclasses.asdict(layer.stock)
    return values


def test_a_clone_equals_a_deep_copy_field_by_field() -> None:
    cfg = _tree()
    cloned, deep = cfg.clone(), copy.deepcopy(cfg)
    pairs = list(zip(cloned.walk(), deep.walk(), strict=True))
    assert [_fields(a) for a, _ in pairs] == [_fields(b) for _, b in pairs]
    for a, b in pairs:
        assert (a.parent and a.parent.id) == (b.parent and b.parent.id)
        assert [c.id for c in a.children] == [c.id for c in b.children]
    assert {
        f.name: getattr(cloned, f.name) for f in dataclasses.fields(cfg) if f.name != "layers"
    } == {f.name: getattr(cfg, f.name) for f in dataclasses.fields(cfg) if f.name != "layers"}


def test_a_clone_shares_nothing_with_its_original() -> None:
    cfg = _tree()
    cloned = cfg.clone()
    originals = {id(x) for layer in cfg.walk() for x in (layer, layer.stock, layer.children)}
    copies = {id(x) for layer in cloned.walk() for x in (layer, layer.stock, layer.children)}
    assert not originals & copies and cloned.layers is not cfg.layers
    sub_clone = cfg.layers[0].children[0].clone()
    assert sub_clone.parent is None and sub_clone.children[0].parent is sub_clone
