"""Sync in words: the tray's sync line, why sync is paused, and each entry's sync state as the
review window shows it (a short label for its column, a sentence for its panel).

The states and problems are codes (domain.entry.SyncState, store.sync_backends.Problem), and
so is what happened: a reason (trayclock.domain.sync_reason), worded here from its English
template in sync/reasons.py, translated, its parameters filled (the backend's own words
among them are quoted as it said them; a message an older trayclock stored as text is shown
as it is).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from trayclock.domain.sync_reason import SyncReason
from trayclock.services.tray_types import SYNC_FAILING, SYNC_OK, SYNC_PENDING, SyncHealth

if TYPE_CHECKING:
    from trayclock.services.sync import EntrySync

CONTEXT = "SyncWords"
NEEDS_PASSWORD = "needs_password"  # store.sync_backends.Problem.NEEDS_PASSWORD's value
_BACKENDS = {"tryton": "Tryton", "kimai": "Kimai", "webhook": "webhook"}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # named as lupdate looks for it
    """Marks `text` for translation in `context`; translated where it is shown."""
    return text


class SyncCounts(QObject):
    """The sync words with a number in them (lupdate marks plurals only in `tr` calls)."""

    def refused(self, count: int) -> str:
        return self.tr("%n entries refused", "", count)

    def conflicts(self, count: int) -> str:
        return self.tr("%n conflicts to decide", "", count)

    def waiting(self, count: int) -> str:
        return self.tr("Sync: %n waiting", "", count)


@cache
def _counts() -> SyncCounts:
    return SyncCounts()  # made on first use, on the GUI thread


def backend_name(kind: str) -> str:
    """Tryton, Kimai, or "the webhook" as a sentence names it."""
    if kind == "webhook":
        return QCoreApplication.translate("SyncWords", "the webhook")
    return _BACKENDS.get(kind, kind)


def secret_word(kind: str) -> str:
    """What the backend's secret is called: password, API token, signing secret."""
    if kind == "kimai":
        return QCoreApplication.translate("SyncWords", "API token")
    if kind == "webhook":
        return QCoreApplication.translate("SyncWords", "signing secret")
    return QCoreApplication.translate("SyncWords", "password")


def reason_words(reason: SyncReason) -> str:
    """What happened, in the UI's language: the reason's template translated, filled."""
    # Every code's template (~100 KiB) only once a reason is worded: an idle tray without a
    # backend never has one.
    from trayclock.sync.reasons import CONTEXT as REASON_CONTEXT
    from trayclock.sync.reasons import UNKNOWN, fill, template_of, unknown_values

    template = template_of(reason)
    if template is None:  # a code of a newer trayclock: its name and values
        unknown = QCoreApplication.translate(REASON_CONTEXT, UNKNOWN)
        return unknown.format(code=reason.code, values=unknown_values(reason, reason_words))
    return fill(QCoreApplication.translate(REASON_CONTEXT, template), reason, reason_words)


def error_words(error: BaseException) -> str:
    """A failure shown to the technician: a sync error (or a refused URL) by its reason, in
    the UI's language; anything else by its own text."""
    # Known by the reason it carries, not by its class: importing sync's error classes here
    # would bring the adapters' protocol, http and the keyring into every tray (the idle
    # tray loads these words, not sync).
    reason = getattr(error, "reason", None)
    if isinstance(reason, SyncReason):
        return reason_words(reason)
    return str(error)


def _detail(health: SyncHealth) -> str:
    return "" if health.reason is None else reason_words(health.reason)


def clock_text(moment: datetime, now: datetime | None = None) -> str:
    """A moment as the tray says it: "14:05" today, "2026-11-02 14:05" another day."""
    local = moment.astimezone()
    if now is not None and now.astimezone().date() == local.date():
        return f"{local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"


def problem_words(health: SyncHealth) -> str:
    """Why sync needs the technician (the icon's "sync problem"), in one phrase."""
    if health.problem == NEEDS_PASSWORD:
        return QCoreApplication.translate(
            "SyncWords", "{backend} refused the {secret}; enter it again"
        ).format(backend=backend_name(health.kind), secret=secret_word(health.kind))
    if health.problem == "settings":
        return QCoreApplication.translate(
            "SyncWords", "check the backend settings ({detail})"
        ).format(detail=_detail(health))
    if health.problem == "keyring":
        return QCoreApplication.translate(
            "SyncWords", "the keyring is locked or missing ({detail})"
        ).format(detail=_detail(health))
    parts = []
    if health.failed:
        parts.append(_counts().refused(health.failed))
    if health.conflicts:
        parts.append(_counts().conflicts(health.conflicts))
    return ", ".join(parts) or _detail(health)


