"""The simulated week's script keeps the rules that make it unambiguous (plan.py): the same
seed gives the same week; one session per partner at a time, the next one beyond the grace
period; one attach prompt pending at a time; every fault placed, none on top of another; and
the CI day types a name with letters beyond ASCII into the prompt."""

from __future__ import annotations

from itertools import combinations, pairwise

import pytest

from tests.integration.weeksim import plan
from tests.integration.weeksim.actions import steps_of
from tests.integration.weeksim.cast import customer_name, typed_names

PROFILES = [pytest.param(plan.WEEK, id="week"), pytest.param(plan.CI_DAY, id="ci-day")]


@pytest.mark.parametrize("profile", PROFILES)
def test_the_script_is_seeded_and_keeps_its_rules(profile: plan.Profile) -> None:
    days = plan.week(profile, "issue-12")
    assert days == plan.week(profile, "issue-12")
    assert len(days) == profile.days
    for day in days:
        assert len(day.sessions) == profile.sessions
        for a, b in combinations(day.sessions, 2):
            if a.partner == b.partner:
                first, then = sorted((a, b), key=lambda s: s.start_s)
                assert then.start_s - first.end_s > plan.GRACE_S, (first.sid, then.sid)
        asked = sorted(
            (s.start_s, s.answer_s) for s in day.sessions if s.prompt is not plan.Prompt.KNOWN
        )
        for (_, answered), (next_start, _) in pairwise(asked):
            assert answered is not None and next_start > answered, "two prompts pending at once"
        wanted = {
            kind for kind, _, _ in profile.faults[day.day.toordinal() - days[0].day.toordinal()]
        }
        assert {f.kind for f in day.faults} == wanted
        kinds = [step.kind for step in steps_of(day)]
        assert kinds[-1] == "logout" and kinds.count("start") == profile.sessions


def test_another_seed_is_another_week() -> None:
    assert plan.week(plan.WEEK, "issue-12") != plan.week(plan.WEEK, "another")


def test_the_ci_day_types_a_name_with_accents_and_sharp_s() -> None:
    """The keyboard's hard case is in every suite run: é, ü and ß typed into the prompt."""
    (day,) = plan.week(plan.CI_DAY, "issue-12")
    typed = [
        customer_name(s.partner.customer) for s in day.sessions if s.prompt is plan.Prompt.ANSWER
    ]
    assert any({"é", "ü", "ß"} <= set(name) for name in typed), typed
    assert set(typed) <= set(typed_names())  # the technician is given every name it types
