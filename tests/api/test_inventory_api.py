"""The inventory API against the seeded world: vendor staff manage their stock, buyers hold
stock for their own carts, the database decides who may do what, refusals are problem+json.

World (tests/world.py): vendor_a and vendor_b each have one location (loc_a, loc_b) holding
10 units of variant_active with 1 reserved (reservation_a for customer_a's cart,
reservation_b for customer_b's order), reorder point 2, and an open low_stock alert.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any, get_args

import httpx
import psycopg
import pytest
from fastapi.testclient import TestClient

from emporium.api.app import create_app
from emporium.config import Settings
from emporium.db.connect import Database
from emporium.inventory import models
from emporium.inventory.schemas import AlertKind, MovementKind, ReservationStatus
from emporium.inventory.sweeper import ReservationSweeper
from tests.api.conftest import bearer, execute, query, sign, supabase_claims
from tests.api.test_auth import assert_problem
from tests.world import ID

VARIANT = ID["variant_active"]
LOC_A, LOC_B = ID["loc_a"], ID["loc_b"]


def as_(name: str) -> dict[str, str]:
    """Authorization for a world persona: a token whose sub is its user id (the database
    knows its role and vendor)."""
    return bearer(sign(supabase_claims(sub=ID[name])))


def level(db: Database, location: uuid.UUID, variant: uuid.UUID = VARIANT) -> tuple[int, int]:
    rows = query(
        db,
        "select on_hand, reserved from public.stock_levels"
        " where location_id = %s and variant_id = %s",
        [location, variant],
    )
    return (rows[0][0], rows[0][1]) if rows else (0, 0)


def add_location(db: Database, name: str, vendor: str = "vendor_a") -> uuid.UUID:
    execute(
        db,
        "insert into public.stock_locations (id, vendor_id, name, code) values (%s, %s, %s, %s)",
        [ID[name], ID[vendor], name, name.upper()],
    )
    return ID[name]


def stock(db: Database, location: uuid.UUID, variant: uuid.UUID, units: int) -> None:
    """Put units on hand through the ledger, as the owner."""
    vendor = query(db, "select vendor_id from public.stock_locations where id = %s", [location])
    execute(
        db,
        "insert into public.stock_movements (vendor_id, location_id, variant_id, delta, kind)"
        " values (%s, %s, %s, %s, 'opening_balance')",
        [vendor[0][0], location, variant, units],
    )


ClientFactory = Callable[..., TestClient]


@pytest.fixture
def build(api_settings: Settings, world_db: Database) -> Iterator[ClientFactory]:
    """Clients of the real app on a database of the test's own holding the seeded world."""
    clients: list[TestClient] = []

    def make(*, sweep_seconds: float = 0) -> TestClient:
        settings = api_settings.model_copy(update={"reservation_sweep_seconds": sweep_seconds})
        client = TestClient(create_app(settings, world_db))
        client.__enter__()  # runs the lifespan: the pool (and the sweeper) start
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def api(build: ClientFactory) -> TestClient:
    return build()


def reserve(
    api: TestClient, who: str = "customer_a", headers: dict[str, str] | None = None, **body: Any
) -> httpx.Response:
    payload: dict[str, Any] = {
        "variant_id": str(VARIANT),
        "quantity": 2,
        "holder_type": "cart",
        "holder_id": str(ID["cart_customer_a"]),
    }
    payload.update(body)
    return api.post("/reservations", json=payload, headers={**as_(who), **(headers or {})})


# ------------------------------------------------------------------- the contract
def test_the_schema_literals_match_the_table_models() -> None:
    assert get_args(MovementKind) == models.MOVEMENT_KINDS
    assert get_args(ReservationStatus) == models.RESERVATION_STATUSES
    assert get_args(AlertKind) == models.ALERT_KINDS


def test_inventory_needs_a_signed_in_caller(api: TestClient) -> None:
    assert_problem(api.get("/inventory/levels"), 401, "missing_token")
    assert_problem(
        api.post("/reservations", json={}, headers={"Authorization": "Basic x"}),
        401,
        "invalid_token",
    )


