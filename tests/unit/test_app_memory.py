"""trayclock.app_memory: threads share one malloc arena, freed heap and SQLite's cache go back.

Each check runs in a child interpreter of its own (an arena setting and a trimmed heap are
process-wide), and compares with the same child that does not make the call, so a no-op
would fail.
"""

from __future__ import annotations

import ctypes
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from trayclock import app_memory
from trayclock.store import db

ROOT = Path(__file__).resolve().parents[2]
GLIBC = sys.platform.startswith("linux") and (
    (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
)
pytestmark = pytest.mark.skipif(not GLIBC, reason="app_memory acts on glibc only")

# A thread that allocates from malloc (blocks over CPython's 512-byte small-object limit):
# does a 64 MiB-aligned heap of its own (glibc's arena for a second thread) appear?
ARENA_CHILD = """
import json, re, sys, threading
from trayclock import app_memory
from trayclock.store import db
if sys.argv[1] == "share":
    assert app_memory.share_one_arena()
def allocate():
    global kept
    kept = [bytes(2000) for _ in range(2000)]
thread = threading.Thread(target=allocate)
thread.start(); thread.join()
aligned = 0
for line in open("/proc/self/maps"):
    fields = line.split()
    start = int(fields[0].split("-")[0], 16)
    if len(fields) == 5 and start % (64 << 20) == 0:  # anonymous, on an arena boundary
        aligned += 1
print(json.dumps(aligned))
"""

# 64 MiB of malloc'd blocks, nine in ten freed: the holes stay in the heap until trimmed.
TRIM_CHILD = """
import json, sys
from trayclock import app_memory
from trayclock.store import db
def rss_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
blocks = [bytes(1000) for _ in range(64 * 1024)]
kept = blocks[::10]
del blocks
before = rss_kib()
trimmed = app_memory.return_freed_heap() if sys.argv[1] == "trim" else False
print(json.dumps({"trimmed": trimmed, "freed_kib": before - rss_kib()}))
"""


def _child(script: str, mode: str) -> object:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("MALLOC_ARENA_MAX", None)
    done = subprocess.run(
        [sys.executable, "-c", script, mode],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(done.stdout)


def test_a_second_thread_gets_no_arena_of_its_own_once_shared() -> None:
    assert _child(ARENA_CHILD, "default") >= 1  # glibc's default: the thread's own arena
    assert _child(ARENA_CHILD, "share") == 0


def test_freed_heap_goes_back_to_the_system() -> None:
    untouched = _child(TRIM_CHILD, "keep")
    trimmed = _child(TRIM_CHILD, "trim")
    assert isinstance(untouched, dict) and isinstance(trimmed, dict)
    assert untouched["freed_kib"] < 8 * 1024  # glibc keeps the holes by itself
    assert trimmed["trimmed"] is True
    assert trimmed["freed_kib"] > 32 * 1024  # most of the ~57 MiB freed


def test_off_glibc_both_are_no_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    app_memory._glibc.cache_clear()
    monkeypatch.setattr(app_memory.sys, "platform", "darwin")
    try:
        assert app_memory.share_one_arena() is False
        assert app_memory.return_freed_heap() is False
    finally:
        app_memory._glibc.cache_clear()


def _sqlite_library() -> ctypes.CDLL:
    """The SQLite library this interpreter's sqlite3 module runs on (mapped already)."""
    sqlite3.connect(":memory:").close()
    for line in Path("/proc/self/maps").read_text().splitlines():
        path = line.split()[-1]
        if "/libsqlite3.so" in path:
            library = ctypes.CDLL(path)
            library.sqlite3_memory_used.restype = ctypes.c_int64
            return library
    pytest.fail("sqlite3 is not linked against a shared libsqlite3 here")


def test_the_page_cache_start_up_filled_is_emptied(tmp_path: Path) -> None:
    library = _sqlite_library()
    conn = db.connect(tmp_path / "store.sqlite3")
    try:
        with conn:
            conn.execute("CREATE TABLE filler (text TEXT)")
            conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 200,)] * 20_000)
        conn.execute("SELECT count(*), max(text) FROM filler").fetchone()  # every page read
        filled = library.sqlite3_memory_used()
        app_memory.release_after_start_up(conn)
        emptied = library.sqlite3_memory_used()
        assert filled - emptied > 2 * 2**20  # the ~4 MiB table's pages left the cache
        assert conn.execute("SELECT count(*) FROM filler").fetchone()[0] == 20_000
    finally:
        conn.close()
