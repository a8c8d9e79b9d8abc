"""Putting the report together, and asking Qt in a child process.

Qt is asked in a child (`trayclock --self-check --qt-probe`, this same program) because a
Qt platform plugin that cannot load ends the process it loads in; the child's death and
Qt's last words become the "Qt platform plugin" finding, and the rest of the report stands.
The tray's "Copy diagnostics" passes the facts of its running Qt instead
(trayclock.ui.self_check).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trayclock.config import Paths, paths
from trayclock.desktop.launch import self_command
from trayclock.diagnostics.detection import detection_section
from trayclock.diagnostics.folders import folders_section
from trayclock.diagnostics.keyring_check import check_keyring
from trayclock.diagnostics.report import Finding, Level, Report, Section
from trayclock.diagnostics.system import desktop_section, platform_section, versions_section
from trayclock.domain.clock import Clock

QT_PROBE_ARGS = ("--self-check", "--qt-probe")
QT_PROBE_TIMEOUT_S = 30.0
QT_MESSAGE_LINES = 6  # Qt explains a plugin failure in a few lines; keep the last ones


@dataclass(frozen=True)
class QtProbe:
    """What Qt said: its facts (see trayclock.ui.self_check.qt_facts), or why it could not."""

    facts: Mapping[str, Any] | None
    problem: str | None = None


def run_qt_probe(
    command: Sequence[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    timeout_s: float = QT_PROBE_TIMEOUT_S,
) -> QtProbe:
    argv = [*(self_command() if command is None else command), *QT_PROBE_ARGS]
    try:
        done = subprocess.run(
            argv,
            env=dict(os.environ if environ is None else environ),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout_s,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return QtProbe(None, f"Qt did not start within {timeout_s:.0f} s (a display that hangs?)")
    except OSError as error:
        return QtProbe(None, f"cannot run {argv[0]}: {error}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode == 0 and lines:
        try:
            return QtProbe(json.loads(lines[-1]))
        except json.JSONDecodeError:
            pass
    said = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    why = " / ".join(said[-QT_MESSAGE_LINES:]) or "no message"
    return QtProbe(None, f"Qt could not start (exit status {done.returncode}): {why}")


def qt_section(probe: QtProbe, environ: Mapping[str, str] | None = None) -> Section:
    env = os.environ if environ is None else environ
    if probe.facts is None:
        problem = probe.problem or "not asked"
        if sys.platform.startswith("linux") and not (
            env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")
        ):
            # Qt's own words then blame a library (libxcb-cursor0) that is not the cause.
            problem = f"no display found (DISPLAY and WAYLAND_DISPLAY are not set); {problem}"
        return Section.of("Qt", [Finding("Qt platform plugin", problem, Level.FAIL, True)])
    facts = probe.facts
    findings = [
        Finding("Qt", f"{facts.get('qt', '?')} (PySide6 {facts.get('pyside', '?')})"),
        Finding("Qt platform plugin", str(facts.get("platform", "?")), Level.OK, True),
    ]
    if facts.get("tray"):
        findings.append(Finding("system tray", "available", Level.OK, True))
    else:
        findings.append(
            Finding(
                "system tray",
                "Qt finds no system tray (neither a StatusNotifierItem host nor an XEmbed "
                "tray); on GNOME install the AppIndicator extension. Without one trayclock "
                "shows a small window instead",
                Level.FAIL,
                True,
            )
        )
    findings.append(
        Finding("notifications", "supported" if facts.get("messages") else "not supported")
    )
    for screen in facts.get("screens", []):
        findings.append(Finding("screen", str(screen)))
    return Section.of("Qt", findings)


def collect(
    clock: Clock,
    qt: QtProbe,
    *,
    environ: Mapping[str, str] | None = None,
    app_paths: Paths | None = None,
    log_paths: Mapping[str, Sequence[Path]] | None = None,
    keyring_module: Any = None,
) -> Report:
    """The whole report; every argument after `qt` only for tests (None: this machine's)."""
    env = dict(os.environ if environ is None else environ)
    return Report(
        (
            versions_section(),
            platform_section(env),
            desktop_section(env),
            qt_section(qt, env),
            detection_section(clock, log_paths),
            folders_section(paths(env) if app_paths is None else app_paths, env),
            Section.of("Keyring", [check_keyring(keyring_module)]),
        )
    )
