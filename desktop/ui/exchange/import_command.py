"""File ▸ Import configurator… as an undoable edit."""

from __future__ import annotations

from pathlib import Path

from ...store.exchange import ExchangeError, import_file
from ...store.image_journal import ImageJournal, hold_images
from ...store.media import media_dir
from ...store.repository import StoreError
from ..editing.commands import _AddConfigurator
from ..editing.document import Document
from ..editing.long_task import LARGE_FILE_BYTES


class ImportConfigurator(_AddConfigurator):
    """Import an exchange file as a new configurator (its name made free, "Name (2)", when
    taken) and open it. Undo deletes it; redo restores it with the same ids. The image files
    the import copied into the media folder stay while it is undone, for a redo, held in a
    journal; once it can no longer be redone (the step dropped, the window closed), the next
    open of the database removes those no layer uses (docs/files-and-images.md).

    A file that became invalid since its preview fails the command like any refused write;
    `problem` then holds the message the document reported."""

    def __init__(self, document: Document, path: Path, name: str) -> None:
        super().__init__(document, f'Import "{name}"')
        self.path = Path(path)
        self.problem: str | None = None
        self.copied: list[Path] = []  # the image files the import created
        self._held: ImageJournal | None = None

    def _first_write(self) -> int:
        try:
            new_id = self.document.add_configurators(
                f'Importing "{self.path.name}"…',
                _size(self.path) >= LARGE_FILE_BYTES,
                lambda session: import_file(session, self.path, copied=self.copied),
            )
        except ExchangeError as exc:
            # Worded as the command line words it: the file, then the field and the problem.
            self.problem = f"cannot import {self.path}: {exc}"
            raise StoreError(self.problem) from None
        except StoreError as exc:
            self.problem = str(exc)
            raise
        return new_id

    def _redo(self) -> None:
        super()._redo()
        if self._held is not None:  # its layers use the images again
            self._held.finish()
            self._held = None
        cfg = self.document.configurator
        if cfg is not None:
            self.setText(f'Import "{cfg.name}"')  # the name it got, as the list shows it

    def _undo(self) -> None:
        super()._undo()
        db_path = self.document.db_path
        if self.copied and db_path is not None:
            self._held = hold_images(media_dir(db_path), self.copied)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the import itself names what is wrong with the file
