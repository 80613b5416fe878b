"""Random sequences of inventory operations against a plain Python model of the ledger
(issue #4, item 7).

A hypothesis state machine drives receive, adjust, transfer, reserve (anywhere, at a vendor,
at a location; with and without an idempotency key, replayed), reserve_lines, release,
release_holder, commit, expiry (a simulated clock: reservations are made due by moving their
``expires_at`` into the past as the owner, then swept) and cycle counts, against the seeded
world plus a few locations and variants of its own. The model knows on_hand and reserved per
(location, variant), the active reservations and which of them are due, and the allocation
rules; after EVERY step the database's levels and active reservations must equal the model's
and ``stock_check_ledger()`` must be empty. Refusals the model expects (insufficient_stock,
below_reserved, reservation_expired, idempotency_key_reused) must be the database's, with the
same detail.

One database for the run (``world_db``); every example runs in one transaction that is
rolled back at its end, each step in a savepoint of it (``transaction_as``).
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, LiteralString

import psycopg
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from psycopg.types.json import Jsonb

from emporium.db.connect import Database
from emporium.db.session import Persona
from emporium.errors import EmporiumError
from tests.conftest import PERSONAS
from tests.inventory.support import (
    ADMIN,
    SERVICE,
    add_location,
    add_variant,
    check_ledger,
    receive,
    rows_as,
    value_as,
)
from tests.world import ID

Key = tuple[uuid.UUID, uuid.UUID]  # (location, variant)
Holder = tuple[str, uuid.UUID]

HOLDERS: list[Holder] = [
    ("cart", ID["cart_customer_a"]),
    ("cart", ID["cart_customer_b"]),
    ("order", ID["order_customer_b"]),
]
OUTCOMES: Counter[str] = Counter()  # what the steps did, over the whole run
STAFF = {ID["vendor_a"]: PERSONAS["vendor_a_staff"], ID["vendor_b"]: PERSONAS["vendor_b_staff"]}


@dataclass(frozen=True)
class Location:
    id: uuid.UUID
    vendor: uuid.UUID
    priority: int
    active: bool


@dataclass(frozen=True)
class World:
    """What the machine may touch, and what allocation depends on (never changed by it)."""

    locations: dict[uuid.UUID, Location]
    variants: list[uuid.UUID]
    # the cheapest active offer per (vendor, variant), active vendors only
    prices: dict[tuple[uuid.UUID, uuid.UUID], Decimal]


@dataclass
class Reservation:
    location: uuid.UUID
    variant: uuid.UUID
    quantity: int
    holder: Holder
    due: bool = False


@dataclass
class Keyed:
    """A reservation call made with an idempotency key: its arguments and its rows."""

    variant: uuid.UUID
    quantity: int
    holder: Holder
    vendor: uuid.UUID | None
    location: uuid.UUID | None
    ids: list[uuid.UUID] = field(default_factory=list)


def build_world(db: Database) -> World:
    """Two more locations (one inactive) and three variants with stock, committed."""
    with psycopg.connect(db.admin_dsn) as conn:
        a2 = add_location(conn, ID["vendor_a"], priority=10)
        add_location(conn, ID["vendor_b"], priority=50, active=False)
        cheaper_at_b = add_variant(conn, {ID["vendor_a"]: 100, ID["vendor_b"]: 90})
        same_price = add_variant(conn, {ID["vendor_a"]: 50, ID["vendor_b"]: 50})
        only_a = add_variant(conn, {ID["vendor_a"]: 70})
        for variant in (cheaper_at_b, same_price, only_a):
            receive(conn, ID["loc_a"], variant, 4)
            receive(conn, a2, variant, 3)
            receive(conn, ID["loc_b"], variant, 5)
        conn.commit()
        locations = {
            row[0]: Location(*row)
            for row in conn.execute(
                "select id, vendor_id, priority, active from public.stock_locations"
            )
        }
        prices = {
            (vendor, variant): price
            for vendor, variant, price in conn.execute(
                "select o.vendor_id, o.variant_id, min(o.price) from public.offers o"
                " join public.vendors v on v.id = o.vendor_id and v.status = 'active'"
                " where o.status = 'active' group by 1, 2"
            )
        }
    variants = [ID["variant_active"], cheaper_at_b, same_price, only_a]
    return World(locations, variants, prices)


class Refused(Exception):
    """What the model expects the database to refuse, with the code and the detail."""

    def __init__(self, code: str, **detail: Any) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


class InventoryMachine(RuleBasedStateMachine):
    def __init__(self, db: Database, world: World) -> None:
        super().__init__()
        self.world = world
        self.conn = psycopg.connect(db.admin_dsn)
        self.conn.execute("select 1")  # the example's transaction, rolled back in teardown
        self.levels: dict[Key, list[int]] = {}  # [on_hand, reserved]
        self.active: dict[uuid.UUID, Reservation] = {}
        self.keyed: dict[str, Keyed] = {}

    # ------------------------------------------------------------------ plumbing
    def teardown(self) -> None:
        self.conn.rollback()
        self.conn.close()

    def expect(
        self,
        refusal: Refused | None,
        persona: Persona,
        statement: LiteralString,
        params: list[Any],
    ) -> list[dict[str, Any]]:
        """Run a step; the database must refuse it exactly when the model says so."""
        error: EmporiumError | None = None
        rows: list[dict[str, Any]] = []
        try:
            rows = rows_as(self.conn, persona, statement, params)
        except EmporiumError as exc:
            error = exc
        OUTCOMES[
            f"{statement.split('(')[0].split('.')[-1]}: {refusal.code if refusal else 'ok'}"
        ] += 1
        if error is None:
            assert refusal is None, f"the database accepted what the model refuses: {refusal}"
            return rows
        assert refusal is not None, f"unexpected {error.instance_code}: {error.detail}"
        assert error.instance_code == refusal.code, (error.instance_code, refusal.code)
        for name, value in refusal.detail.items():
            assert error.detail.get(name) == value, (name, error.detail, refusal.detail)
        return []

    def level(self, key: Key) -> list[int]:
        return self.levels.setdefault(key, [0, 0])

    def available(self, key: Key) -> int:
        on_hand, reserved = self.levels.get(key, (0, 0))
        return on_hand - reserved

    def locations_of(self, vendor: uuid.UUID) -> list[uuid.UUID]:
        return sorted(loc.id for loc in self.world.locations.values() if loc.vendor == vendor)

    # --------------------------------------------------------------- the model's rules
    def allocation(
        self, variant: uuid.UUID, quantity: int, vendor: uuid.UUID | None, at: uuid.UUID | None
    ) -> list[tuple[uuid.UUID, int]]:
        """Where stock_reserve takes the units from, or Refused(insufficient_stock)."""
        anywhere = vendor is None and at is None
        ranked: list[tuple[Any, uuid.UUID, int]] = []
        for location_id, variant_id in self.levels:
            location = self.world.locations[location_id]
            if variant_id != variant or not location.active:
                continue
            if (vendor is not None and location.vendor != vendor) or (
                at is not None and location_id != at
            ):
                continue
            price = self.world.prices.get((location.vendor, variant))
            if anywhere and price is None:
                continue
            order = (price if anywhere else 0, location.priority, location_id)
            ranked.append((order, location_id, self.available((location_id, variant))))
        ranked.sort()
        for _, location_id, free in ranked:
            if free >= quantity:
                return [(location_id, quantity)]
        total = sum(free for _, _, free in ranked if free > 0)
        if total < quantity:
            raise Refused("insufficient_stock", requested=quantity, available=total)
        taken: list[tuple[uuid.UUID, int]] = []
        remaining = quantity
        for _, location_id, free in ranked:
            if remaining == 0:
                break
            if free > 0:
                take = min(free, remaining)
                taken.append((location_id, take))
                remaining -= take
        return taken

    def hold(
        self, variant: uuid.UUID, holder: Holder, rows: list[dict[str, Any]]
    ) -> list[uuid.UUID]:
        # by location: the order of the model's reservations must not depend on random ids
        rows = sorted(rows, key=lambda row: row["location_id"])
        for row in rows:
            self.level((row["location_id"], variant))[1] += row["quantity"]
            self.active[row["id"]] = Reservation(
                row["location_id"], variant, row["quantity"], holder
            )
        return [row["id"] for row in rows]

    def pick(self, n: int, *, due: bool | None = None) -> uuid.UUID | None:
        # in the order they were made: a replayed example picks the same one again
        ids = [i for i, r in self.active.items() if due is None or r.due == due]
        return ids[n % len(ids)] if ids else None

    # -------------------------------------------------------------------- rules
    @initialize()
    def load(self) -> None:
        """The model starts from what the database holds (the world's levels and holds)."""
        for loc, var, on_hand, reserved in self.conn.execute(
            "select location_id, variant_id, on_hand, reserved from public.stock_levels"
        ):
            self.levels[(loc, var)] = [on_hand, reserved]
        for rid, loc, var, quantity, holder_type, holder_id in self.conn.execute(
            "select id, location_id, variant_id, quantity, holder_type, holder_id"
            " from public.stock_reservations where status = 'active' order by id"
        ):
            self.active[rid] = Reservation(loc, var, quantity, (holder_type, holder_id))

    @rule(
        data=st.data(),
        quantity=st.integers(1, 8),
        as_staff=st.booleans(),
    )
    def receive(self, data: st.DataObject, quantity: int, as_staff: bool) -> None:
        location = data.draw(st.sampled_from(sorted(self.world.locations)))
        variant = data.draw(st.sampled_from(self.world.variants))
        vendor = self.world.locations[location].vendor
        persona = STAFF.get(vendor, SERVICE) if as_staff else SERVICE
        self.expect(
            None,
            persona,
            "select public.stock_receive(%s, %s, %s, 'delivery')",
            [location, variant, quantity],
        )
        self.level((location, variant))[0] += quantity

    @rule(data=st.data(), delta=st.integers(-6, 6).filter(bool))
    def adjust(self, data: st.DataObject, delta: int) -> None:
        location = data.draw(st.sampled_from(sorted(self.world.locations)))
        variant = data.draw(st.sampled_from(self.world.variants))
        on_hand, reserved = self.levels.get((location, variant), (0, 0))
        refusal = None
        if delta < 0 and on_hand + delta < reserved:
            refusal = Refused("below_reserved", on_hand=on_hand, reserved=reserved, delta=delta)
        self.expect(
            refusal,
            SERVICE,
            "select public.stock_adjust(%s, %s, %s, 'recount')",
            [location, variant, delta],
        )
        if refusal is None:
            self.level((location, variant))[0] += delta

    @rule(
        data=st.data(),
        vendor=st.sampled_from([ID["vendor_a"], ID["vendor_b"]]),
        quantity=st.integers(1, 6),
    )
    def transfer(self, data: st.DataObject, vendor: uuid.UUID, quantity: int) -> None:
        source, target = data.draw(
            st.lists(
                st.sampled_from(self.locations_of(vendor)), min_size=2, max_size=2, unique=True
            )
        )
        variant = data.draw(st.sampled_from(self.world.variants))
        free = self.available((source, variant))
        refusal = None
        if free < quantity:
            refusal = Refused("insufficient_stock", requested=quantity, available=free)
        self.expect(
            refusal,
            STAFF[vendor],
            "select public.stock_transfer(%s, %s, %s, %s)",
            [source, target, variant, quantity],
        )
        if refusal is None:
            self.level((source, variant))[0] -= quantity
            self.level((target, variant))[0] += quantity

    @rule(
        data=st.data(),
        quantity=st.integers(1, 9),
        where=st.sampled_from(["anywhere", "vendor", "location"]),
        holder=st.sampled_from(HOLDERS),
        keyed=st.booleans(),
    )
    def reserve(
        self, data: st.DataObject, quantity: int, where: str, holder: Holder, keyed: bool
    ) -> None:
        variant = data.draw(st.sampled_from(self.world.variants))
        vendor = location = None
        if where == "vendor":
            vendor = data.draw(st.sampled_from([ID["vendor_a"], ID["vendor_b"]]))
        elif where == "location":
            location = data.draw(st.sampled_from(sorted(self.world.locations)))
        key = f"key-{len(self.keyed)}" if keyed else None
        try:
            expected: list[tuple[uuid.UUID, int]] | None = self.allocation(
                variant, quantity, vendor, location
            )
            refusal = None
        except Refused as exc:
            expected, refusal = None, exc
        rows = self.expect(
            refusal,
            SERVICE,
            "select * from public.stock_reserve(%s, %s, 600, %s, %s, %s, %s, %s)",
            [variant, quantity, *holder, vendor, location, key],
        )
        if expected is None:
            return
        assert sorted((r["location_id"], r["quantity"]) for r in rows) == sorted(expected)
        assert all(r["status"] == "active" and r["variant_id"] == variant for r in rows)
        ids = self.hold(variant, holder, rows)
        if key is not None:
            self.keyed[key] = Keyed(variant, quantity, holder, vendor, location, ids)

    @precondition(lambda self: bool(self.keyed))
    @rule(n=st.integers(0, 10**6), other_quantity=st.booleans())
    def replay(self, n: int, other_quantity: bool) -> None:
        key = sorted(self.keyed)[n % len(self.keyed)]
        call = self.keyed[key]
        quantity = call.quantity + 1 if other_quantity else call.quantity
        refusal = Refused("idempotency_key_reused") if other_quantity else None
        rows = self.expect(
            refusal,
            SERVICE,
            "select * from public.stock_reserve(%s, %s, 600, %s, %s, %s, %s, %s)",
            [call.variant, quantity, *call.holder, call.vendor, call.location, key],
        )
        if refusal is None:
            assert sorted(r["id"] for r in rows) == sorted(call.ids)

    @rule(
        data=st.data(),
        quantities=st.lists(st.integers(1, 5), min_size=1, max_size=3),
        holder=st.sampled_from(HOLDERS),
    )
    def reserve_lines(self, data: st.DataObject, quantities: list[int], holder: Holder) -> None:
        lines = [(data.draw(st.sampled_from(self.world.variants)), q) for q in quantities]
        wanted: dict[uuid.UUID, int] = {}
        for variant, quantity in lines:
            wanted[variant] = wanted.get(variant, 0) + quantity
        # all or nothing: take them in variant order on a copy, keep it only if all fit
        saved = {k: list(v) for k, v in self.levels.items()}
        plan: list[tuple[uuid.UUID, list[tuple[uuid.UUID, int]]]] = []
        refusal = None
        for variant in sorted(wanted):
            try:
                taken = self.allocation(variant, wanted[variant], None, None)
            except Refused as exc:
                refusal = exc
                refusal.detail["variant_id"] = str(variant)
                break
            plan.append((variant, taken))
            for location, quantity in taken:
                self.level((location, variant))[1] += quantity
        self.levels = saved
        rows = self.expect(
            refusal,
            SERVICE,
            "select * from public.stock_reserve_lines(%s, 600, %s, %s)",
            [Jsonb([{"variant_id": str(v), "quantity": q} for v, q in lines]), *holder],
        )
        if refusal is not None:
            return
        assert [r["variant_id"] for r in rows] == sorted(r["variant_id"] for r in rows)
        for variant, taken in plan:
            mine = [r for r in rows if r["variant_id"] == variant]
            assert sorted((r["location_id"], r["quantity"]) for r in mine) == sorted(taken)
            self.hold(variant, holder, mine)

    @precondition(lambda self: bool(self.active))
    @rule(n=st.integers(0, 10**6))
    def release(self, n: int) -> None:
        reservation = self.pick(n)
        assert reservation is not None
        (row,) = self.expect(None, SERVICE, "select * from public.stock_release(%s)", [reservation])
        assert row["status"] == "released"
        held = self.active.pop(reservation)
        self.level((held.location, held.variant))[1] -= held.quantity

    @rule(holder=st.sampled_from(HOLDERS))
    def release_holder(self, holder: Holder) -> None:
        count = value_as(
            self.conn, SERVICE, "select public.stock_release_holder(%s, %s)", list(holder)
        )
        mine = [rid for rid, r in self.active.items() if r.holder == holder]
        assert count == len(mine)
        for rid in mine:
            held = self.active.pop(rid)
            self.level((held.location, held.variant))[1] -= held.quantity

    @precondition(lambda self: bool(self.active))
    @rule(n=st.integers(0, 10**6), as_admin=st.booleans())
    def commit(self, n: int, as_admin: bool) -> None:
        reservation = self.pick(n)
        assert reservation is not None
        held = self.active[reservation]
        refusal = Refused("reservation_expired") if held.due else None
        rows = self.expect(
            refusal,
            ADMIN if as_admin else SERVICE,
            "select * from public.stock_commit(%s, 'order:test')",
            [reservation],
        )
        if refusal is None:
            assert rows[0]["status"] == "committed"
            del self.active[reservation]
            level = self.level((held.location, held.variant))
            level[0] -= held.quantity
            level[1] -= held.quantity

    @precondition(lambda self: bool(self.active))
    @rule(n=st.integers(0, 10**6))
    def come_due(self, n: int) -> None:
        """The simulated clock: this reservation's time is up (not swept yet)."""
        reservation = self.pick(n, due=False)
        if reservation is None:
            return
        self.conn.execute(
            "update public.stock_reservations set expires_at = now() - interval '1 second'"
            " where id = %s",
            [reservation],
        )
        self.active[reservation].due = True

    @rule(batch=st.integers(1, 3))
    def expire(self, batch: int) -> None:
        swept = value_as(self.conn, SERVICE, "select public.stock_expire_reservations(%s)", [batch])
        due = [rid for rid, r in self.active.items() if r.due]
        assert swept == len(due)
        for rid in due:
            held = self.active.pop(rid)
            self.level((held.location, held.variant))[1] -= held.quantity

    @rule(
        data=st.data(),
        counted=st.lists(st.integers(0, 12), min_size=1, max_size=3),
        vendor=st.sampled_from([ID["vendor_a"], ID["vendor_b"]]),
    )
    def count(self, data: st.DataObject, counted: list[int], vendor: uuid.UUID) -> None:
        """Open a count, record some variants (maybe one not stocked there), post it."""
        location = data.draw(st.sampled_from(self.locations_of(vendor)))
        variants = data.draw(
            st.lists(
                st.sampled_from(self.world.variants),
                min_size=len(counted),
                max_size=len(counted),
                unique=True,
            )
        )
        expected = {v: on for (loc, v), (on, _) in self.levels.items() if loc == location}
        changes = {
            v: c - expected.get(v, 0)
            for v, c in zip(variants, counted, strict=True)
            if c != expected.get(v, 0)
        }
        refusal = None
        for variant in sorted(changes):
            on_hand, reserved = self.levels.get((location, variant), (0, 0))
            if on_hand + changes[variant] < reserved:
                refusal = Refused("below_reserved", variant_id=str(variant))
                break
        staff = STAFF[vendor]
        (opened,) = rows_as(
            self.conn, staff, "select public.stock_count_open(%s) as id", [location]
        )
        count_id = opened["id"]
        for variant, value in zip(variants, counted, strict=True):
            rows_as(
                self.conn,
                staff,
                "select public.stock_count_record(%s, %s, %s)",
                [count_id, variant, value],
            )
        rows = self.expect(
            refusal, staff, "select public.stock_count_post(%s) as moves", [count_id]
        )
        if refusal is None:
            assert rows[0]["moves"] == len(changes)
            for variant, delta in changes.items():
                self.level((location, variant))[0] += delta

    # ---------------------------------------------------------------- the invariant
    @invariant()
    def database_equals_model(self) -> None:
        levels = {
            (loc, var): [on_hand, reserved]
            for loc, var, on_hand, reserved in self.conn.execute(
                "select location_id, variant_id, on_hand, reserved from public.stock_levels"
            )
        }
        model = {
            key: value for key, value in self.levels.items() if key in levels or value != [0, 0]
        }
        assert levels == model
        active = {
            rid: (loc, var, quantity, (holder_type, holder_id), due)
            for rid, loc, var, quantity, holder_type, holder_id, due in self.conn.execute(
                "select id, location_id, variant_id, quantity, holder_type, holder_id,"
                " expires_at <= now() from public.stock_reservations where status = 'active'"
            )
        }
        assert active == {
            rid: (r.location, r.variant, r.quantity, r.holder, r.due)
            for rid, r in self.active.items()
        }
        assert check_ledger(self.conn) == []


@pytest.fixture
def world(world_db: Database) -> World:
    return build_world(world_db)


def test_random_operation_sequences_match_the_model(world_db: Database, world: World) -> None:
    OUTCOMES.clear()

    def machine() -> InventoryMachine:
        return InventoryMachine(world_db, world)

    run_state_machine_as_test(
        machine,  # type: ignore[arg-type]  # any factory of machines will do
        settings=settings(
            max_examples=40,
            stateful_step_count=30,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    # the run really reserved, sold and was refused (the model predicted each refusal)
    assert OUTCOMES["stock_reserve: ok"] > 0
    assert OUTCOMES["stock_commit: ok"] > 0
    assert sum(n for outcome, n in OUTCOMES.items() if not outcome.endswith(": ok")) > 0
