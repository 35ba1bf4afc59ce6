"""The change set views read, and the tree edits the document makes on the domain Configurator
(docs/architecture.md, "The change set")."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.domain import conflicts
from desktop.domain.change_set import ChangeSet, Inserted, Moved, Removed, Reset
from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import Configurator, Layer
from tests.builders import group, option


def shirt() -> Configurator:
    return Configurator(
        name="Shirt",
        layers=[
            group("Colors", option("Red"), option("Blue"), option("Green")),
            group("Sizes", option("S"), option("M")),
        ],
    )


def names(layers: list[Layer]) -> list[str]:
    return [layer.name for layer in layers]


def test_an_empty_change_set_names_nothing() -> None:
    empty = ChangeSet()
    assert not empty
    assert empty.fields_of(None) == frozenset()
    assert empty.reset is None and empty.structure is None and not empty.stock_context


def test_it_names_each_layers_fields_by_identity_without_copying_them() -> None:
    cfg = shirt()
    red, blue = cfg.layers[0].children[:2]
    changes = {red: frozenset({LayerField.STOCK_QUANTITY})}
    change = ChangeSet(layers=changes)
    assert change
    assert change.layers is changes  # a 100,000-option edit hands its map over, once
    assert change.fields_of(red) == {LayerField.STOCK_QUANTITY}
    assert change.fields_of(blue) == frozenset()
    twin = red.clone()  # the same id, another object: not the layer the views hold
    assert change.fields_of(twin) == frozenset()


def test_it_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ChangeSet().addon = True  # type: ignore[misc]


def test_the_stock_context_is_the_addon_or_a_setting_the_stock_rules_read() -> None:
    assert ChangeSet(addon=True).stock_context
    assert ChangeSet(settings=frozenset({ConfiguratorField.BACKORDERS})).stock_context
    assert ChangeSet(settings=frozenset({ConfiguratorField.STOCK_DISPLAY})).stock_context
    assert not ChangeSet(settings=frozenset({ConfiguratorField.CURRENCY})).stock_context
    assert not ChangeSet(configurators=True).stock_context


def test_tree_changes_are_a_reset_or_one_structural_edit() -> None:
    cfg = shirt()
    layer = cfg.layers[0]
    assert ChangeSet(tree=Reset(cfg)).reset == Reset(cfg)
    assert ChangeSet(tree=Reset(None)).structure is None
    for edit in (Inserted(layer), Removed(layer, None, 0), Moved(layer, None, 1)):
        change = ChangeSet(tree=edit)
        assert change.structure is edit and change.reset is None and change


def test_insert_clamps_the_row_and_links_the_parent() -> None:
    cfg = shirt()
    colors = cfg.layers[0]
    assert cfg.insertion_row(colors, 99) == 3
    assert cfg.insertion_row(colors, -4) == 0
    white = option("White")
    cfg.insert(colors, 99, white)
    assert names(colors.children) == ["Red", "Blue", "Green", "White"]
    assert white.parent is colors
    top = group("Fit")
    cfg.insert(None, 1, top)
    assert names(cfg.layers) == ["Colors", "Fit", "Sizes"] and top.parent is None


def test_remove_says_where_the_layer_was() -> None:
    cfg = shirt()
    colors = cfg.layers[0]
    blue = colors.children[1]
    assert cfg.remove(blue) == (colors, 1)
    assert names(colors.children) == ["Red", "Green"]
    assert cfg.remove(colors) == (None, 0)
    assert names(cfg.layers) == ["Sizes"]


def test_move_counts_rows_without_the_layer_and_says_where_it_was() -> None:
    cfg = shirt()
    colors, sizes = cfg.layers
    red = colors.children[0]
    # Among its own siblings, row 2 is the last place once it has left its own.
    assert cfg.move_row(red, colors, 9) == 2
    assert cfg.move(red, colors, 2) == (colors, 0)
    assert names(colors.children) == ["Blue", "Green", "Red"]
    # Into another group: rows count that group's children as they are.
    assert cfg.move_row(red, sizes, 9) == 2
    assert cfg.move(red, sizes, 1) == (colors, 2)
    assert names(sizes.children) == ["S", "Red", "M"] and red.parent is sizes
    assert names(colors.children) == ["Blue", "Green"]


def test_every_field_has_words_for_a_refusal_of_an_edit_changed_elsewhere() -> None:
    """A field without them would fail the refusal itself (a KeyError instead of the words)."""
    for field in [*LayerField, *ConfiguratorField]:
        assert conflicts.label(field)
    fields = [LayerField.BACKORDERS]
    said = conflicts.changed_elsewhere(
        "Red", dict.fromkeys(fields, "yes"), dict.fromkeys(fields), dict.fromkeys(fields, "no")
    )
    assert said == (  # in the window's words for the choices (test_conflict_backorder_words)
        '"Red" backorders was changed elsewhere to "Do not allow"; your change to "Allow" was not '
        "saved"
    )
