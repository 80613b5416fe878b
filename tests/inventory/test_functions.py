"""The inventory functions, one by one, and every refusal they make (issue #4, item 7).

Everything runs against the seeded world (tests/world.py): vendor_a and vendor_b each have
one location (loc_a, loc_b) holding 10 of variant_active, 1 of them reserved (reservation_a
for cart_customer_a at loc_a, reservation_b for order_customer_b at loc_b), reorder point 2.
vendor_a's active offer is the cheaper (120 against 125). Each test runs in the conftest's
rolled-back transaction; personas act through ``transaction_as`` (a savepoint of it), the
owner directly. A refusal is checked for its exact code AND for having written nothing.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.types.json import Jsonb

from emporium.db.session import Persona
from emporium.errors import BusinessRuleViolation, InvalidInput, PermissionDenied
from tests.conftest import PERSONAS
from tests.inventory.support import (
    ADMIN,
    ANON,
    CUSTOMER_A,
    CUSTOMER_B,
    SERVICE,
    VENDOR_A_STAFF,
    VENDOR_B_STAFF,
    add_location,
    add_variant,
    check_ledger,
    level,
    one,
    receive,
    refused,
    reserve,
    rows_as,
    state,
    value_as,
)
from tests.world import ID, user_id

LOC_A, LOC_B = ID["loc_a"], ID["loc_b"]
VENDOR_A, VENDOR_B = ID["vendor_a"], ID["vendor_b"]
VARIANT = ID["variant_active"]
CART_A = ("cart", ID["cart_customer_a"])
NOWHERE = uuid.UUID("00000000-0000-4000-8000-0000deadbeef")

RECEIVE = "select public.stock_receive(%s, %s, %s, %s, %s)"
ADJUST = "select public.stock_adjust(%s, %s, %s, %s, %s)"
TRANSFER = "select public.stock_transfer(%s, %s, %s, %s, %s)"
RESERVE = "select * from public.stock_reserve(%s, %s, %s, %s, %s, %s, %s, %s)"
RESERVE_LINES = "select * from public.stock_reserve_lines(%s, %s, %s, %s, %s)"
RELEASE = "select * from public.stock_release(%s)"
RELEASE_HOLDER = "select public.stock_release_holder(%s, %s)"
COMMIT = "select * from public.stock_commit(%s, %s)"
EXPIRE = "select public.stock_expire_reservations(%s)"
COUNT_OPEN = "select public.stock_count_open(%s, %s)"
COUNT_RECORD = "select public.stock_count_record(%s, %s, %s)"
COUNT_POST = "select public.stock_count_post(%s)"
ACKNOWLEDGE = "select public.stock_alert_acknowledge(%s)"
OVERSELL = "select public.stock_record_oversell_attempt(%s, %s, %s, %s)"


@pytest.fixture
def conn(conn: psycopg.Connection[Any]) -> psycopg.Connection[Any]:
    """The seeded world inside the transaction the conftest fixture rolls back.

    Opened here, so that ``transaction_as`` is a savepoint and never commits.
    """
    conn.execute("select 1")
    return conn


def movements(conn: psycopg.Connection[Any], **where: Any) -> list[tuple[Any, ...]]:
    """(delta, kind, reason, reference, actor_id) of the movements matching ``where``."""
    clauses = sql.SQL(" and ").join(
        sql.SQL("{} = %s").format(sql.Identifier(column)) for column in where
    )
    query = sql.SQL(
        "select delta, kind, reason, reference, actor_id from public.stock_movements"
        " where {} order by id"
    ).format(clauses)
    return conn.execute(query, list(where.values())).fetchall()


def status_of(conn: psycopg.Connection[Any], reservation: uuid.UUID) -> str:
    return str(
        one(conn, "select status from public.stock_reservations where id = %s", [reservation])
    )


def expire_now(conn: psycopg.Connection[Any], *reservations: uuid.UUID) -> None:
    """Move reservations' expiry into the past (as the owner): the simulated clock."""
    conn.execute(
        "update public.stock_reservations set expires_at = now() - interval '1 second'"
        " where id = any(%s)",
        [list(reservations)],
    )


def open_alerts(
    conn: psycopg.Connection[Any], location: uuid.UUID, variant: uuid.UUID
) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "select kind from public.stock_alerts where location_id = %s and variant_id = %s"
            " and resolved_at is null order by kind",
            [location, variant],
        )
    ]


# ============================================================================ receive
def test_receive_writes_a_receipt_and_raises_on_hand(conn: psycopg.Connection[Any]) -> None:
    movement = value_as(conn, VENDOR_A_STAFF, RECEIVE, [LOC_A, VARIANT, 5, "delivery", "PO-1"])
    assert level(conn, LOC_A, VARIANT) == (15, 1)
    row = conn.execute(
        "select delta, kind, reason, reference, actor_id, vendor_id from public.stock_movements"
        " where id = %s",
        [movement],
    ).fetchone()
    assert row == (5, "receipt", "delivery", "PO-1", user_id("vendor_a_staff"), VENDOR_A)
    assert check_ledger(conn) == []


def test_receive_creates_the_level_on_the_first_movement(conn: psycopg.Connection[Any]) -> None:
    variant = add_variant(conn)
    assert (
        conn.execute(
            "select 1 from public.stock_levels where variant_id = %s", [variant]
        ).fetchall()
        == []
    )
    value_as(conn, ADMIN, RECEIVE, [LOC_B, variant, 3, None, None])
    assert level(conn, LOC_B, variant) == (3, 0)
    assert (
        one(conn, "select vendor_id from public.stock_levels where variant_id = %s", [variant])
        == VENDOR_B
    )


@pytest.mark.parametrize("quantity", [0, -1, None])
def test_receive_refuses_a_quantity_that_is_not_positive(
    conn: psycopg.Connection[Any], quantity: int | None
) -> None:
    error = refused(
        conn, SERVICE, RECEIVE, [LOC_A, VARIANT, quantity, None, None], code="invalid_quantity"
    )
    assert isinstance(error, BusinessRuleViolation)
    assert error.detail["field"] == "quantity"
    assert error.detail["value"] == quantity


def test_receive_refuses_an_unknown_variant(conn: psycopg.Connection[Any]) -> None:
    error = refused(conn, SERVICE, RECEIVE, [LOC_A, NOWHERE, 1, None, None], code="unknown_variant")
    assert error.detail["variant_id"] == str(NOWHERE)


@pytest.mark.parametrize("location", [NOWHERE, None])
def test_receive_refuses_an_unknown_location(
    conn: psycopg.Connection[Any], location: uuid.UUID | None
) -> None:
    refused(conn, SERVICE, RECEIVE, [location, VARIANT, 1, None, None], code="unknown_location")


