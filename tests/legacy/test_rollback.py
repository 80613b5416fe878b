"""Rollback restores exactly, from any phase: the seven legacy tables back in public with
the checksums they had before the migration began, and nothing the migration created
left behind (schemas, tables, functions, types, default privileges ...)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

from emporium.cli import app
from emporium.errors import Conflict
from emporium.legacy import phases, state
from emporium.legacy.state import ADVISORY_KEY, LEGACY_TABLES, PHASES
from tests.legacy import support
from tests.legacy.conftest import LegacyDb, MakeLegacy


class Before:
    """What the legacy database was before the migration: checksums and catalog."""

    def __init__(self, db: LegacyDb) -> None:
        self.db = db
        self.sums = support.legacy_sums(db.dsn, "public")
        self.catalog = support.catalog(db.dsn)
        assert set(self.sums) == set(LEGACY_TABLES)
        assert all(s.rows > 0 for s in self.sums.values())

    def assert_restored(self) -> None:
        dsn = self.db.dsn
        assert support.legacy_sums(dsn, "public") == self.sums
        assert support.public_tables(dsn) == set(LEGACY_TABLES)
        assert {"reorg", "legacy", "private"} & support.schemas(dsn) == set()
        gone = sorted(self.catalog - support.catalog(dsn))
        added = sorted(support.catalog(dsn) - self.catalog)
        assert (added, gone) == ([], [])


def test_rollback_after_a_full_migration_restores_the_legacy_tables_exactly(
    make_legacy: MakeLegacy, record_property: Any
) -> None:
    db = make_legacy(scale=1, seed=4)
    before = Before(db)
    phases.migrate(db.dsn, options=db.options)
    assert support.phase_status(db.dsn) == support.all_done()
    assert "sneakers" in support.public_tables(db.dsn)  # the compat view

    started = time.monotonic()
    result = phases.rollback(db.dsn)
    seconds = time.monotonic() - started

    record_property("rollback_seconds_scale_1", round(seconds, 2))
    print(f"rollback at scale 1 ({sum(db.counts.values())} legacy rows): {seconds:.2f} s")
    assert result["moved_back"] == list(LEGACY_TABLES)
    assert result["rows"] == sum(db.counts.values())
    assert result["baseline"] is True
    before.assert_restored()
    assert seconds < 10


@pytest.mark.parametrize("last", ["audit", "backup", "move_aside", "build"])
def test_rollback_after_the_first_phases_restores_the_legacy_tables_exactly(
    make_legacy: MakeLegacy, last: str
) -> None:
    db = make_legacy(scale=0.3, seed=6)
    before = Before(db)
    done = list(PHASES[: PHASES.index(last) + 1])
    phases.migrate(db.dsn, phases=done, options=db.options)
    status = support.phase_status(db.dsn)
    assert [p for p, s in status.items() if s == "done"] == done
    moved = PHASES.index(last) >= PHASES.index("move_aside")
    assert ("legacy" in support.schemas(db.dsn)) is moved

    result = phases.rollback(db.dsn)

    assert result["moved_back"] == (list(LEGACY_TABLES) if moved else [])
    before.assert_restored()


def test_rollback_from_a_half_done_transform_restores_the_legacy_tables_exactly(
    make_legacy: MakeLegacy, tmp_path: Path
) -> None:
    db = make_legacy(scale=0.3, seed=7)
    before = Before(db)
    run = support.start_cli(
        support.migrate_args(db.dsn, db.tmp, "--batch-rows", "100"), tmp_path / "cli.log"
    )
    partial = (
        "select exists (select 1 from reorg.steps where done)"
        " and exists (select 1 from reorg.steps where not done and rows > 0)"
    )
    deadline = time.monotonic() + 120
    with psycopg.connect(db.dsn, autocommit=True) as probe:
        while run.proc.poll() is None and time.monotonic() < deadline:
            try:
                if support.scalar(probe, "select to_regclass('reorg.steps') is not null") and (
                    support.scalar(probe, partial)
                ):
                    break
            except psycopg.Error:
                pass
            time.sleep(0.005)
    assert support.kill(run), "the migration ended before it could be killed mid-transform"
    steps = support.rows(db.dsn, "select step, done, rows from reorg.steps order by step")
    assert any(not d and r > 0 for _, d, r in steps), steps
    # the loaded tables' keys and indexes are away (rollback must build them to migrate down)
    assert support.scalar(db.dsn, "select count(*) from reorg.deferred_ddl where not done") > 80
    assert support.phase_status(db.dsn)["transform"] == "running"
    # status tells a stopped migrator's phase from a running one (once its session is gone:
    # within the check interval)
    deadline = time.monotonic() + 30
    with psycopg.connect(db.dsn, autocommit=True) as probe:
        while state.lock_holder(probe) is not None:
            assert time.monotonic() < deadline, "the killed migrator's session never ended"
            time.sleep(0.05)
    shown = CliRunner().invoke(app, ["legacy", "status", "--database-url", db.dsn])
    assert shown.exit_code == 0, shown.output
    assert "no migrator is working now: transform is marked running because the migrator" in (
        " ".join(shown.output.split())
    )

    phases.rollback(db.dsn)  # right away: the killed migrator's sessions end within seconds

    before.assert_restored()


def test_rollback_refuses_while_a_migrator_works_and_where_nothing_was_migrated(
    make_legacy: MakeLegacy,
) -> None:
    db = make_legacy(scale=0.1, seed=8)
    with pytest.raises(Conflict) as nothing:
        phases.rollback(db.dsn)
    assert nothing.value.instance_code == "nothing_to_roll_back"

    phases.migrate(db.dsn, phases=["audit"], options=db.options)
    with psycopg.connect(db.dsn, autocommit=True) as other:
        other.execute("select pg_advisory_lock(%s)", [ADVISORY_KEY])
        with pytest.raises(Conflict) as busy:
            phases.rollback(db.dsn, options=support.options(db.tmp, lock_timeout="300ms"))
        assert busy.value.instance_code == "migration_running"
    assert "reorg" in support.schemas(db.dsn)  # nothing undone while it was refused


PRIVATE = (
    "create schema private; grant usage on schema private to public;"
    "create table private.notes (id int primary key, body text);"
    "grant select on private.notes to public;"
    "insert into private.notes values (1, 'kept')"
)


def _migrated_and_rolled_back_with_a_private_schema(
    make_legacy: MakeLegacy,
) -> tuple[LegacyDb, set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """The emporium schema lives partly in schema private; this legacy database had a
    private schema of its own (readable by everyone)."""
    db = make_legacy(scale=0.1, seed=9, prepare=PRIVATE)
    before = support.catalog(db.dsn)
    sums = support.legacy_sums(db.dsn, "public")
    phases.migrate(db.dsn, options=db.options)
    phases.rollback(db.dsn)
    assert support.legacy_sums(db.dsn, "public") == sums
    return db, before, support.catalog(db.dsn)


def test_rollback_keeps_a_private_schema_that_existed_before(make_legacy: MakeLegacy) -> None:
    db, before, after = _migrated_and_rolled_back_with_a_private_schema(make_legacy)
    assert support.rows(db.dsn, "select * from private.notes") == [(1, "kept")]
    before, after = ({c for c in cat if c[:2] != ("schema", "private")} for cat in (before, after))
    assert (sorted(after - before), sorted(before - after)) == ([], [])


def test_rollback_gives_a_private_schema_that_existed_before_its_privileges_back(
    make_legacy: MakeLegacy,
) -> None:
    _, before, after = _migrated_and_rolled_back_with_a_private_schema(make_legacy)
    schema_before, schema_after = (
        {c for c in cat if c[:2] == ("schema", "private")} for cat in (before, after)
    )
    assert schema_after == schema_before
