"""The FastAPI app factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from psycopg_pool import ConnectionPool

from emporium import __version__
from emporium.api import auth, health, inventory, problems, reservations
from emporium.api.state import AppState
from emporium.config import AuthMode, Settings
from emporium.db.connect import Database
from emporium.identity.tokens import TokenVerifier
from emporium.inventory.sweeper import ReservationSweeper
from emporium.secrets import jwt_secret

log = logging.getLogger("emporium.api")


def build_state(settings: Settings, database: Database) -> AppState:
    secret = jwt_secret(settings)
    verifier = TokenVerifier(
        audience=settings.jwt_audience,
        secret=secret,
        jwks_url=settings.jwks_url,
    )
    pool = ConnectionPool(
        database.api_dsn,
        min_size=settings.pool_min_size,
        max_size=settings.pool_max_size,
        # No server-side prepared statements: correct behind PgBouncer in transaction mode.
        kwargs={"prepare_threshold": None, "connect_timeout": 10},
        open=False,
        name="emporium-api",
    )
    minting = secret if settings.auth_mode is AuthMode.standalone else None
    return AppState(
        settings=settings, database=database, pool=pool, verifier=verifier, jwt_secret=minting
    )


def create_app(settings: Settings, database: Database) -> FastAPI:
    state = build_state(settings, database)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.pool.open(wait=False)
        sweeper = None
        if settings.reservation_sweep_seconds > 0:
            sweeper = ReservationSweeper(state.pool, interval=settings.reservation_sweep_seconds)
            sweeper.start()
        state.sweeper = sweeper
        try:
            yield
        finally:
            if sweeper is not None:
                sweeper.stop()  # a tick waiting for a connection ends when the pool closes
            state.pool.close()
            if sweeper is not None and not sweeper.join(timeout=30):
                log.warning("the reservation sweeper did not stop within 30s")

    app = FastAPI(
        title="emporium",
        version=__version__,
        description="PostgreSQL-native commerce backend. Errors are RFC 9457 problem+json; "
        "their `type` is `/problems/<code>`.",
        lifespan=lifespan,
    )
    app.state.emporium = state
    problems.install(app)
    app.include_router(health.router)
    app.include_router(auth.router)
    app.include_router(inventory.router)
    app.include_router(reservations.router)
    return app
