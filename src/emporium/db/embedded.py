"""The embedded PostgreSQL 16 (binaries from the ``pgserver`` wheel) in a data directory.

Layout of ``data_dir``::

    pg16/            PGDATA (owned by the user that runs postgres, mode 0700)
    run/             the unix socket (no TCP listener: nothing else on the machine can connect
                     unless it can reach this directory)
    log/postgres.log server log
    startup.lock     flock held while the server is started or stopped
    users.lock       flock: every emporium process using the server holds it shared
    server.pinned    present after `emporium db start`: keep running after the last user exits

Lifecycle: :meth:`EmbeddedPostgres.session` starts the server when needed and, when the
last emporium process using it leaves, stops it again, unless it was pinned with
``emporium db start``. Data stays in ``pg16/`` between runs.

PostgreSQL refuses to run as root. When emporium runs as root, the server runs as the
system user ``emporium-pg`` (created when missing), and the binaries are copied to
``/var/lib/emporium/runtime`` when the installed ones aren't reachable by that user.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from emporium.errors import DatabaseUnavailable, DataDirError

PG_MAJOR = "16"
RUNNER_USER = "emporium-pg"
RUNTIME_DIR = Path("/var/lib/emporium/runtime")
SUPERUSER = "postgres"
_SOCKET_NAME_MAX = 100  # sun_path is 108 bytes; keep a margin for ".s.PGSQL.NNNNN"


def _installed_pg_root() -> Path:
    # Found without importing pgserver: its import starts locks and warns about runtime dirs.
    import importlib.util

    spec = importlib.util.find_spec("pgserver")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        root = Path(location) / "pginstall"
        if (root / "bin" / "postgres").exists():
            return root
    raise DataDirError(
        "the embedded PostgreSQL (pgserver wheel) is not installed",
        hint="reinstall emporium, or set DATABASE_URL to use another PostgreSQL",
    )


@dataclass(frozen=True)
class _Runner:
    """Who runs the server processes: ourselves, or a system user when we are root."""

    uid: int
    gid: int
    name: str

    @property
    def is_self(self) -> bool:
        return self.uid == os.geteuid()


def _current_runner() -> _Runner:
    if os.geteuid() != 0:
        return _Runner(os.geteuid(), os.getegid(), pwd.getpwuid(os.geteuid()).pw_name)
    try:
        entry = pwd.getpwnam(RUNNER_USER)
    except KeyError:
        useradd = shutil.which("useradd")
        if useradd is None:
            raise DataDirError(
                f"running as root needs a system user '{RUNNER_USER}' for PostgreSQL, "
                "and useradd is not available to create it",
                hint=f"create the user '{RUNNER_USER}' yourself, or run emporium as a normal user",
            ) from None
        subprocess.run(
            [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", RUNNER_USER],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(RUNNER_USER)
    return _Runner(entry.pw_uid, entry.pw_gid, RUNNER_USER)


def _reachable(path: Path, runner: _Runner) -> bool:
    """True when every directory from / down to ``path`` can be traversed by ``runner``."""
    for part in [*reversed(path.parents), path]:
        try:
            st = part.stat()
        except OSError:
            return False
        if not stat.S_ISDIR(st.st_mode):
            continue
        if st.st_uid == runner.uid:
            bit = stat.S_IXUSR
        elif st.st_gid == runner.gid:
            bit = stat.S_IXGRP
        else:
            bit = stat.S_IXOTH
        if not st.st_mode & bit:
            return False
    return True


def _pg_root_for(runner: _Runner) -> Path:
    """The PostgreSQL install the runner can execute (a copy when the venv is out of reach)."""
    installed = _installed_pg_root()
    if runner.is_self or _reachable(installed / "bin", runner):
        return installed
    version = (
        (installed / "share" / "postgresql" / "VERSION").read_text().strip()
        if (installed / "share" / "postgresql" / "VERSION").exists()
        else ""
    )
    postgres_bin = installed / "bin" / "postgres"
    fingerprint = hashlib.sha256(
        f"{version}:{postgres_bin.stat().st_size}:{postgres_bin.stat().st_mtime_ns}".encode()
    ).hexdigest()[:12]
    # The wheel's binaries find their shared libraries through an $ORIGIN-relative RPATH
    # (bin/../../../pgserver.libs), so the copy keeps the wheel's layout.
    target = RUNTIME_DIR / f"pgsql-{fingerprint}"
    pg_root = target / "pgserver" / "pginstall"
    if not (target / ".complete").exists():
        RUNTIME_DIR.mkdir(parents=True, exist_ok=True)
        for part in [RUNTIME_DIR, *RUNTIME_DIR.parents]:
            if part == Path("/"):
                break
            part.chmod(part.stat().st_mode | stat.S_IXOTH | stat.S_IROTH)
        staging = target.with_name(target.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(installed, staging / "pgserver" / "pginstall", symlinks=True)
        libs = installed.parent.parent / "pgserver.libs"
        if libs.is_dir():
            shutil.copytree(libs, staging / "pgserver.libs", symlinks=True)
        for root, dirs, files in os.walk(staging):
            for name in dirs + files:
                p = Path(root) / name
                if p.is_symlink():
                    continue
                extra = stat.S_IROTH
                if p.is_dir() or p.stat().st_mode & stat.S_IXUSR:
                    extra |= stat.S_IXOTH
                p.chmod(p.stat().st_mode | extra)
        staging.chmod(0o755)
        (staging / ".complete").write_text(str(installed))
        staging.rename(target)
    return pg_root


@contextlib.contextmanager
def _flocked(f: IO[str]) -> Iterator[None]:
    fcntl.flock(f, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(f, fcntl.LOCK_UN)


class EmbeddedPostgres:
    """One embedded PostgreSQL server in ``data_dir``."""

    def __init__(self, data_dir: Path, *, durable: bool = True) -> None:
        self.data_dir = data_dir.expanduser().resolve()
        self.pgdata = self.data_dir / f"pg{PG_MAJOR}"
        self.log_file = self.data_dir / "log" / "postgres.log"
        self.startup_lock_path = self.data_dir / "startup.lock"
        self.users_lock_path = self.data_dir / "users.lock"
        self.pin_path = self.data_dir / "server.pinned"
        # durable=False (tests only) turns off fsync: much faster, unsafe on power loss.
        self.durable = durable
        self._runner: _Runner | None = None
        self._pg_root: Path | None = None

    # -- paths -------------------------------------------------------------------------
    @property
    def runner(self) -> _Runner:
        if self._runner is None:
            self._runner = _current_runner()
        return self._runner

    @property
    def pg_root(self) -> Path:
        if self._pg_root is None:
            self._pg_root = _pg_root_for(self.runner)
        return self._pg_root

    def bin(self, name: str) -> Path:
        return self.pg_root / "bin" / name

    @property
    def socket_dir(self) -> Path:
        preferred = self.data_dir / "run"
        if len(str(preferred / ".s.PGSQL.5432")) <= _SOCKET_NAME_MAX:
            return preferred
        digest = hashlib.sha256(str(self.data_dir).encode()).hexdigest()[:12]
        # A fixed, per-data-dir name (0700, owned by the server's user) when the path is too long.
        return Path(tempfile.gettempdir()) / f"emporium-{digest}"

    def dsn(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{dbname}?host={self.socket_dir}&port=5432"

    # -- low level ---------------------------------------------------------------------
    def _run(self, args: list[str], *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        runner = self.runner
        kwargs: dict[str, object] = {}
        if not runner.is_self:
            kwargs = {"user": runner.uid, "group": runner.gid, "extra_groups": []}
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LC_ALL": "C.UTF-8",
            "HOME": str(self.data_dir),
        }
        return subprocess.run(  # type: ignore[call-overload, no-any-return]
            args,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            cwd=str(self.data_dir),
            check=False,
            **kwargs,
        )

    def _prepare_dirs(self) -> None:
        try:
            created = [
                p for p in [*reversed(self.data_dir.parents), self.data_dir] if not p.exists()
            ]
            self.data_dir.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                # Directories we just made must let the server's user through (umask may be 077).
                for p in created:
                    p.chmod(p.stat().st_mode | stat.S_IXOTH)
            probe = self.data_dir / ".write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise DataDirError(
                f"data directory {self.data_dir} is not usable: {exc.strerror or exc}",
                hint="choose a writable directory with --data-dir or EMPORIUM_DATA_DIR",
            ) from None
        runner = self.runner
        if not runner.is_self:
            self.data_dir.chmod(self.data_dir.stat().st_mode | stat.S_IXOTH)
            if not _reachable(self.data_dir, runner):
                raise DataDirError(
                    f"data directory {self.data_dir} is not reachable by the system user "
                    f"'{runner.name}' that runs PostgreSQL when emporium runs as root",
                    hint="use a directory under /var/lib or /srv, or one whose parents are "
                    "world-traversable (o+x)",
                )
        for d in (self.log_file.parent, self.socket_dir):
            d.mkdir(parents=True, exist_ok=True)
            if not runner.is_self:
                os.chown(d, runner.uid, runner.gid)
            d.chmod(0o700)

    # -- state -------------------------------------------------------------------------
    @property
    def initialized(self) -> bool:
        return (self.pgdata / "PG_VERSION").exists()

    def is_running(self) -> bool:
        if not self.initialized:
            return False
        return (
            self._run([str(self.bin("pg_ctl")), "status", "-D", str(self.pgdata)]).returncode == 0
        )

    def init(self) -> None:
        """initdb the cluster when missing (trust auth: only the socket's owner can connect)."""
        self._prepare_dirs()
        if self.initialized:
            version = (self.pgdata / "PG_VERSION").read_text().strip()
            if version != PG_MAJOR:
                raise DataDirError(
                    f"{self.pgdata} holds a PostgreSQL {version} cluster; emporium embeds "
                    f"PostgreSQL {PG_MAJOR}",
                    hint="use another --data-dir, or dump and restore that cluster",
                )
            return
        if self.pgdata.exists() and any(self.pgdata.iterdir()):
            raise DataDirError(
                f"{self.pgdata} exists and is not an initialized PostgreSQL cluster",
                hint="move it away or choose another --data-dir",
            )
        self.pgdata.mkdir(exist_ok=True)
        if not self.runner.is_self:
            os.chown(self.pgdata, self.runner.uid, self.runner.gid)
        self.pgdata.chmod(0o700)
        result = self._run(
            [
                str(self.bin("initdb")),
                "-D",
                str(self.pgdata),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ]
        )
        if result.returncode != 0:
            shutil.rmtree(self.pgdata, ignore_errors=True)
            raise DataDirError(
                f"initdb failed in {self.pgdata}: {result.stderr.strip().splitlines()[-1:]}",
                hint="see the message above; the data directory was left as it was",
            )

    def start(self) -> None:
        options = [
            "-c listen_addresses=''",
            f"-c unix_socket_directories='{self.socket_dir}'",
            "-c port=5432",
            "-c max_connections=200",
            "-c shared_buffers=256MB",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        result = self._run(
            [
                str(self.bin("pg_ctl")),
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.pgdata),
                "-l",
                str(self.log_file),
                "-o",
                " ".join(options),
            ],
            timeout=90,
        )
        if result.returncode != 0:
            tail = ""
            with contextlib.suppress(OSError):
                tail = self.log_file.read_text()[-800:]
            raise DatabaseUnavailable(
                f"the embedded PostgreSQL in {self.pgdata} did not start: "
                f"{(result.stderr or result.stdout).strip()}",
                hint=f"server log ({self.log_file}):\n{tail}",
            )

    def stop(self) -> None:
        if self.is_running():
            self._run([str(self.bin("pg_ctl")), "stop", "-D", str(self.pgdata), "-m", "fast", "-w"])

    def ensure_database(self, name: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            exists = conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))

    # -- shared use --------------------------------------------------------------------
    @contextlib.contextmanager
    def session(self) -> Iterator[EmbeddedPostgres]:
        """Use the server: start it if needed; the last emporium process to leave stops it.

        Two flocks: ``startup.lock`` (exclusive, held only while starting or stopping) and
        ``users.lock`` (shared by every process using the server). A process leaving takes
        the startup lock, and stops the server only when it can take ``users.lock``
        exclusively, i.e. nobody else uses it.
        """
        self._prepare_dirs()
        startup: IO[str] = self.startup_lock_path.open("a+")
        users: IO[str] = self.users_lock_path.open("a+")
        try:
            with _flocked(startup):
                self.init()
                if not self.is_running():
                    self.start()
                fcntl.flock(users, fcntl.LOCK_SH)
            yield self
        finally:
            with _flocked(startup):
                try:
                    fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    pass  # another emporium process still uses the server
                else:
                    if not self.pin_path.exists():
                        self.stop()
                finally:
                    users.close()
            startup.close()

    def pin(self) -> None:
        self.pin_path.write_text("started with `emporium db start`; `emporium db stop` stops it\n")

    def unpin(self) -> None:
        self.pin_path.unlink(missing_ok=True)
