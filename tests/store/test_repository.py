"""Repository writes: cascades, sibling positions, SKU uniqueness, one transaction per write."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import Session

from desktop.domain.fields import LayerField
from desktop.domain.model import Configurator, Layer
from desktop.store import repository
from desktop.store.database import open_target
from desktop.store.repository import StoreError
from tests.builders import grips, group, option, stored_id


def counts(session: Session) -> tuple[int, int]:
    configurators = session.execute(text("SELECT count(*) FROM configurator")).scalar_one()
    layers = session.execute(text("SELECT count(*) FROM layer")).scalar_one()
    return configurators, layers


def positions(session: Session, parent_id: int | None) -> list[tuple[str, int]]:
    where = "parent_id IS NULL" if parent_id is None else f"parent_id = {parent_id}"
    rows = session.execute(
        text(f"SELECT name, position FROM layer WHERE {where} ORDER BY position")
    )
    return [(r.name, r.position) for r in rows]


def names(layers: list[Layer]) -> list[str]:
    return [layer.name for layer in layers]


def shape(cfg: Configurator) -> list[tuple[str, str, int | None, str]]:
    return [(n.path, n.type.value, n.stock.quantity, n.stock.sku) for n in cfg.walk()]


def test_insert_and_load_keep_the_tree_and_fill_in_ids(session: Session) -> None:
    cfg = grips()
    cid = repository.insert_configurator(session, cfg)
    assert cfg.id == cid and all(layer.id is not None for layer in cfg.walk())
    loaded = repository.load_configurator(session, cid)
    assert shape(loaded) == shape(cfg)
    assert loaded.layers[0].children[1].parent is loaded.layers[0]


def test_duplicate_copies_the_whole_tree_with_new_ids(session: Session) -> None:
    cid = repository.insert_configurator(session, grips())
    copy_id = repository.duplicate_configurator(session, cid, "Copy")
    original = repository.load_configurator(session, cid)
    copy = repository.load_configurator(session, copy_id)
    assert shape(copy) == shape(original)
    assert {n.id for n in copy.walk()}.isdisjoint({n.id for n in original.walk()})
    with pytest.raises(StoreError, match="already exists"):
        repository.duplicate_configurator(session, cid, "Copy")


def _stored(cfg: Configurator) -> list[tuple[object, ...]]:
    """Every stored field of every layer, with its parent by position, not by id."""
    return [
        (n.path, n.row, n.type, n.required, n.multiple, n.price, n.sale_price, n.image,
         n.active_on_load, n.hidden, n.stock, n.version)
        for n in cfg.walk()
    ]  # fmt: skip


def test_duplicate_copies_every_field_with_ids_never_used(db_target: object) -> None:
    """The copy is made inside the database; on either engine its layers get ids no layer
    ever had (not even a deleted one) and keep every value and its place in the tree."""
    cfg = grips()
    cfg.layers.append(
        group("Case", group("Front", option("Matte", sale="1.00", price="2.00"), sub=True))
    )
    cfg.layers[0].children[0].hidden = True
    cfg.layers[0].children[1].image = "images/red.png"
    cfg.layers[0].children[2].stock.low_amount = 4
    db = open_target(db_target)  # type: ignore[arg-type]
    try:
        with db.session() as session:
            cid = repository.insert_configurator(session, cfg)
            gone = repository.insert_layer(session, cid, None, 2, group("Gone"))
            repository.delete_layer(session, gone)
            copy_id = repository.duplicate_configurator(session, cid, "Copy")
            original = repository.load_configurator(session, cid)
            copy = repository.load_configurator(session, copy_id)
            later = repository.insert_layer(session, cid, None, 0, group("Later"))
    finally:
        db.close()
    assert _stored(copy) == _stored(original)
    assert copy.layers[1].children[0].children[0].parent is copy.layers[1].children[0]
    copy_ids = {stored_id(n) for n in copy.walk()}
    assert min(copy_ids) > gone and later > max(copy_ids)


def test_deleting_a_configurator_deletes_its_layers(session: Session) -> None:
    cid = repository.insert_configurator(session, grips())
    repository.set_last_configurator(session, cid)
    repository.delete_configurator(session, cid)
    assert counts(session) == (0, 0)
    assert repository.last_configurator(session) is None


def test_deleting_a_layer_deletes_its_subtree_and_leaves_its_siblings_alone(
    session: Session,
) -> None:
    cfg = grips()
    extras = group("Extras", group("Paddles", option("Upper"), option("Lower"), sub=True))
    cfg.layers.append(extras)
    cid = repository.insert_configurator(session, cfg)
    grip = cfg.layers[0]
    repository.delete_layer(session, grip.children[0].id)  # type: ignore[arg-type]
    # The gap stays: no sibling row is written, and an undo puts the layer back into it.
    assert positions(session, grip.id) == [("Metallic Red", 1), ("Metallic Purple", 2)]
    repository.delete_layer(session, extras.id)  # type: ignore[arg-type]
    assert names(repository.load_configurator(session, cid).layers) == ["Grip Color"]
    assert counts(session) == (1, 3)


def test_a_layer_put_back_at_its_row_takes_its_gap_without_moving_a_sibling(
    session: Session,
) -> None:
    cfg = grips()
    repository.insert_configurator(session, cfg)
    grip = cfg.layers[0]
    red = grip.children[1]
    repository.delete_layer(session, red.id)  # type: ignore[arg-type]
    versions = session.execute(text("SELECT name, position, version FROM layer")).all()
    repository.insert_layer(session, cfg.id, grip.id, 1, red, keep_ids=True)  # type: ignore[arg-type]
    assert positions(session, grip.id) == [
        ("Metallic Yellow", 0),
        ("Metallic Red", 1),
        ("Metallic Purple", 2),
    ]
    after = session.execute(text(f"SELECT name, position, version FROM layer WHERE id != {red.id}"))
    assert sorted(after.all()) == sorted(versions)


def test_inserts_where_no_gap_is_left_move_the_siblings_after_them(session: Session) -> None:
    cfg = grips()
    repository.insert_configurator(session, cfg)
    grip = cfg.layers[0]
    for row, name in [(0, "First"), (2, "Middle"), (None, "Last"), (99, "Past the end")]:
        repository.insert_layer(session, cfg.id, grip.id, row, option(name))  # type: ignore[arg-type]
    stored = positions(session, grip.id)
    assert [name for name, _ in stored] == [
        "First",
        "Metallic Yellow",
        "Middle",
        "Metallic Red",
        "Metallic Purple",
        "Last",
        "Past the end",
    ]
    assert len({position for _, position in stored}) == len(stored)
    loaded = repository.load_configurator(session, cfg.id)  # type: ignore[arg-type]
    assert names(loaded.layers[0].children) == [name for name, _ in stored]


def test_moves_and_reorders_keep_the_order_asked_for(session: Session) -> None:
    cfg = grips()
    cfg.layers.append(group("Buttons", option("Black"), option("Chrome")))
    repository.insert_configurator(session, cfg)
    grip, buttons = cfg.layers
    yellow, _, purple = grip.children

    def order(parent_id: int | None) -> list[str]:
        return [name for name, _ in positions(session, parent_id)]

    repository.move_layer(session, purple.id, grip.id, 0)  # type: ignore[arg-type]
    assert order(grip.id) == ["Metallic Purple", "Metallic Yellow", "Metallic Red"]
    repository.move_layer(session, purple.id, grip.id, 2)  # type: ignore[arg-type]
    assert order(grip.id) == ["Metallic Yellow", "Metallic Red", "Metallic Purple"]
    repository.move_layer(session, purple.id, grip.id, 1)  # type: ignore[arg-type]
    assert order(grip.id) == ["Metallic Yellow", "Metallic Purple", "Metallic Red"]
    repository.move_layer(session, yellow.id, buttons.id, 1)  # type: ignore[arg-type]
    assert order(grip.id) == ["Metallic Purple", "Metallic Red"]
    assert order(buttons.id) == ["Black", "Metallic Yellow", "Chrome"]
    repository.move_layer(session, buttons.id, None, 0)  # type: ignore[arg-type]
    assert order(None) == ["Buttons", "Grip Color"]
    for parent_id in (grip.id, buttons.id, None):
        stored = [position for _, position in positions(session, parent_id)]
        assert len(set(stored)) == len(stored)  # no two siblings share a position


def test_moves_that_break_the_tree_are_refused(session: Session) -> None:
    cfg = grips()
    cfg.layers[0].children.append(group("Sub", option("Deep"), sub=True))
    cfg.layers[0].children[-1].parent = cfg.layers[0]
    repository.insert_configurator(session, cfg)
    other = grips()
    other.name = "Other"
    repository.insert_configurator(session, other)
    grip = cfg.layers[0]
    sub = grip.children[-1]
    with pytest.raises(StoreError, match="cannot be placed"):
        repository.move_layer(session, grip.id, sub.id, 0)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="cannot be placed"):
        repository.move_layer(session, grip.children[0].id, None, 0)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="another configurator"):
        repository.move_layer(session, grip.children[0].id, other.layers[0].id, 0)  # type: ignore[arg-type]


def test_skus_are_unique_within_a_configurator(session: Session) -> None:
    cfg = grips()
    repository.insert_configurator(session, cfg)
    other = grips()
    other.name = "Other"
    repository.insert_configurator(session, other)  # the same SKUs in another one are fine
    yellow, red, _ = cfg.layers[0].children
    with pytest.raises(StoreError, match='"Y" is already used by "Metallic Yellow"'):
        repository.update_layer(session, red.id, {LayerField.SKU: "Y"})  # type: ignore[arg-type]
    repository.update_layer(session, red.id, {LayerField.SKU: "  "})  # type: ignore[arg-type]
    repository.update_layer(session, yellow.id, {LayerField.SKU: ""})  # type: ignore[arg-type]
    skus = [n.stock.sku for n in repository.load_configurator(session, cfg.id).options()]  # type: ignore[arg-type]
    assert skus == ["", "", "P"]


def test_a_refused_insert_layer_writes_nothing(session: Session) -> None:
    cfg = grips()
    cid = repository.insert_configurator(session, cfg)
    before = counts(session)
    clash = group("Extras", option("A", sku="NEW"), option("B", sku="P"))
    with pytest.raises(StoreError, match='SKU "P"'):
        repository.insert_layer(session, cid, None, 0, clash)
    twins = group("Extras", option("A", sku="TWIN"), option("B", sku="TWIN"))
    with pytest.raises(StoreError, match="is already the SKU of"):
        repository.insert_layer(session, cid, None, 0, twins)
    assert counts(session) == before
    assert positions(session, None) == [("Grip Color", 0)]


def test_a_taken_sku_is_found_among_many_new_ones(session: Session) -> None:
    """The SKUs of an inserted subtree are looked up a few hundred per query: a clash past
    the first batch is refused too, named, and nothing is written."""
    cid = repository.insert_configurator(session, grips())
    before = counts(session)
    many = group("Extras", *(option(f"O{i}", sku=f"NEW-{i}") for i in range(1200)))
    many.children[1100].stock.sku = "P"
    with pytest.raises(StoreError, match='SKU "P" is already used'):
        repository.insert_layer(session, cid, None, 0, many)
    assert counts(session) == before


def test_a_write_failing_halfway_is_rolled_back_whole(session: Session) -> None:
    """The configurator row is written before the database rejects a layer: both go."""
    first = grips()
    repository.insert_configurator(session, first)
    clash = grips()
    clash.name = "Clash"
    for mine, theirs in zip(clash.walk(), first.walk(), strict=True):
        mine.id = theirs.id  # layer ids already taken: the layer insert fails
    before = counts(session)
    with pytest.raises(StoreError, match="refused"):
        repository.insert_configurator(session, clash, keep_ids=True)
    assert counts(session) == before
    assert [c.name for c in repository.list_configurators(session)] == ["Test"]


def test_insert_configurator_refuses_a_malformed_tree(session: Session) -> None:
    cfg = grips()
    cfg.layers.append(option("Loose"))
    with pytest.raises(StoreError, match="cannot be placed"):
        repository.insert_configurator(session, cfg)
    assert counts(session) == (0, 0)


def test_names_are_unique_and_unique_name_finds_a_free_one(session: Session) -> None:
    repository.insert_configurator(session, grips())
    assert repository.unique_name(session, "Test") == "Test (2)"
    assert repository.unique_name(session, "Fresh") == "Fresh"
    with pytest.raises(StoreError, match="already exists"):
        repository.insert_configurator(session, grips())
    with pytest.raises(StoreError, match="must not be empty"):
        repository.create_configurator(session, "   ")


def test_site_settings_addon_switch(session: Session) -> None:
    assert repository.addon_active(session) is True
    repository.set_addon(session, False)
    assert repository.addon_active(session) is False


def test_sibling_names_stay_distinct_so_option_paths_stay_unique(session: Session) -> None:
    cfg = grips()
    cfg.layers.append(group("Buttons", option("Metallic Red")))
    cfg.layers[1].children[0].parent = cfg.layers[1]
    repository.insert_configurator(session, cfg)
    grip, buttons = cfg.layers
    yellow, red = grip.children[0], grip.children[1]
    before = counts(session)
    with pytest.raises(StoreError, match='another layer in "Grip Color" is already named'):
        repository.update_layer(session, red.id, {LayerField.NAME: " Metallic Yellow "})  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="already named"):
        repository.insert_layer(session, stored_id(cfg), grip.id, None, option("Metallic Red"))
    with pytest.raises(StoreError, match='another layer in "Grip Color"'):
        repository.move_layer(session, stored_id(buttons.children[0]), grip.id, 0)
    with pytest.raises(StoreError, match="at the top level"):
        repository.update_layer(session, buttons.id, {LayerField.NAME: "Grip Color"})  # type: ignore[arg-type]
    assert counts(session) == before
    repository.update_layer(session, yellow.id, {LayerField.NAME: "Metallic Yellow"})  # type: ignore[arg-type]  # its own name is fine
    repository.move_layer(session, stored_id(red), grip.id, 2)  # a reorder is not a clash
    loaded = repository.load_configurator(session, stored_id(cfg))
    assert names(loaded.layers[0].children) == [
        "Metallic Yellow",
        "Metallic Purple",
        "Metallic Red",
    ]
    assert names(loaded.layers[1].children) == ["Metallic Red"]
