"""Customers in a real Tryton: a party with an address and trayclock's own project, matched
by name on first sync, and the partner IDs the team learned, shared through the party."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from trayclock.sync.backend import Partner, RefusedError
from trayclock.sync.tryton import TrytonBackend
from trayclock.sync.tryton_customers import PROJECT_TAG
from trayclock.sync.tryton_rpc import TrytonRPC

pytestmark = pytest.mark.integration

Names = Callable[[str], str]


def test_a_new_customer_becomes_a_party_and_a_project_invoiced_manually(
    backend: TrytonBackend, rpc: TrytonRPC, unique_name: Names
) -> None:
    name = unique_name("Acme")
    customer = backend.ensure_customer("acme", name, None)
    (party,) = rpc.read("party.party", [int(customer.customer_id)], ["name", "addresses"])
    assert party["name"] == name and len(party["addresses"]) == 1
    (work,) = rpc.read(
        "project.work",
        [int(customer.ref or 0)],
        ["type", "party", "timesheet_works", "project_invoice_method", "product", "comment"],
    )
    assert work["type"] == "project" and work["party"] == int(customer.customer_id)
    assert work["project_invoice_method"] == "manual"
    assert len(work["timesheet_works"]) == 1 and work["product"] is not None
    assert PROJECT_TAG in work["comment"]
    assert customer.name == name


def test_ensure_is_idempotent_with_and_without_what_was_known(
    backend: TrytonBackend, unique_name: Names
) -> None:
    name = unique_name("Beta")
    first = backend.ensure_customer("beta", name, None)
    assert backend.ensure_customer("beta", name, None) == first
    assert backend.ensure_customer("beta", name, first) == first


def test_an_existing_party_is_matched_by_name_and_its_office_projects_left_alone(
    backend: TrytonBackend, rpc: TrytonRPC, unique_name: Names
) -> None:
    name = unique_name("Gamma")
    (party,) = rpc.create("party.party", [{"name": name}])
    (office,) = rpc.create(
        "project.work",
        [{"name": f"{name} website", "type": "project", "party": party,
          "company": rpc.context["company"], "project_invoice_method": "manual"}],
    )  # fmt: skip
    customer = backend.ensure_customer("gamma", name, None)
    assert customer.customer_id == str(party)
    assert customer.ref != str(office)
    refs = {c.ref for c in backend.list_customers() if c.customer_id == str(party)}
    assert refs == {customer.ref}


def test_two_parties_of_one_name_are_refused_naming_them(
    backend: TrytonBackend, rpc: TrytonRPC, unique_name: Names
) -> None:
    name = unique_name("Delta")
    ids = rpc.create("party.party", [{"name": name}, {"name": name}])
    with pytest.raises(RefusedError, match=f"2 parties named .*ids {ids[0]}, {ids[1]}"):
        backend.ensure_customer("delta", name, None)


def test_a_known_customer_whose_project_was_deleted_gets_a_new_one(
    backend: TrytonBackend, rpc: TrytonRPC, unique_name: Names
) -> None:
    name = unique_name("Epsilon")
    first = backend.ensure_customer("eps", name, None)
    rpc.delete("project.work", [int(first.ref or 0)])
    again = backend.ensure_customer("eps", name, first)
    assert again.customer_id == first.customer_id and again.ref != first.ref


def test_partners_learned_by_one_technician_are_read_by_another(
    backend: TrytonBackend, rpc: TrytonRPC, unique_name: Names
) -> None:
    name = unique_name("Zeta")
    customer = backend.ensure_customer("zeta", name, None)
    reception = Partner("teamviewer", "123 456 789", "Reception PC")
    backend.remember_partner(customer, reception)
    backend.remember_partner(customer, reception)  # idempotent
    backend.remember_partner(customer, Partner("anydesk", "987654321"))
    backend.remember_partner(customer, Partner("teamviewer", "123 456 789", "Front desk"))
    mechanisms = rpc.search_read(
        "party.contact_mechanism",
        [["party", "=", int(customer.customer_id)]],
        ["type", "name", "value", "comment"],
        order=[("id", "ASC")],
    )
    assert [(m["type"], m["name"], m["value"], m["comment"]) for m in mechanisms] == [
        ("other", "trayclock:teamviewer", "123 456 789", "Front desk"),
        ("other", "trayclock:anydesk", "987654321", ""),
    ]
    second_technician = TrytonBackend(rpc)
    (seen,) = [c for c in second_technician.list_customers() if c.ref == customer.ref]
    assert seen.partners == (
        Partner("teamviewer", "123 456 789", "Front desk"),
        Partner("anydesk", "987654321", None),
    )
