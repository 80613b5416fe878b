"""stock_reserve as migration 0005 wrote it, side by side with 0004's (issue #4).

0005 rewrote the common path of ``public.stock_reserve`` for cost (docs/benchmarks.md,
"Migration 0005"): one expression for the checks of the common call, the location named
inside the UPDATE, a first try on the first active location by priority. Its checks, their
order, its refusals and its allocation must be 0004's exactly.
So 0004's function is created here under another name (``reserve_0004.stock_reserve``,
from the frozen 0004 file, with the same grants), and both are called with the same
arguments from the same state, each call in a savepoint that is rolled back afterwards:
every persona; valid and invalid quantities, times to live and holders; vendor and location
given or not; a depleted first location, an inactive location, a vendor that is not active,
a variant without a level, one without an active offer, one that does not exist; split
reservations; replayed and reused idempotency keys. They must give the same rows (all
columns, except that a new reservation's random id is only checked to be new) or the same
refusal (SQLSTATE, message, detail, hint), and leave the same levels, reservations and
alerts behind. Sequences of calls then run on both from the same start, so that each call
sees what the earlier ones left (stock running out, keys used earlier in the sequence).

``EMPORIUM_RESERVE_EQUIVALENCE_CALLS`` sets how many random calls are compared (default
1500, besides the fixed grid); the figures in docs/benchmarks.md were taken with more.
"""

from __future__ import annotations

import dataclasses
import os
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.rows import dict_row

from emporium.db.session import Persona, as_persona
from emporium.db.sqlfiles import frozen_sql
from tests.conftest import PERSONAS
from tests.inventory.support import SERVICE, add_variant, reserve
from tests.world import ID

OLD = sql.SQL("reserve_0004.stock_reserve")
NEW = sql.SQL("public.stock_reserve")
CALLS = int(os.environ.get("EMPORIUM_RESERVE_EQUIVALENCE_CALLS", "1500"))
SEQUENCES, STEPS = 40, 12

VENDOR_A, VENDOR_B, VENDOR_P = ID["vendor_a"], ID["vendor_b"], ID["vendor_pending"]
LOC_A, LOC_B = ID["loc_a"], ID["loc_b"]
# Fixed ids, so that location order (the split path's lock order) and priority disagree.
LOC_A2 = uuid.UUID("00000000-0000-4000-8000-0000000e0a02")  # vendor_a, priority 10
LOC_A_OFF = uuid.UUID("ffffffff-0000-4000-8000-0000000e0aff")  # vendor_a, inactive
LOC_P = uuid.UUID("00000000-0000-4000-8000-0000000e0b0f")  # vendor_pending
NOWHERE = uuid.UUID("00000000-0000-4000-8000-0000deadbeef")

HOLDERS: tuple[tuple[str | None, uuid.UUID | None], ...] = (
    ("cart", ID["cart_customer_a"]),
    ("order", ID["order_customer_b"]),
    ("cart", ID["cart_customer_b"]),
    ("order", ID["order_customer_a"]),
    ("cart", ID["cart_account_a"]),
    ("wishlist", ID["cart_customer_a"]),
    ("cart", None),
    (None, ID["cart_customer_a"]),
)
QUANTITIES = (None, 0, -2, 1, 2, 3, 5, 8, 13, 21, 40, 60, 90, 1000)
TTLS = (900, 900, 900, 1, 7 * 86400, 7 * 86400 + 1, 0, -5, None)
VENDORS = (None, None, VENDOR_A, VENDOR_B, VENDOR_P, NOWHERE)
LOCATIONS = (None, None, None, LOC_A, LOC_A2, LOC_B, LOC_A_OFF, LOC_P, NOWHERE)
USED_KEY, USED_SPLIT_KEY = "equivalence-used", "equivalence-used-split"


@dataclass(frozen=True)
class Call:
    persona: str
    variant: uuid.UUID
    quantity: int | None
    ttl: int | None
    holder: tuple[str | None, uuid.UUID | None]
    vendor: uuid.UUID | None
    location: uuid.UUID | None
    key: str | None

    def args(self) -> list[Any]:
        return [
            self.variant,
            self.quantity,
            self.ttl,
            self.holder[0],
            self.holder[1],
            self.vendor,
            self.location,
            self.key,
        ]


