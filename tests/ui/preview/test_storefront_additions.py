"""What the preview added to the domain Storefront: present(), in_cart(), replace_options(),
and prune()/cart() that no longer collect every option (same results as before)."""

from __future__ import annotations

import copy

from desktop.domain.storefront import Storefront

from .conftest import controller


def test_present_follows_removal_of_an_option_or_its_group() -> None:
    cfg = controller()
    storefront = Storefront(cfg)
    grip, buttons = cfg.layers
    red = grip.children[1]
    assert storefront.present(red)
    assert not storefront.present(grip)  # a group is not an option
    grip.children.remove(red)  # as Document.remove_layer leaves it: parent still set
    assert not storefront.present(red)
    cfg.layers.remove(buttons)
    assert not storefront.present(buttons.children[0])


def test_prune_and_cart_drop_removed_options() -> None:
    cfg = controller()
    storefront = Storefront(cfg)
    storefront.select_defaults()
    blue = cfg.layers[1].children[1]
    storefront.select(blue)
    assert storefront.add_to_cart() == []
    assert storefront.in_cart(blue)
    cfg.layers[1].children.remove(blue)
    assert storefront.prune() == {blue}
    line = storefront.cart().lines[0]
    assert [item.option.name for item in line.items] == ["Metallic Yellow"]
    assert storefront.in_cart(blue)  # the line still remembers it until replaced


def test_replace_options_carries_the_simulation_over() -> None:
    cfg = controller()
    storefront = Storefront(cfg)
    storefront.select_defaults()
    yellow = cfg.layers[0].children[0]
    assert storefront.add_to_cart(2) == []
    storefront.checkout()
    assert storefront.add_to_cart() == []
    copy_of_yellow = copy.copy(yellow)
    cfg.layers[0].children[0] = copy_of_yellow
    storefront.replace_options({yellow: copy_of_yellow})
    assert copy_of_yellow in storefront.selection
    assert storefront.in_cart(copy_of_yellow)
    assert storefront.quantity_left(copy_of_yellow) == 3
    assert storefront.cart().lines[0].items[0].option is copy_of_yellow
