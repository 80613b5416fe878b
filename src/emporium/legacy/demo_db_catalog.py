"""The legacy catalog tables: ``users`` (who sells), ``products`` (KicksDB) and ``sneakers``.

One generator per table; each yields rows in the column order of :data:`COLUMNS` and
records in the :class:`World` what later tables point at. See :data:`MESS` for how often
each kind of mess is injected.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from random import Random
from typing import Any

from emporium.legacy.demo_db_words import (
    CONDITIONS,
    DEAD_PLACEHOLDERS,
    EMAIL_DOMAINS,
    INVALID_EMAILS,
    JUNK_SIZES,
    LISTING_QUANTITY,
    MESS,
    PALACE_SPELLINGS,
    PHONE_FORMATS,
    ROLE_JUNK,
    ROLE_SPELLINGS,
    VARIANT_STOCK,
    Dice,
    ascii_slug,
    case_or_space,
    code_spelling,
    image_url,
    money_text,
    pick,
    release_text,
    size_text,
    us_size,
)
from emporium.legacy.demo_db_world import FROZEN, Shoe, World
from emporium.seed import vocab

Row = tuple[Any, ...]
STOCKX = "https://images.stockx.com/images"
IMPORTS_BEGAN = FROZEN - timedelta(days=900)  # when products started coming from KicksDB
CONDITION_FACTOR = {"VNDS": 0.88, "used": 0.62, "Used - good": 0.62}


def _role(dice: Dice, kind: str, seen: Counter[str]) -> str | None:
    """The role as written: the first users of a kind show each spelling of it once."""
    rng, spellings = dice.rng, ROLE_SPELLINGS[kind]
    seen[kind] += 1
    if kind == "customer":
        if dice("users.role_null"):
            return None
        if dice("users.role_junk"):
            return rng.choice(ROLE_JUNK)
    if seen[kind] <= len(spellings):
        return spellings[seen[kind] - 1][0]
    return pick(rng, spellings[1:]) if dice("users.role_variant") else spellings[0][0]


def _email(rng: Random, first: str, last: str, n: int) -> str:
    f, la = ascii_slug(first, ""), ascii_slug(last, "")
    local = rng.choice((f"{f}.{la}{n}", f"{f}{la[:1]}{n}", f"{f[:1]}{la}{n}", f"{f}_{la}{n}"))
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def _store_names(rng: Random, count: int) -> list[str]:
    """Sneaker Palace first, then the seed's vendor names, then with a city when they run out."""
    names = ["Sneaker Palace"]
    pool = list(vocab.VENDOR_NAMES)
    rng.shuffle(pool)
    while len(names) < count:
        n = len(names) - 1
        name = pool[n % len(pool)]
        if n >= len(pool):
            name = f"{name} {vocab.CITIES[(n // len(pool)) % len(vocab.CITIES)][0]}"
            if n >= len(pool) * len(vocab.CITIES):
                name = f"{name} {n // (len(pool) * len(vocab.CITIES)) + 1}"
        names.append(name)
    return names


def users(world: World) -> Iterator[Row]:
    """Admins, reps, store staff (Sneaker Palace's three spell their store three ways),
    customers; some people signed up twice with the same email in other case/spaces."""
    rng, plan = world.rng("users"), world.plan
    dice, seen = Dice(rng, "users", plan.users), Counter[str]()
    slots: list[tuple[str, str | None]] = [("admin", None)] * plan.admins
    slots += [("rep", None)] * plan.reps
    for store_index, store_name in enumerate(_store_names(rng, plan.stores)):
        staff = 3 if store_index == 0 else rng.choice((1, 1, 2, 2, 3))
        for k in range(staff):
            if store_index == 0:
                spelled = PALACE_SPELLINGS[k]
            elif rng.random() < MESS["users.store_name_spelling"]:
                spelled = case_or_space(rng, store_name)
            else:
                spelled = store_name
            slots.append(("vendor", spelled))
    written = 0
    while written < plan.users:
        dice.next_row()
        kind, store = slots[written] if written < len(slots) else ("customer", None)
        if kind == "customer" and dice("users.vendor_without_store"):
            kind = "vendor"  # set up as a seller, never named a store
        first, last = rng.choice(vocab.FIRST_NAMES), rng.choice(vocab.LAST_NAMES)
        clean = _email(rng, first, last, written)
        email: str | None = clean
        if kind == "customer" and dice("users.email_null"):
            email = None
        elif kind == "customer" and dice("users.email_invalid"):
            email = rng.choice(INVALID_EMAILS).format(local=clean.split("@")[0])
        name = f"{first} {last}"
        if dice("users.long_name"):
            name = f"{name} " + " ".join([last] * 60)
        created = None if dice("users.created_at_null") else world.when(rng)
        user_id = world.new_id(rng)
        phone = rng.choice(PHONE_FORMATS).format(
            a=rng.randrange(201, 990), b=f"{rng.randrange(10000):04d}"
        )
        yield (user_id, email, name, _role(dice, kind, seen), store, phone or None, created)
        written += 1
        world.users.append(user_id)
        if kind == "rep":
            world.rep_emails.append(clean)
        elif kind == "vendor" and store is not None:
            world.staff.append(user_id)
        elif kind == "customer":
            world.customers.append(user_id)
        if email == clean and written < plan.users and dice("users.email_duplicate"):
            twin_created = created  # the first twin always signed up at the same moment
            same = dice("users.duplicate_same_created_at") or not world.twins
            if created is not None and not same:
                twin_created = created + timedelta(days=rng.uniform(0.01, 500))
            twin_id = world.new_id(rng)
            yield (
                twin_id,
                case_or_space(rng, clean),
                name,
                _role(dice, "customer", seen),
                None,
                None,
                twin_created,
            )
            written += 1
            world.users.append(twin_id)
            world.twins.append(twin_id)


