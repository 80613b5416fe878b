"""The words and the mess of the legacy demo database: vocabularies, MESS rates, spellers.

Everything a reader needs to see *what* ``emporium legacy demo-db`` injects and *how often*
lives here: the spellings each messy column takes (with weights), the :data:`MESS` rates,
and the small functions that turn a clean value (a price, a size, a style code, an image)
into one of its legacy spellings. The clean words (brands, models, colourways, names) are
the seed's (:mod:`emporium.seed.vocab`), so the legacy store sells the same sneakers.

Every speller takes the table's ``random.Random`` first and draws from it in a fixed
order, which is what keeps a (scale, seed) pair byte-identical between runs.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import cache
from itertools import accumulate
from random import Random
from typing import TypeVar

T = TypeVar("T")
_WORDS = re.compile(r"[a-z0-9]+")

# What is injected, how often: a share of the rows of that table (or of a sub-population
# the comment names, or of the items of one JSON list). Besides the rates, a few rows of
# each table show one kind each (see Dice), so every kind is present even in small tables.
MESS: dict[str, float] = {
    # users
    "users.created_at_null": 0.01,
    "users.long_name": 0.005,
    "users.email_null": 0.02,
    "users.email_invalid": 0.02,
    "users.email_duplicate": 0.04,  # the same person again, email in other case/spaces
    "users.duplicate_same_created_at": 0.3,  # of those duplicates (and always the first)
    "users.role_variant": 0.25,  # 'Admin ', 'seller', 'sales rep' instead of the plain word
    "users.role_null": 0.03,
    "users.role_junk": 0.02,  # 'vip', 'test', 'wholesale'
    "users.store_name_spelling": 0.3,  # of staff rows: the store in other case/spaces
    "users.vendor_without_store": 0.02,  # of customers: a seller who never named a store
    # sneakers
    "sneakers.brand_spelling": 0.15,  # 'nike', ' NIKE'
    "sneakers.brand_null": 0.03,
    "sneakers.name_spelling": 0.05,  # other case or doubled spaces
    "sneakers.style_code_spelling": 0.2,  # 'dd1391 100', 'DD1391100'
    "sneakers.style_code_null": 0.04,
    "sneakers.code_without_product": 0.08,  # a code no product has, brand+name of one
    "sneakers.no_product": 0.2,  # a shoe the KicksDB import never brought
    "sneakers.quantity_zero": 0.05,
    "sneakers.quantity_null": 0.03,
    "sneakers.quantity_negative": 0.03,
    "sneakers.seller_not_vendor": 0.04,
    "sneakers.seller_missing": 0.03,
    "sneakers.seller_null": 0.03,
    "sneakers.created_at_null": 0.02,
    "sneakers.updated_at_null": 0.1,
    "sneakers.grail": 0.01,  # a pair priced over $1,000
    # products
    "products.kicksdb_duplicate": 0.03,  # imported twice, maybe another title
    "products.kicksdb_null": 0.02,
    "products.retail_price_null": 0.02,
    "products.raw_null": 0.01,
    "products.variant_size_missing": 0.01,  # per variant item
    "products.variant_size_garbage": 0.01,
    "products.variant_price_string": 0.02,
    "products.variant_stock_negative": 0.015,
    # orders and their items
    "orders.deleted": 0.02,  # the order row is gone, its items stayed
    "orders.user_duplicate": 0.04,  # placed by the duplicate-email twin
    "orders.user_missing": 0.03,
    "orders.user_guest": 0.12,
    "orders.created_at_null": 0.005,
    "order_items.ref_junk": 0.02,
    "order_items.ref_null": 0.02,
    "order_items.ref_unknown_uuid": 0.02,
    "order_items.ref_missing_sneaker": 0.01,
    "order_items.source_null": 0.15,
    "order_items.source_wrong": 0.04,
    "order_items.quantity_zero": 0.02,
    "order_items.quantity_negative": 0.015,
    "order_items.quantity_null": 0.015,
    # dealers and their prices
    "dealers.deleted": 0.03,  # the dealer row is gone, its prices stayed
    "dealers.company_duplicate": 0.04,
    "dealers.company_null": 0.02,
    "dealers.discount_null": 0.05,
    "dealers.discount_negative": 0.02,
    "dealers.discount_over_100": 0.02,
    "dealers.rep_other_case": 0.3,
    "dealers.rep_unknown": 0.08,
    "dealers.rep_null": 0.12,
    "dealers.shopify_null": 0.1,
    "dealers.shopify_duplicate": 0.03,
    "dealer_prices.dealer_null": 0.005,
    "dealer_prices.sku_spelling": 0.25,
    "dealer_prices.sku_unknown": 0.04,
    # shared spellers
    "money.unparseable": 0.02,  # 'N/A', 'TBD', 'call'
    "money.empty": 0.01,
    "money.null": 0.01,
    "money.euro": 0.02,
    "image.dead_placeholder": 0.06,
    "image.relative": 0.03,
    "image.empty": 0.02,
    "image.null": 0.03,
}

# fmt: off
# (spelling, weight); None is SQL NULL.
ROLE_SPELLINGS: dict[str, tuple[tuple[str, int], ...]] = {
    "admin": (("admin", 6), ("Admin ", 2), ("ADMIN", 1)),
    "vendor": (("vendor", 6), ("seller", 3), ("Seller", 2), ("Vendor ", 1)),
    "rep": (("rep", 5), ("sales rep", 3), ("Sales Rep", 1)),
    "customer": (("customer", 8), ("buyer", 3), ("Customer", 1)),
}
ROLE_JUNK = ("vip", "test", "wholesale", "staff?", "ops")
EMAIL_DOMAINS = (
    "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com",
    "icloud.com", "proton.me", "aol.com",
)
INVALID_EMAILS = (
    "{local}@", "{local} at gmail.com", "n/a", "{local}@@yahoo.com", "{local}.gmail.com",
    "none", "{local}@gmail",
)
PHONE_FORMATS = ("+1 {a} 555 {b}", "({a}) 555-{b}", "{a}.555.{b}", "{a}555{b}", "")
CONDITIONS: tuple[tuple[str | None, int], ...] = (
    ("new", 35), ("DS", 15), ("deadstock", 10), ("VNDS", 10), ("used", 10),
    ("Used - good", 8), ("NEW", 2), ("like new (no box)", 2), (None, 5),
)
ORDER_STATUSES: tuple[tuple[str | None, int], ...] = (
    ("pending", 8), ("Paid", 5), ("paid", 10), ("shipped", 12), ("delivered", 30),
    ("complete", 12), ("canceled", 4), ("cancelled", 4), ("refunded", 3), (None, 3),
    ("on hold", 1), ("test", 1), ("Shipped ", 1),
)
DEALER_TIERS: tuple[tuple[str | None, int], ...] = (
    ("gold", 20), ("Gold", 8), ("silver", 15), ("SILVER", 6), ("Silver ", 3), ("platinum", 8),
    ("bronze", 20), (None, 8), ("vip", 2), ("tier 2", 1), ("GOLD+", 1),
)
MIN_QTY: tuple[tuple[int | None, int], ...] = (
    (None, 30), (1, 25), (6, 20), (12, 15), (24, 4), (0, 3), (-1, 2), (-6, 1),
)
GENDERS = (("men", 60), ("women", 22), ("unisex", 10), ("kids", 8))
VARIANT_STOCK = ((0, 20), (1, 30), (2, 20), (3, 12), (4, 10), (6, 8))
LISTING_QUANTITY = ((1, 70), (2, 18), (3, 8), (5, 4))
LINES_PER_ORDER = ((1, 42), (2, 30), (3, 16), (4, 8), (5, 4))
LINE_QUANTITY = ((1, 85), (2, 10), (3, 5))
TIER_DISCOUNT = {"bronze": 5, "silver": 10, "gold": 15, "platinum": 22}
DEALER_NOUNS = (
    "Sneakers", "Kicks", "Footwear", "Athletic", "Sole Shop", "Streetwear", "Boutique",
    "Sports", "Shoe Co.",
)
DEALER_SUFFIXES = ("", "", "", " LLC", " Inc.", " Ltd")
JUNK_REFS = ("N/A", "sku:DD1391-100", "deleted", "abc123", "0", "-1", "see notes")
JUNK_SIZES = ("one size", "XL", "??", "see photos", "10.5.5")
UNPARSEABLE_MONEY = ("N/A", "TBD", "call", "$$$", "free?", "12O.00")
INVALID_DATES = ("coming soon", "2021-13-45", "10.03.21", "Q3")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DEAD_PLACEHOLDERS = (
    "https://via.placeholder.com/600x400?text=No+Image",
    "http://placehold.it/500x500",
    "https://dummyimage.com/600x400/000/fff&text=sneaker",
    "https://via.placeholder.com/300",
    "http://placehold.it/800x600.png",
)
# Sneaker Palace: one store, three staff, three spellings (always present).
PALACE_SPELLINGS = ("Sneaker Palace", " sneaker palace", "SNEAKER  PALACE")
# US men's size -> EU (Nike's chart), for the sizes someone wrote in EU.
EU_SIZES = {
    4.0: "36", 4.5: "36.5", 5.0: "37.5", 5.5: "38", 6.0: "38.5", 6.5: "39", 7.0: "40",
    7.5: "40.5", 8.0: "41", 8.5: "42", 9.0: "42.5", 9.5: "43", 10.0: "44", 10.5: "44.5",
    11.0: "45", 11.5: "45.5", 12.0: "46", 12.5: "47", 13.0: "47.5", 14.0: "48.5", 15.0: "49.5",
}
# fmt: on


@cache
def _cumulative(weighted: tuple[tuple[T, int], ...]) -> tuple[list[T], list[int]]:
    return [v for v, _ in weighted], list(accumulate(w for _, w in weighted))


def pick(rng: Random, weighted: tuple[tuple[T, int], ...]) -> T:
    """One value of a (value, weight) vocabulary."""
    values, cumulative = _cumulative(weighted)
    chosen: T = rng.choices(values, cum_weights=cumulative)[0]
    return chosen


class Dice:
    """The MESS draws of one table's rows.

    Every kind of the table (``MESS`` keys starting with ``"<table>."``) is *shown* once on
    its own: a few rows spread evenly over the table carry that one kind and no other, so
    even a 60-row table holds each kind. All other rows draw at the rates. Every call
    draws once either way, so the random sequence doesn't depend on which rows show what.
    """

    def __init__(self, rng: Random, table: str, rows: int) -> None:
        self.rng = rng
        kinds = [kind for kind in MESS if kind.startswith(f"{table}.")]
        self.showcase: dict[int, str] = {}
        for i, kind in enumerate(kinds):
            self.showcase.setdefault(i * max(rows, 1) // len(kinds), kind)
        self.row = -1
        self.shown: str | None = None

    def next_row(self) -> None:
        """Start the next row (call once per row, before its draws)."""
        self.row += 1
        self.shown = self.showcase.get(self.row)

    def __call__(self, kind: str) -> bool:
        """True at the MESS rate of ``kind`` (on a showcase row: only for its kind)."""
        hit = self.rng.random() < MESS[kind]
        return kind == self.shown if self.shown is not None else hit


def ascii_slug(text: str, sep: str = "-") -> str:
    """'Tomás Müller' -> 'tomas-muller' (emails, slugs, image paths)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return sep.join(_WORDS.findall(plain))


