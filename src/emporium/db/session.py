"""The unit of work: one transaction, acting as one persona.

Every request (API), command (CLI) and test runs its database work through
:func:`unit_of_work`. Identity reaches PostgreSQL only as PostgREST sends it:
``request.jwt.claims`` and the role, both set *local* to the transaction, so nothing
leaks between transactions and the same code works behind PgBouncer in transaction
mode.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol
from uuid import UUID

import psycopg

from emporium.db.errors import translate

DbRole = Literal["anon", "authenticated", "service_role"]
DB_ROLES: tuple[DbRole, ...] = ("anon", "authenticated", "service_role")


@dataclass(frozen=True)
class Persona:
    """Who is acting: the database role and the (already verified) JWT claims."""

    role: DbRole
    claims: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def anon(cls) -> Persona:
        return cls("anon", {"role": "anon"})

    @classmethod
    def service(cls) -> Persona:
        return cls("service_role", {"role": "service_role"})

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> Persona:
        role = claims.get("role")
        if role not in DB_ROLES:
            raise ValueError(f"claims carry an unknown role {role!r}")
        return cls(role, dict(claims))

    @property
    def user_id(self) -> UUID | None:
        sub = self.claims.get("sub")
        try:
            return UUID(str(sub)) if sub else None
        except ValueError:
            return None


class ConnectionSource(Protocol):
    def connection(self) -> contextlib.AbstractContextManager[psycopg.Connection[Any]]: ...


def as_persona(conn: psycopg.Connection[Any], persona: Persona) -> None:
    """Make the current transaction act as ``persona`` (claims and role, both LOCAL)."""
    if persona.role not in DB_ROLES:
        raise ValueError(f"unknown database role {persona.role!r}")
    conn.execute(
        "select set_config('request.jwt.claims', %s, true), set_config('role', %s, true)",
        [json.dumps(dict(persona.claims), default=str), persona.role],
    )


@contextlib.contextmanager
def unit_of_work(source: ConnectionSource, persona: Persona) -> Iterator[psycopg.Connection[Any]]:
    """A transaction as ``persona``: committed when the block succeeds, else rolled back.

    Database errors leave as emporium errors (see :mod:`emporium.db.errors`).
    """
    try:
        with source.connection() as conn, conn.transaction():
            as_persona(conn, persona)
            yield conn
    except psycopg.Error as exc:
        raise translate(exc) from exc


@contextlib.contextmanager
def transaction_as(
    conn: psycopg.Connection[Any], persona: Persona
) -> Iterator[psycopg.Connection[Any]]:
    """The same as :func:`unit_of_work` on a connection you already hold (CLI, tests).

    Inside an open transaction this is a savepoint, and releasing a savepoint keeps LOCAL
    settings: so the previous claims and role are put back when the block ends.
    """
    nested = conn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
    previous = None
    if nested:
        previous = conn.execute(
            "select current_setting('request.jwt.claims', true), current_setting('role')"
        ).fetchone()
    try:
        with conn.transaction():
            as_persona(conn, persona)
            yield conn
            if previous is not None:
                conn.execute(
                    "select set_config('request.jwt.claims', coalesce(%s, ''), true),"
                    " set_config('role', %s, true)",
                    [previous[0], previous[1]],
                )
    except psycopg.Error as exc:
        raise translate(exc) from exc
