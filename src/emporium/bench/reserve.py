"""Reservation throughput and latency: our ``stock_reserve`` next to the raw SQL limit.

What is measured, per scenario (``hot-10``: 10 variants everyone fights over;
``spread-10000``: 10,000 variants) and per number of clients (default 8 and 32):

- **ours**: ``select id from public.stock_reserve(variant, 1, 600, 'order', holder, vendor)``,
  one statement per reservation (autocommit), as ``service_role``.
- **raw**: the least any correct reservation must do, one conditional UPDATE of
  ``stock_levels`` plus one INSERT into ``stock_reservations``, sent as ONE statement (a
  data-modifying CTE, so one round trip like ours), through the same psycopg client, the same
  connection setup and the same role.
- **pgbench** (when a ``pgbench`` binary is found): the raw pair again, run by pgbench
  (``-M prepared``), i.e. without the Python client in the way.

Both Python paths use server-side prepared statements (``execute(..., prepare=True)`` on
connections with ``prepare_threshold=0``: emporium's ``connect`` turns preparation off, and
psycopg then ignores ``prepare=True``); that is not PgBouncer-safe in transaction mode, which
does not matter for a benchmark. ``BenchConfig(prepared=False)`` measures both as the
application sends them instead. Every client
has its own connection (one per path); each operation picks its variant uniformly at random
from the scenario's set, and its latency is the wall time of execute + fetch
(``time.perf_counter_ns``). The clients are spread over worker processes (by default up to 4
per core, see :mod:`emporium.bench.clients`): one interpreter driving 32 clients from threads
added its own waits to both paths' latencies.

The clients act as ``service_role`` (session-level ``role`` and ``request.jwt.claims``), so
``stock_reserve`` accepts the holder without checking that the caller may see it: a buyer's
call would add the ``can_see_order`` lookup, the raw pair has no such check either way.

Per cell, ours and raw alternate in ``rounds`` slices (ours, raw / raw, ours / ...; the same
variant sequence for both in a round), so that a change of load on the machine during the
cell hits both alike; their figures add the slices up. Every slice (and the pgbench run)
starts from the same state (no reservations, ``reserved = 0``, tables vacuumed, a fresh
checkpoint) and ends with the oversell check: units held beyond ``on_hand`` (must be 0),
the rows of ``stock_check_ledger()`` (must be none), and the reservations in the table
against the ones the clients were told they got.

The implementation lives in the package so that ``emporium bench reserve`` works from an
installed emporium; ``benchmarks/reserve.py`` in the repository is a thin runnable wrapper.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from rich.table import Table

from emporium import __version__
from emporium.bench.clients import (
    OURS_SQL,
    PATHS,
    RAW_SQL,
    TTL_SECONDS,
    ClientPool,
    ClientRun,
    Target,
    default_processes,
)
from emporium.db import migrate
from emporium.db.connect import connect
from emporium.db.embedded import EmbeddedPostgres
from emporium.errors import EmporiumError, InvalidInput

DEFAULT_DATABASE = "emporium_bench"
DEFAULT_OUTPUT = Path("reports/bench-reserve.json")
RATIO_TARGET = 0.8
P99_TARGET_MS = 20.0
P99_TARGET_CLIENTS = 32

Progress = Callable[[str], None]

# Fixed ids: pgbench computes the variant and holder ids from integers with the same recipe.
VENDOR_ID = uuid.UUID("00000000-0000-4000-8000-00000000be00")
LOCATION_IDS = (
    uuid.UUID("00000000-0000-4000-8000-00000000be01"),  # priority 10: where reservations go
    uuid.UUID("00000000-0000-4000-8000-00000000be02"),  # priority 20: the second candidate
)
_HOLDER_PREFIX = "00000000-0000-4000-8003-"


def _id(prefix: str, n: int) -> uuid.UUID:
    return uuid.UUID(f"{prefix}{n:012d}")


def holder_id(n: int) -> uuid.UUID:
    """The order that client ``n`` (1-based) reserves for."""
    return _id(_HOLDER_PREFIX, n)


@dataclass(frozen=True)
class Scenario:
    """A set of variants, each stocked at both bench locations."""

    name: str
    variants: int
    on_hand: int  # per level; large enough that a run does not run dry (refusals are counted)
    prefix: str  # the first 24 characters of every variant id of the scenario

    def variant_id(self, n: int) -> uuid.UUID:
        return _id(self.prefix, n)

    def variant_ids(self) -> list[uuid.UUID]:
        return [self.variant_id(n) for n in range(1, self.variants + 1)]


def hot_scenario(variants: int = 10, on_hand: int = 1_000_000) -> Scenario:
    return Scenario(f"hot-{variants}", variants, on_hand, "00000000-0000-4000-8001-")


def spread_scenario(variants: int = 10_000, on_hand: int = 1_000) -> Scenario:
    return Scenario(f"spread-{variants}", variants, on_hand, "00000000-0000-4000-8002-")


@dataclass(frozen=True)
class BenchConfig:
    seconds: float = 10.0  # measured time per path and cell
    warmup: float = 1.0  # per Python path and cell, unmeasured, before the first slice
    clients: tuple[int, ...] = (8, 32)
    scenarios: tuple[Scenario, ...] = field(
        default_factory=lambda: (hot_scenario(), spread_scenario())
    )
    pgbench_threads: int = 2  # pgbench -j
    rounds: int = 4  # ours and raw alternate in this many slices of seconds / rounds each
    # Finished (released / expired) reservations already in the table, as in a store that has
    # been running: the planner then sees a table of realistic size (see ``seed``).
    history: int = 100_000
    seed: int = 42
    # Worker processes that drive the clients (None: see clients.default_processes). 1 is a
    # single Python process driving every client from its threads.
    processes: int | None = None
    # Server-side prepared statements for both Python paths, as pgbench -M prepared. False
    # measures them as the application sends them (parsed and planned every time).
    prepared: bool = True

    def __post_init__(self) -> None:
        if self.seconds <= 0:
            raise InvalidInput("--seconds must be positive", code="bench_invalid")
        if self.warmup < 0:
            raise InvalidInput("--warmup must be zero or positive", code="bench_invalid")
        if not self.clients or any(c < 1 or c > 150 for c in self.clients):
            raise InvalidInput("--clients must be between 1 and 150 each", code="bench_invalid")
        if self.rounds < 1:
            raise InvalidInput("--rounds must be 1 or more", code="bench_invalid")
        if self.processes is not None and self.processes < 1:
            raise InvalidInput("--processes must be 1 or more", code="bench_invalid")
        if not self.scenarios:
            raise InvalidInput("at least one scenario is needed", code="bench_invalid")

    def processes_for(self, clients: int) -> int:
        """How many worker processes drive ``clients`` clients."""
        if self.processes is not None:
            return min(self.processes, clients)
        return default_processes(clients, _usable_cores())


def _usable_cores() -> int | None:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


def parse_clients(text: str) -> tuple[int, ...]:
    """``"8,32"`` -> ``(8, 32)``."""
    try:
        values = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise InvalidInput(
            f"--clients takes numbers separated by commas, not {text!r}",
            code="bench_invalid",
            hint="e.g. --clients 8,32",
        ) from None
    if not values:
        raise InvalidInput("--clients is empty", code="bench_invalid", hint="e.g. --clients 8,32")
    return values


# ------------------------------------------------------------------------------ the SQL
def pgbench_script(scenario: Scenario) -> str:
    """The raw pair for pgbench: the variant and holder ids are built from integers."""
    return (
        f"\\set n random(1, {scenario.variants})\n"
        "with u as (\n"
        "  update public.stock_levels set reserved = reserved + 1\n"
        f"  where location_id = '{LOCATION_IDS[0]}'::uuid\n"
        f"    and variant_id = ('{scenario.prefix}' || lpad(:n::text, 12, '0'))::uuid\n"
        "    and on_hand - reserved >= 1\n"
        "  returning vendor_id, location_id, variant_id)\n"
        "insert into public.stock_reservations\n"
        "  (vendor_id, location_id, variant_id, quantity, holder_type, holder_id, expires_at)\n"
        "select vendor_id, location_id, variant_id, 1, 'order',\n"
        f"  ('{_HOLDER_PREFIX}' || lpad((:client_id + 1)::text, 12, '0'))::uuid,\n"
        f"  now() + interval '{TTL_SECONDS} seconds' from u;\n"
    )


# ---------------------------------------------------------------------- database setup
def dsn_for_database(dsn: str, dbname: str) -> str:
    parts: dict[str, Any] = conninfo_to_dict(dsn)
    parts["dbname"] = dbname
    return make_conninfo(**parts)


def create_database(server_dsn: str, name: str = DEFAULT_DATABASE) -> str:
    """Create ``name`` afresh (dropping a leftover one) on the server of ``server_dsn``."""
    drop_database(server_dsn, name)
    with connect(server_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    return dsn_for_database(server_dsn, name)


def drop_database(server_dsn: str, name: str = DEFAULT_DATABASE) -> None:
    with connect(server_dsn, autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
        )


def _copy(
    conn: psycopg.Connection[Any], table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    stmt = sql.SQL("copy public.{} ({}) from stdin").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    with conn.cursor() as cur, cur.copy(stmt) as copy:
        for row in rows:
            copy.write_row(row)


def seed(dsn: str, scenarios: Sequence[Scenario], holders: int, history: int = 0) -> None:
    """A consistent world: a vendor, two locations, the variants with offers, orders as
    holders, and the stock entered through the ledger (the movement trigger makes the levels).

    ``history`` finished reservations (released or expired: they hold nothing) are added so
    that ``stock_reservations`` is not empty when the statistics are taken: with an empty
    table analyzed, the planner picks a sequential scan for lookups by id, which a cached
    generic plan then keeps while the table grows during the run. Done as the database
    owner, like ``tests/world.py``.
    """
    with connect(dsn) as conn:
        conn.execute(
            "insert into public.vendors (id, name, slug, status) values (%s, %s, %s, 'active')",
            [VENDOR_ID, "Bench Vendor", "bench-vendor"],
        )
        for i, loc in enumerate(LOCATION_IDS, start=1):
            conn.execute(
                "insert into public.stock_locations (id, vendor_id, name, code, priority)"
                " values (%s, %s, %s, %s, %s)",
                [loc, VENDOR_ID, f"Bench warehouse {i}", f"BENCH{i}", 10 * i],
            )
        for sc in scenarios:
            per_product = 10
            products = (sc.variants + per_product - 1) // per_product
            product_ids = [uuid.uuid5(VENDOR_ID, f"{sc.name}/product/{p}") for p in range(products)]
            slug = re.sub(r"[^a-z0-9]+", "-", sc.name.lower()).strip("-")
            _copy(
                conn,
                "products",
                ("id", "title", "slug", "status", "kind"),
                [
                    (pid, f"Bench {sc.name} #{p}", f"bench-{slug}-{p}", "active", "variable")
                    for p, pid in enumerate(product_ids)
                ],
            )
            variants = sc.variant_ids()
            _copy(
                conn,
                "product_variants",
                ("id", "product_id", "sku", "size_label", "position"),
                [
                    (
                        v,
                        product_ids[n // per_product],
                        f"BENCH-{slug.upper()}-{n + 1}",
                        f"size {n % per_product}",
                        n % per_product,
                    )
                    for n, v in enumerate(variants)
                ],
            )
            _copy(
                conn,
                "offers",
                ("vendor_id", "variant_id", "price"),
                [(VENDOR_ID, v, 100) for v in variants],
            )
            _copy(
                conn,
                "stock_movements",
                ("vendor_id", "location_id", "variant_id", "delta", "kind", "reference"),
                [
                    (VENDOR_ID, loc, v, sc.on_hand, "opening_balance", "bench")
                    for loc in LOCATION_IDS
                    for v in variants
                ],
            )
        _copy(
            conn,
            "orders",
            ("id", "number", "subtotal", "grand_total"),
            [(holder_id(n), f"BENCH-{n}", 0, 0) for n in range(1, holders + 1)],
        )
        for sc in scenarios:
            conn.execute(
                """
                insert into public.stock_reservations (vendor_id, location_id, variant_id,
                    quantity, holder_type, holder_id, status, expires_at, created_at, updated_at)
                select %(vendor)s, %(location)s,
                       (%(prefix)s || lpad((1 + g %% %(variants)s)::text, 12, '0'))::uuid,
                       1, 'order',
                       (%(holder)s || lpad((1 + g %% %(holders)s)::text, 12, '0'))::uuid,
                       case when g %% 4 = 0 then 'expired' else 'released' end,
                       t + interval '600 seconds', t, t
                from generate_series(1, %(count)s) g,
                     lateral (select now() - interval '30 days' + g * interval '1 second') x(t)
                """,
                {
                    "vendor": VENDOR_ID,
                    "location": LOCATION_IDS[0],
                    "prefix": sc.prefix,
                    "variants": sc.variants,
                    "holder": _HOLDER_PREFIX,
                    "holders": holders,
                    "count": history // len(scenarios),
                },
            )
        conn.commit()
    with connect(dsn, autocommit=True) as conn:
        conn.execute("vacuum analyze")


def reset(dsn: str) -> None:
    """The state every run starts from: no reservations, nothing reserved, vacuumed, and a
    fresh checkpoint (so no run pays for the previous run's dirty pages)."""
    with connect(dsn, autocommit=True) as conn:
        conn.execute("delete from public.stock_reservations where status = 'active'")
        conn.execute("update public.stock_levels set reserved = 0 where reserved <> 0")
        conn.execute("vacuum analyze public.stock_levels, public.stock_reservations")
        # A non-superuser DATABASE_URL may not checkpoint: runs still start from the same rows.
        with contextlib.suppress(psycopg.errors.InsufficientPrivilege):
            conn.execute("checkpoint")


@dataclass(frozen=True)
class Check:
    oversold_units: int  # units held beyond on_hand (by `reserved` or by active reservations)
    ledger_mismatches: int  # rows of stock_check_ledger(): must be none
    reservations: int  # active reservations in the table after the run


def check(dsn: str) -> Check:
    with connect(dsn) as conn:
        row = conn.execute(
            """
            select coalesce(sum(greatest(greatest(l.reserved, coalesce(h.total, 0))
                                         - l.on_hand, 0)), 0)::bigint
            from public.stock_levels l
            left join (
                select r.location_id, r.variant_id, sum(r.quantity) as total
                from public.stock_reservations r where r.status = 'active' group by 1, 2
            ) h using (location_id, variant_id)
            """
        ).fetchone()
        mismatches = conn.execute("select count(*) from public.stock_check_ledger()").fetchone()
        count = conn.execute(
            "select count(*) from public.stock_reservations where status = 'active'"
        ).fetchone()
    assert row is not None
    assert mismatches is not None
    assert count is not None
    return Check(int(row[0]), int(mismatches[0]), int(count[0]))


# ------------------------------------------------------------------------ measurements
@dataclass
class RunResult:
    path: str
    clients: int
    seconds: float  # measured wall time
    ops: int  # reservations made (for pgbench: counted in the table)
    refused: int  # asked but not enough stock
    ops_per_s: float
    p50_ms: float | None
    p99_ms: float | None
    mean_ms: float | None
    max_ms: float | None
    oversold_units: int
    ledger_mismatches: int
    reservations_in_db: int
    consistent: bool  # reservations in the table == reservations the clients were told about
    tps: float | None = None  # pgbench's own figure (without initial connection time)
    note: str | None = None
    slices: list[float] = field(default_factory=list)  # ops/s of each measured slice


def _percentile(sorted_values: Sequence[int], q: float) -> float:
    """Nearest-rank percentile of nanosecond values, in milliseconds."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1] / 1e6


@dataclass(frozen=True)
class _Latency:
    p50_ms: float | None = None
    p99_ms: float | None = None
    mean_ms: float | None = None
    max_ms: float | None = None


def _latency_stats(latencies_ns: list[int]) -> _Latency:
    if not latencies_ns:
        return _Latency()
    values = sorted(latencies_ns)
    return _Latency(
        p50_ms=round(_percentile(values, 0.50), 3),
        p99_ms=round(_percentile(values, 0.99), 3),
        mean_ms=round(sum(values) / len(values) / 1e6, 3),
        max_ms=round(values[-1] / 1e6, 3),
    )


@dataclass
class _Totals:
    """One path's slices of a cell, added up."""

    latencies: list[int] = field(default_factory=list)
    ok: int = 0
    refused: int = 0
    elapsed: float = 0.0
    oversold: int = 0
    mismatches: int = 0
    reservations: int = 0
    consistent: bool = True
    slices: list[float] = field(default_factory=list)

    def add(self, runs: list[ClientRun], elapsed: float, verdict: Check) -> None:
        ok = sum(r.ok for r in runs)
        for r in runs:
            self.latencies.extend(r.latencies_ns)
        self.ok += ok
        self.refused += sum(r.refused for r in runs)
        self.elapsed += elapsed
        self.oversold += verdict.oversold_units
        self.mismatches += verdict.ledger_mismatches
        self.reservations += verdict.reservations
        self.consistent = self.consistent and verdict.reservations == ok
        self.slices.append(round(ok / elapsed, 1) if elapsed > 0 else 0.0)

    def result(self, path: str, clients: int) -> RunResult:
        lat = _latency_stats(self.latencies)
        return RunResult(
            path=path,
            clients=clients,
            seconds=round(self.elapsed, 3),
            ops=self.ok,
            refused=self.refused,
            ops_per_s=round(self.ok / self.elapsed, 1) if self.elapsed > 0 else 0.0,
            p50_ms=lat.p50_ms,
            p99_ms=lat.p99_ms,
            mean_ms=lat.mean_ms,
            max_ms=lat.max_ms,
            oversold_units=self.oversold,
            ledger_mismatches=self.mismatches,
            reservations_in_db=self.reservations,
            consistent=self.consistent,
            slices=self.slices,
        )


def _python_cell(
    dsn: str, scenario: Scenario, clients: int, config: BenchConfig, progress: Progress
) -> dict[str, RunResult]:
    """ours and raw through one pool of clients, alternating in ``config.rounds`` slices
    (ours, raw / raw, ours / ...), each slice from the reset state: a load change on the
    machine hits both paths alike."""
    totals = {p: _Totals() for p in PATHS}
    target = Target(dsn, VENDOR_ID, LOCATION_IDS[0], scenario.variant_ids(), config.prepared)
    holders = [holder_id(i + 1) for i in range(clients)]
    with ClientPool(target, holders, processes=config.processes_for(clients)) as pool:
        if config.warmup > 0:
            for p in PATHS:
                pool.run(p, config.warmup, config.seed + 1_000_003)
        for r in range(config.rounds):
            order = PATHS if r % 2 == 0 else PATHS[::-1]
            for p in order:
                progress(
                    f"{scenario.name}, {clients} clients: {p} "
                    f"(slice {r + 1}/{config.rounds}, {config.seconds / config.rounds:g}s)"
                )
                reset(dsn)
                # the same seed for both paths of a round: the same sequence of variants
                runs, elapsed = pool.run(p, config.seconds / config.rounds, config.seed + r)
                totals[p].add(runs, elapsed, check(dsn))
    return {p: totals[p].result(p, clients) for p in PATHS}


# ------------------------------------------------------------------------------ pgbench
def find_pgbench(embedded: EmbeddedPostgres | None = None) -> Path | None:
    """The embedded server's pgbench, else one on PATH, else None."""
    if embedded is not None:
        candidate = embedded.bin("pgbench")
        if candidate.exists():
            return candidate
    found = shutil.which("pgbench")
    return Path(found) if found else None


_TPS = re.compile(r"^tps = ([0-9.]+) \(without initial connection time\)", re.MULTILINE)


def _pgbench_run(
    dsn: str, pgbench: Path, scenario: Scenario, clients: int, seconds: float, threads: int
) -> RunResult:
    reset(dsn)
    duration = max(1, round(seconds))  # pgbench -T takes whole seconds
    with tempfile.TemporaryDirectory(prefix="emporium-pgbench-") as tmp:
        script = Path(tmp) / "reserve.sql"
        script.write_text(pgbench_script(scenario))
        env = dict(os.environ)
        env["PGOPTIONS"] = "-c role=service_role"
        env.pop("PGDATABASE", None)
        args = [
            str(pgbench),
            "-n",  # no vacuum of pgbench's own tables (there are none)
            "-M",
            "prepared",
            "-c",
            str(clients),
            "-j",
            str(max(1, min(threads, clients))),
            "-T",
            str(duration),
            "-f",
            str(script),
            "--log",
            f"--log-prefix={Path(tmp) / 'tx'}",
            dsn,
        ]
        started = time.perf_counter()
        result = subprocess.run(
            args,
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp,
            timeout=duration + 120,
            check=False,
        )
        wall = time.perf_counter() - started
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
            raise EmporiumError(
                f"pgbench failed ({result.returncode}): {' | '.join(tail)}",
                code="pgbench_failed",
                hint="run again with --no-pgbench to measure the Python paths only",
            )
        latencies_us: list[int] = []
        failed = 0
        for log in Path(tmp).glob("tx.*"):
            for line in log.read_text().splitlines():
                fields = line.split()
                if len(fields) >= 3 and fields[2].isdigit():
                    latencies_us.append(int(fields[2]))
                else:
                    failed += 1
    match = _TPS.search(result.stdout)
    tps = float(match.group(1)) if match else None
    verdict = check(dsn)
    lat = _latency_stats([x * 1000 for x in latencies_us])
    transactions = len(latencies_us)
    measured = float(duration)
    return RunResult(
        path="pgbench",
        clients=clients,
        seconds=measured,
        ops=verdict.reservations,
        refused=transactions - verdict.reservations,
        ops_per_s=round(verdict.reservations / measured, 1),
        p50_ms=lat.p50_ms,
        p99_ms=lat.p99_ms,
        mean_ms=lat.mean_ms,
        max_ms=lat.max_ms,
        oversold_units=verdict.oversold_units,
        ledger_mismatches=verdict.ledger_mismatches,
        reservations_in_db=verdict.reservations,
        consistent=failed == 0 and transactions >= verdict.reservations,
        tps=tps,
        slices=[round(verdict.reservations / measured, 1)],
        note=(
            f"pgbench -M prepared -c {clients} -j {min(threads, clients)} -T {duration}; "
            f"latencies from its per-transaction log ({transactions} transactions, "
            f"{failed} failed); wall {wall:.1f}s incl. connecting"
        ),
    )


# --------------------------------------------------------------------------- the bench
def _machine() -> dict[str, Any]:
    cpu_model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_total = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_total = int(line.split()[1]) * 1024
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": cpu_model,
        "memory_bytes": mem_total,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "psycopg": psycopg.__version__,
        "emporium": __version__,
    }


