"""`emporium db backup` / `db restore`: what a person sees, and nothing replaced unconfirmed."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict
from typer.testing import CliRunner

from emporium.cli import app
from emporium.db.connect import Database
from emporium.errors import InvalidInput
from emporium.ops import backup
from emporium.ops.checksums import TableSum
from tests.ops.test_backup import current_sums, make_shop

runner = CliRunner()


@pytest.fixture
def shop(empty_db: Database) -> str:
    make_shop(empty_db.admin_dsn)
    return empty_db.admin_dsn


def dbname(dsn: str) -> str:
    return str(conninfo_to_dict(dsn)["dbname"])


def backed_up_then_changed(dsn: str, out: Path) -> tuple[backup.BackupResult, dict[str, TableSum]]:
    made = backup.backup(dsn, out)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("delete from sales.orders where qty > 50")
    return made, current_sums(dsn)


def test_backup_verify_and_restore_an_emporium_database_through_the_cli(
    fresh_db: Database, tmp_path: Path
) -> None:
    dsn = fresh_db.admin_dsn

    made = runner.invoke(
        app, ["db", "backup", "--database-url", dsn, "--out", str(tmp_path / "bk")]
    )

    assert made.exit_code == 0, made.output
    archives = list((tmp_path / "bk").glob("*.dump"))
    assert len(archives) == 1
    assert f"archive:  {archives[0]}" in made.output
    assert f"manifest: {backup.manifest_path_for(archives[0])}" in made.output
    manifest = backup.read_manifest(archives[0])
    assert f"{len(manifest.tables)} tables, {manifest.total_rows:,} row" in made.output
    assert "public.products" in manifest.tables

    checked = runner.invoke(
        app, ["db", "backup", "--verify", str(archives[0]), "--database-url", dsn]
    )

    assert checked.exit_code == 0, checked.output
    assert f"verified {archives[0]}: {len(manifest.tables)} tables" in checked.output
    assert "dropped" in checked.output

    restored = runner.invoke(
        app, ["db", "restore", str(archives[0]), "--database-url", dsn, "--yes"]
    )

    assert restored.exit_code == 0, restored.output
    assert "every table matches the manifest" in restored.output


def test_restore_aborts_when_the_typed_name_is_wrong(shop: str, tmp_path: Path) -> None:
    made, changed = backed_up_then_changed(shop, tmp_path)

    result = runner.invoke(
        app, ["db", "restore", str(made.archive), "--database-url", shop], input="postgres\n"
    )

    assert result.exit_code == 1
    assert f"REPLACES the contents of database '{dbname(shop)}'" in result.output
    assert "6 tables, 259 rows" in result.output
    assert "nothing was changed" in result.output
    assert current_sums(shop) == changed


def test_restore_refuses_without_yes_when_nobody_can_answer(shop: str, tmp_path: Path) -> None:
    made, changed = backed_up_then_changed(shop, tmp_path)

    result = runner.invoke(
        app, ["db", "restore", str(made.archive), "--database-url", shop], input=""
    )

    assert isinstance(result.exception, InvalidInput)
    assert result.exception.instance_code == "confirmation_required"
    assert "--yes" in (result.exception.hint or "")
    assert current_sums(shop) == changed


@pytest.mark.parametrize("confirm", ["typed name", "--yes"])
def test_restore_replaces_the_data_once_confirmed(shop: str, tmp_path: Path, confirm: str) -> None:
    made, changed = backed_up_then_changed(shop, tmp_path)
    args = ["db", "restore", str(made.archive), "--database-url", shop]

    if confirm == "--yes":
        result = runner.invoke(app, [*args, "--yes"])
    else:
        result = runner.invoke(app, args, input=f"{dbname(shop)}\n")

    assert result.exit_code == 0, result.output
    assert "every table matches the manifest" in result.output
    restored = current_sums(shop)
    assert restored != changed
    assert restored == {
        key: TableSum(t["rows"], t["checksum"]) for key, t in made.manifest_data["tables"].items()
    }
