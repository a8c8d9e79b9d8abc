"""What importing a company settings file would change, and importing it (all or nothing).

The file is the company's word on what it lists: its policy replaces the company policy,
its customers are created or brought up to its terms (matched by billing key), a customer it
marks `archived` is archived here ("removed": customers are never deleted, their entries
stay), and its partner IDs map to its customers, moving a partner this computer had with
another customer. What the file does not list stays as it is: customers made on this
computer, the partners it remembered. A partner's last seen name is kept when the file
has none. After an import the first-start setup is not offered: the rules came with it.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from trayclock.domain.entry import Customer
from trayclock.services.rollout import CustomerSpec, Rollout
from trayclock.services.settings_judge import effective_policy
from trayclock.services.ui_prefs import FIRST_START, FIRST_START_DONE, ui_settings
from trayclock.store import customers, mappings, settings
from trayclock.store.db import transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class CustomerChange:
    key: str
    name: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class PartnerMove:
    app: str
    partner_id: str
    old_customer: str | None  # its name here; None: a partner this computer did not know
    new_customer: str


@dataclass(frozen=True, slots=True)
class RolloutPlan:
    policy: tuple[FieldChange, ...] = ()
    added: tuple[CustomerSpec, ...] = ()
    changed: tuple[CustomerChange, ...] = ()
    removed: tuple[CustomerChange, ...] = ()  # archived by the file
    partners_added: tuple[PartnerMove, ...] = ()
    partners_moved: tuple[PartnerMove, ...] = ()
    kept_here: tuple[str, ...] = ()  # customers only this computer has (names)
    same_names: tuple[tuple[str, str], ...] = field(default=())  # (file key, local key)

    @property
    def empty(self) -> bool:
        return not (
            self.policy
            or self.added
            or self.changed
            or self.removed
            or self.partners_added
            or self.partners_moved
        )


def _policy_changes(stored: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    old_all, new_all = effective_policy(stored), effective_policy(new)
    return tuple(
        FieldChange(name, old_all.get(name), new_all.get(name))
        for name in sorted(set(old_all) | set(new_all))
        if old_all.get(name) != new_all.get(name)
    )


def _customer_changes(known: Customer, spec: CustomerSpec) -> tuple[FieldChange, ...]:
    changes = []
    if known.name != spec.name:
        changes.append(FieldChange("name", known.name, spec.name))
    for name in sorted(set(known.policy) | set(spec.policy)):
        if known.policy.get(name) != spec.policy.get(name):
            changes.append(
                FieldChange(f"policy.{name}", known.policy.get(name), spec.policy.get(name))
            )
    if (known.contract or None) != (spec.contract or None):
        changes.append(FieldChange("contract", known.contract, spec.contract))
    external = {**known.external_ids, **spec.external_ids}
    if external != known.external_ids:
        changes.append(FieldChange("external_ids", known.external_ids, external))
    if known.archived and not spec.archived:
        changes.append(FieldChange("archived", True, False))
    return tuple(changes)


def plan_import(conn: sqlite3.Connection, rollout: Rollout) -> RolloutPlan:
    """What `apply_import` would change in this store (read-only)."""
    existing = {c.key: c for c in customers.list_all(conn, include_archived=True)}
    by_id = {c.id: c for c in existing.values()}
    local_names = {c.name.casefold(): c.key for c in existing.values()}
    added, changed, removed, same_names = [], [], [], []
    for spec in rollout.customers:
        known = existing.get(spec.key)
        if known is None:
            added.append(spec)
            twin = local_names.get(spec.name.casefold())
            if twin is not None:
                same_names.append((spec.key, twin))
            continue
        changes = _customer_changes(known, spec)
        if spec.archived and not known.archived:
            removed.append(CustomerChange(spec.key, spec.name, changes))
        elif changes:
            changed.append(CustomerChange(spec.key, spec.name, changes))
    partners_added, partners_moved = [], []
    for spec in rollout.customers:
        for partner in spec.partners:
            mapped = mappings.lookup(conn, partner.app, partner.partner_id)
            owner = by_id.get(mapped.customer_id) if mapped is not None else None
            move = PartnerMove(
                partner.app, partner.partner_id, owner.name if owner else None, spec.name
            )
            if owner is None:
                partners_added.append(move)
            elif owner.key != spec.key:
                partners_moved.append(move)
    listed = {spec.key for spec in rollout.customers}
    kept = tuple(
        sorted(c.name for c in existing.values() if c.key not in listed and not c.archived)
    )
    return RolloutPlan(
        _policy_changes(settings.policy(conn), rollout.policy),
        tuple(added),
        tuple(changed),
        tuple(removed),
        tuple(partners_added),
        tuple(partners_moved),
        kept,
        tuple(same_names),
    )


def apply_import(
    conn: sqlite3.Connection, rollout: Rollout, *, now: datetime, label: str
) -> RolloutPlan:
    """Import the checked file in one transaction; returns what changed."""
    with transaction(conn):
        plan = plan_import(conn, rollout)
        if rollout.policy != settings.policy(conn):
            settings.set_policy(conn, rollout.policy, now=now)
        for spec in rollout.customers:
            known = customers.by_key(conn, spec.key)
            customer = customers.upsert(
                conn,
                spec.key,
                spec.name,
                now=now,
                external_ids={**(known.external_ids if known else {}), **spec.external_ids},
                policy=spec.policy,
                contract=spec.contract,
                archived=spec.archived,
            )
            for partner in spec.partners:
                mappings.remember(
                    conn, partner.app, partner.partner_id, customer.id,
                    partner_name=partner.name, now=now,
                )  # fmt: skip
        ui = ui_settings(conn)
        if FIRST_START not in ui:
            settings.put(conn, settings.UI, {**ui, FIRST_START: FIRST_START_DONE}, now=now)
    log.info(
        "imported company settings from %s: policy fields changed %d, customers added %d, "
        "changed %d, archived %d, partners added %d, moved %d",
        label, len(plan.policy), len(plan.added), len(plan.changed), len(plan.removed),
        len(plan.partners_added), len(plan.partners_moved),
    )  # fmt: skip
    return plan
