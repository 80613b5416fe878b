"""The behaviour kept in triggers: timestamps, document numbers, status machines and their
histories, append-only ledgers, the audit trail, admin-only columns, category paths,
product search documents and typed specifications.

Everything runs against the seeded world (tests/world.py) in the conftest's rolled-back
transaction; personas act through ``transaction_as`` (a savepoint of that transaction).
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Sequence
from typing import Any, LiteralString

import psycopg
import pytest
from psycopg import errors as pgerr
from psycopg import sql
from psycopg.types.json import Jsonb

from emporium.db.errors import translate
from emporium.db.session import Persona, transaction_as
from emporium.errors import BusinessRuleViolation, EmporiumError, InvalidInput, PermissionDenied
from tests.conftest import PERSONAS
from tests.world import ID

Statement = LiteralString | sql.SQL | sql.Composed

BUYER = PERSONAS["account_a_member"]
REP = PERSONAS["rep"]
OTHER_BUYER = PERSONAS["account_b_member"]
VENDOR_A = PERSONAS["vendor_a_staff"]
ADMIN = PERSONAS["admin"]


@pytest.fixture
def conn(conn: psycopg.Connection[Any]) -> psycopg.Connection[Any]:
    """The seeded world inside the transaction the conftest fixture rolls back.

    Opened here, so that ``transaction_as`` and ``conn.transaction()`` are savepoints.
    """
    conn.execute("select 1")
    return conn


def user_persona(user_id: uuid.UUID, app_role: str = "customer") -> Persona:
    """A signed-in user's claims (the app_metadata role is what the token says, no more)."""
    return Persona(
        "authenticated",
        {
            "sub": str(user_id),
            "role": "authenticated",
            "aud": "authenticated",
            "app_metadata": {"provider": "email", "role": app_role},
        },
    )


def refusal(
    conn: psycopg.Connection[Any],
    statement: Statement,
    params: Sequence[Any] = (),
    persona: Persona | None = None,
) -> EmporiumError:
    """Run ``statement`` in a savepoint (as ``persona``, else as the owner): the error it raised."""

    def attempt() -> None:
        if persona is not None:
            with transaction_as(conn, persona):
                conn.execute(statement, params)
            return
        try:
            with conn.transaction():
                conn.execute(statement, params)
        except psycopg.Error as exc:
            raise translate(exc) from exc

    with pytest.raises(EmporiumError) as caught:
        attempt()
    return caught.value


def rows_changed_or_error(
    conn: psycopg.Connection[Any], statement: Statement, params: Sequence[Any], persona: Persona
) -> int | EmporiumError:
    """As ``persona``: how many rows ``statement`` changed, or the error that refused it."""
    try:
        with transaction_as(conn, persona):
            return conn.execute(statement, params).rowcount
    except EmporiumError as exc:
        return exc


def one(conn: psycopg.Connection[Any], statement: Statement, params: Sequence[Any] = ()) -> Any:
    """The single value of a single-row query."""
    row = conn.execute(statement, params).fetchone()
    assert row is not None
    return row[0]


def utc_year(conn: psycopg.Connection[Any]) -> int:
    return int(one(conn, "select extract(year from now() at time zone 'UTC')"))


# ----------------------------------------------------------------------------- updated_at
def test_updated_at_moves_forward_on_update(conn: psycopg.Connection[Any]) -> None:
    # the world's rows were committed before this test's transaction began
    stamps = "select created_at, updated_at from public.vendors where id = %s"
    before_row = conn.execute(stamps, [ID["vendor_a"]]).fetchone()
    assert before_row is not None
    created, before = before_row
    row = conn.execute(
        "update public.vendors set name = 'Vendor A Renamed' where id = %s"
        " returning created_at, updated_at, now()",
        [ID["vendor_a"]],
    ).fetchone()
    assert row is not None
    assert row[0] == created
    assert row[1] > before
    assert row[1] == row[2]  # the time of the transaction that changed the row


def test_updated_at_cannot_be_set_by_hand(conn: psycopg.Connection[Any]) -> None:
    row = conn.execute(
        "update public.offers set updated_at = '2000-01-01' where id = %s"
        " returning updated_at, now()",
        [ID["offer_a"]],
    ).fetchone()
    assert row is not None
    assert row[0] == row[1]


def test_every_table_with_updated_at_keeps_it(conn: psycopg.Connection[Any]) -> None:
    tables = [
        r[0]
        for r in conn.execute(
            """
            select c.table_name from information_schema.columns c
            join information_schema.tables t using (table_schema, table_name)
            where c.table_schema = 'public' and c.column_name = 'updated_at'
              and t.table_type = 'BASE TABLE'
            order by 1
            """
        )
    ]
    assert len(tables) >= 25
    now = one(conn, "select now()")
    stale = {}
    for table in tables:
        # one row of every table (the world has one), with updated_at forced into the past
        returned = conn.execute(
            sql.SQL(
                "update public.{t} set updated_at = '2000-01-01'"
                " where ctid = (select ctid from public.{t} limit 1) returning updated_at"
            ).format(t=sql.Identifier(table))
        ).fetchall()
        if returned != [(now,)]:
            stale[table] = returned
    assert stale == {}


# ------------------------------------------------------------------------ order numbers
ORDER_NUMBER = re.compile(r"EM-(\d{4})-(\d{6})")


def new_order(
    conn: psycopg.Connection[Any], status: str = "pending", placed_at: str | None = None
) -> tuple[uuid.UUID, str]:
    row = conn.execute(
        "insert into public.orders (user_id, status, placed_at) values (%s, %s, %s)"
        " returning id, number",
        [ID["customer_a"], status, placed_at],
    ).fetchone()
    assert row is not None
    return row[0], row[1]


def sequence_of(number: str, year: int) -> int:
    match = ORDER_NUMBER.fullmatch(number)
    assert match is not None, number
    assert int(match.group(1)) == year
    return int(match.group(2))


def test_orders_are_numbered_in_sequence_within_the_year(conn: psycopg.Connection[Any]) -> None:
    year = utc_year(conn)
    numbers = [new_order(conn)[1] for _ in range(3)]
    first = sequence_of(numbers[0], year)
    assert [sequence_of(n, year) for n in numbers] == [first, first + 1, first + 2]


