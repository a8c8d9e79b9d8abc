"""A real trayclock on a real desktop with its detection played from stdin (the desktop tests).

Everything but detection is the app's own (`trayclock.app.build`): the store under
TRAYCLOCK_HOME, the tracker, the tray icon, the prompt, the notifications, the review
window, translated for the locale of the environment. One command a line on stdin, one
answer a line on stdout ("ok" or a JSON object):

    start KEY APP PARTNER_ID [NAME]  a session starts now, as detection reports it
    start-ago MIN KEY APP PARTNER_ID [NAME]  one that began MIN minutes ago (its log says so)
    idle FROM TO                     no input from FROM to TO minutes ago: suggested on the
                                     sessions then, as the tracker does (tracker.idle.suggest)
    pauses KEY                       KEY's entry: its pauses' states, who decided (audit)
    panel                            the review's selected entry: title, "why", its pauses
    select-at HH:MM [pauses]         select the review's entry starting then (local time);
                                     `pauses`: the panel scrolled to its pauses
    end KEY                          it ends now
    customer NAME APP PARTNER_ID     a customer who knows this partner (attaches by itself)
    seed DAY                         the review's demo day (services.review.demo) on DAY
    review DAY SPAN                  open the review window on DAY (day, week or month)
    select N                         select the review's row N (its "why this amount" shows)
    maximize                         maximise the review window
    geometry                         the review window, its Submit button and the screen
    prompt                           the prompt: shown, its frame and the screen's free area,
                                     stay-on-top, focus, dragged
    tray                             the tray menu (open, its frame) and the icon's tooltip
    later                            the prompt's Later (the question waits in the menu)
    menu X Y                         pop the tray's menu up at X, Y (as a left click does)
    suggestion-item                  the open tray menu's first idle question: its centre,
                                     its words, whether its submenu is open
    quit
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QScrollArea, QWidget

from trayclock import app as app_module
from trayclock.app_logging import setup_logging
from trayclock.config import paths
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.services.review.demo import fill_demo_store
from trayclock.services.review.span import parse_span
from trayclock.services.ui_prefs import stored_language
from trayclock.store import audit, customers, entries, mappings, session_links
from trayclock.tracker import idle
from trayclock.ui.doorway import Doorway
from trayclock.ui.i18n import install_language


def snap_to_a_whole_row(area: QScrollArea, panel: QWidget) -> None:
    """Scrolled up just enough that no field or button is cut at the top (for the picture)."""
    spans = sorted(
        (w.mapTo(panel, QPoint(0, 0)).y(), w.height())
        for w in panel.findChildren(QWidget)
        if w.isVisible() and w.layout() is None  # the fields and buttons, not their rows
    )
    bar = area.verticalScrollBar()
    top = bar.value()
    for y, height in reversed(spans):  # from the bottom up: a snap can cut the row above
        if y < top < y + height:
            top = y - 4
    bar.setValue(max(top, 0))


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


class Detection:
    """The app's EventSource: whatever `start`/`end` lines say, sent as detection would."""

    def __init__(self) -> None:
        self.emit: Callable[[SessionEvent], None] | None = None
        self.ready = threading.Event()
        self.sessions: dict[str, RemoteSession] = {}
        self.apps: dict[str, str] = {}  # every key's app, ended ones too

    def __call__(self, emit: Callable[[SessionEvent], None], stop: threading.Event) -> None:
        self.emit = emit
        self.ready.set()
        stop.wait()

    def start(
        self, key: str, app: str, partner_id: str, name: str | None, ago_min: float = 0
    ) -> None:
        now = datetime.now(UTC)
        begun = now - timedelta(minutes=ago_min)
        session = RemoteSession(app, key, partner_id, name, begun, None, Outcome.OPEN)
        self.sessions[key] = session
        self.apps[key] = app
        self._send(SessionEvent(EventKind.STARTED, session, now))

    def end(self, key: str) -> None:
        now = datetime.now(UTC)
        session = self.sessions.pop(key).with_changes(end=now, outcome=Outcome.COMPLETED)
        self._send(SessionEvent(EventKind.ENDED, session, now))

    def _send(self, event: SessionEvent) -> None:
        self.ready.wait(30)
        assert self.emit is not None
        self.emit(event)


