"""Is there a secret in this settings value? Secrets belong in the OS keyring, never the store.

A value is walked whole (objects and lists, at any depth, without recursion) and refused at
the first of:
- a key whose name says secret: password, passwd, secret, token, api key, credential,
  private key, authorization (`apiKey`, `X-Auth-Token`, `db_password` …);
- a URL with a user name or password in it (`https://tech:hunter2@host/`), or with a query
  parameter so named (`?access_token=…`);
- an authorization value: `Bearer …`, `Basic …`, `Token …`, `Digest …` followed by one
  token-like word (12 characters or more, a digit or one of `+/=_.~-` in it), so that a
  name such as "Basic Bakery" or "Token Ring Ltd" is not taken for one;
- a JSON Web Token (`eyJ….eyJ….…`) or a PEM private key.
Each check is linear in the text (no pattern that can backtrack).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

# Matched in the key's letters and digits, separators dropped ("api-Key" -> "apikey").
SECRET_KEY_PARTS = (
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "credential",
    "privatekey",
    "authorization",
)
MAX_DEPTH = 64  # a settings value nested deeper cannot be a setting (and would not serialise)
_AUTH_SCHEME = re.compile(
    r"\s*(?:bearer|basic|token|digest)\s+(?=\S*[0-9+/=_.~-])\S{12,}\s*$", re.IGNORECASE
)
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.")
_PEM_KEY = "PRIVATE KEY-----"
_NOT_KEY_CHARS = re.compile(r"[^a-z0-9]+")


def secret_key(name: str) -> bool:
    """Does a key called `name` hold a secret?"""
    letters = _NOT_KEY_CHARS.sub("", name.lower())
    return any(part in letters for part in SECRET_KEY_PARTS)


def _url_problem(text: str) -> str | None:
    if "://" not in text:
        return None
    try:
        parts = urlsplit(text.strip())
    except ValueError:  # e.g. an unbalanced [ in the host
        return None
    if "@" in parts.netloc:
        return "a URL with a user name or password in it: keep the URL without it"
    for name, _ in parse_qsl(parts.query, keep_blank_values=True):
        if secret_key(name):
            return f"a URL whose query carries {name!r}"
    return None


def secret_text(text: str) -> str | None:
    """What kind of secret the text is, or None."""
    if _AUTH_SCHEME.match(text):
        return "an authorization value (Bearer, Basic, Token …)"
    if _JWT.search(text):
        return "a JSON Web Token"
    if _PEM_KEY in text:
        return "a private key"
    return _url_problem(text)


def secret_path(value: Any) -> tuple[str, str] | None:
    """(where, why) of the first secret in `value` (`a.b[2].c`), or None when there is none."""
    stack: list[tuple[str, Any, int]] = [("", value, 0)]
    while stack:
        path, item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return path, f"nested more than {MAX_DEPTH} levels deep"
        if isinstance(item, str):
            kind = secret_text(item)
            if kind:
                return path, f"looks like a secret ({kind})"
        elif isinstance(item, dict):
            for name in item:
                if secret_key(str(name)):
                    return _joined(path, str(name)), "named like a secret"
            for name, inner in reversed(list(item.items())):
                stack.append((_joined(path, str(name)), inner, depth + 1))
        elif isinstance(item, list | tuple):
            for index in reversed(range(len(item))):
                stack.append((f"{path}[{index}]", item[index], depth + 1))
    return None


def _joined(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def secret_problem(value: Any, where: str) -> str | None:
    """`WHERE.PATH: why; secrets go in the keyring` for the first secret in `value`, or None."""
    found = secret_path(value)
    if found is None:
        return None
    path, why = found
    place = where + ("" if not path else path if path.startswith("[") else "." + path)
    if why.startswith("nested"):
        return f"{place}: {why}"
    return f"{place}: {why}; secrets go in the keyring"
