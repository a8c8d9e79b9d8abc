"""Pauses and idle suggestions on a real 1280×800 desktop (desktop-session.sh: Xvfb, openbox,
an SNI tray host, dunst): the real trayclock (`tray_driver.py`) asks "Idle 42 min during Acme
Dental" in a notification with Keep / Pause / Split while the remote session keeps the
keyboard; choosing one in dunst's own action menu (dmenu, typed with xdotool as a person
would) is the tray's audited decision. And the README's pictures of a day with a paused
entry and with a suggestion, English and German (kept with TRAYCLOCK_SCREENSHOTS=DIR).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.integration.test_desktop_windows import (  # the real app and the focus holder
    DEMO_DAY,
    ENGLISH,
    GERMAN,
    Driver,
    app,  # noqa: F401
    caught_up,
    holder,  # noqa: F401
    review_placed,
)
from tests.integration.test_tray_desktop import Desktop, desktop, wait_for  # noqa: F401

pytestmark = pytest.mark.integration


def displayed(desktop: Desktop) -> int:  # noqa: F811
    out = desktop.run("dunstctl", "count", "displayed").strip()
    return int(out or 0)


def choose_in_dunst(desktop: Desktop, label: str) -> None:  # noqa: F811
    """Open dunst's menu of the notifications' actions and pick `label`, as a person does:
    dunst shows it through dmenu ("#Pause (Idle 42 min during …) [id,pause]")."""
    if shutil.which("dmenu") is None:
        pytest.fail("dmenu is missing (dunst's action menu): scripts/system-deps.sh installs it")
    menu = subprocess.Popen(["dunstctl", "context"], env=desktop.env)
    try:
        wait_for("dunst's action menu", lambda: desktop.run(
            "xdotool", "search", "--class", "dmenu", check=False
        ))  # fmt: skip
        desktop.run("xdotool", "type", "--delay", "40", f"#{label}")
        desktop.run("xdotool", "key", "Return")
    finally:
        menu.wait(15)


def test_an_idle_suggestion_is_asked_in_a_notification_and_answered_there(
    desktop: Desktop,  # noqa: F811
    app: Driver,  # noqa: F811
    holder: str,  # noqa: F811
) -> None:
    app.ask("customer Acme Dental anydesk 482193577")
    app.ask("start-ago 50 ad-1 anydesk 482193577 reception-pc")
    wait_for("the 'session attached' notification", lambda: displayed(desktop) > 0)
    desktop.run("dunstctl", "close-all")
    wait_for("no notification", lambda: displayed(desktop) == 0)
    app.ask("idle 47 5")  # lunch: no input from 47 to 5 minutes ago
    wait_for("the idle question", lambda: displayed(desktop) > 0)
    log = (app.home / "logs" / "trayclock.log").read_text(encoding="utf-8")
    assert "notification: Idle 42 min during Acme Dental: No input" in log
    assert "Keep it as worked time, pause it (not billed), or split the session there?" in log
    caught_up(desktop, app)  # the app and the window manager did what they do about it
    assert desktop.focus() == holder, "the notification took the keyboard focus"
    desktop.screenshot("idle-notification.png")
    assert app.ask("pauses ad-1")["states"] == ["suggested"]
    choose_in_dunst(desktop, "Pause")
    answered = wait_for(
        "the suggestion accepted",
        lambda: (p := app.ask("pauses ad-1"))["states"] == ["accepted"] and p,
    )
    assert answered["decided"][-1] == "suggestion accepted by technician (tray)"
    assert answered["suggestions"] == 0  # the tray menu asks no more
    wait_for("the answered question off the screen", lambda: displayed(desktop) == 0)
    wait_for("the keyboard back with the remote session", lambda: desktop.focus() == holder)

    # Another call, another lunch: Keep leaves it worked time.
    app.ask("customer Beta Bakery anydesk 482193578")
    app.ask("start-ago 30 ad-2 anydesk 482193578")
    desktop.run("dunstctl", "close-all")
    app.ask("idle 25 2")  # back 2 min ago: asked (one ended long ago would not be)
    wait_for("the second question", lambda: app.ask("pauses ad-2")["states"] == ["suggested"])
    wait_for("its notification", lambda: displayed(desktop) > 0)
    choose_in_dunst(desktop, "Keep")
    kept = wait_for(
        "the suggestion kept as worked time",
        lambda: (p := app.ask("pauses ad-2"))["states"] == ["rejected"] and p,
    )
    assert kept["decided"][-1] == "suggestion rejected by technician (tray): kept as worked time"
    assert app.ask("pauses ad-1")["states"] == ["accepted"]  # the first one as decided


@pytest.mark.parametrize(("language", "suffix"), [(ENGLISH, ""), (GERMAN, "-de")])
def test_screenshots_of_a_day_with_a_pause_and_a_suggestion(
    desktop: Desktop,  # noqa: F811
    tmp_path: Path,
    language: dict[str, str],
    suffix: str,
) -> None:
    """The README's pictures (services.review.demo: 09:05 Kanzlei Weber paused while the
    laptop slept; 17:40 Praxis Dr. Lang, after hours, at least an hour, idle suggested)."""
    driver = Driver(desktop, tmp_path / "home", language)
    german = bool(suffix)
    try:
        desktop.run("xdotool", "mousemove", "640", "790")  # no tooltip in the picture
        driver.ask(f"seed {DEMO_DAY}")
        driver.ask(f"review {DEMO_DAY} day")
        wait_for("the review priced", lambda: driver.ask("geometry")["priced"])
        desktop.run("dunstctl", "close-all")  # the demo's suggestion was notified: not here
        wait_for("no notification in the picture", lambda: displayed(desktop) == 0)
        driver.ask("select-at 09:05 pauses")
        panel = driver.ask("panel")
        assert panel["suggestions"] == 1  # the evening's, listed above the day
        assert (
            "18 Min. gearbeitet (15 Min. Pause), aufgerundet auf 30 Min."
            if german
            else "18 min worked (15 min paused), rounded up to 30 min"
        ) in panel["why"], panel["why"]
        assert panel["title"].endswith(
            "(18 Min., 15 Min. Pause)" if german else "(18 min, 15 min paused)"
        ), panel["title"]
        assert ("der Computer schlief" if german else "the computer slept") in panel["pauses"][0]
        review_placed(desktop, driver, "the day framed, its selection painted")  # the picture
        desktop.screenshot(f"review-pause{suffix}.png", keep=True)
        driver.ask("select-at 17:40")
        panel = driver.ask("panel")
        why = panel["why"]
        assert (
            "außerhalb der Geschäftszeit: mindestens 1 Std."
            if german
            else "after hours: at least 1 h"
        ) in why, why
        assert ("als Pause vorgeschlagen" if german else "suggested as a pause") in why, why
        review_placed(desktop, driver, "the evening's entry selected and painted")
        desktop.screenshot(f"review-suggestion{suffix}.png", keep=True)
        # The same question in the tray menu.
        desktop.run("xdotool", "windowminimize", str(driver.ask("geometry")["window"]))
        x, y = desktop.tray_xy
        desktop.run("xdotool", "mousemove", str(x), str(y), "click", "1")
        item = wait_for(
            "the tray menu with the question",
            lambda: (a := driver.ask("suggestion-item"))["y"] > 0 and a,
        )
        assert item["title"] == (
            "18 Min. ohne Eingabe bei Praxis Dr. Lang — behalten / Pause / teilen"
            if german
            else "Idle 18 min during Praxis Dr. Lang — keep / pause / split"
        )
        desktop.run("xdotool", "mousemove", str(item["x"]), str(item["y"]))
        wait_for("its submenu open", lambda: driver.ask("suggestion-item")["open"])
        desktop.settled_screenshot(f"tray-suggestion{suffix}.png", (0, 0, 1280, 800), keep=True)
        desktop.run("xdotool", "key", "Escape", "Escape")
    finally:
        driver.quit()
