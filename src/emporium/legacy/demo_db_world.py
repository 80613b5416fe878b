"""What the legacy demo tables share: the plan, the shoe catalog, and the ids rows point at.

The catalog is the store's reality: shoes with a style code. About four in five were
imported from KicksDB (they have a ``products`` row); the rest exist only as ``sneakers``
listings. Generators record what later tables refer to in :class:`World` as they yield
rows (users before sneakers and orders, products before order items, dealers before
their prices), so nothing but these small id lists is held in memory.
"""

from __future__ import annotations

import math
import uuid
from array import array
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cached_property
from random import Random

from emporium.errors import InvalidInput
from emporium.legacy.demo_db_words import GENDERS, MESS, ascii_slug, pick
from emporium.seed import vocab
from emporium.seed.vocab import SneakerModel

MAX_SCALE = 1000.0
# Legacy times run from the store's opening to just before the reorganization.
OPENED = datetime(2018, 3, 1, tzinfo=UTC)
FROZEN = datetime(2026, 1, 15, tzinfo=UTC)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Half-size runs (US men's x2) by gender: the sizes a shoe is made in.
RUNS = {"men": (14, 30), "women": (10, 22), "unisex": (12, 28), "kids": (7, 14)}
TITLE_SUFFIX = {"women": " (W)", "kids": " (GS)"}


@dataclass(frozen=True)
class Plan:
    """How many rows of each table a scale asks for (scale 1: ~12,000 rows in all)."""

    users: int
    stores: int
    reps: int
    admins: int
    products: int
    sneakers: int
    orders: int
    dealers: int
    dealer_prices: int

    @classmethod
    def for_scale(cls, scale: float) -> Plan:
        if not (math.isfinite(scale) and 0 < scale <= MAX_SCALE):
            raise InvalidInput(
                f"scale must be a number above 0 and at most {MAX_SCALE:g}, not {scale!r}",
                code="invalid_scale",
            )
        return cls(
            users=max(16, round(300 * scale)),
            stores=max(2, round(12 * scale)),
            reps=max(2, round(5 * scale)),
            admins=max(1, round(3 * scale)),
            products=max(8, round(600 * scale)),
            sneakers=max(30, round(4000 * scale)),
            orders=max(12, round(2000 * scale)),
            dealers=max(4, round(60 * scale)),
            dealer_prices=max(12, round(1200 * scale)),
        )


@dataclass(frozen=True)
class Shoe:
    """One real shoe (one colourway of one model) the store sold."""

    model: SneakerModel
    nick: str
    colors: str
    edition: str
    gender: str
    code: str
    released: date

    @cached_property
    def title(self) -> str:
        brand = "" if self.model.brand == "Jordan" else f"{self.model.brand} "
        name = f"{self.model.model} {self.edition}".strip()
        return f"{brand}{name} '{self.nick}'{TITLE_SUFFIX.get(self.gender, '')}"

    @cached_property
    def title_slug(self) -> str:
        """The title as a path segment (image file names)."""
        return ascii_slug(self.title)

    @cached_property
    def retail(self) -> Decimal:
        return Decimal(self.model.retail) + (10 if self.edition else 0)

    @cached_property
    def slug(self) -> str:
        """KicksDB's slug: brand, model, colours and year."""
        model = self.model
        return ascii_slug(f"{model.brand} {model.model} {self.colors} {self.released.year}")

    def half_sizes(self, rng: Random) -> range:
        """A consecutive run of 6-12 half sizes within the shoe's gender run."""
        low, high = RUNS.get(self.gender, RUNS["men"])
        count = min(high - low + 1, rng.randint(6, 12))
        start = rng.randint(low, high - count + 1)
        return range(start, start + count)

    def resale(self, rng: Random) -> Decimal:
        """What a pair goes for: retail times the model's hype, give or take."""
        factor = self.model.hype * rng.uniform(0.85, 1.3)
        return Decimal(max(40, round(float(self.retail) * factor)))


@dataclass
class World:
    """The catalog and the ids later tables point at, filled as tables are generated."""

    seed: int
    plan: Plan
    shoes: list[Shoe] = field(default_factory=list)  # imported ones first
    imported: int = 0  # shoes[:imported] have a products row
    codes: set[str] = field(default_factory=set)
    users: list[uuid.UUID] = field(default_factory=list)
    customers: list[uuid.UUID] = field(default_factory=list)
    staff: list[uuid.UUID] = field(default_factory=list)  # vendor role and a store_name
    twins: list[uuid.UUID] = field(default_factory=list)  # duplicate-email users
    rep_emails: list[str] = field(default_factory=list)
    products: list[tuple[uuid.UUID, int]] = field(default_factory=list)  # (id, shoe index)
    sneaker_shoes: array[int] = field(default_factory=lambda: array("i"))  # by sneakers.id - 1
    last_order_id: int = 0  # highest id issued (deleted ones included)
    last_item_id: int = 0
    last_dealer_id: int = 0

    def rng(self, table: str) -> Random:
        """The table's own generator: a change to one table's code leaves the others as they are."""
        return Random(f"emporium-legacy-demo:{self.seed}:{table}")  # noqa: S311 - demo data

    def new_id(self, rng: Random) -> uuid.UUID:
        """A uuid (v4 layout) drawn from the table's generator."""
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def when(self, rng: Random, start: datetime = OPENED, end: datetime = FROZEN) -> datetime:
        """A time between start and end, to the second."""
        span = int((end - start).total_seconds())
        return start + timedelta(seconds=rng.randrange(max(1, span)))

    def build_catalog(self) -> None:
        """The shoes: one per product to import (a few get imported twice), a quarter more
        that only ever existed as sneakers listings."""
        rng = self.rng("catalog")
        imported = max(3, round(self.plan.products / (1 + MESS["products.kicksdb_duplicate"])))
        loose = max(2, round(imported * 0.25))
        bases: dict[str, list[str]] = {}
        for _ in range(imported + loose):
            model = rng.choice(vocab.SNEAKER_MODELS)
            nick, colors = rng.choice(vocab.COLORWAYS)
            edition = rng.choice(vocab.EDITIONS)
            self.shoes.append(
                Shoe(
                    model=model,
                    nick=nick,
                    colors=colors,
                    edition="" if edition in model.model.split() else edition,
                    gender=pick(rng, GENDERS),
                    code=self.new_code(rng, bases.setdefault(model.model, [])),
                    released=(FROZEN - timedelta(days=rng.randrange(-90, 4200))).date(),
                )
            )
        self.imported = imported

    def new_code(self, rng: Random, bases: list[str]) -> str:
        """A style code never used before, 'DD1391-100' style; colourways of one model often
        share the six-character base."""
        while True:
            if bases and rng.random() < 0.7:
                base = rng.choice(bases)
            else:
                base = f"{rng.choice(LETTERS)}{rng.choice(LETTERS)}{rng.randrange(1000, 10000)}"
                bases.append(base)
            suffix = rng.choice(vocab.STYLE_SUFFIXES) if rng.random() < 0.7 else None
            code = f"{base}-{suffix or f'{rng.randrange(1000):03d}'}"
            if code not in self.codes:
                self.codes.add(code)
                return code

    def in_order(self, rng: Random, position: int, count: int) -> datetime:
        """When row ``position`` of ``count`` serial rows was written: ids grow with time."""
        step = (FROZEN - OPENED).total_seconds() / (count + 1)
        return OPENED + timedelta(seconds=int(step * position) + rng.randrange(int(step) + 1))

    def popular(self, rng: Random, low: int, high: int) -> int:
        """An index in [low, high), the first ones more often (some shoes sell more)."""
        return low + min(high - low - 1, int((high - low) * rng.random() ** 1.6))

    def any_user(self, rng: Random) -> uuid.UUID:
        return rng.choice(self.users)
