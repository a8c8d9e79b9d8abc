"""Detection in the report: what each signal source sees, and the logs of the apps installed.

The same sources the tray opens (trayclock.detect.monitor.open_monitor), read once. A remote
app counts as installed when its process runs, its program is on PATH, or its log exists;
for an installed app an existing log that cannot be read is an essential failure (its
sessions would go unbilled or be cut short), while no log at all yet is a warning (the
app writes one with its first session; windows are seen meanwhile).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from trayclock.detect.apps.registry import APPS
from trayclock.detect.livelogs import describe_log_status
from trayclock.detect.logsource import LogWatchStatus
from trayclock.diagnostics.report import Finding, Level, Section
from trayclock.domain.clock import Clock

Which = Callable[[str], str | None]


def installed_because(
    app: str, status: LogWatchStatus, running: frozenset[str] | None, which: Which
) -> str | None:
    """Why `app` counts as installed here (None: it does not)."""
    if running is not None and app in running:
        return "running"
    for name in sorted(APPS[app].process_names):
        found = which(name)
        if found:
            return f"{found} exists"
    if any(f.exists for f in status.files):
        return "its log exists"
    return None


def log_finding(app: str, status: LogWatchStatus, installed: str | None) -> Finding:
    topic = f"{APPS[app].display_name} log"
    problem, text = describe_log_status(status)
    unreadable = [f for f in status.files if f.exists and not f.readable]
    if installed is None:
        return Finding(topic, "not installed (no process, program or log found)", Level.INFO)
    if unreadable:
        return Finding(topic, f"installed ({installed}); {text}", Level.FAIL, essential=True)
    if status.readable_files:
        level = Level.WARN if problem else Level.OK
        return Finding(topic, f"installed ({installed}); {text}", level, essential=True)
    return Finding(
        topic,
        f"installed ({installed}) but no log yet: {text}; its sessions are seen by their "
        "windows until it writes one",
        Level.WARN,
    )


def detection_section(
    clock: Clock,
    log_paths: Mapping[str, Sequence[Path]] | None = None,
    *,
    which: Which = shutil.which,
) -> Section:
    from trayclock.detect.livelogs import LogSourceAdapter
    from trayclock.detect.monitor import open_monitor

    try:
        monitor = open_monitor(clock, log_paths=log_paths, watch_files=False)
    except Exception as error:  # an unusable setting or environment: report, do not crash
        return Section.of("Detection", [Finding("detection", str(error), Level.FAIL, True)])
    try:
        monitor.poll_once()
        findings = [
            Finding(status.name, status.detail, Level.OK if status.ok else Level.WARN)
            for status in monitor.status()
            if not status.name.startswith("log ")
        ]
        running = monitor.processes.running_apps() if monitor.processes is not None else None
        for source in monitor.logs:
            if isinstance(source, LogSourceAdapter):
                status = source.watcher.status()
                installed = installed_because(source.app, status, running, which)
                findings.append(log_finding(source.app, status, installed))
    finally:
        monitor.close()
    return Section.of("Detection", findings)
