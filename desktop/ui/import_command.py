"""File ▸ Import configurator… as an undoable edit."""

from __future__ import annotations

from pathlib import Path

from ..store.exchange import ExchangeError, import_file
from ..store.repository import StoreError
from .commands import _AddConfigurator
from .document import Document
from .long_task import LARGE_FILE_BYTES


class ImportConfigurator(_AddConfigurator):
    """Import an exchange file as a new configurator (its name made free, "Name (2)", when
    taken) and open it. Undo deletes it; redo restores it with the same ids. Image files the
    import copied into the media folder stay there: other configurators may use them too.

    A file that became invalid since its preview fails the command like any refused write;
    `problem` then holds the message the document reported."""

    def __init__(self, document: Document, path: Path, name: str) -> None:
        super().__init__(document, f'Import "{name}"')
        self.path = Path(path)
        self.problem: str | None = None

    def _first_write(self) -> int:
        try:
            new_id = self.document.whole(
                f'Importing "{self.path.name}"…',
                _size(self.path) >= LARGE_FILE_BYTES,
                lambda session: import_file(session, self.path),
            )
        except ExchangeError as exc:
            # Worded as the command line words it: the file, then the field and the problem.
            self.problem = f"cannot import {self.path}: {exc}"
            raise StoreError(self.problem) from None
        except StoreError as exc:
            self.problem = str(exc)
            raise
        self.document.configuratorsChanged.emit()
        return new_id

    def _redo(self) -> None:
        super()._redo()
        cfg = self.document.configurator
        if cfg is not None:
            self.setText(f'Import "{cfg.name}"')  # the name it got, as the list shows it


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the import itself names what is wrong with the file
