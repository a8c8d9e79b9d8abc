"""The `problem` / `status` pair every signal source (windows, processes) shows the UI."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

STATUS_OK = "ok"


class ProblemReporter:
    """The `problem` / `status` pair every signal source shows the UI and `detect --status`.

    Subclasses say what they see when working (`describe_ok`) and call `report_problem`
    when they cannot see (logged once per distinct problem) and `clear_problem` when back.
    """

    _problem: str | None = None

    @property
    def problem(self) -> str | None:
        return self._problem

    @property
    def status(self) -> str:
        return self._problem if self._problem is not None else self.describe_ok()

    def describe_ok(self) -> str:
        return STATUS_OK

    def report_problem(self, problem: str) -> None:
        if problem != self._problem:
            logger.warning("%s", problem)
        self._problem = problem

    def clear_problem(self) -> None:
        if self._problem is not None:
            logger.info("recovered from: %s", self._problem)
        self._problem = None
