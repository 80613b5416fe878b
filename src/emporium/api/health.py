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
            row = conn.execute(
                "select version_num from private.alembic_version"
                " where (select to_regclass('private.alembic_version')) is not null"
            ).fetchone()
    except Exception as exc:  # pool timeout, connection refused, missing role/table...
        return problem(503, "database_unavailable", "Not ready",
                       f"the database does not answer: {str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}")
    current = row[0] if row else None
    if current != head:
        return problem(503, "schema_not_current", "Not ready",
                       f"the database is at migration {current or 'none'}, expected {head}",
                       extra={"current": current, "head": head, "hint": "run `emporium db upgrade`"})
    return JSONResponse({"status": "ready", "migration": current})


_BY_CODE: dict[str, type[EmporiumError]] = {cls.code: cls for cls in ERROR_CLASSES}


@router.get("/problems/{code}", summary="What a problem type means")
def problem_doc(code: str) -> dict[str, Any]:
    cls = _BY_CODE.get(code)
    if cls is None:
        # Specific codes (e.g. token_expired) belong to a family; the family explains them.
        raise NotFound(f"no description for the problem type {code!r}; see /problems")
    return {"code": code, "title": cls.title, "status": cls.http_status,
            "description": (cls.__doc__ or cls.title).strip()}


@router.get("/problems", summary="All problem families")
def problems() -> list[dict[str, Any]]:
    return [{"code": c.code, "title": c.title, "status": c.http_status} for c in ERROR_CLASSES]
