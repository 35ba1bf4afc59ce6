"""The open database in the window: opening another, recent files, read-only and unusable
databases, and changes made elsewhere shown live (docs/team-database.md)."""
