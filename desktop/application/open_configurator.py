"""The configurator a window has open, and the writes to its layers, without Qt
(docs/architecture.md).

`OpenConfigurator` holds the open configurator's live tree (the objects every view shows) with
its layers by id, and makes each layer write: one transaction through the `StoreGateway`, the
same change on the live objects (the tree through `Configurator.insert`, `remove` and `move`),
and the `ChangeSet` that says what changed, for the window's document to emit. An edit made
against a value changed elsewhere is refused with the words of `domain/conflicts.py`, after the
window has read the fresh state (docs/team-database.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..domain import conflicts
from ..domain.change_set import ChangeSet, Inserted, Moved, Removed
from ..domain.conflicts import changed_elsewhere
from ..domain.fields import LayerField, get_layer_field, set_layer_field
from ..domain.model import Configurator, Layer
from ..store import repository as repo
from ..store.repository import ConflictError, StorageError, StoreError
from .gateway import StoreGateway


class TreeHooks:
    """Told just before the tree changes, as Qt's item models must be (begin… calls)."""

    def __init__(
        self,
        inserting: Callable[[Layer | None, int], None],
        removing: Callable[[Layer], None],
        moving: Callable[[Layer, Layer | None, int], None],
    ) -> None:
        self.inserting = inserting  # parent (None: the top level), row
        self.removing = removing  # the layer
        self.moving = moving  # the layer, its new parent, its row among the new siblings


