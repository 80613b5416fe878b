"""The inventory engine under concurrent load (issue #4, item 7).

32 connections hammer 10 hot variants whose total demand is several times their stock with
a mix of reserve / release / commit / expire, each operation its own transaction as the
service persona. Afterwards nothing is oversold, ``reserved`` is the sum of the active
reservations, ``on_hand`` is the initial stock less what was sold, the ledger check is
empty, and no transaction ever died of a deadlock or a serialization failure.

The same for multi-line carts (reserve_lines, release_holder, checkout, transfers, sweeps),
whose lock order is the one most easily broken.

And races made deterministic with two connections: an idempotency key replayed while its
first call still runs (a client retrying after a timeout) reserves once, not twice; the
sweeper skips a level another transaction holds instead of waiting for it; emptying a cart
skips a reservation paid for meanwhile instead of failing; an alert opened by a younger
transaction can be resolved by an older one.

These ran against the engine as first written and each failed: deadlocks (a failed
fast-path UPDATE keeps its row locked; the sweeper took levels in no fixed order; emptying
a cart took levels location-first), a double reservation under one key, a sweeper stuck
behind a reservation in flight, ``reservation_not_active`` out of stock_release_holder and
a CHECK violation (``resolved_at < opened_at``) out of a receipt.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from psycopg import errors as pgerr
from psycopg.types.json import Jsonb

from emporium.db.connect import Database
from emporium.db.session import transaction_as
from emporium.errors import EmporiumError
from tests.inventory.support import SERVICE, add_location, add_variant, receive
from tests.world import ID

WORKERS = 32
OPERATIONS = 40
HOT = 10
EXPECTED_REFUSALS = {"insufficient_stock", "reservation_not_active", "reservation_expired"}


@dataclass
class Tally:
    """What the workers saw, shared between threads (under ``lock``)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    pool: list[uuid.UUID] = field(default_factory=list)
    demand: int = 0
    short_lived: int = 0
    abandoned: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    committed: Counter[uuid.UUID] = field(default_factory=Counter)  # by variant
    unexpected: list[str] = field(default_factory=list)
    deadlocks: int = 0
    serialization_failures: int = 0

    def record(self, outcome: str) -> None:
        with self.lock:
            self.outcomes[outcome] += 1


@dataclass
class Stock:
    variants: list[uuid.UUID]
    initial: dict[tuple[uuid.UUID, uuid.UUID], int]  # (location, variant) -> on_hand
    sister_locations: tuple[uuid.UUID, uuid.UUID]  # vendor_a's two: transfers go between them

    def per_variant(self) -> Counter[uuid.UUID]:
        total: Counter[uuid.UUID] = Counter()
        for (_, variant), units in self.initial.items():
            total[variant] += units
        return total


def stock_hot_variants(db: Database) -> Stock:
    """10 variants offered by both vendors, stocked at three locations (committed)."""
    rng = random.Random(4)
    initial: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
    variants: list[uuid.UUID] = []
    with psycopg.connect(db.admin_dsn) as conn:
        loc_a2 = add_location(conn, ID["vendor_a"], priority=10)
        for n in range(HOT):
            # half of them cheaper at vendor_b: allocation crosses vendors both ways
            prices = {ID["vendor_a"]: 100, ID["vendor_b"]: 90 if n % 2 else 110}
            variant = add_variant(conn, prices)
            variants.append(variant)
            for location in (ID["loc_a"], loc_a2, ID["loc_b"]):
                units = rng.randint(3, 7)
                receive(conn, location, variant, units)
                initial[(location, variant)] = units
        conn.commit()
    return Stock(variants, initial, (ID["loc_a"], loc_a2))


def classify(exc: EmporiumError, tally: Tally) -> str:
    cause = exc.__cause__
    if isinstance(cause, pgerr.DeadlockDetected):
        with tally.lock:
            tally.deadlocks += 1
    elif isinstance(cause, pgerr.SerializationFailure):
        with tally.lock:
            tally.serialization_failures += 1
    if exc.instance_code not in EXPECTED_REFUSALS:
        with tally.lock:
            tally.unexpected.append(f"{exc.instance_code}: {exc.message} {exc.detail}")
    return exc.instance_code


