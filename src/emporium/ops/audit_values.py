"""What the values say: duplicates on natural keys, and text columns holding other types.

Both are computed in SQL, set-based (no Python per row), so a million-row table costs one
scan per check:

- **duplicates**: emails equal after ``lower(btrim())``; codes (SKUs, style codes) equal
  after upper-casing and dropping everything but letters and digits; and exact repeats in
  text columns that look like identifiers (``kicksdb_id``, ``slug``,
  ``shopify_customer_id``) where no unique key forbids them. Reference columns (declared
  or found) are skipped: a reference repeats by nature.
- **text that holds numbers, dates or sizes**: a sample of each text column is matched
  against tolerant regexes; a column where at least CLASSIFY_SHARE of the non-blank sampled
  values parse as one kind (or whose name says ``size``) is classified, then every row is
  tested and the values that don't parse are counted, with examples. These classifiers are
  deliberately the audit's own (the migrator has precise parsers; the audit only has to
  say where to look).
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

import psycopg
from psycopg import sql

from emporium.ops.audit_catalog import Column, Step, Table, top_json

CLASSIFY_SHARE = 0.6
EXAMPLES = 5

_MONEY_SIGN = r"(?:[$€£¥₹]|us\$|a\$|c\$|usd|eur|gbp|chf|jpy)"
NUMBER_RE = (
    rf"^[-+]?\s*{_MONEY_SIGN}?\s*[-+]?(?:[0-9]{{1,3}}(?:[,.' ][0-9]{{3}})+|[0-9]+)"
    rf"(?:[.,][0-9]+)?\s*{_MONEY_SIGN}?$"
)
CURRENCY_RE = rf"{_MONEY_SIGN}"
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE_RE = (
    rf"^(?:[0-9]{{4}}-{_MONTH}-{_DAY}"
    r"(?:[ t][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?\s*(?:z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?"
    rf"|{_DAY}[/.-]{_DAY}[/.-](?:[0-9]{{2}}|[0-9]{{4}})"
    rf"|[0-9]{{4}}/{_MONTH}/{_DAY}"
    rf"|(?:{_DAY}\s+)?{_MONTH_NAME}\s+(?:{_DAY}(?:st|nd|rd|th)?,?\s+)?[0-9]{{4}})$"
)
_ONE_SIZE = (
    r"(?:(?:us|uk|eu|fr|jp|mx|m|w|y|gs|ps|td|men'?s|women'?s|wmns|kids)\.?\s*)?"
    r"[0-9]{1,2}(?:[.,][05])?(?:\s*[12]/3)?\s*(?:cm|us|uk|eu|[cykmw])?"
)
SIZE_RE = (
    rf"^(?:{_ONE_SIZE}(?:\s*/\s*{_ONE_SIZE})?"
    r"|x{0,3}s|m|x{0,4}l|[2-6]xl|one size|os)$"
)
KIND_RE = {"number": NUMBER_RE, "money": NUMBER_RE, "date": DATE_RE, "size": SIZE_RE}

_EMAIL = re.compile(r"^(email|.+_email|email_.+)$")
_CODE = re.compile(r"^(sku|.+_sku|sku_.+|style_?code|.+_style_code)$")
_OTHER_CODE = re.compile(r"^(code|.+_code)$")
_IDENTIFIER = re.compile(r"^(slug|handle|username|.+_id|.+_uuid|external_.+|.+_ref)$")
_MONEY_NAME = re.compile(r"price|total|amount|cost|fee|balance|money|subtotal")


def _key(rule: str, col: sql.Composable) -> sql.Composable:
    if rule == "email":
        return sql.SQL("lower(btrim({}))").format(col)
    if rule == "code":
        return sql.SQL("upper(regexp_replace({}, '[^[:alnum:]]', '', 'g'))").format(col)
    return col


def duplicate_rule(t: Table, c: Column) -> str | None:
    """Which notion of "the same" applies to this column, if it's a natural key at all."""
    if c.family != "text" or not c.readable:
        return None
    unique, name = c.name in t.single_keys(), c.name.lower()
    if _EMAIL.match(name):
        return "email"
    if _CODE.match(name) or (unique and _OTHER_CODE.match(name)):
        return "code"
    if not unique and _IDENTIFIER.match(name):
        return "exact"
    return None


def duplicates(conn: psycopg.Connection[Any], t: Table, c: Column, rule: str) -> dict[str, Any]:
    """Groups of rows whose values are equal under RULE, with up to EXAMPLES of them."""
    col = sql.SQL("c.{}::text").format(sql.Identifier(c.name))
    query = sql.SQL(
        'with k as (select {key} as k, {col} collate "C" as raw from {t} c '
        "where c.{name} is not null), "
        "g as (select k, count(*) as n, count(distinct raw) as spellings, "
        "(array_agg(distinct raw order by raw))[1:5] as sp "
        "from k where k <> '' group by k having count(*) > 1) "
        "select (select count(*) from k), count(*), coalesce(sum(n), 0), "
        "count(*) filter (where spellings > 1), "
        "(select count(distinct k) from k where k <> ''), "
        + top_json("g", "k", "key", EXAMPLES, extra=", 'values', e.sp")
        + " from g"
    ).format(
        key=_key(rule, col),
        col=col,
        t=t.ident,
        name=sql.Identifier(c.name),
    )
    row = conn.execute(query).fetchone()
    assert row is not None
    return {
        "schema": t.schema,
        "table": t.name,
        "column": c.name,
        "rule": rule,
        "non_null_rows": int(row[0]),
        "groups": int(row[1]),
        "rows": int(row[2]),
        "groups_with_different_spellings": int(row[3]),
        "distinct_values": int(row[4]),
        "examples": row[5],
    }


