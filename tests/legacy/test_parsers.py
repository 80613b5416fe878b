"""The legacy value parsers (emporium.legacy.parsers): every spelling the legacy schema's
comments and the migration brief name, with the exact result, plus properties that hold for
any input (nothing raises, money and sizes round-trip, canonical forms are idempotent).

No database: the parsers are pure. Hypothesis runs a few hundred examples per property.
"""

from __future__ import annotations

import datetime
import itertools
import re
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emporium.legacy import parsers_text
from emporium.legacy.parsers import (
    CONDITION_SPELLINGS,
    DEAD_PLACEHOLDER_HOSTS,
    EU_TO_US_MEN,
    ORDER_STATUS_SPELLINGS,
    REASONS,
    ROLE_SPELLINGS,
    TIER_SPELLINGS,
    Choice,
    Discount,
    Email,
    ImageUrl,
    Money,
    ParsedDate,
    Size,
    StyleCode,
    classify_image_url,
    display_name,
    parse_condition,
    parse_date,
    parse_discount_pct,
    parse_email,
    parse_int_ref,
    parse_money,
    parse_order_status,
    parse_role,
    parse_size,
    parse_style_code,
    parse_tier,
    parse_uuid_ref,
    slugify,
    text_key,
)

PROPERTY = settings(max_examples=300, deadline=None)
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
D = Decimal


# --- money -------------------------------------------------------------------------------

MONEY = [
    # the spellings of sneakers.price / orders.total / unit_price / dealer_prices.price
    ("$120.00", "120.00", "USD", None),
    ("120", "120", "USD", None),
    ("1,299.99", "1299.99", "USD", None),
    ("$1,299.99", "1299.99", "USD", None),
    ("€95", "95", "EUR", None),
    ("95 EUR", "95", "EUR", None),
    ("95eur", "95", "EUR", None),
    ("USD 12.5", "12.5", "USD", None),
    ("usd12.5", "12.5", "USD", None),
    ("£10", "10", "GBP", None),
    ("GBP 10", "10", "GBP", None),
    ("10 cad", "10", "CAD", None),
    ("AUD 10", "10", "AUD", None),
    ("JPY 1200", "1200", "JPY", None),
    ("¥1,200", "1200", "JPY", None),
    ("US$5", "5", "USD", None),
    ("C$5", "5", "CAD", None),
    ("CA$ 5", "5", "CAD", None),
    ("A$5", "5", "AUD", None),
    ("5 AU$", "5", "AUD", None),
    ("$12 CAD", "12", "CAD", None),
    ("€12 EUR", "12", "EUR", None),
    ("95,50", "95.50", "USD", None),
    ("95,5", "95.5", "USD", None),
    ("1.299,99", "1299.99", "USD", None),
    ("€1.299,99", "1299.99", "EUR", None),
    ("1.299.999", "1299999", "USD", None),
    ("1,299", "1299", "USD", None),
    ("1.299", "1.299", "USD", None),
    ("12,345,678.90", "12345678.90", "USD", None),
    ("1 299,99 €", "1299.99", "EUR", None),
    ("1\u00a0299.99", "1299.99", "USD", None),
    (" 120 ", "120", "USD", None),
    ("$ 120", "120", "USD", None),
    ("\t$120.00\n", "120.00", "USD", None),
    (".99", "0.99", "USD", None),
    ("120.", "120", "USD", None),
    ("0", "0", "USD", None),
    ("$0.00", "0.00", "USD", None),
    ("-0", "0", "USD", None),
    ("12.34567", "12.3457", "USD", None),
    ("12.34565", "12.3456", "USD", None),  # half-even
    ("9999999999.9999", "9999999999.9999", "USD", None),
    ("0000000000012", "12", "USD", None),
    # what the demo legacy database injects as unparseable
    (None, None, None, "missing"),
    ("", None, None, "missing"),
    ("   ", None, None, "missing"),
    ("N/A", None, None, "not_a_number"),
    ("TBD", None, None, "not_a_number"),
    ("call", None, None, "not_a_number"),
    ("$$$", None, None, "not_a_number"),
    ("free?", None, None, "not_a_number"),
    ("12O.00", None, None, "not_a_number"),
    ("$", None, None, "not_a_number"),
    ("USD", None, None, "not_a_number"),
    ("1,2345", None, None, "not_a_number"),
    ("1,23,456", None, None, "not_a_number"),
    ("1.2.3", None, None, "not_a_number"),
    ("12.50.", None, None, "not_a_number"),
    ("1e3", None, None, "not_a_number"),
    ("\uff11\uff12\uff10", None, None, "not_a_number"),  # full-width digits: not ASCII
    ("--5", None, None, "not_a_number"),
    ("1" * 101, None, None, "not_a_number"),
    ("CHF 12", None, None, "unknown_currency"),
    ("12 abc", None, None, "unknown_currency"),
    ("$12 EUR", None, None, "unknown_currency"),
    ("€12 USD", None, None, "unknown_currency"),
    ("USD 12 EUR", None, None, "unknown_currency"),
    ("XX$12", None, None, "unknown_currency"),
    ("-5", None, None, "negative"),
    ("-$5.00", None, None, "negative"),
    ("$-5.00", None, None, "negative"),
    ("\u22125", None, None, "negative"),
    ("-0.00001", None, None, "negative"),
    ("-99999999999", None, None, "negative"),
    ("99999999999", None, None, "too_large"),
    ("10000000000", None, None, "too_large"),
    ("9999999999.99995", None, None, "too_large"),  # rounds up to 11 digits
    ("$12,345,678,901.00", None, None, "too_large"),
]


