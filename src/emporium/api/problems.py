"""RFC 9457 problem+json: the one place errors become HTTP responses."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from emporium.errors import EmporiumError

log = logging.getLogger("emporium.api")
MEDIA_TYPE = "application/problem+json"


# Specific codes answered with another status than their family's (a business rule is 422):
# 409 when the request is sound but the current state refuses it (it may succeed later or
# after another change), 404 when the thing named in the URL does not exist. The CLI's exit
# codes stay per family.
STATUS_BY_CODE: dict[str, int] = {
    "insufficient_stock": 409,
    "below_reserved": 409,
    "reservation_not_active": 409,
    "reservation_expired": 409,
    "count_not_open": 409,
    "count_posted": 409,
    "reservation_not_found": 404,
    "count_not_found": 404,
    "alert_not_found": 404,
}


def status_of(exc: EmporiumError) -> int:
    """The HTTP status of an error: its code's when it has one here, else its family's."""
    return STATUS_BY_CODE.get(exc.instance_code, exc.http_status)


def problem_type(code: str) -> str:
    return f"/problems/{code}"


def problem(
    status: int,
    code: str,
    title: str,
    detail: str,
    *,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": problem_type(code),
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _from_emporium(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, EmporiumError)
    extra: dict[str, Any] = {"instance": request.url.path}
    if exc.detail:
        extra["errors" if "errors" in exc.detail else "context"] = exc.detail.get(
            "errors", exc.detail
        )
    if exc.hint:
        extra["hint"] = exc.hint
    headers = None
    status = status_of(exc)
    if status == 401:
        # RFC 6750: no error attribute when the request carried no credentials at all.
        challenge = (
            "Bearer" if exc.instance_code == "missing_token" else 'Bearer error="invalid_token"'
        )
        headers = {"WWW-Authenticate": challenge}
    return problem(status, exc.instance_code, exc.title, exc.message, extra=extra, headers=headers)


def _from_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "loc": [str(p) for p in err.get("loc", ())],
            "msg": err.get("msg"),
            "type": err.get("type"),
        }
        for err in exc.errors()
    ]
    return problem(
        422,
        "invalid_input",
        "Invalid input",
        f"{len(errors)} problem(s) with the request",
        extra={"errors": errors, "instance": request.url.path},
    )


def _from_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(
        exc.status_code, f"http_{exc.status_code}"
    )
    return problem(
        exc.status_code,
        code,
        str(exc.detail),
        str(exc.detail),
        extra={"instance": request.url.path},
    )


def _from_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem(
        500, "internal_error", "Internal error", "an unexpected error occurred; it has been logged"
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(EmporiumError, _from_emporium)
    app.add_exception_handler(RequestValidationError, _from_validation)
    app.add_exception_handler(StarletteHTTPException, _from_http)
    app.add_exception_handler(Exception, _from_unexpected)
