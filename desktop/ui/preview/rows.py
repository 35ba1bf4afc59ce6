"""Where each group header and option sits in the preview's virtual option list.

Pure Python (no widgets): the option list asks it which rows fall inside the viewport and where
one option's row is. Rows are kept per top-level group ("section") so an edit inside a group
re-lays out that group only; finding the rows at a scroll position is two bisections. A
section is only measured until it is first needed: its rows are built when it scrolls into
view or one of its options is looked up, so opening 10,000 options builds a few hundred rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from ...domain.model import Configurator, Layer, LayerType


class RowKind(Enum):
    GROUP = "group"
    SUB_GROUP = "sub_group"
    OPTION = "option"


@dataclass(slots=True)
class Row:
    """One line of the option list: a group or sub-group header, or an option."""

    kind: RowKind
    layer: Layer
    top: int  # within its section
    height: int
    depth: int  # 0 for a group header, 1 under it, 2 under a sub-group


_KINDS = {
    LayerType.GROUP: RowKind.GROUP,
    LayerType.SUB_GROUP: RowKind.SUB_GROUP,
    LayerType.IMAGE: RowKind.OPTION,
}


@dataclass(eq=False, slots=True)
class Section:
    """The rows of one top-level group (none while the group is hidden in controls)."""

    root: Layer
    height: int = 0
    built: bool = False
    rows: list[Row] = field(default_factory=list)
    tops: list[int] = field(default_factory=list)
    top: int = 0  # within the whole list


def root_of(layer: Layer) -> Layer:
    while layer.parent is not None:
        layer = layer.parent
    return layer


class OptionLayout:
    """Sections in configurator order, their offsets, and an index layer → row."""

    def __init__(self, heights: dict[RowKind, int]) -> None:
        self.heights = heights
        self.configurator: Configurator | None = None
        self._sections: list[Section] = []
        self._by_root: dict[Layer, Section] = {}
        self._tops: list[int] = []
        self._where: dict[Layer, tuple[Section, int]] = {}
        self.height = 0

    # --- building ------------------------------------------------------------------------
    def reset(self, configurator: Configurator | None) -> None:
        self.configurator = configurator
        self._by_root = {}
        self._where = {}
        self._sections = []
        self.sync_sections()

    def sync_sections(self) -> None:
        """Follow the top-level order (after a group was added, removed or moved): sections
        already built are reused, new ones built, gone ones dropped. O(number of groups)."""
        layers = self.configurator.layers if self.configurator is not None else []
        kept: dict[Layer, Section] = {}
        for root in layers:
            section = self._by_root.get(root)
            if section is None:
                section = self._build(root)
            kept[root] = section
        for root, section in self._by_root.items():
            if root not in kept:
                self._forget(section)
        self._by_root = kept
        self._sections = [kept[root] for root in layers]
        self._place()

    def rebuild(self, layer: Layer) -> None:
        """Lay out again the section holding layer (its rows appeared, vanished or moved)."""
        root = root_of(layer)
        old = self._by_root.get(root)
        if old is None:
            self.sync_sections()
            return
        self._forget(old)
        self._by_root[root] = self._build(root)
        self._sections = [self._by_root[s.root] for s in self._sections]
        self._place()

    def _forget(self, section: Section) -> None:
        for row in section.rows:
            if self._where.get(row.layer, (None, 0))[0] is section:
                del self._where[row.layer]

    def _build(self, root: Layer) -> Section:
        """A measured section; its rows come later (_fill) when it is first needed."""
        return Section(root, height=0 if root.hidden else self._measure(root))

    def _measure(self, layer: Layer) -> int:
        heights = self.heights
        height = heights[_KINDS[layer.type]]
        # Options by identity: hashing an enum member runs Python code, 100,000 times on open.
        image, option_height = LayerType.IMAGE, heights[_KINDS[LayerType.IMAGE]]
        for child in layer.children:
            if child.hidden:  # "Hide this and child layers in controls"
                continue
            if child.children:
                height += self._measure(child)
            elif child.type is image:
                height += option_height
            else:
                height += heights[_KINDS[child.type]]
        return height

    def _fill(self, section: Section) -> Section:
        if not section.built:
            section.built = True
            if not section.root.hidden:
                self._add_rows(section, section.root, 0, 0)
            section.tops = [row.top for row in section.rows]
        return section

    def _add_rows(self, section: Section, layer: Layer, depth: int, top: int) -> int:
        height = self.heights[_KINDS[layer.type]]
        self._where[layer] = (section, len(section.rows))
        section.rows.append(Row(_KINDS[layer.type], layer, top, height, depth))
        top += height
        for child in layer.children:
            if not child.hidden:
                top = self._add_rows(section, child, depth + 1, top)
        return top

    def _place(self) -> None:
        top = 0
        self._tops = []
        for section in self._sections:
            section.top = top
            self._tops.append(top)
            top += section.height
        self.height = top

    # --- queries -------------------------------------------------------------------------
    def locate(self, layer: Layer) -> tuple[int, Row] | None:
        """The row showing layer and its top in the whole list, or None when not shown."""
        where = self._where.get(layer)
        if where is None:
            section = self._by_root.get(root_of(layer))
            if section is None or section.built:
                return None
            self._fill(section)
            where = self._where.get(layer)
            if where is None:
                return None
        section, index = where
        row = section.rows[index]
        return section.top + row.top, row

    def rows_from(self, y: int) -> Iterator[tuple[int, Row]]:
        """Rows in order starting with the one at y, each with its top in the whole list."""
        first = max(bisect_right(self._tops, y) - 1, 0)
        for s in range(first, len(self._sections)):
            section = self._fill(self._sections[s])
            start = max(bisect_right(section.tops, y - section.top) - 1, 0) if s == first else 0
            for row in section.rows[start:]:
                yield section.top + row.top, row
