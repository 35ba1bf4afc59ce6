"""The document says every change with one change set on one signal (docs/architecture.md, "The
change set"): an edit typed in a field, many options at once, a tree edit and its undo, changes
made elsewhere; and a write failure reaches the fields by the field the store named, never by
its words."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSpinBox

from desktop.domain.change_set import ChangeSet, Inserted, Removed, Reset
from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import Configurator, Layer, LayerType, Stock
from desktop.store import repository
from desktop.store.repository import StoreError
from desktop.ui.editing.commands import RemoveLayer, SetConfiguratorFields, push
from desktop.ui.window.main_window import MainWindow

from .helpers import find, select, shown_children

MANY = 300  # more than views follow one by one


def _record(window: MainWindow) -> list[ChangeSet]:
    said: list[ChangeSet] = []
    window.document.changed.connect(said.append)
    return said


def _layer(window: MainWindow, path: str) -> Layer:
    cfg = window.document.configurator
    assert cfg is not None
    found = cfg.find_path(path)
    assert found is not None
    return found


def test_a_quantity_typed_is_one_change_set_naming_that_option_and_field(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    select(window, "Grip Color/Red")
    red = _layer(window, "Grip Color/Red")
    said = _record(window)
    spin = find(window, QSpinBox, "stockQuantitySpin")
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "7")
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert said == [ChangeSet(layers={red: frozenset({LayerField.STOCK_QUANTITY})})]
    assert said[0].fields_of(red) == {LayerField.STOCK_QUANTITY}
    assert red.stock.quantity == 7
    index = window.tree_model.index_of(red)
    assert "7" in index.data(Qt.ItemDataRole.ToolTipRole)  # the tree's tooltip followed it


def test_a_delete_and_its_undo_are_one_tree_change_each(window: MainWindow) -> None:
    grip = _layer(window, "Grip Color")
    said = _record(window)
    assert grip.id is not None
    assert push(window.undo_stack, RemoveLayer(window.document, grip.id))
    assert len(said) == 1 and said[0].tree == Removed(grip, None, 0)
    assert "Grip Color" not in shown_children(window)
    window.undo_stack.undo()
    assert len(said) == 2
    back = said[1].tree
    assert isinstance(back, Inserted) and back.revealed  # a group comes back shown
    assert back.layer.id == grip.id and shown_children(window)[0] == "Grip Color"


def test_settings_and_the_list_change_together_in_one_change_set(window: MainWindow) -> None:
    cfg = window.document.configurator
    assert cfg is not None and cfg.id is not None
    said = _record(window)
    fields = {ConfiguratorField.NAME: "Pad", ConfiguratorField.BASE_PRICE: Decimal("50.00")}
    assert push(window.undo_stack, SetConfiguratorFields(window.document, cfg.id, fields, "Edit"))
    assert said == [
        ChangeSet(
            settings=frozenset({ConfiguratorField.NAME, ConfiguratorField.BASE_PRICE}),
            configurators=True,
        )
    ]
    assert window.windowTitle().startswith("Pad")


def test_many_options_changed_elsewhere_arrive_as_one_change_set(
    make_window: object, db_path: object
) -> None:
    """300 options changed by another program: one change set naming each (there used to be a
    signal per option up to 200 and another kind of signal beyond)."""
    big = Configurator(
        name="Big",
        layers=[
            Layer(
                name="Colors",
                type=LayerType.GROUP,
                children=[
                    Layer(name=f"C{i}", type=LayerType.IMAGE, stock=Stock(True, "", 1))
                    for i in range(MANY)
                ],
            )
        ],
    )
    for child in big.layers[0].children:
        child.parent = big.layers[0]
    window: MainWindow = make_window()  # type: ignore[operator]
    database = window.document.database
    with database.session() as session:
        big_id = repository.insert_configurator(session, big)
    window.document.open_configurator(big_id)
    shown = window.document.configurator
    assert shown is not None
    said = _record(window)
    with database.session() as session:  # as another program would: straight to the store
        options = list(repository.load_configurator(session, big_id).options())
        changes = {o.id: {LayerField.STOCK_QUANTITY: 9} for o in options}
        repository.update_layers(session, big_id, changes)  # type: ignore[arg-type]
    window.document.refresh()
    assert len(said) == 1
    change = said[0]
    assert change.tree is None and len(change.layers) == MANY
    assert all(fields == {LayerField.STOCK_QUANTITY} for fields in change.layers.values())
    assert set(change.layers) == set(shown.options())  # the live objects the views hold
    assert all(option.stock.quantity == 9 for option in shown.options())


def test_opening_a_configurator_is_a_reset(window: MainWindow) -> None:
    said = _record(window)
    window.document.open_configurator(None)
    assert said == [ChangeSet(tree=Reset(None))]


def test_a_failure_reaches_the_name_field_by_its_field_not_its_words(
    window: MainWindow,
) -> None:
    select(window, "Grip Color/Red")
    error = find(window, QLabel, "layerNameError")
    window.document.report(StoreError("another layer … is already named “Yellow”"))
    assert not error.isVisible()  # words alone route nothing
    window.document.report(StoreError("that name is taken here", LayerField.NAME))
    assert error.isVisible() and error.message() == "That name is taken here."
    assert window.statusBar().currentMessage() == "That name is taken here."
