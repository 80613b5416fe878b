"""`emporium legacy demo-db` (registered by emporium.legacy.cli)."""

from __future__ import annotations

import typer


def register(parent: typer.Typer) -> None:
    """Add `demo-db` to PARENT."""
