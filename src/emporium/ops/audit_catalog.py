"""The audit's view of a database's tables: columns, keys, sizes and row counts.

Read from pg_catalog only, so it works on any PostgreSQL database (ours, the legacy store,
a Supabase project). The other audit steps (relationships, values, health) reason over
these :class:`Table` objects; :func:`table_json` turns one into the report's JSON shape.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import psycopg
from psycopg import sql

# Schemas that belong to PostgreSQL itself, never audited by default.
SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")

# A table this small (in pages of 8 kB) is counted exactly: cheaper than explaining an estimate.
EXACT_COUNT_PAGES = 1_000
# A table whose estimate is unknown (never analysed) is counted exactly up to this size.
UNKNOWN_COUNT_PAGES = 100_000

# How a column's values compare with others: the base type (domains resolved) to a family.
_FAMILIES = {
    "smallint": "integer",
    "integer": "integer",
    "bigint": "integer",
    "uuid": "uuid",
    "text": "text",
    "character varying": "text",
    "character": "text",
    "citext": "text",
    "name": "text",
}

DEFAULT_SCHEMAS = """
select n.nspname
from pg_namespace n
where n.nspname <> all(%(system)s) and n.nspname !~ '^pg_(toast_)?temp_'
  and exists (select 1 from pg_class c where c.relnamespace = n.oid and c.relkind in ('r', 'p'))
order by 1
"""

TABLES = """
select c.oid, n.nspname, c.relname, c.relkind, c.relispartition, c.reltuples::float8,
       pg_relation_size(c.oid) / current_setting('block_size')::int,
       pg_total_relation_size(c.oid), c.relrowsecurity, c.relforcerowsecurity,
       (select count(*) from pg_policy p where p.polrelid = c.oid)::int,
       has_table_privilege(c.oid, 'SELECT')
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any(%(schemas)s) and c.relkind in ('r', 'p')
order by n.nspname, c.relname
"""

COLUMNS = """
select a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), not a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid),
       regexp_replace(format_type(coalesce(nullif(t.typbasetype, 0), a.atttypid), null),
                      '^.*\\.', ''),
       has_column_privilege(a.attrelid, a.attnum, 'SELECT')
from pg_attribute a
join pg_type t on t.oid = a.atttypid
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where a.attrelid = any(%(oids)s) and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum
"""

CONSTRAINTS = """
select con.conrelid, con.conname, con.contype,
       array(select a.attname from unnest(con.conkey) with ordinality k(num, ord)
             join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num
             order by k.ord)::text[],
       rn.nspname, rc.relname,
       array(select a.attname from unnest(con.confkey) with ordinality k(num, ord)
             join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num
             order by k.ord)::text[],
       con.convalidated
from pg_constraint con
left join pg_class rc on rc.oid = con.confrelid
left join pg_namespace rn on rn.oid = rc.relnamespace
where con.conrelid = any(%(oids)s) and con.contype in ('p', 'u', 'f')
order by con.conrelid, con.conname
"""

# Unique indexes that are not constraints (CREATE UNIQUE INDEX): keys all the same.
UNIQUE_INDEXES = """
select i.indrelid,
       array(select a.attname from unnest(i.indkey) with ordinality k(num, ord)
             join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.num
             where k.ord <= i.indnkeyatts order by k.ord)::text[]
from pg_index i
where i.indrelid = any(%(oids)s) and i.indisunique and i.indpred is null
  and i.indexprs is null
  and not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid)
"""


T = TypeVar("T")


class Step(Protocol):
    """Runs one unit of the audit: reports WHAT as progress, returns None when it failed."""

    def __call__(self, what: str, fn: Callable[[], T]) -> T | None: ...


@dataclass
class Column:
    name: str
    type: str
    nullable: bool
    default: str | None
    base_type: str
    readable: bool

    @property
    def family(self) -> str:
        """integer, uuid, text or other: which columns this one can be compared with."""
        return _FAMILIES.get(self.base_type, "other")


@dataclass
class ForeignKey:
    name: str
    columns: tuple[str, ...]
    ref_schema: str
    ref_table: str
    ref_columns: tuple[str, ...]
    validated: bool


@dataclass
class Table:
    oid: int
    schema: str
    name: str
    kind: str
    is_partition: bool
    reltuples: float
    pages: int
    size_bytes: int
    rls_enabled: bool
    rls_forced: bool
    policies: int
    readable: bool
    columns: list[Column] = field(default_factory=list)
    primary_key: tuple[str, ...] | None = None
    uniques: list[tuple[str, ...]] = field(default_factory=list)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    exact_rows: int | None = None

    @property
    def ident(self) -> sql.Identifier:
        return sql.Identifier(self.schema, self.name)

    @property
    def label(self) -> str:
        """How people read its name: bare in public, schema-qualified elsewhere."""
        return self.name if self.schema == "public" else f"{self.schema}.{self.name}"

    @property
    def rows(self) -> int:
        """The exact count when taken, else the planner's estimate (0 when unknown)."""
        if self.exact_rows is not None:
            return self.exact_rows
        return max(int(self.reltuples), 0)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def single_keys(self) -> list[str]:
        """Columns that are a key alone: a one-column primary key, unique constraint or index."""
        keys = [self.primary_key, *self.uniques]
        return sorted({k[0] for k in keys if k is not None and len(k) == 1})

    def fk_columns(self) -> set[str]:
        return {c for fk in self.foreign_keys for c in fk.columns}


