"""The verdict: the store after the run, held against what was done (`record.py`), with counts.

Every scripted session must be in the store exactly once (matched by app, partner and time),
start and end within one heartbeat of the truth (a session that ended while trayclock was
killed may end at its last heartbeat instead, as the README says), its worked time as the
rules say (a sleep and a downtime longer than the grace period are no work, a stall is),
every pause explained by a fault that happened there, refused attempts not billed, the
customer as the technician left it, overlaps flagged, and the audit trail explaining every
change of every entry. Manual timers likewise. The backend's line waits for sync.

What the tray cuts or pauses at its last heartbeat (a kill, a sleep, a step) is allowed one
heartbeat plus how late the driver saw the tray's heartbeats (`Record.heartbeat_late_s`):
on a loaded machine a real second of lag is `rate` seconds of the day. That lateness has a
line of its own, bounded by what load explains, so a tray that froze still fails. A session
cut at a wall-clock step back is one session: the piece resumed after the step says which
piece it continues (its audit), and the session starts where its first piece does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.integration.weeksim.record import Record, SessionTruth
from tests.integration.weeksim.store_view import Group, StoreView
from tests.integration.weeksim.verdict_checks import (
    HEARTBEAT,
    Check,
    audit_check,
    customers_check,
    exported_check,
    fault_checks,
    intact_check,
    lateness_check,
    overlaps_check,
    time_checks,
    timers_check,
    typed_names_check,
)

SHOWN_FAILURES = 12


@dataclass
class Verdict:
    checks: list[Check]
    counts: dict[str, Any]
    header: str

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name.startswith(name))

    def table(self) -> str:
        width = max(len(c.name) for c in self.checks)
        lines = [
            self.header,
            "",
            f"| {'check'.ljust(width)} | result |",
            f"|{'-' * (width + 2)}|---|",
        ]
        for c in self.checks:
            lines.append(f"| {c.name.ljust(width)} | {c.result()} |")
        lines.append("")
        lines += [f"- {key}: {value}" for key, value in self.counts.items()]
        for c in self.checks:
            if c.note:
                lines.append(f"- {c.name}: {c.note}")
            for failure in c.failures[:SHOWN_FAILURES]:
                lines.append(f"  ✗ {c.name}: {failure}")
            if len(c.failures) > SHOWN_FAILURES:
                lines.append(f"  … and {len(c.failures) - SHOWN_FAILURES} more")
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict[str, Any]:
        return {
            "header": self.header,
            "counts": self.counts,
            "checks": [c.as_json() for c in self.checks],
        }


# --- matching ----------------------------------------------------------------------------------


def match(
    truths: list[SessionTruth], groups: list[Group]
) -> tuple[dict[str, list[Group]], list[Group]]:
    """Each stored session → the scripted session it is (same app and partner, sharing time,
    the nearest start); the ones that are none."""
    found: dict[str, list[Group]] = {t.sid: [] for t in truths}
    extra: list[Group] = []
    for group in groups:
        if group.source == "manual":
            continue
        candidates = [
            t
            for t in truths
            if t.end is not None
            and t.app == group.source
            and t.partner_id in group.partner_ids
            and group.start < t.end.at + HEARTBEAT
            and t.start.at - HEARTBEAT < group.end
        ]
        if not candidates:
            extra.append(group)
            continue
        best = min(candidates, key=lambda t: abs((group.start - t.start.at).total_seconds()))
        found[best.sid].append(group)
    return found, extra


def judge(
    record: Record,
    database: Path,
    export: dict[str, Any],
    backend: tuple[Check, dict[str, Any]] | None = None,
) -> Verdict:
    """The verdict; `backend`: the backend step's line and counts, when it ran."""
    store = StoreView.read(database)
    groups = store.groups()
    truths = [t for t in record.sessions if t.end is not None]
    found, extra = match(truths, groups)
    once = Check("every scripted session in the store exactly once")
    for t in truths:
        got = found[t.sid]
        once.add(
            len(got) == 1,
            f"{t.sid} {t.app} {t.partner_id} {t.start.wall}: "
            + (
                "missing"
                if not got
                else f"{len(got)} times: " + " | ".join(g.describe() for g in got)
            ),
        )
    for g in extra:
        once.failures.append(f"not scripted: {g.source} {sorted(g.partner_ids)} {g.describe()}")
    matched = {t.sid: found[t.sid][0] for t in truths if len(found[t.sid]) == 1}
    checks = [once, *time_checks(record, truths, matched), *fault_checks(record, truths, matched)]
    checks.append(lateness_check(record))
    checks += [
        customers_check(truths, matched),
        typed_names_check(record, store),
        overlaps_check(record, truths, matched, groups),
        timers_check(record, groups),
        audit_check(store),
        intact_check(store),
        exported_check(store, export),
        backend[0]
        if backend is not None
        else Check(
            "every approved entry in the backend exactly once",
            not_run="no backend in this run (a live Tryton comes with tryton=…)",
        ),
    ]
    counts = _counts(record, store, groups)
    if backend is not None:
        counts["backend"] = backend[1]
    statuses: dict[str, int] = {}
    for row in export.get("entries", []):
        statuses[str(row.get("status"))] = statuses.get(str(row.get("status")), 0) + 1
    counts["exported, by status"] = statuses
    total = sum(float(r.get("amount") or 0) for r in export.get("entries", []))
    counts["exported amount"] = f"{total:.2f} {export.get('currency', '')}"
    header = (
        f"Week simulation: profile {record.profile}, seed {record.seed}, clock x{record.rate:g}, "
        f"days {', '.join(record.days)}; {record.real_seconds / 60:.1f} real minutes"
    )
    return Verdict(checks, counts, header)


def _counts(record: Record, store: StoreView, groups: list[Group]) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for f in record.faults:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    origins: dict[str, int] = {}
    for piece in store.pieces:
        for p in piece.pauses:
            key = f"{p.origin} ({p.state})"
            origins[key] = origins.get(key, 0) + 1
    return {
        "scripted sessions": len(record.sessions),
        "of them refused attempts": sum(t.refused for t in record.sessions),
        "prompts": {
            kind: sum(t.prompt == kind for t in record.sessions)
            for kind in ("answer", "later", "ignore")
        },
        "names typed": record.typed,
        "phone timers": len(record.timers),
        "entries stored": len(store.pieces),
        "of them discarded by trayclock (merged, remnants)": sum(p.discarded for p in store.pieces),
        "stored sessions (pieces grouped)": len(groups),
        "pauses": origins,
        "faults injected": kinds,
        "tray runs": len(record.app_runs),
        "audit rows": sum(len(rows) for rows in store.audit.values()),
        "driver notes": record.notes,
    }
