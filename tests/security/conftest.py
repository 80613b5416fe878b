"""Fixtures of the security suite: one connection to the seeded world per module.

Every attempt runs inside ``world_conn.transaction(force_rollback=True)`` (see
``tests.security.test_rls_matrix.attempt``), so the world is the same before and after
each case, without the cost of a new connection per case.

The connection is in autocommit mode so that each case is a transaction of its own, not a
savepoint of one long transaction: PL/pgSQL checks EXECUTE on the functions a trigger calls
once per transaction, so a trigger that once ran as the owner would then run for any
persona in that transaction without the check, and hide a missing grant.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from emporium.db.connect import Database


@pytest.fixture(scope="module")
def world_conn(shared_db: Database) -> Iterator[psycopg.Connection[Any]]:
    """A connection to the shared seeded world; callers roll back whatever they do."""
    with psycopg.connect(shared_db.admin_dsn, autocommit=True) as c:
        yield c
