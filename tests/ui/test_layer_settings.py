"""The Layer settings panel's general fields: commit per finished edit, validation at the
field, following undo/redo, the image chooser, plain text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLabel, QLineEdit, QPushButton

from desktop.domain.fields import LayerField
from desktop.store import exchange
from desktop.store.media import media_dir, relative_path_problem
from desktop.ui.window.main_window import MainWindow

from .helpers import find, read_configurator, select, shown_children, visible_dialog


def _stored_layer(window: MainWindow, path: str):  # type: ignore[no-untyped-def]
    found = read_configurator(window.document.db_path).find_path(path)  # type: ignore[arg-type]
    assert found is not None, path
    return found


def _finish(edit: QLineEdit, text: str) -> None:
    edit.setText(text)
    edit.editingFinished.emit()


def test_selecting_fills_the_panel_from_memory(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    assert find(window, QLineEdit, "layerNameEdit").text() == "Red"
    assert find(window, QLineEdit, "layerPriceEdit").text() == "3.00"
    assert find(window, QLineEdit, "layerSalePriceEdit").text() == ""
    assert find(window, QLabel, "layerSettingsTitle").text() == "Red"
    assert find(window, QCheckBox, "manageStockCheck").isVisibleTo(window)
    assert not find(window, QCheckBox, "requiredCheck").isVisibleTo(window)
    select(window, "Grip Color")
    assert find(window, QCheckBox, "requiredCheck").isChecked()
    assert not find(window, QLineEdit, "layerPriceEdit").isVisibleTo(window)
    assert not find(window, QCheckBox, "manageStockCheck").isVisibleTo(window)
    window.document.open_configurator(None)
    assert find(window, QLabel, "layerSettingsEmpty").isVisibleTo(window)


def test_name_and_prices_commit_once_per_finished_edit(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    stack = window.undo_stack
    start = stack.count()
    name = find(window, QLineEdit, "layerNameEdit")
    name.setText("Cr")
    name.setText("Crimson")  # typing writes nothing
    assert _stored_layer(window, "Grip Color/Red").name == "Red"
    name.editingFinished.emit()
    name.editingFinished.emit()  # Return then focus-out: still one step
    assert stack.count() == start + 1
    assert shown_children(window, "Grip Color") == ["Yellow", "Crimson", "Purple"]
    assert find(window, QLabel, "layerSettingsTitle").text() == "Crimson"
    _finish(find(window, QLineEdit, "layerPriceEdit"), "4.5")
    assert find(window, QLineEdit, "layerPriceEdit").text() == "4.50"
    assert stack.undoText() == 'Change price of "Crimson"'
    _finish(find(window, QLineEdit, "layerSalePriceEdit"), "3.99")
    layer = _stored_layer(window, "Grip Color/Crimson")
    assert (layer.price, layer.sale_price) == (Decimal("4.50"), Decimal("3.99"))
    _finish(find(window, QLineEdit, "layerSalePriceEdit"), "")  # empty: no sale
    assert _stored_layer(window, "Grip Color/Crimson").sale_price is None
    assert stack.count() == start + 4


def test_bad_values_are_refused_at_the_field(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    stack = window.undo_stack
    start = stack.count()
    price = find(window, QLineEdit, "layerPriceEdit")
    _finish(price, "abc")
    error = find(window, QLabel, "layerPriceError")
    assert error.isVisible() and "not a number" in error.message()
    assert "not a number" in window.statusBar().currentMessage()
    assert price.text() == "3.00"  # back to the stored value
    _finish(find(window, QLineEdit, "layerSalePriceEdit"), "-1")
    assert "negative" in find(window, QLabel, "layerSalePriceError").message()
    name = find(window, QLineEdit, "layerNameEdit")
    _finish(name, "   ")
    assert find(window, QLabel, "layerNameError").isVisible()
    assert name.text() == "Red"
    assert stack.count() == start
    layer = _stored_layer(window, "Grip Color/Red")
    assert (layer.name, layer.price, layer.sale_price) == ("Red", Decimal("3.00"), None)
    # a good value clears the message
    _finish(price, "2")
    assert not error.isVisible()
    assert _stored_layer(window, "Grip Color/Red").price == Decimal("2.00")


def test_a_sibling_name_is_refused_at_the_field(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    start = window.undo_stack.count()
    name = find(window, QLineEdit, "layerNameEdit")
    _finish(name, "Yellow")
    error = find(window, QLabel, "layerNameError")
    assert error.isVisible() and 'already named "Yellow"' in error.message()
    assert name.text() == "Red"
    assert window.undo_stack.count() == start
    assert shown_children(window, "Grip Color") == ["Yellow", "Red", "Purple"]
    assert _stored_layer(window, "Grip Color/Red").name == "Red"


def test_an_absurd_price_is_refused_at_the_field(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    price = find(window, QLineEdit, "layerPriceEdit")
    _finish(price, "1" + "0" * 30)
    assert "too large" in find(window, QLabel, "layerPriceError").message()
    assert price.text() == "3.00"
    assert _stored_layer(window, "Grip Color/Red").price == Decimal("3.00")


def test_a_decimal_comma_is_refused_not_read_as_thousands(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    price = find(window, QLineEdit, "layerPriceEdit")
    _finish(price, "12,50")
    assert "comma for decimals" in find(window, QLabel, "layerPriceError").message()
    assert price.text() == "3.00"
    assert _stored_layer(window, "Grip Color/Red").price == Decimal("3.00")


def test_checkboxes_commit_on_change(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    find(window, QCheckBox, "activeOnLoadCheck").setChecked(True)
    find(window, QCheckBox, "hiddenCheck").click()
    red = _stored_layer(window, "Grip Color/Red")
    assert red.active_on_load and red.hidden
    select(window, "Buttons")
    find(window, QCheckBox, "requiredCheck").setChecked(True)
    find(window, QCheckBox, "multipleCheck").setChecked(True)
    buttons = _stored_layer(window, "Buttons")
    assert buttons.required and buttons.multiple
    assert window.undo_stack.undoText() == 'Change multiple selection of "Buttons"'


def test_panel_follows_undo_and_redo(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    _finish(find(window, QLineEdit, "layerPriceEdit"), "7.00")
    find(window, QCheckBox, "hiddenCheck").setChecked(True)
    undo = find(window, QAction, "undoAction")
    redo = find(window, QAction, "redoAction")
    assert undo.text().replace("&", "") == 'Undo Change hidden of "Red"'
    undo.trigger()
    assert not find(window, QCheckBox, "hiddenCheck").isChecked()
    undo.trigger()
    assert find(window, QLineEdit, "layerPriceEdit").text() == "3.00"
    assert _stored_layer(window, "Grip Color/Red").price == Decimal("3.00")
    redo.trigger()
    assert find(window, QLineEdit, "layerPriceEdit").text() == "7.00"
    assert _stored_layer(window, "Grip Color/Red").price == Decimal("7.00")


def test_user_text_is_plain_text(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    _finish(find(window, QLineEdit, "layerNameEdit"), "<b>Red</b> &amp;")
    title = find(window, QLabel, "layerSettingsTitle")
    assert title.textFormat() == Qt.TextFormat.PlainText
    assert title.text() == "<b>Red</b> &amp;"
    assert shown_children(window, "Grip Color")[1] == "<b>Red</b> &amp;"


def _png(path: Path) -> Path:
    picture = QImage(40, 30, QImage.Format.Format_ARGB32)
    picture.fill(QColor("#c00"))
    assert picture.save(str(path))
    return path


def test_choose_image_copies_it_into_the_media_folder(window: MainWindow, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    select(window, "Grip Color/Red")
    source = _png(tmp_path / "red grip.png")
    find(window, QPushButton, "chooseImageButton").click()
    dialog = visible_dialog(qtbot, QFileDialog, "chooseImageDialog")
    dialog.fileSelected.emit(str(source))
    dialog.reject()
    db_path = window.document.db_path
    assert db_path is not None
    # Copied in under a short, safe name.
    assert _stored_layer(window, "Grip Color/Red").image == "images/red-grip.png"
    assert (media_dir(db_path) / "images" / "red-grip.png").read_bytes() == source.read_bytes()
    assert find(window, QLineEdit, "layerImageEdit").text() == "images/red-grip.png"
    assert not find(window, QLabel, "imageThumbnail").pixmap().isNull()
    assert not find(window, QLabel, "imageMissingLabel").isVisible()
    # Clear removes the reference (the file stays for undo)
    find(window, QPushButton, "clearImageButton").click()
    assert _stored_layer(window, "Grip Color/Red").image == ""


@pytest.mark.parametrize("file_name", ["grip:red.png", "grip\\red.png"])
def test_an_image_whose_name_a_path_may_not_hold_is_stored_under_a_safe_name(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, tmp_path: Path, file_name: str
) -> None:
    """Linux allows ':' and '\\' in file names; the exchange refuses them in image paths, so
    such a file is copied under a name it accepts (else export then import would fail)."""
    select(window, "Grip Color/Red")
    for source in (_png(tmp_path / file_name), _png(_media(window) / "images" / file_name)):
        find(window, QPushButton, "chooseImageButton").click()
        dialog = visible_dialog(qtbot, QFileDialog, "chooseImageDialog")
        dialog.fileSelected.emit(str(source))
        dialog.reject()
        stored = _stored_layer(window, "Grip Color/Red").image
        assert stored.startswith("images/grip-red") and relative_path_problem(stored) == ""
        assert (_media(window) / stored).read_bytes() == source.read_bytes()
        assert not find(window, QLabel, "imageThumbnail").pixmap().isNull()
        assert not find(window, QLabel, "imageMissingLabel").isVisible()
        data = exchange.loads(exchange.dumps(exchange.to_dict(window.document.configurator)))
        assert exchange.from_dict(data).layers[0].children[1].image == stored


def test_a_file_that_is_not_an_image_is_refused_at_the_field(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    select(window, "Grip Color/Red")
    fake = tmp_path / "notes.png"
    fake.write_text("not a picture")
    find(window, QPushButton, "chooseImageButton").click()
    dialog = visible_dialog(qtbot, QFileDialog, "chooseImageDialog")
    dialog.fileSelected.emit(str(fake))
    dialog.reject()
    error = find(window, QLabel, "layerImageError")
    assert error.isVisible() and "is not a PNG, JPEG or WebP image" in error.message()
    assert window.undo_stack.count() == 0
    assert _stored_layer(window, "Grip Color/Red").image == ""
    assert not (_media(window) / "images" / "notes.png").exists()


def _media(window: MainWindow) -> Path:
    assert window.document.db_path is not None
    folder = media_dir(window.document.db_path)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    return folder


def test_missing_image_file_is_flagged(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    layer = window.layers_panel.current_layer()
    assert layer is not None and layer.id is not None
    window.document.set_layer_fields(layer.id, {LayerField.IMAGE: "images/gone.png"})
    missing = find(window, QLabel, "imageMissingLabel")
    assert missing.isVisible()
    assert missing.text() == "File not found"
    assert find(window, QLabel, "imageThumbnail").pixmap().isNull()
