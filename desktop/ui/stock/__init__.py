"""Stock at catalogue scale in the window: the stock section, the stock table, bulk edit,
stock sheets (docs/stock-sheets.md)."""
