"""The week simulator's technician types names beyond ASCII exactly, on the real desktop.

Xvfb's US keymap has no key for "ü", "é" or "ß"; `xdotool type` then binds the letter to a
key for the moment of one press, and Qt, reading the press before the new mapping, dropped
the letter now and then (the full week stored "Café Mller"). The technician places every
letter it will type on a key of its own first (weeksim/keymap.py). Here it answers a
stand-in prompt (a real Qt text field in a real X window) with each such name of the cast,
several times, and every one arrives letter for letter; a name with a letter it was not
given is refused instead of typed altered.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.test_tray_desktop import Desktop, desktop  # noqa: F401 (the fixture)
from tests.integration.typing_window import SEARCH
from tests.integration.weeksim.cast import typed_names
from tests.integration.weeksim.technician import Technician, UntypableName
from tests.waiting import wait_until

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 8  # the dropped letter came in about every other name: 16 names never all pass
BEYOND_ASCII = [name for name in typed_names() if not name.isascii()]


@pytest.fixture
def typing_window(desktop: Desktop, tmp_path: Path) -> Iterator[tuple[str, Path]]:  # noqa: F811
    out = tmp_path / "typed.txt"
    out.touch()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.typing_window", str(out)],
        cwd=ROOT,
        env=desktop.env,
    )
    try:
        (window, *_) = wait_until(lambda: desktop.windows(SEARCH), "the typing window")
        yield window, out
    finally:
        child.terminate()
        child.wait(timeout=30)


def entered(out: Path, count: int) -> list[str]:
    lines = wait_until(
        lambda: (lambda got: got if len(got) >= count else None)(
            out.read_text(encoding="utf-8").splitlines()
        ),
        f"{count} names entered",
    )
    return list(lines)


def test_names_beyond_ascii_arrive_letter_for_letter(
    desktop: Desktop,  # noqa: F811
    typing_window: tuple[str, Path],
) -> None:
    assert {"é", "ü", "ß"} <= set("".join(BEYOND_ASCII)), BEYOND_ASCII
    window, out = typing_window
    tech = Technician(desktop.env, 1.0, typed_names())
    try:
        assert set(tech.letters_placed) >= {"é", "ü", "ß"}
        wanted = [name for _ in range(ROUNDS) for name in BEYOND_ASCII]
        for name in wanted:
            assert tech.answer(window, name), "the field never took the keyboard"
        assert entered(out, len(wanted)) == wanted
    finally:
        tech.close()


def test_a_name_with_a_letter_not_given_is_refused_not_typed(
    desktop: Desktop,  # noqa: F811
    typing_window: tuple[str, Path],
) -> None:
    window, out = typing_window
    tech = Technician(desktop.env, 1.0, ["Café Süß"])
    try:
        with pytest.raises(UntypableName, match="Łódź"):
            tech.answer(window, "Łódź Serwis")
        assert tech.answer(window, "Café Süß")
        assert entered(out, 1) == ["Café Süß"]
    finally:
        tech.close()
