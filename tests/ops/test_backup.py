"""Verified backups: the manifest proves what the archive holds; verify and restore check it."""

from __future__ import annotations

import json
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from emporium.db.connect import Database
from emporium.errors import ConfigError, EmporiumError, InvalidInput, NotFound
from emporium.ops import backup, pgtools
from emporium.ops.checksums import TableSum, table_checksums
from tests.conftest import Server

SHOP = """
create schema sales;
create schema private;
create table public.products (
    id int primary key,
    name text not null,
    lower_name text generated always as (lower(name)) stored,
    price numeric(10, 2),
    note text,
    photo bytea,
    tags text[],
    added timestamptz not null default '2024-05-01 12:00+02'
);
insert into public.products (id, name, price, note, photo, tags) values
    (1, 'Straße Runner', 129.90, null, '\\x89504e470d0a1a0a', '{shoe,"with space"}'),
    (2, '日本語 スニーカー', 99.00, '', null, '{}'),
    (3, 'Émoji 👟', null, 'quote '' and \\ backslash', '\\x00ff00', null),
    (4, 'plain', 10, 'multi
line', '\\x', '{a}');
create table sales.orders (
    id bigint generated always as identity primary key,
    product_id int not null references public.products,
    qty int not null,
    placed timestamptz not null
);
insert into sales.orders (product_id, qty, placed)
    select 1 + g % 4, g, '2024-01-01'::timestamptz + g * interval '1 hour'
    from generate_series(1, 200) g;
create table private.dupes (v text, n int);  -- no key: the same row may appear twice
insert into private.dupes values ('a', 1), ('a', 1), (null, null), ('', 0), ('a', 1);
create table public.events (id int, kind text, payload jsonb) partition by list (kind);
create table public.events_view partition of public.events for values in ('view');
create table public.events_buy partition of public.events for values in ('buy');
insert into public.events
    select g, case when g % 5 = 0 then 'buy' else 'view' end, jsonb_build_object('g', g)
    from generate_series(1, 50) g;
create view public.big_orders as select * from sales.orders where qty > 100;
"""

ROWS = {
    "public.products": 4,
    "sales.orders": 200,
    "private.dupes": 5,
    "public.events": 50,
    "public.events_view": 40,
    "public.events_buy": 10,
}


def make_shop(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SHOP)


def current_sums(dsn: str) -> dict[str, TableSum]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        return table_checksums(conn)


def scratch_databases(server: Server) -> set[str]:
    with psycopg.connect(server.admin_dsn, autocommit=True) as conn:
        rows = conn.execute(
            "select datname from pg_database where datname like %s",
            [backup.SCRATCH_PREFIX + "%"],
        ).fetchall()
    return {r[0] for r in rows}


def copy_backup(made: backup.BackupResult, to: Path) -> tuple[Path, Path]:
    to.mkdir(parents=True, exist_ok=True)
    archive = Path(shutil.copy2(made.archive, to / made.archive.name))
    manifest = Path(shutil.copy2(made.manifest, to / made.manifest.name))
    return archive, manifest


def edit_manifest(manifest: Path, change: Any) -> None:
    data = json.loads(manifest.read_text())
    change(data)
    manifest.write_text(json.dumps(data))


def truncate_keeping_manifest_true(archive: Path, manifest: Path, keep: int) -> None:
    """Cut the archive to KEEP bytes and make the manifest's size and sha256 agree."""
    with archive.open("r+b") as f:
        f.truncate(keep)

    def agree(data: dict[str, Any]) -> None:
        data["archive"]["bytes"] = keep
        data["archive"]["sha256"] = backup.sha256_of(archive)

    edit_manifest(manifest, agree)


