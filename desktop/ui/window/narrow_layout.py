"""In a narrow window the side docks yield width to the preview (docs/preview-and-scenarios.md).

At 1024×640 the docks kept their wide-screen widths (Layers about 280 px, an empty Layer
settings about 360) and left the preview its bare minimum, so option names and notices were
cut ("Metallic R…", "Available on Backor…"). When the centre is narrower than the preview
needs for names and notices beside their prices, each side dock gives back what it holds
beyond the width its own fields need, the settings dock first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

# The preview's centre at which option names, notices and prices sit side by side.
PREVIEW_COMFORT = 640


class DockYield(QObject):
    """Watches the window's resizes (and is asked after the first show); narrows the docks
    toward their floors while the centre is under PREVIEW_COMFORT. No signals."""

    def __init__(
        self,
        window: QMainWindow,
        centre: QWidget,
        docks: Sequence[tuple[QDockWidget, Callable[[], int]]],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.centre = centre
        self.docks = list(docks)  # in the order they give way, each with its floor
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # after the window's layout has placed the docks
        self._timer.timeout.connect(self.fit)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def fit(self) -> None:
        short = PREVIEW_COMFORT - self.centre.width()
        if short <= 0 or not self.window.isVisible():
            return
        changed: list[QDockWidget] = []
        widths: list[int] = []
        for dock, floor in self.docks:
            if short <= 0:
                break
            if not dock.isVisible() or dock.isFloating():
                continue
            give = min(dock.width() - floor(), short)
            if give > 0:
                changed.append(dock)
                widths.append(dock.width() - give)
                short -= give
        if changed:
            self.window.resizeDocks(changed, widths, Qt.Orientation.Horizontal)
