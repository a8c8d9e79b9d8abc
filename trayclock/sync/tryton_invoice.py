"""One customer's priced month as a DRAFT customer invoice in Tryton whose total is
trayclock's, to the cent — made once per customer and month, brought up to date after.

Lines a customer can read: one per priced entry, "date start–end · ticket · billed h:mm"
(and after-hours, contract draws, why nothing is charged), quantity 1 at the engine's amount,
so Tryton's arithmetic (quantity × unit price, rounded) cannot move a cent. No product and so
no taxes on these lines: the engine prices net amounts, and the draft must total exactly them.

Tryton treats a timesheet line as invoiced when its `invoice_line` is set, a field only
Tryton's own project invoicing writes. So the lines are linked by that machinery, bounded:
the project's invoice method is switched to "On Timesheet" up to the month's last day, its
Invoice button run, the resulting invoice line set to unit price 0 ("the time worked on the
timesheet; charged line by line above") and moved into the draft, and the method switched
back to "Manual". Lines of earlier months not invoiced yet, or lines trayclock did not price,
would be swept in too: they make the call refuse, naming them.

Found again by the marker `[trayclock-invoice:<customer key>:<YYYY-MM>]` in the draft's
description and in the note (not printed) of every line trayclock put on it. Run again, it
creates, changes or removes only its own readable lines (lines added by hand stay) and
links lines synced since. An entry dropped from the month after it was linked loses its
readable line (it is charged no more) but stays linked: Tryton offers no way to unlink.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, tzinfo
from decimal import Decimal
from typing import Any

from trayclock.sync import tryton_lines as lines
from trayclock.sync.backend import RefusedError, RemoteCustomer, SettingsError, marker
from trayclock.sync.reasons import Code, reason
from trayclock.sync.tryton import TrytonBackend
from trayclock.sync.tryton_invoice_items import (
    InvoiceItem,
    InvoiceResult,
    invoice_marker,
    item_text,
    month_bounds,
)

LINKED_TEXT = "Time worked, as on the timesheet (charged line by line above)"
MIN_LINKABLE_S = 36  # Tryton invoices timesheet hours rounded to 0.01 h; less is 0 h
MONEY = Decimal("0.01")
SHOWN_AT_MOST = 5  # lines named in a refusal


def invoice_month(
    backend: TrytonBackend,
    customer: RemoteCustomer,
    customer_key: str,
    month: date,
    items: Sequence[InvoiceItem],
    *,
    zone: tzinfo,
    currency: str,
) -> InvoiceResult:
    """Create or update the customer's draft invoice for the month (see the module doc).
    `items` are all the customer's priced entries of the month (in `zone`); each must be in
    Tryton already. RefusedError names what stands in the way."""
    return _MonthInvoice(backend, customer, customer_key, month, zone).run(items, currency)


class _MonthInvoice:
    def __init__(
        self,
        backend: TrytonBackend,
        customer: RemoteCustomer,
        customer_key: str,
        month: date,
        zone: tzinfo,
    ) -> None:
        if not customer.ref:
            raise RefusedError(reason(Code.NO_TRYTON_PROJECT, customer=customer.name))
        self.backend = backend
        self.rpc = backend.rpc
        self.customer = customer
        self.month = month
        self.ym = f"{month:%Y-%m}"  # the month as messages name it
        self.first, self.last = month_bounds(month)
        self.zone = zone
        self.mark = invoice_marker(customer_key, month)
        self.work = int(customer.ref)

    def run(self, items: Sequence[InvoiceItem], currency: str) -> InvoiceResult:
        self._check_items(items, currency)
        work = self._read_work()
        self.party = int(work["party"])
        self.timesheet_works = [int(w) for w in work["timesheet_works"]]
        if work.get("project_invoice_method") != "manual":  # a run that died half-way
            self._restore_manual()
        draft = self._our_invoice()
        rows = self._timesheet_rows(items)
        unlinked: tuple[str, ...] = ()
        to_link = [r for r in rows.values() if r.get("invoice_line") is None]
        if to_link:
            if sum(r["duration"].total_seconds() for r in to_link) >= MIN_LINKABLE_S:
                self._link(to_link)
                rows = self._timesheet_rows(items)
            else:
                unlinked = tuple(
                    sorted(lines.entry_uuid_of(r["description"]) or "" for r in to_link)
                )
        drafts = self._drafts_holding(rows.values())
        created = draft is None
        if draft is None:
            draft = min(drafts) if drafts else self._new_invoice()
        self._gather(draft, drafts, rows.values())
        readable = self._write_lines(draft, items, rows.values())
        total = self._total(draft)
        return InvoiceResult(
            invoice_id=draft,
            created=created,
            total=total,
            trayclock_total=sum((i.amount for i in items), Decimal("0.00")),
            lines=readable,
            linked=sum(1 for r in rows.values() if r.get("invoice_line") is not None),
            unlinked=unlinked,
            linked_entries=tuple(sorted(u for u, r in rows.items() if r.get("invoice_line"))),
        )

    # -- checks --

    def _check_items(self, items: Sequence[InvoiceItem], currency: str) -> None:
        seen: set[str] = set()
        for item in items:
            day = item.start.astimezone(self.zone).date()
            if not self.first <= day <= self.last:
                why = reason(
                    Code.ENTRY_OUTSIDE_MONTH, entry=item.entry_uuid, day=day, month=self.ym
                )
                raise RefusedError(why)
            if item.entry_uuid in seen:
                raise RefusedError(reason(Code.ENTRY_TWICE, entry=item.entry_uuid))
            if item.amount != item.amount.quantize(MONEY):
                why = reason(Code.AMOUNT_NOT_CENTS, entry=item.entry_uuid, amount=item.amount)
                raise RefusedError(why)
            seen.add(item.entry_uuid)
        ctx = self.rpc.context
        (company,) = self.rpc.read("company.company", [ctx["company"]], ["currency.code"])
        theirs = (company.get("currency.") or {}).get("code")
        if theirs != currency:
            raise RefusedError(reason(Code.CURRENCY_DIFFERS, theirs=theirs, ours=currency))

    def _read_work(self) -> dict[str, Any]:
        rows = self.rpc.search_read(
            "project.work",
            [["id", "=", self.work]],
            ["party", "timesheet_works", "project_invoice_method"],
        )
        if not rows or rows[0].get("party") is None or not rows[0].get("timesheet_works"):
            raise RefusedError(
                reason(Code.INVOICE_PROJECT_GONE, project=self.work, customer=self.customer.name)
            )
        return rows[0]

    def _our_invoice(self) -> int | None:
        """The month's invoice trayclock made, if any; refuses once it left draft."""
        pattern = lines.like_pattern(self.mark)
        rows = self.rpc.search_read(
            "account.invoice",
            [["type", "=", "out"], ["party", "=", self.party],
             ["OR", ["description", "like", pattern], ["lines.note", "like", pattern]]],
            ["id", "state", "number"],
            order=[("id", "ASC")],
        )  # fmt: skip
        for row in rows:
            if row["state"] != "draft":
                number = row.get("number") or row["id"]
                raise RefusedError(
                    reason(Code.INVOICE_ALREADY, customer=self.customer.name, month=self.ym,
                           state=row["state"], number=number)
                )  # fmt: skip
        if len(rows) > 1:
            ids = ", ".join(str(r["id"]) for r in rows)
            raise RefusedError(
                reason(Code.DRAFTS_ALIKE, count=len(rows), customer=self.customer.name,
                       month=self.ym, ids=ids)
            )  # fmt: skip
        return int(rows[0]["id"]) if rows else None

    def _timesheet_rows(self, items: Sequence[InvoiceItem]) -> dict[str, dict[str, Any]]:
        """The month's lines of these items; refuses when one is missing, when Tryton holds
        lines up to the month's end that are not invoiced and not ours to invoice now, or
        when one of ours is already on an invoice past draft."""
        rows = self.rpc.search_read(
            lines.MODEL,
            [["work", "in", self.timesheet_works], ["date", "<=", self.last],
             ["OR", ["invoice_line", "=", None], ["date", ">=", self.first]]],
            ["id", *lines.LINE_FIELDS, "invoice_line.invoice"],
            order=[("date", "ASC"), ("id", "ASC")],
        )  # fmt: skip
        wanted = [i.entry_uuid for i in items]
        ours = lines.by_entry(wanted, rows)
        missing = [u for u in wanted if u not in ours]
        if missing:
            shown = ", ".join(missing[:SHOWN_AT_MOST])
            raise RefusedError(reason(Code.LINES_NOT_IN_TRYTON, count=len(missing), entries=shown))
        mine = {int(r["id"]) for r in ours.values()}
        strangers = [r for r in rows if r.get("invoice_line") is None and int(r["id"]) not in mine]
        if strangers:
            shown = "; ".join(
                f"{r['id']} ({r['date']}: {str(r.get('description') or '')[:60]})"
                for r in strangers[:SHOWN_AT_MOST]
            )
            raise RefusedError(
                reason(Code.STRANGER_LINES, count=len(strangers), customer=self.customer.name,
                       last=self.last, lines=shown)
            )  # fmt: skip
        self._refuse_invoiced_elsewhere(ours)
        return {u: dict(r) for u, r in ours.items()}

    def _refuse_invoiced_elsewhere(self, ours: Mapping[str, Mapping[str, Any]]) -> None:
        invoices = {
            int((r.get("invoice_line.") or {})["invoice"])
            for r in ours.values()
            if r.get("invoice_line") is not None and (r.get("invoice_line.") or {}).get("invoice")
        }
        if not invoices:
            return
        for row in self.rpc.read("account.invoice", sorted(invoices), ["state", "number"]):
            if row["state"] != "draft":
                number = row.get("number") or row["id"]
                raise RefusedError(
                    reason(Code.ALREADY_ON_INVOICE, customer=self.customer.name, month=self.ym,
                           number=number, state=row["state"])
                )  # fmt: skip

    # -- linking --

    def _link(self, to_link: Sequence[Mapping[str, Any]]) -> None:
        """Tryton's own invoicing, bounded to the month, links these lines (module doc)."""
        self.rpc.write(
            "project.work",
            [self.work],
            {"project_invoice_method": "timesheet", "project_invoice_timesheet_up_to": self.last},
        )
        try:
            self.rpc.execute("project.work", "invoice", [self.work])
        finally:
            linked = self.rpc.read(lines.MODEL, [int(r["id"]) for r in to_link], ["invoice_line"])
            made = sorted({int(r["invoice_line"]) for r in linked if r.get("invoice_line")})
            if made:  # priced at 0 before "Manual" again: Tryton locks the method otherwise
                self.rpc.write(
                    "account.invoice.line",
                    made,
                    {"unit_price": Decimal(0), "description": LINKED_TEXT, "note": self.mark},
                )
            self._restore_manual()

    def _restore_manual(self) -> None:
        self.rpc.write(
            "project.work",
            [self.work],
            {"project_invoice_method": "manual", "project_invoice_timesheet_up_to": None},
        )

    @staticmethod
    def _drafts_holding(rows: Iterable[Mapping[str, Any]]) -> list[int]:
        return sorted(
            {
                int(r["invoice_line."]["invoice"])
                for r in rows
                if r.get("invoice_line") is not None and r.get("invoice_line.")
            }
        )

    def _gather(self, draft: int, drafts: Sequence[int], rows: Iterable[Mapping[str, Any]]) -> None:
        """Our linked invoice lines into `draft`; the drafts they leave empty deleted."""
        linked = sorted({int(r["invoice_line"]) for r in rows if r.get("invoice_line") is not None})
        others = [d for d in drafts if d != draft]
        if others:
            self.rpc.write("account.invoice.line", linked, {"invoice": draft})
            left = self.rpc.search_read(
                "account.invoice.line", [["invoice", "in", others]], ["invoice"]
            )
            empty = set(others) - {int(r["invoice"]) for r in left}
            if empty:
                self.rpc.delete("account.invoice", sorted(empty))
        (invoice,) = self.rpc.read("account.invoice", [draft], ["description"])
        if self.mark not in str(invoice.get("description") or ""):
            self.rpc.write(
                "account.invoice",
                [draft],
                {"description": f"Remote support {self.month:%Y-%m} {self.mark}"},
            )

    def _new_invoice(self) -> int:
        """A draft made here, for a month with nothing Tryton could link."""
        ctx = self.rpc.context
        (party,) = self.rpc.read(
            "party.party", [self.party], ["account_receivable", "customer_payment_term"]
        )
        (config,) = self.rpc.read(
            "account.configuration",
            [1],
            ["default_account_receivable", "default_customer_payment_term"],
        )
        account = party.get("account_receivable") or config.get("default_account_receivable")
        if account is None:
            raise SettingsError(reason(Code.NO_RECEIVABLE_ACCOUNT))
        addresses = self.rpc.search_read(
            "party.address", [["party", "=", self.party]], ["id"], order=[("id", "ASC")], limit=1
        )
        journals = self.rpc.search_read(
            "account.journal", [["type", "=", "revenue"]], ["id"], limit=1
        )
        (company,) = self.rpc.read("company.company", [ctx["company"]], ["currency"])
        (invoice,) = self.rpc.create(
            "account.invoice",
            [
                {
                    "company": ctx["company"],
                    "type": "out",
                    "party": self.party,
                    "invoice_address": addresses[0]["id"] if addresses else None,
                    "currency": company["currency"],
                    "account": account,
                    "journal": journals[0]["id"] if journals else None,
                    "payment_term": party.get("customer_payment_term")
                    or config.get("default_customer_payment_term"),
                    "description": f"Remote support {self.month:%Y-%m} {self.mark}",
                }
            ],
        )
        return invoice

    # -- the readable lines --

    def _write_lines(
        self, draft: int, items: Sequence[InvoiceItem], rows: Iterable[Mapping[str, Any]]
    ) -> int:
        ordered = sorted(items, key=lambda i: (i.start, i.entry_uuid))
        account = self._revenue_account()
        wanted: dict[str, dict[str, Any]] = {}
        for sequence, item in enumerate(ordered, start=1):
            wanted[marker(item.entry_uuid)] = {
                "type": "line",
                "quantity": 1.0,
                "unit_price": item.amount,
                "account": account,
                "description": item_text(item, self.zone),
                "note": f"{self.mark} {marker(item.entry_uuid)}",
                "sequence": sequence,
            }
        linked = {int(r["invoice_line"]) for r in rows if r.get("invoice_line") is not None}
        present = self.rpc.search_read(
            "account.invoice.line",
            [["invoice", "=", draft]],
            ["id", "type", "quantity", "unit_price", "account", "description", "note", "sequence"],
        )
        stale: list[int] = []
        for line in present:
            if int(line["id"]) in linked:
                self._keep_linked(line, len(ordered) + 1)
                continue
            key = lines.entry_uuid_of(line.get("note"))
            if key is None or self.mark not in str(line.get("note") or ""):
                continue  # a line someone added by hand: theirs
            values = wanted.pop(marker(key), None)
            if values is None:
                stale.append(int(line["id"]))
                continue
            changes = {k: v for k, v in values.items() if line.get(k) != v}
            if changes:
                self.rpc.write("account.invoice.line", [int(line["id"])], changes)
        if stale:
            self.rpc.delete("account.invoice.line", stale)
        if wanted:
            self.rpc.create(
                "account.invoice.line", [{"invoice": draft, **v} for v in wanted.values()]
            )
        return len(ordered)

    def _keep_linked(self, line: Mapping[str, Any], sequence: int) -> None:
        wanted = {"unit_price": Decimal(0), "description": LINKED_TEXT, "note": self.mark,
                  "sequence": sequence}  # fmt: skip
        changes = {k: v for k, v in wanted.items() if line.get(k) != v}
        if changes:
            self.rpc.write("account.invoice.line", [int(line["id"])], changes)

    def _revenue_account(self) -> int:
        product, _ = self.backend.product()
        (row,) = self.rpc.read("product.product", [product], ["template.account_category"])
        category = (row.get("template.") or {}).get("account_category")
        account = None
        if category is not None:
            (cat,) = self.rpc.read("product.category", [int(category)], ["account_revenue"])
            account = cat.get("account_revenue")
        if account is None:
            raise SettingsError(reason(Code.NO_REVENUE_ACCOUNT))
        return int(account)

    def _total(self, draft: int) -> Decimal:
        (row,) = self.rpc.read("account.invoice", [draft], ["total_amount"])
        return Decimal(row["total_amount"])
