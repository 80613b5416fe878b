"""Verified backups: a pg_dump archive plus a manifest that proves what it holds.

``backup`` runs ``pg_dump -Fc`` on a snapshot exported from a REPEATABLE READ transaction
and sums every table (:mod:`emporium.ops.checksums`) in that same transaction, so the
manifest describes exactly the rows in the archive even while the database is written.
``verify`` restores the archive into a scratch database on a server and compares it with
the manifest; ``restore`` replaces a database's contents in one transaction.

Beside ``<db>-<UTC time>.dump`` lies ``<db>-<UTC time>.manifest.json``::

    {format: 1, created_at, database, server_version, server_version_num,
     pg_dump: {path, version}, checksum_method, locale: {...},
     tables: {"schema.table": {rows, checksum}}, total_rows,
     archive: {file, bytes, sha256}}
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from emporium.db.connect import connect
from emporium.db.errors import translate
from emporium.errors import DatabaseUnavailable, EmporiumError, PermissionDenied
from emporium.ops import checksums, pgtools
from emporium.ops.backup_manifest import (
    FORMAT,
    Manifest,
    check_archive,
    manifest_path_for,
    read_manifest,
    sha256_of,
    sum_to_json,
)
from emporium.ops.checksums import TableSum

__all__ = [
    "FORMAT",
    "BackupResult",
    "Manifest",
    "RestoreResult",
    "VerifyResult",
    "backup",
    "check_archive",
    "comment_database",
    "drop_database",
    "manifest_path_for",
    "read_manifest",
    "restore",
    "restore_copy",
    "sha256_of",
    "verify",
]

Progress = Callable[[str], None]
P = ParamSpec("P")
R = TypeVar("R")
SCRATCH_PREFIX = "emporium_verify_"
_STDERR_TAIL = 2000


@dataclass(frozen=True)
class BackupResult:
    archive: Path
    manifest: Path
    manifest_data: dict[str, Any]
    seconds: float


@dataclass(frozen=True)
class VerifyResult:
    archive: Path
    tables: int
    rows: int
    seconds: float
    scratch_database: str
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RestoreResult:
    database: str
    tables: int
    rows: int
    seconds: float
    differences: list[str]  # manifest tables that do not match after the restore
    extra_tables: list[str]  # tables in the database that the archive does not hold


def _say(progress: Progress | None, text: str) -> None:
    if progress is not None:
        progress(text)


def _per_table(progress: Progress | None) -> Callable[[str, int, int], None]:
    return lambda key, n, of: _say(progress, f"checksums: {key} ({n}/{of})")


def _translating(fn: Callable[P, R]) -> Callable[P, R]:
    """Database errors become the emporium errors the CLI knows how to say."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except psycopg.Error as exc:
            raise translate(exc) from exc

    return wrapper


# --------------------------------------------------------------------- connections
def _tool_args(dsn: str, dbname: str | None = None) -> tuple[str, dict[str, str]]:
    """A conninfo for a client tool without its password, and the environment carrying it.

    The password goes through PGPASSWORD so it never shows in the process list.
    """
    parts: dict[str, Any] = conninfo_to_dict(dsn)
    if dbname is not None:
        parts["dbname"] = dbname
    env = dict(os.environ)
    password = parts.pop("password", None)
    if password is not None:
        env["PGPASSWORD"] = str(password)
    return make_conninfo(**parts), env


def _server_facts(conn: psycopg.Connection[Any]) -> dict[str, Any]:
    row = conn.execute(
        "select current_database(), current_setting('server_version'),"
        " current_setting('server_version_num')::int,"
        " pg_encoding_to_char(d.encoding), to_jsonb(d)"
        " from pg_database d where d.datname = current_database()"
    ).fetchone()
    assert row is not None
    dbname, version, version_num, encoding, dbrow = row
    return {
        "database": dbname,
        "server_version": str(version).split()[0],  # "15.20 (Debian ...)" -> "15.20"
        "server_version_num": int(version_num),
        "locale": {
            "encoding": encoding,
            "collate": dbrow.get("datcollate"),
            "ctype": dbrow.get("datctype"),
            "provider": dbrow.get("datlocprovider", "c"),
            # PostgreSQL 15-16 name it daticulocale, 17 datlocale
            "locale": dbrow.get("datlocale") or dbrow.get("daticulocale"),
        },
    }


