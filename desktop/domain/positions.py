"""Where layers stand in a configurator's tree: the storefront sorts a selection into layer
order and tells whether an option is still in the tree with these, without walking every option
and without an index that every insert, removal or move would have to keep up to date.

Pure Python, no state beyond one call or one Outline (while the tree stays put).
"""

from __future__ import annotations

from .model import Layer


class Positions:
    """Position paths (each ancestor's row among its siblings, from the top level down) of
    layers in one tree, for as long as no layer is inserted, removed or moved: the length of
    one call, or of an Outline.

    Each layer's path is worked out once and remembered (an option's from its parent's, so a
    group's is shared by its options). The first layer looked up in a list of siblings scans
    it (`list.index`, a loop in C: cheap for the one choice a group usually holds); a second
    one indexes the whole list at once. So any number of lookups under one parent cost at most
    twice its size: a thousand choices in one multiple-choice group of 100,000 options, or a
    thousand chosen groups at the top level, are not a thousand scans of the list.
    """

    __slots__ = ("_paths", "_rows", "_top")

    def __init__(self, top_level: list[Layer]) -> None:
        self._top = top_level
        # Ids are safe keys here: the layers and lists asked about live at least as long as
        # this (the caller's call, or the tree that the Outline holding this describes).
        self._paths: dict[int, tuple[int, ...] | None] = {}  # by id(layer)
        # id(siblings list) → None once scanned, then its rows by id(layer) once indexed.
        self._rows: dict[int, dict[int, int] | None] = {}

    def of(self, layer: Layer) -> tuple[int, ...] | None:
        """layer's position path; None when it, or one of its ancestors, is no longer in the
        tree (a removed layer keeps its parent, so each level is checked)."""
        key = id(layer)
        if key in self._paths:
            return self._paths[key]
        parent = layer.parent
        path: tuple[int, ...] | None = None
        if parent is None:
            row = self._row(layer, self._top)
            if row is not None:
                path = (row,)
        else:
            row = self._row(layer, parent.children)
            above = None if row is None else self.of(parent)
            if above is not None and row is not None:
                path = (*above, row)
        self._paths[key] = path
        return path

    def holds(self, layer: Layer) -> bool:
        """Whether layer is in the tree."""
        return self.of(layer) is not None

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
