"""Build the application that installs without Python: one folder, dist/configurator-editor/,
whose `configurator-editor` executable runs the window and every command as the installed
package does. Needs the build extra, once: `python3 -m pip install -e '.[bundle]'`.

    python3 tools/build_bundle.py [--dist DIR] [--work DIR] [--clean]

The folder also holds the Linux desktop entry and the icon theme folder (hicolor/) to install
them, as the README's "Install without Python" says. Prints the build time and the folder's
size on disk.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tools" / "bundle.spec"
NAME = "configurator-editor"
APP_FILES = ROOT / "resources" / "app"


def fail(message: str) -> int:
    print(f"build_bundle: error: {message}", file=sys.stderr)
    return 2


def size_on_disk(folder: Path) -> int:
    """Bytes the folder takes, as `du` counts them (allocated blocks, each file once)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in folder.rglob("*"):
        info = path.lstat()
        if (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            total += getattr(info, "st_blocks", 0) * 512 or info.st_size
    return total


def build(dist: Path, work: Path, clean: bool) -> Path:
    """Run PyInstaller on the recipe; returns the application's folder."""
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
               "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work)]  # fmt: skip
    if clean:
        command.append("--clean")
    subprocess.run(command, check=True, cwd=ROOT)
    folder = dist / NAME
    # What a Linux desktop needs beside the executable: the entry and the icon theme folder.
    shutil.copy2(APP_FILES / f"{NAME}.desktop", folder / f"{NAME}.desktop")
    shutil.copytree(APP_FILES / "hicolor", folder / "hicolor", dirs_exist_ok=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 tools/build_bundle.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="default: dist/")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bundle",
                        help="PyInstaller's work folder (default: build/bundle/)")  # fmt: skip
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    args = parser.parse_args(argv)
    if importlib.util.find_spec("PyInstaller") is None:
        return fail("PyInstaller is not installed: python3 -m pip install -e '.[bundle]'")
    if importlib.util.find_spec("desktop") is None:
        return fail("the editor is not installed here: python3 -m pip install -e '.[bundle]'")
    started = time.monotonic()
    try:
        folder = build(args.dist.resolve(), args.work.resolve(), args.clean)
    except subprocess.CalledProcessError as exc:
        return fail(f"PyInstaller failed (exit status {exc.returncode}); see its messages above")
    except OSError as exc:
        return fail(f"{exc.filename or ''} {exc.strerror or exc}".strip())
    seconds = time.monotonic() - started
    megabytes = size_on_disk(folder) / 1_000_000
    print(f"built {folder} in {seconds:.0f} s: {megabytes:.0f} MB on disk")
    print(f"run it: {folder / NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
