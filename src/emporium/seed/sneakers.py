"""Sneakers as KicksDB would deliver them: a style code, a colourway, a size run, offers.

Style codes follow the DD1391-100 pattern (2 letters, 4 digits, '-', 3 digits), unique;
colourways of one silhouette often share the 6-character base. Sizes are half sizes from
US 4 to US 15 (``size_us`` 4.0 .. 15.0, ``size_label`` 'US 10.5'), a run that depends on
the gender. Vendors offer a share of the sizes in one condition each; every offer has a
stock level at one of the vendor's locations.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

from emporium.seed import vocab
from emporium.seed.base import BASE_TIME, dollars, ean13, later, slugify
from emporium.seed.catalog import Bulk, OfferRef
from emporium.seed.people import Vendor

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CONDITION_FACTOR = {"new": 1.0, "vnds": 0.88, "used_good": 0.62}
TITLE_SUFFIX = {"women": " (W)", "kids": " (GS)", "toddler": " (TD)"}


def size_text(half: int) -> str:
    """8 -> '4', 21 -> '10.5' (sizes are counted in half sizes)."""
    return str(half // 2) if half % 2 == 0 else f"{half // 2}.5"


class Sneakers:
    def __init__(self, bulk: Bulk) -> None:
        self.b = bulk
        self.codes: set[str] = set()
        self.bases: dict[str, list[str]] = {}
        self.sellers = [
            v for v in bulk.people.vendors if v.sells in ("sneakers", "both") and v.weight
        ]
        self.weights = [v.weight for v in self.sellers]
        # keep a sample of offers (about 40,000 at most) for carts and orders
        self.keep = min(1.0, 40_000 / max(1, bulk.plan.sneakers * 9))

    def style_code(self, model: str) -> str:
        rng, bases = self.b.rng, self.bases.setdefault(model, [])
        while True:
            if bases and rng.random() < 0.7:
                base = rng.choice(bases)
            else:
                base = f"{rng.choice(LETTERS)}{rng.choice(LETTERS)}{rng.randrange(1000, 10000)}"
                bases.append(base)
            suffix = (
                rng.choice(vocab.STYLE_SUFFIXES)
                if rng.random() < 0.7
                else f"{rng.randrange(1000):03d}"
            )
            code = f"{base}-{suffix}"
            if code not in self.codes:
                self.codes.add(code)
                return code

    def add(self) -> None:
        b, rng = self.b, self.b.rng
        m = rng.choice(vocab.SNEAKER_MODELS)
        nick, colors = rng.choice(vocab.COLORWAYS)
        edition = rng.choice(vocab.EDITIONS)
        gender = rng.choices(("men", "women", "unisex", "kids", "toddler"), (55, 22, 10, 9, 4))[0]
        model = f"{m.model} {edition}".strip()
        title = f"{'' if m.brand == 'Jordan' else m.brand + ' '}{model} '{nick}'"
        title += TITLE_SUFFIX.get(gender, "")
        code = self.style_code(m.model)
        slug = slugify(f"{title} {code}")
        pid = b.next("product")
        released = (BASE_TIME - timedelta(days=rng.randrange(-120, 4000))).date()
        status = (
            "draft"
            if released > BASE_TIME.date()
            else rng.choices(("active", "archived"), (95, 5))[0]
        )
        retail = Decimal(m.retail) + (Decimal(rng.choice((0, 10, 20))) if edition else 0)
        if gender in ("kids", "toddler"):
            retail = dollars(float(retail) * (0.6 if gender == "kids" else 0.45))
        announced = datetime.combine(released, BASE_TIME.timetz()) - timedelta(
            days=rng.randrange(7, 60)
        )
        created = max(min(BASE_TIME, announced), BASE_TIME - timedelta(days=1500))
        kicks_id = str(b.ids("kicksdb", pid))
        description = rng.choice(vocab.SNEAKER_DESCRIPTIONS).format(
            model=m.model, nick=nick, colors=colors, brand=m.brand
        )
        payload = self.payload(
            kicks_id, title, m, model, code, slug, gender, colors, released, retail, description
        )
        if gender in ("men", "unisex"):
            start = rng.randint(12, 17)  # US 6 .. 8.5
            sizes = list(range(start, min(30, start + rng.randint(9, 15) - 1) + 1))
        elif gender == "women":
            start = rng.randint(10, 12)
            sizes = list(range(start, min(24, start + rng.randint(7, 12) - 1) + 1))
        elif gender == "kids":
            sizes = list(range(8, 15))
        else:
            sizes = list(range(8, 21, 2))
        kind = "variable" if len(sizes) > 1 else "simple"
        b.rows["products"].append(
            (
                pid,
                title,
                slug,
                b.cat.brand_ids[m.brand],
                model,
                code,
                colors,
                gender,
                released,
                retail,
                "USD",
                description,
                kind,
                status,
                "kicksdb",
                kicks_id,
                payload,
                created,
                created,
            )
        )
        b.rows["product_categories"].append(
            (pid, b.cat.category_ids[f"footwear/sneakers/{m.category}"])
        )
        b.images(
            pid,
            slug,
            title,
            rng.randint(2, 4),
            created,
            f"https://images.kicksdb.example/{kicks_id}",
        )
        b.external("kicksdb", pid, kicks_id, created)
        variants = []
        for pos, half in enumerate(sizes):
            vid, size = b.next("variant"), size_text(half)
            variants.append((vid, half, f"{code}-{size}"))
            weight = 850 + (half - 8) * 25 + rng.randrange(-40, 41)
            state = "inactive" if rng.random() < 0.02 else "active"
            b.rows["product_variants"].append(
                (
                    vid,
                    pid,
                    f"{code}-{size}",
                    f"US {size}",
                    Decimal(half) / 2,
                    "{}",
                    ean13(rng),
                    weight,
                    state,
                    pos,
                    created,
                    created,
                )
            )
        if status != "draft":  # nobody sells an unreleased pair yet
            self.offers(title, released, retail, m.hype, created, variants)

    def offers(
        self,
        title: str,
        released: date,
        retail: Decimal,
        hype: float,
        created: datetime,
        variants: list[tuple[UUID, int, str]],
    ) -> None:
        b, rng = self.b, self.b.rng
        sellers: list[Vendor] = []
        want = rng.choices((1, 2, 3, 4), (30, 38, 22, 10))[0]
        for _ in range(want * 3):
            v = rng.choices(self.sellers, self.weights)[0]
            if v not in sellers:
                sellers.append(v)
            if len(sellers) == want:
                break
        fresh = (BASE_TIME.date() - released).days < 365
        for v in sellers:
            cond = "new"
            if not v.is_house:
                cond = rng.choices(("new", "vnds", "used_good"), (80, 13, 7))[0]
            share = 0.8 if v.is_house else 0.42
            at = min(BASE_TIME, later(rng, created, 24 * 90))
            for vid, half, sku in variants:
                if rng.random() >= share:
                    continue
                if v.is_house and fresh:
                    price = retail  # the store sells this season's pairs at retail
                else:
                    rare = 1.08 if half <= 14 or half >= 26 else 1.0
                    price = dollars(
                        float(retail)
                        * hype
                        * CONDITION_FACTOR[cond]
                        * rare
                        * rng.uniform(0.85, 1.3)
                    )
                paused = v.status == "suspended" or rng.random() < 0.04
                oid = b.offer(v, vid, cond, price, at, "paused" if paused else "active")
                if v.is_house:
                    on_hand, reorder = rng.randint(2, 24), rng.choice((2, 3, 4))
                else:
                    on_hand = rng.choices((1, 2, 3, 4, 5, 8), (40, 25, 15, 10, 6, 4))[0]
                    reorder = 0
                loc = b.stock(v, vid, on_hand, reorder, at)
                if not paused and cond == "new" and rng.random() < self.keep:
                    b.cat.sneaker_offers.append(
                        OfferRef(oid, v.id, vid, sku, f"{title}, US {size_text(half)}", price, loc)
                    )

    def payload(
        self,
        kicks_id: str,
        title: str,
        m: vocab.SneakerModel,
        model: str,
        code: str,
        slug: str,
        gender: str,
        colors: str,
        released: date,
        retail: Decimal,
        description: str,
    ) -> str:
        """A KicksDB (StockX) product, as the API returns it."""
        rng = self.b.rng
        low = float(retail) * m.hype * rng.uniform(0.8, 1.0)
        return json.dumps(
            {
                "id": kicks_id,
                "title": title,
                "brand": m.brand,
                "model": model,
                "sku": code,
                "slug": slug,
                "category": "sneakers",
                "product_type": "sneakers",
                "secondary_category": "Air Jordan" if m.brand == "Jordan" else m.model.split()[0],
                "gender": gender,
                "colorway": colors,
                "release_date": released.isoformat(),
                "retail_price": float(retail),
                "description": description,
                "image": f"https://images.kicksdb.example/{kicks_id}/1.jpg",
                "link": f"https://stockx.example/{slug}",
                "min_price": round(low, 2),
                "max_price": round(low * rng.uniform(1.3, 2.2), 2),
                "avg_price": round(low * rng.uniform(1.05, 1.25), 2),
                "weekly_orders": rng.randrange(400),
                "upcoming": released > BASE_TIME.date(),
                "traits": [
                    {"trait": "Style", "value": code},
                    {"trait": "Colorway", "value": colors},
                    {"trait": "Retail Price", "value": str(retail)},
                    {"trait": "Release Date", "value": released.isoformat()},
                ],
                "updated_at": (BASE_TIME - timedelta(days=rng.randrange(1, 30))).isoformat(),
            },
            separators=(",", ":"),
        )
