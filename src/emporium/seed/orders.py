"""Orders in every status, with payments, refunds, shipments, released holds and events.

Orders go in as ``pending`` (COPY; the history trigger writes the first row) and are then
walked along legal transitions (:meth:`Loader.walk`), so ``order_status_history`` holds each
order's whole path as the trigger writes it. Numbers are assigned here in ``placed_at``
order exactly as ``private.next_document_number`` would (EM-<year>-<6 digits>, gapless per
year, continuing its counters), and the counters are advanced to match: the trigger's
upsert of one counter row per insert is quadratic inside one big transaction (each upsert
walks the row's earlier versions), 20 s for 40,000 orders.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from random import Random
from typing import Any, NamedTuple
from uuid import UUID

from emporium.seed import vocab
from emporium.seed.base import BASE_TIME, Ids, Loader, Plan, ago, later, money
from emporium.seed.carts import RESERVATION_COLUMNS
from emporium.seed.catalog import Catalog, OfferRef
from emporium.seed.people import People
from emporium.seed.pricing import Prices

FORWARD = ("pending", "confirmed", "paid", "fulfilled", "shipped", "delivered")
STATUSES = (*FORWARD, "cancelled", "refunded")
WEIGHTS = (6, 5, 6, 5, 8, 44, 9, 6)
# how long before BASE_TIME an order that ended in this status was placed (min, max days)
AGE = {
    "pending": (0.02, 2),
    "confirmed": (0.1, 4),
    "paid": (0.3, 6),
    "fulfilled": (1, 8),
    "shipped": (2, 12),
    "delivered": (8, 365),
    "cancelled": (1, 365),
    "refunded": (15, 365),
}
REFUND_REASONS = (
    "Customer return",
    "Item not as described",
    "Damaged in transit",
    "Size unavailable",
    "Failed authentication check",
)
ORDER_COLUMNS = (
    "id number user_id account_id status currency subtotal discount_total shipping_total"
    " tax_total grand_total shipping_address billing_address source rfq_id placed_at"
    " created_at updated_at"
)
ITEM_COLUMNS = (
    "id order_id vendor_id offer_id variant_id sku title quantity unit_price price_source"
    " currency created_at"
)
PAYMENT_COLUMNS = (
    "id order_id provider provider_reference amount refunded_amount currency status"
    " idempotency_key captured_at created_at updated_at"
)
REFUND_COLUMNS = (
    "id payment_id order_id amount currency status reason provider_reference created_by"
    " created_at updated_at"
)
SHIPMENT_COLUMNS = (
    "id order_id vendor_id location_id carrier service tracking_number status shipped_at"
    " delivered_at created_at updated_at"
)


class Line(NamedTuple):
    offer: OfferRef
    quantity: int
    unit_price: Decimal
    price_source: str


@dataclass
class OrderSpec:
    id: UUID
    user_id: UUID
    account_id: UUID | None
    path: list[str]  # the statuses it goes through, 'pending' first
    placed_at: datetime
    lines: list[Line]
    address: dict[str, str]
    source: str = "web"
    rfq_id: UUID | None = None
    item_ids: list[UUID] = field(default_factory=list)
    grand_total: Decimal = Decimal(0)


def order_path(rng: Random, status: str) -> list[str]:
    if status in FORWARD:
        return list(FORWARD[: FORWARD.index(status) + 1])
    if status == "cancelled":
        return [*FORWARD[: rng.choice((1, 2))], "cancelled"]
    stop = rng.choices(("paid", "fulfilled", "shipped", "delivered"), (15, 10, 15, 60))[0]
    return [*FORWARD[: FORWARD.index(stop) + 1], "refunded"]


def plan_orders(
    rng: Random, ids: Ids, plan: Plan, people: People, cat: Catalog, prices: Prices
) -> list[OrderSpec]:
    """Every status at least once; one order in four is an account's (supplements at B2B
    prices), the others are customers' sneaker orders at offer prices."""
    out = []
    accounts = [a for a in people.accounts if a.status == "active" and a.buyers]
    for n in range(plan.orders):
        status = STATUSES[n] if n < len(STATUSES) else rng.choices(STATUSES, WEIGHTS)[0]
        path = order_path(rng, status)
        placed = ago(rng, AGE[status][1], AGE[status][0])
        if n % 4 == 3 and accounts and cat.b2b_items:
            account = rng.choice(accounts)
            lines = []
            for item in rng.sample(cat.b2b_items, min(len(cat.b2b_items), rng.randint(1, 5))):
                quantity = rng.choice((6, 12, 24, 48, 96, 144))
                lines.append(Line(item.offer, quantity, *prices.price(account, item, quantity)))
            buyer = rng.choice(account.buyers)
            out.append(
                OrderSpec(ids("order", n), buyer, account.id, path, placed, lines, account.address)
            )
        else:
            person = rng.choice(people.customers)
            address = person.address or {
                "line1": "1 Main St",
                "city": "New York",
                "region": "NY",
                "postal_code": "10013",
                "country": "US",
            }
            offers = rng.sample(cat.sneaker_offers, min(len(cat.sneaker_offers), rng.randint(1, 3)))
            lines = [Line(o, 2 if rng.random() < 0.05 else 1, o.price, "offer") for o in offers]
            out.append(
                OrderSpec(
                    ids("order", n),
                    person.id,
                    None,
                    path,
                    placed,
                    lines,
                    {"recipient": person.name, **address},
                )
            )
    return out