def main() -> int:
    setup_logging(paths().ensure())  # as `trayclock` itself: the tests read this log
    qt = app_module.make_qapplication()
    # The language as trayclock itself picks it: the store's choice, else the desktop's.
    install_language(qt, stored_language(paths().database))
    detection = Detection()
    built = app_module.build(qt, detection=detection, tray_wait_s=0)
    commands = Doorway()
    answer_lock = threading.Lock()

    def answer(value: object) -> None:
        with answer_lock:
            sys.stdout.write((value if isinstance(value, str) else json.dumps(value)) + "\n")
            sys.stdout.flush()

    def review_window() -> Any:
        window = built.tray._openers["review"]
        assert window is not None
        return window.window  # type: ignore[attr-defined]

    def run(line: str) -> None:
        words = line.split()
        command, args = words[0], words[1:]
        if command == "customer":
            name, app, partner = " ".join(args[:-2]), args[-2], args[-1]
            now = datetime.now(UTC)
            made = customers.upsert(built.conn, name.lower().replace(" ", "-"), name, now=now)
            mappings.remember(built.conn, app, partner, made.id, partner_name=None, now=now)
            built.model.refresh()
            answer("ok")
        elif command == "seed":
            fill_demo_store(built.conn, date.fromisoformat(args[0]))
            built.service.events.data_changed()
            answer("ok")
        elif command == "review":
            opener = built.tray._openers["review"]
            assert opener is not None
            window = opener(date.fromisoformat(args[0]))  # type: ignore[call-arg]
            window.show_span(parse_span(args[1]))
            answer("ok")
        elif command == "select":
            window = review_window()
            window.select([window.view.rows[int(args[0])].id])
            answer("ok")
        elif command == "maximize":
            review_window().showMaximized()
            answer("ok")
        elif command == "geometry":
            window = review_window()
            button = window.submit_button
            corner = button.mapToGlobal(QPoint(0, 0))
            screen = window.screen() or QGuiApplication.primaryScreen()
            answer(
                {
                    "frame": rect(window.frameGeometry()),
                    "client": rect(window.geometry()),
                    "available": rect(screen.availableGeometry()),
                    "submit": [corner.x(), corner.y(), button.width(), button.height()],
                    "submit_visible": button.isVisible(),
                    "maximized": window.isMaximized(),
                    "title": window.windowTitle(),
                    "window": int(window.winId()),
                    "priced": bool(window.view is not None and window.view.priced),
                    "rows": 0 if window.view is None else len(window.view.rows),
                }
            )
        elif command == "prompt":
            prompt = built.tray.prompt
            handle = prompt.windowHandle()
            choice = prompt.picker.choice()
            screen = prompt.screen() or QGuiApplication.primaryScreen()
            answer(
                {
                    "visible": prompt.isVisible(),
                    "frame": rect(prompt.frameGeometry()),
                    "available": rect(screen.availableGeometry()),
                    "on_top": bool(
                        handle is not None and handle.flags() & Qt.WindowType.WindowStaysOnTopHint
                    ),
                    "title": prompt.title.text(),
                    "accepts_focus": prompt.accepts_focus,
                    "choice": None if choice is None else choice.name,
                    # a press on the title band began a move (the window manager's, or its own)
                    "dragged": prompt._system_move or prompt._drag_from is not None,
                }
            )
        elif command == "tray":
            menu = built.tray.menu
            answer(
                {
                    "menu": menu.isVisible(),
                    "menu_frame": rect(menu.geometry()),
                    "tooltip": built.tray.icon.toolTip(),
                }
            )
        elif command == "idle":
            low, high = float(args[0]), float(args[1])
            now = datetime.now(UTC)
            stretch = idle.Stretch(now - timedelta(minutes=low), now - timedelta(minutes=high))
            # What the tracker does at the heartbeat after the technician came back.
            idle.suggest(built.conn, stretch, timedelta(minutes=10), now)
            built.service.events.data_changed(built.service)
            built.model.refresh()
            answer("ok")
        elif command == "pauses":
            uuid = session_links.linked_entry(built.conn, detection.apps[args[0]], args[0])
            entry = entries.get(built.conn, uuid) if uuid else None
            assert entry is not None, f"no entry for {args[0]}"
            history = audit.history(built.conn, entry.uuid)
            answer(
                {
                    "states": [str(p.state) for p in entry.pauses],
                    "decided": [r.reason for r in history if r.field == "pause"],
                    "suggestions": len(built.model.snapshot.suggestions),
                }
            )
        elif command == "select-at":
            window = review_window()
            zone = window.view.zone
            (row,) = [r for r in window.view.rows if f"{r.start.astimezone(zone):%H:%M}" == args[0]]
            window.select([row.id])
            if args[1:] == ["pauses"]:  # the picture shows the panel's pauses
                window.panel_area.ensureWidgetVisible(window.panel.pauses)
                snap_to_a_whole_row(window.panel_area, window.panel)
            else:
                window.panel_area.verticalScrollBar().setValue(0)
            answer("ok")
        elif command == "panel":
            window = review_window()
            pauses = window.panel.pauses
            answer(
                {
                    "title": window.panel.selection_title.text(),
                    "why": window.panel.why_label.text(),
                    "pauses": [pauses.list.item(i).text() for i in range(pauses.list.count())],
                    "suggestions": len(window.suggestion_bar.shown_ids()),
                }
            )
        elif command == "later":
            built.tray.prompt.on_later()
            answer("ok")
        elif command == "menu":
            built.model.refresh()
            built.tray.menu.popup(QPoint(int(args[0]), int(args[1])))
            answer("ok")
        elif command == "suggestion-item":
            menu = built.tray.menu
            item = next(
                a
                for a in menu.actions()
                if a.menu() is not None and a.menu().objectName().startswith("suggestion:")
            )
            centre = menu.mapToGlobal(menu.actionGeometry(item).center())
            answer(
                {
                    "x": centre.x(),
                    "y": centre.y(),
                    "title": item.text(),
                    "open": item.menu().isVisible(),  # its submenu (the time, the answers)
                }
            )
        elif command == "quit":
            answer("ok")
            qt.quit()
        else:
            answer(f"error: unknown command {command!r}")

    def on_command(line: object) -> None:
        try:
            run(str(line))
        except Exception as error:  # the test reads it; the app runs on
            answer(f"error: {type(error).__name__}: {error}")

    commands.arrived.connect(on_command)

    def read_stdin() -> None:
        for raw in sys.stdin:
            line = raw.strip()
            if not line:
                continue
            words = line.split()
            try:
                if words[0] == "start":
                    name = " ".join(words[4:]) or None
                    detection.start(words[1], words[2], words[3], name)
                    answer("ok")
                elif words[0] == "start-ago":
                    name = " ".join(words[5:]) or None
                    detection.start(words[2], words[3], words[4], name, float(words[1]))
                    answer("ok")
                elif words[0] == "end":
                    detection.end(words[1])
                    answer("ok")
                else:
                    commands.post(line)
            except Exception as error:
                answer(f"error: {type(error).__name__}: {error}")
        commands.post("quit")

    app_module.start(built)
    threading.Thread(target=read_stdin, name="stdin", daemon=True).start()
    answer("ready")
    try:
        return int(qt.exec())
    finally:
        built.shutdown()  # as run_tray: after the event loop, never inside it


if __name__ == "__main__":
    sys.exit(main())
