"""The technician's scripted days: sessions, phone calls, prompts and the faults injected, as
a plan in awake time (seconds from the day's start on the computer's monotonic clock).

Pure and seeded: the same seed gives the same week. A plan says what the technician and the
world do, never what trayclock should store; the verdict judges the store against what was
actually done (`record.py`), not against this plan.

Rules the generator keeps so that the script stays unambiguous (what a real technician
would not notice): one session per partner at a time, and the next one more than the grace
period later (else it is a reconnect); one attach prompt pending at a time (the prompt asks
about one session; newer ones wait in the menu); no SIGKILL while a prompt is pending or an
unattached session runs (a restarted tray asks again about running unattached sessions).

Why this module is long: the script's types, its profiles and the rules that place sessions,
prompts and faults are one thing read together; split, each rule would lose its reason.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from tests.integration.weeksim.cast import PARTNERS, Partner

ZONE = ZoneInfo("Europe/Berlin")
GRACE_S = 60.0  # trayclock's default grace period: what the script must stay clear of
PARTNER_REST_S = 3 * GRACE_S  # the same partner again no sooner than this after its end
# No session ends this soon after an interruption of trayclock's watch (a sleep, a restart):
# the rules take such an end for a session that never came back (billing-rules.md pauses),
# which is right, but not what the script means to test there.
QUIET_AFTER_S = GRACE_S + 40
HEARTBEAT_S = 30.0  # trayclock's heartbeat
# A wall-clock step back cuts every running entry at its last heartbeat and resumes it at the
# set-back wall clock (tracker/__init__.py). A session that started less than the step's size
# before it would have its first piece wholly after the resumed one's start on the wall
# clock: what comes next (a reconnect reopening "the partner's latest entry") then meets the
# wrong piece. Not what the step means to test: sessions across a step back started this
# much more than the step's size before it (the driver's lag only moves the step later).
STEP_CLEAR_S = 2 * HEARTBEAT_S


class Prompt(StrEnum):
    KNOWN = "known"  # a mapped (or learned) partner: no question
    ANSWER = "answer"  # the tech types the customer into the prompt
    LATER = "later"  # the tech clicks Later (the session stays without a customer)
    IGNORE = "ignore"  # the prompt is left alone until the session ended, then Later


class FaultKind(StrEnum):
    KILL = "kill"  # SIGKILL of the tray, restarted after `duration_s`
    DISK_FULL = "disk_full"  # the store's file system full for `duration_s`
    ROTATE = "rotate"  # RustDesk's current log renamed, a new one started
    TRUNCATE = "truncate"  # AnyDesk's trace truncated to nothing (copytruncate)
    REPLACE = "replace"  # TeamViewer's Connections.txt written anew and renamed over
    STEP = "step"  # the wall clock set by `delta_s` (NTP)
    STALL = "stall"  # the tray stopped (SIGSTOP) for `duration_s`, then continued
    SLEEP = "sleep"  # the computer suspended for `duration_s` (wall time)
    BACKEND_DOWN = "backend_down"  # the billing backend unreachable all day (sync, when it exists)


@dataclass(frozen=True, slots=True)
class SessionPlan:
    sid: str
    partner: Partner
    start_s: float
    end_s: float
    prompt: Prompt = Prompt.KNOWN
    answer_s: float | None = None  # when the tech answers (or clicks Later)
    refused: bool = False  # an AnyDesk attempt the partner's side refuses
    reconnect_s: float | None = None  # the connection drops here and comes back in 20 s
    fiber: int = 0  # AnyDesk: the trace's fiber column

    @property
    def app(self) -> str:
        return self.partner.app


@dataclass(frozen=True, slots=True)
class TimerPlan:
    """A phone call, timed by hand with `trayclock timer start/stop`."""

    sid: str
    customer: str
    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class FaultPlan:
    kind: FaultKind
    at_s: float
    duration_s: float = 0.0
    delta_s: float = 0.0


@dataclass(frozen=True, slots=True)
class DayPlan:
    day: date
    starts_at: time  # local time the technician logs in
    length_s: float
    sessions: tuple[SessionPlan, ...]
    timers: tuple[TimerPlan, ...]
    faults: tuple[FaultPlan, ...]
    night_asleep: bool = False  # after this day the laptop sleeps (tray running) till the next

    def start_wall(self) -> datetime:
        return datetime.combine(self.day, self.starts_at, ZONE)


@dataclass(frozen=True, slots=True)
class Profile:
    """How a day looks: its length, what happens in it, and which faults."""

    days: int
    length_s: float
    sessions: int
    duration_s: tuple[float, float, float]  # min, mode, max of a session
    overlap_share: float
    answers: int
    laters: int
    ignores: int
    refused: int
    reconnects: int
    timers: int
    faults: tuple[tuple[tuple[FaultKind, float, float], ...], ...]  # per day: kind, dur, delta
    night_asleep_after: tuple[int, ...] = ()


WEEK = Profile(
    days=5,
    length_s=8.5 * 3600,
    sessions=40,
    duration_s=(120, 420, 1800),
    overlap_share=0.15,
    answers=2,
    laters=1,
    ignores=1,
    refused=2,
    reconnects=2,
    timers=2,
    faults=(
        ((FaultKind.KILL, 40, 0), (FaultKind.KILL, 120, 0), (FaultKind.ROTATE, 0, 0)),
        ((FaultKind.KILL, 20, 0), (FaultKind.DISK_FULL, 1200, 0), (FaultKind.TRUNCATE, 0, 0)),
        (
            (FaultKind.KILL, 90, 0),
            (FaultKind.SLEEP, 2700, 0),
            (FaultKind.STEP, 0, -180),
            (FaultKind.REPLACE, 0, 0),
        ),
        (
            (FaultKind.KILL, 30, 0),
            (FaultKind.STALL, 180, 0),
            (FaultKind.STEP, 0, 420),
            (FaultKind.ROTATE, 0, 0),
        ),
        ((FaultKind.KILL, 60, 0), (FaultKind.KILL, 10, 0), (FaultKind.BACKEND_DOWN, 0, 0)),
    ),
    night_asleep_after=(2,),
)

CI_DAY = Profile(
    days=1,
    length_s=70 * 60,
    sessions=11,
    duration_s=(120, 300, 540),
    overlap_share=0.2,
    answers=1,
    laters=1,
    ignores=1,
    refused=1,
    reconnects=2,
    timers=1,
    faults=(
        (
            (FaultKind.KILL, 45, 0),
            (FaultKind.DISK_FULL, 300, 0),
            (FaultKind.ROTATE, 0, 0),
            (FaultKind.TRUNCATE, 0, 0),
            (FaultKind.REPLACE, 0, 0),
            (FaultKind.STEP, 0, -150),
            (FaultKind.STALL, 120, 0),
            (FaultKind.SLEEP, 900, 0),
            (FaultKind.BACKEND_DOWN, 0, 0),
        ),
    ),
)

SMOKE = Profile(  # the harness itself, quickly: two short days, a night asleep between
    days=2,
    length_s=40 * 60,
    sessions=6,
    duration_s=(120, 300, 600),
    overlap_share=0.2,
    answers=1,
    laters=0,
    ignores=0,
    refused=0,
    reconnects=0,
    timers=0,
    faults=(((FaultKind.STEP, 0, 420),), ((FaultKind.KILL, 30, 0),)),
    night_asleep_after=(0,),
)

FIRST_DAY = date(2026, 11, 23)  # a Monday
LOGIN = time(7, 30)


def week(profile: Profile, seed: str) -> list[DayPlan]:
    rng = random.Random(seed)
    learned: set[str] = set()  # partners the tech attached (remembered) on earlier days
    days = []
    for index in range(profile.days):
        day = FIRST_DAY + timedelta(days=index)
        plan = _day(profile, index, day, rng, learned)
        days.append(replace(plan, night_asleep=index in profile.night_asleep_after))
    return days


# --- one day -----------------------------------------------------------------------------


def _day(profile: Profile, index: int, day: date, rng: random.Random, learned: set[str]) -> DayPlan:
    spans = _spans(profile, rng)
    sessions = _assign(profile, index, spans, rng, learned)
    sessions = _refusals(profile, index, sessions, rng)
    sessions = _reconnects(profile, sessions, rng)
    timers = _timers(profile, index, rng)
    faults = _faults(profile.faults[index], sessions, timers, profile.length_s, rng)
    return DayPlan(day, LOGIN, profile.length_s, tuple(sessions), tuple(timers), tuple(faults))


def _spans(profile: Profile, rng: random.Random) -> list[tuple[float, float]]:
    """Start and end of each session: mostly one after another, some overlapping the last."""
    low, mode, high = profile.duration_s
    durations = [rng.triangular(low, high, mode) for _ in range(profile.sessions)]
    busy = sum(durations) * (1 - profile.overlap_share / 2)
    free = max(profile.length_s * 0.9 - busy - 300, 60.0 * profile.sessions)
    gap_mean = free / profile.sessions
    spans: list[tuple[float, float]] = []
    t = 240.0
    for duration in durations:
        if spans and rng.random() < profile.overlap_share:
            last_start, last_end = spans[-1]
            start = last_start + rng.uniform(0.2, 0.7) * (last_end - last_start)
        else:
            start = max((end for _, end in spans), default=t) + rng.uniform(0.3, 1.7) * gap_mean
        spans.append((start, start + duration))
    scale = min(1.0, (profile.length_s - 300) / max(end for _, end in spans))
    return [(round(s * scale, 1), round(e * scale, 1)) for s, e in spans]


def _busy(sessions: list[SessionPlan], partner: Partner, start: float, end: float) -> bool:
    return any(
        s.partner == partner
        and s.start_s - PARTNER_REST_S < end
        and start < s.end_s + PARTNER_REST_S
        for s in sessions
    )


def _assign(
    profile: Profile,
    index: int,
    spans: list[tuple[float, float]],
    rng: random.Random,
    learned: set[str],
) -> list[SessionPlan]:
    """A partner and a prompt kind for each span; unknown partners where a prompt fits."""
    kinds = [Prompt.ANSWER] * profile.answers + [Prompt.LATER] * profile.laters
    kinds += [Prompt.IGNORE] * profile.ignores
    # Prompts spread over the day, the ignored one last.
    wanted = sorted(rng.sample(range(1, len(spans) - 1), len(kinds)))
    order = dict(zip(wanted, kinds, strict=True))
    sessions: list[SessionPlan] = []
    prompt_free_at = 0.0  # when the pending prompt (if any) is dealt with
    fiber = 40 + 10 * index
    for number, (start, end) in enumerate(spans):
        fiber += 1
        kind = order.get(number, Prompt.KNOWN)
        if kind is not Prompt.KNOWN and start >= prompt_free_at:
            partner = _unknown_partner(sessions, start, end, rng, learned)
        else:
            kind, partner = Prompt.KNOWN, None
        if partner is None:
            kind = Prompt.KNOWN
            partner = _known_partner(sessions, start, end, rng, learned)
        answer = None
        if kind in (Prompt.ANSWER, Prompt.LATER):
            answer = start + rng.uniform(20, min(150, (end - start) * 0.6))
        elif kind is Prompt.IGNORE:
            answer = end + rng.uniform(60, 240)
        if answer is not None:
            prompt_free_at = answer + 30
            if kind is Prompt.ANSWER:
                learned.add(partner.partner_id)
        sessions.append(
            SessionPlan(
                f"d{index + 1}-s{number + 1:02d}", partner, start, end, kind, answer, fiber=fiber
            )
        )
    return sessions


def _unknown_partner(
    sessions: list[SessionPlan], start: float, end: float, rng: random.Random, learned: set[str]
) -> Partner | None:
    choices = [
        p
        for p in PARTNERS
        if not p.mapped and p.partner_id not in learned and not _busy(sessions, p, start, end)
    ]
    return rng.choice(choices) if choices else None


def _known_partner(
    sessions: list[SessionPlan], start: float, end: float, rng: random.Random, learned: set[str]
) -> Partner:
    choices = [
        p
        for p in PARTNERS
        if (p.mapped or p.partner_id in learned) and not _busy(sessions, p, start, end)
    ]
    return rng.choice(choices)


def _refusals(
    profile: Profile, index: int, sessions: list[SessionPlan], rng: random.Random
) -> list[SessionPlan]:
    """Some known AnyDesk partners' sessions are refused by the other side at once."""
    candidates = [
        i for i, s in enumerate(sessions) if s.app == "anydesk" and s.prompt is Prompt.KNOWN
    ]
    for i in rng.sample(candidates, min(profile.refused, len(candidates))):
        s = sessions[i]
        sessions[i] = replace(s, end_s=s.start_s + 4.0, refused=True)
    return sessions


