"""stock_reserve's common call, cheaper again: one expression for all its checks, the location
named inside the UPDATE, and with a vendor or location given a first try on the first active
location by priority, which reads no level.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22

Only ``public.stock_reserve`` changes; its checks, their order, its refusal codes and details
and its allocation are those of 0004 (tests/inventory/test_reserve_equivalence.py calls the
two side by side). A reservation is one transaction, and in every transaction PL/pgSQL
prepares each expression it evaluates again and the executor sets up each statement again:
so the common call (valid arguments, service work, no idempotency key) evaluates one
expression instead of a dozen and runs one UPDATE and one INSERT (docs/benchmarks.md,
"Migration 0005"). Each try still runs in a subtransaction, for the reason the function's
comment gives.

frozen/0005/inventory/functions.sql is the whole inventory file (create or replace); the
downgrade applies 0004's copy of it, which restores 0004's function bodies exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

from emporium.db.sqlfiles import apply_frozen

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    apply_frozen("0005", "inventory/functions.sql")


def downgrade() -> None:
    apply_frozen("0004", "inventory/functions.sql")
