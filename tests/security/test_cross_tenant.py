"""Named cross-tenant scenarios: no persona ever sees or changes another tenant's rows.

For every tenant-owned table group (a vendor's stock and shipping, an account's prices,
quotes and orders, a customer's carts and orders) each scenario runs both ways (a against b,
b against a) and checks, for every table of the group:

- the rows exist (service sees them: the check is not vacuous),
- their owner sees them,
- the other tenant sees none of them,
- and the other tenant's writes on them change nothing.

Plus the identity rules: a rep sees only the accounts assigned to them, a demoted admin and
a token that merely claims to be admin get nothing.
"""

from __future__ import annotations

from typing import Any, Final

import psycopg
import pytest

from emporium.db.session import Persona, transaction_as
from emporium.errors import PermissionDenied
from tests.conftest import PERSONAS
from tests.security.test_rls_matrix import DENIED, NO_GRANT, OK, Attempt, attempt, sql_for
from tests.world import ID

SIDES: Final = (("a", "b"), ("b", "a"))


def on_side(template: str, side: str) -> str:
    """``@`` in a template is the side: ``{vendor_@}`` -> ``{vendor_b}``."""
    return template.replace("@", side)


def count_as(conn: psycopg.Connection[Any], persona: Persona | str, sql: str) -> int | str:
    """``select count(*)`` as ``persona``; NO_GRANT when it may not read the table."""
    who = PERSONAS[persona] if isinstance(persona, str) else persona
    try:
        with transaction_as(conn, who):
            row = conn.execute(sql_for(sql)).fetchone()
    except PermissionDenied:
        return NO_GRANT
    assert row is not None
    return int(row[0])


def write_as(conn: psycopg.Connection[Any], persona: str, sql: str) -> str:
    return attempt(conn, persona, Attempt(sql))


def check_isolation(
    conn: psycopg.Connection[Any],
    *,
    owner: str,
    intruder: str,
    side: str,
    reads: list[tuple[str, str, bool]],
    writes: list[str],
) -> None:
    """``reads``: (table, where, owner sees them) for side's rows; ``writes``: statements on
    side's rows that the intruder must not get to change anything."""
    problems = []
    for table, where, owner_sees in reads:
        query = f"select count(*) from public.{table} where {on_side(where, side)}"
        exist = count_as(conn, "service", query)
        if not (isinstance(exist, int) and exist > 0):
            problems.append(f"{table} where {where}: no rows of side {side} (vacuous check)")
            continue
        seen_by_owner = count_as(conn, owner, query)
        if owner_sees and seen_by_owner != exist:
            problems.append(f"{owner} sees {seen_by_owner} of its {exist} rows in {table}")
        seen_by_intruder = count_as(conn, intruder, query)
        if seen_by_intruder not in (0, NO_GRANT):
            problems.append(f"{intruder} sees {seen_by_intruder} of {owner}'s rows in {table}")
    for statement in writes:
        outcome = write_as(conn, intruder, on_side(statement, side))
        if outcome != DENIED:
            problems.append(f"{intruder}: {on_side(statement, side)} -> {outcome}")
    assert problems == [], "\n".join(problems)


