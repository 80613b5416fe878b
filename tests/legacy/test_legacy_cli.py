"""`emporium legacy migrate | status | validate | report | rollback` as a person runs them,
through the Typer app: what they print, what they write, what they leave behind."""

from __future__ import annotations

import json
import re

import psycopg
from typer.testing import CliRunner

from emporium.cli import app
from emporium.legacy.state import ADVISORY_KEY, LEGACY_TABLES, PHASES
from emporium.legacy.transform import STEPS
from tests.legacy import support
from tests.legacy.conftest import MakeLegacy

runner = CliRunner()


def test_migrate_status_validate_report_and_rollback_through_the_cli(
    make_legacy: MakeLegacy,
) -> None:
    db = make_legacy(scale=0.3, seed=31)
    before = support.legacy_sums(db.dsn, "public")
    url = ["--database-url", db.dsn]
    out = db.tmp / "report-out"

    status = runner.invoke(app, ["legacy", "status", *url])
    assert status.exit_code == 0, status.output
    assert "legacy tables: public" in status.output
    assert "no reorganization started here" in status.output

    migrated = runner.invoke(app, [*support.migrate_args(db.dsn, db.tmp), "--batch-rows", "500"])
    assert migrated.exit_code == 0, migrated.output
    for phase in PHASES:
        assert re.search(rf"✓ {phase} \(\d+\.\ds\)", migrated.output), phase
    assert "ok    order totals to the cent" in migrated.output
    assert "FAIL" not in migrated.output
    assert list((db.tmp / "backups").glob("*.dump")), "the verified backup"
    assert list((db.tmp / "reports").glob("legacy-audit*.md")), "the audit report"

    status = runner.invoke(app, ["legacy", "status", *url])
    assert status.exit_code == 0, status.output
    assert "legacy tables: legacy" in status.output
    assert "no migrator is working now" in status.output
    assert "marked running" not in status.output
    with psycopg.connect(db.dsn, autocommit=True, application_name="someone else") as other:
        other.execute("select pg_advisory_lock(%s)", [ADVISORY_KEY])  # a migrator at work
        holder = other.info.backend_pid
        busy = runner.invoke(app, ["legacy", "status", *url])
    assert busy.exit_code == 0, busy.output
    assert f"a migrator is working now: backend {holder} (someone else, user" in " ".join(
        busy.output.split()
    )
    lines = status.output.splitlines()
    for phase in PHASES:
        assert any(re.match(rf"^\W*{phase}\W+done\W", line) for line in lines), phase
    for step in STEPS:
        assert any(re.match(rf"^\W*{step.name}\W+yes\W", line) for line in lines), step.name

    checked = runner.invoke(app, ["legacy", "validate", *url])
    assert checked.exit_code == 0, checked.output
    assert "all checks pass" in checked.output

    reported = runner.invoke(app, ["legacy", "report", *url, "--out", str(out)])
    assert reported.exit_code == 0, reported.output
    md, js = out / "legacy-report.md", out / "legacy-report.json"
    assert f"report: {md}" in reported.output
    assert f"json:   {js}" in reported.output
    data = json.loads(js.read_text())
    tables = {t["table"]: t for t in data["tables"]}
    assert list(tables) == list(LEGACY_TABLES)
    for table, n in db.counts.items():
        t = tables[table]
        assert (t["rows"], t["balanced"]) == (n, True), table
        assert t["mapped"] + t["quarantined"] == n, table
    assert tables["order_items"]["quarantined"] == support.scalar(
        db.dsn,
        "select count(*) from reorg.legacy_quarantine where legacy_table = 'order_items'",
    )
    assert {p: s["status"] for p, s in data["phases"].items()} == support.all_done()
    assert data["validation"]
    assert all(c["ok"] for c in data["validation"])
    reasons = {(g["legacy_table"], g["reason"]) for g in data["quarantine"]}
    assert ("order_items", "orphan_order_item") in reasons
    issues = {(g["legacy_table"], g["reason"]): g for g in data["issues"]}
    assert issues[("sneakers", "negative_stock")]["count"] == support.scalar(
        db.dsn, "select count(*) from legacy.sneakers where quantity < 0"
    )
    assert all(len(g["examples"]) <= 5 for g in data["issues"])
    assert data["backup"]
    assert data["backup"].endswith(".dump")
    text = md.read_text()
    assert "every row accounted for" in text
    assert "all checks pass" in text
    total = sum(db.counts.values())
    assert f"**{total:,} legacy rows**" in text

    rolled = runner.invoke(app, ["legacy", "rollback", *url, "--yes"])
    assert rolled.exit_code == 0, rolled.output
    assert f"{len(LEGACY_TABLES)} legacy tables, {total:,} rows" in rolled.output
    assert "checksums equal to before the migration" in rolled.output
    assert support.legacy_sums(db.dsn, "public") == before

    status = runner.invoke(app, ["legacy", "status", *url])
    assert "no reorganization started here" in status.output


def test_report_and_rollback_where_nothing_was_migrated_say_so(make_legacy: MakeLegacy) -> None:
    db = make_legacy(scale=0.1, seed=32)
    url = ["--database-url", db.dsn]
    reported = runner.invoke(app, ["legacy", "report", *url, "--out", str(db.tmp)])
    assert reported.exception is not None
    assert getattr(reported.exception, "instance_code", None) == "nothing_to_report"
    rolled = runner.invoke(app, ["legacy", "rollback", *url, "--yes"])
    assert getattr(rolled.exception, "instance_code", None) == "nothing_to_roll_back"
    assert "reorg" not in support.schemas(db.dsn)
