"""Where the idle tray's memory over a bare PySide6 tray icon goes, measured in one run.

Part 1, the running processes: the bare tray (bench_idle.py's) and the real `python -m
trayclock` side by side on one virtual desktop (shared/tools/desktop-session.sh), each
also started a second time inside a probe that answers SIGUSR1 with what the interpreter
holds. After SETTLE_S, for each:

  - /proc/PID/smaps, every mapping's Rss and private (USS) kB, grouped: the glibc heap
    ([heap] and the 64 MiB-aligned arenas of other threads), other anonymous memory (CPython's
    1 MiB object arenas, thread stacks, Qt's large buffers), each file (libraries, Qt plugins,
    fonts and fontconfig caches, translations .qm, the SQLite file's -shm);
  - from the probe: sys.modules (new ones grouped by package), the threads, CPython's object
    arenas (sys._debugmallocstats), glibc's mallinfo2, what malloc_trim(0) gives back then
    (smaps before/after), SQLite's own memory (sqlite3_memory_used) and how many connections
    the process holds, inotify watches (/proc/PID/fdinfo), open sockets;

Part 2, import cost: one child (offscreen) builds the bare tray's objects, then imports
the idle tray's modules step by step, in the order the tray needs them, and reports the
USS each step added (gc.collect() first; a module imported by an earlier step is not
counted again).

    .venv/bin/python bench/idle_breakdown.py             # both parts
    .venv/bin/python bench/idle_breakdown.py --imports   # part 2 only (no desktop)
    .venv/bin/python bench/idle_breakdown.py --code DIR  # part 1 of another checkout's tray
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import bench_idle  # noqa: E402  (the bare tray)
import bench_tray  # noqa: E402  (the desktop session, the store set up)

SETTLE_S = 30.0  # past the first heartbeat (30 s): start-up's freed heap is returned then
KIB = 1024

# Runs inside each probed process: on SIGUSR1 it writes what the interpreter holds to
# $PROBE_OUT; on SIGUSR2, malloc_trim(0). Python's handlers run while Qt idles because the
# wake-up fd is watched (trayclock's own SignalWakeup; a notifier of its own for the bare).
PROBE = r"""
import ctypes, gc, json, os, signal, sys, threading

def dump(*_):
    import sqlite3
    class MallInfo2(ctypes.Structure):
        _fields_ = [(n, ctypes.c_size_t) for n in (
            "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"
        ).split()]
    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    try:
        lib = ctypes.CDLL("libsqlite3.so.0")
        lib.sqlite3_memory_used.restype = ctypes.c_int64
        sqlite_used = lib.sqlite3_memory_used()
    except OSError:
        sqlite_used = None
    objects = gc.get_objects()
    read, write = os.pipe()
    saved = os.dup(2)
    os.dup2(write, 2)
    sys._debugmallocstats()
    os.dup2(saved, 2)
    os.close(write); os.close(saved)
    stats = b""
    while chunk := os.read(read, 65536):
        stats += chunk
    os.close(read)
    state = {
        "modules": sorted(sys.modules),
        "threads": [t.name for t in threading.enumerate()],
        "mallinfo": {name: getattr(info, name) for name, _ in MallInfo2._fields_},
        "sqlite_used": sqlite_used,
        "sqlite_connections": sum(isinstance(o, sqlite3.Connection) for o in objects),
        "objects": len(objects),
        "malloc_stats": stats.decode(errors="replace"),
    }
    with open(os.environ["PROBE_OUT"] + ".tmp", "w") as out:
        json.dump(state, out)
    os.replace(os.environ["PROBE_OUT"] + ".tmp", os.environ["PROBE_OUT"])

def trim(*_):
    ctypes.CDLL(None).malloc_trim(0)

signal.signal(signal.SIGUSR1, dump)
signal.signal(signal.SIGUSR2, trim)
if os.environ.get("PROBE_BARE"):
    import socket
    from PySide6.QtCore import QSocketNotifier
    from PySide6.QtWidgets import QApplication
    reader, writer = socket.socketpair()
    reader.setblocking(False); writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    made = QApplication.__init__
    kept = []
    def watched(self, *args):
        made(self, *args)
        watch = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
        watch.activated.connect(lambda *_: reader.recv(64))
        kept.append(watch)
    QApplication.__init__ = watched
    exec(compile(os.environ["PROBE_BARE"], "bare_tray", "exec"))
else:
    from trayclock.ui.qt_import import load_qt
    load_qt()
    from trayclock.cli import main
    sys.exit(main([]))
