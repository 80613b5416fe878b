"""The access matrix: every persona x every public table x {select, insert, update, delete}.

Data-driven: ``VISIBLE`` says which world rows (tests/world.py names) each persona reads in
each table; ``WRITES`` holds one representative insert, update and delete per table and
who may make it. Both are derived from DOMAIN.md ("Who may see and do what") and the policy
files, and a test fails when a public table is missing from either.

Write outcomes: ``ok`` (rows written), ``denied`` (no privilege, a row-level security
refusal, 0 rows affected, or a trigger's permission_denied), ``refused:<code>`` (a business
rule said no, e.g. append_only). Every attempt runs in a transaction that is rolled back, so
the world is the same for every case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import psycopg
import pytest

from emporium.db.session import transaction_as
from emporium.errors import BusinessRuleViolation, PermissionDenied
from tests.conftest import PERSONAS
from tests.world import ID

PERSONA_NAMES: Final = tuple(sorted(PERSONAS))
CLIENTS: Final = tuple(p for p in PERSONA_NAMES if p != "service")
OPS: Final = ("insert", "update", "delete")

Row = tuple[str, ...]
Visible = frozenset[Row] | str
NO_GRANT: Final = "permission denied"  # the role holds no SELECT on the table at all
OK: Final = "ok"
DENIED: Final = "denied"


def rows(*items: str | Row) -> frozenset[Row]:
    return frozenset(i if isinstance(i, tuple) else (i,) for i in items)


NONE: Final[frozenset[Row]] = frozenset()


def seen(
    *, every: frozenset[Row], public: frozenset[Row] | None = None, **by_persona: frozenset[Row]
) -> dict[str, Visible]:
    """Expectations for one table: admin and service see ``every`` row; with ``public``,
    anyone (anon included) sees those; without, anon has no grant and the others see nothing;
    ``by_persona`` overrides."""
    out: dict[str, Visible] = {p: public if public is not None else NONE for p in PERSONA_NAMES}
    if public is None:
        out["anon"] = NO_GRANT
    out["admin"] = out["service"] = every
    out.update(by_persona)
    return out


# --------------------------------------------------------------------------- SELECT
# The columns that name a row; uuids are mapped back to world names. Tables keyed by an
# identity column are named by a stable natural column instead (identity values move).
SELECT_KEYS: Final[Mapping[str, tuple[str, ...]]] = {
    "account_members": ("account_id", "user_id"),
    "account_price_lists": ("account_id", "price_list_id"),
    "product_categories": ("product_id", "category_id"),
    "product_specs": ("product_id", "spec_id"),
    "shipment_items": ("shipment_id", "order_item_id"),
    "stock_count_lines": ("count_id", "variant_id"),
    "stock_levels": ("location_id", "variant_id"),
    "stock_movements": ("reference",),
    "order_status_history": ("order_id",),
    "rfq_events": ("rfq_id",),
    "sync_log": ("external_id",),
    "webhook_receipts": ("event_id",),
    "outbox_events": ("event_type",),
    "audit_log": ("table_name",),
}

ALL_USERS = rows(
    "customer_a",
    "customer_b",
    "vendor_a_staff",
    "vendor_b_staff",
    "account_a_member",
    "account_b_member",
    "rep",
    "rep_b",
    "admin",
)
# the tables whose world rows the audit trigger logged (read by admins only)
AUDITED = rows(
    "vendors",
    "users",
    "accounts",
    "account_members",
    "products",
    "product_variants",
    "offers",
    "stock_locations",
    "stock_counts",
    "orders",
    "payments",
    "refunds",
    "shipments",
    "price_lists",
    "price_list_entries",
    "account_price_lists",
    "volume_discounts",
    "rfqs",
    "rfq_items",
)


def _per_side(
    a: frozenset[Row], b: frozenset[Row], *, customers: bool, accounts: bool, vendors: bool = False
) -> dict[str, frozenset[Row]]:
    """Side a's rows to its customer / account member and rep / vendor staff; side b's to b's."""
    out: dict[str, frozenset[Row]] = {}
    if customers:
        out |= {"customer_a": a, "customer_b": b}
    if accounts:
        out |= {"account_a_member": a, "rep": a, "account_b_member": b}
    if vendors:
        out |= {"vendor_a_staff": a, "vendor_b_staff": b}
    return out


