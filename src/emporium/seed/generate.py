"""`emporium db seed`: a believable, deterministic demo and benchmark dataset.

:func:`run` fills every domain: a sneaker marketplace (KicksDB-style products sized US 4..15,
marketplace vendors and the house, offers in new/vnds/used_good, stock) and a B2B supplements
store (flavour x pack-size variants, typed specs, tier and contract prices, accounts with
members and reps, RFQs), plus carts, orders in every status with payments, refunds and
shipments, media, documents, cycle counts and integration bookkeeping.

Decisions:

- **Deterministic.** One ``random.Random(seed)`` drives every choice in a fixed order; ids
  are ``uuid5`` of the seed's namespace and a running name; times are offsets from a fixed
  base date (:data:`emporium.seed.base.BASE_TIME`), never ``now()``. The same (scale, seed)
  gives identical rows; a different seed, different ones. Only what triggers stamp with the
  transaction time differs between runs: history and event rows' ``created_at``, the
  ``updated_at`` of walked orders and RFQs, and RFQ numbers (their year is the current one).
- **One transaction.** Everything is written in one transaction: a failure leaves nothing.
- **Refuses to run twice.** A database that already holds the seed (the house vendor
  ``emporium``, or the wholesaler ``peak-nutrition-wholesale``) is refused with
  ``Conflict(code="already_seeded")``; any other database that already has products or a
  house vendor with ``Conflict(code="database_not_empty")``, unless asked to seed
  *alongside* (``emporium db seed --alongside``; ``emporium demo`` does so on the store it
  reorganized from the legacy database): then the seed joins the existing house vendor,
  vendors of its slugs, brands, categories and spec definitions, and adds the rest beside
  them (:mod:`emporium.seed.existing`). Two seeds at once: the second waits on an advisory
  lock, then sees the first one's data.
- **COPY with the triggers on.** Tables are written with ``COPY`` in batches, and row
  triggers still run: the search vector (``private.product_search_document``), category
  paths, spec typing, RFQ numbers, order history and RFQ events are the triggers' own work.
  No ``session_replication_role``.
- **Audit skipped for the bulk load only.** Seeding is not a business change, and at scale
  100 the audit trigger would write millions of rows for the catalog. Inside the
  transaction, ``tg__audit`` is disabled on ``AUDIT_SKIPPED`` (products, product_variants,
  offers, price_list_entries) and re-enabled before commit (ALTER TABLE is transactional:
  a failure re-enables it too). The ALTER locks those tables until commit, which is fine
  for the fresh database seeding is for. Smaller audited tables (vendors, users, accounts,
  orders, payments, RFQs, ...) keep their audit trail.
- **Status machines walked, not bypassed.** Orders and RFQs are inserted in their first
  status and moved along legal transitions, one set-based UPDATE per step and target
  status (a handful of statements), so ``order_status_history`` and ``rfq_events`` hold
  every path, written by the triggers. Order numbers are assigned in ``placed_at`` order
  exactly as ``private.next_document_number`` would, and its counters advanced to match
  (see :mod:`emporium.seed.orders`).
- **Stock is opening balances.** There are no inventory functions yet: each
  ``stock_levels`` row is written directly with one ``opening_balance`` movement of the
  same quantity, so ``on_hand = sum(delta)``; ``reserved`` is 0. Reservations exist only
  as released (cancelled orders) and expired (abandoned carts) holds, which don't count
  against stock; sold orders don't draw stock down (there are no ``sale`` movements).
- **No sign-ins.** ``public.users`` rows get ids of their own and no
  ``private.credentials``; ``emporium demo`` creates its own sign-ins and links them.
"""

from __future__ import annotations

import random
import time
from typing import Any

import psycopg
from psycopg import sql
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from emporium.db.connect import connect
from emporium.db.errors import translate
from emporium.errors import Conflict
from emporium.seed.base import Ids, Loader, Plan
from emporium.seed.carts import seed_cart_holds, seed_carts
from emporium.seed.catalog import CHUNK, COLUMNS, Bulk, Catalog, seed_reference
from emporium.seed.existing import Existing
from emporium.seed.extras import seed_counts, seed_integrations
from emporium.seed.orders import plan_orders, seed_orders
from emporium.seed.people import WHOLESALE_SLUG, People, seed_people
from emporium.seed.pricing import seed_pricing
from emporium.seed.rfq import seed_rfqs
from emporium.seed.sneakers import Sneakers
from emporium.seed.supplements import add_supplement

