"""Is there a connection pooler between us and PostgreSQL, and does it keep our session?

The reorganization needs one server session for its whole run: its advisory lock (one
migrator per database) and its session settings live there. A pooler in **session** mode
(PgBouncer ``pool_mode = session``, Supabase's session pooler on port 5432) gives a client one
server session for as long as it is connected, so the migrator works through it. One in
**transaction** mode (PgBouncer ``pool_mode = transaction``, Supabase's transaction pooler on
port 6543) hands the server session to another client as soon as a transaction ends: a
session lock would then protect nothing and could stay behind on a pooled session, and a
later transaction could run on a session without the settings. So the migrator refuses a
transaction pooler before it does anything, naming what to use instead.

How it is told apart, with no pooler-specific query:

- **A pooler at all.** A client's cancel key (``BackendKeyData``) carries the server
  process id. A pooler must hand out keys of its own (it multiplexes server sessions), so
  the pid the client was given differs from ``pg_backend_pid()``. Connected directly, they
  are equal.
- **Session or transaction mode.** The first connection's transaction has ended. A second
  client connecting now gets that same server session from a transaction pooler (it is
  free), never from a session pooler (it is the first client's until it disconnects); and
  the first client's next transaction may land on another one. A few alternating probes
  see either: in session mode neither can ever happen.
"""

from __future__ import annotations

from typing import Any, Literal

import psycopg

from emporium.db.connect import connect
from emporium.errors import ConfigError

Kind = Literal["direct", "session pooler", "transaction pooler"]
PROBES = 3  # alternations of the two clients (a transaction pooler shows itself on the first)


def _server_pid(conn: psycopg.Connection[Any]) -> int:
    row = conn.execute("select pg_backend_pid()").fetchone()
    assert row is not None
    return int(row[0])


def kind(conn: psycopg.Connection[Any], dsn: str) -> Kind:
    """How CONN (an autocommit connection to DSN, outside a transaction) reaches its server."""
    first = _server_pid(conn)
    if conn.info.backend_pid == first:
        return "direct"
    with connect(dsn, autocommit=True, application_name="emporium pooler probe") as other:
        for _ in range(PROBES):
            if _server_pid(other) == first or _server_pid(conn) != first:
                return "transaction pooler"
    return "session pooler"


def require_session(conn: psycopg.Connection[Any], dsn: str, what: str) -> Kind:
    """KIND of CONN's path to its server, refusing a transaction pooler for WHAT (e.g. 'the
    migrator') with ``transaction_pooler``."""
    found = kind(conn, dsn)
    if found == "transaction pooler":
        raise ConfigError(
            f"{what} needs one server session for its whole run, and this connection goes"
            " through a connection pooler in transaction mode, which hands the session to"
            " other clients between transactions (nothing was changed)",
            code="transaction_pooler",
            hint="connect directly to PostgreSQL, or through a pooler in session mode; on"
            " Supabase use the direct connection (db.<project>.supabase.co:5432) or the"
            " session pooler (port 5432 of the pooler host), not port 6543",
        )
    return found
