"""The transform phase: legacy rows -> emporium rows, in steps, batched and resumable.

Each step is one reviewed SQL file under ``sql/transform/`` (set-based, no row-by-row
Python) or the lookup load. A step without batches runs in one transaction; a batched step
runs one transaction per key range of its driving table. Every transaction also writes the
step's resume point to ``reorg.steps``, so a run killed at any moment (SIGKILL included)
resumes after the last committed batch and ends with the same rows as an uninterrupted
run: target ids are derived from legacy keys (``reorg.uid``), never drawn at random, and a
batch never runs twice. Inserts whose rows may meet rows an earlier step wrote (the
sneakers' variants and offers, shared with the KicksDB products) say ``on conflict do
nothing``; the large ones whose rows are distinct by construction don't, so a duplicate
would stop the step on its key instead of vanishing. A finished step is skipped, so a
second run changes nothing.

Batched SQL reads its range from the transaction-local settings ``reorg.lo`` and
``reorg.hi`` (exclusive, inclusive): the files stay plain multi-statement SQL.

The first step (``defer``) drops the foreign keys and secondary indexes of every table the
steps fill, after recording them; the last (``restore``) builds them again, one per
transaction, and so checks every foreign key once over whole tables instead of row by row
(``emporium.legacy.deferred``).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from emporium.errors import Conflict
from emporium.legacy import crew, deferred, lookups, state
from emporium.legacy.state import SQL_DIR

# (step, done, total): called after every committed batch.
Progress = Callable[[str, int, int], None]
# Rows of the driving table per batch (one transaction each). Each order-line batch hashes
# every sneaker plan, order and product reference it may meet (~650k rows at 1M legacy
# rows) before it resolves its own lines, so fewer, larger batches cost less: 200,000 took
# the order lines from 16.2 to 13.8 s against 50,000 (docs/legacy.md). A kill loses at most
# one batch's work, a few seconds; the migrator's memory doesn't depend on it.
BATCH_ROWS = 200_000


@dataclass(frozen=True)
class Batching:
    table: str  # schema-qualified driving table
    key: str  # an integer column, unique and indexed


@dataclass(frozen=True)
class Step:
    name: str
    file: str | None  # None: done in Python (lookups, defer, restore)
    counts: str  # the table whose rows the step's progress counts
    batching: Batching | None = None
    # The steps whose rows (or working tables) this one reads: it starts after them.
    after: tuple[str, ...] = ()


# In the order one connection runs them. With two (``run(dsn=...)``), a free connection takes
# the first step in this order whose ``after`` steps are done and whose tables no running
# step writes, so the order is a priority: the chain users -> products -> sneakers ->
# order_items -> restore first, the rest in its gaps. The catalog is cut so that the second
# connection has work while the first writes products and sneakers: the sneakers are planned
# from the products' plan while the products are written, and what each legacy catalog row
# became (row map and issues, from the working tables alone) is recorded in steps of their
# own, last in line.
STEPS: tuple[Step, ...] = (
    Step("defer", None, "reorg.deferred_ddl"),
    Step("lookups", None, "legacy.users", after=("defer",)),
    Step("users", "10_users.sql", "legacy.users", after=("lookups",)),
    Step("lookups_late", None, "legacy.order_items", after=("lookups",)),
    Step("products_plan", "20_products_plan.sql", "legacy.products", after=("users",)),
    Step("products", "21_products.sql", "legacy.products", after=("products_plan",)),
    Step("sneakers_plan", "30_sneakers_plan.sql", "legacy.sneakers", after=("products_plan",)),
    Step("sneakers", "31_sneakers.sql", "legacy.sneakers", after=("products", "sneakers_plan")),
    Step(
        "orders",
        "50_orders.sql",
        "legacy.orders",
        Batching("legacy.orders", "id"),
        ("users", "lookups_late"),
    ),
    Step(
        "order_items",
        "60_order_items.sql",
        "legacy.order_items",
        Batching("legacy.order_items", "id"),
        after=("orders", "sneakers"),
    ),
    Step("dealers", "70_dealers.sql", "legacy.dealers", after=("users",)),
    Step(
        "dealer_prices",
        "80_dealer_prices.sql",
        "legacy.dealer_prices",
        after=("dealers", "sneakers_plan"),
    ),
    Step("images", "45_images.sql", "legacy.products", after=("sneakers", "lookups_late")),
    Step("stock", "40_stock.sql", "reorg.w_stock", Batching("reorg.w_stock", "n"), ("sneakers",)),
    Step("products_map", "22_products_map.sql", "legacy.products", after=("products",)),
    Step("sneakers_map", "32_sneakers_map.sql", "legacy.sneakers", after=("sneakers",)),
    Step(
        "restore",
        None,
        "reorg.deferred_ddl",
        after=(
            "users",
            "order_items",
            "dealer_prices",
            "images",
            "stock",
            "products_map",
            "sneakers_map",
        ),
    ),
)
# Connections the transform runs steps on at once (when given a DSN to open the second).
STEP_WORKERS = 2
# The lookups only images, orders and order lines read (over half of the parsing) are loaded
# by a step of their own, beside users and products.
LATE_LOOKUPS = ("lk_image", "lk_ref", "lk_address")
# Filled by a trigger of a table the steps write (tg_orders__history), not by a step itself.
TRIGGER_WRITTEN = ("order_status_history",)


def _count(conn: psycopg.Connection[Any], table: str) -> int:
    schema, name = table.split(".")
    row = conn.execute(
        sql.SQL("select count(*) from {}").format(sql.Identifier(schema, name))
    ).fetchone()
    return int(row[0]) if row else 0


def _begin(conn: psycopg.Connection[Any], lock_timeout: str) -> None:
    """Settings for one transform transaction (all transaction-local).

    ``synchronous_commit = off`` is safe here: a batch and its resume point commit together,
    so a server crash loses both or neither. ``work_mem`` lets the window functions over the
    working tables sort in memory.
    """
    conn.execute(
        "select set_config('lock_timeout', %s, true),"
        " set_config('synchronous_commit', 'off', true), set_config('work_mem', '128MB', true)",
        [lock_timeout],
    )


_WRITES = re.compile(r"(?:alter table|insert into)\s+public\.([a-z_]+)", re.IGNORECASE)


def _file_writes(step: Step) -> set[str]:
    """The emporium tables a step's SQL file inserts into or alters (none without a file)."""
    if step.file is None:
        return set()
    return set(_WRITES.findall((SQL_DIR / "transform" / step.file).read_text()))


