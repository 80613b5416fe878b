"""The one exception tree of emporium, with a stable code on every error.

    EmporiumError                      code            HTTP  CLI exit
    ├── ConfigError                    config_invalid   500   3
    │   └── DataDirError               data_dir_unusable 500  3
    ├── DatabaseUnavailable            database_unavailable 503 4
    ├── SchemaNotCurrent               schema_not_current 503 5
    ├── InvalidInput                   invalid_input    422   2
    ├── AuthError                      unauthenticated  401   6
    │   (codes: missing_token, invalid_token, token_expired, wrong_audience,
    │    invalid_credentials, refresh_token_reused, auth_mode_unsupported)
    ├── PermissionDenied               permission_denied 403  7
    ├── NotFound                       not_found        404   8
    ├── Conflict                       conflict         409   9
    │   (codes: unique_violation, email_taken, serialization_failure, ...)
    ├── UpstreamUnavailable            upstream_unavailable 503  11
    └── BusinessRuleViolation          the code the database raised (e.g.
                                       insufficient_stock)      422   10

Codes are part of the public contract: the API publishes them as problem+json
``type`` (``/problems/<code>``) and the CLI prints them. Database errors become
these in exactly one place, :func:`emporium.db.errors.translate`.
"""

from __future__ import annotations

from typing import Any, ClassVar


class EmporiumError(Exception):
    """Base of every expected failure: a stable code, a message for people, optional detail."""

    code: ClassVar[str] = "error"
    http_status: ClassVar[int] = 500
    exit_code: ClassVar[int] = 1
    title: ClassVar[str] = "Error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        detail: dict[str, Any] | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.instance_code = code or self.code
        self.detail: dict[str, Any] = detail or {}
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class ConfigError(EmporiumError):
    code = "config_invalid"
    exit_code = 3
    title = "Configuration is invalid"


class DataDirError(ConfigError):
    code = "data_dir_unusable"
    title = "Data directory can't be used"


class DatabaseUnavailable(EmporiumError):
    code = "database_unavailable"
    http_status = 503
    exit_code = 4
    title = "Database unavailable"


class SchemaNotCurrent(EmporiumError):
    code = "schema_not_current"
    http_status = 503
    exit_code = 5
    title = "Database schema is not at the expected migration"


class InvalidInput(EmporiumError):
    code = "invalid_input"
    http_status = 422
    exit_code = 2
    title = "Invalid input"


class AuthError(EmporiumError):
    code = "unauthenticated"
    http_status = 401
    exit_code = 6
    title = "Authentication failed"


class PermissionDenied(EmporiumError):
    code = "permission_denied"
    http_status = 403
    exit_code = 7
    title = "Permission denied"


class NotFound(EmporiumError):
    code = "not_found"
    http_status = 404
    exit_code = 8
    title = "Not found"


class Conflict(EmporiumError):
    code = "conflict"
    http_status = 409
    exit_code = 9
    title = "Conflict"


class UpstreamUnavailable(EmporiumError):
    """A service we depend on (a JWKS endpoint, KicksDB, Shopify) did not answer."""

    code = "upstream_unavailable"
    http_status = 503
    exit_code = 11
    title = "A service we depend on is unavailable"


class BusinessRuleViolation(EmporiumError):
    """A rule the database refused with a named code (``raise exception 'insufficient_stock'``)."""

    code = "business_rule_violation"
    http_status = 422
    exit_code = 10
    title = "Business rule violated"


ERROR_CLASSES: tuple[type[EmporiumError], ...] = (
    EmporiumError,
    ConfigError,
    DataDirError,
    DatabaseUnavailable,
    SchemaNotCurrent,
    InvalidInput,
    AuthError,
    PermissionDenied,
    NotFound,
    Conflict,
    UpstreamUnavailable,
    BusinessRuleViolation,
)
