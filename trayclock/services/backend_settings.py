"""The settings window's billing backend (no Qt): what is stored, Save (the secret to the
keyring only, the rest to the store's `backend` setting, through services/sync.configure),
and the connection test, made to run off the GUI thread."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from trayclock.domain.clock import Clock
from trayclock.services.backend_check import NO_BACKEND, BackendForm
from trayclock.services.settings_book import SettingsRefused
from trayclock.services.sync import SecretStoreFactory, SyncService, configure, try_backend
from trayclock.services.tray import sync_health
from trayclock.services.tray_types import SyncHealth
from trayclock.store import settings
from trayclock.sync import config as backend_config
from trayclock.sync.config import BackendConfig
from trayclock.sync.secrets import Secret, open_store


class BackendSettings:
    """Reads and saves of the Backend page (GUI thread, the tray's connection)."""

    def __init__(
        self, conn: sqlite3.Connection, clock: Clock, *, keyring: SecretStoreFactory = open_store
    ) -> None:
        self.conn = conn
        self.clock = clock
        self.keyring = keyring

    def stored(self) -> BackendConfig | None:
        """The backend in the store's `backend` setting (None: none)."""
        return backend_config.configured(self.conn)

    def health(self) -> SyncHealth:
        """Where sync stands now (the tray's words for it)."""
        return sync_health(SyncService(self.conn, self.clock, keyring=self.keyring).status())

    def save(self, form: BackendForm) -> int:
        """Store the form: the secret in the keyring, the rest in the `backend` setting, a
        login pause lifted, the submitted entries queued for a new backend (how many is
        returned); "none" removes the backend. Nothing to store (the same backend, no
        secret typed): nothing happens. Raises SettingsRefused, KeyringUnavailable."""
        stored = self.stored()
        problems = form.problems(stored)
        if problems:
            raise SettingsRefused([problem.english() for problem in problems])
        if not form.changes(stored):
            return 0
        if form.kind == NO_BACKEND:
            settings.put(self.conn, settings.BACKEND, {}, now=self.clock.now())
            return 0
        config = form.config(stored)
        assert config is not None  # no problems
        return configure(
            self.conn, config, Secret(form.secret), keyring=self.keyring(), now=self.clock.now()
        )

    def test(self, form: BackendForm) -> Callable[[], str] | None:
        """The connection test of the form (None while it cannot be tried), to run OFF the
        GUI thread: it touches no connection of the store. The secret typed, else the stored
        one (the same backend). Raises the sync errors of sync/backend.py when called."""
        config = form.config(self.stored())
        if config is None:
            return None
        secret = Secret(form.secret) if form.secret else None
        keyring, clock = self.keyring, self.clock
        return lambda: try_backend(config, secret, keyring=keyring, clock=clock)
