"""Colours, styles and icons: the one place the window's look is decided."""