def case_or_space(rng: Random, text: str) -> str:
    """The same text as a person might retype it: other case and/or stray spaces."""
    variant = rng.randrange(5)
    if variant == 0:
        return text.upper()
    if variant == 1:
        return text.lower()
    if variant == 2:
        return f" {text}"
    if variant == 3:
        return f"{text}  "
    return text.replace(" ", "  ") if " " in text else f" {text.title()} "


def money_text(rng: Random, amount: Decimal) -> str | None:
    """A price as legacy code wrote it: '$1,299.99', '120', '120.00', '€95', 'N/A', '', NULL."""
    roll = rng.random()
    if roll < MESS["money.null"]:
        return None
    roll -= MESS["money.null"]
    if roll < MESS["money.empty"]:
        return ""
    roll -= MESS["money.empty"]
    if roll < MESS["money.unparseable"]:
        return rng.choice(UNPARSEABLE_MONEY)
    roll -= MESS["money.unparseable"]
    if roll < MESS["money.euro"]:
        return f"€{amount.quantize(Decimal(1))}"
    style = rng.randrange(4)
    if style == 0:
        return f"${amount:,.2f}"
    if style == 1:
        return f"{amount:,.2f}"
    if style == 2:
        return f"{amount:.2f}"
    return str(amount.quantize(Decimal(1))) if amount == amount.to_integral() else f"{amount}"


