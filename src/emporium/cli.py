"""The `emporium` command. Errors become one line and a non-zero exit code, here only."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import psycopg
import typer
from rich.console import Console
from rich.table import Table

from emporium import __version__
from emporium.cli_common import _ctx, console, database, err_console, settings
from emporium.config import Settings
from emporium.db import migrate
from emporium.db.connect import Database, open_database, redact
from emporium.db.embedded import EmbeddedPostgres
from emporium.errors import EmporiumError, InvalidInput

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
inventory_app = typer.Typer(
    help="Stock: receive, adjust, levels, the ledger check, expiring reservations. "
    "Acts as service work (the operator); a SKU may stand for a variant, a code for a location.",
    no_args_is_help=True,
)
app.add_typer(inventory_app, name="inventory")

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
    alongside: Annotated[
        bool,
        typer.Option(
            "--alongside",
            help="Seed a database that holds a store already (e.g. one reorganized from the "
            "legacy database): join its house vendor, vendors of the same slug, brands, "
            "categories and spec definitions, and add the rest beside them.",
        ),
    ] = False,
) -> None:
    """Fill every domain with believable demo data (a sneaker marketplace and a B2B store).

    For an empty database: one with products or a house vendor already is
    refused, unless --alongside. One transaction: a failure writes nothing.
    """
    from emporium.seed import generate

    with database() as db:
        migrate.assert_at_head(db.admin_dsn)
        summary = generate.run(
            db.admin_dsn, scale=scale, seed=seed, console=console, alongside=alongside
        )
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


# ---------------------------------------------------------------------- inventory
@contextmanager
def _as_operator() -> Iterator[psycopg.Connection[Any]]:
    """One transaction as service work on the configured database, committed at the end."""
    from emporium.db.session import Persona, transaction_as

    with database() as db, db.connect() as conn, transaction_as(conn, Persona.service()):
        yield conn


def _whole_number(text: str, name: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(
            f"{name} must be a whole number, not {text!r}", code="invalid_quantity"
        ) from None


def _say(text: str) -> None:
    console.print(text, markup=False, highlight=False, soft_wrap=True)


LocationArg = Annotated[str, typer.Argument(help="The location: its id, or its code.")]
VariantArg = Annotated[
    str, typer.Argument(metavar="VARIANT_OR_SKU", help="The variant: its id, or its SKU.")
]
ReferenceOpt = Annotated[
    str | None, typer.Option(help="What it refers to: a purchase order, a delivery note ...")
]


def _moved(conn: psycopg.Connection[Any], verb: str, movement_id: int) -> str:
    """What a movement did, in a line (said once the transaction has committed)."""
    from emporium.inventory import queries

    movement = queries.get_movement(conn, movement_id)
    assert movement is not None  # service work reads every row
    level = queries.get_level(
        conn, location_id=movement.location_id, variant_id=movement.variant_id
    )
    assert level is not None
    return (
        f"{verb} {movement.delta:+d} of {level.sku or level.variant_id} at "
        f"{level.location_code or level.location_id}: on hand {level.on_hand}, "
        f"reserved {level.reserved}, available {level.available} (movement {movement_id})"
    )


@inventory_app.command("receive")
def inventory_receive(
    location: LocationArg,
    variant: VariantArg,
    quantity: Annotated[str, typer.Argument(metavar="QTY", help="Units received (positive).")],
    reason: Annotated[str | None, typer.Option(help="Why, in a few words.")] = None,
    reference: ReferenceOpt = None,
) -> None:
    """Receive stock into a location (a receipt movement in the ledger)."""
    from emporium.inventory import queries, service

    units = _whole_number(quantity, "QTY")
    with _as_operator() as conn:
        movement_id = service.receive(
            conn,
            location_id=queries.find_location(conn, location),
            variant_id=queries.find_variant(conn, variant),
            quantity=units,
            reason=reason,
            reference=reference,
        )
        done = _moved(conn, "received", movement_id)
    _say(done)


@inventory_app.command("adjust", context_settings={"ignore_unknown_options": True})
def inventory_adjust(
    location: LocationArg,
    variant: VariantArg,
    delta: Annotated[
        str, typer.Argument(metavar="DELTA", help="The signed change of on hand, e.g. -2 or 3.")
    ],
    reason: Annotated[str | None, typer.Option(help="Why stock is adjusted (required).")] = None,
    reference: ReferenceOpt = None,
) -> None:
    """Correct on hand by DELTA, with a reason (never below what is reserved)."""
    from emporium.inventory import queries, service

    change = _whole_number(delta, "DELTA")
    with _as_operator() as conn:
        movement_id = service.adjust(
            conn,
            location_id=queries.find_location(conn, location),
            variant_id=queries.find_variant(conn, variant),
            delta=change,
            reason=reason,
            reference=reference,
        )
        done = _moved(conn, "adjusted", movement_id)
    _say(done)


@inventory_app.command("levels")
def inventory_levels(
    location: Annotated[str | None, typer.Option(help="Only this location (id or code).")] = None,
    sku: Annotated[str | None, typer.Option(help="Only SKUs containing this.")] = None,
    below_reorder: Annotated[
        bool, typer.Option("--below-reorder", help="Only levels at or below their reorder point.")
    ] = False,
    out_of_stock: Annotated[
        bool, typer.Option("--out-of-stock", help="Only levels with nothing available.")
    ] = False,
    limit: Annotated[int, typer.Option(help="How many rows (1 to 500).")] = 50,
    cursor: Annotated[str | None, typer.Option(help="Continue after a previous page.")] = None,
) -> None:
    """Stock levels per location and variant, as a table."""
    from emporium.inventory import queries

    with _as_operator() as conn:
        page = queries.list_levels(
            conn,
            location_id=queries.find_location(conn, location) if location else None,
            sku=sku,
            below_reorder_point=below_reorder,
            out_of_stock=out_of_stock,
            limit=limit,
            cursor=cursor,
        )
    if not page.items:
        _say("no stock levels match")
        return
    table = Table("location", "sku", "on hand", "reserved", "available", "reorder at")
    for col in table.columns[2:]:
        col.justify = "right"
    for lv in page.items:
        style = "red" if lv.available <= 0 else "yellow" if lv.available <= lv.reorder_point else ""
        table.add_row(
            lv.location_code or str(lv.location_id),
            lv.sku or str(lv.variant_id),
            str(lv.on_hand),
            str(lv.reserved),
            str(lv.available),
            str(lv.reorder_point),
            style=style,
        )
    console.print(table)
    _say(
        f"{len(page.items)} level(s)"
        + (f"; more with --cursor {page.next_cursor}" if page.next_cursor else "")
    )


@inventory_app.command("check-ledger")
def inventory_check_ledger(
    vendor: Annotated[str | None, typer.Option(help="Only this vendor (id or slug).")] = None,
) -> None:
    """Compare stored on hand and reserved with the ledger and the active reservations
    (exit 1 when any differ)."""
    from emporium.inventory import queries, service

    with _as_operator() as conn:
        vendor_id = queries.find_vendor(conn, vendor) if vendor else None
        differences = service.check_ledger(conn, vendor_id=vendor_id)
    if not differences:
        _say("the ledger is sound: every on hand and reserved figure matches its movements")
        return
    table = Table("location", "sku", "figure", "stored", "expected", "difference")
    for col in table.columns[3:]:
        col.justify = "right"
    for d in differences:
        table.add_row(
            d.location_code or str(d.location_id),
            d.sku or str(d.variant_id),
            d.kind,
            str(d.stored),
            str(d.expected),
            f"{d.difference:+d}",
        )
    console.print(table)
    err_console.print(
        f"error[ledger_mismatch]: {len(differences)} stored figure(s) disagree with the ledger",
        markup=False,
        highlight=False,
    )
    raise typer.Exit(1)


@inventory_app.command("expire")
def inventory_expire(
    batch_size: Annotated[int, typer.Option(help="Rows per batch (all due rows go).")] = 1000,
) -> None:
    """Expire every due reservation once, giving its units back (the server does this in
    the background every EMPORIUM_RESERVATION_SWEEP_SECONDS)."""
    from emporium.inventory import service

    with _as_operator() as conn:
        expired = service.expire_reservations(conn, batch_size=batch_size)
    _say(f"expired {expired} reservation(s)")


# ----------------------------------------------------------------------- serving
HostOpt = Annotated[str, typer.Option(help="Interface to listen on.")]
PortOpt = Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)]


def _serve(db: Database, s: Settings, host: str, port: int) -> None:
    import uvicorn

    from emporium.api.app import create_app

    api = create_app(s, db)
    # uvicorn configures only its own loggers: show ours (the sweeper's counts) beside them.
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["loggers"]["emporium"] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": False,
    }
    uvicorn.run(
        api, host=host, port=port, log_level="info", access_log=False, log_config=log_config
    )


@app.command()
def serve(host: HostOpt = "127.0.0.1", port: PortOpt = 8000) -> None:
    """Serve the HTTP API (the database must be migrated: `emporium db upgrade`)."""
    s = settings()
    with open_database(s) as db:
        migrate.assert_at_head(db.admin_dsn)
        _serve(db, s, host, port)


def _demo_from_legacy(db: Database, data_dir: Path) -> Path | None:
    """A fresh database starts as the legacy store and is reorganized, step by step."""
    from emporium import demo as demo_data
    from emporium.legacy import demo_db, phases
    from emporium.legacy import report as legacy_report

    where = demo_data.database_state(db.admin_dsn)
    if where == "emporium":
        return None
    if where == "fresh":
        with console.status("creating the demo legacy store ..."):
            counts = demo_db.create(
                db.admin_dsn, scale=demo_data.LEGACY_SCALE, seed=demo_data.LEGACY_SEED
            )
        console.print(
            f"[green]✓[/] legacy store (the messy shape of shared/legacy/schema.sql): "
            f"{sum(counts.values()):,} rows in {len(counts)} tables"
        )
    opts = phases.Options(out_dir=data_dir / "reports", backup_dir=data_dir / "backups")
    for phase in phases.pending(db.admin_dsn):
        with console.status(f"{phase} ...") as status:

            def show(text: str, status: Any = status, phase: str = phase) -> None:
                status.update(f"{phase}: {text}"[:100])

            done = phases.migrate(db.admin_dsn, phases=[phase], options=opts, ui=phases.UI(show))
            done = done[phase]
        console.print(f"[green]✓[/] {phase}: {_phase_summary(phase, done)}", highlight=False)
    from emporium.db.connect import connect

    with connect(db.admin_dsn, autocommit=True) as conn:
        md, _js, data = legacy_report.write(conn, opts.out_dir)
    quarantined = sum(t["quarantined"] for t in data["tables"])
    console.print(
        f"[green]✓[/] report: {sum(t['rows'] for t in data['tables']):,} legacy rows, "
        f"{quarantined:,} quarantined, {sum(g['count'] for g in data['issues']):,} decisions "
        f"to read in {md}",
        highlight=False,
    )
    return md


def _phase_summary(phase: str, done: dict[str, Any]) -> str:
    seconds = f"{done.get('seconds', 0):.1f}s"
    if phase == "audit":
        return f"{done.get('report')} ({seconds})"
    if phase == "backup":
        return f"{done.get('archive')}, verified in a scratch database ({seconds})"
    if phase == "transform":
        return f"{done.get('rows', 0):,} legacy rows ({seconds})"
    if phase == "validate":
        checks = done.get("checks", [])
        return f"{sum(1 for c in checks if c['ok'])}/{len(checks)} checks pass ({seconds})"
    return seconds


@app.command()
def demo(host: HostOpt = "127.0.0.1", port: PortOpt = 8000) -> None:
    """The whole thing on one machine: database, migrations, demo data, the server.

    On a fresh database the store starts as a messy legacy database which is then audited,
    backed up (verified), reorganized in place, validated and reported on, step by step.
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
        report = _demo_from_legacy(db, s.data_dir)
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
        if report:
            console.print(f"  reorganization report: {report}")
        _serve(db, s, host, port)
    finally:
        db_cm.__exit__(*sys.exc_info())