# --------------------------------------------------------------------------- levels
def test_vendor_staff_list_only_their_vendors_levels_a_page_at_a_time(
    api: TestClient, world_db: Database
) -> None:
    # Given vendor_a holds two variants at loc_a
    stock(world_db, LOC_A, ID["variant_draft"], 4)
    # When its staff list their levels one per page
    first = api.get("/inventory/levels", params={"limit": 1}, headers=as_("vendor_a_staff"))
    assert first.status_code == 200, first.text
    page1 = first.json()
    assert len(page1["items"]) == 1
    assert page1["next_cursor"]
    second = api.get(
        "/inventory/levels",
        params={"limit": 1, "cursor": page1["next_cursor"]},
        headers=as_("vendor_a_staff"),
    ).json()
    # Then two pages, no repeat, ordered by (location, variant), all vendor_a's, then the end
    assert len(second["items"]) == 1
    assert second["next_cursor"] is None
    items = page1["items"] + second["items"]
    assert {i["vendor_id"] for i in items} == {str(ID["vendor_a"])}
    assert {i["variant_id"] for i in items} == {str(VARIANT), str(ID["variant_draft"])}
    assert sorted(items, key=lambda i: (i["location_id"], i["variant_id"])) == items
    assert items[0]["variant_id"] < items[1]["variant_id"]
    active = next(i for i in items if i["variant_id"] == str(VARIANT))
    assert (active["on_hand"], active["reserved"], active["available"]) == (10, 1, 9)
    assert active["sku"] == "DD1391-100-10"
    assert active["location_code"] == "Wa"
    # and vendor_b's staff see only vendor_b's level; a customer sees none
    theirs = api.get("/inventory/levels", headers=as_("vendor_b_staff")).json()["items"]
    assert [(i["location_id"], i["vendor_id"]) for i in theirs] == [
        (str(LOC_B), str(ID["vendor_b"]))
    ]
    assert api.get("/inventory/levels", headers=as_("customer_a")).json()["items"] == []


def test_levels_filter_by_sku_reorder_point_and_out_of_stock(
    api: TestClient, world_db: Database
) -> None:
    stock(world_db, LOC_A, ID["variant_draft"], 1)
    execute(
        world_db,
        "update public.stock_levels set reorder_point = 5 where variant_id = %s",
        [ID["variant_draft"]],
    )
    get = lambda **p: api.get(  # noqa: E731
        "/inventory/levels", params=p, headers=as_("admin")
    ).json()["items"]
    assert [i["location_id"] for i in get(sku="dd1391")] == sorted([str(LOC_A), str(LOC_B)])
    assert get(sku="%") == []  # the user's % is a character, not a wildcard
    assert [i["variant_id"] for i in get(below_reorder_point="true")] == [str(ID["variant_draft"])]
    assert get(out_of_stock="true") == []
    assert [i["location_id"] for i in get(location_id=str(LOC_B))] == [str(LOC_B)]


def test_a_cursor_that_was_not_given_out_is_a_422_problem(api: TestClient) -> None:
    response = api.get(
        "/inventory/levels", params={"cursor": "not-a-cursor"}, headers=as_("vendor_a_staff")
    )
    assert_problem(response, 422, "invalid_cursor")
    assert_problem(
        api.get("/inventory/levels", params={"limit": 0}, headers=as_("vendor_a_staff")),
        422,
        "invalid_input",
    )


