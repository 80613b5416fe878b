"""The `emporium` command. Errors become one line and a non-zero exit code, here only."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from emporium import __version__
from emporium.config import Settings, load_settings
from emporium.db import migrate
from emporium.db.connect import Database, open_database, redact
from emporium.db.embedded import EmbeddedPostgres
from emporium.errors import EmporiumError

console = Console()
err_console = Console(stderr=True)

app = typer.Typer(
    help=(
        "emporium: a PostgreSQL-native commerce backend (multi-vendor marketplace and B2B "
        "wholesale).\n\n"
        "Without DATABASE_URL, emporium runs its own embedded PostgreSQL 16 in --data-dir. "
        "Start with `emporium demo`."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
db_app = typer.Typer(
    help="The database: where it is, migrations, the embedded server.", no_args_is_help=True
)
app.add_typer(db_app, name="db")

DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Where the embedded PostgreSQL keeps its data (env EMPORIUM_DATA_DIR). "
        "Ignored when DATABASE_URL is set.",
        show_default=False,
    ),
]
UrlOpt = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="Use this PostgreSQL instead of the embedded one (env DATABASE_URL).",
        show_default=False,
    ),
]


class _Ctx:
    data_dir: Path | None = None
    database_url: str | None = None


_ctx = _Ctx()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    data_dir: DataDirOpt = None,
    database_url: UrlOpt = None,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        console.print(f"emporium {__version__}")
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        console.print(ctx.get_help())
        raise typer.Exit(2)
    _ctx.data_dir = data_dir
    _ctx.database_url = database_url


def settings() -> Settings:
    return load_settings(data_dir=_ctx.data_dir, database_url=_ctx.database_url)


@contextmanager
def database() -> Iterator[Database]:
    with open_database(settings()) as db:
        yield db


# ----------------------------------------------------------------------------- db
@db_app.command("url")
def db_url(
    show_password: Annotated[bool, typer.Option(help="Print the password too.")] = False,
) -> None:
    """Print the connection string (DSN) of the database in use."""
    s = settings()
    if s.database_url:
        console.print(s.database_url if show_password else redact(s.database_url), soft_wrap=True)
    else:
        server = EmbeddedPostgres(s.data_dir)
        console.print(server.dsn(s.database_name), soft_wrap=True)


@db_app.command("psql")
def db_psql(
    args: Annotated[list[str] | None, typer.Argument(help="Extra psql arguments.")] = None,
) -> None:
    """Open psql on the database (starting the embedded server for the session)."""
    with database() as db:
        psql = db.embedded.bin("psql") if db.embedded else shutil.which("psql")
        if psql is None:
            raise EmporiumError(
                "psql is not installed",
                code="psql_missing",
                hint="install the PostgreSQL client (e.g. apt-get install postgresql-client)",
            )
        code = subprocess.call([str(psql), db.admin_dsn, *(args or [])])
    raise typer.Exit(code)


@db_app.command("start")
def db_start() -> None:
    """Start the embedded PostgreSQL and keep it running until `emporium db stop`."""
    s = settings()
    server = EmbeddedPostgres(s.data_dir)
    with server.session():
        server.ensure_database(s.database_name)
        server.pin()
    console.print(f"embedded PostgreSQL running: {server.dsn(s.database_name)}")


@db_app.command("stop")
def db_stop() -> None:
    """Stop the embedded PostgreSQL (the data stays in --data-dir)."""
    server = EmbeddedPostgres(settings().data_dir)
    server.unpin()
    server.stop()
    console.print(f"embedded PostgreSQL in {server.pgdata} stopped")


@db_app.command("status")
def db_status() -> None:
    """Say where the database is, whether it answers and which migration it is at."""
    with database() as db:
        current = migrate.current_revision(db.admin_dsn)
        head = migrate.head_revision()
        console.print(f"database: {redact(db.admin_dsn)}")
        console.print(
            f"migration: {current or 'none'} (head: {head})"
            + ("" if current == head else "  -> run `emporium db upgrade`")
        )


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Migrate the database forward to REVISION (default: the newest)."""
    with database() as db:
        started = time.monotonic()
        now = migrate.upgrade(db.admin_dsn, revision)
    console.print(f"database at migration {now} ({time.monotonic() - started:.1f}s)")


@db_app.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision, or 'base' for empty.")],
) -> None:
    """Migrate the database back to REVISION."""
    with database() as db:
        now = migrate.downgrade(db.admin_dsn, revision)
    console.print(f"database at migration {now}")


@db_app.command("current")
def db_current() -> None:
    """Print the migration the database is at."""
    with database() as db:
        console.print(migrate.current_revision(db.admin_dsn) or "none")


@db_app.command("history")
def db_history() -> None:
    """List the migrations, newest first."""
    table = Table("revision", "follows", "what it does")
    for rev in migrate.history():
        table.add_row(
            rev.revision + (" (head)" if rev.is_head else ""),
            rev.down_revision or "-",
            rev.doc.splitlines()[0] if rev.doc else "",
        )
    console.print(table)


@db_app.command("check")
def db_check() -> None:
    """Check that the table models and the migrated database agree (exit 1 when not)."""
    with database() as db:
        diffs = migrate.check(db.admin_dsn)
    if diffs:
        for d in diffs:
            err_console.print(f"  {d}")
        err_console.print(
            f"error[schema_drift]: {len(diffs)} difference(s) between models and migrations",
            markup=False,
        )
        raise typer.Exit(1)
    console.print("models and migrations agree")


