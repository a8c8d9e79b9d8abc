"""A day's plan as one ordered list of timed steps (awake seconds from the day's start)."""

from __future__ import annotations

from dataclasses import dataclass

from tests.integration.weeksim.plan import DayPlan, FaultKind, FaultPlan, SessionPlan, TimerPlan

RECONNECT_AFTER_S = 20.0  # a dropped connection is back this soon (well within the grace)
WORK_EVERY_S = 120.0  # the technician's input, so the desktop does not count them idle
LOGOUT_AFTER_S = 150.0  # after the last thing of the day: every end is stored by then

# At one instant: ends before starts (a partner's next session never meets its last one),
# faults last (they act on the state the instant's other steps left).
_ORDER = {
    "end": 0,
    "drop": 1,
    "prompt": 2,
    "timer_stop": 3,
    "start": 4,
    "reconnect": 5,
    "timer_start": 6,
    "work": 7,
}
_FAULT_ORDER = 9


@dataclass(frozen=True, slots=True)
class Step:
    at_s: float
    kind: str
    session: SessionPlan | None = None
    timer: TimerPlan | None = None
    fault: FaultPlan | None = None

    @property
    def blocks_s(self) -> float:
        """How long the step itself takes by design (a stall holds the world still)."""
        if self.fault is not None and self.fault.kind is FaultKind.STALL:
            return self.fault.duration_s
        return 0.0

    @property
    def order(self) -> tuple[float, int]:
        return self.at_s, _ORDER.get(self.kind, _FAULT_ORDER)


def steps_of(day: DayPlan) -> list[Step]:
    steps: list[Step] = []
    for s in day.sessions:
        steps.append(Step(s.start_s, "start", session=s))
        steps.append(Step(s.end_s, "end", session=s))
        if s.reconnect_s is not None:
            steps.append(Step(s.reconnect_s, "drop", session=s))
            steps.append(Step(s.reconnect_s + RECONNECT_AFTER_S, "reconnect", session=s))
        if s.answer_s is not None:
            steps.append(Step(s.answer_s, "prompt", session=s))
    for timer in day.timers:
        steps.append(Step(timer.start_s, "timer_start", timer=timer))
        steps.append(Step(timer.end_s, "timer_stop", timer=timer))
    for f in day.faults:
        if f.kind is FaultKind.BACKEND_DOWN:
            continue
        steps.append(Step(f.at_s, str(f.kind), fault=f))
        if f.kind is FaultKind.KILL:
            steps.append(Step(f.at_s + f.duration_s, "restart", fault=f))
        elif f.kind is FaultKind.DISK_FULL:
            steps.append(Step(f.at_s + f.duration_s, "disk_free", fault=f))
    last = max((step.at_s for step in steps), default=0.0)
    t = WORK_EVERY_S
    while t < last:
        steps.append(Step(t, "work"))
        t += WORK_EVERY_S
    steps.append(Step(last + LOGOUT_AFTER_S, "logout"))
    return sorted(steps, key=lambda step: step.order)