# ------------------------------------------------------------ receive, adjust, transfer
def test_receiving_is_201_with_the_movement_and_the_level_after_it(
    api: TestClient, world_db: Database
) -> None:
    response = api.post(
        "/inventory/receipts",
        json={
            "location_id": str(LOC_A),
            "variant_id": str(VARIANT),
            "quantity": 5,
            "reference": "PO-1",
        },
        headers=as_("vendor_a_staff"),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["movement"]["kind"] == "receipt"
    assert body["movement"]["delta"] == 5
    assert body["movement"]["reference"] == "PO-1"
    assert body["movement"]["actor_id"] == str(ID["vendor_a_staff"])
    assert (body["level"]["on_hand"], body["level"]["available"]) == (15, 14)
    assert response.headers["location"] == f"/inventory/movements/{body['movement']['id']}"
    assert level(world_db, LOC_A) == (15, 1)
    fetched = api.get(response.headers["location"], headers=as_("vendor_a_staff"))
    assert fetched.json() == body["movement"]
    # another vendor's staff can't read it
    assert_problem(
        api.get(response.headers["location"], headers=as_("vendor_b_staff")),
        404,
        "movement_not_found",
    )


def test_vendor_b_staff_cannot_receive_into_vendor_a_location(
    api: TestClient, world_db: Database
) -> None:
    response = api.post(
        "/inventory/receipts",
        json={"location_id": str(LOC_A), "variant_id": str(VARIANT), "quantity": 5},
        headers=as_("vendor_b_staff"),
    )
    body = assert_problem(response, 403, "permission_denied")
    assert body["context"]["location_id"] == str(LOC_A)
    assert level(world_db, LOC_A) == (10, 1)


def test_a_customer_cannot_receive_stock(api: TestClient, world_db: Database) -> None:
    response = api.post(
        "/inventory/receipts",
        json={"location_id": str(LOC_A), "variant_id": str(VARIANT), "quantity": 5},
        headers=as_("customer_a"),
    )
    assert_problem(response, 403, "permission_denied")
    assert level(world_db, LOC_A) == (10, 1)


def test_receiving_an_unknown_variant_is_a_422_problem(api: TestClient) -> None:
    response = api.post(
        "/inventory/receipts",
        json={"location_id": str(LOC_A), "variant_id": str(uuid.uuid4()), "quantity": 1},
        headers=as_("vendor_a_staff"),
    )
    assert_problem(response, 422, "unknown_variant")


def test_an_adjustment_without_a_reason_is_a_422_problem_reason_required(
    api: TestClient, world_db: Database
) -> None:
    body = {"location_id": str(LOC_A), "variant_id": str(VARIANT), "delta": -2}
    response = api.post("/inventory/adjustments", json=body, headers=as_("vendor_a_staff"))
    problem = assert_problem(response, 422, "reason_required")
    assert "why" in problem["detail"]
    blank = api.post(
        "/inventory/adjustments", json={**body, "reason": "  "}, headers=as_("vendor_a_staff")
    )
    assert_problem(blank, 422, "reason_required")
    assert level(world_db, LOC_A) == (10, 1)


def test_an_adjustment_with_a_reason_changes_on_hand_but_never_below_reserved(
    api: TestClient, world_db: Database
) -> None:
    body = {"location_id": str(LOC_A), "variant_id": str(VARIANT), "reason": "damaged"}
    ok = api.post("/inventory/adjustments", json={**body, "delta": -3}, headers=as_("admin"))
    assert ok.status_code == 201, ok.text
    assert ok.json()["movement"]["kind"] == "adjustment"
    assert ok.json()["movement"]["reason"] == "damaged"
    assert ok.json()["level"]["on_hand"] == 7
    assert level(world_db, LOC_A) == (7, 1)
    too_far = api.post(
        "/inventory/adjustments", json={**body, "delta": -7}, headers=as_("vendor_a_staff")
    )
    problem = assert_problem(too_far, 409, "below_reserved")
    assert problem["context"]["reserved"] == 1
    assert level(world_db, LOC_A) == (7, 1)


def test_transfers_move_units_between_locations_of_one_vendor(
    api: TestClient, world_db: Database
) -> None:
    loc_a2 = add_location(world_db, "loc_a2")
    body = {
        "from_location_id": str(LOC_A),
        "to_location_id": str(loc_a2),
        "variant_id": str(VARIANT),
        "quantity": 4,
        "reason": "rebalance",
    }
    response = api.post("/inventory/transfers", json=body, headers=as_("vendor_a_staff"))
    assert response.status_code == 201, response.text
    out = response.json()
    assert sorted((m["kind"], m["delta"]) for m in out["movements"]) == [
        ("transfer_in", 4),
        ("transfer_out", -4),
    ]
    assert {m["reference"] for m in out["movements"]} == {out["transfer_id"]}
    assert [(lv["location_id"], lv["on_hand"]) for lv in out["levels"]] == [
        (str(LOC_A), 6),
        (str(loc_a2), 4),
    ]
    assert level(world_db, LOC_A) == (6, 1)
    assert level(world_db, loc_a2) == (4, 0)
    # more than is available at the source: 409, nothing moves
    too_many = api.post(
        "/inventory/transfers", json={**body, "quantity": 6}, headers=as_("vendor_a_staff")
    )
    problem = assert_problem(too_many, 409, "insufficient_stock")
    assert (problem["context"]["requested"], problem["context"]["available"]) == (6, 5)
    # to another vendor's location: refused by the database
    across = api.post(
        "/inventory/transfers",
        json={**body, "to_location_id": str(LOC_B), "quantity": 1},
        headers=as_("vendor_a_staff"),
    )
    assert_problem(across, 403, "permission_denied")
    assert level(world_db, LOC_A) == (6, 1)
    assert level(world_db, LOC_B) == (10, 1)


def test_movements_history_is_newest_first_filtered_and_paged(api: TestClient) -> None:
    staff = as_("vendor_a_staff")
    target = {"location_id": str(LOC_A), "variant_id": str(VARIANT)}
    assert api.post("/inventory/receipts", json={**target, "quantity": 3}, headers=staff).is_success
    assert api.post(
        "/inventory/adjustments", json={**target, "delta": 1, "reason": "found"}, headers=staff
    ).is_success
    everything = api.get("/inventory/movements", headers=staff).json()
    assert [m["kind"] for m in everything["items"]] == ["adjustment", "receipt", "opening_balance"]
    assert {m["vendor_id"] for m in everything["items"]} == {str(ID["vendor_a"])}
    assert everything["next_cursor"] is None
    receipts = api.get("/inventory/movements", params={"kind": "receipt"}, headers=staff).json()
    assert [m["delta"] for m in receipts["items"]] == [3]
    page = api.get("/inventory/movements", params={"limit": 2}, headers=staff).json()
    rest = api.get(
        "/inventory/movements", params={"limit": 2, "cursor": page["next_cursor"]}, headers=staff
    ).json()
    assert [m["id"] for m in page["items"] + rest["items"]] == [
        m["id"] for m in everything["items"]
    ]
    assert rest["next_cursor"] is None
    assert_problem(
        api.get("/inventory/movements", params={"kind": "theft"}, headers=staff),
        422,
        "invalid_input",
    )


# --------------------------------------------------------------------------- alerts
def test_alerts_are_listed_per_vendor_and_acknowledged_by_its_staff(api: TestClient) -> None:
    listed = api.get("/inventory/alerts", headers=as_("vendor_a_staff")).json()["items"]
    assert [(a["id"], a["kind"]) for a in listed] == [(str(ID["alert_a"]), "low_stock")]
    assert listed[0]["acknowledged_at"] is None
    # another vendor's staff may not acknowledge it
    refused = api.post(
        f"/inventory/alerts/{ID['alert_a']}/acknowledge", headers=as_("vendor_b_staff")
    )
    assert_problem(refused, 403, "permission_denied")
    done = api.post(f"/inventory/alerts/{ID['alert_a']}/acknowledge", headers=as_("vendor_a_staff"))
    assert done.status_code == 200, done.text
    assert done.json()["acknowledged_by"] == str(ID["vendor_a_staff"])
    assert done.json()["resolved_at"] is None  # still open: the condition has not ended
    resolved = api.get(
        "/inventory/alerts", params={"state": "resolved"}, headers=as_("vendor_a_staff")
    )
    assert resolved.json()["items"] == []
    missing = api.post(
        f"/inventory/alerts/{uuid.uuid4()}/acknowledge", headers=as_("vendor_a_staff")
    )
    assert_problem(missing, 404, "alert_not_found")


# --------------------------------------------------------------------------- counts
def test_a_cycle_count_is_opened_counted_and_posted(api: TestClient, world_db: Database) -> None:
    staff = as_("vendor_a_staff")
    opened = api.post("/inventory/counts", json={"location_id": str(LOC_A)}, headers=staff)
    assert opened.status_code == 201, opened.text
    count = opened.json()
    assert opened.headers["location"] == f"/inventory/counts/{count['id']}"
    assert count["status"] == "open"
    assert [(ln["variant_id"], ln["expected"], ln["counted"]) for ln in count["lines"]] == [
        (str(VARIANT), 10, None)
    ]
    line = api.put(
        f"/inventory/counts/{count['id']}/lines/{VARIANT}", json={"counted": 8}, headers=staff
    )
    assert line.status_code == 200, line.text
    assert (line.json()["counted"], line.json()["difference"]) == (8, -2)
    assert_problem(
        api.get(opened.headers["location"], headers=as_("vendor_b_staff")), 404, ("count_not_found")
    )
    posted = api.post(f"/inventory/counts/{count['id']}/post", headers=staff)
    assert posted.status_code == 200, posted.text
    assert posted.json()["corrections"] == 1
    assert posted.json()["count"]["status"] == "posted"
    assert level(world_db, LOC_A) == (8, 1)
    again = api.post(f"/inventory/counts/{count['id']}/post", headers=staff)
    assert_problem(again, 409, "count_not_open")
    listed = api.get("/inventory/counts", params={"status": "posted"}, headers=staff).json()
    assert [c["id"] for c in listed["items"]] == [count["id"]]


def test_a_negative_count_is_a_422_problem(api: TestClient) -> None:
    response = api.put(
        f"/inventory/counts/{ID['count_a']}/lines/{VARIANT}",
        json={"counted": -1},
        headers=as_("vendor_a_staff"),
    )
    body = assert_problem(response, 422, "invalid_input")
    assert body["errors"][0]["loc"] == ["body", "counted"]


# ----------------------------------------------------------------------- the ledger
def test_the_ledger_check_is_sound_until_a_number_is_planted(
    api: TestClient, world_db: Database
) -> None:
    sound = api.get("/inventory/ledger-check", headers=as_("vendor_a_staff")).json()
    assert sound == {"sound": True, "differences": []}
    execute(world_db, "update public.stock_levels set reserved = 3 where location_id = %s", [LOC_B])
    # vendor_a's stock is still sound; vendor_b's (and so the admin's view) is not
    assert api.get("/inventory/ledger-check", headers=as_("vendor_a_staff")).json()["sound"]
    broken = api.get("/inventory/ledger-check", headers=as_("admin")).json()
    assert broken["sound"] is False
    assert [
        (d["location_id"], d["kind"], d["stored"], d["expected"], d["difference"])
        for d in broken["differences"]
    ] == [(str(LOC_B), "reserved", 3, 1, 2)]


# --------------------------------------------------------------------- reservations
def test_a_customer_reserves_for_their_own_cart(api: TestClient, world_db: Database) -> None:
    response = reserve(api, quantity=2)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["quantity"] == 2
    assert body["replayed"] is False
    (row,) = body["reservations"]
    # the cheapest active offer is vendor_a's: its location serves it
    assert (row["location_id"], row["status"], row["holder_id"]) == (
        str(LOC_A),
        "active",
        str(ID["cart_customer_a"]),
    )
    assert response.headers["location"] == f"/reservations/{row['id']}"
    assert level(world_db, LOC_A) == (10, 3)
    fetched = api.get(response.headers["location"], headers=as_("customer_a"))
    assert fetched.json()["id"] == row["id"]
    assert_problem(
        api.get(response.headers["location"], headers=as_("customer_b")),
        404,
        "reservation_not_found",
    )


def test_a_customer_cannot_reserve_for_someone_elses_cart(
    api: TestClient, world_db: Database
) -> None:
    response = reserve(api, who="customer_b")
    assert_problem(response, 403, "permission_denied")
    assert level(world_db, LOC_A) == (10, 1)


def test_asking_too_much_is_409_insufficient_stock_and_leaves_an_oversell_alert(
    api: TestClient, world_db: Database
) -> None:
    before = query(world_db, "select count(*) from public.stock_reservations")
    response = reserve(api, quantity=50)
    problem = assert_problem(response, 409, "insufficient_stock")
    assert problem["context"]["variant_id"] == str(VARIANT)
    assert problem["context"]["requested"] == 50
    assert problem["context"]["available"] == 18  # 9 at each vendor's location
    assert "18 of 50" in problem["detail"]
    # nothing was held ...
    assert query(world_db, "select count(*) from public.stock_reservations") == before
    assert level(world_db, LOC_A) == (10, 1)
    assert level(world_db, LOC_B) == (10, 1)
    # ... but the attempt was committed, in a transaction of its own, as an alert per level
    alerts = query(
        world_db,
        "select location_id, detail from public.stock_alerts"
        " where kind = 'oversell_attempt' and resolved_at is null order by location_id",
    )
    assert [a[0] for a in alerts] == sorted([LOC_A, LOC_B])
    assert alerts[0][1] == {"requested": 50, "available": 18}
    # and vendor_a's staff see theirs
    listed = api.get(
        "/inventory/alerts", params={"kind": "oversell_attempt"}, headers=as_("vendor_a_staff")
    ).json()["items"]
    assert [a["location_id"] for a in listed] == [str(LOC_A)]


def test_the_same_idempotency_key_returns_the_same_reservation(
    api: TestClient, world_db: Database
) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = reserve(api, quantity=3, headers=key)
    again = reserve(api, quantity=3, headers=key)
    assert first.status_code == again.status_code == 201, again.text
    assert [r["id"] for r in again.json()["reservations"]] == [
        r["id"] for r in first.json()["reservations"]
    ]
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["replayed"] is True
    assert level(world_db, LOC_A) == (10, 4)  # held once
    # the key in the body works the same way
    body_key = reserve(api, quantity=3, idempotency_key=key["Idempotency-Key"])
    assert body_key.json()["reservations"] == first.json()["reservations"]
    # the same key for another request is refused
    other = reserve(api, quantity=4, headers=key)
    assert_problem(other, 422, "idempotency_key_reused")
    mismatch = reserve(api, headers=key, idempotency_key="another")
    assert_problem(mismatch, 422, "idempotency_key_mismatch")
    assert level(world_db, LOC_A) == (10, 4)


def test_a_customer_releases_their_reservation_but_not_someone_elses(
    api: TestClient, world_db: Database
) -> None:
    theirs = api.delete(f"/reservations/{ID['reservation_a']}", headers=as_("customer_b"))
    assert_problem(theirs, 403, "permission_denied")
    assert level(world_db, LOC_A) == (10, 1)
    own = api.delete(f"/reservations/{ID['reservation_a']}", headers=as_("customer_a"))
    assert own.status_code == 200, own.text
    assert own.json()["status"] == "released"
    assert level(world_db, LOC_A) == (10, 0)
    twice = api.delete(f"/reservations/{ID['reservation_a']}", headers=as_("customer_a"))
    assert_problem(twice, 409, "reservation_not_active")
    unknown = api.delete(f"/reservations/{uuid.uuid4()}", headers=as_("customer_a"))
    assert_problem(unknown, 404, "reservation_not_found")


def test_releasing_a_whole_cart_gives_every_unit_back(api: TestClient, world_db: Database) -> None:
    assert reserve(api, quantity=2).status_code == 201
    assert level(world_db, LOC_A) == (10, 3)
    params = {"holder_type": "cart", "holder_id": str(ID["cart_customer_a"])}
    refused = api.delete("/reservations", params=params, headers=as_("customer_b"))
    assert_problem(refused, 403, "permission_denied")
    response = api.delete("/reservations", params=params, headers=as_("customer_a"))
    assert response.json() == {"released": 2}
    assert level(world_db, LOC_A) == (10, 0)


def test_several_lines_are_reserved_all_or_nothing(api: TestClient, world_db: Database) -> None:
    cart = {"holder_type": "cart", "holder_id": str(ID["cart_customer_a"])}
    lines = [
        {"variant_id": str(VARIANT), "quantity": 2},
        {"variant_id": str(VARIANT), "quantity": 1},
    ]
    ok = api.post("/reservations/lines", json={**cart, "lines": lines}, headers=as_("customer_a"))
    assert ok.status_code == 201, ok.text
    assert ok.json()["quantity"] == 3  # lines of one variant are added up
    assert level(world_db, LOC_A) == (10, 4)
    # one line that can't be served: nothing of the others is held either
    short = [
        {"variant_id": str(VARIANT), "quantity": 1},
        {"variant_id": str(ID["variant_draft"]), "quantity": 1},
    ]
    refused = api.post(
        "/reservations/lines", json={**cart, "lines": short}, headers=as_("customer_a")
    )
    problem = assert_problem(refused, 409, "insufficient_stock")
    assert problem["context"]["variant_id"] == str(ID["variant_draft"])
    assert level(world_db, LOC_A) == (10, 4)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"quantity": 0}, "quantity"),
        ({"quantity": -3}, "quantity"),
        ({"quantity": "5"}, "quantity"),
        ({"quantity": 1.5}, "quantity"),
        ({"quantity": True}, "quantity"),
        ({"quantity": 2**31}, "quantity"),
        ({"holder_type": "wishlist"}, "holder_type"),
        ({"holder_id": "not-a-uuid"}, "holder_id"),
        ({"ttl_seconds": 0}, "ttl_seconds"),
        ({"ttl_seconds": 8 * 86400}, "ttl_seconds"),
        ({"quantiy": 2}, "quantiy"),
    ],
)
def test_malformed_reservations_are_422_problems(
    api: TestClient, world_db: Database, change: dict[str, Any], where: str
) -> None:
    body = assert_problem(reserve(api, **change), 422, "invalid_input")
    assert ["body", where] in [e["loc"] for e in body["errors"]]
    assert level(world_db, LOC_A) == (10, 1)


