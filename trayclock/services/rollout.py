"""The company settings file (docs/rollout.md): written from a store, read and checked whole.

`{"trayclock_settings": 1, "policy": {…}, "customers": [{…, "partners": […]}]}` — the
company policy (business hours, time zone, holidays included), every customer with its
policy overrides, contract, backend ids and remembered partner IDs. Never a secret, never a
time entry, never the `backend`, `detection` or `ui` settings (they belong to one computer).

A file is checked whole before anything is imported: every problem names the file and the
field (`customers[2] (acme): policy.rate: …`); the policy and each customer's terms are
judged by the billing engine's own parser, as everything the store prices.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from trayclock.domain.billing_input import BillingInputError, parse_document
from trayclock.domain.session import APPS
from trayclock.services.text_files import UnreadableFile, read_text
from trayclock.store import customers, mappings, settings
from trayclock.store.db import encode_time
from trayclock.store.secret_check import secret_path

FORMAT_KEY = "trayclock_settings"
FORMAT_VERSION = 1
TOP_FIELDS = (FORMAT_KEY, "exported_at", "policy", "customers")
CUSTOMER_FIELDS = ("key", "name", "policy", "contract", "external_ids", "archived", "partners")
PARTNER_FIELDS = ("app", "id", "name")
MAX_FILE_BYTES = 32 * 1024 * 1024  # a company's customers fit many times over


class RolloutError(ValueError):
    """The file cannot be imported; `.problems` has one line per problem, file and field named."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class PartnerSpec:
    app: str
    partner_id: str
    name: str | None


@dataclass(frozen=True, slots=True)
class CustomerSpec:
    key: str
    name: str
    policy: dict[str, Any]
    contract: dict[str, Any] | None
    external_ids: dict[str, str]
    archived: bool
    partners: tuple[PartnerSpec, ...]


@dataclass(frozen=True, slots=True)
class Rollout:
    """A checked settings file."""

    policy: dict[str, Any]
    customers: tuple[CustomerSpec, ...]


# --- writing ---------------------------------------------------------------------------------


def export_document(conn: sqlite3.Connection, *, now: datetime) -> dict[str, Any]:
    """The store's company settings as the file's JSON object."""
    partners: dict[int, list[dict[str, Any]]] = {}
    for mapping in mappings.list_all(conn):
        partners.setdefault(mapping.customer_id, []).append(
            {"app": mapping.app, "id": mapping.partner_id, "name": mapping.partner_name}
        )
    listed = []
    for customer in sorted(customers.list_all(conn, include_archived=True), key=lambda c: c.key):
        listed.append(
            {
                "key": customer.key,
                "name": customer.name,
                "policy": dict(customer.policy),
                "contract": customer.contract,
                "external_ids": dict(customer.external_ids),
                "archived": customer.archived,
                "partners": partners.get(customer.id, []),
            }
        )
    return {
        FORMAT_KEY: FORMAT_VERSION,
        "exported_at": encode_time(now),
        "policy": settings.policy(conn),
        "customers": listed,
    }


def export_text(conn: sqlite3.Connection, *, now: datetime) -> str:
    return json.dumps(export_document(conn, now=now), indent=2, ensure_ascii=False) + "\n"


def write_file(conn: sqlite3.Connection, path: Path, *, now: datetime) -> None:
    """Write the file aside and rename it: a reader never sees half a file, a failure leaves
    none. OSError when the folder is missing or not writable."""
    text = export_text(conn, now=now)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- reading ---------------------------------------------------------------------------------


def read_file(path: Path) -> Rollout:
    """Read and check a settings file; RolloutError names the file and every problem."""
    try:
        text = read_text(path, MAX_FILE_BYTES)
    except UnreadableFile as error:
        raise RolloutError([str(error)]) from None
    return parse_text(text, label=str(path))


def parse_text(text: str, *, label: str) -> Rollout:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        raise RolloutError(
            [f"{label}: not JSON: line {error.lineno} column {error.colno}: {error.msg}"]
        ) from None
    except RecursionError:
        raise RolloutError([f"{label}: not JSON: nested too deeply"]) from None
    return parse_document_of(doc, label=label)


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "null" if value is None else "a number"
    )


def parse_document_of(doc: object, *, label: str) -> Rollout:
    """Check a parsed file whole; RolloutError lists every problem."""
    if not isinstance(doc, dict):
        raise RolloutError([f"{label}: must be a JSON object, not {_kind(doc)}"])
    version = doc.get(FORMAT_KEY)
    if version is None:
        raise RolloutError(
            [f"{label}: {FORMAT_KEY}: missing: this is not a trayclock settings file"]
        )
    if type(version) is not int or version < 1:
        raise RolloutError([f"{label}: {FORMAT_KEY}: must be a format number like 1"])
    if version > FORMAT_VERSION:
        raise RolloutError(
            [
                f"{label}: {FORMAT_KEY}: format {version} is newer than this trayclock reads "
                f"({FORMAT_VERSION}); update trayclock"
            ]
        )
    problems: list[str] = []
    secret = secret_path(doc)  # the store's one rule for what a secret looks like
    if secret:
        problems.append(f"{label}: {secret[0]}: looks like a secret; secrets never go in this file")
    for name in doc:
        if name not in TOP_FIELDS:
            problems.append(f"{label}: {name}: unknown field (known: {', '.join(TOP_FIELDS)})")
    policy = doc.get("policy", {})
    if not isinstance(policy, dict):
        problems.append(f"{label}: policy: must be an object, not {_kind(policy)}")
        policy = {}
    raw_customers = doc.get("customers", [])
    if not isinstance(raw_customers, list):
        problems.append(f"{label}: customers: must be a list, not {_kind(raw_customers)}")
        raw_customers = []
    specs = [_customer(i, raw, label, problems) for i, raw in enumerate(raw_customers)]
    listed = [spec for spec in specs if spec is not None]
    problems += _duplicates(specs, label)
    problems += _judged(policy, raw_customers, label)
    if problems:
        raise RolloutError(problems)
    return Rollout(dict(policy), tuple(listed))


