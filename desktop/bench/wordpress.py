"""The WordPress round trip at catalogue scale (docs/wordpress.md): a configurator as WordPress
holds it (every layer with its record, as an import leaves it) written as a WordPress export
file, and such a file imported whole, from reading the XML to the committed insert."""

from __future__ import annotations

from pathlib import Path

from ..store import repository as repo
from ..store.database import Database
from ..store.wordpress.site_file import export_site_file, import_site_file, read_site_file
from .timing import median_ms


def measure(db: Database, big_id: int, workdir: Path, trials: int) -> dict[str, float]:
    results: dict[str, float] = {}
    made_here = workdir / "made-here.xml"
    site_file = workdir / "site.xml"
    with db.session() as session:
        # Untimed: the synthetic configurator becomes one read from WordPress.
        export_site_file(session, [big_id], made_here)
        (wp_id, _), *_ = import_site_file(session, read_site_file(made_here)).configurators

    def export() -> None:
        with db.session() as session:
            export_site_file(session, [wp_id], site_file)

    results["wordpress_export"] = median_ms(trials, export)

    imported: list[int] = []

    def do_import() -> None:
        with db.session() as session:
            done = import_site_file(session, read_site_file(site_file))
        imported.extend(new_id for new_id, _ in done.configurators)

    def drop_previous() -> None:
        while imported:
            with db.session() as session:
                repo.delete_configurator(session, imported.pop())

    results["wordpress_import"] = median_ms(trials, do_import, setup=drop_previous)
    drop_previous()
    with db.session() as session:
        repo.delete_configurator(session, wp_id)
    return results
