"""B2B pricing: tier and contract price lists, their entries, volume breaks.

Price lists are the store's own (admins manage them); an account sees only the lists
assigned to it. price_for(account, offer, quantity, at) (the pricing issue) resolves
contract > tier > volume > offer price and says which one it used.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    Table,
    Text,
    text,
)

from emporium.db.columns import (
    created_at,
    currency,
    fk,
    one_of,
    state,
    timestamps,
    ts,
    unit_price,
    uuid_pk,
)
from emporium.db.metadata import metadata

TIERS = ("bronze", "silver", "gold", "platinum")
SCOPES = ("all", "brand", "category", "product", "variant")

price_lists = Table(
    "price_lists",
    metadata,
    uuid_pk(),
    Column("name", Text, nullable=False),
    currency(),
    Column("kind", Text, nullable=False),
    # For kind = tier: the account tier it prices.
    Column("tier", Text, comment="For a tier list: the account tier it prices."),
    *state("status", ("active", "inactive"), "active"),
    ts("valid_from"),
    ts("valid_to"),
    *timestamps(),
    one_of("kind", ("tier", "contract")),
    one_of("tier", TIERS),
    CheckConstraint("(kind = 'tier') = (tier is not null)", name="tier_list_has_tier"),
    CheckConstraint(
        "valid_to is null or valid_from is null or valid_to > valid_from", name="valid_range"
    ),
    CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso"),
    comment=(
        "B2B price lists in one currency: tier lists (priced per account tier) and contract lists "
        "(assigned to accounts). A tier list names its tier; validity range ordered."
    ),
)

price_list_entries = Table(
    "price_list_entries",
    metadata,
    uuid_pk(),
    fk("price_list_id", "price_lists.id", ondelete="CASCADE", index=False),
    fk("variant_id", "product_variants.id", ondelete="CASCADE", nullable=True),
    fk("product_id", "products.id", ondelete="CASCADE", nullable=True),
    Column("min_quantity", Integer, nullable=False, server_default=text("1")),
    unit_price("price", nullable=True),
    Column("discount_percent", Numeric(5, 2)),
    ts("effective_from"),
    ts("effective_to"),
    *timestamps(),
    CheckConstraint("num_nonnulls(variant_id, product_id) = 1", name="one_target"),
    CheckConstraint("num_nonnulls(price, discount_percent) = 1", name="price_or_discount"),
    CheckConstraint("price >= 0", name="price_positive"),
    CheckConstraint("discount_percent > 0 and discount_percent <= 100", name="discount_range"),
    CheckConstraint("min_quantity >= 1", name="min_quantity_positive"),
    CheckConstraint(
        "effective_to is null or effective_from is null or effective_to > effective_from",
        name="effective_range",
    ),
    Index(
        # not partial: it also serves the foreign key to price_lists
        "ix_price_list_entries__list_variant_qty",
        "price_list_id",
        "variant_id",
        "min_quantity",
    ),
    Index(
        "ix_price_list_entries__list_product_qty",
        "price_list_id",
        "product_id",
        "min_quantity",
        postgresql_where=text("product_id is not null"),
    ),
    comment=(
        "Prices of a list for one variant or one product from a minimum quantity: a price or a "
        "discount percent, optionally dated. Exactly one target and one of price or discount."
    ),
)

account_price_lists = Table(
    "account_price_lists",
    metadata,
    fk("account_id", "accounts.id", ondelete="CASCADE", index=False),
    fk("price_list_id", "price_lists.id", ondelete="CASCADE"),
    Column("priority", Integer, nullable=False, server_default=text("100")),
    created_at(),
    PrimaryKeyConstraint("account_id", "price_list_id"),
    CheckConstraint("priority >= 0", name="priority_positive"),
    comment=(
        "The price lists that apply to an account, by priority (lower first). One row per account "
        "and list."
    ),
)

volume_discounts = Table(
    "volume_discounts",
    metadata,
    uuid_pk(),
    Column("scope", Text, nullable=False),
    fk("brand_id", "brands.id", ondelete="CASCADE", nullable=True),
    fk("category_id", "categories.id", ondelete="CASCADE", nullable=True),
    fk("product_id", "products.id", ondelete="CASCADE", nullable=True),
    fk("variant_id", "product_variants.id", ondelete="CASCADE", nullable=True),
    # NULL: every tier.
    Column("account_tier", Text, comment="The account tier it applies to; NULL: every tier."),
    Column("min_quantity", Integer, nullable=False),
    Column("discount_percent", Numeric(5, 2), nullable=False),
    *state("status", ("active", "inactive"), "active"),
    ts("valid_from"),
    ts("valid_to"),
    *timestamps(),
    one_of("scope", SCOPES),
    one_of("account_tier", TIERS),
    CheckConstraint(
        "(scope = 'all' and num_nonnulls(brand_id, category_id, product_id, variant_id) = 0)"
        " or (scope = 'brand' and brand_id is not null"
        "     and num_nonnulls(category_id, product_id, variant_id) = 0)"
        " or (scope = 'category' and category_id is not null"
        "     and num_nonnulls(brand_id, product_id, variant_id) = 0)"
        " or (scope = 'product' and product_id is not null"
        "     and num_nonnulls(brand_id, category_id, variant_id) = 0)"
        " or (scope = 'variant' and variant_id is not null"
        "     and num_nonnulls(brand_id, category_id, product_id) = 0)",
        name="scope_target",
    ),
    CheckConstraint("min_quantity >= 2", name="min_quantity_break"),
    CheckConstraint("discount_percent > 0 and discount_percent <= 100", name="discount_range"),
    CheckConstraint(
        "valid_to is null or valid_from is null or valid_to > valid_from", name="valid_range"
    ),
    comment=(
        "Quantity break discounts for everything, a brand, category, product or variant, "
        "optionally per account tier. The scope names exactly its target; min_quantity >= 2."
    ),
)
