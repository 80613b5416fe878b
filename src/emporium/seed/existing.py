"""What a database already holds that the seed joins instead of duplicating.

Seeding *alongside* existing data (``generate.run(..., alongside=True)``, used by
``emporium demo`` on the store it has just reorganized from the legacy database) adopts:

- **the house vendor**: there is only one (``uq_vendors__one_house``); the seed's house
  offers, stock locations and staff go to the existing one;
- **vendors with the seed's slug** (a migrated "Kicks Vault" is the seed's "Kicks Vault"):
  the seed adds its locations, staff and offers to it, keeping its name and status;
- **brands** by slug or case-insensitive name, **categories** by path and **spec
  definitions** by key.

An adopted row is not written again, and never changed. Stock locations get a code of their
own when the seed's is taken at that vendor, and B2B accounts leave out a legacy dealer id or
Shopify customer id that another account already has. Any other clash (an email, a style
code) stops the seed's one transaction with a ``Conflict`` naming the key: nothing is written.

A joined vendor keeps its status; one that is ``pending`` is given no offers, as the seed's
own pending vendor. Otherwise the random draws don't depend on what is joined: on an empty
database, seeding alongside writes exactly the rows plain seeding does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import psycopg


@dataclass(frozen=True)
class Adopted:
    id: UUID
    name: str
    status: str


@dataclass(frozen=True)
class Existing:
    house: Adopted | None = None
    vendors: dict[str, Adopted] = field(default_factory=dict)  # by slug, the house left out
    locations: frozenset[tuple[UUID, str]] = frozenset()  # (vendor id, code)
    brands: dict[str, UUID] = field(default_factory=dict)  # by slug and by lower(name)
    categories: dict[str, UUID] = field(default_factory=dict)  # by path
    specs: dict[str, UUID] = field(default_factory=dict)  # by key
    dealer_ids: frozenset[int] = frozenset()
    shopify_ids: frozenset[str] = frozenset()

    @classmethod
    def load(cls, conn: psycopg.Connection[Any]) -> Existing:
        house = None
        vendors = {}
        for vid, slug, name, status, is_house in conn.execute(
            "select id, slug, name, status, is_house from public.vendors"
        ):
            if is_house:
                house = Adopted(vid, name, status)
            else:
                vendors[slug] = Adopted(vid, name, status)
        brands: dict[str, UUID] = {}
        for bid, slug, name in conn.execute("select id, slug, name from public.brands"):
            brands[slug] = brands[str(name).lower()] = bid

        def pairs(query: Any) -> dict[str, UUID]:
            return {str(key): value for key, value in conn.execute(query)}

        def values(query: Any) -> list[Any]:
            return [row[0] for row in conn.execute(query)]

        return cls(
            house=house,
            vendors=vendors,
            locations=frozenset(
                (vid, str(code))
                for vid, code in conn.execute("select vendor_id, code from public.stock_locations")
            ),
            brands=brands,
            categories=pairs("select path, id from public.categories"),
            specs=pairs("select key, id from public.spec_definitions"),
            dealer_ids=frozenset(
                values(
                    "select legacy_dealer_id from public.accounts"
                    " where legacy_dealer_id is not null"
                )
            ),
            shopify_ids=frozenset(
                values(
                    "select shopify_customer_id from public.accounts"
                    " where shopify_customer_id is not null"
                )
            ),
        )

    def brand(self, name: str, slug: str) -> UUID | None:
        return self.brands.get(slug) or self.brands.get(name.lower())

    def location_code(self, vendor: UUID, code: str) -> str:
        """``code``, or ``code-2``, ``code-3``, ... when the vendor already has it."""
        candidate, n = code, 1
        while (vendor, candidate) in self.locations:
            n += 1
            candidate = f"{code}-{n}"
        return candidate