def _reconnects(
    profile: Profile, sessions: list[SessionPlan], rng: random.Random
) -> list[SessionPlan]:
    """A RustDesk session drops and reconnects by itself; an AnyDesk one is reconnected by
    the tech (new window, new trace session) — both within the grace period."""
    done = 0
    for app in ("rustdesk", "anydesk"):
        if done >= profile.reconnects:
            break
        fitting = [
            i
            for i, s in enumerate(sessions)
            if s.app == app
            and s.prompt is Prompt.KNOWN
            and not s.refused
            and s.end_s - s.start_s >= 180
        ]
        if fitting:
            i = rng.choice(fitting)
            s = sessions[i]
            sessions[i] = replace(s, reconnect_s=round((s.start_s + s.end_s) / 2, 1))
            done += 1
    return sessions


def _timers(profile: Profile, index: int, rng: random.Random) -> list[TimerPlan]:
    """Phone calls, one at a time (`timer start` would stop the one running)."""
    timers: list[TimerPlan] = []
    share = 0.8 / max(profile.timers, 1)
    for number in range(profile.timers):
        start = (0.1 + number * share + rng.uniform(0, share / 2)) * profile.length_s
        customer = rng.choice(["acme", "delta", "hotel", "iris"])
        timers.append(
            TimerPlan(
                f"d{index + 1}-t{number + 1}",
                customer,
                round(start, 1),
                round(start + rng.uniform(240, 600), 1),
            )
        )
    return timers


