"""The main job, as a person runs it: `emporium demo` comes up ready, twice, and stops cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from emporium.db.connect import Database
from emporium.db.embedded import EmbeddedPostgres
from emporium.demo import DEMO_USERS

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_demo(args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "emporium", *args, "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            raise AssertionError(f"demo exited early with {proc.returncode}:\n{out}")
        try:
            if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                return proc, base
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise AssertionError("demo did not become ready within 90s")


def stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    try:
        out, _ = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    assert proc.returncode == 0, out
    return out


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "EMPORIUM_DATABASE_URL")
    }
    env.update(extra)
    return env


def credential_count(dsn: str) -> int:
    with psycopg.connect(dsn) as c:
        row = c.execute("select count(*) from private.credentials").fetchone()
    assert row is not None
    return int(row[0])


@pytest.fixture
def data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="emporium-test-demo-"))
    path.chmod(0o755)
    yield path
    EmbeddedPostgres(path).stop()
    shutil.rmtree(path, ignore_errors=True)


def test_demo_on_a_fresh_data_dir_serves_ready_and_runs_twice_without_duplicates(
    data_dir: Path,
) -> None:
    env = clean_env(EMPORIUM_DATA_DIR=str(data_dir))
    proc, base = start_demo([], env)
    try:
        ready = httpx.get(f"{base}/ready").json()
        assert ready["status"] == "ready"
        login = httpx.post(
            f"{base}/auth/login", json={"email": DEMO_USERS[0][0], "password": "emporium-demo"}
        )
        assert login.status_code == 200
    finally:
        out = stop(proc)
    assert "emporium is starting at" in out
    # A fresh data dir starts from the legacy store, reorganized step by step.
    for step in ("legacy store", "audit:", "backup:", "transform:", "validate:", "report:"):
        assert f"✓ {step}" in out, out
    assert "checks pass" in out
    # ... then the demo seed goes beside the migrated store: the B2B side, RFQs, carts
    assert "seeded beside the migrated legacy store" in out, out
    report = data_dir / "reports" / "legacy-report.md"
    assert f"reorganization report: {report}" in out.replace("\n", "")
    assert "every row accounted for" in report.read_text()
    server = EmbeddedPostgres(data_dir)
    assert not server.is_running(), "stopping the demo stops the embedded server"

    proc, base = start_demo([], env)  # second run: same data dir
    try:
        assert httpx.get(f"{base}/ready").status_code == 200
        assert credential_count(server.dsn("emporium")) == len(DEMO_USERS)
        with psycopg.connect(server.dsn("emporium")) as c:
            row = c.execute(
                "select (select count(*) from rfqs), (select count(*) from vendors where is_house),"
                " (select count(*) from reorg.legacy_row_map)"
            ).fetchone()
        assert row is not None
        rfqs, houses, mapped = row
        assert rfqs > 0
        assert houses == 1
        assert mapped > 0
        _the_vendor_sign_in_sees_the_house_stock_migrated_and_seeded(base, server.dsn("emporium"))
    finally:
        again = stop(proc)
    assert "✓ legacy store" not in again, "the second run keeps the migrated store"
    assert "store data kept" in again, again


def _the_vendor_sign_in_sees_the_house_stock_migrated_and_seeded(base: str, dsn: str) -> None:
    """Through the API: the demo vendor (the migrated house vendor's owner) reads the stock
    at the house's migrated location and at a location the seed added, and no other vendor's."""
    with psycopg.connect(dsn) as c:
        rows = c.execute(
            "select l.id::text, v.is_house"
            " from stock_locations l join vendors v on v.id = l.vendor_id"
            " where exists (select 1 from stock_levels s where s.location_id = l.id)"
        ).fetchall()
        migrated = c.execute(
            "select distinct s.location_id::text from stock_levels s"
            " join reorg.legacy_row_map m on m.target_table = 'product_variants'"
            "  and m.target_id = s.variant_id::text"
            " join vendors v on v.id = s.vendor_id where v.is_house"
        ).fetchall()
    house_locations = {r[0] for r in rows if r[1]}
    other_locations = {r[0] for r in rows if not r[1]}
    from_legacy = {r[0] for r in migrated}
    seeded = house_locations - from_legacy
    assert from_legacy
    assert seeded
    assert other_locations
    login = httpx.post(
        f"{base}/auth/login",
        json={"email": "vendor@demo.emporium.test", "password": "emporium-demo"},
    )
    assert login.status_code == 200, login.text
    auth = {"Authorization": f"Bearer {login.json()['access_token']}"}
    for location in (sorted(from_legacy)[0], sorted(seeded)[0]):
        page = httpx.get(f"{base}/inventory/levels", params={"location_id": location}, headers=auth)
        assert page.status_code == 200, page.text
        assert page.json()["items"], location
        assert {i["location_id"] for i in page.json()["items"]} == {location}
    other = httpx.get(
        f"{base}/inventory/levels", params={"location_id": sorted(other_locations)[0]}, headers=auth
    )
    assert other.status_code == 200, other.text
    assert other.json()["items"] == []


@pytest.mark.skipif(
    not os.environ.get("EMPORIUM_TEST_DATABASE_URL"),
    reason="runs when the suite targets an external server",
)
def test_demo_against_database_url(empty_db: Database) -> None:
    env = clean_env(DATABASE_URL=empty_db.admin_dsn)
    proc, base = start_demo([], env)
    try:
        assert httpx.get(f"{base}/ready").json()["status"] == "ready"
    finally:
        stop(proc)
    assert credential_count(empty_db.admin_dsn) == len(DEMO_USERS)