def test_a_failed_order_insert_leaves_no_gap_in_the_numbers(conn: psycopg.Connection[Any]) -> None:
    year = utc_year(conn)
    first = sequence_of(new_order(conn)[1], year)
    # an order that the grand-total check refuses (after the trigger drew its number)
    with pytest.raises(pgerr.CheckViolation), conn.transaction():
        conn.execute(
            "insert into public.orders (user_id, subtotal, grand_total) values (%s, 10, 5)",
            [ID["customer_a"]],
        )
    assert sequence_of(new_order(conn)[1], year) == first + 1


def test_each_year_has_its_own_order_numbers(conn: psycopg.Connection[Any]) -> None:
    year = utc_year(conn)
    current = sequence_of(new_order(conn)[1], year)
    a = sequence_of(new_order(conn, placed_at="2031-06-01T12:00:00Z")[1], 2031)
    b = sequence_of(new_order(conn, placed_at="2031-07-01T12:00:00Z")[1], 2031)
    assert b == a + 1
    assert sequence_of(new_order(conn)[1], year) == current + 1


def test_service_work_creates_and_moves_numbered_orders(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, PERSONAS["service"]):
        order_id, number = new_order(conn)
        set_order_status(conn, order_id, "confirmed")
    sequence_of(number, utc_year(conn))
    assert order_history(conn, order_id) == [
        (None, "pending", None),
        ("pending", "confirmed", None),
    ]


def test_an_order_keeps_a_number_it_was_given(conn: psycopg.Connection[Any]) -> None:
    number = one(
        conn,
        "insert into public.orders (number, user_id) values ('LEGACY-42', %s) returning number",
        [ID["customer_a"]],
    )
    assert number == "LEGACY-42"


# --------------------------------------------------------------------- order status machine
ORDER_STATUSES = (
    "pending",
    "confirmed",
    "paid",
    "fulfilled",
    "shipped",
    "delivered",
    "cancelled",
    "refunded",
)
LEGAL_ORDER_MOVES = {
    ("pending", "confirmed"),
    ("confirmed", "paid"),
    ("paid", "fulfilled"),
    ("fulfilled", "shipped"),
    ("shipped", "delivered"),
    ("pending", "cancelled"),
    ("confirmed", "cancelled"),
    ("paid", "refunded"),
    ("fulfilled", "refunded"),
    ("shipped", "refunded"),
    ("delivered", "refunded"),
}
ILLEGAL_ORDER_MOVES = sorted(
    (a, b) for a, b in itertools.permutations(ORDER_STATUSES, 2) if (a, b) not in LEGAL_ORDER_MOVES
)


def order_history(
    conn: psycopg.Connection[Any], order_id: uuid.UUID
) -> list[tuple[str | None, str, uuid.UUID | None]]:
    return [
        (r[0], r[1], r[2])
        for r in conn.execute(
            "select from_status, to_status, actor_id from public.order_status_history"
            " where order_id = %s order by id",
            [order_id],
        )
    ]


def set_order_status(conn: psycopg.Connection[Any], order_id: uuid.UUID, status: str) -> int:
    return conn.execute(
        "update public.orders set status = %s where id = %s", [status, order_id]
    ).rowcount


def test_the_order_machine_has_eight_statuses_and_45_illegal_moves() -> None:
    assert len(ILLEGAL_ORDER_MOVES) == 8 * 7 - len(LEGAL_ORDER_MOVES) == 45


@pytest.mark.parametrize(("old", "new"), sorted(LEGAL_ORDER_MOVES))
def test_a_legal_order_move_is_made_and_recorded(
    conn: psycopg.Connection[Any], old: str, new: str
) -> None:
    order_id, _ = new_order(conn, status=old)
    assert set_order_status(conn, order_id, new) == 1
    assert one(conn, "select status from public.orders where id = %s", [order_id]) == new
    assert order_history(conn, order_id) == [(None, old, None), (old, new, None)]


@pytest.mark.parametrize(("old", "new"), ILLEGAL_ORDER_MOVES)
def test_an_illegal_order_move_is_refused(
    conn: psycopg.Connection[Any], old: str, new: str
) -> None:
    order_id, _ = new_order(conn, status=old)
    error = refusal(conn, "update public.orders set status = %s where id = %s", [new, order_id])
    assert isinstance(error, BusinessRuleViolation)
    assert error.instance_code == "illegal_status_transition"
    assert (error.detail["from"], error.detail["to"]) == (old, new)
    assert one(conn, "select status from public.orders where id = %s", [order_id]) == old
    assert order_history(conn, order_id) == [(None, old, None)]


def test_an_orders_whole_life_is_in_its_history(conn: psycopg.Connection[Any]) -> None:
    # Given a new order (the insert is the first history row),
    order_id, _ = new_order(conn)
    path = ["pending", "confirmed", "paid", "fulfilled", "shipped", "delivered", "refunded"]
    # when it goes all the way (as the owner: no one in particular),
    for status in path[1:]:
        assert set_order_status(conn, order_id, status) == 1
    # then every move is one row, in order, without an actor.
    assert order_history(conn, order_id) == [
        (old, new, None) for old, new in zip([None, *path], path, strict=False)
    ]


def test_setting_the_same_status_is_not_a_move(conn: psycopg.Connection[Any]) -> None:
    order_id, _ = new_order(conn, status="paid")
    assert set_order_status(conn, order_id, "paid") == 1
    assert order_history(conn, order_id) == [(None, "paid", None)]


