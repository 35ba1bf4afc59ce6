"""The image row of the layer settings: stored path, Choose…, Clear, thumbnail, missing flag."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap, QPixmapCache
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...store import media
from ..theme import palette
from ..theme.palette import Tone
from ..widgets.file_dialogs import fit_to_window, never_read_files
from ..widgets.image_decode import decode_side, read_image

THUMBNAIL = QSize(96, 96)
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.svg)"
NOT_FOUND = "File not found"


class ImageField(QWidget):
    """Shows a layer's image (a path relative to the database's media folder) and lets the
    merchant choose another file in a non-blocking QFileDialog or clear it.

    Signals:
        fileChosen(str)   an absolute path the merchant picked (the panel copies and commits it)
        cleared()         the merchant removed the image
    """

    fileChosen = Signal(str)
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path: Path | None = None
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("layerImageEdit")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("no image")
        self.choose_button = QPushButton("Choose…", self)
        self.choose_button.setObjectName("chooseImageButton")
        self.choose_button.clicked.connect(self.open_chooser)
        self.choose_button.setAccessibleName("Choose image…")
        self.clear_button = QPushButton("Clear", self)
        self.clear_button.setObjectName("clearImageButton")
        self.clear_button.clicked.connect(self.cleared)
        self.clear_button.setAccessibleName("Clear image")
        self.thumbnail = QLabel(self)
        self.thumbnail.setObjectName("imageThumbnail")
        self.thumbnail.setFixedSize(THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # palette(): the theme's own colours, so the frame reads on light and dark alike.
        self.thumbnail.setStyleSheet(
            "background: palette(alternate-base); border: 1px solid palette(mid);"
        )
        self.missing = QLabel(NOT_FOUND, self)
        self.missing.setObjectName("imageMissingLabel")
        palette.style_text(self.missing, Tone.ERROR, "font-weight: bold;")
        self.missing.hide()
        self.dialog: QFileDialog | None = None

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.path_edit, 0, 0, 1, 2)
        grid.addWidget(self.choose_button, 1, 0)
        grid.addWidget(self.clear_button, 1, 1)
        grid.addWidget(self.missing, 2, 0, 1, 2)
        grid.addWidget(self.thumbnail, 0, 2, 3, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def show_image(self, relative: str) -> None:
        self.path_edit.setText(relative)
        self.clear_button.setEnabled(bool(relative))
        found = media.resolve_image(self.db_path, relative) if relative else None
        self.missing.setVisible(bool(relative) and found is None)
        self.missing.setToolTip(
            f"Expected in {media.media_dir(self.db_path)}" if self.db_path is not None else ""
        )
        self.thumbnail.setPixmap(_thumbnail(found) if found is not None else QPixmap())
        self.thumbnail.setText("" if found is not None else "—")

    def open_chooser(self) -> None:
        if self.dialog is None:
            self.dialog = QFileDialog(self, "Choose the layer image")
            self.dialog.setObjectName("chooseImageDialog")
            self.dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            self.dialog.setNameFilter(IMAGE_FILTER)
            # The same dialog everywhere (and findable by tests), not a platform one.
            self.dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
            never_read_files(self.dialog)  # it lists the database's own folder
            fit_to_window(self.dialog, self)
            self.dialog.fileSelected.connect(self.fileChosen)
        if self.db_path is not None:
            folder = media.media_dir(self.db_path)
            self.dialog.setDirectory(str(folder if folder.is_dir() else self.db_path.parent))
        self.dialog.open()


def _thumbnail(path: Path) -> QPixmap:
    """Scaled once per file and kept in Qt's pixmap cache (selecting a layer stays cheap).
    Decoded at a few times the thumbnail's side, never at the image's full size
    (docs/files-and-images.md)."""
    try:
        key = f"thumb:{path}:{path.stat().st_mtime_ns}"
    except OSError:
        return QPixmap()
    pixmap = QPixmap()
    if QPixmapCache.find(key, pixmap):
        return pixmap
    image = read_image(path, decode_side(THUMBNAIL * 2))  # crisp at twice the pixels too
    if image is None:
        return QPixmap()
    pixmap = QPixmap.fromImage(
        image.scaled(
            THUMBNAIL,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )
    QPixmapCache.insert(key, pixmap)
    return pixmap
