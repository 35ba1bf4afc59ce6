"""Import of a WordPress export file into a database, and export of configurators as one
(docs/wordpress.md): the files, images and transactions around the mapping.

Import is all or nothing: every configurator item is read and checked first (`read_site_file`,
which the window's preview also shows), then the images found are copied into the media
folder, then one transaction inserts every configurator; a failure removes the files copied.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from sqlmodel import Session

from ...domain import rules
from ...domain.collector import collector_paused
from ...domain.rules import RuleError
from ...domain.wordpress import renamed
from .. import open_files, repository
from ..exchange import session_media_dir
from ..exchange_format import MAX_FILE_BYTES
from ..image_journal import ImageJournal
from ..images import ImageError, check_image
from ..media import inside, place_file, stored_name
from . import keys as k
from .mapping import ImageRef, ReadItem, WordPressError, read_item, set_image
from .write_back import Upload, write_item
from .wxr import WxrError, looks_like_wxr, read_wxr, write_wxr


class SiteFileError(ValueError):
    """A WordPress export refused as a whole (one line; the caller names the file)."""


def is_site_file(path: Path) -> bool:
    """Whether path holds a WordPress export (or XML the WXR reader will refuse with its
    reason) rather than an exchange JSON file: judged by its content."""
    if open_files.refusal(Path(path)) is not None:
        return False  # the exchange reader names it (a database is no WordPress export)
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    # An XML declaration, a DOCTYPE or an rss element: the WXR reader names what is wrong
    # with such a file; anything else is left to the exchange format ("invalid JSON").
    return looks_like_wxr(head) or start.startswith((b"<?xml", b"<!DOCTYPE", b"<rss"))


@dataclass(slots=True)
class FoundImage:
    """Where an option's WordPress image is: a file of the media copy, or nowhere."""

    ref: ImageRef
    configurator: str  # the configurator's name, as the file has it
    name: str  # the file's name, as the URL ends (or "attachment N" without one)
    file: Path | None = None
    problem: str = ""  # why a file found cannot be used


@dataclass(slots=True)
class SiteFile:
    """What a WordPress export holds for the editor, read and checked, nothing written yet."""

    path: Path
    items: list[ReadItem]
    skipped: dict[str, int] = field(default_factory=dict)  # post type → items skipped
    images: list[FoundImage] = field(default_factory=list)
    media: Path | None = None  # where the images were looked for

    @property
    def warnings(self) -> list[str]:
        return [warning for item in self.items for warning in item.warnings]


