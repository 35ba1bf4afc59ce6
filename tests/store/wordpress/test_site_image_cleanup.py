"""A WordPress import killed after copying its images in, before its insert commits, leaves
no image that no layer uses once the database is next opened (docs/files-and-images.md): its
copies are noted in an image journal like an exchange import's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.store.database import open_database
from desktop.store.demo import demo_path
from desktop.store.image_journal import JOURNAL_PREFIX
from desktop.store.media import media_dir

from ..test_image_cleanup import leftovers

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "tests" / "store" / "data" / "wordpress-export.xml"

# The import as the CLI runs it, killed (no clean-up of any kind can run) once the images are
# linked in and the configurators are about to be inserted.
KILLED_IMPORT = """
import os, sys
from pathlib import Path
from desktop.store import repository
from desktop.store.database import open_database
from desktop.store.wordpress import site_file

def killed(*_args, **_kwargs):
    os._exit(9)

site_file.repository.insert_configurators = killed
database = open_database(Path(sys.argv[1]))
with database.session() as session:
    site = site_file.read_site_file(Path(sys.argv[2]), Path(sys.argv[3]))
    site_file.import_site_file(session, site, media=Path(sys.argv[4]))
"""


def test_a_killed_wordpress_import_leaves_no_unused_image(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.db"
    open_database(db_path).close()
    media = media_dir(db_path)
    uploads = demo_path().parent / "images"  # the sample's image URLs end in the demo's names
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_IMPORT, str(db_path), str(SAMPLE), str(uploads),
         str(media)],
        capture_output=True, text=True, timeout=120, check=False, cwd=REPO,
    )  # fmt: skip
    assert killed.returncode == 9, killed.stderr
    copied = [p for p in (media / "images").iterdir() if not p.name.startswith(".")]
    assert copied, "the import was killed before it copied an image: nothing was checked"
    assert any(media.glob(f"{JOURNAL_PREFIX}*"))
    unused, tidy = leftovers(db_path)
    assert (unused, tidy) == (set(), set())
    assert not any(p for p in (media / "images").iterdir() if not p.name.startswith("."))
