"""Backorders per option through a real WordPress (docs/wordpress-format.md): a layer's
`settings.backorders` is read as the option's own setting, written back as the file had it
when unedited, and an edit of it is exactly what differs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from desktop.domain.fields import LayerField
from desktop.domain.model import Backorders, Configurator
from desktop.store import repository
from desktop.store.database import open_database
from desktop.store.wordpress.php_serialize import loads
from tests.roundtrip.helpers import diff, run
from tests.roundtrip.test_real_wordpress import bench_meta
from tests.wordpress_site import Site


def meta_with_own_settings() -> dict[str, Any]:
    """The workbench, its Oak notifying on its own, inside a configurator that notifies too,
    and its Walnut on the configurator's setting."""
    meta = bench_meta()
    oak = meta["_wpc_components"][0]["children"][0]  # type: ignore[index]
    oak["settings"]["backorders"] = "yes"
    return meta


def through_the_editor(
    wordpress: Site,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edit: Any = None,
) -> tuple[Any, Any, Configurator]:
    """Store the workbench, export it from WordPress, import it here, (edit,) export it, load
    it into an emptied WordPress; the components before and after, and what the editor read."""
    ids = wordpress.store_configurators([("Workbench", meta_with_own_settings(), "publish")])
    before = wordpress.posts(ids)
    site_file = tmp_path / "site.xml"
    site_file.write_bytes(wordpress.export())
    db = tmp_path / "shop.db"
    code, out, _ = run(["--db", db, "import", site_file], capsys)
    assert code == 0
    new_id = int(out.split("\t")[0])
    store = open_database(db)
    try:
        with store.session() as session:
            cfg = repository.load_configurator(session, new_id)
            if edit is not None:
                edit(session, cfg)
    finally:
        store.close()
    back = tmp_path / "back.xml"
    code, _, err = run(
        ["--db", db, "export", str(new_id), "--format", "wordpress", "-o", back], capsys
    )
    assert (code, err) == (0, "")
    wordpress.delete_configurators()
    after = wordpress.posts(wordpress.import_wxr(back.read_bytes()))
    old = loads(dict(before[0]["meta"])["_wpc_components"])
    new = loads(dict(after[0]["meta"])["_wpc_components"])
    return old, new, cfg


def test_an_options_own_setting_is_read_and_given_back_unchanged(
    wordpress: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new, cfg = through_the_editor(wordpress, tmp_path, capsys)
    assert cfg.backorders is Backorders.NOTIFY
    assert [o.stock.backorders for o in cfg.options()] == [Backorders.YES, None, None, None]
    assert diff(old, new) == {}


def _edit(session: Session, cfg: Configurator) -> None:
    oak, walnut = cfg.layers[0].children
    assert oak.id is not None and walnut.id is not None
    repository.update_layer(session, oak.id, {LayerField.BACKORDERS: None})
    repository.update_layer(session, walnut.id, {LayerField.BACKORDERS: Backorders.NO})


def test_an_edit_of_it_is_exactly_what_differs(
    wordpress: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new, _ = through_the_editor(wordpress, tmp_path, capsys, _edit)
    changes = diff(old, new)
    oak, walnut = "[0]['children'][0]['settings']", "[0]['children'][1]['settings']"
    assert changes.pop(f"{oak}['backorders']") == (("str", "yes"), None)
    assert changes.pop(f"{walnut}['backorders']") == (None, ("str", "no"))
    oak_before, oak_after = changes.pop(f"{oak}#keys")
    walnut_before, walnut_after = changes.pop(f"{walnut}#keys")
    assert changes == {}
    assert isinstance(oak_before, list) and isinstance(oak_after, list)
    assert isinstance(walnut_before, list)
    assert ("str", "backorders") in oak_before and ("str", "backorders") not in oak_after
    assert walnut_after == [*walnut_before, ("str", "backorders")]