def written_tables() -> list[str]:
    """The emporium tables the steps write or whose triggers they switch (schema public)."""
    return sorted(set(TRIGGER_WRITTEN).union(*(_file_writes(step) for step in STEPS)))


def _lock_targets(conn: psycopg.Connection[Any], body: str, timeout: str) -> None:
    """Lock the emporium tables a step writes (or alters the triggers of) up front, in a
    fixed order: a session in the way is named (``lock_timeout``), never waited on long."""
    for table in sorted(set(_WRITES.findall(body))):
        state.lock_named(conn, f"public.{table}", timeout, mode="share row exclusive")


def step_states(conn: psycopg.Connection[Any]) -> dict[str, tuple[bool, int, str | None]]:
    rows = conn.execute("select step, done, rows, last_key from reorg.steps").fetchall()
    return {r[0]: (bool(r[1]), int(r[2]), r[3]) for r in rows}


def run(
    conn: psycopg.Connection[Any],
    *,
    progress: Progress | None = None,
    batch_rows: int = BATCH_ROWS,
    lock_timeout: str = "10s",
    dsn: str | None = None,
    workers: int = STEP_WORKERS,
) -> dict[str, dict[str, Any]]:
    """Run every step that isn't done; returns per step (in ``STEPS`` order): rows, seconds,
    skipped.

    With ``dsn`` (the database ``conn`` is connected to), steps run on ``workers``
    connections at once (``_run_concurrently``) and the restore step builds keys and indexes
    on more than one. Each step still commits with its own resume point, so a run killed
    anywhere resumes every step where it stopped, whatever ran beside it."""
    user_say = progress or (lambda _s, _d, _t: None)
    said = threading.Lock()

    def say(step: str, done: int, total: int) -> None:
        with said:
            user_say(step, done, total)

    _check_resumable(conn)
    args = _StepArgs(say, batch_rows, lock_timeout, dsn if workers > 1 else None, workers)
    result: dict[str, dict[str, Any]] = {}
    if dsn is None or workers < 2:
        for step in STEPS:
            result[step.name] = _run_step(conn, step, args)
    else:
        _run_concurrently(conn, dsn, workers, args, result)
    return {s.name: result[s.name] for s in STEPS}


