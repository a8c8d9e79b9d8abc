"""Where the remote tools keep their logs: environment-relative candidate paths and globbing.

API:
    LogPathContext.current(platform=None, environ=None, home=None)  # what the paths depend on
    expand_log_paths(candidates) -> list[Path]   # the files that exist now (globs expanded)
    has_glob(path) -> bool
    unique_paths(paths) -> list[Path]
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class LogPathContext:
    """The platform, environment and home folder that default log paths are built from."""

    platform: str
    environ: Mapping[str, str]
    home: Path

    @classmethod
    def current(
        cls,
        platform: str | None = None,
        environ: Mapping[str, str] | None = None,
        home: Path | None = None,
    ) -> LogPathContext:
        return cls(
            platform=sys.platform if platform is None else platform,
            environ=os.environ if environ is None else environ,
            home=Path.home() if home is None else home,
        )

    @property
    def is_windows(self) -> bool:
        return self.platform.startswith("win")

    @property
    def is_macos(self) -> bool:
        return self.platform == "darwin"

    def env_dir(self, name: str) -> Path | None:
        """A folder named by an environment variable (%APPDATA% …); None when unset."""
        value = self.environ.get(name)
        return Path(value) if value else None

    def env_dirs(self, *names: str) -> list[Path]:
        found: list[Path] = []
        for name in names:
            folder = self.env_dir(name)
            if folder is not None and folder not in found:
                found.append(folder)
        return found


def unique_paths(paths: Iterable[Path]) -> list[Path]:
    """`paths` without repeats, first occurrence kept."""
    seen: list[Path] = []
    for path in paths:
        if path not in seen:
            seen.append(path)
    return seen


def has_glob(path: Path) -> bool:
    return any(ch in _GLOB_CHARS for ch in str(path))


def expand_log_paths(candidates: Iterable[Path]) -> list[Path]:
    """The files among `candidates` that exist now, glob patterns expanded, order kept."""
    found: list[Path] = []
    for candidate in candidates:
        if has_glob(candidate):
            matches = [Path(p) for p in sorted(glob.glob(str(candidate)))]
        else:
            matches = [candidate]
        for match in matches:
            if match not in found and match.is_file():
                found.append(match)
    return found
