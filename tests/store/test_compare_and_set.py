"""Moves, configurator deletes and the add-on switch are compare-and-set on the version the
caller read, on SQLite and PostgreSQL (docs/team-database.md), while writes to other rows never
conflict."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import Configurator
from desktop.store import repository
from desktop.store.demo import open_store
from desktop.store.repository import ConflictError
from tests.builders import stored_id

DEMO = "Custom Game Controller"


@pytest.fixture
def demo(db_target: object) -> Iterator[tuple[Session, Configurator]]:
    db = open_store(db_target)  # type: ignore[arg-type]
    try:
        with db.session() as session:
            cid = repository.find_configurator(session, DEMO)
            assert cid is not None
            yield session, repository.load_configurator(session, cid)
    finally:
        db.close()


def _ids(cfg: Configurator, *paths: str) -> list[int]:
    found = [cfg.find_path(path) for path in paths]
    assert all(layer is not None and layer.id is not None for layer in found)
    return [layer.id for layer in found]  # type: ignore[union-attr,misc]


def test_a_move_is_refused_when_the_layer_changed_since_it_was_read(
    demo: tuple[Session, Configurator],
) -> None:
    session, cfg = demo
    yellow, red = _ids(cfg, "Grip Color/Metallic Yellow", "Grip Color/Metallic Red")
    seen = cfg.find_path("Grip Color/Metallic Yellow").version  # type: ignore[union-attr]
    grip = _ids(cfg, "Grip Color")[0]
    repository.move_layer(session, yellow, grip, 0, expected_version=seen)
    # The move itself is a change of the row: a second move from the same read is stale.
    with pytest.raises(ConflictError):
        repository.move_layer(session, yellow, grip, 2, expected_version=seen)
    # Moving a sibling shifts positions but is another layer: no conflict.
    red_seen = cfg.find_path("Grip Color/Metallic Red").version  # type: ignore[union-attr]
    repository.move_layer(session, red, grip, 0, expected_version=red_seen)
    fresh = repository.load_configurator(session, cfg.id)  # type: ignore[arg-type]
    names = [layer.name for layer in fresh.find_path("Grip Color").children]  # type: ignore[union-attr]
    assert names[:2] == ["Metallic Red", "Metallic Yellow"]
    assert fresh.find_path("Grip Color/Metallic Yellow").version == seen + 1  # type: ignore[union-attr]
    repository.delete_layer(session, yellow)
    with pytest.raises(ConflictError) as gone:
        repository.move_layer(session, yellow, grip, 0, expected_version=seen + 1)
    assert gone.value.gone


def test_a_configurator_delete_is_refused_when_it_or_a_layer_changed(
    demo: tuple[Session, Configurator],
) -> None:
    session, cfg = demo
    assert cfg.id is not None
    layers = {stored_id(layer): layer.version for layer in cfg.walk()}
    yellow = _ids(cfg, "Grip Color/Metallic Yellow")[0]
    repository.update_layer(session, yellow, {LayerField.STOCK_QUANTITY: 9})
    with pytest.raises(ConflictError):
        repository.delete_configurator(
            session, cfg.id, expected_version=cfg.version, expected_layers=layers
        )
    repository.update_configurator(session, cfg.id, {ConfiguratorField.NAME: "Renamed"})
    with pytest.raises(ConflictError):
        repository.delete_configurator(session, cfg.id, expected_version=cfg.version)
    assert repository.find_configurator(session, "Renamed") == cfg.id  # nothing deleted
    fresh = repository.load_configurator(session, cfg.id)
    repository.delete_configurator(
        session,
        cfg.id,
        expected_version=fresh.version,
        expected_layers={layer.id: layer.version for layer in fresh.walk()},  # type: ignore[misc]
    )
    assert repository.list_configurators(session) == []


def test_the_add_on_switch_is_refused_when_switched_since_it_was_read(
    demo: tuple[Session, Configurator],
) -> None:
    session, _cfg = demo
    active, seen = repository.addon_state(session)
    repository.set_addon(session, not active, expected_version=seen)
    with pytest.raises(ConflictError):
        repository.set_addon(session, active, expected_version=seen)
    assert repository.addon_state(session) == (not active, seen + 1)


def test_a_stock_sheet_from_the_command_line_is_read_again_over_a_change_made_meanwhile(
    db_target: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command reads, plans and writes in two steps: an option changed by someone else in
    between is not overwritten blindly; the sheet is read again against the fresh values."""
    from desktop.store import stock_sheets

    mine, theirs = open_store(db_target), open_store(db_target)  # type: ignore[arg-type]
    try:
        with mine.session() as session:
            cid = repository.find_configurator(session, DEMO)
            assert cid is not None
            sheet = stock_sheets.export_sheet(session, cid)
            yellow = _ids(repository.load_configurator(session, cid), "Grip Color/Metallic Yellow")
        sheet = sheet.replace("Metallic Yellow,1,5,", "Metallic Yellow,1,77,")
        reads: list[int] = []
        real = stock_sheets.read_sheet

        def read_then_someone_writes(text: str, cfg: Configurator) -> object:
            reads.append(1)
            plan = real(text, cfg)
            if len(reads) == 1:  # between this read and the write: a change elsewhere
                with theirs.session() as other:
                    repository.update_layer(other, yellow[0], {LayerField.STOCK_QUANTITY: 50})
            return plan

        monkeypatch.setattr(stock_sheets, "read_sheet", read_then_someone_writes)
        with mine.session() as session:
            plan = stock_sheets.import_sheet(session, cid, sheet)
            fresh = repository.load_configurator(session, cid)
        assert len(reads) == 2  # refused once, read again
        assert len(plan.changes) == 1
        assert fresh.find_path("Grip Color/Metallic Yellow").stock.quantity == 77  # type: ignore[union-attr]
    finally:
        mine.close()
        theirs.close()
