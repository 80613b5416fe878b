"""What the migrator refuses to do, and that a refusal changes nothing: a database not in
the legacy shape, a phase out of order, two migrators at once, a table lock it can't get
within ``lock_timeout``, destructive work without confirmation."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

from emporium.cli import app
from emporium.db.connect import Database
from emporium.errors import Conflict, EmporiumError, InvalidInput
from emporium.legacy import phases
from emporium.legacy.state import ADVISORY_KEY, LEGACY_TABLES
from tests.legacy import support
from tests.legacy.conftest import MakeLegacy

runner = CliRunner()


@contextmanager
def holding(dsn: str, statement: str) -> Iterator[psycopg.Connection[Any]]:
    """Another session that ran STATEMENT in an open transaction (holding its locks)."""
    with psycopg.connect(dsn) as other:
        other.execute(statement)
        try:
            yield other
        finally:
            other.rollback()


def _unchanged(dsn: str, catalog: set[tuple[str, str, str]]) -> None:
    after = support.catalog(dsn)
    assert (sorted(after - catalog), sorted(catalog - after)) == ([], [])


# ------------------------------------------------------------------------ the shape
def test_an_empty_database_is_refused_as_not_legacy_shape_and_nothing_is_created(
    empty_db: Database, tmp_path: Any
) -> None:
    dsn = empty_db.admin_dsn
    before = support.catalog(dsn)
    with pytest.raises(InvalidInput) as refused:
        phases.migrate(dsn, options=support.options(tmp_path))
    assert refused.value.instance_code == "not_legacy_shape"
    for table in LEGACY_TABLES:
        assert f"table {table} is missing" in refused.value.message
    _unchanged(dsn, before)
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("alter table public.users drop column phone",
         "public.users.phone is missing (expected text)"),
        ("alter table public.orders alter column total type varchar(40)",
         "public.orders.total is character varying(40), expected text"),
        ("alter table public.dealer_prices alter column min_qty type bigint",
         "public.dealer_prices.min_qty is bigint, expected integer"),
        ("alter table public.sneakers add column colorway text",
         "public.sneakers has column colorway not in the legacy shape"),
        ("drop table public.dealers",
         "table dealers is missing"),
    ],
    ids=["missing-column", "changed-type", "wider-integer", "extra-column", "missing-table"],
)  # fmt: skip
def test_a_database_off_the_legacy_shape_is_refused_naming_the_difference(
    make_legacy: MakeLegacy, change: str, named: str
) -> None:
    db = make_legacy(scale=0.1, seed=21)
    with psycopg.connect(db.dsn, autocommit=True) as c:
        c.execute(change)
    before = support.catalog(db.dsn)
    sums = support.legacy_sums(db.dsn, "public") if "drop table" not in change else None

    with pytest.raises(InvalidInput) as refused:
        phases.migrate(db.dsn, options=db.options)

    assert refused.value.instance_code == "not_legacy_shape"
    assert named in refused.value.message
    _unchanged(db.dsn, before)
    if sums is not None:
        assert support.legacy_sums(db.dsn, "public") == sums


def test_an_emporium_database_is_refused_as_not_legacy_shape(
    fresh_db: Database, tmp_path: Any
) -> None:
    dsn = fresh_db.admin_dsn
    before = support.catalog(dsn)
    result = runner.invoke(app, support.migrate_args(dsn, tmp_path))
    assert isinstance(result.exception, InvalidInput), result.output
    assert result.exception.instance_code == "not_legacy_shape"
    assert "table sneakers is missing" in result.exception.message
    _unchanged(dsn, before)


# ------------------------------------------------------------------- order, concurrency
def test_the_transform_before_the_build_is_refused_as_out_of_order(
    make_legacy: MakeLegacy,
) -> None:
    db = make_legacy(scale=0.1, seed=22)
    sums = support.legacy_sums(db.dsn, "public")
    with pytest.raises(Conflict) as refused:
        phases.migrate(db.dsn, phases=["transform"], options=db.options)
    assert refused.value.instance_code == "phase_out_of_order"
    assert "transform needs audit, backup, move_aside, build done first" in refused.value.message
    assert support.legacy_sums(db.dsn, "public") == sums
    assert "legacy" not in support.schemas(db.dsn)
    assert support.phase_status(db.dsn)["transform"] == "pending"


def test_an_unknown_phase_is_refused(make_legacy: MakeLegacy) -> None:
    db = make_legacy(scale=0.1, seed=22)
    before = support.catalog(db.dsn)
    with pytest.raises(InvalidInput) as refused:
        phases.migrate(db.dsn, phases=["transmogrify"], options=db.options)
    assert refused.value.instance_code == "unknown_phase"
    _unchanged(db.dsn, before)


def test_a_second_migrator_at_once_waits_then_is_refused_naming_the_first(
    make_legacy: MakeLegacy,
) -> None:
    db = make_legacy(scale=0.1, seed=23)
    before = support.catalog(db.dsn)
    said: list[str] = []
    with holding(db.dsn, f"select pg_advisory_lock({ADVISORY_KEY})") as first:
        started = time.monotonic()
        with pytest.raises(Conflict) as refused:
            phases.migrate(
                db.dsn,
                options=support.options(db.tmp, lock_timeout="300ms"),
                ui=phases.UI(say=said.append),
            )
        waited = time.monotonic() - started
        holder = f"backend {first.info.backend_pid} "
        assert refused.value.instance_code == "migration_running"
        assert "lock was still held after waiting 300ms" in refused.value.message
        assert holder in refused.value.message
        assert any(line.startswith("waiting up to 300ms") and holder in line for line in said)
        assert waited >= 0.3  # it waited for the lock before refusing
    _unchanged(db.dsn, before)


# ---------------------------------------------------------------------------- locks
def test_a_lock_on_a_legacy_table_during_move_aside_times_out_naming_it_and_moves_nothing(
    make_legacy: MakeLegacy,
) -> None:
    db = make_legacy(scale=0.1, seed=24)
    opts = support.options(db.tmp, lock_timeout="200ms")
    phases.migrate(db.dsn, phases=["audit", "backup"], options=opts)

    # a legacy reader in the middle of a transaction
    with holding(db.dsn, "select count(*) from public.orders"):
        started = time.monotonic()
        with pytest.raises(Conflict) as refused:
            phases.migrate(db.dsn, options=opts)
        waited = time.monotonic() - started
        assert refused.value.instance_code == "lock_timeout"
        assert "public.orders" in refused.value.message
        assert "200ms" in refused.value.message
        assert waited < 5
        assert "legacy" not in support.schemas(db.dsn)
        assert support.public_tables(db.dsn) == set(LEGACY_TABLES)
        status = support.phase_status(db.dsn)
        assert (status["move_aside"], status["build"]) == ("failed", "pending")

    phases.migrate(db.dsn, options=opts)  # the reader is gone: it goes on from there
    assert support.phase_status(db.dsn) == support.all_done()


def test_a_writer_on_an_emporium_table_during_the_transform_times_out_naming_it(
    make_legacy: MakeLegacy,
) -> None:
    """The transform alters triggers of the emporium tables it fills; a session writing
    to one of them holds a lock that conflicts. The transform must give up after
    lock_timeout with the table's name, not wait or fail with a raw database error."""
    db = make_legacy(scale=0.1, seed=25)
    opts = support.options(db.tmp, lock_timeout="200ms")
    phases.migrate(db.dsn, phases=["audit", "backup", "move_aside", "build"], options=opts)
    with holding(db.dsn, "lock table public.products in row exclusive mode"):
        with pytest.raises(EmporiumError) as refused:
            phases.migrate(db.dsn, options=opts)
        assert refused.value.instance_code == "lock_timeout"
        assert "public.products" in refused.value.message
    phases.migrate(db.dsn, options=opts)
    assert support.phase_status(db.dsn) == support.all_done()


