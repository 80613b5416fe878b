"""Pydantic in/out models of the inventory engine.

Inputs forbid unknown fields (a misspelt ``quantiy`` is refused, not ignored) and take
quantities as strict integers (``"5"``, ``5.0`` and ``true`` are refused) within PostgreSQL's
``integer``. The database checks every rule again: these give clear messages early.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator

MAX_INT4 = 2_147_483_647
MAX_TTL_SECONDS = 7 * 86_400  # stock_reserve accepts 1 second to 7 days
DEFAULT_TTL_SECONDS = 900

MovementKind = Literal[
    "receipt",
    "sale",
    "return",
    "adjustment",
    "transfer_out",
    "transfer_in",
    "count_correction",
    "opening_balance",
]
ReservationStatus = Literal["active", "committed", "released", "expired"]
AlertKind = Literal["low_stock", "out_of_stock", "oversell_attempt"]
AlertState = Literal["open", "resolved", "all"]
CountStatus = Literal["open", "posted", "cancelled"]
HolderType = Literal["cart", "order"]

Quantity = Annotated[
    int,
    Field(strict=True, gt=0, le=MAX_INT4, description="A positive whole number of units."),
]
Delta = Annotated[
    int,
    Field(
        strict=True,
        ge=-MAX_INT4,
        le=MAX_INT4,
        description="The signed change of on hand: negative removes units. Never 0.",
    ),
]
Counted = Annotated[
    int, Field(strict=True, ge=0, le=MAX_INT4, description="Units counted: zero or more.")
]
TtlSeconds = Annotated[
    int,
    Field(
        strict=True,
        gt=0,
        le=MAX_TTL_SECONDS,
        description="How long the hold lasts, 1 second to 7 days.",
    ),
]
Reason = Annotated[str, Field(max_length=500)]
Reference = Annotated[str, Field(max_length=200)]
IdempotencyKey = Annotated[str, Field(min_length=1, max_length=200)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# --------------------------------------------------------------------------- inputs
class ReceiveIn(_In):
    location_id: uuid.UUID
    variant_id: uuid.UUID
    quantity: Quantity
    reason: Reason | None = None
    reference: Reference | None = Field(
        default=None, description="What brought the stock: a purchase order, a delivery note."
    )


class AdjustIn(_In):
    location_id: uuid.UUID
    variant_id: uuid.UUID
    delta: Delta
    reason: Reason | None = Field(
        default=None,
        description="Why stock is adjusted. Required: the database refuses an adjustment "
        "without one (reason_required).",
    )
    reference: Reference | None = None

    @field_validator("delta")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError("delta must not be 0: an adjustment changes on hand")
        return value


class TransferIn(_In):
    from_location_id: uuid.UUID
    to_location_id: uuid.UUID
    variant_id: uuid.UUID
    quantity: Quantity
    reason: Reason | None = None


class ReserveIn(_In):
    variant_id: uuid.UUID
    quantity: Quantity
    holder_type: HolderType
    holder_id: uuid.UUID
    vendor_id: uuid.UUID | None = Field(
        default=None, description="Reserve only from this vendor's locations."
    )
    location_id: uuid.UUID | None = Field(
        default=None, description="Reserve only from this location."
    )
    ttl_seconds: TtlSeconds = DEFAULT_TTL_SECONDS
    idempotency_key: IdempotencyKey | None = Field(
        default=None,
        description="The same key returns the same reservation (also the Idempotency-Key "
        "header). Keys are global: use a random one (a UUID).",
    )


class ReserveLineIn(_In):
    variant_id: uuid.UUID
    quantity: Quantity


class ReserveLinesIn(_In):
    lines: list[ReserveLineIn] = Field(min_length=1, max_length=200)
    holder_type: HolderType
    holder_id: uuid.UUID
    vendor_id: uuid.UUID | None = None
    ttl_seconds: TtlSeconds = DEFAULT_TTL_SECONDS


class CountOpenIn(_In):
    location_id: uuid.UUID
    note: Annotated[str, Field(max_length=500)] | None = None


class CountLineIn(_In):
    counted: Counted


# -------------------------------------------------------------------------- outputs
class StockLevel(_Out):
    location_id: uuid.UUID
    location_code: str | None
    vendor_id: uuid.UUID
    variant_id: uuid.UUID
    sku: str | None = Field(description="None when the caller may not see the variant.")
    on_hand: int
    reserved: int
    available: int
    reorder_point: int
    safety_stock: int
    updated_at: datetime


class Movement(_Out):
    id: int
    vendor_id: uuid.UUID
    location_id: uuid.UUID
    variant_id: uuid.UUID
    sku: str | None
    delta: int
    kind: MovementKind
    reason: str | None
    reference: str | None
    actor_id: uuid.UUID | None
    created_at: datetime


class StockChange(_Out):
    """A receipt or an adjustment: the movement written and the level after it."""

    movement: Movement
    level: StockLevel


class TransferOut(_Out):
    transfer_id: uuid.UUID
    movements: list[Movement]
    levels: list[StockLevel]


class Reservation(_Out):
    id: uuid.UUID
    vendor_id: uuid.UUID
    location_id: uuid.UUID
    variant_id: uuid.UUID
    quantity: int
    holder_type: HolderType
    holder_id: uuid.UUID
    status: ReservationStatus
    expires_at: datetime
    idempotency_key: str | None
    created_at: datetime
    updated_at: datetime


class Reserved(_Out):
    """What one reservation request holds: one row per location it was served from."""

    reservations: list[Reservation]
    replayed: bool = Field(
        description="True when the idempotency key had been used: these rows are the "
        "earlier answer, nothing new was reserved."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def quantity(self) -> int:
        return sum(r.quantity for r in self.reservations)


class ReleasedCount(_Out):
    released: int


class Alert(_Out):
    id: uuid.UUID
    vendor_id: uuid.UUID
    location_id: uuid.UUID
    variant_id: uuid.UUID
    sku: str | None
    kind: AlertKind
    detail: dict[str, Any]
    opened_at: datetime
    resolved_at: datetime | None
    acknowledged_by: uuid.UUID | None
    acknowledged_at: datetime | None


class CountLine(_Out):
    variant_id: uuid.UUID
    sku: str | None
    expected: int
    counted: int | None
    counted_by: uuid.UUID | None
    counted_at: datetime | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def difference(self) -> int | None:
        """counted - expected: what posting the count would write (None: not counted)."""
        return None if self.counted is None else self.counted - self.expected


class CountSummary(_Out):
    id: uuid.UUID
    vendor_id: uuid.UUID
    location_id: uuid.UUID
    status: CountStatus
    note: str | None
    opened_by: uuid.UUID | None
    posted_by: uuid.UUID | None
    posted_at: datetime | None
    created_at: datetime


class Count(CountSummary):
    lines: list[CountLine]


class CountPosted(_Out):
    count: Count
    corrections: int = Field(description="How many count_correction movements were written.")


class LedgerDifference(_Out):
    location_id: uuid.UUID
    location_code: str | None
    variant_id: uuid.UUID
    sku: str | None
    kind: Literal["on_hand", "reserved"]
    stored: int
    expected: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def difference(self) -> int:
        return self.stored - self.expected


class LedgerCheck(_Out):
    sound: bool
    differences: list[LedgerDifference]


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a listing; pass ``next_cursor`` as ``cursor`` for the next (None: last)."""

    items: list[T]
    next_cursor: str | None
