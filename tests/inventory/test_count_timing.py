"""A cycle count corrects against the books at the moment each line was counted."""

from __future__ import annotations

import psycopg
import pytest

from emporium.db.connect import Database
from tests.world import ID

LEVEL = "select on_hand from public.stock_levels where location_id = %s and variant_id = %s"


def _run(dsn: str, statement: str, params: list[object]) -> object:
    # Each step in a transaction of its own, as the owner (service work): its own now().
    with psycopg.connect(dsn) as c:
        row = c.execute(statement, params).fetchone()
    return row[0] if row else None


@pytest.mark.parametrize("counted_before_the_sale", [False, True])
def test_a_sale_made_while_counting_is_not_counted_twice(
    world_db: Database, counted_before_the_sale: bool
) -> None:
    dsn, loc, variant = world_db.admin_dsn, ID["loc_a"], ID["variant_active"]
    # Given a count opened on 10 units,
    count_id = _run(dsn, "select public.stock_count_open(%s)", [loc])
    record = "select public.stock_count_record(%s, %s, %s)"
    sale = "select public.stock_adjust(%s, %s, -2, 'sold at the counter')"
    # when 2 units sell while the shelf is counted (before or after the counter sees them),
    if counted_before_the_sale:
        _run(dsn, record, [count_id, variant, 10])
        _run(dsn, sale, [loc, variant])
    else:
        _run(dsn, sale, [loc, variant])
        _run(dsn, record, [count_id, variant, 8])
    corrections = _run(dsn, "select public.stock_count_post(%s)", [count_id])
    # then the count agrees with the books and corrects nothing: 8 units, as on the shelf.
    assert corrections == 0
    assert _run(dsn, LEVEL, [loc, variant]) == 8
    assert _run(dsn, "select count(*) from public.stock_check_ledger()", []) == 0


def test_a_real_difference_is_still_corrected(world_db: Database) -> None:
    dsn, loc, variant = world_db.admin_dsn, ID["loc_a"], ID["variant_active"]
    count_id = _run(dsn, "select public.stock_count_open(%s)", [loc])
    _run(dsn, "select public.stock_adjust(%s, %s, -2, 'sold')", [loc, variant])
    _run(dsn, "select public.stock_count_record(%s, %s, %s)", [count_id, variant, 5])
    assert _run(dsn, "select public.stock_count_post(%s)", [count_id]) == 1
    assert _run(dsn, LEVEL, [loc, variant]) == 5
