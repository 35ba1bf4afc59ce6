"""A database the user may read but not change (docs/database-urls.md, "Read-only databases"):
a banner says so, and every editing action and field is disabled, while looking, the preview,
scenarios and every export go on working.

The actions go into one disabled QActionGroup: an action in a disabled group stays disabled
whatever its owner later sets (a selection that would enable Delete, the undo stack's
canUndoChanged), so no owner needs to know about read-only databases. Fields are disabled by
their section; the item models leave out their editable and drag flags themselves
(`Document.read_only`). A command pushed anyway is refused before it writes (commands.py).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from ..editing.document import Document
from ..theme import palette
from ..theme.palette import Tone


def banner_text(database: str, why: str) -> str:
    return f"{database} is read-only ({why}): you can look, preview and export, not edit."


class ReadOnlyMode(QObject):
    """Applies read-only mode to a window whose database is read-only; does nothing to one that
    may be changed. `banner` is the `readOnlyBanner` label (None when writable). No signals."""

    def __init__(
        self,
        window: QMainWindow,
        document: Document,
        toolbar: QToolBar,
        editing: list[QAction],
        sections: list[QWidget],
    ) -> None:
        """editing: every action that changes the database (or would undo or redo a change);
        sections: the settings panel's sections whose fields edit it."""
        super().__init__(window)
        self.banner: QLabel | None = None
        self.group: QActionGroup | None = None
        why = document.read_only
        if why is None:
            return
        self._show_banner(window, toolbar, document, why)
        self.group = QActionGroup(self)
        self.group.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
        for action in editing:
            self.group.addAction(action)
        self.group.setEnabled(False)
        # The sections' own enabling (add-on off, stock not managed) only ever narrows this.
        for section in sections:
            section.setEnabled(False)

    def _show_banner(
        self, window: QMainWindow, toolbar: QToolBar, document: Document, why: str
    ) -> None:
        target = document.database.target
        name = getattr(target, "name", None) or str(target)  # a file by its name
        banner = QLabel(banner_text(name, why))
        banner.setObjectName("readOnlyBanner")
        banner.setTextFormat(Qt.TextFormat.PlainText)  # a file name may hold anything
        # The toolbar's whole row: a toolbar gives a widget only its size hint unless it expands.
        banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        banner.setToolTip(banner.text())  # the whole of it, where a narrow window cuts it
        palette.style_box(banner, Tone.WARNING)
        bar = QToolBar("Read-only", window)
        bar.setObjectName("readOnlyBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setVisible(False)  # not one the user can close and lose
        bar.addWidget(banner)
        # A row of its own above the main toolbar: the first thing read, the window's width.
        window.insertToolBar(toolbar, bar)
        window.insertToolBarBreak(toolbar)
        self.banner = banner
