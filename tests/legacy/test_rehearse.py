"""`emporium legacy rehearse`: the whole reorganization on a copy, the store left as it was.

Each test tries to make the rehearsal touch what it must not (the store, a database that
happens to have the copy's name), lose its place (a phase failing midway), or run where it
can't (a role without CREATEDB, a store already being migrated)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo
from typer.testing import CliRunner

from emporium.cli import app
from emporium.errors import Conflict, EmporiumError, InvalidInput, PermissionDenied
from emporium.legacy import phases, rehearse
from emporium.legacy.state import LEGACY_TABLES, PHASES
from tests.conftest import Server
from tests.legacy import support
from tests.legacy.conftest import MakeLegacy, Migrated
from tests.security.test_supabase_compat import AUTH_OBJECTS, SUPABASE_PREPARATION

runner = CliRunner()


def _exists(server: Server, name: str) -> bool:
    return bool(
        support.scalar(
            server.admin_dsn, "select count(*) from pg_database where datname = %s", [name]
        )
    )


def _plan(dsn: str, tmp: Path, **kw: Any) -> rehearse.Plan:
    return rehearse.Plan(source_dsn=dsn, server_dsn=dsn, options=support.options(tmp), **kw)


def test_a_rehearsal_migrates_a_copy_rolls_it_back_and_leaves_the_store_as_it_was(
    make_legacy: MakeLegacy, server: Server
) -> None:
    db = make_legacy(scale=0.3, seed=61)
    catalog, sums = support.catalog(db.dsn), support.legacy_sums(db.dsn, "public")

    said: list[str] = []
    s = rehearse.rehearse(_plan(db.dsn, db.tmp), phases.UI(say=said.append))

    # the store: the same objects, the same rows, no reorganization begun
    assert support.catalog(db.dsn) == catalog
    assert support.legacy_sums(db.dsn, "public") == sums
    assert "reorg" not in support.schemas(db.dsn)
    # the copy: migrated, validated, rolled back exactly, dropped
    copy = f"{db.name}_rehearsal"
    assert s["copy"] == copy
    assert not _exists(server, copy)
    assert s["resumed"] is False
    assert s["kept"] is False
    assert s["source_read"] is True
    assert s["checks"] >= 15
    assert s["checks_failed"] == []
    assert s["legacy_rows"] == sum(db.counts[t] for t in LEGACY_TABLES)
    assert s["restored_rows"] >= s["legacy_rows"]
    assert s["rollback"]["rows"] == s["legacy_rows"]
    assert s["rollback"]["tables"] == len(LEGACY_TABLES)
    assert set(s["phases"]) == set(PHASES)
    assert all(v is not None for v in s["phases"].values())
    freeze = sum(s["phases"][p] for p in PHASES[PHASES.index("move_aside") :])
    assert s["write_freeze_seconds"] == pytest.approx(freeze, abs=0.02)
    assert any(line.startswith("== rolling the copy back") for line in said)
    # the store's own backup, verified by the restore, is kept and cited
    archive = Path(s["archive"])
    assert archive.parent == db.tmp / "backups"
    assert archive.is_file()
    assert archive.with_name(archive.name.replace(".dump", ".manifest.json")).is_file()
    # what a person reads
    out = db.tmp / "reports"
    md = (out / "legacy-rehearsal.md").read_text()
    assert f"`{db.name}` was only read, by pg_dump" in md
    assert "15 of 15 checks pass" in md or f"{s['checks']} of {s['checks']} checks pass" in md
    assert "The way back, rehearsed" in md
    assert "write freeze" in md
    # one table, its rows together (a markdown table ends at the first line that isn't one)
    rows = md.splitlines()
    first = rows.index("| phase | seconds |")
    assert rows[first : first + len(PHASES) + 3] == [
        "| phase | seconds |",
        "|---|---:|",
        *(f"| {p} | {s['phases'][p]:.1f} |" for p in PHASES),
        f"| **all** | **{sum(s['phases'].values()):.1f}** |",
    ]
    chart = md[md.index("```mermaid\ngantt") :]
    assert chart.index("section store writable") < chart.index("    audit : 0, ")
    assert chart.index("    backup : ") < chart.index("section write freeze")
    assert chart.index("section write freeze") < chart.index("    move_aside : ")
    assert "    compat : " in chart
    assert json.loads((out / "legacy-rehearsal.json").read_text())["copy"] == copy
    report = (out / "legacy-report.md").read_text()
    assert f"Verified backup taken before anything moved: `{archive}`" in report
    assert report.startswith(
        f"# Legacy reorganization report: {db.name} (rehearsed on the copy {copy})"
    )
    assert (out / "legacy-audit.md").is_file()


def test_a_rehearsal_stopped_by_a_failing_phase_resumes_where_it_stopped(
    make_legacy: MakeLegacy, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = make_legacy(scale=0.2, seed=62)
    copy = f"{db.name}_rehearsal"

    def broken(*_args: Any) -> dict[str, Any]:
        raise Conflict("validation broke on purpose", code="test_broken")

    monkeypatch.setitem(phases.RUNNERS, "validate", broken)
    with pytest.raises(EmporiumError) as failed:
        rehearse.rehearse(_plan(db.dsn, db.tmp))
    assert failed.value.instance_code == "test_broken"
    try:
        copy_dsn = make_conninfo(db.dsn, dbname=copy)
        # the copy stays, marked, with its migration stopped at validate
        status = support.phase_status(copy_dsn)
        assert status["transform"] == "done"
        assert status["validate"] == "failed"
        monkeypatch.undo()

        said: list[str] = []
        s = rehearse.rehearse(_plan(db.dsn, db.tmp, keep=True), phases.UI(say=said.append))
        assert s["resumed"] is True
        assert s["kept"] is True
        assert s["rollback"] is None
        assert any(line.startswith(f"resuming the rehearsal in {copy}") for line in said)
        assert s["checks_failed"] == []
        # nothing was done twice: one backup of the store, one transform on the copy
        assert len(list((db.tmp / "backups").glob("*.dump"))) == 1
        attempts = dict(
            support.rows(copy_dsn, "select phase, count(*) from reorg.runs group by phase")
        )
        assert attempts["transform"] == 1
        assert attempts["backup"] == 1
        assert attempts["validate"] == 2
        assert support.phase_status(copy_dsn) == support.all_done()
        assert "reorg" not in support.schemas(db.dsn)

        # --fresh starts over from a new backup, into a new copy
        s = rehearse.rehearse(_plan(db.dsn, db.tmp, fresh=True))
        assert s["resumed"] is False
        assert not _exists(server, copy)
        assert len(list((db.tmp / "backups").glob("*.dump"))) == 2
    finally:
        server.drop_database(copy)


def test_a_store_being_migrated_is_refused_and_rehearsed_from_its_verified_backup(
    migrated: Callable[[float, int], Migrated], server: Server, tmp_path: Path
) -> None:
    m = migrated(0.3, 1)
    assert m.error is None, m.error
    with pytest.raises(Conflict) as refused:
        rehearse.rehearse(_plan(m.dsn, tmp_path))
    assert refused.value.instance_code == "rehearsal_after_start"
    assert "--from-backup" in (refused.value.hint or "")

    archive = Path(m.result["backup"]["archive"])
    plan = rehearse.Plan(
        source_dsn=None,
        server_dsn=server.admin_dsn,
        options=support.options(tmp_path),
        from_backup=archive,
    )
    s = rehearse.rehearse(plan)
    assert s["source_read"] is False
    assert s["archive"] == str(archive)
    assert s["copy"] == f"{m.db.name}_rehearsal"
    assert not _exists(server, s["copy"])
    assert s["checks_failed"] == []
    assert s["legacy_rows"] == m.result["audit"]["rows"]
    md = (tmp_path / "reports" / "legacy-rehearsal.md").read_text()
    assert "The store was not touched" in md


def test_a_database_with_the_copys_name_that_is_no_rehearsal_is_never_touched(
    make_legacy: MakeLegacy, server: Server
) -> None:
    db = make_legacy(scale=0.05, seed=63)
    copy = f"{db.name}_rehearsal"
    theirs = server.create_database(copy)
    try:
        with psycopg.connect(theirs, autocommit=True) as conn:
            conn.execute("create table keep_me as select 1 as x")
        with pytest.raises(Conflict) as refused:
            rehearse.rehearse(_plan(db.dsn, db.tmp))
        assert refused.value.instance_code == "rehearsal_name_taken"
        assert support.scalar(theirs, "select count(*) from keep_me") == 1
        assert not list((db.tmp / "backups").glob("*.dump")), "refused before the backup"
    finally:
        server.drop_database(copy)


def test_a_database_not_in_the_legacy_shape_is_refused_and_nothing_is_made(
    server: Server, tmp_path: Path
) -> None:
    name = f"legacy_t_{uuid.uuid4().hex[:10]}"
    dsn = server.create_database(name)
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("create table users (id int primary key)")
        with pytest.raises(InvalidInput) as refused:
            rehearse.rehearse(_plan(dsn, tmp_path))
        assert refused.value.instance_code == "not_legacy_shape"
        assert not _exists(server, f"{name}_rehearsal")
        assert "reorg" not in support.schemas(dsn)
    finally:
        server.drop_database(name)


def test_a_role_that_cant_create_the_copy_is_told_to_rehearse_elsewhere(
    make_legacy: MakeLegacy, server: Server
) -> None:
    db = make_legacy(scale=0.05, seed=64)
    sums = support.legacy_sums(db.dsn, "public")
    role = f"reh_{uuid.uuid4().hex[:8]}"
    server.execute(sql.SQL("create role {} login nocreatedb").format(sql.Identifier(role)))
    try:
        plan = rehearse.Plan(
            source_dsn=db.dsn,
            server_dsn=make_conninfo(server.admin_dsn, user=role),
            options=support.options(db.tmp),
        )
        with pytest.raises(PermissionDenied) as refused:
            rehearse.rehearse(plan)
        assert refused.value.instance_code == "rehearsal_no_createdb"
        assert "--scratch-url" in (refused.value.hint or "")
        assert not _exists(server, f"{db.name}_rehearsal")
        assert support.legacy_sums(db.dsn, "public") == sums
        assert "reorg" not in support.schemas(db.dsn)
    finally:
        server.execute(sql.SQL("drop role {}").format(sql.Identifier(role)))


def test_rehearse_through_the_cli(make_legacy: MakeLegacy, server: Server) -> None:
    helped = runner.invoke(app, ["legacy", "rehearse", "--help"])
    assert helped.exit_code == 0, helped.output
    text = " ".join(helped.output.split())
    for words in ("--scratch-url", "--from-backup", "--keep", "--fresh", "the store is only read"):
        assert words in text, words

    db = make_legacy(scale=0.2, seed=65)
    out = db.tmp / "cli-out"
    ran = runner.invoke(
        app,
        ["legacy", "rehearse", "--database-url", db.dsn, "--out", str(out),
         "--backup-dir", str(db.tmp / "backups")],
    )  # fmt: skip
    assert ran.exit_code == 0, ran.output
    text = " ".join(ran.output.split())
    assert f"rehearsed on {db.name}_rehearsal in" in text
    assert "validation checks pass" in text
    assert "rollback rehearsed in" in text
    assert "plan a write freeze of about" in text
    assert f"rehearsal: {out / 'legacy-rehearsal.md'}" in text
    assert not _exists(server, f"{db.name}_rehearsal")

    theirs = server.create_database(f"{db.name}_rehearsal")
    with psycopg.connect(theirs, autocommit=True) as conn:
        conn.execute("create schema their_work")
    try:
        refused = subprocess.run(
            [sys.executable, "-m", "emporium", "legacy", "rehearse", "--database-url", db.dsn,
             "--out", str(out), "--backup-dir", str(db.tmp / "backups")],
            capture_output=True, text=True, env=support.cli_env(), timeout=120, check=False,
        )  # fmt: skip
        assert refused.returncode != 0
        assert "Traceback" not in refused.stderr
        assert refused.stderr.startswith("error[rehearsal_name_taken]: "), refused.stderr
        assert "hint: drop or rename it" in refused.stderr
    finally:
        server.drop_database(f"{db.name}_rehearsal")


def test_an_empty_unmarked_copy_left_between_create_and_comment_is_taken_over(
    make_legacy: MakeLegacy, server: Server
) -> None:
    """CREATE DATABASE can't share a transaction with the COMMENT that marks the copy: a
    kill in between leaves an empty database of the copy's name, which holds nothing to
    lose; one with anything in it (the tests above and below) is never touched."""
    db = make_legacy(scale=0.05, seed=70)
    copy = f"{db.name}_rehearsal"
    server.create_database(copy)
    try:
        s = rehearse.rehearse(_plan(db.dsn, db.tmp))
        assert s["resumed"] is False
        assert s["checks_failed"] == []
        assert not _exists(server, copy)
    finally:
        server.drop_database(copy)


def test_a_copy_left_by_a_killed_restore_is_started_over(
    make_legacy: MakeLegacy, server: Server
) -> None:
    db = make_legacy(scale=0.05, seed=66)
    copy = f"{db.name}_rehearsal"
    left = server.create_database(copy)  # as a restore killed midway leaves it
    marker = {"source": db.name, "archive": "gone.dump", "sha256": "0" * 64, "restored": False}
    server.execute(
        sql.SQL("comment on database {} is {}").format(
            sql.Identifier(copy), sql.Literal(rehearse.MARKER + json.dumps(marker))
        )
    )
    with psycopg.connect(left, autocommit=True) as conn:
        conn.execute("create table half_restored as select 1 as x")
    try:
        s = rehearse.rehearse(_plan(db.dsn, db.tmp, keep=True))
        assert s["resumed"] is False
        assert s["restored_rows"] >= s["legacy_rows"] > 0
        assert "half_restored" not in support.public_tables(left)
        assert support.phase_status(left) == support.all_done()
    finally:
        server.drop_database(copy)


def test_a_rehearsal_killed_at_random_points_finishes_when_run_again(
    make_legacy: MakeLegacy, server: Server
) -> None:
    """SIGKILL the CLI (and its pg_dump / pg_restore) anywhere in the rehearsal, twice;
    the next run finishes it, and leaves no copy and no scratch database behind."""
    db = make_legacy(scale=0.3, seed=67)
    sums = support.legacy_sums(db.dsn, "public")
    rng = random.Random(67)
    log = db.tmp / "rehearse.log"
    args = ["legacy", "rehearse", "--database-url", db.dsn, "--out", str(db.tmp / "out"),
            "--backup-dir", str(db.tmp / "backups"), "--batch-rows", "500"]  # fmt: skip
    kills = []
    for _ in range(2):
        run = support.start_cli(args, log)
        time.sleep(rng.uniform(0.5, 4.0))
        kills.append(support.kill(run))
    assert kills[0], "the first kill landed while the rehearsal was running"
    final = support.start_cli(args, log)
    assert final.proc.wait(timeout=300) == 0, final.output()
    out = " ".join(final.output().split())
    assert "rollback rehearsed in" in out, (kills, out)
    summary = json.loads((db.tmp / "out" / "legacy-rehearsal.json").read_text())
    assert summary["checks_failed"] == []
    assert summary["rollback"]["rows"] == summary["legacy_rows"]
    left = support.rows(
        server.admin_dsn,
        "select datname from pg_database where datname like %s or datname like %s",
        [f"{db.name}_rehearsal%", "emporium_verify_%rehearsal%"],
    )
    assert left == [], (kills, left)
    assert support.legacy_sums(db.dsn, "public") == sums
    assert "reorg" not in support.schemas(db.dsn)


def test_a_supabase_like_store_is_rehearsed_and_left_as_it_was(
    make_legacy: MakeLegacy, server: Server
) -> None:
    """The production store is a Supabase project: its auth schema, roles and grants must
    come out of a rehearsal exactly as they went in, and the copy must migrate cleanly."""
    db = make_legacy(scale=0.2, seed=68, prepare=SUPABASE_PREPARATION)
    catalog, auth = support.catalog(db.dsn), support.rowset(db.dsn, AUTH_OBJECTS)
    sums = support.legacy_sums(db.dsn, "public")
    assert len(auth) > 3

    s = rehearse.rehearse(_plan(db.dsn, db.tmp))

    assert s["checks_failed"] == []
    assert s["rollback"]["rows"] == s["legacy_rows"] == sum(sums[t].rows for t in LEGACY_TABLES)
    assert support.catalog(db.dsn) == catalog
    assert support.rowset(db.dsn, AUTH_OBJECTS) == auth
    assert support.legacy_sums(db.dsn, "public") == sums
    assert not _exists(server, s["copy"])


OTHER_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def _answers(dsn: str) -> bool:
    try:
        psycopg.connect(dsn, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def test_the_copy_can_live_on_another_server(make_legacy: MakeLegacy, server: Server) -> None:
    """--scratch-url: a store whose server won't let you create a database (a hosted one)
    is rehearsed on another server; here the store is on the server under test and the
    copy on the PostgreSQL at 127.0.0.1:5432 (another major version than the embedded)."""
    if "127.0.0.1" in server.admin_dsn or not _answers(OTHER_SERVER):
        pytest.skip("needs the store and the copy on two different servers")
    db = make_legacy(scale=0.1, seed=69)
    sums = support.legacy_sums(db.dsn, "public")
    plan = rehearse.Plan(source_dsn=db.dsn, server_dsn=OTHER_SERVER, options=db.options)
    copy = f"{db.name}_rehearsal"
    try:
        s = rehearse.rehearse(plan)
        assert s["server"] == "127.0.0.1:5432"
        assert s["checks_failed"] == []
        assert s["rollback"]["rows"] == s["legacy_rows"]
        assert support.legacy_sums(db.dsn, "public") == sums
        assert not support.scalar(
            OTHER_SERVER, "select count(*) from pg_database where datname = %s", [copy]
        )
        assert not _exists(server, copy)
    finally:
        with psycopg.connect(OTHER_SERVER, autocommit=True) as conn:
            conn.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(copy))
            )


def test_a_second_rehearsal_of_the_same_store_at_once_is_refused_and_touches_nothing(
    make_legacy: MakeLegacy, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started while another rehearsal of the same store works, a rehearsal refuses at once
    (it would drop the other's copy under it); once the first is done, it runs."""
    db = make_legacy(scale=0.1, seed=71)
    copy = f"{db.name}_rehearsal"
    outcome: dict[str, Any] = {}

    def second_while_first_validates(*args: Any) -> dict[str, Any]:
        try:
            rehearse.rehearse(_plan(db.dsn, db.tmp / "second"))
        except Conflict as exc:
            outcome["code"] = exc.instance_code
            outcome["copy_there"] = _exists(server, copy)
        return real_validate(*args)

    real_validate = phases.RUNNERS["validate"]
    monkeypatch.setitem(phases.RUNNERS, "validate", second_while_first_validates)
    first = rehearse.rehearse(_plan(db.dsn, db.tmp))
    monkeypatch.undo()

    assert outcome == {"code": "rehearsal_running", "copy_there": True}
    assert first["checks_failed"] == []
    assert not list((db.tmp / "second").glob("**/*.md")), "the second wrote no report"
    assert not list((db.tmp / "second").glob("**/*.dump")), "nor took a backup"
    again = rehearse.rehearse(_plan(db.dsn, db.tmp / "second"))
    assert again["checks_failed"] == []
    assert not _exists(server, copy)
