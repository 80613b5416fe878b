"""Content checksums of tables: equal exactly when two tables hold the same multiset of rows.

Used to prove that a backup restores what was dumped, and that a rollback puts tables
back exactly as they were.

How a table is summed (``METHOD``): every row becomes the text of a record of its columns
taken in a fixed order (sorted by column name, so a restore that reorders columns still
compares equal), hashed with PostgreSQL's 64-bit ``hashtextextended``; the table's
checksum is the sum of those hashes modulo 2**64, next to the row count. A sum is
order-independent, yet counts every row: a duplicated row adds its hash twice. Record
text quotes empty strings and leaves NULL empty, so NULL and '' differ.

Why that hash and not md5: on this machine (2 shared cores) building the record text
costs ~0.6 s per million rows, md5 on top another ~0.6 s, ``hashtextextended`` ~0.1 s.
It is the hash PostgreSQL's hash partitioning relies on, so it does not change between
major versions; its values depend on byte order, so checksums compare only between
little-endian (or only between big-endian) machines. Not a defence against tampering:
the archive's sha256 is.

The text of some types depends on session settings (timestamptz on TimeZone, money on
lc_monetary, regclass on search_path ...); those are pinned for the duration.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql

from emporium.errors import NotFound

METHOD = "row-text-hashtextextended-sum64/v1"
_MOD = 2**64

# Settings that change how values print, pinned so that two sessions agree.
_PINNED: tuple[tuple[str, str], ...] = (
    ("TimeZone", "UTC"),
    ("DateStyle", "ISO, MDY"),
    ("IntervalStyle", "postgres"),
    ("extra_float_digits", "1"),
    ("bytea_output", "hex"),
    ("lc_monetary", "C"),
    ("search_path", ""),
    # Never read a filtered table: an RLS policy that would hide rows is an error instead.
    ("row_security", "off"),
)

_TABLES = """
select c.oid, n.nspname, c.relname, c.relkind
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p')
  and c.relpersistence <> 't'
  and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname !~ '^pg_(toast|temp_)'
  -- a table created by an extension is the extension's (CREATE EXTENSION makes it), not data
  and not exists (
    select from pg_catalog.pg_depend d
    where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.objid = c.oid and d.deptype = 'e')
  and (%(schemas)s::text[] is null or n.nspname = any(%(schemas)s::text[]))
