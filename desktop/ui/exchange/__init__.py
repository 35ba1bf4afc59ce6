"""Files in and out from the window: exchange files, WordPress exports, dropped files
(docs/exchange-format.md, docs/wordpress.md)."""
