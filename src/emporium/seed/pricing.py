"""B2B prices: tier lists, contract lists, their entries, account assignments, volume breaks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from random import Random
from typing import Any
from uuid import UUID

from emporium.seed.base import BASE_TIME, Ids, Loader, ago, money
from emporium.seed.catalog import B2BItem, Catalog
from emporium.seed.people import Account, People

TIERS = ("bronze", "silver", "gold", "platinum")
TIER_PERCENT = {"bronze": 4, "silver": 8, "gold": 12, "platinum": 16}
# volume breaks of scope 'all' for every tier, largest first: what B2B order lines apply
VOLUME_ALL = ((50, Decimal(5)), (10, Decimal(2)))
LIST_COLUMNS = "id name currency kind tier status valid_from valid_to created_at updated_at"
ENTRY_COLUMNS = (
    "id price_list_id variant_id product_id min_quantity price discount_percent effective_from"
    " effective_to created_at updated_at"
)
VOLUME_COLUMNS = (
    "id scope brand_id category_id product_id variant_id account_tier min_quantity"
    " discount_percent status valid_from valid_to created_at updated_at"
)


@dataclass
class Prices:
    """What the order generator needs to price a B2B line as price_for would."""

    tier_discount: dict[tuple[str, UUID], Decimal] = field(default_factory=dict)
    contract: dict[tuple[UUID, UUID], Decimal] = field(default_factory=dict)

    def price(self, account: Account, item: B2BItem, quantity: int) -> tuple[Decimal, str]:
        """Unit price and its source: contract > tier > volume > offer."""
        base = item.offer.price
        contract = self.contract.get((account.id, item.offer.variant_id))
        if contract is not None:
            return contract, "contract"
        tier = self.tier_discount.get((account.tier, item.product_id))
        if tier is not None:
            return money(base * (100 - tier) / 100), "tier"
        for min_qty, percent in VOLUME_ALL:
            if quantity >= min_qty:
                return money(base * (100 - percent) / 100), "volume"
        return base, "offer"


def seed_pricing(ld: Loader, rng: Random, ids: Ids, people: People, cat: Catalog) -> Prices:
    """Four tier lists with product-level discounts (a quantity break on some), contract
    lists with variant prices for about half of the bigger accounts, the assignments (contract
    before tier), and volume discounts of every scope."""
    prices = Prices()
    lists: list[tuple[Any, ...]] = []
    entries: list[tuple[Any, ...]] = []
    assigned: list[tuple[Any, ...]] = []
    start = BASE_TIME - timedelta(days=500)
    tier_list = {tier: ids("price_list", f"tier:{tier}") for tier in TIERS}
    for tier in TIERS:
        lists.append(
            (
                tier_list[tier],
                f"{tier.title()} tier",
                "USD",
                "tier",
                tier,
                "active",
                start,
                None,
                start,
                start,
            )
        )

    def entry(
        list_id: UUID,
        variant: UUID | None,
        product: UUID | None,
        min_qty: int,
        price: Decimal | None,
        percent: Decimal | None,
        since: Any,
        at: Any,
    ) -> None:
        entries.append(
            (
                ids("price_list_entry", len(entries)),
                list_id,
                variant,
                product,
                min_qty,
                price,
                percent,
                since,
                None,
                at,
                at,
            )
        )

    for product_id, _, _ in cat.b2b_products:
        if rng.random() >= 0.6:
            continue
        extra = Decimal(rng.choice(("0", "0", "1", "2", "2.5")))
        quantity_break = rng.random() < 0.2
        at = ago(rng, 400, 30)
        for tier in TIERS:
            percent = TIER_PERCENT[tier] + extra
            prices.tier_discount[(tier, product_id)] = percent
            entry(tier_list[tier], None, product_id, 1, None, percent, None, at)
            if quantity_break:
                entry(tier_list[tier], None, product_id, 24, None, percent + 3, None, at)
    for n, account in enumerate(people.accounts):
        assigned.append((account.id, tier_list[account.tier], 100, ago(rng, 300, 100)))
        big = account.tier in ("gold", "platinum") or account.type == "distributor"
        if not cat.b2b_items or not (n == 0 or (big and rng.random() < 0.5)):
            continue
        list_id = ids("price_list", f"contract:{account.id}")
        since = ago(rng, 300, 60)
        expired = n > 0 and rng.random() < 0.1
        until = since + timedelta(days=200 if expired else 700)
        lists.append(
            (
                list_id,
                f"Contract: {account.name}",
                "USD",
                "contract",
                None,
                "inactive" if expired else "active",
                since,
                until,
                since,
                since,
            )
        )
        assigned.append((account.id, list_id, 10, since))
        items = rng.sample(cat.b2b_items, min(len(cat.b2b_items), rng.randint(3, 15)))
        for item in items:
            price = money(item.offer.price * Decimal(str(round(rng.uniform(0.75, 0.88), 2))))
            if not expired:
                prices.contract[(account.id, item.offer.variant_id)] = price
            entry(
                list_id,
                item.offer.variant_id,
                None,
                rng.choice((1, 1, 6, 12)),
                price,
                None,
                since,
                since,
            )
    ld.copy("price_lists", LIST_COLUMNS, lists)
    ld.copy("price_list_entries", ENTRY_COLUMNS, entries)
    ld.copy("account_price_lists", "account_id price_list_id priority created_at", assigned)
    ld.copy("volume_discounts", VOLUME_COLUMNS, _volume_discounts(rng, ids, cat))
    return prices


def _volume_discounts(rng: Random, ids: Ids, cat: Catalog) -> list[tuple[Any, ...]]:
    at = BASE_TIME - timedelta(days=365)
    rows: list[tuple[Any, ...]] = []

    def add(
        scope: str,
        target: UUID | None,
        min_qty: int,
        percent: Decimal,
        tier: str | None = None,
        status: str = "active",
    ) -> None:
        targets = [
            target if scope == s else None for s in ("brand", "category", "product", "variant")
        ]
        rows.append(
            (
                ids("volume_discount", len(rows)),
                scope,
                *targets,
                tier,
                min_qty,
                percent,
                status,
                at,
                None,
                at,
                at,
            )
        )

    for min_qty, percent in VOLUME_ALL:
        add("all", None, min_qty, percent)
    add("all", None, 100, Decimal(8), tier="platinum")
    add("all", None, 200, Decimal(10), status="inactive")
    add("category", cat.category_ids["supplements/protein"], 12, Decimal(3))
    add("category", cat.category_ids["supplements/creatine"], 20, Decimal(5))
    brands = sorted({brand for _, brand, _ in cat.b2b_products})
    for brand in rng.sample(brands, min(3, len(brands))):
        add("brand", brand, 24, Decimal(4))
    for product_id, _, _ in rng.sample(cat.b2b_products, min(5, len(cat.b2b_products))):
        add("product", product_id, 6, Decimal(6))
    for item in rng.sample(cat.b2b_items, min(3, len(cat.b2b_items))):
        add("variant", item.offer.variant_id, 12, Decimal(7), tier="gold")
    return rows
