"""Foreign keys, secondary and unique indexes of the tables the transform fills (and the
row map's primary key): dropped before the load, built again after it, exactly as the
migrations (and reorg.sql) defined them.

Row by row, every inserted row pays one lookup per foreign key (a trigger, ~2.5 µs each)
and one insertion per index. At 1M legacy rows that is about 8.5M key checks and some 20M
index insertions, the row map's four-text-column key alone costing ~50 s on the bench
machine. Checked once per key with a set-based join when a constraint is added back, and
each index built with one sort, the same work costs a fraction (docs/legacy.md).

Primary keys of the emporium tables stay: the steps' ``on conflict`` clauses and lookups by
id need them. A unique key that a table outside the load refers to stays too (its foreign
key can't go). The uniqueness the data needs comes from the steps themselves (merges by
email, style code, kicksdb id, size label), not from conflicts on a unique index, and the
rebuilt unique indexes prove it. Every step's row-map rows are distinct by construction,
and a step commits together with its resume point, so no row is written twice.

What is dropped is recorded first, in ``reorg.deferred_ddl``, with its exact definition
(``pg_get_constraintdef`` / ``pg_get_indexdef``, under an empty search_path so every name is
qualified) and its comments, in the same transaction that drops it; restoring runs one
definition per transaction (keys and indexes first, then foreign keys) and marks it done
with it. A foreign key is added NOT VALID first (no scan) and validated in the transaction
that marks it done, so tables are checked side by side and a run killed in between adds
nothing twice. So a migrator killed anywhere resumes with nothing lost, and the validate phase
proves every recorded object is back as recorded. A row that breaks a rebuilt key stops the
transform with ``transform_rebuild_failed`` naming the key: the rows were written by
reviewed SQL, so that is a bug to fix, not data to quarantine.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import psycopg
from psycopg import sql

from emporium.errors import BusinessRuleViolation
from emporium.legacy import crew

# (done, total): called after every restored definition.
Progress = Callable[[int, int], None]

_RECORD = """
insert into reorg.deferred_ddl (kind, table_name, name, ddl, comment, index_comment)
with tables as (
    select t.oid, n.nspname || '.' || t.relname as qualified,
           format('%%I.%%I', n.nspname, t.relname) as quoted
    from pg_class t join pg_namespace n on n.oid = t.relnamespace
    where t.relkind in ('r', 'p')
)
select kind, table_name, name, ddl, comment, index_comment from (
    select 1 as ord, 'primary_key' as kind, t.qualified as table_name, c.conname::text as name,
           format('alter table %%s add constraint %%I %%s', t.quoted, c.conname,
                  pg_get_constraintdef(c.oid)) as ddl,
           obj_description(c.oid, 'pg_constraint') as comment,
           obj_description(c.conindid, 'pg_class') as index_comment
    from pg_constraint c join tables t on t.oid = c.conrelid
    where c.contype = 'p' and t.qualified = any (%(keyed)s)
    union all
    select 2, 'index', t.qualified, i.relname::text,
           pg_get_indexdef(x.indexrelid), obj_description(x.indexrelid, 'pg_class'), null
    from pg_index x join tables t on t.oid = x.indrelid
    join pg_class i on i.oid = x.indexrelid
    where t.qualified = any (%(tables)s)
      and not x.indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
      and not exists (select 1 from pg_constraint f join tables ft on ft.oid = f.conrelid
                      where f.contype = 'f' and f.conindid = x.indexrelid
                        and ft.qualified <> all (%(tables)s))
    union all
    select 2, 'unique', t.qualified, c.conname::text,
           format('alter table %%s add constraint %%I %%s', t.quoted, c.conname,
                  pg_get_constraintdef(c.oid)),
           obj_description(c.oid, 'pg_constraint'), obj_description(c.conindid, 'pg_class')
    from pg_constraint c join tables t on t.oid = c.conrelid
    where c.contype = 'u' and t.qualified = any (%(tables)s)
      -- a key that a table outside the load refers to stays (its foreign key stays too)
      and not exists (select 1 from pg_constraint f join tables ft on ft.oid = f.conrelid
                      where f.contype = 'f' and f.conindid = c.conindid
                        and ft.qualified <> all (%(tables)s))
    union all
    select 3, 'foreign_key', t.qualified, c.conname::text,
           format('alter table %%s add constraint %%I %%s', t.quoted, c.conname,
                  pg_get_constraintdef(c.oid)),
           obj_description(c.oid, 'pg_constraint'), null
    from pg_constraint c join tables t on t.oid = c.conrelid
    where c.contype = 'f' and t.qualified = any (%(tables)s)
) d
order by ord, table_name, name
"""


def defer(conn: psycopg.Connection[Any], tables: Iterable[str], keyed: Iterable[str] = ()) -> int:
    """Record and drop the foreign keys and secondary indexes of ``tables`` and the primary
    keys of ``keyed`` (schema-qualified names).

    Runs inside the caller's transaction; returns how many objects were dropped. A table
    whose objects are already recorded (a resumed run) is skipped.
    """
    recorded = {
        r[0] for r in conn.execute("select distinct table_name from reorg.deferred_ddl").fetchall()
    }
    todo = sorted(set(tables) - recorded)
    keys = sorted(set(keyed) - recorded)
    if not todo and not keys:
        return 0
    # An empty search_path makes pg_get_constraintdef qualify every table it names, so the
    # recorded definitions mean the same whatever the session's search_path.
    conn.execute("select set_config('search_path', '', true)")
    conn.execute(_RECORD, {"tables": todo, "keyed": keys})
    rows = conn.execute(
        "select kind, table_name, name from reorg.deferred_ddl"
        " where table_name = any (%s) order by seq desc",
        [todo + keys],
    ).fetchall()
    for kind, table, name in rows:  # foreign keys first, then indexes, then primary keys
        schema, relname = table.split(".")
        if kind == "index":
            conn.execute(sql.SQL("drop index {}").format(sql.Identifier(schema, name)))
        else:
            conn.execute(
                sql.SQL("alter table {} drop constraint {}").format(
                    sql.Identifier(schema, relname), sql.Identifier(name)
                )
            )
    return len(rows)


def recorded(conn: psycopg.Connection[Any]) -> int:
    """How many objects were dropped for the load (0 before the transform began)."""
    if not _table_exists(conn):
        return 0
    row = conn.execute("select count(*) from reorg.deferred_ddl").fetchone()
    return int(row[0]) if row else 0


def pending(conn: psycopg.Connection[Any]) -> int:
    if not _table_exists(conn):
        return 0
    row = conn.execute("select count(*) from reorg.deferred_ddl where not done").fetchone()
    return int(row[0]) if row else 0


Definition = tuple[int, str, str, str, str, str | None, str | None]
# Builds (or completes) one recorded object on a connection, within a lock timeout.
Build = Callable[[psycopg.Connection[Any], Definition, str], None]
# Connections building keys and indexes at once: each index build is one backend sorting one
# table, so on the 2-core machine this is built for, two at once take about half the time.
RESTORE_WORKERS = 2


def restore(
    conn: psycopg.Connection[Any],
    *,
    lock_timeout: str,
    progress: Progress | None = None,
    dsn: str | None = None,
    workers: int = RESTORE_WORKERS,
) -> int:
    """Build every recorded object that isn't back yet, one transaction each (committed with
    its ``done`` mark): keys and indexes first, then foreign keys. Returns how many were built.

    With ``dsn``, keys and indexes are built on ``workers`` connections at once, each
    connection taking whole tables (largest first), so no two of ours wait for one another
    and ``lock_timeout`` only ever measures someone else. Foreign keys are then added NOT
    VALID one at a time on ``conn`` (adding one locks two tables, and two at once could
    deadlock) and validated on ``workers`` connections, a referencing table per connection.
    """
    say = progress or (lambda _d, _t: None)
    todo: list[Definition] = conn.execute(
        "select seq, kind, table_name, name, ddl, comment, index_comment from reorg.deferred_ddl"
        " where not done order by seq"
    ).fetchall()
    total_row = conn.execute("select count(*) from reorg.deferred_ddl").fetchone()
    total = int(total_row[0]) if total_row else 0
    done = total - len(todo)
    ticked = threading.Lock()

    def tick() -> None:
        nonlocal done
        with ticked:
            done += 1
            say(done, total)

    say(done, total)

    def each(definitions: list[Definition], build: Build) -> None:
        if dsn is not None and workers > 1 and len({d[2] for d in definitions}) > 1:
            _build_in_parallel(conn, dsn, definitions, lock_timeout, workers, tick, build)
            return
        for definition in definitions:
            build(conn, definition, lock_timeout)
            tick()

    each([d for d in todo if d[1] != "foreign_key"], _build)
    # Foreign keys in two moves. Added NOT VALID one at a time: no scan, a moment's lock on
    # both tables. Then validated: that scan locks only its own table against writes (and
    # the referenced one against DDL), so tables are checked side by side.
    foreign = [d for d in todo if d[1] == "foreign_key"]
    for definition in foreign:
        _add_unchecked(conn, definition, lock_timeout)
    each(foreign, _check)
    return len(todo)


def _build(
    conn: psycopg.Connection[Any],
    definition: Definition,
    lock_timeout: str,
    statement: sql.Composed | None = None,
) -> None:
    """Build one recorded object (or run ``statement``, which completes it) and mark it
    done, in one transaction."""
    seq, kind, table, name, ddl, comment, index_comment = definition
    with _naming(kind, table, name), conn.transaction():
        _settings(conn, lock_timeout)
        conn.execute(statement or sql.SQL(ddl))  # a definition PostgreSQL itself printed
        if comment is not None:
            _comment(conn, kind, table, name, comment)
        if index_comment is not None:  # a key's index (named as the key) has its own
            _comment(conn, "index", table, name, index_comment)
        conn.execute("update reorg.deferred_ddl set done = true where seq = %s", [seq])


def _settings(conn: psycopg.Connection[Any], lock_timeout: str) -> None:
    conn.execute(
        "select set_config('lock_timeout', %s, true), set_config('search_path', '', true),"
        " set_config('maintenance_work_mem', '256MB', true)",
        [lock_timeout],
    )


def _add_unchecked(
    conn: psycopg.Connection[Any], definition: Definition, lock_timeout: str
) -> None:
    """A recorded foreign key, added NOT VALID unless a run killed before checking it already
    did (``_check`` then completes it)."""
    _seq, kind, table, name, ddl, _note, _index_note = definition
    with _naming(kind, table, name), conn.transaction():
        _settings(conn, lock_timeout)
        there = conn.execute(
            "select 1 from pg_constraint where conrelid = %s::regclass and conname = %s",
            [table, name],
        ).fetchone()
        if there is None:
            conn.execute(sql.SQL(ddl + " NOT VALID"))


def _check(conn: psycopg.Connection[Any], definition: Definition, lock_timeout: str) -> None:
    """Validate a foreign key ``_add_unchecked`` added: the scan adding it would have run."""
    schema, relname = definition[2].split(".")
    _build(
        conn,
        definition,
        lock_timeout,
        sql.SQL("alter table {} validate constraint {}").format(
            sql.Identifier(schema, relname), sql.Identifier(definition[3])
        ),
    )


def _build_in_parallel(
    conn: psycopg.Connection[Any],
    dsn: str,
    keys: list[Definition],
    lock_timeout: str,
    workers: int,
    tick: Callable[[], None],
    build: Build,
) -> None:
    """``build`` every definition on ``workers`` connections (``conn`` and new ones), a table
    at a time, the largest first. The first failure stops every connection after its current
    definition and is raised."""
    by_table: dict[str, list[Definition]] = {}
    for definition in keys:
        by_table.setdefault(definition[2], []).append(definition)
    sizes = dict(
        conn.execute(
            "select t, pg_total_relation_size(t::regclass) from unnest(%s::text[]) t",
            [list(by_table)],
        ).fetchall()
    )
    tables: queue.SimpleQueue[str] = queue.SimpleQueue()
    for table in sorted(by_table, key=lambda t: (-sizes[t], t)):
        tables.put(table)
    failures: list[BaseException] = []

    def work(own: psycopg.Connection[Any]) -> None:
        while not failures:
            try:
                table = tables.get_nowait()
            except queue.Empty:
                return
            for definition in by_table[table]:
                if failures:
                    return
                build(own, definition, lock_timeout)
                tick()

    crew.side_by_side(conn, dsn, workers, work, name="restore", failures=failures)


@contextlib.contextmanager
def _naming(kind: str, table: str, name: str) -> Iterator[None]:
    """A row that breaks a rebuilt key stops the load with the key's name and the row."""
    try:
        yield
    except (psycopg.errors.IntegrityError, psycopg.errors.InvalidForeignKey) as exc:
        diag = exc.diag
        raise BusinessRuleViolation(
            f"the transform could not rebuild {kind.replace('_', ' ')} {name} on {table}:"
            f" {diag.message_primary}"
            + (f" ({diag.message_detail})" if diag.message_detail else ""),
            code="transform_rebuild_failed",
            hint="the rows come from the transform's own SQL: report this as a bug; "
            "`emporium legacy rollback` undoes the migration",
        ) from None


