"""The tray on a real X desktop with a tray host (desktop-session.sh): icon, menu, a polite prompt.

Runs `trayclock demo` (the real app, scripted detection) beside another window that holds
the keyboard focus, as the remote session would, and checks with xdotool that the attach
prompt appears without taking that focus, and takes it only once clicked.

Fails (never skips) when the desktop tools are missing: this is the only proof that the
prompt keeps its promise on a real window manager. Set TRAYCLOCK_SCREENSHOTS=DIR to keep
the screenshots (docs/screenshots/ is made this way).
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.waiting import wait_until, window_manager_caught_up

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SESSION_START_S = 240.0  # the first run may install the desktop's packages with apt
WAIT_S = 25.0
POLL_S = 0.1
PAINTED_PIXELS = 100  # of the pixels changed_pixels samples: far more than a text cursor

HOLDER = """
import sys
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication(sys.argv)
edit = QLineEdit()
edit.setWindowTitle("remote-session-stand-in")
edit.setPlaceholderText("the tech types into the customer's machine here")
edit.resize(520, 44)
edit.move(120, 420)
edit.textChanged.connect(lambda text: (sys.stdout.write(text + "\\n"), sys.stdout.flush()))
edit.show()
sys.exit(app.exec())
"""


def desktop_session_script() -> Path:
    candidates = [
        os.environ.get("TRAYCLOCK_DESKTOP_SESSION", ""),
        str(ROOT.parent / "shared" / "tools" / "desktop-session.sh"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    pytest.fail(
        "desktop-session.sh not found (looked in: " + ", ".join(c for c in candidates if c) + "); "
        "set TRAYCLOCK_DESKTOP_SESSION to its path"
    )


def wait_for(what: str, probe: Callable[[], object], timeout_s: float = WAIT_S) -> object:
    return wait_until(probe, what, timeout_s, POLL_S)


@dataclass
class Desktop:
    env: dict[str, str]
    tray_xy: tuple[int, int]
    shots: Path | None
    tmp: Path

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=30)
        if check and done.returncode != 0:
            pytest.fail(f"{' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def windows(self, name: str) -> list[str]:
        out = self.run("xdotool", "search", "--onlyvisible", "--name", name, check=False)
        return out.split()

    def focus(self) -> str:
        return self.run("xdotool", "getwindowfocus")

    def active(self) -> str:
        return self.run("xdotool", "getactivewindow")

    def screenshot(self, name: str, *, keep: bool = False) -> Path:
        """The whole screen; `keep`: one for docs/screenshots when TRAYCLOCK_SCREENSHOTS is set."""
        path = (self.shots if keep and self.shots else self.tmp) / name
        self.run("import", "-window", "root", str(path))
        return path

    def settled_screenshot(
        self,
        name: str,
        box: tuple[int, int, int, int],
        *,
        keep: bool = False,
        unlike: Path | None = None,
    ) -> Path:
        """A picture once painting in `box` (x, y, w, h) is over: two shots in a row alike there
        (and, given `unlike`, far from it: more than a blinking cursor changed). Pictures only."""
        from PySide6.QtGui import QImage

        last: list[QImage] = []

        def settled() -> Path | None:
            path = self.screenshot(name, keep=keep)
            now = QImage(str(path)).copy(*box)
            alike = bool(last) and now == last[0]
            last[:] = [now]
            changed = unlike is None or changed_pixels(unlike, path, *box) > PAINTED_PIXELS
            return path if alike and changed else None

        return wait_for(f"the screen to settle for {name}", settled)


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    for tool in ("xdotool", "import"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: apt-get install xdotool imagemagick")
    script = desktop_session_script()
    tmp = tmp_path_factory.mktemp("desktop")
    env_file = tmp / "desktop.env"
    session = subprocess.Popen(
        ["bash", str(script), "-q", "--env-file", str(env_file), "--", "sleep", "900"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(
            "the desktop session",
            lambda: (
                (env_file.is_file() and env_file.stat().st_size > 0) or session.poll() is not None
            ),
            SESSION_START_S,
        )
        if session.poll() is not None:
            output = session.stdout.read().decode(errors="replace") if session.stdout else ""
            pytest.fail(f"desktop-session.sh ended with {session.returncode}: {output[-2000:]}")
        env = dict(os.environ)
        for line in env_file.read_text().splitlines():
            words = shlex.split(line)  # the file is shell: `export KEY=quoted\ value`
            if len(words) == 2 and words[0] == "export" and "=" in words[1]:
                key, _, value = words[1].partition("=")
                env[key] = value
        env["QT_QPA_PLATFORM"] = "xcb"
        x, y = (int(v) for v in env["DESKTOP_SESSION_TRAY_XY"].split())
        shots = os.environ.get("TRAYCLOCK_SCREENSHOTS")
        yield Desktop(env, (x, y), Path(shots).resolve() if shots else None, tmp)
    finally:
        os.killpg(session.pid, signal.SIGTERM)
        try:
            session.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(session.pid, signal.SIGKILL)
            session.wait()


def count_pixels(png: Path, centre: tuple[int, int], radius: int, test: Callable[..., bool]) -> int:
    """Pixels in a square around `centre` for which `test(QColor)` holds."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull(), f"cannot read {png}"
    x0, y0 = centre
    return sum(
        bool(test(image.pixelColor(x, y)))
        for x in range(max(0, x0 - radius), min(image.width(), x0 + radius))
        for y in range(max(0, y0 - radius), min(image.height(), y0 + radius))
    )


