"""Integration bookkeeping: runs, per-entity sync log, external ids, webhooks, the outbox."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, Index, Table, Text, UniqueConstraint, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB

from emporium.db.columns import created_at, fk, ledger_pk, one_of, state, timestamps, ts, uuid_pk
from emporium.db.metadata import metadata

SOURCES = ("kicksdb", "shopify")

integration_runs = Table(
    "integration_runs",
    metadata,
    uuid_pk(),
    Column("source", Text, nullable=False),
    Column("kind", Text, nullable=False),
    *state("status", ("running", "succeeded", "failed", "cancelled"), "running"),
    Column("counts", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    # Where a resumed run continues (page cursor, last id ...).
    Column("cursor", JSONB, comment="Where a resumed run continues (page cursor, last id ...)."),
    Column("error", Text),
    fk("started_by", "users.id", ondelete="RESTRICT", nullable=True),
    ts("started_at", nullable=False),
    ts("finished_at"),
    *timestamps(),
    one_of("source", SOURCES),
    CheckConstraint("(status = 'running') = (finished_at is null)", name="finished_when_done"),
    Index(None, "source", "kind", text("started_at desc")),
    comment=(
        "Runs of the KicksDB and Shopify integrations: kind, status, counts, resume cursor, "
        "error. finished_at is set exactly when the run is no longer running."
    ),
)

sync_log = Table(
    "sync_log",
    metadata,
    ledger_pk(),
    fk("run_id", "integration_runs.id", ondelete="CASCADE"),
    Column("entity", Text, nullable=False),
    Column("external_id", Text),
    Column("action", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("message", Text),
    created_at(),
    one_of("action", ("create", "update", "delete", "skip")),
    one_of("outcome", ("ok", "error", "skipped")),
    Index(None, "entity", "external_id"),
    comment=(
        "The per-entity outcome of an integration run (create, update, delete, skip; ok, error, "
        "skipped). Append-only."
    ),
)

external_refs = Table(
    "external_refs",
    metadata,
    uuid_pk(),
    Column("entity", Text, nullable=False),
    Column("entity_id", Uuid, nullable=False),
    Column("source", Text, nullable=False),
    Column("external_id", Text, nullable=False),
    *timestamps(),
    one_of("source", SOURCES),
    # The key of idempotent upserts and of customer mapping.
    UniqueConstraint("source", "external_id"),
    UniqueConstraint("source", "entity", "entity_id"),
    Index(None, "entity", "entity_id"),
    comment=(
        "Our rows' ids in external systems (KicksDB, Shopify). Unique per source and external id, "
        "and per source and row: the key of idempotent upserts."
    ),
)

webhook_receipts = Table(
    "webhook_receipts",
    metadata,
    ledger_pk(),
    Column("source", Text, nullable=False),
    Column("event_id", Text, nullable=False),
    Column("topic", Text, nullable=False),
    Column("payload", JSONB, nullable=False),
    *state("status", ("received", "processed", "failed"), "received"),
    Column("error", Text),
    created_at(),
    ts("processed_at"),
    one_of("source", SOURCES),
    # Each delivery is processed once: a replay hits this key.
    UniqueConstraint("source", "event_id"),
    comment=(
        "Every webhook delivery received, with its payload and processing status. Unique per "
        "source and event id, so each delivery is processed once."
    ),
)

outbox_events = Table(
    "outbox_events",
    metadata,
    ledger_pk(),
    Column("aggregate_type", Text, nullable=False),
    Column("aggregate_id", Uuid, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("payload", JSONB, nullable=False),
    created_at(),
    ts("published_at"),
    Index("ix_outbox_events__unpublished", "id", postgresql_where=text("published_at is null")),
    Index(None, "aggregate_type", "aggregate_id"),
    comment=(
        "Events for downstream consumers, written in the transaction that made the change "
        "(transactional outbox). Published events have published_at."
    ),
)