def read_site_file(path: Path, media: Path | None = None) -> SiteFile:
    """Read and check every configurator item of a WordPress export, and look for their
    images in media (a copy of the site's uploads); SiteFileError / WordPressError (both
    ValueError, one line) when the file is refused."""
    path = Path(path)
    try:
        if path.exists() and not path.is_file():
            raise SiteFileError("not a regular file")
        if (own := open_files.refusal(path)) is not None:
            raise SiteFileError(own)
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SiteFileError(f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SiteFileError("file not found") from None
    except OSError as exc:
        raise SiteFileError(f"cannot read the file: {exc.strerror or exc}") from None
    with collector_paused():
        try:
            export = read_wxr(data)
        except WxrError as exc:
            raise SiteFileError(str(exc)) from None
        items: list[ReadItem] = []
        skipped: dict[str, int] = {}
        for post in export.posts:
            if post.post_type != k.POST_TYPE:
                kind = post.post_type or "untyped"
                skipped[kind] = skipped.get(kind, 0) + 1
                continue
            items.append(read_item(post))
    if not items:
        raise SiteFileError(f"no WP Configurator configurators in {path}")
    found = SiteFile(path, items, skipped, media=media)
    found.images = locate_images(items, media)
    return found


# --- images -------------------------------------------------------------------------------------
def locate_images(items: list[ReadItem], media: Path | None) -> list[FoundImage]:
    """Each option's image, looked for in media: by the URL's path after `/uploads/`, else by
    its file name anywhere in the folder."""
    by_name: dict[str, Path] | None = None
    found: list[FoundImage] = []
    for item in items:
        for ref in item.images:
            relative = _uploads_path(ref.url)
            name = PurePosixPath(relative).name if relative else f"attachment {ref.attachment}"
            image = FoundImage(ref, item.configurator.name, name)
            found.append(image)
            if media is None or not relative:
                continue
            path = media / relative
            candidate = path if _is_file(path) else None
            if candidate is None:
                if by_name is None:
                    by_name = _files_by_name(media)
                candidate = by_name.get(name)
            if candidate is None:
                continue
            if not inside(candidate, media):
                image.problem = "leads outside the media folder"
                continue
            try:
                check_image(candidate)
            except ImageError as exc:
                image.problem = str(exc)
                continue
            image.file = candidate
    return found


def _uploads_path(url: str | None) -> str:
    if not url:
        return ""
    path = unquote(urlsplit(url).path)
    marker = "/uploads/"
    return path.split(marker, 1)[1] if marker in path else path.lstrip("/")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _files_by_name(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            files.setdefault(name, Path(root) / name)
    return files


def _carry(
    site: SiteFile, media: Path | None, note: Callable[[str, int], None] | None = None
) -> tuple[list[Path], list[str]]:
    """Copy the images found into media; every option gets its image path (a missing one
    keeps a path naming the file, which the preview shows as a placeholder). Returns the
    files created and one warning per image not copied. `note` is the import's image journal
    (docs/files-and-images.md)."""
    created: list[Path] = []
    warnings: list[str] = []
    placed: dict[Path, str] = {}
    for image in site.images:
        ref = image.ref
        if image.file is not None and media is not None:
            if image.file not in placed:
                try:
                    wanted = stored_name(image.name, check_image(image.file).extension)
                    placed[image.file], new_file = place_file(image.file, media, wanted, note)
                except (OSError, ImageError) as exc:
                    raise SiteFileError(f"cannot copy {image.file} into {media}: {exc}") from None
                if new_file is not None:
                    created.append(new_file)
            set_image(ref, placed[image.file])
            continue
        suffix = PurePosixPath(image.name).suffix.lower()
        reference = stored_name(image.name, suffix if suffix else "") if "." in image.name else ""
        try:
            set_image(ref, rules.image(reference))
        except RuleError:
            set_image(ref, "")
        warnings.append(_missing_warning(image, site.media))
    return created, warnings


def _missing_warning(image: FoundImage, media: Path | None) -> str:
    ref = image.ref
    where = (
        f'"{image.configurator}", {ref.path}: image "{image.name}" (attachment {ref.attachment})'
    )
    if image.problem:
        why = f"found in {media} but {image.problem}"
    elif media is None:
        why = "not copied in (no --media folder given)"
    else:
        why = f"not found in {media}"
    return f"{where} {why}; the option keeps its WordPress image, shown as a placeholder"


# --- import -------------------------------------------------------------------------------------
@dataclass(slots=True)
class Imported:
    configurators: list[tuple[int, str]]
    warnings: list[str]


def import_site_file(
    session: Session, site: SiteFile, *, name: str | None = None, media: Path | None = None
) -> Imported:
    """Insert every configurator of site (read by read_site_file) in one transaction, names
    made free ("Name (2)") unless `name` is given (a file of one configurator only)."""
    if name is not None:
        if len(site.items) != 1:
            raise SiteFileError(
                f"--name applies to a file of one configurator; this one has {len(site.items)}"
            )
        cfg = site.items[0].configurator
        try:
            cfg.name = rules.name(name)
        except RuleError as exc:
            raise SiteFileError(f"the new name {exc.problem}") from None
        if cfg.wordpress is not None:
            cfg.wordpress = renamed(cfg.wordpress, cfg.name)
    media = media if media is not None else session_media_dir(session)
    created: list[Path] = []
    # The journal names each copy before it is linked in and goes once the insert commits:
    # a kill in between leaves it to the next open, which removes the copies no layer uses.
    journal = ImageJournal(media) if media is not None and site.images else None
    try:
        with collector_paused():
            created, image_warnings = _carry(site, media, journal.note if journal else None)
            configurators = [item.configurator for item in site.items]
            ids = repository.insert_configurators(
                session, configurators, free_name=name is None, layer_values_checked=True
            )
    except BaseException:
        for file in created:
            file.unlink(missing_ok=True)
        raise
    finally:
        if journal is not None:
            journal.finish()
    return Imported(
        [(new_id, cfg.name) for new_id, cfg in zip(ids, configurators, strict=True)],
        site.warnings + image_warnings,
    )


# --- export -------------------------------------------------------------------------------------
@dataclass(slots=True)
class Exported:
    """What an export wrote and what the merchant must still do."""

    target: Path | None
    configurators: list[str]
    uploads: list[tuple[Path, str, str]] = field(default_factory=list)
    # (file written, configurator, option path) of each image to upload
    missing: list[tuple[str, str, str]] = field(default_factory=list)
    # (image path, configurator, option path) of each image chosen here whose file is gone
    data: bytes = b""  # the file, when it was not written (standard output)


def export_site_file(
    session: Session,
    configurator_ids: list[int],
    target: Path | None,
    *,
    media: Path | None = None,
) -> Exported:
    """Write the configurators as one WordPress export file; images chosen in the editor are
    copied to `<target stem>-images/` beside it, to be uploaded to the Media Library. Without
    a target the file's bytes are only returned (`Exported.data`), for standard output: then
    there must be no image to upload, since there is nowhere to put it."""
    media = media if media is not None else session_media_dir(session)
    posts = []
    names: list[str] = []
    uploads: list[tuple[str, Upload]] = []
    with collector_paused():
        for configurator_id in configurator_ids:
            cfg = repository.load_configurator(session, configurator_id)
            try:
                written = write_item(cfg)
            finally:
                cfg.release()
            posts.append(written.post)
            names.append(cfg.name)
            uploads += [(cfg.name, upload) for upload in written.uploads]
        try:
            data = write_wxr(posts)
        except WxrError as exc:
            raise SiteFileError(str(exc)) from None
    if target is None:
        if uploads:
            configurator, upload = uploads[0]
            raise SiteFileError(
                f'"{configurator}", {upload.path}: an image chosen here must be uploaded '
                "beside the export; write it to a file with -o FILE.xml"
            )
        return Exported(None, names, data=data)
    target = Path(target)
    exported = Exported(target, names)
    _copy_uploads(uploads, media, target.parent / f"{target.stem}-images", exported)
    _write_atomically(target, data)
    return exported


def _copy_uploads(
    uploads: list[tuple[str, Upload]], media: Path | None, folder: Path, exported: Exported
) -> None:
    placed: dict[str, Path] = {}
    for configurator, upload in uploads:
        source = None if media is None else media / PurePosixPath(upload.image)
        if upload.image not in placed:
            if source is None or not _is_file(source):
                exported.missing.append((upload.image, configurator, upload.path))
                continue
            relative, _ = place_file(source, folder, PurePosixPath(upload.image).name)
            placed[upload.image] = folder / relative
        exported.uploads.append((placed[upload.image], configurator, upload.path))


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


__all__ = [
    "Exported",
    "Imported",
    "SiteFile",
    "SiteFileError",
    "WordPressError",
    "export_site_file",
    "import_site_file",
    "is_site_file",
    "read_site_file",
]
