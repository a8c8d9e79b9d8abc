"""Writing freedesktop.org Desktop Entry files (application menu, XDG autostart).

Two escaping layers, both from the Desktop Entry Specification (1.4): the Exec key's own
quoting (an argument with a space or a reserved character goes in double quotes, with `"`,
`` ` ``, `$` and `\\` escaped by a backslash), then every string value's (`\\` -> `\\\\`,
newline -> `\\n`, …).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from trayclock.desktop.launch import APP_ID

_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_QUOTED_ESCAPES = {'"': '\\"', "`": "\\`", "$": "\\$", "\\": "\\\\"}
_VALUE_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def exec_argument(argument: str) -> str:
    """One argument of an Exec line, quoted when it must be; `%` doubled (field codes)."""
    if not argument:
        return '""'
    text = argument.replace("%", "%%")
    if not any(ch in _RESERVED for ch in text):
        return text
    return '"' + "".join(_QUOTED_ESCAPES.get(ch, ch) for ch in text) + '"'


def exec_line(argv: Sequence[str]) -> str:
    if not argv:
        raise ValueError("an Exec line needs a program")
    return " ".join(exec_argument(argument) for argument in argv)


def escape_value(value: str) -> str:
    """A string value as the spec writes it (`\\s` is only needed for a leading space)."""
    text = "".join(_VALUE_ESCAPES.get(ch, ch) for ch in value)
    return "\\s" + text[1:] if text.startswith(" ") else text


def desktop_entry(fields: Mapping[str, str]) -> str:
    """A `[Desktop Entry]` group, keys in the order given. Exec values must be exec_line()s."""
    lines = ["[Desktop Entry]"]
    for key, value in fields.items():
        if not key or "=" in key or "\n" in key:
            raise ValueError(f"bad Desktop Entry key {key!r}")
        lines.append(f"{key}={escape_value(value)}")
    return "\n".join(lines) + "\n"


def xdg_base_dir(
    variable: str, fallback: Sequence[str], environ: Mapping[str, str] | None, home: Path | None
) -> Path:
    """An XDG base directory: `$variable`, or ~/`fallback` when unset or not absolute."""
    env = os.environ if environ is None else environ
    value = env.get(variable, "")
    if value and Path(value).is_absolute():
        return Path(value)
    return (Path.home() if home is None else home).joinpath(*fallback)


def trayclock_entry(command: Sequence[str], extra: Mapping[str, str] | None = None) -> str:
    """trayclock's Desktop Entry (menu and autostart alike), `extra` keys appended."""
    return desktop_entry(
        {
            "Type": "Application",
            "Version": "1.4",  # the newest desktop-file-validate of Debian 12 knows
            "Name": "trayclock",
            "GenericName": "Remote session billing",
            "GenericName[de]": "Abrechnung von Fernwartungssitzungen",
            "Comment": "Notices your remote-support sessions, asks which customer, prices them",
            "Comment[de]": "Erkennt Fernwartungssitzungen, fragt nach dem Kunden, berechnet sie",
            "Exec": exec_line(command),
            "Icon": APP_ID,
            "Terminal": "false",
            "Categories": "Office;ProjectManagement;",
            **(extra or {}),
        }
    )


def write_atomically(path: Path, text: str | bytes, mode: int = 0o644) -> None:
    """Replace `path` in one step: a desktop never reads half an entry (folders are made)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
