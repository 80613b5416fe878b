"""People and organisations: vendors and their locations, users, B2B accounts, addresses."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from random import Random
from typing import Any
from uuid import UUID

from emporium.seed import vocab
from emporium.seed.base import Ids, Loader, Plan, ago, later, slugify


@dataclass
class Vendor:
    id: UUID
    name: str
    slug: str
    status: str
    is_house: bool
    sells: str  # sneakers | supplements | both
    weight: int  # how often shoppers find it on a product (0: never)
    locations: list[UUID] = field(default_factory=list)
    staff: list[UUID] = field(default_factory=list)  # the owner first


@dataclass
class Person:
    id: UUID
    name: str
    address: dict[str, str] | None


@dataclass
class Account:
    id: UUID
    name: str
    type: str
    status: str
    tier: str
    rep_id: UUID
    members: list[tuple[UUID, str]]  # (user id, member role), the owner first
    address: dict[str, str]  # the shipping address, as orders snapshot it

    @property
    def buyers(self) -> list[UUID]:
        return [user for user, role in self.members if role in ("owner", "buyer")]


@dataclass
class People:
    vendors: list[Vendor]  # the house first, then the wholesaler, then marketplace sellers
    admins: list[UUID]
    reps: list[UUID]
    customers: list[Person]
    accounts: list[Account]

    @property
    def house(self) -> Vendor:
        return self.vendors[0]

    @property
    def wholesale(self) -> Vendor:
        return self.vendors[1]


USER_COLUMNS = "id email full_name role vendor_id vendor_role phone created_at updated_at"
ADDRESS_COLUMNS = (
    "id user_id account_id label recipient company line1 city region postal_code country"
    " is_default_shipping is_default_billing created_at updated_at"
)
VENDOR_COLUMNS = (
    "id name slug status commission_rate is_house contact_email contact_phone country"
    " default_currency ships_within_days accepts_returns created_at updated_at"
)
LOCATION_COLUMNS = "id vendor_id name code priority active country created_at updated_at"
ACCOUNT_COLUMNS = (
    "id name type status tier credit_limit currency payment_terms_days rep_id"
    " shopify_customer_id legacy_dealer_id tax_id created_at updated_at"
)
# The seed's wholesaler: its presence means "already seeded", and it is never joined to an
# existing vendor when seeding alongside (emporium.seed.existing).
WHOLESALE_SLUG = "peak-nutrition-wholesale"
CREDIT = {"bronze": 5000, "silver": 15000, "gold": 50000, "platinum": 150000}


class _Builder:
    def __init__(self, ld: Loader, rng: Random, ids: Ids, plan: Plan) -> None:
        self.ld, self.rng, self.ids, self.plan = ld, rng, ids, plan
        self.users: list[tuple[Any, ...]] = []
        self.addresses: list[tuple[Any, ...]] = []

    def phone(self) -> str:
        return f"+1 555 {self.rng.randrange(100, 1000)} {self.rng.randrange(10000):04d}"

    def address(self) -> dict[str, str]:
        city, region, postal, country, _ = self.rng.choice(vocab.CITIES)
        line1 = f"{self.rng.randrange(1, 2400)} {self.rng.choice(vocab.STREETS)}"
        out = {"line1": line1, "city": city, "postal_code": postal, "country": country}
        if region:
            out["region"] = region
        return out

    def user(
        self, role: str, domain: str, vendor: Vendor | None = None, vendor_role: str | None = None
    ) -> tuple[UUID, str]:
        first, last = self.rng.choice(vocab.FIRST_NAMES), self.rng.choice(vocab.LAST_NAMES)
        n = len(self.users) + 1
        uid, name = self.ids("user", n), f"{first} {last}"
        email = f"{slugify(first)}.{slugify(last)}.{n}@{domain}"
        phone = self.phone() if self.rng.random() < 0.6 else None
        at = ago(self.rng, 1100, 400)  # before any order (orders go back a year)
        vendor_id = vendor.id if vendor else None
        self.users.append((uid, email, name, role, vendor_id, vendor_role, phone, at, at))
        return uid, name

    def add_address(
        self,
        owner: tuple[UUID | None, UUID | None],
        label: str,
        recipient: str,
        company: str | None,
        addr: dict[str, str],
        *,
        shipping: bool,
        billing: bool,
    ) -> None:
        at = ago(self.rng, 600, 30)
        self.addresses.append(
            (
                self.ids("address", len(self.addresses)),
                *owner,
                label,
                recipient,
                company,
                addr["line1"],
                addr["city"],
                addr.get("region"),
                addr["postal_code"],
                addr["country"],
                shipping,
                billing,
                at,
                at,
            )
        )

    def vendors(self) -> list[Vendor]:
        rng, ids = self.rng, self.ids
        out = [
            Vendor(ids("vendor", "house"), "Emporium", "emporium", "active", True, "both", 9),
            Vendor(
                ids("vendor", "wholesale"),
                "Peak Nutrition Wholesale",
                WHOLESALE_SLUG,
                "active",
                False,
                "supplements",
                0,
            ),
        ]
        for n, name in enumerate(vocab.VENDOR_NAMES[: self.plan.vendors]):
            status = "pending" if n == 3 else "suspended" if n == 4 else "active"
            weight = 0 if status == "pending" else rng.choice((1, 2, 3, 4, 6))
            out.append(
                Vendor(ids("vendor", n), name, slugify(name), status, False, "sneakers", weight)
            )
        known, adopted = self.ld.existing, set()
        for v in out:  # the house, and vendors of the same slug, are joined (seed.existing)
            found = known.house if v.is_house else known.vendors.get(v.slug)
            if found is not None:
                v.id, v.name, v.status = found.id, found.name, found.status
                v.weight = 0 if found.status == "pending" else v.weight
                adopted.add(v.id)
        rows, locations = [], []
        for v in out:
            at = ago(rng, 1700, 1550)  # before the oldest product
            country = "US" if v.is_house or rng.random() < 0.85 else rng.choice(("GB", "DE", "JP"))
            commission = Decimal(0 if v.is_house else rng.choice((8, 10, 12, 15))) / 100
            row = (
                v.id,
                v.name,
                v.slug,
                v.status,
                commission,
                v.is_house,
                f"hello@{v.slug}.example",
                self.phone(),
                country,
                "USD",
                rng.choice((1, 1, 2, 2, 3, 5)),
                rng.random() < 0.8,
                at,
                at,
            )
            if v.id not in adopted:
                rows.append(row)
            count = 3 if v.is_house else rng.choice((1, 1, 2, 3))
            for pos, (city, _, _, _, code) in enumerate(rng.sample(vocab.CITIES[:18], count)):
                lid = ids("location", f"{v.slug}:{pos}")
                v.locations.append(lid)
                kind = (
                    "Distribution Center"
                    if v.sells != "sneakers"
                    else rng.choice(("Warehouse", "Store", "Stockroom"))
                )
                active = pos < 2 or rng.random() < 0.7
                locations.append(
                    (
                        lid,
                        v.id,
                        f"{city} {kind}",
                        known.location_code(v.id, f"{code}-{pos + 1}"),
                        10 * (pos + 1),
                        active,
                        "US",
                        at,
                        at,
                    )
                )
        self.ld.copy("vendors", VENDOR_COLUMNS, rows)
        self.ld.copy("stock_locations", LOCATION_COLUMNS, locations)
        return out

    def accounts(self, reps: list[UUID]) -> list[Account]:
        rng = self.rng
        out = []
        for n in range(self.plan.accounts):
            type_, noun = rng.choice(vocab.ACCOUNT_KINDS)
            name = f"{rng.choice(vocab.ACCOUNT_PREFIXES)} {noun} {rng.choice(vocab.CITIES[:18])[0]}"
            tier = rng.choices(("bronze", "silver", "gold", "platinum"), (40, 30, 20, 10))[0]
            if type_ == "distributor":
                tier = rng.choice(("gold", "platinum"))
            status = (
                "active"
                if n < 4
                else rng.choices(("active", "pending", "on_hold", "closed"), (85, 6, 6, 3))[0]
            )
            aid, domain = self.ids("account", n), f"{slugify(name)}.example"
            members: list[tuple[UUID, str]] = []
            for i in range(rng.choice((1, 1, 2, 2, 3))):
                role = "owner" if i == 0 else rng.choice(("buyer", "buyer", "viewer"))
                members.append((self.user("customer", domain)[0], role))
            ship = self.address()
            self.add_address(
                (None, aid), "Warehouse", "Receiving", name, ship, shipping=True, billing=False
            )
            self.add_address(
                (None, aid),
                "Billing",
                "Accounts Payable",
                name,
                self.address(),
                shipping=False,
                billing=True,
            )
            out.append(
                Account(
                    aid,
                    name,
                    type_,
                    status,
                    tier,
                    reps[n % len(reps)],
                    members,
                    {"recipient": "Receiving", "company": name, **ship},
                )
            )
        return out

    def write_accounts(self, accounts: list[Account]) -> None:
        rng, known = self.rng, self.ld.existing  # another account's ids stay its own
        rows: list[tuple[Any, ...]] = []
        members: list[tuple[Any, ...]] = []
        notes: list[tuple[Any, ...]] = []
        for n, a in enumerate(accounts):
            at = ago(rng, 1100, 400)
            shopify = str(6_100_000_000_000 + n * 7919) if rng.random() < 0.4 else None
            legacy = 10_000 + n if rng.random() < 0.3 else None
            tax_id = f"{rng.randrange(10, 99)}-{rng.randrange(1_000_000, 9_999_999)}"
            shopify = None if shopify in known.shopify_ids else shopify
            legacy = None if legacy in known.dealer_ids else legacy
            rows.append(
                (
                    a.id,
                    a.name,
                    a.type,
                    a.status,
                    a.tier,
                    Decimal(CREDIT[a.tier]),
                    "USD",
                    rng.choice((0, 15, 30, 30, 45, 60)),
                    a.rep_id,
                    shopify,
                    legacy,
                    tax_id,
                    at,
                    at,
                )
            )
            members.extend((a.id, user, role, later(rng, at, 24 * 30)) for user, role in a.members)
            for _ in range(max(int(n == 0), rng.choice((0, 0, 1, 1, 2)))):
                noted = ago(rng, 150, 1)
                notes.append(
                    (
                        self.ids("account_note", len(notes)),
                        a.id,
                        a.rep_id,
                        rng.choice(vocab.ACCOUNT_NOTES),
                        noted,
                        noted,
                    )
                )
        self.ld.copy("accounts", ACCOUNT_COLUMNS, rows)
        self.ld.copy("account_members", "account_id user_id role created_at", members)
        self.ld.copy("addresses", ADDRESS_COLUMNS, self.addresses)
        self.ld.copy("account_notes", "id account_id author_id body created_at updated_at", notes)

    def build(self) -> People:
        rng, plan = self.rng, self.plan
        vendors = self.vendors()
        admins = [self.user("admin", "emporium.example")[0] for _ in range(3)]
        reps = [self.user("rep", "emporium.example")[0] for _ in range(plan.reps)]
        for v in vendors:
            for role in ["owner", *rng.sample(["manager", "staff", "staff"], rng.randrange(3))]:
                v.staff.append(
                    self.user("vendor", f"{v.slug}.example", vendor=v, vendor_role=role)[0]
                )
        customers = []
        for _ in range(plan.customers):
            uid, name = self.user("customer", "example.com")
            addr = self.address() if rng.random() < 0.8 else None
            if addr is not None:
                self.add_address((uid, None), "Home", name, None, addr, shipping=True, billing=True)
            customers.append(Person(uid, name, addr))
        accounts = self.accounts(reps)
        self.ld.copy("users", USER_COLUMNS, self.users)
        self.write_accounts(accounts)
        return People(vendors, admins, reps, customers, accounts)


def seed_people(ld: Loader, rng: Random, ids: Ids, plan: Plan) -> People:
    """Vendors (the house, a wholesaler, marketplace sellers) with locations and staff,
    admins, reps, customers, and B2B accounts with members, addresses and rep notes."""
    return _Builder(ld, rng, ids, plan).build()
