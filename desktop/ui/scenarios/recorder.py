"""Recording a scenario from what QA clicks in the live preview (docs/preview-and-scenarios.md).

Each shopper action on the preview's controls becomes a step, followed by an `expect` step
holding what the preview showed after it (`domain.recording.observe`); so do the order
panel's actions and the shopper switch (pay, complete, cancel, refund, wait, shopper;
docs/orders.md). Stock, backorder and add-on edits made meanwhile, and the order panel's
payment and hold settings, become `set` steps. The setup pins the settings (the order
settings too) and the stock of every option the recording touched as they were when it
started, so the saved file passes when run later, whatever the stored values have become.
Nothing is written but the file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...domain.change_set import ChangeSet
from ...domain.fields import (
    AVAILABILITY_FIELDS,
    AVAILABILITY_ORDER,
    ORDER_SETTING_FIELDS,
    PRICE_FORMAT_FIELDS,
    ConfiguratorField,
    LayerField,
    get_configurator_field,
    stock_attr,
)
from ...domain.model import Configurator, Layer, Stock
from ...domain.orders import DEFAULT_SHOPPER, OrderSettings
from ...domain.recording import observe
from ...domain.scenario import Scenario, Setup, Step
from ...store.scenario_format import write_scenario
from ..editing.document import Document
from ..preview import PreviewPane

# The stock a scenario can set: what shoppers see of an option (domain/fields.py).
_STOCK_ATTRS = tuple(stock_attr(field) for field in AVAILABILITY_ORDER)
_STOCK_FIELDS = AVAILABILITY_FIELDS
# The settings a scenario's setup holds, each named as its Setup key: a change of one while
# recording is a `set` step (the order settings: docs/orders.md).
_STOCK_SETTINGS = {ConfiguratorField.BACKORDERS, ConfiguratorField.STOCK_DISPLAY}
_SETTINGS = {*_STOCK_SETTINGS, *ORDER_SETTING_FIELDS}
# Edits that change nothing a scenario checks (a renamed configurator is saved by its new name;
# a scenario's amounts are plain decimals, whatever the price format).
_UNSEEN_LAYER_FIELDS = {LayerField.SKU, LayerField.IMAGE}
_UNSEEN_SETTINGS = {
    ConfiguratorField.NAME,
    ConfiguratorField.PRODUCT_NAME,
    ConfiguratorField.WOOCOMMERCE_ID,
    *PRICE_FORMAT_FIELDS,
}


def _values(cfg: Configurator, fields: AbstractSet[ConfiguratorField]) -> dict[str, object]:
    """The fields' values now, by their Setup key (a ConfiguratorField's value is its name)."""
    named = sorted(ConfiguratorField(field) for field in fields)
    return {field.value: get_configurator_field(cfg, field) for field in named}


def _stock(stock: Stock) -> dict[str, object]:
    return {attr: getattr(stock, attr) for attr in _STOCK_ATTRS}


class ScenarioRecorder(QObject):
    """Turns preview clicks into scenario steps while `recording`.

    Signals:
        stepRecorded(object)   a Step just recorded (expect steps included)
        warning(str)           an edit made while recording that a scenario cannot express
        interrupted()          the configurator was closed or another one opened
    """

    stepRecorded = Signal(object)
    warning = Signal(str)
    interrupted = Signal()

    def __init__(self, document: Document, pane: PreviewPane, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.pane = pane
        self.recording = False
        self.steps: list[Step] = []
        self._cfg: Configurator | None = None
        self._name = ""
        self._start_stock: dict[Layer, dict[str, object]] = {}
        self._settings: dict[str, object] = {}  # Setup key → value when recording started
        self._touched: dict[Layer, None] = {}  # insertion-ordered set
        self._orders = OrderSettings()
        # The quantity the scenario player will have, per shopper as it keeps them: a
        # `quantity` step is written only where the preview's differs at add to cart.
        self._quantity = 1
        self._shopper = DEFAULT_SHOPPER
        self._quantities: dict[str, int] = {}

    # --- starting and stopping ----------------------------------------------------------------
    def start(self) -> bool:
        """Start from a fresh simulation of the open configurator; False when none is open."""
        if self.pane.played is not None:
            self.pane.show_copy(None)
        cfg = self.document.configurator
        if cfg is None or self.pane.storefront is None:
            return False
        self.pane.reset_simulation()  # every scenario starts afresh; not itself a step
        self._cfg, self._name = cfg, cfg.name
        self._start_stock = {option: _stock(option.stock) for option in cfg.options()}
        self._settings = {"addon": self.document.addon_active, **_values(cfg, _STOCK_SETTINGS)}
        self._touched = dict.fromkeys(self.pane.storefront.selected())
        self._orders = dataclasses.replace(self.pane.storefront.book.settings)
        self.steps = []
        self._quantity = 1
        self._shopper = DEFAULT_SHOPPER
        self._quantities = {}
        self.recording = True
        self.pane.shopperActed.connect(self._acted)
        self.document.changed.connect(self._follow)
        return True

    def stop(self) -> None:
        if not self.recording:
            return
        self.recording = False
        self.pane.shopperActed.disconnect(self._acted)
        self.document.changed.disconnect(self._follow)

    def scenario(self, name: str) -> Scenario:
        """The recording as a scenario named `name`."""
        stock = {
            option.path: self._start_stock[option]
            for option in self._touched
            if option in self._start_stock
        }
        orders = self._orders  # as in force when it started: stored, or chosen in the panel
        setup = Setup(
            **self._settings,  # type: ignore[arg-type]  # Setup's fields by name (_values)
            stock=stock,
            payment=orders.payment,
            hold_minutes=orders.hold_minutes,
            notify_no_stock_at=orders.notify_no_stock_at,
        )
        ref = self._cfg.name if self._cfg is not None else self._name
        return Scenario(name=name, configurator=ref, setup=setup, steps=tuple(self.steps))

    def save(self, path: Path) -> Scenario:
        """Write the recording to path, named after the file (OSError when it cannot)."""
        scenario = self.scenario(path.stem)
        write_scenario(scenario, path)
        return scenario

    # --- what happens while recording ---------------------------------------------------------
    def _record(self, step: Step) -> None:
        self.steps.append(step)
        self.stepRecorded.emit(step)

    def _acted(self, step: Step, refusals: list[str]) -> None:
        shop = self.pane.storefront
        if shop is None or self.pane.played is not None:
            return
        if step.kind == "remove_line":
            self.warning.emit(_CANNOT_REMOVE)
            return
        if step.kind == "add_to_cart" and self.pane.quantity.value() != self._quantity:
            self._quantity = self.pane.quantity.value()
            self._record(Step("quantity", self._quantity))
        elif step.kind == "reset":
            self._quantity, self._shopper = 1, DEFAULT_SHOPPER
            self._quantities.clear()
        elif step.kind == "shopper":  # as the player keeps each shopper's quantity
            self._quantities[self._shopper] = self._quantity
            self._shopper = step.value
            self._quantity = self._quantities.pop(step.value, 1)
        self._record(step)
        if step.kind in ("select", "deselect"):
            chosen = self._cfg.find_path(step.value) if self._cfg is not None else None
            if chosen is not None:
                self._touched.setdefault(chosen)
        self._touched.update(dict.fromkeys(shop.selected()))
        order = shop.orders[-1] if step.kind == "checkout" and not refusals else None
        seen = observe(shop, step, refusals, order)
        if seen is not None:
            self._record(Step("expect", seen))

    def _follow(self, change: ChangeSet) -> None:
        if change.reset is not None:
            self._opened()
            return
        if change.layers:
            self._layers_changed(change.layers)
        if change.settings:
            self._settings_changed(change.settings)
        if change.addon:
            self._record(Step("set", Setup(addon=self.document.addon_active)))
        if change.structure is not None:
            self.warning.emit(_CANNOT)

    def _layers_changed(self, changes: Mapping[Layer, frozenset[LayerField]]) -> None:
        """An edit, bulk edit, paste or stock sheet: one `set` step for the stock of all the
        options it changed; a change of anything else cannot be a step, and is warned about."""
        shop = self.pane.storefront
        stock = {}
        cannot = shop is None
        for layer, fields in changes.items():
            if layer.is_group:
                cannot = True  # paths, choices or required groups change
                continue
            if fields & _STOCK_FIELDS and shop is not None:
                now = _stock(layer.stock)
                now["quantity"] = shop.quantity_left(layer)  # what the simulation has left now
                self._touched.setdefault(layer)
                stock[layer.path] = now
            if fields - _STOCK_FIELDS - _UNSEEN_LAYER_FIELDS:
                cannot = True
        if stock:
            self._record(Step("set", Setup(stock=stock)))
        if cannot:
            self.warning.emit(_CANNOT)

    def _settings_changed(self, fields: frozenset[ConfiguratorField]) -> None:
        cfg = self._cfg
        if cfg is None:
            return
        recorded = fields & _SETTINGS
        shop = self.pane.storefront
        if shop is not None and shop.book.chosen is not None:
            recorded -= ORDER_SETTING_FIELDS  # the order panel's choice is what orders follow
        if recorded:
            self._record(Step("set", Setup(**_values(cfg, recorded))))  # type: ignore[arg-type]  # by name
        if fields - _SETTINGS - _UNSEEN_SETTINGS:
            self.warning.emit(_CANNOT)

    def _opened(self) -> None:
        self.stop()
        self.interrupted.emit()


_CANNOT = (
    "Recording a scenario: this edit cannot be written as a scenario step (stock, backorders, "
    "stock display and the add-on can); the saved scenario may not pass."
)
_CANNOT_REMOVE = (
    "Recording a scenario: removing a cart line is not a scenario step; the saved scenario "
    "may not pass. Reset the simulation instead to start the cart afresh."
)