def _totals(spec: OrderSpec, rng: Random) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """subtotal, discount, shipping, tax; line totals round like the generated column."""
    subtotal = sum((money(line.quantity * line.unit_price) for line in spec.lines), Decimal(0))
    if spec.account_id is not None:  # B2B: resale, no tax; free freight from $500
        return subtotal, Decimal(0), Decimal(0) if subtotal >= 500 else Decimal(25), Decimal(0)
    discount = min(subtotal, Decimal(10)) if rng.random() < 0.06 else Decimal(0)
    vendors = len({line.offer.vendor_id for line in spec.lines})
    shipping = Decimal("9.95") * vendors if subtotal < 150 else Decimal(0)
    return subtotal, discount, shipping, money((subtotal - discount) * Decimal("0.08875"))


def _numbers(ld: Loader, specs: list[OrderSpec]) -> dict[UUID, str]:
    counters: dict[int, int] = dict(
        ld.conn.execute(
            "select year, last_value from private.document_counters where prefix = 'EM'"
        ).fetchall()
    )
    numbers = {}
    for spec in specs:  # in placed_at order
        year = spec.placed_at.year
        counters[year] = counters.get(year, 0) + 1
        numbers[spec.id] = f"EM-{year}-{counters[year]:06d}"
    for year, last in sorted(counters.items()):
        ld.execute(
            "insert into private.document_counters as c (prefix, year, last_value)"
            " values ('EM', %s, %s) on conflict (prefix, year)"
            " do update set last_value = greatest(c.last_value, excluded.last_value)",
            [year, last],
        )
    return numbers


def seed_orders(ld: Loader, rng: Random, ids: Ids, people: People, specs: list[OrderSpec]) -> None:
    specs = sorted(specs, key=lambda s: (s.placed_at, s.id))
    numbers = _numbers(ld, specs)
    orders: list[tuple[Any, ...]] = []
    items: list[tuple[Any, ...]] = []
    for spec in specs:
        subtotal, discount, shipping, tax = _totals(spec, rng)
        spec.grand_total = subtotal - discount + shipping + tax
        address = json.dumps(spec.address, sort_keys=True)
        orders.append(
            (
                spec.id,
                numbers[spec.id],
                spec.user_id,
                spec.account_id,
                "pending",
                "USD",
                subtotal,
                discount,
                shipping,
                tax,
                spec.grand_total,
                address,
                address,
                spec.source,
                spec.rfq_id,
                spec.placed_at,
                spec.placed_at,
                spec.placed_at,
            )
        )
        for line in spec.lines:
            item_id = ids("order_item", len(items))
            spec.item_ids.append(item_id)
            o = line.offer
            items.append(
                (
                    item_id,
                    spec.id,
                    o.vendor_id,
                    o.id,
                    o.variant_id,
                    o.sku,
                    o.title,
                    line.quantity,
                    line.unit_price,
                    line.price_source,
                    "USD",
                    spec.placed_at,
                )
            )
    ld.execute("select set_config('emporium.status_note', 'seed', true)")  # history notes
    ld.copy("orders", ORDER_COLUMNS, orders)
    ld.copy("order_items", ITEM_COLUMNS, items)
    ld.walk("orders", {spec.id: spec.path for spec in specs})
    ld.execute("select set_config('emporium.status_note', '', true)")
    _payments(ld, rng, ids, people, specs)
    _shipments(ld, rng, ids, specs)
    ld.execute(
        "insert into public.outbox_events"
        " (aggregate_type, aggregate_id, event_type, payload, created_at, published_at)"
        " select 'order', o.id, 'order.placed',"
        "   jsonb_build_object('order_id', o.id, 'number', o.number, 'grand_total', o.grand_total,"
        "                      'currency', o.currency, 'source', o.source),"
        "   o.placed_at, case when o.placed_at < %s then o.placed_at + interval '2 seconds' end"
        " from public.orders o where o.id = any(%s) order by o.placed_at, o.id",
        [BASE_TIME - timedelta(hours=6), [spec.id for spec in specs]],
    )


