"""The seeded world the security tests run against: two vendors, two accounts, two
customers, two reps, an admin, and at least one row in every table owned by each side.

Every row has a stable name; ``ID[name]`` is its uuid. Persona ids match tests.conftest.
Inserted as the database owner (no persona), so triggers treat it as service work.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import psycopg

_NS = uuid.UUID("6d2c1c9e-8f7a-4f65-9a39-0d5e2b1f0c11")

USERS = {
    "customer_a": 1,
    "customer_b": 2,
    "vendor_a_staff": 3,
    "vendor_b_staff": 4,
    "account_a_member": 5,
    "account_b_member": 6,
    "rep": 7,
    "admin": 8,
    "rep_b": 9,
}


def user_id(name: str) -> uuid.UUID:
    return uuid.UUID(f"00000000-0000-4000-8000-{USERS[name]:012d}")


class _Ids(dict[str, uuid.UUID]):
    def __missing__(self, name: str) -> uuid.UUID:
        if name in USERS:
            value = user_id(name)
        elif name == "vendor_a":
            value = uuid.UUID("a0000000-0000-4000-8000-00000000000a")
        elif name == "vendor_b":
            value = uuid.UUID("b0000000-0000-4000-8000-00000000000b")
        elif name == "account_a":
            value = uuid.UUID("a0000000-0000-4000-8000-0000000000ac")
        elif name == "account_b":
            value = uuid.UUID("b0000000-0000-4000-8000-0000000000bc")
        else:
            value = uuid.uuid5(_NS, name)
        self[name] = value
        return value


ID = _Ids()


def _insert(conn: psycopg.Connection[Any], table: str, **values: Any) -> None:
    cols = ", ".join(values)
    marks = ", ".join(["%s"] * len(values))
    params = [json.dumps(v) if isinstance(v, dict) else v for v in values.values()]
    conn.execute(f"insert into public.{table} ({cols}) values ({marks})", params)


def seed_world(conn: psycopg.Connection[Any]) -> None:
    ins = lambda table, **v: _insert(conn, table, **v)  # noqa: E731

    # vendors
    for name, status, house in (
        ("vendor_a", "active", False),
        ("vendor_b", "active", False),
        ("house", "active", True),
        ("vendor_pending", "pending", False),
    ):
        ins(
            "vendors",
            id=ID[name],
            name=name.replace("_", " ").title(),
            slug=name.replace("_", "-"),
            status=status,
            is_house=house,
        )

    # users
    roles = {
        "vendor_a_staff": "vendor",
        "vendor_b_staff": "vendor",
        "rep": "rep",
        "rep_b": "rep",
        "admin": "admin",
    }
    for name in USERS:
        vendor = {"vendor_a_staff": "vendor_a", "vendor_b_staff": "vendor_b"}.get(name)
        ins(
            "users",
            id=ID[name],
            email=f"{name}@world.test",
            full_name=name,
            role=roles.get(name, "customer"),
            vendor_id=ID[vendor] if vendor else None,
            vendor_role="owner" if vendor else None,
        )

    # accounts and their people
    ins(
        "accounts",
        id=ID["account_a"],
        name="Account A",
        type="dealer",
        tier="gold",
        rep_id=ID["rep"],
    )
    ins(
        "accounts",
        id=ID["account_b"],
        name="Account B",
        type="pro",
        tier="silver",
        rep_id=ID["rep_b"],
    )
    ins("account_members", account_id=ID["account_a"], user_id=ID["account_a_member"], role="owner")
    ins("account_members", account_id=ID["account_b"], user_id=ID["account_b_member"], role="owner")
    ins(
        "account_notes",
        id=ID["note_a"],
        account_id=ID["account_a"],
        author_id=ID["rep"],
        body="prefers pallets",
    )
    ins(
        "account_notes",
        id=ID["note_b"],
        account_id=ID["account_b"],
        author_id=ID["rep_b"],
        body="pays late",
    )
    for owner, col in (
        ("customer_a", "user_id"),
        ("customer_b", "user_id"),
        ("account_a", "account_id"),
        ("account_b", "account_id"),
    ):
        ins(
            "addresses",
            id=ID[f"addr_{owner}"],
            **{col: ID[owner]},
            recipient=owner,
            line1="1 Main St",
            city="Springfield",
            country="US",
        )

    # catalog
    ins("brands", id=ID["brand"], name="Nike", slug="nike")
    ins("categories", id=ID["category"], name="Sneakers", slug="sneakers")
    ins(
        "spec_definitions",
        id=ID["spec"],
        key="protein_g",
        label="Protein",
        type="number",
        unit="g",
        filterable=True,
    )
    ins(
        "products",
        id=ID["product_active"],
        title="Dunk Low Panda",
        slug="dunk-low-panda",
        brand_id=ID["brand"],
        style_code="DD1391-100",
        status="active",
    )
    ins(
        "products",
        id=ID["product_draft"],
        title="Unreleased",
        slug="unreleased",
        brand_id=ID["brand"],
        status="draft",
    )
    ins("product_categories", product_id=ID["product_active"], category_id=ID["category"])
    ins(
        "product_variants",
        id=ID["variant_active"],
        product_id=ID["product_active"],
        sku="DD1391-100-10",
        size_label="US 10",
        size_us=10,
    )
    ins(
        "product_variants",
        id=ID["variant_draft"],
        product_id=ID["product_draft"],
        sku="UNREL-9",
        size_label="US 9",
        size_us=9,
    )
    ins("product_specs", product_id=ID["product_active"], spec_id=ID["spec"], value_number=20)
    sha = "0" * 64
    ins(
        "media_objects",
        id=ID["media_store"],
        bucket="media",
        key="store.jpg",
        content_type="image/jpeg",
        bytes=10,
        sha256=sha,
    )
    for v in ("vendor_a", "vendor_b"):
        ins(
            "media_objects",
            id=ID[f"media_{v}"],
            bucket="media",
            key=f"{v}.jpg",
            content_type="image/jpeg",
            bytes=10,
            sha256=sha,
            vendor_id=ID[v],
        )
    ins(
        "product_images",
        id=ID["image"],
        product_id=ID["product_active"],
        media_id=ID["media_store"],
        position=0,
    )
    ins(
        "product_documents",
        id=ID["document"],
        product_id=ID["product_active"],
        media_id=ID["media_store"],
        kind="spec_sheet",
        title="Spec sheet",
    )
    ins(
        "offers",
        id=ID["offer_a"],
        vendor_id=ID["vendor_a"],
        variant_id=ID["variant_active"],
        price=120,
    )
    ins(
        "offers",
        id=ID["offer_b"],
        vendor_id=ID["vendor_b"],
        variant_id=ID["variant_active"],
        price=125,
    )
    ins(
        "offers",
        id=ID["offer_a_paused"],
        vendor_id=ID["vendor_a"],
        variant_id=ID["variant_active"],
        condition="used_good",
        price=80,
        status="paused",
    )
    ins(
        "offers",
        id=ID["offer_a_draft"],
        vendor_id=ID["vendor_a"],
        variant_id=ID["variant_draft"],
        price=200,
    )
    ins(
        "offers",
        id=ID["offer_pending_vendor"],
        vendor_id=ID["vendor_pending"],
        variant_id=ID["variant_active"],
        price=99,
    )

    # inventory, per vendor
    for side in ("a", "b"):
        vendor = ID[f"vendor_{side}"]
        loc = ID[f"loc_{side}"]
        ins("stock_locations", id=loc, vendor_id=vendor, name=f"Warehouse {side}", code=f"W{side}")
        # Stock enters through the ledger: the movement's trigger creates the level.
        ins(
            "stock_movements",
            vendor_id=vendor,
            location_id=loc,
            variant_id=ID["variant_active"],
            delta=10,
            kind="opening_balance",
            reference=f"world-{side}",
        )
        # reserved = 1 matches the one active reservation at each location (below).
        conn.execute(
            "update public.stock_levels set reserved = 1, reorder_point = 2"
            " where location_id = %s and variant_id = %s",
            [loc, ID["variant_active"]],
        )
        ins(
            "stock_alerts",
            id=ID[f"alert_{side}"],
            vendor_id=vendor,
            location_id=loc,
            variant_id=ID["variant_active"],
            kind="low_stock",
            opened_at="2026-01-01T00:00:00Z",
        )
        ins("stock_counts", id=ID[f"count_{side}"], vendor_id=vendor, location_id=loc)
        ins(
            "stock_count_lines",
            count_id=ID[f"count_{side}"],
            variant_id=ID["variant_active"],
            vendor_id=vendor,
            expected=10,
        )

    # carts
    carts = {
        "customer_a": ("customer_a", None),
        "customer_b": ("customer_b", None),
        "account_a": ("account_a_member", "account_a"),
        "account_b": ("account_b_member", "account_b"),
    }
    for name, (owner, account) in carts.items():
        ins(
            "carts",
            id=ID[f"cart_{name}"],
            user_id=ID[owner],
            account_id=ID[account] if account else None,
        )
        ins(
            "cart_items",
            id=ID[f"cart_item_{name}"],
            cart_id=ID[f"cart_{name}"],
            offer_id=ID["offer_a"],
            quantity=1,
        )

    # orders: customer_a buys from both vendors; the others from one
    orders = {
        "customer_a": ("customer_a", None, ("a", "b")),
        "customer_b": ("customer_b", None, ("b",)),
        "account_a": ("account_a_member", "account_a", ("a",)),
        "account_b": ("account_b_member", "account_b", ("b",)),
    }
    for name, (buyer, account, sides) in orders.items():
        total = 120 * len(sides)
        ins(
            "orders",
            id=ID[f"order_{name}"],
            number=f"W-{name}",
            user_id=ID[buyer],
            account_id=ID[account] if account else None,
            subtotal=total,
            grand_total=total,
        )
        for side in sides:
            ins(
                "order_items",
                id=ID[f"order_item_{name}_{side}"],
                order_id=ID[f"order_{name}"],
                vendor_id=ID[f"vendor_{side}"],
                offer_id=ID[f"offer_{side}"],
                variant_id=ID["variant_active"],
                sku="DD1391-100-10",
                title="Dunk Low",
                quantity=1,
                unit_price=120,
            )
        ins(
            "payments",
            id=ID[f"payment_{name}"],
            order_id=ID[f"order_{name}"],
            provider="test",
            amount=total,
            status="captured",
        )
    ins(
        "refunds",
        id=ID["refund_customer_a"],
        payment_id=ID["payment_customer_a"],
        order_id=ID["order_customer_a"],
        amount=10,
    )
    for name, side in (("customer_a", "a"), ("customer_b", "b")):
        ins(
            "shipments",
            id=ID[f"shipment_{side}"],
            order_id=ID[f"order_{name}"],
            vendor_id=ID[f"vendor_{side}"],
            location_id=ID[f"loc_{side}"],
            carrier="UPS",
        )
        ins(
            "shipment_items",
            shipment_id=ID[f"shipment_{side}"],
            order_item_id=ID[f"order_item_{name}_{side}"],
            vendor_id=ID[f"vendor_{side}"],
            quantity=1,
        )
    ins(
        "stock_reservations",
        id=ID["reservation_a"],
        vendor_id=ID["vendor_a"],
        location_id=ID["loc_a"],
        variant_id=ID["variant_active"],
        quantity=1,
        holder_type="cart",
        holder_id=ID["cart_customer_a"],
        expires_at="2099-01-01T00:00:00Z",
    )
    ins(
        "stock_reservations",
        id=ID["reservation_b"],
        vendor_id=ID["vendor_b"],
        location_id=ID["loc_b"],
        variant_id=ID["variant_active"],
        quantity=1,
        holder_type="order",
        holder_id=ID["order_customer_b"],
        expires_at="2099-01-01T00:00:00Z",
    )

    # B2B prices and quotes
    for side in ("a", "b"):
        ins("price_lists", id=ID[f"price_list_{side}"], name=f"Contract {side}", kind="contract")
        ins(
            "price_list_entries",
            id=ID[f"price_entry_{side}"],
            price_list_id=ID[f"price_list_{side}"],
            variant_id=ID["variant_active"],
            price=100,
        )
        ins(
            "account_price_lists",
            account_id=ID[f"account_{side}"],
            price_list_id=ID[f"price_list_{side}"],
        )
        ins(
            "rfqs",
            id=ID[f"rfq_{side}"],
            number=f"W-RFQ-{side}",
            account_id=ID[f"account_{side}"],
            requester_id=ID[f"account_{side}_member"],
            status="submitted",
        )
        ins(
            "rfq_items",
            id=ID[f"rfq_item_{side}"],
            rfq_id=ID[f"rfq_{side}"],
            variant_id=ID["variant_active"],
            quantity=50,
            target_price=90,
        )
    ins(
        "volume_discounts",
        id=ID["volume_discount"],
        scope="all",
        min_quantity=10,
        discount_percent=5,
    )

    # integration bookkeeping
    ins(
        "integration_runs",
        id=ID["run"],
        source="kicksdb",
        kind="import",
        started_at="2026-01-01T00:00:00Z",
    )
    ins(
        "sync_log",
        run_id=ID["run"],
        entity="products",
        external_id="k1",
        action="create",
        outcome="ok",
    )
    ins(
        "external_refs",
        id=ID["external_ref"],
        entity="products",
        entity_id=ID["product_active"],
        source="kicksdb",
        external_id="k1",
    )
    ins(
        "webhook_receipts",
        source="shopify",
        event_id="evt-1",
        topic="orders/create",
        payload={"id": 1},
    )
    ins(
        "outbox_events",
        aggregate_type="order",
        aggregate_id=ID["order_customer_a"],
        event_type="order.placed",
        payload={"number": "W-customer_a"},
    )
