"""Every trayclock window with realistic data, in one language, walked: what the translation
checks read (tests/ui/test_translations_shown.py runs it in its own process).

    python tests/ui/all_windows.py de OUT.json

Built on the review's demo store (trayclock.services.review.demo, 23 November 2026) with
the tray driven as detection would drive it: sessions to known and unknown partners, an
overlap, a manual timer, an ended session without a customer. Each window is shown at its
default size and walked once its layout has settled (`widget_texts.Walk`): the tray menu
and its submenus, the tooltip (running and paused), the notifications, the note and ticket
questions, the About box, the attach prompt (running, ended, changing, a manual timer, a new
name typed), the status window, the review window (day with a selection of one and of two, the
refusals, why Submit did nothing; the week), the timeline's painted words, the settings
pages (with problems typed in, the environment's overrides shown), the import dialog, the
customers window, the first-start setup. OUT gets the texts seen, the one-line texts
measured, and the words that are data (customer names, notes, partner names, paths).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from PySide6.QtCore import QCoreApplication, QPoint, QTime  # noqa: E402
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QWidget  # noqa: E402
from tray_world import ScriptedDetection  # noqa: E402
from widget_texts import Walk  # noqa: E402

from trayclock.config import Paths  # noqa: E402
from trayclock.domain.clock import ManualClock  # noqa: E402
from trayclock.services import holiday_offer  # noqa: E402
from trayclock.services.customers import CustomerBook  # noqa: E402
from trayclock.services.detection_options import GRACE_ENV, LOGS_ENV  # noqa: E402
from trayclock.services.review.demo import DEMO_ZONE, fill_demo_store  # noqa: E402
from trayclock.services.review.source import ReviewSource  # noqa: E402
from trayclock.services.review.span import Span  # noqa: E402
from trayclock.services.review.sync_demo import (  # noqa: E402
    DEMO_BACKEND,
    DEMO_REFUSAL,
    show_sync_states,
)
from trayclock.services.rollout import read_file, write_file  # noqa: E402
from trayclock.services.rollout_plan import plan_import  # noqa: E402
from trayclock.services.settings_book import SettingsBook  # noqa: E402
from trayclock.services.sync import SyncService  # noqa: E402
from trayclock.services.tray import TrayService  # noqa: E402
from trayclock.services.tray_types import (  # noqa: E402
    SYNC_FAILING,
    SYNC_OFF,
    SYNC_OK,
    SYNC_PENDING,
    SyncHealth,
)
from trayclock.store import customers, db, mappings, settings  # noqa: E402
from trayclock.sync.reasons import Code, reason  # noqa: E402
from trayclock.tracker import Tracker  # noqa: E402
from trayclock.ui.about import AboutBox  # noqa: E402
from trayclock.ui.customers import CustomersWindow  # noqa: E402
from trayclock.ui.i18n import install_translations, language_locale  # noqa: E402
from trayclock.ui.review.reminder import ReviewReminder  # noqa: E402
from trayclock.ui.review.window import ReviewWindow  # noqa: E402
from trayclock.ui.session_model import TrayModel  # noqa: E402
from trayclock.ui.settings import SettingsWindow  # noqa: E402
from trayclock.ui.settings.rollout_dialog import ImportConfirm  # noqa: E402
from trayclock.ui.settings.setup import FirstStartSetup  # noqa: E402
from trayclock.ui.status_window import StatusWindow  # noqa: E402
from trayclock.ui.sync_words import tray_line  # noqa: E402
from trayclock.ui.tray import TrayController  # noqa: E402

DAY = datetime(2026, 11, 23, 17, 0, tzinfo=ZoneInfo(DEMO_ZONE))  # the demo day, a Monday
SETTLE_S = 10.0
DATA_FOLDER = "~/.local/share/trayclock"
ABOUT_PATHS = Paths(
    Path(DATA_FOLDER), Path("~/.config/trayclock"), Path("~/.local/state/trayclock/log")
)

DEMO_RPC = f"POST {DEMO_BACKEND.url}/{DEMO_BACKEND.database}/rpc/"
BAD_GATEWAY = reason(Code.HTTP_FAILED, request=DEMO_RPC, status=502, said="Bad Gateway")
NO_DATABASE = reason(
    Code.TRYTON_NO_DATABASE, url=DEMO_BACKEND.url, database=DEMO_BACKEND.database or ""
)
KEYRING_LOCKED = reason(
    Code.KEYRING_FAILED, keyring="Secret Service", action=reason(Code.KEYRING_READ),
    error="LockedError", said="prompt dismissed", hint=reason(Code.HINT_SECRET_SERVICE),
)  # fmt: skip


class AvailableAutostart:
    """Start at login as a system that has it (the settings show where it lives)."""

    available = True

    def enabled(self) -> bool:
        return False

    def set_enabled(self, on: bool) -> None:
        pass

    def where(self) -> str:
        return "~/.config/autostart/trayclock.desktop"


def settle(until: Callable[[], object] = lambda: True) -> None:
    """Let Qt lay out and paint, and `until` come true (within SETTLE_S, else TimeoutError)."""
    deadline = time.monotonic() + SETTLE_S
    QCoreApplication.processEvents()
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not settled within {SETTLE_S:.0f} s")
        time.sleep(0.01)
        QCoreApplication.processEvents()
    QCoreApplication.processEvents()


def shown(window: QWidget) -> QWidget:
    window.show()
    settle()
    return window


class Windows:
    def __init__(self, home: Path) -> None:
        self.walk = Walk()
        self.clock = ManualClock(DAY)
        self.conn = db.connect(home / "windows.sqlite3")
        fill_demo_store(self.conn, DAY.date())
        self.kept: list[QWidget] = []
        self.holiday_names: list[str] = []

    # ---- the tray --------------------------------------------------------------------------

    def tray(self) -> TrayController:
        walk, clock, conn = self.walk, self.clock, self.conn
        sync = [SyncHealth()]
        service = TrayService(conn, Tracker(conn, clock), clock, sync_health=lambda: sync[0])
        model = TrayModel(service)
        tray = TrayController(
            model,
            open_log_folder=lambda: False,
            copy_diagnostics=lambda: "",
            dbus_notifications=False,
        )
        tray.notifier.notified.connect(
            lambda title, message: (
                walk.text("notification", "title", title),
                walk.text("notification", "message", message),
            )
        )
        now = clock.now()
        acme = customers.by_key(conn, "acme")
        weber = customers.by_key(conn, "weber")
        assert acme is not None and weber is not None
        mappings.remember(conn, "anydesk", "482193577", acme.id, partner_name=None, now=now)
        mappings.remember(conn, "rustdesk", "731004982", weber.id, partner_name=None, now=now)
        detect = ScriptedDetection(clock)
        send = model.on_session_event
        send(detect.start("tv-0", "teamviewer", "1112223334", "KASSE-2"))
        clock.advance(timedelta(minutes=4))
        send(detect.end("tv-0"))  # ended without a customer: waits in the menu
        tray.prompt.on_later()
        send(detect.start("ad-1", "anydesk", "482193577", "reception-pc"))  # known: attached
        clock.advance(timedelta(minutes=2))
        send(detect.start("rd-1", "rustdesk", "731004982"))  # known too: an overlap
        send(detect.start("tv-1", "teamviewer", "1234567890", "FRONTDESK-PC"))  # unknown
        settle()
        self._prompts(tray)
        tray.start_timer()
        settle()
        walk.window("attach prompt (manual timer)", tray.prompt)
        tray.prompt.on_later()
        clock.advance(timedelta(minutes=12))
        model.refresh()
        self._menu("tray menu", tray.menu)
        walk.text("tray tooltip", "tooltip", tray.tooltip(model.snapshot))
        for health in (
            SyncHealth(SYNC_OK, kind="tryton"),
            SyncHealth(SYNC_OK, kind="tryton", last_success_at=clock.now()),
            SyncHealth(SYNC_PENDING, 3, kind="tryton"),
            SyncHealth(SYNC_PENDING, 1, BAD_GATEWAY, kind="tryton", retry_at=clock.now()),
            SyncHealth(SYNC_FAILING, 2, kind="kimai", problem="needs_password"),
            SyncHealth(SYNC_FAILING, 0, NO_DATABASE, kind="tryton", problem="settings"),
            SyncHealth(SYNC_FAILING, 1, KEYRING_LOCKED, kind="tryton", problem="keyring"),
            SyncHealth(SYNC_FAILING, 0, kind="webhook", failed=1, conflicts=2),
            SyncHealth(SYNC_OFF),
        ):
            sync[0] = health
            snapshot = model.refresh()
            walk.text("tray menu › syncStatus", "menu entry", tray_line(health, snapshot.now))
            walk.text("tray tooltip", "tooltip", tray.tooltip(snapshot))
        sync[0] = SyncHealth(SYNC_FAILING, 2, kind="tryton", problem="needs_password")
        model.refresh()
        self._menu("tray menu (sync paused)", tray.menu)
        tray.on_sync_password_needed(sync[0])  # the notification that asks for it
        sync[0] = SyncHealth()
        model.refresh()
        model.set_detection_paused(True)
        walk.text("tray tooltip (paused)", "tooltip", tray.tooltip(model.snapshot))
        self._menu("tray menu (paused)", tray.menu)
        model.set_detection_paused(False)
        tray.on_command_failed("database is locked")
        tray.open_window("review")  # no window behind it: says so
        tray.open_log_folder()  # no file manager took it: says so
        tray.copy_diagnostics()
        self._questions(tray)
        for clickable in (True, False):
            title, message = ReviewReminder.message(DAY.date(), clickable=clickable)
            walk.text("reminder", "title", title)
            walk.text("reminder", "message", message)
        about = AboutBox(ABOUT_PATHS)
        self.kept.append(about)
        walk.window("about", shown(about))
        about.hide()
        status = StatusWindow(tray)
        self.kept.append(status)
        walk.window("status window", shown(status))
        status.hide()
        return tray

    def _prompts(self, tray: TrayController) -> None:
        walk, prompt = self.walk, tray.prompt
        walk.window("attach prompt", shown(prompt))
        prompt.picker.search.setText("Neue Praxis")
        settle()
        walk.window("attach prompt (a new name typed)", prompt)
        prompt.picker.search.clear()
        prompt.on_later()
        snapshot = tray.model.refresh()
        ended = snapshot.unattached[0]
        tray.change_customer(ended.entry.uuid)
        settle()
        walk.window("attach prompt (ended session)", prompt)
        prompt.on_later()
        known = next(row for row in snapshot.running if row.customer is not None)
        tray.change_customer(known.entry.uuid)
        settle()
        walk.window("attach prompt (change the customer)", prompt)
        prompt.on_later()

    def _menu(self, label: str, menu: QMenu) -> None:
        menu.popup(QPoint(880, 40))
        settle(menu.isVisible)
        self.walk.menu(label, menu)
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                sub.popup(QPoint(500, 60))
                settle(sub.isVisible)
                self.walk.menu(f"{label} › {plain_title(action.text())}", sub)
                sub.hide()
        menu.hide()
        settle()

    def _questions(self, tray: TrayController) -> None:
        """The note and ticket questions (QInputDialog.getText asked, not opened)."""
        asked: list[tuple[str, str]] = []

        def ask(_parent: object, title: str, label: str, **_kwargs: Any) -> tuple[str, bool]:
            asked.append((title, label))
            return "", False

        original = QInputDialog.getText
        QInputDialog.getText = ask  # type: ignore[assignment]
        try:
            uuid = tray.model.snapshot.running[0].entry.uuid
            tray.tray_menu._ask_note(uuid)
            tray.tray_menu._ask_ticket(uuid)
        finally:
            QInputDialog.getText = original  # type: ignore[method-assign]
        for title, label in asked:
            self.walk.text("question", "window title", title)
            self.walk.text("question", "label", label)

    # ---- the review ------------------------------------------------------------------------

    def review(self) -> None:
        walk = self.walk
        window = ReviewWindow(ReviewSource(self.conn, self.clock), DAY.date())
        self.kept.append(window)
        shown(window)
        settle(lambda: window.view is not None and window.view.priced)
        assert window.view is not None
        rows = window.view.rows
        loose = next(r for r in rows if r.unattached)
        window.select([loose.id])
        settle()
        walk.window("review day (one selected)", window)
        timeline = window.timeline
        for row in rows:
            for line in timeline.bar_lines(row):
                walk.text("review timeline › bar", "painted", line)
            walk.text("review timeline › bar", "tooltip", timeline.tip(row))
        for _sample, label in timeline.legend_marks():
            walk.text("review timeline › legend", "painted", label)
        billed = [r for r in rows if r.customer is not None and not r.discarded]
        window.select([billed[0].id, billed[-1].id])
        settle()
        walk.window("review day (two selected)", window)
        window.merge_selected()  # two customers: refused in words
        walk.text("review › banner", "label", window.banner.text())
        window.select([billed[0].id])
        settle()
        window.panel.split_edit.setTime(QTime(23, 50))
        window.split_selected()  # outside the entry: refused in words
        walk.text("review › banner", "label", window.banner.text())
        window.submit_day()  # a session without a customer: why nothing was submitted
        settle()
        box = window.blocked_box
        assert box is not None
        walk.window("review: not submitted", box)
        box.close()
        window.show_span(Span.WEEK)
        settle(
            lambda: (view := window.view) is not None and view.priced and view.last_day > DAY.date()
        )
        walk.window("review week", window)
        window.close()
        self._review_sync()

    def _review_sync(self) -> None:
        """The day as a Tryton backend leaves it (services/review/sync_demo.py): each sync
        state in the table, the panel's words for them, a conflict's two choices."""
        walk = self.walk
        show_sync_states(self.conn, DAY.date(), self.clock.now())
        sync = SyncService(self.conn, self.clock)
        window = ReviewWindow(ReviewSource(self.conn, self.clock), DAY.date(), sync=sync)
        self.kept.append(window)
        shown(window)
        settle(lambda: window.view is not None and window.view.priced)
        assert window.view is not None
        for row in window.view.rows:
            if row.sync_state == "local":
                continue  # (a refusal quotes the backend's own words: data, in its language)
            window.select([row.id])
            settle()
            walk.window(f"review sync ({row.sync_state})", window)
        window.close()

    # ---- settings and customers ------------------------------------------------------------

    def settings(self) -> None:
        walk = self.walk
        environ = {GRACE_ENV: "30", LOGS_ENV: "anydesk=/opt/portable/anydesk.trace"}
        book = SettingsBook(self.conn, self.clock, environ=environ, autostart=AvailableAutostart())
        window = SettingsWindow(book, DATA_FOLDER)
        self.kept.append(window)
        shown(window)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            settle()
            walk.window(f"settings page {index}", window)
        window.tabs.setCurrentIndex(0)
        for name, bad in (("rate", "-1"), ("currency", "EU"), ("increment_minutes", "7,5")):
            window.billing.lines[name].set_text(bad)
        settle()
        walk.window("settings with problems", window)
        window.tabs.setCurrentIndex(1)
        hours = window.hours
        hours.zone.set_text("Mars/Base")
        for box in hours.days.values():
            box.setChecked(False)
        hours.opens.set_text("25:00")
        hours.choose_country("DE", "BY")
        hours.on_offer()  # Bavaria's public holidays, named in the UI's language
        self.holiday_names = list(hours._named().values())
        settle()
        walk.window("settings hours with problems", window)
        window.reload()
        window.close()
        manager = db.connect(self.conn_path().with_name("manager.sqlite3"))
        now = self.clock.now()
        settings.set_policy(manager, {"rate": "120.00", "currency": "CHF"}, now=now)
        made = customers.upsert(manager, "alpen", "Alpen AG", now=now, policy={"rate": "130.00"})
        mappings.remember(manager, "anydesk", "555666777", made.id, partner_name=None, now=now)
        company = self.conn_path().with_name("company.json")
        write_file(manager, company, now=now)
        manager.close()
        dialog = ImportConfirm(plan_import(self.conn, read_file(company)), company.name)
        self.kept.append(dialog)
        walk.window("import company settings", shown(dialog))
        dialog.close()

    def conn_path(self) -> Path:
        (path,) = (row[2] for row in self.conn.execute("PRAGMA database_list") if row[1] == "main")
        return Path(path)

    def customers(self) -> None:
        window = CustomersWindow(CustomerBook(self.conn, self.clock))
        self.kept.append(window)
        shown(window)
        for row in range(window.list.count()):
            window.list.setCurrentRow(row)
            settle()
            self.walk.window(f"customers ({window.list.currentItem().text()})", window)
        window.terms.name.setText("")
        settle()
        self.walk.window("customers (no name)", window)
        window.close()

    def first_start(self, home: Path) -> None:
        fresh = db.connect(home / "fresh.sqlite3")
        window = FirstStartSetup(SettingsBook(fresh, self.clock))
        self.kept.append(window)
        self.walk.window("first-start setup", shown(window))
        window.outcome = "skipped"  # closing must not write to the store
        window.close()

    def data_words(self) -> list[str]:
        """Words that are data, the same in every language: names, notes, paths, variables."""
        texts = [DATA_FOLDER, "~/.config/autostart/trayclock.desktop", GRACE_ENV, LOGS_ENV]
        texts += [str(ABOUT_PATHS.config_dir), str(ABOUT_PATHS.log_dir)]
        texts += ["/opt/portable/anydesk.trace", "database is locked", "Neue Praxis"]
        texts += [DEMO_RPC, "Bad Gateway", "Secret Service", "LockedError", "prompt dismissed"]
        texts += [c.name for c in customers.list_all(self.conn, include_archived=True)]
        texts += ["Alpen AG", "alpen", "company.json", *self.holiday_names]
        texts += [DEMO_BACKEND.url, DEMO_BACKEND.database or "", DEMO_BACKEND.user or ""]
        texts += ["Tryton 8.2", "Kimai 2", DEMO_REFUSAL]  # products; the backend's own words
        for country in holiday_offer.countries():  # the holidays library's names, in English
            texts += [country.name, country.code]
            texts += [f"{name} {code}" for code, name in country.regions]
        for notes, ticket, partner, name in self.conn.execute(
            "SELECT notes, ticket, partner_id, partner_name FROM entries"
        ):
            texts += [notes or "", ticket or "", partner or "", name or ""]
        return texts


def plain_title(text: str) -> str:
    return text.split(" — ")[0]


def main() -> int:
    language, out = sys.argv[1], Path(sys.argv[2])
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translations(app, language_locale(language))
    home = out.parent
    windows = Windows(home)
    windows.tray()
    windows.review()
    windows.settings()
    windows.customers()
    windows.first_start(home)
    walk = windows.walk
    out.write_text(
        json.dumps(
            {
                "shown": [asdict(s) for s in walk.shown],
                "fits": [asdict(f) for f in walk.fits],
                "data": windows.data_words(),
                "screen": list(app.primaryScreen().availableGeometry().getRect()),
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
