"""The change log: one row per committed change, numbered in commit order, so an open window
can fetch only what changed since it last looked (docs/team-database.md: changes made elsewhere
appear).

Every repository write adds its rows in its own transaction. On PostgreSQL a trigger on the
table (revision 0005) notifies CHANNEL, so listening windows learn of it when it commits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeGuard

from sqlalchemy import Table, func, select
from sqlmodel import Session

from .tables import ChangeLogRow, core_table
from .transaction import note_change_written

_log = logging.getLogger(__name__)

CHANNEL = "configurator_editor_changes"  # also named in revision 0005's trigger
# How many of the newest changes the log keeps. An open window reads it every half second, so
# it needs only the last few; one that fell further behind (asleep, cut off from the server)
# finds the change after its last one gone and reloads everything instead (ChangeProbe).
KEEP_CHANGES = 10_000
CHANGE_LOG: Table = core_table(ChangeLogRow)
_c = CHANGE_LOG.c


class ChangeKind(StrEnum):
    """What a change touched; a window refreshes only the views that show it."""

    LAYER = "layer"  # fields of one layer (layer_id)
    LAYERS = "layers"  # fields of many layers of one configurator at once
    TREE = "tree"  # layers added, removed or moved in a configurator
    CONFIGURATOR = "configurator"  # a configurator's own fields (name, settings)
    CONFIGURATORS = "configurators"  # a configurator added or removed
    SITE = "site"  # the site settings (the add-on)


@dataclass(frozen=True, slots=True)
class Change:
    seq: int
    kind: ChangeKind
    configurator_id: int | None
    layer_id: int | None


def log_change(
    session: Session,
    kind: ChangeKind,
    configurator_id: int | None = None,
    layer_id: int | None = None,
) -> None:
    conn = session.connection()
    inserted = conn.execute(
        CHANGE_LOG.insert().values(
            kind=kind.value, configurator_id=configurator_id, layer_id=layer_id
        )
    )
    key = inserted.inserted_primary_key
    assert key is not None  # an INSERT of one row always has its key
    note_change_written(session, key[0])
    # Trimmed as it grows, in the same transaction: a range of the primary key's index, so
    # it costs next to nothing when there is nothing to remove.
    newest = select(func.max(_c.seq)).scalar_subquery()
    conn.execute(CHANGE_LOG.delete().where(_c.seq <= newest - KEEP_CHANGES))


def last_change(session: Session) -> int:
    """The number of the newest change (0 when there is none)."""
    return session.connection().execute(select(func.max(_c.seq))).scalar() or 0


def changes_since(
    session: Session, seq: int, passed_over: set[str] | None = None
) -> tuple[list[Change], int] | None:
    """The changes after number seq, oldest first, and the number of the newest row read
    (seq when none); None when the log no longer holds seq itself (trimmed since: changes
    after it may be gone too, so the caller reads everything).

    A row no write of ours makes (an unknown kind, an id that is not a number: written by
    hand, or by a newer version) is passed over, so one bad row never stops a window following
    the others (docs/stored-data.md); it is logged once per kind of fault, passed_over keeping
    the ones said already (a window's own: it says each once)."""
    conn = session.connection()
    rows = conn.execute(
        select(_c.seq, _c.kind, _c.configurator_id, _c.layer_id)
        .where(_c.seq >= seq)
        .order_by(_c.seq)
    ).all()
    if seq > 0 and (not rows or rows[0].seq != seq):
        return None
    changes = []
    for r in rows:
        if r.seq <= seq:
            continue
        change = _readable(r.seq, r.kind, r.configurator_id, r.layer_id, passed_over)
        if change is not None:
            changes.append(change)
    return changes, (rows[-1].seq if rows else seq)


_KINDS = {kind.value: kind for kind in ChangeKind}


def _id_or_none(value: object) -> TypeGuard[int | None]:
    return value is None or type(value) is int


def _readable(
    seq: int, kind: object, configurator_id: object, layer_id: object, said: set[str] | None
) -> Change | None:
    """The row as a Change, or None (logged, once per kind of fault) when it cannot be one."""
    known = _KINDS.get(kind) if isinstance(kind, str) else None
    if known is not None and _id_or_none(configurator_id) and _id_or_none(layer_id):
        return Change(seq, known, configurator_id, layer_id)
    fault = f"the unknown kind {kind!r}" if known is None else "an id that is not a number"
    if said is None or fault not in said:
        if said is not None:
            said.add(fault)
        _log.warning(
            "change log row %s (kind %r, ids %r) has %s: passed over, and any other such row",
            seq,
            kind,
            (configurator_id, layer_id),
            fault,
        )
    return None
