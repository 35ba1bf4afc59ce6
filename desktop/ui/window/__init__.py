"""The main window and what belongs to it as a whole: keyboard, focus order, narrow
layout, About and Keyboard shortcuts."""
