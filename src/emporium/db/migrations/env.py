"""Alembic environment. Run through `emporium db ...`, which passes the connection in."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import text

from emporium.db.metadata import OWNED_SCHEMAS, load_all_models

config = context.config
target_metadata = load_all_models()


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    if type_ == "schema":
        return name in (None, *OWNED_SCHEMAS)
    return True


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    # The version table lives in `private`, which no API exposes.
    connection.execute(text("create schema if not exists private"))
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_schemas=True,
        include_name=include_name,
        version_table_schema="private",
        compare_type=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover
    raise SystemExit("offline (SQL script) mode is not supported; run against a database")
run_migrations_online()
