"""The reorganization behind a connection pooler (a real PgBouncer in front of the server
under test). Supabase gives a store three ways in: the direct connection, a session pooler
(port 5432) and a transaction pooler (port 6543). The migrator needs one server session for
its whole run (its advisory lock, its session settings), so:

- through a pooler in **transaction** mode it refuses before doing anything
  (``transaction_pooler``), and says what to use instead; so do rollback and rehearse;
- through one in **session** mode the whole reorganization runs, validates and rolls back,
  which needs no ``options`` startup parameter anywhere (PgBouncer refuses it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from emporium.db.connect import connect
from emporium.errors import ConfigError, Conflict
from emporium.legacy import phases, rehearse, state
from emporium.ops import pooler as pooler_kind
from tests import pooler
from tests.conftest import Server
from tests.legacy import support
from tests.legacy.conftest import MakeLegacy

pytestmark = pytest.mark.slow


def test_each_way_in_is_told_apart(server: Server) -> None:
    """Direct, session pooler and transaction pooler, each seen by two clients at once (a
    session pooler must not be mistaken for a transaction one because two clients are
    connected, nor a transaction one for a session one)."""
    dsn = server.admin_dsn
    with (
        pooler.pgbouncer(dsn, "session") as session,
        pooler.pgbouncer(dsn, "transaction") as transaction,
    ):
        for direct_or_pooled, expected in (
            (dsn, "direct"),
            (session.dsn(dsn), "session pooler"),
            (transaction.dsn(dsn), "transaction pooler"),
        ):
            with (
                connect(direct_or_pooled, autocommit=True) as one,
                connect(direct_or_pooled, autocommit=True) as two,
            ):
                assert pooler_kind.kind(one, direct_or_pooled) == expected
                assert pooler_kind.kind(two, direct_or_pooled) == expected
        with connect(transaction.dsn(dsn), autocommit=True) as conn:
            with pytest.raises(ConfigError) as refused:
                pooler_kind.require_session(conn, transaction.dsn(dsn), "the test")
            assert refused.value.instance_code == "transaction_pooler"
            assert "the test needs one server session" in refused.value.message
            assert "port 6543" in (refused.value.hint or "")


def test_a_transaction_pooler_is_refused_before_anything_changes(
    server: Server, make_legacy: MakeLegacy, tmp_path: Path
) -> None:
    db = make_legacy(scale=0.1, seed=61)
    before = support.catalog(db.dsn)
    with pooler.pgbouncer(server.admin_dsn, "transaction") as bouncer:
        pooled = bouncer.dsn(db.dsn)
        with pytest.raises(ConfigError) as refused:
            phases.migrate(pooled, options=db.options)
        assert refused.value.instance_code == "transaction_pooler"
        assert "nothing was changed" in refused.value.message
        with pytest.raises(ConfigError) as refused:
            phases.rollback(pooled, options=db.options)
        assert refused.value.instance_code == "transaction_pooler"
        with pytest.raises(ConfigError) as refused:
            rehearse.rehearse(rehearse.Plan(pooled, pooled, db.options))
        assert refused.value.instance_code == "transaction_pooler"

        # The command line says so with its code, the way out, and a non-zero exit.
        done = subprocess.run(
            [sys.executable, "-m", "emporium", *support.migrate_args(pooled, tmp_path)],
            capture_output=True,
            text=True,
            env=support.cli_env(),
            timeout=120,
        )
        assert done.returncode != 0
        said = done.stdout + done.stderr
        assert "error[transaction_pooler]" in said
        assert "session pooler" in said
        assert "Traceback" not in said
    assert support.catalog(db.dsn) == before  # no schema, no table, no run recorded
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_through_a_session_pooler_the_reorganization_runs_validates_and_rolls_back(
    server: Server, make_legacy: MakeLegacy
) -> None:
    db = make_legacy(scale=0.2, seed=62)
    before = support.catalog(db.dsn)
    legacy_sums = support.legacy_sums(db.dsn, "public")
    said: list[str] = []
    with pooler.pgbouncer(server.admin_dsn, "session") as bouncer:
        pooled = bouncer.dsn(db.dsn)
        result = phases.migrate(pooled, options=db.options, ui=phases.UI(say=said.append))
        assert "connected through a connection pooler in session mode" in " ".join(said)
        assert support.phase_status(db.dsn) == support.all_done()
        assert all(c["ok"] for c in result["validate"]["checks"]), result["validate"]
        # verified through the pooler: every legacy row (and the migration's own records)
        assert result["backup"]["rows"] >= sum(db.counts.values())
        assert result["backup"]["verified_tables"] >= len(db.counts)
        # The backup was verified through the pooler, and left no database setting behind.
        with psycopg.connect(db.dsn, autocommit=True) as conn:
            assert conn.execute("select count(*) from pg_db_role_setting").fetchone() == (0,)

        back = phases.rollback(pooled, options=db.options)  # (it compares checksums too)
        assert back["baseline"] is True
    assert support.legacy_sums(db.dsn, "public") == legacy_sums
    assert support.catalog(db.dsn) == before


def test_a_session_moved_under_the_migrator_stops_it_between_phases(
    make_legacy: MakeLegacy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a pooler the probe took for a session pooler ever move the migrator's
    connection to another server session, the lock would protect nothing: the migrator
    stops before the next phase. (The move is made here as the server sees it: the
    migrator's session no longer holds the lock once the audit is done.)"""
    db = make_legacy(scale=0.1, seed=63)
    audit = phases.RUNNERS["audit"]

    def audit_then_lose_the_session(conn, dsn, opts, ui):  # type: ignore[no-untyped-def]
        done = audit(conn, dsn, opts, ui)
        conn.execute("select pg_advisory_unlock_all()")
        return done

    monkeypatch.setitem(phases.RUNNERS, "audit", audit_then_lose_the_session)
    with pytest.raises(Conflict) as stopped:
        phases.migrate(db.dsn, options=db.options)
    assert stopped.value.instance_code == "session_moved"
    status = support.phase_status(db.dsn)
    assert (status["audit"], status["backup"], status["move_aside"]) == (
        "done",
        "pending",
        "pending",
    )
    assert support.public_tables(db.dsn) == set(state.LEGACY_TABLES)  # nothing moved

    monkeypatch.setitem(phases.RUNNERS, "audit", audit)
    phases.migrate(db.dsn, options=db.options)  # connected as it should be: it goes on
    assert support.phase_status(db.dsn) == support.all_done()
