"""The remote tools, as trayclock sees them: real X windows with their titles and classes (a
child X client, `session_windows.py`), their log files growing line by line in each tool's
own format at the (fast) clock's time, and a process of each tool's name.

On Linux TeamViewer keeps no `Connections.txt`; the simulation writes one anyway (the
Windows record, pointed to by TRAYCLOCK_LOGS) so every tool has a log with exact times.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from tests.detect_lines import anydesk_request, anydesk_service, rustdesk
from tests.integration.weeksim.cast import Partner
from tests.integration.weeksim.plan import ZONE

WINDOWS_HELPER = Path(__file__).resolve().parents[1] / "session_windows.py"


def _stamp(at: datetime) -> tuple[str, str]:
    """(day, HH:MM:SS.mmm) in UTC, as AnyDesk writes its trace."""
    moment = at.astimezone(UTC)
    return f"{moment:%F}", f"{moment:%H:%M:%S.%f}"[:-3]


class Windows:
    """The tools' windows, in their own X client process (trayclock sees them only via X)."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WINDOWS_HELPER)],
            env=dict(env),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.open_now: set[str] = set()

    def _ask(self, command: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if not answer.startswith(("opened", "closed")):
            raise RuntimeError(f"session_windows.py: {command!r} → {answer!r}")
        return answer

    def open(self, name: str, partner: Partner) -> None:
        self._ask(f"open-as {partner.wm_class} {name} {partner.title}")
        self.open_now.add(name)

    def close(self, name: str) -> None:
        if name in self.open_now:
            self._ask(f"close {name}")
            self.open_now.discard(name)

    def quit(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(10)


class Logs:
    """The three tools' logs under `root`, appended as the tools would."""

    def __init__(self, root: Path) -> None:
        self.anydesk = root / "anydesk" / "ad_svc.trace"
        self.teamviewer = root / "teamviewer" / "Connections.txt"
        self.rustdesk = root / "rustdesk" / "RustDesk_rCURRENT.log"
        for path in (self.anydesk, self.teamviewer, self.rustdesk):
            path.parent.mkdir(parents=True, exist_ok=True)
        self.teamviewer.write_text("", encoding="utf-8")  # TeamViewer writes "\n" + record

    def trayclock_logs(self) -> str:
        """TRAYCLOCK_LOGS: these files instead of this machine's own."""
        return os.pathsep.join(
            [
                f"anydesk={self.anydesk}",
                f"teamviewer={self.teamviewer}",
                f"rustdesk={self.rustdesk}",
            ]
        )

    @staticmethod
    def _append(path: Path, text: str) -> None:
        with path.open("a", encoding="utf-8") as out:
            out.write(text)
            out.flush()

    # --- AnyDesk: the service trace (UTC) --------------------------------------------------

    def anydesk_started(self, at: datetime) -> None:
        day, ts = _stamp(at)
        self._append(self.anydesk, anydesk_service(ts, 3, "app.service", "Service started.", day))

    def anydesk_connect(self, partner_id: str, fiber: int, at: datetime, *, runs: bool) -> None:
        day, ts = _stamp(at)
        lines = anydesk_request(ts, fiber, partner_id, day)
        lines += anydesk_service(ts, fiber, "app.session", f'1: Connecting to "{partner_id}"', day)
        if runs:
            lines += anydesk_service(ts, fiber, "app.session", "5: Entering processing loop.", day)
        self._append(self.anydesk, lines)

    def anydesk_closed(self, fiber: int, at: datetime, *, refused: bool = False) -> None:
        day, ts = _stamp(at)
        why = (
            "Session closed by remote side: display_server_not_supported."
            if refused
            else "Session closed by local user: user_quit."
        )
        lines = anydesk_service(ts, fiber, "app.session", why, day)
        if not refused:
            lines += anydesk_service(ts, fiber, "app.session", "5: Processing done.", day)
        self._append(self.anydesk, lines)

    # --- TeamViewer: Connections.txt (UTC, one record per finished session) ----------------

    def teamviewer_record(self, partner_id: str, start: datetime, end: datetime, guid: str) -> None:
        fields = [
            partner_id,
            f"{start.astimezone(UTC):%d-%m-%Y %H:%M:%S}",
            f"{end.astimezone(UTC):%d-%m-%Y %H:%M:%S}",
            "tech",
            "RemoteControl",
        ]
        self._append(self.teamviewer, "\n" + "".join(f.ljust(32) for f in fields) + guid)

    # --- RustDesk: the client log (local time with its offset) -----------------------------

    def _rustdesk(self, at: datetime, message: str) -> None:
        local = at.astimezone(ZONE)
        offset = f"{local:%z}"
        self._append(
            self.rustdesk,
            rustdesk(f"{local:%H:%M:%S.%f}", message, f"{local:%F}", f"{offset[:3]}:{offset[3:]}"),
        )

    def rustdesk_start(self, partner_id: str, at: datetime) -> None:
        self._rustdesk(at, f"Session {partner_id} start, use texture render: true")
        info = (
            'handle_peer_info :PeerInfo { username: "user", hostname: "pc-'
            f'{partner_id[-4:]}", platform: "Windows", displays: [], current_display: 0 }}'
        )
        self._rustdesk(at, info)

    def rustdesk_exit(self, partner_id: str, at: datetime) -> None:
        self._rustdesk(at, f"Exit io_loop of id={partner_id}")

    # --- faults: what log rotation and other programs do to the files ----------------------

    def rotate_rustdesk(self, at: datetime) -> Path:
        """RustDesk starts a new current log; the old one keeps its dated name beside it."""
        moment = at.astimezone(UTC)
        rotated = self.rustdesk.with_name(f"RustDesk_r{moment:%Y-%m-%d_%H-%M-%S}.log")
        if self.rustdesk.exists():
            self.rustdesk.rename(rotated)
        self.rustdesk.touch()
        return rotated

    def truncate_anydesk(self) -> int:
        """logrotate's copytruncate: the trace emptied in place (same file); bytes dropped."""
        size = self.anydesk.stat().st_size
        os.truncate(self.anydesk, 0)
        return size

    def replace_connections(self) -> None:
        """Connections.txt written anew (same records) and renamed over: a new file."""
        fresh = self.teamviewer.with_name("Connections.txt.new")
        fresh.write_bytes(self.teamviewer.read_bytes())
        fresh.replace(self.teamviewer)


class Processes:
    """A process named like each tool (a renamed `sleep`): the tools 'run' all day."""

    def __init__(self, bin_dir: Path, env: Mapping[str, str]) -> None:
        bin_dir.mkdir(parents=True, exist_ok=True)
        self.procs: list[subprocess.Popen[bytes]] = []
        for name in ("anydesk", "teamviewer", "rustdesk"):
            link = bin_dir / name
            if not link.exists():
                link.symlink_to("/bin/sleep")
            self.procs.append(subprocess.Popen([str(link), "infinity"], env=dict(env)))

    def stop(self) -> None:
        for proc in self.procs:
            proc.kill()
            proc.wait(10)
