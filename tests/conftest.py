"""Test fixtures: a real PostgreSQL, a migrated template, personas.

- The server: the embedded PostgreSQL 16 (fresh, in a temp dir), or the one named by
  EMPORIUM_TEST_DATABASE_URL (an admin DSN; the suite creates and drops its own databases).
- Once per run a template database is built with the real migrations (never create_all).
- ``fresh_db``: a database of its own (CREATE DATABASE ... TEMPLATE) for tests that commit.
- ``conn``: a connection to a shared migrated database inside a transaction that is rolled back.
- Personas are claim sets; ``as_persona(conn, persona)`` acts as one for the transaction.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from emporium.db import migrate
from emporium.db.connect import API_LOGIN_ROLE, Database
from emporium.db.embedded import EmbeddedPostgres
from emporium.db.session import Persona
from tests.world import seed_world

TEST_URL_ENV = "EMPORIUM_TEST_DATABASE_URL"


def dsn_for(base: str, dbname: str, **overrides: str) -> str:
    parts: dict[str, Any] = conninfo_to_dict(base)
    parts["dbname"] = dbname
    parts.update(overrides)
    return make_conninfo(**parts)


class Server:
    """The PostgreSQL server under test and how to make databases on it."""

    def __init__(self, admin_dsn: str, embedded: EmbeddedPostgres | None) -> None:
        self.admin_dsn = admin_dsn
        self.embedded = embedded
        self.template: str | None = None

    def execute(self, statement: sql.Composable | str) -> None:
        with psycopg.connect(self.admin_dsn, autocommit=True) as c:
            c.execute(statement)

    def create_database(self, name: str, template: str | None = None) -> str:
        stmt = sql.SQL("create database {}").format(sql.Identifier(name))
        if template:
            stmt = sql.SQL("create database {} template {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        self.execute(stmt)
        return dsn_for(self.admin_dsn, name)

    def drop_database(self, name: str) -> None:
        self.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
        )

    def api_dsn(self, dsn: str) -> str:
        """The API's login role on that database, when the server lets it log in (trust)."""
        candidate = dsn_for(dsn, conninfo_to_dict(dsn)["dbname"], user=API_LOGIN_ROLE)
        try:
            with psycopg.connect(candidate, connect_timeout=5):
                return candidate
        except psycopg.OperationalError:
            return dsn

    def major(self) -> int:
        with psycopg.connect(self.admin_dsn) as c:
            row = c.execute("show server_version_num").fetchone()
        assert row is not None
        return int(row[0]) // 10000


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    url = os.environ.get(TEST_URL_ENV)
    if url:
        yield Server(url, None)
        return
    # Not under pytest's tmp root: that is 0700, and as root the server runs as another user.
    data_dir = Path(tempfile.mkdtemp(prefix="emporium-test-pg-"))
    embedded = EmbeddedPostgres(data_dir, durable=False)
    try:
        with embedded.session():
            yield Server(embedded.dsn("postgres"), embedded)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def template_db(server: Server) -> Iterator[str]:
    name = f"emporium_tpl_{os.getpid()}"
    server.drop_database(name)
    dsn = server.create_database(name)
    migrate.upgrade(dsn)
    server.template = name
    yield name
    server.drop_database(name)


def _fresh(server: Server, template: str) -> Iterator[Database]:
    name = f"emporium_t_{uuid.uuid4().hex[:12]}"
    dsn = server.create_database(name, template=template)
    try:
        yield Database(admin_dsn=dsn, api_dsn=server.api_dsn(dsn))
    finally:
        server.drop_database(name)


@pytest.fixture
def fresh_db(server: Server, template_db: str) -> Iterator[Database]:
    """A migrated database of the test's own: commit freely."""
    yield from _fresh(server, template_db)


@pytest.fixture
def empty_db(server: Server) -> Iterator[Database]:
    """A database with nothing in it (not migrated)."""
    name = f"emporium_e_{uuid.uuid4().hex[:12]}"
    dsn = server.create_database(name)
    try:
        yield Database(admin_dsn=dsn, api_dsn=dsn)
    finally:
        server.drop_database(name)


