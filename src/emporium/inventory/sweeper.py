"""The reservation sweeper: expires due reservations in the background, every few seconds.

A daemon thread (the pool is synchronous; a thread keeps the server's event loop free)
that calls ``stock_expire_reservations`` as service_role, one short unit of work per tick,
the first right at start (reservations that fell due while the server was down). A failed
tick is logged and tried again at the next one; nothing it raises can reach the server.
Several servers may sweep the same database: the function skips rows another sweeper holds.
"""

from __future__ import annotations

import logging
import threading

from emporium.db.session import ConnectionSource, Persona, unit_of_work
from emporium.inventory import service

log = logging.getLogger("emporium.inventory.sweeper")


class ReservationSweeper:
    """``start()`` it; ``stop()`` asks it to end (without waiting), ``join()`` waits."""

    def __init__(
        self, source: ConnectionSource, *, interval: float, batch_size: int = 1000
    ) -> None:
        if interval <= 0:
            raise ValueError("the sweep interval must be positive")
        self.source = source
        self.interval = interval
        self.batch_size = batch_size
        self.sweeps = 0  # ticks that completed
        self.expired = 0  # reservations expired since start
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def sweep_once(self) -> int:
        """One sweep, in a transaction of its own. Returns how many reservations expired."""
        with unit_of_work(self.source, Persona.service()) as conn:
            count = service.expire_reservations(conn, batch_size=self.batch_size)
        self.sweeps += 1
        self.expired += count
        if count:
            log.info("expired %d reservation(s)", count)
        return count

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.sweep_once()
            except Exception as exc:  # a tick must never end the thread: log, retry next tick
                if self._stopping.is_set():
                    break  # the pool closed under a tick at shutdown: nothing to report
                log.warning(
                    "reservation sweep failed (next try in %gs): %s: %s",
                    self.interval,
                    type(exc).__name__,
                    exc,
                )
            self._stopping.wait(self.interval)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the sweeper is already started")
        self._thread = threading.Thread(
            target=self._run, name="emporium-reservation-sweeper", daemon=True
        )
        self._thread.start()
        log.info("reservation sweeper started (every %gs)", self.interval)

    def stop(self) -> None:
        """Ask the thread to end after the current tick; a tick waiting for a pooled
        connection ends when the pool closes."""
        self._stopping.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the thread to end; True when it has."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()
