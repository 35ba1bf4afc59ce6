"""Scenario files (docs/preview-and-scenarios.md): the SPEC's example as written, each `expect` key
passing and
failing with a message naming step, key, expected and got, and refusals naming the field."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop.domain.scenario import Player, ScenarioError, StepResult
from desktop.domain.storefront import Storefront
from desktop.store.demo import load_demo
from desktop.store.scenario_format import ScenarioFileError, from_data, loads, to_data

PURPLE = "Grip Color/Metallic Purple"
YELLOW = "Grip Color/Metallic Yellow"
RED = "Grip Color/Metallic Red"

# docs/preview-and-scenarios.md's example, verbatim.
SPEC_EXAMPLE = """
{"format": "configurator-editor-scenario/1",
 "name": "Purple is backordered under notify",
 "configurator": "Custom Game Controller",
 "setup": {"addon": true, "backorders": "notify",
           "stock": {"Grip Color/Metallic Purple": {"manage": true, "quantity": 0, "status": "in_stock"}}},
 "steps": [
   {"select": "Grip Color/Metallic Purple"},
   {"expect": {"option": "Grip Color/Metallic Purple", "availability": "backorder", "notice": "Available on Backorder"}},
   {"quantity": 2},
   {"add_to_cart": true},
   {"expect": {"cart_contains": "Metallic Purple (Available Backorder)", "subtotal": "108.00"}},
   {"checkout": true},
   {"expect": {"order_backordered": {"Grip Color/Metallic Purple": 2},
               "order_note_contains": "will be shipped once restocked",
               "stock": {"Grip Color/Metallic Purple": -2}}}]}
