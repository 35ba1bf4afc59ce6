"""The demo configurator (docs/data-model.md) and opening a store the way the CLI and the editor
both do:
a database that is new gets the demo, its images and is set to open it."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..domain.model import Configurator
from . import repository
from .database import BUSY_TIMEOUT_S, Database, default_database_path, open_target
from .exchange import from_dict, import_file, read_json
from .media import media_dir
from .server import DatabaseTarget, default_target

RESOURCES_PACKAGE = "desktop.resources"
DEMO_FILE = "custom-game-controller.json"


def demo_path() -> Path:
    """The demo exchange file shipped in resources/demo (its images sit beside it)."""
    resource = files(RESOURCES_PACKAGE).joinpath("demo", DEMO_FILE)
    # Installed as files (wheel or editable), so this is a real path the importer can read
    # images beside; a zipped install would need as_file(), which we do not support.
    if not isinstance(resource, Path):
        raise RuntimeError(f"the demo is not on the file system: {resource}")
    return resource


def load_demo() -> Configurator:
    return from_dict(read_json(demo_path()))


def open_store(
    target: DatabaseTarget | None, *, create: bool = True, busy_timeout: float = BUSY_TIMEOUT_S
) -> Database:
    """Open the database at target, a file or a server (default: CONFIGURATOR_EDITOR_DB, else
    the user's data file); a newly created one is seeded with the demo, which becomes the
    configurator the editor opens first. Its connections wait up to busy_timeout seconds for
    another program's lock."""
    if target is None:
        target = default_target() or default_database_path()
    db = open_target(target, create=create, busy_timeout=busy_timeout)
    if db.created:
        assert db.path is not None  # a file, or a server's stand-in for its media folder
        try:
            seed_demo(db, db.path)
        except BaseException:
            db.close()
            raise
    return db


def seed_demo(db: Database, path: Path) -> int:
    with db.session() as session:
        configurator_id = import_file(session, demo_path(), media=media_dir(path))
        repository.set_last_configurator(session, configurator_id)
    return configurator_id
