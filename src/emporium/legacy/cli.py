"""`emporium legacy ...`: the reorganization of a legacy store (registered by emporium.cli)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from emporium.cli_common import console, database, say
from emporium.errors import InvalidInput
from emporium.legacy.transform import BATCH_ROWS, STEP_WORKERS

if TYPE_CHECKING:
    from emporium.legacy.phases import UI

legacy_app = typer.Typer(
    help="The reorganization: move a legacy store database (the shape of "
    "shared/legacy/schema.sql) in place into emporium's design, with a way back.\n\n"
    "Start with `emporium legacy demo-db` (a messy legacy store to practise on), then "
    "`emporium legacy rehearse` (everything on a copy first), `migrate`, `status`, `report`, "
    "and `rollback` to undo it all.",
    no_args_is_help=True,
)

UrlOpt = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="The legacy database to work on (default: the configured one: DATABASE_URL or "
        "the embedded server). Directly, or through a pooler in session mode; a transaction "
        "pooler (Supabase's port 6543) is refused.",
        show_default=False,
    ),
]
YesOpt = Annotated[
    bool, typer.Option("--yes", "-y", help="Don't ask: the destructive steps may run.")
]
OutOpt = Annotated[Path, typer.Option("--out", help="Where reports (audit, report) are written.")]
BackupDirOpt = Annotated[Path, typer.Option(help="Where the verified backup is written.")]
LockTimeoutOpt = Annotated[
    str, typer.Option(help="How long to wait for a table lock before giving up (e.g. 10s).")
]
BatchRowsOpt = Annotated[
    int, typer.Option(help="Legacy rows per transform batch (one transaction each).", min=100)
]
ConnectionsOpt = Annotated[
    int,
    typer.Option(
        help="Transform steps run at once, each on its own connection (steps that don't"
        " depend on each other; 1: one at a time, lighter on a busy server).",
        min=1,
        max=8,
    ),
]


def register(parent: typer.Typer) -> None:
    """Add `emporium legacy` to PARENT."""
    from emporium.legacy import demo_cli

    demo_cli.register(legacy_app)
    parent.add_typer(legacy_app, name="legacy")


def _confirm(dbname: str, what: str, yes: bool) -> None:
    """Destructive work needs --yes or the database's name typed back."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise InvalidInput(
            f"{what} changes database {dbname!r}: pass --yes to confirm",
            code="confirmation_required",
        )
    console.print(f"[bold]{what}[/] changes database [bold]{dbname}[/].")
    typed = typer.prompt("Type the database name to go on")
    if typed.strip() != dbname:
        console.print("not confirmed: nothing changed")
        raise typer.Exit(1)