VISIBLE: Final[dict[str, dict[str, Visible]]] = {
    # ---- people and organisations
    "vendors": seen(
        every=rows("vendor_a", "vendor_b", "house", "vendor_pending"),
        public=rows("vendor_a", "vendor_b", "house"),
    ),
    "users": seen(
        every=ALL_USERS,
        customer_a=rows("customer_a"),
        customer_b=rows("customer_b"),
        vendor_a_staff=rows("vendor_a_staff"),
        vendor_b_staff=rows("vendor_b_staff"),
        account_a_member=rows("account_a_member", "rep"),
        account_b_member=rows("account_b_member", "rep_b"),
        rep=rows("rep", "account_a_member"),
    ),
    "accounts": seen(
        every=rows("account_a", "account_b"),
        **_per_side(rows("account_a"), rows("account_b"), customers=False, accounts=True),
    ),
    "account_members": seen(
        every=rows(("account_a", "account_a_member"), ("account_b", "account_b_member")),
        **_per_side(
            rows(("account_a", "account_a_member")),
            rows(("account_b", "account_b_member")),
            customers=False,
            accounts=True,
        ),
    ),
    # internal notes of the rep: members don't see them
    "account_notes": seen(every=rows("note_a", "note_b"), rep=rows("note_a")),
    "addresses": seen(
        every=rows("addr_customer_a", "addr_customer_b", "addr_account_a", "addr_account_b"),
        customer_a=rows("addr_customer_a"),
        customer_b=rows("addr_customer_b"),
        account_a_member=rows("addr_account_a"),
        rep=rows("addr_account_a"),
        account_b_member=rows("addr_account_b"),
    ),
    "audit_log": seen(every=AUDITED),
    # ---- catalog: the active catalog is public; vendor staff also see what they sell
    "brands": seen(every=rows("brand"), public=rows("brand")),
    "categories": seen(every=rows("category"), public=rows("category")),
    "spec_definitions": seen(every=rows("spec"), public=rows("spec")),
    "products": seen(
        every=rows("product_active", "product_draft"),
        public=rows("product_active"),
        vendor_a_staff=rows("product_active", "product_draft"),
    ),
    "product_variants": seen(
        every=rows("variant_active", "variant_draft"),
        public=rows("variant_active"),
        vendor_a_staff=rows("variant_active", "variant_draft"),
    ),
    "product_categories": seen(
        every=rows(("product_active", "category")), public=rows(("product_active", "category"))
    ),
    "product_specs": seen(
        every=rows(("product_active", "spec")), public=rows(("product_active", "spec"))
    ),
    "product_images": seen(every=rows("image"), public=rows("image")),
    "product_documents": seen(every=rows("document"), public=rows("document")),
    # public: active offers of active vendors on listed (active) variants; paused offers,
    # offers of a pending vendor and offers of an unreleased product are the vendor's own
    "offers": seen(
        every=rows("offer_a", "offer_b", "offer_a_paused", "offer_a_draft", "offer_pending_vendor"),
        public=rows("offer_a", "offer_b"),
        vendor_a_staff=rows("offer_a", "offer_b", "offer_a_paused", "offer_a_draft"),
    ),
    "media_objects": seen(
        every=rows("media_store", "media_vendor_a", "media_vendor_b"),
        public=rows("media_store"),
        vendor_a_staff=rows("media_store", "media_vendor_a"),
        vendor_b_staff=rows("media_store", "media_vendor_b"),
    ),
    # ---- inventory: the vendor's own; customers see the holds of their carts and orders
    "stock_locations": seen(
        every=rows("loc_a", "loc_b"), vendor_a_staff=rows("loc_a"), vendor_b_staff=rows("loc_b")
    ),
    "stock_levels": seen(
        every=rows(("loc_a", "variant_active"), ("loc_b", "variant_active")),
        vendor_a_staff=rows(("loc_a", "variant_active")),
        vendor_b_staff=rows(("loc_b", "variant_active")),
    ),
    "stock_movements": seen(
        every=rows("world-a", "world-b"),
        vendor_a_staff=rows("world-a"),
        vendor_b_staff=rows("world-b"),
    ),
    "stock_reservations": seen(
        every=rows("reservation_a", "reservation_b"),
        vendor_a_staff=rows("reservation_a"),
        customer_a=rows("reservation_a"),  # held by customer_a's cart
        vendor_b_staff=rows("reservation_b"),
        customer_b=rows("reservation_b"),  # held by customer_b's order
    ),
    "stock_alerts": seen(
        every=rows("alert_a", "alert_b"),
        vendor_a_staff=rows("alert_a"),
        vendor_b_staff=rows("alert_b"),
    ),
    "stock_counts": seen(
        every=rows("count_a", "count_b"),
        vendor_a_staff=rows("count_a"),
        vendor_b_staff=rows("count_b"),
    ),
    "stock_count_lines": seen(
        every=rows(("count_a", "variant_active"), ("count_b", "variant_active")),
        vendor_a_staff=rows(("count_a", "variant_active")),
        vendor_b_staff=rows(("count_b", "variant_active")),
    ),
    # ---- selling
    "carts": seen(
        every=rows("cart_customer_a", "cart_customer_b", "cart_account_a", "cart_account_b"),
        **_per_side(
            rows("cart_customer_a"), rows("cart_customer_b"), customers=True, accounts=False
        ),
        **_per_side(rows("cart_account_a"), rows("cart_account_b"), customers=False, accounts=True),
    ),
    "cart_items": seen(
        every=rows(
            "cart_item_customer_a",
            "cart_item_customer_b",
            "cart_item_account_a",
            "cart_item_account_b",
        ),
        **_per_side(
            rows("cart_item_customer_a"),
            rows("cart_item_customer_b"),
            customers=True,
            accounts=False,
        ),
        **_per_side(
            rows("cart_item_account_a"), rows("cart_item_account_b"), customers=False, accounts=True
        ),
    ),
    # vendors read orders only through public.vendor_orders
    "orders": seen(
        every=rows("order_customer_a", "order_customer_b", "order_account_a", "order_account_b"),
        **_per_side(
            rows("order_customer_a"), rows("order_customer_b"), customers=True, accounts=False
        ),
        **_per_side(
            rows("order_account_a"), rows("order_account_b"), customers=False, accounts=True
        ),
    ),
    # the buyer sees every item of their order; a vendor only its own items
    "order_items": seen(
        every=rows(
            "order_item_customer_a_a",
            "order_item_customer_a_b",
            "order_item_customer_b_b",
            "order_item_account_a_a",
            "order_item_account_b_b",
        ),
        customer_a=rows("order_item_customer_a_a", "order_item_customer_a_b"),
        customer_b=rows("order_item_customer_b_b"),
        account_a_member=rows("order_item_account_a_a"),
        rep=rows("order_item_account_a_a"),
        account_b_member=rows("order_item_account_b_b"),
        vendor_a_staff=rows("order_item_customer_a_a", "order_item_account_a_a"),
        vendor_b_staff=rows(
            "order_item_customer_a_b", "order_item_customer_b_b", "order_item_account_b_b"
        ),
    ),
    "order_status_history": seen(
        every=rows("order_customer_a", "order_customer_b", "order_account_a", "order_account_b"),
        **_per_side(
            rows("order_customer_a"), rows("order_customer_b"), customers=True, accounts=False
        ),
        **_per_side(
            rows("order_account_a"), rows("order_account_b"), customers=False, accounts=True
        ),
    ),
    "payments": seen(
        every=rows(
            "payment_customer_a", "payment_customer_b", "payment_account_a", "payment_account_b"
        ),
        **_per_side(
            rows("payment_customer_a"), rows("payment_customer_b"), customers=True, accounts=False
        ),
        **_per_side(
            rows("payment_account_a"), rows("payment_account_b"), customers=False, accounts=True
        ),
    ),
    "refunds": seen(every=rows("refund_customer_a"), customer_a=rows("refund_customer_a")),
    "shipments": seen(
        every=rows("shipment_a", "shipment_b"),
        **_per_side(
            rows("shipment_a"), rows("shipment_b"), customers=True, accounts=False, vendors=True
        ),
    ),
    "shipment_items": seen(
        every=rows(
            ("shipment_a", "order_item_customer_a_a"), ("shipment_b", "order_item_customer_b_b")
        ),
        **_per_side(
            rows(("shipment_a", "order_item_customer_a_a")),
            rows(("shipment_b", "order_item_customer_b_b")),
            customers=True,
            accounts=False,
            vendors=True,
        ),
    ),
    # ---- B2B: an account's prices and quotes are its members', its rep's and admins'
    "price_lists": seen(
        every=rows("price_list_a", "price_list_b"),
        **_per_side(rows("price_list_a"), rows("price_list_b"), customers=False, accounts=True),
    ),
    "price_list_entries": seen(
        every=rows("price_entry_a", "price_entry_b"),
        **_per_side(rows("price_entry_a"), rows("price_entry_b"), customers=False, accounts=True),
    ),
    "account_price_lists": seen(
        every=rows(("account_a", "price_list_a"), ("account_b", "price_list_b")),
        **_per_side(
            rows(("account_a", "price_list_a")),
            rows(("account_b", "price_list_b")),
            customers=False,
            accounts=True,
        ),
    ),
    # store-wide volume breaks: shown to members of any account and to reps
    "volume_discounts": seen(
        every=rows("volume_discount"),
        account_a_member=rows("volume_discount"),
        account_b_member=rows("volume_discount"),
        rep=rows("volume_discount"),
    ),
    "rfqs": seen(
        every=rows("rfq_a", "rfq_b"),
        **_per_side(rows("rfq_a"), rows("rfq_b"), customers=False, accounts=True),
    ),
    "rfq_items": seen(
        every=rows("rfq_item_a", "rfq_item_b"),
        **_per_side(rows("rfq_item_a"), rows("rfq_item_b"), customers=False, accounts=True),
    ),
    "rfq_events": seen(
        every=rows("rfq_a", "rfq_b"),
        **_per_side(rows("rfq_a"), rows("rfq_b"), customers=False, accounts=True),
    ),
    # ---- integration bookkeeping: admins read it
    "integration_runs": seen(every=rows("run")),
    "sync_log": seen(every=rows("k1")),
    "external_refs": seen(every=rows("external_ref")),
    "webhook_receipts": seen(every=rows("evt-1")),
    "outbox_events": seen(every=rows("order.placed")),
}


def world_names() -> dict[str, str]:
    """uuid text -> world name, for every id the seeded world used."""
    return {str(value): name for name, value in ID.items()}


