"""Migrations: replayable both ways, in agreement with the models, snapshot current."""

from __future__ import annotations

import psycopg
import pytest

from emporium.db import migrate
from emporium.db.connect import Database
from emporium.db.sqlfiles import living_files, newest_frozen_copies
from emporium.errors import DatabaseUnavailable, SchemaNotCurrent
from emporium.ops.snapshot import schema_dump
from tests.conftest import REPO, Server

SNAPSHOT = REPO / "schema" / "snapshot.sql"


def test_upgrade_downgrade_upgrade_leaves_an_identical_schema(fresh_db: Database) -> None:
    at_head = schema_dump(fresh_db.admin_dsn)

    assert migrate.downgrade(fresh_db.admin_dsn, "base") == "base"
    at_base = schema_dump(fresh_db.admin_dsn)
    assert migrate.upgrade(fresh_db.admin_dsn) == migrate.head_revision()

    assert schema_dump(fresh_db.admin_dsn) == at_head
    assert "credentials" not in at_base  # the downgrade really removed things


def test_committed_schema_snapshot_is_the_schema_of_head(
    fresh_db: Database, server: Server
) -> None:
    # Regenerate with: emporium db snapshot (on a database at head)
    if server.major() != 16:
        # The snapshot is pg_dump's view of a PostgreSQL 16 server (the embedded one, which CI
        # always runs); other majors print view bodies differently. The round-trip test still
        # proves the migrations on every server.
        pytest.skip("the committed snapshot is defined on PostgreSQL 16")
    assert SNAPSHOT.exists(), "schema/snapshot.sql is missing: run `emporium db snapshot`"
    assert schema_dump(fresh_db.admin_dsn) == SNAPSHOT.read_text(), (
        "schema/snapshot.sql is stale: run `emporium db snapshot` and commit it"
    )


def test_models_and_migrations_agree(fresh_db: Database) -> None:
    assert migrate.check(fresh_db.admin_dsn) == []


def test_every_living_sql_file_equals_its_newest_frozen_copy() -> None:
    living = living_files()
    frozen = newest_frozen_copies()
    assert living, "no living SQL files found"
    never_frozen = sorted(set(living) - set(frozen))
    assert never_frozen == [], f"living SQL without a migration that applies it: {never_frozen}"
    edited = sorted(p for p, f in living.items() if f.read_text() != frozen[p].read_text())
    assert edited == [], (
        f"edited without a new migration (freeze a copy in a new revision): {edited}"
    )


def test_a_database_at_an_unknown_migration_is_refused_with_a_clear_error(
    fresh_db: Database,
) -> None:
    with psycopg.connect(fresh_db.admin_dsn, autocommit=True) as c:
        c.execute("update private.alembic_version set version_num = 'ffff_from_the_future'")
    with pytest.raises(SchemaNotCurrent, match="does not know") as info:
        migrate.upgrade(fresh_db.admin_dsn)
    assert info.value.instance_code == "unknown_migration"


def test_a_database_behind_head_is_reported_as_not_current(fresh_db: Database) -> None:
    migrate.downgrade(fresh_db.admin_dsn, "base")
    with pytest.raises(SchemaNotCurrent, match="expected"):
        migrate.assert_at_head(fresh_db.admin_dsn)


def test_upgrade_on_an_empty_database_reaches_head(empty_db: Database) -> None:
    assert migrate.current_revision(empty_db.admin_dsn) is None
    assert migrate.upgrade(empty_db.admin_dsn) == migrate.head_revision()


def test_an_unreachable_server_is_a_clear_error_not_a_traceback(server: Server) -> None:
    with pytest.raises(DatabaseUnavailable, match="can't connect"):
        migrate.upgrade("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_history_lists_head_first() -> None:
    revisions = migrate.history()
    assert revisions[0].is_head
    assert revisions[0].revision == migrate.head_revision()
    assert revisions[-1].down_revision is None
