"""A rehearsal of the reorganization on a copy, so the real run holds no surprise.

``rehearse`` takes a verified backup of the legacy store (or uses one given), restores it
into a copy ``<database>_rehearsal`` (on the same server, or another), runs every phase of
the migration on the copy, writes the report a person reviews before the real run, proves
the way back by rolling the copy back, and drops it. The store itself is only read, by
pg_dump, in one snapshot; with ``from_backup`` it isn't even connected to.

The copy carries a marker (its database comment, JSON): what it is a rehearsal of and
whether its restore was checked. A rehearsal stopped after the restore (killed, or a phase
failed) is resumed by the next one on the same source, where its migration stopped;
``fresh`` starts over from a new backup. A database of the copy's name without the marker
is somebody else's and is never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from emporium.db.connect import connect
from emporium.errors import Conflict, PermissionDenied
from emporium.legacy import phases, report, state
from emporium.legacy.state import PHASES
from emporium.ops import backup, pooler

MARKER = "emporium rehearsal "
SUFFIX = "_rehearsal"


@dataclass
class Plan:
    """Where a rehearsal reads and writes."""

    source_dsn: str | None  # None: rehearse from ``from_backup`` alone
    server_dsn: str  # the server the copy lives on
    options: phases.Options = field(default_factory=phases.Options)
    from_backup: Path | None = None
    keep: bool = False  # keep the migrated copy (and don't rehearse the rollback)
    fresh: bool = False  # start over even when a stopped rehearsal could be resumed


def copy_name(source: str) -> str:
    return f"{source[: 63 - len(SUFFIX)]}{SUFFIX}"


def _dbname(dsn: str) -> str:
    return str(conninfo_to_dict(dsn).get("dbname") or "postgres")


def _marker(server_dsn: str, name: str) -> dict[str, Any] | str | None:
    """The copy's marker; None when no database has NAME; "" when one does without it."""
    with connect(server_dsn, autocommit=True) as conn:
        row = conn.execute(
            "select shobj_description(oid, 'pg_database') from pg_database where datname = %s",
            [name],
        ).fetchone()
    if row is None:
        return None
    text = row[0] or ""
    found: Any = None
    if text.startswith(MARKER):
        try:
            found = json.loads(text[len(MARKER) :])
        except ValueError:
            found = None
    if isinstance(found, dict):
        return found
    # Unmarked: a rehearsal killed between creating its copy and marking it (CREATE DATABASE
    # can't share a transaction with the COMMENT) leaves an empty database. Dropping an
    # empty one loses nothing; anything holding an object of its own is somebody else's.
    return {"restored": False} if _empty(server_dsn, name) else ""


def _marker_text(marker: dict[str, Any]) -> str:
    return MARKER + json.dumps(marker, sort_keys=True)


def _empty(server_dsn: str, name: str) -> bool:
    with connect(make_conninfo(server_dsn, dbname=name), autocommit=True) as conn:
        row = conn.execute(
            "select (select count(*) from pg_class c join pg_namespace n"
            "        on n.oid = c.relnamespace"
            "        where n.nspname not in ('pg_catalog', 'information_schema')"
            "          and n.nspname !~ '^pg_toast')"
            " + (select count(*) from pg_namespace where nspname !~ '^pg_'"
            "        and nspname not in ('public', 'information_schema'))"
            " + (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
            "        where n.nspname not in ('pg_catalog', 'information_schema'))"
            " + (select count(*) from pg_extension where extname <> 'plpgsql')"
        ).fetchone()
    return row is not None and row[0] == 0


def _check_source(dsn: str) -> None:
    """The store must be a legacy store no reorganization has touched yet."""
    with connect(dsn, autocommit=True) as conn:
        if state.reorg_exists(conn):
            done = [p for p, s in state.phase_states(conn).items() if s.status == "done"]
            raise Conflict(
                f"a reorganization has already begun in {_dbname(dsn)!r} (phases done:"
                f" {', '.join(done) or 'none'}): a rehearsal copies the store as it is before",
                code="rehearsal_after_start",
                hint="rehearse from the backup its backup phase verified: `emporium legacy"
                " rehearse --from-backup FILE`; or see `emporium legacy status`",
            )
        schema = phases.check_shape(conn)  # not_legacy_shape, with the differences
        if schema != "public":
            raise Conflict(
                "the legacy tables are in schema legacy, not public: not a store to rehearse",
                code="rehearsal_after_start",
            )