order by n.nspname, c.relname
"""

_LEAVES = """
select p.relid::pg_catalog.oid, n.nspname, c.relname
from pg_catalog.pg_partition_tree(%s::pg_catalog.oid) p
join pg_catalog.pg_class c on c.oid = p.relid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where p.isleaf and c.relkind = 'r'
"""

_COLUMNS = """
select attrelid, attname from pg_catalog.pg_attribute
where attrelid = any(%s::pg_catalog.oid[]) and attnum > 0 and not attisdropped
"""


@dataclass(frozen=True)
class TableSum:
    """Rows and content checksum of one table.

    ``partitioned`` marks a partitioned table, whose figures are those of its partitions
    together (they are listed too, so totals skip it). It takes no part in equality.
    """

    rows: int
    checksum: str
    partitioned: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class _Table:
    oid: int
    schema: str
    name: str
    kind: str

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"


def _render(total: int) -> str:
    return f"{total % _MOD:016x}"


def _select_tables(
    conn: psycopg.Connection[Any], schemas: Sequence[str] | None, tables: Sequence[str] | None
) -> list[_Table]:
    found = [
        _Table(int(oid), schema, name, kind)
        for oid, schema, name, kind in conn.execute(
            _TABLES, {"schemas": list(schemas) if schemas is not None else None}
        ).fetchall()
    ]
    if tables is None:
        return found
    chosen: dict[int, _Table] = {}
    missing: list[str] = []
    for wanted in tables:
        hits = [t for t in found if wanted in (t.key, t.name)]
        if not hits:
            missing.append(wanted)
        chosen.update((t.oid, t) for t in hits)
    if missing:
        raise NotFound(
            f"no such table: {', '.join(missing)}",
            code="table_not_found",
            hint="name tables as schema.table; views and extension tables are not summed",
        )
    return sorted(chosen.values(), key=lambda t: (t.schema, t.name))


def _sum_query(table: _Table, columns: list[str]) -> sql.Composed:
    record = sql.SQL("row({})::text").format(sql.SQL(", ").join(sql.Identifier(c) for c in columns))
    return sql.SQL(
        "select count(*), coalesce(sum(pg_catalog.hashtextextended({}, 0)), 0) from only {}.{}"
    ).format(record, sql.Identifier(table.schema), sql.Identifier(table.name))


def _pin_settings(conn: psycopg.Connection[Any]) -> list[tuple[str, str]]:
    """Pin the print settings for the transaction; returns the previous values."""
    previous: list[tuple[str, str]] = []
    for name, value in _PINNED:
        row = conn.execute(
            "select pg_catalog.current_setting(%s), pg_catalog.set_config(%s, %s, true)",
            [name, name, value],
        ).fetchone()
        assert row is not None
        previous.append((name, row[0]))
    return previous


def _sum_tables(
    conn: psycopg.Connection[Any],
    tables: list[_Table],
    on_table: Callable[[str, int, int], None] | None,
) -> dict[str, TableSum]:
    leaves: dict[int, list[_Table]] = {}
    for t in tables:
        if t.kind == "p":
            leaves[t.oid] = [
                _Table(int(o), s, n, "r") for o, s, n in conn.execute(_LEAVES, [t.oid])
            ]
    to_scan: dict[int, _Table] = {t.oid: t for t in tables if t.kind == "r"}
    for parts in leaves.values():
        to_scan.update((p.oid, p) for p in parts)
    columns: dict[int, list[str]] = {oid: [] for oid in to_scan}
    for oid, name in conn.execute(_COLUMNS, [list(to_scan)]):
        columns[int(oid)].append(name)
    raw: dict[int, tuple[int, int]] = {}
    for i, t in enumerate(to_scan.values(), 1):
        if on_table is not None:
            on_table(t.key, i, len(to_scan))
        row = conn.execute(_sum_query(t, sorted(columns[t.oid]))).fetchone()
        assert row is not None
        raw[t.oid] = (int(row[0]), int(row[1]))
    result: dict[str, TableSum] = {}
    for t in tables:
        if t.kind == "p":
            figures = [raw[p.oid] for p in leaves[t.oid]]
            total = sum(r for r, _ in figures), sum(h for _, h in figures)
            result[t.key] = TableSum(total[0], _render(total[1]), partitioned=True)
        else:
            rows, total_hash = raw[t.oid]
            result[t.key] = TableSum(rows, _render(total_hash))
    return result


def table_checksums(
    conn: psycopg.Connection[Any],
    *,
    schemas: Sequence[str] | None = None,
    tables: Sequence[str] | None = None,
    on_table: Callable[[str, int, int], None] | None = None,
) -> dict[str, TableSum]:
    """Rows and checksum of each table, keyed by "schema.table".

    By default every ordinary and partitioned table of every schema but the system ones;
    ``schemas`` limits the schemas, ``tables`` names tables ("schema.table" or a bare
    name). ``on_table(key, n, of)`` is told before each table is read.

    All tables are read in one transaction. On an autocommit connection that is a
    REPEATABLE READ one of our own, so the figures belong to one snapshot; otherwise it
    is the caller's (use REPEATABLE READ for the same guarantee), whose settings are
    left as they were.
    """
    if conn.autocommit:
        with conn.transaction():
            conn.execute("set transaction isolation level repeatable read, read only")
            _pin_settings(conn)
            chosen = _select_tables(conn, schemas, tables)
            return _sum_tables(conn, chosen, on_table)
    previous = _pin_settings(conn)
    try:
        chosen = _select_tables(conn, schemas, tables)
        return _sum_tables(conn, chosen, on_table)
    finally:
        if conn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS:
            for name, value in previous:
                conn.execute("select pg_catalog.set_config(%s, %s, true)", [name, value])


def total_rows(sums: Mapping[str, TableSum]) -> int:
    """Rows over all tables, counting a partitioned table's rows once (in its partitions)."""
    return sum(s.rows for s in sums.values() if not s.partitioned)


def compare(expected: Mapping[str, TableSum], actual: Mapping[str, TableSum]) -> list[str]:
    """One line per difference between two sets of table sums (empty when they agree)."""
    lines: list[str] = []
    for key in sorted(expected.keys() | actual.keys()):
        want, got = expected.get(key), actual.get(key)
        if got is None:
            lines.append(f"{key}: missing (expected {_rows(want)})")
        elif want is None:
            lines.append(f"{key}: extra table ({_rows(got)}) not in the expected set")
        elif want.rows != got.rows:
            lines.append(f"{key}: rows differ: expected {want.rows}, found {got.rows}")
        elif want.checksum != got.checksum:
            lines.append(
                f"{key}: content differs with the same {got.rows} rows "
                f"(checksum expected {want.checksum}, found {got.checksum})"
            )
    return lines


def _rows(s: TableSum | None) -> str:
    n = s.rows if s is not None else 0
    return f"{n} row{'' if n == 1 else 's'}"