@pytest.mark.parametrize(
    "persona_name", ["vendor_b_staff", "customer_a", "rep", "account_a_member"]
)
def test_receive_at_someone_elses_location_is_permission_denied(
    conn: psycopg.Connection[Any], persona_name: str
) -> None:
    error = refused(
        conn,
        PERSONAS[persona_name],
        RECEIVE,
        [LOC_A, VARIANT, 1, None, None],
        code="permission_denied",
    )
    assert isinstance(error, PermissionDenied)
    assert error.detail["location_id"] == str(LOC_A)


@pytest.mark.parametrize(
    ("statement", "params"),
    [
        (RECEIVE, [LOC_A, VARIANT, 1, None, None]),
        (ADJUST, [LOC_A, VARIANT, 1, "x", None]),
        (TRANSFER, [LOC_A, LOC_B, VARIANT, 1, None]),
        (RESERVE, [VARIANT, 1, 60, "cart", ID["cart_customer_a"], None, None, None]),
        (RELEASE, [ID["reservation_a"]]),
        (COMMIT, [ID["reservation_a"], None]),
        (EXPIRE, [10]),
        ("select * from public.stock_check_ledger(%s)", [None]),
        (COUNT_OPEN, [LOC_A, None]),
        (ACKNOWLEDGE, [ID["alert_a"]]),
        (OVERSELL, [VARIANT, 5, 1, None]),
    ],
)
def test_anon_may_call_no_stock_function(
    conn: psycopg.Connection[Any], statement: Any, params: list[Any]
) -> None:
    refused(conn, ANON, statement, params, code="permission_denied")


# ============================================================================= adjust
def test_adjust_both_ways_writes_adjustment_movements(conn: psycopg.Connection[Any]) -> None:
    value_as(conn, VENDOR_A_STAFF, ADJUST, [LOC_A, VARIANT, -4, "damaged", "RMA-7"])
    assert level(conn, LOC_A, VARIANT) == (6, 1)
    value_as(conn, VENDOR_A_STAFF, ADJUST, [LOC_A, VARIANT, 2, "found", None])
    assert level(conn, LOC_A, VARIANT) == (8, 1)
    assert movements(conn, location_id=LOC_A, kind="adjustment") == [
        (-4, "adjustment", "damaged", "RMA-7", user_id("vendor_a_staff")),
        (2, "adjustment", "found", None, user_id("vendor_a_staff")),
    ]
    assert check_ledger(conn) == []


def test_adjust_down_to_exactly_the_reserved_quantity_is_allowed(
    conn: psycopg.Connection[Any],
) -> None:
    value_as(conn, SERVICE, ADJUST, [LOC_A, VARIANT, -9, "shrinkage", None])
    assert level(conn, LOC_A, VARIANT) == (1, 1)


@pytest.mark.parametrize("delta", [0, None])
def test_adjust_refuses_a_zero_or_missing_delta(
    conn: psycopg.Connection[Any], delta: int | None
) -> None:
    error = refused(
        conn, SERVICE, ADJUST, [LOC_A, VARIANT, delta, "why", None], code="invalid_quantity"
    )
    assert error.detail["field"] == "delta"


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_adjust_requires_a_reason(conn: psycopg.Connection[Any], reason: str | None) -> None:
    refused(conn, SERVICE, ADJUST, [LOC_A, VARIANT, -1, reason, None], code="reason_required")


def test_adjust_may_not_eat_into_reserved_units(conn: psycopg.Connection[Any]) -> None:
    error = refused(
        conn, SERVICE, ADJUST, [LOC_A, VARIANT, -10, "theft", None], code="below_reserved"
    )
    assert error.detail["on_hand"] == 10
    assert error.detail["reserved"] == 1
    assert error.detail["delta"] == -10
    assert error.detail["variant_id"] == str(VARIANT)


def test_adjust_down_where_there_is_no_stock_is_below_reserved(
    conn: psycopg.Connection[Any],
) -> None:
    variant = add_variant(conn)
    error = refused(
        conn, SERVICE, ADJUST, [LOC_A, variant, -1, "typo", None], code="below_reserved"
    )
    assert error.detail["on_hand"] == 0


def test_adjust_refuses_an_unknown_variant_and_someone_elses_location(
    conn: psycopg.Connection[Any],
) -> None:
    refused(conn, SERVICE, ADJUST, [LOC_A, NOWHERE, 1, "x", None], code="unknown_variant")
    refused(conn, SERVICE, ADJUST, [NOWHERE, VARIANT, 1, "x", None], code="unknown_location")
    refused(conn, VENDOR_B_STAFF, ADJUST, [LOC_A, VARIANT, 1, "x", None], code="permission_denied")
    refused(conn, CUSTOMER_A, ADJUST, [LOC_A, VARIANT, 1, "x", None], code="permission_denied")


# =========================================================================== transfer
def test_transfer_moves_stock_between_two_locations_of_a_vendor(
    conn: psycopg.Connection[Any],
) -> None:
    loc_a2 = add_location(conn, VENDOR_A)
    transfer = value_as(conn, VENDOR_A_STAFF, TRANSFER, [LOC_A, loc_a2, VARIANT, 4, "rebalance"])
    assert level(conn, LOC_A, VARIANT) == (6, 1)
    assert level(conn, loc_a2, VARIANT) == (4, 0)
    staff = user_id("vendor_a_staff")
    assert movements(conn, reference=str(transfer)) == [
        (-4, "transfer_out", "rebalance", str(transfer), staff),
        (4, "transfer_in", "rebalance", str(transfer), staff),
    ]
    # and back, all of it that is free
    value_as(conn, VENDOR_A_STAFF, TRANSFER, [loc_a2, LOC_A, VARIANT, 4, None])
    assert level(conn, loc_a2, VARIANT) == (0, 0)
    assert level(conn, LOC_A, VARIANT) == (10, 1)
    assert check_ledger(conn) == []


def test_transfer_of_more_than_is_available_is_insufficient_stock(
    conn: psycopg.Connection[Any],
) -> None:
    loc_a2 = add_location(conn, VENDOR_A)
    error = refused(
        conn, SERVICE, TRANSFER, [LOC_A, loc_a2, VARIANT, 10, None], code="insufficient_stock"
    )
    # 10 on hand but 1 reserved: 9 may move
    assert error.detail["requested"] == 10
    assert error.detail["available"] == 9
    assert error.detail["variant_id"] == str(VARIANT)
    assert error.detail["location_id"] == str(LOC_A)


def test_transfer_to_the_same_location_is_refused(conn: psycopg.Connection[Any]) -> None:
    refused(conn, SERVICE, TRANSFER, [LOC_A, LOC_A, VARIANT, 1, None], code="same_location")


def test_transfer_between_vendors_is_refused_even_for_an_admin(
    conn: psycopg.Connection[Any],
) -> None:
    error = refused(
        conn,
        ADMIN,
        TRANSFER,
        [LOC_A, LOC_B, VARIANT, 1, None],
        code="locations_of_different_vendors",
    )
    assert error.detail == {"from": str(LOC_A), "to": str(LOC_B)}


