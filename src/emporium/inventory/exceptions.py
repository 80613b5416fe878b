"""Typed inventory errors, on top of the families of :mod:`emporium.errors`.

The stock functions refuse with a stable code (``insufficient_stock``, ``reason_required``,
...) that :func:`emporium.db.errors.translate` turns into the family error carrying it (see
docs/inventory.md for every code). Only the refusal callers act on gets a class of its own.
"""

from __future__ import annotations

import uuid
from typing import Any

from emporium.errors import BusinessRuleViolation, EmporiumError


class InsufficientStock(BusinessRuleViolation):
    """Not enough available stock for a reservation; the attempt has been recorded as an
    ``oversell_attempt`` alert (``recorded_alerts`` open alerts, in a transaction of its own).
    """

    code = "insufficient_stock"
    title = "Not enough stock"

    def __init__(
        self,
        message: str,
        *,
        detail: dict[str, Any] | None = None,
        recorded_alerts: int | None = None,
    ) -> None:
        super().__init__(message, code=self.code, detail=detail)
        self.recorded_alerts = recorded_alerts

    @classmethod
    def from_error(cls, error: EmporiumError, *, recorded_alerts: int | None) -> InsufficientStock:
        return cls(error.message, detail=dict(error.detail), recorded_alerts=recorded_alerts)

    @property
    def variant_id(self) -> uuid.UUID | None:
        raw = self.detail.get("variant_id")
        return uuid.UUID(str(raw)) if raw else None

    @property
    def vendor_id(self) -> uuid.UUID | None:
        raw = self.detail.get("vendor_id")
        return uuid.UUID(str(raw)) if raw else None

    @property
    def requested(self) -> int:
        return int(self.detail.get("requested", 0))

    @property
    def available(self) -> int:
        return int(self.detail.get("available", 0))
