"""A customer's billing key made from its display name: the one rule, wherever a customer is made.

The key is what billing-rules.md calls the customer (the JSON `customers` key), what the
export's `customer` column holds and what a backend sees, so it must not depend on where
the customer was created (the tray's prompt, the review window, the customers window or a
CSV import). The rule:

- the name in Unicode NFC (so a "ü" typed as u + combining diaeresis gives the same key as a
  precomposed one), trimmed and lower-cased;
- letters and digits of any script are kept ("Müller" → "müller", "東京商事" stays itself):
  folding to ASCII would turn a Greek or Japanese name into the bare fallback;
- every run of anything else (spaces, "&", ".", "-", "_") becomes one "-", none at the ends;
- a name with no letter or digit at all gets `FALLBACK_KEY`.

"Müller & Söhne GmbH" → "müller-söhne-gmbh". Keys already stored are never changed: this
only names new customers. Linear in the name (one character class, no backtracking).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

FALLBACK_KEY = "customer"
_SEPARATORS = re.compile(r"[\W_]+")  # \W is Unicode-aware: letters of every script stay


def _never_taken(key: str) -> bool:
    return False


def customer_key(name: str, taken: Callable[[str], bool] = _never_taken) -> str:
    """The billing key for a customer called `name`; with `taken`, the first free one of
    key, key-2, key-3, … (a new customer must never take over another customer's key).

    Without `taken` the same name always gives the same key: an import of a customers CSV
    updates the customer it created the first time instead of adding a second one.
    """
    text = unicodedata.normalize("NFC", name).strip().lower()
    base = _SEPARATORS.sub("-", text).strip("-") or FALLBACK_KEY
    key, n = base, 2
    while taken(key):
        key, n = f"{base}-{n}", n + 1
    return key


def name_match_key(name: str) -> str:
    """What two spellings of one customer's name share: accents dropped (NFKD, combining
    marks removed), case folded, runs of white space one space. "Müller  GmbH" and
    "muller gmbh" match; a backend's customer is matched to ours by it."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())