@pytest.mark.parametrize("quantity", [0, -3, None])
def test_transfer_refuses_a_quantity_that_is_not_positive(
    conn: psycopg.Connection[Any], quantity: int | None
) -> None:
    loc_a2 = add_location(conn, VENDOR_A)
    refused(
        conn, SERVICE, TRANSFER, [LOC_A, loc_a2, VARIANT, quantity, None], code="invalid_quantity"
    )


def test_transfer_needs_both_locations_to_be_the_callers(conn: psycopg.Connection[Any]) -> None:
    loc_a2 = add_location(conn, VENDOR_A)
    loc_b2 = add_location(conn, VENDOR_B)
    refused(
        conn, VENDOR_B_STAFF, TRANSFER, [LOC_A, loc_a2, VARIANT, 1, None], code="permission_denied"
    )
    # from one's own location into another vendor's
    refused(
        conn, VENDOR_B_STAFF, TRANSFER, [LOC_B, LOC_A, VARIANT, 1, None], code="permission_denied"
    )
    refused(conn, CUSTOMER_A, TRANSFER, [LOC_B, loc_b2, VARIANT, 1, None], code="permission_denied")
    refused(conn, SERVICE, TRANSFER, [LOC_A, NOWHERE, VARIANT, 1, None], code="unknown_location")
    refused(conn, SERVICE, TRANSFER, [LOC_A, loc_a2, NOWHERE, 1, None], code="unknown_variant")


# ============================================================================ reserve
def test_reserve_fast_path_takes_one_row_at_the_cheapest_vendor(
    conn: psycopg.Connection[Any],
) -> None:
    rows = reserve(conn, VARIANT, 3, holder=CART_A, ttl=120)
    assert len(rows) == 1
    row = rows[0]
    assert (row["location_id"], row["vendor_id"], row["quantity"], row["status"]) == (
        LOC_A,
        VENDOR_A,
        3,
        "active",
    )
    assert (row["holder_type"], row["holder_id"]) == CART_A
    assert row["expires_at"] - one(conn, "select now()") == timedelta(seconds=120)
    assert level(conn, LOC_A, VARIANT) == (10, 4)
    assert level(conn, LOC_B, VARIANT) == (10, 1)
    assert check_ledger(conn) == []


def test_a_customer_reserves_for_their_own_cart(conn: psycopg.Connection[Any]) -> None:
    rows = reserve(conn, VARIANT, 2, persona=CUSTOMER_A, holder=CART_A)
    assert [(r["quantity"], r["created_by"]) for r in rows] == [(2, user_id("customer_a"))]
    assert level(conn, LOC_A, VARIANT) == (10, 3)


def test_reserve_follows_the_cheapest_active_offer(conn: psycopg.Connection[Any]) -> None:
    conn.execute("update public.offers set price = 100 where id = %s", [ID["offer_b"]])
    assert [r["location_id"] for r in reserve(conn, VARIANT, 1)] == [LOC_B]
    # a vendor whose only offer is paused is not a candidate at all
    conn.execute("update public.offers set price = 200 where id = %s", [ID["offer_b"]])
    conn.execute("update public.offers set status = 'paused' where id = %s", [ID["offer_a"]])
    assert [r["location_id"] for r in reserve(conn, VARIANT, 1)] == [LOC_B]
    assert level(conn, LOC_B, VARIANT) == (10, 3)
    assert level(conn, LOC_A, VARIANT) == (10, 1)


def test_reserve_splits_across_locations_by_priority(conn: psycopg.Connection[Any]) -> None:
    variant = add_variant(conn, {VENDOR_A: 50})
    first = add_location(conn, VENDOR_A, priority=10)
    second = add_location(conn, VENDOR_A, priority=20)
    inactive = add_location(conn, VENDOR_A, priority=0, active=False)
    for location, quantity in ((first, 4), (second, 6), (LOC_A, 5), (inactive, 50)):
        receive(conn, location, variant, quantity)
    # the fast path: the first location by priority that can serve it all
    assert [r["location_id"] for r in reserve(conn, variant, 4, vendor=VENDOR_A)] == [first]
    assert [r["location_id"] for r in reserve(conn, variant, 5, vendor=VENDOR_A)] == [second]
    # first gets 2 more: first 2, second 1, loc_a (priority 100) 5 free. 7 fits nowhere whole:
    # split in priority order, loc_a gives only the rest
    receive(conn, first, variant, 2)
    rows = reserve(conn, variant, 7, vendor=VENDOR_A, key="split-1")
    assert {r["location_id"]: r["quantity"] for r in rows} == {first: 2, second: 1, LOC_A: 4}
    assert len(rows) == 3
    assert {r["expires_at"] for r in rows} == {rows[0]["expires_at"]}
    assert {r["idempotency_key"] for r in rows} == {"split-1"}
    assert [level(conn, loc, variant) for loc in (first, second, LOC_A, inactive)] == [
        (6, 6),
        (6, 6),
        (5, 4),
        (50, 0),
    ]
    # the last free unit, then the inactive location's 50 units are never offered
    reserve(conn, variant, 1)
    # the inactive location's 50 units are never offered
    error = refused(
        conn,
        SERVICE,
        RESERVE,
        [variant, 1, 60, *CART_A, None, None, None],
        code="insufficient_stock",
    )
    assert error.detail["available"] == 0
    assert check_ledger(conn) == []


def test_reserve_splits_across_vendors_cheapest_offer_first(
    conn: psycopg.Connection[Any],
) -> None:
    rows = reserve(conn, VARIANT, 15)
    assert sorted((r["location_id"], r["vendor_id"], r["quantity"]) for r in rows) == sorted(
        [(LOC_A, VENDOR_A, 9), (LOC_B, VENDOR_B, 6)]
    )
    assert level(conn, LOC_A, VARIANT) == (10, 10)
    assert level(conn, LOC_B, VARIANT) == (10, 7)
    assert check_ledger(conn) == []


def test_reserve_restricted_to_a_vendor_or_a_location(conn: psycopg.Connection[Any]) -> None:
    # vendor_b is dearer but asked for
    assert [r["location_id"] for r in reserve(conn, VARIANT, 2, vendor=VENDOR_B)] == [LOC_B]
    assert [r["location_id"] for r in reserve(conn, VARIANT, 3, location=LOC_B)] == [LOC_B]
    assert level(conn, LOC_B, VARIANT) == (10, 6)
    assert level(conn, LOC_A, VARIANT) == (10, 1)
    # restricted: vendor_a's 9 do not count for vendor_b
    error = refused(
        conn,
        SERVICE,
        RESERVE,
        [VARIANT, 5, 60, *CART_A, VENDOR_B, None, None],
        code="insufficient_stock",
    )
    assert (error.detail["requested"], error.detail["available"]) == (5, 4)
    assert error.detail["vendor_id"] == str(VENDOR_B)
    error = refused(
        conn,
        SERVICE,
        RESERVE,
        [VARIANT, 5, 60, *CART_A, None, LOC_B, None],
        code="insufficient_stock",
    )
    assert error.detail["location_id"] == str(LOC_B)


