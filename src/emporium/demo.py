"""Demo data for `emporium demo`: the seeded store and four sign-ins that see it.

Idempotent: running it again adds nothing. The store is seeded (:mod:`emporium.seed`, scale
``DEMO_SCALE``) while the database holds no products, or once beside the store `emporium
demo` reorganized from the legacy database (every phase done): the seed then joins its house
vendor, vendors of the same slug and brands (:mod:`emporium.seed.existing`) and adds what the
legacy store never had: supplements with specs, tier and volume prices, RFQs, carts,
payments, shipments, cycle counts. Any other store is kept as it is.

The sign-ins are created when missing and linked to the store: each gets its
``public.users`` row (id = the credential's user id, the same role), the vendor is the house
vendor's owner, the rep is the rep of two accounts (ones nobody represents first), and the
customer buys for one of those accounts.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from rich.console import Console

from emporium.db.connect import Database
from emporium.db.session import Persona, transaction_as
from emporium.errors import Conflict
from emporium.identity import service
from emporium.seed import generate

DEMO_PASSWORD = "emporium-demo"  # noqa: S105 - printed on purpose: demo accounts only
DEMO_USERS = (
    ("admin@demo.emporium.test", "admin"),
    ("rep@demo.emporium.test", "rep"),
    ("vendor@demo.emporium.test", "vendor"),
    ("customer@demo.emporium.test", "customer"),
)
DEMO_SCALE = 0.2  # ~200 products, ~2,000 variants: a few seconds
DEMO_SEED = 42
DEMO_NAMES = {
    "admin": "Demo Admin",
    "rep": "Demo Rep",
    "vendor": "Demo Vendor",
    "customer": "Demo Customer",
}


def load_demo_data(db: Database) -> str:
    store = _seed_store(db)
    created = 0
    user_ids: dict[str, UUID] = {}
    with db.connect() as conn, transaction_as(conn, Persona.service()):
        for email, role in DEMO_USERS:
            row = conn.execute(
                "select user_id from private.credentials where email = %s", [email]
            ).fetchone()
            if row is None:
                user_ids[role] = service.signup(
                    conn, email=email, password=DEMO_PASSWORD, app_role=role
                )
                created += 1
            else:
                user_ids[role] = UUID(str(row[0]))
        _link_users(conn, user_ids)
    return (
        f"{len(DEMO_USERS)} sign-ins ({created} new): "
        + ", ".join(e for e, _ in DEMO_USERS)
        + f"; password {DEMO_PASSWORD!r}; {store}"
    )


def _seed_store(db: Database) -> str:
    """Seed an empty store, or the store just reorganized from the legacy database (the seed
    goes alongside what was migrated: :mod:`emporium.seed.existing`). Any other store, and a
    store that holds the seed already, is kept as it is."""
    with db.connect() as conn:
        row = conn.execute("select count(*) from public.products").fetchone()
        reorganized = reorganization_finished(conn)
    products = int(row[0]) if row else 0
    if products and not reorganized:
        return f"store data kept ({products:,} products)"
    try:
        # A console of its own: the CLI shows a spinner on its console meanwhile.
        generate.run(
            db.admin_dsn,
            scale=DEMO_SCALE,
            seed=DEMO_SEED,
            console=Console(quiet=True),
            alongside=bool(products),
        )
    except Conflict as exc:
        if exc.instance_code == "already_seeded":
            return f"store data kept ({products:,} products)"
        return f"store not seeded ({exc.message})"  # e.g. a house vendor but no products
    with db.connect() as conn:
        row = conn.execute(
            "select (select count(*) from public.products),"
            " (select count(*) from public.product_variants),"
            " (select count(*) from public.orders),"
            " (select count(*) from public.rfqs),"
            " (select count(*) from public.accounts)"
        ).fetchone()
    counts = tuple(int(n) for n in row) if row else (0, 0, 0, 0, 0)
    where = "beside the migrated legacy store" if products else "the demo store"
    return (
        f"seeded {where} (scale {DEMO_SCALE:g}); the store now has {counts[0]:,} products, "
        f"{counts[1]:,} variants, {counts[2]:,} orders, {counts[3]:,} RFQs, "
        f"{counts[4]:,} business accounts"
    )


def reorganization_finished(conn: psycopg.Connection[Any]) -> bool:
    """Whether this database was reorganized from the legacy store, every phase done."""
    from emporium.legacy import state

    if not state.reorg_exists(conn):
        return False
    return all(s.status == "done" for s in state.phase_states(conn).values())


def _link_users(conn: psycopg.Connection[Any], ids: dict[str, UUID]) -> None:
    """Give each sign-in its public.users row and its place in the store (once)."""
    row = conn.execute(
        "select id from public.vendors where is_house or status = 'active'"
        " order by is_house desc, slug limit 1"
    ).fetchone()
    vendor_id = row[0] if row else None
    for email, role in DEMO_USERS:
        if role == "vendor" and vendor_id is None:
            continue  # no vendor to work for yet: signs in as a customer until there is one
        conn.execute(
            "insert into public.users (id, email, full_name, role, vendor_id, vendor_role)"
            " values (%s, %s, %s, %s, %s, %s) on conflict (id) do update"
            " set full_name = excluded.full_name, role = excluded.role,"
            "     vendor_id = excluded.vendor_id, vendor_role = excluded.vendor_role",
            [
                ids[role],
                email,
                DEMO_NAMES[role],
                role,
                vendor_id if role == "vendor" else None,
                "owner" if role == "vendor" else None,
            ],
        )
    rep, customer = ids["rep"], ids["customer"]
    # Accounts nobody represents first: a migrated dealer keeps the rep the legacy store gave it.
    conn.execute(
        "update public.accounts set rep_id = %(rep)s where id in ("
        "   select id from public.accounts where status = 'active'"
        "   order by rep_id is null desc, name, id limit 2)"
        " and not exists (select 1 from public.accounts where rep_id = %(rep)s)",
        {"rep": rep},
    )
    conn.execute(
        "insert into public.account_members (account_id, user_id, role)"
        " select a.id, %(customer)s, 'buyer' from public.accounts a"
        " where a.status = 'active'"
        "   and not exists (select 1 from public.account_members where user_id = %(customer)s)"
        " order by a.rep_id is not distinct from %(rep)s desc, a.name, a.id limit 1",
        {"customer": customer, "rep": rep},
    )


# ------------------------------------------------------------------ from the legacy store
LEGACY_SCALE = 1  # ~12,000 legacy rows: the demo migrates them in a few seconds
LEGACY_SEED = 42


def database_state(dsn: str) -> str:
    """'fresh' (nothing in public, no migration), 'reorganizing' (a legacy migration not
    finished), or 'emporium' (migrated, or anything else: leave it to `db upgrade`)."""
    from emporium.db.connect import connect
    from emporium.legacy import state

    with connect(dsn, autocommit=True) as conn:
        if state.reorg_exists(conn):
            return "emporium" if reorganization_finished(conn) else "reorganizing"
        row = conn.execute(
            "select (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            "         where n.nspname = 'public' and c.relkind in ('r', 'p', 'v')),"
            "       to_regclass('private.alembic_version') is not null"
        ).fetchone()
    assert row is not None
    return "fresh" if row[0] == 0 and not row[1] else "emporium"