def visible(conn: psycopg.Connection[Any], persona: str, table: str) -> Visible:
    """The rows of ``table`` that ``persona`` reads, named; NO_GRANT when it may not read it."""
    key = ", ".join(f"{c}::text" for c in SELECT_KEYS.get(table, ("id",)))
    with conn.transaction(force_rollback=True):
        try:
            with transaction_as(conn, PERSONAS[persona]):
                found = conn.execute(f"select distinct {key} from public.{table}").fetchall()
        except PermissionDenied:
            return NO_GRANT
    names = world_names()
    return frozenset(tuple(names.get(v, v) for v in r) for r in found)


def select_mismatches(conn: psycopg.Connection[Any], tables: list[str] | None = None) -> list[str]:
    """Every (table, persona) whose visible rows differ from VISIBLE, described."""
    out = []
    for table in tables or sorted(VISIBLE):
        for persona in PERSONA_NAMES:
            expected = VISIBLE[table][persona]
            got = visible(conn, persona, table)
            if got != expected:
                out.append(f"SELECT {table} as {persona}: expected {expected}, got {got}")
    return out


# --------------------------------------------------------------------------- writes
_NAME = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def sql_for(template: str) -> str:
    """``{name}`` becomes the world row's uuid literal (names not yet used get a fresh one)."""
    return _NAME.sub(lambda m: f"'{ID[m.group(1)]}'::uuid", template)


@dataclass(frozen=True)
class Attempt:
    """One write, and who may make it. ``service`` bypasses RLS and is always allowed
    unless ``refused`` names the rule that stops it."""

    sql: str
    allowed: frozenset[str] = frozenset()
    refused: Mapping[str, str] = field(default_factory=dict)
    # Run as the owner first (the row to delete, a draft, ...), in the same transaction: so
    # it must not run the triggers whose function grants the attempt itself should prove.
    setup: tuple[str, ...] = ()

    def expected(self, persona: str) -> str:
        if persona in self.refused:
            return f"refused:{self.refused[persona]}"
        if persona == "service" or persona in self.allowed:
            return OK
        return DENIED


def may(*personas: str) -> frozenset[str]:
    return frozenset(personas)


def attempt(conn: psycopg.Connection[Any], persona: str, a: Attempt) -> str:
    """Run ``a`` as ``persona`` in a transaction that is rolled back; return the outcome."""
    with conn.transaction(force_rollback=True):
        for statement in a.setup:
            conn.execute(sql_for(statement))
        try:
            with transaction_as(conn, PERSONAS[persona]):
                affected = conn.execute(sql_for(a.sql)).rowcount
        except PermissionDenied:
            return DENIED
        except BusinessRuleViolation as exc:
            return f"refused:{exc.instance_code}"
    return OK if affected > 0 else DENIED


APPEND_ONLY: Final = {"service": "append_only"}

_NEW_RFQ = (
    "insert into public.rfqs (id, account_id, requester_id)"
    " values ({rfq_tmp}, {account_a}, {account_a_member})"
)
_NEW_RFQ_ITEM = (
    "insert into public.rfq_items (id, rfq_id, variant_id, quantity)"
    " values ({rfq_item_tmp}, {rfq_tmp}, {variant_active}, 5)"
)
_VIEWER_CUSTOMER_A = (
    "insert into public.account_members (account_id, user_id, role)"
    " values ({account_a}, {customer_a}, 'viewer')"
)

