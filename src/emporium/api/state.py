"""What the running app holds: settings, the pool, the token verifier, the sweeper."""

from __future__ import annotations

from dataclasses import dataclass

from psycopg_pool import ConnectionPool

from emporium.config import Settings
from emporium.db.connect import Database
from emporium.identity.tokens import TokenVerifier
from emporium.inventory.sweeper import ReservationSweeper


@dataclass
class AppState:
    settings: Settings
    database: Database
    pool: ConnectionPool
    verifier: TokenVerifier
    jwt_secret: str | None  # set in standalone mode: we mint tokens
    sweeper: ReservationSweeper | None = None  # expires reservations while the app runs
