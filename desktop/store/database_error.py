"""The error of a database that will not open or cannot be used (docs/reliability.md): its own
module, so that opening a file and opening a server both raise it without importing each other."""


class DatabaseError(Exception):
    """A database file we will not open or could not use; the message says why in the user's
    terms and names the file."""
