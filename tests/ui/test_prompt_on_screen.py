"""The attach prompt is wholly on the screen, in any language and wherever the tech dragged it.

Offscreen, every point has a screen; a drag that leaves the prompt's middle on no screen at
all happens only on a real desktop: tests/integration/test_desktop_windows.py checks that."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from tray_world import TrayWorld

LONG_NAME = "Empfang-Hauptgebäude-Erdgeschoss-Arbeitsplatz-Nummer-Zwölf-links"


def on_screen(world: TrayWorld) -> tuple[QRect, QRect]:
    prompt = world.tray.prompt
    area = QGuiApplication.primaryScreen().availableGeometry()
    return prompt.frameGeometry(), area


@pytest.mark.parametrize("speaking", ["english", "german"])
@pytest.mark.parametrize(
    "dragged_to",
    [None, (-300, -200), (10_000, 10_000), (10_000, -50), (-50, 10_000)],
    ids=["as-shown", "past-top-left", "past-bottom-right", "past-top-right", "past-bottom-left"],
)
def test_the_prompt_is_wholly_on_the_screen(
    world: TrayWorld, request: pytest.FixtureRequest, speaking: str, dragged_to
) -> None:
    request.getfixturevalue(speaking)
    prompt = world.tray.prompt
    if dragged_to is not None:
        prompt._placed = QPoint(*dragged_to)  # where a drag past the screen's edge left it
    world.send(world.detect.start("tv-1", "teamviewer", "1234567890", LONG_NAME))
    assert prompt.isVisible()
    frame, area = on_screen(world)
    assert area.contains(frame), (frame, area)
