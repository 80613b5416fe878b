"""The reservation benchmark's machinery, run for a moment: the report has its shape, both
paths reserve something, nothing is oversold. No timing is asserted (timings are for
`emporium bench reserve`, not for pass/fail)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from emporium.bench import reserve as bench
from emporium.bench.clients import ClientPool, Target, client_connection, reserve_one
from emporium.errors import EmporiumError, InvalidInput
from tests.conftest import REPO, Server

pytestmark = pytest.mark.slow

RUN_KEYS = {
    "path",
    "clients",
    "seconds",
    "ops",
    "refused",
    "ops_per_s",
    "p50_ms",
    "p99_ms",
    "mean_ms",
    "max_ms",
    "oversold_units",
    "ledger_mismatches",
    "reservations_in_db",
    "consistent",
    "tps",
    "note",
    "slices",
}


def test_a_short_run_reports_both_paths_and_no_oversell(
    server: Server, template_db: str, tmp_path: Path
) -> None:
    name = f"emporium_bench_t_{uuid.uuid4().hex[:8]}"
    dsn = server.create_database(name, template=template_db)
    pgbench = bench.find_pgbench(server.embedded)
    config = bench.BenchConfig(
        seconds=0.5,
        warmup=0.1,
        clients=(2,),
        rounds=2,
        # few units on the hot variants: some reservations are refused, none oversold
        scenarios=(bench.hot_scenario(3, on_hand=40), bench.spread_scenario(50)),
        history=2_000,
    )
    try:
        report = bench.run_benchmark(dsn, config, pgbench=pgbench)
    finally:
        server.drop_database(name)

    out = tmp_path / "bench.json"
    bench.write_report(report, out)
    data = json.loads(out.read_text())

    assert data["benchmark"] == "reserve"
    assert {"timestamp", "machine", "postgres", "config", "method", "cells", "summary"} <= set(data)
    assert data["machine"]["cores"] >= 1
    assert data["postgres"]["version"]
    assert [(c["scenario"], c["clients"]) for c in data["cells"]] == [
        ("hot-3", 2),
        ("spread-50", 2),
    ]
    for cell in data["cells"]:
        assert cell["client_processes"] == 2  # one per client, by default
        assert cell["oversold_units"] == 0
        assert cell["ledger_mismatches"] == 0
        assert cell["targets_met"]["oversold"] is True
        paths = ("ours", "raw", "pgbench") if pgbench else ("ours", "raw")
        for path in paths:
            run = cell[path]
            assert set(run) == RUN_KEYS
            assert run["ops"] > 0
            assert run["oversold_units"] == 0
            assert run["ledger_mismatches"] == 0
            assert run["consistent"] is True
            assert run["p50_ms"] is not None
            assert run["p99_ms"] is not None
            assert len(run["slices"]) == (2 if path != "pgbench" else 1)
        assert cell["ratio_ours_raw"] is not None
        if pgbench is None:
            assert cell["pgbench"] is None
    hot = data["cells"][0]
    # 3 variants x 40 units at each of the 2 locations, reset before each of the 2 slices: the
    # raw pair only ever takes from the first location, stock_reserve falls back to the
    # second; neither takes more than there is
    assert hot["raw"]["ops"] <= 2 * 3 * 40
    assert hot["ours"]["ops"] <= 2 * 3 * 2 * 40
    if pgbench:
        assert hot["pgbench"]["ops"] <= 3 * 40
    assert data["summary"]["oversold_units"] == 0
    assert data["summary"]["all_consistent"] is True
    assert bench.render_table(report).row_count == 2


def test_clients_are_parsed_and_checked() -> None:
    assert bench.parse_clients("8,32") == (8, 32)
    with pytest.raises(InvalidInput):
        bench.parse_clients("eight")
    with pytest.raises(InvalidInput):
        bench.BenchConfig(clients=(0,))
    with pytest.raises(InvalidInput):
        bench.BenchConfig(processes=0)


def test_clients_are_spread_over_up_to_four_processes_per_core() -> None:
    cores = len(os.sched_getaffinity(0))
    default = bench.BenchConfig()
    assert default.processes_for(2) == 2  # fewer clients than that: one process each
    assert default.processes_for(150) == 4 * cores
    assert bench.BenchConfig(processes=1).processes_for(32) == 1  # one interpreter, threads
    assert bench.BenchConfig(processes=8).processes_for(3) == 3


def test_a_pool_drives_every_client_whatever_its_process(server: Server, template_db: str) -> None:
    """Three clients on two worker processes (one drives two from threads, the other one):
    each client reserves, and the table holds exactly what the clients were told they got."""
    name = f"emporium_bench_p_{uuid.uuid4().hex[:8]}"
    dsn = server.create_database(name, template=template_db)
    scenario = bench.spread_scenario(20)
    try:
        bench.seed(dsn, (scenario,), holders=3)
        target = Target(dsn, bench.VENDOR_ID, bench.LOCATION_IDS[0], scenario.variant_ids())
        holders = [bench.holder_id(n) for n in (1, 2, 3)]
        told = 0
        with ClientPool(target, holders, processes=2) as pool:
            assert pool.processes == 2
            for path in ("raw", "ours"):
                runs, elapsed = pool.run(path, 0.3, seed=1)
                assert [r.client for r in runs] == [0, 1, 2]
                assert all(r.ok > 0 and len(r.latencies_ns) == r.ok + r.refused for r in runs)
                assert elapsed >= 0.3
                told += sum(r.ok for r in runs)
        verdict = bench.check(dsn)
        assert verdict.oversold_units == 0
        assert verdict.ledger_mismatches == 0
        assert verdict.reservations == told
    finally:
        server.drop_database(name)


def _prepared_statements(
    dsn: str, target: Target, variants: list[uuid.UUID], *, prepared: bool
) -> list[tuple[int, bool]]:
    """Reserve each variant by both paths on one client connection, then list what that
    session holds prepared: (uses, is it ours) per statement."""
    with client_connection(dsn, prepared=prepared) as conn:
        cur = conn.cursor()
        for variant in variants:
            assert reserve_one(cur, "ours", target, variant, bench.holder_id(1))
            assert reserve_one(cur, "raw", target, variant, bench.holder_id(1))
        rows = conn.execute(
            "select statement, generic_plans + custom_plans from pg_prepared_statements"
            " where statement like '%stock_reserv%' order by statement",
            prepare=False,
        ).fetchall()
    return [(uses, text.startswith("select id from public.stock_reserve(")) for text, uses in rows]


def test_both_paths_run_as_statements_prepared_on_the_server(
    server: Server, template_db: str
) -> None:
    """As pgbench -M prepared: parsed and planned once per connection, not per reservation
    (emporium's connect() turns preparation off, and psycopg then ignores prepare=True)."""
    name = f"emporium_bench_s_{uuid.uuid4().hex[:8]}"
    dsn = server.create_database(name, template=template_db)
    scenario = bench.spread_scenario(5)
    try:
        bench.seed(dsn, (scenario,), holders=1)
        target = Target(dsn, bench.VENDOR_ID, bench.LOCATION_IDS[0], scenario.variant_ids())
        variants = scenario.variant_ids()
        assert _prepared_statements(dsn, target, variants[:3], prepared=True) == [
            (3, True),  # ours
            (3, False),  # the raw pair: with u as (update ...) insert into stock_reservations
        ]
        # as the application sends them: nothing prepared
        assert _prepared_statements(dsn, target, variants[3:], prepared=False) == []
    finally:
        server.drop_database(name)


def test_a_client_process_that_cannot_connect_is_reported() -> None:
    target = Target(
        "postgresql://nobody@/nowhere?host=/nonexistent-emporium-socket-dir",
        bench.VENDOR_ID,
        bench.LOCATION_IDS[0],
        [uuid.uuid4()],
    )
    with pytest.raises(EmporiumError) as caught:
        ClientPool(target, [bench.holder_id(1)], processes=1)
    assert caught.value.instance_code == "bench_client_failed"
    assert "can't connect" in caught.value.message


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "emporium", "bench", "reserve", "--help"],
        [sys.executable, str(REPO / "benchmarks" / "reserve.py"), "--help"],
    ],
)
def test_the_command_and_the_wrapper_answer(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "--seconds" in result.stdout
    assert "--clients" in result.stdout