# --------------------------------------------------------------------------- vendors
VENDOR_READS: Final = [
    ("stock_locations", "vendor_id = {vendor_@}", True),
    ("stock_levels", "vendor_id = {vendor_@}", True),
    ("stock_movements", "vendor_id = {vendor_@}", True),
    ("stock_reservations", "vendor_id = {vendor_@}", True),
    ("stock_alerts", "vendor_id = {vendor_@}", True),
    ("stock_counts", "vendor_id = {vendor_@}", True),
    ("stock_count_lines", "vendor_id = {vendor_@}", True),
    ("offers", "vendor_id = {vendor_@} and status = 'paused'", True),
    ("media_objects", "vendor_id = {vendor_@}", True),
    ("order_items", "vendor_id = {vendor_@}", True),
    ("shipments", "vendor_id = {vendor_@}", True),
    ("shipment_items", "vendor_id = {vendor_@}", True),
    ("users", "vendor_id = {vendor_@}", True),
]
# the orders that hold only that vendor's items (customer_a's order holds both vendors')
ONLY_VENDORS_ORDERS: Final = {
    "a": ("order_account_a",),
    "b": ("order_customer_b", "order_account_b"),
}
VENDOR_WRITES: Final = [
    "update public.offers set price = 1 where vendor_id = {vendor_@}",
    "delete from public.offers where vendor_id = {vendor_@}",
    "update public.media_objects set width = 1 where vendor_id = {vendor_@}",
    "delete from public.media_objects where vendor_id = {vendor_@}",
    "update public.stock_locations set active = false where vendor_id = {vendor_@}",
    "delete from public.stock_locations where vendor_id = {vendor_@}",
    "update public.stock_levels set on_hand = 0 where vendor_id = {vendor_@}",
    "delete from public.stock_movements where vendor_id = {vendor_@}",
    "update public.stock_reservations set status = 'released' where vendor_id = {vendor_@}",
    "update public.stock_alerts set acknowledged_by = private.current_user_id(),"
    " acknowledged_at = now() where vendor_id = {vendor_@}",
    "update public.stock_counts set note = 'x' where vendor_id = {vendor_@}",
    "update public.stock_count_lines set counted = 0 where vendor_id = {vendor_@}",
    "insert into public.stock_counts (vendor_id, location_id) values ({vendor_@}, {loc_@})",
    "update public.shipments set tracking_number = 'x' where vendor_id = {vendor_@}",
    "update public.shipment_items set quantity = 9 where vendor_id = {vendor_@}",
    "delete from public.shipment_items where vendor_id = {vendor_@}",
    "update public.vendors set name = 'Taken' where id = {vendor_@}",
]


def test_vendor_a_cannot_see_or_touch_vendor_bs_stock(conn: psycopg.Connection[Any]) -> None:
    # Given each vendor has a paused offer (vendor_a's is in the world) and its own orders
    conn.execute(
        sql_for(
            "insert into public.offers (id, vendor_id, variant_id, condition, price, status)"
            " values ({offer_b_paused}, {vendor_b}, {variant_active}, 'used_good', 70, 'paused')"
        )
    )
    for mine, theirs in SIDES:
        check_isolation(
            conn,
            owner=f"vendor_{theirs}_staff",
            intruder=f"vendor_{mine}_staff",
            side=theirs,
            reads=VENDOR_READS,
            writes=VENDOR_WRITES,
        )
        me = f"vendor_{mine}_staff"
        # the other vendor's orders stay out of the shipping view
        their_orders = ", ".join("{" + o + "}" for o in ONLY_VENDORS_ORDERS[theirs])
        query = f"select count(*) from public.vendor_orders where id in ({their_orders})"
        assert count_as(conn, me, query) == 0
        assert count_as(conn, f"vendor_{theirs}_staff", query) == len(ONLY_VENDORS_ORDERS[theirs])
        # nor does a vendor see any customer, address or order row directly
        assert count_as(conn, me, "select count(*) from public.users where role <> 'vendor'") == 0
        assert count_as(conn, me, "select count(*) from public.addresses") == 0
        assert count_as(conn, me, "select count(*) from public.orders") == 0
        # and availability is the only stock number it shares with anyone
        assert count_as(conn, me, "select count(*) from public.variant_availability") == 1


