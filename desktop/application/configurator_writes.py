"""The window's writes and reads of whole configurators, without Qt (docs/architecture.md).

Create, duplicate, restore, delete and the configurator's own fields, each one transaction
through the `StoreGateway` (behind progress when the configurator is large), with the refusal
worded by `domain/conflicts.py` when the configurator was changed elsewhere. It also keeps the
configurators list as last read, which a delete and a rename are checked against. The window's
document calls these and says what changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from ..domain.conflicts import changed_elsewhere
from ..domain.fields import (
    ConfiguratorField,
    get_configurator_field,
    set_configurator_field,
)
from ..domain.model import Configurator
from ..store import repository as repo
from ..store.repository import ConfiguratorSummary, ConflictError, StoreError
from ..store.stored_rows import StoredRows, read_rows, restore_rows
from . import gateway as gateway_module
from .gateway import StoreGateway


class ConfiguratorWrites:
    """Whole-configurator work for one window, and its configurators list as last read."""

    def __init__(self, gateway: StoreGateway, refresh: Callable[[], None]) -> None:
        self.gateway = gateway
        # Re-reads what the window shows after a refusal (the document's refresh).
        self.refresh = refresh
        self._known: list[ConfiguratorSummary] = []

    # --- the list --------------------------------------------------------------------------
    def listed(self) -> list[ConfiguratorSummary]:
        """The configurators list (the last one read, when the database cannot be read now)."""
        self._known = self.gateway.read(repo.list_configurators, self._known)
        return self._known

    def reread(self) -> bool:
        """Read the list again; whether it differs from the last read."""
        before = list(self._known)
        return self.listed() != before

    def is_listed(self, configurator_id: int | None) -> bool:
        return any(summary.id == configurator_id for summary in self._known)

    def first_id(self) -> int | None:
        """The configurator opened when the open one went: the first listed, if any."""
        return self._known[0].id if self._known else None

    # --- reads ---------------------------------------------------------------------------
    def load(self, configurator_id: int, label: str) -> Configurator:
        """A detached configurator as stored, read behind progress saying label when large."""
        return self.gateway.whole(
            label,
            self.gateway.is_large(configurator_id),
            lambda session: repo.load_configurator(session, configurator_id),
        )

    def remember_last(self, configurator_id: int) -> None:
        """Remembered for the next start; not being able to is no reason to refuse."""
        try:
            if self.gateway.read_only is None:
                with self.gateway.session() as session:
                    repo.set_last_configurator(session, configurator_id)
        except StoreError:
            pass

    def stored_rows(self, configurator_id: int) -> StoredRows:
        """A damaged configurator's rows as stored, for the undo of its delete (a snapshot
        cannot be read: docs/stored-data.md)."""
        return self.gateway.whole(
            "Reading the configurator…",
            self.gateway.is_large(configurator_id),
            lambda session: read_rows(session, configurator_id),
        )

    def fields(
        self, configurator_id: int, fields: list[ConfiguratorField], shown: Configurator | None
    ) -> tuple[dict[ConfiguratorField, Any], int]:
        """The fields' values and the version they were read at: the open configurator's
        (shown) as shown; another one's as read now, but for its name and version, which are
        the list's (what the user saw when choosing it)."""
        listed = None
        cfg = shown
        if cfg is None:
            cfg = self.load(configurator_id, "Reading the configurator…")
            listed = next((s for s in self._known if s.id == configurator_id), None)
        wanted = {*fields, ConfiguratorField.NAME}
        values = {field: get_configurator_field(cfg, field) for field in wanted}
        if listed is None:
            return values, cfg.version
        values[ConfiguratorField.NAME] = listed.name
        return values, listed.version

    # --- writes --------------------------------------------------------------------------
    def create(self, name: str, **fields: Any) -> int:
        with self.gateway.session() as session:
            return repo.create_configurator(session, name, **fields)

    def duplicate(self, configurator_id: int, new_name: str) -> int:
        return self.gateway.whole(
            f'Duplicating as "{new_name}"…',
            self.gateway.is_large(configurator_id),
            lambda session: repo.duplicate_configurator(session, configurator_id, new_name),
        )

    def restore_rows(self, rows: StoredRows) -> None:
        self.gateway.whole(
            "Restoring the configurator…",
            gateway_module.is_large_count(len(rows.layers)),
            lambda session: restore_rows(session, rows),
        )

    def restore(self, snapshot: Configurator) -> int:
        # The snapshot goes in as it is, no copy of its 100,000 layers first: it was read from
        # this store, so the insert's checks find every value already as the rules make it
        # and change nothing in it; the undo stack keeps it intact for the next redo.
        return self.gateway.whole(
            f'Restoring "{snapshot.name}"…',
            gateway_module.is_large_count(sum(1 for _ in snapshot.walk())),
            lambda session: repo.insert_configurator(
                session, snapshot, keep_ids=True, layer_values_checked=True
            ),
        )

    def delete(self, configurator_id: int, shown: Configurator | None) -> None:
        """Delete a configurator as the window last read it: the open one (shown) with every
        layer as shown, another one as listed. When it was changed elsewhere since, nothing
        is deleted: the window is refreshed and ConflictError says so."""
        layers: dict[int, int] | None = None
        if shown is not None:
            version: int | None = shown.version
            layers = {layer.id: layer.version for layer in shown.walk()}  # type: ignore[misc]  # a held layer is stored
            name = shown.name
        else:
            listed = next((s for s in self._known if s.id == configurator_id), None)
            version = None if listed is None else listed.version
            name = "" if listed is None else listed.name
        try:
            self.gateway.whole(
                "Deleting the configurator…",
                self.gateway.is_large(configurator_id),
                lambda session: repo.delete_configurator(
                    session, configurator_id, expected_version=version, expected_layers=layers
                ),
            )
        except ConflictError as exc:
            self.refresh()
            message = changed_elsewhere(
                name or "the configurator", {}, {}, None if exc.gone else {}
            )
            raise ConflictError(message, configurator_id=configurator_id, gone=exc.gone) from None
        self._known = [s for s in self._known if s.id != configurator_id]

    def set_fields(
        self,
        configurator_id: int,
        changes: Mapping[ConfiguratorField, Any],
        shown: Configurator | None,
        *,
        expected_version: int | None = None,
        believed: Mapping[ConfiguratorField, Any] | None = None,
    ) -> dict[ConfiguratorField, Any]:
        """Write changes made against the configurator as stored at expected_version (None:
        as the window last read it); shown: the open configurator when it is this one, set to
        what was stored. believed: the values an undo or redo expects the fields to hold now.
        When it was changed or deleted elsewhere since, nothing is written: the window is
        refreshed and ConflictError says what changed. Returns the fields as stored."""
        current, version = self.fields(configurator_id, list(changes), shown)
        if believed is not None and any(current[f] != believed.get(f, current[f]) for f in changes):
            message = changed_elsewhere(
                str(current[ConfiguratorField.NAME]), changes, believed, current
            )
            raise ConflictError(message, configurator_id=configurator_id)
        expected = version if expected_version is None else expected_version
        try:
            with self.gateway.session() as session:
                stored = repo.update_configurator(
                    session, configurator_id, changes, expected_version=expected
                )
        except ConflictError as exc:
            raise self._conflict(exc, configurator_id, changes, current) from None
        if shown is not None:
            for field, value in stored.items():
                set_configurator_field(shown, field, value)
            shown.version = expected + 1
        # The list's copy follows the window's own write, so a delete from it expects it.
        self._known = [
            dataclasses.replace(s, version=expected + 1) if s.id == configurator_id else s
            for s in self._known
        ]
        return stored

    def _conflict(
        self,
        exc: ConflictError,
        configurator_id: int,
        changes: Mapping[ConfiguratorField, Any],
        believed: Mapping[ConfiguratorField, Any],
    ) -> ConflictError:
        name = str(believed.get(ConfiguratorField.NAME, ""))
        fresh_values: dict[ConfiguratorField, Any] | None = None
        if not exc.gone:
            try:
                with self.gateway.session() as session:
                    fresh = repo.load_configurator(session, configurator_id)
                fresh_values = {f: get_configurator_field(fresh, f) for f in ConfiguratorField}
            except StoreError:
                pass
        if not name:
            name = str((fresh_values or {}).get(ConfiguratorField.NAME, "the configurator"))
        self.refresh()
        message = changed_elsewhere(name, changes, believed, fresh_values)
        return ConflictError(message, configurator_id=configurator_id, gone=exc.gone)
