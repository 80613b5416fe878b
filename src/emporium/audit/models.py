"""The audit log: written by the generic trigger private.tg__audit, append-only, admins read it."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Table, Text, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB

from emporium.db.columns import ledger_pk, one_of, ts
from emporium.db.metadata import metadata

audit_log = Table(
    "audit_log",
    metadata,
    ledger_pk(),
    Column("table_name", Text, nullable=False),
    # The primary key of the changed row as JSON ({"id": "..."} or a composite key).
    Column(
        "row_key", JSONB, nullable=False, comment="The primary key of the changed row, as JSON."
    ),
    Column("action", Text, nullable=False),
    # {column: [old, new]} for updates; the whole row as {column: [null, value]} for inserts
    # and {column: [value, null]} for deletes.
    Column(
        "changed",
        JSONB,
        nullable=False,
        comment=(
            "{column: [old, new]} of the changed columns (the whole row for inserts and deletes)."
        ),
    ),
    Column("actor_id", Uuid),
    Column("actor_role", Text, nullable=False),
    Column(
        "txid",
        BigInteger,
        nullable=False,
        comment="The transaction id: rows with the same txid changed together.",
    ),
    ts("at", nullable=False),
    one_of("action", ("insert", "update", "delete")),
    Index("ix_audit_log__table_row_at", "table_name", "row_key", "at", postgresql_using="btree"),
    Index(None, "at"),
    Index(None, "actor_id", "at"),
    comment=(
        "The audit trail written by the trigger private.tg__audit: table, row key, action, "
        "changed columns, actor, transaction. Append-only; admins read it."
    ),
)

__all__ = ["text"]
