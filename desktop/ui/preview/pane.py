"""The live storefront preview pane."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..document import Document


class PreviewPane(QWidget):
    """The storefront as a shopper sees it, following every document change."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self.document = document