def _customer(index: int, raw: object, label: str, problems: list[str]) -> CustomerSpec | None:
    where = f"{label}: customers[{index}]"
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be an object, not {_kind(raw)}")
        return None
    key, name = raw.get("key"), raw.get("name")
    if isinstance(key, str) and key.strip():
        where = f"{where} ({key})"
    before = len(problems)
    for field in raw:
        if field not in CUSTOMER_FIELDS:
            problems.append(
                f"{where}: {field}: unknown field (known: {', '.join(CUSTOMER_FIELDS)})"
            )
    if not isinstance(key, str) or not key.strip():
        problems.append(f"{where}: key: must be non-empty text")
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where}: name: must be non-empty text")
    policy = raw.get("policy") or {}
    if not isinstance(policy, dict):
        problems.append(f"{where}: policy: must be an object, not {_kind(policy)}")
    contract = raw.get("contract")
    if contract is not None and not isinstance(contract, dict):
        problems.append(f"{where}: contract: must be an object or null, not {_kind(contract)}")
    external = raw.get("external_ids") or {}
    if not isinstance(external, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in external.items()
    ):
        problems.append(f"{where}: external_ids: must be an object of backend: id text")
    archived = raw.get("archived", False)
    if not isinstance(archived, bool):
        problems.append(f"{where}: archived: must be true or false, not {_kind(archived)}")
    partners = _partners(raw.get("partners") or [], where, problems)
    if len(problems) > before:
        return None
    assert isinstance(key, str) and isinstance(name, str) and isinstance(policy, dict)
    return CustomerSpec(
        key, name.strip(), dict(policy), contract, dict(external), archived, partners
    )


def _partners(raw: object, where: str, problems: list[str]) -> tuple[PartnerSpec, ...]:
    if not isinstance(raw, list):
        problems.append(f"{where}: partners: must be a list, not {_kind(raw)}")
        return ()
    found = []
    for index, item in enumerate(raw):
        at = f"{where}: partners[{index}]"
        if not isinstance(item, dict):
            problems.append(f'{at}: must be an object like {{"app": "anydesk", "id": "…"}}')
            continue
        unknown = [field for field in item if field not in PARTNER_FIELDS]
        for field in unknown:
            problems.append(f"{at}.{field}: unknown field (known: {', '.join(PARTNER_FIELDS)})")
        app, partner_id, name = item.get("app"), item.get("id"), item.get("name")
        if app not in APPS:
            problems.append(f"{at}.app: must be one of {', '.join(APPS)}")
        if not isinstance(partner_id, str) or not "".join(partner_id.split()):
            problems.append(f"{at}.id: must be the partner ID as text")
        if name is not None and not isinstance(name, str):
            problems.append(f"{at}.name: must be text or null")
        if (
            not unknown
            and app in APPS
            and isinstance(partner_id, str)
            and "".join(partner_id.split())
            and (name is None or isinstance(name, str))
        ):
            found.append(PartnerSpec(str(app), "".join(partner_id.split()), name))
    return tuple(found)


def _duplicates(specs: list[CustomerSpec | None], label: str) -> list[str]:
    problems = []
    keys: dict[str, int] = {}
    partners: dict[tuple[str, str], str] = {}
    for index, spec in enumerate(specs):
        if spec is None:
            continue
        if spec.key in keys:
            problems.append(
                f"{label}: customers[{index}] ({spec.key}): key: also customers[{keys[spec.key]}]"
            )
        keys.setdefault(spec.key, index)
        for partner in spec.partners:
            known = (partner.app, partner.partner_id)
            if known in partners and partners[known] != spec.key:
                problems.append(
                    f"{label}: customers[{index}] ({spec.key}): partners: "
                    f"{partner.app}:{partner.partner_id} is also listed for {partners[known]}"
                )
            partners.setdefault(known, spec.key)
    return problems


def _judged(policy: Mapping[str, Any], raw_customers: list[Any], label: str) -> list[str]:
    """The billing engine's parser on the policy and every customer's terms (those whose key,
    policy and contract have the right shape; the others' shape is reported already)."""
    index_of: dict[str, int] = {}
    terms: dict[str, Any] = {}
    for index, raw in enumerate(raw_customers):
        if not isinstance(raw, dict):
            continue
        key, policy_raw, contract = raw.get("key"), raw.get("policy") or {}, raw.get("contract")
        if not isinstance(key, str) or not key.strip() or key in terms:
            continue
        if not isinstance(policy_raw, dict) or not isinstance(contract, dict | None):
            continue
        item: dict[str, Any] = {"policy": policy_raw}
        if contract is not None:
            item["contract"] = contract
        terms[key], index_of[key] = item, index
    try:
        parse_document({"policy": dict(policy), "customers": terms, "entries": []})
    except BillingInputError as error:
        out = []
        for line in error.problems:
            where, _, rest = line.partition(": ")
            key = where.removeprefix("customer ")
            if where.startswith("customer ") and key in index_of:
                out.append(f"{label}: customers[{index_of[key]}] ({key}): {rest}")
            else:
                out.append(f"{label}: {line}")
        return out
    return []
