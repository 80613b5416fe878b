"""`emporium db audit`: inspect any PostgreSQL database, read-only, and say what is in it.

Made for the legacy store before its reorganization, but nothing here knows that schema:
it reads the catalog, the statistics and the data of whatever database it is pointed at.
Everything runs in ONE transaction, ``REPEATABLE READ READ ONLY`` (a consistent snapshot;
PostgreSQL itself refuses any write), with a statement and a lock timeout; each check runs
in a savepoint, so one that times out or isn't permitted is reported under ``warnings``
and the others still run. Identifiers are always quoted (psycopg.sql).

The result of :func:`run_audit` is a JSON-serialisable dict; its shape is stable within a
``format`` (a change of meaning bumps the number)::

    format            "emporium.db.audit/1"
    generated_at      ISO 8601 time (UTC) the audit started
    duration_seconds  how long it took
    database          name, server_version, server_version_num, user, superuser,
                      bypass_rls (false: RLS may hide rows from the counts), size_bytes,
                      size, audit_counted_in_stats (whether the audit's own scans count
                      in pg_stat_* next time; only a superuser can switch that off)
    options           schemas, sample
    tables            [{schema, name, kind, is_partition, size_bytes, size, row_estimate,
                        row_count (exact, when counted), rows, columns [{name, type,
                        nullable, default}], primary_key, unique, foreign_keys [{name,
                        columns, ref_schema, ref_table, ref_columns, validated}],
                        rls_enabled, rls_forced, policies, readable}]
    relationships     declared [{name, child {schema, table, columns}, parent {...},
                                 validated}]
                      found [{child {schema, table, column}, parent {...}, compare
                              (value|email), sampled_values, matched_values, match_rate
                              (distinct values), name_match, discriminator (a sibling
                              column whose values name the parent), found, note,
                              child_rows, orphan_rows, orphan_values, orphan_examples
                              [{value, rows}], row_match_rate (share of rows matching)}]
                      by_child [{child, parents [{schema, table, column, match_rate}],
                                 child_rows, orphan_rows (matching no parent), ...}]
                      candidates [every pair with a match, found or not, as in found
                                  without the orphan counts]
                      tested {child_columns, pairs}
    duplicates        [{schema, table, column, rule (email|code|exact), non_null_rows,
                        groups, rows, groups_with_different_spellings,
                        examples [{key, rows, values}]}]   (every column checked)
    text_values       [{schema, table, column, kind (money|number|date|size),
                        sampled_values, sample_parse_rate, non_null_rows,
                        unparseable_rows, examples [{value, rows}]}]
    health            stats_reset, unused_indexes, duplicate_indexes,
                      foreign_keys_without_index, never_scanned_tables,
                      tables_without_primary_key, sequences, cache_hit {ratio,
                      index_ratio, ...}, slow_statements {status (ok|not_installed|
                      not_available), reason, statements}
    headlines         the findings to read first, as sentences, most important first
    warnings          [{step, error}] checks that could not run

How relationships and values are found: :mod:`emporium.ops.audit_relations`,
:mod:`emporium.ops.audit_values`, :mod:`emporium.ops.audit_health`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

import psycopg
from psycopg import IsolationLevel

from emporium.db.connect import connect, redact
from emporium.errors import DatabaseUnavailable, EmporiumError, InvalidInput
from emporium.ops import audit_health, audit_relations, audit_values
from emporium.ops.audit_catalog import default_schemas, pretty_bytes, read_tables, table_json
from emporium.ops.audit_headlines import headlines
from emporium.ops.audit_report import write_report as write_report

FORMAT = "emporium.db.audit/1"
STATEMENT_TIMEOUT = "60s"
LOCK_TIMEOUT = "5s"

T = TypeVar("T")

DATABASE = """
select current_database(), current_setting('server_version'),
       current_setting('server_version_num')::int, current_user, r.rolsuper, r.rolbypassrls,
       pg_database_size(current_database())
