"""Preview ▸ Run scenario… and Record scenario: QA scenarios in the window
(docs/preview-and-scenarios.md).

Running plays a scenario file in the live preview, step by step, on its own copy of the
configurator (the setup applies to the copy only), through the same `domain.scenario.Player`
as `configurator-editor scenario run`; each step is marked passed or failed in
`scenarioResults`. Recording turns the preview clicks into a scenario file (see
scenario_recorder). Neither writes to the database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...domain import rules
from ...domain.change_set import ChangeSet
from ...domain.model import Configurator
from ...domain.scenario import Player, Scenario, ScenarioError, Step, StepResult
from ...store.scenario_format import ScenarioFileError, read_scenario
from ..editing.document import Document
from ..preview import PreviewPane
from ..theme import palette
from ..widgets import accessibility
from ..widgets.file_dialogs import file_dialog
from .recorder import ScenarioRecorder

SCENARIO_FILTER = "Scenario files (*.json);;All files (*)"
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # "pending", "passed", "failed" or "recorded"
_MARKS = {"pending": "…", "passed": "✓ passed", "failed": "✗ failed", "recorded": "recorded"}


class ScenarioPanel(QWidget):
    """The Scenario dock's content: what plays or records, and `scenarioResults`, one row
    per step (Step, Result). Emits nothing; its leave button is connected by ScenarioActions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioPanel")
        self.title = QLabel("No scenario played or recorded yet.")
        self.title.setObjectName("scenarioTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a scenario's name is user text
        self.title.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("scenarioSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels(["Step", "Result"])
        self.view = QTreeView()
        self.view.setObjectName("scenarioResults")
        accessibility.name(self.view, "Scenario steps and results")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.leave_button = QPushButton("Back to the live preview")
        self.leave_button.setObjectName("leaveScenarioButton")
        self.leave_button.setToolTip("Show the open configurator's stored values again")
        self.leave_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.leave_button)

    def begin(self, title: str, steps: list[Step], status: str) -> None:
        self.title.setText(title)
        self.summary.setText("")
        self.model.removeRows(0, self.model.rowCount())
        for step in steps:
            self.add_row(step, status)

    def add_row(self, step: Step, status: str) -> None:
        number = self.model.rowCount() + 1
        name = QStandardItem(f"{number}. {step.describe()}")
        name.setToolTip(name.text())
        result = QStandardItem(_MARKS[status])
        result.setData(status, STATUS_ROLE)
        self.model.appendRow([name, result])
        self.view.scrollToBottom()

    def mark(self, result: StepResult) -> None:
        row = result.number - 1
        status = "passed" if result.passed else "failed"
        item = self.model.item(row, 1)
        text = _MARKS[status]
        if not result.passed:
            text += ": " + "; ".join(m.text for m in result.mismatches)
        item.setText(text)
        item.setToolTip(text)
        item.setData(status, STATUS_ROLE)
        tone = palette.Tone.SUCCESS if result.passed else palette.Tone.ERROR
        item.setForeground(palette.color(tone, self.view.palette()))
        self.view.scrollTo(self.model.index(row, 0))

    def statuses(self) -> list[str]:
        return [self.model.item(row, 1).data(STATUS_ROLE) for row in range(self.model.rowCount())]


class ScenarioActions(QObject):
    """Owns `runScenarioAction` and the checkable `recordScenarioAction`, the Scenario panel,
    the playback timer and the recorder.

    Signals:
        showRequested()          the window should show the Scenario dock
        playbackFinished(bool)   a scenario finished playing; whether every step passed
        recordingSaved(str)      a recording was saved to this path
    """

    showRequested = Signal()
    playbackFinished = Signal(bool)
    recordingSaved = Signal(str)

    def __init__(self, document: Document, pane: PreviewPane, window: QMainWindow) -> None:
        super().__init__(window)
        self.document = document
        self.pane = pane
        self.window = window
        self.panel = ScenarioPanel()
        self.panel.leave_button.clicked.connect(self.leave)
        self.recorder = ScenarioRecorder(document, pane, self)
        self.recorder.stepRecorded.connect(lambda step: self.panel.add_row(step, "recorded"))
        self.recorder.warning.connect(self._say)
        self.recorder.interrupted.connect(self._recording_interrupted)
        self.step_interval_ms = 150  # a person can follow the preview; tests set 0
        self.player: Player | None = None
        self._recording_on = ""  # the configurator the last recording was made on
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._play_next)
        self._folder = str(document.db_path.parent) if document.db_path else ""

        self.run_action = QAction("&Run scenario…", self)
        self.run_action.setObjectName("runScenarioAction")
        self.run_action.setToolTip("Play a scenario file in the preview, checking each step")
        self.run_action.triggered.connect(self.choose_file)
        self.record_action = QAction("Re&cord scenario", self)
        self.record_action.setObjectName("recordScenarioAction")
        self.record_action.setCheckable(True)
        self.record_action.setToolTip(
            "Record your clicks in the preview, with what it shows, as a scenario file"
        )
        self.record_action.toggled.connect(self._record_toggled)
        document.changed.connect(self._follow)
        pane.playedChanged.connect(self.panel.leave_button.setEnabled)
        self._opened(document.configurator)

    @property
    def actions(self) -> list[QAction]:
        return [self.run_action, self.record_action]

    def _follow(self, change: ChangeSet) -> None:
        if change.reset is not None:
            self._opened(change.reset.configurator)

    def _opened(self, cfg: Configurator | None) -> None:
        self.record_action.setEnabled(cfg is not None or self.recorder.recording)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def _problem(self, text: str) -> None:
        self._say(text)
        box = QMessageBox(QMessageBox.Icon.Warning, "Scenario", text, parent=self.window)
        box.setObjectName("scenarioErrorBox")
        box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes names and paths
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _file_dialog(self, name: str, title: str) -> QFileDialog:
        return file_dialog(self.window, name, title, self._folder, SCENARIO_FILTER)

    # --- playing ------------------------------------------------------------------------------
    def choose_file(self) -> QFileDialog:
        dialog = self._file_dialog("runScenarioDialog", "Run scenario")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.play_file(Path(path)))
        dialog.open()
        return dialog

    def play_file(self, path: Path) -> bool:
        """Read a scenario file and start playing it; a file that cannot be played is said."""
        self._folder = str(path.parent)
        try:
            scenario = read_scenario(path)
        except ScenarioFileError as exc:
            self._problem(f"Cannot run {path.name}: {exc}")
            return False
        return self.play(scenario)

    def play(self, scenario: Scenario) -> bool:
        """Start playing scenario in the preview on its own copy; False when it cannot."""
        if self.recorder.recording:
            self.record_action.setChecked(False)
        self._timer.stop()
        found = self._copy(scenario.configurator)
        if found is None:
            return False
        cfg, addon = found
        self.pane.show_copy(cfg, addon, scenario.name)
        assert self.pane.storefront is not None
        try:
            self.player = Player(self.pane.storefront, scenario)
        except ScenarioError as exc:
            self.pane.show_copy(None)
            self._problem(f"Cannot run “{scenario.name}”: {exc}")
            return False
        self.pane.show_everything()  # the setup's stock and settings
        self.panel.begin(f"Playing “{scenario.name}”", list(scenario.steps), "pending")
        self.showRequested.emit()
        self._timer.start(self.step_interval_ms)
        return True

    def _copy(self, ref: str | int | Configurator) -> tuple[Configurator, bool] | None:
        """The scenario's own copy of its configurator and the add-on switch it starts with
        (as the CLI's runner: the database's for a stored one, on for one given inline)."""
        if isinstance(ref, Configurator):
            return ref.clone(), True
        known = self.document.configurators()
        number = rules.record_id(str(ref))  # as the CLI reads ids (docs/stored-data.md)
        match = [c for c in known if c.name == str(ref)] or [c for c in known if c.id == number]
        if not match:
            self._problem(f"Cannot run the scenario: there is no configurator “{ref}”.")
            return None
        open_cfg = self.document.configurator
        if (open_cfg is None or open_cfg.id != match[0].id) and not self.document.try_open(
            match[0].id
        ):
            return None
        assert self.document.configurator is not None
        # clone(), not deepcopy: a 100,000-option copy in a tenth of the time.
        return self.document.configurator.clone(), self.document.addon_active

    def _play_next(self) -> None:
        player = self.player
        if player is None:
            return
        if self.pane.storefront is not player.shop:
            # The document changed and the preview went back to it: the copy is gone.
            self._finish("stopped: the configurator changed, so the preview went back to it")
            return
        result = player.play_next()
        step = result.step
        if step.kind != "expect":
            order = player.order if step.kind == "checkout" else None
            self.pane.show_step(step.kind, player.quantity, player.messages, order)
        self.panel.mark(result)
        if player.done:
            self._finish("")
        else:
            self._timer.start(self.step_interval_ms)

    def _finish(self, stopped: str) -> None:
        player = self.player
        assert player is not None
        self.player = None
        played = player.played
        failed = [r for r in played if not r.passed]
        if stopped:
            summary = f"{len(played)} of {len(player.scenario.steps)} steps played, {stopped}."
        elif failed:
            summary = f"FAIL: {failed[0].failure}"
        else:
            summary = f"PASS: all {len(played)} steps passed."
        self.panel.summary.setText(summary)
        self._say(f"Scenario “{player.scenario.name}”: {summary}")
        self.playbackFinished.emit(not failed and not stopped)

    def leave(self) -> None:
        """Back to the live preview of the open configurator."""
        self._timer.stop()
        if self.player is not None:
            self._finish("stopped")
        self.pane.show_copy(None)

    # --- recording ----------------------------------------------------------------------------
    def _record_toggled(self, on: bool) -> None:
        if on == self.recorder.recording:
            return
        if on:
            self.start_recording()
        else:
            self.stop_recording()

    def start_recording(self) -> bool:
        if self.player is not None or self.pane.played is not None:
            self.leave()
        if not self.recorder.start():
            self.record_action.setChecked(False)
            self._say("Open a configurator to record a scenario in its preview.")
            return False
        self.record_action.setChecked(True)
        cfg = self.document.configurator
        name = cfg.name if cfg is not None else ""
        self._recording_on = name
        self.panel.begin(f"Recording on “{name}”", [], "recorded")
        self.panel.summary.setText(
            "Click through the preview; each action and what it shows is recorded. "
            "Click Record scenario again to save."
        )
        self.showRequested.emit()
        return True

    def stop_recording(self) -> QFileDialog | None:
        """Stop and ask where to save (nothing recorded: nothing to save)."""
        self.recorder.stop()
        self.record_action.setChecked(False)
        # No longer "Recording on …": the dock says what it holds now (issue 25).
        self.panel.title.setText(f"Recorded on “{self._recording_on}”")
        if not self.recorder.steps:
            self.panel.summary.setText("Nothing was recorded.")
            return None
        dialog = self._file_dialog("recordScenarioDialog", "Save recorded scenario")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix("json")
        dialog.selectFile("recorded scenario.json")
        dialog.fileSelected.connect(lambda path: self.save_recording(Path(path)))
        dialog.open()
        return dialog

    def save_recording(self, path: Path) -> bool:
        self._folder = str(path.parent)
        try:
            self.recorder.save(path)
        except OSError as exc:
            self._problem(f"Cannot save the scenario to {path}: {exc.strerror or exc}")
            return False
        steps = len(self.recorder.steps)
        self.panel.title.setText(f"Recorded on “{self._recording_on}”, saved as {path.name}")
        self.panel.summary.setText(f"Saved {steps} steps to {path}.")
        self._say(f"Scenario saved to {path}")
        self.recordingSaved.emit(str(path))
        return True

    def _recording_interrupted(self) -> None:
        self.record_action.setChecked(False)
        self.panel.title.setText(f"Recorded on “{self._recording_on}”")
        self.panel.summary.setText("Recording stopped: another configurator was opened.")
        self._say("Recording stopped: another configurator was opened.")
