"""One database for a team (docs/team-database.md): a version on every row an edit can change, so a
write
based on a stale read is refused instead of overwriting; ids that are never handed out twice;
and a log of changes that lets an open window fetch only what changed since it last looked.

SQLite hands out the id after the highest one still present unless a table is AUTOINCREMENT,
and a table cannot become AUTOINCREMENT in place, so its two tables are rebuilt (with every
check, which earlier revisions could not add there). PostgreSQL's serial ids already come from
sequences that never go back.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_CONFIGURATOR_COLUMNS = (
    "id, name, product_name, woocommerce_id, base_price, currency, backorders, "
    "low_stock_threshold, stock_display"
)
_LAYER_COLUMNS = (
    "id, configurator_id, parent_id, position, type, name, required, multiple, price, "
    "sale_price, image, active_on_load, hidden, manage_stock, sku, stock_quantity, "
    "stock_status, low_stock_amount"
)

_SQLITE_REBUILD = (
    """CREATE TABLE configurator_new (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    name VARCHAR NOT NULL UNIQUE,
    product_name VARCHAR NOT NULL DEFAULT '',
    woocommerce_id INTEGER,
    base_price VARCHAR NOT NULL DEFAULT '0.00',
    currency VARCHAR NOT NULL DEFAULT '$',
    backorders VARCHAR NOT NULL DEFAULT 'no' CHECK (backorders IN ('no', 'notify', 'yes')),
    low_stock_threshold INTEGER NOT NULL DEFAULT 2,
    stock_display VARCHAR NOT NULL DEFAULT 'never'
        CHECK (stock_display IN ('never', 'low', 'always')),
    version INTEGER NOT NULL DEFAULT 1
)""",
    f"INSERT INTO configurator_new ({_CONFIGURATOR_COLUMNS}) "
    f"SELECT {_CONFIGURATOR_COLUMNS} FROM configurator",
    "DROP TABLE configurator",
    "ALTER TABLE configurator_new RENAME TO configurator",
    """CREATE TABLE layer_new (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
        CHECK (stock_status IN ('in_stock', 'out_of_stock')),
    low_stock_amount INTEGER,
    version INTEGER NOT NULL DEFAULT 1
)""",
    f"INSERT INTO layer_new ({_LAYER_COLUMNS}) SELECT {_LAYER_COLUMNS} FROM layer",
    "DROP TABLE layer",
    "ALTER TABLE layer_new RENAME TO layer",
    "CREATE INDEX ix_layer_tree ON layer (configurator_id, parent_id, position)",
    "CREATE INDEX ix_layer_parent ON layer (parent_id)",
    "CREATE INDEX ix_layer_sku ON layer (configurator_id, sku) WHERE sku != ''",
)


_PG_NOTIFY_FUNCTION = """
CREATE FUNCTION change_log_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('configurator_editor_changes', '');
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Run with foreign keys off (the migration's own connection): dropping the old
        # configurator table must not cascade into its layers.
        for statement in _SQLITE_REBUILD:
            op.execute(statement)
    else:
        for table in ("configurator", "layer"):
            op.add_column(
                table, sa.Column("version", sa.Integer, nullable=False, server_default="1")
            )
    op.add_column(
        "site_settings", sa.Column("version", sa.Integer, nullable=False, server_default="1")
    )
    op.create_table(
        "change_log",
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("configurator_id", sa.Integer),
        sa.Column("layer_id", sa.Integer),
        sa.Column("kind", sa.String, nullable=False),
        sqlite_autoincrement=True,
    )
    if op.get_bind().dialect.name == "postgresql":
        # Listening windows learn of a change when its transaction commits (NOTIFY is
        # delivered then, and only then), without a round trip of the writer's own.
        op.execute(_PG_NOTIFY_FUNCTION)
        op.execute(
            "CREATE TRIGGER change_log_notify AFTER INSERT ON change_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION change_log_notify()"
        )
