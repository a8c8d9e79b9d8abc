"""`python -m trayclock.ui.review [--demo-day DATE] [--span week]`: open the review window.

With --demo-day, a throw-away store under a temporary TRAYCLOCK_HOME gets a realistic day
first (trayclock.services.review.demo), so screenshots are reproducible; --sync-demo gives
its entries the sync states of a day with Tryton (services/review/sync_demo.py), the
README's docs/screenshots/review-sync*.png (--lang de for German). The README's
docs/screenshots/review-*.png are taken by tests/integration/test_desktop_windows.py (the
real app on a 1280×800 desktop, English and German) with TRAYCLOCK_SCREENSHOTS set.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication

from trayclock.config import HOME_ENV


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m trayclock.ui.review")
    parser.add_argument("--demo-day", type=date.fromisoformat, help="fill a throw-away store")
    parser.add_argument("--day", type=date.fromisoformat, help="the day to show")
    parser.add_argument("--span", choices=("day", "week", "month"), default="day")
    parser.add_argument("--select", type=int, nargs="*", default=[], help="rows to select")
    parser.add_argument("--size", help="window size WxH (default 1280x800)")
    parser.add_argument("--screenshot", help="save a picture of the window here, then quit")
    parser.add_argument("--sync-demo", action="store_true", help="with --demo-day: sync states")
    parser.add_argument("--lang", help="the window's language (en, de); default: the system's")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    if args.demo_day and not os.environ.get(HOME_ENV):
        os.environ[HOME_ENV] = tempfile.mkdtemp(prefix="trayclock-review-demo-")
    from trayclock.domain.clock import Clock, ManualClock
    from trayclock.services.review.demo import DEMO_ZONE, fill_demo_store
    from trayclock.services.review.source import ReviewSource
    from trayclock.store.db import connect
    from trayclock.ui.review.window import ReviewWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if args.lang:
        from trayclock.ui.i18n import install_language

        install_language(app, args.lang)
    conn = connect()
    day = args.day or args.demo_day or date.today()
    clock: Clock
    if args.demo_day:
        fill_demo_store(conn, args.demo_day)
        clock = ManualClock(
            datetime.combine(args.demo_day, datetime.min.time(), ZoneInfo(DEMO_ZONE)).replace(
                hour=19
            )
        )
    else:
        from trayclock.clock import SystemClock

        clock = SystemClock()
    sync = None
    if args.sync_demo and args.demo_day:
        from trayclock.services.review.sync_demo import show_sync_states
        from trayclock.services.sync import SyncService

        show_sync_states(conn, args.demo_day, clock.now())
        sync = SyncService(conn, clock)
    window = ReviewWindow(ReviewSource(conn, clock), day, span=args.span, sync=sync)
    if args.size:
        width, height = (int(part) for part in args.size.lower().split("x"))
        window.resize(width, height)
        window.move(0, 0)
    window.show()
    if args.select and window.view is not None:
        window.select([window.view.rows[i].id for i in args.select if i < len(window.view.rows)])
    if args.screenshot:
        from PySide6.QtCore import QTimer

        def shoot() -> None:
            window.grab().save(args.screenshot)
            app.quit()

        QTimer.singleShot(800, shoot)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
