"""The Tryton 8.2 adapter: trayclock's customers as parties with a project, its entries as
timesheet lines, over JSON-RPC (sync/tryton_rpc.py), to the contract of sync/backend.py.

A customer is a `party.party` (with an address, for invoicing) and one `project.work` of
type project that trayclock made for it (tagged `[trayclock]` in its comment, so office
projects of the same party are never touched), timesheet available, with the service
product sold by the hour (code `trayclock-support`). Its invoice method is "Manual" on
purpose: trayclock's engine is the billing authority (overlaps, free thresholds, minimums,
after-hours, hours banks), so Tryton's own project invoicing, which would price these lines
at list price × hours, must never invoice them — with "Manual" its Invoice button is refused
even over RPC. trayclock's `invoice` (sync/tryton_invoice.py) links the lines to its draft.

Partner IDs the team learned live on the party as contact mechanisms of type "other", named
`trayclock:<app>`, the partner ID as value and the partner's name as comment — a remote-desktop
ID is a way to reach the customer, and unlike identifiers (legal and tax numbers, matched by
the party's name search) contact mechanisms take free text and a name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from trayclock.sync import tryton_lines as lines
from trayclock.sync.backend import (
    ConflictError,
    LineValues,
    Partner,
    RefusedError,
    RemoteCustomer,
    RemoteLine,
    SettingsError,
    marker,
)
from trayclock.sync.tryton_rpc import TrytonRPC

PRODUCT_CODE = "trayclock-support"
PROJECT_TAG = "[trayclock]"
PROJECT_COMMENT = (
    f"{PROJECT_TAG} Remote support time recorded by trayclock. Invoice method Manual on "
    "purpose: trayclock prices and invoices these lines (trayclock invoice)."
)
PARTNER_PREFIX = "trayclock:"
INVOICE_METHOD = "manual"


class TrytonBackend:
    """One Tryton database as trayclock's billing backend (see the module doc)."""

    name = "tryton"

    def __init__(self, rpc: TrytonRPC) -> None:
        self.rpc = rpc
        self._timesheet_works: dict[str, int] = {}  # project work id → its timesheet work
        self._product: tuple[int, Decimal] | None = None

    @classmethod
    def connect(cls, url: str, database: str, user: str, password: str) -> TrytonBackend:
        return cls(TrytonRPC(url, database, user, password))

    # -- connection --

    def test_connection(self) -> str:
        self.rpc.login()
        ctx = self.rpc.context
        if not ctx.get("company"):
            raise SettingsError(f"Tryton user {self.rpc.user} has no company")
        if not ctx.get("employee"):
            raise SettingsError(
                f"Tryton user {self.rpc.user} has no employee: timesheet lines need one"
            )
        self.product()
        return (
            f"Tryton {self.rpc.server_version()} at {self.rpc.url}, database "
            f"{self.rpc.database}: user {self.rpc.user}, company {ctx.get('company.rec_name')}, "
            f"employee {ctx.get('employee.rec_name')}"
        )

    def product(self) -> tuple[int, Decimal]:
        """The service product lines are sold as (id, list price per hour)."""
        if self._product is None:
            rows = self.rpc.search_read(
                "product.product",
                [["code", "=", PRODUCT_CODE]],
                ["id", "template.list_price", "type"],
                limit=1,
            )
            if not rows or rows[0].get("type") != "service":
                raise SettingsError(
                    f"Tryton has no service product with code {PRODUCT_CODE!r} "
                    "(sold by the hour; trayclock's lines and invoices use it)"
                )
            price = (rows[0].get("template.") or {}).get("list_price") or Decimal(0)
            self._product = (int(rows[0]["id"]), Decimal(price))
        return self._product

    # -- customers --

    def list_customers(self) -> list[RemoteCustomer]:
        works = self.rpc.search_read(
            "project.work",
            [*self._our_projects(), ["party", "!=", None]],
            ["id", "party", "party.name"],
            order=[("id", "ASC")],
        )
        partners = self._partners([int(w["party"]) for w in works])
        return [
            RemoteCustomer(
                customer_id=str(w["party"]),
                name=str((w.get("party.") or {}).get("name") or ""),
                ref=str(w["id"]),
                partners=partners.get(int(w["party"]), ()),
            )
            for w in works
        ]

    def ensure_customer(self, key: str, name: str, known: RemoteCustomer | None) -> RemoteCustomer:
        party: int | None = None
        if known is not None and known.ref:
            rows = self.rpc.search_read(
                "project.work", [["id", "=", int(known.ref)]], ["id", "party", "party.name"]
            )
            if rows and rows[0].get("party") is not None:
                return self._customer(rows[0])
        if known is not None and known.customer_id:
            found = self.rpc.search_read(
                "party.party", [["id", "=", int(known.customer_id)]], ["id"]
            )
            party = int(found[0]["id"]) if found else None
        if party is None:
            party = self._party_named(name)
        rows = self.rpc.search_read(
            "project.work",
            [*self._our_projects(), ["party", "=", party]],
            ["id", "party", "party.name"],
            order=[("id", "ASC")],
            limit=1,
        )
        if not rows:
            work = self._create_project(party, name)
            rows = self.rpc.search_read(
                "project.work", [["id", "=", work]], ["id", "party", "party.name"]
            )
        return self._customer(rows[0])

    def remember_partner(self, customer: RemoteCustomer, partner: Partner) -> None:
        party = int(customer.customer_id)
        name = f"{PARTNER_PREFIX}{partner.app}"
        rows = self.rpc.search_read(
            "party.contact_mechanism",
            [["party", "=", party], ["type", "=", "other"], ["name", "=", name],
             ["value", "=", partner.partner_id]],
            ["id", "comment"],
        )  # fmt: skip
        comment = partner.name or ""
        if not rows:
            self.rpc.create(
                "party.contact_mechanism",
                [{"party": party, "type": "other", "name": name,
                  "value": partner.partner_id, "comment": comment}],
            )  # fmt: skip
        elif comment and (rows[0].get("comment") or "") != comment:
            self.rpc.write("party.contact_mechanism", [int(rows[0]["id"])], {"comment": comment})

    def _our_projects(self) -> list[Any]:
        return [
            ["type", "=", "project"],
            ["company", "=", self.rpc.context.get("company")],
            ["comment", "like", lines.like_pattern(PROJECT_TAG)],
        ]

    def _customer(self, work: Mapping[str, Any]) -> RemoteCustomer:
        party = int(work["party"])
        return RemoteCustomer(
            customer_id=str(party),
            name=str((work.get("party.") or {}).get("name") or ""),
            ref=str(work["id"]),
            partners=self._partners([party]).get(party, ()),
        )

    def _party_named(self, name: str) -> int:
        """The party with exactly this name, created (with an address) when there is none."""
        rows = self.rpc.search_read("party.party", [["name", "=", name]], ["id"])
        if len(rows) > 1:
            ids = ", ".join(str(r["id"]) for r in rows)
            raise RefusedError(
                f"Tryton has {len(rows)} parties named {name!r} (ids {ids}): "
                "choose one for this customer in the settings"
            )
        if rows:
            return int(rows[0]["id"])
        (party,) = self.rpc.create("party.party", [{"name": name, "addresses": [["create", [{}]]]}])
        return party

    def _create_project(self, party: int, name: str) -> int:
        product, price = self.product()
        (work,) = self.rpc.create(
            "project.work",
            [
                {
                    "name": name,
                    "type": "project",
                    "company": self.rpc.context.get("company"),
                    "party": party,
                    "timesheet_available": True,
                    "product": product,
                    "list_price": price,
                    "project_invoice_method": INVOICE_METHOD,
                    "comment": PROJECT_COMMENT,
                }
            ],
        )
        return work

    def _partners(self, parties: Sequence[int]) -> dict[int, tuple[Partner, ...]]:
        if not parties:
            return {}
        rows = self.rpc.search_read(
            "party.contact_mechanism",
            [["party", "in", sorted(set(parties))], ["type", "=", "other"],
             ["name", "like", lines.like_pattern(PARTNER_PREFIX)]],
            ["party", "name", "value", "comment"],
            order=[("id", "ASC")],
        )  # fmt: skip
        found: dict[int, list[Partner]] = {}
        for row in rows:
            app = str(row.get("name") or "")
            if not app.startswith(PARTNER_PREFIX):
                continue
            found.setdefault(int(row["party"]), []).append(
                Partner(app[len(PARTNER_PREFIX) :], str(row["value"]), row.get("comment") or None)
            )
        return {party: tuple(items) for party, items in found.items()}

    # -- lines --

    def timesheet_work(self, ref: str | None, customer: str = "") -> int:
        """The timesheet work of a customer's project (cached)."""
        if not ref:
            raise RefusedError(f"customer {customer or '?'} has no Tryton project yet")
        if ref not in self._timesheet_works:
            self._load_timesheet_works([ref])
        return self._timesheet_works[ref]

    def _load_timesheet_works(self, refs: Iterable[str]) -> None:
        wanted = sorted({int(r) for r in refs if r not in self._timesheet_works})
        if not wanted:
            return
        rows = self.rpc.search_read(
            "project.work", [["id", "in", wanted]], ["id", "timesheet_works"]
        )
        for row in rows:
            if row.get("timesheet_works"):
                self._timesheet_works[str(row["id"])] = int(row["timesheet_works"][0])
        missing = [str(w) for w in wanted if str(w) not in self._timesheet_works]
        if missing:
            raise RefusedError(
                f"the Tryton project {', '.join(missing)} is gone or takes no timesheet "
                "lines: sync the customer again"
            )

    def find(self, entry_uuid: str) -> RemoteLine | None:
        found = self._rows_by_marker([entry_uuid])
        row = found.get(entry_uuid)
        return lines.remote_line(row) if row is not None else None

    def create(self, values: Sequence[LineValues]) -> list[RemoteLine]:
        """Create these lines in one call (atomic in Tryton: a refused line fails them all,
        as a RefusedError with Tryton's message). A line whose marker is already there — a
        create whose answer was lost — is returned as Tryton holds it, not made twice."""
        if not values:
            return []
        self._load_timesheet_works(v.customer_ref for v in values if v.customer_ref)
        records = {
            v.entry_uuid: lines.line_fields(v, self.timesheet_work(v.customer_ref, v.customer_name))
            for v in values
        }
        existing = self._rows_by_marker(list(records))
        missing = [uuid for uuid in records if uuid not in existing]
        if missing:
            ctx = self.rpc.context
            common = {"company": ctx.get("company"), "employee": ctx.get("employee")}
            try:
                ids = self.rpc.create(
                    lines.MODEL, [{**common, **records[uuid]} for uuid in missing]
                )
            except RefusedError as error:
                if len(missing) == 1:
                    raise RefusedError(f"entry {missing[0]}: {error}") from None
                raise RefusedError(
                    f"Tryton refused a line of a batch of {len(missing)}, so none was made "
                    f"(send them one by one to find it): {error}"
                ) from None
            created = self._rows(ids)
            existing.update(lines.by_entry(missing, created.values()))
        return [lines.remote_line(existing[v.entry_uuid]) for v in values]

    def update(self, remote: RemoteLine, values: LineValues) -> RemoteLine:
        """Write our fields, locked on `remote.version`. A stale lock is no conflict when
        the line changed only in fields we don't own (same `owned`: Tryton's invoicing);
        an invoiced line takes a new description but no new work, date or duration."""
        line_id = int(remote.remote_id)
        wanted = lines.line_fields(values, self.timesheet_work(values.customer_ref))
        version = remote.version
        current: dict[str, Any] | None = None
        if remote.invoiced or version is None:
            current = self._current(line_id)
            version = str(current["_timestamp"])
        for _attempt in range(2):
            changes = wanted if current is None else self._changes(current, wanted)
            if not changes:
                assert current is not None
                return lines.remote_line(current)
            try:
                lock = self._lock(line_id, version)
                self.rpc.write(lines.MODEL, [line_id], changes, context=lock)
                return lines.remote_line(self._current(line_id))
            except (ConflictError, RefusedError) as error:
                current = self._current(line_id)
                if lines.fingerprint(current) == lines.fingerprint(wanted):
                    return lines.remote_line(current)  # our write landed; its answer was lost
                if isinstance(error, RefusedError) and str(current["_timestamp"]) == version:
                    raise  # the line is as we locked it: Tryton refused our values
                if lines.fingerprint(current) != remote.owned:
                    raise ConflictError(
                        f"timesheet line {line_id} was changed in Tryton since trayclock wrote it",
                        lines.remote_line(current),
                    ) from None
                # Changed only in fields we don't own (invoiced since): go on, locked on the
                # new stamp; `_changes` decides what an invoiced line still takes.
                version = str(current["_timestamp"])
        raise ConflictError(f"timesheet line {line_id} keeps changing in Tryton")

    @staticmethod
    def _changes(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> dict[str, Any]:
        """The wanted fields that differ from the line as read; on an invoiced line a
        changed work, date or duration is a conflict (Tryton refuses even an unchanged
        duration in a write there, so only what differs is sent)."""
        if current.get("invoice_line") is not None:
            changed = lines.billed_changes(current, wanted)
            if changed:
                raise ConflictError(
                    f"timesheet line {current['id']} is invoiced in Tryton; its "
                    f"{', '.join(changed)} cannot change",
                    lines.remote_line(current),
                )
        differ = set(lines.billed_changes(current, wanted))
        differ.update(
            n for n in wanted if n not in lines.BILLED_FIELDS and current.get(n) != wanted[n]
        )
        return {name: value for name, value in wanted.items() if name in differ}

    def delete(self, remote: RemoteLine) -> None:
        """Make the entry's line absent: every line carrying its marker (and the line
        `remote` names), locked on what was read; nothing found is success. An invoiced
        line, or one changed in our fields since `remote`, is a conflict."""
        mine = int(remote.remote_id)
        domain: list[Any] = [["id", "=", mine]]
        if remote.entry_uuid:
            domain = [["OR", *domain, *lines.marker_domain([remote.entry_uuid])]]
        for _attempt in range(2):
            rows = self.rpc.search_read(lines.MODEL, domain, ["id", *lines.LINE_FIELDS])
            if not rows:
                return
            for row in rows:
                if row.get("invoice_line") is not None:
                    raise ConflictError(
                        f"timesheet line {row['id']} is invoiced in Tryton and cannot be deleted",
                        lines.remote_line(row),
                    )
                if (
                    int(row["id"]) == mine
                    and str(row["_timestamp"]) != remote.version
                    and lines.fingerprint(row) != remote.owned
                ):
                    raise ConflictError(
                        f"timesheet line {mine} was changed in Tryton since trayclock wrote it",
                        lines.remote_line(row),
                    )
            stamps = {int(r["id"]): str(r["_timestamp"]) for r in rows}
            try:
                self.rpc.delete(lines.MODEL, list(stamps), context=self._locks(stamps))
                return
            except ConflictError:
                continue  # changed between our read and the delete: look again
        raise ConflictError(f"timesheet line {mine} keeps changing in Tryton")

    # -- helpers --

    def _rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        rows = self.rpc.search_read(
            lines.MODEL, [["id", "in", list(ids)]], ["id", *lines.LINE_FIELDS]
        )
        return {int(r["id"]): r for r in rows}

    def _rows_by_marker(self, entry_uuids: Sequence[str]) -> dict[str, Mapping[str, Any]]:
        rows = self.rpc.search_read(
            lines.MODEL, lines.marker_domain(entry_uuids), ["id", *lines.LINE_FIELDS]
        )
        return lines.by_entry(entry_uuids, rows)

    def _current(self, line_id: int) -> dict[str, Any]:
        row = self._rows([line_id]).get(line_id)
        if row is None:
            raise ConflictError(f"timesheet line {line_id} was deleted in Tryton", None)
        return row

    @staticmethod
    def _lock(line_id: int, version: str | None) -> dict[str, Any]:
        return {"_timestamp": {f"{lines.MODEL},{line_id}": version}} if version else {}

    @staticmethod
    def _locks(stamps: Mapping[int, str]) -> dict[str, Any]:
        return {"_timestamp": {f"{lines.MODEL},{i}": v for i, v in stamps.items()}}


__all__ = ["PRODUCT_CODE", "TrytonBackend", "marker"]
