"""Detection on a REAL X display: a private Xvfb, real windows, `trayclock detect` as run by a user.

Xvfb is required (CI installs it through scripts/system-deps.sh): without it these tests
fail with the command to install it; they never skip.
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from Xlib import X, Xatom
from Xlib.display import Display

from tests.waiting import wait_until
from trayclock.clock import SystemClock
from trayclock.detect.apps.registry import may_be_session_window
from trayclock.detect.signals.x11_windows import X11WindowSource
from trayclock.domain.session import EventKind, SessionEvent

pytestmark = pytest.mark.integration

DEADLINE_S = 15.0
XVFB_INSTALL = (
    "Xvfb is required for the X11 detection tests: install it with "
    "`sudo apt-get install xvfb` (Debian/Ubuntu) or run `bash scripts/system-deps.sh`"
)


class Xvfb:
    """A private X server on a display number it picks itself (-displayfd: no races)."""

    def __init__(self) -> None:
        binary = shutil.which("Xvfb")
        if binary is None:
            pytest.fail(XVFB_INSTALL)
        self.binary = binary
        self.number: int | None = None
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def display(self) -> str:
        return f":{self.number}"

    def start(self) -> None:
        read_fd, write_fd = os.pipe()
        # -noreset: by default Xvfb resets when its last client leaves, and a client connecting
        # during that reset is refused ("connection reset by peer").
        args = [self.binary, "-noreset", "-nolisten", "tcp", "-screen", "0", "800x600x24"]
        if self.number is None:
            args += ["-displayfd", str(write_fd)]
        else:
            args.insert(1, self.display)  # the same number again (restart test)
        self.proc = subprocess.Popen(
            args, pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        os.close(write_fd)
        if self.number is None:
            with os.fdopen(read_fd, "rb") as pipe:
                line = pipe.readline().strip()
            if not line:
                pytest.fail(f"Xvfb did not start (exit status {self.proc.poll()})")
            self.number = int(line)
        else:
            os.close(read_fd)
        wait_for(self._answers, f"Xvfb on {self.display}")

    def _answers(self) -> bool:
        try:
            Display(self.display).close()
        except Exception:
            return False
        return True

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=DEADLINE_S)
        self.proc = None


def wait_for(condition: Callable[[], Any], what: str) -> Any:
    return wait_until(condition, what, DEADLINE_S)


@pytest.fixture
def xvfb() -> Iterator[Xvfb]:
    server = Xvfb()
    server.start()
    yield server
    server.stop()


class Client:
    """Another X client making real windows, as AnyDesk or TeamViewer would."""

    def __init__(self, display: str) -> None:
        self.d = Display(display)
        self.root = self.d.screen().root
        self.net_wm_name = self.d.intern_atom("_NET_WM_NAME")
        self.utf8 = self.d.intern_atom("UTF8_STRING")

    def window(self, title: str, wm_class: str = "anydesk", pid: int = 4242) -> Any:
        win = self.root.create_window(0, 0, 200, 100, 0, X.CopyFromParent)
        win.set_wm_name(title.encode("latin-1", "replace"))
        win.change_property(self.net_wm_name, self.utf8, 8, title.encode())
        win.set_wm_class(wm_class.lower(), wm_class)
        win.change_property(self.d.intern_atom("_NET_WM_PID"), Xatom.CARDINAL, 32, [pid])
        win.map()
        self.d.sync()
        return win

    def close(self) -> None:
        self.d.close()


@pytest.fixture
def client(xvfb: Xvfb) -> Iterator[Client]:
    made = Client(xvfb.display)
    yield made
    made.close()


def trayclock(*args: str, display: str, log_dir: Path) -> list[str]:
    # Only AnyDesk, with its log pointed at an empty folder: this machine's own logs (if
    # any) must not leak into the test.
    return [
        sys.executable,
        "-m",
        "trayclock",
        "detect",
        *args,
        "--app",
        "anydesk",
        "--log",
        f"anydesk={log_dir / 'ad_svc.trace'}",
    ]


def env_for(display: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DISPLAY"] = display
    env.pop("WAYLAND_DISPLAY", None)
    return env


# --- the CLI on a real display ------------------------------------------------------------


def test_detect_once_sees_a_real_anydesk_window(xvfb: Xvfb, client: Client, tmp_path: Path) -> None:
    client.window("987 654 321 - AnyDesk")
    client.window("notes.txt - Editor", "editor")
    done = subprocess.run(
        trayclock("--once", display=xvfb.display, log_dir=tmp_path),
        env=env_for(xvfb.display),
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
    )
    assert done.returncode == 0, done.stderr
    sessions = json.loads(done.stdout)
    assert [(s["app"], s["partner_id"], s["outcome"]) for s in sessions] == [
        ("anydesk", "987654321", "open")
    ]
    assert sessions[0]["end"] is None and sessions[0]["start"].endswith("Z")
    assert "no log found" in done.stderr  # the diagnostics say why logs add nothing


class LineReader:
    """Lines of a child's stdout, read on a thread so the test can wait with a deadline."""

    def __init__(self, stream: Any) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self.thread.start()

    def _pump(self, stream: Any) -> None:
        for line in stream:
            self.lines.put(line)

    def next(self, child: subprocess.Popen[str]) -> dict[str, Any]:
        try:
            return json.loads(self.lines.get(timeout=DEADLINE_S))
        except queue.Empty:
            child.kill()
            _, err = child.communicate()
            raise AssertionError(
                f"no event from trayclock detect --watch in time:\n{err}"
            ) from None


