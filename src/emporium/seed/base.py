"""What every seeding step shares: the plan, deterministic ids and times, money, the loader.

Determinism: one ``random.Random(seed)`` drives every choice, in a fixed order; ids are
``uuid5(namespace-of-the-seed, "<kind>:<running number>")``; times are offsets from
:data:`BASE_TIME`, never ``now()``.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from random import Random
from typing import Any, LiteralString

import psycopg
from psycopg import sql
from rich.progress import Progress, TaskID

from emporium.errors import InvalidInput
from emporium.seed.existing import Existing

# The seed's own namespace: uuid5(NAMESPACE, "seed:<seed>") is the namespace of one seed.
NAMESPACE = uuid.UUID("3f0f6f0e-5b7c-5d8e-9a41-0c2b7e5d9a10")
# Every seeded time is an offset from here (a fixed date, so reruns produce equal rows).
BASE_TIME = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CENT = Decimal("0.01")
MAX_SCALE = 1000.0


@dataclass(frozen=True)
class Plan:
    """How many of each thing a scale asks for (scale 1: ~1,000 products, ~10,000 variants)."""

    scale: float
    sneakers: int
    supplements: int
    vendors: int  # marketplace vendors besides the house and the wholesale vendor
    customers: int
    accounts: int
    reps: int
    orders: int
    rfqs: int

    @classmethod
    def for_scale(cls, scale: float) -> Plan:
        if not (math.isfinite(scale) and 0 < scale <= MAX_SCALE):
            raise InvalidInput(
                f"scale must be a number above 0 and at most {MAX_SCALE:g}, not {scale!r}",
                code="invalid_scale",
            )
        products = max(20, round(1000 * scale))
        supplements = max(8, round(products * 0.12))
        accounts = max(8, round(40 * scale))
        return cls(
            scale=scale,
            sneakers=products - supplements,
            supplements=supplements,
            vendors=max(4, min(38, round(5 + scale / 4))),
            customers=max(30, round(400 * scale)),
            accounts=accounts,
            reps=max(3, accounts // 40),
            orders=max(48, round(500 * scale)),
            rfqs=max(21, round(60 * scale)),
        )


class Ids:
    """Deterministic uuids: uuid5 of the seed's namespace and '<kind>:<name>'."""

    def __init__(self, seed: int) -> None:
        self.namespace = uuid.uuid5(NAMESPACE, f"seed:{seed}")

    def __call__(self, kind: str, name: object) -> uuid.UUID:
        return uuid.uuid5(self.namespace, f"{kind}:{name}")


def ago(rng: Random, max_days: float, min_days: float = 0.0) -> datetime:
    """A time between max_days and min_days before BASE_TIME (to the second)."""
    low = int(min_days * 86400)
    seconds = rng.randrange(low, max(int(max_days * 86400), low + 1))
    return BASE_TIME - timedelta(seconds=seconds)


def later(rng: Random, at: datetime, max_hours: float, min_hours: float = 0.0) -> datetime:
    """A time between min_hours and max_hours after ``at``."""
    low = int(min_hours * 3600)
    return at + timedelta(seconds=rng.randrange(low, max(int(max_hours * 3600), low + 1)))


def money(value: Decimal | float | int) -> Decimal:
    """Round to cents, half up (what numeric round() does for positive amounts)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def dollars(value: float) -> Decimal:
    """A shelf price: whole dollars."""
    return Decimal(max(1, round(value)))


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def ean13(rng: Random) -> str:
    """A GTIN-13 with a valid check digit."""
    body = f"0{rng.randrange(10**11):011d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


class Loader:
    """The one connection and transaction the seed writes through, with progress per table,
    and what the database already holds that the seed joins (:mod:`emporium.seed.existing`)."""

    def __init__(
        self,
        conn: psycopg.Connection[Any],
        progress: Progress,
        existing: Existing | None = None,
    ) -> None:
        self.conn = conn
        self.progress = progress
        self.existing = existing or Existing()  # what the seed joins (seeding alongside)
        self.tasks: dict[str, TaskID] = {}
        self.counts: Counter[str] = Counter()
        self.streaming: set[str] = set()  # written in many COPYs: finished by done()

    def task(self, name: str, total: float | None = None, *, streaming: bool = False) -> TaskID:
        if streaming:
            self.streaming.add(name)
        if name not in self.tasks:
            self.tasks[name] = self.progress.add_task(name, total=total)
        elif total is not None:
            self.progress.update(self.tasks[name], total=total)
        return self.tasks[name]

    def done(self, name: str) -> None:
        """Mark a table's bar complete (its total is what was written)."""
        task = self.task(name)
        self.progress.update(task, total=self.counts[name], completed=self.counts[name])

    def copy(self, table: str, columns: str, rows: Iterable[Sequence[Any]]) -> int:
        """COPY rows into public.<table> (columns: space-separated names); row triggers
        (search vector, category path, RFQ numbers, history) still run."""
        task = self.task(table)
        stmt = sql.SQL("copy public.{} ({}) from stdin").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns.split()))
        )
        written = 0
        with self.conn.cursor() as cur, cur.copy(stmt) as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
                if written % 10000 == 0:
                    self.progress.advance(task, 10000)
        self.progress.advance(task, written % 10000)
        self.counts[table] += written
        if table not in self.streaming:
            self.done(table)
        return written

    def execute(
        self, query: LiteralString | sql.Composed, params: Sequence[Any] | None = None
    ) -> int:
        with self.conn.cursor() as cur:
            cur.execute(query, params)
            return cur.rowcount

    def walk(self, table: str, paths: dict[uuid.UUID, list[str]]) -> None:
        """Move each row of ``table`` along its status path (the row is at ``path[0]``):
        one UPDATE per step and target status, so the status triggers see legal moves and
        write their history."""
        steps: list[tuple[str, list[uuid.UUID]]] = []
        for step in range(1, max((len(p) for p in paths.values()), default=0)):
            groups: dict[str, list[uuid.UUID]] = {}
            for row_id, path in paths.items():
                if len(path) > step:
                    groups.setdefault(path[step], []).append(row_id)
            steps.extend(sorted(groups.items()))
        task = self.task(f"{table} (status walk)", sum(len(rows) for _, rows in steps))
        query = sql.SQL("update public.{} set status = %s where id = any(%s)").format(
            sql.Identifier(table)
        )
        for status, rows in steps:
            self.execute(query, [status, rows])
            self.progress.advance(task, len(rows))
