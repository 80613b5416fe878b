"""`emporium db audit`: the read-only audit of any PostgreSQL database, from the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from emporium.cli_common import console, database, say
from emporium.ops.audit import run_audit, write_report

SHOWN_HEADLINES = 12


def register(parent: typer.Typer) -> None:
    """Add `audit` to PARENT (the `emporium db` app)."""

    @parent.command(
        "audit",
        help="Inspect a database without changing it and write a report (markdown + JSON).\n\n"
        "Lists tables, sizes, row counts, columns and keys; finds relationships in the data "
        "that no foreign key declares (with match rates and orphans), duplicates on natural "
        "keys, text columns whose numbers, dates or sizes don't parse, and index, sequence and "
        "cache problems. Works on any PostgreSQL database and runs in one read-only "
        "transaction.",
    )
    def audit(
        database_url: Annotated[
            str | None,
            typer.Option(
                "--database-url",
                help="Audit this PostgreSQL database (any one, not only emporium's) instead "
                "of the configured one (env DATABASE_URL).",
                show_default=False,
            ),
        ] = None,
        out: Annotated[
            Path,
            typer.Option("--out", help="Directory to write the markdown and JSON report into."),
        ] = Path("reports"),
        schema: Annotated[
            list[str] | None,
            typer.Option(
                "--schema",
                help="Audit only this schema (repeat for several). "
                "Default: every non-system schema that has tables.",
                show_default=False,
            ),
        ] = None,
        sample: Annotated[
            int,
            typer.Option(
                "--sample",
                min=1,
                help="How many distinct values per column to look up when looking for "
                "relationships, and how many rows of a text column to classify.",
            ),
        ] = 20000,
    ) -> None:
        """Run the audit with progress, print the headlines, write the two files."""
        seen: set[str] = set()

        with database(database_url) as db, console.status("auditing…") as status:

            def progress(message: str) -> None:
                head = message.split(":", 1)[0]
                if head not in seen:
                    seen.add(head)
                    say(f"· {head}")
                status.update(f"auditing: {message}")

            result = run_audit(db.admin_dsn, schemas=schema, sample=sample, progress=progress)
        md, js = write_report(result, out)
        db_info = result["database"]
        say(
            f"\n{db_info['name']} (PostgreSQL {db_info['server_version']}): "
            f"{len(result['tables'])} tables in "
            f"{', '.join(result['options']['schemas']) or 'no schema with tables'}, "
            f"audited in {result['duration_seconds']:.1f} s"
        )
        lines = result["headlines"] or ["nothing stands out"]
        for line in lines[:SHOWN_HEADLINES]:
            say(f"  - {line}")
        if len(lines) > SHOWN_HEADLINES:
            say(f"  …and {len(lines) - SHOWN_HEADLINES} more in the report")
        say(f"report: {md}")
        say(f"json:   {js}")