@db_app.command("snapshot")
def db_snapshot(
    output: Annotated[Path, typer.Option(help="Where the snapshot is kept.")] = Path(
        "schema/snapshot.sql"
    ),
    check: Annotated[
        bool, typer.Option("--check", help="Only compare; exit 1 when stale.")
    ] = False,
) -> None:
    """Write (or --check) the pg_dump --schema-only snapshot of a freshly migrated database."""
    from emporium.ops.snapshot import schema_snapshot

    with database() as db:
        text = schema_snapshot(db)
    if check:
        if not output.exists() or output.read_text() != text:
            err_console.print(
                f"error[snapshot_stale]: {output} is not the schema of head; "
                "run `emporium db snapshot` and commit it",
                markup=False,
            )
            raise typer.Exit(1)
        console.print(f"{output} is current")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    console.print(f"wrote {output} ({len(text.splitlines())} lines)")


@db_app.command("seed")
def db_seed(
    scale: Annotated[
        float, typer.Option(help="Size: 1 is a small store; 100 is ~100k products / 1M variants.")
    ] = 1,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same data.")] = 42,
) -> None:
    """Fill every domain with believable demo data (a sneaker marketplace and a B2B store)."""
    from emporium.seed import generate

    with database() as db:
        migrate.assert_at_head(db.admin_dsn)
        summary = generate.run(db.admin_dsn, scale=scale, seed=seed, console=console)
    console.print(summary)


@db_app.command("erd")
def db_erd(
    output: Annotated[
        Path | None,
        typer.Option(help="Write the Mermaid diagram (markdown) here, not to stdout."),
    ] = None,
) -> None:
    """Draw the entity-relationship diagram of the live database (Mermaid, in markdown)."""
    from emporium.ops import docs

    with database() as db:
        text = docs.erd_markdown(db.admin_dsn)
    if output is None:
        console.print(text, markup=False, highlight=False, soft_wrap=True)
    else:
        output.write_text(text)
        console.print(f"wrote {output}")


@db_app.command("docs")
def db_docs(
    out: Annotated[Path, typer.Option(help="The docs folder to write into.")] = Path("docs"),
    check: Annotated[
        bool, typer.Option("--check", help="Only compare; exit 1 when stale.")
    ] = False,
) -> None:
    """Generate docs/schema.md, docs/erd.md and docs/security.md from the live schema."""
    from emporium.ops import docs

    with database() as db:
        stale = docs.write_docs(db.admin_dsn, out, check=check)
    if check and stale:
        err_console.print(
            f"error[docs_stale]: {', '.join(stale)} differ from the live schema; "
            "run `emporium db docs` and commit them",
            markup=False,
        )
        raise typer.Exit(1)
    console.print("docs are current" if check else f"wrote the schema docs into {out}")


# ----------------------------------------------------------------------- serving
HostOpt = Annotated[str, typer.Option(help="Interface to listen on.")]
PortOpt = Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)]


def _serve(db: Database, s: Settings, host: str, port: int) -> None:
    import uvicorn

    from emporium.api.app import create_app

    api = create_app(s, db)
    uvicorn.run(api, host=host, port=port, log_level="info", access_log=False)


@app.command()
def serve(host: HostOpt = "127.0.0.1", port: PortOpt = 8000) -> None:
    """Serve the HTTP API (the database must be migrated: `emporium db upgrade`)."""
    s = settings()
    with open_database(s) as db:
        migrate.assert_at_head(db.admin_dsn)
        _serve(db, s, host, port)


@app.command()
def demo(host: HostOpt = "127.0.0.1", port: PortOpt = 8000) -> None:
    """The whole thing on one machine: database, migrations, demo data, the server.

    Safe to run again: it keeps the data and adds nothing twice.
    """
    from emporium.demo import load_demo_data

    s = settings()
    with console.status("starting the database ..."):
        db_cm = open_database(s)
        db = db_cm.__enter__()
    try:
        where = f"embedded PostgreSQL 16 in {s.data_dir}" if db.embedded else redact(db.admin_dsn)
        console.print(f"[green]✓[/] database: {where}")
        with console.status("migrating ..."):
            rev = migrate.upgrade(db.admin_dsn)
        console.print(f"[green]✓[/] migrated to {rev}")
        with console.status("loading demo data ..."):
            summary = load_demo_data(db)
        console.print(f"[green]✓[/] demo data: {summary}")
        base = f"http://{host}:{port}"
        console.print(
            f"[bold]emporium is starting at {base}[/]  API docs {base}/docs  readiness {base}/ready"
        )
        console.print(f"  database: {redact(db.admin_dsn)}   (Ctrl-C stops everything)")
        _serve(db, s, host, port)
    finally:
        db_cm.__exit__(*sys.exc_info())


def main() -> None:
    """Entry point: run the app; expected failures print one line, never a traceback."""
    try:
        app()
    except EmporiumError as exc:
        err_console.print(
            f"error[{exc.instance_code}]: {exc.message}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        if exc.hint:
            err_console.print(f"  hint: {exc.hint}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
