"""The reorganization's state in the database it works on (schema ``reorg``).

Every phase attempt is a row of ``reorg.runs``; transform steps keep their resume point in
``reorg.steps``, committed together with each batch. Both live in the migrated database
itself, so a migrator killed at any moment (or run from another machine) finds exactly
where things stand.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from emporium.db.connect import connect
from emporium.errors import Conflict
from emporium.ops import pooler

SQL_DIR = Path(__file__).parent / "sql"
LEGACY_TABLES = (
    "users",
    "sneakers",
    "products",
    "orders",
    "order_items",
    "dealers",
    "dealer_prices",
)
# The phases of MAPPING.md, in order (rollback is not a phase: it undoes them).
PHASES = ("audit", "backup", "move_aside", "build", "transform", "validate", "compat")
ADVISORY_KEY = 0x7E60_0001  # one migrator per database at a time
# The migration's own accounting of every legacy row (reorg.sql), written by the transform.
ACCOUNTING = ("reorg.legacy_row_map", "reorg.legacy_quarantine", "reorg.legacy_issues")
# How often the server checks that a migrator's connection still has its migrator
# (PostgreSQL 14+, client_connection_check_interval). A migrator killed in the middle of a
# statement (SIGKILL, a closed terminal) otherwise leaves its backend running that statement
# to the end, for as long as a 1M-row insert takes, holding the advisory lock and its table
# locks: the next run could not start until then. With the check the server ends it within
# about a second.
CLIENT_CHECK_INTERVAL = "1s"


@dataclass(frozen=True)
class PhaseState:
    phase: str
    status: str  # pending | running | done | failed
    started_at: datetime | None
    finished_at: datetime | None
    rows: int | None
    detail: dict[str, Any]
    error: str | None
    attempts: int


def reorg_exists(conn: psycopg.Connection[Any]) -> bool:
    row = conn.execute("select to_regclass('reorg.runs') is not null").fetchone()
    return bool(row and row[0])


def ensure_schema(conn: psycopg.Connection[Any]) -> None:
    """Create (or complete) the reorg schema; committed at once."""
    with conn.transaction():
        conn.execute((SQL_DIR / "reorg.sql").read_text())


def phase_states(conn: psycopg.Connection[Any]) -> dict[str, PhaseState]:
    """The latest attempt of each phase (pending when never tried)."""
    states = {ph: PhaseState(ph, "pending", None, None, None, {}, None, 0) for ph in PHASES}
    if not reorg_exists(conn):
        return states
    rows = conn.execute(
        "select distinct on (phase) phase, status, started_at, finished_at, rows, detail, error,"
        " count(*) over (partition by phase)"
        " from reorg.runs order by phase, id desc"
    ).fetchall()
    for phase, status, started, finished, nrows, detail, error, attempts in rows:
        if phase in states:
            states[phase] = PhaseState(
                phase, status, started, finished, nrows, detail or {}, error, int(attempts)
            )
    return states


def done(conn: psycopg.Connection[Any], phase: str) -> bool:
    return phase_states(conn)[phase].status == "done"


@contextlib.contextmanager
def recorded(conn: psycopg.Connection[Any], phase: str) -> Iterator[dict[str, Any]]:
    """Record one attempt of PHASE: running now, done or failed when the block ends.

    The block fills the yielded dict (detail; "rows" for the row count). The records are
    committed on their own (the connection is in autocommit), so a failed phase still
    leaves its failure behind.
    """
    row = conn.execute(
        "insert into reorg.runs (phase, status) values (%s, 'running') returning id", [phase]
    ).fetchone()
    assert row is not None
    run_id = row[0]
    detail: dict[str, Any] = {}
    try:
        yield detail
    except BaseException as exc:
        with contextlib.suppress(psycopg.Error):
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                conn.rollback()
            conn.execute(
                "update reorg.runs set status = 'failed', finished_at = clock_timestamp(),"
                " detail = %s, error = %s where id = %s",
                [json.dumps(detail, default=str), _describe(exc), run_id],
            )
        raise
    rows = detail.pop("rows", None)
    conn.execute(
        "update reorg.runs set status = 'done', finished_at = clock_timestamp(), rows = %s,"
        " detail = %s where id = %s",
        [rows, json.dumps(detail, default=str), run_id],
    )


def _describe(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return f"{code}: {message}" if code else message


def connect_migrator(dsn: str, role: str = "migrate") -> psycopg.Connection[Any]:
    """An autocommit connection of the migrator's: named ``emporium legacy ROLE`` in
    pg_stat_activity (so a waiting run can say who holds the lock), and ended by the server
    within ``CLIENT_CHECK_INTERVAL`` when the migrator dies mid-statement."""
    conn = connect(dsn, autocommit=True, application_name=f"emporium legacy {role}")
    with contextlib.suppress(psycopg.errors.UndefinedObject, psycopg.errors.InvalidParameterValue):
        # (missing before PostgreSQL 14, refused on a platform without the check: then a
        # killed migrator's backend ends with its statement, as it always did)
        conn.execute(
            "select set_config('client_connection_check_interval', %s, false)",
            [CLIENT_CHECK_INTERVAL],
        )
    return conn


@contextlib.contextmanager
def exclusive(
    conn: psycopg.Connection[Any],
    dsn: str,
    wait: str = "10s",
    say: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the migrator's advisory lock (session level) for the block. While another
    session holds it, wait up to WAIT (a lock_timeout: '10s', '500ms'), then refuse naming
    that session. The wait is what lets a run start right after a killed one: its backend
    lets go once the server sees the migrator gone (``CLIENT_CHECK_INTERVAL``).

    CONN (to DSN) must keep one server session: through a pooler in transaction mode the
    lock would protect nothing, so that is refused first (``transaction_pooler``)."""
    if pooler.require_session(conn, dsn, "the migrator") == "session pooler" and say:
        say("connected through a connection pooler in session mode: one server session kept")
    row = conn.execute("select pg_try_advisory_lock(%s)", [ADVISORY_KEY]).fetchone()
    if not row or not row[0]:
        if say is not None:
            say(f"waiting up to {wait} for the migrator's lock, held by {_holder_text(conn)}")
        try:
            with conn.transaction():  # the lock is the session's: it outlives this transaction
                conn.execute("select set_config('lock_timeout', %s, true)", [wait])
                conn.execute("select pg_advisory_lock(%s)", [ADVISORY_KEY])
        except psycopg.errors.LockNotAvailable:
            raise Conflict(
                "another `emporium legacy` command is working on this database: the"
                f" migrator's lock was still held after waiting {wait} ({_holder_text(conn)})",
                code="migration_running",
                hint="wait for it to finish (`emporium legacy status` shows where it stands);"
                " a migrator that was killed lets go within seconds, so just run again",
            ) from None
    try:
        yield
    finally:
        with contextlib.suppress(psycopg.Error):
            conn.execute("select pg_advisory_unlock(%s)", [ADVISORY_KEY])


