"""The driver: plays the technician's days against the real app on the real desktop, inside
the simulation's fast clock (`launch.py` starts it), records what it did, and judges the store.

    python -m tests.integration.weeksim.run --profile ci|week --seed S --out DIR

Writes DIR/record.json (what was done), DIR/verdict.json and DIR/verdict.txt (the judgement),
and keeps a copy of the store (DIR/trayclock.sqlite3) and the app's log.

Why this module is long: one handler per kind of step (`on_<kind>`), in the order of a day,
on the one driver that holds the run's state; the pieces it drives live in their modules.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import uuid
from datetime import timedelta
from pathlib import Path

from tests.integration.weeksim import plan as plans
from tests.integration.weeksim.actions import Step, steps_of
from tests.integration.weeksim.app_process import App, AppFailed, DataDisk
from tests.integration.weeksim.cast import PARTNERS, company_settings, customer_name, typed_names
from tests.integration.weeksim.clock import SimClock, real_env
from tests.integration.weeksim.record import FaultTruth, Moment, Record, SessionTruth, TimerTruth
from tests.integration.weeksim.store_view import utc
from tests.integration.weeksim.technician import Technician
from tests.integration.weeksim.tools import Logs, Processes, Windows
from tests.integration.weeksim.verdict import judge
from tests.integration.weeksim.verdict_checks import HEARTBEAT, Check

PROFILES = {"ci": plans.CI_DAY, "week": plans.WEEK, "smoke": plans.SMOKE}
PROMPT_WAIT_S = 300.0  # fast-clock seconds for the prompt to show, or to be answered
SETTLE_WAIT_S = 600.0  # for the tray to have stored every open session before a fault
PROMPT_POLL_S = 1.0
BUSY_TRIES = 10  # a timer command the store refused as busy, done again this often at most
BUSY_AGAIN_S = 30.0  # fast-clock seconds before the tech tries again
STARTING_LOOK_S = 5.0  # how often the driver looks whether the restarted tray is up
# After a fault that stops the tray's heartbeats by design (a kill, a stall, a sleep, a step,
# a full disk), its lateness is not measured for this long: the first heartbeat after it is
# not late, it was held up by the fault.
LATENESS_QUIET_S = 2 * HEARTBEAT.total_seconds()
TIME_FAULTS = frozenset({"kill", "restart", "stall", "sleep", "step", "disk_full", "disk_free"})


class Driver:
    def __init__(self, out: Path, clock: SimClock, record: Record) -> None:
        self.out = out
        self.clock = clock
        self.record = record
        self.rng = random.Random(record.seed)
        home = out / "home"
        home.mkdir(parents=True, exist_ok=True)
        self.logs = Logs(out / "tools")
        env = dict(os.environ)
        env.update(
            LC_ALL="C.UTF-8",
            LANGUAGE="en",
            TZ="Europe/Berlin",
            QT_QPA_PLATFORM="xcb",
            TRAYCLOCK_LOGS=self.logs.trayclock_logs(),
        )
        env.pop("TRAYCLOCK_GRACE_S", None)  # the default grace: what the plan keeps clear of
        self.disk = DataDisk(home / "data")
        if not self.disk.mounted:
            record.notes.append(f"disk-full fault not possible: {self.disk.problem}")
        self.app = App(home, env)
        self.windows = Windows(env)
        self.processes = Processes(out / "bin", env)
        self.tech = Technician(real_env(env), clock.rate, typed_names())
        self.known = {p.partner_id: p.customer for p in PARTNERS if p.mapped}
        self.truth: dict[str, SessionTruth] = {}
        self.fibers: dict[str, int] = {}
        self.window_of: dict[str, str] = {}
        self.timers: dict[str, TimerTruth] = {}
        self.open_faults: dict[str, FaultTruth] = {}
        self.after_disk: list[Step] = []  # what the tech tries again once the disk has room
        self.run_started: Moment | None = None
        self.restarting: FaultTruth | None = None  # a kill whose tray is starting again
        self.quiet_until = 0.0  # awake time before which heartbeats' lateness is not measured

    # --- the week --------------------------------------------------------------------------

    def moment(self) -> Moment:
        reading = self.clock.read()
        return Moment(reading.wall.isoformat(), reading.awake)

    def setup(self, first: plans.DayPlan) -> None:
        self.clock.set_wall(first.start_wall() - timedelta(minutes=20))
        # The company's file, as a rollout does: rules, customers, their partners (a store
        # with rules set does not ask the first-start questions).
        company = self.out / "company.json"
        company.write_text(json.dumps(company_settings(), ensure_ascii=False), encoding="utf-8")
        self.app.cli("settings", "import", str(company), "--yes")
        self.logs.anydesk_started(self.clock.now())

    def week(self, days: list[plans.DayPlan]) -> None:
        self.setup(days[0])
        for index, day in enumerate(days):
            if not self.app.running:
                self.logs.rotate_rustdesk(self.clock.now())  # RustDesk's daily file
                gap = day.start_wall() - self.clock.now()
                if gap > timedelta(0):
                    self.clock.night(gap)
            self.record.days.append(day.day.isoformat())
            self.play(day)
            after = days[index + 1] if index + 1 < len(days) else None
            if after is not None and day.night_asleep:
                self.suspend_overnight(after)
            else:
                self.logout()

    def play(self, day: plans.DayPlan) -> None:
        if not self.app.running:
            self.app.start()  # the technician starts working once the tray is up
            self.run_started = self.moment()
        if any(f.kind is plans.FaultKind.BACKEND_DOWN for f in day.faults):
            self._instant("backend_down", "Tryton unreachable at this day's sync")
        origin = self.clock.read().awake
        lag = 0.0  # how late the day runs: what the script does keeps its spacing
        for step in steps_of(day):
            while True:
                self._starting()
                wait = origin + step.at_s + lag - self.clock.read().awake
                if wait <= 0:
                    break
                self.clock.sleep(min(wait, STARTING_LOOK_S) if self.restarting else wait)
            self._look_at_heartbeats()
            self.do(step)
            lag = max(lag, self.clock.read().awake - origin - step.at_s - step.blocks_s)
        self.record.notes.append(f"{day.day}: the script ran {lag:.0f} s late by the end")

    def _starting(self) -> None:
        """The tray started again after a kill: the downtime ends once it is up."""
        if self.restarting is not None and self.app.ready():
            self.restarting.end = self.run_started = self.moment()
            self.record.faults.append(self.restarting)
            self.restarting = None
            self._quiet()

    def _quiet(self) -> None:
        self.quiet_until = self.clock.read().awake + LATENESS_QUIET_S

    def _look_at_heartbeats(self) -> None:
        """How late the tray's heartbeats are: the newest heartbeat of a running detected
        entry is at most one interval old when the tray keeps time; what is beyond is lag
        (a loaded machine, `rate` times larger on the fast clock). The largest seen goes
        into the record; the verdict's tolerances for what is cut or paused at a heartbeat
        follow it, and its own line says whether it stayed within what load explains."""
        if (
            self.restarting is not None
            or self.open_faults
            or not self.app.running
            or self.clock.read().awake < self.quiet_until
        ):
            return
        now = self.clock.now()
        rows = self.app.read(
            'SELECT max(heartbeat) FROM entries WHERE "end" IS NULL AND discarded = 0 '
            "AND source != 'manual'"
        )
        newest = utc(str(rows[0][0])) if rows and rows[0][0] is not None else None
        if newest is None:
            return
        late = (now - newest - HEARTBEAT).total_seconds()
        self.record.heartbeat_looks += 1
        self.record.heartbeat_late_s = max(self.record.heartbeat_late_s, late)

    def _need_app(self) -> None:
        """A step that acts on the running tray waits until it is up again."""
        while self.restarting is not None:
            self.clock.sleep(STARTING_LOOK_S)
            self._starting()

    def _settle(self, *, ends: bool = True) -> None:
        """Before a fault that acts on time (a kill, a stall, a sleep, a step): wait until the
        tray has stored every session open now as running, and (`ends`) every session that
        ended as ended. On a loaded machine the tray lags by real seconds (minutes on the
        fast clock), and it ends a session only once the grace period passed without a sign
        of it (RustDesk's: twice, its log's Exit line is confirmed by the grace too); a
        fault before that meets a session in a state the tray has not caught up with, which
        is another test than the one scripted. (The plan keeps starts and ends 45 s clear
        of such a fault; waiting here moves the fault and, the driver keeping the script's
        spacing, all that follows.) A kill does not wait for ends: a session that ended
        in its grace period when the tray was killed is closed at the last heartbeat (the
        README), which the verdict knows."""
        self._need_app()
        deadline = self.clock.read().awake + SETTLE_WAIT_S
        while self.clock.read().awake < deadline:
            open_now = {t.partner_id for t in self.truth.values() if not t.refused and not t.end}
            ended = {t.partner_id for t in self.truth.values() if not t.refused and t.end}
            stored = {
                str(row[0])
                for row in self.app.read(
                    'SELECT partner_id FROM entries WHERE "end" IS NULL AND discarded = 0 '
                    "AND partner_id IS NOT NULL"
                )
            }
            if open_now <= stored and not (ends and (ended - open_now) & stored):
                return
            self.clock.sleep(PROMPT_POLL_S)
        self.record.notes.append(f"{self.clock.now():%F %T}: the tray had not caught up")

    def _app_ended(self, how: str, status: int | None = None) -> None:
        self.record.app_runs.append(
            {"start": self.run_started, "end": self.moment(), "how": how, "status": status}
        )

    def logout(self) -> None:
        status = self.app.stop()
        self._app_ended("quit", status)
        if status != 0:
            self.record.notes.append(f"trayclock quit with status {status} at the day's end")

    def suspend_overnight(self, next_day: plans.DayPlan) -> None:
        """The lid closed with the tray running: the computer sleeps till the next morning."""
        start = self.moment()
        self.clock.suspend(next_day.start_wall() - self.clock.now(), [self.app.pid])
        self.record.faults.append(FaultTruth("sleep", start, self.moment(), "overnight"))
        self._quiet()

    # --- one step --------------------------------------------------------------------------

    def do(self, step: Step) -> None:
        handler = getattr(self, f"on_{step.kind}")
        handler(step)
        if step.kind in TIME_FAULTS:
            self._quiet()

    def on_work(self, step: Step) -> None:
        self.tech.work()

    def on_logout(self, step: Step) -> None:
        self._need_app()
        self._dismiss_unexpected_prompt()

    def on_start(self, step: Step) -> None:
        s = step.session
        assert s is not None
        self._dismiss_unexpected_prompt()
        now = self.moment()
        expected = self.known.get(s.partner.partner_id)
        self.truth[s.sid] = truth = SessionTruth(
            s.sid,
            s.app,
            s.partner.partner_id,
            customer_name(expected) if expected else None,
            now,
            refused=s.refused,
            reconnected=s.reconnect_s is not None,
            prompt=str(s.prompt),
        )
        self.record.sessions.append(truth)
        self.fibers[s.sid] = s.fiber
        self.window_of[s.sid] = s.sid
        if s.app == "anydesk":
            self.logs.anydesk_connect(s.partner.partner_id, s.fiber, now.at, runs=not s.refused)
        elif s.app == "rustdesk":
            self.logs.rustdesk_start(s.partner.partner_id, now.at)
        if not s.refused:
            self.windows.open(s.sid, s.partner)

    def on_end(self, step: Step) -> None:
        s = step.session
        assert s is not None
        now = self.moment()
        truth = self.truth[s.sid]
        truth.end = now
        if s.app == "anydesk":
            self.logs.anydesk_closed(self.fibers[s.sid], now.at, refused=s.refused)
        elif s.app == "rustdesk":
            self.logs.rustdesk_exit(s.partner.partner_id, now.at)
        self.windows.close(self.window_of[s.sid])
        if s.app == "teamviewer":
            guid = "{" + str(uuid.UUID(int=self.rng.getrandbits(128), version=4)) + "}"
            self.logs.teamviewer_record(s.partner.partner_id, truth.start.at, now.at, guid)

    def on_drop(self, step: Step) -> None:
        s = step.session
        assert s is not None
        now = self.clock.now()
        if s.app == "rustdesk":
            self.logs.rustdesk_exit(s.partner.partner_id, now)  # the window stays: it reconnects
        else:
            self.logs.anydesk_closed(self.fibers[s.sid], now)
            self.windows.close(self.window_of[s.sid])

    def on_reconnect(self, step: Step) -> None:
        s = step.session
        assert s is not None
        now = self.clock.now()
        if s.app == "rustdesk":
            self.logs.rustdesk_start(s.partner.partner_id, now)
        else:
            self.fibers[s.sid] += 500  # the new connection's own fiber
            self.logs.anydesk_connect(s.partner.partner_id, self.fibers[s.sid], now, runs=True)
            self.window_of[s.sid] = f"{s.sid}-again"
            self.windows.open(self.window_of[s.sid], s.partner)

    # --- the prompt --------------------------------------------------------------------------

    def _wait_prompt(self, shown: bool) -> str | None:
        deadline = self.clock.read().awake + PROMPT_WAIT_S
        while True:
            window = self.tech.prompt_window()
            if (window is not None) == shown or self.clock.read().awake > deadline:
                return window
            self.clock.sleep(PROMPT_POLL_S)

    def _unattached(self, partner_id: str) -> list[tuple[object, ...]]:
        return self.app.read(
            "SELECT uuid FROM entries WHERE partner_id = ? AND customer_id IS NULL "
            "AND discarded = 0 AND source != 'manual' ORDER BY start DESC LIMIT 1",
            (partner_id,),
        )

    def on_prompt(self, step: Step) -> None:
        s = step.session
        assert s is not None
        self._need_app()
        truth = self.truth[s.sid]
        window = self._wait_prompt(shown=True)
        if window is None:
            truth.prompt_outcome = "no prompt shown"
            self.record.notes.append(f"{s.sid}: no prompt on screen to answer")
            return
        self.tech.screenshot(self.out / f"prompt-{s.sid}.png")
        if s.prompt is plans.Prompt.ANSWER:
            name = customer_name(s.partner.customer)
            typed = self.tech.answer(window, name)
            if typed:
                self.record.typed.append(name)
            else:
                self.record.notes.append(f"{s.sid}: the prompt's field never took the keyboard")
            attached = typed and self._wait_attached(s.partner.partner_id)
            truth.prompt_outcome = "attached" if attached else "not attached"
            if attached:
                truth.customer = name
                self.known[s.partner.partner_id] = s.partner.customer
        else:
            self.tech.later(window)
            truth.prompt_outcome = "later"
        again = self._wait_prompt(shown=False)
        if again is not None:
            # It asks about the next session waiting for a customer (one put off before).
            self.tech.screenshot(self.out / f"prompt-{s.sid}-next.png")
            self.record.notes.append(f"{s.sid}: asked next about another session; put off")
            self.tech.later(again)
            self._wait_prompt(shown=False)

    def _wait_attached(self, partner_id: str) -> bool:
        deadline = self.clock.read().awake + PROMPT_WAIT_S
        while self.clock.read().awake <= deadline:
            rows = self.app.read(
                "SELECT 1 FROM entries WHERE partner_id = ? AND customer_id IS NOT NULL "
                "AND discarded = 0 ORDER BY start DESC LIMIT 1",
                (partner_id,),
            )
            if rows:
                return True
            self.clock.sleep(PROMPT_POLL_S)
        return False

    def _dismiss_unexpected_prompt(self) -> None:
        """A prompt nobody planned for (a restart asking again): the tech puts it off."""
        pending = [t for t in self.truth.values() if t.prompt != "known" and not t.prompt_outcome]
        if pending:
            return
        window = self.tech.prompt_window()
        if window is not None:
            self.record.notes.append(f"{self.clock.now():%F %T}: unexpected prompt, put off")
            self.tech.screenshot(self.out / f"prompt-unexpected-{self.clock.now():%H%M%S}.png")
            self.tech.later(window)
            self._wait_prompt(shown=False)

    # --- phone calls -------------------------------------------------------------------------

    def on_timer_start(self, step: Step) -> None:
        t = step.timer
        assert t is not None
        before = self.moment()
        if not self._timer_cli(step, "start", "--customer", t.customer, "--note", "phone call"):
            return
        self.timers[t.sid] = truth = TimerTruth(
            t.sid, customer_name(t.customer), before, self.moment()
        )
        self.record.timers.append(truth)

    def on_timer_stop(self, step: Step) -> None:
        t = step.timer
        assert t is not None
        truth = self.timers[t.sid]
        truth.end_before = self.moment()
        if self._timer_cli(step, "stop"):
            truth.end_after = self.moment()

    def _timer_cli(self, step: Step, *args: str) -> bool:
        """`trayclock timer ARGS`; while the store's disk is full it must say exactly that
        (and save nothing), and the tech does it again once there is room."""
        done = self.app.cli("timer", *args, check=False)
        for _ in range(BUSY_TRIES):  # the tray mid-write when a stall stopped it: it says so
            if done.returncode == 0 or "Try again when it is done" not in done.stderr:
                break
            self.record.notes.append(f"{self.clock.now():%F %T}: timer {args[0]}: store busy")
            self.clock.sleep(BUSY_AGAIN_S)
            done = self.app.cli("timer", *args, check=False)
        if done.returncode == 0:
            return True
        if "disk" in self.open_faults and "is full" in done.stderr:
            self.record.notes.append(f"{self.clock.now():%F %T}: timer {args[0]}: disk full, later")
            self.after_disk.append(step)
            return False
        raise AppFailed(f"trayclock timer {' '.join(args)} → {done.returncode}: {done.stderr}")

    # --- faults ------------------------------------------------------------------------------

    def _instant(self, kind: str, detail: str = "") -> None:
        now = self.moment()
        self.record.faults.append(FaultTruth(kind, now, now, detail))

    def on_kill(self, step: Step) -> None:
        self._settle(ends=False)
        self.open_faults["kill"] = FaultTruth("kill", self.moment(), self.moment())
        self.app.kill()
        self._app_ended("killed")

    def on_restart(self, step: Step) -> None:
        self.restarting = self.open_faults.pop("kill")
        self.app.launch()

    def on_disk_full(self, step: Step) -> None:
        if not self.disk.mounted:
            return
        start = self.moment()
        written = self.disk.fill()
        self.open_faults["disk"] = FaultTruth("disk_full", start, start, f"{written} bytes filled")

    def on_disk_free(self, step: Step) -> None:
        fault = self.open_faults.pop("disk", None)
        if fault is None:
            return
        self.disk.free()
        fault.end = self.moment()
        self.record.faults.append(fault)
        again, self.after_disk = self.after_disk, []
        for put_off in again:
            self.do(put_off)

    def on_rotate(self, step: Step) -> None:
        rotated = self.logs.rotate_rustdesk(self.clock.now())
        self._instant("rotate", f"RustDesk log rotated to {rotated.name}")

    def on_truncate(self, step: Step) -> None:
        self._instant("truncate", f"AnyDesk trace truncated ({self.logs.truncate_anydesk()} bytes)")

    def on_replace(self, step: Step) -> None:
        self.logs.replace_connections()
        self._instant("replace", "Connections.txt written anew and renamed over")

    def on_step(self, step: Step) -> None:
        f = step.fault
        assert f is not None
        self._settle()
        start = self.moment()
        self.clock.step(timedelta(seconds=f.delta_s), [self.app.pid])
        self.record.faults.append(FaultTruth("step", start, self.moment(), f"{f.delta_s:+.0f} s"))

    def on_stall(self, step: Step) -> None:
        f = step.fault
        assert f is not None
        self._settle()
        start = self.moment()
        self.app.pause_process()
        try:
            self.clock.sleep(f.duration_s)
        finally:
            self.app.resume_process()
        self.record.faults.append(FaultTruth("stall", start, self.moment(), "SIGSTOP/SIGCONT"))

    def on_sleep(self, step: Step) -> None:
        f = step.fault
        assert f is not None
        self._settle()
        start = self.moment()
        self.clock.suspend(timedelta(seconds=f.duration_s), [self.app.pid])
        self.record.faults.append(
            FaultTruth("sleep", start, self.moment(), f"{f.duration_s:.0f} s")
        )

    # --- the end -----------------------------------------------------------------------------

    def close(self) -> None:
        if self.app.running:
            self.app.stop()
        self.windows.quit()
        self.processes.stop()
        self.tech.close()


def judge_again(out: Path) -> int:
    """The verdict of a run that has finished, from its files (no clock, no desktop)."""
    record = Record.load(out / "record.json")
    export = json.loads((out / "export.json").read_text(encoding="utf-8"))
    backend = None
    if (out / "backend.json").exists():
        found = json.loads((out / "backend.json").read_text(encoding="utf-8"))
        backend = (Check.from_json(found["check"]), found["counts"])
    verdict = judge(record, out / "trayclock.sqlite3", export, backend)
    (out / "verdict.json").write_text(json.dumps(verdict.as_json(), indent=1), "utf-8")
    (out / "verdict.txt").write_text(verdict.table(), encoding="utf-8")
    print(verdict.table())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="ci")
    parser.add_argument("--seed", default="issue-12")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--judge-again", action="store_true", help="judge a finished run's files in --out anew"
    )
    args = parser.parse_args(argv)
    if args.judge_again:
        return judge_again(args.out)
    clock = SimClock()
    record = Record(clock.rate, args.seed, args.profile)
    days = plans.week(PROFILES[args.profile], args.seed)
    real_start = clock.real_s()
    driver = Driver(args.out, clock, record)
    try:
        driver.week(days)
    finally:
        driver.close()
        record.real_seconds = clock.real_s() - real_start
        record.save(args.out / "record.json")
        for kept in (driver.app.database, driver.app.log_path):
            if kept.exists():  # the store's tmpfs goes with the run's mount namespace
                shutil.copy(kept, args.out / kept.name)
    exported = driver.app.cli(
        "export",
        "--from",
        record.days[0],
        "--to",
        record.days[-1],
        "--format",
        "json",
        "--tz",
        "Europe/Berlin",
    ).stdout
    (args.out / "export.json").write_text(exported, encoding="utf-8")
    verdict = judge(record, driver.app.database, json.loads(exported))
    (args.out / "verdict.json").write_text(json.dumps(verdict.as_json(), indent=1), "utf-8")
    (args.out / "verdict.txt").write_text(verdict.table(), encoding="utf-8")
    driver.disk.unmount()
    print(verdict.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
