"""The settings window's start-at-login switch, wired to this system's real way (XDG here)."""

from __future__ import annotations

from pathlib import Path

from trayclock.desktop.autostart import XdgAutostart
from trayclock.services.autostart_port import NO_AUTOSTART, DesktopAutostart


def test_the_switch_writes_and_removes_the_login_entry(tmp_path: Path) -> None:
    port = DesktopAutostart(XdgAutostart(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "trayclock.desktop"
    assert port.available and not port.enabled()
    port.set_enabled(True)
    assert port.enabled() and entry.is_file()
    assert "Exec=" in entry.read_text(encoding="utf-8")
    assert port.where() == str(entry)
    port.set_enabled(False)
    assert not port.enabled() and not entry.exists()


def test_without_a_real_one_the_switch_is_unavailable() -> None:
    assert not NO_AUTOSTART.available and not NO_AUTOSTART.enabled()
