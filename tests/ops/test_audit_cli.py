"""`emporium db audit` from the command line: progress, a short summary, two report files."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from emporium.cli import app
from emporium.db.connect import Database
from emporium.errors import InvalidInput
from tests.ops.test_audit import build_legacy


def test_db_audit_writes_markdown_and_json_and_prints_the_headlines(
    empty_db: Database, tmp_path: Path
) -> None:
    build_legacy(empty_db.admin_dsn)
    out = tmp_path / "reports"
    result = CliRunner().invoke(
        app,
        ["db", "audit", "--database-url", empty_db.admin_dsn, "--out", str(out), "--sample", "100"],
    )
    assert result.exit_code == 0, result.output
    (md,) = out.glob("audit-*.md")
    (js,) = out.glob("audit-*.json")
    assert md.stem == js.stem
    assert f"report: {md}" in result.output
    assert f"json:   {js}" in result.output
    assert "· relationships" in result.output  # progress, one line per step
    assert "order_items.product_ref matches sneakers.id (44%) and products.id (33%)" in (
        result.output
    )
    data = json.loads(js.read_text())
    assert data["options"] == {"schemas": ["public"], "sample": 100}
    assert "```mermaid" in md.read_text()


def test_db_audit_of_one_schema_only(empty_db: Database, tmp_path: Path) -> None:
    build_legacy(empty_db.admin_dsn)
    with psycopg.connect(empty_db.admin_dsn, autocommit=True) as c:
        c.execute("create schema other; create table other.things (id int primary key)")
    result = CliRunner().invoke(
        app,
        [
            "db",
            "audit",
            "--database-url",
            empty_db.admin_dsn,
            "--out",
            str(tmp_path),
            "--schema",
            "other",
        ],
    )
    assert result.exit_code == 0, result.output
    (js,) = tmp_path.glob("*.json")
    data = json.loads(js.read_text())
    assert [(t["schema"], t["name"]) for t in data["tables"]] == [("other", "things")]


def test_db_audit_of_an_unknown_schema_fails_clearly(empty_db: Database, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "db",
            "audit",
            "--database-url",
            empty_db.admin_dsn,
            "--out",
            str(tmp_path),
            "--schema",
            "nope",
        ],
    )
    assert isinstance(result.exception, InvalidInput)
    assert result.exception.instance_code == "unknown_schema"
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("sample", ["0", "-5"])
def test_db_audit_refuses_a_sample_below_one(sample: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["db", "audit", "--database-url", "postgresql://x@127.0.0.1:1/x", "--sample", sample]
    )
    assert result.exit_code == 2
    assert "--sample" in result.output
