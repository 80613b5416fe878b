"""Inventory operations: each is one call of a stock function, in one statement.

The functions in ``db/sql/inventory/functions.sql`` hold every rule and check the caller's
rights; these wrappers pass typed arguments and shape the answer. They take the
connection first (the transport's unit of work has already set who is calling), never
commit, and let refusals travel up to the unit of work, which turns them into emporium
errors with the function's code (every code: docs/inventory.md).

The exception is :func:`recording_oversell`, which owns its transactions: a refused
reservation's alert must outlive the rollback of the transaction that was refused.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import psycopg
from psycopg.rows import class_row, dict_row
from psycopg.types.json import Jsonb

from emporium.db.session import ConnectionSource, Persona, unit_of_work
from emporium.errors import BusinessRuleViolation, EmporiumError
from emporium.inventory.exceptions import InsufficientStock
from emporium.inventory.schemas import (
    HolderType,
    LedgerDifference,
    Reservation,
    Reserved,
    ReserveLineIn,
)

log = logging.getLogger("emporium.inventory")

Conn = psycopg.Connection[Any]
T = TypeVar("T")

_RESERVATION = (
    "r.id, r.vendor_id, r.location_id, r.variant_id, r.quantity, r.holder_type, r.holder_id,"
    " r.status, r.expires_at, r.idempotency_key, r.created_at, r.updated_at"
)


def _scalar(conn: Conn, query: Any, params: Sequence[Any]) -> Any:
    row = conn.execute(query, params).fetchone()
    assert row is not None  # a scalar function call always yields one row
    return row[0]


# ------------------------------------------------------------ receive, adjust, transfer
def receive(
    conn: Conn,
    *,
    location_id: uuid.UUID,
    variant_id: uuid.UUID,
    quantity: int,
    reason: str | None = None,
    reference: str | None = None,
) -> int:
    """Goods in: a ``receipt`` movement. Returns the movement id."""
    return int(
        _scalar(
            conn,
            "select public.stock_receive(%s, %s, %s, %s, %s)",
            [location_id, variant_id, quantity, reason, reference],
        )
    )


def adjust(
    conn: Conn,
    *,
    location_id: uuid.UUID,
    variant_id: uuid.UUID,
    delta: int,
    reason: str | None,
    reference: str | None = None,
) -> int:
    """A correction with a reason (``reason_required`` without one); it may not take on hand
    below what is reserved (``below_reserved``). Returns the movement id."""
    return int(
        _scalar(
            conn,
            "select public.stock_adjust(%s, %s, %s, %s, %s)",
            [location_id, variant_id, delta, reason, reference],
        )
    )


def transfer(
    conn: Conn,
    *,
    from_location_id: uuid.UUID,
    to_location_id: uuid.UUID,
    variant_id: uuid.UUID,
    quantity: int,
    reason: str | None = None,
) -> uuid.UUID:
    """Move available units between two locations of one vendor, atomically. Returns the
    transfer id, the ``reference`` of its two movements."""
    found: uuid.UUID = _scalar(
        conn,
        "select public.stock_transfer(%s, %s, %s, %s, %s)",
        [from_location_id, to_location_id, variant_id, quantity, reason],
    )
    return found


# ---------------------------------------------------------------------- reservations
def reserve(
    conn: Conn,
    *,
    variant_id: uuid.UUID,
    quantity: int,
    ttl_seconds: int,
    holder_type: HolderType,
    holder_id: uuid.UUID,
    vendor_id: uuid.UUID | None = None,
    location_id: uuid.UUID | None = None,
    idempotency_key: str | None = None,
) -> Reserved:
    """Hold ``quantity`` units for a cart or an order, all or nothing (``insufficient_stock``
    otherwise). One row per location the units come from. A known idempotency key returns
    the rows it made before (``replayed``: they were created by an earlier transaction)."""
    # New rows carry created_at = now(), the start of this transaction; replayed ones are older.
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            f"select {_RESERVATION}, r.created_at < now() as replayed"
            " from public.stock_reserve(%s, %s, %s, %s, %s, %s, %s, %s) r",
            [
                variant_id,
                quantity,
                ttl_seconds,
                holder_type,
                holder_id,
                vendor_id,
                location_id,
                idempotency_key,
            ],
        ).fetchall()
    return Reserved(
        reservations=[Reservation.model_validate(row) for row in rows],
        replayed=any(row["replayed"] for row in rows),
    )


def reserve_lines(
    conn: Conn,
    *,
    lines: Sequence[ReserveLineIn],
    ttl_seconds: int,
    holder_type: HolderType,
    holder_id: uuid.UUID,
    vendor_id: uuid.UUID | None = None,
) -> Reserved:
    """Several variants at once, all or nothing. The database takes the lines in variant id
    order (lines of one variant summed), whatever order they come in: two concurrent
    multi-line reservations lock rows in the same order and so can't deadlock."""
    payload = [{"variant_id": str(line.variant_id), "quantity": line.quantity} for line in lines]
    with conn.cursor(row_factory=class_row(Reservation)) as cur:
        rows = cur.execute(
            f"select {_RESERVATION} from public.stock_reserve_lines(%s, %s, %s, %s, %s) r",
            [Jsonb(payload), ttl_seconds, holder_type, holder_id, vendor_id],
        ).fetchall()
    return Reserved(reservations=rows, replayed=False)