def test_detect_watch_starts_and_ends_a_session_with_a_real_window(
    xvfb: Xvfb, client: Client, tmp_path: Path
) -> None:
    child = subprocess.Popen(
        trayclock(
            "--watch", "--grace", "1", "--interval", "0.2", display=xvfb.display, log_dir=tmp_path
        ),
        env=env_for(xvfb.display),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        reader = LineReader(child.stdout)
        window = client.window("987 654 321 - AnyDesk")
        started = reader.next(child)
        assert started["event"] == "started"
        assert started["session"]["partner_id"] == "987654321"
        window.destroy()
        client.d.sync()
        ended = reader.next(child)
        assert ended["event"] == "ended"
        assert ended["session"]["key"] == started["session"]["key"]
        assert ended["session"]["outcome"] == "completed"
        assert ended["session"]["end"] is not None
        # The session ends only once its window has been gone for the grace period (1 s).
        last_seen = datetime.fromisoformat(ended["session"]["end"])
        assert datetime.fromisoformat(ended["at"]) - last_seen >= timedelta(seconds=1)
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=DEADLINE_S) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


# --- the X11 source itself ----------------------------------------------------------------


def titles(source: X11WindowSource) -> list[str]:
    return sorted(w.title for w in source.list_windows())


def test_titles_classes_and_pids_are_read_and_followed(xvfb: Xvfb, client: Client) -> None:
    source = X11WindowSource(xvfb.display)
    assert source.list_windows() == []
    window = client.window("Zoë Müller - TeamViewer", "TeamViewer", pid=777)
    (seen,) = wait_for(source.list_windows, "the new window")
    assert (seen.title, seen.wm_class, seen.pid) == ("Zoë Müller - TeamViewer", "TeamViewer", 777)
    window.change_property(client.net_wm_name, client.utf8, 8, "邢台学院 - TeamViewer".encode())
    client.d.sync()
    wait_for(lambda: titles(source) == ["邢台学院 - TeamViewer"], "the changed title")
    window.unmap()
    client.d.sync()
    wait_for(lambda: titles(source) == [], "the unmapped window to drop out (no WM)")
    window.map()
    client.d.sync()
    wait_for(lambda: len(titles(source)) == 1, "the window mapped again")
    window.destroy()
    client.d.sync()
    wait_for(lambda: titles(source) == [], "the destroyed window to go")
    assert "no WM" in source.status
    source.close()


def test_a_window_managers_client_list_is_used_and_stale_ids_are_survived(
    xvfb: Xvfb, client: Client
) -> None:
    managed = client.window("111 222 333 - AnyDesk")
    client.window("444 555 666 - AnyDesk")  # not in the client list: ignored
    gone = client.window("soon gone")
    gone_id = gone.id
    gone.destroy()
    # Play an EWMH window manager: the client list names one live and one dead window.
    client.root.change_property(
        client.d.intern_atom("_NET_CLIENT_LIST"), Xatom.WINDOW, 32, [managed.id, gone_id]
    )
    client.d.sync()
    source = X11WindowSource(xvfb.display)
    assert titles(source) == ["111 222 333 - AnyDesk"]
    assert "client list" in source.status and source.problem is None
    managed.unmap()  # minimised: still a session window while the WM lists it
    client.d.sync()
    assert titles(source) == ["111 222 333 - AnyDesk"]
    client.root.change_property(client.d.intern_atom("_NET_CLIENT_LIST"), Xatom.WINDOW, 32, [])
    client.d.sync()
    wait_for(lambda: titles(source) == [], "the emptied client list")
    source.close()


def test_the_x_server_going_away_is_reported_and_survived(xvfb: Xvfb) -> None:
    source = X11WindowSource(xvfb.display, reconnect_s=0)
    assert source.list_windows() == [] and source.problem is None
    xvfb.stop()
    assert wait_for(lambda: source.list_windows() == [] and source.problem, "the loss report")
    assert "went away" in (source.problem or "") or "cannot open" in (source.problem or "")
    xvfb.start()
    client = Client(xvfb.display)
    try:
        client.window("987 654 321 - AnyDesk")
        wait_for(lambda: titles(source) == ["987 654 321 - AnyDesk"], "the reconnected source")
        assert source.problem is None
    finally:
        client.close()
        source.close()