def _variants(dice: Dice, shoe: Shoe) -> list[dict[str, Any]]:
    """The size run as KicksDB import wrote it, with the odd broken item."""
    rng = dice.rng
    items: list[dict[str, Any]] = []
    for half in shoe.half_sizes(rng):
        item: dict[str, Any] = {"size": us_size(half)}
        price = int(shoe.resale(rng))
        item["price"] = f"${price}" if dice("products.variant_price_string") else price
        stock = pick(rng, VARIANT_STOCK)
        if dice("products.variant_stock_negative"):
            stock = -rng.randint(1, 3)
        item["stock"] = stock
        if dice("products.variant_size_missing"):
            del item["size"]
        elif dice("products.variant_size_garbage"):
            item["size"] = rng.choice(("", None, *JUNK_SIZES))
        items.append(item)
    return items


def _json_or_mess(rng: Random, value: list[Any], obj: Any, text: str) -> str | None:
    """A JSON list as imported mostly; else NULL, an object, a string, {} or []."""
    roll = rng.randrange(100)
    if roll < 88:
        return json.dumps(value)
    if roll < 92:
        return None
    if roll < 94:
        return json.dumps(obj)
    if roll < 97:
        return json.dumps(text)  # a JSON string, not a list
    return "{}" if roll < 99 else "[]"


def _product(
    world: World, dice: Dice, index: int, kicksdb_id: str | None, first: Row | None
) -> Row:
    """A products row for shoe ``index``; ``first`` is the row it re-imports, if any."""
    rng = dice.rng
    shoe = world.shoes[index]
    title = shoe.title
    if first is not None and rng.random() < 0.5:
        title = rng.choice((f"{title} ({shoe.released.year})", title.upper(), f"{title} "))
    stem = f"{STOCKX}/{shoe.title_slug.title()}"
    picture = f"{stem}-Product.jpg"
    gallery = [f"{stem}-{n}.jpg" for n in range(1, 5)]
    if dice("image.dead_placeholder"):
        image: str | None = rng.choice(DEAD_PLACEHOLDERS)
    else:
        image = None if dice("image.null") else picture
    variants = _variants(dice, shoe)
    sizes = [v.get("size") for v in variants]
    released = shoe.released
    payload = {
        "id": kicksdb_id,
        "title": title,
        "brand": shoe.model.brand,
        "model": shoe.model.model,
        "sku": shoe.code,
        "slug": shoe.slug,
        "category": shoe.model.category,
        "product_type": "sneakers",
        "gender": shoe.gender,
        "colorway": shoe.colors,
        "release_date": released.isoformat() if released <= FROZEN.date() else None,
        "retail_price": int(shoe.retail),
        "image": picture,
        "gallery": gallery,
        "link": f"https://stockx.com/{shoe.slug}",
        "traits": [
            {"trait": "Colorway", "value": shoe.colors},
            {"trait": "Retail Price", "value": f"${shoe.retail}"},
            {"trait": "Release Date", "value": released.isoformat()},
        ],
        "variants": [
            {"size": v.get("size"), "size_type": "us m", "lowest_ask": v["price"]} for v in variants
        ],
    }
    return (
        world.new_id(rng),
        kicksdb_id,
        title,
        shoe.model.brand,
        f"{shoe.model.model} {shoe.edition}".strip(),
        shoe.code,
        shoe.slug,
        None if dice("products.retail_price_null") else shoe.retail,
        release_text(rng, released.year, released.month, released.day),
        image,
        _json_or_mess(rng, gallery, {"main": picture}, picture),
        _json_or_mess(rng, variants, {"sizes": sizes}, json.dumps(variants)),
        None if dice("products.raw_null") else json.dumps(payload),
        world.when(rng, IMPORTS_BEGAN) if first is None else world.when(rng, first[-1]),
    )


