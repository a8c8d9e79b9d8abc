"""The end-of-day review window: its layout, and the wiring between its parts.

The parts do the work: the timeline, table and totals show a DayView; the selection panel
(`panel.py`, its state from `panel_state.py`) shows and offers edits, which `edits.py` makes;
`pricer.py` prices what the store gives; `banner.py` and `span.py` say what is shown;
`follow.py` keeps it following the store, `screen_fit.py` on the screen, and
`submit_blocked.py` says why Submit did nothing.

Why this module is long: it is the one place that wires those parts, with one short method
per edit the tech can make; cutting the wiring in two would only make a reader follow it
across files.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QHideEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trayclock.services.review.edits import ReviewEdits, Selection, moment_on_day, submit_plan
from trayclock.services.review.pricing import with_running_times
from trayclock.services.review.rows import DayView, ReviewRow
from trayclock.services.review.source import ReviewSource
from trayclock.services.review.span import Span, parse_span, range_of, step_from
from trayclock.services.sync import SyncService
from trayclock.store.db import StoreError
from trayclock.ui.formats import range_text, span_text
from trayclock.ui.review.banner import BannerWords, DayFacts, banner_html, day_facts, problem_html
from trayclock.ui.review.follow import StoreFollower
from trayclock.ui.review.navigation import NavigationBar
from trayclock.ui.review.palette import CustomerColours
from trayclock.ui.review.panel import SelectionPanel, make_button
from trayclock.ui.review.panel_state import panel_state
from trayclock.ui.review.pause_actions import PauseActions
from trayclock.ui.review.pricer import SYNC_PRICE_MAX_ENTRIES, ReviewPricer
from trayclock.ui.review.screen_fit import ScreenFit
from trayclock.ui.review.selection import SelectionSync
from trayclock.ui.review.submit_blocked import show_blocked
from trayclock.ui.review.suggestion_bar import SuggestionBar
from trayclock.ui.review.table import ReviewTable
from trayclock.ui.review.timeline import TimelineWidget
from trayclock.ui.review.totals import TotalsTable

log = logging.getLogger(__name__)

TIMELINE_MAX_HEIGHT_PX = 330
TIMELINE_MIN_HEIGHT_PX = 90
TIMELINE_SHARE = 0.3  # of the window's height at most: the table below stays usable
TOTALS_MAX_HEIGHT_PX = 190  # more customers than fit here scroll in their table
TABLE_MIN_HEIGHT_PX = 110
WINDOW_SIZE_PX = (1280, 800)  # preferred; never more than the screen's free area (screen_fit)


class ReviewWindow(QMainWindow):
    """A day (or week, or month) of entries: look, fix, price, submit. Changes go to the store."""

    view_shown = Signal(object)  # DayView, priced or not, once it is on screen
    priced = Signal(object)  # DayView with prices, once it is on screen
    problem = Signal(str)  # an edit or pricing failed; the message is shown in the banner
    submitted = Signal(int)  # how many entries were marked reviewed and queued

    def __init__(
        self,
        source: ReviewSource,
        day: date | None = None,
        *,
        span: str = Span.DAY,
        sync_price_max_entries: int = SYNC_PRICE_MAX_ENTRIES,
        sync: SyncService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`sync`: each entry's state with the billing backend, and a conflict's choices."""
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        self.source = source
        self.sync = sync
        self._sync_kind = ""
        self.edits = ReviewEdits(source)
        self.colours = CustomerColours()
        self.pricer = ReviewPricer(
            source, sync_price_max_entries=sync_price_max_entries, parent=self
        )
        self.pricer.view_ready.connect(self._show)
        self.pricer.failed.connect(self.on_pricing_failed)
        self._view: DayView | None = None
        self._day = day or source.today()
        self._span = parse_span(span)
        self._hidden_since_load = False
        self.blocked_box: QMessageBox | None = None  # why the last Submit did nothing
        self._keep_scroll = False  # the next views follow the store: the tech's place stays
        self.follower = StoreFollower(
            self,
            source,
            reload=self.follow_store,
            advance=self.advance_running_times,
            mark_stale=self._mark_stale,
        )
        self._build()
        self.navigation.show_day(self._day)
        self.screen_fit = ScreenFit(self, WINDOW_SIZE_PX)
        self.screen_fit.fit()
        self.reload()

    # ---- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 8)
        self.navigation = NavigationBar(self._span, central)
        self.navigation.stepped.connect(self.step)
        self.navigation.day_picked.connect(self.show_day)
        self.navigation.today_clicked.connect(self.show_today)
        self.navigation.span_picked.connect(self.show_span)
        self.navigation.discarded_toggled.connect(lambda _checked: self.reload())
        QShortcut(QKeySequence("Alt+Left"), self).activated.connect(lambda: self.step(-1))
        QShortcut(QKeySequence("Alt+Right"), self).activated.connect(lambda: self.step(1))
        outer.addWidget(self.navigation)

        self.banner = QLabel(central)
        self.banner.setObjectName("reviewBanner")
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setWordWrap(True)
        outer.addWidget(self.banner)
        self.suggestion_bar = SuggestionBar(central)  # every unanswered idle suggestion
        outer.addWidget(self.suggestion_bar)

        self.timeline = TimelineWidget(self.colours)
        self.timeline_area = QScrollArea(central)
        self.timeline_area.setWidget(self.timeline)
        self.timeline_area.setWidgetResizable(True)
        self.timeline_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline_area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.timeline_area.setMinimumHeight(TIMELINE_MIN_HEIGHT_PX)
        outer.addWidget(self.timeline_area)

        splitter = QSplitter(Qt.Orientation.Horizontal, central)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.table = ReviewTable(self.colours, left)
        self.table.setMinimumHeight(TABLE_MIN_HEIGHT_PX)
        self.model = self.table.review_model
        self.model.edit_requested.connect(self.on_edit_requested)
        left_layout.addWidget(self.table, 1)
        self.totals = TotalsTable(self.colours, left, max_height_px=TOTALS_MAX_HEIGHT_PX)
        left_layout.addWidget(self.totals)
        splitter.addWidget(left)
        self.selection = SelectionSync(
            self.table, self.model, self.timeline, self.timeline_area, self
        )
        self.selection.changed.connect(self._update_panel)
        self.panel = SelectionPanel(self)
        self._connect_panel(self.panel)
        self.pause_actions = PauseActions(
            self, self.selection.changed, self.panel.pauses, self.suggestion_bar, self
        )
        # The panel scrolls in its column rather than make the window taller than the screen.
        self.panel_area = QScrollArea(splitter)
        self.panel_area.setObjectName("selectionPanelArea")
        self.panel_area.setWidget(self.panel)
        self.panel_area.setWidgetResizable(True)
        self.panel_area.setFrameShape(QFrame.Shape.NoFrame)
        self.panel_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As wide as the panel wants: its row of buttons keeps its words whole in any language.
        bar = self.panel_area.verticalScrollBar().sizeHint().width()
        self.panel_area.setMinimumWidth(
            max(self.panel.minimumWidth(), self.panel.sizeHint().width() + bar)
        )
        splitter.addWidget(self.panel_area)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([900, 340])
        outer.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.pricing_label = QLabel(central)
        self.pricing_label.setObjectName("pricingLabel")
        bottom.addWidget(self.pricing_label, 1)
        self.submit_button = make_button(
            self.tr("Submit day"),
            "submitButton",
            central,
            tip=self.tr("Mark the entries reviewed and queue them for sync"),
            slot=self.submit_day,
        )
        bottom.addWidget(self.submit_button)
        outer.addLayout(bottom)
        self.setCentralWidget(central)
        # Delete in the table or the timeline discards (recoverable: Show discarded, Restore).
        for widget in (self.table, self.timeline):
            shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), widget)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.discard_selected)

    def _connect_panel(self, panel: SelectionPanel) -> None:
        wiring: tuple[tuple[QPushButton, Callable[[], None]], ...] = (
            (panel.attach_button, self.attach_selected),
            (panel.set_times_button, self.set_times_of_selected),
            (panel.split_button, self.split_selected),
            (panel.save_details_button, self.save_details_of_selected),
            (panel.approve_button, self.approve_selected),
            (panel.billable_button, self.toggle_billable_of_selected),
            (panel.merge_button, self.merge_selected),
            (panel.discard_button, self.discard_selected),
            (panel.restore_button, self.restore_selected),
            (panel.sync_box.keep_mine_button, self.keep_mine_of_selected),
            (panel.sync_box.take_theirs_button, self.take_theirs_of_selected),
        )
        for button, slot in wiring:
            button.clicked.connect(slot)

    # ---- navigation --------------------------------------------------------------------------

    @property
    def day(self) -> date:
        return self._day

    @property
    def view(self) -> DayView | None:
        return self._view

    @property
    def span(self) -> Span:
        return self._span

    def range(self) -> tuple[date, date]:
        return range_of(self._day, self._span)

    def show_day(self, day: date) -> None:
        if day == self._day:
            return
        self._day = day
        self.navigation.show_day(day)
        self.reload()

    def show_entry(self, uuid: str) -> bool:
        """Show the day of this entry with it selected; False when there is no such entry."""
        day = self.source.day_of(uuid)
        if day is None:
            return False
        self._day = day
        self.navigation.show_day(day)
        self.reload(select=[uuid])
        return True

    def show_today(self) -> None:
        """Today, read afresh from the store even when today is already shown."""
        today = self.source.today()
        if today == self._day:
            self.source.forget()
            self.reload()
        else:
            self.show_day(today)

    def step(self, direction: int) -> None:
        """One day, week or month forward (`direction` > 0) or back."""
        self.show_day(step_from(self._day, self._span, direction))

    def show_span(self, span: Span) -> None:
        if span != self._span:
            self._span = span
            self.navigation.show_span(span)
            self.reload()

    # ---- loading and showing -----------------------------------------------------------------

    def reload(self, select: Sequence[str] | None = None, *, keep_scroll: bool = False) -> None:
        """Read the range from the store and price it (the pricer decides inline or off-thread).

        `keep_scroll`: the store moved on under the tech (`follow_store`): the selection and
        the scroll positions stay where they are.
        """
        self.follower.cancel()  # whatever was due is read now
        self._keep_scroll = keep_scroll
        if select is not None:
            self.selection.remember(select)
        first, last = self.range()
        snapshot = self.source.snapshot(
            first, last, include_discarded=self.navigation.show_discarded(), history=False
        )
        self.pause_actions.refresh_suggestions()
        self.colours.assign(c.name for c in snapshot.customers)
        names = [c.name for c in snapshot.customers if not c.archived]
        self.table.set_customers(names)
        self.panel.set_customers(names)
        self.pricer.request(snapshot, self._view)

    def on_pricing_failed(self, message: str) -> None:
        self._show_problem(self.tr("Cannot price this day: %1").replace("%1", message))

    # ---- following the store while open ------------------------------------------------------

    def follow_store(self) -> None:
        """Read the shown range again, keeping the selection and where the tech scrolled."""
        self.reload(keep_scroll=True)

    def _mark_stale(self) -> None:
        self._hidden_since_load = True  # read afresh when shown again

    def advance_running_times(self) -> None:
        """A heartbeat: only running entries' times moved. Nothing is priced again (running
        entries are priced once they end); the shown view gets their new "so far"."""
        if self._view is None:
            return
        view = with_running_times(self._view, self.source.clock.now())
        if view is not None:
            self._keep_scroll = True
            self._show(view)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timeline()

    def _fit_timeline(self) -> None:
        """The timeline as tall as its lanes, up to a share of the window: the table below
        keeps its room (the timeline scrolls when a week has more lanes)."""
        room = max(TIMELINE_MIN_HEIGHT_PX, int(self.height() * TIMELINE_SHARE))
        wanted = self.timeline.height() + 4
        self.timeline_area.setFixedHeight(
            max(TIMELINE_MIN_HEIGHT_PX, min(wanted, TIMELINE_MAX_HEIGHT_PX, room))
        )

    def _show(self, view: DayView) -> None:
        keep = self._keep_scroll
        places = self._scroll_places() if keep else ()
        self._view = view
        self.timeline.set_view(view)
        self._fit_timeline()
        self._read_sync(view)
        self.table.set_view(view)
        self.totals.set_view(view)
        self._update_title(view)
        facts = day_facts(view)
        self.banner.setText(banner_html(facts, self._banner_words(facts)))
        self.submit_button.setEnabled(facts.can_submit)
        self.selection.show(view, scroll=not keep)
        for bar, value in places:
            bar.setValue(value)
        if view.priced:
            self.pricing_label.setText(
                self.tr("%n entries, priced", "", len(view.rows))
                if view.rows
                else self.tr("No entries")
            )
        else:
            self.pricing_label.setText(self.tr("Pricing…"))
        self.view_shown.emit(view)
        if view.priced:
            self.priced.emit(view)

    def _scroll_places(self) -> tuple[tuple[QScrollBar, int], ...]:
        bars = (
            self.table.verticalScrollBar(),
            self.table.horizontalScrollBar(),
            self.timeline_area.verticalScrollBar(),
        )
        return tuple((bar, bar.value()) for bar in bars)

    def _update_title(self, view: DayView) -> None:
        self.submit_button.setText(
            {
                Span.DAY: self.tr("Submit day"),
                Span.WEEK: self.tr("Submit week"),
                Span.MONTH: self.tr("Submit month"),
            }[self._span]
        )
        text = range_text(view.first_day, view.last_day)
        self.navigation.title.setText(text)
        self.setWindowTitle(self.tr("Review — %1").replace("%1", text))

    def _banner_words(self, facts: DayFacts) -> BannerWords:
        return BannerWords(
            unattached=self.tr("%n session(s) without a customer", "", facts.unattached),
            waiting=self.tr("%n long session(s) to approve", "", facts.waiting),
            running=self.tr("%n session(s) still running", "", facts.running),
            overlaps=self.tr("%n overlap(s)", "", facts.overlaps),
            empty=(
                self.tr("No entries on this day.")
                if facts.single_day
                else self.tr("No entries in this range.")
            ),
            ready=self.tr("Everything attached and approved: ready to submit."),
            submitted=self.tr("Submitted: every entry is reviewed and queued for sync."),
        )

    def _show_problem(self, message: str) -> None:
        self.banner.setText(problem_html(message))
        self.problem.emit(message)

    # ---- selection ---------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        return self.selection.ids()

    def selected_rows(self) -> list[ReviewRow]:
        return self.selection.rows()

    def select(self, ids: Sequence[str]) -> None:
        """Select entries in both the table and the timeline."""
        self.selection.select(ids)

    def _update_panel(self) -> None:
        rows = self.selected_rows()
        state = panel_state(rows, self._view.zone if self._view is not None else None)
        labels = self.model.start_labels(state.single) if state.single is not None else {}
        self.panel.show_state(state, labels)
        single = state.single
        line = self.model.sync_line(single.id) if single is not None else None
        self.panel.sync_box.show_row(single, line, self._sync_kind)

    def _read_sync(self, view: DayView) -> None:
        """What the backend said of the shown entries (their refusals, conflicts)."""
        if self.sync is None:
            return
        config = self.sync.config()
        self._sync_kind = config.kind if config is not None else ""
        submitted = [row.id for row in view.rows if row.sync_state != "local"]
        self.model.set_sync(self.sync.entries(submitted), self._sync_kind)

    # ---- edits -------------------------------------------------------------------------------

    def _change(self, action: Callable[[], Selection | None]) -> bool:
        """Run one store change, then re-price at once; a refused change is shown, not raised.

        False when the change was refused or there was nothing to change (no reload then).
        """
        try:
            select = action()
        except (StoreError, ValueError) as error:
            log.warning("review edit refused: %s", error)
            # The store's reason is for the log; the tech gets it after a sentence in their
            # language (the edits the panel offers are checked before they are made).
            self._show_problem(self.tr("The change was not saved: %1").replace("%1", str(error)))
            return False
        if select is None:
            return False
        self.reload(select)
        return True

    def _shown_zone(self) -> tzinfo:
        assert self._view is not None  # a selection needs a view
        return self._view.zone

    def change(self, action: Callable[[], Selection | None]) -> bool:
        """One store change from a part of the window (the pauses): see `_change`."""
        return self._change(action)

    def shown_zone(self) -> tzinfo:
        return self._shown_zone()

    def attach_selected(self) -> None:
        self._change(lambda: self.edits.attach(self.selected_rows(), self.panel.customer_name()))

    def on_edit_requested(self, entry_id: str, field: str, value: object) -> None:
        """An in-place edit in the table."""
        selected = self.selection.ids()
        self._change(lambda: self.edits.edit_in_place(entry_id, field, value, selected))

    def set_times_of_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            zone = self._shown_zone()
            start, end = self.panel.start_time(), self.panel.end_time()
            self._change(lambda: self.edits.set_times(rows, zone, start, end))

    def split_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            zone, at = self._shown_zone(), self.panel.split_time()
            start, end = rows[0].start.astimezone(zone), rows[0].end.astimezone(zone)
            if len(rows) == 1 and not start < moment_on_day(rows[0], zone, at) < end:
                self._show_problem(
                    self.tr("Split at a time inside the entry (%1).").replace(
                        "%1", span_text(start, end)
                    )
                )
                return
            self._change(lambda: self.edits.split(rows, zone, at))

    def merge_selected(self) -> None:
        rows = self.selected_rows()
        if len({r.customer for r in rows if not r.discarded and r.customer is not None}) > 1:
            self._show_problem(self.tr("Only entries of one customer can be merged."))
            return
        self._change(lambda: self.edits.merge(rows))

    def toggle_billable_of_selected(self) -> None:
        self._change(lambda: self.edits.toggle_billable(self.selected_rows()))

    def discard_selected(self) -> None:
        still_shown = self.navigation.show_discarded()
        self._change(lambda: self.edits.discard(self.selected_rows(), still_shown=still_shown))

    def restore_selected(self) -> None:
        self._change(lambda: self.edits.restore(self.selected_rows()))

    def approve_selected(self) -> None:
        self._change(lambda: self.edits.approve(self.selected_rows()))

    def save_details_of_selected(self) -> None:
        ticket, notes = self.panel.ticket(), self.panel.notes()
        self._change(lambda: self.edits.save_details(self.selected_rows(), ticket, notes))

    def keep_mine_of_selected(self) -> None:
        """A conflict decided for trayclock's values: sent over the backend's line next."""
        if self.sync is not None:
            self._decide(self.sync.keep_mine)

    def take_theirs_of_selected(self) -> None:
        """A conflict decided for the backend's line: the entry becomes it (re-priced)."""
        if self.sync is not None:
            self._decide(self.sync.take_theirs)

    def _decide(self, decide: Callable[[str], object]) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        uuid = rows[0].id

        def action() -> Selection:
            decide(uuid)  # audited by the store; announced so the tray and sync follow
            self.source.events.data_changed(self.source)
            return [uuid]

        self._change(action)

    # ---- submitting --------------------------------------------------------------------------

    def confirm(self, question: str) -> bool:
        """Ask the tech; a seam for tests (monkeypatch QMessageBox.question or this method)."""
        answer = QMessageBox.question(
            self,
            self.tr("Submit the day"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def submit_day(self) -> None:
        """Mark the shown entries reviewed and queue them; open questions need a conscious yes.

        Nothing is submitted while a shown session still runs or has no customer: the tech
        gets the list of those instead. Long sessions awaiting approval are left open
        (unreviewed, not queued) when the tech chooses to submit anyway: they come back
        tomorrow.
        """
        if self._view is None:
            return
        plan = submit_plan(self._view)
        if plan.blocked:
            self.blocked_box = show_blocked(self, plan.blocked, self._view)
            return
        if plan.waiting:
            question = self.tr(
                "%n long session(s) still need an approval. Submit the others and leave "
                "these open?",
                "",
                plan.waiting,
            )
            if not self.confirm(question):
                return
        count = 0

        def action() -> Selection:
            nonlocal count
            count = self.edits.submit(plan)
            return self.selection.ids()

        if self._change(action):
            self.submitted.emit(count)

    def showEvent(self, event: QShowEvent) -> None:
        # Opened again from the tray after a while: the store has moved on since.
        if self._hidden_since_load:
            self._hidden_since_load = False
            self.source.forget()
            self.reload()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._hidden_since_load = True
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Whatever is still pending (a deferred history read, a pricing job) is for nobody now.
        self.pricer.cancel()
        super().closeEvent(event)
