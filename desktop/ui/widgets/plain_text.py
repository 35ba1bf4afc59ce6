"""Showing text users typed (names, SKUs, a currency symbol) as plain text where Qt would guess.

A QLabel is set to PlainText where it is made; a tooltip has no such switch: Qt renders one as
rich text whenever it looks like markup, so `plain_tooltip` escapes such a text to show literally.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt  # mightBeRichText lives in QtGui


def plain_tooltip(text: str) -> str:
    """text as a tooltip that shows exactly these characters."""
    if not Qt.mightBeRichText(text):
        return text
    return f'<p style="white-space:pre">{html.escape(text, quote=False)}</p>'
