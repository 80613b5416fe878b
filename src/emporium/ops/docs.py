"""The generated schema docs: docs/schema.md, docs/erd.md and docs/security.md.

All three are rendered from the live catalog of a migrated database (docs_catalog), never
copied by hand: `emporium db docs` writes them, `emporium db docs --check` and a test compare
them with a freshly migrated database. The output is deterministic (everything sorted, no
timestamps, no server or database names), so regenerating an unchanged schema changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from emporium.ops.docs_catalog import Catalog, read_catalog
from emporium.ops.docs_erd import erd_text
from emporium.ops.docs_schema import schema_text
from emporium.ops.docs_security import security_anchors, security_text

DOC_FILES = ("schema.md", "erd.md", "security.md")


def erd_markdown(dsn: str) -> str:
    """A Mermaid erDiagram of schema public, in markdown (docs/erd.md)."""
    return erd_text(read_catalog(dsn))


def schema_markdown(dsn: str) -> str:
    """Every table and view with its columns, constraints, indexes and triggers (docs/schema.md)."""
    catalog = read_catalog(dsn)
    return schema_text(catalog, security_anchors(catalog))


def security_markdown(dsn: str) -> str:
    """The RLS policies, grants and helper functions (docs/security.md)."""
    return security_text(read_catalog(dsn))


def render_docs(catalog: Catalog) -> dict[str, str]:
    return {
        "schema.md": schema_text(catalog, security_anchors(catalog)),
        "erd.md": erd_text(catalog),
        "security.md": security_text(catalog),
    }


def write_docs(dsn: str, out_dir: Path, *, check: bool = False) -> list[str]:
    """Write the docs into `out_dir` and return their names.

    With check=True nothing is written: the names returned are those of the files that are
    missing or differ from what the database gives (stale).
    """
    docs = render_docs(read_catalog(dsn))
    if check:
        return [
            name
            for name, text in docs.items()
            if not (out_dir / name).is_file() or (out_dir / name).read_text() != text
        ]
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (out_dir / name).write_text(text)
    return list(docs)
