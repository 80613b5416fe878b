"""`emporium legacy demo-db` (registered by emporium.legacy.cli)."""

from __future__ import annotations

import time
from typing import Annotated

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

from emporium.cli_common import console, database

HELP = (
    "Create a legacy sneaker-store database to practise the reorganization on.\n\n"
    "Creates the seven legacy tables (users, products, sneakers, orders, order_items, "
    "dealers, dealer_prices: the shape of legacy/schema.sql) in schema public of an EMPTY "
    "database and fills them like a store that grew for years without constraints: "
    "real-looking brands, models, style codes and KicksDB payloads, and every kind of mess "
    "the reorganization must handle, each in a few percent of the rows: role, brand, size, "
    "style-code and money spellings; NULLs; emails duplicated in other case; staff of one "
    "store spelling its name differently; products imported twice; malformed variants JSON; "
    "dead placeholder image URLs; orphan order items and dealer prices; negative "
    "quantities; order items pointing at the wrong table.\n\n"
    "The same --scale and --seed always give the same data, byte for byte; another seed "
    "gives other data. Scale 1 is ~12,000 rows, scale 100 ~1.2 million. All or nothing: a "
    "database that already has one of these tables, or is an emporium database, is refused."
)


def demo_db(
    scale: Annotated[
        float,
        typer.Option(help="Size: 1 is ~12,000 rows (300 users, 4,000 listings); 100 is ~1.2M."),
    ] = 1,
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed and scale give the same data.")
    ] = 42,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="The EMPTY database to fill (default: the configured one, DATABASE_URL or "
            "the embedded server).",
            show_default=False,
        ),
    ] = None,
) -> None:
    from emporium.legacy import demo_db as generator

    started = time.monotonic()
    progress = Progress(
        TextColumn("{task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )
    tasks: dict[str, TaskID] = {}

    def report(table: str, done: int, total: int) -> None:
        if table not in tasks:
            tasks[table] = progress.add_task(table, total=total)
        progress.update(tasks[table], completed=done, total=total)

    with database(database_url) as db, progress:
        counts = generator.create(db.admin_dsn, scale=scale, seed=seed, progress=report)
    table = Table(
        "legacy table", "rows", title=f"legacy demo database (scale {scale:g}, seed {seed})"
    )
    for name, rows in counts.items():
        table.add_row(f"public.{name}", f"{rows:,}")
    table.add_row("total", f"{sum(counts.values()):,}", style="bold")
    console.print(table)
    console.print(f"done in {time.monotonic() - started:.1f}s", highlight=False)


def register(parent: typer.Typer) -> None:
    """Add `demo-db` to PARENT."""
    parent.command("demo-db", help=HELP)(demo_db)
