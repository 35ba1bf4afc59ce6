"""Names for assistive technology: visible labels linked to their fields, and spoken names for
fields whose label is not beside them.

Qt finds a field's name from a QLabel buddy only when the label and the field share a parent
widget. Our form rows put the field in a small box with its error message under it, so the
buddy is set (Alt+letter still jumps to the field) and the name is also set on the field
itself, from the same words.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget


def spoken(text: str) -> str:
    """A label's words without its access-key ampersands ("&&" stays one "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def with_key(text: str, letter: str) -> str:
    """text with its first letter (case-sensitive) marked as the access key: Alt+letter."""
    at = text.find(letter)
    return text if at < 0 else f"{text[:at]}&{text[at:]}"


def name(widget: QWidget, text: str, description: str = "") -> QWidget:
    """Give widget the accessible name text (and a description, when there is one)."""
    widget.setAccessibleName(spoken(text))
    if description:
        widget.setAccessibleDescription(description)
    return widget


def labelled(text: str, field: QWidget, parent: QWidget | None = None) -> QLabel:
    """A QLabel reading text whose buddy is field, which takes the label's words as its name."""
    label = QLabel(text, parent)
    label.setBuddy(field)
    name(field, text)
    return label


def add_row(
    form: QFormLayout, text: str, field: QWidget, shown: QWidget | QLayout | None = None
) -> QLabel:
    """A form row labelled text for field, which may sit inside shown (a box holding the field
    and its message); returns the label."""
    label = labelled(text, field)
    form.addRow(label, field if shown is None else shown)
    return label
