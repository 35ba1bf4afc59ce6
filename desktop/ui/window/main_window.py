"""The editor's main window: docks around the live preview, menus, toolbar and the undo stack."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QShowEvent,
    Qt,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QUndoView,
    QWidget,
)

from ...application.gateway import Failure
from ...application.version import APP_NAME, ORGANIZATION
from ...domain import texts
from ...domain.change_set import ChangeSet, Inserted
from ...domain.fields import ConfiguratorField
from ...domain.model import Configurator
from ..configurators.configurators_panel import ConfiguratorsPanel
from ..configurators.global_settings_dialog import GlobalSettingsDialog
from ..database.change_watcher import TeamStatus
from ..database.database_actions import DatabaseActions
from ..database.read_only_mode import ReadOnlyMode
from ..database.storage_dialog import StorageErrorDialog
from ..editing.commands import SetAddon, push
from ..editing.document import Document
from ..editing.undo_stacks import UndoStacks
from ..exchange.exchange_actions import ExchangeActions
from ..exchange.file_drops import DropKind, FileDrops
from ..layers.actions import LayerActions
from ..layers.panel import LayersPanel
from ..layers.settings_panel import LayerSettingsPanel
from ..layers.tree_model import LayerTreeModel
from ..preview import PreviewPane
from ..preview.export_action import PreviewExport
from ..scenarios.actions import ScenarioActions
from ..stock.actions import StockActions
from ..theme import icons
from ..widgets import accessibility
from . import focus_order, keyboard
from .about_dialog import AboutDialog
from .menus import build_menus_and_toolbar
from .narrow_layout import DockYield
from .shortcuts_dialog import ShortcutsDialog

STATUS_TIMEOUT_MS = 8000
LAYERS_MIN_COMFORT = 220  # px: names of nested options stay readable


def window_settings() -> QSettings:
    """Where window geometry and dock layout live (tests point QSettings.setPath elsewhere)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME)


def with_ctrl_y(keys: list[QKeySequence]) -> list[QKeySequence]:
    """Redo's keys plus Ctrl+Y where users expect it (Windows and Linux) and the platform's
    list lacks it; macOS keeps its own (Cmd+Y is not Redo there)."""
    ctrl_y = QKeySequence("Ctrl+Y")
    if sys.platform == "darwin" or ctrl_y in keys:
        return keys
    return [*keys, ctrl_y]


def window_title(cfg: Configurator | None, db_path: Path | object | None) -> str:
    """The title "<configurator> — <database file> — Configurator Editor": with several windows (or
    databases) open, the taskbar tells them apart."""
    # A file by its name; a server database by its address (which never shows the password).
    if db_path is None:
        database = "in memory"
    else:
        database = db_path.name if isinstance(db_path, Path) else str(db_path)
    parts = [cfg.name] if cfg is not None else []
    return " — ".join([*parts, database, APP_NAME])


def open_initial(document: Document) -> None:
    """Open the configurator opened last, else the first one (none when the list is empty)."""
    wanted = document.last_configurator()
    ids = [summary.id for summary in document.configurators()]
    if wanted not in ids:
        wanted = ids[0] if ids else None
    # A damaged file or a row edited by hand is said, naming both; the window still opens.
    document.try_open(wanted)


def open_window(document: Document) -> MainWindow:
    """A window of its own for a database opened from the File menu: shown, with its first
    configurator open, and closing its database when it closes."""
    window = MainWindow(document)
    window.owns_database = True
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    open_initial(document)
    return window