AUDIT_SKIPPED = ("products", "product_variants", "offers", "price_list_entries")
# The bulk load writes each stock level together with its opening-balance movement (so
# on_hand = sum(delta) by construction, checked by stock_check_ledger in the tests); the
# ledger triggers would apply the movement a second time. Disabled inside the transaction
# like the audit trigger, and re-enabled before commit.
LEDGER_TRIGGERS = (
    ("stock_movements", "tg_stock_movements__apply"),
    ("stock_levels", "tg_stock_levels__ledger_only"),
    ("stock_levels", "tg_stock_levels__alerts_insert"),
    ("stock_levels", "tg_stock_levels__alerts_update"),
    # cycle counts are written as they end up (some already posted, with their lines)
    ("stock_counts", "tg_stock_counts__immutable"),
    ("stock_count_lines", "tg_stock_count_lines__immutable"),
)
HOUSE_SLUG = "emporium"  # the seed's house vendor: its presence means "already seeded"

# The summary lists these first, in this order, then any other public table.
SUMMARY_ORDER = (
    "products",
    "product_variants",
    "offers",
    "stock_levels",
    "stock_movements",
    "brands",
    "categories",
    "product_categories",
    "spec_definitions",
    "product_specs",
    "media_objects",
    "product_images",
    "product_documents",
    "vendors",
    "stock_locations",
    "users",
    "accounts",
    "account_members",
    "account_notes",
    "addresses",
    "price_lists",
    "price_list_entries",
    "account_price_lists",
    "volume_discounts",
    "carts",
    "cart_items",
    "orders",
    "order_items",
    "order_status_history",
    "payments",
    "refunds",
    "shipments",
    "shipment_items",
    "stock_reservations",
    "stock_alerts",
    "stock_counts",
    "stock_count_lines",
    "rfqs",
    "rfq_items",
    "rfq_events",
    "integration_runs",
    "sync_log",
    "external_refs",
    "webhook_receipts",
    "outbox_events",
    "audit_log",
)