def old_function_sql() -> str:
    """0004's stock_reserve, as its frozen file has it, under the name ``OLD``."""
    text = frozen_sql("0004", "inventory/functions.sql")
    start = text.index("create or replace function public.stock_reserve(")
    end = text.index("\n$$;\n", start) + len("\n$$;\n")
    return text[start:end].replace(
        "create or replace function public.stock_reserve(",
        "create function reserve_0004.stock_reserve(",
        1,
    )


@dataclass(frozen=True)
class World:
    variants: dict[str, uuid.UUID]
    existing: frozenset[uuid.UUID]  # reservation ids before any compared call


@pytest.fixture
def world(conn: psycopg.Connection[Any]) -> World:
    """The seeded world plus what the matrix needs, all in the rolled-back transaction.

    - ``active``: the world's variant_active (loc_a 10, loc_b 10, 1 reserved at each;
      vendor_a's offer the cheaper, a pending vendor's offer cheaper still);
    - ``spread``: vendor_b's offer the cheaper; loc_a 30, loc_a2 50 (vendor_a's first by
      priority, the lower id), loc_b 20, 100 at vendor_a's inactive location, 40 at the
      pending vendor's location; splits from 49 units on;
    - ``depleted``: loc_a2 (vendor_a's first) has all of its 4 units reserved, loc_a 25,
      loc_b 12;
    - ``inactive``: stock only at vendor_a's inactive location;
    - ``no_level``: offers, no stock anywhere;
    - ``no_offer``: stock at loc_a, and only a paused offer;
    - ``keyed``: loc_a 5, loc_b 5, of which a reservation under a key took 8 (5 + 3);
    - ``unknown``: no such variant.
    """
    conn.execute("create schema reserve_0004")
    conn.execute(old_function_sql())
    conn.execute(
        "grant usage on schema reserve_0004 to anon, authenticated, service_role;"
        "revoke all on function reserve_0004.stock_reserve(uuid, integer, integer, text, uuid,"
        " uuid, uuid, text) from public, anon, authenticated;"
        "grant execute on function reserve_0004.stock_reserve(uuid, integer, integer, text,"
        " uuid, uuid, uuid, text) to authenticated, service_role"
    )
    for location, vendor, priority, active in (
        (LOC_A2, VENDOR_A, 10, True),
        (LOC_A_OFF, VENDOR_A, 5, False),
        (LOC_P, VENDOR_P, 1, True),
    ):
        conn.execute(
            "insert into public.stock_locations (id, vendor_id, name, code, priority, active)"
            " values (%s, %s, %s, %s, %s, %s)",
            [
                location,
                vendor,
                f"Equivalence {location.hex[-4:]}",
                location.hex[-6:],
                priority,
                active,
            ],
        )
    spread = add_variant(conn, {VENDOR_A: 50, VENDOR_B: 40, VENDOR_P: 30})
    depleted = add_variant(conn, {VENDOR_A: 60, VENDOR_B: 61})
    inactive = add_variant(conn, {VENDOR_A: 70})
    no_level = add_variant(conn, {VENDOR_A: 80, VENDOR_B: 81})
    no_offer = add_variant(conn)
    keyed = add_variant(conn, {VENDOR_A: 10, VENDOR_B: 11})
    conn.execute(
        "insert into public.offers (vendor_id, variant_id, price, status)"
        " values (%s, %s, 90, 'paused')",
        [VENDOR_A, no_offer],
    )
    active = ID["variant_active"]
    for location, variant, quantity in (
        (LOC_P, active, 7),
        (LOC_A, spread, 30),
        (LOC_A2, spread, 50),
        (LOC_B, spread, 20),
        (LOC_A_OFF, spread, 100),
        (LOC_P, spread, 40),
        (LOC_A2, depleted, 4),
        (LOC_A, depleted, 25),
        (LOC_B, depleted, 12),
        (LOC_A_OFF, inactive, 50),
        (LOC_A, no_offer, 9),
        (LOC_A, keyed, 5),
        (LOC_B, keyed, 5),
    ):
        # through the ledger, as the owner (as tests/world.py enters its stock)
        conn.execute(
            "insert into public.stock_movements (vendor_id, location_id, variant_id, delta,"
            " kind, reference) select l.vendor_id, l.id, %s, %s, 'opening_balance', 'eq'"
            " from public.stock_locations l where l.id = %s",
            [variant, quantity, location],
        )
    reserve(conn, depleted, 4, location=LOC_A2)
    # keys in use: a single reservation and a split one
    reserve(conn, spread, 2, vendor=VENDOR_A, key=USED_KEY)
    reserve(conn, keyed, 8, holder=("order", ID["order_customer_b"]), key=USED_SPLIT_KEY)
    existing = frozenset(
        row[0] for row in conn.execute("select id from public.stock_reservations").fetchall()
    )
    return World(
        variants={
            "active": active,
            "spread": spread,
            "depleted": depleted,
            "inactive": inactive,
            "no_level": no_level,
            "no_offer": no_offer,
            "keyed": keyed,
            "unknown": NOWHERE,
        },
        existing=existing,
    )


