"""docs/schema.md: every table, column, constraint, index and trigger, with its purpose."""

from __future__ import annotations

import re

from emporium.ops.docs_catalog import (
    CONSTRAINT_KINDS,
    Catalog,
    Constraint,
    Index,
    Relation,
)
from emporium.ops.docs_domains import domain_intro, domain_order
from emporium.ops.docs_md import GENERATED_NOTE, cell, code, first_sentence, slug, table

INTRO = """\
# Schema reference

{note}

Every table and view of the schemas `public` (what the API and PostgREST expose, under
row-level security) and `private` (helpers and internal tables, never exposed), read from the
database's own catalog by `emporium db docs`. The purpose of each table and the query each
index serves are the comments stored in the database (`COMMENT ON`): they are written in the
models and in `src/emporium/db/sql/index_comments.sql`, and this page is regenerated from a
migrated database, so it can't drift from the schema (a test compares them).

See also: the diagram [erd.md](erd.md), the access rules [security.md](security.md), and why
the model is shaped as it is, [data-model.md](data-model.md).
"""

CONVENTIONS = """\
## Conventions

- **Keys.** Entities have a `uuid` primary key filled by `gen_random_uuid()`; append-only
  ledgers and logs have `bigint generated always as identity` (cheap, ordered, never reused);
  join tables use their natural composite key. From the catalog:
  - identity keys: {identity_tables};
  - composite keys: {composite_tables}.
- **Money.** `numeric(14,4)` for unit prices, `numeric(14,2)` for totals, always next to a
  `currency char(3)` CHECKed to be three upper-case letters. Never `float`, never `money`.
- **Enumerations** are `text` columns with a CHECK (`status in ('pending', ...)`), not
  PostgreSQL enums: a value is added or removed by replacing one constraint in a migration.
- **Time.** `timestamptz` everywhere; `created_at` and `updated_at` default to `now()`, and
  the trigger `tg__set_updated_at` keeps `updated_at` on every table that has it.
- **Names.** Constraints and indexes follow the naming convention of `emporium.db.metadata`:
  `pk_<table>`, `uq_<table>__<columns>`, `ck_<table>__<rule>`,
  `fk_<table>__<columns>__<referenced table>`, `ix_<table>__<columns>`, so an error names the
  rule that was broken.
- **Foreign keys** use `ON DELETE CASCADE` for children owned by their parent, `RESTRICT` for
  references that are history (orders, ledgers) or shared, and `SET NULL` for optional
  references the row outlives. Composite keys such as `(location_id, vendor_id)` make a row's
  tenant agree with its parent's. They are indexed: an index leads with the key's columns, so
  deleting a parent or joining from it doesn't scan the child. From the catalog:
  - not served by an index: {unindexed_fks}.
- **Row-level security** is enabled on every table of `public`, each with at least one policy;
  clients get only the grants written next to the policies ([security.md](security.md)).
  From the catalog:
  - tables of `public` without RLS or without a policy: {without_rls}.
"""

FK_REASONS = {
    "CASCADE": "owned by the referenced row: deleting it deletes these rows.",
    "RESTRICT": "history or a shared reference: the referenced row can't be deleted while "
    "rows here refer to it.",
    "NO ACTION": "the referenced row can't be deleted while rows here refer to it (checked at "
    "the end of the statement).",
    "SET NULL": "optional reference: deleting the referenced row keeps these rows and sets "
    "the reference to NULL.",
    "SET DEFAULT": "deleting the referenced row keeps these rows and resets the reference to "
    "its default.",
}


def fk_indexed(rel: Relation, fk: Constraint) -> bool:
    """Whether an index serves the foreign key's lookups (`where <fk columns> = $1`).

    It must lead with one of the key's columns and be complete, or partial only on
    `<fk column> IS NOT NULL` (which such a lookup implies).
    """
    implied = {f"({c} IS NOT NULL)" for c in fk.columns}
    return any(
        i.columns and i.columns[0] in fk.columns and (i.predicate is None or i.predicate in implied)
        for i in rel.indexes
    )


def anchor(rel: Relation) -> str:
    return slug(rel.label)


def link(rel: Relation) -> str:
    return f"[{rel.label}](#{anchor(rel)})"


def index_shape(index: Index) -> str:
    """`CREATE UNIQUE INDEX x ON t USING btree (a, b) WHERE ...` -> `unique btree (a, b) ...`."""
    m = re.match(r"CREATE (UNIQUE )?INDEX \S+ ON \S+ USING (.*)$", index.definition)
    if not m:
        return index.definition
    return ("unique " if m.group(1) else "") + m.group(2)


def _column_rows(rel: Relation) -> list[list[str]]:
    rows = []
    for c in rel.columns:
        default = ""
        if c.generated is not None:
            default = "generated: " + code(c.generated)
        elif c.identity is not None:
            default = f"identity ({c.identity})"
        elif c.default is not None:
            default = code(c.default)
        rows.append(
            [
                code(c.name),
                code(c.type),
                "no" if c.not_null else "yes",
                default,
                cell(c.comment or ""),
            ]
        )
    return rows


def _fk_line(catalog: Catalog, rel: Relation, fk: Constraint) -> str:
    assert fk.ref_table is not None
    assert fk.ref_schema is not None
    assert fk.on_delete is not None
    parent = catalog.relation(fk.ref_schema, fk.ref_table)
    cols = ", ".join(fk.columns)
    text = (
        f"- foreign key {code(fk.name)} ({cols}) → {link(parent)} ({', '.join(fk.ref_columns)}), "
        f"on delete **{fk.on_delete}**: " + FK_REASONS.get(fk.on_delete, "")
    )
    if len(fk.columns) > 1:
        rest = ", ".join(fk.columns[1:])
        text += f" The composite key also makes {rest} agree with the referenced row."
    if fk.on_update not in (None, "NO ACTION"):
        text += f" On update {fk.on_update}."
    return text


