"""The event → entry state machine, pure: from one session event, the facts read for it, the
tracker's memory, now and the timing, to a plan of writes (`decide`). The rules are listed
in `trayclock.tracker`'s docstring; each function below says which one it is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from trayclock.domain.entry import EndReason, Entry, closing, reopening
from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState, adding
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.tracker.attach import ATTACHED, unattached_pieces
from trayclock.tracker.cuts import step_piece_reason
from trayclock.tracker.draft import Draft
from trayclock.tracker.facts import SessionFacts
from trayclock.tracker.plan import Plan, Reopened
from trayclock.tracker.timing import Timing, pause_reason

REFUSED_REASON = "session refused before it ran: an attempt, not billable"
STEP_REMNANT = (
    "remnant after a clock step: ended within the grace period of the step, its time moved "
    "to the piece cut there"
)
DID_NOT_COME_BACK = (
    "ended: the session did not come back after the interruption, closed at the last "
    "heartbeat before it"
)
# Ended by detection, by a crash or by a sleep it did not come back from: a session reported
# running again may continue it. An end set by hand (timer stopped, edited in review) or a
# discarded entry is never reopened.
_RESUMABLE = frozenset({EndReason.ENDED, EndReason.RECOVERED, EndReason.SLEPT})
# An entry ended by an interruption of trayclock's watch, seen running again later: the gap
# is a pause of the same entry (one call), not a new piece.
_GAP_PAUSE = {EndReason.RECOVERED: PauseOrigin.RESTART, EndReason.SLEPT: PauseOrigin.SLEEP}


def decide(
    event: SessionEvent,
    facts: SessionFacts,
    reopened: Mapping[str, Reopened],
    now: datetime,
    timing: Timing,
    new_uuid: Callable[[], str],
) -> Plan:
    """What `event` does to the store: the plan of writes and the entry it touches."""
    draft = Draft(facts, reopened, new_uuid)
    session = event.session
    entry = facts.linked
    if entry is None:
        entry = _reconnected(draft, facts.partner_latest, session, now, timing)
        entry = entry or _create(draft, session, now)
        draft.link(session.app, session.key, entry.uuid)
    elif (
        entry.end is not None
        and event.kind is not EventKind.ENDED
        and _is_open(session)
        and _resumable(entry)
    ):
        entry = _resume(draft, entry, now, timing)
    before = entry
    entry = _learn(draft, entry, session)
    if entry.start < before.start or (entry.partner_id and not before.partner_id):
        entry = _fold_recovered_duplicate(draft, entry, now)
    if event.kind is EventKind.ENDED or not _is_open(session):
        entry = _end(draft, entry, event, now, timing)
    return draft.plan(entry)


def _resumable(entry: Entry) -> bool:
    return entry.end_reason in _RESUMABLE and not entry.discarded and not entry.manual


def _is_open(session: RemoteSession) -> bool:
    return session.outcome is Outcome.OPEN and session.end is None


def _session_entry(
    session: RemoteSession, uuid: str, start: datetime, end: datetime | None, heartbeat: datetime
) -> Entry:
    """A new entry for a detected session (running while `end` is None)."""
    return Entry(
        uuid=uuid,
        source=session.app,
        session_key=session.key,
        start=start,
        end=end,
        heartbeat=heartbeat,
        partner_id=session.partner_id,
        partner_name=session.partner_name,
    )


def _create(draft: Draft, session: RemoteSession, now: datetime) -> Entry:
    """Written the moment the session starts. One that already ended (seen in the log after
    a restart) is closed by `_end` in the same plan: it is never stored running."""
    entry = _session_entry(session, draft.new_uuid(), min(session.start, now), None, now)
    return draft.insert(entry, reason=f"detected {session.app} session")


def _reconnected(
    draft: Draft, earlier: Entry | None, session: RemoteSession, now: datetime, timing: Timing
) -> Entry | None:
    """Reconnect: a new session key for a partner whose entry ended within the grace period
    continues that entry (reopened; `earlier` is the latest piece of its session, so never
    one cut at a clock step whose session runs on). One that did not come back after a sleep
    counts from when it was last seen alive (its heartbeat, after waking), and the gap is a
    pause."""
    if session.partner_id is None or earlier is None or earlier.end is None:
        return None
    slept = earlier.end_reason is EndReason.SLEPT
    seen = earlier.heartbeat if slept else earlier.end
    if seen < min(session.start, now) - timing.grace:
        return None
    if earlier.attempt or not _resumable(earlier):
        return None
    origin = PauseOrigin.SLEEP if slept else None
    return _reopen(
        draft, earlier, now, reason=f"reconnect within grace ({session.key})", gap=origin
    )


def _reopen(
    draft: Draft, entry: Entry, now: datetime, *, reason: str, gap: PauseOrigin | None = None
) -> Entry:
    """Run the ended entry again from now; with `gap`, the time since its end is a pause. Now
    before its end (the wall clock went back since it ended): run from now, it would end
    before its end and lose worked time, so it is carried on as a new piece, as at the cut."""
    assert entry.end is not None
    if now < entry.end:
        return draft.continue_as_piece(entry.uuid, now, reason=step_piece_reason(entry.uuid))
    draft.reopened(entry.uuid, Reopened(entry.end, entry.end_reason))
    changes = reopening(now)
    if gap is not None and now > entry.end:
        pause = EntryPause(entry.end, now, PauseState.ACCEPTED, gap)
        changes["pauses"] = adding(entry.pauses, pause)
        reason = f"{reason}; {pause_reason(gap)}"
    return draft.change(entry.uuid, changes, reason=reason)


def _resume(draft: Draft, entry: Entry, now: datetime, timing: Timing) -> Entry:
    """Recovery: the session of an ended entry is reported running — within the grace period
    the same entry continues. After longer, an entry a crash or a sleep ended continues too,
    with the gap as a pause (trayclock was down or asleep, not the session); one detection
    ended gets a new piece."""
    assert entry.end is not None
    if now - entry.end <= timing.grace:
        return _reopen(draft, entry, now, reason="session still running")
    gap = _GAP_PAUSE.get(entry.end_reason) if entry.end_reason is not None else None
    if gap is not None:
        return _reopen(draft, entry, now, reason="session still running after a gap", gap=gap)
    return draft.continue_as_piece(
        entry.uuid, now, reason=f"session still running after a gap (continues {entry.uuid})"
    )


def _learn(draft: Draft, entry: Entry, session: RemoteSession) -> Entry:
    """Take what detection newly knows: the partner ID and name, the log's earlier start,
    and the customer the partner mapping implies (for every unattached piece)."""
    changes: dict[str, object] = {}
    if session.partner_id and session.partner_id != entry.partner_id:
        changes["partner_id"] = session.partner_id
    if session.partner_name and session.partner_name != entry.partner_name:
        changes["partner_name"] = session.partner_name
    if (
        session.start < entry.start  # a later start would cut billed time off
        and entry.session_key == session.key  # not a reconnect folded into this entry
        and entry.end is None
        and not draft.has_other_piece(entry)  # a continuation (after a cut) starts on its own
    ):
        # The log knows the exact start, before the window was first seen. Detection only
        # ever moves a start earlier; a later one is the same session seen again after a
        # restart (its window key can repeat within the second), never a correction.
        changes["start"] = session.start
    partner_id = session.partner_id or entry.partner_id
    found_customer: int | None = None
    if partner_id:
        mapping = draft.mapping(partner_id)
        if mapping is not None:
            if entry.customer_id is None:
                changes["customer_id"] = found_customer = mapping.customer_id
            if session.partner_name and session.partner_name != mapping.partner_name:
                draft.note_partner_name(session.app, partner_id, session.partner_name)
        elif entry.customer_id is not None and "partner_id" in changes:
            _remember_late(draft, entry, partner_id, session.partner_name)
    if not changes:
        return entry
    entry = draft.change(entry.uuid, changes, reason="detected")
    if found_customer is not None and entry.session_key is not None:
        for piece in unattached_pieces(entry, draft.pieces(entry.source, entry.session_key)):
            draft.change(
                piece.uuid,
                {"customer_id": found_customer, "partner_id": piece.partner_id or entry.partner_id},
                reason=f"detected: same session as {entry.uuid}",
            )
    return entry


def _remember_late(draft: Draft, entry: Entry, partner_id: str, partner_name: str | None) -> None:
    """A partner ID learned after the tech attached the entry (remember asked) saves the
    missing partner mapping."""
    assert entry.customer_id is not None
    if draft.last_attach_reason(entry.uuid) == ATTACHED:
        draft.remember_partner(
            entry.source, partner_id, entry.customer_id, partner_name or entry.partner_name
        )


def _same_partner(a: Entry, b: Entry) -> bool:
    """The same remote partner: by ID when both know it, else by display name."""
    if a.partner_id and b.partner_id:
        return a.partner_id == b.partner_id
    return bool(a.partner_name and b.partner_name) and (
        str(a.partner_name).casefold() == str(b.partner_name).casefold()
    )


def _fold_recovered_duplicate(draft: Draft, entry: Entry, now: datetime) -> Entry:
    """A window session seen before and after a restart: once the log's start or the partner
    ID shows an overlapping recovered entry is the same session, the two are merged (the
    later-starting one discarded, audited): one session, one entry."""
    for other in draft.recovered_sharing_time(entry.source, entry.start, entry.end or now):
        if other.uuid == entry.uuid or other.manual or not _same_partner(other, entry):
            continue
        if other.customer_id and entry.customer_id and other.customer_id != entry.customer_id:
            continue  # the tech said otherwise: leave both for review
        merged = draft.merge(entry.uuid, other.uuid)
        fill = {
            "partner_id": merged.partner_id or entry.partner_id,
            "partner_name": merged.partner_name or entry.partner_name,
            "heartbeat": max(merged.heartbeat, entry.heartbeat),
        }
        if merged.end is not None:
            fill["end_reason"] = entry.end_reason or merged.end_reason
        return draft.change(merged.uuid, fill, reason="same session across a restart")
    return entry


def _end(draft: Draft, entry: Entry, event: SessionEvent, now: datetime, timing: Timing) -> Entry:
    """The session ended (or is reported already over): close the entry at its end, never
    before its last heartbeat; a refusal makes it an attempt; see the helpers for the rest."""
    session = event.session
    refused = session.outcome is Outcome.REFUSED
    reopened = draft.take_reopened(entry.uuid)
    if (
        refused
        and reopened is not None
        and entry.end is None
        and not entry.attempt
        # reopened for another session key, or it was a session that really ran
        and (entry.session_key != session.key or reopened.end_reason is EndReason.ENDED)
    ):
        return _refused_retry(draft, entry, reopened, event, now)
    if refused and not entry.attempt:
        entry = draft.change(
            entry.uuid, {"attempt": True, "billable": False}, reason=REFUSED_REASON
        )
    end = min(session.end or event.at, max(now, entry.heartbeat))
    if entry.end is not None:
        return _extend_recovered(draft, entry, session, end)
    continued = draft.continued(entry)
    if continued is not None:
        why = _remnant(continued, entry, end, timing)
        if why:
            draft.change(entry.uuid, closing(entry, end, EndReason.ENDED), reason="ended")
            remnant = draft.change(entry.uuid, {"discarded": True}, reason=why)
            if why == STEP_REMNANT:
                return _ended_after_step(draft, continued, remnant)
            return remnant
    # Ended within the grace period after a sleep: it did not come back (cuts.py).
    changes = closing(entry, end, EndReason.ENDED, after_interruption=timing.grace)
    came_back = changes["end_reason"] is EndReason.ENDED
    return draft.change(entry.uuid, changes, reason="ended" if came_back else DID_NOT_COME_BACK)


def _extend_recovered(draft: Draft, entry: Entry, session: RemoteSession, end: datetime) -> Entry:
    """Closed by recovery at the last heartbeat, but the log says the session went on while
    trayclock was down: the log is authoritative about when the session ended."""
    assert entry.end is not None
    if (
        entry.end_reason is EndReason.RECOVERED
        and not entry.discarded
        and session.end is not None
        and end > entry.end
    ):
        return draft.change(
            entry.uuid,
            {"end": end, "heartbeat": max(entry.heartbeat, end)},
            reason="the log says the session ended later (trayclock was down)",
        )
    return entry


def _remnant(continued: Entry, piece: Entry, end: datetime, timing: Timing) -> str | None:
    """Why this piece, carrying `continued` on, is no work of its own (a remnant: closed and
    discarded, audited, never billed on its own), or None when it is."""
    if end <= piece.start:
        # This piece began after the session really ended (it ended during a sleep).
        return "session ended before this piece began"
    cut = continued.end_reason is EndReason.SLEPT and not continued.discarded
    if not cut or continued.end is None or end - piece.start > timing.grace:
        return None
    if continued.end > piece.start:
        # Cut at a wall-clock step back (it ends after this piece began): its close came
        # just after the step. The computer ran on: that time is the cut piece's.
        return STEP_REMNANT
    # The session was over before the sleep; its close line came just after waking.
    return "after-sleep remnant: ended within the grace period of waking"


def _ended_after_step(draft: Draft, cut: Entry, remnant: Entry) -> Entry:
    """A session that ended within the grace period after a wall-clock step back ends on its
    piece cut at the step, that much later (on the cut piece's clock): its worked time billed
    once, in one entry, none lost."""
    assert cut.end is not None and remnant.end is not None
    after = remnant.worked(remnant.end)
    return draft.change(
        cut.uuid,
        closing(cut, cut.end + after, EndReason.ENDED),
        reason=f"ended {after.total_seconds():.0f} s after the clock step ({remnant.uuid})",
    )


def _refused_retry(
    draft: Draft, entry: Entry, reopened: Reopened, event: SessionEvent, now: datetime
) -> Entry:
    """A reconnect that was refused: the earlier, real session gets its previous end back,
    and the retry is its own visible, non-billable attempt."""
    session = event.session
    draft.change(
        entry.uuid,
        {"end": reopened.end, "end_reason": reopened.end_reason},
        reason=f"reconnect {session.key} was refused: previous end restored",
    )
    start = min(session.start, now)
    end = max(start, min(session.end or event.at, now))
    attempt = _session_entry(session, draft.new_uuid(), start, end, end).with_changes(
        end_reason=EndReason.ENDED,
        partner_id=session.partner_id or entry.partner_id,
        partner_name=session.partner_name or entry.partner_name,
        customer_id=entry.customer_id,
        attempt=True,
        billable=False,
    )
    draft.insert(attempt, reason=REFUSED_REASON)
    draft.link(session.app, session.key, attempt.uuid)
    return attempt
