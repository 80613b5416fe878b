"""The reorganization benchmark: migrate a demo legacy store of ~1M rows, and roll back.

What is measured (``emporium bench legacy``), on the configured server, in a database of its
own (``emporium_bench_legacy``, dropped afterwards):

- **phases**: the migrator runs as a separate process (``emporium legacy migrate --yes``),
  exactly as an operator runs it; each phase's time comes from ``reorg.runs`` and each
  transform step's from ``reorg.steps``. Rows/s is legacy rows over seconds.
- **raw limit**: in the same database and run, before migrating, one ``CREATE TABLE AS
  SELECT *`` per legacy table: reading and writing every legacy row once, the least any
  migration must do. The ratio is our transform's rows/s over that.
- **memory**: the migrator process's own peak RSS (the child reports it at exit; ``wait4``
  would also count the pg_dump and pg_restore it runs), at two scales (by default the
  target and an eighth of it): flat when the work stays in the server, in batches.
- **output floor**: in the same run, after migrating, what the transform wrote is written
  again as plainly as PostgreSQL can: one ``CREATE TABLE AS SELECT *`` per table it filled
  (and the row map, quarantine and issues), then every index those tables carry, on as many
  connections as the transform, largest table first. No parsing, no joins, no foreign-key
  checks, every row already in memory: the least any migration producing the same rows and
  indexes needs on this machine. Legacy rows over those seconds is the best rate a target
  can ask of this machine (docs/legacy.md, "The output floor").
- **rollback**: ``emporium legacy rollback --yes`` as a process, wall time.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from psycopg import sql
from rich.table import Table

from emporium import __version__
from emporium.bench.reserve import create_database, drop_database
from emporium.db.connect import connect
from emporium.legacy import crew, demo_db, transform
from emporium.legacy.state import ACCOUNTING, LEGACY_TABLES, PHASES

DATABASE = "emporium_bench_legacy"
Say = Callable[[str], None]


# The child reports its own peak RSS on exit, as VmHWM: that belongs to the memory image
# exec gave it, whereas ru_maxrss (and wait4's figure) also count the parent's pages the
# child held between fork and exec, and the pg_dump/pg_restore processes it ran.
_CHILD = (
    "import atexit, re, resource, sys\n"
    "def _peak():\n"
    "    try:\n"
    "        text = open('/proc/self/status').read()\n"
    "        return int(re.search(r'VmHWM:\\s+(\\d+)', text).group(1))\n"
    "    except (OSError, AttributeError):\n"
    "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "atexit.register(lambda: print('@@maxrss', _peak(), file=sys.stderr))\n"
    "from emporium.cli import main\n"
    "sys.argv = ['emporium', *sys.argv[1:]]\n"
    "main()\n"
)


def _run_cli(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int, str]:
    """Run `emporium ARGS` as a child: (seconds, its own peak RSS in KiB, the peak of its
    process tree with pg_dump/pg_restore in KiB, output)."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD, *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        text = out.read()
    own = [int(line.split()[1]) for line in text.splitlines() if line.startswith("@@maxrss ")]
    if proc.returncode != 0:
        raise RuntimeError(
            f"emporium {' '.join(args[:2])} failed ({proc.returncode}):\n{text[-3000:]}"
        )
    return seconds, own[-1] if own else int(usage.ru_maxrss), int(usage.ru_maxrss), text


def _raw_limit(dsn: str) -> dict[str, Any]:
    """CREATE TABLE AS SELECT * of every legacy table: rows/s of reading + writing each once."""
    with connect(dsn, autocommit=True) as conn:
        conn.execute("create schema bench_raw")
        rows, started = 0, time.monotonic()
        for t in LEGACY_TABLES:
            cur = conn.execute(
                sql.SQL("create table {} as select * from {}").format(
                    sql.Identifier("bench_raw", t), sql.Identifier("public", t)
                )
            )
            rows += cur.rowcount
        seconds = time.monotonic() - started
        conn.execute("drop schema bench_raw cascade")
    return {"rows": rows, "seconds": round(seconds, 3), "rows_per_s": round(rows / seconds)}


FLOOR_SCHEMA = "bench_floor"


