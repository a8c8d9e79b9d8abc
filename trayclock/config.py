"""Where trayclock keeps its files; `TRAYCLOCK_HOME` overrides every path (tests, demo)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "trayclock"
HOME_ENV = "TRAYCLOCK_HOME"
PRIVATE_DIR_MODE = 0o700


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    log_dir: Path
    # The folder trayclock made to hold the others (TRAYCLOCK_HOME), created private too;
    # None for the platform's user folders, whose parents (~/.local/share …) are not ours.
    root: Path | None = None

    @property
    def database(self) -> Path:
        return self.data_dir / "trayclock.sqlite3"

    def ensure(self) -> Paths:
        """Create the folders, private to the user (0700), and return self.

        Only folders made here get that mode: an existing folder keeps the one it has."""
        if self.root is not None and not self.root.is_dir():
            self.root.parent.mkdir(parents=True, exist_ok=True)
            self.root.mkdir(exist_ok=True, mode=PRIVATE_DIR_MODE)
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        return self


def paths(environ: dict[str, str] | None = None) -> Paths:
    """The paths in force: under `$TRAYCLOCK_HOME` when set, else the platform's user dirs."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return Paths(root / "data", root / "config", root / "logs", root)
    import platformdirs  # imported late: the override path must not need it

    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return Paths(Path(dirs.user_data_dir), Path(dirs.user_config_dir), Path(dirs.user_log_dir))
