"""The verdict's checks, one function per line of its table (see `verdict`): each holds the
stored sessions against what was done, and says what failed in words.

Why this module is long: a dozen checks, each short, that share the matching's types and
the tolerances above; one place lists every line of the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tests.integration.weeksim.audit_check import audit_problems
from tests.integration.weeksim.cast import CUSTOMERS
from tests.integration.weeksim.record import FaultTruth, Record, SessionTruth
from tests.integration.weeksim.store_view import Group, StoreView

HEARTBEAT = timedelta(seconds=30)  # trayclock's heartbeat: the tolerance the issue sets
GRACE = timedelta(seconds=60)
# How late a heartbeat may be for the load of a shared machine to explain it, in real
# seconds (times the clock's rate on the fast clock): a scheduler's lag is a few seconds; a
# freeze of the tray (the 52-90 s regex) is far more, and fails the verdict.
LATE_REAL_S = 5.0
SLEEP_LENGTH_SLACK = timedelta(seconds=2)  # a pause's length against the sleep's: the
# tray knows the time asleep exactly; the driver's reading around the jump takes a moment


@dataclass
class Check:
    name: str
    total: int = 0
    failures: list[str] = field(default_factory=list)
    note: str = ""
    not_run: str = ""

    def add(self, ok: bool, failure: str = "") -> None:
        self.total += 1
        if not ok:
            self.failures.append(failure)

    @property
    def passed(self) -> int:
        return self.total - len(self.failures)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.not_run

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "total": self.total,
            "passed": self.passed,
            "ok": self.ok,
            "failures": self.failures,
            "note": self.note,
            "not_run": self.not_run,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Check:
        return cls(data["name"], data["total"], data["failures"], data["note"], data["not_run"])

    def result(self) -> str:
        if self.not_run:
            return f"not run: {self.not_run}"
        return f"{self.passed}/{self.total}" + (" ✓" if self.ok else " ✗")


# --- the faults as intervals -------------------------------------------------------------------


def _within(moment: datetime, start: datetime, end: datetime, slack: timedelta) -> bool:
    return start - slack <= moment <= end + slack


def _faults(record: Record, kind: str) -> list[FaultTruth]:
    return [f for f in record.faults if f.kind == kind]


def _inside(f: FaultTruth, t: SessionTruth) -> bool:
    """The fault happened while the session ran (and it ran on after)."""
    assert t.end is not None
    return t.start.at < f.start.at and f.end.at < t.end.at


def _interruptions(
    record: Record, t: SessionTruth, kinds: tuple[str, ...] = ("kill", "sleep", "stall", "step")
) -> list[FaultTruth]:
    """The faults of `kinds` while the session ran, in awake time (a step back's wall clock
    ends before it started; a sleep takes no awake time)."""
    assert t.end is not None
    hb = HEARTBEAT.total_seconds()
    return [
        f
        for f in record.faults
        if f.kind in kinds and f.start.awake < t.end.awake + hb and t.start.awake - hb < f.end.awake
    ]


def beat(record: Record) -> timedelta:
    """One heartbeat as the tray kept it in this run: the interval plus the lateness the
    driver measured (`Record.heartbeat_late_s`, checked against `LATE_REAL_S` by its own
    line). What the tray cuts or pauses at its last heartbeat is this far from the fault."""
    return HEARTBEAT + timedelta(seconds=max(record.heartbeat_late_s, 0.0))


def _steps_back(record: Record, t: SessionTruth) -> list[timedelta]:
    """What each wall-clock step back during the session costs it: the rules cut at the
    step (the last heartbeat) and resume at the set-back wall clock, so the two pieces share
    wall-clock time, billed once — the step's size, or all the session had before the step
    when it started less than that before it (then the first piece lies wholly inside the
    second), or all it had after the step when it ended sooner (the second inside the
    first)."""
    assert t.end is not None
    return [
        min(
            f.start.at - f.end.at,
            timedelta(seconds=f.start.awake - t.start.awake),
            timedelta(seconds=t.end.awake - f.start.awake),
        )
        for f in _faults(record, "step")
        if f.end.at < f.start.at and _inside_awake(f, t)
    ]


def _inside_awake(f: FaultTruth, t: SessionTruth) -> bool:
    assert t.end is not None
    return t.start.awake < f.start.awake and f.end.awake < t.end.awake


# --- the checks --------------------------------------------------------------------------------


def _seconds(delta: timedelta) -> str:
    return f"{delta.total_seconds():+.1f} s"


def _explained(pause_origin: str, start: datetime, end: datetime, record: Record) -> bool:
    """A pause the tracker made is explained by a fault that happened there (it starts at
    the last heartbeat before it: one heartbeat as the tray kept it, and 5 s)."""
    slack = beat(record) + timedelta(seconds=5)
    kinds = {"sleep": ("sleep",), "restart": ("kill",), "clock": ("step",)}.get(pause_origin, ())
    for f in record.faults:
        if f.kind in kinds and start >= f.start.at - slack and end <= f.end.at + slack + GRACE:
            return True
    return False


def time_checks(
    record: Record, truths: list[SessionTruth], matched: dict[str, Group]
) -> list[Check]:
    starts = Check("start within one heartbeat of the truth")
    ends = Check("end within one heartbeat (or at the last heartbeat if trayclock was down)")
    worked = Check("worked time as the rules say (sleep, downtime > grace: not worked)")
    lost_to_steps = timedelta(0)
    at_heartbeat = 0
    start_errors: list[float] = []
    end_errors: list[float] = []
    kills = _faults(record, "kill")
    late = beat(record)
    for t in truths:
        g = matched.get(t.sid)
        if g is None or t.refused:
            continue
        assert t.end is not None
        error = g.start - t.start.at
        start_errors.append(abs(error.total_seconds()))
        starts.add(abs(error) <= HEARTBEAT, f"{t.sid}: starts {_seconds(error)} off")
        error = g.end - t.end.at
        # Ended while trayclock was down, or in its grace period when it was killed: closed
        # at its last heartbeat before the kill (the README) unless a log said when.
        down = next((k for k in kills if k.start.at - GRACE - late <= t.end.at <= k.end.at), None)
        closed_early = down is not None and _within(
            g.end, min(t.end.at, down.start.at - late), down.start.at, timedelta(seconds=2)
        )
        if closed_early:
            at_heartbeat += 1
        else:
            end_errors.append(abs(error.total_seconds()))
        ends.add(abs(error) <= HEARTBEAT or closed_early, f"{t.sid}: ends {_seconds(error)} off")
        # Worked: the awake time between its start and end, less the downtimes the rules
        # pause (each pause explained separately), each interruption allowed a heartbeat as
        # the tray kept it (what ran since the last one is cut or paused with it).
        expected = timedelta(seconds=t.end.awake - t.start.awake)
        expected -= sum(
            (
                p.end - p.start
                for p in g.pauses()
                if p.state == "accepted" and p.origin == "restart"
            ),
            timedelta(0),
        )
        if closed_early:
            expected += g.end - t.end.at
        allowed = HEARTBEAT + late * len(_interruptions(record, t))
        for back in _steps_back(record, t):
            lost_to_steps += back
            # The rules cut at a step back; the two pieces share wall-clock time and, one
            # customer's, are billed once: up to the step is not billed (a known limit).
            expected -= back
            allowed += late
        gap = g.worked() - expected
        worked.add(
            abs(gap) <= allowed,
            f"{t.sid}: worked {_seconds(gap)} off (allowed "
            f"{allowed.total_seconds():.0f} s): {g.describe()}",
        )
    starts.note = f"largest {max(start_errors, default=0):.1f} s"
    if lost_to_steps:
        worked.note = (
            f"{lost_to_steps.total_seconds():.0f} s not billed after wall-clock steps back "
            "(the cut's two pieces share wall-clock time, billed once)"
        )
    ends.note = (
        f"largest {max(end_errors, default=0):.1f} s; {at_heartbeat} closed at the "
        "last heartbeat while trayclock was down"
    )
    return [starts, ends, worked]


def fault_checks(
    record: Record, truths: list[SessionTruth], matched: dict[str, Group]
) -> list[Check]:
    explained = Check("every pause explained by a fault that happened there")
    slept = Check("time asleep not billed (a pause across each sleep)")
    stalled = Check("a stall of trayclock billed as work (no pause, no cut)")
    refused = Check("refused attempts kept and not billed")
    reconnects = Check("reconnects within the grace period: one entry")
    late = beat(record)
    for t in truths:
        g = matched.get(t.sid)
        if g is None:
            continue
        for p in g.pauses():
            if p.state != "accepted":
                continue
            explained.add(
                _explained(p.origin, p.start, p.end, record),
                f"{t.sid}: {p.origin} pause {p.start:%H:%M:%S}-{p.end:%H:%M:%S}",
            )
        for s in _faults(record, "sleep"):
            if _inside(s, t):
                # The tray knows how long it slept, not when the lid closed: the pause runs
                # from its last heartbeat before the sleep for the time asleep. So: the
                # sleep's length, within a heartbeat as the tray kept it of the sleep.
                asleep = s.end.at - s.start.at
                covered = [
                    p
                    for p in g.pauses()
                    if p.state == "accepted"
                    and p.origin == "sleep"
                    and abs((p.end - p.start) - asleep) <= SLEEP_LENGTH_SLACK
                    and _within(p.start, s.start.at - late, s.end.at, SLEEP_LENGTH_SLACK)
                    and _within(p.end, s.start.at, s.end.at + late, SLEEP_LENGTH_SLACK)
                ]
                slept.add(
                    bool(covered),
                    f"{t.sid}: no pause of the sleep's {asleep.total_seconds():.0f} s at "
                    f"{s.start.at:%H:%M:%S}-{s.end.at:%H:%M:%S}: "
                    + (
                        ", ".join(f"{p.start:%H:%M:%S}-{p.end:%H:%M:%S}" for p in g.pauses())
                        or "none"
                    ),
                )
        for s in _faults(record, "stall"):
            if _inside(s, t):
                touched = [
                    p
                    for p in g.pauses()
                    if p.state == "accepted"
                    and p.start < s.end.at + HEARTBEAT
                    and s.start.at - HEARTBEAT < p.end
                ]
                one_piece = all(
                    not (piece.start > s.start.at and piece.start < s.end.at + GRACE)
                    for piece in g.pieces[1:]
                )
                stalled.add(
                    not touched and one_piece,
                    f"{t.sid}: the stall at {s.start.wall} cut or paused it: {g.describe()}",
                )
        if t.refused:
            refused.add(
                all(p.attempt and not p.billable for p in g.pieces),
                f"{t.sid}: stored as {g.describe()} (attempt/billable wrong)",
            )
        if t.reconnected:
            # One piece, but for the cuts a wall-clock step back makes (the piece resumed
            # after it carries on the same entry) and a restart or sleep in between.
            reconnects.add(
                len(g.pieces) - g.step_cuts == 1
                or bool(_interruptions(record, t, ("kill", "sleep"))),
                f"{t.sid}: {len(g.pieces)} pieces ({g.step_cuts} after a step): {g.describe()}",
            )
    return [explained, slept, stalled, refused, reconnects]


def lateness_check(record: Record) -> Check:
    """The tray kept its heartbeats within what a loaded machine explains (`LATE_REAL_S`
    real seconds): the verdict's heartbeat tolerances follow the lateness measured, so a
    lateness beyond that — a tray that froze — must fail on its own."""
    check = Check("heartbeats on time (late no more than a loaded machine explains)")
    bound = LATE_REAL_S * record.rate
    if not record.heartbeat_looks:
        check.not_run = "the driver never saw a running entry's heartbeat"
        return check
    check.add(
        record.heartbeat_late_s <= bound,
        f"heartbeats up to {record.heartbeat_late_s:.0f} s late (more than {bound:.0f} s "
        f"= {LATE_REAL_S:g} real seconds at x{record.rate:g})",
    )
    check.note = (
        f"up to {record.heartbeat_late_s:.0f} s late in {record.heartbeat_looks} looks "
        f"({record.heartbeat_late_s / record.rate:.1f} real s); heartbeat tolerances: "
        f"{beat(record).total_seconds():.0f} s"
    )
    return check


def customers_check(truths: list[SessionTruth], matched: dict[str, Group]) -> Check:
    check = Check("customer as the technician left it (mapped, answered, or none)")
    for t in truths:
        g = matched.get(t.sid)
        if g is not None and not t.refused:
            check.add(
                g.customers == {t.customer}, f"{t.sid}: {g.customers} instead of {t.customer!r}"
            )
    return check


def typed_names_check(record: Record, store: StoreView) -> Check:
    """Every name typed into the prompt is a customer spelled exactly so, and no customer is
    one nobody named (a letter the keyboard dropped makes one: "Café Mller")."""
    check = Check("names typed into the prompt stored exactly as typed")
    stored = set(store.customers)
    for name in dict.fromkeys(record.typed):
        check.add(name in stored, f"typed {name!r}: no customer is named so")
    named = {c.name for c in CUSTOMERS} | set(record.typed)
    for name in sorted(stored - named):
        check.add(False, f"customer {name!r}: nobody typed that name, nor is it in the file")
    return check


def overlaps_check(
    record: Record, truths: list[SessionTruth], matched: dict[str, Group], groups: list[Group]
) -> Check:
    """Both sides of every overlap between different customers flagged, nothing else."""
    check = Check("overlaps between customers flagged (both sides), no others")
    spans: list[tuple[str, datetime, datetime, str | None, Group | None]] = []
    for t in truths:
        if not t.refused and t.end is not None:
            spans.append((t.sid, t.start.at, t.end.at, t.customer, matched.get(t.sid)))
    timers = {g.pieces[0].start: g for g in groups if g.source == "manual"}
    for timer in record.timers:
        if timer.end_after is None:
            continue
        stored = next(
            (g for start, g in timers.items() if abs(start - timer.start_after.at) <= HEARTBEAT),
            None,
        )
        spans.append(
            (
                timer.sid,
                timer.start_after.at,
                timer.end_before.at if timer.end_before else timer.end_after.at,
                timer.customer,
                stored,
            )
        )
    for sid, start, end, customer, group in spans:
        if group is None:
            continue
        partners = [
            other
            for other in spans
            if other[0] != sid
            and (other[3] != customer or customer is None)
            and min(end, other[2]) - max(start, other[1]) > HEARTBEAT
        ]
        unclear = [
            other
            for other in spans
            if other[0] != sid and abs(min(end, other[2]) - max(start, other[1])) <= HEARTBEAT
        ]
        flagged = any(p.overlap for p in group.pieces)
        if unclear and not partners:
            continue  # they barely touch: either flag is right
        check.add(
            flagged == bool(partners),
            f"{sid}: flagged {flagged}, overlaps {[p[0] for p in partners]}",
        )
    return check


def timers_check(record: Record, groups: list[Group]) -> Check:
    check = Check("phone timers: start, stop and customer as timed")
    manual = [g for g in groups if g.source == "manual"]
    for t in record.timers:
        if t.end_before is None or t.end_after is None:
            continue
        found = [
            g
            for g in manual
            if _within(g.start, t.start_before.at, t.start_after.at, timedelta(seconds=2))
        ]
        ok = (
            len(found) == 1
            and _within(found[0].end, t.end_before.at, t.end_after.at, timedelta(seconds=2))
            and found[0].customers == {t.customer}
        )
        check.add(ok, f"{t.sid}: {[g.describe() for g in found]} {[g.customers for g in found]}")
    return check


def audit_check(store: StoreView) -> Check:
    check = Check("audit trail explains every change of every entry")
    for piece in store.pieces:
        problems = audit_problems(piece, store.audit.get(piece.uuid, []), store.columns[piece.uuid])
        check.add(not problems, f"{piece.uuid[:8]}: {'; '.join(problems)}")
    return check


def intact_check(store: StoreView) -> Check:
    check = Check("store intact (integrity check), nothing left running")
    check.add(store.integrity == "ok", f"integrity_check: {store.integrity}")
    check.add(store.running == 0, f"{store.running} entries still running")
    return check


def exported_check(store: StoreView, export: dict[str, Any]) -> Check:
    check = Check("export lists every entry; refused attempts priced at 0")
    rows = {row.get("uuid"): row for row in export.get("entries", [])}
    for piece in store.pieces:
        if piece.discarded:
            continue
        row = rows.get(piece.uuid)
        if row is None:
            check.add(False, f"{piece.uuid[:8]} not exported")
            continue
        if piece.attempt:
            amount, status = str(row.get("amount") or "0"), row.get("status")
            check.add(
                float(amount) == 0 and status != "billed",
                f"{piece.uuid[:8]}: attempt {status}, priced {amount}",
            )
        else:
            check.add(True)
    return check