WRITES: Final[dict[str, dict[str, Attempt]]] = {
    # ---- people and organisations
    "vendors": {
        "insert": Attempt(
            "insert into public.vendors (id, name, slug)"
            " values ({vendor_new}, 'New', 'vendor-new')",
            may("admin"),
        ),
        # a vendor's managers edit its profile (world staff are owners)
        "update": Attempt(
            "update public.vendors set name = 'Vendor A Renamed' where id = {vendor_a}",
            may("vendor_a_staff", "admin"),
        ),
        "delete": Attempt(
            "delete from public.vendors where id = {vendor_tmp}",
            may("admin"),
            setup=(
                "insert into public.vendors (id, name, slug) values ({vendor_tmp}, 'Tmp', 'tmp')",
            ),
        ),
    },
    "users": {
        "insert": Attempt(
            "insert into public.users (id, email, full_name)"
            " values ({user_new}, 'user-new@world.test', 'New')",
            may("admin"),
        ),
        "update": Attempt(
            "update public.users set full_name = 'Customer A' where id = {customer_a}",
            may("customer_a", "admin"),
        ),
        "delete": Attempt(
            "delete from public.users where id = {user_tmp}",
            may("admin"),
            setup=("insert into public.users (id, email) values ({user_tmp}, 'tmp@world.test')",),
        ),
    },
    "accounts": {
        "insert": Attempt(
            "insert into public.accounts (id, name, type) values ({account_new}, 'New', 'pro')",
            may("admin"),
        ),
        "update": Attempt(
            "update public.accounts set name = 'Account A Renamed' where id = {account_a}",
            may("admin"),
        ),
        "delete": Attempt(
            "delete from public.accounts where id = {account_tmp}",
            may("admin"),
            setup=(
                "insert into public.accounts (id, name, type) values ({account_tmp}, 'Tmp', 'pro')",
            ),
        ),
    },
    # the account's owners manage its members
    "account_members": {
        "insert": Attempt(_VIEWER_CUSTOMER_A, may("account_a_member", "admin")),
        "update": Attempt(
            "update public.account_members set role = 'buyer'"
            " where account_id = {account_a} and user_id = {customer_a}",
            may("account_a_member", "admin"),
            setup=(_VIEWER_CUSTOMER_A,),
        ),
        "delete": Attempt(
            "delete from public.account_members"
            " where account_id = {account_a} and user_id = {customer_a}",
            may("account_a_member", "admin"),
            setup=(_VIEWER_CUSTOMER_A,),
        ),
    },
    # the account's rep writes its notes
    "account_notes": {
        "insert": Attempt(
            "insert into public.account_notes (account_id, author_id, body)"
            " values ({account_a}, {rep}, 'call back friday')",
            may("rep", "admin"),
        ),
        "update": Attempt(
            "update public.account_notes set body = 'prefers half pallets' where id = {note_a}",
            may("rep", "admin"),
        ),
        "delete": Attempt(
            "delete from public.account_notes where id = {note_a}", may("rep", "admin")
        ),
    },
    "addresses": {
        "insert": Attempt(
            "insert into public.addresses (user_id, recipient, line1, city, country)"
            " values ({customer_a}, 'A', '2 Main St', 'Springfield', 'US')",
            may("customer_a", "admin"),
        ),
        "update": Attempt(
            "update public.addresses set city = 'Shelbyville' where id = {addr_customer_a}",
            may("customer_a", "admin"),
        ),
        "delete": Attempt(
            "delete from public.addresses where id = {addr_customer_a}",
            may("customer_a", "admin"),
        ),
    },
    # written only by the audit trigger; history is never changed
    "audit_log": {
        "insert": Attempt(
            "insert into public.audit_log (table_name, row_key, action, changed, actor_role,"
            " txid, at) values ('vendors', '{}', 'insert', '{}', 'forged', 1, now())"
        ),
        "update": Attempt(
            "update public.audit_log set actor_role = 'forged' where table_name = 'vendors'",
            refused=APPEND_ONLY,
        ),
        "delete": Attempt(
            "delete from public.audit_log where table_name = 'vendors'", refused=APPEND_ONLY
        ),
    },
    # ---- catalog: admins (and service work) write it, nobody else
    "brands": {
        "insert": Attempt(
            "insert into public.brands (name, slug) values ('Adidas', 'adidas')", may("admin")
        ),
        "update": Attempt(
            "update public.brands set name = 'Nike Inc' where id = {brand}", may("admin")
        ),
        "delete": Attempt(
            "delete from public.brands where id = {brand_tmp}",
            may("admin"),
            setup=(
                "insert into public.brands (id, name, slug) values ({brand_tmp}, 'Tmp', 'tmp')",
            ),
        ),
    },
    "categories": {
        "insert": Attempt(
            "insert into public.categories (name, slug) values ('Boots', 'boots')", may("admin")
        ),
        "update": Attempt(
            "update public.categories set slug = 'kicks' where id = {category}", may("admin")
        ),
        "delete": Attempt(
            "delete from public.categories where id = {category_tmp}",
            may("admin"),
            setup=(
                "insert into public.categories (id, name, slug) values ({category_tmp}, 'T', 't')",
            ),
        ),
    },
    "spec_definitions": {
        "insert": Attempt(
            "insert into public.spec_definitions (key, label, type)"
            " values ('weight_g', 'Weight', 'number')",
            may("admin"),
        ),
        "update": Attempt(
            "update public.spec_definitions set label = 'Protein (g)' where id = {spec}",
            may("admin"),
        ),
        "delete": Attempt(
            "delete from public.spec_definitions where id = {spec_tmp}",
            may("admin"),
            setup=(
                "insert into public.spec_definitions (id, key, label, type)"
                " values ({spec_tmp}, 'tmp', 'Tmp', 'text')",
            ),
        ),
    },
    "products": {
        "insert": Attempt(
            "insert into public.products (title, slug) values ('New Shoe', 'new-shoe')",
            may("admin"),
        ),
        "update": Attempt(
            "update public.products set title = 'Dunk Low Panda 2021' where id = {product_active}",
            may("admin"),
        ),
        "delete": Attempt(
            "delete from public.products where id = {product_tmp}",
            may("admin"),
            setup=(
                "insert into public.products (id, title, slug) values ({product_tmp}, 'T', 't')",
            ),
        ),
    },
    # a join table: rows are added and removed, never updated (no UPDATE grant, even to admins)
    "product_categories": {
        "insert": Attempt(
            "insert into public.product_categories (product_id, category_id)"
            " values ({product_draft}, {category})",
            may("admin"),
        ),
        "update": Attempt(
            "update public.product_categories set category_id = {category}"
            " where product_id = {product_active}"
        ),
        "delete": Attempt(
            "delete from public.product_categories where product_id = {product_active}",
            may("admin"),
        ),
    },
    "product_variants": {
        "insert": Attempt(
            "insert into public.product_variants (product_id, sku)"
            " values ({product_active}, 'DD1391-100-11')",
            may("admin"),
        ),
        "update": Attempt(
            "update public.product_variants set size_label = 'US 10.0' where id = {variant_active}",
            may("admin"),
        ),
        "delete": Attempt(
            "delete from public.product_variants where id = {variant_tmp}",
            may("admin"),
            setup=(
                "insert into public.product_variants (id, product_id, sku)"
                " values ({variant_tmp}, {product_active}, 'TMP-1')",
            ),
        ),
    },
    "product_specs": {
        "insert": Attempt(
            "insert into public.product_specs (product_id, spec_id, value_number)"
            " values ({product_draft}, {spec}, 1)",
            may("admin"),
        ),
        "update": Attempt(
            "update public.product_specs set value_number = 21"
            " where product_id = {product_active} and spec_id = {spec}",
            may("admin"),
        ),
        "delete": Attempt(
            "delete from public.product_specs where product_id = {product_active}", may("admin")
        ),
    },
    "product_images": {
        "insert": Attempt(
            "insert into public.product_images (product_id, media_id, position)"
            " values ({product_active}, {media_store}, 1)",
            may("admin"),
        ),
        "update": Attempt(
            "update public.product_images set alt = 'Panda' where id = {image}", may("admin")
        ),
        "delete": Attempt("delete from public.product_images where id = {image}", may("admin")),
    },
    "product_documents": {
        "insert": Attempt(
            "insert into public.product_documents (product_id, media_id, kind, title)"
            " values ({product_active}, {media_store}, 'manual', 'Manual')",
            may("admin"),
        ),
        "update": Attempt(
            "update public.product_documents set title = 'Spec' where id = {document}",
            may("admin"),
        ),
        "delete": Attempt(
            "delete from public.product_documents where id = {document}", may("admin")
        ),
    },
    # a vendor's staff manage its offers and media (vendor_b_staff: cross-tenant, denied)
    "offers": {
        "insert": Attempt(
            "insert into public.offers (vendor_id, variant_id, condition, price)"
            " values ({vendor_a}, {variant_active}, 'vnds', 110)",
            may("vendor_a_staff", "admin"),
        ),
        "update": Attempt(
            "update public.offers set price = 119 where id = {offer_a}",
            may("vendor_a_staff", "admin"),
        ),
        "delete": Attempt(
            "delete from public.offers where id = {offer_tmp}",
            may("vendor_a_staff", "admin"),
            setup=(
                "insert into public.offers (id, vendor_id, variant_id, condition, price)"
                " values ({offer_tmp}, {vendor_a}, {variant_active}, 'refurbished', 60)",
            ),
        ),
    },
    "media_objects": {
        "insert": Attempt(
            "insert into public.media_objects (bucket, key, content_type, bytes, sha256,"
            " vendor_id) values ('media', 'vendor_a/new.jpg', 'image/jpeg', 1,"
            " repeat('0', 64), {vendor_a})",
            may("vendor_a_staff", "admin"),
        ),
        "update": Attempt(
            "update public.media_objects set width = 100 where id = {media_vendor_a}",
            may("vendor_a_staff", "admin"),
        ),
        "delete": Attempt(
            "delete from public.media_objects where id = {media_vendor_a}",
            may("vendor_a_staff", "admin"),
        ),
    },
    # ---- inventory: locations by the vendor's managers; quantities only through functions
    "stock_locations": {
        "insert": Attempt(
            "insert into public.stock_locations (vendor_id, name, code)"
            " values ({vendor_a}, 'Store A', 'SA')",
            may("vendor_a_staff", "admin"),
        ),
        "update": Attempt(
            "update public.stock_locations set name = 'Main A' where id = {loc_a}",
            may("vendor_a_staff", "admin"),
        ),
        "delete": Attempt(
            "delete from public.stock_locations where id = {loc_tmp}",
            may("vendor_a_staff", "admin"),
            setup=(
                "insert into public.stock_locations (id, vendor_id, name, code)"
                " values ({loc_tmp}, {vendor_a}, 'Tmp', 'TMP')",
            ),
        ),
    },
    # on_hand changes only through the ledger: even service work is refused (ledger_only)
    "stock_levels": {
        "insert": Attempt(
            "insert into public.stock_levels (location_id, variant_id, vendor_id, on_hand)"
            " values ({loc_a}, {variant_draft}, {vendor_a}, 5)",
            refused={"service": "ledger_only"},
        ),
        "update": Attempt(
            "update public.stock_levels set on_hand = 100 where location_id = {loc_a}",
            refused={"service": "ledger_only"},
        ),
        "delete": Attempt("delete from public.stock_levels where location_id = {loc_a}"),
    },
    "stock_movements": {
        "insert": Attempt(
            "insert into public.stock_movements (vendor_id, location_id, variant_id, delta, kind,"
            " reference) values ({vendor_a}, {loc_a}, {variant_active}, 5, 'receipt', 'forged')"
        ),
        "update": Attempt(
            "update public.stock_movements set delta = 1000 where reference = 'world-a'",
            refused=APPEND_ONLY,
        ),
        "delete": Attempt(
            "delete from public.stock_movements where reference = 'world-a'", refused=APPEND_ONLY
        ),
    },
    "stock_reservations": {
        "insert": Attempt(
            "insert into public.stock_reservations (vendor_id, location_id, variant_id, quantity,"
            " holder_type, holder_id, expires_at) values ({vendor_a}, {loc_a}, {variant_active},"
            " 1, 'cart', {cart_customer_b}, now() + interval '1 hour')"
        ),
        "update": Attempt(
            "update public.stock_reservations set quantity = 2 where id = {reservation_a}"
        ),
        "delete": Attempt("delete from public.stock_reservations where id = {reservation_a}"),
    },
    # alerts are opened by triggers; the vendor's staff (and admins) acknowledge them
    "stock_alerts": {
        "insert": Attempt(
            "insert into public.stock_alerts (vendor_id, location_id, variant_id, kind, opened_at)"
            " values ({vendor_a}, {loc_a}, {variant_active}, 'out_of_stock', now())"
        ),
        "update": Attempt(
            "update public.stock_alerts set acknowledged_by = {vendor_a_staff},"
            " acknowledged_at = now() where id = {alert_a}",
            may("vendor_a_staff", "admin"),
        ),
        "delete": Attempt("delete from public.stock_alerts where id = {alert_a}"),
    },
    "stock_counts": {
        "insert": Attempt(
            "insert into public.stock_counts (vendor_id, location_id) values ({vendor_a}, {loc_a})",
            may("vendor_a_staff", "admin"),
        ),
        "update": Attempt(
            "update public.stock_counts set note = 'recount aisle 3' where id = {count_a}",
            may("vendor_a_staff", "admin"),
        ),
        "delete": Attempt("delete from public.stock_counts where id = {count_a}"),
    },
    "stock_count_lines": {
        "insert": Attempt(
            "insert into public.stock_count_lines (count_id, variant_id, vendor_id, expected)"
            " values ({count_a}, {variant_draft}, {vendor_a}, 0)"
        ),
        "update": Attempt(
            "update public.stock_count_lines set counted = 9 where count_id = {count_a}",
            may("vendor_a_staff", "admin"),
        ),
        "delete": Attempt("delete from public.stock_count_lines where count_id = {count_a}"),
    },
    # ---- selling: buyers write their carts; orders and money only through functions
    "carts": {
        "insert": Attempt(
            "insert into public.carts (user_id, status, name)"
            " values ({customer_a}, 'saved', 'Wishlist')",
            may("customer_a", "admin"),
        ),
        "update": Attempt(
            "update public.carts set name = 'Later' where id = {cart_customer_a}",
            may("customer_a", "admin"),
        ),
        "delete": Attempt(
            "delete from public.carts where id = {cart_customer_a}", may("customer_a", "admin")
        ),
    },
    "cart_items": {
        "insert": Attempt(
            "insert into public.cart_items (cart_id, offer_id, quantity)"
            " values ({cart_customer_a}, {offer_b}, 1)",
            may("customer_a", "admin"),
        ),
        "update": Attempt(
            "update public.cart_items set quantity = 2 where id = {cart_item_customer_a}",
            may("customer_a", "admin"),
        ),
        "delete": Attempt(
            "delete from public.cart_items where id = {cart_item_customer_a}",
            may("customer_a", "admin"),
        ),
    },
    "orders": {
        "insert": Attempt("insert into public.orders (user_id) values ({customer_a})"),
        "update": Attempt(
            "update public.orders set status = 'confirmed' where id = {order_customer_a}"
        ),
        "delete": Attempt(
            "delete from public.orders where id = {order_tmp}",
            setup=("insert into public.orders (id, user_id) values ({order_tmp}, {customer_a})",),
        ),
    },
    "order_items": {
        "insert": Attempt(
            "insert into public.order_items (order_id, vendor_id, offer_id, variant_id, sku,"
            " title, quantity, unit_price) values ({order_customer_b}, {vendor_a}, {offer_a},"
            " {variant_active}, 'DD1391-100-10', 'Dunk Low', 1, 1)"
        ),
        "update": Attempt(
            "update public.order_items set quantity = 2 where id = {order_item_customer_a_a}"
        ),
        "delete": Attempt("delete from public.order_items where id = {order_item_account_a_a}"),
    },
    "order_status_history": {
        "insert": Attempt(
            "insert into public.order_status_history (order_id, to_status)"
            " values ({order_customer_a}, 'confirmed')"
        ),
        "update": Attempt(
            "update public.order_status_history set note = 'forged'"
            " where order_id = {order_customer_a}",
            refused=APPEND_ONLY,
        ),
        "delete": Attempt(
            "delete from public.order_status_history where order_id = {order_customer_a}",
            refused=APPEND_ONLY,
        ),
    },
    "payments": {
        "insert": Attempt(
            "insert into public.payments (order_id, provider, amount)"
            " values ({order_customer_b}, 'test', 1)"
        ),
        "update": Attempt(
            "update public.payments set status = 'refunded' where id = {payment_customer_b}"
        ),
        "delete": Attempt("delete from public.payments where id = {payment_account_a}"),
    },
    "refunds": {
        "insert": Attempt(
            "insert into public.refunds (payment_id, order_id, amount)"
            " values ({payment_customer_a}, {order_customer_a}, 1)"
        ),
        "update": Attempt("update public.refunds set reason = 'x' where id = {refund_customer_a}"),
        "delete": Attempt("delete from public.refunds where id = {refund_customer_a}"),
    },
    # the shipping vendor's staff create and update shipments; nobody deletes one
    "shipments": {
        "insert": Attempt(
            "insert into public.shipments (order_id, vendor_id, location_id, carrier)"
            " values ({order_account_a}, {vendor_a}, {loc_a}, 'DHL')",
            may("vendor_a_staff", "admin"),
        ),
        "update": Attempt(
            "update public.shipments set tracking_number = '1Z999' where id = {shipment_a}",
            may("vendor_a_staff", "admin"),
        ),
        "delete": Attempt("delete from public.shipments where id = {shipment_a}"),
    },
    "shipment_items": {
        "insert": Attempt(
            "insert into public.shipment_items (shipment_id, order_item_id, vendor_id, quantity)"
            " values ({shipment_a}, {order_item_account_a_a}, {vendor_a}, 1)",
            may("vendor_a_staff", "admin"),
        ),
        "update": Attempt(
            "update public.shipment_items set quantity = 2 where shipment_id = {shipment_a}",
            may("vendor_a_staff", "admin"),
        ),
        "delete": Attempt(
            "delete from public.shipment_items where shipment_id = {shipment_a}",
            may("vendor_a_staff", "admin"),
        ),
    },
    # ---- B2B prices: admins manage them
    "price_lists": {
        "insert": Attempt(
            "insert into public.price_lists (name, kind) values ('Contract new', 'contract')",
            may("admin"),
        ),
        "update": Attempt(
            "update public.price_lists set name = 'Contract A 2027' where id = {price_list_a}",
            may("admin"),
        ),
        "delete": Attempt(
            "delete from public.price_lists where id = {price_list_tmp}",
            may("admin"),
            setup=(
                "insert into public.price_lists (id, name, kind)"
                " values ({price_list_tmp}, 'Tmp', 'contract')",
            ),
        ),
    },
    "price_list_entries": {
        "insert": Attempt(
            "insert into public.price_list_entries (price_list_id, product_id, price)"
            " values ({price_list_a}, {product_active}, 95)",
            may("admin"),
        ),
        "update": Attempt(
            "update public.price_list_entries set price = 99 where id = {price_entry_a}",
            may("admin"),
        ),
        "delete": Attempt(
            "delete from public.price_list_entries where id = {price_entry_a}", may("admin")
        ),
    },
    "account_price_lists": {
        "insert": Attempt(
            "insert into public.account_price_lists (account_id, price_list_id)"
            " values ({account_a}, {price_list_b})",
            may("admin"),
        ),
        "update": Attempt(
            "update public.account_price_lists set priority = 5 where account_id = {account_a}",
            may("admin"),
        ),
        "delete": Attempt(
            "delete from public.account_price_lists where account_id = {account_a}", may("admin")
        ),
    },
    "volume_discounts": {
        "insert": Attempt(
            "insert into public.volume_discounts (scope, min_quantity, discount_percent)"
            " values ('all', 50, 10)",
            may("admin"),
        ),
        "update": Attempt(
            "update public.volume_discounts set discount_percent = 6 where id = {volume_discount}",
            may("admin"),
        ),
        "delete": Attempt(
            "delete from public.volume_discounts where id = {volume_discount}", may("admin")
        ),
    },
    # ---- RFQs: buyers draft and edit; the account's rep works on submitted ones
    "rfqs": {
        "insert": Attempt(
            "insert into public.rfqs (account_id, requester_id)"
            " values ({account_a}, {account_a_member})",
            may("account_a_member", "admin"),
        ),
        "update": Attempt(
            "update public.rfqs set notes = 'needed by friday' where id = {rfq_a}",
            may("account_a_member", "rep", "admin"),
        ),
        "delete": Attempt(
            "delete from public.rfqs where id = {rfq_tmp}",
            may("account_a_member", "admin"),
            setup=(_NEW_RFQ,),
        ),
    },
    "rfq_items": {
        # on a draft: the buyers' part (the rep may only quote: its trigger says no)
        "insert": Attempt(
            "insert into public.rfq_items (rfq_id, variant_id, quantity)"
            " values ({rfq_tmp}, {variant_active}, 10)",
            may("account_a_member", "admin"),
            setup=(_NEW_RFQ,),
        ),
        # on a submitted RFQ: the rep quotes; the buyer can no longer edit it
        "update": Attempt(
            "update public.rfq_items set quoted_price = 85, lead_time_days = 7"
            " where id = {rfq_item_a}",
            may("rep", "admin"),
            refused={"account_a_member": "rfq_closed"},
        ),
        "delete": Attempt(
            "delete from public.rfq_items where id = {rfq_item_tmp}",
            may("account_a_member", "admin"),
            setup=(_NEW_RFQ, _NEW_RFQ_ITEM),
        ),
    },
    # comments by those who see the RFQ, as themselves; history is never changed. (Admins
    # read the history but have no comment policy.)
    "rfq_events": {
        "insert": Attempt(
            "insert into public.rfq_events (rfq_id, kind, actor_id, note)"
            " values ({rfq_a}, 'comment', (select private.current_user_id()), 'any news?')",
            may("account_a_member", "rep"),
        ),
        "update": Attempt(
            "update public.rfq_events set note = 'forged' where rfq_id = {rfq_a}",
            refused=APPEND_ONLY,
        ),
        "delete": Attempt(
            "delete from public.rfq_events where rfq_id = {rfq_a}", refused=APPEND_ONLY
        ),
    },
    # ---- integration bookkeeping: service work only
    "integration_runs": {
        "insert": Attempt(
            "insert into public.integration_runs (source, kind, started_at)"
            " values ('shopify', 'import', now())"
        ),
        "update": Attempt("update public.integration_runs set error = 'x' where id = {run}"),
        "delete": Attempt("delete from public.integration_runs where id = {run}"),
    },
    "sync_log": {
        "insert": Attempt(
            "insert into public.sync_log (run_id, entity, action, outcome)"
            " values ({run}, 'products', 'update', 'ok')"
        ),
        "update": Attempt(
            "update public.sync_log set message = 'forged' where external_id = 'k1'",
            refused=APPEND_ONLY,
        ),
        "delete": Attempt(
            "delete from public.sync_log where external_id = 'k1'", refused=APPEND_ONLY
        ),
    },
    "external_refs": {
        "insert": Attempt(
            "insert into public.external_refs (entity, entity_id, source, external_id)"
            " values ('products', {product_draft}, 'shopify', 's1')"
        ),
        "update": Attempt(
            "update public.external_refs set external_id = 'k2' where id = {external_ref}"
        ),
        "delete": Attempt("delete from public.external_refs where id = {external_ref}"),
    },
    "webhook_receipts": {
        "insert": Attempt(
            "insert into public.webhook_receipts (source, event_id, topic, payload)"
            " values ('shopify', 'evt-2', 'orders/create', '{}')"
        ),
        "update": Attempt(
            "update public.webhook_receipts set error = 'x' where event_id = 'evt-1'"
        ),
        "delete": Attempt("delete from public.webhook_receipts where event_id = 'evt-1'"),
    },
    "outbox_events": {
        "insert": Attempt(
            "insert into public.outbox_events (aggregate_type, aggregate_id, event_type, payload)"
            " values ('order', {order_customer_b}, 'order.placed', '{}')"
        ),
        "update": Attempt(
            "update public.outbox_events set published_at = now() where event_type = 'order.placed'"
        ),
        "delete": Attempt("delete from public.outbox_events where event_type = 'order.placed'"),
    },
}

