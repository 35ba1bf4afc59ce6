"""Scenario outcomes as a JUnit XML report, the format CI tools read (Jenkins, GitLab, GitHub
actions' test reporters): one testsuite, one testcase per scenario file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from .scenario_run import Outcome

SUITE = "configurator-editor scenarios"
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def junit_xml(outcomes: list[Outcome]) -> ET.ElementTree:
    failures = sum(1 for o in outcomes if not o.passed and not o.invalid)
    errors = sum(1 for o in outcomes if o.invalid)
    total = sum(o.seconds for o in outcomes)
    suites = ET.Element(
        "testsuites",
        name=SUITE,
        tests=str(len(outcomes)),
        failures=str(failures),
        errors=str(errors),
        time=f"{total:.3f}",
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=SUITE,
        tests=str(len(outcomes)),
        failures=str(failures),
        errors=str(errors),
        skipped="0",
        time=f"{total:.3f}",
    )
    for outcome in outcomes:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_safe(outcome.file.parent.name or "scenarios"),
            name=_safe(outcome.name or outcome.file.name),
            file=_safe(str(outcome.file)),
            time=f"{outcome.seconds:.3f}",
        )
        if outcome.invalid:
            error = ET.SubElement(
                case, "error", message=_safe(outcome.invalid), type="InvalidScenario"
            )
            error.text = _safe(f"{outcome.file}: {outcome.invalid}")
        elif not outcome.passed:
            failure = ET.SubElement(
                case, "failure", message=_safe(outcome.failure), type="ScenarioFailed"
            )
            # Every step, so the report reads without the file at hand.
            failure.text = _safe(
                "\n".join(
                    f"step {r.number} {'ok' if r.passed else 'FAILED'}: {r.step.describe()}"
                    + "".join(f"\n    {m.text}" for m in r.mismatches)
                    for r in outcome.results
                )
            )
    ET.indent(suites)
    return ET.ElementTree(suites)


def write_junit(outcomes: list[Outcome], path: Path) -> None:
    junit_xml(outcomes).write(path, encoding="utf-8", xml_declaration=True)