# -------------------------------------------------------------------------- bench
bench_app = typer.Typer(
    help="Benchmarks: our figure next to the raw-SQL limit, measured in the same run.",
    no_args_is_help=True,
)
app.add_typer(bench_app, name="bench")


@bench_app.command("reserve")
def bench_reserve(
    seconds: Annotated[
        float, typer.Option(help="Measured seconds per path and cell.", min=0.1)
    ] = 10,
    rounds: Annotated[
        int,
        typer.Option(help="ours and raw alternate in this many slices of SECONDS/ROUNDS.", min=1),
    ] = 4,
    warmup: Annotated[
        float, typer.Option(help="Unmeasured seconds per Python path before a cell.", min=0)
    ] = 1,
    clients: Annotated[
        str, typer.Option(help="Client counts, separated by commas: one cell per count.")
    ] = "8,32",
    output: Annotated[Path, typer.Option(help="Where the JSON result is written.")] = Path(
        "reports/bench-reserve.json"
    ),
    pgbench: Annotated[
        bool, typer.Option(help="Also run the raw pair with pgbench, when one is found.")
    ] = True,
    keep_database: Annotated[
        bool, typer.Option(help="Keep the emporium_bench database afterwards.")
    ] = False,
) -> None:
    """Reservation throughput and p50/p99 latency: stock_reserve vs the raw UPDATE + INSERT.

    Creates its own database (emporium_bench) on the configured server and drops it after.
    """
    from emporium.bench import reserve as bench

    config = bench.BenchConfig(
        seconds=seconds, warmup=warmup, rounds=rounds, clients=bench.parse_clients(clients)
    )
    with database() as db:
        pgbench_bin = bench.find_pgbench(db.embedded) if pgbench else None
        if pgbench and pgbench_bin is None:
            console.print("[yellow]pgbench not found: the pgbench column stays empty[/]")
        report = bench.run_on_server(
            db.admin_dsn,
            config,
            keep_database=keep_database,
            pgbench=pgbench_bin,
            progress=lambda msg: console.print(f"  {msg}", markup=False, highlight=False),
        )
    bench.write_report(report, output)
    # Piped or redirected output keeps the whole table rather than the default 80 columns.
    out = console if console.is_terminal else Console(width=160)
    out.print(bench.render_table(report))
    load = report["load_average"]["before"]
    console.print(f"load average at start: {load}; JSON written to {output}")