def top_json(source: str, value: str, label: str, limit: int, extra: str = "") -> str:
    """SQL for the LIMIT rows of SOURCE (with columns VALUE and n) that have the largest n, as
    a JSON array [{LABEL: value, "rows": n, ...EXTRA}], ties in byte order (same on every
    server, whatever its collation)."""
    return (
        f"(select coalesce(json_agg(json_build_object('{label}', e.{value}, 'rows', e.n{extra}) "
        f"order by e.n desc, e.{value} collate \"C\"), '[]') from (select * from {source} "
        f'order by n desc, {value} collate "C" limit {int(limit)}) e)'
    )


def default_schemas(conn: psycopg.Connection[Any]) -> list[str]:
    """Every schema that is not PostgreSQL's own and holds at least one table."""
    rows = conn.execute(DEFAULT_SCHEMAS, {"system": list(SYSTEM_SCHEMAS)}).fetchall()
    return [r[0] for r in rows]


def read_tables(conn: psycopg.Connection[Any], schemas: Sequence[str]) -> list[Table]:
    """The tables of SCHEMAS with columns and keys, small or unanalysed ones counted exactly."""
    tables = [Table(*row) for row in conn.execute(TABLES, {"schemas": list(schemas)}).fetchall()]
    by_oid = {t.oid: t for t in tables}
    oids = {"oids": list(by_oid)}
    for oid, *rest in conn.execute(COLUMNS, oids).fetchall():
        by_oid[oid].columns.append(Column(*rest))
    for oid, name, kind, cols, rschema, rtable, rcols, valid in conn.execute(
        CONSTRAINTS, oids
    ).fetchall():
        t = by_oid[oid]
        if kind == "p":
            t.primary_key = tuple(cols)
        elif kind == "u":
            t.uniques.append(tuple(cols))
        else:
            t.foreign_keys.append(
                ForeignKey(name, tuple(cols), rschema, rtable, tuple(rcols), valid)
            )
    for oid, cols in conn.execute(UNIQUE_INDEXES, oids).fetchall():
        if tuple(cols) not in by_oid[oid].uniques:
            by_oid[oid].uniques.append(tuple(cols))
    for t in tables:
        # A partitioned parent has no storage of its own: its partitions are counted instead.
        small = t.pages <= EXACT_COUNT_PAGES
        unknown = t.reltuples <= 0 and t.pages <= UNKNOWN_COUNT_PAGES
        if t.readable and t.kind == "r" and (small or unknown):
            row = conn.execute(sql.SQL("select count(*) from {}").format(t.ident)).fetchone()
            t.exact_rows = int(row[0]) if row else 0
    return tables


def pretty_bytes(n: int) -> str:
    """Sizes the way pg_size_pretty prints them (kB, MB, GB), computed here for stability."""
    size = float(n)
    for unit in ("bytes", "kB", "MB", "GB", "TB"):
        if size < 10_240 or unit == "TB":
            return f"{int(size)} {unit}" if unit == "bytes" else f"{size:.0f} {unit}"
        size /= 1024
    return f"{n} bytes"  # pragma: no cover - the loop always returns


def table_json(t: Table) -> dict[str, Any]:
    return {
        "schema": t.schema,
        "name": t.name,
        "kind": "partitioned" if t.kind == "p" else "table",
        "is_partition": t.is_partition,
        "size_bytes": t.size_bytes,
        "size": pretty_bytes(t.size_bytes),
        "row_estimate": None if t.reltuples < 0 else int(t.reltuples),
        "row_count": t.exact_rows,
        "rows": t.rows,
        "columns": [
            {"name": c.name, "type": c.type, "nullable": c.nullable, "default": c.default}
            for c in t.columns
        ],
        "primary_key": list(t.primary_key) if t.primary_key else None,
        "unique": [list(u) for u in t.uniques],
        "foreign_keys": [
            {
                "name": fk.name,
                "columns": list(fk.columns),
                "ref_schema": fk.ref_schema,
                "ref_table": fk.ref_table,
                "ref_columns": list(fk.ref_columns),
                "validated": fk.validated,
            }
            for fk in t.foreign_keys
        ],
        "rls_enabled": t.rls_enabled,
        "rls_forced": t.rls_forced,
        "policies": t.policies,
        "readable": t.readable,
    }