@pytest.mark.parametrize(("raw", "amount", "currency", "reason"), MONEY)
def test_parse_money_reads_each_legacy_spelling(
    raw: str | None, amount: str | None, currency: str | None, reason: str | None
) -> None:
    got = parse_money(raw)
    assert got == Money(None if amount is None else D(amount), currency, reason)
    if amount is not None:  # the scale is kept (not just the value): '120.00' stays 120.00
        assert str(got.amount) == amount


def test_parse_money_uses_the_store_currency_only_when_the_text_names_none() -> None:
    assert parse_money("120", "EUR") == Money(D(120), "EUR", None)
    assert parse_money("$120", "EUR") == Money(D(120), "USD", None)
    assert parse_money("120 GBP", "EUR") == Money(D(120), "GBP", None)


# --- sizes -------------------------------------------------------------------------------

SIZES = [
    ("US 10.5", "10.5", "US 10.5", "us", None),
    ("10.5", "10.5", "US 10.5", "us", None),
    ("10,5", "10.5", "US 10.5", "us", None),
    ("us10.5", "10.5", "US 10.5", "us", None),
    ("10.5 US", "10.5", "US 10.5", "us", None),
    ("10.5us", "10.5", "US 10.5", "us", None),
    ("US10", "10.0", "US 10", "us", None),
    ("10", "10.0", "US 10", "us", None),
    ("10.0", "10.0", "US 10", "us", None),
    ("10.50", "10.5", "US 10.5", "us", None),
    ("10½", "10.5", "US 10.5", "us", None),
    ("Size 10.5", "10.5", "US 10.5", "us", None),
    ("size: US 9", "9.0", "US 9", "us", None),
    ("  us   10.5  ", "10.5", "US 10.5", "us", None),
    ("M 10", "10.0", "US 10", "us", None),
    ("Men's 10", "10.0", "US 10", "us", None),
    ("US M 10", "10.0", "US 10", "us", None),
    ("1", "1.0", "US 1", "us", None),
    ("22", "22.0", "US 22", "us", None),
    ("M 9 / W 10.5", "9.0", "M 9 / W 10.5", "us", None),
    ("M9/W10.5", "9.0", "M 9 / W 10.5", "us", None),
    ("Men 9 / Women 10.5", "9.0", "M 9 / W 10.5", "us", None),
    ("mens 9 womens 10,5", "9.0", "M 9 / W 10.5", "us", None),
    ("M 9 - W 10.5", "9.0", "M 9 / W 10.5", "us", None),
    ("W 10.5 / M 9", "9.0", "M 9 / W 10.5", "us", None),
    ("M 10.5 / W 12", "10.5", "M 10.5 / W 12", "us", None),
    ("W 10.5", "9.0", "W 10.5", "us", None),
    ("Women's 10.5", "9.0", "W 10.5", "us", None),
    ("WMNS 8", "6.5", "W 8", "us", None),
    ("w8 us", "6.5", "W 8", "us", None),
    ("EU 44", "10.0", "EU 44", "eu", None),
    ("eu44", "10.0", "EU 44", "eu", None),
    ("44 EU", "10.0", "EU 44", "eu", None),
    ("EUR 44,5", "10.5", "EU 44.5", "eu", None),
    ("EU 38.5", "6.0", "EU 38.5", "eu", None),
    ("EU 49.5", "15.0", "EU 49.5", "eu", None),
    ("EU 36", "4.0", "EU 36", "eu", None),  # the chart's small end (the demo database writes it)
    ("UK 9", "10.0", "UK 9", "uk", None),
    ("uk9.5", "10.5", "UK 9.5", "uk", None),
    ("9 UK", "10.0", "UK 9", "uk", None),
    ("EU 43.7", None, "EU 43.7", "eu", "unconvertible_size"),
    ("EU 43", "9.5", "EU 43", "eu", None),
    ("EU 41.5", None, "EU 41.5", "eu", "unconvertible_size"),
    (None, None, None, None, "missing"),
    ("", None, None, None, "missing"),
    ("   ", None, None, None, "missing"),
    ("XL", None, "XL", None, "unparseable_size"),
    ("one size", None, "one size", None, "unparseable_size"),
    ("  one   size ", None, "one size", None, "unparseable_size"),
    ("???", None, "???", None, "unparseable_size"),
    ("see photos", None, "see photos", None, "unparseable_size"),
    ("10.5.5", None, "10.5.5", None, "unparseable_size"),
    ("10.25", None, "10.25", None, "unparseable_size"),
    ("99", None, "99", None, "unparseable_size"),
    ("0", None, "0", None, "unparseable_size"),
    ("0.5", None, "0.5", None, "unparseable_size"),
    ("22.5", None, "22.5", None, "unparseable_size"),
    ("W 2", None, "W 2", None, "unparseable_size"),  # men's 0.5
    ("UK 21.5", None, "UK 21.5", None, "unparseable_size"),  # US 22.5
    ("M 9 / W 99", None, "M 9 / W 99", None, "unparseable_size"),
    ("EU 10", None, "EU 10", None, "unparseable_size"),
    ("5Y", None, "5Y", None, "unparseable_size"),
    ("EU 42 2/3", None, "EU 42 2/3", None, "unparseable_size"),
    ("x" * 40, None, "x" * 40, None, "unparseable_size"),
    ("x" * 41, None, None, None, "unparseable_size"),
]