"""  # noqa: E501  (as SPEC.md writes it)


def play(data: dict[str, Any]) -> list[StepResult]:
    scenario = from_data(loads(json.dumps(data)))
    return Player(Storefront(load_demo(), addon_active=True), scenario).play_all()


def test_the_spec_example_passes_as_written() -> None:
    results = play(loads(SPEC_EXAMPLE))
    assert [r.number for r in results] == list(range(1, 8))
    assert all(r.passed for r in results), [r.failure for r in results]


def test_a_player_restores_the_configurator_it_played_on() -> None:
    cfg = load_demo()
    purple = cfg.find_path(PURPLE)
    assert purple is not None
    before = (purple.stock, cfg.backorders)
    data = loads(SPEC_EXAMPLE)
    data["setup"] = {"backorders": "no", "stock": {PURPLE: {"quantity": 7}}}
    player = Player(Storefront(cfg), from_data(data))
    assert purple.stock.quantity == 7
    player.play_all()
    player.restore()
    assert (purple.stock, cfg.backorders) == before


CART = [{"select": PURPLE}, {"quantity": 2}, {"add_to_cart": True}]  # 3 steps, notify
ORDER = [*CART, {"checkout": True}]  # 4 steps
REFUSED = [{"set": {"backorders": "no"}}, {"quantity": 9}, {"add_to_cart": True}]
DEFAULTS = [
    "Body/Controller Shell",
    YELLOW,
    "Buttons/Classic Black",
    "Thumbsticks/Black",
    "Extras/Back Paddles/Upper Paddles",
]
CHOSEN = [DEFAULTS[0], PURPLE, *DEFAULTS[2:]]
NOT_ENOUGH = 'Not enough stock for "Metallic Yellow" (5 remaining).'
NOTE = "Metallic Purple: Backordered: 2 — will be shipped once restocked"
# The order's notes as WooCommerce keeps them, after what the shopper is told (docs/orders.md).
ORDER_NOTES = [
    NOTE,
    "Order status changed from Pending payment to Processing.",
    "Stock levels reduced: Metallic Purple 0→-2",
]

# key: (steps before, passing expect, steps before, failing expect, the failure as printed)
EXPECT_CASES: dict[str, tuple[list[Any], dict[str, Any], list[Any], dict[str, Any], str]] = {
    "availability": (
        CART, {"option": PURPLE, "availability": "backorder"},
        CART, {"option": PURPLE, "availability": "in_stock"},
        f'option["{PURPLE}"].availability: expected "in_stock", got "backorder"',
    ),
    "selectable": (
        CART, {"option": PURPLE, "selectable": True},
        CART, {"option": PURPLE, "selectable": False},
        f'option["{PURPLE}"].selectable: expected false, got true',
    ),
    "notice": (
        CART, {"option": PURPLE, "notice": "Available on Backorder"},
        CART, {"option": PURPLE, "notice": ""},
        f'option["{PURPLE}"].notice: expected "", got "Available on Backorder"',
    ),
    "low": (
        CART, {"option": RED, "low": True}, CART, {"option": RED, "low": False},
        f'option["{RED}"].low: expected false, got true',
    ),
    "selection": (
        CART, {"selection": list(reversed(CHOSEN))},
        CART, {"selection": [PURPLE]},
        f"selection: expected {json.dumps([PURPLE])}, got {json.dumps(CHOSEN)}",
    ),
    "unit_price": (
        CART, {"unit_price": "54.00"}, CART, {"unit_price": "49.00"},
        'unit_price: expected "49.00", got "54.00"',
    ),
    "cart_contains": (
        CART, {"cart_contains": "Metallic Purple (Available Backorder)"},
        CART, {"cart_contains": "Metallic Purple"},
        'cart_contains: expected "Metallic Purple", got ["Controller Shell", '
        '"Metallic Purple (Available Backorder)", "Classic Black", "Black", "Upper Paddles"]',
    ),
    "cart_lines": (
        CART, {"cart_lines": 1}, CART, {"cart_lines": 2}, "cart_lines: expected 2, got 1",
    ),
    "subtotal": (
        CART, {"subtotal": "108.00"}, CART, {"subtotal": "54.00"},
        'subtotal: expected "54.00", got "108.00"',
    ),
    "message_contains": (
        REFUSED, {"message_contains": "Not enough stock"},
        CART, {"message_contains": "Not enough stock"},
        'message_contains: expected "Not enough stock", got []',
    ),
    "no_message": (
        CART, {"no_message": True}, REFUSED, {"no_message": True},
        f"no_message: expected [], got {json.dumps([NOT_ENOUGH])}",
    ),
    "order_placed": (
        ORDER, {"order_placed": True}, CART, {"order_placed": True},
        "order_placed: expected true, got false",
    ),
    "order_backordered": (
        ORDER, {"order_backordered": {PURPLE: 2}},
        ORDER, {"order_backordered": {PURPLE: 1}},
        f'order_backordered["{PURPLE}"]: expected 1, got 2',
    ),
    "order_note_contains": (
        ORDER, {"order_note_contains": "will be shipped once restocked"},
        ORDER, {"order_note_contains": "ships tomorrow"},
        'order_note_contains: expected "ships tomorrow", got '
        + json.dumps(ORDER_NOTES, ensure_ascii=False),
    ),
    "stock": (
        ORDER, {"stock": {PURPLE: -2}}, CART, {"stock": {PURPLE: -2}},
        f'stock["{PURPLE}"]: expected -2, got 0',
    ),
}  # fmt: skip


def scenario(steps: list[Any]) -> dict[str, Any]:
    return {
        "format": "configurator-editor-scenario/1",
        "name": "case",
        "configurator": "Custom Game Controller",
        "setup": {"addon": True, "backorders": "notify", "stock": {PURPLE: {"quantity": 0}}},
        "steps": steps,
    }


@pytest.mark.parametrize("key", EXPECT_CASES)
def test_each_expect_key_passes_and_fails_naming_step_key_expected_and_got(key: str) -> None:
    before_pass, passing, before_fail, failing, failure = EXPECT_CASES[key]
    results = play(scenario([*before_pass, {"expect": passing}]))
    assert all(r.passed for r in results), [r.failure for r in results]
    results = play(scenario([*before_fail, {"expect": failing}]))
    *fine, last = results
    assert all(r.passed for r in fine)
    assert last.failure == f"step {len(results)}: {failure}"


def test_an_option_path_that_names_nothing_is_named_with_its_field() -> None:
    """Positions count from 1, as the run's "step 1" does (docs/preview-and-scenarios.md)."""
    data = scenario([{"select": "Grip Color/Metallic Green"}])
    with pytest.raises(ScenarioError) as caught:
        play(data)
    assert caught.value.where == "steps[1].select"
    assert 'no option "Grip Color/Metallic Green"' in str(caught.value)
    assert 'did you mean "Grip Color/Metallic Red"' in caught.value.problem
    far = scenario([{"select": "Seat/Leather"}])
    with pytest.raises(ScenarioError) as caught:
        play(far)
    assert caught.value.problem == 'no option "Seat/Leather" in "Custom Game Controller"'


