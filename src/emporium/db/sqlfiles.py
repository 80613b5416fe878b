"""Living SQL files and the frozen copies that migrations apply.

Policies, functions, triggers and views are edited in one living file per domain under
``emporium/db/sql/``. A migration that changes one ships a frozen copy under
``migrations/versions/frozen/<revision>/`` and applies that copy, so replaying history
never applies today's SQL (Alembic's "replaceable objects" recipe). A test checks that
every living file equals its newest frozen copy: an edit without a migration fails CI.
"""

from __future__ import annotations

from pathlib import Path

from alembic import op

SQL_DIR = Path(__file__).parent / "sql"
FROZEN_DIR = Path(__file__).parent / "migrations" / "versions" / "frozen"


def frozen_sql(revision: str, relpath: str) -> str:
    return (FROZEN_DIR / revision / relpath).read_text()


def execute_sql(sql: str) -> None:
    """Run a whole SQL script on the migration's connection, as written.

    Sent through the driver without parameters, so `%` and `:name` need no escaping.
    """
    dbapi = op.get_bind().connection.driver_connection
    dbapi.execute(sql)  # type: ignore[union-attr]


def apply_frozen(revision: str, relpath: str) -> None:
    execute_sql(frozen_sql(revision, relpath))


def newest_frozen_copies() -> dict[str, Path]:
    """For every frozen path, the copy in the newest revision folder (folders sort by rank)."""
    newest: dict[str, Path] = {}
    for rev_dir in sorted(p for p in FROZEN_DIR.iterdir() if p.is_dir()):
        for f in rev_dir.rglob("*.sql"):
            newest[str(f.relative_to(rev_dir))] = f
    return newest


def living_files() -> dict[str, Path]:
    return {str(f.relative_to(SQL_DIR)): f for f in SQL_DIR.rglob("*.sql")}