def hammer(
    db: Database,
    stock: Stock,
    tally: Tally,
    seed: int,
    start: threading.Barrier,
    operations: int = OPERATIONS,
) -> None:
    rng = random.Random(seed)
    vendors = [ID["vendor_a"], ID["vendor_b"]]
    with psycopg.connect(db.api_dsn) as conn:
        start.wait()
        for _ in range(operations):
            roll = rng.random()
            try:
                if roll < 0.55 or not tally.pool:
                    reserve_one(conn, rng, stock, tally, vendors)
                elif roll < 0.72:
                    act_on_one(conn, rng, tally, "release")
                elif roll < 0.92:
                    act_on_one(conn, rng, tally, "commit")
                else:
                    with transaction_as(conn, SERVICE):
                        row = conn.execute("select public.stock_expire_reservations(50)").fetchone()
                    assert row is not None
                    tally.record("expire_sweep")
            except EmporiumError as exc:
                tally.record(classify(exc, tally))


def reserve_one(
    conn: psycopg.Connection[Any],
    rng: random.Random,
    stock: Stock,
    tally: Tally,
    vendors: list[uuid.UUID],
) -> None:
    variant = rng.choice(stock.variants)
    quantity = rng.randint(1, 3)
    short = rng.random() < 0.3
    vendor = rng.choice(vendors) if rng.random() < 0.3 else None
    with tally.lock:
        tally.demand += quantity
    with transaction_as(conn, SERVICE):
        rows = conn.execute(
            "select id, quantity from public.stock_reserve(%s, %s, %s, 'cart', %s, %s)",
            [variant, quantity, 1 if short else 60, uuid.uuid4(), vendor],
        ).fetchall()
    assert sum(q for _, q in rows) == quantity
    with tally.lock:
        if short and rng.random() < 0.5:
            tally.abandoned += 1  # an abandoned cart: only the sweeper frees it
        else:
            tally.pool.extend(r[0] for r in rows)
        tally.short_lived += short
    tally.record("reserved")


def act_on_one(
    conn: psycopg.Connection[Any], rng: random.Random, tally: Tally, action: str
) -> None:
    with tally.lock:
        reservation = rng.choice(tally.pool)
    try:
        with transaction_as(conn, SERVICE):
            if action == "commit":
                row = conn.execute(
                    "select variant_id, quantity from public.stock_commit(%s)", [reservation]
                ).fetchone()
            else:
                row = conn.execute(
                    "select variant_id, quantity from public.stock_release(%s)", [reservation]
                ).fetchone()
        assert row is not None
        tally.record("committed" if action == "commit" else "released")
        if action == "commit":
            with tally.lock:
                tally.committed[row[0]] += row[1]
    except EmporiumError as exc:
        if exc.instance_code != "reservation_not_active":
            raise
        tally.record("reservation_not_active")
    with tally.lock:  # done with it, one way or another
        if reservation in tally.pool:
            tally.pool.remove(reservation)