from pg_roles r where r.rolname = current_user
"""

__all__ = ["FORMAT", "run_audit", "write_report"]


class _Steps:
    """Runs each check in a savepoint: a failure becomes a warning, the audit goes on."""

    def __init__(self, conn: psycopg.Connection[Any], say: Callable[[str], None]) -> None:
        self.conn = conn
        self.say = say
        self.warnings: list[dict[str, str]] = []

    def __call__(self, what: str, fn: Callable[[], T]) -> T | None:
        self.say(what)
        try:
            with self.conn.transaction():
                return fn()
        except psycopg.Error as exc:
            if self.conn.broken:
                raise DatabaseUnavailable(
                    f"the connection was lost during '{what}': {exc}"
                ) from None
            message = (exc.diag.message_primary or str(exc)).strip()
            self.warnings.append({"step": what, "error": message})
            return None


def _database(conn: psycopg.Connection[Any]) -> dict[str, Any]:
    row = conn.execute(DATABASE).fetchone()
    assert row is not None
    name, version, num, user, superuser, bypass, size = row
    return {
        "name": name,
        "server_version": version,
        "server_version_num": num,
        "user": user,
        "superuser": superuser,
        "bypass_rls": bool(superuser or bypass),
        "size_bytes": size,
        "size": pretty_bytes(size),
    }


def _quiet(conn: psycopg.Connection[Any]) -> bool:
    conn.execute("set local track_counts = off")
    return True


def _schemas(conn: psycopg.Connection[Any], wanted: Sequence[str] | None) -> list[str]:
    if not wanted:
        return default_schemas(conn)
    known = {r[0] for r in conn.execute("select nspname from pg_namespace").fetchall()}
    missing = sorted(set(wanted) - known)
    if missing:
        raise InvalidInput(
            f"no schema named {', '.join(missing)} in this database",
            code="unknown_schema",
            hint="schemas with tables: " + ", ".join(default_schemas(conn)),
        )
    return list(dict.fromkeys(wanted))


def run_audit(
    dsn: str,
    *,
    schemas: Sequence[str] | None = None,
    sample: int = 20000,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Audit the database at DSN without writing anything; the result is described above.

    SCHEMAS defaults to every non-system schema with tables; SAMPLE is how many distinct
    values of a column are looked up, and how many rows of a text column are classified.
    """
    if sample < 1:
        raise InvalidInput("the sample must be at least 1 value", code="invalid_sample")
    say = progress or (lambda _msg: None)
    started = time.monotonic()
    generated_at = datetime.now(UTC).isoformat(timespec="seconds")
    say(f"connecting to {redact(dsn)}")
    with connect(dsn, autocommit=True) as conn:
        conn.isolation_level = IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        try:
            with conn.transaction():
                collected = _collect(conn, schemas, sample, say)
        except psycopg.Error as exc:
            if conn.broken:
                raise DatabaseUnavailable(
                    f"the connection was lost during the audit: {exc}"
                ) from None
            raise EmporiumError(
                f"the audit could not read the catalog: {exc.diag.message_primary or exc}",
                code="audit_failed",
                hint="the role needs to read pg_catalog; run as the database owner",
            ) from None
    result: dict[str, Any] = {
        "format": FORMAT,
        "generated_at": generated_at,
        "duration_seconds": round(time.monotonic() - started, 3),
        **collected,
    }
    result["headlines"] = headlines(result)
    say("done")
    return result


def _collect(
    conn: psycopg.Connection[Any],
    schemas: Sequence[str] | None,
    sample: int,
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Every part of the result but its header, inside the read-only transaction."""
    conn.execute(f"set local statement_timeout = '{STATEMENT_TIMEOUT}'")
    conn.execute(f"set local lock_timeout = '{LOCK_TIMEOUT}'")
    steps = _Steps(conn, say)
    # Keep the audit's own scans out of the statistics it reports (superuser only).
    quiet = steps("statistics: not counting the audit's own scans", partial(_quiet, conn))
    if not quiet:
        steps.warnings.pop()  # only a superuser may; not being one is no failure
    database = _database(conn)
    database["audit_counted_in_stats"] = not quiet
    names = _schemas(conn, schemas)
    say(f"catalog: tables of {', '.join(names) or 'no schema'}")
    tables = read_tables(conn, names)
    health = audit_health.collect(conn, names, tables, steps)
    relationships = audit_relations.discover(conn, tables, sample=sample, step=steps)
    references = {
        (r["child"]["schema"], r["child"]["table"], c)
        for r in relationships["declared"]
        for c in r["child"]["columns"]
    } | {
        (r["child"]["schema"], r["child"]["table"], r["child"]["column"])
        for r in relationships["found"]
    }
    duplicates, text_values = audit_values.examine(
        conn, tables, references=references, sample=sample, step=steps
    )
    return {
        "database": database,
        "options": {"schemas": names, "sample": sample},
        "tables": [table_json(t) for t in tables],
        "relationships": relationships,
        "duplicates": duplicates,
        "text_values": text_values,
        "health": health,
        "warnings": steps.warnings,
    }