def tray_line(health: SyncHealth, now: datetime | None = None) -> str:
    """The menu's sync line: up to date (since when), how many wait, or the problem."""
    if health.state == SYNC_FAILING:
        return QCoreApplication.translate("SyncWords", "Sync problem: {detail}").format(
            detail=problem_words(health)
        )
    if health.state == SYNC_PENDING:
        line = _counts().waiting(health.pending)
        if health.problem == "unreachable" and health.retry_at is not None:
            line += " — " + QCoreApplication.translate(
                "SyncWords", "no answer, next try {time}"
            ).format(time=clock_text(health.retry_at, now))
        elif health.problem == "rate_limited" and health.retry_at is not None:
            line += " — " + QCoreApplication.translate(
                "SyncWords", "asked to wait until {time}"
            ).format(time=clock_text(health.retry_at, now))
        return line
    if health.state == SYNC_OK:
        if health.last_success_at is None:
            return QCoreApplication.translate("SyncWords", "Sync: up to date")
        return QCoreApplication.translate("SyncWords", "Sync: up to date, {time}").format(
            time=clock_text(health.last_success_at, now)
        )
    return QCoreApplication.translate("SyncWords", "Sync: no backend set up")


# --- an entry's sync state -----------------------------------------------------------------

SYNC_ALERTS = ("failed", "conflict")  # an entry's sync states that wait for the tech

_LABELS = {
    "queued": QT_TRANSLATE_NOOP("SyncWords", "queued"),
    "synced": QT_TRANSLATE_NOOP("SyncWords", "synced"),
    "changed": QT_TRANSLATE_NOOP("SyncWords", "changed"),
    "failed": QT_TRANSLATE_NOOP("SyncWords", "failed"),
    "conflict": QT_TRANSLATE_NOOP("SyncWords", "conflict"),
    "invoiced": QT_TRANSLATE_NOOP("SyncWords", "invoiced"),
}


def state_label(sync_state: str) -> str:
    """The review table's sync column: empty for an entry never submitted."""
    label = _LABELS.get(sync_state)
    return "" if label is None else QCoreApplication.translate(CONTEXT, label)


def sentence(text: str) -> str:
    """A sentence that may begin with a backend's name ("the webhook …") starts upper case."""
    return text[:1].upper() + text[1:]


def state_sentence(sync_state: str, line: EntrySync | None, kind: str) -> str:
    """The selection panel's sync line: the state, and what the backend said about it."""
    return sentence(_state_sentence(sync_state, line, kind))


def _state_sentence(sync_state: str, line: EntrySync | None, kind: str) -> str:
    backend = backend_name(kind) if kind else QCoreApplication.translate("SyncWords", "the backend")
    found = line.reason if line is not None else None
    message = "" if found is None else reason_words(found)
    if sync_state == "queued":
        return QCoreApplication.translate(
            "SyncWords", "Queued: waits to be sent to {backend}."
        ).format(backend=backend)
    if sync_state == "synced":
        return QCoreApplication.translate(
            "SyncWords", "Synced: {backend} holds this entry as it is."
        ).format(backend=backend)
    if sync_state == "changed":
        return QCoreApplication.translate(
            "SyncWords", "Changed since it was sent: waits to be sent to {backend} again."
        ).format(backend=backend)
    if sync_state == "failed":
        return QCoreApplication.translate("SyncWords", "{backend} refused it: {message}").format(
            backend=backend, message=message
        )
    if sync_state == "conflict":
        return _conflict_sentence(line, backend, message)
    if sync_state == "invoiced":
        return locked_sentence(kind)
    return QCoreApplication.translate(
        "SyncWords", "Not submitted yet: Submit day queues it for sync."
    )


def _conflict_sentence(line: EntrySync | None, backend: str, message: str) -> str:
    """Said from the remote line kept with the conflict (its id, invoiced or not); by the
    worker's reason when no line was read."""
    remote = ((line.conflict if line is not None else None) or {}).get("remote") or {}
    remote_id = str(remote.get("remote_id") or "")
    if not remote_id:
        why = QCoreApplication.translate("SyncWords", "Conflict with {backend}: {message}.")
    elif remote.get("invoiced"):
        why = QCoreApplication.translate(
            "SyncWords",
            "Conflict: line {line} is invoiced in {backend}, so its times and customer no "
            "longer change there.",
        )
    else:
        why = QCoreApplication.translate(
            "SyncWords", "Conflict: line {line} was changed in {backend} since trayclock wrote it."
        )
    choices = QCoreApplication.translate(
        "SyncWords",
        "Keep mine writes trayclock's values over it; Take theirs makes this entry match it.",
    )
    return f"{why.format(backend=backend, message=message, line=remote_id)} {choices}"


def locked_sentence(kind: str) -> str:
    """Why an invoiced entry's times, customer and billability no longer change."""
    backend = backend_name(kind) if kind else QCoreApplication.translate("SyncWords", "the backend")
    return QCoreApplication.translate(
        "SyncWords",
        "Invoiced in {backend}: its times, customer and billability are locked (its ticket "
        "and notes still change); correct the invoice there first.",
    ).format(backend=backend)
