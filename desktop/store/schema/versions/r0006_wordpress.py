"""The WordPress round trip (docs/wordpress.md): a configurator or layer read from a WordPress
export keeps what the editor does not edit (the post and its other meta; a layer's uid,
settings and other keys), as the JSON text of its record, in one nullable column each. Rows
made in the editor have none."""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("configurator", "layer"):
        op.add_column(table, sa.Column("wordpress", sa.Text, nullable=True))
