"""The application menu entry (Linux): `trayclock.desktop` and its icons under XDG_DATA_HOME.

`install_menu_entry` writes `applications/trayclock.desktop` and the hicolor icons (one PNG
per size in resources/icons/hicolor); `uninstall_menu_entry` removes exactly those. The .deb
is built with the same function, pointed at its /usr/share. No cache tool is run: desktops
watch these folders themselves (and the .deb's are refreshed by dpkg triggers); the only
cache that matters, the icon theme's, would hide icons added later if written for a user.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from trayclock.desktop.entry_file import trayclock_entry, write_atomically, xdg_base_dir
from trayclock.desktop.launch import APP_ID
from trayclock.resources import hicolor_icons_dir

ICON_FILE = f"{APP_ID}.png"


def data_home(environ: Mapping[str, str] | None = None, home: Path | None = None) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when unset or not absolute (as the spec says)."""
    return xdg_base_dir("XDG_DATA_HOME", [".local", "share"], environ, home)


def application_entry(command: Sequence[str]) -> str:
    return trayclock_entry(
        command,
        {"Keywords": "time;billing;TeamViewer;AnyDesk;RustDesk;", "StartupNotify": "false"},
    )


@dataclass(frozen=True)
class MenuEntry:
    """Where the entry and icons go: `data_dir` is XDG_DATA_HOME (or a package's usr/share)."""

    data_dir: Path

    @property
    def desktop_file(self) -> Path:
        return self.data_dir / "applications" / f"{APP_ID}.desktop"

    def icon_file(self, size_dir: str) -> Path:
        return self.data_dir / "icons" / "hicolor" / size_dir / "apps" / ICON_FILE


def icon_sizes(icons: Path | None = None) -> list[tuple[str, Path]]:
    """("48x48", PNG) for each size in the resources; OSError naming the folder when none."""
    icons = hicolor_icons_dir() if icons is None else icons
    found = sorted(
        ((p.parent.parent.name, p) for p in icons.glob(f"*/apps/{ICON_FILE}")),
        key=lambda item: int(item[0].split("x")[0]) if item[0].split("x")[0].isdigit() else 0,
    )
    if not found:
        raise OSError(f"no application icons in {icons} (expected NxN/apps/{ICON_FILE})")
    return found


def install_menu_entry(
    entry: MenuEntry, command: Sequence[str], *, icons: Path | None = None
) -> list[Path]:
    """Write the menu entry and icons (OSError when they cannot be); the files written."""
    written = []
    for size_dir, source in icon_sizes(icons):
        target = entry.icon_file(size_dir)
        write_atomically(target, source.read_bytes())
        written.append(target)
    write_atomically(entry.desktop_file, application_entry(command))
    written.append(entry.desktop_file)
    return written


def uninstall_menu_entry(entry: MenuEntry, *, icons: Path | None = None) -> list[Path]:
    """Remove the menu entry and the icons `install_menu_entry` wrote; the files removed."""
    candidates = [entry.desktop_file]
    try:
        candidates += [entry.icon_file(size_dir) for size_dir, _ in icon_sizes(icons)]
    except OSError:  # no resources here: remove whatever sizes were installed
        candidates += sorted((entry.data_dir / "icons" / "hicolor").glob(f"*/apps/{ICON_FILE}"))
    removed = []
    for path in candidates:
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed
