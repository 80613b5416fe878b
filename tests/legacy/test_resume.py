"""The transform resumes after a crash and a second run changes nothing.

Database A is migrated in one uninterrupted run (in-process, default batch size);
database B, made from the same demo-db seed, is migrated by the CLI in a process of its
own with 100-row batches, SIGKILLed at (seeded) random points, at least once in the
middle of a batched transform step, then run to the end. Every target table of A and B
must hold the same rows: neither a crash nor the batch size may change the result.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

from emporium.cli import app
from emporium.errors import Conflict
from emporium.legacy import phases, transform
from tests.conftest import Server
from tests.legacy import support
from tests.legacy.conftest import LegacyDb, MakeLegacy, Migrated

SCALE, SEED = 0.5, 2
KILL_SEED = 20260521
BATCHES = ("--batch-rows", "100")  # many small transactions: many points to die at
BATCHED = tuple(s.name for s in transform.STEPS if s.batching is not None)

# Values that legitimately differ between two runs that wrote the same data; nothing else
# is excluded from the comparison (see the docstring of the test).
EXCLUDED: dict[str, frozenset[str]] = {
    "public.stock_movements": frozenset({"id"}),
    "public.order_status_history": frozenset({"id", "created_at"}),
    "public.stock_levels": frozenset({"created_at", "updated_at"}),
}
IDENTITIES = {("public.stock_movements", "id"), ("public.order_status_history", "id")}
WRITE_TIMES = {
    ("public.order_status_history", "created_at"),
    ("public.stock_levels", "created_at"),
    ("public.stock_levels", "updated_at"),
}


def _steps(conn: psycopg.Connection[Any]) -> dict[str, tuple[bool, int]]:
    if support.scalar(conn, "select to_regclass('reorg.steps') is null"):
        return {}
    return {
        s: (bool(d), int(r)) for s, d, r in conn.execute("select step, done, rows from reorg.steps")
    }


def _last_run_id(conn: psycopg.Connection[Any]) -> int:
    if support.scalar(conn, "select to_regclass('reorg.runs') is null"):
        return 0
    return int(support.scalar(conn, "select coalesce(max(id), 0) from reorg.runs"))


def _wait_for(run: support.CliRun, ready: Callable[[], bool], limit: float) -> bool:
    """Poll READY every 10 ms while the CLI runs; False if it ended (or LIMIT passed) first."""
    deadline = time.monotonic() + limit
    while run.proc.poll() is None and time.monotonic() < deadline:
        try:
            if ready():
                return True
        except psycopg.Error:  # a table being created or moved under the probe
            pass
        time.sleep(0.01)
    return False


def _transform_running(probe: psycopg.Connection[Any], since: int) -> bool:
    """The transform phase started in an attempt recorded after run SINCE."""
    return bool(
        support.scalar(
            probe,
            "select exists (select 1 from reorg.runs where id > %s"
            " and phase = 'transform' and status = 'running')",
            [since],
        )
    )


def _mid_step(probe: psycopg.Connection[Any], rows_before: int) -> bool:
    """A batched step has committed new batches and is not done."""
    steps = _steps(probe)
    return sum(r for _, r in steps.values()) > rows_before and any(
        not d and r > 0 for s, (d, r) in steps.items() if s in BATCHED
    )


def _kill_at_random_points(db: LegacyDb, log: Path, rng: random.Random) -> list[dict[str, Any]]:
    """SIGKILL the CLI migrating DB: first anywhere in the run, then once the transform
    runs, then inside batched steps, until a kill has landed mid-step (at most 8 kills,
    fewer if a run gets to the end first)."""
    kills: list[dict[str, Any]] = []
    with psycopg.connect(db.dsn, autocommit=True) as probe:
        for n in range(8):
            if n >= 3 and any(k["mid_step"] for k in kills):
                break
            since = _last_run_id(probe)
            rows_before = sum(r for _, r in _steps(probe).values())
            run = support.start_cli(support.migrate_args(db.dsn, db.tmp, *BATCHES), log)
            if n == 0:
                delay = rng.uniform(0.3, 3.0)
                _wait_for(run, lambda: False, delay)
            elif n == 1:
                delay = rng.uniform(0.0, 0.3)
                _wait_for(run, partial(_transform_running, probe, since), 60)
                time.sleep(delay)
            else:
                delay = rng.uniform(0.0, 0.02)
                _wait_for(run, partial(_mid_step, probe, rows_before), 60)
                time.sleep(delay)
            alive = support.kill(run)
            steps = _steps(probe)
            kills.append(
                {
                    "after_s": round(time.monotonic() - run.started, 2),
                    "extra_delay_s": round(delay, 3),
                    "alive": alive,
                    "phases": support.phase_status(db.dsn),
                    "steps": steps,
                    "mid_step": alive
                    and any(not d and r > 0 for s, (d, r) in steps.items() if s in BATCHED),
                }
            )
            if not alive:
                break  # it finished before the kill: nothing left to interrupt
            # started again right away, as an operator would: the killed migrator's
            # sessions end within seconds even mid-statement (state.CLIENT_CHECK_INTERVAL)
    return kills


def test_a_migration_killed_at_random_points_then_resumed_equals_an_uninterrupted_run(
    migrated: Callable[[float, int], Migrated],
    make_legacy: MakeLegacy,
    server: Server,
    tmp_path: Path,
) -> None:
    """Compared: every table of public and private (the emporium schema) and
    reorg.legacy_row_map, legacy_quarantine and legacy_issues, by a content checksum of
    all their columns except these, which differ between any two runs that wrote the
    same data:

    - ``stock_movements.id`` and ``order_status_history.id``: identity columns drawn
      from sequences; a batch killed before its commit has used up sequence values, so
      the resumed run's ids are shifted (the rows are otherwise identical, and nothing
      points at these ids);
    - ``order_status_history.created_at``: stamped ``now()`` by the orders trigger that
      writes the "migrated from the legacy store" entry;
    - ``stock_levels.created_at`` / ``updated_at``: ``now()`` defaults of the levels the
      stock step upserts.

    The test proves these are what it says: the ids are identity columns, and in the
    uninterrupted run every excluded timestamp lies inside its transform phase.
    """
    a = migrated(SCALE, SEED)
    assert a.error is None, a.error
    log = tmp_path / "cli.log"
    rng = random.Random(KILL_SEED)
    try:
        # Kills land by timing; should none hit a batched step, start again on a new copy.
        for _attempt in range(3):
            b = make_legacy(scale=SCALE, seed=SEED)
            kills = _kill_at_random_points(b, log, rng)
            for k in kills:
                print("kill:", k)  # shown with -s: where each kill landed
            if any(k["mid_step"] for k in kills):
                break
        assert any(k["mid_step"] for k in kills), f"no kill landed inside a batched step: {kills}"

        final = support.start_cli(support.migrate_args(b.dsn, b.tmp, *BATCHES), log)
        assert final.proc.wait(timeout=300) == 0, final.output()[-3000:]
        assert support.phase_status(b.dsn) == support.all_done()
        stale = support.rows(b.dsn, "select phase from reorg.runs where status = 'running'")
        assert stale, f"no kill left a phase running: {kills}"  # and the resumed run finished

        tables = support.target_tables(a.dsn)
        assert support.target_tables(b.dsn) == tables
        assert {t for t in EXCLUDED} <= set(tables)
        sums_a = support.content_sums(a.dsn, tables, EXCLUDED)
        sums_b = support.content_sums(b.dsn, tables, EXCLUDED)
        assert support.differences(sums_a, sums_b) == [], f"kills: {kills}"
        assert sum(n for n, _ in sums_a.values()) > 10_000
    finally:
        left = log.read_text(errors="replace") if log.exists() else ""
        for name in support.scratch_databases(left):
            server.drop_database(name)  # left by a run killed while verifying its backup

    # The exclusions are what the docstring says they are.
    with a.connect() as conn:
        for table, column in IDENTITIES:
            assert support.scalar(
                conn,
                "select attidentity from pg_attribute where attrelid = %s::regclass"
                " and attname = %s",
                [table, column],
            ) in ("a", "d")
        window = conn.execute(
            "select started_at, finished_at from reorg.runs where phase = 'transform'"
            " and status = 'done'"
        ).fetchone()
        assert window is not None
        for table, column in WRITE_TIMES:
            outside = support.scalar(
                conn,
                f"select count(*) from {table} where {column} not between %s and %s",
                list(window),
            )
            assert outside == 0, (table, column)


# ------------------------------------------------------- steps side by side, or one by one
def test_steps_run_side_by_side_write_what_one_connection_writes_alone(
    make_legacy: MakeLegacy,
) -> None:
    """The transform runs independent steps on two connections at once. The same legacy
    store migrated with ``--connections 1`` must end with the same rows (the exclusions of
    the kill test aside: sequence-drawn ids and write times), and the two-connection run
    must really have used both."""
    alone = make_legacy(scale=0.3, seed=17)
    phases.migrate(alone.dsn, options=support.options(alone.tmp, connections=1))
    together = make_legacy(scale=0.3, seed=17)
    ran_on: dict[str, set[str]] = {}

    def progress(step: str, _done: int, _total: int) -> None:
        ran_on.setdefault(step, set()).add(threading.current_thread().name)

    phases.migrate(together.dsn, options=together.options, ui=phases.UI(progress=progress))
    assert set(ran_on) == {s.name for s in transform.STEPS}
    restore = ran_on.pop("restore")  # its keys and indexes are built by threads of its own
    assert any(name.startswith("restore-") for name in restore), restore
    assert set().union(*ran_on.values()) == {"transform-0", "transform-1"}, ran_on
    assert all(len(names) == 1 for names in ran_on.values()), ran_on  # one connection each

    tables = support.target_tables(alone.dsn)
    assert support.target_tables(together.dsn) == tables
    sums = support.content_sums(together.dsn, tables, EXCLUDED)
    assert support.differences(support.content_sums(alone.dsn, tables, EXCLUDED), sums) == []
    assert sum(n for n, _ in sums.values()) > 5_000


# ------------------------------------------------ a transform another version started
def test_a_transform_left_by_other_steps_is_refused_by_name_and_nothing_runs(
    make_legacy: MakeLegacy,
) -> None:
    """Steps changed between versions (``products`` once wrote its own row map): resuming
    what an older version left would write rows twice or never, so it is refused."""
    db = make_legacy(scale=0.1, seed=3)
    phases.migrate(db.dsn, phases=["audit", "backup", "move_aside", "build"], options=db.options)
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        for step in ("defer", "lookups", "users", "products", "catalog"):
            transform._mark(conn, step, None, 0, done=True, seconds=0.0)
        before = conn.execute("select step, done, rows from reorg.steps order by step").fetchall()

        with pytest.raises(Conflict) as refused:
            transform.run(conn)

        assert refused.value.instance_code == "transform_not_resumable"
        assert "unknown steps catalog" in str(refused.value)
        assert "products (before products_plan)" in str(refused.value)
        assert "rollback" in (refused.value.hint or "")
        after = conn.execute("select step, done, rows from reorg.steps order by step").fetchall()
        assert after == before
        assert support.scalar(conn, "select count(*) from public.users") == 0


# --------------------------------------------------------------------- a second run
def test_a_second_migrate_runs_nothing_and_rerunning_the_transform_changes_nothing(
    make_legacy: MakeLegacy,
) -> None:
    db = make_legacy(scale=0.3, seed=11)
    phases.migrate(db.dsn, options=db.options)
    tables = support.target_tables(db.dsn)
    before = support.content_sums(db.dsn, tables)  # nothing excluded: nothing may change
    runs = support.scalar(db.dsn, "select count(*) from reorg.runs")

    assert phases.pending(db.dsn) == []
    assert phases.migrate(db.dsn, options=db.options) == {}
    assert support.scalar(db.dsn, "select count(*) from reorg.runs") == runs

    again = CliRunner().invoke(app, support.migrate_args(db.dsn, db.tmp))
    assert again.exit_code == 0, again.output
    assert "every phase is done" in again.output

    result = phases.migrate(db.dsn, phases=["transform"], options=db.options)
    steps = result["transform"]["steps"]
    assert list(steps) == [s.name for s in transform.STEPS]
    assert all(s["skipped"] for s in steps.values())
    assert support.differences(before, support.content_sums(db.dsn, tables)) == []
    assert support.phase_status(db.dsn) == support.all_done()


def test_a_run_killed_while_verifying_its_backup_leaves_no_scratch_database_once_resumed(
    make_legacy: MakeLegacy, server: Server, tmp_path: Path
) -> None:
    """The backup phase restores its archive into a scratch database to verify it. A
    migrator killed meanwhile can't drop it; the resumed run must not leave it behind
    (on a production server it would hold a full copy of the store's data)."""
    db = make_legacy(scale=0.1, seed=13)
    log = tmp_path / "cli.log"
    run = support.start_cli(support.migrate_args(db.dsn, db.tmp), log)
    deadline = time.monotonic() + 120
    while not support.scratch_databases(run.output()) and time.monotonic() < deadline:
        assert run.proc.poll() is None, run.output()[-2000:]
        time.sleep(0.01)
    assert support.kill(run)
    names = support.scratch_databases(run.output())
    assert names
    try:
        final = support.start_cli(support.migrate_args(db.dsn, db.tmp), log)
        assert final.proc.wait(timeout=300) == 0, final.output()[-3000:]
        assert support.phase_status(db.dsn) == support.all_done()
        left = support.rows(
            server.admin_dsn,
            "select datname from pg_database where datname = any(%s)",
            [sorted(names)],
        )
        assert left == [], "scratch databases of the killed verification are still there"
    finally:
        for name in support.scratch_databases(log.read_text(errors="replace")):
            server.drop_database(name)


# A migrator's session in the middle of a long statement, in a process of its own: it holds
# the advisory lock (as ``phases.migrate`` does) and sleeps, like a backend busy with a big
# INSERT. WATCHED: opened as the migrator opens its connections (``state.connect_migrator``);
# else a plain connection, the way every connection was opened before.
_BUSY_MIGRATOR = """
import sys, psycopg
from emporium.legacy import state
dsn, watched = sys.argv[1], sys.argv[2] == "1"
conn = state.connect_migrator(dsn) if watched else psycopg.connect(dsn, autocommit=True)
with state.exclusive(conn, dsn):
    print(conn.info.backend_pid, flush=True)
    conn.execute("select pg_sleep(600)")
"""


def _kill_busy_migrator(dsn: str, watched: bool) -> int:
    """Start a busy migrator session, SIGKILL its process mid-statement; its backend pid."""
    with subprocess.Popen(
        [sys.executable, "-c", _BUSY_MIGRATOR, dsn, "1" if watched else "0"],
        stdout=subprocess.PIPE,
        text=True,
        env=support.cli_env(),
    ) as proc:
        assert proc.stdout is not None
        pid = int(proc.stdout.readline())
        with psycopg.connect(dsn, autocommit=True) as probe:
            deadline = time.monotonic() + 30
            while not support.scalar(
                probe,
                "select exists (select 1 from pg_stat_activity where pid = %s"
                " and state = 'active' and query like '%%pg_sleep%%')",
                [pid],
            ):
                assert time.monotonic() < deadline, "the busy migrator never began its statement"
                time.sleep(0.01)
        proc.kill()
    return pid


def test_a_migrator_killed_mid_statement_lets_the_next_run_start_at_once(
    make_legacy: MakeLegacy,
) -> None:
    """Killed while its backend runs a long statement, a migrator used to leave that backend
    (with the migrator's lock) running to the statement's end: a 1M-row step's minutes in
    which every new run was refused as migration_running. Its connections now ask the server
    to check that the client is still there, so the next run gets the lock at once."""
    db = make_legacy(scale=0.1, seed=14)
    held = "select count(*) from pg_locks where locktype = 'advisory' and pid = %s and granted"

    # Without the check (the control): the killed client's backend sleeps on, lock held.
    plain = _kill_busy_migrator(db.dsn, watched=False)
    time.sleep(3.0)  # three of the check's intervals: long past when it would have ended
    try:
        assert support.scalar(db.dsn, held, [plain]) == 1
    finally:
        support.scalar(db.dsn, "select pg_terminate_backend(%s)", [plain])

    # With it, as the migrator connects: the next run waits for the lock and gets it (a
    # backend left sleeping for 600 s would make it give up after 60 s, refused).
    watched = _kill_busy_migrator(db.dsn, watched=True)
    phases.migrate(db.dsn, phases=["audit"], options=support.options(db.tmp, lock_timeout="60s"))
    assert support.phase_status(db.dsn)["audit"] == "done"
    assert (
        support.scalar(db.dsn, "select count(*) from pg_stat_activity where pid = %s", [watched])
        == 0
    )
