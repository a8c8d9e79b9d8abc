"""Waiting for a tray at start-up: the icon once a tray comes, a window if none does."""

from __future__ import annotations

from tray_world import TrayWorld

from trayclock.ui.tray_waiter import TrayWaiter


def test_the_tray_waits_for_a_late_tray_then_shows_the_icon(world: TrayWorld, qtbot) -> None:
    present = [False]
    waiter = TrayWaiter(world.tray, wait_s=60, available=lambda: present[0])
    waiter.start()
    assert waiter.fallback is None and not world.tray.icon.isVisible()
    present[0] = True  # the panel started after us
    with qtbot.waitSignal(waiter.tray_shown, timeout=5000):
        pass
    assert waiter.fallback is None


def test_without_any_tray_a_window_shows_instead(world: TrayWorld, qtbot) -> None:
    waiter = TrayWaiter(world.tray, wait_s=0, available=lambda: False)
    with qtbot.waitSignal(waiter.gave_up):
        waiter.start()
    window = waiter.fallback
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    assert "No session running" in window.status.text()
    world.send(world.detect.start("ad-1", "anydesk", "111"))
    assert "no customer yet" in window.status.text()
