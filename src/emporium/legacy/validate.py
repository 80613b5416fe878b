"""`emporium legacy validate`: the checks a migrated database must pass.

Each check is a query that counts violations (0 = pass) and shows up to five examples, so
a failure says what is wrong, where. The accounting equation comes first: every legacy row
is mapped or quarantined, never both, never neither.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import psycopg
from psycopg import sql

from emporium.db.session import Persona, transaction_as
from emporium.legacy import deferred
from emporium.legacy.state import LEGACY_TABLES

# How each legacy table names its rows in the accounting (dealer_prices has no key).
LEGACY_KEYS = {t: "id::text" for t in LEGACY_TABLES} | {"dealer_prices": "ctid::text"}


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    violations: int
    detail: str
    examples: list[str]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _accounting(conn: psycopg.Connection[Any], table: str) -> Check:
    key = sql.SQL(LEGACY_KEYS[table])
    row = conn.execute(
        sql.SQL(
            "with legacy_keys as (select {key} as k from {table}),"
            " mapped as (select distinct legacy_key as k from reorg.legacy_row_map"
            "            where legacy_table = %(t)s),"
            " quarantined as (select legacy_key as k from reorg.legacy_quarantine"
            "                 where legacy_table = %(t)s)"
            " select (select count(*) from legacy_keys),"
            "        (select count(*) from mapped), (select count(*) from quarantined),"
            "        (select count(*) from mapped join quarantined using (k)),"
            "        (select count(*) from legacy_keys l where not exists"
            "            (select 1 from mapped m where m.k = l.k)"
            "          and not exists (select 1 from quarantined q where q.k = l.k)),"
            "        (select array_agg(k) from (select l.k from legacy_keys l where not exists"
            "            (select 1 from mapped m where m.k = l.k) and not exists"
            "            (select 1 from quarantined q where q.k = l.k) limit 5) e)"
        ).format(key=key, table=sql.Identifier("legacy", table)),
        {"t": table},
    ).fetchone()
    assert row is not None
    rows, mapped, quarantined, both, neither, examples = row
    ok = rows == mapped + quarantined and both == 0 and neither == 0
    return Check(
        f"accounting: {table}",
        ok,
        int(both) + int(neither) + abs(int(rows) - int(mapped) - int(quarantined)),
        f"{rows:,} legacy rows = {mapped:,} mapped + {quarantined:,} quarantined"
        + ("" if ok else f" ({both} in both, {neither} in neither)"),
        [f"unaccounted key {k}" for k in (examples or [])],
    )


def _foreign_keys(conn: psycopg.Connection[Any]) -> Check:
    """Every foreign key of the public schema, re-checked row by row (not just trusted)."""
    fks = conn.execute(
        "select c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text,"
        " (select array_agg(a.attname order by k.n)"
        "  from unnest(c.conkey) with ordinality k(att, n)"
        "  join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.att),"
        " (select array_agg(a.attname order by k.n)"
        "  from unnest(c.confkey) with ordinality k(att, n)"
        "  join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.att)"
        " from pg_constraint c join pg_namespace n on n.oid = c.connamespace"
        " where c.contype = 'f' and n.nspname = 'public' order by 1"
    ).fetchall()
    bad: list[str] = []
    total = 0
    for name, child, parent, ccols, pcols in fks:
        cond = sql.SQL(" and ").join(
            sql.SQL("p.{} = c.{}").format(sql.Identifier(pc), sql.Identifier(cc))
            for cc, pc in zip(ccols, pcols, strict=True)
        )
        notnull = sql.SQL(" and ").join(
            sql.SQL("c.{} is not null").format(sql.Identifier(cc)) for cc in ccols
        )
        row = conn.execute(
            sql.SQL(
                "select count(*) from {child} c where {notnull}"
                " and not exists (select 1 from {parent} p where {cond})"
            ).format(
                child=sql.SQL(child),
                parent=sql.SQL(parent),
                notnull=notnull,
                cond=cond,
            )
        ).fetchone()
        n = int(row[0]) if row else 0
        if n:
            total += n
            bad.append(f"{name}: {n} rows of {child} point at no {parent}")
    return Check(
        "foreign keys hold",
        not bad,
        total,
        f"{len(fks)} foreign keys re-checked" + (f", {len(bad)} broken" if bad else ""),
        bad[:5],
    )


def _rebuilt(conn: psycopg.Connection[Any]) -> Check:
    """The foreign keys and indexes the transform dropped for the load are all back, each
    exactly as the migrations defined it (and every foreign key validated)."""
    missing = deferred.missing(conn)
    total = deferred.recorded(conn)
    return Check(
        "dropped keys and indexes rebuilt",
        not missing,
        len(missing),
        f"{total} foreign keys and indexes dropped for the load, "
        + ("all back as defined" if not missing else f"{len(missing)} not back"),
        missing[:5],
    )


def _ledger(conn: psycopg.Connection[Any]) -> Check:
    with transaction_as(conn, Persona.service()):
        rows = conn.execute(
            "select variant_id::text, location_id::text, kind, stored, expected"
            " from public.stock_check_ledger()"
        ).fetchall()
    return Check(
        "stock ledger balances",
        not rows,
        len(rows),
        "stock_check_ledger() is empty"
        if not rows
        else f"{len(rows)} levels differ from their ledger",
        [f"variant {v} at {loc}: {k} stored {s}, expected {e}" for v, loc, k, s, e in rows[:5]],
    )


def _violations(conn: psycopg.Connection[Any], name: str, query: str, detail: str) -> Check:
    """A check whose QUERY returns one key per violating row: the count and five examples
    come from one statement (the window counts every row before the limit)."""
    rows = conn.execute(f"select count(*) over (), v.* from ({query}) v limit 5").fetchall()
    n = int(rows[0][0]) if rows else 0
    return Check(
        name, n == 0, n, detail if n == 0 else f"{n:,} violations", [str(r[1]) for r in rows]
    )


def _totals(conn: psycopg.Connection[Any]) -> Check:
    row = conn.execute(
        "select (select coalesce(sum(o.grand_total), 0) from public.orders o"
        "         where o.source = 'legacy'),"
        "       (select coalesce(sum(round(m.amount, 2)), 0) from legacy.orders l"
        "         join reorg.lk_money m on m.raw = coalesce(l.total, '')"
        "        where m.amount is not null"
        "          and exists (select 1 from reorg.legacy_row_map r where r.legacy_table = 'orders'"
        "                        and r.legacy_key = l.id::text))"
    ).fetchone()
    assert row is not None
    migrated, legacy = row
    ok = migrated == legacy
    return Check(
        "order totals to the cent",
        ok,
        0 if ok else 1,
        f"migrated {migrated:,.2f} = legacy {legacy:,.2f} (parseable totals of migrated orders)"
        if ok
        else f"migrated {migrated:,.2f} <> legacy {legacy:,.2f}",
        [],
    )


def run(conn: psycopg.Connection[Any]) -> list[Check]:
    """Every check, in order (the caller decides what a failure means)."""
    checks = [_accounting(conn, t) for t in LEGACY_TABLES]
    checks.append(
        _violations(
            conn,
            "no key both mapped and quarantined",
            "select q.legacy_table || ' ' || q.legacy_key from reorg.legacy_quarantine q"
            " where exists (select 1 from reorg.legacy_row_map m where m.legacy_table ="
            " q.legacy_table and m.legacy_key = q.legacy_key)",
            "none",
        )
    )
    checks.append(_foreign_keys(conn))
    checks.append(_rebuilt(conn))
    checks.append(_ledger(conn))
    checks.append(_totals(conn))
    checks.append(
        _violations(
            conn,
            "every migrated vendor user has a vendor",
            "select w.id from reorg.w_users w join public.users u on u.id = w.winner"
            " where w.role = 'vendor' and w.store_key is not null and u.vendor_id is null",
            "every legacy vendor with a store_name is vendor staff with a vendor_id",
        )
    )
    checks.append(
        _violations(
            conn,
            "search documents current",
            "select p.id from public.products p left join public.brands b on b.id = p.brand_id"
            " where p.search is distinct from private.product_search_document("
            "p.title, b.name, p.model, p.style_code, p.colorway, p.description)",
            "every product's search document is what its trigger computes (the transform"
            " writes them set-based)",
        )
    )
    checks.append(
        _violations(
            conn,
            "every quarantined row kept whole",
            "select legacy_table || ' ' || legacy_key from reorg.legacy_quarantine"
            ' where "row" is null or jsonb_typeof("row") <> \'object\'',
            "each quarantined row holds its full original row",
        )
    )
    return checks
