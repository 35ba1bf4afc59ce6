"""The storefront report's `low` and stock texts (docs/stock-rules.md "Low stock",
docs/command-line.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.fields import ConfiguratorField
from desktop.store import repository
from desktop.store.demo import open_store

DEMO = "Custom Game Controller"


def options(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    assert main(["--db", str(db), "storefront", DEMO, "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return {o["path"]: o for o in json.loads(out)["options"]}


@pytest.mark.parametrize(
    ("display", "red", "yellow"),
    [
        ("never", "", ""),
        ("low", "Only 2 left in stock (can be backordered)", ""),
        ("always", "2 in stock (can be backordered)", "5 in stock (can be backordered)"),
    ],
)
def test_the_stock_display_decides_the_notices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], display: str, red: str, yellow: str
) -> None:
    db = tmp_path / "shop.db"
    store = open_store(db)
    try:
        with store.session() as session:
            cfg_id = repository.find_configurator(session, DEMO)
            assert cfg_id is not None
            repository.update_configurator(
                session, cfg_id, {ConfiguratorField.STOCK_DISPLAY: display}
            )
    finally:
        store.close()
    found = options(db, capsys)
    assert found["Grip Color/Metallic Red"]["low"] is True  # 2 left, default threshold 2
    assert found["Grip Color/Metallic Yellow"]["low"] is False
    assert found["Grip Color/Metallic Red"]["notice"] == red
    assert found["Grip Color/Metallic Yellow"]["notice"] == yellow
    assert found["Grip Color/Metallic Purple"]["notice"] == "Available on Backorder"