# ------------------------------------------------------------------------- one call
def _norm(row: dict[str, Any], existing: frozenset[uuid.UUID]) -> tuple[Any, ...]:
    """A reservation row, its id replaced by itself when it existed before, else "new"."""
    values = dict(row)
    values["id"] = values["id"] if values["id"] in existing else "new"
    return tuple(sorted((k, str(v)) for k, v in values.items()))


def _state(conn: psycopg.Connection[Any], existing: frozenset[uuid.UUID]) -> dict[str, Any]:
    with conn.cursor(row_factory=dict_row) as cur:
        levels = cur.execute(
            "select location_id, variant_id, vendor_id, on_hand, reserved"
            " from public.stock_levels order by location_id, variant_id"
        ).fetchall()
        reservations = cur.execute("select * from public.stock_reservations").fetchall()
        alerts = cur.execute(
            "select vendor_id, location_id, variant_id, kind, detail, opened_at, resolved_at"
            " from public.stock_alerts"
        ).fetchall()
    return {
        "levels": [tuple(r.values()) for r in levels],
        "reservations": sorted(_norm(r, existing) for r in reservations),
        "alerts": sorted(tuple(str(v) for v in r.values()) for r in alerts),
    }


def outcome(
    conn: psycopg.Connection[Any],
    function: sql.Composable,
    persona: Persona,
    args: Sequence[Any],
    existing: frozenset[uuid.UUID],
) -> tuple[Any, ...]:
    """What one call gives: its rows and the state after it, or its refusal. Run in a
    savepoint of its own; the caller decides whether it is kept (see ``_sequence``)."""
    statement = sql.SQL("select * from {}(%s, %s, %s, %s, %s, %s, %s, %s)").format(function)
    try:
        with conn.transaction():
            as_persona(conn, persona)
            with conn.cursor(row_factory=dict_row) as cur:
                rows = cur.execute(statement, list(args)).fetchall()
            conn.execute("reset role")
            after = _state(conn, existing)
    except psycopg.Error as exc:
        diag = exc.diag
        return (
            "refused",
            exc.sqlstate,
            diag.message_primary,
            diag.message_detail,
            diag.message_hint,
        )
    return ("rows", sorted(_norm(r, existing) for r in rows), after)


def compare(conn: psycopg.Connection[Any], world: World, call: Call) -> None:
    """``call`` to both functions from the same state: the same outcome."""
    persona = PERSONAS[call.persona]
    results = []
    for function in (OLD, NEW):
        with conn.transaction(force_rollback=True):
            results.append(outcome(conn, function, persona, call.args(), world.existing))
    assert results[1] == results[0], call


# ------------------------------------------------------------------------- the matrix
def grid(world: World) -> list[Call]:
    """Service work over every variant, quantity, vendor and location (the allocation),
    with and without a fresh key."""
    calls = []
    for variant in world.variants.values():
        for quantity in (1, 3, 5, 8, 13, 21, 40, 60, 90, 1000):
            for vendor in (None, VENDOR_A, VENDOR_B, VENDOR_P):
                for location in (None, LOC_A, LOC_A2, LOC_B, LOC_A_OFF, LOC_P):
                    calls.append(
                        Call("service", variant, quantity, 900, HOLDERS[0], vendor, location, None)
                    )
        calls.append(Call("service", variant, 4, 900, HOLDERS[1], None, None, "fresh-grid"))
    return calls


