"""QA scenarios in the window: running and recording (docs/preview-and-scenarios.md)."""