@pytest.fixture(scope="module")
def shop_backup(
    server: Server, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, backup.BackupResult]]:
    """One backup of the shop, shared by the tests that only read it."""
    name = f"emporium_bk_{uuid.uuid4().hex[:12]}"
    dsn = server.create_database(name)
    try:
        make_shop(dsn)
        yield dsn, backup.backup(dsn, tmp_path_factory.mktemp("backups"))
    finally:
        server.drop_database(name)


@pytest.fixture
def shop(empty_db: Database) -> str:
    """A shop of the test's own: change it freely."""
    make_shop(empty_db.admin_dsn)
    return empty_db.admin_dsn


def test_backup_writes_an_archive_and_a_manifest_of_every_table(
    shop_backup: tuple[str, backup.BackupResult], server: Server
) -> None:
    dsn, made = shop_backup
    data = json.loads(made.manifest.read_text())

    assert data == made.manifest_data
    assert {key: t["rows"] for key, t in data["tables"].items()} == ROWS
    assert data["total_rows"] == 4 + 200 + 5 + 50  # a partitioned table's rows once
    assert {
        key: TableSum(t["rows"], t["checksum"]) for key, t in data["tables"].items()
    } == current_sums(dsn)
    assert data["archive"] == {
        "file": made.archive.name,
        "bytes": made.archive.stat().st_size,
        "sha256": backup.sha256_of(made.archive),
    }
    assert data["server_version_num"] // 10000 == server.major()
    assert data["server_version"].startswith(f"{server.major()}.")
    assert Path(data["pg_dump"]["path"]).is_file()
    assert "pg_dump (PostgreSQL)" in data["pg_dump"]["version"]
    assert made.archive.name.endswith("Z.dump")
    assert made.manifest.name == made.archive.name.removesuffix(".dump") + ".manifest.json"
    assert sorted(p.name for p in made.archive.parent.iterdir()) == sorted(
        [made.archive.name, made.manifest.name]
    )  # no partial files left behind


def test_backup_verify_passes_and_leaves_no_scratch_database(
    shop_backup: tuple[str, backup.BackupResult], server: Server
) -> None:
    dsn, made = shop_backup
    steps: list[str] = []

    checked = backup.verify(made.archive, dsn, progress=steps.append)

    assert (checked.tables, checked.rows) == (len(ROWS), 259)
    assert checked.scratch_database.startswith(backup.SCRATCH_PREFIX)
    assert checked.scratch_database not in scratch_databases(server)
    assert any("checksums: sales.orders" in s for s in steps)


def test_backup_verify_catches_a_corrupted_archive(
    shop_backup: tuple[str, backup.BackupResult], tmp_path: Path
) -> None:
    dsn, made = shop_backup
    archive, _ = copy_backup(made, tmp_path)
    raw = bytearray(archive.read_bytes())
    middle = len(raw) // 2
    raw[middle : middle + 4] = bytes(b ^ 0xFF for b in raw[middle : middle + 4])
    archive.write_bytes(bytes(raw))
    steps: list[str] = []

    with pytest.raises(EmporiumError) as caught:
        backup.verify(archive, dsn, progress=steps.append)

    assert caught.value.instance_code == "backup_corrupt"
    assert "sha256" in caught.value.message
    assert made.manifest_data["archive"]["sha256"] in caught.value.message
    assert not any("scratch" in step for step in steps)  # refused before restoring anything


