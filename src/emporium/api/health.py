"""Liveness, readiness and the catalogue of problem types."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from emporium import __version__
from emporium.api.deps import State
from emporium.api.problems import problem
from emporium.db import migrate
from emporium.errors import ERROR_CLASSES, EmporiumError, NotFound

router = APIRouter(tags=["health"])


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@router.get("/health", summary="Liveness: the process answers")
def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


@router.get(
    "/ready",
    summary="Readiness: the database answers and is migrated to head",
    responses={503: {"description": "not ready, with the reason (problem+json)"}},
)
def ready(state: State) -> Any:
    head = migrate.head_revision()
    try:
        with state.pool.connection(timeout=5) as conn:
            # Ask the catalog first: naming a missing or unreadable table fails the statement
            # at parse time (no WHERE can guard it). Before the first migration, or after a
            # downgrade to base (which revokes the API role's access), that is "not migrated".
            readable = conn.execute(
                "select coalesce(bool_and(has_schema_privilege(n.oid, 'usage')"
                " and has_table_privilege(c.oid, 'select')), false)"
                " from pg_catalog.pg_class c"
                " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                " where n.nspname = 'private' and c.relname = 'alembic_version'"
            ).fetchone()
            row = None
            if readable is not None and readable[0]:
                row = conn.execute("select version_num from private.alembic_version").fetchone()
    except Exception as exc:  # pool timeout, connection refused, missing role/table...
        return problem(
            503,
            "database_unavailable",
            "Not ready",
            f"the database does not answer: {_first_line(exc)}",
        )
    current = row[0] if row else None
    if current != head:
        return problem(
            503,
            "schema_not_current",
            "Not ready",
            f"the database is at migration {current or 'none'}, expected {head}",
            extra={"current": current, "head": head, "hint": "run `emporium db upgrade`"},
        )
    return JSONResponse({"status": "ready", "migration": current})


_BY_CODE: dict[str, type[EmporiumError]] = {cls.code: cls for cls in ERROR_CLASSES}


@router.get("/problems/{code}", summary="What a problem type means")
def problem_doc(code: str) -> dict[str, Any]:
    cls = _BY_CODE.get(code)
    if cls is None:
        # Specific codes (e.g. token_expired) belong to a family; the family explains them.
        raise NotFound(f"no description for the problem type {code!r}; see /problems")
    return {
        "code": code,
        "title": cls.title,
        "status": cls.http_status,
        "description": (cls.__doc__ or cls.title).strip(),
    }


@router.get("/problems", summary="All problem families")
def problems() -> list[dict[str, Any]]:
    return [{"code": c.code, "title": c.title, "status": c.http_status} for c in ERROR_CLASSES]
