"""The company settings file from the settings window: export it, or import one after a
dialog that lists every change it makes (the same plan `trayclock settings import` prints)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from trayclock.domain.clock import Clock
from trayclock.services.rollout import RolloutError, read_file, write_file
from trayclock.services.rollout_plan import FieldChange, RolloutPlan, apply_import, plan_import
from trayclock.store.db import StoreError
from trayclock.ui.settings.change_words import ChangeWords
from trayclock.ui.texts import app_label, group_id

FILE_FILTER = "trayclock settings (*.json)"
DEFAULT_NAME = "trayclock-settings.json"


class ImportConfirm(QDialog):
    """Lists what an import changes; Import applies it, Cancel leaves everything."""

    def __init__(self, plan: RolloutPlan, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importConfirm")
        self.setWindowTitle(self.tr("Import company settings"))
        self.words = ChangeWords(self)
        self.changes = QListWidget(self)
        self.changes.setObjectName("importChanges")
        for line in self.lines(plan):
            self.changes.addItem(line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%1 changes this:").replace("%1", label), self))
        layout.addWidget(self.changes, 1)
        layout.addWidget(buttons)
        self.resize(720, 480)

    def _change(self, change: FieldChange) -> str:
        return self.words.change(change)

    def lines(self, plan: RolloutPlan) -> list[str]:
        out = [self.tr("Policy: %1").replace("%1", self._change(c)) for c in plan.policy]
        out += [
            self.tr("New customer: %1 (%2)").replace("%1", s.name).replace("%2", s.key)
            for s in plan.added
        ]
        for customer in plan.changed:
            out += [
                self.tr("Changed: %1: %2")
                .replace("%1", customer.name)
                .replace("%2", self._change(c))
                for c in customer.changes
            ]
        out += [
            self.tr("Removed (archived, its entries stay): %1").replace("%1", c.name)
            for c in plan.removed
        ]
        out += [
            self.tr("New partner: %1 %2 → %3")
            .replace("%1", app_label(p.app)).replace("%2", group_id(p.partner_id))
            .replace("%3", p.new_customer)
            for p in plan.partners_added
        ]  # fmt: skip
        out += [
            self.tr("Partner moves: %1 %2 from %3 to %4")
            .replace("%1", app_label(p.app)).replace("%2", group_id(p.partner_id))
            .replace("%3", p.old_customer or "").replace("%4", p.new_customer)
            for p in plan.partners_moved
        ]  # fmt: skip
        out += [
            self.tr("Note: %1 is new here, but %2 has the same name: they stay two customers.")
            .replace("%1", key).replace("%2", local)
            for key, local in plan.same_names
        ]  # fmt: skip
        if plan.kept_here:
            out.append(
                self.tr("Kept, only on this computer: %1").replace("%1", ", ".join(plan.kept_here))
            )
        return out


def _confirm(dialog: ImportConfirm) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def export_settings(
    parent: QWidget, conn: sqlite3.Connection, clock: Clock, path: Path | None = None
) -> Path | None:
    """Ask where (unless `path` is given) and write the file; the path written, or None."""
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("RolloutDialog", "Export company settings"),
            DEFAULT_NAME,
            FILE_FILTER,
        )
        if not name:
            return None
        path = Path(name)
    try:
        write_file(conn, path, now=clock.now())
    except OSError as error:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("RolloutDialog", "Export company settings"),
            f"{path}: {error.strerror or error}",
        )
        return None
    return path


def import_settings(
    parent: QWidget,
    conn: sqlite3.Connection,
    clock: Clock,
    path: Path | None = None,
    ask: Callable[[ImportConfirm], bool] = _confirm,
) -> bool:
    """Choose a file (unless `path` is given), show its changes, import on Import: whether
    anything was imported. A bad file is refused with every problem named."""
    title = QCoreApplication.translate("RolloutDialog", "Import company settings")
    if path is None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", FILE_FILTER)
        if not name:
            return False
        path = Path(name)
    try:
        rollout = read_file(path)
    except RolloutError as error:
        heading = QCoreApplication.translate("RolloutDialog", "The file was not imported:")
        QMessageBox.warning(parent, title, "\n".join([heading, *error.problems]))
        return False
    plan = plan_import(conn, rollout)
    if plan.empty:
        QMessageBox.information(
            parent,
            title,
            QCoreApplication.translate(
                "RolloutDialog", "This computer already has these settings."
            ),
        )
        return False
    if not ask(ImportConfirm(plan, path.name, parent)):
        return False
    try:
        apply_import(conn, rollout, now=clock.now(), label=str(path))
    except StoreError as error:
        heading = QCoreApplication.translate("RolloutDialog", "The file was not imported:")
        QMessageBox.warning(parent, title, f"{heading}\n{error}")
        return False
    return True
