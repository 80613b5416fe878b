"""The `emporium` command: help for newcomers, one clear line and an exit code for failures."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from emporium.db import migrate
from emporium.db.connect import Database
from emporium.errors import ConfigError, DatabaseUnavailable, DataDirError

EMPORIUM = [sys.executable, "-m", "emporium"]


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    full_env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "EMPORIUM_DATABASE_URL")
    }
    full_env.update(env or {})
    return subprocess.run(
        [*EMPORIUM, *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


def assert_one_clear_line(
    result: subprocess.CompletedProcess[str], code: str, exit_code: int
) -> None:
    assert result.returncode == exit_code, result.stderr
    assert "Traceback" not in result.stderr
    first = result.stderr.strip().splitlines()[0]
    assert first.startswith(f"error[{code}]: "), result.stderr


@pytest.mark.parametrize(
    "args", [["--help"], ["db", "--help"], ["demo", "--help"], ["serve", "--help"]]
)
def test_help_explains_each_area(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 0
    assert "Usage" in result.stdout


def test_top_level_help_names_the_areas_and_the_embedded_default() -> None:
    out = run("--help").stdout
    for word in ("demo", "serve", "db", "embedded PostgreSQL"):
        assert word in out


def test_a_malformed_database_url_is_one_line_and_exit_3() -> None:
    result = run("db", "status", env={"DATABASE_URL": "mysql://root@localhost/shop"})
    assert_one_clear_line(result, ConfigError.code, ConfigError.exit_code)
    assert "PostgreSQL URL" in result.stderr


def test_an_unreachable_server_is_one_line_and_exit_4() -> None:
    result = run(
        "db", "upgrade", env={"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/x?connect_timeout=2"}
    )
    assert_one_clear_line(result, DatabaseUnavailable.code, DatabaseUnavailable.exit_code)
    assert "127.0.0.1" in result.stderr


def test_an_unusable_data_dir_is_one_line_and_exit_3_and_creates_nothing() -> None:
    with tempfile.NamedTemporaryFile() as f:
        result = run("--data-dir", f"{f.name}/sub", "db", "status")
        assert_one_clear_line(result, DataDirError.code, DataDirError.exit_code)
        assert Path(f.name).is_file()


def test_db_commands_work_against_a_database_url(empty_db: Database) -> None:
    env = {"DATABASE_URL": empty_db.admin_dsn}
    assert run("db", "current", env=env).stdout.strip() == "none"
    up = run("db", "upgrade", env=env)
    assert up.returncode == 0, up.stderr
    head = migrate.head_revision()
    assert head in up.stdout
    assert run("db", "check", env=env).returncode == 0
    status = run("db", "status", env=env).stdout
    assert f"migration: {head} (head: {head})" in status
    assert run("db", "history", env=env).returncode == 0


def test_db_url_hides_the_password() -> None:
    result = run("db", "url", env={"DATABASE_URL": "postgresql://shop:s3cret@db.example:5432/shop"})
    assert result.returncode == 0
    assert "s3cret" not in result.stdout
    assert "***" in result.stdout


def test_serve_refuses_a_database_that_is_not_migrated(empty_db: Database) -> None:
    result = run("serve", "--port", "1", env={"DATABASE_URL": empty_db.admin_dsn})
    assert_one_clear_line(result, "schema_not_current", 5)
    assert "emporium db upgrade" in result.stderr


def test_version_prints_the_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("emporium ")


def test_no_command_shows_help_and_exits_non_zero() -> None:
    result = run()
    assert result.returncode != 0
    assert "Usage" in result.stdout + result.stderr


def test_db_psql_runs_psql_on_the_database_in_use(fresh_db: Database) -> None:
    result = run(
        "db",
        "psql",
        "--",
        "-Atc",
        "select version_num from private.alembic_version",
        env={"DATABASE_URL": fresh_db.admin_dsn},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == migrate.head_revision()


def test_db_seed_refuses_a_store_naming_alongside_which_then_seeds_beside_it(
    fresh_db: Database,
) -> None:
    import psycopg

    with psycopg.connect(fresh_db.admin_dsn) as conn:
        conn.execute("insert into vendors (name, slug, is_house) values ('Ours', 'ours', true)")
    env = {"DATABASE_URL": fresh_db.admin_dsn}
    refused = run("db", "seed", "--scale", "0.02", env=env)
    assert_one_clear_line(refused, "database_not_empty", 9)
    assert "--alongside" in refused.stderr
    seeded = run("db", "seed", "--scale", "0.02", "--alongside", env=env)
    assert seeded.returncode == 0, seeded.stderr
    assert "Seeded scale 0.02" in seeded.stdout
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        row = conn.execute(
            "select count(*), count(*) filter (where o.vendor_id = v.id) from offers o"
            " cross join (select id from vendors where is_house) v"
        ).fetchone()
    assert row is not None
    assert row[1] > 0, "the seed's house offers are the store's house's"
    assert row[0] > row[1], "and the marketplace vendors have theirs"