def test_a_restore_that_cannot_connect_is_not_called_a_corrupt_backup(
    shop_backup: tuple[str, backup.BackupResult],
    tmp_path: Path,
    server: Server,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pg_restore refused at the door (here: sent to a port nobody listens on; in life, a
    pooler refusing a startup parameter) says so, not that a good archive is corrupt."""
    dsn, made = shop_backup
    archive, _ = copy_backup(made, tmp_path)
    real = backup._tool_args

    def nobody_listens(dsn: str, dbname: str | None = None) -> tuple[str, dict[str, str]]:
        conninfo, env = real(dsn, dbname)
        return f"{conninfo} host=127.0.0.1 port=1", env

    monkeypatch.setattr(backup, "_tool_args", nobody_listens)
    with pytest.raises(EmporiumError) as caught:
        backup.verify(archive, dsn)

    assert caught.value.instance_code == "database_unavailable"
    assert "pg_restore could not connect" in caught.value.message
    assert "the archive was not read" in caught.value.message
    assert "corrupt" not in caught.value.message
    assert caught.value.detail["scratch_database"] not in scratch_databases(server)


def test_backup_verify_catches_a_manifest_that_lies(
    shop_backup: tuple[str, backup.BackupResult], tmp_path: Path, server: Server
) -> None:
    dsn, made = shop_backup
    archive, manifest = copy_backup(made, tmp_path)
    edit_manifest(manifest, lambda d: d["tables"]["sales.orders"].update(checksum="0" * 16))

    with pytest.raises(EmporiumError) as caught:
        backup.verify(archive, dsn)

    assert caught.value.instance_code == "backup_mismatch"
    assert "sales.orders: content differs" in caught.value.message
    assert len(caught.value.detail["differences"]) == 1
    assert caught.value.detail["scratch_database"] not in scratch_databases(server)


def test_backup_verify_catches_a_truncated_archive_whose_manifest_agrees(
    shop_backup: tuple[str, backup.BackupResult], tmp_path: Path, server: Server
) -> None:
    dsn, made = shop_backup
    archive, manifest = copy_backup(made, tmp_path)
    truncate_keeping_manifest_true(archive, manifest, archive.stat().st_size * 2 // 3)

    with pytest.raises(EmporiumError) as caught:
        backup.verify(archive, dsn)

    assert caught.value.instance_code == "backup_corrupt"
    assert "does not restore" in caught.value.message
    scratch = caught.value.detail["scratch_database"]
    assert scratch.startswith(backup.SCRATCH_PREFIX)
    assert scratch not in scratch_databases(server)  # dropped although the restore failed


def test_missing_or_unreadable_backup_files_are_named(
    shop_backup: tuple[str, backup.BackupResult], tmp_path: Path
) -> None:
    dsn, made = shop_backup
    with pytest.raises(NotFound) as no_archive:
        backup.verify(tmp_path / "nothing.dump", dsn)
    assert no_archive.value.instance_code == "backup_not_found"

    lonely = Path(shutil.copy2(made.archive, tmp_path / made.archive.name))
    with pytest.raises(NotFound) as no_manifest:
        backup.verify(lonely, dsn)
    assert no_manifest.value.instance_code == "manifest_missing"

    backup.manifest_path_for(lonely).write_text('{"format": 1, "tables": ')
    with pytest.raises(InvalidInput) as broken:
        backup.verify(lonely, dsn)
    assert broken.value.instance_code == "manifest_invalid"


def test_restore_puts_back_every_table_as_of_the_backup(shop: str, tmp_path: Path) -> None:
    made = backup.backup(shop, tmp_path)
    with psycopg.connect(shop, autocommit=True) as conn:
        conn.execute("update public.products set price = price + 1")
        conn.execute("delete from sales.orders where qty > 150")
        conn.execute("insert into private.dupes values ('a', 1)")
        conn.execute("drop table public.events")
        conn.execute("create table public.added_later (id int)")
    assert current_sums(shop) != made.manifest_data["tables"]

    done = backup.restore(made.archive, shop)

    assert done.differences == []
    assert done.extra_tables == ["public.added_later"]
    now = current_sums(shop)
    assert {k: v for k, v in now.items() if k != "public.added_later"} == {
        key: TableSum(t["rows"], t["checksum"]) for key, t in made.manifest_data["tables"].items()
    }
    with psycopg.connect(shop) as conn:  # the schema came back too: identity, generated column
        conn.execute("insert into sales.orders (product_id, qty, placed) values (1, 1, now())")
        row = conn.execute("select lower_name from public.products where id = 1").fetchone()
    assert row == ("straße runner",)


def test_a_failing_restore_changes_nothing(shop: str, tmp_path: Path) -> None:
    made = backup.backup(shop, tmp_path)
    with psycopg.connect(shop, autocommit=True) as conn:
        conn.execute("delete from sales.orders where qty > 100")
    changed = current_sums(shop)
    # The table of contents stays readable and the last data block breaks: pg_restore has
    # dropped and recreated tables by the time it fails.
    truncate_keeping_manifest_true(made.archive, made.manifest, made.archive.stat().st_size - 40)

    with pytest.raises(EmporiumError) as caught:
        backup.restore(made.archive, shop)

    assert caught.value.instance_code == "restore_failed"
    assert current_sums(shop) == changed

    made.archive.write_bytes(b"garbage")  # a corrupt archive is refused before any change
    with pytest.raises(EmporiumError) as corrupt:
        backup.restore(made.archive, shop)
    assert corrupt.value.instance_code == "backup_corrupt"
    assert current_sums(shop) == changed


def test_the_manifest_matches_the_archive_while_a_writer_inserts(shop: str, tmp_path: Path) -> None:
    with psycopg.connect(shop, autocommit=True) as conn:
        conn.execute(  # some bulk, so that the dump takes a while
            "create table public.bulk as select g, md5(g::text) as h"
            " from generate_series(1, 20000) g"
        )
    stop = threading.Event()
    inserted = 0

    def writer() -> None:
        nonlocal inserted
        with psycopg.connect(shop, autocommit=True) as conn:
            while not stop.is_set():
                conn.execute(
                    "insert into sales.orders (product_id, qty, placed) values (2, 7, now())"
                )
                inserted += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while inserted < 20:
            time.sleep(0.01)
        made = backup.backup(shop, tmp_path)
        during = inserted
        while inserted < during + 20:
            time.sleep(0.01)
    finally:
        stop.set()
        thread.join()

    in_manifest = made.manifest_data["tables"]["sales.orders"]["rows"]
    assert 200 + 20 <= in_manifest < 200 + inserted  # a moment while the writer wrote
    checked = backup.verify(made.archive, shop)  # the archive holds exactly those rows
    assert checked.tables == len(ROWS) + 1


def _fake_tool(path: Path, version: str, body: str = "") -> Path:
    path.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) {version}"; exit 0; fi\n'
        + body
    )
    path.chmod(0o755)
    return path


def test_a_too_old_pg_dump_is_refused_naming_the_version_needed(
    shop: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: Server
) -> None:
    old = _fake_tool(tmp_path / "pg_dump", "9.6.24")
    monkeypatch.setattr(pgtools, "candidates", lambda tool: [old])

    with pytest.raises(ConfigError) as caught:
        backup.backup(shop, tmp_path / "out")

    assert caught.value.instance_code == "pg_tool_missing"
    assert f"no pg_dump of version {server.major()} or newer" in caught.value.message
    assert f"{old} (9)" in caught.value.message
    assert f"postgresql-client-{server.major()}" in (caught.value.hint or "")
    assert not (tmp_path / "out").exists()


def test_a_failing_pg_dump_leaves_no_archive(
    shop: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # writes half an archive, then fails the way pg_dump does on a lost connection
    broken = _fake_tool(
        tmp_path / "pg_dump",
        "99.0",
        'for a in "$@"; do case "$a" in --file=*) echo PGDMP > "${a#--file=}";; esac; done\n'
        'echo "pg_dump: error: connection lost" >&2\nexit 1\n',
    )
    monkeypatch.setattr(pgtools, "candidates", lambda tool: [broken])

    with pytest.raises(EmporiumError) as caught:
        backup.backup(shop, tmp_path / "out")

    assert caught.value.instance_code == "pg_dump_failed"
    assert "connection lost" in caught.value.message
    assert list((tmp_path / "out").iterdir()) == []
