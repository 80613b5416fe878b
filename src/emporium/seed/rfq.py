"""Requests for quote in every status, walked through the RFQ status machine.

RFQs go in as drafts (COPY; the trigger numbers them and writes the first event), as the
database owner with no persona, which the RFQ trigger treats as service work, and are then
walked: draft -> submitted -> quoted -> accepted | rejected | expired -> converted, one
UPDATE per step and target status, so ``rfq_events`` holds each path. The trigger stamps
submitted_at / quoted_at / decided_at with the transaction time; one more UPDATE (status
unchanged, which service work may do) sets them to times that follow the RFQ's own
history. Converted RFQs get their order (source 'rfq', quoted prices, price_source 'quote'),
planned here and written with the other orders.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from random import Random
from typing import Any
from uuid import UUID

from emporium.seed import vocab
from emporium.seed.base import BASE_TIME, Ids, Loader, Plan, ago, later, money
from emporium.seed.catalog import Catalog
from emporium.seed.orders import FORWARD, Line, OrderSpec
from emporium.seed.people import People

RFQ_STATUSES = ("draft", "submitted", "quoted", "accepted", "rejected", "expired", "converted")
WEIGHTS = (10, 15, 15, 8, 10, 10, 32)
PATHS = {
    "draft": ["draft"],
    "submitted": ["draft", "submitted"],
    "quoted": ["draft", "submitted", "quoted"],
    "accepted": ["draft", "submitted", "quoted", "accepted"],
    "rejected": ["draft", "submitted", "quoted", "rejected"],
    "converted": ["draft", "submitted", "quoted", "accepted", "converted"],
}
RFQ_COLUMNS = (
    "id account_id requester_id assigned_rep_id status priority needed_by expires_at currency"
    " notes created_at updated_at"
)
ITEM_COLUMNS = (
    "id rfq_id variant_id quantity target_price quoted_price lead_time_days note created_at"
    " updated_at"
)


def seed_rfqs(
    ld: Loader, rng: Random, ids: Ids, plan: Plan, people: People, cat: Catalog
) -> list[OrderSpec]:
    """RFQs with items (quoted prices once quoted); returns the orders of converted ones."""
    accounts = [a for a in people.accounts if a.status == "active" and a.buyers]
    if not accounts or not cat.b2b_items:
        return []
    rfqs: list[tuple[Any, ...]] = []
    items: list[tuple[Any, ...]] = []
    paths: dict[UUID, list[str]] = {}
    times: list[tuple[UUID, datetime | None, datetime | None, datetime | None]] = []
    orders = []
    for n in range(plan.rfqs):
        status = RFQ_STATUSES[n % 7] if n < 14 else rng.choices(RFQ_STATUSES, WEIGHTS)[0]
        path = PATHS.get(status) or [
            "draft",
            "submitted",
            *(["quoted"] if rng.random() < 0.5 else []),
            "expired",
        ]
        account = rng.choice(accounts)
        requester = rng.choice(account.buyers)
        created = ago(rng, 200, 3)
        rid = ids("rfq", n)
        paths[rid] = path
        submitted = later(rng, created, 48, 1) if "submitted" in path else None
        quoted = later(rng, submitted, 72, 2) if submitted and "quoted" in path else None
        decided = None
        if path[-1] in ("accepted", "rejected", "expired", "converted"):
            decided = later(rng, quoted or submitted or created, 24 * 14, 4)
        times.append((rid, submitted, quoted, decided))
        needed_by = (created + timedelta(days=rng.randint(14, 90))).date()
        expires = None if status == "draft" else BASE_TIME + timedelta(days=rng.randint(300, 500))
        priority = rng.choices(("low", "normal", "high", "urgent"), (15, 55, 22, 8))[0]
        note = rng.choice(vocab.RFQ_NOTES) if rng.random() < 0.5 else None
        rfqs.append(
            (
                rid,
                account.id,
                requester,
                account.rep_id,
                "draft",
                priority,
                needed_by,
                expires,
                "USD",
                note,
                created,
                created,
            )
        )
        lines = []
        for item in rng.sample(cat.b2b_items, min(len(cat.b2b_items), rng.randint(1, 5))):
            quantity = rng.choice((24, 48, 96, 144, 240, 500))
            price = item.offer.price
            quote = lead = None
            if quoted:
                quote = money(price * Decimal(str(round(rng.uniform(0.78, 0.9), 2))))
                lead = rng.choice((3, 5, 7, 14, 21))
                lines.append(Line(item.offer, quantity, quote, "quote"))
            items.append(
                (
                    ids("rfq_item", len(items)),
                    rid,
                    item.offer.variant_id,
                    quantity,
                    money(price * Decimal("0.8")),
                    quote,
                    lead,
                    None,
                    created,
                    created,
                )
            )
        if status == "converted" and decided:
            final = rng.choices(FORWARD[1:], (10, 15, 15, 20, 40))[0]
            placed = min(BASE_TIME, later(rng, decided, 24 * 5, 1))
            orders.append(
                OrderSpec(
                    ids("rfq_order", n),
                    requester,
                    account.id,
                    list(FORWARD[: FORWARD.index(final) + 1]),
                    placed,
                    lines,
                    account.address,
                    source="rfq",
                    rfq_id=rid,
                )
            )
    rfqs.sort(key=lambda row: (row[-2], row[0]))  # the trigger numbers them in this order
    ld.copy("rfqs", RFQ_COLUMNS, rfqs)
    ld.copy("rfq_items", ITEM_COLUMNS, items)
    ld.walk("rfqs", paths)
    ld.execute(
        "update public.rfqs r set submitted_at = t.submitted, quoted_at = t.quoted,"
        " decided_at = t.decided"
        " from unnest(%s::uuid[], %s::timestamptz[], %s::timestamptz[], %s::timestamptz[])"
        "   as t (id, submitted, quoted, decided)"
        " where r.id = t.id and r.status <> 'draft'",
        [[t[i] for t in times] for i in range(4)],
    )
    return orders
