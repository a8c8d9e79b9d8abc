"""The packaged build: how long `scripts/package.sh` takes, and how big the folder and .deb are.

    python3 bench/bench_package.py [--cold]

Runs the one packaging command into a temporary dist folder and prints its wall time, the
one-folder app's size (files, symlinks not counted twice), the .deb's size, and the largest
parts of the bundle. `--cold` first removes the build venv (build/package-venv) and
PyInstaller's work folder, as a clean clone in CI has neither; pip's download cache is kept.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024


def tree_bytes(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", action="store_true", help="without the build venv and cache")
    args = parser.parse_args()
    if args.cold:
        for folder in (ROOT / "build" / "package-venv", ROOT / "build" / "pyinstaller"):
            shutil.rmtree(folder, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        dist = Path(tmp)
        started = time.monotonic()
        done = subprocess.run(
            ["bash", str(ROOT / "scripts" / "package.sh")],
            env={**os.environ, "TRAYCLOCK_DIST": str(dist)},
            capture_output=True,
            text=True,
        )
        seconds = time.monotonic() - started
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        app = dist / "trayclock"
        internal = app / "_internal"
        print(f"scripts/package.sh ({'cold' if args.cold else 'warm'}): {seconds:.0f} s")
        print(f"one-folder app: {tree_bytes(app) / MIB:.1f} MiB")
        for deb in dist.glob("*.deb"):
            print(f"{deb.name}: {deb.stat().st_size / MIB:.1f} MiB")
        parts = sorted(
            ((tree_bytes(p) if p.is_dir() else p.lstat().st_size, p.name)
             for p in internal.iterdir() if not p.is_symlink()),
            reverse=True,
        )  # fmt: skip
        for size, name in parts[:6]:
            print(f"  {name}: {size / MIB:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