@pytest.mark.parametrize(("raw", "us", "label", "system", "reason"), SIZES)
def test_parse_size_reads_each_legacy_spelling(
    raw: str | None, us: str | None, label: str | None, system: str | None, reason: str | None
) -> None:
    got = parse_size(raw)
    assert got == Size(None if us is None else D(us), label, system, reason)
    if us is not None:  # one decimal place, as size_us numeric(4,1) stores it
        assert str(got.us) == us


def test_eu_chart_is_the_nike_mens_chart_from_the_brief() -> None:
    brief = {
        "38.5": "6", "39": "6.5", "40": "7", "40.5": "7.5", "41": "8", "42": "8.5",
        "42.5": "9", "43": "9.5", "44": "10", "44.5": "10.5", "45": "11", "45.5": "11.5",
        "46": "12", "47": "12.5", "47.5": "13", "48": "13.5", "48.5": "14", "49.5": "15",
    }  # fmt: skip
    for eu, us in brief.items():
        assert parse_size(f"EU {eu}").us == D(us)
    # the chart is monotonic: a bigger EU size is never a smaller US size
    pairs = sorted(EU_TO_US_MEN.items())
    assert all(a[1] < b[1] for a, b in itertools.pairwise(pairs))


# --- dates -------------------------------------------------------------------------------

DATES = [
    ("2021-03-10", datetime.date(2021, 3, 10), "day", None),
    ("2021/03/10", datetime.date(2021, 3, 10), "day", None),
    ("2021.03.10", datetime.date(2021, 3, 10), "day", None),
    ("2021-3-1", datetime.date(2021, 3, 1), "day", None),
    ("03/10/2021", datetime.date(2021, 3, 10), "day", None),
    ("3/1/2021", datetime.date(2021, 3, 1), "day", None),
    ("03-10-2021", datetime.date(2021, 3, 10), "day", None),
    ("2021-03-10T00:00:00Z", datetime.date(2021, 3, 10), "day", None),
    ("2021-03-10T23:30:00-05:00", datetime.date(2021, 3, 10), "day", None),  # as written
    ("2021-03-10 14:30:00.123456+0200", datetime.date(2021, 3, 10), "day", None),
    ("2021-03-10 14:30", datetime.date(2021, 3, 10), "day", None),
    ("Mar 10, 2021", datetime.date(2021, 3, 10), "day", None),
    ("March 10th 2021", datetime.date(2021, 3, 10), "day", None),
    ("10 Mar 2021", datetime.date(2021, 3, 10), "day", None),
    ("Mar 2021", datetime.date(2021, 3, 1), "month", None),
    ("March 2021", datetime.date(2021, 3, 1), "month", None),
    ("march, 2021", datetime.date(2021, 3, 1), "month", None),
    ("Sept. 2021", datetime.date(2021, 9, 1), "month", None),
    ("DEC 1999", datetime.date(1999, 12, 1), "month", None),
    ("2021-03", datetime.date(2021, 3, 1), "month", None),
    ("03/2021", datetime.date(2021, 3, 1), "month", None),
    ("2021", datetime.date(2021, 1, 1), "year", None),
    (" 2021 ", datetime.date(2021, 1, 1), "year", None),
    ("1900", datetime.date(1900, 1, 1), "year", None),
    ("2100-12-31", datetime.date(2100, 12, 31), "day", None),
    ("2024-02-29", datetime.date(2024, 2, 29), "day", None),
    (None, None, None, "missing"),
    ("", None, None, "missing"),
    ("  ", None, None, "missing"),
    ("TBA", None, None, "missing"),
    ("tbd", None, None, "missing"),
    (" TBC ", None, None, "missing"),
    ("N/A", None, None, "missing"),
    ("unknown", None, None, "missing"),
    ("2021-02-30", None, None, "unparseable_date"),
    ("2023-02-29", None, None, "unparseable_date"),
    ("13/45/2021", None, None, "unparseable_date"),
    ("2021-13-45", None, None, "unparseable_date"),
    ("25/12/2021", None, None, "unparseable_date"),  # never guessed as day/month
    ("10.03.21", None, None, "unparseable_date"),
    ("3/1/21", None, None, "unparseable_date"),
    ("Q3", None, None, "unparseable_date"),
    ("coming soon", None, None, "unparseable_date"),
    ("Foo 2021", None, None, "unparseable_date"),
    ("1899", None, None, "unparseable_date"),
    ("2101-01-01", None, None, "unparseable_date"),
    ("0000-01-01", None, None, "unparseable_date"),
    ("2021-03/10", None, None, "unparseable_date"),
    ("2021-03-10T25", None, None, "unparseable_date"),
    ("2021" * 20, None, None, "unparseable_date"),
]


@pytest.mark.parametrize(("raw", "value", "precision", "reason"), DATES)
def test_parse_date_reads_each_legacy_spelling(
    raw: str | None, value: datetime.date | None, precision: str | None, reason: str | None
) -> None:
    assert parse_date(raw) == ParsedDate(value, precision, reason)