@contextmanager
def _phase_ui() -> Iterator[UI]:
    """How the phases talk to a person here: lines above, a progress bar per step below."""
    from emporium.legacy import phases

    bars = Progress(
        TextColumn("  {task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def progress(step: str, done: int, total: int) -> None:
        if step not in tasks:
            tasks[step] = bars.add_task(step, total=total or 1)
        bars.update(tasks[step], completed=done, total=max(total, 1))

    with bars:
        yield phases.UI(say=lambda text: bars.console.print(text, markup=False), progress=progress)


@legacy_app.command("migrate")
def migrate_cmd(
    database_url: UrlOpt = None,
    phase: Annotated[
        list[str] | None,
        typer.Option(
            "--phase",
            help="Run only this phase (repeatable): audit, backup, move_aside, build, transform, "
            "validate, compat. Default: every phase not done yet, in order.",
        ),
    ] = None,
    yes: YesOpt = False,
    out: OutOpt = Path("reports/legacy"),
    backup_dir: BackupDirOpt = Path("backups"),
    lock_timeout: LockTimeoutOpt = "10s",
    batch_rows: BatchRowsOpt = BATCH_ROWS,
    connections: ConnectionsOpt = STEP_WORKERS,
) -> None:
    """Move the legacy store into emporium's design, in place, phase by phase.

    audit (report) -> backup (verified) -> move_aside (legacy tables to schema legacy) ->
    build (emporium schema) -> transform (batched, resumable) -> validate -> compat (views
    with the legacy names). Safe to run again: it resumes where it stopped, and a finished
    migration runs nothing. Undo everything with `emporium legacy rollback`.
    """
    from emporium.legacy import phases

    with database(database_url) as db:
        todo = list(phase or []) or phases.pending(db.admin_dsn)
        if not todo:
            say("every phase is done: nothing to run (see `emporium legacy status`)")
            return
        if phases.DESTRUCTIVE & set(todo):
            import psycopg.conninfo

            dbname = psycopg.conninfo.conninfo_to_dict(db.admin_dsn).get("dbname", "")
            _confirm(str(dbname), "The reorganization (" + ", ".join(todo) + ")", yes)
        with _phase_ui() as ui:
            opts = phases.Options(
                out_dir=out,
                backup_dir=backup_dir,
                lock_timeout=lock_timeout,
                batch_rows=batch_rows,
                connections=connections,
            )
            results = phases.migrate(db.admin_dsn, phases=phase or None, options=opts, ui=ui)
        for name, detail in results.items():
            say(f"✓ {name} ({detail.get('seconds', 0):.1f}s)")


@legacy_app.command("status")
def status_cmd(database_url: UrlOpt = None) -> None:
    """Where the reorganization stands: each phase, the transform's steps, where the tables are."""
    from emporium.db.connect import connect
    from emporium.legacy import state, transform

    with database(database_url) as db, connect(db.admin_dsn, autocommit=True) as conn:
        where = state.where_tables_are(conn)
        placed = sorted({str(v) for v in where.values()})
        say("legacy tables: " + (", ".join(placed) if placed != ["None"] else "none found"))
        if not state.reorg_exists(conn):
            say("no reorganization started here (`emporium legacy migrate` starts one)")
            return
        table = Table("phase", "status", "started", "finished", "rows", "attempts", "note")
        phase_states = state.phase_states(conn)
        for p, s in phase_states.items():
            table.add_row(
                p,
                s.status,
                f"{s.started_at:%Y-%m-%d %H:%M:%S}" if s.started_at else "",
                f"{s.finished_at:%H:%M:%S}" if s.finished_at else "",
                f"{s.rows:,}" if s.rows is not None else "",
                str(s.attempts or ""),
                (s.error or "")[:80],
            )
        console.print(table)
        holder = state.lock_holder(conn)
        stale = [p for p, s in phase_states.items() if s.status == "running"]
        if holder is not None:
            say(f"a migrator is working now: {holder}")
        elif stale:
            say(
                f"no migrator is working now: {', '.join(stale)} is marked running because the"
                " migrator that ran it was stopped (killed, or its machine lost);"
                " `emporium legacy migrate` resumes it where it stopped"
            )
        else:
            say("no migrator is working now")
        steps = transform.step_states(conn)
        if steps:
            st = Table("transform step", "done", "rows", "resume after")
            for step in transform.STEPS:
                done, rows, last = steps.get(step.name, (False, 0, None))
                st.add_row(step.name, "yes" if done else "no", f"{rows:,}", last or "")
            console.print(st)


@legacy_app.command("validate")
def validate_cmd(database_url: UrlOpt = None) -> None:
    """Check the migrated data: accounting per legacy table, keys, foreign keys, the stock
    ledger, order totals to the cent, vendor staff. Exit 1 when a check fails."""
    from emporium.legacy import phases

    with database(database_url) as db:
        ui = phases.UI(say=say)
        phases.migrate(db.admin_dsn, phases=["validate"], ui=ui)
    say("all checks pass")


@legacy_app.command("report")
def report_cmd(database_url: UrlOpt = None, out: OutOpt = Path("reports/legacy")) -> None:
    """Write the human report (markdown + JSON): counts per table and outcome, every issue by
    reason with examples, the decisions to review."""
    from emporium.db.connect import connect
    from emporium.errors import Conflict
    from emporium.legacy import report, state

    with database(database_url) as db, connect(db.admin_dsn, autocommit=True) as conn:
        if not state.reorg_exists(conn):
            raise Conflict("no reorganization here to report on", code="nothing_to_report")
        md, js, data = report.write(conn, out)
    total = sum(t["rows"] for t in data["tables"])
    quarantined = sum(t["quarantined"] for t in data["tables"])
    say(
        f"{total:,} legacy rows, {quarantined:,} quarantined, "
        f"{sum(g['count'] for g in data['issues']):,} decisions recorded"
    )
    say(f"report: {md}\njson:   {js}")


@legacy_app.command("rollback")
def rollback_cmd(database_url: UrlOpt = None, yes: YesOpt = False) -> None:
    """Undo the reorganization from any phase: the legacy tables go back to public with the
    same rows and checksums as before, and everything the migration created is removed."""
    import psycopg.conninfo

    from emporium.legacy import phases

    with database(database_url) as db:
        dbname = psycopg.conninfo.conninfo_to_dict(db.admin_dsn).get("dbname", "")
        _confirm(str(dbname), "The rollback", yes)
        result = phases.rollback(db.admin_dsn, ui=phases.UI(say=say))
    say(
        f"rolled back in {result['seconds']}s: {result['tables_checked']} legacy tables, "
        f"{result['rows']:,} rows, checksums equal to before the migration"
    )


@legacy_app.command("rehearse")
def rehearse_cmd(
    database_url: UrlOpt = None,
    scratch_url: Annotated[
        str | None,
        typer.Option(
            "--scratch-url",
            help="The server to make the copy on (any database URL there; default: the"
            " server of --database-url). Use it when the store's server won't let you create"
            " a database, e.g. rehearse a hosted store on the embedded server.",
            show_default=False,
        ),
    ] = None,
    from_backup: Annotated[
        Path | None,
        typer.Option(
            "--from-backup",
            help="Rehearse from this verified backup (`emporium db backup`, or the one the"
            " migration's backup phase took) instead of backing the store up now: the store"
            " isn't even connected to.",
            show_default=False,
        ),
    ] = None,
    keep: Annotated[
        bool,
        typer.Option(
            "--keep",
            help="Keep the migrated copy to look around in (the rollback isn't rehearsed).",
        ),
    ] = False,
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh",
            help="Start over from a new backup, even when a stopped rehearsal could resume.",
        ),
    ] = False,
    out: OutOpt = Path("reports/legacy/rehearsal"),
    backup_dir: BackupDirOpt = Path("backups"),
    lock_timeout: LockTimeoutOpt = "10s",
    batch_rows: BatchRowsOpt = BATCH_ROWS,
    connections: ConnectionsOpt = STEP_WORKERS,
) -> None:
    """Rehearse the whole reorganization on a copy first: no surprise in the real run.

    Backs the store up (pg_dump, one snapshot: the store is only read), restores the backup
    into a copy named <database>_rehearsal and checks it, runs every phase of `migrate` on
    the copy, writes the report to review, rolls the copy back to prove the way back, and
    drops it. Prints how long each phase took. Stopped midway, the next rehearsal resumes
    where it was (--fresh starts over).
    """
    from emporium.legacy import phases, rehearse

    opts = phases.Options(
        out_dir=out,
        backup_dir=backup_dir,
        lock_timeout=lock_timeout,
        batch_rows=batch_rows,
        connections=connections,
    )
    with database(database_url) as db:
        plan = rehearse.Plan(
            source_dsn=None if from_backup else db.admin_dsn,
            server_dsn=scratch_url or db.admin_dsn,
            options=opts,
            from_backup=from_backup,
            keep=keep,
            fresh=fresh,
        )
        with _phase_ui() as ui:
            summary = rehearse.rehearse(plan, ui)
    failed = summary["checks_failed"]
    say(
        f"rehearsed on {summary['copy']} in {summary['seconds']:.1f}s: every phase ran,"
        f" {summary['checks'] - len(failed)} of {summary['checks']} validation checks pass"
    )
    if summary["rollback"]:
        say(
            f"rollback rehearsed in {summary['rollback']['seconds']:.1f}s (checksums equal to"
            " before); the copy is dropped"
        )
    say(
        f"plan a write freeze of about {summary['write_freeze_seconds']:.0f}s on the store"
        " (move_aside to compat on this copy)"
    )
    say(f"rehearsal: {summary['files']['markdown']}\nreport:    {summary['report']}")