@pytest.fixture(scope="session")
def shared_db(server: Server, template_db: str) -> Iterator[Database]:
    """A migrated database holding the seeded world (tests/world.py), shared by the run."""
    for db in _fresh(server, template_db):
        with psycopg.connect(db.admin_dsn) as c:
            seed_world(c)
        yield db


@pytest.fixture
def world_db(server: Server, template_db: str) -> Iterator[Database]:
    """A database of the test's own holding the seeded world: commit freely."""
    for db in _fresh(server, template_db):
        with psycopg.connect(db.admin_dsn) as c:
            seed_world(c)
        yield db


@pytest.fixture
def conn(shared_db: Database) -> Iterator[psycopg.Connection[Any]]:
    """A connection to the seeded world in a transaction that is rolled back after the test."""
    with psycopg.connect(shared_db.admin_dsn) as c:
        yield c
        c.rollback()


# ------------------------------------------------------------------------- personas
VENDOR_A = uuid.UUID("a0000000-0000-4000-8000-00000000000a")
VENDOR_B = uuid.UUID("b0000000-0000-4000-8000-00000000000b")
ACCOUNT_A = uuid.UUID("a0000000-0000-4000-8000-0000000000ac")
ACCOUNT_B = uuid.UUID("b0000000-0000-4000-8000-0000000000bc")


def _user(n: int) -> uuid.UUID:
    return uuid.UUID(f"00000000-0000-4000-8000-{n:012d}")


def _claims(user_id: uuid.UUID, app_role: str, **app_metadata: Any) -> dict[str, Any]:
    return {
        "sub": str(user_id),
        "role": "authenticated",
        "aud": "authenticated",
        "email": f"{app_role}-{str(user_id)[-4:]}@test.emporium",
        "app_metadata": {"provider": "email", "role": app_role, **app_metadata},
    }


PERSONAS: dict[str, Persona] = {
    "anon": Persona.anon(),
    "customer_a": Persona("authenticated", _claims(_user(1), "customer")),
    "customer_b": Persona("authenticated", _claims(_user(2), "customer")),
    "vendor_a_staff": Persona(
        "authenticated", _claims(_user(3), "vendor", vendor_id=str(VENDOR_A))
    ),
    "vendor_b_staff": Persona(
        "authenticated", _claims(_user(4), "vendor", vendor_id=str(VENDOR_B))
    ),
    "account_a_member": Persona(
        "authenticated", _claims(_user(5), "customer", account_ids=[str(ACCOUNT_A)])
    ),
    "account_b_member": Persona(
        "authenticated", _claims(_user(6), "customer", account_ids=[str(ACCOUNT_B)])
    ),
    "rep": Persona("authenticated", _claims(_user(7), "rep")),
    "admin": Persona("authenticated", _claims(_user(8), "admin")),
    "service": Persona.service(),
}


@pytest.fixture(params=sorted(PERSONAS))
def any_persona(request: pytest.FixtureRequest) -> Persona:
    return PERSONAS[request.param]


@pytest.fixture
def anon() -> Persona:
    return PERSONAS["anon"]


@pytest.fixture
def customer_a() -> Persona:
    return PERSONAS["customer_a"]


@pytest.fixture
def customer_b() -> Persona:
    return PERSONAS["customer_b"]


@pytest.fixture
def vendor_a_staff() -> Persona:
    return PERSONAS["vendor_a_staff"]


@pytest.fixture
def vendor_b_staff() -> Persona:
    return PERSONAS["vendor_b_staff"]


@pytest.fixture
def account_a_member() -> Persona:
    return PERSONAS["account_a_member"]


@pytest.fixture
def account_b_member() -> Persona:
    return PERSONAS["account_b_member"]


@pytest.fixture
def rep() -> Persona:
    return PERSONAS["rep"]


@pytest.fixture
def admin() -> Persona:
    return PERSONAS["admin"]


@pytest.fixture
def service() -> Persona:
    return PERSONAS["service"]


REPO = Path(__file__).resolve().parents[1]
