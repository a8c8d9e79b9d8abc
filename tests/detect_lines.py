"""Builders for log lines in the remote tools' formats, shared by the detect tests."""

from __future__ import annotations


def anydesk_service(ts: str, fiber: int, logger: str, msg: str, day: str = "2026-03-29") -> str:
    """One AnyDesk service-trace line (newer layout, with the thread-name column)."""
    return f"   info {day} {ts}    service   main   1187   1187{fiber:>5}{logger:>33} - {msg}\n"


def anydesk_frontend(ts: str, pid: int, logger: str, msg: str, day: str = "2026-03-29") -> str:
    """One AnyDesk Linux user-trace (frontend) line: no fiber column."""
    return f"   info {day} {ts}   frontend   main{pid:>7}{pid:>7}     {logger:>33} - {msg}\n"


def rustdesk(ts: str, msg: str, day: str = "2026-03-29", offset: str = "+02:00") -> str:
    """One RustDesk client-log line."""
    return f"[{day} {ts} {offset}] INFO [src/client.rs:1] {msg}\n"


def anydesk_request(ts: str, fiber: int, address: str, day: str = "2026-03-29") -> str:
    """The AnyDesk service line that opens an outgoing session."""
    msg = f"Received outgoing connection request for address {address} (direct)."
    return anydesk_service(ts, fiber, "app.service", msg, day)
