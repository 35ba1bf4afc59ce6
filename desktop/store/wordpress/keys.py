"""Every name WP Configurator's data uses that the editor reads or writes, in one table
(docs/wordpress.md), with the plugin's own ways of reading a value.

The Inventory add-on's own stock key names are not public: until they are, the editor reads
and writes WooCommerce's names (`STOCK_KEYS`), in each layer's settings, and
`_wpc_backorders` on the configurator. Changing a name here changes it everywhere.
"""

from __future__ import annotations

import re

from ...domain.model import Backorders, StockStatus
from ...domain.php_value import PhpValue

POST_TYPE = "amz_configurator"

# Post meta.
COMPONENTS = "_wpc_components"
EDITOR_IMAGES = "_wpc_editor_images"
VIEWS = "_wpc_views"
BASE_PRICE = "_wpc_base_price"
PRODUCT_ID = "_wpc_product_id"
BACKORDERS = "_wpc_backorders"
DATA_VERSION = "_wpc_data_version"
CONFIG_STYLE = "_wpc_config_style"

# Node keys and layer settings.
NAME, UID, TYPE, ACTIONS, SETTINGS, CHILDREN = (
    "name", "uid", "type", "actions", "settings", "children",
)  # fmt: skip
PRICE = "price"
SALE_PRICE = "sale_price"
ACTIVE = "active"
REQUIRED = "required"
MULTIPLE = "multiple"
HIDE_CONTROL = "hide_control"
VIEW_SETTINGS = "views"
VIEW_IMAGE = "image"
SRC = "src"
DEFAULT_VIEW = "front"

# Stock, by WooCommerce's names: the editor's stock field → the settings key.
STOCK_KEYS = {
    "manage": "manage_stock",
    "sku": "sku",
    "quantity": "stock_quantity",
    "status": "stock_status",
    "low_amount": "low_stock_amount",
    "backorders": "backorders",  # the option's own setting (WooCommerce's no/notify/yes)
}
# `onbackorder` is WooCommerce's derived status: the editor holds it as in stock with its
# quantity, which the backorder rules then read.
STOCK_STATUS_READ = {
    "instock": StockStatus.IN_STOCK,
    "outofstock": StockStatus.OUT_OF_STOCK,
    "onbackorder": StockStatus.IN_STOCK,
}
STOCK_STATUS_WRITTEN = {StockStatus.IN_STOCK: "instock", StockStatus.OUT_OF_STOCK: "outofstock"}
BACKORDERS_READ = {b.value: b for b in Backorders}

# What a configurator made in the editor gets, as the plugin's own "create" gives it.
NEW_CONFIGURATOR_META = ((DATA_VERSION, "3.4"), (CONFIG_STYLE, "accordion"))
NEW_STATUS = "draft"


def new_actions() -> dict[int | str, PhpValue]:
    """A new layer's editor UI state, as the plugin's editor gives one."""
    return {"open": False, "show": True}


# --- the plugin's readings ----------------------------------------------------------------------
_TRUE_WORDS = frozenset({"true", "yes", "1", "show", "enable", "activate"})
_FALSE_WORDS = frozenset({"false", "no", "0", "hide", "disable", "deactivate", ""})


def php_truthy(value: PhpValue) -> bool:
    """PHP's `(bool)`: "", "0", 0, 0.0, false, null and an empty array are false."""
    if isinstance(value, str):
        return value not in ("", "0")
    return bool(value)


def str_to_bool(value: PhpValue) -> bool:
    """The plugin's `WPC_Utils::str_to_bool`: the listed words, anything else as PHP's `(bool)`
    (so "off" is true)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    return php_truthy(value)


_PHP_NUMBER = re.compile(r"[ \t\n\r\v\f]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def php_float_text(text: str) -> str:
    """What PHP's `(float)` makes of text, written as the number it reads (its leading
    number; "0" when there is none): "1,250.75" reads 1."""
    found = _PHP_NUMBER.match(text)
    if found is None:
        return "0"
    number = float(found.group().strip())
    return f"{number:g}" if number != int(number) or abs(number) >= 1e15 else str(int(number))