def _constraint_lines(catalog: Catalog, rel: Relation) -> list[str]:
    out = []
    for con in rel.constraints:
        if con.kind == "f":
            out.append(_fk_line(catalog, rel, con))
            continue
        kind = CONSTRAINT_KINDS.get(con.kind, con.kind)
        if con.kind == "c":
            text = f"- check {code(con.name)}: {code(con.definition)}"
        else:
            text = f"- {kind} {code(con.name)} ({', '.join(con.columns)})"
        if con.comment:
            text += f": {con.comment}"
        out.append(text)
    return out


def _referenced_by(catalog: Catalog, rel: Relation) -> list[str]:
    refs = sorted(
        (child.label, fk.name, child, fk)
        for child in catalog.tables
        for fk in child.foreign_keys
        if (fk.ref_schema, fk.ref_table) == (rel.schema, rel.name)
    )
    return [
        f"{link(child)} ({', '.join(fk.columns)}, on delete {fk.on_delete})"
        for _, _, child, fk in refs
    ]


def relation_section(catalog: Catalog, rel: Relation, security_anchor: str) -> list[str]:
    what = "view" if not rel.is_table else "table"
    out = [f"### {rel.label}", ""]
    out.append(rel.comment or f"_No comment on this {what}._")
    out.append("")
    if rel.options:
        out += ["Options: " + ", ".join(code(o) for o in rel.options) + ".", ""]
    out += table(["column", "type", "null", "default", "comment"], _column_rows(rel))
    out.append("")
    if rel.view_uses:
        out += ["Reads and calls: " + ", ".join(code(u) for u in rel.view_uses) + ".", ""]
    if rel.constraints:
        out += ["**Constraints**", "", *_constraint_lines(catalog, rel), ""]
    refs = _referenced_by(catalog, rel)
    if refs:
        out += ["**Referenced by** " + ", ".join(refs) + ".", ""]
    indexes = [i for i in rel.indexes if not i.primary]
    if indexes:
        rows = [[code(i.name), code(index_shape(i)), cell(i.comment or "")] for i in indexes]
        out += ["**Indexes**", "", *table(["index", "definition", "serves"], rows), ""]
    if rel.triggers:
        out += ["**Triggers**", ""]
        for t in rel.triggers:
            shape = re.sub(rf"^CREATE TRIGGER {re.escape(t.name)} ", "", t.definition)
            shape = re.sub(rf" ON {re.escape(rel.qualname)} ", " ", shape)
            line = f"- {code(t.name)}: {code(shape)}"
            if t.function_comment:
                line += f": {t.function_comment}"
            out.append(line)
        out.append("")
    if rel.is_table:
        n = len(rel.policies)
        state = "enabled" if rel.rls else "**disabled**"
        if rel.rls_forced:
            state += " and forced"
        out += [
            f"**Row-level security** {state}, {n} {'policy' if n == 1 else 'policies'} "
            f"([security.md](security.md#{security_anchor})).",
            "",
        ]
    return out


def schema_text(catalog: Catalog, security_anchors: dict[str, str]) -> str:
    identity_tables = sorted(t.label for t in catalog.tables if any(c.identity for c in t.columns))
    composite_tables = sorted(
        t.label for t in catalog.tables if t.primary_key and len(t.primary_key.columns) > 1
    )
    without_rls = sorted(t.label for t in catalog.in_schema("public") if not (t.rls and t.policies))
    unindexed = sorted(
        f"`{t.label}` ({', '.join(fk.columns)})"
        for t in catalog.tables
        for fk in t.foreign_keys
        if not fk_indexed(t, fk)
    )
    out = [INTRO.format(note=GENERATED_NOTE)]
    out.append(
        CONVENTIONS.format(
            identity_tables=", ".join(f"`{n}`" for n in identity_tables) or "none",
            composite_tables=", ".join(f"`{n}`" for n in composite_tables) or "none",
            unindexed_fks=", ".join(unindexed) or "none",
            without_rls=", ".join(f"`{n}`" for n in without_rls) or "none",
        )
    )
    n_tables = len(catalog.tables)
    n_views = len(catalog.views)
    out += ["## Contents", ""]
    out.append(
        f"{n_tables} tables and {n_views} views, by domain (the models module that defines "
        "each table; views are listed last)."
    )
    out.append("")
    domains = [d for d in domain_order() if any(t.domain == d for t in catalog.tables)]
    for d in domains:
        out.append(f"- [{d}](#{slug(d)})")
        for t in (t for t in catalog.tables if t.domain == d):
            out.append(f"  - {link(t)}: {first_sentence(t.comment)}")
    if catalog.views:
        out.append("- [Views](#views)")
        for v in catalog.views:
            out.append(f"  - {link(v)}: {first_sentence(v.comment)}")
    out.append("")
    for d in domains:
        out += [f"## {d}", ""]
        intro = domain_intro(d)
        if intro:
            out += [intro, ""]
        for t in (t for t in catalog.tables if t.domain == d):
            out += relation_section(catalog, t, security_anchors.get(t.qualname, ""))
    if catalog.views:
        out += ["## Views", ""]
        for v in catalog.views:
            out += relation_section(catalog, v, security_anchors.get(v.qualname, ""))
    return "\n".join(out).rstrip("\n") + "\n"
