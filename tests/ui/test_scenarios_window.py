"""Scenarios in the window (docs/preview-and-scenarios.md): runScenarioAction plays a file in the
live preview step
by step, marking each step in scenarioResults; recordScenarioAction records the preview clicks
with what they showed and saves a file that the CLI then runs and passes. Neither writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.cli import main
from desktop.domain import texts
from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import Backorders
from desktop.ui.editing.commands import SetLayerFields, push
from desktop.ui.window.main_window import MainWindow
from tests.files import digest

from .conftest import WindowFactory

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "resources" / "scenarios"
SPEC_EXAMPLE = EXAMPLES / "purple-backordered-notify.json"
DEMO = "Custom Game Controller"
PURPLE = "Grip Color/Metallic Purple"
RED = "Grip Color/Metallic Red"


@pytest.fixture
def demo_window(make_window: WindowFactory, demo_db: Path) -> MainWindow:
    window = make_window(demo_db)
    window.scenario_actions.step_interval_ms = 0
    return window


def answer(window: MainWindow, name: str, path: Path) -> None:
    dialog = window.findChild(QFileDialog, name)
    assert dialog is not None
    dialog.fileSelected.emit(str(path))
    dialog.close()


def play(qtbot, window: MainWindow, path: Path) -> bool:  # type: ignore[no-untyped-def]
    actions = window.scenario_actions
    window.findChild(type(actions.run_action), "runScenarioAction").trigger()
    with qtbot.waitSignal(actions.playbackFinished, timeout=10_000) as finished:
        answer(window, "runScenarioDialog", path)
    return bool(finished.args[0])


def test_the_spec_example_plays_in_the_preview_step_by_step(
    qtbot, demo_window: MainWindow, demo_db: Path
) -> None:  # type: ignore[no-untyped-def]
    before = digest(demo_db)
    assert play(qtbot, demo_window, SPEC_EXAMPLE) is True
    panel = demo_window.scenario_actions.panel
    assert panel.statuses() == ["passed"] * 7
    assert panel.model.item(0, 0).text() == f'1. select "{PURPLE}"'
    assert demo_window.scenario_dock.isVisible()
    pane = demo_window.preview
    assert pane.played is not None  # the scenario's own copy is on screen
    assert pane.cart.order.objectName() == "orderConfirmation"
    assert texts.SHIPPED_ONCE_RESTOCKED in pane.cart.order.text()
    assert "Order #1 placed." in pane.message.text()
    assert panel.summary.text() == "PASS: all 7 steps passed."
    # Nothing stored changed: the database file, the open configurator, the undo stack.
    stored = demo_window.document.configurator
    assert stored is not None
    purple = stored.find_path(PURPLE)
    assert purple is not None and purple.stock.quantity == 0
    assert demo_window.undo_stack.count() == 0
    assert digest(demo_db) == before
    leave = demo_window.scenario_actions.panel.leave_button
    assert leave.isEnabled()
    leave.click()
    assert pane.played is None and not leave.isEnabled()


def test_a_failing_step_is_marked_with_what_differed(
    qtbot, demo_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    failing = tmp_path / "failing.json"
    failing.write_text(
        SPEC_EXAMPLE.read_text(encoding="utf-8").replace('"108.00"', '"100.00"'), "utf-8"
    )
    assert play(qtbot, demo_window, failing) is False
    panel = demo_window.scenario_actions.panel
    assert panel.statuses() == ["passed"] * 4 + ["failed", "passed", "passed"]
    assert panel.model.item(4, 1).text() == ('✗ failed: subtotal: expected "100.00", got "108.00"')
    assert panel.summary.text() == 'FAIL: step 5: subtotal: expected "100.00", got "108.00"'


def test_every_example_scenario_passes_in_the_window(qtbot, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for path in sorted(EXAMPLES.glob("*.json")):
        assert play(qtbot, demo_window, path) is True, (
            demo_window.scenario_actions.panel.summary.text()
        )


def test_an_invalid_file_is_named_and_nothing_plays(
    qtbot, demo_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    data = json.loads(SPEC_EXAMPLE.read_text(encoding="utf-8"))
    data["steps"][0] = {"choose": PURPLE}
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert demo_window.scenario_actions.play_file(bad) is False
    # The first step is steps[1], as the run counts it (step 1).
    message = demo_window.statusBar().currentMessage()
    assert "steps[1].choose: unknown key" in message
    assert demo_window.preview.played is None


def test_an_edit_while_playing_returns_the_preview_to_the_stored_values(
    qtbot, demo_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    assert play(qtbot, demo_window, SPEC_EXAMPLE)
    document = demo_window.document
    assert document.configurator is not None
    red = document.configurator.find_path(RED)
    assert red is not None and red.id is not None
    edit = SetLayerFields(document, red.id, {LayerField.STOCK_QUANTITY: 7}, "Set quantity")
    leave = demo_window.scenario_actions.panel.leave_button
    assert leave.isEnabled()
    assert push(demo_window.undo_stack, edit)
    assert demo_window.preview.played is None
    assert not leave.isEnabled()
    control = demo_window.preview.option_control(RED)
    assert control is not None and control.property("availability") == "in_stock"


def test_record_save_and_run_round_trip(
    qtbot,  # type: ignore[no-untyped-def]
    demo_window: MainWindow,
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    window, pane = demo_window, demo_window.preview
    record = window.findChild(type(window.scenario_actions.record_action), "recordScenarioAction")
    record.setChecked(True)
    assert window.scenario_actions.recorder.recording
    title = window.scenario_actions.panel.title
    assert title.text() == f"Recording on “{DEMO}”"
    purple = pane.option_control(PURPLE)
    assert purple is not None
    purple.click()  # Available on Backorder under the demo's notify
    pane.quantity.setValue(2)
    pane.add_button.click()
    pane.cart.findChild(type(pane.add_button), "checkoutButton").click()
    # A restock made by the merchant while recording is a `set` step.
    document = window.document
    assert document.configurator is not None
    red = document.configurator.find_path(RED)
    assert red is not None and red.id is not None
    push(window.undo_stack, SetLayerFields(document, red.id, {LayerField.STOCK_QUANTITY: 1}, "q"))
    pane.option_control(RED).click()  # type: ignore[union-attr]
    pane.quantity.setValue(3)
    pane.add_button.click()  # 1 in stock, 2 backordered
    pane.reset_button.click()
    record.setChecked(False)
    saved = tmp_path / "recorded.json"
    # Stopped: no longer "Recording on …" (issue 25), while the save dialog asks where.
    assert title.text() == f"Recorded on “{DEMO}”"
    with qtbot.waitSignal(window.scenario_actions.recordingSaved):
        answer(window, "recordScenarioDialog", saved)
    assert title.text() == f"Recorded on “{DEMO}”, saved as recorded.json"
    assert not title.text().startswith("Recording")
    data = json.loads(saved.read_text(encoding="utf-8"))
    kinds = [next(iter(step)) for step in data["steps"]]
    assert kinds == [
        "select", "expect", "quantity", "add_to_cart", "expect", "checkout", "expect",
        "set", "select", "expect", "quantity", "add_to_cart", "expect", "reset", "expect",
    ]  # fmt: skip
    assert data["configurator"] == DEMO
    # The option's own backorder setting is pinned too (null: the configurator's).
    assert data["setup"]["stock"][PURPLE] == {
        "manage": True, "quantity": 0, "status": "in_stock", "low_stock_amount": None,
        "backorders": None,
    }  # fmt: skip
    restock = {
        "manage": True, "quantity": 1, "status": "in_stock", "low_stock_amount": None,
        "backorders": None,
    }  # fmt: skip
    assert data["steps"][7] == {"set": {"stock": {RED: restock}}}
    assert data["steps"][6]["expect"]["order_backordered"] == {PURPLE: 2}
    assert data["steps"][12]["expect"]["cart_contains"] == "Metallic Red (Available Backorder)"
    # The file the window saved passes when the CLI runs it — on the stored values as they
    # are now (Red was edited to 1), since its setup pins what it started from.
    assert main(["--db", str(demo_db), "scenario", "run", str(saved)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"PASS recorded ({saved})",
        "1 passed, 0 failed",
    ]
    # ...and when the window plays it.
    assert play(qtbot, window, saved) is True
    # Recording and playing made no edit of their own: only the merchant's restock is there.
    assert window.undo_stack.count() == 1


def test_recording_says_what_a_scenario_cannot_replay(qtbot, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window, pane = demo_window, demo_window.preview
    actions = window.scenario_actions
    actions.record_action.setChecked(True)
    pane.add_button.click()
    with qtbot.waitSignal(actions.recorder.warning) as warned:
        pane.remove_line(0)
    assert "removing a cart line is not a scenario step" in warned.args[0]
    assert "removing a cart line" in window.statusBar().currentMessage()
    document = window.document
    assert document.configurator is not None
    red = document.configurator.find_path(RED)
    assert red is not None and red.id is not None
    with qtbot.waitSignal(actions.recorder.warning):
        push(window.undo_stack, SetLayerFields(document, red.id, {LayerField.PRICE: "4.00"}, "p"))
    kinds = [step.kind for step in actions.recorder.steps]
    assert kinds == ["add_to_cart", "expect"]  # neither the removal nor the price is a step
    actions.record_action.setChecked(False)
    dialog = window.findChild(QFileDialog, "recordScenarioDialog")
    assert dialog is not None
    dialog.close()


def test_the_order_panel_and_shopper_switch_record_and_replay(
    qtbot,  # type: ignore[no-untyped-def]
    demo_window: MainWindow,
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two shoppers and one unit, recorded through the order panel (docs/orders.md): the
    saved file holds pay, wait, shopper, refund… with what they showed, and passes when the
    CLI and the window run it."""
    window, pane = demo_window, demo_window.preview
    document = window.document
    cfg = document.configurator
    assert cfg is not None and cfg.id is not None
    red = cfg.find_path(RED)
    assert red is not None and red.id is not None
    # The merchant's shop before recording: backorders off, one Metallic Red left.
    document.set_configurator_fields(cfg.id, {ConfiguratorField.BACKORDERS: Backorders.NO})
    push(window.undo_stack, SetLayerFields(document, red.id, {LayerField.STOCK_QUANTITY: 1}, "q"))
    panel = pane.shop_tabs.orders
    panel.payment.setCurrentText("Pending payment")  # before: pinned in the setup
    record = window.scenario_actions.record_action
    record.setChecked(True)
    pane.option_control(RED).click()  # type: ignore[union-attr]
    pane.add_button.click()
    pane.cart.checkout_button.click()  # order 1, pending: holds the unit
    pane.order_actions.switch_shopper("second")
    pane.choose(red)  # refused: held
    panel.wait_minutes.setValue(60)
    panel.wait_button.click()  # order 1 cancelled
    pane.option_control(RED).click()  # type: ignore[union-attr]
    pane.quantity.setValue(1)
    pane.add_button.click()
    pane.cart.checkout_button.click()  # order 2, pending
    panel.buttons["pay"].click()
    panel.buttons["complete"].click()
    panel.hold.setValue(30)  # a `set` step
    pane.order_actions.refund(2, {red: 1}, True)  # as the Refund dialog's OK does
    pane.order_actions.switch_shopper("default")
    panel.select_order(1)
    pane.order_actions.act("pay", 1)  # refused: cancelled
    record.setChecked(False)
    saved = tmp_path / "two shoppers.json"
    with qtbot.waitSignal(window.scenario_actions.recordingSaved):
        answer(window, "recordScenarioDialog", saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    kinds = [next(iter(step)) for step in data["steps"] if "expect" not in step]
    assert kinds == [
        "select", "add_to_cart", "checkout", "shopper", "select", "wait", "select",
        "add_to_cart", "checkout", "pay", "complete", "set", "refund", "shopper", "pay",
    ]  # fmt: skip
    assert data["setup"]["payment"] == "pending" and data["setup"]["hold_minutes"] == 60
    assert data["setup"]["backorders"] == "no"
    expects = [step["expect"] for step in data["steps"] if "expect" in step]
    assert {"order_status": {"1": "cancelled"}, "no_message": True} in expects
    assert [step["set"] for step in data["steps"] if "set" in step] == [{"hold_minutes": 30}]
    assert expects[-1]["message_contains"] == "Order #1 cannot be paid: it is Cancelled."
    assert main(["--db", str(demo_db), "scenario", "run", str(saved)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 passed, 0 failed"
    # Played in the window, its order steps show in the order panel.
    assert play(qtbot, window, saved) is True
    statuses = [panel.model.item(row, 2).text() for row in range(panel.model.rowCount())]
    assert statuses == ["Cancelled", "Completed"]  # Red refunded; its other options not
    assert pane.storefront is not None and pane.storefront.shoppers == ["default", "second"]
