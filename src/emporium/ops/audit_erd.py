"""The audit's Mermaid erDiagram: declared foreign keys and the relationships found in data.

Declared foreign keys are solid lines (``parent ||--o{ child``), relationships found in the
data dotted ones (``child }o..o| parent``) labelled with the column and its match rate.
Entities show only their key columns (primary key, foreign keys, columns of found
relationships), so a big schema stays legible; past MAX_TABLES tables the diagram keeps the
ones with relationships first, then the biggest, and the report says what it left out.
"""

from __future__ import annotations

import re
from typing import Any

MAX_TABLES = 60

_SHORT_TYPES = {
    "timestamp with time zone": "timestamptz",
    "timestamp without time zone": "timestamp",
    "character varying": "varchar",
    "double precision": "float8",
}


def _mermaid_name(name: str) -> str:
    """An entity or attribute name Mermaid accepts: letters, digits, _ and -."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "_", name)
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"_{cleaned}"


def _mermaid_type(pg_type: str) -> str:
    array = pg_type.endswith("[]")
    base = re.sub(r"\(.*\)", "", pg_type.removesuffix("[]")).strip()
    base = re.sub(r"[^A-Za-z0-9_]", "_", _SHORT_TYPES.get(base, base))
    return base + ("[]" if array else "")


def _key(schema: str, table: str) -> tuple[str, str]:
    return (schema, table)


def _pick(result: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The tables drawn (at most MAX_TABLES) and the ones left out."""
    rel = result["relationships"]
    linked: dict[tuple[str, str], int] = {}
    for r in rel["found"]:
        for end in ("child", "parent"):
            k = _key(r[end]["schema"], r[end]["table"])
            linked[k] = linked.get(k, 0) + 2
    for r in rel["declared"]:
        for end in ("child", "parent"):
            k = _key(r[end]["schema"], r[end]["table"])
            linked[k] = linked.get(k, 0) + 1
    ranked = sorted(
        result["tables"],
        key=lambda t: (-linked.get(_key(t["schema"], t["name"]), 0), -t["rows"], t["name"]),
    )
    shown = ranked[:MAX_TABLES]
    order = {_key(t["schema"], t["name"]): i for i, t in enumerate(result["tables"])}
    shown.sort(key=lambda t: order[_key(t["schema"], t["name"])])
    return shown, ranked[MAX_TABLES:]


def _names(tables: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """A unique Mermaid name per table: bare in public, schema_table elsewhere."""
    names: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for t in tables:
        base = _mermaid_name(t["name"] if t["schema"] == "public" else f"{t['schema']}_{t['name']}")
        name, n = base, 2
        while name in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name)
        names[_key(t["schema"], t["name"])] = name
    return names


def erd(result: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The lines of the ```mermaid block, and the labels of the tables left out."""
    shown, left_out = _pick(result)
    names = _names(shown)
    rel = result["relationships"]
    found_cols: dict[tuple[str, str], dict[str, str]] = {}
    for r in rel["found"]:
        c, p = r["child"], r["parent"]
        notes = found_cols.setdefault(_key(c["schema"], c["table"]), {})
        match = f"{round(100 * r['match_rate'])}% {p['table']}.{p['column']}"
        old = notes.get(c["column"])
        notes[c["column"]] = f"{old}, {match}" if old else f"found: {match}"
        found_cols.setdefault(_key(p["schema"], p["table"]), {}).setdefault(
            p["column"], "found key"
        )
    lines = ["erDiagram"]
    for t in shown:
        k = _key(t["schema"], t["name"])
        pk = set(t["primary_key"] or [])
        fk = {c for f in t["foreign_keys"] for c in f["columns"]}
        notes = found_cols.get(k, {})
        cols = [c for c in t["columns"] if c["name"] in pk | fk | set(notes)] or t["columns"][:1]
        lines.append(f"    {names[k]} {{")
        for c in cols:
            marks = [m for m, on in (("PK", c["name"] in pk), ("FK", c["name"] in fk)) if on]
            text = f"        {_mermaid_type(c['type'])} {_mermaid_name(c['name'])}"
            if marks:
                text += " " + ", ".join(marks)
            if c["name"] in notes:
                text += ' "' + notes[c["name"]].replace('"', "'") + '"'
            lines.append(text)
        lines.append("    }")
    for r in rel["declared"]:
        c, p = r["child"], r["parent"]
        ck, pk_ = _key(c["schema"], c["table"]), _key(p["schema"], p["table"])
        if ck in names and pk_ in names:
            label = ", ".join(c["columns"])
            lines.append(f'    {names[pk_]} ||--o{{ {names[ck]} : "{label}"')
    for r in rel["found"]:
        c, p = r["child"], r["parent"]
        ck, pk_ = _key(c["schema"], c["table"]), _key(p["schema"], p["table"])
        if ck in names and pk_ in names:
            rate = round(100 * r["match_rate"])
            lines.append(f'    {names[ck]} }}o..o| {names[pk_]} : "{c["column"]} {rate}%"')
    labels = [
        t["name"] if t["schema"] == "public" else f"{t['schema']}.{t['name']}" for t in left_out
    ]
    return lines, labels
