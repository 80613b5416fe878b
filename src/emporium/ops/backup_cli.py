"""`emporium db backup` and `emporium db restore`: verified backups from the command line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from psycopg.conninfo import conninfo_to_dict

from emporium.cli_common import console, database, err_console, say
from emporium.db.connect import connect
from emporium.errors import InvalidInput
from emporium.ops import backup as backups

UrlOpt = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="Use this PostgreSQL instead of the configured one (env DATABASE_URL).",
        show_default=False,
    ),
]


@contextmanager
def _progress(first: str) -> Iterator[backups.Progress]:
    """A spinner whose text follows the step being done."""
    with console.status(first) as status:
        yield lambda text: status.update(text)


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _where(dsn: str) -> tuple[str, str]:
    """The database's name (as the server says) and the server (host:port or socket directory)."""
    with connect(dsn) as conn:
        row = conn.execute("select current_database()").fetchone()
    parts = conninfo_to_dict(dsn)
    host = str(parts.get("host") or "localhost")
    return str(row[0] if row else "?"), f"{host}:{parts.get('port') or 5432}"


def _confirm(dsn: str, archive: Path) -> None:
    """Make the user type the target database's name; anything else changes nothing."""
    m = backups.read_manifest(archive)
    name, server = _where(dsn)
    say(f"This REPLACES the contents of database '{name}' on {server}")
    say(
        f"with {archive.name}: database '{m.database}' as of {m.created_at}, "
        f"{_count(len(m.tables), 'table')}, {_count(m.total_rows, 'row')}."
    )
    try:
        answer = typer.prompt(
            f"Type the database name ({name}) to go on", default="", show_default=False
        )
    except typer.Abort:  # end of input, or Ctrl-C / Ctrl-D at the prompt
        if sys.stdin.isatty():
            say("aborted; nothing was changed")
            raise typer.Exit(1) from None
        raise InvalidInput(
            "restore replaces a database and nobody confirmed it (stdin is not interactive)",
            code="confirmation_required",
            hint="pass --yes to restore without asking",
        ) from None
    if answer.strip() != name:
        say(f"aborted: you typed {answer.strip()!r}, not {name!r}; nothing was changed")
        raise typer.Exit(1)


def register(parent: typer.Typer) -> None:
    """Add `backup` and `restore` to PARENT (the `emporium db` app)."""

    @parent.command("backup")
    def db_backup(
        out: Annotated[
            Path, typer.Option("--out", help="Folder the archive and its manifest go into.")
        ] = Path("backups"),
        database_url: UrlOpt = None,
        verify: Annotated[
            Path | None,
            typer.Option(
                "--verify",
                metavar="FILE",
                help="Make no backup: restore FILE into a scratch database on the server "
                "(dropped afterwards) and check every table against its manifest.",
                show_default=False,
            ),
        ] = None,
        manifest: Annotated[
            Path | None,
            typer.Option(
                help="With --verify: the manifest, when it is not beside FILE.",
                show_default=False,
            ),
        ] = None,
    ) -> None:
        """Back up the database: a pg_dump archive (custom format) plus a manifest of every
        table's rows and checksum, taken from the same snapshot. With --verify FILE, prove
        that an earlier backup restores to exactly what its manifest says."""
        with database(database_url) as db:
            if verify is not None:
                with _progress("verifying ...") as progress:
                    checked = backups.verify(
                        verify, db.admin_dsn, manifest=manifest, progress=progress
                    )
                say(
                    f"verified {checked.archive}: {_count(checked.tables, 'table')}, "
                    f"{_count(checked.rows, 'row')} "
                    f"restore exactly as the manifest says ({checked.seconds:.1f}s; scratch "
                    f"database {checked.scratch_database} dropped)"
                )
                for note in checked.notes:
                    say(f"  note: {note}")
                return
            with _progress("backing up ...") as progress:
                made = backups.backup(db.admin_dsn, out, progress=progress)
        data = made.manifest_data
        say(f"archive:  {made.archive} ({_size(data['archive']['bytes'])})")
        say(f"manifest: {made.manifest}")
        say(
            f"{data['database']}: {_count(len(data['tables']), 'table')}, "
            f"{_count(data['total_rows'], 'row')}, "
            f"PostgreSQL {data['server_version']}, in {made.seconds:.1f}s"
        )

    @parent.command("restore")
    def db_restore(
        file: Annotated[
            Path, typer.Argument(metavar="FILE", help="The archive made by `emporium db backup`.")
        ],
        database_url: UrlOpt = None,
        yes: Annotated[
            bool,
            typer.Option("--yes", help="Don't ask; replace the database's contents right away."),
        ] = False,
    ) -> None:
        """Replace the database's contents with a backup, in one transaction (a failure
        changes nothing), then check every table against the backup's manifest.

        Asks you to type the database's name first, unless --yes."""
        with database(database_url) as db:
            if not yes:
                _confirm(db.admin_dsn, file)
            with _progress("restoring ...") as progress:
                done = backups.restore(file, db.admin_dsn, progress=progress)
        say(
            f"restored {file.name} into {done.database}: {_count(done.tables, 'table')}, "
            f"{_count(done.rows, 'row')} in {done.seconds:.1f}s"
        )
        if done.extra_tables:
            say(
                f"  left as they were ({_count(len(done.extra_tables), 'table')} the backup does "
                f"not hold): {', '.join(done.extra_tables)}"
            )
        if done.differences:
            for line in done.differences:
                err_console.print(f"  {line}", markup=False, highlight=False)
            err_console.print(
                f"error[backup_mismatch]: {len(done.differences)} table(s) differ from the "
                "manifest after the restore",
                markup=False,
                highlight=False,
            )
            raise typer.Exit(1)
        say("every table matches the manifest")
