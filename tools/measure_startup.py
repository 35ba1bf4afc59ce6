"""Start-up time to the window's first paint: the bundled application against the pip-installed
command, measured the same way (alternating runs, the same clean environment and database).

    python3 tools/measure_startup.py [--bundle dist/configurator-editor] [--runs 9]

Each run is a new process, offscreen, in an environment holding only PATH, HOME, the XDG
folders and a UTF-8 locale; the clock runs from just before the process starts to the
"shown" line the start-up probe prints after the window's first paint.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = "CONFIGURATOR_EDITOR_STARTUP_PROBE"


def clean_env(home: Path) -> dict[str, str]:
    runtime = home / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".data"),
            "XDG_CACHE_HOME": str(home / ".cache"), "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen", PROBE: "1"}  # fmt: skip


def first_paint_ms(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.time()
    out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd,
                         timeout=120, check=False)  # fmt: skip
    shown = [line for line in out.stdout.splitlines() if line.startswith("shown ")]
    if out.returncode != 0 or not shown:
        raise SystemExit(f"measure_startup: {command[0]} failed:\n{out.stdout}{out.stderr}")
    return (float(shown[0].split()[1]) - start) * 1000.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 tools/measure_startup.py", description=__doc__)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "configurator-editor")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    bundled = args.bundle / "configurator-editor"
    installed = shutil.which("configurator-editor", path=str(Path(sys.executable).parent))
    if not bundled.is_file() or installed is None:
        raise SystemExit("measure_startup: build the bundle and install the package first")
    commands = {"bundled": [str(bundled)], "pip-installed": [installed]}
    samples: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="cfg-start-") as tmp:
        env = clean_env(Path(tmp) / "home")
        db = Path(tmp) / "shop.db"
        for command in commands.values():  # the first start creates and seeds the file
            first_paint_ms([*command, "--db", str(db)], env, Path(tmp))
        for _ in range(args.runs):
            for name, command in commands.items():
                samples[name].append(first_paint_ms([*command, "--db", str(db)], env, Path(tmp)))
    for name, values in samples.items():
        print(f"{name:>14}: median {statistics.median(values):.0f} ms, "
              f"min {min(values):.0f}, max {max(values):.0f} ({len(values)} runs)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
