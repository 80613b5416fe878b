"""The B2B supplements catalog: flavour x pack-size variants, typed specs, documents.

Products come from the store's Shopify (source 'shopify'); variants carry their option
values in ``options`` ({"flavour": "Chocolate", "pack_size": "2kg"}); the house sells every
variant of an active product, the wholesaler half of them in cases of 6.
"""

from __future__ import annotations

import json
from decimal import Decimal
from uuid import UUID

from emporium.seed import vocab
from emporium.seed.base import BASE_TIME, ago, dollars, ean13, later, money, slugify
from emporium.seed.catalog import B2BItem, Bulk, OfferRef

DOCUMENTS = (
    ("spec_sheet", "Spec sheet", 0.5),
    ("safety_data_sheet", "Safety data sheet", 0.25),
    ("certificate", "Certificate of analysis", 0.15),
)


def add_supplement(b: Bulk, n: int) -> None:
    rng, cat, people = b.rng, b.cat, b.people
    kind = rng.choice(vocab.SUPPLEMENT_KINDS)
    brand, brand_slug = rng.choice(vocab.SUPPLEMENT_BRANDS)
    name = rng.choice(kind.names)
    title = " ".join(w for w in (brand, rng.choice(vocab.SUPPLEMENT_LINES), name) if w)
    prefix = f"{brand_slug.replace('-', '')[:3].upper()}-{n + 1:05d}"
    slug = slugify(f"{title} {prefix}")
    pid = b.next("product")
    brand_id = cat.brand_ids[brand]
    category_id = cat.category_ids[f"supplements/{kind.category}"]
    count = min(len(kind.flavours), rng.randint(1, 3))
    flavours = sorted(rng.sample(kind.flavours, count), key=kind.flavours.index)
    packs = sorted(rng.sample(kind.packs, rng.randint(1, len(kind.packs))), key=lambda p: p[1])
    created = ago(rng, 900, 20)
    status = "active" if n < 4 else rng.choices(("active", "draft", "archived"), (92, 4, 4))[0]
    shopify_id = str(7_400_000_000_000 + n * 613)
    description = (
        f"{name} by {brand}: {', '.join(flavours)}; {', '.join(p[0] for p in packs)}."
        " Third-party tested, made in a GMP-certified facility."
    )
    payload = json.dumps(
        {
            "id": int(shopify_id),
            "title": title,
            "handle": slug,
            "vendor": brand,
            "product_type": kind.category,
            "status": "active" if status == "active" else "draft",
            "tags": f"{kind.category}, b2b, wholesale",
            "options": [
                {"name": "Flavour", "values": flavours},
                {"name": "Size", "values": [p[0] for p in packs]},
            ],
        },
        separators=(",", ":"),
    )
    variants = []
    for flavour in flavours:
        for pack in packs:
            label, grams, list_price = pack
            vid = b.next("variant")
            sku = f"{prefix}-{kind.flavours.index(flavour):02d}{kind.packs.index(pack)}"
            options = json.dumps({"flavour": flavour, "pack_size": label}, sort_keys=True)
            variants.append((vid, sku, f"{title}, {flavour}, {label}", Decimal(list_price)))
            b.rows["product_variants"].append(
                (
                    vid,
                    pid,
                    sku,
                    None,
                    None,
                    options,
                    ean13(rng),
                    grams + 60,
                    "active",
                    len(variants) - 1,
                    created,
                    created,
                )
            )
    kind_ = "variable" if len(variants) > 1 else "simple"
    b.rows["products"].append(
        (
            pid,
            title,
            slug,
            brand_id,
            name,
            None,
            None,
            None,
            None,
            Decimal(packs[0][2]),
            "USD",
            description,
            kind_,
            status,
            "shopify",
            shopify_id,
            payload,
            created,
            created,
        )
    )
    b.rows["product_categories"].append((pid, category_id))
    b.images(pid, slug, title, rng.randint(1, 2), created, None)
    b.external("shopify", pid, shopify_id, created)
    _specs(b, pid, kind, name, packs[0][1])
    for pos, (doc, label, share) in enumerate(DOCUMENTS):
        if rng.random() < share or (n == 0 and pos == 0):
            b.document(pid, slug, doc, f"{title}: {label}", pos, created)
    cat.b2b_products.append((pid, brand_id, category_id))
    if status != "active":
        return
    at = min(BASE_TIME, later(rng, created, 24 * 10))
    for vid, sku, vtitle, shelf in variants:
        price = dollars(float(shelf) * rng.uniform(0.95, 1.1)) - Decimal("0.01")
        oid = b.offer(people.house, vid, "new", price, at)
        loc = b.stock(people.house, vid, rng.randint(20, 400), rng.choice((24, 36, 48)), at)
        offer = OfferRef(oid, people.house.id, vid, sku, vtitle, price, loc)
        cat.b2b_items.append(B2BItem(pid, brand_id, category_id, offer))
        if rng.random() < 0.5:
            wholesale = people.wholesale
            b.offer(wholesale, vid, "new", money(price * Decimal("0.85")), at, pack=6)
            b.stock(wholesale, vid, rng.randint(60, 1200), 0, at)


def _specs(b: Bulk, pid: UUID, kind: vocab.SupplementKind, name: str, grams: int) -> None:
    rng, spec, rows = b.rng, b.cat.spec_ids, b.rows["product_specs"]
    serving = rng.randint(*kind.serving_g)
    if kind.protein_g:
        rows.append((pid, spec["protein_g"], Decimal(rng.randint(*kind.protein_g)), None, None))
    rows.append((pid, spec["serving_size_g"], Decimal(serving), None, None))
    rows.append((pid, spec["servings"], Decimal(max(1, grams // serving)), None, None))
    cert = rng.choices(("NSF", "Informed Sport", "None"), (30, 25, 45))[0]
    rows.append((pid, spec["certifications"], None, cert, None))
    vegan = "Plant" in name or (
        kind.category in ("vitamins", "creatine", "amino-acids") and rng.random() < 0.6
    )
    rows.append((pid, spec["vegan"], None, None, vegan))
