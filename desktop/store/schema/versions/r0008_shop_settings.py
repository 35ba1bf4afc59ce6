"""The shop's settings on each configurator: its price format (docs/price-format.md) and its
order settings (docs/orders.md). Each column has the default every configurator had before
(WooCommerce's), so a database of an earlier release reads as it did.

SQLite takes a CHECK in ADD COLUMN itself; PostgreSQL gets the same checks as named
constraints, so both engines refuse the same values."""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# column, type, default (as SQL), its check (None: the field rules alone)
_COLUMNS = (
    (
        "currency_position",
        "VARCHAR",
        "'left'",
        "currency_position IN ('left', 'right', 'left_space', 'right_space')",
    ),
    ("thousand_separator", "VARCHAR", "','", "length(thousand_separator) <= 1"),
    ("decimal_separator", "VARCHAR", "'.'", "length(decimal_separator) = 1"),
    ("price_decimals", "INTEGER", "2", "price_decimals BETWEEN 0 AND 4"),
    ("payment", "VARCHAR", "'paid'", "payment IN ('paid', 'pending')"),
    ("hold_minutes", "INTEGER", "60", "hold_minutes >= 0"),
    ("notify_no_stock_at", "INTEGER", "0", "notify_no_stock_at >= 0"),
)
_TYPES = {"VARCHAR": sa.String, "INTEGER": sa.Integer}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, type_, default, check in _COLUMNS:
        if sqlite:
            op.execute(
                f"ALTER TABLE configurator ADD COLUMN {name} {type_} NOT NULL "
                f"DEFAULT {default} CHECK ({check})"
            )
            continue
        op.add_column(
            "configurator",
            sa.Column(name, _TYPES[type_], nullable=False, server_default=sa.text(default)),
        )
        op.create_check_constraint(f"ck_configurator_{name}", "configurator", check)
