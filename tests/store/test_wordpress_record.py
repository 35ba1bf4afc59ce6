"""What a configurator read from WordPress keeps beyond the editor's fields (docs/wordpress.md)
survives the store on both engines, duplicate (fresh uids), and the exchange JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from desktop.domain.php_value import PhpValue
from desktop.store import repository
from desktop.store.corrupt import CorruptDataError
from desktop.store.database import open_target
from desktop.store.exchange import ExchangeError, from_dict, loads, to_dict
from desktop.store.wordpress_json import php_from_json, php_to_json
from tests.wordpress_records import exact, php_values, records, wp_configurator


@given(php_values)
@settings(max_examples=300)
def test_a_php_value_comes_back_from_json_exactly(value: PhpValue) -> None:
    text = json.dumps(php_to_json(value), allow_nan=False)
    assert exact(php_from_json(json.loads(text))) == exact(value)


def test_int_and_string_keys_and_odd_floats_stay_apart() -> None:
    value: PhpValue = {1: "int", "1x": "str", "f": float("-inf"), "z": -0.0}
    data = php_to_json(value)
    assert data == {
        "array": [[1, "int"], ["1x", "str"], ["f", {"float": "-INF"}], ["z", {"float": "-0.0"}]]
    }
    assert exact(php_from_json(data)) == exact(value)


def test_the_records_survive_the_database(db_target: object) -> None:
    db = open_target(db_target)  # type: ignore[arg-type]
    try:
        with db.session() as session:
            cfg = wp_configurator()
            expected = records(cfg)
            new_id = repository.insert_configurator(session, cfg)
            assert records(repository.load_configurator(session, new_id)) == expected
    finally:
        db.close()


def test_a_duplicate_keeps_the_records_under_fresh_uids(db_target: object) -> None:
    db = open_target(db_target)  # type: ignore[arg-type]
    try:
        with db.session() as session:
            first = repository.insert_configurator(session, wp_configurator())
            copy_id = repository.duplicate_configurator(session, first, "Chair copy")
            source = repository.load_configurator(session, first)
            copy = repository.load_configurator(session, copy_id)
    finally:
        db.close()
    old = [layer.wordpress for layer in source.walk()]
    new = [layer.wordpress for layer in copy.walk()]
    assert all(record is not None for record in old + new)
    old_uids = {r.uid for r in old if r is not None}
    new_uids = [r.uid for r in new if r is not None]
    assert len(set(new_uids)) == len(new_uids) and not old_uids & set(new_uids)
    for before, after in zip(old, new, strict=True):
        assert before is not None and after is not None
        assert after.read == before.read
        assert [k for k in after.node] == [k for k in before.node]  # the uid in its place
        assert exact({k: v for k, v in after.node.items() if k != "uid"}) == exact(
            {k: v for k, v in before.node.items() if k != "uid"}
        )
    assert copy.wordpress is not None and source.wordpress is not None
    assert copy.wordpress.post_id is None  # a new post on the site
    assert copy.wordpress.meta == source.wordpress.meta


def test_the_records_survive_the_exchange_json() -> None:
    cfg = wp_configurator()
    text = json.dumps(to_dict(cfg))
    assert records(from_dict(loads(text))) == records(cfg)


def test_a_file_without_records_imports_as_before() -> None:
    data = to_dict(wp_configurator())
    del data["configurator"]["wordpress"]
    for layer in data["configurator"]["layers"]:
        del layer["wordpress"]
        for child in layer["children"]:
            del child["wordpress"]
    cfg = from_dict(data)
    assert all(layer.wordpress is None for layer in cfg.walk()) and cfg.wordpress is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["configurator"]["layers"][0]["wordpress"]["node"].update(array=[[1.5, 2]]),
            "configurator.layers[0].wordpress: node[0]: a key is an integer or a string",
        ),
        (
            lambda d: d["configurator"]["layers"][0]["wordpress"].update(node=[1]),
            "configurator.layers[0].wordpress: node: expected null, true, false, an integer, a "
            'string, {"float": "…"} or {"array": [...]}',
        ),
        (
            lambda d: d["configurator"]["wordpress"].update(components="xml"),
            'configurator.wordpress: components: expected "serialized" or "json"',
        ),
        (
            lambda d: d["configurator"]["layers"][0]["children"][0]["wordpress"]["read"].update(
                price="1,5"
            ),
            "configurator.layers[0].children[0].wordpress: read.price: "
            '"1,5" uses a comma for decimals; write a dot, such as 12.50',
        ),
    ],
)
def test_a_broken_record_is_refused_with_its_path(change: object, message: str) -> None:
    data = json.loads(json.dumps(to_dict(wp_configurator())))
    change(data)  # type: ignore[operator]
    with pytest.raises(ExchangeError) as caught:
        from_dict(data)
    assert str(caught.value) == message


def test_a_broken_column_is_named_as_corrupt(tmp_path: Path) -> None:
    db = open_target(tmp_path / "shop.db")
    try:
        with db.session() as session:
            new_id = repository.insert_configurator(session, wp_configurator())
            session.connection().exec_driver_sql(
                "UPDATE layer SET wordpress = '{\"node\": 1}' WHERE name = 'Red'"
            )
            with pytest.raises(CorruptDataError) as caught:
                repository.load_configurator(session, new_id)
    finally:
        db.close()
    assert "has an invalid WordPress record" in str(caught.value)
