"""Running scenario files in one process (`configurator-editor scenario run`,
docs/preview-and-scenarios.md).

Everything is loaded once: the database (an in-memory copy, so nothing can write to it) is
opened on the first scenario that names a stored configurator, and each configurator is loaded
once and shared by the scenarios that run on it (each `Player` undoes its setup afterwards), with
its outline (a look at every layer, milliseconds at 100,000 options) taken once too.
Every rule comes from `desktop.domain`; this module only finds files, plays them and reports.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain import texts
from ..domain.collector import collector_paused
from ..domain.model import Configurator
from ..domain.outline import Outline
from ..domain.scenario import Player, Scenario, ScenarioError, StepResult, plain
from ..domain.storefront import Storefront
from ..store import repository
from ..store.database import Database
from ..store.scenario_format import ScenarioFileError, read_scenario


class ConfiguratorNotFound(LookupError):
    """A scenario's `configurator` that names nothing in the database."""


@dataclass
class Outcome:
    """One scenario file's run: its steps' results, or why the file could not run."""

    file: Path
    name: str = ""
    results: list[StepResult] = field(default_factory=list)
    invalid: str = ""  # 'steps[3].expect.colour: unknown key (…)', '' for a valid file
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.invalid and all(result.passed for result in self.results)

    @property
    def failure(self) -> str:
        """The first failing step as docs/preview-and-scenarios.md prints it ('step 3: key: expected
        x, got y')."""
        return next((r.failure for r in self.results if not r.passed), "")

    def line(self) -> str:
        """'PASS <name> (<file>)' or 'FAIL <name> (<file>): step <n>: …'."""
        if self.invalid:
            return f"INVALID {self.file}: {self.invalid}"
        named = texts.SCENARIO_IN_FILE.format(name=self.name, file=self.file)
        if self.passed:
            return texts.SCENARIO_PASS.format(name=named)
        return texts.SCENARIO_FAIL.format(name=named, failure=self.failure)


def scenario_files(arguments: Iterable[Path]) -> Iterator[Path]:
    """Each file named, and the `*.json` files of each folder named (sorted, not recursive)."""
    for argument in arguments:
        if argument.is_dir():
            yield from sorted(p for p in argument.glob("*.json") if p.is_file())
        else:
            yield argument


class Runner:
    """Plays scenario files; `open_database` is called at most once, when first needed.
    Emits nothing; `run` returns an Outcome per file."""

    def __init__(self, open_database: Callable[[], Database] | None = None) -> None:
        self._open_database = open_database
        self._database: Database | None = None
        self._addon: bool | None = None
        self._loaded: dict[str | int, tuple[Configurator, Outline]] = {}

    def close(self) -> None:
        if self._database is not None:
            self._database.close()
            self._database = None

    def run(self, path: Path) -> Outcome:
        started = time.perf_counter()
        outcome = Outcome(path)
        try:
            # A long scenario makes hundreds of thousands of objects that all live to its end
            # (its steps, their results): with the collector on, each of its passes would walk
            # every one made so far. Nothing of it is a cycle to collect.
            with collector_paused():
                scenario = read_scenario(path)
                outcome.name = scenario.name
                outcome.results = self.play(scenario)
        except (ScenarioFileError, ScenarioError) as exc:
            outcome.invalid = str(exc)
        except ConfiguratorNotFound as exc:
            outcome.invalid = f"configurator: {exc}"
        outcome.seconds = time.perf_counter() - started
        return outcome

    def play(self, scenario: Scenario) -> list[StepResult]:
        cfg, addon, outline = self._configurator(scenario.configurator)
        player = Player(Storefront(cfg, addon_active=addon, outline=outline), scenario)
        try:
            return player.play_all()
        finally:
            player.restore()

    def _configurator(
        self, ref: str | int | Configurator
    ) -> tuple[Configurator, bool, Outline | None]:
        """The configurator a scenario names, the add-on switch it starts with (the
        database's for a stored one; on, the site default, for one given inline) and the
        outline shared by the scenarios on it (None: the Player takes one)."""
        if isinstance(ref, Configurator):
            return ref, True, None
        if ref not in self._loaded:
            database = self._database_now()
            with database.session() as session:
                found = repository.find_configurator(session, ref)
                if found is None:
                    known = ", ".join(
                        f'"{c.name}"' for c in repository.list_configurators(session)[:8]
                    )
                    raise ConfiguratorNotFound(f'no configurator "{ref}" (have: {known or "none"})')
                cfg = repository.load_configurator(session, found)
                self._loaded[ref] = cfg, Outline.of(cfg)
        assert self._addon is not None
        cfg, outline = self._loaded[ref]
        return cfg, self._addon, outline

    def _database_now(self) -> Database:
        if self._database is None:
            if self._open_database is None:
                raise ConfiguratorNotFound("no database to look it up in")
            self._database = self._open_database()
            with self._database.session() as session:
                self._addon = repository.addon_active(session)
        return self._database


def summary(outcomes: list[Outcome]) -> str:
    passed = sum(1 for o in outcomes if o.passed)
    failed = sum(1 for o in outcomes if not o.passed and not o.invalid)
    invalid = sum(1 for o in outcomes if o.invalid)
    return texts.scenario_summary(passed, failed, invalid)


def report_data(outcomes: list[Outcome]) -> dict[str, Any]:
    """The `--json` report: every scenario with every step's result."""
    return {
        "scenarios": [
            {
                "file": str(o.file),
                "name": o.name,
                "passed": o.passed,
                "invalid": o.invalid or None,
                "failure": o.failure or None,
                "steps": [
                    {
                        "step": r.number,
                        "action": r.step.describe(),
                        "passed": r.passed,
                        "failures": [
                            {
                                "key": m.key,
                                "expected": plain(m.expected),
                                "got": plain(m.got),
                                "text": m.text,
                            }
                            for m in r.mismatches
                        ],
                    }
                    for r in o.results
                ],
            }
            for o in outcomes
        ],
        "passed": sum(1 for o in outcomes if o.passed),
        "failed": sum(1 for o in outcomes if not o.passed and not o.invalid),
        "invalid": sum(1 for o in outcomes if o.invalid),
    }