# Vendor and location as callers give them (mostly consistent, a few that don't match).
WHERE: tuple[tuple[uuid.UUID | None, uuid.UUID | None], ...] = (
    *((None, None),) * 6,
    *((VENDOR_A, None),) * 3,
    (VENDOR_B, None),
    (VENDOR_P, None),
    *((None, location) for location in (LOC_A, LOC_A2, LOC_B, LOC_A_OFF, LOC_P, NOWHERE)),
    (VENDOR_A, LOC_A),
    (VENDOR_A, LOC_A2),
    (VENDOR_A, LOC_B),
    (VENDOR_B, LOC_B),
)
# Who may reserve for which holders (assert_holder): the valid calls pick from these.
ALLOWED: dict[str, tuple[tuple[str | None, uuid.UUID | None], ...]] = {
    "service": HOLDERS[:5],
    "admin": HOLDERS[:5],
    "customer_a": (("cart", ID["cart_customer_a"]), ("order", ID["order_customer_a"])),
    "customer_b": (("cart", ID["cart_customer_b"]), ("order", ID["order_customer_b"])),
    "account_a_member": (("cart", ID["cart_account_a"]),),
}


def random_call(rnd: random.Random, world: World, n: int) -> Call:
    """Mostly calls that get past the checks (a persona with a holder it may reserve for,
    valid arguments), every kind of invalid one now and then."""
    if rnd.random() < 0.7:
        persona = rnd.choice(sorted(ALLOWED))
        vendor, location = rnd.choice(WHERE)
        stocked = ("active", "spread", "spread", "depleted", "depleted")
        return Call(
            persona=persona,
            variant=world.variants[rnd.choice((*stocked, *stocked, *world.variants))],
            quantity=rnd.choice(QUANTITIES[3:-1]),
            ttl=rnd.choice((900, 1, 7 * 86400)),
            holder=rnd.choice(ALLOWED[persona]),
            vendor=vendor,
            location=location,
            key=rnd.choice((None, None, None, None, f"fresh-{n}", USED_KEY, USED_SPLIT_KEY)),
        )
    return Call(
        persona=rnd.choice(sorted(PERSONAS)),
        variant=rnd.choice(list(world.variants.values())),
        quantity=rnd.choice(QUANTITIES),
        ttl=rnd.choice(TTLS),
        holder=rnd.choice(HOLDERS),
        vendor=rnd.choice(VENDORS),
        location=rnd.choice(LOCATIONS),
        key=rnd.choice((None, None, f"fresh-{n}", USED_KEY, USED_SPLIT_KEY)),
    )


def test_grid_of_service_calls_gives_what_0004_gave(
    conn: psycopg.Connection[Any], world: World
) -> None:
    under_test = conn.execute(
        "select p.prosrc from pg_proc p where p.oid = 'public.stock_reserve(uuid, integer,"
        " integer, text, uuid, uuid, uuid, text)'::regprocedure"
    ).fetchone()
    assert under_test is not None
    assert under_test[0] not in old_function_sql(), "the database's function is 0004's"
    calls = grid(world)
    for call in calls:
        compare(conn, world, call)
    assert len(calls) > 1500


def test_random_calls_give_what_0004_gave(conn: psycopg.Connection[Any], world: World) -> None:
    rnd = random.Random(20261122)
    for n in range(CALLS):
        compare(conn, world, random_call(rnd, world, n))


