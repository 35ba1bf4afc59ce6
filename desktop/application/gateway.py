"""The window's way to its database, without Qt (docs/architecture.md).

One `StoreGateway` per open database: sessions whose database failures arrive as StorageError,
the change-log numbers of the window's own commits (so changes it made are not taken in again
as changes made elsewhere), reads that report a failure instead of raising, and work on a whole
configurator run behind whatever progress the caller shows (the window's progress dialog; the
gateway never draws). A failure is said once, as a `Failure`, to the one listener the window
gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from sqlmodel import Session

from ..domain.fields import ConfiguratorField, LayerField
from ..store import repository as repo
from ..store.changes import Change
from ..store.database import Database, describe_failure
from ..store.repository import StorageError, StoreError, storage_errors
from ..store.transaction import take_committed_changes

T = TypeVar("T")
# Layers from which work on a whole configurator runs behind the progress display, off the GUI
# thread (about a quarter of a second of work on an ordinary machine).
LARGE_LAYERS = 20_000


def is_large_count(layers: int) -> bool:
    """Whether work on that many layers runs behind the progress display."""
    return layers >= LARGE_LAYERS


@dataclass(frozen=True, slots=True)
class Failure:
    """A write refused or failed, or a read that failed: the error the store raised and the
    line the user is told. Views route it by `field`, never by its words."""

    error: StoreError
    text: str

    @property
    def field(self) -> LayerField | ConfiguratorField | None:
        """The field the refusal concerns (a name a sibling has: LayerField.NAME), if any."""
        return self.error.field

    @property
    def lasting(self) -> bool:
        """Trying again soon will not help (read-only, disk full, damaged): said in a dialog."""
        return isinstance(self.error, StorageError) and self.error.lasting


class RunLong(Protocol):
    """Runs work behind a progress display saying label, and returns what it returned."""

    def __call__(self, label: str, work: Callable[[], T], /) -> T: ...


def _run_here(_label: str, work: Callable[[], T]) -> T:
    return work()


class StoreGateway:
    """Sessions, failures and progress for one database, as the window uses them."""

    def __init__(
        self,
        database: Database,
        on_failure: Callable[[Failure], None],
        run_long: RunLong = _run_here,
    ) -> None:
        self.database = database
        self.on_failure = on_failure
        self.run_long = run_long
        # Why the database cannot be reached now (set by the change watcher); edits are
        # refused with it until the connection is back.
        self.offline: str | None = None
        # A whole-configurator task is running (the window's event loop turns meanwhile):
        # what would act from a timer waits until it is done.
        self.busy = False
        # Change-log numbers of this window's own committed writes: they come back through the
        # change watcher, and are shown already (re-reading a whole tree for each of them took
        # seconds at 100,000 options).
        self._own_changes: set[int] = set()

    @property
    def db_path(self) -> Path | None:
        return self.database.path

    @property
    def read_only(self) -> str | None:
        """Why the database may be read but not changed; None when it may be changed."""
        return self.database.read_only

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose database failures arrive as StorageError, whatever the call."""
        with storage_errors(), self.database.session() as session:
            try:
                yield session
            finally:
                self._own_changes.update(take_committed_changes(session))

    def report(self, error: StoreError, *, reading: bool = False) -> Failure:
        """Say a refused or failed write, or (reading) a failed read, which is worded by what
        went wrong with the file rather than as a change not saved."""
        text = describe_failure(self.db_path, error) if reading else str(error)
        failure = Failure(error, text)
        self.on_failure(failure)
        return failure

    def read(self, read: Callable[[Session], T], fallback: T) -> T:
        """A read the window makes on its own: on failure, reported and `fallback` returned."""
        try:
            with self.session() as session:
                return read(session)
        except StoreError as exc:
            self.report(exc, reading=True)
            return fallback

    def whole(self, label: str, large: bool, work: Callable[[Session], T]) -> T:
        """A store call on a whole configurator: when `large`, behind the progress display
        saying label (run_long); failures arrive as StoreError either way."""

        def run() -> T:
            with self.session() as session:
                return work(session)

        if not large:
            return run()
        was_busy, self.busy = self.busy, True
        try:
            return self.run_long(label, run)
        finally:
            self.busy = was_busy

    def is_large(self, configurator_id: int) -> bool:
        with self.session() as session:
            return is_large_count(repo.layer_count(session, configurator_id))

    def foreign(self, changes: Iterable[Change]) -> list[Change]:
        """The changes that other sessions made: this window's own are passed over."""
        changes = list(changes)
        own = self._own_changes
        if not own:
            return changes
        newest = max((change.seq for change in changes), default=0)
        # Numbers up to the newest seen cannot come back: forgotten.
        self._own_changes = {seq for seq in own if seq > newest}
        return [change for change in changes if change.seq not in own]