def run(dsn: str, *, scale: float, seed: int, console: Console, alongside: bool = False) -> str:
    """Seed the database at ``dsn``; return a one-paragraph summary (counts, elapsed time).

    ``alongside``: the database may hold a store already; the seed joins its house vendor,
    vendors of the same slug, brands, categories and spec definitions
    (:mod:`emporium.seed.existing`) and adds everything else beside it.

    Raises InvalidInput for a scale outside (0, 1000], Conflict when the database already
    holds the seed, or (without ``alongside``) other data (see the module docstring), and the
    translated database error otherwise.
    """
    plan = Plan.for_scale(scale)
    started = time.monotonic()
    try:
        with connect(dsn) as conn, conn.transaction():
            _refuse_if_seeded(conn, alongside=alongside)
            existing = Existing.load(conn) if alongside else Existing()
            _audit(conn, enable=False)
            progress = Progress(
                TextColumn("{task.description:<22}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
            )
            with progress:
                _seed_all(Loader(conn, progress, existing), plan, seed)
            _audit(conn, enable=True)
            counts = _counts(conn)
    except psycopg.errors.UniqueViolation as exc:
        if alongside:
            raise _clash(exc) from exc
        raise translate(exc) from exc
    except psycopg.Error as exc:
        raise translate(exc) from exc
    return _summary(plan, seed, counts, time.monotonic() - started)


def _seed_all(ld: Loader, plan: Plan, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    ids = Ids(seed)
    people = seed_people(ld, rng, ids, plan)
    cat = seed_reference(ld, ids)
    _seed_products(ld, rng, ids, plan, people, cat)
    prices = seed_pricing(ld, rng, ids, people, cat)
    abandoned = seed_carts(ld, rng, ids, people, cat)
    rfq_orders = seed_rfqs(ld, rng, ids, plan, people, cat)
    seed_orders(ld, rng, ids, people, plan_orders(rng, ids, plan, people, cat, prices) + rfq_orders)
    seed_cart_holds(ld, ids, abandoned)
    seed_counts(ld, rng, ids, people, cat)
    created = {"kicksdb": plan.sneakers, "shopify": plan.supplements}
    seed_integrations(ld, rng, ids, people, cat, created)


def _seed_products(
    ld: Loader, rng: random.Random, ids: Ids, plan: Plan, people: People, cat: Catalog
) -> None:
    """The supplements, then the sneakers, flushed by COPY every CHUNK products."""
    bulk = Bulk(ld, rng, ids, plan, people, cat)
    for table in COLUMNS:
        total = plan.sneakers + plan.supplements if table == "products" else None
        ld.task(table, total, streaming=True)
    for n in range(plan.supplements):
        add_supplement(bulk, n)
    bulk.flush()
    sneakers = Sneakers(bulk)
    for n in range(plan.sneakers):
        sneakers.add()
        if (n + 1) % CHUNK == 0:
            bulk.flush()
    bulk.flush()
    for table in COLUMNS:
        ld.done(table)


def _refuse_if_seeded(conn: psycopg.Connection[Any], *, alongside: bool) -> None:
    conn.execute("select pg_advisory_xact_lock(hashtext('emporium.seed'))")
    row = conn.execute(
        "select (select slug from public.vendors"
        "        where (slug = %s and is_house) or slug = %s order by is_house desc limit 1),"
        " exists (select 1 from public.vendors where is_house),"
        " exists (select 1 from public.products)",
        [HOUSE_SLUG, WHOLESALE_SLUG],
    ).fetchone()
    seeded, house, products = row if row else (None, False, False)
    if seeded:
        what = "house vendor" if seeded == HOUSE_SLUG else "wholesale vendor"
        raise Conflict(
            f"the database already holds seed data (the {what} '{seeded}' exists)",
            code="already_seeded",
            hint="seeding adds nothing twice; to start over, seed a fresh database "
            "(another --data-dir or DATABASE_URL, or `emporium db downgrade base` and "
            "`emporium db upgrade`)",
        )
    if (house or products) and not alongside:
        raise Conflict(
            "the database already holds products or a house vendor: seeding is for empty databases",
            code="database_not_empty",
            hint="seed a fresh database (another --data-dir or DATABASE_URL), or add the seed "
            "beside the store with --alongside",
        )


def _clash(exc: psycopg.errors.UniqueViolation) -> Conflict:
    """A row the seed would add is in the store already, and isn't one it joins."""
    key = exc.diag.message_detail or "a key the store already has"
    return Conflict(
        f"seeding alongside stopped: the store already has a row the seed would add "
        f"({exc.diag.table_name}, {exc.diag.constraint_name}: {key.rstrip('.')}); nothing "
        "was written",
        code="seed_clash",
        hint="the seed joins the house vendor, vendors of its slugs, brands, categories and "
        "spec definitions only; seed another database, or another --seed",
        detail={"table": exc.diag.table_name, "constraint": exc.diag.constraint_name},
    )


def _audit(conn: psycopg.Connection[Any], *, enable: bool) -> None:
    verb = sql.SQL("enable" if enable else "disable")
    triggers = [(table, "tg__audit") for table in AUDIT_SKIPPED] + list(LEDGER_TRIGGERS)
    for table, trigger in triggers:
        conn.execute(
            sql.SQL("alter table public.{} {} trigger {}").format(
                sql.Identifier(table), verb, sql.Identifier(trigger)
            )
        )


def _counts(conn: psycopg.Connection[Any]) -> dict[str, int]:
    tables = conn.execute(
        "select tablename from pg_tables where schemaname = 'public' order by tablename"
    ).fetchall()
    counts = {}
    for (table,) in tables:
        row = conn.execute(
            sql.SQL("select count(*) from public.{}").format(sql.Identifier(table))
        ).fetchone()
        counts[str(table)] = int(row[0]) if row else 0
    return counts


def _summary(plan: Plan, seed: int, counts: dict[str, int], elapsed: float) -> str:
    order = [t for t in SUMMARY_ORDER if t in counts] + sorted(set(counts) - set(SUMMARY_ORDER))
    listed = ", ".join(f"{counts[t]:,} {t}" for t in order)
    return (
        f"Seeded scale {plan.scale:g} (seed {seed}) in {elapsed:.1f}s, in one transaction: "
        f"{listed}. The audit trail was skipped for the bulk load of "
        f"{', '.join(AUDIT_SKIPPED)}; stock levels are opening balances (reserved 0)."
    )