def test_the_replays_and_reused_keys_give_what_0004_gave(
    conn: psycopg.Connection[Any], world: World
) -> None:
    spread, keyed = world.variants["spread"], world.variants["keyed"]
    a, b = HOLDERS[0], HOLDERS[1]
    calls = [
        # the key's own arguments (a vendor or location it matches, another ttl): a replay
        Call("service", spread, 2, 900, a, None, None, USED_KEY),
        Call("service", spread, 2, 900, a, VENDOR_A, None, USED_KEY),
        Call("service", spread, 2, 60, a, VENDOR_A, LOC_A2, USED_KEY),
        Call("service", keyed, 8, 900, b, None, None, USED_SPLIT_KEY),
        Call("service", keyed, 8, 900, b, None, LOC_B, USED_SPLIT_KEY),
        Call("admin", keyed, 8, 900, b, None, None, USED_SPLIT_KEY),
        Call("customer_a", spread, 2, 900, a, None, None, USED_KEY),
        Call("customer_b", spread, 2, 900, a, None, None, USED_KEY),
        Call("customer_b", keyed, 8, 900, b, None, None, USED_SPLIT_KEY),
        # other arguments under a used key
        Call("service", spread, 3, 900, a, VENDOR_A, None, USED_KEY),
        Call("service", spread, 2, 900, b, VENDOR_A, None, USED_KEY),
        Call("service", spread, 2, 900, a, VENDOR_B, None, USED_KEY),
        Call("service", spread, 2, 900, a, None, LOC_A, USED_KEY),
        Call("service", world.variants["active"], 2, 900, a, None, None, USED_KEY),
        Call("service", keyed, 7, 900, b, None, None, USED_SPLIT_KEY),
        Call("service", keyed, 8, 900, b, VENDOR_A, None, USED_SPLIT_KEY),
        Call("service", keyed, 8, 900, ("cart", b[1]), None, None, USED_SPLIT_KEY),
        # invalid arguments come first, key or not
        Call("service", spread, 0, 900, a, VENDOR_A, None, USED_KEY),
        Call("service", spread, 2, 0, a, VENDOR_A, None, USED_KEY),
        Call("service", spread, 2, 900, ("wishlist", a[1]), VENDOR_A, None, USED_KEY),
    ]
    for call in calls:
        compare(conn, world, call)


def test_claims_that_are_not_json_fail_as_they_did_in_0004(
    conn: psycopg.Connection[Any], world: World
) -> None:
    """created_by is read from the claims when a reservation is written: claims that are
    not JSON fail a call that reserves (22P02), not one that is refused for lack of stock."""
    statement = sql.SQL("select * from {}(%s, %s, 900, 'cart', %s)")
    for quantity, sqlstate in ((1, "22P02"), (1000, "P0001")):
        for function in (OLD, NEW):
            with conn.transaction(force_rollback=True):
                conn.execute(
                    "select set_config('request.jwt.claims', '{\"role\": ', true),"
                    " set_config('role', 'service_role', true)"
                )
                with pytest.raises(psycopg.Error) as caught:
                    conn.execute(
                        statement.format(function),
                        [world.variants["spread"], quantity, ID["cart_customer_a"]],
                    )
            assert caught.value.sqlstate == sqlstate, (function, quantity)


def _sequence(
    conn: psycopg.Connection[Any], world: World, function: sql.Composable, calls: list[Call]
) -> list[tuple[Any, ...]]:
    """The calls one after the other, each keeping what the earlier ones did."""
    results = []
    with conn.transaction(force_rollback=True):
        for call in calls:
            results.append(
                outcome(conn, function, PERSONAS[call.persona], call.args(), world.existing)
            )
        conn.execute("reset role")
        results.append(("end", _state(conn, world.existing)))
    return results


def test_sequences_of_calls_give_what_0004_gave(
    conn: psycopg.Connection[Any], world: World
) -> None:
    rnd = random.Random(4)
    for s in range(SEQUENCES):
        calls: list[Call] = []
        for n in range(STEPS):
            if calls and rnd.random() < 0.25:
                calls.append(rnd.choice(calls))  # the same call again: a replay when keyed
                continue
            call = random_call(rnd, world, n)
            if call.key is not None:  # keys repeat within a sequence
                call = dataclasses.replace(call, key=f"seq-{s}-{n % 3}")
            calls.append(call)
        assert _sequence(conn, world, NEW, calls) == _sequence(conn, world, OLD, calls), s


def test_the_comparison_sees_a_difference(conn: psycopg.Connection[Any], world: World) -> None:
    """The harness can fail: a copy of 0004's function with one detail changed differs."""
    changed = old_function_sql().replace("reserve_0004.", "reserve_changed.", 1)
    changed = changed.replace("only %s of %s units are available", "only %s of %s units")
    conn.execute("create schema reserve_changed")
    conn.execute(changed)
    conn.execute(
        "grant usage on schema reserve_changed to service_role;"
        "grant execute on all functions in schema reserve_changed to service_role"
    )
    call = Call("service", world.variants["spread"], 1000, 900, HOLDERS[0], None, None, None)
    results = []
    for function in (OLD, sql.SQL("reserve_changed.stock_reserve")):
        with conn.transaction(force_rollback=True):
            results.append(outcome(conn, function, SERVICE, call.args(), world.existing))
    assert results[0][:3] == ("refused", "P0001", "insufficient_stock")
    assert results[1] != results[0]
