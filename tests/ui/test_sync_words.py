"""The selection panel's conflict sentence is said from the remote line kept with the
conflict (its id, invoiced or not), in the window's language; by the worker's reason when no
line could be read, in the window's language too."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from trayclock.services.sync import EntrySync
from trayclock.store.outbox import RowState
from trayclock.sync.reasons import Code, reason
from trayclock.ui.i18n import install_translations
from trayclock.ui.sync_words import state_sentence

WORKER_WORDS = "timesheet line 403 keeps changing in Tryton"
KEEPS_CHANGING = reason(Code.LINE_KEEPS_CHANGING, line=403)


def conflict(remote: dict[str, Any] | None) -> EntrySync:
    record = {"reason": KEEPS_CHANGING.as_dict(), "remote": remote}
    return EntrySync(RowState.CONFLICT, KEEPS_CHANGING, "403", False, record)


def test_a_conflict_is_said_from_the_line_tryton_holds(qapp) -> None:  # type: ignore[no-untyped-def]
    changed = conflict({"remote_id": "403", "version": "2", "invoiced": False})
    assert state_sentence("conflict", changed, "tryton") == (
        "Conflict: line 403 was changed in Tryton since trayclock wrote it. Keep mine writes "
        "trayclock's values over it; Take theirs makes this entry match it."
    )
    invoiced = conflict({"remote_id": "403", "version": "2", "invoiced": True})
    assert state_sentence("conflict", invoiced, "tryton").startswith(
        "Conflict: line 403 is invoiced in Tryton, so its times and customer no longer change"
    )
    unread = state_sentence("conflict", conflict(None), "tryton")
    assert unread.startswith(f"Conflict with Tryton: {WORKER_WORDS}. Keep mine writes")


def test_a_conflict_speaks_german(qapp) -> None:  # type: ignore[no-untyped-def]
    installed = install_translations(QCoreApplication.instance(), QLocale("de"))
    try:
        changed = conflict({"remote_id": "403", "version": "2", "invoiced": False})
        assert state_sentence("conflict", changed, "tryton") == (
            "Konflikt: Zeile 403 wurde in Tryton geändert, seit trayclock sie geschrieben hat. "
            "„Meine behalten“ schreibt die Werte von trayclock darüber; „Ihre übernehmen“ "
            "gleicht diesen Eintrag daran an."
        )
        invoiced = conflict({"remote_id": "403", "version": "2", "invoiced": True})
        assert state_sentence("conflict", invoiced, "tryton").startswith(
            "Konflikt: Zeile 403 ist in Tryton in Rechnung gestellt; ihre Zeiten und ihr Kunde "
            "ändern sich dort nicht mehr."
        )
        unread = state_sentence("conflict", conflict(None), "tryton")
        assert unread.startswith(
            "Konflikt mit Tryton: Zeiterfassungszeile 403 ändert sich in Tryton immer wieder. "
            "„Meine behalten“"
        )
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
