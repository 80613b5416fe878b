"""Work on several connections at once, for the transform's steps and the rebuild of keys.

PostgreSQL runs one statement on one backend: an ``INSERT ... SELECT`` or a ``CREATE INDEX``
keeps one core busy. Two connections doing independent work keep two (docs/legacy.md, "Two
steps at once").
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from psycopg import sql

from emporium.legacy import state


def side_by_side(
    conn: psycopg.Connection[Any],
    dsn: str,
    workers: int,
    work: Callable[[psycopg.Connection[Any]], None],
    *,
    name: str,
    failures: list[BaseException],
    wake: Callable[[], None] = lambda: None,
) -> None:
    """Run ``work(connection)`` on ``workers`` threads at once: the first on ``conn``, each
    other on a new connection to ``dsn`` (closed afterwards).

    ``work`` takes its tasks until none are left or ``failures`` is not empty. An exception
    it raises is appended to ``failures`` and ``wake`` is called (to rouse threads waiting
    for work that will now never come); so is a Ctrl-C in the caller, which then propagates.
    Once every thread has ended, the first failure is raised.
    """

    def guarded(own: psycopg.Connection[Any]) -> None:
        try:
            work(own)
        except BaseException as exc:  # raised below, in the caller's thread
            failures.append(exc)
            wake()

    with contextlib.ExitStack() as stack:
        connections = [conn] + [
            stack.enter_context(state.connect_migrator(dsn, name)) for _ in range(workers - 1)
        ]
        threads = [
            threading.Thread(target=guarded, args=(c,), name=f"{name}-{n}", daemon=True)
            for n, c in enumerate(connections)
        ]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        except BaseException as exc:  # Ctrl-C: no thread takes another task
            failures.append(exc)
            wake()
            raise
    if failures:
        raise failures[0]


def each(
    conn: psycopg.Connection[Any],
    dsn: str | None,
    workers: int,
    jobs: Sequence[Sequence[sql.SQL | sql.Composed]],
    *,
    name: str,
) -> None:
    """Run every job (a list of statements, run in order on one connection, each committed
    by itself) on ``workers`` connections at once, in the given order; on ``conn`` alone
    without a ``dsn`` or with one worker. The first failure stops the others after their
    current job and is raised."""
    if dsn is None or workers < 2 or len(jobs) < 2:
        for job in jobs:
            for statement in job:
                conn.execute(statement)
        return
    todo: queue.SimpleQueue[Sequence[sql.SQL | sql.Composed]] = queue.SimpleQueue()
    for job in jobs:
        todo.put(job)
    failures: list[BaseException] = []

    def work(own: psycopg.Connection[Any]) -> None:
        while not failures:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            for statement in job:
                own.execute(statement)

    side_by_side(conn, dsn, workers, work, name=name, failures=failures)
