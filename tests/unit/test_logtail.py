"""LogTail: incremental reads that survive rotation, truncation and replacement."""

from __future__ import annotations

import os
from pathlib import Path

import psutil

from trayclock.detect.signals.logtail import LogTail


def append(path: Path, data: bytes) -> None:
    with open(path, "ab") as handle:
        handle.write(data)


def test_incremental_reads_keep_the_partial_last_line(tmp_path: Path) -> None:
    path = tmp_path / "ad.trace"
    path.write_bytes(b"one\ntw")
    tail = LogTail(path, existed_at_start=False)
    assert tail.read().lines == ["one"]
    assert tail.read().lines == []
    append(path, b"o\nthree\r\n")
    assert tail.read().lines == ["two", "three"]
    assert tail.status().offset == path.stat().st_size


def test_nul_runs_dropped_and_bad_utf8_replaced(tmp_path: Path) -> None:
    path = tmp_path / "ad.trace"
    path.write_bytes(b"\x00" * 500 + b"caf\xc3\xa9 ok\nbad \xff byte\n\x00\x00\n")
    lines = LogTail(path, existed_at_start=False).read().lines
    assert lines == ["café ok", "bad \ufffd byte", ""]


def test_the_file_is_not_held_open_between_reads(tmp_path: Path) -> None:
    path = tmp_path / "ad.trace"
    path.write_bytes(b"a\nb\n")
    tail = LogTail(path, existed_at_start=False)
    me = psutil.Process()
    with path.open("rb"):  # the probe itself: psutil must see a file we do hold open
        assert str(path) in {f.path for f in me.open_files()}
    tail.read()
    assert str(path) not in {f.path for f in me.open_files()}


def test_truncated_file_is_read_again_from_the_top(tmp_path: Path) -> None:
    path = tmp_path / "log.txt"
    path.write_bytes(b"first line\nsecond line\n")
    tail = LogTail(path, existed_at_start=False)
    assert len(tail.read().lines) == 2
    with open(path, "wb") as handle:  # same inode, shorter
        handle.write(b"new\n")
    assert tail.read().lines == ["new"]
    assert tail.status().truncations == 1


def test_rotation_reads_the_old_files_rest_then_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "TeamViewer15_Logfile.log"
    path.write_bytes(b"old 1\n")
    tail = LogTail(path, existed_at_start=False)
    assert tail.read().lines == ["old 1"]
    append(path, b"old 2\nold 3 no newline")  # written just before the rotation
    path.rename(tmp_path / "TeamViewer15_Logfile_OLD.log")
    path.write_bytes(b"new 1\n")
    assert tail.read().lines == ["old 2", "old 3 no newline", "new 1"]
    status = tail.status()
    assert (status.rotations, status.rotated_rest_read) == (1, 1)
    append(path, b"new 2\n")
    assert tail.read().lines == ["new 2"]


def test_rotation_with_the_new_file_not_yet_there(tmp_path: Path) -> None:
    path = tmp_path / "RustDesk_rCURRENT.log"
    path.write_bytes(b"a\n")
    tail = LogTail(path, existed_at_start=False)
    tail.read()
    append(path, b"b\n")
    path.rename(tmp_path / "RustDesk_r2026-03-28_23-50-00.log")
    assert tail.read().lines == ["b"]
    assert tail.read().lines == []
    path.write_bytes(b"c\n")
    assert tail.read().lines == ["c"]


def test_replaced_file_with_old_one_gone(tmp_path: Path) -> None:
    path = tmp_path / "ad.trace"
    path.write_bytes(b"old\n")
    tail = LogTail(path, existed_at_start=False)
    tail.read()
    replacement = tmp_path / "ad.trace.new"
    replacement.write_bytes(b"fresh 1\nfresh 2\n")
    os.replace(replacement, path)
    assert tail.read().lines == ["fresh 1", "fresh 2"]


def test_first_open_of_a_big_existing_file_catches_up_from_near_the_end(tmp_path: Path) -> None:
    path = tmp_path / "ad_svc.trace"
    path.write_bytes(b"".join(b"history line %05d\n" % i for i in range(5000)))
    tail = LogTail(path, catch_up_bytes=1000)
    chunk = tail.read()
    assert chunk.catch_up
    assert chunk.lines[-1] == "history line 04999"
    assert all(line.startswith("history line ") for line in chunk.lines)  # starts on a boundary
    assert 40 <= len(chunk.lines) <= 55
    append(path, b"live\n")
    later = tail.read()
    assert later.lines == ["live"] and not later.catch_up


def test_small_existing_file_is_caught_up_whole(tmp_path: Path) -> None:
    path = tmp_path / "Connections.txt"
    path.write_bytes(b"\nrecord\n")
    chunk = LogTail(path).read()
    assert chunk.catch_up and chunk.lines == ["", "record"]


def test_missing_file_then_appearing_is_read_from_the_top(tmp_path: Path) -> None:
    path = tmp_path / "late.trace"
    # existed_at_start=True, but it did not exist: when it appears, all of it is new
    tail = LogTail(path, catch_up_bytes=10)
    assert tail.read().lines == []
    assert not tail.status().exists
    path.write_bytes(b"x" * 5000 + b"\nfirst\n")
    chunk = tail.read()
    assert chunk.lines == ["x" * 5000, "first"] and not chunk.catch_up


def test_read_error_is_reported_not_raised(tmp_path: Path) -> None:
    folder = tmp_path / "a_folder.log"
    folder.mkdir()  # a path that cannot be read as a file
    tail = LogTail(folder, existed_at_start=False)
    assert tail.read().lines == []
    assert tail.status().error is not None and not tail.status().readable