def _comment(conn: psycopg.Connection[Any], kind: str, table: str, name: str, comment: str) -> None:
    if kind == "index":
        target = sql.SQL("index {}").format(sql.Identifier("public", name))
    else:
        target = sql.SQL("constraint {} on {}").format(
            sql.Identifier(name), sql.Identifier("public", table)
        )
    conn.execute(sql.SQL("comment on {} is {}").format(target, sql.Literal(comment)))


def missing(conn: psycopg.Connection[Any]) -> list[str]:
    """Recorded objects that are not in the catalog as recorded (empty when all are back)."""
    if not _table_exists(conn):
        return []
    with conn.transaction():
        conn.execute("select set_config('search_path', '', true)")
        rows = conn.execute(
            """
        select d.kind || ' ' || d.name
        from reorg.deferred_ddl d
        left join pg_namespace n on n.nspname = split_part(d.table_name, '.', 1)
        left join pg_class t on t.relnamespace = n.oid
             and t.relname = split_part(d.table_name, '.', 2)
        left join pg_class i on d.kind = 'index' and i.relnamespace = n.oid
             and i.relname = d.name
        left join pg_constraint c on d.kind <> 'index' and c.conrelid = t.oid
             and c.conname = d.name
        where not d.done
           or (d.kind = 'index' and (i.oid is null or pg_get_indexdef(i.oid) <> d.ddl))
           or (d.kind <> 'index' and (c.oid is null or not c.convalidated
               or format('alter table %I.%I add constraint %I %s', n.nspname, t.relname,
                         c.conname, pg_get_constraintdef(c.oid)) <> d.ddl))
        order by d.seq
        """
        ).fetchall()
    return [r[0] for r in rows]


def _table_exists(conn: psycopg.Connection[Any]) -> bool:
    row = conn.execute("select to_regclass('reorg.deferred_ddl') is not null").fetchone()
    return bool(row and row[0])
