"""Finding PostgreSQL client tools (pg_dump, pg_restore, psql) new enough for a server."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
from pathlib import Path

from emporium.db.embedded import _installed_pg_root
from emporium.errors import ConfigError


def _major(binary: Path) -> int | None:
    try:
        out = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, timeout=10
        ).stdout
    except OSError:
        return None
    m = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(m.group(1)) if m else None


def candidates(tool: str) -> list[Path]:
    found: list[Path] = []
    with contextlib.suppress(ConfigError):  # no embedded install: system tools only
        found.append(_installed_pg_root() / "bin" / tool)
    found += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"), reverse=True)
    on_path = shutil.which(tool)
    if on_path:
        found.append(Path(on_path))
    return [p for p in found if p.exists()]


def find_tool(tool: str, server_major: int) -> Path:
    """The first `tool` whose major version is >= the server's.

    pg_dump refuses to dump a server newer than itself.
    """
    seen: list[str] = []
    for path in candidates(tool):
        major = _major(path)
        seen.append(f"{path} ({major})")
        if major is not None and major >= server_major:
            return path
    raise ConfigError(
        f"no {tool} of version {server_major} or newer was found "
        f"(seen: {', '.join(seen) or 'none'})",
        code="pg_tool_missing",
        hint=f"install the PostgreSQL {server_major} client tools, "
        f"e.g. apt-get install postgresql-client-{server_major}",
    )
