"""Where the database is: an embedded server or DATABASE_URL, and how to connect to it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from emporium.config import Settings
from emporium.db.embedded import EmbeddedPostgres
from emporium.errors import ConfigError, DatabaseUnavailable

API_LOGIN_ROLE = "authenticator"


def redact(dsn: str) -> str:
    """The DSN with its password hidden, for messages."""
    try:
        parts = conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return "<unparseable DSN>"
    if "password" in parts:
        parts["password"] = "***"  # noqa: S105 - the mask, not a password
    return make_conninfo(**parts)  # type: ignore[arg-type]


def connect(dsn: str, **kwargs: Any) -> psycopg.Connection[Any]:
    """psycopg.connect with failures turned into one clear emporium error."""
    kwargs.setdefault("connect_timeout", 10)
    # No server-side prepared statements: safe behind PgBouncer in transaction mode.
    kwargs.setdefault("prepare_threshold", None)
    try:
        return psycopg.connect(dsn, **kwargs)
    except psycopg.ProgrammingError as exc:
        raise ConfigError(
            f"the database URL is malformed: {exc}",
            hint="expected postgresql://user:password@host:5432/dbname",
        ) from None
    except psycopg.OperationalError as exc:
        reason = (
            "; ".join(line.strip() for line in str(exc).splitlines() if line.strip()) or "no answer"
        )
        raise DatabaseUnavailable(
            f"can't connect to {redact(dsn)}: {reason}",
            hint="check DATABASE_URL and that the server is running and reachable",
        ) from None


@dataclass(frozen=True)
class Database:
    """How to reach one emporium database."""

    admin_dsn: str  # owner: migrations, service work, tests
    api_dsn: str  # the API's login role; switches to anon/authenticated/service_role
    embedded: EmbeddedPostgres | None = None

    def connect(self, **kwargs: Any) -> psycopg.Connection[Any]:
        return connect(self.admin_dsn, **kwargs)


@contextlib.contextmanager
def open_database(settings: Settings) -> Iterator[Database]:
    """Reach the configured database (starting the embedded server when none is configured)."""
    if settings.database_url is None:
        server = EmbeddedPostgres(settings.data_dir)
        with server.session():
            server.ensure_database(settings.database_name)
            yield Database(
                admin_dsn=server.dsn(settings.database_name),
                api_dsn=settings.api_database_url
                or server.dsn(settings.database_name, user=API_LOGIN_ROLE),
                embedded=server,
            )
        return
    with connect(settings.database_url):
        pass  # fail early and clearly when the server can't be reached
    yield Database(
        admin_dsn=settings.database_url,
        api_dsn=settings.api_database_url or settings.database_url,
    )
