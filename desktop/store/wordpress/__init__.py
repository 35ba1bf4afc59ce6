"""WordPress's own formats and data, for the round trip with WP Configurator.

`php_serialize` reads and writes PHP's serialize() text as WordPress stores arrays in post
meta; `wxr` reads and writes WordPress export files (WXR 1.2). docs/wordpress-format.md
describes both.
"""