def test_the_history_names_who_moved_the_order(conn: psycopg.Connection[Any]) -> None:
    # Given an order, and a SECURITY DEFINER function customers may call, as the order
    # functions will be (clients have no UPDATE on orders),
    order_id, _ = new_order(conn)
    conn.execute(
        """
        create function public.t_move_order(p_id uuid, p_status text) returns void
        language sql security definer set search_path = ''
        as $$ update public.orders set status = p_status where id = p_id $$;
        grant execute on function public.t_move_order(uuid, text) to authenticated;
        """
    )
    # when service work confirms it, and the customer then pays through the function
    # (with a note for the history),
    with transaction_as(conn, PERSONAS["service"]):
        set_order_status(conn, order_id, "confirmed")
    with transaction_as(conn, PERSONAS["customer_a"]):
        conn.execute("select set_config('emporium.status_note', 'paid by card', true)")
        conn.execute("select public.t_move_order(%s, 'paid')", [order_id])
    # then service work has no actor, and the customer is named as the actor of theirs.
    assert order_history(conn, order_id) == [
        (None, "pending", None),
        ("pending", "confirmed", None),
        ("confirmed", "paid", ID["customer_a"]),
    ]
    note = "select note from public.order_status_history where order_id = %s order by id desc"
    assert one(conn, note, [order_id]) == "paid by card"


# -------------------------------------------------------------------------- append-only
APPEND_ONLY = {
    "stock_movements": "reason",
    "order_status_history": "note",
    "rfq_events": "note",
    "sync_log": "message",
    "audit_log": "table_name",
}


@pytest.mark.parametrize("action", ["update", "delete"])
@pytest.mark.parametrize("table", sorted(APPEND_ONLY))
def test_ledgers_and_histories_are_append_only(
    conn: psycopg.Connection[Any], table: str, action: str
) -> None:
    oldest = sql.SQL("select min(id) from public.{}").format(sql.Identifier(table))
    row_id = one(conn, oldest)
    assert row_id is not None  # the world wrote at least one row
    snapshot = sql.SQL("select to_jsonb(x) from public.{} x where id = %s").format(
        sql.Identifier(table)
    )
    before = one(conn, snapshot, [row_id])
    if action == "update":
        statement = sql.SQL("update public.{} set {} = 'tampered' where id = %s").format(
            sql.Identifier(table), sql.Identifier(APPEND_ONLY[table])
        )
    else:
        statement = sql.SQL("delete from public.{} where id = %s").format(sql.Identifier(table))
    # as the owner, who holds every privilege: the trigger is what refuses
    error = refusal(conn, statement, [row_id])
    assert isinstance(error, BusinessRuleViolation)
    assert error.instance_code == "append_only"
    assert error.detail["table"] == table
    assert one(conn, snapshot, [row_id]) == before


def test_deleting_an_order_deletes_its_history(conn: psycopg.Connection[Any]) -> None:
    order_id, _ = new_order(conn)
    set_order_status(conn, order_id, "cancelled")
    assert len(order_history(conn, order_id)) == 2
    conn.execute("delete from public.orders where id = %s", [order_id])
    assert order_history(conn, order_id) == []


def test_deleting_a_draft_rfq_deletes_its_events(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, BUYER):
        rfq_id = new_rfq(conn)
        assert conn.execute("delete from public.rfqs where id = %s", [rfq_id]).rowcount == 1
    assert rfq_events(conn, rfq_id) == []


# ----------------------------------------------------------------------------------- RFQs
RFQ_STATUSES = ("draft", "submitted", "quoted", "accepted", "rejected", "expired", "converted")
LEGAL_RFQ_MOVES = {
    ("draft", "submitted"),
    ("submitted", "quoted"),
    ("quoted", "accepted"),
    ("quoted", "rejected"),
    ("submitted", "expired"),
    ("quoted", "expired"),
    ("accepted", "converted"),
}
ILLEGAL_RFQ_MOVES = sorted(
    (a, b) for a, b in itertools.permutations(RFQ_STATUSES, 2) if (a, b) not in LEGAL_RFQ_MOVES
)
RFQ_NUMBER = re.compile(r"RFQ-(\d{4})-(\d{6})")


def new_rfq(conn: psycopg.Connection[Any]) -> uuid.UUID:
    """A draft for account A, as its member (call inside ``transaction_as(conn, BUYER)``)."""
    rfq_id: uuid.UUID = one(
        conn,
        "insert into public.rfqs (account_id, requester_id) values (%s, %s) returning id",
        [ID["account_a"], ID["account_a_member"]],
    )
    return rfq_id


def rfq_events(
    conn: psycopg.Connection[Any], rfq_id: uuid.UUID
) -> list[tuple[str, str | None, str | None, uuid.UUID | None]]:
    return [
        (r[0], r[1], r[2], r[3])
        for r in conn.execute(
            "select kind, from_status, to_status, actor_id from public.rfq_events"
            " where rfq_id = %s order by id",
            [rfq_id],
        )
    ]


def rfq_status(conn: psycopg.Connection[Any], rfq_id: uuid.UUID) -> str:
    status: str = one(conn, "select status from public.rfqs where id = %s", [rfq_id])
    return status


def quote_rfq_a(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, REP):
        conn.execute(
            "update public.rfq_items set quoted_price = 95 where id = %s", [ID["rfq_item_a"]]
        )
        conn.execute("update public.rfqs set status = 'quoted' where id = %s", [ID["rfq_a"]])


def test_rfqs_are_numbered_in_sequence_within_the_year(conn: psycopg.Connection[Any]) -> None:
    year = utc_year(conn)
    with transaction_as(conn, BUYER):
        ids = [new_rfq(conn) for _ in range(2)]
    numbers = [one(conn, "select number from public.rfqs where id = %s", [i]) for i in ids]
    matches = [RFQ_NUMBER.fullmatch(n) for n in numbers]
    assert all(m is not None and int(m.group(1)) == year for m in matches), numbers
    first, second = (int(m.group(2)) for m in matches if m is not None)
    assert second == first + 1


def test_a_buyer_drafts_and_submits_an_rfq(conn: psycopg.Connection[Any]) -> None:
    buyer = ID["account_a_member"]
    # Given account A's buyer drafts a request with one line,
    with transaction_as(conn, BUYER):
        rfq_id = new_rfq(conn)
        assert rfq_status(conn, rfq_id) == "draft"
        conn.execute(
            "insert into public.rfq_items (rfq_id, variant_id, quantity, target_price)"
            " values (%s, %s, 24, 95)",
            [rfq_id, ID["variant_active"]],
        )
        # when they submit it,
        assert (
            conn.execute(
                "update public.rfqs set status = 'submitted' where id = %s", [rfq_id]
            ).rowcount
            == 1
        )
    # then it is submitted, with a time, and both moves are events by the buyer.
    assert rfq_status(conn, rfq_id) == "submitted"
    assert one(conn, "select submitted_at = now() from public.rfqs where id = %s", [rfq_id])
    assert rfq_events(conn, rfq_id) == [
        ("status_change", None, "draft", buyer),
        ("status_change", "draft", "submitted", buyer),
    ]


