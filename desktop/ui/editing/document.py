"""The open database and configurator as the window sees them.

Every write goes through here: the repository writes one transaction, the same change is
mirrored onto the in-memory domain objects, and a signal says exactly what changed so each view
updates only that. Only undo commands call the mutating methods.

Signals:
    addonChanged(bool)
    configuratorsChanged()                 the list of configurators (names, additions, removals)
    configuratorOpened(object)             Configurator or None
    settingsChanged(set)                   ConfiguratorFields of the open configurator that changed
    layerChanged(object, set)              Layer, the LayerFields that changed
    layersChanged(object)                  {Layer: set of LayerFields} of many options changed
                                           at once (a bulk edit, a stock sheet)
    layerAboutToBeInserted(object, int)    parent Layer or None, row
    layerInserted(object)                  the new Layer (its subtree included)
    layerAboutToBeRemoved(object)          Layer
    layerRemoved(object, object, int)      Layer, its former parent, its former row
    layerAboutToBeMoved(object, object, int)  Layer, new parent, row among the new siblings
    layerMoved(object, object, int)        Layer, old parent, old row
    refreshed(object)                      the open configurator was re-read after changes made
                                           elsewhere changed its tree: the Configurator (views
                                           rebuilt as on configuratorOpened, then restore their
                                           selection by id)
    writeFailed(str)                       a write or read was refused or failed; says why
    edited(str)                            an edit, undo or redo was written; says what changed
                                           ("Saved: Metallic Red quantity 2 → 5")
    layerRevealed(object)                  a Layer that came back (an undone delete): views
                                           show it open and selected
    storageFailed(str)                     ...through a lasting fault of the database (read-only,
                                           disk full, damaged): the window says so in a dialog

Writes set the in-memory objects from what the store returns as stored (trimmed, rounded), so
the window holds exactly what the database holds. Reads that the window makes on its own
(lists, names) report a failing database through the signals instead of raising.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from ...domain import texts
from ...domain.conflicts import changed_elsewhere
from ...domain.fields import (
    ConfiguratorField,
    LayerField,
    get_configurator_field,
    get_layer_field,
    set_configurator_field,
    set_layer_field,
)
from ...domain.model import Configurator, Layer
from ...store import repository as repo
from ...store.changes import Change
from ...store.database import Database, describe_failure
from ...store.repository import (
    ConfiguratorSummary,
    ConflictError,
    StorageError,
    StoreError,
    storage_errors,
)
from ...store.stored_rows import StoredRows, read_rows, restore_rows
from ...store.transaction import take_committed_changes
from ..database import outside_changes
from .long_task import LARGE_LAYERS, run_with_progress

T = TypeVar("T")
# Layers changed elsewhere up to this many are signalled one by one (every view follows any
# field); more arrive as one layersChanged, as a bulk edit's do.
SIGNALLED_ONE_BY_ONE = 200


class Document(QObject):
    """The model behind the window: one database, at most one open configurator."""

    addonChanged = Signal(bool)
    configuratorsChanged = Signal()
    configuratorOpened = Signal(object)
    settingsChanged = Signal(set)
    layerChanged = Signal(object, set)
    layersChanged = Signal(object)
    layerAboutToBeInserted = Signal(object, int)
    layerInserted = Signal(object)
    layerAboutToBeRemoved = Signal(object)
    layerRemoved = Signal(object, object, int)
    layerAboutToBeMoved = Signal(object, object, int)
    layerMoved = Signal(object, object, int)
    refreshed = Signal(object)
    writeFailed = Signal(str)
    storageFailed = Signal(str)
    edited = Signal(str)
    layerRevealed = Signal(object)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.progress_parent: QWidget | None = None  # the window, which long work dims
        self.configurator: Configurator | None = None
        self._layers: dict[int, Layer] = {}
        self._known: list[ConfiguratorSummary] = []
        # Why the database cannot be reached now (set by the ChangeWatcher); edits are
        # refused with it until the connection is back.
        self.offline: str | None = None
        # A whole-configurator task is running (its event loop turns meanwhile): what would
        # act on the document from a timer waits until it is done.
        self.busy = False
        # Change-log numbers of this window's own committed writes: the change watcher sees
        # them come back, and they are shown already (re-reading a whole tree for each of
        # them took seconds at 100,000 options).
        self._own_changes: set[int] = set()
        with self._session() as session:
            self._addon, self._addon_version = repo.addon_state(session)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """A session whose database failures arrive as StorageError, whatever the call."""
        with storage_errors(), self.database.session() as session:
            try:
                yield session
            finally:
                self._own_changes.update(take_committed_changes(session))

    def report(self, error: StoreError, *, reading: bool = False) -> None:
        """Tell the window about a refused or failed write, or (reading) a failed read, which
        is worded by what went wrong with the file rather than as a change not saved."""
        text = describe_failure(self.db_path, error) if reading else str(error)
        self.writeFailed.emit(text)
        if isinstance(error, StorageError) and error.lasting:
            self.storageFailed.emit(text)

    def tell_edited(self, text: str) -> None:
        """Say what an edit, undo or redo changed (the status bar shows it)."""
        self.edited.emit(text)

    def reveal_layer(self, layer_id: int) -> None:
        """Ask the views to show that layer (it came back): open and selected."""
        layer = self.find_layer(layer_id)
        if layer is not None:
            self.layerRevealed.emit(layer)

    def whole(self, label: str, large: bool, work: Callable[[Session], T]) -> T:
        """A store call on a whole configurator: when `large`, off the GUI thread behind a
        progress dialog saying `label` (see long_task); failures arrive as StoreError either way."""

        def run() -> T:
            with self._session() as session:
                return work(session)

        if not large:
            return run()
        was_busy, self.busy = self.busy, True
        try:
            return run_with_progress(self.progress_parent, label, run)
        finally:
            self.busy = was_busy

    def _is_large(self, configurator_id: int) -> bool:
        with self._session() as session:
            return repo.layer_count(session, configurator_id) >= LARGE_LAYERS

    def _read(self, read: Callable[[Session], T], fallback: T) -> T:
        """A read the window makes on its own: on failure, reported and `fallback` returned."""
        try:
            with self._session() as session:
                return read(session)
        except StoreError as exc:
            self.report(exc, reading=True)
            return fallback

    # --- reads ---------------------------------------------------------------------------
    @property
    def db_path(self) -> Path | None:
        return self.database.path

    @property
    def read_only(self) -> str | None:
        """Why the database may be read but not changed; None when it may be changed."""
        return self.database.read_only

    @property
    def addon_active(self) -> bool:
        return self._addon

    def configurators(self) -> list[ConfiguratorSummary]:
        """The configurators list (the last one read, when the database cannot be read now)."""
        self._known = self._read(repo.list_configurators, self._known)
        return self._known

    def last_configurator(self) -> int | None:
        return self._read(repo.last_configurator, None)

    def layer(self, layer_id: int) -> Layer:
        return self._layers[layer_id]

    def has_layer(self, layer_id: int) -> bool:
        return layer_id in self._layers

    def find_layer(self, layer_id: int) -> Layer | None:
        """The layer with that id in the open configurator, or None: one lookup, for the tree
        model, which Qt asks about every top-level row after each structural change."""
        return self._layers.get(layer_id)

    def name_taken(self, name: str, exclude_id: int | None = None) -> bool:
        return self._read(lambda session: repo.name_taken(session, name.strip(), exclude_id), False)

    def unique_name(self, wanted: str) -> str:
        return self._read(lambda session: repo.unique_name(session, wanted), wanted)

    # --- configurators -------------------------------------------------------------------
    def open_configurator(
        self, configurator_id: int | None, *, loaded: Configurator | None = None
    ) -> None:
        """Open a configurator (None: close). Raises StoreError when it cannot be read; the
        window's own navigation uses try_open, commands let the error fail the command.
        `loaded`: the configurator as just read from or written to the store (an undo
        command's snapshot), opened as a copy instead of being read a second time."""
        if configurator_id is None:
            cfg = None
        else:
            if loaded is not None and loaded.id == configurator_id:
                cfg = loaded.clone()
            else:
                cfg = self.whole(
                    "Opening the configurator…",
                    self._is_large(configurator_id),
                    lambda session: repo.load_configurator(session, configurator_id),
                )
            try:  # remembered for the next start; not being able to is no reason to refuse
                if self.read_only is None:
                    with self._session() as session:
                        repo.set_last_configurator(session, configurator_id)
            except StoreError:
                pass
        previous, self.configurator = self.configurator, cfg
        self._layers = {} if cfg is None else {layer.id: layer for layer in cfg.walk()}  # type: ignore[misc]
        self.configuratorOpened.emit(cfg)
        if previous is not None and previous is not cfg:
            previous.release()  # every view has let go of it (and commands keep copies)

    def try_open(self, configurator_id: int | None) -> bool:
        """Navigation: open, or report why not and leave what is open as it is."""
        try:
            self.open_configurator(configurator_id)
        except StoreError as exc:
            self.report(exc, reading=True)
            return False
        return True

    def ensure_open(self, configurator_id: int) -> None:
        """Commands call this so an undo acts on (and shows) the configurator it belongs to."""
        if self.configurator is None or self.configurator.id != configurator_id:
            self.open_configurator(configurator_id)

    def create_configurator(self, name: str, **fields: Any) -> int:
        with self._session() as session:
            new_id = repo.create_configurator(session, name, **fields)
        self.configuratorsChanged.emit()
        return new_id

    def duplicate_configurator(self, configurator_id: int, new_name: str) -> int:
        new_id = self.whole(
            f'Duplicating as "{new_name}"…',
            self._is_large(configurator_id),
            lambda session: repo.duplicate_configurator(session, configurator_id, new_name),
        )
        self.configuratorsChanged.emit()
        return new_id

    def snapshot_configurator(self, configurator_id: int) -> Configurator:
        """A detached copy with ids, for restoring after a delete."""
        return self.whole(
            "Reading the configurator…",
            self._is_large(configurator_id),
            lambda session: repo.load_configurator(session, configurator_id),
        )

    def stored_rows(self, configurator_id: int) -> StoredRows:
        """A damaged configurator's rows as stored, for the undo of its delete (a snapshot
        cannot be read: docs/stored-data.md)."""
        return self.whole(
            "Reading the configurator…",
            self._is_large(configurator_id),
            lambda session: read_rows(session, configurator_id),
        )

    def restore_rows(self, rows: StoredRows) -> None:
        self.whole(
            "Restoring the configurator…",
            len(rows.layers) >= LARGE_LAYERS,
            lambda session: restore_rows(session, rows),
        )
        self.configuratorsChanged.emit()

    def restore_configurator(self, snapshot: Configurator) -> int:
        # The snapshot goes in as it is, no copy of its 100,000 layers first: it was read from
        # this store, so the insert's checks find every value already as the rules make it
        # and change nothing in it; the undo stack keeps it intact for the next redo.
        new_id = self.whole(
            f'Restoring "{snapshot.name}"…',
            sum(1 for _ in snapshot.walk()) >= LARGE_LAYERS,
            lambda session: repo.insert_configurator(
                session, snapshot, keep_ids=True, layer_values_checked=True
            ),
        )
        self.configuratorsChanged.emit()
        return new_id

    def delete_configurator(self, configurator_id: int) -> None:
        """Delete a configurator as this window last read it: the open one with every layer
        as shown, another one as listed. When it was changed elsewhere since, nothing is
        deleted: the window is refreshed and ConflictError says so (docs/team-database.md)."""
        cfg = self.configurator
        is_open = cfg is not None and cfg.id == configurator_id
        layers: dict[int, int] | None = None
        if cfg is not None and is_open:
            version: int | None = cfg.version
            layers = {layer.id: layer.version for layer in cfg.walk()}  # type: ignore[misc]
            name = cfg.name
        else:
            listed = next((s for s in self._known if s.id == configurator_id), None)
            version = None if listed is None else listed.version
            name = "" if listed is None else listed.name
        try:
            self.whole(
                "Deleting the configurator…",
                self._is_large(configurator_id),
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
        if is_open:
            self.open_configurator(None)
        self._known = [s for s in self._known if s.id != configurator_id]
        self.configuratorsChanged.emit()

    def set_configurator_fields(
        self,
        configurator_id: int,
        changes: Mapping[ConfiguratorField, Any],
        *,
        expected_version: int | None = None,
        believed: Mapping[ConfiguratorField, Any] | None = None,
    ) -> None:
        """Write changes made against the configurator as stored at expected_version (None:
        as this window last read it). believed: as set_layer_fields. When it was changed or
        deleted elsewhere since, nothing is written: the window is refreshed and
        ConflictError says what changed."""
        current, version = self.configurator_fields(configurator_id, list(changes))
        if believed is not None and any(current[f] != believed.get(f, current[f]) for f in changes):
            message = changed_elsewhere(
                str(current[ConfiguratorField.NAME]), changes, believed, current
            )
            raise ConflictError(message, configurator_id=configurator_id)
        expected = version if expected_version is None else expected_version
        try:
            with self._session() as session:
                stored = repo.update_configurator(
                    session, configurator_id, changes, expected_version=expected
                )
        except ConflictError as exc:
            raise self._configurator_conflict(exc, configurator_id, changes, current) from None
        cfg = self.configurator
        if cfg is not None and cfg.id == configurator_id:
            for field, value in stored.items():
                set_configurator_field(cfg, field, value)
            cfg.version = expected + 1
            self.settingsChanged.emit(set(stored))
        # The list's copy follows this window's own write, so a delete from it expects it.
        self._known = [
            dataclasses.replace(s, version=expected + 1) if s.id == configurator_id else s
            for s in self._known
        ]
        if ConfiguratorField.NAME in stored:
            self.configuratorsChanged.emit()

    def _configurator_conflict(
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
                with self._session() as session:
                    fresh = repo.load_configurator(session, configurator_id)
                fresh_values = {f: get_configurator_field(fresh, f) for f in ConfiguratorField}
            except StoreError:
                pass
        if not name:
            name = str((fresh_values or {}).get(ConfiguratorField.NAME, "the configurator"))
        self.refresh()
        message = changed_elsewhere(name, changes, believed, fresh_values)
        return ConflictError(message, configurator_id=configurator_id, gone=exc.gone)

    def configurator_fields(
        self, configurator_id: int, fields: list[ConfiguratorField]
    ) -> tuple[dict[ConfiguratorField, Any], int]:
        """The fields' values and the version they were read at: the open configurator's as
        shown; another one's as read now, but for its name and version, which are the list's
        (what the user saw when choosing it)."""
        cfg = self.configurator
        listed = None
        if cfg is None or cfg.id != configurator_id:
            cfg = self.snapshot_configurator(configurator_id)
            listed = next((s for s in self._known if s.id == configurator_id), None)
        wanted = {*fields, ConfiguratorField.NAME}
        values = {field: get_configurator_field(cfg, field) for field in wanted}
        if listed is None:
            return values, cfg.version
        values[ConfiguratorField.NAME] = listed.name
        return values, listed.version

    # --- changes made elsewhere (docs/team-database.md)
    # ------------------------------------------------
    def refresh(self) -> None:
        """Re-read what another window, machine or command may have changed and show it:
        the add-on, the configurators list, the open configurator's settings and layers.
        Objects the views hold are updated in place and only what differs is signalled, so
        selection and scroll positions stay; a tree whose shape changed is rebuilt
        (refreshed), and the views select again by id. This window's own writes are already
        in memory, so they signal nothing."""
        self._reread_addon()
        before = list(self._known)
        if self.configurators() != before:
            self.configuratorsChanged.emit()
        cfg = self.configurator
        if cfg is None or cfg.id is None:
            return
        if not any(summary.id == cfg.id for summary in self._known):
            self.try_open(self._known[0].id if self._known else None)  # deleted elsewhere
            return
        try:
            with self._session() as session:
                fresh = repo.load_configurator(session, cfg.id)
        except StoreError as exc:
            self.report(exc, reading=True)
            return
        self._merge(cfg, fresh)

    def apply_changes(self, changes: list[Change]) -> None:
        """Show changes from the change log: a change to the open configurator's tree or
        settings re-reads it (refresh); changes to single layers read just those layers.
        This window's own writes are passed over: they are shown already."""
        own = self._own_changes
        if own:
            newest = max((change.seq for change in changes), default=0)
            changes = [change for change in changes if change.seq not in own]
            # Numbers up to the newest seen cannot come back: forget them.
            self._own_changes = {seq for seq in own if seq > newest}
        if not changes:
            return
        cfg = self.configurator
        open_id = cfg.id if cfg is not None else None
        want = outside_changes.wanted(changes, open_id)
        if want.whole:
            self.refresh()
            return
        if want.site:
            self._reread_addon()
        if want.listing:
            before = list(self._known)
            if self.configurators() != before:
                self.configuratorsChanged.emit()
            if cfg is not None and not any(s.id == open_id for s in self._known):
                self.try_open(self._known[0].id if self._known else None)
                return
        fresh: dict[int, Layer] = self._read(
            lambda session: repo.read_layers(session, set(want.layer_ids)), {}
        )
        changed: dict[Layer, set[LayerField]] = {}
        for layer_id, theirs in fresh.items():
            mine = self._layers.get(layer_id)
            fields = set() if mine is None else outside_changes.merge_layer(mine, theirs)
            if mine is not None and fields:
                changed[mine] = fields
        self._signal_layers(changed)

    def _merge(self, cfg: Configurator, fresh: Configurator) -> None:
        if not outside_changes.same_shape(cfg, fresh):
            self.configurator = fresh
            self._layers = {layer.id: layer for layer in fresh.walk()}  # type: ignore[misc]
            self.configuratorOpened.emit(fresh)
            self.refreshed.emit(fresh)
            cfg.release()  # every view has let go of it (see open_configurator)
            return
        merged = outside_changes.merge_configurator(cfg, fresh)
        fresh.release()  # read only to compare: freed now, not by a walk over everything
        if merged.settings:
            self.settingsChanged.emit(merged.settings)
        self._signal_layers(merged.layers)

    def _signal_layers(self, changed: Mapping[Layer, set[LayerField]]) -> None:
        if len(changed) <= SIGNALLED_ONE_BY_ONE:
            for layer, fields in changed.items():
                self.layerChanged.emit(layer, fields)
        else:
            self.layersChanged.emit(dict(changed))

    # --- add-on --------------------------------------------------------------------------
    def _reread_addon(self) -> None:
        addon, version = self._read(repo.addon_state, (self._addon, self._addon_version))
        self._addon_version = version
        if addon != self._addon:
            self._addon = addon
            self.addonChanged.emit(addon)

    def set_addon(self, active: bool) -> None:
        """Switch the add-on as this window last read it: when it was switched elsewhere
        since, nothing is written, the window shows the fresh state and ConflictError says so."""
        try:
            with self._session() as session:
                repo.set_addon(session, active, expected_version=self._addon_version)
        except ConflictError:
            self._reread_addon()
            state = "on" if self._addon else "off"
            raise ConflictError(
                texts.ADDON_CHANGED_ELSEWHERE.format(state=state, new="on" if active else "off")
            ) from None
        self._addon = active
        self._addon_version += 1
        self.addonChanged.emit(active)

    # --- layers --------------------------------------------------------------------------
    def _require_open(self) -> Configurator:
        if self.configurator is None or self.configurator.id is None:
            raise RuntimeError("no configurator is open")
        return self.configurator

    def set_layer_fields(
        self,
        layer_id: int,
        changes: Mapping[LayerField, Any],
        believed: Mapping[LayerField, Any] | None = None,
    ) -> None:
        """Write changes made against the layer as this window holds it. believed (an undo,
        a redo): the values the edit expects the fields to hold now; when they were changed
        elsewhere since, it is refused. A layer stored at another version than this window
        holds (changed elsewhere, not yet shown here) is refused too: nothing is written,
        the window is refreshed and ConflictError says what changed (docs/team-database.md)."""
        layer = self._layers.get(layer_id)
        if layer is None:  # already gone from this window: it was deleted elsewhere
            raise ConflictError("that layer was deleted elsewhere; your change was not saved")
        current = {field: get_layer_field(layer, field) for field in changes}
        if believed is not None and any(current[f] != believed.get(f, current[f]) for f in current):
            message = changed_elsewhere(layer.name, changes, believed, current)
            raise ConflictError(message, layer_id=layer_id)
        try:
            with self._session() as session:
                stored = repo.update_layer(
                    session, layer_id, changes, expected_version=layer.version
                )
        except ConflictError as exc:
            raise self._layer_conflict(exc, layer, changes, current) from None
        for field, value in stored.items():
            set_layer_field(layer, field, value)
        layer.version += 1
        self.layerChanged.emit(layer, set(stored))

    def _if_gone(self, exc: StoreError, layers: list[Layer | None]) -> StoreError:
        """A structural edit refused because a layer it names was deleted elsewhere: the
        window is refreshed and the refusal names that layer (docs/team-database.md)."""
        ids = {layer.id for layer in layers if layer is not None and layer.id is not None}
        if isinstance(exc, StorageError) or not ids:
            return exc
        stored = self._read(lambda session: repo.read_layers(session, ids), None)
        if stored is None or len(stored) == len(ids):
            return exc
        gone = next(layer for layer in layers if layer is not None and layer.id not in stored)
        self.refresh()
        return ConflictError(
            changed_elsewhere(gone.name, {}, {}, None), layer_id=gone.id, gone=True
        )

    def _layer_conflict(
        self,
        exc: ConflictError,
        layer: Layer,
        changes: Mapping[LayerField, Any],
        believed: Mapping[LayerField, Any],
    ) -> ConflictError:
        """Refresh from the store, then the refusal in words: what changed, to what."""
        stale = {field: get_layer_field(layer, field) for field in LayerField}
        name = layer.name
        self.refresh()
        fresh = self._layers.get(layer.id) if layer.id is not None else None
        fresh_values = None if fresh is None else {f: get_layer_field(fresh, f) for f in LayerField}
        message = changed_elsewhere(name, changes, {**stale, **believed}, fresh_values)
        return ConflictError(message, layer_id=layer.id, gone=fresh is None)

    def set_stock_of_many(
        self,
        configurator_id: int,
        changes: Mapping[int, Mapping[LayerField, Any]],
        believed: Mapping[int, Mapping[LayerField, Any]] | None = None,
    ) -> None:
        """Stock fields of many options in one transaction; one layersChanged says which.
        believed: as set_layer_fields, per option. One option changed elsewhere refuses them
        all: the window is refreshed and ConflictError names it."""
        for layer_id, expected in (believed or {}).items():
            layer = self._layers.get(layer_id)
            if layer is None:
                raise ConflictError("an option was deleted elsewhere; your change was not saved")
            current = {field: get_layer_field(layer, field) for field in expected}
            if current != dict(expected):
                message = changed_elsewhere(layer.name, changes[layer_id], expected, current)
                raise ConflictError(message, layer_id=layer_id)
        versions = {i: self._layers[i].version for i in changes if i in self._layers}
        try:
            with self._session() as session:
                stored = repo.update_layers(
                    session, configurator_id, changes, expected_versions=versions
                )
        except ConflictError as exc:
            layer = self._layers.get(exc.layer_id) if exc.layer_id is not None else None
            if layer is None or layer.id is None:
                self.refresh()
                raise
            fields = changes[layer.id]
            current = {field: get_layer_field(layer, field) for field in fields}
            raise self._layer_conflict(exc, layer, fields, current) from None
        changed: dict[Layer, set[str]] = {}
        for layer_id, fields in stored.items():
            if not fields:
                continue
            layer = self._layers[layer_id]
            for field, value in fields.items():
                set_layer_field(layer, field, value)
            layer.version += 1
            changed[layer] = set(fields)
        if changed:
            self.layersChanged.emit(changed)

    def insert_layer(
        self, parent_id: int | None, row: int, layer: Layer, *, keep_ids: bool = False
    ) -> Layer:
        """Insert a detached layer (and its subtree) at row; returns the inserted object."""
        cfg = self._require_open()
        parent = self._layers[parent_id] if parent_id is not None else None
        siblings = cfg.children_of(parent)
        row = min(max(row, 0), len(siblings))
        try:
            with self._session() as session:
                repo.insert_layer(session, cfg.id, parent_id, row, layer, keep_ids=keep_ids)  # type: ignore[arg-type]
        except StoreError as exc:
            raise self._if_gone(exc, [parent]) from None
        self.layerAboutToBeInserted.emit(parent, row)
        layer.parent = parent
        siblings.insert(row, layer)
        for node in layer.walk():
            self._layers[node.id] = node  # type: ignore[index]
        self.layerInserted.emit(layer)
        return layer

    def snapshot_layer(self, layer_id: int) -> Layer:
        """A detached deep copy of a layer's subtree, ids kept (for undoing its deletion)."""
        return self._layers[layer_id].clone()

    def remove_layer(self, layer_id: int) -> None:
        """Delete a layer as this window holds it (refused when changed elsewhere since)."""
        layer = self._layers.get(layer_id)
        if layer is None:  # already gone from this window: it was deleted elsewhere
            raise ConflictError("that layer was deleted elsewhere; your change was not saved")
        cfg = self._require_open()
        try:
            with self._session() as session:
                repo.delete_layer(session, layer_id, expected_version=layer.version)
        except ConflictError as exc:
            raise self._layer_conflict(exc, layer, {}, {}) from None
        parent = layer.parent
        siblings = cfg.children_of(parent)
        row = siblings.index(layer)
        self.layerAboutToBeRemoved.emit(layer)
        del siblings[row]
        for node in layer.walk():
            self._layers.pop(node.id, None)  # type: ignore[arg-type]
        self.layerRemoved.emit(layer, parent, row)

    def move_layer(self, layer_id: int, new_parent_id: int | None, new_row: int) -> None:
        """Move to new_row among the new parent's children as they are without the layer."""
        if layer_id not in self._layers or (
            new_parent_id is not None and new_parent_id not in self._layers
        ):
            raise ConflictError("that layer was deleted elsewhere; your change was not saved")
        layer = self._layers[layer_id]
        cfg = self._require_open()
        new_parent = self._layers[new_parent_id] if new_parent_id is not None else None
        try:
            with self._session() as session:
                repo.move_layer(
                    session, layer_id, new_parent_id, new_row, expected_version=layer.version
                )
        except ConflictError as exc:
            raise self._layer_conflict(exc, layer, {}, {}) from None
        except StoreError as exc:
            raise self._if_gone(exc, [layer, new_parent]) from None
        layer.version += 1
        old_parent = layer.parent
        old_siblings = cfg.children_of(old_parent)
        old_row = old_siblings.index(layer)
        new_siblings = cfg.children_of(new_parent)
        count = len(new_siblings) - (1 if new_siblings is old_siblings else 0)
        new_row = min(max(new_row, 0), count)
        self.layerAboutToBeMoved.emit(layer, new_parent, new_row)
        del old_siblings[old_row]
        layer.parent = new_parent
        new_siblings.insert(new_row, layer)
        self.layerMoved.emit(layer, old_parent, old_row)
