"""The whole chain for real: `python -m trayclock` on a real X desktop with a tray host, no script.

Real X windows (another process, `session_windows.py`), a real AnyDesk trace that grows, a
process named `anydesk`, the real monitor, tracker and SQLite store, the real tray icon on a
StatusNotifierItem host. Every check reads what the app stored, from another process
(read-only SQLite beside the running app: WAL allows it; the `trayclock` CLI), and what the
tray shows (the icon's tooltip over D-Bus, the prompt window on the X display).

The app runs with `TRAYCLOCK_GRACE_S` (a short grace, so a closed window ends its entry
within seconds) and `TRAYCLOCK_LOGS` (the trace below instead of this machine's logs).
Fails (never skips) when the desktop tools are missing, as test_tray_desktop.py does.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.detect_lines import anydesk_request, anydesk_service
from tests.integration.test_tray_desktop import (  # desktop: the fixture, shared
    ROOT,
    WAIT_S,
    Desktop,
    desktop,  # noqa: F401
    wait_for,
)
from tests.waiting import window_manager_caught_up

pytestmark = pytest.mark.integration

GRACE_S = 2.0  # the app's detection grace (TRAYCLOCK_GRACE_S)
POLL_S = 1.0  # the monitor's poll interval: a window is seen at most this late
SLACK_S = 1.5  # a loaded 2-core machine schedules the app's poll late by up to this

KNOWN_ID, KNOWN_TITLE = "987654321", "987 654 321 - AnyDesk"
UNKNOWN_ID, UNKNOWN_TITLE = "555444333", "555 444 333 - AnyDesk"
KILLED_ID, KILLED_TITLE = "123123123", "123 123 123 - AnyDesk"
LOG_ID = "712300456"
BOTH_ID, BOTH_TITLE = "246813579", "246 813 579 - AnyDesk"
LAST_ID, LAST_TITLE = "369258147", "369 258 147 - AnyDesk"
TRACE_KILLED_ID = "802468135"
LATER_ID, LATER_TITLE = "444111222", "444 111 222 - AnyDesk"
CUSTOMERS_CSV = f"""name,key,rate,partners
ACME Industries,acme,95.00,anydesk:{KNOWN_ID}
Beta Bakery,beta,80.00,anydesk:{KILLED_ID}
"""


def utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


# --- the store, read from outside -----------------------------------------------------------


@dataclass(frozen=True)
class Row:
    uuid: str
    partner_id: str | None
    start: datetime
    end: datetime | None
    heartbeat: datetime
    end_reason: str | None
    customer: str | None  # the customer's key
    discarded: bool


def stored(database: Path, partner_id: str) -> list[Row]:
    """The app's entries for one partner, oldest first (read-only, beside the running app)."""
    if not database.exists():
        return []
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        rows = conn.execute(
            'SELECT e.uuid, e.partner_id, e.start, e."end", e.heartbeat, e.end_reason, c.key, '
            "e.discarded FROM entries e LEFT JOIN customers c ON c.id = e.customer_id "
            "WHERE e.source = 'anydesk' AND e.partner_id = ? ORDER BY e.start",
            (partner_id,),
        ).fetchall()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):  # the app is still creating the schema
            return []
        raise
    finally:
        conn.close()
    return [
        Row(r[0], r[1], utc(r[2]), utc(r[3]), utc(r[4]), r[5], r[6], bool(r[7]))  # type: ignore[arg-type]
        for r in rows
    ]


def audit_reasons(database: Path, uuid: str) -> list[str]:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        return [
            r[0] for r in conn.execute("SELECT reason FROM audit WHERE entry_uuid = ?", (uuid,))
        ]
    finally:
        conn.close()


# --- the desktop side -----------------------------------------------------------------------


