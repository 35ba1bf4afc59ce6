"""SQLModel tables. The DDL itself comes from the Alembic revisions in `schema` (the source of
truth for both engines); a test checks that these classes and the migrated schema agree.

`version` counts the edits of a row: every write of one is compare-and-set on (id, version),
so a write based on a stale read changes nothing (docs/team-database.md)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, inspect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class DecimalText(TypeDecorator[Decimal]):
    """Money stored exactly as text ('49.00'); SQLite has no decimal type."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: object) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: object) -> Decimal | None:
        return None if value is None else Decimal(value)


class SiteSettings(SQLModel, table=True):
    """One row per database: the add-on switch and the configurator to reopen."""

    __tablename__ = "site_settings"

    id: int = Field(default=1, primary_key=True)
    stock_management_addon: bool = True
    last_configurator_id: int | None = None
    version: int = 1


class ConfiguratorRow(SQLModel, table=True):
    """A configurator's own fields; its layers are LayerRow rows."""

    __tablename__ = "configurator"
    __table_args__ = {"sqlite_autoincrement": True}  # ids never handed out twice

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    product_name: str = ""
    woocommerce_id: int | None = None
    base_price: Decimal = Field(
        default=Decimal("0.00"), sa_column=Column(DecimalText, nullable=False)
    )
    currency: str = "$"
    backorders: str = "no"
    low_stock_threshold: int = 2
    stock_display: str = "never"
    # The price format (docs/price-format.md) and order settings (docs/orders.md).
    currency_position: str = "left"
    thousand_separator: str = ","
    decimal_separator: str = "."
    price_decimals: int = 2
    payment: str = "paid"
    hold_minutes: int = 60
    notify_no_stock_at: int = 0
    version: int = 1
    # The WordPress post it came from, as JSON (store/wordpress_json.py); None: made here.
    wordpress: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class LayerRow(SQLModel, table=True):
    """One node of a configurator's layer tree, ordered among siblings by position."""

    __tablename__ = "layer"
    __table_args__ = {"sqlite_autoincrement": True}  # ids never handed out twice

    id: int | None = Field(default=None, primary_key=True)
    configurator_id: int = Field(
        sa_column=Column(Integer, ForeignKey("configurator.id", ondelete="CASCADE"), nullable=False)
    )
    parent_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("layer.id", ondelete="CASCADE"), nullable=True),
    )
    position: int = 0
    type: str
    name: str
    required: bool = False
    multiple: bool = False
    price: Decimal = Field(default=Decimal("0.00"), sa_column=Column(DecimalText, nullable=False))
    sale_price: Decimal | None = Field(default=None, sa_column=Column(DecimalText, nullable=True))
    image: str = ""
    active_on_load: bool = False
    hidden: bool = False
    manage_stock: bool = False
    sku: str = ""
    stock_quantity: int | None = None
    stock_status: str = "in_stock"
    low_stock_amount: int | None = None
    # The option's own backorder setting ("no", "notify", "yes"); None: the configurator's.
    backorders: str | None = None
    version: int = 1
    # The WordPress node it came from, as JSON (store/wordpress_json.py); None: made here.
    wordpress: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class ChangeLogRow(SQLModel, table=True):
    """One committed change: which configurator and layer (None: all of them, or none), and
    its kind. An open window reads the rows after the last seq it saw, so it refreshes only
    what changed (docs/team-database.md)."""

    __tablename__ = "change_log"
    __table_args__ = {"sqlite_autoincrement": True}

    seq: int | None = Field(default=None, primary_key=True)
    configurator_id: int | None = None
    layer_id: int | None = None
    kind: str


def core_table(row: type[SQLModel]) -> Table:
    """The table SQLModel made for a table class, as SQLAlchemy Core uses it (SQLModel sets
    __table__ when the class is created; its annotations do not declare it)."""
    table = inspect(row).local_table
    assert isinstance(table, Table)
    return table
