"""The Tryton 8.2 adapter: trayclock's entries as timesheet lines of its customers'
projects (sync/tryton_customers.py), over JSON-RPC (sync/tryton_rpc.py), to the contract of
sync/backend.py.

The projects' invoice method is "Manual" on purpose: trayclock's engine is the billing
authority (overlaps, free thresholds, minimums, after-hours, hours banks), so Tryton's own
project invoicing, which would price these lines at list price × hours, must never invoice
them — with "Manual" its Invoice button is refused, over RPC too. `trayclock invoice`
(sync/tryton_invoice.py) makes the draft invoice and links the lines to it; a linked line
is "invoiced": Tryton then refuses a new duration or work and its deletion, and trayclock
treats a new date the same (a conflict for a person); the description still changes.

Linking changes a line's `_timestamp` but none of the fields trayclock owns, so update and
delete compare the line's fingerprint (`RemoteLine.owned`) before calling a stale lock a
conflict.
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
)
from trayclock.sync.reasons import Code, reason
from trayclock.sync.tryton_customers import TrytonCustomers
from trayclock.sync.tryton_rpc import TrytonRPC

PRODUCT_CODE = "trayclock-support"  # the service product sold by the hour (the setup's)
MARKERS_PER_SEARCH = 100


class TrytonBackend:
    """One Tryton database as trayclock's billing backend (see the module doc)."""

    name = "tryton"

    def __init__(self, rpc: TrytonRPC) -> None:
        self.rpc = rpc
        self._timesheet_works: dict[str, int] = {}  # project work id → its timesheet work
        self._product: tuple[int, Decimal] | None = None
        self.customers = TrytonCustomers(rpc, self.product)

    @classmethod
    def connect(cls, url: str, database: str, user: str, password: str) -> TrytonBackend:
        return cls(TrytonRPC(url, database, user, password))

    # -- connection --

    def test_connection(self) -> str:
        self.rpc.login()
        ctx = self.rpc.context
        if not ctx.get("company"):
            raise SettingsError(reason(Code.TRYTON_NO_COMPANY, user=self.rpc.user))
        if not ctx.get("employee"):
            raise SettingsError(reason(Code.TRYTON_NO_EMPLOYEE, user=self.rpc.user))
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
                raise SettingsError(reason(Code.TRYTON_NO_PRODUCT, code=PRODUCT_CODE))
            price = (rows[0].get("template.") or {}).get("list_price") or Decimal(0)
            self._product = (int(rows[0]["id"]), Decimal(price))
        return self._product

    # -- customers (sync/tryton_customers.py) --

    def list_customers(self) -> list[RemoteCustomer]:
        return self.customers.all()

    def ensure_customer(self, key: str, name: str, known: RemoteCustomer | None) -> RemoteCustomer:
        # Tryton keys parties by id; trayclock's key stays in trayclock (external_ids).
        return self.customers.ensure(name, known)

    def remember_partner(self, customer: RemoteCustomer, partner: Partner) -> None:
        self.customers.remember_partner(customer, partner)

    # -- lines --

    def timesheet_work(self, ref: str | None, customer: str = "") -> int:
        """The timesheet work of a customer's project (cached)."""
        if not ref:
            raise RefusedError(reason(Code.NO_TRYTON_PROJECT, customer=customer or "?"))
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
            raise RefusedError(reason(Code.TRYTON_PROJECT_GONE, projects=", ".join(missing)))

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
                    raise  # the line's own refusal, said as Tryton said it
                raise RefusedError(
                    reason(Code.TRYTON_BATCH_REFUSED, count=len(missing), cause=error.reason)
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
                        reason(Code.LINE_CHANGED, line=line_id), lines.remote_line(current)
                    ) from None
                # Changed only in fields we don't own (invoiced since): go on, locked on the
                # new stamp; `_changes` decides what an invoiced line still takes.
                version = str(current["_timestamp"])
        raise ConflictError(reason(Code.LINE_KEEPS_CHANGING, line=line_id))

    @staticmethod
    def _changes(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> dict[str, Any]:
        """The wanted fields that differ from the line as read; on an invoiced line a
        changed work, date or duration is a conflict (Tryton refuses even an unchanged
        duration in a write there, so only what differs is sent)."""
        if current.get("invoice_line") is not None:
            changed = lines.billed_changes(current, wanted)
            if changed:
                raise ConflictError(
                    reason(Code.LINE_INVOICED, line=current["id"], fields=", ".join(changed)),
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
                        reason(Code.LINE_INVOICED_NO_DELETE, line=row["id"]),
                        lines.remote_line(row),
                    )
                if (
                    int(row["id"]) == mine
                    and str(row["_timestamp"]) != remote.version
                    and lines.fingerprint(row) != remote.owned
                ):
                    raise ConflictError(
                        reason(Code.LINE_CHANGED, line=mine), lines.remote_line(row)
                    )
            stamps = {int(r["id"]): str(r["_timestamp"]) for r in rows}
            try:
                self.rpc.delete(lines.MODEL, list(stamps), context=self._locks(stamps))
                return
            except ConflictError:
                continue  # changed between our read and the delete: look again
        raise ConflictError(reason(Code.LINE_KEEPS_CHANGING, line=mine))

    def owned_of(self, values: LineValues) -> str | None:
        work = self.timesheet_work(values.customer_ref, values.customer_name)
        return lines.fingerprint(lines.line_fields(values, work))

    # -- helpers --

    def _rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        rows = self.rpc.search_read(
            lines.MODEL, [["id", "in", list(ids)]], ["id", *lines.LINE_FIELDS]
        )
        return {int(r["id"]): r for r in rows}

    def _rows_by_marker(self, entry_uuids: Sequence[str]) -> dict[str, Mapping[str, Any]]:
        # A few markers per query: SQLite refuses an OR of 1,000 LIKEs (expression too deep;
        # trytond answers 503), and a shorter query is cheap.
        rows: list[dict[str, Any]] = []
        for i in range(0, len(entry_uuids), MARKERS_PER_SEARCH):
            chunk = entry_uuids[i : i + MARKERS_PER_SEARCH]
            rows += self.rpc.search_read(
                lines.MODEL, lines.marker_domain(chunk), ["id", *lines.LINE_FIELDS]
            )
        return lines.by_entry(entry_uuids, rows)

    def _current(self, line_id: int) -> dict[str, Any]:
        row = self._rows([line_id]).get(line_id)
        if row is None:
            raise ConflictError(reason(Code.LINE_DELETED, line=line_id), None)
        return row

    @staticmethod
    def _lock(line_id: int, version: str | None) -> dict[str, Any]:
        return {"_timestamp": {f"{lines.MODEL},{line_id}": version}} if version else {}

    @staticmethod
    def _locks(stamps: Mapping[int, str]) -> dict[str, Any]:
        return {"_timestamp": {f"{lines.MODEL},{i}": v for i, v in stamps.items()}}