def _postgres(dsn: str) -> dict[str, Any]:
    with connect(dsn) as conn:
        row = conn.execute("select version(), current_setting('server_version')").fetchone()
        assert row is not None
        settings = {
            name: value
            for name, value in conn.execute(
                "select name, current_setting(name) from pg_settings"
                " where name = any(%s) order by name",
                [
                    [
                        "fsync",
                        "synchronous_commit",
                        "full_page_writes",
                        "shared_buffers",
                        "max_connections",
                        "wal_level",
                        "checkpoint_timeout",
                        "max_wal_size",
                        "jit",
                        "max_parallel_workers_per_gather",
                    ]
                ],
            ).fetchall()
        }
        # Which stock_reserve was measured: the SQL changes, the figures are of this one.
        fn = conn.execute(
            "select md5(string_agg(pg_get_functiondef(p.oid), '' order by p.oid))"
            " from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
            " where n.nspname = 'public' and p.proname = 'stock_reserve'"
        ).fetchone()
    return {
        "version": row[1],
        "version_full": row[0],
        "settings": settings,
        "migration": migrate.current_revision(dsn),
        "stock_reserve_md5": fn[0] if fn else None,
    }


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b > 0 else None


def run_benchmark(
    dsn: str,
    config: BenchConfig | None = None,
    *,
    pgbench: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Migrate and seed the (fresh, empty or just-migrated) database ``dsn``, run every cell,
    and return the report (JSON-ready). The database is left with the bench data in it."""
    config = config or BenchConfig()
    say = progress or (lambda _msg: None)
    started = dt.datetime.now(dt.UTC)
    load_before = _loadavg()
    say("migrating the bench database ...")
    migrate.upgrade(dsn)
    say("seeding: " + ", ".join(f"{s.name} ({s.variants} variants)" for s in config.scenarios))
    seed(dsn, config.scenarios, max(config.clients), config.history)
    cells: list[dict[str, Any]] = []
    for scenario in config.scenarios:
        for clients in config.clients:
            runs: dict[str, RunResult | None] = dict(
                _python_cell(dsn, scenario, clients, config, say)
            )
            runs["pgbench"] = None
            if pgbench is not None:
                say(f"{scenario.name}, {clients} clients: pgbench ({config.seconds:g}s) ...")
                runs["pgbench"] = _pgbench_run(
                    dsn, pgbench, scenario, clients, config.seconds, config.pgbench_threads
                )
            cell = _cell(scenario, clients, runs)
            cell["client_processes"] = config.processes_for(clients)
            cells.append(cell)
    reset(dsn)
    return {
        "benchmark": "reserve",
        "format": 1,
        "timestamp": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average": {"before": load_before, "after": _loadavg()},
        "config": {
            "seconds": config.seconds,
            "warmup": config.warmup,
            "clients": list(config.clients),
            "scenarios": [asdict(s) for s in config.scenarios],
            "pgbench": str(pgbench) if pgbench else None,
            "pgbench_threads": config.pgbench_threads,
            "rounds": config.rounds,
            "history": config.history,
            "seed": config.seed,
            "processes": config.processes,
            "prepared": config.prepared,
        },
        "machine": _machine(),
        "postgres": _postgres(dsn),
        "method": {
            "role": "service_role (session-level role and request.jwt.claims)",
            "statements": (
                "server-side prepared (psycopg prepare_threshold=0, execute(prepare=True))"
                if config.prepared
                else "not prepared: parsed and planned on every execution, as the app sends them"
            )
            + "; pgbench -M prepared",
            "transactions": "autocommit: one statement, one transaction per reservation",
            "clients": "one connection per client and path, the clients spread over worker "
            "processes (cells: client_processes), one thread per client in each; variant "
            "uniform at random",
            "ours_sql": OURS_SQL,
            "raw_sql": RAW_SQL,
            "pgbench_script": pgbench_script(config.scenarios[0]),
            "alternation": "per cell, ours and raw alternate in `rounds` slices of "
            "seconds/rounds (ours, raw / raw, ours / ...), the same variant sequence for both "
            "in a round; their figures add the slices up (`slices`: ops/s of each)",
            "reset": "before each measured slice or pgbench run: delete the active "
            "reservations, reserved = 0, vacuum analyze, checkpoint",
            "history": "stock_reservations holds `history` finished (released/expired) rows "
            "so the planner sees a table of realistic size",
        },
        "targets": {
            "ratio_ours_raw_min": RATIO_TARGET,
            "p99_ms_max": P99_TARGET_MS,
            "p99_at_clients": P99_TARGET_CLIENTS,
            "oversold_units": 0,
        },
        "cells": cells,
        "summary": _summary(cells),
    }


def _cell(scenario: Scenario, clients: int, runs: dict[str, RunResult | None]) -> dict[str, Any]:
    ours, raw, bench = runs["ours"], runs["raw"], runs["pgbench"]
    assert ours is not None
    assert raw is not None
    oversold = sum(r.oversold_units for r in (ours, raw, bench) if r is not None)
    mismatches = sum(r.ledger_mismatches for r in (ours, raw, bench) if r is not None)
    ratio = _ratio(ours.ops_per_s, raw.ops_per_s)
    return {
        "scenario": scenario.name,
        "variants": scenario.variants,
        "clients": clients,
        "ours": asdict(ours),
        "raw": asdict(raw),
        "pgbench": asdict(bench) if bench is not None else None,
        "ratio_ours_raw": ratio,
        "ratio_ours_pgbench": _ratio(ours.ops_per_s, bench.ops_per_s) if bench else None,
        "oversold_units": oversold,
        "ledger_mismatches": mismatches,
        "targets_met": {
            "ratio": ratio is not None and ratio >= RATIO_TARGET,
            "p99": (
                ours.p99_ms is not None and ours.p99_ms < P99_TARGET_MS
                if clients == P99_TARGET_CLIENTS
                else None
            ),
            "oversold": oversold == 0 and mismatches == 0,
        },
    }


def _summary(cells: list[dict[str, Any]]) -> dict[str, Any]:
    ratios = [c["ratio_ours_raw"] for c in cells if c["ratio_ours_raw"] is not None]
    p99s = [c["targets_met"]["p99"] for c in cells if c["targets_met"]["p99"] is not None]
    return {
        "oversold_units": sum(c["oversold_units"] for c in cells),
        "ledger_mismatches": sum(c["ledger_mismatches"] for c in cells),
        "min_ratio_ours_raw": min(ratios) if ratios else None,
        "ratio_target_met": all(c["targets_met"]["ratio"] for c in cells),
        "p99_target_met": all(p99s) if p99s else None,
        "oversold_target_met": all(c["targets_met"]["oversold"] for c in cells),
        "all_consistent": all(
            c[p]["consistent"] for c in cells for p in ("ours", "raw", "pgbench") if c[p]
        ),
    }


def run_on_server(
    server_dsn: str,
    config: BenchConfig | None = None,
    *,
    database: str = DEFAULT_DATABASE,
    keep_database: bool = False,
    pgbench: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Create ``database`` afresh on that server, run the bench in it, then drop it."""
    dsn = create_database(server_dsn, database)
    try:
        return run_benchmark(dsn, config, pgbench=pgbench, progress=progress)
    finally:
        if not keep_database:
            drop_database(server_dsn, database)


# ------------------------------------------------------------------------------ output
def _fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def render_table(report: dict[str, Any]) -> Table:
    """scenario, clients, ops/s of each path, ours/raw, pgbench tps, p50/p99 (ms), oversold."""
    table = Table(
        title="stock_reserve vs the raw UPDATE + INSERT "
        f"({report['config']['seconds']:g}s per run)",
        caption=f"latencies in ms. targets: ours/raw >= {RATIO_TARGET}, oversold 0, "
        f"ours p99 < {P99_TARGET_MS:g} ms at {P99_TARGET_CLIENTS} clients",
    )
    for name in (
        "scenario",
        "clients",
        "ours ops/s",
        "raw ops/s",
        "ours/raw",
        "pgbench tps",
        "ours p50 / p99",
        "raw p50 / p99",
        "pgbench p50 / p99",
        "oversold",
    ):
        table.add_column(name, justify="left" if name == "scenario" else "right", no_wrap=True)
    for c in report["cells"]:
        ours, raw, bench = c["ours"], c["raw"], c["pgbench"]
        ratio = c["ratio_ours_raw"]
        ratio_text = _fmt(ratio, 2)
        if ratio is not None:
            ratio_text = f"[{'green' if ratio >= RATIO_TARGET else 'red'}]{ratio_text}[/]"
        p99_ok = c["targets_met"]["p99"]
        ours_lat = f"{_fmt(ours['p50_ms'], 2)} / {_fmt(ours['p99_ms'], 2)}"
        if p99_ok is not None:
            ours_lat = f"[{'green' if p99_ok else 'red'}]{ours_lat}[/]"
        oversold = c["oversold_units"] + c["ledger_mismatches"]
        table.add_row(
            c["scenario"],
            str(c["clients"]),
            _fmt(ours["ops_per_s"], 0),
            _fmt(raw["ops_per_s"], 0),
            ratio_text,
            _fmt(bench["tps"], 0) if bench else "n/a",
            ours_lat,
            f"{_fmt(raw['p50_ms'], 2)} / {_fmt(raw['p99_ms'], 2)}",
            f"{_fmt(bench['p50_ms'], 2)} / {_fmt(bench['p99_ms'], 2)}" if bench else "n/a",
            f"[{'green' if oversold == 0 else 'red'}]{c['oversold_units']}[/]",
        )
    return table


def write_report(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n")
