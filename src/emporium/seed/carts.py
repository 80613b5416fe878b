"""Carts: active, saved (named), abandoned and converted, for customers and accounts.

Abandoned carts once held stock: their reservations are written as ``expired`` (they no
longer count against stock, so ``reserved`` stays 0).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random
from typing import Any
from uuid import UUID

from emporium.seed import vocab
from emporium.seed.base import Ids, Loader, ago
from emporium.seed.catalog import Catalog, OfferRef
from emporium.seed.people import People

RESERVATION_COLUMNS = (
    "id vendor_id location_id variant_id quantity holder_type holder_id status expires_at"
    " idempotency_key created_by created_at updated_at"
)
# (cart id, owner, created at, [(offer, quantity)])
Abandoned = list[tuple[UUID, UUID, datetime, list[tuple[OfferRef, int]]]]


def seed_carts(ld: Loader, rng: Random, ids: Ids, people: People, cat: Catalog) -> Abandoned:
    """About a third of customers have a cart; active accounts share carts of B2B offers."""
    carts: list[tuple[Any, ...]] = []
    items: list[tuple[Any, ...]] = []
    abandoned: Abandoned = []

    def cart(
        user: UUID,
        account: UUID | None,
        status: str,
        pool: list[OfferRef],
        quantities: tuple[int, ...],
    ) -> None:
        if not pool:
            return
        cid = ids("cart", len(carts))
        at = ago(rng, 2 if status == "active" else 120, 0.01)
        name = rng.choice(vocab.SAVED_CART_NAMES) if status == "saved" else None
        carts.append((cid, user, account, status, name, "USD", at, at))
        chosen = rng.sample(pool, min(len(pool), rng.randint(1, 4)))
        lines = [(offer, rng.choice(quantities)) for offer in chosen]
        for offer, quantity in lines:
            items.append((ids("cart_item", len(items)), cid, offer.id, quantity, None, at, at))
        if status == "abandoned":
            abandoned.append((cid, user, at, lines))

    for n, person in enumerate(people.customers):
        r = rng.random()
        status = (
            ("active", "saved", "abandoned", "converted")[n]
            if n < 4
            else (
                "active"
                if r < 0.2
                else "saved"
                if r < 0.26
                else "abandoned"
                if r < 0.31
                else "converted"
                if r < 0.35
                else None
            )
        )
        if status:
            cart(person.id, None, status, cat.sneaker_offers, (1, 1, 1, 2))
    b2b = [item.offer for item in cat.b2b_items]
    for account in people.accounts:
        if account.status != "active" or not account.buyers:
            continue
        if rng.random() < 0.4:
            cart(account.buyers[0], account.id, "active", b2b, (6, 12, 24, 48))
        if rng.random() < 0.2:
            cart(account.buyers[-1], account.id, "saved", b2b, (12, 24, 48, 96))
    ld.copy("carts", "id user_id account_id status name currency created_at updated_at", carts)
    ld.copy("cart_items", "id cart_id offer_id quantity note created_at updated_at", items)
    return abandoned


def seed_cart_holds(ld: Loader, ids: Ids, abandoned: Abandoned) -> None:
    rows = []
    for cart_id, user, at, lines in abandoned:
        for n, (offer, quantity) in enumerate(lines):
            rows.append(
                (
                    ids("reservation", f"{cart_id}:{n}"),
                    offer.vendor_id,
                    offer.location_id,
                    offer.variant_id,
                    quantity,
                    "cart",
                    cart_id,
                    "expired",
                    at + timedelta(minutes=30),
                    None,
                    user,
                    at,
                    at + timedelta(minutes=30),
                )
            )
    ld.copy("stock_reservations", RESERVATION_COLUMNS, rows)
