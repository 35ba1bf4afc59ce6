"""A narrow preview (a 1024×640 window, a narrow dock layout): the notice badge never runs
under the price, names cut short show whole in the tooltip, group hints go under the name
instead of disappearing, and the subtotal wraps rather than being cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtWidgets import QLabel

from desktop.domain.fields import LayerField
from desktop.ui.preview.option_control import OptionControl
from desktop.ui.preview.rows import RowKind

from .conftest import Shop, widget

WIDTHS = [140, 180, 220, 260, 320, 420, 600]


def _control(shop: Shop, path: str) -> OptionControl:
    control = shop.pane.option_control(path)
    assert isinstance(control, OptionControl)
    return control


@pytest.mark.parametrize("width", WIDTHS)
def test_badge_name_and_price_never_overlap(shop: Shop, width: int) -> None:
    purple = _control(shop, "Grip Color/Metallic Purple")  # "Available on Backorder", +$0
    gold = _control(shop, "Buttons/Gold Buttons")  # a sale: two prices
    for control in (purple, gold):
        control.resize(width, control.height())
        shown = control.shown_layout()
        assert shown is not None
        parts = [QRectF(shown.name_rect), QRectF(shown.price)]
        if shown.pill is not None:
            parts.append(shown.pill)
        parts = [p for p in parts if not p.isEmpty()]
        for i, a in enumerate(parts):
            for b in parts[i + 1 :]:
                assert not a.intersects(b), (control.property("layerName"), width, a, b)
        inside = QRectF(control.rect())
        assert all(inside.contains(p) for p in parts), width


def test_a_name_cut_short_shows_whole_in_the_tooltip(shop: Shop) -> None:
    long_name = "Blue Buttons with a long name that cannot fit"
    shop.document.set_layer_fields(
        shop.layer_id("Buttons/Blue Buttons"), {LayerField.NAME: long_name}
    )
    blue = _control(shop, "Buttons/Blue Buttons with a long name that cannot fit")
    blue.resize(180, blue.height())
    shown = blue.shown_layout()
    assert shown is not None and shown.name.endswith("…")
    assert blue.toolTip().startswith("Blue Buttons with a long name that cannot fit\n")
    blue.resize(2000, blue.height())
    assert blue.shown_layout().name == blue.property("layerName")  # type: ignore[union-attr]
    assert "long name" not in blue.toolTip()


@pytest.mark.parametrize("width", WIDTHS)
def test_group_hints_wrap_under_the_name(shop: Shop, width: int) -> None:
    options = shop.pane.options
    layout = options.layout_
    cfg = shop.document.configurator
    assert cfg is not None
    for group in cfg.layers:
        located = layout.locate(group)
        assert located is not None
        _top, row = located
        assert row.kind is RowKind.GROUP
        parts = options.header_parts(row, QRect(0, 0, width, row.height))
        assert parts.hint, width  # never dropped
        assert not parts.hint_rect.intersects(parts.name_rect) or parts.name_rect == parts.inner
        assert parts.inner.contains(parts.hint_rect), width
        if parts.name_rect == parts.inner:  # side by side: the hint at the right
            assert parts.hint_rect.left() > parts.inner.left()


def test_the_subtotal_wraps_in_a_narrow_cart(shop: Shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    shop.pane.add_to_cart()
    label = widget(shop.pane, QLabel, "subtotalLabel")
    assert label.wordWrap()
    narrow = label.heightForWidth(40)
    assert narrow > label.heightForWidth(400)  # it takes a second line rather than cut
