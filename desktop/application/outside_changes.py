"""Changes made elsewhere, merged into what a window holds (docs/team-database.md): which reads a
batch of change-log rows calls for, and what differs between the window's configurator and a
fresh read of it. Objects the views hold are updated in place and the result says exactly what
changed (as the layers and settings of a ChangeSet), so the window signals only that and views
keep their selection and scroll position.

No Qt and no database here: the window's document reads, calls these, and emits the change set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..domain.fields import (
    ConfiguratorField,
    LayerField,
    get_configurator_field,
    get_layer_field,
    set_configurator_field,
    set_layer_field,
)
from ..domain.model import Configurator, Layer
from ..store.changes import Change, ChangeKind

# Kinds that change a configurator as a whole (its tree, many layers, its own fields): the open
# one is then read again whole rather than piece by piece.
_WHOLE = frozenset({ChangeKind.TREE, ChangeKind.LAYERS, ChangeKind.CONFIGURATOR})
_LISTED = frozenset({ChangeKind.CONFIGURATORS, ChangeKind.CONFIGURATOR})


@dataclass(frozen=True, slots=True)
class Wanted:
    """What a batch of changes asks the window to read again."""

    whole: bool  # the open configurator, whole
    site: bool  # the site settings (the add-on)
    listing: bool  # the configurators list
    layer_ids: frozenset[int]  # single layers of the open configurator


def wanted(changes: Iterable[Change], open_id: int | None) -> Wanted:
    changes = list(changes)
    return Wanted(
        whole=any(c.kind in _WHOLE and c.configurator_id == open_id for c in changes),
        site=any(c.kind is ChangeKind.SITE for c in changes),
        listing=any(c.kind in _LISTED for c in changes),
        layer_ids=frozenset(
            c.layer_id
            for c in changes
            if c.kind is ChangeKind.LAYER and c.configurator_id == open_id and c.layer_id
        ),
    )


@dataclass(frozen=True, slots=True)
class Merged:
    """What a merge changed in the window's configurator."""

    settings: frozenset[ConfiguratorField]
    layers: dict[Layer, frozenset[LayerField]]


def same_shape(cfg: Configurator, fresh: Configurator) -> bool:
    """Whether both hold the same layers in the same places (else the tree is rebuilt)."""

    def shape(c: Configurator) -> list[tuple[int | None, int | None]]:
        return [(n.id, n.parent.id if n.parent is not None else None) for n in c.walk()]

    return shape(cfg) == shape(fresh)


def merge_layer(mine: Layer, theirs: Layer) -> frozenset[LayerField]:
    """Set mine to theirs; the fields that differed. A layer at the same version is left as it
    is (this window's own write, already in memory)."""
    if mine.version == theirs.version:
        return frozenset()
    fields = frozenset(
        f for f in LayerField if get_layer_field(mine, f) != get_layer_field(theirs, f)
    )
    for f in fields:
        set_layer_field(mine, f, get_layer_field(theirs, f))
    mine.version = theirs.version
    return fields


def merge_layers(
    held: Mapping[int, Layer], fresh: Mapping[int, Layer]
) -> dict[Layer, frozenset[LayerField]]:
    """Set each held layer to its fresh read (by id); the layers that changed, with their fields."""
    changed: dict[Layer, frozenset[LayerField]] = {}
    for layer_id, theirs in fresh.items():
        mine = held.get(layer_id)
        if mine is not None:
            fields = merge_layer(mine, theirs)
            if fields:
                changed[mine] = fields
    return changed


def merge_configurator(cfg: Configurator, fresh: Configurator) -> Merged:
    """Set cfg's settings and layers to fresh's, which has the same shape (same_shape)."""
    settings: set[ConfiguratorField] = set()
    for f in ConfiguratorField:
        value = get_configurator_field(fresh, f)
        if get_configurator_field(cfg, f) != value:
            set_configurator_field(cfg, f, value)
            settings.add(f)
    cfg.version = fresh.version
    layers: dict[Layer, frozenset[LayerField]] = {}
    for mine, theirs in zip(cfg.walk(), fresh.walk(), strict=True):
        fields = merge_layer(mine, theirs)
        if fields:
            layers[mine] = fields
    return Merged(frozenset(settings), layers)
