"""Column shapes shared by every domain's tables (DOMAIN.md conventions)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Numeric,
    Text,
    Uuid,
    text,
)
from sqlalchemy.types import CHAR


def uuid_pk() -> Column[Any]:
    return Column("id", Uuid, primary_key=True, server_default=text("gen_random_uuid()"))


def ledger_pk() -> Column[Any]:
    """Append-only ledgers and logs: a bigint identity."""
    return Column("id", BigInteger, Identity(always=True), primary_key=True)


def timestamps() -> list[Column[Any]]:
    """created_at and updated_at; updated_at is kept by the trigger private.tg__set_updated_at."""
    return [
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
        Column("updated_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    ]


def created_at() -> Column[Any]:
    return Column(
        "created_at", DateTime(timezone=True), nullable=False, server_default=text("now()")
    )


def ts(name: str, *, nullable: bool = True) -> Column[Any]:
    return Column(name, DateTime(timezone=True), nullable=nullable)


def unit_price(name: str = "price", *, nullable: bool = False) -> Column[Any]:
    return Column(name, Numeric(14, 4), nullable=nullable)


def total(name: str, *, nullable: bool = False, default: str | None = "0") -> Column[Any]:
    return Column(
        name,
        Numeric(14, 2),
        nullable=nullable,
        server_default=text(default) if default is not None else None,
    )


def currency() -> Column[Any]:
    return Column("currency", CHAR(3), nullable=False, server_default=text("'USD'"))


def currency_check(table: str) -> CheckConstraint:
    return CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso")


def fk(
    name: str,
    target: str,
    *,
    ondelete: str,
    nullable: bool = False,
    index: bool = True,
    comment: str | None = None,
) -> Column[Any]:
    """A uuid foreign key, indexed by default (every FK is indexed: DOMAIN.md)."""
    return Column(
        name,
        Uuid,
        ForeignKey(target, ondelete=ondelete),
        nullable=nullable,
        index=index,
        comment=comment,
    )


def one_of(column: str, values: tuple[str, ...], *, name: str | None = None) -> CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} in ({listed})", name=name or f"{column}_known")


def state(name: str, values: tuple[str, ...], default: str) -> list[Any]:
    """A CHECKed text status column (easier to extend than a PostgreSQL enum)."""
    return [
        Column(name, Text, nullable=False, server_default=text(f"'{default}'")),
        one_of(name, values),
    ]


__all__ = [
    "CHAR",
    "Text",
    "created_at",
    "currency",
    "currency_check",
    "fk",
    "ledger_pk",
    "one_of",
    "state",
    "timestamps",
    "total",
    "ts",
    "unit_price",
    "uuid_pk",
]
