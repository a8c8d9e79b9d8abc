"""`python -m trayclock.ui.company_windows_demo [--customers] [--page N] [--lang de]`: the
settings (or customers) window on a throw-away store with a realistic company, for screenshots.

docs/screenshots/settings-*.png and customers-*.png (1280×800, a real desktop):

    shared/tools/desktop-session.sh --tray none -- bash -c '
      python -m trayclock.ui.company_windows_demo --page 0 & sleep 5
      import -window root settings-billing.png; kill %1'

(--page 1: hours, 2: detection, 3: general, 4: backend (a Tryton set up, its day synced);
--customers; --lang de for German.)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication, QWidget

from trayclock.config import HOME_ENV

DEMO_DAY = date(2026, 11, 23)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m trayclock.ui.company_windows_demo")
    parser.add_argument("--customers", action="store_true", help="the customers window")
    parser.add_argument("--page", type=int, default=0, help="settings page (0 billing … 4)")
    parser.add_argument("--lang", default="en", help="en or de")
    parser.add_argument("--select", type=int, default=0, help="customer row to select")
    args = parser.parse_args(argv)
    if not os.environ.get(HOME_ENV):
        os.environ[HOME_ENV] = tempfile.mkdtemp(prefix="trayclock-settings-demo-")
    from trayclock.domain.clock import ManualClock
    from trayclock.services.customers import CustomerBook
    from trayclock.services.review.demo import DEMO_POLICY, DEMO_ZONE, fill_demo_store
    from trayclock.services.settings_book import SettingsBook
    from trayclock.store import customers, mappings, settings
    from trayclock.store.db import connect
    from trayclock.ui.customers import CustomersWindow
    from trayclock.ui.i18n import install_language
    from trayclock.ui.settings import SettingsWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_language(app, args.lang)
    conn = connect()
    clock = ManualClock(datetime.combine(DEMO_DAY, datetime.min.time(), ZoneInfo(DEMO_ZONE)))
    fill_demo_store(conn, DEMO_DAY)
    now = clock.now()
    hours = dict(DEMO_POLICY["business_hours"])
    hours["holidays"] = ["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31"]
    settings.set_policy(
        conn, {**DEMO_POLICY, "business_hours": hours, "minimum_charge": "25.00"}, now=now
    )
    acme = customers.by_key(conn, "acme")
    assert acme is not None
    customers.upsert(
        conn, acme.key, acme.name, now=now, contract=acme.contract,
        policy={"rate": "110.00", "after_hours_multiplier": "2"},
    )  # fmt: skip
    for app_name, partner, name in (
        ("anydesk", "482193577", "reception-pc"),
        ("teamviewer", "1234567890", "FRONTDESK-PC"),
        ("rustdesk", "731004982", "lab-2"),
    ):
        mappings.remember(conn, app_name, partner, acme.id, partner_name=name, now=now)
    if args.page == 4:  # a Tryton set up, its day half synced (services/review/sync_demo.py)
        from trayclock.services.review.sync_demo import show_sync_states

        show_sync_states(conn, DEMO_DAY, now)
    window: QWidget
    if args.customers:
        window = CustomersWindow(CustomerBook(conn, clock))
        window.list.setCurrentRow(args.select)
    else:
        environ = {"TRAYCLOCK_GRACE_S": "30"} if args.page == 2 else {}
        settings_window = SettingsWindow(
            SettingsBook(conn, clock, environ=environ), "~/.local/share/trayclock"
        )
        settings_window.tabs.setCurrentIndex(args.page)
        if args.page == 1:
            settings_window.hours.choose_country("DE", "BY")
        window = settings_window
    window.show()
    # Centred across, near the top: the customers window is nearly as wide as the screen.
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    window.move(area.left() + max(0, (area.width() - frame.width()) // 2), area.top() + 20)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
