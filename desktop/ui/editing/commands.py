"""Every edit the window makes, as a QUndoCommand. Each captures what it replaces when built,
calls only Document methods, and refers to configurators and layers by id so that undo still
works after the configurator was closed and reopened (it reopens it first).

A command whose write is refused or fails (StoreError, StorageError included) keeps the error
(`error`, whose `field` says which field it concerns), makes itself obsolete, so QUndoStack drops
it — on push, and on an undo or redo that fails — and the document reports it, once, through its
`failed` signal. What the command would have changed is left as the store holds it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from ...domain import texts
from ...domain.fields import ConfiguratorField, LayerField, get_layer_field
from ...domain.model import Configurator, Layer
from ...store.corrupt import CorruptDataError
from ...store.repository import StorageError, StoreError
from ...store.stored_rows import StoredRows
from . import edit_messages
from .document import Document

MERGE_LAYER_FIELD = 1


class UndoTarget(Protocol):
    """Where commands are pushed: a QUndoStack, or the window's UndoStacks, which puts each
    on the stack of the configurator it edits (docs/editing.md)."""

    def push(self, command: QUndoCommand) -> None: ...


def push(stack: UndoTarget, command: QUndoCommand) -> bool:
    """Push and tell whether the edit happened (False when its write was refused)."""
    stack.push(command)
    return getattr(command, "error", None) is None


class _Command(QUndoCommand):
    """Shared refusal handling: redo/undo bodies go in _redo/_undo."""

    def __init__(self, document: Document, text: str) -> None:
        super().__init__(text)
        self.document = document
        # The refusal or failure of the last redo or undo, as the store raised it.
        self.error: StoreError | None = None
        self._said_once = False

    def _guard(self, action: Callable[[], None]) -> bool:
        offline = self.document.gateway.offline
        try:
            if offline is not None:  # the server is gone: refuse at once
                raise StorageError(offline, lasting=False)
            if self.document.read_only is not None:  # nothing to try (read_only_mode.py)
                raise StoreError(f"the database is read-only ({self.document.read_only})")
            self._before()
            action()
        except StoreError as exc:
            self.error = exc
            self.setObsolete(True)
            self.document.report(exc)
            return False
        self.error = None
        return True

    def redo(self) -> None:
        if self._guard(self._redo):
            # Every edit is said in the status bar (docs/editing.md).
            verb = edit_messages.REDONE if self._said_once else edit_messages.SAVED
            self._said_once = True
            self.document.tell_edited(f"{verb}: {self.describe(undone=False)}")

    def undo(self) -> None:
        if self._guard(self._undo):
            self.document.tell_edited(f"{edit_messages.UNDONE}: {self.describe(undone=True)}")

    def describe(self, *, undone: bool) -> str:
        """What the edit changed (undone: what its undo changed back), for the status bar."""
        return self.text()

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def _before(self) -> None:
        """Runs before each redo and undo."""

    def undo_scope(self) -> int | None:
        """The configurator whose undo stack holds this edit; None: the configurators list's
        (an edit of the list itself, or of the whole site)."""
        return None


class _LayerCommand(_Command):
    """An edit inside the open configurator. It remembers which one, and each redo or undo
    reopens it first, so the edit is applied (and seen) where it was made."""

    def __init__(self, document: Document, text: str) -> None:
        super().__init__(document, text)
        assert document.configurator is not None and document.configurator.id is not None
        self.configurator_id = document.configurator.id

    def _before(self) -> None:
        self.document.ensure_open(self.configurator_id)

    def undo_scope(self) -> int | None:
        return self.configurator_id

    def _place(self, layer: Layer) -> tuple[int | None, int]:
        """(parent id, row) of a layer of the open configurator."""
        assert self.document.configurator is not None
        siblings = self.document.configurator.children_of(layer.parent)
        return (layer.parent.id if layer.parent is not None else None), siblings.index(layer)


class SetLayerFields(_LayerCommand):
    """Set one or more fields of a layer."""

    def __init__(
        self,
        document: Document,
        layer_id: int,
        fields: dict[LayerField, Any],
        text: str,
        *,
        mergeable: bool = False,
    ) -> None:
        super().__init__(document, text)
        layer = document.layer(layer_id)
        self.layer_id = layer_id
        self.new = dict(fields)
        self.old = {field: get_layer_field(layer, field) for field in fields}
        self.name = layer.name
        self.mergeable = mergeable
        self.done_once = False

    def describe(self, *, undone: bool) -> str:
        before, after = (self.new, self.old) if undone else (self.old, self.new)
        name = after.get(LayerField.NAME, self.name)
        return edit_messages.layer_change(str(name), before, after)

    def _redo(self) -> None:
        # A redo after an undo expects the layer as the undo left it: when it was changed
        # elsewhere since, the redo is refused (as the first one is, by the version check,
        # when the window showed a stale value).
        believed = self.old if self.done_once else None
        self.document.set_layer_fields(self.layer_id, self.new, believed)
        self.done_once = True

    def _undo(self) -> None:
        self.document.set_layer_fields(self.layer_id, self.old, self.new)

    def id(self) -> int:
        return MERGE_LAYER_FIELD if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Spin-box arrow steps on one field of one layer become a single undo step.
        if not isinstance(other, SetLayerFields) or not other.mergeable:
            return False
        if other.layer_id != self.layer_id or other.new.keys() != self.new.keys():
            return False
        self.new = other.new
        return True


class SetConfiguratorFields(_Command):
    """Global settings or rename: fields of one configurator."""

    def __init__(
        self,
        document: Document,
        configurator_id: int,
        fields: dict[ConfiguratorField, Any],
        text: str,
    ) -> None:
        super().__init__(document, text)
        self.configurator_id = configurator_id
        self.new = dict(fields)
        # Read by the first redo (inside its failure handling): a closed configurator's
        # values come from the database, which may fail.
        self.old: dict[ConfiguratorField, Any] | None = None
        self.version = 0  # the version the first redo's read saw

    def _redo(self) -> None:
        if self.old is None:
            self.old, self.version = self.document.configurator_fields(
                self.configurator_id, list(self.new)
            )
            self.document.set_configurator_fields(
                self.configurator_id, self.new, expected_version=self.version
            )
            return
        # After an undo: refused when the fields were changed elsewhere since (see
        # SetLayerFields).
        self.document.set_configurator_fields(
            self.configurator_id, self.new, believed=self._only(self.old)
        )

    def _undo(self) -> None:
        assert self.old is not None  # the first redo read it
        self.document.set_configurator_fields(
            self.configurator_id, self._only(self.old), believed=self.new
        )

    def describe(self, *, undone: bool) -> str:
        if self.old is None:
            return self.text()
        old = self._only(self.old)
        before, after = (self.new, old) if undone else (old, self.new)
        return edit_messages.configurator_change(before, after)

    def _only(self, values: dict[ConfiguratorField, Any]) -> dict[ConfiguratorField, Any]:
        return {field: value for field, value in values.items() if field in self.new}

    def _before(self) -> None:
        # A settings edit is seen in the preview, so undoing one reopens its configurator;
        # a rename is seen in the list and needs no switch.
        if self._settings():
            self.document.ensure_open(self.configurator_id)

    def _settings(self) -> bool:
        return bool(set(self.new) - {ConfiguratorField.NAME})

    def undo_scope(self) -> int | None:
        # A rename is an edit of the list (seen there); settings are the configurator's own.
        return self.configurator_id if self._settings() else None


class SetAddon(_Command):
    """The site-wide Stock Management add-on switch. It goes into the history on screen (the
    open configurator's, or the list's while the list has the focus), where its effect is
    seen (docs/editing.md)."""

    follows_screen = True

    def __init__(self, document: Document, active: bool) -> None:
        verb = "Enable" if active else "Disable"
        super().__init__(document, f"{verb} Stock Management add-on")
        self.active = active

    def _redo(self) -> None:
        self.document.set_addon(self.active)

    def _undo(self) -> None:
        self.document.set_addon(not self.active)


class InsertLayer(_LayerCommand):
    """Add a new layer (or a pasted subtree) under a parent at a row."""

    def __init__(
        self, document: Document, parent_id: int | None, row: int, layer: Layer, text: str
    ) -> None:
        super().__init__(document, text)
        self.parent_id = parent_id
        self.row = row
        self.template = layer
        self.layer_id: int | None = None

    def _redo(self) -> None:
        keep = self.layer_id is not None  # later redos restore the ids the first one got
        inserted = self.document.insert_layer(
            self.parent_id, self.row, self.template.clone(), keep_ids=keep
        )
        if not keep:
            self.layer_id = inserted.id
            self.template = self.document.snapshot_layer(inserted.id)  # type: ignore[arg-type]  # stored just above

    def _undo(self) -> None:
        assert self.layer_id is not None
        self.document.remove_layer(self.layer_id)


class RemoveLayer(_LayerCommand):
    """Delete a layer with everything under it; undo puts it back with the same ids."""

    def __init__(self, document: Document, layer_id: int) -> None:
        layer = document.layer(layer_id)
        super().__init__(document, f'Delete "{layer.name}"')
        self.layer_id = layer_id
        self.name = layer.name
        self.parent_id, self.row = self._place(layer)
        self.snapshot = document.snapshot_layer(layer_id)
        self.under = sum(1 for _ in self.snapshot.walk()) - 1

    def _redo(self) -> None:
        self.document.remove_layer(self.layer_id)

    def _undo(self) -> None:
        # A group comes back open and selected, so the merchant sees what returned
        # (docs/editing.md); an option's row simply reappears.
        self.document.insert_layer(
            self.parent_id,
            self.row,
            self.snapshot.clone(),
            keep_ids=True,
            reveal=self.snapshot.is_group,
        )

    def describe(self, *, undone: bool) -> str:
        under = self.under
        what = f'"{self.name}"' + (f" with {texts.layers_under(under)}" if under else "")
        return f"{what} restored" if undone else f"{what} deleted"


class MoveLayer(_LayerCommand):
    """Reorder within a parent or move to another parent (drag and drop, Move up/down)."""

    def __init__(
        self, document: Document, layer_id: int, new_parent_id: int | None, new_row: int
    ) -> None:
        layer = document.layer(layer_id)
        super().__init__(document, f'Move "{layer.name}"')
        self.layer_id = layer_id
        self.old_parent_id, self.old_row = self._place(layer)
        self.new_parent_id = new_parent_id
        self.new_row = new_row

    def _redo(self) -> None:
        self.document.move_layer(self.layer_id, self.new_parent_id, self.new_row)

    def _undo(self) -> None:
        self.document.move_layer(self.layer_id, self.old_parent_id, self.old_row)


class _KeepsConfigurator(_Command):
    """A command that keeps a whole configurator (a snapshot) for its undo or redo; only
    ever copied from, never shown."""

    snapshot: Configurator | None = None

    def __del__(self) -> None:
        # Dropped by the undo stack: the snapshot is freed now rather than at the cycle
        # collector's next walk over everything (see Configurator.release).
        if self.snapshot is not None:
            self.snapshot.release()


class _AddConfigurator(_KeepsConfigurator):
    """A configurator that the first redo writes; later redos restore it with the same ids,
    so commands further up the stack still find it. The new configurator is opened.

    The copy a redo restores is read by the undo, just before the delete: the first redo then
    reads the new configurator once (to open it), not twice, which is a second at 100,000
    options; and the redo puts back what the undo took away."""

    def __init__(self, document: Document, text: str) -> None:
        super().__init__(document, text)
        self.snapshot: Configurator | None = None
        self.configurator_id: int | None = None

    def _first_write(self) -> int:
        raise NotImplementedError

    def _redo(self) -> None:
        if self.configurator_id is None:
            self.configurator_id = self._first_write()
            self.document.open_configurator(self.configurator_id)
            return
        assert self.snapshot is not None  # the undo took it
        self.document.restore_configurator(self.snapshot)
        self.document.open_configurator(self.configurator_id, loaded=self.snapshot)

    def _undo(self) -> None:
        assert self.configurator_id is not None
        snapshot = self.document.snapshot_configurator(self.configurator_id)
        if self.snapshot is not None:
            self.snapshot.release()  # the last undo's: only ever copied, never shown
        self.snapshot = snapshot
        self.document.delete_configurator(self.configurator_id)


class CreateConfigurator(_AddConfigurator):
    """A new, empty configurator."""

    def __init__(self, document: Document, name: str, **fields: Any) -> None:
        super().__init__(document, f'New configurator "{name}"')
        self.name = name
        self.fields = fields

    def _first_write(self) -> int:
        return self.document.create_configurator(self.name, **self.fields)


class DuplicateConfigurator(_AddConfigurator):
    """A copy of a configurator with its whole layer tree."""

    def __init__(self, document: Document, source_id: int, new_name: str) -> None:
        super().__init__(document, f'Duplicate as "{new_name}"')
        self.source_id = source_id
        self.new_name = new_name

    def _first_write(self) -> int:
        return self.document.duplicate_configurator(self.source_id, self.new_name)


class DeleteConfigurator(_KeepsConfigurator):
    """Delete a configurator; undo restores it exactly (same ids) and reopens it. When the
    open one goes, every redo (the first, and each after an undo) opens the first one left,
    so the window never stays on "No configurator open" while others exist."""

    def __init__(self, document: Document, configurator_id: int, name: str) -> None:
        super().__init__(document, f'Delete configurator "{name}"')
        self.name = name
        self.configurator_id = configurator_id
        self.snapshot: Configurator | None = None  # taken by the first redo, which may fail
        # A damaged configurator cannot be read: its rows as stored, for the undo instead.
        self.rows: StoredRows | None = None
        self.was_open = (
            document.configurator is not None and document.configurator.id == configurator_id
        )

    def _redo(self) -> None:
        if self.snapshot is None and self.rows is None:
            try:
                self.snapshot = self.document.snapshot_configurator(self.configurator_id)
            except CorruptDataError:  # damaged: still deleted, and put back by undo
                self.rows = self.document.stored_rows(self.configurator_id)
        closing = self.document.configurator is not None and (
            self.document.configurator.id == self.configurator_id
        )
        self.document.delete_configurator(self.configurator_id)
        left = self.document.configurators()
        if closing and left:
            # Navigation, not part of the edit: a failed read is reported, the delete stands.
            self.document.try_open(left[0].id)

    def describe(self, *, undone: bool) -> str:
        return f'configurator "{self.name}" {"restored" if undone else "deleted"}'

    def _undo(self) -> None:
        if self.rows is not None:  # damaged: back in the list, and still not opened
            self.document.restore_rows(self.rows)
            return
        assert self.snapshot is not None  # the first redo took it
        self.document.restore_configurator(self.snapshot)
        if self.was_open:
            self.document.open_configurator(self.configurator_id, loaded=self.snapshot)
