"""A keyring backend that writes secrets to a plain file, as keyrings.alt's does: trayclock
must refuse it by name and never import it (the test checks sys.modules)."""

from __future__ import annotations

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("a plain-text keyring was used")

    def delete_password(self, service: str, username: str) -> None:
        return None
