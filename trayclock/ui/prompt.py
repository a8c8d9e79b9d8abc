"""The attach prompt: "which customer was that session for?", without taking the keyboard.

The tech is typing into the customer's machine when a session starts, so the prompt shows
without activation and refuses focus (a tool window on top, `WindowDoesNotAcceptFocus`,
`WA_ShowWithoutActivating`). Only when the tech clicks into one of its text fields does it
accept focus, so they can type; Attach, Later, the list and the boxes work by mouse alone.
Ignoring it loses nothing: "Later" (or never answering) leaves the session unattached and
listed in the tray until it is dealt with.

A new question shows above every window (the remote session's too); once the tech turns to
another of trayclock's windows (the review), the prompt stacks like any other window. Its
title band moves it, and the next question appears where the tech put it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeySequence,
    QMouseEvent,
    QMoveEvent,
    QShortcut,
    QWindow,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trayclock.domain.entry import Customer
from trayclock.services.tray_types import AttachRequest, SessionRow, TrayPort
from trayclock.ui.customer_picker import CustomerPicker
from trayclock.ui.formats import clock_text
from trayclock.ui.texts import app_label, partner_label

PROMPT_WIDTH_PX = 360
SCREEN_MARGIN_PX = 12
FORM_SPACING_PX = (8, 4)  # across (a label and its field, the buttons), and between rows

_PROMPT_FLAGS = (
    Qt.WindowType.Tool
    | Qt.WindowType.FramelessWindowHint
    | Qt.WindowType.WindowStaysOnTopHint
    | Qt.WindowType.WindowDoesNotAcceptFocus
)


class AttachPrompt(QWidget):
    """One session at a time; `show_for(row)` fills it in and shows it without activating."""

    attach_requested = Signal(object)  # AttachRequest
    later_requested = Signal(str)  # entry uuid
    focus_accepted = Signal()  # the tech clicked into the prompt: it may take the keyboard now

    def __init__(self, service: TrayPort, parent: QWidget | None = None) -> None:
        super().__init__(parent, _PROMPT_FLAGS)
        self.setObjectName("attachPrompt")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        # Without the app's name: Qt adds it to every window title ("… — trayclock").
        self.setWindowTitle(self.tr("Which customer?"))
        self.setFixedWidth(PROMPT_WIDTH_PX)
        self._service = service
        self._row: SessionRow | None = None
        self._focus_allowed = False
        self._drag_from: QPoint | None = None  # a move by hand: the press, from the corner
        self._system_move = False  # the window manager moves it (QWindow.startSystemMove)
        self._placed: QPoint | None = None  # where the tech moved it: the next question too

        frame = QFrame(self)
        frame.setObjectName("promptFrame")
        # Frameless: draw our own border and a title band so it reads as a window at first sight.
        frame.setStyleSheet(
            "#promptFrame { border: 2px solid #e08a00; border-radius: 6px;"
            " background: palette(window); }"
            "#promptTitle { background: #e08a00; color: white; font-weight: bold; padding: 6px 8px;"
            " border-top-left-radius: 4px; border-top-right-radius: 4px; }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)

        self.title = QLabel(self.tr("Which customer was this session for?"), frame)
        self.title.setObjectName("promptTitle")
        self.title.setWordWrap(True)  # a longer question (German) takes two lines, not cut
        self.session_label = QLabel(frame)
        self.session_label.setObjectName("sessionLabel")
        self.session_label.setWordWrap(True)
        self.session_label.setTextFormat(Qt.TextFormat.PlainText)
        self.picker = CustomerPicker(self._suggest, frame)
        self.ticket = QLineEdit(frame)
        self.ticket.setObjectName("ticket")
        self.ticket.setPlaceholderText(self.tr("optional, e.g. #4711"))
        self.notes = QLineEdit(frame)
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(self.tr("what you did (optional)"))
        self.non_billable = QCheckBox(self.tr("Non-billable"), frame)
        self.non_billable.setObjectName("nonBillable")
        self.remember = QCheckBox(self.tr("Remember this partner for this customer"), frame)
        self.remember.setObjectName("remember")
        self.remember.setChecked(True)

        # A plain row, not a QDialogButtonBox: that makes its first button the default one.
        buttons = QHBoxLayout()
        buttons.setSpacing(FORM_SPACING_PX[0])
        buttons.addStretch(1)
        self.attach_button = QPushButton(self.tr("Attach"), frame)
        self.attach_button.setObjectName("attachButton")
        self.attach_button.setAutoDefault(False)  # Enter attaches only what the tech chose
        self.attach_button.setEnabled(False)
        self.later_button = QPushButton(self.tr("Later"), frame)
        self.later_button.setObjectName("laterButton")
        self.later_button.setAutoDefault(False)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.later_button)

        form = QFormLayout()
        # The frame's style sheet leaves the layouts no spacing of their own: set it.
        form.setHorizontalSpacing(FORM_SPACING_PX[0])
        form.setVerticalSpacing(FORM_SPACING_PX[1])
        form.addRow(self.tr("Customer"), self.picker)
        form.addRow(self.tr("Ticket"), self.ticket)
        form.addRow(self.tr("Notes"), self.notes)
        body = QVBoxLayout()
        body.setSpacing(FORM_SPACING_PX[1])
        body.setContentsMargins(10, 6, 10, 10)
        body.addWidget(self.session_label)
        body.addLayout(form)
        body.addWidget(self.non_billable)
        body.addWidget(self.remember)
        body.addLayout(buttons)
        column = QVBoxLayout(frame)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.title)
        column.addLayout(body)

        self.picker.choice_changed.connect(
            lambda choice: self.attach_button.setEnabled(choice is not None)
        )
        self.picker.activated.connect(lambda _choice: self.on_attach())
        self.attach_button.clicked.connect(self.on_attach)
        self.later_button.clicked.connect(self.on_later)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.on_later)
        # A click anywhere in the prompt means the tech turned to it: watch every part of it.
        for part in (self, *self.findChildren(QWidget)):
            part.installEventFilter(self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._on_focus_window_changed)

    # -- showing
    @property
    def row(self) -> SessionRow | None:
        return self._row

    def show_for(
        self, row: SessionRow, anchor: QRect | None = None, *, activate: bool = False
    ) -> None:
        """Fill in the session and show the prompt near `anchor` (the tray icon), not focused.

        `activate` is for when the tech asked for the prompt (menu "Attach customer…"):
        then taking the keyboard is what they want.
        """
        self._row = row
        entry = row.entry
        started = self.tr("started {time}").format(time=clock_text(entry.start.astimezone()))
        if entry.manual:
            what = app_label(entry.source)
        else:
            what = self.tr("{app} session to {partner}").format(
                app=app_label(entry.source),
                partner=partner_label(entry.partner_id, entry.partner_name, unbreakable=True),
            )
        text = f"{what}\n{started}"
        self.session_label.setText(text)
        if row.customer:
            question = self.tr("Change the customer of this session?")
        elif entry.end is None:
            question = self.tr("Which customer is this session for?")
        else:
            question = self.tr("Which customer was this session for?")
        self.title.setText(question)
        self.ticket.setText(entry.ticket or "")
        self.notes.setText(entry.notes)
        self.non_billable.setChecked(not entry.billable)
        self.remember.setChecked(entry.partner_id is not None)
        self.remember.setEnabled(entry.partner_id is not None)
        self.picker.search.clear()
        self.picker.refresh()
        if row.customer is not None:
            self.picker.choose(row.customer.id)
        self.adjustSize()
        self._system_move = False
        self.move(self._position(anchor))
        self._set_focus_allowed(activate)
        self._set_on_top(True)  # a new question: above the remote session
        if self.isVisible():
            self.raise_()
        else:
            self.show()
        if activate:
            self.activateWindow()
            self.picker.search.setFocus()

    def _position(self, anchor: QRect | None) -> QPoint:
        """Where the tech last put it; else next to the tray icon when the platform tells
        where it is; else the tray's corner. Always wholly on the screen."""
        size = self.size().expandedTo(self.sizeHint()).expandedTo(self.minimumSizeHint())
        placed = self._placed
        if placed is not None:
            # Dragged partly past the screen's edge, its middle may be on no screen at all:
            # then the screen its corner is on, else the primary one; pulled wholly onto it.
            mine = (
                QGuiApplication.screenAt(QRect(placed, size).center())
                or QGuiApplication.screenAt(placed)
                or QGuiApplication.primaryScreen()
            )
            area = mine.availableGeometry()
            x = max(area.left(), min(placed.x(), area.right() + 1 - size.width()))
            y = max(area.top(), min(placed.y(), area.bottom() + 1 - size.height()))
            return QPoint(x, y)
        screen = QGuiApplication.screenAt(anchor.center()) if anchor and anchor.isValid() else None
        screen = screen or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        if anchor is not None and anchor.isValid():
            below = anchor.bottom() + SCREEN_MARGIN_PX
            above = anchor.top() - SCREEN_MARGIN_PX - size.height()
            y = below if below + size.height() <= area.bottom() else above
            x = anchor.center().x() - size.width() // 2
        else:
            x = area.right() - size.width() - SCREEN_MARGIN_PX
            # macOS and most Linux desktops keep the tray at the top; Windows at the bottom.
            top_tray = sys.platform != "win32"
            y = (
                area.top() + SCREEN_MARGIN_PX
                if top_tray
                else area.bottom() - size.height() - SCREEN_MARGIN_PX
            )
        x = max(
            area.left() + SCREEN_MARGIN_PX, min(x, area.right() - size.width() - SCREEN_MARGIN_PX)
        )
        y = max(area.top(), min(y, area.bottom() - size.height()))
        return QPoint(x, y)

    # -- focus: refused until the tech clicks into the prompt
    @property
    def accepts_focus(self) -> bool:
        return self._focus_allowed

    def _set_focus_allowed(self, allowed: bool) -> None:
        self._focus_allowed = allowed
        window = self.windowHandle()
        if window is None:
            self.create()
            window = self.windowHandle()
        # On the QWindow, not the widget: QWidget.setWindowFlag would hide and recreate the window.
        window.setFlag(Qt.WindowType.WindowDoesNotAcceptFocus, not allowed)
        window.removeEventFilter(self)
        window.installEventFilter(self)

    # -- stacking and moving
    def _set_on_top(self, on_top: bool) -> None:
        window = self.windowHandle()
        if window is None:
            self.create()
            window = self.windowHandle()
        # On the QWindow, as the focus flag: the widget's setWindowFlag would recreate it.
        window.setFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)

    def _on_focus_window_changed(self, window: QWindow | None) -> None:
        """The tech turned to another of trayclock's windows: stack like any window now."""
        mine = self.windowHandle()
        if window is None or mine is None or window is mine or not self.isVisible():
            return
        if window.type() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            return  # a menu or a tooltip is not a window the tech works in
        if mine.flags() & Qt.WindowType.WindowStaysOnTopHint:
            self._set_on_top(False)

    def _drag(self, event: QMouseEvent) -> bool:
        """The title band moves the prompt; mouse only, the keyboard stays where it is."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            window = self.windowHandle()
            # Where Qt believes the prompt is can lag behind the window manager's placement
            # for good (seen on openbox: Qt at (0, 0), the prompt at (907, 44)), and a move
            # mapped through it jumped by that much. The press itself tells where it is.
            pressed = self.title.mapTo(self, event.position().toPoint())
            if window is not None:
                origin = event.globalPosition().toPoint() - pressed
                if origin != window.position():
                    window.setPosition(origin)  # startSystemMove maps the press through it
            if window is not None and window.startSystemMove():
                self._system_move = True  # moveEvent records where it ends up
            else:  # no window manager to ask (or it refused): follow the mouse ourselves
                self._drag_from = pressed
            return True
        if kind == QEvent.Type.MouseMove and self._drag_from is not None:
            self.move(event.globalPosition().toPoint() - self._drag_from)
            self._placed = self.pos()
            return True
        if kind == QEvent.Type.MouseButtonRelease and self._drag_from is not None:
            self._drag_from = None
            return True
        return False

    def moveEvent(self, event: QMoveEvent) -> None:
        if self._system_move:
            self._placed = self.pos()
        super().moveEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.title and isinstance(event, QMouseEvent) and self._drag(event):
            return True
        # The QWindow sees a press before the child widget under the mouse does; the widgets
        # are watched too for presses delivered to them directly (tests, accessibility tools).
        if (
            isinstance(event, QMouseEvent)
            and event.type() == QEvent.Type.MouseButtonPress
            and not self._focus_allowed
        ):
            target: QObject | None = watched
            if isinstance(watched, QWindow):
                target = self.childAt(event.position().toPoint())
            # Only a text field needs the keyboard: Attach, Later, the list and the boxes
            # work by mouse alone, so clicking them leaves the focus in the remote session.
            if self._wants_keyboard(target):
                self._set_focus_allowed(True)
                self.activateWindow()
                self.focus_accepted.emit()
        return False

    def _wants_keyboard(self, target: QObject | None) -> bool:
        while isinstance(target, QWidget) and target is not self:
            if isinstance(target, QLineEdit):
                return True
            target = target.parentWidget()
        return False

    # -- answers
    def on_attach(self) -> None:
        choice = self.picker.choice()
        if self._row is None or choice is None:
            return
        request = AttachRequest(
            entry_uuid=self._row.entry.uuid,
            customer=choice,
            ticket=self.ticket.text().strip() or None,
            notes=self.notes.text().strip(),
            billable=not self.non_billable.isChecked(),
            remember_partner=self.remember.isChecked() and self.remember.isEnabled(),
        )
        self.hide()
        self._row = None
        self.attach_requested.emit(request)

    def on_later(self) -> None:
        if self._row is None:
            self.hide()
            return
        uuid = self._row.entry.uuid
        self.hide()
        self._row = None
        self.later_requested.emit(uuid)

    def _suggest(self, text: str, limit: int) -> list[Customer]:
        uuid = self._row.entry.uuid if self._row else None
        return self._service.suggest_customers(uuid, text, limit)