# Tables no client role (admin included) may write at all: changed only by functions,
# triggers and service work. Every write by a client is refused for lack of privilege.
NO_CLIENT_WRITES: Final = (
    "stock_levels",
    "stock_movements",
    "stock_reservations",
    "orders",
    "order_items",
    "order_status_history",
    "payments",
    "refunds",
    "audit_log",
    "integration_runs",
    "sync_log",
    "external_refs",
    "webhook_receipts",
    "outbox_events",
)

# Explicit cross-tenant attempts: (persona, what, statement, expected outcome).
CROSS_TENANT_WRITES: Final[tuple[tuple[str, str, Attempt], ...]] = (
    (
        "vendor_a_staff",
        "updates vendor_b's offer",
        Attempt("update public.offers set price = 1 where id = {offer_b}"),
    ),
    (
        "vendor_a_staff",
        "inserts an offer for vendor_b",
        Attempt(
            "insert into public.offers (vendor_id, variant_id, condition, price)"
            " values ({vendor_b}, {variant_active}, 'vnds', 1)"
        ),
    ),
    (
        "vendor_a_staff",
        "deletes vendor_b's offer",
        Attempt("delete from public.offers where id = {offer_b}"),
    ),
    (
        "vendor_a_staff",
        "renames vendor_b",
        Attempt("update public.vendors set name = 'Mine now' where id = {vendor_b}"),
    ),
    (
        "vendor_a_staff",
        "opens a location for vendor_b",
        Attempt(
            "insert into public.stock_locations (vendor_id, name, code)"
            " values ({vendor_b}, 'Fake', 'FK')"
        ),
    ),
    (
        "vendor_a_staff",
        "deactivates vendor_b's location",
        Attempt("update public.stock_locations set active = false where id = {loc_b}"),
    ),
    (
        "vendor_a_staff",
        "acknowledges vendor_b's alert",
        Attempt(
            "update public.stock_alerts set acknowledged_by = {vendor_a_staff},"
            " acknowledged_at = now() where id = {alert_b}"
        ),
    ),
    (
        "vendor_a_staff",
        "edits vendor_b's stock count",
        Attempt("update public.stock_count_lines set counted = 0 where count_id = {count_b}"),
    ),
    (
        "vendor_a_staff",
        "ships an order that holds none of its items",
        Attempt(
            "insert into public.shipments (order_id, vendor_id, location_id)"
            " values ({order_customer_b}, {vendor_a}, {loc_a})"
        ),
    ),
    (
        "vendor_a_staff",
        "changes the tracking of vendor_b's shipment",
        Attempt("update public.shipments set tracking_number = 'x' where id = {shipment_b}"),
    ),
    (
        "vendor_a_staff",
        "uploads media as vendor_b",
        Attempt(
            "insert into public.media_objects (bucket, key, content_type, bytes, sha256,"
            " vendor_id) values ('media', 'b/x.jpg', 'image/jpeg', 1, repeat('0', 64),"
            " {vendor_b})"
        ),
    ),
    (
        "account_a_member",
        "inserts an rfq for account_b",
        Attempt(
            "insert into public.rfqs (account_id, requester_id)"
            " values ({account_b}, {account_a_member})"
        ),
    ),
    (
        "account_a_member",
        "edits account_b's rfq",
        Attempt("update public.rfqs set notes = 'x' where id = {rfq_b}"),
    ),
    (
        "account_a_member",
        "adds an item to account_b's rfq",
        Attempt(
            "insert into public.rfq_items (rfq_id, variant_id, quantity)"
            " values ({rfq_b}, {variant_active}, 1)"
        ),
    ),
    (
        "account_a_member",
        "opens a cart for account_b",
        Attempt(
            "insert into public.carts (user_id, account_id)"
            " values ({account_a_member}, {account_b})"
        ),
    ),
    (
        "account_a_member",
        "adds an address to account_b",
        Attempt(
            "insert into public.addresses (account_id, recipient, line1, city, country)"
            " values ({account_b}, 'x', 'x', 'x', 'US')"
        ),
    ),
    (
        "account_a_member",
        "joins account_b",
        Attempt(
            "insert into public.account_members (account_id, user_id, role)"
            " values ({account_b}, {account_a_member}, 'owner')"
        ),
    ),
    (
        "customer_a",
        "updates customer_b's cart",
        Attempt("update public.carts set name = 'x' where id = {cart_customer_b}"),
    ),
    (
        "customer_a",
        "adds to customer_b's cart",
        Attempt(
            "insert into public.cart_items (cart_id, offer_id, quantity)"
            " values ({cart_customer_b}, {offer_b}, 1)"
        ),
    ),
    (
        "customer_a",
        "opens a cart in customer_b's name",
        Attempt("insert into public.carts (user_id) values ({customer_b})"),
    ),
    (
        "customer_a",
        "deletes customer_b's address",
        Attempt("delete from public.addresses where id = {addr_customer_b}"),
    ),
    (
        "customer_a",
        "renames customer_b",
        Attempt("update public.users set full_name = 'x' where id = {customer_b}"),
    ),
    (
        "rep",
        "writes a note on account_b",
        Attempt(
            "insert into public.account_notes (account_id, author_id, body)"
            " values ({account_b}, {rep}, 'x')"
        ),
    ),
    (
        "rep",
        "edits account_b's note",
        Attempt("update public.account_notes set body = 'x' where id = {note_b}"),
    ),
    (
        "rep",
        "quotes account_b's rfq",
        Attempt("update public.rfq_items set quoted_price = 1 where id = {rfq_item_b}"),
    ),
)


