"""Fixtures for the legacy migrator's tests: fresh legacy demo databases of a test's own,
and migrated ones shared (read-only) by the whole run.

A legacy database is an empty database filled by ``demo_db.create(dsn, scale, seed)``
(scale 1 is about 12k rows). Migrating one runs every phase, the backup's verification
and the emporium migrations included (~5-10 s at the scales used here), so the migrated
databases are made once per (scale, seed) and shared by every test that only reads them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest

from emporium.errors import EmporiumError
from emporium.legacy import demo_db, phases
from tests.conftest import Server
from tests.legacy import support


@dataclass
class LegacyDb:
    """A legacy demo database: its name, DSN, the rows written per table, and a scratch
    directory for reports and backups."""

    name: str
    dsn: str
    counts: dict[str, int]
    scale: float
    seed: int
    tmp: Path

    @property
    def options(self) -> phases.Options:
        return support.options(self.tmp)


@dataclass
class Migrated:
    """A legacy database after ``phases.migrate``: what it returned, or the error it raised
    (kept so that one failing seed fails its own tests with the migrator's message)."""

    db: LegacyDb
    result: dict[str, Any] = field(default_factory=dict)
    error: EmporiumError | None = None
    seconds: float = 0.0

    @property
    def dsn(self) -> str:
        return self.db.dsn

    def connect(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.dsn, autocommit=True)


MakeLegacy = Callable[..., LegacyDb]


def _make(server: Server, tmp: Path, scale: float, seed: int, prepare: str | None) -> LegacyDb:
    name = f"legacy_t_{uuid.uuid4().hex[:10]}"
    dsn = server.create_database(name)
    if prepare:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(prepare)
    counts = demo_db.create(dsn, scale=scale, seed=seed)
    tmp.mkdir(parents=True, exist_ok=True)
    return LegacyDb(name, dsn, counts, scale, seed, tmp)


@pytest.fixture
def make_legacy(server: Server, tmp_path: Path) -> Iterator[MakeLegacy]:
    """``make_legacy(scale=0.3, seed=1, prepare=None)``: a fresh legacy demo database of the
    test's own (``prepare``: SQL run on the empty database first), dropped afterwards."""
    made: list[str] = []

    def make(scale: float = 0.3, seed: int = 1, prepare: str | None = None) -> LegacyDb:
        db = _make(server, tmp_path / f"db{len(made)}", scale, seed, prepare)
        made.append(db.name)
        return db

    yield make
    for name in made:
        server.drop_database(name)


@pytest.fixture(scope="session")
def migrated(
    server: Server, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[float, int], Migrated]]:
    """``migrated(scale, seed)``: a legacy database migrated by ``phases.migrate`` with every
    phase, made once per (scale, seed) for the run. Read it; never change it."""
    import time

    cache: dict[tuple[float, int], Migrated] = {}

    def get(scale: float, seed: int) -> Migrated:
        if (scale, seed) not in cache:
            tmp = tmp_path_factory.mktemp(f"migrated_{seed}")
            db = _make(server, tmp, scale, seed, None)
            m = Migrated(db)
            started = time.monotonic()
            try:
                m.result = phases.migrate(db.dsn, options=db.options)
            except EmporiumError as exc:
                m.error = exc
            m.seconds = time.monotonic() - started
            cache[(scale, seed)] = m
        return cache[(scale, seed)]

    yield get
    for m in cache.values():
        server.drop_database(m.db.name)