# --------------------------------------------------------------------------- accounts
ACCOUNT_READS: Final = [
    ("accounts", "id = {account_@}", True),
    ("account_members", "account_id = {account_@}", True),
    ("users", "id = {account_@_member}", True),
    ("addresses", "account_id = {account_@}", True),
    ("carts", "account_id = {account_@}", True),
    ("cart_items", "cart_id = {cart_account_@}", True),
    ("orders", "account_id = {account_@}", True),
    ("order_items", "order_id = {order_account_@}", True),
    ("order_status_history", "order_id = {order_account_@}", True),
    ("payments", "order_id = {order_account_@}", True),
    ("refunds", "order_id = {order_account_@}", True),
    ("shipments", "order_id = {order_account_@}", True),
    ("price_lists", "id = {price_list_@}", True),
    ("price_list_entries", "price_list_id = {price_list_@}", True),
    ("account_price_lists", "account_id = {account_@}", True),
    ("rfqs", "account_id = {account_@}", True),
    ("rfq_items", "rfq_id = {rfq_@}", True),
    ("rfq_events", "rfq_id = {rfq_@}", True),
    ("account_notes", "account_id = {account_@}", False),  # the rep's, not the members'
]
ACCOUNT_WRITES: Final = [
    "update public.accounts set name = 'x' where id = {account_@}",
    "update public.account_members set role = 'viewer' where account_id = {account_@}",
    "delete from public.account_members where account_id = {account_@}",
    "update public.addresses set city = 'x' where account_id = {account_@}",
    "delete from public.addresses where account_id = {account_@}",
    "update public.carts set status = 'abandoned' where account_id = {account_@}",
    "delete from public.cart_items where cart_id = {cart_account_@}",
    "insert into public.cart_items (cart_id, offer_id, quantity)"
    " values ({cart_account_@}, {offer_b}, 1)",
    "update public.rfqs set notes = 'x' where account_id = {account_@}",
    "update public.rfqs set status = 'quoted' where account_id = {account_@}",
    "update public.rfq_items set quantity = 1 where rfq_id = {rfq_@}",
    "insert into public.rfq_events (rfq_id, kind, actor_id, note)"
    " values ({rfq_@}, 'comment', private.current_user_id(), 'x')",
    "update public.price_list_entries set price = 0 where price_list_id = {price_list_@}",
    "update public.orders set status = 'cancelled' where account_id = {account_@}",
]


def test_account_a_cannot_see_account_bs_prices_rfqs_or_orders(
    conn: psycopg.Connection[Any],
) -> None:
    # Given each account's order was refunded in part and shipped
    for side in ("a", "b"):
        conn.execute(
            sql_for(
                on_side(
                    "insert into public.refunds (payment_id, order_id, amount)"
                    " values ({payment_account_@}, {order_account_@}, 5);"
                    "insert into public.shipments (order_id, vendor_id, location_id)"
                    " values ({order_account_@}, {vendor_@}, {loc_@})",
                    side,
                )
            )
        )
    for mine, theirs in SIDES:
        check_isolation(
            conn,
            owner=f"account_{theirs}_member",
            intruder=f"account_{mine}_member",
            side=theirs,
            reads=ACCOUNT_READS,
            writes=ACCOUNT_WRITES,
        )


# --------------------------------------------------------------------------- customers
CUSTOMER_READS: Final = [
    ("users", "id = {customer_@}", True),
    ("addresses", "user_id = {customer_@}", True),
    ("carts", "user_id = {customer_@}", True),
    ("cart_items", "cart_id = {cart_customer_@}", True),
    ("orders", "user_id = {customer_@}", True),
    ("order_items", "order_id = {order_customer_@}", True),
    ("order_status_history", "order_id = {order_customer_@}", True),
    ("payments", "order_id = {order_customer_@}", True),
    ("refunds", "order_id = {order_customer_@}", True),
    ("shipments", "order_id = {order_customer_@}", True),
    ("shipment_items", "shipment_id = {shipment_@}", True),
    ("stock_reservations", "holder_id in ({cart_customer_@}, {order_customer_@})", True),
]
CUSTOMER_WRITES: Final = [
    "update public.users set full_name = 'x' where id = {customer_@}",
    "delete from public.users where id = {customer_@}",
    "update public.addresses set line1 = 'x' where user_id = {customer_@}",
    "delete from public.addresses where user_id = {customer_@}",
    "update public.carts set name = 'x' where user_id = {customer_@}",
    "delete from public.carts where user_id = {customer_@}",
    "update public.cart_items set quantity = 50 where cart_id = {cart_customer_@}",
    "insert into public.cart_items (cart_id, offer_id, quantity)"
    " values ({cart_customer_@}, {offer_b}, 1)",
    "update public.orders set status = 'cancelled' where user_id = {customer_@}",
    "update public.payments set status = 'refunded' where order_id = {order_customer_@}",
]


