"""How the database is doing: indexes, scans, sequences, cache, slow statements.

Read from the statistics views (pg_stat_*, pg_statio_*, pg_sequences) and, when the
extension is installed and loaded, pg_stat_statements. Statistics count since the last
reset (``stats_reset`` is reported), so "unused" means "unused since then".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

import psycopg
from psycopg import sql

from emporium.ops.audit_catalog import Step, Table, pretty_bytes

SEQUENCE_FLAG = 0.5
SLOW_STATEMENTS = 10

UNUSED_INDEXES = """
select s.schemaname, s.relname, s.indexrelname, pg_relation_size(s.indexrelid),
       pg_get_indexdef(s.indexrelid)
from pg_stat_user_indexes s join pg_index i on i.indexrelid = s.indexrelid
where s.schemaname = any(%(schemas)s) and s.idx_scan = 0
  and not i.indisunique and not i.indisprimary
  and not exists (select 1 from pg_constraint c where c.conindid = s.indexrelid)
order by pg_relation_size(s.indexrelid) desc, 1, 2, 3
"""

# Same table, access method, key columns, opclasses, collations, options, expressions and
# predicate: one of them is enough.
DUPLICATE_INDEXES = """
select n.nspname, t.relname,
       array_agg(ic.relname::text order by i.indisprimary desc, i.indisunique desc, ic.relname),
       array_agg(pg_get_indexdef(i.indexrelid) order by i.indisprimary desc,
                 i.indisunique desc, ic.relname),
       sum(pg_relation_size(i.indexrelid))::bigint
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_class t on t.oid = i.indrelid
join pg_namespace n on n.oid = t.relnamespace
where n.nspname = any(%(schemas)s)
group by n.nspname, t.relname, i.indrelid, ic.relam, i.indkey::text, i.indclass::text,
         i.indcollation::text, i.indoption::text,
         coalesce(pg_get_expr(i.indexprs, i.indrelid), ''),
         coalesce(pg_get_expr(i.indpred, i.indrelid), '')
having count(*) > 1
order by 1, 2
"""

# A foreign key is supported when some non-partial index starts with its columns (any order).
FK_WITHOUT_INDEX = """
select n.nspname, t.relname, c.conname,
       array(select a.attname from unnest(c.conkey) with ordinality k(num, ord)
             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.num
             order by k.ord)::text[],
       rn.nspname || '.' || rt.relname, pg_relation_size(t.oid)
from pg_constraint c
join pg_class t on t.oid = c.conrelid
join pg_namespace n on n.oid = t.relnamespace
join pg_class rt on rt.oid = c.confrelid
join pg_namespace rn on rn.oid = rt.relnamespace
where c.contype = 'f' and n.nspname = any(%(schemas)s)
  and not exists (
    select 1 from pg_index i
    where i.indrelid = c.conrelid and i.indpred is null
      and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
  )
order by 1, 2, 3
"""

NEVER_SCANNED = """
select s.schemaname, s.relname, pg_total_relation_size(s.relid), s.n_live_tup
from pg_stat_user_tables s
where s.schemaname = any(%(schemas)s) and s.seq_scan + coalesce(s.idx_scan, 0) = 0
order by pg_total_relation_size(s.relid) desc, 1, 2
"""

# The column a sequence feeds (serial or identity) caps it at that column's type.
SEQUENCES = """
select s.schemaname, s.sequencename, s.data_type::text, s.last_value, s.min_value,
       s.max_value, s.increment_by, s.cycle, tn.nspname, t.relname, a.attname,
       format_type(a.atttypid, null)
from pg_sequences s
join pg_namespace sn on sn.nspname = s.schemaname
join pg_class sc on sc.relnamespace = sn.oid and sc.relname = s.sequencename
left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = sc.oid
  and d.refclassid = 'pg_class'::regclass and d.refobjsubid > 0 and d.deptype in ('a', 'i')
left join pg_class t on t.oid = d.refobjid
left join pg_namespace tn on tn.oid = t.relnamespace
left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
where s.schemaname = any(%(schemas)s)
order by 1, 2
"""

_TYPE_MAX = {"smallint": 32767, "integer": 2147483647, "bigint": 9223372036854775807}

CACHE_HIT = """
select d.blks_hit, d.blks_read, d.stats_reset,
       (select coalesce(sum(idx_blks_hit), 0) from pg_statio_user_indexes),
       (select coalesce(sum(idx_blks_read), 0) from pg_statio_user_indexes)
