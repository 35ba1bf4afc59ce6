"""docs/stock-rules.md's shopper-choice rules, all in `Storefront`: defaults (and no substitute for
one that
cannot be chosen), hidden options, radio-like groups, the preview's keeping-in-step helpers,
the order of the selection, and the quantity bounds of add to cart."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest

from desktop.domain import texts
from desktop.domain.model import Backorders, Configurator, Layer
from desktop.domain.storefront import MAX_QUANTITY, Storefront
from tests.builders import configurator, group, option


def shop(cfg: Configurator, addon: bool = True) -> Storefront:
    front = Storefront(cfg, addon_active=addon)
    front.select_defaults()
    return front


def opt(cfg: Configurator, path: str) -> Layer:
    found = cfg.find_path(path)
    assert found is not None, path
    return found


def names(layers: list[Layer]) -> list[str]:
    return [layer.name for layer in layers]


def hidden(layer: Layer) -> Layer:
    layer.hidden = True
    return layer


# --- default choices -----------------------------------------------------------------------
def finishes(
    backorders: Backorders, default_qty: int | None, *, required: bool = True
) -> Configurator:
    """A finish whose default (Gloss, no surcharge) may be out of stock, beside a dearer one."""
    return configurator(
        group(
            "Finish",
            option("Gloss", manage=True, qty=default_qty, default=True),
            option("Matte", price="25.00"),
            required=required,
        ),
        backorders=backorders,
    )


@dataclass(frozen=True)
class DefaultCase:
    backorders: Backorders
    default_qty: int | None
    addon: bool
    selection: list[str]
    unit_price: str


DEFAULT_CASES = {
    "in stock: preselected": DefaultCase(Backorders.NO, 3, True, ["Gloss"], "49.00"),
    # docs/stock-rules.md: not preselected, and nothing (not even Matte, +25.00) in its place.
    "out, no backorders: nothing chosen": DefaultCase(Backorders.NO, 0, True, [], "49.00"),
    "out, notify: on backorder, preselected": DefaultCase(
        Backorders.NOTIFY, 0, True, ["Gloss"], "49.00"
    ),
    "out, silent backorders: preselected": DefaultCase(Backorders.YES, 0, True, ["Gloss"], "49.00"),
    "out, add-on off: no stock rule": DefaultCase(Backorders.NO, 0, False, ["Gloss"], "49.00"),
}


@pytest.mark.parametrize("case", DEFAULT_CASES.values(), ids=list(DEFAULT_CASES))
def test_defaults_are_preselected_only_when_selectable(case: DefaultCase) -> None:
    front = shop(finishes(case.backorders, case.default_qty), addon=case.addon)
    assert names(front.selected()) == case.selection
    assert front.unit_price() == Decimal(case.unit_price)


@pytest.mark.parametrize("required", [True, False])
def test_an_unselectable_default_leaves_the_choice_to_the_shopper(required: bool) -> None:
    cfg = finishes(Backorders.NO, 0, required=required)
    front = shop(cfg)
    refusals = [texts.choose_option("Finish")] if required else []
    assert front.add_to_cart(1) == refusals
    assert front.select(opt(cfg, "Finish/Matte")) is None
    assert front.add_to_cart(1) == []
    # The shopper's own choice, at its price (an optional group's first line had none).
    assert front.cart().lines[-1].unit_price == Decimal("74.00")


def test_a_second_default_that_can_be_chosen_still_applies() -> None:
    cfg = configurator(
        group(
            "Finish",
            option("Gloss", manage=True, qty=0, default=True),
            option("Satin", default=True),
            option("Matte"),
            required=True,
        )
    )
    assert names(shop(cfg).selected()) == ["Satin"]


def test_a_single_choice_group_preselects_its_first_default_only() -> None:
    cfg = configurator(
        group("Finish", option("Gloss", default=True), option("Satin", default=True)),
        group("Extras", option("A", default=True), option("B", default=True), multiple=True),
    )
    assert names(shop(cfg).selected()) == ["Gloss", "A", "B"]


def test_reset_does_not_substitute_either() -> None:
    cfg = finishes(Backorders.NO, 1)
    front = shop(cfg)
    assert front.add_to_cart(1) == []
    front.checkout()  # the last Gloss is sold
    front.reset_simulation()
    assert names(front.selected()) == ["Gloss"]  # the stored stock again: 1 left
    opt(cfg, "Finish/Gloss").stock.quantity = 0
    front.reset_simulation()
    assert front.selected() == []


# --- hidden options ------------------------------------------------------------------------
def with_hidden() -> Configurator:
    return configurator(
        group("Grip", option("Red", default=True), hidden(option("Secret")), required=True),
        group("Extras", option("Strap"), hidden(option("Engraving", price="9.00")), multiple=True),
        hidden(group("Internal", option("Shadow", price="1.00", default=True))),
        group(
            "Case",
            hidden(group("Legacy", option("Old"), sub=True)),
            option("New", default=True),
        ),
    )


@pytest.mark.parametrize(
    "path", ["Grip/Secret", "Extras/Engraving", "Internal/Shadow", "Case/Legacy/Old"]
)
def test_a_hidden_option_can_be_neither_chosen_nor_unchecked(path: str) -> None:
    cfg = with_hidden()
    front = shop(cfg)
    layer = opt(cfg, path)
    before = set(front.selection)
    assert front.select(layer) == texts.hidden_option(layer.name)
    assert front.select(layer, False) == texts.hidden_option(layer.name)
    assert front.selection == before


def test_a_hidden_default_still_applies() -> None:
    cfg = with_hidden()
    front = shop(cfg)
    assert names(front.selected()) == ["Red", "Shadow", "New"]
    assert front.unit_price() == Decimal("50.00")
    assert front.add_to_cart(1) == []
    (line,) = front.cart().lines
    assert [item.label for item in line.items] == ["Red", "Shadow", "New"]


def test_a_hidden_default_that_cannot_be_chosen_is_not_applied() -> None:
    cfg = configurator(
        hidden(group("Internal", option("Shadow", manage=True, qty=0, default=True))),
        backorders=Backorders.NO,
    )
    assert shop(cfg).selected() == []


def test_choosing_beside_a_hidden_default_replaces_it_in_a_single_choice_group() -> None:
    cfg = configurator(group("Grip", hidden(option("Base", default=True)), option("Red")))
    front = shop(cfg)
    assert front.select(opt(cfg, "Grip/Red")) is None
    assert names(front.selected()) == ["Red"]


# --- choosing ------------------------------------------------------------------------------
def choices() -> Configurator:
    return configurator(
        group("Grip", option("A", default=True), option("B"), required=True),
        group("Buttons", option("Black", default=True), option("Blue")),
        group("Extras", option("X"), option("Y"), multiple=True, required=True),
    )


@pytest.mark.parametrize(
    ("actions", "selection"),
    [
        pytest.param([("Grip/B", True)], ["B", "Black"], id="single choice replaces"),
        pytest.param([("Grip/A", False)], ["A", "Black"], id="required radio stays checked"),
        pytest.param(
            [("Grip/B", True), ("Grip/B", False)], ["B", "Black"], id="required: replaced only"
        ),
        pytest.param([("Buttons/Black", False)], ["A"], id="optional single may be emptied"),
        pytest.param([("Buttons/Blue", True)], ["A", "Blue"], id="optional single replaces"),
        pytest.param(
            [("Extras/X", True), ("Extras/Y", True)], ["A", "Black", "X", "Y"], id="multiple adds"
        ),
        pytest.param(
            [("Extras/X", True), ("Extras/Y", True), ("Extras/X", False)],
            ["A", "Black", "Y"],
            id="multiple unchecks, even when required",
        ),
        pytest.param([("Grip/A", True)], ["A", "Black"], id="choosing the choice again"),
    ],
)
def test_shopper_choices(actions: list[tuple[str, bool]], selection: list[str]) -> None:
    cfg = choices()
    front = shop(cfg)
    for path, on in actions:
        assert front.select(opt(cfg, path), on) is None
    assert names(front.selected()) == selection


def test_an_option_that_cannot_be_chosen_is_refused_and_the_choice_kept() -> None:
    cfg = finishes(Backorders.NO, 3)
    gloss = opt(cfg, "Finish/Gloss")
    front = shop(cfg)
    gloss.stock.quantity = 0
    matte = opt(cfg, "Finish/Matte")
    matte.stock.manage, matte.stock.quantity = True, 0
    assert front.select(matte) == texts.not_selectable("Matte")
    assert names(front.selected()) == ["Gloss"]


# --- keeping in step with the merchant's edits (the live preview) -------------------------
def test_adopt_default_with_and_without_replace() -> None:
    cfg = choices()
    front = shop(cfg)
    blue = opt(cfg, "Buttons/Blue")
    blue.active_on_load = True
    assert not front.adopt_default(blue, replace=False)  # Black is the choice already
    assert front.adopt_default(blue, replace=True)  # marked as the default just now
    assert names(front.selected()) == ["A", "Blue"]
    assert not front.adopt_default(blue, replace=True)  # already chosen
    assert not front.adopt_default(opt(cfg, "Extras/X"), replace=True)  # not a default
    front.select(blue, False)
    assert front.adopt_default(blue, replace=False)  # the group had no choice


def test_adopt_default_skips_what_cannot_be_chosen_and_takes_hidden_ones() -> None:
    cfg = configurator(
        group("Grip", option("Red", manage=True, qty=0), hidden(option("Base"))),
        backorders=Backorders.NO,
    )
    front = shop(cfg)
    red, base = cfg.layers[0].children
    red.active_on_load = base.active_on_load = True
    assert not front.adopt_default(red, replace=True)
    assert front.adopt_default(base, replace=False)
    assert names(front.selected()) == ["Base"]


def test_reselect_puts_back_a_choice_that_can_still_be_chosen() -> None:
    cfg = with_hidden()
    front = shop(cfg)
    shadow = opt(cfg, "Internal/Shadow")
    front.selection.discard(shadow)
    assert front.reselect(shadow)  # hidden, but not the shopper's doing
    assert not front.reselect(shadow)
    red = opt(cfg, "Grip/Red")
    front.selection.discard(red)
    red.stock.manage, red.stock.quantity = True, 0
    assert not front.reselect(red)


def test_enforce_single_keeps_one_choice() -> None:
    cfg = choices()
    front = shop(cfg)
    extras = cfg.layers[2]
    front.select(opt(cfg, "Extras/X"))
    front.select(opt(cfg, "Extras/Y"))
    assert not front.enforce_single(extras)  # still multiple
    extras.multiple = False
    assert front.enforce_single(extras, keep=opt(cfg, "Extras/Y"))
    assert names(front.selected()) == ["A", "Black", "Y"]
    assert not front.enforce_single(extras)
    front.selection.add(opt(cfg, "Extras/X"))
    assert front.enforce_single(extras)  # no keep given: the first choice stays
    assert names(front.selected()) == ["A", "Black", "X"]


def test_prune_of_some_options_only() -> None:
    cfg = choices()
    front = shop(cfg)
    a, black = opt(cfg, "Grip/A"), opt(cfg, "Buttons/Black")
    for layer in (a, black):
        layer.stock.manage, layer.stock.quantity = True, 0
    assert front.prune([a]) == {a}
    assert names(front.selected()) == ["Black"]
    assert front.prune() == {black}


# --- order of the selection --------------------------------------------------------------------
def test_selected_follows_layer_order_without_walking_every_option(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cfg = configurator(
        *(group(f"G{g}", *(option(f"O{g}-{o}") for o in range(50))) for g in range(40))
    )
    front = Storefront(cfg)
    picks = ["G30/O30-7", "G2/O2-49", "G17/O17-0"]
    for path in picks:
        front.select(opt(cfg, path))

    def walk_refused() -> Iterator[Layer]:
        raise AssertionError("selected() walked every option")

    monkeypatch.setattr(cfg, "options", walk_refused)
    monkeypatch.setattr(cfg, "walk", walk_refused)
    assert names(front.selected()) == ["O2-49", "O17-0", "O30-7"]
    moved = opt(cfg, "G30/O30-7")
    cfg.layers[30].children.remove(moved)
    cfg.layers[0].children.insert(0, moved)
    moved.parent = cfg.layers[0]
    assert names(front.selected()) == ["O30-7", "O2-49", "O17-0"]
    cfg.layers[2].children.pop()  # O2-49 deleted: left out
    assert names(front.selected()) == ["O30-7", "O17-0"]


# --- quantity ------------------------------------------------------------------------------
@pytest.mark.parametrize("quantity", [0, -1, MAX_QUANTITY + 1, 10**12])
def test_add_to_cart_refuses_quantities_out_of_range(quantity: int) -> None:
    front = shop(choices())
    with pytest.raises(ValueError, match="quantity must be"):
        front.add_to_cart(quantity)
    assert front.cart().lines == ()


def test_add_to_cart_takes_the_largest_quantity() -> None:
    assert MAX_QUANTITY == 1_000_000
    front = shop(choices())
    front.select(front.configurator.layers[2].children[0])
    assert front.add_to_cart(MAX_QUANTITY) == []
    assert front.cart().lines[0].total == Decimal("49.00") * MAX_QUANTITY
