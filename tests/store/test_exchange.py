"""The exchange format: round trip, all-or-nothing import, images (its refusals:
test_exchange_refusals.py)."""

from __future__ import annotations

import copy
import gc
import json
import os
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session

from desktop.domain.model import StockStatus
from desktop.store import repository
from desktop.store.database import Database, open_database
from desktop.store.demo import demo_path
from desktop.store.exchange import (
    ExchangeError,
    export_configurator,
    export_file,
    from_dict,
    import_file,
    loads,
    read_json,
    to_dict,
)
from desktop.store.media import media_dir, resolve_image
from desktop.store.repository import StoreError
from tests.builders import layers_held

from .exchange_paths import DEMO, GRIP, YELLOW, at, setter


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "shop.db")
    yield database
    database.close()


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    with db.session() as s:
        yield s


def without_name(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    del data["configurator"]["name"]
    return data


def rows(session: Session) -> tuple[int, int]:
    return (
        session.execute(text("SELECT count(*) FROM configurator")).scalar_one(),
        session.execute(text("SELECT count(*) FROM layer")).scalar_one(),
    )


def files_under(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def write_exchange(folder: Path, data: dict[str, Any], images: bool = True) -> Path:
    """An exchange file in its own folder, with the demo's images beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    if images:
        shutil.copytree(demo_path().parent / "images", folder / "images", dirs_exist_ok=True)
    path = folder / "exchange.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- round trip -----------------------------------------------------------------------------
def test_export_then_import_gives_an_equal_configurator(session: Session, tmp_path: Path) -> None:
    first = import_file(session, demo_path())
    exported = export_configurator(session, first)
    assert exported == DEMO
    second = import_file(session, write_exchange(tmp_path / "out", exported))
    assert repository.find_configurator(session, "Custom Game Controller (2)") == second
    again = export_configurator(session, second)
    assert without_name(again) == without_name(exported)


def test_from_dict_and_to_dict_are_inverse_on_the_demo() -> None:
    assert to_dict(from_dict(DEMO)) == DEMO


def test_optional_keys_get_their_defaults() -> None:
    minimal = {
        "format": "configurator-editor/1",
        "configurator": {
            "name": "Minimal",
            "layers": [
                {"name": "G", "type": "group", "children": [{"name": "O", "type": "image"}]}
            ],
        },
    }
    full = to_dict(from_dict(minimal))["configurator"]
    assert full["product"] == {"name": "", "woocommerce_id": None}
    assert (full["base_price"], full["currency"], full["settings"]) == (
        "0.00",
        "$",
        {
            "backorders": "no",
            "low_stock_threshold": 2,
            "stock_display": "never",
            # The order settings (docs/orders.md): WooCommerce's defaults.
            "payment": "paid",
            "hold_minutes": 60,
            "notify_no_stock_at": 0,
        },
    )
    # The price format (docs/price-format.md): WooCommerce's default, $1,234.50.
    assert full["price_format"] == {
        "currency_position": "left",
        "thousand_separator": ",",
        "decimal_separator": ".",
        "decimals": 2,
    }
    group = full["layers"][0]
    assert (group["required"], group["multiple"], group["hidden"]) == (False, False, False)
    assert group["children"][0] == {
        "name": "O",
        "type": "image",
        "price": "0.00",
        "sale_price": None,
        "image": "",
        "active_on_load": False,
        "hidden": False,
        "stock": {
            "manage": False,
            "sku": "",
            "quantity": None,
            "status": "in_stock",
            "low_stock_amount": None,
        },
    }


# --- all or nothing --------------------------------------------------------------------------
def test_a_refused_import_writes_nothing(db: Database, session: Session, tmp_path: Path) -> None:
    import_file(session, demo_path())
    media = media_dir(db.path)  # type: ignore[arg-type]
    before = (rows(session), files_under(media))
    bad = copy.deepcopy(DEMO)
    at(bad, "configurator.layers[4].children[0].children[1].stock")["quantity"] = "many"
    with pytest.raises(ExchangeError, match=r"children\[1\].stock.quantity: expected an integer"):
        import_file(session, write_exchange(tmp_path / "bad", bad))
    assert (rows(session), files_under(media)) == before


def test_an_import_refused_by_the_database_removes_the_images_it_copied(
    db: Database, session: Session, tmp_path: Path
) -> None:
    repository.create_configurator(session, "Taken")
    media = media_dir(db.path)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="already exists"):
        import_file(session, write_exchange(tmp_path / "in", DEMO), name="Taken")
    assert rows(session) == (1, 0)
    assert files_under(media) == {}


def test_an_explicit_name_replaces_the_files_name(session: Session) -> None:
    cid = import_file(session, demo_path(), name="Renamed")
    assert repository.load_configurator(session, cid).name == "Renamed"
    with pytest.raises(ExchangeError, match="must not be empty"):
        import_file(session, demo_path(), name=" ")


# --- images ----------------------------------------------------------------------------------
def test_import_copies_images_into_the_media_folder(db: Database, session: Session) -> None:
    cid = import_file(session, demo_path())
    assert db.path is not None
    media = media_dir(db.path)
    assert media == db.path.parent / "shop-media"
    demo_images = files_under(demo_path().parent / "images")
    assert files_under(media / "images") == demo_images
    for layer in repository.load_configurator(session, cid).options():
        found = resolve_image(db.path, layer.image)
        assert found is not None and found.read_bytes() == demo_images[layer.image[7:]]


def test_import_never_overwrites_a_different_image(
    db: Database, session: Session, tmp_path: Path
) -> None:
    assert db.path is not None
    theirs = media_dir(db.path) / "images" / "grip-yellow.png"
    theirs.parent.mkdir(parents=True)
    theirs.write_bytes(b"another picture")
    same = media_dir(db.path) / "images" / "grip-red.png"
    shutil.copyfile(demo_path().parent / "images" / "grip-red.png", same)
    cid = import_file(session, demo_path())
    cfg = repository.load_configurator(session, cid)
    images = {layer.name: layer.image for layer in cfg.options()}
    assert images["Metallic Yellow"] == "images/grip-yellow-2.png"
    assert images["Metallic Red"] == "images/grip-red.png"  # identical: reused
    assert theirs.read_bytes() == b"another picture"
    copied = resolve_image(db.path, "images/grip-yellow-2.png")
    assert copied is not None
    assert copied.read_bytes() == (demo_path().parent / "images" / "grip-yellow.png").read_bytes()


def test_export_to_a_file_copies_the_images_beside_it(session: Session, tmp_path: Path) -> None:
    cid = import_file(session, demo_path())
    target = tmp_path / "export" / "controller.json"
    (target.parent / "images").mkdir(parents=True)
    (target.parent / "images" / "body.png").write_bytes(b"someone else's body")
    export_file(session, cid, target)
    data = read_json(target)
    body = at(data, "configurator.layers[0].children[0]")["image"]
    assert body == "images/body-2.png"
    assert (target.parent / "images" / "body.png").read_bytes() == b"someone else's body"
    exported = files_under(target.parent / "images")
    assert (
        exported["grip-purple.png"] == (demo_path().parent / "images/grip-purple.png").read_bytes()
    )
    assert len(exported) == 1 + len(files_under(demo_path().parent / "images"))


def test_an_export_that_fails_leaves_no_images_behind(session: Session, tmp_path: Path) -> None:
    """All or nothing, as an import: the file cannot be written, so the copies go again."""
    cid = import_file(session, demo_path())
    target = tmp_path / "export" / "controller.json"
    target.mkdir(parents=True)  # a folder where the file must go
    (target.parent / "images").mkdir()
    (target.parent / "images" / "body.png").write_bytes(b"someone else's body")
    with pytest.raises(IsADirectoryError):
        export_file(session, cid, target)
    assert files_under(target.parent) == {"images/body.png": b"someone else's body"}


def test_resolve_image_only_finds_files_inside_the_media_folder(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.db"
    (tmp_path / "secret.png").write_bytes(b"x")
    assert resolve_image(db_path, "images/none.png") is None
    assert resolve_image(db_path, "../secret.png") is None
    assert resolve_image(None, "images/body.png") is None
    assert resolve_image(db_path, "") is None


def test_names_and_skus_are_trimmed_as_the_editor_trims_them() -> None:
    """The editor stores names and SKUs without surrounding spaces; an import must too, or
    " Red " cannot be found as "Grip Color/Red" and " R-1" and "R-1" could both exist."""
    data = copy.deepcopy(DEMO)
    at(data, "configurator")["name"] = "  Padded  "
    at(data, YELLOW)["name"] = " Metallic Yellow "
    at(data, f"{YELLOW}.stock")["sku"] = " CASE-YELLOW-METALLIC "
    cfg = from_dict(data)
    yellow = cfg.layers[1].children[0]
    assert (cfg.name, yellow.name, yellow.stock.sku) == (
        "Padded",
        "Metallic Yellow",
        "CASE-YELLOW-METALLIC",
    )
    at(data, f"{GRIP}.children[1].stock")["sku"] = "CASE-YELLOW-METALLIC"
    with pytest.raises(ExchangeError, match="is already the SKU of"):
        from_dict(data)


def test_null_means_none_wherever_a_value_is_optional() -> None:
    data = copy.deepcopy(DEMO)
    yellow = data["configurator"]["layers"][1]["children"][0]
    yellow["stock"]["sku"] = None
    yellow["image"] = None
    yellow["stock"]["quantity"] = None
    yellow["sale_price"] = None
    data["configurator"]["product"]["woocommerce_id"] = None
    cfg = from_dict(data)
    option = cfg.layers[1].children[0]
    assert (option.stock.sku, option.image, option.stock.quantity) == ("", "", None)
    assert option.sale_price is None and cfg.woocommerce_id is None


@pytest.mark.parametrize(
    ("where", "value", "problem"),
    [
        ("configurator.currency", "", "configurator.currency: must not be empty"),
        (
            "configurator.product.woocommerce_id",
            2**63,
            "configurator.product.woocommerce_id: expected a positive integer",
        ),
        (f"{YELLOW}.name", "a\nb", f"{YELLOW}.name: must not contain control characters"),
        (f"{YELLOW}.stock.sku", "\ud800", f"{YELLOW}.stock.sku: contains a character"),
        (f"{YELLOW}.name", "x" * 201, f"{YELLOW}.name: is 201 characters long; at most 200"),
        (
            f"{YELLOW}.image",
            "images/" + "x" * 250 + ".png",
            f"{YELLOW}.image: is 261 characters long; at most 240",
        ),
        (
            "configurator.layers[1].children[1].sale_price",
            "3.00",
            "configurator.layers[1].children[1].sale_price: must be below the price (3.00)",
        ),
    ],
)
def test_the_field_rules_refuse_what_the_store_refuses(
    where: str, value: Any, problem: str
) -> None:
    data = copy.deepcopy(DEMO)
    setter(where, value)(data)
    with pytest.raises(ExchangeError) as caught:
        from_dict(data)
    assert str(caught.value).startswith(problem)


def test_an_integer_too_long_to_read_is_refused_as_invalid_json() -> None:
    with pytest.raises(ExchangeError, match=r"^invalid JSON"):
        loads('{"format": "configurator-editor/1", "n": ' + "9" * 5000 + "}")


def test_a_device_or_pipe_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(ExchangeError, match="not a regular file"):
        read_json(fifo)
    with pytest.raises(ExchangeError, match="not a regular file"):
        read_json(Path("/dev/zero"))


def test_an_import_runs_without_the_cycle_collector_from_read_to_insert(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the reading and the insert the collector would walk everything the process
    holds (in a window, the configurator it shows too); it is back on afterwards."""
    seen: list[bool] = []
    insert = repository.insert_configurator

    def noted(*args: Any, **kwargs: Any) -> int:
        seen.append(gc.isenabled())
        return insert(*args, **kwargs)

    monkeypatch.setattr(repository, "insert_configurator", noted)
    assert gc.isenabled()
    import_file(session, demo_path())
    assert seen == [False] and gc.isenabled()


def test_an_imported_tree_is_freed_as_the_import_ends(
    session: Session, tmp_path: Path, collector_off: None
) -> None:
    """The layers read from the file hold each other in cycles: left to the collector, a
    100,000-option import ended with a walk over all of them (a fifth of a second)."""
    path = write_exchange(tmp_path / "in", DEMO)
    gc.collect()
    before = layers_held()
    import_file(session, path)
    assert layers_held() == before


def test_of_two_bad_fields_of_an_option_the_first_is_named() -> None:
    """The sale price is checked against the price as the option is read, in field order."""
    data = copy.deepcopy(DEMO)
    red = data["configurator"]["layers"][1]["children"][1]
    red["sale_price"] = "99.00"
    red["stock"]["quantity"] = "x"
    with pytest.raises(ExchangeError, match=r"children\[1\]\.sale_price: must be below the price"):
        from_dict(data)
    del red["sale_price"]
    with pytest.raises(ExchangeError, match=r"children\[1\]\.stock\.quantity: expected an integer"):
        from_dict(data)


def test_an_exported_tree_is_freed_as_the_export_ends(
    session: Session, tmp_path: Path, collector_off: None
) -> None:
    configurator_id = import_file(session, demo_path())
    gc.collect()
    before = layers_held()
    export_configurator(session, configurator_id)
    export_file(session, configurator_id, tmp_path / "out" / "exchange.json")
    assert layers_held() == before


def test_a_repeated_text_is_checked_by_its_rule_every_time() -> None:
    """Prices, statuses and image paths repeat across a large file: each distinct text is
    checked once per process, and a refused one is refused wherever it comes again."""
    data = copy.deepcopy(DEMO)
    grip = data["configurator"]["layers"][1]["children"]
    for option in grip:
        option["price"] = "1.234"
    for _ in range(2):
        with pytest.raises(ExchangeError, match=r"children\[0\]\.price: .* more than two decimals"):
            from_dict(data)
    for option in grip:
        option["price"] = "1.50"
        option["stock"]["status"] = "out_of_stock"
    assert {(o.price, o.stock.status) for o in from_dict(data).layers[1].children} == {
        (Decimal("1.50"), StockStatus.OUT_OF_STOCK)
    }
