"""What was actually done during the run, with the clock's readings at each moment: the truth
the verdict holds the store against. Written by the driver, read by the verdict (JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Moment:
    """The wall clock (UTC, ISO) and the awake time (monotonic seconds) at one instant."""

    wall: str
    awake: float

    @property
    def at(self) -> datetime:
        return datetime.fromisoformat(self.wall)


@dataclass(slots=True)
class SessionTruth:
    sid: str
    app: str
    partner_id: str
    customer: str | None  # the customer name the tech left it with (None: no customer)
    start: Moment
    end: Moment | None = None
    refused: bool = False
    reconnected: bool = False
    prompt: str = "known"  # plan.Prompt
    prompt_outcome: str = ""  # what the tech could do with the prompt ("attached", …)


@dataclass(slots=True)
class TimerTruth:
    sid: str
    customer: str
    start_before: Moment
    start_after: Moment
    end_before: Moment | None = None
    end_after: Moment | None = None


@dataclass(slots=True)
class FaultTruth:
    """One fault as injected: `start`..`end` (an instant: end = start), and its details."""

    kind: str
    start: Moment
    end: Moment
    detail: str = ""


@dataclass(slots=True)
class Record:
    rate: float
    seed: str
    profile: str
    days: list[str] = field(default_factory=list)
    sessions: list[SessionTruth] = field(default_factory=list)
    timers: list[TimerTruth] = field(default_factory=list)
    faults: list[FaultTruth] = field(default_factory=list)
    app_runs: list[dict[str, Any]] = field(default_factory=list)  # start, end, how it ended
    notes: list[str] = field(default_factory=list)  # anything the driver could not do as planned
    typed: list[str] = field(default_factory=list)  # the names typed into the prompt, as typed
    real_seconds: float = 0.0
    # How late the tray's heartbeats were, as the driver saw them in the store (fast-clock
    # seconds beyond one heartbeat interval; `Driver._look_at_heartbeats`), and how often
    # it looked: the verdict's tolerances for what is cut or paused at a heartbeat.
    heartbeat_late_s: float = 0.0
    heartbeat_looks: int = 0

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=1, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Record:
        data = json.loads(path.read_text(encoding="utf-8"))

        def moment(value: dict[str, Any] | None) -> Moment | None:
            return None if value is None else Moment(value["wall"], value["awake"])

        record = cls(data["rate"], data["seed"], data["profile"], data["days"])
        for s in data["sessions"]:
            s.update(start=moment(s["start"]), end=moment(s["end"]))
            record.sessions.append(SessionTruth(**s))
        for t in data["timers"]:
            for key in ("start_before", "start_after", "end_before", "end_after"):
                t[key] = moment(t[key])
            record.timers.append(TimerTruth(**t))
        for f in data["faults"]:
            f.update(start=moment(f["start"]), end=moment(f["end"]))
            record.faults.append(FaultTruth(**f))
        record.app_runs = data["app_runs"]
        record.notes = data["notes"]
        record.typed = data.get("typed", [])
        record.real_seconds = data["real_seconds"]
        record.heartbeat_late_s = data.get("heartbeat_late_s", 0.0)
        record.heartbeat_looks = data.get("heartbeat_looks", 0)
        return record