def test_reserve_more_than_everything_is_insufficient_stock(
    conn: psycopg.Connection[Any],
) -> None:
    error = refused(
        conn,
        SERVICE,
        RESERVE,
        [VARIANT, 19, 60, *CART_A, None, None, None],
        code="insufficient_stock",
    )
    assert isinstance(error, BusinessRuleViolation)
    assert error.detail["variant_id"] == str(VARIANT)
    assert error.detail["requested"] == 19
    assert error.detail["available"] == 18


def test_reserve_idempotent_replay_returns_the_same_rows(conn: psycopg.Connection[Any]) -> None:
    first = reserve(conn, VARIANT, 12, key="checkout-42")
    assert {r["location_id"]: r["quantity"] for r in first} == {LOC_A: 9, LOC_B: 3}
    before = state(conn)
    again = reserve(conn, VARIANT, 12, key="checkout-42")
    assert again == first
    # with the vendor or the location it was taken at, still the same call
    assert reserve(conn, VARIANT, 12, key="checkout-42", ttl=5) == first
    assert state(conn) == before
    single = reserve(conn, VARIANT, 1, key="checkout-43", location=LOC_B)
    assert reserve(conn, VARIANT, 1, key="checkout-43", location=LOC_B) == single
    assert reserve(conn, VARIANT, 1, key="checkout-43", vendor=VENDOR_B) == single
    assert level(conn, LOC_B, VARIANT) == (10, 5)


@pytest.mark.parametrize(
    "change",
    [
        {"quantity": 3},
        {"variant": "other"},
        {"holder": ("cart", ID["cart_customer_b"])},
        {"holder": ("order", ID["cart_customer_a"])},
        {"vendor": ID["vendor_b"]},
        {"location": ID["loc_b"]},
    ],
    ids=["quantity", "variant", "holder_id", "holder_type", "vendor", "location"],
)
def test_reserve_idempotency_key_reused_with_other_arguments(
    conn: psycopg.Connection[Any], change: dict[str, Any]
) -> None:
    reserve(conn, VARIANT, 2, key="once")
    arguments: dict[str, Any] = {
        "quantity": 2,
        "variant": VARIANT,
        "holder": CART_A,
        "vendor": None,
        "location": None,
    }
    arguments.update(change)
    if arguments["variant"] == "other":
        arguments["variant"] = add_variant(conn, {VENDOR_A: 1})
        receive(conn, LOC_A, arguments["variant"], 5)
    error = refused(
        conn,
        SERVICE,
        RESERVE,
        [
            arguments["variant"],
            arguments["quantity"],
            60,
            *arguments["holder"],
            arguments["vendor"],
            arguments["location"],
            "once",
        ],
        code="idempotency_key_reused",
    )
    assert error.detail["idempotency_key"] == "once"


def test_reserve_replay_with_missing_arguments_is_refused(conn: psycopg.Connection[Any]) -> None:
    reserve(conn, VARIANT, 2, key="once")
    refused(
        conn,
        SERVICE,
        RESERVE,
        [VARIANT, None, 60, *CART_A, None, None, "once"],
        code="invalid_quantity",
    )
    refused(
        conn,
        SERVICE,
        RESERVE,
        [None, 2, 60, *CART_A, None, None, "once"],
        code="idempotency_key_reused",
    )


@pytest.mark.parametrize("quantity", [0, -2, None])
def test_reserve_refuses_a_quantity_that_is_not_positive(
    conn: psycopg.Connection[Any], quantity: int | None
) -> None:
    refused(
        conn,
        SERVICE,
        RESERVE,
        [VARIANT, quantity, 60, *CART_A, None, None, None],
        code="invalid_quantity",
    )


@pytest.mark.parametrize("ttl", [0, -1, None, 7 * 86400 + 1])
def test_reserve_refuses_a_ttl_out_of_range(conn: psycopg.Connection[Any], ttl: int | None) -> None:
    error = refused(
        conn, SERVICE, RESERVE, [VARIANT, 1, ttl, *CART_A, None, None, None], code="invalid_ttl"
    )
    assert error.detail["value"] == ttl


def test_reserve_for_seven_days_is_allowed(conn: psycopg.Connection[Any]) -> None:
    (row,) = reserve(conn, VARIANT, 1, ttl=7 * 86400)
    assert row["expires_at"] - one(conn, "select now()") == timedelta(days=7)


@pytest.mark.parametrize(
    ("holder_type", "holder_id"),
    [("wishlist", ID["cart_customer_a"]), ("cart", None), (None, ID["cart_customer_a"])],
)
def test_reserve_refuses_an_invalid_holder(
    conn: psycopg.Connection[Any], holder_type: str | None, holder_id: uuid.UUID | None
) -> None:
    for persona in (SERVICE, CUSTOMER_A):
        refused(
            conn,
            persona,
            RESERVE,
            [VARIANT, 1, 60, holder_type, holder_id, None, None, None],
            code="invalid_holder",
        )


def test_reserve_refuses_an_unknown_variant(conn: psycopg.Connection[Any]) -> None:
    error = refused(
        conn,
        SERVICE,
        RESERVE,
        [NOWHERE, 1, 60, *CART_A, None, None, None],
        code="unknown_variant",
    )
    assert error.detail["variant_id"] == str(NOWHERE)


@pytest.mark.parametrize(
    ("persona_name", "holder"),
    [
        ("customer_b", ("cart", ID["cart_customer_a"])),
        ("customer_b", ("order", ID["order_customer_a"])),
        ("customer_a", ("cart", ID["cart_account_a"])),
        ("account_b_member", ("cart", ID["cart_account_a"])),
    ],
)
def test_reserve_for_someone_elses_holder_is_permission_denied(
    conn: psycopg.Connection[Any], persona_name: str, holder: tuple[str, uuid.UUID]
) -> None:
    error = refused(
        conn,
        PERSONAS[persona_name],
        RESERVE,
        [VARIANT, 1, 60, *holder, None, None, None],
        code="permission_denied",
    )
    assert error.detail["holder_id"] == str(holder[1])


def test_an_idempotent_replay_is_not_a_way_around_the_holder_check(
    conn: psycopg.Connection[Any],
) -> None:
    reserve(conn, VARIANT, 2, persona=CUSTOMER_A, key="a-secret-key")
    refused(
        conn,
        CUSTOMER_B,
        RESERVE,
        [VARIANT, 2, 60, *CART_A, None, None, "a-secret-key"],
        code="permission_denied",
    )


# ====================================================================== reserve_lines
def test_reserve_lines_takes_every_line_in_variant_order(conn: psycopg.Connection[Any]) -> None:
    other = add_variant(conn, {VENDOR_A: 10})
    receive(conn, LOC_A, other, 6)
    lines = [
        {"variant_id": str(x), "quantity": q}
        for x, q in ((max(VARIANT, other), 2), (min(VARIANT, other), 1), (max(VARIANT, other), 1))
    ]
    rows = rows_as(conn, SERVICE, RESERVE_LINES, [Jsonb(lines), 60, *CART_A, None])
    assert [(r["variant_id"], r["quantity"]) for r in rows] == [
        (min(VARIANT, other), 1),
        (max(VARIANT, other), 3),
    ]
    assert level(conn, LOC_A, other)[1] == (3 if other > VARIANT else 1)
    assert check_ledger(conn) == []


