"""The tray menu's help items (#10 item 5): Open log folder, Copy diagnostics, About trayclock.

Each through the composition root's real wiring: the folder goes to whatever the desktop
opens file URLs with (here a handler of the test's, registered as Qt lets any app do), the
report is the real `--self-check` report of this process, the About box names the real
folders of this TRAYCLOCK_HOME.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu
from stand_in_file_manager import FileManager

from trayclock import __version__
from trayclock import app as app_module


def action(menu: QMenu, name: str):
    found = [a for a in menu.actions() if a.objectName() == name]
    assert found, f"no action {name!r} in {[a.text() for a in menu.actions()]}"
    return found[0]


@pytest.fixture
def built(qtbot) -> Iterator[app_module.TrayApp]:
    qt = app_module.make_qapplication()
    made = app_module.build(qt, detection=None, tray_wait_s=0)
    try:
        yield made
    finally:
        made.shutdown()
        QApplication.processEvents()


def test_the_menu_has_the_help_items_above_quit(built) -> None:
    names = [a.objectName() for a in built.tray.menu.actions() if a.objectName()]
    assert names[-4:] == ["openLogFolder", "copyDiagnostics", "about", "quit"]
    assert action(built.tray.menu, "openLogFolder").text() == "Open log folder"
    assert action(built.tray.menu, "copyDiagnostics").text() == "Copy diagnostics"
    assert action(built.tray.menu, "about").text() == "About trayclock"


def test_open_log_folder_hands_the_log_folder_to_the_file_manager(
    built, file_manager: FileManager, qtbot
) -> None:
    action(built.tray.menu, "openLogFolder").trigger()
    qtbot.waitUntil(lambda: bool(file_manager.opened))
    assert file_manager.opened == [str(built.paths.log_dir)]


def test_a_log_folder_nobody_opens_is_said(built, qtbot) -> None:
    built.tray._open_log_folder = lambda: False  # no file manager on this desktop
    with qtbot.waitSignal(built.tray.notifier.notified) as note:
        built.tray.open_log_folder()
    assert note.args[0] == "The log folder did not open"
    assert "About trayclock" in note.args[1]


def test_copy_diagnostics_puts_the_self_check_report_on_the_clipboard(built, qtbot) -> None:
    QGuiApplication.clipboard().setText("something else")
    with qtbot.waitSignal(built.tray.notifier.notified, timeout=30_000) as note:
        action(built.tray.menu, "copyDiagnostics").trigger()
    report = QGuiApplication.clipboard().text()
    assert report.startswith("trayclock self-check")
    for section in ("== Versions", "== Qt", "== Detection", "== Folders", "== Keyring"):
        assert section in report
    assert str(built.paths.data_dir) in report
    assert note.args[0] == "Diagnostics copied"
    assert "no passwords" in note.args[1] and "clipboard" in note.args[1]


def test_a_diagnostics_check_that_breaks_is_said_not_raised(built, qtbot) -> None:
    def broken() -> str:
        raise OSError("the keyring hung up")

    built.tray._copy_diagnostics = broken
    with qtbot.waitSignal(built.tray.notifier.notified) as note:
        built.tray.copy_diagnostics()
    assert note.args == ["trayclock could not do that", "the keyring hung up"]


def test_about_names_the_version_the_folders_and_the_licence(built, qtbot) -> None:
    opener = built.tray._openers["about"]
    action(built.tray.menu, "about").trigger()
    qtbot.waitUntil(lambda: opener.window is not None and opener.window.isVisible())
    box = opener.window
    assert box.text() == f"trayclock {__version__}"
    details = box.informativeText()
    for folder in (built.paths.data_dir, built.paths.config_dir, built.paths.log_dir):
        assert str(folder) in details
    assert "Licence:" in details and "LGPL" in details
    assert not box.isModal()  # the menu stays usable while it is open
    # Closed, it is gone with what it held; the next open builds it again.
    box.close()
    qtbot.waitUntil(lambda: opener.window is None)
    again = opener()
    assert again.isVisible() and again.text() == f"trayclock {__version__}"
    again.close()


def test_the_help_items_and_the_about_box_speak_german(qtbot) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale

    from trayclock.ui.i18n import install_translations

    installed = install_translations(QCoreApplication.instance(), QLocale(QLocale.Language.German))
    qt = app_module.make_qapplication()
    made = app_module.build(qt, detection=None, tray_wait_s=0)
    try:
        menu = made.tray.menu
        assert action(menu, "openLogFolder").text() == "Protokollordner öffnen"
        assert action(menu, "copyDiagnostics").text() == "Diagnose kopieren"
        assert action(menu, "about").text() == "Über trayclock"
        box = made.tray._openers["about"]()
        assert box.windowTitle() == "Über trayclock"
        assert f"Daten: {made.paths.data_dir}" in box.informativeText()
        box.close()
    finally:
        made.shutdown()
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
        QApplication.processEvents()
