"""The main window's menu bar and toolbar, built from the actions its parts own."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QDockWidget, QMenuBar, QToolBar, QWidget

from ..configurators.configurators_panel import ConfiguratorsPanel
from ..database.database_actions import DatabaseActions
from ..editing.undo_stacks import UndoStacks
from ..exchange.exchange_actions import ExchangeActions
from ..layers.actions import LayerActions
from ..preview.export_action import PreviewExport
from ..scenarios.actions import ScenarioActions
from ..stock.actions import StockActions
from ..theme import icons
from ..widgets.plain_text import plain_tooltip


class Menus(Protocol):
    """What the menus and toolbar are built from: the main window's parts, not its type, so
    the two modules do not import each other."""

    exchange_actions: ExchangeActions
    database_actions: DatabaseActions
    configurators_panel: ConfiguratorsPanel
    layer_actions: LayerActions
    stock_actions: StockActions
    preview_export: PreviewExport
    scenario_actions: ScenarioActions
    undo_stacks: UndoStacks
    undo_action: QAction
    redo_action: QAction
    find_action: QAction
    quit_action: QAction
    rename_layer_action: QAction
    global_settings_action: QAction
    stock_addon_action: QAction
    shortcuts_action: QAction
    about_action: QAction
    configurators_dock: QDockWidget
    layers_dock: QDockWidget
    settings_dock: QDockWidget
    stock_dock: QDockWidget
    scenario_dock: QDockWidget
    history_dock: QDockWidget

    def menuBar(self) -> QMenuBar: ...
    def addToolBar(self, area: Qt.ToolBarArea, toolbar: QToolBar) -> None: ...


class _StackToolAction(QAction):
    """The toolbar's Undo/Redo button. The stack's own actions rename themselves "Undo <edit>",
    which would make the toolbar jump about; this one keeps its label and puts the edit in
    its tooltip. Follows the stack's signals (no signals of its own)."""

    def __init__(self, icon: QIcon, label: str, parent: QWidget) -> None:
        super().__init__(icon, label, parent)
        self.label = label
        self.setEnabled(False)

    def show_edit(self, text: str) -> None:
        # The edit's text quotes names users typed.
        self.setToolTip(plain_tooltip(f"{self.label} {text}" if text else self.label))


def build_menus_and_toolbar(window: Menus, parent: QWidget) -> QToolBar:
    """The menus (File, Edit, Configurator, Layer, Stock, Add-ons, Preview, View, Help) and
    the main toolbar; returns the toolbar."""
    menu = window.menuBar()
    file_menu = menu.addMenu("&File")
    file_menu.setObjectName("fileMenu")
    file_menu.addActions(window.exchange_actions.actions)
    file_menu.addSeparator()
    file_menu.addAction(window.database_actions.open_action)
    file_menu.addAction(window.database_actions.new_action)
    file_menu.addMenu(window.database_actions.recent_menu)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    edit_menu = menu.addMenu("&Edit")
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)
    edit_menu.addSeparator()
    edit_menu.addAction(window.find_action)
    cfg_menu = menu.addMenu("&Configurator")
    cfg_menu.addActions(window.configurators_panel.actions_list)
    cfg_menu.addSeparator()
    cfg_menu.addAction(window.global_settings_action)
    layer_menu = menu.addMenu("&Layer")
    layer_menu.addActions(window.layer_actions.actions)
    layer_menu.insertAction(window.layer_actions.delete, window.rename_layer_action)
    stock_menu = menu.addMenu("&Stock")
    stock_menu.setObjectName("stockMenu")
    stock_menu.addAction(window.stock_actions.show_table)
    stock_menu.addSeparator()
    stock_menu.addActions(window.stock_actions.actions)
    addons_menu = menu.addMenu("&Add-ons")
    addons_menu.setObjectName("addonsMenu")
    addons_menu.addAction(window.stock_addon_action)
    preview_menu = menu.addMenu("&Preview")
    preview_menu.setObjectName("previewMenu")
    preview_menu.addAction(window.preview_export.action)
    preview_menu.addSeparator()
    preview_menu.addActions(window.scenario_actions.actions)
    view_menu = menu.addMenu("&View")
    for dock in (
        window.configurators_dock,
        window.layers_dock,
        window.settings_dock,
        window.stock_dock,
        window.scenario_dock,
        window.history_dock,
    ):
        view_menu.addAction(dock.toggleViewAction())
    help_menu = menu.addMenu("&Help")
    help_menu.setObjectName("helpMenu")
    help_menu.addAction(window.shortcuts_action)
    help_menu.addAction(window.about_action)

    toolbar = QToolBar("Main toolbar", parent)
    toolbar.setObjectName("mainToolBar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addAction(window.global_settings_action)
    toolbar.addSeparator()
    la = window.layer_actions
    for action in (la.add_group, la.add_sub_group, la.add_layer, la.delete):
        toolbar.addAction(action)
    toolbar.addSeparator()
    toolbar.addAction(la.move_up)
    toolbar.addAction(la.move_down)
    toolbar.addSeparator()
    stack = window.undo_stacks  # the active stack's state, whichever it is
    undo_tool = _StackToolAction(icons.undo_icon(), "Undo", parent)
    undo_tool.setObjectName("undoToolAction")
    undo_tool.triggered.connect(stack.undo)
    stack.canUndoChanged.connect(undo_tool.setEnabled)
    stack.undoTextChanged.connect(undo_tool.show_edit)
    redo_tool = _StackToolAction(icons.redo_icon(), "Redo", parent)
    redo_tool.setObjectName("redoToolAction")
    redo_tool.triggered.connect(stack.redo)
    stack.canRedoChanged.connect(redo_tool.setEnabled)
    stack.redoTextChanged.connect(redo_tool.show_edit)
    window.undo_action.setIcon(icons.undo_icon())
    window.redo_action.setIcon(icons.redo_icon())
    toolbar.addAction(undo_tool)
    toolbar.addAction(redo_tool)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar
