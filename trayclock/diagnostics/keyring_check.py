"""Which keyring holds trayclock's secrets, and whether it is one we trust.

Only real OS keyrings are accepted: Secret Service (GNOME Keyring, KeePassXC …), libsecret,
KWallet, the macOS Keychain and the Windows Credential Locker. `keyring` would otherwise
pick its "fail" backend without D-Bus, or, with keyrings.alt installed, a plain-text file
without saying so (shared/docs/backends.md). The check reads one entry that never exists,
so a locked or absent keyring shows here and no secret is ever read or printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from trayclock.diagnostics.report import Finding, Level

# "module.Class" of each accepted backend -> what to call it.
TRUSTED_BACKENDS: dict[str, str] = {
    "keyring.backends.SecretService.Keyring": "Secret Service",
    "keyring.backends.libsecret.Keyring": "libsecret",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet 4",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Locker",
}
CHAINER = "keyring.backends.chainer.ChainerBackend"
NO_KEYRING = frozenset({"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"})
ADVICE = (
    "trayclock keeps backend tokens only in Secret Service, libsecret, KWallet, the macOS "
    "Keychain or the Windows Credential Locker: install and unlock one (e.g. gnome-keyring; "
    "on Linux it needs the login session's D-Bus), and unset PYTHON_KEYRING_BACKEND if it "
    "names another"
)
PROBE_SERVICE = "trayclock"
PROBE_USERNAME = "self-check (never stored)"


def backend_name(backend: object) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def chained(backend: object) -> list[object]:
    """The backends a chain reads through (a chain itself is no store), else [backend]."""
    if backend_name(backend) == CHAINER:
        return list(getattr(backend, "backends", []))
    return [backend]


def untrusted(backends: Iterable[object]) -> list[str]:
    return [backend_name(b) for b in backends if backend_name(b) not in TRUSTED_BACKENDS]


def check_keyring(keyring_module: Any = None) -> Finding:
    """The keyring finding (essential): trusted, and it answers a read."""
    topic = "keyring"
    if keyring_module is None:
        try:
            import keyring as keyring_module
        except ImportError as error:
            return Finding(topic, f"the keyring library is missing ({error})", Level.FAIL, True)
    backend = keyring_module.get_keyring()
    backends = chained(backend)
    name = backend_name(backend)
    refused = untrusted(backends)
    if not backends or name in NO_KEYRING:
        return Finding(topic, f"no system keyring found ({name}); {ADVICE}", Level.FAIL, True)
    if refused:
        text = f"{', '.join(refused)} is not a system keyring; {ADVICE}"
        return Finding(topic, text, Level.FAIL, True)
    described = " + ".join(TRUSTED_BACKENDS[backend_name(b)] for b in backends)
    try:
        backend.get_password(PROBE_SERVICE, PROBE_USERNAME)
    except Exception as error:  # KeyringLocked, InitError, D-Bus errors: all mean "no keyring"
        reason = str(error) or type(error).__name__
        return Finding(
            topic,
            f"{described} ({name}) did not answer: {reason}; unlock or start the keyring",
            Level.FAIL,
            True,
        )
    return Finding(topic, f"{described} ({name}), unlocked and answering", Level.OK, True)
