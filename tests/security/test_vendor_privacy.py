"""A vendor's commercial terms (commission) and contacts are not public."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from emporium.db.session import transaction_as
from emporium.errors import PermissionDenied
from tests.conftest import PERSONAS
from tests.world import ID


@pytest.mark.parametrize("name", ["anon", "customer_a", "vendor_a_staff", "admin"])
@pytest.mark.parametrize("column", ["commission_rate", "contact_email", "contact_phone"])
def test_no_persona_reads_private_vendor_columns_from_the_table(
    conn: psycopg.Connection[Any], name: str, column: str
) -> None:
    with pytest.raises(PermissionDenied), transaction_as(conn, PERSONAS[name]):
        conn.execute(f"select {column} from public.vendors")


def test_storefront_columns_of_active_vendors_stay_public(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, PERSONAS["anon"]):
        rows = conn.execute(
            "select id, name, slug, ships_within_days from public.vendors"
        ).fetchall()
    assert {r[0] for r in rows} == {ID["vendor_a"], ID["vendor_b"], ID["house"]}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("vendor_a_staff", {"vendor_a"}),
        ("vendor_b_staff", {"vendor_b"}),
        ("customer_a", set()),
        ("account_a_member", set()),
        ("rep", set()),
        ("admin", {"vendor_a", "vendor_b", "house", "vendor_pending"}),
    ],
)
def test_vendor_settings_show_a_vendor_its_own_terms_and_admins_all(
    conn: psycopg.Connection[Any], name: str, expected: set[str]
) -> None:
    with transaction_as(conn, PERSONAS[name]):
        rows = conn.execute("select id, commission_rate from public.vendor_settings").fetchall()
    assert {r[0] for r in rows} == {ID[n] for n in expected}


def test_anon_cannot_read_vendor_settings(conn: psycopg.Connection[Any]) -> None:
    with pytest.raises(PermissionDenied), transaction_as(conn, PERSONAS["anon"]):
        conn.execute("select * from public.vendor_settings")


def test_a_vendor_manager_still_updates_their_contacts(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, PERSONAS["vendor_a_staff"]):
        cur = conn.execute(
            "update public.vendors set contact_email = 'ops@a.test' where id = %s", [ID["vendor_a"]]
        )
        assert cur.rowcount == 1
        row = conn.execute(
            "select contact_email from public.vendor_settings where id = %s", [ID["vendor_a"]]
        ).fetchone()
    assert row == ("ops@a.test",)