def release(conn: Conn, *, reservation_id: uuid.UUID) -> Reservation:
    """Give an active reservation's units back (its holder, the vendor's staff, service)."""
    with conn.cursor(row_factory=class_row(Reservation)) as cur:
        row = cur.execute(
            f"select {_RESERVATION} from public.stock_release(%s) r", [reservation_id]
        ).fetchone()
    assert row is not None
    return row


def release_holder(conn: Conn, *, holder_type: HolderType, holder_id: uuid.UUID) -> int:
    """Release every active reservation of a cart or an order. Returns how many."""
    return int(
        _scalar(conn, "select public.stock_release_holder(%s, %s)", [holder_type, holder_id])
    )


def commit(conn: Conn, *, reservation_id: uuid.UUID, reference: str | None = None) -> Reservation:
    """The sale (service work: the payment flow): the reservation becomes a ``sale``
    movement."""
    with conn.cursor(row_factory=class_row(Reservation)) as cur:
        row = cur.execute(
            f"select {_RESERVATION} from public.stock_commit(%s, %s) r",
            [reservation_id, reference],
        ).fetchone()
    assert row is not None
    return row


def expire_reservations(conn: Conn, *, batch_size: int = 1000) -> int:
    """Expire every due reservation (service work), giving its units back. Returns how many."""
    return int(_scalar(conn, "select public.stock_expire_reservations(%s)", [batch_size]))


def record_oversell_attempt(
    conn: Conn,
    *,
    variant_id: uuid.UUID,
    requested: int,
    available: int,
    vendor_id: uuid.UUID | None = None,
) -> int:
    """Open an ``oversell_attempt`` alert on each active level of the variant (of the vendor,
    when given). Call it after the refused transaction has rolled back. Returns how many
    alerts were opened (an open one is not opened twice)."""
    return int(
        _scalar(
            conn,
            "select public.stock_record_oversell_attempt(%s, %s, %s, %s)",
            [variant_id, requested, available, vendor_id],
        )
    )


def recording_oversell(source: ConnectionSource, persona: Persona, work: Callable[[Conn], T]) -> T:
    """Run reservation ``work`` in a unit of work of its own, as ``persona``; when the
    database refuses it for insufficient stock, record the attempt, then raise
    :class:`InsufficientStock`.

    Why this takes a connection source and not a connection: the refusal aborts the
    transaction it happens in, and everything written there (an alert included) is rolled
    back with it. A savepoint would not save the alert either, because the transport rolls
    the whole transaction back when the error reaches it. So the attempt is recorded after
    the rollback, in a second short transaction, as service work: what it records comes
    from the database's own refusal, not from the caller. Recording is best effort: if it
    fails, the caller still gets the refusal (and the failure is logged).

    ``work`` is e.g. ``functools.partial(service.reserve, variant_id=..., ...)``.
    """
    try:
        with unit_of_work(source, persona) as conn:
            return work(conn)
    except BusinessRuleViolation as exc:
        if exc.instance_code != InsufficientStock.code:
            raise
        refusal = InsufficientStock.from_error(exc, recorded_alerts=None)
        refusal.__cause__ = exc.__cause__  # the database error, for logs and debuggers
    if refusal.variant_id is not None:
        try:
            with unit_of_work(source, Persona.service()) as conn:
                refusal.recorded_alerts = record_oversell_attempt(
                    conn,
                    variant_id=refusal.variant_id,
                    requested=refusal.requested,
                    available=refusal.available,
                    vendor_id=refusal.vendor_id,
                )
        except EmporiumError as exc:
            log.warning("could not record an oversell attempt (%s): %s", exc.instance_code, exc)
    raise refusal


# -------------------------------------------------------------- ledger, counts, alerts
def check_ledger(conn: Conn, *, vendor_id: uuid.UUID | None = None) -> list[LedgerDifference]:
    """Every level whose stored on_hand or reserved disagrees with the ledger and the active
    reservations; empty when sound. Vendor staff check their vendor's, admins and service
    work everything (or ``vendor_id``'s)."""
    with conn.cursor(row_factory=class_row(LedgerDifference)) as cur:
        return cur.execute(
            "select d.location_id, sl.code as location_code, d.variant_id, v.sku, d.kind,"
            " d.stored, d.expected"
            " from public.stock_check_ledger(%s) d"
            " left join public.stock_locations sl on sl.id = d.location_id"
            " left join public.product_variants v on v.id = d.variant_id"
            " order by d.location_id, d.variant_id, d.kind",
            [vendor_id],
        ).fetchall()


def open_count(conn: Conn, *, location_id: uuid.UUID, note: str | None = None) -> uuid.UUID:
    """Open a cycle count of a location: every level's on_hand is snapshotted as expected."""
    found: uuid.UUID = _scalar(conn, "select public.stock_count_open(%s, %s)", [location_id, note])
    return found


def record_count(conn: Conn, *, count_id: uuid.UUID, variant_id: uuid.UUID, counted: int) -> None:
    """Record what was counted of a variant (again: the last count wins)."""
    conn.execute("select public.stock_count_record(%s, %s, %s)", [count_id, variant_id, counted])


def post_count(conn: Conn, *, count_id: uuid.UUID) -> int:
    """Post an open count: each counted line that differs becomes a ``count_correction``
    movement. Returns how many movements were written."""
    return int(_scalar(conn, "select public.stock_count_post(%s)", [count_id]))


def acknowledge_alert(conn: Conn, *, alert_id: uuid.UUID) -> None:
    """Mark an alert as seen by the caller (it stays open until its condition ends)."""
    conn.execute("select public.stock_alert_acknowledge(%s)", [alert_id])
