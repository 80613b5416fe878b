"""The committed schema snapshot: `pg_dump --schema-only` of the emporium schemas at head."""

from __future__ import annotations

import re
import subprocess

from emporium.db.connect import Database, connect
from emporium.db.metadata import OWNED_SCHEMAS
from emporium.errors import EmporiumError
from emporium.ops.pgtools import find_tool

# Some server builds (the Debian PostgreSQL 15 on our CI machines) stamp every new column
# with an attribute option `pg_attver=<n>` that differs per run. It belongs to the server,
# not to our schema; we never set attribute options ourselves.
_SERVER_ATTOPTION = re.compile(r"^ALTER TABLE ONLY \S+ ALTER COLUMN \S+ SET \(pg_attver=\d+\);$")


def schema_dump(dsn: str) -> str:
    """The schema of `dsn`'s emporium schemas, normalized so that it is comparable across runs."""
    with connect(dsn) as conn:
        major = int(conn.execute("show server_version_num").fetchone()[0]) // 10000  # type: ignore[index]
    args = [str(find_tool("pg_dump", major)), "--schema-only", "--no-owner", "--dbname", dsn]
    for schema in OWNED_SCHEMAS:
        args += ["--schema", schema]
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0:
        raise EmporiumError(f"pg_dump failed: {result.stderr.strip()}", code="pg_dump_failed")
    kept = [
        line
        for line in result.stdout.splitlines()
        # Version banners and per-run restrict keys differ between otherwise equal dumps.
        if not line.startswith(("-- Dumped from", "-- Dumped by", "\\restrict", "\\unrestrict"))
        and not _SERVER_ATTOPTION.match(line)
    ]
    return "\n".join(kept).strip() + "\n"


def schema_snapshot(db: Database) -> str:
    return schema_dump(db.admin_dsn)