# --------------------------------------------------------------------------- tests
def _public_tables(conn: psycopg.Connection[Any]) -> set[str]:
    return {
        r[0] for r in conn.execute("select tablename from pg_tables where schemaname = 'public'")
    }


def test_every_public_table_and_persona_has_expectations(
    world_conn: psycopg.Connection[Any],
) -> None:
    tables = _public_tables(world_conn)
    assert tables, "no public tables: is the database migrated?"
    assert sorted(tables - set(VISIBLE)) == [], "public tables without SELECT expectations"
    assert sorted(tables - set(WRITES)) == [], "public tables without write expectations"
    assert sorted(set(VISIBLE) - tables) == [], "expectations for tables that don't exist"
    assert sorted(set(WRITES) - tables) == [], "write expectations for tables that don't exist"
    for table, by_persona in VISIBLE.items():
        assert set(by_persona) == set(PERSONA_NAMES), f"{table}: personas missing"
    for table, by_op in WRITES.items():
        assert set(by_op) == set(OPS), f"{table}: operations missing"
    assert set(PERSONAS) == {
        "anon",
        "customer_a",
        "customer_b",
        "vendor_a_staff",
        "vendor_b_staff",
        "account_a_member",
        "account_b_member",
        "rep",
        "admin",
        "service",
    }