# The CHECK constraints' lists (migrations v0002): every target must be reachable.
ORDER_STATES = ("pending", "confirmed", "paid", "fulfilled", "shipped", "delivered",
                "cancelled", "refunded")  # fmt: skip
CONDITION_VALUES = ("new", "vnds", "used_good", "used_fair", "refurbished")

# --- enumerations ------------------------------------------------------------------------

ROLES = [
    ("admin", "admin", None), ("Admin ", "admin", None), ("ADMIN", "admin", None),
    ("administrator", "admin", None), ("superuser", "admin", None),
    ("Super User", "admin", None),
    ("vendor", "vendor", None), ("Vendor ", "vendor", None), ("seller", "vendor", None),
    ("Seller", "vendor", None), ("merchant", "vendor", None), ("store", "vendor", None),
    ("rep", "rep", None), ("account rep", "rep", None), ("account_rep", "rep", None),
    ("Account-Rep", "rep", None), ("sales rep", "rep", None), ("Sales Rep", "rep", None),
    ("sales", "rep", None),
    ("customer", "customer", None), ("Customer", "customer", None),
    ("buyer", "customer", None), ("client", "customer", None), ("user", "customer", None),
    ("member", "customer", None),
    ("staff", "customer", "unknown_role"), ("staff?", "customer", "unknown_role"),
    ("vip", "customer", "unknown_role"), ("test", "customer", "unknown_role"),
    ("wholesale", "customer", "unknown_role"), ("ops", "customer", "unknown_role"),
    ("admin!", "customer", "unknown_role"),
    (None, "customer", "missing_role"), ("", "customer", "missing_role"),
    ("  ", "customer", "missing_role"),
]  # fmt: skip
STATUSES = [
    ("pending", "pending", None), ("new", "pending", None), ("NEW", "pending", None),
    ("Paid", "paid", None), ("paid", "paid", None), ("paid ", "paid", None),
    ("processing", "confirmed", None), ("confirmed", "confirmed", None),
    ("fulfilled", "fulfilled", None),
    ("shipped", "shipped", None), ("Shipped ", "shipped", None),
    ("in transit", "shipped", None), ("In-Transit", "shipped", None),
    ("delivered", "delivered", None), ("complete", "delivered", None),
    ("completed", "delivered", None), ("COMPLETE", "delivered", None),
    ("canceled", "cancelled", None), ("cancelled", "cancelled", None),
    ("CANCELED", "cancelled", None), ("refunded", "refunded", None),
    ("returned", "refunded", None),
    ("on hold", "pending", "unknown_status"), ("test", "pending", "unknown_status"),
    ("closed", "pending", "unknown_status"),
    ("partially refunded", "pending", "unknown_status"),
    (None, "pending", "missing_status"), ("", "pending", "missing_status"),
]  # fmt: skip
TIERS = [
    ("gold", "gold", None), ("Gold", "gold", None), ("GOLD", "gold", None),
    ("SILVER", "silver", None), ("Silver ", "silver", None), ("platinum", "platinum", None),
    ("bronze", "bronze", None), (" Bronze", "bronze", None),
    ("vip", "bronze", "unknown_tier"), ("tier 2", "bronze", "unknown_tier"),
    ("GOLD+", "bronze", "unknown_tier"),
    (None, "bronze", "missing_tier"), (" ", "bronze", "missing_tier"),
]  # fmt: skip
CONDITIONS = [
    ("new", "new", None), ("NEW", "new", None), ("DS", "new", None),
    ("deadstock", "new", None), ("dead stock", "new", None), ("Dead-Stock", "new", None),
    ("brand new", "new", None), ("NIB", "new", None), ("BNIB", "new", None),
    ("VNDS", "vnds", None), ("very near deadstock", "vnds", None),
    ("like new", "vnds", None), ("Like New", "vnds", None),
    ("used", "used_good", None), ("Used - good", "used_good", None),
    ("used good", "used_good", None), ("used_good", "used_good", None),
    ("good", "used_good", None), ("pre-owned", "used_good", None),
    ("Pre Owned", "used_good", None),
    ("used - fair", "used_fair", None), ("fair", "used_fair", None),
    ("worn", "used_fair", None), ("refurbished", "refurbished", None),
    ("like new (no box)", "vnds", "condition_remark_dropped"),
    ("DS (box damaged)", "new", "condition_remark_dropped"),
    ("new ()", "new", None),
    ("mint", "new", "unknown_condition"), ("foo (bar)", "new", "unknown_condition"),
    ("(new)", "new", "unknown_condition"), ("used?", "new", "unknown_condition"),
    (None, "new", "missing_condition"), ("", "new", "missing_condition"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("parse", "raw", "value", "reason"),
    [(parse_role, *row) for row in ROLES]
    + [(parse_order_status, *row) for row in STATUSES]
    + [(parse_tier, *row) for row in TIERS]
    + [(parse_condition, *row) for row in CONDITIONS],
)
def test_choice_parsers_map_each_legacy_spelling(
    parse: Callable[[str | None], Choice], raw: str | None, value: str, reason: str | None
) -> None:
    assert parse(raw) == Choice(value, reason)


@pytest.mark.parametrize(
    ("parse", "spellings", "allowed"),
    [
        (parse_role, ROLE_SPELLINGS, {"customer", "vendor", "rep", "admin"}),
        (parse_order_status, ORDER_STATUS_SPELLINGS, set(ORDER_STATES)),
        (parse_tier, TIER_SPELLINGS, {"bronze", "silver", "gold", "platinum"}),
        (parse_condition, CONDITION_SPELLINGS, set(CONDITION_VALUES)),
    ],
)
def test_every_listed_spelling_maps_to_an_allowed_target_in_any_case_and_spacing(
    parse: Callable[[str | None], Choice], spellings: dict[str, tuple[str, ...]], allowed: set[str]
) -> None:
    assert set(spellings) == allowed  # every target (the CHECK constraint's list) is reachable
    for target, names in spellings.items():
        for name in names:
            for spelled in (name, name.upper(), f"  {name.title()} ", name.replace(" ", "_")):
                assert parse(spelled) == Choice(target, None), spelled


# --- style codes, emails, names, slugs ----------------------------------------------------

STYLE_CODES = [
    ("DD1391-100", "DD1391-100", "DD1391100", None),
    ("dd1391 100", "DD1391-100", "DD1391100", None),
    (" DD1391-100 ", "DD1391-100", "DD1391100", None),
    ("DD1391100", "DD1391100", "DD1391100", None),
    ("dd1391-100 ", "DD1391-100", "DD1391100", None),
    ("dd1391_100", "DD1391-100", "DD1391100", None),
    ("dd1391 . _ -100", "DD1391-100", "DD1391100", None),
    ("DD1391.100", "DD1391-100", "DD1391100", None),
    ("-DD1391-100-", "DD1391-100", "DD1391100", None),
    ("DD1391/100", "DD1391/100", "DD1391100", None),
    (
        "\uff24\uff24\uff11\uff13\uff19\uff11\uff0d\uff11\uff10\uff10",
        "DD1391-100",
        "DD1391100",
        None,
    ),
    ("555088 134", "555088-134", "555088134", None),
    (None, None, None, "missing"),
    ("", None, None, "missing"),
    ("   ", None, None, "missing"),
    ("---", None, None, "unparseable_style_code"),
    ("?/!", None, None, "unparseable_style_code"),
    ("A" * 41, None, None, "unparseable_style_code"),
    ("DD1391\x00100", None, None, "unparseable_style_code"),
]


@pytest.mark.parametrize(("raw", "code", "key", "reason"), STYLE_CODES)
def test_parse_style_code_gives_the_canonical_code_and_its_key(
    raw: str | None, code: str | None, key: str | None, reason: str | None
) -> None:
    assert parse_style_code(raw) == StyleCode(code, key, reason)


EMAILS = [
    ("ann@example.com", "ann@example.com", None),
    ("  Ann.Lee+shoes@Example.COM ", "ann.lee+shoes@example.com", None),
    ("a@b.co", "a@b.co", None),
    (None, None, "missing"),
    ("", None, "missing"),
    ("  ", None, "missing"),
    ("ann@", None, "invalid_email"),
    ("ann at gmail.com", None, "invalid_email"),
    ("n/a", None, "invalid_email"),
    ("ann@@yahoo.com", None, "invalid_email"),
    ("ann.gmail.com", None, "invalid_email"),
    ("none", None, "invalid_email"),
    ("ann@gmail", None, "invalid_email"),
    ("ann lee@gmail.com", None, "invalid_email"),
    ("ann@gmail.com\x00", None, "invalid_email"),
    ("a@" + "b" * 250 + ".com", None, "invalid_email"),
]


@pytest.mark.parametrize(("raw", "value", "reason"), EMAILS)
def test_parse_email_trims_lowercases_and_rejects_non_addresses(
    raw: str | None, value: str | None, reason: str | None
) -> None:
    assert parse_email(raw) == Email(value, reason)


@pytest.mark.parametrize(
    ("raw", "key", "shown"),
    [
        ("Sneaker Palace", "sneaker palace", "Sneaker Palace"),
        (" sneaker palace", "sneaker palace", "sneaker palace"),
        ("SNEAKER  PALACE", "sneaker palace", "SNEAKER PALACE"),
        ("\tSneaker\n Palace\u00a0", "sneaker palace", "Sneaker Palace"),
        ("Nike", "nike", "Nike"),
        (" NIKE", "nike", "NIKE"),
        ("Straße", "strasse", "Straße"),
        (None, None, None),
        ("", None, None),
        (" \t\n", None, None),
    ],
)
def test_text_key_and_display_name_normalize_whitespace(
    raw: str | None, key: str | None, shown: str | None
) -> None:
    assert text_key(raw) == key
    assert display_name(raw) == shown


@pytest.mark.parametrize(
    ("raw", "slug"),
    [
        ("Nike Dunk Low 'Panda'", "nike-dunk-low-panda"),
        ("  Air Jordan 1 Retro High OG  ", "air-jordan-1-retro-high-og"),
        ("Crème Brûlée", "creme-brulee"),
        ("Straße Ærø Łódź", "strasse-aero-lodz"),
        ("--a--b--", "a-b"),
        ("\uff21\uff22\uff23", "abc"),  # full-width
        ("日本語", None),
        ("---", None),
        ("", None),
        (None, None),
        ("word " * 30, "-".join(["word"] * 16)),  # cut at the dash before char 80
        ("x" * 100, "x" * 80),  # no dash to cut at
    ],
)
def test_slugify_makes_ascii_slugs_of_at_most_80_chars(raw: str | None, slug: str | None) -> None:
    assert slugify(raw) == slug


# --- image URLs and references ---------------------------------------------------------------

IMAGES = [
    (None, "missing", None),
    ("", "missing", None),
    ("  ", "missing", None),
    ("https://via.placeholder.com/600x400?text=No+Image", "dead_placeholder",
     "https://via.placeholder.com/600x400?text=No+Image"),
    ("http://placehold.it/500x500", "dead_placeholder", "http://placehold.it/500x500"),
    ("https://dummyimage.com/600x400/000/fff&text=sneaker", "dead_placeholder",
     "https://dummyimage.com/600x400/000/fff&text=sneaker"),
    ("HTTPS://VIA.PLACEHOLDER.COM/300", "dead_placeholder", "HTTPS://VIA.PLACEHOLDER.COM/300"),
    ("https://cdn.placehold.co/300", "dead_placeholder", "https://cdn.placehold.co/300"),
    ("https://placeholder.com./a", "dead_placeholder", "https://placeholder.com./a"),
    ("//via.placeholder.com/300", "dead_placeholder", "https://via.placeholder.com/300"),
    ("via.placeholder.com/300", "dead_placeholder", "via.placeholder.com/300"),
    (" https://cdn.example.com/a.jpg ", "url", "https://cdn.example.com/a.jpg"),
    ("http://images.example.com:8080/a.jpg?v=2#x", "url",
     "http://images.example.com:8080/a.jpg?v=2#x"),
    ("https://placeholder.com.evil.example/a", "url", "https://placeholder.com.evil.example/a"),
    ("https://notplaceholder.com/a", "url", "https://notplaceholder.com/a"),
    ("//cdn.example.com/a.jpg", "url", "https://cdn.example.com/a.jpg"),
    ("/uploads/sneakers/3.jpg", "relative", "/uploads/sneakers/3.jpg"),
    ("img/a.jpg", "relative", "img/a.jpg"),
    ("a.jpg", "relative", "a.jpg"),
    ("javascript:alert(1)", "invalid", None),
    ("ftp://example.com/a.jpg", "invalid", None),
    ("data:image/png;base64,AAAA", "invalid", None),
    ("no image available", "invalid", None),
    ("C:\\images\\a.jpg", "invalid", None),
    ("http://", "invalid", None),
    ("https:///a.jpg", "invalid", None),
    ("http://[abc/a.jpg", "invalid", None),
    ("//", "invalid", None),
    ("..", "invalid", None),
    ("https://example.com/a\x01.jpg", "invalid", None),
    ("https://example.com/" + "a" * 2100, "invalid", None),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "kind", "url"), IMAGES)
