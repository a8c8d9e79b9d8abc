"""The real `trayclock` idle on a real desktop: what it has loaded, and that signals end it at once.

The tray runs as `trayclock` does (the command line's own entry, real detection) inside a
thin wrapper: a thread that, asked on stdin, tells what the interpreter holds (its modules,
the sources in linecache). Nothing ticks in the idle tray but its 30 s heartbeat, so SIGINT
and SIGTERM must come through the interpreter's wake-up fd: a tray that only heard them at
its next heartbeat would miss the deadline.

Fails (never skips) when the desktop tools are missing, as test_tray_desktop.py does.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.integration.test_tray_desktop import (  # desktop: the fixture, shared
    Desktop,
    desktop,  # noqa: F401
)
from tests.waiting import wait_until

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
START_S = 60.0
SET_UP_AT = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # the stamp of the settings written
QUIT_S = 10.0  # well inside the 30 s heartbeat: a signal heard only then would miss it

WRAPPER = """
import json, linecache, sys, threading

def qt_types(module):  # the classes of a PySide6 module made so far (each on its first use)
    made = sys.modules.get(module)
    return sorted(name for name in list(vars(made)) if name.startswith("Q")) if made else []

def answer():
    for _line in sys.stdin:
        held = {
            "modules": sorted(sys.modules),
            "linecache": sorted(path for path in list(linecache.cache) if "trayclock" in path),
            "threads": sorted(t.name for t in threading.enumerate() if t.name != "probe"),
            "qt_types": qt_types("PySide6.QtCore") + qt_types("PySide6.QtGui")
            + qt_types("PySide6.QtWidgets"),
            "qt_namespace": "Qt" in vars(sys.modules["PySide6.QtCore"]),
        }
        sys.stdout.write("held " + json.dumps(held) + "\\n")
        sys.stdout.flush()

