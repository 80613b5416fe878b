"""The reservation benchmark's load generator: the clients, spread over worker processes.

A client is one connection that sends its next reservation as soon as the last one
returned, and times each (execute + fetch, ``time.perf_counter_ns``). One Python process
driving 32 such clients from 32 threads adds waits of its own to what it measures: only one
thread runs Python at a time, and when the thread holding the interpreter is descheduled on
a machine whose cores the server keeps busy, every client whose answer has arrived waits for
it. On 2 cores that showed in both paths' p99 at 32 clients (docs/benchmarks.md). So the
clients are spread over worker processes, each driving its share with one thread per
client; with as many processes as clients, no two clients share an interpreter.

Both paths (ours and raw) go through the same pool: every client holds one connection per
path, opened once, and :meth:`ClientPool.run` tells every worker which path to drive, from
when and until when. The start and the deadline are absolute ``perf_counter_ns`` values,
which are comparable across processes (``CLOCK_MONOTONIC`` on Linux: one clock for the
whole machine).

Each worker is a fresh interpreter (``python -c``, importing only this module: no
inherited threads or connections, and unlike multiprocessing's ``spawn`` it does not run the
caller's main module again), talking to the parent over a socket pair with
:class:`multiprocessing.connection.Connection`. POSIX only, like the embedded server.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import uuid
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection as Pipe
from typing import Any, Literal

import psycopg

from emporium.db.connect import connect
from emporium.errors import EmporiumError

BenchPath = Literal["ours", "raw"]
PATHS: tuple[BenchPath, BenchPath] = ("ours", "raw")
TTL_SECONDS = 600

OURS_SQL = "select id from public.stock_reserve(%s, 1, " + str(TTL_SECONDS) + ", 'order', %s, %s)"

# One conditional UPDATE plus one INSERT, in one statement (one round trip, like ours).
RAW_SQL = (
    "with u as ("
    " update public.stock_levels set reserved = reserved + 1"
    " where location_id = %s and variant_id = %s and on_hand - reserved >= 1"
    " returning vendor_id, location_id, variant_id)"
    " insert into public.stock_reservations"
    " (vendor_id, location_id, variant_id, quantity, holder_type, holder_id, expires_at)"
    " select vendor_id, location_id, variant_id, 1, 'order', %s,"
    " now() + interval '" + str(TTL_SECONDS) + " seconds' from u"
    " returning id"
)

_SERVICE_CLAIMS = json.dumps({"role": "service_role"})
_START_LEAD_NS = 200_000_000  # time for every worker to get its orders before the start
_STARTUP_TIMEOUT_S = 120.0
_WORKER_CODE = (
    "import sys; from emporium.bench.clients import worker_main; worker_main(int(sys.argv[1]))"
)


def client_connection(dsn: str, *, prepared: bool = True) -> psycopg.Connection[Any]:
    """The one connection setup both paths use: autocommit, as service_role; statements
    prepared on the server (as pgbench ``-M prepared``) unless ``prepared`` is False.

    ``connect`` turns preparation off, as the application runs (PgBouncer), and psycopg then
    ignores ``prepare=True``: every reservation is parsed and planned again, which costs the
    raw pair's UPDATE + INSERT statement far more than ours' one-line SELECT (the function's
    own statements keep their plans either way)."""
    conn = connect(dsn, autocommit=True, prepare_threshold=0 if prepared else None)
    conn.execute(
        "select set_config('role', 'service_role', false),"
        " set_config('request.jwt.claims', %s, false)",
        [_SERVICE_CLAIMS],
    )
    return conn


@dataclass(frozen=True)
class Target:
    """What every client reserves: a variant of ``variants`` chosen at random, one unit, for
    its own order, from ``vendor_id`` (ours) or at ``location_id`` (the raw pair)."""

    dsn: str
    vendor_id: uuid.UUID
    location_id: uuid.UUID
    variants: Sequence[uuid.UUID]
    prepared: bool = True  # server-side prepared statements (see client_connection)


@dataclass
class ClientRun:
    """One client's share of a slice (sent back from a worker: plain, picklable data)."""

    client: int  # 0-based, over the whole pool
    latencies_ns: array[int]
    ok: int
    refused: int
    finished_ns: int


@dataclass(frozen=True)
class _Orders:
    path: BenchPath
    seed: int
    start_ns: int
    deadline_ns: int


def reserve_one(
    cur: psycopg.Cursor[Any],
    path: BenchPath,
    target: Target,
    variant: uuid.UUID,
    holder: uuid.UUID,
) -> bool:
    """One reservation of one unit by ``path``: True when made, False when refused for
    lack of stock (``insufficient_stock`` from ours, no row from the raw pair)."""
    if path == "ours":
        try:
            cur.execute(OURS_SQL, (variant, holder, target.vendor_id), prepare=True)
        except psycopg.errors.RaiseException as exc:
            if exc.diag.message_primary != "insufficient_stock":
                raise
            return False
    else:
        cur.execute(RAW_SQL, (target.location_id, variant, holder), prepare=True)
    return cur.fetchone() is not None


def _drive_client(
    conn: psycopg.Connection[Any],
    target: Target,
    orders: _Orders,
    client: int,
    holder: uuid.UUID,
) -> ClientRun:
    """One client's loop: one reservation per statement, from the start to the deadline."""
    rng = random.Random(orders.seed * 1000 + client)  # noqa: S311 - choosing variants
    choice, variants, path = rng.choice, target.variants, orders.path
    perf = time.perf_counter_ns
    latencies: array[int] = array("q")
    ok = refused = 0
    cur = conn.cursor()
    wait = (orders.start_ns - perf()) / 1e9
    if wait > 0:
        time.sleep(wait)
    while True:
        variant = choice(variants)
        t0 = perf()
        if t0 >= orders.deadline_ns:
            break
        got = reserve_one(cur, path, target, variant, holder)
        latencies.append(perf() - t0)
        if got:
            ok += 1
        else:
            refused += 1
    return ClientRun(client, latencies, ok, refused, perf())


