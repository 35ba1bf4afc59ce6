"""The store reads through the rules it writes with (docs/stored-data.md): a row edited by hand
past a field rule (an image path out of the media folder, a name with a line break, two siblings
of one name) makes its configurator damaged on either engine: reading it is one error naming
the configurator, the layer and the field, and the layer can still be renamed or deleted, the
configurator deleted. Values the bulk scans flag but the rules accept load as before."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import rules
from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.rules import RuleError
from desktop.store import layer_rows, read_checks, repository
from desktop.store.corrupt import CorruptDataError
from desktop.store.database import Database
from desktop.store.demo import open_store
from desktop.store.server import DatabaseTarget
from desktop.store.stored_rows import read_rows, restore_rows

from .damaged import hand_edit_target

DEMO = "Custom Game Controller"
RED = "Metallic Red"
OWNER = f' of "{DEMO}"'


@pytest.fixture
def target(db_target: DatabaseTarget) -> Iterator[DatabaseTarget]:
    """A new database with the demo, on each engine."""
    open_store(db_target).close()
    yield db_target


def _open(target: DatabaseTarget) -> Database:
    return open_store(target)


def layer_id(target: DatabaseTarget, name: str) -> int:
    database = _open(target)
    try:
        with database.session() as session:
            cfg = repository.load_configurator(session, 1)
    finally:
        database.close()
    (layer,) = [node for node in cfg.walk() if node.name == name]
    assert layer.id is not None
    return layer.id


def load_error(target: DatabaseTarget) -> str:
    database = _open(target)
    try:
        with database.session() as session, pytest.raises(CorruptDataError) as raised:
            repository.load_configurator(session, 1)
    finally:
        database.close()
    return raised.value.detail


def edit_red(target: DatabaseTarget, column: str, value: object) -> int:
    red = layer_id(target, RED)
    hand_edit_target(target, f"UPDATE layer SET {column} = :v WHERE id = :id", v=value, id=red)
    return red


UP = "must not go up out of its folder with '..'"
EDGE = "must not begin or end with a space, tab or line break"
CONTROL = "must not contain control characters such as line breaks or tabs"


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        (
            "image",
            "../../../../../.ssh/id_rsa",
            f"invalid image '../../../../../.ssh/id_rsa' ({UP})",
        ),
        ("image", "images/../../x.png", f"invalid image 'images/../../x.png' ({UP})"),
        ("image", "/etc/passwd", "invalid image '/etc/passwd' (must be a relative path"),
        ("image", "C:/x.png", "invalid image 'C:/x.png' (must be a relative path"),
        ("image", "images\\x.png", "(must use forward slashes (/), not backslashes)"),
        ("image", "images/x\n.png", f"invalid image 'images/x\\n.png' ({CONTROL})"),
        ("image", "images/x.png\n", f"invalid image 'images/x.png\\n' ({EDGE})"),
        ("image", " images/x.png", "invalid image ' images/x.png' (must not begin or end"),
        ("image", "images/" + "é" * 120 + ".png", "(is too long; at most 240 bytes are allowed)"),
        ("name", "Metallic\nRed", f"invalid name 'Metallic\\nRed' ({CONTROL})"),
        ("name", "", "invalid name '' (must not be empty)"),
        ("name", "   ", "invalid name '   ' (must not be empty)"),
        ("name", "x" * 5000, "(is 5000 characters long; at most 200 are allowed)"),
        ("name", "Red\u2028", f"invalid name 'Red\\u2028' ({EDGE})"),
        ("name", "Red\x85x", f"invalid name 'Red\\x85x' ({CONTROL})"),
        ("name", "Metallic Red ", "invalid name 'Metallic Red ' (must not begin or end"),
        ("sku", "RED\tX", f"invalid SKU 'RED\\tX' ({CONTROL})"),
        ("sku", "R" * 101, "(is 101 characters long; at most 100 are allowed)"),
        ("sale_price", "99.00", "invalid sale price '99.00' (must be below the price"),
    ],
)
def test_a_value_a_field_rule_refuses_makes_the_configurator_damaged(
    target: DatabaseTarget, column: str, value: str, said: str
) -> None:
    red = edit_red(target, column, value)
    detail = load_error(target)
    assert detail.startswith(f"layer {red}{OWNER} has an ")
    assert said in detail
    assert len(detail) < 300 and "\n" not in detail


def test_two_siblings_of_one_name_are_named(target: DatabaseTarget) -> None:
    red, yellow = layer_id(target, RED), layer_id(target, "Metallic Yellow")
    edit_red(target, "name", "Metallic Yellow")
    first, second = sorted([red, yellow], key=lambda i: (i != yellow, i))
    assert load_error(target) == (
        f"layer {second}{OWNER} has an invalid name 'Metallic Yellow' (layer {first} beside it "
        "has the same name; siblings need distinct names)"
    )


def test_one_name_in_two_groups_is_no_fault(target: DatabaseTarget) -> None:
    """Siblings need distinct names; options of different groups may share one."""
    hand_edit_target(target, "UPDATE layer SET name = 'Black' WHERE name = 'Lower Paddles'")
    database = _open(target)
    try:
        with database.session() as session:
            cfg = repository.load_configurator(session, 1)
    finally:
        database.close()
    assert sum(1 for node in cfg.walk() if node.name == "Black") >= 2


def test_two_options_of_one_sku_are_named(target: DatabaseTarget) -> None:
    yellow = layer_id(target, "Metallic Yellow")
    red = edit_red(target, "sku", "CASE-YELLOW-METALLIC")
    detail = load_error(target)
    later, earlier = (red, yellow) if f"layer {red}" in detail.split(" has ")[0] else (yellow, red)
    assert detail == (
        f"layer {later}{OWNER} has an invalid SKU 'CASE-YELLOW-METALLIC' (layer {earlier} has "
        "the same SKU)"
    )


def test_a_configurator_name_with_a_line_break_is_named(target: DatabaseTarget) -> None:
    hand_edit_target(target, "UPDATE configurator SET name = :v", v="Custom\nController")
    assert load_error(target) == (
        f"configurator 1 has an invalid name 'Custom\\nController' ({CONTROL})"
    )


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("image", "images/grip..red.png"),  # two dots, not a '..' part
        ("image", "images/" + "r" * 200 + ".png"),  # long, within 240 bytes
        ("image", "images/" + "é" * 60 + ".png"),  # beyond the scan's quick limit, within bytes
        ("image", "images/grip rouge.png"),
        ("name", "Metallic\u00a0Red"),  # a no-break space inside
        ("name", "Red: 1.5 mm / 2 \\ 3"),
        ("name", "x" * 200),
        ("name", "Rouge métallisé"),
        ("sku", "RED:01..02"),
    ],
)
def test_values_the_scans_flag_but_the_rules_accept_load(
    target: DatabaseTarget, column: str, value: str
) -> None:
    edit_red(target, column, value)
    database = _open(target)
    try:
        with database.session() as session:
            cfg = repository.load_configurator(session, 1)
    finally:
        database.close()
    red = cfg.find_path("Grip Color/" + (value if column == "name" else RED))
    assert red is not None
    stored = {"image": red.image, "name": red.name, "sku": red.stock.sku}[column]
    assert stored == value


def test_a_damaged_layer_can_be_renamed_or_deleted_and_the_configurator_deleted(
    target: DatabaseTarget,
) -> None:
    red = edit_red(target, "name", "Metallic\nRed")
    database = _open(target)
    try:
        with database.session() as session:
            with pytest.raises(CorruptDataError):
                repository.load_configurator(session, 1)
            repository.update_layer(session, red, {LayerField.NAME: RED})
            assert repository.load_configurator(session, 1).find_path(f"Grip Color/{RED}")
        edit_red(target, "image", "../x.png")
        with database.session() as session:
            with pytest.raises(CorruptDataError):
                repository.load_configurator(session, 1)
            repository.delete_layer(session, red)
            assert repository.load_configurator(session, 1).find_path(f"Grip Color/{RED}") is None
        hand_edit_target(target, "UPDATE layer SET name = '' WHERE name = 'Metallic Yellow'")
        with database.session() as session:
            with pytest.raises(CorruptDataError):
                repository.load_configurator(session, 1)
            repository.delete_configurator(session, 1)
            assert repository.list_configurators(session) == []
    finally:
        database.close()


def test_a_single_layer_read_back_is_checked_too(target: DatabaseTarget) -> None:
    """What a window reads of a layer changed elsewhere goes through the same rules."""
    red = edit_red(target, "image", "../../x.png")
    database = _open(target)
    try:
        with database.session() as session, pytest.raises(CorruptDataError) as raised:
            repository.read_layers(session, {red})
    finally:
        database.close()
    assert raised.value.detail == f"layer {red} has an invalid image '../../x.png' ({UP})"


# --- the scans against the rules ----------------------------------------------------------------
def test_the_scans_read_the_columns_load_layers_reads() -> None:
    columns = layer_rows.LOAD_COLUMNS
    assert [columns[i] for i in (read_checks.ID, read_checks.PARENT)] == ["id", "parent_id"]
    assert [columns[i] for i in (read_checks.NAME, read_checks.IMAGE)] == ["name", "image"]
    assert columns[read_checks.SKU] == "sku"


def test_the_unusual_characters_hold_every_space_strip_removes() -> None:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and c > 0x7F]
    assert all(read_checks._UNUSUAL.search(c) for c in spaces)


_TEXT = st.text(
    st.characters(codec="utf-8")
    | st.sampled_from([" ", "\n", "\t", ".", "/", ":", "\\", "\xa0", "\u2028", "é", "x"]),
    max_size=260,
)


def _refused(rule: object, value: str) -> bool:
    try:
        return rule(value) != value  # type: ignore[operator]
    except RuleError:
        return True


@given(st.lists(_TEXT, min_size=1, max_size=6))
def test_the_scans_flag_every_value_a_rule_refuses(values: list[str]) -> None:
    """No false negative: whenever a rule refuses a value, the bulk scan of its column flags it
    (flagging more is allowed; the rule then decides)."""
    if any(_refused(rules.name, v) for v in values):
        assert read_checks._text_flagged(values, rules.NAME_MAX, required=True)
    if any(_refused(rules.sku, v) for v in values):
        assert read_checks._text_flagged(values, rules.SKU_MAX, required=False)
    if any(_refused(rules.image, v) for v in values):
        assert read_checks._path_flagged(values)


# --- ids ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("007", 7),
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),
        ("9" * 30, None),
        ("0", None),
        ("-1", None),
        ("+1", None),
        (" 1", None),
        ("1 ", None),
        ("１", None),  # a full-width digit
        ("²", None),
        ("①", None),
        ("٣", None),
        ("1_000", None),
        ("", None),
        ("Custom Game Controller", None),
    ],
)
def test_an_id_is_ascii_digits_within_range(text: str, expected: int | None) -> None:
    assert rules.record_id(text) == expected


def test_finding_a_configurator_reads_ids_by_that_rule(target: DatabaseTarget) -> None:
    database = _open(target)
    try:
        with database.session() as session:
            find = repository.find_configurator
            assert find(session, "1") == find(session, DEMO) == find(session, 1) == 1
            for other in ("１", "²", "①", str(2**63), str(2**64), 2**64, "01x"):
                assert find(session, other) is None
            # A name made of digits is found by name first.
            repository.update_configurator(session, 1, {ConfiguratorField.NAME: "２"})
            assert find(session, "２") == 1
    finally:
        database.close()


def test_a_damaged_configurators_rows_come_back_exactly_after_a_delete(
    target: DatabaseTarget,
) -> None:
    """What the window's undo of deleting a damaged configurator relies on (stored_rows)."""
    red = edit_red(target, "name", "Metallic\nRed")
    hand_edit_target(target, "UPDATE layer SET price = 'not money' WHERE id = :id", id=red)
    database = _open(target)
    try:
        with database.session() as session:
            taken = read_rows(session, 1)
            repository.delete_configurator(session, 1)
            assert repository.list_configurators(session) == []
            restore_rows(session, taken)
            assert read_rows(session, 1) == taken
            with pytest.raises(CorruptDataError, match="invalid name 'Metallic\\\\nRed'"):
                repository.load_configurator(session, 1)
    finally:
        database.close()
    assert len(taken.layers) > 10 and taken.name == DEMO
