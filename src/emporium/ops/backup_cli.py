"""Commands of this area (registered by emporium.cli)."""

from __future__ import annotations

import typer


def register(parent: typer.Typer) -> None:
    """Add this area's commands to PARENT."""
