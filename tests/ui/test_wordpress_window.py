"""The WordPress round trip in the window (docs/wordpress.md): File ▸ Import… of an export
with its preview, File ▸ Export for WordPress… with its summary, and what an edit, an undo and
a redo leave in the file written."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTreeWidget,
)

from desktop.domain.fields import LayerField
from desktop.ui.editing.commands import RemoveLayer, SetLayerFields
from desktop.ui.exchange.wordpress_export import REPLACES_NOTHING
from desktop.ui.preview.image_view import ProductImage
from desktop.ui.window.main_window import MainWindow
from tests.roundtrip.helpers import DEMO_IMAGES, SAMPLE, diff, meta_values, posts

from .helpers import find, read_names


def _site(tmp_path: Path) -> Path:
    """The sample export beside a copy of the site's uploads holding the grip images."""
    folder = tmp_path / "site"
    uploads = folder / "uploads" / "2026" / "11"
    uploads.mkdir(parents=True)
    for name in ("grip-yellow.png", "grip-red.png", "grip-purple.png"):
        shutil.copy(DEMO_IMAGES / name, uploads / name)
    return Path(shutil.copy(SAMPLE, folder / "site.xml"))


def _shown(qtbot, window: MainWindow, cls: type, name: str):  # type: ignore[no-untyped-def]
    """The visible dialog of that class and name that this window opened."""
    found: list[QDialog] = []

    def shown() -> bool:
        found[:] = [w for w in window.findChildren(cls, name) if w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[-1]


def _import_preview(qtbot, window: MainWindow, path: Path) -> QDialog:  # type: ignore[no-untyped-def]
    find(window, QAction, "importConfiguratorAction").trigger()
    chooser = _shown(qtbot, window, QFileDialog, "importConfiguratorDialog")
    chooser.fileSelected.emit(str(path))
    chooser.close()
    return _shown(qtbot, window, QDialog, "wordpressImportDialog")


def _rows(view: QTreeWidget) -> list[list[str]]:
    return [
        [view.topLevelItem(r).text(c) for c in range(view.columnCount())]
        for r in range(view.topLevelItemCount())
    ]


def _import(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _import_preview(qtbot, window, _site(tmp_path))
    find(dialog, QPushButton, "importButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_preview_lists_configurators_counts_and_images(
    qtbot, window: MainWindow, tmp_path: Path, db_path: Path
) -> None:
    before = read_names(db_path)
    path = _site(tmp_path)
    dialog = _import_preview(qtbot, window, path)
    assert find(dialog, QLabel, "mediaFolderLabel").text() == str(path.parent / "uploads")
    assert _rows(find(dialog, QTreeWidget, "wordpressConfiguratorsTable")) == [
        ["Custom Game Controller", "Custom Game Controller", "8", "3 found, 1 missing"],
        ["Desk Lamp", "Desk Lamp", "4", "0 found, 2 missing"],
    ]
    assert _rows(find(dialog, QTreeWidget, "wordpressImagesList")) == [
        ["Custom Game Controller / Body/Controller Shell", "shell.png", "missing"],
        ["Custom Game Controller / Grip Color/Metallic Yellow", "grip-yellow.png", "found"],
        ["Custom Game Controller / Grip Color/Metallic Red", "grip-red.png", "found"],
        ["Custom Game Controller / Grip Color/Metallic Purple", "grip-purple.png", "found"],
        ["Desk Lamp / Shade/Linen", "linen-front.png", "missing"],
        # a "/" inside a name is written "\\/" in an option's path
        ['Desk Lamp / Shade/Brass "Antique" <b>finish<\\/b>', "brass-front.png", "missing"],
    ]
    assert read_names(db_path) == before  # a preview writes nothing
    find(dialog, QPushButton, "importButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert read_names(db_path) == sorted([*before, "Custom Game Controller", "Desk Lamp"],
                                         key=str.lower)  # fmt: skip
    assert window.document.configurator is not None
    assert window.document.configurator.name == "Custom Game Controller"
    # The shell's image stayed on the site: the preview names the file it cannot show.
    image = find(window, ProductImage, "productImage")
    qtbot.waitUntil(lambda: image.missing_files() == ["shell.png"])
    window.undo_stack.undo()
    assert read_names(db_path) == before
    window.undo_stack.redo()
    assert "Desk Lamp" in read_names(db_path)


def test_a_refused_export_says_why_and_imports_nothing(
    qtbot, window: MainWindow, tmp_path: Path, db_path: Path
) -> None:
    before = read_names(db_path)
    bad = tmp_path / "bad.xml"
    bad.write_text(SAMPLE.read_text().replace('s:1:"3"', 's:3:"abc"', 1))
    dialog = _import_preview(qtbot, window, bad)
    problem = find(dialog, QLabel, "importProblemLabel").text()
    assert problem.startswith(
        'This file cannot be imported:\nitem "Custom Game Controller", _wpc_components: '
        '[1].children[1].settings.price: "abc" is not a price'
    )
    assert not find(dialog, QPushButton, "importButton").isEnabled()
    assert read_names(db_path) == before


def _export(qtbot, window: MainWindow, target: Path) -> QDialog:  # type: ignore[no-untyped-def]
    find(window, QAction, "exportWordPressAction").trigger()
    dialog = _shown(qtbot, window, QDialog, "exportWordPressDialog")
    listed = find(dialog, QListWidget, "exportConfiguratorsList")
    ticked = [
        listed.item(r).text()
        for r in range(listed.count())
        if listed.item(r).checkState() == Qt.CheckState.Checked
    ]
    assert ticked == [window.document.configurator.name]  # type: ignore[union-attr]
    find(dialog, QLineEdit, "exportFileEdit").setText(str(target))
    find(dialog, QPushButton, "exportButton").click()
    return _shown(qtbot, window, QDialog, "wordpressExportSummary")


def test_an_edit_then_export_changes_exactly_that_and_the_summary_says_what_is_left(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    _import(qtbot, window, tmp_path)
    document = window.document
    cfg = document.configurator
    assert cfg is not None
    red = cfg.find_path("Grip Color/Metallic Red")
    purple = cfg.find_path("Grip Color/Metallic Purple")
    assert red is not None and red.id is not None and purple is not None and purple.id
    stack = window.undo_stack
    stack.push(SetLayerFields(document, red.id, {LayerField.PRICE: Decimal("3.50")}, "Price"))
    stack.push(
        SetLayerFields(document, purple.id, {LayerField.IMAGE: "images/grip-yellow.png"}, "Img")
    )
    target = tmp_path / "out" / "controller.xml"
    summary = _export(qtbot, window, target)
    upload = tmp_path / "out" / "controller-images" / "grip-yellow.png"
    assert find(summary, QLabel, "exportSummaryLabel").text().splitlines() == [
        f"Wrote {target} with 1 configurator: “Custom Game Controller”.",
        "",
        "Left to do, for the images chosen here (none is on the site yet):",
        f"• upload {upload} to the Media Library and choose it for Grip Color/Metallic Purple "
        "in “Custom Game Controller”",
        "",
        "Then, in WordPress: Tools ▸ Import ▸ WordPress, and choose controller.xml.",
        REPLACES_NOTHING,
    ]
    assert upload.is_file()
    before = meta_values(posts(SAMPLE)[0])["_wpc_components"]
    after = meta_values(posts(target)[0])["_wpc_components"]
    assert diff(before, after) == {
        "[1]['children'][1]['settings']['price']": (("str", "3"), ("str", "3.50")),
        "[1]['children'][2]['settings']#keys": (
            [("str", "price"), ("str", "control_type"), ("str", "color"), ("str", "views"),
             ("str", "manage_stock"), ("str", "sku"), ("str", "stock_quantity"),
             ("str", "stock_status")],
            [("str", "price"), ("str", "control_type"), ("str", "color"),
             ("str", "manage_stock"), ("str", "sku"), ("str", "stock_quantity"),
             ("str", "stock_status")],
        ),
        "[1]['children'][2]['settings']['views']#keys": ([("str", "front")], None),
        "[1]['children'][2]['settings']['views']['front']#keys": ([("str", "image")], None),
        "[1]['children'][2]['settings']['views']['front']['image']": (("int", 2004), None),
    }  # fmt: skip


def test_undo_and_redo_lose_nothing_wordpress_keeps(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    _import(qtbot, window, tmp_path)
    document = window.document
    cfg = document.configurator
    assert cfg is not None
    grip = cfg.find_path("Grip Color")
    red = cfg.find_path("Grip Color/Metallic Red")
    assert grip is not None and grip.id is not None and red is not None and red.id is not None
    stack = window.undo_stack
    stack.push(SetLayerFields(document, red.id, {LayerField.STOCK_QUANTITY: 9}, "Quantity"))
    stack.push(RemoveLayer(document, grip.id))
    stack.undo()
    stack.undo()
    stack.redo()
    stack.undo()
    target = tmp_path / "again.xml"
    summary = _export(qtbot, window, target)
    assert "nothing to upload" in find(summary, QLabel, "exportSummaryLabel").text()
    (before,) = [p for p in posts(SAMPLE) if p.title == "Custom Game Controller"]
    (after,) = posts(target)
    assert after.meta == before.meta