def _payments(ld: Loader, rng: Random, ids: Ids, people: People, specs: list[OrderSpec]) -> None:
    """Captured for paid and later, refunded (with a refund) for refunded orders, a few
    partial refunds, authorized/pending/failed before; released holds for cancelled ones."""
    payments: list[tuple[Any, ...]] = []
    refunds: list[tuple[Any, ...]] = []
    holds: list[tuple[Any, ...]] = []
    for spec in specs:
        final, amount = spec.path[-1], spec.grand_total
        pid = ids("payment", spec.id)
        b2b = spec.account_id is not None
        provider, ref = (
            ("invoice", f"INV-{pid.hex[:10].upper()}") if b2b else ("stripe", f"pi_{pid.hex[:24]}")
        )
        at = later(rng, spec.placed_at, 0.5, 0.01)
        status, refunded = None, Decimal(0)
        if "paid" in spec.path:
            status = "captured"
            if final == "refunded":
                status, refunded = "refunded", amount
            elif final == "delivered" and rng.random() < 0.05:
                status, refunded = "partially_refunded", money(amount / 5)
        elif final == "confirmed":
            status = "authorized"
        elif final == "cancelled":
            status = "failed" if rng.random() < 0.5 else None
        elif rng.random() < 0.5:
            status = "pending"
        if status is not None:
            captured = at if "paid" in spec.path else None
            payments.append(
                (
                    pid,
                    spec.id,
                    provider,
                    ref,
                    amount,
                    refunded,
                    "USD",
                    status,
                    f"seed:{spec.id}",
                    captured,
                    spec.placed_at,
                    at,
                )
            )
        if refunded:
            when = min(BASE_TIME, later(rng, at, 24 * 20, 24))
            refunds.append(
                (
                    ids("refund", spec.id),
                    pid,
                    spec.id,
                    refunded,
                    "USD",
                    "succeeded",
                    rng.choice(REFUND_REASONS),
                    f"re_{pid.hex[8:32]}",
                    people.admins[0],
                    when,
                    when,
                )
            )
        if final == "cancelled":
            expires = spec.placed_at + timedelta(minutes=15)
            for n, line in enumerate(spec.lines):
                o = line.offer
                holds.append(
                    (
                        ids("reservation", f"{spec.id}:{n}"),
                        o.vendor_id,
                        o.location_id,
                        o.variant_id,
                        line.quantity,
                        "order",
                        spec.id,
                        "released",
                        expires,
                        f"seed:{spec.id}:{n}",
                        spec.user_id,
                        spec.placed_at,
                        expires,
                    )
                )
    ld.copy("payments", PAYMENT_COLUMNS, payments)
    ld.copy("refunds", REFUND_COLUMNS, refunds)
    ld.copy("stock_reservations", RESERVATION_COLUMNS, holds)


def _tracking(carrier: str, sid: UUID) -> str:
    digits = str(sid.int)
    return {"UPS": f"1Z{sid.hex[:16].upper()}", "FedEx": digits[:12], "DHL": digits[:10]}.get(
        carrier, f"9400{digits[:18]}"
    )


def _shipments(ld: Loader, rng: Random, ids: Ids, specs: list[OrderSpec]) -> None:
    """One shipment per vendor of every fulfilled order, from where the vendor keeps it."""
    shipments: list[tuple[Any, ...]] = []
    lines: list[tuple[Any, ...]] = []
    for spec in specs:
        if "fulfilled" not in spec.path:
            continue
        by_vendor: dict[UUID, list[int]] = {}
        for n, line in enumerate(spec.lines):
            by_vendor.setdefault(line.offer.vendor_id, []).append(n)
        for vendor_id, indexes in by_vendor.items():
            sid = ids("shipment", f"{spec.id}:{vendor_id}")
            carrier, service = rng.choice(vocab.CARRIERS)
            shipped = delivered = None
            if "shipped" in spec.path:
                shipped = later(rng, spec.placed_at, 72, 12)
                status = "in_transit"
                if "delivered" in spec.path:
                    delivered, status = later(rng, shipped, 120, 18), "delivered"
                elif spec.path[-1] == "refunded":
                    status = "returned"
            else:
                status = "cancelled" if spec.path[-1] == "refunded" else "label_created"
            updated = min(BASE_TIME, delivered or shipped or spec.placed_at)
            location = spec.lines[indexes[0]].offer.location_id
            shipments.append(
                (
                    sid,
                    spec.id,
                    vendor_id,
                    location,
                    carrier,
                    service,
                    _tracking(carrier, sid),
                    status,
                    shipped,
                    delivered,
                    spec.placed_at,
                    updated,
                )
            )
            lines.extend(
                (sid, spec.item_ids[n], vendor_id, spec.lines[n].quantity) for n in indexes
            )
    ld.copy("shipments", SHIPMENT_COLUMNS, shipments)
    ld.copy("shipment_items", "shipment_id order_item_id vendor_id quantity", lines)
