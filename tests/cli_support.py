"""What the command-line tests share: the store's content as a digest (to prove a refusal
changed nothing), the CLI run as a real process, and a child that obeys file permissions
even when the suite runs as root (CI does)."""

from __future__ import annotations

import ctypes
import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from trayclock.config import paths

PR_CAPBSET_DROP = 24
# Root passes every permission check through these; without them it obeys the mode bits.
FILE_CAPABILITIES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
CHILD_TIMEOUT_S = 60


def store_state() -> str:
    """A digest of every row the store holds, read-only (no store: the same as an empty one,
    so a refusal that only made the empty store counts as changing nothing)."""
    digest = hashlib.sha256()
    path = paths().database
    if not path.exists():
        return digest.hexdigest()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr((table, row)).encode("utf-8", "backslashreplace"))
    finally:
        conn.close()
    return digest.hexdigest()


def obey_file_permissions() -> None:
    """preexec_fn: as root, drop the capabilities that override file modes for the child's
    program (the bounding set is what root's exec keeps); as anyone else, nothing to do."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in FILE_CAPABILITIES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def can_obey_file_permissions(tmp_path: Path) -> bool:
    """Does a child started with obey_file_permissions really fail to write a 0444 file?"""
    probe = tmp_path / "probe"
    probe.write_text("x")
    probe.chmod(0o444)
    try:
        done = subprocess.run(
            [sys.executable, "-c", f"open({str(probe)!r}, 'a')"],
            preexec_fn=obey_file_permissions,
            capture_output=True,
            timeout=CHILD_TIMEOUT_S,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        probe.chmod(0o644)
    return done.returncode != 0


def run_trayclock(
    args: Sequence[str], *, obey_permissions: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m trayclock ARGS` as a child process (TRAYCLOCK_HOME is the test's)."""
    return subprocess.run(
        [sys.executable, "-m", "trayclock", *args],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        preexec_fn=obey_file_permissions if obey_permissions else None,
        env=env,
        check=False,
    )