def _output_floor(dsn: str, workers: int, legacy_rows: int) -> dict[str, Any]:
    """Write what the transform wrote again, plainly: per table (largest first, on
    ``workers`` connections) one ``CREATE TABLE AS SELECT *`` and then each of its indexes,
    as the migrated schema defines them. The copies are dropped afterwards."""
    tables = [f"public.{t}" for t in transform.written_tables()] + list(ACCOUNTING)
    with connect(dsn, autocommit=True) as conn:
        conn.execute("set search_path = ''")  # index definitions name their table in full
        found = conn.execute(
            "select t, pg_total_relation_size(t::regclass),"
            "       array(select pg_get_indexdef(x.indexrelid) from pg_index x"
            "             where x.indrelid = t::regclass order by x.indexrelid)"
            " from unnest(%s::text[]) t",
            [tables],
        ).fetchall()
        conn.execute(sql.SQL("create schema {}").format(sql.Identifier(FLOOR_SCHEMA)))
        try:
            jobs = [
                _floor_job(table, indexes)
                for table, _size, indexes in sorted(found, key=lambda r: (-int(r[1]), str(r[0])))
            ]
            started = time.monotonic()
            crew.each(conn, dsn, workers, jobs, name="floor")
            seconds = time.monotonic() - started
            counts = sql.SQL(" + ").join(
                sql.SQL("(select count(*) from {})").format(
                    sql.Identifier(FLOOR_SCHEMA, table.split(".")[1])
                )
                for table, _size, _indexes in found
            )
            rows_row = conn.execute(sql.SQL("select ") + counts).fetchone()
        finally:
            conn.execute(
                sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(FLOOR_SCHEMA))
            )
    rows = int(rows_row[0]) if rows_row else 0
    return {
        "tables": len(found),
        "indexes": sum(len(indexes) for _t, _s, indexes in found),
        "rows": rows,
        "connections": workers,
        "seconds": round(seconds, 3),
        "legacy_rows_per_s": round(legacy_rows / seconds) if seconds else None,
    }


def _floor_job(table: str, indexes: list[str]) -> list[sql.SQL | sql.Composed]:
    """One table's copy and its indexes (same names: the copy lives in a schema of its own),
    with the settings the transform's own statements run under."""
    name = table.split(".")[1]
    target = sql.Identifier(FLOOR_SCHEMA, name)
    source = sql.Identifier(*table.split("."))
    on = f" ON {table} USING "
    unknown = [index for index in indexes if on not in index]
    if unknown:  # never measure a floor with an index quietly left out
        raise RuntimeError(f"can't copy these index definitions of {table}: {unknown}")
    return [
        sql.SQL("set synchronous_commit = off"),
        sql.SQL("set maintenance_work_mem = '256MB'"),
        sql.SQL("set work_mem = '128MB'"),
        sql.SQL("create table {} as select * from {}").format(target, source),
        *(sql.SQL(index.replace(on, f" ON {FLOOR_SCHEMA}.{name} USING ", 1)) for index in indexes),
    ]


def _figures(dsn: str) -> dict[str, Any]:
    with connect(dsn) as conn:
        phases = conn.execute(
            "select phase, extract(epoch from finished_at - started_at)::float, rows"
            " from reorg.runs where status = 'done' order by id"
        ).fetchall()
        # When each step ended, from the transform's start: a step that ran uninterrupted (as
        # here) started its seconds before that.
        steps = conn.execute(
            "select s.step, s.rows, s.seconds, extract(epoch from s.updated_at - r.started_at)"
            " from reorg.steps s, (select started_at from reorg.runs where phase = 'transform'"
            "                      and status = 'done' order by id desc limit 1) r"
            " order by s.updated_at - make_interval(secs => s.seconds)"
        ).fetchall()
        legacy = conn.execute("select sum(rows) from reorg.baseline").fetchone()
        targets = conn.execute(
            "select count(*), count(distinct (legacy_table, legacy_key)) from reorg.legacy_row_map"
        ).fetchone()
    rows = int(legacy[0]) if legacy and legacy[0] else 0
    return {
        "legacy_rows": rows,
        "row_map_entries": int(targets[0]) if targets else 0,
        "phases": [
            {"phase": p, "seconds": round(s, 3), "rows_per_s": round(rows / s) if s else None}
            for p, s, _r in phases
        ],
        "steps": [
            {
                "step": st,
                "rows": int(r),
                "seconds": round(float(s), 3),
                "rows_per_s": round(int(r) / float(s)) if s else None,
                "start_s": round(max(0.0, float(end) - float(s)), 3),
                "end_s": round(float(end), 3),
            }
            for st, r, s, end in steps
        ],
    }