def test_customer_a_cannot_see_customer_bs_carts_or_orders(
    conn: psycopg.Connection[Any],
) -> None:
    # Given customer_b was refunded too (the world refunds only customer_a)
    conn.execute(
        sql_for(
            "insert into public.refunds (payment_id, order_id, amount)"
            " values ({payment_customer_b}, {order_customer_b}, 5)"
        )
    )
    for mine, theirs in SIDES:
        check_isolation(
            conn,
            owner=f"customer_{theirs}",
            intruder=f"customer_{mine}",
            side=theirs,
            reads=CUSTOMER_READS,
            writes=CUSTOMER_WRITES,
        )
        me = f"customer_{mine}"
        # nor any account's, vendor's or store's private rows
        for table in ("accounts", "account_members", "price_lists", "rfqs", "stock_levels"):
            assert count_as(conn, me, f"select count(*) from public.{table}") == 0, table


# --------------------------------------------------------------------------- reps
REP_READS: Final = [
    ("accounts", "id = {account_@}"),
    ("account_members", "account_id = {account_@}"),
    ("account_notes", "account_id = {account_@}"),
    ("addresses", "account_id = {account_@}"),
    ("carts", "account_id = {account_@}"),
    ("orders", "account_id = {account_@}"),
    ("payments", "order_id = {order_account_@}"),
    ("price_lists", "id = {price_list_@}"),
    ("price_list_entries", "price_list_id = {price_list_@}"),
    ("rfqs", "account_id = {account_@}"),
    ("rfq_items", "rfq_id = {rfq_@}"),
]


def _rep_sees(conn: psycopg.Connection[Any], side: str) -> dict[str, int | str]:
    return {
        table: count_as(
            conn, "rep", f"select count(*) from public.{table} where {on_side(w, side)}"
        )
        for table, w in REP_READS
    }


def test_a_rep_sees_only_the_accounts_assigned_to_them(conn: psycopg.Connection[Any]) -> None:
    everything = {table: 1 for table, _ in REP_READS}
    nothing = {table: 0 for table, _ in REP_READS}
    # account_a is the rep's, account_b is rep_b's
    assert _rep_sees(conn, "a") == everything
    assert _rep_sees(conn, "b") == nothing
    # a rep sees no customer's own orders and carts (only their accounts')
    assert count_as(conn, "rep", "select count(*) from public.orders where account_id is null") == 0
    assert count_as(conn, "rep", "select count(*) from public.carts where account_id is null") == 0
    assert write_as(conn, "rep", "update public.rfq_items set quoted_price = 80") == OK
    assert write_as(conn, "rep", "update public.account_notes set body = 'x'") == OK
    assert (
        write_as(
            conn, "rep", "update public.rfq_items set quoted_price = 80 where rfq_id = {rfq_b}"
        )
        == DENIED
    )

    # When an admin hands account_b to the rep and account_a to rep_b,
    conn.execute(
        sql_for(
            "update public.accounts set rep_id = {rep} where id = {account_b};"
            "update public.accounts set rep_id = {rep_b} where id = {account_a}"
        )
    )
    # then the rep's view follows at once, with no new token.
    assert _rep_sees(conn, "b") == everything
    assert _rep_sees(conn, "a") == nothing
    assert (
        write_as(
            conn, "rep", "update public.rfq_items set quoted_price = 80 where rfq_id = {rfq_a}"
        )
        == DENIED
    )
    assert (
        write_as(
            conn, "rep", "update public.rfq_items set quoted_price = 80 where rfq_id = {rfq_b}"
        )
        == OK
    )


def test_an_rfq_assigned_to_a_rep_shows_that_rfq_not_the_account(
    conn: psycopg.Connection[Any],
) -> None:
    conn.execute(sql_for("update public.rfqs set assigned_rep_id = {rep} where id = {rfq_b}"))
    assert count_as(conn, "rep", "select count(*) from public.rfqs where id = {rfq_b}") == 1
    assert (
        count_as(conn, "rep", "select count(*) from public.rfq_items where rfq_id = {rfq_b}") == 1
    )
    for table, where in REP_READS:
        if table in ("rfqs", "rfq_items"):
            continue
        query = f"select count(*) from public.{table} where {on_side(where, 'b')}"
        assert count_as(conn, "rep", query) == 0, table