class MainWindow(QMainWindow):
    """Configurators and Layers docks on the left, the preview in the centre, the selected
    layer's settings on the right. Owns the undo stacks (`undo_stacks`: one per configurator
    and one for the list; `undo_stack` is the active one); every edit any part of the window
    makes is a command pushed through them. Emits no signals of its own."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.document = document
        document.progress_parent = self  # long work on a large configurator shows its progress here
        self.owns_database = False  # a window opened from the File menu closes its database
        # One undo stack per configurator, one for the list (docs/editing.md).
        self.undo_stacks = UndoStacks(document, self)
        self._syncing_addon = False
        self._shown = False

        self.preview = PreviewPane(document)
        self.setCentralWidget(self.preview)
        self.tree_model = LayerTreeModel(document, self.undo_stacks, self)
        self.layers_panel = LayersPanel(self.tree_model)
        self.layer_actions = LayerActions(document, self.undo_stacks, self.layers_panel, self)
        self.configurators_panel = ConfiguratorsPanel(document, self.undo_stacks)
        self.settings_panel = LayerSettingsPanel(document, self.undo_stacks)
        self.global_settings_dialog = GlobalSettingsDialog(document, self.undo_stacks, self)
        self.exchange_actions = ExchangeActions(document, self.undo_stacks, self)
        self.database_actions = DatabaseActions(
            self, document, window_settings, self.show_message, self.save_layout, open_window
        )
        self.shortcuts_dialog = ShortcutsDialog(self)
        self.preview_export = PreviewExport(document, self.preview, self)
        self.scenario_actions = ScenarioActions(document, self.preview, self)

        self.configurators_dock = self._dock(
            "configuratorsDock",
            "Configurators",
            self.configurators_panel,
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )
        self.layers_dock = self._dock(
            "layersDock", "Layers", self.layers_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.settings_dock = self._dock(
            "layerSettingsDock",
            "Layer settings",
            self.settings_panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.stock_actions = StockActions(document, self.undo_stacks, self)
        self.stock_dock = self._dock(
            "stockTableDock",
            "Stock",
            self.stock_actions.panel,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        # Opened from the Stock menu (then remembered with the layout): the preview keeps its
        # height until the merchant asks for the table.
        self.stock_dock.hide()
        self.stock_actions.attach(self.stock_dock)
        self.stock_actions.panel.model.follow(False)
        self.stock_dock.visibilityChanged.connect(self.stock_actions.panel.model.follow)
        self.scenario_dock = self._dock(
            "scenarioDock",
            "Scenario",
            self.scenario_actions.panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.tabifyDockWidget(self.settings_dock, self.scenario_dock)
        self.settings_dock.raise_()
        self.scenario_dock.hide()  # shown when a scenario plays or records
        self.dock_yield = DockYield(
            self,
            self.preview,
            [
                (self.settings_dock, self.settings_panel.comfortable_width),
                (self.scenario_dock, self.settings_panel.comfortable_width),
                (self.layers_dock, lambda: LAYERS_MIN_COMFORT),
            ],
        )
        # View ▸ History: the edits Undo and Redo walk through, of the configurator on screen
        # (or of the list while it has the focus): it follows the active undo stack.
        self.history_view = QUndoView(self.undo_stacks)
        self.history_view.setObjectName("undoView")
        self.history_view.setEmptyLabel("As opened")
        accessibility.name(self.history_view, "Undo history")
        self.history_dock = self._dock(
            "historyDock", "History", self.history_view, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.history_dock.hide()
        self.scenario_actions.showRequested.connect(self._show_scenario_dock)
        self._create_actions()
        self.toolbar = build_menus_and_toolbar(self, self)
        self.addon_status = QLabel()
        self.addon_status.setObjectName("addonStatusLabel")
        self.statusBar().addPermanentWidget(self.addon_status)

        d = document
        self.storage_dialog = StorageErrorDialog(self)
        d.failed.connect(self._failed)  # the one way write failures reach the user
        d.edited.connect(self.show_message)  # "Saved: Metallic Red quantity 2 → 5"
        d.changed.connect(self._follow)
        self.layers_panel.currentLayerChanged.connect(self.settings_panel.show_layer)
        self.settings_panel.committer.message.connect(self.show_message)
        self.tree_model.editRefused.connect(self.show_message)
        self.configurators_panel.model.editRefused.connect(self.show_message)
        # The stock table and the tree select the same option, both ways.
        self.stock_actions.panel.layerSelected.connect(self.layers_panel.select_layer)
        self.layers_panel.currentLayerChanged.connect(self.stock_actions.panel.select_layer)

        self._addon_changed(document.addon_active)
        self._opened(document.configurator)
        self.undo_stacks.follow_focus(self.configurators_panel.view)
        # A file dropped on the window opens its import preview (docs/editing.md).
        self.file_drops = FileDrops(
            self,
            self.exchange_actions.import_action,
            self.stock_actions.import_stock,
            {
                DropKind.CONFIGURATOR: lambda path: self.exchange_actions.preview(str(path)),
                DropKind.STOCK_SHEET: self.stock_actions.preview,
            },
            document,
        )
        self._restore_layout()
        # Changes made elsewhere; an unreachable server.
        self.team_status = TeamStatus(self, document, self.layers_panel, self.show_message)
        # A banner, editing disabled; or nothing.
        self.read_only_mode = ReadOnlyMode(
            self,
            document,
            self.toolbar,
            self.editing_actions(),
            [self.settings_panel.general, self.settings_panel.stock],
        )
        # Last, once every action and dock exists: keys, access keys and the Tab order.
        keyboard.install(self, self.menuBar())
        docks = [self.configurators_dock, self.layers_dock, self.settings_dock]
        focus_order.apply(self, docks, self.preview)

    @property
    def undo_stack(self) -> UndoStacks:
        """What Undo and Redo act on, used as one stack: push() puts a command on its
        configurator's stack, undo()/redo()/count() act on the active one (the open
        configurator's, or the list's while the list has the focus; see UndoStacks)."""
        return self.undo_stacks

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState/restoreState find docks by name
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _create_actions(self) -> None:
        self.undo_action = self.undo_stacks.createUndoAction(self, "&Undo")
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.undo_action.setIconText("Undo")  # its text names the edit; lists show this
        self.redo_action = self.undo_stacks.createRedoAction(self, "&Redo")
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcuts(
            with_ctrl_y(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        )
        self.redo_action.setIconText("Redo")
        # The panel owns the action; the window-wide shortcut is the window's to give.
        self.configurators_panel.new_action.setShortcuts(QKeySequence.StandardKey.New)

        self.find_action = QAction("&Find layer", self)
        self.find_action.setObjectName("findLayerAction")
        self.find_action.setShortcuts(QKeySequence.StandardKey.Find)
        self.find_action.setToolTip("Filter the layers by name or SKU")
        self.find_action.triggered.connect(self.focus_layer_filter)
        self.rename_layer_action = QAction(icons.rename_icon(), "Rename layer", self)
        self.rename_layer_action.setObjectName("renameLayerAction")
        self.rename_layer_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        # Only while the tree has focus: F2 in a text field is not a rename of the tree row.
        self.rename_layer_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.layers_panel.tree.insertAction(self.layer_actions.delete, self.rename_layer_action)
        self.rename_layer_action.triggered.connect(self.rename_layer)
        self.layers_panel.currentLayerChanged.connect(
            lambda layer: self.rename_layer_action.setEnabled(layer is not None)
        )
        self.rename_layer_action.setEnabled(False)

        self.shortcuts_action = QAction("&Keyboard shortcuts", self)
        self.shortcuts_action.setObjectName("keyboardShortcutsAction")
        self.shortcuts_action.setShortcuts(QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action.triggered.connect(self.shortcuts_dialog.open)
        self.about_action = QAction(f"&About {APP_NAME}", self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

        self.global_settings_action = QAction(icons.gear_icon(), f"{texts.GLOBAL_SETTINGS}…", self)
        self.global_settings_action.setObjectName("globalSettingsAction")
        self.global_settings_action.setToolTip(
            f"{texts.GLOBAL_SETTINGS}: product, base price, backorders"
        )
        self.global_settings_action.triggered.connect(self.global_settings_dialog.open)

        self.stock_addon_action = QAction(f"{texts.ADDON_NAME} add-on", self)
        self.stock_addon_action.setObjectName("stockAddonAction")
        self.stock_addon_action.setCheckable(True)
        self.stock_addon_action.setToolTip(
            "Stock Management add-on installed and active: stock rules and backorders apply"
        )
        # toggled (not triggered): a script's setChecked() is a user change too.
        self.stock_addon_action.toggled.connect(self._addon_toggled)

        self.quit_action = QAction("&Quit", self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)

    # --- following the document --------------------------------------------------------------
    def _follow(self, change: ChangeSet) -> None:
        if change.reset is not None:
            self._opened(change.reset.configurator)
        elif ConfiguratorField.NAME in change.settings:
            self._update_title()
        if change.addon:
            self._addon_changed(self.document.addon_active)
        tree = change.structure
        if isinstance(tree, Inserted) and tree.revealed:
            self.layers_panel.reveal(tree.layer)

    def _failed(self, failure: Failure) -> None:
        """In the status bar; a lasting fault of the database in a dialog too."""
        self.show_message(failure.text)
        if failure.lasting:
            self.storage_dialog.show_error(failure.text)

    def _opened(self, cfg: Configurator | None) -> None:
        self._update_title()
        self.global_settings_action.setEnabled(cfg is not None)

    def _update_title(self) -> None:
        self.setWindowTitle(window_title(self.document.configurator, self.document.database.target))

    def _addon_toggled(self, checked: bool) -> None:
        if self._syncing_addon or checked == self.document.addon_active:
            return
        if not push(self.undo_stacks, SetAddon(self.document, checked)):
            self._addon_changed(self.document.addon_active)

    def _addon_changed(self, active: bool) -> None:
        self._syncing_addon = True
        try:
            self.stock_addon_action.setChecked(active)
        finally:
            self._syncing_addon = False
        state = "on" if active else "off"
        self.addon_status.setText(f"{texts.ADDON_NAME} add-on: {state}")

    def _show_scenario_dock(self) -> None:
        dock = self.scenario_dock
        # In the layer settings' place, as a tab: the results need the dock's full height.
        settings = self.settings_dock
        docked = not dock.isFloating() and settings.isVisible() and not settings.isFloating()
        if docked and dock not in self.tabifiedDockWidgets(settings):
            self.tabifyDockWidget(settings, dock)
        dock.show()
        dock.raise_()

    def show_message(self, text: str) -> None:
        # Store refusals are worded to follow a field name; alone in the status bar they read
        # as a sentence.
        self.statusBar().showMessage(texts.as_sentence(text), STATUS_TIMEOUT_MS)

    def show_database_problem(self, text: str) -> QMessageBox:
        """Why the database asked for is not the one open (`databaseProblemBox`, not modal)."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Database not opened", text, parent=self)
        box.setObjectName("databaseProblemBox")
        box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes a URL as typed (masked)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.show_message(text)
        return box

    # --- keyboard and help -------------------------------------------------------------------
    def focus_layer_filter(self) -> None:
        """Find: show the Layers dock if it was closed and put the cursor in its filter."""
        self.layers_dock.show()
        self.layers_dock.raise_()
        edit = self.layers_panel.filter_edit
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()

    def rename_layer(self) -> None:
        """Start editing the selected row's name in the tree (F2 there does the same)."""
        layer = self.layers_panel.current_layer()
        if layer is not None:
            self.layers_panel.select_layer(layer, edit=True)

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.document.database.target, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- layout memory ---------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = window_settings()
        geometry = settings.value("mainWindow/geometry")
        state = settings.value("mainWindow/state")
        if geometry is None or not self.restoreGeometry(geometry):
            self._default_geometry()
        if state is None or not self.restoreState(state):
            self.resizeDocks(
                [self.configurators_dock, self.layers_dock], [170, 560], Qt.Orientation.Vertical
            )
            self.resizeDocks(
                [self.layers_dock, self.settings_dock], [300, 380], Qt.Orientation.Horizontal
            )

    def _default_geometry(self) -> None:
        """First start: most of the screen (the preview needs the room), centred."""
        screen = self.screen().availableGeometry()
        self.resize(min(1600, int(screen.width() * 0.97)), min(1000, int(screen.height() * 0.96)))
        frame = self.frameGeometry()
        frame.moveCenter(screen.center())
        self.move(frame.topLeft())

    def save_layout(self) -> None:
        settings = window_settings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            QTimer.singleShot(0, self._unsqueeze_docks)

    def _unsqueeze_docks(self) -> None:
        """A layout saved on a smaller screen may leave a dock too narrow for its fields;
        widen such docks to what their content needs (Qt takes it from the centre)."""
        docks: list[QDockWidget] = []
        widths: list[int] = []
        for dock, wanted in (
            (self.layers_dock, LAYERS_MIN_COMFORT),
            (self.settings_dock, self.settings_panel.comfortable_width()),
        ):
            if dock.isVisible() and not dock.isFloating() and dock.width() < wanted:
                docks.append(dock)
                widths.append(wanted)
        if docks:
            self.resizeDocks(docks, widths, Qt.Orientation.Horizontal)
        self.dock_yield.fit()

    def editing_actions(self) -> list[QAction]:
        """Every action that changes the database (or would undo or redo a change)."""
        actions = [
            self.undo_action,
            self.redo_action,
            self.rename_layer_action,
            self.global_settings_action,
            self.stock_addon_action,
            self.exchange_actions.import_action,
            self.stock_actions.bulk_edit,
            self.stock_actions.import_stock,
            *self.layer_actions.actions,
            *self.configurators_panel.actions_list,
        ]
        for name in ("undoToolAction", "redoToolAction"):
            tool = self.findChild(QAction, name)
            if tool is not None:
                actions.append(tool)
        return actions

    def closeEvent(self, event: QCloseEvent) -> None:
        # A field still being typed in commits on focus loss; make that happen before closing.
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        self.save_layout()
        super().closeEvent(event)
        if event.isAccepted():
            self.team_status.stop()
        if self.owns_database and event.isAccepted():
            self.document.database.close()
