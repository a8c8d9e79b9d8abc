"""The week simulation's short day, on every run of the suite (issue #12 item 2).

The real app (`python -m trayclock`: its detection on a real X desktop with a tray host, the
real store) through a scripted 70-minute day on a clock 20 times faster (libfaketime, plus
`weeksim/simclock.c` for suspends and wall-clock steps; WEEKSIM_RATE sets another rate): 11
sessions over AnyDesk, TeamViewer and RustDesk with their real windows and log lines,
overlaps, two reconnects, a refused attempt, a prompt answered (typing "Café Süß"), one put
off and one left alone, a phone timer through `trayclock timer`; and each fault once:
SIGKILL (and a restart), the store's disk full (a 16 MiB tmpfs), RustDesk's log rotated,
AnyDesk's trace truncated, TeamViewer's Connections.txt replaced, the wall clock set back,
a stall (SIGSTOP) and a sleep; then the
day submitted and synced to a live Tryton that is down for the first try (`backend_step`).

Each test below is one line of the verdict (`weeksim/verdict.py`), judged on the store the
day left. The full week is `bench/week_sim.py` (bench/RESULTS.md). Fails (never skips) when
the desktop tools, faketime or a C compiler are missing; the disk-full fault needs root.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_tray_desktop import Desktop, desktop  # noqa: F401 (the fixture)
from tests.integration.weeksim.launch import simulate
from tests.keyring_service import running_secret_service
from tests.tryton.fixtures import tryton_server, tryton_template  # noqa: F401 (the fixtures)
from tests.tryton.server import TrytonServer

pytestmark = pytest.mark.integration

RUN_TIMEOUT_S = 900.0  # the day takes about 4 real minutes at x20; a loaded machine longer
# x20, not faster: every real second the loaded 2-core CI machine makes the tray late is
# `rate` seconds of the day, and the tray's own rules are in seconds of it (a 30 s heartbeat,
# a 10 s slack pairing a window with its log line, a 60 s grace). At x50 such a machine made
# heartbeats 50-150 s late; at x20 the day takes ~4 real minutes, within the suite's budget
# (about 5.5 minutes without it, 15 in all). The lateness is measured and reported either way
# ("heartbeats on time").
CI_RATE = float(os.environ.get("WEEKSIM_RATE", "20"))


@pytest.fixture(scope="module")
def verdict(
    desktop: Desktop,  # noqa: F811
    tryton_server: TrytonServer,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("weeksim")
    with running_secret_service(out / "keyring") as keyring:
        result = simulate(
            "ci",
            out,
            desktop.env,
            rate=CI_RATE,
            timeout_s=RUN_TIMEOUT_S,
            tryton=tryton_server,
            keyring_env=keyring.environ(),
        )
    result["out"] = str(out)
    return result


def check(verdict: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [c for c in verdict["checks"] if c["name"].startswith(name)]
    return found


def assert_holds(verdict: dict[str, Any], name: str, *, at_least: int = 1) -> None:
    line = check(verdict, name)
    table = Path(verdict["out"], "verdict.txt").read_text(encoding="utf-8")
    assert not line["not_run"], f"{name}: not run ({line['not_run']})"
    assert line["ok"], f"{name}: {line['failures']}\n{table}"
    assert line["total"] >= at_least, f"{name}: only {line['total']} judged\n{table}"


def test_the_day_was_played_with_every_fault(verdict: dict[str, Any]) -> None:
    counts = verdict["counts"]
    injected = counts["faults injected"]
    for kind in ("kill", "disk_full", "rotate", "truncate", "replace", "step", "stall", "sleep"):
        assert injected.get(kind, 0) >= 1, f"{kind} was not injected: {counts['driver notes']}"
    assert counts["scripted sessions"] == 11
    assert counts["prompts"] == {"answer": 1, "later": 1, "ignore": 1}


def test_every_scripted_session_is_in_the_store_exactly_once(verdict: dict[str, Any]) -> None:
    assert_holds(verdict, "every scripted session in the store exactly once", at_least=11)


def test_starts_and_ends_within_one_heartbeat(verdict: dict[str, Any]) -> None:
    assert_holds(verdict, "start within one heartbeat", at_least=10)
    assert_holds(verdict, "end within one heartbeat", at_least=10)


def test_worked_time_as_the_rules_say(verdict: dict[str, Any]) -> None:
    assert_holds(verdict, "worked time as the rules say", at_least=10)
    assert_holds(verdict, "every pause explained by a fault", at_least=1)


def test_the_tray_kept_its_heartbeats_within_what_load_explains(verdict: dict[str, Any]) -> None:
    """The heartbeat tolerances follow the lateness measured: it must stay a machine's lag."""
    assert_holds(verdict, "heartbeats on time")


def test_the_sleep_is_not_billed_and_the_stall_is(verdict: dict[str, Any]) -> None:
    assert_holds(verdict, "time asleep not billed")
    assert_holds(verdict, "a stall of trayclock billed as work")


def test_refused_attempts_and_reconnects(verdict: dict[str, Any]) -> None:
    assert_holds(verdict, "refused attempts kept and not billed")
    assert_holds(verdict, "reconnects within the grace period: one entry", at_least=2)


def test_a_name_typed_with_accents_and_sharp_s_arrives_exactly(verdict: dict[str, Any]) -> None:
    """The prompt answered with "Café Süß": stored so, and no customer made of a dropped letter."""
    assert_holds(verdict, "names typed into the prompt stored exactly as typed")
    typed = verdict["counts"]["names typed"]
    assert any({"é", "ü", "ß"} <= set(name) for name in typed), typed


def test_customers_overlaps_and_the_phone_timer(verdict: dict[str, Any]) -> None:
    assert_holds(verdict, "customer as the technician left it", at_least=10)
    assert_holds(verdict, "overlaps between customers flagged", at_least=10)
    assert_holds(verdict, "phone timers")


def test_every_approved_entry_is_in_tryton_exactly_once(verdict: dict[str, Any]) -> None:
    """The day submitted and synced to a live Tryton, Tryton down for the first sync."""
    assert_holds(verdict, "every approved entry in the backend exactly once", at_least=8)


def test_the_audit_trail_explains_every_change_and_the_store_is_intact(
    verdict: dict[str, Any],
) -> None:
    assert_holds(verdict, "audit trail explains every change", at_least=11)
    assert_holds(verdict, "store intact")
    assert_holds(verdict, "export lists every entry", at_least=11)
