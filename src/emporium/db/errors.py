"""The one place where database errors become emporium errors.

plpgsql functions raise business refusals as ``raise exception '<code>' using
errcode = 'P0001', detail = '<json>'``: the message is a stable snake_case code and the
detail a JSON object. Everything else maps by SQLSTATE class.
"""

from __future__ import annotations

import json
import re
from typing import Any

import psycopg
from psycopg import errors as pgerr

from emporium.errors import (
    BusinessRuleViolation,
    Conflict,
    DatabaseUnavailable,
    EmporiumError,
    InvalidInput,
    NotFound,
    PermissionDenied,
)

_CODE = re.compile(r"^[a-z][a-z0-9_]{2,62}$")

# Codes raised by our functions that are not "a rule was broken" but another kind.
_CODE_CLASSES: dict[str, type[EmporiumError]] = {
    "not_found": NotFound,
    "permission_denied": PermissionDenied,
    "invalid_input": InvalidInput,
}


def _detail(diag: Any) -> dict[str, Any]:
    raw = getattr(diag, "message_detail", None)
    if not raw:
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        return {"detail": raw}
    return parsed if isinstance(parsed, dict) else {"detail": parsed}


def translate(exc: psycopg.Error) -> EmporiumError:
    """Map a psycopg error to the emporium error a caller should see."""
    diag = exc.diag
    message = diag.message_primary or str(exc).strip()
    detail = _detail(diag)
    sqlstate = exc.sqlstate or ""
    constraint = diag.constraint_name
    if constraint:
        detail.setdefault("constraint", constraint)
    if diag.table_name:
        detail.setdefault("table", diag.table_name)

    if isinstance(exc, pgerr.RaiseException) and _CODE.match(message):
        cls = _CODE_CLASSES.get(message, BusinessRuleViolation)
        human = detail.pop("message", None) or message.replace("_", " ")
        return cls(str(human), code=message, detail=detail)
    if isinstance(exc, psycopg.OperationalError) and not sqlstate:
        return DatabaseUnavailable(f"lost the database connection: {message}")
    if sqlstate.startswith("08") or sqlstate in {"57P01", "57P02", "57P03", "53300"}:
        return DatabaseUnavailable(f"database unavailable: {message}", code="database_unavailable")
    if isinstance(exc, pgerr.InsufficientPrivilege) or sqlstate == "42501":
        return PermissionDenied(message, detail=detail)
    if isinstance(exc, pgerr.UniqueViolation):
        return Conflict(
            f"already exists ({constraint or 'unique key'})", code="unique_violation", detail=detail
        )
    if isinstance(exc, pgerr.ForeignKeyViolation):
        return InvalidInput(
            f"refers to something that does not exist ({constraint})",
            code="foreign_key_violation",
            detail=detail,
        )
    if isinstance(exc, pgerr.CheckViolation):
        return InvalidInput(
            f"violates the rule {constraint}", code="check_violation", detail=detail
        )
    if isinstance(exc, pgerr.NotNullViolation):
        return InvalidInput(
            f"{diag.column_name or 'a required value'} is required",
            code="not_null_violation",
            detail=detail,
        )
    if isinstance(exc, pgerr.SerializationFailure | pgerr.DeadlockDetected):
        return Conflict("concurrent update; retry the operation", code="serialization_failure")
    if isinstance(exc, pgerr.LockNotAvailable):
        return Conflict(f"a lock could not be taken in time: {message}", code="lock_timeout")
    if isinstance(exc, pgerr.QueryCanceled):
        return Conflict(f"the statement was cancelled: {message}", code="statement_timeout")
    if sqlstate.startswith("22"):  # data exceptions: bad text representation, out of range
        return InvalidInput(message, code="invalid_value", detail=detail)
    return EmporiumError(f"database error {sqlstate}: {message}", code="database_error")
