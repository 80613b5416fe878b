"""The legacy sales tables: ``orders`` with their ``order_items``, ``dealers`` and their
``dealer_prices``.

One generator per table (orders write their items as they go, so a total is the sum of
its lines); each yields rows in the column order of :data:`COLUMNS`. Deleted orders and
dealers leave gaps in the ids, and their items and prices behind: the orphans.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from random import Random
from typing import Any

from emporium.legacy.demo_db_words import (
    DEALER_NOUNS,
    DEALER_SUFFIXES,
    DEALER_TIERS,
    JUNK_REFS,
    LINE_QUANTITY,
    LINES_PER_ORDER,
    MESS,
    MIN_QTY,
    ORDER_STATUSES,
    TIER_DISCOUNT,
    Dice,
    ascii_slug,
    case_or_space,
    code_spelling,
    money_text,
    pick,
    size_text,
)
from emporium.legacy.demo_db_world import World
from emporium.seed import vocab

Row = tuple[Any, ...]
CENT = Decimal("0.01")


def _product_ref(world: World, dice: Dice) -> tuple[str | None, str | None, int | None]:
    """(product_ref, product_source, shoe index or None when the ref points at nothing)."""
    rng, sources = dice.rng, ("products", "sneakers", None)
    if dice("order_items.ref_junk"):
        return rng.choice(JUNK_REFS), rng.choice(sources), None
    if dice("order_items.ref_null"):
        return None, rng.choice(sources), None
    if dice("order_items.ref_unknown_uuid"):
        return str(world.new_id(rng)), rng.choice(("products", None)), None
    if dice("order_items.ref_missing_sneaker"):
        missing = world.plan.sneakers + rng.randint(1, 500)  # a listing deleted since
        return str(missing), rng.choice(("sneakers", None)), None
    if rng.random() < 0.5:
        product_id, index = world.products[world.popular(rng, 0, len(world.products))]
        ref, right, wrong = str(product_id), "products", "sneakers"
    else:
        sneaker_id = rng.randint(1, world.plan.sneakers)
        index = world.sneaker_shoes[sneaker_id - 1]
        ref, right, wrong = str(sneaker_id), "sneakers", "products"
    if dice("order_items.source_null"):
        return ref, None, index
    if dice("order_items.source_wrong"):
        return ref, wrong, index
    return ref, right, index


def _item(world: World, dice: Dice, order_id: int) -> tuple[Row, Decimal]:
    """One order line and what it adds to the order's total."""
    dice.next_row()
    rng = dice.rng
    ref, source, index = _product_ref(world, dice)
    shoe = world.shoes[index if index is not None else world.popular(rng, 0, len(world.shoes))]
    price = shoe.resale(rng)
    quantity: int | None = pick(rng, LINE_QUANTITY)
    if dice("order_items.quantity_zero"):
        quantity = 0
    elif dice("order_items.quantity_negative"):
        quantity = -1
    elif dice("order_items.quantity_null"):
        quantity = None
    world.last_item_id += 1
    row = (
        world.last_item_id,
        order_id,
        ref,
        source,
        size_text(rng, rng.choice(shoe.half_sizes(rng))),
        quantity,
        money_text(rng, price.quantize(CENT)),
    )
    return row, price * max(quantity or 0, 0)


def _address(rng: Random) -> str | None:
    """Where it shipped: JSON text mostly, free text often, sometimes nothing."""
    city, region, postal, country, _ = rng.choice(vocab.CITIES)
    name = f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.LAST_NAMES)}"
    line1 = f"{rng.randint(1, 2400)} {rng.choice(vocab.STREETS)}"
    roll = rng.randrange(100)
    if roll < 60:
        return json.dumps(
            {
                "name": name,
                "line1": line1,
                "city": city,
                "region": region,
                "postal_code": postal,
                "country": country,
            }
        )
    if roll < 90:
        return f"{name}\n{line1}\n{city}{', ' + region if region else ''} {postal}\n{country}"
    return None if roll < 98 else ""


def _buyer(world: World, dice: Dice) -> Any:
    rng = dice.rng
    if dice("orders.user_guest"):
        return None
    if dice("orders.user_duplicate") and world.twins:
        return rng.choice(world.twins)
    if dice("orders.user_missing"):
        return world.new_id(rng)  # the account was deleted
    return rng.choice(world.customers) if rng.random() < 0.9 else world.any_user(rng)