@pytest.mark.parametrize(
    ("table", "persona"),
    [(t, p) for t in sorted(VISIBLE) for p in PERSONA_NAMES],
    ids=[f"{t}-{p}" for t in sorted(VISIBLE) for p in PERSONA_NAMES],
)
def test_select_matrix(world_conn: psycopg.Connection[Any], table: str, persona: str) -> None:
    expected = VISIBLE[table][persona]
    got = visible(world_conn, persona, table)
    assert got == expected, f"SELECT {table} as {persona}: expected {expected}, got {got}"


_WRITE_CASES = [(t, op, p) for t in sorted(WRITES) for op in OPS for p in PERSONA_NAMES]


@pytest.mark.parametrize(
    ("table", "op", "persona"), _WRITE_CASES, ids=[f"{t}-{o}-{p}" for t, o, p in _WRITE_CASES]
)
def test_write_matrix(
    world_conn: psycopg.Connection[Any], table: str, op: str, persona: str
) -> None:
    a = WRITES[table][op]
    got = attempt(world_conn, persona, a)
    assert got == a.expected(persona), (
        f"{op.upper()} {table} as {persona}: expected {a.expected(persona)}, got {got}\n  {a.sql}"
    )


@pytest.mark.parametrize(
    ("persona", "what", "a"),
    CROSS_TENANT_WRITES,
    ids=[f"{p}-{w}" for p, w, _ in CROSS_TENANT_WRITES],
)
def test_cross_tenant_writes_are_denied(
    world_conn: psycopg.Connection[Any], persona: str, what: str, a: Attempt
) -> None:
    assert attempt(world_conn, persona, a) == DENIED, f"{persona} {what}: not denied"


