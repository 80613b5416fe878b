"""Read models of the inventory: listings with filters and keyset pagination, SQL first.

Every query runs as the caller, so row-level security decides which rows exist for them:
vendor staff see their vendor's stock, admins and service work everything, anyone else
nothing. Pages are keyset (``where (key) > (last key)``), never OFFSET: page 1000 costs what
page 1 costs, and rows inserted meanwhile neither repeat nor vanish. The cursor is opaque
to clients (base64 of the last row's key).
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import psycopg
from psycopg import sql
from psycopg.rows import class_row

from emporium.errors import InvalidInput, NotFound
from emporium.inventory.schemas import (
    Alert,
    AlertKind,
    AlertState,
    Count,
    CountLine,
    CountStatus,
    CountSummary,
    Movement,
    MovementKind,
    Page,
    Reservation,
    StockLevel,
)

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

Conn = psycopg.Connection[Any]
R = TypeVar("R")


# -------------------------------------------------------------------------- cursors
def encode_cursor(*parts: object) -> str:
    raw = "|".join(p.isoformat() if isinstance(p, datetime) else str(p) for p in parts)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(token: str, parsers: Sequence[Callable[[str], Any]]) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        parts = raw.split("|")
        if len(parts) != len(parsers):
            raise ValueError("wrong number of parts")
        return [parse(part) for parse, part in zip(parsers, parts, strict=True)]
    except (ValueError, binascii.Error):
        raise InvalidInput(
            "the cursor is not one this listing gave out; start again without it",
            code="invalid_cursor",
            detail={"cursor": token[:100]},
        ) from None


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(
            f"limit must be 1 to {MAX_LIMIT}", code="invalid_limit", detail={"limit": limit}
        )
    return limit


def _page(rows: list[R], limit: int, key: Callable[[R], tuple[object, ...]]) -> Page[R]:
    """rows holds up to limit + 1 rows: the extra one only says that another page exists."""
    items = rows[:limit]
    more = len(rows) > limit
    return Page(items=items, next_cursor=encode_cursor(*key(items[-1])) if more else None)


def _like(term: str) -> str:
    """A substring pattern for ILIKE with the user's % and _ taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(conditions: list[sql.Composable]) -> sql.Composable:
    return sql.SQL(" and ").join(conditions) if conditions else sql.SQL("true")


@dataclass(frozen=True)
class _Listing(Generic[R]):
    """One keyset-paginated listing: what it selects, as which rows, in which order (the
    cursor condition of each listing continues that order), and the key a cursor holds."""

    select: str
    row: type[R]
    alias: str
    order_by: str
    key: Callable[[R], tuple[object, ...]]

    def filters(
        self, limit: int, equal: dict[str, object]
    ) -> tuple[list[sql.Composable], dict[str, Any]]:
        """The page size, checked first (one row more is fetched, see ``_page``), and
        ``alias.column = value`` for each filter that was given."""
        params: dict[str, Any] = {"limit": _check_limit(limit) + 1}
        conds: list[sql.Composable] = []
        for name, value in equal.items():
            if value is not None:
                conds.append(
                    sql.SQL("{}.{} = {}").format(
                        sql.Identifier(self.alias), sql.Identifier(name), sql.Placeholder(name)
                    )
                )
                params[name] = value
        return conds, params

    def page(
        self, conn: Conn, conds: list[sql.Composable], params: dict[str, Any], limit: int
    ) -> Page[R]:
        query = sql.SQL(
            self.select + " where {} order by " + self.order_by + " limit %(limit)s"
        ).format(_where(conds))
        with conn.cursor(row_factory=class_row(self.row)) as cur:
            rows = cur.execute(query, params).fetchall()
        return _page(rows, limit, self.key)


# --------------------------------------------------------------------------- levels
_LEVELS = """
    select l.location_id, sl.code as location_code, l.vendor_id, l.variant_id, v.sku,
           l.on_hand, l.reserved, l.available, l.reorder_point, l.safety_stock, l.updated_at
    from public.stock_levels l
    left join public.stock_locations sl on sl.id = l.location_id
    left join public.product_variants v on v.id = l.variant_id
"""
_LEVEL_LISTING = _Listing(
    _LEVELS, StockLevel, "l", "l.location_id, l.variant_id", lambda r: (r.location_id, r.variant_id)
)


