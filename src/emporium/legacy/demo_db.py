"""`emporium legacy demo-db`: a believable, deterministic *legacy* store database to reorganize.

:func:`create` builds the seven tables of the legacy contract (the packaged
``schema.sql``, executed in schema ``public``) and fills them like a sneaker store that
grew for eight years without constraints: real-looking brands, models, style codes and
KicksDB payloads, and every kind of mess the contract describes (spellings, NULLs,
duplicates, orphans, unparseable money, dead placeholder images) at the rates in
:data:`emporium.legacy.demo_db_words.MESS`. It is what the reorganization is developed,
tested and demonstrated against.

Where things are: :mod:`~emporium.legacy.demo_db_words` (vocabularies, the ``MESS`` rates,
the spellers), :mod:`~emporium.legacy.demo_db_world` (the plan per scale, the shoe catalog,
the ids tables share), one generator per table in :mod:`~emporium.legacy.demo_db_catalog`
(users, products, sneakers) and :mod:`~emporium.legacy.demo_db_sales` (orders and their
items, dealers, dealer prices); this module writes them.

Decisions:

- **Deterministic.** Each table draws from its own ``random.Random`` seeded with the seed
  and the table's name; ids (uuids too) come from those generators and times are offsets
  from fixed dates, never ``now()``. The same (scale, seed) gives byte-identical tables;
  another seed, other ones.
- **Streamed.** Rows are generated lazily and written with ``COPY``; what later tables
  point at (user ids, product ids, one shoe index per sneaker) is all that is kept, so
  scale 100 (~1.2M rows) runs in flat memory. Orders and their items are written in
  chunks, alternately, because an order's total is the sum of its lines.
- **One transaction, fresh databases only.** A database where any of the seven tables
  exists (``legacy_tables_exist``) or that already is an emporium database
  (``public.vendors``: ``not_a_fresh_database``) is refused before anything is written.
- **Serial ids written explicitly.** ``sneakers``, ``orders``, ``order_items`` and
  ``dealers`` get explicit ids (deleted orders and dealers leave gaps), then their
  sequences are set past the highest id ever issued, as the old application left them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

import psycopg
from psycopg import sql

from emporium.db.connect import connect
from emporium.db.errors import translate
from emporium.errors import Conflict
from emporium.legacy import demo_db_catalog, demo_db_sales, shape
from emporium.legacy.demo_db_world import Plan, World

Progress = Callable[[str, int, int], None]
Row = tuple[Any, ...]

TABLES = ("users", "products", "sneakers", "orders", "order_items", "dealers", "dealer_prices")
CHUNK = 10_000  # orders per COPY round (their items follow each round)
REPORT_EVERY = 2_000  # rows between progress calls


class _Copier:
    """COPY rows into the legacy tables, counting them and reporting progress."""

    def __init__(self, conn: psycopg.Connection[Any], progress: Progress | None, plan: Plan):
        self.conn = conn
        self.progress = progress
        self.counts = dict.fromkeys(TABLES, 0)
        self.columns = {t: [c for c, _ in cols] for t, cols in shape.expected_tables().items()}
        self.expected = {
            "users": plan.users,
            "products": plan.products,
            "sneakers": plan.sneakers,
            "orders": plan.orders,
            "order_items": round(plan.orders * 2.1),
            "dealers": plan.dealers,
            "dealer_prices": plan.dealer_prices,
        }

    def report(self, table: str, *, final: bool = False) -> None:
        if self.progress is not None:
            done = self.counts[table]
            self.progress(table, done, done if final else max(done, self.expected[table]))

    def copy(self, table: str, rows: Iterable[Row]) -> None:
        stmt = sql.SQL("copy public.{} ({}) from stdin").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, self.columns[table]))
        )
        with self.conn.cursor() as cur, cur.copy(stmt) as copy:
            for row in rows:
                copy.write_row(row)
                self.counts[table] += 1
                if self.counts[table] % REPORT_EVERY == 0:
                    self.report(table)
        self.report(table)

    def load(self, world: World) -> None:
        self.copy("users", demo_db_catalog.users(world))
        self.report("users", final=True)
        self.copy("products", demo_db_catalog.products(world))
        self.report("products", final=True)
        self.copy("sneakers", demo_db_catalog.sneakers(world))
        self.report("sneakers", final=True)
        items: list[Row] = []
        orders = demo_db_sales.orders(world, items)
        while chunk := list(islice(orders, CHUNK)):
            self.copy("orders", chunk)
            self.copy("order_items", items)
            items.clear()
        self.report("orders", final=True)
        self.report("order_items", final=True)
        self.copy("dealers", demo_db_sales.dealers(world))
        self.report("dealers", final=True)
        self.copy("dealer_prices", demo_db_sales.dealer_prices(world))
        self.report("dealer_prices", final=True)


def create(
    dsn: str,
    *,
    scale: float = 1,
    seed: int = 42,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Create and fill the legacy tables in ``public`` of the database at ``dsn``.

    Returns the rows written per table. ``progress(table, done, total)`` is called as
    rows are written (``total`` is an estimate until the table's last call). Raises
    InvalidInput for a scale outside (0, 1000], Conflict when the database is not fresh,
    and the translated database error otherwise; nothing is left behind on failure.
    """
    world = World(seed=seed, plan=Plan.for_scale(scale))
    world.build_catalog()
    try:
        with connect(dsn) as conn, conn.transaction():
            # Two runs at once: the second waits, then sees the first one's tables.
            conn.execute("select pg_advisory_xact_lock(hashtext('emporium.legacy.demo_db'))")
            _refuse_unless_fresh(conn)
            conn.execute("set local search_path = public")
            conn.execute(shape.schema_sql())
            copier = _Copier(conn, progress, world.plan)
            copier.load(world)
            _set_sequences(conn, world)
            conn.execute(
                sql.SQL("analyze {}").format(
                    sql.SQL(", ").join(sql.Identifier("public", t) for t in TABLES)
                )
            )
    except psycopg.Error as exc:
        raise translate(exc) from exc
    return dict(copier.counts)


def _refuse_unless_fresh(conn: psycopg.Connection[Any]) -> None:
    found = {
        name
        for (name,) in conn.execute(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = 'public' and c.relname = any(%s)"
            " and c.relkind in ('r', 'p', 'v', 'm', 'f')",
            [[*TABLES, "vendors"]],
        )
    }
    if "vendors" in found:
        raise Conflict(
            "public.vendors exists: this is an emporium database, not a fresh one "
            "for the legacy demo tables",
            code="not_a_fresh_database",
            hint="create an empty database and pass its URL with --database-url",
        )
    if found:
        names = ", ".join(f"public.{t}" for t in TABLES if t in found)
        raise Conflict(
            f"legacy tables already exist: {names}; demo-db only fills a fresh database",
            code="legacy_tables_exist",
            detail={"tables": [t for t in TABLES if t in found]},
            hint="drop them or create an empty database and pass its URL with --database-url",
        )


def _set_sequences(conn: psycopg.Connection[Any], world: World) -> None:
    """Serial sequences continue after the highest id ever issued (deleted ones included)."""
    last = {
        "sneakers": world.plan.sneakers,
        "orders": world.last_order_id,
        "order_items": world.last_item_id,
        "dealers": world.last_dealer_id,
    }
    for table, value in last.items():
        conn.execute(
            "select setval(pg_get_serial_sequence(%s, 'id'), %s, %s)",
            [f"public.{table}", max(value, 1), value > 0],
        )