# --- faults --------------------------------------------------------------------------------


def _running(sessions: list[SessionPlan], t: float, app: str | None = None) -> list[SessionPlan]:
    return [
        s
        for s in sessions
        if s.start_s < t < s.end_s and not s.refused and (app is None or s.app == app)
    ]


def _prompt_window(s: SessionPlan) -> tuple[float, float] | None:
    if s.prompt is Prompt.KNOWN or s.answer_s is None:
        return None
    end = s.end_s if s.prompt is not Prompt.ANSWER else s.answer_s
    return s.start_s - 200, max(end, s.answer_s) + 60  # unattached: asked again after a restart


def _events(sessions: list[SessionPlan], timers: list[TimerPlan]) -> Iterator[float]:
    for s in sessions:
        yield s.start_s
        yield s.end_s
        if s.reconnect_s is not None:
            yield s.reconnect_s
        if s.answer_s is not None:
            yield s.answer_s
    for t in timers:
        yield t.start_s
        yield t.end_s


def _ends(sessions: list[SessionPlan], timers: list[TimerPlan]) -> Iterator[float]:
    for s in sessions:
        yield s.end_s
        if s.reconnect_s is not None:
            yield s.reconnect_s
    for t in timers:
        yield t.end_s


def _fits(
    kind: FaultKind,
    at: float,
    duration: float,
    sessions: list[SessionPlan],
    timers: list[TimerPlan],
    taken: list[FaultPlan],
    delta: float = 0.0,
) -> bool:
    awake = 0.0 if kind is FaultKind.SLEEP else duration  # a sleep takes no awake time
    span_end = at + max(awake, 60.0)
    for other in taken:
        other_awake = 0.0 if other.kind is FaultKind.SLEEP else other.duration_s
        other_end = other.at_s + max(other_awake, 60.0)
        if at < other_end + 90 and other.at_s < span_end + 90:
            return False  # faults one at a time: each one's effect is told apart
    if kind in (FaultKind.KILL, FaultKind.STALL, FaultKind.SLEEP, FaultKind.STEP):
        for s in sessions:
            window = _prompt_window(s)
            if window and at - 10 < window[1] and window[0] < span_end:
                return False
    if kind in (FaultKind.STALL, FaultKind.SLEEP, FaultKind.STEP):
        # Something runs across it, and nothing starts or ends right around it.
        if not _running(sessions, at) or not _running(sessions, at + awake):
            return False
        if any(at - 45 < e < at + awake + QUIET_AFTER_S for e in _events(sessions, timers)):
            return False
    if (
        kind is FaultKind.STEP
        and delta < 0
        and any(at - s.start_s < -delta + STEP_CLEAR_S for s in _running(sessions, at))
    ):
        return False
    if kind is FaultKind.KILL:
        back = at + duration
        if any(back - 10 < e < back + QUIET_AFTER_S for e in _ends(sessions, timers)):
            return False
    app = {FaultKind.ROTATE: "rustdesk", FaultKind.TRUNCATE: "anydesk"}.get(kind)
    if kind is FaultKind.REPLACE:
        app = "teamviewer"
    if app is not None:
        running = _running(sessions, at, app)
        if not running or any(s.reconnect_s is not None for s in running):
            return False
        if any(abs(e - at) < 30 for e in _events(sessions, timers)):
            return False
    return True


def _faults(
    wanted: tuple[tuple[FaultKind, float, float], ...],
    sessions: list[SessionPlan],
    timers: list[TimerPlan],
    length: float,
    rng: random.Random,
) -> list[FaultPlan]:
    taken: list[FaultPlan] = []
    # The long ones first: they are the hardest to place.
    for kind, duration, delta in sorted(wanted, key=lambda w: -w[1]):
        if kind is FaultKind.BACKEND_DOWN:
            taken.append(FaultPlan(kind, 0.0, length))
            continue
        awake = 0.0 if kind is FaultKind.SLEEP else duration
        for _ in range(5000):
            at = round(rng.uniform(300, length - awake - 300), 1)
            if _fits(kind, at, duration, sessions, timers, taken, delta):
                taken.append(FaultPlan(kind, at, duration, delta))
                break
        else:
            raise ValueError(f"no room for a {kind} fault in this day (seed?)")
    return sorted(taken, key=lambda f: f.at_s)
