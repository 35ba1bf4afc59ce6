"""The Configurators dock: the list of configurators and create / open / rename / duplicate /
delete."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...domain import rules
from ...domain.change_set import ChangeSet
from ...domain.fields import ConfiguratorField
from ...domain.rules import RuleError
from ...store.repository import ConfiguratorSummary
from ..editing.commands import (
    CreateConfigurator,
    DeleteConfigurator,
    DuplicateConfigurator,
    SetConfiguratorFields,
    UndoTarget,
    push,
)
from ..editing.document import Document
from ..theme import icons
from ..widgets import accessibility, empty_state
from ..widgets.confirm import confirm_delete
from .name_dialog import NameDialog

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole


class ConfiguratorListModel(QAbstractListModel):
    """The configurators by name (the open one in bold); rename in place pushes a command.

    Signals:
        editRefused(str)   a rename was refused (empty or taken name)
    """

    editRefused = Signal(str)

    def __init__(self, document: Document, stack: UndoTarget, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.stack = stack
        self.items: list[ConfiguratorSummary] = document.configurators()
        self._bold = QFont()
        self._bold.setBold(True)
        document.changed.connect(self._follow)

    def refresh(self) -> None:
        self.beginResetModel()
        self.items = self.document.configurators()
        self.endResetModel()

    def _follow(self, change: ChangeSet) -> None:
        if change.configurators:
            self.refresh()
        elif change.reset is not None:
            self._opened()

    def _opened(self) -> None:
        """Another configurator is open: the list shows which in bold."""
        if self.items:
            self.dataChanged.emit(
                self.index(0), self.index(len(self.items) - 1), [Qt.ItemDataRole.FontRole]
            )

    def row_of(self, configurator_id: int | None) -> int:
        return next((i for i, s in enumerate(self.items) if s.id == configurator_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return item.name
        if role == IdRole:
            return item.id
        cfg = self.document.configurator
        if role == Qt.ItemDataRole.FontRole and cfg is not None and cfg.id == item.id:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            # Words only: a tooltip whose first line holds a tag would be read as rich text.
            return "Click to open"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        # A read-only database is not renamed in place (read_only_mode.py).
        return flags if self.document.read_only is not None else flags | Qt.ItemFlag.ItemIsEditable

    def name_problem(self, name: str, exclude_id: int | None) -> str:
        try:
            name = rules.name(name)
        except RuleError as exc:
            return f"Name: {exc.problem}."
        if self.document.name_taken(name, exclude_id):
            return f'A configurator named "{name}" already exists.'
        return ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        item = self.items[index.row()]
        name = str(value).strip()
        if name == item.name:
            return False
        problem = self.name_problem(name, item.id)
        if problem:
            self.editRefused.emit(problem + " The name was kept.")
            return False
        text = f'Rename configurator to "{name}"'
        rename = {ConfiguratorField.NAME: name}
        return push(self.stack, SetConfiguratorFields(self.document, item.id, rename, text))


class _ConfiguratorList(QListView):
    """The configurators list; empty, it points at New configurator."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            empty_state.paint_empty_text(self.viewport(), empty_state.NO_CONFIGURATORS)


