"""The embedded PostgreSQL: keeps data between runs, stops cleanly, refuses bad data dirs."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from emporium.db.embedded import EmbeddedPostgres
from emporium.errors import DataDirError


@pytest.fixture
def data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="emporium-test-embedded-"))
    path.chmod(0o755)  # mkdtemp makes 0700; as root the server runs as another user
    yield path
    EmbeddedPostgres(path).stop()
    shutil.rmtree(path, ignore_errors=True)


def test_data_survives_a_stop_and_a_new_start(data_dir: Path) -> None:
    server = EmbeddedPostgres(data_dir, durable=False)
    with server.session():
        server.ensure_database("keep")
        with psycopg.connect(server.dsn("keep"), autocommit=True) as c:
            c.execute("create table kept (v text)")
            c.execute("insert into kept values ('still here')")
    assert not server.is_running(), "the last user leaving stops the server"

    with server.session(), psycopg.connect(server.dsn("keep")) as c:
        assert c.execute("select v from kept").fetchall() == [("still here",)]


def test_the_server_stops_only_when_the_last_user_leaves(data_dir: Path) -> None:
    first = EmbeddedPostgres(data_dir, durable=False)
    second = EmbeddedPostgres(data_dir, durable=False)
    with first.session():
        with second.session():
            assert second.is_running()
        assert first.is_running(), "the inner user left, the outer one still needs it"
    assert not first.is_running()


def test_a_pinned_server_keeps_running_until_stopped(data_dir: Path) -> None:
    server = EmbeddedPostgres(data_dir, durable=False)
    with server.session():
        server.pin()
    assert server.is_running()
    server.unpin()
    server.stop()
    assert not server.is_running()


def test_a_data_dir_that_cannot_be_created_is_a_clear_error() -> None:
    with (
        tempfile.NamedTemporaryFile() as f,  # a file where a directory should be
        pytest.raises(DataDirError, match="not usable"),
    ):
        EmbeddedPostgres(Path(f.name) / "sub").init()


def test_a_cluster_of_another_major_version_is_refused(data_dir: Path) -> None:
    pgdata = data_dir / "pg16"
    pgdata.mkdir()
    (pgdata / "PG_VERSION").write_text("14\n")
    with pytest.raises(DataDirError, match="PostgreSQL 14 cluster"):
        EmbeddedPostgres(data_dir).init()


def test_a_non_empty_directory_that_is_not_a_cluster_is_left_alone(data_dir: Path) -> None:
    pgdata = data_dir / "pg16"
    pgdata.mkdir()
    (pgdata / "important.txt").write_text("mine")
    with pytest.raises(DataDirError, match="not an initialized PostgreSQL cluster"):
        EmbeddedPostgres(data_dir).init()
    assert (pgdata / "important.txt").read_text() == "mine"


def test_a_long_data_dir_path_still_gets_a_usable_socket(data_dir: Path) -> None:
    deep = data_dir / ("d" * 60) / ("e" * 60)
    server = EmbeddedPostgres(deep, durable=False)
    assert len(str(server.socket_dir)) < 100
    with server.session(), psycopg.connect(server.dsn()) as c:
        assert c.execute("select 1").fetchone() == (1,)


@pytest.mark.skipif(os.geteuid() != 0, reason="the copy is what root needs; others run in place")
def test_as_root_binaries_out_of_reach_are_copied_where_the_server_user_can_run_them(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import emporium.db.embedded as embedded

    # Given the installed PostgreSQL sits under a 0700 directory (a venv in /root, say),
    hidden = Path(tempfile.mkdtemp(prefix="emporium-test-hidden-"))  # 0700
    original = embedded._installed_pg_root()
    site = hidden / "site-packages"
    shutil.copytree(original, site / "pgserver" / "pginstall", symlinks=True)
    shutil.copytree(original.parent.parent / "pgserver.libs", site / "pgserver.libs", symlinks=True)
    runtime = data_dir / "runtime"
    monkeypatch.setattr(embedded, "_installed_pg_root", lambda: site / "pgserver" / "pginstall")
    monkeypatch.setattr(embedded, "RUNTIME_DIR", runtime)
    try:
        # when the server must start as the unprivileged user,
        server = EmbeddedPostgres(data_dir / "db", durable=False)
        with server.session(), psycopg.connect(server.dsn()) as c:
            version = c.execute("show server_version").fetchone()
        # then it runs from a copy that keeps the wheel's layout (shared libraries resolve).
        assert server.pg_root.is_relative_to(runtime)
        assert version is not None
        assert version[0].startswith("16")
    finally:
        shutil.rmtree(hidden, ignore_errors=True)
