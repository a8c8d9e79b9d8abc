"""The catalogues are current: every plural string has its English forms, and each .qm is
what `scripts/translations.sh` builds from its .ts (a forgotten rebuild shows old words)."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "resources" / "translations"
TOOLS = Path(PySide6.__file__).resolve().parent


def tool(name: str) -> str:
    found = TOOLS / name
    if not found.exists():
        pytest.fail(f"{found} is missing: PySide6 ships lupdate and lrelease")
    return str(found)


def numerus(ts: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> plural forms of every plural message."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                translation = message.find("translation")
                assert translation is not None
                forms = [f.text or "" for f in translation.iter("numerusform")]
                found[(name, message.findtext("source") or "")] = forms
    return found


def test_every_plural_string_has_its_english_forms(tmp_path: Path) -> None:
    ui = ROOT / "trayclock" / "ui"
    sources = [str(p.relative_to(ROOT)) for p in sorted(ui.rglob("*.py"))] + ["trayclock/app.py"]
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [tool("lupdate"), *sources, "-pluralonly", "-no-obsolete", "-ts", str(fresh)],
        cwd=ROOT, capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    in_code = set(numerus(fresh))
    english = numerus(CATALOGUES / "trayclock_en.ts")
    assert in_code, "no plural strings found: is lupdate reading the sources?"
    missing = sorted(in_code - set(english))
    assert not missing, f"run ./scripts/translations.sh and give these English forms: {missing}"
    empty = sorted(key for key, forms in english.items() if len(forms) != 2 or not all(forms))
    assert not empty, f"English plural forms missing: {empty}"
    text = (CATALOGUES / "trayclock_en.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, "English plural forms guessed by lupdate: check them"


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
