"""Every reason sync can record is worded in English and in German: each code with a value
for each of its parameters says every value, the command line's English is the UI's English,
and the German is German (none of its template's English words left, unless German writes
them too). A message stored as text shows as it is in both; a code this trayclock does not
know shows its name and values; a reason inside a reason is worded in the same language."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from trayclock.domain.sync_reason import SyncReason, as_stored
from trayclock.sync.reasons import TEMPLATES, Code, english, fields_of, reason
from trayclock.ui.i18n import install_translations
from trayclock.ui.sync_words import reason_words

_WORD = re.compile(r"[^\W\d_]{3,}")
# Words a German sentence may share with its English template: names, protocols, commands
# and technical terms German uses as they are.
SAME_IN_GERMAN = {
    "tryton", "kimai", "trayclock", "http", "https", "json", "rpc", "url", "tls", "api",
    "backend", "localhost", "configure", "sync", "apt", "install", "gnome", "keyring", "kde",
    "kwallet", "macos", "windows", "secret", "service", "support", "ids", "name", "system",
    "computer", "token", "tokens", "desktop", "code", "partner", "team",
}  # fmt: skip


def words(text: str) -> set[str]:
    """Its words, without placeholders, sample values (`<name-7>`), commands and RPC names."""
    text = re.sub(r"\{\w*\}|<\w+-7>|`[^`]*`|get_preferences", " ", text)
    return {w.lower() for w in _WORD.findall(text)}


def sample(code: Code) -> SyncReason:
    """The code with a distinct value for each of its placeholders."""
    return reason(code, **{name: f"<{name}-7>" for name in fields_of(TEMPLATES[code])})


@pytest.fixture
def german(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    installed = install_translations(QCoreApplication.instance(), QLocale("de"))
    assert installed, "the German catalogue did not load"
    try:
        yield
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize("code", list(Code), ids=str)
def test_each_reason_reads_in_english_as_on_the_command_line(qapp, code: Code) -> None:  # type: ignore[no-untyped-def]
    found = sample(code)
    said = reason_words(found)
    assert said == english(found)
    for value in found.params.values():
        assert str(value) in said
    assert not re.search(r"\{\w+\}", said), said  # every placeholder filled


@pytest.mark.parametrize("code", list(Code), ids=str)
def test_each_reason_reads_in_german(german: None, code: Code) -> None:
    found = sample(code)
    said = reason_words(found)
    for value in found.params.values():
        assert str(value) in said, said
    template = TEMPLATES[code]
    if words(template):  # a template of words, not only of what fills it
        assert said != english(found)
        left = words(template) & words(said) - SAME_IN_GERMAN
        assert not left, f"{code}: English left in {said!r}: {sorted(left)}"


def test_german_for_what_the_technician_meets_most(german: None) -> None:
    refused = reason(
        Code.HTTP_FAILED,
        request="POST https://kimai.example.com/api/timesheets",
        status=422,
        said="begin: This value is not valid.",
    )
    assert reason_words(refused) == (
        "POST https://kimai.example.com/api/timesheets: HTTP 422: „begin: This value is not valid.“"
    )
    assert reason_words(reason(Code.TRYTON_PROJECT_GONE, projects="42")) == (
        "das Tryton-Projekt 42 gibt es nicht mehr oder es nimmt keine Zeiterfassungszeilen an: "
        "gleichen Sie den Kunden erneut ab"
    )
    assert reason_words(reason(Code.STILL_RUNNING)) == "läuft noch: wird gesendet, sobald er endet"


def test_a_reason_inside_a_reason_is_worded_in_the_same_language(german: None) -> None:
    cause = reason(Code.BACKEND_SAID, said='The value "-5" for field "Duration" is not valid.')
    batch = reason(Code.TRYTON_BATCH_REFUSED, count=3, cause=cause)
    assert reason_words(batch) == (
        "Tryton hat eine Zeile eines Stapels von 3 abgelehnt, daher wurde keine angelegt "
        '(einzeln senden, um sie zu finden): „The value "-5" for field "Duration" is not '
        "valid.“"
    )
    assert english(batch).endswith(': The value "-5" for field "Duration" is not valid.')


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_message_stored_as_text_shows_as_it_is(qapp, language: str) -> None:  # type: ignore[no-untyped-def]
    installed = install_translations(QCoreApplication.instance(), QLocale(language))
    try:
        old = as_stored("timesheet line 403 was changed in Tryton since trayclock wrote it")
        assert reason_words(old) == old.params["text"] == english(old)
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def test_a_code_this_trayclock_does_not_know_shows_its_name_and_values(german: None) -> None:
    newer = SyncReason("quota_of_the_future", {"limit": "9", "why": as_stored("busy")})
    assert reason_words(newer) == "quota_of_the_future (limit: 9, why: busy)"
    assert english(newer) == "quota_of_the_future (limit: 9, why: busy)"


def test_a_missing_parameter_shows_a_question_mark_never_an_error(german: None) -> None:
    assert reason_words(SyncReason(str(Code.LINE_DELETED))) == (
        "Zeiterfassungszeile ? wurde in Tryton gelöscht"
    )