def test_reserve_lines_is_all_or_nothing(conn: psycopg.Connection[Any]) -> None:
    other = add_variant(conn, {VENDOR_A: 10})
    receive(conn, LOC_A, other, 2)
    lines = [{"variant_id": str(VARIANT), "quantity": 5}, {"variant_id": str(other), "quantity": 3}]
    error = refused(
        conn,
        SERVICE,
        RESERVE_LINES,
        [Jsonb(lines), 60, *CART_A, None],
        code="insufficient_stock",
    )
    assert error.detail["variant_id"] == str(other)
    assert (error.detail["requested"], error.detail["available"]) == (3, 2)
    assert level(conn, LOC_A, VARIANT) == (10, 1)


@pytest.mark.parametrize("lines", [[], {"variant_id": "x"}, None])
def test_reserve_lines_needs_a_non_empty_array(conn: psycopg.Connection[Any], lines: Any) -> None:
    error = refused(
        conn,
        SERVICE,
        RESERVE_LINES,
        [None if lines is None else Jsonb(lines), 60, *CART_A, None],
        code="invalid_input",
    )
    assert isinstance(error, InvalidInput)


@pytest.mark.parametrize("quantities", [[0], [-1], [None], [3, -1], [2, 0]])
def test_reserve_lines_refuses_a_line_that_is_not_positive(
    conn: psycopg.Connection[Any], quantities: list[int | None]
) -> None:
    """Even when the lines of a variant would add up to something positive."""
    lines = [{"variant_id": str(VARIANT), "quantity": q} for q in quantities]
    refused(
        conn,
        SERVICE,
        RESERVE_LINES,
        [Jsonb(lines), 60, *CART_A, None],
        code="invalid_quantity",
    )


def test_reserve_lines_refuses_another_customers_cart(conn: psycopg.Connection[Any]) -> None:
    lines = [{"variant_id": str(VARIANT), "quantity": 1}]
    refused(
        conn,
        CUSTOMER_B,
        RESERVE_LINES,
        [Jsonb(lines), 60, *CART_A, None],
        code="permission_denied",
    )


# ============================================================================ release
def test_release_by_the_holder(conn: psycopg.Connection[Any]) -> None:
    (row,) = rows_as(conn, CUSTOMER_A, RELEASE, [ID["reservation_a"]])
    assert (row["id"], row["status"]) == (ID["reservation_a"], "released")
    assert level(conn, LOC_A, VARIANT) == (10, 0)
    assert check_ledger(conn) == []


def test_release_by_the_vendors_staff(conn: psycopg.Connection[Any]) -> None:
    (row,) = rows_as(conn, VENDOR_B_STAFF, RELEASE, [ID["reservation_b"]])
    assert row["status"] == "released"
    assert level(conn, LOC_B, VARIANT) == (10, 0)


@pytest.mark.parametrize("persona", [CUSTOMER_B, VENDOR_B_STAFF], ids=["customer_b", "vendor_b"])
def test_release_by_someone_else_is_permission_denied(
    conn: psycopg.Connection[Any], persona: Persona
) -> None:
    refused(conn, persona, RELEASE, [ID["reservation_a"]], code="permission_denied")
    assert status_of(conn, ID["reservation_a"]) == "active"


def test_release_of_a_reservation_not_active_or_unknown(conn: psycopg.Connection[Any]) -> None:
    rows_as(conn, SERVICE, RELEASE, [ID["reservation_a"]])
    error = refused(conn, SERVICE, RELEASE, [ID["reservation_a"]], code="reservation_not_active")
    assert error.detail["status"] == "released"
    refused(conn, SERVICE, RELEASE, [NOWHERE], code="reservation_not_found")
    refused(conn, SERVICE, RELEASE, [None], code="reservation_not_found")


def test_release_holder_releases_every_active_reservation_of_it(
    conn: psycopg.Connection[Any],
) -> None:
    taken = reserve(conn, VARIANT, 12, holder=CART_A)  # 9 at loc_a, 3 at loc_b
    other = reserve(conn, VARIANT, 1, holder=("cart", ID["cart_customer_b"]))
    count = value_as(conn, CUSTOMER_A, RELEASE_HOLDER, list(CART_A))
    assert count == 3  # the two just taken and the world's reservation_a
    assert {status_of(conn, r["id"]) for r in taken} == {"released"}
    assert status_of(conn, ID["reservation_a"]) == "released"
    assert status_of(conn, other[0]["id"]) == "active"
    assert level(conn, LOC_A, VARIANT) == (10, 0)
    assert level(conn, LOC_B, VARIANT) == (10, 2)
    assert value_as(conn, CUSTOMER_A, RELEASE_HOLDER, list(CART_A)) == 0
    assert check_ledger(conn) == []


def test_release_holder_refusals(conn: psycopg.Connection[Any]) -> None:
    refused(conn, CUSTOMER_B, RELEASE_HOLDER, list(CART_A), code="permission_denied")
    refused(conn, SERVICE, RELEASE_HOLDER, ["basket", ID["cart_customer_a"]], code="invalid_holder")
    refused(conn, SERVICE, RELEASE_HOLDER, ["cart", None], code="invalid_holder")


# ============================================================================= commit
def test_commit_turns_the_reservation_into_a_sale(conn: psycopg.Connection[Any]) -> None:
    (held,) = reserve(conn, VARIANT, 3)
    (row,) = rows_as(conn, SERVICE, COMMIT, [held["id"], "order:W-1"])
    assert (row["id"], row["status"]) == (held["id"], "committed")
    assert level(conn, LOC_A, VARIANT) == (7, 1)
    assert movements(conn, kind="sale") == [(-3, "sale", None, "order:W-1", None)]
    # the default reference is the holder
    rows_as(conn, ADMIN, COMMIT, [ID["reservation_a"], None])
    assert movements(conn, kind="sale")[-1] == (
        -1,
        "sale",
        None,
        f"cart:{ID['cart_customer_a']}",
        user_id("admin"),
    )
    assert level(conn, LOC_A, VARIANT) == (6, 0)
    assert check_ledger(conn) == []


@pytest.mark.parametrize(
    "persona", [CUSTOMER_A, VENDOR_A_STAFF], ids=["the holder", "the vendor's staff"]
)
def test_only_service_work_or_an_admin_commits(
    conn: psycopg.Connection[Any], persona: Persona
) -> None:
    refused(conn, persona, COMMIT, [ID["reservation_a"], None], code="permission_denied")


