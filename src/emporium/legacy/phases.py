"""The phases of the reorganization (MAPPING.md) and the way back.

``migrate`` runs the phases not yet done, in order, each recorded in ``reorg.runs``:
audit -> backup -> move_aside -> build -> transform -> validate -> compat. ``rollback``
undoes whatever was done, from any phase, and proves the legacy tables are back exactly
(row counts and content checksums equal those taken before anything moved).

Safety: nothing runs unless the legacy tables match ``schema.sql`` (the differences are
listed); every lock is taken with a ``lock_timeout`` and a timeout names the table it
waited for; one migrator per database (an advisory lock).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from emporium.db import migrate as alembic
from emporium.db.connect import connect
from emporium.errors import BusinessRuleViolation, Conflict, InvalidInput
from emporium.legacy import crew, deferred, shape, state, transform, validate
from emporium.legacy.state import LEGACY_TABLES, PHASES, SQL_DIR
from emporium.ops import checksums

COMPAT_VIEWS = (
    "sneakers",
    "users_legacy",
    "products_legacy",
    "orders_legacy",
    "order_items_legacy",
    "dealers",
    "dealer_prices",
)


@dataclass
class Options:
    out_dir: Path = Path("reports/legacy")
    backup_dir: Path = Path("backups")
    lock_timeout: str = "10s"
    batch_rows: int = transform.BATCH_ROWS
    connections: int = transform.STEP_WORKERS  # steps of the transform run at once


@dataclass
class UI:
    """How phases talk to a person: lines, and (step, done, total) progress."""

    say: Callable[[str], None] = lambda _text: None
    progress: transform.Progress = field(default=lambda _s, _d, _t: None)


def _alembic(
    fn: Callable[[str, str, alembic.Settings], str], dsn: str, revision: str, timeout: str
) -> str:
    """Run an Alembic upgrade/downgrade whose statements wait at most TIMEOUT for locks."""
    try:
        return fn(dsn, revision, {"lock_timeout": timeout})
    except Exception as exc:
        if state.is_lock_timeout(exc):
            raise state.lock_timeout_error(None, timeout) from None
        raise


def _probe_locks(conn: psycopg.Connection[Any], schema: str, timeout: str) -> None:
    """Take (and release) an exclusive lock on every table of SCHEMA: a table another
    session is using is named now, before anything is dropped."""
    tables = conn.execute(
        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = %s and c.relkind in ('r', 'p') order by c.relname",
        [schema],
    ).fetchall()
    with conn.transaction():
        for (name,) in tables:
            state.lock_named(conn, f"{schema}.{name}", timeout)


def check_shape(conn: psycopg.Connection[Any]) -> str:
    """Where the legacy tables are ('public' or 'legacy'), after checking their shape."""
    where = state.where_tables_are(conn)
    places = set(where.values())
    if places == {"public"}:
        diffs = shape.check(conn)
        schema = "public"
    elif places == {"legacy"}:
        diffs = shape.check_in_schema(conn, "legacy")
        schema = "legacy"
    else:
        missing = [t for t, s in where.items() if s is None]
        diffs = [f"table {t} is missing" for t in missing] or [
            "the legacy tables are split between public and legacy: "
            + ", ".join(f"{t} in {s}" for t, s in where.items())
        ]
        schema = "public"
    if diffs:
        raise InvalidInput(
            "this database is not in the legacy shape of schema.sql: "
            + "; ".join(diffs[:12])
            + (f" (and {len(diffs) - 12} more)" if len(diffs) > 12 else ""),
            code="not_legacy_shape",
            hint="`emporium db audit` shows the database as it is; the migrator only works on "
            "the shape described in shared/legacy/schema.sql",
        )
    return schema


# ------------------------------------------------------------------------------ phases
def _audit(conn: psycopg.Connection[Any], dsn: str, opts: Options, ui: UI) -> dict[str, Any]:
    from emporium.ops import audit, audit_report

    schema = check_shape(conn)
    ui.say(f"auditing the legacy tables in schema {schema}")
    result = audit.run_audit(dsn, schemas=[schema], progress=ui.say)
    md, js = audit_report.write_report(result, opts.out_dir, stem="legacy-audit")
    baseline = conn.execute("select count(*) from reorg.baseline").fetchone()
    if baseline and baseline[0] == 0:
        if schema != "public":
            raise Conflict(
                "the legacy tables were moved before a baseline was taken",
                code="baseline_missing",
                hint="restore the backup (`emporium db restore`) and start again",
            )
        sums = checksums.table_checksums(conn, tables=[f"public.{t}" for t in LEGACY_TABLES])
        with conn.transaction():
            for key, s in sums.items():
                conn.execute(
                    "insert into reorg.baseline (table_name, rows, checksum) values (%s, %s, %s)",
                    [key.split(".")[1], s.rows, s.checksum],
                )
    rows = conn.execute("select coalesce(sum(rows), 0) from reorg.baseline").fetchone()
    return {"report": str(md), "json": str(js), "rows": int(rows[0]) if rows else 0}


def _backup(conn: psycopg.Connection[Any], dsn: str, opts: Options, ui: UI) -> dict[str, Any]:
    from emporium.ops import backup

    made = backup.backup(dsn, opts.backup_dir, progress=ui.say)
    ui.say(f"verifying {made.archive.name} in a scratch database")
    dbname = str(conninfo_to_dict(dsn).get("dbname") or "db")
    scratch = f"{backup.SCRATCH_PREFIX}{dbname}"[:63]  # fixed: a killed run's copy is replaced
    checked = backup.verify(made.archive, dsn, progress=ui.say, scratch_name=scratch)
    return {
        "archive": str(made.archive),
        "manifest": str(made.manifest),
        "verified_tables": checked.tables,
        "rows": checked.rows,
        "verify_seconds": round(checked.seconds, 2),
    }


def _move_aside(conn: psycopg.Connection[Any], dsn: str, opts: Options, ui: UI) -> dict[str, Any]:
    check_shape(conn)
    moved = []
    with conn.transaction():
        conn.execute("create schema if not exists legacy")
        conn.execute(
            "comment on schema legacy is 'The legacy tables as they were, moved aside by the "
            "reorganization (no data rewritten). `emporium legacy rollback` moves them back.'"
        )
        for table, where in state.where_tables_are(conn).items():
            if where != "public":
                continue
            state.lock_named(conn, f"public.{table}", opts.lock_timeout)
            conn.execute(
                sql.SQL("alter table {} set schema legacy").format(sql.Identifier("public", table))
            )
            moved.append(table)
    ui.say(f"moved to schema legacy: {', '.join(moved) or 'nothing (already there)'}")
    return {"moved": moved}


def _build(conn: psycopg.Connection[Any], dsn: str, opts: Options, ui: UI) -> dict[str, Any]:
    before = alembic.current_revision(dsn)
    now = _alembic(alembic.upgrade, dsn, "head", opts.lock_timeout)
    ui.say(f"emporium schema at migration {now}")
    return {"from": before, "to": now}


def _transform(conn: psycopg.Connection[Any], dsn: str, opts: Options, ui: UI) -> dict[str, Any]:
    check_shape(conn)
    alembic.assert_at_head(dsn)
    steps = transform.run(
        conn,
        progress=ui.progress,
        batch_rows=opts.batch_rows,
        lock_timeout=opts.lock_timeout,
        dsn=dsn,
        workers=opts.connections,
    )
    state.ensure_schema(conn)  # row-level security on the working tables the steps created
    # The row map's lookup by target (target_id first, for the reason its key starts with
    # legacy_key: reorg.sql), and fresh planner statistics for the tables just filled:
    # validate's checks and the store's first queries plan on them (autovacuum would get
    # there, later). Seconds at 1M rows, so on the transform's connections, largest first.
    row_map = [
        sql.SQL(
            "create index if not exists legacy_row_map_target"
            " on reorg.legacy_row_map (target_id, target_table)"
        ),
        sql.SQL("analyze reorg.legacy_row_map"),
    ]
    sizes = conn.execute(
        "select t, pg_total_relation_size(('public.' || t)::regclass) from unnest(%s::text[]) t",
        [transform.written_tables()],
    ).fetchall()
    analyze = [
        [sql.SQL("analyze {}").format(sql.Identifier("public", t))]
        for t, _size in sorted(sizes, key=lambda r: (-r[1], r[0]))
    ]
    crew.each(conn, dsn, opts.connections, [row_map, *analyze], name="analyze")
    legacy_rows = conn.execute("select coalesce(sum(rows), 0) from reorg.baseline").fetchone()
    return {"steps": steps, "rows": int(legacy_rows[0]) if legacy_rows else 0}


def _validate(conn: psycopg.Connection[Any], dsn: str, opts: Options, ui: UI) -> dict[str, Any]:
    checks = validate.run(conn)
    for c in checks:
        ui.say(("ok    " if c.ok else "FAIL  ") + f"{c.name}: {c.detail}")
    failed = [c for c in checks if not c.ok]
    detail = {"checks": [c.as_json() for c in checks]}
    if failed:
        raise BusinessRuleViolation(
            f"{len(failed)} validation check(s) failed: "
            + "; ".join(f"{c.name} ({c.detail})" for c in failed),
            code="validation_failed",
            hint="`emporium legacy report` lists every issue; fix and re-run the phase, or "
            "`emporium legacy rollback`",
        )
    return detail


def _compat(conn: psycopg.Connection[Any], dsn: str, opts: Options, ui: UI) -> dict[str, Any]:
    with conn.transaction():
        conn.execute((SQL_DIR / "compat.sql").read_text())
    ui.say(f"compatibility views: {', '.join('public.' + v for v in COMPAT_VIEWS)}")
    return {"views": list(COMPAT_VIEWS)}


RUNNERS: dict[str, Callable[[psycopg.Connection[Any], str, Options, UI], dict[str, Any]]] = {
    "audit": _audit,
    "backup": _backup,
    "move_aside": _move_aside,
    "build": _build,
    "transform": _transform,
    "validate": _validate,
    "compat": _compat,
}
DESTRUCTIVE = frozenset({"move_aside", "build", "transform", "compat"})


def pending(dsn: str) -> list[str]:
    with connect(dsn, autocommit=True) as conn:
        states = state.phase_states(conn)
    return [p for p in PHASES if states[p].status != "done"]


def migrate(
    dsn: str,
    *,
    phases: Sequence[str] | None = None,
    options: Options | None = None,
    ui: UI | None = None,
) -> dict[str, Any]:
    """Run PHASES (default: every phase not done yet, in order); returns what each did.

    A named phase runs again even when done (each is idempotent); it refuses to run before
    the phases it needs.
    """
    opts, ui = options or Options(), ui or UI()
    for p in phases or ():
        if p not in PHASES:
            raise InvalidInput(
                f"no phase {p!r}; the phases are {', '.join(PHASES)}", code="unknown_phase"
            )
    results: dict[str, Any] = {}
    with (
        state.connect_migrator(dsn) as conn,
        state.exclusive(conn, dsn, opts.lock_timeout, ui.say),
    ):
        if not state.reorg_exists(conn):
            check_shape(conn)  # refuse before creating anything
        state.ensure_schema(conn)
        states = state.phase_states(conn)
        todo = list(phases) if phases else [p for p in PHASES if states[p].status != "done"]
        for phase in todo:
            before = PHASES[: PHASES.index(phase)]
            missing = [b for b in before if state.phase_states(conn)[b].status != "done"]
            if missing:
                raise Conflict(
                    f"phase {phase} needs {', '.join(missing)} done first",
                    code="phase_out_of_order",
                    hint="run `emporium legacy migrate` without --phase to run them in order",
                )
            state.still_exclusive(conn)
            ui.say(f"== {phase}")
            started = time.monotonic()
            with state.recorded(conn, phase) as detail:
                detail.update(RUNNERS[phase](conn, dsn, opts, ui))
                detail["seconds"] = round(time.monotonic() - started, 3)
                results[phase] = dict(detail)
    return results


# ---------------------------------------------------------------------------- rollback
def _restore_schema_acls(conn: psycopg.Connection[Any]) -> None:
    """Give schemas that existed before (public, and private on Supabase-like databases) the
    privileges they had: the emporium downgrade revokes what its upgrade granted, which may
    include grants the database had before (Supabase grants USAGE on public to its roles)."""
    row = conn.execute("select value from reorg.facts where key = 'schema_acls'").fetchone()
    saved: dict[str, str | None] = row[0] if row else {}
    explode = (
        "select case when a.grantee = 0 then 'public' else a.grantee::regrole::text end,"
        " a.privilege_type, a.is_grantable"
        " from pg_namespace n, aclexplode(coalesce({acl}, acldefault('n', n.nspowner))) a"
        " where n.nspname = %s"
    )
    with conn.transaction():
        for schema, acl in saved.items():
            if conn.execute("select to_regnamespace(%s)", [schema]).fetchone() == (None,):
                continue
            before = set(conn.execute(explode.format(acl="%s::aclitem[]"), [acl, schema]))
            now = set(conn.execute(explode.format(acl="n.nspacl"), [schema]))
            for grantee, privilege, _grantable in sorted(now - before):
                conn.execute(
                    sql.SQL("revoke {} on schema {} from {}").format(
                        sql.SQL(privilege), sql.Identifier(schema), _grantee(grantee)
                    )
                )
            for grantee, privilege, grantable in sorted(before - now):
                conn.execute(
                    sql.SQL(
                        "grant {} on schema {} to {}" + (" with grant option" if grantable else "")
                    ).format(sql.SQL(privilege), sql.Identifier(schema), _grantee(grantee))
                )


def _grantee(name: str) -> sql.Composable:
    return sql.SQL("public") if name == "public" else sql.Identifier(name)


def _drop_added_schemas(conn: psycopg.Connection[Any]) -> None:
    """After the downgrade: Alembic's version table, and the schema holding it when the
    reorganization created that schema (it existed or not before: reorg.facts says)."""
    row = conn.execute("select value from reorg.facts where key = 'schemas_before'").fetchone()
    before = set(row[0]) if row else set()
    with conn.transaction():
        conn.execute("drop table if exists private.alembic_version")
        if "private" not in before and conn.execute(
            "select to_regnamespace('private')"
        ).fetchone() != (None,):
            conn.execute("drop schema private")  # restrict: refuses if anything else is there


def _empty_loaded(conn: psycopg.Connection[Any], opts: Options, ui: UI) -> None:
    """Empty the emporium tables the transform filled, before the migrations' downgrade.

    Everything in them is the migration's own and is about to go; emptied, the downgrade
    has no rows to read (0006's re-adds a check over every image). A transform stopped
    between ``defer`` and ``restore`` also left keys and indexes away, and the downgrade
    drops indexes by name, so they are built again, on empty tables, in well under a
    second."""
    loaded = conn.execute("select count(*) from reorg.steps").fetchone()
    if not loaded or not loaded[0]:
        return  # no transform began: nothing of ours holds rows
    recorded = [
        r[0] for r in conn.execute("select distinct table_name from reorg.deferred_ddl").fetchall()
    ]
    # (the recorded tables include the row map: emptied too, its key is rebuilt on nothing)
    tables = sorted(set(recorded) | {f"public.{t}" for t in transform.written_tables()})
    where = state.where_tables_are(conn)
    in_public = [
        t for t in tables if t.startswith("public.") and where.get(t[7:], "legacy") != "legacy"
    ]
    if in_public:  # never empty a legacy table: they are all in schema legacy by now
        raise Conflict(
            "rollback would empty emporium tables, but legacy tables of the same name are"
            f" not in schema legacy: {', '.join(in_public)}",
            code="rollback_unexpected_state",
        )
    ui.say(f"emptying the {len(tables)} emporium tables the transform filled")
    with conn.transaction():
        for table in tables:
            state.lock_named(conn, table, opts.lock_timeout)
        conn.execute(
            sql.SQL("truncate {} cascade").format(
                sql.SQL(", ").join(sql.Identifier(*t.split(".")) for t in tables)
            )
        )
    if deferred.pending(conn):
        deferred.restore(conn, lock_timeout=opts.lock_timeout)  # empty tables: one connection


def rollback(dsn: str, *, options: Options | None = None, ui: UI | None = None) -> dict[str, Any]:
    """Undo the reorganization from wherever it stands; prove the legacy tables are back.

    Drops the compatibility views, migrates the emporium schema down to nothing, moves the
    legacy tables back to public, drops the schemas ``legacy`` and ``reorg``, then compares
    row counts and checksums with the baseline taken before anything moved.
    """
    opts, ui = options or Options(), ui or UI()
    started = time.monotonic()
    with (
        state.connect_migrator(dsn, "rollback") as conn,
        state.exclusive(conn, dsn, opts.lock_timeout, ui.say),
    ):
        if not state.reorg_exists(conn):
            raise Conflict(
                "there is no reorganization to roll back in this database (no schema reorg)",
                code="nothing_to_roll_back",
            )
        baseline = {
            f"public.{t}": checksums.TableSum(rows=int(r), checksum=c)
            for t, r, c in conn.execute(
                "select table_name, rows, checksum from reorg.baseline"
            ).fetchall()
        }
        _probe_locks(conn, "public", opts.lock_timeout)
        with conn.transaction():
            for view in COMPAT_VIEWS:
                kind = conn.execute(
                    "select c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    " where n.nspname = 'public' and c.relname = %s",
                    [view],
                ).fetchone()
                if kind and kind[0] == "v":
                    conn.execute(sql.SQL("drop view {}").format(sql.Identifier("public", view)))
        if alembic.current_revision(dsn) is not None:
            _empty_loaded(conn, opts, ui)
            ui.say("removing the emporium schema (migrating down to base)")
            _alembic(alembic.downgrade, dsn, "base", opts.lock_timeout)
        _drop_added_schemas(conn)
        _restore_schema_acls(conn)
        moved = []
        with conn.transaction():
            for table, where in state.where_tables_are(conn).items():
                if where != "legacy":
                    continue
                state.lock_named(conn, f"legacy.{table}", opts.lock_timeout)
                conn.execute(
                    sql.SQL("alter table {} set schema public").format(
                        sql.Identifier("legacy", table)
                    )
                )
                moved.append(table)
            left = conn.execute(
                "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                " where n.nspname = 'legacy'"
            ).fetchone()
            if conn.execute("select to_regnamespace('legacy')").fetchone() != (None,):
                if left and left[0]:
                    ui.say("schema legacy still holds other objects: kept")
                else:
                    conn.execute("drop schema legacy")
            conn.execute("drop schema reorg cascade")
        ui.say(f"moved back to public: {', '.join(moved) or 'nothing (already there)'}")
        now = checksums.table_checksums(conn, tables=[f"public.{t}" for t in LEGACY_TABLES])
    differences = checksums.compare(baseline, now) if baseline else []
    if differences:
        raise BusinessRuleViolation(
            "rolled back, but the legacy tables differ from before the migration: "
            + "; ".join(differences),
            code="rollback_mismatch",
            hint="restore the verified backup (`emporium db restore`)",
        )
    return {
        "moved_back": moved,
        "tables_checked": len(now),
        "rows": checksums.total_rows(now),
        "seconds": round(time.monotonic() - started, 2),
        "baseline": bool(baseline),
    }
