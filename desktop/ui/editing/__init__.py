"""The Document the window edits through, its undoable commands and undo stacks
(docs/editing.md)."""
