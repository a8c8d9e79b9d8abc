"""trayclock's own folders in the report: where they are, and whether it can write there."""

from __future__ import annotations

import os
from pathlib import Path

from trayclock.config import HOME_ENV, Paths
from trayclock.diagnostics.report import Finding, Level, Section

LOG_FILE_NAME = "trayclock.log"


def _folder_finding(label: str, folder: Path, *, essential: bool) -> Finding:
    if folder.is_dir():
        if os.access(folder, os.W_OK | os.X_OK):
            return Finding(label, str(folder), Level.OK, essential)
        return Finding(label, f"{folder} is not writable", Level.FAIL, essential)
    parent = folder.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return Finding(
            label, f"{folder} cannot be made ({parent} is a file)", Level.FAIL, essential
        )
    if os.access(parent, os.W_OK | os.X_OK):
        return Finding(label, f"{folder} (made at the first start)", Level.OK, essential)
    return Finding(
        label, f"{folder} cannot be made ({parent} is not writable)", Level.FAIL, essential
    )


def folders_section(paths: Paths, environ: dict[str, str] | None = None) -> Section:
    env = os.environ if environ is None else environ
    findings = []
    if env.get(HOME_ENV):
        findings.append(Finding(HOME_ENV, f"{env[HOME_ENV]} (every folder below is under it)"))
    findings += [
        _folder_finding("data", paths.data_dir, essential=True),
        _folder_finding("config", paths.config_dir, essential=False),
        _folder_finding("logs", paths.log_dir, essential=True),
    ]
    database = paths.database
    if database.is_file():
        findings.append(Finding("database", f"{database} ({database.stat().st_size} bytes)"))
    else:
        findings.append(Finding("database", f"{database} (not created yet)"))
    log_file = paths.log_dir / LOG_FILE_NAME
    findings.append(
        Finding("log file", str(log_file) if log_file.is_file() else f"{log_file} (none yet)")
    )
    return Section.of("Folders", findings)