def test_a_buyer_cannot_create_an_rfq_already_submitted(conn: psycopg.Connection[Any]) -> None:
    error = refusal(
        conn,
        "insert into public.rfqs (account_id, requester_id, status) values (%s, %s, 'submitted')",
        [ID["account_a"], ID["account_a_member"]],
        BUYER,
    )
    assert isinstance(error, PermissionDenied)
    assert one(conn, "select count(*) from public.rfqs") == 2  # the world's two


def test_the_accounts_rep_quotes_a_submitted_rfq(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, REP):
        quoted = conn.execute(
            "update public.rfq_items set quoted_price = 95, lead_time_days = 14 where id = %s",
            [ID["rfq_item_a"]],
        )
        assert quoted.rowcount == 1
        moved = conn.execute(
            "update public.rfqs set status = 'quoted' where id = %s", [ID["rfq_a"]]
        )
        assert moved.rowcount == 1
    row = conn.execute(
        "select r.status, r.quoted_at = now(), i.quoted_price, i.lead_time_days"
        " from public.rfqs r join public.rfq_items i on i.rfq_id = r.id where i.id = %s",
        [ID["rfq_item_a"]],
    ).fetchone()
    assert row == ("quoted", True, 95, 14)
    assert rfq_events(conn, ID["rfq_a"])[-1] == ("status_change", "submitted", "quoted", ID["rep"])


@pytest.mark.parametrize("decision", ["accepted", "rejected"])
def test_the_rep_cannot_decide_on_their_own_quote(
    conn: psycopg.Connection[Any], decision: str
) -> None:
    quote_rfq_a(conn)
    error = refusal(
        conn, "update public.rfqs set status = %s where id = %s", [decision, ID["rfq_a"]], REP
    )
    assert error.instance_code == "permission_denied"
    assert rfq_status(conn, ID["rfq_a"]) == "quoted"


def test_the_buyer_accepts_a_quote(conn: psycopg.Connection[Any]) -> None:
    quote_rfq_a(conn)
    with transaction_as(conn, BUYER):
        accepted = conn.execute(
            "update public.rfqs set status = 'accepted' where id = %s", [ID["rfq_a"]]
        )
        assert accepted.rowcount == 1
    assert rfq_status(conn, ID["rfq_a"]) == "accepted"
    assert one(conn, "select decided_at = now() from public.rfqs where id = %s", [ID["rfq_a"]])
    assert rfq_events(conn, ID["rfq_a"])[-1] == (
        "status_change",
        "quoted",
        "accepted",
        ID["account_a_member"],
    )


def test_the_buyer_cannot_quote(conn: psycopg.Connection[Any]) -> None:
    error = refusal(
        conn, "update public.rfqs set status = 'quoted' where id = %s", [ID["rfq_a"]], BUYER
    )
    assert error.instance_code == "permission_denied"
    assert rfq_status(conn, ID["rfq_a"]) == "submitted"


def test_a_buyer_cannot_skip_the_quote(conn: psycopg.Connection[Any]) -> None:
    error = refusal(
        conn, "update public.rfqs set status = 'accepted' where id = %s", [ID["rfq_a"]], BUYER
    )
    assert error.instance_code == "illegal_status_transition"


def test_another_accounts_buyer_cannot_touch_the_rfq(conn: psycopg.Connection[Any]) -> None:
    before = one(conn, "select to_jsonb(r) from public.rfqs r where id = %s", [ID["rfq_a"]])
    with transaction_as(conn, OTHER_BUYER):
        assert conn.execute("select 1 from public.rfqs where id = %s", [ID["rfq_a"]]).rowcount == 0
        for statement in (
            "update public.rfqs set notes = 'mine now' where id = %s",
            "update public.rfqs set status = 'quoted' where id = %s",
            "delete from public.rfqs where id = %s",
            "update public.rfq_items set quantity = 1, quoted_price = 1 where rfq_id = %s",
            "delete from public.rfq_items where rfq_id = %s",
        ):
            assert conn.execute(statement, [ID["rfq_a"]]).rowcount == 0, statement
    assert one(conn, "select to_jsonb(r) from public.rfqs r where id = %s", [ID["rfq_a"]]) == before
    items = "select quantity, quoted_price from public.rfq_items where id = %s"
    assert conn.execute(items, [ID["rfq_item_a"]]).fetchone() == (50, None)


def test_another_accounts_rep_cannot_quote_the_rfq(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, user_persona(ID["rep_b"], "rep")):
        for statement in (
            "update public.rfq_items set quoted_price = 1 where rfq_id = %s",
            "update public.rfqs set status = 'quoted' where id = %s",
        ):
            assert conn.execute(statement, [ID["rfq_a"]]).rowcount == 0, statement
    assert rfq_status(conn, ID["rfq_a"]) == "submitted"


@pytest.mark.parametrize(("old", "new"), ILLEGAL_RFQ_MOVES)
def test_an_illegal_rfq_move_is_refused(conn: psycopg.Connection[Any], old: str, new: str) -> None:
    # inserted by the owner (service work may create a request in any status)
    rfq_id = one(
        conn,
        "insert into public.rfqs (account_id, requester_id, status) values (%s, %s, %s)"
        " returning id",
        [ID["account_a"], ID["account_a_member"], old],
    )
    error = refusal(conn, "update public.rfqs set status = %s where id = %s", [new, rfq_id])
    assert isinstance(error, BusinessRuleViolation)
    assert error.instance_code == "illegal_status_transition"
    assert rfq_status(conn, rfq_id) == old
    assert len(rfq_events(conn, rfq_id)) == 1


