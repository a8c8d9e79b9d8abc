"""Window sources: the factory, and the pure parts of the Win32 / macOS / X11 sources.

Win32 and macOS run here against fake user32 / CoreGraphics objects (their real bindings are
untested on this Linux machine); the X11 source runs against a real Xvfb in
tests/integration/test_x11_detection.py.
"""

from __future__ import annotations

import struct
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.waiting import wait_until
from trayclock.detect.monitor import sighting_of
from trayclock.detect.signals import macos_windows as macos
from trayclock.detect.signals import win32_windows as win32
from trayclock.detect.signals import xcb
from trayclock.detect.signals.processes import ProcessSource
from trayclock.detect.signals.window_source import NullWindowSource, open_window_source
from trayclock.detect.signals.window_types import WindowInfo
from trayclock.detect.signals.x11_windows import _decode_class, _decode_text

# --- the factory --------------------------------------------------------------------------


def test_no_display_gives_a_null_source_that_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    source = open_window_source("linux")
    assert isinstance(source, NullWindowSource)
    assert source.list_windows() == []
    assert source.problem is not None and "DISPLAY" in source.problem
    assert source.status == source.problem


def test_wayland_without_x_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert "Wayland" in (open_window_source("linux").problem or "")


def test_an_x_display_that_does_not_exist_is_a_problem_not_a_crash() -> None:
    source = open_window_source("linux", display=":4242")
    assert source.name == "x11"
    assert source.list_windows() == []
    assert source.problem is not None and ":4242" in source.problem
    source.close()


def test_windows_and_macos_sources_import_and_fail_softly_here() -> None:
    for platform, name in (("win32", "win32"), ("darwin", "macos")):
        source = open_window_source(platform)
        assert source.name == name
        assert source.list_windows() == []
        assert source.problem is not None and "unavailable" in source.problem


# --- Win32, with a fake user32 ------------------------------------------------------------


class FakeUser32:
    def __init__(self, windows: dict[int, tuple[bool, str, str, int]], fail: bool = False) -> None:
        self.windows = windows  # hwnd → (visible, class, title, pid)
        self.fail = fail
        self.vanished: set[int] = set()

    def top_level_windows(self) -> list[int]:
        if self.fail:
            raise OSError(5, "access denied")
        return list(self.windows)

    def _get(self, hwnd: int) -> tuple[bool, str, str, int]:
        if hwnd in self.vanished:
            raise OSError(1400, "invalid window handle")
        return self.windows[hwnd]

    def is_visible(self, hwnd: int) -> bool:
        return self._get(hwnd)[0]

    def class_name(self, hwnd: int) -> str:
        return self._get(hwnd)[1]

    def title(self, hwnd: int) -> str:
        return self._get(hwnd)[2]

    def process_id(self, hwnd: int) -> int | None:
        return self._get(hwnd)[3]


def test_win32_lists_visible_titled_windows_with_wide_titles() -> None:
    api = FakeUser32(
        {
            0x10: (True, "TV_CClientWindowClass", "邢台学院 - TeamViewer", 400),
            0x20: (False, "ad_win#2", "123 456 789 - AnyDesk", 500),  # hidden
            0x30: (True, "#32770", "", 400),  # no title
            0x40: (True, "ad_win#9", "123 456 789 - AnyDesk", 500),
        }
    )
    source = win32.Win32WindowSource(api)
    assert source.problem is None and source.status.startswith("ok")
    assert source.list_windows() == [
        WindowInfo(0x10, "邢台学院 - TeamViewer", "TV_CClientWindowClass", 400),
        WindowInfo(0x40, "123 456 789 - AnyDesk", "ad_win#9", 500),
    ]


def test_win32_skips_a_window_that_vanishes_mid_read() -> None:
    api = FakeUser32({1: (True, "A", "first", 1), 2: (True, "B", "second", 2)})
    api.vanished.add(1)
    assert [w.title for w in win32.Win32WindowSource(api).list_windows()] == ["second"]


def test_win32_enumeration_failure_is_reported_and_recovers() -> None:
    api = FakeUser32({1: (True, "A", "first", 1)}, fail=True)
    source = win32.Win32WindowSource(api)
    assert source.list_windows() == []
    assert source.problem is not None and "access denied" in source.problem
    api.fail = False
    assert len(source.list_windows()) == 1 and source.problem is None


def test_win32_buffer_text_keeps_what_was_written() -> None:
    assert win32.buffer_text("Zoë\x00junk", 3) == "Zoë"
    assert win32.buffer_text("anything", 0) == ""


