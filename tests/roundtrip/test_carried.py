"""A configurator from WordPress keeps what it carries through the team database (SQLite and
PostgreSQL), the exchange JSON and a duplicate (docs/wordpress.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.store import repository
from desktop.store.database import open_target
from desktop.store.wordpress.site_file import export_site_file, import_site_file, read_site_file
from tests.roundtrip.helpers import SAMPLE, meta_values, posts, run


def test_the_sample_comes_back_from_either_engine(db_target: object, tmp_path: Path) -> None:
    db = open_target(db_target)  # type: ignore[arg-type]
    try:
        with db.session() as session:
            imported = import_site_file(session, read_site_file(SAMPLE), media=tmp_path / "m")
            ids = [new_id for new_id, _ in imported.configurators]
            copy_id = repository.duplicate_configurator(session, ids[0], "Controller copy")
            exported = export_site_file(session, [*ids, copy_id], tmp_path / "site.xml")
    finally:
        db.close()
    assert exported.uploads == [] and exported.missing == []
    sample = posts(SAMPLE)
    back = posts(tmp_path / "site.xml")
    for before, after in zip(sample, back, strict=False):
        assert after.meta == before.meta
        assert (after.title, after.status, after.post_id) == (
            before.title,
            before.status,
            before.post_id,
        )
    copy = back[2]
    assert copy.title == "Controller copy" and copy.post_id == 0  # WordPress gives a new id
    old_tree = meta_values(sample[0])["_wpc_components"]
    new_tree = meta_values(copy)["_wpc_components"]
    old_uids = re.findall(r"'uid': '([^']+)'", repr(old_tree))
    new_uids = re.findall(r"'uid': '([^']+)'", repr(new_tree))
    assert len(new_uids) == len(old_uids) == 13
    assert len(set(new_uids)) == 13 and not set(new_uids) & set(old_uids)
    assert all(re.fullmatch(r"[0-9A-Za-z]{4}-[0-9A-Za-z]{4}", uid) for uid in new_uids)
    # Everything else of the copy's tree is the original's.
    assert re.sub(r"'uid': '[^']+'", "", repr(new_tree)) == re.sub(
        r"'uid': '[^']+'", "", repr(old_tree)
    )


def test_the_exchange_json_carries_it_to_another_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    run(["--db", first, "import", SAMPLE], capsys)
    code, _, err = run(["--db", first, "export", "Desk Lamp", "-o", tmp_path / "lamp.json"], capsys)
    assert (code, err) == (0, "")
    code, out, _ = run(["--db", second, "import", tmp_path / "lamp.json"], capsys)
    assert (code, out) == (0, "2\tDesk Lamp\n")
    target = tmp_path / "lamp.xml"
    code, _, err = run(["--db", second, "export", "2", "--format", "wordpress", "-o", target],
                       capsys)  # fmt: skip
    assert (code, err) == (0, "")
    (lamp,) = [p for p in posts(SAMPLE) if p.title == "Desk Lamp"]
    (after,) = posts(target)
    assert after.meta == lamp.meta and after.status == "draft" and after.post_id == 2105