"""

# The standard library's modules the idle tray holds and the bare tray does not (part 1 lists
# them): one step of their own, or the first trayclock step would carry them all.
STDLIB = [
    "dataclasses", "zoneinfo", "json", "uuid", "sqlite3", "unicodedata",
    "heapq", "glob", "getpass", "locale", "subprocess", "platform", "ctypes", "fcntl", "termios",
]  # fmt: skip

# Part 2's steps: (what, modules), in the order the idle tray needs them.
IMPORT_STEPS: list[tuple[str, list[str]]] = [
    ("trayclock's Qt import (load_qt)", ["trayclock.ui.qt_import"]),
    ("standard library the tray adds (dataclasses, zoneinfo, sqlite3, ctypes…)", STDLIB),
    (
        "the command line's entry (without arguments: no parsers, no argument types)",
        ["trayclock.cli", "trayclock.commands.display"],
    ),
    ("logging to a rotating file", ["trayclock.app_logging"]),
    (
        "the domain (entries, pauses, sessions, contract rules; not the billing engine)",
        ["trayclock.domain.entry", "trayclock.domain.history", "trayclock.domain.session"],
    ),
    (
        "the store (SQLite repositories)",
        [f"trayclock.store.{name}" for name in (
            "entries", "settings", "customers", "outbox", "sync_backends", "contract_balances",
            "pauses",
        )],
    ),
    ("the tracker", ["trayclock.tracker"]),
    (
        "services (tray, sync status, start-up)",
        [f"trayclock.services.{name}" for name in (
            "tray", "sync", "startup", "detection_options", "ui_prefs",
        )],
    ),
    (
        "the tray's UI (tray, menu, icons, notifier, reminder, openers, doorway)",
        ["trayclock.app"],
    ),
    (
        "detection: log parsers, reconciler, inotify, monitor",
        [f"trayclock.detect.{name}" for name in ("monitor", "livelogs", "signals.lognotify")],
    ),
    (
        "detection: X through libxcb (window titles, input idle)",
        ["trayclock.detect.signals.x11_windows", "trayclock.detect.signals.idle_x11"],
    ),
]  # fmt: skip

IMPORT_CHILD = r"""
import gc, importlib, json, os, sys
def uss():
    gc.collect()
    fields = {}
    for line in open("/proc/self/smaps_rollup"):
        name, _, rest = line.partition(":")
        if name in ("Rss", "Private_Clean", "Private_Dirty"):
            fields[name] = int(rest.split()[0])
    return fields["Private_Clean"] + fields["Private_Dirty"], fields["Rss"]
exec(compile(os.environ["BARE_OBJECTS"], "bare_tray", "exec"))
steps = json.loads(os.environ["STEPS"])
rows = [("the bare tray's objects (QApplication, icon, menu)", *uss(), len(sys.modules))]
for what, names in steps:
    for name in names:
        module, _, attribute = name.partition(":")
        loaded = importlib.import_module(module)
        if attribute:
            getattr(loaded, attribute)
    rows.append((what, *uss(), len(sys.modules)))
