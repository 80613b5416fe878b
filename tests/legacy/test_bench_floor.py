"""The legacy benchmark's output floor: what the transform wrote, written again plainly. It
must copy every row of every table the transform fills and build every index they carry
(a floor that leaves something out flatters the target), and leave the migrated database as
it found it. No timing is asserted (timings are for `emporium bench legacy`)."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console

from emporium.bench import legacy as bench
from emporium.legacy import phases, state, transform
from tests.legacy import support
from tests.legacy.conftest import MakeLegacy

pytestmark = pytest.mark.slow

FILLED = [f"public.{t}" for t in transform.written_tables()] + list(state.ACCOUNTING)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_floor_copies_every_row_and_index_the_transform_wrote_and_leaves_no_trace(
    make_legacy: MakeLegacy, workers: int
) -> None:
    db = make_legacy(scale=0.3, seed=5)
    phases.migrate(db.dsn, options=db.options)
    rows = sum(support.scalar(db.dsn, f"select count(*) from {t}") for t in FILLED)
    indexes = support.scalar(
        db.dsn, "select count(*) from pg_index where indrelid = any(%s::regclass[])", [FILLED]
    )
    before = support.catalog(db.dsn)

    floor = bench._output_floor(db.dsn, workers, sum(db.counts.values()))

    assert floor["tables"] == len(FILLED)
    assert floor["rows"] == rows > sum(db.counts.values())
    assert floor["indexes"] == indexes > len(FILLED)
    assert floor["connections"] == workers
    assert floor["seconds"] > 0
    assert floor["legacy_rows_per_s"] == pytest.approx(
        sum(db.counts.values()) / floor["seconds"], rel=0.02
    )
    assert support.catalog(db.dsn) == before  # the copies are gone, nothing else changed

    # The steps' timeline: every step, in the order they started, inside the transform.
    figures = bench._figures(db.dsn)
    wall = next(p["seconds"] for p in figures["phases"] if p["phase"] == "transform")
    steps = figures["steps"]
    assert {s["step"] for s in steps} == {s.name for s in transform.STEPS}
    assert [s["start_s"] for s in steps] == sorted(s["start_s"] for s in steps)
    for s in steps:
        assert 0 <= s["start_s"] <= s["end_s"] <= wall + 0.05, s
        assert s["end_s"] - s["start_s"] == pytest.approx(s["seconds"], abs=0.002) or (
            s["start_s"] == 0
        ), s
    by_name = {s["step"]: s for s in steps}
    for step in transform.STEPS:  # a step starts after the ones it reads have ended
        for before_it in step.after:
            assert by_name[before_it]["end_s"] <= by_name[step.name]["start_s"] + 0.05, step.name


def test_an_index_the_floor_cannot_copy_stops_it_by_name() -> None:
    with pytest.raises(RuntimeError, match=r"public\.orders.*ix_elsewhere"):
        bench._floor_job(
            "public.orders",
            [
                "CREATE UNIQUE INDEX pk_orders ON public.orders USING btree (id)",
                "CREATE INDEX ix_elsewhere ON other.orders USING btree (id)",
            ],
        )
    job = bench._floor_job(
        "public.orders", ["CREATE UNIQUE INDEX pk_orders ON public.orders USING btree (id)"]
    )
    assert [s.as_string(None) for s in job][-1] == (
        "CREATE UNIQUE INDEX pk_orders ON bench_floor.orders USING btree (id)"
    )


def _run(scale: float, rate: int, rollback: float, floor: int = 100_000) -> dict[str, Any]:
    return {
        "scale": scale,
        "legacy_rows": 1000,
        "phases": [{"phase": "transform", "seconds": 1000 / rate, "rows_per_s": rate}],
        "migrate_wall_seconds": 3.0,
        "transform_rows_per_s": rate,
        "raw_limit": {"rows_per_s": 900_000},
        "transform_vs_raw": round(rate / 900_000, 3),
        "output_floor": {"seconds": 1000 / floor, "legacy_rows_per_s": floor},
        "transform_vs_floor": round(rate / floor, 3),
        "migrator_peak_rss_kib": 100 * 1024,
        "rollback_seconds": rollback,
        "steps": [],
    }


def test_the_tables_say_which_target_each_run_meets() -> None:
    report: dict[str, Any] = {
        "targets": {"transform_rows_per_s": 50_000, "rollback_seconds": 10},
        "runs": [_run(10, 20_000, 3.0), _run(80, 60_000, 12.5), _run(20, 30_000, 4.0, 45_000)],
    }
    console = Console(width=200, record=True)
    console.print(bench.render_table(report))
    console.print(bench.limits_table(report))
    text = console.export_text()
    assert "0.1s · 20,000/s" in text  # the transform phase, with its rate
    for expected in (
        "20,000 (misses 50,000)",  # each run against the rate target
        "60,000 (meets 50,000)",
        "3.0 (meets < 10)",  # and against the rollback target
        "12.5 (misses < 10)",
        "0.0s · 100,000/s",  # the floor, its seconds rounded like the rest
        "0.20",  # transform/floor
        "0.60",
        "2.00",  # floor/target: room for the transform's own work
        "0.90 (out of reach)",  # the floor alone slower than the target allows
    ):
        assert expected in text, expected
    assert text.count("out of reach)") == 1
    assert bench.floor_vs_target(report["runs"][2], report["targets"]) == 0.9
    unmeasured = _run(1, 1, 1.0) | {"output_floor": {"seconds": 0, "legacy_rows_per_s": 0}}
    assert bench.floor_vs_target(unmeasured, report["targets"]) is None
    assert "0.90 (out of reach)" in bench.markdown(
        report
        | {
            "at": "now",
            "emporium": "0",
            "machine": {"cpus": 2, "platform": "x", "python": "3"},
            "load_average": {"before": [], "after": []},
        }
    )


def test_the_steps_table_draws_when_each_step_ran_and_how_busy_the_connections_were() -> None:
    run = _run(80, 25, 3.0)  # a 40 s transform
    run["steps"] = [
        {
            "step": "lookups",
            "rows": 10,
            "seconds": 10.0,
            "rows_per_s": 1,
            "start_s": 0.0,
            "end_s": 10.0,
        },
        {
            "step": "products",
            "rows": 10,
            "seconds": 30.0,
            "rows_per_s": 0,
            "start_s": 10.0,
            "end_s": 40.0,
        },
        {
            "step": "images",
            "rows": 10,
            "seconds": 20.0,
            "rows_per_s": 1,
            "start_s": 10.0,
            "end_s": 30.0,
        },
    ]
    report = {"workers": 2, "runs": [run]}
    console = Console(width=200, record=True)
    console.print(bench.steps_table(report))
    lines = console.export_text().splitlines()
    bar = {
        name: next(line for line in lines if f" {name} " in line)
        for name in ("lookups", "products", "images")
    }
    assert "█" * 10 + "·" * 30 in bar["lookups"]  # the first quarter of 40 characters
    assert "·" * 10 + "█" * 30 in bar["products"]
    assert "·" * 10 + "█" * 20 + "·" * 10 in bar["images"]
    assert "10.0-40.0" in bar["products"]
    text = " ".join(lines)
    assert "60.0s of steps in 40.0s on 2 connections: 75% of their time" in text

    # The markdown report: the same tables, and the steps as a Mermaid gantt chart.
    report |= {
        "at": "2026-12-07T19:00:00+00:00",
        "emporium": "0.1.0",
        "machine": {"cpus": 2, "platform": "Linux", "python": "3.11.7"},
        "load_average": {"before": [0.1, 0.2, 0.3], "after": [1.0, 0.5, 0.4]},
        "targets": {"transform_rows_per_s": 50_000, "rollback_seconds": 10},
    }
    md = bench.markdown(report)
    assert "| step | rows | seconds | rows/s | from-to s | when |" in md
    assert "| products | 10 | 30.00 | - | 10.0-40.0 | " + "·" * 10 + "█" * 30 + " |" in md
    assert "| 80 | 25 (misses 50,000) | 900,000 |" in md
    assert "60.0s of steps in 40.0s on 2 connections: 75% of their time" in md
    chart = md[md.index("```mermaid") :]
    assert chart.splitlines()[1:5] == [
        "gantt",
        "    title transform steps at scale 80 (40.0s, 2 connections)",
        "    dateFormat x",
        "    axisFormat %M:%S",
    ]
    for task in ("lookups : 0, 10000", "products : 10000, 40000", "images : 10000, 30000"):
        assert f"\n    {task}\n" in chart, task