def list_levels(
    conn: Conn,
    *,
    location_id: uuid.UUID | None = None,
    variant_id: uuid.UUID | None = None,
    vendor_id: uuid.UUID | None = None,
    sku: str | None = None,
    below_reorder_point: bool = False,
    out_of_stock: bool = False,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
) -> Page[StockLevel]:
    """Stock levels ordered by (location_id, variant_id).

    ``sku`` matches a part of the SKU, case-insensitively; ``below_reorder_point`` keeps
    levels whose available stock is at or below their reorder point (the low-stock alert's
    rule, out of stock included); ``out_of_stock`` those with nothing available.
    """
    conds, params = _LEVEL_LISTING.filters(
        limit, {"location_id": location_id, "variant_id": variant_id, "vendor_id": vendor_id}
    )
    if sku:
        conds.append(sql.SQL("v.sku ilike %(sku)s"))
        params["sku"] = _like(sku)
    if below_reorder_point:
        conds.append(sql.SQL("l.available <= l.reorder_point"))
    if out_of_stock:
        conds.append(sql.SQL("l.available <= 0"))
    if cursor:
        after = _decode_cursor(cursor, (uuid.UUID, uuid.UUID))
        conds.append(sql.SQL("(l.location_id, l.variant_id) > (%(after_l)s, %(after_v)s)"))
        params.update(after_l=after[0], after_v=after[1])
    return _LEVEL_LISTING.page(conn, conds, params, limit)


def get_level(conn: Conn, *, location_id: uuid.UUID, variant_id: uuid.UUID) -> StockLevel | None:
    with conn.cursor(row_factory=class_row(StockLevel)) as cur:
        return cur.execute(
            _LEVELS + " where l.location_id = %s and l.variant_id = %s", [location_id, variant_id]
        ).fetchone()


# ------------------------------------------------------------------------ movements
_MOVEMENTS = """
    select m.id, m.vendor_id, m.location_id, m.variant_id, v.sku, m.delta, m.kind, m.reason,
           m.reference, m.actor_id, m.created_at
    from public.stock_movements m
    left join public.product_variants v on v.id = m.variant_id
"""
_MOVEMENT_LISTING = _Listing(_MOVEMENTS, Movement, "m", "m.id desc", lambda r: (r.id,))


def list_movements(
    conn: Conn,
    *,
    location_id: uuid.UUID | None = None,
    variant_id: uuid.UUID | None = None,
    vendor_id: uuid.UUID | None = None,
    kind: MovementKind | None = None,
    reference: str | None = None,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
) -> Page[Movement]:
    """The ledger, newest first (by id, which only grows)."""
    conds, params = _MOVEMENT_LISTING.filters(
        limit,
        {
            "location_id": location_id,
            "variant_id": variant_id,
            "vendor_id": vendor_id,
            "kind": kind,
            "reference": reference,
        },
    )
    if cursor:
        (before,) = _decode_cursor(cursor, (int,))
        conds.append(sql.SQL("m.id < %(before)s"))
        params["before"] = before
    return _MOVEMENT_LISTING.page(conn, conds, params, limit)


def get_movement(conn: Conn, movement_id: int) -> Movement | None:
    with conn.cursor(row_factory=class_row(Movement)) as cur:
        return cur.execute(_MOVEMENTS + " where m.id = %s", [movement_id]).fetchone()


def movements_by_reference(conn: Conn, reference: str) -> list[Movement]:
    with conn.cursor(row_factory=class_row(Movement)) as cur:
        return cur.execute(
            _MOVEMENTS + " where m.reference = %s order by m.id", [reference]
        ).fetchall()


# --------------------------------------------------------------------------- alerts
_ALERTS = """
    select a.id, a.vendor_id, a.location_id, a.variant_id, v.sku, a.kind, a.detail,
           a.opened_at, a.resolved_at, a.acknowledged_by, a.acknowledged_at
    from public.stock_alerts a
    left join public.product_variants v on v.id = a.variant_id
"""
_ALERT_LISTING = _Listing(
    _ALERTS, Alert, "a", "a.opened_at desc, a.id desc", lambda r: (r.opened_at, r.id)
)


def list_alerts(
    conn: Conn,
    *,
    state: AlertState = "open",
    kind: AlertKind | None = None,
    location_id: uuid.UUID | None = None,
    variant_id: uuid.UUID | None = None,
    vendor_id: uuid.UUID | None = None,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
) -> Page[Alert]:
    """Alerts, newest first: open ones (not resolved), resolved ones, or all."""
    conds, params = _ALERT_LISTING.filters(
        limit,
        {
            "kind": kind,
            "location_id": location_id,
            "variant_id": variant_id,
            "vendor_id": vendor_id,
        },
    )
    if state == "open":
        conds.append(sql.SQL("a.resolved_at is null"))
    elif state == "resolved":
        conds.append(sql.SQL("a.resolved_at is not null"))
    if cursor:
        opened, last = _decode_cursor(cursor, (datetime.fromisoformat, uuid.UUID))
        conds.append(sql.SQL("(a.opened_at, a.id) < (%(after_opened)s, %(after_id)s)"))
        params.update(after_opened=opened, after_id=last)
    return _ALERT_LISTING.page(conn, conds, params, limit)


def get_alert(conn: Conn, alert_id: uuid.UUID) -> Alert | None:
    with conn.cursor(row_factory=class_row(Alert)) as cur:
        return cur.execute(_ALERTS + " where a.id = %s", [alert_id]).fetchone()


