"""Inventory engine: the ledger trigger, stock functions, alerts, cycle counts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21

Functions and triggers come from frozen/0003/inventory/functions.sql. The idempotency key
of a reservation becomes unique per location, because one stock_reserve call may split a
quantity across locations (one row each).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from emporium.db.sqlfiles import apply_frozen, execute_sql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PUBLIC_FUNCTIONS = (
    "stock_record_oversell_attempt(uuid, integer, integer, uuid)",
    "stock_receive(uuid, uuid, integer, text, text)",
    "stock_adjust(uuid, uuid, integer, text, text)",
    "stock_transfer(uuid, uuid, uuid, integer, text)",
    "stock_reserve_lines(jsonb, integer, text, uuid, uuid)",
    "stock_reserve(uuid, integer, integer, text, uuid, uuid, uuid, text)",
    "stock_release_holder(text, uuid)",
    "stock_release(uuid)",
    "stock_commit(uuid, text)",
    "stock_expire_reservations(integer)",
    "stock_check_ledger(uuid)",
    "stock_count_open(uuid, text)",
    "stock_count_record(uuid, uuid, integer)",
    "stock_count_post(uuid)",
    "stock_alert_acknowledge(uuid)",
)
PRIVATE_FUNCTIONS = (
    "tg_stock_counts__immutable()",
    "open_count_vendor(uuid)",
    "locked_active_reservation(uuid)",
    "assert_holder(text, uuid)",
    "tg_stock_levels__alerts()",
    "tg_stock_levels__ledger_only()",
    "tg_stock_movements__apply()",
    "assert_positive(text, integer)",
    "assert_variant(uuid)",
    "managed_location_vendor(uuid)",
    "is_service()",
    "inventory_raise(text, jsonb)",
)
TRIGGERS = (
    ("tg_stock_movements__apply", "stock_movements"),
    ("tg_stock_levels__ledger_only", "stock_levels"),
    ("tg_stock_levels__alerts_insert", "stock_levels"),
    ("tg_stock_levels__alerts_update", "stock_levels"),
    ("tg_stock_counts__immutable", "stock_counts"),
    ("tg_stock_count_lines__immutable", "stock_count_lines"),
)


def upgrade() -> None:
    op.drop_index(
        "uq_stock_reservations__idempotency_key",
        table_name="stock_reservations",
        postgresql_where=sa.text("idempotency_key is not null"),
    )
    op.create_index(
        "uq_stock_reservations__idempotency_key_location",
        "stock_reservations",
        ["idempotency_key", "location_id"],
        unique=True,
        postgresql_where=sa.text("idempotency_key is not null"),
    )
    apply_frozen("0003", "inventory/functions.sql")
    apply_frozen("0003", "index_comments.sql")


def downgrade() -> None:
    for trigger, table in TRIGGERS:
        execute_sql(f"drop trigger {trigger} on public.{table}")
    for fn in PUBLIC_FUNCTIONS:
        execute_sql(f"drop function public.{fn}")
    for fn in PRIVATE_FUNCTIONS:
        execute_sql(f"drop function private.{fn}")
    op.drop_index(
        "uq_stock_reservations__idempotency_key_location",
        table_name="stock_reservations",
        postgresql_where=sa.text("idempotency_key is not null"),
    )
    op.create_index(
        "uq_stock_reservations__idempotency_key",
        "stock_reservations",
        ["idempotency_key"],
        unique=True,
        postgresql_where=sa.text("idempotency_key is not null"),
    )
    apply_frozen("0002", "index_comments.sql")
