"""Performance benchmark: `python3 -m desktop.bench` (see README, "Performance")."""
