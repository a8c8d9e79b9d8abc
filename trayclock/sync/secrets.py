"""Backend secrets (passwords, API tokens, webhook keys) in the OS keyring and nowhere else.

Service `trayclock`, one secret per configured backend under the account
`<backend>:<url>:<user>`. Only keyrings the operating system protects are used (Secret
Service / libsecret, KWallet, macOS Keychain, Windows Credential Locker). `keyring` on its
own falls back silently: to the "fail" backend without a D-Bus session, to keyrings.alt's
base64 file when that package is installed, or to whatever PYTHON_KEYRING_BACKEND or
keyringrc.cfg names. Here any of those is refused with a message naming what to install,
and every keyring failure (locked, prompt dismissed, no D-Bus) becomes one error,
`KeyringUnavailable`, which the sync worker shows and pauses on.

A secret travels as a `Secret`, whose repr and str hide it; messages built here never
contain it (a keyring's own error text is redacted before it is quoted).
"""

from __future__ import annotations

import configparser
import hmac
import importlib
import os
import sys
from pathlib import Path
from typing import Any

from trayclock.domain.sync_reason import SyncReason
from trayclock.sync.backend import SyncError
from trayclock.sync.reasons import Code, reason

SERVICE = "trayclock"
BACKEND_KINDS = frozenset({"tryton", "kimai", "webhook"})
PYTHON_KEYRING_BACKEND = "PYTHON_KEYRING_BACKEND"

# Keyrings that keep secrets encrypted under the user's login, by class name → what to call
# them. Anything else (keyrings.alt's files, keyring's null and fail backends, third-party
# plug-ins) is refused: we cannot tell that it does not write plain text.
ALLOWED_KEYRINGS: dict[str, str] = {
    "keyring.backends.SecretService.Keyring": "Secret Service",
    "keyring.backends.libsecret.Keyring": "Secret Service (libsecret)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet 4",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Locker",
}
_NATIVE = {
    "darwin": ("keyring.backends.macOS.Keyring",),
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
}
_FREEDESKTOP = tuple(
    name for name in ALLOWED_KEYRINGS if "macOS" not in name and "Windows" not in name
)
_MAX_REASON_CHARS = 200


def platform_keyrings(platform: str | None = None) -> tuple[str, ...]:
    """The allowed keyrings worth trying on this platform, in no particular order."""
    return _NATIVE.get(sys.platform if platform is None else platform, _FREEDESKTOP)


def install_hint(platform: str | None = None) -> SyncReason:
    """What to install or start on this platform, for the error messages."""
    platform = sys.platform if platform is None else platform
    if platform == "darwin":
        return reason(Code.HINT_KEYCHAIN)
    if platform == "win32":
        return reason(Code.HINT_WINDOWS)
    return reason(Code.HINT_SECRET_SERVICE)


class Secret:
    """A secret value that does not show itself: repr/str are redacted; `reveal()` to use."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str) or not value:
            raise ValueError("a secret must be a non-empty string")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('<hidden>')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash(Secret)  # equal secrets must hash alike; the value itself is not hashed


class KeyringUnavailable(SyncError):
    """No usable OS keyring: locked, prompt dismissed, no D-Bus, none installed, or a
    plain-text one refused. Sync pauses until the technician unlocks or installs one."""


class PlaintextKeyringRefused(KeyringUnavailable):
    """The configured keyring would keep secrets in plain text (or not at all)."""


def account(kind: str, url: str, user: str = "") -> str:
    """The keyring account of one configured backend: `<backend>:<url>:<user>`."""
    if kind not in BACKEND_KINDS:
        raise ValueError(f"unknown backend {kind!r} (known: {', '.join(sorted(BACKEND_KINDS))})")
    if not url:
        raise ValueError("a backend's secret needs its URL")
    return f"{kind}:{url.rstrip('/')}:{user}"


class SecretStore:
    """get/set/delete a backend's secret in one vetted OS keyring."""

    def __init__(self, keyring_backend: Any, label: str) -> None:
        self._keyring = keyring_backend
        self.label = label  # e.g. "Secret Service", for messages and `backend show`

    def __repr__(self) -> str:
        return f"SecretStore({self.label})"

    def get(self, kind: str, url: str, user: str = "") -> Secret | None:
        """The stored secret, or None when none is stored for this backend."""
        name = account(kind, url, user)
        value = self._call(Code.KEYRING_READ, lambda: self._keyring.get_password(SERVICE, name))
        return Secret(value) if value else None

    def set(self, kind: str, url: str, user: str, secret: Secret) -> None:
        """Store (or replace) the secret of this backend."""
        name = account(kind, url, user)
        self._call(
            Code.KEYRING_STORE,
            lambda: self._keyring.set_password(SERVICE, name, secret.reveal()),
            secret,
        )

    def delete(self, kind: str, url: str, user: str = "") -> bool:
        """Remove the secret; False when there was none."""
        from keyring.errors import PasswordDeleteError

        name = account(kind, url, user)

        def remove() -> bool:
            try:
                self._keyring.delete_password(SERVICE, name)
            except PasswordDeleteError:
                return False
            return True

        return bool(self._call(Code.KEYRING_DELETE, remove))

    def _call(self, what: Code, operation: Any, secret: Secret | None = None) -> Any:
        try:
            return operation()
        except _keyring_failures() as exc:
            raise KeyringUnavailable(
                reason(
                    Code.KEYRING_FAILED,
                    keyring=self.label,
                    action=reason(what),
                    error=type(exc).__name__,
                    said=_redact(_first_line(exc), secret),
                    hint=install_hint(),
                )
            ) from None