def us_size(half: int) -> str:
    """21 half sizes -> '10.5' (sizes are counted in half sizes)."""
    return str(half // 2) if half % 2 == 0 else f"{half // 2}.5"


def size_text(rng: Random, half: int) -> str | None:
    """A US men's size as legacy code wrote it: 'US 10.5', '10,5', 'M 9 / W 10.5', 'EU 44'."""
    us = us_size(half)
    roll = rng.randrange(100)
    if roll < 32:
        return f"US {us}"
    if roll < 66:
        return us
    if roll < 70:
        return us.replace(".", ",") if "." in us else f"US{us}"
    if roll < 75:
        return f"M {us} / W {us_size(half + 3)}"
    if roll < 81 and half / 2 in EU_SIZES:
        return f"EU {EU_SIZES[half / 2]}"
    if roll < 86:
        return f"UK {us_size(half - 2)}"
    if roll < 92:
        return f"{us} US"
    if roll < 94:
        return ""
    if roll < 96:
        return None
    if roll < 97:
        return rng.choice(JUNK_SIZES)
    return f"US {us}"


def code_spelling(rng: Random, code: str) -> str:
    """'DD1391-100' as someone retyped it: 'dd1391 100', 'DD1391100', 'dd1391-100 '."""
    variant = rng.randrange(4)
    if variant == 0:
        return code.lower().replace("-", " ")
    if variant == 1:
        return code.replace("-", "")
    if variant == 2:
        return f"{code.lower()} "
    return code.replace("-", " ")


def image_url(rng: Random, good: str, relative: str) -> str | None:
    """An image column: the good URL mostly; a dead placeholder, a relative path, '', NULL."""
    roll = rng.random()
    for kind in ("image.dead_placeholder", "image.relative", "image.empty", "image.null"):
        if roll < MESS[kind]:
            if kind == "image.dead_placeholder":
                return rng.choice(DEAD_PLACEHOLDERS)
            if kind == "image.relative":
                return relative
            return "" if kind == "image.empty" else None
        roll -= MESS[kind]
    return good


def release_text(rng: Random, year: int, month: int, day: int) -> str | None:
    """A release date: '2021-03-10' mostly; '03/10/2021', 'Mar 2021', 'TBA', NULL, junk."""
    roll = rng.randrange(100)
    if roll < 78:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if roll < 86:
        return f"{month:02d}/{day:02d}/{year:04d}"
    if roll < 91:
        return f"{MONTHS[month - 1]} {year}"
    if roll < 94:
        return "TBA"
    if roll < 98:
        return None
    return rng.choice(INVALID_DATES)