# --------------------------------------------------------------------------- identity
ADMIN_ONLY_READS: Final = (
    "audit_log",
    "integration_runs",
    "sync_log",
    "external_refs",
    "webhook_receipts",
    "outbox_events",
)


def _admin_reads(conn: psycopg.Connection[Any], persona: Persona | str) -> dict[str, int | str]:
    return {
        t: count_as(conn, persona, f"select count(*) from public.{t}") for t in ADMIN_ONLY_READS
    }


def test_a_demoted_admin_loses_access_at_once(conn: psycopg.Connection[Any]) -> None:
    before = _admin_reads(conn, "admin")
    assert all(isinstance(n, int) and n > 0 for n in before.values()), before
    assert (
        write_as(conn, "admin", "update public.brands set name = 'Nike' where id = {brand}") == OK
    )

    # When the admin is demoted (the same token keeps being used),
    conn.execute(sql_for("update public.users set role = 'customer' where id = {admin}"))

    # then the very next statement is a customer's.
    assert _admin_reads(conn, "admin") == dict.fromkeys(ADMIN_ONLY_READS, 0)
    assert write_as(conn, "admin", "update public.brands set name = 'Nike' where id = {brand}") == (
        DENIED
    )
    assert count_as(conn, "admin", "select count(*) from public.orders") == 0
    assert count_as(conn, "admin", "select count(*) from public.vendors") == 3  # active only


def _claims_admin(sub: str) -> Persona:
    return Persona(
        "authenticated",
        {
            "sub": sub,
            "role": "authenticated",
            "aud": "authenticated",
            "user_role": "admin",
            "app_metadata": {
                "provider": "email",
                "role": "admin",
                "vendor_id": str(ID["vendor_b"]),
                "account_ids": [str(ID["account_b"])],
            },
        },
    )


@pytest.mark.parametrize(
    "sub", [str(ID["customer_a"]), "99999999-0000-4000-8000-000000000000"], ids=["known", "new"]
)
def test_a_token_claiming_admin_is_not_admin_without_the_database_saying_so(
    conn: psycopg.Connection[Any], sub: str
) -> None:
    forged = _claims_admin(sub)
    with transaction_as(conn, forged):
        row = conn.execute(
            "select private.current_app_role(), private.is_admin(),"
            " private.current_vendor_id(), private.member_account_ids()"
        ).fetchone()
    assert row == ("customer", False, None, [])
    assert _admin_reads(conn, forged) == dict.fromkeys(ADMIN_ONLY_READS, 0)
    # nor is it vendor_b's staff or account_b's member because the token says so
    for table in ("stock_levels", "stock_locations", "accounts", "price_lists", "rfqs"):
        assert count_as(conn, forged, f"select count(*) from public.{table}") == 0, table
    with transaction_as(conn, forged):
        changed = conn.execute(
            sql_for("update public.brands set name = 'Forged' where id = {brand}")
        ).rowcount
        changed += conn.execute(
            sql_for("update public.offers set price = 1 where vendor_id = {vendor_b}")
        ).rowcount
    assert changed == 0
    # the database's word is what counts: made admin there, the same token is admin
    conn.execute("update public.users set role = 'admin' where id = %s", [ID["customer_a"]])
    assert _admin_reads(conn, _claims_admin(str(ID["customer_a"])))["audit_log"] != 0


