"""Indexes for the lookups a large catalogue repeats per layer.

Deleting a layer makes the database find its children by parent_id (ON DELETE CASCADE, once
per deleted row): without an index of its own each lookup read the whole table, so a delete
grew with the square of its size. A SKU is checked for uniqueness within its configurator on
every insert and edit (empty SKUs need none).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_layer_parent", "layer", ["parent_id"])
    set_sku = sa.text("sku != ''")
    op.create_index(
        "ix_layer_sku",
        "layer",
        ["configurator_id", "sku"],
        sqlite_where=set_sku,
        postgresql_where=set_sku,
    )
