"""Export and all-or-nothing import of exchange files against a database and its media folder.

The format itself (shape, validation, parsing) is `exchange_format`; this module adds the
database reads and writes and carries image files between an exchange file's folder and the
media folder under the same relative paths.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlmodel import Session

from ..domain import rules
from ..domain.collector import collector_paused
from ..domain.model import Configurator, Layer
from ..domain.rules import RuleError
from . import repository
from .exchange_format import FORMAT, ExchangeError, dumps, from_dict, loads, read_json, to_dict
from .image_journal import ImageJournal
from .images import ImageError, check_image
from .media import inside, media_dir, place_file, relative_path_problem, stored_name
from .server import ServerAddress

__all__ = [
    "FORMAT",
    "ExchangeError",
    "dumps",
    "export_configurator",
    "export_file",
    "from_dict",
    "import_configurator",
    "import_file",
    "loads",
    "read_file",
    "read_json",
    "session_media_dir",
    "to_dict",
]


def export_configurator(session: Session, configurator_id: int) -> dict[str, Any]:
    with _read_for_export(session, configurator_id) as cfg:
        return to_dict(cfg)


@contextmanager
def _read_for_export(session: Session, configurator_id: int) -> Iterator[Configurator]:
    """The stored configurator, for a block that writes it out: read, used and freed with
    the collector paused. The tree is of no use once its data is out, and freed at once
    without its cycles; otherwise the collector would walk its hundreds of thousands of
    objects twice as they aged, and once more, the whole process with them, to free them."""
    with collector_paused():
        cfg = repository.load_configurator(session, configurator_id)
        try:
            yield cfg
        finally:
            cfg.release()


def export_file(
    session: Session,
    configurator_id: int,
    target: Path,
    *,
    media: Path | None = None,
    before_writing: Callable[[], None] = lambda: None,
) -> None:
    """Write the exchange file to `target` and copy the configurator's images beside it.

    `media` is the database's media folder (by default the one of the session's database
    file). An image already at the target that differs is kept, and the copy gets a free
    name that the written file then refers to. before_writing runs once the configurator is
    read and its images checked, before anything is written (a caller's folders are made
    there, so that a refusal leaves none behind: docs/stored-data.md).
    """
    target = Path(target)
    media = media if media is not None else session_media_dir(session)
    created: list[Path] = []
    try:
        # Written, and the dict made for it (objects an option) dropped, with the collector
        # still paused: nothing of it is left for the collector to walk once it resumes (a
        # pass over 400,000 objects at 100,000 options, whose time grew 17-fold from 10,000).
        with _read_for_export(session, configurator_id) as cfg:
            if media is not None:
                created = _carry_images(cfg, media, target.parent, before_writing=before_writing)
            else:
                before_writing()
            _write_atomically(target, dumps(to_dict(cfg)))
    except BaseException:
        _remove(created)
        raise


def _write_atomically(target: Path, text: str) -> None:
    """Replace target in one step, so a failed export never leaves half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def session_media_dir(session: Session) -> Path | None:
    """The media folder of the database behind session: beside its file, or a server
    database's local folder (None for an in-memory one)."""
    url = session.get_bind().engine.url
    if url.get_backend_name() != "sqlite":
        return media_dir(ServerAddress(url.render_as_string(hide_password=False)).media_stand_in)
    if not url.database or url.database == ":memory:":
        return None
    return media_dir(Path(url.database))


def read_file(path: Path) -> Configurator:
    """The configurator an exchange file holds, validated whole; raises ExchangeError."""
    with collector_paused():  # a large file makes hundreds of thousands of objects at once
        return from_dict(read_json(Path(path)))


def import_file(
    session: Session,
    path: Path,
    name: str | None = None,
    *,
    media: Path | None = None,
    copied: list[Path] | None = None,
) -> int:
    """Import an exchange file as a new configurator; returns its id.

    All or nothing: the file is validated whole, then images found beside it are copied into
    the media folder (default: the session database's), then one repository write inserts the
    configurator. If that write fails, the image files it had just created are removed again;
    if the process is killed before it commits, the next open removes them (an image journal,
    docs/files-and-images.md). `copied` receives the files created. Without `name` the file's
    name is kept, made unique with ' (2)', ' (3)'… when taken.
    """
    path = Path(path)
    # Paused from the reading to the insert: the collector would otherwise walk everything
    # the process holds between the two (a window: the configurator it shows, too).
    with collector_paused():
        cfg = read_file(path)
        try:
            return import_configurator(session, cfg, path.parent, name, media=media, copied=copied)
        finally:
            # Nothing keeps the tree once it is stored: without its cycles it is freed here
            # and now, rather than by the collector walking the whole of it once resumed.
            cfg.release()


