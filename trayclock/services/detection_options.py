"""What tunes the real detection (the grace period, each app's log paths, the idle threshold)
and where it comes from.

Three environment variables (tests, an unusual install):
- `TRAYCLOCK_GRACE_S`: seconds a session may vanish before it counts as ended, and so also
  how soon a returning partner continues the same entry (default `GRACE_S`, 60 s). One
  grace period for both: `DetectionOptions.grace_seconds` goes to the monitor and the tracker.
- `TRAYCLOCK_IDLE_S`: seconds without keyboard or mouse input during a session before the
  stretch is suggested as a pause (default `IDLE_THRESHOLD_S`, 600 s; 0: never suggest).
- `TRAYCLOCK_LOGS`: `APP=PATH` items separated by `os.pathsep` (`:` on Linux and macOS,
  `;` on Windows), e.g. `anydesk=/opt/ad/ad_svc.trace:teamviewer=/x/Connections.txt`; an app
  named there reads only those paths (globs allowed), `APP=` alone reads no log for it, an app
  not named keeps its usual places. Invalid values stop the start with a message naming them.

The store's `detection` setting says the same for good (the environment wins field by field):
`{"grace_s": 60, "idle_threshold_s": 600, "log_paths": {"anydesk": ["/opt/ad/ad.trace"]},
"apps": ["anydesk"]}` — an app listed in `log_paths` reads only those paths (portable
installs), an empty path or list reads none; `apps` (default: all) names the remote apps
detected at all (windows, processes and logs); no variable overrides it. A bad stored value
is logged, naming the setting, and ignored: the tray still starts, so it can be fixed.

`APP=PATH` has one parser (`parse_app_path`), used by the variable and by
`trayclock detect --log`; the setting's paths go through the same path rule (`log_path`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from trayclock.detect.reconciler import GRACE_S
from trayclock.domain.session import APPS
from trayclock.store import settings
from trayclock.tracker import IDLE_THRESHOLD_S

log = logging.getLogger(__name__)

GRACE_ENV = "TRAYCLOCK_GRACE_S"
IDLE_ENV = "TRAYCLOCK_IDLE_S"
LOGS_ENV = "TRAYCLOCK_LOGS"
DETECTION_SETTING = settings.DETECTION
SETTING_FIELDS = ("grace_s", "idle_threshold_s", "log_paths", "apps")

LogPaths = dict[str, list[Path]]


def log_path(text: str) -> Path | None:
    """One configured log path: trimmed, `~` expanded; None for an empty one (no log)."""
    text = text.strip()
    return Path(text).expanduser() if text else None


def parse_app_path(item: str, where: str) -> tuple[str, Path | None]:
    """`APP=PATH` → (app, path); `APP=` → (app, None): that app reads no log.

    ValueError, starting with `where` (the variable or option it came from), for anything
    that is not APP=PATH with APP one of the known remote apps.
    """
    app, sep, path = item.partition("=")
    app = app.strip()
    if not sep or app not in APPS:
        raise ValueError(f"{where}: {item!r} is not APP=PATH with APP one of {', '.join(APPS)}")
    return app, log_path(path)


def log_paths_from_items(items: Iterable[str], where: str) -> LogPaths:
    """Every `APP=PATH` item, in order, by app (an app named only as `APP=`: an empty list)."""
    found: LogPaths = {}
    for item in items:
        app, path = parse_app_path(item, where)
        listed = found.setdefault(app, [])
        if path is not None:
            listed.append(path)
    return found


def _seconds(value: float, where: str) -> float:
    """A number of seconds from a setting or a variable: not negative, finite."""
    if not 0 <= value < float("inf"):  # also refuses nan
        raise ValueError(f"{where}: must not be negative (a finite number of seconds)")
    return float(value)


def _env_seconds(env: Mapping[str, str], name: str) -> float | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        number = float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r}: not a number of seconds") from None
    return _seconds(number, f"{name}={raw!r}")


def _setting_seconds(value: dict[str, object], field: str, where: str) -> float | None:
    number = value.get(field)
    if number is None:
        return None
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise ValueError(f"{where}.{field}={number!r}: not a number of seconds")
    return _seconds(number, f"{where}.{field}={number!r}")


@dataclass(frozen=True)
class DetectionOptions:
    """What the environment or the store's setting changes about the real detection."""

    grace_s: float | None = None  # None: the default GRACE_S
    log_paths: LogPaths | None = None  # None: every app's usual places
    apps: tuple[str, ...] | None = None  # None: every remote app is detected
    idle_threshold_s: float | None = None  # None: the default IDLE_THRESHOLD_S; 0: off

    @property
    def grace_seconds(self) -> float:
        """The one grace period: how long a session may vanish before it counts as ended (the
        monitor) and how soon a returning partner continues the same entry (the tracker)."""
        return GRACE_S if self.grace_s is None else self.grace_s

    @property
    def idle_threshold_seconds(self) -> float:
        """How long without input during a session before the stretch is suggested as a
        pause (the tracker); 0: never."""
        return IDLE_THRESHOLD_S if self.idle_threshold_s is None else self.idle_threshold_s

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> DetectionOptions:
        """Read `TRAYCLOCK_GRACE_S`, `TRAYCLOCK_IDLE_S` and `TRAYCLOCK_LOGS`; ValueError
        names a bad value."""
        env = os.environ if environ is None else environ
        log_paths: LogPaths | None = None
        raw_logs = env.get(LOGS_ENV, "").strip()
        if raw_logs:
            items = [item for item in raw_logs.split(os.pathsep) if item.strip()]
            log_paths = log_paths_from_items(items, LOGS_ENV)
        return cls(
            _env_seconds(env, GRACE_ENV), log_paths, idle_threshold_s=_env_seconds(env, IDLE_ENV)
        )

    @classmethod
    def from_setting(cls, value: object) -> DetectionOptions:
        """Read the store's `detection` setting (None: not set); ValueError names a bad field."""
        where = f"setting {DETECTION_SETTING!r}"
        if value is None:
            return cls()
        if not isinstance(value, dict):
            raise ValueError(f"{where}: must be an object, got {type(value).__name__}")
        unknown = sorted(set(value) - set(SETTING_FIELDS))
        if unknown:
            raise ValueError(f"{where}: unknown field(s) {', '.join(unknown)}")
        grace_s = _setting_seconds(value, "grace_s", where)
        idle_threshold_s = _setting_seconds(value, "idle_threshold_s", where)
        raw_paths = value.get("log_paths")
        log_paths: LogPaths | None = None
        if raw_paths is not None:
            if not isinstance(raw_paths, dict):
                raise ValueError(f"{where}.log_paths: must be an object of APP: [PATH, …]")
            log_paths = {}
            for app, listed in raw_paths.items():
                if app not in APPS:
                    raise ValueError(f"{where}.log_paths: {app!r} is not one of {', '.join(APPS)}")
                if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
                    raise ValueError(f"{where}.log_paths.{app}: must be a list of paths")
                log_paths[app] = [path for path in map(log_path, listed) if path is not None]
        return cls(
            grace_s, log_paths, _apps(value.get("apps"), where), idle_threshold_s=idle_threshold_s
        )

    def over(self, base: DetectionOptions) -> DetectionOptions:
        """These options where set, `base`'s elsewhere (an app's log paths count as one field)."""
        log_paths = None
        if self.log_paths is not None or base.log_paths is not None:
            log_paths = {**(base.log_paths or {}), **(self.log_paths or {})}
        grace_s = self.grace_s if self.grace_s is not None else base.grace_s
        apps = self.apps if self.apps is not None else base.apps
        idle_s = (
            self.idle_threshold_s if self.idle_threshold_s is not None else base.idle_threshold_s
        )
        return DetectionOptions(grace_s, log_paths, apps, idle_s)


def _apps(value: object, where: str) -> tuple[str, ...] | None:
    """The setting's `apps`: a non-empty list of known remote apps, or None (all of them)."""
    if value is None:
        return None
    if not isinstance(value, list) or not value or not all(isinstance(a, str) for a in value):
        raise ValueError(f"{where}.apps: must be a non-empty list of {', '.join(APPS)}")
    unknown = [app for app in value if app not in APPS]
    if unknown:
        raise ValueError(f"{where}.apps: {unknown[0]!r} is not one of {', '.join(APPS)}")
    return tuple(app for app in APPS if app in value)


def stored_detection_options(conn: sqlite3.Connection) -> DetectionOptions:
    """The store's `detection` setting; a bad one is logged (naming it) and ignored."""
    try:
        value = settings.get(conn, DETECTION_SETTING)
    except ValueError as error:  # not JSON (written by hand)
        log.error("setting %r is not valid JSON (%s); using the defaults", DETECTION_SETTING, error)
        return DetectionOptions()
    try:
        return DetectionOptions.from_setting(value)
    except ValueError as error:
        log.error("%s; using the defaults instead", error)
        return DetectionOptions()
