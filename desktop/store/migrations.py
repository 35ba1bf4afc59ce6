"""Schema versions and the steps between them. A database records its version in
`PRAGMA user_version`; opening an older one runs the missing steps in one transaction."""

from __future__ import annotations

import sqlite3

# 'CFGE': marks a SQLite file as ours, so a foreign database is never mistaken for an empty one.
APPLICATION_ID = 0x43464745

_V1 = """
CREATE TABLE site_settings (
    id INTEGER NOT NULL PRIMARY KEY,
    stock_management_addon BOOLEAN NOT NULL DEFAULT 1
);
CREATE TABLE configurator (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR NOT NULL UNIQUE,
    product_name VARCHAR NOT NULL DEFAULT '',
    woocommerce_id INTEGER,
    base_price VARCHAR NOT NULL DEFAULT '0.00',
    currency VARCHAR NOT NULL DEFAULT '$',
    backorders VARCHAR NOT NULL DEFAULT 'no' CHECK (backorders IN ('no', 'notify', 'yes'))
);
CREATE TABLE layer (
    id INTEGER NOT NULL PRIMARY KEY,
    configurator_id INTEGER NOT NULL REFERENCES configurator(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES layer(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    type VARCHAR NOT NULL CHECK (type IN ('group', 'sub_group', 'image')),
    name VARCHAR NOT NULL,
    required BOOLEAN NOT NULL DEFAULT 0,
    multiple BOOLEAN NOT NULL DEFAULT 0,
    price VARCHAR NOT NULL DEFAULT '0.00',
    sale_price VARCHAR,
    image VARCHAR NOT NULL DEFAULT '',
    active_on_load BOOLEAN NOT NULL DEFAULT 0,
    hidden BOOLEAN NOT NULL DEFAULT 0,
    manage_stock BOOLEAN NOT NULL DEFAULT 0,
    sku VARCHAR NOT NULL DEFAULT '',
    stock_quantity INTEGER,
    stock_status VARCHAR NOT NULL DEFAULT 'in_stock'
        CHECK (stock_status IN ('in_stock', 'out_of_stock'))
);
CREATE INDEX ix_layer_tree ON layer (configurator_id, parent_id, position);
INSERT INTO site_settings (id, stock_management_addon) VALUES (1, 1);
"""

# v2: the editor reopens the configurator that was open last.
_V2 = """
ALTER TABLE site_settings ADD COLUMN last_configurator_id INTEGER;
"""

# v3: low stock (SPEC §3): an option's own low stock amount; a configurator's threshold and
# what its shoppers are told of stock.
_V3 = """
ALTER TABLE layer ADD COLUMN low_stock_amount INTEGER;
ALTER TABLE configurator ADD COLUMN low_stock_threshold INTEGER NOT NULL DEFAULT 2;
ALTER TABLE configurator ADD COLUMN stock_display VARCHAR NOT NULL DEFAULT 'never'
    CHECK (stock_display IN ('never', 'low', 'always'));
"""

# v4: indexes for the lookups a large catalogue repeats per layer. Deleting a layer makes SQLite
# find its children by parent_id (ON DELETE CASCADE, once per deleted row): without an index of
# its own each lookup read the whole table, so a delete grew with the square of its size. A SKU is
# checked for uniqueness within its configurator on every insert and edit (empty SKUs need none).
_V4 = """
CREATE INDEX ix_layer_parent ON layer (parent_id);
CREATE INDEX ix_layer_sku ON layer (configurator_id, sku) WHERE sku != '';
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(connection: sqlite3.Connection, from_version: int) -> None:
    """Bring a database from `from_version` to SCHEMA_VERSION in one transaction."""
    steps = MIGRATIONS[from_version:]
    if not steps:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        for script in steps:
            for statement in _statements(script):
                connection.execute(statement)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
