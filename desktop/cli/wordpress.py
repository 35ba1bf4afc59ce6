"""`import SITE.xml` and `export ... --format wordpress`: the command line's side of the
WordPress round trip (docs/wordpress.md). Called by `cli`, whose helpers report its errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..store.demo import open_store
from ..store.media import media_dir
from ..store.wordpress.mapping import WordPressError
from ..store.wordpress.site_file import (
    SiteFileError,
    export_site_file,
    import_site_file,
    read_site_file,
)


def import_site(args: argparse.Namespace, fail: type[Exception]) -> int:
    """Import every configurator of a WordPress export; fail is the CLI's one-line error."""
    from .common import PROG, refuse_read_only, warn

    media = args.media
    if media is not None and not Path(media).is_dir():
        raise fail(f"--media: {media} is not a folder")
    try:
        site = read_site_file(args.file, media)
    except (SiteFileError, WordPressError) as exc:
        raise fail(f"cannot import {args.file}: {exc}") from None
    db = open_store(args.db, busy_timeout=args.busy_timeout)
    try:
        refuse_read_only(db)
        with db.session() as session:
            try:
                imported = import_site_file(session, site, name=args.name)
            except SiteFileError as exc:
                raise fail(f"cannot import {args.file}: {exc}") from None
    finally:
        db.close()
    for configurator_id, name in imported.configurators:
        print(f"{configurator_id}\t{name}")
    if site.skipped:
        count = sum(site.skipped.values())
        kinds = ", ".join(f"{kind}: {n}" for kind, n in sorted(site.skipped.items()))
        noun = (
            "item that is not a configurator" if count == 1 else "items that are not configurators"
        )
        print(f"{PROG}: skipped {count} {noun} ({kinds})", file=sys.stderr)
    for warning in imported.warnings:
        warn(warning)
    return 0


def export_site(args: argparse.Namespace, fail: type[Exception]) -> int:
    """Write the configurators named as one WordPress export file."""
    from .common import find, open_to_read, warn

    path, db = open_to_read(args.db)
    try:
        with db.session() as session:
            ids = list(dict.fromkeys(find(session, ref) for ref in args.configurator))
            try:
                exported = export_site_file(session, ids, args.output, media=media_dir(path))
            except SiteFileError as exc:
                raise fail(f"cannot export: {exc}") from None
            except OSError as exc:
                raise fail(f"cannot write {args.output}: {exc.strerror or exc}") from None
    finally:
        db.close()
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(exported.data)
        return 0
    for file, configurator, option in exported.uploads:
        print(f'upload {file} to the Media Library and choose it for {option} in "{configurator}"')
    for image, configurator, option in exported.missing:
        warn(missing_upload(image, configurator, option))
    return 0


def missing_upload(image: str, configurator: str, option: str) -> str:
    return (
        f'"{configurator}", {option}: its image {image} is not in the media folder; '
        "choose an image for it in WordPress"
    )


__all__ = ["export_site", "import_site"]
