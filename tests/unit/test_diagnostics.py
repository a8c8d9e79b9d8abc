"""The self-check report: what is essential, the keyring allow-list, installed apps' logs,
folders, Qt's verdict (from a real child process), and `trayclock --self-check` end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from trayclock.config import paths
from trayclock.detect.logsource import LogFileStatus, LogWatchStatus
from trayclock.diagnostics.collect import QtProbe, collect, qt_section, run_qt_probe
from trayclock.diagnostics.detection import detection_section, installed_because, log_finding
from trayclock.diagnostics.folders import folders_section
from trayclock.diagnostics.keyring_check import check_keyring
from trayclock.diagnostics.report import Finding, Level, Report, Section, format_text
from trayclock.domain.clock import ManualClock

ROOT = Path(__file__).resolve().parents[2]
CLOCK = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
QT_OK: dict[str, Any] = {
    "qt": "6.11.3", "pyside": "6.11.3", "platform": "xcb", "tray": True, "messages": True,
    "screens": ["screen 1280×800"],
}  # fmt: skip


def backend_class(qualified: str, get: Any = None) -> type:
    module, _, name = qualified.rpartition(".")

    def get_password(self: object, service: str, username: str) -> str | None:
        return get(service, username) if get else None

    return type(name, (), {"__module__": module, "get_password": get_password})


class FakeKeyringModule:
    def __init__(self, backend: object) -> None:
        self.backend = backend

    def get_keyring(self) -> object:
        return self.backend


def keyring_finding(qualified: str, **kwargs: Any) -> Finding:
    return check_keyring(FakeKeyringModule(backend_class(qualified, **kwargs)()))


def test_a_real_keyring_that_answers_passes_and_no_secret_is_read() -> None:
    asked: list[tuple[str, str]] = []
    finding = keyring_finding(
        "keyring.backends.SecretService.Keyring",
        get=lambda s, u: asked.append((s, u)) or "a-real-secret",
    )
    assert finding.level is Level.OK and finding.essential
    assert "Secret Service" in finding.text and "a-real-secret" not in finding.text
    assert asked == [("trayclock", "self-check (never stored)")]


@pytest.mark.parametrize(
    ("backend", "words"),
    [
        ("keyring.backends.fail.Keyring", "no system keyring found"),
        ("keyring.backends.null.Keyring", "no system keyring found"),
        ("keyrings.alt.file.PlaintextKeyring", "is not a system keyring"),
        ("keyrings.alt.file.EncryptedKeyring", "is not a system keyring"),
    ],
)
def test_no_keyring_or_a_file_keyring_is_refused(backend: str, words: str) -> None:
    finding = keyring_finding(backend)
    assert finding.blocks and words in finding.text and backend in finding.text


def test_a_chain_is_refused_when_any_link_is_a_plain_file() -> None:
    secret = backend_class("keyring.backends.SecretService.Keyring")()
    plain = backend_class("keyrings.alt.file.PlaintextKeyring")()
    chain = backend_class("keyring.backends.chainer.ChainerBackend")()
    chain.backends = [secret, plain]  # type: ignore[attr-defined]
    finding = check_keyring(FakeKeyringModule(chain))
    assert finding.blocks and "keyrings.alt.file.PlaintextKeyring" in finding.text
    chain.backends = [secret]  # type: ignore[attr-defined]
    assert check_keyring(FakeKeyringModule(chain)).level is Level.OK


def test_a_locked_keyring_fails_with_its_reason() -> None:
    def locked(service: str, username: str) -> None:
        raise RuntimeError("Failed to unlock the collection!")

    finding = keyring_finding("keyring.backends.SecretService.Keyring", get=locked)
    assert finding.blocks and "Failed to unlock the collection!" in finding.text


def watch_status(app: str, files: list[LogFileStatus]) -> LogWatchStatus:
    return LogWatchStatus(app, (Path("/var/log/x*.trace"),), tuple(files))


def file_status(path: str, *, exists: bool, readable: bool) -> LogFileStatus:
    error = None if readable or not exists else "Permission denied"
    return LogFileStatus(Path(path), exists, readable, error, "anydesk", 0, 0, 0, 0)


def test_an_installed_apps_unreadable_log_is_essential() -> None:
    status = watch_status(
        "anydesk", [file_status("/var/log/ad.trace", exists=True, readable=False)]
    )
    installed = installed_because("anydesk", status, frozenset(), lambda name: None)
    assert installed == "its log exists"
    finding = log_finding("anydesk", status, installed)
    assert finding.blocks and "Permission denied" in finding.text


def test_an_app_not_installed_or_without_a_log_yet_does_not_fail() -> None:
    empty = watch_status("rustdesk", [])
    assert installed_because("rustdesk", empty, frozenset(), lambda name: None) is None
    assert log_finding("rustdesk", empty, None).level is Level.INFO
    on_path = installed_because("rustdesk", empty, None, lambda n: f"/usr/bin/{n}")
    assert on_path == "/usr/bin/rustdesk exists"
    running = installed_because("rustdesk", empty, frozenset({"rustdesk"}), lambda n: None)
    finding = log_finding("rustdesk", empty, running)
    assert running == "running" and finding.level is Level.WARN and not finding.blocks
    readable = watch_status("rustdesk", [file_status("/l/r.log", exists=True, readable=True)])
    assert log_finding("rustdesk", readable, "running").level is Level.OK


def test_detection_section_reads_real_logs(tmp_path: Path) -> None:
    trace = tmp_path / "ad.trace"
    trace.write_text("", encoding="utf-8")
    unreadable = tmp_path / "Connections.txt"
    unreadable.write_text("", encoding="utf-8")
    unreadable.chmod(0)
    try:
        if os.access(unreadable, os.R_OK):  # root reads anything: use a folder instead
            unreadable.chmod(0o644)
            unreadable = tmp_path / "a-folder.txt"
            unreadable.mkdir()
        section = detection_section(
            CLOCK,
            {"anydesk": [trace], "teamviewer": [unreadable], "rustdesk": []},
            which=lambda name: None,
        )
    finally:
        if unreadable.is_file():
            unreadable.chmod(0o644)
    by_topic = {f.topic: f for f in section.findings}
    assert by_topic["AnyDesk log"].level is Level.OK and str(trace) in by_topic["AnyDesk log"].text
    assert by_topic["RustDesk log"].level in (Level.INFO, Level.WARN)
    assert any(f.topic.startswith("windows") for f in section.findings)


def test_folders_that_cannot_be_written_fail(tmp_path: Path) -> None:
    good = folders_section(paths({"TRAYCLOCK_HOME": str(tmp_path / "new")}), {})
    assert not [f for f in good.findings if f.blocks]
    assert "made at the first start" in good.findings[0].text
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    bad = folders_section(paths({"TRAYCLOCK_HOME": str(blocked)}), {})
    assert bad.findings and [f.topic for f in bad.findings if f.blocks] in (
        [],
        ["data", "logs"],
    )  # a file in the way: root may still "write" it; others cannot


def test_qt_section_from_facts_and_from_a_failure() -> None:
    ok = qt_section(QtProbe(QT_OK), {"DISPLAY": ":1"})
    assert not [f for f in ok.findings if f.blocks]
    no_tray = qt_section(QtProbe({**QT_OK, "tray": False}), {"DISPLAY": ":1"})
    assert [f.topic for f in no_tray.findings if f.blocks] == ["system tray"]
    failed = qt_section(QtProbe(None, "Qt could not start: xcb"), {})
    (finding,) = failed.findings
    assert finding.blocks and "Qt could not start" in finding.text
    if sys.platform.startswith("linux"):
        assert finding.text.startswith("no display found")


def test_the_qt_probe_reports_a_child_that_dies_with_qts_last_words() -> None:
    dying = [sys.executable, "-c",
             "import sys; print('qt.qpa.plugin: Could not load the Qt platform plugin \"xcb\"',"
             " file=sys.stderr); sys.exit(134)"]  # fmt: skip
    probe = run_qt_probe(dying)
    assert probe.facts is None and probe.problem is not None
    assert "exit status 134" in probe.problem and 'platform plugin "xcb"' in probe.problem
    answering = [sys.executable, "-c", f"print({json.dumps(json.dumps(QT_OK))})"]
    assert run_qt_probe(answering).facts == QT_OK
    assert "cannot run" in (run_qt_probe(["/nonexistent/trayclock"]).problem or "")


def test_report_text_json_and_exit_status() -> None:
    report = Report(
        (
            Section.of("A", [Finding("fact", "1.0"), Finding("tray", "none", Level.FAIL, True)]),
            Section.of("B", [Finding("warned", "slow", Level.WARN, True)]),
        )
    )
    text = format_text(report)
    assert "--  tray: none (essential)" in text and "!!  warned: slow\n" in text
    assert text.rstrip().endswith("FAILED: 1 essential check(s) did not pass: tray")
    assert report.exit_status == 1 and report.to_json()["ok"] is False
    passing = Report((Section.of("A", [Finding("fact", "1.0")]),))
    assert passing.exit_status == 0 and "PASSED" in format_text(passing)


def test_collect_names_every_section() -> None:
    keyring = FakeKeyringModule(backend_class("keyring.backends.SecretService.Keyring")())
    report = collect(CLOCK, QtProbe(QT_OK), environ={"DISPLAY": ""}, keyring_module=keyring,
                     log_paths={"anydesk": [], "teamviewer": [], "rustdesk": []})  # fmt: skip
    titles = [s.title for s in report.sections]
    assert titles == ["Versions", "Platform", "Desktop", "Qt", "Detection", "Folders", "Keyring"]


def test_self_check_command_fails_without_a_tray_and_says_why(tmp_path: Path) -> None:
    # Offscreen Qt has no tray; the test environment has no keyring: both are named.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    env.update(QT_QPA_PLATFORM="offscreen", TRAYCLOCK_HOME=str(tmp_path), PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               TRAYCLOCK_LOGS="anydesk=:teamviewer=:rustdesk=")  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "trayclock", "--self-check", "--json"],
                          env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    report = json.loads(done.stdout)
    blocking = {
        f["topic"]
        for s in report["sections"]
        for f in s["findings"]
        if f["essential"] and f["level"] == "fail"
    }
    assert blocking == {"system tray", "keyring"}
    text = subprocess.run([sys.executable, "-m", "trayclock", "--self-check"], env=env,
                          capture_output=True, text=True, timeout=120).stdout  # fmt: skip
    assert "Qt platform plugin: offscreen" in text and "FAILED: 2 essential" in text