@pytest.mark.parametrize("table", NO_CLIENT_WRITES)
def test_no_client_writes_function_owned_tables_not_even_admin(
    world_conn: psycopg.Connection[Any], table: str
) -> None:
    for op in OPS:
        a = WRITES[table][op]
        for persona in CLIENTS:
            with world_conn.transaction(force_rollback=True):
                for statement in a.setup:
                    world_conn.execute(sql_for(statement))
                with (
                    pytest.raises(PermissionDenied, match="permission denied"),
                    transaction_as(world_conn, PERSONAS[persona]),
                ):
                    world_conn.execute(sql_for(a.sql))
    # service work may (the statements are valid): the refusals above are about privilege,
    # except on_hand, which not even service work may set outside the ledger
    expected = "refused:ledger_only" if table == "stock_levels" else OK
    assert attempt(world_conn, "service", WRITES[table]["insert"]) == expected


def test_no_client_role_holds_write_privileges_on_ledgers_orders_and_audit(
    world_conn: psycopg.Connection[Any],
) -> None:
    held = []
    for table in NO_CLIENT_WRITES:
        for role in ("anon", "authenticated"):
            for privilege in ("INSERT", "UPDATE", "DELETE", "TRUNCATE"):
                row = world_conn.execute(
                    "select has_table_privilege(%s, %s, %s)", [role, f"public.{table}", privilege]
                ).fetchone()
                assert row is not None
                if row[0]:
                    held.append((role, table, privilege))
            for privilege in ("INSERT", "UPDATE"):
                row = world_conn.execute(
                    "select has_any_column_privilege(%s, %s, %s)",
                    [role, f"public.{table}", privilege],
                ).fetchone()
                assert row is not None
                if row[0]:
                    held.append((role, f"{table} (a column)", privilege))
    for role in ("anon", "authenticated"):
        row = world_conn.execute(
            "select has_column_privilege(%s, 'public.orders', 'status', 'UPDATE')", [role]
        ).fetchone()
        assert row == (False,), f"{role} may UPDATE orders.status"
    assert held == []
    # and the roles do read what they should (the check above is not vacuous)
    row = world_conn.execute(
        "select has_table_privilege('authenticated', 'public.orders', 'SELECT'),"
        " has_table_privilege('anon', 'public.orders', 'SELECT')"
    ).fetchone()
    assert row == (True, False)


# private.document_counters: row-level security on and, by design, no policy at all. Only
# SECURITY DEFINER functions (private.next_document_number) read and write it; no client or
# service role holds any privilege on it, so no policy could ever apply.
NO_POLICY_BY_DESIGN: Final = {"private.document_counters"}


def test_every_table_has_rls_and_a_policy(world_conn: psycopg.Connection[Any]) -> None:
    found = world_conn.execute(
        """
        select n.nspname || '.' || c.relname, c.relrowsecurity,
               (select count(*) from pg_policies p
                where p.schemaname = n.nspname and p.tablename = c.relname)
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'private') and c.relkind in ('r', 'p')
        order by 1
        """
    ).fetchall()
    assert len(found) > 40
    names = {name for name, _, _ in found}
    assert "private.alembic_version" in names
    assert names >= NO_POLICY_BY_DESIGN
    without_rls = [name for name, rls, _ in found if not rls]
    without_policy = [
        name for name, _, policies in found if policies == 0 and name not in NO_POLICY_BY_DESIGN
    ]
    assert without_rls == []
    assert without_policy == []
    for name in NO_POLICY_BY_DESIGN:
        policies = next(p for n, _, p in found if n == name)
        assert policies == 0, f"{name} grew a policy: update NO_POLICY_BY_DESIGN"
        for role in ("anon", "authenticated", "service_role"):
            for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                row = world_conn.execute(
                    "select has_table_privilege(%s, %s, %s)", [role, name, privilege]
                ).fetchone()
                assert row == (False,), f"{role} holds {privilege} on {name}"


# --------------------------------------------------------------------------- views
def _view_rows(
    conn: psycopg.Connection[Any], persona: str, query: str
) -> list[tuple[Any, ...]] | str:
    with conn.transaction(force_rollback=True):
        try:
            with transaction_as(conn, PERSONAS[persona]):
                return conn.execute(query).fetchall()
        except PermissionDenied:
            return NO_GRANT


def test_variant_availability_shows_anyone_only_availability(
    world_conn: psycopg.Connection[Any],
) -> None:
    columns = world_conn.execute(
        "select array_agg(column_name::text order by ordinal_position)"
        " from information_schema.columns"
        " where table_schema = 'public' and table_name = 'variant_availability'"
    ).fetchone()
    assert columns == (["variant_id", "available"],)  # no location, no vendor
    query = "select variant_id, available from public.variant_availability"
    for persona in PERSONA_NAMES:
        # both vendors' active offers count: (10 on hand - 1 reserved) x 2 locations
        assert _view_rows(world_conn, persona, query) == [(ID["variant_active"], 18)], persona
    # while the stock behind it stays the vendors'
    assert _view_rows(world_conn, "anon", "select 1 from public.stock_levels") == NO_GRANT
    assert _view_rows(world_conn, "customer_a", "select 1 from public.stock_levels") == []


VENDOR_ORDERS: Final[dict[str, Visible]] = {
    **{p: NONE for p in PERSONA_NAMES},
    "anon": NO_GRANT,
    "vendor_a_staff": rows("order_customer_a", "order_account_a"),
    "vendor_b_staff": rows("order_customer_a", "order_customer_b", "order_account_b"),
}


def test_vendor_orders_shows_a_vendor_only_the_orders_holding_its_items(
    world_conn: psycopg.Connection[Any],
) -> None:
    names = world_names()
    for persona in PERSONA_NAMES:
        found = _view_rows(world_conn, persona, "select id::text from public.vendor_orders")
        got = found if isinstance(found, str) else frozenset((names[r[0]],) for r in found)
        assert got == VENDOR_ORDERS[persona], persona
    columns = world_conn.execute(
        "select array_agg(column_name::text order by column_name)"
        " from information_schema.columns"
        " where table_schema = 'public' and table_name = 'vendor_orders'"
    ).fetchone()
    # what shipping needs; no totals, no buyer, no other vendors' items
    assert columns == (["currency", "id", "number", "placed_at", "shipping_address", "status"],)


@pytest.mark.parametrize(
    "statement",
    [
        "update public.vendor_orders set status = 'cancelled'",
        "delete from public.vendor_orders",
        "insert into public.vendor_orders (number) values ('FORGED-1')",
    ],
)
def test_nobody_writes_orders_through_vendor_orders(
    world_conn: psycopg.Connection[Any], statement: str
) -> None:
    for persona in ("vendor_a_staff", "admin", "anon"):
        with (
            world_conn.transaction(force_rollback=True),
            pytest.raises(PermissionDenied),
            transaction_as(world_conn, PERSONAS[persona]),
        ):
            world_conn.execute(statement)


def test_an_admin_moves_a_category_and_its_subtree_follows(
    world_conn: psycopg.Connection[Any],
) -> None:
    with world_conn.transaction(force_rollback=True):
        world_conn.execute(
            sql_for(
                "insert into public.categories (id, parent_id, name, slug)"
                " values ({category_child}, {category}, 'Low', 'low')"
            )
        )
        rename = sql_for("update public.categories set slug = 'kicks' where id = {category}")
        for persona in ("customer_a", "vendor_a_staff", "rep"):
            assert attempt(world_conn, persona, Attempt(rename)) == DENIED, persona
        with transaction_as(world_conn, PERSONAS["admin"]):
            world_conn.execute(rename)
        paths = world_conn.execute(
            sql_for(
                "select path from public.categories where id in ({category}, {category_child})"
                " order by path"
            )
        ).fetchall()
    assert paths == [("kicks",), ("kicks/low",)]
