"""Legacy release dates: ISO, US month/day/year, 'Mar 2021', '2021', 'TBA' as a date + precision.

Pure, no I/O; the rules are tabled in :mod:`emporium.legacy.parsers`. A date written only
to the month or year becomes the first day of it, with a precision that says so, so that
the catalog never shows '1 March 2021' for a sneaker announced for 'March 2021'.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["ParsedDate", "parse_date"]

_MIN_YEAR = 1900
_MAX_YEAR = 2100
_MAX_CHARS = 64

# Placeholders that mean "no date yet": missing, not junk.
_MISSING = frozenset({"tba", "tbd", "tbc", "n/a", "na", "none", "null", "unknown", "-"})
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
        ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
        ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
        ("dec", "december"),
    ),
    start=1,
):  # fmt: skip
    for _name in _names:
        _MONTHS[_name] = _number

# Input is lower-cased with whitespace collapsed. Each form gives year, month[, day].
_TIME = (
    r"(?:[t ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?"
    r"(?: ?(?:z|utc|[+-][0-9]{2}(?::?[0-9]{2})?))?)?"
)
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    # 2021-03-10, 2021/03/10, 2021.03.10, optionally with a time (ignored: the date as written)
    (
        re.compile(r"(?P<y>[0-9]{4})(?P<s>[-/.])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})" + _TIME),
        "day",
    ),
    # 03/10/2021, 3/1/2021, 03-10-2021: US month/day/year, never day/month
    (re.compile(r"(?P<m>[0-9]{1,2})(?P<s>[/-])(?P<d>[0-9]{1,2})(?P=s)(?P<y>[0-9]{4})"), "day"),
    (re.compile(r"(?P<y>[0-9]{4})"), "year"),
    # Mar 2021, March 2021, mar. 2021, March, 2021
    (re.compile(r"(?P<mn>[a-z]{3,9})\.?,? ?(?P<y>[0-9]{4})"), "month"),
    # 2021-03, 2021/03, 03/2021
    (
        re.compile(r"(?P<y>[0-9]{4})[-/](?P<m>[0-9]{1,2})|(?P<m2>[0-9]{1,2})/(?P<y2>[0-9]{4})"),
        "month",
    ),
    # Mar 10, 2021 / March 10th 2021 / 10 Mar 2021
    (
        re.compile(r"(?P<mn>[a-z]{3,9})\.? (?P<d>[0-9]{1,2})(?:st|nd|rd|th)?,? (?P<y>[0-9]{4})"),
        "day",
    ),
    (re.compile(r"(?P<d>[0-9]{1,2}) (?P<mn>[a-z]{3,9})\.?,? (?P<y>[0-9]{4})"), "day"),
)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A calendar date, how much of it was written ('day', 'month', 'year'), or a reason."""

    value: datetime.date | None
    precision: str | None
    reason: str | None


# The commonest spelling ('2021-03-10'), answered without the general machinery.
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_UNPARSEABLE = ParsedDate(None, None, "unparseable_date")
_MISSING_DATE = ParsedDate(None, None, "missing")


def _build(fields: dict[str, str | None], precision: str) -> ParsedDate:
    year = int(fields.get("y") or fields.get("y2") or 0)
    if fields.get("mn") is not None:
        month = _MONTHS.get(fields["mn"] or "", 0)
    else:
        month = int(fields.get("m") or fields.get("m2") or 1)
    day = int(fields.get("d") or 1)
    if not (_MIN_YEAR <= year <= _MAX_YEAR):
        return _UNPARSEABLE
    try:
        return ParsedDate(datetime.date(year, month, day), precision, None)
    except ValueError:  # 2021-02-30, month 13, an unknown month name (0)
        return _UNPARSEABLE


def parse_date(raw: str | None) -> ParsedDate:
    """Read a legacy date text as the day it names and how precisely it names it."""
    if raw is None:
        return _MISSING_DATE
    text = " ".join(raw.split()).lower()
    if not text or text in _MISSING:
        return _MISSING_DATE
    if len(text) > _MAX_CHARS:
        return _UNPARSEABLE
    iso = _ISO_DAY.fullmatch(text)
    if iso is not None:
        return _build({"y": iso[1], "m": iso[2], "d": iso[3]}, "day")
    for pattern, precision in _FORMS:
        found = pattern.fullmatch(text)
        if found is not None:
            return _build(found.groupdict(), precision)
    return _UNPARSEABLE
