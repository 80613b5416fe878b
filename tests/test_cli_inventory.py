"""`emporium inventory ...` end to end: a subprocess on a database holding the seeded world.

World: locations coded Wa (vendor_a) and Wb (vendor_b), each with 10 units of the SKU
DD1391-100-10, 1 of them reserved, reorder point 2.
"""

from __future__ import annotations

import subprocess
import uuid
from typing import Any

import psycopg
import pytest

from emporium.db.connect import Database
from emporium.errors import BusinessRuleViolation, InvalidInput, NotFound
from tests.test_cli import assert_one_clear_line, run
from tests.world import ID

pytestmark = pytest.mark.slow

SKU = "DD1391-100-10"


def inventory(db: Database, *args: str) -> subprocess.CompletedProcess[str]:
    return run("inventory", *args, env={"DATABASE_URL": db.admin_dsn, "COLUMNS": "120"})


def rows(db: Database, statement: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with psycopg.connect(db.admin_dsn) as c:
        return c.execute(statement, params).fetchall()


def level_a(db: Database) -> tuple[Any, ...]:
    (row,) = rows(
        db,
        "select on_hand, reserved from public.stock_levels"
        " where location_id = %s and variant_id = %s",
        [ID["loc_a"], ID["variant_active"]],
    )
    return row


def test_receive_by_location_code_and_sku(world_db: Database) -> None:
    result = inventory(world_db, "receive", "Wa", SKU, "5", "--reference", "PO-9")
    assert result.returncode == 0, result.stderr
    assert f"received +5 of {SKU} at Wa: on hand 15, reserved 1, available 14" in result.stdout
    assert level_a(world_db) == (15, 1)
    assert rows(
        world_db,
        "select kind, delta, reference, actor_id from public.stock_movements"
        " order by id desc limit 1",
    ) == [("receipt", 5, "PO-9", None)]


def test_receive_by_ids_works_too(world_db: Database) -> None:
    result = inventory(world_db, "receive", str(ID["loc_b"]), str(ID["variant_active"]), "1")
    assert result.returncode == 0, result.stderr
    assert "at Wb: on hand 11" in result.stdout


def test_adjust_takes_a_negative_delta_and_needs_a_reason(world_db: Database) -> None:
    without = inventory(world_db, "adjust", "Wa", SKU, "-2")
    assert_one_clear_line(without, "reason_required", BusinessRuleViolation.exit_code)
    assert level_a(world_db) == (10, 1)
    result = inventory(world_db, "adjust", "Wa", SKU, "-2", "--reason", "damaged in transit")
    assert result.returncode == 0, result.stderr
    assert "adjusted -2" in result.stdout
    assert level_a(world_db) == (8, 1)


def cells(stdout: str) -> list[list[str]]:
    """The body rows of a Rich table, as lists of cell texts."""
    return [
        [cell.strip() for cell in line.strip().strip("│").split("│")]
        for line in stdout.splitlines()
        if line.startswith("│")
    ]


def test_levels_is_a_readable_table_with_filters(world_db: Database) -> None:
    result = inventory(world_db, "levels")
    assert result.returncode == 0, result.stderr
    header = next(line for line in result.stdout.splitlines() if "location" in line)
    for column in ("sku", "on hand", "reserved", "available", "reorder at"):
        assert column in header
    by_location_id = sorted([("Wa", ID["loc_a"]), ("Wb", ID["loc_b"])], key=lambda c: c[1])
    assert cells(result.stdout) == [[code, SKU, "10", "1", "9", "2"] for code, _ in by_location_id]
    assert "2 level(s)" in result.stdout
    only_b = inventory(world_db, "levels", "--location", "Wb")
    assert cells(only_b.stdout) == [["Wb", SKU, "10", "1", "9", "2"]]
    by_sku = inventory(world_db, "levels", "--sku", "1391-100")
    assert len(cells(by_sku.stdout)) == 2
    paged = inventory(world_db, "levels", "--limit", "1")
    assert len(cells(paged.stdout)) == 1
    assert "1 level(s); more with --cursor " in paged.stdout
    low = inventory(world_db, "levels", "--below-reorder")
    assert low.returncode == 0
    assert "no stock levels match" in low.stdout


def test_check_ledger_is_exit_0_when_sound_and_1_with_a_table_when_not(
    world_db: Database,
) -> None:
    sound = inventory(world_db, "check-ledger")
    assert sound.returncode == 0, sound.stderr
    assert "the ledger is sound" in sound.stdout
    # plant a mismatch: a reserved figure no reservation explains
    with psycopg.connect(world_db.admin_dsn) as c:
        c.execute(
            "update public.stock_levels set reserved = 5 where location_id = %s", [ID["loc_b"]]
        )
    broken = inventory(world_db, "check-ledger")
    assert broken.returncode == 1
    assert broken.stderr.strip().splitlines()[0].startswith("error[ledger_mismatch]: 1 ")
    assert cells(broken.stdout) == [["Wb", SKU, "reserved", "5", "1", "+4"]]
    # one vendor at a time: vendor_a's stock is still sound
    assert inventory(world_db, "check-ledger", "--vendor", "vendor-a").returncode == 0


def test_expire_sweeps_due_reservations_once(world_db: Database) -> None:
    due = uuid.uuid4()
    with psycopg.connect(world_db.admin_dsn) as c:
        c.execute(
            "insert into public.stock_reservations (id, vendor_id, location_id, variant_id,"
            " quantity, holder_type, holder_id, expires_at)"
            " values (%s, %s, %s, %s, 3, 'cart', %s, now() - interval '1 minute')",
            [due, ID["vendor_a"], ID["loc_a"], ID["variant_active"], ID["cart_customer_a"]],
        )
        c.execute(
            "update public.stock_levels set reserved = reserved + 3 where location_id = %s",
            [ID["loc_a"]],
        )
    result = inventory(world_db, "expire")
    assert result.returncode == 0, result.stderr
    assert "expired 1 reservation(s)" in result.stdout
    assert rows(world_db, "select status from public.stock_reservations where id = %s", [due]) == [
        ("expired",)
    ]
    assert level_a(world_db) == (10, 1)
    again = inventory(world_db, "expire")
    assert "expired 0 reservation(s)" in again.stdout


def test_a_bad_sku_is_one_line_and_writes_nothing(world_db: Database) -> None:
    before = rows(world_db, "select count(*) from public.stock_movements")
    result = inventory(world_db, "receive", "Wa", "NO-SUCH-SKU", "5")
    assert_one_clear_line(result, "unknown_sku", NotFound.exit_code)
    assert "NO-SUCH-SKU" in result.stderr
    assert rows(world_db, "select count(*) from public.stock_movements") == before


@pytest.mark.parametrize(
    ("args", "code", "exit_code"),
    [
        (("receive", "Wa", SKU, "five"), "invalid_quantity", InvalidInput.exit_code),
        (("receive", "Wa", SKU, "0"), "invalid_quantity", BusinessRuleViolation.exit_code),
        (("receive", "Wz", SKU, "1"), "unknown_location_code", NotFound.exit_code),
        (("levels", "--cursor", "garbage"), "invalid_cursor", InvalidInput.exit_code),
    ],
)
def test_bad_input_is_one_clear_line_and_a_non_zero_exit(
    world_db: Database, args: tuple[str, ...], code: str, exit_code: int
) -> None:
    assert_one_clear_line(inventory(world_db, *args), code, exit_code)
    assert level_a(world_db) == (10, 1)