def test_classify_image_url_sorts_each_kind_of_reference(
    raw: str | None, kind: str, url: str | None
) -> None:
    assert classify_image_url(raw) == ImageUrl(kind, url)


def test_every_dead_placeholder_host_is_recognized_with_and_without_subdomain() -> None:
    assert "via.placeholder.com" in DEAD_PLACEHOLDER_HOSTS
    for host in DEAD_PLACEHOLDER_HOSTS:
        for url in (f"https://{host}/1", f"http://img.{host.upper()}/1", f"//{host}/x"):
            assert classify_image_url(url).kind == "dead_placeholder", url


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("42", 42), ("  42 ", 42), ("007", 7), ("2147483647", 2147483647),
        ("2147483648", None), ("0", None), ("-1", None), ("+1", None), ("4.2", None),
        ("٤٢", None), ("1" * 5000, None), ("0" * 30 + "5", 5), ("", None), (None, None),
        ("N/A", None), ("sku:DD1391-100", None), ("abc123", None), ("see notes", None),
    ],
)  # fmt: skip
def test_parse_int_ref_accepts_only_positive_int4_digits(
    raw: str | None, value: int | None
) -> None:
    assert parse_int_ref(raw) == value


REF = uuid.UUID("3f2b8c1e-9d4a-4b7e-8f60-1a2b3c4d5e6f")


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (str(REF), REF), (str(REF).upper(), REF), (f"{{{REF}}}", REF), (f"  {REF}\n", REF),
        (REF.hex, None), (f"{{{REF}", None), (f"urn:uuid:{REF}", None), (str(REF)[:-1], None),
        ("42", None), ("", None), (None, None), ("deleted", None),
    ],
)  # fmt: skip
def test_parse_uuid_ref_accepts_dashed_uuids_in_any_case(
    raw: str | None, value: uuid.UUID | None
) -> None:
    assert parse_uuid_ref(raw) == value