from pg_stat_database d where d.datname = current_database()
"""


def _ratio(hit: int, read: int) -> float | None:
    return round(hit / (hit + read), 4) if hit + read else None


def sequences(conn: psycopg.Connection[Any], schemas: Sequence[str]) -> list[dict[str, Any]]:
    """Every sequence with how much of its range (or its column's type) is used."""
    out = []
    for row in conn.execute(SEQUENCES, {"schemas": list(schemas)}).fetchall():
        schema, name, dtype, last, lo, hi, inc, cycle, tschema, table, column, ctype = row
        lo, hi, inc = int(lo), int(hi), int(inc)
        # Only a rising sequence is capped by its column (serial int4 fed by a bigint one).
        cap = min(hi, _TYPE_MAX.get(ctype, hi)) if inc > 0 else lo
        if last is None:
            used = 0.0
        elif inc > 0:
            used = (int(last) - lo) / (cap - lo) if cap > lo else 1.0
        else:
            used = (hi - int(last)) / (hi - lo) if hi > lo else 1.0
        out.append(
            {
                "schema": schema,
                "name": name,
                "data_type": dtype,
                "last_value": None if last is None else int(last),
                "limit": cap,
                "column": (
                    {"schema": tschema, "table": table, "column": column, "type": ctype}
                    if table
                    else None
                ),
                "capped_by_column": inc > 0 and cap < hi,
                "cycle": bool(cycle),
                "percent_used": round(100 * max(used, 0.0), 2),
                "near_overflow": used >= SEQUENCE_FLAG,
            }
        )
    return out


def slow_statements(conn: psycopg.Connection[Any]) -> dict[str, Any]:
    """The top statements by mean time from pg_stat_statements, or why they can't be read."""
    row = conn.execute(
        "select n.nspname, e.extversion from pg_extension e "
        "join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_stat_statements'"
    ).fetchone()
    if row is None:
        return {
            "status": "not_installed",
            "reason": "the extension pg_stat_statements is not installed in this database",
            "statements": [],
        }
    schema = row[0]
    cols = {
        r[0]
        for r in conn.execute(
            "select a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid "
            "join pg_namespace n on n.oid = c.relnamespace "
            "where n.nspname = %s and c.relname = 'pg_stat_statements' and a.attnum > 0",
            (schema,),
        ).fetchall()
    }
    # PostgreSQL 13 split total_time into planning and execution time.
    total, mean = (
        ("total_exec_time", "mean_exec_time")
        if "mean_exec_time" in cols
        else ("total_time", "mean_time")
    )
    query = sql.SQL(
        "select s.query, s.calls, s.{total}, s.{mean}, s.rows from {view} s "
        "where s.dbid = (select oid from pg_database where datname = current_database()) "
        "order by s.{mean} desc nulls last limit {n}"
    ).format(
        total=sql.Identifier(total),
        mean=sql.Identifier(mean),
        view=sql.Identifier(schema, "pg_stat_statements"),
        n=sql.Literal(SLOW_STATEMENTS),
    )
    try:
        with conn.transaction():
            rows = conn.execute(query).fetchall()
    except psycopg.Error as exc:
        reason = (exc.diag.message_primary or str(exc)).strip()
        return {"status": "not_available", "reason": reason, "statements": []}
    return {
        "status": "ok",
        "reason": None,
        "statements": [
            {
                "query": q,
                "calls": int(calls),
                "total_ms": round(float(tot), 3),
                "mean_ms": round(float(avg), 3),
                "rows": int(n),
            }
            for q, calls, tot, avg, n in rows
        ],
    }


def _cache(conn: psycopg.Connection[Any], _p: dict[str, Any]) -> dict[str, Any]:
    row = conn.execute(CACHE_HIT).fetchone()
    hit, read, reset, ihit, iread = row if row else (0, 0, None, 0, 0)
    return {
        "stats_reset": reset.isoformat() if reset else None,
        "blocks_hit": int(hit),
        "blocks_read": int(read),
        "ratio": _ratio(int(hit), int(read)),
        "index_ratio": _ratio(int(ihit), int(iread)),
    }


def _unused(conn: psycopg.Connection[Any], p: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "schema": s,
            "table": t,
            "index": i,
            "size_bytes": n,
            "size": pretty_bytes(n),
            "definition": d,
        }
        for s, t, i, n, d in conn.execute(UNUSED_INDEXES, p).fetchall()
    ]


def _duplicates(conn: psycopg.Connection[Any], p: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "schema": s,
            "table": t,
            "indexes": list(names),
            "definitions": list(defs),
            "size_bytes": int(n),
            "keep": names[0],
            "drop": list(names[1:]),
        }
        for s, t, names, defs, n in conn.execute(DUPLICATE_INDEXES, p).fetchall()
    ]


def _fk_without_index(conn: psycopg.Connection[Any], p: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "schema": s,
            "table": t,
            "constraint": c,
            "columns": list(cols),
            "references": ref,
            "table_size_bytes": n,
        }
        for s, t, c, cols, ref, n in conn.execute(FK_WITHOUT_INDEX, p).fetchall()
    ]


def _never_scanned(conn: psycopg.Connection[Any], p: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"schema": s, "table": t, "size_bytes": n, "size": pretty_bytes(n), "live_rows": int(live)}
        for s, t, n, live in conn.execute(NEVER_SCANNED, p).fetchall()
    ]


def collect(
    conn: psycopg.Connection[Any], schemas: Sequence[str], tables: list[Table], step: Step
) -> dict[str, Any]:
    """Every health check over SCHEMAS, each on its own (TABLES for those without a key)."""
    p: dict[str, Any] = {"schemas": list(schemas)}
    cache = step("health: cache hit rate", partial(_cache, conn, p))
    unavailable = {"status": "not_available", "reason": "the check failed", "statements": []}
    return {
        "stats_reset": cache["stats_reset"] if cache else None,
        "unused_indexes": step("health: unused indexes", partial(_unused, conn, p)) or [],
        "duplicate_indexes": step("health: duplicate indexes", partial(_duplicates, conn, p)) or [],
        "foreign_keys_without_index": step(
            "health: foreign keys without an index", partial(_fk_without_index, conn, p)
        )
        or [],
        "never_scanned_tables": step(
            "health: tables never scanned", partial(_never_scanned, conn, p)
        )
        or [],
        "tables_without_primary_key": [
            {"schema": t.schema, "table": t.name, "rows": t.rows}
            for t in tables
            if t.primary_key is None and not t.is_partition
        ],
        "sequences": step("health: sequences", partial(sequences, conn, schemas)) or [],
        "cache_hit": cache
        or {"blocks_hit": 0, "blocks_read": 0, "ratio": None, "index_ratio": None},
        "slow_statements": step("health: slow statements", partial(slow_statements, conn))
        or unavailable,
    }