def import_configurator(
    session: Session,
    cfg: Configurator,
    folder: Path,
    name: str | None = None,
    *,
    media: Path | None = None,
    copied: list[Path] | None = None,
) -> int:
    """import_file for a configurator read_file has already read from a file in folder (a
    caller that looks at it first need not read a large file twice). cfg's image paths
    become the ones stored."""
    if name is not None:
        try:
            cfg.name = rules.name(name)
        except RuleError as exc:
            raise ExchangeError("", f"the new name {exc.problem}") from None
    media = media if media is not None else session_media_dir(session)
    if media is None or not any(True for _ in _images(cfg.layers, "")):
        return repository.insert_configurator(
            session, cfg, free_name=name is None, layer_values_checked=True, tree_checked=True
        )
    created: list[Path] = []
    # The journal names each copy before it is linked in and goes once the insert commits:
    # a kill in between leaves it to the next open, which removes the copies no layer uses.
    with ImageJournal(media) as journal:
        try:
            created = _carry_images(cfg, Path(folder), media, importing=True, note=journal.note)
            new_id = repository.insert_configurator(
                session, cfg, free_name=name is None, layer_values_checked=True, tree_checked=True
            )
        except BaseException:
            _remove(created)
            raise
    if copied is not None:
        copied.extend(created)
    return new_id


def _carry_images(
    cfg: Configurator,
    source: Path,
    target: Path,
    *,
    importing: bool = False,
    before_writing: Callable[[], None] = lambda: None,
    note: Callable[[str, int], None] | None = None,
) -> list[Path]:
    """Copy each image cfg refers to from the source folder to the target folder (or a free
    name beside it, which cfg then refers to). An image missing from the source is left as
    it is. Each file must lie inside the source folder once links are followed and be a real
    image, and every one is checked before the first is copied, so a refusal writes nothing.
    Importing, it is stored under a short, safe name (`images/<name>.<ext>`). Returns the
    files created; on failure, none is left."""
    found: dict[str, tuple[str, str, Path] | None] = {}  # image → where, wanted, file
    for where, layer in _images(cfg.layers, "configurator.layers"):
        if layer.image not in found:
            file = _source_file(source, layer.image, where, importing=importing)
            if file is not None and not inside((target / file[0]).parent, target):
                raise ExchangeError(where, f'"{file[0]}" would be written outside {target}')
            found[layer.image] = None if file is None else (where, *file)
    before_writing()
    placed: dict[str, str] = {}
    created: list[Path] = []
    try:
        for image, entry in found.items():
            if entry is None:
                continue
            where, wanted, path = entry
            try:
                placed[image], new_file = place_file(path, target, wanted, note)
            except OSError as exc:
                problem = f"cannot copy it into {target}: {exc.strerror or exc}"
                raise ExchangeError(where, problem) from None
            if new_file is not None:
                created.append(new_file)
    except BaseException:
        _remove(created)
        raise
    for _, layer in _images(cfg.layers, "configurator.layers"):
        layer.image = placed.get(layer.image, layer.image)
    return created


def _source_file(
    folder: Path, relative: str, where: str, *, importing: bool
) -> tuple[str, Path] | None:
    """(the relative path to store it under, the file) for an image, None when it is missing.

    Either way the file is checked before it is copied: a relative path by the rules, inside
    the folder once links are followed, a real image. Exporting, the path was checked as the
    configurator was read and the file when it was stored; checked again here all the same, so
    that nothing outside the media folder is ever copied out (docs/stored-data.md)."""
    problem = relative_path_problem(relative)
    if problem:
        raise ExchangeError(where, f'"{relative}" {problem}')
    path = folder / relative
    try:
        if not path.exists() and not path.is_symlink():
            return None
    except (OSError, ValueError):
        return None
    if not inside(path, folder):
        whose = "the imported file's folder" if importing else "the media folder"
        raise ExchangeError(where, f'"{relative}" leads outside {whose}')
    try:
        info = check_image(path)
    except ImageError as exc:
        raise ExchangeError(where, f'"{relative}" {exc}') from None
    return (stored_name(relative, info.extension) if importing else relative), path


def _images(layers: list[Layer], path: str) -> Iterator[tuple[str, Layer]]:
    """Each option that has an image, in file order, with its exchange path to the image
    field, for refusals that name it (built only for those: most options of a large
    catalogue have none). A plain generator, not a closure: a closure calling itself is a
    cycle that would keep the list it fills, and every layer in it, until the collector ran."""
    for i, layer in enumerate(layers):
        if layer.is_group:
            yield from _images(layer.children, f"{path}[{i}].children")
        elif layer.image:
            yield f"{path}[{i}].image", layer


def _remove(files: list[Path]) -> None:
    for file in files:
        file.unlink(missing_ok=True)