DISCOUNTS = [
    (D(15), D("15.00"), None), (D("12.345"), D("12.34"), None), (D("0.01"), D("0.01"), None),
    (D(100), D("100.00"), None), (D("99.999"), D("100.00"), None),
    (D(0), None, None), (D("0.000"), None, None), (D("0.004"), None, None),
    (None, None, "missing"), (D(-5), None, "out_of_range"), (D("100.01"), None, "out_of_range"),
    (D("1E+100000"), None, "out_of_range"), (D("Infinity"), None, "out_of_range"),
    (D("-Infinity"), None, "out_of_range"), (D("NaN"), None, "not_a_number"),
    (D("sNaN"), None, "not_a_number"),
]  # fmt: skip


@pytest.mark.parametrize(("value", "percent", "reason"), DISCOUNTS)
def test_parse_discount_pct_accepts_0_to_100_exclusive_of_zero(
    value: Decimal | None, percent: Decimal | None, reason: str | None
) -> None:
    got = parse_discount_pct(value)
    assert got == Discount(percent, reason)
    if percent is not None:
        assert str(got.percent) == str(percent)  # numeric(5,2): two places


def test_reasons_lists_exactly_the_codes_the_parsers_return() -> None:
    tables: list[list[tuple[Any, ...]]] = [
        MONEY, SIZES, DATES, ROLES, STATUSES, TIERS, CONDITIONS, STYLE_CODES, EMAILS, DISCOUNTS,
    ]  # fmt: skip
    expected = {row[-1] for table in tables for row in table} - {None}
    assert expected == set(REASONS)
    for code, text in REASONS.items():
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", code)
        assert text.endswith(".")
        assert "\n" not in text


