"""Every read and write the editor, the CLI and the exchange need, in one namespace.

Each function takes a session; each write is one transaction (committed on success, rolled
back on any error). The functions live in modules of one purpose — `site` (site settings),
`configurators`, `layers` — and this module gathers them so callers need one import.
"""

from __future__ import annotations

from .configurators import (
    ConfiguratorSummary,
    create_configurator,
    delete_configurator,
    duplicate_configurator,
    find_configurator,
    insert_configurator,
    insert_configurators,
    layer_count,
    list_configurators,
    load_configurator,
    name_taken,
    unique_name,
    update_configurator,
)
from .layers import (
    delete_layer,
    insert_layer,
    move_layer,
    read_layers,
    sku_owner,
    update_layer,
    update_layers,
)
from .site import (
    addon_active,
    addon_state,
    get_site,
    last_configurator,
    set_addon,
    set_last_configurator,
)
from .transaction import ConflictError, StorageError, StoreError, storage_errors, write

__all__ = [
    "ConfiguratorSummary",
    "ConflictError",
    "StorageError",
    "StoreError",
    "addon_active",
    "addon_state",
    "create_configurator",
    "delete_configurator",
    "delete_layer",
    "duplicate_configurator",
    "find_configurator",
    "get_site",
    "insert_configurator",
    "insert_configurators",
    "insert_layer",
    "last_configurator",
    "layer_count",
    "list_configurators",
    "load_configurator",
    "move_layer",
    "name_taken",
    "read_layers",
    "set_addon",
    "set_last_configurator",
    "sku_owner",
    "storage_errors",
    "unique_name",
    "update_configurator",
    "update_layer",
    "update_layers",
    "write",
]
