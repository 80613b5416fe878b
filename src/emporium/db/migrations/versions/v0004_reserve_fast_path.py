"""stock_reserve's fast path, cheaper: its small per-call checks written out, one read of
the caller, and the inserted row returned by the INSERT itself.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

Only ``public.stock_reserve`` changes; its checks, refusal codes and allocation are those of
0003. The small SQL helpers it called (``private.is_service``, ``private.current_user_id``)
carry a pinned search_path, so PostgreSQL can't inline them and plans them again in every
transaction; a reservation is one transaction, so it always paid that (docs/benchmarks.md).
The helpers themselves stay as they are: policies and other functions still use them.

frozen/0004/inventory/functions.sql is the whole inventory file (create or replace); the
downgrade applies 0003's copy of it, which restores 0003's function bodies exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

from emporium.db.sqlfiles import apply_frozen

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    apply_frozen("0004", "inventory/functions.sql")


def downgrade() -> None:
    apply_frozen("0003", "inventory/functions.sql")
