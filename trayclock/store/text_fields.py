"""The free text an entry keeps (partner ID and name, ticket, notes): what the store accepts.

Valid Unicode only (billing_limits.unicode_problem: a lone surrogate, which JSON can spell
as "\ud800" and a command line can carry from bytes that are not UTF-8, cannot be written to
SQLite, a CSV or a terminal),
no NUL (C programs downstream cut the text there), and a bounded length.
"""

from __future__ import annotations

from trayclock.domain.billing_limits import unicode_problem

# The most characters each field may hold.
TEXT_LIMITS = {"partner_id": 200, "partner_name": 1_000, "ticket": 200, "notes": 100_000}
MAX_ID_CHARS = 1_000  # an import id (it makes the entry's uuid)


def text_problem(value: str, most: int) -> str | None:
    """What is wrong with `value` as stored text, or None."""
    if len(value) > most:
        return f"longer than {most:,} characters"
    if "\x00" in value:
        return "holds a NUL character"
    return unicode_problem(value)