def test_an_accepted_rfq_is_closed_to_its_buyer(conn: psycopg.Connection[Any]) -> None:
    quote_rfq_a(conn)
    with transaction_as(conn, BUYER):
        conn.execute("update public.rfqs set status = 'accepted' where id = %s", [ID["rfq_a"]])
    for statement in (
        "update public.rfqs set notes = 'second thoughts' where id = %s",
        "update public.rfq_items set quantity = 60 where rfq_id = %s",
    ):
        error = refusal(conn, statement, [ID["rfq_a"]], BUYER)
        assert error.instance_code == "rfq_closed", statement
    row = conn.execute(
        "select r.notes, i.quantity from public.rfqs r join public.rfq_items i on i.rfq_id = r.id"
        " where r.id = %s",
        [ID["rfq_a"]],
    ).fetchone()
    assert row == (None, 50)


def test_a_buyer_cannot_set_a_quoted_price(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, BUYER):
        rfq_id = new_rfq(conn)
        item_id = one(
            conn,
            "insert into public.rfq_items (rfq_id, variant_id, quantity) values (%s, %s, 5)"
            " returning id",
            [rfq_id, ID["variant_active"]],
        )
    for statement in (
        "update public.rfq_items set quoted_price = 1 where id = %s",
        "update public.rfq_items set lead_time_days = 1 where id = %s",
    ):
        error = refusal(conn, statement, [item_id], BUYER)
        assert error.instance_code == "permission_denied", statement
    # and not on insert either (the column isn't granted)
    error = refusal(
        conn,
        "insert into public.rfq_items (rfq_id, variant_id, quantity, quoted_price)"
        " values (%s, %s, 5, 1)",
        [rfq_id, ID["variant_active"]],
        BUYER,
    )
    assert isinstance(error, PermissionDenied)


@pytest.mark.parametrize(
    "statement",
    [
        "update public.rfq_items set quantity = 500 where id = %s",
        "update public.rfq_items set target_price = 10 where id = %s",
        "update public.rfq_items set quantity = 500, quoted_price = 80 where id = %s",
        "delete from public.rfq_items where id = %s",
    ],
)
def test_the_rep_cannot_change_what_was_asked(
    conn: psycopg.Connection[Any], statement: LiteralString
) -> None:
    error = refusal(conn, statement, [ID["rfq_item_a"]], REP)
    assert error.instance_code == "permission_denied"
    row = conn.execute(
        "select quantity, target_price, quoted_price from public.rfq_items where id = %s",
        [ID["rfq_item_a"]],
    ).fetchone()
    assert row == (50, 90, None)


def test_the_rep_cannot_add_lines(conn: psycopg.Connection[Any]) -> None:
    error = refusal(
        conn,
        "insert into public.rfq_items (rfq_id, variant_id, quantity) values (%s, %s, 5)",
        [ID["rfq_a"], ID["variant_active"]],
        REP,
    )
    assert error.instance_code == "permission_denied"


def test_an_account_viewer_cannot_quote(conn: psycopg.Connection[Any]) -> None:
    # Given a viewer of account A (reads its requests; neither buys nor quotes),
    viewer = uuid.uuid4()
    conn.execute(
        "insert into public.users (id, email) values (%s, %s)", [viewer, f"{viewer.hex}@x.test"]
    )
    conn.execute(
        "insert into public.account_members (account_id, user_id, role) values (%s, %s, 'viewer')",
        [ID["account_a"], viewer],
    )
    as_viewer = user_persona(viewer)
    with transaction_as(conn, as_viewer):
        visible = "select count(*) from public.rfq_items where id = %s"
        assert one(conn, visible, [ID["rfq_item_a"]]) == 1
    # when they set a quoted price on the submitted request, then it is refused (by the
    # items' policies, which leave them no row to change, or by the items' guard).
    outcome = rows_changed_or_error(
        conn,
        "update public.rfq_items set quoted_price = 1 where id = %s",
        [ID["rfq_item_a"]],
        as_viewer,
    )
    assert outcome == 0 or (
        isinstance(outcome, PermissionDenied) and outcome.instance_code == "permission_denied"
    ), outcome
    price = "select quoted_price from public.rfq_items where id = %s"
    assert one(conn, price, [ID["rfq_item_a"]]) is None


# ------------------------------------------------------------------------------ audit log
AuditRow = tuple[str, dict[str, Any], dict[str, list[Any]], uuid.UUID | None, str, int]


def audit_rows(conn: psycopg.Connection[Any], table: str, key: dict[str, Any]) -> list[AuditRow]:
    """The audit rows this transaction wrote for one row of ``table``."""
    return [
        (r[0], r[1], r[2], r[3], r[4], r[5])
        for r in conn.execute(
            "select action, row_key, changed, actor_id, actor_role, txid from public.audit_log"
            " where table_name = %s and row_key = %s and txid = txid_current() order by id",
            [table, Jsonb({k: str(v) for k, v in key.items()})],
        )
    ]


def test_an_insert_is_audited_with_the_new_row(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, VENDOR_A):
        offer_id = one(
            conn,
            "insert into public.offers (vendor_id, variant_id, condition, price)"
            " values (%s, %s, 'vnds', 150) returning id",
            [ID["vendor_a"], ID["variant_draft"]],
        )
    txid = one(conn, "select txid_current()")
    [(action, key, changed, actor, role, tx)] = audit_rows(conn, "offers", {"id": offer_id})
    assert (action, key, actor, role, tx) == (
        "insert",
        {"id": str(offer_id)},
        ID["vendor_a_staff"],
        "vendor",
        txid,
    )
    assert changed["price"] == [None, 150]
    assert changed["vendor_id"] == [None, str(ID["vendor_a"])]
    assert changed["condition"] == [None, "vnds"]
    assert all(old is None for old, _ in changed.values())
    assert "updated_at" not in changed


def test_an_update_is_audited_with_only_the_changed_columns(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, VENDOR_A):
        conn.execute(
            "update public.offers set price = 130, status = 'paused', min_order_qty = 1"
            " where id = %s",
            [ID["offer_a"]],
        )
    [(action, key, changed, actor, role, _)] = audit_rows(conn, "offers", {"id": ID["offer_a"]})
    assert (action, key, actor, role) == (
        "update",
        {"id": str(ID["offer_a"])},
        ID["vendor_a_staff"],
        "vendor",
    )
    # min_order_qty was set to what it was: not a change; updated_at is never one
    assert changed == {"price": [120, 130], "status": ["active", "paused"]}


