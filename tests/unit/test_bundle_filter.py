"""What build.spec keeps of Qt: plugins by name, Qt's translations for our languages, and only
the libraries something kept still loads (packaging/pyinstaller/bundle_filter.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bundle_filter", ROOT / "packaging" / "pyinstaller" / "bundle_filter.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bf = load()
P = "PySide6/Qt/plugins/"


def test_desktop_platforms_are_kept_and_kiosk_ones_dropped() -> None:
    kept = [f"{P}platforms/libqxcb.so", f"{P}platforms/libqwayland.so",
            f"{P}platforms/qwindows.dll", f"{P}platforms/libqcocoa.dylib",
            f"{P}platforms/libqoffscreen.so", f"{P}platformthemes/libqxdgdesktopportal.so",
            f"{P}platforminputcontexts/libibusplatforminputcontextplugin.so",
            f"{P}wayland-shell-integration/libxdg-shell.so", "PySide6/Qt/lib/libQt6Gui.so.6",
            f"{P}imageformats/qico.dll"]  # fmt: skip
    dropped = [f"{P}platforms/libqvnc.so", f"{P}platforms/libqeglfs.so",
               f"{P}platforms/libqlinuxfb.so", f"{P}platformthemes/libqgtk3.so",
               f"{P}generic/libqevdevmouseplugin.so", f"{P}imageformats/libqsvg.so",
               f"{P}iconengines/libqsvgicon.so",
               f"{P}egldeviceintegrations/libqeglfs-kms-integration.so"]  # fmt: skip
    assert [p for p in kept if not bf.plugin_kept(p)] == []
    assert [p for p in dropped if bf.plugin_kept(p)] == []
    assert bf.plugin_kept(P.replace("/", "\\") + "platforms\\qwindows.dll")


def test_only_qtbase_catalogues_of_our_languages() -> None:
    languages = bf.shipped_languages(["trayclock_de.qm", "trayclock_de.ts", "other.qm"])
    assert languages == ["de"]
    t = "PySide6/Qt/translations/"
    assert bf.translation_kept(f"{t}qtbase_de.qm", languages)
    assert not bf.translation_kept(f"{t}qtbase_fr.qm", languages)
    assert not bf.translation_kept(f"{t}qt_de.qm", languages)
    assert bf.translation_kept("resources/translations/trayclock_de.qm", languages)


def test_libraries_only_a_dropped_plugin_needed_leave_with_it() -> None:
    links = {
        "/src/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "/src/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": ["/usr/lib/libQt6Core.so.6"],  # a path: its last part counts
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6", "libQt6Gui.so.6"],
        "/src/libQt6Network.so.6": ["libQt6Core.so.6"],
        "/src/libgtk-3.so.0": ["libcairo.so.2"],
    }
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        (f"{P}platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
    ]
    kept = bf.without_unreachable_libraries(binaries, lambda src: links.get(src, []))
    names = {Path(dest).name for dest, _, _ in kept}
    assert names == {
        "QtWidgets.abi3.so", "libQt6Widgets.so.6", "libQt6Gui.so.6", "libQt6Core.so.6",
        "libqxcb.so", "libQt6XcbQpa.so.6", "libpython3.11.so.1.0",
    }  # fmt: skip


def test_a_symlink_goes_when_its_target_went() -> None:
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/src/core", "BINARY")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/alias.so", "../lib/libQt6Core.so.6", "SYMLINK"),
        ("resources/icons/a.png", "/src/a.png", "DATA"),
    ]
    kept = bf.without_dangling_symlinks(datas, binaries)
    assert [d for d, _, _ in kept] == ["libQt6Core.so.6", "PySide6/Qt/lib/alias.so",
                                       "resources/icons/a.png"]  # fmt: skip
