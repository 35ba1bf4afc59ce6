"""The first release's tables: site settings, configurators and their layer trees."""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    site = op.create_table(
        "site_settings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("stock_management_addon", sa.Boolean, nullable=False, server_default=sa.true()),
    )
    op.create_table(
        "configurator",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False, unique=True),
        sa.Column("product_name", sa.String, nullable=False, server_default=""),
        sa.Column("woocommerce_id", sa.Integer),
        sa.Column("base_price", sa.String, nullable=False, server_default="0.00"),
        sa.Column("currency", sa.String, nullable=False, server_default="$"),
        sa.Column("backorders", sa.String, nullable=False, server_default="no"),
        sa.CheckConstraint("backorders IN ('no', 'notify', 'yes')"),
    )
    op.create_table(
        "layer",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "configurator_id",
            sa.Integer,
            sa.ForeignKey("configurator.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("layer.id", ondelete="CASCADE")),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("type", sa.String, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("required", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("multiple", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("price", sa.String, nullable=False, server_default="0.00"),
        sa.Column("sale_price", sa.String),
        sa.Column("image", sa.String, nullable=False, server_default=""),
        sa.Column("active_on_load", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("manage_stock", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("sku", sa.String, nullable=False, server_default=""),
        sa.Column("stock_quantity", sa.Integer),
        sa.Column("stock_status", sa.String, nullable=False, server_default="in_stock"),
        sa.CheckConstraint("type IN ('group', 'sub_group', 'image')"),
        sa.CheckConstraint("stock_status IN ('in_stock', 'out_of_stock')"),
    )
    op.create_index("ix_layer_tree", "layer", ["configurator_id", "parent_id", "position"])
    op.bulk_insert(site, [{"id": 1, "stock_management_addon": True}])