class Windows:
    """The remote tool's windows, in their own X client process."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("session_windows.py"))],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def _ask(self, command: str) -> list[str]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().split()
        assert answer and answer[0] in ("opened", "closed"), f"{command!r}: {answer}"
        return answer

    def open(self, name: str, title: str) -> str:
        """The X window id, in decimal as xdotool prints it."""
        return str(int(self._ask(f"open {name} {title}")[2], 16))

    def close(self, name: str) -> datetime:
        """When it was gone."""
        return datetime.fromtimestamp(float(self._ask(f"close {name}")[2]), UTC)

    def quit(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(10)


def tray_tooltip(env: dict[str, str]) -> str:
    """The tooltip text of the registered StatusNotifierItem(s) that answer ("" if none)."""

    def call(dest: str, path: str, interface: str, prop: str) -> str:
        done = subprocess.run(
            ["dbus-send", "--session", "--print-reply", f"--dest={dest}", path,
             "org.freedesktop.DBus.Properties.Get", f"string:{interface}", f"string:{prop}"],
            env=env, capture_output=True, text=True, timeout=10,
        )  # fmt: skip
        return done.stdout if done.returncode == 0 else ""

    items = call(
        "org.kde.StatusNotifierWatcher",
        "/StatusNotifierWatcher",
        "org.kde.StatusNotifierWatcher",
        "RegisteredStatusNotifierItems",
    )
    texts = []
    for item in re.findall(r'string "([^"]+)"', items):
        service, _, path = item.partition("/")
        reply = call(service, "/" + (path or "StatusNotifierItem"), "org.kde.StatusNotifierItem",
                     "ToolTip")  # fmt: skip
        texts += re.findall(r'string "((?:[^"\\]|\\.)*)"', reply, flags=re.S)
    return "\n".join(texts)


# --- the app --------------------------------------------------------------------------------


@dataclass
class World:
    desktop: Desktop
    home: Path
    trace: Path
    env: dict[str, str]
    windows: Windows
    app: subprocess.Popen[bytes] | None = None
    runs: int = 0

    @property
    def database(self) -> Path:
        return self.home / "data" / "trayclock.sqlite3"

    @property
    def log_text(self) -> str:
        path = self.home / "logs" / "trayclock.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "trayclock", *args],
            env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert done.returncode == 0, f"trayclock {' '.join(args)}: {done.stderr}"
        return done.stdout

    def start(self) -> None:
        self.runs += 1
        shown_before = self.log_text.count("tray icon shown")
        self.app = subprocess.Popen(
            [sys.executable, "-m", "trayclock"],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=(self.home / f"app-{self.runs}.err").open("wb"),
        )
        wait_for(
            f"run {self.runs}: the tray icon",
            lambda: self.log_text.count("tray icon shown") > shown_before or self._died(),
        )
        assert self.app.poll() is None, self._died()

    def _died(self) -> str:
        if self.app is None or self.app.poll() is None:
            return ""
        err = (self.home / f"app-{self.runs}.err").read_text(errors="replace")
        return f"trayclock exited with {self.app.returncode}: {err[-2000:]}"

    def kill(self) -> None:
        assert self.app is not None and self.app.poll() is None, self._died()
        self.app.send_signal(signal.SIGKILL)
        self.app.wait(10)
        self.app = None

    def stop(self) -> None:
        """Quit as a logout would (SIGTERM); it must exit cleanly, and must still have been
        running (an app that died on its own fails here with its last words)."""
        if self.app is None:
            return
        assert self.app.poll() is None, self._died()
        self.app.send_signal(signal.SIGTERM)
        try:
            status = self.app.wait(15)
        except subprocess.TimeoutExpired:
            self.app.kill()
            self.app.wait()
            pytest.fail("trayclock did not quit within 15 s of SIGTERM")
        assert status == 0, self._died()
        self.app = None


def skip_first_start_setup(database: Path) -> None:
    """A new store offers the first-start setup; these scenarios start as a set-up one."""
    from trayclock.services.ui_prefs import FIRST_START_SKIPPED, mark_first_start
    from trayclock.store import db

    conn = db.connect(database)
    try:
        mark_first_start(conn, FIRST_START_SKIPPED, now=datetime.now(UTC))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def world(desktop: Desktop, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:  # noqa: F811
    tmp = tmp_path_factory.mktemp("e2e")
    home = tmp / "home"
    trace = tmp / "anydesk" / "ad_svc.trace"
    trace.parent.mkdir()
    now = datetime.now(UTC)
    # The trace exists before the app starts: it is caught up quietly, then tailed.
    trace.write_text(
        anydesk_service(f"{now:%H:%M:%S}.000", 3, "app.service", "Service started.", f"{now:%F}")
    )
    env = dict(desktop.env)
    env.update(
        LC_ALL="C.UTF-8",  # the tray's words are checked in English
        LANGUAGE="en",
        TRAYCLOCK_HOME=str(home),
        TRAYCLOCK_GRACE_S=str(GRACE_S),
        # Only this trace: this machine's own remote-tool logs must not leak in.
        TRAYCLOCK_LOGS=os.pathsep.join(
            [f"anydesk={trace}", f"teamviewer={tmp / 'no-teamviewer.txt'}", "rustdesk="]
        ),
    )
    # AnyDesk's process: the monitor counts a log session open only while the app runs.
    fake_bin = tmp / "bin"
    fake_bin.mkdir()
    (fake_bin / "anydesk").symlink_to("/bin/sleep")
    anydesk = subprocess.Popen([str(fake_bin / "anydesk"), "600"])
    windows = Windows(env)
    made = World(desktop, home, trace, env, windows)
    csv = tmp / "customers.csv"
    csv.write_text(CUSTOMERS_CSV, encoding="utf-8")
    try:
        made.cli("customers", "import", str(csv))
        skip_first_start_setup(made.database)
        made.start()
        yield made
    finally:
        made.stop()
        windows.quit()
        anydesk.kill()
        anydesk.wait()


# --- the scenarios --------------------------------------------------------------------------


def test_a_known_partners_window_attaches_by_itself_and_ends_at_its_close(world: World) -> None:
    opened_at = datetime.now(UTC)
    world.windows.open("known", KNOWN_TITLE)
    (entry,) = wait_for(
        "an entry for the known partner's window", lambda: stored(world.database, KNOWN_ID)
    )
    assert entry.customer == "acme", "the partner mapping did not attach the customer"
    assert entry.end is None
    assert opened_at - timedelta(seconds=0.5) <= entry.start
    assert entry.start <= opened_at + timedelta(seconds=POLL_S + SLACK_S)
    wait_for(
        "the tray tooltip to name the running customer",
        lambda: "ACME Industries" in tray_tooltip(world.env),
    )
    assert "session attached" in world.log_text  # the "attached by itself" notification
    day = f"{entry.start.astimezone():%F}"
    listed = world.cli("entries", "list", "--date", day)
    assert "ACME Industries" in listed and entry.uuid in listed
    exported = json.loads(world.cli("export", "--from", day, "--to", day, "--format", "json"))
    (row,) = [e for e in exported["entries"] if e["uuid"] == entry.uuid]
    assert (row["customer"], row["partner_id"], row["status"]) == ("acme", KNOWN_ID, "running")

    closed_at = world.windows.close("known")
    (ended,) = wait_for(
        "the entry to end after the grace period",
        lambda: [e for e in stored(world.database, KNOWN_ID) if e.end is not None],
        WAIT_S + GRACE_S,
    )
    assert ended.uuid == entry.uuid and ended.end_reason == "ended"
    assert ended.end is not None
    # The last poll that still saw the window: at most a (late) poll interval before it closed.
    assert closed_at - timedelta(seconds=POLL_S + SLACK_S) <= ended.end <= closed_at
    wait_for(
        "the tooltip to say nothing runs", lambda: "No session running" in tray_tooltip(world.env)
    )


def test_an_unknown_partner_prompts_without_taking_the_focus(world: World) -> None:
    window = world.windows.open("unknown", UNKNOWN_TITLE)
    world.desktop.run("xdotool", "windowactivate", "--sync", window)
    wait_for("the remote session window to hold the focus", lambda: world.desktop.focus() == window)
    (entry,) = wait_for(
        "an entry for the unknown partner", lambda: stored(world.database, UNKNOWN_ID)
    )
    assert entry.customer is None and entry.end is None
    (prompt,) = wait_for("the attach prompt", lambda: world.desktop.windows("which customer"))
    window_manager_caught_up(world.desktop.env["DISPLAY"])  # it has handled the prompt's map
    assert world.desktop.focus() == window, "the prompt took the keyboard focus"
    assert world.desktop.active() == window, "the prompt became the active window"
    assert prompt != window
    wait_for(
        "the tooltip to show the session waiting for a customer",
        lambda: "no customer yet · AnyDesk 555 444 333" in tray_tooltip(world.env),
    )
    world.windows.close("unknown")
    wait_for(
        "the unknown partner's entry to end",
        lambda: all(e.end is not None for e in stored(world.database, UNKNOWN_ID)),
        WAIT_S + GRACE_S,
    )


def test_a_second_start_shows_the_running_trayclocks_window_and_exits_0(world: World) -> None:
    # Started again from a launcher: no second tray, no message only on stderr (#9 item 15).
    done = subprocess.run(
        [sys.executable, "-m", "trayclock"],
        env=world.env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (review,) = wait_for(
        "the running trayclock's review window", lambda: world.desktop.windows("Review —")
    )
    assert world.app is not None and world.app.poll() is None  # the first one runs on
    assert "a second start asked this trayclock to show itself" in world.log_text
    world.desktop.run("xdotool", "windowminimize", review)


def log_time(microsecond: int) -> datetime:
    """A trace time a moment ago (the tool writes its line before its window appears), to the ms.

    Taken later with a larger `microsecond`, it is later: an end after its start."""
    return (datetime.now(UTC) - timedelta(seconds=1)).replace(microsecond=microsecond)


def append_session(trace: Path, at: datetime, partner_id: str, fiber: int) -> None:
    """The service-trace lines of an outgoing session that connects and runs."""
    day, stamp = f"{at:%F}", f"{at:%H:%M:%S.%f}"[:-3]
    with trace.open("a", encoding="utf-8") as out:
        out.write(anydesk_request(stamp, fiber, partner_id, day))
        out.write(
            anydesk_service(stamp, fiber, "app.session", f'1: Connecting to "{partner_id}"', day)
        )
        out.write(anydesk_service(stamp, fiber, "app.session", "5: Entering processing loop.", day))


def append_close(trace: Path, at: datetime, fiber: int) -> None:
    """The service-trace lines of the local user closing that session."""
    day, stamp = f"{at:%F}", f"{at:%H:%M:%S.%f}"[:-3]
    closed = "Session closed by local user: user_quit."
    with trace.open("a", encoding="utf-8") as out:
        out.write(anydesk_service(stamp, fiber, "app.session", closed, day))
        out.write(anydesk_service(stamp, fiber, "app.session", "5: Processing done.", day))


def test_a_trace_line_starts_and_ends_an_entry_at_the_logs_times(world: World) -> None:
    start = log_time(123_000)
    append_session(world.trace, start, LOG_ID, 41)
    (entry,) = wait_for("an entry from the trace", lambda: stored(world.database, LOG_ID))
    assert entry.start == start, "the entry does not start at the log's time"
    assert entry.end is None
    wait_for(
        "the tooltip to show the log's session",
        lambda: "AnyDesk 712 300 456" in tray_tooltip(world.env),
    )
    end = log_time(456_000)
    append_close(world.trace, end, 41)
    (ended,) = wait_for(
        "the entry to end at the log's time",
        lambda: [e for e in stored(world.database, LOG_ID) if e.end is not None],
        WAIT_S + GRACE_S,
    )
    assert (ended.uuid, ended.start, ended.end) == (entry.uuid, start, end)


def test_the_window_and_the_trace_of_one_session_make_one_entry_with_the_logs_times(
    world: World,
) -> None:
    start = log_time(250_000)
    append_session(world.trace, start, BOTH_ID, 43)
    world.windows.open("both", BOTH_TITLE)  # AnyDesk opens its window once connected
    (entry,) = wait_for("an entry for the session", lambda: stored(world.database, BOTH_ID))
    assert entry.start == start and entry.end is None
    end = log_time(750_000)
    append_close(world.trace, end, 43)
    world.windows.close("both")  # the window goes a moment after the trace says so
    (ended,) = wait_for(
        "the entry to end",
        lambda: [e for e in stored(world.database, BOTH_ID) if e.end is not None],
        WAIT_S + GRACE_S,
    )
    assert (ended.uuid, ended.start, ended.end) == (entry.uuid, start, end)
    assert [e.uuid for e in stored(world.database, BOTH_ID)] == [entry.uuid]


def test_sigkill_then_restart_continues_or_closes_at_the_last_heartbeat(world: World) -> None:
    world.windows.open("killed", KILLED_TITLE)
    (entry,) = wait_for("an entry for the session", lambda: stored(world.database, KILLED_ID))
    assert entry.customer == "beta" and entry.end is None

    # 1. Killed while the session window stays open: the restart continues the same entry.
    world.kill()
    world.start()
    wait_for(
        "the restarted app to continue the entry",
        lambda: (
            any("recovered" in r for r in audit_reasons(world.database, entry.uuid))
            and all(e.end is None for e in stored(world.database, KILLED_ID))
        ),
    )
    (continued,) = stored(world.database, KILLED_ID)
    assert continued.uuid == entry.uuid and continued.start == entry.start
    assert continued.customer == "beta"

    # 2. Killed again; the window closes while no trayclock runs: closed at its last heartbeat.
    world.kill()
    (at_kill,) = stored(world.database, KILLED_ID)
    assert at_kill.end is None
    world.windows.close("killed")
    world.start()
    (closed,) = wait_for(
        "the entry closed by recovery",
        lambda: [e for e in stored(world.database, KILLED_ID) if e.end is not None],
    )
    assert (closed.uuid, closed.end, closed.end_reason) == (
        entry.uuid,
        at_kill.heartbeat,
        "recovered",
    )
    # Detection runs (a new window is seen) and still nothing new for the closed session.
    world.windows.open("after", LATER_TITLE)
    wait_for("detection after the restart", lambda: stored(world.database, LATER_ID))
    assert [e.uuid for e in stored(world.database, KILLED_ID)] == [entry.uuid]

    # 3. Quit (SIGTERM) while that session runs: its last heartbeat is the moment of quitting.
    quit_at = datetime.now(UTC)
    world.stop()
    (running,) = stored(world.database, LATER_ID)
    assert running.end is None and running.heartbeat >= quit_at
    world.windows.close("after")


def test_a_trace_session_open_across_a_sigkill_continues_and_ends_at_the_logs_time(
    world: World,
) -> None:
    world.start()
    start = log_time(111_000)
    append_session(world.trace, start, TRACE_KILLED_ID, 47)
    (entry,) = wait_for("an entry from the trace", lambda: stored(world.database, TRACE_KILLED_ID))
    world.kill()
    world.start()  # reads the trace again from the top: the session is still open there
    wait_for(
        "the restarted app to continue the entry",
        lambda: (
            any("recovered" in r for r in audit_reasons(world.database, entry.uuid))
            and all(e.end is None for e in stored(world.database, TRACE_KILLED_ID))
        ),
    )
    end = log_time(999_000)
    append_close(world.trace, end, 47)
    (ended,) = wait_for(
        "the entry to end at the log's time",
        lambda: [e for e in stored(world.database, TRACE_KILLED_ID) if e.end is not None],
        WAIT_S + GRACE_S,
    )
    assert (ended.uuid, ended.start, ended.end) == (entry.uuid, start, end)


def test_quitting_right_after_a_session_closed_ends_it_at_the_close(world: World) -> None:
    world.windows.open("last", LAST_TITLE)
    wait_for("an entry for the session", lambda: stored(world.database, LAST_ID))
    closed_at = world.windows.close("last")
    world.stop()  # the day is over: the tech logs out at once, well within the grace period
    (entry,) = stored(world.database, LAST_ID)
    assert entry.end is not None, (
        f"the session that had ended was left running; the app's log:\n{world.log_text[-3000:]}"
    )
    assert entry.end_reason == "ended"
    assert closed_at - timedelta(seconds=POLL_S + SLACK_S) <= entry.end <= closed_at


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("TRAYCLOCK_GRACE_S", "soon", "not a number of seconds"),
        ("TRAYCLOCK_GRACE_S", "-1", "must not be negative"),
        ("TRAYCLOCK_LOGS", "anydesk/tmp/ad.trace", "is not APP=PATH"),
        ("TRAYCLOCK_LOGS", "skype=/tmp/skype.log", "is not APP=PATH"),
    ],
)
def test_a_bad_detection_setting_stops_the_start_and_says_which(
    name: str, value: str, named: str, tmp_path: Path
) -> None:
    env = {**os.environ, "TRAYCLOCK_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    env[name] = value
    done = subprocess.run(
        [sys.executable, "-m", "trayclock"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert name in done.stderr and named in done.stderr
    assert not (tmp_path / "data" / "trayclock.sqlite3").exists()  # stopped before the store
