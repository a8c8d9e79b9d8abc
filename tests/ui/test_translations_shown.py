"""What the windows show in German is German, and every one-line text fits its widget.

Every window is built with realistic data and walked (tests/ui/all_windows.py, in its own
process so its translators and its 1280×800 screen stay there): once under the German
translator, once in English. The screen is Qt's offscreen platform at 1280×800; its fonts
and metrics are the real desktop's (fontconfig's, the same families and sizes: checked on
the desktop by tests/integration/test_desktop_windows.py), so a width measured here is the
width there.

German, word for word: no text may hold an English word of our catalogue that its German
never uses ("customer", "billed": what a string left out of the catalogue, or built past
it, shows), nor be a source text whose German differs; and a text the English walk shows
at the same place must not come back unchanged, unless each of its words is data (names,
notes, partner IDs) or the same in both languages ("Ticket", "Status", "App", "min").

Fitting: buttons, check boxes, labels without word wrap, group titles, tab texts, table
headers, combo items, placeholders and menu entries, measured with the widget's own font
(QFontMetrics.horizontalAdvance) against the room the style leaves in it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
WALKER = Path(__file__).with_name("all_windows.py")
GERMAN = ROOT / "resources" / "translations" / "trayclock_de.ts"
SCREEN_PX = (1280, 800)
WALK_TIMEOUT_S = 240
# Qt's own English button words, translated by Qt's catalogue (qtbase_de), not ours.
QT_ENGLISH = {"save", "close", "cancel", "reset", "yes", "no", "apply", "help", "open", "ok"}
# Words German writes the same: a text made only of these (and data) may read the same.
SAME_IN_GERMAN = {
    "app", "backend", "ids", "id", "min", "name", "partner", "status", "sync", "ticket",
    "timer", "trayclock", "eur", "usd", "chf", "english", "deutsch", "teamviewer", "anydesk",
    "rustdesk", "november", "nov", "http", "csv", "pause",
}  # fmt: skip
# Every window the walk must have read (a walk that silently skipped one proves nothing).
WINDOWS = (
    "attach prompt", "attach prompt (a new name typed)", "attach prompt (ended session)",
    "attach prompt (change the customer)", "attach prompt (manual timer)", "tray menu",
    "tray menu (paused)", "tray tooltip", "tray tooltip (paused)", "notification", "question",
    "reminder", "status window", "review day (one selected)", "review day (two selected)",
    "review timeline", "review: not submitted", "review week", "settings page 0",
    "settings page 1", "settings page 2", "settings page 3", "settings page 4",
    "settings with problems", "tray menu (sync paused)", "review sync (conflict)",
    "review sync (invoiced)", "review sync (synced)", "review sync (changed)",
    "review sync (queued)", "review sync (failed)",
    "settings hours with problems", "import company settings", "customers (Acme GmbH)",
    "customers (no name)", "first-start setup",
)  # fmt: skip
_PLACEHOLDER = re.compile(r"%\d+|%n|\{\w*\}")
_WORD = re.compile(r"[^\W\d_]{2,}")  # letters only, two or more


def words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(_PLACEHOLDER.sub(" ", text))}


def offscreen_screen(folder: Path) -> str:
    """Qt's offscreen platform with one 1280×800 screen at 96 dpi, as the desktop tests have."""
    config = folder / "offscreen.json"
    width, height = SCREEN_PX
    screen = {"name": "screen", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"windowFrameMargins": False, "screens": [screen]}))
    return f"offscreen:configfile={config}"


def walk(language: str, folder: Path) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "walk.json"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": offscreen_screen(folder),
        "TRAYCLOCK_HOME": str(folder / "home"),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, str(WALKER), language, str(out)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=WALK_TIMEOUT_S,
    )  # fmt: skip
    assert done.returncode == 0, f"the {language} walk failed:\n{done.stderr[-4000:]}"
    walked: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert walked["screen"] == [0, 0, *SCREEN_PX], walked["screen"]
    return walked


@pytest.fixture(scope="module")
def walks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("walks")
    return {language: walk(language, folder / language) for language in ("de", "en")}


def catalogue_words() -> tuple[set[str], dict[str, list[str]]]:
    """English words our German never uses, and each source whose German reads otherwise."""
    english: set[str] = set()
    german: set[str] = set()
    differs: dict[str, list[str]] = {}
    for message in ET.parse(GERMAN).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        english |= words(source)
        for form in forms:
            german |= words(form)
        if all(form != source for form in forms):
            differs[source] = forms
    return (english - german) | QT_ENGLISH, differs


def data_words(walked: dict[str, Any]) -> set[str]:
    return {word for text in walked["data"] for word in words(text)}


def place(shown: list[dict[str, str]]) -> dict[tuple[str, str, int], str]:
    """Each text by where it was, what kind, and which of that place's texts it was."""
    seen: Counter[tuple[str, str]] = Counter()
    out = {}
    for item in shown:
        key = (item["where"], item["kind"])
        out[(*key, seen[key])] = item["text"]
        seen[key] += 1
    return out


def test_the_walk_reads_every_window(walks: dict[str, dict[str, Any]]) -> None:
    for language, walked in walks.items():
        windows = {item["where"].split(" › ")[0] for item in walked["shown"]}
        missing = [w for w in WINDOWS if w not in windows]
        assert not missing, f"{language}: the walk read nothing of {missing}"
        assert len(walked["fits"]) > 300, f"{language}: only {len(walked['fits'])} measured"


def test_what_the_windows_show_in_german_is_german(walks: dict[str, dict[str, Any]]) -> None:
    english_only, differs = catalogue_words()
    german = walks["de"]
    data = data_words(german) | data_words(walks["en"])
    found = []
    for item in german["shown"]:
        text = item["text"]
        left = sorted((words(text) - data) & english_only)
        if left or text in differs:
            why = f"English words {left}" if left else f"the source text; German: {differs[text]}"
            found.append(f"{item['where']} ({item['kind']}): {text!r}: {why}")
    english = place(walks["en"]["shown"])
    for key, text in place(german["shown"]).items():
        if english.get(key) == text and words(text) - data - SAME_IN_GERMAN:
            found.append(f"{key[0]} ({key[1]}): {text!r} reads the same as in English")
    unique = list(dict.fromkeys(found))
    assert not unique, f"{len(unique)} texts are not German:\n" + "\n".join(unique[:60])


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_one_line_text_fits_its_widget(
    walks: dict[str, dict[str, Any]], language: str
) -> None:
    narrow = [
        f"{fit['where']}: {fit['text']!r} needs {fit['needed']} px, has {fit['width']} px"
        for fit in walks[language]["fits"]
        if fit["needed"] > fit["width"]
    ]
    unique = list(dict.fromkeys(narrow))
    assert not unique, f"{len(unique)} texts do not fit ({language}):\n" + "\n".join(unique[:60])
