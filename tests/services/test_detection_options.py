"""Detection options: TRAYCLOCK_GRACE_S, TRAYCLOCK_IDLE_S, TRAYCLOCK_LOGS, the store's
`detection` setting, and the one APP=PATH parser they share with `trayclock detect --log`."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from trayclock.cli import main
from trayclock.domain.clock import ManualClock
from trayclock.services.detection_options import (
    GRACE_S,
    DetectionOptions,
    log_paths_from_items,
    parse_app_path,
    stored_detection_options,
)
from trayclock.services.startup import start_tracking
from trayclock.store import db, settings
from trayclock.tracker import IDLE_THRESHOLD_S


def test_detection_options_read_valid_environment_values(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    items = os.pathsep.join(["anydesk=~/ad/ad_svc.trace", "anydesk=/x/ad_*.trace", "rustdesk="])
    options = DetectionOptions.from_environ(
        {"TRAYCLOCK_GRACE_S": " 12.5 ", "TRAYCLOCK_LOGS": items}
    )
    assert options.grace_s == 12.5
    assert options.log_paths == {
        "anydesk": [Path("~/ad/ad_svc.trace").expanduser(), Path("/x/ad_*.trace")],
        "rustdesk": [],  # named alone: no log read for it
    }
    assert DetectionOptions.from_environ({}) == DetectionOptions()


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("TRAYCLOCK_GRACE_S", "soon", "not a number of seconds"),
        ("TRAYCLOCK_GRACE_S", "-3", "must not be negative"),
        ("TRAYCLOCK_GRACE_S", "nan", "must not be negative"),
        ("TRAYCLOCK_LOGS", "anydesk/tmp/ad.trace", "is not APP=PATH"),
        ("TRAYCLOCK_LOGS", "skype=/tmp/s.log", "is not APP=PATH"),
    ],
)
def test_detection_options_refuse_bad_environment_values_naming_the_variable(
    variable: str, value: str, says: str
) -> None:
    with pytest.raises(ValueError, match=says) as refused:
        DetectionOptions.from_environ({variable: value})
    assert variable in str(refused.value)


def test_the_stored_detection_setting_gives_log_paths_and_the_environment_wins(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    conn = db.connect(tmp_path / "s.sqlite3")
    from datetime import UTC, datetime

    from trayclock.store import settings

    value = {"grace_s": 30, "log_paths": {"anydesk": ["/opt/ad/ad.trace"], "rustdesk": []}}
    settings.put(conn, settings.DETECTION, value, now=datetime(2026, 11, 23, tzinfo=UTC))
    stored = stored_detection_options(conn)
    assert stored == DetectionOptions(30.0, {"anydesk": [Path("/opt/ad/ad.trace")], "rustdesk": []})
    env = DetectionOptions(5.0, {"rustdesk": [Path("/r/log")]})
    assert env.over(stored) == DetectionOptions(
        5.0, {"anydesk": [Path("/opt/ad/ad.trace")], "rustdesk": [Path("/r/log")]}
    )
    assert DetectionOptions().over(stored) == stored


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ('["x"]', "must be an object"),
        ('{"grace": 3}', "unknown field"),
        ('{"grace_s": "3"}', "not a number"),
        ('{"grace_s": -1}', "must not be negative"),
        ('{"log_paths": {"skype": []}}', "not one of"),
        ('{"log_paths": {"anydesk": "/a.trace"}}', "must be a list"),
        ("{not json", "not valid JSON"),
    ],
)
def test_a_bad_stored_detection_setting_is_logged_by_name_and_ignored(
    value: str,
    says: str,
    tmp_path,
    caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
) -> None:
    conn = db.connect(tmp_path / "s.sqlite3")
    conn.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES ('detection', ?, '')", (value,)
    )
    conn.commit()
    assert stored_detection_options(conn) == DetectionOptions()
    assert says in caplog.text
    assert "detection" in caplog.text


@pytest.mark.parametrize(
    ("item", "parsed"),
    [
        ("anydesk=/x/ad.trace", ("anydesk", Path("/x/ad.trace"))),
        (" rustdesk = ~/r.log ", ("rustdesk", Path("~/r.log").expanduser())),
        ("teamviewer=", ("teamviewer", None)),  # an empty path: read no log for it
        ("teamviewer=   ", ("teamviewer", None)),
        ("anydesk=/a=b.trace", ("anydesk", Path("/a=b.trace"))),  # only the first "=" splits
    ],
)
def test_one_app_path_parser(item: str, parsed: tuple[str, Path | None]) -> None:
    assert parse_app_path(item, "--log") == parsed


@pytest.mark.parametrize("item", ["anydesk", "=/x", "skype=/x", "AnyDesk=/x", ""])
def test_the_app_path_parser_names_where_a_bad_item_came_from(item: str) -> None:
    with pytest.raises(ValueError, match="is not APP=PATH") as refused:
        parse_app_path(item, "TRAYCLOCK_LOGS")
    assert str(refused.value).startswith("TRAYCLOCK_LOGS: ")


def test_an_empty_path_means_no_log_for_the_variable_the_setting_and_detect_log(
    conn: sqlite3.Connection, capsys: pytest.CaptureFixture[str]
) -> None:
    no_log = {"anydesk": []}
    assert DetectionOptions.from_environ({"TRAYCLOCK_LOGS": "anydesk="}).log_paths == no_log
    assert log_paths_from_items(["anydesk="], "--log") == no_log
    value = {"log_paths": {"anydesk": [""]}}
    settings.put(conn, settings.DETECTION, value, now=datetime(2026, 11, 23, tzinfo=UTC))
    assert stored_detection_options(conn).log_paths == no_log
    # `trayclock detect --log anydesk=` is no longer refused: AnyDesk's log is just not read.
    assert (
        main(["detect", "--status", "--no-windows", "--app", "anydesk", "--log", "anydesk="]) == 0
    )
    assert "log anydesk" in capsys.readouterr().out


def test_the_grace_period_defaults_to_detections_own() -> None:
    assert DetectionOptions().grace_seconds == GRACE_S == 60.0
    assert DetectionOptions(grace_s=0.0).grace_seconds == 0.0


def test_the_idle_threshold_comes_from_the_setting_or_the_environment_default_ten_minutes(
    conn: sqlite3.Connection,
) -> None:
    assert DetectionOptions().idle_threshold_seconds == IDLE_THRESHOLD_S == 600.0
    settings.put(
        conn, settings.DETECTION, {"idle_threshold_s": 900}, now=datetime(2026, 11, 23, tzinfo=UTC)
    )
    stored = stored_detection_options(conn)
    assert stored.idle_threshold_seconds == 900.0
    env = DetectionOptions.from_environ({"TRAYCLOCK_IDLE_S": "3"})
    assert env.over(stored).idle_threshold_seconds == 3.0  # the environment wins
    assert DetectionOptions.from_environ({"TRAYCLOCK_IDLE_S": "0"}).idle_threshold_seconds == 0
    tracking = start_tracking(conn, ManualClock(datetime(2026, 11, 23, tzinfo=UTC)), env)
    assert tracking.options.idle_threshold_seconds == 3.0


@pytest.mark.parametrize(
    ("source", "value"),
    [("env", "soon"), ("env", "-1"), ("env", "inf"), ("setting", "true"), ("setting", '"9"')],
)
def test_a_bad_idle_threshold_is_refused_by_name(
    conn: sqlite3.Connection, caplog: pytest.LogCaptureFixture, source: str, value: str
) -> None:
    if source == "env":
        with pytest.raises(ValueError, match="TRAYCLOCK_IDLE_S"):
            DetectionOptions.from_environ({"TRAYCLOCK_IDLE_S": value})
        return
    conn.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES ('detection', ?, '')",
        (f'{{"idle_threshold_s": {value}}}',),
    )
    conn.commit()
    assert stored_detection_options(conn) == DetectionOptions()
    assert "idle_threshold_s" in caplog.text