def open_store() -> SecretStore:
    """The keyring to use, vetted: the one PYTHON_KEYRING_BACKEND or keyringrc.cfg names
    if it is a real OS keyring, else the best viable one of the allow-list.

    Raises PlaintextKeyringRefused for a configured plain-text (or null/fail) backend and
    KeyringUnavailable when no OS keyring answers. Never falls back to anything else.
    """
    chosen = os.environ.get(PYTHON_KEYRING_BACKEND, "").strip()
    origin = reason(Code.NAMED_BY_VARIABLE, name=PYTHON_KEYRING_BACKEND)
    if not chosen:
        chosen, origin = _configured_in_file()
    if chosen:
        if chosen not in ALLOWED_KEYRINGS:
            raise PlaintextKeyringRefused(
                reason(Code.KEYRING_NOT_OS, chosen=chosen, origin=origin, hint=install_hint())
            )
        backend, why = _viable(chosen)
        if backend is None:
            raise KeyringUnavailable(
                reason(
                    Code.KEYRING_NOT_ANSWERING,
                    keyring=ALLOWED_KEYRINGS[chosen],
                    origin=origin,
                    said=why,
                    hint=install_hint(),
                )
            )
        return SecretStore(backend, ALLOWED_KEYRINGS[chosen])
    best: tuple[float, str, Any] | None = None
    reasons = []
    for name in platform_keyrings():
        backend, why = _viable(name)
        if backend is None:
            reasons.append(f"{ALLOWED_KEYRINGS[name]}: {why}")
            continue
        priority = float(type(backend).priority)
        if best is None or priority > best[0]:
            best = (priority, name, backend)
    if best is None:
        raise KeyringUnavailable(
            reason(Code.NO_KEYRING, said="; ".join(reasons), hint=install_hint())
        )
    return SecretStore(best[2], ALLOWED_KEYRINGS[best[1]])


def _configured_in_file() -> tuple[str, SyncReason]:
    """The `default-keyring` of keyring's own keyringrc.cfg, if any (read, not loaded: a
    refused backend must never be imported or instantiated)."""
    from keyring.util import platform_

    path = Path(platform_.config_root()) / "keyringrc.cfg"
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return "", reason(Code.NAMED_BY_FILE, path=path)
    if not parser.has_option("backend", "default-keyring"):
        return "", reason(Code.NAMED_BY_FILE, path=path)
    return parser.get("backend", "default-keyring").strip(), reason(Code.NAMED_BY_FILE, path=path)


def _viable(name: str) -> tuple[Any, str]:
    """An instance of the allowed backend `name` if it works here, else (None, why not)."""
    module_name, _, class_name = name.rpartition(".")
    try:
        module = importlib.import_module(module_name)
        cls = getattr(module, class_name)
        cls.priority  # noqa: B018 - keyring's viability check: raises when unusable here
        return cls(), ""
    except Exception as exc:  # any reason this backend cannot work here: report, go on
        return None, _first_line(exc) or type(exc).__name__


def _keyring_failures() -> tuple[type[BaseException], ...]:
    """What a keyring call raises when the keyring is locked, gone or refusing."""
    from keyring.errors import KeyringError

    failures: list[type[BaseException]] = [KeyringError, OSError, EOFError]
    try:
        from secretstorage.exceptions import SecretStorageException

        failures.append(SecretStorageException)
    except ImportError:
        pass
    try:
        from jeepney.wrappers import DBusErrorResponse

        failures.append(DBusErrorResponse)
    except ImportError:
        pass
    return tuple(failures)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:_MAX_REASON_CHARS] if text else ""


def _redact(text: str, secret: Secret | None) -> str:
    if secret is not None and secret.reveal() in text:
        text = text.replace(secret.reveal(), "<hidden>")
    return text
