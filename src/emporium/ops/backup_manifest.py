"""The manifest beside a backup archive: what it holds, and the check that the archive is it.

Split from :mod:`emporium.ops.backup`, which re-exports everything here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from emporium.errors import EmporiumError, InvalidInput, NotFound
from emporium.ops import checksums
from emporium.ops.checksums import TableSum

FORMAT = 1
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Manifest:
    """The parts of a manifest that verify and restore rely on (``data`` holds it all)."""

    path: Path
    data: dict[str, Any]
    tables: dict[str, TableSum]
    archive_bytes: int
    archive_sha256: str
    pg_dump_major: int

    @property
    def created_at(self) -> str:
        return str(self.data.get("created_at", "?"))

    @property
    def database(self) -> str:
        return str(self.data.get("database", "?"))

    @property
    def total_rows(self) -> int:
        return checksums.total_rows(self.tables)


def sha256_of(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


# -------------------------------------------------------------------------- backup


def sum_to_json(s: TableSum) -> dict[str, Any]:
    out: dict[str, Any] = {"rows": s.rows, "checksum": s.checksum}
    if s.partitioned:
        out["partitioned"] = True
    return out


# ------------------------------------------------------------------------ manifest
def manifest_path_for(archive: Path) -> Path:
    """Where backup() put the manifest of ``archive``."""
    if archive.suffix == ".dump":
        return archive.with_suffix(".manifest.json")
    return archive.with_name(archive.name + ".manifest.json")


def read_manifest(archive: Path, manifest: Path | None = None) -> Manifest:
    """The manifest of ``archive`` (beside it unless given), checked for what we need."""
    if not archive.is_file():
        raise NotFound(f"backup archive {archive} does not exist", code="backup_not_found")
    path = manifest or manifest_path_for(archive)
    if not path.is_file():
        raise NotFound(
            f"the manifest of {archive.name} is missing (looked for {path})",
            code="manifest_missing",
            hint="a backup is verifiable only with the manifest written beside it; "
            "pass --manifest when it was moved",
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
        if data.get("checksum_method") != checksums.METHOD:
            raise ValueError(
                f"checksums made with {data.get('checksum_method')!r}; "
                f"this emporium computes {checksums.METHOD!r}"
            )
        tables = {
            str(key): TableSum(int(t["rows"]), str(t["checksum"]), bool(t.get("partitioned")))
            for key, t in data["tables"].items()
        }
        archive_bytes = int(data["archive"]["bytes"])
        archive_sha = str(data["archive"]["sha256"])
        version = str(data["pg_dump"]["version"])
        found = re.search(r"(\d+)(?:\.\d+)?", version)
        dump_major = int(found.group(1)) if found else 0
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InvalidInput(
            f"the manifest {path} can't be used: {exc}", code="manifest_invalid"
        ) from None
    return Manifest(path, data, tables, archive_bytes, archive_sha, dump_major)


def check_archive(archive: Path, manifest: Manifest, *, progress: Progress | None = None) -> None:
    """Raise backup_corrupt unless the archive's size and sha256 are the manifest's."""
    if progress:
        progress(f"sha256 of {archive.name}")
    size = archive.stat().st_size
    if size != manifest.archive_bytes:
        raise EmporiumError(
            f"{archive.name} is corrupt: {size} bytes, the manifest says {manifest.archive_bytes}",
            code="backup_corrupt",
        )
    digest = sha256_of(archive)
    if digest != manifest.archive_sha256:
        raise EmporiumError(
            f"{archive.name} is corrupt: sha256 {digest}, the manifest says "
            f"{manifest.archive_sha256}",
            code="backup_corrupt",
        )
