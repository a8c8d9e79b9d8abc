"""The review's one selection of entries, shown in both the table and the timeline.

A click in either selects in the other too; a new view keeps the entries it still shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, Signal
from PySide6.QtWidgets import QScrollArea, QTableView

from trayclock.services.review.rows import DayView, ReviewRow
from trayclock.ui.review.table_model import ReviewTableModel
from trayclock.ui.review.timeline import TimelineWidget

SCROLL_MARGIN_PX = 20


class SelectionSync(QObject):
    """Keeps the table's and the timeline's selections the same; `changed` after each change."""

    changed = Signal()

    def __init__(
        self,
        table: QTableView,
        model: ReviewTableModel,
        timeline: TimelineWidget,
        timeline_area: QScrollArea,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._table = table
        self._model = model
        self._timeline = timeline
        self._timeline_area = timeline_area
        self._ids: list[str] = []
        self._view: DayView | None = None
        self._syncing = False  # the table's selection is being set from here: not the user
        table.selectionModel().selectionChanged.connect(self._on_table_changed)
        timeline.selection_changed.connect(self._on_timeline_changed)

    def ids(self) -> list[str]:
        return list(self._ids)

    def rows(self) -> list[ReviewRow]:
        """The selected rows of the view on screen."""
        if self._view is None:
            return []
        return [r for r in (self._view.row(i) for i in self._ids) if r is not None]

    def remember(self, ids: Sequence[str]) -> None:
        """Select these once the next view is shown (after an edit: the entries it made)."""
        self._ids = list(ids)

    def select(self, ids: Sequence[str]) -> None:
        """Select these entries of the view on screen, in both places."""
        self._ids = [i for i in ids if self._view is not None and self._view.row(i)]
        self._restore()
        self.changed.emit()

    def show(self, view: DayView, *, scroll: bool = True) -> None:
        """A new view is on screen: select what it still shows of the selection (`scroll`:
        and bring it into sight; not when the store moved on under the tech)."""
        self._view = view
        self._restore(scroll=scroll)
        self.changed.emit()

    def _on_table_changed(self, *_args: object) -> None:
        if self._syncing:
            return
        rows = sorted({index.row() for index in self._table.selectionModel().selectedRows()})
        self._ids = [self._model.entry_at(r).id for r in rows]
        self._timeline.set_selected_ids(self._ids)
        if self._ids:  # in a week or month, scroll the timeline to the bar
            bar = self._timeline.bar_rect(self._ids[0])
            if bar is not None:
                centre = bar.center().toPoint()
                self._timeline_area.ensureVisible(
                    centre.x(), centre.y(), SCROLL_MARGIN_PX, int(bar.height())
                )
        self.changed.emit()

    def _on_timeline_changed(self, ids: list[str]) -> None:
        self._ids = list(ids)
        self._restore()
        self.changed.emit()

    def _restore(self, *, scroll: bool = True) -> None:
        if self._view is None:
            return
        view = self._view
        self._ids = [i for i in self._ids if view.row(i) is not None]
        selection = QItemSelection()
        last_column = self._model.columnCount() - 1
        for entry_id in self._ids:
            row = self._model.row_of(entry_id)
            if row is not None:
                selection.select(self._model.index(row, 0), self._model.index(row, last_column))
        self._syncing = True
        try:
            self._table.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            if self._ids and scroll:
                first = self._model.row_of(self._ids[0])
                if first is not None:
                    self._table.scrollTo(self._model.index(first, 0))
        finally:
            self._syncing = False
        self._timeline.set_selected_ids(self._ids)
