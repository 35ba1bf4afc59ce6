"""What a keyboard and screen-reader user meets in the editor window, and screenshots of it.

    .venv/bin/python tools/accessibility_report.py [--theme dark] [--size 1024x640] [--shot OUT.png]

Opens the demo in a temporary database (offscreen, never the user's data), selects an option
and puts a line in the cart, then prints the Tab order from the configurators list round to
it again with each stop's accessible name, the focusable widgets that have no name, and the
contrast of the palette's text colours. With --shot it saves the window as a PNG.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget


def spoken(widget: QWidget) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QComboBox):
        return ""  # Qt on Linux names a combo box by its current value
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", default="light")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("--select", default="Grip Color/Metallic Purple")
    parser.add_argument("--shot", type=Path)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    home = Path(tempfile.mkdtemp(prefix="a11y-"))
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(home))
    app = QApplication(sys.argv)
    from desktop.store.demo import open_store
    from desktop.ui.editing.document import Document
    from desktop.ui.theme import palette
    from desktop.ui.theme.apply import apply_theme
    from desktop.ui.window.main_window import MainWindow, open_initial

    apply_theme(app, args.theme)
    database = open_store(home / "demo.db")
    document = Document(database)
    window = MainWindow(document)
    window.resize(width, height)
    window.show()
    QTest.qWaitForWindowExposed(window)
    open_initial(document)
    cfg = document.configurator
    assert cfg is not None
    layer = cfg.find_path(args.select)
    if layer is not None:
        window.layers_panel.select_layer(layer)
    window.preview.add_to_cart()
    window.activateWindow()
    QTest.qWait(600)  # let the layouts settle after the cart line (and the docks yield)
    if args.shot is not None:  # before Tab scrolls the panels
        window.grab().save(str(args.shot))
        print(f"saved {args.shot}")

    start = window.findChild(QWidget, "configuratorList")
    assert start is not None
    start.setFocus(Qt.FocusReason.TabFocusReason)
    app.processEvents()
    stops: list[QWidget] = [start]
    for _ in range(200):
        QTest.keyClick(stops[-1], Qt.Key.Key_Tab)
        app.processEvents()
        focused = app.focusWidget()
        if focused is start or focused is None:  # round, or the window lost the focus
            break
        stops.append(focused)
    print(f"Tab order ({len(stops)} stops):")
    for widget in stops:
        print(f"  {widget.objectName() or type(widget).__name__:28} {spoken(widget)!r}")
    unnamed = [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox))
        and not spoken(w)
    ]
    print(f"Focusable widgets without a name: {len(unnamed)}")
    for widget in unnamed:
        print(f"  {widget.objectName() or type(widget).__name__}")

    pal = app.palette()
    grounds = {
        "window": pal.color(QPalette.ColorRole.Window),
        "field": pal.color(QPalette.ColorRole.Base),
    }
    print(f"Text colours on the {args.theme} palette (WCAG contrast):")
    for tone in palette.TEXT_TONES:
        shade = palette.color(tone, pal)
        ratios = ", ".join(
            f"{palette.contrast(shade, ground):.2f}:1 on {name}" for name, ground in grounds.items()
        )
        print(f"  {tone.name.lower():8} {shade.name()}  {ratios}")
    window.close()
    database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
