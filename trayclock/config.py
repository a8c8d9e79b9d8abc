"""Where trayclock keeps its files; `TRAYCLOCK_HOME` overrides every path (tests, demo)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "trayclock"
HOME_ENV = "TRAYCLOCK_HOME"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "trayclock.sqlite3"

    def ensure(self) -> Paths:
        """Create the folders, private to the user (0700), and return self."""
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def paths(environ: dict[str, str] | None = None) -> Paths:
    """The paths in force: under `$TRAYCLOCK_HOME` when set, else the platform's user dirs."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return Paths(root / "data", root / "config", root / "logs")
    import platformdirs  # imported late: the override path must not need it

    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return Paths(Path(dirs.user_data_dir), Path(dirs.user_config_dir), Path(dirs.user_log_dir))