@pytest.mark.parametrize(
    ("path", "body", "where"),
    [
        ("/inventory/receipts", {"location_id": str(LOC_A), "quantity": 1}, "variant_id"),
        (
            "/inventory/receipts",
            {"location_id": str(LOC_A), "variant_id": str(VARIANT), "quantity": 0},
            "quantity",
        ),
        (
            "/inventory/adjustments",
            {"location_id": str(LOC_A), "variant_id": str(VARIANT), "delta": 0, "reason": "x"},
            "delta",
        ),
        ("/inventory/transfers", {"quantity": 1}, "from_location_id"),
    ],
)
def test_malformed_stock_bodies_are_422_problems(
    api: TestClient, path: str, body: dict[str, Any], where: str
) -> None:
    problem = assert_problem(
        api.post(path, json=body, headers=as_("vendor_a_staff")), 422, ("invalid_input")
    )
    assert ["body", where] in [e["loc"] for e in problem["errors"]]


def test_a_body_that_is_not_json_is_a_422_problem(api: TestClient) -> None:
    response = api.post(
        "/reservations",
        content=b"quantity=2",
        headers={**as_("customer_a"), "Content-Type": "application/json"},
    )
    assert_problem(response, 422, "invalid_input")


# -------------------------------------------------------------------------- expiry
@pytest.mark.slow
def test_the_sweeper_expires_a_due_reservation_and_gives_its_stock_back(
    build: ClientFactory, world_db: Database
) -> None:
    api = build(sweep_seconds=0.2)
    response = reserve(api, quantity=4, ttl_seconds=1)
    assert response.status_code == 201, response.text
    (row,) = response.json()["reservations"]
    assert level(world_db, LOC_A) == (10, 5)
    deadline = time.monotonic() + 15
    status = "active"
    while time.monotonic() < deadline:
        status = query(
            world_db, "select status from public.stock_reservations where id = %s", [row["id"]]
        )[0][0]
        if status == "expired":
            break
        time.sleep(0.1)
    assert status == "expired"
    assert level(world_db, LOC_A) == (10, 1)
    # the seeded reservations, due in 2099, are untouched
    assert query(
        world_db,
        "select status from public.stock_reservations where id = %s",
        [ID["reservation_a"]],
    ) == [("active",)]
    sweeper = api.app.state.emporium.sweeper  # type: ignore[attr-defined]
    assert sweeper is not None
    assert sweeper.running
    assert sweeper.expired >= 1


def test_no_sweeper_runs_when_the_interval_is_zero(api: TestClient) -> None:
    assert api.app.state.emporium.sweeper is None  # type: ignore[attr-defined]


class _GoneDatabase:
    """A connection source whose every connection attempt fails."""

    def __init__(self) -> None:
        self.attempts = 0

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        self.attempts += 1
        raise psycopg.OperationalError("the server went away")
        yield  # pragma: no cover - a generator, for contextmanager


def test_a_failing_sweep_is_logged_and_tried_again_never_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    source = _GoneDatabase()
    sweeper = ReservationSweeper(source, interval=0.05)
    with caplog.at_level(logging.WARNING, logger="emporium.inventory.sweeper"):
        sweeper.start()
        deadline = time.monotonic() + 10
        while source.attempts < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert sweeper.running  # the failures did not end the thread
        sweeper.stop()
        assert sweeper.join(timeout=5)
    assert source.attempts >= 3
    assert sweeper.sweeps == 0
    failures = [r for r in caplog.records if "reservation sweep failed" in r.getMessage()]
    assert len(failures) >= 3
    assert "the server went away" in failures[0].getMessage()