def test_a_mistyped_option_path_gets_did_you_mean() -> None:
    data = scenario([{"quantity": 1}, {"select": "Grip Color/Metalic Purple"}])
    with pytest.raises(ScenarioError) as caught:
        play(data)
    assert caught.value.where == "steps[2].select"
    assert caught.value.problem.endswith(
        '; did you mean "Grip Color/Metallic Purple" or "Grip Color/Metallic Red"?'
    )


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        (lambda d: d["steps"][1]["expect"].update(colour="red"), "steps[2].expect.colour",
         "unknown key (allowed here: option, availability"),
        (lambda d: d["steps"][6]["expect"].update(stok={}), "steps[7].expect.stok",
         'unknown key, did you mean "stock"? (allowed here: option,'),
        (lambda d: d["setup"].update(backorder="notify"), "setup.backorder",
         'unknown key, did you mean "backorders"? (allowed here: addon, backorders'),
        (lambda d: d["steps"][0].update(selct="x") or d["steps"][0].pop("select"),
         "steps[1].selct", 'did you mean "select" or "deselect"?'),
        (lambda d: d.update(configurator={"format": "configurator-editor/1",
                                          "configurator": {"name": "I", "base_price": 4}}),
         "configurator.configurator.base_price", "expected an amount as a string"),
        (lambda d: d.update(configurator={"format": "configurator-editor/9", "configurator": {}}),
         "configurator.format", "configurator-editor/1"),
        (lambda d: d.update(author="QA"), "author", "unknown key (allowed here: format, name"),
        (lambda d: d["setup"]["stock"][PURPLE].update(quantity="0"),
         f'setup.stock["{PURPLE}"].quantity', "expected an integer"),
        (lambda d: d["setup"]["stock"][PURPLE].update(sku="X"),
         f'setup.stock["{PURPLE}"].sku', "unknown key"),
        (lambda d: d["setup"].update(backorders="maybe"), "setup.backorders",
         'expected one of "no", "notify", "yes"'),
        (lambda d: d["steps"].append({"quantity": 0}), "steps[8].quantity",
         "expected a whole number from 1 to 1,000,000"),
        (lambda d: d["steps"].append({"quantity": 2, "add_to_cart": True}), "steps[8]",
         "this one has quantity and add_to_cart"),
        (lambda d: d["steps"][4]["expect"].update(subtotal=108), "steps[5].expect.subtotal",
         "expected an amount as a string"),
        (lambda d: d["steps"][1]["expect"].update(availability="sold out"),
         "steps[2].expect.availability", 'expected one of "available"'),
        (lambda d: d["steps"].append({"expect": {"notice": ""}}), "steps[8].expect",
         'notice needs "option"'),
        (lambda d: d["steps"].append({"expect": {}}), "steps[8].expect", "expects nothing"),
        (lambda d: d["steps"].append({"add_to_cart": False}), "steps[8].add_to_cart",
         "expected true"),
        (lambda d: d.update(format="configurator-editor/1"), "format",
         '"configurator-editor-scenario/1"'),
        (lambda d: d.update(name="  "), "name", "must not be empty"),
        (lambda d: d.update(steps=[]), "steps", "at least one step"),
        (lambda d: d.pop("configurator"), "configurator", "required key is missing"),
        (lambda d: d.update(configurator={"name": "I", "layers": [{"name": "A", "type": "image"}]}),
         "configurator.layers[1].type", "an image layer cannot be placed at the top level"),
        (lambda d: d.update(configurator={"name": "Inline", "base_price": 4}),
         "configurator.base_price", "expected an amount as a string"),
    ],
)  # fmt: skip
def test_invalid_files_are_refused_naming_the_field(change: Any, where: str, problem: str) -> None:
    data = loads(SPEC_EXAMPLE)
    change(data)
    with pytest.raises(ScenarioFileError) as caught:
        from_data(loads(json.dumps(data)))
    assert caught.value.where == where
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{where}: ")


