"""Where layers stand in a configurator's tree: the storefront sorts a selection into layer
order and tells whether an option is still in the tree with these, without walking every option
and without an index that every insert, removal or move would have to keep up to date.

Pure Python, no state beyond one call: the tree may change between calls.
"""

from __future__ import annotations

from .model import Layer


class Positions:
    """Position paths (each ancestor's row among its siblings, from the top level down) of
    layers in one tree, for the length of one call.

    The first lookup in a list of siblings scans it (`list.index`, a loop in C: cheap for the
    one choice a group usually holds); a second lookup in the same list indexes the whole list
    at once. So any number of lookups under one parent cost at most twice its size: a thousand
    choices in one multiple-choice group of 100,000 options, or a thousand chosen groups at the
    top level, are not a thousand scans of the list.
    """

    __slots__ = ("_rows", "_top")

    def __init__(self, top_level: list[Layer]) -> None:
        self._top = top_level
        # id(siblings list) → None once scanned, then its rows by id(layer) once indexed.
        # Ids are safe keys here: the lists live as long as the tree, which outlives the call.
        self._rows: dict[int, dict[int, int] | None] = {}

    def of(self, layer: Layer) -> tuple[int, ...] | None:
        """layer's position path; None when it, or one of its ancestors, is no longer in the
        tree (a removed layer keeps its parent, so each level is checked)."""
        path: list[int] = []
        node = layer
        while node.parent is not None:
            row = self._row(node, node.parent.children)
            if row is None:
                return None
            path.append(row)
            node = node.parent
        row = self._row(node, self._top)
        if row is None:
            return None
        path.append(row)
        path.reverse()
        return tuple(path)

    def _row(self, layer: Layer, siblings: list[Layer]) -> int | None:
        key = id(siblings)
        if key not in self._rows:
            self._rows[key] = None
            # list.index compares by identity first (layers have no __eq__).
            try:
                return siblings.index(layer)
            except ValueError:
                return None
        rows = self._rows[key]
        if rows is None:
            rows = self._rows[key] = {id(s): i for i, s in enumerate(siblings)}
        return rows.get(id(layer))
