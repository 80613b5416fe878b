"""The SQL behind found relationships: looking child values up in keys, counting orphans.

Every lookup is an equality PostgreSQL can plan as a join: a semi-join for the sample test,
a left join for the orphan count, so a key is either probed through its (unique, hence
indexed) index or hashed once, never re-scanned per value. Values are compared by value:

- an integer or uuid child against a key of the same type: directly;
- text against an integer or uuid key: trimmed, and cast when it has that type's form
  (``' 42'`` matches 42, an upper-case uuid matches its uuid), otherwise no match;
- anything against a text key: as text;
- emails: ``lower(btrim())`` on both sides (the email columns need not be unique or indexed,
  so their distinct values are hashed).

Blank text counts as no reference, like NULL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from emporium.ops.audit_catalog import Column, Table, top_json

EXAMPLES = 5
INT_RE = r"^[+-]?[0-9]{1,18}$"
UUID_RE = r"^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$"


@dataclass(frozen=True)
class Ref:
    """One column of one table, the end of a relationship."""

    table: Table
    column: Column

    @property
    def label(self) -> str:
        return f"{self.table.label}.{self.column.name}"

    def json(self) -> dict[str, str]:
        return {"schema": self.table.schema, "table": self.table.name, "column": self.column.name}


def _is_text(child: Ref, compare: str) -> bool:
    return compare == "email" or child.column.family == "text"


def child_values(child: Ref, compare: str) -> sql.Composable:
    """SELECT v: the child's non-null, non-blank values (normalised text, or typed as stored)."""
    col = sql.Identifier(child.column.name)
    if not _is_text(child, compare):
        return sql.SQL("select c.{col} as v from {t} c where c.{col} is not null").format(
            col=col, t=child.table.ident
        )
    norm = "lower(btrim(c.{col}::text))" if compare == "email" else "btrim(c.{col}::text)"
    return sql.SQL(
        "select x.v from (select " + norm + " as v from {t} c where c.{col} is not null) x "
        "where x.v <> ''"
    ).format(col=col, t=child.table.ident)


def lookup(
    child: Ref, parent: Ref, compare: str, v: sql.Composable, alias: str
) -> tuple[sql.Composable, sql.Composable, sql.Composable]:
    """(source, condition, matched) to join PARENT as ALIAS to the child value V.

    ``matched`` is an expression that is not null exactly when a left join found a row.
    """
    a = sql.Identifier(alias)
    col = sql.Identifier(parent.column.name)
    if compare == "email":
        source = sql.SQL(
            "(select distinct lower(btrim(q.{col})) as k from {t} q where q.{col} is not null)"
        ).format(col=col, t=parent.table.ident)
        key: sql.Composable = sql.SQL("{}.k").format(a)
        return source, sql.SQL("{} = {}").format(key, v), key
    key = sql.SQL("{}.{}").format(a, col)
    family, text_child = parent.column.family, _is_text(child, compare)
    if family == "text":
        typed: sql.Composable = sql.SQL("{}::text").format(v)
        key = sql.SQL("{}::text").format(key)
    elif not text_child:
        typed = v  # integer to integer, uuid to uuid
    elif family == "integer":
        typed = sql.SQL("case when {v} ~ {re} then {v}::bigint end").format(
            v=v, re=sql.Literal(INT_RE)
        )
    else:
        typed = sql.SQL("case when {v} ~* {re} then {v}::uuid end").format(
            v=v, re=sql.Literal(UUID_RE)
        )
    return parent.table.ident, sql.SQL("{} = {}").format(key, typed), key


def sample_matches(
    conn: psycopg.Connection[Any], child: Ref, compare: str, targets: list[Ref], sample: int
) -> tuple[int, list[int]]:
    """(distinct values sampled, how many of them each target key holds), in one statement."""
    counts = []
    for p in targets:
        source, cond, _ = lookup(child, p, compare, sql.SQL("s.v"), "p")
        counts.append(
            sql.SQL("(select count(*) from s where exists (select 1 from {} p where {}))").format(
                source, cond
            )
        )
    query = sql.SQL(
        "with s as materialized (select distinct y.v from ({values}) y limit {n}) "
        "select (select count(*) from s), {counts}"
    ).format(
        values=child_values(child, compare),
        n=sql.Literal(sample),
        counts=sql.SQL(", ").join(counts),
    )
    row = conn.execute(query).fetchone()
    assert row is not None
    return int(row[0]), [int(m) for m in row[1:]]


def orphans(
    conn: psycopg.Connection[Any], child: Ref, compare: str, targets: list[Ref]
) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    """Rows of CHILD (every one, not a sample) whose value no target holds, in one pass.

    Returns (rows with a value, per target {orphan_rows, orphan_values, orphan_examples},
    the same for rows that match none of the targets).
    """
    joins, flags = [], []
    for i, p in enumerate(targets):
        source, cond, key = lookup(child, p, compare, sql.SQL("x.v"), f"p{i}")
        joins.append(sql.SQL("left join {} {} on {}").format(source, sql.Identifier(f"p{i}"), cond))
        flags.append(sql.SQL("{} is not null as {}").format(key, sql.Identifier(f"m{i}")))
    misses = [f"not m{i}" for i in range(len(targets))] + [
        " and ".join(f"not m{i}" for i in range(len(targets)))
    ]
    parts = [
        f"coalesce((select sum(n) from m where {miss}), 0), "
        f"(select count(*) from m where {miss}), "
        + top_json(f"(select v::text as v, n from m where {miss}) o", "v", "value", EXAMPLES)
        for miss in misses
    ]
    query = sql.SQL(
        "with x as (select y.v, count(*) as n from ({values}) y group by y.v), "
        "m as materialized (select x.v, x.n, {flags} from x {joins}) "
        "select (select coalesce(sum(n), 0) from m), " + ", ".join(parts)
    ).format(
        values=child_values(child, compare),
        flags=sql.SQL(", ").join(flags),
        joins=sql.SQL(" ").join(joins),
    )
    row = conn.execute(query).fetchone()
    assert row is not None
    found = [
        {
            "orphan_rows": int(row[1 + 3 * i]),
            "orphan_values": int(row[2 + 3 * i]),
            "orphan_examples": row[3 + 3 * i],
        }
        for i in range(len(misses))
    ]
    return int(row[0]), found[:-1], found[-1]


def discriminator_values(conn: psycopg.Connection[Any], table: Table, column: str) -> set[str]:
    """The distinct spellings (lower-cased, trimmed) of a column that names tables."""
    rows = conn.execute(
        sql.SQL(
            "select distinct lower(btrim(c.{col}::text)) from {t} c where c.{col} is not null "
            "limit 100"
        ).format(col=sql.Identifier(column), t=table.ident)
    ).fetchall()
    return {r[0] for r in rows}