def _check_resumable(conn: psycopg.Connection[Any]) -> None:
    """Refuse to resume a transform these steps could not have left: one with a step that
    isn't ours, or a step done before a step it reads. That is a transform started by an
    earlier version of the steps (say, a ``products`` step that also wrote its row map):
    resuming it would write some rows twice or never."""
    states = step_states(conn)
    done = {name for name, (finished, _rows, _key) in states.items() if finished}
    recorded = set(states)
    known = {s.name: s for s in STEPS}
    odd = sorted(recorded - set(known))
    early = sorted(
        f"{name} (before {', '.join(a for a in known[name].after if a not in done)})"
        for name in done & set(known)
        if not set(known[name].after) <= done
    )
    if odd or early:
        raise Conflict(
            "this transform was started by another version of its steps and can't be resumed:"
            + (f" unknown steps {', '.join(odd)};" if odd else "")
            + (f" done too early: {'; '.join(early)}" if early else ""),
            code="transform_not_resumable",
            hint="`emporium legacy rollback --yes` puts the legacy tables back exactly as they"
            " were; then `emporium legacy migrate` runs the transform from the start",
        )


@dataclass(frozen=True)
class _StepArgs:
    say: Progress
    batch_rows: int
    lock_timeout: str
    dsn: str | None  # None: one connection throughout
    workers: int


def _run_concurrently(
    conn: psycopg.Connection[Any],
    dsn: str,
    workers: int,
    args: _StepArgs,
    result: dict[str, dict[str, Any]],
) -> None:
    """Steps on ``workers`` connections (``conn`` and new ones). A worker takes the first
    step in ``STEPS`` order whose ``after`` steps are done and whose written tables no running
    step writes (so no two of ours ever wait for one another's table locks). The first
    failure stops every worker after its current batch's step and is raised."""
    # defer and restore alter every written table: they run alone
    writes = {s.name: {"*"} if s.name in ("defer", "restore") else _file_writes(s) for s in STEPS}
    pending = list(STEPS)
    finished: set[str] = set()
    running: set[str] = set()
    failures: list[BaseException] = []
    turn = threading.Condition()

    def clashes(step: Step) -> bool:
        mine = writes[step.name]
        return any(mine & writes[r] or "*" in mine or "*" in writes[r] for r in running)

    def take() -> Step | None:
        with turn:
            while not failures and pending:
                for step in pending:
                    if set(step.after) <= finished and not clashes(step):
                        pending.remove(step)
                        running.add(step.name)
                        return step
                if not running:  # nothing can ever start: a wrong ``after``
                    raise RuntimeError(f"transform steps never ready: {pending}")
                turn.wait()
            return None

    def work(own: psycopg.Connection[Any]) -> None:
        while (step := take()) is not None:
            outcome = _run_step(own, step, args)
            with turn:
                result[step.name] = outcome
                finished.add(step.name)
                running.discard(step.name)
                turn.notify_all()

    def wake() -> None:
        with turn:
            turn.notify_all()

    crew.side_by_side(conn, dsn, workers, work, name="transform", failures=failures, wake=wake)