def run_once(server_dsn: str, scale: float, seed: int, say: Say) -> dict[str, Any]:
    dsn = create_database(server_dsn, DATABASE)
    try:
        started = time.monotonic()
        counts = demo_db.create(dsn, scale=scale, seed=seed)
        say(
            f"scale {scale:g}: {sum(counts.values()):,} legacy rows generated "
            f"({time.monotonic() - started:.1f}s, not measured)"
        )
        raw = _raw_limit(dsn)
        say(f"raw limit: {raw['rows_per_s']:,} rows/s (CREATE TABLE AS SELECT *)")
        with tempfile.TemporaryDirectory(prefix="emporium-bench-legacy-") as tmp:
            wall, rss, tree_rss, _out = _run_cli(
                [
                    "legacy",
                    "migrate",
                    "--database-url",
                    dsn,
                    "--yes",
                    "--out",
                    tmp,
                    "--backup-dir",
                    tmp,
                ]
            )
        figures = _figures(dsn)
        say(
            f"migrated in {wall:.1f}s, migrator peak RSS {rss / 1024:.0f} MiB"
            f" ({tree_rss / 1024:.0f} MiB with pg_dump/pg_restore)"
        )
        floor = _output_floor(dsn, transform.STEP_WORKERS, figures["legacy_rows"])
        say(
            f"output floor: {floor['rows'] / 1e6:.2f}M rows + {floor['indexes']} indexes in"
            f" {floor['seconds']:.1f}s = {floor['legacy_rows_per_s']:,} legacy rows/s at best"
        )
        rollback_s, rollback_rss, _tree, _ = _run_cli(
            ["legacy", "rollback", "--database-url", dsn, "--yes"]
        )
        say(f"rolled back in {rollback_s:.1f}s")
    finally:
        drop_database(server_dsn, DATABASE)
    phase = next((p for p in figures["phases"] if p["phase"] == "transform"), None)
    ours = phase["rows_per_s"] if phase else None
    return {
        "scale": scale,
        "seed": seed,
        **figures,
        "migrate_wall_seconds": round(wall, 3),
        "migrator_peak_rss_kib": rss,
        "process_tree_peak_rss_kib": tree_rss,
        "rollback_seconds": round(rollback_s, 3),
        "rollback_peak_rss_kib": rollback_rss,
        "raw_limit": raw,
        "transform_rows_per_s": ours,
        "transform_vs_raw": round(ours / raw["rows_per_s"], 3) if ours else None,
        "output_floor": floor,
        "transform_vs_floor": (
            round(ours / floor["legacy_rows_per_s"], 3)
            if ours and floor["legacy_rows_per_s"]
            else None
        ),
    }


# The targets for about 1M legacy rows.
TARGETS = {"transform_rows_per_s": 50_000, "rollback_seconds": 10}


def floor_vs_target(run: dict[str, Any], targets: dict[str, Any]) -> float | None:
    """The output floor's rate over the target rate. Below 1, merely writing what the
    transform writes (with nothing parsed, joined or checked) is slower on this machine than
    the target allows the whole transform: the target is out of this machine's reach,
    whatever the transform does. Above 1, it leaves that much room for the work itself."""
    floor = run["output_floor"]["legacy_rows_per_s"]
    return round(floor / targets["transform_rows_per_s"], 3) if floor else None


def run(
    server_dsn: str, *, scale: float, small_scale: float, seed: int, say: Say
) -> dict[str, Any]:
    load_before = os.getloadavg()
    runs = [run_once(server_dsn, s, seed, say) for s in (small_scale, scale) if s > 0]
    for r in runs:
        r["floor_vs_target"] = floor_vs_target(r, TARGETS)
    return {
        "benchmark": "legacy",
        "emporium": __version__,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "load_average": {
            "before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in os.getloadavg()],
        },
        "targets": TARGETS,
        "workers": transform.STEP_WORKERS,
        "runs": runs,
    }


