"""Backorders per option (docs/stock-rules.md): an option's own backorder setting, which wins
over its configurator's; empty (NULL) for every existing layer, which then uses the
configurator's setting as before.

SQLite can add a column with its check in place (the check holds for the NULLs it starts
with), so neither engine rebuilds a table."""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "layer",
        sa.Column(
            "backorders",
            sa.String,
            sa.CheckConstraint("backorders IN ('no', 'notify', 'yes')", name="ck_layer_backorders"),
            nullable=True,
        ),
    )
