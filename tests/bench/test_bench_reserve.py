"""The reservation benchmark's machinery, run for a moment: the report has its shape, both
paths reserve something, nothing is oversold. No timing is asserted (timings are for
`emporium bench reserve`, not for pass/fail)."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from emporium.bench import reserve as bench
from emporium.errors import InvalidInput
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
