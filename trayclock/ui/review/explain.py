"""Why this amount: the billing engine's explanation codes as plain, translated words."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication

from trayclock.services.review.rows import ReviewRow, RowStatus
from trayclock.ui.formats import factor_text, money_text
from trayclock.ui.review.pause_texts import suggested_minutes
from trayclock.ui.texts import duration_text

log = logging.getLogger(__name__)

CONTEXT = "Explain"  # strings kept in tables are marked QT_TRANSLATE_NOOP("Explain", …)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # named as lupdate looks for it
    """Marks `text` for translation in `context`; it is translated where it is shown.

    Qt's own is typed as returning `object`; this one says what it returns: the text.
    """
    return text


def _translated(marked: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("Explain", …) above, in the UI's language."""
    return QCoreApplication.translate(CONTEXT, marked)


def _fill(template: str, *values: str) -> str:
    """`template` (translated) with %1, %2, … replaced by `values`."""
    for number, value in enumerate(values, start=1):
        template = template.replace(f"%{number}", value)
    return template


def _minutes(value: Any) -> str:
    """Minutes as a person says them (texts.duration_text: 13 min, 1 h 05 min)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return duration_text(number)


AFTER_HOURS_CAUSES = {
    "closed_day": QT_TRANSLATE_NOOP("Explain", "closed day"),
    "holiday": QT_TRANSLATE_NOOP("Explain", "holiday"),
    "before_opening": QT_TRANSLATE_NOOP("Explain", "before opening"),
    "after_closing": QT_TRANSLATE_NOOP("Explain", "after closing"),
}
ROUNDED = {
    "rounded_up": QT_TRANSLATE_NOOP("Explain", "%1 rounded up to %2"),
    "rounded_nearest": QT_TRANSLATE_NOOP("Explain", "%1 rounded to %2"),
    "rounded_down": QT_TRANSLATE_NOOP("Explain", "%1 rounded down to %2"),
}
CONTRACT_COVERED = {
    "once": QT_TRANSLATE_NOOP("Explain", "%1 from the hours bank"),
    "month": QT_TRANSLATE_NOOP("Explain", "%1 from the monthly quota"),
}
COVERED_BY_CONTRACT = QT_TRANSLATE_NOOP("Explain", "%1 from the contract")


def phrase(code: tuple[Any, ...], currency: str = "USD", contract_period: str | None = None) -> str:
    """One explanation code (trayclock.domain.model.Why) as plain words; unknown: as it is."""
    name, *args = code
    name = str(name)
    pause_words = pause_phrase(name, args)
    if pause_words is not None:
        return pause_words
    if name == "non_billable":
        return QCoreApplication.translate("Explain", "marked non-billable")
    if name == "free_under":
        return _fill(QCoreApplication.translate("Explain", "free: under %1"), _minutes(args[0]))
    if name == "review_over":
        text = QCoreApplication.translate("Explain", "over %1: approve it to bill it")
        return _fill(text, _minutes(args[0]))
    if name == "review_approved":
        return _fill(QCoreApplication.translate("Explain", "over %1, approved"), _minutes(args[0]))
    if name == "merged_into":
        text = QCoreApplication.translate(
            "Explain", "same customer at the same time: counted in the session of %1"
        )
        return _fill(text, str(args[0]))
    if name == "concurrency_reduced":
        text = QCoreApplication.translate("Explain", "%1 after sharing time with other customers")
        return _fill(text, _minutes(args[1]))
    if name in ROUNDED:
        return _fill(_translated(ROUNDED[name]), _minutes(args[0]), _minutes(args[1]))
    if name == "minimum_minutes":
        text = QCoreApplication.translate("Explain", "raised to the minimum of %1")
        return _fill(text, _minutes(args[0]))
    if name == "after_hours":
        text = _fill(QCoreApplication.translate("Explain", "after hours ×%1"), factor_text(args[0]))
        cause = AFTER_HOURS_CAUSES.get(str(args[1])) if len(args) > 1 else None
        return f"{text} ({_translated(cause)})" if cause else text
    if name == "contract_covered":
        template = CONTRACT_COVERED.get(contract_period or "", COVERED_BY_CONTRACT)
        return _fill(_translated(template), _minutes(args[0]))
    if name == "contract_exhausted":
        return QCoreApplication.translate("Explain", "contract used up")
    if name == "minimum_charge":
        text = QCoreApplication.translate("Explain", "minimum charge %1")
        return _fill(text, money_text(str(args[0]), currency))
    log.debug("no phrase for explanation code %r", code)
    return " ".join(str(part) for part in code)


def explain_row(row: ReviewRow, labels: dict[str, str] | None = None) -> str:
    """The whole "why this amount" sentence for one row, from its codes and status."""
    unpriced = _UNPRICED.get(row.status)
    if unpriced is not None:
        return _translated(unpriced)
    if row.status is RowStatus.UNATTACHED:
        # Priced by the company policy until a customer is attached (trayclock.domain.pricing).
        head = QCoreApplication.translate("Explain", "no customer yet: attach one")
        if not row.explanation and not row.billed_minutes:
            return head  # not priced yet
        priced = _sentence(row, labels) + (_billed(row) if row.billed_minutes else "")
        until = QCoreApplication.translate("Explain", "until then by the company policy: %1")
        return head + "; " + _fill(until, priced)
    sentence = _sentence(row, labels) + (_billed(row) if row.status is RowStatus.BILLED else "")
    return sentence + suggestion_note(row)


def _billed(row: ReviewRow) -> str:
    text = QCoreApplication.translate("Explain", "%1 billed, %2")
    return " → " + _fill(text, _minutes(row.billed_minutes), money_text(row.amount, row.currency))


def _sentence(row: ReviewRow, labels: dict[str, str] | None) -> str:
    """The row's explanation codes as one sentence."""
    codes = list(row.explanation)
    if labels:
        # merged_into names an entry: say when it started rather than its uuid
        codes = [
            (c[0], labels.get(str(c[1]), c[1])) if c and c[0] == "merged_into" else c for c in codes
        ]
    parts = with_pause_and_rounding(
        codes, [phrase(code, row.currency, row.contract_period) for code in codes]
    )
    if not parts:
        fallback = _WITHOUT_CODES.get(row.status)
        worked = QCoreApplication.translate("Explain", "%1 worked")
        parts = [_translated(fallback) if fallback else _fill(worked, _minutes(row.minutes))]
    return "; ".join(p for p in parts if p)


