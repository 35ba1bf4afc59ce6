"""`configurator-editor scenario run` (docs/preview-and-scenarios.md): the example folder, output
and exit codes,
JUnit and JSON reports, invalid files named while the valid ones still run, nothing written."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.cli import main
from tests.files import digest

from .test_cli import cli, ok

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "resources" / "scenarios"
SPEC_EXAMPLE = EXAMPLES / "purple-backordered-notify.json"


def failing_copy(folder: Path) -> Path:
    text = SPEC_EXAMPLE.read_text(encoding="utf-8").replace('"108.00"', '"100.00"')
    target = folder / "b-fails.json"
    target.write_text(text.replace("Purple is backordered", "Wrong subtotal"), encoding="utf-8")
    return target


def test_the_example_folder_passes_in_one_process(tmp_path: Path) -> None:
    """Run as QA runs it, in a subprocess on a fresh default database."""
    out = ok(cli("scenario", "run", EXAMPLES, cwd=tmp_path)).splitlines()
    files = sorted(EXAMPLES.glob("*.json"))
    names = {json.loads(p.read_text(encoding="utf-8"))["name"]: p for p in files}
    assert len(names) >= 7
    # Each line names the scenario's file, as found in the folder named.
    assert sorted(out[:-1]) == sorted(f"PASS {name} ({path})" for name, path in names.items())
    assert out[-1] == f"{len(names)} passed, 0 failed"


def test_a_failure_names_step_key_expected_and_got_and_exits_1(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    failing = failing_copy(tmp_path)
    before = digest(demo_db)
    assert main(["--db", str(demo_db), "scenario", "run", str(SPEC_EXAMPLE), str(failing)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"PASS Purple is backordered under notify ({SPEC_EXAMPLE})",
        f"FAIL Wrong subtotal under notify ({failing}): "
        'step 5: subtotal: expected "100.00", got "108.00"',
        "1 passed, 1 failed",
    ]
    assert digest(demo_db) == before  # the database is never written


def test_an_invalid_file_exits_2_naming_the_field_and_the_valid_files_still_run(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "suite"
    folder.mkdir()
    (folder / "a-ok.json").write_text(SPEC_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    data = json.loads(SPEC_EXAMPLE.read_text(encoding="utf-8"))
    data["steps"][6]["expect"]["stok"] = {}
    (folder / "c-typo.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "d-broken.json").write_text("{", encoding="utf-8")
    data["steps"][6]["expect"].pop("stok")
    data["configurator"] = "No Such Product"
    (folder / "e-unknown.json").write_text(json.dumps(data), encoding="utf-8")
    failing_copy(folder)
    assert main(["--db", str(demo_db), "scenario", "run", str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"PASS Purple is backordered under notify ({folder / 'a-ok.json'})",
        f"FAIL Wrong subtotal under notify ({folder / 'b-fails.json'}): "
        'step 5: subtotal: expected "100.00", got "108.00"',
        # The files that could not run are counted too.
        "1 passed, 1 failed, 3 invalid",
    ]
    errors = captured.err.splitlines()
    assert len(errors) == 3
    assert errors[0].startswith(f"configurator-editor: error: {folder / 'c-typo.json'}: ")
    # The 7th step is steps[7], as a failure in it would be "step 7".
    assert (
        'steps[7].expect.stok: unknown key, did you mean "stock"? (allowed here: option,'
        in (errors[0])
    )
    assert f"{folder / 'd-broken.json'}: invalid JSON at line 1" in errors[1]
    assert 'configurator: no configurator "No Such Product"' in errors[2]


def test_junit_report_loads_with_one_testcase_per_scenario(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junit = tmp_path / "out.xml"
    failing = failing_copy(tmp_path)
    broken = tmp_path / "c-broken.json"
    broken.write_text('{"format": "configurator-editor-scenario/1"}', encoding="utf-8")
    args = [str(SPEC_EXAMPLE), str(failing), str(broken), "--junit", str(junit)]
    assert main(["--db", str(demo_db), "scenario", "run", *args]) == 2
    capsys.readouterr()
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "Purple is backordered under notify",
        "Wrong subtotal under notify",
        "c-broken.json",
    ]
    assert cases[0].find("failure") is None and cases[0].find("error") is None
    failure = cases[1].find("failure")
    assert failure is not None
    assert failure.get("message") == 'step 5: subtotal: expected "100.00", got "108.00"'
    assert "step 5 FAILED" in (failure.text or "")
    error = cases[2].find("error")
    assert error is not None and "name: required key is missing" in (error.get("message") or "")


def test_json_report(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    failing = failing_copy(tmp_path)
    assert main(["--db", str(demo_db), "scenario", "run", str(failing), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["passed"], data["failed"], data["invalid"]) == (0, 1, 0)
    (entry,) = data["scenarios"]
    assert entry["failure"] == 'step 5: subtotal: expected "100.00", got "108.00"'
    step = entry["steps"][4]
    assert step["passed"] is False
    assert step["failures"][0] == {
        "key": "subtotal",
        "expected": "100.00",
        "got": "108.00",
        "text": 'subtotal: expected "100.00", got "108.00"',
    }


def test_a_missing_path_or_an_empty_folder_is_an_error(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_db), "scenario", "run", str(tmp_path / "nope.json")]) == 2
    assert "no file or folder" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["--db", str(demo_db), "scenario", "run", str(empty)]) == 2
    assert "no scenario files found" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(demo_db), "scenario"])
    assert caught.value.code == 2


def test_many_scenarios_share_one_configurator_without_leaking_setup(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each scenario starts from the stored values, whatever the one before it set up."""
    yellow, purple = "Grip Color/Metallic Yellow", "Grip Color/Metallic Purple"
    changes = {
        "format": "configurator-editor-scenario/1",
        "name": "changes",
        "configurator": "Custom Game Controller",
        "setup": {"backorders": "no", "addon": True},
        "steps": [
            {"set": {"stock": {yellow: {"quantity": 1, "status": "out_of_stock"}}}},
            {"expect": {"option": purple, "availability": "out_of_stock"}},
            {"expect": {"option": yellow, "availability": "out_of_stock"}},
        ],
    }
    stored = {
        "format": "configurator-editor-scenario/1",
        "name": "stored values",
        "configurator": "Custom Game Controller",
        "steps": [
            {"expect": {"option": purple, "availability": "backorder"}},
            {"expect": {"option": yellow, "availability": "in_stock", "stock": {yellow: 5}}},
        ],
    }
    files = []
    for i, data in enumerate([changes, stored, changes, stored]):
        path = tmp_path / f"{i}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        files.append(str(path))
    assert main(["--db", str(demo_db), "scenario", "run", *files]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "4 passed, 0 failed"