def run_workers(target: Callable[[int, threading.Barrier], None], workers: int) -> float:
    start = threading.Barrier(workers)
    errors: list[BaseException] = []

    def guarded(seed: int) -> None:
        try:
            target(seed, start)
        except BaseException as exc:  # surfaced below, with the thread's traceback
            errors.append(exc)
            start.abort()

    threads = [threading.Thread(target=guarded, args=(n,)) for n in range(workers)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    if errors:
        raise errors[0]
    return time.monotonic() - began


def assert_sound(db: Database, stock: Stock, committed_seen: Counter[uuid.UUID]) -> None:
    with psycopg.connect(db.admin_dsn) as conn:
        levels = {
            (loc, var): (on_hand, reserved)
            for loc, var, on_hand, reserved in conn.execute(
                "select location_id, variant_id, on_hand, reserved from public.stock_levels"
                " where variant_id = any(%s)",
                [stock.variants],
            )
        }
        active: Counter[tuple[uuid.UUID, uuid.UUID]] = Counter()
        sold: Counter[tuple[uuid.UUID, uuid.UUID]] = Counter()
        for loc, var, status, quantity in conn.execute(
            "select location_id, variant_id, status, quantity from public.stock_reservations"
            " where variant_id = any(%s)",
            [stock.variants],
        ):
            if status == "active":
                active[(loc, var)] += quantity
            elif status == "committed":
                sold[(loc, var)] += quantity
        sales: dict[uuid.UUID, int] = dict(
            conn.execute(
                "select variant_id, -sum(delta) from public.stock_movements"
                " where kind = 'sale' and variant_id = any(%s) group by variant_id",
                [stock.variants],
            ).fetchall()
        )
        moved: Counter[tuple[uuid.UUID, uuid.UUID]] = Counter()
        for loc, var, delta in conn.execute(
            "select location_id, variant_id, sum(delta) from public.stock_movements"
            " where kind in ('transfer_in', 'transfer_out') and variant_id = any(%s)"
            " group by 1, 2",
            [stock.variants],
        ):
            moved[(loc, var)] += delta
        ledger = conn.execute("select * from public.stock_check_ledger()").fetchall()

    assert set(levels) == set(stock.initial)
    for key, (on_hand, reserved) in levels.items():
        assert 0 <= reserved <= on_hand, (key, on_hand, reserved)
        assert reserved == active[key], (key, reserved, active[key])
        assert on_hand == stock.initial[key] - sold[key] + moved[key], (key, on_hand, sold[key])
    sold_per_variant: Counter[uuid.UUID] = Counter()
    for (_, variant), quantity in sold.items():
        sold_per_variant[variant] += quantity
    for variant, initial in stock.per_variant().items():
        assert sold_per_variant[variant] <= initial, "oversold"
        assert sales.get(variant, 0) == sold_per_variant[variant]
    assert sold_per_variant == committed_seen
    assert ledger == []


def test_hammering_hot_variants_never_oversells(world_db: Database) -> None:
    stock = stock_hot_variants(world_db)
    tally = Tally()
    elapsed = run_workers(lambda seed, start: hammer(world_db, stock, tally, seed, start), WORKERS)
    # the short-lived holds that nobody swept yet: let them come due, then sweep
    time.sleep(1.1)
    with psycopg.connect(world_db.api_dsn) as conn, transaction_as(conn, SERVICE):
        conn.execute("select public.stock_expire_reservations(7)")

    assert tally.unexpected == []
    print("OUTCOMES", dict(tally.outcomes))
    assert tally.deadlocks == 0
    assert tally.serialization_failures == 0
    total_stock = sum(stock.initial.values())
    assert tally.demand >= 3 * total_stock, (tally.demand, total_stock)
    # the mix really happened: every kind of operation, and stock really ran out
    for outcome in ("reserved", "released", "committed", "expire_sweep", "insufficient_stock"):
        assert tally.outcomes[outcome] > 0, (outcome, tally.outcomes)
    assert tally.short_lived > 0
    assert tally.abandoned > 0
    assert elapsed < 60, elapsed
    assert_sound(world_db, stock, tally.committed)
    with psycopg.connect(world_db.admin_dsn) as conn:
        statuses: dict[str, int] = dict(
            conn.execute(
                "select status, count(*) from public.stock_reservations"
                " where variant_id = any(%s) group by status",
                [stock.variants],
            ).fetchall()
        )
    assert statuses.get("expired", 0) > 0, statuses
    assert statuses.get("committed", 0) > 0, statuses


# ------------------------------------------------------------ multi-line carts
def hammer_carts(
    db: Database, stock: Stock, tally: Tally, seed: int, start: threading.Barrier
) -> None:
    """Carts of 2-3 lines reserved at once, emptied at once, swept, checked out."""
    rng = random.Random(1000 + seed)
    carts: list[uuid.UUID] = []
    with psycopg.connect(db.api_dsn) as conn:
        start.wait()
        for _ in range(OPERATIONS):
            roll = rng.random()
            try:
                if roll < 0.5 or (not carts and roll < 0.9):  # transfers, sweeps need none
                    cart = uuid.uuid4()
                    wanted = {
                        v: rng.randint(1, 6) for v in rng.sample(stock.variants, rng.randint(2, 3))
                    }
                    lines = [{"variant_id": str(v), "quantity": q} for v, q in wanted.items()]
                    with tally.lock:
                        tally.demand += sum(wanted.values())
                    with transaction_as(conn, SERVICE):
                        conn.execute(
                            "select * from public.stock_reserve_lines(%s, %s, 'cart', %s)",
                            [Jsonb(lines), rng.choice([1, 60]), cart],
                        )
                    carts.append(cart)
                    tally.record("reserved")
                elif roll < 0.75:
                    cart = carts.pop(rng.randrange(len(carts)))
                    with transaction_as(conn, SERVICE):
                        conn.execute("select public.stock_release_holder('cart', %s)", [cart])
                    tally.record("released")
                elif roll < 0.9:
                    cart = carts.pop(rng.randrange(len(carts)))
                    sold = []
                    with transaction_as(conn, SERVICE):
                        held = conn.execute(
                            "select id from public.stock_reservations"
                            " where holder_id = %s and status = 'active'"
                            " order by variant_id, location_id",
                            [cart],
                        ).fetchall()
                        for (reservation,) in held:
                            row = conn.execute(
                                "select variant_id, quantity from public.stock_commit(%s)",
                                [reservation],
                            ).fetchone()
                            assert row is not None
                            sold.append(row)
                    with tally.lock:
                        for variant, quantity in sold:
                            tally.committed[variant] += quantity
                    tally.record("committed")
                elif roll < 0.95:
                    # Move stock that was free a moment ago (a blind pick mostly finds none
                    # in this oversubscribed run, and then no transfer ever races a cart);
                    # a cart may still take it first, which is a refusal like any other.
                    with transaction_as(conn, SERVICE):
                        free = conn.execute(
                            "select location_id, variant_id, least(available, 2)"
                            " from public.stock_levels"
                            " where location_id = any(%s) and variant_id = any(%s)"
                            " and available > 0 order by random() limit 1",
                            [list(stock.sister_locations), stock.variants],
                        ).fetchone()
                        if free is None:
                            tally.record("nothing_to_transfer")
                            continue
                        source, variant, quantity = free
                        (target,) = (s for s in stock.sister_locations if s != source)
                        conn.execute(
                            "select public.stock_transfer(%s, %s, %s, %s)",
                            [source, target, variant, quantity],
                        )
                    tally.record("transferred")
                else:
                    with transaction_as(conn, SERVICE):
                        conn.execute("select public.stock_expire_reservations(20)")
                    tally.record("expire_sweep")
            except EmporiumError as exc:
                tally.record(classify(exc, tally))


def test_hammering_multi_line_carts_never_deadlocks(world_db: Database) -> None:
    stock = stock_hot_variants(world_db)
    tally = Tally()
    run_workers(lambda seed, start: hammer_carts(world_db, stock, tally, seed, start), 16)
    print("OUTCOMES", dict(tally.outcomes))
    assert tally.deadlocks == 0
    assert tally.serialization_failures == 0
    assert tally.unexpected == []
    for outcome in ("reserved", "released", "committed", "transferred", "insufficient_stock"):
        assert tally.outcomes[outcome] > 0, (outcome, tally.outcomes)
    assert_sound(world_db, stock, tally.committed)


# ------------------------------------------------------------ idempotency under a race
def wait_until_blocked(admin_dsn: str, pid: int) -> None:
    with psycopg.connect(admin_dsn, autocommit=True) as watcher:
        for _ in range(200):
            row = watcher.execute(
                "select wait_event_type from pg_stat_activity where pid = %s", [pid]
            ).fetchone()
            if row is not None and row[0] == "Lock":
                return
            time.sleep(0.025)
    pytest.fail("the second call never waited for the first")


def test_a_key_replayed_while_its_first_call_runs_reserves_once(world_db: Database) -> None:
    variant, key = ID["variant_active"], "checkout-race"
    call = "select id, location_id, quantity from public.stock_reserve(%s, 9, 60, 'cart', %s,"
    call += " null, null, %s)"
    params = [variant, ID["cart_customer_a"], key]
    replies: list[list[tuple[Any, ...]]] = []
    with psycopg.connect(world_db.api_dsn) as first, psycopg.connect(world_db.api_dsn) as second:
        with transaction_as(first, SERVICE):
            taken = first.execute(call, params).fetchall()  # 9 at loc_a, not committed yet

            def retry() -> None:
                with transaction_as(second, SERVICE):
                    replies.append(second.execute(call, params).fetchall())

            thread = threading.Thread(target=retry)
            thread.start()
            wait_until_blocked(world_db.admin_dsn, second.info.backend_pid)
        thread.join(timeout=30)
    assert replies == [taken]
    with psycopg.connect(world_db.admin_dsn) as conn:
        held = conn.execute(
            "select location_id, quantity from public.stock_reservations"
            " where idempotency_key = %s",
            [key],
        ).fetchall()
        reserved = conn.execute(
            "select location_id, reserved from public.stock_levels where variant_id = %s"
            " order by location_id",
            [variant],
        ).fetchall()
    assert held == [(ID["loc_a"], 9)]
    assert sorted(reserved) == sorted([(ID["loc_a"], 10), (ID["loc_b"], 1)])


# ------------------------------------------------------------ a try that lost its race
def test_a_try_that_lost_its_race_keeps_no_level_for_the_split_path(world_db: Database) -> None:
    """The fast path's UPDATE waits for a level, finds too little and must not keep it.

    vendor_a's first location by priority (``first``) has the higher id, its second
    (``second``) the lower. The first caller takes 6 of first's 10 and stays open. A second
    asks for 6 at the vendor: its first try waits for first's row. A third asks for 15:
    no single level has them, so it locks every level in id order, second then first, and
    waits for first. When the first caller commits, the second caller's try finds 4 and
    gives no row; had it kept first's row (a conditional UPDATE keeps a row it waited for),
    its next try would wait for second, which the third holds while it waits for first: a
    deadlock. Rolled back, it lets the third through (14 < 15: refused) and then takes its 6
    at second.
    """
    vendor = ID["vendor_a"]
    first = uuid.UUID("ffffffff-0000-4000-8000-00000000f157")
    second = uuid.UUID("00000000-0000-4000-8000-0000000005ec")
    with psycopg.connect(world_db.admin_dsn) as owner:
        variant = add_variant(owner, {vendor: 10})
        for location, priority in ((first, 1), (second, 2)):
            owner.execute(
                "insert into public.stock_locations (id, vendor_id, name, code, priority)"
                " values (%s, %s, %s, %s, %s)",
                [location, vendor, f"Race {priority}", f"RACE{priority}", priority],
            )
            receive(owner, location, variant, 10)
        owner.commit()
    call = "select location_id, quantity from public.stock_reserve(%s, %s, 60, 'cart', %s, %s)"
    outcomes: dict[str, Any] = {}

    def reserve(conn: psycopg.Connection[Any], name: str, quantity: int) -> None:
        try:
            with transaction_as(conn, SERVICE):
                outcomes[name] = conn.execute(
                    call, [variant, quantity, uuid.uuid4(), vendor]
                ).fetchall()
        except EmporiumError as exc:
            outcomes[name] = (exc.instance_code, type(exc.__cause__).__name__)

    with (
        psycopg.connect(world_db.api_dsn) as holder,
        psycopg.connect(world_db.api_dsn) as loser,
        psycopg.connect(world_db.api_dsn) as splitter,
    ):
        threads = []
        with transaction_as(holder, SERVICE):
            taken = holder.execute(call, [variant, 6, uuid.uuid4(), vendor]).fetchall()
            for conn, name, quantity in ((loser, "loser", 6), (splitter, "splitter", 15)):
                thread = threading.Thread(target=reserve, args=(conn, name, quantity))
                thread.start()
                threads.append(thread)
                wait_until_blocked(world_db.admin_dsn, conn.info.backend_pid)
        for thread in threads:
            thread.join(timeout=30)
    assert taken == [(first, 6)]
    assert outcomes == {
        "splitter": ("insufficient_stock", "RaiseException"),
        "loser": [(second, 6)],
    }
    with psycopg.connect(world_db.admin_dsn) as conn:
        assert conn.execute("select * from public.stock_check_ledger()").fetchall() == []


# ------------------------------------------------------------ the sweeper never waits
def test_the_sweeper_skips_a_level_in_use_and_takes_it_next_time(world_db: Database) -> None:
    sweep = "select public.stock_expire_reservations(10)"
    with psycopg.connect(world_db.admin_dsn) as owner:
        owner.execute(
            "update public.stock_reservations set expires_at = now() - interval '1 second'"
            " where id = %s",
            [ID["reservation_a"]],
        )
        owner.commit()
    with psycopg.connect(world_db.api_dsn) as busy, psycopg.connect(world_db.api_dsn) as sweeper:
        # a reservation being taken at loc_a right now holds its level
        with transaction_as(busy, SERVICE):
            busy.execute(
                "select * from public.stock_reserve(%s, 1, 60, 'cart', %s, null, %s)",
                [ID["variant_active"], ID["cart_customer_b"], ID["loc_a"]],
            )
            sweeper.execute("set statement_timeout = '5s'")
            began = time.monotonic()
            with transaction_as(sweeper, SERVICE):
                swept = sweeper.execute(sweep).fetchone()
            assert time.monotonic() - began < 2
            assert swept == (0,)
        with transaction_as(sweeper, SERVICE):
            assert sweeper.execute(sweep).fetchone() == (1,)
    with psycopg.connect(world_db.admin_dsn) as conn:
        assert conn.execute(
            "select status from public.stock_reservations where id = %s", [ID["reservation_a"]]
        ).fetchone() == ("expired",)
        assert conn.execute("select * from public.stock_check_ledger()").fetchall() == []


def test_release_holder_skips_a_reservation_committed_meanwhile(world_db: Database) -> None:
    holder = ID["cart_customer_a"]
    with psycopg.connect(world_db.api_dsn) as payer, psycopg.connect(world_db.api_dsn) as emptier:
        with transaction_as(payer, SERVICE):
            rows = payer.execute(
                "select id from public.stock_reserve(%s, 2, 60, 'cart', %s, %s)",
                [ID["variant_active"], holder, ID["vendor_b"]],
            ).fetchall()
        (paid,) = (row[0] for row in rows)
        released: list[Any] = []
        with transaction_as(payer, SERVICE):
            payer.execute("select * from public.stock_commit(%s)", [paid])

            def empty_the_cart() -> None:
                try:
                    with transaction_as(emptier, SERVICE):
                        released.append(
                            emptier.execute(
                                "select public.stock_release_holder('cart', %s)", [holder]
                            ).fetchone()
                        )
                except EmporiumError as exc:
                    released.append(exc.instance_code)

            thread = threading.Thread(target=empty_the_cart)
            thread.start()
            wait_until_blocked(world_db.admin_dsn, emptier.info.backend_pid)
        thread.join(timeout=30)
    # the world's reservation_a was released; the one paid for meanwhile was left alone
    assert released == [(1,)]
    with psycopg.connect(world_db.admin_dsn) as conn:
        statuses: dict[Any, str] = dict(
            conn.execute(
                "select id, status from public.stock_reservations where id = any(%s)",
                [[paid, ID["reservation_a"]]],
            ).fetchall()
        )
        assert statuses == {paid: "committed", ID["reservation_a"]: "released"}
        assert conn.execute("select * from public.stock_check_ledger()").fetchall() == []


# ------------------------------------------------------------ alerts across transactions
def test_an_alert_opened_by_a_younger_transaction_is_resolved_by_an_older_one(
    world_db: Database,
) -> None:
    """now() is when a transaction began: the older one resolves what the younger opened."""
    with psycopg.connect(world_db.admin_dsn) as owner:
        variant = add_variant(owner, {ID["vendor_a"]: 10})
        receive(owner, ID["loc_a"], variant, 10)
        owner.execute(
            "update public.stock_levels set reorder_point = 2 where variant_id = %s", [variant]
        )
        owner.commit()
    with (
        psycopg.connect(world_db.api_dsn) as older,
        psycopg.connect(world_db.api_dsn) as younger,
        transaction_as(older, SERVICE),
    ):
        older.execute("select 1")  # begun: its now() is fixed from here
        time.sleep(0.05)
        with transaction_as(younger, SERVICE):  # available 10 -> 2: low_stock opens
            younger.execute(
                "select * from public.stock_reserve(%s, 8, 60, 'cart', %s)",
                [variant, ID["cart_customer_a"]],
            )
        # a receipt in the older transaction: available 7, the alert resolves
        older.execute("select public.stock_receive(%s, %s, 5)", [ID["loc_a"], variant])
    with psycopg.connect(world_db.admin_dsn) as conn:
        alerts = conn.execute(
            "select kind, resolved_at >= opened_at from public.stock_alerts where variant_id = %s",
            [variant],
        ).fetchall()
    assert alerts == [("low_stock", True)]