def test_rollback_waits_for_a_lock_on_an_emporium_table_at_most_lock_timeout(
    make_legacy: MakeLegacy,
) -> None:
    """Rollback drops the emporium tables; a session reading one holds a lock that
    conflicts. It must give up after lock_timeout, naming the table, never hang."""
    db = make_legacy(scale=0.1, seed=26)
    phases.migrate(db.dsn, options=db.options)
    outcome: dict[str, Any] = {}

    def roll_back() -> None:
        try:
            outcome["result"] = phases.rollback(
                db.dsn, options=support.options(db.tmp, lock_timeout="200ms")
            )
        except Exception as exc:
            outcome["error"] = exc

    with holding(db.dsn, "select count(*) from public.orders") as other:
        worker = threading.Thread(target=roll_back, daemon=True)
        worker.start()
        worker.join(timeout=5)
        hung = worker.is_alive()
        other.rollback()  # let a hung rollback go on, so that the test never hangs
    worker.join(timeout=60)
    assert not hung, "rollback waited for the lock beyond lock_timeout"
    error = outcome.get("error")
    assert isinstance(error, EmporiumError), outcome
    assert error.instance_code == "lock_timeout"
    assert "public.orders" in error.message


# ---------------------------------------------------------------------- confirmation
@pytest.mark.parametrize("command", ["migrate", "rollback"])
def test_the_cli_without_yes_on_a_non_tty_is_refused_and_changes_nothing(
    make_legacy: MakeLegacy, command: str
) -> None:
    db = make_legacy(scale=0.1, seed=27)
    if command == "rollback":
        phases.migrate(db.dsn, phases=["audit", "backup", "move_aside"], options=db.options)
    before = support.catalog(db.dsn)
    args = ["legacy", command, "--database-url", db.dsn]
    if command == "migrate":
        args += ["--out", str(db.tmp / "r"), "--backup-dir", str(db.tmp / "b")]

    result = runner.invoke(app, args, input="")

    assert isinstance(result.exception, InvalidInput), result.output
    assert result.exception.instance_code == "confirmation_required"
    assert "--yes" in result.exception.message
    _unchanged(db.dsn, before)
    assert not (db.tmp / "r").exists()
    assert not (db.tmp / "b").exists()
