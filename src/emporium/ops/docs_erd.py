"""docs/erd.md: a Mermaid erDiagram of every table in schema public and every foreign key."""

from __future__ import annotations

import re

from emporium.ops.docs_catalog import Catalog, Constraint, Relation
from emporium.ops.docs_domains import domain_order
from emporium.ops.docs_md import GENERATED_NOTE

# Mermaid attribute types: a letter, then letters, digits, _ - ( ) [ ]. No commas or spaces.
_SHORT_TYPES = {
    "timestamp with time zone": "timestamptz",
    "timestamp without time zone": "timestamp",
    "time with time zone": "timetz",
    "character varying": "varchar",
    "character": "char",
    "double precision": "float8",
}


def mermaid_name(name: str) -> str:
    """An entity or attribute name Mermaid accepts (letters, digits, _ and -)."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "_", name)
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"_{cleaned}"


def mermaid_type(pg_type: str) -> str:
    """The type without its modifier, in Mermaid's alphabet (numeric(14,4) -> numeric)."""
    array = pg_type.endswith("[]")
    base = re.sub(r"\(.*\)", "", pg_type.removesuffix("[]")).strip()
    base = _SHORT_TYPES.get(base, base)
    base = re.sub(r"[^A-Za-z0-9_]", "_", base)
    return base + ("[]" if array else "")


def _unique_on(table: Relation, columns: tuple[str, ...]) -> bool:
    """Whether a non-partial unique index covers exactly these columns (in any order)."""
    return any(
        i.unique and i.predicate is None and set(i.columns) == set(columns) for i in table.indexes
    )


def relationship(catalog: Catalog, table: Relation, fk: Constraint) -> str:
    """One Mermaid relationship line: parent <cardinality>--<cardinality> child : "columns".

    Parent side: exactly one (||) when every FK column is NOT NULL, else zero or one (|o).
    Child side: zero or one (o|) when the FK columns are unique in the child, else zero or
    more (o{). A solid line (--) when the FK is part of the child's primary key
    (identifying), dotted (..) otherwise.
    """
    assert fk.ref_table is not None
    parent = mermaid_name(fk.ref_table)
    required = all(table.column(c).not_null for c in fk.columns)
    left = "||" if required else "|o"
    right = "o|" if _unique_on(table, fk.columns) else "o{"
    pk = table.primary_key
    identifying = pk is not None and set(fk.columns) <= set(pk.columns)
    line = "--" if identifying else ".."
    label = ", ".join(fk.columns)
    return f'    {parent} {left}{line}{right} {mermaid_name(table.name)} : "{label}"'


def _attribute(table: Relation, column_name: str) -> str:
    col = table.column(column_name)
    keys = []
    pk = table.primary_key
    if pk is not None and col.name in pk.columns:
        keys.append("PK")
    if any(col.name in fk.columns for fk in table.foreign_keys):
        keys.append("FK")
    if "PK" not in keys and any(
        c.kind == "u" and c.columns == (col.name,) for c in table.constraints
    ):
        keys.append("UK")
    short = mermaid_type(col.type)
    notes = [col.type] if "(" in col.type else []
    if not col.not_null:
        notes.append("null")
    text = f"        {short} {mermaid_name(col.name)}"
    if keys:
        text += " " + ", ".join(keys)
    if notes:
        text += ' "' + ", ".join(notes).replace('"', "'") + '"'
    return text


def erd_lines(catalog: Catalog) -> list[str]:
    tables = catalog.in_schema("public")
    order = domain_order()
    by_domain = {d: [t for t in tables if t.domain == d] for d in order}
    out = [
        "# Entity-relationship diagram",
        "",
        GENERATED_NOTE,
        "",
        f"Every table of schema `public` ({len(tables)}) with its columns, and every foreign key "
        f"({sum(len(t.foreign_keys) for t in tables)}) as a relationship, read from the "
        "database by `emporium db erd`. The tables of schema `private` (credentials, counters) "
        "and the views are in [schema.md](schema.md); who may read what is in "
        "[security.md](security.md).",
        "",
        '**Reading it.** Columns are `type name [PK|FK|UK] "note"`; the note gives the full '
        'type where the diagram drops its modifier (`numeric(14,4)`) and says "null" for '
        "nullable columns. A relationship reads parent to child: `||` the child's row needs "
        "exactly one parent (NOT NULL foreign key), `|o` at most one (nullable); `o{` a parent "
        "has any number of children, `o|` at most one (the foreign key is unique). Solid lines "
        "are identifying (the foreign key is part of the child's primary key), dotted ones are "
        "not. "
        "The label names the foreign key columns.",
        "",
        "**Domains.** Mermaid has no groups: the entities are listed domain by domain, in "
        "this order.",
        "",
    ]
    for domain in order:
        if by_domain[domain]:
            names = ", ".join(f"`{t.name}`" for t in by_domain[domain])
            out.append(f"- **{domain}**: {names}")
    out += ["", "```mermaid", "erDiagram"]
    for domain in order:
        if not by_domain[domain]:
            continue
        out.append(f"    %% {domain}")
        for t in by_domain[domain]:
            out.append(f"    {mermaid_name(t.name)} {{")
            out += [_attribute(t, c.name) for c in t.columns]
            out.append("    }")
    out.append("    %% relationships (parent to child)")
    rels = sorted(
        ((fk.ref_table or "", t.name, fk.name), relationship(catalog, t, fk))
        for t in tables
        for fk in t.foreign_keys
    )
    out += [line for _, line in rels]
    out += ["```", ""]
    return out


def erd_text(catalog: Catalog) -> str:
    return "\n".join(erd_lines(catalog))