class ConfiguratorsPanel(QWidget):
    """The `configuratorList` view with its actions. Opening is navigation (not an edit, so no
    undo step); every other action pushes a command. Dialogs open with open(). No signals."""

    def __init__(self, document: Document, stack: UndoTarget, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.stack = stack
        self.model = ConfiguratorListModel(document, stack, self)
        self.view = _ConfiguratorList(self)
        self.view.setObjectName("configuratorList")
        accessibility.name(self.view, "Configurators", "The highlighted configurator is open")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.activated.connect(self._activated)
        # One click (or an arrow key) opens: the highlighted configurator is the open one
        # (docs/editing.md). _highlighting: the list following the document, not the user.
        self._highlighting = False
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.new_action = self._action(
            "newConfiguratorAction", "New configurator…", self.create_configurator
        )
        self.new_action.setIcon(icons.add_icon())
        self.duplicate_action = self._action(
            "duplicateConfiguratorAction", "Duplicate", self.duplicate
        )
        self.rename_action = self._action("renameConfiguratorAction", "Rename…", self.rename)
        self.delete_action = self._action(
            "deleteConfiguratorAction", "Delete configurator…", self.delete
        )
        self.delete_action.setIcon(icons.delete_icon())
        self.duplicate_action.setIcon(icons.duplicate_icon())
        self.rename_action.setIcon(icons.rename_icon())
        for action, tip in zip(
            self.actions_list,
            (
                "New configurator",
                "Duplicate configurator",
                "Rename configurator",
                "Delete configurator",
            ),
            strict=True,
        ):
            action.setToolTip(tip)
        bar = QToolBar(self)
        bar.setObjectName("configuratorToolBar")
        # Icons only: four of them fit a narrow dock; the menu and tooltips carry the words.
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for action in self.actions_list:
            bar.addAction(action)
            self.view.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.view)
        layout.addWidget(bar)

        self.model.modelReset.connect(self._highlight_current)
        document.changed.connect(self._follow)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self._update_enabled()

    def _action(self, name: str, text: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    @property
    def actions_list(self) -> list[QAction]:
        return [self.new_action, self.duplicate_action, self.rename_action, self.delete_action]

    # --- selection -----------------------------------------------------------------------
    def selected_id(self) -> int | None:
        """The row picked in the list, else the configurator that is open."""
        index = self.view.currentIndex()
        if index.isValid():
            return index.data(IdRole)
        cfg = self.document.configurator
        return cfg.id if cfg is not None else None

    def _follow(self, change: ChangeSet) -> None:
        if change.reset is not None:
            self._highlight_current()

    def _highlight_current(self) -> None:
        cfg = self.document.configurator
        row = self.model.row_of(cfg.id if cfg is not None else None)
        selection = self.view.selectionModel()
        self._highlighting = True
        try:
            if row >= 0:
                selection.setCurrentIndex(
                    self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
            else:
                selection.clear()
        finally:
            self._highlighting = False
        self._update_enabled()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._highlighting and current.isValid():
            self._activated(current)
        self._update_enabled()

    def _update_enabled(self) -> None:
        has = self.selected_id() is not None
        for action in (self.duplicate_action, self.rename_action, self.delete_action):
            action.setEnabled(has)

    def _summary(self, configurator_id: int | None) -> ConfiguratorSummary | None:
        if configurator_id is None:
            return None
        row = self.model.row_of(configurator_id)
        return self.model.items[row] if row >= 0 else None

    # --- actions -------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        configurator_id = index.data(IdRole)
        cfg = self.document.configurator
        if configurator_id is None or (cfg is not None and cfg.id == configurator_id):
            return
        # Navigation, not an edit. When it fails (a damaged configurator, said in the status
        # bar) the highlight stays on the row chosen, so it can still be deleted or renamed;
        # the open one stays in bold.
        self.document.try_open(configurator_id)

    def create_configurator(self) -> None:
        dialog = NameDialog(
            "newConfiguratorDialog",
            "New configurator",
            lambda name: self.model.name_problem(name, None),
            ask_product=True,
            parent=self.window(),
        )
        dialog.chosen.connect(self._create)
        dialog.ask(self.document.unique_name("New configurator"))

    def _create(self, name: str, product: str) -> None:
        push(self.stack, CreateConfigurator(self.document, name, product_name=product or name))

    def duplicate(self) -> None:
        source = self._summary(self.selected_id())
        if source is not None:
            new_name = self.document.unique_name(f"{source.name} (copy)")
            push(self.stack, DuplicateConfigurator(self.document, source.id, new_name))

    def rename(self) -> None:
        source = self._summary(self.selected_id())
        if source is None:
            return
        dialog = NameDialog(
            "renameConfiguratorDialog",
            "Rename configurator",
            lambda name: self.model.name_problem(name, source.id),
            parent=self.window(),
        )
        dialog.chosen.connect(lambda name, _product: self._rename(source, name))
        dialog.ask(source.name)

    def _rename(self, source: ConfiguratorSummary, name: str) -> None:
        if name != source.name:
            text = f'Rename configurator to "{name}"'
            rename = {ConfiguratorField.NAME: name}
            push(self.stack, SetConfiguratorFields(self.document, source.id, rename, text))

    def delete(self) -> None:
        source = self._summary(self.selected_id())
        if source is None:
            return
        confirm_delete(
            self.window(),
            "confirmDeleteConfigurator",
            "Delete configurator",
            f'Delete the configurator "{source.name}" with all its layers?',
            lambda: self._delete(source),
        )

    def _delete(self, source: ConfiguratorSummary) -> None:
        # When the open one goes the command opens another, on redo as on the first delete.
        push(self.stack, DeleteConfigurator(self.document, source.id, source.name))