def test_a_repeated_key_is_refused() -> None:
    text = SPEC_EXAMPLE.replace('"name": "Purple', '"name": "Again", "name": "Purple')
    with pytest.raises(ScenarioFileError, match=r"^name: appears more than once$"):
        from_data(loads(text))


def test_an_inline_configurator_makes_a_scenario_self_contained() -> None:
    data = loads(SPEC_EXAMPLE)
    exported = to_data(from_data(data))
    assert exported == json.loads(json.dumps(data))  # the file form round-trips
    inline = {
        "name": "Mug",
        "base_price": "10.00",
        "settings": {"backorders": "no"},
        "layers": [
            {"name": "Colour", "type": "group", "required": True, "children": [
                {"name": "Red", "type": "image", "price": "2.00", "active_on_load": True,
                 "stock": {"manage": True, "quantity": 1}}]}],
    }  # fmt: skip
    data = {
        "format": "configurator-editor-scenario/1",
        "name": "inline",
        "configurator": inline,
        "steps": [
            {"quantity": 2},
            {"add_to_cart": True},
            {"expect": {"message_contains": 'Not enough stock for "Red" (1 remaining).'}},
            {"quantity": 1},
            {"add_to_cart": True},
            {"expect": {"subtotal": "12.00", "no_message": True}},
        ],
    }
    scenario = from_data(loads(json.dumps(data)))
    results = Player(Storefront(scenario.configurator), scenario).play_all()  # type: ignore[arg-type]
    assert all(r.passed for r in results), [r.failure for r in results]
    assert to_data(scenario)["configurator"]["name"] == "Mug"


def test_low_stock_setup_and_expectations() -> None:
    data = scenario(
        [
            {"expect": {"option": YELLOW, "low": True, "notice": "Only 5 left in stock"}},
            {"set": {"stock_display": "always", "stock": {YELLOW: {"low_stock_amount": None}}}},
            {"expect": {"option": YELLOW, "low": False, "notice": "5 in stock"}},
            {"expect": {"option": RED, "low": True, "notice": "2 in stock"}},
        ]
    )
    data["setup"] = {
        "backorders": "no",
        "stock_display": "low",
        "stock": {YELLOW: {"low_stock_amount": 5}},
    }
    results = play(data)
    assert all(r.passed for r in results), [r.failure for r in results]
    assert to_data(from_data(loads(json.dumps(data)))) == data


def test_a_whole_exchange_file_pasted_as_the_configurator_is_accepted() -> None:
    """What `export` writes ({"format": …, "configurator": …}) pasted in whole plays as the
    configurator object alone does (it was refused: "configurator.name: required key")."""
    from desktop.store.exchange_format import to_dict

    exported = to_dict(load_demo())
    assert set(exported) == {"format", "configurator"}
    data = loads(SPEC_EXAMPLE)
    data["configurator"] = exported
    scenario = from_data(loads(json.dumps(data)))
    assert scenario.configurator.name == "Custom Game Controller"  # type: ignore[union-attr]
    results = Player(Storefront(scenario.configurator), scenario).play_all()  # type: ignore[arg-type]
    assert [r.number for r in results] == list(range(1, 8))
    assert all(r.passed for r in results), [r.failure for r in results]
    # Its fields are named where they are in the scenario file, positions from 1.
    layers = exported["configurator"]["layers"]
    grip = next(i for i, layer in enumerate(layers) if layer["name"] == "Grip Color")
    layers[grip]["children"][2]["stock"]["quantity"] = "0"
    data["configurator"] = exported
    with pytest.raises(ScenarioFileError) as caught:
        from_data(loads(json.dumps(data)))
    where = f"configurator.configurator.layers[{grip + 1}].children[3].stock.quantity"
    assert (caught.value.where, caught.value.problem) == (where, "expected an integer")
