"""Shared helpers of the inventory tests: personas, calls as a persona, owner-side setup
(new variants, offers, locations) and a snapshot of every inventory table, to prove that a
refused call wrote nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, LiteralString

import psycopg
import pytest
from psycopg.rows import dict_row

from emporium.db.session import Persona, transaction_as
from emporium.errors import EmporiumError
from tests.conftest import PERSONAS
from tests.world import ID

SERVICE = PERSONAS["service"]
ADMIN = PERSONAS["admin"]
VENDOR_A_STAFF = PERSONAS["vendor_a_staff"]
VENDOR_B_STAFF = PERSONAS["vendor_b_staff"]
CUSTOMER_A = PERSONAS["customer_a"]
CUSTOMER_B = PERSONAS["customer_b"]
ANON = PERSONAS["anon"]

Row = dict[str, Any]

# Every inventory table, as the owner sees it (RLS does not apply to the owner).
_STATE: dict[str, LiteralString] = {
    "levels": "select location_id, variant_id, vendor_id, on_hand, reserved, reorder_point"
    " from public.stock_levels order by location_id, variant_id",
    "movements": "select id, location_id, variant_id, delta, kind, reference"
    " from public.stock_movements order by id",
    "reservations": "select id, location_id, variant_id, quantity, status, expires_at,"
    " idempotency_key from public.stock_reservations order by id",
    "alerts": "select id, location_id, variant_id, kind, resolved_at, acknowledged_by"
    " from public.stock_alerts order by id",
    "counts": "select id, location_id, status, note from public.stock_counts order by id",
    "count_lines": "select count_id, variant_id, expected, counted"
    " from public.stock_count_lines order by count_id, variant_id",
}


def state(conn: psycopg.Connection[Any]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every inventory table (as the owner): equal before and after = nothing
    was written."""
    return {name: conn.execute(query).fetchall() for name, query in _STATE.items()}


def rows_as(
    conn: psycopg.Connection[Any],
    persona: Persona,
    statement: LiteralString,
    params: Sequence[Any] = (),
) -> list[Row]:
    """Run ``statement`` as ``persona`` (a savepoint when a transaction is open): its rows."""
    with transaction_as(conn, persona), conn.cursor(row_factory=dict_row) as cur:
        cur.execute(statement, params)
        return cur.fetchall() if cur.description is not None else []


def value_as(
    conn: psycopg.Connection[Any],
    persona: Persona,
    statement: LiteralString,
    params: Sequence[Any] = (),
) -> Any:
    """The single value of a single-row query run as ``persona``."""
    with transaction_as(conn, persona):
        row = conn.execute(statement, params).fetchone()
    assert row is not None
    return row[0]


def refused(
    conn: psycopg.Connection[Any],
    persona: Persona,
    statement: LiteralString,
    params: Sequence[Any] = (),
    *,
    code: str,
) -> EmporiumError:
    """``statement`` as ``persona`` is refused with ``code``, and nothing was written."""
    before = state(conn)
    with pytest.raises(EmporiumError) as caught:
        rows_as(conn, persona, statement, params)
    error = caught.value
    assert error.instance_code == code, (error.instance_code, error.message, error.detail)
    assert state(conn) == before, f"a refused call ({code}) wrote something"
    return error


def one(conn: psycopg.Connection[Any], statement: LiteralString, params: Sequence[Any] = ()) -> Any:
    """The single value of a single-row query, as whoever the connection is now."""
    row = conn.execute(statement, params).fetchone()
    assert row is not None
    return row[0]


def level(
    conn: psycopg.Connection[Any], location: uuid.UUID, variant: uuid.UUID
) -> tuple[int, int]:
    """(on_hand, reserved) of a level, (0, 0) when it does not exist."""
    row = conn.execute(
        "select on_hand, reserved from public.stock_levels"
        " where location_id = %s and variant_id = %s",
        [location, variant],
    ).fetchone()
    return (0, 0) if row is None else (int(row[0]), int(row[1]))


# ---------------------------------------------------------------- owner-side setup
def add_variant(
    conn: psycopg.Connection[Any], prices: Mapping[uuid.UUID, int | Decimal] | None = None
) -> uuid.UUID:
    """A new product and variant, with an active offer per vendor at the given price."""
    product, variant = uuid.uuid4(), uuid.uuid4()
    tag = variant.hex[:12]
    conn.execute(
        "insert into public.products (id, title, slug, status) values (%s, %s, %s, 'active')",
        [product, f"Test {tag}", f"test-{tag}"],
    )
    conn.execute(
        "insert into public.product_variants (id, product_id, sku) values (%s, %s, %s)",
        [variant, product, f"SKU-{tag}"],
    )
    for vendor, price in (prices or {}).items():
        conn.execute(
            "insert into public.offers (vendor_id, variant_id, price) values (%s, %s, %s)",
            [vendor, variant, price],
        )
    return variant


def add_location(
    conn: psycopg.Connection[Any], vendor: uuid.UUID, priority: int = 100, *, active: bool = True
) -> uuid.UUID:
    location = uuid.uuid4()
    conn.execute(
        "insert into public.stock_locations (id, vendor_id, name, code, priority, active)"
        " values (%s, %s, %s, %s, %s, %s)",
        [location, vendor, f"Location {location.hex[:6]}", location.hex[:12], priority, active],
    )
    return location


def receive(
    conn: psycopg.Connection[Any], location: uuid.UUID, variant: uuid.UUID, quantity: int
) -> None:
    """Stock in, through the ledger, as service work."""
    rows_as(conn, SERVICE, "select public.stock_receive(%s, %s, %s)", [location, variant, quantity])


def reserve(
    conn: psycopg.Connection[Any],
    variant: uuid.UUID,
    quantity: int,
    *,
    persona: Persona = SERVICE,
    holder: tuple[str, uuid.UUID] | None = None,
    vendor: uuid.UUID | None = None,
    location: uuid.UUID | None = None,
    key: str | None = None,
    ttl: int = 900,
) -> list[Row]:
    holder_type, holder_id = holder or ("cart", ID["cart_customer_a"])
    return rows_as(
        conn,
        persona,
        "select * from public.stock_reserve(%s, %s, %s, %s, %s, %s, %s, %s)",
        [variant, quantity, ttl, holder_type, holder_id, vendor, location, key],
    )


def check_ledger(
    conn: psycopg.Connection[Any], persona: Persona = SERVICE, vendor: uuid.UUID | None = None
) -> list[Row]:
    return rows_as(conn, persona, "select * from public.stock_check_ledger(%s)", [vendor])
