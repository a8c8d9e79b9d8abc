"""The application menu entry: `install-desktop` / `uninstall-desktop` under a test XDG_DATA_HOME,
the Desktop Entry escaping rules, and the icons in resources/ at the sizes they claim."""

from __future__ import annotations

import shlex
import struct
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.unit.test_desktop_autostart import validate
from trayclock import cli
from trayclock.desktop.entry_file import desktop_entry, escape_value, exec_argument, exec_line
from trayclock.desktop.launch import launch_command
from trayclock.desktop.menu_entry import (
    MenuEntry,
    data_home,
    icon_sizes,
    install_menu_entry,
    uninstall_menu_entry,
)
from trayclock.domain.clock import ManualClock
from trayclock.resources import hicolor_icons_dir

CLOCK = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_every_hicolor_icon_has_the_size_of_its_folder() -> None:
    sizes = icon_sizes()
    assert [name for name, _ in sizes] == [
        "16x16", "22x22", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256",
    ]  # fmt: skip
    for name, path in sizes:
        width, height = (int(v) for v in name.split("x"))
        assert png_size(path) == (width, height)


def test_install_and_uninstall_desktop_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert cli.main(["install-desktop"], clock=CLOCK) == 0
    desktop_file = tmp_path / "share" / "applications" / "trayclock.desktop"
    icons = sorted((tmp_path / "share" / "icons" / "hicolor").glob("*/apps/trayclock.png"))
    assert len(icons) == 8
    assert {p.read_bytes() for p in icons} == {p.read_bytes() for _, p in icon_sizes()}
    text = desktop_file.read_text(encoding="utf-8")
    exec_value = next(line for line in text.splitlines() if line.startswith("Exec="))[5:]
    assert shlex.split(exec_value) == launch_command()
    validate(desktop_file)

    other = tmp_path / "share" / "icons" / "hicolor" / "48x48" / "apps" / "someone-else.png"
    other.write_bytes(b"not ours")
    capsys.readouterr()
    assert cli.main(["uninstall-desktop"], clock=CLOCK) == 0
    assert "removed 9 files" in capsys.readouterr().out
    assert not desktop_file.exists() and not any(p.exists() for p in icons)
    assert other.exists(), "only trayclock's own files are removed"
    assert cli.main(["uninstall-desktop"], clock=CLOCK) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_install_desktop_into_a_package_tree_with_its_own_exec(tmp_path: Path) -> None:
    root = tmp_path / "usr" / "share"
    assert cli.main(["install-desktop", "--data-home", str(root), "--exec", "/usr/bin/trayclock"],
                    clock=CLOCK) == 0  # fmt: skip
    assert "Exec=/usr/bin/trayclock\n" in (root / "applications" / "trayclock.desktop").read_text()


def test_missing_icons_are_named(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="no application icons in"):
        install_menu_entry(MenuEntry(tmp_path), ["trayclock"], icons=tmp_path / "none")
    assert not (tmp_path / "applications").exists(), "nothing half-installed"
    assert uninstall_menu_entry(MenuEntry(tmp_path), icons=tmp_path / "none") == []


def test_data_home_follows_the_spec(tmp_path: Path) -> None:
    assert data_home({"XDG_DATA_HOME": "/d"}, tmp_path) == Path("/d")
    assert data_home({"XDG_DATA_HOME": "rel"}, tmp_path) == tmp_path / ".local" / "share"


@pytest.mark.parametrize(
    ("argument", "written"),
    [
        ("/usr/bin/trayclock", "/usr/bin/trayclock"),
        ("/opt/my app/trayclock", '"/opt/my app/trayclock"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("$HOME", '"\\$HOME"'),
        ("back\\slash", '"back\\\\slash"'),
        ("100%", "100%%"),
        ("", '""'),
    ],
)
def test_exec_arguments_are_quoted_as_the_spec_says(argument: str, written: str) -> None:
    assert exec_argument(argument) == written


def test_values_are_escaped_after_quoting() -> None:
    # A literal backslash inside a quoted argument is four backslashes in the file.
    assert escape_value(exec_line(["a\\b c"])) == '"a\\\\\\\\b c"'
    assert escape_value("two\nlines") == "two\\nlines"
    assert escape_value(" lead") == "\\slead"
    with pytest.raises(ValueError, match="needs a program"):
        exec_line([])
    with pytest.raises(ValueError, match="bad Desktop Entry key"):
        desktop_entry({"A=B": "x"})


def test_launch_command_by_kind_of_install(tmp_path: Path) -> None:
    assert launch_command(executable="/opt/trayclock/trayclock", frozen=True) == [
        "/opt/trayclock/trayclock"
    ]
    cli_exe = launch_command(executable="C:/trayclock/trayclock-cli.exe", frozen=True)
    assert Path(cli_exe[0]).name == "trayclock.exe"  # no console window at login
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    assert launch_command(executable=str(python), frozen=False, platform="linux") == [
        str(python), "-m", "trayclock",
    ]  # fmt: skip
    (bin_dir / "trayclock").write_text("#!/bin/sh\n")
    assert launch_command(executable=str(python), frozen=False, platform="linux") == [
        str(bin_dir / "trayclock")
    ]


def test_resources_are_found_from_the_source_tree() -> None:
    assert (hicolor_icons_dir() / "48x48" / "apps" / "trayclock.png").is_file()
