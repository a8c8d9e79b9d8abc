"""The settings' detection page: which remote apps, the grace period, log paths per app.

It edits the store's `detection` setting, the one `trayclock.services.detection_options`
reads; where TRAYCLOCK_GRACE_S or TRAYCLOCK_LOGS are set they win over it, and the page says
so next to the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trayclock.domain.session import APPS
from trayclock.services.detection_options import GRACE_ENV, LOGS_ENV, DetectionOptions
from trayclock.services.settings_book import EnvironmentOverrides
from trayclock.services.settings_check import Problem, detected_apps, grace_seconds, log_path_lines
from trayclock.ui.settings.billing_page import value_text
from trayclock.ui.settings.fields import CheckedLine, note_label, problems_text
from trayclock.ui.styles import PROBLEM_STYLE
from trayclock.ui.texts import app_label

LOG_BOX_LINES = 3


class DetectionPage(QWidget):
    changed = Signal()

    def __init__(self, environment: EnvironmentOverrides, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detectionPage")
        layout = QVBoxLayout(self)
        apps_row = QHBoxLayout()
        self.apps = {app: QCheckBox(app_label(app), self) for app in APPS}
        for app, box in self.apps.items():
            box.setObjectName(f"detect_{app}")
            apps_row.addWidget(box)
            box.toggled.connect(lambda _on: self._changed())
        apps_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Detect sessions of"), apps_row)
        self.apps_problem = QLabel(self)
        self.apps_problem.setStyleSheet(PROBLEM_STYLE)
        self.apps_problem.setObjectName("appsProblem")
        self.apps_problem.hide()
        form.addRow("", self.apps_problem)
        self.grace: CheckedLine[Any] = CheckedLine(grace_seconds, self, name="grace")
        self.grace.edited.connect(self._changed)
        form.addRow(self.tr("Grace period (s)"), self.grace)
        form.addRow(
            "",
            note_label(
                self.tr(
                    "How long a session may vanish before it counts as ended, and how soon a "
                    "returning partner continues the same entry."
                ),
                self,
            ),
        )
        self.grace_override = QLabel(self)
        self.grace_override.setObjectName("graceOverride")
        self.grace_override.setWordWrap(True)
        if environment.grace_s is not None:
            self.grace_override.setText(
                self.tr("%1=%2 is set: it wins over this value while it is set.")
                .replace("%1", GRACE_ENV)
                .replace("%2", environment.grace_s)
            )
        else:
            self.grace_override.hide()
        form.addRow("", self.grace_override)
        layout.addLayout(form)

        logs = QGroupBox(self.tr("Log files (for portable or branded installs)"), self)
        logs_form = QFormLayout(logs)
        self.own_logs: dict[str, QCheckBox] = {}
        self.log_paths: dict[str, QPlainTextEdit] = {}
        self.log_overrides: dict[str, QLabel] = {}
        for app in APPS:
            own = QCheckBox(self.tr("read only these files (one per line, * allowed)"), logs)
            own.setObjectName(f"ownLogs_{app}")
            paths = QPlainTextEdit(logs)
            paths.setObjectName(f"logPaths_{app}")
            paths.setPlaceholderText(self.tr("none: this app's logs are not read"))
            paths.setFixedHeight(paths.fontMetrics().lineSpacing() * LOG_BOX_LINES + 12)
            override = QLabel(logs)
            override.setObjectName(f"logsOverride_{app}")
            override.setWordWrap(True)
            if app in environment.log_apps:
                override.setText(
                    self.tr("%1 names this app: it wins over these paths while it is set.").replace(
                        "%1", LOGS_ENV
                    )
                )
            else:
                override.hide()
            column = QVBoxLayout()
            column.addWidget(own)
            column.addWidget(paths)
            column.addWidget(override)
            logs_form.addRow(app_label(app), column)
            own.toggled.connect(paths.setEnabled)
            own.toggled.connect(lambda _on: self._changed())
            paths.textChanged.connect(self._changed)
            self.own_logs[app], self.log_paths[app] = own, paths
            self.log_overrides[app] = override
        logs_form.addRow(
            "", note_label(self.tr("Unticked: the usual places of each app are read."), logs)
        )
        layout.addWidget(logs)
        if environment.problem:
            bad = QLabel(environment.problem, self)
            bad.setObjectName("environmentProblem")
            bad.setStyleSheet(PROBLEM_STYLE)
            bad.setWordWrap(True)
            layout.addWidget(bad)
        layout.addStretch(1)

    def load(self, setting: Mapping[str, Any]) -> None:
        try:
            options = DetectionOptions.from_setting(dict(setting))
        except ValueError:  # a bad stored value: the tray ignores it too; shown as defaults
            options, setting = DetectionOptions(), {}
        chosen = options.apps if options.apps is not None else APPS
        for app, box in self.apps.items():
            box.setChecked(app in chosen)
        self.grace.set_text(value_text(setting.get("grace_s", options.grace_seconds)))
        raw_paths = setting.get("log_paths") or {}
        for app in APPS:
            own = app in raw_paths
            self.own_logs[app].setChecked(own)
            self.log_paths[app].setEnabled(own)
            self.log_paths[app].setPlainText("\n".join(raw_paths.get(app, [])))
        self._changed()

    def _apps(self) -> list[str]:
        return [app for app, box in self.apps.items() if box.isChecked()]

    def _changed(self) -> None:
        found = list(detected_apps(self._apps(), APPS).problems)
        self.apps_problem.setText(problems_text(found))
        self.apps_problem.setVisible(bool(found))
        self.changed.emit()

    def problems(self) -> list[Problem]:
        found = list(detected_apps(self._apps(), APPS).problems) + list(self.grace.problems)
        for app in APPS:
            if self.own_logs[app].isChecked():
                found += log_path_lines(self.log_paths[app].toPlainText()).problems
        return found

    def values(self) -> dict[str, Any]:
        """The `detection` setting's fields (None: not set, the default applies)."""
        apps = self._apps()
        paths = {
            app: log_path_lines(self.log_paths[app].toPlainText()).value or []
            for app in APPS
            if self.own_logs[app].isChecked()
        }
        return {
            "grace_s": self.grace.value,
            "log_paths": paths or None,
            "apps": None if len(apps) == len(APPS) else apps,
        }
