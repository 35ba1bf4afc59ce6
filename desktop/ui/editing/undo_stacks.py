"""One undo stack per configurator, and one for the list of configurators (docs/editing.md).

Undo acts only on what is on screen: the edits made inside a configurator go on its own
stack, which is the active one while it is open, so Ctrl+Z never reaches into a configurator
that is not shown. What changes the list itself (create, duplicate, import, rename, delete a
whole configurator) goes on the list's stack, active while the Configurators list has the
focus and right after such an edit — its undo text names the configurator it acts on. The
site-wide add-on switch goes on whichever stack is on screen, where its effect is seen.
The Edit menu's actions, the toolbar's buttons and the History view follow the group's
active stack.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from ...domain.change_set import ChangeSet
from ...domain.model import Configurator
from .document import Document


class UndoStacks(QUndoGroup):
    """The window's undo stacks in a QUndoGroup: `list_stack` for the configurators list and
    one per configurator id, made on first use. `push(command)` puts a command on the stack
    of the configurator it edits (its `undo_scope()`, None for the list) and makes that stack
    the active one. Emits QUndoGroup's signals (the active stack's state)."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.list_stack = QUndoStack(self)
        self.list_stack.setObjectName("configuratorsUndoStack")
        self.addStack(self.list_stack)
        self._stacks: dict[int, QUndoStack] = {}
        self._list_widget: QWidget | None = None
        # The list's stack was chosen (by focus or by a list edit), not merely the only one.
        self._on_list = False
        document.changed.connect(self._follow)
        self._opened(document.configurator)

    # --- which stack -------------------------------------------------------------------
    def stack_for(self, configurator_id: int | None) -> QUndoStack:
        """The stack of that configurator's edits (None: the list's)."""
        if configurator_id is None:
            return self.list_stack
        stack = self._stacks.get(configurator_id)
        if stack is None:
            stack = QUndoStack(self)
            stack.setObjectName(f"configuratorUndoStack{configurator_id}")
            self.addStack(stack)
            self._stacks[configurator_id] = stack
        return stack

    def open_stack(self) -> QUndoStack:
        """The open configurator's stack (the list's when none is open)."""
        cfg = self.document.configurator
        return self.stack_for(cfg.id if cfg is not None else None)

    def current(self) -> QUndoStack:
        """The stack Undo and Redo act on now."""
        return self.activeStack() or self.open_stack()

    # Used as one stack (window.undo_stack): these act on the active stack, as the group's
    # own undo(), redo(), undoText(), canUndo() and canRedo() do.
    def count(self) -> int:
        return self.current().count()

    def index(self) -> int:
        return self.current().index()

    def command(self, index: int) -> QUndoCommand | None:
        return self.current().command(index)

    def clear(self) -> None:
        self.current().clear()

    def push(self, command: QUndoCommand) -> None:
        scope = getattr(command, "undo_scope", None)
        if getattr(command, "follows_screen", False):
            stack = self.current()  # a site-wide switch: undone where it was made
        else:
            stack = self.stack_for(scope() if scope is not None else None)
        self._activate(stack)  # Undo then undoes what was just done
        stack.push(command)

    def _activate(self, stack: QUndoStack) -> None:
        self._on_list = stack is self.list_stack
        self.setActiveStack(stack)

    # --- following the screen ------------------------------------------------------------
    def follow_focus(self, list_widget: QWidget) -> None:
        """Make the list's stack active while list_widget (the Configurators list) or a
        child of it has the focus, and the open configurator's when the focus goes elsewhere
        in its window."""
        self._list_widget = list_widget
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        listed = self._list_widget
        if old is None or new is None or listed is None or not shiboken6.isValid(listed):
            return
        if not (old.isVisible() and old.isEnabled()):
            return  # Qt moved the focus off a field that went away, not the merchant
        window = listed.window()
        if old.window() is not window or new.window() is not window:
            # Into a dialog, or back from one (or from another window), the focus returns
            # where it was: the merchant moved nothing, so Undo keeps acting where it did
            # (right after New configurator…, on the list's stack).
            return
        if new is listed or listed.isAncestorOf(new):
            self._activate(self.list_stack)
        else:
            self._activate(self.open_stack())

    def _follow(self, change: ChangeSet) -> None:
        if change.reset is not None:
            self._opened(change.reset.configurator)

    def _opened(self, _cfg: Configurator | None) -> None:
        # Opened from the list, or by undoing a list edit: the list's stack stays active.
        if not self._on_list:
            self.setActiveStack(self.open_stack())
