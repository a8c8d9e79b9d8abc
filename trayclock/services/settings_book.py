"""What the settings window reads and saves (no Qt): the company policy, the `detection`
setting and what the environment overrides of it, the `ui` preferences, start at login.

Every save is judged by the rule that will read it: the policy by the billing engine's
parser (`settings_judge`), the detection setting by `DetectionOptions.from_setting`, so the
window can never store what the engine or the tray would refuse.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from trayclock.domain.clock import Clock
from trayclock.domain.session import APPS
from trayclock.services.autostart_port import NO_AUTOSTART, AutostartPort
from trayclock.services.detection_options import (
    GRACE_ENV,
    DetectionOptions,
)
from trayclock.services.settings_judge import (
    effective_policy,
    judge_policy,
    without_idle_after_hours_minimum,
)
from trayclock.services.ui_prefs import ui_settings, update_ui
from trayclock.services.zones import company_zone
from trayclock.store import settings


class SettingsRefused(ValueError):
    """What was to be saved is invalid; `.problems` are the judge's lines. Nothing was saved."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class EnvironmentOverrides:
    """What TRAYCLOCK_GRACE_S / TRAYCLOCK_LOGS set, which wins over the stored setting."""

    grace_s: str | None  # the variable's text, when set
    log_apps: tuple[str, ...]  # the apps TRAYCLOCK_LOGS names
    problem: str | None  # a bad variable (the tray would refuse to start)


def environment_overrides(environ: Mapping[str, str]) -> EnvironmentOverrides:
    grace = environ.get(GRACE_ENV, "").strip() or None
    try:
        options = DetectionOptions.from_environ(environ)
    except ValueError as error:
        return EnvironmentOverrides(grace, (), str(error))
    apps = tuple(app for app in APPS if options.log_paths and app in options.log_paths)
    return EnvironmentOverrides(grace, apps, None)


class SettingsBook:
    """The settings window's reads and saves (GUI thread, the tray's connection)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        clock: Clock,
        *,
        environ: Mapping[str, str] | None = None,
        autostart: AutostartPort = NO_AUTOSTART,
    ) -> None:
        self.conn = conn
        self.clock = clock
        self.environ = os.environ if environ is None else environ
        self.autostart = autostart

    # --- the company policy ------------------------------------------------------------------

    def stored_policy(self) -> dict[str, Any]:
        return settings.policy(self.conn)

    def policy(self) -> dict[str, Any]:
        """The policy in force, every field present (defaults where nothing is stored)."""
        return effective_policy(self.stored_policy())

    def today(self) -> date:
        """Today in the company zone (the live example's week starts here)."""
        return self.clock.now().astimezone(company_zone(self.stored_policy())).date()

    def save_policy(self, policy: Mapping[str, Any]) -> dict[str, Any]:
        """Store the company policy, judged by the engine first; returns what was stored."""
        value = without_idle_after_hours_minimum(policy)
        problems = judge_policy(value)
        if problems:
            raise SettingsRefused(problems)
        settings.set_policy(self.conn, value, now=self.clock.now())
        return value

    # --- detection ---------------------------------------------------------------------------

    def detection(self) -> dict[str, Any]:
        value = settings.get(self.conn, settings.DETECTION)
        return dict(value) if isinstance(value, dict) else {}

    def environment(self) -> EnvironmentOverrides:
        return environment_overrides(self.environ)

    def save_detection(self, value: Mapping[str, Any]) -> None:
        """Store the `detection` setting, judged by the one rule that reads it; a field given
        as None is removed (its default applies)."""
        merged = {k: v for k, v in {**self.detection(), **value}.items() if v is not None}
        try:
            DetectionOptions.from_setting(merged)
        except ValueError as error:
            raise SettingsRefused([str(error)]) from None
        settings.put(self.conn, settings.DETECTION, merged, now=self.clock.now())

    # --- ui preferences and start at login ---------------------------------------------------

    def ui(self) -> dict[str, Any]:
        return ui_settings(self.conn)

    def save_ui(self, changes: Mapping[str, Any]) -> None:
        update_ui(self.conn, changes, now=self.clock.now())
