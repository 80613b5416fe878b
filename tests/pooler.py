"""A real PgBouncer in front of the server under test, in session or transaction mode.

Tests that need it are skipped with the reason when no ``pgbouncer`` is installed (.ci/run
installs Debian's). It runs in the foreground of a process of the test's own, on a free
port of 127.0.0.1, passing every database and user through to the server (trust, as the
test servers are), and is stopped when the block ends.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo


def binary() -> str:
    found = shutil.which("pgbouncer") or next(
        (p for p in ("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer") if os.access(p, os.X_OK)),
        None,
    )
    if found is None:
        pytest.skip("pgbouncer is not installed (.ci/run installs it: apt-get install pgbouncer)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Pooler:
    mode: str
    port: int

    def dsn(self, direct: str) -> str:
        """DSN (a database on the server under test) reached through this pooler."""
        parts: dict[str, Any] = conninfo_to_dict(direct)
        parts.update(host="127.0.0.1", port=str(self.port))
        return make_conninfo(**parts)


@contextlib.contextmanager
def pgbouncer(server_dsn: str, mode: str) -> Iterator[Pooler]:
    """PgBouncer in MODE ('session' or 'transaction') in front of the server of SERVER_DSN."""
    exe = binary()
    parts = conninfo_to_dict(server_dsn)
    host, port = str(parts.get("host") or "/tmp"), str(parts.get("port") or "5432")  # noqa: S108
    user = str(parts.get("user") or pwd.getpwuid(os.getuid()).pw_name)
    # PgBouncer won't run as root: then it runs as the user who owns the server's socket
    # directory (the embedded server's), or as postgres for a server reached over TCP.
    run_as: str | None = None
    if os.getuid() == 0:
        run_as = pwd.getpwuid(os.stat(host).st_uid).pw_name if host.startswith("/") else "postgres"
    listen = _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="emporium-pgbouncer-"))
    (workdir / "users.txt").write_text(f'"{user}" ""\n')
    (workdir / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"* = host={host} port={port}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {listen}\nunix_socket_dir =\n"
        f"auth_type = trust\nauth_file = {workdir / 'users.txt'}\n"
        f"pool_mode = {mode}\n"
        "default_pool_size = 20\nmax_client_conn = 200\n"
        # psycopg sends none of these; pg_dump and pg_restore send extra_float_digits
        "ignore_startup_parameters = extra_float_digits\n"
        f"logfile = {workdir / 'pgbouncer.log'}\n"
    )
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        os.chown(workdir, entry.pw_uid, entry.pw_gid)
        for f in workdir.iterdir():
            os.chown(f, entry.pw_uid, entry.pw_gid)
    argv = [exe, *(["-u", run_as] if run_as else []), str(workdir / "pgbouncer.ini")]
    out = workdir / "stderr.log"  # (a file, not a pipe nobody reads while it runs)
    with out.open("w") as err:
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
    pooler = Pooler(mode, listen)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with psycopg.connect(pooler.dsn(server_dsn), connect_timeout=2):
                    break
            except psycopg.OperationalError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log = workdir / "pgbouncer.log"
                    said = out.read_text() + (log.read_text() if log.exists() else "")
                    raise RuntimeError(f"pgbouncer did not start: {said}") from None
                time.sleep(0.1)
        yield pooler
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)
