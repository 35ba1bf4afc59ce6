"""Low stock (docs/stock-rules.md): an option's own low stock amount; a configurator's threshold and
what
its shoppers are told of stock."""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("layer", sa.Column("low_stock_amount", sa.Integer))
    op.add_column(
        "configurator",
        sa.Column("low_stock_threshold", sa.Integer, nullable=False, server_default="2"),
    )
    op.add_column(
        "configurator",
        sa.Column("stock_display", sa.String, nullable=False, server_default="never"),
    )
    # SQLite cannot add a constraint to a table in place; revision 0005 rebuilds its tables
    # with every check, so both engines end with the same constraints.
    if op.get_bind().dialect.name != "sqlite":
        op.create_check_constraint(
            "ck_configurator_stock_display",
            "configurator",
            "stock_display IN ('never', 'low', 'always')",
        )
