"""The settings window (billing, hours, detection, general) and the first-start setup."""

from __future__ import annotations

from trayclock.ui.settings.window import SettingsWindow

__all__ = ["SettingsWindow"]