# --- properties ---------------------------------------------------------------------------

# Text that reaches deep into the parsers: their own tokens glued in random order.
TOKENS = st.sampled_from(
    ["0", "1", "9", "10", "12", "2021", "44", ".", ",", " ", "-", "/", "$", "€", "£", "¥",
     "US", "us", "EU", "UK", "M", "W", "½", "usd", "eur", "T", ":", "Z", "Mar", "tba",
     "\u00a0", "\x00", "\n", "@", "http://", "//", "placehold.it", "[", "(", ")", "é", "ß"]
)  # fmt: skip
ANY_TEXT = st.none() | st.text() | st.lists(TOKENS, max_size=12).map("".join)
PARSERS: list[Callable[[Any], Any]] = [
    parse_money, parse_size, parse_date, parse_role, parse_order_status, parse_tier,
    parse_condition, parse_style_code, parse_email, text_key, display_name, slugify,
    classify_image_url, parse_int_ref, parse_uuid_ref,
]  # fmt: skip
KINDS = {"missing", "dead_placeholder", "relative", "url", "invalid"}


@PROPERTY
@given(raw=ANY_TEXT)
def test_no_parser_raises_and_every_result_keeps_its_contract(raw: str | None) -> None:
    for parse in PARSERS:
        parse(raw)
    money = parse_money(raw)
    assert (money.reason is None) == (money.amount is not None) == (money.currency is not None)
    assert money.reason is None or money.reason in REASONS
    if money.amount is not None:
        assert D(0) <= money.amount < D(10) ** 10
        assert money.amount.as_tuple().exponent >= -4  # type: ignore[operator]
    size = parse_size(raw)
    assert size.reason is None or size.reason in REASONS
    if size.us is not None:
        assert D(1) <= size.us <= D(22)
        assert size.us * 2 % 1 == 0
        assert size.us.as_tuple().exponent == -1
        assert size.reason is None
    assert size.label is None or 0 < len(size.label) <= 40
    date = parse_date(raw)
    assert (date.reason is None) == (date.value is not None) == (date.precision is not None)
    assert date.value is None or 1900 <= date.value.year <= 2100
    assert date.reason is None or date.reason in REASONS
    for choice in (parse_role(raw), parse_order_status(raw), parse_tier(raw),
                   parse_condition(raw)):  # fmt: skip
        assert choice.value is not None
        assert choice.reason is None or choice.reason in REASONS
    code = parse_style_code(raw)
    assert (code.reason is None) == (code.code is not None) == (code.key is not None)
    email = parse_email(raw)
    assert (email.reason is None) == (email.value is not None)
    assert classify_image_url(raw).kind in KINDS
    ref = parse_int_ref(raw)
    assert ref is None or 1 <= ref <= 2**31 - 1


@PROPERTY
@given(value=st.none() | st.decimals(allow_nan=True, allow_infinity=True))
def test_parse_discount_pct_never_raises_and_stays_in_range(value: Decimal | None) -> None:
    got = parse_discount_pct(value)
    assert got.percent is None or (D(0) < got.percent <= D(100) and got.reason is None)
    assert got.reason is None or got.reason in REASONS


def _plain(amount: Decimal) -> str:
    """1234.50 -> '1234.5', 1234.00 -> '1234' (never exponent notation)."""
    return f"{amount:.2f}".rstrip("0").rstrip(".")


MONEY_SPELLINGS: list[tuple[Callable[[Decimal], str], str]] = [
    (lambda a: f"${a:,.2f}", "USD"),
    (lambda a: f"{a:.2f}", "USD"),
    (lambda a: f"{a:,.2f}", "USD"),
    (lambda a: f" $ {a:.2f} ", "USD"),
    (lambda a: f"€{a:,.2f}".translate(str.maketrans(",.", ".,")), "EUR"),
    (lambda a: _plain(a).replace(".", ","), "USD"),
    (lambda a: f"{a:.2f} EUR", "EUR"),
    (lambda a: f"usd {a:,.2f}", "USD"),
    (lambda a: f"£{_plain(a)}", "GBP"),
    (lambda a: f"{a:,.2f}".replace(",", "\u00a0").replace(".", ",") + " €", "EUR"),
    (lambda a: f"C${a:.2f}", "CAD"),
]


