"""A mistyped option path on the command line gets the closest paths, as scenario files do
(docs/preview-and-scenarios.md); one far from every option gets the usual hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.suggest import did_you_mean, option_path_hint


def test_storefront_select_suggests_the_closest_paths(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", str(demo_db), "storefront", "Custom Game Controller"]
    assert main([*argv, "--select", "Grip Colour/Metallic Red"]) == 2
    err = capsys.readouterr().err
    assert 'did you mean "Grip Color/Metallic Red"' in err and len(err.splitlines()) == 1
    assert main([*argv, "--select", "Seat/Leather"]) == 2
    assert '(paths look like "Group/Option")' in capsys.readouterr().err


def test_the_same_group_is_tried_first_and_nothing_close_says_nothing() -> None:
    paths = ["Grip/Red", "Grip/Blue", "Grid/Rod"]
    assert option_path_hint("Grip/Rad", paths) == 'did you mean "Grip/Red"?'
    assert did_you_mean("colour", ["option", "notice", "stock"]) == ""
    assert did_you_mean("stok", ["option", "notice", "stock"]) == 'did you mean "stock"?'
