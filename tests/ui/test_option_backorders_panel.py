"""Backorders per option in the window (docs/stock-rules.md "Backorders per option"): the
Stock Management section's Backorders combo, an undoable edit like every field, followed by
the computed availability, the tree and the preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from desktop.domain import texts
from desktop.domain.fields import ConfiguratorField
from desktop.domain.model import Backorders
from desktop.ui.editing.commands import SetConfiguratorFields, push
from desktop.ui.window.main_window import MainWindow

from .helpers import find, read_configurator, select, tree_index

PURPLE = "Grip Color/Purple"
CHOICES = [
    "Use the configurator's setting",
    "Do not allow",
    "Allow, but notify customer",
    "Allow",
]


def _own(window: MainWindow, path: str) -> Backorders | None:
    found = read_configurator(window.document.db_path).find_path(path)  # type: ignore[arg-type]
    assert found is not None, path
    return found.stock.backorders


def _allow_with_notices(window: MainWindow) -> None:
    cfg = window.document.configurator
    assert cfg is not None and cfg.id is not None
    fields = {ConfiguratorField.BACKORDERS: Backorders.NOTIFY}
    push(window.undo_stack, SetConfiguratorFields(window.document, cfg.id, fields, "notify"))


def test_the_combo_offers_woocommerces_choices_named_for_scripts_and_screen_readers(
    window: MainWindow,
) -> None:
    select(window, PURPLE)
    combo = find(window, QComboBox, "backordersCombo")
    assert [combo.itemText(i) for i in range(combo.count())] == CHOICES
    assert combo.currentText() == texts.BACKORDERS_INHERIT
    assert combo.accessibleName() == "Backorders"
    assert combo.isEnabled()


def test_do_not_allow_wins_over_the_configurators_setting_and_undoes(
    window: MainWindow, tmp_path: Path
) -> None:
    _allow_with_notices(window)
    select(window, PURPLE)
    effective = find(window, QLabel, "effectiveStatusLabel")
    assert effective.text() == "On Backorder — 0 left, backorders allowed, shoppers notified"
    combo = find(window, QComboBox, "backordersCombo")
    combo.setCurrentText("Do not allow")
    assert _own(window, PURPLE) is Backorders.NO
    assert effective.text() == "Out of Stock — 0 left, backorders off for this option"
    assert window.undo_stack.undoText() == 'Change backorders of "Purple"'
    tooltip = tree_index(window, PURPLE).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Out of Stock")
    # The preview follows at once: Purple cannot be chosen, its notice says why.
    control = window.preview.option_control(PURPLE)
    assert control is not None
    assert not control.isEnabled() and control.property("notice") == "Out of Stock"
    window.grab().save(str(tmp_path / "window.png"))
    window.undo_stack.undo()
    assert _own(window, PURPLE) is None
    assert combo.currentText() == texts.BACKORDERS_INHERIT
    assert effective.text().startswith("On Backorder")
    assert control.isEnabled() and control.property("notice") == "Available on Backorder"
    window.undo_stack.redo()
    assert _own(window, PURPLE) is Backorders.NO and combo.currentText() == "Do not allow"


def test_allow_sells_one_option_on_backorder_in_a_configurator_that_does_not(
    window: MainWindow,
) -> None:
    select(window, PURPLE)
    effective = find(window, QLabel, "effectiveStatusLabel")
    assert effective.text() == "Out of Stock — 0 left, backorders off"
    find(window, QComboBox, "backordersCombo").setCurrentText("Allow")
    assert _own(window, PURPLE) is Backorders.YES
    assert effective.text() == "On Backorder — 0 left, backorders allowed silently for this option"
    # "In Stock" with nothing left is no contradiction once the option may be backordered.
    assert not find(window, QLabel, "stockWarningLabel").isVisible()


def test_the_add_on_off_disables_it_with_the_rest_of_the_section(window: MainWindow) -> None:
    select(window, PURPLE)
    window.stock_addon_action.trigger()
    combo = find(window, QComboBox, "backordersCombo")
    assert not combo.isEnabled()
    assert find(window, QLabel, "effectiveStatusLabel").text() == texts.ADDON_OFF_WORDS


def test_recording_a_scenario_writes_an_options_setting_as_a_set_step(
    qtbot,  # type: ignore[no-untyped-def]
    make_window,  # type: ignore[no-untyped-def]
    demo_db: Path,
    tmp_path: Path,
) -> None:
    window = make_window(demo_db)
    pane = window.preview
    purple = "Grip Color/Metallic Purple"
    window.scenario_actions.record_action.setChecked(True)
    assert window.scenario_actions.recorder.recording
    select(window, purple)
    find(window, QComboBox, "backordersCombo").setCurrentText("Do not allow")
    control = pane.option_control(purple)
    assert control is not None and not control.isEnabled()
    scenario = window.scenario_actions.recorder.scenario("per option")
    window.scenario_actions.record_action.setChecked(False)
    sets = [step.value for step in scenario.steps if step.kind == "set"]
    assert [dict(s.stock[purple]) for s in sets] == [
        {
            "manage": True,
            "quantity": 0,
            "status": scenario.setup.stock[purple]["status"],
            "low_amount": None,
            "backorders": Backorders.NO,
        }
    ]
    # The setup pins the setting the recording started from: the configurator's.
    assert scenario.setup.stock[purple]["backorders"] is None
