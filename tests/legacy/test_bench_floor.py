"""The legacy benchmark's output floor: what the transform wrote, written again plainly. It
must copy every row of every table the transform fills and build every index they carry
(a floor that leaves something out flatters the target), and leave the migrated database as
it found it. No timing is asserted (timings are for `emporium bench legacy`)."""

from __future__ import annotations

import pytest

from emporium.bench import legacy as bench
from emporium.legacy import phases, transform
from tests.legacy import support
from tests.legacy.conftest import MakeLegacy

pytestmark = pytest.mark.slow

FILLED = [f"public.{t}" for t in transform.written_tables()] + list(bench.ACCOUNTING)


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
