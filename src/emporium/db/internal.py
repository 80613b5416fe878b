"""Internal tables in `private` shared by several domains (never exposed over an API)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, PrimaryKeyConstraint, Table, Text

from emporium.db.metadata import metadata

# Human document numbers without gaps (EM-2026-000001, RFQ-2026-000001): one counter row per
# prefix and year, advanced by private.next_document_number() (row-locked until commit).
document_counters = Table(
    "document_counters",
    metadata,
    Column("prefix", Text, nullable=False),
    Column("year", Integer, nullable=False),
    Column("last_value", BigInteger, nullable=False),
    PrimaryKeyConstraint("prefix", "year"),
    schema="private",
    comment=(
        "Gapless human document numbers (EM-2026-000001): the last value per prefix and year, "
        "advanced under a row lock by private.next_document_number()."
    ),
)
