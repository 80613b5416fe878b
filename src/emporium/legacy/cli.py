"""`emporium legacy ...`: the reorganization of a legacy store database (registered by emporium.cli)."""

from __future__ import annotations

import typer

legacy_app = typer.Typer(
    help="The reorganization: move a legacy store database (../shared/legacy/schema.sql shape) "
    "in place into emporium's design, with a way back.",
    no_args_is_help=True,
)


def register(parent: typer.Typer) -> None:
    """Add `emporium legacy` to PARENT."""
    from emporium.legacy import demo_cli

    demo_cli.register(legacy_app)
    parent.add_typer(legacy_app, name="legacy")