@PROPERTY
@given(
    amount=st.decimals(min_value=0, max_value=D("9999999.99"), places=2),
    spelling=st.sampled_from(MONEY_SPELLINGS),
)
def test_money_spelled_any_supported_way_parses_back_to_the_same_amount(
    amount: Decimal, spelling: tuple[Callable[[Decimal], str], str]
) -> None:
    spell, currency = spelling
    text = spell(amount)
    assert parse_money(text) == Money(amount, currency, None), text


SIZE_SPELLINGS: list[Callable[[str], str]] = [
    lambda x: f"US {x}", lambda x: x, lambda x: x.replace(".", ","), lambda x: f"us {x}",
    lambda x: f"us{x}", lambda x: f"{x} US", lambda x: f"  {x}  ",
]  # fmt: skip


@PROPERTY
@given(
    halves=st.integers(min_value=2, max_value=44),
    with_zero=st.booleans(),
    spell=st.sampled_from(SIZE_SPELLINGS),
)
def test_any_us_half_size_spelled_any_us_way_parses_to_that_size(
    halves: int, with_zero: bool, spell: Callable[[str], str]
) -> None:
    size = D(halves) / 2
    shown = f"{halves // 2}.5" if halves % 2 else str(halves // 2)
    written = f"{shown}.0" if with_zero and not halves % 2 else shown
    got = parse_size(spell(written))
    assert got == Size(size.quantize(D("0.1")), f"US {shown}", "us", None), spell(written)


@PROPERTY
@given(raw=st.text() | st.lists(TOKENS, max_size=12).map("".join))
def test_style_code_canonical_form_is_idempotent(raw: str) -> None:
    first = parse_style_code(raw)
    if first.code is not None:
        assert parse_style_code(first.code) == first


CODE_CHUNK = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZabcdxyz0123456789", min_size=1, max_size=6)
SEPARATOR = st.sampled_from(["-", " ", "_", ".", "  ", " - ", "--", "", "\t"])


@PROPERTY
@given(chunks=st.lists(CODE_CHUNK, min_size=1, max_size=4), data=st.data())
def test_style_code_key_ignores_case_and_separators(chunks: list[str], data: Any) -> None:
    spelled = "".join(chunk + data.draw(SEPARATOR) for chunk in chunks)
    cased = spelled.swapcase() if data.draw(st.booleans()) else spelled
    got = parse_style_code(cased)
    assert got.key == "".join(chunks).upper()
    assert got.code is not None
    assert got.code == got.code.upper()


@PROPERTY
@given(raw=st.text())
def test_text_key_is_idempotent_and_blind_to_case_and_spacing(raw: str) -> None:
    key = text_key(raw)
    assert text_key(key) == key
    assert text_key(f"  {raw}\t") == text_key(raw.replace(" ", "   ")) == key
    # Case: wherever upper-casing loses nothing. It does lose the Turkish dotless i (U+0131:
    # its upper case is 'I', whose lower case is 'i'), which caseless matching keeps apart.
    if raw.upper().lower() == raw.lower():
        assert text_key(raw.upper()) == text_key(raw.lower()) == key


@PROPERTY
@given(raw=st.none() | st.text() | st.text(alphabet=st.characters(max_codepoint=0x2FF)))
def test_slugify_output_is_always_a_valid_slug_or_none(raw: str | None) -> None:
    slug = slugify(raw)
    assert slug is None or (SLUG.fullmatch(slug) is not None and len(slug) <= 80)
    assert slug is None or slugify(slug) == slug


@pytest.mark.parametrize(
    "huge",
    [
        "1" * 1_000_000,
        "$" + "1," * 500_000 + "00",
        " " * 1_000_000 + "x",
        "1 " * 500_000 + "x",
        "a@" * 500_000,
        "http://" + "a" * 1_000_000,
        "M 9 / " * 200_000,
        "-" * 1_000_000,
    ],
    ids=["digits", "thousands", "spaces", "digit-space", "ats", "long-url", "sizes", "dashes"],
)
def test_parsers_stay_fast_on_megabyte_strings(huge: str) -> None:
    # A regex that backtracks catastrophically would take minutes here, not milliseconds.
    for parse in PARSERS:
        started = time.perf_counter()
        parse(huge)
        assert time.perf_counter() - started < 1.0, parse.__name__


_HOSTS = st.sampled_from(
    ["cdn.example.com", "IMG.Shop.io", "via.placeholder.com", "a.via.placeholder.com.", "x",
     "a..b", "1.2.3.4", "-x-", "placehold.it", *DEAD_PLACEHOLDER_HOSTS]
)  # fmt: skip


@given(
    scheme=st.sampled_from(["http", "https", "HTTPS", "Http", "ftp", "", "//"]),
    host=_HOSTS | st.text(alphabet="abcXYZ09.-:@[]_~%", max_size=12),
    rest=st.text(alphabet="/?#abc.jpg=&%:@;,+!$'()*-_~ ", max_size=20),
)
def test_the_plain_url_fast_path_classifies_as_the_general_path_does(
    scheme: str, host: str, rest: str
) -> None:
    text = (scheme if scheme == "//" else f"{scheme}://" if scheme else "") + host + rest
    got = classify_image_url(text)
    stripped = text.strip()
    if stripped and parsers_text._URL_CHARS.fullmatch(stripped):
        assert got == parsers_text._classify_general(stripped)
