"""Inventory over HTTP for vendor staff (and admins): levels, receipts, adjustments,
transfers, the ledger, alerts, cycle counts. Buyers' holds are in :mod:`.reservations`.

Thin on purpose: each endpoint opens one unit of work as the caller and calls the
inventory service. Who may do what is decided by the database (row-level security for
what one reads, the stock functions for what one changes), never re-checked here: vendor
staff see and move their vendor's stock only. Refusals become problem+json (codes and
statuses: docs/inventory.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from emporium.api.deps import SignedIn, State
from emporium.db.session import unit_of_work
from emporium.errors import EmporiumError, NotFound
from emporium.inventory import queries, service
from emporium.inventory.schemas import (
    AdjustIn,
    Alert,
    AlertKind,
    AlertState,
    Count,
    CountLine,
    CountLineIn,
    CountOpenIn,
    CountPosted,
    CountStatus,
    CountSummary,
    LedgerCheck,
    Movement,
    MovementKind,
    Page,
    ReceiveIn,
    StockChange,
    StockLevel,
    TransferIn,
    TransferOut,
)

router = APIRouter(prefix="/inventory", tags=["inventory"])

Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="Page size.")]
Cursor = Annotated[
    str | None, Query(max_length=500, description="`next_cursor` of the previous page.")
]


def problem_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/problem+json": {}}}


REFUSALS: dict[int | str, dict[str, Any]] = {
    403: problem_response("permission_denied: not your vendor's location, cart or order"),
    422: problem_response("invalid_input (the body), or the rule the database refused (its code)"),
}


def _write_movement(
    state: State, persona: SignedIn, response: Response, write: Callable[[Any], int]
) -> StockChange:
    """Receipts and adjustments: ``write`` makes one movement in the caller's unit of work,
    whose answer is the movement and its level after it, at ``Location``."""
    with unit_of_work(state.pool, persona) as conn:
        movement_id = write(conn)
        change = _stock_change(conn, movement_id)
    response.headers["Location"] = f"/inventory/movements/{movement_id}"
    return change


def _stock_change(conn: Any, movement_id: int) -> StockChange:
    movement = queries.get_movement(conn, movement_id)
    if movement is None:  # the caller moved stock they may not read: only a broken policy
        raise EmporiumError("the movement just written is not readable", code="internal_error")
    level = queries.get_level(
        conn, location_id=movement.location_id, variant_id=movement.variant_id
    )
    if level is None:
        raise EmporiumError("the level just changed is not readable", code="internal_error")
    return StockChange(movement=movement, level=level)


# ------------------------------------------------------------------- stock levels
@router.get("/levels", response_model=Page[StockLevel], summary="Stock levels")
def list_levels(
    persona: SignedIn,
    state: State,
    location_id: uuid.UUID | None = None,
    variant_id: uuid.UUID | None = None,
    vendor_id: uuid.UUID | None = None,
    sku: Annotated[str | None, Query(max_length=100, description="Part of the SKU.")] = None,
    below_reorder_point: Annotated[
        bool, Query(description="Only levels whose available stock is at or below it.")
    ] = False,
    out_of_stock: Annotated[bool, Query(description="Only levels with nothing available.")] = (
        False
    ),
    limit: Limit = queries.DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[StockLevel]:
    """The caller's vendor's levels (admins: everyone's), ordered by location and variant."""
    with unit_of_work(state.pool, persona) as conn:
        return queries.list_levels(
            conn,
            location_id=location_id,
            variant_id=variant_id,
            vendor_id=vendor_id,
            sku=sku,
            below_reorder_point=below_reorder_point,
            out_of_stock=out_of_stock,
            limit=limit,
            cursor=cursor,
        )


@router.post(
    "/receipts",
    status_code=status.HTTP_201_CREATED,
    response_model=StockChange,
    responses=REFUSALS,
    summary="Receive stock (goods in)",
)
def receive(body: ReceiveIn, persona: SignedIn, state: State, response: Response) -> StockChange:
    return _write_movement(
        state,
        persona,
        response,
        lambda conn: service.receive(
            conn,
            location_id=body.location_id,
            variant_id=body.variant_id,
            quantity=body.quantity,
            reason=body.reason,
            reference=body.reference,
        ),
    )


@router.post(
    "/adjustments",
    status_code=status.HTTP_201_CREATED,
    response_model=StockChange,
    responses={
        **REFUSALS,
        409: problem_response(
            "below_reserved: it would leave fewer units on hand than are reserved"
        ),
    },
    summary="Adjust stock, with a reason",
)
def adjust(body: AdjustIn, persona: SignedIn, state: State, response: Response) -> StockChange:
    return _write_movement(
        state,
        persona,
        response,
        lambda conn: service.adjust(
            conn,
            location_id=body.location_id,
            variant_id=body.variant_id,
            delta=body.delta,
            reason=body.reason,
            reference=body.reference,
        ),
    )


@router.post(
    "/transfers",
    status_code=status.HTTP_201_CREATED,
    response_model=TransferOut,
    responses={**REFUSALS, 409: problem_response("insufficient_stock at the source location")},
    summary="Move stock between two locations of one vendor",
)
def transfer(body: TransferIn, persona: SignedIn, state: State) -> TransferOut:
    with unit_of_work(state.pool, persona) as conn:
        transfer_id = service.transfer(
            conn,
            from_location_id=body.from_location_id,
            to_location_id=body.to_location_id,
            variant_id=body.variant_id,
            quantity=body.quantity,
            reason=body.reason,
        )
        levels = [
            queries.get_level(conn, location_id=location, variant_id=body.variant_id)
            for location in (body.from_location_id, body.to_location_id)
        ]
        movements = queries.movements_by_reference(conn, str(transfer_id))
    return TransferOut(
        transfer_id=transfer_id,
        movements=movements,
        levels=[level for level in levels if level is not None],
    )


# ------------------------------------------------------------------------ movements
@router.get("/movements", response_model=Page[Movement], summary="The ledger, newest first")
def list_movements(
    persona: SignedIn,
    state: State,
    location_id: uuid.UUID | None = None,
    variant_id: uuid.UUID | None = None,
    vendor_id: uuid.UUID | None = None,
    kind: MovementKind | None = None,
    reference: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[Movement]:
    with unit_of_work(state.pool, persona) as conn:
        return queries.list_movements(
            conn,
            location_id=location_id,
            variant_id=variant_id,
            vendor_id=vendor_id,
            kind=kind,
            reference=reference,
            limit=limit,
            cursor=cursor,
        )


@router.get("/movements/{movement_id}", response_model=Movement, summary="One movement")
def get_movement(movement_id: int, persona: SignedIn, state: State) -> Movement:
    with unit_of_work(state.pool, persona) as conn:
        movement = queries.get_movement(conn, movement_id)
    if movement is None:
        raise NotFound(f"no movement {movement_id}", code="movement_not_found")
    return movement


# --------------------------------------------------------------------------- alerts
@router.get("/alerts", response_model=Page[Alert], summary="Stock alerts, newest first")
def list_alerts(
    persona: SignedIn,
    state: State,
    state_: Annotated[
        AlertState, Query(alias="state", description="open (default), resolved or all")
    ] = "open",
    kind: AlertKind | None = None,
    location_id: uuid.UUID | None = None,
    variant_id: uuid.UUID | None = None,
    vendor_id: uuid.UUID | None = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[Alert]:
    with unit_of_work(state.pool, persona) as conn:
        return queries.list_alerts(
            conn,
            state=state_,
            kind=kind,
            location_id=location_id,
            variant_id=variant_id,
            vendor_id=vendor_id,
            limit=limit,
            cursor=cursor,
        )


@router.post(
    "/alerts/{alert_id}/acknowledge",
    response_model=Alert,
    responses={**REFUSALS, 404: problem_response("alert_not_found")},
    summary="Acknowledge an alert (it stays open until its condition ends)",
)
def acknowledge_alert(alert_id: uuid.UUID, persona: SignedIn, state: State) -> Alert:
    with unit_of_work(state.pool, persona) as conn:
        service.acknowledge_alert(conn, alert_id=alert_id)
        alert = queries.get_alert(conn, alert_id)
    if alert is None:
        raise NotFound(f"no alert {alert_id}", code="alert_not_found")
    return alert


# --------------------------------------------------------------------------- counts
@router.get("/counts", response_model=Page[CountSummary], summary="Cycle counts, newest first")
def list_counts(
    persona: SignedIn,
    state: State,
    status_: Annotated[CountStatus | None, Query(alias="status")] = None,
    location_id: uuid.UUID | None = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[CountSummary]:
    with unit_of_work(state.pool, persona) as conn:
        return queries.list_counts(
            conn, status=status_, location_id=location_id, limit=limit, cursor=cursor
        )


@router.post(
    "/counts",
    status_code=status.HTTP_201_CREATED,
    response_model=Count,
    responses=REFUSALS,
    summary="Open a cycle count of a location (snapshots what is on hand)",
)
def open_count(body: CountOpenIn, persona: SignedIn, state: State, response: Response) -> Count:
    with unit_of_work(state.pool, persona) as conn:
        count_id = service.open_count(conn, location_id=body.location_id, note=body.note)
        count = _count(conn, count_id)
    response.headers["Location"] = f"/inventory/counts/{count_id}"
    return count


def _count(conn: Any, count_id: uuid.UUID) -> Count:
    count = queries.get_count(conn, count_id)
    if count is None:
        raise NotFound(f"no stock count {count_id}", code="count_not_found")
    return count


@router.get(
    "/counts/{count_id}",
    response_model=Count,
    responses={404: problem_response("count_not_found")},
    summary="A cycle count with its lines",
)
def get_count(count_id: uuid.UUID, persona: SignedIn, state: State) -> Count:
    with unit_of_work(state.pool, persona) as conn:
        return _count(conn, count_id)


@router.put(
    "/counts/{count_id}/lines/{variant_id}",
    response_model=CountLine,
    responses={
        **REFUSALS,
        404: problem_response("count_not_found"),
        409: problem_response("count_not_open"),
    },
    summary="Record what was counted of a variant",
)
def record_count(
    count_id: uuid.UUID, variant_id: uuid.UUID, body: CountLineIn, persona: SignedIn, state: State
) -> CountLine:
    with unit_of_work(state.pool, persona) as conn:
        service.record_count(conn, count_id=count_id, variant_id=variant_id, counted=body.counted)
        line = queries.get_count_line(conn, count_id=count_id, variant_id=variant_id)
    if line is None:
        raise NotFound(f"no line for {variant_id} in count {count_id}", code="count_not_found")
    return line


@router.post(
    "/counts/{count_id}/post",
    response_model=CountPosted,
    responses={
        **REFUSALS,
        404: problem_response("count_not_found"),
        409: problem_response("count_not_open, or below_reserved"),
    },
    summary="Post a count: each counted difference becomes a count_correction movement",
)
def post_count(count_id: uuid.UUID, persona: SignedIn, state: State) -> CountPosted:
    with unit_of_work(state.pool, persona) as conn:
        corrections = service.post_count(conn, count_id=count_id)
        count = _count(conn, count_id)
    return CountPosted(count=count, corrections=corrections)


# ----------------------------------------------------------------------- the ledger
@router.get(
    "/ledger-check",
    response_model=LedgerCheck,
    summary="Where stored stock disagrees with the ledger (empty when sound)",
)
def ledger_check(
    persona: SignedIn,
    state: State,
    vendor_id: Annotated[
        uuid.UUID | None, Query(description="Admins: one vendor (default: all).")
    ] = None,
) -> LedgerCheck:
    """Vendor staff check their vendor's stock; admins everyone's or one vendor's."""
    with unit_of_work(state.pool, persona) as conn:
        differences = service.check_ledger(conn, vendor_id=vendor_id)
    return LedgerCheck(sound=not differences, differences=differences)