def _tool_version(path: Path) -> str:
    out = subprocess.run([str(path), "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip()


def _tail(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _STDERR_TAIL else "..." + text[-_STDERR_TAIL:]


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _free_stem(out_dir: Path, dbname: str, taken: datetime) -> str:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", dbname) or "database"
    base = f"{safe}-{taken.strftime('%Y%m%dT%H%M%SZ')}"
    stem, n = base, 1
    while (out_dir / f"{stem}.dump").exists() or (out_dir / f"{stem}.manifest.json").exists():
        n += 1
        stem = f"{base}-{n}"
    return stem


def _dump_and_sum(
    conn: psycopg.Connection[Any], pg_dump: Path, dsn: str, partial: Path, progress: Progress | None
) -> dict[str, TableSum]:
    """Run pg_dump on the snapshot of ``conn``'s transaction into ``partial`` while summing
    the tables in that same transaction. A failed dump leaves no file."""
    snapshot = conn.execute("select pg_export_snapshot()").fetchone()[0]  # type: ignore[index]
    conninfo, env = _tool_args(dsn)
    with tempfile.TemporaryFile("w+") as stderr:
        proc = subprocess.Popen(
            [str(pg_dump), "--format=custom", f"--snapshot={snapshot}",
             f"--file={partial}", f"--dbname={conninfo}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr, env=env,
        )  # fmt: skip
        try:
            # pg_dump works in its own process; the sums are read meanwhile, same snapshot.
            # The exporting transaction stays open until pg_dump is done with the snapshot.
            sums = checksums.table_checksums(conn, on_table=_per_table(progress))
            _say(progress, "waiting for pg_dump to finish")
            proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if proc.returncode != 0:
                partial.unlink(missing_ok=True)
        if proc.returncode != 0:
            stderr.seek(0)
            raise EmporiumError(
                f"pg_dump failed (exit {proc.returncode}): {_tail(stderr.read())}",
                code="pg_dump_failed",
                hint="no archive was written",
            )
    return sums


@_translating
def backup(dsn: str, out_dir: Path, *, progress: Progress | None = None) -> BackupResult:
    """Dump the database of ``dsn`` into ``out_dir`` with a manifest taken from the same
    snapshot. The archive appears under its final name only once it is complete."""
    started = time.monotonic()
    with connect(dsn) as conn:
        facts = _server_facts(conn)
        pg_dump = pgtools.find_tool("pg_dump", facts["server_version_num"] // 10000)
        out_dir.mkdir(parents=True, exist_ok=True)
        conn.rollback()
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        taken = datetime.now(UTC)  # the moment the archive and the manifest describe
        stem = _free_stem(out_dir, facts["database"], taken)
        archive = out_dir / f"{stem}.dump"
        partial = out_dir / f".{stem}.dump.{os.getpid()}.partial"
        _say(progress, f"dumping {facts['database']} with {pg_dump}")
        sums = _dump_and_sum(conn, pg_dump, dsn, partial, progress)
    try:
        _say(progress, "sha256 of the archive")
        size, digest = partial.stat().st_size, sha256_of(partial)
        os.replace(partial, archive)
    finally:
        partial.unlink(missing_ok=True)
    data: dict[str, Any] = {
        "format": FORMAT,
        "created_at": taken.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "database": facts["database"],
        "server_version": facts["server_version"],
        "server_version_num": facts["server_version_num"],
        "pg_dump": {"path": str(pg_dump), "version": _tool_version(pg_dump)},
        "checksum_method": checksums.METHOD,
        "locale": facts["locale"],
        "tables": {key: sum_to_json(s) for key, s in sums.items()},
        "total_rows": checksums.total_rows(sums),
        "archive": {"file": archive.name, "bytes": size, "sha256": digest},
    }
    manifest = out_dir / f"{stem}.manifest.json"
    staging = out_dir / f".{stem}.manifest.{os.getpid()}.partial"
    staging.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(staging, manifest)
    _fsync_dir(out_dir)
    return BackupResult(archive, manifest, data, time.monotonic() - started)


# ---------------------------------------------------------------- verify / restore
def _pg_restore(dsn: str, manifest: Manifest) -> tuple[Path, str]:
    """The pg_restore to use with the server of ``dsn``, and the name of its database."""
    with connect(dsn) as conn:
        row = conn.execute("select current_setting('server_version_num')::int / 10000,"
                           " current_database()").fetchone()  # fmt: skip
    assert row is not None
    # pg_restore reads archives of its own version and older only
    return pgtools.find_tool("pg_restore", max(row[0], manifest.pg_dump_major)), str(row[1])


def _run_pg_restore(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, check=False
    )


def _create_scratch(dsn: str, name: str, locale: dict[str, Any], notes: list[str]) -> None:
    """The scratch database, with the source's encoding and locale when this server has them
    (generated columns such as lower(email) depend on the locale)."""
    ident = sql.Identifier(name)
    parts = [sql.SQL("create database {} template template0").format(ident)]
    if locale.get("encoding"):
        parts.append(sql.SQL("encoding {}").format(sql.Literal(locale["encoding"])))
    if locale.get("collate") and locale.get("ctype"):
        parts.append(
            sql.SQL("lc_collate {} lc_ctype {}").format(
                sql.Literal(locale["collate"]), sql.Literal(locale["ctype"])
            )
        )
    provider = {"c": "libc", "i": "icu", "b": "builtin"}.get(str(locale.get("provider")))
    if provider:
        parts.append(sql.SQL("locale_provider {}").format(sql.SQL(provider)))
    if provider in ("icu", "builtin") and locale.get("locale"):
        key = "icu_locale" if provider == "icu" else "builtin_locale"
        parts.append(sql.SQL(key + " {}").format(sql.Literal(locale["locale"])))
    with connect(dsn, autocommit=True) as conn:
        try:
            conn.execute(sql.SQL(" ").join(parts))
        except psycopg.errors.InsufficientPrivilege as exc:
            raise PermissionDenied(
                f"can't create the scratch database to verify in: {exc}",
                hint="verify needs a role with CREATEDB on the server of --database-url",
            ) from None
        except psycopg.Error as exc:
            notes.append(f"scratch database made with this server's default locale ({exc})")
            conn.execute(sql.SQL("create database {} template template0").format(ident))


def drop_database(dsn: str, name: str) -> None:
    """Drop database NAME on the server of ``dsn`` if it exists, sessions and all."""
    with connect(dsn, autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
        )


def comment_database(dsn: str, name: str, text: str) -> None:
    """Set database NAME's comment (on the server of ``dsn``)."""
    with connect(dsn, autocommit=True) as conn:
        conn.execute(
            sql.SQL("comment on database {} is {}").format(sql.Identifier(name), sql.Literal(text))
        )


@contextlib.contextmanager
def _database_setting(dsn: str, name: str, setting: str, value: str) -> Iterator[None]:
    """SETTING = VALUE for new sessions of database NAME (on the server of ``dsn``) during
    the block, reset afterwards (a reset that fails, the database being gone, is ignored)."""

    def alter(clause: sql.Composable) -> None:
        with connect(dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("alter database {} ").format(sql.Identifier(name)) + clause)

    alter(sql.SQL("set {} = {}").format(sql.Identifier(setting), sql.Literal(value)))
    try:
        yield
    finally:
        with contextlib.suppress(psycopg.Error, EmporiumError):
            alter(sql.SQL("reset {}").format(sql.Identifier(setting)))


@contextlib.contextmanager
def _scratch(
    dsn: str, locale: dict[str, Any], notes: list[str], name: str | None = None
) -> Iterator[str]:
    """A scratch database, dropped afterwards. A fixed NAME is dropped first if it is left
    over from a verification that was killed (so retries don't pile copies up)."""
    if name is None:
        name = f"{SCRATCH_PREFIX}{uuid.uuid4().hex[:8]}"
    else:
        drop_database(dsn, name)
    _create_scratch(dsn, name, locale, notes)
    try:
        yield name
    finally:
        drop_database(dsn, name)


@_translating
def verify(
    archive: Path,
    dsn: str,
    *,
    manifest: Path | None = None,
    progress: Progress | None = None,
    scratch_name: str | None = None,
) -> VerifyResult:
    """Restore ``archive`` into a scratch database on the server of ``dsn``, compare every
    table with the manifest, and drop the scratch database again (also on failure).

    ``scratch_name`` fixes the scratch database's name (one that exists is dropped first):
    a caller that may be killed and retried, like the legacy migrator, leaves no copies.
    """
    started = time.monotonic()
    m = read_manifest(archive, manifest)
    check_archive(archive, m, progress=progress)
    notes = ["privileges (GRANTs) and owners are not restored into the scratch database"]
    with _scratch(dsn, m.data.get("locale") or {}, notes, scratch_name) as scratch:
        _restore_checked(archive, m, dsn, scratch, progress, "the scratch database")
    return VerifyResult(
        archive, len(m.tables), m.total_rows, time.monotonic() - started, scratch, notes
    )


@_translating
def restore_copy(
    archive: Path,
    dsn: str,
    name: str,
    *,
    manifest: Path | None = None,
    progress: Progress | None = None,
    comment: str | None = None,
) -> VerifyResult:
    """Like ``verify``, but the database is kept: ``archive`` restored into a new database
    NAME on the server of ``dsn`` and checked against the manifest, a copy to work on (the
    legacy rehearsal). The caller makes sure NAME is free or its own; it is dropped first,
    and dropped again when the restore or the check fails. ``comment`` is set on the new
    database before anything is restored, so a copy left by a killed restore is known."""
    started = time.monotonic()
    m = read_manifest(archive, manifest)
    check_archive(archive, m, progress=progress)
    notes = ["privileges (GRANTs) and owners are not restored into the copy"]
    drop_database(dsn, name)
    _create_scratch(dsn, name, m.data.get("locale") or {}, notes)
    try:
        if comment is not None:
            comment_database(dsn, name, comment)
        _restore_checked(archive, m, dsn, name, progress, "the copy")
    except BaseException:
        drop_database(dsn, name)
        raise
    seconds = time.monotonic() - started
    return VerifyResult(archive, len(m.tables), m.total_rows, seconds, name, notes)


# How libpq says a connection failed ("connection to server at ... failed: ..." or, on a
# socket, "connection to server on socket ... failed: ...").
_CONNECT_FAILED = re.compile(r"connection to server (at|on socket) .* failed", re.IGNORECASE)


def _restore_checked(
    archive: Path, m: Manifest, dsn: str, target: str, progress: Progress | None, what: str
) -> None:
    """pg_restore ``archive`` into the empty database ``target`` (on the server of ``dsn``)
    and compare every table with the manifest; backup_corrupt or backup_mismatch if not."""
    pg_restore, _ = _pg_restore(dsn, m)
    conninfo, env = _tool_args(dsn, target)
    _say(progress, f"restoring into {what} {target}")
    # A scratch database or a copy to rehearse on: one transaction, no waiting for the disk.
    # Set on the database for the restore's session, not as PGOPTIONS: a connection pooler
    # (PgBouncer) refuses the `options` startup parameter.
    with _database_setting(dsn, target, "synchronous_commit", "off"):
        # Owners and ACLs name roles that may not exist on this server; the data is what is
        # verified, and without them it restores anywhere.
        done = _run_pg_restore(
            [str(pg_restore), "--no-owner", "--no-acl", "--no-publications",
             "--no-subscriptions", "--no-security-labels", "--no-tablespaces",
             "--single-transaction", "--exit-on-error", f"--dbname={conninfo}", str(archive)],
            env,
        )  # fmt: skip
    if done.returncode != 0 and _CONNECT_FAILED.search(done.stderr):
        # Not the archive's fault: say so, instead of calling a good backup corrupt.
        raise DatabaseUnavailable(
            f"pg_restore could not connect to {what} {target} to restore {archive.name}"
            f" (the archive was not read): {_tail(done.stderr)}",
            detail={"scratch_database": target},
            hint="check that this connection also lets pg_restore in (a connection pooler"
            " may refuse startup parameters); the archive is untouched",
        )
    if done.returncode != 0:
        raise EmporiumError(
            f"{archive.name} does not restore: {_tail(done.stderr)}",
            code="backup_corrupt",
            detail={"scratch_database": target},
            hint="when the message names a missing role or extension, verify on the "
            "server the backup came from",
        )
    with connect(make_conninfo(dsn, dbname=target), autocommit=True) as conn:
        actual = checksums.table_checksums(conn, on_table=_per_table(progress))
    differences = checksums.compare(m.tables, actual)
    if differences:
        raise EmporiumError(
            f"{archive.name} does not hold what its manifest says "
            f"({len(differences)} table(s)):\n  " + "\n  ".join(differences),
            code="backup_mismatch",
            detail={"differences": differences, "scratch_database": target},
        )


@_translating
def restore(archive: Path, dsn: str, *, progress: Progress | None = None) -> RestoreResult:
    """Replace what ``archive`` holds in the database of ``dsn`` (one transaction: a failure
    changes nothing), then compare the tables with the manifest.

    Owners and privileges are restored as dumped, so the roles must exist. Tables the
    archive doesn't hold are left as they are (listed in ``extra_tables``).
    """
    started = time.monotonic()
    m = read_manifest(archive)
    check_archive(archive, m, progress=progress)
    pg_restore, target = _pg_restore(dsn, m)
    conninfo, env = _tool_args(dsn)
    _say(progress, f"restoring into {target}")
    done = _run_pg_restore(
        [str(pg_restore), "--clean", "--if-exists", "--single-transaction", "--exit-on-error",
         f"--dbname={conninfo}", str(archive)],
        env,
    )  # fmt: skip
    if done.returncode != 0:
        raise EmporiumError(
            f"restoring {archive.name} into {target} failed: {_tail(done.stderr)}",
            code="restore_failed",
            hint="nothing was changed: the restore runs in one transaction",
        )
    with connect(dsn, autocommit=True) as conn:
        actual = checksums.table_checksums(conn, on_table=_per_table(progress))
    extra = sorted(actual.keys() - m.tables.keys())
    differences = checksums.compare(m.tables, {k: v for k, v in actual.items() if k in m.tables})
    return RestoreResult(
        target, len(m.tables), m.total_rows, time.monotonic() - started, differences, extra
    )