def _run_step(conn: psycopg.Connection[Any], step: Step, args: _StepArgs) -> dict[str, Any]:
    say, lock_timeout = args.say, args.lock_timeout
    states = step_states(conn)
    done, rows_done, last_key = states.get(step.name, (False, 0, None))
    total = _count(conn, step.counts)
    if done:
        say(step.name, total, total)
        return {"rows": rows_done, "seconds": 0.0, "skipped": True}
    started = time.monotonic()
    if step.name == "restore":
        deferred.restore(
            conn,
            lock_timeout=lock_timeout,
            progress=lambda d, t: say("restore", d, t),
            dsn=args.dsn,
            workers=args.workers,
        )
        with conn.transaction():
            _mark(conn, step.name, None, total, done=True, seconds=time.monotonic() - started)
        rows_done = total
    elif step.batching is None:
        with conn.transaction():
            _begin(conn, lock_timeout)
            if step.name == "defer":
                tables = [f"public.{t}" for t in written_tables()]
                for table in tables:
                    state.lock_named(conn, table, lock_timeout)
                total = deferred.defer(conn, tables, keyed=["reorg.legacy_row_map"])
            elif step.file is None:  # lookups, lookups_late
                late = step.name == "lookups_late"
                lookups.load(
                    conn, [lk for lk in lookups.LOOKUPS if (lk.table in LATE_LOOKUPS) == late]
                )
            else:
                body = (SQL_DIR / "transform" / step.file).read_text()
                _lock_targets(conn, body, lock_timeout)
                conn.execute(body)
            _mark(conn, step.name, None, total, done=True, seconds=time.monotonic() - started)
        say(step.name, total, total)
        rows_done = total
    else:
        rows_done = _run_batched(
            conn, step, total, rows_done, last_key, args.batch_rows, lock_timeout, say
        )
    return {
        "rows": rows_done,
        "seconds": round(time.monotonic() - started, 3),
        "skipped": False,
    }


def _run_batched(
    conn: psycopg.Connection[Any],
    step: Step,
    total: int,
    rows_done: int,
    last_key: str | None,
    batch_rows: int,
    lock_timeout: str,
    say: Progress,
) -> int:
    assert step.batching is not None
    assert step.file is not None
    body = (SQL_DIR / "transform" / step.file).read_text()
    schema, name = step.batching.table.split(".")
    table, key = sql.Identifier(schema, name), sql.Identifier(step.batching.key)
    next_hi = sql.SQL(
        "select max(k), count(*) from (select {key} as k from {table} where {key} > %s"
        " order by {key} limit %s) s"
    ).format(key=key, table=table)
    lo = int(last_key) if last_key is not None else -(2**62)
    say(step.name, rows_done, total)
    while True:
        started = time.monotonic()
        with conn.transaction():
            _begin(conn, lock_timeout)
            row = conn.execute(next_hi, [lo, batch_rows]).fetchone()
            hi, n = (row[0], int(row[1])) if row else (None, 0)
            if hi is None:
                _mark(conn, step.name, str(lo), 0, done=True, seconds=0.0)
                return rows_done
            _lock_targets(conn, body, lock_timeout)
            conn.execute(
                "select set_config('reorg.lo', %s, true), set_config('reorg.hi', %s, true)",
                [str(lo), str(hi)],
            )
            conn.execute(body)
            _mark(conn, step.name, str(hi), n, done=False, seconds=time.monotonic() - started)
        lo = int(hi)
        rows_done += n
        say(step.name, rows_done, total)


def _mark(
    conn: psycopg.Connection[Any],
    step: str,
    last_key: str | None,
    rows: int,
    *,
    done: bool,
    seconds: float,
) -> None:
    conn.execute(
        "insert into reorg.steps as s (step, last_key, rows, done, seconds)"
        " values (%s, %s, %s, %s, %s)"
        " on conflict (step) do update set last_key = excluded.last_key,"
        "   rows = s.rows + excluded.rows, done = excluded.done,"
        "   seconds = s.seconds + excluded.seconds, updated_at = clock_timestamp()",
        [step, last_key, rows, done, seconds],
    )
