"""Lookup tables: every distinct raw spelling of a messy column, parsed once in Python.

The transform is set-based SQL; the judgement about a value ('$1,299.99', 'M 9 / W 10.5',
'Paid ') lives in the pure parsers of :mod:`emporium.legacy.parsers`. This module joins
the two: it reads the DISTINCT raw values of each messy column server-side (a legacy
database has far fewer spellings than rows), parses them, and COPYs the answers into
``reorg.lk_*`` tables keyed by ``coalesce(raw, '')`` (NULL and '' parse alike). The SQL
then joins against them. Loading is deterministic and all-or-nothing: each table is
emptied and filled in the step's one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from emporium.legacy import parsers as p

Row = tuple[Any, ...]
CHUNK = 20_000


@dataclass(frozen=True)
class Lookup:
    table: str
    columns: tuple[str, ...]  # after raw
    sources: tuple[str, ...]  # SELECTs of one text column over the legacy schema
    parse: Callable[[str], Row]


def _money(raw: str) -> Row:
    m = p.parse_money(raw or None)
    return (m.amount, m.currency, m.reason)


def _size(raw: str) -> Row:
    """A size on the US chart is one variant whatever its spelling ('EU 42.5', 'UK 8',
    'M 9 / W 10.5' are all 'US 9'); the spelling it came from is kept in ``original``."""
    s = p.parse_size(raw or None)
    if s.us is None:
        return (None, s.label, s.reason, None)
    label = p.parse_size(f"US {s.us}").label
    return (s.us, label, s.reason, s.label if s.label != label else None)


def _date(raw: str) -> Row:
    d = p.parse_date(raw or None)
    return (d.value, d.reason)


def _choice(fn: Callable[[str | None], p.Choice]) -> Callable[[str], Row]:
    def parse(raw: str) -> Row:
        c = fn(raw or None)
        return (c.value, c.reason)

    return parse


def _style(raw: str) -> Row:
    s = p.parse_style_code(raw or None)
    return (s.code, s.key, s.reason)


def _email(raw: str) -> Row:
    e = p.parse_email(raw or None)
    return (e.value, e.reason)


def _text(raw: str) -> Row:
    return (p.text_key(raw or None), p.display_name(raw or None), p.slugify(raw or None))


def _image(raw: str) -> Row:
    i = p.classify_image_url(raw or None)
    return (i.kind, i.url)


def _ref(raw: str) -> Row:
    uid = p.parse_uuid_ref(raw or None)
    return (p.parse_int_ref(raw or None), str(uid) if uid else None)


def _address(raw: str) -> Row:
    """shipping_address: a JSON object is kept; anything else that isn't empty becomes
    ``{"text": raw}`` (reason free_text) so nothing the customer typed is lost."""
    text = raw.strip()
    if not text:
        return (None, "missing")
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return (json.dumps({"text": raw}), "free_text")
    if isinstance(value, dict):
        return (json.dumps(value), None)
    return (json.dumps({"text": raw}), "free_text")


_VARIANT_FIELD = (
    "select e ->> '{field}' from legacy.products,"
    " jsonb_array_elements(case when jsonb_typeof(variants) = 'array' then variants"
    " else '[]'::jsonb end) e"
)
_GALLERY = (
    "select g from legacy.products, jsonb_array_elements_text(case when jsonb_typeof(gallery)"
    " = 'array' then gallery else '[]'::jsonb end) g"
)

LOOKUPS: tuple[Lookup, ...] = (
    Lookup(
        "lk_money",
        ("amount", "currency", "reason"),
        (
            "select price from legacy.sneakers",
            "select total from legacy.orders",
            "select unit_price from legacy.order_items",
            "select price from legacy.dealer_prices",
            _VARIANT_FIELD.format(field="price"),
        ),
        _money,
    ),
    Lookup(
        "lk_size",
        ("size_us", "label", "reason", "original"),
        (
            "select size from legacy.sneakers",
            "select size from legacy.order_items",
            _VARIANT_FIELD.format(field="size"),
        ),
        _size,
    ),
    Lookup("lk_date", ("value", "reason"), ("select release_date from legacy.products",), _date),
    Lookup(
        "lk_role", ("value", "reason"), ("select role from legacy.users",), _choice(p.parse_role)
    ),
    Lookup(
        "lk_status",
        ("value", "reason"),
        ("select status from legacy.orders",),
        _choice(p.parse_order_status),
    ),
    Lookup(
        "lk_tier", ("value", "reason"), ("select tier from legacy.dealers",), _choice(p.parse_tier)
    ),
    Lookup(
        "lk_condition",
        ("value", "reason"),
        ("select condition from legacy.sneakers",),
        _choice(p.parse_condition),
    ),
    Lookup(
        "lk_style",
        ("code", "key", "reason"),
        (
            "select style_code from legacy.sneakers",
            "select sku from legacy.products",
            "select sku from legacy.dealer_prices",
        ),
        _style,
    ),
    Lookup(
        "lk_email",
        ("value", "reason"),
        (
            "select email from legacy.users",
            "select rep_email from legacy.dealers",
            "select contact_email from legacy.dealers",
        ),
        _email,
    ),
    Lookup(
        "lk_text",
        ("key", "display", "slug"),
        (
            "select store_name from legacy.users",
            "select full_name from legacy.users",
            "select brand from legacy.products",
            "select title from legacy.products",
            "select model from legacy.products",
            "select brand from legacy.sneakers",
            "select name from legacy.sneakers",
            "select company_name from legacy.dealers",
        ),
        _text,
    ),
    Lookup(
        "lk_image",
        ("kind", "url"),
        ("select image_url from legacy.sneakers", "select image from legacy.products", _GALLERY),
        _image,
    ),
    Lookup(
        "lk_ref", ("int_ref", "uuid_ref"), ("select product_ref from legacy.order_items",), _ref
    ),
    Lookup(
        "lk_address", ("value", "reason"), ("select shipping_address from legacy.orders",), _address
    ),
)


def load(conn: psycopg.Connection[Any], lookups: Sequence[Lookup] = LOOKUPS) -> dict[str, int]:
    """Fill every lookup table (inside the caller's transaction); returns spellings per table."""
    counts: dict[str, int] = {}
    for lk in lookups:
        union = " union all ".join(
            f"select v from ({src}) s{n}(v)" for n, src in enumerate(lk.sources)
        )
        table = sql.Identifier("reorg", lk.table)
        conn.execute(sql.SQL("truncate {}").format(table))
        cols = sql.SQL(", ").join(map(sql.Identifier, ("raw", *lk.columns)))
        stmt = sql.SQL("copy {} ({}) from stdin").format(table, cols)
        # A server-side cursor, read in chunks between which the COPYs run: memory stays
        # flat however many spellings a column has.
        count = 0
        with conn.cursor(name=f"raw_{lk.table}") as raws:
            raws.execute(f"select distinct coalesce(v, '') from ({union}) u order by 1")
            while chunk := raws.fetchmany(CHUNK):
                with conn.cursor() as cur, cur.copy(stmt) as copy:
                    for (raw,) in chunk:
                        copy.write_row((raw, *lk.parse(raw)))
                count += len(chunk)
        counts[lk.table] = count
    return counts