# --- macOS, with a fake CoreGraphics ------------------------------------------------------


def row(number: int, owner: str, title: str | None, pid: int, layer: int = 0) -> macos.Row:
    return {
        "kCGWindowNumber": number,
        "kCGWindowOwnerName": owner,
        "kCGWindowName": title,
        "kCGWindowOwnerPID": pid,
        "kCGWindowLayer": layer,
    }


class FakeCoreGraphics:
    def __init__(self, rows: list[macos.Row], allowed: bool | None) -> None:
        self.rows, self.allowed = rows, allowed

    def window_rows(self) -> list[macos.Row]:
        return self.rows

    def screen_capture_allowed(self) -> bool | None:
        return self.allowed


def test_macos_lists_normal_windows_with_the_owner_as_class() -> None:
    rows = [
        row(7, "AnyDesk", "987 654 321 - AnyDesk", 300),
        row(8, "Dock", "Dock", 50, layer=20),  # not an app window
        row(9, "Finder", None, 60),
    ]
    source = macos.MacWindowSource(FakeCoreGraphics(rows, True), own_pid=1)
    assert source.list_windows() == [WindowInfo(7, "987 654 321 - AnyDesk", "AnyDesk", 300)]
    assert source.problem is None


def test_macos_missing_screen_recording_permission_is_said_clearly() -> None:
    rows = [row(7, "AnyDesk", None, 300), row(9, "Finder", None, 60)]
    api = FakeCoreGraphics(rows, False)
    source = macos.MacWindowSource(api, own_pid=1)
    assert source.list_windows() == []
    assert source.problem == macos.PERMISSION_MISSING
    assert "Screen Recording" in source.status and "logs" in source.status
    api.allowed, api.rows = True, [row(7, "AnyDesk", "Air System - AnyDesk", 300)]
    assert len(source.list_windows()) == 1 and source.problem is None


def test_macos_without_the_preflight_call_infers_the_permission_from_titles() -> None:
    others_untitled = [row(7, "AnyDesk", None, 300), row(8, "me", "Review", 1)]
    assert macos.titles_hidden(others_untitled, own_pid=1, allowed=None)
    some_titled = [row(7, "AnyDesk", None, 300), row(9, "Finder", "Documents", 60)]
    assert not macos.titles_hidden(some_titled, own_pid=1, allowed=None)
    assert not macos.titles_hidden([row(8, "me", None, 1)], own_pid=1, allowed=None)


# --- X11 property decoding ----------------------------------------------------------------


def test_x11_text_properties_decode_by_their_type() -> None:
    assert _decode_text("Zoë - TeamViewer".encode(), True) == "Zoë - TeamViewer"
    assert _decode_text("Zoë".encode("latin-1") + b"\x00", False) == "Zoë"
    assert _decode_text(None, True) == ""
    assert _decode_class(b"anydesk\x00Anydesk\x00") == "Anydesk"
    assert _decode_class(b"only\x00") == "only"
    assert _decode_class(None) is None


def test_xcb_events_are_read_at_the_protocols_offsets() -> None:
    # PropertyNotify sent by another client (SendEvent sets the top bit): window @4, atom @8.
    sent = struct.pack("=BxHIII", xcb.PROPERTY_NOTIFY | 0x80, 7, 0x400001, 39, 0) + bytes(16)
    assert xcb._event(sent) == xcb.Event(xcb.PROPERTY_NOTIFY, 0x400001, atom=39)
    # An error: code @1, resource @4 (a ChangeWindowAttributes, major 2, on a gone window).
    error = struct.pack("=BBHIHB", 0, xcb.BAD_WINDOW, 9, 0x400002, 0, 2) + bytes(21)
    assert xcb._event(error) == xcb.Event(xcb.X_ERROR, 0x400002, error=xcb.BAD_WINDOW)
    # DestroyNotify: event @4, window @8; a kind detection does not read: no window.
    destroyed = struct.pack("=BxHII", xcb.DESTROY_NOTIFY, 1, 0x100, 0x400003) + bytes(20)
    assert xcb._event(destroyed) == xcb.Event(xcb.DESTROY_NOTIFY, 0x400003)
    assert xcb._event(struct.pack("=B", 22) + bytes(31)) == xcb.Event(22, 0)  # ConfigureNotify


