"""Measures of the edits that touch many layers at once, pushed on the undo stack as the window
pushes them: delete, undo of that delete and move of a group of 100 options; duplicate, delete
and undo of the delete of a whole configurator.

Each edit is timed until its command returns and the events it posted have been handled, so
the views' work (tree rows, preview) is included; the untimed step after each puts the
database back as it was, so every trial meets the same configurator.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication

from ..ui.editing.commands import (
    DeleteConfigurator,
    DuplicateConfigurator,
    MoveLayer,
    RemoveLayer,
    push,
)
from ..ui.editing.document import Document

# A whole 100,000-option configurator takes seconds per trial: fewer trials keep the run short.
WHOLE_TRIALS = 3


class Undoable(Protocol):
    """A QUndoStack (the headless measures) or the window's UndoStacks, a QUndoGroup."""

    def push(self, command: QUndoCommand) -> None: ...

    def undo(self) -> None: ...


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    QApplication.processEvents()
    return (time.perf_counter() - start) * 1000.0


def _pushed(stack: Undoable, command: QUndoCommand) -> Callable[[], None]:
    def run() -> None:
        if not push(stack, command):
            raise RuntimeError(f"the benchmark's edit was refused: {command}")

    return run


def group_edits(document: Document, stack: Undoable, big_id: int, trials: int) -> dict[str, float]:
    """Delete, undo of the delete, and move of a group of 100 options in the middle."""
    document.ensure_open(big_id)
    cfg = document.configurator
    assert cfg is not None
    group_id = cfg.layers[len(cfg.layers) // 2].id
    assert group_id is not None and len(document.layer(group_id).children) == 100
    deletes, undos, moves = [], [], []
    for _ in range(trials):
        deletes.append(_timed(_pushed(stack, RemoveLayer(document, group_id))))
        undos.append(_timed(stack.undo))
        last = len(cfg.layers) - 1
        moves.append(_timed(_pushed(stack, MoveLayer(document, group_id, None, last))))
        stack.undo()
    QApplication.processEvents()
    return {
        "delete_group": statistics.median(deletes),
        "undo_delete_group": statistics.median(undos),
        "move_group": statistics.median(moves),
    }


def configurator_edits(
    document: Document, stack: Undoable, big_id: int, other_id: int, trials: int
) -> dict[str, float]:
    """Duplicate (which opens the copy), delete and undo of the delete of a whole
    configurator, while another one is open."""
    name = next(s.name for s in document.configurators() if s.id == big_id)
    duplicates, deletes, undos = [], [], []
    for k in range(max(1, min(trials, WHOLE_TRIALS))):
        document.open_configurator(other_id)
        duplicate = DuplicateConfigurator(document, big_id, f"{name} copy {k}")
        duplicates.append(_timed(_pushed(stack, duplicate)))
        stack.undo()  # removes the copy again
        document.open_configurator(other_id)
        deletes.append(_timed(_pushed(stack, DeleteConfigurator(document, big_id, name))))
        undos.append(_timed(stack.undo))
    QApplication.processEvents()
    return {
        "duplicate_configurator": statistics.median(duplicates),
        "delete_configurator": statistics.median(deletes),
        "undo_delete_configurator": statistics.median(undos),
    }
