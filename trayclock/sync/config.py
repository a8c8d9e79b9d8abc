"""Which backend trayclock syncs to, as kept in the store's `backend` setting (never a
secret: the password, token or webhook key is in the OS keyring under the account
sync/secrets.py names), and the adapter it opens.

The setting: `{"name": "tryton", "url": …, "database": …, "user": …}`,
`{"name": "kimai", "url": …}` (optionally `activity_id`, `activity_name`, `project_name`,
`partners_field`, `ca_bundle`) or `{"name": "webhook", "url": …}` (optionally `ca_bundle`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from trayclock.domain.clock import Clock
from trayclock.store import outbox, settings

# Every tray reads the `backend` setting (this module); the adapters' protocol, the keyring
# and the reasons' codes and words (sync/reasons.py, ~100 KiB) load only when a backend is
# opened (services/sync.py says why).
if TYPE_CHECKING:
    from trayclock.sync.backend import Backend
    from trayclock.sync.secrets import Secret, SecretStore

KINDS = ("tryton", "kimai", "webhook")
SECRET_WORDS = {"tryton": "password", "kimai": "API token", "webhook": "signing secret"}
_KIMAI_OPTIONS = ("activity_id", "activity_name", "project_name", "partners_field", "ca_bundle")


@dataclass(frozen=True)
class BackendConfig:
    kind: str
    url: str
    database: str | None = None  # Tryton
    user: str = ""  # Tryton
    options: Mapping[str, Any] = field(default_factory=dict)  # Kimai's and the webhook's

    @property
    def identity(self) -> str:
        """The backend's id in the outbox (store/outbox.py's backend_id)."""
        return outbox.backend_id(self.setting())

    def setting(self) -> dict[str, Any]:
        value: dict[str, Any] = {"name": self.kind, "url": self.url, **self.options}
        if self.kind == "tryton":
            value.update(database=self.database, user=self.user)
        return value

    def secret_account(self) -> tuple[str, str, str]:
        """(kind, url, user): where sync/secrets.py keeps this backend's secret."""
        return self.kind, self.url, self.user

    def describe(self) -> str:
        """One line for `backend show` and messages; never the secret."""
        where = f"{self.kind} at {self.url}"
        if self.kind == "tryton":
            where += f", database {self.database}, user {self.user}"
        extra = ", ".join(f"{k} {v}" for k, v in sorted(self.options.items()))
        return where + (f" ({extra})" if extra else "")


def from_setting(value: Any) -> BackendConfig | None:
    """The configuration in the `backend` setting; None when none (or an unusable one)."""
    if not isinstance(value, dict) or value.get("name") not in KINDS or not value.get("url"):
        return None
    kind = str(value["name"])
    if kind == "tryton":
        if not value.get("database") or not value.get("user"):
            return None
        return BackendConfig(kind, str(value["url"]), str(value["database"]), str(value["user"]))
    names = _KIMAI_OPTIONS if kind == "kimai" else ("ca_bundle",)
    options = {name: value[name] for name in names if value.get(name) is not None}
    return BackendConfig(kind, str(value["url"]), options=options)


def configured(conn: sqlite3.Connection) -> BackendConfig | None:
    return from_setting(settings.get(conn, settings.BACKEND))


def open_backend(config: BackendConfig, secrets: SecretStore, clock: Clock) -> Backend:
    """The adapter of `config`, with its secret from the keyring (KeyringUnavailable when
    the keyring cannot answer; AuthError when no secret is stored)."""
    from trayclock.sync.backend import AuthError
    from trayclock.sync.reasons import Code, reason

    secret = secrets.get(*config.secret_account())
    if secret is None:
        no_secret = {
            "tryton": Code.NO_PASSWORD_STORED,
            "kimai": Code.NO_TOKEN_STORED,
            "webhook": Code.NO_SIGNING_SECRET_STORED,
        }
        raise AuthError(reason(no_secret[config.kind], kind=config.kind, url=config.url))
    return adapter(config, secret, clock)


def adapter(config: BackendConfig, secret: Secret, clock: Clock) -> Backend:
    if config.kind == "tryton":
        from trayclock.sync.tryton import TrytonBackend
        from trayclock.sync.tryton_rpc import TrytonRPC

        assert config.database is not None
        rpc = TrytonRPC(config.url, config.database, config.user, secret.reveal(), now=clock.now)
        return TrytonBackend(rpc)
    if config.kind == "kimai":
        from trayclock.sync.kimai import KimaiBackend, KimaiConfig

        options = dict(config.options)
        kimai = KimaiConfig(url=config.url, **options)
        return KimaiBackend(kimai, secret, clock=clock)
    if config.kind == "webhook":
        from trayclock.sync.webhook import WebhookBackend, WebhookConfig

        hook = WebhookConfig(config.url, ca_bundle=config.options.get("ca_bundle"))
        return WebhookBackend(hook, secret, clock=clock)
    from trayclock.sync.backend import SettingsError
    from trayclock.sync.reasons import Code, reason

    raise SettingsError(reason(Code.UNKNOWN_BACKEND, kind=config.kind))
