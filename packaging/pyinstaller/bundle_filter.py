"""What of Qt goes into the PyInstaller bundle: plugins, Qt's own translations, unused libraries.

PyInstaller's PySide6 hooks collect every plugin of the Qt modules in use (eglfs, vnc, the
GTK theme, SVG, …) and, through them, libraries trayclock never loads (the whole GTK 3
stack by way of the GTK theme). `build.spec` passes the
Analysis tables through these functions. Pure functions over PyInstaller's table entries
`(dest_name, src_name, typecode)`, so tests/unit/test_bundle_filter.py checks them alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

Entry = tuple[str, str, str]  # PyInstaller table entry: (name in the bundle, source, typecode)

PLUGINS_DIR = "PySide6/Qt/plugins/"
QT_TRANSLATIONS_DIR = "PySide6/Qt/translations/"
# Plugin folder -> the plugin base names kept; a folder not listed is kept whole. An empty
# set drops the folder.
KEPT_PLUGINS: dict[str, frozenset[str]] = {
    # The desktop platforms (X11, Wayland, Windows, macOS) and the two the tests and
    # `--self-check` use; not eglfs/linuxfb/vnc/vkkhrdisplay (kiosk screens, remote frame
    # buffers: never a technician's desktop).
    "platforms": frozenset({"qxcb", "qwayland", "qwindows", "qcocoa", "qoffscreen", "qminimal"}),
    # The portal theme gives native file dialogs everywhere; the GTK 3 theme alone would pull
    # about 25 MB of GTK, Cairo and Pango built for the build machine's GTK.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "generic": frozenset(),  # evdev/tuio input for eglfs kiosks
    "egldeviceintegrations": frozenset(),  # eglfs only
    "imageformats": frozenset({"qico"}),  # icons are drawn or PNG (built into QtGui)
    "iconengines": frozenset(),  # SVG icons: none used
}
# "libqxcb.so", "qwindows.dll", "libqcocoa.dylib" -> "qxcb" …
_PLUGIN_NAME = re.compile(r"^(?:lib)?(?P<base>[A-Za-z0-9_-]+)\.(?:so|dll|dylib)$")


def plugin_kept(dest_name: str) -> bool:
    """Is this bundle path a Qt plugin trayclock keeps (True for anything not a plugin)?"""
    path = dest_name.replace("\\", "/")
    if not path.startswith(PLUGINS_DIR):
        return True
    parts = PurePosixPath(path[len(PLUGINS_DIR) :]).parts
    if len(parts) < 2 or parts[0] not in KEPT_PLUGINS:
        return True
    match = _PLUGIN_NAME.match(parts[-1])
    base = match.group("base") if match else parts[-1]
    return base in KEPT_PLUGINS[parts[0]]


def translation_kept(dest_name: str, languages: Iterable[str]) -> bool:
    """Qt's own catalogues: only qtbase (all `install_translations` loads) for our languages."""
    path = dest_name.replace("\\", "/")
    if not path.startswith(QT_TRANSLATIONS_DIR):
        return True
    name = PurePosixPath(path).name
    return any(name == f"qtbase_{lang}.qm" for lang in languages)


def shipped_languages(translation_names: Iterable[str]) -> list[str]:
    """`trayclock_de.qm` -> "de": the languages trayclock itself is translated into."""
    found = []
    for name in translation_names:
        stem = PurePosixPath(name).name
        if stem.startswith("trayclock_") and stem.endswith(".qm"):
            found.append(stem[len("trayclock_") : -len(".qm")])
    return sorted(found)


def without_unreachable_libraries(
    binaries: list[Entry], imports_of: Callable[[str], Iterable[str]]
) -> list[Entry]:
    """`binaries` less the shared libraries that no kept Python extension, plugin or the
    Python library itself loads, directly or through another library.

    `imports_of(src_name)` names what a binary links to (sonames or paths; only the last
    path part is compared). Extensions and plugins are the roots and always kept.
    """

    def is_root(entry: Entry) -> bool:
        name = entry[0].replace("\\", "/")
        base = PurePosixPath(name).name
        return entry[2] != "BINARY" or name.startswith(PLUGINS_DIR) or base.startswith("libpython")

    by_name: dict[str, list[Entry]] = {}
    for entry in binaries:
        by_name.setdefault(PurePosixPath(entry[0].replace("\\", "/")).name, []).append(entry)
    reached: set[str] = set()
    todo = [entry for entry in binaries if is_root(entry)]
    seen_src: set[str] = set()
    while todo:
        entry = todo.pop()
        if entry[1] in seen_src:
            continue
        seen_src.add(entry[1])
        for needed in imports_of(entry[1]):
            base = PurePosixPath(str(needed).replace("\\", "/")).name
            if base in by_name and base not in reached:
                reached.add(base)
                todo.extend(by_name[base])
    return [
        entry
        for entry in binaries
        if is_root(entry) or PurePosixPath(entry[0].replace("\\", "/")).name in reached
    ]


def without_dangling_symlinks(datas: list[Entry], binaries: list[Entry]) -> list[Entry]:
    """`datas` less the SYMLINK entries whose target (relative to the link) left the bundle."""
    present = {entry[0].replace("\\", "/") for entry in binaries + datas if entry[2] != "SYMLINK"}

    def target(entry: Entry) -> str:
        parent = PurePosixPath(entry[0].replace("\\", "/")).parent
        parts: list[str] = [] if str(parent) == "." else list(parent.parts)
        for part in PurePosixPath(entry[1].replace("\\", "/")).parts:
            if part == "..":
                parts = parts[:-1]
            elif part != ".":
                parts.append(part)
        return "/".join(parts)

    return [entry for entry in datas if entry[2] != "SYMLINK" or target(entry) in present]