def bright_pixels(png: Path, centre: tuple[int, int], radius: int) -> int:
    """Light pixels: the clock face on the dark panel."""
    return count_pixels(png, centre, radius, lambda colour: colour.lightness() > 200)


def overlap_badge_pixels(png: Path, centre: tuple[int, int], radius: int) -> int:
    """Purple pixels: the overlap badge (#7b3fc4) of the tray icon."""

    def purple(colour) -> bool:
        return colour.blue() > 150 and colour.red() > 90 and colour.green() < 100

    return count_pixels(png, centre, radius, purple)


def stored_customers(database: Path) -> list[str]:
    """Customer names in the running app's store (read-only; WAL lets us read beside it)."""
    import sqlite3

    if not database.exists():
        return []
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM customers")]
    finally:
        conn.close()


def changed_pixels(a: Path, b: Path, left: int, top: int, width: int, height: int) -> int:
    from PySide6.QtGui import QImage

    first, second = QImage(str(a)), QImage(str(b))
    return sum(
        first.pixel(x, y) != second.pixel(x, y)
        for x in range(left, min(left + width, first.width()), 2)
        for y in range(top, min(top + height, first.height()), 2)
    )


def test_tray_icon_menu_and_a_prompt_that_keeps_the_focus(desktop: Desktop) -> None:
    holder_out = desktop.tmp / "holder.out"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER],
        env=desktop.env,
        stdout=holder_out.open("w"),
        stderr=subprocess.STDOUT,
    )
    demo_home = desktop.tmp / "demo-home"
    app = None
    try:
        (holder_win,) = wait_for(
            "the window that holds the focus", lambda: desktop.windows("remote-session-stand-in")
        )
        desktop.run("xdotool", "windowactivate", "--sync", holder_win)
        wait_for("focus on that window", lambda: desktop.focus() == holder_win)
        before = desktop.screenshot("desktop-before.png")

        app = subprocess.Popen(
            [sys.executable, "-m", "trayclock", "demo", "--step", "4", "--home", str(demo_home)],
            env=desktop.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        # 1. The tray icon: the clock face appears on the tray bar.
        wait_for(
            "the tray icon",
            lambda: bright_pixels(desktop.screenshot("tray.png"), desktop.tray_xy, 12) > 20,
        )
        # 2. The prompt for the unknown TeamViewer partner, without taking the focus.
        (prompt_win,) = wait_for("the attach prompt", lambda: desktop.windows("which customer"))
        window_manager_caught_up(desktop.env["DISPLAY"])  # it has handled the prompt's map
        assert desktop.focus() == holder_win, "the prompt took the keyboard focus"
        assert desktop.active() == holder_win, "the prompt became the active window"
        desktop.run("xdotool", "type", "--delay", "30", "ipconfig")
        wait_for(
            "the typing to reach the focused window", lambda: "ipconfig" in holder_out.read_text()
        )
        desktop.screenshot("attach-prompt.png", keep=True)

        # 3. Clicking into the prompt lets the tech type there.
        geometry = dict(
            line.split("=")
            for line in desktop.run(
                "xdotool", "getwindowgeometry", "--shell", prompt_win
            ).splitlines()
        )
        px, py = int(geometry["X"]), int(geometry["Y"])
        height = int(geometry["HEIGHT"])
        # A mouse-only part (the "Non-billable" box, just above "Remember …" and the buttons)
        # works without taking the keyboard from the remote session.
        desktop.run("xdotool", "mousemove", str(px + 18), str(py + height - 64), "click", "1")
        window_manager_caught_up(desktop.env["DISPLAY"])  # it has handled the click
        assert desktop.focus() == holder_win, "a click on a check box took the keyboard focus"
        desktop.run("xdotool", "click", "1")  # the box back as it was
        desktop.run("xdotool", "mousemove", str(px + 200), str(py + 76), "click", "1")
        wait_for("the prompt to take the focus once clicked", lambda: desktop.focus() == prompt_win)
        prompt_box = (px, py, int(geometry["WIDTH"]), height)
        untyped = desktop.screenshot("attach-prompt-untyped.png")
        desktop.run("xdotool", "type", "--delay", "30", "Zeta Zahnarzt")
        # for the picture only: the name and its suggestions painted
        desktop.settled_screenshot(
            "attach-prompt-typing.png", prompt_box, keep=True, unlike=untyped
        )
        desktop.run("xdotool", "key", "Return")
        wait_for("the prompt to close after Attach", lambda: not desktop.windows("which customer"))
        wait_for(
            "the new customer, typed into the prompt, in the store",
            lambda: "Zeta Zahnarzt" in stored_customers(demo_home / "data" / "trayclock.sqlite3"),
        )

        # 4. The menu opens on the tray icon (after the overlap notification of the demo).
        # The demo's RustDesk session starts while two others run: the icon turns "overlap".
        wait_for(
            "the overlap badge on the tray icon",
            lambda: (
                overlap_badge_pixels(desktop.screenshot("overlap.png"), desktop.tray_xy, 16) > 4
            ),
        )
        log_file = demo_home / "logs" / "trayclock.log"
        wait_for(
            "the demo's third customer (RustDesk) in the app's log",
            lambda: "notification: 3 customers at once" in log_file.read_text(encoding="utf-8"),
        )
        closed = desktop.screenshot("menu-closed.png")
        x, y = desktop.tray_xy
        desktop.run("xdotool", "mousemove", str(x), str(y), "click", "3")
        width = int(desktop.env["DESKTOP_SESSION_SIZE"].split("x")[0])
        wait_for(
            "the tray menu",
            lambda: (
                changed_pixels(closed, desktop.screenshot("menu.png"), width - 500, 34, 500, 250)
                > 2000
            ),
        )
        desktop.run("xdotool", "mousemove", str(x - 400), str(y + 420))  # no tooltip in the picture
        desktop.settled_screenshot("tray-menu.png", (width - 500, 0, 500, 300), keep=True)
        desktop.run("xdotool", "key", "Escape")
        assert before.is_file()
    finally:
        if app is not None:
            app.send_signal(signal.SIGTERM)
            try:
                output, _ = app.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                app.kill()
                output, _ = app.communicate()
            assert app.returncode == 0, output.decode(errors="replace")
            assert not demo_home.exists(), "the demo left its data behind"
        holder.terminate()
        holder.wait(10)