@bench_app.command("legacy")
def bench_legacy(
    scale: Annotated[
        float, typer.Option(help="Demo legacy store size: 80 is about 1M legacy rows.", min=0.1)
    ] = 80,
    small_scale: Annotated[
        float,
        typer.Option(help="A second, smaller run to show memory stays flat (0: skip).", min=0),
    ] = 10,
    seed: Annotated[int, typer.Option(help="Seed of the demo legacy store.")] = 7,
    output: Annotated[
        Path,
        typer.Option(help="Where the JSON result is written (the markdown goes beside it)."),
    ] = Path("reports/bench-legacy.json"),
) -> None:
    """The reorganization at scale: rows/s per phase, total time, the migrator's peak memory,
    rollback time, next to the raw limit (CREATE TABLE AS SELECT * of every legacy table).

    Creates its own database (emporium_bench_legacy) on the configured server and drops it.
    """
    from emporium.bench import legacy as bench

    with database() as db:
        report = bench.run(
            db.admin_dsn,
            scale=scale,
            small_scale=small_scale,
            seed=seed,
            say=lambda msg: console.print(f"  {msg}", markup=False, highlight=False),
        )
    md = bench.write_report(report, output)
    out = console if console.is_terminal else Console(width=200)
    out.print(bench.render_table(report))
    out.print(bench.limits_table(report))
    out.print(bench.steps_table(report))
    console.print(
        f"load average at start: {report['load_average']['before']}; JSON: {output};"
        f" markdown (with the steps' chart): {md}"
    )


def _register_areas() -> None:
    """Commands that live beside their area's code, each module adding its own."""
    from emporium.legacy import cli as legacy_cli
    from emporium.ops import audit_cli, backup_cli

    audit_cli.register(db_app)
    backup_cli.register(db_app)
    legacy_cli.register(app)


_register_areas()


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
