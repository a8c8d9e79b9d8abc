"""One customer key rule (trayclock.domain.customer_key), whatever made the customer."""

from __future__ import annotations

import unicodedata

import pytest

from trayclock.domain.customer_key import FALLBACK_KEY, customer_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Müller & Söhne GmbH", "müller-söhne-gmbh"),
        ("  ACME Industries  ", "acme-industries"),
        ("Dr. Lang -- Praxis_2", "dr-lang-praxis-2"),
        ("東京商事", "東京商事"),  # letters of any script stay: no bare fallback
        ("Ωmega Λtd", "ωmega-λtd"),
        ("&&& ///", FALLBACK_KEY),
        ("", FALLBACK_KEY),
    ],
)
def test_a_key_from_a_name(name: str, key: str) -> None:
    assert customer_key(name) == key


def test_the_same_name_typed_either_way_gives_the_same_key() -> None:
    composed = "Müller & Söhne GmbH"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert customer_key(decomposed) == customer_key(composed) == "müller-söhne-gmbh"


def test_a_taken_key_is_never_reused() -> None:
    taken = {"acme", "acme-2"}
    assert customer_key("ACME", taken.__contains__) == "acme-3"
    assert customer_key("Beta", taken.__contains__) == "beta"
    assert customer_key("ACME") == "acme"  # without `taken`: always the same key


def test_a_long_name_is_keyed_in_linear_time() -> None:
    # one character class, no backtracking: a 200 kB name of separators and letters is quick
    name = "a &" * 70_000
    key = customer_key(name)
    assert key.startswith("a-a-") and len(key) == 2 * 70_000 - 1
