"""The tracker: detected session events and manual timers become entries that survive anything.

Rules (issue 3):
- An entry is written the moment a session starts, heartbeats while it runs (`tick`), and is
  closed when it ends. Each detected session `(app, key)` is linked to exactly one entry at
  a time (table `session_links`), so a replayed or re-detected event never duplicates one.
- A known partner ID attaches the customer at once; `partner_id` arriving later (UPDATED)
  triggers the lookup then. The partner's last known display name is kept in the mapping.
- `Outcome.REFUSED`: the entry stays visible as an attempt (`attempt=True`,
  `billable=False`) and is never billable time. A refused retry that had reopened an earlier
  entry (a reconnect of another session key, or a session that really ran) gives that entry
  its previous end back and is recorded as its own attempt entry. (What was reopened is
  kept in memory: a restart between the reconnect and the refusal falls back to the rule above.)
- Reconnects to the same partner within `grace_s` continue the same entry (reopened).
  An entry whose end was set by hand (review edit) or that was discarded is never reopened:
  the person's decision wins over detection.
- One session, one customer: a customer found through the partner mapping is attached to
  the current piece and to every unattached earlier piece of the same session, and so is one
  the tech attaches (`attach`; the partner is remembered from the entry attached only). A
  partner ID learned after the tech attached the entry (remember asked, audit reason
  `attached`) saves the missing partner mapping.
- After a crash or kill, `recover()` closes every detected entry at its last heartbeat
  (`EndReason.RECOVERED`). If detection then reports the session still running, the same
  entry continues: within `grace_s` of that heartbeat as if nothing happened, after longer
  with the downtime as a pause (origin `restart`): one call, one entry, whatever happened to
  trayclock (a SIGKILL during a sleep included). An entry detection ended (`ENDED`) seen
  running again after longer than `grace_s` starts a new piece.
  When the log later reports when such a session really ended (an ENDED/UPDATED/STARTED with
  `session.end` after the recovered end), the end is extended to it (audited): the log is
  authoritative about when the session ended. A STARTED whose session already has an end
  (work that ended while trayclock was down) is stored closed, never running, and once.
  Manual timers are the technician's explicit claim: recovery leaves them running, but one
  whose last heartbeat is older than the sleep gap gets the downtime as a pause and runs
  on: the downtime is never worked time. (A timer never heartbeated, started by
  `trayclock timer` with no tray running, is left as it is.)
- A window session seen before and after a restart gets two keys. When an event moves an
  entry's start earlier or brings its partner ID, an overlapping RECOVERED entry of the same
  app and partner (ID, or name when either lacks the ID) is merged into it (`entries.merge`:
  the later-starting one is discarded, audited): one session, one entry.
- A sleep (`tick` finds the computer was suspended for more than `sleep_gap_s` since the
  tracker last looked, default 2 × heartbeat — read from the clock's uptime, never guessed
  from the wall clock) pauses every running entry, timers too, from its last heartbeat for
  exactly the time asleep (an accepted pause, origin `sleep`, audited; the awake time
  around the sleep — the heartbeat's timer finishing its interval after waking — stays
  worked): the entry runs
  on, one call billed once (billing-rules.md `pauses`). So does a forward wall-clock jump
  the uptime does not explain (origin `clock`). A stall of our own process (a 90 s regex on
  the GUI thread: wall and awake time advance together) is neither: nothing is cut.
  A session that did not come back — reported ended at a moment inside the pause or within
  `grace_s` after it — ends at the last heartbeat before the sleep (`EndReason.SLEPT`) and
  loses the pause; a reconnect of the same app and partner within `grace_s` of waking (its
  heartbeat) reopens it with the pause back. Time asleep is never worked time.
  A wall clock more than one heartbeat BEHIND the last look (an NTP/RTC step back) cuts
  every running entry at its last heartbeat (`SLEPT`) and a new piece starts at the moment
  the step was seen. An end is never clamped to before the last heartbeat. A later piece
  that ends within `grace_s` of starting after such a cut is a "remnant" (its close was
  logged just after): it is closed and discarded (audited, recoverable), not billed on its
  own; after a step back its worked time moves to the piece cut there, which ends that much
  after its cut (`ENDED`): billed once, nothing lost. Which piece carries which on is the
  order they were recorded in, never their start (a piece resumed after a step back starts
  earlier), and a reconnect continues the latest piece of the partner's session. An ended
  entry is never reopened to before its end: with the clock behind it, it is carried on as
  a new piece from now, as at the cut.
- Idle time (issue 11): with an idle source (`idle_source`, read once a heartbeat), no
  keyboard or mouse input for longer than `idle_threshold_s` (default 10 min; 0: never ask)
  while a detected session ran becomes a SUGGESTED pause on that entry, from the last input
  to input again (or the session's end), audited "suggested by idle detection". It never
  changes a price until accepted (`trayclock.services.pauses`).
- A full disk (or a lock held by another process) never loses an event: a write that fails
  with a `TransientStoreError` is queued in memory and retried on the next `tick`; a
  heartbeat that cannot be written is simply skipped, and is not taken for a sleep (the time
  last seen moves on regardless). A queued event whose replay fails for any other reason is
  logged and set aside (`dropped_events`, `dropped_count`) so later events still apply.
- Overlap: a session starting while another customer's (or an unattached) entry runs
  flags both; `attach` re-evaluates (the store does this on every relevant change).

One Tracker per connection, used from the thread that opened it (the GUI thread: detection
hands its events over through the one doorway of the UI runner).

How an event is applied, in one transaction: `facts.read_facts` reads what the event needs
(one typed value), `rules.decide` — pure, tested without SQLite — turns event, facts, the
tracker's memory, now and the timing into a `plan.Plan`, and `write.write` applies it.
The package:
    core.py     Tracker: the doorway; the tracker's memory; hands each job on
    timing.py   heartbeat / grace / sleep gap; ClockWatch tells a sleep from a stall
    queue.py    events held while the store refuses writes; poisoned ones set aside
    facts.py    SessionFacts and read_facts: the store as one event needs it
    rules.py    decide: the event → entry state machine (the rules above)
    draft.py    the store as the rules see it while deciding; records the plan
    plan.py     the typed write steps and Plan
    write.py    applies a plan through the store's audited functions
    cuts.py     recovery after a crash, the pause at a sleep, the cut at a clock step
    idle.py     input idle readings → idle stretches → suggested pauses
    attach.py   attaching a customer; one session, one customer
    manual.py   manual timers and work added by hand

Public API (tray, prompt and review window):
    Tracker(conn, clock, *, heartbeat_s=HEARTBEAT_S, grace_s=GRACE_S, sleep_gap_s=None,
            idle_source=None, idle_threshold_s=IDLE_THRESHOLD_S)
    .recover() -> list[Entry]                    closed detected entries (timers run on)
    .handle(event: SessionEvent) -> Entry | None the entry the event touched (None if queued)
    .tick() -> list[Entry]                       entries a jump paused (or new pieces after a
                                                 step back)
    .idle_since -> datetime | None               the idle stretch going on now
    .attach(entry_uuid, customer_id, *, remember=True) -> Entry
    .start_manual(*, customer_id=None, notes="", ticket=None) -> Entry
    .stop_manual(entry_uuid=None) -> list[Entry]
    .add_manual(start, end, *, customer_id=None, notes="", ticket=None) -> Entry
    .running() -> list[Entry]
    .pending_events -> int; .dropped_events -> list[SessionEvent]; .dropped_count -> int
"""

from __future__ import annotations

from trayclock.tracker.attach import ATTACHED, ATTACHED_ONLY
from trayclock.tracker.core import Tracker
from trayclock.tracker.idle import IDLE_THRESHOLD_S
from trayclock.tracker.queue import DROPPED_KEPT, PENDING_LIMIT
from trayclock.tracker.rules import REFUSED_REASON
from trayclock.tracker.timing import GRACE_S, HEARTBEAT_S

__all__ = [
    "ATTACHED",
    "ATTACHED_ONLY",
    "DROPPED_KEPT",
    "GRACE_S",
    "HEARTBEAT_S",
    "IDLE_THRESHOLD_S",
    "PENDING_LIMIT",
    "REFUSED_REASON",
    "Tracker",
]