def _run_share(
    conns: list[psycopg.Connection[Any]],
    target: Target,
    orders: _Orders,
    clients: list[int],
    holders: list[uuid.UUID],
) -> list[ClientRun]:
    """This worker's clients, one thread each (none when it drives a single client)."""
    if len(conns) == 1:
        return [_drive_client(conns[0], target, orders, clients[0], holders[0])]
    runs: list[ClientRun | None] = [None] * len(conns)
    errors: list[BaseException] = []

    def one(i: int) -> None:
        try:
            runs[i] = _drive_client(conns[i], target, orders, clients[i], holders[i])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(len(conns))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return [r for r in runs if r is not None]


def worker_main(fd: int) -> None:
    """A worker process (on the socket ``fd``): told its target, clients and holders, it
    opens its clients' connections for both paths, then drives the path it is told to,
    slice after slice, until told to stop (None)."""
    pipe = Pipe(fd)
    conns: dict[BenchPath, list[psycopg.Connection[Any]]] = {p: [] for p in PATHS}
    try:
        try:
            target: Target
            clients: list[int]
            holders: list[uuid.UUID]
            target, clients, holders = pipe.recv()
            for p in PATHS:
                conns[p] = [
                    client_connection(target.dsn, prepared=target.prepared) for _ in clients
                ]
        except BaseException as exc:
            pipe.send(("error", _describe(exc)))
            return
        pipe.send(("ready", None))
        while True:
            orders: _Orders | None = pipe.recv()
            if orders is None:
                return
            try:
                runs = _run_share(conns[orders.path], target, orders, clients, holders)
            except BaseException as exc:
                pipe.send(("error", _describe(exc)))
                return
            pipe.send(("done", runs))
    finally:
        for p in PATHS:
            for c in conns[p]:
                with contextlib.suppress(Exception):
                    c.close()
        pipe.close()


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip()


def default_processes(clients: int, cores: int | None) -> int:
    """As many worker processes as clients, up to 4 per core: enough that no interpreter
    runs more than a few clients, few enough that the workers themselves stay light."""
    return max(1, min(clients, 4 * (cores or 1)))


class ClientPool:
    """``clients`` clients spread over ``processes`` worker processes (round robin), each
    client with one connection per path. Use as a context manager; :meth:`run` drives one
    path for one slice."""

    def __init__(self, target: Target, holders: Sequence[uuid.UUID], *, processes: int) -> None:
        clients = len(holders)
        if clients < 1 or processes < 1:
            raise ValueError("a pool needs at least one client and one process")
        processes = min(processes, clients)
        self._pipes: list[Pipe] = []
        self._procs: list[subprocess.Popen[bytes]] = []
        # the workers import emporium from wherever this process found it
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [p for p in sys.path if p] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
        )
        try:
            for w in range(processes):
                share = list(range(w, clients, processes))
                ours, theirs = socket.socketpair()
                with theirs:
                    proc = subprocess.Popen(
                        [sys.executable, "-c", _WORKER_CODE, str(theirs.fileno())],
                        pass_fds=(theirs.fileno(),),
                        stdin=subprocess.DEVNULL,
                        env=env,
                    )
                self._procs.append(proc)
                pipe = Pipe(ours.detach())
                self._pipes.append(pipe)
                pipe.send((target, share, [holders[i] for i in share]))
            for pipe in self._pipes:
                self._receive(pipe, "ready", timeout=_STARTUP_TIMEOUT_S)
        except BaseException:
            self.close()
            raise

    @property
    def processes(self) -> int:
        return len(self._procs)

    def run(self, path: BenchPath, seconds: float, seed: int) -> tuple[list[ClientRun], float]:
        """Every client drives ``path`` for ``seconds`` from a common start; their runs, and
        the wall time from the start to the last client's end."""
        start = time.perf_counter_ns() + _START_LEAD_NS
        orders = _Orders(path, seed, start, start + int(seconds * 1e9))
        for pipe in self._pipes:
            pipe.send(orders)
        runs: list[ClientRun] = []
        for pipe in self._pipes:
            got: list[ClientRun] = self._receive(pipe, "done", timeout=seconds + 120)
            runs.extend(got)
        runs.sort(key=lambda r: r.client)
        elapsed = (max(r.finished_ns for r in runs) - start) / 1e9
        return runs, elapsed

    def _receive(self, pipe: Pipe, expected: str, *, timeout: float) -> Any:
        if not pipe.poll(timeout):
            raise EmporiumError(
                f"a benchmark client process did not answer within {timeout:g}s",
                code="bench_client_failed",
            )
        try:
            kind, payload = pipe.recv()
        except EOFError:
            raise EmporiumError(
                "a benchmark client process ended unexpectedly", code="bench_client_failed"
            ) from None
        if kind != expected:
            raise EmporiumError(f"a benchmark client failed: {payload}", code="bench_client_failed")
        return payload

    def close(self) -> None:
        for pipe in self._pipes:
            with contextlib.suppress(OSError, ValueError):
                pipe.send(None)
        for proc in self._procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        for pipe in self._pipes:
            pipe.close()
        self._pipes, self._procs = [], []

    def __enter__(self) -> ClientPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
