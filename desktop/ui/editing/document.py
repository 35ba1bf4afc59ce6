"""The open database and configurator as the window sees them: a small Qt facade.

Every write goes through here: the store writes one transaction (through the Qt-free
`StoreGateway`), the same change is made on the in-memory domain objects (the tree through
`Configurator.insert`, `remove` and `move`), and one `ChangeSet` says exactly what changed, so
each view updates only that (docs/architecture.md). Changes made elsewhere arrive the same way
(`refresh`, `apply_changes`; the merging is `application/outside_changes.py`). Only undo
commands call the mutating methods.

Signals:
    changed(ChangeSet)                       what a write, an undo or redo, a configurator
                                             opened, or changes made elsewhere changed
    layerAboutToBeInserted(Layer, int)       parent (None: the top level), row: Qt's models
    layerAboutToBeRemoved(Layer)             begin their rows before the tree changes
    layerAboutToBeMoved(Layer, Layer, int)   layer, new parent (None: top), row among the new
                                             siblings
    failed(Failure)                          a write or read was refused or failed: the error
                                             the store raised and the line the user is told
    edited(str)                              an edit, undo or redo was written; says what
                                             changed ("Saved: Metallic Red quantity 2 → 5")

Writes set the in-memory objects from what the store returns as stored (trimmed, rounded), so
the window holds exactly what the database holds. Reads that the window makes on its own
(lists, names) report a failing database through `failed` instead of raising.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from ...application import outside_changes
from ...application.configurator_writes import ConfiguratorWrites
from ...application.gateway import Failure, StoreGateway
from ...application.open_configurator import OpenConfigurator, TreeHooks
from ...domain import conflicts
from ...domain.change_set import ChangeSet, Reset
from ...domain.fields import ConfiguratorField, LayerField
from ...domain.model import Configurator, Layer
from ...store import repository as repo
from ...store.changes import Change
from ...store.database import Database
from ...store.repository import ConfiguratorSummary, ConflictError, StoreError
from ...store.stored_rows import StoredRows
from .long_task import run_with_progress

T = TypeVar("T")


class Document(QObject):
    """The model behind the window: one database, at most one open configurator."""

    changed = Signal(ChangeSet)
    layerAboutToBeInserted = Signal(Layer, int)
    layerAboutToBeRemoved = Signal(Layer)
    layerAboutToBeMoved = Signal(Layer, Layer, int)
    failed = Signal(Failure)
    edited = Signal(str)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progress_parent: QWidget | None = None  # the window, which long work dims
        self.gateway = StoreGateway(database, self.failed.emit, self._run_long)
        self.configurators_store = ConfiguratorWrites(self.gateway, self.refresh)
        hooks = TreeHooks(
            self.layerAboutToBeInserted.emit,
            self.layerAboutToBeRemoved.emit,
            self.layerAboutToBeMoved.emit,
        )
        self.live = OpenConfigurator(self.gateway, self.refresh, hooks)
        # The open configurator (the live tree every view shows; None: none open) and its
        # layers by id, as `live` holds them: plain attributes, which the tree model reads
        # for every row it lays out.
        self.configurator: Configurator | None = None
        self._layers = self.live.layers
        with self.gateway.session() as session:
            self._addon, self._addon_version = repo.addon_state(session)

    def _run_long(self, label: str, work: Callable[[], T]) -> T:
        return run_with_progress(self.progress_parent, label, work)

    def report(self, error: StoreError, *, reading: bool = False) -> None:
        """Tell the window about a refused or failed write (or, reading, a failed read)."""
        self.gateway.report(error, reading=reading)

    def tell_edited(self, text: str) -> None:
        """Say what an edit, undo or redo changed (the status bar shows it)."""
        self.edited.emit(text)

    # --- reads ---------------------------------------------------------------------------
    @property
    def database(self) -> Database:
        return self.gateway.database

    @property
    def db_path(self) -> Path | None:
        return self.gateway.db_path

    @property
    def read_only(self) -> str | None:
        """Why the database may be read but not changed; None when it may be changed."""
        return self.gateway.read_only

    @property
    def addon_active(self) -> bool:
        return self._addon

    def configurators(self) -> list[ConfiguratorSummary]:
        """The configurators list (the last one read, when the database cannot be read now)."""
        return self.configurators_store.listed()

    def last_configurator(self) -> int | None:
        return self.gateway.read(repo.last_configurator, None)

    def layer(self, layer_id: int) -> Layer:
        return self._layers[layer_id]

    def has_layer(self, layer_id: int) -> bool:
        return layer_id in self._layers

    def find_layer(self, layer_id: int) -> Layer | None:
        """The layer with that id in the open configurator, or None: one lookup, for the tree
        model, which Qt asks about every top-level row after each structural change."""
        return self._layers.get(layer_id)

    def name_taken(self, name: str, exclude_id: int | None = None) -> bool:
        return self.gateway.read(lambda s: repo.name_taken(s, name.strip(), exclude_id), False)

    def unique_name(self, wanted: str) -> str:
        return self.gateway.read(lambda session: repo.unique_name(session, wanted), wanted)

    # --- configurators -------------------------------------------------------------------
    def _show(
        self, cfg: Configurator | None, around: ChangeSet | None = None, *, refreshed: bool = False
    ) -> None:
        """Make cfg the open configurator and say so, with the add-on and list changes of
        around. refreshed: cfg is the open one read again after its tree changed elsewhere."""
        previous = self.live.replace(cfg)
        self.configurator = cfg
        addon = around is not None and around.addon
        listing = around is not None and around.configurators
        reset = Reset(cfg, refreshed=refreshed)
        self.changed.emit(ChangeSet(tree=reset, addon=addon, configurators=listing))
        if previous is not None and previous is not cfg:
            previous.release()  # every view has let go of it (and commands keep copies)

    def open_configurator(
        self, configurator_id: int | None, *, loaded: Configurator | None = None
    ) -> None:
        """Open a configurator (None: close). Raises StoreError when it cannot be read; the
        window's own navigation uses try_open, commands let the error fail the command.
        `loaded`: the configurator as just read from or written to the store (an undo
        command's snapshot), opened as a copy instead of being read a second time."""
        self._show(self._read_to_open(configurator_id, loaded))

    def _read_to_open(
        self, configurator_id: int | None, loaded: Configurator | None = None
    ) -> Configurator | None:
        if configurator_id is None:
            return None
        if loaded is not None and loaded.id == configurator_id:
            cfg = loaded.clone()
        else:
            cfg = self.configurators_store.load(configurator_id, "Opening the configurator…")
        self.configurators_store.remember_last(configurator_id)
        return cfg

    def try_open(self, configurator_id: int | None, change: ChangeSet | None = None) -> bool:
        """Navigation: open, or report why not and leave what is open as it is (saying the
        rest of change, if any)."""
        try:
            cfg = self._read_to_open(configurator_id)
        except StoreError as exc:
            self.report(exc, reading=True)
            if change:
                self.changed.emit(change)
            return False
        self._show(cfg, change)
        return True

    def ensure_open(self, configurator_id: int) -> None:
        """Commands call this so an undo acts on (and shows) the configurator it belongs to."""
        if self.configurator is None or self.configurator.id != configurator_id:
            self.open_configurator(configurator_id)

    def _listed(self, new_id: T) -> T:
        self.changed.emit(ChangeSet(configurators=True))
        return new_id

    def create_configurator(self, name: str, **fields: Any) -> int:
        return self._listed(self.configurators_store.create(name, **fields))

    def duplicate_configurator(self, configurator_id: int, new_name: str) -> int:
        return self._listed(self.configurators_store.duplicate(configurator_id, new_name))

    def add_configurators(self, label: str, large: bool, work: Callable[[Session], T]) -> T:
        """A write that adds configurators to the list (an import), behind progress when large."""
        return self._listed(self.gateway.whole(label, large, work))

    def snapshot_configurator(self, configurator_id: int) -> Configurator:
        """A detached copy with ids, for restoring after a delete."""
        return self.configurators_store.load(configurator_id, "Reading the configurator…")

    def stored_rows(self, configurator_id: int) -> StoredRows:
        """A damaged configurator's rows as stored, for the undo of its delete."""
        return self.configurators_store.stored_rows(configurator_id)

    def restore_rows(self, rows: StoredRows) -> None:
        self.configurators_store.restore_rows(rows)
        self.changed.emit(ChangeSet(configurators=True))

    def restore_configurator(self, snapshot: Configurator) -> int:
        return self._listed(self.configurators_store.restore(snapshot))

    def delete_configurator(self, configurator_id: int) -> None:
        """Delete a configurator as this window last read it: the open one with every layer
        as shown, another one as listed. When it was changed elsewhere since, nothing is
        deleted: the window is refreshed and ConflictError says so (docs/team-database.md)."""
        cfg = self.configurator
        is_open = cfg is not None and cfg.id == configurator_id
        self.configurators_store.delete(configurator_id, cfg if is_open else None)
        if is_open:
            self._show(None, ChangeSet(configurators=True))
        else:
            self.changed.emit(ChangeSet(configurators=True))

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
        cfg = self.configurator
        is_open = cfg is not None and cfg.id == configurator_id
        stored = self.configurators_store.set_fields(
            configurator_id,
            changes,
            cfg if is_open else None,
            expected_version=expected_version,
            believed=believed,
        )
        self.changed.emit(
            ChangeSet(
                settings=frozenset(stored) if is_open else frozenset(),
                configurators=ConfiguratorField.NAME in stored,
            )
        )

    def configurator_fields(
        self, configurator_id: int, fields: list[ConfiguratorField]
    ) -> tuple[dict[ConfiguratorField, Any], int]:
        """The fields' values and the version they were read at (see ConfiguratorWrites)."""
        cfg = self.configurator
        is_open = cfg is not None and cfg.id == configurator_id
        return self.configurators_store.fields(configurator_id, fields, cfg if is_open else None)

    # --- changes made elsewhere (docs/team-database.md) ------------------------------------
    def refresh(self) -> None:
        """Re-read what another window, machine or command may have changed and show it:
        the add-on, the configurators list, the open configurator's settings and layers.
        Objects the views hold are updated in place and only what differs is said, so
        selection and scroll positions stay; a tree whose shape changed is rebuilt (a Reset
        marked refreshed), and the views select again by id. This window's own writes are
        already in memory, so they say nothing."""
        addon = self._reread_addon()
        listing = self.configurators_store.reread()
        around = ChangeSet(addon=addon, configurators=listing)
        cfg = self.configurator
        if cfg is None or cfg.id is None:
            self._say(around)
            return
        if not self.configurators_store.is_listed(cfg.id):  # deleted elsewhere
            self.try_open(self.configurators_store.first_id(), around)
            return
        try:
            with self.gateway.session() as session:
                fresh = repo.load_configurator(session, cfg.id)
        except StoreError as exc:
            self.report(exc, reading=True)
            self._say(around)
            return
        if not outside_changes.same_shape(cfg, fresh):
            self._show(fresh, around, refreshed=True)
            return
        merged = outside_changes.merge_configurator(cfg, fresh)
        fresh.release()  # read only to compare: freed now, not by a walk over everything
        self._say(ChangeSet(merged.layers, None, merged.settings, addon, listing))

    def apply_changes(self, changes: list[Change]) -> None:
        """Show changes from the change log: a change to the open configurator's tree or
        settings re-reads it (refresh); changes to single layers read just those layers.
        This window's own writes are passed over: they are shown already."""
        changes = self.gateway.foreign(changes)
        if not changes:
            return
        cfg = self.configurator
        open_id = cfg.id if cfg is not None else None
        want = outside_changes.wanted(changes, open_id)
        if want.whole:
            self.refresh()
            return
        addon = want.site and self._reread_addon()
        listing = want.listing and self.configurators_store.reread()
        around = ChangeSet(addon=addon, configurators=listing)
        if cfg is not None and want.listing and not self.configurators_store.is_listed(cfg.id):
            self.try_open(self.configurators_store.first_id(), around)
            return
        ids = set(want.layer_ids)
        fresh: dict[int, Layer] = {}
        if ids:
            fresh = self.gateway.read(lambda session: repo.read_layers(session, ids), fresh)
        layers = outside_changes.merge_layers(self.live.layers, fresh)
        self._say(ChangeSet(layers, None, frozenset(), addon, listing))

    def _say(self, change: ChangeSet) -> None:
        if change:
            self.changed.emit(change)

    # --- add-on --------------------------------------------------------------------------
    def _reread_addon(self) -> bool:
        """Read the add-on again; whether it was switched (elsewhere) since last read."""
        state = self.gateway.read(repo.addon_state, (self._addon, self._addon_version))
        addon, self._addon_version = state
        switched = addon != self._addon
        self._addon = addon
        return switched

    def set_addon(self, active: bool) -> None:
        """Switch the add-on as this window last read it: when it was switched elsewhere
        since, nothing is written, the window shows the fresh state and ConflictError says so."""
        try:
            with self.gateway.session() as session:
                repo.set_addon(session, active, expected_version=self._addon_version)
        except ConflictError:
            self._say(ChangeSet(addon=self._reread_addon()))
            raise ConflictError(conflicts.addon_switched(self._addon, active)) from None
        self._addon = active
        self._addon_version += 1
        self.changed.emit(ChangeSet(addon=True))

    # --- layers (the writes are OpenConfigurator's) -----------------------------------------
    def set_layer_fields(
        self,
        layer_id: int,
        changes: Mapping[LayerField, Any],
        believed: Mapping[LayerField, Any] | None = None,
    ) -> None:
        """Write changes made against the layer as this window holds it (believed: what an
        undo or redo expects it to hold); refused when it was changed elsewhere since."""
        self.changed.emit(self.live.set_fields(layer_id, changes, believed))

    def set_stock_of_many(
        self,
        configurator_id: int,
        changes: Mapping[int, Mapping[LayerField, Any]],
        believed: Mapping[int, Mapping[LayerField, Any]] | None = None,
    ) -> None:
        """Stock fields of many options in one transaction; one change set says which."""
        self._say(self.live.set_stock_of_many(configurator_id, changes, believed))

    def insert_layer(
        self,
        parent_id: int | None,
        row: int,
        layer: Layer,
        *,
        keep_ids: bool = False,
        reveal: bool = False,
    ) -> Layer:
        """Insert a detached layer (and its subtree) at row; returns the inserted object.
        reveal: it came back (an undone delete), and views show it open and selected."""
        self.changed.emit(self.live.insert(parent_id, row, layer, keep_ids=keep_ids, reveal=reveal))
        return layer

    def snapshot_layer(self, layer_id: int) -> Layer:
        """A detached deep copy of a layer's subtree, ids kept (for undoing its deletion)."""
        return self._layers[layer_id].clone()

    def remove_layer(self, layer_id: int) -> None:
        """Delete a layer as this window holds it (refused when changed elsewhere since)."""
        self.changed.emit(self.live.remove(layer_id))

    def move_layer(self, layer_id: int, new_parent_id: int | None, new_row: int) -> None:
        """Move to new_row among the new parent's children as they are without the layer."""
        self.changed.emit(self.live.move(layer_id, new_parent_id, new_row))