# --------------------------------------------------------------------------- RFQ roles
def test_an_account_viewer_reads_rfqs_but_cannot_quote_or_edit_them(
    conn: psycopg.Connection[Any],
) -> None:
    # Given customer_a is a viewer of account_a, and account_a has a draft request,
    conn.execute(
        sql_for(
            "insert into public.account_members (account_id, user_id, role)"
            " values ({account_a}, {customer_a}, 'viewer');"
            "insert into public.rfqs (id, account_id, requester_id)"
            " values ({rfq_draft_a}, {account_a}, {account_a_member})"
        )
    )
    viewer = "customer_a"
    assert (
        count_as(conn, viewer, "select count(*) from public.rfq_items where id = {rfq_item_a}") == 1
    )
    # then the viewer can't set the rep's quote, add, edit or remove items, or move the RFQ
    for statement in (
        "update public.rfq_items set quoted_price = 1, lead_time_days = 1 where id = {rfq_item_a}",
        "insert into public.rfq_items (rfq_id, variant_id, quantity)"
        " values ({rfq_draft_a}, {variant_active}, 1)",
        "delete from public.rfq_items where id = {rfq_item_a}",
        "update public.rfqs set status = 'submitted' where id = {rfq_draft_a}",
        "insert into public.rfqs (account_id, requester_id) values ({account_a}, {customer_a})",
        "insert into public.carts (user_id, account_id) values ({customer_a}, {account_a})",
    ):
        assert write_as(conn, viewer, statement) == DENIED, statement
    # while the account's buyer and rep keep their parts
    add_item = (
        "insert into public.rfq_items (rfq_id, variant_id, quantity)"
        " values ({rfq_draft_a}, {variant_active}, 1)"
    )
    assert write_as(conn, "account_a_member", add_item) == OK
    quote = "update public.rfq_items set quoted_price = 80 where id = {rfq_item_a}"
    assert write_as(conn, "rep", quote) == OK


def test_each_rfq_step_is_made_by_its_persona_and_no_other(
    world_conn: psycopg.Connection[Any],
) -> None:
    # Every step is a persona's (no owner setup in this transaction: see conftest), so the
    # grants each step needs are checked for that persona.
    def act(persona: str, sql: str, *params: Any) -> str:
        try:
            with transaction_as(world_conn, PERSONAS[persona]):
                affected = world_conn.execute(sql_for(sql), params).rowcount
        except PermissionDenied:
            return DENIED
        return OK if affected > 0 else DENIED

    with world_conn.transaction(force_rollback=True):
        with transaction_as(world_conn, PERSONAS["account_a_member"]):
            row = world_conn.execute(
                sql_for(
                    "insert into public.rfqs (account_id, requester_id)"
                    " values ({account_a}, {account_a_member}) returning id, number"
                )
            ).fetchone()
        assert row is not None
        rfq_id, number = row
        assert number.startswith("RFQ-")
        add_item = (
            "insert into public.rfq_items (id, rfq_id, variant_id, quantity)"
            " values ({rfq_flow_item}, %s, {variant_active}, 20)"
        )
        assert act("account_b_member", add_item, rfq_id) == DENIED
        assert act("account_a_member", add_item, rfq_id) == OK
        moves: list[tuple[str, str, list[str]]] = [
            # (to status, who may, who may not)
            ("submitted", "account_a_member", ["account_b_member", "rep", "vendor_a_staff"]),
            ("quoted", "rep", ["account_a_member", "account_b_member"]),
            ("accepted", "account_a_member", ["rep", "account_b_member", "customer_a"]),
        ]
        quote_item = (
            "update public.rfq_items set quoted_price = 88, lead_time_days = 3"
            " where id = {rfq_flow_item}"
        )
        for status, who, intruders in moves:
            move = f"update public.rfqs set status = '{status}' where id = %s"
            for intruder in intruders:
                assert act(intruder, move, rfq_id) == DENIED, f"{intruder} -> {status}"
            assert act(who, move, rfq_id) == OK, f"{who} -> {status}"
            if status == "submitted":
                assert act("account_b_member", quote_item) == DENIED
                assert act("rep", quote_item) == OK
        with transaction_as(world_conn, PERSONAS["account_a_member"]):
            history = world_conn.execute(
                "select to_status from public.rfq_events where rfq_id = %s order by id", [rfq_id]
            ).fetchall()
        assert [h[0] for h in history] == ["draft", "submitted", "quoted", "accepted"]