def _sample_from(t: Table, sample: int) -> sql.Composable:
    """The table, block-sampled when it is much bigger than the sample (cheap on big tables)."""
    # Block sampling needs blocks to choose from: a small table is read from its start.
    if t.kind == "r" and t.rows > 5 * sample and t.pages >= 100:
        pct = min(100.0, 100.0 * 3 * sample / t.rows)
        return sql.SQL("{} tablesample system ({})").format(t.ident, sql.Literal(round(pct, 4)))
    return t.ident


def classify(
    conn: psycopg.Connection[Any], t: Table, columns: list[Column], sample: int
) -> list[tuple[Column, str, int, float]]:
    """Which text COLUMNS hold numbers, money, dates or sizes: (column, kind, sampled, share)."""
    parts: list[sql.Composable] = []
    for c in columns:
        v = sql.SQL("nullif(btrim(s.{}::text), '')").format(sql.Identifier(c.name))
        parts.append(sql.SQL("count({})").format(v))
        for regex in (NUMBER_RE, DATE_RE, SIZE_RE, CURRENCY_RE):
            parts.append(sql.SQL("count(*) filter (where {} ~* {})").format(v, sql.Literal(regex)))
    query = sql.SQL("select {} from (select {} from {} limit {}) s").format(
        sql.SQL(", ").join(parts),
        sql.SQL(", ").join(sql.Identifier(c.name) for c in columns),
        _sample_from(t, sample),
        sql.Literal(sample),
    )
    row = conn.execute(query).fetchone()
    assert row is not None
    out: list[tuple[Column, str, int, float]] = []
    for i, c in enumerate(columns):
        seen, number, date, size, currency = (int(x) for x in row[5 * i : 5 * i + 5])
        if seen == 0:
            continue
        share = {k: n / seen for k, n in (("number", number), ("date", date), ("size", size))}
        if "size" in c.name.lower():
            kind = "size"
        elif share["number"] >= CLASSIFY_SHARE:
            kind = "money" if currency or _MONEY_NAME.search(c.name.lower()) else "number"
        elif share["date"] >= CLASSIFY_SHARE:
            kind = "date"
        elif share["size"] >= CLASSIFY_SHARE:
            kind = "size"
        else:
            continue
        out.append((c, kind, seen, round(share["number" if kind == "money" else kind], 4)))
    return out


def unparseable(conn: psycopg.Connection[Any], t: Table, c: Column, kind: str) -> dict[str, Any]:
    """Every row of C whose non-null value doesn't parse as KIND, counted, with examples."""
    col = sql.Identifier(c.name)
    bad = sql.SQL("not (btrim(c.{col}::text) ~* {re})").format(
        col=col, re=sql.Literal(KIND_RE[kind])
    )
    query = sql.SQL(
        "with b as (select c.{col}::text as v, count(*) as n from {t} c "
        "where c.{col} is not null and {bad} group by 1) "
        "select (select count(c.{col}) from {t} c), coalesce((select sum(n) from b), 0), "
        + top_json("b", "v", "value", EXAMPLES)
    ).format(col=col, t=t.ident, bad=bad)
    row = conn.execute(query).fetchone()
    assert row is not None
    return {
        "schema": t.schema,
        "table": t.name,
        "column": c.name,
        "kind": kind,
        "non_null_rows": int(row[0]),
        "unparseable_rows": int(row[1]),
        "examples": row[2],
    }


def examine(
    conn: psycopg.Connection[Any],
    tables: list[Table],
    *,
    references: set[tuple[str, str, str]],
    sample: int,
    step: Step,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Duplicates on natural keys and unparseable text values, for every readable table.

    REFERENCES are (schema, table, column) of reference columns, skipped for duplicates.
    """
    dups: list[dict[str, Any]] = []
    texts: list[dict[str, Any]] = []
    for t in tables:
        if not t.readable or t.is_partition or t.rows == 0:
            continue
        for c in t.columns:
            rule = duplicate_rule(t, c)
            if rule and (t.schema, t.name, c.name) not in references:
                got = step(
                    f"duplicates: {t.label}.{c.name}",
                    partial(duplicates, conn, t, c, rule),
                )
                if got:
                    dups.append(got)
        text_columns = [c for c in t.columns if c.family == "text" and c.readable]
        if not text_columns:
            continue
        kinds = step(
            f"text values: {t.label} ({len(text_columns)} text columns)",
            partial(classify, conn, t, text_columns, sample),
        )
        for c, kind, seen, share in kinds or []:
            got = step(
                f"text values: {t.label}.{c.name} as {kind}",
                partial(unparseable, conn, t, c, kind),
            )
            if got:
                texts.append({**got, "sampled_values": seen, "sample_parse_rate": share})
    return dups, texts
