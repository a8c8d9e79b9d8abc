"""Session-window and process rules of TeamViewer, AnyDesk and RustDesk (detect/apps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from trayclock.detect.apps import anydesk, registry, rustdesk, teamviewer
from trayclock.detect.apps.common import WindowMatch, normalise_partner_id, split_partner_label
from trayclock.detect.apps.paths import LogPathContext, expand_log_paths

WIN = "win32"
LINUX = "linux"


# --- TeamViewer ---------------------------------------------------------------------------


def test_teamviewer_session_window_on_windows_gives_partner_name() -> None:
    found = teamviewer.match_window(
        "Müller GmbH – Empfang - TeamViewer", "TV_CClientWindowClass", platform=WIN
    )
    assert found == WindowMatch(
        "teamviewer", None, "Müller GmbH – Empfang", "Müller GmbH – Empfang"
    )


def test_teamviewer_session_window_showing_grouped_id() -> None:
    found = teamviewer.match_window(
        "1 352 189 396 - TeamViewer", "TV_CClientWindowClass", platform=WIN
    )
    assert found is not None
    assert (found.partner_id, found.partner_name) == ("1352189396", None)


@pytest.mark.parametrize(
    ("title", "wm_class"),
    [
        ("TeamViewer", "#32770"),
        ("Computers & Contacts", "#32770"),
        ("Bob - TeamViewer", "#32770"),  # right title, wrong class: not the session window
        ("Bob - TeamViewer", "Chrome_WidgetWin_1"),
        ("Bob - TeamViewer", None),
        ("TeamViewer", "TV_CClientWindowClass"),
    ],
)
def test_teamviewer_non_session_windows_on_windows(title: str, wm_class: str | None) -> None:
    assert teamviewer.match_window(title, wm_class, platform=WIN) is None


@pytest.mark.parametrize("platform", [LINUX, "darwin"])
def test_teamviewer_title_rule_without_class(platform: str) -> None:
    found = teamviewer.match_window("客户 张 - TeamViewer", None, platform=platform)
    assert found is not None and found.partner_name == "客户 张"
    assert teamviewer.match_window("TeamViewer", None, platform=platform) is None
    assert (
        teamviewer.match_window("Computers & Contacts - TeamViewer", None, platform=platform)
        is None
    )
    assert teamviewer.match_window(" - TeamViewer", None, platform=platform) is None
    assert teamviewer.match_window("Bob - TeamViewer - Notes", None, platform=platform) is None


def test_teamviewer_processes() -> None:
    assert teamviewer.is_app_process("TeamViewer.exe")
    assert teamviewer.is_app_process("TeamViewer_Service.exe")
    assert teamviewer.is_app_process("teamviewerd")
    assert teamviewer.is_app_process("tv_x64.EXE")
    assert not teamviewer.is_app_process("TeamViewer_Desktop.exe")  # controlled side only
    assert not teamviewer.is_app_process("AnyDesk.exe")


# --- AnyDesk ------------------------------------------------------------------------------


def test_anydesk_session_window_with_grouped_id_on_windows() -> None:
    found = anydesk.match_window("123 456 789 - AnyDesk", "ad_win#9", platform=WIN)
    assert found == WindowMatch("anydesk", "123456789", None, "123 456 789")


def test_anydesk_session_window_with_alias() -> None:
    found = anydesk.match_window("Air System - AnyDesk", "ad_win#2", platform=WIN)
    assert found is not None and (found.partner_id, found.partner_name) == (None, "Air System")
    found = anydesk.match_window("kasse@ad - AnyDesk", None, platform=LINUX)
    assert found is not None and found.partner_name == "kasse@ad"


def test_anydesk_alias_with_id_in_parentheses_gives_both() -> None:
    found = anydesk.match_window("Praxis Dr. Roth (1 001 025 310) - AnyDesk", None, platform=LINUX)
    assert found is not None
    assert (found.partner_id, found.partner_name) == ("1001025310", "Praxis Dr. Roth")


@pytest.mark.parametrize(
    ("title", "wm_class"),
    [
        ("AnyDesk", "ad_win#2"),  # main window
        ("AnyDesk (602780917)", "ad_win#4"),  # controlled side's accept dialog
        ("ANYDESK (Richard)", "ad_win#4"),
        ("444723403 - AnyDesk", "Chrome_WidgetWin_1"),  # a browser tab, not AnyDesk
        ("444723403 - AnyDesk", None),
        ("Settings - AnyDesk", "ad_win#2"),
    ],
)
def test_anydesk_non_session_windows_on_windows(title: str, wm_class: str | None) -> None:
    assert anydesk.match_window(title, wm_class, platform=WIN) is None


def test_anydesk_processes_including_branded() -> None:
    assert anydesk.is_app_process("AnyDesk.exe")
    assert anydesk.is_app_process("anydesk")
    assert anydesk.is_app_process("AnyDesk_acme.exe")
    assert not anydesk.is_app_process("anydeskhelper2")  # not a branded name pattern
    assert not anydesk.is_app_process("rustdesk")


# --- RustDesk -----------------------------------------------------------------------------


def test_rustdesk_id_with_host() -> None:
    found = rustdesk.match_window("123456789@DESKTOP-X - Remote Desktop - RustDesk", None)
    assert found == WindowMatch(
        "rustdesk", "123456789", "DESKTOP-X", "123456789@DESKTOP-X", "DESKTOP-X"
    )


def test_rustdesk_alias_with_host_and_ip_id() -> None:
    found = rustdesk.match_window("Lager PC@lager-01 - Remote Desktop - RustDesk", None)
    assert found is not None
    assert (found.partner_id, found.partner_name, found.host) == (None, "Lager PC", "lager-01")
    found = rustdesk.match_window("192.168.200.241 - Remote Desktop - RustDesk", "rustdesk")
    assert found is not None and (found.partner_id, found.partner_name) == ("192.168.200.241", None)


@pytest.mark.parametrize(
    "title",
    ["RustDesk", "123456789 - File Transfer - RustDesk", "Remote Desktop - RustDesk", ""],
)
def test_rustdesk_non_session_windows(title: str) -> None:
    assert rustdesk.match_window(title, None) is None


# --- shared helpers and the registry ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("123 456 789", "123456789"),
        ("1\u00a0352\u00a0189\u00a0396", "1352189396"),
        ("1001025310", "1001025310"),
        ("10.0.0.5", "10.0.0.5"),
        ("10.0.0.5:21118", "10.0.0.5:21118"),
        ("12 34", None),
        ("Alice", None),
        ("12345", None),
    ],
)
def test_normalise_partner_id(text: str, expected: str | None) -> None:
    assert normalise_partner_id(text) == expected


def test_split_partner_label_blank() -> None:
    assert split_partner_label("  ") == (None, None)


def test_registry_matches_across_apps() -> None:
    assert registry.match_window(
        "Bob - TeamViewer", "TV_CClientWindowClass", platform=WIN
    ) == WindowMatch("teamviewer", None, "Bob", "Bob")
    found = registry.match_window("1001025310 - AnyDesk", "ad_win#3", platform=WIN)
    assert found is not None and found.app == "anydesk"
    assert registry.match_window("Untitled - Notepad", "Notepad", platform=WIN) is None
    assert set(registry.APPS) == {"teamviewer", "anydesk", "rustdesk"}


def test_registry_process_lookup() -> None:
    assert registry.app_for_process("TeamViewer.exe") == "teamviewer"
    assert registry.app_for_process("AnyDesk") == "anydesk"
    assert registry.app_for_process("rustdesk.exe") == "rustdesk"
    assert registry.app_for_process("explorer.exe") is None


def test_registry_rejects_unknown_app() -> None:
    with pytest.raises(ValueError, match="splashtop"):
        registry.default_log_paths("splashtop")


# --- default log paths --------------------------------------------------------------------


def _windows_ctx(tmp_path: Path) -> LogPathContext:
    env = {
        "APPDATA": str(tmp_path / "Roaming"),
        "LOCALAPPDATA": str(tmp_path / "Local"),
        "PROGRAMDATA": str(tmp_path / "ProgramData"),
        "ProgramFiles": str(tmp_path / "Program Files"),
    }
    return LogPathContext(platform="win32", environ=env, home=tmp_path / "home")


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


def test_windows_anydesk_paths_find_installed_portable_and_branded(tmp_path: Path) -> None:
    ctx = _windows_ctx(tmp_path)
    user = _touch(tmp_path / "Roaming" / "AnyDesk" / "ad.trace")
    service = _touch(tmp_path / "ProgramData" / "AnyDesk" / "ad_svc.trace")
    branded = _touch(tmp_path / "ProgramData" / "AnyDesk" / "ad_acme_svc.trace")
    _touch(tmp_path / "Roaming" / "AnyDesk" / "connection_trace.txt")
    found = expand_log_paths(registry.default_log_paths("anydesk", ctx))
    assert sorted(found) == sorted([user, service, branded])


def test_windows_teamviewer_paths(tmp_path: Path) -> None:
    ctx = _windows_ctx(tmp_path)
    outgoing = _touch(tmp_path / "Roaming" / "TeamViewer" / "Connections.txt")
    live = _touch(tmp_path / "Program Files" / "TeamViewer" / "TeamViewer15_Logfile.log")
    _touch(tmp_path / "Program Files" / "TeamViewer" / "TeamViewer15_Logfile_OLD.log")
    _touch(tmp_path / "Program Files" / "TeamViewer" / "Connections_incoming.txt")
    assert expand_log_paths(teamviewer.log_paths(ctx)) == [outgoing, live]


def test_linux_paths(tmp_path: Path) -> None:
    ctx = LogPathContext(platform="linux", environ={}, home=tmp_path)
    trace = _touch(tmp_path / ".anydesk" / "anydesk.trace")
    rust = _touch(tmp_path / ".local" / "share" / "logs" / "RustDesk" / "RustDesk_rCURRENT.log")
    tv = _touch(
        tmp_path / ".local" / "share" / "teamviewer15" / "logfiles" / "TeamViewer15_Logfile.log"
    )
    assert trace in expand_log_paths(anydesk.log_paths(ctx))
    assert expand_log_paths(rustdesk.log_paths(ctx)) == [rust]
    assert tv in expand_log_paths(teamviewer.log_paths(ctx))
    assert rustdesk.peer_config_dirs(ctx) == [tmp_path / ".config" / "rustdesk" / "peers"]
