"""Shows changes made elsewhere — another window, machine or the command line — within
POLL_MS of their commit (docs/team-database.md), and says when a server database cannot be reached.

On PostgreSQL the window wakes as soon as the server notifies a commit: the listening
connection's socket is watched by a QSocketNotifier in the GUI thread, so no thread is needed
and the change shows within milliseconds. The timer stays as the fallback (and is the only way
on SQLite, whose `PRAGMA data_version` nobody notifies).

Signals:
    connectionLost(str)    the database cannot be reached: why; the window keeps what it shows
    connectionRestored()   it is back: what changed meanwhile has been read
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from ...domain import texts
from ...domain.change_set import ChangeSet
from ...domain.model import Layer
from ...store.repository import StoreError
from ...store.watch import ChangeProbe
from ..editing.document import Document
from ..layers.panel import LayersPanel

# How often to look (ms): twice a second keeps "visible elsewhere" well inside 2 s, and a
# look that finds nothing costs one PRAGMA (SQLite) or a socket read (PostgreSQL).
POLL_MS = 500


class ChangeWatcher(QObject):
    """Polls the document's database and has the document apply what changed."""

    connectionLost = Signal(str)
    connectionRestored = Signal()

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.probe: ChangeProbe | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.lost: str | None = None
        self._notifier: QSocketNotifier | None = None
        self._socket: tuple[int, int] | None = None  # what _notifier watches
        database = document.database
        if database.server is None and database.path is None:
            return  # in memory: nobody else can change it
        database.on_close(self._unwatch)  # its socket is closed with it
        try:
            self.probe = ChangeProbe(database)
        except StoreError as exc:
            self._lose(str(exc))
        self._watch_socket()
        self.timer.start()

    def _watch_socket(self) -> None:
        """Wake on the listening connection's socket; a new one after each reconnection."""
        socket = None if self.probe is None else self.probe.socket()
        if socket == self._socket:
            if self._notifier is not None:
                self._notifier.setEnabled(True)
            return
        self._unwatch()
        self._socket = socket
        if socket is not None:
            self._notifier = QSocketNotifier(socket[0], QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self.poll)

    def _unwatch(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        self._socket = None

    def poll(self) -> None:
        if self.document.gateway.busy:
            # Inside a long task's loop: the next look comes after it (the timer's). The
            # socket stays readable until then, so it is not watched meanwhile.
            if self._notifier is not None:
                self._notifier.setEnabled(False)
            return
        try:
            if self.probe is None:
                self.probe = ChangeProbe(self.document.database)
            changes = self.probe.poll()
        except StoreError as exc:
            self._watch_socket()  # the dropped connection's socket is not watched any more
            self._lose(str(exc))
            return
        self._watch_socket()
        if self.lost is not None:
            self.lost = None
            self.document.gateway.offline = None
            # Connections from before the outage are dead: start afresh, before any read.
            self.document.database.engine.dispose()
            self.document.refresh()  # what changed while away was not in the log we read
            self.connectionRestored.emit()
            return
        if changes is None:  # fell behind the trimmed change log: read everything
            self.document.refresh()
        elif changes:
            self.document.apply_changes(changes)

    def _lose(self, why: str) -> None:
        if self.lost is None:
            self.lost = why
            self.document.gateway.offline = why
            self.connectionLost.emit(why)

    def stop(self) -> None:
        self.timer.stop()
        self._unwatch()
        if self.probe is not None:
            self.probe.close()


class TeamStatus(QObject):
    """The window's side of changes made elsewhere: a permanent status-bar label while the
    database cannot be reached, and, after a refresh that rebuilt the tree, the layer that was
    selected selected again with the tree scrolled where it was."""

    def __init__(
        self,
        window: QMainWindow,
        document: Document,
        layers_panel: LayersPanel,
        show_message: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.document = document
        self.layers_panel = layers_panel
        self.show_message = show_message
        self.watcher = ChangeWatcher(document, self)
        self.label = QLabel()
        self.label.setObjectName("connectionStatusLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self._selected: int | None = None
        self._scroll = 0
        layers_panel.currentLayerChanged.connect(self._remember)
        layers_panel.tree.verticalScrollBar().valueChanged.connect(self._remember_scroll)
        document.changed.connect(self._follow)
        self.watcher.connectionLost.connect(self._lost)
        self.watcher.connectionRestored.connect(self._restored)
        if self.watcher.lost is not None:
            self._lost(self.watcher.lost)

    def _remember(self, layer: Layer | None) -> None:
        if layer is not None:
            self._selected = layer.id

    def _remember_scroll(self, value: int) -> None:
        # A reset of the model scrolls to the top before the change set reaches _follow:
        # keep the position the user had, not that one.
        if not self._restoring:
            self._scroll = value

    _restoring = False

    def _follow(self, change: ChangeSet) -> None:
        reset = change.reset
        if reset is not None and reset.refreshed:  # rebuilt after changes made elsewhere
            self._restore()

    def _restore(self) -> None:
        document = self.document
        panel = self.layers_panel
        self._restoring = True
        try:
            if self._selected is not None and document.has_layer(self._selected):
                panel.select_layer(document.layer(self._selected))
            panel.tree.verticalScrollBar().setValue(self._scroll)
        finally:
            self._restoring = False

    def _lost(self, why: str) -> None:
        self.label.setText(texts.OFFLINE)
        self.label.setToolTip(why)
        self.label.show()
        self.show_message(why)

    def _restored(self) -> None:
        self.label.hide()
        self.show_message(texts.BACK_ONLINE)

    def stop(self) -> None:
        self.watcher.stop()