# --------------------------------------------------------------------------- counts
_COUNTS = """
    select c.id, c.vendor_id, c.location_id, c.status, c.note, c.opened_by, c.posted_by,
           c.posted_at, c.created_at
    from public.stock_counts c
"""
_COUNT_LINES = """
    select cl.variant_id, v.sku, cl.expected, cl.counted, cl.counted_by, cl.counted_at
    from public.stock_count_lines cl
    left join public.product_variants v on v.id = cl.variant_id
"""
_COUNT_LISTING = _Listing(
    _COUNTS, CountSummary, "c", "c.created_at desc, c.id desc", lambda r: (r.created_at, r.id)
)


def list_counts(
    conn: Conn,
    *,
    status: CountStatus | None = None,
    location_id: uuid.UUID | None = None,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
) -> Page[CountSummary]:
    """Cycle counts, newest first."""
    conds, params = _COUNT_LISTING.filters(limit, {"status": status, "location_id": location_id})
    if cursor:
        created, last = _decode_cursor(cursor, (datetime.fromisoformat, uuid.UUID))
        conds.append(sql.SQL("(c.created_at, c.id) < (%(after_created)s, %(after_id)s)"))
        params.update(after_created=created, after_id=last)
    return _COUNT_LISTING.page(conn, conds, params, limit)


def get_count(conn: Conn, count_id: uuid.UUID) -> Count | None:
    """A count with its lines (in variant order), or None when the caller can't see it."""
    with conn.cursor(row_factory=class_row(CountSummary)) as cur:
        head = cur.execute(_COUNTS + " where c.id = %s", [count_id]).fetchone()
    if head is None:
        return None
    with conn.cursor(row_factory=class_row(CountLine)) as cur:
        lines = cur.execute(
            _COUNT_LINES + " where cl.count_id = %s order by cl.variant_id", [count_id]
        ).fetchall()
    return Count(**head.model_dump(), lines=lines)


def get_count_line(conn: Conn, *, count_id: uuid.UUID, variant_id: uuid.UUID) -> CountLine | None:
    with conn.cursor(row_factory=class_row(CountLine)) as cur:
        return cur.execute(
            _COUNT_LINES + " where cl.count_id = %s and cl.variant_id = %s",
            [count_id, variant_id],
        ).fetchone()


# --------------------------------------------------------------------- reservations
def get_reservation(conn: Conn, reservation_id: uuid.UUID) -> Reservation | None:
    with conn.cursor(row_factory=class_row(Reservation)) as cur:
        return cur.execute(
            "select r.id, r.vendor_id, r.location_id, r.variant_id, r.quantity, r.holder_type,"
            " r.holder_id, r.status, r.expires_at, r.idempotency_key, r.created_at, r.updated_at"
            " from public.stock_reservations r where r.id = %s",
            [reservation_id],
        ).fetchone()


# ------------------------------------------------------- names people type (the CLI)
def _as_uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def find_variant(conn: Conn, ref: str) -> uuid.UUID:
    """A variant id from its id or its SKU (exact)."""
    as_id = _as_uuid(ref)
    if as_id is not None:
        return as_id
    row = conn.execute(
        "select v.id from public.product_variants v where v.sku = %s", [ref.strip()]
    ).fetchone()
    if row is None:
        raise NotFound(f"no variant with the SKU {ref!r}", code="unknown_sku", detail={"sku": ref})
    found: uuid.UUID = row[0]
    return found


def find_location(conn: Conn, ref: str) -> uuid.UUID:
    """A location id from its id or its code (codes are unique per vendor, so a code two
    vendors share is refused as ambiguous)."""
    as_id = _as_uuid(ref)
    if as_id is not None:
        return as_id
    rows = conn.execute(
        "select l.id, ve.slug from public.stock_locations l"
        " join public.vendors ve on ve.id = l.vendor_id where l.code = %s order by ve.slug",
        [ref.strip()],
    ).fetchall()
    if not rows:
        raise NotFound(
            f"no stock location with the code {ref!r}",
            code="unknown_location_code",
            detail={"location": ref},
        )
    if len(rows) > 1:
        raise InvalidInput(
            f"{len(rows)} vendors have a location coded {ref!r}: give its id",
            code="ambiguous_location",
            detail={"location": ref, "candidates": {slug: str(i) for i, slug in rows}},
        )
    found: uuid.UUID = rows[0][0]
    return found


def find_vendor(conn: Conn, ref: str) -> uuid.UUID:
    """A vendor id from its id or its slug."""
    as_id = _as_uuid(ref)
    if as_id is not None:
        return as_id
    row = conn.execute("select v.id from public.vendors v where v.slug = %s", [ref]).fetchone()
    if row is None:
        raise NotFound(f"no vendor with the slug {ref!r}", code="unknown_vendor")
    found: uuid.UUID = row[0]
    return found
