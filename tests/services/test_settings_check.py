"""Each settings field's validator: good texts become the value billing-rules.md spells, bad
ones get a message that says what is wrong; the engine's parser judges the whole policy."""

from __future__ import annotations

import pytest

from trayclock.services import settings_check as check
from trayclock.services.settings_judge import (
    judge_policy,
    judge_terms,
    policy_defaults,
    without_idle_after_hours_minimum,
)


@pytest.mark.parametrize(
    ("validator", "text", "value"),
    [
        (check.rate, "85.00", "85.00"),
        (check.rate, " 95,50 ", "95.50"),
        (check.rate, "120", "120"),
        (check.currency, "eur", "EUR"),
        (check.increment_minutes, "15", 15),
        (check.free_under_minutes, "7,5", 7.5),
        (check.minimum_minutes, "0", 0),
        (check.minimum_charge, "35", "35"),
        (check.review_over_minutes, "90", 90),
        (check.after_hours_multiplier, "1.5", "1.5"),
        (check.after_hours_minimum_minutes, "60", 60),
        (check.grace_seconds, "2.5", 2.5),
        (check.clock_time, "8:00", "08:00"),
        (check.clock_time, "17:30", "17:30"),
        (check.holiday, "2026-12-25", "2026-12-25"),
        (check.timezone, "Europe/Berlin", "Europe/Berlin"),
        (check.contract_hours, "10", 600),
        (check.contract_hours, "7:30", 450),
        (check.contract_hours, "2,5", 150),
        (check.partner_id, "123 456 789", "123456789"),
    ],
)
def test_good_texts_become_the_stored_value(validator, text, value) -> None:
    checked = validator(text)
    assert checked.ok, checked.problems
    assert checked.value == value
    assert type(checked.value) is type(value)


@pytest.mark.parametrize(
    ("validator", "text", "message"),
    [
        (check.rate, "", "Type the hourly rate, like 85.00."),
        (check.rate, "eighty", "“eighty” is not a number; type it like 85.00."),
        (check.rate, "-5", "The hourly rate cannot be negative."),
        (check.rate, "1.2.3", "“1.2.3” is not a number; type it like 85.00."),
        (check.currency, "", "Type a three-letter currency code, like EUR."),
        (check.currency, "EU", "“EU” is not a currency code: three letters, like EUR or USD."),
        (check.currency, "€", "“€” is not a currency code: three letters, like EUR or USD."),
        (check.increment_minutes, "", "Type the billing increment in minutes, like 15."),
        (check.increment_minutes, "0", "At least 1 minute."),
        (check.increment_minutes, "7.5", "Whole minutes only, like 15."),
        (check.increment_minutes, "x", "“x” is not a number of minutes."),
        (check.free_under_minutes, "-1", "Minutes cannot be negative."),
        (check.free_under_minutes, "", "Type a number of minutes (0: nothing is free)."),
        (check.minimum_minutes, "2.5", "Whole minutes only, like 15."),
        (check.minimum_charge, "35.005", "The minimum charge has at most 2 decimals."),
        (check.minimum_charge, "-1", "The minimum charge cannot be negative."),
        (
            check.review_over_minutes,
            "",
            "Type after how many minutes an entry is held for review.",
        ),
        (check.after_hours_multiplier, "1.5x", "“1.5x” is not a number; type it like 1.5."),
        (check.after_hours_multiplier, "", "Type the after-hours factor, like 1.5."),
        (check.after_hours_minimum_minutes, "one hour", "“one hour” is not a number of minutes."),
        (check.after_hours_minimum_minutes, "30.5", "Whole minutes only, like 15."),
        (check.grace_seconds, "-3", "Seconds cannot be negative."),
        (check.grace_seconds, "soon", "“soon” is not a number of seconds."),
        (check.clock_time, "25:00", "“25:00” is not a time like 08:00 (24 hours)."),
        (check.clock_time, "8.00", "“8.00” is not a time like 08:00 (24 hours)."),
        (check.clock_time, "", "Type a time like 08:00."),
        (check.holiday, "2026-02-30", "“2026-02-30” is not a date like 2026-12-25."),
        (check.holiday, "25.12.2026", "“25.12.2026” is not a date like 2026-12-25."),
        (
            check.timezone,
            "Mars/Olympus",
            "“Mars/Olympus” is not a time zone; pick one like Europe/Berlin.",
        ),
        (check.timezone, "", "Choose a time zone, like Europe/Berlin."),
        (check.contract_hours, "7:75", "“7:75” is not hours like 7:30."),
        (check.contract_hours, "1.01", "That is not a whole number of minutes; try 7:30."),
        (check.contract_hours, "-2", "Hours cannot be negative."),
        (check.partner_id, "  ", "Type the partner ID, like 123 456 789."),
    ],
)
def test_bad_texts_say_what_is_wrong(validator, text, message) -> None:
    checked = validator(text)
    assert not checked.ok and checked.value is None
    assert [p.english() for p in checked.problems] == [message]


def test_a_long_bad_text_is_quoted_short() -> None:
    (problem,) = check.rate("x" * 500).problems
    assert len(problem.english()) < 80 and "…" in problem.english()


def test_days_span_apps_and_paths() -> None:
    assert check.weekdays([5, 1, 1]).value == [1, 5]
    assert check.weekdays([]).problems[0].english() == "Choose at least one business day."
    (problem,) = check.opening_span("17:00", "08:00").problems
    assert problem.english() == "Closing time must be after opening time (17:00)."
    assert check.opening_span("08:00", "17:00").value == ("08:00", "17:00")
    assert check.detected_apps(
        ["rustdesk", "anydesk"], ["teamviewer", "anydesk", "rustdesk"]
    ).value == [
        "anydesk",
        "rustdesk",
    ]
    assert not check.detected_apps([], ["anydesk"]).ok
    assert check.log_path_lines(" /a.log \n\n/b/*.trace\n").value == ["/a.log", "/b/*.trace"]
    assert not check.log_path_lines("/a\x00b").ok


def test_every_policy_text_field_speaks_for_an_empty_text() -> None:
    for name, validator in check.POLICY_TEXT_FIELDS.items():
        assert not validator("").ok, name


def test_the_engine_judges_the_whole_policy() -> None:
    assert judge_policy({"rate": "90.00", "timezone": "Europe/Berlin"}) == []
    assert judge_policy({"rate": 90.5}) == [
        'policy: rate: must be a decimal string like "85.00", got the number 90.5'
    ]
    (mismatch,) = judge_terms({"currency": "EUR"}, "acme", {"policy": {"currency": "USD"}})
    assert mismatch.startswith("customer acme: policy.currency: must match the company currency")
    assert judge_terms({}, "acme", {"contract": {"included_minutes": 60, "period": "weekly"}})


def test_the_defaults_are_the_engines_and_pass_its_parser() -> None:
    defaults = policy_defaults()
    assert defaults["rate"] == "85.00" and defaults["currency"] == "USD"
    assert defaults["increment_minutes"] == 15 and defaults["review_over_minutes"] == 60
    assert defaults["after_hours_minimum_minutes"] == 0
    assert judge_policy(without_idle_after_hours_minimum(defaults)) == []
