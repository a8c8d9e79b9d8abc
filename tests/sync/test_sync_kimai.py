"""The Kimai 2 adapter against request/response contracts taken from Kimai's API documentation
(docs/rest-api, api-pagination, the TimesheetEditForm schema, its controllers' answers):
exact requests — headers, query strings, JSON bodies — and Kimai's answers, errors included."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses
from responses import matchers

from tests.sync.samples import ENTRY_UUID as UUID
from tests.sync.samples import KIMAI_OVERLAP
from tests.sync.samples import sample_line as entry
from trayclock.domain.clock import ManualClock
from trayclock.sync.backend import (
    AuthError,
    ConflictError,
    LineValues,
    Partner,
    RateLimited,
    RefusedError,
    RemoteCustomer,
    TransientError,
    describe_line,
    marker,
)
from trayclock.sync.kimai import KimaiBackend, KimaiConfig
from trayclock.sync.kimai_fields import digest, owned_fields, parse_partners
from trayclock.sync.secrets import Secret

BASE = "https://kimai.example.com"
API = f"{BASE}/api"
TOKEN = "kimai-api-token-5e1f0c"
NOW = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
ME = {
    "id": 2,
    "username": "tech1",
    "alias": "Tech One",
    "timezone": "Europe/Berlin",
    "language": "de",
    "enabled": True,
}
AUTH = matchers.header_matcher({"Authorization": f"Bearer {TOKEN}"})


def expected_body(
    values: LineValues,
    *,
    begin: str = "2026-03-02T10:00:00",
    end: str = "2026-03-02T11:30:00",
    exported: bool = False,
) -> dict[str, Any]:
    return {
        "begin": begin,
        "end": end,
        "project": 7,
        "activity": 3,
        "description": describe_line(values),
        "billable": True,
        "exported": exported,
        "fixedRate": 135.0,
    }


def timesheet(
    ident: int,
    body: dict[str, Any],
    *,
    offset: str = "+0100",
    exported: bool = False,
    **changes: Any,
) -> dict[str, Any]:
    """A TimesheetEntity as Kimai answers it: local times with an offset, ids not expanded."""
    begin = datetime.fromisoformat(body["begin"])
    end = datetime.fromisoformat(body["end"])
    item = {
        "id": ident,
        "begin": body["begin"] + offset,
        "end": body["end"] + offset,
        "duration": int((end - begin).total_seconds()),
        "break": 0,
        "description": body["description"],
        "project": body["project"],
        "activity": body["activity"],
        "user": 2,
        "tags": [],
        "rate": body["fixedRate"],
        "internalRate": 0.0,
        "fixedRate": body["fixedRate"],
        "hourlyRate": None,
        "exported": exported,
        "billable": body["billable"],
        "metaFields": [],
    }
    item.update(changes)
    return item


def query(call: Any) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(call.request.url).query))


def path(call: Any) -> str:
    return f"{call.request.method} {urlsplit(call.request.url).path}"


@pytest.fixture
def kimai() -> Iterator[KimaiBackend]:
    yield KimaiBackend(
        KimaiConfig(url=BASE + "/", activity_id=3), Secret(TOKEN), clock=ManualClock(NOW)
    )


def me_and_no_match(page_headers: dict[str, str] | None = None) -> None:
    responses.get(f"{API}/users/me", json=ME, match=[AUTH])
    responses.get(
        f"{API}/timesheets", json=[], headers=page_headers or {"X-Total-Pages": "0"}, match=[AUTH]
    )


# -- connection --------------------------------------------------------------------------------


@responses.activate
def test_test_connection_reads_version_user_and_timesheet_settings(kimai: KimaiBackend) -> None:
    responses.get(
        f"{API}/version",
        json={"version": "2.30.0", "versionId": 23000, "copyright": "Kimai 2.30.0 by Kevin Papst."},
        match=[AUTH],
    )
    responses.get(f"{API}/users/me", json=ME, match=[AUTH])
    responses.get(
        f"{API}/config/timesheet",
        match=[AUTH],
        json={
            "trackingMode": "default",
            "defaultBeginTime": "now",
            "activeEntriesHardLimit": 1,
            "isAllowFutureTimes": True,
            "isAllowOverlapping": True,
        },
    )
    said = kimai.test_connection()
    assert said == (f"Kimai 2.30.0 at {BASE} as tech1 (time zone Europe/Berlin)")
    assert [path(c) for c in responses.calls] == [
        "GET /api/version",
        "GET /api/users/me",
        "GET /api/config/timesheet",
    ]


@responses.activate
def test_test_connection_warns_about_settings_that_refuse_our_lines(kimai: KimaiBackend) -> None:
    responses.get(f"{API}/version", json={"version": "2.30.0"})
    responses.get(f"{API}/users/me", json=ME)
    responses.get(
        f"{API}/config/timesheet", json={"trackingMode": "punch", "isAllowOverlapping": False}
    )
    said = kimai.test_connection()
    assert "tracking mode 'punch'" in said
    assert "refuses overlapping entries" in said


@responses.activate
def test_a_refused_token_is_an_auth_error_without_the_token(kimai: KimaiBackend) -> None:
    responses.get(
        f"{API}/version",
        status=401,
        json={"message": "Invalid credentials."},
        headers={"WWW-Authenticate": "Bearer"},
    )
    with pytest.raises(AuthError, match="Invalid credentials") as caught:
        kimai.test_connection()
    assert TOKEN not in str(caught.value) and TOKEN not in repr(kimai)


# -- create --------------------------------------------------------------------------------------


@responses.activate
def test_create_searches_the_marker_then_posts_the_exact_timesheet(kimai: KimaiBackend) -> None:
    values = entry()
    body = expected_body(values)
    me_and_no_match()
    responses.post(
        f"{API}/timesheets",
        json=timesheet(501, body),
        match=[AUTH, matchers.json_params_matcher(body, strict_match=True)],
    )
    (line,) = kimai.create([values])

    assert [path(c) for c in responses.calls] == [
        "GET /api/users/me",
        "GET /api/timesheets",
        "POST /api/timesheets",
    ]
    assert query(responses.calls[1]) == {
        "term": UUID,  # the bare uuid: Kimai reads "name:value" as a meta-field search
        "orderBy": "id",
        "order": "ASC",
        "size": "100",
        "page": "1",
        "begin": "2026-03-01T10:00:00",
        "end": "2026-03-03T10:00:00",
    }
    sent = responses.calls[2].request
    assert sent.headers["Content-Type"] == "application/json"
    assert json.loads(sent.body)["description"].endswith(marker(UUID))
    assert (line.remote_id, line.entry_uuid, line.invoiced) == ("501", UUID, False)
    assert line.version == digest(owned_fields(timesheet(501, body)))
    assert line.duration == timedelta(minutes=90)


@responses.activate
def test_times_are_local_without_offset_in_the_kimai_users_zone(kimai: KimaiBackend) -> None:
    summer = entry(
        start=datetime(2026, 7, 1, 9, 0, tzinfo=UTC), end=datetime(2026, 7, 1, 10, 30, tzinfo=UTC)
    )
    body = expected_body(summer, begin="2026-07-01T11:00:00", end="2026-07-01T12:30:00")
    me_and_no_match()
    responses.post(
        f"{API}/timesheets",
        json=timesheet(502, body, offset="+0200"),
        match=[matchers.json_params_matcher(body, strict_match=True)],
    )
    assert kimai.create([summer])[0].remote_id == "502"


@responses.activate
def test_a_kimai_user_in_another_zone_gets_its_own_local_times() -> None:
    kimai = KimaiBackend(
        KimaiConfig(url=BASE, activity_id=3), Secret(TOKEN), clock=ManualClock(NOW)
    )
    values = entry()
    body = expected_body(values, begin="2026-03-02T04:00:00", end="2026-03-02T05:30:00")
    responses.get(f"{API}/users/me", json={**ME, "timezone": "America/New_York"})
    responses.get(f"{API}/timesheets", json=[], headers={"X-Total-Pages": "0"})
    responses.post(
        f"{API}/timesheets",
        json=timesheet(503, body, offset="-0500"),
        match=[matchers.json_params_matcher(body, strict_match=True)],
    )
    line = kimai.create([values])[0]
    assert line.extra["begin"] == "2026-03-02T09:00:00+00:00"  # the same instant


@responses.activate
def test_kimais_time_is_the_worked_time_and_the_span_is_described(kimai: KimaiBackend) -> None:
    paused = entry(end=datetime(2026, 3, 2, 11, 0, tzinfo=UTC), worked=timedelta(minutes=90))
    body = expected_body(paused)  # end = begin + 90 worked minutes, not the clock's 11:00 UTC
    me_and_no_match()
    responses.post(
        f"{API}/timesheets",
        json=timesheet(504, body),
        match=[matchers.json_params_matcher(body, strict_match=True)],
    )
    kimai.create([paused])
    assert "2026-03-02 10:00–12:00" in body["description"]


@responses.activate
def test_an_activity_is_found_by_name_or_created_once() -> None:
    kimai = KimaiBackend(KimaiConfig(url=BASE), Secret(TOKEN), clock=ManualClock(NOW))
    first, second = entry(), entry(entry_uuid="1f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a091")
    me_and_no_match()
    responses.get(
        f"{API}/activities",
        json=[{"id": 1, "name": "Support hotline", "project": None}],
        match=[
            matchers.query_param_matcher(
                {"globals": "1", "term": "Remote support"}, strict_match=True
            )
        ],
    )
    responses.post(
        f"{API}/activities",
        json={"id": 3, "name": "Remote support", "project": None},
        match=[
            matchers.json_params_matcher(
                {"name": "Remote support", "visible": True, "billable": True}, strict_match=True
            )
        ],
    )
    responses.post(f"{API}/timesheets", json=timesheet(505, expected_body(first)))
    responses.post(f"{API}/timesheets", json=timesheet(506, expected_body(second)))
    assert [line.remote_id for line in kimai.create([first, second])] == ["505", "506"]
    assert [path(c) for c in responses.calls].count("POST /api/activities") == 1


@responses.activate
def test_an_existing_global_activity_is_used() -> None:
    kimai = KimaiBackend(KimaiConfig(url=BASE), Secret(TOKEN), clock=ManualClock(NOW))
    me_and_no_match()
    responses.get(
        f"{API}/activities", json=[{"id": 9, "name": " remote  SUPPORT ", "project": None}]
    )
    body = {**expected_body(entry()), "activity": 9}
    responses.post(
        f"{API}/timesheets",
        json=timesheet(507, body),
        match=[matchers.json_params_matcher(body, strict_match=True)],
    )
    kimai.create([entry()])


@responses.activate
def test_a_line_whose_create_answer_was_lost_is_found_not_doubled(kimai: KimaiBackend) -> None:
    values = entry()
    body = expected_body(values)
    responses.get(f"{API}/users/me", json=ME)
    responses.get(f"{API}/timesheets", json=[timesheet(508, body)], headers={"X-Total-Pages": "1"})
    responses.get(f"{API}/timesheets/508", json=timesheet(508, body))
    (line,) = kimai.create([values])
    assert line.remote_id == "508"
    assert "POST /api/timesheets" not in [path(c) for c in responses.calls]
    assert not any(c.request.method == "PATCH" for c in responses.calls)


@responses.activate
def test_a_found_line_with_older_values_is_brought_up_to_date(kimai: KimaiBackend) -> None:
    values = entry(amount=Decimal("150.00"))
    old = expected_body(entry())
    new = {**expected_body(values), "fixedRate": 150.0}
    responses.get(f"{API}/users/me", json=ME)
    responses.get(f"{API}/timesheets", json=[timesheet(509, old)], headers={"X-Total-Pages": "1"})
    responses.get(f"{API}/timesheets/509", json=timesheet(509, old))
    responses.patch(
        f"{API}/timesheets/509",
        json=timesheet(509, new),
        match=[matchers.json_params_matcher(new, strict_match=True)],
    )
    assert kimai.create([values])[0].extra["fixedRate"] == "150.00"


@responses.activate
def test_the_marker_must_match_exactly(kimai: KimaiBackend) -> None:
    values = entry()
    body = expected_body(values)
    near_miss = timesheet(510, {**body, "description": f"see [trayclock:{UUID}0]"})
    mention = timesheet(511, {**body, "description": f"follow-up of {UUID}"})
    responses.get(f"{API}/users/me", json=ME)
    responses.get(f"{API}/timesheets", json=[near_miss, mention], headers={"X-Total-Pages": "1"})
    responses.post(f"{API}/timesheets", json=timesheet(512, body))
    assert kimai.create([values])[0].remote_id == "512"


@responses.activate
def test_paging_that_repeats_a_record_is_deduplicated_by_id(kimai: KimaiBackend) -> None:
    # kimai#4881: a record came back on two pages. Ours, and a duplicate made by a bug.
    body = expected_body(entry())
    other = timesheet(9, {**body, "description": "someone else's"})
    ours, duplicate = timesheet(12, body), timesheet(15, body)
    responses.get(f"{API}/users/me", json=ME)
    responses.get(
        f"{API}/timesheets",
        json=[other, ours],
        headers={"X-Total-Pages": "2"},
        match=[matchers.query_param_matcher({"page": "1"}, strict_match=False)],
    )
    responses.get(
        f"{API}/timesheets",
        json=[ours, duplicate],
        headers={"X-Total-Pages": "2"},
        match=[matchers.query_param_matcher({"page": "2"}, strict_match=False)],
    )
    responses.get(f"{API}/timesheets/12", json=ours)
    assert kimai.find_all(UUID) == ["12", "15"]
    found = kimai.find(UUID)
    assert found is not None and found.remote_id == "12"
    assert "begin" not in query(responses.calls[1])  # find without a window searches all time


@responses.activate
def test_you_already_have_an_entry_for_this_time_is_refused_never_retried(
    kimai: KimaiBackend,
) -> None:
    me_and_no_match()
    responses.post(f"{API}/timesheets", status=400, json=KIMAI_OVERLAP)
    with pytest.raises(RefusedError, match="begin: You already have an entry for this time"):
        kimai.create([entry()])
    assert [path(c) for c in responses.calls].count("POST /api/timesheets") == 1


@responses.activate
def test_a_missing_permission_is_refused_not_a_login_problem(kimai: KimaiBackend) -> None:
    extra = {
        "code": 400,
        "message": "Validation Failed",
        "errors": {"errors": ["This form should not contain extra fields."], "children": {}},
    }
    me_and_no_match()
    responses.post(f"{API}/timesheets", status=400, json=extra)
    with pytest.raises(RefusedError, match="should not contain extra fields"):
        kimai.create([entry()])
    responses.replace(
        responses.POST, f"{API}/timesheets", status=403, json={"code": 403, "message": "Forbidden"}
    )
    with pytest.raises(RefusedError, match="permission denied"):
        kimai.create([entry()])


@responses.activate
def test_rate_limits_and_server_errors_reach_the_worker(kimai: KimaiBackend) -> None:
    me_and_no_match()
    responses.post(
        f"{API}/timesheets",
        status=429,
        headers={"Retry-After": "30"},
        json={"message": "Too Many Requests"},
    )
    with pytest.raises(RateLimited) as limited:
        kimai.create([entry()])
    assert limited.value.retry_after == 30.0
    responses.replace(
        responses.POST,
        f"{API}/timesheets",
        status=500,
        json={"code": 500, "message": "Internal Server Error"},
    )
    with pytest.raises(TransientError):
        kimai.create([entry()])


def test_a_line_of_a_customer_without_project_is_refused_before_any_request(
    kimai: KimaiBackend,
) -> None:
    with responses.RequestsMock() as mock:  # any request would fail this test
        with pytest.raises(RefusedError, match="has no Kimai project"):
            kimai._payload(entry(customer_ref=None), exported=False)
        assert len(mock.calls) == 0


# -- update and delete -------------------------------------------------------------------------


@responses.activate
def test_update_patches_when_kimai_still_holds_what_we_wrote(kimai: KimaiBackend) -> None:
    written = expected_body(entry())
    stored = timesheet(520, written)
    remote = kimai._line(stored)
    changed = entry(notes="Printer driver reinstalled, toner ordered")
    new = expected_body(changed)
    responses.get(f"{API}/users/me", json=ME)
    responses.get(f"{API}/timesheets/520", json=stored)
    responses.patch(
        f"{API}/timesheets/520",
        json=timesheet(520, new),
        match=[AUTH, matchers.json_params_matcher(new, strict_match=True)],
    )
    line = kimai.update(remote, changed)
    assert line.version != remote.version and "toner ordered" in line.description


@responses.activate
def test_an_office_edit_is_a_conflict_never_overwritten(kimai: KimaiBackend) -> None:
    written = expected_body(entry())
    remote = kimai._line(timesheet(521, written))
    edited = timesheet(521, written, description=written["description"] + "\n(checked: Anna)")
    responses.get(f"{API}/timesheets/521", json=edited)
    with pytest.raises(ConflictError, match="changed in Kimai") as caught:
        kimai.update(remote, entry(amount=Decimal("99.00")))
    assert caught.value.remote is not None and "checked: Anna" in caught.value.remote.description
    assert not any(c.request.method == "PATCH" for c in responses.calls)


@responses.activate
def test_kimais_own_rounding_of_seconds_is_not_an_edit(kimai: KimaiBackend) -> None:
    values = entry(start=datetime(2026, 3, 2, 9, 0, 27, tzinfo=UTC))
    body = expected_body(values, begin="2026-03-02T10:00:27", end="2026-03-02T11:30:27")
    rounded = timesheet(522, {**body, "begin": "2026-03-02T10:00:00", "end": "2026-03-02T11:30:00"})
    responses.get(f"{API}/users/me", json=ME)
    responses.get(f"{API}/timesheets/522", json=rounded)
    remote = kimai._line(rounded)  # what create returned: Kimai's answer
    assert kimai.update(remote, values).version == remote.version  # nothing to write
    assert not any(c.request.method == "PATCH" for c in responses.calls)


@responses.activate
def test_an_exported_line_is_locked(kimai: KimaiBackend) -> None:
    written = expected_body(entry())
    remote = kimai._line(timesheet(523, written))
    responses.get(f"{API}/users/me", json=ME)
    responses.get(f"{API}/timesheets/523", json=timesheet(523, written, exported=True))
    # Invoicing in the office is no edit of ours: same values, no conflict, nothing written.
    same = kimai.update(remote, entry())
    assert same.invoiced and same.version == remote.version
    with pytest.raises(ConflictError, match="exported"):
        kimai.update(remote, entry(amount=Decimal("10.00")))
    with pytest.raises(ConflictError, match="exported"):
        kimai.delete(remote)
    assert {c.request.method for c in responses.calls} == {"GET"}


@responses.activate
def test_a_line_deleted_in_kimai_is_a_conflict_on_update(kimai: KimaiBackend) -> None:
    remote = kimai._line(timesheet(524, expected_body(entry())))
    responses.get(f"{API}/timesheets/524", status=404, json={"code": 404, "message": "Not Found"})
    with pytest.raises(ConflictError, match="deleted in Kimai"):
        kimai.update(remote, entry())


@responses.activate
def test_delete_makes_the_line_absent(kimai: KimaiBackend) -> None:
    stored = timesheet(525, expected_body(entry()))
    remote = kimai._line(stored)
    responses.get(f"{API}/timesheets/525", json=stored)
    responses.delete(f"{API}/timesheets/525", status=204, match=[AUTH])
    kimai.delete(remote)
    assert [path(c) for c in responses.calls] == [
        "GET /api/timesheets/525",
        "DELETE /api/timesheets/525",
    ]


@responses.activate
def test_deleting_a_line_already_gone_is_success(kimai: KimaiBackend) -> None:
    stored = timesheet(526, expected_body(entry()))
    remote = kimai._line(stored)
    responses.get(f"{API}/timesheets/526", status=404, json={"code": 404, "message": "Not Found"})
    kimai.delete(remote)  # gone before we asked: nothing to do
    responses.replace(responses.GET, f"{API}/timesheets/526", json=stored)
    responses.delete(
        f"{API}/timesheets/526", status=404, json={"code": 404, "message": "Not Found"}
    )
    kimai.delete(remote)  # gone between our read and our DELETE: also done


@responses.activate
def test_deleting_a_line_edited_in_the_office_is_a_conflict(kimai: KimaiBackend) -> None:
    written = expected_body(entry())
    remote = kimai._line(timesheet(527, written))
    responses.get(f"{API}/timesheets/527", json=timesheet(527, {**written, "fixedRate": 200.0}))
    with pytest.raises(ConflictError, match="not deleted"):
        kimai.delete(remote)
    assert not any(c.request.method == "DELETE" for c in responses.calls)


# -- customers and team knowledge ---------------------------------------------------------------


def customer(ident: int, name: str, partners: str | None = None) -> dict[str, Any]:
    metas = [] if partners is None else [{"name": "trayclock_partners", "value": partners}]
    return {
        "id": ident,
        "name": name,
        "number": f"C-{ident}",
        "visible": True,
        "billable": True,
        "currency": "EUR",
        "metaFields": metas,
        "teams": [],
    }


def project(ident: int, customer_id: int, name: str = "Remote support") -> dict[str, Any]:
    return {
        "id": ident,
        "name": name,
        "customer": customer_id,
        "parentTitle": "x",
        "visible": True,
        "billable": True,
        "globalActivities": True,
        "metaFields": [],
    }


@responses.activate
def test_list_customers_maps_projects_and_the_teams_partners(kimai: KimaiBackend) -> None:
    responses.get(
        f"{API}/customers",
        json=[
            customer(1, "ACME GmbH", "anydesk:123456789 teamviewer:987654321"),
            customer(2, "Bakery Ltd"),
            customer(3, "Chaos Inc"),
        ],
    )
    responses.get(
        f"{API}/projects",
        json=[
            project(7, 1),
            project(8, 2, "Website"),
            project(9, 3, "A"),
            project(11, 3, "Remote Support"),
            project(10, 3, " remote  support"),
        ],
        match=[matchers.query_param_matcher({"ignoreDates": "1"}, strict_match=True)],
    )
    acme, bakery, chaos = kimai.list_customers()
    assert acme == RemoteCustomer(
        "1", "ACME GmbH", "7", (Partner("anydesk", "123456789"), Partner("teamviewer", "987654321"))
    )
    assert bakery.ref is None  # its only project is not ours: ensure_customer makes one
    assert chaos.ref == "10"  # named like ours (case and spaces aside), the lowest id


@responses.activate
def test_ensure_customer_keeps_a_known_mapping(kimai: KimaiBackend) -> None:
    responses.get(f"{API}/customers/1", json=customer(1, "ACME GmbH"))
    responses.get(f"{API}/projects/7", json=project(7, 1))
    known = RemoteCustomer("1", "ACME GmbH", "7")
    assert kimai.ensure_customer("acme", "ACME GmbH", known) == known
    assert {c.request.method for c in responses.calls} == {"GET"}


@responses.activate
def test_ensure_customer_matches_by_name_then_creates_the_project(kimai: KimaiBackend) -> None:
    responses.get(
        f"{API}/customers",
        json=[customer(4, "Acme"), customer(1, "  acme   gmbh ")],
        match=[matchers.query_param_matcher({"term": "ACME GmbH"}, strict_match=True)],
    )
    responses.get(
        f"{API}/projects",
        json=[project(30, 1, "Website")],
        match=[
            matchers.query_param_matcher({"customer": "1", "ignoreDates": "1"}, strict_match=True)
        ],
    )
    wanted = {
        "name": "Remote support",
        "customer": 1,
        "visible": True,
        "billable": True,
        "globalActivities": True,
    }
    responses.post(
        f"{API}/projects",
        json=project(31, 1),
        match=[matchers.json_params_matcher(wanted, strict_match=True)],
    )
    made = kimai.ensure_customer("acme", "ACME GmbH", None)
    assert (made.customer_id, made.ref) == ("1", "31")


@responses.activate
def test_ensure_customer_creates_a_missing_customer(kimai: KimaiBackend) -> None:
    responses.get(f"{API}/customers/40", status=404, json={"code": 404, "message": "Not Found"})
    responses.get(f"{API}/customers", json=[])
    responses.post(
        f"{API}/customers",
        json=customer(41, "Delta AG"),
        match=[
            matchers.json_params_matcher(
                {"name": "Delta AG", "visible": True, "billable": True}, strict_match=True
            )
        ],
    )
    responses.get(f"{API}/projects", json=[])
    responses.post(f"{API}/projects", json=project(42, 41))
    made = kimai.ensure_customer("delta", "Delta AG", RemoteCustomer("40", "Delta AG", "5"))
    assert (made.customer_id, made.ref) == ("41", "42")


@responses.activate
def test_remember_partner_merges_into_the_customer_field(kimai: KimaiBackend) -> None:
    acme = RemoteCustomer("1", "ACME GmbH", "7")
    responses.get(f"{API}/customers/1", json=customer(1, "ACME GmbH", "teamviewer:987654321"))
    responses.patch(
        f"{API}/customers/1/meta",
        json=customer(1, "ACME GmbH", "x"),
        match=[
            AUTH,
            matchers.json_params_matcher(
                {"name": "trayclock_partners", "value": "anydesk:123456789 teamviewer:987654321"},
                strict_match=True,
            ),
        ],
    )
    kimai.remember_partner(acme, Partner("anydesk", "123456789", "Reception PC"))
    responses.replace(
        responses.GET,
        f"{API}/customers/1",
        json=customer(1, "ACME GmbH", "anydesk:123456789 teamviewer:987654321"),
    )
    kimai.remember_partner(acme, Partner("anydesk", "123456789"))  # known: nothing written
    assert [c.request.method for c in responses.calls] == ["GET", "PATCH", "GET"]


@responses.activate
def test_remember_partner_without_the_custom_field_says_what_to_set_up(kimai: KimaiBackend) -> None:
    responses.get(f"{API}/customers/1", json=customer(1, "ACME GmbH"))
    responses.patch(
        f"{API}/customers/1/meta",
        status=404,
        json={"code": 404, "message": "Unknown meta-field requested"},
    )
    with pytest.raises(RefusedError, match="custom field 'trayclock_partners'"):
        kimai.remember_partner(RemoteCustomer("1", "ACME GmbH", "7"), Partner("anydesk", "1"))


def test_partner_field_text_a_person_may_have_typed() -> None:
    assert parse_partners("AnyDesk:123, teamviewer:9;  rustdesk:10.0.0.7\nnotes here :x") == (
        Partner("anydesk", "123"),
        Partner("teamviewer", "9"),
        Partner("rustdesk", "10.0.0.7"),
    )


def test_config_and_adapter_show_no_token(kimai: KimaiBackend) -> None:
    assert TOKEN not in repr(kimai.config) and TOKEN not in repr(kimai)