print(json.dumps(rows))
"""

# bench_idle's bare tray without its event loop: the objects only.
BARE_OBJECTS = bench_idle.BARE_TRAY.replace('print("tray-shown", flush=True)\n', "").replace(
    "sys.exit(app.exec())\n", "app.processEvents()\n"
)


def import_steps() -> list[tuple[str, int, int, int]]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "BARE_OBJECTS": BARE_OBJECTS,
        "STEPS": json.dumps(IMPORT_STEPS),
    }
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_CHILD],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [tuple(row) for row in json.loads(done.stdout.strip().splitlines()[-1])]


def print_import_steps() -> None:
    rows = import_steps()
    print("| step | USS MiB added | RSS MiB added | modules added |")
    print("|---|---|---|---|")
    for (_, uss0, rss0, n0), (what, uss1, rss1, n1) in itertools.pairwise(rows):
        print(f"| {what} | {(uss1 - uss0) / KIB:.2f} | {(rss1 - rss0) / KIB:.2f} | {n1 - n0} |")
    first, last = rows[0], rows[-1]
    print(
        f"| **all steps** | **{(last[1] - first[1]) / KIB:.2f}** | "
        f"**{(last[2] - first[2]) / KIB:.2f}** | **{last[3] - first[3]}** |"
    )


# --- part 1 ---------------------------------------------------------------------------------


def mappings(pid: int) -> list[dict[str, object]]:
    """Every mapping of /proc/PID/smaps: name, start, size, Rss and private kB."""
    rows: list[dict[str, object]] = []
    head = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$")
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        match = head.match(line)
        if match:
            start, end = int(match[1], 16), int(match[2], 16)
            rows.append({"name": match[3], "start": start, "kib": (end - start) // KIB,
                         "rss": 0, "private": 0})  # fmt: skip
        elif line.startswith(("Rss:", "Private_Clean:", "Private_Dirty:")):
            key = "rss" if line.startswith("Rss:") else "private"
            rows[-1][key] = int(rows[-1][key]) + int(line.split()[1])  # type: ignore[call-overload]
    return rows


FONT_ENDINGS = (".ttf", ".otf", ".pcf", ".pcf.gz", "cache-9", "cache-8")
ARENA_ALIGN = 64 * 2**20  # glibc's non-main arenas: HEAP_MAX_SIZE-aligned heaps


def group_of(row: dict[str, object], arena_starts: set[int]) -> str:
    name = str(row["name"])
    if name == "[heap]":
        return "glibc heap: main arena ([heap])"
    if not name:
        if int(row["start"]) in arena_starts:  # type: ignore[call-overload]
            return "glibc heap: other threads' arenas"
        return "anonymous (CPython object arenas, thread stacks, Qt buffers)"
    if name.startswith("["):
        return name
    if "/plugins/" in name:
        return "Qt plugin " + name.split("/plugins/", 1)[1]
    if name.endswith(FONT_ENDINGS) or "fontconfig" in name:
        return "fonts: " + Path(name).name
    if name.endswith(".qm"):
        return "translation " + Path(name).name
    return Path(name).name


def memory_groups(pid: int) -> Counter[tuple[str, str]]:
    rows = mappings(pid)
    arena_starts = {
        int(r["start"])  # type: ignore[call-overload]
        for r in rows
        if not r["name"] and int(r["start"]) % ARENA_ALIGN == 0  # type: ignore[call-overload]
    }
    groups: Counter[tuple[str, str]] = Counter()
    for row in rows:
        group = group_of(row, arena_starts)
        groups[(group, "rss")] += int(row["rss"])  # type: ignore[call-overload]
        groups[(group, "private")] += int(row["private"])  # type: ignore[call-overload]
    return groups


def rollup(pid: int) -> tuple[int, int]:
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        fields[name] = int(rest.split()[0])
    return fields["Rss"], fields["Private_Clean"] + fields["Private_Dirty"]


def inotify_watches(pid: int) -> int:
    count = 0
    for info in Path(f"/proc/{pid}/fdinfo").iterdir():
        try:
            count += info.read_text().count("inotify wd:")
        except OSError:
            continue
    return count


def sockets(pid: int) -> int:
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            count += os.readlink(fd).startswith("socket:")
        except OSError:
            continue
    return count


def probe_state(pid: int, out: Path) -> dict[str, object]:
    out.unlink(missing_ok=True)
    os.kill(pid, signal.SIGUSR1)
    deadline = time.monotonic() + 30
    while not out.exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"probe {pid} did not answer")
        time.sleep(0.1)
    return json.loads(out.read_text())  # type: ignore[no-any-return]


def object_arenas(malloc_stats: str) -> int:
    match = re.search(r"# arenas allocated current\s*=\s*([\d,]+)", malloc_stats)
    return int(match[1].replace(",", "")) if match else 0


def processes(env: dict[str, str], tmp: Path, code: Path) -> None:
    home = tmp / "home"
    bench_tray.set_up_store(home, code)
    tray_env = {**env, "TRAYCLOCK_HOME": str(home), "TRAYCLOCK_STARTUP_MARK": "1",
                "PYTHONPATH": str(code)}  # fmt: skip
    probe_env = {**tray_env, "TRAYCLOCK_HOME": str(tmp / "home-probe")}
    bench_tray.set_up_store(tmp / "home-probe", code)
    bare = [sys.executable, "-c", bench_idle.BARE_TRAY]
    tray = [sys.executable, "-m", "trayclock"]
    subjects = {
        "bare": bench_idle.spawn("bare", bare, env, ROOT),
        "trayclock": bench_idle.spawn("trayclock", tray, tray_env, code),
        "bare probe": bench_idle.spawn(
            "bare probe", [sys.executable, "-c", PROBE],
            {**env, "PROBE_BARE": bench_idle.BARE_TRAY, "PROBE_OUT": str(tmp / "bare.json")}, ROOT,
        ),
        "trayclock probe": bench_idle.spawn(
            "trayclock probe", [sys.executable, "-c", PROBE],
            {**probe_env, "PROBE_OUT": str(tmp / "trayclock.json")}, code,
        ),
    }  # fmt: skip
    try:
        time.sleep(SETTLE_S)
        report(subjects, tmp)
    finally:
        for subject in subjects.values():
            bench_idle.stop(subject)


def report(subjects: dict[str, bench_idle.Subject], tmp: Path) -> None:
    pid = {name: s.process.pid for name, s in subjects.items()}
    totals = {name: rollup(p) for name, p in pid.items()}
    bare, ours = memory_groups(pid["bare"]), memory_groups(pid["trayclock"])
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}, after {SETTLE_S:g} s")  # fmt: skip
    for name in ("bare", "trayclock"):
        rss, uss = totals[name]
        threads = len(list(Path(f"/proc/{pid[name]}/task").iterdir()))
        print(
            f"{name}: RSS {rss / KIB:.1f} MiB, USS {uss / KIB:.1f} MiB, threads {threads}, "
            f"inotify watches {inotify_watches(pid[name])}, sockets {sockets(pid[name])}"
        )
    print("\nsmaps, trayclock less the bare tray, kB (groups that differ by 64 kB or more):")
    print("| mapping | USS bare | USS trayclock | USS + | RSS + |")
    print("|---|---|---|---|---|")
    names = {group for group, _ in bare} | {group for group, _ in ours}
    order = sorted(names, key=lambda g: -(ours[(g, "private")] - bare[(g, "private")]))
    for group in order:
        private = ours[(group, "private")] - bare[(group, "private")]
        rss = ours[(group, "rss")] - bare[(group, "rss")]
        if abs(private) >= 64 or abs(rss) >= 64:
            print(f"| {group} | {bare[(group, 'private')]} | {ours[(group, 'private')]} | "
                  f"{private:+d} | {rss:+d} |")  # fmt: skip
    plugins = sorted(g for g in names if g.startswith(("Qt plugin", "fonts:", "translation")))

    def where(group: str) -> str:
        if (group, "rss") in bare and (group, "rss") in ours:
            return "both"
        return "trayclock" if (group, "rss") in ours else "bare"

    listed = ", ".join(f"{group} ({where(group)})" for group in plugins)
    print("\nQt plugins, fonts, translations mapped:", listed or "none")

    for name in ("bare", "trayclock"):
        before = rollup(pid[f"{name} probe"])
        os.kill(pid[f"{name} probe"], signal.SIGUSR2)
        time.sleep(1)
        after = rollup(pid[f"{name} probe"])
        print(
            f"malloc_trim(0) at idle (before the probe's dump), {name}: "
            f"USS {before[1] / KIB:.1f} -> {after[1] / KIB:.1f}"
        )
    states = {
        name: probe_state(pid[f"{name} probe"], tmp / f"{name.replace(' ', '-')}.json")
        for name in ("bare", "trayclock")
    }
    print("\nprobed (the same programs inside the probe):")
    for name, state in states.items():
        info = state["mallinfo"]
        assert isinstance(info, dict)
        print(
            f"  {name}: {len(state['modules'])} modules, threads {state['threads']}, "  # type: ignore[arg-type]
            f"CPython object arenas {object_arenas(str(state['malloc_stats']))} (1 MiB each), "
            f"glibc in use {info['uordblks'] / 2**20:.1f} MiB, free in heap "
            f"{info['fordblks'] / 2**20:.2f} MiB, mmapped {info['hblkhd'] / 2**20:.1f} MiB, "
            f"SQLite {int(state['sqlite_used'] or 0) / KIB:.0f} KiB in "
            f"{state['sqlite_connections']} connection(s), {state['objects']} gc objects"
        )
    extra = sorted(set(states["trayclock"]["modules"]) - set(states["bare"]["modules"]))  # type: ignore[arg-type]
    by_package = Counter(name.split(".")[0] for name in extra)
    print(f"  modules only in trayclock: {len(extra)}: " + ", ".join(
        f"{package} {count}" for package, count in by_package.most_common()))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--imports", action="store_true", help="only the import steps")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose tray runs")
    args = parser.parse_args()
    if not args.imports:
        with tempfile.TemporaryDirectory() as tmp:
            session, env = bench_tray.start_desktop(Path(tmp))
            try:
                processes(env, Path(tmp), args.code.resolve())
            finally:
                os.killpg(session.pid, signal.SIGTERM)
                session.wait(30)
        print()
    print("Import cost, offscreen, after the bare tray's objects:")
    print_import_steps()


if __name__ == "__main__":
    main()
