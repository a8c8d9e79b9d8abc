"""The Kimai 2 adapter: entries as timesheets over Kimai's JSON API (by its documentation).

What is sent, and why:
- `Authorization: Bearer <API token>`; HTTPS (trayclock.sync.http).
- `begin`/`end` as local times without offset (`YYYY-MM-DDTHH:MM:SS`): Kimai reads them in
  the *Kimai user's* time zone (its docs: "adds the configured users timezone without
  changing the given time"), so they are written in that zone, read once from
  `/api/users/me`; it is the company zone when Kimai is set up like trayclock. `end` is
  begin + the worked time, so Kimai's duration is what was worked (its `break` field
  exists only where breaks are enabled, and sending it elsewhere is refused); the exact
  clock span is in the description.
- `project` (one per trayclock customer, see `ensure_customer`) and `activity` (chosen
  in the settings, else a global one found or created by name) — both required.
- `billable` and `exported` always: Kimai turns a missing boolean into false. `exported`
  is false on create and left as Kimai has it afterwards (exporting = invoicing belongs
  to the office, and it locks the record).
- `fixedRate` = trayclock's amount for the line. trayclock prices by rules Kimai does not
  have (minimum charges, free thresholds, after-hours on part of a session, hours banks,
  overlap policy); `hourlyRate` would make Kimai multiply a rate by its own, possibly
  rounded, duration. A fixed rate makes Kimai's line total equal ours to the cent.
- The description (trayclock.sync.backend.describe_line) ends with the marker
  `[trayclock:<uuid>]`. Kimai has no idempotency key, so every create first searches
  `term=<uuid>` (the bare uuid: Kimai's search reads `name:value` as a meta-field query)
  in a narrow window around the entry's start, ordered by id, paged, deduplicated by id
  (kimai#4881 returned a record twice across pages), and checks the exact marker.

Conflicts: Kimai has no optimistic lock. A line's `version` is a digest of the fields we
own as Kimai last answered them (after its own rounding, so rounding is no conflict).
`update` and `delete` read the line first: a digest that differs means the office edited
it → ConflictError with the line as read. An exported line is locked (Kimai refuses edits
to exported records): any change to it, or deleting it, is a conflict; the export flag
itself and the rate Kimai computes are not ours and never count. A write that races an
office edit between our read and our PATCH is not detected — Kimai offers nothing better.

Team knowledge: a customer custom field (default `trayclock_partners`, to be created in
Kimai's custom-fields settings) holds `app:partner-id` words separated by spaces.

HTTP 403 from Kimai means a missing permission (a bad token gets 401), so it is the line's
refusal here, not a login problem. Nothing is retried here: the worker decides.

Why this module is long: a third of it is this page — what is sent to Kimai and why is
documented where it is done. Kimai's JSON itself is read in kimai_fields.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from trayclock.domain.clock import Clock
from trayclock.sync.backend import (
    ConflictError,
    LineValues,
    Partner,
    RefusedError,
    RemoteCustomer,
    RemoteLine,
    describe_line,
    marker,
)
from trayclock.sync.http import DEFAULT_TIMEOUTS, Answer, BearerAuth, HttpClient, Timeouts
from trayclock.sync.kimai_fields import (
    desired_fields,
    differs,
    digest,
    format_partners,
    items,
    meta,
    owned_fields,
    parse_partners,
    same_name,
    string_at,
    uuid_in,
)
from trayclock.sync.reasons import Code, reason
from trayclock.sync.secrets import Secret

LOCAL_FORMAT = "%Y-%m-%dT%H:%M:%S"  # HTML5 local date-time: what Kimai's API expects
SEARCH_WINDOW = timedelta(days=1)  # around the entry's start, for the marker search
PAGE_SIZE = 100
MAX_PAGES = 20  # a marker search that pages further is broken, not busy
DEFAULT_NAME = "Remote support"
DEFAULT_PARTNERS_FIELD = "trayclock_partners"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class KimaiConfig:
    """Where and how to write (no secret here: the token comes from the keyring)."""

    url: str
    activity_id: int | None = None  # chosen in the settings; else found/created by name
    activity_name: str = DEFAULT_NAME
    project_name: str = DEFAULT_NAME  # the project each trayclock customer gets
    partners_field: str = DEFAULT_PARTNERS_FIELD  # customer custom field with partner IDs
    ca_bundle: str | None = None  # a private CA's certificates (verification stays on)


class KimaiBackend:
    """One Kimai instance, one user (the token's). Calls block; one at a time."""

    name = "kimai"

    def __init__(
        self,
        config: KimaiConfig,
        token: Secret,
        *,
        clock: Clock,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
    ) -> None:
        self.config = config
        self._http = HttpClient(
            config.url.rstrip("/").removesuffix("/api"),
            clock=clock,
            auth=BearerAuth(token),
            secrets=(token,),
            ca_bundle=config.ca_bundle,
            forbidden_is_refusal=True,
            timeouts=timeouts,
        )
        # Looked up once per adapter: the user's zone and the activity never change under a
        # running sync, and asking again for every line would double the requests.
        self._zone: tzinfo | None = None
        self._activity: int | None = config.activity_id

    def __repr__(self) -> str:
        return f"KimaiBackend({self._http.base_url})"

    # -- the Backend interface ---------------------------------------------------------------

    def test_connection(self) -> str:
        version = self._get("api/version")
        me = self._get("api/users/me")
        settings = self._get("api/config/timesheet")
        zone = self._user_zone(me)
        words = [
            f"Kimai {string_at(version, 'version') or '?'} at {self._http.base_url} "
            f"as {string_at(me, 'username') or '?'} (time zone {zone})"
        ]
        mode = string_at(settings, "trackingMode") or "default"
        if mode != "default":
            words.append(
                f"tracking mode {mode!r}: Kimai accepts begin and end from the API only for "
                "users allowed to see other users' timesheets"
            )
        if isinstance(settings, dict) and settings.get("isAllowOverlapping") is False:
            words.append(
                "this Kimai refuses overlapping entries ('You already have an entry for this "
                "time'): concurrent sessions will be marked failed"
            )
        return "; ".join(words)

    def list_customers(self) -> list[RemoteCustomer]:
        customers = items(self._get("api/customers"))
        projects = items(self._get("api/projects", params={"ignoreDates": 1}))
        by_customer: dict[str, list[dict[str, Any]]] = {}
        for project in projects:
            by_customer.setdefault(str(project.get("customer")), []).append(project)
        result = []
        for customer in customers:
            mapped = self._pick_project(by_customer.get(str(customer.get("id")), []))
            result.append(self._remote_customer(customer, mapped))
        return result

    def ensure_customer(self, key: str, name: str, known: RemoteCustomer | None) -> RemoteCustomer:
        customer: dict[str, Any] | None = None
        if known is not None and known.customer_id.isdigit():
            answer = self._http.request("GET", f"api/customers/{known.customer_id}", accept=(404,))
            customer = _object(answer) if answer.status == 200 else None
        if customer is None:
            customer = self._customer_named(name)
        if customer is None:
            customer = self._post(
                "api/customers", {"name": name[:150], "visible": True, "billable": True}
            )
        customer_id = str(customer.get("id"))
        project = None
        same_customer = known is not None and known.customer_id == customer_id
        if known is not None and same_customer and known.ref and known.ref.isdigit():
            answer = self._http.request("GET", f"api/projects/{known.ref}", accept=(404,))
            found = answer.json() if answer.status == 200 else None
            if isinstance(found, dict) and str(found.get("customer")) == customer_id:
                project = found
        if project is None:
            projects = items(
                self._get("api/projects", params={"customer": customer_id, "ignoreDates": 1})
            )
            project = self._pick_project(projects)
        if project is None:
            project = self._post(
                "api/projects",
                {
                    "name": self.config.project_name,
                    "customer": int(customer_id),
                    "visible": True,
                    "billable": True,
                    "globalActivities": True,
                },
            )
        return self._remote_customer(customer, project)

    def remember_partner(self, customer: RemoteCustomer, partner: Partner) -> None:
        current = self._get(f"api/customers/{customer.customer_id}")
        known = parse_partners(meta(current, self.config.partners_field))
        if any(p.app == partner.app and p.partner_id == partner.partner_id for p in known):
            return
        value = format_partners((*known, partner))
        answer = self._http.request(
            "PATCH",
            f"api/customers/{customer.customer_id}/meta",
            json_body={"name": self.config.partners_field, "value": value},
            accept=(404,),
        )
        if answer.status == 404:
            raise RefusedError(
                reason(Code.KIMAI_NO_PARTNER_FIELD, field=self.config.partners_field)
            )

    def find(self, entry_uuid: str, near: LineValues | None = None) -> RemoteLine | None:
        """The line carrying this entry's marker (the lowest id if a bug made several);
        `near` narrows the search to a day around that entry's start."""
        found = self.find_all(entry_uuid, near)
        return self._read(found[0]) if found else None

    def find_all(self, entry_uuid: str, near: LineValues | None = None) -> list[str]:
        """Ids of every line carrying the marker, ascending (duplicates can be cleaned)."""
        params: dict[str, str | int] = {
            "term": entry_uuid,
            "orderBy": "id",
            "order": "ASC",
            "size": PAGE_SIZE,
        }
        if near is not None:
            start = near.start.astimezone(self.zone())
            params["begin"] = (start - SEARCH_WINDOW).strftime(LOCAL_FORMAT)
            params["end"] = (start + SEARCH_WINDOW).strftime(LOCAL_FORMAT)
        wanted = marker(entry_uuid)
        ids: dict[int, None] = {}
        for item in self._pages("api/timesheets", params):
            if wanted in str(item.get("description") or "") and isinstance(item.get("id"), int):
                ids[item["id"]] = None
        return [str(i) for i in sorted(ids)]

    def create(self, lines: Sequence[LineValues]) -> list[RemoteLine]:
        """Kimai has no batch call: one POST per line, each searched for first. Not atomic,
        but safe to repeat: a line created before a failure is found, not doubled."""
        created = []
        for values in lines:
            existing = self.find(values.entry_uuid, near=values)
            if existing is not None:  # an earlier create whose answer was lost
                created.append(self._write(existing, values))
                continue
            body = self._payload(values, exported=False)
            created.append(self._line(self._post("api/timesheets", body)))
        return created

    def update(self, remote: RemoteLine, values: LineValues) -> RemoteLine:
        current = self._read_or_none(remote.remote_id)
        if current is None:
            raise ConflictError(reason(Code.KIMAI_LINE_DELETED, line=remote.remote_id))
        if remote.version is not None and current.version != remote.version:
            raise ConflictError(reason(Code.KIMAI_LINE_CHANGED, line=remote.remote_id), current)
        return self._write(current, values)

    def delete(self, remote: RemoteLine) -> None:
        current = self._read_or_none(remote.remote_id)
        if current is None:
            return  # already absent: that is what was asked
        if current.invoiced:
            raise ConflictError(
                reason(Code.KIMAI_EXPORTED_NO_DELETE, line=remote.remote_id), current
            )
        if remote.version is not None and current.version != remote.version:
            raise ConflictError(
                reason(Code.KIMAI_CHANGED_NO_DELETE, line=remote.remote_id), current
            )
        self._http.request("DELETE", f"api/timesheets/{remote.remote_id}", accept=(404,))

    def owned_of(self, values: LineValues) -> str | None:
        return None  # no fingerprint of its own (see the module doc)

    # -- lines ---------------------------------------------------------------------------------

    def zone(self) -> tzinfo:
        """The Kimai user's time zone: the one Kimai reads our local times in."""
        return self._zone if self._zone is not None else self._user_zone(self._get("api/users/me"))

    def _write(self, current: RemoteLine, values: LineValues) -> RemoteLine:
        """PATCH our values over `current` (as just read) unless nothing would change."""
        body = self._payload(values, exported=current.invoiced)
        if not differs(current.extra, desired_fields(values, body)):
            return current
        if current.invoiced:
            raise ConflictError(reason(Code.KIMAI_EXPORTED_LOCKED, line=current.remote_id), current)
        return self._line(self._patch(f"api/timesheets/{current.remote_id}", body))

    def _payload(self, values: LineValues, *, exported: bool) -> dict[str, Any]:
        if not values.customer_ref or not values.customer_ref.isdigit():
            raise RefusedError(reason(Code.NO_KIMAI_PROJECT, customer=values.customer_name))
        zone = self.zone()
        begin = values.start.astimezone(zone)
        end = (values.start + values.worked).astimezone(zone)
        return {
            "begin": begin.strftime(LOCAL_FORMAT),
            "end": end.strftime(LOCAL_FORMAT),
            "project": int(values.customer_ref),
            "activity": self._activity_id(),
            "description": describe_line(values),
            "billable": bool(values.billable),
            "exported": bool(exported),
            "fixedRate": float(values.amount.quantize(CENT)),
        }

    def _read(self, remote_id: str) -> RemoteLine:
        return self._line(self._get(f"api/timesheets/{remote_id}"))

    def _read_or_none(self, remote_id: str) -> RemoteLine | None:
        answer = self._http.request("GET", f"api/timesheets/{remote_id}", accept=(404,))
        return None if answer.status == 404 else self._line(_object(answer))

    def _line(self, item: Any) -> RemoteLine:
        if not isinstance(item, dict) or not isinstance(item.get("id"), int):
            raise RefusedError(reason(Code.KIMAI_NO_ID, said=str(item)[:200]))
        owned = owned_fields(item)
        description = str(item.get("description") or "")
        seconds = item.get("duration")
        return RemoteLine(
            remote_id=str(item["id"]),
            entry_uuid=uuid_in(description),
            version=digest(owned),
            invoiced=bool(item.get("exported")),
            duration=timedelta(seconds=seconds) if isinstance(seconds, int) else None,
            description=description,
            extra={name: "" if value is None else str(value) for name, value in owned.items()},
        )

    def _activity_id(self) -> int:
        if self._activity is None:
            name = self.config.activity_name
            found = [
                a
                for a in items(self._get("api/activities", params={"globals": 1, "term": name}))
                if same_name(a.get("name"), name) and isinstance(a.get("id"), int)
            ]
            if found:
                self._activity = min(a["id"] for a in found)
            else:
                made = self._post(
                    "api/activities", {"name": name, "visible": True, "billable": True}
                )
                self._activity = int(made["id"])
        return self._activity

    # -- customers ---------------------------------------------------------------------------

    def _customer_named(self, name: str) -> dict[str, Any] | None:
        matches = [
            c
            for c in items(self._get("api/customers", params={"term": name}))
            if same_name(c.get("name"), name) and isinstance(c.get("id"), int)
        ]
        return min(matches, key=lambda c: c["id"]) if matches else None

    def _pick_project(self, projects: list[dict[str, Any]]) -> dict[str, Any] | None:
        """The customer's project named like the setting (the lowest id if several). Never
        just "its only project": a customer's "Website" project is no place for support."""
        named = [p for p in projects if same_name(p.get("name"), self.config.project_name)]
        return min(named, key=lambda p: int(p.get("id") or 0)) if named else None

    def _remote_customer(self, customer: Any, project: dict[str, Any] | None) -> RemoteCustomer:
        return RemoteCustomer(
            customer_id=str(customer.get("id")),
            name=str(customer.get("name") or ""),
            ref=None if project is None else str(project.get("id")),
            partners=parse_partners(meta(customer, self.config.partners_field)),
        )

    # -- transport ---------------------------------------------------------------------------

    def _get(self, path: str, params: Mapping[str, str | int] | None = None) -> Any:
        return self._http.request("GET", path, params=params).json()

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return _object(self._http.request("POST", path, json_body=body))

    def _patch(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return _object(self._http.request("PATCH", path, json_body=body))

    def _pages(self, path: str, params: dict[str, str | int]) -> Iterator[dict[str, Any]]:
        for page in range(1, MAX_PAGES + 1):
            answer = self._http.request("GET", path, params={**params, "page": page})
            yield from items(answer.json())
            pages = answer.headers.get("X-Total-Pages", "1").strip()
            if not pages.isdigit() or page >= int(pages):
                return

    def _user_zone(self, me: Any) -> tzinfo:
        name = string_at(me, "timezone")
        try:
            self._zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise RefusedError(reason(Code.KIMAI_BAD_ZONE, zone=name)) from None
        return self._zone


def _object(answer: Answer) -> dict[str, Any]:
    data = answer.json()
    if not isinstance(data, dict):
        raise RefusedError(
            reason(
                Code.KIMAI_ODD_ANSWER, request=f"{answer.method} {answer.url}", said=str(data)[:200]
            )
        )
    return data