# ---- pauses and the after-hours minimum --------------------------------------------------

_ROUNDED_AFTER_PAUSE = {
    "rounded_up": QT_TRANSLATE_NOOP("Explain", "rounded up to %1"),
    "rounded_nearest": QT_TRANSLATE_NOOP("Explain", "rounded to %1"),
    "rounded_down": QT_TRANSLATE_NOOP("Explain", "rounded down to %1"),
}


def pause_phrase(name: str, args: list[Any]) -> str | None:
    """The words of the pause and after-hours-minimum codes; None for any other code."""
    if name == "paused" and len(args) >= 2:
        text = QCoreApplication.translate("Explain", "%1 worked (%2 paused)")
        return _fill(text, _minutes(args[0]), _minutes(args[1]))
    if name == "after_hours_minimum" and args:
        text = QCoreApplication.translate("Explain", "after hours: at least %1")
        return _fill(text, _minutes(args[0]))
    return None


def with_pause_and_rounding(codes: list[tuple[Any, ...]], parts: list[str]) -> list[str]:
    """The worked time and its rounding said as one phrase, when the rounding is of exactly
    that time: "40 min worked (20 min paused), rounded up to 45 min"."""
    joined: list[str] = []
    skip = False
    for i, (code, part) in enumerate(zip(codes, parts, strict=True)):
        if skip:
            skip = False
            continue
        following = codes[i + 1] if i + 1 < len(codes) else ()
        if (
            code
            and str(code[0]) == "paused"
            and len(following) >= 3
            and str(following[0]) in _ROUNDED_AFTER_PAUSE
            and following[1] == code[1]
        ):
            rounding = _fill(
                _translated(_ROUNDED_AFTER_PAUSE[str(following[0])]), _minutes(following[2])
            )
            joined.append(f"{part}, {rounding}")
            skip = True
        else:
            joined.append(part)
    return joined


def suggestion_note(row: ReviewRow) -> str:
    """What an unanswered idle suggestion does to the price: nothing, until it is accepted."""
    idle = suggested_minutes(row)
    if idle <= 0:
        return ""
    text = QCoreApplication.translate(
        "Explain", "idle %1 suggested as a pause: billed until accepted"
    )
    return "; " + _fill(text, _minutes(idle))


# Rows the engine has not priced (yet): what to say instead of a reason.
_UNPRICED = {
    RowStatus.PRICING: QT_TRANSLATE_NOOP("Explain", "pricing…"),
    RowStatus.RUNNING: QT_TRANSLATE_NOOP("Explain", "still running: priced when it ends"),
    RowStatus.DISCARDED: QT_TRANSLATE_NOOP(
        "Explain", "discarded: not billed (restore it to bring it back)"
    ),
    RowStatus.EMPTY: QT_TRANSLATE_NOOP("Explain", "no time: it ends where it starts"),
}
# Priced rows that came without explanation codes.
_WITHOUT_CODES = {
    RowStatus.NON_BILLABLE: QT_TRANSLATE_NOOP("Explain", "marked non-billable"),
    RowStatus.NEEDS_REVIEW: QT_TRANSLATE_NOOP("Explain", "long session: approve it to bill it"),
    RowStatus.MERGED: QT_TRANSLATE_NOOP("Explain", "same customer at the same time: counted once"),
    RowStatus.FREE: QT_TRANSLATE_NOOP("Explain", "free quick fix"),
}


def status_label(status: RowStatus) -> str:
    labels = {
        RowStatus.BILLED: QCoreApplication.translate("Explain", "billed"),
        RowStatus.FREE: QCoreApplication.translate("Explain", "free"),
        RowStatus.NEEDS_REVIEW: QCoreApplication.translate("Explain", "needs review"),
        RowStatus.MERGED: QCoreApplication.translate("Explain", "merged"),
        RowStatus.NON_BILLABLE: QCoreApplication.translate("Explain", "non-billable"),
        RowStatus.UNATTACHED: QCoreApplication.translate("Explain", "no customer"),
        RowStatus.PRICING: QCoreApplication.translate("Explain", "pricing…"),
        RowStatus.RUNNING: QCoreApplication.translate("Explain", "running"),
        RowStatus.DISCARDED: QCoreApplication.translate("Explain", "discarded"),
        RowStatus.EMPTY: QCoreApplication.translate("Explain", "empty"),
    }
    return labels[status]