threading.Thread(target=answer, daemon=True, name="probe").start()
from trayclock.cli import main
sys.exit(main([]))
"""

# Loaded only when first used: a session's prompt, a window, the review's data, diagnostics.
NOT_AT_IDLE = (
    "trayclock.ui.prompt",
    "trayclock.ui.customer_picker",
    "trayclock.ui.review.window",
    "trayclock.services.review.source",
    "trayclock.ui.settings",
    "trayclock.ui.customers",
    "trayclock.ui.about",
    "trayclock.ui.self_check",
    "trayclock.diagnostics.collect",
    "trayclock.services.customers",
    "trayclock.services.autostart_port",
    "trayclock.ui.status_window",  # the window for a desktop without a tray
    "trayclock.ui.icon_drawing",  # the icons are PNG files; drawn only when one is missing
    # Sync's network watch (and its backend's thread) only once a backend is set up; the
    # single-instance door needs no QtNetwork on Linux.
    "trayclock.ui.network_watch",
    "PySide6.QtNetwork",
    # Without a backend, none of sync but its status: not the worker, the adapters'
    # protocol, the keyring, the retry library, the submission rules, the pricing path, the
    # password dialog (bench/RESULTS.md, "Idle memory, broken down": ~5 MiB together).
    "trayclock.sync.worker",
    "trayclock.sync.background",
    "trayclock.sync.backend",
    "trayclock.sync.secrets",
    "trayclock.store.submission",
    "trayclock.services.pricing",
    "trayclock.ui.sync_password",
    "tenacity",
    "configparser",
    # The billing engine and the pricing path: the tray's "today so far" is worked time
    # (Entry.counted_work), no price; the contract rules it asks at idle (domain.history)
    # load the engine only to price a bank's draws (~650 KiB traced together).
    "trayclock.domain.billing",
    "trayclock.domain.billing_concurrency",
    "trayclock.domain.billing_fields",
    "trayclock.domain.billing_input",
    "trayclock.domain.billing_output",
    "trayclock.domain.billing_limits",
    "trayclock.domain.model",
    "trayclock.domain.pricing",
    # The contract checkpoints' machinery only for a store with an hours bank (this one has
    # none): services.startup.keep_balances_up looks first.
    "trayclock.services.balances",
    # Without a backend no sync reason is made or worded: not every code's template.
    "trayclock.sync.reasons",
    # `trayclock` without arguments parses nothing: not the commands' argument types.
    "trayclock.commands.arguments",
    # Exact numbers (fractions brings decimal and numbers, ~200 KiB traced) only where one
    # is priced, read from a bank's checkpoints or shown: the idle tray shows times.
    "fractions",
    "decimal",
    # hashlib maps OpenSSL's libcrypto (3.4 MiB RSS): only an hours bank's checkpoints use it.
    "hashlib",
    "_hashlib",
    # The notifications' D-Bus connection opens at the first notification.
    "jeepney",
    # inotify takes libc from the process, without ctypes.util's ldconfig child.
    "ctypes.util",
    # The log's rotation is our own: not logging.handlers (socket, pickle, queue…).
    "logging.handlers",
    "pickle",
    # X (window titles, input idle time) goes through libxcb, which Qt's xcb plugin has
    # loaded already (detect/signals/xcb.py): not python-xlib's 27 modules of request and
    # event tables (~1.9 MiB), nor the `six` they import. Only the tests' X clients use it.
    "Xlib",
    "six",
)
# Qt classes the idle tray must not have made: the icons are loaded from PNGs, not painted
# (trayclock.ui.icons), and the dialogs of rare paths are looked up when they open.
NOT_MADE_AT_IDLE = (
    "QPainter",
    "QPainterPath",
    "QPen",
    "QMessageBox",
    "QInputDialog",
)
# The interpreter's threads of an idle tray: detection's, once the contract checkpoints'
# short-lived one has ended (no sync thread without a backend). Qt's own (its X event
# queue, its D-Bus connection) are the bare tray's too.
IDLE_THREADS = ["MainThread", "detection"]


class Tray:
    def __init__(self, session: Desktop, home: Path) -> None:
        env = {
            **session.env,
            "TRAYCLOCK_HOME": str(home),
            "TRAYCLOCK_STARTUP_MARK": "1",
            "LC_ALL": "C.UTF-8",
        }
        self.app = subprocess.Popen(
            [sys.executable, "-c", WRAPPER],
            env=env, cwd=ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert self.app.stdout is not None
        line = self.app.stdout.readline()
        assert line.startswith("tray-shown"), f"no tray icon (exit {self.app.poll()})"

    def held(self) -> dict[str, list[str]]:
        assert self.app.stdin is not None and self.app.stdout is not None
        self.app.stdin.write("?\n")
        self.app.stdin.flush()
        line = self.app.stdout.readline()
        assert line.startswith("held "), line
        return json.loads(line.removeprefix("held "))

    def detecting(self) -> dict[str, list[str]]:
        """What it holds once detection (started after the icon, in its thread) has loaded:
        start-up is over then."""

        def started() -> dict[str, list[str]] | None:
            held = self.held()
            return held if "trayclock.detect.monitor" in held["modules"] else None

        return wait_until(started, "detection to start", START_S)

    def end(self, signum: int) -> int | None:
        """Send `signum`; the exit status if it ended within QUIT_S, else None."""
        self.app.send_signal(signum)
        try:
            return self.app.wait(QUIT_S)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        if self.app.poll() is None:
            self.app.kill()
            self.app.wait()


@pytest.fixture
def tray(desktop: Desktop, tmp_path: Path) -> Iterator[Tray]:  # noqa: F811
    from trayclock.config import HOME_ENV, paths
    from trayclock.services.ui_prefs import (
        FIRST_START_SKIPPED,
        REMINDER,
        mark_first_start,
        update_ui,
    )
    from trayclock.store import db

    home = tmp_path / "home"
    conn = db.connect(paths({HOME_ENV: str(home)}).ensure().database)
    try:  # a store as on every day after the first: no first-start window
        mark_first_start(conn, FIRST_START_SKIPPED, now=SET_UP_AT)
        # The end-of-day reminder due at midnight: it looks whether the day needs a review at
        # start, whatever the hour the test runs (at 17:30, its default, the review's data
        # modules came along with that look).
        update_ui(conn, {REMINDER: "00:00"}, now=SET_UP_AT)
    finally:
        conn.close()
    made = Tray(desktop, home)
    try:
        yield made
    finally:
        made.kill()


def test_the_idle_tray_holds_only_what_it_uses_and_quits_on_sigint(tray: Tray) -> None:
    held = tray.detecting()
    assert "trayclock.app" in held["modules"]  # the probe sees the tray's modules

    def only_idle_threads() -> bool:
        return tray.held()["threads"] == IDLE_THREADS

    wait_until(only_idle_threads, f"the idle tray's Python threads to be {IDLE_THREADS}", START_S)
    held = tray.held()  # after the contract checkpoints' thread: what it imported counts too
    loaded = [name for name in NOT_AT_IDLE if name in held["modules"]]
    assert not loaded, f"loaded before first use: {loaded}"
    # PySide6's __feature__ import hook is off: no module's source kept in linecache.
    assert held["linecache"] == []
    # `Qt` is an attribute, not a module: PySide6 puts it in QtCore's namespace when it is
    # first used, and builds all its enums then (+1 MiB of Python objects, PySide6 6.11).
    # Any `Qt.X.Y` (or a Qt method returning one, e.g. styleHints().colorScheme()) does.
    assert not held["qt_namespace"], "the idle tray built the Qt namespace's enums"
    made = [name for name in NOT_MADE_AT_IDLE if name in held["qt_types"]]
    assert not made, f"Qt classes made before first use: {made}"
    assert tray.end(signal.SIGINT) == 0, "Ctrl-C did not quit the idle tray at once"


def test_sigterm_quits_the_idle_tray_at_once(tray: Tray) -> None:
    tray.detecting()
    assert tray.end(signal.SIGTERM) == 0, "SIGTERM (a logout) did not quit the idle tray at once"