def rehearse(plan: Plan, ui: phases.UI | None = None) -> dict[str, Any]:
    """Rehearse the whole reorganization on a copy; returns the summary (also written as
    ``legacy-rehearsal.md`` and ``.json`` in the options' out_dir, beside the copy's audit
    and report)."""
    ui = ui or phases.UI()
    started = time.monotonic()
    if plan.from_backup is not None:
        manifest = backup.read_manifest(plan.from_backup)
        source = str(manifest.data.get("database") or plan.from_backup.stem)
    else:
        assert plan.source_dsn is not None
        _check_source(plan.source_dsn)
        source = _dbname(plan.source_dsn)
    name = copy_name(source)
    with _alone(plan.server_dsn, name):
        return _rehearse_copy(plan, ui, source, name, started)


@contextlib.contextmanager
def _alone(server_dsn: str, name: str) -> Iterator[None]:
    """One rehearsal per copy at a time: a second would drop the first one's copy under it.
    A session-level advisory lock on the copy's server, held by an idle connection (a
    killed rehearsal's session ends with its process, and the lock with it)."""
    key = int.from_bytes(hashlib.sha256(f"emporium rehearsal {name}".encode()).digest()[:8],
                         "big", signed=True)  # fmt: skip
    with connect(server_dsn, autocommit=True) as conn:
        pooler.require_session(conn, server_dsn, "a rehearsal")
        row = conn.execute("select pg_try_advisory_lock(%s)", [key]).fetchone()
        if not (row and row[0]):
            raise Conflict(
                f"another rehearsal is working on the copy {name!r} now",
                code="rehearsal_running",
                hint="let it finish, or stop it; the next rehearsal resumes where it stopped",
            )
        yield  # the lock ends with the connection, however the rehearsal ends


