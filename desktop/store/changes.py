"""The change log: one row per committed change, numbered in commit order, so an open window
can fetch only what changed since it last looked (SPEC §11: changes made elsewhere appear).

Every repository write adds its rows in its own transaction. On PostgreSQL a trigger on the
table (revision 0005) notifies CHANNEL, so listening windows learn of it when it commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Table, func, select
from sqlmodel import Session

from .tables import ChangeLogRow
from .transaction import note_change_written

CHANNEL = "configurator_editor_changes"  # also named in revision 0005's trigger
# How many of the newest changes the log keeps. An open window reads it every half second, so
# it needs only the last few; one that fell further behind (asleep, cut off from the server)
# finds the change after its last one gone and reloads everything instead (ChangeProbe).
KEEP_CHANGES = 10_000
CHANGE_LOG: Table = ChangeLogRow.__table__  # type: ignore[attr-defined]  # set by SQLModel
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
    note_change_written(session, inserted.inserted_primary_key[0])
    # Trimmed as it grows, in the same transaction: a range of the primary key's index, so
    # it costs next to nothing when there is nothing to remove.
    newest = select(func.max(_c.seq)).scalar_subquery()
    conn.execute(CHANGE_LOG.delete().where(_c.seq <= newest - KEEP_CHANGES))


def last_change(session: Session) -> int:
    """The number of the newest change (0 when there is none)."""
    return session.connection().execute(select(func.max(_c.seq))).scalar() or 0


def changes_since(session: Session, seq: int) -> list[Change] | None:
    """The changes after number seq, oldest first; None when the log no longer holds seq
    itself (trimmed since: changes after it may be gone too, so the caller reads everything)."""
    conn = session.connection()
    rows = conn.execute(
        select(_c.seq, _c.kind, _c.configurator_id, _c.layer_id)
        .where(_c.seq >= seq)
        .order_by(_c.seq)
    ).all()
    if seq > 0 and (not rows or rows[0].seq != seq):
        return None
    return [
        Change(r.seq, ChangeKind(r.kind), r.configurator_id, r.layer_id)
        for r in rows
        if r.seq > seq
    ]
