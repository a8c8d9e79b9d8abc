"""The store as the verdict reads it: plain SQL on the file, not trayclock's own code (an
outside view), turned into pieces, sessions (the pieces of one detected session) and their
worked time (billing-rules.md: accepted pauses are not worked; pieces of one session that
share time are billed once)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path


def utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass(frozen=True, slots=True)
class Pause:
    start: datetime
    end: datetime
    state: str
    origin: str


@dataclass(slots=True)
class Piece:
    uuid: str
    source: str
    session_key: str | None
    partner_id: str | None
    start: datetime
    end: datetime | None
    heartbeat: datetime
    end_reason: str | None
    customer: str | None  # the customer's name
    attempt: bool
    billable: bool
    overlap: bool
    discarded: bool
    pauses: list[Pause] = field(default_factory=list)
    continues: str | None = None  # the piece it carries on after a wall-clock step back

    @property
    def manual(self) -> bool:
        return self.source == "manual"

    def worked(self) -> list[tuple[datetime, datetime]]:
        """Its span without its accepted pauses."""
        end = self.end or self.heartbeat
        spans = [(self.start, end)]
        for pause in sorted(
            (p for p in self.pauses if p.state == "accepted"), key=lambda p: p.start
        ):
            cut: list[tuple[datetime, datetime]] = []
            for a, b in spans:
                if pause.end <= a or b <= pause.start:
                    cut.append((a, b))
                    continue
                if a < pause.start:
                    cut.append((a, pause.start))
                if pause.end < b:
                    cut.append((pause.end, b))
            spans = cut
        return spans


def union_length(spans: list[tuple[datetime, datetime]]) -> timedelta:
    """How long the spans cover together (time shared by two counts once)."""
    total = timedelta(0)
    reach: datetime | None = None
    for start, end in sorted(spans):
        if reach is not None:
            start = max(start, reach)
        if end > start:
            total += end - start
        reach = end if reach is None else max(reach, end)
    return total


@dataclass(slots=True)
class Group:
    """The pieces of one detected session (or one timer) as stored."""

    pieces: list[Piece]

    @property
    def start(self) -> datetime:
        """When the session started: its first piece's start. A piece resumed after a
        wall-clock step back starts earlier on the (set back) wall clock than the piece it
        continues, so it is not where the session started."""
        uuids = {p.uuid for p in self.pieces}
        return min(p.start for p in self.pieces if p.continues not in uuids)

    @property
    def step_cuts(self) -> int:
        """How many of its pieces carry on another of them after a wall-clock step back."""
        uuids = {p.uuid for p in self.pieces}
        return sum(p.continues in uuids for p in self.pieces if p.continues is not None)

    @property
    def end(self) -> datetime:
        """When the session ended: its last piece's end. A piece cut at a wall-clock step
        back ends later on the wall clock than the piece carrying it on may (the clock was
        set back), so a piece another one continues is not where the session ended."""
        continued = {p.continues for p in self.pieces}
        return max(p.end or p.heartbeat for p in self.pieces if p.uuid not in continued)

    @property
    def source(self) -> str:
        return self.pieces[0].source

    @property
    def partner_ids(self) -> set[str]:
        return {p.partner_id for p in self.pieces if p.partner_id}

    @property
    def customers(self) -> set[str | None]:
        return {p.customer for p in self.pieces}

    def worked(self) -> timedelta:
        return union_length([span for p in self.pieces for span in p.worked()])

    def pauses(self) -> list[Pause]:
        return [pause for p in self.pieces for pause in p.pauses]

    def describe(self) -> str:
        parts = [
            f"{p.start:%H:%M:%S}-{(p.end or p.heartbeat):%H:%M:%S} {p.end_reason or 'running'}"
            + (f" +{len(p.pauses)} pause(s)" if p.pauses else "")
            for p in self.pieces
        ]
        return "; ".join(parts)


@dataclass(slots=True)
class StoreView:
    pieces: list[Piece]
    audit: dict[str, list[tuple[str, str | None, str | None, str]]]  # uuid → field, old, new, why
    integrity: str
    running: int
    columns: dict[str, dict[str, str | None]]  # uuid → column → stored text
    customers: list[str]  # every customer's name, as stored

    @classmethod
    def read(cls, database: Path) -> StoreView:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            return cls._read(conn)
        finally:
            conn.close()

    @classmethod
    def _read(cls, conn: sqlite3.Connection) -> StoreView:
        names = {row[0]: row[1] for row in conn.execute("SELECT id, name FROM customers")}
        conn.row_factory = sqlite3.Row
        rows = list(conn.execute("SELECT * FROM entries ORDER BY start"))
        pauses: dict[str, list[Pause]] = {}
        has_pauses = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pauses'"
        ).fetchone()
        if has_pauses:
            for p in conn.execute('SELECT entry_uuid, start, "end", state, origin FROM pauses'):
                start, end = utc(p["start"]), utc(p["end"])
                assert start is not None and end is not None
                pauses.setdefault(p["entry_uuid"], []).append(
                    Pause(start, end, p["state"], p["origin"])
                )
        pieces = []
        columns: dict[str, dict[str, str | None]] = {}
        for r in rows:
            start, heartbeat = utc(r["start"]), utc(r["heartbeat"])
            assert start is not None and heartbeat is not None
            pieces.append(
                Piece(
                    r["uuid"],
                    r["source"],
                    r["session_key"],
                    r["partner_id"],
                    start,
                    utc(r["end"]),
                    heartbeat,
                    r["end_reason"],
                    names.get(r["customer_id"]),
                    bool(r["attempt"]),
                    bool(r["billable"]),
                    bool(r["overlap"]),
                    bool(r["discarded"]),
                    pauses.get(r["uuid"], []),
                )
            )
            columns[r["uuid"]] = {key: None if r[key] is None else str(r[key]) for key in r.keys()}  # noqa: SIM118 (a Row iterates its values)
        audit: dict[str, list[tuple[str, str | None, str | None, str]]] = {}
        for a in conn.execute("SELECT entry_uuid, field, old, new, reason FROM audit ORDER BY id"):
            audit.setdefault(a["entry_uuid"], []).append(
                (a["field"], a["old"], a["new"], a["reason"])
            )
        for piece in pieces:
            piece.continues = _continued(audit.get(piece.uuid, []))
        integrity = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        running = sum(1 for p in pieces if p.end is None and not p.discarded)
        return cls(pieces, audit, integrity, running, columns, sorted(names.values()))

    def groups(self) -> list[Group]:
        """Detected pieces by session (source, session key); each timer alone. Discarded
        pieces (merged away, remnants) are left out: they are billed nowhere."""
        by_key: dict[tuple[str, str], list[Piece]] = {}
        alone: list[Group] = []
        for piece in self.pieces:
            if piece.discarded:
                continue
            if piece.manual or piece.session_key is None:
                alone.append(Group([piece]))
            else:
                by_key.setdefault((piece.source, piece.session_key), []).append(piece)
        return [Group(sorted(p, key=lambda x: x.start)) for p in by_key.values()] + alone


STEP_RESUMED = "resumed after clock step (continues "  # the tracker's reason (tracker/cuts.py)


def _continued(rows: list[tuple[str, str | None, str | None, str]]) -> str | None:
    """The piece this one continues after a wall-clock step back, from its creation's audit
    row ("resumed after clock step (continues UUID)")."""
    for name, _old, _new, reason in rows:
        if name == "*created" and reason.startswith(STEP_RESUMED) and reason.endswith(")"):
            return reason[len(STEP_RESUMED) : -1]
    return None