# The rows of pg_locks (as l) that are the migrator's lock on this database, held; the
# parameter is ADVISORY_KEY's low 32 bits (pg_locks.objid).
_HELD = (
    "l.locktype = 'advisory' and l.granted and l.objid = %s"
    " and l.database = (select oid from pg_database where datname = current_database())"
)


def still_exclusive(conn: psycopg.Connection[Any]) -> None:
    """Refuse to go on (``session_moved``) unless CONN's server session still holds the
    migrator's lock. Inside ``exclusive`` it always does, unless something between us and
    the server (a pooler the probe in ``exclusive`` took for a session pooler) moved the
    connection to another server session: then the lock protects nothing, and the migrator
    stops between phases instead of going on unprotected."""
    row = conn.execute(
        f"select exists (select 1 from pg_locks l where {_HELD} and l.pid = pg_backend_pid())",
        [ADVISORY_KEY & 0xFFFFFFFF],
    ).fetchone()
    if not (row and row[0]):
        raise Conflict(
            "the migrator's connection is no longer on the server session that holds its"
            " lock: something between it and PostgreSQL (a connection pooler in transaction"
            " mode?) moved it; stopped between phases",
            code="session_moved",
            hint="connect directly to PostgreSQL (or through a pooler in session mode) and run"
            " again: it goes on from the last phase done",
        )


def lock_holder(conn: psycopg.Connection[Any]) -> str | None:
    """Who holds the migrator's advisory lock, as pg_stat_activity shows them; None when
    nobody does (no migrator is working on this database)."""
    row = conn.execute(
        "select a.pid, coalesce(nullif(a.application_name, ''), 'no application name'),"
        "       coalesce(a.state, 'unknown state'), a.usename,"
        "       to_char(a.backend_start at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS UTC')"
        f" from pg_locks l join pg_stat_activity a on a.pid = l.pid where {_HELD} limit 1",
        [ADVISORY_KEY & 0xFFFFFFFF],
    ).fetchone()
    if row is None:
        return None
    pid, app, activity, user, since = row
    return f"backend {pid} ({app}, user {user}, {activity}, connected since {since})"


def _holder_text(conn: psycopg.Connection[Any]) -> str:
    return lock_holder(conn) or "nobody any more"


def where_tables_are(conn: psycopg.Connection[Any]) -> dict[str, str | None]:
    """For each legacy table: 'public', 'legacy' (moved aside) or None (missing)."""
    rows = conn.execute(
        "select c.relname, n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where c.relkind in ('r', 'p') and n.nspname in ('public', 'legacy')"
        " and c.relname = any(%s)",
        [list(LEGACY_TABLES)],
    ).fetchall()
    found: dict[str, str | None] = {t: None for t in LEGACY_TABLES}
    for name, schema in rows:
        if found[name] != "legacy":  # after the build, public.users etc. are emporium's
            found[name] = schema
    return found


def lock_named(
    conn: psycopg.Connection[Any], table: str, timeout: str, mode: str = "access exclusive"
) -> None:
    """Lock TABLE (schema.name) in MODE within the caller's transaction, waiting at most
    TIMEOUT; a timeout becomes ``lock_timeout`` naming the table."""
    schema, name = table.split(".")
    conn.execute("select set_config('lock_timeout', %s, true)", [timeout])
    try:
        conn.execute(
            sql.SQL("lock table {} in {} mode").format(
                sql.Identifier(schema, name),
                sql.SQL(mode),  # one of our constants, never input
            )
        )
    except psycopg.errors.LockNotAvailable:
        raise lock_timeout_error(table, timeout) from None


def lock_timeout_error(table: str | None, timeout: str) -> Conflict:
    where = f"a lock on {table}" if table else "a lock"
    return Conflict(
        f"waited {timeout} for {where}: another session is using it",
        code="lock_timeout",
        hint="see pg_stat_activity for who holds it, or retry with a longer --lock-timeout",
    )


def is_lock_timeout(exc: BaseException) -> bool:
    """Whether EXC (or what it wraps, e.g. through SQLAlchemy/Alembic) is a lock timeout."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, psycopg.errors.LockNotAvailable):
            return True
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
    return False