def test_xcb_properties_give_numbers_only_for_32_bit_items() -> None:
    assert xcb.Property(xcb.ATOM_CARDINAL, 32, struct.pack("=II", 7, 9)).cardinals() == (7, 9)
    assert xcb.Property(xcb.ATOM_STRING, 8, b"abcd").cardinals() == ()


# --- from a window to a session sighting --------------------------------------------------


def test_a_session_window_becomes_a_sighting_and_others_do_not() -> None:
    found = sighting_of(WindowInfo(5, "987 654 321 - AnyDesk", "anydesk", 10))
    assert found is not None
    assert (found.app, found.handle, found.partner_id) == ("anydesk", 5, "987654321")
    assert sighting_of(WindowInfo(6, "AnyDesk", "anydesk", 10)) is None
    assert sighting_of(WindowInfo(7, "notes.txt - Editor", "editor", 11)) is None


# --- processes ----------------------------------------------------------------------------


class Ticker:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_processes_are_scanned_rarely_and_mapped_to_apps() -> None:
    names = ["bash", "AnyDesk.exe", "TeamViewer"]
    scans: list[int] = []

    def list_names() -> Iterable[str]:
        scans.append(1)
        return list(names)

    ticker = Ticker()
    source = ProcessSource(
        {
            "anydesk": lambda n: n.lower().startswith("anydesk"),
            "teamviewer": lambda n: n == "TeamViewer",
        },
        refresh_s=5,
        list_names=list_names,
        monotonic=ticker,
    )
    assert source.running_apps() == frozenset({"anydesk", "teamviewer"})
    names.remove("AnyDesk.exe")
    ticker.now = 4.9
    assert source.running_apps() == frozenset({"anydesk", "teamviewer"}), "cached"
    ticker.now = 5.0
    assert source.running_apps() == frozenset({"teamviewer"})
    assert len(scans) == 2
    assert "teamviewer" in source.status


def test_an_unreadable_process_list_is_unknown_not_empty() -> None:
    def broken() -> Iterable[str]:
        raise PermissionError("no /proc")

    source = ProcessSource({"anydesk": lambda n: True}, list_names=broken)
    assert source.running_apps() is None
    assert source.problem is not None and "/proc" in source.problem


def test_the_real_process_list_is_read() -> None:
    source = ProcessSource({"anydesk": lambda n: n.startswith("python") or n == "pytest"})
    assert source.running_apps() == frozenset(
        {"anydesk"}
    )  # this very test runs in a python process


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_the_proc_reader_names_processes_as_psutil_does(tmp_path: Path) -> None:
    # The tray reads /proc itself (psutil costs it 1.5 MiB); the names must be psutil's,
    # a name longer than the kernel keeps (TeamViewer_Desktop) included.
    import psutil

    from trayclock.detect.signals.processes import proc_processes

    long_named = tmp_path / "TeamViewer_Desktop_Stand_In"
    long_named.symlink_to("/bin/sleep")
    child = subprocess.Popen([str(long_named), "60"])
    try:
        # Popen returns after the fork: until the exec the child is a copy of this python.
        cmdline = Path(f"/proc/{child.pid}/cmdline")
        wait_until(lambda: cmdline.read_bytes().startswith(bytes(long_named)), "the child's exec")
        ours = dict(proc_processes())
        assert ours[child.pid] == "TeamViewer_Desktop_Stand_In"
        theirs: dict[int, str] = {}
        for pid in ours:
            try:
                theirs[pid] = psutil.Process(pid).name()
            except psutil.Error:  # ended meanwhile
                continue
        # Compared where our two readings around psutil's agree: a process of the machine
        # that ran another program meanwhile (a fork that exec'd) has no one name.
        again = dict(proc_processes())
        steady = [pid for pid in theirs if again.get(pid) == ours[pid]]
        assert child.pid in steady
        assert {pid: ours[pid] for pid in steady} == {pid: theirs[pid] for pid in steady}
        assert len(steady) > 3
    finally:
        child.kill()
        child.wait()


def test_a_missing_proc_is_a_process_list_problem(tmp_path: Path) -> None:
    from trayclock.detect.signals.processes import ProcessListError, proc_processes

    with pytest.raises(ProcessListError, match="nowhere"):
        list(proc_processes(tmp_path / "nowhere"))
    names = lambda: (name for _pid, name in proc_processes(tmp_path / "nowhere"))  # noqa: E731
    source = ProcessSource({"anydesk": lambda n: True}, list_names=names)
    assert source.running_apps() is None
    assert source.problem is not None and "nowhere" in source.problem