def test_a_delete_is_audited_with_the_old_row(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, VENDOR_A):
        offer_id = one(
            conn,
            "insert into public.offers (vendor_id, variant_id, condition, price)"
            " values (%s, %s, 'vnds', 150) returning id",
            [ID["vendor_a"], ID["variant_draft"]],
        )
        conn.execute("delete from public.offers where id = %s", [offer_id])
    rows = audit_rows(conn, "offers", {"id": offer_id})
    assert [r[0] for r in rows] == ["insert", "delete"]
    _, key, changed, actor, role, _ = rows[1]
    assert (key, actor, role) == ({"id": str(offer_id)}, ID["vendor_a_staff"], "vendor")
    assert changed["price"] == [150, None]
    assert all(new is None for _, new in changed.values())


def test_an_update_that_changes_nothing_is_not_audited(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, VENDOR_A):
        touched = conn.execute(
            "update public.offers set price = price, status = status where id = %s",
            [ID["offer_a"]],
        )
        assert touched.rowcount == 1
    assert audit_rows(conn, "offers", {"id": ID["offer_a"]}) == []


def test_a_composite_key_is_audited_as_a_composite_row_key(conn: psycopg.Connection[Any]) -> None:
    key = {"account_id": ID["account_a"], "user_id": ID["customer_b"]}
    # account A's owner adds a viewer, then makes them a buyer
    with transaction_as(conn, BUYER):
        conn.execute(
            "insert into public.account_members (account_id, user_id, role)"
            " values (%s, %s, 'viewer')",
            [ID["account_a"], ID["customer_b"]],
        )
        conn.execute(
            "update public.account_members set role = 'buyer'"
            " where account_id = %s and user_id = %s",
            [ID["account_a"], ID["customer_b"]],
        )
    rows = audit_rows(conn, "account_members", key)
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        ("insert", {k: str(v) for k, v in key.items()}, ID["account_a_member"], "customer"),
        ("update", {k: str(v) for k, v in key.items()}, ID["account_a_member"], "customer"),
    ]
    assert rows[1][2] == {"role": ["viewer", "buyer"]}


def test_service_work_and_the_owner_are_audited_without_an_actor(
    conn: psycopg.Connection[Any],
) -> None:
    with transaction_as(conn, PERSONAS["service"]):
        conn.execute("update public.offers set price = 121 where id = %s", [ID["offer_a"]])
    conn.execute("update public.offers set price = 122 where id = %s", [ID["offer_a"]])
    session_user = one(conn, "select session_user::text")
    rows = audit_rows(conn, "offers", {"id": ID["offer_a"]})
    assert [(r[2], r[3], r[4]) for r in rows] == [
        ({"price": [120, 121]}, None, "service"),
        ({"price": [121, 122]}, None, session_user),
    ]


# ----------------------------------------------------------------- admin-only columns
def test_a_vendor_owner_edits_their_vendors_contact_email(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, VENDOR_A):
        edited = conn.execute(
            "update public.vendors set contact_email = 'ops@vendor-a.test' where id = %s",
            [ID["vendor_a"]],
        )
        assert edited.rowcount == 1
    email = "select contact_email from public.vendors where id = %s"
    assert one(conn, email, [ID["vendor_a"]]) == "ops@vendor-a.test"


VENDOR_ADMIN_COLUMNS: list[tuple[str, Any]] = [
    ("status", "suspended"),
    ("commission_rate", 0),
    ("is_house", True),
    ("slug", "vendor-a-renamed"),
]


@pytest.mark.parametrize(
    ("column", "value"), VENDOR_ADMIN_COLUMNS, ids=[c for c, _ in VENDOR_ADMIN_COLUMNS]
)
def test_a_vendor_owner_cannot_change_admin_only_columns(
    conn: psycopg.Connection[Any], column: str, value: Any
) -> None:
    statement = sql.SQL("update public.vendors set {} = %s where id = %s").format(
        sql.Identifier(column)
    )
    snapshot = "select to_jsonb(v) - 'updated_at' from public.vendors v where id = %s"
    before = one(conn, snapshot, [ID["vendor_a"]])
    error = refusal(conn, statement, [value, ID["vendor_a"]], VENDOR_A)
    assert isinstance(error, PermissionDenied)
    assert error.instance_code == "permission_denied"
    assert error.detail["column"] == column
    assert one(conn, snapshot, [ID["vendor_a"]]) == before


def test_an_admin_changes_a_vendors_admin_only_columns(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, ADMIN):
        edited = conn.execute(
            "update public.vendors set status = 'suspended', commission_rate = 0.05,"
            " slug = 'vendor-a-renamed', contact_email = 'x@vendor-a.test' where id = %s",
            [ID["vendor_a"]],
        )
        assert edited.rowcount == 1
    row = conn.execute(
        "select status, commission_rate::text, slug from public.vendors where id = %s",
        [ID["vendor_a"]],
    ).fetchone()
    assert row == ("suspended", "0.0500", "vendor-a-renamed")


def test_a_user_edits_their_name_but_not_their_role_or_email(
    conn: psycopg.Connection[Any],
) -> None:
    me = PERSONAS["customer_a"]
    with transaction_as(conn, me):
        renamed = conn.execute(
            "update public.users set full_name = 'Alice A.' where id = %s", [ID["customer_a"]]
        )
        assert renamed.rowcount == 1
    for column, value in (("role", "admin"), ("email", "alice@elsewhere.test")):
        statement = sql.SQL("update public.users set {} = %s where id = %s").format(
            sql.Identifier(column)
        )
        error = refusal(conn, statement, [value, ID["customer_a"]], me)
        assert error.instance_code == "permission_denied", column
        assert error.detail["column"] == column
    row = conn.execute(
        "select full_name, role, email from public.users where id = %s", [ID["customer_a"]]
    ).fetchone()
    assert row == ("Alice A.", "customer", "customer_a@world.test")


