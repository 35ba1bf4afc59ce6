"""Keyboard access to the window's actions: shortcuts for the main ones, the keys shown in
their tooltips, and an access key (Alt+letter) on every menu item.

Help ▸ Keyboard shortcuts lists whatever shortcuts the actions carry, so the keys given here
appear there without a second list.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

# The main actions by objectName, with the keys they answer to. Rename layer (F2), Delete,
# Move up/down, Undo/Redo, New configurator, Find and Help keep the keys their owners give.
SHORTCUTS: dict[str, str] = {
    "addGroupAction": "Ctrl+G",
    "addSubGroupAction": "Ctrl+Shift+G",
    "addLayerAction": "Ctrl+Shift+O",
    "globalSettingsAction": "Ctrl+,",
    "renameConfiguratorAction": "Shift+F2",
    "duplicateConfiguratorAction": "Ctrl+D",
    "stockAddonAction": "Ctrl+Shift+M",
}


def keys_text(action: QAction) -> str:
    """The action's first shortcut as the platform writes it ('' when it has none)."""
    keys = [k for k in action.shortcuts() if not k.isEmpty()]
    return keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""


def give_shortcuts(window: QWidget) -> None:
    """Set SHORTCUTS on the window's actions that have none yet."""
    for action in window.findChildren(QAction):
        wanted = SHORTCUTS.get(action.objectName())
        if wanted and not any(not k.isEmpty() for k in action.shortcuts()):
            action.setShortcut(QKeySequence(wanted))


def show_keys_in_tooltips(window: QWidget) -> None:
    """Each action's tooltip ends with its shortcut, e.g. 'Add a group … (Ctrl+G)'."""
    for action in window.findChildren(QAction):
        keys = keys_text(action)
        tip = action.toolTip()
        if keys and not tip.endswith(f"({keys})"):
            action.setToolTip(f"{tip} ({keys})")


def with_access_key(text: str, taken: set[str]) -> str:
    """text with '&' before the first letter not in taken, word starts first; text as it was
    when it has one already or no letter is free. The letter chosen is added to taken."""
    if "&" in text.replace("&&", ""):
        at = text.replace("&&", "  ").index("&")
        if at + 1 < len(text):
            taken.add(text[at + 1].lower())
        return text
    starts = [
        i for i, c in enumerate(text) if c.isalnum() and (i == 0 or not text[i - 1].isalnum())
    ]
    others = [i for i, c in enumerate(text) if c.isalnum() and i not in starts]
    for i in [*starts, *others]:
        letter = text[i].lower()
        if letter not in taken:
            taken.add(letter)
            return f"{text[:i]}&{text[i:]}"
    return text


def give_access_keys(menu: QMenu | QMenuBar) -> None:
    """An access key for every item of menu (and of its submenus' titles), unique within it.
    Items of a submenu that fills itself (recent files) are left as they are."""
    items = [a for a in menu.actions() if not a.isSeparator() and a.text()]
    taken: set[str] = set()
    for action in items:
        if "&" in action.text():
            with_access_key(action.text(), taken)  # keeps the key it has, and notes it
    for action in items:
        if "&" not in action.text():
            action.setText(with_access_key(action.text(), taken))
        sub = action.menu()
        if isinstance(menu, QMenuBar) and isinstance(sub, QMenu):
            give_access_keys(sub)


def install(window: QWidget, menu_bar: QMenuBar) -> None:
    """Shortcuts, tooltips with their keys and access keys for the whole window."""
    give_shortcuts(window)
    show_keys_in_tooltips(window)
    give_access_keys(menu_bar)