def test_commit_of_an_expired_reservation_is_refused(conn: psycopg.Connection[Any]) -> None:
    (held,) = reserve(conn, VARIANT, 2)
    expire_now(conn, held["id"])
    error = refused(conn, SERVICE, COMMIT, [held["id"], None], code="reservation_expired")
    assert error.detail["reservation_id"] == str(held["id"])
    assert status_of(conn, held["id"]) == "active"  # until the sweeper comes


@pytest.mark.parametrize("how", ["committed", "released", "expired"])
def test_commit_of_a_reservation_no_longer_active_is_refused(
    conn: psycopg.Connection[Any], how: str
) -> None:
    (held,) = reserve(conn, VARIANT, 2)
    if how == "committed":
        rows_as(conn, SERVICE, COMMIT, [held["id"], None])
    elif how == "released":
        rows_as(conn, SERVICE, RELEASE, [held["id"]])
    else:
        expire_now(conn, held["id"])
        assert value_as(conn, SERVICE, EXPIRE, [100]) == 1
    error = refused(conn, SERVICE, COMMIT, [held["id"], None], code="reservation_not_active")
    assert error.detail["status"] == how
    refused(conn, SERVICE, RELEASE, [held["id"]], code="reservation_not_active")


def test_commit_of_an_unknown_reservation(conn: psycopg.Connection[Any]) -> None:
    refused(conn, SERVICE, COMMIT, [NOWHERE, None], code="reservation_not_found")


# ============================================================================= expire
def test_expire_sweeps_every_due_reservation_in_batches(conn: psycopg.Connection[Any]) -> None:
    due = [reserve(conn, VARIANT, 1, location=loc)[0]["id"] for loc in (LOC_A,) * 3 + (LOC_B,) * 2]
    (kept,) = reserve(conn, VARIANT, 2, location=LOC_B)
    assert level(conn, LOC_A, VARIANT) == (10, 4)
    assert level(conn, LOC_B, VARIANT) == (10, 5)
    expire_now(conn, *due)
    assert value_as(conn, SERVICE, EXPIRE, [2]) == 5
    assert {status_of(conn, r) for r in due} == {"expired"}
    assert status_of(conn, kept["id"]) == "active"
    assert level(conn, LOC_A, VARIANT) == (10, 1)
    assert level(conn, LOC_B, VARIANT) == (10, 3)
    assert value_as(conn, ADMIN, EXPIRE, [2]) == 0
    assert check_ledger(conn) == []


def test_expire_with_an_exact_multiple_of_the_batch(conn: psycopg.Connection[Any]) -> None:
    due = [r["id"] for _ in range(4) for r in reserve(conn, VARIANT, 1)]
    expire_now(conn, *due)
    assert value_as(conn, SERVICE, EXPIRE, [2]) == 4
    assert level(conn, LOC_A, VARIANT) == (10, 1)


def test_expire_refusals(conn: psycopg.Connection[Any]) -> None:
    expire_now(conn, ID["reservation_a"])
    for persona in (VENDOR_A_STAFF, CUSTOMER_A):
        refused(conn, persona, EXPIRE, [10], code="permission_denied")
    for batch in (0, -1, None):
        refused(conn, SERVICE, EXPIRE, [batch], code="invalid_quantity")
    assert status_of(conn, ID["reservation_a"]) == "active"


# ======================================================================= check_ledger
def test_check_ledger_is_empty_when_sound(conn: psycopg.Connection[Any]) -> None:
    for persona in (SERVICE, ADMIN, VENDOR_A_STAFF, VENDOR_B_STAFF, CUSTOMER_A):
        assert check_ledger(conn, persona) == []


def plant_on_hand(conn: psycopg.Connection[Any], location: uuid.UUID, on_hand: int) -> None:
    """Corrupt on_hand behind the ledger's back: only the owner, with its trigger disabled."""
    conn.execute("alter table public.stock_levels disable trigger tg_stock_levels__ledger_only")
    conn.execute(
        "update public.stock_levels set on_hand = %s where location_id = %s and variant_id = %s",
        [on_hand, location, VARIANT],
    )
    conn.execute("alter table public.stock_levels enable trigger tg_stock_levels__ledger_only")


def test_check_ledger_reports_a_planted_on_hand_mismatch(conn: psycopg.Connection[Any]) -> None:
    plant_on_hand(conn, LOC_A, 12)
    assert check_ledger(conn) == [
        {
            "location_id": LOC_A,
            "variant_id": VARIANT,
            "kind": "on_hand",
            "stored": 12,
            "expected": 10,
        }
    ]


def test_check_ledger_reports_a_planted_reserved_mismatch(conn: psycopg.Connection[Any]) -> None:
    conn.execute(
        "update public.stock_levels set reserved = 3 where location_id = %s and variant_id = %s",
        [LOC_B, VARIANT],
    )
    assert check_ledger(conn, ADMIN) == [
        {
            "location_id": LOC_B,
            "variant_id": VARIANT,
            "kind": "reserved",
            "stored": 3,
            "expected": 1,
        }
    ]


def test_check_ledger_reports_a_reservation_without_its_level_count(
    conn: psycopg.Connection[Any],
) -> None:
    conn.execute(
        "update public.stock_reservations set quantity = 4 where id = %s", [ID["reservation_a"]]
    )
    assert [(r["kind"], r["stored"], r["expected"]) for r in check_ledger(conn)] == [
        ("reserved", 1, 4)
    ]


def test_check_ledger_shows_vendor_staff_only_their_vendor(conn: psycopg.Connection[Any]) -> None:
    plant_on_hand(conn, LOC_A, 11)
    plant_on_hand(conn, LOC_B, 13)

    def where(persona: Persona, vendor: uuid.UUID | None = None) -> list[Any]:
        return [r["location_id"] for r in check_ledger(conn, persona, vendor)]

    assert where(VENDOR_A_STAFF) == [LOC_A]
    assert where(VENDOR_A_STAFF, VENDOR_B) == [LOC_A]  # the argument does not widen it
    assert where(VENDOR_B_STAFF) == [LOC_B]
    assert sorted(where(ADMIN)) == sorted([LOC_A, LOC_B])
    assert where(ADMIN, VENDOR_B) == [LOC_B]
    assert where(SERVICE, VENDOR_A) == [LOC_A]
    assert where(CUSTOMER_A) == []


# ======================================================================= cycle counts
def counted_location(conn: psycopg.Connection[Any]) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """A vendor_a location holding two variants (7 and 4 on hand, 1 reserved of the second)."""
    location = add_location(conn, VENDOR_A)
    first, second = sorted([add_variant(conn, {VENDOR_A: 10}), add_variant(conn, {VENDOR_A: 10})])
    receive(conn, location, first, 7)
    receive(conn, location, second, 4)
    reserve(conn, second, 1, location=location)
    return location, first, second


