"""10,000 options: few widgets, and edits to options off screen still show (functional only)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton

from desktop.domain import texts
from desktop.domain.model import Backorders, Configurator, StockStatus
from desktop.ui.editing.commands import SetLayerFields

from .conftest import group, make_shop, option

GROUPS, PER_GROUP = 100, 100


def catalogue() -> Configurator:
    layers = []
    for g in range(GROUPS):
        options = [
            option(
                f"Option {g}-{o}",
                price=f"{o % 7}.00",
                default=o == 0,
                manage=o % 3 == 0,
                qty=(o % 5) if o % 3 == 0 else None,
            )
            for o in range(PER_GROUP)
        ]
        layers.append(group(f"Group {g}", *options, required=g % 2 == 0))
    return Configurator(
        name="Catalogue",
        base_price=Decimal("10.00"),
        backorders=Backorders.NOTIFY,
        layers=layers,
    )


def test_ten_thousand_options(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = make_shop(qtbot, tmp_path / "big.db", catalogue())
    pane = shop.pane
    created = pane.findChildren(QAbstractButton, "optionControl")
    assert 0 < len(created) < 200

    # Far down the list: the helper scrolls it into view and returns its control.
    path = "Group 87/Option 87-43"
    control = pane.option_control(path)
    assert control is not None
    assert control.property("layerName") == "Option 87-43"
    assert control.property("availability") == "available"
    assert control.isVisible()
    assert len(pane.findChildren(QAbstractButton, "optionControl")) < 200

    # An edit made while the option is off screen shows once it is scrolled back.
    assert pane.option_control("Group 0/Option 0-1") is not None
    layer_id = shop.layer_id(path)
    shop.stack.push(
        SetLayerFields(
            shop.document,
            layer_id,
            {"manage_stock": True, "stock_status": StockStatus.OUT_OF_STOCK},
            "edit",
        )
    )
    control = pane.option_control(path)
    assert control is not None
    assert control.property("notice") == texts.NOTICE_BACKORDER
    # And an edit while it is on screen shows at once.
    shop.stack.undo()
    assert control.property("layerName") == "Option 87-43"
    assert control.property("availability") == "available"
    assert control.property("notice") == ""

    # Choosing it updates the summary with it in layer order.
    control.click()
    assert "Option 87-43" in pane.summary.text()
    assert "Option 87-0" not in pane.summary.text()
    assert len(pane.findChildren(QAbstractButton, "optionControl")) < 200
