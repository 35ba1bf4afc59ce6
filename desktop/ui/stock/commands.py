"""Undoable stock edits of many options at once: a bulk edit, a paste into the stock table, an
applied stock sheet. One command is one undo step, written in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...domain.collector import collector_paused
from ...domain.fields import LayerField, get_layer_field
from ...domain.model import Layer
from ..editing.commands import _LayerCommand
from ..editing.document import Document

# Each field's values by option id: a handful of dicts per command whatever its size. A dict of
# fields per option would be tens of thousands of objects that the undo stack keeps, each one
# counted towards the cycle collector's next full pass over everything the window holds (a
# quarter of a second with a 100,000-option configurator open).
Columns = dict[LayerField, dict[int, Any]]


class SetStockOfMany(_LayerCommand):
    """Set stock fields of many options of the open configurator; undo puts back exactly
    what each held before (only the fields this edit changed)."""

    def __init__(
        self, document: Document, changes: Mapping[Layer, Mapping[LayerField, Any]], text: str
    ) -> None:
        super().__init__(document, text)
        self.ids: list[int] = []  # in the order given, which a refusal's first option follows
        new: Columns = {}
        old: Columns = {}
        with collector_paused():
            for layer, fields in changes.items():
                assert layer.id is not None
                self.ids.append(layer.id)
                for field, value in fields.items():
                    new.setdefault(field, {})[layer.id] = value
                    old.setdefault(field, {})[layer.id] = get_layer_field(layer, field)
        self.new = {f: new[f] for f in LayerField if f in new}  # fields in their usual order
        self.old = {f: old[f] for f in LayerField if f in old}
        self.done_once = False

    @property
    def count(self) -> int:
        return len(self.ids)

    def _redo(self) -> None:
        # After an undo, refused when an option was changed elsewhere since (SetLayerFields).
        with collector_paused():
            believed = _by_option(self.ids, self.old) if self.done_once else None
            self.document.set_stock_of_many(
                self.configurator_id, _by_option(self.ids, self.new), believed
            )
        self.done_once = True

    def _undo(self) -> None:
        with collector_paused():
            self.document.set_stock_of_many(
                self.configurator_id, _by_option(self.ids, self.old), _by_option(self.ids, self.new)
            )


def _by_option(ids: list[int], columns: Columns) -> dict[int, dict[LayerField, Any]]:
    """The fields of each option, as the document writes them (built for the write only)."""
    return {i: {f: values[i] for f, values in columns.items() if i in values} for i in ids}