def test_count_open_snapshots_every_level_of_the_location(conn: psycopg.Connection[Any]) -> None:
    location, first, second = counted_location(conn)
    count = value_as(conn, VENDOR_A_STAFF, COUNT_OPEN, [location, "Q3 audit"])
    assert conn.execute(
        "select status, note, opened_by, vendor_id from public.stock_counts where id = %s",
        [count],
    ).fetchone() == ("open", "Q3 audit", user_id("vendor_a_staff"), VENDOR_A)
    assert conn.execute(
        "select variant_id, expected, counted from public.stock_count_lines where count_id = %s"
        " order by variant_id",
        [count],
    ).fetchall() == [(first, 7, None), (second, 4, None)]


def test_count_post_writes_corrections_for_counted_lines_only(
    conn: psycopg.Connection[Any],
) -> None:
    location, first, second = counted_location(conn)
    extra = add_variant(conn)
    count = value_as(conn, VENDOR_A_STAFF, COUNT_OPEN, [location, None])
    rows_as(conn, VENDOR_A_STAFF, COUNT_RECORD, [count, first, 9])
    rows_as(conn, VENDOR_A_STAFF, COUNT_RECORD, [count, first, 5])  # recounted: the last wins
    rows_as(conn, VENDOR_A_STAFF, COUNT_RECORD, [count, extra, 2])  # not in the snapshot
    assert (
        one(
            conn,
            "select expected from public.stock_count_lines where count_id = %s and variant_id = %s",
            [count, extra],
        )
        == 0
    )
    moves = value_as(conn, VENDOR_A_STAFF, COUNT_POST, [count])
    assert moves == 2
    assert level(conn, location, first) == (5, 0)
    assert level(conn, location, second) == (4, 1)  # not counted: unchanged
    assert level(conn, location, extra) == (2, 0)
    reference = f"count:{count}"
    assert sorted(movements(conn, reference=reference)) == sorted(
        [
            (-2, "count_correction", "cycle count", reference, user_id("vendor_a_staff")),
            (2, "count_correction", "cycle count", reference, user_id("vendor_a_staff")),
        ]
    )
    assert conn.execute(
        "select status, posted_by, posted_at is not null from public.stock_counts where id = %s",
        [count],
    ).fetchone() == ("posted", user_id("vendor_a_staff"), True)
    assert check_ledger(conn) == []


def test_count_post_with_nothing_counted_or_nothing_different(
    conn: psycopg.Connection[Any],
) -> None:
    location, first, _ = counted_location(conn)
    count = value_as(conn, SERVICE, COUNT_OPEN, [location, None])
    rows_as(conn, SERVICE, COUNT_RECORD, [count, first, 7])  # as expected
    before = conn.execute("select count(*) from public.stock_movements").fetchone()
    assert value_as(conn, SERVICE, COUNT_POST, [count]) == 0
    assert conn.execute("select count(*) from public.stock_movements").fetchone() == before
    assert one(conn, "select status from public.stock_counts where id = %s", [count]) == "posted"


def test_a_posted_count_is_immutable(conn: psycopg.Connection[Any]) -> None:
    location, first, _ = counted_location(conn)
    count = value_as(conn, SERVICE, COUNT_OPEN, [location, None])
    rows_as(conn, SERVICE, COUNT_RECORD, [count, first, 6])
    value_as(conn, SERVICE, COUNT_POST, [count])

    for statement in (
        "update public.stock_counts set note = 'changed' where id = %s",
        "delete from public.stock_counts where id = %s",
        "update public.stock_count_lines set counted = 1 where count_id = %s",
        "delete from public.stock_count_lines where count_id = %s",
    ):
        error = refused_as_owner(conn, statement, [count])
        assert error.diag.message_primary == "count_posted", statement
    refused(
        conn,
        ADMIN,
        "update public.stock_count_lines set counted = 1 where count_id = %s",
        [count],
        code="count_posted",
    )
    not_open = refused(conn, SERVICE, COUNT_RECORD, [count, first, 1], code="count_not_open")
    assert not_open.detail["status"] == "posted"
    refused(conn, SERVICE, COUNT_POST, [count], code="count_not_open")
    assert level(conn, location, first) == (6, 0)


def refused_as_owner(
    conn: psycopg.Connection[Any], statement: Any, params: list[Any]
) -> psycopg.Error:
    """``statement`` run by the owner (in a savepoint) raises, and nothing was written."""
    before = state(conn)
    with pytest.raises(psycopg.errors.RaiseException) as caught, conn.transaction():
        conn.execute(statement, params)
    assert state(conn) == before
    return caught.value


def test_count_refusals(conn: psycopg.Connection[Any]) -> None:
    location, first, second = counted_location(conn)
    refused(conn, CUSTOMER_A, COUNT_OPEN, [location, None], code="permission_denied")
    refused(conn, VENDOR_B_STAFF, COUNT_OPEN, [location, None], code="permission_denied")
    refused(conn, SERVICE, COUNT_OPEN, [NOWHERE, None], code="unknown_location")
    count = value_as(conn, VENDOR_A_STAFF, COUNT_OPEN, [location, None])
    for counted in (-1, None):
        refused(conn, SERVICE, COUNT_RECORD, [count, first, counted], code="invalid_quantity")
    refused(conn, SERVICE, COUNT_RECORD, [count, NOWHERE, 1], code="unknown_variant")
    refused(conn, VENDOR_B_STAFF, COUNT_RECORD, [count, first, 1], code="permission_denied")
    refused(conn, VENDOR_B_STAFF, COUNT_POST, [count], code="permission_denied")
    refused(conn, SERVICE, COUNT_RECORD, [NOWHERE, first, 1], code="count_not_found")
    refused(conn, SERVICE, COUNT_POST, [NOWHERE], code="count_not_found")
    # counting 0 of a variant with a unit reserved: the correction would go below reserved
    rows_as(conn, SERVICE, COUNT_RECORD, [count, second, 0])
    error = refused(conn, SERVICE, COUNT_POST, [count], code="below_reserved")
    assert (error.detail["on_hand"], error.detail["reserved"], error.detail["delta"]) == (4, 1, -4)
    assert one(conn, "select status from public.stock_counts where id = %s", [count]) == "open"


# ============================================================================= alerts
def test_alert_acknowledge(conn: psycopg.Connection[Any]) -> None:
    refused(conn, VENDOR_B_STAFF, ACKNOWLEDGE, [ID["alert_a"]], code="permission_denied")
    refused(conn, CUSTOMER_A, ACKNOWLEDGE, [ID["alert_a"]], code="permission_denied")
    refused(conn, SERVICE, ACKNOWLEDGE, [NOWHERE], code="alert_not_found")
    rows_as(conn, VENDOR_A_STAFF, ACKNOWLEDGE, [ID["alert_a"]])
    first = conn.execute(
        "select acknowledged_by, acknowledged_at from public.stock_alerts where id = %s",
        [ID["alert_a"]],
    ).fetchone()
    assert first is not None
    assert first[0] == user_id("vendor_a_staff")
    # acknowledging again keeps the first acknowledgement
    rows_as(conn, ADMIN, ACKNOWLEDGE, [ID["alert_a"]])
    assert (
        conn.execute(
            "select acknowledged_by, acknowledged_at from public.stock_alerts where id = %s",
            [ID["alert_a"]],
        ).fetchone()
        == first
    )


