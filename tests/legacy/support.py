"""Helpers for the tests that try to break the legacy migrator: content sums of the
target tables, a snapshot of what a database holds besides its data, the migrator's
state, and running the CLI in a process of its own (so that it can be SIGKILLed)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from emporium.legacy import phases, state
from emporium.legacy.state import LEGACY_TABLES

# The migration's own accounting, compared like the target tables.
ACCOUNTING = state.ACCOUNTING
# Database-level state the migration may create (and rollback must remove).
CATALOG = """
select 'schema', nspname, coalesce(nspacl::text, '') || coalesce(obj_description(oid), '')
from pg_namespace where nspname !~ '^pg_' and nspname <> 'information_schema'
union all
select 'relation', n.nspname || '.' || c.relname, c.relkind::text || coalesce(c.relacl::text, '')
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
union all
select 'function', p.oid::regprocedure::text, coalesce(p.proacl::text, '')
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
union all
select 'type', n.nspname || '.' || t.typname, t.typtype::text
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
union all
select 'extension', extname, extversion from pg_extension
union all
select 'event trigger', evtname, evtevent from pg_event_trigger
union all
select 'publication', pubname, '' from pg_publication
union all
select 'default acl', coalesce(d.defaclnamespace::regnamespace::text, '*') || ':'
       || d.defaclobjtype::text, d.defaclacl::text
from pg_default_acl d
"""


def catalog(dsn: str) -> set[tuple[str, str, str]]:
    """Every schema, relation, function, type, extension, event trigger, publication and
    default privilege of the database (with ACLs): what a rollback must leave as it found."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        return {(str(a), str(b), str(c)) for a, b, c in conn.execute(CATALOG).fetchall()}


def scalar(dsn_or_conn: str | psycopg.Connection[Any], query: str, params: Any = None) -> Any:
    if isinstance(dsn_or_conn, str):
        with psycopg.connect(dsn_or_conn, autocommit=True) as conn:
            return scalar(conn, query, params)
    row = dsn_or_conn.execute(query, params).fetchone()
    return None if row is None else row[0]


def rows(dsn_or_conn: str | psycopg.Connection[Any], query: str, params: Any = None) -> list[Any]:
    if isinstance(dsn_or_conn, str):
        with psycopg.connect(dsn_or_conn, autocommit=True) as conn:
            return rows(conn, query, params)
    return dsn_or_conn.execute(query, params).fetchall()


def rowset(dsn: str, query: str) -> set[tuple[Any, ...]]:
    return {tuple(r) for r in rows(dsn, query)}


def schemas(dsn: str) -> set[str]:
    return {
        r[0]
        for r in rows(
            dsn,
            "select nspname from pg_namespace where nspname !~ '^pg_'"
            " and nspname <> 'information_schema'",
        )
    }


def public_tables(dsn: str) -> set[str]:
    return {
        r[0]
        for r in rows(
            dsn,
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')",
        )
    }


def phase_status(dsn: str) -> dict[str, str]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        return {p: s.status for p, s in state.phase_states(conn).items()}


def all_done() -> dict[str, str]:
    return dict.fromkeys(state.PHASES, "done")


def options(tmp: Path, **kw: Any) -> phases.Options:
    return phases.Options(out_dir=tmp / "reports", backup_dir=tmp / "backups", **kw)


# ------------------------------------------------------------------------ content sums
def target_tables(dsn: str) -> list[str]:
    """Every table the migration writes or could write: all of public and private (the
    emporium schema), and the accounting tables of reorg."""
    found = [
        f"{s}.{t}"
        for s, t in rows(
            dsn,
            "select n.nspname, c.relname from pg_class c join pg_namespace n"
            " on n.oid = c.relnamespace where c.relkind in ('r', 'p')"
            " and n.nspname in ('public', 'private') order by 1, 2",
        )
    ]
    return found + list(ACCOUNTING)


def content_sums(
    dsn: str,
    tables: Sequence[str],
    exclude: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, tuple[int, str]]:
    """(rows, checksum) per table over every column but the excluded ones: the sum of
    64-bit hashes of each row's text (order-independent, duplicates count), read in one
    snapshot with the print settings pinned."""
    exclude = exclude or {}
    out: dict[str, tuple[int, str]] = {}
    with psycopg.connect(dsn) as conn:
        conn.execute("set transaction isolation level repeatable read, read only")
        conn.execute("set local timezone = 'UTC'")
        conn.execute("set local datestyle = 'ISO, MDY'")
        conn.execute("set local extra_float_digits = 1")
        for key in tables:
            schema, name = key.split(".")
            cols = [
                r[0]
                for r in conn.execute(
                    "select attname from pg_attribute where attrelid = %s::regclass"
                    " and attnum > 0 and not attisdropped order by attname",
                    [key],
                ).fetchall()
                if r[0] not in exclude.get(key, frozenset())
            ]
            record = sql.SQL("row({})::text").format(
                sql.SQL(", ").join(sql.Identifier(c) for c in cols)
            )
            row = conn.execute(
                sql.SQL(
                    "select count(*), coalesce(sum(hashtextextended({}, 0)), 0)::text from {}"
                ).format(record, sql.Identifier(schema, name))
            ).fetchone()
            assert row is not None
            out[key] = (int(row[0]), str(row[1]))
        conn.rollback()
    return out


def differences(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    return [
        f"{k}: {a.get(k)} != {b.get(k)}"
        for k in sorted(a.keys() | b.keys())
        if a.get(k) != b.get(k)
    ]


def legacy_sums(dsn: str, schema: str) -> dict[str, Any]:
    """ops.checksums of the seven legacy tables, keyed by bare table name."""
    from emporium.ops import checksums

    with psycopg.connect(dsn, autocommit=True) as conn:
        sums = checksums.table_checksums(conn, tables=[f"{schema}.{t}" for t in LEGACY_TABLES])
    return {k.split(".")[1]: v for k, v in sums.items()}


# ----------------------------------------------------------------------------- the CLI
@dataclass
class CliRun:
    proc: subprocess.Popen[bytes]
    log: Path
    started: float

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMPORIUM_")}
    env.pop("DATABASE_URL", None)
    env["COLUMNS"] = "200"
    return env


def start_cli(args: Sequence[str], log: Path) -> CliRun:
    """``python -m emporium ARGS`` in a process group of its own, output to LOG."""
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "emporium", *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=cli_env(),
            start_new_session=True,
        )
    return CliRun(proc, log, time.monotonic())


def kill(run: CliRun) -> bool:
    """SIGKILL the CLI and whatever it started (pg_dump, pg_restore); True if it was alive."""
    alive = run.proc.poll() is None
    if alive:
        try:
            os.killpg(run.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            alive = False
    run.proc.wait(timeout=30)
    return alive


def migrate_args(dsn: str, tmp: Path, *extra: str) -> list[str]:
    return [
        "legacy", "migrate", "--database-url", dsn, "--yes",
        "--out", str(tmp / "reports"), "--backup-dir", str(tmp / "backups"), *extra,
    ]  # fmt: skip


def scratch_databases(text: str) -> set[str]:
    """Scratch databases named by a backup verification in the CLI's output."""
    return set(re.findall(r"into the scratch database (\S+)", text))
