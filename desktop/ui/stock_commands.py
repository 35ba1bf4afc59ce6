"""Undoable stock edits of many options at once: a bulk edit, a paste into the stock table, an
applied stock sheet. One command is one undo step, written in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.fields import LayerField, get_layer_field
from ..domain.model import Layer
from .commands import _LayerCommand
from .document import Document


class SetStockOfMany(_LayerCommand):
    """Set stock fields of many options of the open configurator; undo puts back exactly
    what each held before (only the fields this edit changed)."""

    def __init__(
        self, document: Document, changes: Mapping[Layer, Mapping[LayerField, Any]], text: str
    ) -> None:
        super().__init__(document, text)
        self.new: dict[int, dict[LayerField, Any]] = {}
        self.old: dict[int, dict[LayerField, Any]] = {}
        for layer, fields in changes.items():
            assert layer.id is not None
            self.new[layer.id] = dict(fields)
            self.old[layer.id] = {f: get_layer_field(layer, f) for f in fields}
        self.done_once = False

    @property
    def count(self) -> int:
        return len(self.new)

    def _redo(self) -> None:
        # After an undo, refused when an option was changed elsewhere since (SetLayerFields).
        believed = self.old if self.done_once else None
        self.document.set_stock_of_many(self.configurator_id, self.new, believed)
        self.done_once = True

    def _undo(self) -> None:
        self.document.set_stock_of_many(self.configurator_id, self.old, self.new)
