"""The preview's one message area (`previewMessage`): one current message, never a stale one.

Two sources feed it. An action's outcome (a refusal or a success note) is the newest word
and replaces whatever was shown; a refusal carries a re-check, asked again after every change,
so it goes once the rule that caused it no longer applies. Under it lies the cart's standing
condition (a line that can no longer be bought): shown whenever no action's message is, and
taking over the area when it newly arises, since it contradicts an older success note.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..theme import palette
from ..theme.palette import Tone

# A refusal's text as it stands now; "" once nothing refuses any more.
Recheck = Callable[[], str]


class MessageArea(QLabel):
    """The QLabel `previewMessage` and the rules for what it shows. Emits no signals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewMessage")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._said = ""  # the last action's message; "" when none is current
        self._error = True
        self._recheck: Recheck | None = None
        self._standing = ""  # the cart's blocking condition, or ""
        self._shown_error = True
        self._styled = ""
        palette.follow(self, self._restyle)

    @property
    def is_error(self) -> bool:
        """Whether the text shown is a refusal (red) rather than a note (green)."""
        return self._shown_error

    def note(self, text: str) -> None:
        """A success note: stays until the next message replaces it."""
        self._set(text, error=False, recheck=None)

    def refuse(self, text: str, recheck: Recheck) -> None:
        """A refusal: stays while recheck() still returns a refusal (its text follows)."""
        self._set(text, error=True, recheck=recheck)

    def clear(self) -> None:
        """Forget the last action's message (the cart's condition, if any, shows again)."""
        self._set("", error=True, recheck=None)

    def set_standing(self, text: str) -> None:
        """The cart's condition. A new or changed one replaces the last action's message:
        after it, a success note such as "Added to cart" would no longer be true."""
        if text and text != self._standing:
            self._said, self._recheck = "", None
        self._standing = text
        self._show()

    def recheck(self) -> None:
        """Ask the current refusal again: gone when nothing refuses, else its text now."""
        if self._recheck is None:
            return
        now = self._recheck()
        if now:
            self._said = now
        else:
            self._said, self._recheck = "", None
        self._show()

    def _set(self, text: str, *, error: bool, recheck: Recheck | None) -> None:
        self._said, self._error, self._recheck = text, error, recheck if text else None
        self._show()

    def _show(self) -> None:
        if self._said:
            text, error = self._said, self._error
        else:
            text, error = self._standing, True
        if self.text() != text:
            self.setText(text)
        self._shown_error = error
        self._restyle()

    def _restyle(self) -> None:
        style = palette.text_style(Tone.ERROR if self._shown_error else Tone.SUCCESS)
        if self._styled != style:  # re-polishing costs more than the text
            self._styled = style
            self.setStyleSheet(style)