@dataclass(frozen=True)
class Grid:
    """One table of the report, printed by the CLI (rich) and written to the markdown."""

    title: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    left: frozenset[str] = frozenset()  # columns aligned left (the others right)
    caption: str | None = None

    def rich(self) -> Table:
        table = Table(title=self.title, caption=self.caption)
        for col in self.columns:
            table.add_column(col, justify="left" if col in self.left else "right")
        for row in self.rows:
            table.add_row(*row)
        return table

    def markdown(self) -> str:
        def line(cells: Iterable[str]) -> str:
            return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

        align = ["---" if c in self.left else "---:" for c in self.columns]
        out = [f"### {self.title}", "", line(self.columns), line(align)]
        out += [line(row) for row in self.rows]
        if self.caption:
            out += ["", self.caption]
        return "\n".join(out)


def phases_grid(report: dict[str, Any]) -> Grid:
    """Each run's phases: seconds, and legacy rows/s where a phase reads every legacy row."""
    rows = []
    for r in report["runs"]:
        by_phase = {p["phase"]: p for p in r["phases"]}
        cells = [
            f"{by_phase[p]['seconds']:.1f}s"
            + (
                f" · {by_phase[p]['rows_per_s']:,}/s"
                if p in ("audit", "backup", "transform")
                else ""
            )
            if p in by_phase
            else "-"
            for p in PHASES
        ]
        rows.append(
            (f"{r['scale']:g}", f"{r['legacy_rows']:,}", *cells, f"{r['migrate_wall_seconds']:.1f}")
        )
    return Grid(
        "emporium bench legacy: phases (rows/s = legacy rows / seconds)",
        ("scale", "legacy rows", *PHASES, "wall s"),
        rows,
        left=frozenset({"scale"}),
    )


def render_table(report: dict[str, Any]) -> Table:
    return phases_grid(report).rich()


def limits_grid(report: dict[str, Any]) -> Grid:
    """Each run against the limits measured in it (the raw limit, the output floor) and
    against the targets."""
    targets = report["targets"]
    want_rate, want_rollback = targets["transform_rows_per_s"], targets["rollback_seconds"]
    rows = []
    for r in report["runs"]:
        floor = r["output_floor"]
        ours, rollback = r["transform_rows_per_s"], r["rollback_seconds"]
        room = floor_vs_target(r, targets)
        rows.append(
            (
                f"{r['scale']:g}",
                f"{ours:,} ({_verdict(ours >= want_rate)} {want_rate:,})" if ours else "-",
                f"{r['raw_limit']['rows_per_s']:,}",
                f"{r['transform_vs_raw']:.3f}" if r["transform_vs_raw"] else "-",
                f"{floor['seconds']:.1f}s · {floor['legacy_rows_per_s']:,}/s",
                f"{r['transform_vs_floor']:.2f}" if r["transform_vs_floor"] else "-",
                "-" if room is None else f"{room:.2f}" + (" (out of reach)" if room < 1 else ""),
                f"{r['migrator_peak_rss_kib'] / 1024:.0f}",
                f"{rollback:.1f} ({_verdict(rollback < want_rollback)} < {want_rollback})",
            )
        )
    return Grid(
        "against the limits measured in the same run, and the targets",
        (
            "scale",
            "transform rows/s",
            "raw limit rows/s",
            "transform/raw",
            "output floor",
            "transform/floor",
            "floor/target",
            "peak RSS MiB",
            "rollback s",
        ),
        rows,
        caption=(
            "floor/target: the output floor's rate over the target rate. Below 1, merely"
            " writing what the transform writes is slower here than the target allows the"
            " whole transform (out of this machine's reach); above 1, the room left for"
            " parsing, joining and checking."
        ),
    )


def limits_table(report: dict[str, Any]) -> Table:
    return limits_grid(report).rich()


def _verdict(met: bool) -> str:
    return "meets" if met else "misses"


