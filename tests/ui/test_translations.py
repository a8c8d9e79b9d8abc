"""The catalogues cover the code: every string the UI marks for translation is in the German
catalogue with a finished German text (the same placeholders, both plural forms), every
plural string has its English forms, each .qm is what `scripts/translations.sh` builds from
its .ts, and no translate call hides its text from lupdate.

The strings are gathered afresh (lupdate over the files scripts/translations.sh reads, into
a temporary catalogue): a string added to the code and not to the catalogue fails here,
named by its context and text. What the windows then show is checked by
test_translations_shown.py.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "resources" / "translations"
TOOLS = Path(PySide6.__file__).resolve().parent
_PLACEHOLDER = re.compile(r"%\d+|%n|\{\w*\}")
# Functions that translate a text marked elsewhere (QT_TRANSLATE_NOOP in a table or a Qt-free
# module): their translate() call takes a variable; lupdate finds the text at the mark.
TRANSLATES_MARKED = {
    ("trayclock/ui/review/explain.py", "_translated"),
    ("trayclock/ui/settings/fields.py", "problem_text"),
    ("trayclock/ui/sync_words.py", "state_label"),
    ("trayclock/ui/sync_words.py", "reason_words"),
}


def tool(name: str) -> str:
    found = TOOLS / name
    if not found.exists():
        pytest.fail(f"{found} is missing: PySide6 ships lupdate and lrelease")
    return str(found)


@dataclass(frozen=True, slots=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    forms: tuple[str, ...]  # the translation (one form, or the plural forms)
    state: str  # "" finished, "unfinished", "vanished", "obsolete"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    def named(self) -> str:
        return f"{self.context}: {self.source!r}"


def messages(ts: Path) -> list[Message]:
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            numerus = message.get("numerus") == "yes"
            forms = (
                tuple(f.text or "" for f in translation.iter("numerusform"))
                if numerus
                else (translation.text or "",)
            )
            found.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    message.findtext("comment") or "",
                    numerus,
                    forms,
                    translation.get("type") or "",
                )
            )
    return found


def sources() -> list[str]:
    """The files scripts/translations.sh reads (it lists them: one rule for both)."""
    done = subprocess.run(
        ["bash", "scripts/translations.sh", "--list-sources"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    listed = done.stdout.split()
    assert "trayclock/app.py" in listed and "trayclock/services/settings_check.py" in listed
    return listed


@pytest.fixture(scope="module")
def in_code(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Message]:
    """Every string marked in the code, as lupdate reads it now."""
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    subprocess.run(
        [tool("lupdate"), *sources(), "-no-obsolete", "-ts", str(fresh)],
        cwd=ROOT, capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    found = {m.key: m for m in messages(fresh)}
    assert len(found) > 300, f"only {len(found)} strings found: is lupdate reading the sources?"
    return found


def test_every_string_in_the_code_has_a_finished_german_text(
    in_code: dict[tuple[str, str, str], Message],
) -> None:
    german = {m.key: m for m in messages(CATALOGUES / "trayclock_de.ts")}
    missing = [m.named() for key, m in in_code.items() if key not in german]
    assert not missing, (
        "not in the German catalogue (run ./scripts/translations.sh, then translate them):\n"
        + "\n".join(missing)
    )
    unfinished = [
        m.named() for key, m in german.items() if key in in_code and (m.state or not all(m.forms))
    ]
    assert not unfinished, "German text missing or unfinished:\n" + "\n".join(unfinished)
    stale = [m.named() for key, m in german.items() if key not in in_code]
    assert not stale, "no longer in the code (run ./scripts/translations.sh):\n" + "\n".join(stale)


def test_german_texts_keep_their_placeholders_and_plural_forms() -> None:
    wrong = []
    for message in messages(CATALOGUES / "trayclock_de.ts"):
        wanted = sorted(set(_PLACEHOLDER.findall(message.source)))
        if message.numerus and len(message.forms) != 2:
            wrong.append(f"{message.named()}: {len(message.forms)} plural forms, German has 2")
        for form in message.forms:
            if sorted(set(_PLACEHOLDER.findall(form))) != wanted:
                wrong.append(f"{message.named()}: {form!r} does not keep {wanted}")
    assert not wrong, "\n".join(wrong)


def test_every_plural_string_has_its_english_forms(
    in_code: dict[tuple[str, str, str], Message],
) -> None:
    plurals = {key for key, m in in_code.items() if m.numerus}
    english = {m.key: m for m in messages(CATALOGUES / "trayclock_en.ts")}
    assert plurals, "no plural strings found: is lupdate reading the sources?"
    missing = sorted(plurals - set(english))
    assert not missing, f"run ./scripts/translations.sh and give these English forms: {missing}"
    empty = sorted(
        m.named() for m in english.values() if len(m.forms) != 2 or not all(m.forms) or m.state
    )
    assert not empty, f"English plural forms missing or guessed by lupdate: {empty}"


@pytest.mark.parametrize("language", ["de", "en"])
def test_each_qm_is_built_from_its_ts(language: str, tmp_path: Path) -> None:
    ts = CATALOGUES / f"trayclock_{language}.ts"
    built = tmp_path / f"trayclock_{language}.qm"
    subprocess.run(
        [tool("lrelease"), "-silent", str(shutil.copy(ts, tmp_path)), "-qm", str(built)],
        capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    committed = CATALOGUES / f"trayclock_{language}.qm"
    assert built.read_bytes() == committed.read_bytes(), (
        f"{committed.name} is older than {ts.name}: run ./scripts/translations.sh"
    )


def _text_arguments(call: ast.Call) -> list[ast.expr]:
    """The arguments lupdate must read literally: tr's text, translate's context and text."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name == "tr":
        return call.args[:1]
    if name == "translate":
        return call.args[:2]
    return []


def test_no_translate_call_hides_its_text_from_lupdate() -> None:
    # #9 item 12: "why this amount" went through `_tr(text)`, which lupdate cannot read, so
    # its phrases never reached the catalogue and stayed English in the German window.
    hidden = []
    for path in sources():
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if (path, function.name) in TRANSLATES_MARKED:
                continue
            for call in ast.walk(function):
                if not isinstance(call, ast.Call):
                    continue
                for argument in _text_arguments(call):
                    if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                        hidden.append(
                            f"{path}:{call.lineno} in {function.name}: {ast.unparse(call)}"
                        )
    assert not hidden, (
        "translate calls lupdate cannot read (write the text literally, or mark it with "
        "QT_TRANSLATE_NOOP and list the function in TRANSLATES_MARKED):\n" + "\n".join(hidden)
    )
