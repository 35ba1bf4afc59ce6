"""The command line with a configurator's stored shop settings: its text output in the shop's
price format (docs/price-format.md), JSON in plain decimals, and the simulation starting from
the stored order settings, which a scenario's keys still override (docs/orders.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.domain.fields import ConfiguratorField as F
from desktop.store import repository
from desktop.store.demo import open_store

DEMO = "Custom Game Controller"
PURPLE = "Grip Color/Metallic Purple"
NBSP = "\u00a0"


def _stored(db: Path, changes: dict[F, object]) -> None:
    store = open_store(db)
    try:
        with store.session() as session:
            cfg_id = repository.find_configurator(session, DEMO)
            assert cfg_id is not None
            repository.update_configurator(session, cfg_id, changes)
    finally:
        store.close()


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


GERMAN: dict[F, object] = {
    F.CURRENCY: "€",
    F.CURRENCY_POSITION: "right_space",
    F.THOUSAND_SEPARATOR: ".",
    F.DECIMAL_SEPARATOR: ",",
}


def test_storefront_text_is_in_the_shops_format_and_json_stays_plain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.db"
    _stored(db, GERMAN)
    buy = ["--db", str(db), "storefront", DEMO, "--select", PURPLE, "--qty", "20", "--checkout"]
    code, text = _run(capsys, *buy)
    assert code == 0
    assert f"Unit price: 54,00{NBSP}€" in text
    assert f"quantity 20, 1.080,00{NBSP}€" in text
    assert f"Subtotal: 1.080,00{NBSP}€" in text
    code, out = _run(capsys, *buy, "--json")
    report = json.loads(out)
    assert (report["unit_price"], report["cart"]["subtotal"]) == ("54.00", "0.00")
    assert report["order"]["subtotal"] == "1080.00"


def test_storefront_starts_from_the_stored_order_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.db"
    buy = ["--db", str(db), "storefront", DEMO, "--select", PURPLE, "--qty", "2", "--checkout"]
    _stored(db, {F.NOTIFY_NO_STOCK_AT: 0})
    paid: dict[str, Any] = json.loads(_run(capsys, *buy, "--json")[1])
    assert paid["stock_after"][PURPLE] == -2  # paid at checkout: reduced at once
    assert [n["kind"] for n in paid["notifications"]] == ["no_stock", "backorder"]
    _stored(db, {F.PAYMENT: "pending"})
    pending: dict[str, Any] = json.loads(_run(capsys, *buy, "--json")[1])
    assert pending["stock_after"][PURPLE] == 0  # waits for payment: nothing reduced yet
    assert pending["notifications"] == []


def _scenario(tmp_path: Path, setup: dict[str, Any]) -> Path:
    path = tmp_path / "pending.json"
    steps = [
        {"select": PURPLE},
        {"add_to_cart": True},
        {"checkout": True},
        {"expect": {"order_status": {"1": "pending"}, "stock": {PURPLE: 0}}},
        {"wait": 30},
        {"expect": {"order_status": {"1": "cancelled"}}},
    ]
    data = {
        "format": "configurator-editor-scenario/1",
        "name": "Stored pending payment, 30 minutes' hold",
        "configurator": DEMO,
        "setup": setup,
        "steps": steps,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_scenario_starts_from_the_stored_settings_and_its_keys_override_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.db"
    _stored(db, {F.PAYMENT: "pending", F.HOLD_MINUTES: 30})
    code, out = _run(capsys, "--db", str(db), "scenario", "run", str(_scenario(tmp_path, {})))
    assert code == 0, out
    assert out.splitlines()[-1] == "1 passed, 0 failed"
    # The scenario's own key wins over the stored value: a 60-minute hold outlives the wait.
    longer = _scenario(tmp_path, {"hold_minutes": 60})
    code, out = _run(capsys, "--db", str(db), "scenario", "run", str(longer))
    assert code == 1
    assert 'step 6: order_status["1"]: expected "cancelled", got "pending"' in out


def test_an_exchange_file_carries_the_settings_through_export_and_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, exported = tmp_path / "shop.db", tmp_path / "controller.json"
    _stored(db, {**GERMAN, F.PRICE_DECIMALS: 0, F.PAYMENT: "pending", F.HOLD_MINUTES: 5})
    assert _run(capsys, "--db", str(db), "export", DEMO, "-o", str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))["configurator"]
    assert data["price_format"] == {
        "currency_position": "right_space",
        "thousand_separator": ".",
        "decimal_separator": ",",
        "decimals": 0,
    }
    assert (data["settings"]["payment"], data["settings"]["hold_minutes"]) == ("pending", 5)
    other = tmp_path / "other.db"
    code, out = _run(capsys, "--db", str(other), "import", str(exported))
    assert code == 0
    store = open_store(other)
    try:
        with store.session() as session:
            cfg = repository.load_configurator(session, int(out.split()[0]))
    finally:
        store.close()
    assert cfg.price_format.format(cfg.base_price * 100) == f"4.900{NBSP}€"
    assert (cfg.payment.value, cfg.hold_minutes) == ("pending", 5)


def test_bad_settings_in_an_import_file_are_refused_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, exported = tmp_path / "shop.db", tmp_path / "controller.json"
    _stored(db, {})
    assert _run(capsys, "--db", str(db), "export", DEMO, "-o", str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["configurator"]["price_format"]["decimal_separator"] = ","
    exported.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--db", str(db), "import", str(exported)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().endswith(
        "configurator.price_format.thousand_separator: must differ from the decimal separator "
        "(both are ',')"
    )
