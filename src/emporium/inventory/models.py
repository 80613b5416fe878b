"""Inventory: locations, levels, the movement ledger, reservations, alerts, cycle counts.

Every row carries its vendor_id (the tenant key); composite foreign keys
(location_id, vendor_id) -> stock_locations(id, vendor_id) make a row's vendor agree
with its location's, in the database.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Computed,
    ForeignKeyConstraint,
    Index,
    Integer,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from emporium.db.columns import created_at, fk, ledger_pk, one_of, state, timestamps, ts, uuid_pk
from emporium.db.metadata import metadata

MOVEMENT_KINDS = (
    "receipt",
    "sale",
    "return",
    "adjustment",
    "transfer_out",
    "transfer_in",
    "count_correction",
    "opening_balance",
)
RESERVATION_STATUSES = ("active", "committed", "released", "expired")
ALERT_KINDS = ("low_stock", "out_of_stock", "oversell_attempt")


def _at_location(table: str) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["location_id", "vendor_id"],
        ["stock_locations.id", "stock_locations.vendor_id"],
        ondelete="RESTRICT",
        name=f"fk_{table}__location_id_vendor_id__stock_locations",
    )


stock_locations = Table(
    "stock_locations",
    metadata,
    uuid_pk(),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT"),
    Column("name", Text, nullable=False),
    Column("code", Text, nullable=False),
    # Allocation order: lower first.
    Column(
        "priority",
        Integer,
        nullable=False,
        server_default=text("100"),
        comment="Allocation order: lower first.",
    ),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("country", Text),
    *timestamps(),
    UniqueConstraint("vendor_id", "code"),
    UniqueConstraint("id", "vendor_id"),
    CheckConstraint("code ~ '^[A-Za-z0-9_-]{1,32}$'", name="code_format"),
    CheckConstraint("priority >= 0", name="priority_positive"),
    comment=(
        "A vendor's warehouses and stores, allocated in priority order (lower first). Code unique "
        "per vendor."
    ),
)

stock_levels = Table(
    "stock_levels",
    metadata,
    Column("location_id", Uuid, nullable=False),
    fk("variant_id", "product_variants.id", ondelete="RESTRICT"),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT", index=False),
    Column("on_hand", Integer, nullable=False, server_default=text("0")),
    Column("reserved", Integer, nullable=False, server_default=text("0")),
    Column("available", Integer, Computed("on_hand - reserved", persisted=True), nullable=False),
    Column("reorder_point", Integer, nullable=False, server_default=text("0")),
    Column("safety_stock", Integer, nullable=False, server_default=text("0")),
    *timestamps(),
    PrimaryKeyConstraint("location_id", "variant_id"),
    _at_location("stock_levels"),
    CheckConstraint("reserved >= 0 and reserved <= on_hand", name="reserved_within_on_hand"),
    CheckConstraint("reorder_point >= 0 and safety_stock >= 0", name="thresholds_positive"),
    Index(None, "vendor_id", "variant_id"),
    comment=(
        "Stock per location and variant: on_hand, reserved and the generated available. 0 <= "
        "reserved <= on_hand; changed only by the stock functions, never by clients."
    ),
)

stock_movements = Table(
    "stock_movements",
    metadata,
    ledger_pk(),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT", index=False),
    Column("location_id", Uuid, nullable=False),
    fk("variant_id", "product_variants.id", ondelete="RESTRICT"),
    Column("delta", Integer, nullable=False, comment="The signed change of on_hand."),
    Column("kind", Text, nullable=False),
    Column("reason", Text),
    Column("reference", Text, comment="What caused it: an order id, a count id, a legacy row ..."),
    fk("actor_id", "users.id", ondelete="RESTRICT", nullable=True),
    created_at(),
    _at_location("stock_movements"),
    one_of("kind", MOVEMENT_KINDS),
    CheckConstraint("delta <> 0", name="delta_not_zero"),
    Index(
        "ix_stock_movements__location_variant_created", "location_id", "variant_id", "created_at"
    ),
    Index(None, "vendor_id", "created_at"),
    comment=(
        "The append-only inventory ledger: every signed change of on_hand with its kind, reason "
        "and actor. Per location and variant, on_hand = sum(delta)."
    ),
)

stock_reservations = Table(
    "stock_reservations",
    metadata,
    uuid_pk(),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT", index=False),
    Column("location_id", Uuid, nullable=False),
    fk("variant_id", "product_variants.id", ondelete="RESTRICT"),
    Column("quantity", Integer, nullable=False),
    Column("holder_type", Text, nullable=False),
    Column(
        "holder_id",
        Uuid,
        nullable=False,
        comment="The cart or order (holder_type) that holds the stock.",
    ),
    *state("status", RESERVATION_STATUSES, "active"),
    ts("expires_at", nullable=False),
    Column("idempotency_key", Text),
    fk("created_by", "users.id", ondelete="RESTRICT", nullable=True),
    *timestamps(),
    _at_location("stock_reservations"),
    one_of("holder_type", ("cart", "order")),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    # One call of stock_reserve may split across locations: one row per location, one key.
    Index(
        "uq_stock_reservations__idempotency_key_location",
        "idempotency_key",
        "location_id",
        unique=True,
        postgresql_where=text("idempotency_key is not null"),
    ),
    Index(
        "ix_stock_reservations__active_expires_at",
        "expires_at",
        postgresql_where=text("status = 'active'"),
    ),
    Index(None, "holder_id"),
    Index(None, "location_id", "variant_id"),
    Index(None, "vendor_id", "status"),
    comment=(
        "Holds on stock for a cart or an order until committed, released or expired. Quantity "
        "positive; the idempotency key is unique when present."
    ),
)

stock_alerts = Table(
    "stock_alerts",
    metadata,
    uuid_pk(),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT", index=False),
    Column("location_id", Uuid, nullable=False),
    fk("variant_id", "product_variants.id", ondelete="RESTRICT"),
    Column("kind", Text, nullable=False),
    Column("detail", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    ts("opened_at", nullable=False),
    ts("resolved_at"),
    fk("acknowledged_by", "users.id", ondelete="RESTRICT", nullable=True),
    ts("acknowledged_at"),
    _at_location("stock_alerts"),
    one_of("kind", ALERT_KINDS),
    CheckConstraint(
        "(acknowledged_by is null) = (acknowledged_at is null)", name="acknowledged_together"
    ),
    CheckConstraint("resolved_at is null or resolved_at >= opened_at", name="resolved_after_open"),
    # At most one open alert per kind, location and variant.
    Index(
        None,
        "location_id",
    ),
    Index(
        "uq_stock_alerts__open",
        "location_id",
        "variant_id",
        "kind",
        unique=True,
        postgresql_where=text("resolved_at is null"),
    ),
    Index(None, "vendor_id", "opened_at"),
    comment=(
        "Low-stock, out-of-stock and oversell alerts per location and variant, acknowledged by "
        "vendor staff. At most one open alert per kind, location and variant."
    ),
)

stock_counts = Table(
    "stock_counts",
    metadata,
    uuid_pk(),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT", index=False),
    Column("location_id", Uuid, nullable=False),
    *state("status", ("open", "posted", "cancelled"), "open"),
    Column("note", Text),
    fk("opened_by", "users.id", ondelete="RESTRICT", nullable=True),
    fk("posted_by", "users.id", ondelete="RESTRICT", nullable=True),
    ts("posted_at"),
    *timestamps(),
    _at_location("stock_counts"),
    UniqueConstraint("id", "vendor_id"),
    CheckConstraint("(status = 'posted') = (posted_at is not null)", name="posted_has_time"),
    Index(None, "location_id", "status"),
    Index(None, "vendor_id", "status"),
    comment=(
        "Cycle counts (inventory audits) of one location; posting one writes count_correction "
        "movements. A posted count has posted_at."
    ),
)

stock_count_lines = Table(
    "stock_count_lines",
    metadata,
    Column("count_id", Uuid, nullable=False),
    fk("variant_id", "product_variants.id", ondelete="RESTRICT"),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT", index=False),
    Column("expected", Integer, nullable=False),
    Column("counted", Integer),
    fk("counted_by", "users.id", ondelete="RESTRICT", nullable=True),
    ts("counted_at"),
    PrimaryKeyConstraint("count_id", "variant_id"),
    ForeignKeyConstraint(
        ["count_id", "vendor_id"],
        ["stock_counts.id", "stock_counts.vendor_id"],
        ondelete="CASCADE",
        name="fk_stock_count_lines__count_id_vendor_id__stock_counts",
    ),
    CheckConstraint("expected >= 0", name="expected_positive"),
    CheckConstraint("counted >= 0", name="counted_positive"),
    Index(None, "vendor_id"),
    comment=(
        "Expected and counted quantity per variant of a cycle count. Same vendor as its count "
        "(composite key); quantities never negative."
    ),
)