TIMELINE_WIDTH = 40  # characters for the transform's whole wall time


def _transform_seconds(run: dict[str, Any]) -> float:
    return float(next((p["seconds"] for p in run["phases"] if p["phase"] == "transform"), 0.0))


def steps_grid(report: dict[str, Any]) -> Grid:
    """The transform's steps in the order they started, each with when it ran (a bar on the
    transform's wall time), and how busy the connections were."""
    run = report["runs"][-1]
    steps = run["steps"]
    wall = _transform_seconds(run)
    busy = sum(s["seconds"] for s in steps)
    workers = report.get("workers", transform.STEP_WORKERS)
    caption = (
        f"{busy:.1f}s of steps in {wall:.1f}s on {workers} connections: "
        f"{busy / (wall * workers):.0%} of their time"
        " (restore also builds on the second connection, uncounted)"
        if wall
        else None
    )
    rows = [
        (
            s["step"],
            f"{s['rows']:,}",
            f"{s['seconds']:.2f}",
            f"{s['rows_per_s']:,}" if s["rows_per_s"] else "-",
            f"{s['start_s']:.1f}-{s['end_s']:.1f}" if "start_s" in s else "-",
            _bar(s.get("start_s"), s.get("end_s"), wall),
        )
        for s in steps
    ]
    return Grid(
        "transform steps (largest run), in the order they started",
        ("step", "rows", "seconds", "rows/s", "from-to s", "when"),
        rows,
        left=frozenset({"step", "when"}),
        caption=caption,
    )


def steps_table(report: dict[str, Any]) -> Table:
    return steps_grid(report).rich()


def _bar(start: float | None, end: float | None, wall: float) -> str:
    """A step's stretch of the transform's wall time, in TIMELINE_WIDTH characters."""
    if start is None or end is None or wall <= 0:
        return ""
    scale = TIMELINE_WIDTH / wall
    first = min(TIMELINE_WIDTH - 1, int(start * scale))
    last = max(first + 1, min(TIMELINE_WIDTH, round(end * scale)))
    return "·" * first + "█" * (last - first) + "·" * (TIMELINE_WIDTH - last)


def gantt(report: dict[str, Any]) -> str:
    """The largest run's steps as a Mermaid gantt chart (milliseconds from the transform's
    start), for the markdown report."""
    run = report["runs"][-1]
    lines = [
        "```mermaid",
        "gantt",
        f"    title transform steps at scale {run['scale']:g}"
        f" ({_transform_seconds(run):.1f}s, {report.get('workers', transform.STEP_WORKERS)}"
        " connections)",
        "    dateFormat x",
        "    axisFormat %M:%S",
        "    section steps",
    ]
    for s in run["steps"]:
        if "start_s" in s:
            begin, end = round(s["start_s"] * 1000), round(s["end_s"] * 1000)
            lines.append(f"    {s['step']} : {begin}, {max(end, begin + 1)}")
    lines.append("```")
    return "\n".join(lines)


def markdown(report: dict[str, Any]) -> str:
    """The report for people: the three tables and the steps' chart."""
    machine, load = report["machine"], report["load_average"]
    head = [
        "# emporium bench legacy",
        "",
        f"{report['at']}, emporium {report['emporium']}, {machine['cpus']} CPUs,"
        f" {machine['platform']}, Python {machine['python']};"
        f" load average {load['before']} before, {load['after']} after.",
        "Targets: >= {:,} legacy rows/s through transform, rollback under {} s, memory flat"
        " (peak RSS alike at both scales).".format(
            report["targets"]["transform_rows_per_s"], report["targets"]["rollback_seconds"]
        ),
    ]
    parts = [
        "\n".join(head),
        phases_grid(report).markdown(),
        limits_grid(report).markdown(),
        steps_grid(report).markdown(),
        gantt(report),
    ]
    return "\n\n".join(parts) + "\n"


def write_report(report: dict[str, Any], path: Path) -> Path:
    """The JSON at ``path`` and the markdown beside it (same name, ``.md``); returns the
    markdown's path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n")
    md = path.with_suffix(".md")
    md.write_text(markdown(report))
    return md
