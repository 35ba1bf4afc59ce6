"""Merging changes made elsewhere into the window's configurator: what a batch of change-log
rows calls for, and exactly what a merge changed (the document signals only that)."""

from __future__ import annotations

from desktop.application.outside_changes import merge_configurator, merge_layer, same_shape, wanted
from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import Backorders, Configurator, Layer, LayerType
from desktop.store.changes import Change, ChangeKind


def _cfg() -> Configurator:
    group = Layer(name="Grip", type=LayerType.GROUP, id=1)
    for i, name in enumerate(["Yellow", "Red"], start=2):
        option = Layer(name=name, type=LayerType.IMAGE, id=i)
        option.parent = group
        group.children.append(option)
    return Configurator(name="C", id=7, layers=[group])


def test_a_batch_asks_for_the_reads_it_needs() -> None:
    single = [Change(1, ChangeKind.LAYER, 7, 2), Change(2, ChangeKind.LAYER, 8, 5)]
    got = wanted(single, open_id=7)
    assert (got.whole, got.site, got.listing, got.layer_ids) == (False, False, False, {2})
    assert wanted([Change(3, ChangeKind.TREE, 7, 2)], open_id=7).whole
    assert not wanted([Change(3, ChangeKind.TREE, 8, 5)], open_id=7).whole
    got = wanted(
        [Change(4, ChangeKind.CONFIGURATOR, 8, None), Change(5, ChangeKind.SITE, None, None)], 7
    )
    assert (got.whole, got.site, got.listing) == (False, True, True)


def test_a_merge_changes_only_what_differs_and_says_what() -> None:
    mine, fresh = _cfg(), _cfg()
    yellow, red = mine.layers[0].children
    kept = yellow.stock
    fresh.backorders = Backorders.YES
    fresh.version = 3
    theirs = fresh.layers[0].children[0]
    theirs.stock.quantity = 9
    theirs.version = 2
    fresh.layers[0].children[1].name = "Ruby"  # at the same version: this window's own echo
    assert same_shape(mine, fresh)
    merged = merge_configurator(mine, fresh)
    assert merged.settings == {ConfiguratorField.BACKORDERS}
    assert merged.layers == {yellow: {LayerField.STOCK_QUANTITY}}
    assert (yellow.stock.quantity, yellow.version, mine.version) == (9, 2, 3)
    assert yellow.stock is kept  # the object the views hold, updated in place
    assert red.name == "Red"
    assert merge_layer(yellow, theirs) == set()  # now the same version: nothing to do


def test_a_layer_added_moved_or_removed_changes_the_shape() -> None:
    mine, fresh = _cfg(), _cfg()
    fresh.layers[0].children.reverse()
    assert not same_shape(mine, fresh)
