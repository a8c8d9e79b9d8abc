"""Public holidays offered for the business hours: from the `holidays` library, by country and
region (state, province), for the years asked; the window then lets them be edited.

billing-rules.md keeps holidays as plain dates in `business_hours.holidays`, so what is
offered here is copied in as dates; the names only help the person choosing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

import holidays
from holidays import registry

_WORD_START = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # English, as the library names it
    regions: tuple[tuple[str, str], ...]  # (code, name) of its subdivisions


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name: str


def _english(class_name: str) -> str:
    """ "UnitedStates" → "United States"."""
    return _WORD_START.sub(" ", class_name)


@cache
def countries() -> tuple[Country, ...]:
    """Every country the library knows, by English name, with its regions."""
    found = []
    for class_name, code, *_ in registry.COUNTRIES.values():
        cls = holidays.country_holidays(code).__class__
        names = {v: k for k, v in getattr(cls, "subdivisions_aliases", {}).items()}
        regions = tuple((sub, names.get(sub, sub)) for sub in getattr(cls, "subdivisions", ()))
        found.append(Country(code, _english(class_name), regions))
    return tuple(sorted(found, key=lambda country: country.name))


def public_holidays(
    country: str, region: str | None, years: Iterable[int], language: str | None = None
) -> list[Holiday]:
    """The public holidays of `country` (and `region`) in `years`, in date order.

    ValueError names an unknown country or region. `language` (e.g. "de") names them in
    that language where the library has it, else in the country's own.
    """
    try:
        cls = holidays.country_holidays(country).__class__
    except NotImplementedError:
        raise ValueError(f"no public holidays known for the country {country!r}") from None
    if region and region not in getattr(cls, "subdivisions", ()):
        raise ValueError(f"{country} has no region {region!r}")
    found = holidays.country_holidays(country, subdiv=region or None, years=list(years))
    if language and language in getattr(found, "supported_languages", ()):
        found = holidays.country_holidays(
            country, subdiv=region or None, years=list(years), language=language
        )
    return [Holiday(day, str(name)) for day, name in sorted(found.items())]