def _rehearse_copy(
    plan: Plan, ui: phases.UI, source: str, name: str, started: float
) -> dict[str, Any]:
    found = _marker(plan.server_dsn, name)
    if found == "":
        raise Conflict(
            f"a database named {name!r} exists and is not a rehearsal copy: left as it is",
            code="rehearsal_name_taken",
            hint="drop or rename it, or rehearse on another server (--scratch-url)",
        )
    resumable = isinstance(found, dict) and found.get("source") == source and found.get("restored")
    summary: dict[str, Any] = {
        "source": source,
        "source_read": plan.from_backup is None,
        "copy": name,
        "server": _where(plan.server_dsn),
        "resumed": bool(resumable and not plan.fresh),
    }
    if summary["resumed"]:
        assert isinstance(found, dict)
        ui.say(
            f"resuming the rehearsal in {name} (restored from {found.get('archive')} at"
            f" {found.get('at')}); --fresh starts over from a new backup"
        )
        summary.update(archive=found.get("archive"), sha256=found.get("sha256"))
        summary["restore_seconds"] = found.get("restore_seconds")
    else:
        archive = plan.from_backup or _backup_source(plan, ui)
        summary.update(_restore(plan, archive, source, name, ui))
    copy_dsn = make_conninfo(plan.server_dsn, dbname=name)
    ui.say(f"== migrating the copy {name}")
    with tempfile.TemporaryDirectory(prefix="emporium-rehearsal-") as scratch:
        # The copy's own verified backup (its backup phase, timed like the real one's):
        # thrown away with the copy.
        opts = phases.Options(
            out_dir=plan.options.out_dir,
            backup_dir=Path(scratch),
            lock_timeout=plan.options.lock_timeout,
            batch_rows=plan.options.batch_rows,
            connections=plan.options.connections,
        )
        phases.migrate(copy_dsn, options=opts, ui=ui)
    with connect(copy_dsn, autocommit=True) as conn:
        md, js, data = report.write(
            conn,
            plan.options.out_dir,
            backup=summary.get("archive"),
            database=f"{source} (rehearsed on the copy {name})",
        )
        summary["phases"] = _phase_seconds(conn)
    # From move_aside on, the legacy application can't write: its tables are in schema
    # legacy, and the compatibility views that come back with compat are read-only.
    summary["write_freeze_seconds"] = round(
        sum(summary["phases"].get(p) or 0.0 for p in PHASES[PHASES.index("move_aside") :]), 2
    )
    checks = data.get("validation") or []
    summary.update(
        legacy_rows=sum(t["rows"] for t in data["tables"]),
        quarantined=sum(t["quarantined"] for t in data["tables"]),
        decisions=sum(g["count"] for g in data["issues"]),
        review=len(data.get("review") or []),
        checks=len(checks),
        checks_failed=[c["name"] for c in checks if not c.get("ok", True)],
        report=str(md),
        report_json=str(js),
    )
    if plan.keep:
        summary["rollback"] = None
        summary["kept"] = True
        ui.say(f"the migrated copy is kept: {name} (drop it with `dropdb {name}`)")
    else:
        ui.say("== rolling the copy back (the way back, rehearsed)")
        back = phases.rollback(copy_dsn, options=opts, ui=ui)
        summary["rollback"] = {"seconds": back["seconds"], "rows": back["rows"],
                               "tables": back["tables_checked"]}  # fmt: skip
        backup.drop_database(plan.server_dsn, name)
        summary["kept"] = False
    summary["seconds"] = round(time.monotonic() - started, 2)
    summary["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    summary["files"] = _write(summary, plan.options.out_dir)
    return summary


def _where(dsn: str) -> str:
    parts = conninfo_to_dict(dsn)
    return f"{parts.get('host') or 'local socket'}:{parts.get('port') or 5432}"


def _backup_source(plan: Plan, ui: phases.UI) -> Path:
    assert plan.source_dsn is not None
    ui.say(f"== backing up {_dbname(plan.source_dsn)} (read in one snapshot; nothing changes)")
    made = backup.backup(plan.source_dsn, plan.options.backup_dir, progress=ui.say)
    return made.archive


def _restore(plan: Plan, archive: Path, source: str, name: str, ui: phases.UI) -> dict[str, Any]:
    manifest = backup.read_manifest(archive)
    ui.say(f"== restoring {archive.name} into the copy {name}, checked against its manifest")
    marker: dict[str, Any] = {
        "source": source,
        "archive": str(archive),
        "sha256": manifest.archive_sha256,
        "restored": False,  # until the restore is checked: a killed one is started over
    }
    try:
        restored = backup.restore_copy(
            archive,
            plan.server_dsn,
            name,
            progress=ui.say,
            comment=_marker_text(marker),
        )
    except PermissionDenied as exc:
        raise PermissionDenied(
            f"can't create the copy {name!r} to rehearse on: {exc.message}",
            code="rehearsal_no_createdb",
            hint="rehearse on a server where this role may create databases: --scratch-url"
            " (the embedded one works: `emporium db start`)",
        ) from None
    marker.update(
        restored=True,
        restore_seconds=round(restored.seconds, 2),
        at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    backup.comment_database(plan.server_dsn, name, _marker_text(marker))
    return {
        "archive": str(archive),
        "sha256": manifest.archive_sha256,
        "restore_seconds": round(restored.seconds, 2),
        "restored_rows": restored.rows,
        "restored_tables": restored.tables,
    }


def _phase_seconds(conn: Any) -> dict[str, float | None]:
    """Each phase's time on the copy: its last attempt's, for a resumed rehearsal too."""
    out: dict[str, float | None] = {}
    for phase, s in state.phase_states(conn).items():
        took = s.detail.get("seconds") if s.detail else None
        if took is None and s.started_at and s.finished_at:
            took = (s.finished_at - s.started_at).total_seconds()
        out[phase] = round(float(took), 2) if took is not None else None
    return out


def render_markdown(s: dict[str, Any]) -> str:
    lines = [f"# Rehearsal of the reorganization: {s['source']}", ""]
    lines.append(
        f"Finished {s['finished_at']} in {s['seconds']:.1f} s"
        + (" (resumed where a stopped rehearsal left off)." if s["resumed"] else ".")
    )
    lines.append("")
    if s["source_read"]:
        lines.append(
            f"- **The store was not changed**: `{s['source']}` was only read, by pg_dump in"
            f" one snapshot, into `{s['archive']}`."
        )
    else:
        lines.append(f"- **The store was not touched**: rehearsed from `{s['archive']}`.")
    if s.get("restore_seconds") is not None:
        lines.append(
            f"- The copy `{s['copy']}` on {s['server']} was restored from it and checked against"
            f" its manifest in {s['restore_seconds']:.1f} s."
        )
    failed = s["checks_failed"]
    lines.append(
        f"- Validation: {s['checks'] - len(failed)} of {s['checks']} checks pass"
        + (f"; **failing: {', '.join(failed)}**." if failed else ".")
    )
    lines.append(
        f"- {s['legacy_rows']:,} legacy rows: {s['legacy_rows'] - s['quarantined']:,} migrated,"
        f" {s['quarantined']:,} quarantined; {s['decisions']:,} decisions recorded. Read"
        f" [the report]({Path(s['report']).name}) before the real run."
    )
    if s["rollback"]:
        rb = s["rollback"]
        lines.append(
            f"- **The way back, rehearsed**: rollback took {rb['seconds']:.1f} s and put"
            f" {rb['rows']:,} rows of {rb['tables']} legacy tables back with the checksums"
            " taken before the migration. The copy was then dropped."
        )
    else:
        lines.append(f"- The migrated copy `{s['copy']}` is kept for a look around.")
    lines += ["", "## Phases on the copy", "", "| phase | seconds |", "|---|---:|"]
    for phase in PHASES:
        took = s["phases"].get(phase)
        lines.append(f"| {phase} | {'' if took is None else f'{took:.1f}'} |")
    total = sum(v for v in s["phases"].values() if v is not None)
    freeze = s["write_freeze_seconds"]
    lines += [
        f"| **all** | **{total:.1f}** |",
        "",
        _gantt(s["phases"]),
        "",
        f"**Plan a write freeze of about {freeze:.0f} s** (at least {freeze:.1f} s) on the"
        " store: from `move_aside` on, the legacy tables are in schema `legacy` and the"
        " legacy application can't write to them (the compatibility views that come back"
        " with `compat` are read-only), until it is switched to emporium. Stop its writers"
        " before the real run. The times above are this copy's, on this server: on the"
        " store's own server and load they may differ.",
        "",
        "Next: `emporium legacy migrate` runs these phases on the store itself.",
        "",
    ]
    return "\n".join(lines)


def _gantt(seconds: dict[str, float | None]) -> str:
    """The phases one after another as a Mermaid gantt chart (milliseconds), the ones the
    store can't be written in under a section of their own."""
    lines = ["```mermaid", "gantt", "    title phases on the copy", "    dateFormat x",
             "    axisFormat %M:%S", "    section store writable"]  # fmt: skip
    at = 0
    for phase in PHASES:
        if phase == "move_aside":
            lines.append("    section write freeze")
        took = round((seconds.get(phase) or 0.0) * 1000)
        lines.append(f"    {phase} : {at}, {at + max(took, 1)}")
        at += took
    lines.append("```")
    return "\n".join(lines)


def _write(summary: dict[str, Any], out_dir: Path) -> dict[str, str]:
    out_dir.mkdir(parents=True, exist_ok=True)
    md, js = out_dir / "legacy-rehearsal.md", out_dir / "legacy-rehearsal.json"
    files = {"markdown": str(md), "json": str(js)}
    md.write_text(render_markdown(summary))
    js.write_text(json.dumps({**summary, "files": files}, indent=2, default=str) + "\n")
    return files


__all__ = ["Plan", "copy_name", "rehearse", "render_markdown"]
