"""Legacy numbers: money text, discount percentages and the two kinds of product reference.

Pure functions, no I/O; the rules and their reasons are tabled in
:mod:`emporium.legacy.parsers`. Every parser returns a value or a reason and never raises.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

__all__ = [
    "CURRENCY_CODES",
    "CURRENCY_SYMBOLS",
    "Discount",
    "Money",
    "parse_discount_pct",
    "parse_int_ref",
    "parse_money",
    "parse_uuid_ref",
]

CURRENCY_CODES: frozenset[str] = frozenset({"USD", "EUR", "GBP", "CAD", "AUD", "JPY"})
# Symbols (compared upper-cased). A bare '$' is "some dollar": USD alone, but it agrees with
# a dollar code written beside it ('$12 CAD' is Canadian dollars).
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD",
    "€": "EUR", "£": "GBP", "¥": "JPY",
}  # fmt: skip
_BARE_DOLLAR_FITS = frozenset({"USD", "CAD", "AUD"})

_MAX_MONEY_CHARS = 100  # longer text is never a price; also bounds regex backtracking
_MAX_INTEGER_DIGITS = 10  # numeric(14,4)
_LIMIT = Decimal(10) ** _MAX_INTEGER_DIGITS
_PLACES = Decimal("0.0001")
_CENTS = Decimal("0.01")
_INT4_MAX = 2_147_483_647

# Sign, currency before, sign, the number (digits and separators), currency after.
_CURRENCY = r"(?:[A-Za-z]{2})?\$|[A-Za-z]\$|[€£¥]|[A-Za-z]{3}"
_SHAPE = re.compile(
    r"(?P<neg1>[-\u2212])?\s*"
    rf"(?:(?P<pre>{_CURRENCY})\s*)?"
    r"(?P<neg2>[-\u2212])?\s*"
    r"(?P<num>[0-9.,](?:[0-9., \u00a0\u202f]*[0-9.,])?)"
    rf"(?:\s*(?P<post>{_CURRENCY}))?"
)
# The number spellings, tried as one alternation (fullmatch backtracks across them):
# plain / dot decimal, '.5', US thousands, decimal comma (1-2 digits, no dot), European
# thousands with a decimal comma, European thousands alone (two dots or more), thousands
# separated by (non-breaking) spaces with either decimal separator.
_NUMBER = re.compile(
    r"(?P<i1>[0-9]+)(?:\.(?P<f1>[0-9]*))?"
    r"|\.(?P<f2>[0-9]+)"
    r"|(?P<i3>[0-9]{1,3}(?:,[0-9]{3})+)(?:\.(?P<f3>[0-9]*))?"
    r"|(?P<i4>[0-9]+),(?P<f4>[0-9]{1,2})"
    r"|(?P<i5>[0-9]{1,3}(?:\.[0-9]{3})+),(?P<f5>[0-9]*)"
    r"|(?P<i6>[0-9]{1,3}(?:\.[0-9]{3}){2,})"
    r"|(?P<i7>[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+)(?:[.,](?P<f7>[0-9]*))?"
)
_NOT_DIGIT = re.compile(r"[^0-9]")
# The commonest spellings ('120', '$120.00'), answered without the general machinery.
_PLAIN = re.compile(r"(\$?)([0-9]{1,10}(?:\.[0-9]{0,4})?)")
_INT_REF = re.compile(r"[0-9]+")
_UUID_REF = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount and its ISO currency, or (both None) the reason it could not be read."""

    amount: Decimal | None
    currency: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class Discount:
    """A percentage in (0, 100], or None for "no discount" (reason None) or a problem."""

    percent: Decimal | None
    reason: str | None


def _fail(reason: str) -> Money:
    return Money(None, None, reason)


def _currency(pre: str | None, post: str | None, default: str) -> str | None:
    """The ISO code the text names (None when unknown or contradictory), else DEFAULT."""
    named: list[str] = []
    for mark in (pre, post):
        if mark is None:
            continue
        mark = mark.upper()
        code = CURRENCY_SYMBOLS.get(mark) or (mark if mark in CURRENCY_CODES else None)
        if code is None:
            return None
        named.append("$" if mark == "$" else code)
    if not named:
        return default
    if len(named) == 2 and "$" in named:
        other = named[1 - named.index("$")]
        return other if other in _BARE_DOLLAR_FITS else None
    if len(named) == 2 and named[0] != named[1]:
        return None
    return CURRENCY_SYMBOLS.get(named[0], named[0])


def parse_money(raw: str | None, default_currency: str = "USD") -> Money:
    """Read a legacy money text ('$1,299.99', '95 EUR', '1.299,99') as Decimal + currency."""
    if raw is None:
        return _fail("missing")
    text = raw.strip()
    if not text:
        return _fail("missing")
    if len(text) > _MAX_MONEY_CHARS:
        return _fail("not_a_number")
    plain = _PLAIN.fullmatch(text)
    if plain is not None:
        return Money(Decimal(plain[2]), "USD" if plain[1] else default_currency, None)
    shape = _SHAPE.fullmatch(text)
    if shape is None:
        return _fail("not_a_number")
    neg1, pre, neg2, num, post = shape.group("neg1", "pre", "neg2", "num", "post")
    if neg1 and neg2:
        return _fail("not_a_number")
    number = _NUMBER.fullmatch(num)
    if number is None:
        return _fail("not_a_number")
    # Exactly one alternative matched, so only its groups are set.
    groups = number.groupdict()
    whole = next((v for k, v in groups.items() if k[0] == "i" and v is not None), "")
    fraction = next((v for k, v in groups.items() if k[0] == "f" and v is not None), "")
    whole = _NOT_DIGIT.sub("", whole)
    currency = _currency(pre, post, default_currency)
    if currency is None:
        return _fail("unknown_currency")
    if (neg1 or neg2) and (whole.strip("0") or fraction.strip("0")):
        return _fail("negative")
    if len(whole.lstrip("0")) > _MAX_INTEGER_DIGITS:
        return _fail("too_large")
    amount = Decimal(f"{whole or '0'}.{fraction}" if fraction else whole or "0")
    if len(fraction) > 4:
        amount = amount.quantize(_PLACES, rounding=ROUND_HALF_EVEN)
    if amount >= _LIMIT:
        return _fail("too_large")
    return Money(amount, currency, None)


def parse_discount_pct(value: Decimal | None) -> Discount:
    """A legacy dealers.discount_pct as the percentage emporium stores (0 < p <= 100)."""
    if value is None:
        return Discount(None, "missing")
    if value.is_nan():
        return Discount(None, "not_a_number")
    if value.is_infinite() or value < 0 or value > 100:
        return Discount(None, "out_of_range")
    percent = value.quantize(_CENTS, rounding=ROUND_HALF_EVEN)
    if percent == 0:  # 0, or so small it rounds to 0.00: no discount, not a problem
        return Discount(None, None)
    return Discount(percent, None)


def parse_int_ref(raw: str | None) -> int | None:
    """order_items.product_ref as a sneakers.id: digits only, 1 .. 2^31-1; else None."""
    if raw is None:
        return None
    text = raw.strip()
    if _INT_REF.fullmatch(text) is None:
        return None
    digits = text.lstrip("0")
    if not digits or len(digits) > 10:
        return None
    value = int(digits)
    return value if value <= _INT4_MAX else None


def parse_uuid_ref(raw: str | None) -> uuid.UUID | None:
    """order_items.product_ref as a products.id: dashed uuid, any case, optionally braced."""
    if raw is None:
        return None
    text = raw.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    if _UUID_REF.fullmatch(text) is None:
        return None
    return uuid.UUID(text)
