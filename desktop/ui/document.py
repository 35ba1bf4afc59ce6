"""The open database and configurator as the window sees them.

Every write goes through here: the repository writes one transaction, the same change is
mirrored onto the in-memory domain objects, and a signal says exactly what changed so each view
updates only that. Only undo commands call the mutating methods.

Signals:
    addonChanged(bool)
    configuratorsChanged()                 the list of configurators (names, additions, removals)
    configuratorOpened(object)             Configurator or None
    settingsChanged(set)                   global settings fields of the open configurator
    layerChanged(object, set)              Layer, the LAYER_FIELDS columns that changed
    layerAboutToBeInserted(object, int)    parent Layer or None, row
    layerInserted(object)                  the new Layer (its subtree included)
    layerAboutToBeRemoved(object)          Layer
    layerRemoved(object, object, int)      Layer, its former parent, its former row
    layerAboutToBeMoved(object, object, int)  Layer, new parent, row among the new siblings
    layerMoved(object, object, int)        Layer, old parent, old row
    writeFailed(str)                       a command's write was refused; the message says why
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..domain.model import Backorders, Configurator, Layer
from ..store import repository as repo
from ..store.database import Database
from ..store.repository import ConfiguratorSummary


class Document(QObject):
    """The model behind the window: one database, at most one open configurator."""

    addonChanged = Signal(bool)
    configuratorsChanged = Signal()
    configuratorOpened = Signal(object)
    settingsChanged = Signal(set)
    layerChanged = Signal(object, set)
    layerAboutToBeInserted = Signal(object, int)
    layerInserted = Signal(object)
    layerAboutToBeRemoved = Signal(object)
    layerRemoved = Signal(object, object, int)
    layerAboutToBeMoved = Signal(object, object, int)
    layerMoved = Signal(object, object, int)
    writeFailed = Signal(str)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.configurator: Configurator | None = None
        self._layers: dict[int, Layer] = {}
        with self.database.session() as session:
            self._addon = repo.addon_active(session)

    # --- reads ---------------------------------------------------------------------------
    @property
    def db_path(self) -> Path | None:
        return self.database.path

    @property
    def addon_active(self) -> bool:
        return self._addon

    def configurators(self) -> list[ConfiguratorSummary]:
        with self.database.session() as session:
            return repo.list_configurators(session)

    def last_configurator(self) -> int | None:
        with self.database.session() as session:
            return repo.last_configurator(session)

    def layer(self, layer_id: int) -> Layer:
        return self._layers[layer_id]

    def has_layer(self, layer_id: int) -> bool:
        return layer_id in self._layers

    def sku_owner(self, sku: str, exclude_id: int | None) -> str | None:
        """Name of another layer of the open configurator already using sku."""
        if self.configurator is None or not sku:
            return None
        exclude = {exclude_id} if exclude_id is not None else set()
        with self.database.session() as session:
            assert self.configurator.id is not None
            return repo.sku_owner(session, self.configurator.id, sku, exclude)

    def name_taken(self, name: str, exclude_id: int | None = None) -> bool:
        with self.database.session() as session:
            return repo.name_taken(session, name.strip(), exclude_id)

    def unique_name(self, wanted: str) -> str:
        with self.database.session() as session:
            return repo.unique_name(session, wanted)

    # --- configurators -------------------------------------------------------------------
    def open_configurator(self, configurator_id: int | None) -> None:
        if configurator_id is None:
            cfg = None
        else:
            with self.database.session() as session:
                cfg = repo.load_configurator(session, configurator_id)
                repo.set_last_configurator(session, configurator_id)
        self.configurator = cfg
        self._layers = {} if cfg is None else {layer.id: layer for layer in cfg.walk()}  # type: ignore[misc]
        self.configuratorOpened.emit(cfg)

    def ensure_open(self, configurator_id: int) -> None:
        """Commands call this so an undo acts on (and shows) the configurator it belongs to."""
        if self.configurator is None or self.configurator.id != configurator_id:
            self.open_configurator(configurator_id)

    def create_configurator(self, name: str, **fields: Any) -> int:
        with self.database.session() as session:
            new_id = repo.create_configurator(session, name, **fields)
        self.configuratorsChanged.emit()
        return new_id

    def duplicate_configurator(self, configurator_id: int, new_name: str) -> int:
        with self.database.session() as session:
            new_id = repo.duplicate_configurator(session, configurator_id, new_name)
        self.configuratorsChanged.emit()
        return new_id

    def snapshot_configurator(self, configurator_id: int) -> Configurator:
        """A detached copy with ids, for restoring after a delete."""
        with self.database.session() as session:
            return repo.load_configurator(session, configurator_id)

    def restore_configurator(self, snapshot: Configurator) -> int:
        restored = copy.deepcopy(snapshot)
        with self.database.session() as session:
            new_id = repo.insert_configurator(session, restored, keep_ids=True)
        self.configuratorsChanged.emit()
        return new_id

    def delete_configurator(self, configurator_id: int) -> None:
        if self.configurator is not None and self.configurator.id == configurator_id:
            self.open_configurator(None)
        with self.database.session() as session:
            repo.delete_configurator(session, configurator_id)
        self.configuratorsChanged.emit()

    def set_configurator_fields(self, configurator_id: int, **fields: Any) -> None:
        with self.database.session() as session:
            repo.update_configurator(session, configurator_id, **fields)
        cfg = self.configurator
        if cfg is not None and cfg.id == configurator_id:
            for key, value in fields.items():
                setattr(cfg, key, _normalised(key, value))
            self.settingsChanged.emit(set(fields))
        if "name" in fields:
            self.configuratorsChanged.emit()

    def configurator_fields(self, configurator_id: int, names: list[str]) -> dict[str, Any]:
        cfg = self.configurator
        if cfg is None or cfg.id != configurator_id:
            cfg = self.snapshot_configurator(configurator_id)
        return {name: getattr(cfg, name) for name in names}

    # --- add-on --------------------------------------------------------------------------
    def set_addon(self, active: bool) -> None:
        with self.database.session() as session:
            repo.set_addon(session, active)
        self._addon = active
        self.addonChanged.emit(active)

    # --- layers --------------------------------------------------------------------------
    def _require_open(self) -> Configurator:
        if self.configurator is None or self.configurator.id is None:
            raise RuntimeError("no configurator is open")
        return self.configurator

    def set_layer_fields(self, layer_id: int, **fields: Any) -> None:
        with self.database.session() as session:
            repo.update_layer(session, layer_id, **fields)
        layer = self._layers[layer_id]
        for column, value in fields.items():
            repo.set_layer_field(layer, column, value.strip() if column == "name" else value)
        self.layerChanged.emit(layer, set(fields))

    def insert_layer(
        self, parent_id: int | None, row: int, layer: Layer, *, keep_ids: bool = False
    ) -> Layer:
        """Insert a detached layer (and its subtree) at row; returns the inserted object."""
        cfg = self._require_open()
        parent = self._layers[parent_id] if parent_id is not None else None
        siblings = cfg.children_of(parent)
        row = min(max(row, 0), len(siblings))
        with self.database.session() as session:
            repo.insert_layer(session, cfg.id, parent_id, row, layer, keep_ids=keep_ids)  # type: ignore[arg-type]
        self.layerAboutToBeInserted.emit(parent, row)
        layer.parent = parent
        siblings.insert(row, layer)
        for node in layer.walk():
            self._layers[node.id] = node  # type: ignore[index]
        self.layerInserted.emit(layer)
        return layer

    def snapshot_layer(self, layer_id: int) -> Layer:
        """A detached deep copy of a layer's subtree, ids kept (for undoing its deletion)."""
        layer = self._layers[layer_id]
        parent, layer.parent = layer.parent, None
        try:
            return copy.deepcopy(layer)
        finally:
            layer.parent = parent

    def remove_layer(self, layer_id: int) -> None:
        layer = self._layers[layer_id]
        cfg = self._require_open()
        with self.database.session() as session:
            repo.delete_layer(session, layer_id)
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
        layer = self._layers[layer_id]
        cfg = self._require_open()
        new_parent = self._layers[new_parent_id] if new_parent_id is not None else None
        with self.database.session() as session:
            repo.move_layer(session, layer_id, new_parent_id, new_row)
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


def _normalised(key: str, value: Any) -> Any:
    """The in-memory form of a configurator field as the repository stored it."""
    if key == "name":
        return str(value).strip()
    if key == "backorders":
        return Backorders(value)  # the rules compare members, never plain strings
    return value
