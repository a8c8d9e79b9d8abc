"""The settings' Backend tab, Qt-free: one validator per field (as services/settings_check.py:
text in, the value and translatable problems out) and the form as a whole — which backend,
what Save stores, when a secret must be typed.

The URL's rule is sync/http.require_safe_url (HTTPS, or HTTP to this computer; no
credentials inside); here it only gets words a person reads as they type. The secret is
never read back into the form: it is typed, handed to the keyring and forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from trayclock.services.settings_check import (
    MAX_TEXT_CHARS,
    QT_TRANSLATE_NOOP,
    Checked,
    Problem,
    _bad,
    _shown,
)
from trayclock.sync.config import KINDS, BackendConfig
from trayclock.sync.http import InsecureUrl, is_loopback, require_safe_url

NO_BACKEND = "none"
FORM_KINDS = (*KINDS, NO_BACKEND)  # what the tab's kind box offers
MAX_URL_CHARS = 2000


def backend_url(text: str) -> Checked[str]:
    """The backend's address: https://…, or http:// to this computer only."""
    url = text.strip()
    if not url:
        return _bad(
            QT_TRANSLATE_NOOP("SettingsCheck", "Type the address, like https://erp.example.com.")
        )
    if len(url) > MAX_URL_CHARS or not url.isprintable():
        return _bad(
            QT_TRANSLATE_NOOP("SettingsCheck", "“{value}” is not a web address."),
            value=_shown(url),
        )
    try:
        return Checked(require_safe_url(url))
    except (InsecureUrl, ValueError):  # ValueError: urlsplit's, e.g. an unclosed [IPv6
        pass
    try:
        parts = urlsplit(url)
        scheme, host = parts.scheme, parts.hostname
        credentials = parts.username is not None or parts.password is not None
    except ValueError:  # e.g. a bad port or an unclosed [IPv6 bracket
        scheme, host, credentials = "", None, False
    if credentials:
        return _bad(
            QT_TRANSLATE_NOOP(
                "SettingsCheck",
                "Leave the user name and password out of the address: the secret has its "
                "own field (it is kept in the keyring).",
            )
        )
    if scheme == "http" and host and not is_loopback(host):
        return _bad(
            QT_TRANSLATE_NOOP(
                "SettingsCheck",
                "Plain http:// only reaches this computer (localhost); use https://.",
            )
        )
    return _bad(
        QT_TRANSLATE_NOOP(
            "SettingsCheck", "“{value}” is not a web address; type it like https://erp.example.com."
        ),
        value=_shown(url),
    )


def tryton_database(text: str) -> Checked[str]:
    """A Tryton database's name (as `trayclock backend configure tryton --database`)."""
    name = text.strip()
    if not name:
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "Type the Tryton database's name."))
    if "/" in name or len(name) > MAX_TEXT_CHARS or not name.isprintable():
        return _bad(
            QT_TRANSLATE_NOOP("SettingsCheck", "“{value}” is not a Tryton database name."),
            value=_shown(name),
        )
    return Checked(name)


def tryton_user(text: str) -> Checked[str]:
    """The Tryton user trayclock logs in as (one with an employee)."""
    name = text.strip()
    if not name:
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "Type the Tryton user's login."))
    if len(name) > MAX_TEXT_CHARS or not name.isprintable():
        return _bad(
            QT_TRANSLATE_NOOP("SettingsCheck", "“{value}” is not a user's login."),
            value=_shown(name),
        )
    return Checked(name)


def backend_secret(text: str, *, required: bool) -> Checked[str]:
    """The password, API token or signing secret as typed (kept exactly: spaces count);
    empty keeps the stored one, unless a new backend needs one."""
    if not text:
        if required:
            return _bad(
                QT_TRANSLATE_NOOP(
                    "SettingsCheck",
                    "Type the password (token, secret) for this backend: none is stored for it.",
                )
            )
        return Checked("")
    if "\n" in text or "\r" in text or "\x00" in text:
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "The secret is one line of text."))
    return Checked(text)


@dataclass(frozen=True, slots=True)
class BackendForm:
    """What the Backend tab holds (the secret only as typed, never read back)."""

    kind: str = NO_BACKEND
    url: str = ""
    database: str = ""
    user: str = ""
    secret: str = ""

    @staticmethod
    def of(config: BackendConfig | None) -> BackendForm:
        """The form for a stored configuration (its secret empty: it stays in the keyring)."""
        if config is None:
            return BackendForm()
        return BackendForm(config.kind, config.url, config.database or "", config.user)

    def config(self, stored: BackendConfig | None = None) -> BackendConfig | None:
        """The configuration typed (None: no backend, or a field is invalid). A Kimai or
        webhook backend at the stored URL keeps the options only the command line sets."""
        typed = None if self.problems(stored) else self._fields()
        if typed is None or typed.kind == "tryton":
            return typed
        if stored is not None and (stored.kind, stored.url) == (typed.kind, typed.url):
            return BackendConfig(typed.kind, typed.url, options=dict(stored.options))
        return typed

    def _fields(self) -> BackendConfig | None:
        url = backend_url(self.url).value
        if url is None or self.kind not in KINDS:
            return None
        if self.kind == "tryton":
            database, user = tryton_database(self.database).value, tryton_user(self.user).value
            if database is None or user is None:
                return None
            return BackendConfig("tryton", url, database, user)
        return BackendConfig(self.kind, url)

    def needs_secret(self, stored: BackendConfig | None) -> bool:
        """A new backend (another kind, address, database or user) needs its secret typed."""
        typed = self._fields()
        return typed is None or stored is None or typed.setting() != _plain(stored).setting()

    def field_problems(self, stored: BackendConfig | None) -> dict[str, tuple[Problem, ...]]:
        """Each field's problems (only the fields this kind has)."""
        if self.kind == NO_BACKEND:
            return {}
        found = {"url": backend_url(self.url).problems}
        if self.kind == "tryton":
            found["database"] = tryton_database(self.database).problems
            found["user"] = tryton_user(self.user).problems
        found["secret"] = backend_secret(self.secret, required=self.needs_secret(stored)).problems
        return {name: problems for name, problems in found.items() if problems}

    def problems(self, stored: BackendConfig | None) -> list[Problem]:
        return [p for problems in self.field_problems(stored).values() for p in problems]

    def changes(self, stored: BackendConfig | None) -> bool:
        """Whether Save has something to store: another backend, or a secret typed."""
        if self.kind == NO_BACKEND:
            return stored is not None
        return bool(self.secret) or self.needs_secret(stored)


def _plain(config: BackendConfig) -> BackendConfig:
    """The configuration without the options the form does not show."""
    return BackendConfig(config.kind, config.url, config.database, config.user)
