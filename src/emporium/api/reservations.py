"""Reservations over HTTP: buyers hold stock for their own cart or order (vendor staff,
admins and service work for any holder), then release it; the payment flow commits it.

Each call runs in one unit of work as the caller; the stock functions decide who may hold
or release what. A reservation refused for lack of stock is recorded as an
``oversell_attempt`` alert in a transaction of its own (see
:func:`emporium.inventory.service.recording_oversell`) and answered 409.
"""

from __future__ import annotations

import uuid
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Header, Response, status

from emporium.api.deps import SignedIn, State
from emporium.api.inventory import REFUSALS, problem_response
from emporium.db.session import unit_of_work
from emporium.errors import InvalidInput, NotFound
from emporium.inventory import queries, service
from emporium.inventory.schemas import (
    HolderType,
    IdempotencyKey,
    ReleasedCount,
    Reservation,
    Reserved,
    ReserveIn,
    ReserveLinesIn,
)

router = APIRouter(prefix="/reservations", tags=["reservations"])


def _one_key(body_key: str | None, header_key: str | None) -> str | None:
    if body_key is not None and header_key is not None and body_key != header_key:
        raise InvalidInput(
            "the Idempotency-Key header and the body's idempotency_key differ",
            code="idempotency_key_mismatch",
        )
    return body_key if body_key is not None else header_key


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Reserved,
    responses={
        **REFUSALS,
        409: problem_response("insufficient_stock, with what was requested and what is available"),
    },
    summary="Hold stock of a variant for your cart or order",
)
def reserve(
    body: ReserveIn,
    persona: SignedIn,
    state: State,
    response: Response,
    idempotency_key: Annotated[
        IdempotencyKey | None,
        Header(alias="Idempotency-Key", description="Same key, same reservation."),
    ] = None,
) -> Reserved:
    """All or nothing. The same idempotency key returns the same reservation
    (`Idempotent-Replayed: true`). Refused for lack of stock: 409 `insufficient_stock`, and
    the attempt is recorded as an `oversell_attempt` alert for the vendors."""
    reserved = service.recording_oversell(
        state.pool,
        persona,
        partial(
            service.reserve,
            variant_id=body.variant_id,
            quantity=body.quantity,
            ttl_seconds=body.ttl_seconds,
            holder_type=body.holder_type,
            holder_id=body.holder_id,
            vendor_id=body.vendor_id,
            location_id=body.location_id,
            idempotency_key=_one_key(body.idempotency_key, idempotency_key),
        ),
    )
    if len(reserved.reservations) == 1:
        response.headers["Location"] = f"/reservations/{reserved.reservations[0].id}"
    if reserved.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return reserved


@router.post(
    "/lines",
    status_code=status.HTTP_201_CREATED,
    response_model=Reserved,
    responses={**REFUSALS, 409: problem_response("insufficient_stock for one of the lines")},
    summary="Hold several variants at once, all or nothing",
)
def reserve_lines(body: ReserveLinesIn, persona: SignedIn, state: State) -> Reserved:
    """Lines are taken in variant order whatever order they come in (no deadlocks between
    concurrent baskets); lines of the same variant are added up."""
    return service.recording_oversell(
        state.pool,
        persona,
        partial(
            service.reserve_lines,
            lines=body.lines,
            ttl_seconds=body.ttl_seconds,
            holder_type=body.holder_type,
            holder_id=body.holder_id,
            vendor_id=body.vendor_id,
        ),
    )


@router.get(
    "/{reservation_id}",
    response_model=Reservation,
    responses={404: problem_response("reservation_not_found")},
    summary="A reservation of yours (or of your vendor)",
)
def get_reservation(reservation_id: uuid.UUID, persona: SignedIn, state: State) -> Reservation:
    with unit_of_work(state.pool, persona) as conn:
        found = queries.get_reservation(conn, reservation_id)
    if found is None:
        raise NotFound(f"no reservation {reservation_id}", code="reservation_not_found")
    return found


@router.delete(
    "/{reservation_id}",
    response_model=Reservation,
    responses={
        **REFUSALS,
        404: problem_response("reservation_not_found"),
        409: problem_response("reservation_not_active: already released, committed or expired"),
    },
    summary="Release a reservation: its units are available again",
)
def release(reservation_id: uuid.UUID, persona: SignedIn, state: State) -> Reservation:
    with unit_of_work(state.pool, persona) as conn:
        return service.release(conn, reservation_id=reservation_id)


@router.delete(
    "",
    response_model=ReleasedCount,
    responses=REFUSALS,
    summary="Release every active reservation of a cart or an order",
)
def release_holder(
    persona: SignedIn,
    state: State,
    holder_type: HolderType,
    holder_id: uuid.UUID,
) -> ReleasedCount:
    with unit_of_work(state.pool, persona) as conn:
        released = service.release_holder(conn, holder_type=holder_type, holder_id=holder_id)
    return ReleasedCount(released=released)
