"""The catalog's reference data, and the bulk writer the product generators share.

Reference data (brands, the category tree, spec definitions) is small. The bulk (products,
variants, images, specs, documents, offers, stock levels with their opening-balance
movements, low-stock alerts, external refs) is generated product by product into per-table
row lists (:class:`Bulk`) and flushed every ``CHUNK`` products, one COPY per table, in
foreign-key order. The generators are :mod:`emporium.seed.sneakers` and
:mod:`emporium.seed.supplements`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from random import Random
from typing import Any, NamedTuple
from uuid import UUID

from emporium.seed import vocab
from emporium.seed.base import BASE_TIME, Ids, Loader, Plan, later, sha256_hex
from emporium.seed.people import People, Vendor

CHUNK = 2000  # products per flush

CATEGORY_TREE: tuple[tuple[str, str], ...] = (
    ("footwear", "Footwear"),
    ("footwear/sneakers", "Sneakers"),
    ("footwear/sneakers/low-top", "Low-top"),
    ("footwear/sneakers/high-top", "High-top"),
    ("footwear/sneakers/running", "Running"),
    ("footwear/sneakers/basketball", "Basketball"),
    ("footwear/slides", "Slides"),
    ("apparel", "Apparel"),
    ("apparel/hoodies", "Hoodies"),
    ("apparel/t-shirts", "T-shirts"),
    ("apparel/socks", "Socks"),
    ("supplements", "Supplements"),
    ("supplements/protein", "Protein"),
    ("supplements/creatine", "Creatine"),
    ("supplements/pre-workout", "Pre-workout"),
    ("supplements/vitamins", "Vitamins & minerals"),
    ("supplements/amino-acids", "Amino acids"),
)
# key, label, type, unit, filterable, enum values
SPECS: tuple[tuple[str, str, str, str | None, bool, list[str] | None], ...] = (
    ("protein_g", "Protein per serving", "number", "g", True, None),
    ("serving_size_g", "Serving size", "number", "g", False, None),
    ("servings", "Servings per container", "number", None, True, None),
    ("certifications", "Certification", "enum", None, True, ["NSF", "Informed Sport", "None"]),
    ("vegan", "Vegan", "boolean", None, True, None),
)

# The bulk tables, in the order a flush writes them (foreign keys first).
COLUMNS: dict[str, str] = {
    "media_objects": "id bucket key content_type bytes sha256 width height source_url kind"
    " created_at updated_at",
    "products": "id title slug brand_id model style_code colorway gender release_date"
    " retail_price currency description kind status source source_id source_payload"
    " created_at updated_at",
    "product_categories": "product_id category_id",
    "product_images": "id product_id media_id position alt created_at",
    "product_variants": "id product_id sku size_label size_us options gtin weight_grams status"
    " position created_at updated_at",
    "product_specs": "product_id spec_id value_number value_text value_boolean",
    "product_documents": "id product_id media_id kind title language position created_at",
    "offers": "id vendor_id variant_id condition price currency status min_order_qty pack_size"
    " created_at updated_at",
    "stock_levels": "location_id variant_id vendor_id on_hand reserved reorder_point"
    " safety_stock created_at updated_at",
    "stock_movements": "vendor_id location_id variant_id delta kind reason reference created_at",
    "stock_alerts": "id vendor_id location_id variant_id kind detail opened_at acknowledged_by"
    " acknowledged_at",
    "external_refs": "id entity entity_id source external_id created_at updated_at",
}


class OfferRef(NamedTuple):
    id: UUID
    vendor_id: UUID
    variant_id: UUID
    sku: str
    title: str  # product title with the size or flavour and pack
    price: Decimal
    location_id: UUID  # where the vendor keeps it


class B2BItem(NamedTuple):
    product_id: UUID
    brand_id: UUID
    category_id: UUID
    offer: OfferRef  # the house offer


@dataclass
class Catalog:
    brand_ids: dict[str, UUID]
    category_ids: dict[str, UUID]
    spec_ids: dict[str, UUID]
    sneaker_offers: list[OfferRef] = field(default_factory=list)  # a sample: active, new
    b2b_items: list[B2BItem] = field(default_factory=list)  # every active supplement variant
    b2b_products: list[tuple[UUID, UUID, UUID]] = field(default_factory=list)  # id, brand, cat.
    level_samples: dict[UUID, list[tuple[UUID, int]]] = field(default_factory=dict)  # per loc.
    external_ids: dict[str, list[str]] = field(default_factory=dict)  # the first few per source


def seed_reference(ld: Loader, ids: Ids) -> Catalog:
    """Brands, the category tree (paths by trigger: parents come first) and spec definitions;
    those the database already has (by slug or name, path, key) are used, not written."""
    at, known = BASE_TIME - timedelta(days=1000), ld.existing
    brands: dict[str, UUID] = {}
    rows: list[tuple[Any, ...]] = []
    for name, slug in vocab.SNEAKER_BRANDS + vocab.SUPPLEMENT_BRANDS:
        adopted = known.brand(name, slug)
        brands[name] = adopted or ids("brand", slug)
        if adopted is None:
            rows.append((brands[name], name, slug, at, at))
    ld.copy("brands", "id name slug created_at updated_at", rows)
    categories = {
        path: known.categories.get(path) or ids("category", path) for path, _ in CATEGORY_TREE
    }
    rows = []
    for pos, (path, name) in enumerate(CATEGORY_TREE):
        parent, _, slug = path.rpartition("/")
        if path not in known.categories:
            rows.append((categories[path], categories.get(parent), name, slug, pos, at, at))
    ld.copy("categories", "id parent_id name slug position created_at updated_at", rows)
    specs = {key: known.specs.get(key) or ids("spec", key) for key, *_ in SPECS}
    ld.copy(
        "spec_definitions",
        "id key label type unit filterable enum_values position created_at updated_at",
        [
            (specs[key], key, label, type_, unit, filterable, values, pos, at, at)
            for pos, (key, label, type_, unit, filterable, values) in enumerate(SPECS)
            if key not in known.specs
        ],
    )
    return Catalog(brands, categories, specs)


class Bulk:
    """Per-table row lists for the current chunk, and the pieces every product uses."""

    def __init__(
        self, ld: Loader, rng: Random, ids: Ids, plan: Plan, people: People, cat: Catalog
    ) -> None:
        self.ld, self.rng, self.ids, self.plan, self.people, self.cat = (
            ld,
            rng,
            ids,
            plan,
            people,
            cat,
        )
        self.rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        self.counters: dict[str, int] = defaultdict(int)  # running numbers: the uuid5 names
        self.low_stock_forced = False

    def next(self, kind: str) -> UUID:
        n = self.counters[kind]
        self.counters[kind] = n + 1
        return self.ids(kind, n)

    def images(
        self, pid: UUID, slug: str, title: str, count: int, at: datetime, url: str | None
    ) -> None:
        """media_objects (no files: bucket 'media', sha256 of the key) and product_images."""
        for pos in range(count):
            mid, key = self.next("media"), f"products/{slug}/{pos + 1}.jpg"
            source = f"{url}/{pos + 1}.jpg" if url else None
            self.rows["media_objects"].append(
                (
                    mid,
                    "media",
                    key,
                    "image/jpeg",
                    self.rng.randrange(60_000, 450_000),
                    sha256_hex(key),
                    1400,
                    1000,
                    source,
                    "import",
                    at,
                    at,
                )
            )
            self.rows["product_images"].append(
                (self.next("product_image"), pid, mid, pos, f"{title}, view {pos + 1}", at)
            )

    def document(self, pid: UUID, slug: str, kind: str, title: str, pos: int, at: datetime) -> None:
        mid, key = self.next("media"), f"documents/{slug}/{kind.replace('_', '-')}.pdf"
        self.rows["media_objects"].append(
            (
                mid,
                "media",
                key,
                "application/pdf",
                self.rng.randrange(80_000, 900_000),
                sha256_hex(key),
                None,
                None,
                None,
                "import",
                at,
                at,
            )
        )
        self.rows["product_documents"].append(
            (self.next("product_document"), pid, mid, kind, title, "en", pos, at)
        )

    def offer(
        self,
        vendor: Vendor,
        variant: UUID,
        cond: str,
        price: Decimal,
        at: datetime,
        status: str = "active",
        pack: int = 1,
    ) -> UUID:
        oid = self.next("offer")
        self.rows["offers"].append(
            (oid, vendor.id, variant, cond, price, "USD", status, pack, pack, at, at)
        )
        return oid

    def stock(
        self, vendor: Vendor, variant: UUID, on_hand: int, reorder: int, at: datetime
    ) -> UUID:
        """A stock level and its opening-balance movement (on_hand = sum(delta)); a low-stock
        alert when on_hand is at or below the reorder point. Returns the location."""
        rng, locs = self.rng, vendor.locations
        loc = locs[0] if len(locs) == 1 else rng.choices(locs, (6, 3, 1)[: len(locs)])[0]
        if vendor.is_house and reorder and not self.low_stock_forced:
            on_hand, self.low_stock_forced = reorder, True  # at least one open alert
        self.rows["stock_levels"].append(
            (loc, variant, vendor.id, on_hand, 0, reorder, reorder // 2, at, at)
        )
        self.rows["stock_movements"].append(
            (
                vendor.id,
                loc,
                variant,
                on_hand,
                "opening_balance",
                "opening balance (seed)",
                "seed",
                at,
            )
        )
        if reorder and on_hand <= reorder:
            ack = vendor.staff[0] if rng.random() < 0.3 else None
            detail = json.dumps({"on_hand": on_hand, "reorder_point": reorder})
            self.rows["stock_alerts"].append(
                (
                    self.next("stock_alert"),
                    vendor.id,
                    loc,
                    variant,
                    "low_stock",
                    detail,
                    at,
                    ack,
                    later(rng, at, 48, 1) if ack else None,
                )
            )
        samples = self.cat.level_samples.setdefault(loc, [])
        if len(samples) < 12:
            samples.append((variant, on_hand))
        return loc

    def external(self, source: str, pid: UUID, external_id: str, at: datetime) -> None:
        self.rows["external_refs"].append(
            (self.next("external_ref"), "products", pid, source, external_id, at, at)
        )
        first = self.cat.external_ids.setdefault(source, [])
        if len(first) < 60:
            first.append(external_id)

    def flush(self) -> None:
        for table, columns in COLUMNS.items():
            rows = self.rows.pop(table, [])
            if rows:
                self.ld.copy(table, columns, rows)
