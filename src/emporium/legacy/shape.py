"""The legacy shape: the packaged ``schema.sql`` contract, and a check of a live database
against it.

The reorganization must migrate every column of every legacy table, so before it touches
anything it verifies that the database has exactly the contract's shape: the seven
tables, each with exactly the declared columns and types. Extra columns are differences
too (the migrator would silently drop them). Types are compared in PostgreSQL's own
spelling (``format_type``): the DDL's ``serial`` is ``integer`` in the catalog,
``timestamptz`` is ``timestamp with time zone``.

The contract is parsed from the same file that ``demo-db`` executes, so the check, the
demo database and the migrator (:func:`expected_tables`) can't drift apart.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import psycopg

# DDL spellings -> format_type spellings.
TYPE_ALIASES = {
    "serial": "integer",
    "serial4": "integer",
    "int": "integer",
    "int4": "integer",
    "bigserial": "bigint",
    "serial8": "bigint",
    "int8": "bigint",
    "smallserial": "smallint",
    "serial2": "smallint",
    "int2": "smallint",
    "bool": "boolean",
    "float8": "double precision",
    "float": "double precision",
    "float4": "real",
    "decimal": "numeric",
    "varchar": "character varying",
    "char": "character",
    "timestamptz": "timestamp with time zone",
    "timestamp": "timestamp without time zone",
    "timetz": "time with time zone",
    "time": "time without time zone",
}
# Where a column's type ends and its constraints begin.
CONSTRAINT_WORDS = {
    "primary",
    "not",
    "null",
    "default",
    "references",
    "unique",
    "check",
    "collate",
    "generated",
    "constraint",
}
TABLE_CONSTRAINTS = ("constraint", "primary key", "unique", "check", "foreign key", "exclude")
TABLE_KINDS = {
    "r": "table",
    "p": "table",
    "v": "view",
    "m": "materialized view",
    "f": "foreign table",
}


@cache
def schema_sql() -> str:
    """The legacy contract as shipped with the package (a copy of the shared schema.sql)."""
    return resources.files("emporium.legacy").joinpath("schema.sql").read_text(encoding="utf-8")


def normalize_type(ddl_type: str) -> str:
    """A DDL type in format_type's spelling: 'serial' -> 'integer', 'varchar(20)' ->
    'character varying(20)', 'timestamptz' -> 'timestamp with time zone'."""
    text = " ".join(ddl_type.lower().split())
    array = text.endswith("[]")
    text = text.removesuffix("[]").strip()
    match = re.fullmatch(r"([a-z0-9_ ]+?)\s*(\([0-9, ]+\))?", text)
    if match is None:
        return text + ("[]" if array else "")
    base, modifier = match.group(1), (match.group(2) or "").replace(" ", "")
    if base in ("timestamp", "time") and modifier:  # timestamp(3) -> timestamp(3) without ...
        normalized = f"{base}{modifier} without time zone"
    elif base in ("timestamptz", "timetz") and modifier:
        normalized = f"{base[:-2]}{modifier} with time zone"
    else:
        normalized = TYPE_ALIASES.get(base, base) + modifier
    return normalized + ("[]" if array else "")


def _strip_comments(ddl: str) -> str:
    ddl = re.sub(r"/\*.*?\*/", " ", ddl, flags=re.S)
    return re.sub(r"--[^\n]*", "", ddl)


def _split_top_level(body: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(body):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return [p.strip() for p in parts if p.strip()]


def parse_tables(ddl: str) -> dict[str, list[tuple[str, str]]]:
    """The CREATE TABLE statements of ``ddl``: table -> [(column, format_type type)]."""
    text = _strip_comments(ddl)
    tables: dict[str, list[tuple[str, str]]] = {}
    for match in re.finditer(
        r"create\s+table\s+(?:if\s+not\s+exists\s+)?([\w.\"]+)\s*\(", text, flags=re.I
    ):
        name = match.group(1).replace('"', "").split(".")[-1]
        depth, end = 1, match.end()
        while depth and end < len(text):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        columns: list[tuple[str, str]] = []
        for item in _split_top_level(text[match.end() : end - 1]):
            if item.lower().startswith(TABLE_CONSTRAINTS):
                continue
            words = item.split()
            type_words: list[str] = []
            for word in words[1:]:
                if word.lower() in CONSTRAINT_WORDS:
                    break
                type_words.append(word)
            columns.append((words[0].replace('"', ""), normalize_type(" ".join(type_words))))
        tables[name] = columns
    return tables


@cache
def _expected() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    return tuple((t, tuple(cols)) for t, cols in parse_tables(schema_sql()).items())


def expected_tables() -> dict[str, list[tuple[str, str]]]:
    """The legacy tables: table -> [(column, type)] in declared order (a fresh copy)."""
    return {table: list(columns) for table, columns in _expected()}


def check_in_schema(conn: psycopg.Connection[Any], schema: str) -> list[str]:
    """Differences between the tables in ``schema`` and the legacy contract, one line each
    (empty: the shape matches). Reads the catalog only."""
    expected = expected_tables()
    rows = conn.execute(
        "select c.relname, c.relkind::text, a.attname, format_type(a.atttypid, a.atttypmod)"
        " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0"
        " and not a.attisdropped"
        " where n.nspname = %s and c.relname = any(%s)"
        " and c.relkind in ('r', 'p', 'v', 'm', 'f')"
        " order by c.relname, a.attnum",
        [schema, list(expected)],
    ).fetchall()
    live: dict[str, tuple[str, dict[str, str]]] = {}
    for table, kind, column, type_name in rows:
        found = live.setdefault(table, (kind, {}))[1]
        if column is not None:
            found[column] = type_name
    problems: list[str] = []
    for table, columns in expected.items():
        where = f"{schema}.{table}"
        if table not in live:
            problems.append(f"table {where} is missing")
            continue
        kind, actual = live[table]
        if TABLE_KINDS[kind] != "table":
            problems.append(f"{where} is a {TABLE_KINDS[kind]}, expected a table")
        for column, type_name in columns:
            if column not in actual:
                problems.append(f"{where}.{column} is missing (expected {type_name})")
            elif actual[column] != type_name:
                problems.append(f"{where}.{column} is {actual[column]}, expected {type_name}")
        declared = {column for column, _ in columns}
        problems.extend(
            f"{where} has column {column} not in the legacy shape"
            for column in actual
            if column not in declared
        )
    return problems


def check(conn: psycopg.Connection[Any]) -> list[str]:
    """Differences between schema ``public`` and the legacy contract (empty: it matches)."""
    return check_in_schema(conn, "public")
