"""The editor's warning on a required group whose default choice cannot be chosen
(docs/stock-rules.md): it
is given exactly when a storefront would open that group with nothing selected."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from desktop.domain import texts
from desktop.domain.model import Backorders, Layer
from desktop.domain.stock import unselectable_default_warning
from desktop.domain.storefront import Storefront
from tests.builders import configurator, group, option

PURPLE_OUT = texts.unselectable_default(["Metallic Purple"])


@dataclass(frozen=True)
class Case:
    """A Grip Color group: its options as (name, quantity or None, default)."""

    options: tuple[tuple[str, int | None, bool], ...]
    backorders: Backorders = Backorders.NO
    addon: bool = True
    required: bool = True
    hidden: bool = False
    expected: str = PURPLE_OUT
    extra: dict[str, bool] = field(default_factory=dict)


PURPLE_DEFAULT = (("Metallic Yellow", 5, False), ("Metallic Purple", 0, True))
CASES = {
    "default out, backorders off": Case(PURPLE_DEFAULT),
    "default on backorder (notify)": Case(PURPLE_DEFAULT, Backorders.NOTIFY, expected=""),
    "default on backorder (silent)": Case(PURPLE_DEFAULT, Backorders.YES, expected=""),
    "add-on off: no stock rule": Case(PURPLE_DEFAULT, addon=False, expected=""),
    "optional group: nothing blocks": Case(PURPLE_DEFAULT, required=False, expected=""),
    "hidden group: asks nothing": Case(PURPLE_DEFAULT, hidden=True, expected=""),
    "default in stock": Case((("Metallic Purple", 3, True),), expected=""),
    "no default at all": Case((("Metallic Purple", 0, False),), expected=""),
    "another default can be chosen": Case(
        (("Metallic Purple", 0, True), ("Metallic Red", 2, True)), expected=""
    ),
    "two defaults out": Case(
        (("Metallic Purple", 0, True), ("Metallic Red", 0, True)),
        expected=texts.unselectable_default(["Metallic Purple", "Metallic Red"]),
    ),
}


def grip(case: Case) -> Layer:
    options = [
        option(name, manage=qty is not None, qty=qty, default=default)
        for name, qty, default in case.options
    ]
    return group("Grip Color", *options, required=case.required, hidden=case.hidden)


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_warning(case: Case) -> None:
    layer = grip(case)
    assert unselectable_default_warning(layer, case.addon, case.backorders) == case.expected


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_a_warned_group_is_one_the_storefront_opens_empty(case: Case) -> None:
    layer = grip(case)
    cfg = configurator(layer, backorders=case.backorders)
    front = Storefront(cfg, addon_active=case.addon)
    front.select_defaults()
    opens_empty = not any(o in front.selection for o in layer.walk())
    has_default = any(o.active_on_load for o in layer.children)
    warned = bool(unselectable_default_warning(layer, case.addon, case.backorders))
    if case.required and not case.hidden:
        assert warned == (opens_empty and has_default)
    else:
        assert not warned


def test_the_wording_names_the_default_quoted() -> None:
    assert PURPLE_OUT == (
        'Required group: its default choice "Metallic Purple" is out of stock, so shoppers '
        "must choose an option themselves."
    )
    assert texts.unselectable_default(["A", "B", "C"]).startswith(
        'Required group: its default choices "A", "B" and "C" are out of stock'
    )


def test_defaults_in_sub_groups_count_and_options_are_not_warned_about() -> None:
    sub = group("Front", option("Red", manage=True, qty=0, default=True), sub=True)
    grip_color = group("Grip Color", sub, option("Blue"), required=True)
    assert unselectable_default_warning(grip_color, True, Backorders.NO) == (
        texts.unselectable_default(["Red"])
    )
    assert unselectable_default_warning(sub, True, Backorders.NO) == ""  # not required
    assert unselectable_default_warning(sub.children[0], True, Backorders.NO) == ""


def test_a_required_sub_group_under_a_hidden_group_is_not_warned_about() -> None:
    sub = group("Front", option("Red", manage=True, qty=0, default=True), sub=True, required=True)
    parent = group("Grip Color", sub)
    assert unselectable_default_warning(sub, True, Backorders.NO) != ""
    parent.hidden = True
    assert unselectable_default_warning(sub, True, Backorders.NO) == ""