def test_low_and_out_of_stock_alerts_follow_available_stock(
    conn: psycopg.Connection[Any],
) -> None:
    variant = add_variant(conn, {VENDOR_A: 10})
    location = add_location(conn, VENDOR_A)
    receive(conn, location, variant, 10)
    conn.execute(
        "update public.stock_levels set reorder_point = 3 where location_id = %s"
        " and variant_id = %s",
        [location, variant],
    )
    assert open_alerts(conn, location, variant) == []
    (first,) = reserve(conn, variant, 6, location=location)  # available 4
    assert open_alerts(conn, location, variant) == []
    reserve(conn, variant, 1, location=location)  # available 3 = reorder point
    assert open_alerts(conn, location, variant) == ["low_stock"]
    reserve(conn, variant, 2, location=location)  # available 1: still one open
    assert open_alerts(conn, location, variant) == ["low_stock"]
    (last,) = reserve(conn, variant, 1, location=location)  # available 0
    assert open_alerts(conn, location, variant) == ["out_of_stock"]
    rows_as(conn, SERVICE, RELEASE, [last["id"]])  # available 1
    assert open_alerts(conn, location, variant) == ["low_stock"]
    rows_as(conn, SERVICE, RELEASE, [first["id"]])  # available 7: stock came back
    assert open_alerts(conn, location, variant) == []
    history = conn.execute(
        "select kind, count(*), count(resolved_at) from public.stock_alerts"
        " where location_id = %s and variant_id = %s group by kind order by kind",
        [location, variant],
    ).fetchall()
    assert history == [("low_stock", 2, 2), ("out_of_stock", 1, 1)]


def test_a_transfer_that_empties_a_level_opens_out_of_stock_until_a_receipt(
    conn: psycopg.Connection[Any],
) -> None:
    variant = add_variant(conn, {VENDOR_A: 10})
    location = add_location(conn, VENDOR_A)
    receive(conn, LOC_A, variant, 3)
    value_as(conn, SERVICE, TRANSFER, [LOC_A, location, variant, 3, None])
    assert open_alerts(conn, LOC_A, variant) == ["out_of_stock"]
    assert open_alerts(conn, location, variant) == []
    receive(conn, LOC_A, variant, 1)
    assert open_alerts(conn, LOC_A, variant) == []


def test_oversell_attempt_alerts_resolve_when_available_grows(
    conn: psycopg.Connection[Any],
) -> None:
    # Clients can't open alerts: the service records a refusal (as service work).
    with pytest.raises(PermissionDenied):
        value_as(conn, CUSTOMER_A, OVERSELL, [VARIANT, 30, 18, None])
    assert value_as(conn, SERVICE, OVERSELL, [VARIANT, 30, 18, None]) == 2
    assert value_as(conn, SERVICE, OVERSELL, [VARIANT, 30, 18, None]) == 0  # one open per kind
    detail = one(
        conn,
        "select detail from public.stock_alerts where location_id = %s"
        " and kind = 'oversell_attempt' and resolved_at is null",
        [LOC_A],
    )
    assert detail == {"requested": 30, "available": 18}
    (held,) = reserve(conn, VARIANT, 2, location=LOC_A)  # available shrinks: nothing resolved
    assert "oversell_attempt" in open_alerts(conn, LOC_A, VARIANT)
    rows_as(conn, SERVICE, RELEASE, [held["id"]])  # available grows at loc_a
    assert "oversell_attempt" not in open_alerts(conn, LOC_A, VARIANT)
    assert "oversell_attempt" in open_alerts(conn, LOC_B, VARIANT)
    receive(conn, LOC_B, VARIANT, 1)
    assert "oversell_attempt" not in open_alerts(conn, LOC_B, VARIANT)
    assert value_as(conn, SERVICE, OVERSELL, [VARIANT, 30, 18, VENDOR_B]) == 1


def test_a_sale_of_reserved_units_neither_resolves_nor_opens_alerts(
    conn: psycopg.Connection[Any],
) -> None:
    """Committing lowers reserved and on_hand together: available does not move, so no alert
    changes (the vendor's acknowledged out_of_stock stays, an oversell_attempt stays open)."""
    variant = add_variant(conn, {VENDOR_A: 10})
    location = add_location(conn, VENDOR_A)
    receive(conn, location, variant, 5)
    conn.execute(
        "update public.stock_levels set reorder_point = 1 where location_id = %s"
        " and variant_id = %s",
        [location, variant],
    )
    first, second = (reserve(conn, variant, q, location=location)[0] for q in (3, 2))
    assert value_as(conn, SERVICE, OVERSELL, [variant, 4, 0, VENDOR_A]) == 1
    (out,) = rows_as(
        conn,
        SERVICE,
        "select id from public.stock_alerts where location_id = %s and variant_id = %s"
        " and kind = 'out_of_stock' and resolved_at is null",
        [location, variant],
    )
    rows_as(conn, VENDOR_A_STAFF, ACKNOWLEDGE, [out["id"]])
    history = (
        "select id, kind, resolved_at, acknowledged_by from public.stock_alerts"
        " where location_id = %s and variant_id = %s order by id"
    )
    before = conn.execute(history, [location, variant]).fetchall()
    assert sorted(kind for _, kind, resolved, _ in before if resolved is None) == [
        "out_of_stock",
        "oversell_attempt",
    ]
    rows_as(conn, SERVICE, COMMIT, [first["id"], None])
    assert level(conn, location, variant) == (2, 2)
    assert conn.execute(history, [location, variant]).fetchall() == before
    # releasing the rest is stock coming back: now they resolve
    rows_as(conn, SERVICE, RELEASE, [second["id"]])
    assert open_alerts(conn, location, variant) == []


# ======================================================================== ledger only
def test_on_hand_changes_only_through_the_ledger_even_for_the_owner(
    conn: psycopg.Connection[Any],
) -> None:
    error = refused_as_owner(
        conn,
        "update public.stock_levels set on_hand = on_hand + 5 where location_id = %s",
        [LOC_A],
    )
    assert error.diag.message_primary == "ledger_only"
    variant = add_variant(conn)
    error = refused_as_owner(
        conn,
        "insert into public.stock_levels (location_id, variant_id, vendor_id, on_hand)"
        " values (%s, %s, %s, 5)",
        [LOC_A, variant, VENDOR_A],
    )
    assert error.diag.message_primary == "ledger_only"
    assert json.loads(error.diag.message_detail or "{}")["message"].startswith("on_hand changes")
    # personas can't write levels at all
    for persona in (ADMIN, VENDOR_A_STAFF):
        refused(
            conn,
            persona,
            "update public.stock_levels set on_hand = 50 where location_id = %s",
            [LOC_A],
            code="permission_denied",
        )
    assert level(conn, LOC_A, VARIANT) == (10, 1)