# --- events instead of polling ------------------------------------------------------------


def event_arrives(source: X11WindowSource) -> bool:
    """Wait (up to the deadline) until the X connection has something to read."""
    fd = source.fileno()
    assert fd is not None
    return bool(select.select([fd], [], [], DEADLINE_S)[0])


def test_the_connection_tells_of_a_new_window_and_of_nothing_else(
    xvfb: Xvfb, client: Client
) -> None:
    source = X11WindowSource(xvfb.display, is_candidate=may_be_session_window)
    assert source.list_windows() == []
    assert source.poll_due_in_s() > 0 and not source.has_pending_events()
    client.window("987 654 321 - AnyDesk")
    assert event_arrives(source)
    assert titles(source) == ["987 654 321 - AnyDesk"]
    source.close()
    assert source.fileno() is None


def test_only_candidate_windows_are_followed_and_the_focused_one_is_read_again(
    xvfb: Xvfb, client: Client
) -> None:
    source = X11WindowSource(xvfb.display, is_candidate=may_be_session_window)
    editor = client.window("notes.txt - Editor", "editor")
    rustdesk = client.window("RustDesk", "rustdesk")
    wait_for(lambda: titles(source) == ["RustDesk", "notes.txt - Editor"], "both windows")
    for i in range(20):  # an ordinary window's title churn: no event reaches us
        editor.change_property(client.net_wm_name, client.utf8, 8, f"notes {i}.txt".encode())
    # The same client's next change comes after those in the X server's order: once it is
    # seen, any event about the editor would have been seen too.
    rustdesk.change_property(
        client.net_wm_name, client.utf8, 8, b"412345678 - Remote Desktop - RustDesk"
    )
    client.d.sync()
    wait_for(lambda: "412345678 - Remote Desktop - RustDesk" in titles(source), "the tab title")
    assert "notes.txt - Editor" in titles(source), "the ordinary window is not followed"
    # A window manager gives the editor the focus: it is read again.
    client.root.change_property(
        client.d.intern_atom("_NET_ACTIVE_WINDOW"), Xatom.WINDOW, 32, [editor.id]
    )
    client.d.sync()
    wait_for(lambda: "notes 19.txt" in titles(source), "the focused window read again")
    source.close()


def test_the_monitor_on_a_real_display_polls_on_events_not_on_a_tick(
    xvfb: Xvfb, client: Client
) -> None:
    from trayclock.detect.monitor import Monitor

    source = X11WindowSource(xvfb.display, is_candidate=may_be_session_window)
    # Intervals beyond the test's deadline: only X events can deliver in time.
    monitor = Monitor(SystemClock(), windows=source, poll_interval_s=600, idle_interval_s=600)
    editor = client.window("notes.txt - Editor", "editor")
    events: list[SessionEvent] = []
    stop = threading.Event()
    thread = threading.Thread(target=monitor.run, args=(stop, events.append), daemon=True)
    thread.start()
    try:
        wait_for(lambda: monitor.polls >= 1, "the first poll")
        polls = monitor.polls
        for i in range(50):
            editor.change_property(client.net_wm_name, client.utf8, 8, f"draft {i}".encode())
        client.window("987 654 321 - AnyDesk")
        wait_for(lambda: len(events) == 1, "STARTED for the session window")
        assert events[0].kind is EventKind.STARTED
        assert events[0].session.partner_id == "987654321"
        assert monitor.polls - polls <= 5, "50 title changes of an ordinary window woke it"
    finally:
        monitor.stop()
        thread.join(DEADLINE_S)
        monitor.close()
    assert not thread.is_alive()


def test_the_last_look_before_quitting_does_not_take_a_lagging_client_list_for_an_open_window(
    xvfb: Xvfb, client: Client
) -> None:
    """A window manager updates `_NET_CLIENT_LIST` a moment after a window is destroyed (it
    is another process, slow under load). A logout within that moment must still end the
    session the tech had just closed, not leave it running."""
    from trayclock.detect.monitor import Monitor

    client_list = client.d.intern_atom("_NET_CLIENT_LIST")
    window = client.window("369 258 147 - AnyDesk")
    client.root.change_property(client_list, Xatom.WINDOW, 32, [window.id])  # play the WM
    client.d.sync()
    source = X11WindowSource(xvfb.display, is_candidate=may_be_session_window)
    monitor = Monitor(SystemClock(), windows=source, poll_interval_s=600, idle_interval_s=600)
    try:
        (started,) = wait_for(monitor.poll_once, "STARTED for the session window")
        window.destroy()  # the tech closes it; the "WM" has not updated its list yet
        client.d.sync()
        assert titles(source) == ["369 258 147 - AnyDesk"], "the lagging list names it"
        (ended,) = monitor.finish()
        assert (ended.kind, ended.session.partner_id) == (EventKind.ENDED, "369258147")
        assert titles(source) == []
    finally:
        monitor.close()
    assert started.kind is EventKind.STARTED
