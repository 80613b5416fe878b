"""Liveness, readiness, the OpenAPI document and the catalogue of problem types."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import pytest
from psycopg.conninfo import conninfo_to_dict

from emporium import __version__
from emporium.api.app import create_app
from emporium.config import Settings
from emporium.db import migrate
from emporium.db.connect import Database
from emporium.errors import ERROR_CLASSES
from tests.api.conftest import TestClient
from tests.api.test_auth import assert_problem
from tests.conftest import dsn_for

ClientFor = Callable[[Database], TestClient]


@pytest.fixture
def client_for(api_settings: Settings) -> Iterator[ClientFor]:
    """A client on any database, built when the test has put that database in shape."""
    with contextlib.ExitStack() as stack:

        def build(database: Database) -> TestClient:
            return stack.enter_context(TestClient(create_app(api_settings, database)))

        yield build


def test_health_answers_without_asking_the_database(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}


def test_ready_reports_the_migration_the_database_is_at(client: TestClient) -> None:
    response = client.get("/ready")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ready", "migration": migrate.head_revision()}


def test_ready_is_503_schema_not_current_when_the_database_is_not_migrated(
    fresh_db: Database, client_for: ClientFor
) -> None:
    assert migrate.downgrade(fresh_db.admin_dsn, "base") == "base"
    client = client_for(fresh_db)
    body = assert_problem(client.get("/ready"), 503, "schema_not_current")
    assert body["head"] == migrate.head_revision()
    assert body["current"] is None
    assert "emporium db upgrade" in body["hint"]
    # Liveness does not depend on the schema.
    assert client.get("/health").status_code == 200


def test_ready_is_503_schema_not_current_on_a_database_never_migrated(
    empty_db: Database, client_for: ClientFor
) -> None:
    client = client_for(empty_db)
    body = assert_problem(client.get("/ready"), 503, "schema_not_current")
    assert body["current"] is None
    assert body["head"] == migrate.head_revision()


@pytest.mark.slow
def test_ready_is_503_database_unavailable_when_the_database_does_not_exist(
    fresh_db: Database, client_for: ClientFor
) -> None:
    missing = dsn_for(fresh_db.api_dsn, f"{conninfo_to_dict(fresh_db.api_dsn)['dbname']}_missing")
    client = client_for(Database(admin_dsn=fresh_db.admin_dsn, api_dsn=missing))
    body = assert_problem(client.get("/ready"), 503, "database_unavailable")
    assert body["title"] == "Not ready"
    assert client.get("/health").status_code == 200


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "emporium"
    assert document["info"]["version"] == __version__
    paths = document["paths"]
    for path in ("/auth/login", "/auth/signup", "/auth/refresh", "/auth/me", "/ready"):
        assert path in paths, path
    assert "post" in paths["/auth/login"]
    assert "get" in paths["/ready"]


def test_docs_are_served_as_html(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "/openapi.json" in response.text


def test_an_unknown_route_is_a_404_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/no/such/route"), 404, "not_found")
    assert body["instance"] == "/no/such/route"


def test_a_wrong_method_is_a_405_problem(client: TestClient) -> None:
    assert_problem(client.get("/auth/login"), 405, "method_not_allowed")


def test_problems_lists_every_family(client: TestClient) -> None:
    response = client.get("/problems")
    assert response.status_code == 200
    families = {entry["code"]: entry for entry in response.json()}
    assert set(families) == {cls.code for cls in ERROR_CLASSES}
    assert families["not_found"]["status"] == 404
    assert families["unauthenticated"]["status"] == 401
    assert families["schema_not_current"]["status"] == 503


def test_a_problem_type_is_described_at_its_url(client: TestClient) -> None:
    response = client.get("/problems/not_found")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "not_found"
    assert body["status"] == 404
    assert body["title"] == "Not found"
    assert body["description"]


def test_an_unknown_problem_type_is_itself_a_404_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/problems/no_such_code"), 404, "not_found")
    assert "no_such_code" in body["detail"]
