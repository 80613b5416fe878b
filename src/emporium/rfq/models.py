"""Requests for quote: an account asks, its rep quotes, an accepted quote becomes one order."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, Date, Index, Integer, Table, Text, text

from emporium.db.columns import (
    created_at,
    currency,
    fk,
    ledger_pk,
    one_of,
    state,
    timestamps,
    ts,
    unit_price,
    uuid_pk,
)
from emporium.db.metadata import metadata

RFQ_STATUSES = ("draft", "submitted", "quoted", "accepted", "rejected", "expired", "converted")
PRIORITIES = ("low", "normal", "high", "urgent")

rfqs = Table(
    "rfqs",
    metadata,
    uuid_pk(),
    # Human number, sequential per year (RFQ-2026-000001), assigned by trigger.
    Column(
        "number",
        Text,
        nullable=False,
        unique=True,
        comment=(
            "Human number, sequential per year without gaps (RFQ-2026-000001), assigned by trigger."
        ),
    ),
    fk("account_id", "accounts.id", ondelete="RESTRICT", index=False),
    fk("requester_id", "users.id", ondelete="RESTRICT"),
    fk("assigned_rep_id", "users.id", ondelete="SET NULL", nullable=True, index=False),
    *state("status", RFQ_STATUSES, "draft"),
    *state("priority", PRIORITIES, "normal"),
    Column("needed_by", Date),
    ts("expires_at"),
    currency(),
    Column("notes", Text),
    ts("submitted_at"),
    ts("quoted_at"),
    ts("decided_at"),
    *timestamps(),
    CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso"),
    Index("ix_rfqs__status_priority_created", "status", "priority", "created_at"),
    Index("ix_rfqs__rep_status", "assigned_rep_id", "status"),
    Index("ix_rfqs__account_created", "account_id", text("created_at desc")),
    comment=(
        "Requests for quote: an account asks, its rep quotes, the account accepts or rejects. "
        "Human number unique; status and who may move it are enforced by trigger."
    ),
)

rfq_items = Table(
    "rfq_items",
    metadata,
    uuid_pk(),
    fk("rfq_id", "rfqs.id", ondelete="CASCADE"),
    fk("variant_id", "product_variants.id", ondelete="RESTRICT"),
    Column("quantity", Integer, nullable=False),
    unit_price("target_price", nullable=True),
    unit_price("quoted_price", nullable=True),
    Column("lead_time_days", Integer),
    Column("note", Text),
    *timestamps(),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    CheckConstraint("target_price >= 0 and quoted_price >= 0", name="prices_positive"),
    CheckConstraint("lead_time_days >= 0", name="lead_time_positive"),
    comment=(
        "Variants and quantities of a request for quote, with target and quoted prices and lead "
        "times. Buyers edit drafts, reps quote (trigger)."
    ),
)

rfq_events = Table(
    "rfq_events",
    metadata,
    ledger_pk(),
    fk("rfq_id", "rfqs.id", ondelete="CASCADE"),
    Column("kind", Text, nullable=False),
    Column("from_status", Text),
    Column("to_status", Text),
    fk("actor_id", "users.id", ondelete="RESTRICT", nullable=True),
    Column("note", Text),
    created_at(),
    one_of("kind", ("status_change", "comment", "quote_revised")),
    comment=(
        "The history of a request for quote: status changes, comments, quote revisions. "
        "Append-only."
    ),
)

__all__ = ["one_of"]