def test_an_admin_changes_a_users_name_and_role(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, ADMIN):
        edited = conn.execute(
            "update public.users set full_name = 'Alice Rep', role = 'rep' where id = %s",
            [ID["customer_a"]],
        )
        assert edited.rowcount == 1
    row = conn.execute(
        "select full_name, role from public.users where id = %s", [ID["customer_a"]]
    ).fetchone()
    assert row == ("Alice Rep", "rep")


# -------------------------------------------------------------------- users: self insert
def test_a_new_user_creates_their_own_row_as_a_customer(conn: psycopg.Connection[Any]) -> None:
    newcomer = uuid.uuid4()
    with transaction_as(conn, user_persona(newcomer)):
        conn.execute(
            "insert into public.users (id, email, full_name) values (%s, %s, 'New Comer')",
            [newcomer, f"{newcomer.hex}@x.test"],
        )
        role = one(conn, "select role from public.users where id = %s", [newcomer])
    assert role == "customer"


@pytest.mark.parametrize(
    "values",
    [
        {"role": "admin"},
        {"role": "rep"},
        {"role": "vendor", "vendor_id": ID["vendor_a"], "vendor_role": "owner"},
    ],
    ids=["admin", "rep", "vendor"],
)
def test_a_new_user_cannot_give_themselves_a_role(
    conn: psycopg.Connection[Any], values: dict[str, Any]
) -> None:
    # even when the token's app_metadata claims that role: the database decides
    newcomer = uuid.uuid4()
    row = {"id": newcomer, "email": f"{newcomer.hex}@x.test", **values}
    statement = sql.SQL("insert into public.users ({}) values ({})").format(
        sql.SQL(", ").join(map(sql.Identifier, row)),
        sql.SQL(", ").join(sql.Placeholder() * len(row)),
    )
    error = refusal(conn, statement, list(row.values()), user_persona(newcomer, values["role"]))
    assert error.instance_code == "permission_denied"
    assert one(conn, "select count(*) from public.users where id = %s", [newcomer]) == 0


def test_a_new_user_cannot_create_someone_elses_row(conn: psycopg.Connection[Any]) -> None:
    newcomer, someone = uuid.uuid4(), uuid.uuid4()
    error = refusal(
        conn,
        "insert into public.users (id, email) values (%s, 'someone@x.test')",
        [someone],
        user_persona(newcomer),
    )
    assert isinstance(error, PermissionDenied)


# --------------------------------------------------------------------------- account rep
@pytest.mark.parametrize("persona", [None, ADMIN], ids=["owner", "admin"])
def test_an_accounts_rep_must_be_a_rep(
    conn: psycopg.Connection[Any], persona: Persona | None
) -> None:
    for not_a_rep in ("customer_a", "vendor_a_staff", "admin"):
        error = refusal(
            conn,
            "update public.accounts set rep_id = %s where id = %s",
            [ID[not_a_rep], ID["account_a"]],
            persona,
        )
        assert isinstance(error, InvalidInput)
        assert error.instance_code == "invalid_input"
        assert error.detail["field"] == "rep_id"
    error = refusal(
        conn,
        "insert into public.accounts (name, type, rep_id) values ('New', 'pro', %s)",
        [ID["customer_a"]],
        persona,
    )
    assert error.instance_code == "invalid_input"
    with transaction_as(conn, persona or PERSONAS["service"]):
        conn.execute(
            "update public.accounts set rep_id = %s where id = %s", [ID["rep_b"], ID["account_a"]]
        )
        conn.execute("update public.accounts set rep_id = null where id = %s", [ID["account_b"]])
    assert (
        one(conn, "select rep_id from public.accounts where id = %s", [ID["account_a"]])
        == (ID["rep_b"])
    )


# ---------------------------------------------------------------------------- categories
def category(
    conn: psycopg.Connection[Any], slug: str, parent: uuid.UUID | None = None
) -> uuid.UUID:
    category_id: uuid.UUID = one(
        conn,
        "insert into public.categories (name, slug, parent_id) values (%s, %s, %s) returning id",
        [slug.title(), slug, parent],
    )
    return category_id


def paths(conn: psycopg.Connection[Any], *ids: uuid.UUID) -> list[str]:
    return [one(conn, "select path from public.categories where id = %s", [i]) for i in ids]


@pytest.fixture
def footwear(conn: psycopg.Connection[Any]) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """footwear / runners / trail, and a root whose slug starts like it (footwear-kids)."""
    top = category(conn, "footwear")
    runners = category(conn, "runners", top)
    trail = category(conn, "trail", runners)
    category(conn, "footwear-kids")
    return top, runners, trail


def test_a_category_path_is_its_parents_path_and_its_slug(
    conn: psycopg.Connection[Any], footwear: tuple[uuid.UUID, uuid.UUID, uuid.UUID]
) -> None:
    assert paths(conn, *footwear) == ["footwear", "footwear/runners", "footwear/runners/trail"]


def test_renaming_a_slug_rewrites_the_subtree(
    conn: psycopg.Connection[Any], footwear: tuple[uuid.UUID, uuid.UUID, uuid.UUID]
) -> None:
    conn.execute("update public.categories set slug = 'shoes' where id = %s", [footwear[0]])
    assert paths(conn, *footwear) == ["shoes", "shoes/runners", "shoes/runners/trail"]
    conn.execute("update public.categories set slug = 'running' where id = %s", [footwear[1]])
    assert paths(conn, *footwear) == ["shoes", "shoes/running", "shoes/running/trail"]
    others = "select path from public.categories where slug in ('sneakers', 'footwear-kids')"
    assert sorted(r[0] for r in conn.execute(others)) == ["footwear-kids", "sneakers"]


def test_moving_a_category_rewrites_the_subtree(
    conn: psycopg.Connection[Any], footwear: tuple[uuid.UUID, uuid.UUID, uuid.UUID]
) -> None:
    _, runners, trail = footwear
    move = "update public.categories set parent_id = %s where id = %s"
    conn.execute(move, [ID["category"], runners])
    assert paths(conn, runners, trail) == ["sneakers/runners", "sneakers/runners/trail"]
    conn.execute(move, [None, runners])
    assert paths(conn, runners, trail) == ["runners", "runners/trail"]


