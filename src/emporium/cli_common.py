"""What every `emporium` command shares: the consoles, the settings, the database.

Area modules (``emporium.ops.audit_cli``, ``emporium.legacy.cli`` ...) import from here,
never from :mod:`emporium.cli`, which imports them to register their commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from emporium.config import Settings, load_settings
from emporium.db.connect import Database, open_database

console = Console()
err_console = Console(stderr=True)


class _Ctx:
    data_dir: Path | None = None
    database_url: str | None = None


_ctx = _Ctx()


def settings(database_url: str | None = None) -> Settings:
    """The settings, with DATABASE_URL replaced by a command's own --database-url."""
    return load_settings(data_dir=_ctx.data_dir, database_url=database_url or _ctx.database_url)


@contextmanager
def database(database_url: str | None = None) -> Iterator[Database]:
    """The configured database (or DATABASE_URL), started when embedded, for the command."""
    with open_database(settings(database_url)) as db:
        yield db


def say(text: str) -> None:
    """Print text as it is (no Rich markup or highlighting)."""
    console.print(text, markup=False, highlight=False, soft_wrap=True)