class OpenConfigurator:
    """The open configurator (None: none), its layers by id, and writes to them."""

    def __init__(
        self, gateway: StoreGateway, refresh: Callable[[], None], hooks: TreeHooks
    ) -> None:
        self.gateway = gateway
        # Re-reads what the window shows (the document's refresh), after a refusal.
        self.refresh = refresh
        self.hooks = hooks
        self.configurator: Configurator | None = None
        # The open configurator's layers by id. One dict for the window's life, changed in
        # place: the document looks layers up in it directly (the tree model asks it about
        # every row it lays out, where a call more per lookup shows).
        self.layers: dict[int, Layer] = {}
        self._layers = self.layers

    def replace(self, cfg: Configurator | None) -> Configurator | None:
        """Hold cfg from now on; the configurator held before."""
        previous, self.configurator = self.configurator, cfg
        self._layers.clear()
        if cfg is not None:
            self._layers.update((layer.id, layer) for layer in cfg.walk())  # type: ignore[misc]  # a held layer is stored
        return previous

    # --- reads ---------------------------------------------------------------------------
    def _held(self, layer_id: int) -> Layer:
        layer = self._layers.get(layer_id)
        if layer is None:  # already gone from this window: it was deleted elsewhere
            raise ConflictError(conflicts.LAYER_GONE)
        return layer

    def _require_open(self) -> Configurator:
        if self.configurator is None or self.configurator.id is None:
            raise RuntimeError("no configurator is open")
        return self.configurator

    # --- fields --------------------------------------------------------------------------
    def set_fields(
        self,
        layer_id: int,
        changes: Mapping[LayerField, Any],
        believed: Mapping[LayerField, Any] | None = None,
    ) -> ChangeSet:
        """Write changes made against the layer as the window holds it. believed (an undo,
        a redo): the values the edit expects the fields to hold now; when they were changed
        elsewhere since, it is refused. A layer stored at another version than the window
        holds (changed elsewhere, not yet shown) is refused too: nothing is written, the
        window is refreshed and ConflictError says what changed."""
        layer = self._held(layer_id)
        current = {field: get_layer_field(layer, field) for field in changes}
        if believed is not None and any(current[f] != believed.get(f, current[f]) for f in current):
            message = changed_elsewhere(layer.name, changes, believed, current)
            raise ConflictError(message, layer_id=layer_id)
        try:
            with self.gateway.session() as session:
                stored = repo.update_layer(
                    session, layer_id, changes, expected_version=layer.version
                )
        except ConflictError:
            raise self._conflict(layer, changes, current) from None
        for field, value in stored.items():
            set_layer_field(layer, field, value)
        layer.version += 1
        return ChangeSet(layers={layer: frozenset(stored)})

    def set_stock_of_many(
        self,
        configurator_id: int,
        changes: Mapping[int, Mapping[LayerField, Any]],
        believed: Mapping[int, Mapping[LayerField, Any]] | None = None,
    ) -> ChangeSet:
        """Stock fields of many options in one transaction. believed: as set_fields, per
        option. One option changed elsewhere refuses them all: the window is refreshed and
        ConflictError names it."""
        for layer_id, expected in (believed or {}).items():
            layer = self._layers.get(layer_id)
            if layer is None:
                raise ConflictError(conflicts.OPTION_GONE)
            current = {field: get_layer_field(layer, field) for field in expected}
            if current != dict(expected):
                message = changed_elsewhere(layer.name, changes[layer_id], expected, current)
                raise ConflictError(message, layer_id=layer_id)
        versions = {i: self._layers[i].version for i in changes if i in self._layers}
        try:
            with self.gateway.session() as session:
                stored = repo.update_layers(
                    session, configurator_id, changes, expected_versions=versions
                )
        except ConflictError as exc:
            conflicted = self._layers.get(exc.layer_id) if exc.layer_id is not None else None
            if conflicted is None or conflicted.id is None:
                self.refresh()
                raise
            fields = changes[conflicted.id]
            current = {field: get_layer_field(conflicted, field) for field in fields}
            raise self._conflict(conflicted, fields, current) from None
        changed: dict[Layer, frozenset[LayerField]] = {}
        for layer_id, values in stored.items():
            if not values:
                continue
            layer = self._layers[layer_id]
            for field, value in values.items():
                set_layer_field(layer, field, value)
            layer.version += 1
            changed[layer] = frozenset(values)
        return ChangeSet(layers=changed)

    # --- the tree ------------------------------------------------------------------------
    def insert(
        self,
        parent_id: int | None,
        row: int,
        layer: Layer,
        *,
        keep_ids: bool = False,
        reveal: bool = False,
    ) -> ChangeSet:
        """Insert a detached layer (and its subtree) at row; the change set names it.
        reveal: it came back (an undone delete), and views show it open and selected."""
        cfg = self._require_open()
        parent = self._layers[parent_id] if parent_id is not None else None
        row = cfg.insertion_row(parent, row)
        try:
            with self.gateway.session() as session:
                repo.insert_layer(session, cfg.id, parent_id, row, layer, keep_ids=keep_ids)  # type: ignore[arg-type]  # the open configurator is stored
        except StoreError as exc:
            raise self._if_gone(exc, [parent]) from None
        self.hooks.inserting(parent, row)
        cfg.insert(parent, row, layer)
        for node in layer.walk():
            self._layers[node.id] = node  # type: ignore[index]  # a held layer is stored
        return ChangeSet(tree=Inserted(layer, revealed=reveal))

    def remove(self, layer_id: int) -> ChangeSet:
        """Delete a layer as the window holds it (refused when changed elsewhere since)."""
        layer = self._held(layer_id)
        cfg = self._require_open()
        try:
            with self.gateway.session() as session:
                repo.delete_layer(session, layer_id, expected_version=layer.version)
        except ConflictError:
            raise self._conflict(layer, {}, {}) from None
        self.hooks.removing(layer)
        parent, row = cfg.remove(layer)
        for node in layer.walk():
            self._layers.pop(node.id, None)  # type: ignore[arg-type]  # a held layer is stored
        return ChangeSet(tree=Removed(layer, parent, row))

    def move(self, layer_id: int, new_parent_id: int | None, new_row: int) -> ChangeSet:
        """Move to new_row among the new parent's children as they are without the layer."""
        layer = self._held(layer_id)
        new_parent = self._held(new_parent_id) if new_parent_id is not None else None
        cfg = self._require_open()
        try:
            with self.gateway.session() as session:
                repo.move_layer(
                    session, layer_id, new_parent_id, new_row, expected_version=layer.version
                )
        except ConflictError:
            raise self._conflict(layer, {}, {}) from None
        except StoreError as exc:
            raise self._if_gone(exc, [layer, new_parent]) from None
        layer.version += 1
        self.hooks.moving(layer, new_parent, cfg.move_row(layer, new_parent, new_row))
        old_parent, old_row = cfg.move(layer, new_parent, new_row)
        return ChangeSet(tree=Moved(layer, old_parent, old_row))

    # --- refusals ------------------------------------------------------------------------
    def _conflict(
        self, layer: Layer, changes: Mapping[LayerField, Any], believed: Mapping[LayerField, Any]
    ) -> ConflictError:
        """Refresh from the store, then the refusal in words: what changed, to what."""
        stale = {field: get_layer_field(layer, field) for field in LayerField}
        name = layer.name
        self.refresh()
        fresh = self._layers.get(layer.id) if layer.id is not None else None
        fresh_values = None if fresh is None else {f: get_layer_field(fresh, f) for f in LayerField}
        message = changed_elsewhere(name, changes, {**stale, **believed}, fresh_values)
        return ConflictError(message, layer_id=layer.id, gone=fresh is None)

    def _if_gone(self, exc: StoreError, layers: list[Layer | None]) -> StoreError:
        """A structural edit refused because a layer it names was deleted elsewhere: the
        window is refreshed and the refusal names that layer."""
        ids = {layer.id for layer in layers if layer is not None and layer.id is not None}
        if isinstance(exc, StorageError) or not ids:
            return exc
        stored = self.gateway.read(lambda session: repo.read_layers(session, ids), None)
        if stored is None or len(stored) == len(ids):
            return exc
        gone = next(layer for layer in layers if layer is not None and layer.id not in stored)
        self.refresh()
        return ConflictError(
            changed_elsewhere(gone.name, {}, {}, None), layer_id=gone.id, gone=True
        )
