"""The generated schema docs: current, complete, and in the shape their readers expect."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

import psycopg
import pytest

from emporium.db.connect import Database
from emporium.ops.docs import DOC_FILES, render_docs, write_docs
from emporium.ops.docs_catalog import read_catalog
from emporium.ops.docs_domains import OTHER_DOMAIN
from tests.conftest import REPO

DOCS = REPO / "docs"

PUBLIC_TABLES = """
select c.relname, obj_description(c.oid, 'pg_class')
from pg_class c
where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
order by 1
"""

# Mermaid erDiagram lines: an entity, an attribute, a relationship (with quoted label).
ENTITY = re.compile(r"^    [A-Za-z_][A-Za-z0-9_-]* \{$")
ATTRIBUTE = re.compile(
    r"^        [A-Za-z][A-Za-z0-9_()\[\]-]* [A-Za-z_][A-Za-z0-9_-]*"
    r'( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"]*")?$'
)
RELATIONSHIP = re.compile(
    r"^    (?P<parent>[A-Za-z_][A-Za-z0-9_-]*) (\|\||\|o|\}o|\}\|)(--|\.\.)(\|\||o\||o\{|\|\{) "
    r'(?P<child>[A-Za-z_][A-Za-z0-9_-]*) : "(?P<label>[^"]+)"$'
)


def _rows(db: Database, query: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(db.admin_dsn) as c:
        return list(c.execute(query).fetchall())


@pytest.fixture
def docs(fresh_db: Database) -> dict[str, str]:
    return render_docs(read_catalog(fresh_db.admin_dsn))


def _section(text: str, heading: str) -> str:
    """The text under a `### heading`, up to the next heading."""
    m = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^##|\Z)", text, re.M | re.S)
    assert m, f"no section '### {heading}'"
    return m.group(1)


def _mermaid(erd: str) -> list[str]:
    m = re.search(r"^```mermaid\n(.*?)^```$", erd, re.M | re.S)
    assert m, "erd.md has no mermaid block"
    return m.group(1).splitlines()


def test_the_committed_docs_are_what_a_fresh_database_gives(docs: dict[str, str]) -> None:
    stale = []
    for name, text in docs.items():
        committed = (DOCS / name).read_text() if (DOCS / name).is_file() else ""
        if committed != text:
            diff = difflib.unified_diff(
                committed.splitlines(), text.splitlines(), f"docs/{name}", "generated", lineterm=""
            )
            stale.append(f"docs/{name}:\n" + "\n".join(list(diff)[:30]))
    if stale:
        pytest.fail(
            "the schema docs are stale: run `emporium db docs` on a freshly migrated database "
            "and commit docs/schema.md, docs/erd.md and docs/security.md\n\n" + "\n\n".join(stale),
            pytrace=False,
        )


def test_write_docs_writes_the_three_files_and_check_then_finds_them_current(
    fresh_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "docs"
    assert write_docs(fresh_db.admin_dsn, out, check=True) == list(DOC_FILES)
    assert write_docs(fresh_db.admin_dsn, out) == list(DOC_FILES)
    assert write_docs(fresh_db.admin_dsn, out, check=True) == []
    (out / "erd.md").write_text("edited by hand\n")
    assert write_docs(fresh_db.admin_dsn, out, check=True) == ["erd.md"]


def test_every_public_table_has_a_comment_and_is_in_all_three_docs(
    fresh_db: Database, docs: dict[str, str]
) -> None:
    tables = _rows(fresh_db, PUBLIC_TABLES)
    assert tables
    assert [name for name, comment in tables if not comment] == []
    entities = {line.strip().removesuffix(" {") for line in _mermaid(docs["erd.md"])}
    for name, comment in tables:
        assert " ".join(comment.split()) in _section(docs["schema.md"], name)
        assert name in entities, f"{name} is not an entity of the ERD"
        assert f"\n### {name}\n" in docs["security.md"]


def test_every_table_of_the_models_is_placed_in_its_domain(fresh_db: Database) -> None:
    catalog = read_catalog(fresh_db.admin_dsn)
    unplaced = [t.qualname for t in catalog.tables if t.domain == OTHER_DOMAIN]
    # Alembic's version table is the only one no models module defines.
    assert unplaced == ["private.alembic_version"], (
        "add the models module of these tables to DOMAIN_MODULES in emporium.ops.docs_domains"
    )


def test_every_index_in_public_has_a_comment_saying_what_it_serves(
    fresh_db: Database, docs: dict[str, str]
) -> None:
    rows = _rows(
        fresh_db,
        """
        select c.relname, i.indexrelid::regclass::text, obj_description(i.indexrelid, 'pg_class')
        from pg_index i join pg_class c on c.oid = i.indrelid
        where c.relnamespace = 'public'::regnamespace and not i.indisprimary
        order by 1, 2
        """,
    )
    assert rows
    assert [index for _, index, comment in rows if not comment] == []
    for table, index, comment in rows:
        section = _section(docs["schema.md"], table)
        assert f"`{index}`" in section
        assert " ".join(comment.split()).replace("|", "\\|") in section


def test_the_erd_has_one_relationship_line_per_foreign_key(
    fresh_db: Database, docs: dict[str, str]
) -> None:
    fks = _rows(
        fresh_db,
        """
        select rc.relname, c.relname,
               array_to_string(array(
                   select a.attname from unnest(con.conkey) with ordinality k(n, o)
                   join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n
                   order by k.o), ', ')
        from pg_constraint con
        join pg_class c on c.oid = con.conrelid
        join pg_class rc on rc.oid = con.confrelid
        where con.contype = 'f' and c.relnamespace = 'public'::regnamespace
        """,
    )
    assert fks
    found = [m for line in _mermaid(docs["erd.md"]) if (m := RELATIONSHIP.match(line))]
    assert len(found) == len(fks)
    assert sorted((m["parent"], m["child"], m["label"]) for m in found) == sorted(fks)


def test_the_erd_is_a_mermaid_er_diagram_in_shape(docs: dict[str, str]) -> None:
    lines = _mermaid(docs["erd.md"])
    assert lines[0] == "erDiagram"
    inside = False
    for line in lines[1:]:
        if inside:
            if line == "    }":
                inside = False
            else:
                assert ATTRIBUTE.match(line), f"not a Mermaid attribute: {line!r}"
        elif ENTITY.match(line):
            inside = True
        else:
            assert line.startswith("    %% ") or RELATIONSHIP.match(line), (
                f"not Mermaid erDiagram syntax: {line!r}"
            )
    assert not inside, "an entity block is not closed"


def test_security_md_lists_every_policy_under_its_table(
    fresh_db: Database, docs: dict[str, str]
) -> None:
    policies = _rows(
        fresh_db,
        "select schemaname, tablename, policyname, cmd from pg_policies order by 1, 2, 3",
    )
    assert policies
    for schema, table, policy, cmd in policies:
        label = table if schema == "public" else f"{schema}.{table}"
        assert f"- `{policy}`: {cmd} to " in _section(docs["security.md"], label), (
            f"policy {policy} on {schema}.{table} is missing from security.md"
        )


def test_security_md_shows_the_grants_of_each_persona_role(docs: dict[str, str]) -> None:
    matrix = _section(docs["security.md"], "Role anon")
    # anon reads the active catalog and nothing private
    assert re.search(r"^\| \[products\]\(#products\) \| on \| ✓ select_active \|", matrix, re.M)
    assert re.search(r"^\| \[orders\]\(#orders\) \| on \| — \| — \| — \| — \|$", matrix, re.M)
    helpers = _section(docs["security.md"], "Helpers in schema private")
    assert "`private.current_user_id()`" in helpers