def orders(world: World, items: list[Row]) -> Iterator[Row]:
    """Orders in id order through the store's life; each appends its lines to ``items``.
    A deleted order is not yielded but its lines are (orphan order items)."""
    rng, planned = world.rng("orders"), world.plan.orders
    dice = Dice(rng, "orders", planned)
    item_dice = Dice(world.rng("order_items"), "order_items", planned * 2)
    expected_ids = round(planned * (1 + 2 * MESS["orders.deleted"]))
    written = order_id = 0
    while written < planned:
        order_id += 1
        dice.next_row()
        lines = [_item(world, item_dice, order_id) for _ in range(pick(rng, LINES_PER_ORDER))]
        items.extend(row for row, _ in lines)
        if dice("orders.deleted"):
            continue
        total = sum((amount for _, amount in lines), Decimal(0))
        total += rng.choice((Decimal(0), Decimal(0), Decimal("9.95"), Decimal("14.95")))
        placed = world.in_order(rng, min(order_id, expected_ids), expected_ids)
        yield (
            order_id,
            _buyer(world, dice),
            pick(rng, ORDER_STATUSES),
            money_text(rng, total.quantize(CENT)),
            _address(rng),
            None if dice("orders.created_at_null") else placed,
        )
        written += 1
    world.last_order_id = order_id


def _discount(dice: Dice, tier: str | None) -> Decimal | None:
    rng, base = dice.rng, TIER_DISCOUNT.get((tier or "").strip().lower(), 8)
    if dice("dealers.discount_null"):
        return None
    if dice("dealers.discount_negative"):
        return Decimal(-rng.randint(1, 15))
    if dice("dealers.discount_over_100"):
        return Decimal(rng.choice((150, 250, 1000, 1500)))  # 15.00 typed without the point
    return (Decimal(base) + Decimal(rng.randint(-200, 300)) / 100).quantize(CENT)


def dealers(world: World) -> Iterator[Row]:
    """B2B customers: a company, a tier, a discount, an account rep by email, a Shopify id."""
    rng = world.rng("dealers")
    dice = Dice(rng, "dealers", world.plan.dealers)
    names: list[str] = []
    shopify_ids: list[str] = []
    written = dealer_id = 0
    while written < world.plan.dealers:
        dealer_id += 1
        dice.next_row()
        if dice("dealers.deleted"):
            continue
        name = (
            f"{rng.choice(vocab.ACCOUNT_PREFIXES)} {rng.choice(DEALER_NOUNS)}"
            f"{rng.choice(DEALER_SUFFIXES)}"
        )
        company: str | None = name
        if dice("dealers.company_duplicate") and names:
            company = rng.choice((rng.choice(names), case_or_space(rng, rng.choice(names))))
        elif dice("dealers.company_null"):
            company = None
        names.append(name)
        domain = ascii_slug(name.split(" LLC")[0].split(" Inc.")[0].split(" Ltd")[0], "")
        contact = f"{rng.choice(('orders', 'buying', 'info', 'purchasing'))}@{domain}.com"
        tier = pick(rng, DEALER_TIERS)
        rep_email = rng.choice(world.rep_emails)
        rep: str | None = rep_email
        if dice("dealers.rep_null"):
            rep = None
        elif dice("dealers.rep_unknown"):
            first = ascii_slug(rng.choice(vocab.FIRST_NAMES), "")
            rep = f"{first}.rep@{rng.choice(('gmail.com', 'oldstore.com'))}"
        elif dice("dealers.rep_other_case"):
            rep = case_or_space(rng, rep_email)
        shopify: str | None = str(rng.randrange(6_000_000_000_000, 8_000_000_000_000))
        if dice("dealers.shopify_null"):
            shopify = None
        elif dice("dealers.shopify_duplicate") and shopify_ids:
            shopify = rng.choice(shopify_ids)
        if shopify is not None:
            shopify_ids.append(shopify)
        joined = world.in_order(rng, min(dealer_id, world.plan.dealers), world.plan.dealers)
        yield (dealer_id, company, contact, tier, _discount(dice, tier), rep, shopify, joined)
        written += 1
    world.last_dealer_id = dealer_id


def dealer_prices(world: World) -> Iterator[Row]:
    """Contract prices, a block per dealer id ever issued: deleted dealers' prices stayed."""
    rng, planned = world.rng("dealer_prices"), world.plan.dealer_prices
    dice = Dice(rng, "dealer_prices", planned)
    for n in range(planned):
        dice.next_row()
        dealer_id: int | None = 1 + n * world.last_dealer_id // planned
        if dice("dealer_prices.dealer_null"):
            dealer_id = None
        shoe = world.shoes[world.popular(rng, 0, len(world.shoes))]
        sku = shoe.code
        if dice("dealer_prices.sku_unknown"):
            sku = f"ZX{rng.randrange(1000, 10000)}-{rng.randrange(1000):03d}"  # no such shoe
            while sku in world.codes:
                sku = f"ZX{rng.randrange(1000, 10000)}-{rng.randrange(1000):03d}"
        elif dice("dealer_prices.sku_spelling"):
            sku = code_spelling(rng, sku)
        wholesale = (shoe.retail * Decimal(rng.randint(60, 85)) / 100).quantize(CENT)
        yield (dealer_id, sku, money_text(rng, wholesale), pick(rng, MIN_QTY))
