"""trayclock's customers in Tryton: a `party.party` (with an address, for invoicing) and one
`project.work` of type project that trayclock made for it — tagged `[trayclock]` in its
comment, so office projects of the same party are never touched — timesheet available,
with the service product sold by the hour, invoice method "Manual" (sync/tryton.py says
why). Matched by the party's exact name on first sync, created when missing.

Partner IDs the team learned live on the party as contact mechanisms of type "other",
named `trayclock:<app>`, the partner ID as value and the partner's name as comment: a
remote-desktop ID is a way to reach the customer, and unlike identifiers (legal and tax
numbers, which the party's name search also matches) contact mechanisms take free text and
a name. Every technician's trayclock reads them back with the customers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from trayclock.sync import tryton_lines as lines
from trayclock.sync.backend import Partner, RefusedError, RemoteCustomer
from trayclock.sync.reasons import Code, reason
from trayclock.sync.tryton_rpc import TrytonRPC

PROJECT_TAG = "[trayclock]"
PROJECT_COMMENT = (
    f"{PROJECT_TAG} Remote support time recorded by trayclock. Invoice method Manual on "
    "purpose: trayclock prices and invoices these lines (trayclock invoice)."
)
PARTNER_PREFIX = "trayclock:"
# Tryton's own project invoicing stays off: trayclock's engine is the billing authority.
INVOICE_METHOD = "manual"


class TrytonCustomers:
    """Customers and partner IDs of one Tryton database; `product` gives the service
    product (id, list price) new projects sell."""

    def __init__(self, rpc: TrytonRPC, product: Callable[[], tuple[int, Decimal]]) -> None:
        self.rpc = rpc
        self.product = product

    def all(self) -> list[RemoteCustomer]:
        """Every party with a trayclock project, with its partners."""
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

    def ensure(self, name: str, known: RemoteCustomer | None) -> RemoteCustomer:
        """`known` if its project is still there, else the party named `name` (created
        when there is none) with trayclock's project (created when missing)."""
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
        """One contact mechanism per (app, partner ID); a new name updates its comment."""
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
                reason(Code.TRYTON_PARTIES_ALIKE, count=len(rows), name=name, ids=ids)
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