def test_a_category_cannot_move_under_itself_or_its_descendants(
    conn: psycopg.Connection[Any], footwear: tuple[uuid.UUID, uuid.UUID, uuid.UUID]
) -> None:
    top, runners, trail = footwear
    for new_parent in (top, runners, trail):
        error = refusal(
            conn, "update public.categories set parent_id = %s where id = %s", [new_parent, top]
        )
        assert isinstance(error, InvalidInput)
        assert error.instance_code == "invalid_input"
    assert paths(conn, *footwear) == ["footwear", "footwear/runners", "footwear/runners/trail"]


# -------------------------------------------------------------------------------- search
def found(conn: psycopg.Connection[Any], query: str) -> set[str]:
    return {
        r[0]
        for r in conn.execute(
            "select slug from public.products where search @@ public.catalog_search_query(%s)",
            [query],
        )
    }


@pytest.mark.parametrize(
    "query", ["DD1391-100", "dd1391 100", "DD1391100", "dd1391-100", "dunk", "Nike dunks", "PANDA"]
)
def test_search_finds_the_dunk_as_shoppers_type_it(
    conn: psycopg.Connection[Any], query: str
) -> None:
    assert "dunk-low-panda" in found(conn, query)


@pytest.mark.parametrize("query", ["adidas", "DD1391-200", "dunk -panda"])
def test_search_does_not_find_the_dunk_for_other_things(
    conn: psycopg.Connection[Any], query: str
) -> None:
    assert "dunk-low-panda" not in found(conn, query)


def test_the_search_document_follows_the_product(conn: psycopg.Connection[Any]) -> None:
    # an admin edits the product (the search trigger runs with the admin's rights)
    with transaction_as(conn, ADMIN):
        edited = conn.execute(
            "update public.products set title = 'Dunk Low Retro', description = 'Suede overlays',"
            " colorway = 'Black/White' where id = %s",
            [ID["product_active"]],
        )
        assert edited.rowcount == 1
    for query in ("retro", "suede", "overlay", "black", "white", "Black/White", "dunk black"):
        assert "dunk-low-panda" in found(conn, query), query
    assert "dunk-low-panda" not in found(conn, "panda")


def test_an_imported_product_is_searchable(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(conn, PERSONAS["service"]):
        conn.execute(
            "insert into public.products (title, slug, brand_id, style_code, colorway, source)"
            " values ('Air Force 1', 'air-force-1', %s, 'CW2288-111', 'White/White', 'kicksdb')",
            [ID["brand"]],
        )
    for query in ("nike air force", "CW2288-111", "cw2288111", "white"):
        assert "air-force-1" in found(conn, query), query


def test_renaming_a_brand_reindexes_its_products(conn: psycopg.Connection[Any]) -> None:
    conn.execute("update public.brands set name = 'Jordan Brand' where id = %s", [ID["brand"]])
    assert {"dunk-low-panda", "unreleased"} <= found(conn, "jordan")
    assert found(conn, "nike") == set()


def test_brand_and_title_rank_above_description(conn: psycopg.Connection[Any]) -> None:
    conn.execute("insert into public.brands (name, slug) values ('Saucony', 'saucony')")
    saucony = one(conn, "select id from public.brands where slug = 'saucony'")
    for slug, title, brand, description in (
        ("waffle-racer", "Waffle Racer", None, None),
        ("jazz-original", "Jazz Original", saucony, None),
        ("plain-runner", "Plain Runner", None, "A waffle sole, like a Saucony"),
    ):
        conn.execute(
            "insert into public.products (title, slug, brand_id, description)"
            " values (%s, %s, %s, %s)",
            [title, slug, brand, description],
        )

    def rank(slug: str, query: str) -> float:
        value: float = one(
            conn,
            "select ts_rank(search, public.catalog_search_query(%s)) from public.products"
            " where slug = %s and search @@ public.catalog_search_query(%s)",
            [query, slug, query],
        )
        return value

    assert rank("waffle-racer", "waffle") > rank("plain-runner", "waffle") > 0
    assert rank("jazz-original", "saucony") > rank("plain-runner", "saucony") > 0


# ------------------------------------------------------------------------ typed specs
def test_a_number_spec_refuses_a_text_value(conn: psycopg.Connection[Any]) -> None:
    error = refusal(
        conn,
        "insert into public.product_specs (product_id, spec_id, value_text)"
        " values (%s, %s, 'lots')",
        [ID["product_draft"], ID["spec"]],
    )
    assert isinstance(error, InvalidInput)
    assert error.instance_code == "invalid_input"
    assert (error.detail["spec"], error.detail["type"]) == ("protein_g", "number")
    error = refusal(
        conn,
        "update public.product_specs set value_number = null, value_text = '20'"
        " where product_id = %s and spec_id = %s",
        [ID["product_active"], ID["spec"]],
    )
    assert error.instance_code == "invalid_input"
    conn.execute(
        "insert into public.product_specs (product_id, spec_id, value_number) values (%s, %s, 21)",
        [ID["product_draft"], ID["spec"]],
    )


def test_an_enum_spec_takes_only_a_listed_value(conn: psycopg.Connection[Any]) -> None:
    spec = one(
        conn,
        "insert into public.spec_definitions (key, label, type, enum_values)"
        " values ('certification', 'Certification', 'enum', '{NSF,USDA}') returning id",
    )
    insert = (
        "insert into public.product_specs (product_id, spec_id, value_text, value_number)"
        " values (%s, %s, %s, %s)"
    )
    for text, number in (("ISO", None), ("nsf", None), (None, 1)):
        error = refusal(conn, insert, [ID["product_draft"], spec, text, number])
        assert error.instance_code == "invalid_input", (text, number)
        assert error.detail["allowed"] == ["NSF", "USDA"]
    conn.execute(insert, [ID["product_draft"], spec, "NSF", None])


def test_a_boolean_spec_refuses_a_number(conn: psycopg.Connection[Any]) -> None:
    spec = one(
        conn,
        "insert into public.spec_definitions (key, label, type)"
        " values ('vegan', 'Vegan', 'boolean') returning id",
    )
    error = refusal(
        conn,
        "insert into public.product_specs (product_id, spec_id, value_number) values (%s, %s, 1)",
        [ID["product_draft"], spec],
    )
    assert error.instance_code == "invalid_input"
