"""A text field checked as it is typed: a line edit, its validator, and the message below it.

The validators are Qt-free (`trayclock.services.settings_check`); their messages are
translated here, in their own context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from trayclock.services.settings_check import CHECK_CONTEXT, Checked, Problem
from trayclock.ui.styles import PROBLEM_STYLE

T = TypeVar("T")
NOTE_STYLE = "color: palette(mid);"
FIELD_WIDTH = 220  # px: a rate or a number of minutes; the message below may be wider


def problem_text(problem: Problem) -> str:
    """A validator's message in the UI's language, its placeholders filled."""
    args = {
        name: QCoreApplication.translate(CHECK_CONTEXT, value)
        for name, value in problem.args.items()
    }
    return QCoreApplication.translate(CHECK_CONTEXT, problem.text).format(**args)


def problems_text(problems: Sequence[Problem]) -> str:
    return " ".join(problem_text(p) for p in problems)


def note_label(text: str, parent: QWidget) -> QLabel:
    """A quiet explanatory line under a group of fields."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


class CheckedLine(QWidget, Generic[T]):
    """A line edit whose text is checked on every change; the problem shows right below it.

    With `optional` an empty text is no problem and means "not set" (value None): a
    customer's field that inherits the company's value, shown as the placeholder.
    """

    edited = Signal()

    def __init__(
        self,
        check: Callable[[str], Checked[T]],
        parent: QWidget | None = None,
        *,
        optional: bool = False,
        name: str = "",
        width: int | None = FIELD_WIDTH,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self.optional = optional
        self.edit = QLineEdit(self)
        if width is not None:
            self.edit.setMaximumWidth(width)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        if name:
            self.setObjectName(name)
            self.edit.setObjectName(name + "Edit")
            self.problem.setObjectName(name + "Problem")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        self._result: Checked[T] = Checked(None)
        self.edit.textChanged.connect(self._on_text)
        self._on_text(self.edit.text())

    def _on_text(self, text: str) -> None:
        if self.optional and not text.strip():
            self._result = Checked(None)
        else:
            self._result = self._check(text)
        self.problem.setText(problems_text(self._result.problems))
        self.problem.setVisible(bool(self._result.problems) and self.isEnabled())
        self.edited.emit()

    def changeEvent(self, event: Any) -> None:  # a disabled field's problem does not count
        super().changeEvent(event)
        self.problem.setVisible(bool(self._result.problems) and self.isEnabled())

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def text(self) -> str:
        return self.edit.text()

    def set_placeholder(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    @property
    def result(self) -> Checked[T]:
        return self._result

    @property
    def value(self) -> T | None:
        return self._result.value

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Its problems while it counts (enabled); a disabled field has none."""
        return self._result.problems if self.isEnabled() else ()

    def shown_problem(self) -> str:
        return "" if self.problem.isHidden() else self.problem.text()