def products(world: World) -> Iterator[Row]:
    """One row per imported shoe; a few imported twice (same kicksdb_id, maybe another title)."""
    rng = world.rng("products")
    dice = Dice(rng, "products", world.imported)
    for index in range(world.imported):
        dice.next_row()
        kicksdb_id = None if dice("products.kicksdb_null") else str(world.new_id(rng))
        row = _product(world, dice, index, kicksdb_id, None)
        world.products.append((row[0], index))
        yield row
        if dice("products.kicksdb_duplicate") and kicksdb_id is not None:
            again = _product(world, dice, index, kicksdb_id, row)
            world.products.append((again[0], index))
            yield again


def _style_code(world: World, dice: Dice, shoe: Shoe, linked: bool) -> str | None:
    rng, code = dice.rng, shoe.code
    if not linked:  # a code no products row has: another colourway's, mistyped
        base = code.split("-")[0]
        code = f"{base}-{rng.randrange(1000):03d}"
        while code in world.codes:
            code = f"{base}-{rng.randrange(1000):03d}"
    if dice("sneakers.style_code_null"):
        return None
    return code_spelling(rng, code) if dice("sneakers.style_code_spelling") else code


def _seller(world: World, dice: Dice) -> Any:
    rng = dice.rng
    if dice("sneakers.seller_not_vendor"):
        return rng.choice(world.customers)
    if dice("sneakers.seller_missing"):
        return world.new_id(rng)  # the seller's account was deleted
    if dice("sneakers.seller_null"):
        return None
    return world.staff[world.popular(rng, 0, len(world.staff))]


def sneakers(world: World) -> Iterator[Row]:
    """One row per listing of one size; most join a product by style code, some only by
    brand + name, a fifth by nothing at all."""
    rng = world.rng("sneakers")
    dice = Dice(rng, "sneakers", world.plan.sneakers)
    total = len(world.shoes)
    for sneaker_id in range(1, world.plan.sneakers + 1):
        dice.next_row()
        linked = True
        if dice("sneakers.no_product"):
            index = world.popular(rng, world.imported, total)
        else:
            index = world.popular(rng, 0, world.imported)
            linked = not dice("sneakers.code_without_product")
        world.sneaker_shoes.append(index)
        shoe = world.shoes[index]
        name = shoe.title
        if dice("sneakers.name_spelling"):
            name = case_or_space(rng, name)
        brand: str | None = shoe.model.brand
        if dice("sneakers.brand_null"):
            brand = None
        elif dice("sneakers.brand_spelling"):
            brand = case_or_space(rng, shoe.model.brand)
        condition = pick(rng, CONDITIONS)
        price = shoe.resale(rng) * Decimal(str(CONDITION_FACTOR.get(condition or "", 1.0)))
        if dice("sneakers.grail"):
            price = price * rng.randint(5, 9) + Decimal("0.99")
        quantity: int | None = pick(rng, LISTING_QUANTITY)
        if dice("sneakers.quantity_zero"):
            quantity = 0
        elif dice("sneakers.quantity_null"):
            quantity = None
        elif dice("sneakers.quantity_negative"):
            quantity = -rng.randint(1, 3)
        folder = f"https://cdn.shopify.com/s/files/1/0{rng.randrange(100, 999)}/products"
        good = f"{folder}/{shoe.title_slug}.jpg"
        created: datetime | None = world.in_order(rng, sneaker_id, world.plan.sneakers)
        if dice("sneakers.created_at_null"):
            created = None
        updated = None
        if created is not None and not dice("sneakers.updated_at_null"):
            updated = world.when(rng, created)
        yield (
            sneaker_id,
            name,
            brand,
            _style_code(world, dice, shoe, linked),
            size_text(rng, rng.choice(shoe.half_sizes(rng))),
            money_text(rng, price.quantize(Decimal("0.01"))),
            quantity,
            condition,
            image_url(rng, good, f"/uploads/sneakers/{sneaker_id}.jpg"),
            _seller(world, dice),
            None if created is None else created.replace(tzinfo=None),
            None if updated is None else updated.replace(tzinfo=None),
        )
