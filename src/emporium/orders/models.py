"""Selling: carts, orders split per vendor at the item level, payments, refunds, shipments."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Computed,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from emporium.db.columns import (
    created_at,
    currency,
    fk,
    ledger_pk,
    one_of,
    state,
    timestamps,
    total,
    ts,
    unit_price,
    uuid_pk,
)
from emporium.db.metadata import metadata

ORDER_STATUSES = (
    "pending",
    "confirmed",
    "paid",
    "fulfilled",
    "shipped",
    "delivered",
    "cancelled",
    "refunded",
)
ORDER_SOURCES = ("web", "rfq", "shopify", "legacy")
PRICE_SOURCES = ("offer", "contract", "tier", "volume", "quote", "legacy", "manual")
PAYMENT_STATUSES = (
    "pending",
    "authorized",
    "captured",
    "failed",
    "refunded",
    "partially_refunded",
)
SHIPMENT_STATUSES = (
    "pending",
    "label_created",
    "in_transit",
    "delivered",
    "returned",
    "cancelled",
)

carts = Table(
    "carts",
    metadata,
    uuid_pk(),
    # Who owns it; with account_id set it is the account's cart, shared with its members.
    fk("user_id", "users.id", ondelete="CASCADE"),
    fk(
        "account_id",
        "accounts.id",
        ondelete="CASCADE",
        nullable=True,
        comment="Set: the account's cart, shared with its members; NULL: the user's own cart.",
    ),
    *state("status", ("active", "saved", "converted", "abandoned"), "active"),
    Column("name", Text),
    currency(),
    *timestamps(),
    CheckConstraint(
        "status <> 'saved' or coalesce(btrim(name), '') <> ''", name="saved_cart_named"
    ),
    CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso"),
    # One active cart per user and account context.
    Index(
        "uq_carts__one_active",
        "user_id",
        text("coalesce(account_id, '00000000-0000-0000-0000-000000000000'::uuid)"),
        unique=True,
        postgresql_where=text("status = 'active'"),
    ),
    comment=(
        "Shopping carts of a user, or of an account and shared with its members; saved carts are "
        "named. One active cart per user and account context."
    ),
)

cart_items = Table(
    "cart_items",
    metadata,
    uuid_pk(),
    fk("cart_id", "carts.id", ondelete="CASCADE", index=False),
    fk("offer_id", "offers.id", ondelete="CASCADE"),
    Column("quantity", Integer, nullable=False),
    Column("note", Text),
    *timestamps(),
    UniqueConstraint("cart_id", "offer_id"),
    CheckConstraint("quantity > 0 and quantity <= 100000", name="quantity_range"),
    comment=(
        "The offers in a cart and their quantities. One line per cart and offer; quantity between "
        "1 and 100000."
    ),
)

orders = Table(
    "orders",
    metadata,
    uuid_pk(),
    # Human number, sequential per year (EM-2026-000001), assigned by trigger.
    Column(
        "number",
        Text,
        nullable=False,
        unique=True,
        comment=(
            "Human number, sequential per year without gaps (EM-2026-000001), assigned by trigger."
        ),
    ),
    fk("user_id", "users.id", ondelete="RESTRICT", nullable=True, index=False),
    fk("account_id", "accounts.id", ondelete="RESTRICT", nullable=True, index=False),
    *state("status", ORDER_STATUSES, "pending"),
    currency(),
    total("subtotal"),
    total("discount_total"),
    total("shipping_total"),
    total("tax_total"),
    total("grand_total"),
    Column(
        "shipping_address",
        JSONB,
        comment="The shipping address as it was when the order was placed.",
    ),
    Column(
        "billing_address", JSONB, comment="The billing address as it was when the order was placed."
    ),
    *state("source", ORDER_SOURCES, "web"),
    fk("rfq_id", "rfqs.id", ondelete="RESTRICT", nullable=True, index=False),
    Column("legacy_id", Integer, unique=True),
    Column("notes", Text),
    ts("placed_at"),
    *timestamps(),
    CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso"),
    CheckConstraint(
        "subtotal >= 0 and discount_total >= 0 and shipping_total >= 0 and tax_total >= 0",
        name="totals_positive",
    ),
    CheckConstraint(
        "grand_total = subtotal - discount_total + shipping_total + tax_total",
        name="grand_total_adds_up",
    ),
    CheckConstraint("grand_total >= 0", name="grand_total_positive"),
    # An accepted quote converts to one order, once.
    Index("uq_orders__rfq_id", "rfq_id", unique=True, postgresql_where=text("rfq_id is not null")),
    Index("ix_orders__user_created", "user_id", text("created_at desc")),
    Index("ix_orders__account_created", "account_id", text("created_at desc")),
    Index("ix_orders__status_created", "status", text("created_at desc")),
    comment=(
        "Orders: buyer, account, totals, address snapshots and a human number. Status moves only "
        "along the order state machine (trigger); grand_total adds up."
    ),
)

order_items = Table(
    "order_items",
    metadata,
    uuid_pk(),
    fk("order_id", "orders.id", ondelete="CASCADE"),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT", index=False),
    Column("offer_id", Uuid),
    fk("variant_id", "product_variants.id", ondelete="RESTRICT"),
    Column("sku", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    unit_price("unit_price"),
    Column(
        "line_total",
        Numeric(14, 2),
        Computed("round(quantity * unit_price, 2)", persisted=True),
        nullable=False,
    ),
    Column(
        "price_source",
        Text,
        nullable=False,
        server_default=text("'offer'"),
        comment="How unit_price was found: offer, contract, tier, volume, quote, legacy or manual.",
    ),
    currency(),
    created_at(),
    ForeignKeyConstraint(
        ["offer_id", "vendor_id"],
        ["offers.id", "offers.vendor_id"],
        ondelete="RESTRICT",
        name="fk_order_items__offer_id_vendor_id__offers",
    ),
    UniqueConstraint("id", "vendor_id"),
    one_of("price_source", PRICE_SOURCES),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    CheckConstraint("unit_price >= 0", name="unit_price_positive"),
    CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso"),
    Index("ix_order_items__vendor_created", "vendor_id", text("created_at desc")),
    Index(None, "offer_id"),
    comment=(
        "Order lines, each sold by one vendor at a recorded unit price and price source. The "
        "offer belongs to the line's vendor (composite key); line_total is generated."
    ),
)

order_status_history = Table(
    "order_status_history",
    metadata,
    ledger_pk(),
    fk("order_id", "orders.id", ondelete="CASCADE"),
    Column("from_status", Text),
    Column("to_status", Text, nullable=False),
    fk("actor_id", "users.id", ondelete="RESTRICT", nullable=True),
    Column("note", Text),
    created_at(),
    comment=(
        "Every status transition of an order, by whom and when, written by trigger. Append-only."
    ),
)

payments = Table(
    "payments",
    metadata,
    uuid_pk(),
    fk("order_id", "orders.id", ondelete="RESTRICT"),
    Column("provider", Text, nullable=False),
    Column("provider_reference", Text),
    total("amount", default=None),
    total("refunded_amount"),
    currency(),
    *state("status", PAYMENT_STATUSES, "pending"),
    Column("idempotency_key", Text, unique=True),
    ts("captured_at"),
    *timestamps(),
    CheckConstraint("amount > 0", name="amount_positive"),
    CheckConstraint(
        "refunded_amount >= 0 and refunded_amount <= amount", name="refunded_within_amount"
    ),
    CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso"),
    Index(
        "uq_payments__provider_reference",
        "provider",
        "provider_reference",
        unique=True,
        postgresql_where=text("provider_reference is not null"),
    ),
    comment=(
        "Payments of an order at a provider. Idempotency key unique, provider reference unique "
        "per provider; refunded_amount never exceeds amount."
    ),
)

refunds = Table(
    "refunds",
    metadata,
    uuid_pk(),
    fk("payment_id", "payments.id", ondelete="RESTRICT"),
    fk("order_id", "orders.id", ondelete="RESTRICT"),
    total("amount", default=None),
    currency(),
    *state("status", ("pending", "succeeded", "failed"), "pending"),
    Column("reason", Text),
    Column("provider_reference", Text),
    fk("created_by", "users.id", ondelete="RESTRICT", nullable=True),
    *timestamps(),
    CheckConstraint("amount > 0", name="amount_positive"),
    CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso"),
    comment=(
        "Refunds against a payment of an order. Amount positive; kept as history: a refunded "
        "payment or order can't be deleted."
    ),
)

shipments = Table(
    "shipments",
    metadata,
    uuid_pk(),
    fk("order_id", "orders.id", ondelete="RESTRICT"),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT", index=False),
    Column("location_id", Uuid),
    Column("carrier", Text),
    Column("service", Text),
    Column("tracking_number", Text),
    *state("status", SHIPMENT_STATUSES, "pending"),
    ts("shipped_at"),
    ts("delivered_at"),
    *timestamps(),
    ForeignKeyConstraint(
        ["location_id", "vendor_id"],
        ["stock_locations.id", "stock_locations.vendor_id"],
        ondelete="RESTRICT",
        name="fk_shipments__location_id_vendor_id__stock_locations",
    ),
    UniqueConstraint("id", "vendor_id"),
    CheckConstraint(
        "delivered_at is null or shipped_at is not null", name="delivered_after_shipped"
    ),
    Index(None, "vendor_id", "status"),
    Index(None, "location_id"),
    Index(
        "ix_shipments__tracking_number",
        "tracking_number",
        postgresql_where=text("tracking_number is not null"),
    ),
    comment=(
        "Shipments of one vendor's items of an order from one of its locations: carrier, "
        "tracking, status. The location belongs to the shipment's vendor (composite key)."
    ),
)

shipment_items = Table(
    "shipment_items",
    metadata,
    Column("shipment_id", Uuid, nullable=False),
    Column("order_item_id", Uuid, nullable=False),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT"),
    Column("quantity", Integer, nullable=False),
    PrimaryKeyConstraint("shipment_id", "order_item_id"),
    # Both sides belong to the same vendor: enforced by the composite keys.
    ForeignKeyConstraint(
        ["shipment_id", "vendor_id"],
        ["shipments.id", "shipments.vendor_id"],
        ondelete="CASCADE",
        name="fk_shipment_items__shipment_id_vendor_id__shipments",
    ),
    ForeignKeyConstraint(
        ["order_item_id", "vendor_id"],
        ["order_items.id", "order_items.vendor_id"],
        ondelete="RESTRICT",
        name="fk_shipment_items__order_item_id_vendor_id__order_items",
    ),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    Index(None, "order_item_id"),
    comment=(
        "The order items a shipment carries, and how many units. Shipment and order item belong "
        "to the same vendor (composite keys)."
    ),
)
